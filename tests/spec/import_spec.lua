-- planwatch import: indicator values from CSV, all or nothing.
local H = require "helper"

local FIXTURE = H.root .. "/tests/fixtures/values.csv"
local HEADER = "indicator,unit,period,value\n"

local function import(db, file, ...)
  return H.run({ "--db", db, "--plugins", H.PLUGINS, "import", file, ... })
end

-- The first column of the first row of sql, as printed by -e ("nil": none).
local function scalar(db, sql, ...)
  local r = H.run({ "--db", db, "-e", "(pw.sql(pw.args[1], select(2, table.unpack(pw.args)))[1] or {}).v", sql, ... })
  assert(r.code == 0, r.err)
  return (r.out:gsub("\n$", ""))
end

local function stored(db)
  return tonumber(scalar(db, "SELECT count(*) AS v FROM indicator_values"))
end

local function audits(db)
  return tonumber(scalar(db, "SELECT count(*) AS v FROM audit"))
end

-- A CSV file in a scratch folder, named bad.csv unless told.
local function csv(text, name)
  local path = H.tmpdir() .. "/" .. (name or "bad.csv")
  H.write(path, text)
  return path
end

describe("planwatch import", function()
  after_each(H.cleanup)

  it("imports a good file and says what it did", function()
    local db = H.yenbai_db()
    local r = import(db, FIXTURE)
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("values.csv: 5 dòng: 5 thêm mới, 0 thay đổi, 0 giữ nguyên", 1, true))
    assert.are.equal(5, stored(db))
    assert.are.equal("20345.5", scalar(db, [[SELECT value AS v FROM indicator_values
      WHERE indicator = 'GRDP' AND unit = 'UBND_YB' AND period = '2021']]))
    assert.are.equal("minh họa (kiểm thử)", scalar(db, [[SELECT source AS v FROM indicator_values
      WHERE indicator = 'LAO_DONG']]))
    assert.are.equal("1", scalar(db, [[SELECT count(*) AS v FROM audit
      WHERE action = 'import' AND entity = 'indicator_values']]))
  end)

  it("stores a unit named by its alias under the unit's code", function()
    local db = H.yenbai_db()
    assert.are.equal(0, import(db, FIXTURE).code)
    assert.are.equal("dự án điểm, đợt 2", scalar(db, [[SELECT note AS v FROM indicator_values
      WHERE indicator = 'DN_DU_AN_DIEM' AND unit = 'SKHCN' AND year = 2022]]))
  end)

  it("updates on re-import and keeps the old value in the audit log", function()
    local db = H.yenbai_db()
    assert.are.equal(0, import(db, FIXTURE).code)
    local text = H.read(FIXTURE):gsub("20345%.5", "20400")
    local r = import(db, csv(text, "values.csv"))
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("5 dòng: 0 thêm mới, 1 thay đổi, 4 giữ nguyên", 1, true))
    assert.are.equal("20400.0", scalar(db, [[SELECT value AS v FROM indicator_values
      WHERE indicator = 'GRDP' AND year = 2021]]))
    assert.are.equal('{"value":20345.5} {"value":20400}', scalar(db, [[SELECT old || ' ' || new AS v
      FROM audit WHERE action = 'change' AND entity = 'indicator_values'
      AND key = 'GRDP/UBND_YB/2021']]))
    assert.are.equal("1", scalar(db, "SELECT count(*) AS v FROM audit WHERE action = 'change' AND entity = 'indicator_values'"))
  end)

  it("writes nothing with --dry-run, but counts what it would", function()
    local db = H.yenbai_db()
    local before = audits(db)
    local r = import(db, FIXTURE, "--dry-run")
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("5 dòng: 5 thêm mới, 0 thay đổi, 0 giữ nguyên (chạy thử: không ghi gì)", 1, true))
    assert.are.equal(0, stored(db))
    assert.are.equal(before, audits(db))
  end)

  it("reads a spreadsheet's file: byte order mark, CRLF, quoted commas and newlines", function()
    local db = H.yenbai_db()
    local f = csv("\239\187\191indicator,unit,period,value,note\r\n" ..
                  "DN_UNG_DUNG_CNS,STTTT,2023,2,\"hỗ trợ, đợt 1\r\ndòng \"\"hai\"\"\"\r\n" ..
                  "GRDP,UBND_YB,2023,21000.75,\r\n", "excel.csv")
    local r = import(db, f)
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("2 dòng: 2 thêm mới", 1, true))
    assert.are.equal('hỗ trợ, đợt 1\r\ndòng "hai"', scalar(db, [[SELECT note AS v
      FROM indicator_values WHERE indicator = 'DN_UNG_DUNG_CNS']]))
    assert.are.equal("nil", scalar(db, "SELECT note AS v FROM indicator_values WHERE indicator = 'GRDP'"))
  end)

  it("prints usage for --help", function()
    local r = H.run({ "import", "--help" })
    assert.are.equal(0, r.code)
    assert.truthy(r.out:find("cách dùng: planwatch import TỆP.csv [--dry-run]", 1, true))
  end)

  it("needs a file", function()
    local r = H.run({ "--db", H.new_db(), "import" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("import cần một tệp CSV", 1, true))
  end)
end)

describe("planwatch import refuses bad input, writing nothing", function()
  local db, before, before_audits
  setup(function()
    db = H.yenbai_db()
    assert.are.equal(0, import(db, FIXTURE).code)
    before, before_audits = stored(db), audits(db)
  end)
  teardown(H.cleanup)

  -- Import text; it must fail with exit 2 and each message in want on
  -- stderr, and leave the values and the audit log as they were.
  local function refused(text, ...)
    local r = import(db, csv(text))
    assert.are.equal(2, r.code, r.out)
    for _, want in ipairs({ ... }) do
      assert.truthy(r.err:find(want, 1, true), "missing '" .. want .. "' in:\n" .. r.err)
    end
    assert.truthy(r.err:find("không ghi gì", 1, true))
    assert.are.equal(before, stored(db))
    assert.are.equal(before_audits, audits(db))
    return r
  end

  it("an unknown indicator", function()
    refused(HEADER .. "GRDP,UBND_YB,2024,1\nNO_SUCH,SKHCN,2024,1\n",
            "bad.csv:3: indicator: không có chỉ tiêu 'NO_SUCH'")
  end)

  it("a derived indicator, whose values come from its formula", function()
    refused(HEADER .. "NSLD,UBND_YB,2024,1\n", "bad.csv:2: indicator: NSLD là chỉ tiêu dẫn xuất")
  end)

  it("an unknown unit", function()
    refused(HEADER .. "GRDP,SO_KHONG_CO,2024,1\n",
            "bad.csv:2: unit: không có đơn vị 'SO_KHONG_CO'")
  end)

  it("a malformed period", function()
    refused(HEADER .. "GRDP,UBND_YB,2025-13,1\n", "bad.csv:2: period: kỳ không hợp lệ '2025-13'")
  end)

  it("a period the indicator is not reported by", function()
    refused(HEADER .. "GRDP,UBND_YB,2025-Q1,1\n",
            "bad.csv:2: period: GRDP được báo cáo theo year, không theo quarter ('2025-Q1')")
  end)

  it("a value that is not a number, or uses a decimal comma", function()
    refused(HEADER .. "GRDP,UBND_YB,2024,abc\nGRDP,UBND_YB,2023,\"1,5\"\nGRDP,UBND_YB,2022,\n",
            "bad.csv:2: value: 'abc' không phải là số",
            "bad.csv:3: value: '1,5' không phải là số",
            "bad.csv:4: value: trống")
  end)

  it("nan, inf and numbers too large for a double", function()
    refused(HEADER .. "GRDP,UBND_YB,2024,nan\nGRDP,UBND_YB,2023,inf\nGRDP,UBND_YB,2022,1e999\n",
            "bad.csv:2: value: 'nan' không phải là số",
            "bad.csv:3: value: 'inf' không phải là số",
            "bad.csv:4: value: '1e999' nằm ngoài phạm vi")
  end)

  it("invalid UTF-8", function()
    refused(HEADER .. "GRDP,UBND_YB,2024,1\nDN_DU_AN_DIEM,S\192\175KHCN,2024,1\n",
            "bad.csv:3: unit: UTF-8 không hợp lệ")
  end)

  it("the same indicator, unit and period twice, naming both lines", function()
    refused(HEADER .. "DN_DU_AN_DIEM,SKHCN,2024,1\nGRDP,UBND_YB,2024,1\nDN_DU_AN_DIEM,Sở KH&CN,2024,2\n",
            "bad.csv:4: trùng lặp: DN_DU_AN_DIEM/SKHCN/2024 đã có ở dòng 2")
  end)

  it("a missing required column", function()
    refused("indicator,unit,value\nGRDP,UBND_YB,1\n", "bad.csv:1: thiếu cột 'period'")
  end)

  it("an unknown column", function()
    refused("indicator,unit,period,value,ghi_chu\nGRDP,UBND_YB,2024,1,x\n",
            "bad.csv:1: cột không xác định 'ghi_chu'")
  end)

  it("a value a plugin's validation rule refuses, with the plugin's message", function()
    refused(HEADER .. "DN_CONG_NGHE_SO,STTTT,2024,1.5\n",
            "bad.csv:2: value: số doanh nghiệp phải là số nguyên không âm (rule at yenbai-114/stttt.lua:")
  end)

  it("a line with the wrong number of fields, and malformed quoting", function()
    refused(HEADER .. "GRDP,UBND_YB,2024,1,extra\n", "bad.csv:2: 5 trường; dòng tiêu đề có 4 trường")
    refused(HEADER .. "GRDP,UBND_YB,2024,\"1\n", "bad.csv:2: trường trong nháy kép mở ở đây không bao giờ được đóng")
  end)

  it("every bad line at once, good lines included", function()
    refused(HEADER .. "GRDP,UBND_YB,2024,1\nX,UBND_YB,2024,1\nGRDP,Y,2024,1\nGRDP,UBND_YB,2024-01,1\n",
            "bad.csv:3: indicator:", "bad.csv:4: unit:", "bad.csv:5: period:", "3 lỗi")
  end)
end)

describe("pw.import_values", function()
  after_each(H.cleanup)

  it("imports only in write mode, but a dry run may read", function()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "-e", "pw.import_values(pw.args[1])", FIXTURE })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("tập lệnh này chỉ được đọc; chạy với --write", 1, true), r.err)
    r = H.run({ "--db", db, "-e", "pw.import_values(pw.args[1], { dry_run = true }).added", FIXTURE })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("5\n", r.out)
    assert.are.equal(0, stored(db))
  end)

  it("hands rows to check and counts its refusals as errors", function()
    local db = H.yenbai_db()
    local code = [[
      local seen = {}
      local r = pw.import_values(pw.args[1], {
        check_indicators = { "GRDP" },
        check = function(indicator, rows)
          seen[#seen + 1] = indicator .. ":" .. #rows .. ":" .. rows[1].unit .. ":" ..
                            rows[1].period .. ":" .. rows[1].value .. ":" .. rows[1].line
          return { { line = rows[1].line, message = "value: too high" } }
        end })
      return table.concat(seen, ","), r.errors[1], r.added]]
    local r = H.run({ "--db", db, "--write", "-e", code, FIXTURE })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("GRDP:1:UBND_YB:2021:20345.5:2\n" .. FIXTURE .. ":2: value: too high\n0\n", r.out)
    assert.are.equal(0, stored(db))
  end)

  it("raises what check raises, after rolling back", function()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "--write", "-e",
      "pw.import_values(pw.args[1], { check = function() error('rule broke', 0) end })", FIXTURE })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("rule broke", 1, true))
    assert.are.equal(0, stored(db))
  end)
end)
