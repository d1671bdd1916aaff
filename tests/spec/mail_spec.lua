-- pw.mail: messages built in C, delivered to a real SMTP server (aiosmtpd,
-- tests/smtp/server.py) and read back with Python's email package; the file
-- transport, dry runs and webhooks.
local H = require "helper"

local PY = "/usr/bin/python3"
local SERVER = H.root .. "/tests/smtp/server.py"
local HAVE_OPENSSL = H.sh("command -v openssl >/dev/null 2>&1") == 0

local FROM = "planwatch@skhcn.yenbai.example.org"
local TO = "vanthu@stttt.yenbai.example.org"
local SUBJECT = "Nhắc nộp Báo cáo kết quả thực hiện Kế hoạch 114/KH-UBND năm 2025 — "
  .. "còn 7 ngày (hạn chót 16/12/2025), Sở Thông tin và Truyền thông tỉnh Yên Bái"
local TEXT = "Kính gửi Sở Thông tin và Truyền thông,\n\n"
  .. "Theo Kế hoạch số 114/KH-UBND ngày 11/5/2021 của UBND tỉnh Yên Bái, đề nghị "
  .. "Quý Sở gửi Báo cáo kết quả thực hiện năm 2025 trước ngày 16/12/2025.\n"
  .. ".\n"
  .. "Dòng trên chỉ có một dấu chấm.\n\nTrân trọng.\n"
local HTML = "<p>Kính gửi <b>Sở Thông tin và Truyền thông</b>,</p>\n"
  .. "<p>Đề nghị Quý Sở gửi báo cáo trước ngày <b>16/12/2025</b>.</p>\n"
local KEY = "BC_KH114/STTTT/2025/-7"

-- A value written as a Lua literal (plain data only); the same function is
-- sent to planwatch so results come back as literals too.
local LIT = [[
local function lit(v)
  if type(v) == "string" then return string.format("%q", v) end
  if math.type(v) == "integer" then return string.format("%d", v) end
  if type(v) ~= "table" then return tostring(v) end
  local parts = {}
  for k, x in pairs(v) do parts[#parts + 1] = "[" .. lit(k) .. "]=" .. lit(x) end
  return "{" .. table.concat(parts, ",") .. "}"
end
]]
local lit = assert(load(LIT .. "return lit"))()

-- Every transport setting, blank, so the caller's environment never leaks in.
local function base_env(extra)
  local env = {
    PLANWATCH_SMTP_URL = "", PLANWATCH_SMTP_USER = "", PLANWATCH_SMTP_PASSWORD = "",
    PLANWATCH_SMTP_PASSWORD_FILE = "", PLANWATCH_SMTP_CAFILE = "",
    PLANWATCH_SMTP_STARTTLS = "", PLANWATCH_SMTP_INSECURE = "",
    PLANWATCH_SMTP_TIMEOUT_MS = "5000", PLANWATCH_MAIL_FROM = FROM,
    PLANWATCH_MAIL_DIR = H.tmpdir() .. "/outbox-mail", PLANWATCH_TRANSPORT = "",
  }
  for k, v in pairs(extra or {}) do env[k] = v end
  -- without a server, the file transport, chosen explicitly
  if env.PLANWATCH_SMTP_URL == "" and env.PLANWATCH_TRANSPORT == "" then env.PLANWATCH_TRANSPORT = "file" end
  return env
end

-- Run Lua body (ending in a return) with `planwatch -e`; returns the value
-- it returned and the run { code, out, err }.
local function eval(body, env)
  local code = LIT .. "return lit((function()\n" .. body .. "\nend)())\n"
  local r = H.run({ "-e", code }, { env = env or base_env() })
  assert(r.code == 0, "planwatch -e failed:\n" .. r.err)
  return assert(load("return " .. r.out, "=result", "t", {}))(), r
end

-- Send each message of msgs through one session; returns the results.
local function send_all(msgs, env)
  return eval("local s = pw.mail.session()\nlocal out = {}\n"
    .. "for i, m in ipairs(" .. lit(msgs) .. ") do out[i] = s:send(m) end\n"
    .. "s:close()\nreturn out", env)
end

local function message(extra)
  local m = { to = TO, subject = SUBJECT, text = TEXT, html = HTML, key = KEY,
              headers = { "Auto-Submitted: auto-generated", ["X-Planwatch-Key"] = KEY } }
  for k, v in pairs(extra or {}) do m[k] = v end
  return m
end

local smtpd = require "smtpd"
local start, stop_all, number = smtpd.start, smtpd.stop_all, smtpd.number

local function commands(srv)
  return H.read(srv.dir .. "/commands.log")
end

local function smtp_env(srv, extra, scheme)
  local env = base_env({ PLANWATCH_SMTP_URL = (scheme or "smtp") .. "://127.0.0.1:" .. srv.port })
  for k, v in pairs(extra or {}) do env[k] = v end
  return env
end

-- Decode a stored message with Python's email package (policy=default).
local function decode(file)
  local out = H.tmpdir()
  assert(H.sh(PY .. " " .. H.quote(SERVER) .. " decode " .. H.quote(file) .. " "
    .. H.quote(out)) == 0, "decoding " .. file .. " failed")
  local d = {}
  for _, k in ipairs({ "subject", "from", "to", "plain", "html", "defects", "max_line",
                       "bare_lf", "non_ascii", "content_type" }) do
    d[k] = H.read(out .. "/" .. k)
  end
  return d
end

local function stored(srv, n)
  return srv.dir .. string.format("/messages/%06d.eml", n)
end


local certificate, now = smtpd.certificate, smtpd.now

local function assert_decodes(d)
  assert.are.equal(SUBJECT, d.subject)
  assert.are.equal(TEXT, d.plain)
  assert.are.equal(HTML, d.html)
  assert.are.equal("multipart/alternative", d.content_type)
  assert.are.equal("", d.defects)
  assert.are.equal("0", d.bare_lf)
  assert.are.equal("0", d.non_ascii)
  assert.is_true(tonumber(d.max_line) <= 78, "a line of " .. d.max_line .. " bytes")
end

describe("pw.mail.build", function()
  after_each(H.cleanup)

  it("builds a Vietnamese message that Python's email package reads back exactly", function()
    local path = H.tmpdir() .. "/m.eml"
    local built = eval(string.format([[
      local m, id = pw.mail.build{ from = { address = %q, name = "Văn phòng Sở KH&CN" },
        to = %q, subject = %q, text = %q, html = %q,
        headers = { "Auto-Submitted: auto-generated" } }
      return { m = m, id = id }]], FROM, TO, SUBJECT, TEXT, HTML))
    H.write(path, built.m)
    local id = built.id
    local d = decode(path)
    assert_decodes(d)
    assert.are.equal("Văn phòng Sở KH&CN <" .. FROM .. ">", d.from)
    assert.truthy(H.read(path):find("\r\nMessage-ID: " .. id .. "\r\n", 1, true))
    assert.truthy(id:match("^<%x+@skhcn%.yenbai%.example%.org>$"))
  end)

  it("refuses CR, LF and control characters in addresses, subjects and headers", function()
    local cases = {
      { to = "vanthu@x.vn>\r\nRCPT TO:<evil@x.vn" },
      { to = "vanthu@x.vn\n" },
      { to = "van thu@x.vn" },
      { to = "<vanthu@x.vn>" },
      { from = "planwatch@x.vn\r\nBcc: evil@x.vn" },
      { subject = "Nhắc việc\r\nBcc: evil@x.vn" },
      { subject = "Nhắc\tviệc" },
      { headers = { "X-Planwatch-Key: a\r\nBcc: evil@x.vn" } },
      { headers = { ["X-Planwatch-Key"] = "a\nb" } },
      { headers = { ["Bcc"] = "evil@x.vn" } },
      { headers = { "no colon here" } },
      { subject = "\xC3\x28 not UTF-8" },
    }
    for i, c in ipairs(cases) do
      local t = { from = FROM, to = TO, subject = "x", text = "x" }
      for k, v in pairs(c) do t[k] = v end
      local got = eval("local m, err = pw.mail.build(" .. lit(t) .. ")\n"
        .. "return { built = m ~= nil, err = err }")
      assert.is_false(got.built, "case " .. i .. " was built")
      assert.truthy(#got.err > 0)
    end
  end)
end)

describe("mail over SMTP", function()
  after_each(function() stop_all(); H.cleanup() end)

  it("delivers a Vietnamese message that decodes to the exact subject, text and html", function()
    local srv = start("smtp")
    local r = send_all({ message() }, smtp_env(srv))[1]
    assert.is_true(r.ok, r.message)
    assert.are.equal(250, r.code)
    assert.are.equal("smtp", r.transport)
    assert.are.equal(1, number(srv, "count"))
    assert.are.equal("MAIL " .. FROM .. "\nRCPT " .. TO .. "\n", commands(srv):match("^MAIL.-\n.-\n"))
    local raw = H.read(stored(srv, 1))
    assert_decodes(decode(stored(srv, 1)))
    assert.truthy(raw:find("\r\nMessage-ID: " .. r.message_id .. "\r\n", 1, true))
    assert.truthy(raw:find("\r\nAuto-Submitted: auto-generated\r\n", 1, true))
    assert.truthy(raw:find("\r\nX-Planwatch-Key: " .. KEY .. "\r\n", 1, true))
  end)

  it("sends 50 messages over one connection", function()
    local srv = start("smtp")
    local msgs = {}
    for i = 1, 50 do msgs[i] = message({ subject = "Nhắc việc số " .. i }) end
    local results = send_all(msgs, smtp_env(srv))
    for i = 1, 50 do assert.is_true(results[i].ok, results[i].message) end
    assert.are.equal(50, number(srv, "count"))
    assert.are.equal(1, number(srv, "connections"))
    assert.are.equal("Nhắc việc số 50", decode(stored(srv, 50)).subject)
  end)

  it("says QUIT when a session is closed, leaves a <close> scope or is collected", function()
    local srv = start("smtp")
    local m = lit(message())
    local closed = eval("do local s <close> = pw.mail.session(); s:send(" .. m .. ") end\n"
      .. "local s2 = pw.mail.session(); s2:send(" .. m .. "); s2:close()\n"
      .. "local s3 = pw.mail.session(); s3:send(" .. m .. ")\n"
      .. "return select(2, pcall(s2.send, s2, " .. m .. "))", smtp_env(srv))
    assert.truthy(closed:find("session is closed", 1, true))
    assert.are.equal(3, number(srv, "count"))
    assert.are.equal(3, number(srv, "connections"))
    local _, quits = commands(srv):gsub("QUIT\n", "")
    assert.are.equal(3, quits)
  end)

  it("reports 451 to RCPT as temporary and 550 as permanent", function()
    local soft = start("smtp", "--rcpt-reply '451 4.3.0 Mailbox busy, try later'")
    local hard = start("smtp", "--rcpt-reply '550 5.1.1 No such user'")
    local r1 = send_all({ message() }, smtp_env(soft))[1]
    local r2 = send_all({ message() }, smtp_env(hard))[1]
    assert.is_false(r1.ok)
    assert.is_true(r1.temporary)
    assert.are.equal(451, r1.code)
    assert.truthy(r1.message:find("451 4.3.0 Mailbox busy", 1, true))
    assert.is_false(r2.ok)
    assert.is_false(r2.temporary)
    assert.are.equal(550, r2.code)
    assert.are.equal(0, number(soft, "count") + number(hard, "count"))
  end)

  it("reports 451 after the data as temporary and 554 as permanent", function()
    local soft = start("smtp", "--data-reply '451 4.3.0 Queue full'")
    local hard = start("smtp", "--data-reply '554 5.6.0 Message refused'")
    local r1 = send_all({ message() }, smtp_env(soft))[1]
    local r2 = send_all({ message() }, smtp_env(hard))[1]
    assert.is_true(not r1.ok and r1.temporary and r1.code == 451, r1.message)
    assert.is_true(not r2.ok and not r2.temporary and r2.code == 554, r2.message)
  end)

  it("reports a server that is down as temporary", function()
    local r = send_all({ message() }, base_env({ PLANWATCH_SMTP_URL = "smtp://127.0.0.1:1" }))[1]
    assert.is_false(r.ok)
    assert.is_true(r.temporary)
  end)

  it("times out on a late answer to the final dot, then sends the next message on a fresh connection", function()
    local srv = start("smtp", "--late 4 --first 1")
    local t0 = now()
    local results = send_all({ message({ subject = "một" }), message({ subject = "hai" }) },
      smtp_env(srv, { PLANWATCH_SMTP_TIMEOUT_MS = "1000", PLANWATCH_SMTP_FINAL_TIMEOUT_MS = "1000" }))
    local elapsed = now() - t0
    assert.is_false(results[1].ok)
    assert.is_true(results[1].temporary)
    assert.truthy(results[1].message:find("may have stored it", 1, true))
    assert.is_true(results[2].ok, results[2].message)
    assert.are.equal(2, number(srv, "connections"))
    -- the late message was stored all the same: a retry would duplicate it
    assert.are.equal(2, number(srv, "count"))
    assert.is_true(elapsed < 3.5, "the run took " .. elapsed .. " s")
  end)

  it("treats a connection dropped during DATA as temporary and recovers", function()
    local srv = start("smtp", "--drop --first 1")
    local results = send_all({ message(), message() }, smtp_env(srv))
    assert.is_false(results[1].ok)
    assert.is_true(results[1].temporary)
    assert.is_true(results[2].ok, results[2].message)
    assert.are.equal(1, number(srv, "count"))
    assert.are.equal(2, number(srv, "connections"))
  end)

  it("refuses CR/LF in an address or a header before anything reaches the server", function()
    local srv = start("smtp")
    local results = send_all({
      message({ to = TO .. ">\r\nRCPT TO:<evil@x.vn" }),
      message({ to = TO .. "\r\n.\r\nMAIL FROM:<evil@x.vn>" }),
      message({ subject = "Nhắc việc\r\nBcc: evil@x.vn" }),
      message({ headers = { "Auto-Submitted: auto-generated\r\nBcc: evil@x.vn" } }),
      message({ from_name = "Sở KH&CN\nBcc: evil@x.vn" }),
    }, smtp_env(srv))
    for i, r in ipairs(results) do
      assert.is_false(r.ok, "message " .. i .. " was sent")
      assert.is_false(r.temporary)
      assert.truthy(r.message:find("not sent", 1, true) or r.message:find("recipient", 1, true))
    end
    assert.are.equal(0, number(srv, "connections"))
    assert.are.equal(0, number(srv, "count"))
    assert.are.equal("", commands(srv))
  end)

  it("refuses a sender address with CR/LF from the environment", function()
    local r = H.run({ "-e", "return pw.mail.session()" },
      { env = base_env({ PLANWATCH_SMTP_URL = "smtp://127.0.0.1:1",
                         PLANWATCH_MAIL_FROM = "a@x.vn\r\nRCPT TO:<evil@x.vn>" }) })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("PLANWATCH_MAIL_FROM", 1, true))
  end)
end)

if not HAVE_OPENSSL then
  pending("openssl is not installed: the STARTTLS, TLS and AUTH cases are skipped")
else
describe("mail over SMTP with TLS and AUTH", function()
  after_each(function() stop_all(); H.cleanup() end)

  local PASSWORD = "Mật-khẩu-Hunter2"

  it("logs in after STARTTLS, with the password read from a file", function()
    local cert, key = certificate()
    local srv = start("smtp", "--starttls " .. H.quote(cert) .. " " .. H.quote(key)
      .. " --auth " .. H.quote("planwatch:" .. PASSWORD))
    local pwfile = H.tmpdir() .. "/password"
    H.write(pwfile, PASSWORD .. "\nignored second line\n")
    assert(H.sh("chmod 600 " .. H.quote(pwfile)) == 0)
    local r = send_all({ message() }, smtp_env(srv, { PLANWATCH_SMTP_USER = "planwatch",
      PLANWATCH_SMTP_PASSWORD_FILE = pwfile, PLANWATCH_SMTP_CAFILE = cert }))[1]
    assert.is_true(r.ok, r.message)
    assert.truthy(commands(srv):find("^AUTH %u+ ok\nMAIL"))
    assert_decodes(decode(stored(srv, 1)))
  end)

  it("reports a wrong password as permanent and never prints the password", function()
    local cert, key = certificate()
    local srv = start("smtp", "--starttls " .. H.quote(cert) .. " " .. H.quote(key)
      .. " --auth " .. H.quote("planwatch:" .. PASSWORD))
    local wrong = "Sai-mat-khau-9731"
    local code = "local s = pw.mail.session()\n"
      .. "local r = s:send(" .. lit(message()) .. ")\n"
      .. "pw.err(r.message, '\\n')\n"
      .. "r.transport_kind, r.url = pw.mail.transport()\n"
      .. "return r"
    local r, run = eval(code, smtp_env(srv, { PLANWATCH_SMTP_USER = "planwatch",
      PLANWATCH_SMTP_PASSWORD = wrong, PLANWATCH_SMTP_CAFILE = cert }))
    assert.is_false(r.ok)
    assert.is_false(r.temporary)
    assert.are.equal(535, r.code)
    for _, text in ipairs({ run.out, run.err }) do
      assert.is_nil(text:find(wrong, 1, true))
      assert.is_nil(text:find(PASSWORD, 1, true))
    end
    assert.are.equal("smtp", r.transport_kind)
    assert.are.equal("smtp://127.0.0.1:" .. srv.port, r.url)
    assert.are.equal(0, number(srv, "count"))
  end)

  it("refuses to log in when the server offers no STARTTLS, and sends nothing", function()
    local srv = start("smtp", "--auth planwatch:x --auth-in-clear")
    local r = send_all({ message() }, smtp_env(srv, { PLANWATCH_SMTP_USER = "planwatch",
      PLANWATCH_SMTP_PASSWORD = "x" }))[1]
    assert.is_false(r.ok)
    assert.is_false(r.temporary)
    assert.are.equal(0, number(srv, "count"))
    assert.is_nil(commands(srv):find("AUTH", 1, true))
    assert.is_nil(commands(srv):find("MAIL", 1, true))
  end)

  it("delivers over implicit TLS (smtps://)", function()
    local cert, key = certificate()
    local srv = start("smtp", "--tls " .. H.quote(cert) .. " " .. H.quote(key))
    local r = send_all({ message() }, smtp_env(srv, { PLANWATCH_SMTP_CAFILE = cert }, "smtps"))[1]
    assert.is_true(r.ok, r.message)
    assert.are.equal(1, number(srv, "count"))
  end)

  it("verifies certificates by default: an unknown one is a permanent failure", function()
    local cert, key = certificate()
    local srv = start("smtp", "--tls " .. H.quote(cert) .. " " .. H.quote(key))
    local r = send_all({ message() }, smtp_env(srv, {}, "smtps"))[1]
    assert.is_false(r.ok)
    assert.is_false(r.temporary)
    assert.are.equal(0, number(srv, "count"))
    -- PLANWATCH_SMTP_INSECURE=1, for tests only, skips the check
    r = send_all({ message() }, smtp_env(srv, { PLANWATCH_SMTP_INSECURE = "1" }, "smtps"))[1]
    assert.is_true(r.ok, r.message)
  end)

  it("refuses credentials inside the URL without repeating them", function()
    local r = H.run({ "-e", "return pw.mail.session()" },
      { env = base_env({ PLANWATCH_SMTP_URL = "smtps://planwatch:" .. PASSWORD .. "@127.0.0.1:1" }) })
    assert.are.equal(2, r.code)
    assert.is_nil((r.out .. r.err):find(PASSWORD, 1, true))
  end)
end)
end

describe("the file transport", function()
  after_each(H.cleanup)

  it("writes one .eml file per message, named after its key, when no SMTP URL is set", function()
    local env = base_env()
    local dir = env.PLANWATCH_MAIL_DIR
    local results, run = send_all({ message(), message({ key = "BC_KH114/SCT/2025/0" }) }, env)
    assert.are.equal("", run.err)
    for _, r in ipairs(results) do
      assert.is_true(r.ok, r.message)
      assert.are.equal("file", r.transport)
    end
    -- the key made safe, then a hash of the key as it was ('/' replaced)
    local a = results[1].path:match("^" .. dir:gsub("%p", "%%%0") .. "/(BC_KH114_STTTT_2025_%-7%-%x+%.eml)$")
    local b = results[2].path:match("^" .. dir:gsub("%p", "%%%0") .. "/(BC_KH114_SCT_2025_0%-%x+%.eml)$")
    assert.is_truthy(a, results[1].path)
    assert.is_truthy(b, results[2].path)
    local p = io.popen("ls -A " .. H.quote(dir))
    local names = p:read("a")
    p:close()
    assert.are.equal(b .. "\n" .. a .. "\n", names)
    assert_decodes(decode(results[1].path))
    assert.are.same({ "file", dir }, eval("return { pw.mail.transport() }", env))
  end)

  it("in a batch session, names each file at once and waits for the disk at sync()", function()
    local env = base_env()
    local dir = env.PLANWATCH_MAIL_DIR
    local r = eval("local s = pw.mail.session{ batch = true }\n"
      .. "local a = s:send(" .. lit(message()) .. ")\n"
      .. "local b = s:send(" .. lit(message({ key = "k2" })) .. ")\n"
      .. "local listed = pw.list_dir(" .. lit(dir) .. ")\n"
      .. "local synced, idle = s:sync(), s:sync()\n"
      .. "local c = s:send(" .. lit(message({ key = "k3" })) .. ")\n"
      .. "return { ok = a.ok and b.ok and c.ok, listed = listed, synced = synced, idle = idle,"
      .. " closed = s:close(), after = pw.list_dir(" .. lit(dir) .. ") }", env)
    assert.is_true(r.ok)
    assert.are.equal(2, #r.listed)
    assert.truthy(r.listed[1]:match("^BC_KH114_STTTT_2025_%-7%-%x+%.eml$"), r.listed[1])
    assert.are.equal("k2.eml", r.listed[2])
    assert.is_true(r.synced)
    assert.is_true(r.idle) -- nothing left to sync
    assert.is_true(r.closed) -- close syncs what is pending
    assert.are.same({ r.listed[1], "k2.eml", "k3.eml" }, r.after)
  end)

  it("builds but sends nothing in a dry run, whatever the SMTP settings", function()
    local env = base_env({ PLANWATCH_SMTP_URL = "smtp://user:secret@127.0.0.1:1" })
    local r = eval("local s = pw.mail.session{ dry_run = true }\n"
      .. "return s:send(" .. lit(message()) .. ")", env)
    assert.is_true(r.ok)
    assert.are.equal("dry-run", r.transport)
    assert.truthy(r.data:find("\r\nMIME-Version: 1.0\r\n", 1, true))
    assert.is_false(H.sh("test -e " .. H.quote(env.PLANWATCH_MAIL_DIR)) == 0)
  end)
end)

describe("webhooks", function()
  after_each(function() stop_all(); H.cleanup() end)

  it("POSTs the JSON body to the URL", function()
    local srv = start("http")
    local body = '{"unit":"STTTT","text":"Nhắc nộp báo cáo năm 2025"}'
    local r = eval("return pw.mail.webhook(" .. lit("http://127.0.0.1:" .. srv.port
      .. "/hooks/planwatch?token=abc") .. ", " .. lit(body) .. ")")
    assert.is_true(r.ok, r.message)
    assert.are.equal(200, r.code)
    assert.are.equal(body, H.read(srv.dir .. "/post-1.body"))
    assert.truthy(H.read(srv.dir .. "/post-1.headers"):find("Content-Type: application/json", 1, true))
    assert.is_nil(r.message:find("token", 1, true))
  end)

  it("classifies 503 and a server that is down as temporary, 404 as permanent", function()
    local busy = start("http", "--status 503")
    local gone = start("http", "--status 404")
    local r = eval("return { pw.mail.webhook(" .. lit("http://127.0.0.1:" .. busy.port .. "/") .. ", '{}'),"
      .. " pw.mail.webhook(" .. lit("http://127.0.0.1:" .. gone.port .. "/") .. ", '{}'),"
      .. " pw.mail.webhook('http://127.0.0.1:1/', '{}'),"
      .. " pw.mail.webhook('file:///etc/passwd', '{}') }")
    assert.is_true(not r[1].ok and r[1].temporary and r[1].code == 503, r[1].message)
    assert.is_true(not r[2].ok and not r[2].temporary and r[2].code == 404, r[2].message)
    assert.is_true(not r[3].ok and r[3].temporary, r[3].message)
    assert.is_true(not r[4].ok and not r[4].temporary, r[4].message)
  end)
end)
