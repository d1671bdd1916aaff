--! planwatch: writes-to --html --md --docx
-- planwatch report: the full progress report for the provincial leaders,
-- as one self-contained HTML page and/or Markdown text, for --today; and
-- the yearly implementation report as an official document (--docx).
local facts = require "report_facts"
local text = require "report_text"

local usage = require("words").say("usage.report")

local opts = pw.parse_args(pw.args, { html = "value", md = "value", docx = "value",
  period = "value", plan = "value" }, usage, 0)
if opts.help then return 0 end

local W = text.words(pw.opt.lang)
local E = require("words").of("cli").report

local today = pw.today()
local F = facts.gather(today, require("plans").choose(opts.plan, "report"))
if not F then
  pw.err(W.no_plan, "\n")
  return 1
end
local warned = {}
for _, t in ipairs(F.targets) do
  local warning = t.error and pw.out_module.escape("planwatch: " .. t.indicator .. ": "
    .. require("words").message(t.error)) .. "\n"
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
