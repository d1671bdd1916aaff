/*
** lua_unitname.c: pw.unit and pw.unit_key, the binding of unitname.h.
*/
#include "lua_unitname.h"

#include <lauxlib.h>

#include "unitname.h"

#define UNITS_META "planwatch.unitname"

static int units_gc(lua_State *L) {
  unitname **u = luaL_checkudata(L, 1, UNITS_META);
  unitname_free(*u);
  *u = NULL;
  return 0;
}

static int l_unit(lua_State *L) {
  pw_ctx *ctx = lua_touserdata(L, lua_upvalueindex(1));
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  sqlite3 *db = ctx_reader(ctx);
  if (db == NULL)
    return luaL_error(L, "%s", ctx->err);
  unitname **u = lua_newuserdatauv(L, sizeof *u, 0);  /* freed if we raise */
  *u = NULL;
  luaL_setmetatable(L, UNITS_META);
  ctx_sql_start(ctx);
  if (unitname_load(db, u) != SQLITE_OK)
    return luaL_error(L, "unit: %s", sqlite3_errmsg(db));
  long id = unitname_find(*u, s, len);
  if (id >= 0) {
    lua_pushstring(L, unitname_code(*u, (size_t)id));
    return 1;
  }
  luaL_pushfail(L);
  long near = unitname_near(*u, s, len);
  if (near < 0)
    return 1;
  lua_pushstring(L, unitname_official(*u, (size_t)near));
  lua_pushstring(L, unitname_code(*u, (size_t)near));
  return 3;
}

static int l_unit_key(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  char key[UNITNAME_KEY_SIZE];
  size_t n = unitname_key(s, len, key);
  if (n == 0)
    return 0;
  lua_pushlstring(L, key, n);
  return 1;
}

void lua_unitname_register(lua_State *L, pw_ctx *ctx) {
  if (luaL_newmetatable(L, UNITS_META)) {
    lua_pushcfunction(L, units_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  lua_pushcfunction(L, l_unit_key);
  lua_setfield(L, -2, "unit_key");
  lua_pushlightuserdata(L, ctx);
  lua_pushcclosure(L, l_unit, 1);
  lua_setfield(L, -2, "unit");
}
