-- The sandbox: what plugin files and analyst code may not do, and the limits
-- that stop them. Each refused plugin file must be reported (file, line when
-- Lua knows it, what was refused), left out, and must leave no trace, while
-- the other files of the package are still applied.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"

local TASKS = "SELECT count(*) FROM tasks WHERE retired_at IS NULL"
local UNITS = "SELECT count(*) FROM units WHERE retired_at IS NULL"

local load_evil, assert_refused, refused = S.load_evil, S.assert_refused, S.refused

describe("a plugin file", function()
  after_each(H.cleanup)

  describe("has no door to the system:", function()
    it("os.execute does not exist, and the command does not run", function()
      local marker = H.tmpdir() .. "/MARKER"
      local r, db, path = load_evil(string.format('os.execute(%q)', "touch " .. marker))
      assert_refused(r, db, path, "attempt to call a nil value (field 'execute')", 2)
      assert.is_false(S.exists(marker))
    end)

    it("io does not exist, so no file can be opened for writing", function()
      local marker = H.tmpdir() .. "/MARKER"
      local r, db, path = load_evil(string.format('local f = io.open(%q, "w") f:write("x") f:close()', marker))
      assert_refused(r, db, path, "undeclared global 'io'", 2)
      assert.is_false(S.exists(marker))
    end)

    refused("require does not exist: require(\"os\") is refused", 'local os2 = require("os")',
      "undeclared global 'require'", 2)

    refused("require does not exist: a C module (lfs) cannot be loaded",
      'local lfs = require("lfs") lfs.mkdir("/tmp/x")',
      "undeclared global 'require'", 2)

    it("dofile and loadfile do not exist", function()
      local r, db, path = load_evil('local f = loadfile("/etc/passwd")')
      assert_refused(r, db, path, "undeclared global 'loadfile'", 2)
      r, db, path = load_evil('dofile("/etc/passwd")')
      assert_refused(r, db, path, "undeclared global 'dofile'", 2)
    end)

    refused("debug is not there: reading it is an undeclared global", "local d = debug",
      "undeclared global 'debug'", 2)

    refused("package is not there: reading it is an undeclared global",
      'local p = package.loadlib("libc.so.6", "system")',
      "undeclared global 'package'", 2)

    refused("collectgarbage is not there", 'collectgarbage("stop")',
      "undeclared global 'collectgarbage'", 2)

    it("os keeps only time, date and clock", function()
      local r, db, path = load_evil(
        'error("os=" .. tostring(os.time ~= nil and os.date ~= nil and os.clock ~= nil)' ..
        ' .. "," .. tostring(os.getenv) .. "," .. tostring(os.remove) .. "," .. tostring(os.exit))')
      assert_refused(r, db, path, "os=true,nil,nil,nil", 2)
    end)
  end)

  describe("cannot run bytecode:", function()
    it("load refuses a real binary chunk", function()
      local marker = H.tmpdir() .. "/MARKER"
      local chunk = string.dump(assert(load(string.format("os.execute(%q)", "touch " .. marker))))
      local r, db, path = load_evil(string.format("local f = assert(load(%q)) f()", chunk))
      assert_refused(r, db, path, "attempt to load a binary chunk", 2)
      assert.is_false(S.exists(marker))
    end)

    refused("load refuses a string starting with \\27Lua",
      'local f = assert(load("\\27Lua\\84\\0"))',
      "attempt to load a binary chunk", 2)

    refused("load(s, nil, \"b\") is refused", 'local f = load("return 1", nil, "b")',
      'load: only text chunks are allowed (mode "t")', 2)

    refused("load(s, nil, \"bt\") is refused", 'local f = load("return 1", "x", "bt")',
      'load: only text chunks are allowed (mode "t")', 2)

    refused("string.dump does not exist", "local b = string.dump(function() end)",
      "attempt to call a nil value (field 'dump')", 2)

    refused("string.dump is not reachable through a string either (\"\").dump",
      'local dump = ("").dump local b = dump(function() end)',
      "attempt to call a nil value (local 'dump')", 2)
  end)

  describe("is stopped by its limits:", function()
    refused("an endless loop exhausts the instruction budget", "while true do end",
      "stopped: instruction budget exceeded")

    it("an endless loop hits the time limit when there is no instruction budget", function()
      local t0 = os.time()
      local r, db, path = load_evil("while true do end", {
        env = { PLANWATCH_PLUGIN_INSTRUCTIONS = "0", PLANWATCH_PLUGIN_SECONDS = "1" } })
      assert_refused(r, db, path, "stopped: time limit exceeded")
      assert.is_true(os.time() - t0 < 30)
    end)

    refused("an endless loop inside pcall, in a loop, is still stopped",
      "while true do pcall(function() while true do end end) end",
      "stopped: instruction budget exceeded")

    it("an endless loop inside pcall, in a loop, is still stopped by the time limit", function()
      local r, db, path = load_evil("while true do pcall(function() while true do end end) end", {
        env = { PLANWATCH_PLUGIN_INSTRUCTIONS = "0", PLANWATCH_PLUGIN_SECONDS = "1" } })
      assert_refused(r, db, path, "stopped: time limit exceeded")
    end)

    it("an endless loop in a coroutine, resumed under pcall in a loop, is still stopped", function()
      local r, db, path = load_evil(
        "while true do pcall(function() coroutine.resume(coroutine.create(function() while true do end end)) end) end")
      assert_refused(r, db, path, "stopped: instruction budget exceeded")
    end)

    it("an endless loop in a __close handler is still stopped", function()
      local r, db, path = load_evil(
        'local x <close> = setmetatable({}, { __close = function() while true do end end }) error("boom")')
      assert_refused(r, db, path, "stopped: instruction budget exceeded")
    end)

    it("string.rep of 2^31 bytes is refused", function()
      local r, db, path = load_evil('local s = string.rep("x", 2^31)')
      assert.are.equal(1, r.code, r.err)
      local first = S.lines_starting(r.err, path)[1] or ""
      assert.is_truthy(first:find("resulting string too large", 1, true)
                       or first:find("memory cap", 1, true), r.err)
      assert_refused(r, db, path, "", nil)
    end)

    refused("string.rep of 2^30 bytes hits the memory cap", 'local s = string.rep("x", 2^30)',
      "stopped: memory cap of")

    refused("a string doubled in a loop hits the memory cap",
      'local s = "x" while true do s = s .. s end',
      "stopped: memory cap of")

    refused("a table grown in a loop is stopped",
      "local t = {} local i = 0 while true do i = i + 1 t[i] = {} end",
      "stopped: ")

    it("the memory cap follows PLANWATCH_PLUGIN_MEMORY", function()
      -- 8 MiB would fit the default cap of 64 MiB, but not a cap of 4 MiB
      local r, db, path = load_evil('local s = string.rep("x", 8 * 1024 * 1024)', {
        env = { PLANWATCH_PLUGIN_MEMORY = tostring(4 * 1024 * 1024) } })
      assert_refused(r, db, path, "stopped: memory cap of")
    end)
  end)

  describe("cannot escape through metatables:", function()
    refused("setmetatable refuses a __gc finaliser (an endless one would run unbounded)",
      "setmetatable({}, { __gc = function() while true do end end })",
      "setmetatable: __gc finalisers are not allowed", 2)

    refused("setmetatable refuses __gc whatever its value", "setmetatable({}, { __gc = false })",
      "__gc finalisers are not allowed", 2)

    refused("the environment's metatable is protected: setmetatable(_G, nil) is refused",
      "setmetatable(_G, nil)",
      "cannot change a protected metatable", 2)

    refused("the string metatable is hidden: getmetatable(\"\") is false",
      'error("metatable=" .. tostring(getmetatable("")))',
      "metatable=false", 2)

    it("poisoning the string metatable fails, and the next file still has string methods", function()
      local r, db, path = load_evil('getmetatable("").__index = {}', { files = {
        ["zz_sxd.lua"] = 'unit "SXD"\n' ..
          'task { no = 12, title = ("probe"):upper() .. (" x"):rep(2), when = "2021", lead = "SXD" }\n',
      } })
      assert.are.equal(1, r.code, r.err)
      assert.matches(path .. ":2: attempt to index a boolean value", r.err, 1, true)
      assert.are.equal("PROBE x x", S.value(db, "SELECT title FROM tasks WHERE no = 12"))
      assert.are.equal(12, S.value(db, TASKS))
    end)
  end)

  describe("is held to its globals:", function()
    refused("reading an undeclared global is an error", "print(undefined_thing)",
      "undeclared global 'undefined_thing'", 2)

    refused("creating a global is an error that says to use local", "x = 1",
      "assignment to undeclared global 'x' (use local)", 2)

    refused("a syntax error is reported with its line", "local ok = true\nlocal x = = 1",
      "unexpected symbol near '='", 3)
  end)

  describe("raising a hostile error object", function()
    it("is reported without running its __tostring", function()
      local r, db, path = load_evil(
        'error(setmetatable({}, { __tostring = function() print("TOSTRING RAN") os_exec_marker() return "x" end }))')
      assert_refused(r, db, path, "(error object is a table value)")
      assert.is_nil(r.err:find("TOSTRING RAN", 1, true))
      assert.is_nil(r.out:find("TOSTRING RAN", 1, true))
    end)

    it("is reported without running its __index", function()
      local r, db, path = load_evil(
        'error(setmetatable({}, { __index = function() print("INDEX RAN") return "x" end }))')
      assert_refused(r, db, path, "(error object is a table value)")
      assert.is_nil(r.err:find("INDEX RAN", 1, true))
    end)
  end)
end)

describe("analyst code (planwatch -e)", function()
  after_each(H.cleanup)

  -- Run code with -e on db. opts.before: arguments before -e (e.g. --write);
  -- opts.env: environment; opts.within: seconds before it is stopped.
  local function e(db, code, opts)
    local args = { "--db", db }
    for _, a in ipairs(opts and opts.before or {}) do args[#args + 1] = a end
    args[#args + 1] = "-e"
    args[#args + 1] = code
    return S.run_within(opts and opts.within or 60, args, { env = opts and opts.env })
  end

  local function assert_script_error(r, message)
    assert.are_not.equal(S.TIMED_OUT, r.code, "planwatch was still running")
    assert.are.equal(2, r.code, r.err)
    assert.are.equal("planwatch: ", r.err:sub(1, 11))
    assert.matches(message, r.err, 1, true)
  end

  -- A test that code run with -e on a fresh database (or, with plan, the
  -- Yên Bái one) fails with message.
  local function script_refused(name, code, message, plan)
    it(name, function()
      local db = plan and H.yenbai_db() or H.new_db()
      assert_script_error(e(db, code), message)
    end)
  end

  it("has no io", function()
    local db = H.new_db()
    local marker = H.tmpdir() .. "/MARKER"
    local r = e(db, string.format('io.open(%q, "w"):write("x")', marker))
    assert_script_error(r, "(-e):1: undeclared global 'io'")
    assert.is_false(S.exists(marker))
  end)

  it("has no os.execute, and the command does not run", function()
    local db = H.new_db()
    local marker = H.tmpdir() .. "/MARKER"
    local r = e(db, string.format("os.execute(%q)", "touch " .. marker))
    assert_script_error(r, "attempt to call a nil value (field 'execute')")
    assert.is_false(S.exists(marker))
  end)

  script_refused("cannot require io",
    'local io = require "io" return io.open("/etc/passwd")',
    "require: no module 'io' in scripts/lib")

  script_refused("cannot require a path out of scripts/lib",
    'return require "../../tests/spec/helper"',
    "require: no module '../../tests/spec/helper'")

  it("has no string.dump", function()
    local db = H.new_db()
    local r = e(db, "return string.dump == nil, type(('').dump)")
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("true\nnil\n", r.out)
  end)

  script_refused("loads text only",
    'return load("return 1", "x", "b")',
    'load: only text chunks are allowed (mode "t")')

  it("is stopped by PLANWATCH_SCRIPT_SECONDS", function()
    local db = H.new_db()
    local t0 = os.time()
    local r = e(db, "while true do end", { within = 30, env = { PLANWATCH_SCRIPT_SECONDS = "1" } })
    assert_script_error(r, "stopped: time limit exceeded")
    assert.is_true(os.time() - t0 < 30)
  end)

  it("is stopped by PLANWATCH_SCRIPT_INSTRUCTIONS, even inside pcall", function()
    local db = H.new_db()
    local r = e(db, "while true do pcall(function() while true do end end) end",
                { within = 30, env = { PLANWATCH_SCRIPT_INSTRUCTIONS = "1000000" } })
    assert_script_error(r, "stopped: instruction budget exceeded")
  end)

  it("cannot delete with pw.sql: not authorized, and the units stay", function()
    local db = H.yenbai_db()
    local r = e(db, 'return pw.sql("DELETE FROM units")')
    assert_script_error(r, "sql: not authorized")
    assert.are.equal(52, S.value(db, UNITS))
  end)

  it("cannot update through pw.sql either", function()
    local db = H.yenbai_db()
    local r = e(db, [[return pw.sql("UPDATE tasks SET title = 'x' WHERE no = 8")]])
    assert_script_error(r, "sql: not authorized")
    assert.are_not.equal("x", S.value(db, "SELECT title FROM tasks WHERE no = 8"))
  end)

  it("cannot ATTACH another database with pw.sql", function()
    local db = H.yenbai_db()
    local other = H.tmpdir() .. "/other.db"
    local r = e(db, string.format("return pw.sql(%q)", "ATTACH DATABASE '" .. other .. "' AS other"))
    assert_script_error(r, "sql: not authorized")
    assert.is_false(S.exists(other))
  end)

  script_refused("cannot run a PRAGMA that changes the database",
    'return pw.sql("PRAGMA user_version = 99")',
    "sql: not authorized", true)

  it("can still read the JSON lists with json_each, as scripts/README.md shows", function()
    local db = H.yenbai_db()
    local r = e(db, [[return pw.sql("SELECT j.value AS alias FROM units u, json_each(u.aliases) j ]] ..
                    [[WHERE u.code = 'STTTT'")[1].alias]])
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("Sở Thông tin & Truyền thông\n", r.out)
  end)

  it("gets each row as a table of its own, keyed by column name (a repeated name keeps the last)", function()
    local db = H.yenbai_db()
    local r = e(db, [[local out = {}
      for row in pw.rows("SELECT code, 1 AS x, 2 AS x, NULL AS n FROM units ORDER BY code LIMIT 2") do
        out[#out + 1] = row
      end
      out[1].code = "changed"
      local all = pw.sql("SELECT code FROM units ORDER BY code LIMIT 2")
      return table.concat({ out[1].code, out[2].code, out[2].x, tostring(out[2].n),
        tostring(next(out[2], nil) ~= nil), all[1].code ~= "changed" and "ok" or "shared" }, " ")]])
    assert.are.equal(0, r.code, r.err)
    local second = S.value(db, "SELECT code FROM units ORDER BY code LIMIT 1 OFFSET 1")
    assert.are.equal("changed " .. second .. " 2 nil true ok\n", r.out)
  end)

  it("cannot use pw.exec without --write", function()
    local db = H.yenbai_db()
    local r = e(db, [[return pw.exec("UPDATE tasks SET title = 'x' WHERE no = 8")]])
    assert_script_error(r, "this script is read-only; run it with --write")
    assert.are_not.equal("x", S.value(db, "SELECT title FROM tasks WHERE no = 8"))
  end)

  script_refused("cannot use pw.transaction without --write",
    "return pw.transaction(function() end)",
    "--write", true)

  it("can use pw.exec with --write", function()
    local db = H.yenbai_db()
    local r = e(db, [[return pw.exec("UPDATE tasks SET title = 'x' WHERE no = 8")]],
                { before = { "--write" } })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("1\n", r.out)
    assert.are.equal("x", S.value(db, "SELECT title FROM tasks WHERE no = 8"))
  end)

  it("cannot overwrite the database file without --write", function()
    local db = H.yenbai_db()
    local r = e(db, 'return pw.write_file(pw.opt.db, "not a database")')
    local ok, units = pcall(S.value, db, UNITS)
    assert.is_true(ok, "the database was overwritten by a read-only script: " .. tostring(units))
    assert.are.equal(52, units)
    assert.are_not.equal(0, r.code)
  end)

  it("run FILE.lua has the same sandbox", function()
    local db = H.new_db()
    local dir = H.tmpdir()
    local marker = dir .. "/MARKER"
    H.write(dir .. "/script.lua", string.format('local f = io.open(%q, "w")\n', marker))
    local r = H.run({ "--db", db, "run", dir .. "/script.lua" })
    assert_script_error(r, dir .. "/script.lua:1: undeclared global 'io'")
    assert.is_false(S.exists(marker))
  end)
end)
