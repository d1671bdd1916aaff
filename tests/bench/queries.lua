-- The analysts' four questions, each as SQL for planwatch's store (run
-- through pw.sql, and by the sqlite3 shell on the same file) and as SQL for
-- a naive table indicator_values(indicator, unit, period TEXT, value), the
-- shape `sqlite3 .import` makes of the CSV. The naive text is the same
-- question in the form that suits a table with no key: the year comes from
-- the period's text, and the latest value from SQLite's max() with a bare
-- column, which reads the table once.
--
-- duckdb: the same question for DuckDB's table (tests/bench/duckdb.js loads
-- it with a year column). yearly: the question answered from value_years,
-- the yearly aggregate the import keeps (core/yearly.h; none for question
-- 3, which needs each unit's latest value).
return {
  {
    name = "sum, avg, count by indicator and year",
    planwatch = [[
SELECT indicator, year, sum(value) AS total, avg(value) AS mean, count(*) AS n
FROM indicator_values GROUP BY indicator, year]],
    naive = [[
SELECT indicator, substr(period, 1, 4) AS year, sum(value) AS total,
  avg(value) AS mean, count(*) AS n
FROM indicator_values GROUP BY indicator, substr(period, 1, 4)]],
    duckdb = [[
SELECT indicator, year, sum(value) AS total, avg(value) AS mean, count(*) AS n
FROM indicator_values GROUP BY indicator, year]],
    yearly = [[
SELECT indicator, year, total, mean, n FROM value_years]],
  },
  {
    name = "units reporting by indicator and year",
    planwatch = [[
SELECT indicator, year, count(*) AS units
FROM (SELECT DISTINCT indicator, year, unit FROM indicator_values)
GROUP BY indicator, year]],
    naive = [[
SELECT indicator, year, count(*) AS units
FROM (SELECT DISTINCT indicator, substr(period, 1, 4) AS year, unit
      FROM indicator_values)
GROUP BY indicator, year]],
    duckdb = [[
SELECT indicator, year, count(DISTINCT unit) AS units
FROM indicator_values GROUP BY indicator, year]],
    yearly = [[
SELECT indicator, year, units FROM value_years]],
  },
  {
    -- values_unit (indicator, unit) holds each unit's periods in order: the
    -- latest is one step back from the end of its range.
    name = "latest value by indicator and unit",
    planwatch = [[
SELECT k.indicator, k.unit, v.period, v.value
FROM (SELECT DISTINCT indicator, unit FROM indicator_values) AS k
JOIN indicator_values AS v ON v.indicator = k.indicator AND v.unit = k.unit
  AND (v.year, v.ptype, v.pnum) = (SELECT year, ptype, pnum
    FROM indicator_values WHERE indicator = k.indicator AND unit = k.unit
    ORDER BY year DESC, ptype DESC, pnum DESC LIMIT 1)]],
    naive = [[
SELECT indicator, unit, max(period) AS period, value
FROM indicator_values GROUP BY indicator, unit]],
    duckdb = [[
SELECT indicator, unit, max(period) AS period, arg_max(value, period) AS value
FROM indicator_values GROUP BY indicator, unit]],
  },
  {
    name = "year-over-year growth by indicator (lag)",
    planwatch = [[
SELECT indicator, year, total,
  total / lag(total) OVER (PARTITION BY indicator ORDER BY year) - 1 AS growth
FROM (SELECT indicator, year, sum(value) AS total
      FROM indicator_values GROUP BY indicator, year)]],
    naive = [[
SELECT indicator, year, total,
  total / lag(total) OVER (PARTITION BY indicator ORDER BY year) - 1 AS growth
FROM (SELECT indicator, substr(period, 1, 4) AS year, sum(value) AS total
      FROM indicator_values GROUP BY indicator, substr(period, 1, 4))]],
    duckdb = [[
SELECT indicator, year, total,
  total / lag(total) OVER (PARTITION BY indicator ORDER BY year) - 1 AS growth
FROM (SELECT indicator, year, sum(value) AS total
      FROM indicator_values GROUP BY indicator, year)]],
    yearly = [[
SELECT indicator, year, total,
  total / lag(total) OVER (PARTITION BY indicator ORDER BY year) - 1 AS growth
FROM value_years]],
  },
}
