/*
** lua_files.c: the file doors of scripts (see lua_files.h).
*/
#define _XOPEN_SOURCE 700
#include "lua_files.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "safefile.h"
#include "sandbox.h"
#include "writable.h"

#define FILE_META "planwatch.open_file"
#define NAMES_META "planwatch.dir_names"

/* Names read from a directory, held by a userdata until they are Lua's. */
typedef struct dir_names {
  char **names;
  size_t n, cap;
} dir_names;

static runctx *ctx_up(lua_State *L) {
  return lua_touserdata(L, lua_upvalueindex(1));
}

static int fail_with(lua_State *L, const char *path, const char *why) {
  luaL_pushfail(L);
  lua_pushfstring(L, "%s: %s", path, why);
  return 2;
}

static int fail_errno(lua_State *L, const char *path) {
  return fail_with(L, path, strerror(errno));
}

/* __gc and __close of an open file's userdata. */
static int file_gc(lua_State *L) {
  lua_files_close(L, 1);
  return 0;
}

/* The box is a to-be-closed slot: an error unwinding the C function that
** opened it closes the file at once, not at some later collection. */
FILE *lua_files_open(lua_State *L, const char *path, char *why) {
  FILE *f = safefile_fopen(path, why);
  if (f == NULL)
    return NULL;
  FILE **box = lua_newuserdatauv(L, sizeof *box, 0);
  *box = f;
  luaL_setmetatable(L, FILE_META);
  lua_toclose(L, -1);
  return f;
}

void lua_files_close(lua_State *L, int idx) {
  FILE **box = luaL_checkudata(L, idx, FILE_META);
  if (*box)
    fclose(*box);
  *box = NULL;
}

/* Process information (/proc/self/environ holds the SMTP password), the
** SMTP password file and the service's credentials are refused (see
** sandbox_unreadable); so is anything but a regular file (a FIFO would
** block, /dev/zero never end). The buffer's growth may raise (the memory
** cap): the file's userdata then closes it. */
static int l_read_file(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  char why[SAFEFILE_ERR_SIZE];
  const char *refused = sandbox_unreadable(path);
  if (refused)
    return fail_with(L, path, refused);
  FILE *f = lua_files_open(L, path, why);
  if (f == NULL)
    return fail_with(L, path, why);
  int box = lua_gettop(L);
  luaL_Buffer b;
  char chunk[8192];
  size_t n;
  luaL_buffinit(L, &b);
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    luaL_addlstring(&b, chunk, n);
  int bad = ferror(f) ? errno : 0;
  lua_files_close(L, box);
  if (bad)
    return fail_with(L, path, strerror(bad));
  luaL_pushresult(&b);
  size_t len;
  const char *text = lua_tolstring(L, -1, &len);
  if (sandbox_holds_secret(text, len)) {
    lua_pop(L, 1);
    return fail_with(L, path, SANDBOX_SECRET_REFUSED);
  }
  return 1;
}

/* Raise unless the run may write path (writable.h); resolved gets the
** path to write. */
static void check_writable(lua_State *L, const char *fn, const char *path,
                           char *resolved) {
  char err[PATH_MAX + 200];
  if (writable_check(ctx_up(L), path, resolved, err, sizeof err) != 0)
    luaL_error(L, "%s: %s", fn, err);
}

/* Written through a fresh temporary file, then renamed (safefile.h): a
** reader never sees half a file, and a planted link is never followed. */
static int l_write_file(lua_State *L) {
  size_t len;
  char resolved[PATH_MAX], why[SAFEFILE_ERR_SIZE];
  const char *path = luaL_checkstring(L, 1);
  const char *text = luaL_checklstring(L, 2, &len);
  check_writable(L, "write_file", path, resolved);
  if (safefile_replace(resolved, text, len, why) != 0)
    return fail_with(L, path, why);
  lua_pushboolean(L, 1);
  return 1;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int names_gc(lua_State *L) {
  dir_names *d = luaL_checkudata(L, 1, NAMES_META);
  for (size_t i = 0; i < d->n; i++)
    free(d->names[i]);
  free(d->names);
  memset(d, 0, sizeof *d);
  return 0;
}

/* Every name in the directory but hidden ones, into d; 0, or -1 out of
** memory. The directory is closed before any Lua call that could raise. */
static int read_names(DIR *dir, dir_names *d) {
  struct dirent *e;
  while ((e = readdir(dir)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    if (d->n == d->cap) {
      size_t cap = d->cap ? d->cap * 2 : 32;
      char **grown = realloc(d->names, cap * sizeof *grown);
      if (grown == NULL)
        return -1;
      d->names = grown;
      d->cap = cap;
    }
    if ((d->names[d->n] = strdup(e->d_name)) == NULL)
      return -1;
    d->n++;
  }
  return 0;
}

/* The names are held by a userdata while the list is built: a raise there
** (the memory cap) frees them when it is collected. */
static int l_list_dir(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  const char *refused = sandbox_unreadable(path);
  if (refused)
    return fail_with(L, path, refused);
  dir_names *d = lua_newuserdatauv(L, sizeof *d, 0);
  memset(d, 0, sizeof *d);
  luaL_setmetatable(L, NAMES_META);
  DIR *dir = opendir(path);
  if (dir == NULL)
    return fail_errno(L, path);
  (void)read_names(dir, d);      /* out of memory: the names read so far */
  closedir(dir);
  if (d->n > 1)
    qsort(d->names, d->n, sizeof *d->names, compare_names);
  lua_createtable(L, (int)d->n, 0);
  for (size_t i = 0; i < d->n; i++) {
    lua_pushstring(L, d->names[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int l_is_dir(lua_State *L) {
  struct stat st;
  lua_pushboolean(L, stat(luaL_checkstring(L, 1), &st) == 0 &&
                         S_ISDIR(st.st_mode));
  return 1;
}

/* mkdir(path): one folder (its parent must exist); an existing one is
** fine. Only where the run may write (writable.h). */
static int l_mkdir(lua_State *L) {
  char resolved[PATH_MAX];
  const char *path = luaL_checkstring(L, 1);
  check_writable(L, "mkdir", path, resolved);
  if (mkdir(resolved, 0755) != 0 && errno != EEXIST)
    return fail_errno(L, path);
  lua_pushboolean(L, 1);
  return 1;
}

static int l_exists(lua_State *L) {
  struct stat st;
  lua_pushboolean(L, stat(luaL_checkstring(L, 1), &st) == 0);
  return 1;
}
void lua_files_register(lua_State *L, runctx *ctx) {
  static const luaL_Reg fns[] = {
    {"read_file", l_read_file}, {"write_file", l_write_file},
    {"list_dir", l_list_dir}, {"is_dir", l_is_dir}, {"exists", l_exists},
    {"mkdir", l_mkdir}, {NULL, NULL}
  };
  if (luaL_newmetatable(L, FILE_META)) {
    lua_pushcfunction(L, file_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, file_gc);
    lua_setfield(L, -2, "__close");
  }
  if (luaL_newmetatable(L, NAMES_META)) {
    lua_pushcfunction(L, names_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 2);
  lua_pushlightuserdata(L, ctx);
  luaL_setfuncs(L, fns, 1);
}
