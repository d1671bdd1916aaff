#ifndef PW_RUNCTX_H
#define PW_RUNCTX_H
/*
** runctx: what one planwatch invocation knows — its options, its limits and its
** database connections, opened lazily so a command that never touches the
** database never opens it.
**
** Two connections: the reader (SQLITE_OPEN_READONLY, for analyst queries) and
** the writer (read-write, migrated on open). A query of pw.sql in a script run
** with --write goes through the writer, so it sees the script's own
** uncommitted writes; it is held read-only there by the authorizer.
**
** SQLite's own work is bounded apart from the Lua state's: its heap (every
** connection's, process-wide: sqlite3_hard_heap_limit64) by sql_memory, one
** string or blob (SQLITE_LIMIT_LENGTH, and SQL text, SQLITE_LIMIT_SQL_LENGTH)
** by a quarter of it, and one statement by sql_seconds: a progress handler
** between steps, and the watch (sqlwatch.h) inside one.
*/
#include "sandbox.h"
#include "sqlwatch.h"
#include "store.h"

#define PW_MAX_OUTPUTS 32 /* paths one command line may name for writing */

typedef struct runctx {
  const char *db_path;      /* --db, PLANWATCH_DB, ./planwatch.db */
  const char *plugins_dir;  /* --plugins, PLANWATCH_PLUGINS, ./plugins */
  const char *home;         /* folder holding scripts/ */
  const char *today;        /* --today, or NULL for the plan's today */
  const char *format;       /* --format: table, csv or json */
  const char *lang;         /* --lang: vi or en */
  int write;                /* scripts may write (commands, or --write) */
  int debug;                /* --debug: errors keep their place in scripts/ */
  int bom;                  /* --bom: CSV output starts with a UTF-8 BOM */
  const char *outputs[PW_MAX_OUTPUTS]; /* files or folders the command line
                               names for writing: --write-to, and the values
                               of the options a command declares (writable.h) */
  int noutputs;
  sandbox_limits plugin_limits; /* each plugin file's limits */
  sandbox_limits script_limits; /* the script state's limits */
  double sql_seconds;       /* longest one SQL statement may run; 0 = none */
  double sql_deadline;      /* when the running statement must stop */
  long long sql_memory;     /* bytes SQLite may hold; 0 = no limit */
  sqlwatch watch;           /* stops a statement inside one step */
  store reader, writer;     /* connections; db is NULL until opened */
  char err[600];            /* why a connection could not be opened */
} runctx;

/* The reader connection, opened on first use; NULL with ctx->err set. */
sqlite3 *runctx_reader(runctx *ctx);

/* The writer connection, opened (and migrated) on first use. */
sqlite3 *runctx_writer(runctx *ctx);

/* The limits above from PLANWATCH_SQL_SECONDS and PLANWATCH_SQL_MEMORY
** (defaults given in ctx), and the watch. 0, or -1 with a message on
** stderr when a variable is not a number from 0 to 1e15. */
int runctx_sql_limits(runctx *ctx);

/* The longest string or blob SQLite may make under sql_memory (0: SQLite's
** own limit). */
long long runctx_sql_value_limit(const runctx *ctx);

/* Planwatch's own SQL (a large import, its index and cache) starts (own 1)
** or ends (own 0): the heap limit is lifted meanwhile, as scripts' SQL
** limits are not its. A script's function called back meanwhile runs with
** own 0 again. */
void runctx_sql_own(runctx *ctx, int own);

/* Start the clock of one statement (see sql_seconds). */
void runctx_sql_start(runctx *ctx);

/* Close whatever connections are open, and stop the watch. */
void runctx_close(runctx *ctx);

#endif
