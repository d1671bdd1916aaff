-- The analysts' indicator API (pw.indicator, pw.values, pw.targets) and
-- `planwatch export values`.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"
local dkjson = require "dkjson"

local PLUGINS = H.PLUGINS

local put = S.put_values

-- The value body returns, evaluated with `planwatch -e` (and --plugins).
local function eval(db, body, ...)
  return S.eval(db, body, "--plugins", PLUGINS, ...)
end

-- The error of a -e run that must fail with exit status 2.
local function failure(db, code)
  local r = H.run({ "--db", db, "--plugins", PLUGINS, "-e", code })
  assert.are.equal(2, r.code, r.out)
  return r.err
end

local function column(rows, col)
  local out = {}
  for i, r in ipairs(rows) do out[i] = r[col] end
  return out
end

-- What pw.targets{ today = "2024-06-01" } says of each target, by VALUES: "indicator status".
local STATUSES_2024_06_01 = {
  "DN_CONG_NGHE_SO no_data", "DN_DU_AN_DIEM on_track", "DN_DU_AN_DIEM on_track",
  "DN_UNG_DUNG_CNS achieved", "DN_XAY_LAP_THI_DIEM no_data", "NHOM_DNNVV_HO_TRO no_data",
  "NSLD_TANG_BQ no_data", "NSLD_TANG_BQ off_track",
}

local VALUES = {
  -- the plan's inputs of labour productivity, from the province
  { "GRDP", "UBND_YB", "2020", 20000 }, { "GRDP", "UBND_YB", "2021", 21400 },
  { "LAO_DONG", "UBND_YB", "2020", 400000 }, { "LAO_DONG", "UBND_YB", "2021", 410000 },
  -- pilot enterprises: units report, the province reports 2022 itself
  { "DN_DU_AN_DIEM", "SKHCN", "2021", 2, "ghi chú", "bao-cao-2021.csv" },
  { "DN_DU_AN_DIEM", "SCT", "2021", 1 },
  { "DN_DU_AN_DIEM", "SKHCN", "2022", 9 }, { "DN_DU_AN_DIEM", "UBND_YB", "2022", 4 },
  { "DN_DU_AN_DIEM", "SKHCN", "2023", 5 },
  -- every kind of period of 2024, and a quarter of 2025
  { "DN_UNG_DUNG_CNS", "STTTT", "2024", 10 }, { "DN_UNG_DUNG_CNS", "STTTT", "2024-H1", 4 },
  { "DN_UNG_DUNG_CNS", "STTTT", "2024-H2", 6 }, { "DN_UNG_DUNG_CNS", "STTTT", "2024-Q1", 1 },
  { "DN_UNG_DUNG_CNS", "STTTT", "2024-Q2", 3 }, { "DN_UNG_DUNG_CNS", "STTTT", "2024-Q3", 2 },
  { "DN_UNG_DUNG_CNS", "STTTT", "2024-Q4", 4 }, { "DN_UNG_DUNG_CNS", "STTTT", "2024-9M", 6 },
  { "DN_UNG_DUNG_CNS", "STTTT", "2024-05", 1 }, { "DN_UNG_DUNG_CNS", "STTTT", "2025-Q1", 2 },
  { "DN_UNG_DUNG_CNS", "SKHCN", "2024-Q1", 7 },
}

describe("the indicator API", function()
  local db

  setup(function()
    db = H.yenbai_db()
    put(db, VALUES)
  end)
  teardown(H.cleanup)

  describe("pw.indicator(code)", function()
    it("is the indicator as the plan declares it", function()
      local t = eval(db, [[local i = pw.indicator("NSLD")
        return { code = i.code, rule = i.rule, period = i.period, derived = i.derived,
                 measure = i.measure }]])
      assert.are.same({ code = "NSLD", rule = "last", period = "year", derived = 1,
                        measure = "triệu đồng/lao động" }, t)
    end)

    it("refuses an unknown indicator, naming it", function()
      assert.truthy(failure(db, 'pw.indicator("NOPE")'):find("không có chỉ tiêu 'NOPE'", 1, true))
    end)

    it(":values{} lists the indicator's stored rows, by period then unit", function()
      local rows = eval(db, 'return pw.indicator("DN_DU_AN_DIEM"):values{}')
      assert.are.same({ "2021", "2021", "2022", "2022", "2023" }, column(rows, "period"))
      assert.are.same({ "SCT", "SKHCN", "SKHCN", "UBND_YB", "SKHCN" }, column(rows, "unit"))
      assert.are.equal("ghi chú", rows[2].note)
      assert.are.equal("bao-cao-2021.csv", rows[2].source)
    end)

    it(":values{ unit = alias, from =, to = } filters", function()
      local rows = eval(db, [[return pw.indicator("DN_DU_AN_DIEM"):values{
        unit = "Sở KH&CN", from = "2022", to = "2023" }]])
      assert.are.same({ "2022", "2023" }, column(rows, "period"))
      assert.are.same({ 9, 5 }, column(rows, "value"))
    end)

    it(":series{} is the plan's: the issuer's value when it reported one, else the units' sum", function()
      local s = eval(db, 'return pw.indicator("DN_DU_AN_DIEM"):series{}')
      assert.are.same({ { period = "2021", value = 3 }, { period = "2022", value = 4 },
                        { period = "2023", value = 5 } }, s)
    end)

    it(":series{} can be read by period", function()
      local t = eval(db, [[local s = pw.indicator("DN_DU_AN_DIEM"):series{}
        return { s["2022"], s[2021], #s, s["2030"] == nil }]])
      assert.are.same({ 4, 3, 3, true }, t)
    end)

    it(":series{ unit = } is one unit's series", function()
      local s = eval(db, 'return pw.indicator("DN_DU_AN_DIEM"):series{ unit = "SKHCN" }')
      assert.are.same({ 2, 9, 5 }, column(s, "value"))
    end)

    it(":series{ period_type = } reads another kind of period (quarters summed over units)", function()
      local s = eval(db, 'return pw.indicator("DN_UNG_DUNG_CNS"):series{ period_type = "quarter" }')
      assert.are.same({ "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1" }, column(s, "period"))
      assert.are.same({ 8, 3, 2, 4, 2 }, column(s, "value"))
    end)

    it(":series{} of a derived indicator runs its formula (NSLD = GRDP x 1000 / workers)", function()
      local s = eval(db, 'return pw.indicator("NSLD"):series{}')
      assert.are.same({ "2020", "2021" }, column(s, "period"))
      assert.are.equal(20000 * 1000 / 400000, s[1].value)
      assert.are.equal(21400 * 1000 / 410000, s[2].value)
    end)

    it(":status{ today = } is the evaluation of the indicator's targets", function()
      local t = eval(db, [[local mine = pw.indicator("DN_DU_AN_DIEM"):status{ today = "2024-06-01" }
        local all = {}
        for _, e in ipairs(pw.targets{ today = "2024-06-01" }) do
          if e.indicator == "DN_DU_AN_DIEM" then all[#all + 1] = e end
        end
        return { mine = mine, all = all }]])
      assert.are.equal(2, #t.mine)
      assert.are.same(t.all, t.mine)
      assert.are.equal(12, t.mine[1].actual)
      assert.are.equal("on_track", t.mine[1].status)
    end)
  end)

  describe("pw.values{}", function()
    it("lists every stored value with indicator, unit, period, value, note and source", function()
      local rows = eval(db, "return pw.values()")
      assert.are.equal(#VALUES, #rows)
      assert.are.equal("DN_DU_AN_DIEM", rows[1].indicator)
      assert.are.equal("SCT", rows[1].unit)
      assert.are.equal("2021", rows[1].period)
      assert.are.equal(1, rows[1].value)
    end)

    it("filters by indicator and by unit, given by code or alias", function()
      local by_code = eval(db, 'return pw.values{ indicator = "DN_UNG_DUNG_CNS", unit = "SKHCN" }')
      local by_alias = eval(db, 'return pw.values{ unit = "Sở KH&CN" }')
      assert.are.same({ "2024-Q1" }, column(by_code, "period"))
      assert.are.equal(4, #by_alias)
    end)

    it("keeps, with from and to, the periods that lie between from's first day and to's last", function()
      local rows = eval(db, [[return pw.values{ indicator = "DN_UNG_DUNG_CNS", unit = "STTTT",
        from = "2024-Q2", to = "2024-Q4" }]])
      table.sort(rows, function(a, b) return a.period < b.period end)
      assert.are.same({ "2024-05", "2024-H2", "2024-Q2", "2024-Q3", "2024-Q4" }, column(rows, "period"))
      local first_half = eval(db, [[return pw.values{ indicator = "DN_UNG_DUNG_CNS",
        unit = "STTTT", to = "2024-06" }]])
      table.sort(first_half, function(a, b) return a.period < b.period end)
      assert.are.same({ "2024-05", "2024-H1", "2024-Q1", "2024-Q2" }, column(first_half, "period"))
    end)

    it("filters by period_type", function()
      local rows = eval(db, [[return pw.values{ indicator = "DN_UNG_DUNG_CNS",
        period_type = "quarter", from = "2025", to = "2025" }]])
      assert.are.same({ "2025-Q1" }, column(rows, "period"))
      assert.are.same({ "2024" }, column(eval(db, [[return pw.values{
        indicator = "DN_UNG_DUNG_CNS", period_type = "year" }]]), "period"))
    end)

    it("refuses an unknown indicator, unit, option, period or period type, naming it", function()
      assert.truthy(failure(db, 'pw.values{ indicator = "NOPE" }'):find("không có chỉ tiêu 'NOPE'", 1, true))
      assert.truthy(failure(db, 'pw.values{ unit = "Sở Không Có" }'):find("không có đơn vị 'Sở Không Có'", 1, true))
      assert.truthy(failure(db, 'pw.values{ unti = "SKHCN" }'):find("không có tùy chọn 'unti'", 1, true))
      assert.truthy(failure(db, 'pw.values{ from = "2024-13" }'):find("bad period '2024-13'", 1, true))
      assert.truthy(failure(db, 'pw.values{ period_type = "week" }'):find("'week'", 1, true))
    end)
  end)

  -- The status codes docs/targets.md lists (its table "status (vi / en) | code").
  local function documented_statuses()
    local codes, inside = {}, false
    for line in H.read(H.root .. "/docs/targets.md"):gmatch("[^\n]*") do
      if line:find("| status (vi / en) | code |", 1, true) then inside = true
      elseif inside and not line:find("^|") then inside = false
      elseif inside then
        local code = line:match("| `([%w_]+)` |%s*$")
        if code then codes[code] = true end
      end
    end
    assert.is_true(next(codes) ~= nil, "docs/targets.md lists no status code")
    return codes
  end

  describe("pw.targets{}", function()
    it("evaluates every active target on the given day", function()
      local list = eval(db, 'return pw.targets{ today = "2024-06-01" }')
      assert.are.equal(8, #list)
      local codes, got = documented_statuses(), {}
      for _, t in ipairs(list) do
        assert.is_true(codes[t.status], "a status docs/targets.md does not list: " .. tostring(t.status))
        assert.is_number(t.required)
        got[#got + 1] = t.indicator .. " " .. t.status
      end
      table.sort(got)
      assert.are.same(STATUSES_2024_06_01, got)
    end)

    it("defaults to --today and refuses a day that is not a date", function()
      local list = eval(db, "return pw.targets()", "--today", "2021-06-01")
      assert.are.equal(8, #list)
      assert.truthy(failure(db, 'pw.targets{ today = "2024-02-30" }'):find("phải là một ngày", 1, true))
    end)
  end)
end)

-- Split CSV text into lines (the values here hold no quoted line breaks).
local function csv_lines(text)
  local lines = {}
  for line in text:gmatch("([^\r\n]*)\r\n") do lines[#lines + 1] = line end
  return lines
end

describe("planwatch export values", function()
  local db

  setup(function()
    db = H.yenbai_db()
    put(db, VALUES)
  end)
  teardown(H.cleanup)

  local function export(...)
    return H.run({ "--db", db, "export", "values", ... })
  end

  it("prints a table with the columns indicator, unit, period, value, note, source, updated_at", function()
    local r = export("--indicator", "DN_DU_AN_DIEM")
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:match("^indicator%s+unit%s+period%s+value%s+note%s+source%s+updated_at\n"))
    assert.are.equal(5, #S.lines_starting(r.out, "DN_DU_AN_DIEM"))
  end)

  it("writes CSV, filtered by indicator, unit (alias), from and to", function()
    local r = export("--format", "csv", "--indicator", "DN_DU_AN_DIEM", "--unit", "Sở KH&CN",
                     "--from", "2022", "--to", "2023")
    assert.are.equal(0, r.code, r.err)
    assert.are.same({
      "indicator,unit,period,value,note,source,updated_at",
      "DN_DU_AN_DIEM,SKHCN,2022,9,,,2025-01-01T00:00:00Z",
      "DN_DU_AN_DIEM,SKHCN,2023,5,,,2025-01-01T00:00:00Z",
    }, csv_lines(r.out))
  end)

  it("writes JSON with numbers as numbers, note and source included", function()
    local r = export("--format", "json", "--indicator", "DN_DU_AN_DIEM", "--to", "2021")
    assert.are.equal(0, r.code, r.err)
    local rows = assert(dkjson.decode(r.out))
    assert.are.equal(2, #rows)
    assert.are.same({ indicator = "DN_DU_AN_DIEM", unit = "SKHCN", period = "2021", value = 2,
      note = "ghi chú", source = "bao-cao-2021.csv", updated_at = "2025-01-01T00:00:00Z" }, rows[2])
  end)

  it("writes an empty list or a header alone when nothing matches, with a BOM when asked", function()
    assert.are.equal("[]\n", export("--format", "json", "--from", "2030").out)
    local csv = export("--format", "csv", "--from", "2030", "--bom").out
    assert.are.equal("\239\187\191indicator,unit,period,value,note,source,updated_at\r\n", csv)
  end)

  it("refuses an unknown indicator or unit with exit status 2, naming it", function()
    local r = export("--indicator", "NOPE")
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("không có chỉ tiêu 'NOPE'", 1, true), r.err)
    r = export("--unit", "XYZ")
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("không có đơn vị 'XYZ'", 1, true), r.err)
  end)

  it("refuses the value filters on other exports", function()
    local r = H.run({ "--db", db, "export", "tasks", "--indicator", "GRDP" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("--indicator chỉ dùng với `export values`", 1, true))
  end)

  it("streams thousands of rows as complete CSV and JSON", function()
    local big = H.yenbai_db()
    local r = H.run({ "--db", big, "--write", "-e", [[return pw.exec([=[
      INSERT INTO indicator_values (indicator, year, ptype, pnum, unit, period, value, updated_at)
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2499)
      SELECT 'LAO_DONG', 1900 + i / 12, 4, i % 12 + 1, 'UBND_YB',
        printf('%04d-%02d', 1900 + i / 12, i % 12 + 1), i, '2025-01-01T00:00:00Z' FROM n]=])]] })
    assert.are.equal(0, r.code, r.err)
    local csv = H.run({ "--db", big, "export", "values", "--format", "csv" })
    local lines = csv_lines(csv.out)
    assert.are.equal(2501, #lines)
    assert.are.equal("LAO_DONG,UBND_YB,1900-01,0,,,2025-01-01T00:00:00Z", lines[2])
    assert.are.equal("LAO_DONG,UBND_YB,2108-04,2499,,,2025-01-01T00:00:00Z", lines[2501])
    local json = H.run({ "--db", big, "export", "values", "--format", "json" })
    local rows = assert(dkjson.decode(json.out))
    assert.are.equal(2500, #rows)
    assert.are.equal(1000, rows[1001].value)
  end)
end)

describe("scripts/pw.meta.lua (the API's definitions for editors)", function()
  after_each(H.cleanup)

  -- "pw.X" for each function and table of pw, "pw.T.X" for each function of
  -- its tables, as a running planwatch has them.
  local function real_api(db)
    return S.eval(db, [[local names = {}
      for k, v in pairs(pw) do
        names[#names + 1] = "pw." .. k
        if type(v) == "table" and k ~= "opt" and k ~= "args" then
          for f, fv in pairs(v) do
            if type(fv) == "function" then names[#names + 1] = "pw." .. k .. "." .. f end
          end
        end
      end
      table.sort(names)
      return names]])
  end

  -- The same names as the definitions declare them.
  local function declared()
    local text = H.read(H.root .. "/scripts/pw.meta.lua")
    local names, locals = {}, { period = "period", json = "json", out = "out_module",
                                outbox = "outbox", mail = "mail", textutil = "textutil" }
    for name in text:gmatch("\nfunction pw%.([%w_]+)%(") do names["pw." .. name] = true end
    for tbl, name in text:gmatch("\nfunction ([%w_]+)%.([%w_]+)%(") do
      if locals[tbl] then names["pw." .. locals[tbl] .. "." .. name] = true end
    end
    local class = text:match("\n%-%-%-@class pw\n(.-)\npw = {}")
    for name in class:gmatch("%-%-%-@field ([%w_]+)") do names["pw." .. name] = true end
    return names
  end

  it("declares every function and table of pw, and nothing pw lacks", function()
    local db = H.new_db()
    local real, decl = real_api(db), declared()
    local seen = {}
    for _, name in ipairs(real) do
      seen[name] = true
      assert.is_true(decl[name] ~= nil, name .. " is not declared in scripts/pw.meta.lua")
    end
    for name in pairs(decl) do
      assert.is_true(seen[name] ~= nil, name .. " is declared in scripts/pw.meta.lua but pw has no such thing")
    end
  end)

  it("is valid Lua that starts with ---@meta", function()
    local text = H.read(H.root .. "/scripts/pw.meta.lua")
    assert.are.equal("---@meta\n", text:sub(1, 9))
    assert.is_function(load(text, "=pw.meta.lua", "t", {}))
  end)
end)
