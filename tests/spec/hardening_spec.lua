-- Attacks on the sandbox, each refused or bounded: for a plugin file, the
-- file is named, left out, and the rest of the package is applied; for
-- analyst code, the run stops with a message. sandbox_spec.lua has the
-- first line of defence (what is absent, the basic limits); this file has
-- the attacks that go around it. Every run here has the SMTP password in
-- its environment, and no output of any run may contain it.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"

local SECRET = "secret-xyz"
local TASKS = "SELECT count(*) FROM tasks WHERE retired_at IS NULL"

-- The password file every run is told about (PLANWATCH_SMTP_PASSWORD_FILE),
-- in a folder of its own (H.cleanup empties the others after each test),
-- removed when the file's tests are done.
local secret_dir = io.popen("mktemp -d /tmp/planwatch-secret.XXXXXX"):read("l")
local SECRET_FILE = secret_dir .. "/smtp-password"
H.write(SECRET_FILE, SECRET .. "\n")
os.execute("chmod 600 " .. H.quote(SECRET_FILE))
teardown(function() os.execute("rm -rf " .. H.quote(secret_dir)) end)

local runs = 0 -- how many runs were checked for the secret

-- S.run_within with the password in the environment; fails the test if the
-- password shows in what the run printed.
local function run(seconds, args, opts)
  opts = opts or {}
  local env = { PLANWATCH_SMTP_PASSWORD = SECRET, PLANWATCH_SMTP_PASSWORD_FILE = SECRET_FILE }
  for k, v in pairs(opts.env or {}) do env[k] = v end
  local r = S.run_within(seconds, args, { env = env, stdin = opts.stdin })
  runs = runs + 1
  assert.is_nil(r.out:find(SECRET, 1, true), "the password was printed:\n" .. r.out)
  assert.is_nil(r.err:find(SECRET, 1, true), "the password was printed:\n" .. r.err)
  return r
end

-- evil.lua next to the Yên Bái package, loaded with the password around.
local function load_evil(body, opts) return S.load_evil(body, opts, run) end
local assert_refused = S.assert_refused
local function refused(name, code, message, line) S.refused(name, code, message, line, nil, run) end

-- Analyst code with -e on db.
local function e(db, code, opts)
  opts = opts or {}
  local args = { "--db", db }
  for _, a in ipairs(opts.before or {}) do args[#args + 1] = a end
  args[#args + 1] = "-e"
  args[#args + 1] = code
  return run(opts.within or 60, args, opts)
end

local function assert_script_error(r, message)
  assert.are_not.equal(S.TIMED_OUT, r.code, "planwatch was still running:\n" .. r.err)
  assert.are.equal(2, r.code, r.err)
  assert.matches(message, r.err, 1, true)
end

-- A backtracking pattern: minutes of work inside one call into C.
local BOMB = '("a"):rep(200000):find(".-.-.-.-b")'

describe("a plugin file cannot reach another plugin:", function()
  after_each(H.cleanup)

  it("replacing string functions changes them in its own sandbox only", function()
    local r, db = load_evil('string.upper = function() return "PWNED" end\n' ..
      'string.rep = function() return "PWNED" end', { files = {
        ["zz_sxd.lua"] = 'unit "SXD"\n' ..
          'task { no = 12, title = ("probe"):upper() .. string.upper(" x"):rep(2), ' ..
          'when = "2021", lead = "SXD" }\n' } })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("PROBE X X", S.value(db, "SELECT title FROM tasks WHERE no = 12"))
  end)

  it("a pattern match that never ends in one file leaves the next file's evaluation whole", function()
    local r, db, path = load_evil("local found = " .. BOMB, { env = { PLANWATCH_PLUGIN_SECONDS = "1" }, files = {
      ["zz_sxd.lua"] = 'unit "SXD"\ntask { no = 12, title = "after", when = "2021", lead = "SXD" }\n' } })
    assert.are.equal(1, r.code, r.err)
    assert.matches(path .. ": stopped: time limit exceeded", r.err, 1, true)
    assert.are.equal("after", S.value(db, "SELECT title FROM tasks WHERE no = 12"))
  end)
end)

describe("a plugin file cannot fool the checks of its own declarations:", function()
  after_each(H.cleanup)

  it("replacing math.type and string.match does not make 2.5 a task number", function()
    local r, db, path = load_evil('math.type = function() return "integer" end\n' ..
      'string.match = function() return true end\n' ..
      'task { no = 2.5, title = "x", when = "2021", lead = "SYT" }')
    assert_refused(r, db, path, "task: field 'no' must be a positive integer", 4)
  end)

  it("an __index metamethod does not stand in for a required field", function()
    local r, db, path = load_evil('duty(setmetatable({ code = "BC_X", title = "x", every = "year",\n' ..
      '  due = { workdays_after_cutoff = 5 } },\n' ..
      '  { __index = function(_, k) if k == "to" then return "UBND_YB" end end }))')
    assert_refused(r, db, path, "duty: field 'to' is required", 2)
  end)

  it("a __pairs metamethod does not hide a field from the checks", function()
    local r, db, path = load_evil('local t = { no = 12, title = "x", when = "2021", lead = "SYT", bogus = {} }\n' ..
      'task(setmetatable(t, { __pairs = function(x) return function(_, k)\n' ..
      '  local n, v = next(x, k) if n == "bogus" then n, v = next(x, n) end return n, v end, x, nil end }))')
    assert_refused(r, db, path, "task: unknown field 'bogus'", 3)
  end)

  it("a nested table changed after its declaration crosses as it was declared", function()
    local r, db = load_evil('local due = { workdays_after_cutoff = 5 }\n' ..
      'duty { code = "BC_X", title = "x", to = "UBND_YB", every = "year", due = due }\n' ..
      'due.workdays_after_cutoff = nil\ndue.day = { "a table" }')
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(5, S.value(db, "SELECT due_workdays FROM duties WHERE code = 'BC_X'"))
  end)

  it("a declaration that contains itself is refused at its line", function()
    local r, db, path = load_evil('local t = {} t.t = t\n' ..
      'task { no = 12, title = "x", when = "2021", lead = "SYT", items = t }')
    assert_refused(r, db, path, "a declaration is nested too deeply, contains itself or is too large", 3)
  end)

  it("a declaration nested 100 deep is refused at its line", function()
    local r, db, path = load_evil('local t = {} local c = t for i = 1, 100 do c[1] = {} c = c[1] end\n' ..
      'task { no = 12, title = "x", when = "2021", lead = "SYT", items = t }')
    assert_refused(r, db, path, "nested too deeply", 3)
  end)
end)

describe("a plugin file sees the allow-list and nothing else:", function()
  after_each(H.cleanup)

  it("its environment holds only the allowed names and the declaration functions", function()
    local r, db, path = load_evil([[
local names = {}
for k in pairs(_G) do names[#names + 1] = k end
table.sort(names)
error(table.concat(names, ","), 0)]])
    local allowed = {}
    for n in ([[_G _VERSION assert error getmetatable ipairs next pairs pcall rawequal rawget
      rawlen select tonumber tostring type xpcall load setmetatable print string table math
      utf8 coroutine os plan unit goal group indicator target task duty budget holiday
      wording validate succession]]):gmatch("%S+") do allowed[n] = true end
    assert.are.equal(1, r.code)
    local list = S.lines_starting(r.err, path)[1]:match(": (.*)$")
    for n in list:gmatch("[^,]+") do
      assert.is_true(allowed[n] ~= nil, "a plugin can reach '" .. n .. "'")
    end
    for _, n in ipairs({ "debug", "io", "package", "require", "dofile", "loadfile", "rawset",
                         "collectgarbage" }) do
      assert.is_nil(list:find("%f[%w_]" .. n .. "%f[^%w_]"), n .. " is reachable")
    end
    assert.are.equal(11, S.value(db, TASKS))
  end)

  it("debug is not reachable through load, _ENV or a coroutine either", function()
    local r, db, path = load_evil([[
local found = {}
found[#found + 1] = tostring(rawget(load("return _ENV")(), "debug"))
found[#found + 1] = tostring(rawget(_ENV, "debug"))
coroutine.wrap(function() found[#found + 1] = tostring(rawget(_G, "debug")) end)()
error("debug=" .. table.concat(found, ","), 0)]])
    assert_refused(r, db, path, "debug=nil,nil,nil")
  end)

  refused("rawset does not exist, so the guard of the environment cannot be passed",
    'rawset(_G, "x", 1)',
    "undeclared global 'rawset'", 2)

  refused("the string metatable cannot be replaced through setmetatable",
    'setmetatable("", { __index = {} })',
    "bad argument #1 to 'setmetatable' (table expected, got string)", 2)

  it("load refuses a reader function, which could hand it a binary chunk piece by piece", function()
    local r, db, path = load_evil('local parts = { "\\27Lua", "\\84\\0" } local i = 0\n' ..
      'local f = load(function() i = i + 1 return parts[i] end)')
    assert_refused(r, db, path, "bad argument #1 to 'load' (string expected, got function)", 3)
  end)
end)

describe("a plugin file is bounded, even inside one call into C:", function()
  after_each(H.cleanup)

  it("a backtracking string.find is stopped at the time limit", function()
    local t0 = os.time()
    local r, db, path = load_evil("local found = " .. BOMB, {
      env = { PLANWATCH_PLUGIN_SECONDS = "1" }, within = 30 })
    assert_refused(r, db, path, "stopped: time limit exceeded")
    assert.is_true(os.time() - t0 < 20)
  end)

  it("a backtracking string.gsub under pcall is stopped too", function()
    local r, db, path = load_evil('pcall(string.gsub, ("a"):rep(100000), ".-.-.-b", "")', {
      env = { PLANWATCH_PLUGIN_SECONDS = "1" }, within = 30 })
    assert_refused(r, db, path, "stopped: time limit exceeded")
  end)

  it("a backtracking pattern in a formula is stopped, and pw.plugin says so", function()
    local dir = H.tmpdir()
    H.write(dir .. "/f.lua", 'unit "SYT"\nindicator { code = "X", name = "x", ' ..
      'formula = function(get, p) return #tostring(' .. BOMB .. ') end }\n')
    local db = H.new_db()
    local r = e(db, string.format('local v, m = pw.plugin(%q, "formula", { indicator = "X", ' ..
      'periods = { "2025" }, data = {} }) return tostring(v) .. " / " .. m', dir .. "/f.lua"),
      { env = { PLANWATCH_PLUGIN_SECONDS = "1" }, within = 30 })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("nil / " .. dir .. "/f.lua: stopped: time limit exceeded\n", r.out)
  end)

  it("a backtracking pattern in a validation rule stops the import, which writes nothing", function()
    local dir = S.package()
    local f = io.open(dir .. "/stttt.lua", "a")
    f:write('validate("DN_CONG_NGHE_SO", function(v) return #tostring(' .. BOMB .. ') > 0 end)\n')
    f:close()
    local db = H.new_db()
    assert.are.equal(0, run(60, { "--db", db, "load", dir, "--quiet" }).code)
    local csv = H.tmpdir() .. "/v.csv"
    H.write(csv, "indicator,unit,period,value\nDN_CONG_NGHE_SO,STTTT,2024,1\nGRDP,UBND_YB,2024,5\n")
    local t0 = os.time()
    local r = run(30, { "--db", db, "--plugins", dir:match("^(.*)/[^/]+$"), "import", csv },
                  { env = { PLANWATCH_PLUGIN_SECONDS = "1" } })
    assert.are.equal(2, r.code, r.err)
    assert.matches(dir .. "/stttt.lua: stopped: time limit exceeded", r.err, 1, true)
    assert.are.equal(0, S.value(db, "SELECT count(*) FROM indicator_values"))
    assert.is_true(os.time() - t0 < 20)
  end)

  it("a loop tripped inside a coroutine, under pcall in a loop, is stopped", function()
    local r, db, path = load_evil(
      "local function f() pcall(coroutine.wrap(function() while true do end end)) " ..
      "for i = 1, 400 do end end\nwhile true do pcall(f) end")
    assert_refused(r, db, path, "stopped: instruction budget exceeded")
  end)

  refused("unbounded Lua recursion is a clean stack overflow",
    "local function f(n) return f(n + 1) + 1 end\nf(1)",
    "stack overflow")

  refused("recursion through a C function (gsub calling back) is a clean C stack overflow",
    'local function g(s) return (s:gsub(".", g)) end\ng("x")',
    "C stack overflow")

  refused("source nested 100,000 deep is a clean error of the parser",
    "local t = " .. ("{"):rep(100000) .. ("}"):rep(100000),
    "overflow")

  refused("a table constructor with 4 million entries hits the memory cap",
    "local t = {" .. ("0,"):rep(4000000) .. "}",
    "stopped: memory cap of")

  refused("string.rep of a megabyte 10,000 times is refused",
    'local s = string.rep(("x"):rep(1e6), 1e4)',
    "resulting string too large", 2)

  refused("string.rep of a megabyte 2,000 times (2 GB) hits the memory cap",
    'local s = string.rep(("x"):rep(1e6), 2000)',
    "stopped: memory cap of")

  it("table.concat of 10,000 references to a megabyte hits the memory cap", function()
    local r, db, path = load_evil('local t, s = {}, ("x"):rep(1e6)\n' ..
      'for i = 1, 1e4 do t[i] = s end\nlocal all = table.concat(t)')
    assert_refused(r, db, path, "stopped: memory cap of")
  end)

  it("1,000 declarations holding the same 1 MB of text are refused as too large to send", function()
    local r, db, path = load_evil('local s, items = ("x"):rep(2e4), {}\nfor i = 1, 50 do items[i] = s end\n' ..
      'for i = 1, 1000 do task { no = 100 + i, title = "t", items = items, when = "2021", lead = "SYT" } end')
    assert_refused(r, db, path, "declarations cannot be read: too large to send")
  end)
end)

describe("error objects raised by plugin or analyst code", function()
  after_each(H.cleanup)

  it("with __gc are refused when the metatable is set", function()
    local r, db, path = load_evil(
      'error(setmetatable({}, { __gc = function() while true do end end }))')
    assert_refused(r, db, path, "__gc finalisers are not allowed", 2)
  end)

  refused("a coroutine as an error object is named, not run",
    "error(coroutine.create(function() while true do end end))",
    "(error object is a thread value)")

  it("in a script, __tostring on an error object never runs in the host", function()
    local db = H.new_db()
    local r = e(db, 'error(setmetatable({}, { __tostring = function() pw.out("RAN") return "x" end }))')
    assert_script_error(r, "(error object is a table value)")
    assert.is_nil((r.out .. r.err):find("RAN", 1, true))
  end)
end)

describe("analyst code (the host state) is bounded:", function()
  after_each(H.cleanup)

  it("pw.sql with a recursive CTE that never ends stops at PLANWATCH_SQL_SECONDS", function()
    local db = H.new_db()
    local t0 = os.time()
    local r = e(db, 'return pw.sql("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL ' ..
      'SELECT x + 1 FROM c) SELECT count(*) AS n FROM c")', {
      env = { PLANWATCH_SQL_SECONDS = "1" }, within = 30 })
    assert_script_error(r, "sql: dừng: câu lệnh chạy quá giới hạn thời gian 1 giây (PLANWATCH_SQL_SECONDS)")
    assert.is_true(os.time() - t0 < 15)
  end)

  it("so does pw.rows, and with --write", function()
    local db = H.new_db()
    local r = e(db, 'for row in pw.rows("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL ' ..
      'SELECT x + 1 FROM c) SELECT max(x) AS m FROM c") do end', {
      before = { "--write" }, env = { PLANWATCH_SQL_SECONDS = "1" }, within = 30 })
    assert_script_error(r, "sql: dừng: câu lệnh chạy quá giới hạn thời gian 1 giây (PLANWATCH_SQL_SECONDS)")
  end)

  it("a backtracking pattern is ended by the watchdog at twice PLANWATCH_SCRIPT_SECONDS", function()
    local db = H.new_db()
    local t0 = os.time()
    local r = e(db, "return " .. BOMB, { env = { PLANWATCH_SCRIPT_SECONDS = "1" }, within = 30 })
    assert_script_error(r, "planwatch: stopped: time limit exceeded (still running at twice " ..
      "the limit of 1 s, inside a call the limit cannot interrupt)")
    assert.is_true(os.time() - t0 < 15)
  end)

  it("string.rep and table.concat bombs hit PLANWATCH_SCRIPT_MEMORY", function()
    local db = H.new_db()
    local env = { PLANWATCH_SCRIPT_MEMORY = tostring(64 << 20) }
    local r = e(db, 'local s = string.rep(("x"):rep(1e6), 2000)', { env = env })
    assert_script_error(r, "stopped: memory cap of 65536 KiB exceeded")
    r = e(db, 'local t, s = {}, ("x"):rep(1e6) for i = 1, 1e4 do t[i] = s end ' ..
      'return #table.concat(t)', { env = env })
    assert_script_error(r, "stopped: memory cap of 65536 KiB exceeded")
  end)

  it("deep recursion, in Lua and through C, is a clean error", function()
    local db = H.new_db()
    assert_script_error(e(db, "local function f(n) return f(n + 1) + 1 end return f(1)"),
      "stack overflow")
    assert_script_error(e(db, 'local function g(s) return (s:gsub(".", g)) end return g("x")'),
      "C stack overflow")
  end)

  it("setmetatable(_G, nil), rawset and bytecode hidden in a text chunk are refused", function()
    local db = H.new_db()
    assert_script_error(e(db, "setmetatable(_G, nil)"), "cannot change a protected metatable")
    assert_script_error(e(db, "rawset(_G, 'x', 1)"), "undeclared global 'rawset'")
    local r = e(db, 'local f, m = load("\\27Lua\\84\\0") return m')
    assert.are.equal(0, r.code, r.err)
    assert.matches("attempt to load a binary chunk", r.out, 1, true)
  end)
end)

describe("the SMTP password is out of reach", function()
  after_each(H.cleanup)

  it("of a plugin: no os.getenv, no io, no pw", function()
    local r, db, path = load_evil('error(tostring(os.getenv) .. "," .. tostring(rawget(_ENV, "io")) ' ..
      '.. "," .. tostring(rawget(_ENV, "pw")), 0)')
    assert_refused(r, db, path, "nil,nil,nil")
  end)

  it("of a script: pw has no door to the environment", function()
    local db = H.new_db()
    local r = e(db, [[
local found = {}
local function walk(t, prefix, depth)
  for k, v in pairs(t) do
    local name = prefix .. tostring(k)
    if tostring(k):lower():find("env") or tostring(k):lower():find("password") then
      found[#found + 1] = name
    end
    if type(v) == "table" and depth < 2 then walk(v, name .. ".", depth + 1) end
  end
end
walk(pw, "pw.", 0)
return tostring(os.getenv) .. "," .. tostring(rawget(_ENV, "io")) .. "," .. table.concat(found, ";")]])
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("nil,nil,\n", r.out)
  end)

  it("of a script reading /proc/self/environ, /proc/<pid>/environ or /dev/fd/../environ", function()
    local db = H.new_db()
    local r = e(db, [[
local out = {}
for _, p in ipairs({ "/proc/self/environ", "/proc/thread-self/environ", "/dev/fd/../environ",
                     "/proc/self/cmdline", "/proc/self/mem", "/proc/./self/environ" }) do
  local text, err = pw.read_file(p)
  out[#out + 1] = p .. " -> " .. tostring(text and #text) .. " " .. tostring(err)
end
for _, pid in ipairs(pw.list_dir("/proc")) do
  if pid:match("^%d+$") then
    local text, err = pw.read_file("/proc/" .. pid .. "/environ")
    if text then out[#out + 1] = "read /proc/" .. pid .. "/environ" end
  end
end
return table.concat(out, "\n")]])
    assert.are.equal(0, r.code, r.err)
    assert.is_nil(r.out:find("read /proc/", 1, true), r.out)
    for line in r.out:gmatch("[^\n]+") do
      assert.matches("-> nil .*refused: process information is not readable", line)
    end
  end)

  it("of a script reading the password file, by its name or through a link", function()
    local db = H.new_db()
    local dir = H.tmpdir()
    assert.are.equal(0, H.sh("ln -s " .. H.quote(SECRET_FILE) .. " " .. H.quote(dir .. "/sym")
      .. " && ln " .. H.quote(SECRET_FILE) .. " " .. H.quote(dir .. "/hard")))
    local r = e(db, string.format([[
local out = {}
for _, p in ipairs({ %q, %q, %q }) do
  local text, err = pw.read_file(p)
  out[#out + 1] = tostring(text) .. " " .. tostring(err)
end
return table.concat(out, "\n")]], SECRET_FILE, dir .. "/sym", dir .. "/hard"))
    assert.are.equal(0, r.code, r.err)
    for line in r.out:gmatch("[^\n]+") do
      assert.matches("^nil .*refused: the SMTP password file is not readable$", line)
    end
  end)

  it("of pw.plugin and run, which read files as Lua source", function()
    local db = H.new_db()
    local r = e(db, string.format('local v, m = pw.plugin(%q) return m', SECRET_FILE))
    assert.are.equal(0, r.code, r.err)
    assert.matches("refused: the SMTP password file is not readable", r.out, 1, true)
    r = e(db, 'local v, m = pw.plugin("/proc/self/environ") return m')
    assert.matches("refused: process information is not readable", r.out, 1, true)
    r = run(30, { "--db", db, "run", SECRET_FILE })
    assert_script_error(r, "refused: the SMTP password file is not readable")
  end)

  it("and in all, no run of this file printed it", function()
    assert.is_true(runs > 40, "only " .. runs .. " runs were checked")
  end)
end)
