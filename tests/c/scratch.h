#ifndef PW_TEST_SCRATCH_H
#define PW_TEST_SCRATCH_H
/*
** scratch.h: what the C tests that touch files and databases share: a
** scratch folder under /tmp (made by the test with mkdtemp), paths in it,
** its removal, and one-value queries.
*/
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* dir + "/" + name, in a buffer of the caller's. */
static inline const char *scratch_path(const char *dir, char *buf,
                                       size_t size, const char *name) {
  snprintf(buf, size, "%s/%s", dir, name);
  return buf;
}

/* A file a test writes into its scratch folder. */
typedef struct scratch_file {
  const char *name;   /* its name in the folder */
  const char *text;   /* its whole content */
} scratch_file;

/* Write each of the n files into dir, replacing any. 0, or -1 when one
** cannot be written. */
static inline int scratch_write_all(const char *dir, const scratch_file *files,
                                    size_t n) {
  char path[600];
  for (size_t i = 0; i < n; i++) {
    FILE *f = fopen(scratch_path(dir, path, sizeof path, files[i].name), "w");
    if (f == NULL)
      return -1;
    int bad = fputs(files[i].text, f) < 0;
    if (fclose(f) != 0 || bad)
      return -1;
  }
  return 0;
}

/* Remove everything in dir (databases, their -wal/-shm/-journal, CSV
** files), then dir. */
static inline void scratch_remove(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  char path[600];
  if (d == NULL)
    return;
  while ((e = readdir(d)) != NULL)
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
      unlink(scratch_path(dir, path, sizeof path, e->d_name));
  closedir(d);
  rmdir(dir);
}

/* The first column of the first row of sql as an integer; -1 on error. */
static inline long long query_int(sqlite3 *db, const char *sql) {
  sqlite3_stmt *st;
  long long v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

/* The same as text, copied into out ("" when there is none). */
static inline const char *query_text(sqlite3 *db, const char *sql, char *out,
                                     size_t size) {
  sqlite3_stmt *st;
  out[0] = '\0';
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return out;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return out;
}

#endif
