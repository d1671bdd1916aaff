-- The plan model: every kind of declaration a plan package makes, once.
--
-- A plain table read in two places: the plugin sandbox (plugin_env.lua,
-- which checks each declaration's fields against it) and the host
-- (loader.lua, which checks ownership and writes rows from it; the spec
-- plans_spec.lua checks scripts/pw.meta.lua against it). It needs nothing
-- but the base library. plugins/README.md, "The model", says how a kind or
-- a field is added.
--
-- Each kind:
--   noun     what one declaration is called in messages
--   fields   in order, { NAME, TYPE, ... }: TYPE is a checker of
--            plugin_env.lua ("code", "line", "year", ...) or "enum:NAME"
--            (model.enums); required = true; default = a value written
--            when the field is absent, or a function(d, ctx); col = the
--            column it lands in (default NAME; false: none); json = true
--            for a list kept as JSON text. An entry with col and no NAME
--            is a column the kind's row function computes.
--   table    the table its rows land in, keyed by keycols (nil: none)
--   row      function(d, ctx, lib) -> extra columns, or a list of rows for
--            a kind that writes several (host only; lib = { due = ... })
--   scope    "registry": one for the whole database, shared by every plan
--            (units, indicators, duties, validation rules, plans);
--            "plan": one per plan (goals, tasks, targets, ...)
--   where    "plan" when only plan.lua may declare it
--   key      function(d, ctx) -> list of keys; the same kind, scope and key
--            is the same thing, which exactly one file may hold
--   owner    function(d, ctx) -> list of { unit, what }: the unit a unit
--            file's declaration must belong to (nil: any)
--   many     several declarations of one key may stand in one file
-- ctx = { unit = the file's unit code or nil, plan_id, span_from, span_to }.
local model = {}

local function set(...)
  local s = {}
  for _, v in ipairs({ ... }) do s[v] = true end
  return s
end

-- The values an "enum:NAME" field may take.
model.enums = {
  unit_kind = set("province", "council", "department", "board", "association",
                  "district", "leadership", "national", "recipient", "ministry",
                  "university", "institute", "press", "group"),
  goal_kind = set("general", "specific", "requirement"),
  period = set("year", "half", "quarter", "month"),
  rule = set("last", "sum", "distinct", "cagr", "every_year"),
  op = set(">=", ">", "<=", "<", "=", "between", "~"),
  every = set("once", "year", "half", "quarter", "9m", "month"),
  cutoff = set("nd09", "calendar"),
  funding = set("state_budget", "enterprise", "other"),
  holiday_kind = set("holiday", "compensatory", "workday"),
  lang = set("vi", "en"),
  succession_kind = set("merge", "split", "rename", "end"),
}

-- The Lua type of each field type, for the editor's stubs.
model.lua_types = {
  code = "string", line = "string", text = "string", lines = "string[]",
  texts = "string[]", template = "string", plan_id = "string", zone = "string",
  count = "integer", year = "integer", number = "number", ["function"] = "function",
  date = "string", email = "string", window = "string", span = "string",
  when = "string", value = "number|number[]", support = "string[]|'*'",
  codes = "string|string[]", offsets = "integer[]", due = "table",
  escalate = "{ after: integer, to: string }", members = "string[]", tolerance = "number",
  superseded = "{ plan: string, date: string, basis?: string }",
  duty_map = "table<string, string>", task_map = "table<integer, string>",
}

local function one(v) return { tostring(v) } end
local function file_unit(_, ctx) return ctx.unit end

local function years(span)
  local a, b = span:match("^(%d+)/(%d+)$")
  return tonumber(a), tonumber(b)
end

-- The years a target covers: its window, or the plan's start to its year.
function model.target_window(d, span_from)
  if d.window then return years(d.window) end
  return span_from, d.by
end

-- The years of a task's `when`, whether it recurs every year, and its
-- first and last period when `when` names periods finer than a year
-- ("2021-Q2", "2021-Q3/2023-Q2"; a year at one end stands for itself).
-- Such a task's when_text is its years ("2021", "2021/2023"), as every
-- reader of when_text expects; from_period and to_period keep the periods.
function model.task_years(when, ctx)
  if when == "annual" then return ctx.span_from, ctx.span_to, 1 end
  local from = when:match("^from (%d+)$")
  if from then return tonumber(from), ctx.span_to, 0 end
  local a, b = when:match("^([^/]+)/([^/]+)$")
  if not a then a, b = when, when end
  local pa, pb
  if not (a .. b):match("^%d+$") then pa, pb = a, b end
  return tonumber(a:sub(1, 4)), tonumber(b:sub(1, 4)), 0, pa, pb
end

-- The tolerance of an approximate target ("khoảng 45%", op "~") that does
-- not state one: 5 % of the value, so 45 reads as 42.75 to 47.25.
model.TOLERANCE_SHARE = 0.05
local function tolerance(d)
  if d.op ~= "~" or type(d.value) ~= "number" then return nil end
  return model.TOLERANCE_SHARE * math.abs(d.value)
end

-- The units a list names, each unit group replaced by its members
-- (groups: code -> members, from ctx.groups; a group without members
-- stands for itself), once each, in order.
function model.expand(list, groups)
  local out, seen = {}, {}
  for _, u in ipairs(list) do
    local m = groups and groups[u]
    for _, x in ipairs(m and #m > 0 and m or { u }) do
      if not seen[x] then seen[x], out[#out + 1] = true, x end
    end
  end
  return out
end

-- The units a duty's rows are for: its `from`, else the file's unit.
function model.duty_units(d, unit)
  if type(d.from) == "table" then return d.from end
  return { d.from or unit }
end

model.kinds = {
  plan = { noun = "plan", table = "plans", keycols = { "id" }, scope = "registry", where = "plan",
    fields = {
      { "id", "plan_id", required = true }, { "number", "line", required = true },
      { "title", "line", required = true }, { "title_en", "line" },
      { "issuer", "code", required = true }, { "issued", "date", required = true },
      { "basis", "line" }, { "span", "span", required = true, col = false },
      { col = "span_from" }, { col = "span_to" }, { "place", "line" }, { "signer", "line" },
      { "timezone", "zone", default = "Asia/Ho_Chi_Minh" },
      -- the plan that replaces this one (plugins/README.md)
      { "superseded_by", "superseded", col = false }, { col = "superseded_by" },
      { col = "superseded_on" }, { col = "superseded_basis" },
    },
    row = function(d)
      local a, b = years(d.span)
      local s = d.superseded_by or {}
      return { span_from = a, span_to = b, superseded_by = s.plan, superseded_on = s.date,
               superseded_basis = s.basis }
    end,
    key = function(d) return one(d.id) end },

  unit = { noun = "unit", table = "units", keycols = { "code" }, scope = "registry", where = "plan",
    fields = {
      { "code", "code", required = true }, { col = "plan_id" }, { "name", "line", required = true },
      { "name_en", "line" }, { "kind", "enum:unit_kind", required = true },
      { "parent", "code" }, { "email", "email" }, { "aliases", "lines", json = true },
      { "roles", "texts", json = true }, { "members", "members", json = true },
      -- alive when from <= day < ends; a succession ends it on its date
      { "from", "date", col = "valid_from" }, { "ends", "date", col = false },
      { col = "valid_until" },
    },
    row = function(d, ctx) return { valid_until = d.ends or (ctx.ends or {})[d.code] } end,
    key = function(d) return one(d.code) end },

  goal = { noun = "goal", table = "goals", keycols = { "plan_id", "code" }, scope = "plan",
    where = "plan",
    fields = {
      { "code", "code", required = true }, { "kind", "enum:goal_kind", required = true },
      { "by", "year", col = "by_year" }, { "text", "text", required = true },
      { "text_en", "text" },
    },
    key = function(d) return one(d.code) end },

  group = { noun = "group", table = "task_groups", keycols = { "plan_id", "no" }, scope = "plan",
    where = "plan",
    fields = {
      { "no", "count", required = true }, { "title", "line", required = true },
      { "title_en", "line" }, { "items", "texts", json = true },
    },
    key = function(d) return one(d.no) end },

  indicator = { noun = "indicator", table = "indicators", keycols = { "code" }, scope = "registry",
    fields = {
      { "code", "code", required = true }, { col = "plan_id" }, { "name", "line", required = true },
      { "name_en", "line" }, { "measure", "line" },
      { "period", "enum:period", default = "year" }, { "rule", "enum:rule", default = "last" },
      { "of", "code" }, { "formula", "function", col = false }, { col = "derived" },
      { "goal", "code" }, { "owner", "code", default = file_unit },
      -- the area the values are of, and the first day it no longer exists
      { "area", "line" }, { "area_until", "date" },
    },
    row = function(d) return { derived = d.formula and 1 or 0 } end,
    key = function(d) return one(d.code) end,
    owner = function(d, ctx) return { { d.owner or ctx.unit, "indicator " .. d.code } } end },

  target = { noun = "target", table = "targets", keycols = { "plan_id", "key" }, scope = "plan",
    fields = {
      { "indicator", "code", required = true }, { "window", "window", col = false },
      { "by", "year", col = false }, { col = "window_from" }, { col = "window_to" },
      { "op", "enum:op", required = true }, { "value", "value", required = true },
      { col = "value_high" }, { "goal", "code" }, { "note", "text" },
      { "tolerance", "tolerance", default = tolerance },
    },
    row = function(d, ctx)
      local from, to = model.target_window(d, ctx.span_from)
      local lo, hi = d.value, nil
      if type(d.value) == "table" then lo, hi = d.value[1], d.value[2] end
      return { key = string.format("%s@%d/%d", d.indicator, from, to), window_from = from,
               window_to = to, value = lo, value_high = hi }
    end,
    key = function(d, ctx)
      local from, to = model.target_window(d, ctx.span_from)
      return { string.format("%s@%s/%s", d.indicator, tostring(from), tostring(to)) }
    end },

  task = { noun = "task", table = "tasks", keycols = { "plan_id", "no" }, scope = "plan",
    fields = {
      { "no", "count", required = true }, { "title", "line", required = true },
      { "title_en", "line" }, { "items", "texts", json = true },
      { "when", "when", required = true, col = "when_text" }, { col = "from_year" },
      { col = "to_year" }, { col = "annual" }, { "lead", "code", default = file_unit },
      { "support", "support", col = false }, { col = "support", json = true },
      { col = "support_all" },
      { "group", "count", col = "group_no" }, { col = "from_period" }, { col = "to_period" },
    },
    row = function(d, ctx)
      local from, to, annual, pa, pb = model.task_years(d.when, ctx)
      return { from_year = from, to_year = to, annual = annual,
               when_text = pa and (from == to and tostring(from) or (from .. "/" .. to)) or d.when,
               from_period = pa, to_period = pb,
               support = type(d.support) == "table" and d.support or nil,
               support_all = d.support == "*" and 1 or 0 }
    end,
    key = function(d) return one(d.no) end,
    owner = function(d, ctx) return { { d.lead or ctx.unit, "task " .. d.no .. "'s lead" } } end },

  duty = { noun = "duty", table = "duties", keycols = { "code", "unit" }, scope = "registry",
    fields = {
      { "code", "code", required = true }, { "from", "codes", col = false }, { col = "unit" },
      { col = "plan_id" }, { "to", "codes", required = true, col = false }, { col = "to_unit" },
      { col = "to_units", json = true },
      { "title", "line", required = true }, { "title_en", "line" },
      { "every", "enum:every", required = true }, { "cutoff", "enum:cutoff", default = "nd09" },
      { "due", "due", required = true, col = false }, { col = "due_workdays" }, { col = "due_day" },
      { "remind", "offsets", json = true }, { "escalate", "escalate", col = false },
      { col = "escalate_after" }, { col = "escalate_to" }, { "note", "text" },
    },
    -- one row per reporting unit (a group's members each owe it); every
    -- recipient in to_units when there are several
    row = function(d, ctx, lib)
      local rows = {}
      local to = type(d.to) == "table" and d.to or { d.to }
      for i, u in ipairs(model.expand(model.duty_units(d, ctx.unit), ctx.groups)) do
        rows[i] = { unit = u, to_unit = to[1], to_units = #to > 1 and to or nil,
          due_workdays = d.due.workdays_after_cutoff,
          due_day = lib.due.encode(d.due), escalate_after = d.escalate and d.escalate.after,
          escalate_to = d.escalate and d.escalate.to }
      end
      return rows
    end,
    key = function(d, ctx)
      local keys = {}
      for i, u in ipairs(model.duty_units(d, ctx.unit)) do keys[i] = u .. "/" .. d.code end
      return keys
    end,
    owner = function(d, ctx)
      local list = {}
      for i, u in ipairs(model.duty_units(d, ctx.unit)) do
        list[i] = { u, "duty " .. d.code .. " of " .. u }
      end
      return list
    end },

  budget = { noun = "budget line", table = "budget_lines", keycols = { "plan_id", "code" },
    scope = "plan",
    fields = {
      { "code", "code", required = true }, { "source", "enum:funding", required = true, col = "funding" },
      { "unit", "code", default = file_unit }, { "year", "year" }, { "amount", "number" },
      { "note", "text" },
    },
    key = function(d) return one(d.code) end,
    owner = function(d, ctx) return { { d.unit or ctx.unit, "budget line " .. d.code } } end },

  holiday = { noun = "holiday", table = "holidays", keycols = { "plan_id", "date" }, scope = "plan",
    where = "plan",
    fields = {
      { "date", "date", required = true }, { "name", "line", required = true },
      { "kind", "enum:holiday_kind", required = true },
    },
    key = function(d) return one(d.date) end },

  -- What became of units on a day (plugins/README.md, "When the
  -- organisation changes"); world_load.lua checks them together.
  succession = { noun = "succession", table = "successions", keycols = { "plan_id", "key" },
    scope = "plan", where = "plan",
    fields = {
      { "date", "date", required = true }, { "kind", "enum:succession_kind", required = true },
      { "from", "codes", required = true, col = false }, { col = "units" },
      { "to", "code", col = "successor" }, { "duties", "duty_map", col = false },
      { "tasks", "task_map", col = false }, { col = "duties" }, { col = "tasks" },
      { "basis", "line", required = true }, { "note", "text" },
    },
    row = function(d, _, lib) return lib.succession_row(d) end,
    key = function(d) return one(model.succession_key(d)) end },

  -- What reminders say (scripts/lib/wording.lua): kept as plan.lua's text.
  wording = { noun = "wording", scope = "plan", where = "plan",
    fields = {
      { "lang", "enum:lang", required = true }, { "subject_reminder", "template" },
      { "subject_one", "template" }, { "subject_escalate", "template" },
      { "subject_confirm", "template" }, { "greeting", "template" },
      { "intro_reminder", "template" }, { "intro_escalate", "template" },
      { "intro_confirm", "template" }, { "closing", "template" },
    },
    key = function(d) return one(d.lang) end },

  -- validate(INDICATOR, function(v) ... end): kept as its file's text.
  -- Several rules for one indicator may stand in the one file that holds them.
  validate = { noun = "validation rule", scope = "registry", many = true, call = true,
    fields = { { "indicator", "code", required = true }, { "fn", "function", required = true } },
    key = function(d) return one(d.indicator) end },
}

-- The order kinds are written in (references before what refers to them).
model.order = { "plan", "unit", "succession", "goal", "group", "indicator", "target", "task", "duty",
  "budget", "holiday" }

-- The identity of a succession: its date, the units it ends and its
-- successor ("2025-03-01/SKHDT>STC").
function model.succession_key(d)
  local from = type(d.from) == "table" and d.from or { d.from }
  return d.date .. "/" .. table.concat(from, "+") .. (d.to and (">" .. d.to) or "")
end

-- The fields of a kind by name: name -> field entry.
function model.fields(kind)
  local by = {}
  for _, f in ipairs(model.kinds[kind].fields) do
    if f[1] then by[f[1]] = f end
  end
  return by
end

-- The columns a kind's table has besides its key, in order.
function model.columns(kind)
  local k, keyset, cols, seen = model.kinds[kind], {}, {}, {}
  for _, c in ipairs(k.keycols) do keyset[c] = true end
  for _, f in ipairs(k.fields) do
    local c = f.col == nil and f[1] or f.col
    if c and not keyset[c] and not seen[c] then
      seen[c] = true
      cols[#cols + 1] = c
    end
  end
  return cols
end

-- The identities of declaration d: a list of { kind, scope, key, noun }
-- where scope is "" for the registry or the plan's id.
function model.identities(d, ctx)
  local k = model.kinds[d.decl]
  if not (k and k.key) then return {} end
  local scope = k.scope == "plan" and (ctx.plan_id or "?") or ""
  local out = {}
  for i, key in ipairs(k.key(d, ctx)) do
    out[i] = { kind = d.decl, scope = scope, key = key, noun = k.noun }
  end
  return out
end

return model
