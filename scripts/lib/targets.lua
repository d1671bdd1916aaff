-- Target evaluation: for each active target, what it requires, where its
-- indicator stands on a given day and, while its window is open, where the
-- trend so far leads by the window's end. The method is described in
-- README.md ("Target status") and scripts/README.md.
--
-- Series are the plan's (indicators.lua: the issuer's value, else the sum
-- over units), read with GROUP BY in SQL; only periods that have started
-- by the day of evaluation count, so a run with an earlier --today sees
-- what could be known then.
local indicators = require "indicators"

local T = {}

-- A projection that misses by at most this share of the required value is
-- "at risk" rather than "off track".
T.AT_RISK_SHARE = 0.10

-- Comparisons allow a relative error of 1e-9, so that a rate computed as
-- 6.1999999999 meets ">= 6.2".
local function tol(x)
  return 1e-9 * math.max(1, math.abs(x))
end

-- Whether x meets op against lo (and hi for between, inclusive). For "~"
-- (approximately lo, "khoảng 45%"), hi is the tolerance: x meets it within
-- lo - hi .. lo + hi.
function T.meets(op, x, lo, hi)
  if op == "~" then return math.abs(x - lo) <= (hi or 0) + tol(lo) end
  if op == ">=" then return x >= lo - tol(lo) end
  if op == ">" then return x > lo + tol(lo) end
  if op == "<=" then return x <= lo + tol(lo) end
  if op == "<" then return x < lo - tol(lo) end
  if op == "=" then return math.abs(x - lo) <= tol(lo) end
  if op == "between" then return x >= lo - tol(lo) and x <= hi + tol(hi) end
  error("unknown target op '" .. tostring(op) .. "'", 0)
end

-- How far x falls short of op (negative: with room to spare) and the
-- required value the shortfall is measured against.
local function shortfall(op, x, lo, hi)
  if op == ">=" or op == ">" then return lo - x, lo end
  if op == "<=" or op == "<" then return x - lo, lo end
  if op == "=" then return math.abs(x - lo), lo end
  if op == "~" then return math.abs(x - lo) - (hi or 0), lo end
  return math.max(lo - x, x - hi), x < lo and lo or hi
end

-- The status of a projection: on_track, at_risk or off_track.
function T.judge(op, projected, lo, hi)
  if T.meets(op, projected, lo, hi) then return "on_track" end
  local gap, ref = shortfall(op, projected, lo, hi)
  if gap <= T.AT_RISK_SHARE * math.abs(ref) + tol(ref) then return "at_risk" end
  return "off_track"
end

-- The least-squares line through the points' (x, y(p)), as a function of
-- x; a single point (or a single x) gives a flat line at the mean.
local function trend(pts, y)
  local n, sx, sy, sxx, sxy = 0, 0, 0, 0, 0
  for _, p in ipairs(pts) do
    local v = y(p)
    n, sx, sy = n + 1, sx + p.x, sy + v
    sxx, sxy = sxx + p.x * p.x, sxy + p.x * v
  end
  local d = n * sxx - sx * sx
  if n < 2 or math.abs(d) < 1e-12 then
    local mean = sy / n
    return function() return mean end
  end
  local b = (n * sxy - sx * sy) / d
  local a = (sy - b * sx) / n
  return function(x) return a + b * x end
end

local function value(p) return p.value end

local function periods_of(pts)
  local list = {}
  for i, p in ipairs(pts) do list[i] = p.period end
  return list
end

-- Each rule reads what it needs and returns nil (no data) or
-- { actual=, years= (the period codes with data),
--   project = function(ty) -> the value projected at the window's end }.
-- t: the target with its indicator row (t.ind); q: the series query.
local rules = {}

-- last: the value of the last period with data in the window; projected
-- by the linear trend of the window's values at the window's end.
function rules.last(t, q)
  local pts = indicators.points(t.ind, q)
  if #pts == 0 then return nil end
  return { actual = pts[#pts].value, years = periods_of(pts),
    project = function() return trend(pts, value)(t.window_to) end }
end

-- The pace of a cumulative figure: total / elapsed years x window years.
-- Elapsed years run from the window's start to the last year whose figures
-- are due by the day of evaluation (the year before it), or to the last
-- period with data when that is later: a year that reported nothing counts
-- as elapsed, so stale figures do not keep an old pace alive.
local function pace(t, total, last_x, ty)
  local upto = math.max(last_x, math.min(t.window_to, ty - 1))
  local elapsed = upto - (t.window_from - 1)
  return total / elapsed * (t.window_to - t.window_from + 1)
end

-- sum: the cumulative sum over the window (a running total in SQL).
function rules.sum(t, q)
  local pts = indicators.points(t.ind, q)
  if #pts == 0 then return nil end
  local last = pts[#pts]
  return { actual = last.cumulative, years = periods_of(pts),
    project = function(ty) return pace(t, last.cumulative, last.x, ty) end }
end

-- distinct: the number of units that reported a value > 0 in the window.
-- The periods with such values and the units' first years come from the
-- key and values_unit (indicators.value_periods and first_years).
function rules.distinct(t, q)
  local ptype = indicators.PTYPE[t.ind.period] or 0
  local dq = { ptype = ptype, y0 = q.y0, y1 = q.y1, until_m = q.until_m, cache = q.cache,
    keep = q.keep }
  local periods = indicators.value_periods(t.ind, dq)
  if #periods == 0 then return nil end
  local units = 0
  for _, r in ipairs(indicators.first_years(t.ind, dq)) do units = units + r.units end
  local years = {}
  for i, r in ipairs(periods) do years[i] = indicators.period_code(r.year, ptype, r.pnum) end
  local last = periods[#periods]
  local last_x = indicators.position(last.year, ptype, last.pnum)
  return { actual = units, years = years,
    project = function(ty) return pace(t, units, last_x, ty) end }
end

-- cagr: average annual growth of the `of` indicator, in percent, from the
-- year before the window to the last year with data (at most the window's
-- end): (V_end / V_base)^(1 / years) - 1. Projected by the least-squares
-- line through the logarithms of the yearly values (a constant-growth
-- trend), taken at the window's end. Values <= 0 are left out.
function rules.cagr(t, q)
  if not t.of then error(t.indicator .. ": rule cagr needs `of`", 0) end
  q.ptype, q.y0 = 0, t.window_from - 1
  local pts = indicators.points(indicators.get(t.of, "targets"), q)
  local used, base = {}, nil
  for _, p in ipairs(pts) do
    if p.value > 0 and (base or p.year == q.y0) then
      base = base or p
      used[#used + 1] = p
    end
  end
  if #used < 2 then return nil end
  local last = used[#used]
  local function rate(v_end, years)
    return ((v_end / base.value) ^ (1 / years) - 1) * 100
  end
  return { actual = rate(last.value, last.year - base.year), years = periods_of(used),
    project = function()
      local ln = trend(used, function(p) return math.log(p.value) end)
      return rate(math.exp(ln(t.window_to)), t.window_to - base.year)
    end }
end

-- every_year: each year of the window must meet the target; actual is the
-- worst year. Projected: the worst of the years so far and of the linear
-- trend's values for the years left.
function rules.every_year(t, q)
  q.ptype = 0
  local pts = indicators.points(t.ind, q)
  if #pts == 0 then return nil end
  local lo, hi = t.value, t.value_high
  local function worst(a, b)
    if a == nil then return b end
    return shortfall(t.op, b, lo, hi) > shortfall(t.op, a, lo, hi) and b or a
  end
  local actual
  for _, p in ipairs(pts) do actual = worst(actual, p.value) end
  return { actual = actual, years = periods_of(pts),
    project = function()
      local line, w = trend(pts, value), actual
      for y = pts[#pts].year + 1, t.window_to do w = worst(w, line(y)) end
      return w
    end }
end

-- ---- statuses ----
--
-- The table "operator x situation -> status" of README.md ("Target
-- status") is this code. Cumulative rules (sum, distinct) only grow inside
-- a window, so what they have reached is final; level rules (last, cagr,
-- every_year) can move both ways, so only their projection is judged
-- while the window is open.
local CUMULATIVE = { sum = true, distinct = true }

-- Where x stands against the target: "below" its minimum, "inside", or
-- "above" its maximum (a cap's limit, a range's upper bound, an exact
-- value). >= and > have no maximum, <= and < no minimum.
function T.side(op, x, lo, hi)
  if T.meets(op, x, lo, hi) then return "inside" end
  if op == "<=" or op == "<" then return "above" end
  if op == ">=" or op == ">" then return "below" end
  return x < lo and "below" or "above"
end

-- The years from..to with no value among the period codes (a year counts
-- when any of its periods has one), in order.
function T.missing_years(periods, from, to)
  local seen, out = {}, {}
  for _, p in ipairs(periods) do seen[tonumber(p:sub(1, 4))] = true end
  for y = from, to do
    if not seen[y] then out[#out + 1] = y end
  end
  return out
end

local function has_year(periods, y)
  for _, p in ipairs(periods) do
    if tonumber(p:sub(1, 4)) == y then return true end
  end
  return false
end

-- Ops with a maximum as well as a minimum.
local BOUNDED = { between = true, ["="] = true, ["~"] = true }

-- A closed window on what is known: met, above a range, or missed.
local function closed(op, side)
  if side == "inside" then return "achieved" end
  if side == "above" and BOUNDED[op] then return "exceeded" end
  return "missed"
end

-- The status a value already makes final inside the window, or nil: a
-- cumulative figure that has reached a minimum (>=, >, between, =: it
-- can only grow, so the target is achieved) or passed a maximum (a range
-- or exact value: exceeded; a cap: missed); an every_year target whose
-- worst year fails (missed).
local function decided(op, rule, side)
  if rule == "every_year" then return side ~= "inside" and "missed" or nil end
  if not CUMULATIVE[rule] then return nil end
  if side == "above" then return closed(op, side) end
  if side == "inside" and op ~= "<=" and op ~= "<" then return "achieved" end
  return nil
end

-- The status of an open window from its projection, given where the
-- actual value stands.
local function open(r, rule, now)
  local op, lo, hi = r.op, r.required, r.required_high or r.tolerance
  local ahead = T.side(op, r.projected, lo, hi)
  if ahead == "inside" then return "on_track" end
  if CUMULATIVE[rule] and ahead == "above" and op ~= "<=" and op ~= "<" then
    return "on_track" -- below the minimum today, the pace passes it
  end
  if ahead == "above" and BOUNDED[op] then return "heading_above" end
  if now == "inside" and not CUMULATIVE[rule] then
    return "at_risk" -- a level that meets the target today, with a trend that leaves it
  end
  return T.judge(op, r.projected, lo, hi)
end

-- Set r.status (and r.tentative, r.awaiting for a closed window whose last
-- year has no value yet) on the evaluation year ty.
function T.classify(r, rule, ty)
  local now = T.side(r.op, r.actual, r.required, r.required_high or r.tolerance)
  local final = decided(r.op, rule, now)
  if ty > r.window_to then
    if final == "achieved" and BOUNDED[r.op] then
      final = nil -- the last year may still carry it above the range
    end
    if final then
      r.status = final
    elseif not has_year(r.years, r.window_to) then
      r.status, r.tentative, r.awaiting = "provisional", closed(r.op, now), r.window_to
    elseif rule == "every_year" and #r.missing > 0 then
      r.status = "missed"
    else
      r.status = closed(r.op, now)
    end
    return
  end
  r.status = final or open(r, rule, now)
end

-- Evaluate one target (a row of the targets query) on day (year, month);
-- cache, span and keep: see indicators.points.
-- A target set on an area that stopped existing (indicator area_until)
-- whose window runs to that day or past it is not comparable from that day
-- on: the values after it are another area's. Status not_comparable; the
-- value and the projection stay shown. A cumulative target (sum,
-- distinct) already met, passed or missed on the old area's values alone
-- keeps that status: later values cannot undo it.
local CUMULATIVE_FINAL = { achieved = true, exceeded = true, missed = true }
function T.area_check(r, t, today)
  if not t.area_until or today < t.area_until then return end
  if string.format("%04d-12-31", t.window_to) < t.area_until then return end
  if (t.rule == "sum" or t.rule == "distinct") and CUMULATIVE_FINAL[r.status] then
    local old_only = true
    for _, p in ipairs(r.years or {}) do
      local _, last = pw.period.bounds(p)
      if last >= t.area_until then old_only = false end
    end
    if old_only then return end
  end
  r.status, r.tentative, r.awaiting = "not_comparable", nil, nil
  r.area, r.area_until = t.area, t.area_until
end

local function evaluate_one(t, ty, tm, cache, span, keep, today)
  local r = { plan_id = t.plan_id, key = t.key, indicator = t.indicator,
    name = t.name, name_en = t.name_en, measure = t.measure, rule = t.rule,
    of = t.of, goal = t.goal, window_from = t.window_from, window_to = t.window_to,
    op = t.op, required = t.value, required_high = t.value_high, tolerance = t.tolerance,
    years = {} }
  local rule = rules[t.rule]
  local q = { y0 = t.window_from, y1 = t.window_to, until_m = ty * 12 + tm,
    cache = cache, span = span, keep = keep }
  local ok, res = pcall(function()
    if not rule then error("unknown rule '" .. tostring(t.rule) .. "'", 0) end
    return rule(t, q)
  end)
  if not ok then
    r.status, r.error = "no_data", tostring(res)
    return r
  end
  if res == nil then
    r.status = "no_data"
    T.area_check(r, t, today)
    return r
  end
  r.actual, r.years = res.actual, res.years
  r.missing = T.missing_years(res.years, t.rule == "cagr" and t.window_from - 1 or t.window_from,
    math.min(t.window_to, ty - 1))
  if ty <= t.window_to then r.projected = res.project(ty) end
  T.classify(r, t.rule, ty)
  T.area_check(r, t, today)
  return r
end

local OPTIONS = { today = true, indicator = true, plan = true }

-- Evaluate the active targets on opts.today (default pw.today()), all of
-- them or those of opts.indicator / opts.plan, ordered by window end.
-- cache (optional, a table): keeps the series read, for a caller that
-- draws them afterwards (indicators.points with q.cache and q.keep);
-- without it only the derived indicators' series are kept, while this
-- runs.
function T.evaluate(opts, cache)
  opts = opts or {}
  local words = require "words"
  if type(opts) ~= "table" then error(words.say("cli.api.not_table", "targets"), 0) end
  for k in pairs(opts) do
    if not OPTIONS[k] then error(words.say("cli.api.unknown_option", "targets", tostring(k)), 0) end
  end
  local today = opts.today or pw.today()
  if not pw.valid_date(today) then
    error(words.say("cli.api.bad_today", "targets", tostring(today)), 0)
  end
  if opts.indicator ~= nil then indicators.get(opts.indicator, "targets") end
  local ty, tm = tonumber(today:sub(1, 4)), tonumber(today:sub(6, 7))
  local rows = pw.sql([[SELECT t.plan_id, t.key, t.indicator, t.window_from,
      t.window_to, t.op, t.value, t.value_high, t.tolerance, t.goal, i.name, i.name_en,
      i.measure, i.rule, i.of, i.area, i.area_until
    FROM targets t JOIN indicators i ON i.code = t.indicator
      JOIN plans p ON p.id = t.plan_id
    WHERE t.retired_at IS NULL AND p.retired_at IS NULL
      AND (:indicator IS NULL OR t.indicator = :indicator)
      AND (:plan IS NULL OR t.plan_id = :plan)
    ORDER BY t.window_to, t.indicator, t.window_from]],
    { indicator = opts.indicator, plan = opts.plan })
  -- derived indicators are computed once over the years all windows need
  local span = { math.huge, -math.huge }
  for _, t in ipairs(rows) do
    span[1] = math.min(span[1], t.window_from - 1)
    span[2] = math.max(span[2], t.window_to)
  end
  local out, inds, keep = {}, {}, cache ~= nil
  cache = cache or {}
  for i, t in ipairs(rows) do
    inds[t.indicator] = inds[t.indicator] or indicators.get(t.indicator, "targets")
    t.ind = inds[t.indicator]
    out[i] = evaluate_one(t, ty, tm, cache, span, keep, today)
  end
  return out
end

return T
