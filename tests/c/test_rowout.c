/*
** test_rowout.c: numbers written exactly, and fast.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rowout.h"

/* The rule itself: the shortest of %.15g, %.16g, %.17g that reads back. */
static void by_rule(double d, char *buf) {
  for (int p = 15; p <= 17; p++) {
    snprintf(buf, ROWOUT_REAL_MAX, "%.*g", p, d);
    if (strtod(buf, NULL) == d)
      return;
  }
}

static uint64_t state = 88172645463325252ULL;
static uint64_t next(void) { /* xorshift64 */
  state ^= state << 13, state ^= state >> 7, state ^= state << 17;
  return state;
}

/* A double of one of the shapes values take: few decimals, any scale, any
** bit pattern. */
static double sample(long i) {
  double d;
  uint64_t r = next();
  switch (i % 3) {
  case 0: return (double)(r % 100000000) / pow(10, (double)((r >> 32) % 9));
  case 1: return ((double)(r >> 11) / 9007199254740992.0) * pow(10, (double)((r >> 5) % 40) - 20);
  default:
    memcpy(&d, &r, sizeof d);
    return isfinite(d) ? d : 1.5;
  }
}

int main(void) {
  char got[ROWOUT_REAL_MAX], want[ROWOUT_REAL_MAX];
  long differ = 0, n = 300000;
  for (long i = 0; i < n; i++) {
    double d = sample(i);
    rowout_real(d, got);
    by_rule(d, want);
    if (strcmp(got, want) != 0 && differ++ < 5)
      check_note("%.17g: wrote %s, the rule gives %s", d, got, want);
    if (strtod(got, NULL) != d && differ++ < 5)
      check_note("%.17g: %s does not read back", d, got);
  }
  CHECK(differ == 0, "%ld doubles written as the shortest of %%.15g..%%.17g that reads back", n);
  static const struct { double d; const char *text; } cases[] = {
    {1234567.891234, "1234567.891234"}, {0.1, "0.1"},
    {0.30000000000000004, "0.30000000000000004"}, {1e-300, "1e-300"},
    {2.5e20, "2.5e+20"}, {1200, "1200"}, {-0.5, "-0.5"}, {0.0001, "0.0001"},
    {0.00012, "0.00012"}, {123456789012345.0, "123456789012345"},
    {1e15, "1e+15"}, {5e-324, "4.94065645841247e-324"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    rowout_real(cases[i].d, got);
    CHECK(strcmp(got, cases[i].text) == 0, "%s is written as it is (got %s)",
          cases[i].text, got);
  }
  CHECK(rowout_width("Sở", strlen("Sở")) == 2, "a precomposed letter is one column");
  CHECK(rowout_width("e\xCC\xA3\xCC\x82", 5) == 1, "combining marks take no column");
  CHECK(rowout_width("\xE6\xBC\xA2", 3) == 2, "a CJK character takes two columns");
  CHECK(rowout_width("a\xFF", 2) == 2, "invalid UTF-8 counts a column a byte");
  return check_done();
}
