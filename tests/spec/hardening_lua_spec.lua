-- Attacks on the Lua engine under the sandbox: Lua text that would crash
-- planwatch through deep C recursion, and code that runs where Lua turns
-- hooks off (an xpcall message handler, the <close> handlers of a coroutine
-- that died of an error) to escape the limits. Each must end as a clean
-- error, within its limits, in a script and in a plugin alike.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"

local SIGNALLED = 128 -- a shell reports death by signal N as 128 + N

-- Analyst code with -e, stopped after `within` seconds.
local function e(code, env, within)
  local db = H.tmpdir() .. "/planwatch.db"
  return S.run_within(within or 60, { "--lang", "en", "--db", db, "-e", code }, { env = env })
end

-- Analyst code from a file with `run`.
local function run_file(code, env, within)
  local dir = H.tmpdir()
  H.write(dir .. "/attack.lua", code)
  return S.run_within(within or 60, { "--lang", "en", "--db", dir .. "/planwatch.db", "run", dir .. "/attack.lua" },
                      { env = env })
end

local function assert_not_crashed(r)
  assert.are_not.equal(S.TIMED_OUT, r.code, "planwatch was still running:\n" .. r.err)
  assert.is_true(r.code < SIGNALLED, "planwatch died of a signal (status " .. r.code .. "):\n" .. r.err)
end

-- A run that ends, exit 2, with message in its error output.
local function assert_stopped(r, message)
  assert_not_crashed(r)
  assert.are.equal(2, r.code, r.err)
  assert.matches(message, r.err, 1, true)
end

-- n coroutines, each suspended with a <close> handler that closes the one
-- made before it (through closer), then the last one closed.
local function close_chain(n, closer)
  return string.format([[
local close = %s
local co = false
for _ = 1, %d do
  local previous = co
  co = coroutine.create(function()
    local guard <close> = setmetatable({}, { __close = function()
      if previous then assert(close(previous)) end
    end })
    coroutine.yield()
  end)
  assert(coroutine.resume(co))
end
local ok, err = coroutine.close(co)
print(ok, (tostring(err):match("C stack overflow[^\n]*")))
]], closer, n)
end

describe("no Lua text crashes planwatch:", function()
  after_each(H.cleanup)

  it("20,000 coroutines each closing the next from a <close> handler end in a C stack overflow error", function()
    local r = run_file(close_chain(20000, "coroutine.close"))
    assert_not_crashed(r)
    assert.are.equal(0, r.code, r.err)
    assert.matches("false\tC stack overflow", r.out, 1, true)
  end)

  it("and when each handler swallows the error of the close it makes, the chain just stops", function()
    local r = run_file(close_chain(20000, "function(c) pcall(coroutine.close, c) return true end"))
    assert_not_crashed(r)
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("true\tnil\n", r.out)
  end)

  it("a short chain of closes still works as in Lua", function()
    local r = e([[
local log, co = {}, false
for i = 1, 50 do
  local previous = co
  co = coroutine.create(function()
    local guard <close> = setmetatable({}, { __close = function()
      log[#log + 1] = i
      if previous then assert(coroutine.close(previous)) end
    end })
    coroutine.yield()
  end)
  assert(coroutine.resume(co))
end
assert(coroutine.close(co))
return #log, log[1], log[50]
]])
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("50\n50\n1\n", r.out)
  end)

  it("the same chain in a plugin is refused as an error, not as a crash", function()
    local body = close_chain(20000, "coroutine.close"):gsub("print%(ok[^\n]*", "assert(ok, err)")
    local r, db, path = S.load_evil(body)
    assert.are_not.equal(S.TIMED_OUT, r.code, r.err)
    assert.is_nil(r.err:find("crashed", 1, true), r.err)
    S.assert_refused(r, db, path, "C stack overflow")
  end)

  it("coroutines closed through coroutine.wrap from <close> handlers, 20,000 deep, are a clean error", function()
    local r = e([[
local function make(n)
  return coroutine.wrap(function()
    local guard <close> = setmetatable({}, { __close = function()
      if n > 0 then make(n - 1)() end
    end })
    error("boom")
  end)
end
local ok, err = pcall(make(20000))
return ok, #tostring(err) > 0]])
    assert_not_crashed(r)
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("false\ntrue\n", r.out)
  end)

  -- Each is bounded by Lua's own count of nested C calls; these keep it so.
  local routes = {
    ["pcall inside pcall"] = "local function f() return pcall(f) end return f()",
    ["xpcall whose handler recurses"] = "local function f() return xpcall(f, f) end return f()",
    ["xpcall(loop, loop) of Lua's bug list"] =
      "local function loop() assert(pcall(loop)) end return xpcall(loop, loop)",
    ["string.gsub calling itself back"] =
      'local function f(s) return (s:gsub(".", f)) end return pcall(f, "ab")',
    ["__index functions"] = [[local mt = {}
mt.__index = function(_, k) return setmetatable({}, mt)[k] end
return pcall(function() return setmetatable({}, mt).x end)]],
    ["__index tables 100,000 deep"] = [[local t = {}
for _ = 1, 100000 do t = setmetatable({}, { __index = t }) end
return pcall(function() return t.x end)]],
    ["table.sort comparators sorting"] = [[local function s()
  table.sort({ 3, 2, 1, 5, 4 }, function(a, b) s() return a < b end)
end
return pcall(s)]],
    ["__tostring chains"] = [[local mt = {}
mt.__tostring = function() return tostring(setmetatable({}, mt)) end
return pcall(tostring, setmetatable({}, mt))]],
    ["load of text nested 100,000 deep"] =
      'return load("return " .. ("("):rep(100000) .. "1" .. (")"):rep(100000))',
    ["load of tables nested 100,000 deep"] =
      'return load("return " .. ("{"):rep(100000) .. ("}"):rep(100000))',
    ["__close handlers of nested calls"] = [[local function f(n)
  local guard <close> = setmetatable({}, { __close = function() if n > 0 then f(n - 1) end end })
end
return pcall(f, 100000)]],
    ["__concat, __eq and __len calling themselves"] = [[local mt = {}
mt.__concat = function() return setmetatable({}, mt) .. "x" end
mt.__eq = function() return setmetatable({}, mt) == setmetatable({}, mt) end
mt.__len = function() return #setmetatable({}, mt) end
return pcall(function() return setmetatable({}, mt) .. "x" end),
  pcall(function() return setmetatable({}, mt) == setmetatable({}, mt) end),
  pcall(function() return #setmetatable({}, mt) end)]],
    ["coroutine.wrap resuming itself 100,000 deep"] = [[local function f(n)
  if n == 0 then return 0 end
  return coroutine.wrap(f)(n - 1)
end
return pcall(f, 100000)]],
  }
  for name, code in pairs(routes) do
    it("deep recursion through " .. name .. " is a clean error", function()
      local r = e(code)
      assert_not_crashed(r)
      assert.are.equal(0, r.code, r.err)
      assert.is_truthy(r.out:find("false", 1, true) or r.out:find("nil", 1, true), r.out)
    end)
  end
end)

-- A loop that never ends, and the same inside the frames Lua runs with
-- hooks off.
local LOOP = "function() while true do end end"
local in_handlers = {
  ["an xpcall message handler"] = "xpcall(" .. LOOP .. ", " .. LOOP .. ")",
  ["an xpcall message handler under pcall, in a loop"] =
    "while true do pcall(xpcall, " .. LOOP .. ", " .. LOOP .. ") end",
  ["a <close> handler coroutine.wrap runs after an error"] = [[
coroutine.wrap(function()
  local guard <close> = setmetatable({}, { __close = ]] .. LOOP .. [[ })
  while true do end
end)()]],
  -- the resuming coroutine's hook fires every 1,000 instructions: time
  -- enough to close the one that died
  ["a <close> handler run by coroutine.close after the coroutine died"] = [[
local outer = coroutine.create(function()
  local co = coroutine.create(function()
    local guard <close> = setmetatable({}, { __close = ]] .. LOOP .. [[ })
    while true do end
  end)
  coroutine.resume(co)
  coroutine.close(co)
end)
coroutine.resume(outer)]],
  ["an xpcall message handler inside a coroutine"] = [[
coroutine.wrap(function() xpcall(]] .. LOOP .. ", " .. LOOP .. [[) end)()]],
}

describe("every limit holds in every frame:", function()
  after_each(H.cleanup)

  for where, code in pairs(in_handlers) do
    it("the instruction budget stops a loop in " .. where, function()
      local r = e(code, { PLANWATCH_SCRIPT_INSTRUCTIONS = "1000000" }, 20)
      assert_stopped(r, "stopped: instruction budget exceeded")
    end)
  end

  it("the time limit stops a loop in an xpcall message handler, before the watchdog", function()
    local r = e(in_handlers["an xpcall message handler"], { PLANWATCH_SCRIPT_SECONDS = "0.5" }, 20)
    assert_stopped(r, "stopped: time limit exceeded")
    assert.is_nil(r.err:find("twice", 1, true), r.err)
  end)

  it("the time limit stops a loop in a <close> handler coroutine.wrap runs", function()
    local r = e(in_handlers["a <close> handler coroutine.wrap runs after an error"],
                { PLANWATCH_SCRIPT_SECONDS = "0.5" }, 20)
    assert_stopped(r, "stopped: time limit exceeded")
    assert.is_nil(r.err:find("twice", 1, true), r.err)
  end)

  it("a run that catches the error of a tripped limit and returns still fails", function()
    local r = e("return pcall(" .. LOOP .. ")", { PLANWATCH_SCRIPT_INSTRUCTIONS = "1000000" }, 20)
    assert_stopped(r, "stopped: instruction budget exceeded")
    assert.are.equal("", r.out)
  end)

  it("xpcall still hands the error to its handler and returns what it returns", function()
    local r = e([[local ok, v = xpcall(function() error({ code = 7 }) end, function(e) return e.code * 6 end)
return ok, v, xpcall(function(a, b) return a + b end, print, 2, 3)]])
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("false\n42\ntrue\n5\n", r.out)
  end)

  it("coroutines still yield across pcall and report their errors", function()
    local r = e([[
local co = coroutine.wrap(function(a)
  local b = select(2, pcall(coroutine.yield, a + 1))
  error("bad " .. b, 0)
end)
local first = co(1)
local ok, err = pcall(co, 10)
local c2 = coroutine.create(function() error({}) end)
local ok2, obj = coroutine.resume(c2)
return first, ok, err, ok2, type(obj), coroutine.status(c2), coroutine.close(c2)]])
    assert.are.equal(0, r.code, r.err)
    assert.matches("^2\nfalse\n[^\n]*bad 10\nfalse\ntable\ndead\nfalse\n", r.out)
  end)

  for where, code in pairs({
    ["an xpcall message handler"] = in_handlers["an xpcall message handler"],
    ["a <close> handler coroutine.wrap runs"] =
      in_handlers["a <close> handler coroutine.wrap runs after an error"],
  }) do
    it("a plugin looping in " .. where .. " is stopped even with no time limit", function()
      local r, db, path = S.load_evil(code, { env = { PLANWATCH_PLUGIN_SECONDS = "0" }, within = 30 })
      S.assert_refused(r, db, path, "instruction budget exceeded")
    end)
  end
end)

-- A package with derived indicators whose formulas loop in an xpcall
-- message handler, each with targets in two windows, and inputs to run on.
local function looping_formulas(n)
  local src = { 'unit "SYT"' }
  for i = 1, n do
    src[#src + 1] = string.format([[
indicator { code = "EV%d", name = "Chỉ tiêu %d", period = "year",
  formula = function()
    return select(2, xpcall(function() while true do end end, function() while true do end end))
  end }
target { indicator = "EV%d", window = "2021/2025", op = ">=", value = 1 }
target { indicator = "EV%d", window = "2026/2030", op = ">=", value = 2 }]], i, i, i, i)
  end
  local dir = S.package({ ["evil.lua"] = table.concat(src, "\n") .. "\n" })
  local db = H.new_db()
  local r = H.run({ "--db", db, "load", dir, "--quiet" })
  assert.are.equal(0, r.code, r.err)
  S.put_values(db, { { "GRDP", "UBND_YB", "2022", 21000 }, { "GRDP", "UBND_YB", "2023", 22000 } })
  return db, dir:match("^(.*)/[^/]+$")
end

describe("a derived indicator whose formula trips a limit", function()
  after_each(H.cleanup)

  it("shows no data in status, once reported, and the others are still evaluated", function()
    local db, plugins = looping_formulas(5)
    local t0 = os.time()
    local r = S.run_within(60, { "--db", db, "--plugins", plugins, "status", "--today", "2024-06-01",
                                 "--lang", "en" })
    assert.is_true(os.time() - t0 <= 15, "status took " .. (os.time() - t0) .. " s")
    assert.are.equal(0, r.code, r.err)
    for i = 1, 5 do
      local code = "EV" .. i
      local lines = S.lines_starting(r.out, code .. " ")
      assert.are.equal(2, #lines, r.out)
      for _, line in ipairs(lines) do assert.truthy(line:find("no data", 1, true), line) end
      local warned = S.lines_starting(r.err, "planwatch: " .. code .. ":")
      assert.are.equal(1, #warned, r.err)
      assert.truthy(warned[1]:find("instruction budget exceeded", 1, true), warned[1])
    end
    assert.truthy(S.lines_starting(r.out, "DN_DU_AN_DIEM")[1], r.out)
  end)

  it("is run once per command, not once per target", function()
    -- Four targets on one formula that loops until the 1 s time limit:
    -- one run takes about 1 s, one per target 4 s.
    local src = { 'unit "SYT"', [[
indicator { code = "EV1", name = "Chỉ tiêu 1", period = "year",
  formula = function() while true do end end }]] }
    for k, window in ipairs({ "2021/2025", "2026/2030", "2021/2030", "2022/2025" }) do
      src[#src + 1] = string.format('target { indicator = "EV1", window = "%s", op = ">=", value = %d }',
                                    window, k)
    end
    local dir = S.package({ ["evil.lua"] = table.concat(src, "\n") .. "\n" })
    local db = H.new_db()
    assert.are.equal(0, H.run({ "--db", db, "load", dir, "--quiet" }).code)
    S.put_values(db, { { "GRDP", "UBND_YB", "2022", 21000 } })
    local env = { PLANWATCH_PLUGIN_SECONDS = "1", PLANWATCH_PLUGIN_INSTRUCTIONS = "0" }
    local started = os.time()
    local r = S.run_within(60, { "--db", db, "--plugins", dir:match("^(.*)/[^/]+$"), "report",
                                 "--today", "2024-06-01", "--md", "-", "--lang", "en" }, { env = env })
    local took = os.time() - started
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.err:find("EV1: its formula could not run (", 1, true), r.err)
    assert.truthy(r.err:find("time limit exceeded", 1, true), r.err)
    assert.is_true(took <= 3, "report took " .. took .. " s")
  end)
end)
