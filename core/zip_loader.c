/* zip_loader: libzip loaded on first use (see zip_loader.h). */
#include "zip_loader.h"

#include <stdio.h>

#include "dynload.h"

#define ZIP_LOADER_LIB "libzip.so.4"

static zip_loader rt;
static int state;              /* 0: not tried, 1: ready, -1: failed */
static char failure[256];      /* why, when state is -1 */

static int load(void) {
  const dynload_sym syms[] = {
    { "zip_source_buffer", &rt.source_buffer },
    { "zip_file_add", &rt.file_add },
    { "zip_source_free", &rt.source_free },
    { "zip_file_set_mtime", &rt.file_set_mtime },
    { "zip_error_init", &rt.error_init },
    { "zip_source_buffer_create", &rt.source_buffer_create },
    { "zip_error_strerror", &rt.error_strerror },
    { "zip_source_keep", &rt.source_keep },
    { "zip_open_from_source", &rt.open_from_source },
    { "zip_strerror", &rt.strerror },
    { "zip_discard", &rt.discard },
    { "zip_close", &rt.close },
    { "zip_source_stat", &rt.source_stat },
    { "zip_source_open", &rt.source_open },
    { "zip_source_error", &rt.source_error },
    { "zip_source_read", &rt.source_read },
    { "zip_source_close", &rt.source_close },
    { "zip_error_fini", &rt.error_fini },
    { NULL, NULL }
  };
  return dynload_open(ZIP_LOADER_LIB, syms, failure, sizeof failure);
}

const zip_loader *zip_loader_get(char *err, size_t size) {
  if (state == 0)
    state = load() == 0 ? 1 : -1;
  if (state == 1)
    return &rt;
  snprintf(err, size, "%s", failure);
  return NULL;
}
