-- planwatch export WHAT: the plan as loaded, as a table, CSV or JSON.
local usage = require("words").say("usage.export")

local opts, pos = pw.parse_args(pw.args, { bom = "boolean", all = "boolean", plan = "value",
  indicator = "value", unit = "value", from = "value", to = "value" }, usage, 1)
if opts.help then return 0 end

local VALUE_COLS = { "indicator", "unit", "period", "value", "note", "source", "updated_at" }

-- export values: stored values, filtered, written by C as they are read
-- (pw.print_query): an export of millions of values never holds them in
-- memory, and every number is written exactly.
local function export_values()
  local query, params = require("indicators").values_query({ indicator = opts.indicator,
    unit = opts.unit, from = opts.from, to = opts.to }, "export values")
  pw.print_query(query, params, { columns = VALUE_COLS, bom = opts.bom })
  return 0
end

if pos[1] == "values" then return export_values() end
for _, name in ipairs({ "indicator", "unit", "from", "to" }) do
  if opts[name] then pw.fail(require("words").say("cli.export.values_only", name) .. "\n" .. usage) end
end

-- Each export: its query (with a retired_at column and the plan's id as
-- `plan`), its columns, and whether it is a plan's own (the registry's
-- units and indicators are every plan's: their `plan` is the one that
-- declared them). A plan's own rows are those of --plan, or of the only plan.
local exports = {
  units = { [[SELECT code, name, name_en, kind, parent, email, aliases,
      plan_id AS plan, retired_at FROM units ORDER BY kind, code]],
    { "code", "name", "name_en", "kind", "parent", "email", "aliases", "plan" } },
  tasks = { [[SELECT t.no, t.title, t.title_en, t.when_text, t.from_year,
      t.to_year, t.lead, u.name AS lead_name,
      CASE WHEN t.support_all = 1 THEN '*' ELSE t.support END AS support,
      t.group_no, t.items, t.status, t.plan_id AS plan, t.retired_at
    FROM tasks t LEFT JOIN units u ON u.code = t.lead WHERE t.plan_id = ?1
    ORDER BY t.no]],
    { "no", "title", "title_en", "when_text", "from_year", "to_year", "lead",
      "lead_name", "support", "group_no", "items", "status", "plan" }, true },
  targets = { [[SELECT t.indicator, i.name AS indicator_name, i.measure,
      t.window_from, t.window_to, t.op, t.value, t.value_high, i.rule, i.of,
      t.goal, i.owner, t.plan_id AS plan, t.retired_at
    FROM targets t JOIN indicators i ON i.code = t.indicator WHERE t.plan_id = ?1
    ORDER BY t.window_to, t.indicator]],
    { "indicator", "indicator_name", "measure", "window_from", "window_to",
      "op", "value", "value_high", "rule", "of", "goal", "owner", "plan" }, true },
  duties = { [[SELECT code, unit, to_unit, to_units, title, title_en, every, cutoff,
      due_workdays, due_day, remind, escalate_after, escalate_to,
      plan_id AS plan, retired_at
    FROM duties WHERE plan_id = ?1 ORDER BY code, unit]],
    { "code", "unit", "to_unit", "to_units", "title", "title_en", "every", "cutoff",
      "due_workdays", "due_day", "remind", "escalate_after", "escalate_to", "plan" }, true },
  indicators = { [[SELECT code, name, name_en, measure, period, rule, of,
      derived, goal, owner, plan_id AS plan, retired_at FROM indicators ORDER BY code]],
    { "code", "name", "name_en", "measure", "period", "rule", "of",
      "derived", "goal", "owner", "plan" } },
  goals = { [[SELECT code, kind, by_year, text, text_en, plan_id AS plan, retired_at
      FROM goals WHERE plan_id = ?1 ORDER BY kind, by_year, code]],
    { "code", "kind", "by_year", "text", "text_en", "plan" }, true },
  groups = { [[SELECT no, title, title_en, items, plan_id AS plan, retired_at
      FROM task_groups WHERE plan_id = ?1 ORDER BY no]],
    { "no", "title", "title_en", "items", "plan" }, true },
  holidays = { [[SELECT date, name, kind, plan_id AS plan, retired_at FROM holidays
      WHERE plan_id = ?1 ORDER BY date]], { "date", "name", "kind", "plan" }, true },
  budget = { [[SELECT code, funding, unit, year, amount, note, plan_id AS plan,
      retired_at FROM budget_lines WHERE plan_id = ?1 ORDER BY code]],
    { "code", "funding", "unit", "year", "amount", "note", "plan" }, true },
}

local what = pos[1]
local e = what and exports[what]
if not e then
  pw.fail((what and (require("words").say("cli.export.cannot", what) .. "\n") or "") .. usage)
end
-- Columns the store keeps as JSON lists: real arrays in JSON output (in a
-- table or CSV they stay the JSON text, one cell).
local JSON_COLS = { units = { "aliases" }, tasks = { "items" }, groups = { "items" },
  duties = { "remind" } }
local rows = {}
local plan_id = e[3] and require("plans").choose(opts.plan, "export " .. what)
for _, r in ipairs(e[3] and pw.sql(e[1], plan_id) or pw.sql(e[1])) do
  if opts.all or r.retired_at == nil then rows[#rows + 1] = r end
  if pw.opt.format == "json" then
    for _, c in ipairs(JSON_COLS[what] or {}) do
      local ok, list = pcall(pw.json.decode, r[c])
      if type(r[c]) == "string" and ok and type(list) == "table" then r[c] = list end
    end
  end
end
local cols = e[2]
if opts.all then
  cols = { table.unpack(cols) }
  cols[#cols + 1] = "retired_at"
end
pw.print_rows(rows, cols, { bom = opts.bom })
return 0
