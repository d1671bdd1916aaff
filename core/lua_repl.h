#ifndef PW_LUA_REPL_H
#define PW_LUA_REPL_H
/*
** lua_repl: the line reader behind `planwatch repl`, as pw.readline.
**
**   readline(prompt [, complete]) -> line | false | nil
**
** On a terminal (stdin and stdout both), the line is read with libedit:
** editing, a history of 1,000 lines kept in ~/.planwatch_history and
** written after every line (so no exit, however abrupt, loses it), and
** multibyte input: the character type is taken from the environment's
** locale, or C.UTF-8 when that is not UTF-8, for the time of the call only
** (the rest of planwatch runs in the "C" locale). Tab calls complete(word),
** a Lua function that returns a list of completions of the word under the
** cursor (words are broken at spaces, quotes, brackets and operators, not
** at "." or ":", so "pw.uni" is one word); an error in it completes nothing.
** Ctrl-C cancels the line being typed and returns false; Ctrl-D on an
** empty line (end of input) returns nil.
**
** Elsewhere (a pipe, a file) it prints the prompt and returns the next line
** without its end, or nil at the end of the input; lines are at most 64 KiB.
*/
#include <lua.h>

/* Add readline to the table on top of L. */
void lua_repl_register(lua_State *L);

#endif
