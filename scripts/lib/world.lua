-- The plan's world over time at run time: which units are alive on a day,
-- who succeeds a unit that has ended, and how to say so (plugins/README.md,
-- "When the organisation changes"; `load` checks and stores it, see
-- world_load.lua).
--
-- A unit is alive on d when valid_from <= d < valid_until. What a unit owes
-- belongs to the unit alive on the duty-period's deadline: nobody is
-- reminded after they ceased to exist, and the successor owes what falls
-- due after the change.
local json = pw.json

local world = {}

local words = {
  vi = { from = "từ", ended = "chấm dứt từ" },
  en = { from = "from", ended = "ended" },
}

local MONTHS = { "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December" }

-- A date as "01/03/2025" (Vietnamese) or "1 March 2025" (English, the form
-- the English yearly report writes, report_docx_words.lua).
local function day_text(date)
  local y, m, d = date:match("^(%d+)-(%d+)-(%d+)$")
  if pw.opt.lang == "en" then return string.format("%d %s %s", tonumber(d), MONTHS[tonumber(m)], y) end
  return string.format("%s/%s/%s", d, m, y)
end
world.day_text = day_text

local W = {}
W.__index = W

-- Load the units' dates and the successions from the database.
function world.load()
  local w = setmetatable({ units = {}, succ = {}, preds = {}, memo = {}, empty = true }, W)
  for _, u in ipairs(pw.sql([[SELECT code, name, name_en, email, valid_from, valid_until
      FROM units WHERE retired_at IS NULL]])) do
    w.units[u.code] = u
    if u.valid_from or u.valid_until then w.empty = false end
  end
  for _, s in ipairs(pw.sql([[SELECT key, date, kind, units, successor, duties, tasks, basis
      FROM successions WHERE retired_at IS NULL ORDER BY date, key]])) do
    w.empty = false
    local rec = { key = s.key, date = s.date, kind = s.kind, to = s.successor, basis = s.basis,
      duties = s.duties and json.decode(s.duties) or {}, tasks = {} }
    for no, u in pairs(s.tasks and json.decode(s.tasks) or {}) do rec.tasks[math.tointeger(tonumber(no))] = u end
    local hs = { rec.to }
    for _, x in pairs(rec.duties) do hs[#hs + 1] = x end
    for _, u in ipairs(json.decode(s.units)) do
      w.succ[u] = rec
      for _, h in ipairs(hs) do
        w.preds[h] = w.preds[h] or {}
        table.insert(w.preds[h], u)
      end
    end
  end
  return w
end

-- Whether unit code is alive on date (an unknown unit is).
function W:alive(code, date)
  local u = self.units[code]
  if not u then return true end
  return (not u.valid_from or u.valid_from <= date) and (not u.valid_until or date < u.valid_until)
end

-- The unit that stands for code on date: code itself while it is alive,
-- else its successor's (following the chain; a duty or task handed to
-- another unit by a split goes there), or nil when nobody does (before
-- the unit began, or after an end without successor). Second result: the
-- unit just before it on the chain (code itself when alive).
function W:heir(code, date, duty, task)
  if self.empty then return code, code end
  local k = string.format("%s|%s|%s|%s", code, date, duty, task)
  local h = self.memo[k]
  if h == nil then
    local u, prev, hops = code, code, 0
    h = false
    while u and hops < 100 do
      if self:alive(u, date) then h = { u, prev } break end
      local unit = self.units[u]
      if unit and unit.valid_from and date < unit.valid_from then break end
      local s = self.succ[u]
      if not s or date < s.date then break end
      prev, u = u, (duty and s.duties[duty]) or (task and s.tasks[task]) or s.to
      hops = hops + 1
    end
    self.memo[k] = h
  end
  if h then return h[1], h[2] end
  return nil
end

-- The units whose duties pass to code (directly or through others).
function W:predecessors(code)
  local out, seen = {}, {}
  local function walk(c)
    for _, p in ipairs(self.preds[c] or {}) do
      if not seen[p] then
        seen[p], out[#out + 1] = true, p
        walk(p)
      end
    end
  end
  walk(code)
  return out
end

-- The name of a unit in the output language.
function W:name(code)
  local u = self.units[code]
  if not u then return code end
  return pw.text(u, "name")
end

-- "Sở KH&ĐT → Sở Tài chính từ 01/03/2025" for a unit that has ended with
-- a successor, "Sở X (chấm dứt từ 01/07/2025)" without one; nil while the
-- unit is alive on today.
function W:fate(code, today)
  local u = self.units[code]
  if not u or self:alive(code, today) or not u.valid_until or today < u.valid_until then return nil end
  local L = words[pw.opt.lang] or words.vi
  local s = self.succ[code]
  if s and s.to then
    return string.format("%s → %s %s %s", self:name(code), self:name(s.to), L.from, day_text(s.date))
  end
  return string.format("%s (%s %s)", self:name(code), L.ended, day_text(u.valid_until))
end

-- The chain of units standing for code from its start: code, then each
-- successor with the day it took over (a split's task map for task).
function W:chain(code, task)
  local out, u, seen = { { unit = code } }, code, { [code] = true }
  while self.succ[u] do
    local s = self.succ[u]
    local nxt = (task and s.tasks[task]) or s.to
    if not nxt or seen[nxt] then
      out[#out].ended = s.date
      break
    end
    seen[nxt] = true
    out[#out + 1] = { unit = nxt, from = s.date }
    u = nxt
  end
  return out
end

-- "A → B từ 01/03/2025 → C từ 01/07/2025" for a chain of more than one
-- unit (names), or nil.
function W:chain_text(chain)
  if #chain < 2 then return nil end
  local L = words[pw.opt.lang] or words.vi
  local parts = { self:name(chain[1].unit) }
  for i = 2, #chain do
    parts[i] = string.format("%s %s %s", self:name(chain[i].unit), L.from, day_text(chain[i].from))
  end
  return table.concat(parts, " → ")
end

-- The plan's issuer over time as text: its name, and its successors with
-- the days they took over.
function W:issuer_text(code, today)
  local chain = self:chain(code)
  local shown = {}
  for _, c in ipairs(chain) do
    if not c.from or c.from <= today then shown[#shown + 1] = c end
  end
  return self:chain_text(shown) or self:name(code)
end

-- Each task's lead on today and, when it changed, the whole history as
-- text: { [no] = { lead =, history = } }. Read from task_leads.
function world.task_leads(w, plan_id, today)
  local by = {}
  for _, r in ipairs(pw.sql([[SELECT task_no, lead, valid_from, valid_until FROM task_leads
      WHERE plan_id = ? ORDER BY task_no, coalesce(valid_from, '')]], plan_id)) do
    local t = by[r.task_no] or { rows = {} }
    by[r.task_no] = t
    t.rows[#t.rows + 1] = { unit = r.lead, from = r.valid_from }
    if (not r.valid_from or r.valid_from <= today) then t.lead = r.lead end
  end
  local out = {}
  for no, t in pairs(by) do
    local shown = {}
    for _, c in ipairs(t.rows) do
      if not c.from or c.from <= today then shown[#shown + 1] = c end
    end
    out[no] = { lead = t.lead, history = w:chain_text(shown) }
  end
  return out
end

return world
