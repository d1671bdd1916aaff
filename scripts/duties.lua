-- planwatch duties: each unit's reporting duties at --today.
local duties = require "duties"
local T = require "report_text"
local formats = require "formats"
local words = require "words"
local usage = words.say("usage.duties")

local opts = pw.parse_args(pw.args, { unit = "value", duty = "value", state = "value",
  all = "boolean", rates = "value", plan = "value" }, usage, 0)
if opts.help then return 0 end
local plan_id = require("plans").choose(opts.plan, "duties")

-- A filter that matches nothing is a mistake, not an empty answer.
local STATES = { "upcoming", "due_soon", "due_today", "overdue", "received", "received_late" }
local function refuse(key, ...)
  pw.fail(words.say("cli.duties." .. key, ...) .. "\n" .. usage)
end
if opts.state then
  local known = false
  for _, st in ipairs(STATES) do known = known or st == opts.state end
  if not known then
    refuse("bad_state", table.concat(STATES, ", "), opts.state)
  end
end
if opts.unit then
  local code, near = require("submissions").unit_code(opts.unit)
  if not code then
    refuse("no_unit", opts.unit,
      require("submissions").did_you_mean(near))
  end
  opts.unit = code
end
if opts.duty and not pw.sql("SELECT 1 FROM duties WHERE code = ? AND retired_at IS NULL", opts.duty)[1] then
  refuse("no_duty", opts.duty)
end
local today = pw.today()
local items = duties.schedule({ today = today, plan = plan_id, unit = opts.unit,
  duty = opts.duty })

if opts.rates then
  if opts.rates ~= "unit" and opts.rates ~= "duty" and opts.rates ~= "period" then
    refuse("bad_rates")
  end
  local list = duties.rates(items, opts.rates, today)
  if pw.opt.format ~= "table" then
    pw.print_rows(list, { opts.rates, "expected", "actual", "on_time", "actual_rate", "on_time_rate" })
  else
    pw.print_rows(T.people_rows(list, { opts.rates, "expected", "actual_n", "on_time", "actual_rate",
      "on_time_rate" }, { period = formats.period, actual_rate = T.rate, on_time_rate = T.rate }))
  end
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
local cols = { "duty", "unit", "to", "period", "deadline", "state", "days_left", "received_at" }
if pw.opt.format ~= "table" then
  pw.print_rows(rows, cols)
else -- for people: states in words, dates and periods as the language writes them
  local S = words.of("status")
  pw.print_rows(T.people_rows(rows, cols, { period = formats.period, deadline = formats.date,
    received_at = formats.datetime, state = function(v) return S.state[v] or v end }))
end
return 0
