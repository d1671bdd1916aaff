-- The command line: exports, status, usage errors.
local H = require "helper"
local S = require "support"

local LEADS = { "SKHCN", "SKHCN", "SKHCN", "SKHCN", "SKHCN", "SKHCN",
                "SCT", "STTTT", "SKHDT", "SGTVT", "SLDTBXH" }

-- Split CSV text into rows of fields (one record a line).
local function parse_csv(text)
  local rows = {}
  for line in text:gmatch("[^\r\n]+") do rows[#rows + 1] = S.csv_fields(line) end
  return rows
end

describe("planwatch export", function()
  after_each(H.cleanup)

  it("lists the 11 appendix tasks with their lead units as CSV", function()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "export", "tasks", "--format", "csv" })
    assert.are.equal(0, r.code)
    local rows = parse_csv(r.out)
    assert.are.same("no", rows[1][1])
    local lead_col
    for i, name in ipairs(rows[1]) do if name == "lead" then lead_col = i end end
    assert.is_not_nil(lead_col)
    assert.are.equal(12, #rows)
    for no = 1, 11 do
      assert.are.equal(tostring(no), rows[no + 1][1])
      assert.are.equal(LEADS[no], rows[no + 1][lead_col])
    end
  end)

  it("writes JSON that names each target's window and requirement", function()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "export", "targets", "--format", "json" })
    assert.are.equal(0, r.code)
    assert.truthy(r.out:find('"indicator":"NSLD_TANG_BQ","indicator_name":', 1, true))
    assert.truthy(r.out:find('"window_from":2026,"window_to":2030,"op":">","value":7.2', 1, true))
  end)

  it("starts CSV with a byte order mark only when asked", function()
    local db = H.yenbai_db()
    local plain = H.run({ "--db", db, "export", "units", "--format", "csv" })
    local bom = H.run({ "--db", db, "export", "units", "--format", "csv", "--bom" })
    assert.are.equal("code,", plain.out:sub(1, 5))
    assert.are.equal("\239\187\191code,", bom.out:sub(1, 8))
  end)

  it("refuses an unknown export with exit status 2", function()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "export", "nothing" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("không xuất được 'nothing'", 1, true))
  end)
end)

describe("planwatch status", function()
  after_each(H.cleanup)

  it("shows every target and every task, in Vietnamese by default", function()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "status", "--today", "2026-11-27" })
    assert.are.equal(0, r.code)
    assert.truthy(r.out:find("Kế hoạch 114/KH-UBND", 1, true))
    assert.truthy(r.out:find("Chỉ tiêu", 1, true))
    assert.truthy(r.out:find("Ngày xem: 27/11/2026", 1, true))
  end)

  it("carries the same facts as JSON, in English with --lang en", function()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "status", "--today", "2021-06-01", "--format", "json", "--lang", "en" })
    assert.are.equal(0, r.code)
    local targets = select(2, r.out:gsub('"required":', ""))
    local tasks = select(2, r.out:gsub('"lead_name":', ""))
    assert.are.equal(8, targets)
    assert.are.equal(11, tasks)
    assert.truthy(r.out:find('"today": "2021-06-01"', 1, true))
    assert.truthy(r.out:find('"status": "in progress"', 1, true))
    assert.truthy(r.out:find('"status": "no data"', 1, true))
  end)

  it("refuses a --today that is not a date", function()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "status", "--today", "2026-02-30" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("--today phải là một ngày", 1, true))
  end)

  it("says so when no plan is loaded, with exit status 1", function()
    local db = H.new_db()
    local r = H.run({ "--db", db, "status" })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("planwatch load", 1, true))
  end)
end)

describe("the command line", function()
  after_each(H.cleanup)

  it("refuses an unknown command with exit status 2", function()
    local r = H.run({ "frobnicate" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("'frobnicate' không phải một lệnh", 1, true))
  end)

  it("refuses a command name that could leave scripts/", function()
    local r = H.run({ "--lang", "en", "../tests/spec/helper" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("is not a command", 1, true))
  end)

  it("refuses an unknown --format", function()
    local r = H.run({ "--format", "xml", "-e", "1" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("--format phải là table, csv hoặc json", 1, true))
  end)

  it("refuses an argument a command does not take", function()
    local db = H.new_db()
    local r = H.run({ "--db", db, "load", H.PLUGINS .. "/yenbai-114", "extra" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("thừa tham số 'extra'", 1, true))
  end)

  it("prints usage for --help and exits 0", function()
    local r = H.run({ "--help" })
    assert.are.equal(0, r.code)
    assert.truthy(r.out:find("cách dùng: planwatch", 1, true))
  end)

  it("does not link libcurl: it is loaded only when something is sent", function()
    local p = io.popen("ldd " .. H.quote(H.bin) .. " 2>&1")
    local libs = p:read("a")
    p:close()
    assert.truthy(libs:find("libsqlite3", 1, true), libs)
    assert.falsy(libs:find("libcurl", 1, true), libs)
  end)

  it("init is idempotent and reports the schema version", function()
    local db = H.new_db()
    local r = H.run({ "--db", db, "init" })
    assert.are.equal(0, r.code)
    assert.truthy(r.out:find("lược đồ phiên bản %d+"))
  end)

  it("repl evaluates lines on a terminal and keeps their history", function()
    local home = H.tmpdir()
    local out = H.tmpdir() .. "/out"
    local cmd = "(sleep 0.5; printf '6*7\\r'; sleep 0.5; printf '\\004') | HOME=" .. H.quote(home)
      .. " script -qc " .. H.quote(H.quote(H.bin) .. " repl") .. " /dev/null > " .. H.quote(out)
    assert.are.equal(0, H.sh(cmd))
    assert.truthy(H.read(out):find("42", 1, true))
    assert.truthy(H.read(home .. "/.planwatch_history"):find("6*7", 1, true))
  end)

  it("repl reads plain lines from a pipe", function()
    local r = H.run({ "repl" }, { stdin = "1 + 2\nfor i = 1, 2 do\nprint(i * 10)\nend\n" })
    assert.are.equal(0, r.code)
    assert.truthy(r.out:find("3\n", 1, true))
    assert.truthy(r.out:find("10\n20\n", 1, true))
  end)
end)

describe("the specs' own plan", function()
  it("is the committed package, outside the working tree people edit", function()
    assert.is_nil(H.PLUGINS:find(H.root, 1, true))
    local p = io.popen("git -C " .. H.quote(H.root) .. " show HEAD:plugins/yenbai-114/stttt.lua 2>/dev/null")
    local committed = p:read("a")
    p:close()
    if committed == "" then committed = H.read(H.root .. "/plugins/yenbai-114/stttt.lua") end
    assert.are.equal(committed, H.read(H.PLUGINS .. "/yenbai-114/stttt.lua"))
  end)
end)
