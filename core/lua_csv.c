/*
** lua_csv.c: pw.csv_records.
*/
#include "lua_csv.h"

#include <errno.h>
#include <string.h>

#include <lauxlib.h>

#include "csv.h"
#include "lua_files.h"
#include "safefile.h"
#include "sandbox.h"

#define PARSER_META "planwatch.csv_parser"

/* The parser lives in a userdata, and the file in another
** (lua_files_open), so an error raised while building the records (the
** memory cap) still frees the parser's buffers and closes the file when
** they are collected. */
typedef struct reader {
  csv_parser p;
  lua_State *L;
  lua_Integer n, max;
} reader;

static int reader_gc(lua_State *L) {
  reader *r = luaL_checkudata(L, 1, PARSER_META);
  csv_free(&r->p);
  return 0;
}

/* Append one record to the list on top of the stack. */
static int on_record(void *ud, const csv_record *rec) {
  reader *r = ud;
  lua_State *L = r->L;
  lua_createtable(L, 0, 3);
  lua_pushinteger(L, (lua_Integer)rec->line);
  lua_setfield(L, -2, "line");
  lua_createtable(L, rec->count, 0);
  for (int i = 0; i < rec->count; i++) {
    lua_pushlstring(L, rec->fields[i].data, rec->fields[i].len);
    lua_rawseti(L, -2, i + 1);
  }
  lua_setfield(L, -2, "fields");
  if (rec->bad_field >= 0) {
    lua_pushinteger(L, rec->bad_field + 1);
    lua_setfield(L, -2, "bad_field");
  }
  lua_rawseti(L, -2, ++r->n);
  return r->max > 0 && r->n >= r->max;
}

static int l_csv_records(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  lua_Integer max = luaL_optinteger(L, 2, 0);
  const char *why = sandbox_unreadable(path);
  if (why == NULL && sandbox_file_holds_secret(path))
    why = SANDBOX_SECRET_REFUSED;
  if (why != NULL) {
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", path, why);
    return 2;
  }
  char err[SAFEFILE_ERR_SIZE];
  FILE *f = lua_files_open(L, path, err);
  if (f == NULL) {
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", path, err);
    return 2;
  }
  int box = lua_gettop(L);
  reader *r = lua_newuserdatauv(L, sizeof *r, 0);
  memset(r, 0, sizeof *r);
  luaL_setmetatable(L, PARSER_META);
  r->L = L;
  r->max = max;
  csv_init(&r->p, NULL, on_record, r);
  lua_newtable(L);
  int rc = csv_read_file(&r->p, f);
  lua_files_close(L, box);
  if (rc == CSV_ERROR) {
    luaL_pushfail(L);
    lua_pushfstring(L, "%s:%d: %s", path, (int)r->p.err_line, r->p.err);
    csv_free(&r->p);
    return 2;
  }
  csv_free(&r->p);
  return 1;
}

void lua_csv_register(lua_State *L) {
  if (luaL_newmetatable(L, PARSER_META)) {
    lua_pushcfunction(L, reader_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  lua_pushcfunction(L, l_csv_records);
  lua_setfield(L, -2, "csv_records");
}
