/*
** search_lat.c: in-process latency of vb_search(), without the cost of
** starting a process and opening the index.  Opens the index once, then for
** each query line on stdin runs the search REPEAT times, reading every hit.
**
**   search_lat DB REPEAT < queries
**
** Input lines: PROVINCE <TAB> YEAR <TAB> SYMBOL <TAB> QUERY (empty fields
** and YEAR 0 mean no filter).  Output, one line per query: the number of
** hits (or -1 on error), a tab, and the REPEAT times in microseconds
** separated by commas.  Built by bench/run against the release library.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vanban.h"

/* Longest query line read; the query set's lines are far shorter. */
#define LINE_MAX_BYTES 4096

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* Split line at tabs into at most n fields (in place); returns the count. */
static int split_tabs(char *line, char **f, int n) {
  int k = 0;
  f[k++] = line;
  for (char *p = line; *p && k < n; p++)
    if (*p == '\t') {
      *p = '\0';
      f[k++] = p + 1;
    }
  return k;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: search_lat DB REPEAT < queries\n");
    return 1;
  }
  int repeat = atoi(argv[2]);
  if (repeat < 1) repeat = 1;
  vb_error err = {0};
  vb_index *idx = NULL;
  vb_status rc = vb_index_open(argv[1], VB_INDEX_READ, &idx, &err);
  if (rc != VB_OK) {
    fprintf(stderr, "search_lat: %s: %s\n", argv[1], vb_error_text(&err, rc));
    return 1;
  }
  char line[LINE_MAX_BYTES];
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\r\n")] = '\0';
    char *f[4];
    if (split_tabs(line, f, 4) != 4) continue;
    vb_search_opts o;
    memset(&o, 0, sizeof o);
    o.query = f[3];
    o.limit = 10;
    o.province = *f[0] ? f[0] : NULL;
    o.year = atoi(f[1]);
    o.symbol = *f[2] ? f[2] : NULL;
    o.hl_open = "\xc2\xab";
    o.hl_close = "\xc2\xbb";
    long hits = -1;
    for (int i = 0; i < repeat; i++) {
      double t0 = now_us();
      vb_results *res = NULL;
      rc = vb_search(idx, &o, &res, &err);
      size_t n = 0, bytes = 0;
      if (rc == VB_OK) {
        n = vb_results_count(res);
        for (size_t k = 0; k < n; k++) {  /* touch what a caller would print */
          const vb_hit *h = vb_results_get(res, k);
          bytes += strlen(h->source) + (h->snippet ? strlen(h->snippet) : 0);
        }
      }
      vb_results_free(res);
      double dt = now_us() - t0;
      hits = rc == VB_OK ? (long)n : -1;
      if (bytes == (size_t)-1) hits = -2;  /* keeps the reads from being dropped */
      printf("%s%.1f", i ? "," : "", dt);
    }
    printf("\t%ld\n", hits);
    fflush(stdout);
  }
  vb_index_close(idx);
  return 0;
}
