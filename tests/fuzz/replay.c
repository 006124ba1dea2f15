/*
** replay.c: runs a fuzz target without libFuzzer.  Every regular file of
** the directories (and every file) named on the command line is fed once
** to LLVMFuzzerTestOneInput(), in name order, so that ctest replays the
** seed corpora and every crash kept as a regression input on any compiler.
** Exit status 0 when all inputs were replayed, 1 when a path could not be
** read or there was no input at all; a broken invariant aborts (naming the input on stderr first).
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Feed one file to the target.  Returns 0, or -1 if it cannot be read. */
static int replay_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return -1;
  }
  size_t cap = 4096, n = 0;
  unsigned char *data = malloc(cap);
  size_t got;
  while (data && (got = fread(data + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      unsigned char *nd = realloc(data, cap *= 2);
      if (!nd) free(data);
      data = nd;
    }
  }
  int bad = ferror(f) || !data;
  fclose(f);
  if (bad) {
    fprintf(stderr, "replay: %s: cannot read\n", path);
    free(data);
    return -1;
  }
  /* Name the input first: a broken invariant aborts inside the call. */
  fprintf(stderr, "replay: %s (%zu bytes)\n", path, n);
  /* A copy of exactly n bytes, so that ASan sees reads past the end. */
  unsigned char *exact = malloc(n ? n : 1);
  if (!exact) {
    free(data);
    return -1;
  }
  memcpy(exact, data, n);
  free(data);
  LLVMFuzzerTestOneInput(exact, n);
  free(exact);
  return 0;
}

static int cmp_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Feed every regular file of dir, sorted by name.  Returns the number of
** files replayed, or -1 on error. */
static int replay_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
    return -1;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.') continue;
    if (n == cap) {
      char **nn = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *nn);
      if (!nn) break;
      names = nn;
    }
    size_t len = strlen(dir) + strlen(de->d_name) + 2;
    if (!(names[n] = malloc(len))) break;
    snprintf(names[n++], len, "%s/%s", dir, de->d_name);
  }
  closedir(d);
  if (n) qsort(names, n, sizeof *names, cmp_name);
  int count = 0;
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (count >= 0 && stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
      count = replay_file(names[i]) == 0 ? count + 1 : -1;
    free(names[i]);
  }
  free(names);
  return count;
}

int main(int argc, char **argv) {
  int status = 0, total = 0;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    int got;
    if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
      got = replay_dir(argv[i]);
    else
      got = replay_file(argv[i]) == 0 ? 1 : -1;
    if (got < 0)
      status = 1;
    else
      total += got;
  }
  if (total == 0) {
    fprintf(stderr, "replay: no inputs found\n");
    return 1;
  }
  fprintf(stderr, "replay: %d inputs, no invariant broken\n", total);
  return status;
}
