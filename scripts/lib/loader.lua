-- Reading, checking and applying a plan package (see plugins/README.md).
--
-- read() runs every file in its own sandbox (pw.plugin). check() validates
-- each file on its own and against the others: a file whose references do not
-- resolve is set aside, and the rest are checked again without it until no
-- file changes side, so the files left valid are consistent with each other
-- and with the database. apply() writes the valid files in one transaction
-- and retires what they no longer declare.
local json = require "json"
local due = require "due"
local model = require "model"
local owners = require "owners"
local model_rows = require "model_rows"
local world = require "world_load"
local table_write = require "table_write"

local loader = {}

-- The tables declarations land in (model.lua): key columns, the other
-- columns, and what a row is called in messages; in the order written.
local tables, ORDER, NOUN = model_rows.tables, {}, {}
for _, kind in ipairs(model.order) do
  local k = model.kinds[kind]
  ORDER[#ORDER + 1], NOUN[k.table] = k.table, k.noun
end

loader.NOUN = NOUN

local function basename(path) return path:match("([^/]+)/*$") or path end

-- Read the package in dir: every *.lua file, plan.lua first.
function loader.read(dir)
  dir = dir:gsub("/+$", "")
  local names, err = pw.list_dir(dir)
  if not names then pw.fail(err) end
  local pkg = { dir = dir, name = basename(dir), files = {}, present = {} }
  local has_plan = false
  for _, n in ipairs(names) do if n == "plan.lua" then has_plan = true end end
  if not has_plan then pw.fail(dir .. ": not a plan package (no plan.lua)") end
  table.sort(names, function(a, b)
    if (a == "plan.lua") ~= (b == "plan.lua") then return a == "plan.lua" end
    return a < b
  end)
  for _, n in ipairs(names) do
    if n:match("%.lua$") then
      local f = { name = n, path = dir .. "/" .. n, source = pkg.name .. "/" .. n,
                  is_plan = n == "plan.lua", problems = {}, decls = {} }
      pkg.present[f.source] = true
      local res, msg = pw.plugin(f.path)
      if not res then
        f.problems[1] = msg
      else
        f.decls, f.unit, f.text = res.decls, res.unit, res.source
        for _, p in ipairs(res.problems) do
          f.problems[#f.problems + 1] = string.format("%s:%d: %s", f.path, p.line, p.message)
        end
      end
      f.broken = #f.problems > 0
      pkg.files[#pkg.files + 1] = f
    end
  end
  return pkg
end

local function problem(f, d, fmt, ...)
  local line = d and d.line or 1
  f.problems[#f.problems + 1] = string.format("%s:%d: " .. fmt, f.path, line, ...)
end

-- Rows of table t already in the database, except those the valid files
-- will replace (a file with problems changes nothing, so its rows stay).
local function stored(pkg, t, cols)
  if not pw.exists(pw.opt.db) then return {} end -- check before any init
  local replaced = {}
  for _, f in ipairs(pkg.files) do
    if not f.broken then replaced[f.source] = true end
  end
  local rows = pw.sql("SELECT " .. cols .. ", source FROM " .. t ..
                      " WHERE retired_at IS NULL")
  local kept = {}
  for _, r in ipairs(rows) do
    if not replaced[r.source or ""] then kept[#kept + 1] = r end
  end
  return kept
end

-- What references may point to: the database, plus the valid files.
local function known(pkg)
  local k = { units = {}, aliases = {}, indicators = {}, goals = {}, groups = {} }
  for _, r in ipairs(stored(pkg, "units", "code, aliases")) do
    k.units[r.code] = true
    for _, a in ipairs(r.aliases and json.decode(r.aliases) or {}) do k.aliases[a] = r.code end
  end
  for _, r in ipairs(stored(pkg, "indicators", "code, owner")) do k.indicators[r.code] = r.owner or false end
  for _, r in ipairs(stored(pkg, "goals", "code")) do k.goals[r.code] = true end
  for _, r in ipairs(stored(pkg, "task_groups", "no")) do k.groups[r.no] = true end
  for _, f in ipairs(pkg.files) do
    if not f.broken then
      for _, d in ipairs(f.decls) do
        if d.decl == "unit" then k.units[d.code] = true
        elseif d.decl == "indicator" then k.indicators[d.code] = d.owner or (f.unit and f.unit.code) or false
        elseif d.decl == "goal" then k.goals[d.code] = true
        elseif d.decl == "group" then k.groups[d.no] = true end
      end
    end
  end
  return k
end

-- The plan the package declares (from plan.lua, else the database).
local function plan_of(pkg)
  local pf = pkg.files[1]
  if pf and pf.is_plan and not pf.broken then
    for _, d in ipairs(pf.decls) do
      if d.decl == "plan" then
        local a, b = d.span:match("^(%d+)/(%d+)$")
        return { id = d.id, span_from = tonumber(a), span_to = tonumber(b) }
      end
    end
  end
  if not pw.exists(pw.opt.db) then return nil end
  local rows = pw.sql("SELECT id, span_from, span_to FROM plans WHERE source = ?",
                      pkg.name .. "/plan.lua")
  return rows[1]
end

-- Checks of a file on its own: where each kind may stand, the plan header.
local function check_shape(f)
  local plans = 0
  for _, d in ipairs(f.decls) do
    if d.decl == "plan" then plans = plans + 1 end
    local kind = model.kinds[d.decl]
    if not f.is_plan and kind and kind.where == "plan" then
      problem(f, d, "%s can only be declared in plan.lua", d.decl)
    end
  end
  if f.is_plan then
    if f.unit then problem(f, f.unit, "plan.lua belongs to no unit; remove unit \"%s\"", f.unit.code) end
    if plans ~= 1 then problem(f, nil, "plan.lua must declare the plan exactly once (found %d)", plans) end
  elseif not f.unit then
    problem(f, nil, 'a unit plugin must start with unit "CODE"')
  end
end

local function need(f, d, set, value, what)
  if value ~= nil and set[value] == nil then
    problem(f, d, "%s: unknown %s '%s'", d.decl, what, tostring(value))
  end
end

local checkers = {}

-- The most holidays plan.lua may list: with the fixed-date ones of the
-- years it lists none for (4 a year over at most 50 years), they fit the
-- calendar of pw.period (1,024 days).
local HOLIDAYS_MAX = 800

function checkers.plan(f, d)
  if d.timezone then
    local ok, why = pw.valid_zone(d.timezone)
    if not ok then problem(f, d, "plan: field 'timezone': %s", why) end
  end
  local n = 0
  for _, h in ipairs(f.decls) do if h.decl == "holiday" then n = n + 1 end end
  if n > HOLIDAYS_MAX then
    problem(f, d, "plan: at most %d holidays may be listed (found %d)", HOLIDAYS_MAX, n)
  end
end

function checkers.unit(f, d, k)
  need(f, d, k.units, d.parent, "parent unit")
  if d.members and d.kind ~= "group" then
    problem(f, d, "unit: only a unit of kind 'group' has members")
  end
  for _, u in ipairs(d.members or {}) do
    need(f, d, k.units, u, "member unit")
    if u == d.code then problem(f, d, "unit: a group cannot be its own member") end
  end
end

function checkers.indicator(f, d, k)
  need(f, d, k.indicators, d.of, "indicator")
  need(f, d, k.goals, d.goal, "goal")
  need(f, d, k.units, d.owner, "owner unit")
  if d.rule == "cagr" and not d.of then problem(f, d, "indicator: rule cagr needs 'of'") end
end

function checkers.target(f, d, k, plan)
  need(f, d, k.indicators, d.indicator, "indicator")
  need(f, d, k.goals, d.goal, "goal")
  if (d.window == nil) == (d.by == nil) then
    problem(f, d, "target: give either window or by")
  end
  if d.by and plan and d.by < plan.span_from then
    problem(f, d, "target: by %d is before the plan starts (%d)", d.by, plan.span_from)
  end
  if (d.op == "between") ~= (type(d.value) == "table") then
    problem(f, d, "target: op 'between' takes {low, high}; other ops take a number")
  end
  if d.tolerance and d.op ~= "~" then
    problem(f, d, "target: 'tolerance' goes with op '~' only")
  end
  if f.unit and k.indicators[d.indicator] ~= nil then
    owners.own(f, d, k.indicators[d.indicator] or "the plan", "indicator " .. d.indicator)
  end
end

function checkers.task(f, d, k)
  need(f, d, k.units, d.lead, "lead unit")
  if type(d.support) == "table" then
    for _, u in ipairs(d.support) do need(f, d, k.units, u, "coordinating unit") end
  end
  need(f, d, k.groups, d.group, "task group")
  if not f.unit and not d.lead then problem(f, d, "task: field 'lead' is required") end
end

function checkers.duty(f, d, k)
  local from = type(d.from) == "table" and d.from or { d.from }
  for _, u in ipairs(from) do
    need(f, d, k.units, u, "reporting unit")
  end
  if not f.unit and not d.from then problem(f, d, "duty: field 'from' is required in plan.lua") end
  for _, u in ipairs(type(d.to) == "table" and d.to or { d.to }) do
    need(f, d, k.units, u, "recipient unit")
  end
  if d.escalate then need(f, d, k.units, d.escalate.to, "escalation unit") end
  local why = due.problem(d.every, d.due)
  if why then problem(f, d, "%s", why) end
end

function checkers.budget(f, d, k)
  need(f, d, k.units, d.unit, "unit")
end

function checkers.validate(f, d, k)
  need(f, d, k.indicators, d.indicator, "indicator")
  if f.unit and k.indicators[d.indicator] ~= nil then
    owners.own(f, d, k.indicators[d.indicator] or "the plan", "indicator " .. d.indicator)
  end
end

local function mark_broken(pkg)
  local changed = false
  for _, f in ipairs(pkg.files) do
    if not f.broken and #f.problems > 0 then f.broken, changed = true, true end
  end
  return changed
end

-- Check every valid file's references, setting aside the files with
-- problems until none changes side.
local function check_references(pkg)
  repeat
    mark_broken(pkg)
    pkg.plan = plan_of(pkg)
    local k = known(pkg)
    for _, f in ipairs(pkg.files) do
      if not f.broken then
        if not pkg.plan then problem(f, nil, "the plan is not loaded: fix plan.lua first") end
        if f.unit and not k.units[f.unit.code] then
          problem(f, f.unit, "unit: '%s' is not a unit of the plan (declare it in plan.lua)", f.unit.code)
        end
        for _, d in ipairs(f.decls) do
          local c = checkers[d.decl]
          if c then c(f, d, k, pkg.plan) end
          owners.unit_rule(f, d)
        end
        if f.is_plan and pkg.plan then world.check(f, pkg, k, problem) end
      end
    end
  until not mark_broken(pkg)
end

-- Check the package; returns the number of files with problems.
function loader.check(pkg)
  for _, f in ipairs(pkg.files) do
    if not f.broken then check_shape(f) end
  end
  check_references(pkg)
  owners.check(pkg)
  owners.check_aliases(pkg)
  if mark_broken(pkg) then check_references(pkg) end
  local bad = 0
  for _, f in ipairs(pkg.files) do if f.broken then bad = bad + 1 end end
  return bad
end

-- Sources under this package in the database whose file is gone.
local function vanished(pkg)
  local gone = {}
  for t in pairs(tables) do
    for _, r in ipairs(pw.sql("SELECT DISTINCT source FROM " .. t ..
        " WHERE source LIKE ? AND retired_at IS NULL", pkg.name .. "/%")) do
      if not pkg.present[r.source] then gone[r.source] = true end
    end
  end
  return gone
end

-- Record what was accepted of each valid file (its text and its
-- validation rules), and forget the files that are gone: import runs the
-- rules recorded here, on the text recorded here.
local function record_files(pkg)
  for _, r in ipairs(pw.sql("SELECT source FROM plugin_files WHERE source LIKE ?",
                            pkg.name .. "/%")) do
    if not pkg.present[r.source] then
      pw.exec("DELETE FROM plugin_files WHERE source = ?", r.source)
    end
  end
  for _, f in ipairs(pkg.files) do
    if not f.broken then
      pw.exec([[INSERT INTO plugin_files (source, text, loaded_at) VALUES (?, ?, ?)
        ON CONFLICT (source) DO UPDATE SET text = excluded.text, loaded_at = excluded.loaded_at
        WHERE text IS NOT excluded.text]], f.source, f.text or "", pw.now())
      pw.exec("DELETE FROM rules WHERE source = ?", f.source)
      for _, d in ipairs(f.decls) do
        if d.decl == "validate" then
          pw.exec("INSERT OR IGNORE INTO rules (source, indicator, line) VALUES (?, ?, ?)",
                  f.source, d.indicator, d.line)
        end
      end
    end
  end
end

-- Write the valid files in one transaction. Returns changes by source.
function loader.apply(pkg)
  local changes = {}
  local groups = model_rows.groups(pkg)
  pw.transaction(function()
    local rows = {}
    for _, t in ipairs(ORDER) do rows[t] = {} end
    local sources = vanished(pkg)
    if pkg.plan then pkg.plan.ends = world.ends(pkg) end
    for _, f in ipairs(pkg.files) do
      if not f.broken then
        sources[f.source] = true
        local ctx = owners.context(f, pkg.plan)
        ctx.groups = groups
        for _, d in ipairs(f.decls) do
          local t, made = model_rows.of(d, ctx)
          for _, row in ipairs(made or {}) do
            local list = rows[t]
            list[#list + 1] = { row = row, source = f.source }
          end
        end
      end
    end
    local seen = {}
    for _, t in ipairs(ORDER) do
      for _, w in ipairs(table_write.write(t, rows[t], seen)) do
        local list = changes[w.source] or {}
        changes[w.source] = list
        list[#list + 1] = w.change
      end
    end
    for _, t in ipairs(ORDER) do table_write.retire(t, sources, seen, changes) end
    if pkg.plan then world.rebuild(pkg.plan) end
    record_files(pkg)
    owners.record(pkg, sources)
  end)
  return changes
end

-- The package folders under dir: dir itself when it holds plan.lua.
function loader.packages(dir)
  dir = dir:gsub("/+$", "")
  local names, err = pw.list_dir(dir)
  if not names then pw.fail(err) end
  for _, n in ipairs(names) do
    if n == "plan.lua" then return { dir } end
  end
  local found = {}
  for _, n in ipairs(names) do
    if pw.is_dir(dir .. "/" .. n) and pw.read_file(dir .. "/" .. n .. "/plan.lua") then
      found[#found + 1] = dir .. "/" .. n
    end
  end
  if #found == 0 then pw.fail(dir .. ": no plan package here (no plan.lua)") end
  return found
end

-- Print every problem to stderr; returns how many files had some.
function loader.report_problems(pkg)
  local bad = 0
  for _, f in ipairs(pkg.files) do
    if f.broken then
      bad = bad + 1
      for _, p in ipairs(f.problems) do pw.err(pw.out_module.escape(p), "\n") end
      pw.err(pw.out_module.escape(require("words").say("cli.load.not_applied", f.path)), "\n")
    end
  end
  return bad
end

return loader
