-- Shared by the specs, on top of helper.lua: reading the database through
-- `planwatch -e`, scratch plan packages, runs with a hard time bound.
local H = require "helper"

local S = {}

-- The Yên Bái package: its folder, and its path under the sources.
S.PACKAGE_SRC = "plugins/yenbai-114"
S.PACKAGE = H.PLUGINS .. "/yenbai-114"

-- Lua code for `planwatch -e` that defines lit(v): v written as a Lua literal.
local LIT = [[
local function lit(v)
  if type(v) == "string" then return string.format("%q", v) end
  if math.type(v) == "integer" then return string.format("%d", v) end
  if type(v) == "number" then return string.format("%.17g", v) end
  if type(v) ~= "table" then return tostring(v) end
  local parts = {}
  for k, x in pairs(v) do parts[#parts + 1] = "[" .. lit(k) .. "]=" .. lit(x) end
  return "{" .. table.concat(parts, ",") .. "}"
end
]]

-- Run body (Lua code ending in a return) with `planwatch -e` on db, with
-- pw.args = { ... }, and return the value it returns (plain data only).
function S.eval(db, body, ...)
  local code = LIT .. "return lit((function()\n" .. body .. "\nend)())\n"
  local r = H.run({ "--db", db, "-e", code, ... })
  assert(r.code == 0, "planwatch -e failed: " .. body .. "\n" .. r.err)
  return assert(load("return " .. r.out, "=result", "t", {}))()
end

-- The rows of query (parameters bound as strings), read with pw.sql.
function S.sql(db, query, ...)
  return S.eval(db, "return pw.sql(table.unpack(pw.args))", query, ...)
end

-- The single value of a one-column query (nil for no row or NULL).
function S.value(db, query, ...)
  local row = S.sql(db, query, ...)[1]
  if row == nil then return nil end
  local _, v = next(row)
  return v
end

-- A copy of the Yên Bái package, with extra or replaced files:
-- files = { ["evil.lua"] = "text", ... }. Returns the package folder.
function S.package(files)
  local dir = H.copy_package(S.PACKAGE_SRC)
  for name, text in pairs(files or {}) do H.write(dir .. "/" .. name, text) end
  return dir
end

-- Replace exactly one occurrence of plain text old by new in a file.
function S.edit(path, old, new)
  local text = H.read(path)
  local i, j = text:find(old, 1, true)
  assert(i, "text to replace not found in " .. path .. ": " .. old)
  assert(not text:find(old, j + 1, true), "text to replace found twice in " .. path)
  H.write(path, text:sub(1, i - 1) .. new .. text:sub(j + 1))
end

-- Remove the declaration that starts at the line `opening` (e.g. "task {")
-- and ends at the next line holding only "}".
function S.remove_block(path, opening)
  local text = H.read(path)
  local i = text:find("\n" .. opening .. "\n", 1, true)
  assert(i, "block not found in " .. path .. ": " .. opening)
  local _, j = text:find("\n}\n", i + 1, true)
  H.write(path, text:sub(1, i) .. text:sub(j + 1))
end

function S.load(db, dir, opts)
  return H.run({ "--db", db, "load", dir }, opts)
end

function S.check(db, dir, opts)
  return H.run({ "--db", db, "check", dir }, opts)
end

-- text as a Lua pattern that matches it literally.
function S.esc(text)
  return (text:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?]", "%%%0"))
end

-- The lines of text that start with prefix.
function S.lines_starting(text, prefix)
  local found = {}
  for line in text:gmatch("[^\n]+") do
    if line:sub(1, #prefix) == prefix then found[#found + 1] = line end
  end
  return found
end

-- Exit status of `timeout` when the command was still running.
S.TIMED_OUT = 124

-- H.run, but planwatch is stopped after `seconds` (exit status S.TIMED_OUT),
-- so that a limit that does not hold fails the test instead of hanging it.
function S.run_within(seconds, args, opts)
  local dir = H.tmpdir()
  local wrapper = dir .. "/planwatch"
  H.write(wrapper, string.format("#!/bin/sh\nexec timeout -k 5 %d %s \"$@\"\n",
                                 seconds, H.quote(H.bin)))
  assert(H.sh("chmod +x " .. H.quote(wrapper)) == 0)
  local saved = H.bin
  H.bin = wrapper
  local ok, r = pcall(H.run, args, opts)
  H.bin = saved
  if not ok then error(r, 2) end
  return r
end

function S.exists(path)
  local f = io.open(path, "rb")
  if f then f:close() end
  return f ~= nil
end

local TASKS = "SELECT count(*) FROM tasks WHERE retired_at IS NULL"
local UNITS = "SELECT count(*) FROM units WHERE retired_at IS NULL"

-- Load the Yên Bái package with one more file, evil.lua (`unit "SYT"` on line
-- 1, then body from line 2), into a fresh database. opts.env: environment;
-- opts.files: more files for the package; opts.within: seconds allowed.
-- run(seconds, args, opts) runs planwatch (default S.run_within). Returns the
-- result, the database and the path of evil.lua.
function S.load_evil(body, opts, run)
  opts = opts or {}
  run = run or function(seconds, args, o) return S.run_within(seconds, args, { env = o.env }) end
  local files = { ["evil.lua"] = 'unit "SYT"\n' .. body .. "\n" }
  for name, text in pairs(opts.files or {}) do files[name] = text end
  local dir = S.package(files)
  local db = H.new_db()
  local r = run(opts.within or 60, { "--db", db, "load", dir, "--quiet" }, opts)
  return r, db, dir .. "/evil.lua"
end

-- What every refused file shows: exit 1, a first problem line that starts
-- with the file's path (and line, when given) and says what was refused, the
-- closing "not applied" line, the rest of the package applied, and nothing
-- of the refused file's own in the database.
function S.assert_refused(r, db, path, message, line)
  local assert = require "luassert"
  assert.are_not.equal(S.TIMED_OUT, r.code, "planwatch was still running:\n" .. r.err)
  assert.are.equal(1, r.code, r.err)
  local lines = S.lines_starting(r.err, path)
  assert.is_true(#lines >= 2, "expected problems for " .. path .. ", got:\n" .. r.err)
  local first = lines[1]
  local prefix = line and (path .. ":" .. line .. ": ") or (path .. ":")
  assert.are.equal(prefix, first:sub(1, #prefix), "problem line: " .. first)
  assert.matches(message, first, 1, true)
  assert.are.equal(path .. ": không áp dụng", lines[#lines])
  assert.are.equal(11, S.value(db, TASKS))
  assert.are.equal(52, S.value(db, UNITS))
  assert.are.equal(0, S.value(db, "SELECT (SELECT count(*) FROM tasks WHERE source LIKE '%/evil.lua')"
    .. " + (SELECT count(*) FROM duties WHERE source LIKE '%/evil.lua')"
    .. " + (SELECT count(*) FROM indicators WHERE source LIKE '%/evil.lua')"))
end

-- A busted test (an `it`) that a plugin file holding code is refused with
-- message (on line, when given): S.load_evil (with opts and run), then
-- S.assert_refused.
function S.refused(name, code, message, line, opts, run)
  require("busted").it(name, function()
    local r, db, path = S.load_evil(code, opts, run)
    S.assert_refused(r, db, path, message, line)
  end)
end

-- Split a line of CSV into fields (quoted fields may hold commas and "").
function S.csv_fields(line)
  local fields, pos = {}, 1
  while pos <= #line + 1 do
    if line:sub(pos, pos) == '"' then
      local buf, e = {}, pos + 1
      while true do
        local q = line:find('"', e, true)
        buf[#buf + 1] = line:sub(e, q - 1)
        if line:sub(q + 1, q + 1) == '"' then buf[#buf + 1] = '"'; e = q + 2
        else pos = q + 2; break end
      end
      fields[#fields + 1] = table.concat(buf)
    else
      local c = line:find(",", pos, true) or #line + 1
      fields[#fields + 1] = line:sub(pos, c - 1)
      pos = c + 1
    end
  end
  return fields
end

-- Lua run with `planwatch --write -e`: insert (or replace) the rows below.
local PUT = [[
local KIND = { year = 0, half = 1, quarter = 2, ["9m"] = 3, month = 4 }
local rows = ROWS
pw.transaction(function()
  for _, r in ipairs(rows) do
    local p = assert(pw.period.parse(r[3]))
    pw.exec([=[INSERT OR REPLACE INTO indicator_values (indicator, year, ptype,
        pnum, unit, period, value, note, source, updated_at)
      VALUES (?,?,?,?,?,?,?,?,?,?)]=],
      r[1], p.year, KIND[p.kind], p.num, r[2], p.code, r[4], r[5], r[6],
      "2025-01-01T00:00:00Z")
  end
end)
return #rows
]]

-- Store values in db: rows = { { indicator, unit, period, value [, note,
-- source] }, ... } (a period may be a year as a number).
function S.put_values(db, rows)
  local lits = {}
  for i, r in ipairs(rows) do
    lits[i] = string.format("{%q,%q,%q,%.17g,%s,%s}", r[1], r[2], tostring(r[3]), r[4],
      r[5] and string.format("%q", r[5]) or "nil", r[6] and string.format("%q", r[6]) or "nil")
  end
  local code = PUT:gsub("ROWS", function() return "{" .. table.concat(lits, ",") .. "}" end)
  local r = H.run({ "--db", db, "--write", "-e", code })
  assert(r.code == 0, r.err)
end

-- Every indicator value of db deleted.
function S.clear_values(db)
  local r = H.run({ "--db", db, "--write", "-e", 'return pw.exec("DELETE FROM indicator_values")' })
  assert(r.code == 0, r.err)
end

-- For a describe block over the Yên Bái plan with extra plugin files: in
-- setup, a database loaded with them, handed to set(db, plugins) (plugins:
-- the folder to give --plugins); before each test, its values deleted.
function S.plan_with_values(files, set)
  local busted = require "busted"
  local db
  busted.setup(function()
    db = H.new_db()
    local dir = S.package(files)
    local r = S.load(db, dir)
    assert(r.code == 0, r.err)
    set(db, dir:match("^(.*)/[^/]+$"))
  end)
  busted.before_each(function() S.clear_values(db) end)
  busted.teardown(H.cleanup)
end

return S
