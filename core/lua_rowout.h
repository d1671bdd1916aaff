#ifndef PW_LUA_ROWOUT_H
#define PW_LUA_ROWOUT_H
/*
** lua_rowout: rows printed by C as they come (rowout.h), for results too
** large to build as Lua text.
**
**   pw.print_query(query, params, opts) -> rows written (scripts/lib/pw.lua's
**       wrapper returns nothing)
**       runs query read-only, exactly as pw.sql does (same authorizer,
**       limits and errors), and writes each row to stdout as it is stepped.
**       params: nil, a table of named parameters, or a list of values for
**       ?-parameters. opts: format ("table", "csv" or "json"; scripts/lib/
**       pw.lua fills in --format), columns (names of result columns, in
**       order; default all, in the query's order), bom (CSV), max_width
**       (a table cell's widest, default 60).
**   pw.print_rows_fast(rows, cols, opts) -> true | false
**       rows (a list of tables) as print_query would write them; false,
**       having written nothing, when a cell is not a number, a string or
**       nil (scripts/lib/pw.lua then renders them in Lua).
*/
#include <lua.h>

#include "runctx.h"

/* Add the functions above to the table on top of L; they keep ctx. */
void lua_rowout_register(lua_State *L, runctx *ctx);

#endif
