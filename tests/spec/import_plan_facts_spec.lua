-- planwatch import-plan on a second province's plan (Quảng Trị 62/KH-UBND,
-- tests/fixtures/plans/): every fact of the text, written down in
-- plan_facts.lua from the text itself, is compared with the draft as
-- loaded. A fact may be missed or read wrong only where the draft marks
-- its line for review. The draft passes check and load, and its duties
-- remind. The same plan issued with a decision ("ban hành kèm theo Quyết
-- định") keeps its signer.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"
local F = require "plan_facts"

local FIXTURES = H.root .. "/tests/fixtures/plans/"
local TEXT = FIXTURES .. "ke-hoach-62-KH-UBND-quang-tri-2021.txt"
local DECISION = FIXTURES .. "quyet-dinh-655-QD-UBND-quang-tri-2021.txt"

local function import(text_path, name)
  local out = H.tmpdir() .. "/" .. name
  local r = H.run({ "--db", H.tmpdir() .. "/none.db", "import-plan", text_path, "--out", out,
                    "--id", name })
  return r, out
end

-- Whether stderr marks any of the lines of path for review.
local function flagger(err, path)
  return function(lines)
    for _, n in ipairs(lines) do
      if err:find(path .. ":" .. n .. ": REVIEW: ", 1, true) then return true end
    end
    return false
  end
end

describe("planwatch import-plan, on the Quảng Trị plan 62/KH-UBND", function()
  local run, out, db

  setup(function()
    run, out = import(TEXT, "quangtri-62")
    db = H.new_db()
    local r = S.load(db, out)
    assert(r.code == 0, r.err)
  end)

  teardown(H.cleanup)

  it("writes a draft that planwatch check passes", function()
    assert.are.equal(0, run.code, run.err)
    local r = S.check(H.new_db(), out)
    assert.are.equal(0, r.code, r.err)
    assert.matches("0 tệp có lỗi", r.out, 1, true)
  end)

  it("reads every fact of the text, or marks its line for review", function()
    local counts = F.compare({ sql = function(q, ...) return S.sql(db, q, ...) end },
                             flagger(run.err, TEXT), run.out .. run.err)
    print("\n" .. F.format(counts))
    local total, right, unflagged = 0, 0, {}
    for _, c in pairs(counts) do
      total = total + c.right + c.wrong + c.missing
      right = right + c.right
      for _, u in ipairs(c.unflagged) do unflagged[#unflagged + 1] = u end
    end
    assert.are.same({}, unflagged)
    assert.is_true(total >= 90, "facts compared: " .. total)
    assert.is_true(right >= total - 3, string.format("%d of %d right", right, total))
  end)

  it("drafts the reporting duties of section IV, one of them to two recipients", function()
    local rows = S.sql(db, [[SELECT code, unit, to_unit, to_units, every, cutoff, due_day
      FROM duties WHERE code = 'BC_NAM_SKHCN']])
    assert.are.same({ { code = "BC_NAM_SKHCN", unit = "SKHCN", to_unit = "UBND_QT",
      to_units = '["UBND_QT","BKHCN"]', every = "year", cutoff = "calendar", due_day = "11-30" } },
      rows)
    assert.matches("3 chế độ báo cáo", run.out, 1, true)
    local plan = H.read(out .. "/plan.lua")
    assert.matches('to = { "UBND_QT", "BKHCN" },', plan, 1, true)
  end)

  it("lists a date it does not use, with its line, and marks it in the draft", function()
    assert.matches('không dùng: dòng 82: 15/7: "- Hằng năm, trước ngày 15/7', run.out, 1, true)
    assert.matches(TEXT .. ":82: REVIEW: a date or number the draft does not use (15/7)", run.err, 1, true)
    assert.matches("-- REVIEW: a date or number the draft does not use (15/7)",
                   H.read(out .. "/plan.lua"), 1, true)
  end)

  it("reads average growth as rule cagr and \"khoảng\" as an approximate target", function()
    local growth = S.sql(db, "SELECT rule, of FROM indicators WHERE code = 'NSLD_TANG_BQ'")[1]
    assert.are.same({ rule = "cagr", of = "NSLD" }, growth)
    local approx = S.sql(db, "SELECT op, value, tolerance FROM targets WHERE op = '~'")
    assert.are.same({ { op = "~", value = 45, tolerance = 2.25 } }, approx)
    assert.matches('tolerance 5 % of the value', H.read(out .. "/plan.lua"), 1, true)
  end)

  it("keeps a task's quarter, half or month, and its items, in status", function()
    local t = S.sql(db, "SELECT when_text, from_period, to_period FROM tasks WHERE no = 5")[1]
    assert.are.same({ when_text = "2021/2023", from_period = "2021-Q3", to_period = "2023-Q2" }, t)
    local r = H.run({ "--db", db, "--today", "2021-05-10", "--format", "json", "status" })
    assert.are.equal(0, r.code, r.err)
    assert.matches('"when": "Q2/2021"', r.out, 1, true)
    assert.matches('"when": "Q3/2021–Q2/2023"', r.out, 1, true)
    assert.matches('"items": "Rà soát chính sách hỗ trợ doanh nghiệp đổi mới công nghệ của tỉnh. · ' ..
                   'Trình Hội đồng nhân dân tỉnh chính sách hỗ trợ mới."', r.out, 1, true)
  end)

  it("reminds the departments and districts of the six-month report a week before 15/6", function()
    local r = H.run({ "--db", db, "--today", "2022-06-08", "remind", "--dry-run" })
    assert.are.equal(0, r.code, r.err)
    assert.matches("To: sct@example.org", r.out, 1, true)
    assert.matches("To: ubnd_huyen@example.org", r.out, 1, true)
    assert.matches("Báo cáo 6 tháng đầu năm 2022 kết quả thực hiện Kế hoạch 62/KH-UBND", r.out, 1, true)
    assert.matches("hạn 15/06/2022", r.out, 1, true)
    assert.is_nil(r.out:find("example.vn", 1, true))
  end)

  it("gives universities, institutes, the press, ministries and groups their kinds", function()
    local kinds = {}
    for _, u in ipairs(S.sql(db, "SELECT name, kind FROM units")) do kinds[u.name] = u.kind end
    assert.are.equal("university", kinds["Đại học Huế"])
    assert.are.equal("institute", kinds["Viện Nghiên cứu Khoa học miền Trung"])
    assert.are.equal("press", kinds["Báo Quảng Trị"])
    assert.are.equal("ministry", kinds["Bộ Khoa học và Công nghệ"])
    assert.are.equal("national", kinds["Thủ tướng Chính phủ"])
    assert.are.equal("group", kinds["Ủy ban nhân dân các huyện, thị xã và thành phố Đông Hà"])
  end)
end)

describe("planwatch import-plan, on the same plan issued with a decision", function()
  teardown(H.cleanup)

  it("takes the signer from the decision, and says so", function()
    local r, out = import(DECISION, "quangtri-qd")
    assert.are.equal(0, r.code, r.err)
    local db = H.new_db()
    assert.are.equal(0, S.load(db, out).code)
    local plan = S.sql(db, "SELECT number, issued, signer, span_from, span_to FROM plans")[1]
    assert.are.same({ number = "655/QĐ-UBND", issued = "2021-04-19", signer = "Hoàng Nam Phong",
                      span_from = 2021, span_to = 2025 }, plan)
    assert.matches("the signer of the decision that issues the plan", H.read(out .. "/plan.lua"), 1, true)
    assert.are.equal(7, S.value(db, "SELECT count(*) FROM tasks"))
    assert.are.equal(3, S.value(db, "SELECT count(DISTINCT code) FROM duties"))
  end)

  it("reads a deadline written in words (\"trước ngày 30 tháng 11\") as 30/11", function()
    local text = H.read(TEXT):gsub("hằng năm trước ngày 30/11%.", "hằng năm trước ngày 30 tháng 11.", 1)
    assert.are_not.equal(H.read(TEXT), text)
    local path = H.tmpdir() .. "/words.txt"
    H.write(path, text)
    local r, out = import(path, "quangtri-words")
    assert.are.equal(0, r.code, r.err)
    local db = H.new_db()
    assert.are.equal(0, S.load(db, out).code)
    assert.are.equal("11-30", S.value(db, "SELECT due_day FROM duties WHERE code = 'BC_NAM_SKHCN'"))
    assert.is_nil(r.out:find("dòng 78", 1, true))
  end)

  it("gives a plan whose title names one year that year as its span", function()
    local text = H.read(TEXT):gsub("GIAI ĐOẠN 2021%-2025 TRÊN ĐỊA BÀN TỈNH QUẢNG TRỊ\n",
                                   "TỈNH QUẢNG TRỊ NĂM 2021\n", 1)
    local path = H.tmpdir() .. "/nam-2021.txt"
    H.write(path, text)
    local r, out = import(path, "quangtri-2021")
    assert.matches('span = "2021/2021"', H.read(out .. "/plan.lua"), 1, true, r.err)
  end)
end)
