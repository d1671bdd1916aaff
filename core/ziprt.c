/* ziprt: libzip loaded on first use (see ziprt.h). */
#include "ziprt.h"

#include <dlfcn.h>
#include <stdio.h>

#define ZIPRT_LIB "libzip.so.4"

static ziprt rt;
static int state;              /* 0: not tried, 1: ready, -1: failed */
static char failure[256];      /* why, when state is -1 */

/* dlsym's answer as a function pointer (see curlrt.c). */
static int resolve(void *lib, const char *name, void *slot) {
  void *f = dlsym(lib, name);
  if (f == NULL) {
    snprintf(failure, sizeof failure, "%s: %s is missing", ZIPRT_LIB, name);
    return -1;
  }
  *(void **)slot = f;
  return 0;
}

static int load(void) {
  void *lib = dlopen(ZIPRT_LIB, RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL) {
    const char *why = dlerror();
    snprintf(failure, sizeof failure, "libzip cannot be loaded (%s)",
             why ? why : ZIPRT_LIB);
    return -1;
  }
  return resolve(lib, "zip_source_buffer", &rt.source_buffer) ||
         resolve(lib, "zip_file_add", &rt.file_add) ||
         resolve(lib, "zip_source_free", &rt.source_free) ||
         resolve(lib, "zip_file_set_mtime", &rt.file_set_mtime) ||
         resolve(lib, "zip_error_init", &rt.error_init) ||
         resolve(lib, "zip_source_buffer_create", &rt.source_buffer_create) ||
         resolve(lib, "zip_error_strerror", &rt.error_strerror) ||
         resolve(lib, "zip_source_keep", &rt.source_keep) ||
         resolve(lib, "zip_open_from_source", &rt.open_from_source) ||
         resolve(lib, "zip_strerror", &rt.strerror) ||
         resolve(lib, "zip_discard", &rt.discard) ||
         resolve(lib, "zip_close", &rt.close) ||
         resolve(lib, "zip_source_stat", &rt.source_stat) ||
         resolve(lib, "zip_source_open", &rt.source_open) ||
         resolve(lib, "zip_source_error", &rt.source_error) ||
         resolve(lib, "zip_source_read", &rt.source_read) ||
         resolve(lib, "zip_source_close", &rt.source_close) ||
         resolve(lib, "zip_error_fini", &rt.error_fini)
             ? -1
             : 0;
}

const ziprt *ziprt_get(char *err, size_t size) {
  if (state == 0)
    state = load() == 0 ? 1 : -1;
  if (state == 1)
    return &rt;
  snprintf(err, size, "%s", failure);
  return NULL;
}
