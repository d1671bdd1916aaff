-- Attacks through the SQL door (pw.sql, pw.rows, pw.exec and the
-- connections planwatch opens): SQLite's native-call primitives, files
-- written outside the database, and SQLite's own time and memory, each
-- refused or bounded with a message that names the limit.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"

-- Analyst code with -e on db; opts.before: options before -e, opts.env,
-- opts.within: seconds allowed (the run is killed after).
local function e(db, code, opts)
  opts = opts or {}
  local args = { "--db", db }
  for _, a in ipairs(opts.before or {}) do args[#args + 1] = a end
  args[#args + 1] = "-e"
  args[#args + 1] = code
  return S.run_within(opts.within or 60, args, { env = opts.env })
end

local function assert_script_error(r, message)
  assert.are_not.equal(S.TIMED_OUT, r.code, "planwatch was still running:\n" .. r.err)
  assert.are.equal(2, r.code, r.err)
  assert.matches(message, r.err, 1, true)
end

-- Run code with args after it (pw.args).
local function e_args(db, code, args, opts)
  opts = opts or {}
  local all = { "--db", db }
  for _, a in ipairs(opts.before or {}) do all[#all + 1] = a end
  all[#all + 1] = "-e"
  all[#all + 1] = code
  for _, a in ipairs(args) do all[#all + 1] = a end
  return S.run_within(opts.within or 60, all, { env = opts.env })
end

local SQL = "return pw.sql(pw.args[1])"
local EXEC = "return pw.exec(pw.args[1])"

describe("SQLite's native-call primitives are refused:", function()
  after_each(H.cleanup)

  it("fts3_tokenizer cannot hand out an address to pw.sql, however it is spelt", function()
    local db = H.new_db()
    for _, q in ipairs({ "SELECT hex(fts3_tokenizer('simple')) AS p",
                         "SELECT hex(FTS3_Tokenizer('porter')) AS p",
                         "SELECT p FROM (SELECT fts3_tokenizer('simple') AS p)" }) do
      local r = e_args(db, SQL, { q })
      assert_script_error(r, "not authorized")
      assert.matches("fts3_tokenizer", r.err, 1, true)
      assert.is_nil(r.out:find("%x%x%x%x%x%x%x%x"), r.out)
    end
    -- a bound name, which SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER lets through
    assert_script_error(e(db, "return pw.sql('SELECT hex(fts3_tokenizer(?)) AS p', 'simple')"),
                        "fts3_tokenizer")
  end)

  it("with --write it cannot replace the pointer, and fts3 cannot call through it", function()
    local db = H.new_db()
    local r = e(db, [[
      local a = pcall(pw.exec, "SELECT fts3_tokenizer('simple', ?)", string.rep("A", 8))
      local b = pcall(pw.exec, "SELECT fts3_tokenizer('simple', x'4141414141414141')")
      local c, why = pcall(pw.exec, "CREATE VIRTUAL TABLE temp.f USING fts3(tokenize=simple)")
      local d = pcall(pw.exec, "CREATE VIRTUAL TABLE f4 USING fts4(x)")
      print(a, b, c, d, why)]], { before = { "--write" } })
    assert.are.equal(0, r.code, r.err)
    assert.matches("^false\tfalse\tfalse\tfalse\t", r.out)
    assert.matches("không được tạo hay xoá bảng ảo (f)", r.out, 1, true)
  end)

  it("every other function SQLite offers outside the allow-list is refused, in both doors", function()
    local db = H.new_db()
    for _, q in ipairs({ "SELECT sqlite_compileoption_get(0) AS x",
                         "SELECT load_extension('/lib/x86_64-linux-gnu/libc.so.6') AS x",
                         "SELECT rtreenode(2, zeroblob(64)) AS x",
                         "SELECT fts5_source_id() AS x",
                         "SELECT sqlite_log(1, 'x') AS x" }) do
      local name = q:match("SELECT ([%w_]+)%(")
      local r = e_args(db, SQL, { q })
      assert_script_error(r, "hàm " .. name .. " không nằm trong danh sách hàm SQL được phép")
      r = e_args(db, EXEC, { q }, { before = { "--write" }, env = { PLANWATCH_LANG = "en" } })
      assert_script_error(r, "function " .. name .. " is not on the list of SQL functions allowed")
    end
  end)

  it("the functions analysts use still work", function()
    local db = H.yenbai_db()
    local r = e(db, [[
      local v = pw.sql([=[SELECT printf('%05.1f', 3.14159) AS p, round(pow(2, 10)) AS w,
        date('2025-01-31', '+1 month') AS d, json_array_length(roles) AS n,
        (SELECT count(*) FROM json_each('[1,2,3]')) AS j, upper(substr(code, 1, 3)) AS c,
        '{"a":[5]}' ->> '$.a[0]' AS x
        FROM units ORDER BY code LIMIT 1]=])[1]
      local w = pw.sql([=[SELECT lag(no) OVER (ORDER BY no) AS l, sum(no) OVER () AS s
        FROM tasks ORDER BY no LIMIT 2]=])
      local t = pw.sql("SELECT name FROM pragma_table_info('units') WHERE cid = 0")[1].name
      print(v.p, v.w, v.d, v.j, v.x, w[2].l, t)]])
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("003.1\t1024.0\t2025-03-03\t3\t5\t1\tcode\n", r.out)
  end)

  it("virtual tables other than json_each/json_tree are gone, and the pragma tables that run checks", function()
    local db = H.new_db()
    assert_script_error(e_args(db, SQL, { "SELECT count(*) AS n FROM dbstat" }), "no such table: dbstat")
    assert_script_error(e_args(db, SQL, { "SELECT sql FROM sqlite_stmt" }), "no such table: sqlite_stmt")
    for _, t in ipairs({ "pragma_integrity_check", "pragma_function_list", "pragma_optimize" }) do
      assert_script_error(e_args(db, SQL, { "SELECT * FROM " .. t }), t)
    end
    local r = e_args(db, EXEC, { "CREATE VIRTUAL TABLE temp.r USING rtree(id, a, b)" },
                     { before = { "--write" } })
    assert_script_error(r, "not authorized")
  end)
end)

describe("SQL from scripts writes nothing outside the database:", function()
  after_each(H.cleanup)

  it("ATTACH and VACUUM INTO are refused in pw.exec and no file appears", function()
    local db = H.new_db()
    local dir = H.tmpdir()
    for i, q in ipairs({ "ATTACH DATABASE '" .. dir .. "/a1.db' AS x",
                         "VACUUM INTO '" .. dir .. "/a2.db'",
                         "/* copy */ vacuum  main INTO '" .. dir .. "/a3.db'",
                         "-- note\n VACUUM" }) do
      local r = e_args(db, EXEC, { q }, { before = { "--write" } })
      assert_script_error(r, "not authorized")
      assert.is_false(S.exists(dir .. "/a" .. i .. ".db"), q)
    end
  end)

  it("temporary triggers and views are refused, and so is PRAGMA", function()
    local db = H.new_db()
    for _, q in ipairs({ "CREATE TEMP TRIGGER t AFTER INSERT ON audit BEGIN SELECT 1; END",
                         "CREATE TEMPORARY VIEW units AS SELECT 1 AS code",
                         "PRAGMA foreign_keys = OFF",
                         "PRAGMA writable_schema = ON" }) do
      assert_script_error(e_args(db, EXEC, { q }, { before = { "--write" } }), "not authorized")
    end
    -- a temporary table for a script's own work is still allowed
    local r = e(db, "pw.exec('CREATE TEMP TABLE scratch(a)') pw.exec('INSERT INTO scratch VALUES (1)') " ..
                    "return pw.sql('SELECT count(*) AS n FROM scratch')[1].n", { before = { "--write" } })
    assert.are.equal(0, r.code, r.err)
  end)

  it("a trigger in the file cannot call fts3_tokenizer when planwatch's own writes fire it", function()
    local db = H.yenbai_db()
    local r = e(db, [[
      pw.exec("CREATE TABLE leak(p)")
      pw.exec("CREATE TRIGGER spy AFTER INSERT ON indicator_values BEGIN " ..
              "INSERT INTO leak VALUES (fts3_tokenizer('simple')); END")]], { before = { "--write" } })
    assert.are.equal(0, r.code, r.err)
    -- the import's own statements, prepared without an authorizer
    r = H.run({ "--db", db, "--plugins", H.root .. "/plugins", "import", H.root .. "/tests/fixtures/values.csv" })
    assert.are.equal(2, r.code, r.out .. r.err)
    assert.matches("fts3_tokenizer", r.err, 1, true)
    assert.are.equal(0, S.value(db, "SELECT count(*) FROM leak"))
    -- and a script's
    r = e(db, "return pw.exec(\"INSERT INTO indicator_values (indicator, year, ptype, pnum, unit, period, value) " ..
              "VALUES ('GRDP', 2021, 0, 0, 'UBND_YB', '2021', 1)\")", { before = { "--write" } })
    assert_script_error(r, "fts3_tokenizer")
  end)
end)

describe("SQLite's own work is bounded:", function()
  after_each(H.cleanup)

  local TIGHT = { PLANWATCH_SQL_SECONDS = "2", PLANWATCH_SCRIPT_MEMORY = "50000000" }

  it("a huge printf is cut to the value limit and ended at twice PLANWATCH_SQL_SECONDS", function()
    local db = H.new_db()
    local t0 = os.time()
    local r = e_args(db, SQL, { "SELECT length(printf('%.*c', 999999999, 'x')) AS n" },
                     { env = TIGHT, within = 30 })
    assert_script_error(r, "PLANWATCH_SQL_SECONDS")
    assert.is_true(os.time() - t0 <= 8, "took " .. (os.time() - t0) .. " s")
    -- a LIKE that backtracks: one step for hours
    t0 = os.time()
    r = e_args(db, SQL, { "SELECT printf('%.*c', 3000000, 'a') LIKE '%' || printf('%.*c', 5000, 'a') || 'b' AS x" },
               { env = { PLANWATCH_SQL_SECONDS = "1", PLANWATCH_LANG = "en" }, within = 30 })
    assert_script_error(r, "planwatch: stopped: an SQL statement was still running at twice its " ..
                           "time limit of 1 s (PLANWATCH_SQL_SECONDS)")
    assert.is_true(os.time() - t0 <= 6, "took " .. (os.time() - t0) .. " s")
  end)

  it("ORDER BY random() over huge rows is refused by the value limit, or stopped at the deadline", function()
    local db = H.new_db()
    local rows = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %d) " ..
                 "SELECT length(b) AS n FROM (SELECT x, %s AS b FROM c ORDER BY random() LIMIT -1 OFFSET 0)"
    local t0 = os.time()
    local r = e_args(db, SQL, { rows:format(8, "randomblob(400000000)") }, { env = TIGHT, within = 30 })
    assert_script_error(r, "sql: dừng: một chuỗi, blob hay câu lệnh dài quá 67108864 byte")
    assert.matches("PLANWATCH_SQL_MEMORY", r.err, 1, true)
    assert.is_true(os.time() - t0 <= 5)
    t0 = os.time()
    r = e_args(db, SQL, { rows:format(1000000, "zeroblob(1000000)") }, { env = TIGHT, within = 30 })
    assert_script_error(r, "sql: dừng: câu lệnh chạy quá giới hạn thời gian 2 giây (PLANWATCH_SQL_SECONDS)")
    assert.is_true(os.time() - t0 <= 6, "took " .. (os.time() - t0) .. " s")
  end)

  it("SQLite's heap stops at PLANWATCH_SQL_MEMORY, with the limit named", function()
    local db = H.new_db()
    local env = { PLANWATCH_SQL_MEMORY = "20000000" }
    -- a statement whose parse tree alone is larger than the limit
    local r = e(db, 'local t = {} for i = 1, 600000 do t[i] = i end ' ..
                    'return pw.sql("SELECT 5 IN (" .. table.concat(t, ",") .. ") AS x")', { env = env })
    assert_script_error(r, "sql: dừng: SQLite đã dùng hết giới hạn bộ nhớ 20000000 byte (PLANWATCH_SQL_MEMORY)")
    -- a value growing past a quarter of it, in English
    env.PLANWATCH_LANG = "en"
    r = e_args(db, SQL, { "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100) " ..
                          "SELECT length(group_concat(zeroblob(100000))) AS n FROM c" }, { env = env })
    assert_script_error(r, "sql: stopped: a string, blob or statement longer than 5000000 bytes, " ..
                           "the limit of one value (a quarter of PLANWATCH_SQL_MEMORY)")
    -- a bound string past it
    r = e(db, "return pw.sql('SELECT length(?) AS n', string.rep('x', 6000000))", { env = env })
    assert_script_error(r, "longer than 5000000 bytes")
  end)

  it("a bad PLANWATCH_SQL_MEMORY or PLANWATCH_SQL_SECONDS is refused, not ignored", function()
    local db = H.new_db()
    for _, env in ipairs({ { PLANWATCH_SQL_MEMORY = "lots" }, { PLANWATCH_SQL_SECONDS = "-1" },
                           { PLANWATCH_SQL_SECONDS = "5s" } }) do
      local name = next(env)
      local r = e(db, "return 1", { env = env })
      assert.are.equal(2, r.code, r.err)
      assert.matches("planwatch: " .. name .. " must be a non-negative number", r.err, 1, true)
    end
  end)

  it("planwatch's own writers are not held to the scripts' limits: load and a large import work", function()
    local db = H.new_db()
    local env = { PLANWATCH_SQL_MEMORY = "2000000" }
    local pkg = H.copy_package("plugins/yenbai-114")
    local plan, lines = {}, { "indicator,unit,period,value" }
    for u = 1, 300 do
      plan[#plan + 1] = string.format('unit { code = "DV%03d", name = "Đơn vị %d", kind = "district", ' ..
                                      'parent = "UBND_YB" }', u, u)
      for y = 2021, 2025 do
        for m = 1, 12 do lines[#lines + 1] = string.format("CT01,DV%03d,%d-%02d,%d", u, y, m, u + m) end
      end
    end
    plan[#plan + 1] = 'indicator { code = "CT01", name = "Chỉ tiêu 1", measure = "đơn vị", ' ..
                      'period = "month", rule = "sum" }'
    local f = assert(io.open(pkg .. "/plan.lua", "a"))
    f:write("\n", table.concat(plan, "\n"), "\n")
    f:close()
    local r = H.run({ "--db", db, "load", pkg, "--quiet" }, { env = env })
    assert.are.equal(0, r.code, r.err)
    local csv = H.tmpdir() .. "/many.csv"
    H.write(csv, table.concat(lines, "\n") .. "\n")
    r = H.run({ "--db", db, "--plugins", H.root .. "/plugins", "import", csv }, { env = env })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(18000, S.value(db, "SELECT count(*) FROM indicator_values"))
  end)
end)
