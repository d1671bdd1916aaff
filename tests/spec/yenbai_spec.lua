-- The Yên Bái package (Plan 114/KH-UBND): it checks cleanly, and once loaded
-- the database holds the plan as the text gives it.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"

local DISTRICTS = {
  "UBND_LUCYEN", "UBND_MUCANGCHAI", "UBND_TP_YENBAI", "UBND_TRAMTAU", "UBND_TRANYEN",
  "UBND_TX_NGHIALO", "UBND_VANCHAN", "UBND_VANYEN", "UBND_YENBINH",
}

local function sorted(list)
  local copy = {}
  for i, v in ipairs(list) do copy[i] = v end
  table.sort(copy)
  return copy
end

-- Column col of every row, in order.
local function column(rows, col)
  local out = {}
  for i, r in ipairs(rows) do out[i] = r[col] end
  return out
end

describe("the Yên Bái package", function()
  after_each(H.cleanup)

  it("passes check with exit 0", function()
    local db = H.new_db()
    local r = S.check(db, S.PACKAGE)
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("", r.err)
    assert.matches("đã kiểm tra 7 tệp, 0 tệp có lỗi", r.out, 1, true)
  end)

  it("still passes check once it is loaded", function()
    local db = H.yenbai_db()
    local r = S.check(db, S.PACKAGE)
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("", r.err)
  end)
end)

describe("the Yên Bái plan, loaded", function()
  local db

  setup(function() db = H.yenbai_db() end)
  teardown(H.cleanup)

  it("is plan 114/KH-UBND of UBND_YB, issued 2021-05-11 under 36/QĐ-TTg, for 2021-2030", function()
    local rows = S.sql(db, [[SELECT id, number, issued, issuer, basis, span_from, span_to,
      timezone FROM plans WHERE retired_at IS NULL]])
    assert.are.same({ {
      id = "yenbai-114", number = "114/KH-UBND", issued = "2021-05-11", issuer = "UBND_YB",
      basis = "36/QĐ-TTg", span_from = 2021, span_to = 2030, timezone = "Asia/Ho_Chi_Minh",
    } }, rows)
  end)

  it("has exactly the 11 appendix tasks with their lead units", function()
    local rows = S.sql(db, "SELECT no, lead FROM tasks WHERE retired_at IS NULL ORDER BY no")
    local leads = {}
    for _, r in ipairs(rows) do leads[r.no] = r.lead end
    assert.are.same({
      "SKHCN", "SKHCN", "SKHCN", "SKHCN", "SKHCN", "SKHCN",
      "SCT", "STTTT", "SKHDT", "SGTVT", "SLDTBXH",
    }, leads)
    assert.are.same({ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, column(rows, "no"))
  end)

  it("records each task's lead in task_units too", function()
    local rows = S.sql(db, "SELECT task_no, unit FROM task_units WHERE role = 'lead' ORDER BY task_no")
    assert.are.same({
      "SKHCN", "SKHCN", "SKHCN", "SKHCN", "SKHCN", "SKHCN",
      "SCT", "STTTT", "SKHDT", "SGTVT", "SLDTBXH",
    }, column(rows, "unit"))
  end)

  it("gives each task the time the appendix gives it", function()
    local rows = S.sql(db, [[SELECT no, when_text, from_year, to_year, annual
      FROM tasks ORDER BY no]])
    local when = {}
    for _, r in ipairs(rows) do when[r.no] = r.when_text end
    assert.are.same({
      "2021", "2021/2030", "annual", "from 2021", "annual", "annual",
      "2021/2030", "2021/2030", "2021/2030", "2021/2030", "2021/2030",
    }, when)
    assert.are.same({ no = 1, when_text = "2021", from_year = 2021, to_year = 2021, annual = 0 }, rows[1])
    assert.are.same({ no = 3, when_text = "annual", from_year = 2021, to_year = 2030, annual = 1 }, rows[3])
    assert.are.same({ no = 4, when_text = "from 2021", from_year = 2021, to_year = 2030, annual = 0 }, rows[4])
  end)

  it("has every task coordinated by all units concerned", function()
    assert.are.equal(11, S.value(db, "SELECT count(*) FROM tasks WHERE support_all = 1"))
  end)

  it("loads every unit that plan.lua declares", function()
    local text = H.read(S.PACKAGE .. "/plan.lua")
    local declared = {}
    for code in text:gmatch('\nunit%s*{%s*\n%s*code%s*=%s*"([%w_]+)"') do
      declared[#declared + 1] = code
    end
    assert.are.equal(52, #declared) -- 34 of the text, 18 since 2025 (the successions)
    local loaded = column(S.sql(db,
      "SELECT code FROM units WHERE retired_at IS NULL AND source = 'yenbai-114/plan.lua' ORDER BY code"), "code")
    assert.are.same(sorted(declared), loaded)
  end)

  it("has the nine district committees, under UBND_YB", function()
    local rows = S.sql(db, "SELECT code, parent FROM units WHERE kind = 'district' ORDER BY code")
    assert.are.same(DISTRICTS, column(rows, "code"))
    for _, r in ipairs(rows) do assert.are.equal("UBND_YB", r.parent) end
  end)

  it("has the industrial zones board and the two associations", function()
    local rows = S.sql(db, "SELECT code, kind FROM units WHERE code IN ('BQLKCN', 'LMHTX', 'HHDN') ORDER BY code")
    assert.are.same({
      { code = "BQLKCN", kind = "board" },
      { code = "HHDN", kind = "association" },
      { code = "LMHTX", kind = "association" },
    }, rows)
  end)

  it("resolves the names the text uses for departments", function()
    local function unit_of(alias)
      return S.value(db, "SELECT unit FROM unit_aliases WHERE alias = ?", alias)
    end
    assert.are.equal("SKHCN", unit_of("Sở KH&CN"))
    assert.are.equal("STTTT", unit_of("Sở Thông tin & Truyền thông"))
    assert.are.equal("SLDTBXH", unit_of("Sở Lao động- Thương binh và Xã hội"))
    assert.are.equal("LMHTX", unit_of("Liên minh Hợp tác tỉnh"))
    -- aliases match exactly
    assert.is_nil(unit_of("sở kh&cn"))
  end)

  it("has the labour productivity growth targets of I.2", function()
    local rows = S.sql(db, [[SELECT window_from, window_to, op, value FROM targets
      WHERE indicator = 'NSLD_TANG_BQ' AND retired_at IS NULL ORDER BY window_from]])
    assert.are.same({
      { window_from = 2021, window_to = 2025, op = ">=", value = 6.2 },
      { window_from = 2026, window_to = 2030, op = ">", value = 7.2 },
    }, rows)
  end)

  it("has the pilot project targets: at least 15 enterprises by 2025, 35 by 2030", function()
    local rows = S.sql(db, [[SELECT window_from, window_to, op, value FROM targets
      WHERE indicator = 'DN_DU_AN_DIEM' AND retired_at IS NULL ORDER BY window_to]])
    assert.are.same({
      { window_from = 2021, window_to = 2025, op = ">=", value = 15 },
      { window_from = 2021, window_to = 2030, op = ">=", value = 35 },
    }, rows)
  end)

  it("has the appendix counts as targets by 2030", function()
    local rows = S.sql(db, [[SELECT indicator, window_from, window_to, op, value, value_high
      FROM targets WHERE indicator IN ('DN_CONG_NGHE_SO', 'DN_UNG_DUNG_CNS',
      'DN_XAY_LAP_THI_DIEM', 'NHOM_DNNVV_HO_TRO') AND retired_at IS NULL ORDER BY indicator]])
    assert.are.same({
      { indicator = "DN_CONG_NGHE_SO", window_from = 2021, window_to = 2030, op = "between", value = 1, value_high = 3 },
      { indicator = "DN_UNG_DUNG_CNS", window_from = 2021, window_to = 2030, op = "between", value = 5, value_high = 10 },
      { indicator = "DN_XAY_LAP_THI_DIEM", window_from = 2021, window_to = 2030, op = ">=", value = 1 },
      { indicator = "NHOM_DNNVV_HO_TRO", window_from = 2021, window_to = 2030, op = ">=", value = 3 },
    }, rows)
  end)

  it("has no other targets", function()
    assert.are.equal(8, S.value(db, "SELECT count(*) FROM targets WHERE retired_at IS NULL"))
  end)

  it("has the four task groups of section II", function()
    local rows = S.sql(db, "SELECT no FROM task_groups WHERE retired_at IS NULL ORDER BY no")
    assert.are.same({ 1, 2, 3, 4 }, column(rows, "no"))
  end)

  it("has its general and specific goals, and the requirement", function()
    local rows = S.sql(db, "SELECT code, kind, by_year FROM goals WHERE retired_at IS NULL ORDER BY code")
    assert.are.same({
      { code = "G_2025_1", kind = "specific", by_year = 2025 },
      { code = "G_2025_2", kind = "specific", by_year = 2025 },
      { code = "G_2030_1", kind = "specific", by_year = 2030 },
      { code = "G_2030_2", kind = "specific", by_year = 2030 },
      { code = "G_2030_3", kind = "specific", by_year = 2030 },
      { code = "G_CHUNG_1", kind = "general" },
      { code = "G_CHUNG_2", kind = "general" },
      { code = "YEU_CAU", kind = "requirement" },
    }, rows)
  end)

  it("has SKHCN's report to UBND_YB and its budget estimate to STC", function()
    local rows = S.sql(db, [[SELECT code, unit, to_unit, every FROM duties
      WHERE code IN ('BC_KH114', 'DT_NS_KHCN') AND retired_at IS NULL ORDER BY code]])
    assert.are.same({
      { code = "BC_KH114", unit = "SKHCN", to_unit = "UBND_YB", every = "year" },
      { code = "DT_NS_KHCN", unit = "SKHCN", to_unit = "STC", every = "year" },
    }, rows)
  end)

  it("has the departments, board, associations and districts report to SKHCN", function()
    local rows = S.sql(db, [[SELECT unit, to_unit FROM duties
      WHERE code = 'BC_DONVI_KH114' AND retired_at IS NULL ORDER BY unit]])
    local from = {
      "SCT", "SNNPTNT", "SXD", "SGTVT", "SVHTTDL", "STTTT", "SYT", "SGDDT", "SLDTBXH",
      "SKHDT", "STC", "BQLKCN", "LMHTX", "HHDN",
    }
    for _, d in ipairs(DISTRICTS) do from[#from + 1] = d end
    assert.are.same(sorted(from), column(rows, "unit"))
    for _, r in ipairs(rows) do assert.are.equal("SKHCN", r.to_unit) end
  end)

  it("has no other duties", function()
    local codes = S.sql(db, "SELECT DISTINCT code FROM duties WHERE retired_at IS NULL ORDER BY code")
    assert.are.same({ "BC_DONVI_KH114", "BC_KH114", "DT_NS_KHCN" }, column(codes, "code"))
  end)

  describe("with the defects of the source text corrected", function()
    -- Every title and bullet point of the tasks and groups, as text.
    local texts
    setup(function()
      texts = S.eval(db, [[
        local out = {}
        for _, t in ipairs({ "tasks", "task_groups" }) do
          for _, r in ipairs(pw.sql("SELECT no, title, items FROM " .. t)) do
            out[#out + 1] = { where = t .. " " .. r.no .. " title", text = r.title }
            for i, item in ipairs(r.items and pw.json.decode(r.items) or {}) do
              out[#out + 1] = { where = t .. " " .. r.no .. " item " .. i, text = item }
            end
          end
        end
        return out]])
    end)

    it("reads the task and group texts (sanity)", function()
      assert.is_true(#texts > 11 + 4)
    end)

    it("has no word starting with the truncated \"ng dụng\"", function()
      for _, t in ipairs(texts) do
        assert.is_nil(t.text:find(" ng dụng", 1, true), t.where .. ": " .. t.text)
        assert.is_nil(t.text:find("^ng dụng"), t.where .. ": " .. t.text)
      end
      local items = S.value(db, "SELECT items FROM tasks WHERE no = 7")
      assert.matches('["Ứng dụng công nghệ số', items, 1, true)
    end)

    it("has no period \"2021-2015\"", function()
      for _, t in ipairs(texts) do
        assert.is_nil(t.text:find("2021-2015", 1, true), t.where .. ": " .. t.text)
      end
      assert.matches("giai đoạn 2021-2025", S.value(db, "SELECT items FROM tasks WHERE no = 9"), 1, true)
    end)

    it("has \"cơ sở giáo dục nghề nghiệp\" in goal G_2030_3", function()
      local text = S.value(db, "SELECT text FROM goals WHERE code = 'G_2030_3'")
      assert.matches("tại các cơ sở giáo dục nghề nghiệp", text, 1, true)
    end)
  end)

  it("uses placeholder addresses under example.org for every unit", function()
    local rows = S.sql(db, "SELECT code, email FROM units ORDER BY code")
    assert.are.equal(52, #rows)
    for _, r in ipairs(rows) do
      assert.is_string(r.email, r.code .. " has no e-mail")
      assert.matches("^[^@]+@[%w.-]*example%.org$", r.email)
    end
  end)
end)
