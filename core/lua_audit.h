#ifndef PW_LUA_AUDIT_H
#define PW_LUA_AUDIT_H
/*
** lua_audit: the audit log's one writer (audit.h) as scripts see it; write
** mode only, inside the script's transaction when one is open.
**
**   pw.audit{ actor=, action=, entity=, key=, old=, new=, at= } -> row id
**
** actor, action, entity and key are required strings; old and new the row
** before and after as JSON text, or nil; at the time ("YYYY-MM-DDTHH:MM:SSZ"),
** nil for now. Scripts' SQL cannot write the table itself (sqlauth.h).
*/
#include <lua.h>

#include "runctx.h"

/* Add `audit` to the table on top of L; it keeps ctx. */
void lua_audit_register(lua_State *L, runctx *ctx);

#endif
