#ifndef PW_ROWOUT_H
#define PW_ROWOUT_H
/*
** rowout: rows written as they come, in the three formats scripts print
** (scripts/lib/out.lua makes the same text from Lua tables):
**
**   CSV    RFC 4180 with CRLF line ends, a header line of the column names,
**          a field quoted when it holds '"', ',', CR or LF or starts or ends
**          with white space; a text cell a spreadsheet would run as a formula
**          (starting with =, +, -, @, tab or CR) gets a leading apostrophe;
**          optionally a UTF-8 byte order mark first (for Excel).
**   JSON   an array of objects, one a line, keys in column order, a NULL
**          cell left out (as scripts/lib/json.lua writes them).
**   table  aligned columns by display width, numbers right-aligned, a cell
**          longer than max_width columns cut with "…". The widths come from
**          the first ROWOUT_WIDTH_ROWS rows, which are held until then; later
**          rows are written at once with those widths (a wider cell pushes
**          the rest of its line to the right), so memory stays flat.
**
** Numbers are written exactly: an integer in full, a real as the shortest
** of %.15g, %.16g and %.17g that reads back as the same double.
** Text is written as it is (invalid UTF-8 counts one column a byte).
*/
#include <stddef.h>
#include <stdio.h>

/* Rows whose widths make an aligned table's columns. */
#define ROWOUT_WIDTH_ROWS 1000

/* Room for a real written by rowout_real, with its NUL. */
#define ROWOUT_REAL_MAX 32

typedef enum { ROWOUT_CSV, ROWOUT_JSON, ROWOUT_TABLE } rowout_format;

typedef enum { ROWOUT_NULL, ROWOUT_INT, ROWOUT_REAL, ROWOUT_TEXT } rowout_type;

/* One cell; s points at len bytes the writer copies when it keeps them. */
typedef struct rowout_cell {
  rowout_type type;
  long long i; /* ROWOUT_INT */
  double d;    /* ROWOUT_REAL */
  const char *s; /* ROWOUT_TEXT */
  size_t len;
} rowout_cell;

typedef struct rowout rowout;

/* A writer of ncols columns named cols (copied) to f. bom: CSV starts with
** a byte order mark. max_width: a table cell's widest (at least 2). NULL
** when memory runs out. */
rowout *rowout_new(FILE *f, rowout_format format, const char *const *cols,
                   int ncols, int bom, int max_width);

/* Write one row of ncols cells. 0, or -1 when writing failed (errno). */
int rowout_row(rowout *w, const rowout_cell *cells);

/* Write what is held and the end (a table's held rows, JSON's "]"), then
** flush to f. 0, or -1 when writing failed. */
int rowout_finish(rowout *w);

/* Free w (NULL is fine), whether finished or not. */
void rowout_free(rowout *w);

/* Write d into buf exactly (see above); its length. inf and nan as
** "inf", "-inf", "nan" (JSON writes null for them). */
size_t rowout_real(double d, char buf[ROWOUT_REAL_MAX]);

/* The number of terminal columns s[0..len) takes: combining marks and
** zero-width characters 0, East Asian wide characters and emoji 2. */
size_t rowout_width(const char *s, size_t len);

#endif
