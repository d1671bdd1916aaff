-- Numbers, dates and periods for people by the output language
-- (scripts/lib/formats.lua): Vietnamese "6,2 %", "1.234,5", "11/05/2021",
-- "Quý I/2025"; English "6.2 %", "1,234.5", "2021-05-11", "Q1 2025";
-- CSV and JSON keep machine formats.
local H = require "helper"
local dkjson = require "dkjson"

local TODAY = "2026-12-03"

-- A database with Plan 114 and the sample values.
local function demo_db()
  local db = H.yenbai_db()
  local r = H.run({ "--db", db, "import", H.PLUGINS .. "/yenbai-114/data/sample-values.csv" })
  assert(r.code == 0, r.err)
  return db
end

local function run(db, ...)
  local r = H.run({ "--db", db, "--today", TODAY, ... })
  assert(r.code == 0, r.err)
  return r.out
end

-- What formats.lua writes for each value, in lang.
local function formatted(lang, expr)
  local r = H.run({ "--lang", lang, "-e", "local f = require('formats'); return " .. expr })
  assert(r.code == 0, r.err)
  return (r.out:gsub("\n$", ""))
end

local function has(text, s)
  assert.truthy(text:find(s, 1, true), "no «" .. s .. "» in:\n" .. text)
end

local function lacks(text, s)
  assert.falsy(text:find(s, 1, true), "«" .. s .. "» in:\n" .. text)
end

describe("formats.lua", function()
  teardown(H.cleanup)

  it("writes numbers with the language's marks, up to two decimals", function()
    assert.are.equal("1.234,5", formatted("vi", "f.number(1234.5)"))
    assert.are.equal("1,234.5", formatted("en", "f.number(1234.5)"))
    assert.are.equal("-18.212.000", formatted("vi", "f.number(-18212000)"))
    assert.are.equal("6,15 %", formatted("vi", "f.percent(6.1523)"))
    assert.are.equal("6.2 %", formatted("en", "f.percent(6.2)"))
    assert.are.equal("0", formatted("vi", "f.number(-0.001)"))
    assert.are.equal("≥ 6,2 %", formatted("vi", "f.required{ op = '>=', required = 6.2, measure = '%' }"))
    assert.are.equal("1–3", formatted("en", "f.required{ op = 'between', required = 1, required_high = 3 }"))
  end)

  it("writes dates as dd/mm/yyyy in Vietnamese and ISO in English", function()
    assert.are.equal("11/05/2021", formatted("vi", "f.date('2021-05-11')"))
    assert.are.equal("2021-05-11", formatted("en", "f.date('2021-05-11')"))
    assert.are.equal("11/05/2021 08:30", formatted("vi", "f.datetime('2021-05-11T08:30:00Z')"))
    assert.are.equal("ngày 11 tháng 5 năm 2021", formatted("vi", "f.long_date('2021-05-11')"))
    assert.are.equal("11 May 2021", formatted("en", "f.long_date('2021-05-11')"))
    assert.are.equal("not a date", formatted("vi", "f.date('not a date')"))
  end)

  it("labels periods as each language writes them", function()
    local cases = {
      { "2025-Q1", "Quý I/2025", "Q1 2025" }, { "2025-Q4", "Quý IV/2025", "Q4 2025" },
      { "2025-H1", "6 tháng đầu năm 2025", "H1 2025" },
      { "2025-H2", "6 tháng cuối năm 2025", "H2 2025" },
      { "2025-9M", "9 tháng đầu năm 2025", "9M 2025" },
      { "2025-07", "Tháng 7/2025", "Jul 2025" }, { "2025", "2025", "2025" },
    }
    for _, c in ipairs(cases) do
      assert.are.equal(c[2], formatted("vi", "f.period('" .. c[1] .. "')"))
      assert.are.equal(c[3], formatted("en", "f.period('" .. c[1] .. "')"))
    end
  end)
end)

describe("what people read, by language", function()
  local db
  setup(function() db = demo_db() end)
  teardown(H.cleanup)

  it("status: 6,2 % and 11/05/2021 in Vietnamese, 6.2 % and 2021-05-11 in English", function()
    local vi = run(db, "status")
    has(vi, "≥ 6,2 %")
    has(vi, "6,15 %")
    has(vi, "11/05/2021")
    has(vi, "03/12/2026")
    has(vi, "Tình trạng")
    lacks(vi, "6.15 %")
    lacks(vi, "2021-05-11")
    local en = run(db, "--lang", "en", "status")
    has(en, "≥ 6.2 %")
    has(en, "6.15 %")
    has(en, "2021-05-11")
    lacks(en, "6,15 %")
    lacks(en, "11/05/2021")
  end)

  it("status: figures written as text stay right-aligned in their columns", function()
    local out = run(db, "status")
    local lines = {}
    for l in out:gmatch("[^\n]+") do lines[#lines + 1] = l end
    -- the targets table: its rule of dashes, then the row of NSLD_TANG_BQ
    local rule, row
    for i, l in ipairs(lines) do
      if not rule and l:match("^%-+  %-+") then rule = l end
      if rule and not row and l:match("^NSLD_TANG_BQ") then row = lines[i] end
    end
    assert.truthy(rule and row, out)
    -- the column of "Thực hiện" is the fifth run of dashes; its text ends
    -- where the run ends (display columns: ASCII figures, so bytes work
    -- once the multi-byte name before it is measured in characters)
    local ends, col = {}, 0
    for dashes, gap in rule:gmatch("(%-+)( *)") do
      col = col + #dashes
      ends[#ends + 1] = col
      col = col + #gap
    end
    local cells = utf8.len(row:match("^(.-6,15 %%)"))
    assert.are.equal(ends[5], cells, row)
  end)

  it("duties: deadlines and states in words for people, codes and ISO dates in CSV", function()
    local vi = run(db, "duties")
    has(vi, "16/12/2021")
    has(vi, "quá hạn")
    local csv = run(db, "--format", "csv", "duties")
    has(csv, "duty,unit,to,period,deadline,state,days_left,received_at")
    has(csv, "2021-12-16,overdue")
    lacks(csv, "16/12/2021")
  end)

  it("the report: 1.234,5-style numbers and dd/mm/yyyy dates in Vietnamese, the English forms in English", function()
    local vi = run(db, "report")
    has(vi, "≥ 6,2 %")
    has(vi, "Số liệu đến ngày 03/12/2026")
    has(vi, "Ngày ban hành: 11/05/2021")
    has(vi, "| 16/12/2021 | 1.813 |") -- a deadline and the days overdue
    local en = run(db, "--lang", "en", "report")
    has(en, "≥ 6.2 %")
    has(en, "Data as of 2026-12-03")
    has(en, "| 2021-12-16 | 1,813 |")
  end)

  it("CSV and JSON keep machine formats", function()
    local csv = run(db, "--format", "csv", "status")
    has(csv, ">= 6.2 %")
    has(csv, "6.15 %")
    has(csv, "indicator,name,window,required,actual,projected,status,missing")
    lacks(csv, "6,15 %")
    local json = assert(dkjson.decode(run(db, "--format", "json", "status")))
    assert.are.equal("2021-05-11", json.plan.issued)
    assert.are.equal(TODAY, json.today)
    local nsld
    for _, t in ipairs(json.targets) do
      if t.indicator == "NSLD_TANG_BQ" and t.window_to == 2025 then nsld = t end
    end
    assert.are.equal(6.2, nsld.required)
    assert.is_true(math.abs(nsld.actual - 6.15) < 0.01)
  end)

  it("mail: periods, deadlines and received dates as the message's language writes them", function()
    local code = [[
      local w = require("wording")
      local item = { title = "Báo cáo quý", title_en = "Quarterly report", period = "2025-Q1",
        to_unit = "SKHCN", deadline = "2025-04-16", state = "received", received_at = "2025-04-15T09:00:00Z" }
      local s1, t1 = w.digest("reminder", "Sở Công Thương", { item }, "vi")
      local s2, t2 = w.digest("reminder", "Sở Công Thương", { item }, "en")
      return s1 .. "\n" .. t1 .. "\n" .. s2 .. "\n" .. t2]]
    local r = H.run({ "--db", db, "-e", code })
    assert.are.equal(0, r.code, r.err)
    has(r.out, "Nhắc báo cáo: Báo cáo quý (kỳ Quý I/2025), hạn 16/04/2025")
    has(r.out, "đã nhận ngày 15/04/2025")
    has(r.out, "Report reminder: Quarterly report (period Q1 2025), due 2025-04-16")
    has(r.out, "received on 2025-04-15")
  end)
end)
