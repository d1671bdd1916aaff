/*
** test_safefile.c: reading regular files only, replacing a file through a
** fresh temporary file, resolving paths the way a write reaches them.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "say.h"
#include "safefile.h"
#include "scratch.h"

static char dir[] = "/tmp/planwatch-safefile.XXXXXX";

static const char *at(char *buf, const char *name) {
  return scratch_path(dir, buf, PATH_MAX, name);
}

static void put(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  if (f) {
    fputs(text, f);
    fclose(f);
  }
}

static int holds(const char *path, const char *text) {
  char buf[256] = "";
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return 0;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  return strcmp(buf, text) == 0;
}

static void test_reading(void) {
  char p[PATH_MAX], err[SAFEFILE_ERR_SIZE];
  put(at(p, "plain.txt"), "hello");
  int fd = safefile_open(p, err);
  CHECK(fd >= 0, "a regular file opens");
  CHECK(fd >= 0 && (fcntl(fd, F_GETFL) & O_NONBLOCK) == 0,
        "and its descriptor blocks again");
  if (fd >= 0)
    close(fd);
  CHECK(mkfifo(at(p, "fifo"), 0600) == 0 && safefile_open(p, err) < 0 &&
        strcmp(err, "not a regular file") == 0,
        "a FIFO is refused at once (%s)", err);
  CHECK(safefile_fopen("/dev/zero", err) == NULL &&
        strcmp(err, "not a regular file") == 0, "a device is refused");
  CHECK(safefile_open(dir, err) < 0 && strstr(err, "folder"),
        "a folder is refused (%s)", err);
  CHECK(safefile_open(at(p, "missing"), err) < 0 &&
        strcmp(err, strerror(ENOENT)) == 0, "a missing file says so");
}

static void test_replacing(void) {
  char p[PATH_MAX], victim[PATH_MAX], link[PATH_MAX], err[SAFEFILE_ERR_SIZE];
  put(at(victim, "victim"), "keep me");
  at(p, "out.html");
  at(link, "out.html.tmp");
  CHECK(symlink(victim, link) == 0 && safefile_replace(p, "new", 3, err) == 0 &&
        holds(p, "new") && holds(victim, "keep me"),
        "a link planted at the old temporary name is not followed");
  CHECK(chmod(p, 0600) == 0 && safefile_replace(p, "newer", 5, err) == 0 &&
        holds(p, "newer"), "an existing file is replaced");
  struct stat st;
  CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0600,
        "and keeps its permissions");
  at(link, "to-victim");
  CHECK(symlink(victim, link) == 0 && safefile_replace(link, "x", 1, err) != 0 &&
        strstr(err, "symbolic link") && holds(victim, "keep me") &&
        lstat(link, &st) == 0 && S_ISLNK(st.st_mode),
        "a link at the target is refused and left as it is (%s)", err);
  CHECK(safefile_replace(dir, "x", 1, err) != 0, "a folder is not replaced");
  CHECK(safefile_replace(at(p, "no/such/folder/f"), "x", 1, err) != 0,
        "a missing folder is an error (%s)", err);
  int fd = safefile_temp(dir, "a", p, sizeof p);
  char second[PATH_MAX];
  int fd2 = safefile_temp(dir, "a", second, sizeof second);
  CHECK(fd >= 0 && fd2 >= 0 && strcmp(p, second) != 0,
        "two temporary files get two names (%s, %s)", p, second);
  if (fd >= 0) { close(fd); unlink(p); }
  if (fd2 >= 0) { close(fd2); unlink(second); }
}

static void test_resolving(void) {
  char p[PATH_MAX], out[PATH_MAX], real[PATH_MAX], want[PATH_MAX + 32];
  if (realpath(dir, real) == NULL)
    return;
  CHECK(safefile_resolve(at(p, "sub/../new.txt"), 0, out) == -1,
        "'..' in a part that does not exist is refused");
  mkdir(at(p, "real"), 0700);
  symlink(at(p, "real"), at(out, "via"));
  snprintf(want, sizeof want, "%s/real/f", real);
  CHECK(safefile_resolve(at(p, "via/f"), 0, out) == 0 && strcmp(out, want) == 0,
        "a link in the folder's path is followed (%s)", out);
  snprintf(want, sizeof want, "%s/via", real);
  CHECK(safefile_resolve(at(p, "via"), 0, out) == 0 && strcmp(out, want) == 0,
        "the last name is not followed");
  snprintf(want, sizeof want, "%s/real", real);
  CHECK(safefile_resolve(at(p, "via/"), 1, out) == 0 && strcmp(out, want) == 0,
        "unless asked (full)");
  snprintf(want, sizeof want, "%s/a/b/c", real);
  CHECK(safefile_resolve(at(p, "a/b/c"), 0, out) == 0 && strcmp(out, want) == 0,
        "missing folders resolve through their existing ancestor");
  CHECK(safefile_within("/srv/pw/scripts/lib/x", "/srv/pw/scripts") &&
        safefile_within("/srv/pw/scripts", "/srv/pw/scripts") &&
        !safefile_within("/srv/pw/scripts2/x", "/srv/pw/scripts") &&
        safefile_within("/x", "/"), "within compares whole names");
}

static void cleanup(void) {
  char p[PATH_MAX];
  unlink(at(p, "via"));
  rmdir(at(p, "real"));
  scratch_remove(dir);
}

int main(void) {
  say_use("en"); /* the checks below read the English texts */
  if (!CHECK(mkdtemp(dir) != NULL, "a scratch folder"))
    return check_done();
  test_reading();
  test_replacing();
  test_resolving();
  cleanup();
  return check_done();
}
