/*
** lua_unitname.c: pw.unit and pw.unit_key, the binding of unitname.h.
*/
#include "lua_unitname.h"

#include <lauxlib.h>

#include "unitname.h"

#define CACHE_META "planwatch.unitname"

/* The units last read, kept while the database has not changed: a
** submissions file asks for each of its lines, and the units of a large
** plan take a while to read. */
typedef struct cache {
  unitname *u;           /* NULL: nothing read yet */
  sqlite3 *db;           /* the connection it was read through */
  sqlite3_int64 changes; /* that connection's total changes then */
  unsigned version;      /* the file's data version then (others' commits) */
} cache;

static int cache_gc(lua_State *L) {
  cache *c = luaL_checkudata(L, 1, CACHE_META);
  unitname_free(c->u);
  c->u = NULL;
  return 0;
}

/* The units as db holds them now, read again only when it changed. */
static const unitname *units_of(lua_State *L, cache *c, sqlite3 *db) {
  unsigned version = 0;
  sqlite3_file_control(db, "main", SQLITE_FCNTL_DATA_VERSION, &version);
  if (c->u && c->db == db && c->changes == sqlite3_total_changes64(db) &&
      c->version == version)
    return c->u;
  unitname_free(c->u);
  c->u = NULL;
  if (unitname_load(db, &c->u) != SQLITE_OK)
    luaL_error(L, "unit: %s", sqlite3_errmsg(db));
  c->db = db;
  c->changes = sqlite3_total_changes64(db);
  c->version = version;
  return c->u;
}

static int l_unit(lua_State *L) {
  runctx *ctx = lua_touserdata(L, lua_upvalueindex(1));
  cache *c = lua_touserdata(L, lua_upvalueindex(2));
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  sqlite3 *db = runctx_reader(ctx);
  if (db == NULL)
    return luaL_error(L, "%s", ctx->err);
  runctx_sql_start(ctx);
  const unitname *u = units_of(L, c, db);
  long id = unitname_find(u, s, len);
  if (id >= 0) {
    lua_pushstring(L, unitname_code(u, (size_t)id));
    return 1;
  }
  luaL_pushfail(L);
  long near = unitname_near(u, s, len);
  if (near < 0)
    return 1;
  lua_pushstring(L, unitname_official(u, (size_t)near));
  lua_pushstring(L, unitname_code(u, (size_t)near));
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

void lua_unitname_register(lua_State *L, runctx *ctx) {
  lua_pushcfunction(L, l_unit_key);
  lua_setfield(L, -2, "unit_key");
  lua_pushlightuserdata(L, ctx);
  cache *c = lua_newuserdatauv(L, sizeof *c, 0);
  c->u = NULL;
  if (luaL_newmetatable(L, CACHE_META)) {
    lua_pushcfunction(L, cache_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  lua_pushcclosure(L, l_unit, 2);
  lua_setfield(L, -2, "unit");
}
