-- planwatch repl: Lua with the pw API, a line at a time, as lua and sqlite3
-- do it. Read-only unless run with --write.
--   * a global assigned on one line is there on the next (the REPL keeps its
--     own table of variables over the script environment); a top-level
--     `local x = ...` or `local function f` is kept the same way;
--   * an expression, or a line starting with "=", prints its values;
--   * an unfinished statement continues on the next line (">>"); an empty
--     line after an error-free but unfinished one keeps waiting;
--   * Tab completes names: globals, `pw.` and any table's fields, a
--     string's methods after ":";
--   * Ctrl-C cancels the line being typed (or the unfinished statement);
--     Ctrl-D ends; the history is written after every line.
local usage = require("words").say("usage.repl")

local opts = pw.parse_args(pw.args, {}, usage, 0)
if opts.help then return 0 end

local base = _ENV

-- The REPL's variables: assignments land here, reads fall back to the
-- script environment (which refuses names nobody declared).
local vars = setmetatable({}, { __index = function(_, k)
  local ok, v = pcall(function() return base[k] end)
  if ok then return v end
  error(string.format("undeclared global '%s'", tostring(k)), 2)
end })

-- A top-level local becomes a REPL variable: "local a, b = 1, 2" reads as
-- "a, b = 1, 2" and "local function f" as "function f".
local function unlocal(src)
  local fn = src:match("^%s*local%s+(function%s.*)$")
  if fn then return fn end
  local names, rest = src:match("^%s*local%s+([%a_][%w_%s,<>]-)%s*=(.*)$")
  if names and not names:find("<") then return names .. " =" .. rest end
  local bare = src:match("^%s*local%s+([%a_][%w_]*%s*)$")
  if bare then return bare .. " = nil" end
  return src
end

local function compile(src)
  if src:sub(1, 1) == "=" then src = src:sub(2) end
  local f = load("return " .. src, "=stdin", "t", vars)
  if f then return f end
  return load(unlocal(src), "=stdin", "t", vars)
end

local function show(ok, ...)
  if not ok then -- a place inside planwatch's scripts/ only with --debug
    pw.err(require("words").message((...)), "\n")
    return
  end
  for i = 1, select("#", ...) do
    local s = pw.show((select(i, ...)))
    pw.out(s, s:sub(-1) == "\n" and "" or "\n")
  end
end

-- Tab completion ----------------------------------------------------------

local function sorted_keys(t, prefix, out, seen)
  for k in next, t do
    if type(k) == "string" and k:match("^[%a_][%w_]*$") and k:sub(1, #prefix) == prefix
       and not seen[k] then
      seen[k] = true
      out[#out + 1] = k
    end
  end
end

-- The table a dotted path names, or nil ("pw.chart" -> pw.chart).
local function resolve(path)
  local t = vars
  for name in path:gmatch("[^.:]+") do
    local ok, v = pcall(function() return t[name] end)
    if not ok or v == nil then return nil end
    t = v
  end
  return t
end

local function complete(word)
  local head, sep, partial = word:match("^(.-)([.:])([%w_]*)$")
  local out, seen = {}, {}
  if not head then
    sorted_keys(vars, word, out, seen)
    sorted_keys(base, word, out, seen)
    table.sort(out)
    return out
  end
  local t = resolve(head)
  if sep == ":" and type(t) == "string" then t = string end
  if type(t) ~= "table" then return out end
  sorted_keys(t, partial, out, seen)
  local mt = getmetatable(t)
  if type(mt) == "table" and type(mt.__index) == "table" then
    sorted_keys(mt.__index, partial, out, seen)
  end
  table.sort(out)
  for i, k in ipairs(out) do out[i] = head .. sep .. k end
  return out
end

-- The loop -------------------------------------------------------------

local buffer = nil
while true do
  local line = pw.readline(buffer and ">> " or "planwatch> ", complete)
  if line == nil then break end
  if line == false then
    buffer = nil
  else
    buffer = buffer and (buffer .. "\n" .. line) or line
    local f, err = compile(buffer)
    if f then
      show(pcall(f))
      buffer = nil
    elseif not err:find("<eof>$") then
      pw.err(err, "\n")
      buffer = nil
    end
  end
end
pw.out("\n")
return 0
