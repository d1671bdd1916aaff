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
    if l ~= path .. ": không áp dụng" then found[#found + 1] = l end
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
    assert.are.equal("vanthu@skhcn.example.org", S.value(db, "SELECT email FROM units WHERE code = 'SKHCN'"))
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
    -- STTTT ended on 1 Mar 2025 (yenbai-114's successions): its 2025 report is
    -- owed by the unit that stands for it then, SKHCN_LC
    assert.are.same({ "2022", "2023", "2024" }, periods)
    assert.truthy(r.out:find("\nBC_CDS,SKHCN_LC,[^,]*,2025,"), r.out)
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

-- The first n migrations of core/store.c, as SQL: the string literals of
-- its migrations[] array, entry by entry.
local function migrations(n)
  local src = H.read(H.root .. "/core/store.c")
  local body = src:match("static const char %*const migrations%[%] = {(.-)\n};")
  local list, cur, i = {}, {}, 1
  while i <= #body and #list < n do
    local c = body:sub(i, i)
    if body:sub(i, i + 1) == "/*" then
      i = body:find("*/", i + 2, true) + 2
    elseif c == '"' then
      local j = i + 1
      while body:sub(j, j) ~= '"' do j = j + (body:sub(j, j) == "\\" and 2 or 1) end
      cur[#cur + 1] = body:sub(i + 1, j - 1):gsub('\\"', '"'):gsub("\\\\", "\\")
      i = j + 1
    elseif c == "," then
      list[#list + 1] = table.concat(cur)
      cur, i = {}, i + 1
    else
      assert(c:match("%s"), "unexpected text in migrations[]: " .. body:sub(i, i + 40))
      i = i + 1
    end
  end
  return list
end

-- Run SQL on a database file with the sqlite3 shell; returns its output.
local function sqlite(db, sql)
  local dir = H.tmpdir()
  H.write(dir .. "/in.sql", sql)
  local p = io.popen("sqlite3 -batch -bail " .. H.quote(db) .. " < " .. H.quote(dir .. "/in.sql") .. " 2>&1")
  local out = p:read("a")
  assert(p:close(), out)
  return out
end

-- Every row of every table of a schema-3 database, with the columns it had.
local DATA_3 = [[
INSERT INTO plans VALUES ('p1', '1/KH-UBND', 'Kế hoạch thử', 'A test plan', 'U1', '2021-01-05', '36/QĐ-TTg', 2021, 2030, 'Yên Bái', 'Người ký', 'Asia/Ho_Chi_Minh', 'p1/plan.lua', NULL);
INSERT INTO units VALUES ('U1', 'p1', 'Ủy ban nhân dân tỉnh', NULL, 'province', NULL, 'ub@example.org', '["UBND tỉnh"]', NULL, 'p1/plan.lua', NULL);
INSERT INTO units VALUES ('U2', 'p1', 'Sở Khoa học và Công nghệ', 'Department of Science', 'department', 'U1', 'skhcn@example.org', NULL, '["Chủ trì"]', 'p1/plan.lua', NULL);
INSERT INTO units VALUES ('U3', 'p1', 'Sở cũ', NULL, 'department', NULL, NULL, NULL, NULL, 'p1/plan.lua', '2022-01-01T00:00:00Z');
INSERT INTO unit_aliases VALUES ('UBND tỉnh', 'U1');
INSERT INTO goals VALUES ('p1', 'G1', 'general', 2030, 'Mục tiêu chung', NULL, 'p1/plan.lua', NULL);
INSERT INTO task_groups VALUES ('p1', 1, 'Nhóm 1', NULL, '["a","b"]', 'p1/plan.lua', NULL);
INSERT INTO indicators VALUES ('I1', 'p1', 'Chỉ tiêu 1', NULL, '%', 'year', 'last', NULL, 0, 'G1', 'U2', 'p1/u2.lua', NULL);
INSERT INTO targets VALUES ('p1', 'I1@2021/2025', 'I1', 2021, 2025, '>=', 6.5, NULL, 'G1', 'ghi chú', 'p1/u2.lua', NULL);
INSERT INTO tasks VALUES ('p1', 1, 'Nhiệm vụ 1', NULL, NULL, '2021/2030', 2021, 2030, 0, 'U2', '["U1"]', 0, 1, 'open', 'p1/u2.lua', NULL);
INSERT INTO task_units VALUES ('p1', 1, 'U2', 'lead');
INSERT INTO task_units VALUES ('p1', 1, 'U1', 'support');
INSERT INTO duties VALUES ('p1', 'BC', 'U2', 'U1', 'Báo cáo năm {year}', NULL, 'year', 'nd09', 5, NULL, '[-7,0,3]', 7, 'U1', NULL, 'p1/u2.lua', NULL);
INSERT INTO budget_lines VALUES ('p1', 'NS', 'state_budget', 'U2', 2022, 100.5, NULL, 'p1/plan.lua', NULL);
INSERT INTO holidays VALUES ('p1', '2022-02-01', 'Tết', 'holiday', 'p1/plan.lua', NULL);
INSERT INTO audit VALUES (1, '2022-01-01T00:00:00Z', 'load', 'add', 'units', 'U1', NULL, '{"code":"U1"}');
INSERT INTO audit VALUES (2, '2022-02-01T00:00:00Z', 'import', 'import', 'values', 'a.csv', NULL, '{"rows":2}');
INSERT INTO indicator_values VALUES ('I1', 2021, 0, 0, 'U2', '2021', 5.25, 'ghi chú', 'a.csv', NULL, 2);
INSERT INTO indicator_values VALUES ('I1', 2022, 0, 0, 'U2', '2022', 6.75, NULL, 'a.csv', NULL, 2);
INSERT INTO indicator_values VALUES ('I1', 2022, 2, 3, 'U1', '2022-Q3', 1e-3, NULL, NULL, '2022-10-01T00:00:00Z', NULL);
INSERT INTO submissions VALUES ('BC', 'U2', '2021', '2021-12-20', 'đúng hạn', 'submit', '2021-12-20T08:00:00Z');
INSERT INTO outbox VALUES (1, 'BC|U2|2021|-7', 'smtp', 'skhcn@example.org', 'Nhắc báo cáo', 'nội dung', '<p>nội dung</p>', NULL, 'sent', 1, '2021-12-10T00:00:00Z', NULL, NULL, NULL, '2021-12-10T00:00:00Z', '2021-12-10T00:00:05Z', '<m1@example.org>');
INSERT INTO outbox VALUES (2, 'BC|U2|2022|-7', 'smtp', 'skhcn@example.org', 'Nhắc', 'x', NULL, NULL, 'failed', 3, '2022-12-11T00:00:00Z', NULL, NULL, '421 try later', '2022-12-10T00:00:00Z', NULL, NULL);
INSERT INTO notices VALUES ('BC', 'U2', '2021', '-7', 1, '2021-12-10T00:00:00Z');
]]

local TABLES_3 = { "plans", "units", "unit_aliases", "goals", "task_groups", "indicators", "targets",
  "tasks", "task_units", "duties", "budget_lines", "holidays", "audit", "indicator_values",
  "submissions", "outbox", "notices" }

-- The rows of each table, as the sqlite3 shell quotes them, with the
-- columns the table had at schema 3 (cols[t]).
local function dump(db, cols)
  local out = {}
  for _, t in ipairs(TABLES_3) do
    out[t] = sqlite(db, ".mode quote\nSELECT " .. cols[t] .. " FROM " .. t .. " ORDER BY " .. cols[t] .. ";\n")
  end
  return out
end

describe("a schema-3 database migrated by this planwatch", function()
  after_each(H.cleanup)

  it("keeps every plan, unit, value, submission, outbox message, notice and audit entry", function()
    local db = H.tmpdir() .. "/old.db"
    local sql = {}
    for _, m in ipairs(migrations(3)) do sql[#sql + 1] = m end
    sqlite(db, table.concat(sql, "\n") .. "\nPRAGMA user_version = 3;\n" .. DATA_3)
    assert.are.equal("3\n", sqlite(db, "PRAGMA user_version;"))
    local cols = {}
    for _, t in ipairs(TABLES_3) do
      local names = {}
      for name in sqlite(db, "SELECT name FROM pragma_table_info('" .. t .. "') ORDER BY cid;"):gmatch("[^\n]+") do
        names[#names + 1] = name
      end
      cols[t] = table.concat(names, ", ")
    end
    local before = dump(db, cols)
    for _, t in ipairs(TABLES_3) do assert.are_not.equal("", before[t], t) end

    local r = H.run({ "--lang", "en", "--db", db, "init" })
    assert.are.equal(0, r.code, r.err)
    assert.matches("schema version 10", r.out, 1, true)
    assert.are.same(before, dump(db, cols))
    -- what later schemas made of the old rows
    assert.are.same({ { total = 5.25, units = 1 } },
      S.sql(db, "SELECT total, units FROM value_years WHERE indicator = 'I1' AND year = 2021"))
    assert.are.equal("p1/u2.lua", S.value(db,
      "SELECT source FROM declarations WHERE kind = 'duty' AND key = 'U2/BC'"))
    assert.are.equal("p1/plan.lua", S.value(db,
      "SELECT source FROM declarations WHERE kind = 'unit' AND key = 'U1'"))
    assert.is_nil(S.value(db, "SELECT source FROM declarations WHERE kind = 'unit' AND key = 'U3'"))
    assert.are.equal(0, S.value(db, "SELECT unknowns FROM outbox WHERE id = 2"))
    -- and the commands read it
    r = H.run({ "--db", db, "--today", "2022-06-01", "--format", "csv", "duties", "--all" })
    assert.are.equal(0, r.code, r.err)
    assert.matches("\nBC,U2,U1,2021,[^\n]*,received,", r.out)
  end)
end)

-- The row classes of scripts/pw.meta.lua and the kinds they are rows of.
local ROW_CLASSES = { ["pw.Unit"] = "unit", ["pw.Task"] = "task", ["pw.Indicator"] = "indicator",
  ["pw.Holiday"] = "holiday" }
-- Columns a row has that no declaration writes.
local ROW_ONLY = { source = true, retired_at = true, status = true }

-- The fields of each class of pw.meta.lua: class -> { name -> { type, optional } }.
local function meta_classes()
  local classes, current = {}, nil
  for line in H.read(H.root .. "/scripts/pw.meta.lua"):gmatch("[^\n]+") do
    local class = line:match("^%-%-%-@class ([%w.]+)")
    if class then
      current = {}
      classes[class] = current
    elseif current then
      local name, opt, ty = line:match("^%-%-%-@field ([%w_]+)(%??) (%S+)")
      if name then
        current[name] = { type = ty, optional = opt == "?" }
      elseif not line:match("^%-%-%-") then
        current = nil
      end
    end
  end
  return classes
end

describe("the model, declared once", function()
  local model = dofile(H.root .. "/scripts/lib/model.lua")

  it("the editor's row classes in pw.meta.lua name the model's columns, enums and required fields", function()
    local classes = meta_classes()
    for class, kind in pairs(ROW_CLASSES) do
      local k, fields = model.kinds[kind], classes[class]
      assert.is_table(fields, class .. " is not in pw.meta.lua")
      local columns = {}
      for _, c in ipairs(k.keycols) do columns[c] = true end
      for _, c in ipairs(model.columns(kind)) do columns[c] = true end
      local by_column = {}
      for _, f in ipairs(k.fields) do
        local col = f.col == nil and f[1] or f.col
        if col and f[1] then by_column[col] = f end
      end
      for name, m in pairs(fields) do
        assert.is_true(columns[name] or ROW_ONLY[name] or false,
          class .. "." .. name .. " is no column of the model's " .. kind)
        local f = by_column[name]
        local enum = f and f[2]:match("^enum:(.+)$")
        if enum then
          local values = {}
          for v in pairs(model.enums[enum]) do values[#values + 1] = '"' .. v .. '"' end
          local stub = {}
          for v in m.type:gmatch('"[^"]*"') do stub[#stub + 1] = v end
          table.sort(values)
          table.sort(stub)
          assert.are.same(values, stub, class .. "." .. name .. " is not the enum " .. enum)
        end
        if f and type(f.default) ~= "function" then
          local always = f.required or f.default ~= nil
          assert.are.equal(not always, m.optional, class .. "." .. name .. ": optional in pw.meta.lua "
            .. "exactly when the model neither requires it nor gives a default")
        end
      end
    end
  end)

  it("a plugin's declarations are checked against the model: a field the model lacks is refused", function()
    local dir = S.package()
    local f = dir .. "/stttt.lua"
    H.write(f, H.read(f) .. '\nbudget { code = "NS_X", source = "state_budget", colour = "red" }\n')
    local r = S.check(H.new_db(), dir)
    assert.are.equal(1, r.code)
    assert.matches("stttt.lua:%d+: budget: unknown field 'colour'", r.err)
    -- every field of every kind, and every enum value, reaches the sandbox
    for kind, k in pairs(model.kinds) do
      if not k.call then
        for _, fd in ipairs(k.fields) do
          if fd[1] and fd[2]:match("^enum:") then
            H.write(f, 'unit "STTTT"\n' .. kind .. ' { ' .. fd[1] .. ' = "?no?" }\n')
            r = S.check(H.new_db(), dir)
            assert.matches(kind .. ": field '" .. fd[1] .. "' must be one of ", r.err, 1, true)
          end
        end
      end
    end
  end)

  it("loader.lua stays under 500 lines", function()
    local n = 0
    for _ in H.read(H.root .. "/scripts/lib/loader.lua"):gmatch("\n") do n = n + 1 end
    assert.is_true(n < 500, "loader.lua has " .. n .. " lines")
  end)
end)
