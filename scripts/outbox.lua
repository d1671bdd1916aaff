--! planwatch: write
-- planwatch outbox list|retry|flush: inspect and drive the message queue.
local delivery = require "delivery"

local usage = [[usage: planwatch outbox [list] [--state STATE]
       planwatch outbox retry [ID]
       planwatch outbox flush

list   the messages (newest first), optionally of one state: queued, sending,
       sent, failed, dead
retry  put one failed or dead message (or all of them) back in the queue
flush  deliver every message that is due now
Exit 1 when a message is dead or still failing.]]

local opts, pos = pw.parse_args(pw.args, { state = "value" }, usage, 2)
if opts.help then return 0 end
local action = pos[1] or "list"

if action == "list" then
  pw.print_rows(pw.sql([[SELECT id, state, recipient, subject, attempts, next_attempt_at,
      sent_at, last_error FROM outbox WHERE (?1 IS NULL OR state = ?1)
    ORDER BY id DESC]], opts.state),
    { "id", "state", "recipient", "subject", "attempts", "next_attempt_at", "sent_at", "last_error" })
elseif action == "retry" then
  local id = pos[2] and math.tointeger(tonumber(pos[2]))
  if pos[2] and not id then pw.fail("outbox retry: '" .. pos[2] .. "' is not a message id") end
  pw.out(string.format("%d message(s) queued again\n", pw.outbox.retry(id)))
elseif action == "flush" then
  local c = delivery.run(function(s) pw.out(s) end)
  pw.out(string.format("%d sent, %d failed, %d dead\n", c.sent, c.failed, c.dead))
else
  pw.fail("outbox: unknown action '" .. action .. "'\n" .. usage)
end
return delivery.troubles() > 0 and 1 or 0
