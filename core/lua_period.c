/*
** lua_period.c: pw.period, the period module's Lua binding.
*/
#include "lua_period.h"

#include <lauxlib.h>

#include "period.h"

#define PERIOD_FORMS "YYYY, YYYY-H1..H2, YYYY-Q1..Q4, YYYY-9M or YYYY-MM"

/* ---- arguments in, values out ---- */

static period check_period(lua_State *L, int arg) {
  const char *s = luaL_checkstring(L, arg);
  period p = { 0, PERIOD_YEAR, 0 };
  if (period_parse(s, &p) != 0)
    luaL_argerror(L, arg, lua_pushfstring(L, "bad period '%s': expected "
                                             PERIOD_FORMS, s));
  return p;
}

static period_date check_date(lua_State *L, int arg) {
  const char *s = luaL_checkstring(L, arg);
  period_date d = { 0, 0, 0 };
  if (period_date_parse(s, &d) != 0)
    luaL_argerror(L, arg, lua_pushfstring(L, "bad date '%s': expected "
                                             "YYYY-MM-DD", s));
  return d;
}

static int check_workdays(lua_State *L, int arg) {
  lua_Integer n = luaL_checkinteger(L, arg);
  if (n < 1 || n > PERIOD_WORKDAYS_MAX)
    luaL_argerror(L, arg, lua_pushfstring(L, "working days must be 1..%d, "
                                             "not %I", PERIOD_WORKDAYS_MAX, n));
  return (int)n;
}

static void push_period(lua_State *L, const period *p) {
  char code[PERIOD_CODE_SIZE];
  period_format(p, code, sizeof code);
  lua_pushstring(L, code);
}

static void push_date(lua_State *L, period_date d) {
  char buf[PERIOD_DATE_SIZE];
  period_date_format(d, buf, sizeof buf);
  lua_pushstring(L, buf);
}

/* Push the string field of the row at index row, or raise naming it. */
static const char *row_string(lua_State *L, int arg, lua_Integer i, int row,
                              const char *field) {
  if (lua_getfield(L, row, field) != LUA_TSTRING)
    luaL_argerror(L, arg, lua_pushfstring(L, "holidays[%I].%s must be a "
                                             "string", i, field));
  return lua_tostring(L, -1);
}

/* Add row i (on top of the stack) to cal; the stack is left as found. */
static void add_row(lua_State *L, int arg, lua_Integer i,
                    period_calendar *cal) {
  int row = lua_gettop(L);
  period_date d;
  period_day_kind kind;
  const char *date = row_string(L, arg, i, row, "date");
  const char *name = row_string(L, arg, i, row, "kind");
  if (period_date_parse(date, &d) != 0)
    luaL_argerror(L, arg, lua_pushfstring(L, "holidays[%I]: bad date '%s': "
                                             "expected YYYY-MM-DD", i, date));
  if (period_day_kind_parse(name, &kind) != 0)
    luaL_argerror(L, arg, lua_pushfstring(L, "holidays[%I]: bad kind '%s': "
                                             "expected holiday, compensatory "
                                             "or workday", i, name));
  int rc = period_calendar_add(cal, d, kind);
  if (rc == -2)
    luaL_argerror(L, arg, lua_pushfstring(L, "holidays[%I]: %s is listed "
                                             "twice with different kinds",
                                          i, date));
  if (rc != 0)
    luaL_argerror(L, arg, lua_pushfstring(L, "more than %d holidays",
                                          PERIOD_CALENDAR_MAX));
  lua_pop(L, 2);
}

/* Fill cal from the holidays list at arg; nil or none means weekends only. */
static void check_calendar(lua_State *L, int arg, period_calendar *cal) {
  period_calendar_init(cal);
  if (lua_isnoneornil(L, arg))
    return;
  luaL_checktype(L, arg, LUA_TTABLE);
  lua_Integer n = luaL_len(L, arg);
  for (lua_Integer i = 1; i <= n; i++) {
    if (lua_geti(L, arg, i) != LUA_TTABLE)
      luaL_argerror(L, arg, lua_pushfstring(L, "holidays[%I] must be a "
                                               "table {date=, kind=}", i));
    add_row(L, arg, i, cal);
    lua_pop(L, 1);
  }
}

/* ---- the functions ---- */

static int l_parse(lua_State *L) {
  const char *s = luaL_checkstring(L, 1);
  period p;
  if (period_parse(s, &p) != 0) {
    luaL_pushfail(L);
    lua_pushfstring(L, "bad period '%s': expected " PERIOD_FORMS, s);
    return 2;
  }
  lua_createtable(L, 0, 4);
  lua_pushinteger(L, p.year);
  lua_setfield(L, -2, "year");
  lua_pushstring(L, period_kind_name(p.kind));
  lua_setfield(L, -2, "kind");
  lua_pushinteger(L, p.num);
  lua_setfield(L, -2, "num");
  push_period(L, &p);
  lua_setfield(L, -2, "code");
  return 1;
}

/* An integer field of the table at index 1; absent reads as 0. */
static lua_Integer field_int(lua_State *L, const char *field) {
  int isnum;
  lua_getfield(L, 1, field);
  lua_Integer v = lua_tointegerx(L, -1, &isnum);
  if (!isnum && !lua_isnil(L, -1))
    luaL_argerror(L, 1, lua_pushfstring(L, "field '%s' must be an integer",
                                        field));
  lua_pop(L, 1);
  return v;
}

static int l_format(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  period p;
  lua_getfield(L, 1, "kind");
  const char *kind = lua_tostring(L, -1);
  if (lua_type(L, -1) != LUA_TSTRING || period_kind_parse(kind, &p.kind) != 0)
    return luaL_argerror(L, 1, "field 'kind' must be year, half, quarter, "
                               "9m or month");
  lua_Integer year = field_int(L, "year"), num = field_int(L, "num");
  p.year = year >= PERIOD_YEAR_MIN && year <= PERIOD_YEAR_MAX ? (int)year : 0;
  p.num = num >= 0 && num <= 12 ? (int)num : -1;
  if (!period_valid(&p))
    return luaL_argerror(L, 1, lua_pushfstring(L, "no %s period with year %I "
                                                  "and num %I", kind, year,
                                               num));
  push_period(L, &p);
  return 1;
}

static int l_step(lua_State *L, int (*step)(const period *, period *)) {
  period p = check_period(L, 1);
  if (step(&p, &p) != 0)
    return luaL_argerror(L, 1, lua_pushfstring(L, "no period beyond '%s' "
                                                  "(years %d..%d)",
                                               lua_tostring(L, 1),
                                               PERIOD_YEAR_MIN,
                                               PERIOD_YEAR_MAX));
  push_period(L, &p);
  return 1;
}

static int l_next(lua_State *L) { return l_step(L, period_next); }
static int l_prev(lua_State *L) { return l_step(L, period_prev); }

static int l_compare(lua_State *L) {
  period a = check_period(L, 1), b = check_period(L, 2);
  int c = period_compare(&a, &b);
  lua_pushinteger(L, (c > 0) - (c < 0));
  return 1;
}

static int l_range(lua_State *L) {
  period p = check_period(L, 1), last = check_period(L, 2);
  if (p.kind != last.kind)
    return luaL_argerror(L, 2, lua_pushfstring(L, "'%s' is not of the same "
                                                  "kind as '%s'",
                                               lua_tostring(L, 2),
                                               lua_tostring(L, 1)));
  lua_newtable(L);
  for (lua_Integer i = 1; period_compare(&p, &last) <= 0; i++) {
    push_period(L, &p);
    lua_rawseti(L, -2, i);
    if (period_next(&p, &p) != 0)
      break;
  }
  return 1;
}

static int l_bounds(lua_State *L) {
  period p = check_period(L, 1);
  push_date(L, period_start(&p));
  push_date(L, period_end(&p));
  return 2;
}

static int l_cutoff(lua_State *L) {
  period p = check_period(L, 1);
  period_date from, to;
  period_cutoff(&p, &from, &to);
  push_date(L, from);
  push_date(L, to);
  return 2;
}

static int l_is_workday(lua_State *L) {
  period_date d = check_date(L, 1);
  period_calendar cal;
  check_calendar(L, 2, &cal);
  lua_pushboolean(L, period_is_workday(&cal, d));
  return 1;
}

static int l_workdays_after(lua_State *L) {
  period_date d = check_date(L, 1), out;
  int n = check_workdays(L, 2);
  period_calendar cal;
  check_calendar(L, 3, &cal);
  period_add_workdays(&cal, d, n, &out);
  push_date(L, out);
  return 1;
}

static int l_deadline(lua_State *L) {
  period p = check_period(L, 1);
  period_date out;
  int n = check_workdays(L, 2);
  period_calendar cal;
  check_calendar(L, 3, &cal);
  period_deadline(&cal, &p, n, &out);
  push_date(L, out);
  return 1;
}

/* Days since 1970-01-01 of a date, and back: date arithmetic for scripts
** without os.time (no time zone, no system call). */
static int l_days(lua_State *L) {
  lua_pushinteger(L, period_date_days(check_date(L, 1)));
  return 1;
}

static int l_date(lua_State *L) {
  lua_Integer n = luaL_checkinteger(L, 1);
  period_date d = { 0, 0, 0 };
  if (n > -1000000 && n < 1000000) /* beyond every valid year, no overflow */
    d = period_date_from_days((long)n);
  if (!period_date_valid(d))
    return luaL_argerror(L, 1, "the day is outside the years planwatch knows");
  push_date(L, d);
  return 1;
}

void lua_period_register(lua_State *L) {
  static const luaL_Reg fns[] = {
    {"parse", l_parse}, {"format", l_format}, {"next", l_next},
    {"prev", l_prev}, {"compare", l_compare}, {"range", l_range},
    {"bounds", l_bounds}, {"cutoff", l_cutoff}, {"is_workday", l_is_workday},
    {"workdays_after", l_workdays_after}, {"deadline", l_deadline},
    {"days", l_days}, {"date", l_date},
    {NULL, NULL}
  };
  luaL_newlib(L, fns);
  lua_setfield(L, -2, "period");
}
