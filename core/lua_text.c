/*
** lua_text.c: pw.textutil, the text module's Lua binding.
*/
#include "lua_text.h"

#include <lauxlib.h>

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

void lua_text_register(lua_State *L) {
  static const luaL_Reg fns[] = {
    {"valid", l_valid}, {"lower", l_lower}, {"upper", l_upper},
    {"nfc", l_nfc}, {"strip", l_strip},
    {"escape", l_escape}, {NULL, NULL}
  };
  luaL_newlib(L, fns);
  lua_setfield(L, -2, "textutil");
}
