/* bijsim: the command-line interface. Wires scenario -> engine -> models ->
 * indicators -> output files. Only this file prints and exits. */
#include "analysis/indicators.h"
#include "analysis/output.h"
#include "analysis/runner.h"
#include "models/params.h"
#include "models/world.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ERRLEN 1024

static void usage_main(FILE *f) {
  fputs("bijsim " BIJSIM_VERSION " - discrete-event simulation of the Dutch social-assistance chain\n"
        "\n"
        "usage: bijsim COMMAND [options]\n"
        "\n"
        "commands:\n"
        "  run SCENARIO       simulate a scenario, write indicators.csv and run.json\n"
        "  validate SCENARIO  check a scenario file and exit\n"
        "  trace SCENARIO     follow one synthetic client through the chain\n"
        "\n"
        "'bijsim COMMAND --help' describes each command.\n",
        f);
}

static void usage_run(FILE *f) {
  fputs("usage: bijsim run SCENARIO [--seed N] [--replications R] [--threads T] [--out DIR]\n"
        "                            [--quiet]\n"
        "\n"
        "Simulates SCENARIO (a YAML file; see docs/scenarios.md) R times (default 1), each\n"
        "replication with its own random streams derived from the seed (default 1), and writes:\n"
        "  DIR/indicators.csv  tidy: scenario,replication,seed,indicator,value\n"
        "  DIR/run.json        scenario, resolved parameters, seed, version, wall time, events\n"
        "DIR defaults to out/NAME. Same scenario and seed give byte-identical indicators.csv,\n"
        "whatever T. Files are written under temporary names and renamed at the end.\n",
        f);
}

static void usage_validate(FILE *f) {
  fputs("usage: bijsim validate SCENARIO\n"
        "\n"
        "Loads SCENARIO (with its extends chain) and checks every key, type and range.\n"
        "Prints 'ok' and exits 0, or prints FILE:LINE:COL: the problem, and exits 1.\n",
        f);
}

static void usage_trace(FILE *f) {
  fputs("usage: bijsim trace SCENARIO --client N [--seed S] [--replication R] [--format text|json]\n"
        "\n"
        "Prints the journey of synthetic client N (N counts from 0: the initial stock first,\n"
        "then applicants in order of arrival) as a timeline: day, stage, event. Dutch policy\n"
        "terms are given in brackets. The same client, scenario and seed give the same story.\n",
        f);
}

typedef struct opts {
  const char *scenario;
  const char *out;
  uint64_t seed;
  size_t replications;
  int threads;
  int quiet;
  long client;
  size_t replication;
  int json;
  int help;
} opts;

static int parse_u64(const char *s, const char *flag, uint64_t *v) {
  char *end;
  errno = 0;
  unsigned long long x = strtoull(s, &end, 10);
  if (errno || *end || !*s || s[0] == '-') {
    fprintf(stderr, "bijsim: %s expects a non-negative whole number, got '%s'\n", flag, s);
    return -1;
  }
  *v = x;
  return 0;
}

static int parse_opts(int argc, char **argv, opts *o) {
  memset(o, 0, sizeof *o);
  o->seed = 1;
  o->replications = 1;
  o->threads = 1;
  o->client = -1;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    const char *val = (i + 1 < argc) ? argv[i + 1] : NULL;
    uint64_t v;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      o->help = 1;
    } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
      o->quiet = 1;
    } else if (!strcmp(a, "--seed") || !strcmp(a, "--replications") || !strcmp(a, "--threads") ||
               !strcmp(a, "--client") || !strcmp(a, "--replication")) {
      if (!val) {
        fprintf(stderr, "bijsim: %s needs a value\n", a);
        return -1;
      }
      if (parse_u64(val, a, &v) != 0)
        return -1;
      if (!strcmp(a, "--seed"))
        o->seed = v;
      else if (!strcmp(a, "--replications")) {
        if (v < 1 || v > 1000000) {
          fprintf(stderr, "bijsim: --replications must be between 1 and 1000000\n");
          return -1;
        }
        o->replications = (size_t)v;
      } else if (!strcmp(a, "--threads")) {
        if (v < 1 || v > 256) {
          fprintf(stderr, "bijsim: --threads must be between 1 and 256\n");
          return -1;
        }
        o->threads = (int)v;
      } else if (!strcmp(a, "--client")) {
        if (v > UINT32_MAX - 1) {
          fprintf(stderr, "bijsim: --client is too large\n");
          return -1;
        }
        o->client = (long)v;
      } else
        o->replication = (size_t)v;
      i++;
    } else if (!strcmp(a, "--out") || !strcmp(a, "--format")) {
      if (!val) {
        fprintf(stderr, "bijsim: %s needs a value\n", a);
        return -1;
      }
      if (!strcmp(a, "--out"))
        o->out = val;
      else if (!strcmp(val, "json"))
        o->json = 1;
      else if (strcmp(val, "text")) {
        fprintf(stderr, "bijsim: --format is text or json, not '%s'\n", val);
        return -1;
      }
      i++;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "bijsim: unknown option '%s' (see --help)\n", a);
      return -1;
    } else if (!o->scenario) {
      o->scenario = a;
    } else {
      fprintf(stderr, "bijsim: unexpected argument '%s'\n", a);
      return -1;
    }
  }
  return 0;
}

static int load(const char *path, bs_params *p) {
  char err[ERRLEN];
  if (bs_params_load(path, p, err, sizeof err) != 0) {
    fprintf(stderr, "%s\n", err);
    return -1;
  }
  return 0;
}

static int write_params_json(FILE *f, const bs_params *p) {
  long n = bs_params_json(p, NULL, 0);
  if (n < 0)
    return -1;
  char *buf = malloc((size_t)n + 1);
  if (!buf)
    return -1;
  bs_params_json(p, buf, (size_t)n + 1);
  fputs(buf, f);
  free(buf);
  return 0;
}

static int cmd_validate(int argc, char **argv) {
  opts o;
  if (parse_opts(argc, argv, &o) != 0)
    return 2;
  if (o.help) {
    usage_validate(stdout);
    return 0;
  }
  if (!o.scenario) {
    usage_validate(stderr);
    return 2;
  }
  bs_params p;
  if (load(o.scenario, &p) != 0)
    return 1;
  printf("%s: ok (scenario '%s')\n", o.scenario, p.run.name);
  return 0;
}

static int cmd_run(int argc, char **argv) {
  opts o;
  if (parse_opts(argc, argv, &o) != 0)
    return 2;
  if (o.help) {
    usage_run(stdout);
    return 0;
  }
  if (!o.scenario) {
    usage_run(stderr);
    return 2;
  }
  bs_params p;
  if (load(o.scenario, &p) != 0)
    return 1;
  char dirbuf[4096];
  const char *dir = o.out;
  if (!dir) {
    snprintf(dirbuf, sizeof dirbuf, "out/%s", p.run.name);
    dir = dirbuf;
  }
  char err[ERRLEN];
  if (bs_out_mkdir(dir, err, sizeof err) != 0) {
    fprintf(stderr, "bijsim: %s\n", err);
    return 1;
  }
  bs_run_opts ro = {.seed = o.seed, .replications = o.replications, .threads = o.threads,
                    .progress = !o.quiet && isatty(2)};
  bs_run_result res;
  if (bs_run_replications(&p, &ro, &res, err, sizeof err) != 0) {
    fprintf(stderr, "bijsim: %s\n", err);
    return 1;
  }
  bs_outset set = {0};
  FILE *csv = bs_out_open(&set, dir, "indicators.csv", err, sizeof err);
  FILE *js = csv ? bs_out_open(&set, dir, "run.json", err, sizeof err) : NULL;
  if (!csv || !js) {
    bs_out_abort(&set);
    bs_run_result_free(&res);
    fprintf(stderr, "bijsim: %s\n", err);
    return 1;
  }
  fputs("scenario,replication,seed,indicator,value\n", csv);
  for (size_t k = 0; k < res.replications; k++)
    for (size_t i = 0; i < res.nind; i++) {
      fprintf(csv, "%s,%zu,%llu,%s,", p.run.name, k, (unsigned long long)o.seed,
              bs_indicator_name(i));
      bs_out_num(csv, res.values[k * res.nind + i], "NA");
      fputc('\n', csv);
    }
  fputs("{\n  \"scenario\": ", js);
  bs_out_json_str(js, p.run.name);
  fputs(",\n  \"file\": ", js);
  bs_out_json_str(js, o.scenario);
  fprintf(js,
          ",\n  \"version\": \"%s\",\n  \"seed\": %llu,\n  \"replications\": %zu,\n"
          "  \"threads\": %d,\n  \"wall_seconds\": %.3f,\n  \"events_processed\": %llu,\n"
          "  \"parameters\": ",
          BIJSIM_VERSION, (unsigned long long)o.seed, res.replications, o.threads,
          res.wall_seconds, (unsigned long long)res.events);
  int jrc = write_params_json(js, &p);
  fputs("\n}\n", js);
  bs_run_result_free(&res);
  if (jrc != 0) {
    bs_out_abort(&set);
    fprintf(stderr, "bijsim: out of memory writing run.json\n");
    return 1;
  }
  if (bs_out_commit(&set, err, sizeof err) != 0) {
    fprintf(stderr, "bijsim: %s\n", err);
    return 1;
  }
  if (!o.quiet)
    fprintf(stderr, "bijsim: wrote %s/indicators.csv and %s/run.json\n", dir, dir);
  return 0;
}

static int cmd_trace(int argc, char **argv) {
  opts o;
  if (parse_opts(argc, argv, &o) != 0)
    return 2;
  if (o.help) {
    usage_trace(stdout);
    return 0;
  }
  if (!o.scenario || o.client < 0) {
    usage_trace(stderr);
    return 2;
  }
  bs_params p;
  if (load(o.scenario, &p) != 0)
    return 1;
  bs_world *w = malloc(sizeof *w);
  if (!w || bs_world_init(w, &p, o.seed, o.replication) != SIM_OK) {
    free(w);
    fprintf(stderr, "bijsim: out of memory\n");
    return 1;
  }
  w->trace = stdout;
  w->trace_json = o.json;
  w->trace_id = (uint32_t)o.client;
  if (o.json)
    printf("{\n  \"scenario\": \"%s\", \"seed\": %llu, \"replication\": %zu, \"client\": %ld,\n"
           "  \"events\": [",
           p.run.name, (unsigned long long)o.seed, o.replication, o.client);
  else
    printf("client %ld, scenario '%s', seed %llu, replication %zu\n", o.client, p.run.name,
           (unsigned long long)o.seed, o.replication);
  int rc = bs_world_run(w);
  if (rc == SIM_OK && w->trace_first) {
    if (!o.json)
      printf("(client %ld never appeared: fewer clients within the horizon)\n", o.client);
  }
  if (o.json)
    printf("\n  ]\n}\n");
  if (rc != SIM_OK)
    fprintf(stderr, "bijsim: %s\n", w->ctx.err);
  bs_world_free(w);
  free(w);
  return rc == SIM_OK ? 0 : 1;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage_main(stderr);
    return 2;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
    usage_main(stdout);
    return 0;
  }
  if (!strcmp(cmd, "--version")) {
    puts("bijsim " BIJSIM_VERSION);
    return 0;
  }
  if (!strcmp(cmd, "run"))
    return cmd_run(argc - 2, argv + 2);
  if (!strcmp(cmd, "validate"))
    return cmd_validate(argc - 2, argv + 2);
  if (!strcmp(cmd, "trace"))
    return cmd_trace(argc - 2, argv + 2);
  fprintf(stderr, "bijsim: unknown command '%s'\n", cmd);
  usage_main(stderr);
  return 2;
}
