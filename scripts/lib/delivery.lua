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

-- Send every message due now. Returns counts { sent=, failed=, dead= }.
function delivery.run(log)
  local counts = { sent = 0, failed = 0, dead = 0 }
  local me = owner()
  local session
  while true do
    local ids = pw.outbox.claim(me, LEASE, BATCH)
    if #ids == 0 then break end
    session = session or pw.mail.session()
    for _, id in ipairs(ids) do
      local m = pw.sql("SELECT * FROM outbox WHERE id = ?", id)[1]
      local r = send_one(session, m)
      if r.ok then
        pw.outbox.sent(id, r.message_id)
        counts.sent = counts.sent + 1
        if log then log(string.format("sent #%d to %s: %s\n", id, m.recipient, m.subject or "")) end
      else
        local state = pw.outbox.failed(id, r.temporary, r.message or "failed")
        counts[state] = counts[state] + 1
        pw.err(string.format("planwatch: message #%d to %s %s: %s\n", id, m.recipient,
          state == "dead" and "failed for good" or "failed, will retry", r.message or "?"))
      end
    end
  end
  if session then session:close() end
  return counts
end

-- Messages a person must look at: dead, or failed and waiting to retry.
function delivery.troubles()
  return pw.sql("SELECT count(*) AS n FROM outbox WHERE state IN ('dead', 'failed')")[1].n
end

return delivery
