-- The working-day calendar and deadlines: the 2026 days off as announced,
-- a fixed-day deadline on a day off moving to the next working day (Civil
-- Code 2015, Art. 148(5)) unless the duty says roll = false, fixed days
-- tied to each period, and the inputs that cannot be right (periods
-- outside the plan, receipts before the window opens, values outside the
-- plan's span), with submit --withdraw.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"
local dkjson = require "dkjson"

-- Weekday of a date (1 Monday .. 7 Sunday), from the C library, not planwatch.
local function weekday(date)
  local y, m, d = date:match("^(%d+)-(%d+)-(%d+)$")
  local w = os.date("*t", os.time({ year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12 })).wday
  return (w + 5) % 7 + 1
end

local function add_days(date, n)
  local y, m, d = date:match("^(%d+)-(%d+)-(%d+)$")
  return os.date("%Y-%m-%d", os.time({ year = tonumber(y), month = tonumber(m), day = tonumber(d) + n, hour = 12 }))
end

local function workdays(db, dates)
  return S.eval(db, [[local hs = pw.sql("SELECT date, kind FROM holidays WHERE retired_at IS NULL")
    local out = {}
    for i, d in ipairs(pw.args) do out[i] = pw.period.is_workday(d, hs) end
    return out]], table.unpack(dates))
end

local function deadlines(db, today, duty)
  local r = H.run({ "--db", db, "--today", today, "--format", "json", "duties", "--duty", duty, "--all" })
  assert(r.code == 0, r.err)
  local by = {}
  for _, it in ipairs(dkjson.decode(r.out)) do by[it.period] = it end
  return by
end

describe("the 2026 calendar", function()
  local db
  setup(function() db = H.yenbai_db() end)
  teardown(H.cleanup)

  it("has the five-day National Day break 29/8-2/9/2026 and Saturday 22/8 worked", function()
    local days = { "2026-08-22", "2026-08-28", "2026-08-29", "2026-08-30", "2026-08-31",
      "2026-09-01", "2026-09-02", "2026-09-03" }
    assert.are.equal(6, weekday("2026-08-22")) -- a Saturday, worked in exchange for Monday 31/8
    assert.are.equal(1, weekday("2026-08-31"))
    assert.are.same({ true, true, false, false, false, false, false, true }, workdays(db, days))
  end)

  it("has Tết 2026 from Saturday 14/2 to Sunday 22/2 and the New Year swap of Friday 2/1", function()
    local tet = {}
    for i = 0, 8 do tet[#tet + 1] = add_days("2026-02-14", i) end
    tet[#tet + 1] = "2026-02-13"
    tet[#tet + 1] = "2026-02-23"
    local expected = {}
    for i = 1, 9 do expected[i] = false end
    expected[10], expected[11] = true, true
    assert.are.same(expected, workdays(db, tet))
    assert.are.same({ false, false, true }, workdays(db, { "2026-01-01", "2026-01-02", "2026-01-10" }))
  end)

  it("lists no 2027 day without a notice, so 2027 falls back to the fixed-date holidays with a warning", function()
    assert.are.equal(0, S.value(db, "SELECT count(*) AS n FROM holidays WHERE date LIKE '2027-%'"))
  end)
end)

describe("fixed-day deadlines", function()
  teardown(H.cleanup)

  it("move from a weekend to the next working day: DT_NS_KHCN 2023 (Saturday 15/7) is due Monday 17/7", function()
    local db = H.yenbai_db()
    assert.are.equal(6, weekday("2023-07-15"))
    local expected = add_days("2023-07-15", 2)
    assert.are.equal(expected, deadlines(db, "2023-07-20", "DT_NS_KHCN")["2023"].deadline)
    -- a day that is already a working day stays: 15/7/2024 is a Monday
    assert.are.equal(1, weekday("2024-07-15"))
    assert.are.equal("2024-07-15", deadlines(db, "2024-07-20", "DT_NS_KHCN")["2024"].deadline)
    local r = H.run({ "--db", db, "submit", "SKHCN", "DT_NS_KHCN", "2023", "--at", expected })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("received", deadlines(db, "2023-07-20", "DT_NS_KHCN")["2023"].state)
  end)

  it("stay on their day with roll = false", function()
    local dir = S.package()
    S.edit(dir .. "/skhcn.lua", 'due = { day = "07-15" }', 'due = { day = "07-15", roll = false }')
    local db = H.new_db()
    local r = S.load(db, dir)
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("2023-07-15", deadlines(db, "2023-07-20", "DT_NS_KHCN")["2023"].deadline)
    r = H.run({ "--db", db, "submit", "SKHCN", "DT_NS_KHCN", "2023", "--at", "2023-07-17" })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("received_late", deadlines(db, "2023-07-20", "DT_NS_KHCN")["2023"].state)
  end)

  local QUARTERLY = [[
unit "SYT"
duty {
  code = "BC_QUY_YT",
  title = "Báo cáo quý {period}",
  to = "SKHCN",
  every = "quarter",
  cutoff = "calendar",
  due = { day_after_end = 15 },
}
]]

  it("are tied to each period with day_after_end: the 15th of the month after each quarter", function()
    local dir = S.package({ ["syt.lua"] = QUARTERLY })
    local db = H.new_db()
    local r = S.load(db, dir)
    assert.are.equal(0, r.code, r.err)
    local by = deadlines(db, "2025-03-01", "BC_QUY_YT")
    -- each quarter's last day + 15 days, moved past a weekend or holiday
    local ends = { ["2024-Q1"] = "2024-03-31", ["2024-Q2"] = "2024-06-30", ["2024-Q3"] = "2024-09-30",
      ["2024-Q4"] = "2024-12-31" }
    for p, last in pairs(ends) do
      local d = add_days(last, 15)
      while weekday(d) > 5 do d = add_days(d, 1) end
      assert.are.equal(d, by[p].deadline, p)
      assert.is_true(by[p].deadline > last, p)
    end
    assert.are.equal("2024-10-15", by["2024-Q3"].deadline)
    assert.are.equal("2025-01-15", by["2024-Q4"].deadline)
  end)

  it("as a day of the year are refused at load for a quarterly duty, with file and line", function()
    local text = QUARTERLY:gsub("day_after_end = 15", 'day = "04-15"')
    local dir = S.package({ ["syt.lua"] = text })
    local db = H.new_db()
    local r = S.load(db, dir)
    assert.are_not.equal(0, r.code)
    local line = 0
    for l in (text .. "\n"):gmatch("(.-)\n") do
      line = line + 1
      if l:find("duty {", 1, true) then break end
    end
    assert.truthy(r.err:find("syt.lua:" .. line .. ": due: { day = \"04-15\" } falls before the end", 1, true), r.err)
    assert.are.equal(0, S.value(db, "SELECT count(*) AS n FROM duties WHERE code = 'BC_QUY_YT'"))
  end)

  it("refuse a malformed due form", function()
    local dir = S.package({ ["syt.lua"] = QUARTERLY:gsub("day_after_end = 15", "day_after_end = 0") })
    local r = S.check(H.new_db(), dir)
    assert.are_not.equal(0, r.code)
    assert.truthy(r.err:find("day_after_end = N", 1, true), r.err)
  end)
end)

describe("inputs that cannot be right", function()
  local db
  setup(function() db = H.yenbai_db() end)
  teardown(H.cleanup)

  local function submissions()
    return S.value(db, "SELECT count(*) AS n FROM submissions")
  end

  it("submit refuses a period outside the plan's span 2021-2030", function()
    for _, p in ipairs({ "2099", "2031", "2020" }) do
      local r = H.run({ "--db", db, "--today", "2026-12-03", "submit", "SKHCN", "BC_KH114", p })
      assert.are.equal(2, r.code)
      assert.truthy(r.err:find("kỳ " .. p .. " nằm ngoài thời gian của kế hoạch (2021–2030)", 1, true), r.err)
    end
    local r = H.run({ "--db", db, "--lang", "en", "submit", "SKHCN", "BC_KH114", "2031" })
    assert.truthy(r.err:find("period 2031 is outside the plan's span (2021–2030)", 1, true), r.err)
    assert.are.equal(0, submissions())
  end)

  it("submit refuses a receipt before the period's window opens (15/12 of the year before, Decree 09)", function()
    local r = H.run({ "--db", db, "submit", "SKHCN", "BC_KH114", "2025", "--at", "2024-12-14" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("2024-12-15", 1, true), r.err)
    assert.are.equal(0, submissions())
    r = H.run({ "--db", db, "submit", "SKHCN", "BC_KH114", "2025", "--at", "2024-12-15" })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(1, submissions())
  end)

  it("submit --withdraw deletes a submission and keeps it in the audit log", function()
    local r = H.run({ "--db", db, "submit", "--withdraw", "Sở KH&CN", "BC_KH114", "2025" })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(0, submissions())
    local audit = S.sql(db, "SELECT actor, old FROM audit WHERE entity = 'submissions' AND action = 'withdraw'")
    assert.are.equal(1, #audit)
    assert.truthy(audit[1].old:find("2024-12-15", 1, true))
    r = H.run({ "--db", db, "submit", "--withdraw", "SKHCN", "BC_KH114", "2025" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("chưa ghi nhận", 1, true), r.err)
  end)

  it("import warns about values outside the plan's span (and its base year) and stores them", function()
    local csv = H.tmpdir() .. "/v.csv"
    H.write(csv, "indicator,unit,period,value\nGRDP,UBND_YB,2035,5\nGRDP,UBND_YB,2020,5\nGRDP,UBND_YB,2025,5\n")
    local r = H.run({ "--db", db, "import", csv })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.err:find("GRDP 2035: 1 giá trị nằm ngoài", 1, true), r.err)
    assert.is_nil(r.err:find("GRDP 2020", 1, true))
    assert.is_nil(r.err:find("GRDP 2025", 1, true))
  end)
end)

describe("make run's sample values", function()
  teardown(H.cleanup)

  it("import cleanly and leave no target without data on 2026-12-03, those of the former province not comparable", function()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "import", H.root .. "/plugins/yenbai-114/data/sample-values.csv" })
    assert.are.equal(0, r.code, r.err)
    local list = S.eval(db, "return pw.targets{ today = '2026-12-03' }", "--plugins", H.root .. "/plugins")
    local none = {}
    for _, t in ipairs(list) do
      if t.status == "no_data" then none[#none + 1] = t.key end
    end
    assert.are.same({}, none)
    -- the 2026-2030 growth target is set on the province of 2021, which ended on
    -- 1 Jul 2025 (plugins/yenbai-114/plan.lua, indicator area)
    local nc = {}
    for _, t in ipairs(list) do
      if t.status == "not_comparable" then nc[#nc + 1] = t.key end
    end
    table.sort(nc)
    assert.are.same({ "DN_DU_AN_DIEM@2021/2025", "DN_DU_AN_DIEM@2021/2030", "NSLD_TANG_BQ@2021/2025",
      "NSLD_TANG_BQ@2026/2030" }, nc)
    -- every value without a published source says it is illustrative
    assert.are.equal(0, S.value(db, [[SELECT count(*) AS n FROM indicator_values
      WHERE source NOT LIKE '%minh họa%' AND source NOT LIKE '%Cục Thống kê tỉnh Yên Bái%']]))
  end)
end)
