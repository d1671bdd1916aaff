/*
** csv.c: a push parser for RFC 4180 text, one state per grammar position.
**
** The hot paths are the runs inside a field: a table marks the bytes that
** end a run, so a run is found with one lookup per byte and copied with one
** memcpy. Everything else (separators, quotes, line ends) goes through the
** small state functions below, each taking one byte.
*/
#include "csv.h"
#include "say.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum {
  S_RECORD,    /* nothing of the record read yet */
  S_FIELD,     /* at the start of a field, after a comma */
  S_UNQUOTED,  /* inside an unquoted field */
  S_QUOTED,    /* inside a quoted field */
  S_QUOTE,     /* a quote inside a quoted field: "" or the closing one */
  S_CR         /* a carriage return outside quotes: a line feed must follow */
};

typedef const unsigned char *cursor;

/* Bytes that end a run: in an unquoted field (1) and in a quoted one (2). */
#define END_UNQUOTED 1
#define END_QUOTED 2
static const unsigned char stops[256] = {
  ['\n'] = END_UNQUOTED | END_QUOTED, ['\r'] = END_UNQUOTED,
  [','] = END_UNQUOTED, ['"'] = END_UNQUOTED | END_QUOTED,
};

static const unsigned char bom_bytes[3] = { 0xEF, 0xBB, 0xBF };

static int fail(csv_parser *p, unsigned long line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(p->err, sizeof p->err, fmt, ap);
  va_end(ap);
  p->err_line = line;
  return CSV_ERROR;
}

void csv_init(csv_parser *p, const csv_limits *lim, csv_record_fn fn,
              void *ud) {
  memset(p, 0, sizeof *p);
  p->fn = fn;
  p->ud = ud;
  if (lim)
    p->lim = *lim;
  if (p->lim.field_bytes == 0)
    p->lim.field_bytes = CSV_FIELD_BYTES;
  if (p->lim.max_fields <= 0)
    p->lim.max_fields = CSV_MAX_FIELDS;
  memcpy(p->stops, stops, sizeof stops);
  p->delimiter = ',';
  p->state = S_RECORD;
  p->line = 1;
  p->bad_field = -1;
}

void csv_set_delimiter(csv_parser *p, char d) {
  p->stops[p->delimiter] &= (unsigned char)~END_UNQUOTED;
  p->delimiter = (unsigned char)d;
  p->stops[p->delimiter] |= END_UNQUOTED;
}

void csv_free(csv_parser *p) {
  free(p->buf);
  free(p->ends);
  free(p->fields);
  p->buf = NULL;
  p->ends = NULL;
  p->fields = NULL;
  p->cap = 0;
  p->fields_cap = 0;
}

/* ---- UTF-8 ---- */

/* Length of the sequence starting at s[0..n), or 0 when it is not valid. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  if (c < 0xC2 || c > 0xF4)
    return 0;                           /* continuation, overlong, > U+10FFFF */
  size_t k = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (n < k)
    return 0;
  for (size_t i = 1; i < k; i++)
    if ((s[i] & 0xC0) != 0x80)
      return 0;
  if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
      (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
    return 0;                           /* overlong, surrogate, too large */
  return k;
}

int csv_utf8_valid(const char *str, size_t len, size_t *bad) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < len) {
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    size_t k = utf8_seq(s + i, len - i);
    if (k == 0) {
      if (bad)
        *bad = i;
      return 0;
    }
    i += k;
  }
  return 1;
}

/* ---- the record buffer ---- */

/* Room for n more bytes and a NUL. */
static int reserve(csv_parser *p, size_t n) {
  if (p->len + n + 1 <= p->cap)
    return 0;
  size_t cap = p->cap ? p->cap : 256;
  while (cap < p->len + n + 1)
    cap *= 2;
  char *grown = realloc(p->buf, cap);
  if (grown == NULL)
    return fail(p, p->line, "%s", say(SAY_OUT_OF_MEMORY));
  p->buf = grown;
  p->cap = cap;
  return 0;
}

/* Add n bytes to the current field, within the field limit. */
static int append(csv_parser *p, const unsigned char *s, size_t n) {
  if (p->len - p->field_start + n > p->lim.field_bytes)
    return fail(p, p->rec_line, say(SAY_CSV_FIELD_TOO_LONG),
                p->nfields + 1, p->lim.field_bytes);
  if (reserve(p, n) != 0)
    return CSV_ERROR;
  memcpy(p->buf + p->len, s, n);
  p->len += n;
  return 0;
}

static int grow_fields(csv_parser *p) {
  int cap = p->fields_cap ? p->fields_cap * 2 : 16;
  if (cap > p->lim.max_fields)
    cap = p->lim.max_fields;
  size_t *ends = realloc(p->ends, (size_t)cap * sizeof *ends);
  if (ends == NULL)
    return fail(p, p->line, "%s", say(SAY_OUT_OF_MEMORY));
  p->ends = ends;
  csv_field *fields = realloc(p->fields, (size_t)cap * sizeof *fields);
  if (fields == NULL)
    return fail(p, p->line, "%s", say(SAY_OUT_OF_MEMORY));
  p->fields = fields;
  p->fields_cap = cap;
  return 0;
}

/* Close the current field: NUL-terminate it and check its UTF-8. */
static int end_field(csv_parser *p) {
  if (p->nfields == p->lim.max_fields)
    return fail(p, p->rec_line, say(SAY_CSV_TOO_MANY_FIELDS),
                p->lim.max_fields);
  if (p->nfields == p->fields_cap && grow_fields(p) != 0)
    return CSV_ERROR;
  if (reserve(p, 0) != 0)
    return CSV_ERROR;
  size_t bad;
  if (p->high && p->bad_field < 0 &&
      !csv_utf8_valid(p->buf + p->field_start, p->len - p->field_start, &bad)) {
    p->bad_field = p->nfields;
    p->bad_offset = bad;
  }
  p->buf[p->len] = '\0';
  p->ends[p->nfields++] = p->len;
  p->len++;
  p->field_start = p->len;
  p->high = 0;
  return 0;
}

/* Close the field and the record, hand it over, start the next one. */
static int end_record(csv_parser *p) {
  if (end_field(p) != 0)
    return CSV_ERROR;
  size_t start = 0;
  for (int i = 0; i < p->nfields; i++) {
    p->fields[i].data = p->buf + start;
    p->fields[i].len = p->ends[i] - start;
    start = p->ends[i] + 1;
  }
  csv_record rec = { p->fields, p->nfields, p->rec_line, p->bad_field,
                     p->bad_offset };
  p->len = p->field_start = 0;
  p->nfields = 0;
  p->bad_field = -1;
  p->state = S_RECORD;
  return p->fn(p->ud, &rec) ? CSV_STOPPED : CSV_OK;
}

/* ---- the states; each returns where it stopped, NULL on error/stop ---- */

static cursor on_field(csv_parser *p, cursor s) {
  int rc = CSV_OK;
  if (*s == p->delimiter) {
    rc = end_field(p);
    p->state = S_FIELD;
    return rc == CSV_OK ? s + 1 : NULL;
  }
  switch (*s) {
  case '"':
    p->quote_line = p->line;
    p->state = S_QUOTED;
    break;
  case '\n':
    rc = end_record(p);
    p->line++;
    break;
  case '\r':
    p->state = S_CR;
    break;
  default:
    p->state = S_UNQUOTED;
    return s;                          /* the byte starts the field's text */
  }
  return rc == CSV_OK ? s + 1 : NULL;
}

/* A run of plain bytes, then the byte that ended it. */
static cursor on_unquoted(csv_parser *p, cursor s, cursor e) {
  cursor q = s;
  unsigned high = 0;
  while (q < e && !(p->stops[*q] & END_UNQUOTED))
    high |= *q++;
  p->high |= high >> 7;
  if (q > s && append(p, s, (size_t)(q - s)) != 0)
    return NULL;
  if (q == e)
    return q;
  if (*q == '"') {
    fail(p, p->line, say(SAY_CSV_QUOTE_INSIDE), p->nfields + 1);
    return NULL;
  }
  return on_field(p, q);               /* a delimiter or a line end */
}

static cursor on_quoted(csv_parser *p, cursor s, cursor e) {
  cursor q = s;
  unsigned high = 0;
  for (; q < e && *q != '"'; q++) {
    high |= *q;
    if (*q == '\n')
      p->line++;
  }
  p->high |= high >> 7;
  if (q > s && append(p, s, (size_t)(q - s)) != 0)
    return NULL;
  if (q == e)
    return q;
  p->state = S_QUOTE;
  return q + 1;
}

static cursor on_quote(csv_parser *p, cursor s) {
  static const unsigned char quote = '"';
  if (*s == '"') {
    p->state = S_QUOTED;
    return append(p, &quote, 1) == 0 ? s + 1 : NULL;
  }
  if (*s == p->delimiter || *s == '\n' || *s == '\r')
    return on_field(p, s);
  fail(p, p->line, say(SAY_CSV_AFTER_QUOTE), p->nfields + 1);
  return NULL;
}

static cursor on_cr(csv_parser *p, cursor s) {
  if (*s != '\n') {
    fail(p, p->line, "%s", say(SAY_CSV_BARE_CR));
    return NULL;
  }
  int rc = end_record(p);
  p->line++;
  return rc == CSV_OK ? s + 1 : NULL;
}

/* Run the grammar over s..e. */
static int run(csv_parser *p, cursor s, cursor e) {
  while (s && s < e) {
    switch (p->state) {
    case S_RECORD:
      p->rec_line = p->line;
      p->state = S_FIELD;
      /* fall through */
    case S_FIELD: s = on_field(p, s); break;
    case S_UNQUOTED: s = on_unquoted(p, s, e); break;
    case S_QUOTED: s = on_quoted(p, s, e); break;
    case S_QUOTE: s = on_quote(p, s); break;
    default: s = on_cr(p, s); break;
    }
  }
  if (s)
    return CSV_OK;
  return p->err[0] ? CSV_ERROR : CSV_STOPPED;
}

/*
** Skip a byte order mark at the start, which may arrive split over chunks.
** Bytes that looked like its beginning but were not are parsed as text.
** Returns how many bytes of s were taken.
*/
static size_t skip_bom(csv_parser *p, cursor s, size_t len, int *rc) {
  size_t i = 0;
  while (i < len && p->bom < 3 && s[i] == bom_bytes[p->bom]) {
    p->bom++;
    i++;
  }
  if (p->bom == 3 || i < len) {
    p->started = 1;
    if (p->bom < 3 && p->bom > 0)
      *rc = run(p, bom_bytes, bom_bytes + p->bom);
  }
  return i;
}

int csv_feed(csv_parser *p, const char *data, size_t len) {
  cursor s = (cursor)data;
  int rc = CSV_OK;
  if (!p->started) {
    size_t taken = skip_bom(p, s, len, &rc);
    s += taken;
    len -= taken;
    if (rc != CSV_OK)
      return rc;
  }
  return run(p, s, s + len);
}

int csv_finish(csv_parser *p) {
  if (!p->started && p->bom > 0) {
    int rc = run(p, bom_bytes, bom_bytes + p->bom);
    p->started = 1;
    if (rc != CSV_OK)
      return rc;
  }
  switch (p->state) {
  case S_RECORD:
    return CSV_OK;
  case S_QUOTED:
    return fail(p, p->quote_line, "%s", say(SAY_CSV_NEVER_CLOSED));
  case S_CR:
    return fail(p, p->line, "%s", say(SAY_CSV_BARE_CR));
  default:
    return end_record(p);
  }
}

int csv_read_file(csv_parser *p, FILE *f) {
  char chunk[1 << 16];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    int rc = csv_feed(p, chunk, n);
    if (rc != CSV_OK)
      return rc;
  }
  if (ferror(f))
    return fail(p, p->line, "%s", say(SAY_CSV_READ_ERROR));
  return csv_finish(p);
}
