/*
** lua_clock.c: time, dates in a zone and zone names (see lua_clock.h).
*/
#define _XOPEN_SOURCE 700
#include "lua_clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <lauxlib.h>


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

/*
** Today's date in an IANA zone, by switching TZ for one conversion. A cron
** run at 06:30 in Hà Nội is the previous day in UTC.
*/
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

void lua_clock_register(lua_State *L) {
  static const luaL_Reg fns[] = {
    {"date_in", l_date_in}, {"valid_zone", l_valid_zone}, {"now", l_now},
    {"clock", l_clock}, {NULL, NULL}
  };
  luaL_setfuncs(L, fns, 0);
}
