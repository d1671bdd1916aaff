/*
** lua_text.c: pw.textutil, the text module's Lua binding.
*/
#include "lua_text.h"

#include <lauxlib.h>

#include "suggest.h"
#include "text.h"

/* The string argument arg, refused unless it is well-formed UTF-8. */
static const char *check_utf8(lua_State *L, int arg, size_t *len) {
  const char *s = luaL_checklstring(L, arg, len);
  size_t bad;
  if (!text_utf8_valid(s, *len, &bad))
    luaL_argerror(L, arg, lua_pushfstring(L, "invalid UTF-8 at byte %I",
                                          (lua_Integer)bad + 1));
  return s;
}

typedef size_t (*text_transform)(const char *, size_t, char *);

/* Push f(s): the result is never longer than s (text.h). */
static int transform(lua_State *L, text_transform f) {
  size_t len;
  const char *s = check_utf8(L, 1, &len);
  luaL_Buffer b;
  char *out = luaL_buffinitsize(L, &b, len);
  luaL_pushresultsize(&b, f(s, len, out));
  return 1;
}

static int l_valid(lua_State *L) {
  size_t len, bad;
  const char *s = luaL_checklstring(L, 1, &len);
  if (text_utf8_valid(s, len, &bad)) {
    lua_pushboolean(L, 1);
    return 1;
  }
  lua_pushboolean(L, 0);
  lua_pushinteger(L, (lua_Integer)bad + 1);
  return 2;
}

static int l_lower(lua_State *L) { return transform(L, text_lower_str); }
static int l_upper(lua_State *L) { return transform(L, text_upper_str); }
static int l_nfc(lua_State *L) { return transform(L, text_nfc_str); }
static int l_strip(lua_State *L) { return transform(L, text_strip_str); }

/* pw.textutil.escape(s [, keep_lf]): s with its control characters shown
** as escapes (text_escape_str); any bytes, UTF-8 or not. */
static int l_escape(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  int keep_lf = lua_toboolean(L, 2);
  luaL_Buffer b;
  char *out = luaL_buffinitsize(L, &b, TEXT_ESCAPE_MAX(len));
  luaL_pushresultsize(&b, text_escape_str(s, len, keep_lf, out));
  return 1;
}

/* pw.textutil.nearest(word, words): the word of the list nearest to a
** mistyped one (suggest.h), or nil. */
#define NEAREST_MAX 256
static int l_nearest(lua_State *L) {
  const char *typed = luaL_checkstring(L, 1);
  const char *words[NEAREST_MAX];
  luaL_checktype(L, 2, LUA_TTABLE);
  size_t n = 0;
  for (lua_Integer i = 1; n < NEAREST_MAX; i++, n++) {
    if (lua_rawgeti(L, 2, i) != LUA_TSTRING) {
      lua_pop(L, 1);
      break;
    }
    words[n] = lua_tostring(L, -1); /* kept alive by the table */
    lua_pop(L, 1);
  }
  const char *near = suggest_nearest(typed, words, n);
  if (near == NULL)
    return 0;
  lua_pushstring(L, near);
  return 1;
}

void lua_text_register(lua_State *L) {
  static const luaL_Reg fns[] = {
    {"valid", l_valid}, {"lower", l_lower}, {"upper", l_upper},
    {"nfc", l_nfc}, {"strip", l_strip},
    {"escape", l_escape}, {"nearest", l_nearest}, {NULL, NULL}
  };
  luaL_newlib(L, fns);
  lua_setfield(L, -2, "textutil");
}
