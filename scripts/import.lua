--! planwatch: write
-- planwatch import FILE.csv [--dry-run]: import indicator values or report
-- submissions, all or nothing.
local submissions = require "submissions"
local csvin = require "csvin"

local words = require "words"
local usage = words.say("usage.import")

local opts, pos = pw.parse_args(pw.args, { ["dry-run"] = "boolean", delimiter = "value",
  decimal = "value" }, usage, 1)
if opts.help then return 0 end
local file = pos[1]
if not file then pw.fail(words.say("cli.import.needs_file") .. "\n" .. usage) end

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
  pw.fail(words.say("cli.import.delimiter"))
end
if opts.decimal and opts.decimal ~= "," and opts.decimal ~= "." then
  pw.fail(words.say("cli.import.decimal"))
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
  pw.err(words.say("cli.import.no_plugin_files"), "\n")
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
  -- The C core's text for a malformed period (core/say.c,
  -- SAY_IMPORT_BAD_PERIOD) lists the codes' forms in either language.
  for _, e in ipairs(result.errors) do
    if e:find(": period: ", 1, true) and e:find("YYYY, YYYY-H1, YYYY-Q1, YYYY-9M", 1, true) then return true end
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


if #result.errors > 0 then
  for _, e in ipairs(result.errors) do pw.err(pw.out_module.escape(e), "\n") end
  local n = #result.errors + result.more - (result.more > 0 and 1 or 0)
  pw.err(pw.out_module.escape(words.say("cli.import.problems", file, n)), "\n")
  return 2
end
pw.out(pw.out_module.escape(words.say("cli.import.result", file, result.read, result.added,
  result.changed, result.unchanged, opts["dry-run"] and words.say("cli.import.dry_run") or "")), "\n")

-- Values stored for years no target can read: before the year ahead of the
-- plans' spans (a growth target's base year) or after their end. Stored,
-- but worth a look (a typo such as 2035 for 2025). One range of the key
-- per indicator.
local function outside_span()
  local plan = pw.sql([[SELECT min(span_from) AS span_from, max(span_to) AS span_to
    FROM plans WHERE retired_at IS NULL]])[1]
  if not plan.span_from or opts["dry-run"] then return end
  local lo, hi = plan.span_from - 1, plan.span_to
  local rows = pw.sql([[SELECT i.code AS indicator, v.period, count(*) AS n
    FROM indicators i JOIN indicator_values v ON v.indicator = i.code
      AND (v.year < :lo OR v.year > :hi)
    GROUP BY i.code, v.period ORDER BY i.code, v.period]], { lo = lo, hi = hi })
  for _, r in ipairs(rows) do
    pw.err(words.say("cli.import.outside_span", r.indicator, r.period, r.n, plan.span_from, hi, lo),
      "\n")
  end
end
outside_span()
return 0
