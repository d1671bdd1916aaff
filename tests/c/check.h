#ifndef PW_CHECK_H
#define PW_CHECK_H
/*
** check.h: a tiny TAP harness for the C tests.
**
**   CHECK(cond, "name %s", ...)  prints "ok N - name" or "not ok N - name",
**                                and on failure "# file:line: cond"
**   check_note("fmt", ...)       prints a "# " line (context for a failure)
**   return check_done();         prints the plan; 0 when every check passed
**
** tests/run counts the "ok" and "not ok" lines; the exit status catches a
** test that stops early.
*/
#include <stdarg.h>
#include <stdio.h>

static int check_count;  /* checks run so far */
static int check_failed; /* how many of them failed */

static inline int check_report(int ok, const char *file, int line,
                               const char *cond, const char *fmt, ...) {
  va_list ap;
  check_count++;
  if (!ok)
    check_failed++;
  printf("%sok %d - ", ok ? "" : "not ", check_count);
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  putchar('\n');
  if (!ok)
    printf("# %s:%d: %s\n", file, line, cond);
  fflush(stdout); /* keep order with sanitizer output on stderr */
  return ok;
}

/* The name is a printf format; CHECK is an expression worth its result. */
#define CHECK(cond, ...) \
  check_report(!!(cond), __FILE__, __LINE__, #cond, __VA_ARGS__)

static inline void check_note(const char *fmt, ...) {
  va_list ap;
  fputs("# ", stdout);
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  putchar('\n');
  fflush(stdout);
}

static inline int check_done(void) {
  printf("1..%d\n", check_count);
  return check_failed ? 1 : 0;
}

#endif
