-- Several plans in one database: every declaration has one owning file,
-- units and shared indicators form a registry the plans of a province
-- share, commands choose a plan with --plan, and the model is declared once.
local H = require "helper"
local S = require "support"

-- The line of a file's text on which pattern first matches.
local function line_of(path, pattern)
  local n = 0
  for line in (H.read(path) .. "\n"):gmatch("([^\n]*)\n") do
    n = n + 1
    if line:find(pattern, 1, true) then return n end
  end
  error(pattern .. " not in " .. path)
end

-- The problem lines of a run that start with path.
local function problems_of(r, path)
  local found = {}
  for _, l in ipairs(S.lines_starting(r.err, path .. ":")) do
    if l ~= path .. ": not applied" then found[#found + 1] = l end
  end
  return found
end

-- A second unit file of unit, named name, whose body follows the header.
local function unit_file(unit, body) return 'unit "' .. unit .. '"\n' .. body .. "\n" end

local DUTY_SKHCN = [[
duty {
  code = "BC_KH114",
  title = "Báo cáo khác {year}",
  to = "UBND_YB",
  every = "year",
  due = { workdays_after_cutoff = 30 },
}]]

-- Both sort orders of a newcomer file against a unit's own file.
local ORDERS = { { "aaa.lua", "before" }, { "zzz.lua", "after" } }

describe("ownership: every declaration has exactly one file", function()
  after_each(H.cleanup)

  for _, o in ipairs(ORDERS) do
    local name, where = o[1], o[2]

    it("a second file of SKHCN sorted " .. where .. " skhcn.lua cannot replace its duty on a fresh database", function()
      local dir = S.package({ [name] = unit_file("SKHCN", DUTY_SKHCN) })
      local db = H.new_db()
      local r = S.load(db, dir)
      assert.are.equal(1, r.code, r.err)
      local own = dir .. "/skhcn.lua"
      local own_line = line_of(own, 'code = "BC_KH114"') - 1
      local p_new = problems_of(r, dir .. "/" .. name)
      local p_own = problems_of(r, own)
      assert.are.same({ dir .. "/" .. name .. ":2: duty SKHCN/BC_KH114 is already declared at "
        .. own .. ":" .. own_line }, p_new)
      assert.are.same({ own .. ":" .. own_line .. ": duty SKHCN/BC_KH114 is already declared at "
        .. dir .. "/" .. name .. ":2" }, p_own)
      assert.are.equal(0, S.value(db, "SELECT count(*) FROM duties WHERE code = 'BC_KH114'"))
    end)

    it("a second file of SKHCN sorted " .. where .. " skhcn.lua is refused once skhcn.lua holds the duty", function()
      local dir = S.package()
      local db = H.new_db()
      assert.are.equal(0, S.load(db, dir).code)
      H.write(dir .. "/" .. name, unit_file("SKHCN", DUTY_SKHCN))
      local r = S.load(db, dir)
      assert.are.equal(1, r.code, r.err)
      local own_line = line_of(dir .. "/skhcn.lua", 'code = "BC_KH114"') - 1
      assert.are.same({ dir .. "/" .. name .. ":2: duty SKHCN/BC_KH114 is already declared at "
        .. dir .. "/skhcn.lua:" .. own_line }, problems_of(r, dir .. "/" .. name))
      assert.are.same({}, problems_of(r, dir .. "/skhcn.lua"))
      assert.are.equal(5, S.value(db, "SELECT due_workdays FROM duties WHERE code = 'BC_KH114'"))
      assert.are.equal("yenbai-114/skhcn.lua",
        S.value(db, "SELECT source FROM duties WHERE code = 'BC_KH114'"))
    end)

    it("target keys are one whether written with window or by (" .. where .. ")", function()
      -- skhdt.lua: target NHOM_DNNVV_HO_TRO by = 2030; the plan starts in 2021
      local dir = S.package({ [name] = unit_file("SKHDT", [[
target { indicator = "NHOM_DNNVV_HO_TRO", window = "2021/2030", op = ">=", value = 1 }]]) })
      local db = H.new_db()
      local r = S.load(db, dir)
      assert.are.equal(1, r.code, r.err)
      local own_line = line_of(dir .. "/skhdt.lua", 'indicator = "NHOM_DNNVV_HO_TRO",') - 1
      assert.are.same({ dir .. "/" .. name .. ":2: target NHOM_DNNVV_HO_TRO@2021/2030 is already declared at "
        .. dir .. "/skhdt.lua:" .. own_line }, problems_of(r, dir .. "/" .. name))
      assert.are.same({ dir .. "/skhdt.lua:" .. own_line .. ": target NHOM_DNNVV_HO_TRO@2021/2030 is already declared at "
        .. dir .. "/" .. name .. ":2" }, problems_of(r, dir .. "/skhdt.lua"))
      assert.are.equal(0, S.value(db, "SELECT count(*) FROM targets WHERE indicator = 'NHOM_DNNVV_HO_TRO'"))
    end)
  end

  it("a unit file cannot exempt itself from the plan-wide duty by declaring it again", function()
    local dir = S.package()
    local db = H.new_db()
    assert.are.equal(0, S.load(db, dir).code)
    local f = dir .. "/stttt.lua"
    H.write(f, H.read(f) .. [[

duty {
  code = "BC_DONVI_KH114",
  title = "Không báo cáo",
  to = "SKHCN",
  every = "once",
  due = { day = "12-31" },
}
]])
    local r = S.load(db, dir)
    assert.are.equal(1, r.code, r.err)
    local at = line_of(f, 'code = "BC_DONVI_KH114"') - 1
    local plan_line = line_of(dir .. "/plan.lua", 'code = "BC_DONVI_KH114"') - 1
    assert.are.same({ f .. ":" .. at .. ": duty STTTT/BC_DONVI_KH114 is already declared at "
      .. dir .. "/plan.lua:" .. plan_line }, problems_of(r, f))
    assert.are.equal("year", S.value(db,
      "SELECT every FROM duties WHERE code = 'BC_DONVI_KH114' AND unit = 'STTTT'"))
  end)

  it("a unit file cannot declare a budget line in another unit's name", function()
    local dir = S.package()
    local f = dir .. "/stttt.lua"
    H.write(f, H.read(f) .. '\nbudget { code = "NS_STTTT", source = "state_budget", unit = "SKHCN", amount = 5 }\n')
    local db = H.new_db()
    local r = S.load(db, dir)
    local at = line_of(f, 'code = "NS_STTTT"')
    assert.are.same({ f .. ":" .. at .. ": budget: budget line NS_STTTT belongs to SKHCN, not to STTTT (this file's unit)" },
      problems_of(r, f))
    assert.are.equal(0, S.value(db, "SELECT count(*) FROM budget_lines WHERE code = 'NS_STTTT'"))
  end)

  it("a unit file's budget line is its unit's", function()
    local dir = S.package()
    local f = dir .. "/stttt.lua"
    H.write(f, H.read(f) .. '\nbudget { code = "NS_STTTT", source = "state_budget", amount = 5 }\n')
    local db = H.new_db()
    assert.are.equal(0, S.load(db, dir).code)
    assert.are.equal("STTTT", S.value(db, "SELECT unit FROM budget_lines WHERE code = 'NS_STTTT'"))
  end)

  it("a declaration moved from one file to another in one load is not a clash", function()
    local dir = S.package()
    local db = H.new_db()
    assert.are.equal(0, S.load(db, dir).code)
    local f = dir .. "/skhdt.lua"
    local text = H.read(f)
    local i = text:find("\nvalidate%(")
    H.write(f, text:sub(1, i))
    H.write(dir .. "/skhdt_rules.lua", 'unit "SKHDT"\n' .. text:sub(i + 1))
    local r = S.load(db, dir)
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("yenbai-114/skhdt_rules.lua", S.value(db,
      "SELECT source FROM declarations WHERE kind = 'validate' AND key = 'NHOM_DNNVV_HO_TRO'"))
  end)
end)
