--! planwatch: write
-- planwatch import FILE.csv [--dry-run]: import indicator values or report
-- submissions, all or nothing.
local submissions = require "submissions"
local csvin = require "csvin"

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

A values file as a spreadsheet saves it is read too: UTF-16 with a byte
order mark, ';' or tab between fields (found from the header line), a
decimal comma when ';' separates the fields, headers in any case or in
Vietnamese (chỉ tiêu, đơn vị, kỳ, giá trị, ghi chú, nguồn), trailing
unnamed columns, empty rows, and periods written Q1/2025, Quý I/2025,
2025Q1, 6 tháng đầu năm 2025, 9 tháng 2025, T7/2025 or 07/2025.

  --dry-run        check and count what would change; write nothing
  --delimiter D    the field separator: ',', ';' or tab (default: the
                   header line's)
  --decimal C      the decimal mark of values: '.' or ',' (default: ','
                   when ';' separates the fields, else '.')]]

local opts, pos = pw.parse_args(pw.args, { ["dry-run"] = "boolean", delimiter = "value",
  decimal = "value" }, usage, 1)
if opts.help then return 0 end
local file = pos[1]
if not file then pw.fail("import needs a CSV file\n" .. usage) end

-- Submissions: a small file, checked and written by lib/submissions.lua.
local function import_submissions(records)
  local counts, errors = submissions.import(file, records, opts["dry-run"])
  if not counts then
    for _, e in ipairs(errors) do pw.err(pw.out_module.escape(e), "\n") end
    pw.err(pw.out_module.escape(string.format("%s: %d problem(s); nothing was written", file, #errors)), "\n")
    return 2
  end
  pw.out(string.format("%s: %d submissions: %d added, %d changed, %d unchanged%s\n", file,
    counts.read, counts.added, counts.changed, counts.unchanged,
    opts["dry-run"] and " (dry run: nothing written)" or ""))
  return 0
end

if opts.delimiter and not ({ [","] = 1, [";"] = 1, ["\t"] = 1, tab = 1 })[opts.delimiter] then
  pw.fail(pw.opt.lang == "en" and "import: --delimiter must be ',', ';' or tab"
    or "import: --delimiter phải là ',', ';' hoặc tab")
end
if opts.decimal and opts.decimal ~= "," and opts.decimal ~= "." then
  pw.fail(pw.opt.lang == "en" and "import: --decimal must be '.' or ','"
    or "import: --decimal phải là '.' hoặc ','")
end

-- Every file is read by one layer (lib/csvin.lua over core/csv.c): a
-- values file in the strict form goes to the importer as it is (the C
-- reader streams millions of rows); any other values file is decoded and
-- split there first, and a submissions file (a `duty` column) always is.
local strict, head = false, nil
if not (opts.delimiter or opts.decimal) then strict, head = csvin.strict(file) end
local recs
if not strict then
  local err
  recs, err = csvin.records(file, { delimiter = opts.delimiter })
  if not recs then pw.fail(err) end
  head = recs[1] and recs[1].fields
end
for _, name in ipairs(head or {}) do
  if name == "duty" then
    if not recs then
      local err
      recs, err = csvin.records(file, {})
      if not recs then pw.fail(err) end
    end
    return import_submissions(csvin.rows(recs))
  end
end
local text = recs and csvin.text(recs, { decimal = opts.decimal })

-- The validation rules `load` accepted, by indicator: { [CODE] = { {
-- source =, text = }, ... } }. They run on the text `load` recorded, not on
-- the file as it is now: a rule load refused, or added since, judges
-- nothing; and no plugin file is run just to find its rules.
local function find_rules()
  local rules = {}
  for _, r in ipairs(pw.sql([[SELECT DISTINCT r.indicator, r.source, f.text
      FROM rules r JOIN plugin_files f ON f.source = r.source
      JOIN indicators i ON i.code = r.indicator AND i.retired_at IS NULL
      ORDER BY r.indicator, r.source]])) do
    local list = rules[r.indicator] or {}
    rules[r.indicator] = list
    list[#list + 1] = { source = r.source, text = r.text }
  end
  return rules
end

local rules = find_rules()
if next(rules) == nil and pw.sql([[SELECT 1 AS x FROM plans WHERE retired_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM plugin_files) LIMIT 1]])[1] then
  pw.err("planwatch: warning: no plugin file is recorded in the database; run `planwatch load` ",
    "so that the plugins' validation rules apply\n")
end

-- Run the rules of indicator over a batch of its rows (each {unit=,
-- period=, value=, line=}); the plugin's message names the refusal.
local function check(indicator, rows)
  local refusals = {}
  for _, rule in ipairs(rules[indicator] or {}) do
    local res, err = pw.plugin(pw.opt.plugins .. "/" .. rule.source, "validate",
                               { indicator = indicator, values = rows }, rule.text)
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

local function run_import()
  return pw.import_values(file, {
    text = text,
    dry_run = opts["dry-run"],
    progress = pw.isatty(2),
    check = #checked > 0 and check or nil,
    check_indicators = checked,
  })
end
local result = run_import()

-- A strict file whose periods are written as people write them ("Q1/2025"):
-- refused as it is, so read again with the periods made codes (nothing was
-- written the first time).
local function bad_period()
  for _, e in ipairs(result.errors) do
    if e:find(": period: bad period '", 1, true) then return true end
  end
  return false
end
if text == nil and bad_period() then
  local err
  recs, err = csvin.records(file, {})
  if not recs then pw.fail(err) end
  text = csvin.text(recs, { decimal = opts.decimal })
  result = run_import()
end

local function count(n, noun)
  return string.format("%d %s%s", n, noun, n == 1 and "" or "s")
end

if #result.errors > 0 then
  for _, e in ipairs(result.errors) do pw.err(pw.out_module.escape(e), "\n") end
  local n = #result.errors + result.more - (result.more > 0 and 1 or 0)
  pw.err(pw.out_module.escape(string.format("%s: %s; nothing was written", file, count(n, "error"))), "\n")
  return 2
end
pw.out(pw.out_module.escape(string.format("%s: %s: %d added, %d changed, %d unchanged%s", file,
  count(result.read, "row"), result.added, result.changed, result.unchanged,
  opts["dry-run"] and " (dry run: nothing written)" or "")), "\n")

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
