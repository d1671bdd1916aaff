/* dynload: a library's functions resolved, or the reason it cannot be. */
#include <string.h>

#include "check.h"
#include "dynload.h"

static void resolves(void) {
  char err[256] = "";
  const char *(*strerror_fn)(void *) = NULL;
  void (*discard_fn)(void *) = NULL;
  const dynload_sym syms[] = {
    { "zip_strerror", &strerror_fn }, { "zip_discard", &discard_fn },
    { NULL, NULL }
  };
  CHECK(dynload_open("libzip.so.4", syms, err, sizeof err) == 0,
        "libzip opens and its functions resolve (%s)", err);
  CHECK(strerror_fn != NULL && discard_fn != NULL, "both slots are filled");
}

static void names_the_missing_symbol(void) {
  char err[256] = "";
  void (*fn)(void) = NULL;
  const dynload_sym syms[] = { { "zip_no_such_function", &fn }, { NULL, NULL } };
  CHECK(dynload_open("libzip.so.4", syms, err, sizeof err) == -1 && fn == NULL,
        "a missing function is refused, its slot left alone");
  CHECK(strstr(err, "zip_no_such_function is missing") != NULL, "named: %s", err);
}

static void names_the_missing_library(void) {
  char err[256] = "";
  const dynload_sym syms[] = { { NULL, NULL } };
  CHECK(dynload_open("libplanwatch-none.so.9", syms, err, sizeof err) == -1,
        "a library that is not there is refused");
  CHECK(strstr(err, "libplanwatch-none.so.9 cannot be loaded") != NULL, "named: %s", err);
}

int main(void) {
  resolves();
  names_the_missing_symbol();
  names_the_missing_library();
  return check_done();
}
