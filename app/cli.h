/* cli.h: what the subcommands of the bijsim CLI share: option parsing,
 * scenario loading, run.json, error printing. Only app/ prints and exits. */
#ifndef BIJSIM_CLI_H
#define BIJSIM_CLI_H

#include "analysis/scenario.h"
#include "models/params.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ERRLEN 1024
#define CLI_MAX_POS 32
#define CLI_MAX_PARAMS 16

/* Options a command accepts (bit mask). */
enum {
  OPT_SEED = 1 << 0,
  OPT_REPLICATIONS = 1 << 1,
  OPT_THREADS = 1 << 2,
  OPT_OUT = 1 << 3,
  OPT_QUIET = 1 << 4,
  OPT_CLIENT = 1 << 5,
  OPT_REPLICATION = 1 << 6,
  OPT_FORMAT = 1 << 7,
  OPT_REPORT = 1 << 8,
  OPT_INSTRUMENT = 1 << 9,
  OPT_PARAM = 1 << 10
};

typedef struct cli_opts {
  const char *pos[CLI_MAX_POS]; /* positional arguments (scenario files, DIR) */
  size_t npos;
  const char *out;
  uint64_t seed;
  size_t replications;
  int replications_set;
  int threads;
  int quiet;
  long client;
  size_t replication;
  int json;
  int report;
  const char *instrument;
  const char *param[CLI_MAX_PARAMS]; /* PATH=v1,v2,... */
  size_t nparam;
  int help;
} cli_opts;

/* Parses argv[0..argc) for a command that accepts `allowed`. Prints one line
 * and returns -1 on a bad option. */
int cli_parse(const char *cmd, int argc, char **argv, unsigned allowed, cli_opts *o);
/* Default thread count: the online processors (1..64). */
int cli_default_threads(void);
/* Loads a scenario; prints the loader's message on failure. */
int cli_load(const char *path, bs_params *p);
/* Prints "bijsim: MSG" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The progress line is shown only on a terminal and without --quiet. */
int cli_progress(const cli_opts *o);

/* Writes run.json for `command` (run/compare/effect/sweep) describing the
 * scenario runs; `extra` (may be NULL) is written verbatim as further members
 * (",\n  \"key\": value ..."). Returns 0 or -1 (out of memory). */
int cli_write_run_json(FILE *f, const char *command, const cli_opts *o, const bs_scenario_run *runs,
                       size_t n, double wall_seconds, const char *extra);

/* Writes DIR/report.html from the files in DIR; prints on failure. */
int cli_report(const char *dir, int quiet);

/* Subcommands (each returns the exit status). */
int cmd_compare(int argc, char **argv);
int cmd_effect(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
