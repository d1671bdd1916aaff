/*
** rowout.c: CSV, JSON and aligned tables written row by row (see rowout.h).
*/
#include "rowout.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "text.h"

#define OUTBUF (64 * 1024)

/* The cells of the rows held until a table's widths are known. */
typedef struct held {
  char *text;     /* every cell's text, one after another */
  size_t used, cap;
  size_t *off;    /* per cell: offset in text, length, width */
  size_t *len;
  size_t *width;
  unsigned char *num; /* per cell: right-aligned */
  size_t rows;
} held;

struct rowout {
  FILE *f;
  rowout_format format;
  int ncols, bom, max_width;
  char **cols;       /* column names */
  size_t *col_len;
  char *out;         /* output buffer, OUTBUF bytes */
  size_t used;
  int failed;
  size_t rows;       /* rows written or held */
  size_t *widths;    /* table: each column's width */
  int streaming;     /* table: widths decided, header written */
  held h;
  char *scratch;     /* a table cell's text being prepared */
  size_t scap;
  char *esc;         /* a text with its control characters escaped */
  size_t ecap;
  char *line;        /* a table line being assembled */
  size_t lused, lcap;
};

/* ---- output ---- */

static void flush_out(rowout *w) {
  if (w->used && !w->failed && fwrite(w->out, 1, w->used, w->f) != w->used)
    w->failed = 1;
  w->used = 0;
}

static void put(rowout *w, const char *s, size_t n) {
  if (w->used + n > OUTBUF) {
    flush_out(w);
    if (n > OUTBUF) {
      if (!w->failed && fwrite(s, 1, n, w->f) != n)
        w->failed = 1;
      return;
    }
  }
  memcpy(w->out + w->used, s, n);
  w->used += n;
}

static void putc_out(rowout *w, char c) {
  if (w->used == OUTBUF)
    flush_out(w);
  w->out[w->used++] = c;
}

/* Grow *buf (capacity *cap) to hold need bytes; 0 when memory runs out. */
static int reserve(char **buf, size_t *cap, size_t need) {
  if (need <= *cap)
    return 1;
  size_t n = *cap ? *cap : 256;
  while (n < need)
    n *= 2;
  char *p = realloc(*buf, n);
  if (p == NULL)
    return 0;
  *buf = p;
  *cap = n;
  return 1;
}

/* ---- cells as text ---- */

size_t rowout_real(double d, char buf[ROWOUT_REAL_MAX]) {
  if (isnan(d))
    return (size_t)snprintf(buf, ROWOUT_REAL_MAX, "nan");
  if (isinf(d))
    return (size_t)snprintf(buf, ROWOUT_REAL_MAX, d < 0 ? "-inf" : "inf");
  return jsonw_real(d, buf);
}

/* The cell's text: in num (room for ROWOUT_REAL_MAX) for numbers. */
static const char *cell_text(const rowout_cell *c, char *num, size_t *len) {
  switch (c->type) {
  case ROWOUT_INT:
    *len = jsonw_int(c->i, num);
    return num;
  case ROWOUT_REAL:
    *len = rowout_real(c->d, num);
    return num;
  case ROWOUT_TEXT:
    *len = c->len;
    return c->s;
  default:
    *len = 0;
    return "";
  }
}

/*
** s as a terminal or a spreadsheet may show it: every control character
** (C0, DEL, C1, bidirectional overrides and isolates) and ill-formed byte
** written as the escape text_escape_str makes ("\x1B", "\u202E"), LF kept
** when keep_lf, as out.escape does in scripts/lib/out.lua. Plain ASCII is
** returned as it is; anything else is escaped into w->esc. NULL when memory
** ran out (w->failed).
*/
static const char *safe_text(rowout *w, const char *s, size_t n, int keep_lf,
                             size_t *out_n) {
  size_t i = 0;
  while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f)
    i++;
  if (i == n) {
    *out_n = n;
    return s;
  }
  if (!reserve(&w->esc, &w->ecap, TEXT_ESCAPE_MAX(n) + 1)) {
    w->failed = 1;
    return NULL;
  }
  *out_n = text_escape_str(s, n, keep_lf, w->esc);
  return w->esc;
}

/* ---- display width (as scripts/lib/out.lua counts it) ---- */

static int zero_width(uint32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) ||
         cp == 0x200B || cp == 0x200C || cp == 0x200D;
}

static int wide(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
         (cp >= 0x20000 && cp <= 0x3FFFD);
}

static size_t cp_width(uint32_t cp) {
  return zero_width(cp) ? 0 : wide(cp) ? 2 : 1;
}

size_t rowout_width(const char *s, size_t len) {
  size_t w = 0, i = 0;
  while (i < len) {
    if ((unsigned char)s[i] < 0x80) {
      w++, i++;
      continue;
    }
    uint32_t cp;
    size_t n = text_utf8_decode(s + i, len - i, &cp);
    if (n == 0)
      return len;
    w += cp_width(cp);
    i += n;
  }
  return w;
}

/* ---- CSV ---- */

static int is_space(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

static int csv_needs_quote(const char *s, size_t n, int guard) {
  if (n == 0)
    return 0;
  if ((!guard && is_space((unsigned char)s[0])) ||
      is_space((unsigned char)s[n - 1]))
    return 1;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '"' || c == ',' || c == '\r' || c == '\n')
      return 1;
  }
  return 0;
}

static void csv_field(rowout *w, const rowout_cell *c) {
  char num[ROWOUT_REAL_MAX];
  size_t n;
  const char *s = cell_text(c, num, &n);
  if (c->type == ROWOUT_TEXT && (s = safe_text(w, s, n, 1, &n)) == NULL)
    return;
  int guard = c->type == ROWOUT_TEXT && n > 0 &&
              (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
               s[0] == '\t' || s[0] == '\r');
  int quote = csv_needs_quote(s, n, guard);
  if (quote)
    putc_out(w, '"');
  if (guard)
    putc_out(w, '\'');
  if (!quote) {
    put(w, s, n);
    return;
  }
  size_t from = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '"') {
      put(w, s + from, i + 1 - from);
      putc_out(w, '"');
      from = i + 1;
    }
  put(w, s + from, n - from);
  putc_out(w, '"');
}

static void csv_row(rowout *w, const rowout_cell *cells) {
  for (int j = 0; j < w->ncols; j++) {
    if (j)
      putc_out(w, ',');
    csv_field(w, &cells[j]);
  }
  put(w, "\r\n", 2);
}

static void csv_header(rowout *w) {
  if (w->bom)
    put(w, "\xEF\xBB\xBF", 3);
  rowout_cell *c = calloc((size_t)w->ncols + 1, sizeof *c);
  if (c == NULL) {
    w->failed = 1;
    return;
  }
  for (int j = 0; j < w->ncols; j++)
    c[j] = (rowout_cell){ROWOUT_TEXT, 0, 0, w->cols[j], w->col_len[j]};
  csv_row(w, c);
  free(c);
}

/* ---- JSON ---- */

/* jsonw's sink for the row writer's buffer. */
static int put_json(void *w, const char *s, size_t n) {
  put(w, s, n);
  return 0;
}

static void json_string(rowout *w, const char *s, size_t n) {
  jsonw_string(s, n, put_json, w);
}

static void json_value(rowout *w, const rowout_cell *c) {
  char num[JSONW_NUMBER_MAX];
  size_t n;
  if (c->type == ROWOUT_TEXT) {
    json_string(w, c->s, c->len);
  } else if (c->type == ROWOUT_REAL) {
    put(w, num, jsonw_real(c->d, num));
  } else {
    const char *s = cell_text(c, num, &n);
    put(w, s, n);
  }
}

static void json_row(rowout *w, const rowout_cell *cells) {
  put(w, w->rows ? ",\n  " : "[\n  ", 4);
  putc_out(w, '{');
  int first = 1;
  for (int j = 0; j < w->ncols; j++) {
    if (cells[j].type == ROWOUT_NULL)
      continue;
    if (!first)
      putc_out(w, ',');
    first = 0;
    json_string(w, w->cols[j], w->col_len[j]);
    putc_out(w, ':');
    json_value(w, &cells[j]);
  }
  putc_out(w, '}');
}

/* ---- aligned tables ---- */

/*
** The cell as a table shows it, in w->scratch: runs of CR, LF and tab as
** one space, then cut to max_width - 1 columns plus "…" when wider than
** max_width. Returns its length (0 when memory ran out: w->failed).
*/
static size_t table_text(rowout *w, const rowout_cell *c, size_t *width) {
  char num[ROWOUT_REAL_MAX];
  size_t n, k = 0;
  const char *s = cell_text(c, num, &n);
  *width = 0;
  if (!reserve(&w->scratch, &w->scap, n + 4)) {
    w->failed = 1;
    return 0;
  }
  int run = 0;
  for (size_t i = 0; i < n; i++) {
    char ch = s[i];
    int blank = ch == '\r' || ch == '\n' || ch == '\t';
    if (!blank || !run)
      w->scratch[k++] = blank ? ' ' : ch;
    run = blank;
  }
  size_t en;
  const char *e = safe_text(w, w->scratch, k, 0, &en);
  if (e == NULL)
    return 0;
  if (e != w->scratch) {
    if (!reserve(&w->scratch, &w->scap, en + 4)) {
      w->failed = 1;
      return 0;
    }
    memcpy(w->scratch, e, en);
    k = en;
  }
  *width = rowout_width(w->scratch, k);
  if (*width <= (size_t)w->max_width)
    return k;
  size_t i = 0, acc = 0, limit = (size_t)w->max_width - 1;
  while (i < k && acc < limit) {
    uint32_t cp;
    size_t step = text_utf8_decode(w->scratch + i, k - i, &cp);
    if (step == 0)
      step = 1, cp = 'x';
    acc += cp_width(cp);
    i += step;
  }
  memcpy(w->scratch + i, "\xE2\x80\xA6", 3);
  *width = acc + 1;
  return i + 3;
}

static void line_add(rowout *w, const char *s, size_t n) {
  if (!reserve(&w->line, &w->lcap, w->lused + n)) {
    w->failed = 1;
    return;
  }
  memcpy(w->line + w->lused, s, n);
  w->lused += n;
}

static void line_pad(rowout *w, size_t n) {
  if (!reserve(&w->line, &w->lcap, w->lused + n)) {
    w->failed = 1;
    return;
  }
  memset(w->line + w->lused, ' ', n);
  w->lused += n;
}

/* One cell of the line being assembled, padded to its column's width. */
static void line_cell(rowout *w, int j, const char *s, size_t n, size_t width,
                      int right) {
  size_t fill = width < w->widths[j] ? w->widths[j] - width : 0;
  if (j)
    line_pad(w, 2);
  if (right)
    line_pad(w, fill);
  line_add(w, s, n);
  if (!right)
    line_pad(w, fill);
}

/* Write the assembled line, its trailing white space dropped unless keep. */
static void line_end(rowout *w, int keep) {
  if (!keep)
    while (w->lused && is_space((unsigned char)w->line[w->lused - 1]))
      w->lused--;
  put(w, w->line, w->lused);
  putc_out(w, '\n');
  w->lused = 0;
}

static void table_header(rowout *w) {
  for (int j = 0; j < w->ncols; j++)
    line_cell(w, j, w->cols[j], w->col_len[j],
              rowout_width(w->cols[j], w->col_len[j]), 0);
  line_end(w, 0);
  for (int j = 0; j < w->ncols; j++) {
    if (j)
      line_pad(w, 2);
    if (reserve(&w->line, &w->lcap, w->lused + w->widths[j])) {
      memset(w->line + w->lused, '-', w->widths[j]);
      w->lused += w->widths[j];
    }
  }
  line_end(w, 1);
}

static void hold_cell(rowout *w, size_t at, const char *s, size_t n,
                      size_t width, int right) {
  held *h = &w->h;
  if (!reserve(&h->text, &h->cap, h->used + n)) {
    w->failed = 1;
    return;
  }
  memcpy(h->text + h->used, s, n);
  h->off[at] = h->used, h->len[at] = n, h->width[at] = width;
  h->num[at] = (unsigned char)right;
  h->used += n;
}

/* The widths are known: write the header and the held rows. */
static void table_release(rowout *w) {
  held *h = &w->h;
  table_header(w);
  for (size_t r = 0; r < h->rows; r++) {
    for (int j = 0; j < w->ncols; j++) {
      size_t at = r * (size_t)w->ncols + (size_t)j;
      line_cell(w, j, h->text + h->off[at], h->len[at], h->width[at],
                h->num[at]);
    }
    line_end(w, 0);
  }
  h->rows = h->used = 0;
  w->streaming = 1;
}

static void table_row(rowout *w, const rowout_cell *cells) {
  for (int j = 0; j < w->ncols && !w->failed; j++) {
    size_t width, n = table_text(w, &cells[j], &width);
    int right = cells[j].type == ROWOUT_INT || cells[j].type == ROWOUT_REAL;
    if (w->streaming) {
      line_cell(w, j, w->scratch, n, width, right);
      continue;
    }
    if (width > w->widths[j])
      w->widths[j] = width;
    hold_cell(w, w->h.rows * (size_t)w->ncols + (size_t)j, w->scratch, n,
              width, right);
  }
  if (w->streaming) {
    line_end(w, 0);
  } else if (++w->h.rows == ROWOUT_WIDTH_ROWS) {
    table_release(w);
  }
}

/* ---- the writer ---- */

static int table_alloc(rowout *w) {
  size_t cells = (size_t)ROWOUT_WIDTH_ROWS * (size_t)w->ncols;
  w->widths = calloc((size_t)w->ncols + 1, sizeof *w->widths);
  w->h.off = malloc((cells + 1) * sizeof *w->h.off);
  w->h.len = malloc((cells + 1) * sizeof *w->h.len);
  w->h.width = malloc((cells + 1) * sizeof *w->h.width);
  w->h.num = malloc(cells + 1);
  if (!w->widths || !w->h.off || !w->h.len || !w->h.width || !w->h.num)
    return 0;
  for (int j = 0; j < w->ncols; j++)
    w->widths[j] = rowout_width(w->cols[j], w->col_len[j]);
  return 1;
}

rowout *rowout_new(FILE *f, rowout_format format, const char *const *cols,
                   int ncols, int bom, int max_width) {
  rowout *w = calloc(1, sizeof *w);
  if (w == NULL)
    return NULL;
  w->f = f, w->format = format, w->ncols = ncols, w->bom = bom;
  w->max_width = max_width < 2 ? 2 : max_width;
  w->out = malloc(OUTBUF);
  w->cols = calloc((size_t)ncols + 1, sizeof *w->cols);
  w->col_len = calloc((size_t)ncols + 1, sizeof *w->col_len);
  int ok = w->out && w->cols && w->col_len;
  for (int j = 0; ok && j < ncols; j++) {
    /* a table shows its column names escaped (CSV escapes them as cells) */
    size_t n = strlen(cols[j]), en;
    const char *name = format == ROWOUT_TABLE ? safe_text(w, cols[j], n, 0, &en)
                                              : (en = n, cols[j]);
    w->col_len[j] = en;
    w->cols[j] = name ? malloc(en + 1) : NULL;
    ok = w->cols[j] != NULL;
    if (ok) {
      memcpy(w->cols[j], name, en);
      w->cols[j][en] = '\0';
    }
  }
  if (ok && format == ROWOUT_TABLE)
    ok = table_alloc(w);
  if (!ok) {
    rowout_free(w);
    return NULL;
  }
  if (format == ROWOUT_CSV)
    csv_header(w);
  return w;
}

int rowout_row(rowout *w, const rowout_cell *cells) {
  switch (w->format) {
  case ROWOUT_CSV: csv_row(w, cells); break;
  case ROWOUT_JSON: json_row(w, cells); break;
  case ROWOUT_TABLE: table_row(w, cells); break;
  }
  w->rows++;
  return w->failed ? -1 : 0;
}

int rowout_finish(rowout *w) {
  if (w->format == ROWOUT_JSON)
    put(w, w->rows ? "\n]\n" : "[]\n", 3);
  else if (w->format == ROWOUT_TABLE && !w->streaming)
    table_release(w);
  flush_out(w);
  if (!w->failed && fflush(w->f) != 0)
    w->failed = 1;
  return w->failed ? -1 : 0;
}

void rowout_free(rowout *w) {
  if (w == NULL)
    return;
  for (int j = 0; w->cols && j < w->ncols; j++)
    free(w->cols[j]);
  free(w->cols);
  free(w->col_len);
  free(w->out);
  free(w->widths);
  free(w->h.text);
  free(w->h.off);
  free(w->h.len);
  free(w->h.width);
  free(w->h.num);
  free(w->scratch);
  free(w->esc);
  free(w->line);
  free(w);
}
