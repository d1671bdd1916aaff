/*
** test_sandbox.c: the allow-list, the global guard and the three limits
** (sandbox.h).
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "check.h"
#include "say.h"
#include "sandbox.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static sandbox *new_sandbox(size_t memory, long long instructions,
                            double seconds) {
  sandbox_limits lim = { memory, instructions, seconds };
  return sandbox_new(&lim);
}

/* The value at idx as text, without calling any metamethod. */
static const char *describe(lua_State *L, int idx, char *out, size_t size) {
  switch (lua_type(L, idx)) {
  case LUA_TNIL: snprintf(out, size, "nil"); break;
  case LUA_TBOOLEAN:
    snprintf(out, size, "%s", lua_toboolean(L, idx) ? "true" : "false");
    break;
  case LUA_TNUMBER:
    if (lua_isinteger(L, idx))
      snprintf(out, size, "%lld", (long long)lua_tointeger(L, idx));
    else
      snprintf(out, size, "%.14g", (double)lua_tonumber(L, idx));
    break;
  case LUA_TSTRING: snprintf(out, size, "%s", lua_tostring(L, idx)); break;
  default: snprintf(out, size, "%s", luaL_typename(L, idx)); break;
  }
  return out;
}

/*
** Run code in a fresh environment of sb. The first result, or the error
** message, goes to out as text; the stack is left empty. Returns the status.
*/
static int run(sandbox *sb, const char *code, char *out, size_t size) {
  lua_State *L = sb->L;
  sandbox_env(L);
  int rc = sandbox_load(L, code, strlen(code), "=test", -1);
  if (rc == LUA_OK)
    rc = sandbox_call(sb, 0, 1);
  describe(L, -1, out, size);
  lua_settop(L, 0);
  return rc;
}

/* Run code and say whether it returned exactly the text want. */
static int returns(sandbox *sb, const char *code, const char *want) {
  char out[512];
  int rc = run(sb, code, out, sizeof out);
  if (rc == LUA_OK && strcmp(out, want) == 0)
    return 1;
  check_note("%s -> status %d: %s (wanted %s)", code, rc, out, want);
  return 0;
}

/* Run code and say whether it failed with a message holding want. */
static int fails_with(sandbox *sb, const char *code, const char *want) {
  char out[512];
  int rc = run(sb, code, out, sizeof out);
  if (rc != LUA_OK && strstr(out, want) != NULL)
    return 1;
  check_note("%s -> status %d: %s (wanted an error with %s)", code, rc, out,
             want);
  return 0;
}

static void test_allow_list(void) {
  /* Globals are read with rawget: reading a missing one through the guard
  ** would raise instead of giving nil. */
  static const char *const absent[] = {
    "rawget(_ENV, 'io')", "os.execute", "os.remove", "os.getenv",
    "os.exit", "rawget(_ENV, 'package')", "rawget(_ENV, 'require')",
    "rawget(_ENV, 'debug')", "rawget(_ENV, 'dofile')",
    "rawget(_ENV, 'loadfile')", "rawget(_ENV, 'collectgarbage')",
    "string.dump", "('').dump", NULL
  };
  static const char *const present[] = {
    "os.time", "os.date", "os.clock", "string.format", "table.concat",
    "math.floor", "pcall", "load", "setmetatable", NULL
  };
  char code[256];
  sandbox *sb = new_sandbox(0, 0, 0);
  CHECK(sb != NULL && sandbox_of(sb->L) == sb, "sandbox_of finds the sandbox");
  for (const char *const *n = absent; *n; n++) {
    snprintf(code, sizeof code, "return %s == nil", *n);
    CHECK(returns(sb, code, "true"), "%s is absent", *n);
  }
  for (const char *const *n = present; *n; n++) {
    snprintf(code, sizeof code, "return type(%s)", *n);
    CHECK(returns(sb, code, "function"), "%s is present", *n);
  }
  CHECK(returns(sb, "return _G == _ENV", "true"), "_G is the environment");

  /* A chunk made by load without an env argument must stay in the
  ** sandbox too, not get the state's full global table. */
  CHECK(returns(sb, "return load('return os.execute')() == nil", "true"),
        "a chunk from load(text) sees no os.execute");
  CHECK(returns(sb, "return load('return rawget(_ENV, \"dofile\")')() == nil",
                "true"), "a chunk from load(text) sees no dofile");
  sandbox_free(sb);
}

static void test_globals(void) {
  sandbox *sb = new_sandbox(0, 0, 0);
  CHECK(fails_with(sb, "return no_such_name", "undeclared global"),
        "reading an undeclared global raises");
  CHECK(fails_with(sb, "no_such_name = 1", "undeclared global"),
        "assigning an undeclared global raises");
  CHECK(returns(sb, "local x = 1; x = x + 1; return x", "2"),
        "locals are fine");
  CHECK(returns(sb, "return rawget(_ENV, 'no_such_name')", "nil"),
        "the refused assignment created nothing");

  lua_State *L = sb->L;
  sandbox_env(L);
  lua_pushinteger(L, 42);
  sandbox_define(L, -2, "answer");
  const char code[] = "return answer";
  CHECK(sandbox_load(L, code, strlen(code), "=test", -1) == LUA_OK &&
        sandbox_call(sb, 0, 1) == LUA_OK && lua_tointeger(L, -1) == 42,
        "sandbox_define declares a global past the guard");
  lua_settop(L, 0);
  sandbox_free(sb);
}

/* A lua_Writer that collects a (small) dump into a fixed buffer. */
typedef struct dump { char buf[4096]; size_t len; } dump;

static int dump_writer(lua_State *L, const void *p, size_t n, void *ud) {
  dump *d = ud;
  (void)L;
  if (d->len + n > sizeof d->buf)
    return 1;
  memcpy(d->buf + d->len, p, n);
  d->len += n;
  return 0;
}

static void test_load(void) {
  sandbox *sb = new_sandbox(0, 0, 0);
  CHECK(fails_with(sb, "local f, e = load('\\27Lua\\84\\0') "
                       "if f == nil then error(e) end", "mode is 't'"),
        "load of a binary chunk fails, the mode being text");
  CHECK(fails_with(sb, "return load('return 1', 'x', 'b')", "only text"),
        "load with mode \"b\" is refused");
  CHECK(fails_with(sb, "return load('return 1', 'x', 'bt')", "only text"),
        "load with mode \"bt\" is refused");
  CHECK(returns(sb, "return load('return 1 + 1', 'x', 't')()", "2"),
        "load with mode \"t\" works");
  CHECK(returns(sb, "local e = { y = 5 } return load('return y', 'x', 't', e)()",
                "5"), "load with an env uses it");

  /* Real bytecode, made in a plain state, refused by sandbox_load itself. */
  lua_State *plain = luaL_newstate();
  dump d = { .len = 0 };
  luaL_loadstring(plain, "return 1");
  int dumped = lua_dump(plain, dump_writer, &d, 1) == 0;
  lua_close(plain);
  lua_State *L = sb->L;
  CHECK(dumped && sandbox_load(L, d.buf, d.len, "=dump", 0) != LUA_OK &&
        strstr(lua_tostring(L, -1), "binary") != NULL,
        "sandbox_load refuses real bytecode");
  lua_settop(L, 0);
  sandbox_free(sb);
}

static const char sum_loop[] =
  "local n = 0 for i = 1, 100 do n = n + i end return n";

static void test_instructions(void) {
  static const char *const loops[] = {
    "while true do end",
    "while true do pcall(function() while true do end end) end",
    "while true do xpcall(function() while true do end end, "
    "function(m) return m end) end",
    "while true do pcall(coroutine.wrap(function() while true do end end)) end",
    NULL
  };
  sandbox *sb = new_sandbox(0, 100000, 0);
  for (const char *const *c = loops; *c; c++) {
    CHECK(fails_with(sb, *c, "instruction budget"),
          "the budget stops %s", *c);
    CHECK(sb->tripped && strcmp(sb->tripped, "instruction budget") == 0,
          "sb->tripped names the budget");
  }
  CHECK(returns(sb, sum_loop, "5050"), "after the budget trips, a new call runs");
  CHECK(sb->tripped == NULL && sb->executed < 100000,
        "the counters restarted");
  sandbox_free(sb);
}

/*
** Lua runs an xpcall message handler, and the <close> handlers of a
** coroutine that died of an error, with hooks off; the sandbox's xpcall and
** coroutine library must keep the limits on there too.
*/
static void test_limits_in_handlers(void) {
  static const char *const loops[] = {
    "xpcall(function() while true do end end, function() while true do end end)",
    "coroutine.wrap(function() local g <close> = setmetatable({}, "
    "{ __close = function() while true do end end }) while true do end end)()",
    "return pcall(function() while true do end end)",
    NULL
  };
  sandbox *sb = new_sandbox(0, 100000, 0);
  for (const char *const *c = loops; *c; c++)
    CHECK(fails_with(sb, *c, "instruction budget"), "the budget stops %s", *c);
  sandbox_free(sb);
  sb = new_sandbox(0, 0, 0.2);
  double start = now();
  CHECK(fails_with(sb, loops[0], "time limit"),
        "the time limit stops a loop in an xpcall handler");
  CHECK(now() - start < 5.0, "soon after it passed (%.3f s)", now() - start);
  sandbox_free(sb);
}

/* Lua 5.4.4 does not count nested coroutine.close calls as C calls. */
static void test_close_chain(void) {
  sandbox *sb = new_sandbox(0, 0, 0);
  CHECK(returns(sb,
    "local co = false "
    "for _ = 1, 20000 do "
    "  local previous = co "
    "  co = coroutine.create(function() "
    "    local g <close> = setmetatable({}, { __close = function() "
    "      if previous then assert(coroutine.close(previous)) end end }) "
    "    coroutine.yield() "
    "  end) "
    "  coroutine.resume(co) "
    "end "
    "local ok, err = coroutine.close(co) "
    "return not ok and tostring(err):match('C stack overflow')",
    "C stack overflow"),
    "20,000 nested closes are a C stack overflow error, not a crash");
  CHECK(returns(sb, "local co = coroutine.wrap(function(a) "
                    "return coroutine.yield(a + 1) * 2 end) "
                    "return co(1) + co(10)", "22"),
        "coroutine.wrap still yields and returns");
  sandbox_free(sb);
}

static void test_time(void) {
  sandbox *sb = new_sandbox(0, 0, 0.2);
  double start = now();
  CHECK(fails_with(sb, "while true do end", "time limit"),
        "the time limit stops a loop");
  double took = now() - start;
  CHECK(took >= 0.19 && took < 5.0, "after about 0.2 s (%.3f s)", took);
  CHECK(fails_with(sb, "while true do pcall(function() while true do end end) end",
                   "time limit"), "the time limit survives pcall");
  /* The deadline restarts with each call: wait past the old one first. */
  struct timespec pause = { 0, 300 * 1000 * 1000 };
  nanosleep(&pause, NULL);
  CHECK(returns(sb, sum_loop, "5050"), "after the time limit trips, a new call runs");
  CHECK(sb->tripped == NULL, "and nothing tripped");
  sandbox_free(sb);
}

static void test_memory(void) {
  sandbox *sb = new_sandbox(1 << 20, 0, 0);
  CHECK(fails_with(sb, "local t = {} for i = 1, 1e8 do t[i] = i end",
                   "memory"), "the memory cap stops a growing table");
  CHECK(fails_with(sb, "return string.rep('x', 1 << 30)", "memory"),
        "the memory cap stops string.rep of 1 GiB");
  CHECK(sb->peak > 0, "sb->peak is counted");
  CHECK(sb->peak <= sb->limits.memory, "the peak never passed the cap");
  CHECK(returns(sb, "return #string.rep('x', 1000)", "1000"),
        "after the cap trips, a new call runs");
  CHECK(sb->used <= sb->limits.memory, "and the memory in use is under the cap");
  sandbox_free(sb);
}

static void test_metatables(void) {
  sandbox *sb = new_sandbox(0, 0, 0);
  CHECK(fails_with(sb, "setmetatable({}, { __gc = function() end })", "__gc"),
        "setmetatable with __gc is refused");
  CHECK(returns(sb, "return getmetatable(setmetatable({}, { tag = 7 })).tag",
                "7"), "setmetatable without __gc works");
  CHECK(returns(sb, "return getmetatable('') == false", "true"),
        "getmetatable('') is false");
  sandbox_free(sb);
}

static void test_error_objects(void) {
  sandbox *sb = new_sandbox(0, 0, 0);
  lua_State *L = sb->L;
  const char code[] =
    "error(setmetatable({}, { __tostring = function()"
    "  probe.ran = true return 'from __tostring' end }))";
  sandbox_env(L);
  int env = lua_gettop(L);
  lua_newtable(L);
  int probe = lua_gettop(L);
  lua_pushvalue(L, probe);
  sandbox_define(L, env, "probe");
  int rc = sandbox_load(L, code, strlen(code), "=test", env);
  if (rc == LUA_OK)
    rc = sandbox_call(sb, 0, 0);
  CHECK(rc == LUA_ERRRUN && lua_type(L, -1) == LUA_TSTRING &&
        strcmp(lua_tostring(L, -1), "(error object is a table value)") == 0,
        "a table error object is reported by its type");
  lua_getfield(L, probe, "ran");
  CHECK(lua_isnil(L, -1), "its __tostring never ran");
  lua_settop(L, 0);

  CHECK(fails_with(sb, "error(nil)", "(error object is a nil value)"),
        "error(nil) is reported by its type");
  CHECK(fails_with(sb, "error(42)", "42"), "a number error becomes its text");
  sandbox_free(sb);
}

static void test_limits_from_env(void) {
  static const char *const names[] = {
    "PWTEST_SB_MEMORY", "PWTEST_SB_INSTRUCTIONS", "PWTEST_SB_SECONDS"
  };
  static const char *const bad[] = { "abc", "-1", "12abc" };
  sandbox_limits lim = { 1, 2, 3.0 };
  for (int i = 0; i < 3; i++)
    unsetenv(names[i]);
  CHECK(sandbox_limits_from_env(&lim, "PWTEST_SB") == 0 && lim.memory == 1 &&
        lim.instructions == 2 && lim.seconds == 3.0,
        "unset variables keep the defaults");

  setenv(names[0], "1048576", 1);
  setenv(names[1], "5000", 1);
  setenv(names[2], "1.5", 1);
  CHECK(sandbox_limits_from_env(&lim, "PWTEST_SB") == 0 &&
        lim.memory == 1048576 && lim.instructions == 5000 &&
        lim.seconds == 1.5, "PREFIX_MEMORY, _INSTRUCTIONS, _SECONDS are read");

  for (int i = 0; i < 3; i++) {
    for (int j = 0; j < 3; j++) {
      sandbox_limits l = { 1, 2, 3.0 };
      setenv(names[i], bad[j], 1);
      CHECK(sandbox_limits_from_env(&l, "PWTEST_SB") == -1,
            "%s=%s is rejected", names[i], bad[j]);
    }
    unsetenv(names[i]);
  }
}

int main(void) {
  say_use("en"); /* the checks below read the English texts */
  /* A limit that no longer stops a loop would hang the run; fail instead. */
  alarm(60);
  test_allow_list();
  test_globals();
  test_load();
  test_instructions();
  test_limits_in_handlers();
  test_close_chain();
  test_time();
  test_memory();
  test_metatables();
  test_error_objects();
  test_limits_from_env();
  return check_done();
}
