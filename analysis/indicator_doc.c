/* indicator_doc.c: see indicator_doc.h. The prose is written here; every
 * name, label, unit, direction and definition comes from the tables. */
#include "analysis/indicator_doc.h"

#include "analysis/indicators.h"
#include "analysis/scenario.h"

#include <string.h>

static const char *const intro =
    "# Indicators\n"
    "\n"
    "<!-- Generated from analysis/indicator_table.h by `bijsim indicators --markdown`\n"
    "     (tests/test_domain.c fails when this file differs): edit the table, then run\n"
    "     build/bijsim indicators --markdown > docs/indicators.md -->\n"
    "\n"
    "Every indicator below is one row per replication in `indicators.csv`\n"
    "(`scenario,replication,seed,indicator,value`). A value that is undefined (a\n"
    "ratio whose denominator is zero) is written `NA`. `summary.csv` gives each\n"
    "indicator's mean, standard deviation, n and 95% interval over replications.\n"
    "The tables give each indicator's name, the label the report shows, its unit,\n"
    "whether a higher or a lower value is better for the municipality (blank where\n"
    "the domain does not say), and its definition.\n";

static const char *const cohort_intro =
    "\n"
    "## The cohort (seed 003, chapter 5 and annex 3)\n"
    "\n"
    "The **cohort** is every client whose benefit starts (eligibility granted) in the\n"
    "window `[run.cohort_start_day, run.cohort_start_day + run.cohort_length_days)`;\n"
    "in the shipped scenarios day 0 is 1 January 2002 and the window is the first\n"
    "half of 2002, as in the seed. Clients of the initial stock are never in the\n"
    "cohort. A client who leaves and comes back ('in and out') starts a new spell;\n"
    "a new spell starting inside the window is a cohort member of its own.\n"
    "\n";

static const char *const cohort_twice =
    "\n"
    "Each of these comes twice:\n"
    "\n"
    "- `NAME_true`: from the simulation itself (what really happened); labelled as above.\n"
    "- `NAME_registered`: as the simulated administration has it, the way the\n"
    "  national monitor (MOSA) and the monthly benefit statistics saw it; labelled\n"
    "  'LABEL, as registered':\n"
    "  - exemptions come from the benefit system's flag, which may be stale or wrong\n"
    "    (`exemption.p_registration_stale`, `exemption.p_stale_registered_exempt`),\n"
    "    so Z on paper differs from Z in reality (Gemeente 1: 231 on paper, 164 really);\n"
    "  - a trajectory offer counts only if it was registered (`trajectory.p_registered`,\n"
    "    the *invoerdiscipline*), after its registration delay, within the first year,\n"
    "    and before the monitor's deadline: the end of the half-year reporting period\n"
    "    in which the offer was made plus `trajectory.reporting_lag_days` (two months);\n"
    "    later registrations never reach the monitor (003 annex 3).\n"
    "  the register records the end of benefit with its own date error\n"
    "      (`exemption.exit_registration_shift_days`, `_sd_days`), so Y, A1 and B1 as\n"
    "      registered may differ from the truth; X is the same.\n";

static const char *const whole_run_intro = "\n"
                                           "## Whole run (all clients, the whole horizon)\n"
                                           "\n";

static const char *const parts_intro =
    "\n"
    "### Totals and their parts\n"
    "\n"
    "An indicator that is a part (or a copy) of another. The report's key findings\n"
    "lead with `budget_total_eur` and rank the largest differences among the\n"
    "indicators that are not part of it.\n"
    "\n"
    "| indicator | part of |\n|---|---|\n";

static const char *const derived_intro =
    "\n"
    "## Derived in the analysis\n"
    "\n"
    "`summary.csv`, `compare.csv` and the report add indicators computed from\n"
    "the cohort records of each replication (see [analysis.md](analysis.md)):\n"
    "\n";

static const char *const better_words[] = {
    [BS_BETTER_NEUTRAL] = "", [BS_BETTER_HIGHER] = "higher", [BS_BETTER_LOWER] = "lower"};

static void table_head(FILE *f, const char *first) {
  fprintf(f, "| %s | label | unit | better | definition |\n|---|---|---|---|---|\n", first);
}

/* One table row; `len` characters of the name (the stem of a cohort item). */
static void row(FILE *f, const bs_indicator_def *d, int len) {
  fprintf(f, "| `%.*s` | %s | %s | %s | %s |\n", len, d->name, d->label, bs_unit_names[d->unit],
          better_words[d->better], d->definition);
}

static void whole_name_row(FILE *f, const bs_indicator_def *d) { row(f, d, (int)strlen(d->name)); }

static void outflow_section(FILE *f) {
  fputs("\n## Outflow by route\n\n"
        "`outflow_ROUTE_H`: the share of X that left by ROUTE within H of their start.\n\n"
        "| H | within | label ends |\n|---|---|---|\n",
        f);
#define H(h, days, months, words, ...)                                                             \
  fprintf(f, "| `%s` | %g days | within %s |\n", #h, days, months);
  BS_OUTFLOW_HORIZON_LIST(H, 0)
#undef H
  fputs("\nThe routes, with the labels and definitions of their `_12m` indicators (the "
        "others differ only in the horizon):\n\n",
        f);
  fputs("| route | route label | label | unit | better | definition |\n"
        "|---|---|---|---|---|---|\n",
        f);
  for (int r = 0; r < BS_ROUTE_N; r++) {
    const bs_indicator_def *d = bs_indicator(bs_indicator_outflow_index(r, BS_OUTFLOW_12m));
    fprintf(f, "| `%s` | %s | %s | %s | %s | %s |\n", bs_route_names[r], bs_route_labels[r],
            d->label, bs_unit_names[d->unit], better_words[d->better], d->definition);
  }
}

int bs_indicator_doc_write(FILE *f) {
  fputs(intro, f);
  fputs(cohort_intro, f);
  table_head(f, "name");
  for (int k = 0; k < BS_COHORT_N; k++) {
    const bs_indicator_def *d = bs_indicator(bs_indicator_cohort_index(k, 0));
    row(f, d, (int)(strlen(d->name) - strlen("_true")));
  }
  fputs(cohort_twice, f);
  outflow_section(f);
  fputs(whole_run_intro, f);
  table_head(f, "name");
  size_t n = bs_indicator_count();
  for (size_t i = BS_IND_FIRST_WHOLE_RUN; i < n; i++)
    whole_name_row(f, bs_indicator(i));
  fputs(parts_intro, f);
#define PART(part, whole) fprintf(f, "| `%s` | `%s` |\n", #part, #whole);
  BS_INDICATOR_PART_LIST(PART)
#undef PART
  fputs(derived_intro, f);
  table_head(f, "name");
  for (size_t i = n; i < bs_ext_count(); i++)
    whole_name_row(f, bs_ext_def(i));
  return ferror(f) ? -1 : 0;
}
