#ifndef PW_LUA_FILES_H
#define PW_LUA_FILES_H
/*
** lua_files: the files a script may read and write, each one a narrow door
** instead of io and os.
**
**   pw.read_file(path)               -> text | nil, message
**   pw.write_file(path, text)        -> true | nil, message (atomic rename)
**   pw.list_dir(path)                -> sorted names | nil, message
**   pw.mkdir(path)                   -> true | nil, message (one level)
**   pw.is_dir(path), pw.exists(path) -> boolean
**
** read_file reads regular files only (safefile.h); read_file and list_dir
** refuse what sandbox_unreadable refuses (process information, the SMTP
** password file, the service's credentials). write_file and mkdir write
** only where the run may (writable.h) and raise an error otherwise;
** write_file replaces a file through a fresh temporary file and never
** writes through, nor replaces, a symbolic link.
**
** Nothing a door opens or allocates in C outlives an error raised while it
** runs (a script's memory cap reached mid-read): an open file is closed as
** the error unwinds, a list of names is held by a userdata that frees it
** when collected.
*/
#include <stdio.h>

#include <lua.h>

#include "runctx.h"

/* Add the functions above to the table on top of L; they keep ctx. */
void lua_files_register(lua_State *L, runctx *ctx);

/*
** Open path for reading as safefile_fopen does, the FILE held by a new
** userdata pushed on L as a to-be-closed slot (lua_toclose): it is closed
** when the calling C function returns or an error unwinds it, whatever
** raised. Close it earlier with lua_files_close(L, idx). NULL (and why
** filled, nothing pushed) when it cannot be opened.
*/
FILE *lua_files_open(lua_State *L, const char *path, char *why);

/* Close the file held by the userdata at idx (lua_files_open), now. */
void lua_files_close(lua_State *L, int idx);

#endif
