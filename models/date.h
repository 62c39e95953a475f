/* date.h: calendar dates of the proleptic Gregorian calendar as day
 * numbers (days since 1970-01-01), for run.start_date: the results' day 0
 * as a date, so that a trace can show when things happen. */
#ifndef BIJSIM_DATE_H
#define BIJSIM_DATE_H

/* Parses "YYYY-MM-DD" (years 1000-9999, a real day of that month) into
 * *days. Returns 0, or -1 for anything else. */
int bs_date_parse(const char *s, long *days);
/* Writes the date of day number `days` as "YYYY-MM-DD" into out (11 bytes). */
void bs_date_format(long days, char out[11]);

#endif
