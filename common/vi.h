/*
** vi.h: Vietnamese text helpers shared by the extractor, the tokenizer and
** the query parser.
**
** All functions take UTF-8 (not necessarily NUL-terminated, length n) and
** append their result to a caller-owned vb_buf; on error the buffer may hold
** a partial result and the caller discards it.  Invalid UTF-8 bytes are
** copied through unchanged so that these functions never fail on odd input.
**
**   vb_vi_canon    one tone placement, case kept:  "Uỷ ban" -> "Ủy ban",
**                  "hoà" -> "hòa", "thuỷ" -> "thủy"; NFD input -> NFC output;
**                  the look-alike Ð (U+00D0) -> Đ.
**   vb_vi_lower    vb_vi_canon + lower case:       "ỦY BAN" -> "ủy ban"
**   vb_vi_fold     lower case, every mark removed, đ/Đ/Ð -> d:
**                  "Đảm bảo" -> "dam bao", "Ủy" -> "uy"
**
** Tone placement works per syllable (a run of letters).  The canonical
** placement is the one of official documents ("old style"): in an open
** syllable with two plain vowels the tone sits on the first ("hòa", "khóa",
** "thủy", "hòe"); with a final consonant on the last ("hoàn", "toán");
** a vowel with a quality mark (ă â ê ô ơ ư) takes it ("thuyết", "người");
** "qu" and "gi" are onsets ("quý", "giá").  A run that is not one
** Vietnamese syllable (foreign words, two tones) keeps its placement and is
** only brought to NFC.  A tone mark typed before the quality mark (a + acute
** + circumflex) is read as the Vietnamese letter it was meant to be (ấ).
** Other scripts pass through (NFC, and lower case where asked); the fold
** strips marks only from Latin letters.
*/
#ifndef VB_VI_H
#define VB_VI_H

#include "buf.h"

vb_status vb_vi_canon(const char *s, size_t n, vb_buf *out) VB_MUST_CHECK;
vb_status vb_vi_lower(const char *s, size_t n, vb_buf *out) VB_MUST_CHECK;
vb_status vb_vi_fold(const char *s, size_t n, vb_buf *out) VB_MUST_CHECK;

/* 1 if the string holds a letter with a Vietnamese mark (or đ), else 0. */
int vb_vi_has_marks(const char *s, size_t n);

/* --- Tokens (used by the FTS5 tokenizer in index/tokenizer.c) --- */

/* Longest normalised token, in bytes.  Longer tokens are cut at a character
** boundary: no Vietnamese word or document symbol comes near it, and FTS5's
** own limit (32 KiB) is far above. */
#define VB_VI_TOKEN_MAX 256

/* Find the next token in s[*pos, n): a run of letters, combining marks and
** decimal digits (Unicode categories L*, M*, Nd).  Every other character and
** every invalid UTF-8 byte separates tokens.  Returns 1 and sets [*start,
** *end) (byte offsets into s) and *pos = *end, or 0 when no token is left. */
int vb_vi_next_token(const char *s, size_t n, size_t *pos, size_t *start,
                     size_t *end);

/* Normalise one token (as found by vb_vi_next_token).  exact receives the
** vb_vi_lower form, fold the vb_vi_fold form; both are arrays of
** VB_VI_TOKEN_MAX bytes, not NUL-terminated, lengths in *nexact / *nfold.
** Returns 1 when the folded form differs from the exact one (the token has
** marks), else 0 (then fold holds the same bytes as exact). */
int vb_vi_token(const char *s, size_t n, char *exact, size_t *nexact,
                char *fold, size_t *nfold);

/* 1 if s (n bytes of UTF-8) holds a lower-case letter of any script. */
int vb_vi_has_lower(const char *s, size_t n);

/* 1 if s (n bytes of UTF-8) starts with an upper-case letter. */
int vb_vi_starts_upper(const char *s, size_t n);

#endif /* VB_VI_H */
