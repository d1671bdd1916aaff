--! planwatch: write
-- planwatch submit UNIT DUTY PERIOD: record that a report was received.
local submissions = require "submissions"

local usage = [[usage: planwatch submit UNIT DUTY PERIOD [--at YYYY-MM-DD] [--note TEXT]
                        [--ref NUMBER] [--ref-date YYYY-MM-DD] [--summary TEXT]
       planwatch submit --withdraw UNIT DUTY PERIOD

Records that UNIT (a code, an alias or the official name) submitted its DUTY
report for PERIOD (e.g. 2025, 2025-H1, 2025-Q3, 2025-07), received on --at
(default: today). --ref and --ref-date give the number and date of the
document that carried it ("123/SCT-KHTC", 2026-12-10: cited in the yearly
report as "Công văn số 123/SCT-KHTC ngày 10/12/2026"), --summary what it says
in a few sentences. Recording it again replaces all of these; the old ones
stay in the audit log. A period outside the plan's span and a date before
the period's reporting window opens are refused. --withdraw deletes a
recorded submission (one recorded by mistake); the audit log keeps it.
Many at once: planwatch import FILE.csv with the columns duty, unit, period,
received_at (and optionally note, ref, ref_date, summary).]]

local opts, pos = pw.parse_args(pw.args, { note = "value", at = "value", ref = "value",
  ["ref-date"] = "value", summary = "value", withdraw = "boolean" }, usage, 3)
if opts.help then return 0 end
if #pos < 3 then pw.fail(usage) end

if opts.withdraw then
  if opts.at or opts.note or opts.ref or opts["ref-date"] or opts.summary then
    pw.fail("submit: --withdraw takes no --at, --note, --ref, --ref-date or --summary\n" .. usage)
  end
  -- any recorded row may be withdrawn, even one the checks would now refuse
  local unit, near = submissions.unit_code(pos[1])
  local p = pw.period.parse(pos[3])
  if not unit then pw.fail("submit: unit: " .. submissions.unknown_unit(pos[1], near)) end
  if not p then pw.fail("submit: period: bad period '" .. pos[3] .. "'") end
  local row = { unit = unit, duty = pos[2], period = p.code }
  local old
  pw.transaction(function() old = submissions.withdraw(row, "submit") end)
  if not old then
    pw.fail(string.format(pw.opt.lang == "en" and "submit: %s %s %s: no submission is recorded"
      or "submit: %s %s %s: chưa ghi nhận báo cáo nào", row.unit, row.duty, row.period))
  end
  pw.out(string.format(pw.opt.lang == "en" and "%s %s %s: withdrawn (was received %s)\n"
    or "%s %s %s: đã rút (đã ghi nhận ngày %s)\n", row.unit, row.duty, row.period, old.received_at))
  return 0
end

local row, field, why = submissions.check(pos[1], pos[2], pos[3], opts.at or pw.today())
local OPTION = { received_at = "--at", ref_date = "--ref-date", ref = "--ref", summary = "--summary" }
if row then
  row, field, why = submissions.describe(row, { note = opts.note, ref = opts.ref,
    ref_date = opts["ref-date"], summary = opts.summary })
end
if not row then pw.fail(string.format("submit: %s: %s", OPTION[field] or field, why)) end
pw.transaction(function() submissions.record(row, "submit") end)
-- a report for a unit's successor is recorded under the duty row it inherits
pw.out(string.format("%s %s %s: received %s\n", row.reporter and (row.reporter .. " (" .. row.unit .. ")")
  or row.unit, row.duty, row.period, row.received_at))
return 0
