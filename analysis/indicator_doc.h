/* indicator_doc.h: docs/indicators.md, generated from the indicator table
 * (analysis/indicator_table.h), the derived indicators (scenario.c) and the
 * route list (models/domain.h), so that the documentation names and defines
 * exactly the indicators the CSV files hold. `bijsim indicators --markdown`
 * prints it; tests/test_domain.c fails when docs/indicators.md differs. */
#ifndef BIJSIM_INDICATOR_DOC_H
#define BIJSIM_INDICATOR_DOC_H

#include <stdio.h>

/* Writes the Markdown page to f. 0, or -1 on a write error. */
int bs_indicator_doc_write(FILE *f);

#endif
