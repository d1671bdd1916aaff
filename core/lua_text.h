#ifndef PW_LUA_TEXT_H
#define PW_LUA_TEXT_H
/*
** lua_text: the text module for scripts, as pw.textutil (pw.text picks a
** field's --lang variant). Strings are UTF-8; every function but valid raises
** "invalid UTF-8 at byte N" for a string that is not.
**
**   valid(s)   -> true | false, N (1-based offset of the first bad byte)
**   lower(s)   -> s with Latin letters in lower case (U+1EE6 -> U+1EE7)
**   upper(s)   -> s with Latin letters in upper case (U+0111 -> U+0110)
**   nfc(s)     -> s with Latin letters and their combining marks composed
**                 (a decomposed "e" U+0323 U+0302 -> U+1EC7)
**   nearest(word, words) -> the word of the list nearest to a mistyped one
**                 (suggest.h: "statsu" -> "status"), or nil
**   strip(s)   -> s without diacritics (U+1EDD -> "o", U+0110 -> "D");
**                 letters keep their case, other characters stay as they are
**
** See text.h for the ranges of letters these know.
*/
#include <lua.h>

/* Add the table `textutil` holding the functions above to the table on
** top of L. */
void lua_text_register(lua_State *L);

#endif
