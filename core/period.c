/*
** period.c: period codes, Decree 09 cut-off windows, dates and working days.
*/
#include "period.h"

#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = {
  [PERIOD_YEAR] = "year", [PERIOD_HALF] = "half",
  [PERIOD_QUARTER] = "quarter", [PERIOD_NINE_MONTHS] = "9m",
  [PERIOD_MONTH] = "month"
};

static const char *const day_kind_names[] = {
  [PERIOD_DAY_HOLIDAY] = "holiday",
  [PERIOD_DAY_COMPENSATORY] = "compensatory",
  [PERIOD_DAY_WORKDAY] = "workday"
};

/* Read exactly n ASCII digits; 1 on success. */
static int digits(const char *s, int n, int *out) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return 0;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return 1;
}

static int year_ok(int y) {
  return y >= PERIOD_YEAR_MIN && y <= PERIOD_YEAR_MAX;
}

static int leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m) {
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* How many periods of a kind one year holds; num runs 1..that, or is 0
** when there is one. */
static int per_year(period_kind kind) {
  switch (kind) {
  case PERIOD_HALF: return 2;
  case PERIOD_QUARTER: return 4;
  case PERIOD_MONTH: return 12;
  default: return 1;
  }
}

/* ---- periods ---- */

/* The part after "YYYY-": H1, Q3, 9M or a two-digit month. */
static int parse_part(const char *s, period *p) {
  int n;
  if ((s[0] == 'H' || s[0] == 'Q') && digits(s + 1, 1, &n) && s[2] == '\0') {
    p->kind = s[0] == 'H' ? PERIOD_HALF : PERIOD_QUARTER;
    p->num = n;
  } else if (strcmp(s, "9M") == 0) {
    p->kind = PERIOD_NINE_MONTHS;
    p->num = 0;
  } else if (digits(s, 2, &n) && s[2] == '\0') {
    p->kind = PERIOD_MONTH;
    p->num = n;
  } else {
    return -1;
  }
  return 0;
}

int period_parse(const char *s, period *out) {
  period p = { 0, PERIOD_YEAR, 0 };
  if (s == NULL || !digits(s, 4, &p.year))
    return -1;
  if (s[4] != '\0' && (s[4] != '-' || parse_part(s + 5, &p) != 0))
    return -1;
  if (!period_valid(&p))
    return -1;
  *out = p;
  return 0;
}

int period_valid(const period *p) {
  if (!year_ok(p->year) || (unsigned)p->kind > PERIOD_MONTH)
    return 0;
  int per = per_year(p->kind);
  return per == 1 ? p->num == 0 : p->num >= 1 && p->num <= per;
}

int period_format(const period *p, char *buf, size_t size) {
  static const char *const forms[] = {
    [PERIOD_YEAR] = "%04d", [PERIOD_HALF] = "%04d-H%d",
    [PERIOD_QUARTER] = "%04d-Q%d", [PERIOD_NINE_MONTHS] = "%04d-9M",
    [PERIOD_MONTH] = "%04d-%02d"
  };
  if (!period_valid(p))
    return -1;
  int n = snprintf(buf, size, forms[p->kind], p->year, p->num);
  return n < 0 || (size_t)n >= size ? -1 : 0;
}

const char *period_kind_name(period_kind kind) {
  return (unsigned)kind <= PERIOD_MONTH ? kind_names[kind] : "?";
}

int period_kind_parse(const char *name, period_kind *out) {
  for (int k = PERIOD_YEAR; k <= PERIOD_MONTH; k++)
    if (strcmp(name, kind_names[k]) == 0) {
      *out = (period_kind)k;
      return 0;
    }
  return -1;
}

/* Rank among periods that end on the same day: shortest first. */
static int span_rank(period_kind kind) {
  static const int rank[] = {
    [PERIOD_MONTH] = 0, [PERIOD_QUARTER] = 1, [PERIOD_HALF] = 2,
    [PERIOD_NINE_MONTHS] = 3, [PERIOD_YEAR] = 4
  };
  return rank[kind];
}

int period_compare(const period *a, const period *b) {
  long ea = period_date_days(period_end(a));
  long eb = period_date_days(period_end(b));
  if (ea != eb)
    return ea < eb ? -1 : 1;
  return span_rank(a->kind) - span_rank(b->kind);
}

/* Number the periods of one kind consecutively, move by delta, and read
** the result back. */
static int step(const period *p, int delta, period *out) {
  if (!period_valid(p))
    return -1;
  int per = per_year(p->kind);
  long idx = (long)p->year * per + (per > 1 ? p->num - 1 : 0) + delta;
  period q = { (int)(idx / per), p->kind, per > 1 ? (int)(idx % per) + 1 : 0 };
  if (!period_valid(&q))
    return -1;
  *out = q;
  return 0;
}

int period_next(const period *p, period *out) { return step(p, 1, out); }
int period_prev(const period *p, period *out) { return step(p, -1, out); }

static int first_month(const period *p) {
  switch (p->kind) {
  case PERIOD_HALF: return 6 * p->num - 5;
  case PERIOD_QUARTER: return 3 * p->num - 2;
  case PERIOD_MONTH: return p->num;
  default: return 1;
  }
}

static int last_month(const period *p) {
  switch (p->kind) {
  case PERIOD_HALF: return 6 * p->num;
  case PERIOD_QUARTER: return 3 * p->num;
  case PERIOD_NINE_MONTHS: return 9;
  case PERIOD_MONTH: return p->num;
  default: return 12;
  }
}

period_date period_start(const period *p) {
  period_date d = { p->year, first_month(p), 1 };
  return d;
}

period_date period_end(const period *p) {
  int m = last_month(p);
  period_date d = { p->year, m, days_in_month(p->year, m) };
  return d;
}

/*
** Decree 09/2019/NĐ-CP, Điều 12 sets the cut-off of monthly, quarterly,
** half-yearly and yearly reports: the window opens on the 15th of the month
** before the period's first month and closes on the 14th of its last month
** (a month, a quarter, H1 15 Dec to 14 Jun, H2 15 Jun to 14 Dec, the year 15
** Dec to 14 Dec). It has no nine-month report: the 9M window (15 Dec to 14
** Sep) is planwatch's convention, the same rule extended, not the decree's.
*/
int period_cutoff(const period *p, period_date *from, period_date *to) {
  if (!period_valid(p))
    return -1;
  int m = first_month(p);
  period_date f = { m == 1 ? p->year - 1 : p->year, m == 1 ? 12 : m - 1, 15 };
  period_date t = { p->year, last_month(p), 14 };
  *from = f;
  *to = t;
  return 0;
}

/* ---- dates ---- */

int period_date_parse(const char *s, period_date *out) {
  period_date d;
  if (s == NULL || !digits(s, 4, &d.y) || s[4] != '-' ||
      !digits(s + 5, 2, &d.m) || s[7] != '-' || !digits(s + 8, 2, &d.d) ||
      s[10] != '\0' || !period_date_valid(d))
    return -1;
  *out = d;
  return 0;
}

int period_date_valid(period_date d) {
  return year_ok(d.y) && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
         d.d <= days_in_month(d.y, d.m);
}

int period_date_format(period_date d, char *buf, size_t size) {
  int n = snprintf(buf, size, "%04d-%02d-%02d", d.y, d.m, d.d);
  return n < 0 || (size_t)n >= size ? -1 : 0;
}

/*
** Day counts use the civil-calendar algorithm of H. Hinnant: years are
** shifted to start in March, so the leap day is the last day of a year, and
** grouped in 400-year eras of 146097 days.
*/
long period_date_days(period_date d) {
  long y = d.y - (d.m <= 2);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (d.m > 2 ? d.m - 3 : d.m + 9) + 2) / 5 + d.d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

period_date period_date_from_days(long days) {
  long z = days + 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  int m = (int)(mp < 10 ? mp + 3 : mp - 9);
  period_date d = { (int)(yoe + era * 400 + (m <= 2)), m,
                    (int)(doy - (153 * mp + 2) / 5 + 1) };
  return d;
}

/* 1970-01-01 was a Thursday (4). */
static int weekday_of(long days) {
  return (int)(((days % 7 + 7) % 7 + 3) % 7) + 1;
}

int period_date_weekday(period_date d) {
  return weekday_of(period_date_days(d));
}

period_date period_date_add_days(period_date d, long n) {
  return period_date_from_days(period_date_days(d) + n);
}

int period_date_compare(period_date a, period_date b) {
  long x = period_date_days(a), y = period_date_days(b);
  return x < y ? -1 : x > y;
}

/* ---- working days ---- */

void period_calendar_init(period_calendar *cal) {
  cal->count = 0;
}

/* Binary search for day: 1 when found at *pos, else 0 with *pos where it
** would be inserted. */
static int find(const period_calendar *cal, long day, int *pos) {
  int lo = 0, hi = cal->count;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (cal->entries[mid].day < day)
      lo = mid + 1;
    else
      hi = mid;
  }
  *pos = lo;
  return lo < cal->count && cal->entries[lo].day == day;
}

int period_calendar_add(period_calendar *cal, period_date d,
                        period_day_kind kind) {
  int pos;
  if (!period_date_valid(d) || (unsigned)kind > PERIOD_DAY_WORKDAY)
    return -1;
  long day = period_date_days(d);
  if (find(cal, day, &pos))
    return cal->entries[pos].kind == kind ? 0 : -2;
  if (cal->count == PERIOD_CALENDAR_MAX)
    return -1;
  memmove(&cal->entries[pos + 1], &cal->entries[pos],
          (size_t)(cal->count - pos) * sizeof cal->entries[0]);
  cal->entries[pos].day = day;
  cal->entries[pos].kind = kind;
  cal->count++;
  return 0;
}

int period_day_kind_parse(const char *name, period_day_kind *out) {
  for (int k = PERIOD_DAY_HOLIDAY; k <= PERIOD_DAY_WORKDAY; k++)
    if (strcmp(name, day_kind_names[k]) == 0) {
      *out = (period_day_kind)k;
      return 0;
    }
  return -1;
}

/* A listed day is what the list says; any other day works Monday-Friday. */
static int workday_at(const period_calendar *cal, long day) {
  int pos;
  if (cal != NULL && find(cal, day, &pos))
    return cal->entries[pos].kind == PERIOD_DAY_WORKDAY;
  return weekday_of(day) <= 5;
}

int period_is_workday(const period_calendar *cal, period_date d) {
  return workday_at(cal, period_date_days(d));
}

int period_add_workdays(const period_calendar *cal, period_date from, int n,
                        period_date *out) {
  if (n < 1 || n > PERIOD_WORKDAYS_MAX || !period_date_valid(from))
    return -1;
  long day = period_date_days(from);
  while (n > 0)
    if (workday_at(cal, ++day))
      n--;
  *out = period_date_from_days(day);
  return 0;
}

int period_deadline(const period_calendar *cal, const period *p, int n,
                    period_date *out) {
  period_date from, to;
  if (period_cutoff(p, &from, &to) != 0)
    return -1;
  return period_add_workdays(cal, to, n, out);
}
