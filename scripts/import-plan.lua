--! planwatch: writes-to --out
-- planwatch import-plan FILE.txt --out DIR: draft a plan package from the
-- published text of a plan (see scripts/lib/planparse.lua).
local planparse = require "planparse"
local emit = require "planparse_emit"
local loader = require "loader"

local usage = [[usage: planwatch import-plan FILE.txt --out DIR [--id ID] [--force]

Reads a plan as published (UTF-8 text, one paragraph or table cell a line)
and writes a plan package draft to DIR: plan.lua (the plan, its units, goals,
task groups, plan-level indicators and targets, the reporting duties of its
section IV, funding) and one file per lead unit with its appendix tasks and
their targets. Every value read with doubt is marked "-- REVIEW:" with its
source line, and listed on stderr; a date or number of section IV that no
duty uses is listed as "not used".
The draft is checked as `planwatch check DIR` would.

  --out DIR   the package folder: missing or empty (--force writes into a
              folder that is not, replacing the files it writes); never
              under the plugins folder: review the draft, then move it there
  --id ID     the plan's id (default: DIR's name)

Exit 0 when written, 1 when written but part of the text could not be read
(no appendix, a table cut short) or the draft fails its check, 2 when
nothing was written.]]

local opts, pos = pw.parse_args(pw.args, { out = "value", id = "value", force = "boolean" },
                                usage, 1)
if opts.help then return 0 end
local path = pos[1]
if not path then pw.fail("which text? give FILE.txt\n" .. usage) end
if not opts.out then pw.fail("where to? give --out DIR\n" .. usage) end

local function basename(p) return p:match("([^/]+)/*$") or p end

local out = opts.out:gsub("/+$", "")
if out == "" then out = "/" end
local id = opts.id or basename(out)
if not id:match("^[%w][%w._-]*$") then
  pw.fail("--id must be letters, digits, '.', '_' or '-', not '" .. id .. "'")
end
if pw.exists(out) and not pw.is_dir(out) then pw.fail(out .. " is not a folder") end
local present = pw.is_dir(out) and pw.list_dir(out) or {}
if #present > 0 and not opts.force then
  pw.fail(out .. " is not empty: choose another --out, or give --force to write into it")
end

local text, err = pw.read_file(path)
if not text then pw.fail(err) end
local doc, why = planparse.read(text)
if not doc then pw.fail(path .. ": " .. why) end
local files, counts = emit.package(doc, { id = id, source = basename(path) })

if not pw.is_dir(out) then
  if not pw.mkdir then
    pw.fail(out .. " does not exist: create it first (mkdir -p " .. out .. ")")
  end
  local ok, merr = pw.mkdir(out)
  if not ok then pw.fail(merr) end
end
local written = {}
for _, f in ipairs(files) do
  local ok, werr = pw.write_file(out .. "/" .. f.name, f.text)
  if not ok then pw.fail(werr) end
  written[f.name] = true
end

for _, r in ipairs(doc.reviews) do
  pw.err(string.format("%s:%d: REVIEW: %s: \"%s\"\n", path, r.line, r.reason, r.quote))
end
for _, w in ipairs(doc.warnings) do
  pw.err(string.format("%s:%s warning: %s\n", path, w.line and (w.line .. ":") or "", w.message))
end
for _, name in ipairs(present) do
  if name:match("%.lua$") and not written[name] then
    pw.err(string.format("%s/%s: warning: not written by this import, left as it is\n", out, name))
  end
end

local names = {}
for i, f in ipairs(files) do names[i] = f.name end
pw.out(string.format("%s: wrote %s\n", out, table.concat(names, ", ")))
pw.out(string.format("  %d tasks, %d targets (%d plan-level), %d goals, %d units\n",
  counts.tasks, counts.targets, counts.plan_targets, counts.goals, counts.units))
pw.out(string.format("  %d reporting duties\n", counts.duties))
for _, u in ipairs(counts.unused) do
  pw.out(string.format("  not used: line %d: %s: \"%s\"\n", u.review.line,
    table.concat(u.numbers, ", "), u.review.quote))
end
for _, u in ipairs(counts.new_units) do
  pw.out(string.format("  new unit %s \"%s\" (line %d)\n", u.code, u.name, u.line))
end
pw.out(string.format("  %d value(s) to review, marked \"-- REVIEW:\" in the files\n", #doc.reviews))

local pkg = loader.read(out)
local bad = loader.check(pkg)
loader.report_problems(pkg)
pw.out(string.format("  check: %d file(s), %d with problems\n", #pkg.files, bad))
return (bad > 0 or #doc.warnings > 0) and 1 or 0
