/* curl_loader: libcurl loaded on first use (see curl_loader.h). */
#include "curl_loader.h"

#include <stdio.h>
#include <stdlib.h>

#include "dynload.h"

#define CURL_LOADER_LIB "libcurl.so.4"

static curl_loader rt;
static void (*global_cleanup)(void);
static int state;              /* 0: not tried, 1: ready, -1: failed */
static char failure[256];      /* why, when state is -1 */

static void cleanup_at_exit(void) {
  global_cleanup();
}

static int load(void) {
  CURLcode (*global_init)(long) = NULL;
  const dynload_sym syms[] = {
    { "curl_global_init", &global_init },
    { "curl_global_cleanup", &global_cleanup },
    { "curl_easy_init", &rt.easy_init },
    { "curl_easy_setopt", &rt.easy_setopt },
    { "curl_easy_perform", &rt.easy_perform },
    { "curl_easy_getinfo", &rt.easy_getinfo },
    { "curl_easy_cleanup", &rt.easy_cleanup },
    { "curl_easy_strerror", &rt.easy_strerror },
    { "curl_slist_append", &rt.slist_append },
    { "curl_slist_free_all", &rt.slist_free_all },
    { NULL, NULL }
  };
  if (dynload_open(CURL_LOADER_LIB, syms, failure, sizeof failure) != 0)
    return -1;
  if (global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    snprintf(failure, sizeof failure, "libcurl could not be initialised");
    return -1;
  }
  atexit(cleanup_at_exit);
  return 0;
}

const curl_loader *curl_loader_get(char *err, size_t size) {
  if (state == 0)
    state = load() == 0 ? 1 : -1;
  if (state == 1)
    return &rt;
  snprintf(err, size, "%s", failure);
  return NULL;
}
