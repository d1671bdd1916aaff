/*
** test_say.c: every text of the C core in both languages, with the same
** conversions in the same order, and the run's language chosen by say_use.
*/
#include <string.h>

#include "check.h"
#include "say.h"

/* The conversions of a printf or lua_pushfstring format, one after the
** other ("%s|%.400s|%d|"), %% left out; 0, or -1 when one is cut short. */
static int conversions(const char *fmt, char *out, size_t size) {
  size_t n = 0;
  out[0] = '\0';
  for (const char *p = fmt; (p = strchr(p, '%')) != NULL;) {
    if (p[1] == '%') {
      p += 2;
      continue;
    }
    size_t len = strspn(p + 1, "-+ #0123456789.hlzjtL") + 1;
    if (p[len] == '\0' || n + len + 2 > size)
      return -1;
    memcpy(out + n, p, len + 1);
    n += len + 1;
    out[n++] = '|';
    out[n] = '\0';
    p += len + 1;
  }
  return 0;
}

static void test_every_key_in_both_languages(void) {
  int missing = 0, differ = 0, same = 0;
  for (int k = 0; k < SAY_COUNT; k++) {
    const char *vi = say_in("vi", (say_key)k), *en = say_in("en", (say_key)k);
    char cv[256], ce[256];
    if (vi == NULL || en == NULL || !*vi || !*en) {
      check_note("key %d has no text in %s", k, vi && *vi ? "en" : "vi");
      missing++;
      continue;
    }
    if (conversions(vi, cv, sizeof cv) != 0 ||
        conversions(en, ce, sizeof ce) != 0 || strcmp(cv, ce) != 0) {
      check_note("key %d: \"%s\" has %s, \"%s\" has %s", k, vi, cv, en, ce);
      differ++;
    }
    same += strcmp(vi, en) == 0;
  }
  CHECK(missing == 0, "every one of the %d keys has a Vietnamese and an "
        "English text", SAY_COUNT);
  CHECK(differ == 0, "both texts of a key have the same placeholders");
  CHECK(same == 0, "no Vietnamese text is a copy of the English one");
}

static void test_conversions_are_compared(void) {
  char a[64], b[64];
  conversions("%s: %.400s %d%% %I", a, sizeof a);
  conversions("%d %s", b, sizeof b);
  CHECK(strcmp(a, "%s|%.400s|%d|%I|") == 0 && strcmp(a, b) != 0,
        "the check tells conversions apart (%s)", a);
}

static void test_the_run_language(void) {
  say_use(NULL);
  int vi = strstr(say(SAY_STORE_OLDER), "cũ hơn") != NULL;
  say_use("en");
  int en = strstr(say(SAY_STORE_OLDER), "older than") != NULL;
  say_use("vi");
  int back = strstr(say(SAY_FILE_NOT_REGULAR), "không phải tệp") != NULL;
  CHECK(vi && en && back, "Vietnamese by default, English after "
        "say_use(\"en\"), Vietnamese again after say_use(\"vi\")");
  CHECK(say_in("en", SAY_COUNT) == NULL, "a key out of range has no text");
}

int main(void) {
  test_conversions_are_compared();
  test_every_key_in_both_languages();
  test_the_run_language();
  return check_done();
}
