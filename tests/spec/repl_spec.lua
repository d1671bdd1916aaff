-- The REPL on a real terminal: tmux runs `planwatch repl` in a pseudo-
-- terminal, the spec types into it and reads the screen back.
local H = require "helper"

local SOCKET -- a tmux server of the spec's own

local function tmux(...)
  local parts = { "tmux", "-L", H.quote(SOCKET) }
  for _, a in ipairs({ ... }) do parts[#parts + 1] = H.quote(a) end
  return H.sh(table.concat(parts, " ") .. " >/dev/null 2>&1")
end

local function screen()
  local p = io.popen("tmux -L " .. H.quote(SOCKET) .. " capture-pane -p -J -S -200 -t repl 2>/dev/null")
  local s = p:read("a")
  p:close()
  return s
end

-- Wait (up to 10 s) until the screen shows text; returns the screen.
local function wait_for(text)
  local s
  for _ = 1, 100 do
    s = screen()
    if s:find(text, 1, true) then return s end
    os.execute("sleep 0.1")
  end
  error("the screen never showed " .. text .. ":\n" .. s, 2)
end

local function type_line(text)
  tmux("send-keys", "-t", "repl", "-l", text)
  tmux("send-keys", "-t", "repl", "Enter")
end

describe("the REPL on a terminal", function()
  local home

  before_each(function()
    SOCKET = "pw-repl-" .. tostring(os.time()) .. "-" .. tostring(math.random(1e6))
    home = H.tmpdir()
    local db = H.yenbai_db()
    local cmd = string.format("env HOME=%s LANG=C.UTF-8 ASAN_OPTIONS=detect_leaks=0 %s --db %s repl",
      H.quote(home), H.quote(H.bin), H.quote(db))
    assert.are.equal(0, tmux("new-session", "-d", "-s", "repl", "-x", "150", "-y", "40", cmd))
    wait_for("planwatch> ")
  end)

  after_each(function()
    tmux("kill-server")
    H.cleanup()
  end)

  it("receives typed Vietnamese intact", function()
    local name = "Sở Công Thương àêôÂĐ"
    type_line('s = "' .. name .. '"')
    type_line("=#s")
    wait_for("\n" .. #name .. "\n")
    type_line("=s")
    wait_for("\n" .. name .. "\n")
  end)

  it("keeps globals and top-level locals from one line to the next", function()
    type_line("x = 21")
    type_line("local y = 2")
    type_line("local function twice(v) return v * y end")
    type_line("=twice(x)")
    wait_for("\n42\n")
  end)

  it("prints bare expressions and continues unfinished statements", function()
    type_line("t = 0")
    type_line("for i = 1, 4 do")
    wait_for(">> ")
    type_line("t = t + i")
    type_line("end")
    type_line("t * 10")
    wait_for("\n100\n")
  end)

  it("completes pw. names with Tab", function()
    tmux("send-keys", "-t", "repl", "-l", "type(pw.indic")
    tmux("send-keys", "-t", "repl", "Tab")
    wait_for("type(pw.indicator")
    tmux("send-keys", "-t", "repl", "-l", ")")
    tmux("send-keys", "-t", "repl", "Enter")
    wait_for("\nfunction\n")
  end)

  it("cancels the line on Ctrl-C and keeps running", function()
    type_line("for i = 1, 3 do")
    wait_for(">> ")
    tmux("send-keys", "-t", "repl", "C-c")
    wait_for("^C")
    type_line("=6 * 7")
    wait_for("\n42\n")
  end)

  it("keeps the history even when the terminal is closed", function()
    type_line("answer = 4242")
    type_line("=answer")
    wait_for("\n4242\n")
    tmux("kill-server")
    os.execute("sleep 0.3")
    local history = H.read(home .. "/.planwatch_history")
    assert.truthy(history:find("answer\\040=\\0404242", 1, true), history)
  end)
end)
