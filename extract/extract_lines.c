/*
** extract_lines.c: what every extraction step works on.
**
**   - the line index: doc->text cut into physical lines, each line into
**     cells (markdown table cells, the "<br>" lines of a layout table's
**     cells, tab- or wide-space-separated columns), each cell cleaned
**     (markdown emphasis, bookmarks, escapes and HTML comments removed,
**     NFC, one tone placement, dashes as '-', white space collapsed, OCR
**     slips of O for 0 and l for I put right);
**   - paragraphs: cells joined across hard line wraps;
**   - sections: numbered headings (I., 1., 1.1., a)) and their extent.
**
** Dates are read in extract_dates.c, rules run in extract_rules.c.  See
** extract_int.h for the contracts.
*/
#include "extract_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "syllable.h"
#include "text.h"
#include "vi.h"

/* Spaces in a row that separate two columns of a laid-out page. */
#define COLUMN_GAP 4
/* A line longer than this is a whole document or section run together
** (text taken from a web page without its line breaks): it is cut into
** cells where a header part, a heading or the closing block begins. */
#define LONG_LINE 2000

/**************************************************************************
** Cleaning one cell
*/

/* Length of the UTF-8 sequence at s (1 for a stray byte). */
static size_t u8len(const unsigned char *s, size_t n) {
  size_t l = s[0] < 0x80 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
  return l <= n ? l : 1;
}

/* Code point of a 2- or 3-byte sequence (0 for other lengths). */
static uint32_t u8cp(const unsigned char *s, size_t l) {
  if (l == 2) return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
  if (l == 3)
    return ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
           (s[2] & 0x3F);
  return 0;
}

static int is_space_cp(uint32_t cp) {
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

static int is_invisible_cp(uint32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 ||
         cp == 0xFEFF || cp == 0xAD;
}

static int is_dash_cp(uint32_t cp) {
  return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

/* Does s hold a combining mark (U+0300..U+036F), i.e. decomposed text? */
static int has_combining(const unsigned char *s, size_t n) {
  for (size_t i = 0; i + 1 < n; i++)
    if ((s[i] == 0xCC && s[i + 1] >= 0x80) ||
        (s[i] == 0xCD && s[i + 1] >= 0x80 && s[i + 1] <= 0xAF))
      return 1;
  return 0;
}

/* Length of an HTML line break at s ("<br>", "<br/>", "<BR />"), or 0. */
static size_t br_tag(const unsigned char *s, size_t n) {
  size_t i = 3;
  if (n < 4 || s[0] != '<' || (s[1] | 0x20) != 'b' || (s[2] | 0x20) != 'r')
    return 0;
  while (i < n && s[i] == ' ') i++;
  if (i < n && s[i] == '/') i++;
  return i < n && s[i] == '>' ? i + 1 : 0;
}

/* Length of an HTML comment at s ("<!-- page 2 -->", left by converters
** to mark a page), or 0. */
static size_t html_comment(const unsigned char *s, size_t n) {
  if (n < 7 || memcmp(s, "<!--", 4) != 0) return 0;
  for (size_t i = 4; i + 3 <= n; i++)
    if (memcmp(s + i, "-->", 3) == 0) return i + 3;
  return 0;
}

static int is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* A number with OCR letter slips: a run of ASCII letters and digits that
** stands alone (no letter touches it) and holds only digits and the letter
** O, at least as many digits as O's ("2O15", "O3").  The O's become 0. */
static void fix_ocr_number(char *s, size_t a, size_t b, size_t n) {
  size_t digits = 0, os = 0;
  if ((a > 0 && (unsigned char)s[a - 1] >= 0x80) ||
      (b < n && (unsigned char)s[b] >= 0x80))
    return; /* part of a Vietnamese word */
  for (size_t i = a; i < b; i++) {
    if (s[i] >= '0' && s[i] <= '9') digits++;
    else if (s[i] == 'O' || s[i] == 'o') os++;
    else return;
  }
  if (!os || digits < os) return;
  for (size_t i = a; i < b; i++)
    if (s[i] == 'O' || s[i] == 'o') s[i] = '0';
}

/* A word in capitals with OCR slips of a lower-case l for I ("HlỆN",
** "lV."): when every other letter of s[a..b) is a capital, and there are
** at least two or the word is a Roman numeral, each 'l' becomes 'I'. */
static void fix_ocr_caps(char *s, size_t a, size_t b) {
  size_t upper = 0, ells = 0, i = a;
  int roman = 1;
  while (i < b) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(b - i), &cp);
    if (l <= 0) return;
    if (cp == 'l') ells++;
    else if (utf8proc_islower(cp)) return;
    else if (utf8proc_isupper(cp)) upper++;
    if (cp != 'l' && cp != 'I' && cp != 'V' && cp != 'X') roman = 0;
    i += (size_t)l;
  }
  if (!ells || !upper || (upper < 2 && !roman)) return;
  for (i = a; i < b; i++)
    if (s[i] == 'l') s[i] = 'I';
}

/* Could s hold one of the OCR slips above?  An 'l' inside a word (no
** Vietnamese syllable ends in l) or before a capital, an O next to a digit;
** one pass, so that clean text costs nothing more. */
static int may_have_slips(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 'l') {
      unsigned char p = i ? (unsigned char)s[i - 1] : ' ';
      unsigned char q = i + 1 < n ? (unsigned char)s[i + 1] : ' ';
      if (p >= 0x80 || ((p | 0x20) >= 'a' && (p | 0x20) <= 'z') ||
          (q >= 'A' && q <= 'Z'))
        return 1;
    } else if ((c == 'O' || c == 'o') &&
               ((i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') ||
                (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9'))) {
      return 1;
    }
  }
  return 0;
}

/* Undo the OCR slips above in a cleaned cell (same length, in place). */
static void fix_ocr(char *s, size_t n) {
  size_t i = 0;
  if (!may_have_slips(s, n)) return;
  while (i < n) {
    while (i < n && (s[i] == ' ' || (s[i] > ' ' && s[i] < 0x7F &&
                                     !is_ascii_alnum((unsigned char)s[i]))))
      i++;
    size_t a = i; /* a word: letters (any script) and digits */
    while (i < n && s[i] != ' ' &&
           ((unsigned char)s[i] >= 0x80 || is_ascii_alnum((unsigned char)s[i])))
      i++;
    if (i == a) {
      i++;
      continue;
    }
    int ell = 0, oh = 0, digit = 0;
    for (size_t k = a; k < i; k++) {
      ell |= s[k] == 'l';
      oh |= s[k] == 'O' || s[k] == 'o';
      digit |= s[k] >= '0' && s[k] <= '9';
    }
    if (ell) fix_ocr_caps(s, a, i);
    if (!oh || !digit) continue;
    for (size_t k = a; k < i;) { /* the ASCII runs inside the word */
      while (k < i && !is_ascii_alnum((unsigned char)s[k])) k++;
      size_t r = k;
      while (k < i && is_ascii_alnum((unsigned char)s[k])) k++;
      if (k > r) fix_ocr_number(s, r, k, n);
    }
  }
}

/* Append the clean form of raw[0..n) to out (see extract_int.h). */
static vb_status clean_cell(const char *raw, size_t n, vb_buf *tmp,
                            vb_buf *out) {
  const unsigned char *s = (const unsigned char *)raw;
  size_t i = 0;
  int space = 1; /* drop leading space */
  vb_buf_reset(tmp);
  if (n > VB_X_MAX_CELL) n = VB_X_MAX_CELL;
  /* a markdown heading marker */
  while (i < n && (s[i] == ' ' || s[i] == '>')) i++;
  if (i < n && s[i] == '#') {
    size_t j = i;
    while (j < n && s[j] == '#') j++;
    if (j == n || s[j] == ' ') i = j;
  }
  while (i < n) {
    unsigned char c = s[i];
    /* a run of plain characters is copied at once */
    size_t run = i;
    while (run < n && s[run] > ' ' && s[run] < 0x80 && s[run] != '*' &&
           s[run] != '\\' && s[run] != '[' && s[run] != '<')
      run++;
    if (run > i) {
      VB_TRY(vb_buf_append(tmp, s + i, run - i));
      space = 0;
      i = run;
      continue;
    }
    if (c == '*' || c == '\r') {
      i++;
      continue;
    }
    if (c == '\\' && i + 1 < n && s[i + 1] < 0x80 && s[i + 1] > ' ' &&
        !(s[i + 1] >= '0' && s[i + 1] <= '9') &&
        !((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z')) {
      i++; /* a markdown escape: "\-" */
      continue;
    }
    if (c == '[' && n - i >= 10 && memcmp(s + i, "[bookmark:", 10) == 0) {
      const unsigned char *e = memchr(s + i, ']', n - i);
      i = e ? (size_t)(e - s) + 1 : n;
      continue;
    }
    if (c == '<' && html_comment(s + i, n - i)) {
      i += html_comment(s + i, n - i);
      continue;
    }
    if (c == '<' && br_tag(s + i, n - i)) { /* a break inside a data cell */
      i += br_tag(s + i, n - i);
      if (!space) VB_TRY(vb_buf_putc(tmp, ' '));
      space = 1;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
      if (!space) VB_TRY(vb_buf_putc(tmp, ' '));
      space = 1;
      i++;
      continue;
    }
    size_t l = u8len(s + i, n - i);
    if (c >= 0x80) {
      if (vb_utf8_check(s + i, l) != l) { /* stray byte */
        VB_TRY(vb_buf_putc(tmp, '?'));
        space = 0;
        i++;
        continue;
      }
      uint32_t cp = u8cp(s + i, l);
      if (is_invisible_cp(cp)) {
        i += l;
        continue;
      }
      if (is_space_cp(cp)) {
        if (!space) VB_TRY(vb_buf_putc(tmp, ' '));
        space = 1;
        i += l;
        continue;
      }
      if (is_dash_cp(cp)) {
        VB_TRY(vb_buf_putc(tmp, '-'));
        space = 0;
        i += l;
        continue;
      }
      if (cp == 0x01A2 || cp == 0x01A3) { /* "ƣ" of a PDF layer: "THƢƠNG" */
        VB_TRY(vb_buf_append(tmp, cp == 0x01A2 ? "\xC6\xAF" : "\xC6\xB0", 2));
        space = 0;
        i += l;
        continue;
      }
    }
    VB_TRY(vb_buf_append(tmp, s + i, l));
    space = 0;
    i += l;
  }
  /* a rule drawn under a header cell: "ỦY BAN NHÂN DÂN ... --------" */
  size_t e = tmp->len, dashes = 0;
  while (e > 0 && (tmp->data[e - 1] == '-' || tmp->data[e - 1] == '_' ||
                   tmp->data[e - 1] == ' ')) {
    if (tmp->data[e - 1] != ' ') dashes++;
    e--;
  }
  if (dashes >= 3 && e > 0 && tmp->data[e] == ' ') vb_buf_truncate(tmp, e);
  while (tmp->len > 0 && tmp->data[tmp->len - 1] == ' ')
    vb_buf_truncate(tmp, tmp->len - 1);
  if (tmp->len == 0) return VB_OK;
  fix_ocr(tmp->data, tmp->len);
  /* syllables split by OCR or a PDF layer: "Đặ ng" -> "Đặng" */
  vb_buf_truncate(tmp, vb_syllable_join(tmp->data, tmp->len));
  /* syllables a web page ran together: "BANHÀNH" -> "BAN HÀNH" */
  if (!has_combining((const unsigned char *)tmp->data, tmp->len) &&
      vb_syllable_glued(tmp->data, tmp->len)) {
    vb_buf sp;
    vb_buf_init(&sp, VB_X_MAX_CELL * 2);
    vb_status rc = vb_syllable_split(tmp->data, tmp->len, &sp);
    if (rc == VB_OK) rc = vb_vi_canon(sp.data, sp.len, out);
    vb_buf_free(&sp);
    return rc;
  }
  if (has_combining((const unsigned char *)tmp->data, tmp->len)) {
    vb_buf nfc;
    vb_buf_init(&nfc, VB_X_MAX_CELL * 2);
    vb_status rc = vb_text_nfc(tmp->data, tmp->len, &nfc, NULL);
    if (rc == VB_OK) rc = vb_vi_canon(nfc.data, nfc.len, out);
    vb_buf_free(&nfc);
    return rc;
  }
  return vb_vi_canon(tmp->data, tmp->len, out);
}

/* A cell that only draws a rule ("-------", "|---|---|", ":---:"). */
static int is_rule_cell(const char *s, size_t n) {
  size_t dashes = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '-' || s[i] == '=' || s[i] == '_') dashes++;
    else if (s[i] != ':' && s[i] != ' ') return 0;
  }
  return dashes > 0;
}

/**************************************************************************
** The line index
*/

typedef struct cellpos {
  size_t off; /* of its text in the arena */
} cellpos;

/* Append one cell (its clean text to the arena). */
static vb_status add_cell(vb_xdoc *d, size_t *cap, vb_buf *arena, vb_buf *tmp,
                          size_t line, unsigned col, const char *raw,
                          size_t n, int *added) {
  size_t mark = arena->len;
  *added = 0;
  VB_TRY(clean_cell(raw, n, tmp, arena));
  if (arena->len > mark && is_rule_cell(arena->data + mark, arena->len - mark))
    vb_buf_truncate(arena, mark);
  if (arena->len == mark && col > 0) return VB_OK; /* empty table cell */
  VB_TRY(vb_grow(&d->cells, cap, d->ncells + 1, sizeof *d->cells));
  vb_xcell *c = &d->cells[d->ncells++];
  c->line = line;
  c->col = col;
  c->len = arena->len - mark;
  c->text = (char *)(uintptr_t)mark; /* fixed up once the arena is done */
  VB_TRY(vb_buf_putc(arena, '\0'));
  *added = 1;
  return VB_OK;
}

/* Is a run of spaces between left and right a field left blank ("Số:
** /KH-UBND", "ngày      tháng 3 năm 2022") rather than a column gap? */
static int blank_field(const char *left, size_t ln, const char *right,
                       size_t rn) {
  static const char *const before[] = {"ngày", "Ngày", "NGÀY", "tháng",
                                       "THÁNG", "Số:", "SỐ:", "Số",
                                       "Sô:", "SÔ:"};
  static const char *const after[] = {"tháng", "THÁNG", "năm", "NĂM", "/"};
  for (size_t k = 0; k < sizeof before / sizeof before[0]; k++) {
    size_t l = strlen(before[k]);
    if (ln >= l && memcmp(left + ln - l, before[k], l) == 0) return 1;
  }
  for (size_t k = 0; k < sizeof after / sizeof after[0]; k++) {
    size_t l = strlen(after[k]);
    if (rn >= l && memcmp(right, after[k], l) == 0) return 1;
  }
  return 0;
}

/* Where a run-together line is cut (each preceded by a space). */
static const char *const long_marks[] = {
    "Số:", "SỐ:", "CỘNG HÒA", "CỘNG HOÀ", "ĐẢNG CỘNG SẢN", "Độc lập -",
    "KẾ HOẠCH", "QUYẾT ĐỊNH", "THÔNG BÁO", "BÁO CÁO", "CHỈ THỊ", "CÔNG VĂN",
    "TỜ TRÌNH", "NGHỊ QUYẾT", "HƯỚNG DẪN", "V/v", "Kính gửi", "Căn cứ",
    "Nơi nhận", "NƠI NHẬN", "TM.", "KT.", "TL.", "TUQ.", "T/M", "Điều ",
    "Chương ", "PHỤ LỤC", "I. ", "II. ", "III. ", "IV. ", "V. ", "VI. ",
    "VII. ", "VIII. ", "IX. ", "X. ", "- ", "+ "};

/* The next place after `from` where the long line s[0..n) is cut, or n. */
static size_t next_cut(const char *s, size_t n, size_t from) {
  unsigned char first[256] = {0}; /* first bytes of the marks */
  for (size_t k = 0; k < sizeof long_marks / sizeof long_marks[0]; k++)
    first[(unsigned char)long_marks[k][0]] = 1;
  for (size_t i = from + 1; i + 1 < n; i++) {
    if (i - from > VB_X_MAX_CELL - 8) break; /* linear on space-less lines */
    if (s[i - 1] != ' ' || !first[(unsigned char)s[i]]) continue;
    for (size_t k = 0; k < sizeof long_marks / sizeof long_marks[0]; k++) {
      size_t l = strlen(long_marks[k]);
      if (n - i >= l && memcmp(s + i, long_marks[k], l) == 0) {
        /* a list dash or plus starts an item only after ';' or ':' */
        if ((long_marks[k][0] == '-' || long_marks[k][0] == '+') &&
            !(i >= 2 && (s[i - 2] == ';' || s[i - 2] == ':' || s[i - 2] == '.')))
          continue;
        return i;
      }
    }
  }
  if (n - from <= VB_X_MAX_CELL - 8) return n;
  /* no mark within a cell's size: cut at the last space (or anywhere on a
     character boundary) */
  size_t cut = from + VB_X_MAX_CELL - 8;
  size_t sp = cut;
  while (sp > from + 1 && s[sp - 1] != ' ') sp--;
  if (sp > from + 1) return sp;
  while (cut > from + 1 && ((unsigned char)s[cut] & 0xC0) == 0x80) cut--;
  return cut;
}

/* 1 if s starts with two capital letters ("GIÁM ĐỐC", not "Giám đốc"). */
static int caps2(const char *s, size_t n) {
  utf8proc_int32_t cp;
  utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                        (utf8proc_ssize_t)n, &cp);
  return l > 0 && vb_vi_starts_upper(s, n) &&
         vb_vi_starts_upper(s + l, n - (size_t)l);
}

/* Where a signing authority begins after the end of a sentence or list in
** a line of any length, or n: the recipients run onto the signature, "- Lưu:
** VT, PC08. KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Đại tá Trần Hồng Phúc". */
static size_t sign_cut(const char *s, size_t n) {
  static const char *const marks[] = {"KT. ", "TM. ", "TL. ", "TUQ. ", "Q. "};
  for (size_t i = 2; i + 6 < n; i++) {
    if (s[i - 1] != ' ' || (s[i - 2] != '.' && s[i - 2] != ';')) continue;
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
      size_t l = strlen(marks[k]);
      if (n - i > l && memcmp(s + i, marks[k], l) == 0 &&
          caps2(s + i + l, n - i - l))
        return i;
    }
  }
  return n;
}

/* Add the cells of one part of a column: one cell, or several when it is
** a long run-together text. */
static vb_status add_part(vb_xdoc *d, size_t *cap, vb_buf *arena,
                          vb_buf *tmp, size_t line, unsigned *col,
                          const char *s, size_t n) {
  int added;
  size_t a = 0;
  while (a < n || (a == 0 && n == 0)) {
    size_t b = n > LONG_LINE || n > VB_X_MAX_CELL - 8 ? next_cut(s, n, a)
               : a == 0 ? sign_cut(s, n) : n;
    VB_TRY(add_cell(d, cap, arena, tmp, line, *col, s + a, b - a, &added));
    if (added && d->cells[d->ncells - 1].len > 0) (*col)++;
    else if (added) d->ncells--; /* keep blank cells out of a row */
    if (b == a) break;
    a = b;
  }
  return VB_OK;
}

/* Offset of the next HTML line break in s[from..n), or n. */
static size_t next_br(const char *s, size_t n, size_t from) {
  const char *p = s + from;
  while ((p = memchr(p, '<', (size_t)(s + n - p))) != NULL) {
    if (br_tag((const unsigned char *)p, (size_t)(s + n - p)))
      return (size_t)(p - s);
    p++;
  }
  return n;
}

/* Add the cells of one column of a line.  In a layout table (br_lines)
** each line of a cell broken with "<br>" is a cell of its own, as the
** lines of a header laid out in columns are. */
static vb_status add_column(vb_xdoc *d, size_t *cap, vb_buf *arena,
                            vb_buf *tmp, size_t line, unsigned *col,
                            const char *s, size_t n, int br_lines) {
  if (!br_lines) return add_part(d, cap, arena, tmp, line, col, s, n);
  size_t a = 0;
  for (;;) {
    size_t b = next_br(s, n, a);
    VB_TRY(add_part(d, cap, arena, tmp, line, col, s + a, b - a));
    if (b == n) return VB_OK;
    a = b + br_tag((const unsigned char *)s + b, n - b);
  }
}

/* Columns of a table row that make it a data table rather than a layout
** table (a header or a signature block set side by side in two cells). */
#define LAYOUT_COLUMNS 2

/* Is the line a table row of at most LAYOUT_COLUMNS cells with text, one
** of them broken with "<br>"? */
static int layout_row(const char *s, size_t n) {
  if (next_br(s, n, 0) == n) return 0;
  size_t parts = 0, i = 0;
  while (i < n) {
    int text = 0;
    while (i < n && s[i] != '|') {
      if (s[i] != ' ' && s[i] != '\t') text = 1;
      i++;
    }
    parts += text;
    i++;
  }
  return parts <= LAYOUT_COLUMNS;
}

/* Is the line made of bold spans only, and does one close at i and the
** next open after the spaces at i..i+gap?  A header set as bold cells run
** onto one line: "**ỦY BAN NHÂN DÂN** **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**". */
static int bold_cells_gap(const char *s, size_t n, size_t i, size_t gap) {
  return n >= 4 && memcmp(s, "**", 2) == 0 && memcmp(s + n - 2, "**", 2) == 0 &&
         i >= 4 && memcmp(s + i - 2, "**", 2) == 0 && i + gap + 4 <= n &&
         memcmp(s + i + gap, "**", 2) == 0;
}

/* Length of a rule inside a line at i (" ------- " with its spaces), or 0:
** a header run onto one line, "BỘ CÔNG AN CÔNG AN TỈNH HÀ TĨNH ------- CỘNG
** HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", has its columns cut there. */
static size_t inner_rule(const char *s, size_t n, size_t i) {
  size_t j = i, d;
  while (j < n && s[j] == ' ') j++;
  for (d = 0; j + d < n && s[j + d] == '-'; d++) {}
  if (j == i || d < 3 || j + d == n || s[j + d] != ' ') return 0;
  j += d;
  while (j < n && s[j] == ' ') j++;
  return j - i;
}

/* Split one physical line into cells. */
static vb_status split_line(vb_xdoc *d, size_t *cap, vb_buf *arena,
                            vb_buf *tmp, size_t line, const char *s,
                            size_t n) {
  unsigned col = 0;
  size_t a = 0, i = 0, before = d->ncells;
  int added, br_lines = layout_row(s, n);
  while (i <= n) {
    size_t gap = 0;
    if (i < n && s[i] == ' ') {
      while (i + gap < n && s[i + gap] == ' ') gap++;
      if (a != i && inner_rule(s, n, i)) gap = inner_rule(s, n, i);
      else if ((gap < COLUMN_GAP && !bold_cells_gap(s, n, i, gap)) || a == i ||
          i + gap == n || blank_field(s + a, i - a, s + i + gap, n - i - gap)) {
        i += gap;
        continue;
      }
    }
    if (i == n || s[i] == '|' || s[i] == '\t' || gap) {
      VB_TRY(add_column(d, cap, arena, tmp, line, &col, s + a, i - a,
                        br_lines));
      i += gap ? gap : 1;
      a = i;
      continue;
    }
    i++;
  }
  if (d->ncells == before) /* a blank line still breaks paragraphs */
    VB_TRY(add_cell(d, cap, arena, tmp, line, 0, "", 0, &added));
  return VB_OK;
}

/* Does a clean text start a list item or a numbered heading? */
static int starts_item(const char *s, size_t n) {
  if (n == 0) return 0;
  if (s[0] == '-' || s[0] == '+') return 1;
  if (n >= 3 && memcmp(s, "\xE2\x80\xA2", 3) == 0) return 1; /* • */
  if (vb_x_heading_level(s, n, NULL) > 0) return 1;
  return n > strlen("Điều ") && memcmp(s, "Điều ", strlen("Điều ")) == 0;
}

/* Does s end a sentence (ignoring closing quotes and brackets)? */
static int ends_sentence(const char *s, size_t n) {
  while (n > 0 && (s[n - 1] == ')' || s[n - 1] == '"' || s[n - 1] == ' '))
    n--;
  if (n >= 3 && (memcmp(s + n - 3, "\xE2\x80\x9D", 3) == 0)) n -= 3; /* ” */
  return n > 0 && (s[n - 1] == '.' || s[n - 1] == ';' || s[n - 1] == ':' ||
                   s[n - 1] == '!' || s[n - 1] == '?');
}

/* Should cell c start a new paragraph after cell p? */
static int para_break(const vb_xcell *p, const vb_xcell *c, size_t plen) {
  if (c->col > 0 || c->line != p->line + 1) return 1;
  if (starts_item(c->text, c->len)) return 1;
  if (ends_sentence(p->text, p->len)) return 1;
  if (plen + 1 + c->len > VB_X_MAX_PARA) return 1;
  /* a heading or a line in capitals, then a sentence in mixed case */
  if ((starts_item(p->text, p->len) || !vb_vi_has_lower(p->text, p->len)) &&
      vb_vi_starts_upper(c->text, c->len) && vb_vi_has_lower(c->text, c->len))
    return 1;
  return 0;
}

static vb_status build_paras(vb_xdoc *d, vb_buf *arena, size_t **offs,
                             size_t *noffs) {
  size_t cap = 0;
  d->cell_para = vb_malloc((d->ncells ? d->ncells : 1) * sizeof *d->cell_para);
  *offs = vb_malloc((d->ncells ? d->ncells : 1) * sizeof **offs);
  if (!d->cell_para || !*offs) return VB_ENOMEM;
  *noffs = 0;
  size_t i = 0;
  while (i < d->ncells) {
    d->cell_para[i] = SIZE_MAX;
    if (d->cells[i].len == 0) {
      i++;
      continue;
    }
    VB_TRY(vb_grow(&d->paras, &cap, d->nparas + 1, sizeof *d->paras));
    vb_xpara *p = &d->paras[d->nparas];
    memset(p, 0, sizeof *p);
    p->first = i;
    size_t start = arena->len;
    p->off = (size_t *)(uintptr_t)*noffs; /* index, fixed up later */
    size_t j = i;
    for (;;) {
      (*offs)[(*noffs)++] = arena->len - start;
      VB_TRY(vb_buf_append(arena, d->cells[j].text, d->cells[j].len));
      d->cell_para[j] = d->nparas;
      if (j + 1 >= d->ncells || d->cells[j + 1].len == 0 ||
          para_break(&d->cells[j], &d->cells[j + 1], arena->len - start))
        break;
      VB_TRY(vb_buf_putc(arena, ' '));
      j++;
    }
    p->last = j;
    p->len = arena->len - start;
    p->text = (char *)(uintptr_t)start;
    VB_TRY(vb_buf_putc(arena, '\0'));
    d->nparas++;
    i = j + 1;
  }
  return VB_OK;
}

int vb_x_heading_level(const char *s, size_t n, size_t *body) {
  size_t i = 0;
  int level = -1;
  if (n == 0) return -1;
  /* Roman numerals I..XX followed by '.' */
  while (i < n && i < 5 && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X')) i++;
  if (i > 0 && i < n && s[i] == '.' && (i + 1 == n || s[i + 1] == ' ')) {
    level = 1;
    i++;
  } else {
    i = 0;
    int parts = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
      size_t a = i;
      while (i < n && s[i] >= '0' && s[i] <= '9') i++;
      if (i - a > 2) return -1;
      if (i < n && s[i] == '.') {
        parts++;
        i++;
      } else if (i < n && s[i] == ')' && parts == 0) {
        parts = 4;
        i++;
        break;
      } else {
        if (parts == 0) return -1;
        break; /* "1.1 Text" */
      }
    }
    if (parts > 0) {
      level = parts >= 4 ? 5 : parts + 1;
    } else {
      /* a letter and ')' : "a)", "đ)" */
      size_t l = u8len((const unsigned char *)s, n);
      if (l < n && s[l] == ')' &&
          ((l == 1 && s[0] >= 'a' && s[0] <= 'z') ||
           (l == 2 && memcmp(s, "đ", 2) == 0))) {
        level = 5;
        i = l + 1;
      } else {
        return -1;
      }
    }
  }
  if (i < n && s[i] != ' ') return -1;
  while (i < n && s[i] == ' ') i++;
  if (body) *body = i;
  return level;
}

static vb_status build_sections(vb_xdoc *d) {
  size_t cap = 0;
  for (size_t i = 0; i < d->ncells; i++) {
    int lv = vb_x_heading_level(d->cells[i].text, d->cells[i].len, NULL);
    if (lv <= 0) continue;
    VB_TRY(vb_grow(&d->secs, &cap, d->nsecs + 1, sizeof *d->secs));
    d->secs[d->nsecs].head = i;
    d->secs[d->nsecs].end = d->ncells;
    d->secs[d->nsecs].level = lv;
    d->nsecs++;
  }
  /* a section ends at the next heading of the same or a higher level; a
     stack of open sections keeps this linear */
  size_t *stack = vb_malloc((d->nsecs ? d->nsecs : 1) * sizeof *stack);
  size_t top = 0;
  if (!stack) return VB_ENOMEM;
  for (size_t k = 0; k < d->nsecs; k++) {
    while (top > 0 && d->secs[stack[top - 1]].level >= d->secs[k].level)
      d->secs[stack[--top]].end = d->secs[k].head;
    stack[top++] = k;
  }
  vb_free(stack);
  return VB_OK;
}

vb_status vb_xdoc_build(const char *text, size_t n, vb_xdoc *d,
                        vb_error *err) {
  vb_buf arena, tmp;
  size_t cap = 0, lcap = 0, *offs = NULL, noffs = 0;
  vb_status rc = VB_OK;
  memset(d, 0, sizeof *d);
  d->text = text;
  d->text_len = n;
  vb_buf_init(&arena, VB_CAP_TEXT * 4);
  vb_buf_init(&tmp, VB_X_MAX_CELL * 2);
  size_t pos = 0;
  while (pos < n || (pos == n && d->nlines == 0)) {
    const char *nl = memchr(text + pos, '\n', n - pos);
    size_t end = nl ? (size_t)(nl - text) : n;
    rc = vb_grow(&d->line_off, &lcap, d->nlines + 2, sizeof *d->line_off);
    if (rc != VB_OK) goto fail;
    d->line_off[d->nlines++] = pos;
    if (d->nlines <= VB_X_MAX_LINES) {
      rc = split_line(d, &cap, &arena, &tmp, d->nlines, text + pos, end - pos);
      if (rc != VB_OK) goto fail;
    }
    pos = end + 1;
    if (!nl) break;
  }
  d->line_off[d->nlines] = n + 1;
  /* the cells' texts are final: take them and turn offsets into pointers
     (the arena moved while it grew) */
  d->cells_arena = vb_buf_take(&arena, NULL);
  if (!d->cells_arena) {
    rc = VB_ENOMEM;
    goto fail;
  }
  for (size_t i = 0; i < d->ncells; i++)
    d->cells[i].text = d->cells_arena + (size_t)(uintptr_t)d->cells[i].text;
  rc = build_paras(d, &arena, &offs, &noffs);
  if (rc != VB_OK) goto fail;
  d->paras_arena = vb_buf_take(&arena, NULL);
  d->para_offs = offs;
  offs = NULL;
  if (!d->paras_arena) {
    rc = VB_ENOMEM;
    goto fail;
  }
  for (size_t i = 0; i < d->nparas; i++) {
    d->paras[i].text = d->paras_arena + (size_t)(uintptr_t)d->paras[i].text;
    d->paras[i].off = d->para_offs + (size_t)(uintptr_t)d->paras[i].off;
  }
  rc = build_sections(d);
  if (rc != VB_OK) goto fail;
  vb_buf_free(&tmp);
  return VB_OK;
fail:
  vb_free(offs);
  vb_buf_free(&arena);
  vb_buf_free(&tmp);
  return vb_error_set(err, rc, "%s while indexing the lines of a document",
                      vb_strerror(rc));
}

void vb_xdoc_free(vb_xdoc *d) {
  if (!d) return;
  vb_free(d->line_off);
  vb_free(d->cells);
  vb_free(d->cells_arena);
  vb_free(d->paras);
  vb_free(d->paras_arena);
  vb_free(d->para_offs);
  vb_free(d->cell_para);
  vb_free(d->secs);
  memset(d, 0, sizeof *d);
}

const char *vb_xdoc_line(const vb_xdoc *d, size_t line, size_t *len) {
  if (line == 0 || line > d->nlines) return NULL;
  size_t a = d->line_off[line - 1], b = d->line_off[line] - 1;
  if (b > d->text_len) b = d->text_len;
  while (a < b && (d->text[a] == ' ' || d->text[a] == '\t')) a++;
  while (b > a && (d->text[b - 1] == ' ' || d->text[b - 1] == '\t' ||
                   d->text[b - 1] == '\r' || d->text[b - 1] == '\n'))
    b--;
  *len = b - a;
  return d->text + a;
}

size_t vb_xpara_cell(const vb_xpara *p, size_t off) {
  size_t lo = 0, hi = p->last - p->first; /* last k with off[k] <= off */
  while (lo < hi) {
    size_t mid = lo + (hi - lo + 1) / 2;
    if (p->off[mid] <= off)
      lo = mid;
    else
      hi = mid - 1;
  }
  return p->first + lo;
}

const vb_xsection *vb_xdoc_section_at(const vb_xdoc *d, size_t head) {
  size_t lo = 0, hi = d->nsecs;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (d->secs[mid].head < head)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < d->nsecs && d->secs[lo].head == head ? &d->secs[lo] : NULL;
}
