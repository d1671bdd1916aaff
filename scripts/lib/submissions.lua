-- Recording received reports: one at a time (submit) or from a CSV file
-- (import), with the same checks, all or nothing.
local json = pw.json

local submissions = {}

-- A text of the catalogue's cli.submissions, in the run's language.
local function say(key, ...)
  return require("words").say("cli.submissions." .. key, ...)
end

-- A duty's frequency as the period kind its reports carry.
local KIND = { year = "year", half = "half", quarter = "quarter", ["9m"] = "9m",
               month = "month", once = "year" }

-- The unit a code, alias or official name stands for, by the one rule
-- (pw.unit, core/unitname.h) the values import follows too. Returns its
-- code; or nil and the official name of the unit to suggest, for a "did
-- you mean" (never taken in its place).
function submissions.unit_code(name)
  local code, near = pw.unit(name)
  return code, near
end

-- "; did you mean 'NAME'?" for the unit near, or "".
function submissions.did_you_mean(near)
  return near and say("did_you_mean", near) or ""
end

-- "unknown unit 'X'", with "did you mean" the unit near, when there is one.
function submissions.unknown_unit(name, near)
  return say("unknown_unit", name, submissions.did_you_mean(near))
end

-- Check one submission; returns the normalised row, or nil and the field
-- and message of the first problem.
function submissions.check(unit_name, duty_code, period, received_at)
  local unit, near = submissions.unit_code(unit_name)
  if not unit then return nil, "unit", submissions.unknown_unit(unit_name, near) end
  -- A unit named for a period after it ended reports through its successor,
  -- a successor for a period before it took over through its predecessor
  -- (lib/duties.lua row_unit; plugins/README.md, "When the organisation changes").
  local row_unit, reporter = require("duties").row_unit(unit, duty_code, period)
  unit = row_unit or unit
  local duty = pw.sql("SELECT code, every, cutoff FROM duties WHERE code = ? AND unit = ? AND retired_at IS NULL",
    duty_code, unit)[1]
  if not duty then return nil, "duty", say("no_duty", unit, duty_code) end
  local p, why = pw.period.parse(period)
  if not p then return nil, "period", why end
  if p.kind ~= KIND[duty.every] then
    return nil, "period", say("wrong_kind", duty.code, duty.every, period, p.kind)
  end
  if not pw.valid_date(received_at) then
    return nil, "received_at", say("bad_date", received_at)
  end
  local field, problem = submissions.implausible(duty, p, received_at)
  if field then return nil, field, problem end
  return { duty = duty.code, unit = unit, period = p.code, received_at = received_at,
    reporter = reporter ~= unit and reporter or nil }
end

-- A period the plan does not span, or a receipt before the period's
-- window opens (the Decree 09/2019 cut-off window's first day for an nd09
-- duty, else the period's first day): the field and why, or nil.
function submissions.implausible(duty, p, received_at)
  local plan = pw.sql([[SELECT p.span_from, p.span_to FROM plans p JOIN duties d ON d.plan_id = p.id
    WHERE d.code = ? LIMIT 1]], duty.code)[1]
  if plan and (p.year < plan.span_from or p.year > plan.span_to) then
    return "period", say("outside_span", p.code, plan.span_from, plan.span_to)
  end
  local opens = duty.cutoff == "nd09" and pw.period.cutoff(p.code) or pw.period.bounds(p.code)
  if received_at < opens then
    return "received_at", say("too_early", received_at, p.code, opens)
  end
  return nil
end

-- Withdraw a recorded submission (inside the caller's transaction): the
-- row is deleted and kept in the audit log. Returns the old row, or nil
-- when none was recorded.
function submissions.withdraw(row, actor)
  local old = pw.sql([[SELECT received_at, note, ref, ref_date, summary FROM submissions
    WHERE duty = ? AND unit = ? AND period = ?]], row.duty, row.unit, row.period)[1]
  if not old then return nil end
  pw.exec("DELETE FROM submissions WHERE duty = ? AND unit = ? AND period = ?", row.duty, row.unit, row.period)
  pw.audit{ actor = actor, action = "withdraw", entity = "submissions",
    key = row.duty .. "/" .. row.unit .. "/" .. row.period, old = json.encode(old) }
  return old
end

-- The longest reference and summary kept (bytes).
local REF_MAX, SUMMARY_MAX = 100, 2000

-- Check what a report carried: the reference of its document (number and
-- date) and a summary, each optional (nil or ""). Fills row.note, row.ref,
-- row.ref_date and row.summary; returns row, or nil and the field and
-- message of the first problem.
function submissions.describe(row, d)
  local function given(v) return v ~= nil and v ~= "" and v or nil end
  row.note, row.ref, row.ref_date, row.summary = given(d.note), given(d.ref), given(d.ref_date),
    given(d.summary)
  if row.ref and (#row.ref > REF_MAX or row.ref:find("[%c]")) then
    return nil, "ref", say("ref_line", REF_MAX)
  end
  if row.ref_date and not pw.valid_date(row.ref_date) then
    return nil, "ref_date", say("bad_date", row.ref_date)
  end
  if row.ref_date and not row.ref then return nil, "ref_date", say("ref_needed") end
  if row.ref_date and row.ref_date > row.received_at:sub(1, 10) then
    return nil, "ref_date", say("ref_after", row.ref_date, row.received_at)
  end
  if row.summary and #row.summary > SUMMARY_MAX then
    return nil, "summary", say("summary_long", SUMMARY_MAX)
  end
  return row
end

-- The stored columns a row describes, to compare and to audit.
local DESCRIBED = { "received_at", "note", "ref", "ref_date", "summary" }

local function stored(row)
  local t = {}
  for _, k in ipairs(DESCRIBED) do t[k] = row[k] end
  return t
end

local function same(old, row)
  for _, k in ipairs(DESCRIBED) do
    if old[k] ~= row[k] then return false end
  end
  return true
end

-- Write one checked and described row (inside the caller's transaction).
-- Returns "added", "changed" or "unchanged"; a change keeps the old row in
-- the audit log.
function submissions.record(row, source)
  local old = pw.sql([[SELECT received_at, note, ref, ref_date, summary FROM submissions
    WHERE duty = ? AND unit = ? AND period = ?]], row.duty, row.unit, row.period)[1]
  if old and same(old, row) then return "unchanged" end
  pw.exec([[INSERT INTO submissions (duty, unit, period, received_at, note, ref, ref_date,
      summary, source, recorded_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (duty, unit, period) DO UPDATE SET received_at = excluded.received_at,
      note = excluded.note, ref = excluded.ref, ref_date = excluded.ref_date,
      summary = excluded.summary, source = excluded.source, recorded_at = excluded.recorded_at]],
    row.duty, row.unit, row.period, row.received_at, row.note, row.ref, row.ref_date, row.summary,
    source, pw.now())
  pw.audit{ actor = source, action = old and "change" or "add", entity = "submissions",
    key = row.duty .. "/" .. row.unit .. "/" .. row.period, old = old and json.encode(old) or nil,
    new = json.encode(stored(row)) }
  return old and "changed" or "added"
end

local COLUMNS = { duty = true, unit = true, period = true, received_at = true, note = true,
  ref = true, ref_date = true, summary = true }
local REQUIRED = { "duty", "unit", "period", "received_at" }
-- as the values import names its columns (core/import.c)
local COLUMN_LIST = "duty, unit, period, received_at, and optionally note, ref, ref_date, summary"

local function header_of(path, rec, errors)
  local col = {}
  local function bad(fmt, ...)
    errors[#errors + 1] = string.format("%s:%d: " .. fmt, path, rec.line, ...)
  end
  for i, name in ipairs(rec.fields) do
    if not COLUMNS[name] then
      bad("unknown column '%s' (the columns are %s)", name, COLUMN_LIST)
    elseif col[name] then
      bad("column '%s' appears twice (fields %d and %d)", name, col[name], i)
    end
    col[name] = col[name] or i
  end
  for _, name in ipairs(REQUIRED) do
    if not col[name] then bad("missing column '%s' (the columns are %s)", name, COLUMN_LIST) end
  end
  return col
end

-- Check every line of a submissions CSV (its records as lib/csvin.lua
-- reads them: header first, no blank rows); returns rows and errors.
local function check_file(path, records)
  local errors, rows, seen = {}, {}, {}
  local col = header_of(path, records[1], errors)
  if #errors > 0 then return rows, errors end
  local width = #records[1].fields
  for i = 2, #records do
    local rec = records[i]
    local f = function(name) return rec.fields[col[name]] or "" end
    local bad
    if #rec.fields ~= width then
      bad = string.format("%s:%d: %d field%s; the header names %d", path, rec.line, #rec.fields,
        #rec.fields == 1 and "" or "s", width)
    else
      local row, field, why = submissions.check(f("unit"), f("duty"), f("period"), f("received_at"))
      if not row then
        bad = string.format("%s:%d: %s: %s", path, rec.line, field, why)
      else
        local key = row.duty .. "/" .. row.unit .. "/" .. row.period
        if seen[key] then
          bad = string.format("%s:%d: duplicate: %s is already on line %d", path, rec.line, key, seen[key])
        end
        seen[key] = seen[key] or rec.line
        local described
        described, field, why = submissions.describe(row, { note = f("note"), ref = f("ref"),
          ref_date = f("ref_date"), summary = f("summary") })
        if not described then bad = bad or string.format("%s:%d: %s: %s", path, rec.line, field, why) end
        rows[#rows + 1] = row
      end
    end
    errors[#errors + 1] = bad
  end
  return rows, errors
end

-- Import a submissions CSV. Returns counts, or nil and the list of errors
-- (then nothing was written).
function submissions.import(path, records, dry_run)
  local rows, errors = check_file(path, records)
  if #errors > 0 then return nil, errors end
  local counts = { read = #rows, added = 0, changed = 0, unchanged = 0 }
  if dry_run then
    for _, r in ipairs(rows) do
      local old = pw.sql([[SELECT received_at, note, ref, ref_date, summary FROM submissions
        WHERE duty = ? AND unit = ? AND period = ?]], r.duty, r.unit, r.period)[1]
      local what = not old and "added" or (same(old, r) and "unchanged" or "changed")
      counts[what] = counts[what] + 1
    end
    return counts
  end
  pw.transaction(function()
    for _, r in ipairs(rows) do
      local what = submissions.record(r, "import")
      counts[what] = counts[what] + 1
    end
  end)
  return counts
end

return submissions
