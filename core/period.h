#ifndef PW_PERIOD_H
#define PW_PERIOD_H
/*
** period: reporting periods, calendar dates and working days.
**
** A period is a year, a half, a quarter, the first nine months or a month of
** one year, written as a code: "2025", "2025-H1", "2025-Q3", "2025-9M",
** "2025-07". Each period has calendar bounds (first and last day) and a
** Decree 09/2019/NĐ-CP (Điều 12) cut-off window: from the 15th of the month
** before the period's first month to the 14th of its last month. Điều 12
** sets the windows of monthly, quarterly, half-yearly and yearly reports
** only; the nine-month window (15 Dec to 14 Sep) is planwatch's convention,
** the same rule extended. A duty's deadline is a number of working days
** after the end of that window.
**
** Working days are Monday to Friday, corrected by a calendar that the caller
** fills from data (the plan's holidays): a holiday or a compensatory day off
** is not a working day; a "workday" entry makes a weekend day a working one.
** Nothing here knows a plan, a country's holidays or a language.
**
** Dates are proleptic Gregorian {y, m, d} values; arithmetic goes through a
** day count since 1970-01-01. Periods and parsed dates have years in
** PERIOD_YEAR_MIN..PERIOD_YEAR_MAX. Nothing allocates: the calendar is a
** fixed array of PERIOD_CALENDAR_MAX entries kept sorted by date.
*/
#include <stddef.h>

#define PERIOD_YEAR_MIN 1900
#define PERIOD_YEAR_MAX 2200
#define PERIOD_CODE_SIZE 8        /* "2025-H1" and its NUL */
#define PERIOD_DATE_SIZE 11       /* "2025-01-31" and its NUL */
#define PERIOD_CALENDAR_MAX 1024  /* entries a calendar holds (~50 years) */
#define PERIOD_WORKDAYS_MAX 3660  /* largest n for period_add_workdays */

typedef enum period_kind {
  PERIOD_YEAR,         /* "2025": January to December */
  PERIOD_HALF,         /* "2025-H1", "2025-H2" */
  PERIOD_QUARTER,      /* "2025-Q1" .. "2025-Q4" */
  PERIOD_NINE_MONTHS,  /* "2025-9M": January to September */
  PERIOD_MONTH         /* "2025-01" .. "2025-12" */
} period_kind;

typedef struct period {
  int year;            /* PERIOD_YEAR_MIN..PERIOD_YEAR_MAX */
  period_kind kind;    /* which part of the year */
  int num;             /* half 1-2, quarter 1-4, month 1-12; 0 for year, 9M */
} period;

typedef struct period_date {
  int y;               /* year */
  int m;               /* month 1-12 */
  int d;               /* day of the month 1-31 */
} period_date;

typedef enum period_day_kind {
  PERIOD_DAY_HOLIDAY,       /* a public holiday: no work */
  PERIOD_DAY_COMPENSATORY,  /* a day off given for a holiday or a swap */
  PERIOD_DAY_WORKDAY        /* a weekend day made a working day */
} period_day_kind;

typedef struct period_calendar_entry {
  long day;                 /* days since 1970-01-01 */
  period_day_kind kind;     /* what that day is */
} period_calendar_entry;

typedef struct period_calendar {
  int count;                /* entries in use */
  period_calendar_entry entries[PERIOD_CALENDAR_MAX]; /* sorted by day */
} period_calendar;

/* ---- periods ---- */

/* Parse a period code, strictly: the whole string, a 4-digit year in range,
** two-digit months 01-12. Returns 0 and fills *out, or -1. */
int period_parse(const char *s, period *out);

/* 1 when p's fields make a period (year in range, num fits its kind). */
int period_valid(const period *p);

/* Write p's code into buf (PERIOD_CODE_SIZE is enough). Returns 0, or -1
** when p is not valid or buf is too small. */
int period_format(const period *p, char *buf, size_t size);

/* The kind's name: "year", "half", "quarter", "9m", "month". */
const char *period_kind_name(period_kind kind);

/* Parse a kind's name as above. Returns 0 and fills *out, or -1. */
int period_kind_parse(const char *name, period_kind *out);

/* Order by last day, then from the shortest kind to the longest (month,
** quarter, half, nine months, year): 2025-12 < 2025-Q4 < 2025-H2 < 2025.
** Returns <0, 0 or >0. Both must be valid. */
int period_compare(const period *a, const period *b);

/* The period of the same kind after (before) p: 2025-12 -> 2026-01,
** 2025-9M -> 2026-9M. Returns 0, or -1 when p is not valid or the result
** would leave the year range. out may be p. */
int period_next(const period *p, period *out);
int period_prev(const period *p, period *out);

/* First and last calendar day of a valid period. */
period_date period_start(const period *p);
period_date period_end(const period *p);

/* The Decree 09 cut-off window of p: 15th of the month before its first
** month to the 14th of its last month (2025-Q1: 2024-12-15..2025-03-14);
** for nine months (which the decree does not cover) planwatch's convention
** by the same rule, 15 Dec to 14 Sep.
** Returns 0, or -1 when p is not valid. */
int period_cutoff(const period *p, period_date *from, period_date *to);

/* ---- dates ---- */

/* Parse "YYYY-MM-DD" strictly (a real day, year in range). 0 or -1. */
int period_date_parse(const char *s, period_date *out);

/* 1 when d is a real calendar day with its year in range. */
int period_date_valid(period_date d);

/* Write d as "YYYY-MM-DD" (PERIOD_DATE_SIZE is enough for years 0-9999).
** Returns 0, or -1 when buf is too small. */
int period_date_format(period_date d, char *buf, size_t size);

/* Days since 1970-01-01 (negative before), and back. */
long period_date_days(period_date d);
period_date period_date_from_days(long days);

/* ISO day of the week: 1 Monday .. 7 Sunday. */
int period_date_weekday(period_date d);

/* d moved by n days (n may be negative). */
period_date period_date_add_days(period_date d, long n);

/* Chronological order: <0, 0 or >0. */
int period_date_compare(period_date a, period_date b);

/* ---- working days ---- */

/* An empty calendar: Monday to Friday work, weekends do not. */
void period_calendar_init(period_calendar *cal);

/* Record what day d is. Adding the same date with the same kind again does
** nothing. Returns 0; -1 when d is not valid or the calendar is full
** (PERIOD_CALENDAR_MAX); -2 when d is already there with another kind. */
int period_calendar_add(period_calendar *cal, period_date d,
                        period_day_kind kind);

/* Parse a day kind's name: "holiday", "compensatory", "workday".
** Returns 0 and fills *out, or -1. */
int period_day_kind_parse(const char *name, period_day_kind *out);

/* 1 when d is a working day under cal (NULL: weekends only), else 0. */
int period_is_workday(const period_calendar *cal, period_date d);

/* The n-th working day after from (from itself never counts), n in
** 1..PERIOD_WORKDAYS_MAX. Returns 0 and fills *out, or -1 for a bad n or
** an invalid date. The calendar holds at most PERIOD_CALENDAR_MAX days off,
** so the search always ends. */
int period_add_workdays(const period_calendar *cal, period_date from, int n,
                        period_date *out);

/* A duty's deadline for p: n working days after the end of p's cut-off
** window. Returns 0 and fills *out, or -1 for a bad period or n. */
int period_deadline(const period_calendar *cal, const period *p, int n,
                    period_date *out);

#endif
