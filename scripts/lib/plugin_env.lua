-- The plugin language. This file runs first in each plugin's own sandboxed
-- state; it is called with the plugin's environment, where(level),
-- define(name, value) (a raw set into that guarded environment) and the
-- model (scripts/lib/model.lua, run in this file's environment), adds the
-- declaration functions to the environment, and returns the functions the
-- host may call afterwards: collect (the declarations, and every problem
-- found, with its line), formula and validate (a plugin's own Lua functions,
-- run here in its sandbox on data the host copies in).
-- It checks each declaration on its own; references between declarations
-- are checked by the loader, which sees the whole package.
local env, where, define, model = ...

local decls, problems = {}, {}
local header -- the unit named by `unit "CODE"`

local CODE = "^[A-Z][A-Z0-9_]*$"

-- The kinds, their fields and the values of each enum: scripts/lib/
-- model.lua. Field types: a checker below, or "enum:NAME". Every field
-- has a range (plugins/README.md lists them): "line" is one line of text,
-- "text" a description that may hold line breaks, "template" a wording
-- text with the placeholders the message gives it.
local enums = model.enums
local schema, required = {}, {}
for kind, k in pairs(model.kinds) do
  if not k.call then
    local fields, req = {}, {}
    for _, f in ipairs(k.fields) do
      if f[1] then
        fields[f[1]] = f[2]
        if f.required then req[#req + 1] = f[1] end
      end
    end
    schema[kind], required[kind] = fields, req
  end
end

-- The placeholders each wording text is given, in order (scripts/lib/
-- wording.lua fills them with string.format): a text may use the first
-- few of them, as %s or %d in that order, and %% for a percent sign.
local PLACEHOLDERS = {
  subject_reminder = { "d" }, subject_one = { "s", "s", "s" },
  subject_escalate = { "d" }, subject_confirm = { "s", "s" },
  greeting = { "s" }, intro_reminder = {}, intro_escalate = {},
  intro_confirm = {}, closing = {},
}

-- Ranges shared by the checks below (plugins/README.md, "Field ranges").
local LIMITS = {
  year_min = 1900, year_max = 2199, -- the calendar knows 1900..2200
  span_years = 50,                  -- holidays of a span fit the calendar
  line_chars = 1000, text_chars = 20000, code_chars = 64, list_items = 1000,
  unit_list_items = 10000,          -- units in a `from` or `support` list: a province's communes and more
  workdays_max = 250,               -- about one working year
  offset_days = 366, offsets_max = 20, escalate_days = 366,
  magnitude = 1e15,                 -- declared numbers, in absolute value
  task_no_max = 100000,
}

local function is_strings(v)
  if type(v) ~= "table" then return false end
  for k, s in pairs(v) do
    if math.type(k) ~= "integer" or type(s) ~= "string" then return false end
  end
  return true
end

local function in_years(y)
  return y >= LIMITS.year_min and y <= LIMITS.year_max
end

local function valid_date(s)
  local y, m, d = s:match("^(%d%d%d%d)-(%d%d)-(%d%d)$")
  if not y or not in_years(tonumber(y)) then return false end
  local t = os.time({ year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12 })
  return os.date("%Y-%m-%d", t) == s
end

-- Characters a terminal or a mail header acts on instead of showing: C0
-- controls (TAB, CR, LF among them), DEL, C1 controls U+0080..U+009F, the
-- bidirectional embeddings and overrides U+202A..U+202E and isolates
-- U+2066..U+2069. A "text" may hold LF (a line break) and nothing else.
-- They are found by their bytes in UTF-8, searched in C: one declaration
-- may hold megabytes of text. The C0 controls and DEL are one class below.
local CONTROL_BYTES = { "\194[\128-\159]", "\226\128[\170-\174]", "\226\129[\166-\169]" }

-- Where the first control character of s is (a character index) and which
-- it is, or nil.
local function first_control(s, multiline)
  local at = s:find(multiline and "[\0-\9\11-\31\127]" or "[\0-\31\127]")
  for _, p in ipairs(CONTROL_BYTES) do
    local i = s:find(p)
    if i and (not at or i < at) then at = i end
  end
  if at then return utf8.len(s, 1, at), utf8.codepoint(s, at) end
end

-- Texts already found fine, by kind: a string declared many times is
-- looked at once.
local fine = { [true] = {}, [false] = {} }

-- Why s is not text of at most max characters (line breaks allowed when
-- multiline), or nil.
local function text_problem(s, multiline, max)
  if type(s) ~= "string" or s == "" then return "a non-empty string" end
  if fine[multiline][s] == max then return nil end
  local n = utf8.len(s)
  if not n then return "valid UTF-8 text" end
  if n > max then return string.format("at most %d characters (it has %d)", max, n) end
  local i, cp = first_control(s, multiline)
  if i then
    return string.format("%s without control characters (U+%04X at character %d)",
      multiline and "text" or "one line of text", cp, i)
  end
  fine[multiline][s] = max
end

local function list_problem(v, multiline, max)
  if not is_strings(v) then return "a list of strings" end
  if #v > LIMITS.list_items then return string.format("a list of at most %d strings", LIMITS.list_items) end
  for k, s in pairs(v) do
    local why = text_problem(s, multiline, max)
    if why then return string.format("a list of strings; item %d must be %s", k, why) end
  end
end

local function is_code(v)
  return type(v) == "string" and #v <= LIMITS.code_chars and v:match(CODE) ~= nil
end

local function finite(v)
  return type(v) == "number" and v == v and v >= -LIMITS.magnitude and v <= LIMITS.magnitude
end

-- Why a wording text is not fit for the placeholders of its field.
local function template_problem(v, field)
  local why = text_problem(v, false, LIMITS.line_chars)
  if why then return why end
  local want, n = PLACEHOLDERS[field] or {}, 0
  for spec in v:gmatch("%%(.?)") do
    if spec ~= "%" then
      n = n + 1
      if spec ~= want[n] then
        local list = {}
        for i, w in ipairs(want) do list[i] = "%" .. w end
        return string.format("a text whose placeholders are %s, in that order (write %%%% for %%)",
          #list > 0 and table.concat(list, " ") or "none")
      end
    end
  end
end

local function window_years(v)
  if type(v) ~= "string" then return nil end
  local a, b = v:match("^(%d%d%d%d)/(%d%d%d%d)$")
  a, b = tonumber(a), tonumber(b)
  if a and b and a <= b and in_years(a) and in_years(b) then return a, b end
end

local YEARS = string.format("%d..%d", LIMITS.year_min, LIMITS.year_max)

-- A year or period code ("2021", "2021-H1", "2021-Q2", "2021-07"; the codes
-- of core/period.h) as a sortable pair of its first and last month
-- (year * 12 + month), or nil.
local function period_key(v)
  local y, rest = v:match("^(%d%d%d%d)(.*)$")
  y = tonumber(y)
  if not y or not in_years(y) then return nil end
  local first, last
  if rest == "" then first, last = 1, 12
  else
    local h = rest:match("^%-H([12])$")
    local q = rest:match("^%-Q([1-4])$")
    local m = rest:match("^%-(%d%d)$")
    if h then first = (tonumber(h) - 1) * 6 + 1; last = first + 5
    elseif q then first = (tonumber(q) - 1) * 3 + 1; last = first + 2
    elseif m and tonumber(m) >= 1 and tonumber(m) <= 12 then first = tonumber(m); last = first
    else return nil end
  end
  return y * 12 + first, y * 12 + last
end

-- Each checker returns nil when v is fine, or what v should be.
-- The shape of a duty's `due` (scripts/lib/due.lua says what each form
-- means): { workdays_after_cutoff = N } (N >= 1), or { day = "MM-DD" } or
-- { day_after_end = N } (1..366), either with an optional roll = false.
-- Returns nil, or what is expected.
local function due_shape(v)
  local expected = string.format('{ workdays_after_cutoff = N } (N from 1 to %d), { day = "MM-DD" } or '
    .. '{ day_after_end = N } (1..366), the last two with an optional roll = false', LIMITS.workdays_max)
  if type(v) ~= "table" then return expected end
  local n, d, a, roll = v.workdays_after_cutoff, v.day, v.day_after_end, v.roll
  local keys = 0
  for _ in pairs(v) do keys = keys + 1 end
  if keys == 1 and math.type(n) == "integer" and n >= 1 and n <= LIMITS.workdays_max then return nil end
  if roll ~= nil and roll ~= false and roll ~= true then return expected end
  if keys ~= (roll == nil and 1 or 2) then return expected end
  if type(d) == "string" and d:match("^%d%d%-%d%d$") and valid_date("2024-" .. d) then return nil end
  if math.type(a) == "integer" and a >= 1 and a <= 366 then return nil end
  return expected
end

local checks = {
  line = function(v) return text_problem(v, false, LIMITS.line_chars) end,
  text = function(v) return text_problem(v, true, LIMITS.text_chars) end,
  lines = function(v) return list_problem(v, false, LIMITS.line_chars) end,
  texts = function(v) return list_problem(v, true, LIMITS.text_chars) end,
  template = template_problem,
  plan_id = function(v)
    if type(v) ~= "string" or #v > LIMITS.code_chars or not v:match("^[%w][%w_.-]*$") then
      return "an id of letters, digits, '-', '_' and '.' (at most 64)"
    end
  end,
  zone = function(v)
    if type(v) ~= "string" or #v > 64 or v:find("..", 1, true)
      or not v:match("^%a[%w_+-]*$") and not v:match("^%a[%w_+-]*/%a[%w_+-]*$")
        and not v:match("^%a[%w_+-]*/%a[%w_+-]*/%a[%w_+-]*$") then
      return 'a time zone name like "Asia/Ho_Chi_Minh"'
    end
  end,
  code = function(v) if not is_code(v) then return "a code like SKHCN (A-Z, 0-9, _; at most 64)" end end,
  count = function(v)
    if math.type(v) ~= "integer" or v < 1 or v > LIMITS.task_no_max then
      return "a positive integer (at most " .. LIMITS.task_no_max .. ")"
    end
  end,
  year = function(v) if math.type(v) ~= "integer" or not in_years(v) then return "a year " .. YEARS end end,
  number = function(v) if not finite(v) then return "a finite number of at most 1e15" end end,
  ["function"] = function(v) if type(v) ~= "function" then return "a function" end end,
  date = function(v)
    if type(v) ~= "string" or not valid_date(v) then return "a date YYYY-MM-DD (years " .. YEARS .. ")" end
  end,
  email = function(v)
    if type(v) ~= "string" or #v > 254 or not v:match("^[%w.!#$%%&'*+/=?^_`{|}~-]+@[%w.-]+%.[%a]+$") then
      return "an e-mail address"
    end
    -- A placeholder under a real country's domain ("example.vn") may be
    -- someone's: RFC 2606 reserves example.org/.com/.net, .example and .invalid.
    local domain = v:match("@(.*)$"):lower()
    if domain:match("^example%.%a%a$") or domain:match("%.example%.%a%a$") then
      return "an e-mail address; a placeholder must use a domain reserved for examples "
        .. "(RFC 2606: example.org, .example, .invalid), not " .. domain:match("example%.%a%a$")
    end
  end,
  window = function(v)
    if not window_years(v) then return 'a span "YYYY/YYYY" (years ' .. YEARS .. ")" end
  end,
  span = function(v)
    local a, b = window_years(v)
    if not a or b - a >= LIMITS.span_years then
      return string.format('a span "YYYY/YYYY" of at most %d years (years %s)', LIMITS.span_years, YEARS)
    end
  end,
  when = function(v)
    local want = 'a time like "2021", "2021/2030", "annual", "from 2021", or periods like '
      .. '"2021-Q2", "2022-H1", "2024-09", "2021-Q3/2023-Q2" (years ' .. YEARS .. ")"
    if type(v) ~= "string" then return want end
    local y = v:match("^(%d%d%d%d)$") or v:match("^from (%d%d%d%d)$")
    if v == "annual" or (y and in_years(tonumber(y))) or window_years(v) then return end
    local a, b = v:match("^([^/]+)/([^/]+)$")
    if not a then a, b = v, v end
    local ka, kb = period_key(a), period_key(b)
    if ka and kb and ka <= kb and (a ~= b or not a:match("^%d+$")) then return end
    return want
  end,
  value = function(v)
    if finite(v) then return end
    if type(v) == "table" and #v == 2 and next(v, next(v, next(v))) == nil
      and finite(v[1]) and finite(v[2]) and v[1] <= v[2] then return end
    return "a finite number, or {low, high} for between"
  end,
  support = function(v)
    if v == "*" then return end
    if is_strings(v) and #v <= LIMITS.unit_list_items then
      for _, s in pairs(v) do if not is_code(s) then return 'a list of unit codes, or "*"' end end
      return
    end
    return 'a list of unit codes, or "*"'
  end,
  codes = function(v)
    if is_code(v) then return end
    if is_strings(v) and #v > 0 and #v <= LIMITS.unit_list_items then
      for _, s in pairs(v) do if not is_code(s) then return "a unit code or a list of them" end end
      return
    end
    return "a unit code or a list of them"
  end,
  members = function(v)
    if is_strings(v) and #v <= LIMITS.unit_list_items then
      for _, s in pairs(v) do if not is_code(s) then return "a list of unit codes" end end
      return
    end
    return "a list of unit codes"
  end,
  tolerance = function(v)
    if not finite(v) or v < 0 then return "a number >= 0 (in the indicator's measure)" end
  end,
  offsets = function(v)
    local want = string.format("a list of at most %d day offsets, integers from -%d to %d",
      LIMITS.offsets_max, LIMITS.offset_days, LIMITS.offset_days)
    if type(v) ~= "table" then return want end
    local n = 0
    for k, o in pairs(v) do
      n = n + 1
      if math.type(k) ~= "integer" or math.type(o) ~= "integer"
        or o < -LIMITS.offset_days or o > LIMITS.offset_days then return want end
    end
    if n > LIMITS.offsets_max or n ~= #v then return want end
  end,
  due = function(v) return due_shape(v) end,
  escalate = function(v)
    if type(v) == "table" and math.type(v.after) == "integer" and v.after >= 0
      and v.after <= LIMITS.escalate_days and is_code(v.to)
      and next(v, next(v, next(v))) == nil then
      return
    end
    return string.format('{ after = DAYS, to = "UNIT" } (DAYS from 0 to %d)', LIMITS.escalate_days)
  end,
}

-- The fields of the world over time (plugins/README.md, "When the
-- organisation changes"): a succession's maps of duties and tasks to the
-- unit that takes each over, and the plan that supersedes this one.
checks.duty_map = function(v)
  local want = '{ DUTY_CODE = "UNIT", ... }'
  if type(v) ~= "table" then return want end
  for k, u in pairs(v) do
    if not is_code(k) or not is_code(u) then return want end
  end
end
checks.task_map = function(v)
  local want = '{ [TASK_NO] = "UNIT", ... }'
  if type(v) ~= "table" then return want end
  for k, u in pairs(v) do
    if math.type(k) ~= "integer" or k < 1 or k > LIMITS.task_no_max or not is_code(u) then return want end
  end
end
checks.superseded = function(v)
  local want = '{ plan = "NUMBER", date = "YYYY-MM-DD", basis = "..." } (basis optional)'
  if type(v) ~= "table" or text_problem(v.plan, false, LIMITS.line_chars)
    or checks.date(v.date) or (v.basis ~= nil and text_problem(v.basis, false, LIMITS.line_chars)) then
    return want
  end
  for k in pairs(v) do
    if k ~= "plan" and k ~= "date" and k ~= "basis" then return want end
  end
end

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
        want = checks[ty](v, k)
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
  if not is_code(t) then
    problem(line, "unit: the file's unit must be a unit code (A-Z, 0-9, _; at most 64)")
  elseif header then
    problem(line, "unit: this file already belongs to %s", header.code)
  else
    header = { code = t, line = line }
  end
end)

define("validate", function(indicator, fn)
  local _, line = where(2)
  if not is_code(indicator) then
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
