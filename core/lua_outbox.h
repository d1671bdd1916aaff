#ifndef PW_LUA_OUTBOX_H
#define PW_LUA_OUTBOX_H
/*
** lua_outbox: the outbox (outbox.h) as scripts see it; write mode only.
**
**   pw.outbox.enqueue{ key=, transport=, recipient=, subject=, text=, html=,
**                      payload= }            -> id, true when newly queued
**   pw.outbox.claim(owner, lease_seconds, max) -> list of claimed ids
**   pw.outbox.sent(id [, message_id])
**   pw.outbox.failed(id, temporary, error)     -> "failed" | "dead"
**   pw.outbox.retry([id])                      -> how many were requeued
*/
#include <lua.h>

#include "runctx.h"

/* Add `outbox` with the functions above to the table on top of L. */
void lua_outbox_register(lua_State *L, runctx *ctx);

#endif
