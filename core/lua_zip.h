#ifndef PW_LUA_ZIP_H
#define PW_LUA_ZIP_H
/*
** lua_zip: ZIP archives (office documents) for scripts, through zipfile.h.
**
**   pw.zip_write(path, entries) -> true | nil, message
**       entries: a list of { name = "word/document.xml", data = "..." },
**       written in that order.
**
** Who may write where: as pw.write_file, the rule of writable.h (a path
** the command line names, `report --docx FILE`; never scripts/, plugins or
** the database and its side files); anything else raises.
** Entry names must be relative, without "..", backslashes or empty parts,
** and each at most once. The archive replaces path as every file is
** replaced (zipfile.h, safefile.h).
*/
#include <lua.h>

#include "runctx.h"

/* Add zip_write to the table on top of L; it keeps ctx. */
void lua_zip_register(lua_State *L, runctx *ctx);

#endif
