#ifndef PW_ZIP_LOADER_H
#define PW_ZIP_LOADER_H
/*
** zip_loader: libzip, loaded when a DOCX is first written.
**
** libzip pulls in libcrypto, libbz2 and libz: linked, their relocations
** doubled the instructions every planwatch command spends before main
** (5.0 M to 9.9 M for `-e 'return 1'`), for a library only `report --docx`
** uses. As with libcurl (curl_loader.h), the binary does not link it: the first
** caller of zip_loader_get() opens libzip.so.4 with dlopen and resolves the
** functions below. The library stays loaded for the life of the process.
**
** Types and constants come from <zip.h> (SONAME libzip.so.4); only the
** calls go through this table.
*/
#include <stddef.h>
#include <time.h>

#include <zip.h>

typedef struct zip_loader {
  zip_source_t *(*source_buffer)(zip_t *, const void *, zip_uint64_t, int);
  zip_int64_t (*file_add)(zip_t *, const char *, zip_source_t *, zip_flags_t);
  void (*source_free)(zip_source_t *);
  int (*file_set_mtime)(zip_t *, zip_uint64_t, time_t, zip_flags_t);
  void (*error_init)(zip_error_t *);
  zip_source_t *(*source_buffer_create)(const void *, zip_uint64_t, int,
                                        zip_error_t *);
  const char *(*error_strerror)(zip_error_t *);
  void (*source_keep)(zip_source_t *);
  zip_t *(*open_from_source)(zip_source_t *, int, zip_error_t *);
  const char *(*strerror)(zip_t *);
  void (*discard)(zip_t *);
  int (*close)(zip_t *);
  int (*source_stat)(zip_source_t *, zip_stat_t *);
  int (*source_open)(zip_source_t *);
  zip_error_t *(*source_error)(zip_source_t *);
  zip_int64_t (*source_read)(zip_source_t *, void *, zip_uint64_t);
  int (*source_close)(zip_source_t *);
  void (*error_fini)(zip_error_t *);
} zip_loader;

/* libzip, loaded on the first call. NULL when it cannot be (not installed,
** a symbol missing), with the reason in err; later calls give the same
** answer without retrying. */
const zip_loader *zip_loader_get(char *err, size_t size);

#endif
