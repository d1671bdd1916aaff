-- Mail must never be lost silently, never flood, never hang a run: remind
-- and outbox flush against the test servers (tests/smtp/server.py) set up
-- to fail in the ways real servers and settings do. Every case counts what
-- the server stored.
local H = require "helper"
local smtpd = require "smtpd"
local S = require "support"

local FROM = "planwatch@skhcn.example.org"
local HAVE_OPENSSL = H.sh("command -v openssl >/dev/null 2>&1") == 0
local TODAY = "2025-12-15"

local function env(srv, extra, scheme)
  local e = { PLANWATCH_SMTP_URL = srv and ((scheme or "smtp") .. "://127.0.0.1:" .. srv.port) or "",
    PLANWATCH_MAIL_FROM = FROM, PLANWATCH_SMTP_USER = "", PLANWATCH_SMTP_PASSWORD = "",
    PLANWATCH_SMTP_PASSWORD_FILE = "", PLANWATCH_SMTP_TIMEOUT_MS = "5s",
    PLANWATCH_SMTP_CONNECT_TIMEOUT_MS = "2s", PLANWATCH_SMTP_HELO = "planwatch.example.org",
    PLANWATCH_TRANSPORT = "", PLANWATCH_MAIL_DIR = H.tmpdir() .. "/mail" }
  for k, v in pairs(extra or {}) do e[k] = v end
  return e
end

-- One number a query gives (support.lua).
local count = S.value

local function state_count(db, state)
  return count(db, "SELECT count(*) AS n FROM outbox WHERE state = '" .. state .. "'")
end

local function remind(db, e, extra)
  local args = { "--lang", "en", "--db", db, "--today", TODAY, "remind" }
  for _, a in ipairs(extra or {}) do args[#args + 1] = a end
  return H.run(args, { env = e })
end

local function queue(db)
  local r = remind(db, {}, { "--no-deliver" })
  assert(r.code == 0, r.err)
  return count(db, "SELECT count(*) AS n FROM outbox")
end


local certificate, now = smtpd.certificate, smtpd.now

local function log_lines(srv, prefix)
  local n = 0
  for line in H.read(srv.dir .. "/commands.log"):gmatch("[^\n]+") do
    if line:sub(1, #prefix) == prefix then n = n + 1 end
  end
  return n
end

-- Every message the server stored, by recipient: how many copies each.
local function copies(srv)
  local by = {}
  for i = 1, smtpd.number(srv, "count") do
    local raw = H.read(srv.dir .. string.format("/messages/%06d.eml", i))
    local key = raw:match("\nTo:[^\n]*<([^>]+)>") or raw:match("\nTo: ([^\r\n]+)")
    by[key] = (by[key] or 0) + 1
  end
  return by
end

describe("a run without a transport", function()
  after_each(function() smtpd.stop_all(); H.cleanup() end)

  it("refuses, names PLANWATCH_SMTP_URL and queues nothing", function()
    local db = H.yenbai_db()
    local r = remind(db, env(nil))
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("PLANWATCH_SMTP_URL", 1, true))
    assert.is_nil(r.out:find("sent", 1, true))
    assert.are.equal(0, count(db, "SELECT count(*) AS n FROM outbox"))
    local f = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(nil) })
    assert.are.equal(1, f.code)
    assert.truthy(f.err:find("PLANWATCH_SMTP_URL", 1, true))
  end)

  it("writes files only when asked, and says so instead of 'sent'", function()
    local db = H.yenbai_db()
    local e = env(nil, { PLANWATCH_TRANSPORT = "file" })
    local r = remind(db, e)
    assert.are.equal(0, r.code, r.err)
    local n = count(db, "SELECT count(*) AS n FROM outbox")
    assert.is_true(n > 10)
    assert.truthy(r.out:find(n .. " written to " .. e.PLANWATCH_MAIL_DIR, 1, true), r.out)
    assert.is_nil(r.out:find("sent", 1, true))
    local p = io.popen("ls " .. H.quote(e.PLANWATCH_MAIL_DIR) .. " | grep -c '[.]eml$'")
    assert.is_true(tonumber(p:read("l")) > 0)
    p:close()
  end)

  it("refuses a transport it does not know", function()
    local db = H.yenbai_db()
    local r = remind(db, env(nil, { PLANWATCH_TRANSPORT = "smpt" }))
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("PLANWATCH_TRANSPORT", 1, true))
  end)
end)

describe("a setting error belongs to the session", function()
  after_each(function() smtpd.stop_all(); H.cleanup() end)

  if not HAVE_OPENSSL then
    pending("openssl is not installed: the TLS cases are skipped")
    return
  end

  it("a wrong password: one login attempt, every message still queued, exit 1", function()
    local cert, key = certificate()
    local srv = smtpd.start("smtp", "--starttls " .. H.quote(cert) .. " " .. H.quote(key)
      .. " --auth planwatch:right")
    local db = H.yenbai_db()
    local queued = queue(db)
    local r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(srv, {
      PLANWATCH_SMTP_USER = "planwatch", PLANWATCH_SMTP_PASSWORD = "wrong",
      PLANWATCH_SMTP_CAFILE = cert }) })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("PLANWATCH_SMTP_PASSWORD", 1, true), r.err)
    assert.is_nil(r.err:find("wrong", 1, true))
    assert.are.equal(1, log_lines(srv, "AUTH"))
    assert.are.equal(0, smtpd.number(srv, "count"))
    assert.are.equal(queued, state_count(db, "queued"))
    assert.are.equal(0, count(db, "SELECT count(*) AS n FROM outbox WHERE attempts > 0"))
    -- fixed: everything goes out, once
    r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(srv, {
      PLANWATCH_SMTP_USER = "planwatch", PLANWATCH_SMTP_PASSWORD = "right",
      PLANWATCH_SMTP_CAFILE = cert }) })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(queued, smtpd.number(srv, "count"))
    for _, n in pairs(copies(srv)) do assert.are.equal(1, n) end
  end)

  it("530 STARTTLS required: names PLANWATCH_SMTP_STARTTLS, nothing dead", function()
    local cert, key = certificate()
    local srv = smtpd.start("smtp", "--starttls " .. H.quote(cert) .. " " .. H.quote(key)
      .. " --require-starttls")
    local db = H.yenbai_db()
    local r = remind(db, env(srv))
    local queued = count(db, "SELECT count(*) AS n FROM outbox")
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("PLANWATCH_SMTP_STARTTLS", 1, true), r.err)
    assert.are.equal(1, select(2, r.err:gsub("cannot be used", "")))
    assert.are.equal(0, smtpd.number(srv, "count"))
    assert.are.equal(queued, state_count(db, "queued"))
    r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(srv, {
      PLANWATCH_SMTP_STARTTLS = "1", PLANWATCH_SMTP_CAFILE = cert }) })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(queued, smtpd.number(srv, "count"))
  end)

  it("an untrusted certificate: names PLANWATCH_SMTP_CAFILE, nothing dead", function()
    local cert, key = certificate()
    local srv = smtpd.start("smtp", "--tls " .. H.quote(cert) .. " " .. H.quote(key))
    local db = H.yenbai_db()
    local queued = queue(db)
    local r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(srv, nil, "smtps") })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("PLANWATCH_SMTP_CAFILE", 1, true), r.err)
    assert.are.equal(queued, state_count(db, "queued"))
    local c = H.run({ "--lang", "en", "--db", db, "outbox", "check" }, { env = env(srv, nil, "smtps") })
    assert.are.equal(1, c.code)
    assert.truthy(c.err:find("PLANWATCH_SMTP_CAFILE", 1, true))
    c = H.run({ "--lang", "en", "--db", db, "outbox", "check" },
      { env = env(srv, { PLANWATCH_SMTP_CAFILE = cert }, "smtps") })
    assert.are.equal(0, c.code, c.err)
    assert.are.equal(0, smtpd.number(srv, "count"))
  end)

  it("a refused EHLO name: names PLANWATCH_SMTP_HELO; a full name goes through", function()
    local srv = smtpd.start("smtp", "--refuse-helo")
    local db = H.yenbai_db()
    local queued = queue(db)
    local r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(srv, { PLANWATCH_SMTP_HELO = "pw" }) })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("PLANWATCH_SMTP_HELO", 1, true), r.err)
    assert.are.equal(queued, state_count(db, "queued"))
    r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(srv) })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(queued, smtpd.number(srv, "count"))
    assert.truthy(H.read(srv.dir .. "/commands.log"):find("EHLO planwatch.example.org", 1, true))
  end)
end)

describe("a late answer to the final dot", function()
  after_each(function() smtpd.stop_all(); H.cleanup() end)

  it("stores the message once and marks it unknown instead of sending it again", function()
    local srv = smtpd.start("smtp", "--late 3 --first 1")
    local db = H.yenbai_db()
    local queued = queue(db)
    local r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" },
      { env = env(srv, { PLANWATCH_SMTP_FINAL_TIMEOUT_MS = "1s" }) })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("delivery unknown", 1, true), r.err)
    assert.are.equal(1, state_count(db, "unknown"))
    assert.are.equal(queued - 1, state_count(db, "sent"))
    H.sh("sleep 2.5") -- the late reply lands; the message is stored once
    assert.are.equal(queued, smtpd.number(srv, "count"))
    for _, n in pairs(copies(srv)) do assert.are.equal(1, n) end
    local list = H.run({ "--lang", "en", "--db", db, "outbox", "list", "--state", "unknown", "--format", "csv" })
    assert.truthy(list.out:find("final", 1, true))
    -- a later run sends it once more at most (when its back-off is over)
    assert.are.equal(0, H.run({ "--lang", "en", "--db", db, "--write", "-e",
      "pw.exec([[UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00Z']])" }).code)
    for _ = 1, 2 do
      H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(srv, { PLANWATCH_SMTP_FINAL_TIMEOUT_MS = "1s" }) })
    end
    assert.is_true(smtpd.number(srv, "count") <= queued + 1)
  end)

  it("the default wait for the final reply is RFC 5321's ten minutes", function()
    local srv = smtpd.start("smtp", "--late 2 --first 1")
    local db = H.yenbai_db()
    local queued = queue(db)
    local r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(srv, { PLANWATCH_SMTP_TIMEOUT_MS = "1s" }) })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(queued, smtpd.number(srv, "count"))
    assert.are.equal(queued, state_count(db, "sent"))
  end)

  it("a dropped connection during DATA: sent again once, stored once", function()
    local srv = smtpd.start("smtp", "--drop --first 1")
    local db = H.yenbai_db()
    local queued = queue(db)
    H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(srv) })
    assert.are.equal(0, H.run({ "--lang", "en", "--db", db, "--write", "-e",
      "pw.exec([[UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00Z']])" }).code)
    local r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(srv) })
    assert.are.equal(queued, smtpd.number(srv, "count"))
    for _, n in pairs(copies(srv)) do assert.are.equal(1, n) end
    assert.are.equal(queued, state_count(db, "sent"), r.err)
  end)

  it("a hung webhook: one POST, marked unknown, with an Idempotency-Key", function()
    local srv = smtpd.start("http", "--hang")
    local db = H.yenbai_db()
    local url = "http://127.0.0.1:" .. srv.port .. "/hook"
    assert.are.equal(0, H.run({ "--lang", "en", "--db", db, "--write", "-e", "for i = 1, 3 do pw.outbox.enqueue{ key = 'w' .. i,"
      .. " transport = 'webhook', recipient = '" .. url .. "', payload = '{\"n\":' .. i .. '}' } end" }).code)
    local t0 = now()
    local r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(nil, {
      PLANWATCH_TRANSPORT = "file", PLANWATCH_WEBHOOK_TIMEOUT_MS = "1s" }) })
    assert.are.equal(1, r.code)
    assert.is_true(now() - t0 < 10)
    assert.are.equal(3, smtpd.number(srv, "count"))
    assert.are.equal(3, state_count(db, "unknown"))
    assert.truthy(H.read(srv.dir .. "/post-1.headers"):find("Idempotency-Key: w1", 1, true))
  end)
end)

describe("a mute server", function()
  after_each(function() smtpd.stop_all(); H.cleanup() end)

  it("ends the run within 3 connect timeouts + 5 s, every message queued, exit 1", function()
    local srv = smtpd.start("smtp", "--mute")
    local db = H.yenbai_db()
    local queued = queue(db)
    local t0 = now()
    local r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" },
      { env = env(srv, { PLANWATCH_SMTP_CONNECT_TIMEOUT_MS = "500ms" }) })
    local took = now() - t0
    assert.are.equal(1, r.code)
    assert.is_true(took < 3 * 0.5 + 5, "took " .. took .. " s")
    assert.truthy(r.err:find("PLANWATCH_SMTP_URL", 1, true), r.err)
    assert.are.equal(queued, state_count(db, "queued"))
    assert.is_true(smtpd.number(srv, "connections") <= 3)
  end)

  it("a server that fails mid-run trips the breaker after 3 sessions", function()
    local db = H.yenbai_db()
    local url = "http://127.0.0.1:1/hook"
    assert.are.equal(0, H.run({ "--lang", "en", "--db", db, "--write", "-e", "for i = 1, 50 do pw.outbox.enqueue{ key = 'w' .. i,"
      .. " transport = 'webhook', recipient = '" .. url .. "', payload = '{}' } end" }).code)
    local r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(nil, { PLANWATCH_TRANSPORT = "file" }) })
    assert.are.equal(1, r.code)
    assert.are.equal(50, state_count(db, "queued"))
    assert.are.equal(0, count(db, "SELECT count(*) AS n FROM outbox WHERE attempts > 0"))
    assert.truthy(r.out:find("50 left queued", 1, true), r.out)
  end)
end)

describe("a flush after an outage", function()
  after_each(function() smtpd.stop_all(); H.cleanup() end)

  it("sends 1,000 queued messages, none lost, none twice (10,000 in make test-hard)", function()
    local srv = smtpd.start("smtp")
    local db = H.new_db()
    assert.are.equal(0, H.run({ "--lang", "en", "--db", db, "--write", "-e", "pw.transaction(function() for i = 1, 1000 do"
      .. " pw.outbox.enqueue{ key = 'k' .. i, transport = 'mail', recipient = 'u' .. i .. '@example.org',"
      .. " subject = 's' .. i, text = 't' } end end)" }).code)
    local down = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env({ port = 1 }) })
    assert.are.equal(1, down.code)
    assert.are.equal(1000, state_count(db, "queued"))
    local r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(srv) })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(1000, smtpd.number(srv, "count"))
    local by = copies(srv)
    local n = 0
    for _, c in pairs(by) do
      n = n + 1
      assert.are.equal(1, c)
    end
    assert.are.equal(1000, n)
  end)
end)

describe("a run that died", function()
  after_each(function() smtpd.stop_all(); H.cleanup() end)

  it("its lease is taken back when its process is gone; a live one is shown", function()
    local srv = smtpd.start("smtp")
    local db = H.yenbai_db()
    local queued = queue(db)
    -- a process claims everything and exits without settling (as kill -9 would leave it)
    assert.are.equal(0, H.run({ "--lang", "en", "--db", db, "--write", "-e", "pw.outbox.claim('gone', 300, 1000)" }).code)
    assert.are.equal(queued, state_count(db, "sending"))
    local list = H.run({ "--lang", "en", "--db", db, "outbox", "list", "--format", "csv" })
    assert.truthy(list.out:find("pid %d+ on [^,]+ until"))
    local r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(srv) })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.err:find(queued .. " message(s) of a run that is gone were taken back", 1, true), r.err)
    assert.are.equal(queued, smtpd.number(srv, "count"))
  end)

  it("a lease held by a live process is named with its holder and end", function()
    local db = H.yenbai_db()
    queue(db)
    -- the holder recorded is this shell's parent: alive for the whole test
    assert.are.equal(0, H.run({ "--lang", "en", "--db", db, "--write", "-e", "pw.outbox.claim('live', 300, 5)"
      .. " pw.exec([[UPDATE outbox SET lease_pid = 1, lease_start = NULL WHERE state = 'sending']])" }).code)
    local r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(nil, { PLANWATCH_TRANSPORT = "file" }) })
    assert.truthy(r.err:find("5 message(s) held by process 1 on", 1, true), r.err)
  end)
end)

describe("settings people use", function()
  after_each(function() smtpd.stop_all(); H.cleanup() end)

  it("a From with a Vietnamese display name, and the unit's name in To", function()
    local srv = smtpd.start("smtp")
    local db = H.yenbai_db()
    local r = remind(db, env(srv, { PLANWATCH_MAIL_FROM = "Sở KH&CN Yên Bái <" .. FROM .. ">" }))
    assert.are.equal(0, r.code, r.err)
    local out = H.tmpdir()
    assert.are.equal(0, H.sh("/usr/bin/python3 " .. H.quote(H.root .. "/tests/smtp/server.py")
      .. " decode " .. H.quote(srv.dir .. "/messages/000001.eml") .. " " .. H.quote(out)))
    assert.are.equal("Sở KH&CN Yên Bái <" .. FROM .. ">", H.read(out .. "/from"))
    assert.truthy(H.read(out .. "/to"):find("^[^<]+ <[^>]+>$"), H.read(out .. "/to"))
    local raw = H.read(srv.dir .. "/messages/000001.eml")
    assert.truthy(raw:find("\nFrom: =?UTF-8?", 1, true))
    assert.truthy(raw:find("Date: [^\r\n]* %+0700"), "Date in the plan's zone")
    assert.truthy(H.read(srv.dir .. "/commands.log"):find("MAIL " .. FROM, 1, true))
  end)

  it("durations take units; anything else is refused", function()
    local db = H.yenbai_db()
    queue(db)
    local r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env({ port = 1 }, {
      PLANWATCH_SMTP_TIMEOUT_MS = "2x" }) })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("PLANWATCH_SMTP_TIMEOUT_MS='2x'", 1, true), r.err)
    r = H.run({ "--lang", "en", "--db", db, "-e", "return pw.mail.breaker()" }, { env = { PLANWATCH_MAIL_BREAKER = "3 " } })
    assert.are_not.equal(0, r.code)
  end)

  it("dead messages can be dismissed, and then remind exits 0", function()
    local srv = smtpd.start("smtp", "--rcpt-reply '550 5.1.1 No such user' --first 1")
    local db = H.yenbai_db()
    local r = remind(db, env(srv))
    assert.are.equal(1, r.code)
    assert.are.equal(1, state_count(db, "dead"))
    assert.truthy(r.out:find(", 1 dead", 1, true))
    assert.are.equal(0, H.run({ "--lang", "en", "--db", db, "outbox", "dismiss", "--all-dead" }).code)
    assert.are.equal(1, state_count(db, "dismissed"))
    r = remind(db, env(srv))
    assert.are.equal(0, r.code, r.err)
  end)

  it("rewrite: a corrected message is written again from the current plan", function()
    local srv = smtpd.start("smtp", "--rcpt-reply '550 5.1.1 No such user' --first 1")
    local db = H.yenbai_db()
    remind(db, env(srv))
    local id = count(db, "SELECT id AS n FROM outbox WHERE state = 'dead'")
    local before = count(db, "SELECT count(*) AS n FROM outbox")
    local r = H.run({ "--lang", "en", "--db", db, "outbox", "rewrite", tostring(id) })
    assert.are.equal(0, r.code, r.err)
    r = remind(db, env(srv))
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(before + 1, count(db, "SELECT count(*) AS n FROM outbox"))
    assert.are.equal(before, smtpd.number(srv, "count"))
  end)
end)
