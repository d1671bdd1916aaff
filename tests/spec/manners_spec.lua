-- Failures a person sees: never silent, never an internal path, always a hint
-- at what to do.
local H = require "helper"

local function sha(path)
  local p = io.popen("sha256sum " .. H.quote(path))
  local s = p:read("a")
  p:close()
  return s:match("^%x+")
end

describe("a command that cannot do its job", function()
  after_each(H.cleanup)

  it("report --html into a missing folder fails and says which file", function()
    local db = H.yenbai_db()
    local target = H.tmpdir() .. "/no/such/dir/r.html"
    local r = H.run({ "--db", db, "report", "--html", target })
    assert.are_not.equal(0, r.code)
    assert.truthy(r.err:find(target, 1, true), r.err)
    assert.is_false(H.sh("test -e " .. H.quote(target)) == 0)
  end)

  it("report --md into a missing folder fails in English too", function()
    local db = H.yenbai_db()
    local target = H.tmpdir() .. "/missing/r.md"
    local r = H.run({ "--db", db, "--lang", "en", "report", "--md", target })
    assert.are_not.equal(0, r.code)
    assert.truthy(r.err:find("cannot write " .. target, 1, true), r.err)
  end)

  it("init on a damaged file fails, says so and leaves the file as it was", function()
    local db = H.tmpdir() .. "/damaged.db"
    H.write(db, string.rep("not a database at all\n", 300))
    local before = sha(db)
    local r = H.run({ "--db", db, "init" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("không phải cơ sở dữ liệu SQLite", 1, true), r.err)
    assert.are.equal(before, sha(db))
  end)

  it("a 0-byte database asks for init instead of naming a missing table", function()
    local db = H.tmpdir() .. "/empty.db"
    H.write(db, "")
    for _, cmd in ipairs({ "status", "duties", "report" }) do
      local r = H.run({ "--db", db, cmd })
      assert.are.equal(2, r.code, cmd)
      assert.truthy(r.err:find("planwatch init", 1, true), cmd .. ": " .. r.err)
      assert.falsy(r.err:find("no such table", 1, true), r.err)
    end
  end)

  it("prints no internal script path unless --debug", function()
    local db = H.tmpdir() .. "/empty.db"
    H.write(db, "")
    local r = H.run({ "--db", db, "status" })
    assert.falsy(r.err:find("scripts/", 1, true), r.err)
    assert.falsy(r.err:find("%.lua:%d+:"), r.err)
    local d = H.run({ "--db", db, "--debug", "status" })
    assert.truthy(d.err:find("%.lua:%d+:"), d.err)
  end)

  it("keeps the place of an error in the user's own script", function()
    local dir = H.tmpdir()
    H.write(dir .. "/mine.lua", "local x = 1\nerror('broken here')\n")
    local r = H.run({ "--db", H.new_db(), "run", dir .. "/mine.lua" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("mine.lua:2: broken here", 1, true), r.err)
  end)
end)

describe("a reader without write access to the database's folder", function()
  after_each(H.cleanup)

  it("reads the plan (the side files stay for it)", function()
    if H.sh("[ \"$(id -u)\" = 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1") ~= 0 then
      pending("needs root, setpriv and the user nobody to drop privileges")
      return
    end
    local dir = H.tmpdir()
    local db = dir .. "/planwatch.db"
    assert.are.equal(0, H.run({ "--db", db, "init" }).code)
    assert.are.equal(0, H.run({ "--db", db, "load", H.PLUGINS .. "/yenbai-114", "--quiet" }).code)
    assert.are.equal(0, H.sh("test -f " .. H.quote(db .. "-wal") .. " && test -f " .. H.quote(db .. "-shm")))
    assert.are.equal(0, H.sh("chmod 755 " .. H.quote(dir) .. " && chmod 644 " .. H.quote(db) .. "*"))
    local out = dir .. "/out"
    local cmd = "setpriv --reuid=nobody --regid=nogroup --clear-groups env ASAN_OPTIONS=detect_leaks=0 "
      .. H.quote(H.bin) .. " --db " .. H.quote(db) .. " -e 'return #pw.units{ kind = \"district\" }' > "
      .. H.quote(out) .. " 2>&1"
    assert.are.equal(0, H.sh(cmd), H.read(out))
    assert.are.equal("9\n", H.read(out))
  end)
end)
