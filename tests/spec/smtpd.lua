-- The test SMTP and HTTP servers (tests/smtp/server.py, Debian's aiosmtpd):
-- started in the background, stopped by PID after each test.
local H = require "helper"

local smtpd = {}

local PY = "/usr/bin/python3"
local SERVER = H.root .. "/tests/smtp/server.py"

local servers = {}

-- A self-signed certificate for localhost and 127.0.0.1, made with openssl
-- in dir (a new scratch folder when not given); returns its two files.
function smtpd.certificate(dir)
  dir = dir or H.tmpdir()
  local cert, key = dir .. "/cert.pem", dir .. "/key.pem"
  assert(H.sh("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
    .. "-nodes -days 2 -subj /CN=localhost "
    .. "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " .. H.quote(key)
    .. " -out " .. H.quote(cert) .. " >/dev/null 2>&1") == 0, "openssl failed")
  return cert, key
end

-- The wall clock in seconds, with nanoseconds (os.time has whole seconds).
function smtpd.now()
  local p = io.popen("date +%s.%N")
  local t = tonumber(p:read("l"))
  p:close()
  return t
end

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
