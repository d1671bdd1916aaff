-- planwatch repl: Lua with the pw API, a line at a time. Read-only unless
-- run with --write. An expression's value is printed; an unfinished
-- statement continues on the next line.
local usage = [[usage: planwatch [--write] repl

Reads Lua a line at a time and prints what each expression returns, e.g.
  pw.units{ kind = "district" }
  pw.sql("SELECT lead, count(*) AS n FROM tasks GROUP BY lead")
End with Ctrl-D.]]

local opts = pw.parse_args(pw.args, {}, usage, 0)
if opts.help then return 0 end

local env = _ENV

local function compile(src)
  local f = load("return " .. src, "=(repl)", "t", env)
  if f then return f end
  return load(src, "=(repl)", "t", env)
end

local function show(ok, ...)
  if not ok then
    pw.err((...), "\n")
    return
  end
  for i = 1, select("#", ...) do
    local s = pw.show((select(i, ...)))
    pw.out(s, s:sub(-1) == "\n" and "" or "\n")
  end
end

local buffer = nil
while true do
  local line = pw.readline(buffer and ">> " or "planwatch> ")
  if not line then break end
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
pw.out("\n")
return 0
