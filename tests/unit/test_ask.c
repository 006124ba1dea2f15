/*
** test_ask.c: questions parsed into intents and slots (query/ask.c).
** Each row is a question and what vb_ask_parse() must read from it.
*/
#include "query/ask.h"
#include "vbtest.h"

typedef struct ask_case {
  const char *question;
  vb_intent intent;  /* 0: not understood */
  const char *unit;
  const char *province;
  int year, month;
  const char *after, *before, *doc;
} ask_case;

static const ask_case g_cases[] = {
    {"which units report to the Labour department?", VB_ASK_REPORTS_TO,
     "the Labour department", NULL, 0, 0, NULL, NULL, NULL},
    {"Những đơn vị nào báo cáo về Sở Lao động - Thương binh và Xã hội?",
     VB_ASK_REPORTS_TO, "Sở Lao động - Thương binh và Xã hội", NULL, 0, 0,
     NULL, NULL, NULL},
    {"nhung don vi nao bao cao ve so lao dong o tinh Bac Kan",
     VB_ASK_REPORTS_TO, "so lao dong", "Bắc Kạn", 0, 0, NULL, NULL, NULL},
    {"Who reports to DOLISA in Sơn La in 2022, and by when?",
     VB_ASK_REPORTS_TO, "DOLISA", "Sơn La", 2022, 0, NULL, NULL, NULL},
    {"đơn vị nào gửi báo cáo về Sở Y tế năm 2021?", VB_ASK_REPORTS_TO,
     "Sở Y tế", NULL, 2021, 0, NULL, NULL, NULL},
    {"which deadlines fall between 2021-12-01 and 2021-12-31?",
     VB_ASK_DEADLINES, NULL, NULL, 0, 0, "2021-12-01", "2021-12-31", NULL},
    {"deadlines from 1/11/2023 to 31/12/2023 for Văn phòng Sở",
     VB_ASK_DEADLINES, "Văn phòng Sở", NULL, 0, 0, "2023-11-01",
     "2023-12-31", NULL},
    {"which deadlines fall in December?", VB_ASK_DEADLINES, NULL, NULL, 0, 12,
     NULL, NULL, NULL},
    {"all deadlines in December 2021 in Bắc Giang", VB_ASK_DEADLINES, NULL,
     "Bắc Giang", 2021, 12, NULL, NULL, NULL},
    {"thời hạn nào trong tháng 12 năm 2018?", VB_ASK_DEADLINES, NULL, NULL,
     2018, 12, NULL, NULL, NULL},
    {"hạn chót của Sở Tài chính từ ngày 1/12/2021 đến ngày 31/12/2021",
     VB_ASK_DEADLINES, "Sở Tài chính", NULL, 0, 0, "2021-12-01",
     "2021-12-31", NULL},
    {"which plans assign tasks to the Department of Finance?",
     VB_ASK_PLANS_ASSIGNING, "the Department of Finance", NULL, 0, 0, NULL,
     NULL, NULL},
    {"kế hoạch nào giao nhiệm vụ cho Sở Y tế năm 2022?",
     VB_ASK_PLANS_ASSIGNING, "Sở Y tế", NULL, 2022, 0, NULL, NULL, NULL},
    {"which plans cite Quyết định 1790/QĐ-TTg?", VB_ASK_PLANS_CITING, NULL,
     NULL, 0, 0, NULL, NULL, "Quyết định 1790/QĐ-TTg"},
    {"kế hoạch nào căn cứ Nghị định số 48/2009/NĐ-CP", VB_ASK_PLANS_CITING,
     NULL, NULL, 0, 0, NULL, NULL, "Nghị định số 48/2009/NĐ-CP"},
    {"what must Sở Tài chính do under plan 622/KH-UBND?", VB_ASK_TASKS_OF,
     "Sở Tài chính", NULL, 0, 0, NULL, NULL, "622/KH-UBND"},
    {"Sở Tài chính phải làm gì theo kế hoạch số 622/KH-UBND?",
     VB_ASK_TASKS_OF, "Sở Tài chính", NULL, 0, 0, NULL, NULL, "622/KH-UBND"},
    {"nhiệm vụ của Văn phòng Sở trong kế hoạch 70/KH-UBND", VB_ASK_TASKS_OF,
     "Văn phòng Sở", NULL, 0, 0, NULL, NULL, "70/KH-UBND"},
    {"hello world", 0, NULL, NULL, 0, 0, NULL, NULL, NULL},
    {"", 0, NULL, NULL, 0, 0, NULL, NULL, NULL},
    {"which units report to?", 0, NULL, NULL, 0, 0, NULL, NULL, NULL},
    {"which plans cite", 0, NULL, NULL, 0, 0, NULL, NULL, NULL},
};

static void test_cases(void) {
  for (size_t i = 0; i < sizeof g_cases / sizeof *g_cases; i++) {
    const ask_case *c = &g_cases[i];
    vb_question *q = NULL;
    vb_error err = {0};
    vb_status rc = vb_ask_parse(c->question, &q, &err);
    if (!c->intent) {
      if (rc != VB_EQUERY) fprintf(stderr, "question [%s]\n", c->question);
      VB_CHECK_INT(rc, VB_EQUERY);
      VB_CHECK(q == NULL);
      continue;
    }
    if (rc != VB_OK) {
      fprintf(stderr, "question [%s]: %s\n", c->question, err.msg);
      VB_CHECK_INT(rc, VB_OK);
      continue;
    }
    VB_CHECK_INT(q->intent, c->intent);
    VB_CHECK_STR(q->unit, c->unit);
    VB_CHECK_STR(q->province, c->province);
    VB_CHECK_INT(q->year, c->year);
    VB_CHECK_INT(q->month, c->month);
    VB_CHECK_STR(q->after, c->after);
    VB_CHECK_STR(q->before, c->before);
    VB_CHECK_STR(q->doc, c->doc);
    vb_question_free(q);
  }
}

/* Every listed form is an example of what parses. */
static void test_forms_listed(void) {
  const char *const *f = vb_ask_forms();
  int n = 0;
  while (f[n]) n++;
  VB_CHECK(n >= 5);
}

/* The intent a field of data/questions.txt stands for (VB_ASK_<FIELD>). */
static vb_intent intent_of(const char *field) {
  static const struct {
    const char *field;
    vb_intent intent;
  } map[] = {{"reports_to", VB_ASK_REPORTS_TO},
             {"deadlines", VB_ASK_DEADLINES},
             {"plans_assigning", VB_ASK_PLANS_ASSIGNING},
             {"plans_citing", VB_ASK_PLANS_CITING},
             {"tasks_of", VB_ASK_TASKS_OF},
             {"provinces_implementing", VB_ASK_PROVINCES_IMPLEMENTING}};
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcmp(map[i].field, field) == 0) return map[i].intent;
  return 0;
}

/* Every example of data/questions.txt parses, to its own intent (no
** earlier form of another intent takes it). */
static void test_question_examples(void) {
  FILE *f = fopen(vb_test_src("data/questions.txt"), "r");
  VB_CHECK(f != NULL);
  if (!f) return;
  char line[1024], field[64] = "";
  int no = 0, examples = 0;
  while (fgets(line, sizeof line, f)) {
    no++;
    line[strcspn(line, "\n")] = '\0';
    if (strncmp(line, "field: ", 7) == 0)
      snprintf(field, sizeof field, "%.60s", line + 7);
    if (strncmp(line, "example: ", 9) != 0) continue;
    examples++;
    vb_question *q = NULL;
    vb_status rc = vb_ask_parse(line + 9, &q, NULL);
    int ok = rc == VB_OK && q && q->intent == intent_of(field);
    if (!ok)
      fprintf(stderr, "data/questions.txt:%d: '%s' is not read as %s\n", no,
              line + 9, field);
    VB_CHECK(intent_of(field) != 0);
    VB_CHECK(ok);
    vb_question_free(q);
  }
  fclose(f);
  VB_CHECK(examples >= 5);
}

/* Long and odd inputs are refused cleanly. */
static void test_odd(void) {
  char big[3000];
  memset(big, 'a', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  vb_question *q = NULL;
  VB_CHECK_INT(vb_ask_parse(big, &q, NULL), VB_EQUERY);
  VB_CHECK_INT(vb_ask_parse("who reports to \xff\xfe?", &q, NULL), VB_EQUERY);
  VB_CHECK(q == NULL);
}

int main(void) {
  test_cases();
  test_forms_listed();
  test_question_examples();
  test_odd();
  return vb_test_done();
}
