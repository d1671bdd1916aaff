/*
** writable.c: the places a run may write, and those it never may.
*/
#define _XOPEN_SOURCE 700 /* realpath */
#include "writable.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safefile.h"

/* dir + sub, resolved through every link; 0 or -1. */
static int place(const char *dir, const char *sub, char *out) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s%s", dir, sub) >= (int)sizeof path)
    return -1;
  return safefile_resolve(path, 1, out);
}

/* The database itself or a file SQLite keeps beside it (DB-wal, DB-shm,
** DB-journal, DB-mj...): all share the database's name and a '-'. */
static int is_database(const runctx *ctx, const char *p) {
  char db[PATH_MAX];
  if (place(ctx->db_path, "", db) != 0)
    return 0;
  size_t n = strlen(db);
  return strncmp(p, db, n) == 0 && (p[n] == '\0' || p[n] == '-');
}

const char *writable_protected(const runctx *ctx, const char *p) {
  char zone[PATH_MAX];
  if (place(ctx->home, "/scripts", zone) == 0 && safefile_within(p, zone))
    return "the scripts folder (scripts/, its lib/ included)";
  if ((place(ctx->home, "/plugins", zone) == 0 && safefile_within(p, zone)) ||
      (place(ctx->plugins_dir, "", zone) == 0 && safefile_within(p, zone)))
    return "the plugins folder";
  if (realpath("/proc/self/exe", zone) != NULL && strcmp(p, zone) == 0)
    return "the planwatch program";
  if (is_database(ctx, p))
    return "the database or one of its files";
  return NULL;
}

/* Whether the command line names resolved path p, or a folder holding it. */
static int named(const runctx *ctx, const char *p) {
  for (int i = 0; i < ctx->noutputs; i++) {
    char grant[PATH_MAX], as_written[PATH_MAX];
    if (safefile_resolve(ctx->outputs[i], 1, grant) == 0 &&
        safefile_within(p, grant))
      return 1;
    if (safefile_resolve(ctx->outputs[i], 0, as_written) == 0 &&
        strcmp(p, as_written) == 0)
      return 1;
  }
  return 0;
}

int writable_check(const runctx *ctx, const char *path, char *resolved,
                   char *err, size_t size) {
  if (safefile_resolve(path, 0, resolved) != 0) {
    snprintf(err, size, "%s: %s", path, strerror(errno));
    return -1;
  }
  const char *what = writable_protected(ctx, resolved);
  if (what) {
    snprintf(err, size, "%s: refused: %s is never written by a script",
             path, what);
    return -1;
  }
  if (!named(ctx, resolved)) {
    snprintf(err, size, "%s: refused: a script writes only the files and "
             "folders its command line names (--write-to PATH)", path);
    return -1;
  }
  return 0;
}
