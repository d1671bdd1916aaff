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

/*
** Push the prelude's function named call (NULL: the collector). The prelude
** returns either the collector itself or a table of named functions.
*/
static int exported(lua_State *L, int exports, const char *call) {
  if (lua_type(L, exports) == LUA_TTABLE)
    lua_getfield(L, exports, call ? call : "collect");
  else
    lua_pushvalue(L, exports);
  if (lua_type(L, -1) == LUA_TFUNCTION && (call == NULL ||
      lua_type(L, exports) == LUA_TTABLE))
    return 0;
  lua_pushfstring(L, "the plugin prelude has no function '%s'",
                  call ? call : "collect");
  return -1;
}

/* Run prelude then plugin in sb, then the exported function `call` with a
** copy of host's value at arg (if arg is not 0); leaves its result on sb's
** stack. */
static int run(sandbox *sb, const char *path, const char *prelude,
               const char *call, lua_State *host, int arg) {
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
  int exports = lua_gettop(L);
  if (sandbox_loadfile(L, path, env) != LUA_OK ||
      sandbox_call(sb, 0, 0) != LUA_OK)
    return -1;
  if (exported(L, exports, call) != 0)
    return -1;
  if (arg && xfer_copy(host, arg, L) != 0)
    return -1;
  return sandbox_call(sb, arg ? 1 : 0, 1) == LUA_OK ? 0 : -1;
}

int plugin_call(lua_State *host, const char *path, const char *prelude,
                const sandbox_limits *lim, const char *call, int arg) {
  arg = arg ? lua_absindex(host, arg) : 0;
  sandbox *sb = sandbox_new(lim);
  if (sb == NULL)
    return report(host, path, "not enough memory to start a sandbox");
  int ok = 1;
  if (run(sb, path, prelude, call, host, arg) != 0) {
    ok = report(host, path, lua_tostring(sb->L, -1));
  } else if (xfer_copy(sb->L, -1, host) != 0) {
    lua_pushfstring(host, "%s cannot be read: %s",
                    call ? "the plugin's answer" : "declarations",
                    lua_tostring(host, -1));
    lua_remove(host, -2);
    ok = report(host, path, lua_tostring(host, -1));
    lua_remove(host, -3);
  }
  sandbox_free(sb);
  return ok;
}

int plugin_eval(lua_State *host, const char *path, const char *prelude,
                const sandbox_limits *lim) {
  return plugin_call(host, path, prelude, lim, NULL, 0);
}
