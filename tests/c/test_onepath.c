/*
** test_onepath.c: the one writer of the audit log (audit.h), the one unit
** resolver (unitname.h) and the CSV grammar's delimiter (csv.h).
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "check.h"
#include "csv.h"
#include "scratch.h"
#include "store.h"
#include "unitname.h"

static char dir[] = "/tmp/pw_onepath.XXXXXX";

static const char seed[] =
    "INSERT INTO plans (id, number, title, span_from, span_to, timezone)"
    "  VALUES ('P', '1/QD', 'Plan', 2021, 2030, 'Asia/Ho_Chi_Minh');"
    "INSERT INTO units (code, plan_id, name, kind) VALUES"
    "  ('SKHCN', 'P', 'Sở Khoa học và Công nghệ', 'department'),"
    "  ('UBND', 'P', 'Ủy ban nhân dân tỉnh', 'province'),"
    "  ('X', 'P', 'UBND', 'department');"
    "INSERT INTO units (code, plan_id, name, kind, retired_at)"
    "  VALUES ('OLD', 'P', 'Sở Cũ', 'department', '2024-01-01');"
    "INSERT INTO unit_aliases VALUES ('Sở KH&CN', 'SKHCN'),"
    "  ('Sở Cũ ơi', 'OLD'), ('skhcn', 'UBND');";

/* The code s stands for, or "-" for none. */
static const char *find(const unitname *u, const char *s) {
  long id = unitname_find(u, s, strlen(s));
  return id < 0 ? "-" : unitname_code(u, (size_t)id);
}

/* The official name suggested for s, or "-". */
static const char *near(const unitname *u, const char *s) {
  long id = unitname_near(u, s, strlen(s));
  return id < 0 ? "-" : unitname_official(u, (size_t)id);
}

static void test_units(sqlite3 *db) {
  unitname *u;
  if (!CHECK(unitname_load(db, &u) == SQLITE_OK, "the units load"))
    return;
  CHECK(unitname_count(u) == 3, "the retired unit is left out");
  CHECK(strcmp(unitname_code(u, 0), "SKHCN") == 0 &&
            strcmp(unitname_code(u, 2), "X") == 0,
        "units numbered in code order");
  const char *found[][2] = {
      {"SKHCN", "SKHCN"},
      {"Sở KH&CN", "SKHCN"},
      {"Sở Khoa học và Công nghệ", "SKHCN"},
      {" sở  khoa học và công nghệ ", "SKHCN"},
      {"Uỷ ban nhân dân tỉnh", "UBND"},
      {"UBND", "UBND"},
      {" ubnd", "UBND"}, /* by key a code comes before an official name */
      {"skhcn", "UBND"}, /* exactly an alias, before a code by key */
      {"Sở Cũ", "-"},
      {"Sở Cũ ơi", "-"},
      {"", "-"},
  };
  for (size_t i = 0; i < sizeof found / sizeof found[0]; i++)
    CHECK(strcmp(find(u, found[i][0]), found[i][1]) == 0, "'%s' is %s",
          found[i][0], found[i][1]);
  CHECK(strcmp(near(u, "So Khoa hoc va Cong nghe"),
               "Sở Khoa học và Công nghệ") == 0,
        "a name without diacritics suggests its unit");
  CHECK(strcmp(near(u, "SKHCM"), "Sở Khoa học và Công nghệ") == 0,
        "a slip of one letter suggests the nearest");
  CHECK(strcmp(near(u, "Bộ Tài chính"), "-") == 0,
        "a far name suggests nothing");
  unitname_free(u);
}

static void test_audit(sqlite3 *db) {
  audit_log log;
  sqlite3_int64 id = 0;
  char out[200];
  CHECK(audit_open(&log, db) == SQLITE_OK, "the log opens");
  audit_row row = {
      "2025-01-02T03:04:05Z", "load", "add", "units", "SKHCN", NULL,
      "{\"code\":\"SKHCN\"}"};
  CHECK(audit_write(&log, &row, &id) == SQLITE_OK && id > 0,
        "a row is written");
  CHECK(strcmp(query_text(
                   db,
                   "SELECT at || '|' || actor || '|' || action || '|'"
                   " || entity || '|' || key || '|' || coalesce(old, 'NULL')"
                   " || '|' || new FROM audit ORDER BY id DESC LIMIT 1",
                   out, sizeof out),
               "2025-01-02T03:04:05Z|load|add|units|SKHCN|NULL|{\"code\":"
               "\"SKHCN\"}") == 0,
        "with every field as given (%s)", out);
  row.at = NULL;
  row.new = NULL;
  CHECK(
      audit_write(&log, &row, NULL) == SQLITE_OK &&
          strlen(query_text(db, "SELECT at FROM audit ORDER BY id DESC LIMIT 1",
                            out, sizeof out)) == 20 &&
          out[19] == 'Z',
      "no time: now, in UTC (%s)", out);
  long long before = query_int(db, "SELECT count(*) FROM audit");
  row.actor = "";
  CHECK(audit_write(&log, &row, NULL) == SQLITE_MISUSE,
        "an empty actor is refused");
  row.actor = "load";
  row.entity = NULL;
  CHECK(audit_write(&log, &row, NULL) == SQLITE_MISUSE,
        "a missing entity is refused");
  CHECK(query_int(db, "SELECT count(*) FROM audit") == before,
        "and nothing written");
  audit_close(&log);
}

static int count_fields(void *ud, const csv_record *rec) {
  int *n = ud;
  *n += rec->count;
  return 0;
}

static void test_delimiter(void) {
  static const char text[] = "a;\"b;c\";d,e\n1;2;3\n";
  csv_parser p;
  int n = 0;
  csv_init(&p, NULL, count_fields, &n);
  csv_set_delimiter(&p, ';');
  int rc = csv_feed(&p, text, sizeof text - 1);
  CHECK(rc == CSV_OK && csv_finish(&p) == CSV_OK && n == 6,
        "';' separates fields, a comma is text, a quoted ';' too (%d)", n);
  csv_free(&p);
  n = 0;
  csv_init(&p, NULL, count_fields, &n);
  csv_set_delimiter(&p, '\t');
  CHECK(csv_feed(&p, "a\tb,c\n", 6) == CSV_OK && n == 2,
        "a tab separates fields");
  csv_free(&p);
}

int main(void) {
  store s;
  char db_path[600];
  test_delimiter();
  if (mkdtemp(dir) == NULL)
    return 1;
  snprintf(db_path, sizeof db_path, "%s/pw.db", dir);
  if (CHECK(store_open(&s, db_path, 0) == 0 && store_exec(&s, seed) == 0,
            "a store with a small plan")) {
    test_units(s.db);
    test_audit(s.db);
  } else {
    check_note("%s", s.err);
  }
  store_close(&s);
  scratch_remove(dir);
  return check_done();
}
