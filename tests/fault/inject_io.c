/*
** inject_io.c: an LD_PRELOAD shim that makes file I/O fail on request, for
** the command-line reliability tests (tests/cli/io_faults.sh,
** tests/cli/bad_inputs.sh).  It wraps the C library's open, read and write
** calls; everything else passes through untouched.
**
** Environment:
**   VB_FAULT_PATH   fail only calls on files whose path (as opened)
**                   contains this string; unset = the shim does nothing
**   VB_FAULT_OP     open | read | write   (write covers write, pwrite and
**                   pwrite64; read covers read, pread and pread64)
**   VB_FAULT_NTH    fail the Nth such call (1-based, default 1), counted
**                   over the whole process
**   VB_FAULT_STICKY 1 = every later such call fails too (a disk that died)
**   VB_FAULT_ERRNO  EIO (default), EACCES, ENOSPC or EROFS; KILL: the
**                   process gets SIGKILL at that call instead (a crash at
**                   a chosen write)
**
** The exported names are the C library's own (open, read, ...), not vb_
** names: interposing them is the point.  The shim never allocates.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FDS 4096  /* descriptors tracked; higher ones are never failed */

enum { OP_NONE, OP_OPEN, OP_READ, OP_WRITE };

static atomic_int g_op = -1;          /* -1 until the environment is read */
static const char *g_path;            /* VB_FAULT_PATH */
static long g_nth = 1;                /* VB_FAULT_NTH */
static int g_sticky;                  /* VB_FAULT_STICKY */
static int g_errno = EIO;             /* VB_FAULT_ERRNO */
static int g_kill;                    /* VB_FAULT_ERRNO=KILL */
static atomic_long g_calls;           /* matching calls so far */
static atomic_char g_tracked[MAX_FDS]; /* fd opened on a matching path */

/* Read the settings once (racing first calls read the same values). */
static int fault_op(void) {
  int op = atomic_load(&g_op);
  if (op >= 0) return op;
  const char *p = getenv("VB_FAULT_PATH"), *o = getenv("VB_FAULT_OP");
  const char *n = getenv("VB_FAULT_NTH"), *s = getenv("VB_FAULT_STICKY");
  const char *e = getenv("VB_FAULT_ERRNO");
  op = OP_NONE;
  if (p && *p && o) {
    if (strcmp(o, "open") == 0) op = OP_OPEN;
    if (strcmp(o, "read") == 0) op = OP_READ;
    if (strcmp(o, "write") == 0) op = OP_WRITE;
  }
  g_path = p;
  if (n && atol(n) > 0) g_nth = atol(n);
  g_sticky = s && strcmp(s, "1") == 0;
  if (e && strcmp(e, "EACCES") == 0) g_errno = EACCES;
  if (e && strcmp(e, "ENOSPC") == 0) g_errno = ENOSPC;
  if (e && strcmp(e, "EROFS") == 0) g_errno = EROFS;
  g_kill = e && strcmp(e, "KILL") == 0;
  atomic_store(&g_op, op);
  return op;
}

/* 1 if this call (of kind op) must fail: counts matching calls. */
static int should_fail(int op) {
  if (fault_op() != op) return 0;
  long k = atomic_fetch_add(&g_calls, 1) + 1;
  if (k == g_nth && g_kill) raise(SIGKILL);
  return k == g_nth || (g_sticky && k > g_nth);
}

static int path_matches(const char *path) {
  return fault_op() != OP_NONE && path && strstr(path, g_path) != NULL;
}

static int fd_tracked(int fd) {
  return fd >= 0 && fd < MAX_FDS && atomic_load(&g_tracked[fd]);
}

static void fd_track(int fd, int on) {
  if (fd >= 0 && fd < MAX_FDS) atomic_store(&g_tracked[fd], (char)on);
}

/* The next definition of a C library function. */
#define NEXT(type, name) ((type)dlsym(RTLD_NEXT, name))

typedef int (*open_fn)(const char *, int, ...);
typedef int (*openat_fn)(int, const char *, int, ...);
typedef ssize_t (*read_fn)(int, void *, size_t);
typedef ssize_t (*pread_fn)(int, void *, size_t, off_t);
typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef int (*close_fn)(int);

/* Marks the plain open() family in open_common(): never a valid dirfd. */
#define NO_DIRFD (AT_FDCWD - 1)

/* Every open variant: fail it, or track the descriptor it returns. */
static int open_common(const char *name, int dirfd, const char *path,
                       int flags, mode_t mode) {
  int match = path_matches(path);
  if (match && should_fail(OP_OPEN)) {
    errno = g_errno;
    return -1;
  }
  int fd = dirfd == NO_DIRFD
               ? NEXT(open_fn, name)(path, flags, mode)
               : NEXT(openat_fn, name)(dirfd, path, flags, mode);
  if (fd >= 0) fd_track(fd, match);
  return fd;
}

/* Mode argument of an open call (only present with O_CREAT/O_TMPFILE). */
#define OPEN_MODE(flags, last)                        \
  mode_t mode = 0;                                    \
  if ((flags) & (O_CREAT | O_TMPFILE)) {              \
    va_list ap;                                       \
    va_start(ap, last);                               \
    mode = (mode_t)va_arg(ap, int);                   \
    va_end(ap);                                       \
  }

int open64(const char *path, int flags, ...);
int openat64(int dirfd, const char *path, int flags, ...);
int __open_2(const char *path, int flags);
int __open64_2(const char *path, int flags);
int __openat_2(int dirfd, const char *path, int flags);
int __openat64_2(int dirfd, const char *path, int flags);
ssize_t pread64(int fd, void *buf, size_t n, off_t off);
ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off);
ssize_t __read_chk(int fd, void *buf, size_t n, size_t buflen);

int open(const char *path, int flags, ...) {
  OPEN_MODE(flags, flags);
  return open_common("open", NO_DIRFD, path, flags, mode);
}
int open64(const char *path, int flags, ...) {
  OPEN_MODE(flags, flags);
  return open_common("open64", NO_DIRFD, path, flags, mode);
}
int openat(int dirfd, const char *path, int flags, ...) {
  OPEN_MODE(flags, flags);
  return open_common("openat", dirfd, path, flags, mode);
}
int openat64(int dirfd, const char *path, int flags, ...) {
  OPEN_MODE(flags, flags);
  return open_common("openat64", dirfd, path, flags, mode);
}
int __open_2(const char *path, int flags) {
  return open_common("open", NO_DIRFD, path, flags, 0);
}
int __open64_2(const char *path, int flags) {
  return open_common("open64", NO_DIRFD, path, flags, 0);
}
int __openat_2(int dirfd, const char *path, int flags) {
  return open_common("openat", dirfd, path, flags, 0);
}
int __openat64_2(int dirfd, const char *path, int flags) {
  return open_common("openat64", dirfd, path, flags, 0);
}

int close(int fd) {
  fd_track(fd, 0);
  return NEXT(close_fn, "close")(fd);
}

/* Fail a read or write on a tracked descriptor when its turn comes. */
#define MAYBE_FAIL(op, fd)                            \
  if (fd_tracked(fd) && should_fail(op)) {            \
    errno = g_errno;                                  \
    return -1;                                        \
  }

ssize_t read(int fd, void *buf, size_t n) {
  MAYBE_FAIL(OP_READ, fd);
  return NEXT(read_fn, "read")(fd, buf, n);
}
ssize_t __read_chk(int fd, void *buf, size_t n, size_t buflen) {
  (void)buflen;
  MAYBE_FAIL(OP_READ, fd);
  return NEXT(read_fn, "read")(fd, buf, n);
}
ssize_t pread(int fd, void *buf, size_t n, off_t off) {
  MAYBE_FAIL(OP_READ, fd);
  return NEXT(pread_fn, "pread")(fd, buf, n, off);
}
ssize_t pread64(int fd, void *buf, size_t n, off_t off) {
  MAYBE_FAIL(OP_READ, fd);
  return NEXT(pread_fn, "pread64")(fd, buf, n, off);
}
ssize_t write(int fd, const void *buf, size_t n) {
  MAYBE_FAIL(OP_WRITE, fd);
  return NEXT(write_fn, "write")(fd, buf, n);
}
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) {
  MAYBE_FAIL(OP_WRITE, fd);
  return NEXT(pwrite_fn, "pwrite")(fd, buf, n, off);
}
ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off) {
  MAYBE_FAIL(OP_WRITE, fd);
  return NEXT(pwrite_fn, "pwrite64")(fd, buf, n, off);
}
