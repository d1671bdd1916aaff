/*
** test_transfer.c: copying plain data between two Lua states (transfer.h).
*/
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "check.h"
#include "transfer.h"

static lua_State *from, *to;

/*
** Evaluate code in `from` and copy its one result onto `to`. Returns what
** transfer_copy returned; `from` is left as it was, `to` holds the copy (or the
** message). *pushed gets how many values `to` gained.
*/
static int copy_code(const char *code, int *pushed) {
  int top_from = lua_gettop(from), top_to = lua_gettop(to);
  if (luaL_dostring(from, code) != LUA_OK) {
    check_note("code failed: %s", lua_tostring(from, -1));
    lua_settop(from, top_from);
    *pushed = 0;
    return -2;
  }
  int rc = transfer_copy(from, -1, to);
  lua_pop(from, 1);
  if (lua_gettop(from) != top_from)
    check_note("transfer_copy left %d values on from",
               lua_gettop(from) - top_from);
  *pushed = lua_gettop(to) - top_to;
  return rc;
}

/* The message on top of `to` holds want (the copy failed for that reason). */
static int failed_with(int rc, int pushed, const char *want) {
  const char *msg = lua_tostring(to, -1);
  int ok = rc == -1 && pushed == 1 && msg && strstr(msg, want);
  if (!ok)
    check_note("rc %d, pushed %d, message %s", rc, pushed, msg ? msg : "none");
  lua_settop(to, 0);
  return ok;
}

static void test_scalars(void) {
  int n;
  CHECK(copy_code("return nil", &n) == 0 && n == 1 && lua_isnil(to, -1),
        "nil crosses as nil");
  CHECK(copy_code("return true", &n) == 0 && lua_type(to, -1) == LUA_TBOOLEAN &&
        lua_toboolean(to, -1), "true crosses as a boolean");
  CHECK(copy_code("return false", &n) == 0 &&
        lua_type(to, -1) == LUA_TBOOLEAN && !lua_toboolean(to, -1),
        "false crosses as a boolean");
  CHECK(copy_code("return 42", &n) == 0 && lua_isinteger(to, -1) &&
        lua_tointeger(to, -1) == 42, "an integer crosses as an integer");
  CHECK(copy_code("return math.mininteger", &n) == 0 &&
        lua_isinteger(to, -1) && lua_tointeger(to, -1) == LUA_MININTEGER,
        "math.mininteger crosses exactly");
  CHECK(copy_code("return 2.0", &n) == 0 && lua_type(to, -1) == LUA_TNUMBER &&
        !lua_isinteger(to, -1) && lua_tonumber(to, -1) == 2.0,
        "the float 2.0 stays a float");
  CHECK(copy_code("return 1.5", &n) == 0 && lua_tonumber(to, -1) == 1.5,
        "1.5 crosses");
  size_t len = 0;
  const char *s = NULL;
  if (copy_code("return 'a\\0b'", &n) == 0 && lua_type(to, -1) == LUA_TSTRING)
    s = lua_tolstring(to, -1, &len);
  CHECK(s && len == 3 && memcmp(s, "a\0b", 3) == 0,
        "a string with an embedded NUL crosses whole");
  lua_settop(to, 0);
}

static void test_tables(void) {
  int n;
  int rc = copy_code("return { a = { b = { c = 'deep' } }, 10, 20,"
                     " [2.5] = 'f', [-1] = true }", &n);
  CHECK(rc == 0 && n == 1 && lua_istable(to, -1), "a nested table crosses");
  lua_getfield(to, -1, "a");
  lua_getfield(to, -1, "b");
  lua_getfield(to, -1, "c");
  CHECK(lua_isstring(to, -1) && strcmp(lua_tostring(to, -1), "deep") == 0,
        "t.a.b.c is there");
  lua_settop(to, 1);
  CHECK(lua_rawgeti(to, 1, 2) == LUA_TNUMBER && lua_isinteger(to, -1) &&
        lua_tointeger(to, -1) == 20, "the array part crosses (t[2] == 20)");
  lua_pushnumber(to, 2.5);
  CHECK(lua_rawget(to, 1) == LUA_TSTRING, "a float key crosses");
  CHECK(lua_rawgeti(to, 1, -1) == LUA_TBOOLEAN, "a negative key crosses");
  CHECK(lua_rawlen(to, 1) == 2, "the length is kept");
  CHECK(lua_getmetatable(to, 1) == 0, "the copy has no metatable");
  lua_settop(to, 0);

  CHECK(copy_code("return function() end", &n) == 0 && lua_istable(to, -1) &&
        lua_getfield(to, -1, "__function") == LUA_TBOOLEAN &&
        lua_toboolean(to, -1), "a function becomes { __function = true }");
  lua_settop(to, 0);
  CHECK(copy_code("return { formula = print }", &n) == 0 &&
        lua_getfield(to, -1, "formula") == LUA_TTABLE &&
        lua_getfield(to, -1, "__function") == LUA_TBOOLEAN,
        "so does a function inside a table");
  lua_settop(to, 0);
}

static void test_refused(void) {
  int n, rc;
  char code[128];
  rc = copy_code("local t = {} t.self = t return t", &n);
  CHECK(failed_with(rc, n, "nested too deeply"),
        "a table containing itself fails: nested too deeply");

  snprintf(code, sizeof code,
           "local t = {} for i = 2, %d do t = { t } end return t", TRANSFER_DEPTH);
  CHECK(copy_code(code, &n) == 0 && n == 1, "%d nested tables cross",
        TRANSFER_DEPTH);
  lua_settop(to, 0);
  snprintf(code, sizeof code,
           "local t = {} for i = 2, %d do t = { t } end return t",
           TRANSFER_DEPTH + 1);
  rc = copy_code(code, &n);
  CHECK(failed_with(rc, n, "nested too deeply"), "%d nested tables fail",
        TRANSFER_DEPTH + 1);

  rc = copy_code("return { [true] = 1 }", &n);
  CHECK(failed_with(rc, n, "keys"), "a boolean key fails (keys)");
  rc = copy_code("return { [{}] = 1 }", &n);
  CHECK(failed_with(rc, n, "keys"), "a table key fails (keys)");
  rc = copy_code("return { ok = 1, deep = { io.stdout } }", &n);
  CHECK(failed_with(rc, n, "only data"), "a userdata inside a table fails");

  /* A userdata made from C, at the top level. */
  int top = lua_gettop(from), base = lua_gettop(to);
  lua_newuserdatauv(from, 16, 0);
  rc = transfer_copy(from, -1, to);
  CHECK(failed_with(rc, lua_gettop(to) - base, "only data"),
        "a userdata value fails");
  lua_settop(from, top);
  rc = copy_code("return coroutine.create(print)", &n);
  CHECK(failed_with(rc, n, "only data"), "a coroutine fails");
}

static void test_raw_access(void) {
  int n;
  /* Every metamethod counts its calls in a global of `from`. */
  int rc = copy_code(
    "calls = 0\n"
    "local function count() calls = calls + 1 end\n"
    "local mt = {\n"
    "  __index = function() count() return 'meta' end,\n"
    "  __pairs = function() count() return next, { hidden = 1 }, nil end,\n"
    "  __len = function() count() return 99 end,\n"
    "  __newindex = function() count() end,\n"
    "  __tostring = function() count() return 'meta' end,\n"
    "}\n"
    "return setmetatable({ x = 1, inner = setmetatable({ 7 }, mt) }, mt)",
    &n);
  CHECK(rc == 0 && n == 1, "a table with metamethods crosses");
  lua_getfield(to, -1, "x");
  CHECK(lua_tointeger(to, -1) == 1, "its own fields are copied");
  lua_pop(to, 1);
  CHECK(lua_getfield(to, -1, "hidden") == LUA_TNIL,
        "what __pairs would give is not");
  lua_pop(to, 1);
  CHECK(lua_getfield(to, -1, "inner") == LUA_TTABLE &&
        lua_rawgeti(to, -1, 1) == LUA_TNUMBER, "the inner table is copied");
  lua_settop(to, 0);
  lua_getglobal(from, "calls");
  CHECK(lua_tointeger(from, -1) == 0, "no metamethod of the source ran");
  lua_pop(from, 1);
}

int main(void) {
  from = luaL_newstate();
  to = luaL_newstate();
  luaL_openlibs(from);
  test_scalars();
  test_tables();
  test_refused();
  test_raw_access();
  CHECK(lua_gettop(from) == 0, "the source stack is balanced at the end");
  lua_close(from);
  lua_close(to);
  return check_done();
}
