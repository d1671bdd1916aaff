/*
** lua_outbox.c: pw.outbox.
*/
#include "lua_outbox.h"

#include <stdlib.h>
#include <time.h>

#include <lauxlib.h>

#include "outbox.h"

#define CLAIM_MAX 1000 /* most messages one claim may take */

/* The writer connection, with the statement clock started: these calls
** run their own statements, and a clock left from an earlier pw.sql (or
** never started) would stop them as runaway queries. */
static sqlite3 *writer(lua_State *L) {
  runctx *ctx = lua_touserdata(L, lua_upvalueindex(1));
  if (!ctx->write)
    luaL_error(L, "this script is read-only; run it with --write to change "
                  "the database");
  sqlite3 *db = runctx_writer(ctx);
  if (db == NULL)
    luaL_error(L, "%s", ctx->err);
  runctx_sql_start(ctx);
  return db;
}

/* The connection a count reads: the writer in write mode (it sees the
** run's own changes), else the reader. */
static sqlite3 *counting(lua_State *L) {
  runctx *ctx = lua_touserdata(L, lua_upvalueindex(1));
  sqlite3 *db = ctx->write ? runctx_writer(ctx) : runctx_reader(ctx);
  if (db == NULL)
    luaL_error(L, "%s", ctx->err);
  runctx_sql_start(ctx);
  return db;
}

static int db_error(lua_State *L, sqlite3 *db) {
  return luaL_error(L, "outbox: %s", sqlite3_errmsg(db));
}

/* Return the state a message was put in; NULL raises db's error. */
static int state_of(lua_State *L, sqlite3 *db, const char *state) {
  if (state == NULL)
    return db_error(L, db);
  lua_pushstring(L, state);
  return 1;
}

/* Return n messages changed to Lua; n < 0 raises db's error. */
static int count_of(lua_State *L, sqlite3 *db, int n) {
  if (n < 0)
    return db_error(L, db);
  lua_pushinteger(L, n);
  return 1;
}

static const char *field(lua_State *L, const char *name, int required) {
  lua_getfield(L, 1, name);
  const char *s = lua_tostring(L, -1);
  if (required && s == NULL)
    luaL_error(L, "outbox.enqueue: field '%s' is required", name);
  lua_pop(L, 1); /* the string stays alive in the argument table */
  return s;
}

static int l_enqueue(lua_State *L) {
  sqlite3 *db = writer(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  outbox_msg m = {
    field(L, "key", 1), field(L, "transport", 1), field(L, "recipient", 1),
    field(L, "subject", 0), field(L, "text", 0), field(L, "html", 0),
    field(L, "payload", 0), field(L, "recipient_name", 0)
  };
  int64_t id = 0;
  int rc = outbox_enqueue(db, &m, time(NULL), &id);
  if (rc < 0)
    return db_error(L, db);
  lua_pushinteger(L, id);
  lua_pushboolean(L, rc);
  return 2;
}

static int l_claim(lua_State *L) {
  sqlite3 *db = writer(L);
  const char *owner = luaL_checkstring(L, 1);
  int lease = (int)luaL_checkinteger(L, 2);
  int max = (int)luaL_optinteger(L, 3, 100);
  luaL_argcheck(L, lease > 0, 2, "the lease must be positive");
  luaL_argcheck(L, max > 0 && max <= CLAIM_MAX, 3, "1 to 1000");
  int64_t ids[CLAIM_MAX];
  outbox_holder h;
  outbox_holder_self(&h, owner);
  int n = outbox_claim(db, &h, time(NULL), lease, ids, max);
  if (n < 0)
    return db_error(L, db);
  lua_createtable(L, n, 0);
  for (int i = 0; i < n; i++) {
    lua_pushinteger(L, ids[i]);
    lua_rawseti(L, -2, i + 1);
  }
  return 1;
}

static int l_sent(lua_State *L) {
  sqlite3 *db = writer(L);
  if (outbox_sent(db, luaL_checkinteger(L, 1), time(NULL),
                  luaL_optstring(L, 2, NULL)) != 0)
    return db_error(L, db);
  return 0;
}

static int l_failed(lua_State *L) {
  sqlite3 *db = writer(L);
  return state_of(L, db, outbox_failed(db, luaL_checkinteger(L, 1),
                                       time(NULL), lua_toboolean(L, 2),
                                       luaL_optstring(L, 3, "failed")));
}

/* pw.outbox.reclaim() -> how many messages of gone runs are due again */
static int l_reclaim(lua_State *L) {
  sqlite3 *db = writer(L);
  outbox_holder h;
  outbox_holder_self(&h, "");
  return count_of(L, db, outbox_reclaim(db, &h, time(NULL)));
}

/* pw.outbox.release(id, delay_seconds, error) */
static int l_release(lua_State *L) {
  sqlite3 *db = writer(L);
  if (outbox_release(db, luaL_checkinteger(L, 1), time(NULL),
                     (long)luaL_checkinteger(L, 2),
                     luaL_optstring(L, 3, NULL)) != 0)
    return db_error(L, db);
  return 0;
}

/* pw.outbox.unknown(id, error) -> "unknown" */
static int l_unknown(lua_State *L) {
  sqlite3 *db = writer(L);
  return state_of(L, db, outbox_unknown(db, luaL_checkinteger(L, 1),
                                        time(NULL),
                                        luaL_optstring(L, 2, "no answer")));
}

/* pw.outbox.dismiss([id]) -> how many (no id: every dead message) */
static int l_dismiss(lua_State *L) {
  sqlite3 *db = writer(L);
  return count_of(L, db,
                  outbox_dismiss(db, luaL_optinteger(L, 1, 0), time(NULL)));
}

static int l_retry(lua_State *L) {
  sqlite3 *db = writer(L);
  return count_of(L, db,
                  outbox_retry(db, luaL_optinteger(L, 1, 0), time(NULL)));
}

static int l_states(lua_State *L) {
  lua_newtable(L);
  for (int i = 0; outbox_states[i]; i++) {
    lua_pushstring(L, outbox_states[i]);
    lua_rawseti(L, -2, i + 1);
  }
  return 1;
}

static int push_count(lua_State *L, sqlite3 *db, long long n) {
  if (n < 0)
    return db_error(L, db);
  lua_pushinteger(L, (lua_Integer)n);
  return 1;
}

static int l_open_count(lua_State *L) {
  const char *transport = luaL_optstring(L, 1, NULL);
  sqlite3 *db = counting(L);
  return push_count(L, db, outbox_count_open(db, transport));
}

static int l_troubles(lua_State *L) {
  lua_Integer id = luaL_optinteger(L, 1, 0);
  sqlite3 *db = counting(L);
  return push_count(L, db, outbox_count_troubled(db, (int64_t)id));
}

/* The messages a person should look at, { id =, state =, attempts = } in
** id order. */
static int l_troubled(lua_State *L) {
  sqlite3 *db = counting(L);
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, "SELECT id, state, attempts FROM outbox WHERE "
                         "state IN " OUTBOX_STATES_TROUBLED " ORDER BY id",
                         -1, &st, NULL) != SQLITE_OK)
    return db_error(L, db);
  lua_newtable(L);
  int n = 0, rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    lua_createtable(L, 0, 3);
    lua_pushinteger(L, sqlite3_column_int64(st, 0));
    lua_setfield(L, -2, "id");
    lua_pushstring(L, (const char *)sqlite3_column_text(st, 1));
    lua_setfield(L, -2, "state");
    lua_pushinteger(L, sqlite3_column_int64(st, 2));
    lua_setfield(L, -2, "attempts");
    lua_rawseti(L, -2, ++n);
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return db_error(L, db);
  return 1;
}

static int l_later(lua_State *L) {
  char first[32] = "";
  sqlite3 *db = counting(L);
  push_count(L, db, outbox_count_later(db, time(NULL), first));
  if (first[0])
    lua_pushstring(L, first);
  else
    lua_pushnil(L);
  return 2;
}

void lua_outbox_register(lua_State *L, runctx *ctx) {
  static const luaL_Reg fns[] = {
    {"enqueue", l_enqueue}, {"claim", l_claim}, {"sent", l_sent},
    {"failed", l_failed}, {"retry", l_retry}, {"reclaim", l_reclaim},
    {"release", l_release}, {"unknown", l_unknown}, {"dismiss", l_dismiss},
    {"states", l_states}, {"open_count", l_open_count},
    {"troubles", l_troubles}, {"troubled", l_troubled}, {"later", l_later},
    {NULL, NULL}
  };
  lua_newtable(L);
  lua_pushlightuserdata(L, ctx);
  luaL_setfuncs(L, fns, 1);
  lua_setfield(L, -2, "outbox");
}
