-- planwatch remind against a real SMTP server on loopback (aiosmtpd): each
-- stage reaches the server once; failures are retried or reported.
local H = require "helper"
local smtpd = require "smtpd"

local FROM = "planwatch@skhcn.example.org"

local function env(srv, extra)
  local e = { PLANWATCH_SMTP_URL = "smtp://127.0.0.1:" .. srv.port, PLANWATCH_MAIL_FROM = FROM,
    PLANWATCH_SMTP_USER = "", PLANWATCH_SMTP_PASSWORD = "", PLANWATCH_SMTP_PASSWORD_FILE = "",
    PLANWATCH_SMTP_TIMEOUT_MS = "5000" }
  for k, v in pairs(extra or {}) do e[k] = v end
  return e
end

local function count(db, q)
  local r = H.run({ "--lang", "en", "--db", db, "-e", "return pw.sql([[" .. q .. "]])[1].n" })
  assert(r.code == 0, r.err)
  return tonumber(r.out)
end

local function remind(db, today, srv)
  return H.run({ "--lang", "en", "--db", db, "--today", today, "remind" }, { env = env(srv) })
end

describe("planwatch remind over SMTP", function()
  after_each(function() smtpd.stop_all(); H.cleanup() end)

  it("delivers each message once, over one connection, even when run twice", function()
    local db = H.yenbai_db()
    local srv = smtpd.start("smtp")
    local r = remind(db, "2025-12-15", srv)
    assert.are.equal(0, r.code, r.err)
    local queued = count(db, "SELECT count(*) AS n FROM outbox")
    assert.is_true(queued > 10)
    assert.are.equal(queued, smtpd.number(srv, "count"))
    -- one to check the settings (nothing sent), one for every message
    assert.are.equal(2, smtpd.number(srv, "connections"))
    r = remind(db, "2025-12-15", srv)
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(queued, smtpd.number(srv, "count"))
  end)

  it("retries a temporary failure later and exits 1 meanwhile", function()
    local db = H.yenbai_db()
    local busy = smtpd.start("smtp", "--rcpt-reply '451 4.3.0 Try later'")
    local r = remind(db, "2025-12-15", busy)
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("will retry", 1, true))
    local failed = count(db, "SELECT count(*) AS n FROM outbox WHERE state = 'failed'")
    assert.is_true(failed > 0)
    assert.are.equal(0, count(db, "SELECT count(*) AS n FROM outbox WHERE state <> 'failed'"))
    -- the back-off holds them: a run right after sends nothing
    local good = smtpd.start("smtp")
    r = remind(db, "2025-12-15", good)
    assert.are.equal(1, r.code)
    assert.are.equal(0, smtpd.number(good, "count"))
    -- a person asks for a retry: everything goes out, once
    assert.are.equal(0, H.run({ "--lang", "en", "--db", db, "outbox", "retry" }).code)
    r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = env(good) })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(failed, smtpd.number(good, "count"))
  end)

  it("marks a permanent failure dead, reports it and exits 1", function()
    local db = H.yenbai_db()
    local srv = smtpd.start("smtp", "--rcpt-reply '550 5.1.1 No such user'")
    local r = remind(db, "2025-12-15", srv)
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("failed for good", 1, true))
    assert.are.equal(count(db, "SELECT count(*) AS n FROM outbox"),
      count(db, "SELECT count(*) AS n FROM outbox WHERE state = 'dead'"))
    local list = H.run({ "--lang", "en", "--db", db, "outbox", "list", "--state", "dead", "--format", "csv" })
    assert.truthy(list.out:find("550", 1, true))
  end)

  it("two overlapping runs send each message exactly once", function()
    local db = H.yenbai_db()
    local srv = smtpd.start("smtp")
    local out = H.tmpdir()
    local cmd = {}
    for k, v in pairs(env(srv)) do cmd[#cmd + 1] = k .. "=" .. H.quote(v) end
    local line = table.concat(cmd, " ") .. " " .. H.quote(H.bin) .. " --db " .. H.quote(db)
      .. " --today 2025-12-15 remind"
    H.sh("(" .. line .. " > " .. out .. "/a 2>&1 & " .. line .. " > " .. out .. "/b 2>&1 & wait)")
    local queued = count(db, "SELECT count(*) AS n FROM outbox")
    assert.is_true(queued > 10)
    assert.are.equal(queued, smtpd.number(srv, "count"))
    assert.are.equal(queued, count(db, "SELECT count(*) AS n FROM outbox WHERE state = 'sent'"))
  end)
end)

describe("planwatch import of submissions", function()
  after_each(H.cleanup)

  it("records every line, or none when one is wrong", function()
    local db = H.yenbai_db()
    local dir = H.tmpdir()
    H.write(dir .. "/ok.csv", "duty,unit,period,received_at,note\r\n"
      .. "BC_DONVI_KH114,Sở Công Thương,2025,2025-12-10,\"đủ, đúng hạn\"\r\n"
      .. "BC_DONVI_KH114,SGTVT,2025,2025-12-20,\r\n")
    local r = H.run({ "--lang", "en", "--db", db, "import", dir .. "/ok.csv" })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("2 submissions: 2 added", 1, true))
    assert.are.equal(2, count(db, "SELECT count(*) AS n FROM submissions"))
    H.write(dir .. "/bad.csv", "duty,unit,period,received_at\n"
      .. "BC_DONVI_KH114,SYT,2025,2025-12-10\n"
      .. "BC_DONVI_KH114,SYT,2025-Q4,2025-12-10\n"
      .. "BC_DONVI_KH114,NOPE,2025,2025-12-10\n"
      .. "BC_DONVI_KH114,SXD,2025,2025-02-30\n"
      .. "BC_DONVI_KH114,SYT,2025,2025-12-11\n")
    r = H.run({ "--lang", "en", "--db", db, "import", dir .. "/bad.csv" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("bad.csv:3: period: duty BC_DONVI_KH114 is reported every year", 1, true))
    assert.truthy(r.err:find("bad.csv:4: unit: unknown unit 'NOPE'", 1, true))
    assert.truthy(r.err:find("bad.csv:5: received_at: must be a date", 1, true))
    assert.truthy(r.err:find("bad.csv:6: duplicate: BC_DONVI_KH114/SYT/2025 is already on line 2", 1, true))
    assert.are.equal(2, count(db, "SELECT count(*) AS n FROM submissions"))
  end)

  it("a received report stops its reminders", function()
    local db = H.yenbai_db()
    local dir = H.tmpdir()
    H.write(dir .. "/s.csv", "duty,unit,period,received_at\nBC_DONVI_KH114,SCT,2025,2025-12-10\n")
    assert.are.equal(0, H.run({ "--lang", "en", "--db", db, "import", dir .. "/s.csv" }).code)
    local r = H.run({ "--lang", "en", "--db", db, "--today", "2025-12-16", "remind", "--dry-run" })
    assert.are.equal(0, r.code)
    -- SCT's 2025 report is owed by SCT_LC (since 1 Jul 2025); SCT's receipt counts for it
    assert.is_nil(r.out:find("vanthu@sct.laocai.example.org", 1, true))
    assert.truthy(r.out:find("vanthu@sxd.laocai.example.org", 1, true))
  end)
end)
