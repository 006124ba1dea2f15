/*
** dynlib.c: shared libraries loaded on first use (see dynlib.h).
**
** One lock serialises the loads of every library (they are rare: once per
** library per process); a library already tried is answered from its
** state without the lock.
*/
#include "dynlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

/* 1 if the tests asked name (by its last component) to fail as if it
** were not installed. */
static int forced_missing(const char *name) {
  const char *m = getenv("VB_TEST_MISSING_LIB"), *base = strrchr(name, '/');
  return m && strcmp(m, base ? base + 1 : name) == 0;
}

/* dlopen name, its path (name itself, or a name starting with "$ORIGIN/"
** taken relative to the folder of the running program, as the linker
** takes it in a run path) left in path[cap]. */
static void *open_name(const char *name, char *path, size_t cap) {
  snprintf(path, cap, "%s", name);
  if (strncmp(name, "$ORIGIN/", 8) == 0) {
    ssize_t n = readlink("/proc/self/exe", path, cap - 1);
    path[n > 0 ? n : 0] = 0;
    char *slash = strrchr(path, '/');
    if (!slash) return NULL;
    size_t dir = (size_t)(slash + 1 - path);
    if (dir + strlen(name + 8) >= cap) return NULL;
    strcpy(path + dir, name + 8);
  }
  return dlopen(path, RTLD_NOW | RTLD_LOCAL);
}

/* Set L's reason (cut to its size). */
VB_PRINTF(2, 3) static void say(vb_dynlib *L, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(L->why, sizeof L->why, fmt, ap);
  va_end(ap);
}

/* Open L's library and fill its table; the reason goes to L->why.  When
** no name loads, the reason kept is the first that says more than "no
** such file" (a library it needs is missing, the file is damaged), or
** else the first. */
static int load(vb_dynlib *L) {
  void *lib = NULL;
  char path[4096], name[4096] = "", reason[400] = "";
  int said = -1;
  for (size_t i = 0; L->names[i] && !lib; i++) {
    if (forced_missing(L->names[i])) {
      if (said < 0) {
        snprintf(name, sizeof name, "%s", getenv("VB_TEST_MISSING_LIB"));
        snprintf(reason, sizeof reason, "not installed");
        said = 0;
      }
      continue;
    }
    lib = open_name(L->names[i], path, sizeof path);
    if (lib) {
      snprintf(name, sizeof name, "%s", path);
      break;
    }
    const char *e = dlerror();
    if (!e) e = "cannot open shared object file";
    size_t n = strlen(path);
    int own = strncmp(e, path, n) == 0 && e[n] == ':' && e[n + 1] == ' ';
    if (own) e += n + 2;
    int more = !(own && strstr(e, "No such file"));
    if (said < more) {
      snprintf(name, sizeof name, "%s", path);
      snprintf(reason, sizeof reason, "%s", e);
      said = more;
    }
  }
  if (!lib) {
    say(L, "cannot load %s: %s (install the package %s)", name, reason,
        L->package);
    return -1;
  }
  for (size_t i = 0; i < L->nsyms; i++) {
    void *p = dlsym(lib, L->syms[i].name);
    if (!p) {
      say(L, "cannot load %s: it lacks %s (install the package %s)", name,
          L->syms[i].name, L->package);
      return -1;
    }
    memcpy((char *)L->table + L->syms[i].offset, &p, sizeof p);
  }
  if (L->init) L->init();
  return 1;
}

vb_status vb_dynlib_load(vb_dynlib *L, vb_error *err) {
  int s = atomic_load_explicit(&L->state, memory_order_acquire);
  if (!s) {
    pthread_mutex_lock(&g_lock);
    s = atomic_load_explicit(&L->state, memory_order_relaxed);
    if (!s) {
      s = load(L);
      atomic_store_explicit(&L->state, s, memory_order_release);
    }
    pthread_mutex_unlock(&g_lock);
  }
  if (s < 0) return vb_error_set(err, L->fail, "%s", L->why);
  return VB_OK;
}

int vb_dynlib_loaded(vb_dynlib *L) {
  return atomic_load_explicit(&L->state, memory_order_acquire) == 1;
}
