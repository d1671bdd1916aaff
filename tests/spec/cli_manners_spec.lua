-- The command line's manners: version, help on a topic, "did you mean",
-- --opt=value, filters that match nothing, tables that fit the terminal.
local H = require "helper"

local DB -- the Yên Bái plan, loaded once

setup(function() DB = H.yenbai_db() end)
teardown(H.cleanup)

local function pw(args, opts)
  local full = { "--db", DB }
  for _, a in ipairs(args) do full[#full + 1] = a end
  return H.run(full, opts)
end

-- Display width of a line: one column per UTF-8 character (the plan's text
-- is Latin with combining-free precomposed letters).
local function width(line)
  return utf8.len(line) or #line
end

describe("the command line", function()
  it("prints its version with the versions of Lua and SQLite", function()
    local r = H.run({ "--version" })
    assert.are.equal(0, r.code)
    assert.truthy(r.out:match("^planwatch %d+%.%d+%.%d+ %(Lua 5%.4%.%d+, SQLite 3%.%d+%.%d+%)\n$"), r.out)
  end)

  it("lists report and import-plan in its help, and `help` alone prints the same", function()
    local r = H.run({ "--help" })
    assert.truthy(r.out:find("\n  report ", 1, true), r.out)
    assert.truthy(r.out:find("\n  import-plan ", 1, true), r.out)
    assert.are.equal(r.out, H.run({ "help" }).out)
  end)

  it("gives a command's own help for `help COMMAND`", function()
    local topic, own = pw({ "help", "duties" }), pw({ "duties", "--help" })
    assert.are.equal(0, topic.code)
    assert.truthy(topic.out:find("cách dùng: planwatch duties", 1, true), topic.out)
    assert.are.equal(own.out, topic.out)
  end)

  it("explains -e and run with --help instead of running them", function()
    for _, args in ipairs({ { "run", "--help" }, { "-e", "--help" } }) do
      local r = pw(args)
      assert.are.equal(0, r.code, r.err)
      assert.truthy(r.out:find("-e MÃ_LUA", 1, true), r.out)
      assert.truthy(r.out:find("run TỆP.lua", 1, true), r.out)
      local en = pw({ "--lang", "en", args[1], args[2] })
      assert.truthy(en.out:find("-e CODE", 1, true), en.out)
      assert.truthy(en.out:find("run FILE.lua", 1, true), en.out)
    end
  end)

  it("suggests the nearest command for a typo", function()
    local r = pw({ "statsu" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("có phải ý bạn là 'status'", 1, true), r.err)
    r = pw({ "reprot" })
    assert.truthy(r.err:find("có phải ý bạn là 'report'", 1, true), r.err)
    r = pw({ "zzzzzzzz" })
    assert.are.equal(2, r.code)
    assert.falsy(r.err:find("did you mean", 1, true), r.err)
  end)

  it("suggests the nearest option of a command, in both languages", function()
    local r = pw({ "--lang", "en", "remind", "--dryrun" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("unknown option --dryrun; did you mean --dry-run?", 1, true), r.err)
    r = pw({ "remind", "--dryrun" })
    assert.truthy(r.err:find("có phải ý bạn là --dry-run?", 1, true), r.err)
  end)

  it("takes --opt=value for global and command options", function()
    local a = pw({ "--format=json", "--lang=en", "status", "--today=2026-12-03" })
    local b = pw({ "--format", "json", "--lang", "en", "status", "--today", "2026-12-03" })
    assert.are.equal(0, a.code, a.err)
    assert.are.equal(b.out, a.out)
    assert.truthy(a.out:find('"targets"', 1, true), a.out)
  end)

  it("prints what -e returns as CSV or JSON with --format", function()
    local code = 'return pw.units{ kind = "district" }'
    local csv = pw({ "--format", "csv", "-e", code })
    assert.are.equal(0, csv.code, csv.err)
    local lines = {}
    for l in csv.out:gmatch("[^\r\n]+") do lines[#lines + 1] = l end
    assert.are.equal("code,email,kind,name,name_en,parent", lines[1])
    assert.are.equal(10, #lines)
    local json = pw({ "--format", "json", "-e", code })
    assert.are.equal("[", json.out:sub(1, 1))
    assert.are.equal(9, select(2, json.out:gsub('"kind":"district"', "")))
  end)
end)

describe("a filter that matches nothing", function()
  it("is refused with the values it may take", function()
    local r = pw({ "--lang", "en", "duties", "--state", "bogus" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("--state must be one of", 1, true), r.err)
    assert.truthy(r.err:find("overdue", 1, true), r.err)
  end)

  it("names the unit or duty that does not exist; an alias still works", function()
    local r = pw({ "--lang", "en", "duties", "--unit", "NOPE" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("no unit 'NOPE'", 1, true), r.err)
    r = pw({ "--lang", "en", "duties", "--duty", "NOPE" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("no reporting duty 'NOPE'", 1, true), r.err)
    r = pw({ "duties", "--unit", "SKHCN", "--all", "--today", "2026-12-03" })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("BC_KH114", 1, true), r.out)
  end)

  it("outbox retry of a message that is not there, and an unknown state", function()
    local r = pw({ "--lang", "en", "outbox", "retry", "999" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("no failed, dead or unknown message 999", 1, true), r.err)
    r = pw({ "--lang", "en", "outbox", "list", "--state", "nonsense" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("no state 'nonsense'", 1, true), r.err)
  end)
end)

describe("tables", function()
  it("keep their full width when written to a pipe or a file", function()
    local r = pw({ "status", "--today", "2026-12-03" })
    local widest = 0
    for l in r.out:gmatch("[^\n]+") do widest = math.max(widest, width(l)) end
    assert.is_true(widest > 120, "widest line " .. widest)
  end)

  it("fit the terminal they are printed on", function()
    local socket = "pw-fit-" .. tostring(os.time()) .. tostring(math.random(1e6))
    local out = H.tmpdir() .. "/screen"
    local cmd = string.format("ASAN_OPTIONS=detect_leaks=0 %s --db %s status --today 2026-12-03; sleep 30",
      H.quote(H.bin), H.quote(DB))
    assert.are.equal(0, H.sh("tmux -L " .. socket .. " new-session -d -s t -x 90 -y 200 " .. H.quote(cmd)))
    local screen = ""
    for _ = 1, 100 do
      H.sh("tmux -L " .. socket .. " capture-pane -p -t t > " .. H.quote(out))
      screen = H.read(out)
      if screen:find("BC_KH114", 1, true) then break end
      os.execute("sleep 0.1")
    end
    H.sh("tmux -L " .. socket .. " kill-server")
    assert.truthy(screen:find("BC_KH114", 1, true), screen)
    local rows = 0
    for l in screen:gmatch("[^\n]+") do
      if l:find("  ", 1, true) and not l:find("^Kế hoạch") then
        rows = rows + 1
        assert.is_true(width(l) <= 90, width(l) .. " columns: " .. l)
      end
    end
    assert.is_true(rows > 20)
    assert.truthy(screen:find("…", 1, true), screen)
  end)
end)
