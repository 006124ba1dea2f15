/*
** cli_graph.c: `vanban tree`, `vanban compare` and `vanban diff` — the
** documents' own graph (query/graph.h): what implements, amends, replaces
** ... a document, which provinces have a plan implementing it, and how much
** of a plan is copied from the plan it implements.
*/
#include <string.h>

#include "graph.h"
#include "cli.h"

/* "Kế hoạch 45/KH-UBND, 2021-12-10, Ủy ban nhân dân tỉnh Lai Châu" */
static void print_node(json_t *n) {
  const char *type = json_string_value(json_object_get(n, "doc_type"));
  const char *id = json_string_value(json_object_get(n, "id"));
  const char *date = json_string_value(json_object_get(n, "date"));
  const char *iss = json_string_value(json_object_get(n, "issuer"));
  int sep = 0;
  if (type) printf("%s", type), sep = 1;
  if (id) printf("%s%s", sep ? " " : "", id), sep = 1;
  if (date) printf("%s%s", sep ? ", " : "", date), sep = 1;
  if (iss) printf("%s%s", sep ? ", " : "", iss), sep = 1;
  if (!sep) fputs("(no number)", stdout);
}

/* The tree below t, each line prefixed by the rails of its ancestors. */
static void print_tree(json_t *t, char *rails, size_t depth) {
  json_t *kids = json_object_get(t, "children"), *k;
  size_t i, n = json_array_size(kids);
  json_array_foreach(kids, i, k) {
    int last = i + 1 == n;
    json_t *node = json_object_get(k, "node");
    json_t *lag = json_object_get(k, "lag_days");
    printf("%s%s %s: ", rails, last ? "└─" : "├─",
           json_string_value(json_object_get(k, "relation")));
    print_node(node);
    if (json_is_integer(lag))
      printf(" (%+lld days)", (long long)json_integer_value(lag));
    putchar('\n');
    const char *src = json_string_value(json_object_get(node, "source"));
    size_t len = strlen(rails);
    if (len + 8 < 512) strcat(rails, last ? "   " : "│  ");
    if (src) {
      printf("%s   ", rails);
      cli_put_path(stdout, src);
      putchar('\n');
    }
    print_tree(k, rails, depth + 1);
    rails[len] = '\0';
  }
}

/* Print s (NULL: "?") padded with spaces to width characters. */
static void pad(const char *s, int width) {
  if (!s) s = "?";
  int n = 0;
  for (const char *p = s; *p; p++) n += ((unsigned char)*p & 0xC0) != 0x80;
  fputs(s, stdout);
  while (n++ < width) putchar(' ');
}

enum { O_RELATION = CLI_K, O_IMPLEMENTS };

static const cli_opt g_tree_opts[] = {
    {"relation", 'r', "R", "implements amends replaces repeals guides basis issued_by cites",
     "follow only these relations (comma-separated; default every one\n"
     "but cites)"},
    {"format", 'f', "F", "table json", "table (default) or json"},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt *const g_tree_tables[] = {g_tree_opts, cli_opts_db,
                                               cli_opts_help, NULL};

static int run_tree(int argc, char **argv);
static int run_compare(int argc, char **argv);

const cli_spec cli_spec_tree = {
    "tree", "what implements, amends, replaces ... a document, transitively",
    "[--db FILE] [--relation R,...] [--format table|json] DOCUMENT",
    "The documents of the index that stand to DOCUMENT (\"Quyết định\n"
    "1790/QĐ-TTg\", or its number and symbol alone) by a relation read from\n"
    "their wording (implements, amends, replaces, repeals, guides, basis,\n"
    "issued_by), and those that stand to them, down to districts, with the\n"
    "date of each and the lag in days after the document above it.  A\n"
    "reference is linked to the document it names by number and symbol\n"
    "(spacing, case and \"QĐ\"/\"QD\" do not matter), date and issuer; one\n"
    "without an issuer names a document of the citing one's province.\n"
    "DOCUMENT need not be in the index.",
    NULL, g_tree_tables,
    "0 found, 1 nothing stands to it, 2 usage, 3 index error.",
    "vanban tree \"Quyết định 1790/QĐ-TTg\"\n"
    "vanban tree --relation implements \"3332/KH-UBND\"",
    run_tree};

static const cli_opt g_compare_opts[] = {
    {"implements", O_IMPLEMENTS, "DOCUMENT", NULL,
     "the document the plans implement"},
    {"format", 'f', "F", "table json csv", "table (default), json or csv"},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt *const g_compare_tables[] = {g_compare_opts, cli_opts_db,
                                                  cli_opts_help, NULL};

const cli_spec cli_spec_compare = {
    "compare", "which provinces have a plan implementing a document, and when",
    "[--db FILE] [--format table|json|csv] --implements DOCUMENT",
    "One row per province with a plan in the index that implements DOCUMENT\n"
    "(directly, or through a plan that implements it): the earliest such\n"
    "plan, its date and its lag in days after DOCUMENT; then the provinces\n"
    "with none, among the 63 before the July 2025 merger and the 34 since.",
    NULL, g_compare_tables,
    "0 found, 1 no province has one, 2 usage, 3 index error.",
    "vanban compare --implements \"1790/QĐ-TTg\"\n"
    "vanban compare --implements \"1790/QĐ-TTg\" --format csv > plans.csv",
    run_compare};

/* Open the index and register the graph's SQL functions. */
static int open_graph(const char *db, vb_index **idx) {
  const char *path = cli_db_path(db);
  return cli_open_index(path, VB_INDEX_READ, idx);
}

static int run_tree(int argc, char **argv) {
  const char *db = NULL;
  unsigned mask = VB_GRAPH_DEFAULT_RELS;
  cli_format fmt = FMT_TABLE;
  int c;
  cli_getopt g;
  cli_getopt_begin(&g, &cli_spec_tree);
  while ((c = cli_getopt_next(&g, argc, argv)) > 0) {
    switch (c) {
      case 'd': db = optarg; break;
      case 'f':
        if (cli_parse_format("tree", optarg, 1u << FMT_TABLE | 1u << FMT_JSON,
                             &fmt) < 0)
          return CLI_USAGE;
        break;
      case 'r': {
        mask = 0;
        char buf[256];
        snprintf(buf, sizeof buf, "%s", optarg);
        for (char *tok = strtok(buf, ", "); tok; tok = strtok(NULL, ", ")) {
          int r = vb_graph_relation(tok);
          if (r < 0)
            return cli_usage_error("tree", "unknown relation '%s'", tok);
          mask |= 1u << r;
        }
        break;
      }
      default: return cli_bad_option("tree", argv);
    }
  }
  if (c < 0) return cli_getopt_exit(c);
  if (optind + 1 != argc) return cli_usage_error("tree", "give one DOCUMENT");
  vb_index *idx = NULL;
  int code = open_graph(db, &idx);
  if (code != CLI_OK) return code;
  vb_error err = {0};
  json_t *tree = NULL;
  vb_status rc = vb_graph_tree(idx, argv[optind], mask, &tree, &err);
  vb_index_close(idx);
  if (rc != VB_OK) {
    cli_error("tree: %s", vb_error_text(&err, rc));
    return rc == VB_EQUERY ? CLI_USAGE : cli_exit_code(rc);
  }
  size_t n = json_array_size(json_object_get(tree, "children"));
  if (fmt == FMT_JSON) {
    cli_json_print(stdout, tree, 1);
  } else {
    json_t *root = json_object_get(tree, "node");
    print_node(root);
    if (!json_is_true(json_object_get(root, "in_index")))
      fputs("  (not in the index)", stdout);
    putchar('\n');
    const char *src = json_string_value(json_object_get(root, "source"));
    if (src) {
      fputs("   ", stdout);
      cli_put_path(stdout, src);
      putchar('\n');
    }
    char rails[512] = "";
    print_tree(tree, rails, 0);
    if (!n) fputs("no document of the index stands to it\n", stderr);
  }
  json_decref(tree);
  return n ? CLI_OK : CLI_PARTIAL;
}

/* A JSON value as CSV text (NULL for null). */
static const char *field(json_t *o, const char *k, char *buf, size_t cap) {
  json_t *v = json_object_get(o, k);
  if (json_is_integer(v)) {
    snprintf(buf, cap, "%lld", (long long)json_integer_value(v));
    return buf;
  }
  return json_string_value(v);
}

static int run_compare(int argc, char **argv) {
  const char *db = NULL, *target = NULL;
  cli_format fmt = FMT_TABLE;
  int c;
  cli_getopt g;
  cli_getopt_begin(&g, &cli_spec_compare);
  while ((c = cli_getopt_next(&g, argc, argv)) > 0) {
    switch (c) {
      case 'd': db = optarg; break;
      case 'f':
        if (cli_parse_format("compare", optarg,
                             1u << FMT_TABLE | 1u << FMT_JSON | 1u << FMT_CSV,
                             &fmt) < 0)
          return CLI_USAGE;
        break;
      case O_IMPLEMENTS: target = optarg; break;
      default: return cli_bad_option("compare", argv);
    }
  }
  if (c < 0) return cli_getopt_exit(c);
  if (!target || optind < argc)
    return cli_usage_error("compare", "give --implements DOCUMENT");
  vb_index *idx = NULL;
  int code = open_graph(db, &idx);
  if (code != CLI_OK) return code;
  vb_error err = {0};
  json_t *res = NULL;
  vb_status rc = vb_graph_compare(idx, target, &res, &err);
  vb_index_close(idx);
  if (rc != VB_OK) {
    cli_error("compare: %s", vb_error_text(&err, rc));
    return rc == VB_EQUERY ? CLI_USAGE : cli_exit_code(rc);
  }
  json_t *plans = json_object_get(res, "plans"), *p;
  size_t n = json_array_size(plans), i;
  static const char *const cols[] = {"province", "province_2025", "doc_type",
                                     "id", "issuer", "date", "lag_days",
                                     "source", "via"};
  char buf[32];
  if (fmt == FMT_JSON) {
    cli_json_print(stdout, res, 1);
  } else if (fmt == FMT_CSV) {
    for (size_t k = 0; k < 9; k++) cli_csv_field(stdout, cols[k], k == 0);
    fputs("\r\n", stdout);
    json_array_foreach(plans, i, p) {
      for (size_t k = 0; k < 9; k++)
        cli_csv_field(stdout, field(p, cols[k], buf, sizeof buf), k == 0);
      fputs("\r\n", stdout);
    }
  } else {
    fputs("Plans implementing ", stdout);
    print_node(json_object_get(res, "target"));
    printf(": %zu province%s\n\n", n, n == 1 ? "" : "s");
    pad("province", 22), pad("date", 12), pad("lag", 6), puts("plan");
    json_array_foreach(plans, i, p) {
      pad(json_string_value(json_object_get(p, "province")), 22);
      pad(json_string_value(json_object_get(p, "date")), 12);
      pad(field(p, "lag_days", buf, sizeof buf), 6);
      print_node(p);
      putchar('\n');
      const char *via = json_string_value(json_object_get(p, "via"));
      if (via) pad("", 40), printf("through %s\n", via);
    }
    static const char *const lists[] = {"without", "without_2025"};
    static const char *const heads[] = {
        "Without a plan, of the 63 provinces before July 2025",
        "Without a plan, of the 34 provinces since July 2025"};
    for (int l = 0; l < 2; l++) {
      json_t *w = json_object_get(res, lists[l]), *x;
      printf("\n%s (%zu):", heads[l], json_array_size(w));
      json_array_foreach(w, i, x) printf("%s %s", i ? "," : "",
                                         json_string_value(x));
      putchar('\n');
    }
  }
  json_decref(res);
  return n ? CLI_OK : CLI_PARTIAL;
}

/* ---- diff ---- */

static int run_diff(int argc, char **argv);

static const cli_opt g_diff_opts[] = {
    {"format", 'f', "F", "table json", "table (default) or json"},
    {"all", 'a', NULL, NULL, "list the copied paragraphs too"},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt *const g_diff_tables[] = {g_diff_opts, cli_opts_db,
                                               cli_opts_help, NULL};

const cli_spec cli_spec_diff = {
    "diff", "how much of a plan's wording comes from the plan it implements",
    "[--db FILE] [--all] [--format table|json] A B",
    "Document B side by side with document A (each named by its path, the\n"
    "end of its path, or its number/symbol): the share of B's wording (pairs\n"
    "of neighbouring words, without case, tone marks or punctuation) found\n"
    "in A, and each paragraph of B as copied (90% of its pairs in A),\n"
    "reworded (50%) or added.  The table lists the reworded and added\n"
    "paragraphs; --all lists the copied ones too.",
    NULL, g_diff_tables,
    "0 success, 2 usage, 3 index error or no such document.",
    "vanban diff 45/KH-UBND 12/KH-UBND",
    run_diff};

static int run_diff(int argc, char **argv) {
  const char *db = NULL;
  cli_format fmt = FMT_TABLE;
  int c, all = 0;
  cli_getopt g;
  cli_getopt_begin(&g, &cli_spec_diff);
  while ((c = cli_getopt_next(&g, argc, argv)) > 0) {
    switch (c) {
      case 'd': db = optarg; break;
      case 'a': all = 1; break;
      case 'f':
        if (cli_parse_format("diff", optarg, 1u << FMT_TABLE | 1u << FMT_JSON,
                             &fmt) < 0)
          return CLI_USAGE;
        break;
      default: return cli_bad_option("diff", argv);
    }
  }
  if (c < 0) return cli_getopt_exit(c);
  if (optind + 2 != argc) return cli_usage_error("diff", "give two documents");
  vb_index *idx = NULL;
  int code = open_graph(db, &idx);
  if (code != CLI_OK) return code;
  vb_error err = {0};
  json_t *res = NULL;
  vb_status rc = vb_diff(idx, argv[optind], argv[optind + 1], &res, &err);
  vb_index_close(idx);
  if (rc != VB_OK) {
    cli_error("diff: %s", vb_error_text(&err, rc));
    return rc == VB_ENOTFOUND ? CLI_INDEX : cli_exit_code(rc);
  }
  if (fmt == FMT_JSON) {
    cli_json_print(stdout, res, 1);
    json_decref(res);
    return CLI_OK;
  }
  json_t *a = json_object_get(res, "a"), *b = json_object_get(res, "b");
  print_node(b);
  printf(" reuses %.0f%% of its wording from ",
         100 * json_real_value(json_object_get(res, "reused")));
  print_node(a);
  putchar('\n');
  json_t *p;
  size_t i, counts[3] = {0, 0, 0};
  static const char *const kinds[] = {"copied", "reworded", "added"};
  json_array_foreach(json_object_get(res, "paragraphs"), i, p) {
    const char *kind = json_string_value(json_object_get(p, "kind"));
    int k = strcmp(kind, "copied") == 0 ? 0 : strcmp(kind, "reworded") == 0 ? 1 : 2;
    counts[k]++;
  }
  printf("paragraphs of B: %zu copied, %zu reworded, %zu added\n", counts[0],
         counts[1], counts[2]);
  json_array_foreach(json_object_get(res, "paragraphs"), i, p) {
    const char *kind = json_string_value(json_object_get(p, "kind"));
    if (!all && strcmp(kind, kinds[0]) == 0) continue;
    printf("  line %-4lld %-8s %3.0f%%  %s\n",
           (long long)json_integer_value(json_object_get(p, "line")), kind,
           100 * json_real_value(json_object_get(p, "share")),
           json_string_value(json_object_get(p, "text")));
  }
  json_decref(res);
  return CLI_OK;
}
