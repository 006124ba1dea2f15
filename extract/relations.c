/*
** relations.c: how a document stands to a document it cites (the
** "relation" of each item of "references"), read from the wording around
** the citation.
**
** The wording is read on the folded text (lower case, no marks, "đ" -> "d")
** of the paragraph that holds the citation:
**
**   issued_by   "(Ban hành kèm theo Quyết định số X ...)" right before it,
**               in brackets or opening the paragraph;
**   replaces    "thay thế", repeals "bãi bỏ" / "hết hiệu lực", amends
**               "sửa đổi, bổ sung": said of this document (the sentence
**               names "... này" before the verb, the sentence opens with the
**               verb as an article does, "Điều 3. Bãi bỏ ...", or the verb
**               is in the title, or a list is announced: "Các quyết định
**               sau đây hết hiệu lực"); "... này" must follow a document's
**               name ("Quyết định này", not "đối tượng này"); a passive
**               "được sửa đổi bởi" is the cited document acting on another
**               and does not count; "Quyết định số X ... hết hiệu lực"
**               after the citation counts too;
**   implements  a clause of the title or of the preamble opening with
**               "Thực hiện", "Triển khai", "Để cụ thể hóa" ... (not a duty
**               counted in running text, "(2) thực hiện ..."), or "tổ chức
**               thi hành" right before the citation;
**   guides      a clause of the title or preamble opening with "Hướng dẫn",
**               a letter's closing "Trên đây là ý kiến ... hướng dẫn ...";
**   basis       a clause opening with "Căn cứ" (anywhere: plans have a
**               section of them), every document it names included;
**   cites       anything else; a clause opening with "Xét đề nghị" or
**               "Theo đề nghị" ends the clause before it.
**
** Where a document is cited several times, the caller keeps the strongest
** relation (the order of the enum in extract_int.h).
*/
#include <string.h>

#include "extract_int.h"
#include "vi.h"

/* Names of the relations, in the order of the enum. */
static const char *const rel_names[VB_REL_COUNT] = {
    "cites", "basis", "guides", "implements",
    "amends", "repeals", "replaces", "issued_by"};

/* Clause openings and the relation they give (folded text). */
typedef struct opening {
  const char *words;
  int rel;
} opening;

static const opening openings[] = {
    {"can cu", VB_REL_BASIS},
    {"thuc hien", VB_REL_IMPLEMENTS},
    {"trien khai", VB_REL_IMPLEMENTS},
    {"de cu the hoa", VB_REL_IMPLEMENTS},
    {"cu the hoa", VB_REL_IMPLEMENTS},
    {"de trien khai", VB_REL_IMPLEMENTS},
    {"de thuc hien", VB_REL_IMPLEMENTS},
    {"nham trien khai", VB_REL_IMPLEMENTS},
    {"nham thuc hien", VB_REL_IMPLEMENTS},
    {"nham cu the hoa", VB_REL_IMPLEMENTS},
    {"huong dan", VB_REL_GUIDES},
    {"xet de nghi", VB_REL_CITES},
    {"theo de nghi", VB_REL_CITES},
    {"xet to trinh", VB_REL_CITES},
    {"tren co so", VB_REL_CITES}, /* "; trên cơ sở Công văn số X ...": taken
                                     into account, not carried out */
};

/* Verbs by which this document acts on the cited one (folded text). */
static const opening verbs[] = {
    {"thay the", VB_REL_REPLACES},
    {"bai bo", VB_REL_REPEALS},
    {"het hieu luc", VB_REL_REPEALS},
    {"sua doi, bo sung", VB_REL_AMENDS},
    {"sua doi bo sung", VB_REL_AMENDS},
    {"dinh chinh", VB_REL_AMENDS}, /* "Đính chính Thông tư số 38/2023/TT-BCT" */
};

/* Folded openings of a clause that cites another document: a list of
** documents run on with "; " ("Quyết định số X ...; Quyết định số Y ...
** hết hiệu lực") is one clause. */
static const char *const doc_words[] = {
    "quyet dinh", "nghi dinh", "nghi quyet", "thong tu", "chi thi",
    "cong van", "van ban", "ke hoach", "huong dan", "thong bao"};

const char *vb_relation_name(int rel) {
  return rel >= 0 && rel < VB_REL_COUNT ? rel_names[rel] : NULL;
}

int vb_relation_parse(const char *name, size_t n) {
  for (int i = 0; i < VB_REL_COUNT; i++)
    if (strlen(rel_names[i]) == n && memcmp(rel_names[i], name, n) == 0)
      return i;
  return -1;
}

static int is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         (unsigned char)c >= 0x80;
}

/* Does s[at..) start with the words w, ending at a word boundary? */
static int words_at(const char *s, size_t n, size_t at, const char *w) {
  size_t k = strlen(w);
  if (at + k > n || memcmp(s + at, w, k) != 0) return 0;
  return at + k == n || !is_alnum(s[at + k]);
}

/* Last offset < lim where the word(s) w start at a word boundary, or
** SIZE_MAX. */
static size_t last_words(const char *s, size_t lim, const char *w) {
  size_t k = strlen(w);
  for (size_t i = lim >= k ? lim - k + 1 : 0; i-- > 0;)
    if ((i == 0 || !is_alnum(s[i - 1])) && words_at(s, lim, i, w)) return i;
  return SIZE_MAX;
}

/* Skip what may precede a clause's first word: spaces, bullets, quotes,
** emphasis marks, a numbering ("1.", "a)", "IV."), an article ("dieu 3."). */
static size_t skip_lead(const char *s, size_t n, size_t i) {
  for (;;) {
    while (i < n && strchr(" -+*\"'()[]", s[i])) i++;
    size_t j = i;
    if (words_at(s, n, j, "dieu")) {
      j += 4;
      while (j < n && s[j] == ' ') j++;
    }
    size_t d = j;
    while (j < n && s[j] >= '0' && s[j] <= '9') j++;
    if (j == d) /* a roman numeral ("iv.") or a letter ("a)") */
      while (j < n && j - d < 5 && strchr("ivxl", s[j])) j++;
    if (j == d && j + 1 < n && s[j] >= 'a' && s[j] <= 'z' && s[j + 1] == ')')
      j++;
    if (j > d && j < n && (s[j] == '.' || s[j] == ')')) {
      i = j + 1;
      continue;
    }
    return i;
  }
}

/* The relation a clause opening at s[i..) gives, or -1. */
static int clause_opening(const char *s, size_t n, size_t i) {
  /* "...; (2) thực hiện việc gửi bản cam kết ... Nghị định số X": a duty
     counted in running text, not this document's aim */
  size_t j = i;
  while (j < n && s[j] == ' ') j++;
  if (j + 2 < n && s[j] == '(' && s[j + 1] >= '0' && s[j + 1] <= '9') {
    j++;
    while (j < n && s[j] >= '0' && s[j] <= '9') j++;
    if (j < n && s[j] == ')') return -1;
  }
  i = skip_lead(s, n, i);
  for (size_t k = 0; k < sizeof openings / sizeof openings[0]; k++)
    if (words_at(s, n, i, openings[k].words)) return openings[k].rel;
  return -1;
}

/* Start of the sentence holding offset lim: after the last ". " before it. */
static size_t sentence_start(const char *s, size_t lim) {
  for (size_t i = lim; i-- > 1;)
    if (s[i] == ' ' && s[i - 1] == '.' && !(i >= 2 && s[i - 2] == '.'))
      return i + 1;
  return 0;
}

/* Is the verb at offset v said in the passive ("duoc sua doi", "bi bai
** bo", "da duoc thay the")? */
static int passive(const char *s, size_t v) {
  return (v >= 5 && words_at(s, v, v - 5, "duoc")) ||
         (v >= 3 && words_at(s, v, v - 3, "bi"));
}

/* Folded words that name a document before "này" ("Quyết định này",
** "Quy định này"): "đối tượng này", "nội dung này" speak of no document. */
static const char *const self_words[] = {
    "quyet dinh", "nghi dinh", "nghi quyet", "thong tu", "chi thi",
    "ke hoach", "quy dinh", "quy che", "huong dan", "van ban", "cong van",
    "chuong trinh", "de an", "thong bao", "luat"};

/* Last offset < lim of "này" said of a document (see self_words), or
** SIZE_MAX. */
static size_t self_before(const char *s, size_t lim) {
  for (size_t at = last_words(s, lim, "nay"); at != SIZE_MAX;
       at = last_words(s, at, "nay")) {
    size_t e = at;
    while (e > 0 && s[e - 1] == ' ') e--;
    for (size_t k = 0; k < sizeof self_words / sizeof self_words[0]; k++) {
      size_t w = strlen(self_words[k]);
      if (e >= w && memcmp(s + e - w, self_words[k], w) == 0 &&
          (e == w || !is_alnum(s[e - w - 1])))
        return at;
    }
  }
  return SIZE_MAX;
}

/* The relation told by a verb before the citation (s: the folded text up
** to it, n bytes; from: where the sentence starts), or -1. */
static int verb_before(const char *s, size_t n, size_t from, int where) {
  size_t best = SIZE_MAX;
  int rel = -1;
  for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++) {
    size_t at = last_words(s, n, verbs[k].words);
    if (at == SIZE_MAX || at < from || passive(s, at)) continue;
    if (best == SIZE_MAX || at > best) best = at, rel = verbs[k].rel;
  }
  if (rel < 0) return -1;
  if (where == VB_REL_IN_TITLE) return rel;
  /* "Quyết định này ... thay thế", or an article opening with the verb */
  size_t self = self_before(s, best);
  if (self != SIZE_MAX && self >= from) return rel;
  if (skip_lead(s, n, from) == best) return rel;
  /* "Các quyết định sau đây hết hiệu lực ..., gồm:": the list is this
     document's to end */
  size_t list = last_words(s, best, "sau day");
  if (list != SIZE_MAX && list >= from) return rel;
  return -1;
}

/* The relation told by a verb after the citation, in its clause
** ("Quyết định số X ... hết hiệu lực"), or -1. */
static int verb_after(const char *s, size_t n, int list) {
  size_t end = 0;
  for (;;) {
    while (end < n && s[end] != ';' && !(s[end] == '.' && (end + 1 == n ||
                                                           s[end + 1] == ' ')))
      end++;
    if (!list || end >= n || s[end] != ';') break;
    size_t j = end + 1, k;
    while (j < n && s[j] == ' ') j++;
    for (k = 0; k < sizeof doc_words / sizeof doc_words[0]; k++)
      if (words_at(s, n, j, doc_words[k])) break;
    if (k == sizeof doc_words / sizeof doc_words[0]) break;
    end = j; /* "...; Quyết định số Y ..." goes on with the list */
  }
  if (last_words(s, end, "het hieu luc") != SIZE_MAX) return VB_REL_REPEALS;
  size_t at = last_words(s, end, "bai bo");
  if (at != SIZE_MAX && passive(s, at)) return VB_REL_REPEALS;
  at = last_words(s, end, "thay the");
  if (at != SIZE_MAX && passive(s, at)) return VB_REL_REPLACES;
  return -1;
}

/* The relation a letter's closing or an aim of organising gives the
** citation that s (folded, m bytes, up to the citation) leads to, or -1:
**   "Trên đây là (một số) ý kiến ... hướng dẫn ... tại Nghị định số X"
**   sums up a letter that guides X;
**   "... cho việc tổ chức thi hành Nghị quyết số X", "triển khai thi
**   hành X": this document sets about carrying X out. */
static int closing_or_execution(const char *s, size_t m) {
  size_t ss = sentence_start(s, m);
  size_t g = last_words(s, m, "huong dan");
  if (words_at(s, m, skip_lead(s, m, ss), "tren day la") && g != SIZE_MAX &&
      g >= ss)
    return VB_REL_GUIDES;
  size_t e = m;
  while (e > 0 && s[e - 1] == ' ') e--;
  static const char *const exec[] = {"to chuc thi hanh", "trien khai thi hanh"};
  for (size_t k = 0; k < sizeof exec / sizeof exec[0]; k++) {
    size_t w = strlen(exec[k]);
    if (e >= w && memcmp(s + e - w, exec[k], w) == 0 &&
        (e == w || !is_alnum(s[e - w - 1])))
      return VB_REL_IMPLEMENTS;
  }
  return -1;
}

/* "(Ban hành kèm theo" opening the paragraph, right before the citation
** (a regulation promulgated by that decision); "Quy định ban hành kèm theo
** Quyết định số X" inside a sentence describes another document. */
static int issued_by(const char *s, size_t n) {
  static const char lead[] = "ban hanh kem theo";
  size_t at = last_words(s, n, lead), k = at;
  if (at == SIZE_MAX) return 0;
  while (k > 0 && s[k - 1] == ' ') k--;
  if (k > 0 && s[k - 1] != '(' && skip_lead(s, n, 0) != at) return 0;
  /* "Thực hiện Quy chế ... (ban hành kèm theo Quyết định số X)": a
     sentence that names another document's promulgation */
  if (k > 1 && s[k - 1] == '(' && clause_opening(s, k - 1, 0) >= 0) return 0;
  at += sizeof lead - 1;
  while (at < n && s[at] == ' ') at++;
  return n - at <= 2; /* nothing between but a mark */
}

/* The opening of the last clause before offset n that has one: clauses
** start at `lo` and after each "; " or ". " (-1: none). */
static int last_opening(const char *s, size_t lo, size_t n) {
  for (size_t i = n; i-- > lo;) {
    if (i > lo && !((s[i - 1] == ';' || s[i - 1] == '.') && s[i] == ' '))
      continue;
    int r = clause_opening(s, n, i);
    if (r >= 0) return r;
  }
  return -1;
}

vb_status vb_x_relation(const char *text, size_t n, size_t lo, size_t start,
                        size_t end, int where, int *rel) {
  vb_buf pre, post;
  vb_status rc;
  *rel = VB_REL_CITES;
  if (lo > start) lo = start;
  if (start > n) start = n;
  if (end > n) end = n;
  vb_buf_init(&pre, VB_CAP_SMALL);
  vb_buf_init(&post, VB_CAP_SMALL);
  rc = vb_vi_fold(text + lo, start - lo, &pre);
  if (rc == VB_OK) rc = vb_vi_fold(text + end, n - end, &post);
  if (rc != VB_OK) goto out;
  const char *s = pre.data ? pre.data : "";
  size_t m = pre.len;
  if (issued_by(s, m)) {
    *rel = VB_REL_ISSUED_BY;
    goto out;
  }
  /* "Quyết định số X ... hết hiệu lực" first: its own clause says more
     than a verb earlier in the sentence; the paragraph must speak of this
     document ("... này") */
  /* "... theo Quyết định số X ... hết hiệu lực": X only describes the
     document that loses its force */
  size_t q = m;
  while (q > 0 && s[q - 1] == ' ') q--;
  int nested = q >= 4 && words_at(s, q, q - 4, "theo") &&
               (q == 4 || !is_alnum(s[q - 5]));
  /* the citation heads a list only when its own clause has no verb
     before it ("... và thay thế Quyết định số X; Quyết định số Y ... hết
     hiệu lực": Y alone loses its force) */
  size_t cl = m;
  while (cl > 0 && s[cl - 1] != ';' && !(s[cl - 1] == ' ' && cl >= 2 &&
                                          s[cl - 2] == '.'))
    cl--;
  int list = verb_before(s, m, cl, VB_REL_IN_TITLE) < 0;
  int r = post.len && !nested ? verb_after(post.data, post.len, list) : -1;
  if (r >= 0 && self_before(s, m) == SIZE_MAX &&
      self_before(post.data, post.len) == SIZE_MAX)
    r = -1;
  if (r < 0) r = verb_before(s, m, sentence_start(s, m), where);
  if (r >= 0) {
    *rel = r;
    goto out;
  }
  if (where != VB_REL_IN_TITLE && (r = closing_or_execution(s, m)) >= 0) {
    *rel = r;
    goto out;
  }
  if (where == VB_REL_IN_TITLE) {
    /* "Kế hoạch triển khai Quyết định số X", "Hướng dẫn thực hiện ..." */
    size_t g = last_words(s, m, "huong dan");
    size_t i = SIZE_MAX;
    static const char *const impl[] = {"trien khai", "thuc hien",
                                       "cu the hoa"};
    for (size_t k = 0; k < 3; k++) {
      size_t at = last_words(s, m, impl[k]);
      if (at != SIZE_MAX && (i == SIZE_MAX || at > i)) i = at;
    }
    if (g != SIZE_MAX && (i == SIZE_MAX || g < i)) *rel = VB_REL_GUIDES;
    else if (i != SIZE_MAX) *rel = VB_REL_IMPLEMENTS;
    goto out;
  }
  r = last_opening(s, 0, m);
  if (r == VB_REL_BASIS || (r >= 0 && where == VB_REL_IN_PREAMBLE)) *rel = r;
out:
  vb_buf_free(&pre);
  vb_buf_free(&post);
  return rc;
}

size_t vb_x_preamble_end(const vb_xdoc *d, size_t from, size_t end) {
  for (size_t i = from; i < end && i < d->ncells; i++) {
    const vb_xcell *c = &d->cells[i];
    if (!c->len) continue;
    if (vb_xdoc_section_at(d, i)) return i;
    /* "QUYẾT ĐỊNH:" before the articles, or the first article */
    if ((c->len <= 24 && strncmp(c->text, "QUYẾT ĐỊNH", 14) == 0) ||
        strncmp(c->text, "Điều 1", 7) == 0)
      return i;
  }
  return end;
}
