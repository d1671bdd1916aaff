/*
** test_period.c: period codes, Decree 09 cut-off windows, dates and the
** working-day calendar (period.h).
**
** The holidays below are data, as a plan would list them: Tết Ất Tỵ 2025
** (days off 25 Jan - 2 Feb 2025) and the 30 April - 1 May 2025 break with
** Saturday 26 April worked in exchange for Friday 2 May.
*/
#include <string.h>

#include "check.h"
#include "period.h"

/* The code of a period code after a parse/format round trip, or "ERR". */
static const char *round_trip(const char *code, char *buf, size_t size) {
  period p;
  if (period_parse(code, &p) != 0 || period_format(&p, buf, size) != 0)
    return "ERR";
  return buf;
}

static period P(const char *code) {
  period p = { 0, PERIOD_YEAR, -1 };
  period_parse(code, &p);
  return p;
}

static period_date D(const char *s) {
  period_date d = { 0, 0, 0 };
  period_date_parse(s, &d);
  return d;
}

/* d as text in a static buffer: one call per expression. */
static const char *date_text(period_date d) {
  static char buf[PERIOD_DATE_SIZE];
  if (period_date_format(d, buf, sizeof buf) != 0)
    return "ERR";
  return buf;
}

static int is_date(period_date d, const char *want) {
  char buf[PERIOD_DATE_SIZE];
  if (period_date_format(d, buf, sizeof buf) != 0 || strcmp(buf, want) != 0) {
    check_note("got %s, want %s", buf, want);
    return 0;
  }
  return 1;
}

static void test_parse(void) {
  static const struct {
    const char *code; int year; period_kind kind; int num;
  } good[] = {
    { "2025", 2025, PERIOD_YEAR, 0 },
    { "2025-H1", 2025, PERIOD_HALF, 1 },
    { "2025-H2", 2025, PERIOD_HALF, 2 },
    { "2025-Q1", 2025, PERIOD_QUARTER, 1 },
    { "2025-Q4", 2025, PERIOD_QUARTER, 4 },
    { "2025-9M", 2025, PERIOD_NINE_MONTHS, 0 },
    { "2025-01", 2025, PERIOD_MONTH, 1 },
    { "2025-12", 2025, PERIOD_MONTH, 12 },
    { "1900", 1900, PERIOD_YEAR, 0 },
    { "2200-12", 2200, PERIOD_MONTH, 12 },
  };
  for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
    period p;
    int rc = period_parse(good[i].code, &p);
    CHECK(rc == 0 && p.year == good[i].year && p.kind == good[i].kind &&
              p.num == good[i].num,
          "parse %s", good[i].code);
  }
  static const char *const bad[] = {
    "2025-13", "2025-Q5", "2025-H3", "25", "2025-1", "2025-01x", "",
    "2025-00", "2025-Q0", "2025-H0", "2025-9", "2025-9m", "2025-q1",
    "2025-", "2025 ", " 2025", "1899", "2201", "2025-Q1 ", "20250",
    "2025-10M", "2025-M9", "+025", "2025/01",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    period p = { 1, PERIOD_MONTH, 7 };
    int rc = period_parse(bad[i], &p);
    CHECK(rc == -1 && p.year == 1 && p.num == 7,
          "parse refuses '%s' and leaves the output alone", bad[i]);
  }
  CHECK(period_parse(NULL, &(period){ 0, PERIOD_YEAR, 0 }) == -1,
        "parse refuses NULL");
}

static void test_format(void) {
  static const char *const codes[] = {
    "2025", "2025-H1", "2025-H2", "2025-Q1", "2025-Q2", "2025-Q3",
    "2025-Q4", "2025-9M", "2025-01", "2025-09", "2025-10", "2025-12",
  };
  char buf[PERIOD_CODE_SIZE];
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
    CHECK(strcmp(round_trip(codes[i], buf, sizeof buf), codes[i]) == 0,
          "format(parse(%s)) gives it back", codes[i]);
  period p = P("2025-H1");
  char small[7];
  CHECK(period_format(&p, small, sizeof small) == -1,
        "format refuses a buffer one byte short");
  period odd = { 2025, PERIOD_QUARTER, 5 };
  CHECK(period_format(&odd, buf, sizeof buf) == -1 && !period_valid(&odd),
        "format refuses quarter 5");
  period year_num = { 2025, PERIOD_YEAR, 1 };
  CHECK(!period_valid(&year_num), "a year with a num is not valid");
  period_kind k;
  CHECK(period_kind_parse("9m", &k) == 0 && k == PERIOD_NINE_MONTHS &&
            strcmp(period_kind_name(PERIOD_HALF), "half") == 0 &&
            period_kind_parse("week", &k) == -1,
        "kind names");
}

/* step(code) as a code, or "ERR". */
static const char *stepped(const char *code, int forward, char *buf) {
  period p = P(code);
  int rc = forward ? period_next(&p, &p) : period_prev(&p, &p);
  if (rc != 0 || period_format(&p, buf, PERIOD_CODE_SIZE) != 0)
    return "ERR";
  return buf;
}

static void test_next_prev(void) {
  static const char *const pairs[][2] = {
    { "2025-12", "2026-01" }, { "2025-01", "2025-02" },
    { "2025-Q4", "2026-Q1" }, { "2025-Q2", "2025-Q3" },
    { "2025-H2", "2026-H1" }, { "2025-H1", "2025-H2" },
    { "2025", "2026" }, { "2025-9M", "2026-9M" },
  };
  char buf[PERIOD_CODE_SIZE];
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    CHECK(strcmp(stepped(pairs[i][0], 1, buf), pairs[i][1]) == 0,
          "next %s is %s", pairs[i][0], pairs[i][1]);
    CHECK(strcmp(stepped(pairs[i][1], 0, buf), pairs[i][0]) == 0,
          "prev %s is %s", pairs[i][1], pairs[i][0]);
  }
  CHECK(strcmp(stepped("2200-12", 1, buf), "ERR") == 0,
        "no next past the last year");
  CHECK(strcmp(stepped("1900-Q1", 0, buf), "ERR") == 0,
        "no prev before the first year");
}

static int cmp(const char *a, const char *b) {
  period x = P(a), y = P(b);
  int c = period_compare(&x, &y);
  return (c > 0) - (c < 0);
}

static void test_compare(void) {
  CHECK(cmp("2025-01", "2025-02") < 0, "2025-01 < 2025-02");
  CHECK(cmp("2025-12", "2026-01") < 0, "2025-12 < 2026-01");
  CHECK(cmp("2025-Q1", "2025-Q1") == 0, "2025-Q1 = 2025-Q1");
  CHECK(cmp("2025-03", "2025-Q1") < 0, "2025-03 < 2025-Q1 (same end)");
  CHECK(cmp("2025-Q2", "2025-H1") < 0, "2025-Q2 < 2025-H1 (same end)");
  CHECK(cmp("2025-Q3", "2025-9M") < 0, "2025-Q3 < 2025-9M (same end)");
  CHECK(cmp("2025-H2", "2025") < 0, "2025-H2 < 2025 (same end)");
  CHECK(cmp("2025", "2025-12") > 0, "2025 > 2025-12");
  CHECK(cmp("2025-9M", "2025-10") < 0, "2025-9M < 2025-10");
  CHECK(cmp("2024", "2025-01") < 0, "2024 < 2025-01");
  CHECK(cmp("2025-H1", "2025-04") > 0, "2025-H1 > 2025-04");
}

static void test_bounds(void) {
  static const char *const rows[][3] = {
    { "2025", "2025-01-01", "2025-12-31" },
    { "2025-H1", "2025-01-01", "2025-06-30" },
    { "2025-H2", "2025-07-01", "2025-12-31" },
    { "2025-Q3", "2025-07-01", "2025-09-30" },
    { "2025-9M", "2025-01-01", "2025-09-30" },
    { "2025-02", "2025-02-01", "2025-02-28" },
    { "2024-02", "2024-02-01", "2024-02-29" },
    { "2100-02", "2100-02-01", "2100-02-28" },
    { "2000-02", "2000-02-01", "2000-02-29" },
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    period p = P(rows[i][0]);
    CHECK(is_date(period_start(&p), rows[i][1]) &&
              is_date(period_end(&p), rows[i][2]),
          "%s runs %s..%s", rows[i][0], rows[i][1], rows[i][2]);
  }
}

static void test_cutoff(void) {
  static const char *const rows[][3] = {
    { "2025-01", "2024-12-15", "2025-01-14" },
    { "2025-02", "2025-01-15", "2025-02-14" },
    { "2025-12", "2025-11-15", "2025-12-14" },
    { "2025-Q1", "2024-12-15", "2025-03-14" },
    { "2025-Q2", "2025-03-15", "2025-06-14" },
    { "2025-Q3", "2025-06-15", "2025-09-14" },
    { "2025-Q4", "2025-09-15", "2025-12-14" },
    { "2025-H1", "2024-12-15", "2025-06-14" },
    { "2025-H2", "2025-06-15", "2025-12-14" },
    { "2025", "2024-12-15", "2025-12-14" },
    { "2025-9M", "2024-12-15", "2025-09-14" },
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    period p = P(rows[i][0]);
    period_date from, to;
    CHECK(period_cutoff(&p, &from, &to) == 0 && is_date(from, rows[i][1]) &&
              is_date(to, rows[i][2]),
          "cut-off of %s is %s..%s", rows[i][0], rows[i][1], rows[i][2]);
  }
  period bad = { 2025, PERIOD_MONTH, 13 };
  period_date from, to;
  CHECK(period_cutoff(&bad, &from, &to) == -1, "no cut-off for month 13");
}

static void test_dates(void) {
  period_date d;
  CHECK(period_date_parse("2024-02-29", &d) == 0 && d.y == 2024 &&
            d.m == 2 && d.d == 29,
        "parse 2024-02-29");
  static const char *const bad[] = {
    "2025-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-1-01",
    "2025-01-1", "2025-01-01x", "", "2025/01/01", "1899-12-31",
    "2100-02-29",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    CHECK(period_date_parse(bad[i], &d) == -1, "date parse refuses '%s'",
          bad[i]);
  CHECK(period_date_days(D("1970-01-01")) == 0 &&
            period_date_days(D("2000-03-01")) == 11017 &&
            period_date_days(D("1969-12-31")) == -1,
        "day counts from 1970-01-01");
  int round = 1;
  for (long n = period_date_days(D("1900-01-01"));
       n <= period_date_days(D("2200-12-31")); n += 37)
    round &= period_date_days(period_date_from_days(n)) == n &&
             period_date_valid(period_date_from_days(n));
  CHECK(round, "day counts convert back over 1900-2200");
  CHECK(period_date_weekday(D("2025-01-01")) == 3 &&
            period_date_weekday(D("2025-12-14")) == 7 &&
            period_date_weekday(D("2025-04-26")) == 6 &&
            period_date_weekday(D("1970-01-01")) == 4 &&
            period_date_weekday(D("1900-01-01")) == 1,
        "ISO day of the week");
  CHECK(strcmp(date_text(period_date_add_days(D("2024-12-31"), 1)),
               "2025-01-01") == 0,
        "add a day across a year end");
  CHECK(strcmp(date_text(period_date_add_days(D("2024-03-01"), -1)),
               "2024-02-29") == 0,
        "take a day back into a leap day");
  CHECK(period_date_compare(D("2025-01-02"), D("2025-01-10")) < 0 &&
            period_date_compare(D("2025-01-10"), D("2025-01-10")) == 0,
        "dates compare");
  char small[10];
  CHECK(period_date_format(D("2025-01-01"), small, sizeof small) == -1,
        "date format refuses a buffer one byte short");
}

/* Tết Ất Tỵ and the 30/4-1/5 break of 2025, as data. */
static void fill_2025(period_calendar *cal) {
  period_calendar_init(cal);
  period_date d = D("2025-01-25");
  for (int i = 0; i < 9; i++)
    period_calendar_add(cal, period_date_add_days(d, i), PERIOD_DAY_HOLIDAY);
  period_calendar_add(cal, D("2025-04-30"), PERIOD_DAY_HOLIDAY);
  period_calendar_add(cal, D("2025-05-01"), PERIOD_DAY_HOLIDAY);
  period_calendar_add(cal, D("2025-05-02"), PERIOD_DAY_COMPENSATORY);
  period_calendar_add(cal, D("2025-04-26"), PERIOD_DAY_WORKDAY);
  period_calendar_add(cal, D("2025-09-01"), PERIOD_DAY_HOLIDAY);
  period_calendar_add(cal, D("2025-09-02"), PERIOD_DAY_HOLIDAY);
}

static void test_calendar(void) {
  static period_calendar cal;
  fill_2025(&cal);
  CHECK(cal.count == 15, "the calendar holds 15 days");
  int sorted = 1;
  for (int i = 1; i < cal.count; i++)
    sorted &= cal.entries[i - 1].day < cal.entries[i].day;
  CHECK(sorted, "the calendar is kept sorted");
  CHECK(period_is_workday(&cal, D("2025-03-03")), "a Monday works");
  CHECK(!period_is_workday(&cal, D("2025-03-08")), "a Saturday does not");
  CHECK(!period_is_workday(&cal, D("2025-03-09")), "a Sunday does not");
  CHECK(!period_is_workday(&cal, D("2025-04-30")), "a holiday does not");
  CHECK(!period_is_workday(&cal, D("2025-05-02")),
        "a compensatory day does not");
  CHECK(period_is_workday(&cal, D("2025-04-26")), "a working Saturday does");
  CHECK(period_is_workday(NULL, D("2025-04-30")) &&
            !period_is_workday(NULL, D("2025-04-26")),
        "no calendar: weekends only");
  CHECK(period_calendar_add(&cal, D("2025-04-30"), PERIOD_DAY_HOLIDAY) == 0 &&
            cal.count == 15,
        "adding a day again with its kind changes nothing");
  CHECK(period_calendar_add(&cal, D("2025-04-30"), PERIOD_DAY_WORKDAY) == -2,
        "adding a day again with another kind is refused");
  CHECK(period_calendar_add(&cal, (period_date){ 2025, 2, 30 },
                            PERIOD_DAY_HOLIDAY) == -1,
        "adding 30 February is refused");
  period_day_kind k;
  CHECK(period_day_kind_parse("compensatory", &k) == 0 &&
            k == PERIOD_DAY_COMPENSATORY &&
            period_day_kind_parse("Holiday", &k) == -1,
        "day kind names");
}

static void test_calendar_full(void) {
  static period_calendar cal;
  period_calendar_init(&cal);
  period_date d = D("2030-01-01");
  int rc = 0;
  for (int i = PERIOD_CALENDAR_MAX - 1; i >= 0 && rc == 0; i--)
    rc = period_calendar_add(&cal, period_date_add_days(d, i),
                             PERIOD_DAY_HOLIDAY);
  CHECK(rc == 0 && cal.count == PERIOD_CALENDAR_MAX,
        "the calendar takes %d days", PERIOD_CALENDAR_MAX);
  CHECK(period_calendar_add(&cal, D("2029-01-01"), PERIOD_DAY_HOLIDAY) == -1,
        "and refuses one more");
  period_date out, want = period_date_add_days(d, PERIOD_CALENDAR_MAX);
  while (period_date_weekday(want) > 5)
    want = period_date_add_days(want, 1);
  CHECK(period_add_workdays(&cal, D("2029-12-31"), 1, &out) == 0 &&
            period_date_compare(out, want) == 0,
        "a full calendar of days off still ends the search");
}

/* The n-th working day after from under cal, as text. */
static const char *after(const period_calendar *cal, const char *from, int n) {
  period_date out;
  if (period_add_workdays(cal, D(from), n, &out) != 0)
    return "ERR";
  return date_text(out);
}

static void test_add_workdays(void) {
  static period_calendar cal;
  fill_2025(&cal);
  static const struct { const char *from; int n; const char *want; } rows[] = {
    { "2025-03-07", 1, "2025-03-10" },  /* Friday -> Monday */
    { "2025-03-08", 1, "2025-03-10" },  /* from a Saturday */
    { "2025-03-03", 5, "2025-03-10" },  /* a whole week */
    { "2025-01-24", 1, "2025-02-03" },  /* over Tết */
    { "2025-01-23", 2, "2025-02-03" },
    { "2025-01-20", 10, "2025-02-10" },
    { "2025-01-27", 1, "2025-02-03" },  /* from inside Tết */
    { "2025-04-29", 1, "2025-05-05" },  /* over 30/4-1/5 and 2/5 */
    { "2025-04-25", 1, "2025-04-26" },  /* the working Saturday */
    { "2025-04-25", 2, "2025-04-28" },
    { "2025-04-28", 2, "2025-05-05" },
    { "2025-08-29", 1, "2025-09-03" },  /* over Quốc khánh */
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    CHECK(strcmp(after(&cal, rows[i].from, rows[i].n), rows[i].want) == 0,
          "%d working day(s) after %s is %s", rows[i].n, rows[i].from,
          rows[i].want);
  CHECK(strcmp(after(NULL, "2025-01-24", 1), "2025-01-27") == 0,
        "without the calendar Tết is worked");
  CHECK(strcmp(after(&cal, "2025-03-07", 0), "ERR") == 0,
        "0 working days is refused");
  CHECK(strcmp(after(&cal, "2025-03-07", PERIOD_WORKDAYS_MAX + 1), "ERR") == 0,
        "more than %d working days is refused", PERIOD_WORKDAYS_MAX);
  CHECK(strcmp(after(NULL, "2200-12-31", PERIOD_WORKDAYS_MAX), "ERR") != 0,
        "the largest n from the last day still gives a date");
}

static const char *deadline(const period_calendar *cal, const char *code,
                            int n) {
  period p = P(code);
  period_date out;
  if (period_deadline(cal, &p, n, &out) != 0)
    return "ERR";
  return date_text(out);
}

static void test_deadline(void) {
  static period_calendar cal;
  fill_2025(&cal);
  CHECK(strcmp(deadline(&cal, "2025", 2), "2025-12-16") == 0,
        "year 2025, 2 working days after Sunday 14 Dec: Tue 2025-12-16");
  CHECK(strcmp(deadline(&cal, "2025-01", 1), "2025-01-15") == 0,
        "2025-01, 1 working day: 2025-01-15");
  CHECK(strcmp(deadline(&cal, "2025-02", 1), "2025-02-17") == 0,
        "2025-02 cut-off ends Fri 14 Feb: 1 working day is Mon 17 Feb");
  CHECK(strcmp(deadline(&cal, "2025-9M", 3), "2025-09-17") == 0,
        "2025-9M cut-off ends Sun 14 Sep: 3 working days is 17 Sep");
  period bad = { 2025, PERIOD_HALF, 3 };
  period_date out;
  CHECK(period_deadline(&cal, &bad, 1, &out) == -1,
        "no deadline for a half 3");
}

int main(void) {
  test_parse();
  test_format();
  test_next_prev();
  test_compare();
  test_bounds();
  test_cutoff();
  test_dates();
  test_calendar();
  test_calendar_full();
  test_add_workdays();
  test_deadline();
  return check_done();
}
