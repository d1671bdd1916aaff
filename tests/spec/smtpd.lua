-- The test SMTP and HTTP servers (tests/smtp/server.py, Debian's aiosmtpd):
-- started in the background, stopped by PID after each test.
local H = require "helper"

local smtpd = {}

local PY = "/usr/bin/python3"
local SERVER = H.root .. "/tests/smtp/server.py"

local servers = {}

function smtpd.start(kind, args)
  local dir = H.tmpdir()
  local p = io.popen(PY .. " " .. H.quote(SERVER) .. " " .. kind .. " " .. H.quote(dir)
    .. " " .. (args or "") .. " > " .. H.quote(dir .. "/log") .. " 2>&1 & echo $!")
  local srv = { dir = dir, pid = assert(tonumber(p:read("l"))) }
  p:close()
  servers[#servers + 1] = srv
  for _ = 1, 200 do
    srv.port = H.read(dir .. "/port"):match("^(%d+)\n")
    if srv.port then return srv end
    H.sh("sleep 0.05")
  end
  error("the test server did not start:\n" .. H.read(dir .. "/log"))
end

-- Whether process pid still runs. A server's parent shell is gone, so once
-- it exits it waits as a zombie until init reaps it: that counts as stopped.
local function running(pid)
  local f = io.open("/proc/" .. pid .. "/stat")
  if not f then return false end
  local state = f:read("a"):match("%) (%a)")
  f:close()
  return state ~= "Z"
end

function smtpd.stop_all()
  for _, srv in ipairs(servers) do
    H.sh("kill " .. srv.pid .. " 2>/dev/null")
    for _ = 1, 100 do
      if not running(srv.pid) then break end
      H.sh("sleep 0.05")
    end
  end
  servers = {}
end

function smtpd.number(srv, file)
  return tonumber(H.read(srv.dir .. "/" .. file):match("%d+"))
end

return smtpd
