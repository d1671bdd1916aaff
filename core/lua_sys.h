#ifndef PW_LUA_SYS_H
#define PW_LUA_SYS_H
/*
** lua_sys: what scripts may do outside the database, each one a narrow door
** instead of io and os.
**
**   pw.out(s, ...), pw.err(s, ...)   write strings to stdout / stderr
**   pw.read_file(path)               -> text | nil, message
**   pw.write_file(path, text)        -> true | nil, message (atomic rename)
**   pw.list_dir(path)                -> sorted names | nil, message
**   pw.mkdir(path)                   -> true | nil, message (one level)
**   pw.is_dir(path), pw.exists(path), pw.isatty(fd) -> boolean
**   pw.term_width()                  -> the terminal's columns | nil (stdout no terminal)
**   pw.date_in(zone)                 -> today's date "YYYY-MM-DD" in an IANA zone
**   pw.now()                         -> the UTC time "YYYY-MM-DDTHH:MM:SSZ"
**   pw.clock()                       -> monotonic seconds
**   pw.plugin(path)                  -> a plugin's declarations | nil, message
**
** pw.readline, the REPL's line reader, is in lua_repl.h.
**
** There is no door to the environment: settings such as the SMTP password
** are read by C and never handed to Lua.
**
** read_file reads regular files only (safefile.h); read_file and list_dir
** refuse what sandbox_unreadable refuses (process information, the SMTP
** password file, the service's credentials). write_file and mkdir write
** only where the run may (writable.h) and raise an error otherwise;
** write_file replaces a file through a fresh temporary file and never
** writes through, nor replaces, a symbolic link.
*/
#include <lua.h>

#include "ctx.h"

/* Add the functions above to the table on top of L; they keep ctx. */
void lua_sys_register(lua_State *L, pw_ctx *ctx);

#endif
