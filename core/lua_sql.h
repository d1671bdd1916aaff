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
** connection is opened read-only, and an authorizer allows only SELECT,
** reading and functions; ATTACH, PRAGMA and every write are refused when the
** statement is prepared.
*/
#include <lua.h>

#include "ctx.h"

/* Add the functions above to the table on top of L; they keep ctx. */
void lua_sql_register(lua_State *L, pw_ctx *ctx);

#endif
