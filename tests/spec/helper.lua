-- Shared by the specs: run the planwatch binary, make scratch folders.
-- Specs run under plain lua5.4 (busted); the binary under test is
-- $PLANWATCH_BIN (the sanitized build in `make test`).
local H = {}

H.root = os.getenv("PLANWATCH_ROOT") or "."
H.bin = os.getenv("PLANWATCH_BIN") or (H.root .. "/build/planwatch")

local function quote(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end
H.quote = quote

local function slurp(path)
  local f = io.open(path, "rb")
  if not f then return "" end
  local s = f:read("a")
  f:close()
  return s
end
H.read = slurp

function H.write(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

function H.sh(cmd)
  local ok, _, code = os.execute(cmd)
  return ok and 0 or code
end

-- A fresh scratch folder, removed by H.cleanup().
local made = {}
function H.tmpdir()
  local p = io.popen("mktemp -d /tmp/planwatch-spec.XXXXXX")
  local dir = p:read("l")
  p:close()
  made[#made + 1] = dir
  return dir
end

function H.cleanup()
  for _, d in ipairs(made) do os.execute("rm -rf " .. quote(d)) end
  made = {}
end

-- Run planwatch with the argument list args. opts.env: extra environment
-- variables; opts.stdin: text for standard input. Returns
-- { code = exit status, out = stdout, err = stderr }. A sanitizer report
-- fails the calling test.
function H.run(args, opts)
  opts = opts or {}
  local dir = H.tmpdir()
  local parts = {}
  for k, v in pairs(opts.env or {}) do parts[#parts + 1] = k .. "=" .. quote(v) end
  parts[#parts + 1] = quote(H.bin)
  for _, a in ipairs(args) do parts[#parts + 1] = quote(a) end
  local cmd = table.concat(parts, " ")
  if opts.stdin then
    H.write(dir .. "/in", opts.stdin)
    cmd = cmd .. " < " .. quote(dir .. "/in")
  else
    cmd = cmd .. " < /dev/null"
  end
  cmd = cmd .. " > " .. quote(dir .. "/out") .. " 2> " .. quote(dir .. "/err")
  local code = H.sh(cmd)
  local r = { code = code, out = slurp(dir .. "/out"), err = slurp(dir .. "/err") }
  if r.err:find("Sanitizer") then
    error("sanitizer report from planwatch " .. table.concat(args, " ") .. ":\n" .. r.err, 2)
  end
  return r
end

-- The plan packages the specs load: plugins/ as committed (git HEAD), never
-- the working tree's, which the README's tour invites people to edit. Made
-- once per run in a folder of its own, removed when the run ends; outside a
-- git checkout, the working tree's plugins/ as it is.
local function committed_plugins()
  local p = io.popen("mktemp -d /tmp/planwatch-plugins.XXXXXX")
  local dir = p:read("l")
  p:close()
  local cmd = "git -C " .. quote(H.root) .. " archive --format=tar HEAD plugins 2>/dev/null | tar -x -C "
    .. quote(dir) .. " 2>/dev/null"
  if H.sh(cmd) ~= 0 or H.sh("test -f " .. quote(dir .. "/plugins/yenbai-114/plan.lua")) ~= 0 then
    assert(H.sh("rm -rf " .. quote(dir) .. " && mkdir -p " .. quote(dir) .. " && cp -r "
      .. quote(H.root .. "/plugins") .. " " .. quote(dir .. "/plugins")) == 0)
  end
  H.plugins_keeper = setmetatable({}, { __gc = function() os.execute("rm -rf " .. quote(dir)) end })
  return dir .. "/plugins"
end
H.PLUGINS = committed_plugins()

-- A copy of a plan package ("plugins/NAME", from H.PLUGINS) in a scratch
-- folder; returns its path.
function H.copy_package(src)
  local name = src:match("([^/]+)/*$")
  local dir = H.tmpdir() .. "/" .. name
  assert(H.sh("cp -r " .. quote(H.PLUGINS .. "/" .. name) .. " " .. quote(dir)) == 0)
  return dir
end

-- A scratch database path with the schema created.
function H.new_db()
  local db = H.tmpdir() .. "/planwatch.db"
  local r = H.run({ "--db", db, "init" })
  assert(r.code == 0, r.err)
  return db
end

-- A database with the Yên Bái plan loaded.
function H.yenbai_db()
  local db = H.new_db()
  local r = H.run({ "--db", db, "load", H.PLUGINS .. "/yenbai-114", "--quiet" })
  assert(r.code == 0, r.err)
  return db
end

return H
