/* fmt.h: how a value is shown to a reader (the indicator table's display
 * format; analysis/svg.h writes it, in the language's number format). */
#ifndef BIJSIM_FMT_H
#define BIJSIM_FMT_H

typedef enum {
  BS_FMT_NUM, /* 1,234 or 12.3 */
  BS_FMT_PCT, /* share 0..1 shown as 54% */
  BS_FMT_PP,  /* difference of shares shown in percentage points: +2.1 pp */
  BS_FMT_EUR, /* €1,234 or €1.27 m */
  BS_FMT_DAYS /* 123 days */
} bs_fmt;

#endif
