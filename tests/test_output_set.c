/* test_output_set.c: an output directory holds one whole set, whatever
 * happens to the writer. Drives the real `bijsim` binary, stops it in the
 * write path (BIJSIM_FAULT_PAUSE: "write" with one file of the new set
 * written and the others not, "swap" with the new set complete but not in
 * place, "swapped" with it in place and the old set not yet removed) and
 * kills it there with SIGINT, SIGTERM or SIGKILL. Pins down:
 * - interrupted before the move, DIR holds the previous set byte for byte
 *   (or does not exist, if it did not before); SIGINT/SIGTERM leave nothing
 *   next to it, SIGKILL leaves a hidden private directory that the next run
 *   removes;
 * - interrupted after the move, DIR holds the whole new set;
 * - a second writer on the same --out is refused while the first runs;
 * - a failing step (--report that cannot be written) leaves the previous set
 *   as it was;
 * - a planted symbolic link is never followed (the names bijsim writes to are
 *   not predictable, and are created with O_EXCL);
 * - a directory holding files bijsim did not write is refused, untouched,
 *   while every command's own set is replaced by a second run;
 * - a full disk (a real one: a small tmpfs in a mount namespace of its own,
 *   skipped without the right to mount) is reported as "No space left on
 *   device", with the previous set kept. */
#define _GNU_SOURCE /* unshare, CLONE_NEWNS */
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#define SCENARIO BIJSIM_SOURCE_DIR "/tests/data/analysis/small.yaml"

/* ------------------------------------------------------------ helpers */

typedef struct child {
  pid_t pid;
  int err_fd; /* read end of its stderr */
} child;

/* Starts bijsim with args (NULL-terminated) and "NAME=VALUE" env (or NULL);
 * stdout to /dev/null, stderr to a pipe. */
static child start(const char *const *args, const char *env) {
  int p[2];
  cr_assert_eq(pipe(p), 0);
  const char *argv[32] = {BIJSIM_BINARY};
  size_t n = 1;
  for (; args[n - 1]; n++)
    argv[n] = args[n - 1];
  argv[n] = NULL;
  fflush(NULL);
  pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(p[1], 2);
    close(p[0]);
    if (env)
      putenv((char *)env);
    execv(BIJSIM_BINARY, (char *const *)argv);
    _exit(127);
  }
  close(p[1]);
  return (child){pid, p[0]};
}

/* Reads the child's stderr until a line containing `want` (1) or its end (0). */
static int wait_for(child *c, const char *want, char *seen, size_t size) {
  size_t n = 0;
  seen[0] = 0;
  for (;;) {
    ssize_t k = read(c->err_fd, seen + n, size - 1 - n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return 0;
    n += (size_t)k;
    seen[n] = 0;
    if (strstr(seen, want))
      return 1;
    if (n + 1 >= size)
      return 0;
  }
}

/* Waits for the child; its exit code, or 128 + the signal that ended it. */
static int finish(child *c, char *rest, size_t size) {
  /* read to the end (a closed pipe would kill it with SIGPIPE) */
  char sink[512];
  size_t n = rest ? strlen(rest) : 0;
  for (;;) {
    int keep = rest && n + 1 < size;
    ssize_t k = keep ? read(c->err_fd, rest + n, size - 1 - n) : read(c->err_fd, sink, sizeof sink);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      break;
    if (keep)
      n += (size_t)k;
  }
  if (rest)
    rest[n] = 0;
  close(c->err_fd);
  int st;
  while (waitpid(c->pid, &st, 0) < 0 && errno == EINTR)
    ;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Runs bijsim to the end; its exit code, stderr into err. */
static int run(const char *const *args, const char *env, char *err, size_t size) {
  child c = start(args, env);
  err[0] = 0;
  return finish(&c, err, size);
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Drops from run.json's text what differs between two runs of the same set
 * (the wall time, the start time, and the command line: another --out): the
 * line of each of those keys, the argv list up to its closing line. */
static void drop_volatile(char *text, size_t *flen) {
  static const char *const keys[] = {"\"wall_seconds\"", "\"started_utc\"", "\"argv\""};
  for (size_t k = 0; k < 3; k++) {
    char *w = strstr(text, keys[k]);
    if (!w)
      continue;
    char *end = k == 2 ? strstr(w, "\n  ]") : w;
    if (!end)
      continue;
    size_t cut = (size_t)(end - w) + strcspn(end, "\n");
    memmove(w, w + cut, *flen - (size_t)(w - text) - cut + 1);
    *flen -= cut;
  }
}

/* Every file of dir, sorted, as "name\nsize\ncontent\n"; "(none)" when dir
 * does not exist. run.json's wall time, start time and command line are
 * allowed to differ between two runs of the same set, so `skip_wall` drops
 * them. */
static char *snapshot(const char *dir, int skip_wall) {
  DIR *d = opendir(dir);
  if (!d)
    return strdup("(none)");
  char *names[64];
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, n, sizeof *names, cmp_names);
  size_t cap = 1 << 20, len = 0;
  char *out = malloc(cap);
  out[0] = 0;
  for (size_t i = 0; i < n; i++) {
    char path[4200];
    size_t flen = 0;
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    char *text = slurp(path, &flen);
    if (text && skip_wall)
      drop_volatile(text, &flen);
    size_t need = strlen(names[i]) + flen + 64;
    while (len + need >= cap)
      out = realloc(out, cap *= 2);
    len += (size_t)sprintf(out + len, "%s\n%zu\n", names[i], flen);
    if (text)
      memcpy(out + len, text, flen);
    len += flen;
    out[len] = 0;
    free(text);
    free(names[i]);
  }
  return out;
}

/* Entries of parent whose name starts with ".BASE." (private directories
 * and the lock of output directory BASE). */
static int hidden_next_to(const char *parent, const char *base) {
  char prefix[256];
  snprintf(prefix, sizeof prefix, ".%s.", base);
  DIR *d = opendir(parent);
  cr_assert(d);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
  closedir(d);
  return n;
}

typedef struct setup {
  char tmp[64];
  char out[128];
  char ref[128];
} setup;

/* tmp/out: the set of seed 1 (with report.html); tmp/ref: that of seed 7,
 * which an interrupted run with seed 7 would write. */
static void make_sets(setup *s, int with_old) {
  tmpdir_make(s->tmp, sizeof s->tmp);
  cr_assert(s->tmp[0]);
  snprintf(s->out, sizeof s->out, "%s/out", s->tmp);
  snprintf(s->ref, sizeof s->ref, "%s/ref", s->tmp);
  char err[4096];
  if (with_old) {
    const char *a[] = {"run", SCENARIO, "--out", s->out, "--seed", "1", "--report", "-q", NULL};
    cr_assert_eq(run(a, NULL, err, sizeof err), 0, "%s", err);
  }
  const char *b[] = {"run", SCENARIO, "--out", s->ref, "--seed", "7", "-q", NULL};
  cr_assert_eq(run(b, NULL, err, sizeof err), 0, "%s", err);
}

/* DIR still holds the set snapshotted in `before` and nothing is left next
 * to it; frees before and removes the scratch directory. */
static void assert_kept(setup *s, char *before, const char *what) {
  char *after = snapshot(s->out, 0);
  cr_assert_str_eq(after, before, "%s: the previous set changed", what);
  int left = hidden_next_to(s->tmp, "out");
  cr_assert_eq(left, 0, "%s: %d private entries left next to DIR", what, left);
  free(before);
  free(after);
  tmpdir_remove(s->tmp);
}

/* A run with seed 7 stopped at `point` and sent `sig`; returns how it ended. */
static int interrupt_at(const setup *s, const char *point, int sig) {
  char env[64];
  snprintf(env, sizeof env, "BIJSIM_FAULT_PAUSE=%s", point);
  const char *a[] = {"run", SCENARIO, "--out", s->out, "--seed", "7", "-q", NULL};
  child c = start(a, env);
  char seen[4096];
  cr_assert(wait_for(&c, "paused at", seen, sizeof seen), "never reached '%s': %s", point, seen);
  cr_assert_eq(kill(c.pid, sig), 0);
  return finish(&c, seen, sizeof seen);
}

static void check_interrupted(const char *point, int sig, int with_old, int new_set_expected) {
  setup s;
  make_sets(&s, with_old);
  char *before = snapshot(s.out, 0), *ref = snapshot(s.ref, 1);
  int code = interrupt_at(&s, point, sig);
  cr_assert_eq(code, 128 + sig, "at %s: ended with %d, not by signal %d", point, code, sig);
  char *after = snapshot(s.out, new_set_expected);
  if (new_set_expected)
    cr_assert_str_eq(after, ref, "signal %d at %s: DIR does not hold the new set", sig, point);
  else
    cr_assert_str_eq(after, before, "signal %d at %s: the previous set changed", sig, point);
  int left = hidden_next_to(s.tmp, "out");
  if (sig == SIGKILL) {
    cr_assert_geq(left, 1, "SIGKILL at %s: nothing hidden left (not stopped mid-way?)", point);
    /* the next run removes the leftovers and writes its set */
    char err[4096];
    const char *a[] = {"run", SCENARIO, "--out", s.out, "--seed", "7", "-q", NULL};
    cr_assert_eq(run(a, NULL, err, sizeof err), 0, "%s", err);
    free(after);
    after = snapshot(s.out, 1);
    cr_assert_str_eq(after, ref);
    left = hidden_next_to(s.tmp, "out");
  }
  cr_assert_eq(left, 0, "signal %d at %s: %d private entries left next to DIR", sig, point, left);
  free(before);
  free(after);
  free(ref);
  tmpdir_remove(s.tmp);
}

/* ------------------------------------------------------------ interruptions */

Test(output_set, sigterm_while_writing_keeps_the_old_set, .timeout = 60) {
  check_interrupted("write", SIGTERM, 1, 0);
}
Test(output_set, sigint_before_the_move_keeps_the_old_set, .timeout = 60) {
  check_interrupted("swap", SIGINT, 1, 0);
}
Test(output_set, sigterm_after_the_move_leaves_the_new_set, .timeout = 60) {
  check_interrupted("swapped", SIGTERM, 1, 1);
}
Test(output_set, sigkill_while_writing_keeps_the_old_set, .timeout = 60) {
  check_interrupted("write", SIGKILL, 1, 0);
}
Test(output_set, sigkill_before_the_move_keeps_the_old_set, .timeout = 60) {
  check_interrupted("swap", SIGKILL, 1, 0);
}
Test(output_set, sigkill_after_the_move_leaves_the_new_set, .timeout = 60) {
  check_interrupted("swapped", SIGKILL, 1, 1);
}
Test(output_set, interrupted_first_run_leaves_no_directory, .timeout = 60) {
  check_interrupted("write", SIGINT, 0, 0);
}

/* A signal while the simulation runs (before any file is written). */
Test(output_set, sigint_during_the_run_keeps_the_old_set, .timeout = 60) {
  setup s;
  make_sets(&s, 1);
  char *before = snapshot(s.out, 0);
  const char *a[] = {"run", BIJSIM_SOURCE_DIR "/bench/national.yaml", "--out", s.out, "-q", NULL};
  child c = start(a, NULL);
  /* the lock is taken before the run starts */
  char lock[256];
  snprintf(lock, sizeof lock, "%s/.out.lock", s.tmp);
  for (int i = 0; i < 500 && access(lock, F_OK) != 0; i++)
    usleep(10000);
  cr_assert_eq(access(lock, F_OK), 0, "no lock file while running");
  cr_assert_eq(kill(c.pid, SIGINT), 0);
  char err[4096] = "";
  cr_assert_eq(finish(&c, err, sizeof err), 128 + SIGINT, "%s", err);
  cr_assert(strstr(err, "keeps its previous output set"), "%s", err);
  assert_kept(&s, before, "SIGINT during the run");
}

/* ------------------------------------------------------------ writers, steps */

Test(output_set, second_writer_is_refused, .timeout = 60) {
  setup s;
  make_sets(&s, 1);
  char *before = snapshot(s.out, 0);
  const char *a[] = {"run", SCENARIO, "--out", s.out, "--seed", "7", "-q", NULL};
  child first = start(a, "BIJSIM_FAULT_PAUSE=swap");
  char seen[4096], err[4096];
  cr_assert(wait_for(&first, "paused at", seen, sizeof seen), "%s", seen);
  const char *b[] = {"run", SCENARIO, "--out", s.out, "--seed", "9", "-q", NULL};
  cr_assert_eq(run(b, NULL, err, sizeof err), 1, "a second writer got in: %s", err);
  char want[64];
  snprintf(want, sizeof want, "another bijsim (process %ld) is writing", (long)first.pid);
  cr_assert(strstr(err, want), "%s", err);
  cr_assert_eq(count_lines(err), 1, "%s", err);
  /* the same directory spelt otherwise is the same lock */
  char other[256];
  snprintf(other, sizeof other, "%s/./out/", s.tmp);
  const char *c2[] = {"compare", SCENARIO, SCENARIO, "--out", other, "-q", NULL};
  cr_assert_eq(run(c2, NULL, err, sizeof err), 1, "%s", err);
  cr_assert(strstr(err, "is writing this output directory"), "%s", err);
  cr_assert_eq(kill(first.pid, SIGTERM), 0);
  cr_assert_eq(finish(&first, NULL, 0), 128 + SIGTERM);
  assert_kept(&s, before, "a second writer");
}

Test(output_set, failing_report_keeps_the_old_set, .timeout = 60) {
  setup s;
  make_sets(&s, 1);
  char *before = snapshot(s.out, 0);
  char err[4096];
  const char *a[] = {"run", SCENARIO, "--out", s.out, "--seed", "7", "--report", "-q", NULL};
  cr_assert_eq(run(a, "BIJSIM_FAULT_WRITE=report.html", err, sizeof err), 1, "%s", err);
  cr_assert(strstr(err, "report.html: write failed: No space left on device"), "%s", err);
  char *after = snapshot(s.out, 0);
  cr_assert_str_eq(after, before, "the CSV files of the failed run were committed");
  cr_assert_eq(hidden_next_to(s.tmp, "out"), 0);
  /* without --report the new set has no report.html (it would describe the old one) */
  const char *b[] = {"run", SCENARIO, "--out", s.out, "--seed", "7", "-q", NULL};
  cr_assert_eq(run(b, NULL, err, sizeof err), 0, "%s", err);
  char path[256];
  snprintf(path, sizeof path, "%s/report.html", s.out);
  cr_assert_neq(access(path, F_OK), 0, "a stale report.html next to the new set");
  free(before);
  free(after);
  tmpdir_remove(s.tmp);
}

/* The names a run of an earlier version wrote to (.NAME.tmp.PID in DIR) and
 * the lock file: links planted there are never followed. */
Test(output_set, planted_symlinks_are_not_followed, .timeout = 60) {
  setup s;
  make_sets(&s, 1);
  char victim[256], link[512], err[4096];
  snprintf(victim, sizeof victim, "%s/victim", s.tmp);
  FILE *f = fopen(victim, "w");
  cr_assert(f);
  fputs("precious\n", f);
  fclose(f);
  /* the child's pid is known between fork and exec: plant links with it */
  int go[2];
  cr_assert_eq(pipe(go), 0);
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    char b;
    close(go[1]);
    if (read(go[0], &b, 1) != 1)
      _exit(126);
    int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(BIJSIM_BINARY, BIJSIM_BINARY, "run", SCENARIO, "--out", s.out, "-q", (char *)NULL);
    _exit(127);
  }
  static const char *const names[] = {"indicators.csv", "summary.csv", "survival.csv",
                                      "flow.csv",       "run.json",    "report.html"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    snprintf(link, sizeof link, "%s/.%s.tmp.%ld", s.out, names[i], (long)pid);
    cr_assert_eq(symlink(victim, link), 0);
  }
  cr_assert_eq(write(go[1], "x", 1), 1);
  close(go[1]);
  close(go[0]);
  int st;
  waitpid(pid, &st, 0);
  char *text = slurp(victim, NULL);
  cr_assert_str_eq(text, "precious\n", "the link's target was written");
  free(text);
  /* a link at the lock file's name */
  snprintf(link, sizeof link, "%s/.fresh.lock", s.tmp);
  cr_assert_eq(symlink(victim, link), 0);
  char fresh[256];
  snprintf(fresh, sizeof fresh, "%s/fresh", s.tmp);
  const char *a[] = {"run", SCENARIO, "--out", fresh, "-q", NULL};
  cr_assert_eq(run(a, NULL, err, sizeof err), 1, "%s", err);
  cr_assert(strstr(err, "lock file"), "%s", err);
  text = slurp(victim, NULL);
  cr_assert_str_eq(text, "precious\n", "the lock file's link was followed");
  free(text);
  tmpdir_remove(s.tmp);
}

Test(output_set, foreign_files_are_refused_and_kept, .timeout = 60) {
  char tmp[64], path[256], err[4096];
  tmpdir_make(tmp, sizeof tmp);
  snprintf(path, sizeof path, "%s/notes.txt", tmp);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs("mine\n", f);
  fclose(f);
  char *before = snapshot(tmp, 0);
  const char *a[] = {"run", SCENARIO, "--out", tmp, "-q", NULL};
  cr_assert_eq(run(a, NULL, err, sizeof err), 1, "%s", err);
  cr_assert(strstr(err, "holds 'notes.txt', which bijsim did not write"), "%s", err);
  char *after = snapshot(tmp, 0);
  cr_assert_str_eq(after, before);
  free(before);
  free(after);
  tmpdir_remove(tmp);
}

/* Every command's set (effect's channels.csv, the experiment commands'
 * files) is its own: a second run into the same directory replaces it. */
Test(output_set, every_command_replaces_its_own_set, .timeout = 120) {
  char tmp[64], out[128], err[4096];
  tmpdir_make(tmp, sizeof tmp);
  snprintf(out, sizeof out, "%s/o", tmp);
  const char *cal = BIJSIM_SOURCE_DIR "/tests/data/analysis/small_cal.yaml";
  const char *cmds[][9] = {
      {"effect", SCENARIO, "--instrument", "trajectory", "--replications", "1"},
      {"uncertainty", SCENARIO, "--sets", "2", "--replications", "1"},
      {"sensitivity", SCENARIO, "--sets", "2", "--replications", "1"},
      {"calibrate", cal},
  };
  for (size_t c = 0; c < sizeof cmds / sizeof cmds[0]; c++) {
    const char *a[16];
    size_t n = 0;
    for (; cmds[c][n]; n++)
      a[n] = cmds[c][n];
    a[n++] = "--out";
    a[n++] = out;
    a[n++] = "-q";
    a[n] = NULL;
    for (int round = 0; round < 2; round++)
      cr_assert_eq(run(a, NULL, err, sizeof err), 0, "%s, run %d: %s", a[0], round + 1, err);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", out);
    cr_assert_eq(system(cmd), 0);
  }
  tmpdir_remove(tmp);
}

/* The new set keeps the mode of the directory it replaces. */
Test(output_set, mode_is_kept, .timeout = 60) {
  setup s;
  make_sets(&s, 1);
  cr_assert_eq(chmod(s.out, 0750), 0);
  char err[4096];
  const char *a[] = {"run", SCENARIO, "--out", s.out, "--seed", "3", "-q", NULL};
  cr_assert_eq(run(a, NULL, err, sizeof err), 0, "%s", err);
  struct stat st;
  cr_assert_eq(stat(s.out, &st), 0);
  cr_assert_eq(st.st_mode & 07777, 0750, "mode %o", st.st_mode & 07777);
  tmpdir_remove(s.tmp);
}

/* ------------------------------------------------------------ a full disk */

/* A tmpfs of 64 KiB in a mount namespace of this child only: the files of
 * three replications do not fit next to the
 * old set of one. The old set (written before the disk
 * filled, in the same tmpfs) must stay. Returns 0, or 77 when mounting is not
 * allowed. */
static int full_disk_child(const char *mnt) {
  if (unshare(CLONE_NEWNS) != 0 || mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount("tmpfs", mnt, "tmpfs", 0, "size=64k") != 0)
    return 77;
  char out[256], err[4096];
  snprintf(out, sizeof out, "%s/out", mnt);
  const char *small[] = {"run", SCENARIO, "--out", out, "--replications", "1", "-q", NULL};
  if (run(small, NULL, err, sizeof err) != 0) {
    fprintf(stderr, "the first set does not fit: %s\n", err);
    return 2;
  }
  char *before = snapshot(out, 0);
  const char *big[] = {"run", SCENARIO, "--out", out, "--replications", "3", "-q", NULL};
  int rc = run(big, NULL, err, sizeof err);
  char *after = snapshot(out, 0);
  int ok = rc == 1 && strstr(err, "write failed: No space left on device") &&
           count_lines(err) == 1 && strcmp(before, after) == 0 && hidden_next_to(mnt, "out") == 0;
  if (!ok)
    fprintf(stderr, "exit %d, stderr: %s, old set %s\n", rc, err,
            strcmp(before, after) ? "changed" : "kept");
  free(before);
  free(after);
  return ok ? 0 : 1;
}

Test(output_set, full_disk_is_reported_as_such, .timeout = 60) {
  char tmp[64];
  tmpdir_make(tmp, sizeof tmp);
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0)
    _exit(full_disk_child(tmp));
  int st;
  waitpid(pid, &st, 0);
  tmpdir_remove(tmp);
  if (WIFEXITED(st) && WEXITSTATUS(st) == 77)
    cr_skip_test("no right to mount a tmpfs (CAP_SYS_ADMIN)");
  cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "see stderr");
}
