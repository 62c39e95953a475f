/* cmd_uncertainty.c: `bijsim uncertainty A [B ...]`: every variant under N
 * plausible parameter sets (Latin hypercube or Sobol' points through the
 * first scenario's `uncertainty:` distributions, or the rows of a sample
 * file such as calibrate's posterior), common random numbers within a set,
 * fresh luck per set. See docs/analysis.md for what each column covers. */
#include "analysis/csv.h"
#include "analysis/gsa.h"
#include "analysis/output.h"
#include "app/experiment.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f) {
  fputs("usage: bijsim uncertainty A [B ...] [--sets N] [--design lhs|sobol] [--sample FILE.csv]\n"
        "                          [--replications R] [--seed S] [--threads T] [--out DIR]\n"
        "                          [--report] [--sensitivity SDIR ...] [--quiet]\n"
        "\n"
        "Runs every scenario under N parameter sets (default 50) drawn from the plausible\n"
        "ranges in A's 'uncertainty:' section (Latin hypercube, default, or Sobol' points;\n"
        "sobol takes at most 40 parameters), or under the rows of FILE.csv (e.g. calibrate's\n"
        "posterior.csv: columns named by parameter path). A parameter the scenarios set\n"
        "differently is their policy difference and keeps each scenario's value. Within a\n"
        "set all scenarios simulate the same persons (R replications, default 10); each set\n"
        "has its own replications. Writes DIR/parameter_sets.csv (set, values),\n"
        "DIR/uncertainty_sets.csv (per set, scenario and indicator: mean, Monte Carlo se,\n"
        "difference from A), DIR/uncertainty.csv (across sets: mean, spread, the 95% range\n"
        "combining parameter and Monte Carlo uncertainty, share of sets where the difference\n"
        "has the sign of its mean), DIR/run.json; DIR/report.html with --report\n"
        "(--sensitivity SDIR, a 'bijsim sensitivity' output, implies it: the findings it\n"
        "matches list the parameters they depend on most, with their sources).\n"
        "DIR defaults to out/A-uncertainty.\n"
        "\n"
        "example: bijsim uncertainty scenarios/integral.yaml scenarios/separate.yaml --sets 200\n",
        f);
}

typedef struct unc_out {
  const experiment *e;
  const double *vals; /* nsets x npar */
  const bs_unc_point *pts;
  size_t nsets;
} unc_out;

static void write_per_set(FILE *f, const unc_out *u) {
  fputs("set,scenario,indicator,mean,mc_se,diff_mean,diff_mc_se\n", f);
  size_t next = u->e->job.next;
  for (size_t s = 0; s < u->nsets; s++)
    for (size_t v = 0; v < u->e->nruns; v++)
      for (size_t i = 0; i < next; i++) {
        const bs_unc_point *p = &u->pts[s];
        size_t at = v * next + i;
        fprintf(f, "%zu,", s);
        bs_csv_field(f, u->e->runs[v].label);
        fprintf(f, ",%s,", bs_ext_name(i));
        bs_out_num(f, p->mean[at], "NA");
        fputc(',', f);
        bs_out_num(f, sqrt(p->mcvar[at]), "NA");
        fputc(',', f);
        bs_out_num(f, p->dmean[at], "NA");
        fputc(',', f);
        bs_out_num(f, sqrt(p->dmcvar[at]), "NA");
        fputc('\n', f);
      }
}

static void write_summary_cols(FILE *f, const bs_unc_summary *s, int with_sign) {
  const double v[] = {s->mean, s->sd, s->param_sd, s->mc_sd, s->low, s->high};
  for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
    fputc(',', f);
    bs_out_num(f, v[k], "NA");
  }
  if (with_sign) {
    fputc(',', f);
    bs_out_num(f, s->same_sign, "NA");
  }
}

/* -1 when out of memory */
static int write_summary(FILE *f, const unc_out *u) {
  fputs("indicator,scenario,mean,sd_sets,param_sd,mc_sd,low,high,diff_mean,diff_sd_sets,"
        "diff_param_sd,diff_mc_sd,diff_low,diff_high,same_sign_share,sets\n",
        f);
  size_t next = u->e->job.next, n = u->nsets;
  double *m = malloc(4 * (n ? n : 1) * sizeof *m);
  if (!m)
    return -1;
  double *v = m + n, *dm = v + n, *dv = dm + n;
  for (size_t i = 0; i < next; i++)
    for (size_t r = 0; r < u->e->nruns; r++) {
      size_t at = r * next + i;
      for (size_t s = 0; s < n; s++) {
        m[s] = u->pts[s].mean[at];
        v[s] = u->pts[s].mcvar[at];
        dm[s] = u->pts[s].dmean[at];
        dv[s] = u->pts[s].dmcvar[at];
      }
      bs_unc_summary a, d;
      bs_unc_summarise(m, v, n, 1, &a);
      fprintf(f, "%s,", bs_ext_name(i));
      bs_csv_field(f, u->e->runs[r].label);
      write_summary_cols(f, &a, 0);
      if (r == 0) {
        fputs(",NA,NA,NA,NA,NA,NA,NA", f);
      } else {
        bs_unc_summarise(dm, dv, n, 1, &d);
        write_summary_cols(f, &d, 1);
      }
      fprintf(f, ",%zu\n", a.n);
    }
  free(m);
  return 0;
}

int cmd_uncertainty(int argc, char **argv) {
  cli_opts o;
  bs_outdir *dir = NULL; /* before every goto done */
  int st =
      cli_begin("uncertainty", argc, argv,
                OPT_ANALYSIS | OPT_SETS | OPT_DESIGN | OPT_SAMPLE | OPT_SENSITIVITY, usage, &o);
  if (st != CLI_GO_ON)
    return st;
  if (o.npos < 1) {
    cli_error("uncertainty needs at least one scenario file (see 'bijsim uncertainty --help')");
    return 2;
  }
  if (o.sample && (o.sets_set || o.design)) {
    cli_error("--sample gives the parameter sets; it does not go with --sets or --design");
    return 2;
  }
  if (!o.replications_set)
    o.replications = 10;
  experiment e;
  int rc = 1;
  double *u = NULL, *vals = NULL;
  size_t *first = NULL;
  bs_unc_point *pts = NULL;
  size_t nsets = 0;
  bs_outset set = {0};
  json_t *extra = NULL;
  char err[ERRLEN];
  if (exp_load(&e, &o, 0) != 0)
    goto done;
  size_t d = e.npar;
  int sobol = o.design && !strcmp(o.design, "sobol");
  if (sobol && d > BS_SOBOL_MAX_DIM) {
    cli_error("--design sobol takes at most %d parameters, %s has %zu (use lhs)", BS_SOBOL_MAX_DIM,
              o.pos[0], d);
    rc = 2;
    goto done;
  }
  nsets = e.sample ? e.nsample : o.sets_set ? o.sets : 50;
  vals = malloc(nsets * d * sizeof *vals);
  first = malloc(nsets * sizeof *first);
  pts = exp_points_alloc(&e, nsets);
  if (!vals || !first || !pts) {
    cli_error("out of memory");
    goto done;
  }
  if (e.sample) {
    memcpy(vals, e.sample, nsets * d * sizeof *vals);
  } else {
    u = malloc(nsets * d * sizeof *u);
    if (!u || (sobol ? bs_design_sobol(nsets, d, u) : bs_design_lhs(nsets, d, o.seed, u)) != 0) {
      cli_error("out of memory");
      goto done;
    }
    exp_values(&e, u, nsets, vals);
  }
  for (size_t s = 0; s < nsets; s++)
    first[s] = s * o.replications;
  int ex = exp_execute(&e, &o, "uncertainty", &dir, vals, first, nsets, pts, "parameter set");
  if (ex != 0) {
    rc = ex > 0 ? 0 : 1; /* 1: another MPI rank writes */
    goto done;
  }
  unc_out uo = {&e, vals, pts, nsets};
  FILE *fp = bs_out_open(&set, dir, "parameter_sets.csv", err, sizeof err);
  FILE *fs = fp ? bs_out_open(&set, dir, "uncertainty_sets.csv", err, sizeof err) : NULL;
  FILE *fu = fs ? bs_out_open(&set, dir, "uncertainty.csv", err, sizeof err) : NULL;
  FILE *js = fu ? bs_out_open(&set, dir, "run.json", err, sizeof err) : NULL;
  if (!js) {
    bs_out_abort(&set);
    cli_error("%s", err);
    goto done;
  }
  exp_write_points(fp, &e, "set", vals, nsets, NULL);
  write_per_set(fs, &uo);
  if (write_summary(fu, &uo) != 0) {
    bs_out_abort(&set);
    cli_error("out of memory");
    goto done;
  }
  json_t *params = exp_params_json(&e);
  extra =
      params
          ? json_pack("{s:{s:I, s:I, s:s, s:o*, s:o}}", "uncertainty", "sets", (json_int_t)nsets,
                      "replications_per_set", (json_int_t)o.replications, "design",
                      e.sample ? "sample"
                      : sobol  ? "sobol"
                               : "lhs",
                      "sample", o.sample ? bs_out_json_text(o.sample) : NULL, "parameters", params)
          : NULL;
  if (exp_finish(&e, dir, &set, js, "uncertainty", &o, pts, nsets, extra) != 0)
    goto done;
  if (!o.quiet)
    fprintf(stderr,
            "bijsim: wrote %s/uncertainty.csv, uncertainty_sets.csv, parameter_sets.csv "
            "and run.json (%zu sets x %zu scenarios x %zu replications)\n",
            dir->shown, nsets, e.nruns, o.replications);
  cli_report_note(dir, &o);
  rc = 0;
done:
  cli_out_end(dir);
  json_decref(extra);
  exp_points_free(pts, pts ? nsets : 0);
  free(first);
  free(vals);
  free(u);
  exp_free(&e);
  return rc;
}
