#ifndef PW_FUZZ_TARGETS_H
#define PW_FUZZ_TARGETS_H
/*
** targets.h: the bodies of the fuzz targets, one function per target, each
** taking arbitrary bytes. The libFuzzer drivers (tests/fuzz/fuzz_*.c) call
** one each; tests/c/test_fuzz_regressions.c, built without libFuzzer,
** replays the seed corpora and every input kept under tests/fuzz/regressions
** through the same functions.
**
** A target checks properties, not only the absence of crashes: a broken
** property is reported with fuzz_fail, which aborts (libFuzzer keeps the
** input as a crash) or, in the replay (built with FUZZ_REPLAY defined),
** counts it in fuzz_broken and lets the target go on, so that the replay
** names each input that breaks a property. The properties:
**   csv     the records do not depend on how the text is cut into chunks;
**           every field is NUL-terminated and its UTF-8 verdict agrees with
**           the three UTF-8 validators of the core (csv, mime, text)
**   period  what parses formats back to the same text; next/prev invert
**           each other; day counts round-trip; workday arithmetic lands on
**           a working day after the start
**   mime    a built message has CRLF line ends only, no line over 998
**           bytes, printable ASCII headers, encoded-words of at most 75
**           characters, and its Subject decodes (unfold, RFC 2047) to the
**           subject given; base64 decodes back to its input
**   plugin  the text as a plugin file, evaluated in this process with small
**           limits (plugin_answer) and its answer accepted into a host
**           state (plugin_accept): no crash, one or two values pushed. A
**           text naming a pattern function (find, match, gmatch, gsub) is
**           skipped: in one process nothing bounds a backtracking match
**           (only the child process of plugin_call does, which the fuzzer
**           cannot see into); test_forkrun.c and hardening_spec.lua test
**           that path
**   luaser  arbitrary bytes decoded into a capped state never crash; what
**           decodes re-encodes to bytes that decode to an equal value
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "csv.h"
#include "mime.h"
#include "period.h"
#include "plugin.h"
#include "luaser.h"
#include "text.h"

#define FUZZ_PRELUDE "scripts/lib/plugin_env.lua"

#ifdef FUZZ_REPLAY
static unsigned long fuzz_broken; /* properties broken so far */
#endif

static inline void fuzz_fail(const char *what) {
#ifdef FUZZ_REPLAY
  if (fuzz_broken++ < 20)           /* the first few: an input may break */
    fprintf(stderr, "fuzz: property broken: %s\n", what); /* many lines */
#else
  fprintf(stderr, "fuzz: property broken: %s\n", what);
  abort();
#endif
}

#define FUZZ_CHECK(cond, what) \
  do { if (!(cond)) fuzz_fail(what); } while (0)

/* ---- csv ---- */

/* A running digest of the records seen, to compare two parses. */
typedef struct fuzz_digest {
  uint64_t h;
  unsigned long records;
} fuzz_digest;

static inline void fuzz_mix(fuzz_digest *d, const void *p, size_t n) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++)
    d->h = (d->h ^ s[i]) * 1099511628211u;
  d->h = (d->h ^ n) * 1099511628211u;
}

static inline int fuzz_on_record(void *ud, const csv_record *rec) {
  fuzz_digest *d = ud;
  d->records++;
  FUZZ_CHECK(rec->count >= 1, "csv: a record with no field");
  fuzz_mix(d, &rec->line, sizeof rec->line);
  fuzz_mix(d, &rec->bad_field, sizeof rec->bad_field);
  int bad = -1;
  for (int i = 0; i < rec->count; i++) {
    const csv_field *f = &rec->fields[i];
    FUZZ_CHECK(f->data[f->len] == '\0', "csv: a field is not NUL-terminated");
    fuzz_mix(d, f->data, f->len);
    size_t at;
    int csv_ok = csv_utf8_valid(f->data, f->len, &at);
    int mime_ok = mime_check_utf8(f->data, f->len) == 0;
    size_t at2;
    int text_ok = text_utf8_valid(f->data, f->len, &at2);
    FUZZ_CHECK(csv_ok == mime_ok && csv_ok == text_ok,
               "csv: the UTF-8 validators disagree");
    if (!csv_ok && bad < 0)
      bad = i;
  }
  FUZZ_CHECK(bad == rec->bad_field, "csv: bad_field is not the first invalid");
  return 0;
}

/* Parse all of data, cut into chunks of the sizes `cut` gives (0: one
** piece); returns the final status and fills the digest. */
static inline int fuzz_csv_parse(const uint8_t *data, size_t size,
                                 const uint8_t *cut, size_t ncut,
                                 fuzz_digest *d, unsigned long *err_line) {
  csv_limits lim = { 64, 8 }; /* small: reach the limits too */
  csv_parser p;
  memset(d, 0, sizeof *d);
  d->h = 1469598103934665603u;
  csv_init(&p, &lim, fuzz_on_record, d);
  int rc = CSV_OK;
  size_t i = 0, k = 0;
  while (rc == CSV_OK && i < size) {
    size_t n = ncut ? (size_t)(cut[k++ % ncut] % 7) + 1 : size;
    if (n > size - i)
      n = size - i;
    rc = csv_feed(&p, (const char *)data + i, n);
    i += n;
  }
  if (rc == CSV_OK)
    rc = csv_finish(&p);
  *err_line = rc == CSV_ERROR ? p.err_line : 0;
  csv_free(&p);
  return rc;
}

static inline int fuzz_csv(const uint8_t *data, size_t size) {
  fuzz_digest whole, pieces;
  unsigned long line1, line2;
  int rc1 = fuzz_csv_parse(data, size, NULL, 0, &whole, &line1);
  int rc2 = fuzz_csv_parse(data, size, data, size < 16 ? size : 16, &pieces,
                           &line2);
  FUZZ_CHECK(rc1 == rc2 && line1 == line2,
             "csv: the outcome depends on how the text is cut");
  FUZZ_CHECK(whole.records == pieces.records && whole.h == pieces.h,
             "csv: the records depend on how the text is cut");
  return 0;
}

/* ---- period ---- */

static inline int fuzz_period(const uint8_t *data, size_t size) {
  char s[32];
  size_t n = size < sizeof s - 1 ? size : sizeof s - 1;
  memcpy(s, data, n);
  s[n] = '\0';
  period p, q, r;
  char buf[PERIOD_CODE_SIZE];
  if (period_parse(s, &p) == 0) {
    FUZZ_CHECK(period_valid(&p), "period: parsed but not valid");
    FUZZ_CHECK(period_format(&p, buf, sizeof buf) == 0 && strcmp(buf, s) == 0,
               "period: does not format back to its text");
    period_date a = period_start(&p), b = period_end(&p), f, t;
    FUZZ_CHECK(period_date_compare(a, b) <= 0, "period: ends before it starts");
    FUZZ_CHECK(period_cutoff(&p, &f, &t) == 0 &&
               period_date_compare(f, t) < 0, "period: bad cut-off window");
    if (period_next(&p, &q) == 0) {
      FUZZ_CHECK(period_compare(&p, &q) < 0, "period: next is not later");
      FUZZ_CHECK(period_prev(&q, &r) == 0 && period_compare(&p, &r) == 0,
                 "period: prev(next(p)) is not p");
    }
    period_date due;
    int days = n > 0 ? (unsigned char)s[0] % 40 + 1 : 1;
    FUZZ_CHECK(period_deadline(NULL, &p, days, &due) == 0 &&
               period_is_workday(NULL, due) &&
               period_date_compare(due, t) > 0, "period: bad deadline");
  }
  period_date d;
  char dbuf[PERIOD_DATE_SIZE];
  if (period_date_parse(s, &d) == 0) {
    FUZZ_CHECK(period_date_valid(d), "date: parsed but not valid");
    FUZZ_CHECK(period_date_format(d, dbuf, sizeof dbuf) == 0 &&
               strcmp(dbuf, s) == 0, "date: does not format back");
    long days = period_date_days(d);
    period_date back = period_date_from_days(days);
    FUZZ_CHECK(period_date_compare(back, d) == 0,
               "date: days do not round-trip");
    int wd = period_date_weekday(d);
    FUZZ_CHECK(wd >= 1 && wd <= 7, "date: weekday out of range");
    period_date later = period_date_add_days(d, 1);
    FUZZ_CHECK(period_date_days(later) == days + 1, "date: add_days");
    /* a calendar made of the other bytes, then n working days */
    period_calendar cal;
    period_calendar_init(&cal);
    for (size_t i = 10; i + 1 < size; i += 2) {
      period_date h = period_date_add_days(d, data[i] % 60);
      period_calendar_add(&cal, h, (period_day_kind)(data[i + 1] % 3));
    }
    period_date out;
    int k = size > 0 ? data[size - 1] % 30 + 1 : 1;
    if (period_add_workdays(&cal, d, k, &out) == 0)
      FUZZ_CHECK(period_is_workday(&cal, out) &&
                 period_date_compare(out, d) > 0, "workdays: bad result");
  }
  period_kind kind;
  period_day_kind dk;
  (void)period_kind_parse(s, &kind);
  (void)period_day_kind_parse(s, &dk);
  return 0;
}

/* ---- mime ---- */

static inline int fuzz_b64_value(int c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

/* Decode base64 text (no line breaks) of n chars into out; -1 if bad. */
static inline long fuzz_b64_decode(const char *s, size_t n, char *out) {
  long len = 0;
  if (n % 4)
    return -1;
  for (size_t i = 0; i < n; i += 4) {
    int v[4];
    for (int k = 0; k < 4; k++)
      v[k] = s[i + k] == '=' ? 0 : fuzz_b64_value((unsigned char)s[i + k]);
    if (v[0] < 0 || v[1] < 0 || v[2] < 0 || v[3] < 0)
      return -1;
    uint32_t x = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 |
                 (uint32_t)v[2] << 6 | (uint32_t)v[3];
    out[len++] = (char)(x >> 16);
    if (s[i + 2] != '=')
      out[len++] = (char)(x >> 8);
    if (s[i + 3] != '=')
      out[len++] = (char)x;
  }
  return len;
}

/* The value of header `name` in msg, unfolded and with its encoded-words
** decoded, into out (size bytes); checks each word's length. */
static inline void fuzz_header_value(const char *msg, const char *name,
                                     char *out, size_t size) {
  size_t nlen = strlen(name), o = 0;
  const char *p = msg;
  while (strncmp(p, name, nlen) != 0 || p[nlen] != ':') {
    p = strstr(p, "\r\n");
    FUZZ_CHECK(p != NULL, "mime: a header is missing");
    p += 2;
  }
  p += nlen + 2;
  char *raw = malloc(strlen(p) + 1);
  size_t r = 0;
  for (;;) { /* unfold: a CRLF followed by a space or tab continues */
    if (p[0] == '\r' && p[1] == '\n') {
      if (p[2] != ' ' && p[2] != '\t')
        break;
      p += 2;
      continue;
    }
    raw[r++] = *p++;
  }
  raw[r] = '\0';
  int encoded = strncmp(raw, "=?UTF-8?B?", 10) == 0;
  if (!encoded) {
    FUZZ_CHECK(r < size, "mime: header value too long");
    memcpy(out, raw, r + 1);
    free(raw);
    return;
  }
  const char *w = raw;
  while (*w) { /* words separated by folding white space, which is dropped */
    while (*w == ' ')
      w++;
    if (*w == '\0')
      break;
    FUZZ_CHECK(strncmp(w, "=?UTF-8?B?", 10) == 0, "mime: not an encoded-word");
    const char *end = strstr(w + 10, "?=");
    FUZZ_CHECK(end != NULL, "mime: an encoded-word is not closed");
    FUZZ_CHECK(end + 2 - w <= 75, "mime: an encoded-word over 75 characters");
    long k = fuzz_b64_decode(w + 10, (size_t)(end - w - 10), out + o);
    FUZZ_CHECK(k >= 0 && o + (size_t)k < size, "mime: bad base64 in a word");
    FUZZ_CHECK(mime_check_utf8(out + o, (size_t)k) == 0,
               "mime: a word cuts a UTF-8 character");
    o += (size_t)k;
    w = end + 2;
  }
  out[o] = '\0';
  free(raw);
}

static inline void fuzz_check_message(const char *msg, size_t len) {
  size_t line = 0;
  int in_headers = 1;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)msg[i];
    if (c == '\r') {
      FUZZ_CHECK(i + 1 < len && msg[i + 1] == '\n', "mime: a bare CR");
      if (line == 0)
        in_headers = 0;
      line = 0;
      i++;
      continue;
    }
    FUZZ_CHECK(c != '\n', "mime: a bare LF");
    FUZZ_CHECK(++line <= 998, "mime: a line over 998 bytes");
    if (in_headers)
      FUZZ_CHECK(c == '\t' || (c >= 0x20 && c < 0x7F),
                 "mime: a header byte that is not printable ASCII");
  }
}

/* Split data at the byte 0x01 into up to n NUL-terminated strings. */
static inline int fuzz_split(const uint8_t *data, size_t size, char **parts,
                             int n) {
  int k = 0;
  size_t start = 0;
  for (size_t i = 0; i <= size && k < n; i++) {
    if (i == size || data[i] == 1) {
      parts[k] = malloc(i - start + 1);
      memcpy(parts[k], data + start, i - start);
      parts[k][i - start] = '\0';
      k++;
      start = i + 1;
    }
  }
  return k;
}

static inline int fuzz_mime(const uint8_t *data, size_t size) {
  char *part[6] = { 0 };
  int n = fuzz_split(data, size, part, 6);
  const char *subject = part[0];
  mime_header extra = { "X-Planwatch-Key", n > 4 ? part[4] : "k" };
  mime_message m = {
    .from = { n > 1 ? part[1] : NULL, "planwatch@skhcn.example.org" },
    .to = { n > 2 ? part[2] : NULL, n > 5 && part[5][0] ? part[5]
                                                         : "a@b.example" },
    .subject = subject,
    .text = n > 3 ? part[3] : "body",
    .text_len = n > 3 ? strlen(part[3]) : 4,
    .html = size % 2 ? "<p>x</p>" : NULL,
    .html_len = 8,
    .headers = &extra,
    .nheaders = 1,
    .date = 1700000000,
  };
  mime_buf out;
  char msgid[MIME_ID_SIZE], err[MIME_ERR_SIZE];
  if (mime_build(&m, &out, msgid, err) == 0) {
    fuzz_check_message(out.data, out.len);
    char *decoded = malloc(out.len + 1);
    fuzz_header_value(out.data, "Subject", decoded, out.len + 1);
    FUZZ_CHECK(strcmp(decoded, subject) == 0,
               "mime: the Subject does not decode to the subject given");
    free(decoded);
  }
  mime_buf_free(&out);
  /* base64 of the raw input decodes back to it */
  mime_buf b;
  mime_buf_init(&b, MIME_MAX_MESSAGE);
  mime_base64(&b, data, size);
  char *back = malloc(size + 3);
  size_t got = 0;
  for (size_t i = 0; i < b.len;) {
    const char *eol = strstr(b.data + i, "\r\n");
    FUZZ_CHECK(eol && eol - (b.data + i) <= MIME_BODY_LINE,
               "base64: a line too long or not CRLF-ended");
    long k = fuzz_b64_decode(b.data + i, (size_t)(eol - (b.data + i)),
                             back + got);
    FUZZ_CHECK(k >= 0, "base64: not base64");
    got += (size_t)k;
    i = (size_t)(eol - b.data) + 2;
  }
  FUZZ_CHECK(got == size && (size == 0 || memcmp(back, data, size) == 0),
             "base64: does not decode to its input");
  free(back);
  mime_buf_free(&b);
  char why[MIME_ERR_SIZE];
  (void)mime_check_address(subject, why);
  for (int i = 0; i < n; i++)
    free(part[i]);
  return 0;
}

/* ---- luaser ---- */

/* Whether the values at ia of A and ib of B are equal data. */
static inline int fuzz_same(lua_State *A, int ia, lua_State *B, int ib,
                            int depth) {
  ia = lua_absindex(A, ia);
  ib = lua_absindex(B, ib);
  int t = lua_type(A, ia);
  if (t != lua_type(B, ib) || depth > LUASER_DEPTH)
    return 0;
  switch (t) {
  case LUA_TNIL: return 1;
  case LUA_TBOOLEAN: return lua_toboolean(A, ia) == lua_toboolean(B, ib);
  case LUA_TNUMBER: {
    if (lua_isinteger(A, ia) != lua_isinteger(B, ib))
      return 0;
    if (lua_isinteger(A, ia))
      return lua_tointeger(A, ia) == lua_tointeger(B, ib);
    lua_Number x = lua_tonumber(A, ia), y = lua_tonumber(B, ib);
    return memcmp(&x, &y, sizeof x) == 0;
  }
  case LUA_TSTRING: {
    size_t n1, n2;
    const char *s1 = lua_tolstring(A, ia, &n1), *s2 = lua_tolstring(B, ib, &n2);
    return n1 == n2 && memcmp(s1, s2, n1) == 0;
  }
  default: break;
  }
  size_t count_a = 0, count_b = 0;
  lua_pushnil(B);
  while (lua_next(B, ib)) {
    count_b++;
    lua_pop(B, 1);
  }
  lua_pushnil(A);
  while (lua_next(A, ia)) {
    count_a++;
    if (lua_type(A, -2) == LUA_TSTRING) {
      size_t n;
      const char *k = lua_tolstring(A, -2, &n);
      lua_pushlstring(B, k, n);
    } else if (lua_isinteger(A, -2)) {
      lua_pushinteger(B, lua_tointeger(A, -2));
    } else {
      lua_pushnumber(B, lua_tonumber(A, -2));
    }
    lua_rawget(B, ib);
    int same = fuzz_same(A, -1, B, -1, depth + 1);
    lua_pop(B, 1);
    if (!same) {
      lua_pop(A, 2);
      return 0;
    }
    lua_pop(A, 1);
  }
  return count_a == count_b;
}

static inline lua_State *fuzz_state(sandbox **sb) {
  sandbox_limits lim = { 32u << 20, 0, 0 };
  *sb = sandbox_new(&lim);
  return *sb ? (*sb)->L : NULL;
}

static inline int fuzz_luaser(const uint8_t *data, size_t size) {
  sandbox *sa, *sb;
  lua_State *A = fuzz_state(&sa), *B = fuzz_state(&sb);
  if (A == NULL || B == NULL)
    fuzz_fail("luaser: no state");
  if (luaser_decode(A, data, size) == 0) {
    luaser_buf buf;
    const char *err;
    luaser_buf_init(&buf, LUASER_MAX_BYTES);
    FUZZ_CHECK(luaser_encode(A, -1, &buf, &err) == 0,
               "luaser: a decoded value does not encode");
    FUZZ_CHECK(luaser_decode(B, buf.data, buf.len) == 0,
               "luaser: a re-encoded value does not decode");
    FUZZ_CHECK(lua_checkstack(A, 4 * LUASER_DEPTH + 16) &&
               lua_checkstack(B, 4 * LUASER_DEPTH + 16) &&
               fuzz_same(A, -1, B, -1, 0),
               "luaser: the value changed on the way");
    luaser_buf_free(&buf);
  } else {
    FUZZ_CHECK(lua_type(A, -1) == LUA_TSTRING, "luaser: no message");
  }
  sandbox_free(sa);
  sandbox_free(sb);
  return 0;
}

/* ---- plugin ---- */

/* Whether the n bytes at s hold the word w. */
static inline int fuzz_holds(const uint8_t *s, size_t n, const char *w) {
  size_t k = strlen(w);
  for (size_t i = 0; i + k <= n; i++)
    if (memcmp(s + i, w, k) == 0)
      return 1;
  return 0;
}

static inline int fuzz_plugin(const uint8_t *data, size_t size) {
  static const char *const patterns[] = { "find", "match", "gsub", NULL };
  for (const char *const *w = patterns; *w; w++)
    if (fuzz_holds(data, size, *w))
      return 0;
  static char path[64];
  if (path[0] == '\0')
    snprintf(path, sizeof path, "/tmp/pw-fuzz-plugin-%ld.lua", (long)getpid());
  FILE *f = fopen(path, "wb");
  if (f == NULL)
    fuzz_fail("plugin: cannot write the scratch file");
  fwrite(data, 1, size, f);
  fclose(f);
  sandbox_limits lim = { 4u << 20, 100000, 0 };
  lua_State *host = luaL_newstate();
  luaser_buf out;
  luaser_buf_init(&out, LUASER_MAX_BYTES + 1);
  plugin_answer(host, path, FUZZ_PRELUDE, &lim, NULL, 0, &out, NULL);
  FUZZ_CHECK(!out.failed && out.len >= 1, "plugin: no answer");
  int ok = plugin_accept(host, path, out.data, out.len);
  FUZZ_CHECK(lua_gettop(host) == (ok ? 1 : 2),
             "plugin: wrong number of values");
  FUZZ_CHECK(ok || lua_type(host, -1) == LUA_TSTRING, "plugin: no message");
  FUZZ_CHECK(out.data[0] != 'O' || ok, "plugin: its own encoding is refused");
  luaser_buf_free(&out);
  lua_close(host);
  unlink(path);
  return 0;
}

#endif
