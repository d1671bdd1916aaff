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

local FIXTURES = H.root .. "/tests/fixtures/plugins"
local CDS = FIXTURES .. "/yenbai-cds"       -- a second plan of Yên Bái
local THAIBINH = FIXTURES .. "/thaibinh-12" -- a plan of another province

-- A database with yenbai-114, yenbai-cds and thaibinh-12 loaded.
local function three_plans()
  local db = H.new_db()
  for _, dir in ipairs({ S.PACKAGE, CDS, THAIBINH }) do
    local r = S.load(db, dir)
    assert.are.equal(0, r.code, r.err)
  end
  return db
end

describe("many plans in one database", function()
  after_each(H.cleanup)

  it("a second plan of the province uses the registry's units and GRDP without declaring them", function()
    local db = three_plans()
    assert.are.same({ { id = "thaibinh-12" }, { id = "yenbai-114" }, { id = "yenbai-cds" } },
      S.sql(db, "SELECT id FROM plans ORDER BY id"))
    assert.are.equal("yenbai-114/plan.lua", S.value(db, "SELECT source FROM units WHERE code = 'STTTT'"))
    assert.are.equal("yenbai-cds", S.value(db, "SELECT plan_id FROM tasks WHERE lead = 'STTTT' AND plan_id <> 'yenbai-114'"))
    assert.are.equal(1, S.value(db, "SELECT count(*) FROM targets WHERE plan_id = 'yenbai-cds' AND indicator = 'GRDP'"))
    assert.are.equal(2, S.value(db, "SELECT count(*) FROM duties WHERE plan_id = 'yenbai-cds'"))
  end)

  it("a package redeclaring another package's unit is refused with both file:lines, whichever loads first", function()
    local other = H.tmpdir() .. "/lichsu"
    assert.are.equal(0, H.sh("mkdir " .. H.quote(other)))
    H.write(other .. "/plan.lua", [[
plan { id = "lichsu", number = "1/KH", issued = "2022-01-01", issuer = "SKHCN", span = "2022/2023",
       title = "Kế hoạch thử" }
unit { code = "SKHCN", name = "Sở KH&CN khác", kind = "department", email = "khac@example.org" }
]])
    local yb_line = line_of(S.PACKAGE .. "/plan.lua", 'code = "SKHCN",') - 1
    -- yenbai-114 first: the newcomer is refused, SKHCN's address stays
    local db = H.yenbai_db()
    local r = S.load(db, other)
    assert.are.equal(1, r.code, r.err)
    assert.are.same({ other .. "/plan.lua:3: unit SKHCN is already declared at yenbai-114/plan.lua:" .. yb_line },
      problems_of(r, other .. "/plan.lua"))
    assert.are.equal("vanthu@skhcn.example.vn", S.value(db, "SELECT email FROM units WHERE code = 'SKHCN'"))
    assert.is_nil(S.value(db, "SELECT id FROM plans WHERE id = 'lichsu'"))
    -- the other first: yenbai-114's plan.lua is refused the same way
    db = H.new_db()
    assert.are.equal(0, S.load(db, other).code)
    r = S.load(db, S.PACKAGE)
    assert.are.equal(1, r.code)
    assert.are.same({ S.PACKAGE .. "/plan.lua:" .. yb_line .. ": unit SKHCN is already declared at lichsu/plan.lua:3" },
      problems_of(r, S.PACKAGE .. "/plan.lua"))
    assert.are.equal("khac@example.org", S.value(db, "SELECT email FROM units WHERE code = 'SKHCN'"))
  end)

  it("an import-plan draft of another plan takes over nothing: every clash is named, aliases included", function()
    local out = H.tmpdir() .. "/hoason-87"
    local r = H.run({ "import-plan", H.root .. "/tests/fixtures/plans/ke-hoach-87-KH-UBND-hoa-son-2022.txt",
      "--out", out })
    assert.are.equal(0, r.code, r.err)
    local db = H.yenbai_db()
    local before = S.sql(db, "SELECT code, email, source FROM units ORDER BY code")
    r = S.load(db, out)
    assert.are.equal(1, r.code)
    assert.is_nil(r.err:find("UNIQUE", 1, true), r.err)
    assert.matches(": unit SKHCN is already declared at yenbai%-114/plan.lua:%d+\n", r.err)
    assert.matches(": indicator NSLD_TANG_BQ is already declared at yenbai%-114/plan.lua:%d+\n", r.err)
    assert.matches(": unit UBND_HS: alias 'UBND tỉnh' already names unit UBND_YB, declared at "
      .. "yenbai%-114/plan.lua:%d+\n", r.err)
    assert.are.same(before, S.sql(db, "SELECT code, email, source FROM units ORDER BY code"))
    assert.are.equal(1, S.value(db, "SELECT count(*) FROM plans"))
  end)

  it("an alias another package's unit has is refused with both declarations, not a database error", function()
    local other = H.tmpdir() .. "/bidanh"
    assert.are.equal(0, H.sh("mkdir " .. H.quote(other)))
    H.write(other .. "/plan.lua", [[
plan { id = "bidanh", number = "2/KH", issued = "2022-01-01", issuer = "SKHCN", span = "2022/2023",
       title = "Kế hoạch thử" }
unit { code = "SKHCN2", name = "Sở mới", kind = "department", aliases = { "Sở KH&CN" } }
]])
    local db = H.yenbai_db()
    local r = S.load(db, other)
    assert.are.equal(1, r.code)
    local yb_line = line_of(S.PACKAGE .. "/plan.lua", 'code = "SKHCN",') - 1
    assert.are.same({ other .. "/plan.lua:3: unit SKHCN2: alias 'Sở KH&CN' already names unit SKHCN, "
      .. "declared at yenbai-114/plan.lua:" .. yb_line }, problems_of(r, other .. "/plan.lua"))
  end)

  it("two provinces cannot reuse a unit code: the second is refused, never merged", function()
    local other = H.tmpdir() .. "/laocai"
    assert.are.equal(0, H.sh("mkdir " .. H.quote(other)))
    H.write(other .. "/plan.lua", [[
plan { id = "laocai-1", number = "1/KH", issued = "2022-01-01", issuer = "UBND_YB", span = "2022/2023",
       title = "Kế hoạch tỉnh khác" }
unit { code = "UBND_YB", name = "Ủy ban nhân dân tỉnh Lào Cai", kind = "province" }
]])
    local db = H.yenbai_db()
    local r = S.load(db, other)
    assert.are.equal(1, r.code)
    assert.matches("plan.lua:3: unit UBND_YB is already declared at yenbai-114/plan.lua:", r.err, 1, true)
  end)

  it("status without --plan lists each plan on a line; with --plan shows that plan alone", function()
    local db = three_plans()
    local r = H.run({ "--db", db, "--today", "2024-01-20", "--format", "csv", "status" })
    assert.are.equal(0, r.code, r.err)
    local lines = {}
    for l in r.out:gmatch("[^\r\n]+") do lines[#lines + 1] = l end
    assert.are.equal("plan,number,title,span,targets,tasks,duties,overdue", lines[1])
    assert.are.equal(4, #lines)
    assert.matches("^yenbai%-cds,45/KH%-UBND,.*,2022–2025,2,1,1,%d+$", lines[4])
    r = H.run({ "--db", db, "--today", "2024-01-20", "--format", "json", "status", "--plan", "yenbai-cds" })
    assert.are.equal(0, r.code, r.err)
    assert.matches('"span": "2022/2025"', r.out, 1, true)
    assert.matches('"code": "BC_CDS"', r.out, 1, true)
    assert.is_nil(r.out:find("BC_KH114", 1, true))
    assert.is_nil(r.out:find("NSLD_TANG_BQ", 1, true))
  end)

  it("duties, report, remind and export need --plan when there are several, and list the plans", function()
    local db = three_plans()
    for _, args in ipairs({ { "duties" }, { "report" }, { "remind", "--dry-run" }, { "export", "tasks" } }) do
      local r = H.run({ "--db", db, table.unpack(args) })
      assert.are.equal(2, r.code, args[1])
      assert.matches("chọn một bằng --plan ID: thaibinh-12 (12/KH-UBND), yenbai-114 (114/KH-UBND), "
        .. "yenbai-cds (45/KH-UBND)", r.err, 1, true)
    end
    local r = H.run({ "--db", db, "--lang", "en", "status", "--plan", "nope" })
    assert.are.equal(2, r.code)
    assert.matches("status: --plan: no plan 'nope'; the plans loaded: thaibinh-12", r.err, 1, true)
  end)

  it("duties --plan gives that plan's duty-periods over its own span", function()
    local db = three_plans()
    local r = H.run({ "--db", db, "--today", "2027-01-30", "--format", "csv", "duties", "--plan", "yenbai-cds",
      "--state", "overdue" })
    assert.are.equal(0, r.code, r.err)
    local periods = {}
    for duty, period in r.out:gmatch("\n(BC_[%u_%d]+),STTTT,[^,]*,(%d+),") do
      assert.are.equal("BC_CDS", duty)
      periods[#periods + 1] = period
    end
    assert.are.same({ "2022", "2023", "2024", "2025" }, periods)
  end)

  it("each plan's reminders use its own wording", function()
    local db = three_plans()
    local cds = H.run({ "--db", db, "--today", "2024-12-19", "remind", "--plan", "yenbai-cds", "--dry-run" })
    assert.are.equal(0, cds.code, cds.err)
    local yb = H.run({ "--db", db, "--today", "2024-12-19", "remind", "--plan", "yenbai-114", "--dry-run" })
    assert.are.equal(0, yb.code, yb.err)
    assert.matches("\nSubject: Chuyển đổi số: Báo cáo chuyển đổi số năm 2024", cds.out, 1, true)
    assert.is_nil(cds.out:find("Kế hoạch 114", 1, true))
    assert.matches("\nSubject: Nhắc báo cáo", yb.out, 1, true)
    assert.is_nil(yb.out:find("Chuyển đổi số", 1, true))
  end)

  it("exports name each row's plan", function()
    local db = three_plans()
    local r = H.run({ "--db", db, "--format", "json", "export", "duties", "--plan", "yenbai-cds" })
    assert.are.equal(0, r.code, r.err)
    local n = 0
    for plan in r.out:gmatch('"plan":"([^"]*)"') do
      n = n + 1
      assert.are.equal("yenbai-cds", plan)
    end
    assert.are.equal(2, n)
    r = H.run({ "--db", db, "--format", "csv", "export", "units" })
    assert.are.equal(0, r.code, r.err)
    assert.matches("\nTB_SKHCN,[^\n]*,thaibinh%-12\r?\n", r.out)
    assert.matches("\nSTTTT,[^\n]*,yenbai%-114\r?\n", r.out)
  end)
end)
