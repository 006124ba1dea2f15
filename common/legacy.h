/*
** legacy.h: the 8-bit Vietnamese encodings of the 1990s and 2000s
** (TCVN3/ABC, VNI-Windows, Windows-1258) turned into Unicode, and the
** means to tell them apart.
**
** Every reader that meets legacy text uses this module:
**
**   - Formats that name the font of each run (.doc, DOCX, ODT, RTF, PDF)
**     ask vb_legacy_for_font() for the run's encoding and convert the run
**     with vb_legacy_decode() (raw bytes) or vb_legacy_recode() (text whose
**     characters stand for the font's byte codes, as Word's Unicode pieces,
**     DOCX runs and PDF text layers carry them: "Céng hßa" for "Cộng hòa").
**   - Plain text names no font: vb_legacy_detect() decodes the bytes every
**     way and keeps the decoding whose words are Vietnamese syllables
**     (vb_vi_syllable_share()), or refuses when no decoding wins clearly.
**
** The tables are data (data/encodings/ (*.tsv), data/vi/syllables.txt),
** compiled into the library at build time by cmake/gen_legacy.py.
**
** Output is UTF-8; letters come out precomposed (NFC), except Windows-1258
** whose tone marks are combining characters (callers normalise the text
** they assemble, as every reader does).  Nothing here allocates anything
** the caller must free beyond the vb_buf it passes in.
*/
#ifndef VB_LEGACY_H
#define VB_LEGACY_H

#include "buf.h"

typedef enum vb_legacy {
  VB_LEGACY_NONE = 0,     /* Unicode: nothing to convert */
  VB_LEGACY_TCVN3,        /* TCVN3 (ABC): .VnTime, .VnArial, ... */
  VB_LEGACY_TCVN3_CAPS,   /* TCVN3 capitals fonts: .VnTimeH, .VnArialH */
  VB_LEGACY_VNI,          /* VNI-Windows: VNI-Times, VNI-Helve, ... */
  VB_LEGACY_CP1258,       /* Windows-1258 (combining tone marks) */
  VB_LEGACY_VISCII,       /* VISCII (RFC 1456): one byte per letter */
  VB_LEGACY_COUNT
} vb_legacy;

/* Static name of an encoding as the record shows it: "TCVN3" (capitals
** included), "VNI", "Windows-1258", "VISCII"; NULL for VB_LEGACY_NONE. */
const char *vb_legacy_name(vb_legacy enc);

/* Write to dst[0..cap) (NUL-terminated) the names of the encodings with
** runs[e] > 0, most runs first, each once ("TCVN3, VNI"; TCVN3 capitals
** count as TCVN3): what vb_doc.encoding says.  "" when there are none. */
void vb_legacy_note(char *dst, size_t cap, const size_t runs[VB_LEGACY_COUNT]);

/* The encoding a font implies: ".Vn..." -> TCVN3, ".Vn...H" -> TCVN3
** capitals, "VNI-..." -> VNI, anything else (or NULL) -> NONE.  Case is
** ignored except for the capitals suffix "H". */
vb_legacy vb_legacy_for_font(const char *font);

/* The character Windows-1252 gives byte b (Latin-1 above 0x9F). */
uint32_t vb_legacy_cp1252(unsigned char b);

/* Append the Unicode (UTF-8) for n bytes in encoding enc to out.  Bytes an
** encoding does not define read as Windows-1252.  NONE reads the bytes as
** Windows-1252 too.  Errors: VB_ELIMIT, VB_ENOMEM (err filled). */
vb_status vb_legacy_decode(vb_legacy enc, const unsigned char *in, size_t n,
                           vb_buf *out, vb_error *err) VB_MUST_CHECK;

/* Append the conversion of UTF-8 text s[0..n) whose characters stand for
** byte codes of a legacy font: U+0000..U+00FF and the Windows-1252
** characters are taken as their byte, as are U+2212 (for 0xAD) and U+2219
** (for 0xB7), which PDF text layers give for these TCVN3 glyphs; any other
** character is copied as it is.  enc NONE copies s.  Errors: VB_EENCODING
** (s is not UTF-8), VB_ELIMIT, VB_ENOMEM. */
vb_status vb_legacy_recode(vb_legacy enc, const char *s, size_t n,
                           vb_buf *out, vb_error *err) VB_MUST_CHECK;

/* vb_legacy_recode() for one run of text in a legacy font, when the font
** may be named by a Unicode document (a .VnTime font kept after a
** conversion to Unicode): a run holding a letter no legacy byte stands
** for (ơ, ư, ể...) is Unicode and copied; otherwise it is converted if
** that gives more
** Vietnamese syllables than the run as stored, copied if fewer.  A tie
** (a run whose words read either way, or has none, or a run of fewer
** than four characters) follows *bias, the
** document's score so far: converted when *bias >= 0.  A decisive run adds
** 1 (converted) or -1 (kept) to *bias.  *converted (if not NULL) is set
** to 1 when the output differs from the input.  Errors as
** vb_legacy_recode(). */
vb_status vb_legacy_recode_run(vb_legacy enc, const char *s, size_t n,
                               vb_buf *out, int *bias, int *converted,
                               vb_error *err) VB_MUST_CHECK;

/* The share (0..1) of the words of UTF-8 text s[0..n) holding a non-ASCII
** character that are Vietnamese syllables (onset, rhyme and tone allowed
** together), and in *words (if not NULL) how many such words there were.
** Words of ASCII letters alone are not counted.  Returns 0 when there are
** none. */
double vb_vi_syllable_share(const char *s, size_t n, size_t *words);

/* 1 if the UTF-8 word w[0..n) (any case, NFC or decomposed) is one
** Vietnamese syllable. */
int vb_vi_is_syllable(const char *w, size_t n);

/* Tell the 8-bit encoding of text bytes that are not UTF-8.  On success
** *enc is TCVN3, VNI, CP1258 or VISCII.  When no decoding gives Vietnamese words
** by a clear margin, returns VB_EENCODING with a reason starting "cannot
** tell the encoding: ".  Only the first 256 KiB are examined. */
vb_status vb_legacy_detect(const unsigned char *in, size_t n, vb_legacy *enc,
                           vb_error *err) VB_MUST_CHECK;

/* Detect (vb_legacy_detect) and decode text bytes in one step: appends
** the Unicode to out and stores the encoding in *enc.  TCVN3 text gets
** its capitals restored (vb_legacy_fix_case).  Errors as those two. */
vb_status vb_legacy_read(const unsigned char *in, size_t n, vb_buf *out,
                         vb_legacy *enc, vb_error *err) VB_MUST_CHECK;

/* Whether UTF-8 text s[0..n) is itself legacy text read as Windows-1252
** (e.g. "Céng hßa x· héi" pasted from a TCVN3 document): returns TCVN3 or
** VNI when every character is one byte of that encoding and the recoded
** words are Vietnamese syllables where the text's words are not; NONE
** otherwise (the usual answer, cheap for real Unicode text). */
vb_legacy vb_legacy_mojibake(const char *s, size_t n);

/* Restore, in place, capitals that TCVN3 plain text cannot hold (its
** accented capitals were typed lower-case in a capitals font): a line
** without small ASCII letters is upper-cased whole; a word with two or more
** capitals and no small ASCII letter is ("Kế HOạCH" -> "Kế HOẠCH"), and so
** is a one-capital word beside such a word ("Kế HOẠCH" -> "KẾ HOẠCH"); an
** accented small letter that begins a line becomes a capital ("ủy ban" ->
** "Ủy ban") unless the line above goes on into it (it ends with a comma
** or a small letter); the names of data/encodings/tcvn3_names.txt get
** their capital back wherever they stand ("ủy ban nhân dân" -> "Ủy ban
** nhân dân").  A line never starts with a capital made of ă â ê ô ơ ư đ:
** TCVN3 has bytes for those capitals.
** Vietnamese letters keep their UTF-8 length when their case changes. */
void vb_legacy_fix_case(char *s, size_t n);

#endif /* VB_LEGACY_H */
