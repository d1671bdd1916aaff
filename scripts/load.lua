--! planwatch: write
-- planwatch load [DIR]: validate plan packages, then apply the valid files.
local loader = require "loader"

local words = require "words"
local usage = words.say("usage.load")
local L = words.of("cli").load

local opts, pos = pw.parse_args(pw.args, { quiet = "boolean" }, usage, 1)
if opts.help then return 0 end

local function summary(list)
  local counts, order = {}, {}
  for _, c in ipairs(list) do
    if not counts[c.action] then order[#order + 1] = c.action end
    counts[c.action] = (counts[c.action] or 0) + 1
  end
  local parts = {}
  for _, a in ipairs(order) do parts[#parts + 1] = counts[a] .. " " .. (L.actions[a] or a) end
  return table.concat(parts, ", ")
end

local esc = pw.out_module.escape

-- A change's row in words: its kind in the run's language, then its key.
local function what_of(c)
  local noun = loader.NOUN[c.table]
  if not noun then return c.what end
  return (L.nouns[c.table] or noun) .. c.what:sub(#noun + 1)
end
local bad = 0
for _, dir in ipairs(loader.packages(pos[1] or pw.opt.plugins)) do
  local pkg = loader.read(dir)
  loader.check(pkg)
  bad = bad + loader.report_problems(pkg)
  local changes = loader.apply(pkg)
  local sources = {}
  for s in pairs(changes) do sources[#sources + 1] = s end
  table.sort(sources)
  for _, s in ipairs(sources) do
    pw.out(esc(s), ": ", summary(changes[s]), "\n")
    if not opts.quiet and #changes[s] <= 40 then
      for _, c in ipairs(changes[s]) do
        pw.out("  ", L.actions[c.action] or c.action, " ", esc(what_of(c)), "\n")
      end
    end
  end
  if #sources == 0 then pw.out(esc(words.say("cli.load.no_changes", dir)), "\n") end
end
return bad > 0 and 1 or 0
