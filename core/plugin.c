/*
** plugin.c: run one plugin file in its own sandboxed state.
*/
#include "plugin.h"

#include <string.h>

#include <lauxlib.h>

#include "xfer.h"

/* where(level): the full source name (without '@') and line of a caller. */
static int where(lua_State *L) {
  lua_Debug ar;
  int level = (int)luaL_checkinteger(L, 1);
  if (!lua_getstack(L, level, &ar) || !lua_getinfo(L, "Sl", &ar))
    return 0;
  const char *src = ar.source[0] == '@' ? ar.source + 1 : ar.short_src;
  lua_pushstring(L, src);
  lua_pushinteger(L, ar.currentline);
  return 2;
}

/* define(name, value): a raw set into the plugin's guarded environment. */
static int define(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  lua_settop(L, 2);
  sandbox_define(L, lua_upvalueindex(1), name);
  return 0;
}

/* Put an error message for `path` onto host as nil, message. */
static int report(lua_State *host, const char *path, const char *msg) {
  lua_pushnil(host);
  if (strncmp(msg, path, strlen(path)) == 0)
    lua_pushstring(host, msg);
  else
    lua_pushfstring(host, "%s: %s", path, msg);
  return 0;
}

/* Run prelude then plugin in sb; leaves the declarations on sb's stack. */
static int run(sandbox *sb, const char *path, const char *prelude) {
  lua_State *L = sb->L;
  sandbox_env(L);
  int env = lua_gettop(L);
  if (sandbox_loadfile(L, prelude, env) != LUA_OK)
    return -1;
  lua_pushvalue(L, env);
  lua_pushcfunction(L, where);
  lua_pushvalue(L, env);
  lua_pushcclosure(L, define, 1);
  if (sandbox_call(sb, 3, 1) != LUA_OK)
    return -1;
  int collect = lua_gettop(L);
  if (sandbox_loadfile(L, path, env) != LUA_OK ||
      sandbox_call(sb, 0, 0) != LUA_OK)
    return -1;
  lua_pushvalue(L, collect);
  return sandbox_call(sb, 0, 1) == LUA_OK ? 0 : -1;
}

int plugin_eval(lua_State *host, const char *path, const char *prelude,
                const sandbox_limits *lim) {
  sandbox *sb = sandbox_new(lim);
  if (sb == NULL)
    return report(host, path, "not enough memory to start a sandbox");
  int ok = 1;
  if (run(sb, path, prelude) != 0) {
    ok = report(host, path, lua_tostring(sb->L, -1));
  } else if (xfer_copy(sb->L, -1, host) != 0) {
    lua_pushfstring(host, "declarations cannot be read: %s",
                    lua_tostring(host, -1));
    lua_remove(host, -2);
    ok = report(host, path, lua_tostring(host, -1));
    lua_remove(host, -3);
  }
  sandbox_free(sb);
  return ok;
}
