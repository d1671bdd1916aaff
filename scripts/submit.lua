--! planwatch: write
-- planwatch submit UNIT DUTY PERIOD: record that a report was received.
local usage = [[usage: planwatch submit UNIT DUTY PERIOD [--note TEXT] [--at YYYY-MM-DD]

Records that UNIT (a code or an alias) submitted its DUTY report for PERIOD
(e.g. 2025, 2025-H1, 2025-Q3, 2025-07), received on --at (default: today).
Recording it again replaces the date and note; the old ones stay in the
audit log.]]

local json = pw.json
local opts, pos = pw.parse_args(pw.args, { note = "value", at = "value" }, usage, 3)
if opts.help then return 0 end
if #pos < 3 then pw.fail(usage) end

local KIND = { year = "year", half = "half", quarter = "quarter", ["9m"] = "9m", month = "month", once = "year" }

-- Resolve a unit code or alias; nil when unknown.
local function unit_code(name)
  local r = pw.sql([[SELECT code FROM units WHERE code = ?1 AND retired_at IS NULL
    UNION SELECT a.unit FROM unit_aliases a JOIN units u ON u.code = a.unit
    WHERE a.alias = ?1 AND u.retired_at IS NULL]], name)[1]
  return r and r.code
end

local unit = unit_code(pos[1]) or pw.fail("submit: unknown unit '" .. pos[1] .. "'")
local duty = pw.sql("SELECT code, every FROM duties WHERE code = ? AND unit = ? AND retired_at IS NULL",
  pos[2], unit)[1]
if not duty then
  pw.fail(string.format("submit: %s has no duty '%s'", unit, pos[2]))
end
local p, why = pw.period.parse(pos[3])
if not p then pw.fail("submit: " .. why) end
if p.kind ~= KIND[duty.every] then
  pw.fail(string.format("submit: duty %s is reported every %s; '%s' is a %s period",
    duty.code, duty.every, pos[3], p.kind))
end
local at = opts.at or pw.today()
if not pw.valid_date(at) then pw.fail("submit: --at must be a date YYYY-MM-DD, not '" .. at .. "'") end

pw.transaction(function()
  local old = pw.sql("SELECT received_at, note FROM submissions WHERE duty = ? AND unit = ? AND period = ?",
    duty.code, unit, p.code)[1]
  pw.exec([[INSERT INTO submissions (duty, unit, period, received_at, note, source, recorded_at)
    VALUES (?, ?, ?, ?, ?, 'submit', ?)
    ON CONFLICT (duty, unit, period) DO UPDATE SET received_at = excluded.received_at,
      note = excluded.note, source = excluded.source, recorded_at = excluded.recorded_at]],
    duty.code, unit, p.code, at, opts.note, pw.now())
  pw.exec([[INSERT INTO audit (at, actor, action, entity, key, old, new)
    VALUES (?, 'submit', ?, 'submissions', ?, ?, ?)]], pw.now(), old and "change" or "add",
    duty.code .. "/" .. unit .. "/" .. p.code, old and json.encode(old) or nil,
    json.encode({ received_at = at, note = opts.note }))
end)
pw.out(string.format("%s %s %s: received %s\n", unit, duty.code, p.code, at))
return 0
