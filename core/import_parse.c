/*
** import_parse.c: the import's pass over the file (import.h says what a
** good line is): the header, then every field of every line, each good line
** kept as a row of the job (import_job.h); a large file parsed by two
** threads.
*/
#define _POSIX_C_SOURCE 200809L
#include "import_job.h"

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "safefile.h"

#define IMPORT_SPLIT_BYTES (1 << 20) /* files from which two threads parse */

static int column_of(const csv_field *f) {
  for (int c = 0; c < NCOLS; c++)
    if (strcmp(f->data, import_column_names[c]) == 0 &&
        strlen(f->data) == f->len)
      return c;
  return -1;
}

static void header_field(import_job *j, const csv_record *rec, int i) {
  char shown[IMPORT_SHOW_SIZE];
  const csv_field *f = &rec->fields[i];
  int c = column_of(f);
  if (c < 0)
    import_error(j, rec->line, "unknown column '%s' (the columns are "
                 COLUMN_LIST ")",
                 import_show(shown, sizeof shown, f->data, f->len));
  else if (j->col[c] >= 0)
    import_error(j, rec->line, "column '%s' appears twice (fields %d and %d)",
                 import_column_names[c], j->col[c] + 1, i + 1);
  else
    j->col[c] = i;
}

/* Read the header; any problem with it stops the import there. */
static int read_header(import_job *j, const csv_record *rec) {
  j->header_done = 1;
  j->ncols = rec->count;
  if (rec->bad_field >= 0) {
    import_error(j, rec->line, "the header is not valid UTF-8 (field %d)",
                 rec->bad_field + 1);
    return 1;
  }
  for (int i = 0; i < rec->count; i++)
    header_field(j, rec, i);
  for (int c = 0; c < REQUIRED_COLS; c++)
    if (j->col[c] < 0)
      import_error(j, rec->line, "missing column '%s' (the columns are "
                   COLUMN_LIST ")", import_column_names[c]);
  return import_errors_found(j);
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
        name = import_column_names[c];
    import_error(j, rec->line, "%s: invalid UTF-8 (byte %zu of the field)",
                 name,
                 rec->bad_offset + 1);
    return 0;
  }
  for (int c = 0; c < NCOLS; c++) {
    const csv_field *f = field(j, rec, c);
    if (f && memchr(f->data, '\0', f->len)) {
      import_error(j, rec->line, "%s: contains a NUL byte",
                   import_column_names[c]);
      return 0;
    }
  }
  return 1;
}

static long read_indicator(import_job *j, const csv_record *rec) {
  char shown[IMPORT_SHOW_SIZE];
  const csv_field *f = field(j, rec, COL_INDICATOR);
  long id = namemap_get(&j->indicators, f->data, f->len);
  if (f->len == 0)
    import_error(j, rec->line, "indicator: empty");
  else if (id < 0)
    import_error(j, rec->line, "indicator: unknown indicator '%s'",
                 import_show(shown, sizeof shown, f->data, f->len));
  else if (j->ind[id].derived)
    import_error(j, rec->line, "indicator: %s is derived (computed by its "
                 "formula); its values are not imported", f->data);
  else
    return id;
  return -1;
}

static long read_unit(import_job *j, const csv_record *rec) {
  char shown[IMPORT_SHOW_SIZE];
  const csv_field *f = field(j, rec, COL_UNIT);
  long id = unitname_find(j->units, f->data, f->len);
  long near = id < 0 && j->nerrs < IMPORT_MAX_ERRORS
                  ? unitname_near(j->units, f->data, f->len) : -1;
  if (f->len == 0)
    import_error(j, rec->line, "unit: empty");
  else if (id < 0 && near >= 0)
    import_error(j, rec->line, "unit: unknown unit '%s'; did you mean '%s'?",
                 import_show(shown, sizeof shown, f->data, f->len),
                 unitname_official(j->units, (size_t)near));
  else if (id < 0)
    import_error(j, rec->line, "unit: unknown unit '%s' (neither a unit code, "
                 "an alias nor a unit's name)",
                 import_show(shown, sizeof shown, f->data, f->len));
  return id;
}

static int read_period(import_job *j, const csv_record *rec, period *p) {
  char shown[IMPORT_SHOW_SIZE];
  const csv_field *f = field(j, rec, COL_PERIOD);
  if (f->len == 0)
    import_error(j, rec->line, "period: empty");
  else if (period_parse(f->data, p) != 0)
    import_error(j, rec->line, "period: bad period '%s' (expected YYYY, "
                 "YYYY-H1, YYYY-Q1, YYYY-9M or YYYY-MM)",
                 import_show(shown, sizeof shown, f->data, f->len));
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
  char shown[IMPORT_SHOW_SIZE];
  const csv_field *f = field(j, rec, COL_VALUE);
  char *end;
  if (f->len == 0) {
    import_error(j, rec->line, "value: empty");
    return -1;
  }
  if (simple_decimal(f->data, v))
    return 0;
  if (!decimal_syntax(f->data)) {
    import_error(j, rec->line, "value: '%s' is not a number (write it like "
                 "1200 or -3.5: '.' as the decimal point, no thousands "
                 "separator)",
                 import_show(shown, sizeof shown, f->data, f->len));
    return -1;
  }
  *v = strtod(f->data, &end);
  if (end != f->data + f->len || !isfinite(*v)) {
    import_error(j, rec->line, "value: '%s' is out of range",
                 import_show(shown, sizeof shown, f->data, f->len));
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
      ? import_grow(j->extras, &j->extras_cap, j->nextras, sizeof *extras)
      : NULL;
  if (extras == NULL)
    return import_fail(j, "out of memory");
  j->extras = extras;
  if (note && note->len) {
    e.note = j->extras_text.len + 1;
    if (strbuf_add(&j->extras_text, note->data, note->len + 1) != 0)
      return import_fail(j, "out of memory");
  }
  if (source && source->len) {
    e.source = j->extras_text.len + 1;
    if (strbuf_add(&j->extras_text, source->data, source->len + 1) != 0)
      return import_fail(j, "out of memory");
  }
  j->extras[j->nextras++] = e;
  *index = (uint32_t)j->nextras;
  return 0;
}

/* The key of a good line (see row in import_job.h). */
static uint64_t pack_key(uint32_t ind, const period *p, uint32_t unit) {
  assert(ind < 0xFFFF && p->year >= PERIOD_YEAR_MIN &&
         p->year - PERIOD_YEAR_MIN <= 0x1FF && (unsigned)p->kind <= 7 &&
         p->num >= 0 && p->num <= 15);
  return (uint64_t)ind << KEY_IND_SHIFT |
         (uint64_t)(p->year - PERIOD_YEAR_MIN) << KEY_YEAR_SHIFT |
         (uint64_t)p->kind << KEY_KIND_SHIFT |
         (uint64_t)p->num << KEY_PERIOD_SHIFT | (uint64_t)unit;
}

static int keep_row(import_job *j, const csv_record *rec, long ind, long unit,
                    const period *p, double value) {
  row r;
  r.key = pack_key((uint32_t)ind, p, (uint32_t)unit);
  r.value = value;
  r.line = (uint32_t)rec->line;
  if (keep_extra(j, rec, &r.extra) != 0)
    return IMPORT_FAILED;
  row *rows = import_grow(j->rows, &j->rows_cap, j->nrows, sizeof *rows);
  if (rows == NULL)
    return import_fail(j, "out of memory for %zu rows", j->nrows);
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
    import_error(j, rec->line, "%d field%s; the header names %d", rec->count,
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
    import_error(j, rec->line, "period: %s is reported by %s, not by %s ('%s')",
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
    import_error(j, rec->line, "too many lines");
    return 1;
  }
  if (!j->header_done)
    return read_header(j, rec);
  if (rec->count == 1 && rec->fields[0].len == 0)
    return 0;                                   /* a blank line */
  j->res->read++;
  import_progress(j, "read", j->res->read, 0);
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
  strbuf_free(&h->job.extras_text);
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
    return import_fail(j, "%s", h->res.err);
  row *rows = realloc(j->rows, (j->nrows + k->nrows + 1) * sizeof *rows);
  extra *extras = realloc(j->extras, (j->nextras + k->nextras + 1) *
                                     sizeof *extras);
  if (rows)
    j->rows = rows, j->rows_cap = j->nrows + k->nrows + 1;
  if (extras)
    j->extras = extras, j->extras_cap = j->nextras + k->nextras + 1;
  if (!rows || !extras || (k->extras_text.len &&
      strbuf_add(&j->extras_text, k->extras_text.p, k->extras_text.len) != 0))
    return import_fail(j, "out of memory");
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
      import_error(j, h.parser.err_line, "%s", h.parser.err);
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
    import_error(j, p->err_line, "%s", p->err);
  csv_free(p);
  import_progress_done(j);
  if (j->status == IMPORT_FAILED)
    return IMPORT_FAILED;
  if (!j->header_done)
    import_error(j, 0, "the file is empty; its first line must name the "
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

int import_scan(import_job *j) {
  csv_parser p;
  char why[SAFEFILE_ERR_SIZE];
  if (j->o->text != NULL)
    return scan_text(j);
  FILE *f = safefile_fopen(j->o->path, why);
  if (f == NULL) {
    import_error(j, 0, "%s", why);
    return IMPORT_INVALID;
  }
  csv_init(&p, NULL, on_record, j);
  int rc = parse_file(j, &p, f);
  fclose(f);
  return scan_end(j, &p, rc);
}
