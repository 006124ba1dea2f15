/*
** extract_dates.c: dates as documents write them: "ngày 18 tháng 10 năm
** 2021", "18/10/2021", "18-10-2021", a day or month left blank in a draft
** ("ngày    tháng 9 năm 2025"), and their comparison and ISO form.
**
** See extract_int.h for the contracts.
*/
#include "extract_int.h"

#include <string.h>

/* If s[i..] starts with one of the '|'-separated words of forms (followed
** by a non-letter), return its length, else 0. */
static size_t word_at(const char *s, size_t n, size_t i, const char *forms) {
  while (*forms) {
    const char *bar = strchr(forms, '|');
    size_t l = bar ? (size_t)(bar - forms) : strlen(forms);
    if (n - i >= l && memcmp(s + i, forms, l) == 0 &&
        (i + l == n || (unsigned char)s[i + l] < 'A' ||
         ((unsigned char)s[i + l] > 'Z' && (unsigned char)s[i + l] < 'a')))
      return l;
    if (!bar) break;
    forms = bar + 1;
  }
  return 0;
}

static const char W_NGAY[] = "ngày|Ngày|NGÀY";
static const char W_THANG[] = "tháng|Tháng|THÁNG";
/* "nãm": OCR's slip of the breve ("Nghệ An, ngày 10 tháng 7 nãm 2024") */
static const char W_NAM[] = "năm|Năm|NĂM|nãm|NÃM";

static size_t skip_spaces(const char *s, size_t n, size_t i) {
  while (i < n && s[i] == ' ') i++;
  return i;
}

/* Digits at s[i..]: at most max of them; the value in *v, -1 if none.
** Returns the new position. */
static size_t digits(const char *s, size_t n, size_t i, size_t max, int *v) {
  size_t a = i;
  *v = 0;
  while (i < n && i - a < max && s[i] >= '0' && s[i] <= '9')
    *v = *v * 10 + (s[i++] - '0');
  if (i == a || (i < n && s[i] >= '0' && s[i] <= '9')) {
    *v = -1;
    return a;
  }
  return i;
}

/* Filler standing for a blank day or month: spaces, dots, ellipses,
** underscores. */
static size_t skip_blank(const char *s, size_t n, size_t i) {
  for (;;) {
    if (i < n && (s[i] == ' ' || s[i] == '.' || s[i] == '_' || s[i] == ','))
      i++;
    else if (n - i >= 3 && memcmp(s + i, "\xE2\x80\xA6", 3) == 0) /* … */
      i += 3;
    else
      return i;
  }
}

static int valid_date(const vb_xdate *dt) {
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (dt->y && (dt->y < 1900 || dt->y > 2100)) return 0;
  if (dt->m && (dt->m < 1 || dt->m > 12)) return 0;
  if (dt->d && (dt->d < 1 || dt->d > (dt->m ? mdays[dt->m - 1] : 31)))
    return 0;
  if (dt->d && dt->m == 2 && dt->d == 29 && dt->y &&
      !(dt->y % 4 == 0 && (dt->y % 100 != 0 || dt->y % 400 == 0)))
    return 0;
  return 1;
}

size_t vb_x_parse_date(const char *s, size_t n, vb_xdate *dt) {
  size_t i = 0, l;
  int v;
  memset(dt, 0, sizeof *dt);
  if ((l = word_at(s, n, i, W_NGAY)) != 0) i = skip_spaces(s, n, i + l);
  size_t day_at = i;
  /* numeric: 18/10/2021, 18-10-2021, 18.10.2021, 15/11 */
  size_t j = digits(s, n, i, 2, &v);
  if (v > 0) {
    size_t k = skip_spaces(s, n, j);
    if (k < n && (s[k] == '/' || s[k] == '-' || s[k] == '.')) {
      char sep = s[k];
      int m, y;
      size_t k2 = digits(s, n, skip_spaces(s, n, k + 1), 2, &m);
      if (m > 0) {
        dt->d = v;
        dt->m = m;
        size_t k3 = skip_spaces(s, n, k2);
        if (k3 < n && s[k3] == sep) {
          size_t k4 = digits(s, n, skip_spaces(s, n, k3 + 1), 4, &y);
          if (y >= 1000) {
            dt->y = y;
            if (valid_date(dt)) return k4;
            memset(dt, 0, sizeof *dt);
            return 0;
          }
        }
        if (sep == '/' && valid_date(dt)) return k2; /* "15/11" */
        memset(dt, 0, sizeof *dt);
        return 0;
      }
    }
  }
  /* words: [d] tháng [m] năm y, with blanks for d and m */
  if (v > 0) {
    dt->d = v;
    i = skip_spaces(s, n, j);
  } else {
    i = skip_blank(s, n, day_at);
  }
  if ((l = word_at(s, n, i, W_THANG)) != 0) {
    i = skip_spaces(s, n, i + l);
    j = digits(s, n, i, 2, &v);
    if (v > 0) {
      dt->m = v;
      i = skip_spaces(s, n, j);
    } else {
      i = skip_blank(s, n, i);
    }
    if (dt->m && i < n && s[i] == '/') { /* "tháng 3/2026" */
      j = digits(s, n, i + 1, 4, &v);
      if (v >= 1000) {
        dt->y = v;
        if (valid_date(dt) && !dt->d) return j;
      }
      memset(dt, 0, sizeof *dt);
      return 0;
    }
    if (i < n && s[i] == ',') i = skip_spaces(s, n, i + 1);
    if ((l = word_at(s, n, i, W_NAM)) != 0) {
      i = skip_spaces(s, n, i + l);
      j = digits(s, n, i, 4, &v);
      if (v >= 1000) {
        dt->y = v;
        if (valid_date(dt) && !(dt->d && !dt->m)) return j;
      }
    }
    memset(dt, 0, sizeof *dt);
    return 0;
  }
  /* năm 2025 */
  if (dt->d == 0 && (l = word_at(s, n, i, W_NAM)) != 0) {
    j = digits(s, n, skip_spaces(s, n, i + l), 4, &v);
    if (v >= 1000) {
      dt->y = v;
      if (valid_date(dt)) return j;
    }
  }
  memset(dt, 0, sizeof *dt);
  return 0;
}

int vb_x_date_iso(const vb_xdate *dt, char out[11]) {
  out[0] = '\0';
  if (!dt->y) return 0;
  if (dt->m && dt->d)
    snprintf(out, 11, "%04d-%02d-%02d", dt->y, dt->m, dt->d);
  else if (dt->m)
    snprintf(out, 11, "%04d-%02d", dt->y, dt->m);
  else
    snprintf(out, 11, "%04d", dt->y);
  return 1;
}

int vb_x_date_cmp(const vb_xdate *a, const vb_xdate *b) {
  long x = (long)a->y * 10000 + a->m * 100 + a->d;
  long y = (long)b->y * 10000 + b->m * 100 + b->d;
  return x < y ? -1 : x > y;
}
