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
** memory cap) still frees the parser's buffers and closes the file. */
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

/* The delimiter opts (argument 3) give: ',' by default, ';' or tab. */
static char delimiter_of(lua_State *L) {
  if (lua_isnoneornil(L, 3))
    return ',';
  luaL_checktype(L, 3, LUA_TTABLE);
  lua_getfield(L, 3, "delimiter");
  const char *d = luaL_optstring(L, -1, ",");
  luaL_argcheck(L, strcmp(d, ",") == 0 || strcmp(d, ";") == 0 ||
                   strcmp(d, "\t") == 0, 3,
                "delimiter must be ',', ';' or a tab");
  lua_pop(L, 1);
  return d[0];
}

/* Feed the text at index text, or else all of f, then finish. */
static int parse(reader *r, int text, FILE *f) {
  if (text == 0)
    return csv_read_file(&r->p, f);
  size_t len;
  const char *s = lua_tolstring(r->L, text, &len);
  int rc = csv_feed(&r->p, s, len);
  return rc == CSV_OK ? csv_finish(&r->p) : rc;
}

/* Push the records of the text at index text (0: of f, held by the
** userdata at index box), or fail and "path:line: message". */
static int records_of(lua_State *L, const char *path, lua_Integer max,
                      char d, int text, FILE *f, int box) {
  reader *r = lua_newuserdatauv(L, sizeof *r, 0);
  memset(r, 0, sizeof *r);
  luaL_setmetatable(L, PARSER_META);
  r->L = L;
  r->max = max;
  csv_init(&r->p, NULL, on_record, r);
  csv_set_delimiter(&r->p, d);
  lua_newtable(L);
  int rc = parse(r, text, f);
  if (box != 0)
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

static int l_csv_records(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  lua_Integer max = luaL_optinteger(L, 2, 0);
  char d = delimiter_of(L);
  if (!lua_isnoneornil(L, 3) && lua_getfield(L, 3, "text") != LUA_TNIL) {
    luaL_argcheck(L, lua_type(L, -1) == LUA_TSTRING, 3,
                  "text must be a string");
    return records_of(L, path, max, d, lua_gettop(L), NULL, 0);
  }
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
  return records_of(L, path, max, d, 0, f, lua_gettop(L));
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
