/* test_sweep.c: pins down the sweep's tables through the real binary:
 * sweep.csv has one row per point, replication and indicator, with the
 * paired difference from the parameter's first point in the same
 * replication; sweep_summary.csv has the mean and interval per point and
 * the paired difference's, and agrees with sweep.csv; `value` is a number
 * or NA (never text: the given text is `label`); the same bytes whatever the
 * thread count. */
#include "analysis/csv.h"
#include "analysis/scenario.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <math.h>

#define SMALL "tests/data/analysis/small.yaml"
#define R 3

static void load(const char *dir, const char *name, bs_csv *t) {
  char path[256], err[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  cr_assert_eq(bs_csv_load(path, t, err, sizeof err), 0, "%s: %s", path, err);
}

static long col(const bs_csv *t, const char *name) {
  long c = bs_csv_col(t, name);
  cr_assert_geq(c, 0, "no column %s", name);
  return c;
}

static void sweep_into(char *dir, size_t len, const char *threads) {
  tmpdir_make(dir, len);
  char args[512], *err = NULL;
  snprintf(args, sizeof args,
           "sweep " SMALL " --param trajectory.lock_in=0.6,0.3 --param "
           "case_management.model=integral,separate --replications %d --threads %s --quiet "
           "--out %s/out",
           R, threads, dir);
  cr_assert_eq(run_bijsim(args, NULL, &err), 0, "%s", err ? err : "");
  free(err);
}

Test(sweep, replications_and_paired_differences, .timeout = 180) {
  char dir[64], out[128];
  sweep_into(dir, sizeof dir, "2");
  snprintf(out, sizeof out, "%s/out", dir);
  bs_csv rows, sum;
  load(out, "sweep.csv", &rows);
  load(out, "sweep_summary.csv", &sum);
  size_t next = bs_ext_count();
  /* 2 parameters x 2 points x R replications x every analysis indicator */
  cr_assert_eq(rows.nrow, 2 * 2 * R * next);
  cr_assert_eq(sum.nrow, 2 * 2 * next);
  long cp = col(&rows, "param"), cpt = col(&rows, "point"), cl = col(&rows, "label"),
       cv = col(&rows, "value"), cr = col(&rows, "replication"), ci = col(&rows, "indicator"),
       ce = col(&rows, "estimate"), cd = col(&rows, "diff");
  /* rows are point, replication, indicator: row (p, v, k, i) */
  for (size_t p = 0; p < 2; p++)
    for (size_t v = 0; v < 2; v++)
      for (size_t k = 0; k < R; k++)
        for (size_t i = 0; i < next; i++) {
          size_t r = ((p * 2 + v) * R + k) * next + i;
          size_t r0 = ((p * 2 + 0) * R + k) * next + i; /* the reference point */
          cr_assert_eq((size_t)bs_csv_num(&rows, r, cpt), v);
          cr_assert_eq((size_t)bs_csv_num(&rows, r, cr), k);
          cr_assert_str_eq(bs_csv_get(&rows, r, ci), bs_ext_name(i));
          cr_assert_str_eq(bs_csv_get(&rows, r, cp),
                           p ? "case_management.model" : "trajectory.lock_in");
          const char *label = bs_csv_get(&rows, r, cl), *value = bs_csv_get(&rows, r, cv);
          if (p == 0) { /* a number: value is it */
            cr_assert_str_eq(label, v ? "0.3" : "0.6");
            cr_assert_float_eq(bs_csv_num(&rows, r, cv), v ? 0.3 : 0.6, 1e-12);
          } else { /* text: value is NA, never the text */
            cr_assert_str_eq(label, v ? "separate" : "integral");
            cr_assert_str_eq(value, "NA");
          }
          double e = bs_csv_num(&rows, r, ce), e0 = bs_csv_num(&rows, r0, ce),
                 d = bs_csv_num(&rows, r, cd);
          if (v == 0)
            cr_assert_str_eq(bs_csv_get(&rows, r, cd), "NA", "the reference has no difference");
          else if (isfinite(e) && isfinite(e0))
            cr_assert_float_eq(d, e - e0, 1e-9 * (1 + fabs(e)), "row %zu", r);
        }
  /* the summary: the mean of the estimates and of the differences */
  long sp = col(&sum, "point"), sm = col(&sum, "mean"), sdm = col(&sum, "diff_mean"),
       sn = col(&sum, "n"), sx = col(&sum, "excludes_zero"), slo = col(&sum, "diff_ci_low"),
       shi = col(&sum, "diff_ci_high");
  int excluded = 0;
  for (size_t p = 0; p < 2; p++)
    for (size_t v = 0; v < 2; v++)
      for (size_t i = 0; i < next; i++) {
        size_t s = (p * 2 + v) * next + i;
        cr_assert_eq((size_t)bs_csv_num(&sum, s, sp), v);
        double me = 0, md = 0;
        size_t n = 0, nd = 0;
        for (size_t k = 0; k < R; k++) {
          size_t r = ((p * 2 + v) * R + k) * next + i;
          double e = bs_csv_num(&rows, r, ce), d = bs_csv_num(&rows, r, cd);
          if (isfinite(e)) {
            me += e;
            n++;
          }
          if (isfinite(d)) {
            md += d;
            nd++;
          }
        }
        cr_assert_eq((size_t)bs_csv_num(&sum, s, sn), n);
        if (n)
          cr_assert_float_eq(bs_csv_num(&sum, s, sm), me / n, 1e-8 * (1 + fabs(me / n)));
        const char *x = bs_csv_get(&sum, s, sx);
        if (v == 0) {
          cr_assert_str_eq(bs_csv_get(&sum, s, sdm), "NA");
          cr_assert_str_eq(x, "NA");
        } else if (nd >= 2) {
          double dm = md / nd, lo = bs_csv_num(&sum, s, slo), hi = bs_csv_num(&sum, s, shi);
          cr_assert_float_eq(bs_csv_num(&sum, s, sdm), dm, 1e-8 * (1 + fabs(dm)));
          cr_assert(lo <= dm && dm <= hi);
          cr_assert_str_eq(x, lo > 0 || hi < 0 ? "true" : "false", "%s [%g, %g]", x, lo, hi);
          excluded += lo > 0 || hi < 0;
        }
      }
  cr_expect_gt(excluded, 0, "some paired difference is distinguishable");
  bs_csv_free(&rows);
  bs_csv_free(&sum);
  tmpdir_remove(dir);
}

Test(sweep, the_same_bytes_whatever_the_thread_count, .timeout = 180) {
  char a[64], b[64];
  sweep_into(a, sizeof a, "1");
  sweep_into(b, sizeof b, "3");
  static const char *const files[] = {"sweep.csv", "sweep_summary.csv"};
  for (size_t i = 0; i < 2; i++) {
    char pa[128], pb[128];
    snprintf(pa, sizeof pa, "%s/out/%s", a, files[i]);
    snprintf(pb, sizeof pb, "%s/out/%s", b, files[i]);
    size_t la = 0, lb = 0;
    char *xa = slurp(pa, &la), *xb = slurp(pb, &lb);
    cr_assert(xa && xb && la > 100);
    cr_expect(la == lb && !memcmp(xa, xb, la), "%s differs between 1 and 3 threads", files[i]);
    free(xa);
    free(xb);
  }
  tmpdir_remove(a);
  tmpdir_remove(b);
}
