/*
** audit.c: the one writer of the audit log. See audit.h.
*/
#define _POSIX_C_SOURCE 200809L
#include "audit.h"

#include <stddef.h>
#include <time.h>

static const char insert_sql[] =
  "INSERT INTO audit (at, actor, action, entity, key, old, new) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

int audit_open(audit_log *log, sqlite3 *db) {
  log->db = db;
  log->insert = NULL;
  return sqlite3_prepare_v2(db, insert_sql, -1, &log->insert, NULL);
}

static int given(const char *s) {
  return s != NULL && s[0] != '\0';
}

int audit_write(audit_log *log, const audit_row *row, sqlite3_int64 *id) {
  char now[AUDIT_TIME_SIZE];
  if (log->insert == NULL || !given(row->actor) || !given(row->action) ||
      !given(row->entity) || row->key == NULL)
    return SQLITE_MISUSE;
  if (row->at == NULL)
    audit_now(now);
  sqlite3_stmt *st = log->insert;
  const char *fields[] = { row->at ? row->at : now, row->actor, row->action,
                           row->entity, row->key, row->old, row->new };
  for (int i = 0; i < 7; i++)
    sqlite3_bind_text(st, i + 1, fields[i], -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  if (rc != SQLITE_DONE)
    return rc == SQLITE_ROW ? SQLITE_ERROR : rc;
  if (id != NULL)
    *id = sqlite3_last_insert_rowid(log->db);
  return SQLITE_OK;
}

void audit_close(audit_log *log) {
  sqlite3_finalize(log->insert);
  log->insert = NULL;
}

void audit_now(char *out) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, AUDIT_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
