/*
** lua_zip.c: pw.zip_write.
*/
#define _XOPEN_SOURCE 700
#include "lua_zip.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "zipfile.h"

#define MAX_ENTRIES 1000
#define MAX_NAME 255

/* Whether path is one of the command's arguments (upvalue 2). */
static int named_on_command_line(lua_State *L, const char *path) {
  lua_Integer n = luaL_len(L, lua_upvalueindex(2));
  for (lua_Integer i = 1; i <= n; i++) {
    lua_rawgeti(L, lua_upvalueindex(2), i);
    int same = strcmp(lua_tostring(L, -1), path) == 0;
    lua_pop(L, 1);
    if (same)
      return 1;
  }
  return 0;
}

/* The absolute path of path, whose last part need not exist yet. */
static int resolve(const char *path, char *out) {
  if (realpath(path, out) != NULL)
    return 0;
  const char *slash = strrchr(path, '/');
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) + (slash == path) : 1,
           slash ? path : ".");
  if (realpath(dir, out) == NULL)
    return -1;
  size_t used = strlen(out);
  snprintf(out + used, PATH_MAX - used, "/%s", slash ? slash + 1 : path);
  return 0;
}

/* Whether path is the database or one of its companion files. */
static int is_database(const pw_ctx *ctx, const char *path) {
  static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
  char db[PATH_MAX], target[PATH_MAX];
  if (resolve(ctx->db_path, db) != 0 || resolve(path, target) != 0)
    return 0;
  size_t n = strlen(db);
  for (int i = 0; i < 4; i++)
    if (strncmp(target, db, n) == 0 && strcmp(target + n, suffix[i]) == 0)
      return 1;
  return 0;
}

/* An entry name fit for an archive: relative, no "..", no empty part. */
static const char *bad_name(const char *name, size_t len) {
  if (len == 0 || len > MAX_NAME)
    return "must be 1 to 255 bytes";
  if (strlen(name) != len || strchr(name, '\\') != NULL)
    return "holds a NUL byte or a backslash";
  if (name[0] == '/' || name[len - 1] == '/' || strstr(name, "//") != NULL)
    return "must be a relative path without empty parts";
  for (const char *p = name; p != NULL; p = strchr(p, '/')) {
    p += *p == '/';
    if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
      return "must not hold \"..\"";
  }
  return NULL;
}

/* Read entry i of the list at index 2 into e (its strings stay on the
** stack, in the list, while the archive is written). */
static void read_entry(lua_State *L, lua_Integer i, zipfile_entry *e) {
  if (lua_rawgeti(L, 2, i) != LUA_TTABLE)
    luaL_error(L, "zip_write: entry %d must be a table { name =, data = }", (int)i);
  lua_pushliteral(L, "name"); /* raw: no metamethod may hand over a string */
  lua_rawget(L, -2);          /* that nothing else holds */
  lua_pushliteral(L, "data");
  lua_rawget(L, -3);
  if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
    luaL_error(L, "zip_write: entry %d needs a string name and data", (int)i);
  size_t len;
  e->name = lua_tolstring(L, -2, &len);
  const char *why = bad_name(e->name, len);
  if (why != NULL)
    luaL_error(L, "zip_write: entry %d: name '%s' %s", (int)i, e->name, why);
  e->data = lua_tolstring(L, -1, &e->len);
  lua_pop(L, 3); /* the strings are still held by the entry table */
}

static void check_unique(lua_State *L, const zipfile_entry *e, lua_Integer n) {
  for (lua_Integer i = 0; i < n; i++)
    for (lua_Integer j = i + 1; j < n; j++)
      if (strcmp(e[i].name, e[j].name) == 0)
        luaL_error(L, "zip_write: entry '%s' twice", e[i].name);
}

static int l_zip_write(lua_State *L) {
  const pw_ctx *ctx = lua_touserdata(L, lua_upvalueindex(1));
  const char *path = luaL_checkstring(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  if (!named_on_command_line(L, path))
    return luaL_error(L, "zip_write: %s is not a file named on the command line", path);
  if (is_database(ctx, path))
    return luaL_error(L, "zip_write: %s is the database; change it with SQL", path);
  lua_Integer n = luaL_len(L, 2);
  if (n < 1 || n > MAX_ENTRIES)
    return luaL_error(L, "zip_write: 1 to %d entries, not %d", MAX_ENTRIES, (int)n);
  zipfile_entry *e = lua_newuserdatauv(L, sizeof *e * (size_t)n, 0);
  for (lua_Integer i = 1; i <= n; i++)
    read_entry(L, i, &e[i - 1]);
  check_unique(L, e, n);
  char err[512];
  if (zipfile_write(path, e, (size_t)n, err, sizeof err) != 0) {
    luaL_pushfail(L);
    lua_pushstring(L, err);
    return 2;
  }
  lua_pushboolean(L, 1);
  return 1;
}

void lua_zip_register(lua_State *L, pw_ctx *ctx, int argc, char **argv) {
  lua_pushlightuserdata(L, ctx);
  lua_createtable(L, argc, 0);
  for (int i = 0; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i + 1);
  }
  lua_pushcclosure(L, l_zip_write, 2);
  lua_setfield(L, -2, "zip_write");
}
