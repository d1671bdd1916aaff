--! planwatch: write
-- planwatch outbox list|retry|flush|check|dismiss|rewrite: inspect and drive
-- the message queue.
local delivery = require "delivery"
local W = require("words").of("delivery")

local usage = require("words").say("usage.outbox")

local opts, pos = pw.parse_args(pw.args, { state = "value", ["all-dead"] = "boolean" }, usage, 3)
if opts.help then return 0 end
local action = pos[1] or "list"

local function message_id(text, what)
  local id = text and math.tointeger(tonumber(text))
  if not id or id < 1 then pw.fail(string.format(W.bad_id, what, tostring(text))) end
  return id
end

-- An operator's action on messages (retry, dismiss, rewrite), in one
-- transaction and kept in the audit log: a row for each message whose
-- state fn changed, with its state and attempts before and after.
local function audited(what, fn)
  return pw.transaction(function()
    local before = pw.outbox.troubled()
    local n = fn()
    for _, old in ipairs(before) do
      local new = pw.sql("SELECT state, attempts FROM outbox WHERE id = ?", old.id)[1]
      if new and new.state ~= old.state then
        pw.audit{ actor = "outbox", action = what, entity = "outbox", key = tostring(old.id),
          old = pw.json.encode{ state = old.state, attempts = old.attempts },
          new = pw.json.encode{ state = new.state, attempts = new.attempts } }
      end
    end
    return n
  end)
end

local STATES = {}
for _, state in ipairs(pw.outbox.states()) do STATES[state] = true end
if action == "list" and opts.state and not STATES[opts.state] then
  pw.fail(require("words").say("cli.outbox.no_state", opts.state) .. "\n" .. usage)
end
if action == "list" then
  local rows = pw.sql([[SELECT id, state, recipient, subject, attempts, next_attempt_at,
      sent_at, CASE WHEN state = 'sending' THEN 'pid ' || lease_pid || ' on ' || lease_host
        || ' until ' || lease_until END AS held_by,
      CASE WHEN unknowns > 0 THEN unknowns END AS unanswered, last_error
    FROM outbox WHERE (?1 IS NULL OR state = ?1) ORDER BY id DESC]], opts.state)
  local cols = { "id", "state", "recipient", "subject", "attempts", "next_attempt_at", "sent_at",
    "held_by", "unanswered", "last_error" }
  if pw.opt.format == "table" then -- for people: headings in words, times by language
    local formats = require "formats"
    pw.print_rows(require("report_text").people_rows(rows, cols,
      { next_attempt_at = formats.datetime, sent_at = formats.datetime }))
  else
    pw.print_rows(rows, cols)
  end
elseif action == "retry" then
  local id = pos[2] and message_id(pos[2], "retry")
  if id and pw.outbox.troubles(id) == 0 then
    pw.fail(require("words").say("cli.outbox.no_retry", id))
  end
  pw.out(string.format(W.retried, audited("retry", function() return pw.outbox.retry(id) end)))
elseif action == "flush" then
  local c = delivery.run(function(s) pw.out(s) end)
  pw.out(delivery.summary(c) .. "\n")
  return delivery.finish(c)
elseif action == "check" then
  local ok, text = delivery.check()
  if ok then
    pw.out(text .. "\n")
    return 0
  end
  pw.err(text)
  return 1
elseif action == "dismiss" then
  if opts["all-dead"] == (pos[2] ~= nil) then pw.fail(W.dismiss_usage .. usage) end
  local id = pos[2] and message_id(pos[2], "dismiss") or nil
  local n = audited("dismiss", function() return pw.outbox.dismiss(id) end)
  pw.out(string.format(W.dismissed, n))
elseif action == "rewrite" then
  local id = message_id(pos[2], "rewrite")
  local n = audited("rewrite", function()
    local k = pw.outbox.dismiss(id)
    if k > 0 then
      pw.exec("DELETE FROM notices WHERE message = ?", id)
      -- free its key, so the same day's remind can queue the new text
      pw.exec("UPDATE outbox SET dedup_key = dedup_key || '#rewritten' || id WHERE id = ?", id)
    end
    return k
  end)
  if n == 0 then pw.fail(string.format(W.not_rewritable, id)) end
  pw.out(string.format(W.rewritten, id))
else
  pw.fail(require("words").say("cli.outbox.unknown_action", action) .. "\n" .. usage)
end
return delivery.troubles() > 0 and 1 or 0
