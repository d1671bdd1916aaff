-- The plugin language. This file runs first in each plugin's own sandboxed
-- state; it is called with the plugin's environment, where(level) and
-- define(name, value) (a raw set into that guarded environment), adds the
-- declaration functions to the environment, and returns the functions the
-- host may call afterwards: collect (the declarations, and every problem
-- found, with its line), formula and validate (a plugin's own Lua functions,
-- run here in its sandbox on data the host copies in).
-- It checks each declaration on its own; references between declarations
-- are checked by the loader, which sees the whole package.
local env, where, define = ...

local decls, problems = {}, {}
local header -- the unit named by `unit "CODE"`

local CODE = "^[A-Z][A-Z0-9_]*$"

local function enum(...)
  local set = {}
  for _, v in ipairs({ ... }) do set[v] = true end
  return set
end

local enums = {
  unit_kind = enum("province", "council", "department", "board", "association",
                   "district", "leadership", "national", "recipient"),
  goal_kind = enum("general", "specific", "requirement"),
  period = enum("year", "half", "quarter", "month"),
  rule = enum("last", "sum", "distinct", "cagr", "every_year"),
  op = enum(">=", ">", "<=", "<", "=", "between"),
  every = enum("once", "year", "half", "quarter", "9m", "month"),
  cutoff = enum("nd09", "calendar"),
  funding = enum("state_budget", "enterprise", "other"),
  holiday_kind = enum("holiday", "compensatory", "workday"),
  lang = enum("vi", "en"),
}

-- Field types: a name below, or an enum name prefixed with "enum:".
local schema = {
  plan = { id = "string", number = "string", issued = "date", issuer = "code",
           basis = "string", span = "window", title = "string",
           title_en = "string", place = "string", signer = "string",
           timezone = "string" },
  unit = { code = "code", name = "string", name_en = "string",
           kind = "enum:unit_kind", aliases = "strings", email = "email",
           parent = "code", roles = "strings" },
  goal = { code = "code", kind = "enum:goal_kind", by = "year",
           text = "string", text_en = "string" },
  group = { no = "count", title = "string", title_en = "string",
            items = "strings" },
  indicator = { code = "code", name = "string", name_en = "string",
                measure = "string", period = "enum:period",
                rule = "enum:rule", of = "code", formula = "function",
                goal = "code", owner = "code" },
  target = { indicator = "code", window = "window", by = "year",
             op = "enum:op", value = "value", goal = "code",
             note = "string" },
  task = { no = "count", title = "string", title_en = "string",
           items = "strings", when = "when", lead = "code",
           support = "support", group = "count" },
  duty = { code = "code", title = "string", title_en = "string",
           from = "codes", to = "code", every = "enum:every",
           cutoff = "enum:cutoff", due = "due", remind = "offsets",
           escalate = "escalate", note = "string" },
  budget = { code = "code", source = "enum:funding", unit = "code",
             year = "year", amount = "number", note = "string" },
  holiday = { date = "date", name = "string", kind = "enum:holiday_kind" },
  wording = { lang = "enum:lang", subject_reminder = "string", subject_one = "string",
              subject_escalate = "string", subject_confirm = "string",
              greeting = "string", intro_reminder = "string",
              intro_escalate = "string", intro_confirm = "string",
              closing = "string" },
}

local required = {
  plan = { "id", "number", "issued", "issuer", "span", "title" },
  unit = { "code", "name", "kind" },
  goal = { "code", "kind", "text" },
  group = { "no", "title" },
  indicator = { "code", "name" },
  target = { "indicator", "op", "value" },
  task = { "no", "title", "when" },
  duty = { "code", "title", "to", "every", "due" },
  budget = { "code", "source" },
  holiday = { "date", "name", "kind" },
  wording = { "lang" },
}

local function is_strings(v)
  if type(v) ~= "table" then return false end
  for k, s in pairs(v) do
    if math.type(k) ~= "integer" or type(s) ~= "string" then return false end
  end
  return true
end

local function valid_date(s)
  local y, m, d = s:match("^(%d%d%d%d)-(%d%d)-(%d%d)$")
  if not y then return false end
  local t = os.time({ year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12 })
  return os.date("%Y-%m-%d", t) == s
end

-- Each checker returns nil when v is fine, or what v should be.
-- The shape of a duty's `due` (scripts/lib/due.lua says what each form
-- means): { workdays_after_cutoff = N } (N >= 1), or { day = "MM-DD" } or
-- { day_after_end = N } (1..366), either with an optional roll = false.
-- Returns nil, or what is expected.
local function due_shape(v)
  local expected = '{ workdays_after_cutoff = N } (N >= 1), { day = "MM-DD" } or '
    .. '{ day_after_end = N } (1..366), the last two with an optional roll = false'
  if type(v) ~= "table" then return expected end
  local n, d, a, roll = v.workdays_after_cutoff, v.day, v.day_after_end, v.roll
  local keys = 0
  for _ in pairs(v) do keys = keys + 1 end
  if keys == 1 and math.type(n) == "integer" and n >= 1 then return nil end
  if roll ~= nil and roll ~= false and roll ~= true then return expected end
  if keys ~= (roll == nil and 1 or 2) then return expected end
  if type(d) == "string" and d:match("^%d%d%-%d%d$") and valid_date("2024-" .. d) then return nil end
  if math.type(a) == "integer" and a >= 1 and a <= 366 then return nil end
  return expected
end

local checks = {
  string = function(v) if type(v) ~= "string" or v == "" then return "a non-empty string" end end,
  code = function(v) if type(v) ~= "string" or not v:match(CODE) then return "a code like SKHCN (A-Z, 0-9, _)" end end,
  count = function(v) if math.type(v) ~= "integer" or v < 1 then return "a positive integer" end end,
  year = function(v) if math.type(v) ~= "integer" or v < 1900 or v > 2200 then return "a year" end end,
  number = function(v) if type(v) ~= "number" or v ~= v or v == math.huge or v == -math.huge then return "a finite number" end end,
  strings = function(v) if not is_strings(v) then return "a list of strings" end end,
  ["function"] = function(v) if type(v) ~= "function" then return "a function" end end,
  date = function(v) if type(v) ~= "string" or not valid_date(v) then return "a date YYYY-MM-DD" end end,
  email = function(v)
    if type(v) ~= "string" or not v:match("^[%w.!#$%%&'*+/=?^_`{|}~-]+@[%w.-]+%.[%a]+$") then
      return "an e-mail address"
    end
  end,
  window = function(v)
    local a, b = tostring(v):match("^(%d%d%d%d)/(%d%d%d%d)$")
    if type(v) ~= "string" or not a or tonumber(a) > tonumber(b) then return 'a span "YYYY/YYYY"' end
  end,
  when = function(v)
    if type(v) ~= "string" then return 'a time like "2021", "2021/2030", "annual" or "from 2021"' end
    local a, b = v:match("^(%d%d%d%d)/(%d%d%d%d)$")
    if v:match("^%d%d%d%d$") or v == "annual" or v:match("^from %d%d%d%d$")
      or (a and tonumber(a) <= tonumber(b)) then return end
    return 'a time like "2021", "2021/2030", "annual" or "from 2021"'
  end,
  value = function(v)
    if type(v) == "number" and v == v then return end
    if type(v) == "table" and #v == 2 and type(v[1]) == "number"
      and type(v[2]) == "number" and v[1] <= v[2] then return end
    return "a number, or {low, high} for between"
  end,
  support = function(v)
    if v == "*" then return end
    if is_strings(v) then
      for _, s in ipairs(v) do if not s:match(CODE) then return 'a list of unit codes, or "*"' end end
      return
    end
    return 'a list of unit codes, or "*"'
  end,
  codes = function(v)
    if type(v) == "string" and v:match(CODE) then return end
    if is_strings(v) and #v > 0 then
      for _, s in ipairs(v) do if not s:match(CODE) then return "a unit code or a list of them" end end
      return
    end
    return "a unit code or a list of them"
  end,
  offsets = function(v)
    if type(v) ~= "table" then return "a list of day offsets" end
    for k, n in pairs(v) do
      if math.type(k) ~= "integer" or math.type(n) ~= "integer" then return "a list of day offsets (integers)" end
    end
  end,
  due = function(v) return due_shape(v) end,
  escalate = function(v)
    if type(v) == "table" and math.type(v.after) == "integer" and v.after >= 0
      and type(v.to) == "string" and v.to:match(CODE) and next(v, next(v, next(v))) == nil then
      return
    end
    return '{ after = DAYS, to = "UNIT" }'
  end,
}

local function problem(line, fmt, ...)
  problems[#problems + 1] = { line = line, message = string.format(fmt, ...) }
end

-- Check one declaration's fields; returns true when it is well formed.
local function check_fields(kind, t, line)
  local ok = true
  local fields = schema[kind]
  for k, v in pairs(t) do
    local ty = type(k) == "string" and fields[k]
    if not ty then
      problem(line, "%s: unknown field '%s'", kind, tostring(k))
      ok = false
    else
      local want
      local enum_name = ty:match("^enum:(.*)")
      if enum_name then
        if not enums[enum_name][v] then
          local names = {}
          for n in pairs(enums[enum_name]) do names[#names + 1] = n end
          table.sort(names)
          want = "one of " .. table.concat(names, ", ")
        end
      else
        want = checks[ty](v)
      end
      if want then
        problem(line, "%s: field '%s' must be %s", kind, k, want)
        ok = false
      end
    end
  end
  for _, k in ipairs(required[kind]) do
    if t[k] == nil then
      problem(line, "%s: field '%s' is required", kind, k)
      ok = false
    end
  end
  return ok
end

local function declarer(kind)
  return function(t)
    local _, line = where(2)
    if type(t) ~= "table" then
      problem(line, "%s: expected a table, as in %s { ... }", kind, kind)
      return
    end
    if check_fields(kind, t, line) then
      local d = {}
      for k, v in pairs(t) do d[k] = v end
      d.decl, d.line = kind, line
      decls[#decls + 1] = d
    end
  end
end

for kind in pairs(schema) do define(kind, declarer(kind)) end

-- unit "CODE" names the unit a plugin file belongs to; unit { ... } declares
-- a unit (plan.lua only).
local declare_unit = env.unit
define("unit", function(t)
  local _, line = where(2)
  if type(t) ~= "string" then return declare_unit(t) end
  if not t:match(CODE) then
    problem(line, "unit: '%s' is not a unit code", t)
  elseif header then
    problem(line, "unit: this file already belongs to %s", header.code)
  else
    header = { code = t, line = line }
  end
end)

define("validate", function(indicator, fn)
  local _, line = where(2)
  if type(indicator) ~= "string" or not indicator:match(CODE) then
    problem(line, "validate: the first argument must be an indicator code")
  elseif type(fn) ~= "function" then
    problem(line, "validate: the second argument must be a function")
  else
    decls[#decls + 1] = { decl = "validate", indicator = indicator, fn = fn, line = line }
  end
end)

local exports = {}

function exports.collect()
  return { unit = header, decls = decls, problems = problems }
end

local function find(kind, field, value)
  for _, d in ipairs(decls) do
    if d.decl == kind and d[field] == value then return d end
  end
end

-- Values of a derived indicator: arg = { indicator = CODE, periods = {...},
-- data = { [CODE] = { [period] = value } } }. Returns { [period] = value };
-- a formula that fails or returns a non-number leaves its period out.
function exports.formula(arg)
  local d = find("indicator", "code", arg.indicator)
  local out = {}
  if not (d and d.formula) then return out end
  local function get(code, period)
    local series = arg.data[code]
    return series and series[period]
  end
  for _, p in ipairs(arg.periods) do
    local ok, v = pcall(d.formula, get, p)
    if ok and type(v) == "number" and v == v and v ~= math.huge and v ~= -math.huge then
      out[p] = v
    end
  end
  return out
end

-- Validation rules: arg = { indicator = CODE, values = { {unit=, period=,
-- value=, ...}, ... } }. Returns the refusals: { {index=, message=} }.
function exports.validate(arg)
  local refusals = {}
  for _, d in ipairs(decls) do
    if d.decl == "validate" and d.indicator == arg.indicator then
      for i, v in ipairs(arg.values) do
        local ok, good, why = pcall(d.fn, v)
        if not ok or not good then
          refusals[#refusals + 1] = { index = i, line = d.line,
            message = not ok and tostring(good) or why or "refused by the plugin's rule" }
        end
      end
    end
  end
  return refusals
end

return exports
