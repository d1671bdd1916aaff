-- planwatch status: the plan as loaded, its targets, tasks per department
-- and reporting duties, for --today.
local json = require "json"
local schedule = require "duties"
local T = require "report_text"
local due = require "due"
local world = require "world"

local usage = [[usage: planwatch status [--today YYYY-MM-DD] [--format table|csv|json] [--lang vi|en]

Shows the plan, each target with what it requires, its value so far, where
the trend leads by the end of its window and its status (achieved, on
track, heading above the range, at risk, off track, above the range,
missed, awaiting the final year, no data: the README's "Target status"
table says when each applies) with the years that have no value, the
tasks per lead department with where each stands in its timeframe, and
the reporting duties. Targets have
no data until indicator values are imported; a derived indicator's formula
is read from --plugins.]]

local opts = pw.parse_args(pw.args, {}, usage, 0)
if opts.help then return 0 end

local words = {
  vi = {
    plan = "Kế hoạch", issued = "Ban hành", basis = "Căn cứ", span = "Giai đoạn",
    today = "Ngày xem", targets = "Chỉ tiêu", tasks = "Nhiệm vụ theo đơn vị chủ trì",
    duties = "Chế độ báo cáo", rates = "Tỷ lệ báo cáo theo đơn vị (đến ngày xem)",
    overdue = "Báo cáo quá hạn", none_overdue = "Không có báo cáo quá hạn.",
    more = "… và %d báo cáo quá hạn khác (planwatch duties --state overdue).", no_plan = "Chưa nạp kế hoạch nào: chạy `planwatch load`.",
    no_data = "chưa có số liệu", not_started = "chưa đến thời hạn",
    in_progress = "đang thực hiện", ended = "đã hết thời hạn", annual = "hằng năm",
    every = { once = "một lần", year = "năm", half = "6 tháng", quarter = "quý",
              ["9m"] = "9 tháng", month = "tháng" },
    workdays = "%d ngày làm việc sau ngày chốt số liệu",
    nine_months_cutoff = " (kỳ 9 tháng: ngày chốt 14/9 theo quy ước của planwatch; Nghị định 09/2019 không quy định kỳ 9 tháng)",
    units_count = "%d đơn vị",
    superseded = "Được thay thế bởi", from = "từ",
  },
  en = {
    plan = "Plan", issued = "Issued", basis = "Implements", span = "Period",
    today = "As of", targets = "Targets", tasks = "Tasks by lead unit",
    duties = "Reporting duties", rates = "Reporting rates by unit (to date)",
    overdue = "Overdue reports", none_overdue = "No report is overdue.",
    more = "… and %d more overdue reports (planwatch duties --state overdue).", no_plan = "No plan loaded: run `planwatch load`.",
    no_data = "no data", not_started = "not started", in_progress = "in progress",
    ended = "timeframe ended", annual = "every year",
    every = { once = "once", year = "yearly", half = "half-yearly",
              quarter = "quarterly", ["9m"] = "nine months", month = "monthly" },
    workdays = "%d working days after the cut-off",
    nine_months_cutoff = " (nine months: cut-off on 14 Sep by planwatch's convention; Decree 09/2019 sets no nine-month report)",
    units_count = "%d units",
    superseded = "Superseded by", from = "from",
  },
}
local W = words[pw.opt.lang] or words.vi

local plan = pw.sql("SELECT * FROM plans WHERE retired_at IS NULL ORDER BY id LIMIT 1")[1]
if not plan then
  pw.err(W.no_plan, "\n")
  return 1
end
local today = pw.today()
local year = tonumber(today:sub(1, 4))

-- A number for people: two decimals and " %" for a percentage measure,
-- else an integer when it is one, else up to two decimals.
local function number(v, measure)
  if v == nil then return nil end
  if measure and measure:find("%", 1, true) then
    return string.format("%.2f %%", v)
  end
  if math.abs(v - math.floor(v + 0.5)) < 1e-9 then
    return string.format("%d", math.floor(v + 0.5))
  end
  return (string.format("%.2f", v):gsub("0+$", ""):gsub("%.$", ""))
end

local function required(t)
  local pct = t.measure and t.measure:find("%", 1, true) and " %" or ""
  if t.op == "between" then
    return string.format("%g–%g%s", t.required, t.required_high, pct)
  end
  return string.format("%s %g%s", t.op, t.required, pct)
end

-- Targets as targets.lua evaluates them: text for the table and CSV,
-- numbers and the status code for JSON.
local targets, target_data, warned = {}, {}, {}
for _, t in ipairs(pw.targets({ today = today, plan = plan.id })) do
  local name, window = pw.text(t, "name"), t.window_from .. "–" .. t.window_to
  local TW = T.words(pw.opt.lang)
  local status = T.status_text(t, TW, true)
  targets[#targets + 1] = {
    indicator = t.indicator, name = name, measure = t.measure, window = window,
    required = required(t), actual = number(t.actual, t.measure),
    projected = number(t.projected, t.measure), status = status,
    missing = T.missing_text(t, TW),
  }
  target_data[#target_data + 1] = {
    indicator = t.indicator, name = name, measure = t.measure, rule = t.rule,
    window = window, window_from = t.window_from, window_to = t.window_to,
    op = t.op, required = t.required, required_high = t.required_high,
    actual = t.actual, projected = t.projected, status = status,
    status_code = t.status, years = t.years, missing = t.missing, awaiting = t.awaiting,
    tentative = t.tentative, error = t.error,
  }
  local warning = t.error and pw.out_module.escape("planwatch: " .. t.indicator .. ": " .. t.error) .. "\n"
  if warning and not warned[warning] then -- once, not once per target
    warned[warning] = true
    pw.err(warning)
  end
end

local function stage(t)
  if year < t.from_year then return W.not_started end
  if year > t.to_year then return W.ended end
  return W.in_progress
end

-- The world at today: each task under its lead of today (task_leads),
-- with the leads it had before.
local W_ = world.load()
local leads = world.task_leads(W_, plan.id, today)

local tasks = {}
for _, t in ipairs(pw.sql([[SELECT t.no, t.title, t.title_en, t.when_text,
    t.from_year, t.to_year, t.annual, t.lead, u.name AS lead_name,
    u.name_en AS lead_name_en
  FROM tasks t JOIN units u ON u.code = t.lead
  WHERE t.retired_at IS NULL AND t.plan_id = ? ORDER BY u.name, t.no]], plan.id)) do
  local when = t.annual == 1 and W.annual or
    (t.from_year == t.to_year and tostring(t.from_year) or (t.from_year .. "–" .. t.to_year))
  local l = leads[t.no]
  local lead = l and l.lead or t.lead
  tasks[#tasks + 1] = { lead = lead, lead_name = l and W_:name(lead) or pw.text(t, "lead_name"), no = t.no,
    title = pw.text(t, "title"), when = when, status = stage(t), lead_history = l and l.history }
end
table.sort(tasks, function(a, b)
  if a.lead_name ~= b.lead_name then return a.lead_name < b.lead_name end
  return a.no < b.no
end)

local duties = {}
for _, d in ipairs(pw.sql([[SELECT code, title, title_en, to_unit, every, cutoff,
    due_workdays, due_day, count(*) AS units, group_concat(unit, ' ') AS from_units
  FROM duties WHERE retired_at IS NULL AND plan_id = ?
  GROUP BY code ORDER BY code]], plan.id)) do
  duties[#duties + 1] = { code = d.code,
    title = pw.text(d, "title"):gsub("{year}", tostring(year)):gsub("{period}", tostring(year)),
    from = d.units == 1 and d.from_units or string.format(W.units_count, d.units),
    to = d.to_unit, every = W.every[d.every] or d.every,
    due = d.due_workdays and (string.format(W.workdays, d.due_workdays)
        .. (d.every == "9m" and d.cutoff == "nd09" and W.nine_months_cutoff or ""))
      or due.describe(d.due_day, pw.opt.lang) }
end

-- Reporting rates and overdue reports at today (see lib/duties.lua).
local items = schedule.schedule({ today = today })
local rates = schedule.rates(items, "unit", today)
local overdue = schedule.overdue(items)
for _, r in ipairs(rates) do r.change = W_:fate(r.unit, today) end
for _, o in ipairs(overdue) do o.unit_name = W_:fate(o.unit, today) or o.unit_name end
local issuer = W_:issuer_text(plan.issuer, today)

local target_cols = { "indicator", "name", "window", "required", "actual", "projected", "status",
  "missing" }
local task_cols = { "lead", "lead_name", "no", "title", "when", "status", "lead_history" }
local duty_cols = { "code", "title", "from", "to", "every", "due" }

if pw.opt.format == "json" then
  pw.out(json.encode({
    today = today,
    plan = { id = plan.id, number = plan.number, title = pw.text(plan, "title"),
             issuer = plan.issuer, issuer_today = W_:heir(plan.issuer, today), issuer_history = issuer,
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
local function section(title, rows, cols)
  if pw.opt.format == "csv" then
    pw.out("# ", title, "\r\n")
  else
    pw.out("\n", title, "\n", string.rep("=", pw.out_module.width(title)), "\n")
  end
  pw.print_rows(rows, cols, { bom = false })
end

if pw.opt.format == "table" then
  pw.out(pw.out_module.escape(string.format("%s %s — %s\n%s: %s, %s · %s: %s · %s: %d–%d · %s: %s\n",
    W.plan, plan.number, pw.text(plan, "title"), W.issued, plan.issued,
    issuer, W.basis, plan.basis or "—", W.span, plan.span_from,
    plan.span_to, W.today, today), true))
  if plan.superseded_by then
    pw.out(pw.out_module.escape(string.format("%s: %s %s %s%s\n", W.superseded, plan.superseded_by, W.from,
      world.day_text(plan.superseded_on), plan.superseded_basis and (" (" .. plan.superseded_basis .. ")") or ""), true))
  end
end
section(W.targets, targets, target_cols)
section(W.tasks, tasks, task_cols)
section(W.duties, duties, duty_cols)
section(W.rates, rates, { "unit", "expected", "actual", "on_time", "actual_rate", "on_time_rate", "change" })
if #overdue > 0 then
  local shown, MAX = overdue, 30
  if pw.opt.format == "table" and #overdue > MAX then shown = { table.unpack(overdue, 1, MAX) } end
  section(W.overdue, shown, { "duty", "unit", "unit_name", "period", "deadline", "days_overdue" })
  if #shown < #overdue then
    pw.out(string.format(W.more, #overdue - #shown), "\n")
  end
elseif pw.opt.format ~= "csv" then
  pw.out("\n", W.overdue, ": ", W.none_overdue, "\n")
end
return 0
