--! planwatch: write
-- planwatch submit UNIT DUTY PERIOD: record that a report was received.
local submissions = require "submissions"

local usage = [[usage: planwatch submit UNIT DUTY PERIOD [--note TEXT] [--at YYYY-MM-DD]

Records that UNIT (a code, an alias or the official name) submitted its DUTY
report for PERIOD (e.g. 2025, 2025-H1, 2025-Q3, 2025-07), received on --at
(default: today). Recording it again replaces the date and note; the old ones
stay in the audit log. Many at once: planwatch import FILE.csv with the
columns duty, unit, period, received_at (and optionally note).]]

local opts, pos = pw.parse_args(pw.args, { note = "value", at = "value" }, usage, 3)
if opts.help then return 0 end
if #pos < 3 then pw.fail(usage) end

local row, field, why = submissions.check(pos[1], pos[2], pos[3], opts.at or pw.today())
if not row then pw.fail(string.format("submit: %s: %s", field == "received_at" and "--at" or field, why)) end
pw.transaction(function() submissions.record(row, opts.note, "submit") end)
pw.out(string.format("%s %s %s: received %s\n", row.unit, row.duty, row.period, row.received_at))
return 0
