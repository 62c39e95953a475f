/* cmd_sensitivity.c: `bijsim sensitivity A [B]`: which assumptions an
 * indicator (or the paired difference B - A) depends on, over the plausible
 * ranges of A's `uncertainty:` section: Morris elementary effects
 * (screening, few runs) or Sobol' first-order and total indices (Saltelli
 * design, Saltelli 2010 / Jansen estimators, bootstrap intervals); the
 * estimators are analysis/gsa.h's, checked on known functions in
 * tests/test_gsa.c. Every point simulates the same persons (the same
 * replications): the output is then a smooth function of the parameters. */
#include "analysis/csv.h"
#include "analysis/gsa.h"
#include "analysis/output.h"
#include "app/experiment.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SENS_BOOT 1000
#define SENS_LEVEL 0.95
#define MORRIS_LEVELS 4

static void usage(FILE *f) {
  fputs("usage: bijsim sensitivity A [B] [--method morris|sobol] [--sets N] [--indicator NAME]\n"
        "                          [--replications R] [--seed S] [--threads T] [--out DIR]\n"
        "                          [--report] [--quiet]\n"
        "\n"
        "Global sensitivity of indicator NAME (default langdurigheidsratio_true) of A, or of\n"
        "the paired difference B - A, to the parameters of A's 'uncertainty:' section.\n"
        "--method morris (default): N trajectories (default 10) of Morris elementary effects\n"
        "on a 4-level grid, (parameters + 1) x N points: mu*, mu, sigma. --method sobol:\n"
        "Saltelli's design with N base points (default 32), (parameters + 2) x N points:\n"
        "first-order (S1, Saltelli 2010) and total (ST, Jansen) indices. Intervals: 95%\n"
        "bootstrap percentiles (1000 resamples). Every point runs R replications (default 2)\n"
        "of the same persons. Writes DIR/sensitivity.csv (parameter,index,estimate,ci_low,\n"
        "ci_high), DIR/sensitivity_points.csv (point, output, parameter values) and\n"
        "DIR/run.json; DIR/report.html with --report (a bar chart). DIR defaults to\n"
        "out/A-sensitivity.\n"
        "\n"
        "example: bijsim sensitivity scenarios/integral.yaml scenarios/separate.yaml --method "
        "sobol\n",
        f);
}

typedef struct sens_out {
  const experiment *e;
  int morris;
  const bs_gsa_est *s1, *st;
  const bs_morris_est *me;
  const double *vals, *y;
  size_t npoints;
} sens_out;

static void est_row(FILE *f, const char *path, const char *index, double est, double lo,
                    double hi) {
  bs_csv_field(f, path);
  fprintf(f, ",%s,", index);
  bs_out_num(f, est, "NA");
  fputc(',', f);
  bs_out_num(f, lo, "NA");
  fputc(',', f);
  bs_out_num(f, hi, "NA");
  fputc('\n', f);
}

static void write_indices(FILE *f, const sens_out *s) {
  fputs("parameter,index,estimate,ci_low,ci_high\n", f);
  for (size_t j = 0; j < s->e->npar; j++) {
    const char *p = s->e->pars[j].path;
    int h = s->e->held[j];
    if (s->morris) {
      const bs_morris_est *m = &s->me[j];
      est_row(f, p, "mu_star", h ? NAN : m->mu_star.est, h ? NAN : m->mu_star.lo,
              h ? NAN : m->mu_star.hi);
      est_row(f, p, "mu", h ? NAN : m->mu, NAN, NAN);
      est_row(f, p, "sigma", h ? NAN : m->sigma, NAN, NAN);
    } else {
      est_row(f, p, "S1", h ? NAN : s->s1[j].est, h ? NAN : s->s1[j].lo, h ? NAN : s->s1[j].hi);
      est_row(f, p, "ST", h ? NAN : s->st[j].est, h ? NAN : s->st[j].lo, h ? NAN : s->st[j].hi);
    }
  }
}

int cmd_sensitivity(int argc, char **argv) {
  cli_opts o;
  bs_outdir *dir = NULL; /* before every goto done */
  int st = cli_begin("sensitivity", argc, argv,
                     OPT_ANALYSIS | OPT_SETS | OPT_METHOD | OPT_INDICATOR, usage, &o);
  if (st != CLI_GO_ON)
    return st;
  if (o.npos < 1 || o.npos > 2) {
    cli_error("sensitivity needs one scenario, or two for their difference (see 'bijsim "
              "sensitivity --help')");
    return 2;
  }
  const char *ind = o.indicator ? o.indicator : "langdurigheidsratio_true";
  long ii = bs_ext_index(ind);
  if (ii < 0) {
    cli_error("--indicator: unknown indicator '%s' (see 'bijsim indicators')", ind);
    return 2;
  }
  int morris = !o.method || !strcmp(o.method, "morris");
  if (!o.replications_set)
    o.replications = 2;
  size_t n = o.sets_set ? o.sets : morris ? 10 : 32;
  experiment e;
  int rc = 1;
  double *u = NULL, *vals = NULL, *y = NULL;
  size_t *first = NULL, npoints = 0;
  bs_unc_point *pts = NULL;
  bs_gsa_est *s1 = NULL, *sti = NULL;
  bs_morris_est *me = NULL;
  bs_outset set = {0};
  json_t *extra = NULL;
  char err[ERRLEN];
  if (exp_load(&e, &o, 0) != 0)
    goto done;
  size_t d = e.npar;
  npoints = morris ? (d + 1) * n : bs_saltelli_rows(n, d);
  u = malloc(npoints * d * sizeof *u);
  vals = malloc(npoints * d * sizeof *vals);
  y = malloc(npoints * sizeof *y);
  first = calloc(npoints, sizeof *first); /* every point: replications 0 .. R-1 */
  pts = exp_points_alloc(&e, npoints);
  s1 = calloc(d, sizeof *s1);
  sti = calloc(d, sizeof *sti);
  me = calloc(d, sizeof *me);
  if (!u || !vals || !y || !first || !pts || !s1 || !sti || !me ||
      (morris ? bs_morris_design(n, d, MORRIS_LEVELS, o.seed, u)
              : bs_saltelli_design(n, d, o.seed, u)) != 0) {
    cli_error("out of memory");
    goto done;
  }
  exp_values(&e, u, npoints, vals);
  int ex = exp_execute(&e, &o, "sensitivity", &dir, vals, first, npoints, pts, "point");
  if (ex != 0) {
    rc = ex > 0 ? 0 : 1; /* 1: another MPI rank writes */
    goto done;
  }
  size_t at = (e.nruns > 1 ? e.job.next : 0) + (size_t)ii; /* variant 1's row, or the base's */
  for (size_t k = 0; k < npoints; k++)
    y[k] = e.nruns > 1 ? pts[k].dmean[at] : pts[k].mean[at];
  if ((morris ? bs_morris_effects(u, y, n, d, SENS_BOOT, o.seed, SENS_LEVEL, me)
              : bs_sobol_indices(y, n, d, SENS_BOOT, o.seed, SENS_LEVEL, s1, sti)) != 0) {
    cli_error("out of memory");
    goto done;
  }
  sens_out so = {&e, morris, s1, sti, me, vals, y, npoints};
  FILE *fi = bs_out_open(&set, dir, "sensitivity.csv", err, sizeof err);
  FILE *fp = fi ? bs_out_open(&set, dir, "sensitivity_points.csv", err, sizeof err) : NULL;
  FILE *js = fp ? bs_out_open(&set, dir, "run.json", err, sizeof err) : NULL;
  if (!js) {
    bs_out_abort(&set);
    cli_error("%s", err);
    goto done;
  }
  write_indices(fi, &so);
  exp_write_points(fp, &e, "point", vals, npoints, y);
  char output[300];
  if (e.nruns > 1)
    snprintf(output, sizeof output, "%s: %s - %s", ind, e.runs[1].label, e.runs[0].label);
  else
    snprintf(output, sizeof output, "%s of %s", ind, e.runs[0].label);
  json_t *params = exp_params_json(&e);
  extra = params ? json_pack("{s:{s:s, s:o, s:o, s:I, s:I, s:I, s:I, s:f, s:o}}", "sensitivity",
                             "method", morris ? "morris" : "sobol", "indicator",
                             bs_out_json_text(ind), "output", bs_out_json_text(output),
                             morris ? "trajectories" : "base_sample", (json_int_t)n, "points",
                             (json_int_t)npoints, "replications_per_point",
                             (json_int_t)o.replications, "bootstrap", (json_int_t)SENS_BOOT,
                             "level", SENS_LEVEL, "parameters", params)
                 : NULL;
  if (exp_finish(&e, dir, &set, js, "sensitivity", &o, pts, npoints, extra) != 0)
    goto done;
  if (!o.quiet)
    fprintf(stderr,
            "bijsim: wrote %s/sensitivity.csv, sensitivity_points.csv and run.json "
            "(%s, %zu points x %zu scenarios x %zu replications)\n",
            dir->shown, morris ? "Morris" : "Sobol'", npoints, e.nruns, o.replications);
  cli_report_note(dir, &o);
  rc = 0;
done:
  cli_out_end(dir);
  json_decref(extra);
  exp_points_free(pts, pts ? npoints : 0);
  free(first);
  free(u);
  free(vals);
  free(y);
  free(s1);
  free(sti);
  free(me);
  exp_free(&e);
  return rc;
}
