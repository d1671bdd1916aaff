-- Target status: each rule and each op of the plan's targets, evaluated on a
-- given day from values inserted for the Yên Bái plan, and `planwatch
-- status` showing what pw.targets() computes.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"
local dkjson = require "dkjson"

local PLUGINS = H.PLUGINS

local put = S.put_values

local clear = S.clear_values

-- Yearly values of one indicator and unit: yearly("GRDP", "UBND_YB", 2020, {..}).
local function yearly(indicator, unit, first_year, values)
  local rows = {}
  for i, v in ipairs(values) do rows[i] = { indicator, unit, first_year + i - 1, v } end
  return rows
end

local function concat(...)
  local all = {}
  for _, list in ipairs({ ... }) do
    for _, r in ipairs(list) do all[#all + 1] = r end
  end
  return all
end

-- Labour productivity inputs: GRDP and employment for `years` years from
-- 2020, growing by the given rates (e.g. 0.07 for 7 %/year).
local function productivity(first_year, years, grdp_rate, labour_rate)
  local g, l = {}, {}
  for k = 0, years - 1 do
    g[k + 1] = 20000 * (1 + grdp_rate) ^ k
    l[k + 1] = 400000 * (1 + (labour_rate or 0)) ^ k
  end
  return concat(yearly("GRDP", "UBND_YB", first_year, g),
                yearly("LAO_DONG", "UBND_YB", first_year, l))
end

-- pw.targets{ today = today }, keyed by target key ("NSLD_TANG_BQ@2021/2025").
local function evaluate(db, today, plugins)
  local list = S.eval(db, "return pw.targets{ today = pw.args[1] }", today,
                      "--plugins", plugins or PLUGINS)
  local by_key = {}
  for _, t in ipairs(list) do by_key[t.key] = t end
  return by_key, list
end

local function target(db, today, key, plugins)
  local t = evaluate(db, today, plugins)[key]
  assert(t, "no target " .. key)
  return t
end

local function near(expected, actual, tolerance)
  assert.is_number(actual)
  assert.is_true(math.abs(expected - actual) <= (tolerance or 1e-6),
    string.format("expected %.12g, got %.12g", expected, actual))
end

local CAGR_2025 = "NSLD_TANG_BQ@2021/2025"
local CAGR_2030 = "NSLD_TANG_BQ@2026/2030"
local PILOTS_2025 = "DN_DU_AN_DIEM@2021/2025"
local PILOTS_2030 = "DN_DU_AN_DIEM@2021/2030"
local DIGITAL = "DN_CONG_NGHE_SO@2021/2030"
local SME_GROUPS = "NHOM_DNNVV_HO_TRO@2021/2030"

describe("target status on the Yên Bái plan", function()
  local db

  setup(function()
    db = H.yenbai_db()
    -- these rules are judged on one area over the whole window: set aside the
    -- end of the former province (plugins/README.md, indicator area)
    assert(H.sh("sqlite3 " .. H.quote(db) .. " 'UPDATE indicators SET area = NULL, area_until = NULL'") == 0)
  end)
  before_each(function() clear(db) end)
  teardown(H.cleanup)

  it("is 'no data' for each of the 8 targets before any value is stored", function()
    local _, list = evaluate(db, "2024-06-01")
    assert.are.equal(8, #list)
    for _, t in ipairs(list) do
      assert.are.equal("no_data", t.status)
      assert.is_nil(t.actual)
      assert.is_nil(t.projected)
      assert.are.same({}, t.years)
    end
  end)

  it("returns what each target requires: indicator, window, op, value", function()
    local t = target(db, "2024-06-01", DIGITAL)
    assert.are.equal("DN_CONG_NGHE_SO", t.indicator)
    assert.are.equal(2021, t.window_from)
    assert.are.equal(2030, t.window_to)
    assert.are.equal("between", t.op)
    assert.are.equal(1, t.required)
    assert.are.equal(3, t.required_high)
    assert.are.equal("sum", t.rule)
    assert.truthy(t.name:find("công nghệ số", 1, true))
  end)

  describe("average productivity growth (cagr of the derived NSLD = GRDP / workers)", function()
    it("is on track at 2024-06-01 when productivity grew 7 %/year over 2020-2023", function()
      put(db, productivity(2020, 4, 0.07))
      local t = target(db, "2024-06-01", CAGR_2025)
      assert.are.equal("on_track", t.status)
      near(7, t.actual)
      near(7, t.projected)
      assert.are.same({ "2020", "2021", "2022", "2023" }, t.years)
      assert.are.equal(6.2, t.required)
      assert.are.equal("no_data", evaluate(db, "2024-06-01")[CAGR_2030].status)
    end)

    it("is off track at 2024-06-01 at 5 %/year (projected 5 %, short of 6.2 % by more than 10 %)", function()
      put(db, productivity(2020, 4, 0.05))
      local t = target(db, "2024-06-01", CAGR_2025)
      assert.are.equal("off_track", t.status)
      near(5, t.actual)
      near(5, t.projected)
    end)

    it("is at risk at 2024-06-01 at 5.8 %/year (short by at most 10 % of 6.2 %)", function()
      put(db, productivity(2020, 4, 0.058))
      local t = target(db, "2024-06-01", CAGR_2025)
      assert.are.equal("at_risk", t.status)
      near(5.8, t.projected)
    end)

    it("is achieved after 2025 with the full series, computed as (V2025/V2020)^(1/5) - 1", function()
      put(db, productivity(2020, 6, 0.08, 0.01))
      local t = target(db, "2026-03-01", CAGR_2025)
      local v2020 = 20000 * 1000 / 400000
      local v2025 = 20000 * 1.08 ^ 5 * 1000 / (400000 * 1.01 ^ 5)
      assert.are.equal("achieved", t.status)
      near(((v2025 / v2020) ^ (1 / 5) - 1) * 100, t.actual, 1e-9)
      assert.is_nil(t.projected)
      assert.are.equal(6, #t.years)
    end)

    it("is missed after 2025 when productivity grew 6 %/year", function()
      put(db, productivity(2020, 6, 0.06))
      local t = target(db, "2026-03-01", CAGR_2025)
      assert.are.equal("missed", t.status)
      near(6, t.actual)
    end)

    it("reads only the end points: 6.2 %/year from 2020 to 2025 is achieved, whatever the years between", function()
      put(db, concat(
        yearly("GRDP", "UBND_YB", 2020, { 10000, 9000, 9500, 8000, 10000, 10000 * 1.062 ^ 5 }),
        yearly("LAO_DONG", "UBND_YB", 2020, { 100000, 100000, 100000, 100000, 100000, 100000 })))
      local t = target(db, "2026-03-01", CAGR_2025)
      near(6.2, t.actual, 1e-9)
      assert.are.equal("achieved", t.status)
    end)

    it("has no data without the year before the window (2020)", function()
      put(db, productivity(2021, 3, 0.07))
      assert.are.equal("no_data", target(db, "2024-06-01", CAGR_2025).status)
    end)

    it("measures the 2026-2030 window from 2025", function()
      put(db, concat(productivity(2020, 5, 0.01), productivity(2025, 3, 0.08)))
      local t = target(db, "2027-06-01", CAGR_2030)
      assert.are.same({ "2025", "2026", "2027" }, t.years)
      near(8, t.actual)
      assert.are.equal("on_track", t.status)
    end)

    it("ignores the values of periods that have not started on the day of evaluation", function()
      put(db, concat(productivity(2020, 4, 0.07),
        { { "GRDP", "UBND_YB", "2024", 10000 }, { "LAO_DONG", "UBND_YB", "2024", 400000 } }))
      local before = target(db, "2023-12-31", CAGR_2025)
      assert.are.equal("on_track", before.status)
      assert.are.equal(4, #before.years)
      local after = target(db, "2024-06-01", CAGR_2025)
      assert.are.equal(5, #after.years)
      assert.are.equal("off_track", after.status)
    end)

    it("reports a formula that cannot run, with no data, instead of failing", function()
      put(db, productivity(2020, 4, 0.07))
      local t = target(db, "2024-06-01", CAGR_2025, "/nonexistent")
      assert.are.equal("no_data", t.status)
      assert.truthy(t.error:find("NSLD", 1, true))
      assert.truthy(t.error:find("--plugins", 1, true))
    end)
  end)

  describe("at least 15 pilot enterprises by 2025 (sum)", function()
    it("is on track at 2025-01-10 with 3, 4, 5 in 2021-2023: 12 over the 4 years elapsed, 15 at that pace", function()
      put(db, yearly("DN_DU_AN_DIEM", "SKHCN", 2021, { 3, 4, 5 }))
      local by = evaluate(db, "2025-01-10")
      assert.are.equal("on_track", by[PILOTS_2025].status)
      assert.are.equal(12, by[PILOTS_2025].actual)
      near(12 / 4 * 5, by[PILOTS_2025].projected)
      assert.are.same({ "2021", "2022", "2023" }, by[PILOTS_2025].years)
      assert.are.same({ 2024 }, by[PILOTS_2025].missing)
      -- 12 / 4 x 10 = 30, short of 35 by 14 %
      assert.are.equal("off_track", by[PILOTS_2030].status)
      near(30, by[PILOTS_2030].projected)
    end)

    it("is achieved inside the window once the sum reaches 15 (3, 4, 5, 4 = 16)", function()
      put(db, yearly("DN_DU_AN_DIEM", "SKHCN", 2021, { 3, 4, 5, 4 }))
      local t = target(db, "2025-01-10", PILOTS_2025)
      assert.are.equal("achieved", t.status)
      assert.are.equal(16, t.actual)
    end)

    it("is at risk with 3, 3, 3, 2 (13.75 at that pace, short by 1.25 of 15)", function()
      put(db, yearly("DN_DU_AN_DIEM", "SKHCN", 2021, { 3, 3, 3, 2 }))
      local t = target(db, "2025-01-10", PILOTS_2025)
      assert.are.equal("at_risk", t.status)
      near(13.75, t.projected)
    end)

    it("is off track with 1, 1, 1", function()
      put(db, yearly("DN_DU_AN_DIEM", "SKHCN", 2021, { 1, 1, 1 }))
      local t = target(db, "2025-01-10", PILOTS_2025)
      assert.are.equal("off_track", t.status)
      near(3 / 4 * 5, t.projected)
    end)

    it("is missed once 2025 is over with 12 (provisional until 2025 is reported), achieved with 16", function()
      put(db, yearly("DN_DU_AN_DIEM", "SKHCN", 2021, { 3, 4, 5 }))
      local t = target(db, "2026-02-01", PILOTS_2025)
      assert.are.equal("provisional", t.status)
      assert.are.equal("missed", t.tentative)
      put(db, { { "DN_DU_AN_DIEM", "SKHCN", "2025", 0 } })
      t = target(db, "2026-02-01", PILOTS_2025)
      assert.are.equal("missed", t.status)
      assert.are.equal(12, t.actual)
      assert.is_nil(t.projected)
      put(db, { { "DN_DU_AN_DIEM", "SKHCN", "2024", 4 } })
      assert.are.equal("achieved", target(db, "2026-02-01", PILOTS_2025).status)
    end)

    it("takes the issuer's (UBND_YB) figure for a year when there is one, else the units' sum", function()
      put(db, {
        { "DN_DU_AN_DIEM", "SKHCN", "2021", 2 }, { "DN_DU_AN_DIEM", "SCT", "2021", 1 },
        { "DN_DU_AN_DIEM", "SKHCN", "2022", 9 }, { "DN_DU_AN_DIEM", "UBND_YB", "2022", 4 },
        { "DN_DU_AN_DIEM", "SKHCN", "2023", 5 },
      })
      assert.are.equal(12, target(db, "2025-01-10", PILOTS_2025).actual)
    end)
  end)

  describe("1 to 3 model digital enterprises by 2030 (between, inclusive)", function()
    it("is achieved after 2030 with 2, and with 1 and 3 (the bounds)", function()
      put(db, yearly("DN_CONG_NGHE_SO", "STTTT", 2022, { 1, 1 }))
      assert.are.equal("provisional", target(db, "2031-01-05", DIGITAL).status) -- 2030 not reported
      put(db, { { "DN_CONG_NGHE_SO", "STTTT", "2030", 0 } })
      local t = target(db, "2031-01-05", DIGITAL)
      assert.are.equal("achieved", t.status)
      assert.are.equal(2, t.actual)
      put(db, { { "DN_CONG_NGHE_SO", "STTTT", "2024", 1 } })
      assert.are.equal("achieved", target(db, "2031-01-05", DIGITAL).status)
      clear(db)
      put(db, { { "DN_CONG_NGHE_SO", "STTTT", "2022", 1 }, { "DN_CONG_NGHE_SO", "STTTT", "2030", 0 } })
      assert.are.equal("achieved", target(db, "2031-01-05", DIGITAL).status)
    end)

    it("is above the range with 4: exceeded as soon as the count passes 3, and after 2030", function()
      put(db, yearly("DN_CONG_NGHE_SO", "STTTT", 2022, { 2, 2 }))
      local after = target(db, "2031-01-05", DIGITAL)
      assert.are.equal("exceeded", after.status)
      assert.are.equal(4, after.actual)
      assert.are.equal("exceeded", target(db, "2024-06-01", DIGITAL).status)
    end)
  end)

  describe("3 focus groups of SMEs supported by 2030 (last value)", function()
    it("is on track in 2025 with 1 in 2022 and 2 in 2024 (the trend reaches 5 in 2030)", function()
      put(db, { { "NHOM_DNNVV_HO_TRO", "SKHDT", "2022", 1 }, { "NHOM_DNNVV_HO_TRO", "SKHDT", "2024", 2 } })
      local t = target(db, "2025-03-01", SME_GROUPS)
      assert.are.equal("on_track", t.status)
      assert.are.equal(2, t.actual)
      near(5, t.projected)
    end)

    it("reads the last value, not the largest: 3 then 2 is missed after 2030 (provisional without 2030)", function()
      put(db, { { "NHOM_DNNVV_HO_TRO", "SKHDT", "2023", 3 }, { "NHOM_DNNVV_HO_TRO", "SKHDT", "2024", 2 } })
      local t = target(db, "2031-01-01", SME_GROUPS)
      assert.are.equal("provisional", t.status)
      assert.are.equal("missed", t.tentative)
      assert.are.equal(2, t.actual)
      put(db, { { "NHOM_DNNVV_HO_TRO", "SKHDT", "2030", 3 } })
      assert.are.equal("achieved", target(db, "2031-01-01", SME_GROUPS).status)
    end)
  end)

  describe("planwatch status", function()
    it("shows in JSON the numbers and status codes that pw.targets() computes", function()
      put(db, concat(productivity(2020, 4, 0.07), yearly("DN_DU_AN_DIEM", "SKHCN", 2021, { 3, 4, 5 }),
        yearly("DN_CONG_NGHE_SO", "STTTT", 2022, { 2, 2 })))
      local _, list = evaluate(db, "2024-06-01")
      local r = H.run({ "--db", db, "--plugins", PLUGINS, "status", "--today", "2024-06-01",
                        "--format", "json", "--lang", "en" })
      assert.are.equal(0, r.code, r.err)
      local shown = assert(dkjson.decode(r.out)).targets
      assert.are.equal(#list, #shown)
      for i, t in ipairs(list) do
        local s = shown[i]
        assert.are.equal(t.indicator, s.indicator)
        assert.are.equal(t.window_from, s.window_from)
        assert.are.equal(t.status, s.status_code)
        assert.are.equal(t.required, s.required)
        if t.actual then near(t.actual, s.actual, 1e-9) else assert.is_nil(s.actual) end
        if t.projected then near(t.projected, s.projected, 1e-9) else assert.is_nil(s.projected) end
      end
      assert.are.equal("on track", shown[2].status)
      assert.are.equal("NSLD_TANG_BQ", shown[2].indicator)
    end)

    it("shows actual, projected and the status in words in the table", function()
      put(db, productivity(2020, 4, 0.07))
      local r = H.run({ "--db", db, "--plugins", PLUGINS, "status", "--today", "2024-06-01" })
      assert.are.equal(0, r.code, r.err)
      local line = S.lines_starting(r.out, "NSLD_TANG_BQ")[1]
      assert.truthy(line:find("≥ 6,2 %", 1, true), line)
      assert.truthy(line:find("  7 %%%s+7 %%"), line) -- actual, projected
      assert.falsy(line:find("7.00", 1, true), line)
      assert.truthy(line:find("đúng tiến độ", 1, true), line)
      local en = H.run({ "--db", db, "--plugins", PLUGINS, "status", "--today", "2024-06-01", "--lang", "en" })
      assert.truthy(S.lines_starting(en.out, "NSLD_TANG_BQ")[1]:find("on track", 1, true))
      assert.truthy(S.lines_starting(en.out, "DN_UNG_DUNG_CNS")[1]:find("no data", 1, true))
    end)

    it("warns on standard error when a derived indicator's formula cannot run", function()
      put(db, productivity(2020, 4, 0.07))
      local r = H.run({ "--db", db, "--plugins", "/nonexistent", "status", "--today", "2024-06-01" })
      assert.are.equal(0, r.code)
      assert.truthy(r.err:find("NSLD_TANG_BQ: NSLD: công thức không chạy được", 1, true), r.err)
      local en = H.run({ "--db", db, "--plugins", "/nonexistent", "--lang", "en", "status", "--today", "2024-06-01" })
      assert.truthy(en.err:find("NSLD_TANG_BQ: NSLD: its formula could not run", 1, true), en.err)
    end)
  end)
end)

-- A unit plugin added to a copy of the package, with one target per op and
-- the rules the plan itself does not use (distinct, every_year).
local EXTRA = [[
unit "SYT"
indicator { code = "T_LE", name = "Chỉ tiêu thử <=", rule = "last" }
target { indicator = "T_LE", window = "2021/2025", op = "<=", value = 10 }
indicator { code = "T_LT", name = "Chỉ tiêu thử <", rule = "last" }
target { indicator = "T_LT", window = "2021/2025", op = "<", value = 10 }
indicator { code = "T_EQ", name = "Chỉ tiêu thử =", rule = "last" }
target { indicator = "T_EQ", window = "2021/2025", op = "=", value = 5 }
indicator { code = "T_GT", name = "Chỉ tiêu thử >", rule = "last" }
target { indicator = "T_GT", window = "2021/2025", op = ">", value = 5 }
indicator { code = "T_BETWEEN", name = "Chỉ tiêu thử between", rule = "last" }
target { indicator = "T_BETWEEN", window = "2021/2025", op = "between", value = { 2, 4 } }
indicator { code = "T_DISTINCT", name = "Số đơn vị báo cáo", rule = "distinct" }
target { indicator = "T_DISTINCT", window = "2021/2025", op = ">=", value = 3 }
indicator { code = "T_EVERY", name = "Chỉ tiêu thử từng năm", rule = "every_year" }
target { indicator = "T_EVERY", window = "2021/2025", op = ">=", value = 50 }
]]

describe("target rules and ops", function()
  local db, plugins
  S.plan_with_values({ ["zz_test.lua"] = EXTRA }, function(d, p) db, plugins = d, p end)

  -- Each case: indicator, { {period, value} } reported by UBND_YB, the
  -- day, then the expected status, actual and projected (nil: not checked).
  local CLOSED, OPEN = "2026-01-15", "2024-06-01"
  local cases = {
    { "T_LE", { { "2025", 10 } }, CLOSED, "achieved", 10 },
    { "T_LE", { { "2025", 10.5 } }, CLOSED, "missed", 10.5 },
    { "T_LE", { { "2023", 9 } }, OPEN, "on_track", 9, 9 },
    { "T_LE", { { "2023", 10.8 } }, OPEN, "at_risk", 10.8, 10.8 },
    { "T_LE", { { "2022", 9.6 }, { "2023", 10.2 } }, OPEN, "off_track", 10.2, 11.4 },
    { "T_LT", { { "2025", 10 } }, CLOSED, "missed", 10 },
    { "T_LT", { { "2025", 9.99 } }, CLOSED, "achieved", 9.99 },
    { "T_EQ", { { "2025", 5 } }, CLOSED, "achieved", 5 },
    { "T_EQ", { { "2025", 5.2 } }, CLOSED, "exceeded", 5.2 },
    { "T_EQ", { { "2023", 5 } }, OPEN, "on_track", 5, 5 },
    { "T_EQ", { { "2023", 5.3 } }, OPEN, "heading_above", 5.3, 5.3 },
    { "T_EQ", { { "2023", 4.7 } }, OPEN, "at_risk", 4.7, 4.7 },
    { "T_EQ", { { "2023", 4 } }, OPEN, "off_track", 4, 4 },
    { "T_GT", { { "2025", 5 } }, CLOSED, "missed", 5 },
    { "T_GT", { { "2025", 5.01 } }, CLOSED, "achieved", 5.01 },
    { "T_GT", { { "2023", 4.6 } }, OPEN, "at_risk", 4.6, 4.6 },
    { "T_BETWEEN", { { "2025", 2 } }, CLOSED, "achieved", 2 },
    { "T_BETWEEN", { { "2025", 4 } }, CLOSED, "achieved", 4 },
    { "T_BETWEEN", { { "2025", 4.1 } }, CLOSED, "exceeded", 4.1 },
    { "T_BETWEEN", { { "2025", 1.9 } }, CLOSED, "missed", 1.9 },
    { "T_BETWEEN", { { "2023", 4.3 } }, OPEN, "heading_above", 4.3, 4.3 },
    { "T_BETWEEN", { { "2023", 1 } }, OPEN, "off_track", 1, 1 },
    { "T_EVERY", { { "2021", 60 }, { "2022", 55 }, { "2023", 70 }, { "2024", 52 }, { "2025", 58 } },
      CLOSED, "achieved", 52 },
    { "T_EVERY", { { "2021", 60 }, { "2022", 55 }, { "2023", 45 }, { "2024", 52 }, { "2025", 58 } },
      CLOSED, "missed", 45 },
    { "T_EVERY", { { "2021", 60 }, { "2022", 55 }, { "2023", 70 }, { "2024", 52 } },
      CLOSED, "provisional", 52 },
    { "T_EVERY", { { "2021", 60 }, { "2023", 70 }, { "2024", 52 }, { "2025", 58 } },
      CLOSED, "missed", 52 },
    { "T_EVERY", { { "2021", 60 }, { "2022", 55 }, { "2023", 70 } }, OPEN, "on_track", 55, 55 },
    { "T_EVERY", { { "2021", 60 }, { "2022", 57 }, { "2023", 54 } }, OPEN, "at_risk", 54, 48 },
    { "T_EVERY", { { "2021", 60 }, { "2022", 56 }, { "2023", 52 } }, OPEN, "at_risk", 52, 44 },
    { "T_EVERY", { { "2021", 60 }, { "2022", 56 }, { "2023", 49 } }, OPEN, "missed", 49 },
  }

  for _, c in ipairs(cases) do
    local ind, values, today, status, actual, projected = table.unpack(c)
    local shown = {}
    for i, v in ipairs(values) do shown[i] = v[1] .. ": " .. v[2] end
    it(string.format("%s with %s on %s is %s", ind, table.concat(shown, ", "), today, status), function()
      local rows = {}
      for i, v in ipairs(values) do rows[i] = { ind, "UBND_YB", v[1], v[2] } end
      put(db, rows)
      local t = target(db, today, ind .. "@2021/2025", plugins)
      assert.are.equal(status, t.status)
      near(actual, t.actual, 1e-9)
      if projected then near(projected, t.projected, 1e-9) end
      if today == CLOSED then assert.is_nil(t.projected) end
    end)
  end

  describe("distinct (units that reported a value above 0)", function()
    local function report(list)
      local rows = {}
      for i, v in ipairs(list) do rows[i] = { "T_DISTINCT", v[1], v[2], v[3] } end
      put(db, rows)
    end

    it("counts each unit once and leaves out zeros: 2 units is missed after 2025", function()
      report({ { "SKHCN", "2021", 1 }, { "SCT", "2022", 2 }, { "STTTT", "2023", 0 }, { "SKHCN", "2023", 1 } })
      local t = target(db, CLOSED, "T_DISTINCT@2021/2025", plugins)
      assert.are.equal("provisional", t.status) -- nothing reported for 2025
      assert.are.equal("missed", t.tentative)
      assert.are.equal(2, t.actual)
      assert.are.same({ "2021", "2022", "2023" }, t.years)
    end)

    it("is achieved inside the window once 3 units reported", function()
      report({ { "SKHCN", "2021", 1 }, { "SCT", "2022", 2 }, { "SGTVT", "2023", 1 } })
      local t = target(db, OPEN, "T_DISTINCT@2021/2025", plugins)
      assert.are.equal("achieved", t.status)
      assert.are.equal(3, t.actual)
    end)

    -- The report's running count (report_facts.trends) and the target's
    -- actual, beside a DISTINCT over the window up to each year.
    local RUNNING = [[
      local today = pw.args[1]
      local until_m = tonumber(today:sub(1, 4)) * 12 + tonumber(today:sub(6, 7))
      local targets = pw.targets{ today = today }
      local got, actual = {}, nil
      for _, e in ipairs(require("report_facts").trends(targets, today, {})) do
        if e.indicator == "T_DISTINCT" then got = e.points end
      end
      for _, t in ipairs(targets) do
        if t.indicator == "T_DISTINCT" then actual = t.actual end
      end
      local want = {}
      for y = 2021, 2025 do
        if y * 12 + 1 <= until_m then
          local n = pw.sql([=[SELECT count(DISTINCT unit) AS n FROM indicator_values
            WHERE indicator = 'T_DISTINCT' AND ptype = 0 AND value > 0 AND year >= 2021
              AND year <= ? AND year * 12 + 1 <= ?]=], y, until_m)[1].n
          if n > 0 or #want > 0 then want[#want + 1] = { x = y, period = tostring(y), value = n } end
        end
      end
      return { got = got, want = want, actual = actual }
    ]]

    it("counts units by the first year they reported above 0, as a DISTINCT over each window does", function()
      report({ { "SKHCN", "2021", 0 }, { "SKHCN", "2022", 4 }, { "SCT", "2021", -1 },
        { "SCT", "2023", 2 }, { "SGTVT", "2024", 1 }, { "STTTT", "2022", 0 },
        { "SYT", "2022-H1", 5 }, { "SXD", "2020", 9 }, { "SCT", "2026", 1 } })
      local expected = {
        ["2022-06-30"] = { 1 },
        ["2023-12-31"] = { 1, 2 },
        [CLOSED] = { 1, 2, 3, 3 },
      }
      for today, counts in pairs(expected) do
        local r = S.eval(db, RUNNING, today, "--plugins", plugins)
        assert.are.same(r.want, r.got, today)
        assert.are.equal(#counts, #r.got, today)
        for i, n in ipairs(counts) do
          assert.are.equal(2021 + i, r.got[i].x, today)
          assert.are.equal(n, r.got[i].value, today)
        end
        assert.are.equal(counts[#counts], r.actual, today)
      end
      local t = target(db, CLOSED, "T_DISTINCT@2021/2025", plugins)
      assert.are.same({ "2022", "2023", "2024" }, t.years)
    end)

    it("projects the pace of new units: 2 in 2021-2022 is on track for 5 by 2025", function()
      report({ { "SKHCN", "2021", 1 }, { "SCT", "2022", 2 } })
      local t = target(db, "2023-03-01", "T_DISTINCT@2021/2025", plugins)
      assert.are.equal("on_track", t.status)
      near(5, t.projected)
    end)
  end)

  it("keeps 'no data' for a target whose indicator has no value in its window", function()
    put(db, { { "T_LE", "UBND_YB", "2020", 3 } })
    assert.are.equal("no_data", target(db, CLOSED, "T_LE@2021/2025", plugins).status)
  end)
end)
