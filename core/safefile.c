/*
** safefile.c: regular files only for reading; replacement through a fresh
** temporary file in the target's folder.
*/
#define _GNU_SOURCE /* O_NOFOLLOW, O_DIRECTORY, getrandom */
#include "safefile.h"
#include "say.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEMP_TRIES 100   /* fresh names drawn before giving up */
#define RESOLVE_DEPTH 64 /* missing folders resolved above a path */

static void tell(char err[SAFEFILE_ERR_SIZE], const char *why) {
  snprintf(err, SAFEFILE_ERR_SIZE, "%s", why);
}

int safefile_open(const char *path, char err[SAFEFILE_ERR_SIZE]) {
  struct stat st = { 0 };
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    tell(err, say_errno(errno));
    return -1;
  }
  errno = 0;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    int folder = errno == 0 && S_ISDIR(st.st_mode);
    tell(err, say(folder ? SAY_FILE_IS_FOLDER : SAY_FILE_NOT_REGULAR));
    close(fd);
    return -1;
  }
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
    tell(err, say_errno(errno));
    close(fd);
    return -1;
  }
  return fd;
}

FILE *safefile_fopen(const char *path, char err[SAFEFILE_ERR_SIZE]) {
  int fd = safefile_open(path, err);
  if (fd < 0)
    return NULL;
  FILE *f = fdopen(fd, "rb");
  if (f == NULL) {
    tell(err, say_errno(errno));
    close(fd);
  }
  return f;
}

/* Six random letters and digits. */
static void random_suffix(char out[7]) {
  static const char abc[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  unsigned char r[6];
  if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
    static unsigned counter;
    unsigned long x = (unsigned long)getpid() * 2654435761u + ++counter;
    for (int i = 0; i < 6; i++, x /= 62)
      r[i] = (unsigned char)(x % 62);
  }
  for (int i = 0; i < 6; i++)
    out[i] = abc[r[i] % 62];
  out[6] = '\0';
}

int safefile_temp(const char *dir, const char *name, char *tmp, size_t size) {
  for (int i = 0; i < TEMP_TRIES; i++) {
    char suffix[7];
    random_suffix(suffix);
    if (snprintf(tmp, size, "%s/.%.200s.%s", dir, name, suffix) >= (int)size) {
      errno = ENAMETOOLONG;
      return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  0666);
    if (fd >= 0 || errno != EEXIST)
      return fd;
  }
  return -1;
}

int safefile_write_all(int fd, const char *data, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, data, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return -1;
    data += w;
    n -= (size_t)w;
  }
  return 0;
}

/* Split path into its folder (dir, PATH_MAX) and last name; -1 when the
** path names no file ("", "/", ending in "." or ".."). */
static int split(const char *path, char *dir, const char **name) {
  const char *slash = strrchr(path, '/');
  *name = slash ? slash + 1 : path;
  if (**name == '\0' || strcmp(*name, ".") == 0 || strcmp(*name, "..") == 0)
    return -1;
  if (slash == NULL)
    snprintf(dir, PATH_MAX, ".");
  else if (slash == path)
    snprintf(dir, PATH_MAX, "/");
  else if (snprintf(dir, PATH_MAX, "%.*s", (int)(slash - path), path) >=
           PATH_MAX)
    return -1;
  return 0;
}

/* What is at path now may be replaced: nothing, or a regular file (its
** permission bits go to *mode). */
static int replaceable(const char *path, mode_t *mode,
                       char err[SAFEFILE_ERR_SIZE]) {
  struct stat st;
  *mode = 0;
  if (lstat(path, &st) != 0)
    return errno == ENOENT ? 0 : (tell(err, say_errno(errno)), -1);
  if (S_ISLNK(st.st_mode)) {
    tell(err, say(SAY_FILE_IS_LINK));
    return -1;
  }
  if (!S_ISREG(st.st_mode)) {
    tell(err, say(SAY_FILE_EXISTS_NOT_REGULAR));
    return -1;
  }
  *mode = st.st_mode & 07777;
  return 0;
}

/* Write data to the open temporary file, then make it durable. */
static int fill(int fd, const void *data, size_t n, mode_t mode) {
  if (safefile_write_all(fd, data, n) != 0)
    return -1;
  if (mode && fchmod(fd, mode) != 0)
    return -1;
  return fsync(fd);
}

static int sync_dir(const char *dir) {
  int d = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d < 0)
    return -1;
  int rc = fsync(d);
  close(d);
  return rc;
}

int safefile_replace(const char *path, const void *data, size_t n,
                     char err[SAFEFILE_ERR_SIZE]) {
  char dir[PATH_MAX], tmp[PATH_MAX];
  const char *name;
  mode_t mode;
  if (split(path, dir, &name) != 0) {
    tell(err, say(SAY_FILE_NOT_A_NAME));
    return -1;
  }
  if (replaceable(path, &mode, err) != 0)
    return -1;
  int fd = safefile_temp(dir, name, tmp, sizeof tmp);
  if (fd < 0) {
    tell(err, say_errno(errno));
    return -1;
  }
  int bad = fill(fd, data, n, mode);
  int e = errno;
  bad |= close(fd) != 0;
  if (!bad && rename(tmp, path) == 0 && sync_dir(dir) == 0)
    return 0;
  e = bad ? e : errno;
  unlink(tmp);
  tell(err, strerror(e));
  return -1;
}

static int resolve(const char *path, int full, char *out, int depth) {
  char dir[PATH_MAX], parent[PATH_MAX];
  const char *name;
  if (full && realpath(path, out) != NULL)
    return 0;
  if (split(path, dir, &name) != 0) {
    if (realpath(path, out) != NULL)
      return 0;
    errno = EINVAL;
    return -1;
  }
  if (realpath(dir, parent) == NULL) {
    if (errno != ENOENT || depth >= RESOLVE_DEPTH)
      return -1;
    if (resolve(dir, 1, parent, depth + 1) != 0)
      return -1;
  }
  const char *sep = strcmp(parent, "/") == 0 ? "" : "/";
  if (snprintf(out, PATH_MAX, "%s%s%s", parent, sep, name) >= PATH_MAX) {
    errno = ENAMETOOLONG;
    return -1;
  }
  return 0;
}

int safefile_resolve(const char *path, int full, char *out) {
  char trimmed[PATH_MAX];
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/')
    n--;
  if (n == 0 || n >= sizeof trimmed) {
    errno = n ? ENAMETOOLONG : ENOENT;
    return -1;
  }
  memcpy(trimmed, path, n);
  trimmed[n] = '\0';
  return resolve(trimmed, full, out, 0);
}

int safefile_within(const char *p, const char *dir) {
  size_t n = strlen(dir);
  if (n == 1 && dir[0] == '/')
    return p[0] == '/';
  return strncmp(p, dir, n) == 0 && (p[n] == '\0' || p[n] == '/');
}
