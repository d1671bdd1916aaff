#ifndef PW_YEARLY_H
#define PW_YEARLY_H
/*
** yearly: value_years, the yearly aggregate of indicator_values, so that
** questions by indicator and year (sums, means, counts, units reporting,
** year-over-year growth) read one row per indicator and year instead of
** every value.
**
**   value_years_kept (indicator, year, total, n, lo, hi, units): the
**       aggregate as of the last import: the sum, number, smallest and
**       largest of the year's values (every period kind together) and the
**       number of units that reported one.
**   value_years_dirty (indicator, year): pairs written since by anything
**       other than the import (a script's pw.exec), listed by triggers on
**       indicator_values.
**   value_years (a view): what analysts read, always current: the kept
**       rows of clean pairs, the dirty pairs computed from the values, with
**       mean = total / n.
**
** The import drops the triggers around its own write, lists the pairs it
** wrote as dirty, and refreshes every dirty pair (yearly_refresh), all in
** its transaction. Schema: store.c, migration 4.
*/
#include <sqlite3.h>

/* The triggers that list the pairs other writes touch. */
#define YEARLY_TRIGGERS                                                      \
  "CREATE TRIGGER value_years_ins AFTER INSERT ON indicator_values BEGIN"    \
  "  INSERT OR IGNORE INTO value_years_dirty VALUES (new.indicator, new.year);" \
  " END;"                                                                    \
  "CREATE TRIGGER value_years_upd AFTER UPDATE OF indicator, year, unit, value" \
  " ON indicator_values BEGIN"                                               \
  "  INSERT OR IGNORE INTO value_years_dirty VALUES (old.indicator, old.year);" \
  "  INSERT OR IGNORE INTO value_years_dirty VALUES (new.indicator, new.year);" \
  " END;"                                                                    \
  "CREATE TRIGGER value_years_del AFTER DELETE ON indicator_values BEGIN"    \
  "  INSERT OR IGNORE INTO value_years_dirty VALUES (old.indicator, old.year);" \
  " END;"

#define YEARLY_DROP_TRIGGERS                                                 \
  "DROP TRIGGER IF EXISTS value_years_ins;"                                  \
  "DROP TRIGGER IF EXISTS value_years_upd;"                                  \
  "DROP TRIGGER IF EXISTS value_years_del;"

/* The aggregate's columns over indicator_values v, grouped by indicator
** and year. */
#define YEARLY_COLUMNS                                                       \
  "sum(v.value), count(*), min(v.value), max(v.value), count(DISTINCT v.unit)"

/* Refresh the kept rows of every dirty pair from the values (a pair with
** no values left loses its row) and clear the list. 0, or an SQLite
** error code. Run it inside the writer's transaction. */
int yearly_refresh(sqlite3 *db);

/* List (indicator, year) as dirty; st is prepared from YEARLY_MARK_SQL. */
#define YEARLY_MARK_SQL "INSERT OR IGNORE INTO value_years_dirty VALUES (?1, ?2)"

#endif
