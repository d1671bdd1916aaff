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

#include "writable.h"
#include "zipfile.h"

#define MAX_ENTRIES 1000
#define MAX_NAME 255

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
  const runctx *ctx = lua_touserdata(L, lua_upvalueindex(1));
  const char *path = luaL_checkstring(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  char resolved[PATH_MAX], why[512];
  if (writable_check(ctx, path, resolved, why, sizeof why) != 0)
    return luaL_error(L, "zip_write: %s", why);
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

void lua_zip_register(lua_State *L, runctx *ctx) {
  lua_pushlightuserdata(L, ctx);
  lua_pushcclosure(L, l_zip_write, 1);
  lua_setfield(L, -2, "zip_write");
}
