-- Writing a plan's rows into their tables (loader.apply): each table's
-- rows inserted or updated in order, with the audit of every change, and
-- the rows of a source no longer declared retired. Few statements per
-- table: the rows already stored are read in one go and the new ones
-- inserted many at a time (sqlbatch.lua).
local json = require "json"
local model = require "model"
local model_rows = require "model_rows"
local sqlbatch = require "sqlbatch"

local table_write = {}

-- Each table's key columns and other columns, and what a row is called.
local tables, NOUN = model_rows.tables, {}
for _, k in pairs(model.kinds) do
  if k.table then NOUN[k.table] = k.noun end
end

local function key_of(spec, row)
  local parts = {}
  for i, c in ipairs(spec.key) do parts[i] = tostring(row[c]) end
  return table.concat(parts, "/")
end

local function where_key(spec)
  local w = {}
  for i, c in ipairs(spec.key) do w[i] = c .. " = ?" end
  return table.concat(w, " AND ")
end

local function key_values(spec, row)
  local v = {}
  for i, c in ipairs(spec.key) do v[i] = row[c] end
  return table.unpack(v, 1, #spec.key)
end

local function audit(action, t, key, old, new)
  pw.audit{ actor = "load", action = action, entity = t, key = key,
    old = old and json.encode(old) or nil, new = new and json.encode(new) or nil }
end

-- The statements of each table, made once: its columns (key first), the
-- read of the rows with given keys, the insert of many rows, the update
-- of one.
local statements = {}
for t, spec in pairs(tables) do
  local all, sets = {}, {}
  for _, c in ipairs(spec.key) do all[#all + 1] = c end
  for i, c in ipairs(spec.cols) do all[#all + 1], sets[i] = c, c .. " = ?" end
  statements[t] = { all = all, keys = sqlbatch.match(spec.key),
    values = sqlbatch.values(#all + 1), select = "SELECT * FROM " .. t .. " WHERE %s",
    insert = string.format("INSERT INTO %s (%s, source) VALUES %%s", t, table.concat(all, ", ")),
    update = string.format("UPDATE %s SET %s, source = ?, retired_at = NULL WHERE %s", t,
                           table.concat(sets, ", "), where_key(spec)) }
end

-- The rows that hang off units and tasks: rebuilt for those written
-- (rows, by key), many rows a statement.
local function rebuild_children(t, rows)
  if t == "units" then
    local codes, aliases = {}, {}
    for _, row in pairs(rows) do
      codes[#codes + 1] = { row.code }
      for _, a in ipairs(row.aliases and json.decode(row.aliases) or {}) do
        aliases[#aliases + 1] = { a, row.code }
      end
    end
    sqlbatch.exec("DELETE FROM unit_aliases WHERE unit IN (VALUES %s)", sqlbatch.values(1), codes)
    sqlbatch.exec("INSERT INTO unit_aliases (alias, unit) VALUES %s", sqlbatch.values(2), aliases)
  elseif t == "tasks" then
    local keys, leads, support = {}, {}, {}
    for _, row in pairs(rows) do
      keys[#keys + 1] = { row.plan_id, row.no }
      leads[#leads + 1] = { row.plan_id, row.no, row.lead, "lead" }
      for _, u in ipairs(row.support and json.decode(row.support) or {}) do
        if u ~= row.lead then support[#support + 1] = { row.plan_id, row.no, u, "support" } end
      end
    end
    sqlbatch.exec("DELETE FROM task_units WHERE %s", sqlbatch.match({ "plan_id", "task_no" }), keys)
    sqlbatch.exec("INSERT INTO task_units VALUES %s", sqlbatch.values(4), leads)
    sqlbatch.exec("INSERT OR IGNORE INTO task_units VALUES %s", sqlbatch.values(4), support)
  end
end

-- Insert or update the rows of table t (items: { row =, source = }, in
-- order), then rebuild their children; returns the changes made, in
-- order, each with its source. The rows already stored are read in one
-- go, the new ones inserted many at a time.
function table_write.write(t, items, seen)
  local spec, q = tables[t], statements[t]
  local keys = {}
  for i, item in ipairs(items) do keys[i] = { key_values(spec, item.row) } end
  local stored_rows = {}
  for _, r in ipairs(sqlbatch.sql(q.select, q.keys, keys)) do stored_rows[key_of(spec, r)] = r end
  local pending, written, changes = {}, {}, {}
  local function flush()
    sqlbatch.exec(q.insert, q.values, pending)
    pending = {}
  end
  for _, item in ipairs(items) do
    local row, source = item.row, item.source
    local key = key_of(spec, row)
    seen[t .. "|" .. key] = true
    local old, c = stored_rows[key], nil
    if not old then
      local vals = {}
      for i, col in ipairs(q.all) do vals[i] = row[col] end
      vals[#q.all + 1] = source
      pending[#pending + 1] = vals
      audit("add", t, key, nil, row)
      c = { action = "added", table = t, what = NOUN[t] .. " " .. key }
    else
      local changed = {}
      for _, col in ipairs(spec.cols) do
        if old[col] ~= row[col] then changed[#changed + 1] = col end
      end
      if #changed > 0 or old.retired_at ~= nil or old.source ~= source then
        flush()
        local vals, n = {}, #spec.cols
        for i, col in ipairs(spec.cols) do vals[i] = row[col] end
        vals[n + 1] = source
        for i, col in ipairs(spec.key) do vals[n + 1 + i] = row[col] end
        pw.exec(q.update, table.unpack(vals, 1, n + 1 + #spec.key))
        local action = old.retired_at and "restored" or "changed"
        audit(action == "restored" and "restore" or "change", t, key, old, row)
        local what = NOUN[t] .. " " .. key
        if #changed > 0 then what = what .. " (" .. table.concat(changed, ", ") .. ")" end
        c = { action = action, table = t, what = what }
      end
    end
    if c then
      -- a later row of the same key finds this one stored
      local now = { source = source }
      for _, col in ipairs(q.all) do now[col] = row[col] end
      stored_rows[key], written[key] = now, row
      changes[#changes + 1] = { change = c, source = source }
    end
  end
  flush()
  rebuild_children(t, written)
  return changes
end

-- Retire the rows of the given sources that were not written this time.
function table_write.retire(t, sources, seen, changes)
  local spec = tables[t]
  local cols = table.concat(spec.key, ", ")
  for source in pairs(sources) do
    for _, r in ipairs(pw.sql("SELECT " .. cols .. " FROM " .. t ..
        " WHERE source = ? AND retired_at IS NULL", source)) do
      local key = key_of(spec, r)
      if not seen[t .. "|" .. key] then
        pw.exec("UPDATE " .. t .. " SET retired_at = ? WHERE " .. where_key(spec),
                pw.now(), key_values(spec, r))
        audit("retire", t, key, r, nil)
        local list = changes[source] or {}
        changes[source] = list
        list[#list + 1] = { action = "retired", table = t, what = NOUN[t] .. " " .. key }
      end
    end
  end
end

return table_write
