-- Exports keep every digit, and the C row writers (core/rowout.c, through
-- pw.print_query and pw.print_rows) write the same text as scripts/lib/out.lua.
local H = require "helper"
local S = require "support"

-- Doubles of 15, 16 and 17 significant digits, from a fixed seed, all
-- positive (GRDP's rule), with the hard cases among them.
local function doubles(n)
  math.randomseed(20261203)
  local list = { 1234567.891234, 0.1, 0.30000000000000004, 1 / 3, 2 ^ 53 + 2,
    5e-324, 1.7976931348623157e308, 123456789012345678.0,
    2.2250738585072014e-308, 1e21, 1e-7 }
  while #list < n do
    local x = math.random() * 10 ^ math.random(-12, 15)
    local digits = 15 + #list % 3
    if x > 0 then list[#list + 1] = tonumber(string.format("%." .. digits .. "g", x)) end
  end
  return list
end

-- A values file: GRDP for every active unit and year 2021..2030, the
-- doubles written with 17 digits. Returns the path and { key = value }.
local function values_file(db)
  local units = S.sql(db, "SELECT code FROM units WHERE retired_at IS NULL ORDER BY code")
  local list = doubles(#units * 10)
  local lines, want, i = { "indicator,unit,period,value" }, {}, 0
  for _, u in ipairs(units) do
    for year = 2021, 2030 do
      i = i + 1
      lines[#lines + 1] = string.format("GRDP,%s,%d,%.17g", u.code, year, list[i])
      want[u.code .. "/" .. year] = list[i]
    end
  end
  local path = H.tmpdir() .. "/values.csv"
  H.write(path, table.concat(lines, "\n") .. "\n")
  return path, want
end

-- The stored GRDP values as { "UNIT/PERIOD" = value }.
local function stored(db)
  local got = {}
  for _, r in ipairs(S.sql(db, "SELECT unit, period, value FROM indicator_values"
      .. " WHERE indicator = 'GRDP'")) do
    got[r.unit .. "/" .. r.period] = r.value
  end
  return got
end

local function count(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  return n
end

local function import(db, path)
  local r = H.run({ "--db", db, "import", path })
  assert.are.equal(0, r.code, r.err)
end

describe("planwatch export values keeps every digit", function()
  local db, want
  setup(function()
    db = H.yenbai_db()
    local path
    path, want = values_file(db)
    import(db, path)
  end)
  teardown(H.cleanup)

  it("stores the doubles of the file unchanged", function()
    local got = stored(db)
    assert.is_true(count(want) >= 300)
    for k, v in pairs(want) do assert.are.equal(v, got[k], k) end
  end)

  it("writes CSV that, imported again, gives every double unchanged", function()
    local r = H.run({ "--db", db, "export", "values", "--indicator", "GRDP", "--format", "csv" })
    assert.are.equal(0, r.code, r.err)
    -- The import takes no updated_at column: keep the others.
    local lines, head = {}, nil
    for line in r.out:gmatch("([^\r\n]+)\r\n") do
      local f = S.csv_fields(line)
      if not head then head = f end
      lines[#lines + 1] = table.concat({ f[1], f[2], f[3], f[4] }, ",")
    end
    assert.are.same({ "indicator", "unit", "period", "value", "note", "source", "updated_at" }, head)
    assert.are.equal(count(want) + 1, #lines)
    local path = H.tmpdir() .. "/again.csv"
    H.write(path, table.concat(lines, "\n") .. "\n")
    local db2 = H.yenbai_db()
    import(db2, path)
    local got = stored(db2)
    assert.are.equal(count(want), count(got))
    for k, v in pairs(want) do assert.are.equal(v, got[k], k) end
  end)

  it("writes each double as the shortest text that reads back the same", function()
    local r = H.run({ "--db", db, "export", "values", "--indicator", "GRDP", "--format", "csv" })
    local seen = 0
    for line in r.out:gmatch("([^\r\n]+)\r\n") do
      local text = S.csv_fields(line)[4]
      local v = tonumber(text)
      if v and line:sub(1, 5) == "GRDP," then
        seen = seen + 1
        local shortest
        for digits = 15, 17 do
          shortest = string.format("%." .. digits .. "g", v)
          if tonumber(shortest) == v then break end
        end
        assert.are.equal(shortest, text)
      end
    end
    assert.are.equal(count(want), seen)
    assert.matches(",1234567.891234,", r.out, 1, true)
    assert.matches(",0.30000000000000004,", r.out, 1, true)
    assert.matches(",0.1,", r.out, 1, true)
  end)

  it("writes JSON and tables with the same digits", function()
    local json = H.run({ "--db", db, "export", "values", "--indicator", "GRDP", "--format", "json" })
    assert.are.equal(0, json.code, json.err)
    local n = 0
    for unit, period, value in json.out:gmatch('"unit":"([^"]+)","period":"(%d+)","value":([^,}]+)') do
      n = n + 1
      assert.are.equal(want[unit .. "/" .. period], tonumber(value), unit .. "/" .. period)
    end
    assert.are.equal(count(want), n)
    local tbl = H.run({ "--db", db, "export", "values", "--indicator", "GRDP" })
    assert.are.equal(0, tbl.code, tbl.err)
    assert.matches(" 1234567.891234  ", tbl.out, 1, true)
    assert.matches(" 0.30000000000000004  ", tbl.out, 1, true)
  end)

  it("writes the same through a script's pw.print_rows and pw.print_query", function()
    local q = "SELECT unit, period, value FROM indicator_values WHERE indicator = 'GRDP'"
      .. " ORDER BY unit, period"
    for _, format in ipairs({ "csv", "json", "table" }) do
      local lua = H.run({ "--db", db, "--format", format, "-e",
        "pw.out(pw.out_module.render(pw.opt.format, pw.sql(pw.args[1]), { 'unit', 'period', 'value' }))", q })
      local rows = H.run({ "--db", db, "--format", format, "-e",
        "pw.print_rows(pw.sql(pw.args[1]), { 'unit', 'period', 'value' })", q })
      local query = H.run({ "--db", db, "--format", format, "-e", "pw.print_query(pw.args[1])", q })
      assert.are.equal(0, lua.code, lua.err)
      assert.are.equal(lua.out, rows.out, format)
      assert.are.equal(lua.out, query.out, format)
    end
  end)
end)

-- Rows with every kind of awkward cell, as a Lua literal for -e.
local AWKWARD = [[{
  { t = "=1+1", n = 1, x = 0.1 }, { t = "-5", n = -5, x = -0.5 },
  { t = "@home", n = 4611686018427387904, x = 1 / 3 }, { t = "\tlead", x = 1e-300 },
  { t = " lead", n = 0 }, { t = "trail ", x = 2.5e20 }, { t = 'say "hi"' },
  { t = "a,b" }, { t = "line\nbreak\r\n\tend" }, { t = "\rcr" }, { t = "" },
  { t = "Sở Khoa học và Công nghệ" }, { t = "Nghe\204\163\204\130 decomposed" },
  { t = "漢字かな混じり文" }, { t = string.rep("dài ", 30) },
  { t = string.rep("漢", 40) }, { t = "ctl \1 del \127 bs \8 ff \12" }, {},
}]]

describe("the C row writers", function()
  local db
  setup(function() db = H.new_db() end)
  teardown(H.cleanup)

  local function both(format, opts)
    local lua = H.run({ "--db", db, "--format", format, "-e",
      "pw.out(pw.out_module.render(pw.opt.format, " .. AWKWARD .. ", { 't', 'n', 'x' }, " .. opts .. "))" })
    local c = H.run({ "--db", db, "--format", format, "-e",
      "pw.print_rows(" .. AWKWARD .. ", { 't', 'n', 'x' }, " .. opts .. ")" })
    assert.are.equal(0, lua.code, lua.err)
    assert.are.equal(0, c.code, c.err)
    return lua.out, c.out
  end

  it("write CSV, JSON and tables exactly as scripts/lib/out.lua does", function()
    for _, format in ipairs({ "csv", "json", "table" }) do
      local lua, c = both(format, "{}")
      assert.are.equal(lua, c, format)
    end
    local lua, c = both("csv", "{ bom = true }")
    assert.are.equal("\239\187\191t,n,x\r\n'=1+1,1,0.1\r\n", c:sub(1, 23))
    assert.are.equal(lua, c)
    lua, c = both("table", "{ max_width = 12 }")
    assert.are.equal(lua, c)
    assert.matches("dài dài dài…", c, 1, true)
  end)

  it("guard formulas and quote what CSV must quote", function()
    local _, c = both("csv", "{}")
    assert.matches("\r\n'-5,-5,-0.5\r\n", c, 1, true)
    assert.matches("\r\n'@home,4611686018427387904,0.3333333333333333\r\n", c, 1, true)
    assert.matches('\r\n"say ""hi""",,\r\n', c, 1, true)
    assert.matches('\r\n" lead",0,\r\n', c, 1, true)
  end)

  it("leave a row holding a table to the Lua writer, with the same result", function()
    local r = H.run({ "--db", db, "--format", "json", "-e",
      "pw.print_rows({ { a = { 1, 2 }, b = true } }, { 'a', 'b' })" })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal('[\n  {"a":[1,2],"b":true}\n]\n', r.out)
  end)

  it("stream a large table: widths from the first 1000 rows, later cells never cut", function()
    local q = [[WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
      SELECT i, CASE WHEN i = 1200 THEN 'a much wider cell than before' ELSE 'x' END AS s FROM n]]
    local r = H.run({ "--db", db, "-e", "pw.print_query(pw.args[1])", q })
    assert.are.equal(0, r.code, r.err)
    local lines = {}
    for line in r.out:gmatch("([^\n]*)\n") do lines[#lines + 1] = line end
    assert.are.equal("i     s", lines[1])
    assert.are.equal("----  -", lines[2])
    assert.are.equal("1200  a much wider cell than before", lines[1202])
    assert.are.equal("1500  x", lines[1502])
    assert.are.equal(1502, #lines)
  end)

  it("bind parameters by name or position", function()
    local r = H.run({ "--db", db, "--format", "csv", "-e",
      "pw.print_query('SELECT :a AS a, :b AS b', { a = 1.5, b = 'x' })"
      .. " pw.print_query('SELECT ? AS p, ? AS q', { 2, 'y' }, { columns = { 'q', 'p' } })" })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("a,b\r\n1.5,x\r\nq,p\r\ny,2\r\n", r.out)
  end)

  it("only read, under the same authorizer as pw.sql", function()
    local r = H.run({ "--db", db, "--write", "-e", "pw.print_query('DELETE FROM units')" })
    assert.are_not.equal(0, r.code)
    assert.matches("not authorized", r.err, 1, true)
    r = H.run({ "--db", db, "-e", "pw.print_query(\"ATTACH '/tmp/x.db' AS x\")" })
    assert.are_not.equal(0, r.code)
    assert.matches("not authorized", r.err, 1, true)
  end)

  it("name a column the query does not have", function()
    local r = H.run({ "--db", db, "-e", "pw.print_query('SELECT 1 AS a', nil, { columns = { 'b' } })" })
    assert.are_not.equal(0, r.code)
    assert.matches("the query has no column 'b'", r.err, 1, true)
  end)
end)

-- value_years (core/yearly.h): one row per indicator and year, kept by the
-- import, current after any write.
local DIRECT = [[SELECT indicator, year, sum(value) AS total, count(*) AS n,
  sum(value) / count(*) AS mean, min(value) AS lo, max(value) AS hi,
  count(DISTINCT unit) AS units
  FROM indicator_values GROUP BY indicator, year ORDER BY indicator, year]]
local YEARLY = [[SELECT indicator, year, total, n, mean, lo, hi, units
  FROM value_years ORDER BY indicator, year]]
local KEPT = [[SELECT indicator, year, total, n, total / n AS mean, lo, hi, units
  FROM value_years_kept ORDER BY indicator, year]]

describe("value_years", function()
  teardown(H.cleanup)

  local function csv(lines)
    local path = H.tmpdir() .. "/values.csv"
    H.write(path, "indicator,unit,period,value\n" .. table.concat(lines, "\n") .. "\n")
    return path
  end

  local function loaded()
    local db = H.yenbai_db()
    import(db, csv({ "GRDP,UBND_YB,2021,100.5", "GRDP,UBND_YB,2022,110.25",
      "DN_DU_AN_DIEM,SKHCN,2021,3", "DN_DU_AN_DIEM,BQLKCN,2021,4", "DN_DU_AN_DIEM,SKHCN,2022,5" }))
    return db
  end

  it("holds, after an import, what the values give by indicator and year", function()
    local db = loaded()
    local direct = S.sql(db, DIRECT)
    assert.are.equal(4, #direct)
    assert.are.same(direct, S.sql(db, YEARLY))
    assert.are.same(direct, S.sql(db, KEPT))
    assert.are.same({ indicator = "DN_DU_AN_DIEM", year = 2021, total = 7.0, n = 2, mean = 3.5,
      lo = 3.0, hi = 4.0, units = 2 }, direct[1])
    assert.are.equal(0, S.value(db, "SELECT count(*) FROM value_years_dirty"))
  end)

  it("is refreshed by a later import for the years it touched", function()
    local db = loaded()
    import(db, csv({ "DN_DU_AN_DIEM,SKHCN,2021,30", "DN_DU_AN_DIEM,UBND_YB,2023,1" }))
    assert.are.same(S.sql(db, DIRECT), S.sql(db, KEPT))
    assert.are.equal(34, S.value(db, "SELECT total FROM value_years_kept"
      .. " WHERE indicator = 'DN_DU_AN_DIEM' AND year = 2021"))
    assert.are.equal(1, S.value(db, "SELECT n FROM value_years_kept"
      .. " WHERE indicator = 'DN_DU_AN_DIEM' AND year = 2023"))
  end)

  it("stays current when a script writes values itself, until the next import keeps them", function()
    local db = loaded()
    local r = H.run({ "--db", db, "--write", "-e", [[
      pw.exec("UPDATE indicator_values SET value = 200 WHERE indicator = 'GRDP' AND year = 2021")
      pw.exec("DELETE FROM indicator_values WHERE indicator = 'GRDP' AND year = 2022")
      pw.exec([=[INSERT INTO indicator_values (indicator, year, ptype, pnum, unit, period, value)
        VALUES ('GRDP', 2024, 0, 0, 'UBND_YB', '2024', 7.5)]=])]] })
    assert.are.equal(0, r.code, r.err)
    assert.are.same(S.sql(db, DIRECT), S.sql(db, YEARLY))
    assert.are.equal(3, S.value(db, "SELECT count(*) FROM value_years_dirty"))
    assert.are_not.same(S.sql(db, DIRECT), S.sql(db, KEPT))
    import(db, csv({ "DN_DU_AN_DIEM,SKHCN,2025,1" }))
    assert.are.equal(0, S.value(db, "SELECT count(*) FROM value_years_dirty"))
    assert.are.same(S.sql(db, DIRECT), S.sql(db, KEPT))
    assert.is_nil(S.value(db, "SELECT n FROM value_years_kept WHERE indicator = 'GRDP' AND year = 2022"))
  end)

  it("is made from the stored values when an older database is migrated", function()
    local db = loaded()
    -- the schema just before value_years (core/store.c: migration 7), and
    -- without the columns of migrations 9 and 10
    assert.are.equal(0, H.sh("sqlite3 " .. H.quote(db) .. " " .. H.quote([[
      DROP VIEW value_years; DROP TABLE value_years_kept; DROP TABLE value_years_dirty;
      DROP TRIGGER value_years_ins; DROP TRIGGER value_years_upd; DROP TRIGGER value_years_del;
      ALTER TABLE duties DROP COLUMN to_units; ALTER TABLE tasks DROP COLUMN from_period;
      ALTER TABLE tasks DROP COLUMN to_period; ALTER TABLE units DROP COLUMN members;
      ALTER TABLE targets DROP COLUMN tolerance;
      DROP TABLE task_leads; DROP TABLE unit_successions; DROP TABLE successions;
      ALTER TABLE units DROP COLUMN valid_from; ALTER TABLE units DROP COLUMN valid_until;
      ALTER TABLE plans DROP COLUMN superseded_by; ALTER TABLE plans DROP COLUMN superseded_on;
      ALTER TABLE plans DROP COLUMN superseded_basis; ALTER TABLE indicators DROP COLUMN area;
      ALTER TABLE indicators DROP COLUMN area_until;
      PRAGMA user_version = 6;]])))
    local r = H.run({ "--db", db, "init" })
    assert.are.equal(0, r.code, r.err)
    assert.are.same(S.sql(db, DIRECT), S.sql(db, YEARLY))
    assert.are.equal(4, #S.sql(db, KEPT))
  end)
end)
