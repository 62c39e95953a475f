/* date.c: see date.h. Day numbers from the civil date by counting whole
 * 400-year eras (146097 days each) from 0000-03-01, so that the leap day is
 * the last day of its year. */
#include "models/date.h"

#include <stdio.h>
#include <string.h>

static long days_from_civil(long y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;                                  /* 0..399 */
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* 0..365 */
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* 0..146096 */
  return era * 146097 + doe - 719468;
}

static int days_in_month(long y, int m) {
  static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : n[m - 1];
}

int bs_date_parse(const char *s, long *days) {
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
    return -1;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
      return -1;
  long y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
    return -1;
  *days = days_from_civil(y, m, d);
  return 0;
}

void bs_date_format(long days, char out[11]) {
  long z = days + 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  int d = (int)(doy - (153 * mp + 2) / 5 + 1);
  int m = (int)(mp < 10 ? mp + 3 : mp - 9);
  long y = yoe + era * 400 + (m <= 2);
  char buf[48]; /* room for any long year; a date of bs_date_parse's range takes 10 */
  snprintf(buf, sizeof buf, "%04ld-%02d-%02d", y, m, d);
  memcpy(out, buf, 10);
  out[10] = 0;
}
