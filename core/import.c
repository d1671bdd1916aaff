/*
** import.c: the import's orchestrator (import.h says what it does): read
** the plan's names, have the file parsed (import_parse.c), put the rows in
** key order and report repeated keys, run the caller's check, then have
** the rows written (import_write.c), all in one transaction. Errors,
** progress and the key's packing are here for the parts to share
** (import_job.h).
*/
#define _POSIX_C_SOURCE 200809L
#include "import_job.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


#define PROGRESS_ROWS 0xFFFF     /* rows between two looks at the clock */
#define PROGRESS_SECONDS 0.5     /* seconds between two progress lines */
#define MAX_INDICATORS 0xFFFF    /* indicator ids fit 16 bits of the key */

const char *const import_column_names[NCOLS] = {
  "indicator", "unit", "period", "value", "note", "source"
};

/* ---- small helpers ---- */

int import_fail(import_job *j, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(j->res->err, sizeof j->res->err, fmt, ap);
  va_end(ap);
  j->status = IMPORT_FAILED;
  j->stop = 1;
  return IMPORT_FAILED;
}

int import_fail_sql(import_job *j, const char *what) {
  return import_fail(j, "%s: %s", what, sqlite3_errmsg(j->db));
}

int import_exec(import_job *j, const char *sql) {
  if (sqlite3_exec(j->db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return 0;
  return import_fail_sql(j, sql);
}

void *import_grow(void *p, size_t *cap, size_t n, size_t size) {
  if (n < *cap)
    return p;
  size_t c = *cap ? *cap + *cap / 2 : 64;
  if (c > SIZE_MAX / size)
    return NULL;
  void *q = realloc(p, c * size);
  if (q != NULL)
    *cap = c;
  return q;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *import_show(char *out, size_t size, const char *s,
                        size_t len) {
  size_t n = len < IMPORT_SHOW_BYTES ? len : IMPORT_SHOW_BYTES, o = 0;
  while (n < len && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
    n--;
  for (size_t i = 0; i < n && o + 1 < size; i++)
    out[o++] = (unsigned char)s[i] < 0x20 || s[i] == 0x7F ? '?' : s[i];
  out[o] = '\0';
  if (n < len && o + 4 < size)
    strcpy(out + o, "...");
  return out;
}

/* ---- progress ---- */

void import_progress(import_job *j, const char *what, unsigned long long n,
                     unsigned long long total) {
  if (!j->o->progress || (n & PROGRESS_ROWS) != 0)
    return;
  double t = now_seconds();
  if (t - j->progress_at < PROGRESS_SECONDS)
    return;
  if (total)
    fprintf(stderr, "\r%s: %llu of %llu rows %s", j->name, n, total, what);
  else
    fprintf(stderr, "\r%s: %llu rows %s", j->name, n, what);
  fflush(stderr);
  j->progress_at = t;
  j->progress_shown = 1;
}

void import_progress_done(import_job *j) {
  if (j->progress_shown)
    fputs("\r\033[K", stderr);
  j->progress_shown = 0;
}

/* ---- errors ---- */

void import_error(import_job *j, unsigned long line, const char *fmt, ...) {
  char msg[512];
  int at = line ? snprintf(msg, sizeof msg, "%s:%lu: ", j->name, line)
                : snprintf(msg, sizeof msg, "%s: ", j->name);
  va_list ap;
  va_start(ap, fmt);
  if (at >= 0 && (size_t)at < sizeof msg)
    vsnprintf(msg + at, sizeof msg - (size_t)at, fmt, ap);
  va_end(ap);
  char *copy = j->nerrs < IMPORT_MAX_ERRORS ? strdup(msg) : NULL;
  if (copy == NULL) {
    j->res->more++;
    return;
  }
  assert(j->nerrs < IMPORT_MAX_ERRORS);
  j->errs[j->nerrs].line = line;
  j->errs[j->nerrs++].msg = copy;
}

void import_refuse(import_job *job, unsigned long line, const char *message) {
  import_error(job, line, "%s", message);
}

int import_errors_found(const import_job *j) {
  return j->nerrs > 0 || j->res->more > 0;
}

static int by_line(const void *a, const void *b) {
  const error *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* Hand the kept errors to the result, in line order. */
static void move_errors(import_job *j) {
  if (j->nerrs == 0)
    return;
  qsort(j->errs, j->nerrs, sizeof *j->errs, by_line);
  j->res->errors = malloc(j->nerrs * sizeof *j->res->errors);
  for (size_t i = 0; i < j->nerrs; i++) {
    if (j->res->errors)
      j->res->errors[i] = j->errs[i].msg;
    else
      free(j->errs[i].msg);
  }
  j->res->nerrors = j->res->errors ? j->nerrs : 0;
  j->nerrs = 0;
}

/* ---- reading the plan: indicators and units ---- */

static int add_indicator(import_job *j, sqlite3_stmt *st) {
  const char *code = (const char *)sqlite3_column_text(st, 0);
  const char *kind = (const char *)sqlite3_column_text(st, 1);
  period_kind k;
  size_t at = 0;
  if (code == NULL)
    return 0;
  if (j->nind == MAX_INDICATORS)
    return import_fail(j, "more than %d indicators", MAX_INDICATORS);
  indicator_info *ind = import_grow(j->ind, &j->ind_cap, j->nind,
                                    sizeof *ind);
  if (ind == NULL)
    return import_fail(j, "out of memory");
  j->ind = ind;
  if (namemap_put(&j->indicators, code, strlen(code), (uint32_t)j->nind,
                  &at) < 0)
    return import_fail(j, "out of memory");
  j->ind[j->nind].code = at;
  j->ind[j->nind].kind = kind && period_kind_parse(kind, &k) == 0 ? (int)k : -1;
  j->ind[j->nind++].derived = sqlite3_column_int(st, 2);
  return 0;
}

static int each_row(import_job *j, const char *sql,
                    int (*fn)(import_job *, sqlite3_stmt *)) {
  sqlite3_stmt *st;
  int rc;
  if (sqlite3_prepare_v2(j->db, sql, -1, &st, NULL) != SQLITE_OK)
    return import_fail_sql(j, "reading the plan");
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    if (fn(j, st) != 0) {
      sqlite3_finalize(st);
      return IMPORT_FAILED;
    }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? 0 : import_fail_sql(j, "reading the plan");
}

/* Units are numbered in code order too (unitname.h). */
static int load_units(import_job *j) {
  int rc = unitname_load(j->db, &j->units);
  if (rc == SQLITE_NOMEM)
    return import_fail(j, "out of memory");
  if (rc != SQLITE_OK)
    return import_fail_sql(j, "reading the plan");
  if (unitname_count(j->units) > UINT32_MAX)
    return import_fail(j, "too many units");
  return 0;
}

/* Ids follow code order (SQLite's BINARY collation is byte order), which
** makes the packed keys sort as the primary key does. */
static int load_plan(import_job *j) {
  if (each_row(j, "SELECT code, period, derived FROM indicators "
                  "WHERE retired_at IS NULL ORDER BY code", add_indicator) ||
      load_units(j))
    return IMPORT_FAILED;
  j->checked = calloc(j->nind ? j->nind : 1, 1);
  if (j->checked == NULL)
    return import_fail(j, "out of memory");
  if (j->o->check && !j->o->check_only)
    memset(j->checked, 1, j->nind);
  for (size_t i = 0; j->o->check && i < j->o->ncheck_only; i++) {
    const char *c = j->o->check_only[i];
    long id = namemap_get(&j->indicators, c, strlen(c));
    if (id >= 0)
      j->checked[id] = 1;
  }
  return 0;
}

/* ---- key order and repeated keys ---- */

void import_unpack(uint64_t key, key_parts *k) {
  k->ind = (uint32_t)(key >> KEY_IND_SHIFT);
  k->p.year = (int)((key >> KEY_YEAR_SHIFT) & 0x1FF) + PERIOD_YEAR_MIN;
  k->p.kind = (period_kind)((key >> KEY_KIND_SHIFT) & 7);
  k->p.num = (int)((key >> KEY_PERIOD_SHIFT) & 15);
  k->unit = (uint32_t)key;
  period_format(&k->p, k->code, sizeof k->code);
}

const char *import_ind_code(const import_job *j, uint32_t id) {
  assert(id < j->nind);
  return namemap_name(&j->indicators, j->ind[id].code);
}

const char *import_unit_code(const import_job *j, uint32_t id) {
  assert(id < unitname_count(j->units));
  return unitname_code(j->units, id);
}

/* Report each line of a run of equal keys but the first against it. */
static void report_repeats(import_job *j, const row *run, size_t n) {
  uint32_t first = run[0].line;
  key_parts k;
  for (size_t i = 1; i < n; i++)
    if (run[i].line < first)
      first = run[i].line;
  import_unpack(run[0].key, &k);
  for (size_t i = 0; i < n; i++)
    if (run[i].line != first)
      import_error(j, run[i].line,
                   "duplicate: %s/%s/%s is already on line %lu",
                   import_ind_code(j, k.ind), import_unit_code(j, k.unit),
                   k.code, (unsigned long)first);
}

/* Rows in key order (keysort.h); repeated keys, now neighbours, reported. */
static void arrange(import_job *j) {
  keysort(&j->rows, j->nrows, &j->rows_cap);
  for (size_t i = 0, n; i < j->nrows; i += n) {
    for (n = 1; i + n < j->nrows && j->rows[i + n].key == j->rows[i].key; n++)
      ;
    if (n > 1)
      report_repeats(j, j->rows + i, n);
  }
}

/* ---- the caller's rules ---- */

typedef struct batch {
  import_check_row *rows;
  char (*codes)[PERIOD_CODE_SIZE];
} batch;

static int check_batch(import_job *j, batch *b, const row *r, size_t n) {
  key_parts k;
  for (size_t i = 0; i < n; i++) {
    import_unpack(r[i].key, &k);
    memcpy(b->codes[i], k.code, sizeof k.code);
    b->rows[i] = (import_check_row){ import_unit_code(j, k.unit),
                                     b->codes[i], r[i].value, r[i].line };
  }
  import_unpack(r[0].key, &k);
  const char *ind = import_ind_code(j, k.ind);
  if (j->o->check(j->o->check_ud, j, ind, b->rows, n) != 0)
    return import_fail(j, "the check of %s stopped the import", ind);
  return 0;
}

/* Rows of one indicator are neighbours once sorted: hand each checked
** indicator's run over in batches. */
static int run_checks(import_job *j) {
  batch b = { malloc(IMPORT_CHECK_BATCH * sizeof *b.rows),
              malloc(IMPORT_CHECK_BATCH * sizeof *b.codes) };
  int rc = b.rows && b.codes ? 0 : import_fail(j, "out of memory");
  for (size_t i = 0, n; rc == 0 && i < j->nrows; i += n) {
    uint32_t ind = (uint32_t)(j->rows[i].key >> KEY_IND_SHIFT);
    for (n = 1; n < IMPORT_CHECK_BATCH && i + n < j->nrows &&
                (uint32_t)(j->rows[i + n].key >> KEY_IND_SHIFT) == ind; n++)
      ;
    if (j->checked[ind])
      rc = check_batch(j, &b, j->rows + i, n);
  }
  free(b.rows);
  free(b.codes);
  return rc;
}

/* ---- the transaction ---- */

/* A real import takes the write lock before it reads the plan; a dry run
** reads one snapshot. Inside the caller's transaction: a savepoint. */
static int tx_begin(import_job *j) {
  j->nested = !sqlite3_get_autocommit(j->db);
  return import_exec(j, j->nested ? "SAVEPOINT import_values"
                        : j->o->dry_run ? "BEGIN" : "BEGIN IMMEDIATE");
}

static int tx_commit(import_job *j) {
  return import_exec(j, j->nested ? "RELEASE import_values" : "COMMIT");
}

static void tx_rollback(import_job *j) {
  if (j->nested) {
    sqlite3_exec(j->db, "ROLLBACK TO import_values; RELEASE import_values",
                 NULL, NULL, NULL);
  } else if (!sqlite3_get_autocommit(j->db)) {
    sqlite3_exec(j->db, "ROLLBACK", NULL, NULL, NULL);
  }
}

/* ---- the whole ---- */

static void job_init(import_job *j, sqlite3 *db, const import_opts *o,
                     import_result *res) {
  memset(j, 0, sizeof *j);
  memset(res, 0, sizeof *res);
  j->o = o;
  j->db = db;
  j->res = res;
  j->name = o->name ? o->name : o->path;
  j->progress_at = now_seconds();
  for (int c = 0; c < NCOLS; c++)
    j->col[c] = -1;
  if (o->now) {
    snprintf(j->now, sizeof j->now, "%s", o->now);
  } else {
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(j->now, sizeof j->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
  }
}

static void job_free(import_job *j) {
  sqlite3_finalize(j->probe);
  sqlite3_finalize(j->lookup);
  audit_close(&j->log);
  namemap_free(&j->indicators);
  unitname_free(j->units);
  free(j->ind);
  free(j->checked);
  free(j->rows);
  free(j->extras);
  strbuf_free(&j->extras_text);
  strbuf_free(&j->old_json);
  strbuf_free(&j->new_json);
  strbuf_free(&j->indexes);
  for (size_t i = 0; i < j->nerrs; i++)
    free(j->errs[i].msg);
}

/* Check everything, then write (or count) only when nothing failed. */
static int run(import_job *j) {
  int rc = load_plan(j);
  if (rc == IMPORT_OK)
    rc = import_scan(j);
  if (rc == IMPORT_OK) {
    arrange(j);
    if (j->o->check)
      rc = run_checks(j);
  }
  if (rc == IMPORT_OK && import_errors_found(j))
    rc = IMPORT_INVALID;
  if (rc == IMPORT_OK)
    rc = import_write(j);
  return rc;
}

int import_values(sqlite3 *db, const import_opts *opts, import_result *res) {
  import_job j;
  job_init(&j, db, opts, res);
  import_journal_begin(&j);
  int rc = tx_begin(&j) != 0 ? IMPORT_FAILED : run(&j);
  if (rc == IMPORT_OK && !opts->dry_run && tx_commit(&j) != 0)
    rc = IMPORT_FAILED;
  if (rc != IMPORT_OK || opts->dry_run)
    tx_rollback(&j);
  import_journal_end(&j);
  import_restore_cache(&j);
  import_progress_done(&j);
  move_errors(&j);
  job_free(&j);
  return rc;
}

void import_result_free(import_result *res) {
  for (size_t i = 0; i < res->nerrors; i++)
    free(res->errors[i]);
  free(res->errors);
  res->errors = NULL;
  res->nerrors = 0;
}
