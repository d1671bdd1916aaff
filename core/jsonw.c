/*
** jsonw.c: JSON numbers and strings (see jsonw.h).
*/
#define _POSIX_C_SOURCE 200809L
#include "jsonw.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- numbers ---- */

/* The decimal digits of v at the end of buf[0..end); returns where they
** start. */
static size_t put_digits(unsigned long long v, char *buf, size_t end) {
  do {
    buf[--end] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  return end;
}

size_t jsonw_int(long long i, char buf[JSONW_NUMBER_MAX]) {
  char tmp[24];
  unsigned long long u = (unsigned long long)i;
  if (i < 0)
    u = 0ULL - u;
  size_t at = put_digits(u, tmp, sizeof tmp), n = 0;
  if (i < 0)
    buf[n++] = '-';
  memcpy(buf + n, tmp + at, sizeof tmp - at);
  n += sizeof tmp - at;
  buf[n] = '\0';
  return n;
}

/*
** The common case without printf: d = m / 10^k with m an integer of at
** most 15 digits and 1e-4 <= |d| < 1e15, the range where %.15g writes no
** exponent. m and 10^k are exact doubles and IEEE division rounds
** correctly, so m / 10^k == d means the text m·10^-k reads back as d; as
** no two decimals of 15 digits or fewer read back as the same double, it
** is the text %.15g writes, once trailing zeros are dropped (m·10^-k is
** found for a k that can be larger than the decimal's own).
** 0 when d is not such a number.
*/
static size_t real_fast(double d, char buf[JSONW_NUMBER_MAX]) {
  static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                               1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  double a = fabs(d);
  if (!(a >= 1e-4 && a < 1e15))
    return 0;
  for (int k = 0; k < 16; k++) {
    double m = a * p10[k];
    if (m >= 1e15)
      return 0;
    if (m != floor(m) || m / p10[k] != a)
      continue;
    char tmp[40];
    size_t end = sizeof tmp, at = put_digits((unsigned long long)m, tmp, end);
    while (k > 0 && tmp[end - 1] == '0') /* m·10^-k == (m/10)·10^-(k-1) */
      end--, k--;
    while (end - at < (size_t)k + 1) /* a leading 0 before the point */
      tmp[--at] = '0';
    size_t n = 0, ints = end - at - (size_t)k;
    if (d < 0)
      buf[n++] = '-';
    memcpy(buf + n, tmp + at, ints);
    n += ints;
    if (k) {
      buf[n++] = '.';
      memcpy(buf + n, tmp + at + ints, (size_t)k);
      n += (size_t)k;
    }
    buf[n] = '\0';
    return n;
  }
  return 0;
}

size_t jsonw_real(double d, char buf[JSONW_NUMBER_MAX]) {
  if (!isfinite(d))
    return (size_t)snprintf(buf, JSONW_NUMBER_MAX, "null");
  size_t fast = real_fast(d, buf);
  if (fast)
    return fast;
  int n = 0;
  for (int p = 15; p <= 17; p++) {
    n = snprintf(buf, JSONW_NUMBER_MAX, "%.*g", p, d);
    if (strtod(buf, NULL) == d)
      break;
  }
  return (size_t)n;
}

/* ---- strings ---- */

/* The code point of a C1 control or a bidirectional override or isolate
** starting at s[i] (which JSON writes as \u escapes, as json.lua does),
** its length in *len; 0 for anything else. */
static uint32_t json_hidden(const char *s, size_t n, size_t i, size_t *len) {
  const unsigned char *u = (const unsigned char *)s + i;
  if (u[0] == 0xC2 && i + 1 < n && u[1] >= 0x80 && u[1] <= 0x9F) {
    *len = 2;
    return u[1];
  }
  if (u[0] == 0xE2 && i + 2 < n &&
      ((u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE) ||
       (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9))) {
    *len = 3;
    return 0x2000u + ((uint32_t)(u[1] - 0x80) << 6) + (u[2] - 0x80);
  }
  return 0;
}

/* The escape of the byte c, which needs one, in e; its length. */
static size_t escape_byte(unsigned char c, char e[7]) {
  static const char hex[] = "0123456789abcdef";
  static const char shortened[] = "\"\"\\\\\bb\ff\nn\rr\tt";
  e[0] = '\\';
  for (size_t k = 0; k + 1 < sizeof shortened; k += 2)
    if ((unsigned char)shortened[k] == c) {
      e[1] = shortened[k + 1];
      return 2;
    }
  memcpy(e + 1, "u00", 3);
  e[4] = hex[c >> 4];
  e[5] = hex[c & 15];
  return 6;
}

/* The escape of code point cp (below U+10000) in e; its length. */
static size_t escape_point(uint32_t cp, char e[7]) {
  static const char hex[] = "0123456789abcdef";
  e[0] = '\\';
  e[1] = 'u';
  for (int k = 0; k < 4; k++)
    e[2 + k] = hex[(cp >> (12 - 4 * k)) & 15];
  return 6;
}

int jsonw_string(const char *s, size_t n, jsonw_put put, void *to) {
  int rc = put(to, "\"", 1);
  size_t from = 0;
  for (size_t i = 0; i < n && rc == 0; i++) {
    unsigned char c = (unsigned char)s[i];
    size_t hidden_len = 0, len;
    uint32_t cp = c >= 0xC2 ? json_hidden(s, n, i, &hidden_len) : 0;
    char e[7];
    if (cp)
      len = escape_point(cp, e);
    else if (c >= 0x20 && c != 0x7f && c != '"' && c != '\\')
      continue;
    else
      len = escape_byte(c, e);
    rc = put(to, s + from, i - from);
    if (rc == 0)
      rc = put(to, e, len);
    i += cp ? hidden_len - 1 : 0;
    from = i + 1;
  }
  if (rc == 0)
    rc = put(to, s + from, n - from);
  return rc == 0 ? put(to, "\"", 1) : rc;
}

static int put_strbuf(void *b, const char *s, size_t n) {
  return strbuf_add(b, s, n);
}

int jsonw_strbuf(strbuf *b, const char *s, size_t n) {
  return jsonw_string(s, n, put_strbuf, b);
}
