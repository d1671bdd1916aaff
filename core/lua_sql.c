/*
** lua_sql.c: pw.sql, pw.rows, pw.exec and pw.transaction.
*/
#include "lua_sql.h"

#include <stdio.h>
#include <string.h>

#include "sqlauth.h"

#include <lauxlib.h>

#define STMT_META "planwatch.stmt"

static runctx *ctx_up(lua_State *L) {
  return lua_touserdata(L, lua_upvalueindex(1));
}

static int is_en(const runctx *ctx) {
  return ctx->lang && strcmp(ctx->lang, "en") == 0;
}

/*
** A limit of runctx.h stopped SQLite: say which, and its variable. Returns
** only when rc is none of them.
*/
static void limit_error(lua_State *L, runctx *ctx, int rc) {
  int en = is_en(ctx);
  char secs[32];
  switch (rc & 0xFF) {
  case SQLITE_INTERRUPT:
    snprintf(secs, sizeof secs, "%g", ctx->watch.seconds > 0
                                          ? ctx->watch.seconds
                                          : ctx->sql_seconds);
    luaL_error(L, en ? "sql: stopped: the query ran past its time limit of "
                       "%s s (PLANWATCH_SQL_SECONDS)"
                     : "sql: dừng: câu lệnh chạy quá giới hạn thời gian %s "
                       "giây (PLANWATCH_SQL_SECONDS)",
               secs);
    break;
  case SQLITE_NOMEM:
    if (sqlite3_hard_heap_limit64(-1) > 0)
      luaL_error(L, en ? "sql: stopped: SQLite reached its memory limit of "
                         "%I bytes (PLANWATCH_SQL_MEMORY)"
                       : "sql: dừng: SQLite đã dùng hết giới hạn bộ nhớ %I "
                         "byte (PLANWATCH_SQL_MEMORY)",
                 (lua_Integer)sqlite3_hard_heap_limit64(-1));
    break;
  case SQLITE_TOOBIG:
    if (runctx_sql_value_limit(ctx) > 0)
      luaL_error(L, en ? "sql: stopped: a string, blob or statement longer "
                         "than %I bytes, the limit of one value (a quarter "
                         "of PLANWATCH_SQL_MEMORY)"
                       : "sql: dừng: một chuỗi, blob hay câu lệnh dài quá %I "
                         "byte, giới hạn của một giá trị (một phần tư "
                         "PLANWATCH_SQL_MEMORY)",
                 (lua_Integer)runctx_sql_value_limit(ctx));
    break;
  }
}

static void bind_one(lua_State *L, sqlite3_stmt *st, int i, int idx) {
  int rc;
  switch (lua_type(L, idx)) {
  case LUA_TNIL: rc = sqlite3_bind_null(st, i); break;
  case LUA_TBOOLEAN: rc = sqlite3_bind_int(st, i, lua_toboolean(L, idx)); break;
  case LUA_TNUMBER:
    rc = lua_isinteger(L, idx)
             ? sqlite3_bind_int64(st, i, lua_tointeger(L, idx))
             : sqlite3_bind_double(st, i, lua_tonumber(L, idx));
    break;
  case LUA_TSTRING: {
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    rc = sqlite3_bind_text(st, i, s, (int)len, SQLITE_TRANSIENT);
    break;
  }
  default:
    luaL_error(L, "sql: parameter %d is a %s; only nil, booleans, numbers and "
                  "strings can be bound", i, luaL_typename(L, idx));
    return;
  }
  if (rc == SQLITE_TOOBIG)
    limit_error(L, ctx_up(L), rc);
  if (rc != SQLITE_OK)
    luaL_error(L, "sql: cannot bind parameter %d: %s", i,
               sqlite3_errstr(rc));
}

/* Bind named parameters (:name, @name, $name) from the table at idx. */
static void bind_named(lua_State *L, sqlite3_stmt *st, int idx) {
  int n = sqlite3_bind_parameter_count(st);
  for (int i = 1; i <= n; i++) {
    const char *name = sqlite3_bind_parameter_name(st, i);
    if (name == NULL || name[0] == '?')
      luaL_error(L, "sql: parameter %d has no name; pass values, not a table",
                 i);
    lua_getfield(L, idx, name + 1);
    bind_one(L, st, i, -1);
    lua_pop(L, 1);
  }
}

static void bind_all(lua_State *L, sqlite3_stmt *st, int first) {
  int top = lua_gettop(L), n = sqlite3_bind_parameter_count(st);
  if (top == first && lua_istable(L, first)) {
    bind_named(L, st, first);
    return;
  }
  if (top - first + 1 != n)
    luaL_error(L, "sql: the query has %d parameter(s), %d value(s) given", n,
               top - first + 1);
  for (int i = 1; i <= n; i++)
    bind_one(L, st, i, first + i - 1);
}

static void push_column(lua_State *L, sqlite3_stmt *st, int i) {
  switch (sqlite3_column_type(st, i)) {
  case SQLITE_INTEGER: lua_pushinteger(L, sqlite3_column_int64(st, i)); break;
  case SQLITE_FLOAT: lua_pushnumber(L, sqlite3_column_double(st, i)); break;
  case SQLITE_NULL: lua_pushnil(L); break;
  default:
    lua_pushlstring(L, (const char *)sqlite3_column_text(st, i),
                    (size_t)sqlite3_column_bytes(st, i));
  }
}

/*
** The row as a table keyed by column name. The names are made into Lua
** strings once per statement (the box's user value, see prepare): a
** per-row lua_setfield would hash every name again, which was a fifth of
** the time of a script reading 200,000 rows.
*/
static void push_row(lua_State *L, sqlite3_stmt *st, int box) {
  int n = sqlite3_column_count(st);
  lua_getiuservalue(L, box, 1);
  lua_createtable(L, 0, n);
  for (int i = 0; i < n; i++) {
    lua_rawgeti(L, -2, i + 1);
    push_column(L, st, i);
    lua_rawset(L, -3);
  }
  lua_remove(L, -2);
}

static void keep_names(lua_State *L, sqlite3_stmt *st, int box) {
  int n = sqlite3_column_count(st);
  lua_createtable(L, n, 0);
  for (int i = 0; i < n; i++) {
    lua_pushstring(L, sqlite3_column_name(st, i));
    lua_rawseti(L, -2, i + 1);
  }
  lua_setiuservalue(L, box, 1);
}

/* A statement as a full userdata, so an error or GC finalizes it. */
typedef struct stmt_box {
  sqlite3_stmt *st;
  runctx *ctx;
} stmt_box;

static void finalize(stmt_box *b) {
  if (b->st)
    sqlite3_finalize(b->st);
  b->st = NULL;
}

static int stmt_gc(lua_State *L) {
  finalize(luaL_checkudata(L, 1, STMT_META));
  return 0;
}

/*
** Prepare query (argument 1) and bind arguments 2.. to it; push the box.
** readonly: prepare under the read-only authorizer.
*/
static stmt_box *prepare(lua_State *L, int readonly) {
  runctx *ctx = ctx_up(L);
  size_t len;
  const char *sql = luaL_checklstring(L, 1, &len);
  sqlite3 *db = readonly ? runctx_reader(ctx) : runctx_writer(ctx);
  if (db == NULL)
    luaL_error(L, "%s", ctx->err);
  stmt_box *b = lua_newuserdatauv(L, sizeof *b, 1);
  b->st = NULL;
  b->ctx = ctx;
  luaL_setmetatable(L, STMT_META);
  lua_insert(L, 2);
  sqlauth auth = { ctx->lang, "" };
  if (sqlauth_refused_statement(&auth, sql))
    luaL_error(L, "sql: not authorized: %s", auth.why);
  sqlite3_set_authorizer(db, readonly ? sqlauth_reader : sqlauth_writer,
                         &auth);
  const char *tail;
  int rc = sqlite3_prepare_v2(db, sql, (int)len, &b->st, &tail);
  sqlite3_set_authorizer(db, NULL, NULL);
  if (rc != SQLITE_OK && auth.why[0])
    luaL_error(L, "sql: %s: %s", sqlite3_errmsg(db), auth.why);
  if (rc != SQLITE_OK)
    limit_error(L, ctx, sqlite3_extended_errcode(db));
  if (rc != SQLITE_OK)
    luaL_error(L, "sql: %s", sqlite3_errmsg(db));
  if (b->st == NULL)
    luaL_error(L, "sql: the query is empty");
  if (readonly && !sqlite3_stmt_readonly(b->st))
    luaL_error(L, "sql: not authorized (pw.sql only reads; use pw.exec)");
  if (strspn(tail, " \t\r\n;") != strlen(tail))
    luaL_error(L, "sql: one statement at a time");
  keep_names(L, b->st, 2);
  bind_all(L, b->st, 3);
  lua_settop(L, 2);
  runctx_sql_start(ctx);
  return b;
}

/* One step, watched (sqlwatch.h). */
static int step(lua_State *L, stmt_box *b) {
  sqlite3 *db = sqlite3_db_handle(b->st);
  sqlwatch_enter(&b->ctx->watch, db);
  int rc = sqlite3_step(b->st);
  sqlwatch_leave(&b->ctx->watch);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;
  limit_error(L, b->ctx, rc);
  return luaL_error(L, "sql: %s", sqlite3_errmsg(db));
}

static int l_sql(lua_State *L) {
  stmt_box *b = prepare(L, 1);
  lua_newtable(L);
  lua_Integer n = 0;
  while (step(L, b) == SQLITE_ROW) {
    push_row(L, b->st, 2);
    lua_rawseti(L, -2, ++n);
  }
  finalize(b);
  return 1;
}

static int rows_next(lua_State *L) {
  stmt_box *b = luaL_checkudata(L, lua_upvalueindex(1), STMT_META);
  if (b->st == NULL || step(L, b) != SQLITE_ROW) {
    finalize(b);
    return 0;
  }
  push_row(L, b->st, lua_upvalueindex(1));
  return 1;
}

/* for row in pw.rows(q, ...) do ... end; breaking out finalizes (4th value). */
static int l_rows(lua_State *L) {
  prepare(L, 1);
  lua_pushvalue(L, 2);
  lua_pushcclosure(L, rows_next, 1);
  lua_pushnil(L);
  lua_pushnil(L);
  lua_pushvalue(L, 2);
  return 4;
}

static void need_write(lua_State *L) {
  if (!ctx_up(L)->write)
    luaL_error(L, "this script is read-only; run it with --write to change "
                  "the database");
}

static int l_exec(lua_State *L) {
  need_write(L);
  stmt_box *b = prepare(L, 0);
  while (step(L, b) == SQLITE_ROW)
    ;
  lua_pushinteger(L, sqlite3_changes(sqlite3_db_handle(b->st)));
  finalize(b);
  return 1;
}

static int run_sql(lua_State *L, sqlite3 *db, const char *sql) {
  char *msg = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
    return 0;
  lua_pushfstring(L, "sql: %s", msg ? msg : sqlite3_errmsg(db));
  sqlite3_free(msg);
  return lua_error(L);
}

/* Nested calls join the outer transaction. */
static int l_transaction(lua_State *L) {
  need_write(L);
  runctx *ctx = ctx_up(L);
  luaL_checktype(L, 1, LUA_TFUNCTION);
  sqlite3 *db = runctx_writer(ctx);
  if (db == NULL)
    return luaL_error(L, "%s", ctx->err);
  if (!sqlite3_get_autocommit(db)) {
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
  }
  run_sql(L, db, "BEGIN IMMEDIATE");
  if (lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0) != LUA_OK) {
    if (!sqlite3_get_autocommit(db))
      sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return lua_error(L);
  }
  run_sql(L, db, "COMMIT");
  return lua_gettop(L);
}

/* ---- for other bindings that read statements (lua_sql.h) ---- */

int lua_sql_prepare_read(lua_State *L) {
  prepare(L, 1);
  return 1;
}

sqlite3_stmt *lua_sql_stmt(lua_State *L, int idx) {
  return ((stmt_box *)luaL_checkudata(L, idx, STMT_META))->st;
}

int lua_sql_step(lua_State *L, int idx) {
  return step(L, luaL_checkudata(L, idx, STMT_META));
}

void lua_sql_close(lua_State *L, int idx) {
  finalize(luaL_checkudata(L, idx, STMT_META));
}

void lua_sql_register(lua_State *L, runctx *ctx) {
  static const luaL_Reg fns[] = {
    {"sql", l_sql}, {"rows", l_rows}, {"exec", l_exec},
    {"transaction", l_transaction}, {NULL, NULL}
  };
  if (luaL_newmetatable(L, STMT_META)) {
    lua_pushcfunction(L, stmt_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, stmt_gc);
    lua_setfield(L, -2, "__close");
    lua_pushliteral(L, "statement");
    lua_setfield(L, -2, "__metatable");
  }
  lua_pop(L, 1);
  lua_pushlightuserdata(L, ctx);
  luaL_setfuncs(L, fns, 1);
}
