/*
** test_sqlauth.c: the function allow-list against the SQLite this build
** links, the hardening of a connection (sqlauth.h), and the statements the
** authorizer never sees.
*/
#include <string.h>

#include "check.h"
#include "sqlauth.h"

/* What sqlauth.c's header comment says is refused, and why; every other
** function SQLite offers must be on the allow-list. */
static const char *const REFUSED[] = {
  "fts3_tokenizer", "load_extension", "sqlite_compileoption_get",
  "sqlite_compileoption_used", "sqlite_log", "fts5", "fts5_source_id", "bm25",
  "highlight", "snippet", "offsets", "matchinfo", "optimize", "match",
  "rtreecheck", "rtreedepth", "rtreenode", "subtype", NULL,
};

static int documented_refusal(const char *name) {
  for (int i = 0; REFUSED[i]; i++)
    if (strcmp(REFUSED[i], name) == 0)
      return 1;
  return 0;
}

static sqlite3 *open_memory(void) {
  sqlite3 *db = NULL;
  sqlite3_open(":memory:", &db);
  return db;
}

/* Each function SQLite offers here is either allowed or documented. */
static void every_function_reviewed(void) {
  sqlite3 *db = open_memory();
  sqlite3_stmt *st;
  int n = 0, bad = 0;
  sqlite3_prepare_v2(db, "SELECT DISTINCT name FROM pragma_function_list",
                     -1, &st, NULL);
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *name = (const char *)sqlite3_column_text(st, 0);
    int allowed = sqlauth_function_allowed(name);
    n++;
    if (allowed == documented_refusal(name)) {
      bad++;
      check_note("%s: %s", name, allowed ? "allowed and listed as refused"
                                         : "refused but not documented");
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  CHECK(n > 100 && bad == 0, "all %d functions reviewed (%d not)", n, bad);
  CHECK(sqlauth_function_allowed("JSON_EACH") == 0 &&
            sqlauth_function_allowed("Upper") &&
            sqlauth_function_allowed("->>") &&
            !sqlauth_function_allowed("FTS3_TOKENIZER"),
        "names compare without case; table-valued names are not functions");
}

static void probe(sqlite3_context *c, int argc, sqlite3_value **argv) {
  (void)argc, (void)argv;
  sqlite3_result_int(c, 1);
}

static int prepares(sqlite3 *db, const char *sql, sqlauth *a,
                    int (*auth)(void *, int, const char *, const char *,
                                const char *, const char *)) {
  sqlite3_stmt *st = NULL;
  a->why[0] = '\0';
  sqlite3_set_authorizer(db, auth, a);
  int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
  sqlite3_set_authorizer(db, NULL, NULL);
  sqlite3_finalize(st);
  return rc == SQLITE_OK;
}

/* A function nobody listed (here one the application adds) is refused. */
static void unlisted_refused(void) {
  sqlite3 *db = open_memory();
  sqlauth a = { "en", "" };
  sqlite3_create_function(db, "pw_probe", 0, SQLITE_UTF8, NULL, probe, NULL,
                          NULL);
  CHECK(!prepares(db, "SELECT pw_probe()", &a, sqlauth_reader) &&
            strstr(a.why, "function pw_probe is not on the list"),
        "an unlisted function is refused: %s", a.why);
  CHECK(!prepares(db, "SELECT fts3_tokenizer('simple')", &a, sqlauth_writer),
        "fts3_tokenizer is refused to the writer too");
  CHECK(prepares(db, "SELECT upper('a'), json_array(1)", &a, sqlauth_reader),
        "listed functions prepare");
  sqlite3_close(db);
}

static void hardened(void) {
  sqlite3 *db = open_memory();
  sqlauth a = { "vi", "" };
  CHECK(sqlauth_harden(db) == SQLITE_OK, "a connection is hardened");
  int on = -1;
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, -1, &on);
  CHECK(on == 0, "fts3_tokenizer's pointer form is off");
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &on);
  CHECK(on == 0, "the schema is not trusted");
  CHECK(!prepares(db, "SELECT * FROM dbstat", &a, sqlauth_reader),
        "dbstat is gone");
  CHECK(sqlite3_exec(db, "CREATE VIRTUAL TABLE temp.f USING fts3(x)", NULL,
                     NULL, NULL) != SQLITE_OK,
        "fts3 is gone even without an authorizer");
  CHECK(prepares(db, "SELECT value FROM json_each('[1]')", &a,
                 sqlauth_reader),
        "json_each stays");
  CHECK(!prepares(db, "SELECT * FROM pragma_integrity_check", &a,
                  sqlauth_reader) &&
            prepares(db, "SELECT * FROM pragma_table_info('x')", &a,
                     sqlauth_reader),
        "pragma tables: the schema's shape only");
  CHECK(!prepares(db, "ATTACH ':memory:' AS x", &a, sqlauth_writer) &&
            !prepares(db, "CREATE TEMP TRIGGER t AFTER INSERT ON sqlite_master"
                          " BEGIN SELECT 1; END", &a, sqlauth_writer),
        "ATTACH and temporary triggers are refused");
  sqlite3_close(db);
}

static void vacuum_seen(void) {
  sqlauth a = { "en", "" };
  const char *refused[] = { "VACUUM", "  vacuum INTO '/tmp/x'",
                            "/* c */ -- d\n VacUum main", NULL };
  const char *kept[] = { "SELECT 'vacuum'", "vacuumx", "vacuum_x", NULL };
  int ok = 1;
  for (int i = 0; refused[i]; i++)
    ok &= sqlauth_refused_statement(&a, refused[i]);
  for (int i = 0; kept[i]; i++)
    ok &= !sqlauth_refused_statement(&a, kept[i]);
  CHECK(ok && strstr(a.why, "VACUUM"), "VACUUM in any spelling, only it");
}

int main(void) {
  every_function_reviewed();
  unlisted_refused();
  hardened();
  vacuum_seen();
  return check_done();
}
