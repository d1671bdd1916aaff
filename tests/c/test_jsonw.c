/*
** test_jsonw.c: JSON numbers and strings (jsonw.h), the rule
** scripts/lib/json.lua writes by.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "jsonw.h"

static void test_numbers(void) {
  char buf[JSONW_NUMBER_MAX];
  static const struct { double d; const char *text; } reals[] = {
      {0.1, "0.1"},           {1.5, "1.5"},     {-2, "-2"},
      {0.1 + 0.2, "0.30000000000000004"}, {1e21, "1e+21"},
      {123456.789, "123456.789"}, {1e-5, "1e-05"},
      {0.1 + 0.7, "0.7999999999999999"},
      {INFINITY, "null"},     {-INFINITY, "null"}, {NAN, "null"},
  };
  for (size_t i = 0; i < sizeof reals / sizeof reals[0]; i++) {
    size_t n = jsonw_real(reals[i].d, buf);
    CHECK(n == strlen(reals[i].text) && strcmp(buf, reals[i].text) == 0,
          "real %s (got %s)", reals[i].text, buf);
  }
  int exact = 1;
  srand(7);
  for (int i = 0; i < 20000; i++) {
    uint64_t bits = 0;
    for (int k = 0; k < 4; k++)
      bits = bits << 16 | (uint64_t)(rand() & 0xFFFF);
    double d;
    memcpy(&d, &bits, sizeof d);
    if (isfinite(d)) {
      jsonw_real(d, buf);
      exact &= strtod(buf, NULL) == d;
    }
  }
  CHECK(exact, "every finite double reads back as itself");
  CHECK(jsonw_int(-9223372036854775807LL - 1, buf) == 20 &&
            strcmp(buf, "-9223372036854775808") == 0,
        "the smallest integer in full");
  CHECK(jsonw_int(0, buf) == 1 && strcmp(buf, "0") == 0, "zero");
}

static void test_strings(void) {
  static const struct { const char *s; size_t n; const char *json; } cases[] = {
      {"plain", 5, "\"plain\""},
      {"a\"b\\c", 5, "\"a\\\"b\\\\c\""},
      {"\b\f\n\r\t", 5, "\"\\b\\f\\n\\r\\t\""},
      {"\x01\x1f\x7f", 3, "\"\\u0001\\u001f\\u007f\""},
      {"a\0b", 3, "\"a\\u0000b\""},
      {"S\xe1\xbb\x9f", 4, "\"S\xe1\xbb\x9f\""},                  /* Sở */
      {"\xc2\x85x\xc2\xa0", 5, "\"\\u0085x\xc2\xa0\""}, /* C1; NBSP kept */
      {"\xe2\x80\xae\xe2\x81\xa9\xe2\x80\xaf", 9,
       "\"\\u202e\\u2069\xe2\x80\xaf\""},                      /* bidi */
      {"\xff\xc2", 2, "\"\xff\xc2\""},        /* invalid kept */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    strbuf b = {0};
    int rc = jsonw_strbuf(&b, cases[i].s, cases[i].n);
    CHECK(rc == 0 && b.len == strlen(cases[i].json) &&
              memcmp(b.p, cases[i].json, b.len) == 0,
          "string %zu as %s (got %s)", i, cases[i].json, b.p ? b.p : "");
    strbuf_free(&b);
  }
}

/* A sink that fails on its third piece. */
static int failing(void *to, const char *s, size_t n) {
  (void)s;
  (void)n;
  return ++*(int *)to == 3 ? 7 : 0;
}

static void test_sink_failure(void) {
  int calls = 0;
  CHECK(jsonw_string("a\nb\nc", 5, failing, &calls) == 7 && calls == 3,
        "writing stops at the sink's first failure and returns it");
}

int main(void) {
  test_numbers();
  test_strings();
  test_sink_failure();
  return check_done();
}
