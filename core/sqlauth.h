#ifndef PW_SQLAUTH_H
#define PW_SQLAUTH_H
/*
** sqlauth: what SQL from scripts may do, and the hardening of every SQLite
** connection planwatch opens.
**
** Every connection (store.c calls sqlauth_harden) has fts3_tokenizer()'s
** pointer form off, the schema untrusted (views and triggers in the file may
** only call functions SQLite marks innocuous), defensive mode on, extension
** loading off, and no virtual table module but json_each and json_tree.
**
** Scripts' SQL (pw.sql, pw.rows, pw.exec) is prepared under an authorizer:
** functions come from an allow-list (sqlauth.c lists each with its reason);
** tables are read from the database itself, from json_each/json_tree and
** from a few pragma_* tables that describe the schema; ATTACH, DETACH,
** PRAGMA, virtual tables, temporary triggers and views are refused, and so
** is VACUUM, which SQLite never shows the authorizer (VACUUM INTO writes a
** copy of the database to any path). The reader's authorizer also refuses
** every change.
*/
#include <sqlite3.h>

/* What an authorizer refused, for the error message; lang is "vi" or "en". */
typedef struct sqlauth {
  const char *lang;
  char why[200];   /* empty, or what was refused and why */
} sqlauth;

/* Harden a connection as above. 0, or an SQLite error code. */
int sqlauth_harden(sqlite3 *db);

/* Authorizers for sqlite3_set_authorizer; ud is a sqlauth. The reader's
** allows reading only; the writer's also allows changing the database's
** own tables and schema. */
int sqlauth_reader(void *ud, int action, const char *a, const char *b,
                   const char *db, const char *trigger);
int sqlauth_writer(void *ud, int action, const char *a, const char *b,
                   const char *db, const char *trigger);

/* Whether SQL from scripts may call the function named name. */
int sqlauth_function_allowed(const char *name);

/* Whether the statement at sql (its first keyword, after blanks and
** comments) is one the authorizer never sees and that is refused: 1 with
** a->why set, else 0. */
int sqlauth_refused_statement(sqlauth *a, const char *sql);

#endif
