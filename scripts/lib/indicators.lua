-- Indicator values as stored (one row per indicator, period and unit) and
-- the series read from them: a unit's own, or the plan's.
--
-- The plan's series of an indicator has, for each period, the value of the
-- plan's issuing unit (plans.issuer, e.g. UBND_YB) when that unit reported
-- one, else the sum over every unit that did. The issuer's figure is the
-- province's own; the sum stands in for it when only departments and
-- districts report counts. A ratio or rate (a growth in %, a share) does not
-- add up, so such an indicator must be reported by the issuer.
--
-- Every aggregation runs in SQL (GROUP BY on the indicator_values key);
-- Lua only sees one row per period.
local M = {}

-- period kind -> indicator_values.ptype (as core/period.h numbers them)
local PTYPE = { year = 0, half = 1, quarter = 2, ["9m"] = 3, month = 4 }
M.PTYPE = PTYPE

-- First and last month (1-12) of a row's period, from its ptype and pnum;
-- start_m(t): the first month of the row of table alias t.
local function start_m(t)
  t = t and t .. "." or ""
  return string.format("(CASE %sptype WHEN 1 THEN %spnum * 6 - 5 WHEN 2 THEN %spnum * 3 - 2"
    .. " WHEN 4 THEN %spnum ELSE 1 END)", t, t, t, t)
end
local START_M = start_m()
local END_M = "(CASE ptype WHEN 0 THEN 12 WHEN 1 THEN pnum * 6 WHEN 2 THEN pnum * 3"
  .. " WHEN 3 THEN 9 ELSE pnum END)"
M.START_M, M.END_M = START_M, END_M

-- Stop with the catalogue's text cli.api.<key> (words_cli.lua).
local function fail(key, ...)
  error(require("words").say("cli.api." .. key, ...), 0)
end

-- First and last month of a parsed period.
local function months(p)
  local k, n = p.kind, p.num
  if k == "half" then return n * 6 - 5, n * 6 end
  if k == "quarter" then return n * 3 - 2, n * 3 end
  if k == "month" then return n, n end
  if k == "9m" then return 1, 9 end
  return 1, 12
end

-- Where a period sits on a time axis in years: at its end, so that the
-- year 2025 is at 2025 and 2025-Q1 at 2024.25.
function M.position(year, ptype, pnum)
  local last = ({ [1] = pnum * 6, [2] = pnum * 3, [3] = 9, [4] = pnum })[ptype] or 12
  return year + last / 12 - 1
end

local function parse_period(code, what)
  local p, msg = pw.period.parse(tostring(code))
  if not p then error(what .. ": " .. tostring(msg), 0) end
  return p
end

local function check_keys(t, allowed, what)
  if t == nil then return {} end
  if type(t) ~= "table" then fail("not_table", what) end
  for k in pairs(t) do
    if not allowed[k] then fail("unknown_option", what, tostring(k)) end
  end
  return t
end

local function set(...)
  local s = {}
  for _, k in ipairs({ ... }) do s[k] = true end
  return s
end

-- The indicators row of code (retired ones too) with its plan's issuer;
-- an unknown code is an error that names it.
function M.get(code, what)
  if type(code) ~= "string" then
    fail("not_code", what or "pw.indicator", tostring(code))
  end
  local row = pw.sql([[SELECT i.*, p.issuer FROM indicators i
    LEFT JOIN plans p ON p.id = i.plan_id WHERE i.code = ?]], code)[1]
  if not row then fail("unknown_indicator", what or "pw.indicator", code) end
  return row
end

-- The code of a unit given by its code, an alias or its official name
-- (pw.unit: the rule every command follows), or by the code of a retired
-- unit, whose values stay to be read.
function M.unit_code(unit, what)
  local code, near = pw.unit(tostring(unit))
  if code then return code end
  if pw.sql("SELECT 1 AS x FROM units WHERE code = ?", tostring(unit))[1] then return tostring(unit) end
  fail("unknown_unit", what, tostring(unit),
    near and require("words").say("cli.submissions.did_you_mean", near) or "")
end

local function ptype_of(kind, what)
  local t = PTYPE[kind]
  if t == nil then
    fail("period_type", what, tostring(kind))
  end
  return t
end

-- SQL conditions and named parameters for a period range: rows whose
-- period lies between the first day of `from` and the last day of `to`.
local function range_where(from, to, what, where, params)
  if from ~= nil then
    local p = parse_period(from, what)
    params.from_year, params.from_m = p.year, p.year * 12 + months(p)
    where[#where + 1] = "year >= :from_year"
    where[#where + 1] = "year * 12 + " .. START_M .. " >= :from_m"
  end
  if to ~= nil then
    local p = parse_period(to, what)
    local _, last = months(p)
    params.to_year, params.to_m = p.year, p.year * 12 + last
    where[#where + 1] = "year <= :to_year"
    where[#where + 1] = "year * 12 + " .. END_M .. " <= :to_m"
  end
end

local VALUE_OPTS = set("indicator", "unit", "from", "to", "period_type")

-- The query and named parameters of pw.values(filter), for pw.sql or
-- pw.rows (the export streams it).
function M.values_query(filter, what)
  what = what or "pw.values"
  local f = check_keys(filter, VALUE_OPTS, what)
  local where, params = {}, {}
  if f.indicator ~= nil then
    params.indicator = M.get(f.indicator, what).code
    where[#where + 1] = "indicator = :indicator"
  end
  if f.unit ~= nil then
    params.unit = M.unit_code(f.unit, what)
    where[#where + 1] = "unit = :unit"
    if f.indicator == nil then
      -- values_unit is (indicator, unit): one seek per indicator
      where[#where + 1] = "indicator IN (SELECT code FROM indicators)"
    end
  end
  if f.period_type ~= nil then
    params.ptype = ptype_of(f.period_type, what)
    where[#where + 1] = "+ptype = :ptype" -- keeps the ORDER BY on the key
  end
  range_where(f.from, f.to, what, where, params)
  -- An imported row has no updated_at of its own: its time is that of the
  -- import's audit row (import_id).
  local sql = "SELECT indicator, unit, period, value, note, source,"
    .. " coalesce(updated_at, (SELECT at FROM audit WHERE id = import_id)) AS updated_at"
    .. " FROM indicator_values"
    .. (#where > 0 and " WHERE " .. table.concat(where, " AND ") or "")
    .. " ORDER BY indicator, year, ptype, pnum, unit"
  return sql, params
end

-- Stored values: rows { indicator, unit, period, value, note, source,
-- updated_at }, in key order.
function M.values(filter)
  return pw.sql(M.values_query(filter))
end

-- The code of a period from its parts: 2025, 2025-H1, 2025-Q3, 2025-9M,
-- 2025-07.
function M.period_code(year, ptype, pnum)
  if ptype == 1 then return year .. "-H" .. pnum end
  if ptype == 2 then return year .. "-Q" .. pnum end
  if ptype == 3 then return year .. "-9M" end
  if ptype == 4 then return string.format("%d-%02d", year, pnum) end
  return tostring(year)
end

-- A series reads every value of its indicator in the window, so the work
-- per row is kept small: the sum and the count per period in one query,
-- the issuer's own values in another (a few rows through values_unit), and
-- the period's code made once per period here rather than compared on
-- every row. Both follow the key (see series_where): SQLite groups by
-- (year, ptype, pnum) as it reads, without a sort.
local function totals_sql(where, by_indicator)
  local key = (by_indicator and "indicator, " or "") .. "year, ptype, pnum"
  return "SELECT " .. key .. ", sum(value) AS total, count(*) AS units"
    .. " FROM indicator_values WHERE " .. where
    .. " GROUP BY " .. key .. " ORDER BY year, ptype, pnum"
end

local function issuer_sql(where, by_indicator)
  return "SELECT " .. (by_indicator and "indicator, " or "") .. "year, ptype, pnum, value"
    .. " FROM indicator_values WHERE unit = :issuer AND " .. where
end

local function period_key(r)
  return (r.indicator or "") .. "|" .. r.year .. "|" .. r.ptype .. "|" .. r.pnum
end

-- One row per period (and indicator): { [indicator=,] year=, ptype=,
-- pnum=, period=, value=, units= } in period order, where value is the
-- issuer's (params.issuer) when it reported one, else the sum over units.
local function series_rows(where, params, by_indicator)
  local own = {}
  for _, r in ipairs(pw.sql(issuer_sql(where, by_indicator), params)) do
    own[period_key(r)] = r.value
  end
  local rows = pw.sql(totals_sql(where, by_indicator), params)
  for _, r in ipairs(rows) do
    local v = own[period_key(r)]
    r.value = v == nil and r.total or v
    r.period = M.period_code(r.year, r.ptype, r.pnum)
  end
  return rows
end

-- The years y0..y1 as an SQL list, or nil when they are not a short run of
-- whole years.
local MAX_LISTED_YEARS = 400
local function year_list(y0, y1)
  y0, y1 = math.tointeger(y0), math.tointeger(y1)
  if not y0 or not y1 or y1 < y0 or y1 - y0 >= MAX_LISTED_YEARS then return nil end
  local list = {}
  for y = y0, y1 do list[#list + 1] = y end
  return "(" .. table.concat(list, ", ") .. ")"
end

-- The period-type and year conditions of a window of years: with both
-- ends known, `year IN (y0, ..., y1) AND ptype = :ptype`, so that SQLite
-- seeks each (indicator, year, ptype) range of the key and reads no row of
-- another period type (a yearly series of a monthly indicator reads
-- nothing); grouping by (year, ptype, pnum) still follows the key. With a
-- range of years, the unary + keeps SQLite from treating ptype as a
-- constant and dropping it from the GROUP BY, which would then sort.
local function key_where(y0, y1, where, params)
  local years = year_list(y0, y1)
  if years then
    where[#where + 1] = "ptype = :ptype"
    where[#where + 1] = "year IN " .. years
    return
  end
  where[#where + 1] = "+ptype = :ptype"
  if y0 then params.y0 = y0; where[#where + 1] = "year >= :y0" end
  if y1 then params.y1 = y1; where[#where + 1] = "year <= :y1" end
end

-- The condition that a row's period started by the month until_m (year *
-- 12 + month); the test on its first month only runs for rows of
-- until_m's own year.
local function until_where(until_m, where, params)
  params.until_m, params.until_y = until_m, (until_m - 1) // 12
  where[#where + 1] = "(year < :until_y OR year * 12 + " .. START_M .. " <= :until_m)"
end

-- Conditions shared by a series and its derived inputs. q: { unit=,
-- ptype=, y0=, y1= (years), from=, to= (period codes), until_m= (periods
-- that started by that month: year * 12 + month) }.
local function series_where(q, params, what)
  local where = {}
  params.ptype = q.ptype
  key_where(q.y0, q.y1, where, params)
  if q.unit then
    params.unit = q.unit
    where[#where + 1] = "unit = :unit"
  end
  if q.until_m then until_where(q.until_m, where, params) end
  range_where(q.from, q.to, what, where, params)
  return table.concat(where, " AND ")
end

-- Formulas that could not run in this command (a limit tripped, the plugin
-- is missing or broken), by plugin path and code: the reason, given again
-- at once instead of running the formula again.
local broken = {}

-- A derived indicator's points: its formula, run in its plugin's sandbox
-- on every non-derived indicator of the plan over the periods of q.
local function derived_points(ind, q, what)
  local params = { plan = ind.plan_id, issuer = q.unit or ind.issuer }
  local where = series_where(q, params, what)
  local rows = series_rows(where .. [[ AND indicator IN (SELECT code
      FROM indicators WHERE plan_id = :plan AND derived = 0)]], params, true)
  local data, periods, at = {}, {}, {}
  for _, r in ipairs(rows) do
    data[r.indicator] = data[r.indicator] or {}
    data[r.indicator][r.period] = r.value
    if not at[r.period] then
      periods[#periods + 1] = r.period
      at[r.period] = r
    end
  end
  if #periods == 0 then return {} end
  local path = pw.opt.plugins .. "/" .. ind.source
  local key = path .. "\0" .. ind.code
  if broken[key] then error(broken[key], 0) end
  local values, msg = pw.plugin(path, "formula",
    { indicator = ind.code, periods = periods, data = data })
  if not values then
    broken[key] = require("words").say("cli.warn.formula", ind.code, msg)
    error(broken[key], 0)
  end
  local pts = {}
  for _, p in ipairs(periods) do
    if values[p] ~= nil then
      pts[#pts + 1] = { period = p, year = at[p].year, pnum = at[p].pnum, value = values[p] }
    end
  end
  return pts
end

-- A derived indicator's points for q. With q.cache and q.span = { first
-- year, last year }, the formula runs once over the span for all the
-- windows inside it (it reads every input indicator, so each run costs).
local function derived(ind, q, what)
  local wide = q
  if q.cache and q.span then
    wide = { ptype = q.ptype, unit = q.unit, y0 = q.span[1], y1 = q.span[2],
             from = q.from, to = q.to, until_m = q.until_m }
  end
  local key = table.concat({ ind.code, wide.ptype, tostring(wide.unit), tostring(wide.y0),
    tostring(wide.y1), tostring(wide.from), tostring(wide.to), tostring(wide.until_m) }, "|")
  local all = q.cache and q.cache[key]
  if not all then
    all = derived_points(ind, wide, what)
    if q.cache then q.cache[key] = all end
  end
  local pts, total = {}, 0
  for _, p in ipairs(all) do
    if (q.y0 == nil or p.year >= q.y0) and (q.y1 == nil or p.year <= q.y1) then
      total = total + p.value
      pts[#pts + 1] = { period = p.period, year = p.year, pnum = p.pnum, value = p.value,
                        cumulative = total }
    end
  end
  return pts
end

-- The points of an indicator row: { {period=, year=, pnum=, x=, value=,
-- cumulative=, units=}, ... } in period order (x: M.position), for the
-- query q (see series_where; q.ptype defaults to the indicator's declared
-- period type; q.cache and q.span: see derived). With q.cache and q.keep,
-- the points of any indicator are kept in the cache, and those of a query
-- already answered through it are reused: the progress report draws the
-- series its targets were evaluated on.
function M.points(ind, q, what)
  q.ptype = q.ptype or PTYPE[ind.period] or 0
  local pts
  if ind.derived == 1 then
    pts = derived(ind, q, what)
  else
    local key = q.cache and q.keep and table.concat({ "series", ind.code, tostring(ind.issuer),
      tostring(q.ptype), tostring(q.unit), tostring(q.y0), tostring(q.y1), tostring(q.from), tostring(q.to),
      tostring(q.until_m) }, "|")
    pts = key and q.cache[key]
    if not pts then
      local params = { indicator = ind.code, issuer = q.unit or ind.issuer }
      local where = series_where(q, params, what)
      pts = {}
      local total = 0
      for i, r in ipairs(series_rows("indicator = :indicator AND " .. where, params)) do
        total = total + r.value
        pts[i] = { period = r.period, year = r.year, pnum = r.pnum, value = r.value,
                   units = r.units, cumulative = total }
      end
      if key then q.cache[key] = pts end
    end
  end
  for _, p in ipairs(pts) do p.x = M.position(p.year, q.ptype, p.pnum) end
  return pts
end

-- The units that reported a value above 0 in a window, by the year of
-- their first such value: { {year=, units=} } in year order, for q = {
-- ptype=, y0=, y1=, until_m=, cache=, keep= }. The count of units up to a year is
-- the running sum (kept in q.cache with q.keep). It follows values_unit (indicator, unit, year, ptype,
-- pnum): one seek to each unit of the indicator, then that unit's entries
-- in year order, each checked for a value above 0 by one seek of its key,
-- up to the first that has one; rather than a DISTINCT over every value of
-- the indicator. The entries' own columns are all the search reads (and
-- the unary + keeps year and ptype from narrowing the primary key), so
-- SQLite takes values_unit even without statistics (ANALYZE).
function M.first_years(ind, q)
  local key = q.cache and q.keep and table.concat({ "first_years", ind.code, tostring(q.ptype),
    tostring(q.y0), tostring(q.y1), tostring(q.until_m) }, "|")
  if key and q.cache[key] then return q.cache[key] end
  local params = { indicator = ind.code, ptype = q.ptype, y0 = q.y0, y1 = q.y1,
    until_m = q.until_m, until_y = (q.until_m - 1) // 12 }
  local rows = pw.sql([[WITH RECURSIVE u(unit) AS (
      SELECT min(unit) FROM indicator_values WHERE indicator = :indicator
      UNION ALL
      SELECT (SELECT min(unit) FROM indicator_values WHERE indicator = :indicator
        AND unit > u.unit) FROM u WHERE u.unit IS NOT NULL),
    f(year) AS MATERIALIZED (
      SELECT (SELECT k.year FROM indicator_values k WHERE k.indicator = :indicator
        AND k.unit = u.unit AND +k.ptype = :ptype AND +k.year >= :y0 AND +k.year <= :y1
        AND (k.year < :until_y OR k.year * 12 + ]] .. start_m("k") .. [[ <= :until_m)
        AND EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator = k.indicator
          AND v.year = k.year AND v.ptype = k.ptype AND v.pnum = k.pnum AND v.unit = k.unit
          AND v.value > 0)
        ORDER BY k.year LIMIT 1)
      FROM u WHERE u.unit IS NOT NULL)
    SELECT year, count(*) AS units FROM f WHERE year IS NOT NULL
    GROUP BY year ORDER BY year]], params)
  if key then q.cache[key] = rows end
  return rows
end

-- The periods of a window with a value above 0 (as first_years counts
-- them): { {year=, pnum=} } in period order. Each period of the key is
-- found by a seek (the next pnum of the year), then checked by reading its
-- values up to the first one above 0, rather than grouping every value.
function M.value_periods(ind, q)
  local params = { indicator = ind.code, ptype = q.ptype, y0 = q.y0, y1 = q.y1 }
  local where = { "value > 0" }
  until_where(q.until_m, where, params)
  return pw.sql([[WITH RECURSIVE ys(y) AS (
      SELECT :y0 WHERE :y0 <= :y1 UNION ALL SELECT y + 1 FROM ys WHERE y < :y1),
    p(y, n) AS (
      SELECT y, (SELECT min(pnum) FROM indicator_values WHERE indicator = :indicator
        AND year = ys.y AND ptype = :ptype) FROM ys
      UNION ALL
      SELECT y, (SELECT min(pnum) FROM indicator_values WHERE indicator = :indicator
        AND year = p.y AND ptype = :ptype AND pnum > p.n) FROM p WHERE n IS NOT NULL)
    SELECT y AS year, n AS pnum FROM p WHERE n IS NOT NULL
      AND EXISTS (SELECT 1 FROM indicator_values WHERE indicator = :indicator
        AND year = p.y AND ptype = :ptype AND pnum = p.n AND ]] .. table.concat(where, " AND ")
      .. [[)
    ORDER BY y, n]], params)
end

local SERIES_OPTS = set("unit", "period_type", "from", "to")

-- A series as a list of { period=, value= } in period order that can also
-- be indexed by period: s["2024"] (or s[2024] for a year) is that value.
function M.series(code, opts)
  local what = "series"
  local ind = M.get(code, what)
  opts = check_keys(opts, SERIES_OPTS, what)
  local q = { from = opts.from, to = opts.to }
  if opts.unit ~= nil then q.unit = M.unit_code(opts.unit, what) end
  if opts.period_type ~= nil then q.ptype = ptype_of(opts.period_type, what) end
  local list, by_period = {}, {}
  for i, p in ipairs(M.points(ind, q, what)) do
    list[i] = { period = p.period, value = p.value }
    by_period[p.period] = p.value
  end
  return setmetatable(list, { __index = function(_, k)
    if type(k) == "string" then return by_period[k] end
    if math.type(k) == "integer" and k >= 1000 then return by_period[tostring(k)] end
  end })
end

-- pw.indicator(code): the indicator's row with methods.
local Indicator = {}
Indicator.__index = Indicator

function Indicator:values(filter)
  local f = {}
  for k, v in pairs(check_keys(filter, set("unit", "from", "to", "period_type"), "values")) do
    f[k] = v
  end
  f.indicator = self.code
  return pw.sql(M.values_query(f, "values"))
end

function Indicator:series(opts)
  return M.series(self.code, opts)
end

-- Through the pw API (pw.lua loads targets.lua, which builds on this
-- module), so that indicators and targets do not require each other.
function Indicator:status(opts)
  opts = check_keys(opts, set("today"), "status")
  return pw.targets({ today = opts.today, indicator = self.code })
end

function M.object(code)
  local row = M.get(code)
  row.issuer = nil
  return setmetatable(row, Indicator)
end

return M
