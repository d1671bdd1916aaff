--! planwatch: write
-- planwatch remind: work out which reminder stages are due at --today, queue
-- them once, and deliver what the outbox holds.
local duties = require "duties"
local wording = require "wording"
local delivery = require "delivery"
local delivery_words = require("words").of("delivery")
local json = pw.json

local usage = require("words").say("usage.remind")

local opts = pw.parse_args(pw.args, { ["dry-run"] = "boolean", ["catch-up"] = "value",
  confirm = "boolean", ["no-deliver"] = "boolean", plan = "value" }, usage, 0)
if opts.help then return 0 end
local plan_id = require("plans").choose(opts.plan, "remind")
local catch_up = math.tointeger(tonumber(opts["catch-up"] or "30"))
if not catch_up or catch_up < 0 then pw.fail(require("words").say("cli.remind.catch_up") .. "\n" .. usage) end
local today = pw.today()
local lang = pw.opt.lang

local today_day = duties.day_number(today)
local oldest_day = today_day - catch_up
local oldest = duties.date_of(oldest_day)

-- The reminder offsets of a ladder (the JSON text of duties.remind), in
-- order; decoded once per distinct ladder, not once per duty-period.
local ladders = {}
local function ladder(text)
  local offsets = ladders[text or ""]
  if not offsets then
    offsets = text and json.decode(text) or {}
    table.sort(offsets)
    ladders[text or ""] = offsets
  end
  return offsets
end

-- Whether a stage at offset o from the deadline (a day number) is due: its
-- day has come, and not more than --catch-up days ago.
local function stage_due(deadline, o)
  local day = deadline + o
  return day <= today_day and day >= oldest_day
end

-- The latest due reminder stage of an unreceived item, or nil.
local function reminder_stage(it, deadline)
  local latest
  for _, o in ipairs(ladder(it.remind)) do
    if stage_due(deadline, o) then latest = o end
  end
  return latest and string.format("d%+d", latest)
end

local function escalation_due(it, deadline)
  if not (it.escalate_after and it.escalate_to) then return false end
  return stage_due(deadline, it.escalate_after)
end

-- Which deadlines can give a duty a stage due now: a stage at offset o is
-- due on deadline + o, so only deadlines from oldest - (largest offset) to
-- today - (smallest offset) matter, and schedule builds just those periods.
local windows = {}
local function window(d)
  local k = string.format("%s|%s|%s", d.remind, d.escalate_after, d.escalate_to)
  local w = windows[k]
  if w == nil then
    local offsets = { table.unpack(ladder(d.remind)) }
    if d.escalate_after and d.escalate_to then offsets[#offsets + 1] = d.escalate_after end
    w = false
    if #offsets > 0 then
      w = { duties.date_of(oldest_day - math.max(table.unpack(offsets))),
            duties.date_of(today_day - math.min(table.unpack(offsets))) }
    end
    windows[k] = w
  end
  if w then return w[1], w[2] end
end

-- The plan's own wording, if plan.lua declares any: from the text of
-- plan.lua that `load` accepted (the file itself for a database loaded
-- before that text was recorded).
local function plan_wording()
  local plan = pw.sql([[SELECT p.source, f.text FROM plans p
    LEFT JOIN plugin_files f ON f.source = p.source
    WHERE p.retired_at IS NULL AND p.id = ?]], plan_id)[1]
  if not (plan and plan.source) then return end
  local res, err = pw.plugin(pw.opt.plugins .. "/" .. plan.source, nil, nil, plan.text)
  if not res then
    pw.err(pw.out_module.escape(require("words").say("cli.warn.wording_unreadable", tostring(err))), "\n")
    return
  end
  for _, p in ipairs(res.problems or {}) do
    pw.err(pw.out_module.escape(require("words").say("cli.warn.declaration_left_out", plan.source,
      tostring(p.line), tostring(p.message))), "\n")
  end
  wording.override(res.decls, plan.source)
end
plan_wording()

local units = {}
for _, u in ipairs(pw.sql("SELECT code, name, name_en, email FROM units")) do units[u.code] = u end

-- Candidates: { kind, stage, item, to (unit code) }.
local function candidates(items)
  local out = {}
  for _, it in ipairs(items) do
    local deadline = duties.day_number(it.deadline)
    if it.received_at then
      if opts.confirm and it.received_at:sub(1, 10) >= oldest then
        out[#out + 1] = { kind = "confirm", stage = "received", item = it, to = it.unit }
      end
    else
      local stage = reminder_stage(it, deadline)
      if stage then out[#out + 1] = { kind = "reminder", stage = stage, item = it, to = it.unit } end
      if escalation_due(it, deadline) then
        out[#out + 1] = { kind = "escalate", stage = "escalate", item = it, to = it.escalate_to }
      end
    end
  end
  return out
end

local function notice_key(c)
  return c.item.duty .. "|" .. c.item.unit .. "|" .. c.item.period .. "|" .. c.stage
end

-- Notices are read and written CHUNK rows to a statement, as a VALUES list
-- of bound parameters: thousands of duty-periods cost a few dozen
-- statements instead of one each. 100 rows of at most 6 values stay under
-- the 999 parameters older SQLite builds allow.
local CHUNK = 100

-- Call fn(sql_values, params, n) for each chunk of rows (lists of `width`
-- values): sql_values is "(?, ...), (?, ...)", params the chunk's values
-- in order, n their number.
local function each_chunk(rows, width, fn)
  local tuple = "(" .. string.rep("?", width, ", ") .. ")"
  for first = 1, #rows, CHUNK do
    local last = math.min(first + CHUNK - 1, #rows)
    local params, n = {}, 0
    for i = first, last do
      for j = 1, width do params[n + j] = rows[i][j] end
      n = n + width
    end
    fn(string.rep(tuple, last - first + 1, ", "), params, n)
  end
end

-- The notice keys of the candidates already recorded in notices.
local function noticed(cands)
  local keys, seen = {}, {}
  for i, c in ipairs(cands) do keys[i] = { c.item.duty, c.item.unit, c.item.period, c.stage } end
  each_chunk(keys, 4, function(values, params, n)
    for _, r in ipairs(pw.sql("WITH k (duty, unit, period, stage) AS (VALUES " .. values .. [[)
        SELECT n.duty, n.unit, n.period, n.stage FROM k JOIN notices AS n
          ON n.duty = k.duty AND n.unit = k.unit AND n.period = k.period AND n.stage = k.stage]],
        table.unpack(params, 1, n))) do
      seen[r.duty .. "|" .. r.unit .. "|" .. r.period .. "|" .. r.stage] = true
    end
  end)
  return seen
end

-- Group the new candidates into one digest per recipient and kind.
local function digests(cands)
  local by, order = {}, {}
  local seen = noticed(cands)
  for _, c in ipairs(cands) do
    if not seen[notice_key(c)] then
      local u = units[c.to]
      if not (u and u.email) then
        pw.err(require("words").say("cli.warn.no_email", c.to, c.item.duty, c.item.unit, c.item.period), "\n")
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
  return { key = key, transport = "mail", recipient = d.email, recipient_name = d.name,
    subject = subject, text = text, html = html }
end

-- Queue each digest's message, then record every stage it carries.
local function queue(ds)
  local queued, rows, now = 0, {}, pw.now()
  for _, d in ipairs(ds) do
    local id, new = pw.outbox.enqueue(message_of(d))
    if new then queued = queued + 1 end
    for _, c in ipairs(d.list) do
      rows[#rows + 1] = { c.item.duty, c.item.unit, c.item.period, c.stage, id, now }
    end
  end
  each_chunk(rows, 6, function(values, params, n)
    pw.exec("INSERT OR IGNORE INTO notices (duty, unit, period, stage, message, created_at) VALUES "
      .. values, table.unpack(params, 1, n))
  end)
  return queued
end

-- Only the duty-periods whose stages can be due now, and with --confirm
-- those received within the catch-up window.
local items = duties.schedule({ today = today, plan = plan_id, window = window,
  received_since = opts.confirm and oldest or nil })
if opts["dry-run"] then
  local ds = digests(candidates(items))
  local kind, where = delivery.transport()
  pw.out(string.format(delivery_words.dry_run, today, #ds,
    kind and (kind .. " " .. where) or string.format(delivery_words.dry_run_none, where)))
  for _, d in ipairs(ds) do
    local m = message_of(d)
    pw.out("\nTo: ", m.recipient, "\nSubject: ", m.subject, "\n", m.text, "\n")
  end
  return 0
end

-- Without a transport nothing is queued: the run refuses, naming the
-- settings (delivery.transport), instead of writing files nobody reads.
if not opts["no-deliver"] then
  local kind, why = delivery.transport()
  if not kind then
    pw.err("planwatch: ", why, "\n")
    return 1
  end
end

-- Deciding and queueing happen in one immediate transaction: an overlapping
-- run waits, then sees these notices and queues nothing twice.
local queued = pw.transaction(function() return queue(digests(candidates(items))) end)
if opts["no-deliver"] then
  pw.out(string.format(delivery_words.remind_queued, today, queued))
  return 0
end
local counts = delivery.run()
pw.out(string.format(delivery_words.remind_done, today, queued, delivery.summary(counts)))
return delivery.finish(counts)
