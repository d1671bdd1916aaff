-- What a C door opens or allocates is freed when a script's memory cap
-- raises an error in the middle of it: no leak under LeakSanitizer (the
-- specs run the sanitized binary with detect_leaks=1, and helper.run fails
-- on any sanitizer report), no file left open.
local H = require "helper"

-- A memory cap (beyond what the state holds at its start) that a script
-- reaches with a few megabytes.
local CAP = tostring(1 << 20)

-- planwatch -e code ..., with at most fds open files, under the memory cap.
local function run_with_fds(fds, db, code, ...)
  local dir = H.tmpdir()
  local args = {}
  for _, a in ipairs({ ... }) do args[#args + 1] = H.quote(a) end
  local cmd = string.format("ulimit -n %d; PLANWATCH_SCRIPT_MEMORY=%s %s --db %s -e %s %s"
    .. " > %s 2> %s < /dev/null", fds, CAP, H.quote(H.bin), H.quote(db), H.quote(code),
    table.concat(args, " "), H.quote(dir .. "/out"), H.quote(dir .. "/err"))
  local status = H.sh(cmd)
  return { code = status, out = H.read(dir .. "/out"), err = H.read(dir .. "/err") }
end

-- A CSV file of about 8 MB: more than the cap lets a script hold.
local function big_csv(dir)
  local path = dir .. "/big.csv"
  local f = assert(io.open(path, "wb"))
  f:write("indicator,unit,period,value\n")
  local line = "CT01,DV0001,2025-01," .. string.rep("9", 60) .. "\n"
  f:write(string.rep(line, (8 << 20) // #line))
  f:close()
  return path
end

-- Call fn(path) 200 times, each raising the memory error, then read a small
-- file: a door that left its file open each time has run out of the 64.
local REPEAT = [==[
local fn, big, small = pw[pw.args[1]], pw.args[2], pw.args[3]
local raised = 0
for _ = 1, 200 do
  local ok, err = pcall(fn, big)
  if not ok and tostring(err):find("memory") then raised = raised + 1 end
end
local again, why = fn(small)
pw.out(raised, " ", again and "read" or tostring(why), "\n")
]==]

describe("a memory error in the middle of a C door", function()
  after_each(H.cleanup)

  for _, door in ipairs({ "read_file", "csv_records" }) do
    it("pw." .. door .. " closes the file it was reading (200 raises, 64 files)", function()
      local dir = H.tmpdir()
      local db = H.new_db()
      local small = dir .. "/small.csv"
      H.write(small, "indicator,unit,period,value\nCT01,DV0001,2025-01,1\n")
      local r = run_with_fds(64, db, REPEAT, door, big_csv(dir), small)
      assert.are.equal("200 read\n", r.out)
      assert.is_nil(r.err:find("Sanitizer"), r.err)
      assert.are.equal(0, r.code, r.err)
    end)
  end

  it("pw.list_dir frees the names it read when the list cannot be built", function()
    local dir = H.tmpdir()
    local names = dir .. "/names"
    H.sh("mkdir " .. H.quote(names))
    -- 12000 names of 195 bytes: 2.3 MB in C, more than the cap once they
    -- are Lua strings in a table.
    local long = string.rep("n", 190)
    H.sh(string.format("cd %s && seq -w 1 12000 | sed 's/$/%s/' | xargs touch", H.quote(names), long))
    local db = H.new_db()
    local code = [[
local ok, err = pcall(pw.list_dir, pw.args[1])
pw.out(tostring(ok), " ", tostring(err), "\n")
]]
    local r = H.run({ "--db", db, "-e", code, names }, { env = { PLANWATCH_SCRIPT_MEMORY = CAP } })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("false not enough memory\n", r.out)
  end)
end)
