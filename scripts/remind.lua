--! planwatch: write
-- planwatch remind: work out which reminder stages are due at --today, queue
-- them once, and deliver what the outbox holds.
local duties = require "duties"
local wording = require "wording"
local delivery = require "delivery"
local json = pw.json

local usage = [[usage: planwatch remind [--today YYYY-MM-DD] [--dry-run] [--catch-up DAYS]
                        [--confirm] [--lang vi|en]

For each duty-period not yet received, the latest reminder stage whose day
(deadline + offset) has come is queued, once; an earlier stage that was never
sent is superseded by it. After `escalate.after` days overdue, the escalation
recipient is told, once. Stages older than --catch-up days (default 30) are
not sent: a first run does not mail the whole history. --confirm also sends
a confirmation for reports received in that window. One message per
recipient. Then every message due in the outbox is delivered.
--dry-run prints what would be sent and changes nothing.
Exit 1 when a message is dead or still failing.]]

local opts = pw.parse_args(pw.args, { ["dry-run"] = "boolean", ["catch-up"] = "value",
  confirm = "boolean" }, usage, 0)
if opts.help then return 0 end
local catch_up = math.tointeger(tonumber(opts["catch-up"] or "30"))
if not catch_up or catch_up < 0 then pw.fail("--catch-up must be a number of days\n" .. usage) end
local today = pw.today()
local lang = pw.opt.lang

local function add_days(date, n)
  local y, m, d = date:match("^(%d+)-(%d+)-(%d+)$")
  return os.date("%Y-%m-%d", os.time({ year = tonumber(y), month = tonumber(m),
    day = tonumber(d) + n, hour = 12 }))
end
local oldest = add_days(today, -catch_up)

-- The latest due reminder stage of an unreceived item, or nil.
local function reminder_stage(it)
  local offsets = it.remind and json.decode(it.remind) or {}
  table.sort(offsets)
  local latest
  for _, o in ipairs(offsets) do
    local day = add_days(it.deadline, o)
    if day <= today and day >= oldest then latest = o end
  end
  return latest and string.format("d%+d", latest)
end

local function escalation_due(it)
  if not (it.escalate_after and it.escalate_to) then return false end
  local day = add_days(it.deadline, it.escalate_after)
  return day <= today and day >= oldest
end

-- The plan's own wording, if plan.lua declares any.
local function plan_wording()
  local plan = pw.sql("SELECT source FROM plans WHERE retired_at IS NULL LIMIT 1")[1]
  if not (plan and plan.source) then return end
  local res, err = pw.plugin(pw.opt.plugins .. "/" .. plan.source)
  if not res then
    pw.err("planwatch: warning: the plan's wording cannot be read (", err,
      "); using the default wording\n")
    return
  end
  wording.override(res.decls)
end
plan_wording()

local units = {}
for _, u in ipairs(pw.sql("SELECT code, name, name_en, email FROM units")) do units[u.code] = u end

-- Candidates: { kind, stage, item, to (unit code) }.
local function candidates(items)
  local out = {}
  for _, it in ipairs(items) do
    if it.received_at then
      if opts.confirm and it.received_at:sub(1, 10) >= oldest then
        out[#out + 1] = { kind = "confirm", stage = "received", item = it, to = it.unit }
      end
    else
      local stage = reminder_stage(it)
      if stage then out[#out + 1] = { kind = "reminder", stage = stage, item = it, to = it.unit } end
      if escalation_due(it) then
        out[#out + 1] = { kind = "escalate", stage = "escalate", item = it, to = it.escalate_to }
      end
    end
  end
  return out
end

local function noticed(c)
  return pw.sql("SELECT 1 AS x FROM notices WHERE duty = ? AND unit = ? AND period = ? AND stage = ?",
    c.item.duty, c.item.unit, c.item.period, c.stage)[1] ~= nil
end

-- Group the new candidates into one digest per recipient and kind.
local function digests(cands)
  local by, order = {}, {}
  for _, c in ipairs(cands) do
    if not noticed(c) then
      local u = units[c.to]
      if not (u and u.email) then
        pw.err(string.format("planwatch: warning: %s has no e-mail address; %s %s %s not sent\n",
          c.to, c.item.duty, c.item.unit, c.item.period))
      else
        local k = c.kind .. "|" .. u.email
        if not by[k] then
          by[k] = { kind = c.kind, email = u.email, name = (lang == "en" and u.name_en) or u.name, list = {} }
          order[#order + 1] = k
        end
        c.item.for_unit = c.kind == "escalate"
        table.insert(by[k].list, c)
      end
    end
  end
  local out = {}
  for _, k in ipairs(order) do out[#out + 1] = by[k] end
  return out
end

local function message_of(d)
  local items = {}
  for i, c in ipairs(d.list) do items[i] = c.item end
  local subject, text, html = wording.digest(d.kind, d.name, items, lang)
  local first = d.list[1]
  local key = string.format("%s/%s/%s/%s/%s/%s/%d", d.kind, d.email, today, first.item.duty,
    first.item.unit, first.item.period, #d.list)
  return { key = key, transport = "mail", recipient = d.email, subject = subject,
    text = text, html = html }
end

local function queue(ds)
  local queued = 0
  for _, d in ipairs(ds) do
    local m = message_of(d)
    local id, new = pw.outbox.enqueue(m)
    if new then queued = queued + 1 end
    for _, c in ipairs(d.list) do
      pw.exec([[INSERT OR IGNORE INTO notices (duty, unit, period, stage, message, created_at)
        VALUES (?, ?, ?, ?, ?, ?)]], c.item.duty, c.item.unit, c.item.period, c.stage, id, pw.now())
    end
  end
  return queued
end

local items = duties.schedule({ today = today })
if opts["dry-run"] then
  local ds = digests(candidates(items))
  pw.out(string.format("remind %s (dry run, nothing sent): %d message(s) via %s\n", today, #ds,
    pw.mail.transport()))
  for _, d in ipairs(ds) do
    local m = message_of(d)
    pw.out("\nTo: ", m.recipient, "\nSubject: ", m.subject, "\n", m.text, "\n")
  end
  return 0
end

-- Deciding and queueing happen in one immediate transaction: an overlapping
-- run waits, then sees these notices and queues nothing twice.
local queued = pw.transaction(function() return queue(digests(candidates(items))) end)
local counts = delivery.run()
pw.out(string.format("remind %s: %d queued, %d sent, %d failed, %d dead\n", today, queued,
  counts.sent, counts.failed, counts.dead))
return delivery.troubles() > 0 and 1 or 0
