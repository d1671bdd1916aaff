#ifndef PW_LUA_ZIP_H
#define PW_LUA_ZIP_H
/*
** lua_zip: ZIP archives (office documents) for scripts, through zipfile.h.
**
**   pw.zip_write(path, entries) -> true | nil, message
**       entries: a list of { name = "word/document.xml", data = "..." },
**       written in that order.
**
** Who may write where: path must be one of the command's own arguments
** (a file the person running planwatch named, `report --docx FILE`), and
** never the database or one of its companion files; anything else raises.
** Entry names must be relative, without "..", backslashes or empty parts,
** and each at most once. The archive is written beside path under a new
** name created with O_EXCL and renamed over path (see zipfile.h).
*/
#include <lua.h>

#include "ctx.h"

/* Add zip_write to the table on top of L; it keeps ctx and the command's
** arguments (argc strings at argv). */
void lua_zip_register(lua_State *L, pw_ctx *ctx, int argc, char **argv);

#endif
