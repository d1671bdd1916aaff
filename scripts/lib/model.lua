-- The plan model: every kind of declaration a plan package makes, once.
--
-- A plain table, one entry per kind (plugins/README.md, "The model", says
-- how a kind or a field is added). For each kind:
--   noun     what one declaration is called in messages
--   table    the table its rows land in (nil: recorded elsewhere)
--   scope    "registry": one for the whole database, shared by every plan
--            of it (units, indicators, duties, validation rules, plans);
--            "plan": one per plan (goals, tasks, targets, ...)
--   where    "plan" when only plan.lua may declare it
--   key      the key(s) of one declaration: function(d, ctx) returning a
--            list of strings, ctx = { unit = the file's unit code or nil,
--            span_from = the plan's first year }. Two declarations with the
--            same kind, scope and key are the same thing: the ownership
--            check (loader.lua) lets exactly one file hold it.
--   owner    the unit a declaration in a unit file must belong to (nil:
--            any): function(d, ctx) returning a list of { unit, what }.
local model = {}

local function one(v) return { tostring(v) } end

-- The years a target covers: its window, or the plan's start to its year.
function model.target_window(d, span_from)
  if d.window then
    local a, b = d.window:match("^(%d+)/(%d+)$")
    return tonumber(a), tonumber(b)
  end
  return span_from, d.by
end

-- The units a duty's rows are for: its `from`, else the file's unit.
function model.duty_units(d, unit)
  if type(d.from) == "table" then return d.from end
  return { d.from or unit }
end

model.kinds = {
  plan = { noun = "plan", table = "plans", scope = "registry", where = "plan",
    key = function(d) return one(d.id) end },
  unit = { noun = "unit", table = "units", scope = "registry", where = "plan",
    key = function(d) return one(d.code) end },
  goal = { noun = "goal", table = "goals", scope = "plan", where = "plan",
    key = function(d) return one(d.code) end },
  group = { noun = "group", table = "task_groups", scope = "plan", where = "plan",
    key = function(d) return one(d.no) end },
  indicator = { noun = "indicator", table = "indicators", scope = "registry",
    key = function(d) return one(d.code) end,
    owner = function(d, ctx)
      return { { d.owner or ctx.unit, "indicator " .. d.code } }
    end },
  target = { noun = "target", table = "targets", scope = "plan",
    key = function(d, ctx)
      local from, to = model.target_window(d, ctx.span_from)
      return { string.format("%s@%s/%s", d.indicator, tostring(from), tostring(to)) }
    end },
  task = { noun = "task", table = "tasks", scope = "plan",
    key = function(d) return one(d.no) end,
    owner = function(d, ctx)
      return { { d.lead or ctx.unit, "task " .. d.no .. "'s lead" } }
    end },
  duty = { noun = "duty", table = "duties", scope = "registry",
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
  budget = { noun = "budget line", table = "budget_lines", scope = "plan",
    key = function(d) return one(d.code) end,
    owner = function(d, ctx)
      return { { d.unit or ctx.unit, "budget line " .. d.code } }
    end },
  holiday = { noun = "holiday", table = "holidays", scope = "plan", where = "plan",
    key = function(d) return one(d.date) end },
  wording = { noun = "wording", scope = "plan", where = "plan",
    key = function(d) return one(d.lang) end },
  -- Several rules for one indicator may stand in the one file that holds them.
  validate = { noun = "validation rule", scope = "registry", many = true,
    key = function(d) return one(d.indicator) end },
}

-- The identities of declaration d: a list of { kind, scope, key } where
-- scope is "" for the registry or the plan's id.
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
