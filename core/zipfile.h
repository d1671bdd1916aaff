#ifndef PW_ZIPFILE_H
#define PW_ZIPFILE_H
/*
** zipfile: write a ZIP archive (an office document's container) through
** libzip, atomically.
**
** The archive is built in memory by libzip (deflate, UTF-8 names, every
** entry dated 1980-01-02 so the same content gives the same bytes), then
** written as every replaced file is (safefile_replace: a fresh temporary
** file beside the target, created exclusively without following links,
** synced and renamed over it; a target that is a symbolic link refused): a
** reader sees the old file or the whole new one, never half, and on any
** failure the target is untouched.
**
** The module checks nothing about who may write where: callers do (see
** lua_zip.h). Entry names are taken as given; callers check them.
*/
#include <stddef.h>

typedef struct zipfile_entry {
  const char *name;   /* path inside the archive, "word/document.xml" */
  const void *data;   /* its bytes */
  size_t len;         /* their length */
} zipfile_entry;

/* Write the n entries, in order, as the archive at path. Returns 0, or -1
** with a message in err (errlen bytes, NUL-terminated). */
int zipfile_write(const char *path, const zipfile_entry *entries, size_t n,
                  char *err, size_t errlen);

#endif
