/*
** lua_rowout.c: pw.print_query and pw.print_rows_fast (see lua_rowout.h).
*/
#include "lua_rowout.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "lua_sql.h"
#include "rowout.h"

#define WRITER_META "planwatch.rowout"

/* The writer and its row of cells as a userdata, so an error frees them. */
typedef struct writer_box {
  rowout *w;
  rowout_cell *cells;
  int *index; /* print_query: each printed column's index in the result */
} writer_box;

static void writer_release(writer_box *b) {
  rowout_free(b->w);
  free(b->cells);
  free(b->index);
  b->w = NULL, b->cells = NULL, b->index = NULL;
}

static int writer_gc(lua_State *L) {
  writer_release(luaL_checkudata(L, 1, WRITER_META));
  return 0;
}

static writer_box *writer_push(lua_State *L) {
  writer_box *b = lua_newuserdatauv(L, sizeof *b, 0);
  memset(b, 0, sizeof *b);
  luaL_setmetatable(L, WRITER_META);
  return b;
}

/* The options at idx (nil or a table): format, bom, max_width. */
typedef struct out_opts {
  rowout_format format;
  int bom, max_width;
} out_opts;

static out_opts read_opts(lua_State *L, int idx) {
  static const char *const formats[] = {"table", "csv", "json", NULL};
  static const rowout_format codes[] = {ROWOUT_TABLE, ROWOUT_CSV, ROWOUT_JSON};
  out_opts o = {ROWOUT_TABLE, 0, 60};
  if (lua_isnoneornil(L, idx))
    return o;
  luaL_checktype(L, idx, LUA_TTABLE);
  lua_getfield(L, idx, "format");
  o.format = codes[luaL_checkoption(L, -1, "table", formats)];
  lua_getfield(L, idx, "bom");
  o.bom = lua_toboolean(L, -1);
  lua_getfield(L, idx, "max_width");
  o.max_width = (int)luaL_optinteger(L, -1, 60);
  lua_pop(L, 3);
  if (o.max_width < 2)
    luaL_error(L, "max_width must be at least 2");
  return o;
}

/* The strings of the list at idx as a C array, in a userdata pushed on
** the stack; they point into the list's strings, so the list must stay. */
static const char **names_of(lua_State *L, int idx, int *n) {
  *n = (int)lua_rawlen(L, idx);
  const char **names = lua_newuserdatauv(L, ((size_t)*n + 1) * sizeof *names, 0);
  for (int j = 0; j < *n; j++) {
    lua_rawgeti(L, idx, j + 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_error(L, "columns: item %d is not a string", j + 1);
    names[j] = lua_tostring(L, -1);
    lua_pop(L, 1);
  }
  return names;
}

static void writer_open(lua_State *L, writer_box *b, out_opts o,
                        const char **names, int n) {
  b->cells = calloc((size_t)n + 1, sizeof *b->cells);
  b->w = rowout_new(stdout, o.format, (const char *const *)names, n, o.bom,
                    o.max_width);
  if (b->cells == NULL || b->w == NULL)
    luaL_error(L, "not enough memory");
}

static void write_row(lua_State *L, writer_box *b) {
  if (rowout_row(b->w, b->cells) != 0)
    luaL_error(L, "cannot write the output: %s", strerror(errno));
}

static void writer_close(lua_State *L, writer_box *b) {
  int rc = rowout_finish(b->w);
  int err = errno;
  writer_release(b);
  if (rc != 0)
    luaL_error(L, "cannot write the output: %s", strerror(err));
}

/* ---- pw.print_query ---- */

static rowout_cell column_cell(sqlite3_stmt *st, int i) {
  rowout_cell c = {ROWOUT_NULL, 0, 0, NULL, 0};
  switch (sqlite3_column_type(st, i)) {
  case SQLITE_INTEGER:
    c.type = ROWOUT_INT, c.i = sqlite3_column_int64(st, i);
    break;
  case SQLITE_FLOAT:
    c.type = ROWOUT_REAL, c.d = sqlite3_column_double(st, i);
    break;
  case SQLITE_NULL:
    break;
  case SQLITE_BLOB:
    c.type = ROWOUT_TEXT, c.s = sqlite3_column_blob(st, i);
    c.len = (size_t)sqlite3_column_bytes(st, i);
    break;
  default:
    c.type = ROWOUT_TEXT, c.s = (const char *)sqlite3_column_text(st, i);
    c.len = (size_t)sqlite3_column_bytes(st, i);
  }
  if (c.type == ROWOUT_TEXT && c.s == NULL)
    c.s = "";
  return c;
}

/* Prepare argument 1 with the parameters at 2 through lua_sql (the box is
** pushed); a list of values binds ?-parameters, a table named ones. */
static sqlite3_stmt *prepare_query(lua_State *L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushcclosure(L, lua_sql_prepare_read, 1);
  lua_pushvalue(L, 1);
  int nargs = 1;
  if (lua_istable(L, 2)) {
    int n = (int)lua_rawlen(L, 2);
    luaL_checkstack(L, n + 1, "too many parameters");
    for (int i = 1; i <= n; i++)
      lua_rawgeti(L, 2, i);
    if (n == 0)
      lua_pushvalue(L, 2);
    nargs += n ? n : 1;
  }
  lua_call(L, nargs, 1);
  return lua_sql_stmt(L, -1);
}

/* Each printed column's index in the result, and the names to print. */
static const char **query_columns(lua_State *L, sqlite3_stmt *st,
                                  writer_box *b, int *n) {
  int count = sqlite3_column_count(st);
  const char **names;
  if (lua_istable(L, 3) && lua_getfield(L, 3, "columns") != LUA_TNIL) {
    luaL_checktype(L, -1, LUA_TTABLE);
    names = names_of(L, lua_gettop(L), n);
  } else {
    *n = count;
    names = lua_newuserdatauv(L, ((size_t)count + 1) * sizeof *names, 0);
    for (int i = 0; i < count; i++)
      names[i] = sqlite3_column_name(st, i);
  }
  b->index = calloc((size_t)*n + 1, sizeof *b->index);
  if (b->index == NULL)
    luaL_error(L, "not enough memory");
  for (int j = 0; j < *n; j++) {
    int i = 0;
    while (i < count && strcmp(sqlite3_column_name(st, i), names[j]) != 0)
      i++;
    if (i == count)
      luaL_error(L, "print_query: the query has no column '%s'", names[j]);
    b->index[j] = i;
  }
  return names;
}

static int l_print_query(lua_State *L) {
  luaL_checkstring(L, 1);
  if (!lua_isnoneornil(L, 2))
    luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 3);
  out_opts o = read_opts(L, 3);
  writer_box *b = writer_push(L); /* 4 */
  sqlite3_stmt *st = prepare_query(L); /* box at 5 */
  int n;
  const char **names = query_columns(L, st, b, &n);
  writer_open(L, b, o, names, n);
  lua_Integer rows = 0;
  while (lua_sql_step(L, 5) == SQLITE_ROW) {
    for (int j = 0; j < n; j++)
      b->cells[j] = column_cell(st, b->index[j]);
    write_row(L, b);
    rows++;
  }
  lua_sql_close(L, 5);
  writer_close(L, b);
  lua_pushinteger(L, rows);
  return 1;
}

/* ---- pw.print_rows_fast ---- */

/* 1 when every cell of rows (1) under the names is nil, a number or a
** string (JSON writes a boolean unquoted, a table as JSON: out.lua's job). */
static int plain_rows(lua_State *L, const char **names, int n) {
  lua_Integer count = (lua_Integer)lua_rawlen(L, 1);
  for (lua_Integer r = 1; r <= count; r++) {
    if (lua_rawgeti(L, 1, r) != LUA_TTABLE)
      return 0;
    for (int j = 0; j < n; j++) {
      int t = lua_getfield(L, -1, names[j]);
      lua_pop(L, 1);
      if (t != LUA_TNIL && t != LUA_TNUMBER && t != LUA_TSTRING)
        return 0;
    }
    lua_pop(L, 1);
  }
  return 1;
}

/* The value on top as a cell (it stays on the stack while written). */
static rowout_cell value_cell(lua_State *L) {
  rowout_cell c = {ROWOUT_NULL, 0, 0, NULL, 0};
  switch (lua_type(L, -1)) {
  case LUA_TNUMBER:
    if (lua_isinteger(L, -1))
      c.type = ROWOUT_INT, c.i = (long long)lua_tointeger(L, -1);
    else
      c.type = ROWOUT_REAL, c.d = (double)lua_tonumber(L, -1);
    break;
  case LUA_TSTRING:
    c.type = ROWOUT_TEXT, c.s = lua_tolstring(L, -1, &c.len);
    break;
  default:
    break;
  }
  return c;
}

static int l_print_rows_fast(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 3);
  out_opts o = read_opts(L, 3);
  int n;
  const char **names = names_of(L, 2, &n); /* 4 */
  if (!plain_rows(L, names, n)) {
    lua_pushboolean(L, 0);
    return 1;
  }
  lua_settop(L, 4);
  writer_box *b = writer_push(L); /* 5 */
  writer_open(L, b, o, names, n);
  lua_Integer count = (lua_Integer)lua_rawlen(L, 1);
  luaL_checkstack(L, n + 2, "too many columns");
  for (lua_Integer r = 1; r <= count; r++) {
    lua_rawgeti(L, 1, r);
    for (int j = 0; j < n; j++) {
      lua_getfield(L, 6, names[j]);
      b->cells[j] = value_cell(L);
    }
    write_row(L, b);
    lua_settop(L, 5);
  }
  writer_close(L, b);
  lua_pushboolean(L, 1);
  return 1;
}

void lua_rowout_register(lua_State *L, runctx *ctx) {
  static const luaL_Reg fns[] = {
    {"print_query", l_print_query}, {"print_rows_fast", l_print_rows_fast},
    {NULL, NULL}
  };
  if (luaL_newmetatable(L, WRITER_META)) {
    lua_pushcfunction(L, writer_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushliteral(L, "writer");
    lua_setfield(L, -2, "__metatable");
  }
  lua_pop(L, 1);
  lua_pushlightuserdata(L, ctx);
  luaL_setfuncs(L, fns, 1);
}
