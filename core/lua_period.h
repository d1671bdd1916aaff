#ifndef PW_LUA_PERIOD_H
#define PW_LUA_PERIOD_H
/*
** lua_period: the period module for scripts, as pw.period. Periods travel as
** codes ("2025", "2025-H1", "2025-Q3", "2025-9M", "2025-07"); dates as
** "YYYY-MM-DD" strings.
**
**   parse(code)             -> {year=, kind=, num=, code=} | nil, message
**                              kind: "year" "half" "quarter" "9m" "month";
**                              num is 0 for "year" and "9m"
**   format(t)               -> the code of a table shaped as parse returns
**   next(code), prev(code)  -> the code of the next / previous period of
**                              the same kind
**   compare(a, b)           -> -1, 0, 1: by last day, then shortest first
**   range(from, to)         -> the codes from..to (same kind), {} if to < from
**   bounds(code)            -> first day, last day
**   cutoff(code)            -> the Decree 09 cut-off window: from, to
**   is_workday(date, holidays)       -> boolean
**   workdays_after(date, n, holidays) -> the n-th working day after date
**   deadline(code, n, holidays)       -> n working days after cutoff's end
**
** holidays is a list of rows {date = "YYYY-MM-DD", kind = "holiday" |
** "compensatory" | "workday"} (the `holidays` table's columns; other fields
** are ignored), at most PERIOD_CALENDAR_MAX (1024) of them, or nil for
** weekends only. n counts 1..PERIOD_WORKDAYS_MAX (3660) working days.
** Every bad argument raises an error that names it: "bad period '2025-13'".
*/
#include <lua.h>

/* Add the table `period` holding the functions above to the table on top
** of L. */
void lua_period_register(lua_State *L);

#endif
