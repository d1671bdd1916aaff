#ifndef PW_PLUGIN_H
#define PW_PLUGIN_H
/*
** plugin: evaluate one plugin file in a sandbox of its own.
**
** Each file gets a fresh Lua state (so no plugin can touch another's strings,
** metatables or globals) with the limits given. The prelude, a trusted Lua
** file, runs first in that state: it is called with the plugin's environment
** and a `where(level)` function (source file and line of a caller) and
** returns a collector function. The plugin runs next; then the collector
** returns the list of declarations, which is copied into the host as data.
** The state is closed before plugin_eval returns.
*/
#include <lua.h>

#include "sandbox.h"

/* Push onto host the declarations of the plugin at path, or nil and an error
** message "file:line: message". Returns 1 on success, 0 on error. */
int plugin_eval(lua_State *host, const char *path, const char *prelude,
                const sandbox_limits *lim);

/* As plugin_eval, then call the prelude's exported function named call
** (the prelude returned a table of functions) with a copy of host's value
** at index arg (0: no argument), and push a copy of what it returns. This is
** how a plugin's Lua functions (derived indicators' formulas, validation
** rules) run: in the plugin's own sandbox, on data copied in and out. */
int plugin_call(lua_State *host, const char *path, const char *prelude,
                const sandbox_limits *lim, const char *call, int arg);

#endif
