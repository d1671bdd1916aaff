/*
** lua_plugin.c: pw.plugin, the binding of plugin.h (see lua_plugin.h).
*/
#include "lua_plugin.h"

#include <lauxlib.h>

#include "plugin.h"

/* pw.plugin(path [, call, arg [, text]]): see plugin_call_source; with
** text, that text is run under the name path instead of the file. */
static int l_plugin(lua_State *L) {
  runctx *ctx = lua_touserdata(L, lua_upvalueindex(1));
  const char *path = luaL_checkstring(L, 1);
  const char *call = luaL_optstring(L, 2, NULL);
  int arg = lua_isnoneornil(L, 3) ? 0 : 3;
  plugin_source src = { NULL, 0 };
  if (!lua_isnoneornil(L, 4))
    src.text = luaL_checklstring(L, 4, &src.len);
  const char *prelude =
      lua_pushfstring(L, "%s/scripts/lib/plugin_env.lua", ctx->home);
  return plugin_call_source(L, path, src.text ? &src : NULL, prelude,
                            &ctx->plugin_limits, call, arg) ? 1 : 2;
}

void lua_plugin_register(lua_State *L, runctx *ctx) {
  lua_pushlightuserdata(L, ctx);
  lua_pushcclosure(L, l_plugin, 1);
  lua_setfield(L, -2, "plugin");
}
