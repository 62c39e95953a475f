/* output.h: output sets written as a unit.
 *
 * A command's output directory DIR (its --out) holds one set of files that
 * belong together: the CSV tables, run.json and report.html of one run. A
 * set is never written into DIR file by file. It is written into a fresh
 * private directory next to DIR (mkdtemp: ".DIR.tmp-XXXXXX", mode 0700), and
 * only when every file of it was written, flushed and synced without error
 * is that directory moved into place in one step: renameat2(RENAME_EXCHANGE)
 * with the previous set, or a plain rename when DIR did not exist. Until
 * then DIR holds the previous set untouched; after it, the whole new set.
 * The previous set is then removed.
 *
 * A lock file next to DIR (".DIR.lock", flock) keeps a second bijsim from
 * writing DIR at the same time; leftovers of a writer that was killed
 * (SIGKILL) are removed by the next one. SIGINT, SIGTERM and SIGHUP remove
 * the private directory and the lock before the process ends with that
 * signal (bs_out_signals_start). docs/reliability.md says what a user finds
 * after each kind of interruption. */
#ifndef BIJSIM_OUTPUT_H
#define BIJSIM_OUTPUT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#define BS_OUT_MAX 16
#define BS_OUT_PATH 4096

/* One output directory and the transaction that replaces its set. */
typedef struct bs_outdir {
  char shown[BS_OUT_PATH];  /* DIR as the user named it, for messages */
  char path[BS_OUT_PATH];   /* DIR as parent/base */
  char parent[BS_OUT_PATH]; /* the directory DIR is in */
  char base[256];           /* DIR's last component */
  char stage[BS_OUT_PATH];  /* the private directory being written ("" if none) */
  char lock[BS_OUT_PATH];   /* the lock file */
  int lock_fd;              /* -1 when not locked */
  mode_t mode;              /* the mode DIR gets (its old one, else 0777 & ~umask) */
  int swapped;              /* stage now holds the previous set (being removed) */
} bs_outdir;

/* Takes DIR for writing a new set: creates the directories above it, locks
 * it against other writers, removes what a killed writer left next to it
 * and checks that DIR, if it exists, is a directory holding only files
 * bijsim writes (it is replaced as a whole). 0, or -1 with a message (d is
 * then released). One output directory at a time per process. */
int bs_outdir_begin(bs_outdir *d, const char *dir, char *err, size_t errlen);
/* The same for adding files to DIR's set (bs_outdir_add): DIR must exist,
 * and it may hold other files. */
int bs_outdir_begin_add(bs_outdir *d, const char *dir, char *err, size_t errlen);
/* Moves the files written into d's private directory into place as DIR's
 * new set, in one step. 0, or -1 with a message (DIR keeps its old set). */
int bs_outdir_commit(bs_outdir *d, char *err, size_t errlen);
/* Moves each file written into d's private directory into DIR on its own
 * (one atomic rename each), keeping DIR's other files: how `bijsim report`
 * adds report.html to an existing set. 0, or -1 with a message. */
int bs_outdir_add(bs_outdir *d, char *err, size_t errlen);
/* Releases d: removes its private directory if it is still there (an
 * uncommitted set) and the lock. Safe to call after a failed begin. */
void bs_outdir_end(bs_outdir *d);

/* The files of one set being written. */
typedef struct bs_outset {
  size_t n;
  FILE *f[BS_OUT_MAX];
  struct bs_outfile *file[BS_OUT_MAX];
} bs_outset;

/* Creates NAME in d's private directory (O_EXCL, no symlink followed) and
 * returns it for writing. NULL with a message on error. */
FILE *bs_out_open(bs_outset *s, bs_outdir *d, const char *name, char *err, size_t errlen);
/* Flushes, syncs and closes every file of s; the first write error (its
 * errno, e.g. "No space left on device") fails it. 0, or -1 with a message
 * (then the files are closed and removed). */
int bs_out_commit(bs_outset *s, char *err, size_t errlen);
/* Closes and removes every file of s. */
void bs_out_abort(bs_outset *s);

/* SIGINT, SIGTERM and SIGHUP: blocks them in this thread (and so in every
 * thread created after) and waits for them in a thread of its own, which
 * removes the private directory and the lock of the output directory being
 * written, says so on stderr and ends the process with the same signal.
 * Call first in main; bs_out_signals_stop before returning from it. */
int bs_out_signals_start(void);
void bs_out_signals_stop(void);

/* Fault injection for the tests (the BIJSIM_FAULT_* variables, see
 * docs/reliability.md): with BIJSIM_FAULT_PAUSE=POINT in the environment the
 * writer stops at POINT ("write": one file of the set written and synced,
 * the others not yet; "swap": the set complete, before it is moved into
 * place; "swapped": moved into place, the old set not yet removed), says so
 * on stderr and sleeps for up to a minute, so that a test can signal it
 * there. */
void bs_out_pause(const char *point);

/* src for a terminal: control characters (C0, DEL, C1) as '?', so that a
 * name or path echoed in a message cannot move the cursor or change colours. */
void bs_out_clean_text(char *dst, size_t size, const char *src);

/* Writes a double for CSV: shortest of %.10g; NaN as the given token. */
void bs_out_num(FILE *f, double v, const char *nan_token);
/* The fewest significant digits (1..17) with which %.*g reads back as v. */
int bs_out_digits(double v);
/* v as written with `decimals` decimals (%.*f) and read back. */
double bs_out_rounded(double v, int decimals);

/* JSON files (run.json, trace --format json) are built as jansson values and
 * written by bs_out_json. */
/* Writes doc with a two-space indent and a final newline; every real with
 * the fewest digits that read back exactly the same for all reals in doc
 * (0.1 stays 0.1). Returns 0, or -1 when out of memory. */
int bs_out_json(FILE *f, const json_t *doc);
/* A JSON string of s. Text that is not valid UTF-8 (a path from the command
 * line, a label cut short in the middle of a character) keeps its ASCII and
 * has '?' for every other byte, so that the file stays readable JSON. */
json_t *bs_out_json_text(const char *s);
/* A JSON integer, or for a value above JSON's (jansson's) integer range, a
 * string of its decimal digits, so that a seed is never rounded. */
json_t *bs_out_json_u64(uint64_t v);

#endif
