/*
** test_store.c: opening, migrating and guarding the SQLite file (store.h).
**
** Every database lives in a fresh folder under /tmp, removed at the end.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "scratch.h"
#include "store.h"

static char dir[] = "/tmp/pw_store.XXXXXX";

static const char *in_dir(char *buf, size_t size, const char *name) {
  return scratch_path(dir, buf, size, name);
}

static int make_raw(const char *path, const char *sql) {
  sqlite3 *db;
  int rc = sqlite3_open(path, &db);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
  sqlite3_close(db);
  return rc == SQLITE_OK ? 0 : -1;
}

/* Read one integer from the file with plain SQLite, read-only. */
static long long raw_int(const char *path, const char *sql) {
  sqlite3 *db;
  long long v = -1;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    v = query_int(db, sql);
  sqlite3_close(db);
  return v;
}

static const char count_tables[] =
  "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
static const char the_schema[] =
  "SELECT group_concat(sql, ';') FROM "
  "(SELECT sql FROM sqlite_master ORDER BY name)";

/* Rows every test that writes can build on: a plan and one unit. */
static const char seed[] =
  "INSERT INTO plans (id, number, title, span_from, span_to, timezone)"
  "  VALUES ('P', '1/QD', 'Plan', 2021, 2025, 'Asia/Ho_Chi_Minh');"
  "INSERT INTO units (code, plan_id, name, kind)"
  "  VALUES ('U', 'P', 'Unit', 'department');";

static void test_new_file(const char *path) {
  store s;
  char buf[64];
  CHECK(access(path, F_OK) != 0, "the new database does not exist yet");
  if (!CHECK(store_open(&s, path, 0) == 0, "store_open creates a new file")) {
    check_note("error: %s", s.err);
    return;
  }
  CHECK(access(path, F_OK) == 0, "the file is there");
  CHECK(s.readonly == 0, "the store is read-write");
  CHECK(store_schema_version() >= 1, "there is at least one migration");
  CHECK(store_user_version(&s) == store_schema_version(),
        "user_version is the newest schema (%d)", store_schema_version());
  CHECK(query_int(s.db, "PRAGMA user_version") == store_schema_version(),
        "PRAGMA user_version agrees");
  CHECK(strcmp(query_text(s.db, "PRAGMA journal_mode", buf, sizeof buf),
               "wal") == 0, "journal_mode is wal");
  CHECK(query_int(s.db, "PRAGMA foreign_keys") == 1, "foreign_keys is on");
  CHECK(query_int(s.db, "PRAGMA page_size") == STORE_PAGE_SIZE,
        "a new file has %d-byte pages", STORE_PAGE_SIZE);
  CHECK(query_int(s.db, "SELECT count(*) FROM sqlite_master WHERE "
                        "type = 'table' AND name = 'tasks'") == 1,
        "the schema has the tasks table");
  CHECK(store_exec(&s, seed) == 0, "the schema takes a plan and a unit");
  store_close(&s);
  CHECK(s.db == NULL, "store_close forgets the connection");
}

static void test_reopen(const char *path) {
  store s;
  static char before[16384], after[16384];
  if (store_open(&s, path, 0) != 0) {
    CHECK(0, "reopen the database");
    check_note("error: %s", s.err);
    return;
  }
  query_text(s.db, the_schema, before, sizeof before);
  long long tables = query_int(s.db, count_tables);
  store_close(&s);
  if (!CHECK(store_open(&s, path, 0) == 0, "reopening an up-to-date file works"))
    return;
  query_text(s.db, the_schema, after, sizeof after);
  CHECK(store_user_version(&s) == store_schema_version(),
        "user_version is unchanged");
  CHECK(query_int(s.db, count_tables) == tables, "no table was added");
  CHECK(before[0] && strcmp(before, after) == 0, "the schema text is unchanged");
  CHECK(query_int(s.db, "SELECT count(*) FROM units WHERE code = 'U'") == 1,
        "the rows are kept");
  store_close(&s);
}

static void test_migrate_empty(const char *path) {
  store s;
  /* A real database file (not a zero-length one) at version 0, no tables. */
  if (!CHECK(make_raw(path, "PRAGMA page_size = 4096;"
                            "PRAGMA journal_mode = DELETE;"
                            "CREATE TABLE scratch (a); DROP TABLE scratch;")
             == 0, "make an empty database at user_version 0"))
    return;
  CHECK(raw_int(path, "PRAGMA user_version") == 0 &&
        raw_int(path, count_tables) == 0, "it has version 0 and no tables");
  if (!CHECK(store_open(&s, path, 0) == 0, "store_open migrates it")) {
    check_note("error: %s", s.err);
    return;
  }
  CHECK(store_user_version(&s) == store_schema_version(),
        "it is now at the newest schema");
  CHECK(query_int(s.db, "SELECT count(*) FROM sqlite_master WHERE "
                        "type = 'table' AND name = 'audit'") == 1,
        "the migrated schema has the audit table");
  char buf[16];
  CHECK(query_int(s.db, "PRAGMA page_size") == 4096,
        "a file with content keeps its pages of 4096 bytes");
  CHECK(strcmp(query_text(s.db, "PRAGMA journal_mode", buf, sizeof buf),
               "wal") == 0,
        "a file in rollback-journal mode is opened in WAL mode (%s)", buf);
  store_close(&s);
}

static void test_newer(const char *path) {
  store s;
  char sql[64];
  int newer = store_schema_version() + 1;
  snprintf(sql, sizeof sql, "PRAGMA user_version = %d", newer);
  if (!CHECK(make_raw(path, sql) == 0, "make a database at user_version %d",
             newer))
    return;
  CHECK(store_open(&s, path, 0) == -1, "a newer database is refused");
  int said = CHECK(strstr(s.err, "newer") != NULL, "the error says it is newer");
  said &= CHECK(strstr(s.err, path) != NULL, "the error names the file");
  if (!said)
    check_note("error: %s", s.err);
  CHECK(s.db == NULL, "no connection is left open");
  store_close(&s); /* safe on a store that failed to open */
  CHECK(raw_int(path, "PRAGMA user_version") == newer,
        "its user_version is unchanged");
  CHECK(raw_int(path, count_tables) == 0, "no table was created in it");
}

static void test_transactions(const char *path) {
  store s;
  const char insert[] =
    "INSERT INTO plans (id, number, title, span_from, span_to, timezone)"
    "  VALUES ('%s', '2/QD', 'Other', 2021, 2025, 'UTC')";
  char sql[256];
  if (store_open(&s, path, 0) != 0) {
    CHECK(0, "open for the transaction tests");
    return;
  }
  CHECK(store_rollback(&s) == 0, "store_rollback outside a transaction is a no-op");
  CHECK(store_begin(&s) == 0, "store_begin");
  snprintf(sql, sizeof sql, insert, "R");
  CHECK(store_exec(&s, sql) == 0, "insert inside the transaction");
  CHECK(query_int(s.db, "SELECT count(*) FROM plans WHERE id = 'R'") == 1,
        "the transaction sees its own insert");
  CHECK(store_rollback(&s) == 0, "store_rollback");
  CHECK(query_int(s.db, "SELECT count(*) FROM plans WHERE id = 'R'") == 0,
        "the rollback undid the insert");
  snprintf(sql, sizeof sql, insert, "C");
  CHECK(store_begin(&s) == 0 && store_exec(&s, sql) == 0 &&
        store_commit(&s) == 0, "begin, insert, commit");
  CHECK(query_int(s.db, "SELECT count(*) FROM plans WHERE id = 'C'") == 1,
        "the commit kept the insert");
  store_close(&s);
}

static void test_foreign_keys(const char *path) {
  store s;
  const char task[] =
    "INSERT INTO tasks (plan_id, no, title, when_text, from_year, to_year, lead)"
    "  VALUES ('P', %d, 'Task', '2021', 2021, 2021, '%s')";
  char sql[256];
  if (store_open(&s, path, 0) != 0) {
    CHECK(0, "open for the foreign key tests");
    return;
  }
  snprintf(sql, sizeof sql, task, 1, "U");
  CHECK(store_exec(&s, sql) == 0, "a task led by a known unit is accepted");
  snprintf(sql, sizeof sql, task, 2, "NOBODY");
  CHECK(store_exec(&s, sql) == -1, "a task led by an unknown unit is refused");
  if (!CHECK(strstr(s.err, "FOREIGN KEY") != NULL,
             "the error is the foreign key"))
    check_note("error: %s", s.err);
  CHECK(query_int(s.db, "SELECT count(*) FROM tasks WHERE no = 2") == 0,
        "the refused task is not there");
  store_close(&s);
}

static void test_readonly(const char *path, const char *missing) {
  store s;
  CHECK(store_open(&s, missing, 1) == -1,
        "read-only open of a missing file fails");
  if (!CHECK(s.err[0] != '\0' && strstr(s.err, missing) != NULL,
             "with an error naming the file"))
    check_note("error: %s", s.err);
  CHECK(s.db == NULL, "and no connection");
  CHECK(access(missing, F_OK) != 0, "the missing file was not created");

  if (!CHECK(store_open(&s, path, 1) == 0, "read-only open of a real file")) {
    check_note("error: %s", s.err);
    return;
  }
  CHECK(s.readonly == 1, "the store says it is read-only");
  CHECK(query_int(s.db, "SELECT count(*) FROM plans WHERE id = 'P'") == 1,
        "a read-only store reads");
  CHECK(store_user_version(&s) == store_schema_version(),
        "and sees the schema version");
  CHECK(store_exec(&s, "INSERT INTO plans (id, number, title, span_from,"
                       " span_to, timezone) VALUES ('W', 'n', 't', 1, 2, 'UTC')")
        == -1, "a read-only store refuses an INSERT");
  if (!CHECK(strstr(s.err, "readonly") != NULL, "with an error saying so"))
    check_note("error: %s", s.err);
  store_close(&s);
  CHECK(raw_int(path, "SELECT count(*) FROM plans WHERE id = 'W'") == 0,
        "nothing was written");
}

/* A large import holds the file in rollback-journal mode (import_write.c): a
** store opened meanwhile works in that mode, with synchronous FULL, instead
** of failing on the switch to WAL that SQLite refuses at once; it follows
** the file back into WAL mode once the import has switched it. */
static void test_import_in_rollback_mode(const char *path) {
  sqlite3 *importer;
  store s;
  char buf[16];
  if (!CHECK(sqlite3_open(path, &importer) == SQLITE_OK &&
             sqlite3_exec(importer, "PRAGMA journal_mode = DELETE;"
                          "BEGIN IMMEDIATE;"
                          "UPDATE plans SET title = 'Importing' "
                          "WHERE id = 'P'", NULL, NULL, NULL) == SQLITE_OK,
             "another connection writes in rollback-journal mode")) {
    sqlite3_close(importer);
    return;
  }
  if (!CHECK(store_open(&s, path, 0) == 0, "a store opens meanwhile")) {
    check_note("error: %s", s.err);
    sqlite3_exec(importer, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(importer);
    return;
  }
  CHECK(strcmp(query_text(s.db, "PRAGMA journal_mode", buf, sizeof buf),
               "delete") == 0 && query_int(s.db, "PRAGMA synchronous") == 2,
        "in rollback mode with synchronous FULL (%s)", buf);
  CHECK(query_int(s.db, "SELECT count(*) FROM plans WHERE id = 'P' AND "
                        "title = 'Plan'") == 1, "it reads what was committed");
  CHECK(sqlite3_exec(importer, "COMMIT; PRAGMA journal_mode = WAL", NULL,
                     NULL, NULL) == SQLITE_OK,
        "the writer commits and switches the file back to WAL");
  CHECK(query_int(s.db, "SELECT count(*) FROM plans WHERE id = 'P' AND "
                        "title = 'Importing'") == 1 &&
        strcmp(query_text(s.db, "PRAGMA journal_mode", buf, sizeof buf),
               "wal") == 0,
        "the store then reads the change, in WAL mode (%s)", buf);
  CHECK(store_exec(&s, "UPDATE plans SET title = 'Plan' WHERE id = 'P'")
            == 0, "and writes");
  store_close(&s);
  sqlite3_close(importer);
}

int main(void) {
  char main_db[256], empty_db[256], newer_db[256], missing_db[256];
  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  in_dir(main_db, sizeof main_db, "plan.db");
  in_dir(empty_db, sizeof empty_db, "empty.db");
  in_dir(newer_db, sizeof newer_db, "newer.db");
  in_dir(missing_db, sizeof missing_db, "missing.db");

  test_new_file(main_db);
  test_reopen(main_db);
  test_migrate_empty(empty_db);
  test_newer(newer_db);
  test_transactions(main_db);
  test_foreign_keys(main_db);
  test_readonly(main_db, missing_db);
  test_import_in_rollback_mode(main_db);

  scratch_remove(dir);
  return check_done();
}
