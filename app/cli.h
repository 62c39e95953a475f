/* cli.h: what the subcommands of the bijsim CLI share: option parsing,
 * scenario loading, run.json, error printing. Only app/ prints and exits. */
#ifndef BIJSIM_CLI_H
#define BIJSIM_CLI_H

#include "analysis/output.h"
#include "analysis/records.h"
#include "analysis/report.h"
#include "analysis/runner.h"
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
  OPT_PARAM = 1 << 10,
  OPT_SETS = 1 << 11,
  OPT_DESIGN = 1 << 12,
  OPT_SAMPLE = 1 << 13,
  OPT_INDICATOR = 1 << 14,
  OPT_METHOD = 1 << 15,
  OPT_RECORDS = 1 << 16, /* --records [spells|events], --events */
  OPT_FIND = 1 << 17,
  OPT_LIST = 1 << 18,
  OPT_COMPARE = 1 << 19,
  OPT_SENSITIVITY = 1 << 20,
  OPT_LANG = 1 << 21,
  OPT_PRECISION = 1 << 22,
  OPT_MAX_REPLICATIONS = 1 << 23
};

/* --records: what microdata the run writes. */
enum { CLI_RECORDS_NONE, CLI_RECORDS_SPELLS, CLI_RECORDS_EVENTS };
/* --format */
enum { CLI_FORMAT_TEXT, CLI_FORMAT_JSON, CLI_FORMAT_HTML };

/* The options of the commands that simulate and write DIR (run, compare,
 * effect, sweep). */
#define OPT_ANALYSIS                                                                               \
  (OPT_SEED | OPT_REPLICATIONS | OPT_THREADS | OPT_OUT | OPT_QUIET | OPT_REPORT | OPT_LANG)
/* ... and of those that can write microdata (run, compare, effect) */
#define OPT_ANALYSIS_RECORDS (OPT_ANALYSIS | OPT_RECORDS)

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
  int format;       /* CLI_FORMAT_* */
  int records;      /* CLI_RECORDS_* */
  const char *find; /* trace --find PROPERTY */
  int list;         /* trace --list */
  int compare;      /* trace --compare A B */
  int report;
  const char *instrument;
  const char *param[CLI_MAX_PARAMS]; /* PATH=v1,v2,... */
  size_t nparam;
  size_t sets; /* --sets N (uncertainty: parameter sets; sensitivity: base sample) */
  int sets_set;
  const char *design;                   /* --design lhs|sobol */
  const char *sample;                   /* --sample FILE.csv: parameter sets (e.g. a posterior) */
  const char *indicator;                /* --indicator NAME */
  const char *method;                   /* --method morris|sobol */
  const char *sens[BS_REPORT_MAX_SENS]; /* --sensitivity DIR (implies --report) */
  size_t nsens;
  int lang; /* --lang en|nl: a bs_lang, or -1 (the scenario's run.lang) */
  const char *precision[CLI_MAX_PARAMS]; /* --precision IND=HALF_WIDTH[,IND=...] */
  size_t nprecision;
  size_t max_replications; /* --max-replications N (0: not given) */
  int help;
} cli_opts;

/* Parses argv[0..argc) for a command that accepts `allowed`. Prints one line
 * and returns -1 on a bad option. */
int cli_parse(const char *cmd, int argc, char **argv, unsigned allowed, cli_opts *o);
/* What cli_begin returns when the command is to go on. */
#define CLI_GO_ON (-1)
/* cli_parse, then --help: returns CLI_GO_ON, or the exit status of the
 * command (2 after a bad option, e.g. a --sensitivity DIR that is not a
 * sensitivity output; 0 after printing `usage` on stdout). */
int cli_begin(const char *cmd, int argc, char **argv, unsigned allowed, void (*usage)(FILE *),
              cli_opts *o);
/* Where `extends:` looks after the extending file's folder: the shipped
 * scenarios (cli_shipped_scenarios), then the folders of BIJSIM_PATH
 * (colon-separated), in order. */
#define CLI_MAX_SEARCH 32
typedef struct cli_search {
  char shipped[BS_OUT_PATH];
  char env[BS_OUT_PATH];
  const char *dir[CLI_MAX_SEARCH];
  size_t n;
} cli_search;
void cli_search_init(cli_search *s);
/* The folder of the shipped scenarios into buf: the installed one next to
 * the binary (PREFIX/share/bijsim/scenarios for PREFIX/bin/bijsim), else the
 * source tree's scenarios/ of this build; NULL when neither exists. */
const char *cli_shipped_scenarios(char *buf, size_t len);
/* Loads a scenario (with the search path); prints the loader's message on
 * failure. */
int cli_load(const char *path, bs_params *p);
/* Same, and the files read into *files when not NULL (bs_files_free). */
int cli_load_files(const char *path, bs_params *p, bs_files *files);
/* main: the command line and start time run.json records. */
void cli_set_invocation(int argc, char **argv);
/* Loads a scenario into r, labelled with its run.name, file `path`, with
 * the SHA-256 of every file read. A path ending in ".json" is a run.json:
 * its one scenario's recorded parameters are loaded (re-running it). */
int cli_load_run(const char *path, bs_scenario_run *r);
/* Takes the output directory (--out, else the default printf'd from fmt)
 * for writing a new set (bs_outdir_begin: created, locked, checked). Prints
 * the problem and returns NULL on failure. */
bs_outdir *cli_out_begin(const cli_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Releases what cli_out_begin returned (bs_outdir_end; NULL is fine). */
void cli_out_end(bs_outdir *d);
/* Completes the set being written in d: report.html with --report, then the
 * set moves into place as a unit. Prints the problem and returns -1 on
 * failure (the directory keeps its previous set). */
int cli_out_commit(bs_outdir *d, const cli_opts *o);
/* After cli_out_commit: "wrote DIR/report.html" with --report, unless --quiet. */
void cli_report_note(const bs_outdir *d, const cli_opts *o);
/* Run options from the command line; label NULL: the scenario name. In an
 * MPI job of several ranks the replications are shared out across them
 * (share = rank_replications()). */
bs_run_opts cli_run_opts(const cli_opts *o, const char *label);
/* Prints "bijsim: MSG" on stderr, with control characters as '?' (a name or
 * path in it cannot drive the terminal). cli_note is the same for what is
 * not an error. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints s and a newline on f, with control characters as '?'. */
void cli_print_clean(FILE *f, const char *s);

/* Writes run.json to js, then commits set (bs_out_commit). On failure prints
 * the problem, leaves no file of the set behind and returns -1. */
int cli_finish_outputs(bs_outset *set, FILE *js, const char *command, const cli_opts *o,
                       const bs_scenario_run *runs, size_t n, double wall_seconds,
                       const json_t *extra);

/* The files in DIR of the commands that compare scenario runs. */
typedef enum cli_file {
  CLI_FILE_OWN,          /* the command's own file: cli_outputs.own_name */
  CLI_FILE_INDICATORS,   /* indicators.csv */
  CLI_FILE_SUMMARY,      /* summary.csv */
  CLI_FILE_COMPARE,      /* compare.csv */
  CLI_FILE_SURVIVAL,     /* survival.csv */
  CLI_FILE_FLOW,         /* flow.csv */
  CLI_FILE_STOCK,        /* stock.csv */
  CLI_FILE_STOCK_SUMMARY /* stock_summary.csv */
} cli_file;

typedef struct cli_outputs {
  const char *command;   /* run.json "command" */
  const cli_file *files; /* opened and written in this order, run.json after them */
  size_t nfiles;
  const char *own_name; /* CLI_FILE_OWN: name and writer */
  void (*own_write)(FILE *f, const void *ctx);
  const void *own_ctx;
  const bs_scenario_run *tables; /* the runs the tables show */
  size_t ntables;
  const bs_scenario_run *runs; /* the runs run.json describes */
  size_t nruns;
  double wall_seconds;
  const json_t *extra;   /* run.json's further members (an object), or NULL */
  const char *text_name; /* one more file of the set, written from text_body, or NULL */
  const char *text_body;
} cli_outputs;

/* Writes w's files and run.json (and report.html with --report) into the set
 * of d, then moves the set into place (cli_out_commit). On failure prints
 * the problem, leaves the directory's previous set as it was and returns -1. */
int cli_write_outputs(bs_outdir *d, const cli_opts *o, const cli_outputs *w);

/* --records: spells.csv (and events.csv) are written while the scenarios
 * run, as part of DIR's new set: cli_records_begin before the first run,
 * cli_records_for on each run's options, cli_records_finish after the last
 * (before cli_write_outputs), cli_records_end in any case. Without
 * --records each is a no-op. Each prints the problem and returns -1. */
typedef struct cli_records {
  int on;
  bs_outset set;
  bs_records rec;
} cli_records;
int cli_records_begin(cli_records *r, bs_outdir *d, const cli_opts *o);
int cli_records_for(cli_records *r, bs_run_opts *ro, const char *label);
int cli_records_finish(cli_records *r);
void cli_records_end(cli_records *r);
/* ",spells" or ",spells,events" for the "wrote DIR/{...}" notes, or "". */
const char *cli_records_note(const cli_opts *o);

/* `bijsim report DIR`: writes DIR/report.html from the files in DIR (and
 * o->sens); prints on failure. */
int cli_report(const char *dir, const cli_opts *o);

/* Subcommands (each returns the exit status). */
int cmd_trace(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_effect(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_indicators(int argc, char **argv);
int cmd_params(int argc, char **argv);
int cmd_uncertainty(int argc, char **argv);
int cmd_sensitivity(int argc, char **argv);
int cmd_calibrate(int argc, char **argv);

#endif
