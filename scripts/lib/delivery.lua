-- Delivering what the outbox holds: claim, send, settle. Shared by remind
-- and outbox flush.
local delivery = {}

local LEASE = 300 -- seconds a run holds a claimed message
local BATCH = 100

local function owner()
  return string.format("%s/%d", pw.now(), math.random(1, 1 << 30))
end

local function send_one(session, m)
  if m.transport == "webhook" then return pw.mail.webhook(m.recipient, m.payload or "{}") end
  return session:send({ to = m.recipient, subject = m.subject, text = m.body_text,
    html = m.body_html, key = m.dedup_key,
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

-- Record how sending message m went (r, a send result) and count it.
local function settle(m, r, counts, log)
  if r.ok then
    pw.outbox.sent(m.id, r.message_id)
    counts.sent = counts.sent + 1
    if log then log(string.format("sent #%d to %s: %s\n", m.id, m.recipient, m.subject or "")) end
  else
    local state = pw.outbox.failed(m.id, r.temporary, r.message or "failed")
    counts[state] = counts[state] + 1
    pw.err(string.format("planwatch: message #%d to %s %s: %s\n", m.id, m.recipient,
      state == "dead" and "failed for good" or "failed, will retry", r.message or "?"))
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

-- Send every message due now. Returns counts { sent=, failed=, dead= }.
-- A message sent by SMTP or webhook is settled as soon as it is sent, so a
-- run killed midway sends again at most the message it was sending.
function delivery.run(log)
  local counts = { sent = 0, failed = 0, dead = 0 }
  local me = owner()
  local session
  while true do
    local ids = pw.outbox.claim(me, LEASE, BATCH)
    if #ids == 0 then break end
    session = session or pw.mail.session({ batch = true })
    local by, written = messages(ids), {}
    for _, id in ipairs(ids) do
      local m = by[id]
      local r = send_one(session, m)
      if r.ok and r.transport == "file" then
        written[#written + 1] = { m = m, r = r }
      else
        settle(m, r, counts, log)
      end
    end
    settle_files(session, written, counts, log)
  end
  if session then session:close() end
  return counts
end

-- Messages a person must look at: dead, or failed and waiting to retry.
function delivery.troubles()
  return pw.sql("SELECT count(*) AS n FROM outbox WHERE state IN ('dead', 'failed')")[1].n
end

return delivery
