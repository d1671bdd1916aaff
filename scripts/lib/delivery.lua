-- Delivering what the outbox holds: claim, send, settle. Shared by remind
-- and outbox flush.
--
-- Rules kept here:
--  - the transport is explicit: without PLANWATCH_SMTP_URL (or
--    PLANWATCH_TRANSPORT=file) a run refuses instead of writing files;
--  - the SMTP settings are tried once (session:check) before any message
--    is claimed: a wrong setting leaves every message queued and names the
--    setting, with one login attempt at most;
--  - a failure of the session (server unreachable, TLS, login) puts the
--    message back in the queue without charging it an attempt; after
--    BREAKER consecutive ones the transport is left alone for this run;
--  - a message whose whole text went out without an answer is `unknown`,
--    never sent again blindly more than once.
local words = require "words"

local delivery = {}
local W = words.of("delivery")

local LEASE = 300 -- seconds a run holds a claimed message
local BATCH = 100
local SESSION_DELAY = 60 -- seconds before a message released by a session failure is due

local function owner()
  return string.format("%s/%d", pw.now(), math.random(1, 1 << 30))
end

-- The mail transport the environment chooses ("smtp" or "file", and its
-- URL or folder), or nil and why there is none (naming the settings).
function delivery.transport()
  local kind, where, code, dir = pw.mail.transport()
  if not kind and code == "no-transport" then
    return nil, string.format(W.no_transport_set, dir)
  end
  return kind, where
end

local function send_one(session, m)
  if m.transport == "webhook" then
    return pw.mail.webhook(m.recipient, m.payload or "{}", m.dedup_key)
  end
  local to = m.recipient
  if m.recipient_name then to = { address = m.recipient, name = m.recipient_name } end
  return session:send({ to = to, subject = m.subject, text = m.body_text,
    html = m.body_html, key = m.dedup_key, id = m.id,
    headers = { "Auto-Submitted: auto-generated" } })
end

-- The claimed messages by id, read in one query.
local function messages(ids)
  local by = {}
  for _, m in ipairs(pw.sql("SELECT * FROM outbox WHERE id IN (SELECT value FROM json_each(?))",
      pw.json.encode(ids))) do
    by[m.id] = m
  end
  return by
end

-- Where the text of message id came from: " (duty D of U, declared in
-- FILE)" for each duty it carries (the duty's title and the plan's
-- wording are declared in that plugin file), at most SOURCES of them, or "".
local SOURCES = 3
local function source_of(id)
  local out = {}
  -- a successor owes a duty it inherits under no row of its own: the
  -- duty's declaring file is then that of the duty's code
  local rows = pw.sql([[SELECT DISTINCT n.duty, n.unit, coalesce(d.source, (SELECT min(x.source)
        FROM duties AS x WHERE x.code = n.duty AND x.retired_at IS NULL), '?') AS source
      FROM notices AS n LEFT JOIN duties AS d ON d.code = n.duty AND d.unit = n.unit
      WHERE n.message = ? ORDER BY n.duty, n.unit]], id)
  for i = 1, math.min(#rows, SOURCES) do
    out[i] = string.format(W.source, rows[i].duty, rows[i].unit, rows[i].source)
  end
  if #rows > SOURCES then out[#out + 1] = string.format(W.more_sources, #rows - SOURCES) end
  return table.concat(out)
end

-- Record how sending message m went (r, a send result) and count it.
local function settle(m, r, counts, log)
  if r.ok then
    pw.outbox.sent(m.id, r.message_id)
    counts.sent = counts.sent + 1
    if log then log(string.format(W.sent_line, m.id, m.recipient, m.subject or "")) end
  elseif r.unknown then
    pw.outbox.unknown(m.id, r.message or "no answer")
    counts.unknown = counts.unknown + 1
    pw.err(string.format(W.unknown, m.id, m.recipient, r.message or "?"))
  else
    local why = (r.message or "failed") .. (r.refused and source_of(m.id) or "")
    local state = pw.outbox.failed(m.id, r.temporary, why)
    counts[state] = counts[state] + 1
    pw.err(string.format(state == "dead" and W.dead or W.retry, m.id, m.recipient, why))
  end
end

-- Settle the files of one claim together: once they are on disk (one wait
-- for the whole claim), in one transaction. Should the disk refuse, every
-- one of them is retried later; its file is written again under the same
-- name, so a retry never makes a second copy.
local function settle_files(session, written, counts, log)
  if #written == 0 then return end
  local ok, err = session:sync()
  pw.transaction(function()
    for _, w in ipairs(written) do
      settle(w.m, ok and w.r or { ok = false, temporary = true, message = err }, counts, log)
    end
  end)
end

-- Report a session failure once, naming the setting to fix.
local function session_problem(counts, what, r)
  -- the hint in the run's language, by its code; else the core's text
  local hint = (r.hint_code and W.hints[r.hint_code]) or r.hint
  counts.problem = string.format("planwatch: %s: %s%s\n", what, r.message or "?",
    hint and ("\n  -> " .. hint) or "")
end

-- The mail session, made and checked on first need; false once it failed.
local function open_mail(state, counts, check_only)
  if state.mail ~= nil then return state.mail end
  local timezone = pw.timezone and pw.timezone() or nil
  local session = pw.mail.session({ batch = true, timezone = timezone })
  local r = session:check()
  if not r.ok then
    session:close()
    session_problem(counts, W.smtp_down, r)
    state.mail = false
    return false
  end
  if check_only then counts.checked = r.message end
  state.mail = session
  return session
end

-- Which messages the leases of other runs hold: "N message(s) held by
-- PID on HOST until T" lines, for a run that finds nothing to do.
function delivery.leases()
  local out = {}
  for _, l in ipairs(pw.sql([[SELECT lease_host AS host, lease_pid AS pid, max(lease_until) AS held_until,
      count(*) AS n FROM outbox WHERE state = 'sending' GROUP BY lease_host, lease_pid]])) do
    out[#out + 1] = string.format(W.held, l.n, tostring(l.pid or "?"), l.host or "?", l.held_until or "?")
  end
  return out
end

-- Try the settings without sending: { ok, message }.
function delivery.check()
  local counts = {}
  local kind, where = delivery.transport()
  if not kind then return false, "planwatch: " .. where .. "\n" end
  if kind ~= "smtp" then return true, string.format(W.nothing_to_check, kind, where) end
  local session = open_mail({}, counts, true)
  if not session then return false, counts.problem end
  session:close()
  return true, string.format(W.checked, where, counts.checked or "")
end

-- Send every message due now. Returns counts { sent=, failed=, dead=,
-- unknown=, released=, transport=, where=, problem= (a session failure,
-- already worded), stopped= (true when the breaker opened) }.
-- A message sent by SMTP or webhook is settled as soon as it is sent, so a
-- run killed midway sends again at most the message it was sending.
function delivery.run(log)
  local counts = { sent = 0, failed = 0, dead = 0, unknown = 0, released = 0 }
  counts.transport, counts.where = delivery.transport()
  if not counts.transport then
    counts.problem = "planwatch: " .. counts.where .. "\n"
    return counts
  end
  local limit = pw.mail.breaker()
  local me = owner()
  local state = {}
  local streak = { mail = 0, webhook = 0 }
  local down = { mail = false, webhook = false }
  local wait = { mail = SESSION_DELAY, webhook = SESSION_DELAY } -- for untried messages
  counts.reclaimed = pw.outbox.reclaim()
  while true do
    -- a mail run checks its settings before it claims anything
    if counts.transport == "smtp" and not down.mail and pw.outbox.open_count("mail") > 0
        and not open_mail(state, counts) then
      down.mail = true
    end
    if down.mail and (down.webhook or pw.outbox.open_count("webhook") == 0) then
      break -- nothing more can go out: the rest stays queued as it is
    end
    local ids = pw.outbox.claim(me, LEASE, BATCH)
    if #ids == 0 then break end
    local by, written = messages(ids), {}
    for _, id in ipairs(ids) do
      local m = by[id]
      local kind = m.transport == "webhook" and "webhook" or "mail"
      local r
      if down[kind] then
        pw.outbox.release(m.id, wait[kind], counts.problem or W.not_tried)
        counts.released = counts.released + 1
      else
        if kind == "mail" and state.mail == nil then open_mail(state, counts) end
        if kind == "mail" and not state.mail then
          down.mail = true
          pw.outbox.release(m.id, SESSION_DELAY, counts.problem)
          counts.released = counts.released + 1
        else
          r = send_one(state.mail, m)
        end
      end
      if r and r.ok and r.transport == "file" then
        written[#written + 1] = { m = m, r = r }
      elseif r and r.session then
        -- a wrong setting: due again at once, for the run after the fix
        pw.outbox.release(m.id, r.stop and 0 or SESSION_DELAY, r.message)
        counts.released = counts.released + 1
        streak[kind] = streak[kind] + 1
        session_problem(counts, kind == "mail" and W.smtp_down or W.webhook_down, r)
        if r.stop or streak[kind] >= limit then
          down[kind] = true
          if r.stop then wait[kind] = 0 end
          counts.stopped = true
        end
      elseif r then
        streak[kind] = 0
        settle(m, r, counts, log)
      end
    end
    if state.mail then settle_files(state.mail, written, counts, log) end
  end
  if state.mail then state.mail:close() end
  return counts
end

-- One summary line: "N sent" for SMTP and webhooks, "N written to DIR" for
-- the file transport, then what did not go.
function delivery.summary(c)
  if not c.transport then return W.no_transport end
  local parts = {}
  if c.transport == "file" then
    parts[#parts + 1] = string.format(W.written, c.sent, c.where)
  else
    parts[#parts + 1] = string.format(W.n_sent, c.sent)
  end
  parts[#parts + 1] = string.format(W.n_failed, c.failed)
  parts[#parts + 1] = string.format(W.n_dead, c.dead)
  if c.unknown > 0 then parts[#parts + 1] = string.format(W.n_unknown, c.unknown) end
  if c.released > 0 then parts[#parts + 1] = string.format(W.n_left, c.released) end
  return table.concat(parts, ", ")
end

-- After a run: report a session failure and other runs' leases on stderr;
-- the exit status (1 when a person must act).
function delivery.finish(c)
  if c.problem then pw.err(c.problem) end
  if c.reclaimed and c.reclaimed > 0 then
    pw.err(string.format(W.reclaimed, c.reclaimed))
  end
  for _, line in ipairs(delivery.leases()) do pw.err("planwatch: " .. line .. "\n") end
  local later, first = pw.outbox.later()
  if later > 0 then
    pw.err(string.format(W.later, later, first))
  end
  if c.problem then return 1 end
  return delivery.troubles() > 0 and 1 or 0
end

-- Messages a person must look at: dead, unknown, or failed and waiting to retry.
function delivery.troubles()
  return pw.outbox.troubles()
end

return delivery
