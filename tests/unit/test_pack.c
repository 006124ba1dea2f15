/*
** test_pack.c: compressed values of the index (index/pack.h).
**
**   - a record-like text is stored smaller and sqlar_uncompress() gives
**     the same bytes back;
**   - bytes that do not compress are stored as they are (length = size)
**     and come back unchanged;
**   - a damaged stream or a size over the limit is an SQL error, never a
**     crash or a wrong value.
*/
#include <sqlite3.h>
#include <string.h>

#include "index/pack.h"
#include "vbtest.h"

/* sqlar_uncompress(data, size) of the bytes z[0..zn) on db: the result
** bytes copied to out (cap bytes), their count, or -1 on an SQL error. */
static long unpack(sqlite3 *db, const void *z, size_t zn, long size,
                   char *out, size_t cap) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(db, "SELECT sqlar_uncompress(?1, ?2)", -1, &s,
                         NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_blob(s, 1, z, (int)zn, SQLITE_STATIC);
  sqlite3_bind_int64(s, 2, size);
  long n = -1;
  if (sqlite3_step(s) == SQLITE_ROW) {
    n = sqlite3_column_bytes(s, 0);
    if ((size_t)n <= cap) memcpy(out, sqlite3_column_blob(s, 0), (size_t)n);
  }
  sqlite3_finalize(s);
  return n;
}

int main(void) {
  sqlite3 *db = NULL;
  VB_CHECK_INT(sqlite3_open(":memory:", &db), SQLITE_OK);
  VB_CHECK_INT(vb_pack_register(db), VB_OK);
  static char text[20000], back[20000];
  size_t n = 0;
  while (n + 64 < sizeof text)
    n += (size_t)snprintf(text + n, sizeof text - n,
                          "{\"name\":\"Sở Lao động %zu\",\"line\":%zu},", n % 7,
                          n);
  unsigned char *z = NULL;
  size_t zn = 0;
  VB_CHECK_INT(vb_pack(text, n, &z, &zn), VB_OK);
  VB_CHECK(zn > 0 && zn < n / 2);
  VB_CHECK_INT(unpack(db, z, zn, (long)n, back, sizeof back), (long)n);
  VB_CHECK(memcmp(back, text, n) == 0);

  /* damaged: a byte of the stream changed, or a wrong size */
  z[zn / 2] ^= 0x55;
  VB_CHECK_INT(unpack(db, z, zn, (long)n, back, sizeof back), -1);
  z[zn / 2] ^= 0x55;
  VB_CHECK_INT(unpack(db, z, zn, (long)n + 1, back, sizeof back), -1);
  VB_CHECK_INT(unpack(db, z, zn, (long)VB_PACK_MAX_BYTES + 1, back,
                      sizeof back), -1);
  vb_free(z);

  /* bytes that do not compress are kept as they are */
  unsigned char noise[256];
  unsigned x = 12345;
  for (size_t i = 0; i < sizeof noise; i++) {
    x = x * 1103515245u + 12345u;
    noise[i] = (unsigned char)(x >> 16);
  }
  VB_CHECK_INT(vb_pack((const char *)noise, sizeof noise, &z, &zn), VB_OK);
  VB_CHECK_INT((long)zn, (long)sizeof noise);
  VB_CHECK(memcmp(z, noise, sizeof noise) == 0);
  VB_CHECK_INT(unpack(db, z, zn, (long)zn, back, sizeof back),
               (long)sizeof noise);
  VB_CHECK(memcmp(back, noise, sizeof noise) == 0);
  vb_free(z);
  sqlite3_close(db);
  return vb_test_done();
}
