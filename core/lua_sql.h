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
** under ctx.h's limits; a limit that stops a statement is named with its
** variable in the error (in the language of --lang).
*/
#include <lua.h>

#include "ctx.h"

/* Add the functions above to the table on top of L; they keep ctx. */
void lua_sql_register(lua_State *L, pw_ctx *ctx);

#endif
