-- Reporting duties over time: which duty-periods exist up to a date, their
-- deadlines, and where each stands (received, overdue, due soon ...).
local calendar = require "calendar"
local due = require "due"
local json = require "json"
local world = require "world"

local duties = {}

local SOON_DAYS = 7 -- "due soon" when the deadline is this close

-- The period codes of one frequency in year y (pw.period.range).
local FIRST_LAST = { half = { "-H1", "-H2" }, quarter = { "-Q1", "-Q4" }, month = { "-01", "-12" } }
local function periods_of_year(every, y)
  if every == "9m" then return { y .. "-9M" } end
  local fl = FIRST_LAST[every]
  if not fl then return { tostring(y) } end
  return pw.period.range(y .. fl[1], y .. fl[2])
end

-- ---- dates as day numbers ----
--
-- Dates are compared and shifted as day numbers (pw.period.days, days since
-- 1970-01-01), with no os.time: no time zone and no system call per date.
-- Few distinct dates recur many times (one deadline per period for
-- thousands of units), so their day numbers are remembered.
local day_numbers = {}

-- The day number of a YYYY-MM-DD date.
local function day_number(date)
  local n = day_numbers[date]
  if not n then
    n = pw.period.days(date)
    day_numbers[date] = n
  end
  return n
end
duties.day_number = day_number

-- The YYYY-MM-DD date of a day number.
local date_of = pw.period.date
duties.date_of = date_of

-- Days between two YYYY-MM-DD dates (b - a).
local function days_between(a, b)
  return day_number(b) - day_number(a)
end
duties.days_between = days_between

-- The date n days after date (before it when n < 0).
-- The units a duty's report goes to (a stored row with to_unit and
-- to_units): every recipient gets the report. A submission records that
-- the unit made the report for the period, once, whatever the number of
-- recipients (plugins/README.md, "Several recipients").
function duties.recipients(d)
  if d.to_units then
    local ok, list = pcall(json.decode, d.to_units)
    if ok and type(list) == "table" and #list > 0 then return list end
  end
  return { d.to_unit }
end

-- The recipients as one text: "UBND_QT, BKHCN".
function duties.to_text(d)
  return table.concat(duties.recipients(d), ", ")
end

function duties.add_days(date, n)
  return date_of(day_number(date) + n)
end

-- ---- deadlines ----

-- Deadline of duty d for period p.
local function deadline(d, p, holidays)
  if d.due_day then return due.deadline(d.due_day, p, holidays) end -- a fixed day (due.lua)
  if d.cutoff == "nd09" then return pw.period.deadline(p, d.due_workdays, holidays) end
  local _, last = pw.period.bounds(p)
  return pw.period.workdays_after(last, d.due_workdays, holidays)
end

-- A deadline depends only on the period and the duty's rule (cut-off,
-- working days, fixed day): duties sharing a rule share one computation.
local function rule_of(d)
  return string.format("%s|%s|%s", d.cutoff, d.due_workdays, d.due_day)
end

-- The deadline of period p under the rule of d (a row of schedule, whose
-- rule it has noted), remembered for the run.
local function deadline_of(run, d, p)
  local k = d.rule .. "|" .. p
  local dl = run.deadlines[k]
  if not dl then
    dl = deadline(d, p, run.holidays)
    run.deadlines[k] = dl
  end
  return dl
end

-- Every period code of frequency `every` the schedule holds, in order, and
-- each code's position; one list per frequency.
local function periods_of(run, every)
  local ps = run.periods[every]
  if ps then return ps end
  local years_to = every == "once" and run.span_from or run.last_year
  ps = { list = {}, at = {} }
  for y = run.span_from, years_to do
    for _, p in ipairs(periods_of_year(every, y)) do
      ps.list[#ps.list + 1] = p
      ps.at[p] = #ps.list
    end
  end
  run.periods[every] = ps
  return ps
end

-- ---- windows ----
--
-- A deadline never moves back as the periods move forward (it is a fixed
-- day of the period's year, or a number of working days after the period's
-- end or cut-off), so the periods whose deadline falls in [first, last]
-- are one run of the list, found by two binary searches.

-- The first position in ps.list whose deadline is on or after day `bound`
-- (#list + 1 when none is).
local function first_from(run, d, ps, bound)
  local lo, hi = 1, #ps.list + 1
  while lo < hi do
    local mid = (lo + hi) // 2
    if day_number(deadline_of(run, d, ps.list[mid])) >= bound then hi = mid else lo = mid + 1 end
  end
  return lo
end

-- Positions lo..hi of the periods of d to build: all of them, or with a
-- window those whose deadline falls in it (hi < lo when none does).
local function span_of(run, d, ps)
  if not run.window then return 1, #ps.list end
  local first, last = run.window(d)
  if not first then return 1, 0 end
  local k = string.format("%s|%s|%s|%s", d.rule, d.every, first, last)
  local s = run.spans[k]
  if not s then
    s = { first_from(run, d, ps, day_number(first)), first_from(run, d, ps, day_number(last) + 1) - 1 }
    run.spans[k] = s
  end
  return s[1], s[2]
end

-- The positions outside lo..hi of d's periods received on or after
-- run.received_since, or nil when there are none.
local function extra_positions(run, d, ps, lo, hi)
  local recent = run.recent[d.code .. "|" .. d.unit]
  if not recent then return nil end
  local out, seen = {}, {}
  for _, p in ipairs(recent) do
    local i = ps.at[p]
    if i and (i < lo or i > hi) and not seen[i] then
      out[#out + 1], seen[i] = i, true
    end
  end
  return #out > 0 and out or nil
end

-- The positions of d's periods to build, in order.
local function positions(run, d, ps)
  local lo, hi = span_of(run, d, ps)
  local extra = extra_positions(run, d, ps, lo, hi)
  if not extra then return lo, hi end
  for i = lo, hi do extra[#extra + 1] = i end
  table.sort(extra)
  return 1, #extra, extra
end

-- ---- states ----

local function state_of(item, today)
  if item.received_at then
    return item.received_at:sub(1, 10) <= item.deadline and "received" or "received_late"
  end
  local left = days_between(today, item.deadline)
  if left < 0 then return "overdue" end
  if left == 0 then return "due_today" end
  if left <= SOON_DAYS then return "due_soon" end
  return "upcoming"
end

-- Received reports by "duty|unit|period", and with `since` the periods of
-- each "duty|unit" received on or after that date.
local function submissions(since)
  local by, recent = {}, {}
  for _, s in ipairs(pw.sql("SELECT duty, unit, period, received_at FROM submissions")) do
    by[s.duty .. "|" .. s.unit .. "|" .. s.period] = s.received_at
    if since and s.received_at and s.received_at:sub(1, 10) >= since then
      local k = s.duty .. "|" .. s.unit
      recent[k] = recent[k] or {}
      table.insert(recent[k], s.period)
    end
  end
  return by, recent
end

local function item_of(run, d, p)
  local item = { duty = d.code, unit = d.unit, to_unit = duties.to_text(d),
    to_units = duties.recipients(d), period = p,
    deadline = deadline_of(run, d, p), received_at = run.received[d.code .. "|" .. d.unit .. "|" .. p],
    title = d.title, title_en = d.title_en, unit_name = d.unit_name,
    unit_name_en = d.unit_name_en, email = d.email, remind = d.remind,
    escalate_after = d.escalate_after, escalate_to = d.escalate_to }
  item.state = state_of(item, run.today)
  item.days_left = days_between(run.today, item.deadline)
  return item
end

-- ---- the world over time ----
--
-- A duty-period belongs to the unit alive on its deadline (world.lua): an
-- ended unit's later periods pass to its successor, unless the successor
-- owes the same duty under its own row (then that row's period stands for
-- both), and are dropped when nobody succeeds it. A report recorded under
-- a predecessor's code counts for the period it names; one recorded under
-- the ended unit's code for a period nobody owes any more is kept as it is.

-- The receipt of duty code's period p (deadline dl) by unit, or by a unit
-- whose duty-period passed to it.
local function receipt(run, code, unit, p, dl)
  local r = run.received[code .. "|" .. unit .. "|" .. p]
  if r then return r end
  for _, pred in ipairs(run.world:predecessors(unit)) do
    r = run.received[code .. "|" .. pred .. "|" .. p]
    if r and run.world:heir(pred, dl, code) == unit then return r end
  end
end

-- Place an item in the world of its deadline; returns it, or nil to drop
-- it. Several ended units may pass the same duty-period to one successor:
-- it owes it once (run.placed), to a recipient that is not itself.
local function place(run, d, item)
  local w = run.world
  if w.empty then return item end
  local owner, prev = w:heir(d.unit, item.deadline, d.code)
  item.to_unit = w:heir(d.to_unit, item.deadline) or d.to_unit
  if owner ~= d.unit then
    local k = d.code .. "|" .. tostring(owner) .. "|" .. item.period
    if owner and (run.rows[d.code .. "|" .. owner] or run.placed[k]) then return nil end
    if not owner or owner == item.to_unit then return item.received_at and item or nil end
    run.placed[k] = true
    local u = w.units[owner] or {}
    item.unit, item.from_unit = owner, prev
    item.unit_name, item.unit_name_en, item.email = u.name, u.name_en, u.email
  end
  item.received_at = item.received_at or receipt(run, d.code, item.unit, item.period, item.deadline)
  if item.escalate_to and item.escalate_after then
    item.escalate_to = w:heir(item.escalate_to,
      date_of(day_number(item.deadline) + item.escalate_after))
  end
  item.state = state_of(item, run.today)
  return item
end

-- The unit whose duty row carries the report of duty code for period
-- that unit `unit` (alive or not) sends: its own row while it is alive on
-- the deadline; else the row whose duty-period passes to the unit standing
-- for it then (its successor). A report for an earlier period named by a
-- successor goes to the predecessor's row that was due then. Returns nil
-- when no row fits (the caller then reports the unit has no such duty).
function duties.row_unit(unit, code, period)
  local w = world.load()
  local p = pw.period.parse(period)
  if w.empty or not p then return nil end
  local rows = pw.sql([[SELECT code, unit, to_unit, cutoff, due_workdays, due_day FROM duties
    WHERE code = ? AND retired_at IS NULL ORDER BY unit]], code)
  local holidays = calendar.for_years(p.year, p.year + 1)
  local best, best_owner, best_until
  for _, r in ipairs(rows) do
    local ok, dl = pcall(deadline, r, p.code, holidays)
    if ok and dl then
      local owner = w:heir(r.unit, dl, code)
      local mine = w:heir(unit, dl, code)
      if owner and owner == mine then
        if r.unit == owner then return r.unit, owner end
        -- of the predecessors' rows, the one whose unit ended last
        local u = (w.units[r.unit] or {}).valid_until or ""
        if not best or u > best_until then best, best_owner, best_until = r.unit, owner, u end
      elseif not owner and not mine and r.unit == unit then
        return r.unit, nil
      end
    end
  end
  return best, best_owner
end

-- ---- checking a stored duty ----
--
-- The ranges a duty's fields must keep for the deadlines and reminder days
-- to be computed (plugin_env.lua refuses anything else at load; a row
-- stored by an older planwatch or written by SQL is checked again here).
local LIMITS = { workdays = 250, offset = 366, offsets = 20, escalate = 366 }
duties.LIMITS = LIMITS
local EVERY = { once = true, year = true, half = true, quarter = true, ["9m"] = true, month = true }
local CUTOFF = { nd09 = true, calendar = true }

local function int_in(v, lo, hi)
  return math.type(v) == "integer" and v >= lo and v <= hi
end

-- The reminder offsets of a duty's ladder (JSON text), or nil and why.
function duties.offsets(text)
  if text == nil then return {} end
  local ok, list = pcall(pw.json.decode, text)
  if not ok or type(list) ~= "table" or #list > LIMITS.offsets then
    return nil, "remind must be a list of at most " .. LIMITS.offsets .. " day offsets"
  end
  for _, o in ipairs(list) do
    if not int_in(math.tointeger(o), -LIMITS.offset, LIMITS.offset) then
      return nil, string.format("reminder offset %s is outside -%d..%d", tostring(o),
        LIMITS.offset, LIMITS.offset)
    end
  end
  return list
end

-- Why a duty row cannot be scheduled, or nil.
local function unfit(d)
  if not EVERY[d.every] then return "unknown frequency '" .. tostring(d.every) .. "'" end
  if not CUTOFF[d.cutoff] then return "unknown cut-off '" .. tostring(d.cutoff) .. "'" end
  if d.due_day ~= nil then
    local f = type(d.due_day) == "string" and due.decode(d.due_day) or {}
    local fits = f.after_end and f.after_end >= 1 and f.after_end <= 366
      or f.day and f.day:match("^%d%d%-%d%d$") and pw.valid_date("2024-" .. f.day)
    if not fits then
      return "due day '" .. tostring(d.due_day) .. "' is neither MM-DD nor +N (1..366)"
    end
  elseif not int_in(d.due_workdays, 1, LIMITS.workdays) then
    return string.format("due working days %s are outside 1..%d", tostring(d.due_workdays), LIMITS.workdays)
  end
  local _, why = duties.offsets(d.remind)
  if why then return why end
  if d.escalate_after ~= nil and not int_in(d.escalate_after, 0, LIMITS.escalate) then
    return string.format("escalate.after %s is outside 0..%d", tostring(d.escalate_after), LIMITS.escalate)
  end
  if type(d.title) ~= "string" or pw.out_module.escape(d.title) ~= d.title
    or (d.title_en and pw.out_module.escape(d.title_en) ~= d.title_en) then
    return "its title holds control characters"
  end
end

local warned = {}

-- Report a duty that is left out, once per run, naming its file.
local function skip(d, why)
  local k = tostring(d.source) .. "|" .. d.code
  if warned[k] then return end
  warned[k] = true
  pw.err(pw.out_module.escape(require("words").say("cli.warn.duty_left_out", tostring(d.source),
    d.code, why)), "\n")
end

-- Every duty-period of the active duties from the plan's first year to the
-- year of today (or the plan's last year, if earlier), with its deadline
-- and state, by duty, unit and period. opts: { today = date, plan = id,
-- unit = code, duty = code, window = function, received_since = date }.
-- Without plan, the first plan's (a database of one plan).
--
-- window(d), given a duty row, returns the first and last deadline
-- (YYYY-MM-DD) of the periods to build, or nothing to build none: a caller
-- that looks at a few days around today (remind) skips the whole history.
-- With it, received_since (a date) adds back the duty-periods received on
-- or after that day, wherever their deadline falls.
function duties.schedule(opts)
  local today = opts.today
  local plan = pw.sql([[SELECT id, span_from, span_to FROM plans
    WHERE retired_at IS NULL AND (?1 IS NULL OR id = ?1) ORDER BY id LIMIT 1]], opts.plan)[1]
  if not plan then return {} end
  local last_year = math.min(plan.span_to, tonumber(today:sub(1, 4)))
  local received, recent = submissions(opts.window and opts.received_since)
  local w = world.load()
  local run = { today = today, span_from = plan.span_from, last_year = last_year, world = w,
    holidays = calendar.for_years(plan.span_from, last_year, plan.id), received = received,
    recent = recent, window = opts.window, deadlines = {}, periods = {}, spans = {} }
  local rows = pw.sql([[SELECT d.code, d.unit, d.to_unit, d.to_units, d.title, d.title_en, d.every,
      d.cutoff, d.due_workdays, d.due_day, d.remind, d.escalate_after, d.escalate_to, d.source,
      u.name AS unit_name, u.name_en AS unit_name_en, u.email
    FROM duties d JOIN units u ON u.code = d.unit
    WHERE d.retired_at IS NULL AND (?1 IS NULL OR d.unit = ?1) AND (?2 IS NULL OR d.code = ?2)
      AND d.plan_id = ?3
    ORDER BY d.code, d.unit]], w.empty and opts.unit or nil, opts.duty, plan.id)
  run.rows, run.placed = {}, {}
  for _, r in ipairs(w.empty and {} or pw.sql("SELECT code, unit FROM duties WHERE retired_at IS NULL")) do
    run.rows[r.code .. "|" .. r.unit] = true
  end
  local items = {}
  for _, d in ipairs(rows) do
    local why = unfit(d)
    if why then
      skip(d, why)
    else
      d.rule = rule_of(d)
      local mine = {}
      local ok, err = pcall(function()
        local ps = periods_of(run, d.every)
        local lo, hi, list = positions(run, d, ps)
        for n = lo, hi do
          local it = place(run, d, item_of(run, d, ps.list[list and list[n] or n]))
          if it and (not opts.unit or it.unit == opts.unit) then mine[#mine + 1] = it end
        end
      end)
      if ok then
        table.move(mine, 1, #mine, #items + 1, items)
      else
        skip(d, tostring(err))
      end
    end
  end
  return items
end

-- The overdue duty-periods of a schedule, latest deadline first, as status
-- and the report list them.
function duties.overdue(items)
  local list = {}
  for _, it in ipairs(items) do
    if it.state == "overdue" then
      list[#list + 1] = { duty = it.duty, unit = it.unit, unit_name = pw.text(it, "unit_name"),
        period = it.period, deadline = it.deadline, days_overdue = -it.days_left }
    end
  end
  table.sort(list, function(a, b)
    if a.deadline ~= b.deadline then return a.deadline > b.deadline end
    return a.unit < b.unit
  end)
  return list
end

-- Reporting rates as DHIS2 defines them: expected = duty-periods due by
-- today; actual = those received; on time = received by the deadline.
-- by: "unit", "duty" or "period".
function duties.rates(items, by, today)
  local groups, order = {}, {}
  for _, it in ipairs(items) do
    if it.deadline <= today then
      local k = it[by]
      local g = groups[k]
      if not g then
        g = { [by] = k, expected = 0, actual = 0, on_time = 0 }
        groups[k], order[#order + 1] = g, k
      end
      g.expected = g.expected + 1
      if it.received_at then g.actual = g.actual + 1 end
      if it.state == "received" then g.on_time = g.on_time + 1 end
    end
  end
  table.sort(order)
  local out = {}
  for _, k in ipairs(order) do
    local g = groups[k]
    g.actual_rate = g.expected > 0 and math.floor(1000 * g.actual / g.expected + 0.5) / 10 or nil
    g.on_time_rate = g.expected > 0 and math.floor(1000 * g.on_time / g.expected + 0.5) / 10 or nil
    out[#out + 1] = g
  end
  return out
end

return duties
