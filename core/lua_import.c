/*
** lua_import.c: pw.import_values, the binding of import.h.
*/
#include "lua_import.h"

#include <string.h>

#include <lauxlib.h>

#include "import.h"
#include "sandbox.h"

#define RESULT_META "planwatch.import_result"

/* What the C check needs to reach the script's function. */
typedef struct check_call {
  lua_State *L;
  int fn;           /* stack index of the script's check function */
  int error;        /* stack index of the error it raised, 0: none */
  import_job *job;  /* the import being checked, during a call */
  const char *indicator;
  const import_check_row *rows;
  size_t n;
  runctx *ctx;
} check_call;

static runctx *ctx_up(lua_State *L) {
  return lua_touserdata(L, lua_upvalueindex(1));
}

static int result_gc(lua_State *L) {
  import_result_free(luaL_checkudata(L, 1, RESULT_META));
  return 0;
}

static void push_rows(lua_State *L, const check_call *c) {
  lua_createtable(L, (int)c->n, 0);
  for (size_t i = 0; i < c->n; i++) {
    const import_check_row *r = &c->rows[i];
    lua_createtable(L, 0, 4);
    lua_pushstring(L, r->unit);
    lua_setfield(L, -2, "unit");
    lua_pushstring(L, r->period);
    lua_setfield(L, -2, "period");
    lua_pushnumber(L, r->value);
    lua_setfield(L, -2, "value");
    lua_pushinteger(L, (lua_Integer)r->line);
    lua_setfield(L, -2, "line");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

static void take_refusal(lua_State *L, const check_call *c, lua_Integer i) {
  if (lua_type(L, -1) != LUA_TTABLE ||
      lua_getfield(L, -1, "line") != LUA_TNUMBER || !lua_isinteger(L, -1) ||
      lua_getfield(L, -2, "message") != LUA_TSTRING)
    luaL_error(L, "import_values: check's refusal %I must be "
                  "{ line = N, message = TEXT }", i);
  lua_Integer line = lua_tointeger(L, -2);
  import_refuse(c->job, line > 0 ? (unsigned long)line : 0,
                lua_tostring(L, -1));
  lua_pop(L, 2);
}

/* Run in protected mode: check(indicator, rows), then read the refusals. */
static int check_protected(lua_State *L) {
  check_call *c = lua_touserdata(L, 2);
  lua_pushvalue(L, 1);
  lua_pushstring(L, c->indicator);
  push_rows(L, c);
  lua_call(L, 2, 1);
  if (lua_isnil(L, -1))
    return 0;
  if (!lua_istable(L, -1))
    return luaL_error(L, "import_values: check must return a list of "
                         "refusals, not a %s", luaL_typename(L, -1));
  lua_Integer n = luaL_len(L, -1);
  for (lua_Integer i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, i);
    take_refusal(L, c, i);
    lua_pop(L, 1);
  }
  return 0;
}

/* import_check_fn: an error in the script's function stops the import and
** stays on the stack, to be raised once the import has cleaned up. */
static int check(void *ud, import_job *job, const char *indicator,
                 const import_check_row *rows, size_t n) {
  check_call *c = ud;
  lua_State *L = c->L;
  c->job = job;
  c->indicator = indicator;
  c->rows = rows;
  c->n = n;
  lua_pushcfunction(L, check_protected);
  lua_pushvalue(L, c->fn);
  lua_pushlightuserdata(L, c);
  runctx_sql_own(c->ctx, 0);
  int rc = lua_pcall(L, 2, 0, 0);
  runctx_sql_own(c->ctx, 1);
  if (rc == LUA_OK)
    return 0;
  c->error = lua_gettop(L);
  return -1;
}

static int opt_flag(lua_State *L, int opts, const char *name) {
  lua_getfield(L, opts, name);
  int on = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return on;
}

/* A private copy of check_indicators, anchored on the stack, and an array
** of its strings for C. */
static void take_check_list(lua_State *L, int opts, import_opts *o) {
  if (lua_getfield(L, opts, "check_indicators") == LUA_TNIL) {
    lua_pop(L, 1);
    return;
  }
  luaL_argcheck(L, lua_istable(L, -1), 2, "check_indicators must be a list");
  lua_Integer n = luaL_len(L, -1);
  luaL_argcheck(L, n >= 0 && n < 100000, 2, "check_indicators is too long");
  lua_createtable(L, (int)n, 0);
  const char **codes = lua_newuserdatauv(L, (size_t)(n + 1) * sizeof *codes, 0);
  for (lua_Integer i = 1; i <= n; i++) {
    if (lua_rawgeti(L, -3, i) != LUA_TSTRING)
      luaL_argerror(L, 2, "check_indicators must hold indicator codes");
    codes[i - 1] = lua_tostring(L, -1);
    lua_rawseti(L, -3, i);
  }
  o->check_only = codes;
  o->ncheck_only = (size_t)n;
}

static void read_opts(lua_State *L, import_opts *o, check_call *c) {
  if (lua_isnoneornil(L, 2)) {
    lua_settop(L, 1);
    lua_newtable(L);
  }
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  o->dry_run = opt_flag(L, 2, "dry_run");
  o->progress = opt_flag(L, 2, "progress");
  int t = lua_getfield(L, 2, "check");
  luaL_argcheck(L, t == LUA_TNIL || t == LUA_TFUNCTION, 2,
                "check must be a function");
  if (t == LUA_TFUNCTION) {
    c->fn = lua_gettop(L);
    o->check = check;
    o->check_ud = c;
  }
  take_check_list(L, 2, o);
  if (lua_getfield(L, 2, "text") != LUA_TNIL)
    o->text = luaL_checklstring(L, -1, &o->text_len); /* kept on the stack */
}

static void set_count(lua_State *L, const char *name, unsigned long long n) {
  lua_pushinteger(L, (lua_Integer)n);
  lua_setfield(L, -2, name);
}

static void push_result(lua_State *L, const char *name, import_result *r) {
  lua_createtable(L, 0, 6);
  set_count(L, "read", r->read);
  set_count(L, "added", r->added);
  set_count(L, "changed", r->changed);
  set_count(L, "unchanged", r->unchanged);
  set_count(L, "more", r->more);
  lua_createtable(L, (int)r->nerrors + 1, 0);
  for (size_t i = 0; i < r->nerrors; i++) {
    lua_pushstring(L, r->errors[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  if (r->more) {
    lua_pushfstring(L, "%s: %I more error(s) not shown", name,
                    (lua_Integer)r->more);
    lua_rawseti(L, -2, (lua_Integer)r->nerrors + 1);
  }
  lua_setfield(L, -2, "errors");
}

/*
** The statement time limit (PLANWATCH_SQL_SECONDS) bounds one query; an
** import is many small ones over as long as the file takes, so it is lifted
** while the import runs. So is SQLite's heap limit (PLANWATCH_SQL_MEMORY):
** the import's page cache and the sort that makes its index again take
** more than an analyst's query (12 M values stop at 256 MiB), and are
** bounded by the import's own sizes (import.c). The script's check
** function runs under both limits (check above).
*/
static int l_import_values(lua_State *L) {
  runctx *ctx = ctx_up(L);
  const char *path = luaL_checkstring(L, 1);
  const char *why = sandbox_unreadable(path);
  if (why == NULL && sandbox_file_holds_secret(path))
    why = SANDBOX_SECRET_REFUSED;
  if (why != NULL)
    return luaL_error(L, "%s: %s", path, why);
  import_opts o = { path, NULL, 0, 0, NULL, NULL, NULL, 0, NULL, NULL, 0 };
  check_call c = { L, 0, 0, NULL, NULL, NULL, 0, ctx };
  read_opts(L, &o, &c);
  if (!o.dry_run && !ctx->write)
    return luaL_error(L, "this script is read-only; run it with --write to "
                         "change the database");
  sqlite3 *db = o.dry_run ? runctx_reader(ctx) : runctx_writer(ctx);
  if (db == NULL)
    return luaL_error(L, "%s", ctx->err);
  import_result *r = lua_newuserdatauv(L, sizeof *r, 0);
  memset(r, 0, sizeof *r);
  luaL_setmetatable(L, RESULT_META);
  double seconds = ctx->sql_seconds;
  ctx->sql_seconds = 0;
  runctx_sql_own(ctx, 1);
  int rc = import_values(db, &o, r);
  runctx_sql_own(ctx, 0);
  ctx->sql_seconds = seconds;
  if (c.error) {
    lua_pushvalue(L, c.error);
    return lua_error(L);
  }
  if (rc == IMPORT_FAILED)
    return luaL_error(L, "import: %s", r->err);
  push_result(L, path, r);
  return 1;
}

void lua_import_register(lua_State *L, runctx *ctx) {
  if (luaL_newmetatable(L, RESULT_META)) {
    lua_pushcfunction(L, result_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushliteral(L, "import result");
    lua_setfield(L, -2, "__metatable");
  }
  lua_pop(L, 1);
  lua_pushlightuserdata(L, ctx);
  lua_pushcclosure(L, l_import_values, 1);
  lua_setfield(L, -2, "import_values");
}
