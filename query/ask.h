/*
** ask.h: questions about what the plans say — who reports to whom, which
** deadlines fall when, which plans assign tasks to a unit or cite a
** document, what a unit must do under a plan — asked in Vietnamese or
** English, with or without tone marks.
**
** vb_ask_parse() turns a question into a vb_question (an intent and its
** slots: unit, province, year, dates, document); the same struct can be
** filled directly (the `reports` and `deadlines` subcommands do).
** vb_ask_run() answers it from the index as a JSON object:
**
**   {"intent": "reports_to", "unit": "Sở Lao động - Thương binh và Xã hội",
**    "filters": {...}, "count": N,
**    "answers": [{"source", "doc_type", "number", "symbol", "date",
**                 "province", "title", ... intent-specific keys ...,
**                 "line", "evidence"}]}
**
** Every answer carries the document it rests on and its evidence line.
**
** Ownership: vb_ask_parse() returns a question to free with
** vb_question_free() (accepts NULL); vb_ask_run() returns a new json_t
** reference (json_decref).
*/
#ifndef VB_ASK_H
#define VB_ASK_H

#include "index.h"

typedef enum vb_intent {
  VB_ASK_REPORTS_TO = 1, /* which units report to X (and by when) */
  VB_ASK_DEADLINES,      /* which deadlines fall between dates / in a month */
  VB_ASK_PLANS_ASSIGNING,/* which plans assign tasks to X */
  VB_ASK_PLANS_CITING,   /* which plans cite document N */
  VB_ASK_TASKS_OF,       /* what X must do under plan N */
  VB_ASK_PROVINCES_IMPLEMENTING /* which provinces have a plan implementing
                                   document N (graph.h) */
} vb_intent;

typedef struct vb_question {
  vb_intent intent;
  char *unit;       /* the unit as typed (X), or NULL */
  char *from_unit;  /* reports: only senders matching this, or NULL */
  char *province;   /* canonical province name, or NULL */
  int year;         /* 0 = any */
  char *after;      /* deadlines on or after (ISO date), or NULL */
  char *before;     /* deadlines on or before (ISO date), or NULL */
  int month;        /* 1-12: deadlines in that month (with year if set) */
  char *doc;        /* a document: "1790/QĐ-TTg", "622", or NULL */
} vb_question;

/* Parse a question.  Errors: VB_EQUERY when the question is not one of the
** understood forms (err says so; vb_ask_forms() lists them), VB_ENOMEM. */
vb_status vb_ask_parse(const char *text, vb_question **out,
                       vb_error *err) VB_MUST_CHECK;

/* A new empty question of the given intent (NULL on allocation failure). */
vb_question *vb_question_new(vb_intent intent);
void vb_question_free(vb_question *q);

/* Set a string slot (copied); VB_ENOMEM on failure. */
vb_status vb_question_set(char **slot, const char *value) VB_MUST_CHECK;

/* The question forms vb_ask_parse() understands, as examples; NULL-ended
** static list. */
const char *const *vb_ask_forms(void);

/* Answer a question from the index.  Errors: VB_EDB, VB_ENOMEM; VB_ETIMEOUT
** when the index's time budget ran out (index.h), with *answer holding
** the answers found before. */
vb_status vb_ask_run(vb_index *idx, const vb_question *q, json_t **answer,
                     vb_error *err) VB_MUST_CHECK;

/* One value of an answer as vb_ask_each() hands it over: its key in the
** JSON answer and its value, borrowed (valid during the call only).  text
** is a NUL-terminated string of len bytes for VB_ASK_TEXT and VB_ASK_LIST
** (a JSON array as stored, e.g. the units of a deadline), num the value
** of VB_ASK_INT. */
typedef enum vb_ask_type {
  VB_ASK_NULL, VB_ASK_INT, VB_ASK_TEXT, VB_ASK_LIST
} vb_ask_type;
typedef struct vb_ask_field {
  const char *name;
  vb_ask_type type;
  const char *text;
  size_t len;
  long long num;
} vb_ask_field;

/* Called once per answer, in order, with its n fields in the order of the
** JSON answer; a non-zero return stops the answers (vb_ask_each() then
** returns VB_ENOMEM: the callback could not keep the answer). */
typedef int (*vb_ask_row_fn)(void *ctx, const vb_ask_field *f, int n);

/* Answer a question as vb_ask_run() does, without building the answers:
** each goes to fn as it is read, so that a caller printing them keeps
** nothing.  *head gets the answer object without "answers" ("intent",
** "unit", "filters", "count"; a new reference, json_decref), also on
** VB_ETIMEOUT.  Not for VB_ASK_PROVINCES_IMPLEMENTING (VB_EINVAL: use
** vb_ask_run()).  Errors as vb_ask_run(). */
vb_status vb_ask_each(vb_index *idx, const vb_question *q, vb_ask_row_fn fn,
                      void *ctx, json_t **head, vb_error *err) VB_MUST_CHECK;

#endif /* VB_ASK_H */
