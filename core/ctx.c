/*
** ctx.c: lazily opened connections of one invocation.
*/
#define _POSIX_C_SOURCE 200809L
#include "ctx.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PROGRESS_EVERY 10000 /* SQLite VM steps between two clock reads */

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A runaway query (a recursive CTE that never ends) stops at the deadline. */
static int progress(void *ud) {
  pw_ctx *ctx = ud;
  return ctx->sql_seconds > 0 && now_seconds() > ctx->sql_deadline;
}

void ctx_sql_start(pw_ctx *ctx) {
  ctx->sql_deadline = now_seconds() + ctx->sql_seconds;
}

/*
** The connections scripts use attach nothing: ATTACH and VACUUM INTO (which
** attaches its output) would create or write a file anywhere, scripts/ and
** the database's own side files included, past writable.h.
*/
static sqlite3 *open_one(pw_ctx *ctx, store *s, int readonly) {
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
  sqlite3_progress_handler(s->db, PROGRESS_EVERY, progress, ctx);
  sqlite3_limit(s->db, SQLITE_LIMIT_ATTACHED, 0);
  return s->db;
}

sqlite3 *ctx_reader(pw_ctx *ctx) {
  if (ctx->write)
    return ctx_writer(ctx);
  return open_one(ctx, &ctx->reader, 1);
}

sqlite3 *ctx_writer(pw_ctx *ctx) {
  return open_one(ctx, &ctx->writer, 0);
}

void ctx_close(pw_ctx *ctx) {
  store_close(&ctx->reader);
  store_close(&ctx->writer);
}
