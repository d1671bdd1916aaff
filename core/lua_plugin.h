#ifndef PW_LUA_PLUGIN_H
#define PW_LUA_PLUGIN_H
/*
** lua_plugin: a plugin's file run for a script, in a forked child
** (plugin.h).
**
**   pw.plugin(path [, call, arg [, text]]) -> a plugin's declarations, or
**       what its function call returned for arg | nil, message
**
** With text, that text is run under the name path instead of the file.
** The child runs scripts/lib/plugin_env.lua first, under the plugin limits
** of the run (PLANWATCH_PLUGIN_*).
*/
#include <lua.h>

#include "runctx.h"

/* Add pw.plugin to the table on top of L; it keeps ctx. */
void lua_plugin_register(lua_State *L, runctx *ctx);

#endif
