-- Which plan a command works on. A database may hold several plans (each
-- package's plan.lua declares one); they share the registry of units and
-- indicators and own the rest (plugins/README.md, "Several plans").
local plans = {}

local function say(vi, en, ...)
  return string.format(pw.opt.lang == "en" and en or vi, ...)
end

-- The active plans, by id.
function plans.list()
  return pw.sql([[SELECT id, number, title, title_en, span_from, span_to
    FROM plans WHERE retired_at IS NULL ORDER BY id]])
end

-- The ids of the active plans as one line: "a (114/KH-UBND), b (...)".
local function listed(list)
  local parts = {}
  for i, p in ipairs(list) do parts[i] = p.id .. " (" .. p.number .. ")" end
  return table.concat(parts, ", ")
end

-- The id of the plan to work on: id when it names an active plan, else the
-- only active plan, else nil when none is loaded. An unknown id, or no id
-- with several plans, fails (exit 2) listing the plans, unless several is
-- true: then it returns nil and the list, for the caller to go through.
function plans.choose(id, command, several)
  local list = plans.list()
  if id then
    for _, p in ipairs(list) do
      if p.id == id then return id, list end
    end
    pw.fail(say("%s: --plan: không có kế hoạch '%s'; các kế hoạch đã nạp: %s",
      "%s: --plan: no plan '%s'; the plans loaded: %s", command, id,
      #list > 0 and listed(list) or "—"))
  end
  if #list <= 1 then return list[1] and list[1].id, list end
  if several then return nil, list end
  pw.fail(say("%s: cơ sở dữ liệu có %d kế hoạch; chọn một bằng --plan ID: %s",
    "%s: the database holds %d plans; choose one with --plan ID: %s", command, #list, listed(list)))
end

return plans
