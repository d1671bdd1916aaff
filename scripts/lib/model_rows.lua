-- The rows a declaration writes, derived from the model (model.lua).
local json = require "json"
local due = require "due"
local model = require "model"

local rows = {}

-- A succession's computed columns: its key, and its lists and maps as JSON
-- (a task map's keys as text).
local function world_row(d)
  local tasks
  if d.tasks then
    tasks = {}
    for no, u in pairs(d.tasks) do tasks[tostring(no)] = u end
  end
  local from = type(d.from) == "table" and d.from or { d.from }
  return { key = model.succession_key(d), units = json.encode(from),
    duties = d.duties and json.encode(d.duties) or nil, tasks = tasks and json.encode(tasks) or nil }
end

-- Each table declarations land in: its key columns and its other columns.
rows.tables = {}
for kind, k in pairs(model.kinds) do
  if k.table then rows.tables[k.table] = { key = k.keycols, cols = model.columns(kind) } end
end

-- What rows.of needs of each kind, worked out once: the fields that land
-- in a column ({ name, column, default }), the columns kept as JSON, and
-- the columns of its table (key first).
local plans = {}
for kind, k in pairs(model.kinds) do
  if k.table then
    local spec = rows.tables[k.table]
    local p = { table = k.table, row = k.row, fields = {}, json = {}, cols = {} }
    for _, fd in ipairs(k.fields) do
      local name, col = fd[1], fd.col == nil and fd[1] or fd.col
      if name and col then p.fields[#p.fields + 1] = { name, col, fd.default } end
      if fd.json and col then p.json[col] = true end
    end
    for _, cols in ipairs({ spec.key, spec.cols }) do
      for _, c in ipairs(cols) do p.cols[#p.cols + 1] = c end
    end
    plans[kind] = p
  end
end

local LIB, NONE = { due = due, succession_row = world_row }, {}

-- Turn one declaration d into rows of its table (model.lua): each
-- field into its column, with its default when absent, lists as JSON;
-- then the columns the kind computes, for each row it makes.
function rows.of(d, ctx)
  local p = plans[d.decl]
  if not p then return nil end
  local base = { plan_id = ctx.plan_id }
  for _, fd in ipairs(p.fields) do
    local v = d[fd[1]]
    if v == nil then
      v = fd[3]
      if type(v) == "function" then v = v(d, ctx) end
    end
    base[fd[2]] = v
  end
  local extra = p.row and p.row(d, ctx, LIB) or NONE
  local list = extra[1] and extra or { extra }
  local out = {}
  for i, e in ipairs(list) do
    local row = {}
    for _, c in ipairs(p.cols) do
      local v = e[c]
      if v == nil then v = base[c] end
      if p.json[c] and type(v) == "table" then v = json.encode(v) end
      row[c] = v
    end
    out[i] = row
  end
  return p.table, out
end

-- The members of each unit group (code -> list of codes): the package's
-- declarations over what the database holds. A duty's rows expand them.
function rows.groups(pkg)
  local groups = {}
  if pw.exists(pw.opt.db) then
    for _, r in ipairs(pw.sql("SELECT code, members FROM units WHERE members IS NOT NULL")) do
      groups[r.code] = json.decode(r.members)
    end
  end
  for _, f in ipairs(pkg.files) do
    for _, d in ipairs(f.decls) do
      if d.decl == "unit" then groups[d.code] = d.members end
    end
  end
  return groups
end

return rows
