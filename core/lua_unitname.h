#ifndef PW_LUA_UNITNAME_H
#define PW_LUA_UNITNAME_H
/*
** lua_unitname: the one unit resolver (unitname.h) as scripts see it.
**
**   pw.unit(name)      -> the unit's code
**                      |  nil, the official name and code of the unit to
**                         suggest ("did you mean"), or nil alone
**   pw.unit_key(name)  -> the key names are compared by, nil for an empty
**                         or overlong name
**
** pw.unit reads the active units through the connection pw.sql reads
** with (it sees a write script's own changes), and again only once the
** database has changed (this connection's changes, others' commits).
*/
#include <lua.h>

#include "runctx.h"

/* Add the functions above to the table on top of L; they keep ctx. */
void lua_unitname_register(lua_State *L, runctx *ctx);

#endif
