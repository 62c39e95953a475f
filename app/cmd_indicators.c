/* cmd_indicators.c: `bijsim indicators --markdown`: prints docs/indicators.md,
 * generated from the indicator table (analysis/indicator_doc.h). Not listed
 * in `bijsim --help`: it is how the documentation is kept in step. */
#include "analysis/indicator_doc.h"
#include "app/cli.h"

#include <string.h>

int cmd_indicators(int argc, char **argv) {
  if (argc == 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
    puts("usage: bijsim indicators --markdown\n"
         "\n"
         "Prints docs/indicators.md, generated from analysis/indicator_table.h:\n"
         "  build/bijsim indicators --markdown > docs/indicators.md");
    return 0;
  }
  if (argc != 1 || strcmp(argv[0], "--markdown")) {
    cli_error("indicators needs --markdown (see 'bijsim indicators --help')");
    return 2;
  }
  if (bs_indicator_doc_write(stdout) != 0 || fflush(stdout) != 0) {
    cli_error("indicators: cannot write to standard output");
    return 1;
  }
  return 0;
}
