/*
** zipfile.c: a ZIP archive built by libzip in memory, written beside its
** target as every replaced file is (safefile.h).
*/
#define _XOPEN_SOURCE 700
#include "zipfile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "safefile.h"
#include "zip_loader.h"

/* libzip, loaded by zipfile_write (zip_loader.h). */
static const zip_loader *Z;

/* 1980-01-02 00:00 UTC: a day after the earliest DOS date, so that the
** local time libzip converts it to is a valid DOS date in every zone. */
#define ZIP_EPOCH 315619200

static int fail(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return -1;
}

/* Add one entry, stored from the caller's bytes (libzip copies nothing
** until zip_close, so they must outlive the archive). */
static int add_entry(zip_t *za, const zipfile_entry *e) {
  zip_source_t *s = Z->source_buffer(za, e->data, e->len, 0);
  if (s == NULL)
    return -1;
  zip_int64_t i = Z->file_add(za, e->name, s, ZIP_FL_ENC_UTF_8);
  if (i < 0) {
    Z->source_free(s);
    return -1;
  }
  return Z->file_set_mtime(za, (zip_uint64_t)i, ZIP_EPOCH, 0);
}

/*
** Build the archive into a memory source; on success *out holds the bytes
** (malloc'd, the caller frees) and *outlen their length.
*/
static int build(const zipfile_entry *entries, size_t n, char **out,
                 size_t *outlen, char *err, size_t errlen) {
  zip_error_t ze;
  Z->error_init(&ze);
  int rc = -1;
  zip_source_t *src = Z->source_buffer_create(NULL, 0, 0, &ze);
  if (src == NULL) {
    fail(err, errlen, "zip: %s", Z->error_strerror(&ze));
    goto out;
  }
  Z->source_keep(src); /* still ours after zip_close */
  zip_t *za = Z->open_from_source(src, ZIP_TRUNCATE, &ze);
  if (za == NULL) {
    fail(err, errlen, "zip: %s", Z->error_strerror(&ze));
    goto out;
  }
  for (size_t i = 0; i < n; i++)
    if (add_entry(za, &entries[i]) != 0) {
      fail(err, errlen, "zip: %s: %s", entries[i].name, Z->strerror(za));
      Z->discard(za);
      goto out;
    }
  if (Z->close(za) != 0) {
    fail(err, errlen, "zip: %s", Z->strerror(za));
    Z->discard(za);
    goto out;
  }
  zip_stat_t st;
  if (Z->source_stat(src, &st) != 0 || Z->source_open(src) != 0) {
    fail(err, errlen, "zip: %s", Z->error_strerror(Z->source_error(src)));
    goto out;
  }
  *out = malloc(st.size ? st.size : 1);
  zip_int64_t got = *out ? Z->source_read(src, *out, st.size) : -1;
  Z->source_close(src);
  if (got < 0 || (zip_uint64_t)got != st.size) {
    free(*out);
    *out = NULL;
    fail(err, errlen, "zip: cannot read the archive back");
    goto out;
  }
  *outlen = (size_t)st.size;
  rc = 0;
out:
  if (src != NULL)
    Z->source_free(src);
  Z->error_fini(&ze);
  return rc;
}

int zipfile_write(const char *path, const zipfile_entry *entries, size_t n,
                  char *err, size_t errlen) {
  char *bytes = NULL;
  size_t len = 0;
  if ((Z = zip_loader_get(err, errlen)) == NULL)
    return -1;
  if (build(entries, n, &bytes, &len, err, errlen) != 0)
    return -1;
  char why[SAFEFILE_ERR_SIZE];
  int rc = safefile_replace(path, bytes, len, why);
  free(bytes);
  return rc == 0 ? 0 : fail(err, errlen, "%s: %s", path, why);
}
