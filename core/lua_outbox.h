#ifndef PW_LUA_OUTBOX_H
#define PW_LUA_OUTBOX_H
/*
** lua_outbox: the outbox (outbox.h) as scripts see it. Scripts never name
** its states themselves: the sets they ask about are outbox.h's.
**
** Changes, in write mode only:
**
**   pw.outbox.enqueue{ key=, transport=, recipient=, subject=, text=, html=,
**                      payload= }            -> id, true when newly queued
**   pw.outbox.claim(owner, lease_seconds, max) -> list of claimed ids
**   pw.outbox.sent(id [, message_id])
**   pw.outbox.failed(id, temporary, error)     -> "failed" | "dead"
**   pw.outbox.retry([id])                      -> how many were requeued
**   pw.outbox.reclaim(), release(id, delay, error), unknown(id, error),
**   dismiss([id])
**
** Counts, in any mode:
**
**   pw.outbox.states()            -> every state, in a message's life's order
**   pw.outbox.open_count([transport]) -> messages that may still go out
**   pw.outbox.troubles([id])      -> messages a person should look at (with
**                                    id: 1 when that message is one, else 0)
**   pw.outbox.troubled()          -> those messages, { id =, state =,
**                                    attempts = } in id order
**   pw.outbox.later()             -> messages waiting for a later attempt,
**                                    the earliest time | nil
*/
#include <lua.h>

#include "runctx.h"

/* Add `outbox` with the functions above to the table on top of L. */
void lua_outbox_register(lua_State *L, runctx *ctx);

#endif
