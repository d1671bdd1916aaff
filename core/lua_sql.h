#ifndef PW_LUA_SQL_H
#define PW_LUA_SQL_H
/*
** lua_sql: the database as scripts see it.
**
**   pw.sql(query, ...)        -> array of rows (tables keyed by column name)
**   pw.rows(query, ...)       -> iterator over rows, stepping lazily, once
**   pw.exec(sql, ...)         -> rows changed (write mode only)
**   pw.transaction(fn, ...)   -> fn's results; commits, or rolls back and
**                                re-raises (write mode only)
**
** Parameters are bound (?, ?NNN, :name with a table), never spliced into the
** text. pw.sql and pw.rows are read-only whatever the query says: the
** connection is opened read-only, and an authorizer allows only SELECT and
** reading; every write is refused when the statement is prepared. All three
** prepare under sqlauth.h's rules (allow-listed functions; no ATTACH,
** VACUUM, PRAGMA, virtual tables, temporary triggers or views) and run
** under runctx.h's limits; a limit that stops a statement is named with its
** variable in the error (in the language of --lang).
*/
#include <lua.h>

#include "runctx.h"

/* Add the functions above to the table on top of L; they keep ctx. */
void lua_sql_register(lua_State *L, runctx *ctx);

/*
** For other C bindings that read a statement the way pw.sql does (the
** same read-only authorizer, limits and errors):
**
** lua_sql_prepare_read, a lua_CFunction to be called as a closure with
** ctx as its upvalue 1, prepares argument 1 read-only, binds arguments
** 2.. (or a table of named ones) and returns the statement's box, which
** finalizes it when collected or closed. lua_sql_stmt gives the box's
** statement (NULL once closed); lua_sql_step steps it (SQLITE_ROW or
** SQLITE_DONE; raises on an error or the time limit); lua_sql_close
** finalizes it now.
*/
int lua_sql_prepare_read(lua_State *L);
sqlite3_stmt *lua_sql_stmt(lua_State *L, int idx);
int lua_sql_step(lua_State *L, int idx);
void lua_sql_close(lua_State *L, int idx);

#endif
