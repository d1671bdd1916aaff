--! planwatch: writes-to --html --md --docx
-- planwatch report: the full progress report for the provincial leaders,
-- as one self-contained HTML page and/or Markdown text, for --today; and
-- the yearly implementation report as an official document (--docx).
local facts = require "report_facts"
local text = require "report_text"

local usage = [==[usage: planwatch report [--html FILE] [--md FILE] [--docx FILE [--period YEAR]]
                        [--plan ID] [--today YYYY-MM-DD] [--lang vi|en]

Writes the progress report: the plan's header; each target with its actual
value, what it requires, where the trend leads, its status and a progress
bar; each indicator's trend against its target (a chart); the tasks by lead
unit; the timeliness of reports (units x periods: on time, late, missing,
not yet due) and reporting rates; the overdue reports; the data sources,
illustrative values marked as such.

  --html FILE     one self-contained HTML file (no script, font or image to
                  fetch: it can be mailed and opened offline)
  --md FILE       the same facts as Markdown text
  --docx FILE     the yearly implementation report as an official document
                  (Word, laid out as Decree 30/2020/ND-CP sets out), drafted
                  for the plan's focal unit to complete, sign and send: the
                  results filled in from the data, placeholders for the rest
  --period YEAR   the year the --docx report covers (default: the year of
                  --today); its figures are those of 31 December of that
                  year, or of --today if earlier
  --plan ID       the plan (default: the only one loaded; with several, say which)

With none, the Markdown goes to standard output; FILE "-" is standard
output too (not for --docx). Vietnamese by default, English with --lang en.
A derived indicator's formula is read from --plugins. The DOCX templates are
scripts/templates/docx/*.xml; a plan package may replace any of them with a
file of the same name in its own templates/docx/ folder.]==]

local opts = pw.parse_args(pw.args, { html = "value", md = "value", docx = "value",
  period = "value", plan = "value" }, usage, 0)
if opts.help then return 0 end

local W = text.words(pw.opt.lang)
local errors = {
  vi = { period = "report: --period: năm phải từ %d đến %d, không phải '%s'",
    stdout = "report: --docx: cần tên tệp, không ghi ra đầu ra chuẩn",
    period_alone = "report: --period chỉ dùng cùng --docx",
    write = "report: không ghi được %s: %s" },
  en = { period = "report: --period: the year must be from %d to %d, not '%s'",
    stdout = "report: --docx: needs a file name, not standard output",
    period_alone = "report: --period goes with --docx",
    write = "report: cannot write %s: %s" },
}
local E = errors[pw.opt.lang] or errors.vi

local today = pw.today()
local F = facts.gather(today, require("plans").choose(opts.plan, "report"))
if not F then
  pw.err(W.no_plan, "\n")
  return 1
end
local warned = {}
for _, t in ipairs(F.targets) do
  local warning = t.error and pw.out_module.escape("planwatch: " .. t.indicator .. ": " .. t.error) .. "\n"
  if warning and not warned[warning] then -- once, not once per target
    warned[warning] = true
    pw.err(warning)
  end
end

local function emit(path, body)
  if path == "-" then
    pw.out(pw.out_module.escape(body, true))
  else
    local ok, err = pw.write_file(path, body)
    if not ok then pw.fail(string.format(E.write, path, tostring(err))) end
  end
end

-- The yearly report as a DOCX: its figures are those of the period's last
-- day, or of today if that is earlier.
local function write_docx(path)
  if path == "-" then pw.fail(E.stdout) end
  local this_year, plan = tonumber(today:sub(1, 4)), F.plan
  local period = tonumber(opts.period or this_year)
  local last = math.min(plan.span_to, this_year)
  if not period or math.type(period) ~= "integer" or period < plan.span_from or period > last then
    pw.fail(string.format(E.period, plan.span_from, last, tostring(opts.period)))
  end
  local as_of = period == this_year and today or (period .. "-12-31")
  local G = as_of == today and F or facts.gather(as_of, plan.id)
  local docx = require "report_docx"
  local ok, err = pw.zip_write(path, docx.entries(G, docx.gather(G, period), pw.opt.lang))
  if not ok then pw.fail(err) end
end

if opts.period and not opts.docx then pw.fail(E.period_alone) end
if opts.html then emit(opts.html, require("report_html").render(F, pw.opt.lang)) end
if opts.docx then write_docx(opts.docx) end
if opts.md or not (opts.html or opts.docx) then
  emit(opts.md or "-", require("report_md").render(F, pw.opt.lang))
end
return 0
