--! planwatch: writes-to --out
-- planwatch import-plan FILE.txt --out DIR: draft a plan package from the
-- published text of a plan (see scripts/lib/planparse.lua).
local planparse = require "planparse"
local emit = require "planparse_emit"
local loader = require "loader"

local words = require "words"
local usage = words.say("usage.import-plan")

local opts, pos = pw.parse_args(pw.args, { out = "value", id = "value", force = "boolean" },
                                usage, 1)
if opts.help then return 0 end
local path = pos[1]
if not path then pw.fail(words.say("cli.import_plan.which") .. "\n" .. usage) end
if not opts.out then pw.fail(words.say("cli.import_plan.where") .. "\n" .. usage) end

local function basename(p) return p:match("([^/]+)/*$") or p end

local out = opts.out:gsub("/+$", "")
if out == "" then out = "/" end
local id = opts.id or basename(out)
if not id:match("^[%w][%w._-]*$") then
  pw.fail(words.say("cli.import_plan.bad_id", id))
end
if pw.exists(out) and not pw.is_dir(out) then pw.fail(words.say("cli.import_plan.not_folder", out)) end
local present = pw.is_dir(out) and pw.list_dir(out) or {}
if #present > 0 and not opts.force then
  pw.fail(words.say("cli.import_plan.not_empty", out))
end

local text, err = pw.read_file(path)
if not text then pw.fail(err) end
local doc, why = planparse.read(text)
if not doc then pw.fail(path .. ": " .. why) end
local files, counts = emit.package(doc, { id = id, source = basename(path) })

if not pw.is_dir(out) then
  if not pw.mkdir then
    pw.fail(words.say("cli.import_plan.missing", out, out))
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
    pw.err(words.say("cli.import_plan_out.not_written", out, name), "\n")
  end
end

local names = {}
for i, f in ipairs(files) do names[i] = f.name end
pw.out(words.say("cli.import_plan_out.wrote", out, table.concat(names, ", ")), "\n")
pw.out(words.say("cli.import_plan_out.counts", counts.tasks, counts.targets, counts.plan_targets,
  counts.goals, counts.units), "\n")
pw.out(words.say("cli.import_plan_out.duties", counts.duties), "\n")
for _, u in ipairs(counts.unused) do
  pw.out(words.say("cli.import_plan_out.unused", u.review.line, table.concat(u.numbers, ", "),
    u.review.quote), "\n")
end
for _, u in ipairs(counts.new_units) do
  pw.out(words.say("cli.import_plan_out.new_unit", u.code, u.name, u.line), "\n")
end
pw.out(words.say("cli.import_plan_out.reviews", #doc.reviews), "\n")

local pkg = loader.read(out)
local bad = loader.check(pkg)
loader.report_problems(pkg)
pw.out(words.say("cli.import_plan_out.check", #pkg.files, bad), "\n")
return (bad > 0 or #doc.warnings > 0) and 1 or 0
