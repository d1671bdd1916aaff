/*
** transfer.c: copy plain data between Lua states.
*/
#include "transfer.h"

#include <lauxlib.h>

typedef struct transfer {
  lua_State *from, *to;
  long nodes;
  const char *err;
} transfer;

static int copy_value(transfer *x, int idx, int depth);

static int copy_table(transfer *x, int idx, int depth) {
  lua_State *from = x->from, *to = x->to;
  if (depth >= TRANSFER_DEPTH) {
    x->err = "nested too deeply (or a table contains itself)";
    return -1;
  }
  if (!lua_checkstack(from, 4) || !lua_checkstack(to, 4)) {
    x->err = "out of stack space";
    return -1;
  }
  lua_newtable(to);
  lua_pushnil(from);
  while (lua_next(from, idx)) {
    int kt = lua_type(from, -2);
    if (kt != LUA_TSTRING && kt != LUA_TNUMBER) {
      x->err = "table keys must be strings or numbers";
      lua_pop(from, 2);
      return -1;
    }
    if (copy_value(x, lua_absindex(from, -2), depth + 1) != 0 ||
        copy_value(x, lua_absindex(from, -1), depth + 1) != 0) {
      lua_pop(from, 2);
      return -1;
    }
    lua_rawset(to, -3);
    lua_pop(from, 1);
  }
  return 0;
}

static int copy_value(transfer *x, int idx, int depth) {
  lua_State *from = x->from, *to = x->to;
  if (++x->nodes > TRANSFER_NODES) {
    x->err = "too many values";
    return -1;
  }
  switch (lua_type(from, idx)) {
  case LUA_TNIL: lua_pushnil(to); return 0;
  case LUA_TBOOLEAN: lua_pushboolean(to, lua_toboolean(from, idx)); return 0;
  case LUA_TNUMBER:
    if (lua_isinteger(from, idx))
      lua_pushinteger(to, lua_tointeger(from, idx));
    else
      lua_pushnumber(to, lua_tonumber(from, idx));
    return 0;
  case LUA_TSTRING: {
    size_t len;
    const char *s = lua_tolstring(from, idx, &len);
    lua_pushlstring(to, s, len);
    return 0;
  }
  case LUA_TTABLE: return copy_table(x, idx, depth);
  case LUA_TFUNCTION:
    lua_createtable(to, 0, 1);
    lua_pushboolean(to, 1);
    lua_setfield(to, -2, "__function");
    return 0;
  default:
    x->err = "only data (strings, numbers, booleans, tables) can be declared";
    return -1;
  }
}

int transfer_copy(lua_State *from, int idx, lua_State *to) {
  transfer x = { from, to, 0, NULL };
  int top = lua_gettop(to);
  if (copy_value(&x, lua_absindex(from, idx), 0) == 0)
    return 0;
  lua_settop(to, top);
  lua_pushstring(to, x.err);
  return -1;
}
