#ifndef PW_PLUGIN_H
#define PW_PLUGIN_H
/*
** plugin: evaluate one plugin file in a sandbox of its own, in a process of
** its own.
**
** Each file gets a fresh Lua state (so no plugin can touch another's strings,
** metatables or globals) with the limits given. The prelude, a trusted Lua
** file, runs first in that state: it is called with the plugin's environment,
** a `where(level)` function (source file and line of a caller), a
** `define(name, value)` function and the model (what model.lua in the
** prelude's folder returns, run in the prelude's environment; nil when there
** is none) and the words of the run's language (the `vi` or `en` table of
** what words_plugin.lua beside the prelude returns, say.h; nil when there is
** none), and returns a collector function. The plugin runs next; then the collector
** returns the list of declarations, which is copied into the host as data.
**
** A plugin cannot fool the prelude's checks of its own declarations: the
** prelude has an environment of its own, the plugin one with private copies
** of the library tables (replacing string.match or math.type there changes
** nothing the prelude uses), and every declaration function the prelude
** defines receives raw copies of its table arguments, taken at the call
** (no metatable of the plugin's runs in the checks, and a table changed
** after its declaration does not change what was declared).
**
** All of that happens in a child process (forkrun.h): the child builds the
** sandbox, runs the plugin, and sends back its answer encoded as plain data
** (luaser.h); the host decodes it, trusting none of its bytes. The sandbox's
** instruction hook stops Lua code at its limits as before; the process
** boundary adds what the hook cannot do: a long call into C (a backtracking
** pattern match) is killed at the time limit plus FORKRUN_MARGIN and
** reported as "path: stopped: time limit exceeded", and a sandbox that
** crashes is reported as "path: the plugin's sandbox crashed (signal N)"
** while the host goes on. Nothing a plugin does outlives its evaluation.
*/
#include <lua.h>

#include "forkrun.h"
#include "sandbox.h"
#include "luaser.h"

/* Push onto host the declarations of the plugin at path, or nil and an error
** message "file:line: message". Returns 1 on success, 0 on error. A plugin
** file must be a regular file (safefile.h) inside the folder that holds it:
** a symbolic link that leads out of that folder is refused unread. */
int plugin_eval(lua_State *host, const char *path, const char *prelude,
                const sandbox_limits *lim);

/* As plugin_eval, then call the prelude's exported function named call
** (the prelude returned a table of functions) with a copy of host's value
** at index arg (0: no argument), and push a copy of what it returns. This is
** how a plugin's Lua functions (derived indicators' formulas, validation
** rules) run: in the plugin's own sandbox, on data copied in and out. */
int plugin_call(lua_State *host, const char *path, const char *prelude,
                const sandbox_limits *lim, const char *call, int arg);

/* A plugin's text held in memory (as stored when it was loaded). */
typedef struct plugin_source {
  const char *text; /* the Lua source */
  size_t len;       /* its length in bytes */
} plugin_source;

/* As plugin_call, running src (when not NULL) under the name path instead
** of the file at path: a command runs exactly the text `load` accepted,
** whatever the file holds now or whether it still exists. */
int plugin_call_source(lua_State *host, const char *path,
                       const plugin_source *src, const char *prelude,
                       const sandbox_limits *lim, const char *call, int arg);

/*
** The two halves of plugin_call, without the process between them (the
** fuzz targets use them in one process). plugin_answer evaluates in this
** process and appends the answer to out: 'O' + the encoded result, or 'E' +
** an error message; ch (NULL when not in a child) gets a tick before each
** run. plugin_accept turns an answer's bytes into what plugin_call pushes
** onto host, and returns as plugin_call does.
*/
void plugin_answer(lua_State *host, const char *path, const char *prelude,
                   const sandbox_limits *lim, const char *call, int arg,
                   luaser_buf *out, forkrun_chan *ch);
int plugin_accept(lua_State *host, const char *path, const unsigned char *p,
                  size_t n);

#endif
