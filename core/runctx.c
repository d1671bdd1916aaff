/*
** runctx.c: lazily opened connections of one invocation.
*/
#define _POSIX_C_SOURCE 200809L
#include "runctx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "forkrun.h"

#define PROGRESS_EVERY 10000 /* SQLite VM steps between two clock reads */

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A runaway query (a recursive CTE that never ends) stops at the deadline. */
static int progress(void *ud) {
  runctx *ctx = ud;
  return ctx->sql_seconds > 0 && now_seconds() > ctx->sql_deadline;
}

void runctx_sql_start(runctx *ctx) {
  ctx->sql_deadline = now_seconds() + ctx->sql_seconds;
  sqlwatch_start(&ctx->watch);
}

/* The number in environment variable name into *out: 1, 0 when unset,
** -1 (with a message) when it is not a number from 0 to 1e15. */
static int env_limit(const char *name, double *out) {
  const char *v = getenv(name);
  if (v == NULL || *v == '\0')
    return 0;
  char *end;
  double d = strtod(v, &end);
  if (*end != '\0' || !(d >= 0 && d <= 1e15)) {
    fprintf(stderr, "planwatch: %s must be a non-negative number\n", name);
    return -1;
  }
  *out = d;
  return 1;
}

/* Before a fork (forkrun.h): no watch thread may run. */
static void stop_watch(void *ud) {
  runctx *ctx = ud;
  sqlwatch_stop(&ctx->watch);
}

int runctx_sql_limits(runctx *ctx) {
  double seconds = ctx->sql_seconds, memory = (double)ctx->sql_memory;
  if (env_limit("PLANWATCH_SQL_SECONDS", &seconds) < 0 ||
      env_limit("PLANWATCH_SQL_MEMORY", &memory) < 0)
    return -1;
  ctx->sql_seconds = seconds;
  ctx->sql_memory = (long long)memory;
  sqlwatch_init(&ctx->watch, ctx->sql_seconds, ctx->lang);
  forkrun_set_prefork(stop_watch, ctx);
  return 0;
}

/* SQLite's own ceiling on one value (SQLITE_MAX_LENGTH of its build). */
#define SQLITE_LENGTH_CEILING 1000000000LL
#define VALUE_FLOOR (1LL << 20) /* the smallest value limit set */

long long runctx_sql_value_limit(const runctx *ctx) {
  if (ctx->sql_memory <= 0)
    return 0;
  long long n = ctx->sql_memory / 4;
  if (n < VALUE_FLOOR)
    n = VALUE_FLOOR;
  return n < SQLITE_LENGTH_CEILING ? n : SQLITE_LENGTH_CEILING;
}

void runctx_sql_own(runctx *ctx, int own) {
  if (ctx->sql_memory > 0)
    sqlite3_hard_heap_limit64(own ? 0 : ctx->sql_memory);
}

/*
** The heap limit is the process's (SQLite has one heap), set again with
** every connection; the value limits are the connection's. SQL text is
** bounded like a value: a statement of a gigabyte would be parsed in one
** call the watch does not see.
*/
static void limit_connection(runctx *ctx, sqlite3 *db) {
  if (ctx->sql_memory > 0)
    sqlite3_hard_heap_limit64(ctx->sql_memory);
  long long value = runctx_sql_value_limit(ctx);
  if (value > 0) {
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, (int)value);
    sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, (int)value);
  }
  sqlite3_progress_handler(db, PROGRESS_EVERY, progress, ctx);
}

/*
** The connections scripts use attach nothing: ATTACH and VACUUM INTO (which
** attaches its output) would create or write a file anywhere, scripts/ and
** the database's own side files included, past writable.h.
*/
static sqlite3 *open_one(runctx *ctx, store *s, int readonly) {
  struct stat st;
  if (s->db)
    return s->db;
  if (stat(ctx->db_path, &st) == 0 && !S_ISREG(st.st_mode)) {
    snprintf(ctx->err, sizeof ctx->err, "%s: not a regular file",
             ctx->db_path);
    return NULL;
  }
  if (readonly && access(ctx->db_path, F_OK) != 0) {
    snprintf(ctx->err, sizeof ctx->err,
             "%s: no database here; run `planwatch init` first", ctx->db_path);
    return NULL;
  }
  if (store_open(s, ctx->db_path, readonly) != 0) {
    snprintf(ctx->err, sizeof ctx->err, "%s", s->err);
    return NULL;
  }
  limit_connection(ctx, s->db);
  sqlite3_limit(s->db, SQLITE_LIMIT_ATTACHED, 0);
  return s->db;
}

sqlite3 *runctx_reader(runctx *ctx) {
  if (ctx->write)
    return runctx_writer(ctx);
  return open_one(ctx, &ctx->reader, 1);
}

sqlite3 *runctx_writer(runctx *ctx) {
  return open_one(ctx, &ctx->writer, 0);
}

void runctx_close(runctx *ctx) {
  sqlwatch_stop(&ctx->watch);
  store_close(&ctx->reader);
  store_close(&ctx->writer);
}
