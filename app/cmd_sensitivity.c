/* placeholder replaced below */
#include "app/cli.h"
int cmd_sensitivity(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return 2;
}
