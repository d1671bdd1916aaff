#ifndef PW_LUA_TERM_H
#define PW_LUA_TERM_H
/*
** lua_term: standard output and error, and the terminal, for scripts.
**
**   pw.out(s, ...), pw.err(s, ...)   write strings to stdout / stderr
**   pw.isatty(fd)                    -> boolean
**   pw.term_width()                  -> the terminal's columns | nil (stdout
**                                       no terminal)
**
** pw.readline, the REPL's line reader, is in lua_repl.h.
*/
#include <lua.h>

/* Add the functions above to the table on top of L. */
void lua_term_register(lua_State *L);

#endif
