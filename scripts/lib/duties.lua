-- Reporting duties over time: which duty-periods exist up to a date, their
-- deadlines, and where each stands (received, overdue, due soon ...).
local calendar = require "calendar"

local duties = {}

local SOON_DAYS = 7 -- "due soon" when the deadline is this close

-- The period codes of one frequency in year y.
local function periods_of_year(every, y)
  if every == "year" or every == "once" then return { tostring(y) } end
  if every == "9m" then return { y .. "-9M" } end
  if every == "half" then return { y .. "-H1", y .. "-H2" } end
  if every == "quarter" then return { y .. "-Q1", y .. "-Q2", y .. "-Q3", y .. "-Q4" } end
  local months = {}
  for m = 1, 12 do months[m] = string.format("%d-%02d", y, m) end
  return months
end

-- Days between two YYYY-MM-DD dates (b - a).
local function days_between(a, b)
  local function t(d)
    local y, m, dd = d:match("^(%d+)-(%d+)-(%d+)$")
    return os.time({ year = tonumber(y), month = tonumber(m), day = tonumber(dd), hour = 12 })
  end
  return math.floor((t(b) - t(a)) / 86400 + 0.5)
end
duties.days_between = days_between

-- Deadline of duty d for period p.
local function deadline(d, p, holidays)
  local year = tonumber(p:sub(1, 4))
  if d.due_day then return string.format("%04d-%s", year, d.due_day) end
  if d.cutoff == "nd09" then return pw.period.deadline(p, d.due_workdays, holidays) end
  local _, last = pw.period.bounds(p)
  return pw.period.workdays_after(last, d.due_workdays, holidays)
end

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

local function submissions()
  local by = {}
  for _, s in ipairs(pw.sql("SELECT duty, unit, period, received_at FROM submissions")) do
    by[s.duty .. "|" .. s.unit .. "|" .. s.period] = s.received_at
  end
  return by
end

-- Every duty-period of the active duties from the plan's first year to the
-- year of today (or the plan's last year, if earlier), with its deadline
-- and state. opts: { today = date, unit = code, duty = code }.
function duties.schedule(opts)
  local today = opts.today
  local plan = pw.sql("SELECT span_from, span_to FROM plans WHERE retired_at IS NULL LIMIT 1")[1]
  if not plan then return {} end
  local last_year = math.min(plan.span_to, tonumber(today:sub(1, 4)))
  local holidays = calendar.for_years(plan.span_from, last_year)
  local received = submissions()
  local rows = pw.sql([[SELECT d.code, d.unit, d.to_unit, d.title, d.title_en, d.every,
      d.cutoff, d.due_workdays, d.due_day, d.remind, d.escalate_after, d.escalate_to,
      u.name AS unit_name, u.name_en AS unit_name_en, u.email
    FROM duties d JOIN units u ON u.code = d.unit
    WHERE d.retired_at IS NULL AND (?1 IS NULL OR d.unit = ?1) AND (?2 IS NULL OR d.code = ?2)
    ORDER BY d.code, d.unit]], opts.unit, opts.duty)
  local items, deadlines = {}, {}
  for _, d in ipairs(rows) do
    local years_to = d.every == "once" and plan.span_from or last_year
    for y = plan.span_from, years_to do
      for _, p in ipairs(periods_of_year(d.every, y)) do
        local dk = d.code .. "|" .. p
        deadlines[dk] = deadlines[dk] or deadline(d, p, holidays)
        local item = { duty = d.code, unit = d.unit, to_unit = d.to_unit, period = p,
          deadline = deadlines[dk], received_at = received[d.code .. "|" .. d.unit .. "|" .. p],
          title = d.title, title_en = d.title_en, unit_name = d.unit_name,
          unit_name_en = d.unit_name_en, email = d.email, remind = d.remind,
          escalate_after = d.escalate_after, escalate_to = d.escalate_to }
        item.state = state_of(item, today)
        item.days_left = days_between(today, item.deadline)
        items[#items + 1] = item
      end
    end
  end
  return items
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
