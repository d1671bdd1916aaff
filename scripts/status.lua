-- planwatch status: the plan as loaded, its targets, tasks per department
-- and reporting duties, for --today.
local json = require "json"
local schedule = require "duties"
local T = require "report_text"
local facts = require "report_facts"
local formats = require "formats"
local words = require "words"
local world = require "world"

local usage = require("words").say("usage.status")

local opts = pw.parse_args(pw.args, { plan = "value" }, usage, 0)
if opts.help then return 0 end

local W = T.words(pw.opt.lang)
local S = words.of("status")

local plan_id, all_plans = require("plans").choose(opts.plan, "status", true)
local today = pw.today()

-- Several plans and no --plan: one line per plan, what each holds and
-- how many of its reports are overdue.
local function summary()
  local rows = {}
  for _, p in ipairs(all_plans) do
    local count = pw.sql([[SELECT
      (SELECT count(*) FROM targets WHERE plan_id = ?1 AND retired_at IS NULL) AS targets,
      (SELECT count(*) FROM tasks WHERE plan_id = ?1 AND retired_at IS NULL) AS tasks,
      (SELECT count(DISTINCT code) FROM duties WHERE plan_id = ?1 AND retired_at IS NULL) AS duties]],
      p.id)[1]
    rows[#rows + 1] = { plan = p.id, number = p.number, title = pw.text(p, "title"),
      span = p.span_from .. "–" .. p.span_to, targets = count.targets, tasks = count.tasks,
      duties = count.duties,
      overdue = #schedule.overdue(schedule.schedule({ today = today, plan = p.id })) }
  end
  local cols = { "plan", "number", "title", "span", "targets", "tasks", "duties", "overdue" }
  if pw.opt.format == "json" then
    pw.out(json.encode({ today = today, plans = rows }, { "today", "plans" }, "  "), "\n")
  elseif pw.opt.format == "csv" then
    pw.print_rows(rows, cols)
  else
    pw.out(S.plans, " · ", S.today, ": ", formats.date(today), "\n")
    pw.print_rows(T.people_rows(rows, cols, {}))
  end
  return 0
end
if not plan_id and #all_plans > 1 then return summary() end

local plan = facts.plan(plan_id)
if not plan then
  pw.err(W.no_plan, "\n")
  return 1
end
local year = tonumber(today:sub(1, 4))
-- the world on today: the issuer over time, ended units and their successors
local W_ = world.load()
plan.issuer_name = W_:issuer_text(plan.issuer, today)
local people = pw.opt.format == "table" -- CSV and JSON keep machine formats

-- A number as CSV has always carried it: two decimals and " %" for a
-- percentage, else an integer when it is one, else up to two decimals.
local function machine_number(v, measure)
  if v == nil then return nil end
  if formats.is_percent(measure) then return string.format("%.2f %%", v) end
  if math.abs(v - math.floor(v + 0.5)) < 1e-9 then
    return string.format("%d", math.floor(v + 0.5))
  end
  return (string.format("%.2f", v):gsub("0+$", ""):gsub("%.$", ""))
end

local function machine_required(t)
  local pct = formats.is_percent(t.measure) and " %" or ""
  if t.op == "between" then
    return string.format("%g–%g%s", t.required, t.required_high, pct)
  end
  if t.op == "~" and t.tolerance then
    return string.format("~ %g%s (± %g)", t.required, pct, t.tolerance)
  end
  return string.format("%s %g%s", t.op, t.required, pct)
end

local number = people and T.number or machine_number
local required = people and T.required or machine_required

-- Targets as targets.lua evaluates them: text for the table and CSV,
-- numbers and the status code for JSON.
local targets, target_data, warned = {}, {}, {}
for _, t in ipairs(pw.targets({ today = today, plan = plan.id })) do
  local name, window = pw.text(t, "name"), t.window_from .. "–" .. t.window_to
  local status = T.status_text(t, W, true)
  targets[#targets + 1] = {
    indicator = t.indicator, name = name, measure = t.measure, window = window,
    required = required(t), actual = number(t.actual, t.measure),
    projected = number(t.projected, t.measure), status = status,
    missing = T.missing_text(t, W),
  }
  target_data[#target_data + 1] = {
    indicator = t.indicator, name = name, measure = t.measure, rule = t.rule,
    window = window, window_from = t.window_from, window_to = t.window_to,
    op = t.op, required = t.required, required_high = t.required_high, tolerance = t.tolerance,
    actual = t.actual, projected = t.projected, status = status,
    status_code = t.status, years = t.years, missing = t.missing, awaiting = t.awaiting,
    tentative = t.tentative, error = t.error,
  }
  local warning = t.error and pw.out_module.escape("planwatch: " .. t.indicator .. ": "
    .. words.message(t.error)) .. "\n"
  if warning and not warned[warning] then -- once, not once per target
    warned[warning] = true
    pw.err(warning)
  end
end

local tasks = {}
for _, g in ipairs(facts.tasks(plan, today)) do
  for _, t in ipairs(g.tasks) do
    tasks[#tasks + 1] = { lead = g.lead, lead_name = g.lead_name, no = t.no, title = t.title,
      when = T.when(t, W), status = W.stage[t.stage],
      items = #t.items > 0 and table.concat(t.items, " · ") or nil, lead_history = t.lead_history }
  end
end
table.sort(tasks, function(a, b)
  if a.lead_name ~= b.lead_name then return a.lead_name < b.lead_name end
  return a.no < b.no
end)

-- For people, a recipient that has ended is shown with the unit that
-- receives in its place today ("UBND_YB → UBND_LC"); CSV and JSON keep
-- the codes the duty declares.
local function to_today(d)
  if not people then return d.to end
  local shown = {}
  for code in d.to:gmatch("[^, ]+") do
    local heir = W_:heir(code, today, d.code)
    shown[#shown + 1] = (heir and heir ~= code) and (code .. " → " .. heir) or code
  end
  return table.concat(shown, ", ")
end

local duties = {}
for _, d in ipairs(facts.duties(plan)) do
  duties[#duties + 1] = { code = d.code, title = T.duty_title(d, year), from = T.duty_from(d, W),
    to = to_today(d), every = W.every[d.every] or d.every, due = T.duty_due(d, W) }
end

-- Reporting rates and overdue reports at today (see lib/duties.lua).
local items = schedule.schedule({ today = today, plan = plan.id })
local rates = schedule.rates(items, "unit", today)
local overdue = schedule.overdue(items)
for _, r in ipairs(rates) do r.change = W_:fate(r.unit, today) end
for _, o in ipairs(overdue) do o.unit_name = W_:fate(o.unit, today) or o.unit_name end

local target_cols = { "indicator", "name", "window", "required", "actual", "projected", "status",
  "missing" }
local task_cols = { "lead", "lead_name", "lead_history", "no", "title", "when", "status", "items" }
local duty_cols = { "code", "title", "from", "to", "every", "due" }

if pw.opt.format == "json" then
  pw.out(json.encode({
    today = today,
    plan = { id = plan.id, number = plan.number, title = pw.text(plan, "title"),
             issuer = plan.issuer, issuer_today = W_:heir(plan.issuer, today), issuer_history = plan.issuer_name,
             issued = plan.issued, basis = plan.basis,
             span = plan.span_from .. "/" .. plan.span_to,
             superseded_by = plan.superseded_by, superseded_on = plan.superseded_on,
             superseded_basis = plan.superseded_basis },
    targets = target_data, tasks = tasks, duties = duties, rates = rates, overdue = overdue,
  }, { "today", "plan", "targets", "tasks", "duties", "rates", "overdue" }, "  "), "\n")
  return 0
end

-- With --bom, CSV starts with the byte order mark once, not per section.
if pw.opt.format == "csv" and pw.opt.bom then pw.out("\239\187\191") end

-- For people, cells as formats.lua writes them (dates, periods, rates) and
-- the columns headed in words; CSV keeps the codes and machine formats.
local CELL = {
  deadline = formats.date, period = formats.period, actual_rate = T.rate, on_time_rate = T.rate,
  expected = formats.number, actual_n = formats.number, on_time = formats.number,
  days_overdue = formats.number,
}
local function section(title, rows, cols)
  if pw.opt.format == "csv" then
    pw.out("# ", title, "\r\n")
    for j, c in ipairs(cols) do if c == "actual_n" then cols[j] = "actual" end end
    pw.print_rows(rows, cols, { bom = false })
    return
  end
  pw.out("\n", title, "\n", string.rep("=", pw.out_module.width(title)), "\n")
  pw.print_rows(T.people_rows(rows, cols, CELL))
end

if people then
  pw.out(pw.out_module.escape(string.format("%s %s — %s\n%s: %s, %s · %s: %s · %s: %d–%d · %s: %s\n",
    S.plan, plan.number, pw.text(plan, "title"), W.issued, formats.date(plan.issued),
    plan.issuer_name, W.basis, plan.basis or "—", W.span, plan.span_from,
    plan.span_to, S.today, formats.date(today)), true))
  if plan.superseded_by then
    pw.out(pw.out_module.escape(string.format("%s: %s%s\n", W.superseded,
      string.format(W.superseded_from, plan.superseded_by, formats.date(plan.superseded_on)),
      plan.superseded_basis and (" (" .. plan.superseded_basis .. ")") or ""), true))
  end
end
section(W.targets, targets, target_cols)
section(W.tasks, tasks, task_cols)
section(W.duties, duties, duty_cols)
section(W.rates, rates, { "unit", "expected", "actual_n", "on_time", "actual_rate", "on_time_rate", "change" })
if #overdue > 0 then
  local shown, MAX = overdue, 30
  if people and #overdue > MAX then shown = { table.unpack(overdue, 1, MAX) } end
  section(W.overdue, shown, { "duty", "unit", "unit_name", "period", "deadline", "days_overdue" })
  if #shown < #overdue then
    pw.out(string.format(S.more, #overdue - #shown), "\n")
  end
elseif pw.opt.format ~= "csv" then
  pw.out("\n", W.overdue, ": ", W.none_overdue, "\n")
end
return 0
