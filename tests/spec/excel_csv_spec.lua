-- planwatch import: a values CSV as spreadsheets (Excel, LibreOffice Calc)
-- save it in a Vietnamese locale. tests/fixtures/libreoffice-vi.csv was
-- saved from libreoffice-vi.fods by LibreOffice Calc 7.4:
--   LANG=vi_VN.UTF-8 soffice --headless --convert-to \
--     'csv:Text - txt - csv (StarCalc):59,34,76,1,,1066' libreoffice-vi.fods
local H = require "helper"

local function import(db, file, ...)
  return H.run({ "--db", db, "--plugins", H.PLUGINS, "import", file, ... })
end

local function scalar(db, sql)
  local r = H.run({ "--db", db, "-e", "(pw.sql(pw.args[1])[1] or {}).v", sql })
  assert(r.code == 0, r.err)
  return (r.out:gsub("\n$", ""))
end

local function csv(text, name)
  local path = H.tmpdir() .. "/" .. (name or "so-lieu.csv")
  H.write(path, text)
  return path
end

local function value(db, ind, unit, period)
  return tonumber(scalar(db, string.format([[SELECT value AS v FROM indicator_values
    WHERE indicator = '%s' AND unit = '%s' AND period = '%s']], ind, unit, period)))
end

-- UTF-8 text as UTF-16 little endian with its byte order mark.
local function utf16le(s)
  local out = { "\255\254" }
  for _, c in utf8.codes(s) do
    assert(c < 0x10000)
    out[#out + 1] = string.char(c % 256, c // 256)
  end
  return table.concat(out)
end

describe("planwatch import reads a spreadsheet's CSV", function()
  after_each(H.cleanup)

  it("imports the file LibreOffice Calc saves in a Vietnamese locale (';', decimal comma)", function()
    local fixture = H.root .. "/tests/fixtures/libreoffice-vi.csv"
    local text = H.read(fixture)
    assert.truthy(text:find(";", 1, true))
    assert.truthy(text:find(";20345,5;", 1, true))
    local db = H.yenbai_db()
    local r = import(db, fixture)
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("3 dòng: 3 thêm mới", 1, true), r.out)
    assert.are.equal(20345.5, value(db, "GRDP", "UBND_YB", "2024"))
    assert.are.equal(480000, value(db, "LAO_DONG", "UBND_YB", "2024"))
    assert.are.equal(4, value(db, "DN_DU_AN_DIEM", "SKHCN", "2024"))
  end)

  it("finds ';' from the header, takes decimal commas, Vietnamese headers in any case, "
    .. "trailing empty columns and empty rows", function()
    local db = H.yenbai_db()
    local r = import(db, csv("CHỈ TIÊU;đơn vị;Kỳ;Giá Trị;ghi chú;Nguồn;;\r\n"
      .. "GRDP;UBND_YB;2024;6,2;\"a; b\";Cục Thống kê;;\r\n"
      .. ";;;;;;;\r\n"
      .. "DN_DU_AN_DIEM;SKHCN;Năm 2024;3;;;;\r\n"))
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(6.2, value(db, "GRDP", "UBND_YB", "2024"))
    assert.are.equal("a; b", scalar(db, "SELECT note AS v FROM indicator_values WHERE indicator = 'GRDP'"))
    assert.are.equal(3, value(db, "DN_DU_AN_DIEM", "SKHCN", "2024"))
  end)

  it("takes English headers in capitals, tabs, and --delimiter/--decimal", function()
    local db = H.yenbai_db()
    assert.are.equal(0, import(db, csv("Indicator\tUNIT\tPeriod\tValue\nGRDP\tUBND_YB\t2023\t7.5\n")).code)
    assert.are.equal(7.5, value(db, "GRDP", "UBND_YB", "2023"))
    local r = import(db, csv("indicator|unit\nx\n"), "--delimiter", "|")
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("--delimiter phải là", 1, true), r.err)
    r = import(db, csv("indicator,unit,period,value\nGRDP,UBND_YB,2022,\"8,25\"\n"), "--decimal", ",")
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(8.25, value(db, "GRDP", "UBND_YB", "2022"))
  end)

  it("a decimal comma with ',' between fields is still refused unless --decimal says so", function()
    local db = H.yenbai_db()
    local r = import(db, csv("Indicator,unit,period,value\nGRDP,UBND_YB,2022,\"8,25\"\n"))
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("so-lieu.csv:2: value: '8,25' is not a number", 1, true), r.err)
  end)

  it("reads UTF-16 with a byte order mark (Excel's Unicode Text)", function()
    local db = H.yenbai_db()
    local r = import(db, csv(utf16le("Chỉ tiêu\tĐơn vị\tKỳ\tGiá trị\r\nDN_DU_AN_DIEM\tSở KH&CN\t2024\t5\r\n")))
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(5, value(db, "DN_DU_AN_DIEM", "SKHCN", "2024"))
  end)

  it("refuses Windows-1258 text with the fix, in Vietnamese and English", function()
    local db = H.yenbai_db()
    -- "Sở" in Windows-1258: S, o-horn (0xF5), combining hook above (0xD2).
    local path = csv("indicator;unit;period;value\nGRDP;S\245\210 KH&CN;2024;1\n")
    local r = import(db, path)
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("lưu dưới dạng CSV UTF-8", 1, true), r.err)
    assert.falsy(r.err:find("empty", 1, true))
    r = H.run({ "--db", db, "--lang", "en", "import", path })
    assert.truthy(r.err:find("save as CSV UTF-8", 1, true), r.err)
    assert.are.equal("0", scalar(db, "SELECT count(*) AS v FROM indicator_values"))
  end)

  it("maps periods as people write them to their codes", function()
    local db = H.yenbai_db()
    local forms = {
      { "Q1/2025", "2025-Q1" }, { "Quý I/2025", "2025-Q1" }, { "quý IV/2025", "2025-Q4" },
      { "2025Q3", "2025-Q3" }, { "6 tháng đầu năm 2025", "2025-H1" },
      { "9 tháng 2025", "2025-9M" }, { "T7/2025", "2025-07" }, { "07/2025", "2025-07" },
    }
    local lines = { "chỉ tiêu;đơn vị;kỳ;giá trị" }
    for _, f in ipairs(forms) do lines[#lines + 1] = "GRDP;UBND_YB;" .. f[1] .. ";1" end
    local r = import(db, csv(table.concat(lines, "\n") .. "\n"))
    assert.are.equal(2, r.code)
    -- GRDP is reported by year: each line's refusal shows the code its period became.
    for i, f in ipairs(forms) do
      assert.truthy(r.err:find(string.format("so-lieu.csv:%d: period: ", i + 1), 1, true), r.err)
      assert.truthy(r.err:find("('" .. f[2] .. "')", 1, true) or
        (f[2] == "2025-9M" and r.err:find("2025-9M", 1, true)), f[1] .. " in:\n" .. r.err)
    end
  end)

  it("maps periods as written in a strict comma-separated file too", function()
    local db = H.yenbai_db()
    local r = import(db, csv("indicator,unit,period,value\nGRDP,UBND_YB,Năm 2024,5\nGRDP,UBND_YB,Q1/2025,1\n"))
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("so-lieu.csv:3: period: GRDP is reported by year, not by quarter ('2025-Q1')", 1, true), r.err)
    r = import(db, csv("indicator,unit,period,value\nGRDP,UBND_YB,Năm 2024,5\n"))
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(5, value(db, "GRDP", "UBND_YB", "2024"))
  end)

  it("names the lines of the file as it is, past a quoted field over two lines", function()
    local db = H.yenbai_db()
    local r = import(db, csv("Chỉ tiêu;Đơn vị;Kỳ;Giá trị;Ghi chú\n"
      .. "GRDP;UBND_YB;2024;1;\"dòng một\ndòng hai\"\n\nGRDP;KHONG_CO;2023;1;\n"))
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("so-lieu.csv:5: unit: unknown unit 'KHONG_CO'", 1, true), r.err)
  end)

  it("reads a submissions file saved the same way (';', Vietnamese headers, a period as written)", function()
    local db = H.yenbai_db()
    local r = import(db, csv("Nhiệm vụ;Đơn vị;Kỳ;Ngày nhận;Ghi chú;;\r\n"
      .. "BC_DONVI_KH114;Sở Công Thương;Năm 2025;2025-12-10;đủ, đúng hạn;;\r\n;;;;;;\r\n"))
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("1 submissions: 1 added", 1, true), r.out)
    assert.are.equal("2025", scalar(db, "SELECT period AS v FROM submissions WHERE unit = 'SCT'"))
  end)
end)

describe("one unit resolver for values, submissions, submit and duties", function()
  after_each(H.cleanup)

  local spellings = {
    "SKHCN", "Sở KH&CN", "Sở Khoa học và Công nghệ", "sở khoa học và công nghệ ",
    "  SỞ  KHOA HỌC VÀ CÔNG NGHỆ", utf8.char(0x53, 0x6F, 0x31B, 0x309) .. " Khoa học và Công nghệ",
  }

  it("the values CSV takes a unit's code, alias or official name, however written", function()
    local db = H.yenbai_db()
    local lines = { "indicator,unit,period,value" }
    for i, u in ipairs(spellings) do lines[#lines + 1] = string.format('DN_DU_AN_DIEM,"%s",%d,%d', u, 2015 + i, i) end
    lines[#lines + 1] = "GRDP,Uỷ ban nhân dân tỉnh Yên Bái,2024,7"
    local r = import(db, csv(table.concat(lines, "\n") .. "\n"))
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(tostring(#spellings), scalar(db,
      "SELECT count(*) AS v FROM indicator_values WHERE unit = 'SKHCN'"))
    assert.are.equal(7, value(db, "GRDP", "UBND_YB", "2024"))
  end)

  it("refuses a name without diacritics, or one letter off, with 'did you mean', never taking it", function()
    local db = H.yenbai_db()
    local r = import(db, csv("indicator,unit,period,value\nDN_DU_AN_DIEM,So Khoa hoc va Cong nghe,2024,1\n"
      .. "DN_DU_AN_DIEM,Sở Khoa học và Công nghê,2023,1\n"))
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("so-lieu.csv:2: unit: unknown unit 'So Khoa hoc va Cong nghe'; "
      .. "did you mean 'Sở Khoa học và Công nghệ'?", 1, true), r.err)
    assert.truthy(r.err:find("so-lieu.csv:3: unit: unknown unit 'Sở Khoa học và Công nghê'; "
      .. "did you mean 'Sở Khoa học và Công nghệ'?", 1, true), r.err)
    assert.are.equal("0", scalar(db, "SELECT count(*) AS v FROM indicator_values"))
  end)

  it("submissions, submit and duties resolve the same names, and suggest the same way", function()
    local db = H.yenbai_db()
    local r = import(db, csv("duty,unit,period,received_at\n"
      .. "BC_DONVI_KH114,sở công thương ,2025,2025-12-10\n"))
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("1", scalar(db, "SELECT count(*) AS v FROM submissions WHERE unit = 'SCT'"))
    r = import(db, csv("duty,unit,period,received_at\nBC_DONVI_KH114,So Cong Thuong,2025,2025-12-10\n"))
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("không có đơn vị 'So Cong Thuong'; có phải ý bạn là 'Sở Công Thương'?", 1, true), r.err)
    r = H.run({ "--db", db, "--lang", "en", "submit", "So Cong Thuong", "BC_DONVI_KH114", "2025", "--withdraw" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("unknown unit 'So Cong Thuong'; did you mean 'Sở Công Thương'?", 1, true), r.err)
    r = H.run({ "--db", db, "--lang", "en", "submit", "SỞ CÔNG THƯƠNG", "BC_DONVI_KH114", "2025", "--withdraw" })
    assert.are.equal(0, r.code, r.err)
    r = H.run({ "--db", db, "duties", "--unit", "So Cong Thuong" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("có phải ý bạn là 'Sở Công Thương'?", 1, true), r.err)
    assert.are.equal(0, H.run({ "--db", db, "duties", "--unit", "Sở Công  Thương" }).code)
  end)

  it("pw.unit_key makes the two tone-mark placements, case, spaces and NFD one key", function()
    local r = H.run({ "-e", [[return pw.unit_key(" Uỷ  ban ") == pw.unit_key("ủy ban"),
      pw.unit_key("hoà") == pw.unit_key("hòa"), pw.unit_key("khoẻ") == pw.unit_key("KHỎE"),
      pw.unit_key("hoàn") ~= pw.unit_key("hòan"), pw.unit_key("]] .. utf8.char(0x6F, 0x302, 0x323) .. [[") == "ộ"]] })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("true\ntrue\ntrue\ntrue\ntrue\n", r.out)
  end)
end)

describe("what planwatch exports, it imports", function()
  after_each(H.cleanup)

  it("export values --format csv (with --bom and updated_at) imports back unchanged", function()
    local db = H.yenbai_db()
    assert.are.equal(0, import(db, H.root .. "/tests/fixtures/values.csv").code)
    for _, args in ipairs({ { "--format", "csv", "export", "values" },
                            { "--format", "csv", "export", "values", "--bom" } }) do
      local r = H.run({ "--db", db, table.unpack(args) })
      assert.are.equal(0, r.code, r.err)
      assert.truthy(r.out:find("updated_at", 1, true))
      local path = csv(r.out, "v.csv")
      r = import(db, path)
      assert.are.equal(0, r.code, r.err)
      assert.truthy(r.out:find("5 dòng: 0 thêm mới, 0 thay đổi, 5 giữ nguyên", 1, true), r.out)
    end
  end)

  it("--bom starts the CSV of any command once: status, duties, -e", function()
    local db = H.yenbai_db()
    local bom = "\239\187\191"
    for _, args in ipairs({ { "status" }, { "duties" }, { "-e", "return {{ a = 1 }, { a = 2 }}" },
                            { "export", "units" } }) do
      local r = H.run({ "--db", db, "--format", "csv", "--bom", table.unpack(args) })
      assert.are.equal(0, r.code, r.err)
      assert.are.equal(bom, r.out:sub(1, 3), args[1])
      assert.is_nil(r.out:find(bom, 4, true), args[1])
      r = H.run({ "--db", db, "--format", "csv", table.unpack(args) })
      assert.is_nil(r.out:find(bom, 1, true), args[1])
    end
  end)

  it("JSON exports give lists as arrays, not JSON text in a string", function()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "--format", "json", "export", "duties" })
    assert.are.equal(0, r.code, r.err)
    local rows = H.run({ "-e", "return pw.json.decode(pw.args[1])[1].remind[1]", r.out })
    assert.are.equal(0, rows.code, rows.err)
    assert.truthy(tonumber(rows.out), rows.out)
    r = H.run({ "--db", db, "--format", "json", "export", "units" })
    assert.truthy(r.out:find('"aliases":["', 1, true), r.out:sub(1, 300))
    r = H.run({ "--db", db, "--format", "csv", "export", "duties" })
    assert.truthy(r.out:find('"[', 1, true))
  end)
end)
