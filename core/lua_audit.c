/*
** lua_audit.c: pw.audit, the binding of audit.h.
*/
#include "lua_audit.h"

#include <lauxlib.h>

#include "audit.h"

/* Field name of the argument table: a string, or NULL when optional and
** absent. */
static const char *field(lua_State *L, const char *name, int required) {
  int t = lua_getfield(L, 1, name);
  if (t == LUA_TNIL && !required) {
    lua_pop(L, 1);
    return NULL;
  }
  if (t != LUA_TSTRING || (required && lua_rawlen(L, -1) == 0))
    luaL_error(L, "audit: field '%s' must be %s", name,
               required ? "a non-empty string" : "a string or nil");
  const char *s = lua_tostring(L, -1);
  lua_pop(L, 1); /* the string stays alive in the argument table */
  return s;
}

static int l_audit(lua_State *L) {
  runctx *ctx = lua_touserdata(L, lua_upvalueindex(1));
  luaL_checktype(L, 1, LUA_TTABLE);
  audit_row row = { field(L, "at", 0), field(L, "actor", 1),
                    field(L, "action", 1), field(L, "entity", 1),
                    field(L, "key", 1), field(L, "old", 0),
                    field(L, "new", 0) };
  if (!ctx->write)
    return luaL_error(L, "this script is read-only; run it with --write to "
                         "change the database");
  sqlite3 *db = runctx_writer(ctx);
  if (db == NULL)
    return luaL_error(L, "%s", ctx->err);
  runctx_sql_start(ctx);
  audit_log log;
  sqlite3_int64 id = 0;
  int rc = audit_open(&log, db);
  if (rc == SQLITE_OK)
    rc = audit_write(&log, &row, &id);
  audit_close(&log);
  if (rc != SQLITE_OK)
    return luaL_error(L, "audit: %s", sqlite3_errmsg(db));
  lua_pushinteger(L, (lua_Integer)id);
  return 1;
}

void lua_audit_register(lua_State *L, runctx *ctx) {
  lua_pushlightuserdata(L, ctx);
  lua_pushcclosure(L, l_audit, 1);
  lua_setfield(L, -2, "audit");
}
