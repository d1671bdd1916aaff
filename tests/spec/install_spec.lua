-- Installing and scheduling as the README and deploy/ say: `make install
-- PREFIX=...`, the man page, the systemd units and the cron wrapper, each
-- tried as written.
local H = require "helper"

local function sh_out(cmd)
  local p = io.popen(cmd .. " 2>&1; echo \"rc=$?\"")
  local s = p:read("a")
  p:close()
  local rc = tonumber(s:match("rc=(%d+)%s*$"))
  return s:gsub("rc=%d+%s*$", ""), rc
end

local prefix -- one installation for the whole file

setup(function()
  local p = io.popen("mktemp -d /tmp/planwatch-install.XXXXXX")
  prefix = p:read("l")
  p:close()
  local out, rc = sh_out("make -s -C " .. H.quote(H.root) .. " install PREFIX=" .. H.quote(prefix))
  assert(rc == 0, out)
end)

teardown(function()
  os.execute("rm -rf " .. H.quote(prefix))
  H.cleanup()
end)

describe("make install", function()
  it("installs a binary that runs status from any folder, with the plan it ships", function()
    local db = H.tmpdir() .. "/p.db"
    local bin = prefix .. "/bin/planwatch"
    local out, rc = sh_out("cd / && " .. H.quote(bin) .. " --db " .. H.quote(db) .. " init && "
      .. H.quote(bin) .. " --db " .. H.quote(db) .. " load --quiet "
      .. H.quote(prefix .. "/share/planwatch/plugins/yenbai-114") .. " && "
      .. H.quote(bin) .. " --db " .. H.quote(db) .. " --lang en status")
    assert.are.equal(0, rc, out)
    assert.truthy(out:find("114/KH-UBND", 1, true), out)
  end)

  it("finds its scripts through the compiled-in path when the binary is copied elsewhere", function()
    local dir = H.tmpdir()
    assert.are.equal(0, H.sh("cp " .. H.quote(prefix .. "/bin/planwatch") .. " " .. H.quote(dir)))
    local out, rc = sh_out("cd / && " .. H.quote(dir .. "/planwatch") .. " -e 'return 6 * 7'")
    assert.are.equal(0, rc, out)
    assert.are.equal("42\n", out)
  end)

  it("says how to fix a binary that cannot find its scripts", function()
    local dir = H.tmpdir()
    assert.are.equal(0, H.sh("cp " .. H.quote(H.root .. "/build/planwatch") .. " " .. H.quote(dir)))
    local out, rc = sh_out("cd / && " .. H.quote(dir .. "/planwatch") .. " -e 'return 1'")
    assert.are.equal(2, rc)
    assert.truthy(out:find("PLANWATCH_HOME", 1, true), out)
  end)

  it("installs a man page that renders without warnings", function()
    local page = prefix .. "/share/man/man1/planwatch.1"
    local out, rc = sh_out("groff -man -Tutf8 -ww -z " .. H.quote(page))
    assert.are.equal(0, rc)
    assert.are.equal("", out)
    out = sh_out("MANWIDTH=80 man -l " .. H.quote(page))
    assert.truthy(out:find("planwatch%s+%-%s+follow%s+how%s+a%s+government%s+plan"), out)
    for _, cmd in ipairs({ "init", "load", "import", "status", "remind", "report", "repl" }) do
      assert.truthy(out:find("\n       " .. cmd, 1, true), cmd)
    end
  end)
end)

describe("the systemd units", function()
  it("pass systemd-analyze verify with the installed paths", function()
    if H.sh("command -v systemd-analyze >/dev/null") ~= 0 then
      pending("systemd-analyze is not installed")
      return
    end
    local dir = H.tmpdir()
    local deploy = prefix .. "/share/planwatch/deploy"
    for _, unit in ipairs({ "planwatch-remind.service", "planwatch-remind.timer", "planwatch-failed@.service" }) do
      local text = H.read(deploy .. "/" .. unit):gsub("/usr/local", prefix)
      H.write(dir .. "/" .. unit, text)
    end
    local out, rc = sh_out("cd " .. H.quote(dir) .. " && systemd-analyze verify planwatch-remind.service "
      .. "planwatch-remind.timer planwatch-failed@x.service")
    assert.are.equal(0, rc, out)
    assert.falsy(out:find("not executable", 1, true), out)
    local service = H.read(dir .. "/planwatch-remind.service")
    assert.truthy(service:find("\nEnvironment=TZ=Asia/Ho_Chi_Minh\n", 1, true))
    assert.truthy(service:find("\nLoadCredential=smtp-password:", 1, true))
    assert.truthy(service:find("\nOnFailure=", 1, true))
    assert.falsy(service:find("PLANWATCH_SMTP_PASSWORD=", 1, true))
  end)
end)

describe("the cron wrapper", function()
  local wrapper, env

  before_each(function()
    wrapper = prefix .. "/share/planwatch/deploy/planwatch-cron"
    local dir = H.tmpdir()
    local db = dir .. "/planwatch.db"
    local bin = H.quote(prefix .. "/bin/planwatch") .. " --db " .. H.quote(db)
    assert.are.equal(0, H.sh(bin .. " init >/dev/null && " .. bin .. " load --quiet "
      .. H.quote(prefix .. "/share/planwatch/plugins/yenbai-114") .. " >/dev/null"))
    env = "PLANWATCH_CONF=/nonexistent PLANWATCH_BIN=" .. H.quote(prefix .. "/bin/planwatch")
      .. " PLANWATCH_DB=" .. H.quote(db) .. " "
  end)

  it("is silent when the run succeeds", function()
    local out, rc = sh_out(env .. H.quote(wrapper) .. " status")
    assert.are.equal(0, rc)
    assert.are.equal("", out)
  end)

  it("prints what went wrong and fails when the run fails", function()
    local out, rc = sh_out(env .. H.quote(wrapper) .. " nosuchcommand")
    assert.are.equal(2, rc)
    assert.truthy(out:find("nosuchcommand", 1, true), out)
    assert.truthy(out:find("exited with status 2", 1, true), out)
  end)

  it("never runs twice at once: a second run waits, then fails loudly", function()
    local db = env:match("PLANWATCH_DB='([^']+)'")
    local lock = db:gsub("[^/]+$", "") .. ".planwatch-cron.lock"
    assert.are.equal(0, H.sh("(flock " .. H.quote(lock) .. " sleep 3 &) ; sleep 0.3"))
    local out, rc = sh_out("PLANWATCH_CRON_WAIT=1 " .. env .. H.quote(wrapper) .. " status")
    assert.are.equal(75, rc)
    assert.truthy(out:find("another run still holds", 1, true), out)
  end)
end)
