/* compare.c: see compare.h. */
#include "analysis/compare.h"

#include "analysis/csv.h"
#include "analysis/tables.h"

void bs_compare_diff(const bs_scenario_run *base, const bs_scenario_run *variant, size_t i,
                     bs_summary *out) {
  size_t R = base->res.replications < variant->res.replications ? base->res.replications
                                                                : variant->res.replications;
  /* both matrices have the same row length (bs_ext_count) */
  bs_summarise_diff(base->ext + i, variant->ext + i, R, base->next, out);
}

void bs_write_compare(FILE *f, const bs_scenario_run *runs, size_t n) {
  fputs("indicator,scenario,mean,ci_low,ci_high,diff_mean,diff_ci_low,diff_ci_high,"
        "excludes_zero,diff_sd,pairs\n",
        f);
  if (n == 0)
    return;
  for (size_t i = 0; i < runs[0].next; i++) {
    for (size_t s = 0; s < n; s++) {
      const bs_scenario_run *r = &runs[s];
      bs_summary sm;
      bs_ext_summarise(r, i, &sm);
      fprintf(f, "%s,", bs_ext_name(i));
      bs_csv_field(f, r->label);
      fputc(',', f);
      bs_write_mean_ci(f, &sm);
      if (s == 0) {
        fputs(",NA,NA,NA,NA,NA,NA\n", f);
        continue;
      }
      bs_summary d;
      bs_compare_diff(&runs[0], r, i, &d);
      fputc(',', f);
      bs_write_mean_ci(f, &d);
      fputc(',', f);
      fputs(d.n < 2 ? "NA" : bs_ci_excludes_zero(&d) ? "true" : "false", f);
      fputc(',', f);
      bs_write_num(f, d.sd);
      fprintf(f, ",%zu\n", d.n);
    }
  }
}
