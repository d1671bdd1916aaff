/*
** lua_term.c: output and the terminal for scripts (see lua_term.h).
*/
#define _XOPEN_SOURCE 700
#include "lua_term.h"

#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <lauxlib.h>

static int write_all(lua_State *L, FILE *f) {
  int n = lua_gettop(L);
  for (int i = 1; i <= n; i++) {
    size_t len;
    const char *s = luaL_checklstring(L, i, &len);
    fwrite(s, 1, len, f);
  }
  return 0;
}

static int l_out(lua_State *L) { return write_all(L, stdout); }
static int l_err(lua_State *L) { return write_all(L, stderr); }

static int l_isatty(lua_State *L) {
  lua_pushboolean(L, isatty((int)luaL_checkinteger(L, 1)));
  return 1;
}

/* pw.term_width(): the columns of the terminal on stdout, or nil when
** stdout is no terminal (a pipe, a file: tables keep their full width). */
static int l_term_width(lua_State *L) {
  struct winsize ws;
  if (!isatty(1) || ioctl(1, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0)
    return 0;
  lua_pushinteger(L, ws.ws_col);
  return 1;
}

void lua_term_register(lua_State *L) {
  static const luaL_Reg fns[] = {
    {"out", l_out}, {"err", l_err}, {"isatty", l_isatty},
    {"term_width", l_term_width}, {NULL, NULL}
  };
  luaL_setfuncs(L, fns, 0);
}
