--! planwatch: writes-to --html --md
-- planwatch report: the full progress report for the provincial leaders,
-- as one self-contained HTML page and/or Markdown text, for --today.
local facts = require "report_facts"
local text = require "report_text"

local usage = [[usage: planwatch report [--html FILE] [--md FILE] [--today YYYY-MM-DD] [--lang vi|en]

Writes the progress report: the plan's header; each target with its actual
value, what it requires, where the trend leads, its status and a progress
bar; each indicator's trend against its target (a chart); the tasks by lead
unit; the timeliness of reports (units x periods: on time, late, missing,
not yet due) and reporting rates; the overdue reports; the data sources,
illustrative values marked as such.

  --html FILE   one self-contained HTML file (no script, font or image to
                fetch: it can be mailed and opened offline)
  --md FILE     the same facts as Markdown text

With neither, the Markdown goes to standard output; FILE "-" is standard
output too. Vietnamese by default, English with --lang en. A derived
indicator's formula is read from --plugins.]]

local opts = pw.parse_args(pw.args, { html = "value", md = "value" }, usage, 0)
if opts.help then return 0 end

local today = pw.today()
local F = facts.gather(today)
if not F then
  pw.err(text.words(pw.opt.lang).no_plan, "\n")
  return 1
end
for _, t in ipairs(F.targets) do
  if t.error then pw.err("planwatch: ", t.indicator, ": ", t.error, "\n") end
end

local function emit(path, body)
  if path == "-" then
    pw.out(body)
  else
    local ok, err = pw.write_file(path, body)
    if not ok then pw.fail(err) end
  end
end

if opts.html then emit(opts.html, require("report_html").render(F, pw.opt.lang)) end
if opts.md or not opts.html then emit(opts.md or "-", require("report_md").render(F, pw.opt.lang)) end
return 0
