/*
** syllable.h: is a word one Vietnamese syllable, and the repair of
** syllables split by a space (OCR and PDF text layers: "Đặ ng Văn Minh",
** "T hủ tướ ng", "Qu ả ng Ngãi").
**
** The onsets and rhymes are data (data/syllables.txt, embedded at build
** time).  Nothing is allocated; the functions are safe to call from
** several threads.
*/
#ifndef VB_SYLLABLE_H
#define VB_SYLLABLE_H

#include <stddef.h>

#include "buf.h"

/* 1 if s[0..n) (UTF-8, any case, NFC or NFD) is one Vietnamese syllable:
** an onset of the table or none, a rhyme of the table, at most one tone
** mark, and only the acute or the dot below on a rhyme that ends in c,
** ch, p or t.  "Đặng", "thủ", "quảng", "a" are; "Đặ", "ng", "T", "Qu",
** "UBND", "2025" are not. */
int vb_syllable_ok(const char *s, size_t n);

/* Join, in place, the words of s[0..n) that are pieces of one syllable:
** a word of consonants only ("ng", "T", "Ngh") or "Qu" is joined to the
** word before it, or else to the word after it, when the joined form is a
** syllable ("Đặ ng" -> "Đặng", "T hủ" -> "Thủ", "Qu ả ng" -> "Quảng").
** Words are runs of letters between single spaces; a word touching a
** digit or punctuation ("KT.", "VT,") is left alone, and two words that
** are both syllables are never joined; a lone capital is joined only to
** the word after it ("Thị N" stays).  Returns the new length (at most n;
** the bytes from there to n are left over); s[0..length) is valid UTF-8. */
size_t vb_syllable_join(char *s, size_t n);

/* 1 if vb_syllable_split() would change s[0..n). */
int vb_syllable_glued(const char *s, size_t n);

/* Append s[0..n) to out with the syllables a web page's markup ran
** together set apart ("BANHÀNH" -> "BAN HÀNH", "nhândân" -> "nhân dân",
** "tạiTờ" -> "tại Tờ") and "ngày", "tháng" or "năm" set apart from a
** digit touching it ("02năm" -> "02 năm").  A run of letters with two
** vowel groups that is not a syllable is cut where every piece is one:
** the only such cut, or the only one making a word of data/compounds.tsv
** ("BAN HÀNH", not "BA NHÀNH"); a run of ASCII letters only is cut into
** pieces of three letters or more ("Giaocho"; "video" stays).  VB_ENOMEM
** or VB_ELIMIT from out. */
vb_status vb_syllable_split(const char *s, size_t n, vb_buf *out) VB_MUST_CHECK;

#endif
