#ifndef PW_DYNLOAD_H
#define PW_DYNLOAD_H
/*
** dynload: a library opened with dlopen when first needed, and the
** functions planwatch calls in it (curl_loader.h: libcurl; zip_loader.h:
** libzip).
*/
#include <stddef.h>

/* A function to resolve: its name, and where its address goes (a pointer
** to a function pointer). dlsym answers with a void *; POSIX guarantees a
** function pointer has the same representation, which ISO C does not let
** a cast say, so the slot is written through void **. */
typedef struct dynload_sym {
  const char *name;
  void *slot;
} dynload_sym;

/* Open lib (RTLD_NOW | RTLD_LOCAL) and resolve every symbol of syms, a list
** ended by { NULL, NULL }. 0, or -1 with the reason in failure (the
** loader's error, or the first symbol missing); the library stays open for
** the life of the process. */
int dynload_open(const char *lib, const dynload_sym *syms, char *failure,
                 size_t size);

#endif
