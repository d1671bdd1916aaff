#ifndef PW_LUA_CLOCK_H
#define PW_LUA_CLOCK_H
/*
** lua_clock: the time and the date, for scripts.
**
**   pw.now()                  -> the UTC time "YYYY-MM-DDTHH:MM:SSZ"
**   pw.date_in(zone)          -> today's date "YYYY-MM-DD" in an IANA zone
**                                (an error for a name that is none)
**   pw.valid_zone(name)       -> true | false, why
**   pw.clock()                -> monotonic seconds
**
** A zone name is checked before the C library ever reads it: an IANA name
** of at most three parts naming a regular file under /usr/share/zoneinfo.
*/
#include <lua.h>

/* Add the functions above to the table on top of L. */
void lua_clock_register(lua_State *L);

#endif
