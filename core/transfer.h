#ifndef PW_XFER_H
#define PW_XFER_H
/*
** transfer: copy plain data from one Lua state to another.
**
** Plugins run in states of their own; what they declare crosses into the host
** state through here. Only data crosses: nil, booleans, numbers, strings and
** tables of them, read with raw access so no metamethod of the source ever
** runs. A function becomes the table { __function = true }, so the host knows
** one was given (a derived indicator's formula) without holding it. Keys must
** be strings or numbers.
*/
#include <lua.h>

#define TRANSFER_DEPTH 32        /* deepest nesting copied */
#define TRANSFER_NODES 1000000   /* most values copied at once */

/* Push onto `to` a copy of the value at index idx of `from`. Returns 0, or
** -1 with a message pushed onto `to` instead (too deep, a cycle, too big, a
** value of a type that cannot cross). */
int transfer_copy(lua_State *from, int idx, lua_State *to);

#endif
