#ifndef PW_CSV_H
#define PW_CSV_H
/*
** csv: a streaming RFC 4180 reader.
**
** Text is fed in chunks of any size (csv_feed), or read from a FILE*
** (csv_read_file); each complete record goes to the caller's callback. Fields
** are separated by commas (or the delimiter csv_set_delimiter gives: ';' and
** tab as spreadsheets in a Vietnamese locale write them); a field in double quotes may hold commas, line
** ends and quotes written twice (""). Records end with LF or CRLF; the last
** record needs no line end. A UTF-8 byte order mark at the very start is
** skipped. Everything else that RFC 4180 does not allow is an error, never a
** guess: a quote inside an unquoted field, text after a closing quote, a bare
** carriage return outside quotes, a quoted field still open at the end.
**
** A record's fields live in one buffer that is reused and grows as needed
** (never per field), bounded by the limits: a field longer than
** field_bytes, or a record with more than max_fields fields, stops the
** parse with an error. Each field is NUL-terminated for the callback's
** convenience (a field may also hold NUL bytes: use len). Each field is
** checked for valid UTF-8; a record reports its first invalid field instead
** of stopping, so the caller can name it and read on.
*/
#include <stddef.h>
#include <stdio.h>

#define CSV_FIELD_BYTES (64 * 1024) /* default longest field */
#define CSV_MAX_FIELDS 256          /* default most fields in one record */

enum {
  CSV_OK = 0,        /* all fed text was taken */
  CSV_STOPPED = 1,   /* the callback asked to stop */
  CSV_ERROR = -1     /* malformed text, a limit, out of memory: see err */
};

typedef struct csv_field {
  const char *data;   /* the field's bytes, NUL-terminated */
  size_t len;         /* its length in bytes */
} csv_field;

typedef struct csv_record {
  const csv_field *fields; /* count fields; valid during the callback only */
  int count;               /* how many (a blank line is one empty field) */
  unsigned long line;      /* the line the record starts on, from 1 */
  int bad_field;           /* first field that is not valid UTF-8, or -1 */
  size_t bad_offset;       /* byte offset of the bad sequence in that field */
} csv_record;

/* Called once per record; return 0 to go on, nonzero to stop the parse. */
typedef int (*csv_record_fn)(void *ud, const csv_record *rec);

typedef struct csv_limits {
  size_t field_bytes;  /* longest field in bytes; 0: CSV_FIELD_BYTES */
  int max_fields;      /* most fields in a record; 0: CSV_MAX_FIELDS */
} csv_limits;

typedef struct csv_parser {
  csv_record_fn fn;        /* the record callback */
  void *ud;                /* its first argument */
  csv_limits lim;          /* the limits in force */
  unsigned char stops[256]; /* bytes that end a run (csv.c) */
  unsigned char delimiter; /* between fields: ',' unless set */
  int state;               /* where in the grammar the next byte falls */
  int bom;                 /* bytes of a byte order mark matched so far */
  int started;             /* past the byte order mark check */
  int high;                /* the current field has a byte >= 0x80 */
  unsigned long line;      /* the line the next byte is on */
  unsigned long rec_line;  /* the line the current record started on */
  unsigned long quote_line; /* the line an open quoted field started on */
  char *buf;               /* the current record's bytes, fields NUL-ended */
  size_t len, cap;         /* bytes used and allocated in buf */
  size_t field_start;      /* offset in buf where the current field starts */
  size_t *ends;            /* offset of each finished field's NUL */
  csv_field *fields;       /* handed to the callback */
  int nfields, fields_cap; /* finished fields, and room in ends/fields */
  int bad_field;           /* first invalid UTF-8 field of the record, or -1 */
  size_t bad_offset;       /* where in it */
  unsigned long err_line;  /* the line of the error */
  char err[200];           /* what went wrong, without the line */
} csv_parser;

/* Prepare p; lim may be NULL for the defaults. Allocates nothing yet. */
void csv_init(csv_parser *p, const csv_limits *lim, csv_record_fn fn,
              void *ud);

/* Separate fields by d (',', ';' or '\t') instead of commas; before the
** first byte is fed. */
void csv_set_delimiter(csv_parser *p, char d);

/* Parse the next len bytes. Returns CSV_OK, CSV_STOPPED or CSV_ERROR; after
** anything but CSV_OK the parser must only be freed. */
int csv_feed(csv_parser *p, const char *data, size_t len);

/* End of input: hand over the last record if it had no line end. Returns
** as csv_feed (an open quoted field is an error). */
int csv_finish(csv_parser *p);

/* Feed the whole of f, then finish. A read error is CSV_ERROR. */
int csv_read_file(csv_parser *p, FILE *f);

/* Release the buffers; p may be initialised again. */
void csv_free(csv_parser *p);

/* Check that s[0..len) is valid UTF-8 (shortest forms, no surrogates, at
** most U+10FFFF). Returns 1, or 0 with *bad set to the offending offset. */
int csv_utf8_valid(const char *s, size_t len, size_t *bad);

#endif
