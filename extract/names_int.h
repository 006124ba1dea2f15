/*
** names_int.h: what the files of the name tables share (internal to
** extract/; the public contracts are in names.h).
**
**   names.c         the tables (rows from the data files), keys, the key
**                   table, words, provinces and districts;
**   names_bodies.c  bodies with their locality, document types, offices
**                   and people.
**
** Shared functions and tables carry the prefix nm_.  Everything here is
** read-only after the key table is built (see names.c); nothing returned
** is to be freed.
*/
#ifndef VB_NAMES_INT_H
#define VB_NAMES_INT_H

#include "extract_int.h"

/* Longest key kept for one name or alias; longer names are cut (their
** prefix still compares). */
#define KEY_MAX 96
/* Words looked at in one name. */
#define MAX_WORDS 48
/* Longest run of words that can form one department or place name. */
#define MAX_RUN 12

/* Whether a body's name takes a locality, and which. */
#define SCOPE_NATIONAL 0 /* "Chính phủ": never */
#define SCOPE_LEVEL 1    /* "Ủy ban nhân dân": the province or district */
#define SCOPE_PROVINCE 2 /* "Sở ...", "Tỉnh ủy": the province */
#define SCOPE_NONE 3     /* "Phòng ...": only what the name itself says */
#define SCOPE_PARTY 4    /* "Tỉnh ủy": the province's bare name */

/* A department: the part of a name after "Sở", "Bộ" or "Phòng". */
typedef struct dept {
  const char *name;    /* canonical: "Lao động - Thương binh và Xã hội" */
  const char *aliases; /* Vietnamese forms and abbreviations */
  const char *english; /* English forms (after "Department of") */
  const char *so_acr;  /* English acronyms of the provincial department */
  const char *bo_acr;  /* English acronyms of the ministry */
  const char *codes;   /* codes of the department in document symbols */
} dept;

/* Kinds of body that are followed by a department. */
typedef struct dept_kind {
  const char *name;    /* "Sở" */
  const char *aliases; /* forms before the department */
  int scope;
} dept_kind;

#define KIND_SO 0
#define KIND_BO 1

/* Bodies with a name of their own. */
typedef struct body {
  const char *name;    /* canonical */
  const char *aliases; /* other forms, Vietnamese and English */
  const char *codes;   /* codes in document symbols */
  int scope;
} body;

typedef struct doctype {
  const char *name;    /* title case */
  const char *aliases; /* other forms of the type word ('|') */
  const char *codes;   /* symbol codes ('|'), or NULL */
} doctype;

enum {
  C_PROV,      /* province name or alias; idx into provinces */
  C_DIST,      /* district; idx into districts */
  C_DEPT,      /* department, Vietnamese form; idx into depts */
  C_DEPT_EN,   /* department, English form */
  C_DEPT_SO,   /* acronym of a provincial department */
  C_DEPT_BO,   /* acronym of a ministry */
  C_DEPT_CODE, /* department code in symbols */
  C_KIND,      /* "Sở", "Bộ", "Phòng"; idx into dept_kinds */
  C_BODY,      /* body name or alias; idx into bodies */
  C_BODY_CODE, /* body code in symbols */
  C_TYPE,      /* document type; idx into doctypes */
  C_TYPE_CODE, /* document type code in symbols */
  C_OFFICE,    /* office; idx into offices */
  C_LOCKIND    /* "tỉnh", "huyện", ...: idx into lockinds */
};

#define KEY_LEN 64 /* bytes of key kept per entry (see KEY_MAX) */

typedef struct entry {
  char key[KEY_LEN];
  unsigned short cls;
  unsigned short idx;
} entry;

typedef struct word {
  size_t off, len;    /* the word in the text, without edge punctuation */
  char key[KEY_MAX];  /* its key; empty for a lone dash or "&" -> "va" */
  size_t klen;
  int brk;            /* a ',', ';', ':' or bracket follows the word */
  int upper;          /* starts with an upper-case letter or a digit */
} word;

/* The tables (names.c). */
extern const dept nm_depts[];
extern const dept_kind nm_dept_kinds[];
extern const body nm_bodies[];
extern const doctype nm_doctypes[];
extern const char *const nm_offices[];

/* The first entry of class cls with this key, or NULL; *count (if not
** NULL) receives how many entries of that class share the key. */
const entry *nm_lookup(const char *key, unsigned cls, size_t *count);

/* Split s into words at spaces; edge punctuation is dropped from words and
** marks a break.  Returns the number of words (at most max). */
size_t nm_split_words(const char *s, size_t n, word *w, size_t max);

/* The longest run of words from i (at most MAX_RUN, not past a break when
** stop_at_break) whose joined key is an entry of class cls.  Returns the
** number of words (0: none) and the entry in *hit. */
size_t nm_match_run(const word *w, size_t nw, size_t i, unsigned cls,
                    int stop_at_break, const entry **hit);

/* Append s[0..n) with its first letter in upper case (upper != 0) or with
** every letter in lower case (upper == 0, lower_rest ignored), or with the
** first letter upper and the rest lower (upper && lower_rest). */
vb_status nm_put_cased(vb_buf *out, const char *s, size_t n, int upper,
                       int lower_rest);

/* Append a space unless out is empty or already ends with one. */
vb_status nm_put_space(vb_buf *out);

/* Bytes of s consumed by words [0, end). */
size_t nm_words_end(const word *w, size_t end);

#endif
