/*
** plugin.c: run one plugin file in its own sandboxed state, in a process
** of its own.
*/
#define _XOPEN_SOURCE 700 /* realpath */
#include "plugin.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <lauxlib.h>

#include "safefile.h"
#include "transfer.h"
#include "say.h"

/* The largest answer the host accepts: an encoding and its tag. */
#define ANSWER_MAX (LUASER_MAX_BYTES + 1)

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

static int freeze_value(lua_State *L, int idx, int depth, long *nodes);

/* A raw copy of the table at idx, keys and values frozen in turn. */
static int freeze_table(lua_State *L, int idx, int depth, long *nodes) {
  if (depth >= TRANSFER_DEPTH)
    return -1;
  luaL_checkstack(L, 6, "freezing a declaration");
  lua_newtable(L);
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    if (freeze_value(L, lua_absindex(L, -2), depth + 1, nodes) != 0 ||
        freeze_value(L, lua_absindex(L, -2), depth + 1, nodes) != 0)
      return -1;
    lua_rawset(L, -5);
    lua_pop(L, 1);
  }
  return 0;
}

static int freeze_value(lua_State *L, int idx, int depth, long *nodes) {
  if (++*nodes > TRANSFER_NODES)
    return -1;
  if (lua_type(L, idx) == LUA_TTABLE)
    return freeze_table(L, idx, depth, nodes);
  lua_pushvalue(L, idx);
  return 0;
}

/*
** freeze(...): its arguments, with every table replaced by a raw copy
** without metatables. A declaration function sees what the plugin passed
** at the moment of the call: a metamethod cannot show its checks one thing
** (__index, __pairs, __len) while the raw data that crosses to the host
** says another, and a nested table changed after the call changes nothing.
*/
static int freeze(lua_State *L) {
  int n = lua_gettop(L);
  long nodes = 0;
  for (int i = 1; i <= n; i++)
    if (freeze_value(L, i, 0, &nodes) != 0) {
      luaL_where(L, 2); /* the plugin's line, past the wrapper */
      lua_pushstring(L, say(SAY_PLUGIN_NESTED));
      lua_concat(L, 2);
      return lua_error(L);
    }
  return n;
}

/* Wraps a declaration function: the arguments are frozen, then the
** function is tail-called, so where(2) inside it still finds the plugin. */
static const char wrapper_src[] =
  "local fn, freeze = ...\n"
  "return function(...) return fn(freeze(...)) end\n";

/*
** define(name, value): a raw set into the plugin's guarded environment
** (upvalue 1). A function is installed behind the wrapper (upvalue 2, the
** wrapper's factory).
*/
static int define(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  lua_settop(L, 2);
  if (lua_type(L, 2) == LUA_TFUNCTION) {
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_insert(L, 2);
    lua_pushcfunction(L, freeze);
    lua_call(L, 2, 1);
  }
  sandbox_define(L, lua_upvalueindex(1), name);
  return 0;
}

/* Put an error message for `path` onto host as nil, message. */
static int report(lua_State *host, const char *path, const char *msg,
                  size_t len) {
  size_t plen = strlen(path);
  lua_pushnil(host);
  if (len >= plen && memcmp(msg, path, plen) == 0) {
    lua_pushlstring(host, msg, len);
  } else {
    lua_pushfstring(host, "%s: ", path);
    lua_pushlstring(host, msg, len);
    lua_concat(host, 2);
  }
  return 0;
}

static int report_text(lua_State *host, const char *path, const char *msg) {
  return report(host, path, msg, strlen(msg));
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

/* sandbox_call, after telling the parent (if any) that a run starts. */
static int timed_call(sandbox *sb, forkrun_chan *ch, int nargs,
                      int nresults) {
  if (ch)
    forkrun_tick(ch);
  return sandbox_call(sb, nargs, nresults);
}

/* Run prelude then plugin in sb, then the exported function `call` with a
** copy of host's value at arg (if arg is not 0); leaves its result on sb's
** stack. */
/*
** Prelude and plugin get environments of their own, the plugin's with
** private copies of the library tables (sandbox_private_libs): replacing
** string.match, math.type or ipairs in a plugin changes nothing the
** prelude's checks use. The plugin's environment is made last, so a chunk
** it loads without an env gets it too.
*/
/* Load the plugin's text src under the chunk name "@path". */
static int load_plugin(lua_State *L, const char *path, const plugin_source *src,
                       int env) {
  lua_pushfstring(L, "@%s", path);
  int rc = sandbox_load(L, src->text, src->len, lua_tostring(L, -1), env);
  lua_remove(L, -2);
  return rc;
}

/*
** Push the model the prelude checks declarations against: what model.lua,
** in the prelude's folder, returns when run in the prelude's environment
** (nil when the folder has none, as for a test's own prelude).
*/
static int push_model(sandbox *sb, forkrun_chan *ch, const char *prelude,
                      int penv) {
  lua_State *L = sb->L;
  char model[PATH_MAX];
  const char *slash = strrchr(prelude, '/');
  int dir = slash ? (int)(slash - prelude) + 1 : 0;
  int n = snprintf(model, sizeof model, "%.*smodel.lua", dir, prelude);
  if (n < 0 || (size_t)n >= sizeof model || access(model, F_OK) != 0) {
    lua_pushnil(L);
    return LUA_OK;
  }
  int rc = sandbox_loadfile(L, model, penv);
  return rc == LUA_OK ? timed_call(sb, ch, 0, 1) : rc;
}

/*
** Push the words the prelude's messages are written with: the run's
** language's table of what words_plugin.lua, in the prelude's folder,
** returns (nil when the folder has none). The messages are made in the
** sandbox, where the catalogue (words.lua) cannot be required.
*/
static int push_words(sandbox *sb, forkrun_chan *ch, const char *prelude,
                      int penv) {
  lua_State *L = sb->L;
  char words[PATH_MAX];
  const char *slash = strrchr(prelude, '/');
  int dir = slash ? (int)(slash - prelude) + 1 : 0;
  int n = snprintf(words, sizeof words, "%.*swords_plugin.lua", dir, prelude);
  if (n < 0 || (size_t)n >= sizeof words || access(words, F_OK) != 0) {
    lua_pushnil(L);
    return LUA_OK;
  }
  int rc = sandbox_loadfile(L, words, penv);
  if (rc == LUA_OK)
    rc = timed_call(sb, ch, 0, 1);
  if (rc == LUA_OK && lua_istable(L, -1)) {
    lua_getfield(L, -1, say_lang());
    lua_remove(L, -2);
  }
  return rc;
}

static int run(sandbox *sb, const char *path, const plugin_source *src,
               const char *prelude, const char *call, lua_State *host,
               int arg, forkrun_chan *ch) {
  lua_State *L = sb->L;
  sandbox_env(L);
  int penv = lua_gettop(L);
  sandbox_env(L);
  int env = lua_gettop(L);
  sandbox_private_libs(L, env);
  if (push_model(sb, ch, prelude, penv) != LUA_OK)
    return -1;
  int model = lua_gettop(L);
  if (push_words(sb, ch, prelude, penv) != LUA_OK)
    return -1;
  if (sandbox_load(L, wrapper_src, sizeof wrapper_src - 1, "=(declaration)",
                   penv) != LUA_OK ||
      sandbox_loadfile(L, prelude, penv) != LUA_OK)
    return -1;
  lua_pushvalue(L, env);
  lua_pushcfunction(L, where);
  lua_pushvalue(L, env);
  lua_pushvalue(L, -5); /* the wrapper's factory */
  lua_pushcclosure(L, define, 2);
  lua_pushvalue(L, model);
  lua_pushvalue(L, model + 1); /* the words */
  if (timed_call(sb, ch, 5, 1) != LUA_OK)
    return -1;
  int exports = lua_gettop(L);
  if (load_plugin(L, path, src, env) != LUA_OK ||
      timed_call(sb, ch, 0, 0) != LUA_OK)
    return -1;
  if (exported(L, exports, call) != 0)
    return -1;
  if (arg && transfer_copy(host, arg, L) != 0)
    return -1;
  return timed_call(sb, ch, arg ? 1 : 0, 1) == LUA_OK ? 0 : -1;
}

static void answer_error(luaser_buf *out, const char *msg) {
  out->len = 0;
  out->failed = 0;
  luaser_buf_add(out, "E", 1);
  luaser_buf_add(out, msg, strlen(msg));
}

/* The declarations (call == NULL) carry the text they came from, as
** `source`: what a command stores to run later is what was checked. */
static void add_source(lua_State *L, const plugin_source *src) {
  if (lua_type(L, -1) == LUA_TTABLE) {
    lua_pushlstring(L, src->text, src->len);
    lua_setfield(L, -2, "source");
  }
}

static void answer(lua_State *host, const char *path, const plugin_source *src,
                   const char *prelude, const sandbox_limits *lim,
                   const char *call, int arg, luaser_buf *out, forkrun_chan *ch) {
  plugin_source file = { NULL, 0 };
  const char *err;
  if (src == NULL) {
    char *text = sandbox_read_source(path, &file.len, &err);
    if (text == NULL) {
      char msg[600];
      snprintf(msg, sizeof msg, say(SAY_PLUGIN_CANNOT_OPEN), path, err);
      answer_error(out, msg);
      return;
    }
    file.text = text;
    src = &file;
  }
  sandbox *sb = sandbox_new(lim);
  if (sb == NULL) {
    answer_error(out, say(SAY_PLUGIN_NO_SANDBOX_MEMORY));
    free((char *)file.text);
    return;
  }
  sb->watchdog = 0; /* the parent's deadline bounds this process */
  if (run(sb, path, src, prelude, call, host, arg, ch) != 0) {
    answer_error(out, lua_tostring(sb->L, -1));
  } else {
    if (call == NULL)
      add_source(sb->L, src);
    luaser_buf_add(out, "O", 1);
    if (luaser_encode(sb->L, -1, out, &err) != 0) {
      char msg[300];
      snprintf(msg, sizeof msg,
               say(call ? SAY_PLUGIN_ANSWER_UNREADABLE_OF
                        : SAY_PLUGIN_DECLARATIONS_UNREADABLE), err);
      answer_error(out, msg);
    }
  }
  sandbox_free(sb);
  free((char *)file.text);
}

void plugin_answer(lua_State *host, const char *path, const char *prelude,
                   const sandbox_limits *lim, const char *call, int arg,
                   luaser_buf *out, forkrun_chan *ch) {
  answer(host, path, NULL, prelude, lim, call, arg, out, ch);
}

int plugin_accept(lua_State *host, const char *path, const unsigned char *p,
                  size_t n) {
  if (n >= 1 && p[0] == 'E')
    return report(host, path, (const char *)p + 1, n - 1);
  if (n >= 1 && p[0] == 'O') {
    if (luaser_decode(host, p + 1, n - 1) == 0)
      return 1;
    lua_pushfstring(host, say(SAY_PLUGIN_SANDBOX_UNREADABLE_WHY),
                    lua_tostring(host, -1));
    lua_remove(host, -2);
    report_text(host, path, lua_tostring(host, -1));
    lua_remove(host, -3);
    return 0;
  }
  return report_text(host, path, say(SAY_PLUGIN_ANSWER_UNREADABLE));
}

/* What the child process does: evaluate, then send the answer. */
typedef struct job {
  lua_State *host;
  const char *path, *prelude, *call;
  const plugin_source *src; /* NULL: read the file at path */
  const sandbox_limits *lim;
  int arg;
} job;

static void child_work(void *ud, forkrun_chan *ch) {
  job *j = ud;
  luaser_buf out;
  luaser_buf_init(&out, ANSWER_MAX);
  answer(j->host, j->path, j->src, j->prelude, j->lim, j->call, j->arg, &out,
         ch);
  if (out.failed)
    answer_error(&out, say(SAY_PLUGIN_NO_ANSWER_MEMORY));
  forkrun_answer(ch, out.data, out.len);
  luaser_buf_free(&out);
}

/* Why the child gave no usable answer, as a message for the host. */
static void push_failure(lua_State *host, const forkrun_result *res) {
  switch (res->status) {
  case FORKRUN_TIMEOUT:
    lua_pushstring(host, say(SAY_PLUGIN_TIMEOUT));
    break;
  case FORKRUN_CRASHED:
    lua_pushfstring(host, say(SAY_PLUGIN_CRASHED),
                    res->signal);
    break;
  case FORKRUN_TOO_LARGE:
    lua_pushfstring(host, say(SAY_PLUGIN_TOO_LARGE),
                    (int)(ANSWER_MAX >> 20));
    break;
  case FORKRUN_ERROR:
    lua_pushfstring(host, say(SAY_PLUGIN_CANNOT_RUN),
                    say_errno(res->error));
    break;
  default:
    lua_pushfstring(host, say(SAY_PLUGIN_NO_ANSWER), res->exit_code);
  }
}

/*
** Whether the file at path leads out of the folder that holds it: a link
** to a settings file elsewhere would show its lines in a parse error
** ("undeclared global '<password>'"). A link to a file of the same folder
** is fine; what is missing fails to open later, as usual.
*/
static int leaves_folder(const char *path) {
  char named[PATH_MAX], real[PATH_MAX];
  if (safefile_resolve(path, 0, named) != 0 || realpath(path, real) == NULL)
    return 0;
  *strrchr(named, '/') = '\0';
  return !safefile_within(real, named[0] ? named : "/");
}

int plugin_call_source(lua_State *host, const char *path,
                       const plugin_source *src, const char *prelude,
                       const sandbox_limits *lim, const char *call, int arg) {
  if (src == NULL && leaves_folder(path))
    return report_text(host, path, say(SAY_PLUGIN_OUTSIDE_FOLDER));
  job j = { host, path, prelude, call, src, lim,
            arg ? lua_absindex(host, arg) : 0 };
  forkrun_result res;
  if (forkrun_run(child_work, &j, lim->seconds, ANSWER_MAX, &res) == 0) {
    int ok = plugin_accept(host, path, res.answer, res.len);
    forkrun_result_free(&res);
    return ok;
  }
  push_failure(host, &res);
  report_text(host, path, lua_tostring(host, -1));
  lua_remove(host, -3);
  return 0;
}

int plugin_call(lua_State *host, const char *path, const char *prelude,
                const sandbox_limits *lim, const char *call, int arg) {
  return plugin_call_source(host, path, NULL, prelude, lim, call, arg);
}

int plugin_eval(lua_State *host, const char *path, const char *prelude,
                const sandbox_limits *lim) {
  return plugin_call(host, path, prelude, lim, NULL, 0);
}
