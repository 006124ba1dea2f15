/*
** pack.h: compressed values of the index (internal to index/).
**
** A compressed value is stored as SQLite Archive files store theirs: the
** zlib stream (RFC 1950) of the bytes beside their size, or the bytes
** themselves when compressing would not make them smaller (then the
** stored length equals the size).  The SQL function
** sqlar_uncompress(data, size) gives the bytes back; the sqlite3 shell
** has the same function, so the views built on it read there too.
*/
#ifndef VB_PACK_H
#define VB_PACK_H

#include <sqlite3.h>
#include <stddef.h>

#include "vb.h"

/* The largest value sqlar_uncompress() gives back; a larger stated size is
** refused as damaged. */
#define VB_PACK_MAX_BYTES ((size_t)1 << 30)

/* Compress n bytes of s: *out (vb_malloc'd, caller frees with vb_free) and
** *outn; when compressing does not pay, *out is a copy of s and *outn = n.
** Errors: VB_ENOMEM, VB_ELIMIT (n over VB_PACK_MAX_BYTES). */
vb_status vb_pack(const char *s, size_t n, unsigned char **out,
                  size_t *outn) VB_MUST_CHECK;

/* Register sqlar_uncompress() with db.  Returns VB_OK or VB_ENOMEM. */
vb_status vb_pack_register(sqlite3 *db) VB_MUST_CHECK;

#endif /* VB_PACK_H */
