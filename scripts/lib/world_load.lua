-- The plan's world over time, as `load` checks and stores it: units'
-- dates and `succession` declarations (plugins/README.md, "When the
-- organisation changes"). scripts/lib/world.lua answers questions about it
-- at run time.
--
-- A unit is alive on day d when from <= d < ends (a missing bound is
-- open). A succession taking effect on D ends each of its units on D (their
-- `ends` is D, declared or not) and hands what falls due from D on to its
-- successor, which must be alive on D.
local json = require "json"

local world_load = {}

local function list(v)
  if v == nil then return {} end
  return type(v) == "table" and v or { v }
end

-- The identity of a succession: its date, the units it ends and its
-- successor ("2025-03-01/SKHDT>STC").
function world_load.key(d)
  return require("model").succession_key(d)
end

-- The declarations of kind `decl` in plan.lua.
local function decls_of(f, decl)
  local out = {}
  for _, d in ipairs(f.decls) do
    if d.decl == decl then out[#out + 1] = d end
  end
  return out
end

-- The successors a succession names for unit u: its default and those of
-- its duty and task maps.
local function heirs(s)
  local out = {}
  if s.to then out[#out + 1] = s.to end
  for _, u in pairs(s.duties or {}) do out[#out + 1] = u end
  for _, u in pairs(s.tasks or {}) do out[#out + 1] = u end
  return out
end

-- The shape a succession's kind asks for; reports through say(field, fmt, ...).
local function check_kind(d, say)
  local from = list(d.from)
  if d.kind == "end" then
    if d.to or d.duties or d.tasks then say("to", "an end has no successor: remove to, duties and tasks") end
    return
  end
  if not d.to then say("to", "a %s needs a successor", d.kind) end
  if (d.kind == "rename" or d.kind == "split") and #from ~= 1 then
    say("from", "a %s has exactly one unit (found %d)", d.kind, #from)
  end
  if d.kind ~= "split" and (d.duties or d.tasks) then
    say(d.duties and "duties" or "tasks", "only a split hands duties or tasks to other units")
  end
  for _, u in ipairs(from) do
    for _, h in ipairs(heirs(d)) do
      if h == u then say("to", "unit '%s' cannot succeed itself", u) end
    end
  end
end

-- A cycle among the successions (unit -> successor -> ... -> unit), as
-- "A → B → A", or nil.
local function cycle(ss)
  local next_of = {}
  for _, d in ipairs(ss) do
    for _, u in ipairs(list(d.from)) do
      next_of[u] = next_of[u] or {}
      for _, h in ipairs(heirs(d)) do table.insert(next_of[u], h) end
    end
  end
  local state, path = {}, {}
  local function visit(u)
    if state[u] == "open" then
      local i = #path
      while path[i] ~= u do i = i - 1 end
      local ring = { table.unpack(path, i) }
      ring[#ring + 1] = u
      return table.concat(ring, " → ")
    end
    if state[u] then return nil end
    state[u], path[#path + 1] = "open", u
    for _, h in ipairs(next_of[u] or {}) do
      local c = visit(h)
      if c then return c end
    end
    state[u], path[#path] = "done", nil
  end
  local starts = {}
  for u in pairs(next_of) do starts[#starts + 1] = u end
  table.sort(starts)
  for _, u in ipairs(starts) do
    local c = visit(u)
    if c then return c end
  end
end

-- Check plan.lua's units' dates and successions against each other and
-- the plan's span. problem(f, d, fmt, ...) records a problem at d's line.
function world_load.check(f, pkg, k, problem)
  local units = {}
  for _, u in ipairs(decls_of(f, "unit")) do
    units[u.code] = u
    if u.from and u.ends and u.ends <= u.from then
      problem(f, u, "unit: field 'ends': %s is not after its from (%s)", u.ends, u.from)
    end
  end
  local ss = decls_of(f, "succession")
  if #ss == 0 then return end
  local first = string.format("%04d-01-01", pkg.plan.span_from)
  local last = string.format("%04d-12-31", pkg.plan.span_to)
  local ended = {}
  for _, d in ipairs(ss) do
    local function say(field, fmt, ...)
      problem(f, d, "succession: field '" .. field .. "': " .. fmt, ...)
    end
    check_kind(d, say)
    if d.date < first or d.date > last then
      say("date", "%s is outside the plan's span (%s to %s)", d.date, first, last)
    end
    for _, u in ipairs(list(d.from)) do
      if not k.units[u] then say("from", "unknown unit '%s'", u)
      elseif ended[u] then
        local o = ended[u]
        if o.date == d.date then
          say("from", "unit '%s' is already succeeded on %s at line %d (a unit is merged or ended once)",
            u, d.date, o.line)
        else
          say("from", "unit '%s' already ended on %s at line %d", u, o.date, o.line)
        end
      else
        ended[u] = d
        local decl = units[u]
        if decl and decl.from and decl.from >= d.date then
          say("date", "unit '%s' starts on %s, not before the succession (%s)", u, decl.from, d.date)
        end
        if decl and decl.ends and decl.ends ~= d.date then
          say("date", "unit '%s' declares ends = %s; a succession on %s ends it on that day",
            u, decl.ends, d.date)
        end
      end
    end
    if d.to and not k.units[d.to] then say("to", "unknown unit '%s'", d.to) end
    -- A duty or task named here need not be declared (a unit file may be
    -- removed later without making plan.lua wrong); its new unit must be.
    for _, u in pairs(d.duties or {}) do
      if not k.units[u] then say("duties", "unknown unit '%s'", u) end
    end
    for _, u in pairs(d.tasks or {}) do
      if not k.units[u] then say("tasks", "unknown unit '%s'", u) end
    end
  end
  local c = cycle(ss)
  if c then problem(f, ss[1], "succession: field 'to': the successions go round in a cycle: %s", c) return end
  -- Each successor must be alive on the day it takes over.
  for _, d in ipairs(ss) do
    for _, h in ipairs(heirs(d)) do
      local decl, gone = units[h], ended[h]
      if decl and decl.from and decl.from > d.date then
        problem(f, d, "succession: field 'to': unit '%s' starts on %s, after the succession (%s)",
          h, decl.from, d.date)
      end
      local ends = gone and gone.date or decl and decl.ends
      if ends and ends <= d.date then
        problem(f, d, "succession: field 'to': unit '%s' ends on %s, so it cannot take over on %s",
          h, ends, d.date)
      end
    end
  end
end

-- The day each unit ends through a succession, by code.
function world_load.ends(pkg)
  local out = {}
  local f = pkg.files[1]
  if not (f and f.is_plan and not f.broken) then return out end
  for _, d in ipairs(decls_of(f, "succession")) do
    for _, u in ipairs(list(d.from)) do out[u] = d.date end
  end
  return out
end

-- The successions row of a declaration.
function world_load.row(d, plan)
  local tasks
  if d.tasks then
    tasks = {}
    for no, u in pairs(d.tasks) do tasks[tostring(no)] = u end
  end
  return { plan_id = plan.id, key = world_load.key(d), date = d.date, kind = d.kind,
    units = json.encode(list(d.from)), successor = d.to,
    duties = d.duties and json.encode(d.duties) or nil,
    tasks = tasks and json.encode(tasks) or nil, basis = d.basis, note = d.note }
end

-- Rebuild what follows from the stored successions: unit_successions (one
-- row per unit ended, and per duty or task handed to another unit) and
-- task_leads (each task's lead over time).
function world_load.rebuild(plan)
  pw.exec("DELETE FROM unit_successions WHERE plan_id = ?", plan.id)
  pw.exec("DELETE FROM task_leads WHERE plan_id = ?", plan.id)
  local succ = {}
  for _, s in ipairs(pw.sql([[SELECT key, date, units, successor, duties, tasks FROM successions
      WHERE plan_id = ? AND retired_at IS NULL ORDER BY date, key]], plan.id)) do
    local dmap = s.duties and json.decode(s.duties) or {}
    local tmap = s.tasks and json.decode(s.tasks) or {}
    for _, u in ipairs(json.decode(s.units)) do
      succ[u] = { date = s.date, to = s.successor, tasks = tmap, key = s.key }
      pw.exec([[INSERT INTO unit_successions (unit, date, successor, plan_id, succession)
        VALUES (?, ?, ?, ?, ?)]], u, s.date, s.successor, plan.id, s.key)
      for duty, h in pairs(dmap) do
        pw.exec([[INSERT INTO unit_successions (unit, date, successor, duty, plan_id, succession)
          VALUES (?, ?, ?, ?, ?, ?)]], u, s.date, h, duty, plan.id, s.key)
      end
      for no, h in pairs(tmap) do
        pw.exec([[INSERT INTO unit_successions (unit, date, successor, task_no, plan_id, succession)
          VALUES (?, ?, ?, ?, ?, ?)]], u, s.date, h, math.tointeger(tonumber(no)), plan.id, s.key)
      end
    end
  end
  local until_of = {}
  for _, u in ipairs(pw.sql("SELECT code, valid_until FROM units WHERE retired_at IS NULL")) do
    until_of[u.code] = u.valid_until
  end
  for _, t in ipairs(pw.sql("SELECT no, lead FROM tasks WHERE plan_id = ? AND retired_at IS NULL", plan.id)) do
    local lead, from, via, seen = t.lead, nil, nil, {}
    while lead and not seen[lead] do
      seen[lead] = true
      local s = succ[lead]
      local upto = s and s.date or until_of[lead]
      pw.exec([[INSERT OR IGNORE INTO task_leads (plan_id, task_no, lead, valid_from, valid_until, succession)
        VALUES (?, ?, ?, ?, ?, ?)]], plan.id, t.no, lead, from, upto, via)
      if not s then break end
      lead, from, via = s.tasks[tostring(t.no)] or s.to, s.date, s.key
    end
  end
end

return world_load
