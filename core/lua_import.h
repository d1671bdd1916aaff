#ifndef PW_LUA_IMPORT_H
#define PW_LUA_IMPORT_H
/*
** lua_import: importing indicator values (import.h) from scripts.
**
**   pw.import_values(path, opts) -> { read=, added=, changed=, unchanged=,
**                                     errors = { "file:line: ...", ... },
**                                     more = N }
**
** opts (all optional):
**   dry_run           check and count only; allowed without --write
**   progress          show rows read/written on stderr (pass pw.isatty(2))
**   check             function(indicator, rows) -> refusals: the caller's
**                     own rules, called before anything is written with
**                     one indicator's rows ({unit=, period=, value=, line=},
**                     at most 10,000 per call); each refusal
**                     {line=, message=} counts as an error "file:line: message"
**   check_indicators  the indicator codes whose rows go to check; without
**                     it, every indicator's do
**
** A real import needs write mode ("this script is read-only; run it with
** --write"). When errors is not empty nothing was written; more counts the
** errors beyond those listed (the list then ends with a line saying so).
** Store failures and errors raised by check are raised, after the import's
** transaction is rolled back.
*/
#include <lua.h>

#include "runctx.h"

/* Add import_values to the table on top of L; it keeps ctx. */
void lua_import_register(lua_State *L, runctx *ctx);

#endif
