/*
** import.c: check a CSV file of indicator values, then write it in one
** transaction (see import.h for the file's shape and the two passes).
*/
#define _POSIX_C_SOURCE 200809L
#include "import.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>

#include "audit.h"
#include "csv.h"
#include "period.h"
#include "safefile.h"
#include "text.h"
#include "unitname.h"
#include "yearly.h"

#define PROGRESS_ROWS 0xFFFF     /* rows between two looks at the clock */
#define PROGRESS_SECONDS 0.5     /* seconds between two progress lines */
#define SHOW_BYTES 60            /* most bytes of a field quoted in a message */
#define MAX_INDICATORS 0xFFFF    /* indicator ids fit 16 bits of the key */
#define IMPORT_BULK_ROWS 100000  /* rows from which indexes may be rebuilt */
#define IMPORT_CACHE_ROWS 10000  /* rows from which the page cache widens */
#define IMPORT_CACHE_KIB (128 * 1024) /* the page cache then, in KiB */
#define IMPORT_STATS_ROWS 1000   /* rows ANALYZE samples per index */
#define IMPORT_SPLIT_BYTES (1 << 20) /* files from which two threads parse */
#define IMPORT_SPLIT_ROWS 500000 /* rows from which two threads sort */
#define IMPORT_JOURNAL_BYTES (2 << 20) /* files written through a rollback
                                          journal, when they can be */

/* ---- the columns ---- */

enum { COL_INDICATOR, COL_UNIT, COL_PERIOD, COL_VALUE, COL_NOTE, COL_SOURCE,
       NCOLS, REQUIRED_COLS = COL_NOTE };

static const char *const column_names[NCOLS] = {
  "indicator", "unit", "period", "value", "note", "source"
};

#define COLUMN_LIST \
  "indicator, unit, period, value, and optionally note, source"

/* ---- the job ---- */

/* A growing text buffer. */
typedef struct text {
  char *p;
  size_t len, cap;
} text;

/* Names (codes, aliases) to ids, by open addressing. */
typedef struct dict_slot {
  size_t key;          /* offset of the name in names; valid when len > 0 */
  uint32_t len;        /* the name's length; 0 for an empty slot */
  uint32_t value;      /* the id it stands for */
} dict_slot;

typedef struct dict {
  text names;          /* every name, NUL-terminated */
  dict_slot *slots;    /* nslots, a power of two, at most half full */
  size_t nslots, count;
} dict;

typedef struct indicator_info {
  size_t code;         /* offset of the code in indicators.names */
  int kind;            /* the period_kind it is reported by, -1: unknown */
  int derived;         /* computed by a formula: no values to import */
} indicator_info;

/*
** One good line, 24 bytes. key packs (indicator id, year - PERIOD_YEAR_MIN,
** period kind, period number, unit id) in 16, 9, 3, 4 and 32 bits: ids are
** given in code order, so comparing keys is comparing primary keys.
*/
typedef struct row {
  uint64_t key;
  double value;
  uint32_t line;       /* the line it starts on */
  uint32_t extra;      /* index + 1 of its note and source; 0: none */
} row;

typedef struct extra {
  size_t note, source; /* offset + 1 in extras_text; 0: NULL */
} extra;

typedef struct error {
  unsigned long line;  /* for the order of the report */
  char *msg;
} error;

/* A key taken apart, with its text. */
typedef struct key_parts {
  uint32_t ind, unit;
  period p;
  char code[PERIOD_CODE_SIZE];
} key_parts;

struct import_job {
  const import_opts *o;
  sqlite3 *db;
  import_result *res;
  const char *name;           /* the file in messages */
  int status;                 /* IMPORT_FAILED once something failed */
  int stop;                   /* the parse must stop (status or header) */
  dict indicators;            /* codes to ids */
  unitname *units;            /* units by code, alias, name (unitname.h) */
  indicator_info *ind;        /* by indicator id */
  size_t nind, ind_cap;
  unsigned char *checked;     /* by indicator id: rows go to o->check */
  int col[NCOLS];             /* field index of each column, -1: absent */
  int ncols;                  /* fields in the header */
  int header_done;            /* the header line has been read */
  row *rows;                  /* good lines */
  size_t nrows, rows_cap;
  extra *extras;              /* notes and sources, for rows that have one */
  size_t nextras, extras_cap;
  text extras_text;
  error errs[IMPORT_MAX_ERRORS]; /* kept errors */
  size_t nerrs;
  atomic_int *cancel;         /* set: a helper parsing half stops early */
  double progress_at;         /* when progress was last shown (or began) */
  int progress_shown;
  int nested;                 /* ran in a savepoint of the caller's */
  sqlite3_stmt *probe, *lookup;
  audit_log log;              /* the audit log (audit.h) */
  int probe_found;            /* the current indicator has stored values */
  size_t nwrite;              /* rows to write, first in rows once compared */
  sqlite3_int64 import_id;    /* the audit row of this import */
  text old_json, new_json;
  text indexes;               /* "name\0sql\0" of indexes dropped (bulk) */
  long long cache_was;        /* the connection's cache_size before */
  int cache_set;              /* cache_size was changed */
  int journal_set;            /* left WAL mode for a rollback journal */
  long long sync_was;         /* the connection's synchronous before */
  char now[32];               /* the time written with every row */
};

/* ---- small helpers ---- */

static int fail(import_job *j, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(j->res->err, sizeof j->res->err, fmt, ap);
  va_end(ap);
  j->status = IMPORT_FAILED;
  j->stop = 1;
  return IMPORT_FAILED;
}

static int fail_sql(import_job *j, const char *what) {
  return fail(j, "%s: %s", what, sqlite3_errmsg(j->db));
}

static int text_add(text *t, const char *s, size_t n) {
  if (t->len + n + 1 > t->cap) {
    size_t cap = t->cap ? t->cap : 256;
    while (cap < t->len + n + 1)
      cap *= 2;
    char *p = realloc(t->p, cap);
    if (p == NULL)
      return -1;
    t->p = p;
    t->cap = cap;
  }
  memcpy(t->p + t->len, s, n);
  t->len += n;
  t->p[t->len] = '\0';
  return 0;
}

static int text_str(text *t, const char *s) {
  return text_add(t, s, strlen(s));
}

/* p (an array of *cap elements of size) with room for one more than n,
** grown by half; NULL when out of memory, p then unchanged. */
static void *grow(void *p, size_t *cap, size_t n, size_t size) {
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

/*
** A field as a message quotes it: at most SHOW_BYTES bytes, cut at a
** character boundary, control characters shown as '?'. s is valid UTF-8.
*/
static const char *show(char *out, size_t size, const char *s, size_t len) {
  size_t n = len < SHOW_BYTES ? len : SHOW_BYTES, o = 0;
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

static void progress(import_job *j, const char *what, unsigned long long n,
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

static void progress_done(import_job *j) {
  if (j->progress_shown)
    fputs("\r\033[K", stderr);
  j->progress_shown = 0;
}

/* ---- errors ---- */

/* Keep "file:line: message" (line 0: "file: message"), or count it. */
static void add_error(import_job *j, unsigned long line, const char *fmt, ...) {
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
  j->errs[j->nerrs].line = line;
  j->errs[j->nerrs++].msg = copy;
}

void import_refuse(import_job *job, unsigned long line, const char *message) {
  add_error(job, line, "%s", message);
}

static int errors_found(const import_job *j) {
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

/* ---- the name tables ---- */

static uint64_t hash(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
  return h;
}

/* The slot holding s, or the empty slot where it would go. */
static dict_slot *dict_slot_of(const dict *d, const char *s, size_t n) {
  size_t mask = d->nslots - 1, i = (size_t)hash(s, n) & mask;
  for (;; i = (i + 1) & mask) {
    dict_slot *slot = &d->slots[i];
    if (slot->len == 0 ||
        (slot->len == n && memcmp(d->names.p + slot->key, s, n) == 0))
      return slot;
  }
}

static int dict_grow(dict *d) {
  size_t n = d->nslots ? d->nslots * 2 : 64;
  dict_slot *old = d->slots;
  size_t nold = d->nslots;
  if ((d->slots = calloc(n, sizeof *d->slots)) == NULL) {
    d->slots = old;
    return -1;
  }
  d->nslots = n;
  for (size_t i = 0; i < nold; i++)
    if (old[i].len)
      *dict_slot_of(d, d->names.p + old[i].key, old[i].len) = old[i];
  free(old);
  return 0;
}

/* Map s to value unless it is there already; *at gets the stored name's
** offset. Returns 0 added, 1 present, -1 out of memory. */
static int dict_put(dict *d, const char *s, size_t n, uint32_t value,
                    size_t *at) {
  if (n == 0 || n > UINT32_MAX)
    return 1;
  if ((d->count + 1) * 2 > d->nslots && dict_grow(d) != 0)
    return -1;
  dict_slot *slot = dict_slot_of(d, s, n);
  if (slot->len) {
    *at = slot->key;
    return 1;
  }
  size_t key = d->names.len;
  if (text_add(&d->names, s, n) != 0 || text_add(&d->names, "", 1) != 0)
    return -1;
  *slot = (dict_slot){ key, (uint32_t)n, value };
  d->count++;
  *at = key;
  return 0;
}

/* The id s stands for, or -1. */
static long dict_get(const dict *d, const char *s, size_t n) {
  if (d->nslots == 0 || n == 0)
    return -1;
  const dict_slot *slot = dict_slot_of(d, s, n);
  return slot->len ? (long)slot->value : -1;
}

static void dict_free(dict *d) {
  free(d->names.p);
  free(d->slots);
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
    return fail(j, "more than %d indicators", MAX_INDICATORS);
  indicator_info *ind = grow(j->ind, &j->ind_cap, j->nind, sizeof *ind);
  if (ind == NULL)
    return fail(j, "out of memory");
  j->ind = ind;
  if (dict_put(&j->indicators, code, strlen(code), (uint32_t)j->nind, &at) < 0)
    return fail(j, "out of memory");
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
    return fail_sql(j, "reading the plan");
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    if (fn(j, st) != 0) {
      sqlite3_finalize(st);
      return IMPORT_FAILED;
    }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? 0 : fail_sql(j, "reading the plan");
}

/* Units are numbered in code order too (unitname.h). */
static int load_units(import_job *j) {
  int rc = unitname_load(j->db, &j->units);
  if (rc == SQLITE_NOMEM)
    return fail(j, "out of memory");
  if (rc != SQLITE_OK)
    return fail_sql(j, "reading the plan");
  if (unitname_count(j->units) > UINT32_MAX)
    return fail(j, "too many units");
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
    return fail(j, "out of memory");
  if (j->o->check && !j->o->check_only)
    memset(j->checked, 1, j->nind);
  for (size_t i = 0; j->o->check && i < j->o->ncheck_only; i++) {
    const char *c = j->o->check_only[i];
    long id = dict_get(&j->indicators, c, strlen(c));
    if (id >= 0)
      j->checked[id] = 1;
  }
  return 0;
}

/* ---- the header ---- */

static int column_of(const csv_field *f) {
  for (int c = 0; c < NCOLS; c++)
    if (strcmp(f->data, column_names[c]) == 0 && strlen(f->data) == f->len)
      return c;
  return -1;
}

static void header_field(import_job *j, const csv_record *rec, int i) {
  char shown[4 * SHOW_BYTES];
  const csv_field *f = &rec->fields[i];
  int c = column_of(f);
  if (c < 0)
    add_error(j, rec->line, "unknown column '%s' (the columns are "
              COLUMN_LIST ")", show(shown, sizeof shown, f->data, f->len));
  else if (j->col[c] >= 0)
    add_error(j, rec->line, "column '%s' appears twice (fields %d and %d)",
              column_names[c], j->col[c] + 1, i + 1);
  else
    j->col[c] = i;
}

/* Read the header; any problem with it stops the import there. */
static int read_header(import_job *j, const csv_record *rec) {
  j->header_done = 1;
  j->ncols = rec->count;
  if (rec->bad_field >= 0) {
    add_error(j, rec->line, "the header is not valid UTF-8 (field %d)",
              rec->bad_field + 1);
    return 1;
  }
  for (int i = 0; i < rec->count; i++)
    header_field(j, rec, i);
  for (int c = 0; c < REQUIRED_COLS; c++)
    if (j->col[c] < 0)
      add_error(j, rec->line, "missing column '%s' (the columns are "
                COLUMN_LIST ")", column_names[c]);
  return errors_found(j);
}

/* ---- one line ---- */

static const csv_field *field(const import_job *j, const csv_record *rec,
                              int col) {
  return j->col[col] >= 0 ? &rec->fields[j->col[col]] : NULL;
}

/* Every field valid UTF-8 without NUL bytes; else report the first bad. */
static int fields_are_text(import_job *j, const csv_record *rec) {
  int i = rec->bad_field;
  if (i >= 0) {
    const char *name = "field";
    for (int c = 0; c < NCOLS; c++)
      if (j->col[c] == i)
        name = column_names[c];
    add_error(j, rec->line, "%s: invalid UTF-8 (byte %zu of the field)", name,
              rec->bad_offset + 1);
    return 0;
  }
  for (int c = 0; c < NCOLS; c++) {
    const csv_field *f = field(j, rec, c);
    if (f && memchr(f->data, '\0', f->len)) {
      add_error(j, rec->line, "%s: contains a NUL byte", column_names[c]);
      return 0;
    }
  }
  return 1;
}

static long read_indicator(import_job *j, const csv_record *rec) {
  char shown[4 * SHOW_BYTES];
  const csv_field *f = field(j, rec, COL_INDICATOR);
  long id = dict_get(&j->indicators, f->data, f->len);
  if (f->len == 0)
    add_error(j, rec->line, "indicator: empty");
  else if (id < 0)
    add_error(j, rec->line, "indicator: unknown indicator '%s'",
              show(shown, sizeof shown, f->data, f->len));
  else if (j->ind[id].derived)
    add_error(j, rec->line, "indicator: %s is derived (computed by its "
              "formula); its values are not imported", f->data);
  else
    return id;
  return -1;
}

static long read_unit(import_job *j, const csv_record *rec) {
  char shown[4 * SHOW_BYTES];
  const csv_field *f = field(j, rec, COL_UNIT);
  long id = unitname_find(j->units, f->data, f->len);
  long near = id < 0 && j->nerrs < IMPORT_MAX_ERRORS
                  ? unitname_near(j->units, f->data, f->len) : -1;
  if (f->len == 0)
    add_error(j, rec->line, "unit: empty");
  else if (id < 0 && near >= 0)
    add_error(j, rec->line, "unit: unknown unit '%s'; did you mean '%s'?",
              show(shown, sizeof shown, f->data, f->len),
              unitname_official(j->units, (size_t)near));
  else if (id < 0)
    add_error(j, rec->line, "unit: unknown unit '%s' (neither a unit code, "
              "an alias nor a unit's name)",
              show(shown, sizeof shown, f->data, f->len));
  return id;
}

static int read_period(import_job *j, const csv_record *rec, period *p) {
  char shown[4 * SHOW_BYTES];
  const csv_field *f = field(j, rec, COL_PERIOD);
  if (f->len == 0)
    add_error(j, rec->line, "period: empty");
  else if (period_parse(f->data, p) != 0)
    add_error(j, rec->line, "period: bad period '%s' (expected YYYY, "
              "YYYY-H1, YYYY-Q1, YYYY-9M or YYYY-MM)",
              show(shown, sizeof shown, f->data, f->len));
  else
    return 0;
  return -1;
}

/* A decimal number: [+-] digits [. digits] [e [+-] digits], one digit at
** least before the exponent. Leaves out what strtod would also take: space,
** hex, "inf", "nan". */
static int decimal_syntax(const char *s) {
  size_t digits = 0;
  if (*s == '+' || *s == '-')
    s++;
  for (; *s >= '0' && *s <= '9'; s++)
    digits++;
  if (*s == '.')
    for (s++; *s >= '0' && *s <= '9'; s++)
      digits++;
  if (digits == 0)
    return 0;
  if (*s == 'e' || *s == 'E') {
    s++;
    if (*s == '+' || *s == '-')
      s++;
    if (*s < '0' || *s > '9')
      return 0;
    while (*s >= '0' && *s <= '9')
      s++;
  }
  return *s == '\0';
}

/*
** The common case without strtod: [+-] digits [. digits], at most 15
** digits in all and no exponent. The digits make an integer below 2^53 and
** the divisor a power of ten below 10^23, both exact in a double, so the
** one division is correctly rounded: the same value strtod gives. Returns
** 0 when s is not of that shape (strtod then decides).
*/
static int simple_decimal(const char *s, double *v) {
  static const double tens[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
                                 1e15 };
  int negative = *s == '-', digits = 0, decimals = -1;
  int64_t n = 0;
  if (*s == '+' || *s == '-')
    s++;
  for (;; s++) {
    if (*s >= '0' && *s <= '9') {
      if (++digits > 15)
        return 0;
      n = n * 10 + (*s - '0');
      if (decimals >= 0)
        decimals++;
    } else if (*s == '.' && decimals < 0) {
      decimals = 0;
    } else {
      break;
    }
  }
  if (*s != '\0' || digits == 0 || decimals == 0)
    return 0;
  *v = (double)n / tens[decimals > 0 ? decimals : 0];
  if (negative)
    *v = -*v;
  return 1;
}

static int read_value(import_job *j, const csv_record *rec, double *v) {
  char shown[4 * SHOW_BYTES];
  const csv_field *f = field(j, rec, COL_VALUE);
  char *end;
  if (f->len == 0) {
    add_error(j, rec->line, "value: empty");
    return -1;
  }
  if (simple_decimal(f->data, v))
    return 0;
  if (!decimal_syntax(f->data)) {
    add_error(j, rec->line, "value: '%s' is not a number (write it like "
              "1200 or -3.5: '.' as the decimal point, no thousands "
              "separator)", show(shown, sizeof shown, f->data, f->len));
    return -1;
  }
  *v = strtod(f->data, &end);
  if (end != f->data + f->len || !isfinite(*v)) {
    add_error(j, rec->line, "value: '%s' is out of range",
              show(shown, sizeof shown, f->data, f->len));
    return -1;
  }
  return 0;
}

/* Keep the note and source of a row that gives either; 0 when neither. */
static int keep_extra(import_job *j, const csv_record *rec, uint32_t *index) {
  const csv_field *note = field(j, rec, COL_NOTE);
  const csv_field *source = field(j, rec, COL_SOURCE);
  extra e = { 0, 0 };
  *index = 0;
  if ((!note || note->len == 0) && (!source || source->len == 0))
    return 0;
  extra *extras = j->nextras < UINT32_MAX - 1
      ? grow(j->extras, &j->extras_cap, j->nextras, sizeof *extras) : NULL;
  if (extras == NULL)
    return fail(j, "out of memory");
  j->extras = extras;
  if (note && note->len) {
    e.note = j->extras_text.len + 1;
    if (text_add(&j->extras_text, note->data, note->len + 1) != 0)
      return fail(j, "out of memory");
  }
  if (source && source->len) {
    e.source = j->extras_text.len + 1;
    if (text_add(&j->extras_text, source->data, source->len + 1) != 0)
      return fail(j, "out of memory");
  }
  j->extras[j->nextras++] = e;
  *index = (uint32_t)j->nextras;
  return 0;
}

static int keep_row(import_job *j, const csv_record *rec, long ind, long unit,
                    const period *p, double value) {
  row r;
  r.key = (uint64_t)ind << 48 |
          (uint64_t)(p->year - PERIOD_YEAR_MIN) << 39 |
          (uint64_t)p->kind << 36 | (uint64_t)p->num << 32 | (uint64_t)unit;
  r.value = value;
  r.line = (uint32_t)rec->line;
  if (keep_extra(j, rec, &r.extra) != 0)
    return IMPORT_FAILED;
  row *rows = grow(j->rows, &j->rows_cap, j->nrows, sizeof *rows);
  if (rows == NULL)
    return fail(j, "out of memory for %zu rows", j->nrows);
  j->rows = rows;
  j->rows[j->nrows++] = r;
  return 0;
}

/* Check every field of a line (one error for each bad one); keep it when
** all are good. */
static void check_line(import_job *j, const csv_record *rec) {
  period p;
  double v = 0;
  if (rec->count != j->ncols) {
    add_error(j, rec->line, "%d field%s; the header names %d", rec->count,
              rec->count == 1 ? "" : "s", j->ncols);
    return;
  }
  if (!fields_are_text(j, rec))
    return;
  long ind = read_indicator(j, rec);
  long unit = read_unit(j, rec);
  int period_ok = read_period(j, rec, &p) == 0;
  int value_ok = read_value(j, rec, &v) == 0;
  if (ind >= 0 && period_ok && (int)p.kind != j->ind[ind].kind) {
    add_error(j, rec->line, "period: %s is reported by %s, not by %s ('%s')",
              field(j, rec, COL_INDICATOR)->data,
              j->ind[ind].kind < 0 ? "an unknown period"
                                   : period_kind_name(j->ind[ind].kind),
              period_kind_name(p.kind), field(j, rec, COL_PERIOD)->data);
    period_ok = 0;
  }
  if (ind >= 0 && unit >= 0 && period_ok && value_ok)
    keep_row(j, rec, ind, unit, &p, v);
}

static int on_record(void *ud, const csv_record *rec) {
  import_job *j = ud;
  if (j->cancel && atomic_load(j->cancel))
    return 1;
  if (rec->line > UINT32_MAX) {
    add_error(j, rec->line, "too many lines");
    return 1;
  }
  if (!j->header_done)
    return read_header(j, rec);
  if (rec->count == 1 && rec->fields[0].len == 0)
    return 0;                                   /* a blank line */
  j->res->read++;
  progress(j, "read", j->res->read, 0);
  check_line(j, rec);
  return j->stop;
}

/* ---- the pass over the file ---- */

/*
** A large file is parsed by two threads: this one takes the header and the
** first half, a helper the second half, from the first line start after
** the middle, with its own parser, rows, notes and errors, which are then
** appended to this job's. The split is right only when no quoted field
** runs across it: the first half must end with no record begun (its
** parser holds no byte and no field); when it does not, the helper's work
** is dropped and this thread reads on alone. Line numbers of the second
** half start from the newlines counted in the first.
*/
typedef struct half {
  import_job job;          /* a copy of the job after the header */
  import_opts opts;        /* its options: no progress shown */
  import_result res;       /* its counts and its failure */
  csv_parser parser;
  const char *data;        /* the whole file */
  size_t mid, len;         /* the half to parse: data[mid..len) */
  int rc;                  /* what parsing it returned */
} half;

static unsigned long count_lines(const char *s, size_t n) {
  unsigned long lines = 0;
  for (const char *e = s + n; (s = memchr(s, '\n', (size_t)(e - s))); s++)
    lines++;
  return lines;
}

static void *parse_half(void *arg) {
  half *h = arg;
  h->parser.line = 1 + count_lines(h->data, h->mid);
  h->rc = csv_feed(&h->parser, h->data + h->mid, h->len - h->mid);
  if (h->rc == CSV_OK)
    h->rc = csv_finish(&h->parser);
  return NULL;
}

/* Start the helper on data[mid..len); 0, or -1 when it cannot run. */
static int start_half(import_job *j, half *h, pthread_t *thread,
                      const char *data, size_t mid, size_t len,
                      atomic_int *cancel) {
  memset(h, 0, sizeof *h);
  h->job = *j;
  h->opts = *j->o;
  h->opts.progress = 0;
  h->job.o = &h->opts;
  h->job.res = &h->res;
  h->job.rows = NULL, h->job.nrows = h->job.rows_cap = 0;
  h->job.extras = NULL, h->job.nextras = h->job.extras_cap = 0;
  memset(&h->job.extras_text, 0, sizeof h->job.extras_text);
  h->job.nerrs = 0;
  h->job.cancel = cancel;
  csv_init(&h->parser, NULL, on_record, &h->job);
  h->parser.started = 1;                    /* no byte order mark here */
  h->data = data;
  h->mid = mid;
  h->len = len;
  return pthread_create(thread, NULL, parse_half, h) == 0 ? 0 : -1;
}

static void free_half(half *h) {
  csv_free(&h->parser);
  free(h->job.rows);
  free(h->job.extras);
  free(h->job.extras_text.p);
  for (size_t i = 0; i < h->job.nerrs; i++)
    free(h->job.errs[i].msg);
  h->job.nerrs = 0;
}

/* Append the helper's rows, notes and errors (all after this job's). */
static int take_half(import_job *j, half *h) {
  import_job *k = &h->job;
  size_t base = j->nextras, text_base = j->extras_text.len;
  j->res->read += h->res.read;
  j->res->more += h->res.more;
  if (k->status == IMPORT_FAILED)
    return fail(j, "%s", h->res.err);
  row *rows = realloc(j->rows, (j->nrows + k->nrows + 1) * sizeof *rows);
  extra *extras = realloc(j->extras, (j->nextras + k->nextras + 1) *
                                     sizeof *extras);
  if (rows)
    j->rows = rows, j->rows_cap = j->nrows + k->nrows + 1;
  if (extras)
    j->extras = extras, j->extras_cap = j->nextras + k->nextras + 1;
  if (!rows || !extras || (k->extras_text.len &&
      text_add(&j->extras_text, k->extras_text.p, k->extras_text.len) != 0))
    return fail(j, "out of memory");
  for (size_t i = 0; i < k->nrows; i++) {
    row r = k->rows[i];
    r.extra = r.extra ? r.extra + (uint32_t)base : 0;
    j->rows[j->nrows++] = r;
  }
  for (size_t i = 0; i < k->nextras; i++) {
    extra e = k->extras[i];
    e.note = e.note ? e.note + text_base : 0;
    e.source = e.source ? e.source + text_base : 0;
    j->extras[j->nextras++] = e;
  }
  for (size_t i = 0; i < k->nerrs; i++) {
    if (j->nerrs < IMPORT_MAX_ERRORS)
      j->errs[j->nerrs++] = k->errs[i];
    else
      free(k->errs[i].msg), j->res->more++;
  }
  k->nerrs = 0;
  return 0;
}

/* After the header: the first half here, the second by the helper. */
static int parse_split(import_job *j, csv_parser *p, const char *data,
                       size_t at, size_t len) {
  const char *nl = memchr(data + len / 2, '\n', len - len / 2);
  size_t mid = nl ? (size_t)(nl - data) + 1 : len;
  half h;
  pthread_t thread;
  atomic_int cancel = 0;
  if (mid <= at || mid >= len ||
      start_half(j, &h, &thread, data, mid, len, &cancel) != 0)
    return csv_feed(p, data + at, len - at);
  int rc = csv_feed(p, data + at, mid - at);
  int split = rc == CSV_OK && p->len == 0 && p->nfields == 0;
  if (!split)
    atomic_store(&cancel, 1);
  pthread_join(thread, NULL);
  if (split) {
    if (take_half(j, &h) != 0)
      rc = CSV_STOPPED;
    else if (h.rc == CSV_ERROR)
      add_error(j, h.parser.err_line, "%s", h.parser.err);
    if (rc == CSV_OK && h.rc != CSV_OK)
      rc = CSV_STOPPED;                 /* its error is already recorded */
  } else if (rc == CSV_OK) {
    rc = csv_feed(p, data + mid, len - mid);  /* a quoted field ran across */
  }
  free_half(&h);
  return rc;
}

/* The whole file in memory (mapped); the header first, then the rest in
** two halves when it is large and the header ended on its first line. */
static int parse_mapped(import_job *j, csv_parser *p, const char *data,
                        size_t len) {
  const char *nl = memchr(data, '\n', len);
  size_t at = nl ? (size_t)(nl - data) + 1 : len;
  int rc = csv_feed(p, data, at);
  if (rc == CSV_OK && at < len) {
    if (len >= IMPORT_SPLIT_BYTES && j->header_done && p->len == 0 &&
        p->nfields == 0)
      rc = parse_split(j, p, data, at, len);
    else
      rc = csv_feed(p, data + at, len - at);
  }
  if (rc == CSV_OK)
    rc = csv_finish(p);
  return rc;
}

/* Parse the file into j: mapped when it can be, else read in chunks. */
static int parse_file(import_job *j, csv_parser *p, FILE *f) {
  struct stat st;
  int fd = fileno(f);
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0 ||
      (uintmax_t)st.st_size > SIZE_MAX)
    return csv_read_file(p, f);
  size_t len = (size_t)st.st_size;
  void *data = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  if (data == MAP_FAILED)
    return csv_read_file(p, f);
  int rc = parse_mapped(j, p, data, len);
  munmap(data, len);
  return rc;
}

/* How scan ends: the parse's error, an empty file. */
static int scan_end(import_job *j, csv_parser *p, int rc) {
  if (rc == CSV_ERROR)
    add_error(j, p->err_line, "%s", p->err);
  csv_free(p);
  progress_done(j);
  if (j->status == IMPORT_FAILED)
    return IMPORT_FAILED;
  if (!j->header_done)
    add_error(j, 0, "the file is empty; its first line must name the "
                    "columns: " COLUMN_LIST);
  return rc != CSV_OK || !j->header_done ? IMPORT_INVALID : IMPORT_OK;
}

/* The text the caller gave (opts->text), parsed as a mapped file is. */
static int scan_text(import_job *j) {
  csv_parser p;
  csv_init(&p, NULL, on_record, j);
  int rc = j->o->text_len > 0
               ? parse_mapped(j, &p, j->o->text, j->o->text_len)
               : csv_finish(&p);
  return scan_end(j, &p, rc);
}

static int scan(import_job *j) {
  csv_parser p;
  char why[SAFEFILE_ERR_SIZE];
  if (j->o->text != NULL)
    return scan_text(j);
  FILE *f = safefile_fopen(j->o->path, why);
  if (f == NULL) {
    add_error(j, 0, "%s", why);
    return IMPORT_INVALID;
  }
  csv_init(&p, NULL, on_record, j);
  int rc = parse_file(j, &p, f);
  fclose(f);
  return scan_end(j, &p, rc);
}

/* ---- key order and repeated keys ---- */

static void unpack(uint64_t key, key_parts *k) {
  k->ind = (uint32_t)(key >> 48);
  k->p.year = (int)((key >> 39) & 0x1FF) + PERIOD_YEAR_MIN;
  k->p.kind = (period_kind)((key >> 36) & 7);
  k->p.num = (int)((key >> 32) & 15);
  k->unit = (uint32_t)key;
  period_format(&k->p, k->code, sizeof k->code);
}

static const char *ind_code(const import_job *j, uint32_t id) {
  return j->indicators.names.p + j->ind[id].code;
}

static const char *unit_code(const import_job *j, uint32_t id) {
  return unitname_code(j->units, id);
}

static void swap_rows(row *a, row *b) {
  row t = *a;
  *a = *b;
  *b = t;
}

static void sift_down(row *a, size_t i, size_t n) {
  for (size_t c; (c = 2 * i + 1) < n; i = c) {
    if (c + 1 < n && a[c + 1].key > a[c].key)
      c++;
    if (a[i].key >= a[c].key)
      return;
    swap_rows(&a[i], &a[c]);
  }
}

static void heap_sort(row *a, size_t n) {
  for (size_t i = n / 2; i-- > 0;)
    sift_down(a, i, n);
  for (size_t i = n; i-- > 1;) {
    swap_rows(&a[0], &a[i]);
    sift_down(a, 0, i);
  }
}

static void insertion_sort(row *a, size_t n) {
  for (size_t i = 1; i < n; i++) {
    row r = a[i];
    size_t k = i;
    for (; k > 0 && a[k - 1].key > r.key; k--)
      a[k] = a[k - 1];
    a[k] = r;
  }
}

/* Hoare partition around the median of three; returns the split point. */
static size_t partition(row *a, size_t n) {
  size_t m = n / 2;
  if (a[m].key < a[0].key) swap_rows(&a[m], &a[0]);
  if (a[n - 1].key < a[0].key) swap_rows(&a[n - 1], &a[0]);
  if (a[n - 1].key < a[m].key) swap_rows(&a[n - 1], &a[m]);
  uint64_t pivot = a[m].key;
  size_t i = 0, k = n - 1;
  for (;;) {
    while (a[i].key < pivot) i++;
    while (a[k].key > pivot) k--;
    if (i >= k)
      return k + 1;
    swap_rows(&a[i++], &a[k--]);
  }
}

/* Introsort: quicksort on the key, heapsort past a depth limit. */
static void sort_rows(row *a, size_t n, int depth) {
  while (n > 24) {
    if (depth-- == 0) {
      heap_sort(a, n);
      return;
    }
    size_t split = partition(a, n);
    if (split < n - split) {
      sort_rows(a, split, depth);
      a += split;
      n -= split;
    } else {
      sort_rows(a + split, n - split, depth);
      n = split;
    }
  }
  insertion_sort(a, n);
}

static int sorted(const row *a, size_t n) {
  for (size_t i = 1; i < n; i++)
    if (a[i - 1].key > a[i].key)
      return 0;
  return 1;
}

/* Report each line of a run of equal keys but the first against it. */
static void report_repeats(import_job *j, const row *run, size_t n) {
  uint32_t first = run[0].line;
  key_parts k;
  for (size_t i = 1; i < n; i++)
    if (run[i].line < first)
      first = run[i].line;
  unpack(run[0].key, &k);
  for (size_t i = 0; i < n; i++)
    if (run[i].line != first)
      add_error(j, run[i].line, "duplicate: %s/%s/%s is already on line %lu",
                ind_code(j, k.ind), unit_code(j, k.unit), k.code,
                (unsigned long)first);
}

typedef struct sort_part {
  row *rows;
  size_t n;
} sort_part;

static void *sort_part_run(void *arg) {
  sort_part *part = arg;
  sort_rows(part->rows, part->n, 64);
  return NULL;
}

/* Without memory for a second array: split the rows once around a pivot,
** then sort the lower part in a helper thread while this one sorts the
** upper. */
static void sort_in_place(row *a, size_t n) {
  pthread_t thread;
  size_t split = partition(a, n);
  sort_part low = { a, split };
  if (pthread_create(&thread, NULL, sort_part_run, &low) == 0) {
    sort_rows(a + split, n - split, 64);
    pthread_join(thread, NULL);
    return;
  }
  sort_rows(a, n, 64);
}

/*
** Many rows are distributed first: by the RADIX_BITS highest bits in which
** their keys differ (for the benchmark's 40 indicators: the indicator, the
** year and the first bit of the period kind), stably, into a second array,
** each thread counting and then moving one half of the rows; then every
** bucket that is not in key order already is sorted, the two threads taking
** buckets in turn. Files come in the order reports arrive, period by period
** and unit by unit with the indicators side by side, so within a bucket the
** rows are most often in key order already and the distribution is the
** whole sort: at 12 M rows of the benchmark's file it takes 0.3 s where a
** quicksort on two threads took 0.8 s. Rows in no order cost one pass more
** than a quicksort of each bucket. The second array costs no more memory at
** the peak than the parse before it, when the mapped file is resident.
*/
#define RADIX_BITS 16
#define RADIX_BUCKETS ((size_t)1 << RADIX_BITS)

typedef struct radix {
  const row *from;
  row *to;
  size_t n;
  int shift;                   /* the bucket of a key: key >> shift, masked */
  size_t *count[2];            /* by half: rows per bucket, then where the
                                  half's next row of the bucket goes */
  size_t *start;               /* RADIX_BUCKETS + 1 bucket starts in to */
  atomic_size_t next;          /* the next bucket to look at */
} radix;

typedef struct radix_half {
  radix *r;
  int half;                    /* 0: rows [0, n/2), 1: rows [n/2, n) */
  uint64_t diff;               /* the bits in which keys differ from the
                                  first row's */
} radix_half;

static size_t half_from(const radix_half *h) {
  return h->half ? h->r->n / 2 : 0;
}

static size_t half_to(const radix_half *h) {
  return h->half ? h->r->n : h->r->n / 2;
}

static size_t bucket_of(const radix *r, uint64_t key) {
  return (size_t)(key >> r->shift) & (RADIX_BUCKETS - 1);
}

static void *radix_diff(void *arg) {
  radix_half *h = arg;
  uint64_t first = h->r->from[0].key, diff = 0;
  for (size_t i = half_from(h), end = half_to(h); i < end; i++)
    diff |= h->r->from[i].key ^ first;
  h->diff = diff;
  return NULL;
}

static void *radix_count(void *arg) {
  radix_half *h = arg;
  size_t *count = h->r->count[h->half];
  for (size_t i = half_from(h), end = half_to(h); i < end; i++)
    count[bucket_of(h->r, h->r->from[i].key)]++;
  return NULL;
}

static void *radix_move(void *arg) {
  radix_half *h = arg;
  size_t *at = h->r->count[h->half];
  for (size_t i = half_from(h), end = half_to(h); i < end; i++)
    h->r->to[at[bucket_of(h->r, h->r->from[i].key)]++] = h->r->from[i];
  return NULL;
}

static void *radix_sort_buckets(void *arg) {
  radix *r = ((radix_half *)arg)->r;
  for (size_t b; (b = atomic_fetch_add(&r->next, 1)) < RADIX_BUCKETS;) {
    row *a = r->to + r->start[b];
    size_t n = r->start[b + 1] - r->start[b];
    if (!sorted(a, n))
      sort_rows(a, n, 64);
  }
  return NULL;
}

/* fn on both halves, the second in a helper thread when one starts. */
static void both_halves(void *(*fn)(void *), radix_half h[2]) {
  pthread_t thread;
  int helper = pthread_create(&thread, NULL, fn, &h[1]) == 0;
  fn(&h[0]);
  if (helper)
    pthread_join(thread, NULL);
  else
    fn(&h[1]);
}

static void sort_all(import_job *j) {
  radix r = { .from = j->rows, .n = j->nrows };
  radix_half h[2] = { { &r, 0, 0 }, { &r, 1, 0 } };
  if (r.n < IMPORT_SPLIT_ROWS) {
    sort_rows(j->rows, j->nrows, 64);
    return;
  }
  r.to = malloc(r.n * sizeof *r.to);
  r.count[0] = calloc(RADIX_BUCKETS, sizeof(size_t));
  r.count[1] = calloc(RADIX_BUCKETS, sizeof(size_t));
  r.start = malloc((RADIX_BUCKETS + 1) * sizeof(size_t));
  if (r.to && r.count[0] && r.count[1] && r.start) {
    both_halves(radix_diff, h);
    uint64_t diff = h[0].diff | h[1].diff;
    int high = 63;
    while (high > 0 && !(diff >> high & 1))
      high--;
    r.shift = high + 1 > RADIX_BITS ? high + 1 - RADIX_BITS : 0;
    both_halves(radix_count, h);
    size_t at = 0;
    for (size_t b = 0; b < RADIX_BUCKETS; b++) {
      size_t low = r.count[0][b], high_half = r.count[1][b];
      r.start[b] = at;
      r.count[0][b] = at;
      r.count[1][b] = at + low;
      at += low + high_half;
    }
    r.start[RADIX_BUCKETS] = at;
    both_halves(radix_move, h);
    atomic_init(&r.next, 0);
    both_halves(radix_sort_buckets, h);
    free(j->rows);
    j->rows = r.to;
    j->rows_cap = r.n;
    r.to = NULL;
  } else {
    sort_in_place(j->rows, j->nrows);
  }
  free(r.to);
  free(r.count[0]);
  free(r.count[1]);
  free(r.start);
}

static void arrange(import_job *j) {
  if (!sorted(j->rows, j->nrows))
    sort_all(j);
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
    unpack(r[i].key, &k);
    memcpy(b->codes[i], k.code, sizeof k.code);
    b->rows[i] = (import_check_row){ unit_code(j, k.unit), b->codes[i],
                                     r[i].value, r[i].line };
  }
  unpack(r[0].key, &k);
  if (j->o->check(j->o->check_ud, j, ind_code(j, k.ind), b->rows, n) != 0)
    return fail(j, "the check of %s stopped the import", ind_code(j, k.ind));
  return 0;
}

/* Rows of one indicator are neighbours once sorted: hand each checked
** indicator's run over in batches. */
static int run_checks(import_job *j) {
  batch b = { malloc(IMPORT_CHECK_BATCH * sizeof *b.rows),
              malloc(IMPORT_CHECK_BATCH * sizeof *b.codes) };
  int rc = b.rows && b.codes ? 0 : fail(j, "out of memory");
  for (size_t i = 0, n; rc == 0 && i < j->nrows; i += n) {
    uint32_t ind = (uint32_t)(j->rows[i].key >> 48);
    for (n = 1; n < IMPORT_CHECK_BATCH && i + n < j->nrows &&
                (uint32_t)(j->rows[i + n].key >> 48) == ind; n++)
      ;
    if (j->checked[ind])
      rc = check_batch(j, &b, j->rows + i, n);
  }
  free(b.rows);
  free(b.codes);
  return rc;
}

/* ---- writing ---- */

static int exec(import_job *j, const char *sql) {
  if (sqlite3_exec(j->db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return 0;
  return fail_sql(j, sql);
}

static long long query_int(import_job *j, const char *sql, long long arg) {
  sqlite3_stmt *st;
  long long v = -1;
  if (sqlite3_prepare_v2(j->db, sql, -1, &st, NULL) != SQLITE_OK)
    return fail_sql(j, "reading the store");
  sqlite3_bind_int64(st, 1, arg);
  if (sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  else
    fail_sql(j, "reading the store");
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
  return exec(j, sql);
}

static void restore_cache(import_job *j) {
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
    return fail_sql(j, "reading the schema");
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *name = (const char *)sqlite3_column_text(st, 0);
    const char *sql = (const char *)sqlite3_column_text(st, 1);
    if (text_add(&j->indexes, name, strlen(name) + 1) != 0 ||
        text_add(&j->indexes, sql, strlen(sql) + 1) != 0) {
      sqlite3_finalize(st);
      return fail(j, "out of memory");
    }
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? 0 : fail_sql(j, "reading the schema");
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
    int rc = sql ? exec(j, sql) : fail(j, "out of memory");
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
    if (exec(j, sql) != 0)
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
    return fail_sql(j, "preparing the import");
  if (j->o->dry_run)
    return 0;
  if (audit_open(&j->log, j->db) != SQLITE_OK)
    return fail_sql(j, "preparing the import");
  return 0;
}

static const char *note_of(const import_job *j, const row *r) {
  size_t at = r->extra ? j->extras[r->extra - 1].note : 0;
  return at ? j->extras_text.p + at - 1 : NULL;
}

static const char *source_of(const import_job *j, const row *r) {
  size_t at = r->extra ? j->extras[r->extra - 1].source : 0;
  return at ? j->extras_text.p + at - 1 : NULL;
}

static void bind_key(import_job *j, sqlite3_stmt *st, const key_parts *k) {
  sqlite3_bind_text(st, 1, ind_code(j, k->ind), -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 2, k->p.year);
  sqlite3_bind_int(st, 3, (int)k->p.kind);
  sqlite3_bind_int(st, 4, k->p.num);
  sqlite3_bind_text(st, 5, unit_code(j, k->unit), -1, SQLITE_STATIC);
}

/* Whether the indicator has any stored value: when not, none of its rows
** needs a lookup (a first import of an indicator reads nothing). */
static int probe(import_job *j, uint32_t ind) {
  sqlite3_bind_text(j->probe, 1, ind_code(j, ind), -1, SQLITE_STATIC);
  int rc = sqlite3_step(j->probe);
  sqlite3_reset(j->probe);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail_sql(j, "reading stored values");
  j->probe_found = rc == SQLITE_ROW;
  return 0;
}

/* ---- JSON for the audit ---- */

/* The shortest text that reads back as v. */
static void json_number(char *out, size_t size, double v) {
  for (int prec = 15; prec <= 17; prec++) {
    snprintf(out, size, "%.*g", prec, v);
    if (strtod(out, NULL) == v)
      return;
  }
}

static int json_string(text *t, const char *s) {
  static const char hex[] = "0123456789abcdef";
  if (text_add(t, "\"", 1) != 0)
    return -1;
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    char esc[7] = { '\\', (char)c, 0 };
    if (c < 0x20) {
      memcpy(esc, "\\u00", 4);
      esc[4] = hex[c >> 4];
      esc[5] = hex[c & 15];
      esc[6] = 0;
    }
    if (c < 0x20 || c == '"' || c == '\\' ? text_str(t, esc)
                                           : text_add(t, s, 1))
      return -1;
  }
  return text_add(t, "\"", 1);
}

/* A text column of the audit's JSON, when it is part of the change. */
static int json_text(text *t, const char *name, const char *v) {
  if (text_str(t, ",\"") != 0 || text_str(t, name) != 0 ||
      text_str(t, "\":") != 0)
    return -1;
  return v ? json_string(t, v) : text_str(t, "null");
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
  char num[32];
  text *o = &j->old_json, *n = &j->new_json;
  o->len = n->len = 0;
  json_number(num, sizeof num, old->value);
  int bad = text_str(o, "{\"value\":") || text_str(o, num);
  json_number(num, sizeof num, r->value);
  bad |= text_str(n, "{\"value\":") || text_str(n, num);
  if (j->col[COL_NOTE] >= 0 && !same_text(old->note, note_of(j, r)))
    bad |= json_text(o, "note", old->note) ||
           json_text(n, "note", note_of(j, r));
  if (j->col[COL_SOURCE] >= 0 && !same_text(old->source, source_of(j, r)))
    bad |= json_text(o, "source", old->source) ||
           json_text(n, "source", source_of(j, r));
  bad |= text_str(o, "}") || text_str(n, "}");
  return bad ? fail(j, "out of memory") : 0;
}

static int audit(import_job *j, const char *action, const char *key,
                 const char *old, const char *new, sqlite3_int64 *id) {
  audit_row entry = { j->now, "import", action, "indicator_values", key, old,
                    new };
  return audit_write(&j->log, &entry, id) == SQLITE_OK
             ? 0 : fail_sql(j, "writing the audit");
}

static int audit_change(import_job *j, const stored *old, const row *r,
                        const key_parts *k) {
  char key[600];
  if (audit_json(j, old, r) != 0)
    return IMPORT_FAILED;
  snprintf(key, sizeof key, "%s/%s/%s", ind_code(j, k->ind),
           unit_code(j, k->unit), k->code);
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
    return fail_sql(j, "reading stored values");
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
  stored old = { 0, NULL, NULL };
  int found = 0;
  if (j->probe_found) {
    unpack(r->key, &k);
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
    j->rows[j->nwrite++] = *r;   /* i >= nwrite: key order is kept */
  return rc;
}

/* Every row in key order; indicators without stored values skip lookups.
** Leaves the rows to write first in j->rows, j->nwrite of them. */
static int compare_all(import_job *j) {
  uint32_t current = UINT32_MAX;
  for (size_t i = 0; i < j->nrows; i++) {
    uint32_t ind = (uint32_t)(j->rows[i].key >> 48);
    if (ind != current && probe(j, current = ind) != 0)
      return IMPORT_FAILED;
    if (compare_row(j, i) != 0)
      return IMPORT_FAILED;
    progress(j, "compared", i + 1, j->nrows);
  }
  progress_done(j);
  return 0;
}

/* The file's own audit row: what it was and what it did. Its id goes
** with every row written (import_id), its time is theirs. */
static int audit_import(import_job *j) {
  char counts[200];
  text *t = &j->new_json;
  t->len = 0;
  snprintf(counts, sizeof counts, ",\"read\":%llu,\"added\":%llu,"
           "\"changed\":%llu,\"unchanged\":%llu}", j->res->read,
           j->res->added, j->res->changed, j->res->unchanged);
  if (text_str(t, "{\"file\":") || json_string(t, j->name) ||
      text_str(t, counts))
    return fail(j, "out of memory");
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
  uint32_t bits = (uint32_t)(key >> 32) & 0xFFFF;
  c->k.ind = (uint32_t)(key >> 48);
  c->k.unit = (uint32_t)key;
  if (c->i == 0 || bits != c->period_bits) {
    unpack(key, &c->k);
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
  progress(c->job, "written", c->i, c->job->nwrite);
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
  case RCOL_INDICATOR: result_text(ctx, ind_code(j, c->k.ind)); break;
  case RCOL_YEAR: sqlite3_result_int(ctx, c->k.p.year); break;
  case RCOL_PTYPE: sqlite3_result_int(ctx, (int)c->k.p.kind); break;
  case RCOL_PNUM: sqlite3_result_int(ctx, c->k.p.num); break;
  case RCOL_UNIT: result_text(ctx, unit_code(j, c->k.unit)); break;
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
    return fail_sql(j, "preparing the import");
  int rc = sqlite3_prepare_v2(j->db, sql, -1, &st, NULL);
  if (rc == SQLITE_OK) {
    sqlite3_bind_int64(st, 1, j->import_id);
    rc = sqlite3_step(st);
  }
  if (rc != SQLITE_DONE)
    fail_sql(j, "writing values");
  sqlite3_finalize(st);
  sqlite3_create_module(j->db, ROWS_TABLE, NULL, NULL);
  progress_done(j);
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
  return exec(j, sql);
}

/*
** value_years (yearly.h): list each (indicator, year) the rows written
** fall in (they are in key order, which starts with indicator and year, so
** a pair is one run of rows), then refresh every listed pair.
*/
static int keep_years(import_job *j) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(j->db, YEARLY_MARK_SQL, -1, &st, NULL) != SQLITE_OK)
    return fail_sql(j, "keeping value_years");
  int rc = SQLITE_DONE;
  for (size_t i = 0; i < j->nwrite && rc == SQLITE_DONE; i++) {
    uint64_t pair = j->rows[i].key >> 39;
    if (i > 0 && pair == j->rows[i - 1].key >> 39)
      continue;
    key_parts k;
    unpack(j->rows[i].key, &k);
    sqlite3_bind_text(st, 1, ind_code(j, k.ind), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, k.p.year);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE || yearly_refresh(j->db) != SQLITE_OK)
    return fail_sql(j, "keeping value_years");
  return 0;
}

/* Compare every row with the store; then, for real, record the import
** and write what differs in one statement, indexes dropped around it for
** a bulk load, the triggers that list pairs for value_years too (the
** import keeps value_years itself). */
static int write_all(import_job *j) {
  if (prepare_all(j) != 0 || compare_all(j) != 0)
    return IMPORT_FAILED;
  if (j->o->dry_run)
    return 0;
  if (audit_import(j) != 0)
    return IMPORT_FAILED;
  if (j->nwrite == 0)
    return 0;
  if (drop_indexes(j) != 0 || widen_cache(j) != 0 ||
      exec(j, YEARLY_DROP_TRIGGERS) != 0 || insert_rows(j) != 0 ||
      make_indexes(j) != 0 || keep_years(j) != 0 ||
      exec(j, YEARLY_TRIGGERS) != 0)
    return IMPORT_FAILED;
  return refresh_stats(j);
}

/* ---- the transaction ---- */

/* A real import takes the write lock before it reads the plan; a dry run
** reads one snapshot. Inside the caller's transaction: a savepoint. */
static int tx_begin(import_job *j) {
  j->nested = !sqlite3_get_autocommit(j->db);
  return exec(j, j->nested ? "SAVEPOINT import_values"
                 : j->o->dry_run ? "BEGIN" : "BEGIN IMMEDIATE");
}

static int tx_commit(import_job *j) {
  return exec(j, j->nested ? "RELEASE import_values" : "COMMIT");
}

static void tx_rollback(import_job *j) {
  if (j->nested) {
    sqlite3_exec(j->db, "ROLLBACK TO import_values; RELEASE import_values",
                 NULL, NULL, NULL);
  } else if (!sqlite3_get_autocommit(j->db)) {
    sqlite3_exec(j->db, "ROLLBACK", NULL, NULL, NULL);
  }
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

static void journal_end(import_job *j);

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
static void journal_begin(import_job *j) {
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
    journal_end(j);
}

/* After the transaction: back to WAL. When that fails (a reader holds the
** file past the busy timeout), the connection stays in rollback mode, and
** synchronous FULL with it, until store.c's next read-write open. */
static void journal_end(import_job *j) {
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
  dict_free(&j->indicators);
  unitname_free(j->units);
  free(j->ind);
  free(j->checked);
  free(j->rows);
  free(j->extras);
  free(j->extras_text.p);
  free(j->old_json.p);
  free(j->new_json.p);
  free(j->indexes.p);
  for (size_t i = 0; i < j->nerrs; i++)
    free(j->errs[i].msg);
}

/* Check everything, then write (or count) only when nothing failed. */
static int run(import_job *j) {
  int rc = load_plan(j);
  if (rc == IMPORT_OK)
    rc = scan(j);
  if (rc == IMPORT_OK) {
    arrange(j);
    if (j->o->check)
      rc = run_checks(j);
  }
  if (rc == IMPORT_OK && errors_found(j))
    rc = IMPORT_INVALID;
  if (rc == IMPORT_OK)
    rc = write_all(j);
  return rc;
}

int import_values(sqlite3 *db, const import_opts *opts, import_result *res) {
  import_job j;
  job_init(&j, db, opts, res);
  journal_begin(&j);
  int rc = tx_begin(&j) != 0 ? IMPORT_FAILED : run(&j);
  if (rc == IMPORT_OK && !opts->dry_run && tx_commit(&j) != 0)
    rc = IMPORT_FAILED;
  if (rc != IMPORT_OK || opts->dry_run)
    tx_rollback(&j);
  journal_end(&j);
  restore_cache(&j);
  progress_done(&j);
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
