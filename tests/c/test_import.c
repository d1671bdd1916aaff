/*
** test_import.c: importing a values CSV into a store (import.h), straight
** from C, against a small plan written with SQL.
**
** Every file and database lives in a fresh folder under /tmp, removed at
** the end.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "scratch.h"
#include "import.h"
#include "unitname.h"
#include "store.h"

static char dir[] = "/tmp/pw_import.XXXXXX";
static char csv_path[512];

/* A plan with indicators of every kind (and a derived and a retired one),
** units with aliases (one retired), and 100 more units U000..U099. */
static const char seed[] =
  "INSERT INTO plans (id, number, title, span_from, span_to, timezone)"
  "  VALUES ('P', '1/QD', 'Plan', 2021, 2030, 'Asia/Ho_Chi_Minh');"
  "INSERT INTO units (code, plan_id, name, kind) VALUES"
  "  ('A', 'P', 'Unit A', 'department'), ('B', 'P', 'Unit B', 'department');"
  "INSERT INTO units (code, plan_id, name, kind, retired_at)"
  "  VALUES ('Z', 'P', 'Old unit', 'department', '2024-01-01');"
  "INSERT INTO unit_aliases VALUES ('Sở A', 'A'), ('Old', 'Z');"
  "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n"
  "  WHERE i < 99) INSERT INTO units (code, plan_id, name, kind)"
  "  SELECT printf('U%03d', i), 'P', 'u', 'district' FROM n;"
  "INSERT INTO indicators (code, plan_id, name, period, rule, derived) VALUES"
  "  ('M_IND', 'P', 'm', 'month', 'last', 0),"
  "  ('Q_IND', 'P', 'q', 'quarter', 'last', 0),"
  "  ('H_IND', 'P', 'h', 'half', 'last', 0),"
  "  ('Y_IND', 'P', 'y', 'year', 'sum', 0),"
  "  ('D_IND', 'P', 'd', 'year', 'last', 1);"
  "INSERT INTO indicators (code, plan_id, name, period, rule, retired_at)"
  "  VALUES ('R_IND', 'P', 'r', 'year', 'last', '2024-01-01');";

static void write_csv(const char *text) {
  FILE *f = fopen(csv_path, "wb");
  fputs(text, f);
  fclose(f);
}

static long long values(sqlite3 *db) {
  return query_int(db, "SELECT count(*) FROM indicator_values");
}

/* Import csv_path with the options given (path and name filled in). */
static int run(sqlite3 *db, import_opts o, import_result *r) {
  o.path = csv_path;
  o.name = "values.csv";
  o.now = "2025-01-02T03:04:05Z";
  return import_values(db, &o, r);
}

/* The kept errors include one containing what. */
static int has_error(const import_result *r, const char *what) {
  for (size_t i = 0; i < r->nerrors; i++)
    if (strstr(r->errors[i], what))
      return 1;
  return 0;
}

static void test_kinds(sqlite3 *db) {
  import_result r;
  char buf[200];
  write_csv("period,value,unit,indicator,note\n"
            "2025-03,1.5,A,M_IND,\"march, first\"\n"
            "2025-Q1,2,Sở A,Q_IND,\n"
            "2025-H2,-3e2,B,H_IND,\n"
            "2025,4,A,Y_IND,\n");
  int rc = run(db, (import_opts){ 0 }, &r);
  CHECK(rc == IMPORT_OK, "columns in any order, one indicator of each kind");
  CHECK(r.read == 4 && r.added == 4 && r.changed == 0 && r.unchanged == 0,
        "4 read, 4 added (%llu, %llu)", r.read, r.added);
  CHECK(query_int(db, "SELECT count(*) FROM indicator_values WHERE "
                      "indicator = 'Q_IND' AND unit = 'A' AND year = 2025 "
                      "AND ptype = 2 AND pnum = 1 AND period = '2025-Q1' "
                      "AND value = 2") == 1,
        "an alias is stored as its unit's code, the period split in parts");
  CHECK(strcmp(query_text(db, "SELECT note FROM indicator_values WHERE "
                              "indicator = 'M_IND'", buf, sizeof buf),
               "march, first") == 0, "the note is stored");
  CHECK(query_int(db, "SELECT note IS NULL FROM indicator_values WHERE "
                      "indicator = 'Y_IND'") == 1, "an empty note is NULL");
  CHECK(query_int(db, "SELECT value FROM indicator_values WHERE "
                      "indicator = 'H_IND'") == -300, "-3e2 is -300");
  CHECK(query_int(db, "SELECT count(*) FROM audit WHERE action = 'import' "
                      "AND key = 'values.csv' AND new LIKE '%\"added\":4%'")
            == 1, "one audit row records the file and its counts");
  import_result_free(&r);
}

static void test_refused(sqlite3 *db) {
  import_result r;
  long long before = values(db);
  write_csv("indicator,unit,period,value\n"
            "M_IND,A,2025-04,1\n"
            "R_IND,A,2025,1\n"
            "D_IND,A,2025,1\n"
            "Y_IND,Z,2025,1\n"
            "Y_IND,Old,2025,1\n"
            "Y_IND,A,2025-9M,1\n"
            "Q_IND,A,2025-04,1\n"
            "Y_IND,B,2025,0x10\n"
            "Y_IND,B,2024,\n"
            "Y_IND,B,2023,inf\n"
            "M_IND,Sở A,2025-04,2\n");
  int rc = run(db, (import_opts){ 0 }, &r);
  CHECK(rc == IMPORT_INVALID, "a file with bad lines is refused");
  CHECK(values(db) == before, "and nothing of it is written");
  CHECK(has_error(&r, "values.csv:3: indicator: unknown indicator 'R_IND'"),
        "a retired indicator is unknown");
  CHECK(has_error(&r, "values.csv:4: indicator: D_IND is derived"),
        "a derived indicator takes no values");
  CHECK(has_error(&r, "values.csv:5: unit: unknown unit 'Z'") &&
        has_error(&r, "values.csv:6: unit: unknown unit 'Old'"),
        "a retired unit is unknown, by code and by alias");
  CHECK(has_error(&r, "values.csv:7: period: Y_IND is reported by year, not "
                      "by 9m"), "nine months fits no indicator");
  CHECK(has_error(&r, "values.csv:8: period: Q_IND is reported by quarter, "
                      "not by month"), "a month for a quarterly indicator");
  CHECK(has_error(&r, "values.csv:9: value: '0x10' is not a number") &&
        has_error(&r, "values.csv:10: value: empty") &&
        has_error(&r, "values.csv:11: value: 'inf' is not a number"),
        "hex, empty and infinite values");
  CHECK(has_error(&r, "values.csv:12: duplicate: M_IND/A/2025-04 is already "
                      "on line 2"),
        "a repeat through an alias names both lines");
  CHECK(r.nerrors == 10 && strstr(r.errors[0], "values.csv:3:"),
        "one error per bad line, in line order (%zu)", r.nerrors);
  import_result_free(&r);
}

static void test_changes(sqlite3 *db) {
  import_result r;
  char buf[200];
  long long audits = query_int(db, "SELECT count(*) FROM audit");
  write_csv("indicator,unit,period,value,note\n"
            "M_IND,A,2025-03,1.5,\"march, first\"\n"   /* the same */
            "Y_IND,A,2025,4.25,\n"                     /* value changes */
            "H_IND,B,2025-H2,-300,checked\n"           /* note changes */
            "Y_IND,B,2025,7,\n");                      /* new */
  int rc = run(db, (import_opts){ .dry_run = 1 }, &r);
  CHECK(rc == IMPORT_OK && r.added == 1 && r.changed == 2 && r.unchanged == 1,
        "a dry run counts 1 added, 2 changed, 1 unchanged");
  CHECK(query_int(db, "SELECT count(*) FROM audit") == audits &&
        query_int(db, "SELECT value FROM indicator_values WHERE "
                      "indicator = 'Y_IND' AND unit = 'A'") == 4,
        "and writes nothing");
  import_result_free(&r);
  rc = run(db, (import_opts){ 0 }, &r);
  CHECK(rc == IMPORT_OK && r.added == 1 && r.changed == 2 && r.unchanged == 1,
        "the import makes the same counts");
  import_result_free(&r);
  CHECK(strcmp(query_text(db, "SELECT old || ' ' || new FROM audit WHERE "
                              "action = 'change' AND key = 'Y_IND/A/2025'",
                              buf, sizeof buf),
               "{\"value\":4} {\"value\":4.25}") == 0,
        "a changed value keeps the old one in the audit (%s)", buf);
  CHECK(strcmp(query_text(db, "SELECT old || ' ' || new FROM audit WHERE "
                              "action = 'change' AND key = 'H_IND/B/2025-H2'",
                              buf, sizeof buf),
               "{\"value\":-300,\"note\":null} "
               "{\"value\":-300,\"note\":\"checked\"}") == 0,
        "a changed note too (%s)", buf);
  write_csv("indicator,unit,period,value\nH_IND,B,2025-H2,-300\n");
  rc = run(db, (import_opts){ 0 }, &r);
  CHECK(rc == IMPORT_OK && r.unchanged == 1 &&
        strcmp(query_text(db, "SELECT note FROM indicator_values WHERE "
                              "indicator = 'H_IND'", buf, sizeof buf),
               "checked") == 0,
        "a file without a note column leaves notes alone");
  import_result_free(&r);
}

/* A check that records its calls and refuses one line. */
typedef struct checker {
  int calls;
  size_t most, rows;
  unsigned long refuse;  /* the line to refuse */
  int stop;              /* return -1 */
} checker;

static int check_rows(void *ud, import_job *job, const char *indicator,
                      const import_check_row *rows, size_t n) {
  checker *c = ud;
  c->calls++;
  c->rows += n;
  if (n > c->most)
    c->most = n;
  for (size_t i = 0; i < n; i++)
    if (rows[i].line == c->refuse && strcmp(indicator, "M_IND") == 0)
      import_refuse(job, rows[i].line, "value: refused by the rule");
  return c->stop ? -1 : 0;
}

/* 30,000 monthly values written newest first, out of key order. */
static void write_many(void) {
  FILE *f = fopen(csv_path, "wb");
  fputs("indicator,unit,period,value\n", f);
  for (int y = 2025; y > 2000; y--)
    for (int m = 12; m >= 1; m--)
      for (int u = 99; u >= 0; u--)
        fprintf(f, "M_IND,U%03d,%d-%02d,%d.25\n", u, y, m, y * 100 + m);
  fclose(f);
}

static void test_many(sqlite3 *db) {
  import_result r;
  checker c = { 0, 0, 0, 20001, 0 };
  const char *only[] = { "M_IND" };
  long long before = values(db);
  write_many();
  import_opts o = { .check = check_rows, .check_ud = &c, .check_only = only,
                    .ncheck_only = 1 };
  int rc = run(db, o, &r);
  CHECK(rc == IMPORT_INVALID && r.nerrors == 1 &&
        strcmp(r.errors[0],
               "values.csv:20001: value: refused by the rule") == 0,
        "a refusal of the check is an error of its line");
  CHECK(c.calls == 3 && c.most == IMPORT_CHECK_BATCH && c.rows == 30000,
        "the check sees all 30000 rows in batches of at most %d (%d calls)",
        IMPORT_CHECK_BATCH, c.calls);
  CHECK(values(db) == before, "a refused file writes nothing");
  import_result_free(&r);
  c = (checker){ 0, 0, 0, 0, 1 };
  rc = run(db, o, &r);
  CHECK(rc == IMPORT_FAILED && c.calls == 1 && values(db) == before,
        "a check that stops the import fails it, writing nothing");
  import_result_free(&r);
  c = (checker){ 0, 0, 0, 0, 0 };
  rc = run(db, o, &r);
  CHECK(rc == IMPORT_OK && r.added == 30000 && values(db) == before + 30000,
        "unordered input is imported whole");
  CHECK(query_int(db, "SELECT value * 100 FROM indicator_values WHERE "
                      "indicator = 'M_IND' AND unit = 'U042' AND year = 2003 "
                      "AND pnum = 7") == 20030725,
        "each value lands on its key");
  import_result_free(&r);
}

/* 120,000 monthly values into a table holding far fewer: a bulk load,
** which makes the secondary index again once the rows are in. */
static void test_bulk(sqlite3 *db) {
  import_result r;
  char buf[200];
  long long before = values(db);
  FILE *f = fopen(csv_path, "wb");
  fputs("indicator,unit,period,value\n", f);
  for (int y = 1901; y <= 2000; y++)
    for (int m = 1; m <= 12; m++)
      for (int u = 0; u < 100; u++)
        fprintf(f, "M_IND,U%03d,%d-%02d,%d\n", u, y, m, u);
  fclose(f);
  int rc = run(db, (import_opts){ 0 }, &r);
  CHECK(rc == IMPORT_OK && r.added == 120000 && values(db) == before + 120000,
        "a bulk load of 120000 rows");
  CHECK(query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = "
                      "'index' AND name = 'values_unit'") == 1,
        "leaves the secondary index in place");
  CHECK(strcmp(query_text(db, "PRAGMA integrity_check", buf, sizeof buf),
               "ok") == 0 &&
        query_int(db, "SELECT count(*) FROM indicator_values INDEXED BY "
                      "values_unit WHERE unit = 'U007'") == 1200 + 300,
        "and the index is whole (%s)", buf);
  import_result_free(&r);
}

/* What the connection's journal looks like while a check runs, that is
** inside the import's transaction. */
typedef struct journal_seen {
  sqlite3 *db;
  char mode[16];
  long long sync;
} journal_seen;

static int check_journal(void *ud, import_job *job, const char *indicator,
                         const import_check_row *rows, size_t n) {
  journal_seen *j = ud;
  (void)job, (void)indicator, (void)rows, (void)n;
  query_text(j->db, "PRAGMA journal_mode", j->mode, sizeof j->mode);
  j->sync = query_int(j->db, "PRAGMA synchronous");
  return 0;
}

/* rows monthly values of M_IND for 100 units from year first on, each
** line padded by a note to about 40 bytes. */
static void write_months(int first, int rows) {
  FILE *f = fopen(csv_path, "wb");
  fputs("indicator,unit,period,value,note\n", f);
  for (int i = 0; i < rows; i++)
    fprintf(f, "M_IND,U%03d,%d-%02d,%d,padding padding\n", i % 100,
            first + i / 1200, i / 100 % 12 + 1, i);
  fclose(f);
}

static int file_exists(const char *path) {
  return access(path, F_OK) == 0;
}

/* A file of IMPORT_JOURNAL_BYTES or more goes through a rollback journal
** with synchronous FULL, unless another connection has the database open;
** the connection is back in WAL mode (synchronous NORMAL) afterwards,
** whatever the outcome. */
static void test_journal(sqlite3 *db, const char *db_path) {
  import_result r;
  char mode[16], journal[700];
  const char *only[] = { "M_IND" };
  journal_seen seen = { db, "", -1 };
  import_opts o = { .check = check_journal, .check_ud = &seen,
                    .check_only = only, .ncheck_only = 1 };
  long long before = values(db);
  snprintf(journal, sizeof journal, "%s-journal", db_path);

  write_months(2031, 60000);          /* 2.4 MB, 60,000 rows */
  int rc = run(db, o, &r);
  CHECK(rc == IMPORT_OK && r.added == 60000 && values(db) == before + 60000,
        "a large file is imported");
  CHECK(strcmp(seen.mode, "delete") == 0 && seen.sync == 2,
        "through a rollback journal, synchronous FULL (%s, %lld)", seen.mode,
        seen.sync);
  CHECK(strcmp(query_text(db, "PRAGMA journal_mode", mode, sizeof mode),
               "wal") == 0 && query_int(db, "PRAGMA synchronous") == 1 &&
        !file_exists(journal),
        "then the connection is back in WAL mode, synchronous NORMAL (%s)",
        mode);
  import_result_free(&r);

  write_months(2081, 1000);           /* small: the WAL as always */
  rc = run(db, o, &r);
  CHECK(rc == IMPORT_OK && strcmp(seen.mode, "wal") == 0 &&
        seen.sync == 1, "a small file goes through the WAL (%s)", seen.mode);
  import_result_free(&r);

  sqlite3 *other = NULL;
  write_months(2091, 60000);
  sqlite3_open_v2(db_path, &other, SQLITE_OPEN_READONLY, NULL);
  CHECK(query_int(other, "SELECT count(*) FROM units") > 0,
        "another connection reads the database");
  before = values(db);
  rc = run(db, o, &r);
  CHECK(rc == IMPORT_OK && values(db) == before + 60000 &&
        strcmp(seen.mode, "wal") == 0,
        "while it is open, a large file goes through the WAL (%s)",
        seen.mode);
  CHECK(query_int(other, "SELECT count(*) FROM indicator_values") ==
        before + 60000, "and that connection sees the rows");
  import_result_free(&r);
  sqlite3_close(other);

  /* A failure half-way through the insert: the journal rolls it back. */
  write_months(2141, 60000);
  before = values(db);
  long long audits = query_int(db, "SELECT count(*) FROM audit");
  sqlite3_exec(db, "CREATE TEMP TRIGGER stop_import AFTER INSERT ON "
                   "main.indicator_values WHEN NEW.year = 2160 BEGIN "
                   "SELECT RAISE(ABORT, 'stopped'); END", NULL, NULL, NULL);
  rc = run(db, o, &r);
  CHECK(rc == IMPORT_FAILED && strstr(r.err, "stopped") &&
        strcmp(seen.mode, "delete") == 0,
        "an insert that fails half-way through a rollback journal (%s)",
        r.err);
  CHECK(values(db) == before &&
        query_int(db, "SELECT count(*) FROM audit") == audits &&
        query_int(db, "SELECT count(*) FROM sqlite_master WHERE "
                      "name = 'values_unit'") == 1,
        "leaves values, audit and index as they were");
  CHECK(strcmp(query_text(db, "PRAGMA integrity_check", mode, sizeof mode),
               "ok") == 0 &&
        strcmp(query_text(db, "PRAGMA journal_mode", mode, sizeof mode),
               "wal") == 0 && !file_exists(journal),
        "and a whole database, back in WAL mode (%s)", mode);
  sqlite3_exec(db, "DROP TRIGGER temp.stop_import", NULL, NULL, NULL);
  import_result_free(&r);
}

/* The n-th of the 540,000 keys of test_sort: every month of M_IND,
** quarter of Q_IND and half of H_IND, 1900 to 2199, for U000..U099. */
static void sort_key(int n, char *line, size_t size) {
  int unit = n % 100, k = n / 100;
  if (k < 3600)
    snprintf(line, size, "M_IND,U%03d,%d-%02d,%d\n", unit, 1900 + k / 12,
             k % 12 + 1, n);
  else if ((k -= 3600) < 1200)
    snprintf(line, size, "Q_IND,U%03d,%d-Q%d,%d\n", unit, 1900 + k / 4,
             k % 4 + 1, n);
  else
    snprintf(line, size, "H_IND,U%03d,%d-H%d,%d\n", unit, 1900 + (k - 1200) / 2,
             (k - 1200) % 2 + 1, n);
}

#define SORT_ROWS 540000

/* Enough rows to be distributed by two threads before they are sorted:
** in the order reports arrive (period by period, the indicators side by
** side), which needs no sort within a bucket, and shuffled, which does. */
static void test_sort(const char *db_path) {
  store s;
  import_result r;
  char line[64];
  if (!CHECK(store_open(&s, db_path, 0) == 0 && store_exec(&s, seed) == 0,
             "a second store for %d rows", SORT_ROWS))
    return;
  FILE *f = fopen(csv_path, "wb");
  fputs("indicator,unit,period,value\n", f);
  for (int period = 0; period < SORT_ROWS / 100; period++)
    for (int unit = 0; unit < 100; unit++) {
      int n = period * 100 + unit;          /* by period, then unit */
      sort_key(n % 3 == 0 ? n / 3 : n % 3 == 1 ? SORT_ROWS / 3 + n / 3
                                               : 2 * SORT_ROWS / 3 + n / 3,
               line, sizeof line);
      fputs(line, f);
    }
  sort_key(12345, line, sizeof line);       /* one key twice */
  fputs(line, f);
  fclose(f);
  int rc = run(s.db, (import_opts){ .dry_run = 1 }, &r);
  CHECK(rc == IMPORT_INVALID && r.nerrors == 1 &&
        strstr(r.errors[0], "duplicate: M_IND/U045/1910-04 is already on "),
        "in arrival order, the one repeated key of %d is found (%s)",
        SORT_ROWS + 1, r.nerrors ? r.errors[0] : "no error");
  import_result_free(&r);

  int *order = malloc(SORT_ROWS * sizeof *order);
  unsigned long long x = 88172645463325252ULL;
  for (int i = 0; i < SORT_ROWS; i++)
    order[i] = i;
  for (int i = SORT_ROWS - 1; i > 0; i--) {  /* Fisher-Yates, xorshift */
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    int k = (int)(x % (unsigned long long)(i + 1)), t = order[i];
    order[i] = order[k], order[k] = t;
  }
  f = fopen(csv_path, "wb");
  fputs("indicator,unit,period,value\n", f);
  for (int i = 0; i < SORT_ROWS; i++) {
    sort_key(order[i], line, sizeof line);
    fputs(line, f);
  }
  fclose(f);
  free(order);
  rc = run(s.db, (import_opts){ 0 }, &r);
  CHECK(rc == IMPORT_OK && r.added == SORT_ROWS && values(s.db) == SORT_ROWS,
        "shuffled, all %d rows are imported (%llu)", SORT_ROWS, r.added);
  CHECK(query_int(s.db, "SELECT value FROM indicator_values WHERE "
                        "indicator = 'M_IND' AND unit = 'U045' AND "
                        "period = '1910-04'") == 12345 &&
        query_int(s.db, "SELECT value FROM indicator_values WHERE "
                        "indicator = 'H_IND' AND unit = 'U099' AND "
                        "period = '2199-H2'") == SORT_ROWS - 1,
        "each value on its key");
  CHECK(query_int(s.db, "SELECT count(*) FROM (SELECT 1 FROM "
                        "indicator_values GROUP BY indicator, unit "
                        "HAVING count(*) = (CASE indicator WHEN 'M_IND' "
                        "THEN 3600 WHEN 'Q_IND' THEN 1200 ELSE 600 END))")
            == 300, "every unit has every period of every indicator");
  import_result_free(&r);
  store_close(&s);
}

static void test_too_many_errors(sqlite3 *db) {
  import_result r;
  FILE *f = fopen(csv_path, "wb");
  fputs("indicator,unit,period,value\n", f);
  for (int i = 0; i < 150; i++)
    fprintf(f, "NOPE,A,2025,%d\n", i);
  fclose(f);
  int rc = run(db, (import_opts){ 0 }, &r);
  CHECK(rc == IMPORT_INVALID && r.nerrors == IMPORT_MAX_ERRORS && r.more == 50,
        "after %d errors the rest are counted (%zu kept, %llu more)",
        IMPORT_MAX_ERRORS, r.nerrors, r.more);
  import_result_free(&r);
}

static void test_nested(sqlite3 *db) {
  import_result r;
  long long before = values(db);
  write_csv("indicator,unit,period,value\nY_IND,U001,2030,1\n");
  sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
  int rc = run(db, (import_opts){ 0 }, &r);
  CHECK(rc == IMPORT_OK && values(db) == before + 1,
        "inside a transaction the import joins it");
  sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
  CHECK(values(db) == before, "and goes when the caller rolls back");
  import_result_free(&r);
}

static void test_bad_files(sqlite3 *db) {
  import_result r;
  write_csv("indicator,unit,period\nY_IND,A,2025\n");
  CHECK(run(db, (import_opts){ 0 }, &r) == IMPORT_INVALID &&
        has_error(&r, "values.csv:1: missing column 'value'"),
        "a missing column is named");
  import_result_free(&r);
  write_csv("indicator,unit,period,value\nY_IND,A,\"2025,1\n");
  CHECK(run(db, (import_opts){ 0 }, &r) == IMPORT_INVALID &&
        has_error(&r, "values.csv:2: the quoted field opened here is never "
                      "closed"), "malformed CSV is reported with its line");
  import_result_free(&r);
  unlink(csv_path);
  CHECK(run(db, (import_opts){ 0 }, &r) == IMPORT_INVALID &&
        has_error(&r, "values.csv: No such file"), "a missing file");
  import_result_free(&r);
}

/* The unit key: one for the spellings people use, apart for other words. */
static void test_unit_key(void) {
  char a[UNITNAME_KEY_SIZE], b[UNITNAME_KEY_SIZE];
  const char *same[][2] = {
    { "  Uỷ  ban nhân dân ", "ủy ban nhân dân" },
    { "hoà bình", "HÒA BÌNH" },
    { "khoẻ", "khỏe" },
    { "Sơ\xcc\x89 KH&CN", "sở kh&cn" }, /* NFD: o-horn, hook above */
  };
  for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
    size_t n = unitname_key(same[i][0], strlen(same[i][0]), a);
    size_t m = unitname_key(same[i][1], strlen(same[i][1]), b);
    CHECK(n > 0 && n == m && strcmp(a, b) == 0, "'%s' and '%s' have one key",
          same[i][0], same[i][1]);
  }
  unitname_key("hoàn", strlen("hoàn"), a);
  CHECK(strcmp(a, "hoàn") == 0, "a tone before a final consonant stays");
  unitname_key("So Khoa hoc", strlen("So Khoa hoc"), a);
  unitname_key("Sở Khoa học", strlen("Sở Khoa học"), b);
  CHECK(strcmp(a, b) != 0, "missing diacritics make another key");
  CHECK(unitname_key("   ", 3, a) == 0, "only spaces: no key");
}

/* opts.text is read instead of the file, messages naming the path. */
static void test_text(sqlite3 *db) {
  import_result r;
  static const char text[] = "indicator,unit,period,value\nY_IND,A,2025,x\n";
  unlink(csv_path);
  import_opts o = { .dry_run = 1, .text = text, .text_len = sizeof text - 1 };
  CHECK(run(db, o, &r) == IMPORT_INVALID &&
        has_error(&r, "values.csv:2: value: 'x' is not a number"),
        "the text given is parsed, under the file's name");
  import_result_free(&r);
}

int main(void) {
  store s;
  char db_path[600];
  if (mkdtemp(dir) == NULL)
    return 1;
  snprintf(db_path, sizeof db_path, "%s/pw.db", dir);
  snprintf(csv_path, sizeof csv_path, "%s/values.csv", dir);
  if (!CHECK(store_open(&s, db_path, 0) == 0 && store_exec(&s, seed) == 0,
             "a store with a small plan")) {
    check_note("%s", s.err);
    scratch_remove(dir);
    return check_done();
  }
  test_kinds(s.db);
  test_refused(s.db);
  test_changes(s.db);
  test_many(s.db);
  test_bulk(s.db);
  test_journal(s.db, db_path);
  test_too_many_errors(s.db);
  test_nested(s.db);
  test_bad_files(s.db);
  test_text(s.db);
  test_unit_key();
  store_close(&s);
  snprintf(db_path, sizeof db_path, "%s/sort.db", dir);
  test_sort(db_path);
  scratch_remove(dir);
  return check_done();
}
