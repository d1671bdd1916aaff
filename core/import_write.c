/*
** import_write.c: the checked rows against the store (import.h, "Writing
** fast"): each compared with what is stored, a change audited, then what
** differs written in one INSERT ... SELECT from a virtual table over the
** rows; secondary indexes dropped and made again for a bulk load, a wider
** page cache for a large write, a rollback journal for a large file.
*/
#define _POSIX_C_SOURCE 200809L
#include "import_job.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jsonw.h"
#include "yearly.h"
#include "say.h"

#define IMPORT_BULK_ROWS 100000  /* rows from which indexes may be rebuilt */
#define IMPORT_CACHE_ROWS 10000  /* rows from which the page cache widens */
#define IMPORT_CACHE_KIB (128 * 1024) /* the page cache then, in KiB */
#define IMPORT_STATS_ROWS 1000   /* rows ANALYZE samples per index */
#define IMPORT_JOURNAL_BYTES (2 << 20) /* files written through a rollback
                                          journal, when they can be */

/* ---- writing ---- */


static long long query_int(import_job *j, const char *sql, long long arg) {
  sqlite3_stmt *st;
  long long v = -1;
  if (sqlite3_prepare_v2(j->db, sql, -1, &st, NULL) != SQLITE_OK)
    return import_fail_sql(j, say(SAY_IMPORT_READING_STORE));
  sqlite3_bind_int64(st, 1, arg);
  if (sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  else
    import_fail_sql(j, say(SAY_IMPORT_READING_STORE));
  sqlite3_finalize(st);
  return v;
}

/*
** The default 2 MB page cache is too small for a large write: a kept
** secondary index takes rows at random places and SQLite would spill and
** re-read its pages, and an index made again after a bulk load is sorted
** in memory chunks of the cache's size. A write of IMPORT_CACHE_ROWS rows
** or more gets a cache of up to IMPORT_CACHE_KIB (pages are only allocated
** as they are used); the caller's size is restored at the end.
*/
static int widen_cache(import_job *j) {
  char sql[64];
  if (j->o->dry_run || j->nwrite < IMPORT_CACHE_ROWS)
    return 0;
  j->cache_was = query_int(j, "PRAGMA cache_size", 0);
  if (j->status == IMPORT_FAILED)
    return IMPORT_FAILED;
  j->cache_set = 1;
  snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", IMPORT_CACHE_KIB);
  return import_exec(j, sql);
}

void import_restore_cache(import_job *j) {
  char sql[64];
  if (!j->cache_set)
    return;
  snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", j->cache_was);
  sqlite3_exec(j->db, sql, NULL, NULL, NULL);
}

/*
** A bulk load: rows in key order go into the table fast, but each one also
** lands at a random place in every secondary index (values_unit), which
** costs more than the table itself. When the import writes at least
** IMPORT_BULK_ROWS rows and the table holds fewer than half as many (so
** that most rows are new), those indexes are dropped, and made again from
** their own SQL once the rows are in, inside the import's transaction.
*/
static int bulk_load(import_job *j) {
  long long n = (long long)j->nwrite / 2;
  if (j->o->dry_run || j->nwrite < IMPORT_BULK_ROWS)
    return 0;
  long long stored = query_int(j, "SELECT count(*) FROM (SELECT 1 FROM "
                                  "indicator_values LIMIT ?1)", n);
  return stored < 0 ? IMPORT_FAILED : stored < n;
}

/* Keep "name\0sql\0" of each secondary index of the table in j->indexes. */
static int save_indexes(import_job *j) {
  sqlite3_stmt *st;
  int rc;
  if (sqlite3_prepare_v2(j->db, "SELECT name, sql FROM sqlite_master WHERE "
                         "type = 'index' AND tbl_name = 'indicator_values' "
                         "AND sql IS NOT NULL", -1, &st, NULL) != SQLITE_OK)
    return import_fail_sql(j, say(SAY_IMPORT_READING_SCHEMA));
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *name = (const char *)sqlite3_column_text(st, 0);
    const char *sql = (const char *)sqlite3_column_text(st, 1);
    if (strbuf_add(&j->indexes, name, strlen(name) + 1) != 0 ||
        strbuf_add(&j->indexes, sql, strlen(sql) + 1) != 0) {
      sqlite3_finalize(st);
      return import_fail(j, "%s", say(SAY_OUT_OF_MEMORY));
    }
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? 0 : import_fail_sql(j, say(SAY_IMPORT_READING_SCHEMA));
}

static int drop_indexes(import_job *j) {
  int bulk = bulk_load(j);
  if (bulk <= 0 || save_indexes(j) != 0)
    return bulk < 0 ? IMPORT_FAILED : j->status;
  for (size_t at = 0; at < j->indexes.len;) {
    const char *name = j->indexes.p + at;
    at += strlen(name) + 1;
    at += strlen(j->indexes.p + at) + 1;
    char *sql = sqlite3_mprintf("DROP INDEX \"%w\"", name);
    int rc = sql ? import_exec(j, sql) : import_fail(j, "%s", say(SAY_OUT_OF_MEMORY));
    sqlite3_free(sql);
    if (rc != 0)
      return IMPORT_FAILED;
  }
  return 0;
}

static int make_indexes(import_job *j) {
  for (size_t at = 0; at < j->indexes.len;) {
    at += strlen(j->indexes.p + at) + 1;
    const char *sql = j->indexes.p + at;
    at += strlen(sql) + 1;
    if (import_exec(j, sql) != 0)
      return IMPORT_FAILED;
  }
  return 0;
}

static const char probe_sql[] =
  "SELECT 1 FROM indicator_values WHERE indicator = ?1 LIMIT 1";
static const char lookup_sql[] =
  "SELECT value, note, source FROM indicator_values WHERE indicator = ?1 "
  "AND year = ?2 AND ptype = ?3 AND pnum = ?4 AND unit = ?5";

static int prepare_all(import_job *j) {
  if (sqlite3_prepare_v2(j->db, probe_sql, -1, &j->probe, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(j->db, lookup_sql, -1, &j->lookup, NULL) != SQLITE_OK)
    return import_fail_sql(j, say(SAY_IMPORT_PREPARING));
  if (j->o->dry_run)
    return 0;
  if (audit_open(&j->log, j->db) != SQLITE_OK)
    return import_fail_sql(j, say(SAY_IMPORT_PREPARING));
  return 0;
}

static const char *note_of(const import_job *j, const row *r) {
  assert(r->extra <= j->nextras);
  size_t at = r->extra ? j->extras[r->extra - 1].note : 0;
  return at ? j->extras_text.p + at - 1 : NULL;
}

static const char *source_of(const import_job *j, const row *r) {
  size_t at = r->extra ? j->extras[r->extra - 1].source : 0;
  return at ? j->extras_text.p + at - 1 : NULL;
}

static void bind_key(import_job *j, sqlite3_stmt *st, const key_parts *k) {
  sqlite3_bind_text(st, 1, import_ind_code(j, k->ind), -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 2, k->p.year);
  sqlite3_bind_int(st, 3, (int)k->p.kind);
  sqlite3_bind_int(st, 4, k->p.num);
  sqlite3_bind_text(st, 5, import_unit_code(j, k->unit), -1, SQLITE_STATIC);
}

/* Whether the indicator has any stored value: when not, none of its rows
** needs a lookup (a first import of an indicator reads nothing). */
static int probe(import_job *j, uint32_t ind) {
  sqlite3_bind_text(j->probe, 1, import_ind_code(j, ind), -1, SQLITE_STATIC);
  int rc = sqlite3_step(j->probe);
  sqlite3_reset(j->probe);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return import_fail_sql(j, say(SAY_IMPORT_READING_VALUES));
  j->probe_found = rc == SQLITE_ROW;
  return 0;
}

/* ---- JSON for the audit ---- */

/* A text column of the audit's JSON, when it is part of the change. */
static int json_text(strbuf *t, const char *name, const char *v) {
  if (strbuf_str(t, ",\"") != 0 || strbuf_str(t, name) != 0 ||
      strbuf_str(t, "\":") != 0)
    return -1;
  return v ? jsonw_strbuf(t, v, strlen(v)) : strbuf_str(t, "null");
}

static int same_text(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

typedef struct stored {
  double value;
  const char *note, *source;  /* valid until the lookup is reset */
} stored;

/* old and new JSON: the value, and note and source where they differ. */
static int audit_json(import_job *j, const stored *old, const row *r) {
  char num[JSONW_NUMBER_MAX];
  strbuf *o = &j->old_json, *n = &j->new_json;
  o->len = n->len = 0;
  int bad = strbuf_str(o, "{\"value\":") ||
            strbuf_add(o, num, jsonw_real(old->value, num));
  bad |= strbuf_str(n, "{\"value\":") ||
         strbuf_add(n, num, jsonw_real(r->value, num));
  if (j->col[COL_NOTE] >= 0 && !same_text(old->note, note_of(j, r)))
    bad |= json_text(o, "note", old->note) ||
           json_text(n, "note", note_of(j, r));
  if (j->col[COL_SOURCE] >= 0 && !same_text(old->source, source_of(j, r)))
    bad |= json_text(o, "source", old->source) ||
           json_text(n, "source", source_of(j, r));
  bad |= strbuf_str(o, "}") || strbuf_str(n, "}");
  return bad ? import_fail(j, "%s", say(SAY_OUT_OF_MEMORY)) : 0;
}

static int audit(import_job *j, const char *action, const char *key,
                 const char *old, const char *new, sqlite3_int64 *id) {
  audit_row entry = { j->now, "import", action, "indicator_values", key, old,
                      new };
  return audit_write(&j->log, &entry, id) == SQLITE_OK
             ? 0 : import_fail_sql(j, say(SAY_IMPORT_WRITING_AUDIT));
}

static int audit_change(import_job *j, const stored *old, const row *r,
                        const key_parts *k) {
  char key[600];
  if (audit_json(j, old, r) != 0)
    return IMPORT_FAILED;
  snprintf(key, sizeof key, "%s/%s/%s", import_ind_code(j, k->ind),
           import_unit_code(j, k->unit), k->code);
  return audit(j, "change", key, j->old_json.p, j->new_json.p, NULL);
}

/* ---- one row against the store ---- */

static int differs(const import_job *j, const stored *old, const row *r) {
  return old->value != r->value ||
         (j->col[COL_NOTE] >= 0 && !same_text(old->note, note_of(j, r))) ||
         (j->col[COL_SOURCE] >= 0 && !same_text(old->source, source_of(j, r)));
}

/* Look the key up: 1 stored (old filled, lookup left on the row), 0 not,
** -1 on error. */
static int look_up(import_job *j, const key_parts *k, stored *old) {
  bind_key(j, j->lookup, k);
  int rc = sqlite3_step(j->lookup);
  if (rc == SQLITE_DONE) {
    sqlite3_reset(j->lookup);
    return 0;
  }
  if (rc != SQLITE_ROW)
    return import_fail_sql(j, say(SAY_IMPORT_READING_VALUES));
  old->value = sqlite3_column_double(j->lookup, 0);
  old->note = (const char *)sqlite3_column_text(j->lookup, 1);
  old->source = (const char *)sqlite3_column_text(j->lookup, 2);
  return 1;
}

/* Compare row i with what is stored: count it, audit a change (before the
** insert overwrites the old value), and keep it among the rows to write
** unless it is stored exactly so. */
static int compare_row(import_job *j, size_t i) {
  const row *r = &j->rows[i];
  key_parts k;
  assert(i == 0 || j->rows[i - 1].key < r->key);  /* one write per key */
  stored old = { 0, NULL, NULL };
  int found = 0;
  if (j->probe_found) {
    import_unpack(r->key, &k);
    found = look_up(j, &k, &old);
  }
  if (found < 0)
    return IMPORT_FAILED;
  int change = found ? differs(j, &old, r) : 1, rc = 0;
  if (found && change && !j->o->dry_run)
    rc = audit_change(j, &old, r, &k);
  if (found)
    sqlite3_reset(j->lookup);
  if (!change)
    j->res->unchanged++;
  else if (found)
    j->res->changed++;
  else
    j->res->added++;
  if (change)
    j->rows[j->nwrite++] = *r;   /* key order is kept */
  assert(j->nwrite <= i + 1);
  return rc;
}

/* Every row in key order; indicators without stored values skip lookups.
** Leaves the rows to write first in j->rows, j->nwrite of them. */
static int compare_all(import_job *j) {
  uint32_t current = UINT32_MAX;
  for (size_t i = 0; i < j->nrows; i++) {
    uint32_t ind = (uint32_t)(j->rows[i].key >> KEY_IND_SHIFT);
    if (ind != current && probe(j, current = ind) != 0)
      return IMPORT_FAILED;
    if (compare_row(j, i) != 0)
      return IMPORT_FAILED;
    import_progress(j, "compared", i + 1, j->nrows);
  }
  import_progress_done(j);
  return 0;
}

/* The file's own audit row: what it was and what it did. Its id goes
** with every row written (import_id), its time is theirs. */
static int audit_import(import_job *j) {
  char counts[200];
  strbuf *t = &j->new_json;
  t->len = 0;
  snprintf(counts, sizeof counts, ",\"read\":%llu,\"added\":%llu,"
           "\"changed\":%llu,\"unchanged\":%llu}", j->res->read,
           j->res->added, j->res->changed, j->res->unchanged);
  if (strbuf_str(t, "{\"file\":") ||
      jsonw_strbuf(t, j->name, strlen(j->name)) ||
      strbuf_str(t, counts))
    return import_fail(j, "%s", say(SAY_OUT_OF_MEMORY));
  return audit(j, "import", j->name, NULL, t->p, &j->import_id);
}

/* ---- the rows to write, as a table SQLite reads ---- */

/*
** One INSERT ... SELECT reads the rows to write from this eponymous
** virtual table, registered on the connection while it runs. Writing row
** by row (bind, step, reset) costs more than SQLite's own insert: each
** statement starts a fresh cursor that seeks from the root of the B-tree,
** while one statement keeps its cursor on the last page and appends.
*/
#define ROWS_TABLE "pw_import_rows"

enum { RCOL_INDICATOR, RCOL_YEAR, RCOL_PTYPE, RCOL_PNUM, RCOL_UNIT,
       RCOL_PERIOD, RCOL_VALUE, RCOL_NOTE, RCOL_SOURCE };

typedef struct rows_table {
  sqlite3_vtab base;
  import_job *job;
} rows_table;

typedef struct rows_cursor {
  sqlite3_vtab_cursor base;
  import_job *job;
  size_t i;             /* the row: j->rows[i], i < j->nwrite */
  key_parts k;          /* its key taken apart */
  uint32_t period_bits; /* the key's period bits that k.code was made for */
} rows_cursor;

static int rows_connect(sqlite3 *db, void *aux, int argc,
                        const char *const *argv, sqlite3_vtab **out,
                        char **err) {
  (void)argc, (void)argv, (void)err;
  int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(indicator, year, ptype,"
                                    " pnum, unit, period, value, note,"
                                    " source)");
  if (rc != SQLITE_OK)
    return rc;
  rows_table *t = sqlite3_malloc(sizeof *t);
  if (t == NULL)
    return SQLITE_NOMEM;
  memset(t, 0, sizeof *t);
  t->job = aux;
  sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  *out = &t->base;
  return SQLITE_OK;
}

static int rows_disconnect(sqlite3_vtab *t) {
  sqlite3_free(t);
  return SQLITE_OK;
}

static int rows_best_index(sqlite3_vtab *t, sqlite3_index_info *info) {
  const rows_table *rt = (const rows_table *)t;
  info->estimatedRows = (sqlite3_int64)rt->job->nwrite;
  info->estimatedCost = (double)rt->job->nwrite;
  return SQLITE_OK;
}

static int rows_open(sqlite3_vtab *t, sqlite3_vtab_cursor **out) {
  rows_cursor *c = sqlite3_malloc(sizeof *c);
  if (c == NULL)
    return SQLITE_NOMEM;
  memset(c, 0, sizeof *c);
  c->job = ((rows_table *)t)->job;
  *out = &c->base;
  return SQLITE_OK;
}

static int rows_close(sqlite3_vtab_cursor *c) {
  sqlite3_free(c);
  return SQLITE_OK;
}

/* Take row c->i apart; its period's code is made once per period, as
** rows of one period come together. */
static void rows_load(rows_cursor *c) {
  if (c->i >= c->job->nwrite)
    return;
  uint64_t key = c->job->rows[c->i].key;
  uint32_t bits = (uint32_t)(key >> KEY_PERIOD_SHIFT) & 0xFFFF;
  c->k.ind = (uint32_t)(key >> KEY_IND_SHIFT);
  c->k.unit = (uint32_t)key;
  if (c->i == 0 || bits != c->period_bits) {
    import_unpack(key, &c->k);
    c->period_bits = bits;
  }
}

static int rows_filter(sqlite3_vtab_cursor *cur, int idx, const char *idx_str,
                       int argc, sqlite3_value **argv) {
  (void)idx, (void)idx_str, (void)argc, (void)argv;
  rows_cursor *c = (rows_cursor *)cur;
  c->i = 0;
  rows_load(c);
  return SQLITE_OK;
}

static int rows_next(sqlite3_vtab_cursor *cur) {
  rows_cursor *c = (rows_cursor *)cur;
  c->i++;
  import_progress(c->job, "written", c->i, c->job->nwrite);
  rows_load(c);
  return SQLITE_OK;
}

static int rows_eof(sqlite3_vtab_cursor *cur) {
  const rows_cursor *c = (const rows_cursor *)cur;
  return c->i >= c->job->nwrite;
}

static void result_text(sqlite3_context *ctx, const char *s) {
  if (s)
    sqlite3_result_text(ctx, s, -1, SQLITE_STATIC);
  else
    sqlite3_result_null(ctx);
}

static int rows_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx,
                       int col) {
  const rows_cursor *c = (const rows_cursor *)cur;
  const import_job *j = c->job;
  const row *r = &j->rows[c->i];
  switch (col) {
  case RCOL_INDICATOR: result_text(ctx, import_ind_code(j, c->k.ind)); break;
  case RCOL_YEAR: sqlite3_result_int(ctx, c->k.p.year); break;
  case RCOL_PTYPE: sqlite3_result_int(ctx, (int)c->k.p.kind); break;
  case RCOL_PNUM: sqlite3_result_int(ctx, c->k.p.num); break;
  case RCOL_UNIT: result_text(ctx, import_unit_code(j, c->k.unit)); break;
  case RCOL_PERIOD: result_text(ctx, c->k.code); break;
  case RCOL_VALUE: sqlite3_result_double(ctx, r->value); break;
  case RCOL_NOTE: result_text(ctx, note_of(j, r)); break;
  default: result_text(ctx, source_of(j, r)); break;
  }
  return SQLITE_OK;
}

static int rows_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid) {
  *rowid = (sqlite3_int64)((const rows_cursor *)cur)->i;
  return SQLITE_OK;
}

static const sqlite3_module rows_module = {
  .iVersion = 1,
  .xConnect = rows_connect,
  .xBestIndex = rows_best_index,
  .xDisconnect = rows_disconnect,
  .xOpen = rows_open,
  .xClose = rows_close,
  .xFilter = rows_filter,
  .xNext = rows_next,
  .xEof = rows_eof,
  .xColumn = rows_column,
  .xRowid = rows_rowid,
};

/* The insert sets note and source of a stored key only when the file has
** the column; a key written by an import has no updated_at of its own. */
static int insert_rows(import_job *j) {
  char sql[800];
  sqlite3_stmt *st = NULL;
  snprintf(sql, sizeof sql,
           "INSERT INTO indicator_values (indicator, year, ptype, pnum, unit,"
           " period, value, note, source, updated_at, import_id)"
           " SELECT indicator, year, ptype, pnum, unit, period, value, note,"
           " source, NULL, ?1 FROM " ROWS_TABLE " WHERE true"
           " ON CONFLICT (indicator, year, ptype, pnum, unit) DO UPDATE SET"
           " value = excluded.value,%s%s updated_at = NULL,"
           " import_id = excluded.import_id",
           j->col[COL_NOTE] >= 0 ? " note = excluded.note," : "",
           j->col[COL_SOURCE] >= 0 ? " source = excluded.source," : "");
  if (sqlite3_create_module_v2(j->db, ROWS_TABLE, &rows_module, j, NULL)
      != SQLITE_OK)
    return import_fail_sql(j, say(SAY_IMPORT_PREPARING));
  int rc = sqlite3_prepare_v2(j->db, sql, -1, &st, NULL);
  if (rc == SQLITE_OK) {
    sqlite3_bind_int64(st, 1, j->import_id);
    rc = sqlite3_step(st);
  }
  if (rc != SQLITE_DONE)
    import_fail_sql(j, say(SAY_IMPORT_WRITING_VALUES));
  sqlite3_finalize(st);
  sqlite3_create_module(j->db, ROWS_TABLE, NULL, NULL);
  import_progress_done(j);
  return rc == SQLITE_DONE ? 0 : IMPORT_FAILED;
}

/*
** After a large write, fresh statistics for the query planner: without
** them SQLite cannot tell that (indicator, unit) in values_unit narrows a
** search far more than indicator alone in the primary key, and a query
** for one unit's latest value scans a whole indicator. ANALYZE reading
** IMPORT_STATS_ROWS rows per index takes milliseconds at any size.
*/
static int refresh_stats(import_job *j) {
  char sql[120];
  if (j->nwrite < IMPORT_CACHE_ROWS)
    return 0;
  long long was = query_int(j, "PRAGMA analysis_limit", 0);
  if (j->status == IMPORT_FAILED)
    return IMPORT_FAILED;
  snprintf(sql, sizeof sql, "PRAGMA analysis_limit = %d;"
           " ANALYZE indicator_values; PRAGMA analysis_limit = %lld",
           IMPORT_STATS_ROWS, was);
  return import_exec(j, sql);
}

/*
** value_years (yearly.h): list each (indicator, year) the rows written
** fall in (they are in key order, which starts with indicator and year, so
** a pair is one run of rows), then refresh every listed pair.
*/
static int keep_years(import_job *j) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(j->db, YEARLY_MARK_SQL, -1, &st, NULL) != SQLITE_OK)
    return import_fail_sql(j, say(SAY_IMPORT_KEEPING_YEARS));
  int rc = SQLITE_DONE;
  for (size_t i = 0; i < j->nwrite && rc == SQLITE_DONE; i++) {
    uint64_t pair = j->rows[i].key >> KEY_YEAR_SHIFT;
    if (i > 0 && pair == j->rows[i - 1].key >> KEY_YEAR_SHIFT)
      continue;
    key_parts k;
    import_unpack(j->rows[i].key, &k);
    sqlite3_bind_text(st, 1, import_ind_code(j, k.ind), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, k.p.year);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE || yearly_refresh(j->db) != SQLITE_OK)
    return import_fail_sql(j, say(SAY_IMPORT_KEEPING_YEARS));
  return 0;
}

/* Compare every row with the store; then, for real, record the import
** and write what differs in one statement, indexes dropped around it for
** a bulk load, the triggers that list pairs for value_years too (the
** import keeps value_years itself). */
int import_write(import_job *j) {
  if (prepare_all(j) != 0 || compare_all(j) != 0)
    return IMPORT_FAILED;
  if (j->o->dry_run)
    return 0;
  if (audit_import(j) != 0)
    return IMPORT_FAILED;
  if (j->nwrite == 0)
    return 0;
  if (drop_indexes(j) != 0 || widen_cache(j) != 0 ||
      import_exec(j, YEARLY_DROP_TRIGGERS) != 0 || insert_rows(j) != 0 ||
      make_indexes(j) != 0 || keep_years(j) != 0 ||
      import_exec(j, YEARLY_TRIGGERS) != 0)
    return IMPORT_FAILED;
  return refresh_stats(j);
}

/* ---- the journal ---- */

/*
** A large import writes through a rollback journal instead of the WAL. In
** WAL mode every page the transaction writes is written twice: into the
** WAL, then into the database file by the checkpoint after the commit (at
** 12 M rows, 900 MB: about 4 s of 20). A rollback journal keeps only the
** old content of pages that existed before the transaction; the pages a
** load appends, nearly all of them when the table grows, are written once,
** into the file. An import that changes stored values writes them twice
** either way (journal, then file), and still commits faster. Figures in
** tests/bench/README.md.
**
** So for a file of IMPORT_JOURNAL_BYTES or more, outside the caller's
** transaction, the connection goes to journal_mode = DELETE with
** synchronous = FULL before the transaction begins, and back to WAL (and
** its synchronous) once it has ended. With a rollback journal FULL is what
** keeps the commit durable and the file whole across a power cut; a process
** killed mid-import leaves a hot journal that the next connection to open
** the file rolls back, and a database left in rollback mode (killed before
** the way back) returns to WAL at the next read-write open (store.c).
**
** Leaving WAL mode needs the file to itself: while any other connection
** has it open, SQLite refuses at once (SQLITE_BUSY, without waiting), and
** the import runs in WAL mode. While it runs in rollback mode, a command
** that opens the database meanwhile waits for it, up to the busy timeout,
** as a second writer always has: a reader cannot read beside a writer that
** has begun to write pages into the file. Such a command works in rollback
** mode until the import has switched the file back (store.c).
*/

/* The first column of a pragma's first row into out ("" when none). */
static void pragma_text(sqlite3 *db, const char *sql, char *out,
                        size_t size) {
  sqlite3_stmt *st;
  out[0] = '\0';
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
}

static int large_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
         st.st_size >= IMPORT_JOURNAL_BYTES;
}

/* Before the transaction: to a rollback journal when it pays and can be. */
void import_journal_begin(import_job *j) {
  char mode[16], sync[16];
  if (j->o->dry_run || !sqlite3_get_autocommit(j->db) ||
      !large_file(j->o->path))
    return;
  pragma_text(j->db, "PRAGMA journal_mode", mode, sizeof mode);
  pragma_text(j->db, "PRAGMA synchronous", sync, sizeof sync);
  if (strcmp(mode, "wal") != 0 || sync[0] == '\0')
    return;
  pragma_text(j->db, "PRAGMA journal_mode = DELETE", mode, sizeof mode);
  pragma_text(j->db, "PRAGMA journal_mode", mode, sizeof mode);
  if (strcmp(mode, "delete") != 0)
    return;                           /* another connection: stay in WAL */
  j->journal_set = 1;
  j->sync_was = atoll(sync);
  if (sqlite3_exec(j->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL)
      != SQLITE_OK)
    import_journal_end(j);
}

/* After the transaction: back to WAL. When that fails (a reader holds the
** file past the busy timeout), the connection stays in rollback mode, and
** synchronous FULL with it, until store.c's next read-write open. */
void import_journal_end(import_job *j) {
  char mode[16], sql[64];
  if (!j->journal_set)
    return;
  j->journal_set = 0;
  pragma_text(j->db, "PRAGMA journal_mode = WAL", mode, sizeof mode);
  pragma_text(j->db, "PRAGMA journal_mode", mode, sizeof mode);
  if (strcmp(mode, "wal") != 0)
    return;
  snprintf(sql, sizeof sql, "PRAGMA synchronous = %lld", j->sync_was);
  sqlite3_exec(j->db, sql, NULL, NULL, NULL);
}

