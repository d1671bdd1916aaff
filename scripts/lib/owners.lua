-- Ownership: every declaration of a plan package has exactly one file
-- (plugins/README.md, "Ownership"). The database keeps who holds what
-- (table declarations: kind, plan or '' for the registry, key, file, line);
-- loader.lua asks here before it writes anything.
local model = require "model"
local sqlbatch = require "sqlbatch"

local owners = {}

local function problem(f, d, fmt, ...)
  local line = d and d.line or 1
  f.problems[#f.problems + 1] = string.format("%s:%d: " .. fmt, f.path, line, ...)
end

-- Ownership: a unit plugin declares only what belongs to its unit.
function owners.own(f, d, owner, what)
  if f.unit and owner ~= f.unit.code then
    problem(f, d, "%s: %s belongs to %s, not to %s (this file's unit)",
            d.decl, what, tostring(owner), f.unit.code)
  end
end

-- The owner rule of the model (model.lua): a unit file declares only
-- its own unit's rows (tasks it leads, duties it reports, its indicators
-- and budget lines).
function owners.unit_rule(f, d)
  local kind = model.kinds[d.decl]
  if not (f.unit and kind and kind.owner) then return end
  for _, o in ipairs(kind.owner(d, { unit = f.unit.code })) do owners.own(f, d, o[1], o[2]) end
end

-- Where a file's declarations are keyed: its unit, the plan's id and start.
function owners.context(f, plan)
  return { unit = f.unit and f.unit.code, plan_id = plan and plan.id,
           span_from = plan and plan.span_from, span_to = plan and plan.span_to,
           ends = plan and plan.ends } -- the day each unit ends by a succession (world_load.lua)
end

local function claim_id(c) return c.kind .. "|" .. c.scope .. "|" .. c.key end

-- Who holds each declaration in the database: claim id -> { source, line }
-- (one read for the whole package, not one per declaration).
local function holders()
  local map = {}
  if not pw.exists(pw.opt.db) then return map end
  for _, r in ipairs(pw.sql("SELECT kind, plan_id, key, source, line FROM declarations")) do
    map[r.kind .. "|" .. r.plan_id .. "|" .. r.key] = r
  end
  return map
end

local function at(path, line) return line and (path .. ":" .. line) or path end

-- Ownership: every declaration has exactly one file. A declaration the
-- database holds from another file (of this package or another) stays
-- there, and the newcomer is refused, naming the holder; two files of the
-- package declaring the same thing that neither holds are both refused,
-- each naming the other. Either way the result does not depend on the
-- order the files are read in.
function owners.check(pkg)
  local claims, order = {}, {}
  for _, f in ipairs(pkg.files) do
    if not f.broken then
      local ctx = owners.context(f, pkg.plan)
      for _, d in ipairs(f.decls) do
        for _, c in ipairs(model.identities(d, ctx)) do
          local id = claim_id(c)
          if not claims[id] then claims[id], order[#order + 1] = { c = c }, id end
          local list = claims[id]
          local prev = list[#list]
          if not (prev and prev.file == f and model.kinds[d.decl].many) then
            list[#list + 1] = { file = f, decl = d }
          end
        end
      end
    end
  end
  local held = holders()
  pkg.claims, pkg.held = claims, held
  local replaced = {}
  for _, f in ipairs(pkg.files) do
    if not f.broken then replaced[f.source] = true end
  end
  -- Whether a holder is one this load rewrites or removes, by source.
  local prefix, gone = pkg.name .. "/", {}
  local function rewritten(source)
    local g = gone[source]
    if g == nil then
      g = replaced[source] or source:sub(1, #prefix) == prefix and not pkg.present[source] or false
      gone[source] = g
    end
    return g
  end
  for _, id in ipairs(order) do
    local list = claims[id]
    local c, h = list.c, held[id]
    -- One file declares it and nothing else holds it: nothing to say.
    if #list == 1 and (not h or h.source == list[1].file.source) then goto next end
    -- A holder this load rewrites or removes holds nothing any more.
    if h and rewritten(h.source) then
      local still = false
      for _, e in ipairs(list) do still = still or e.file.source == h.source end
      if not still then h = nil end
    end
    local what = c.noun .. " " .. c.key
    local first
    for _, e in ipairs(list) do
      if h and e.file.source == h.source and not first then first = e end
    end
    for i, e in ipairs(list) do
      if first and e ~= first then
        problem(e.file, e.decl, "%s is already declared at %s:%d", what, first.file.path, first.decl.line)
      elseif h and not first then
        problem(e.file, e.decl, "%s is already declared at %s", what, at(h.source, h.line))
      elseif not h and #list > 1 then
        local other = list[i == 1 and 2 or 1]
        problem(e.file, e.decl, "%s is already declared at %s:%d", what, other.file.path,
                other.decl.line)
      end
    end
    ::next::
  end
end

-- Aliases name one unit each: an alias another unit of the database (that
-- this load does not rewrite) or of the package already has is refused,
-- naming both declarations.
function owners.check_aliases(pkg)
  local names = {}
  if pw.exists(pw.opt.db) then
    local replaced = {}
    for _, f in ipairs(pkg.files) do
      if not f.broken then replaced[f.source] = true end
    end
    for _, r in ipairs(pw.sql([[SELECT a.alias, a.unit, u.source, d.line
        FROM unit_aliases a JOIN units u ON u.code = a.unit
        LEFT JOIN declarations d ON d.kind = 'unit' AND d.plan_id = '' AND d.key = a.unit
        WHERE u.retired_at IS NULL]])) do
      if not replaced[r.source or ""] then
        names[r.alias] = { code = r.unit, at = at(r.source or "?", r.line) }
      end
    end
  end
  for _, f in ipairs(pkg.files) do
    if not f.broken then
      for _, d in ipairs(f.decls) do
        for _, a in ipairs(d.decl == "unit" and d.aliases or {}) do
          local n = names[a]
          if n and n.code ~= d.code then
            problem(f, d, "unit %s: alias '%s' already names unit %s, declared at %s",
                    d.code, a, n.code, n.at)
            if n.file then
              problem(n.file, n.decl, "unit %s: alias '%s' also names unit %s, declared at %s:%d",
                      n.code, a, d.code, f.path, d.line)
            end
          elseif n and n.decl == d then
            problem(f, d, "unit %s: alias '%s' is listed twice", d.code, a)
          elseif not n or not n.file then
            names[a] = { code = d.code, at = f.path .. ":" .. d.line, file = f, decl = d }
          end
        end
      end
    end
  end
end

-- Record which file holds each declaration of the files written (sources),
-- writing only what changed since check() read the table, many rows a
-- statement (sqlbatch.lua).
function owners.record(pkg, sources)
  local held, keep, put, drop = pkg.held or {}, {}, {}, {}
  for id, list in pairs(pkg.claims or {}) do
    for _, e in ipairs(list) do
      local h = held[id]
      if not e.file.broken then
        keep[id] = true
        if not (h and h.source == e.file.source and h.line == e.decl.line) then
          put[#put + 1] = { list.c.kind, list.c.scope, list.c.key, e.file.source, e.decl.line }
        end
      end
    end
  end
  for id, h in pairs(held) do
    if sources[h.source] and not keep[id] then drop[#drop + 1] = { h.kind, h.plan_id, h.key } end
  end
  sqlbatch.exec([[INSERT INTO declarations (kind, plan_id, key, source, line) VALUES %s
    ON CONFLICT (kind, plan_id, key) DO UPDATE SET source = excluded.source,
    line = excluded.line]], sqlbatch.values(5), put)
  sqlbatch.exec("DELETE FROM declarations WHERE %s", sqlbatch.match({ "kind", "plan_id", "key" }), drop)
end

return owners
