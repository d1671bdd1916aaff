-- planwatch status: the plan as loaded, its targets, tasks per department
-- and reporting duties, for --today.
local json = require "json"

local usage = [[usage: planwatch status [--today YYYY-MM-DD] [--format table|csv|json] [--lang vi|en]

Shows the plan, each target with what it requires and its status, the tasks
per lead department with where each stands in its timeframe, and the
reporting duties. Targets have no data until indicator values are imported.]]

local opts = pw.parse_args(pw.args, {}, usage, 0)
if opts.help then return 0 end

local words = {
  vi = {
    plan = "Kế hoạch", issued = "Ban hành", basis = "Căn cứ", span = "Giai đoạn",
    today = "Ngày xem", targets = "Chỉ tiêu", tasks = "Nhiệm vụ theo đơn vị chủ trì",
    duties = "Chế độ báo cáo", no_plan = "Chưa nạp kế hoạch nào: chạy `planwatch load`.",
    no_data = "chưa có số liệu", not_started = "chưa đến thời hạn",
    in_progress = "đang thực hiện", ended = "đã hết thời hạn", annual = "hằng năm",
    every = { once = "một lần", year = "năm", half = "6 tháng", quarter = "quý",
              ["9m"] = "9 tháng", month = "tháng" },
    workdays = "%d ngày làm việc sau ngày chốt số liệu", fixed_day = "ngày %s hằng năm",
    units_count = "%d đơn vị",
  },
  en = {
    plan = "Plan", issued = "Issued", basis = "Implements", span = "Period",
    today = "As of", targets = "Targets", tasks = "Tasks by lead unit",
    duties = "Reporting duties", no_plan = "No plan loaded: run `planwatch load`.",
    no_data = "no data", not_started = "not started", in_progress = "in progress",
    ended = "timeframe ended", annual = "every year",
    every = { once = "once", year = "yearly", half = "half-yearly",
              quarter = "quarterly", ["9m"] = "nine months", month = "monthly" },
    workdays = "%d working days after the cut-off", fixed_day = "on %s each year",
    units_count = "%d units",
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

local function required(t)
  if t.op == "between" then return string.format("%g–%g", t.value, t.value_high) end
  return string.format("%s %g", t.op, t.value)
end

local targets = {}
for _, t in ipairs(pw.sql([[SELECT t.indicator, i.name, i.name_en, i.measure,
    t.window_from, t.window_to, t.op, t.value, t.value_high
  FROM targets t JOIN indicators i ON i.code = t.indicator
  WHERE t.retired_at IS NULL AND t.plan_id = ?
  ORDER BY t.window_to, t.indicator]], plan.id)) do
  targets[#targets + 1] = {
    indicator = t.indicator, name = pw.text(t, "name"), measure = t.measure,
    window = t.window_from .. "–" .. t.window_to, required = required(t),
    actual = nil, projected = nil, status = W.no_data,
  }
end

local function stage(t)
  if year < t.from_year then return W.not_started end
  if year > t.to_year then return W.ended end
  return W.in_progress
end

local tasks = {}
for _, t in ipairs(pw.sql([[SELECT t.no, t.title, t.title_en, t.when_text,
    t.from_year, t.to_year, t.annual, t.lead, u.name AS lead_name,
    u.name_en AS lead_name_en
  FROM tasks t JOIN units u ON u.code = t.lead
  WHERE t.retired_at IS NULL AND t.plan_id = ? ORDER BY u.name, t.no]], plan.id)) do
  local when = t.annual == 1 and W.annual or
    (t.from_year == t.to_year and tostring(t.from_year) or (t.from_year .. "–" .. t.to_year))
  tasks[#tasks + 1] = { lead = t.lead, lead_name = pw.text(t, "lead_name"), no = t.no,
    title = pw.text(t, "title"), when = when, status = stage(t) }
end

local duties = {}
for _, d in ipairs(pw.sql([[SELECT code, title, title_en, to_unit, every,
    due_workdays, due_day, count(*) AS units, group_concat(unit, ' ') AS from_units
  FROM duties WHERE retired_at IS NULL AND plan_id = ?
  GROUP BY code ORDER BY code]], plan.id)) do
  duties[#duties + 1] = { code = d.code,
    title = pw.text(d, "title"):gsub("{year}", tostring(year)):gsub("{period}", tostring(year)),
    from = d.units == 1 and d.from_units or string.format(W.units_count, d.units),
    to = d.to_unit, every = W.every[d.every] or d.every,
    due = d.due_workdays and string.format(W.workdays, d.due_workdays)
      or string.format(W.fixed_day, d.due_day) }
end

local target_cols = { "indicator", "name", "window", "required", "actual", "projected", "status" }
local task_cols = { "lead", "lead_name", "no", "title", "when", "status" }
local duty_cols = { "code", "title", "from", "to", "every", "due" }

if pw.opt.format == "json" then
  pw.out(json.encode({
    today = today,
    plan = { id = plan.id, number = plan.number, title = pw.text(plan, "title"),
             issuer = plan.issuer, issued = plan.issued, basis = plan.basis,
             span = plan.span_from .. "/" .. plan.span_to },
    targets = targets, tasks = tasks, duties = duties,
  }, { "today", "plan", "targets", "tasks", "duties" }, "  "), "\n")
  return 0
end

local function section(title, rows, cols)
  if pw.opt.format == "csv" then
    pw.out("# ", title, "\r\n")
  else
    pw.out("\n", title, "\n", string.rep("=", pw.out_module.width(title)), "\n")
  end
  pw.print_rows(rows, cols)
end

if pw.opt.format == "table" then
  pw.out(string.format("%s %s — %s\n%s: %s, %s · %s: %s · %s: %d–%d · %s: %s\n",
    W.plan, plan.number, pw.text(plan, "title"), W.issued, plan.issued,
    plan.issuer, W.basis, plan.basis or "—", W.span, plan.span_from,
    plan.span_to, W.today, today))
end
section(W.targets, targets, target_cols)
section(W.tasks, tasks, task_cols)
section(W.duties, duties, duty_cols)
return 0
