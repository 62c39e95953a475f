/* domain.c: the arrays generated from the lists in domain.h. */
#include "models/domain.h"
#include "models/client.h"

#include <string.h>

#define COUNT(...) +1
_Static_assert(0 BS_ROUTE_LIST(COUNT) == BS_ROUTE_N, "route list and enum differ");
_Static_assert(0 BS_PROGRAMME_LIST(COUNT) == BS_PROG_N, "programme list and enum differ");
_Static_assert(0 BS_GATE_LIST(COUNT) == BS_GATE_N, "gate list and enum differ");
_Static_assert(1 /* none */ BS_INSTRUMENT_LIST(COUNT) == BS_INSTR_N,
               "instrument list and enum differ");
_Static_assert(0 BS_PAY_LIST(COUNT) == BS_PAY_N, "payment class list and enum differ");
_Static_assert(0 BS_SANCTION_LIST(COUNT) == BS_SANC_N, "sanction list and enum differ");
_Static_assert(0 BS_DUTY_LIST(COUNT) == BS_DUTY_N, "duty list and enum differ");
#undef COUNT

#define NAME(e, name, ...) name,
#define LABEL(e, name, label, ...) label,
#define CHART(e, name, label, chart, ...) chart,
#define SENTENCE(e, name, label, chart, sentence, ...) sentence,
const char *const bs_route_names[BS_ROUTE_N] = {BS_ROUTE_LIST(NAME)};
const char *const bs_route_labels[BS_ROUTE_N] = {BS_ROUTE_LIST(LABEL)};
const char *const bs_route_chart_labels[BS_ROUTE_N] = {BS_ROUTE_LIST(CHART)};
const char *const bs_route_sentences[BS_ROUTE_N] = {BS_ROUTE_LIST(SENTENCE)};
const char *const bs_instrument_names[BS_INSTR_N] = {"none", BS_INSTRUMENT_LIST(NAME)};
const char *const bs_instrument_labels[BS_INSTR_N] = {"none", BS_INSTRUMENT_LIST(LABEL)};
#define PNAME(e, id, name, label) name,
#define PLABEL(e, id, name, label) label,
const char *const bs_programme_names[BS_PROG_N] = {BS_PROGRAMME_LIST(PNAME)};
const char *const bs_programme_labels[BS_PROG_N] = {BS_PROGRAMME_LIST(PLABEL)};
#undef PNAME
#undef PLABEL
const char *const bs_gate_names[BS_GATE_N] = {BS_GATE_LIST(NAME)};
const char *const bs_gate_labels[BS_GATE_N] = {BS_GATE_LIST(LABEL)};
const char *const bs_pay_names[BS_PAY_N] = {BS_PAY_LIST(NAME)};
const char *const bs_pay_labels[BS_PAY_N] = {BS_PAY_LIST(LABEL)};
const char *const bs_sanction_names[BS_SANC_N] = {BS_SANCTION_LIST(NAME)};
const char *const bs_sanction_labels[BS_SANC_N] = {BS_SANCTION_LIST(LABEL)};
const char *const bs_duty_names[BS_DUTY_N] = {BS_DUTY_LIST(NAME)};
const char *const bs_duty_labels[BS_DUTY_N] = {BS_DUTY_LIST(LABEL)};
#undef NAME
#undef LABEL
#undef CHART
#undef SENTENCE

const char *const bs_problem_names[BS_PROB_N] = {
#define X(e, name) name,
    BS_PROBLEM_LIST(X)
#undef X
};

int bs_domain_index(const char *const *names, int n, const char *name) {
  for (int i = 0; i < n; i++)
    if (!strcmp(names[i], name))
      return i;
  return -1;
}
