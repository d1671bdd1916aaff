--! planwatch: write
-- planwatch submit UNIT DUTY PERIOD: record that a report was received.
local submissions = require "submissions"

local words = require "words"
local usage = words.say("usage.submit")

local opts, pos = pw.parse_args(pw.args, { note = "value", at = "value", ref = "value",
  ["ref-date"] = "value", summary = "value", withdraw = "boolean" }, usage, 3)
if opts.help then return 0 end
if #pos < 3 then pw.fail(usage) end

if opts.withdraw then
  if opts.at or opts.note or opts.ref or opts["ref-date"] or opts.summary then
    pw.fail(words.say("cli.submit.withdraw_alone") .. "\n" .. usage)
  end
  -- any recorded row may be withdrawn, even one the checks would now refuse
  local unit, near = submissions.unit_code(pos[1])
  local p = pw.period.parse(pos[3])
  if not unit then pw.fail("submit: unit: " .. submissions.unknown_unit(pos[1], near)) end
  if not p then pw.fail(words.say("cli.submit.bad_period", pos[3])) end
  local row = { unit = unit, duty = pos[2], period = p.code }
  local old
  pw.transaction(function() old = submissions.withdraw(row, "submit") end)
  if not old then
    pw.fail(words.say("cli.submit.none_recorded", row.unit, row.duty, row.period))
  end
  pw.out(words.say("cli.submit.withdrawn", row.unit, row.duty, row.period,
    require("formats").date(old.received_at)), "\n")
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
