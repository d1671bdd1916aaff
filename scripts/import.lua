--! planwatch: write
-- planwatch import FILE.csv [--dry-run]: import indicator values or report
-- submissions, all or nothing.
local submissions = require "submissions"

local usage = [[usage: planwatch import FILE.csv [--dry-run]

Imports indicator values from a CSV file (RFC 4180, UTF-8) whose first line
names the columns, in any order: indicator, unit, period, value, and
optionally note, source. A file whose header has a `duty` column holds
report submissions instead: duty, unit, period, received_at (YYYY-MM-DD),
and optionally note, ref and ref_date (the number and date of the document
that carried the report) and summary. The unit is a unit code or one of its
aliases; the period's kind must be the indicator's (2025, 2025-H1, 2025-Q3,
2025-07); the value is a number written with '.' as the decimal point.

Every line is checked before anything is written, including the plugins'
validation rules. When any line fails, each problem is printed as
file:line: field: message, nothing is written and the exit status is 2.
Otherwise every value is written in one transaction; a changed value keeps
its old one in the audit log.

  --dry-run   check and count what would change; write nothing]]

local opts, pos = pw.parse_args(pw.args, { ["dry-run"] = "boolean" }, usage, 1)
if opts.help then return 0 end
local file = pos[1]
if not file then pw.fail("import needs a CSV file\n" .. usage) end

-- Submissions: a small file, checked and written by lib/submissions.lua.
local function import_submissions(records)
  local counts, errors = submissions.import(file, records, opts["dry-run"])
  if not counts then
    for _, e in ipairs(errors) do pw.err(e, "\n") end
    pw.err(string.format("%s: %d problem(s); nothing was written\n", file, #errors))
    return 2
  end
  pw.out(string.format("%s: %d submissions: %d added, %d changed, %d unchanged%s\n", file,
    counts.read, counts.added, counts.changed, counts.unchanged,
    opts["dry-run"] and " (dry run: nothing written)" or ""))
  return 0
end

local head = pw.csv_records(file, 1)
if head and head[1] then
  for _, name in ipairs(head[1].fields) do
    if name == "duty" then
      local records, err = pw.csv_records(file)
      if not records then pw.fail(err) end
      return import_submissions(records)
    end
  end
end

-- The plugin files that may declare validation rules: those of the active
-- indicators and the plan's own file.
local function rule_files()
  return pw.sql([[SELECT DISTINCT source FROM indicators
      WHERE retired_at IS NULL AND source IS NOT NULL
    UNION SELECT source FROM plans
      WHERE retired_at IS NULL AND source IS NOT NULL
    ORDER BY source]])
end

-- The validation rules plugins declare, by indicator: { [CODE] = { file, ... } }.
-- A plugin that cannot run stops the import: its rules must not be skipped.
local function find_rules()
  local rules = {}
  for _, r in ipairs(rule_files()) do
    local path = pw.opt.plugins .. "/" .. r.source
    local res, err = pw.plugin(path)
    if not res then
      pw.fail("cannot run the validation rules of " .. r.source .. ": " .. err ..
              "\n(--plugins must name the folder holding the plan packages)")
    end
    local seen = {}
    for _, d in ipairs(res.decls) do
      if d.decl == "validate" and not seen[d.indicator] then
        seen[d.indicator] = true
        local list = rules[d.indicator] or {}
        rules[d.indicator] = list
        list[#list + 1] = { path = path, source = r.source }
      end
    end
  end
  return rules
end

local rules = find_rules()

-- Run the rules of indicator over a batch of its rows (each {unit=,
-- period=, value=, line=}); the plugin's message names the refusal.
local function check(indicator, rows)
  local refusals = {}
  for _, rule in ipairs(rules[indicator] or {}) do
    local res, err = pw.plugin(rule.path, "validate",
                               { indicator = indicator, values = rows })
    if not res then error(err, 0) end
    for _, r in ipairs(res) do
      refusals[#refusals + 1] = { line = rows[r.index].line,
        message = string.format("value: %s (rule at %s:%d)", r.message,
                                rule.source, r.line) }
    end
  end
  return refusals
end

local checked = {}
for code in pairs(rules) do checked[#checked + 1] = code end
table.sort(checked)

local result = pw.import_values(file, {
  dry_run = opts["dry-run"],
  progress = pw.isatty(2),
  check = #checked > 0 and check or nil,
  check_indicators = checked,
})

local function count(n, noun)
  return string.format("%d %s%s", n, noun, n == 1 and "" or "s")
end

if #result.errors > 0 then
  for _, e in ipairs(result.errors) do pw.err(e, "\n") end
  local n = #result.errors + result.more - (result.more > 0 and 1 or 0)
  pw.err(string.format("%s: %s; nothing was written\n", file, count(n, "error")))
  return 2
end
pw.out(string.format("%s: %s: %d added, %d changed, %d unchanged%s\n", file,
  count(result.read, "row"), result.added, result.changed, result.unchanged,
  opts["dry-run"] and " (dry run: nothing written)" or ""))

-- Values stored for years no target can read: before the year ahead of the
-- plan's span (a growth target's base year) or after its end. Stored, but
-- worth a look (a typo such as 2035 for 2025). One range of the key per
-- indicator.
local function outside_span()
  local plan = pw.sql("SELECT span_from, span_to FROM plans WHERE retired_at IS NULL ORDER BY id LIMIT 1")[1]
  if not plan or opts["dry-run"] then return end
  local lo, hi = plan.span_from - 1, plan.span_to
  local rows = pw.sql([[SELECT i.code AS indicator, v.period, count(*) AS n
    FROM indicators i JOIN indicator_values v ON v.indicator = i.code
      AND (v.year < :lo OR v.year > :hi)
    GROUP BY i.code, v.period ORDER BY i.code, v.period]], { lo = lo, hi = hi })
  for _, r in ipairs(rows) do
    pw.err(pw.opt.lang == "en"
      and string.format("planwatch: warning: %s %s: %d value(s) outside the plan's span %d–%d (and base year %d); no target reads them\n",
        r.indicator, r.period, r.n, plan.span_from, hi, lo)
      or string.format("planwatch: cảnh báo: %s %s: %d giá trị nằm ngoài thời gian của kế hoạch %d–%d (và năm gốc %d); không chỉ tiêu nào dùng đến\n",
        r.indicator, r.period, r.n, plan.span_from, hi, lo))
  end
end
outside_span()
return 0
