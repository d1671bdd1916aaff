/*
** test_plugin.c: evaluating plugin files, each in a sandbox of its own
** (plugin.h).
**
** Plugins and a small prelude are written to a fresh folder under /tmp,
** removed at the end. The last cases use the real prelude,
** scripts/lib/plugin_env.lua (tests run from the repository root).
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "check.h"
#include "say.h"
#include "scratch.h"
#include "plugin.h"

#define REAL_PRELUDE "scripts/lib/plugin_env.lua"

static char dir[] = "/tmp/pw_plugin.XXXXXX";

/* A prelude with one declaration function, `declare`, which records its
** table with the file and line where(2) gives: the plugin's call. */
static const char prelude_text[] =
  "local env, where, define = ...\n"
  "local decls = {}\n"
  "define('declare', function(t)\n"
  "  t.file, t.line = where(2)\n"
  "  decls[#decls + 1] = t\n"
  "end)\n"
  "return function() return decls end\n";

static const scratch_file files[] = {
  { "prelude.lua", prelude_text },
  { "ok.lua", "declare { name = 'first' }\n"
              "-- a comment\n"
              "declare { name = 'second', n = 2 }\n" },
  { "runtime.lua", "declare { name = 'fine' }\nerror('bad thing')\n" },
  { "syntax.lua", "declare { name = \n" },
  { "loop.lua", "while true do end\n" },
  { "object.lua", "error({})\n" },
  { "global.lua", "x = 1\n" },
  { "nodata.lua", "declare { co = coroutine.create(print) }\n" },
  { "leak_a.lua", "string.leak = true\ndeclare {}\n" },
  { "leak_b.lua", "declare { leaked = string.leak ~= nil }\n" },
  { "task.lua",
    "task { no = 1, title = \"x\", when = \"2021\", lead = \"A\" }\n" },
  { "bad_task.lua",
    "task { no = 1, title = \"x\", when = \"2021\", lead = \"A\" }\n"
    "task { no = 2, title = \"y\", when = \"someday\" }\n" },
};
#define NFILES (sizeof files / sizeof files[0])

static sandbox_limits limits = { 64u << 20, 1000000, 5.0 };

/*
** Evaluate the plugin `name` of dir with the given prelude. Returns what
** plugin_eval returned; *pushed gets how many values it left on host.
*/
static int eval(lua_State *host, const char *name, const char *prelude,
                const sandbox_limits *lim, int *pushed, char *path,
                size_t size) {
  int top = lua_gettop(host);
  int ok = plugin_eval(host, scratch_path(dir, path, size, name), prelude, lim);
  *pushed = lua_gettop(host) - top;
  return ok;
}

/* A failed evaluation: nil, then a message that starts with path and
** holds want. Clears the host's stack. */
static int failed_with(lua_State *host, int ok, int pushed, const char *path,
                       const char *want) {
  const char *msg = lua_tostring(host, -1);
  int good = ok == 0 && pushed == 2 && lua_isnil(host, -2) && msg &&
             strncmp(msg, path, strlen(path)) == 0 && strstr(msg, want);
  if (!good)
    check_note("ok %d, pushed %d, message %s", ok, pushed, msg ? msg : "none");
  lua_settop(host, 0);
  return good;
}

/* decls[i][field] of the table on top of host, as text or an integer. */
static const char *decl_text(lua_State *host, int i, const char *field) {
  const char *s = NULL;
  if (lua_rawgeti(host, -1, i) == LUA_TTABLE &&
      lua_getfield(host, -1, field) == LUA_TSTRING)
    s = lua_tostring(host, -1); /* still referenced by decls on the stack */
  lua_pop(host, 2);
  return s;
}

static long long decl_int(lua_State *host, int i, const char *field) {
  long long v = -1;
  if (lua_rawgeti(host, -1, i) == LUA_TTABLE &&
      lua_getfield(host, -1, field) == LUA_TNUMBER)
    v = lua_tointeger(host, -1);
  lua_pop(host, 2);
  return v;
}

static void test_success(lua_State *host, const char *prelude) {
  char path[256];
  int pushed;
  int ok = eval(host, "ok.lua", prelude, &limits, &pushed, path, sizeof path);
  if (!CHECK(ok == 1 && pushed == 1 && lua_istable(host, -1),
             "plugin_eval pushes the declarations")) {
    check_note("ok %d, pushed %d, top %s", ok, pushed,
               lua_tostring(host, -1) ? lua_tostring(host, -1) : "?");
    lua_settop(host, 0);
    return;
  }
  CHECK(lua_rawlen(host, -1) == 2, "both declarations are there");
  const char *name = decl_text(host, 1, "name");
  CHECK(name && strcmp(name, "first") == 0, "decls[1].name is 'first'");
  CHECK(decl_int(host, 2, "n") == 2, "decls[2].n is 2");
  CHECK(decl_int(host, 1, "line") == 1, "where(2) gives the plugin's line (1)");
  CHECK(decl_int(host, 2, "line") == 3, "and for the second call (3)");
  const char *file = decl_text(host, 1, "file");
  CHECK(file && strcmp(file, path) == 0, "where(2) gives the plugin's path");
  lua_settop(host, 0);
}

static void test_errors(lua_State *host, const char *prelude) {
  static const struct {
    const char *file, *want, *name;
    int tight, no_prelude;
  } cases[] = {
      {"runtime.lua", ":2: bad thing",
       "an error gives nil and a message starting with the path", 0, 0},
      {"syntax.lua", "expected",
       "a syntax error gives a path-prefixed message", 0, 0},
      {"loop.lua", "instruction budget",
       "running out of instructions gives a path-prefixed message", 1, 0},
      {"object.lua", "(error object is a table value)",
       "a table error object is prefixed with the path", 0, 0},
      {"global.lua", "undeclared global", "a plugin cannot create globals",
       0, 0},
      {"nodata.lua", "declarations cannot be read",
       "a declaration that is not data is refused", 0, 0},
      {"absent.lua", "cannot open",
       "a missing plugin gives a path-prefixed message", 0, 0},
      {"ok.lua", "prelude.lua",
       "a missing prelude is reported against the plugin", 0, 1},
  };
  char path[256];
  int pushed;
  sandbox_limits tight = limits;
  tight.instructions = 100000;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int ok = eval(host, cases[i].file,
                  cases[i].no_prelude ? "/nonexistent/prelude.lua" : prelude,
                  cases[i].tight ? &tight : &limits, &pushed, path,
                  sizeof path);
    CHECK(failed_with(host, ok, pushed, path, cases[i].want), "%s",
          cases[i].name);
  }
}

static void test_isolation(lua_State *host, const char *prelude) {
  char path[256];
  int pushed;
  int ok = eval(host, "leak_a.lua", prelude, &limits, &pushed, path,
                sizeof path);
  CHECK(ok == 1, "a plugin may change its own string table");
  lua_settop(host, 0);
  ok = eval(host, "leak_b.lua", prelude, &limits, &pushed, path, sizeof path);
  CHECK(ok == 1 && lua_rawgeti(host, -1, 1) == LUA_TTABLE &&
        lua_getfield(host, -1, "leaked") == LUA_TBOOLEAN &&
        !lua_toboolean(host, -1), "the next plugin does not see the change");
  lua_settop(host, 0);
}

/* The real plugin language: decls and problems, each with its line. */
static void test_real_prelude(lua_State *host) {
  char path[256];
  int pushed;
  if (!CHECK(access(REAL_PRELUDE, R_OK) == 0, "%s is readable from here",
             REAL_PRELUDE))
    return;
  int ok = eval(host, "task.lua", REAL_PRELUDE, &limits, &pushed, path,
                sizeof path);
  if (!CHECK(ok == 1 && pushed == 1 && lua_istable(host, -1),
             "the real prelude evaluates a task")) {
    check_note("%s", lua_tostring(host, -1) ? lua_tostring(host, -1) : "?");
    lua_settop(host, 0);
    return;
  }
  lua_getfield(host, -1, "decls");
  const char *decl = decl_text(host, 1, "decl");
  CHECK(decl && strcmp(decl, "task") == 0, "decls[1].decl is 'task'");
  CHECK(decl_int(host, 1, "line") == 1, "decls[1].line is 1");
  CHECK(decl_int(host, 1, "no") == 1, "decls[1].no is 1");
  lua_getfield(host, -2, "problems");
  CHECK(lua_istable(host, -1) && lua_rawlen(host, -1) == 0, "no problems");
  lua_settop(host, 0);

  ok = eval(host, "bad_task.lua", REAL_PRELUDE, &limits, &pushed, path,
            sizeof path);
  CHECK(ok == 1, "a plugin with a bad declaration still evaluates");
  lua_getfield(host, -1, "problems");
  CHECK(decl_int(host, 1, "line") == 2, "its problem is on line 2");
  const char *msg = decl_text(host, 1, "message");
  CHECK(msg && strstr(msg, "when"), "and names the field (%s)",
        msg ? msg : "none");
  lua_getfield(host, -2, "decls");
  CHECK(lua_rawlen(host, -1) == 1, "only the good task is declared");
  lua_settop(host, 0);
}

int main(void) {
  say_use("en"); /* the checks below read the English texts */
  /* A limit that no longer stops a loop would hang the run; fail instead. */
  alarm(60);
  char prelude[256];
  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  lua_State *host = luaL_newstate();
  scratch_path(dir, prelude, sizeof prelude, "prelude.lua");
  if (CHECK(scratch_write_all(dir, files, NFILES) == 0, "write the plugins")) {
    test_success(host, prelude);
    test_errors(host, prelude);
    test_isolation(host, prelude);
    test_real_prelude(host);
  }
  lua_close(host);
  scratch_remove(dir);
  return check_done();
}
