-- planwatch duties: each unit's reporting duties at --today.
local duties = require "duties"

local usage = [[usage: planwatch duties [--plan ID] [--unit CODE] [--duty CODE] [--state STATE] [--all]
                        [--rates unit|duty|period]

Lists duty-periods with their deadline and state at --today: due_soon (within
7 days), due_today, overdue, received, received_late; --all adds upcoming
ones. --rates prints reporting rates instead (expected, received, on time).
--plan ID chooses the plan when the database holds several.]]

local opts = pw.parse_args(pw.args, { unit = "value", duty = "value", state = "value",
  all = "boolean", rates = "value", plan = "value" }, usage, 0)
if opts.help then return 0 end
local plan_id = require("plans").choose(opts.plan, "duties")

-- A filter that matches nothing is a mistake, not an empty answer.
local STATES = { "upcoming", "due_soon", "due_today", "overdue", "received", "received_late" }
local function refuse(vi, en, ...)
  pw.fail(string.format(pw.opt.lang == "en" and en or vi, ...) .. "\n" .. usage)
end
if opts.state then
  local known = false
  for _, st in ipairs(STATES) do known = known or st == opts.state end
  if not known then
    refuse("--state phải là một trong %s, không phải '%s'", "--state must be one of %s, not '%s'",
      table.concat(STATES, ", "), opts.state)
  end
end
if opts.unit then
  local code, near = require("submissions").unit_code(opts.unit)
  if not code then
    refuse("--unit: không có đơn vị '%s'%s", "--unit: no unit '%s'%s", opts.unit,
      require("submissions").did_you_mean(near))
  end
  opts.unit = code
end
if opts.duty and not pw.sql("SELECT 1 FROM duties WHERE code = ? AND retired_at IS NULL", opts.duty)[1] then
  refuse("--duty: không có nhiệm vụ báo cáo '%s'", "--duty: no reporting duty '%s'", opts.duty)
end
local today = pw.today()
local items = duties.schedule({ today = today, plan = plan_id, unit = opts.unit,
  duty = opts.duty })

if opts.rates then
  if opts.rates ~= "unit" and opts.rates ~= "duty" and opts.rates ~= "period" then
    pw.fail("--rates must be unit, duty or period\n" .. usage)
  end
  pw.print_rows(duties.rates(items, opts.rates, today),
    { opts.rates, "expected", "actual", "on_time", "actual_rate", "on_time_rate" })
  return 0
end

local SHOWN = { due_soon = true, due_today = true, overdue = true, received = true, received_late = true }
local rows = {}
for _, it in ipairs(items) do
  if (opts.state and it.state == opts.state) or (not opts.state and (opts.all or SHOWN[it.state])) then
    rows[#rows + 1] = { duty = it.duty, unit = it.unit, to = it.to_unit, period = it.period,
      deadline = it.deadline, state = it.state, days_left = it.days_left,
      received_at = it.received_at }
  end
end
pw.print_rows(rows, { "duty", "unit", "to", "period", "deadline", "state", "days_left", "received_at" })
return 0
