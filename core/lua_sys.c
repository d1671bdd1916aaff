/*
** lua_sys.c: files, terminal, clock and plugin evaluation for scripts.
*/
#define _XOPEN_SOURCE 700
#include "lua_sys.h"

#include <dirent.h>
#include <limits.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <lauxlib.h>

#include "plugin.h"
#include "safefile.h"
#include "writable.h"

static pw_ctx *ctx_up(lua_State *L) {
  return lua_touserdata(L, lua_upvalueindex(1));
}

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

static int fail_with(lua_State *L, const char *path, const char *why) {
  luaL_pushfail(L);
  lua_pushfstring(L, "%s: %s", path, why);
  return 2;
}

static int fail_errno(lua_State *L, const char *path) {
  return fail_with(L, path, strerror(errno));
}

/* Process information (/proc/self/environ holds the SMTP password), the
** SMTP password file and the service's credentials are refused (see
** sandbox_unreadable); so is anything but a regular file (a FIFO would
** block, /dev/zero never end). */
static int l_read_file(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  char why[SAFEFILE_ERR_SIZE];
  const char *refused = sandbox_unreadable(path);
  if (refused)
    return fail_with(L, path, refused);
  FILE *f = safefile_fopen(path, why);
  if (f == NULL)
    return fail_with(L, path, why);
  luaL_Buffer b;
  char chunk[8192];
  size_t n;
  luaL_buffinit(L, &b);
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    luaL_addlstring(&b, chunk, n);
  int bad = ferror(f);
  fclose(f);
  if (bad)
    return fail_errno(L, path);
  luaL_pushresult(&b);
  size_t len;
  const char *text = lua_tolstring(L, -1, &len);
  if (sandbox_holds_secret(text, len)) {
    lua_pop(L, 1);
    return fail_with(L, path, SANDBOX_SECRET_REFUSED);
  }
  return 1;
}

/* Raise unless the run may write path (writable.h); resolved gets the
** path to write. */
static void check_writable(lua_State *L, const char *fn, const char *path,
                           char *resolved) {
  char err[PATH_MAX + 200];
  if (writable_check(ctx_up(L), path, resolved, err, sizeof err) != 0)
    luaL_error(L, "%s: %s", fn, err);
}

/* Written through a fresh temporary file, then renamed (safefile.h): a
** reader never sees half a file, and a planted link is never followed. */
static int l_write_file(lua_State *L) {
  size_t len;
  char resolved[PATH_MAX], why[SAFEFILE_ERR_SIZE];
  const char *path = luaL_checkstring(L, 1);
  const char *text = luaL_checklstring(L, 2, &len);
  check_writable(L, "write_file", path, resolved);
  if (safefile_replace(resolved, text, len, why) != 0)
    return fail_with(L, path, why);
  lua_pushboolean(L, 1);
  return 1;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names are collected in C first: the directory is closed before any Lua
** call that could raise. Hidden entries are skipped. */
static int l_list_dir(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  const char *refused = sandbox_unreadable(path);
  if (refused)
    return fail_with(L, path, refused);
  DIR *d = opendir(path);
  if (d == NULL)
    return fail_errno(L, path);
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 32;
      char **grown = realloc(names, cap * sizeof *names);
      if (grown == NULL)
        break;
      names = grown;
    }
    if ((names[n] = strdup(e->d_name)) != NULL)
      n++;
  }
  closedir(d);
  if (n > 1)
    qsort(names, n, sizeof *names, compare_names);
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    lua_pushstring(L, names[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
    free(names[i]);
  }
  free(names);
  return 1;
}

static int l_is_dir(lua_State *L) {
  struct stat st;
  lua_pushboolean(L, stat(luaL_checkstring(L, 1), &st) == 0 &&
                         S_ISDIR(st.st_mode));
  return 1;
}

/* mkdir(path): one folder (its parent must exist); an existing one is
** fine. Only where the run may write (writable.h). */
static int l_mkdir(lua_State *L) {
  char resolved[PATH_MAX];
  const char *path = luaL_checkstring(L, 1);
  check_writable(L, "mkdir", path, resolved);
  if (mkdir(resolved, 0755) != 0 && errno != EEXIST)
    return fail_errno(L, path);
  lua_pushboolean(L, 1);
  return 1;
}

static int l_exists(lua_State *L) {
  struct stat st;
  lua_pushboolean(L, stat(luaL_checkstring(L, 1), &st) == 0);
  return 1;
}

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

/*
** Today's date in an IANA zone, by switching TZ for one conversion. A cron
** run at 06:30 in Hà Nội is the previous day in UTC.
*/
/*
** Why zone cannot be a time zone name, or NULL when it can: an IANA name
** ("UTC", "Asia/Ho_Chi_Minh", "America/Argentina/Buenos_Aires") of letters,
** digits, '_', '+' and '-' in at most three parts of 1..30 characters, each
** starting with a letter (so no "..", no leading '/', no ':' that would make
** the C library read another file), naming a regular file under
** ZONEINFO_DIR. Anything else (a FIFO the library would block on, a
** directory) is refused before TZ is ever set to it.
*/
#define ZONEINFO_DIR "/usr/share/zoneinfo"
static const char *zone_problem(const char *zone, size_t len) {
  int parts = 1, run = 0;
  if (len == 0 || len > 64)
    return "a time zone name is 1 to 64 characters";
  for (size_t i = 0; i < len; i++) {
    char c = zone[i];
    int letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (c == '/') {
      if (run == 0 || ++parts > 3)
        return "not a time zone name like Asia/Ho_Chi_Minh";
      run = 0;
    } else if ((run == 0 && !letter) || run >= 30 ||
               !(letter || (c >= '0' && c <= '9') || c == '_' || c == '+' ||
                 c == '-')) {
      return "not a time zone name like Asia/Ho_Chi_Minh";
    } else {
      run++;
    }
  }
  if (run == 0)
    return "not a time zone name like Asia/Ho_Chi_Minh";
  char path[sizeof ZONEINFO_DIR + 80];
  struct stat st;
  snprintf(path, sizeof path, "%s/%s", ZONEINFO_DIR, zone);
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
    return "no such time zone in " ZONEINFO_DIR;
  return NULL;
}

/* pw.valid_zone(name): true, or false and why name is not a time zone. */
static int l_valid_zone(lua_State *L) {
  size_t len;
  const char *zone = luaL_checklstring(L, 1, &len);
  const char *why = strlen(zone) == len ? zone_problem(zone, len)
                                        : "not a time zone name";
  lua_pushboolean(L, why == NULL);
  if (why == NULL)
    return 1;
  lua_pushstring(L, why);
  return 2;
}

static int l_date_in(lua_State *L) {
  size_t zlen;
  const char *zone = luaL_checklstring(L, 1, &zlen);
  const char *why = strlen(zone) == zlen ? zone_problem(zone, zlen)
                                         : "not a time zone name";
  if (why != NULL)
    return luaL_argerror(L, 1, lua_pushfstring(L, "time zone: %s", why));
  char *old = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
  time_t now = time(NULL);
  struct tm tm;
  char buf[16];
  setenv("TZ", zone, 1);
  tzset();
  localtime_r(&now, &tm);
  if (old) setenv("TZ", old, 1); else unsetenv("TZ");
  tzset();
  free(old);
  strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  lua_pushstring(L, buf);
  return 1;
}

static int l_now(lua_State *L) {
  time_t now = time(NULL);
  struct tm tm;
  char buf[32];
  gmtime_r(&now, &tm);
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  lua_pushstring(L, buf);
  return 1;
}

static int l_clock(lua_State *L) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  lua_pushnumber(L, (double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
  return 1;
}

/* pw.plugin(path [, call, arg [, text]]): see plugin_call_source; with
** text, that text is run under the name path instead of the file. */
static int l_plugin(lua_State *L) {
  pw_ctx *ctx = ctx_up(L);
  const char *path = luaL_checkstring(L, 1);
  const char *call = luaL_optstring(L, 2, NULL);
  int arg = lua_isnoneornil(L, 3) ? 0 : 3;
  plugin_source src = { NULL, 0 };
  if (!lua_isnoneornil(L, 4))
    src.text = luaL_checklstring(L, 4, &src.len);
  const char *prelude =
      lua_pushfstring(L, "%s/scripts/lib/plugin_env.lua", ctx->home);
  return plugin_call_source(L, path, src.text ? &src : NULL, prelude,
                            &ctx->plugin_limits, call, arg) ? 1 : 2;
}

void lua_sys_register(lua_State *L, pw_ctx *ctx) {
  static const luaL_Reg fns[] = {
    {"out", l_out}, {"err", l_err}, {"read_file", l_read_file},
    {"write_file", l_write_file}, {"list_dir", l_list_dir},
    {"is_dir", l_is_dir}, {"exists", l_exists}, {"mkdir", l_mkdir}, {"isatty", l_isatty}, {"term_width", l_term_width},
    {"date_in", l_date_in}, {"valid_zone", l_valid_zone}, {"now", l_now}, {"clock", l_clock},
    {"plugin", l_plugin}, {NULL, NULL}
  };
  lua_pushlightuserdata(L, ctx);
  luaL_setfuncs(L, fns, 1);
}
