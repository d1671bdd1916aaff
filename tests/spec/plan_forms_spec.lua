-- The plugin forms a second province's plan needs (plugins/README.md):
-- a duty to several recipients, an approximate target, a task timeframe in
-- periods finer than a year, unit groups and the kinds of outside bodies.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"

local PLAN = [[
plan { id = "forms", number = "1/KH-UBND", issued = "2021-04-19", issuer = "UBND_T",
       span = "2021/2025", title = "Kế hoạch thử" }
unit { code = "UBND_T", name = "Ủy ban nhân dân tỉnh", kind = "province", email = "ubnd@example.org" }
unit { code = "BKHCN", name = "Bộ Khoa học và Công nghệ", kind = "ministry" }
unit { code = "DHH", name = "Đại học Huế", kind = "university" }
unit { code = "VIEN", name = "Viện Nghiên cứu", kind = "institute" }
unit { code = "BAO", name = "Báo tỉnh", kind = "press" }
unit { code = "SKHCN", name = "Sở Khoa học và Công nghệ", kind = "department",
       email = "skhcn@example.org" }
unit { code = "H_A", name = "Ủy ban nhân dân huyện A", kind = "district", email = "a@example.org" }
unit { code = "H_B", name = "Ủy ban nhân dân huyện B", kind = "district", email = "b@example.org" }
unit { code = "UBND_HUYEN", name = "Ủy ban nhân dân các huyện", kind = "group",
       members = { "H_A", "H_B" } }
indicator { code = "TY_LE", name = "Tỷ lệ doanh nghiệp ứng dụng công nghệ số", measure = "%" }
target { indicator = "TY_LE", by = 2023, op = "~", value = 45 }
duty { code = "BC_NAM", title = "Báo cáo năm {year}", from = "SKHCN", to = { "UBND_T", "BKHCN" },
       every = "year", cutoff = "calendar", due = { day = "11-30" }, remind = { -7, 0 } }
duty { code = "BC_6T", title = "Báo cáo 6 tháng đầu năm {year}", from = "UBND_HUYEN", to = "SKHCN",
       every = "year", cutoff = "calendar", due = { day = "06-15" }, remind = { -7, 0 } }
task { no = 1, title = "Tuyên truyền", when = "2021-Q2", lead = "SKHCN",
       support = { "UBND_HUYEN", "DHH" } }
task { no = 2, title = "Cơ sở dữ liệu", when = "2021-Q3/2023-Q2", lead = "SKHCN",
       items = { "Thu thập dữ liệu", "Xây dựng phần mềm" } }
]]

local function package(text)
  local dir = H.tmpdir() .. "/forms"
  H.sh("mkdir -p " .. H.quote(dir))
  H.write(dir .. "/plan.lua", text or PLAN)
  return dir
end

local function loaded(text)
  local db = H.new_db()
  local r = S.load(db, package(text))
  assert(r.code == 0, r.err)
  return db
end

local function values(db, rows)
  local path = H.tmpdir() .. "/values.csv"
  H.write(path, "indicator,unit,period,value\n" .. table.concat(rows, "\n") .. "\n")
  local r = H.run({ "--db", db, "import", path })
  assert(r.code == 0, r.err)
end

describe("a plan package", function()
  after_each(H.cleanup)

  it("stores a duty's recipients, each group member owing the report", function()
    local db = loaded()
    assert.are.same({ { unit = "SKHCN", to_unit = "UBND_T", to_units = '["UBND_T","BKHCN"]' } },
      S.sql(db, "SELECT unit, to_unit, to_units FROM duties WHERE code = 'BC_NAM'"))
    assert.are.same({ { unit = "H_A" }, { unit = "H_B" } },
      S.sql(db, "SELECT unit FROM duties WHERE code = 'BC_6T' ORDER BY unit"))
    local r = H.run({ "--db", db, "--today", "2023-06-01", "status" })
    assert.matches("UBND_T, BKHCN", r.out, 1, true)
  end)

  it("records one submission per unit and period, whatever the number of recipients", function()
    local db = loaded()
    local r = H.run({ "--db", db, "submit", "SKHCN", "BC_NAM", "2022", "--at", "2022-11-20" })
    assert.are.equal(0, r.code, r.err)
    r = H.run({ "--db", db, "--lang", "en", "--today", "2022-12-01", "duties", "--all", "--duty", "BC_NAM" })
    assert.matches("UBND_T, BKHCN%s+2022%s+2022%-11%-30%s+received", r.out)
  end)

  it("judges an approximate target within its tolerance, 5 % of the value by default", function()
    local db = loaded()
    assert.are.equal(2.25, S.value(db, "SELECT tolerance FROM targets"))
    values(db, { "TY_LE,UBND_T,2023,46.2" })
    local r = H.run({ "--db", db, "--today", "2024-03-01", "--format", "json", "status" })
    assert.matches('"status_code": "achieved"', r.out, 1, true)
    r = H.run({ "--db", db, "--today", "2024-03-01", "status" })
    assert.matches("≈ 45 % (± 2,25)", r.out, 1, true)
    values(db, { "TY_LE,UBND_T,2023,48" })
    r = H.run({ "--db", db, "--today", "2024-03-01", "--format", "json", "status" })
    assert.matches('"status_code": "exceeded"', r.out, 1, true)
  end)

  it("takes a stated tolerance, and refuses one on another op", function()
    local db = loaded(PLAN:gsub('op = "~", value = 45 }', 'op = "~", value = 45, tolerance = 1 }'))
    assert.are.equal(1, S.value(db, "SELECT tolerance FROM targets"))
    local r = S.check(H.new_db(), package(PLAN:gsub('op = "~", value = 45 }',
                                                    'op = ">=", value = 45, tolerance = 1 }')))
    assert.are.equal(1, r.code)
    assert.matches("target: 'tolerance' goes with op '~' only", r.err, 1, true)
  end)

  it("keeps a task's periods and shows where it stands by them", function()
    local db = loaded()
    assert.are.same({ { no = 1, when_text = "2021", from_period = "2021-Q2", to_period = "2021-Q2" },
                      { no = 2, when_text = "2021/2023", from_period = "2021-Q3", to_period = "2023-Q2" } },
      S.sql(db, "SELECT no, when_text, from_period, to_period FROM tasks ORDER BY no"))
    local function stages(today)
      local r = H.run({ "--db", db, "--today", today, "--lang", "en", "--format", "csv", "status" })
      local out = {}
      for no, stage in r.out:gmatch("\n[^\n]-,(%d),[^\n]-,([%a ]+),[^,\n]*\r") do out[tonumber(no)] = stage end
      return out
    end
    assert.are.same({ "in progress", "not started" }, stages("2021-05-01"))
    assert.are.same({ "timeframe ended", "in progress" }, stages("2021-07-01"))
    assert.are.same({ "timeframe ended", "timeframe ended" }, stages("2023-07-01"))
  end)

  it("shows a task's items in status and in the report", function()
    local db = loaded()
    local r = H.run({ "--db", db, "--today", "2022-01-01", "--format", "json", "status" })
    assert.matches('"items": "Thu thập dữ liệu · Xây dựng phần mềm"', r.out, 1, true)
    local html = H.tmpdir() .. "/r.html"
    r = H.run({ "--db", db, "--today", "2022-01-01", "report", "--html", html })
    assert.are.equal(0, r.code, r.err)
    assert.matches("<li>Thu thập dữ liệu</li><li>Xây dựng phần mềm</li>", H.read(html), 1, true)
  end)

  it("refuses a period that does not exist, members outside a group, an unknown member", function()
    local cases = {
      { 'when = "2021-Q2"', 'when = "2021-Q5"', "task: field 'when' must be" },
      { 'when = "2021-Q3/2023-Q2"', 'when = "2023-Q2/2021-Q3"', "task: field 'when' must be" },
      { 'kind = "institute" }', 'kind = "institute", members = { "DHH" } }',
        "only a unit of kind 'group' has members" },
      { 'members = { "H_A", "H_B" }', 'members = { "H_A", "H_C" }', "unknown member unit 'H_C'" },
      { 'to = { "UBND_T", "BKHCN" }', 'to = { "UBND_T", "BKHCM" }', "unknown recipient unit 'BKHCM'" },
    }
    for _, c in ipairs(cases) do
      local text = PLAN:gsub(c[1]:gsub("%p", "%%%0"), (c[2]:gsub("%%", "%%%%")), 1)
      assert.are_not.equal(PLAN, text, c[1])
      local r = S.check(H.new_db(), package(text))
      assert.are.equal(1, r.code, c[2])
      assert.matches(c[3], r.err, 1, true)
      H.cleanup()
    end
  end)

  it("migrates a database of schema 8 keeping every row (migration 9)", function()
    local db = loaded()
    local COUNTS = [[SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM tasks) AS tasks,
      (SELECT count(*) FROM duties) AS duties, (SELECT count(*) FROM targets) AS targets]]
    local before = S.sql(db, COUNTS)
    assert.are.equal(0, H.sh("sqlite3 " .. H.quote(db) .. " " .. H.quote([[
      ALTER TABLE duties DROP COLUMN to_units; ALTER TABLE tasks DROP COLUMN from_period;
      ALTER TABLE tasks DROP COLUMN to_period; ALTER TABLE units DROP COLUMN members;
      ALTER TABLE targets DROP COLUMN tolerance;
      DROP TABLE task_leads; DROP TABLE unit_successions; DROP TABLE successions;
      ALTER TABLE units DROP COLUMN valid_from; ALTER TABLE units DROP COLUMN valid_until;
      ALTER TABLE plans DROP COLUMN superseded_by; ALTER TABLE plans DROP COLUMN superseded_on;
      ALTER TABLE plans DROP COLUMN superseded_basis; ALTER TABLE indicators DROP COLUMN area;
      ALTER TABLE indicators DROP COLUMN area_until; PRAGMA user_version = 8;]])))
    local r = H.run({ "--db", db, "init" })
    assert.are.equal(0, r.code, r.err)
    assert.are.same(before, S.sql(db, COUNTS))
    assert.is_nil(S.value(db, "SELECT tolerance FROM targets")) -- the column is back, empty
    r = S.load(db, package())
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(2.25, S.value(db, "SELECT tolerance FROM targets"))
  end)

  it("reminds each member of a group of the report it owes", function()
    local db = loaded()
    local r = H.run({ "--db", db, "--today", "2022-06-08", "remind", "--dry-run" })
    assert.are.equal(0, r.code, r.err)
    assert.matches("To: a@example.org", r.out, 1, true)
    assert.matches("To: b@example.org", r.out, 1, true)
  end)
end)
