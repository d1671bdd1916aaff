#ifndef PW_STORE_H
#define PW_STORE_H
/*
** The store: planwatch's one SQLite file.
**
** A store is opened read-write (creating the file and migrating the schema to
** the newest version) or read-only (SQLITE_OPEN_READONLY: SQLite refuses
** every write on that connection; the authorizer that lets a script's query
** only read is installed by lua_sql.c, sqlauth.h). Every connection is
** hardened (sqlauth.h: no fts3_tokenizer pointers, untrusted schema, only
** the JSON virtual tables) and runs in WAL mode with foreign keys on and a
** busy timeout (a large import leaves WAL mode for its transaction when it
** has the file to itself: import_write.c), and a new file gets
** STORE_PAGE_SIZE-byte pages. The schema is versioned with
** PRAGMA user_version; migrations only move forward, each in its own
** transaction. A store belongs to the thread that opened it: connections
** are opened without SQLite's per-call mutex.
*/
#include <sqlite3.h>

#define STORE_BUSY_MS 5000 /* how long a writer waits for another writer */
#define STORE_PAGE_SIZE 16384 /* bytes a page, for a file created new */

typedef struct store {
  sqlite3 *db;      /* the connection */
  int readonly;     /* 1 when opened for reading only */
  char err[512];    /* the last error, for the caller to print */
} store;

/* Open (and for read-write, create and migrate) the database at path.
** Returns 0 on success; on failure returns -1 with s->err set. */
int store_open(store *s, const char *path, int readonly);

/* Close the connection; safe on a store that failed to open. */
void store_close(store *s);

/* The schema version this build migrates to. */
int store_schema_version(void);

/* The version recorded in the open database (PRAGMA user_version). */
int store_user_version(store *s);

/* Run one or more statements that return no rows. 0 or -1 with s->err. */
int store_exec(store *s, const char *sql);

/* Begin an immediate transaction, commit it, roll it back. 0 or -1. */
int store_begin(store *s);
int store_commit(store *s);
int store_rollback(store *s);

#endif
