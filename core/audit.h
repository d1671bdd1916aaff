#ifndef PW_AUDIT_H
#define PW_AUDIT_H
/*
** audit: the one writer of the audit log (the `audit` table, store.c).
**
** Every change a command makes to the plan or its data leaves one row:
** when (at, "YYYY-MM-DDTHH:MM:SSZ" in UTC), who (actor: the command that
** made it: load, import, submit, outbox), what (action: add, change,
** restore, retire, withdraw, import, retry, dismiss, rewrite), which table
** (entity) and row (key), and the row before and after as JSON text (old,
** new; NULL where there is none). The values import writes through it in
** C; scripts through pw.audit (lua_audit.h); nothing else inserts into the
** table, and scripts' own SQL may not change it (sqlauth.h).
*/
#include <sqlite3.h>

#define AUDIT_TIME_SIZE 32  /* room for an audit time and its NUL */

/* One row of the log. Every field but at, old and new is required. */
typedef struct audit_row {
  const char *at;      /* when; NULL: now (audit_now) */
  const char *actor;   /* the command that made the change */
  const char *action;  /* what it did */
  const char *entity;  /* the table changed */
  const char *key;     /* the row's key in that table ("IND/UNIT/PERIOD") */
  const char *old;     /* the row before, as JSON; NULL: none */
  const char *new;     /* the row after, as JSON; NULL: none */
} audit_row;

/* The log on one connection, its statement prepared once for many rows. */
typedef struct audit_log {
  sqlite3 *db;
  sqlite3_stmt *insert;
} audit_log;

/* Prepare to write to db's log. SQLITE_OK, or SQLite's error code (then
** audit_close is still safe). */
int audit_open(audit_log *log, sqlite3 *db);

/* Append row inside the caller's transaction; *id (when not NULL) gets the
** new row's id. SQLITE_OK; SQLITE_MISUSE when a required field is missing
** or empty; else SQLite's error code (sqlite3_errmsg(log->db) says why). */
int audit_write(audit_log *log, const audit_row *row, sqlite3_int64 *id);

/* Finish with the log (the connection stays open). */
void audit_close(audit_log *log);

/* Now, as the log writes it, into out (AUDIT_TIME_SIZE bytes). */
void audit_now(char *out);

#endif
