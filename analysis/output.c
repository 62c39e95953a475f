/* output.c: see output.h. */
#define _GNU_SOURCE /* fopencookie, renameat2 (RENAME_EXCHANGE), flock */
#include "analysis/output.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The output directory being written and the signal thread: process-wide,
 * because a signal has to find what to clean up. out_mu orders every change
 * to the file system of an output directory against the signal thread, so
 * that it never removes a set half-way through a move. */
static pthread_mutex_t out_mu = PTHREAD_MUTEX_INITIALIZER;
static bs_outdir *out_active;
static pthread_t sig_thread;
static int sig_started;
static sigset_t sig_set, sig_old;

/* The files a set may hold (what the commands write: run, compare, effect,
 * sweep, then uncertainty, sensitivity, calibrate; --records). */
static const char *const set_names[] = {"indicators.csv",
                                        "summary.csv",
                                        "survival.csv",
                                        "flow.csv",
                                        "targets.csv",
                                        "compare.csv",
                                        "effect.csv",
                                        "channels.csv",
                                        "sweep.csv",
                                        "run.json",
                                        "report.html",
                                        "uncertainty.csv",
                                        "uncertainty_sets.csv",
                                        "parameter_sets.csv",
                                        "sensitivity.csv",
                                        "sensitivity_points.csv",
                                        "posterior.csv",
                                        "posterior_sample.csv",
                                        "posterior_summary.csv",
                                        "fit.csv",
                                        "generations.csv",
                                        "fitted.yaml",
                                        "sweep_summary.csv",
                                        "spells.csv",
                                        "events.csv",
                                        "stock.csv",
                                        "stock_summary.csv",
                                        NULL};

static int is_set_name(const char *name) {
  for (size_t i = 0; set_names[i]; i++)
    if (!strcmp(name, set_names[i]))
      return 1;
  return 0;
}

/* ".NAME.tmp.PID": a temporary file of a version that wrote into DIR itself. */
static int is_old_temporary(const char *name) {
  const char *tmp = name[0] == '.' ? strstr(name, ".tmp.") : NULL;
  if (!tmp || tmp == name || !tmp[5] || strspn(tmp + 5, "0123456789") != strlen(tmp + 5))
    return 0;
  char set[64];
  size_t n = (size_t)(tmp - name - 1);
  if (n >= sizeof set)
    return 0;
  memcpy(set, name + 1, n);
  set[n] = 0;
  return is_set_name(set);
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return -1;
}

/* Creates dir and the directories above it. */
static int make_dirs(const char *dir, char *err, size_t errlen) {
  char path[BS_OUT_PATH];
  if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
    return fail(err, errlen, "%s: output path too long", dir);
  for (char *p = path + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = 0;
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
      return fail(err, errlen, "%s: cannot create output directory: %s", path, strerror(errno));
    *p = '/';
  }
  if (mkdir(path, 0777) != 0 && errno != EEXIST)
    return fail(err, errlen, "%s: cannot create output directory: %s", path, strerror(errno));
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
    return fail(err, errlen, "%s: not a directory", path);
  return 0;
}

/* Removes a set's directory: the files in it, then the directory (a
 * symbolic link or a directory inside is left alone, and so is the set). */
static int remove_set(const char *path) {
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return errno == ENOENT ? 0 : -1;
  DIR *dir = fdopendir(fd);
  if (!dir) {
    close(fd);
    return -1;
  }
  struct dirent *e;
  while ((e = readdir(dir)) != NULL)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      unlinkat(fd, e->d_name, 0);
  closedir(dir);
  return rmdir(path);
}

static int sync_dir(const char *path) {
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  int rc = fsync(fd);
  close(fd);
  return rc;
}

/* d->parent and d->base from dir: "out/x/" -> "out", "x"; ".", ".." and a
 * symbolic link are resolved to the directory they name. */
static int split_dir(bs_outdir *d, const char *dir, int resolve, char *err, size_t errlen) {
  char p[BS_OUT_PATH];
  if (snprintf(p, sizeof p, "%s", dir) >= (int)sizeof p)
    return fail(err, errlen, "%s: output path too long", d->shown);
  size_t n = strlen(p);
  while (n > 1 && p[n - 1] == '/')
    p[--n] = 0;
  char *slash = strrchr(p, '/');
  const char *base = slash ? slash + 1 : p;
  if (resolve || !*base || !strcmp(base, ".") || !strcmp(base, "..")) {
    char *real = realpath(p, NULL);
    if (!real)
      return fail(err, errlen, "%s: cannot resolve the output directory: %s", d->shown,
                  strerror(errno));
    int long_path = snprintf(p, sizeof p, "%s", real) >= (int)sizeof p;
    free(real);
    if (long_path)
      return fail(err, errlen, "%s: output path too long", d->shown);
    if (!strcmp(p, "/"))
      return fail(err, errlen, "%s: the root directory cannot be an output directory", d->shown);
    slash = strrchr(p, '/');
    base = slash + 1;
  }
  if (snprintf(d->base, sizeof d->base, "%s", base) >= (int)sizeof d->base)
    return fail(err, errlen, "%s: output directory name too long", d->shown);
  if (!slash)
    snprintf(d->parent, sizeof d->parent, ".");
  else if (slash == p)
    snprintf(d->parent, sizeof d->parent, "/");
  else
    snprintf(d->parent, sizeof d->parent, "%.*s", (int)(slash - p), p);
  if (snprintf(d->path, sizeof d->path, "%s/%s", d->parent, d->base) >= (int)sizeof d->path)
    return fail(err, errlen, "%s: output path too long", d->shown);
  return 0;
}

/* The lock file next to DIR, held with flock until bs_outdir_end. A lock
 * file that its holder removed meanwhile (it was done) is taken again. */
static int take_lock(bs_outdir *d, char *err, size_t errlen) {
  if (snprintf(d->lock, sizeof d->lock, "%s/.%s.lock", d->parent, d->base) >= (int)sizeof d->lock)
    return fail(err, errlen, "%s: output path too long", d->shown);
  for (int attempt = 0; attempt < 16; attempt++) {
    int fd = open(d->lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
      return fail(err, errlen, "%s: cannot create the lock file %s: %s", d->shown, d->lock,
                  strerror(errno));
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
      int e = errno;
      char pid[24] = "";
      ssize_t k = pread(fd, pid, sizeof pid - 1, 0);
      pid[k > 0 ? strspn(pid, "0123456789") : 0] = 0;
      close(fd);
      if (e == EWOULDBLOCK)
        return fail(err, errlen,
                    "%s: another bijsim (process %s) is writing this output directory; wait "
                    "for it to finish or choose another --out",
                    d->shown, pid[0] ? pid : "?");
      return fail(err, errlen, "%s: cannot lock %s: %s", d->shown, d->lock, strerror(e));
    }
    struct stat held, named;
    if (fstat(fd, &held) == 0 && stat(d->lock, &named) == 0 && held.st_dev == named.st_dev &&
        held.st_ino == named.st_ino) {
      char pid[24];
      int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
      if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len) {
        /* only the message of a second writer would lack the number */
      }
      d->lock_fd = fd;
      return 0;
    }
    close(fd);
  }
  return fail(err, errlen, "%s: cannot lock %s: it keeps changing", d->shown, d->lock);
}

/* What a writer killed with SIGKILL left next to DIR: its private
 * directories ".BASE.tmp-XXXXXX" (the lock is held, so nobody else writes). */
static void remove_leftovers(const bs_outdir *d) {
  char prefix[300];
  int plen = snprintf(prefix, sizeof prefix, ".%s.tmp-", d->base);
  DIR *dir = plen < (int)sizeof prefix ? opendir(d->parent) : NULL;
  if (!dir)
    return;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL) {
    if (strncmp(e->d_name, prefix, (size_t)plen) != 0 || strlen(e->d_name) != (size_t)plen + 6)
      continue;
    char path[BS_OUT_PATH + 300];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", d->parent, e->d_name);
    if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid())
      remove_set(path);
  }
  closedir(dir);
}

/* DIR, when it exists, must be a directory holding only files of a set
 * (it is replaced as a whole); its mode is kept for the new set. */
static int check_old_set(bs_outdir *d, int replace, char *err, size_t errlen) {
  int fd = open(d->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT && replace)
      return 0;
    if (errno == ENOENT)
      return fail(err, errlen, "%s: no such output directory", d->shown);
    if (errno == ENOTDIR || errno == ELOOP)
      return fail(err, errlen, "%s: not a directory", d->shown);
    return fail(err, errlen, "%s: cannot read the output directory: %s", d->shown, strerror(errno));
  }
  struct stat st;
  if (fstat(fd, &st) == 0)
    d->mode = st.st_mode & 07777;
  DIR *dir = replace ? fdopendir(fd) : NULL;
  if (!dir) {
    close(fd);
    return 0;
  }
  int rc = 0;
  struct dirent *e;
  while (rc == 0 && (e = readdir(dir)) != NULL) {
    const char *name = e->d_name;
    if (!strcmp(name, ".") || !strcmp(name, ".."))
      continue;
    if (!is_set_name(name) && !is_old_temporary(name))
      rc = fail(err, errlen,
                "%s: holds '%s', which bijsim did not write; an output directory is replaced "
                "as a whole, so give --out a new or empty directory or one with an earlier "
                "bijsim output set",
                d->shown, name);
    else if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
      rc = fail(err, errlen,
                "%s: '%s' is not a regular file; an output directory is replaced as a whole, "
                "so give --out a new or empty directory or one with an earlier bijsim output set",
                d->shown, name);
  }
  closedir(dir);
  return rc;
}

static int begin(bs_outdir *d, const char *dir, int replace, char *err, size_t errlen) {
  memset(d, 0, sizeof *d);
  d->lock_fd = -1;
  if (!*dir)
    return fail(err, errlen, "--out needs a directory");
  snprintf(d->shown, sizeof d->shown, "%s", dir);
  if (split_dir(d, dir, 0, err, errlen) != 0 || (replace && make_dirs(d->parent, err, errlen)))
    return -1;
  struct stat st;
  if (lstat(d->path, &st) == 0 && S_ISLNK(st.st_mode) && split_dir(d, dir, 1, err, errlen) != 0)
    return -1;
  mode_t mask = umask(022);
  umask(mask);
  d->mode = 0777 & ~mask;
  pthread_mutex_lock(&out_mu);
  int busy = out_active != NULL;
  if (!busy)
    out_active = d;
  pthread_mutex_unlock(&out_mu);
  if (busy)
    return fail(err, errlen, "%s: another output directory is being written", d->shown);
  if (take_lock(d, err, errlen) != 0)
    return -1;
  remove_leftovers(d);
  return check_old_set(d, replace, err, errlen);
}

int bs_outdir_begin(bs_outdir *d, const char *dir, char *err, size_t errlen) {
  if (begin(d, dir, 1, err, errlen) == 0)
    return 0;
  bs_outdir_end(d);
  return -1;
}

int bs_outdir_begin_add(bs_outdir *d, const char *dir, char *err, size_t errlen) {
  if (begin(d, dir, 0, err, errlen) == 0)
    return 0;
  bs_outdir_end(d);
  return -1;
}

/* The private directory the set is written into. */
static int make_stage(bs_outdir *d, char *err, size_t errlen) {
  if (d->stage[0])
    return 0;
  char tmpl[BS_OUT_PATH];
  if (snprintf(tmpl, sizeof tmpl, "%s/.%s.tmp-XXXXXX", d->parent, d->base) >= (int)sizeof tmpl)
    return fail(err, errlen, "%s: output path too long", d->shown);
  pthread_mutex_lock(&out_mu);
  int ok = mkdtemp(tmpl) != NULL;
  int e = errno;
  if (ok)
    snprintf(d->stage, sizeof d->stage, "%s", tmpl);
  pthread_mutex_unlock(&out_mu);
  if (!ok)
    return fail(err, errlen, "%s: cannot create a private directory next to it: %s", d->shown,
                strerror(e));
  return 0;
}

/* DIR is replaced by the stage: exchanged with the old set in one step, or
 * renamed into place when there is none. Without RENAME_EXCHANGE (some
 * network file systems) the old set steps aside to a private name first. */
static int swap_in(bs_outdir *d) {
  struct stat st;
  if (lstat(d->path, &st) != 0) {
    if (errno != ENOENT || rename(d->stage, d->path) != 0)
      return -1;
    d->stage[0] = 0;
    return 0;
  }
  if (renameat2(AT_FDCWD, d->stage, AT_FDCWD, d->path, RENAME_EXCHANGE) == 0) {
    d->swapped = 1;
    return 0;
  }
  if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
    return -1;
  char aside[BS_OUT_PATH];
  if (snprintf(aside, sizeof aside, "%s", d->stage) >= (int)sizeof aside)
    return -1;
  memcpy(aside + strlen(aside) - 6, "XXXXXX", 6); /* a sibling of the stage */
  if (!mkdtemp(aside) || rename(d->path, aside) != 0)
    return -1;
  if (rename(d->stage, d->path) != 0) {
    int e = errno;
    rename(aside, d->path);
    errno = e;
    return -1;
  }
  rmdir(d->stage);
  snprintf(d->stage, sizeof d->stage, "%s", aside);
  d->swapped = 1;
  return 0;
}

int bs_outdir_commit(bs_outdir *d, char *err, size_t errlen) {
  if (make_stage(d, err, errlen) != 0)
    return -1;
  if (chmod(d->stage, d->mode) != 0 || sync_dir(d->stage) != 0)
    return fail(err, errlen, "%s: cannot finish the new output set: %s", d->shown, strerror(errno));
  /* what was checked at the start may have changed during a long run */
  char why[1024];
  if (check_old_set(d, 1, why, sizeof why) != 0)
    return fail(err, errlen, "%s", why);
  bs_out_pause("swap");
  pthread_mutex_lock(&out_mu);
  int rc = swap_in(d), e = errno;
  pthread_mutex_unlock(&out_mu);
  if (rc != 0)
    return fail(err, errlen, "%s: cannot move the new output set into place: %s", d->shown,
                strerror(e));
  sync_dir(d->parent);
  bs_out_pause("swapped");
  pthread_mutex_lock(&out_mu);
  if (d->stage[0])
    remove_set(d->stage);
  d->stage[0] = 0;
  pthread_mutex_unlock(&out_mu);
  return 0;
}

int bs_outdir_add(bs_outdir *d, char *err, size_t errlen) {
  if (!d->stage[0])
    return 0;
  int fd = open(d->stage, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
  if (!dir) {
    if (fd >= 0)
      close(fd);
    return fail(err, errlen, "%s: cannot read its private directory: %s", d->shown,
                strerror(errno));
  }
  int rc = 0;
  struct dirent *e;
  pthread_mutex_lock(&out_mu);
  while (rc == 0 && (e = readdir(dir)) != NULL) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
      continue;
    char to[BS_OUT_PATH + 300];
    snprintf(to, sizeof to, "%s/%s", d->path, e->d_name);
    if (renameat(fd, e->d_name, AT_FDCWD, to) != 0)
      rc = fail(err, errlen, "%s/%s: cannot move into place: %s", d->shown, e->d_name,
                strerror(errno));
  }
  pthread_mutex_unlock(&out_mu);
  closedir(dir);
  if (rc == 0)
    sync_dir(d->path);
  return rc;
}

void bs_outdir_end(bs_outdir *d) {
  pthread_mutex_lock(&out_mu);
  if (d->stage[0])
    remove_set(d->stage);
  d->stage[0] = 0;
  if (d->lock_fd >= 0) {
    unlink(d->lock); /* before unlocking: a writer waiting on it retries */
    close(d->lock_fd);
    d->lock_fd = -1;
  }
  if (out_active == d)
    out_active = NULL;
  pthread_mutex_unlock(&out_mu);
}

/* ------------------------------------------------------------ files */

/* One file of a set: written through a stdio cookie so that the errno of
 * the first failed write is kept (stdio's error flag does not keep it: a
 * full disk would show as "Input/output error"). */
typedef struct bs_outfile {
  int fd;
  int err;   /* errno of the first failed write, close or sync; 0 if none */
  int fault; /* BIJSIM_FAULT_WRITE names this file */
  char path[BS_OUT_PATH + 64];
  char shown[BS_OUT_PATH + 64];
} bs_outfile;

static ssize_t file_write(void *cookie, const char *buf, size_t size) {
  bs_outfile *o = cookie;
  if (o->fault && !o->err)
    o->err = ENOSPC;
  size_t done = 0;
  while (!o->err && done < size) {
    ssize_t k = write(o->fd, buf + done, size - done);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      o->err = k < 0 ? errno : EIO;
    else
      done += (size_t)k;
  }
  return (ssize_t)done;
}

static int file_close(void *cookie) {
  bs_outfile *o = cookie;
  int rc = close(o->fd);
  if (rc != 0 && !o->err)
    o->err = errno;
  o->fd = -1;
  return rc;
}

/* Fault injection for the tests (tests/test_bad_inputs.c): with
 * BIJSIM_FAULT_WRITE=NAME in the environment, every write of output file
 * NAME ("*": of every file) fails with ENOSPC, as on a full disk. A real
 * full disk needs a mount (the test that has one skips without the right). */
static int fault_injected(const char *name) {
  const char *want = getenv("BIJSIM_FAULT_WRITE");
  return want && *want && (strcmp(want, "*") == 0 || strcmp(want, name) == 0);
}

FILE *bs_out_open(bs_outset *s, bs_outdir *d, const char *name, char *err, size_t errlen) {
  if (s->n >= BS_OUT_MAX) {
    fail(err, errlen, "too many output files");
    return NULL;
  }
  if (make_stage(d, err, errlen) != 0)
    return NULL;
  bs_outfile *o = calloc(1, sizeof *o);
  if (!o) {
    fail(err, errlen, "out of memory");
    return NULL;
  }
  snprintf(o->path, sizeof o->path, "%s/%s", d->stage, name);
  snprintf(o->shown, sizeof o->shown, "%s/%s", d->shown, name);
  o->fault = fault_injected(name);
  pthread_mutex_lock(&out_mu);
  o->fd = open(o->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  int e = errno;
  pthread_mutex_unlock(&out_mu);
  static const cookie_io_functions_t io = {.write = file_write, .close = file_close};
  FILE *f = o->fd >= 0 ? fopencookie(o, "w", io) : NULL;
  if (!f) {
    if (o->fd >= 0) {
      e = errno;
      close(o->fd);
      unlink(o->path);
    }
    fail(err, errlen, "%s: cannot write: %s", o->shown, strerror(e));
    free(o);
    return NULL;
  }
  s->f[s->n] = f;
  s->file[s->n] = o;
  s->n++;
  return f;
}

static void release_files(bs_outset *s, int remove) {
  for (size_t i = 0; i < s->n; i++) {
    if (s->f[i])
      fclose(s->f[i]);
    if (remove)
      unlink(s->file[i]->path);
    free(s->file[i]);
    s->f[i] = NULL;
    s->file[i] = NULL;
  }
  s->n = 0;
}

void bs_out_abort(bs_outset *s) { release_files(s, 1); }

int bs_out_commit(bs_outset *s, char *err, size_t errlen) {
  int rc = 0;
  for (size_t i = 0; i < s->n; i++) {
    bs_outfile *o = s->file[i];
    int bad = fflush(s->f[i]) != 0 || ferror(s->f[i]);
    if (!bad && !o->err && fsync(o->fd) != 0)
      o->err = errno;
    bad |= fclose(s->f[i]) != 0;
    s->f[i] = NULL;
    if ((bad || o->err) && rc == 0)
      rc = fail(err, errlen, "%s: write failed: %s", o->shown, strerror(o->err ? o->err : EIO));
    if (i == 0 && rc == 0)
      bs_out_pause("write");
  }
  release_files(s, rc != 0);
  return rc;
}

/* ------------------------------------------------------------ signals */

void bs_out_pause(const char *point) {
  const char *want = getenv("BIJSIM_FAULT_PAUSE");
  if (!want || strcmp(want, point) != 0)
    return;
  fprintf(stderr, "bijsim: paused at '%s' (BIJSIM_FAULT_PAUSE)\n", point);
  struct timespec left = {60, 0};
  while (nanosleep(&left, &left) != 0 && errno == EINTR)
    ;
}

void bs_out_clean_text(char *dst, size_t size, const char *src) {
  size_t n = 0;
  for (const unsigned char *s = (const unsigned char *)src; *s && n + 1 < size; s++) {
    /* C0 controls, DEL and the C1 controls (U+0080..U+009F) a terminal obeys */
    int c1 = s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f;
    dst[n++] = (*s < 0x20 || *s == 0x7f || c1) ? '?' : (char)*s;
    s += c1;
  }
  if (size)
    dst[n] = 0;
}

static void *signal_waiter(void *arg) {
  (void)arg;
  int sig = 0;
  while (sigwait(&sig_set, &sig) != 0)
    ;
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
  pthread_mutex_lock(&out_mu); /* held until the process ends */
  bs_outdir *d = out_active;
  if (d) {
    int swapped = d->swapped;
    if (d->stage[0])
      remove_set(d->stage);
    if (d->lock_fd >= 0)
      unlink(d->lock);
    char shown[512];
    bs_out_clean_text(shown, sizeof shown, d->shown);
    fprintf(stderr, "bijsim: interrupted (%s): %s %s\n", strsignal(sig), shown,
            swapped ? "holds the new output set" : "keeps its previous output set");
  }
  signal(sig, SIG_DFL);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, sig);
  pthread_sigmask(SIG_UNBLOCK, &one, NULL);
  raise(sig);
  _exit(128 + sig);
}

int bs_out_signals_start(void) {
  sigemptyset(&sig_set);
  sigaddset(&sig_set, SIGINT);
  sigaddset(&sig_set, SIGTERM);
  sigaddset(&sig_set, SIGHUP);
  if (pthread_sigmask(SIG_BLOCK, &sig_set, &sig_old) != 0)
    return -1;
  if (pthread_create(&sig_thread, NULL, signal_waiter, NULL) != 0) {
    pthread_sigmask(SIG_SETMASK, &sig_old, NULL);
    return -1;
  }
  sig_started = 1;
  return 0;
}

void bs_out_signals_stop(void) {
  if (!sig_started)
    return;
  pthread_cancel(sig_thread);
  pthread_join(sig_thread, NULL);
  sig_started = 0;
  pthread_sigmask(SIG_SETMASK, &sig_old, NULL);
}

/* ------------------------------------------------------------ numbers, JSON */

void bs_out_num(FILE *f, double v, const char *nan_token) {
  if (isnan(v) || isinf(v))
    fputs(nan_token, f);
  else if (v == floor(v) && fabs(v) < 1e15)
    fprintf(f, "%.0f", v);
  else
    fprintf(f, "%.10g", v);
}

int bs_out_digits(double v) {
  char tmp[40];
  int prec = 1;
  for (; prec < 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*g", prec, v);
    if (strtod(tmp, NULL) == v)
      break;
  }
  return prec;
}

double bs_out_rounded(double v, int decimals) {
  char tmp[400];
  snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
  return strtod(tmp, NULL);
}

/* The most digits any real in v needs (at least 1). */
static int json_digits(json_t *v) {
  int d = 1;
  if (json_is_real(v) && isfinite(json_real_value(v)))
    d = bs_out_digits(json_real_value(v));
  size_t i;
  const char *key;
  json_t *c;
  if (json_is_array(v))
    json_array_foreach(v, i, c) {
      int k = json_digits(c);
      d = k > d ? k : d;
    }
  if (json_is_object(v))
    json_object_foreach(v, key, c) {
      int k = json_digits(c);
      d = k > d ? k : d;
    }
  return d;
}

int bs_out_json(FILE *f, const json_t *doc) {
  /* jansson has one precision per dump; a real written with more digits than
   * it needs still reads back the same */
  size_t flags = JSON_INDENT(2) | JSON_REAL_PRECISION(json_digits((json_t *)doc));
  if (json_dumpf(doc, f, flags) != 0)
    return -1;
  fputc('\n', f);
  return 0;
}

json_t *bs_out_json_text(const char *s) {
  json_t *j = json_string(s);
  if (j)
    return j;
  char *ascii = strdup(s);
  if (!ascii)
    return NULL;
  for (char *c = ascii; *c; c++)
    if ((unsigned char)*c >= 0x80)
      *c = '?';
  j = json_string(ascii);
  free(ascii);
  return j;
}

static_assert(sizeof(json_int_t) == sizeof(int64_t), "jansson's integers are 64-bit");

json_t *bs_out_json_u64(uint64_t v) {
  if (v <= (uint64_t)INT64_MAX)
    return json_integer((json_int_t)v);
  char digits[24];
  snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
  return json_string(digits);
}
