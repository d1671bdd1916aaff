/*
** test_csv.c: the RFC 4180 reader (csv.h).
**
** Each text is parsed several times, fed in chunks of 1, 2, 3, 7 bytes and
** whole, and must give the same records every time: chunk boundaries may
** fall anywhere, inside a byte order mark, a CRLF or a "" escape.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "say.h"
#include "csv.h"

/* The records of one parse, written out as "LINE:[f1][f2]\n", with "!k@o"
** after a record whose field k has invalid UTF-8 at offset o. */
typedef struct dump {
  char text[4096];
  size_t len;
  int stop_after;   /* stop after this many records; 0: never */
  int records;
} dump;

static void put(dump *d, const char *s, size_t n) {
  if (d->len + n < sizeof d->text) {
    memcpy(d->text + d->len, s, n);
    d->len += n;
    d->text[d->len] = '\0';
  }
}

static int on_record(void *ud, const csv_record *rec) {
  dump *d = ud;
  char head[64];
  snprintf(head, sizeof head, "%lu:", rec->line);
  put(d, head, strlen(head));
  for (int i = 0; i < rec->count; i++) {
    put(d, "[", 1);
    put(d, rec->fields[i].data, rec->fields[i].len);
    put(d, "]", 1);
    if (rec->fields[i].data[rec->fields[i].len] != '\0')
      put(d, "(no NUL)", 8);
  }
  if (rec->bad_field >= 0) {
    snprintf(head, sizeof head, "!%d@%zu", rec->bad_field, rec->bad_offset);
    put(d, head, strlen(head));
  }
  put(d, "\n", 1);
  d->records++;
  return d->stop_after && d->records >= d->stop_after;
}

/* Parse text (len bytes) in chunks of size chunk (0: whole); returns the
** status and fills d, and err/line with the error if any. */
static int parse(const char *text, size_t len, size_t chunk,
                 const csv_limits *lim, dump *d, char *err,
                 unsigned long *line) {
  csv_parser p;
  int rc = CSV_OK;
  int stop_after = d->stop_after;
  memset(d, 0, sizeof *d);
  d->stop_after = stop_after;
  csv_init(&p, lim, on_record, d);
  if (chunk == 0)
    chunk = len ? len : 1;
  for (size_t at = 0; rc == CSV_OK && at < len; at += chunk)
    rc = csv_feed(&p, text + at, len - at < chunk ? len - at : chunk);
  if (rc == CSV_OK)
    rc = csv_finish(&p);
  if (err) {
    strcpy(err, p.err);
    *line = p.err_line;
  }
  csv_free(&p);
  return rc;
}

/* text must give want, fed in every chunk size. */
static void expect(const char *name, const char *text, size_t len,
                   const char *want) {
  static const size_t chunks[] = { 0, 1, 2, 3, 7 };
  int all = 1;
  for (size_t i = 0; i < sizeof chunks / sizeof *chunks; i++) {
    dump d = { .stop_after = 0 };
    int rc = parse(text, len, chunks[i], NULL, &d, NULL, NULL);
    if (rc != CSV_OK || strcmp(d.text, want) != 0) {
      check_note("chunk %zu: status %d, got:\n%s# want:\n%s", chunks[i], rc,
                 d.text, want);
      all = 0;
      break;
    }
  }
  CHECK(all, "%s", name);
}

#define EXPECT(name, text, want) expect(name, text, sizeof text - 1, want)

/* text must fail with an error containing what, on line, in every chunk. */
static void expect_error(const char *name, const char *text,
                         const csv_limits *lim, const char *what,
                         unsigned long line) {
  static const size_t chunks[] = { 0, 1, 3 };
  int all = 1;
  for (size_t i = 0; i < sizeof chunks / sizeof *chunks; i++) {
    dump d = { .stop_after = 0 };
    char err[256];
    unsigned long at = 0;
    int rc = parse(text, strlen(text), chunks[i], lim, &d, err, &at);
    if (rc != CSV_ERROR || strstr(err, what) == NULL || at != line) {
      check_note("chunk %zu: status %d, line %lu, error '%s'", chunks[i], rc,
                 at, err);
      all = 0;
      break;
    }
  }
  CHECK(all, "%s", name);
}

static void test_fields(void) {
  EXPECT("plain fields, one record per line", "a,b,c\n1,2,3\n",
         "1:[a][b][c]\n2:[1][2][3]\n");
  EXPECT("quoted fields and \"\" escapes",
         "\"a \"\"q\"\"\",b,\"\"\"\"\n", "1:[a \"q\"][b][\"]\n");
  EXPECT("a comma inside quotes", "\"x,y\",z\n", "1:[x,y][z]\n");
  EXPECT("empty fields, quoted or not", ",,\"\"\n", "1:[][][]\n");
  EXPECT("a blank line is one empty field", "a\n\nb\n",
         "1:[a]\n2:[]\n3:[b]\n");
  EXPECT("no final line end", "a,b\nc,d", "1:[a][b]\n2:[c][d]\n");
  EXPECT("a trailing comma at the end", "a,", "1:[a][]\n");
  EXPECT("a quoted field at the very end", "a,\"b\"", "1:[a][b]\n");
  EXPECT("empty input has no record", "", "");
  EXPECT("spaces are kept", " a , b \n", "1:[ a ][ b ]\n");
}

static void test_lines(void) {
  EXPECT("newlines inside quotes stay in the field; the next record's "
         "line counts them", "\"l1\nl2\nl3\",x\nnext,y\n",
         "1:[l1\nl2\nl3][x]\n4:[next][y]\n");
  EXPECT("CRLF line ends", "a,b\r\nc,d\r\n", "1:[a][b]\n2:[c][d]\n");
  EXPECT("CRLF after a quoted field and an empty field",
         "\"a\"\r\nb,\r\n", "1:[a]\n2:[b][]\n");
  EXPECT("CRLF inside quotes is kept", "\"a\r\nb\",c\r\nd\r\n",
         "1:[a\r\nb][c]\n3:[d]\n");
  EXPECT("a blank CRLF line", "a\r\n\r\nb\r\n", "1:[a]\n2:[]\n3:[b]\n");
}

static void test_bom(void) {
  EXPECT("a byte order mark at the start is skipped",
         "\xEF\xBB\xBF" "a,b\n", "1:[a][b]\n");
  EXPECT("a byte order mark alone", "\xEF\xBB\xBF", "");
  EXPECT("a byte order mark then a quoted field",
         "\xEF\xBB\xBF\"a\",b\n", "1:[a][b]\n");
  EXPECT("a byte order mark later is text",
         "a\n\xEF\xBB\xBF" "b\n", "1:[a]\n2:[\xEF\xBB\xBF" "b]\n");
  EXPECT("half a byte order mark is text (invalid UTF-8)",
         "\xEF\xBBx,y\n", "1:[\xEF\xBBx][y]!0@0\n");
  EXPECT("half a byte order mark at the end is text",
         "\xEF\xBB", "1:[\xEF\xBB]!0@0\n");
}

static void test_utf8(void) {
  EXPECT("Vietnamese and 4-byte characters are valid",
         "Sở KH&CN,\xF0\x9F\x98\x80\n", "1:[Sở KH&CN][\xF0\x9F\x98\x80]\n");
  EXPECT("the first invalid field and offset are reported",
         "ok,a\xC3\x28,\xFF\n", "1:[ok][a\xC3\x28][\xFF]!1@1\n");
  EXPECT("invalid UTF-8 in a quoted field over two lines",
         "x\n\"a\nb\xC0\xAF\"\n", "1:[x]\n2:[a\nb\xC0\xAF]!0@3\n");
  EXPECT("the next record starts clean", "\xFF\nok\n",
         "1:[\xFF]!0@0\n2:[ok]\n");
  size_t bad = 99;
  CHECK(csv_utf8_valid("Yên Bái", strlen("Yên Bái"), &bad), "valid text");
  CHECK(!csv_utf8_valid("\xC0\xAF", 2, &bad) && bad == 0, "overlong '/'");
  CHECK(!csv_utf8_valid("a\xED\xA0\x80", 4, &bad) && bad == 1, "a surrogate");
  CHECK(!csv_utf8_valid("\xF4\x90\x80\x80", 4, &bad), "above U+10FFFF");
  CHECK(!csv_utf8_valid("ab\xE1\xBB", 4, &bad) && bad == 2,
        "a sequence cut at the end");
  CHECK(!csv_utf8_valid("\x80", 1, &bad), "a lone continuation byte");
  CHECK(csv_utf8_valid("", 0, &bad), "the empty string");
}

static void test_errors(void) {
  csv_limits small = { 8, 3 };
  expect_error("a quote inside an unquoted field", "a,b\nab\"c\n", NULL,
               "a quote inside an unquoted field", 2);
  expect_error("text after a closing quote", "\"ab\"c,d\n", NULL,
               "field 1: text after the closing quote", 1);
  expect_error("a bare carriage return", "a\rb\n", NULL,
               "carriage return", 1);
  expect_error("a quoted field never closed names the line it opened on",
               "a\nb,\"c\nd\ne\n", NULL, "never closed", 2);
  expect_error("a field over the size limit", "ok\n123456789\n", &small,
               "field 1 is longer than 8 bytes", 2);
  expect_error("a quoted field over the size limit", "a,\"12345\n6789\"\n",
               &small, "field 2 is longer than 8 bytes", 1);
  expect_error("too many fields", "a,b,c\na,b,c,d\n", &small,
               "more than 3 fields", 2);
  dump d = { .stop_after = 0 };
  CHECK(parse("12345678,b,c\n", 13, 1, &small, &d, NULL, NULL) == CSV_OK &&
        strcmp(d.text, "1:[12345678][b][c]\n") == 0,
        "a field of exactly the limit and exactly max fields pass");
}

static void test_stop(void) {
  dump d = { .stop_after = 2 };
  int rc = parse("a\nb\nc\nd\n", 8, 0, NULL, &d, NULL, NULL);
  CHECK(rc == CSV_STOPPED && d.records == 2,
        "the callback stops the parse (status %d, %d records)", rc, d.records);
}

static int count_record(void *ud, const csv_record *rec) {
  unsigned long *n = ud;
  if (rec->count == 3 && rec->line == *n + 1)
    (*n)++;
  return 0;
}

/* A file larger than the read chunk, through a FILE*, with a byte order
** mark; the record buffer stays small however many records pass. */
static void test_file(void) {
  FILE *f = tmpfile();
  const unsigned long rows = 200000;
  fputs("\xEF\xBB\xBF", f);
  for (unsigned long i = 0; i < rows; i++)
    fprintf(f, "IND_%lu,\"U,%lu\",%lu.5\r\n", i % 40, i, i);
  rewind(f);
  csv_parser p;
  unsigned long n = 0;
  csv_init(&p, NULL, count_record, &n);
  int rc = csv_read_file(&p, f);
  CHECK(rc == CSV_OK && n == rows, "every record of a %lu-row file is read "
        "in order with its line (%lu)", rows, n);
  CHECK(p.cap <= 256, "the record buffer is reused (%zu bytes)", p.cap);
  csv_free(&p);
  fclose(f);
}

int main(void) {
  say_use("en"); /* the checks below read the English texts */
  test_fields();
  test_lines();
  test_bom();
  test_utf8();
  test_errors();
  test_stop();
  test_file();
  return check_done();
}
