/*
** pack.c: compressing stored values with zlib, and the SQL function that
** reads them back (see pack.h).
*/
#include "pack.h"

#include <string.h>
#include <zlib.h>

/* Speed over the last few per cent: the workers compress every record. */
#define PACK_LEVEL 1

vb_status vb_pack(const char *s, size_t n, unsigned char **out,
                  size_t *outn) {
  *out = NULL;
  *outn = 0;
  if (n > VB_PACK_MAX_BYTES) return VB_ELIMIT;
  uLongf cap = compressBound((uLong)n);
  unsigned char *z = vb_malloc(cap ? cap : 1);
  if (!z) return VB_ENOMEM;
  if (compress2(z, &cap, (const Bytef *)s, (uLong)n, PACK_LEVEL) != Z_OK ||
      cap >= n) {
    /* Not smaller: the bytes themselves (sqlar's rule: length == size). */
    if (n) memcpy(z, s, n);
    cap = (uLongf)n;
  }
  *out = z;
  *outn = (size_t)cap;
  return VB_OK;
}

/* sqlar_uncompress(data, size): data itself when size <= 0 or equals its
** length, else the inflated bytes, which must be exactly size long. */
static void uncompress_fn(sqlite3_context *ctx, int argc,
                          sqlite3_value **argv) {
  (void)argc;
  sqlite3_int64 size = sqlite3_value_int64(argv[1]);
  int n = sqlite3_value_bytes(argv[0]);
  if (size <= 0 || size == n) {
    sqlite3_result_value(ctx, argv[0]);
    return;
  }
  if ((size_t)size > VB_PACK_MAX_BYTES) {
    sqlite3_result_error(ctx, "stored value too large", -1);
    return;
  }
  const Bytef *z = sqlite3_value_blob(argv[0]);
  unsigned char *buf = sqlite3_malloc64((sqlite3_uint64)size);
  if (!buf) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  uLongf got = (uLongf)size;
  if (uncompress(buf, &got, z, (uLong)n) != Z_OK ||
      got != (uLongf)size) {
    sqlite3_free(buf);
    sqlite3_result_error(ctx, "damaged stored value", -1);
    return;
  }
  sqlite3_result_blob64(ctx, buf, (sqlite3_uint64)got, sqlite3_free);
}

vb_status vb_pack_register(sqlite3 *db) {
  int rc = sqlite3_create_function(db, "sqlar_uncompress", 2,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                                       SQLITE_INNOCUOUS,
                                   NULL, uncompress_fn, NULL, NULL);
  return rc == SQLITE_OK ? VB_OK : VB_ENOMEM;
}
