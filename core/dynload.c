/* dynload: libraries opened when first needed. See dynload.h. */
#include "dynload.h"

#include <dlfcn.h>
#include <stdio.h>

int dynload_open(const char *lib, const dynload_sym *syms, char *failure,
                 size_t size) {
  void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
  if (h == NULL) {
    const char *why = dlerror();
    snprintf(failure, size, "%s cannot be loaded (%s)", lib, why ? why : "?");
    return -1;
  }
  for (const dynload_sym *s = syms; s->name; s++) {
    void *f = dlsym(h, s->name);
    if (f == NULL) {
      snprintf(failure, size, "%s: %s is missing", lib, s->name);
      return -1;
    }
    *(void **)s->slot = f;
  }
  return 0;
}
