/* curlrt: libcurl loaded on first use (see curlrt.h). */
#include "curlrt.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#define CURLRT_LIB "libcurl.so.4"

static curlrt rt;
static void (*global_cleanup)(void);
static int state;              /* 0: not tried, 1: ready, -1: failed */
static char failure[256];      /* why, when state is -1 */

static void cleanup_at_exit(void) {
  global_cleanup();
}

/* dlsym's answer as a function pointer: POSIX guarantees the two have the
** same representation, ISO C does not let a cast say so. */
static int resolve(void *lib, const char *name, void *slot) {
  void *f = dlsym(lib, name);
  if (f == NULL) {
    snprintf(failure, sizeof failure, "%s: %s is missing", CURLRT_LIB, name);
    return -1;
  }
  *(void **)slot = f;
  return 0;
}

static int load(void) {
  void *lib = dlopen(CURLRT_LIB, RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL) {
    const char *why = dlerror();
    snprintf(failure, sizeof failure, "libcurl cannot be loaded (%s)",
             why ? why : CURLRT_LIB);
    return -1;
  }
  CURLcode (*global_init)(long) = NULL;
  if (resolve(lib, "curl_global_init", &global_init) ||
      resolve(lib, "curl_global_cleanup", &global_cleanup) ||
      resolve(lib, "curl_easy_init", &rt.easy_init) ||
      resolve(lib, "curl_easy_setopt", &rt.easy_setopt) ||
      resolve(lib, "curl_easy_perform", &rt.easy_perform) ||
      resolve(lib, "curl_easy_getinfo", &rt.easy_getinfo) ||
      resolve(lib, "curl_easy_cleanup", &rt.easy_cleanup) ||
      resolve(lib, "curl_easy_strerror", &rt.easy_strerror) ||
      resolve(lib, "curl_slist_append", &rt.slist_append) ||
      resolve(lib, "curl_slist_free_all", &rt.slist_free_all))
    return -1;
  if (global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    snprintf(failure, sizeof failure, "libcurl could not be initialised");
    return -1;
  }
  atexit(cleanup_at_exit);
  return 0;
}

const curlrt *curlrt_get(char *err, size_t size) {
  if (state == 0)
    state = load() == 0 ? 1 : -1;
  if (state == 1)
    return &rt;
  snprintf(err, size, "%s", failure);
  return NULL;
}
