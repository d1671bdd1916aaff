-- Delivery details: every message of the file transport gets a file of its
-- own; a message refused for its text names the duty and the plugin file
-- behind it; delivery messages in Vietnamese by default, English with
-- --lang en.
local H = require "helper"
local smtpd = require "smtpd"
local S = require "support"

local FROM = "planwatch@skhcn.example.org"
local TODAY = "2025-12-15"

local function env(extra)
  local e = { PLANWATCH_SMTP_URL = "", PLANWATCH_MAIL_FROM = FROM, PLANWATCH_SMTP_USER = "",
    PLANWATCH_SMTP_PASSWORD = "", PLANWATCH_SMTP_PASSWORD_FILE = "",
    PLANWATCH_SMTP_TIMEOUT_MS = "5s", PLANWATCH_SMTP_CONNECT_TIMEOUT_MS = "2s",
    PLANWATCH_TRANSPORT = "", PLANWATCH_MAIL_DIR = H.tmpdir() .. "/mail" }
  for k, v in pairs(extra or {}) do e[k] = v end
  return e
end

-- One number a query gives (support.lua).
local count = S.value

local function files(dir)
  local p = io.popen("ls -A " .. H.quote(dir) .. " 2>/dev/null")
  local names = {}
  for line in p:lines() do names[#names + 1] = line end
  p:close()
  return names
end

describe("the file transport", function()
  after_each(H.cleanup)

  it("writes every queued message to a file of its own, even when keys differ only in bytes"
    .. " the file name replaces", function()
    local db = H.new_db()
    -- 85 keys that all read "duty_1_2025_<i mod 17>" once made safe, five of
    -- each, and five longer than a file name keeps
    local script = [[
      local marks = { "/", ":", " ", "?", "\\" }
      local n = 0
      for i = 1, 16 do
        for _, c in ipairs(marks) do
          n = n + 1
          pw.outbox.enqueue({ key = "duty" .. c .. "1" .. c .. "2025" .. c .. i, transport = "mail",
            recipient = "unit" .. n .. "@example.org", subject = "m" .. n, text = "message " .. n })
        end
      end
      for _, c in ipairs(marks) do
        n = n + 1
        pw.outbox.enqueue({ key = string.rep("k", 130) .. c, transport = "mail",
          recipient = "unit" .. n .. "@example.org", subject = "m" .. n, text = "message " .. n })
      end
      return n]]
    local r = H.run({ "--db", db, "--write", "-e", script })
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("85", r.out:match("%d+"))
    local e = env({ PLANWATCH_TRANSPORT = "file" })
    local f = H.run({ "--db", db, "--lang", "en", "outbox", "flush" }, { env = e })
    assert.are.equal(0, f.code, f.err)
    assert.truthy(f.out:find("85 written to", 1, true), f.out)
    local names = files(e.PLANWATCH_MAIL_DIR)
    assert.are.equal(85, #names, table.concat(names, "\n"))
    -- each file holds its own message
    local seen = {}
    for _, name in ipairs(names) do
      assert.truthy(name:match("^%d+%-.+%.eml$"), name)
      local raw = H.read(e.PLANWATCH_MAIL_DIR .. "/" .. name)
      local to = raw:match("\nTo: ([^\r\n]+)")
      assert.is_nil(seen[to], to)
      seen[to] = true
    end
    assert.are.equal(85, count(db, "SELECT count(*) AS n FROM outbox WHERE state = 'sent'"))
    assert.are.equal(85, count(db, "SELECT count(DISTINCT message_id) AS n FROM outbox"))
  end)

  it("writes a message sent again after a crash under the same name, once", function()
    local db = H.new_db()
    local r = H.run({ "--db", db, "--write", "-e", [[pw.outbox.enqueue({ key = "a/b:c",
      transport = "mail", recipient = "x@example.org", subject = "s", text = "t" })]] })
    assert.are.equal(0, r.code, r.err)
    local e = env({ PLANWATCH_TRANSPORT = "file" })
    assert.are.equal(0, H.run({ "--db", db, "outbox", "flush" }, { env = e }).code)
    local first = files(e.PLANWATCH_MAIL_DIR)
    assert.are.equal(1, #first)
    -- as if the run had died before recording the message as written
    assert.are.equal(0, H.run({ "--db", db, "--write", "-e",
      "pw.exec([[UPDATE outbox SET state = 'queued', sent_at = NULL]])" }).code)
    assert.are.equal(0, H.run({ "--db", db, "outbox", "flush" }, { env = e }).code)
    assert.are.same(first, files(e.PLANWATCH_MAIL_DIR))
  end)
end)

describe("a message refused for its own text", function()
  after_each(H.cleanup)

  it("names the duty and the plugin file that declared it, on stderr and in outbox list",
    function()
    local db = H.yenbai_db()
    -- a control character stored in a unit's name (by SQL: load refuses it)
    -- ends up in the reminder's To header; a stored duty's title with one is
    -- left out before anything is queued (hardening_plugins_spec)
    assert.are.equal(0, H.run({ "--db", db, "--write", "-e", "pw.exec([[UPDATE units SET name ="
      .. " 'Bad' || char(7) || name WHERE code = 'SCT_LC']])" }).code)
    local e = env({ PLANWATCH_TRANSPORT = "file" })
    local r = H.run({ "--db", db, "--today", TODAY, "remind" }, { env = e })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("control character", 1, true), r.err)
    -- SCT_LC owes SCT's report since 1 Jul 2025 (plugins/yenbai-114/plan.lua)
    assert.truthy(r.err:find("(nghĩa vụ BC_DONVI_KH114 của SCT_LC, khai báo trong yenbai-114/plan.lua)",
      1, true), r.err)
    local dead = count(db, "SELECT count(*) AS n FROM outbox WHERE state = 'dead'")
    assert.is_true(dead > 0)
    assert.are.equal(dead, count(db, "SELECT count(*) AS n FROM outbox WHERE state = 'dead'"
      .. " AND last_error LIKE '%BC_DONVI_KH114%yenbai-114/plan.lua%'"))
    local list = H.run({ "--db", db, "outbox", "list", "--state", "dead", "--format", "csv" })
    assert.truthy(list.out:find("khai báo trong yenbai-114/plan.lua", 1, true), list.out)
    -- messages that went out name nothing
    assert.are.equal(0, count(db, "SELECT count(*) AS n FROM outbox WHERE state = 'sent'"
      .. " AND last_error IS NOT NULL"))
    -- in English
    assert.are.equal(0, H.run({ "--db", db, "--write", "-e",
      "pw.exec([[UPDATE outbox SET state = 'queued', attempts = 0,"
      .. " next_attempt_at = '2000-01-01T00:00:00Z' WHERE state = 'dead']])" }).code)
    r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = e })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("failed for good: not sent: to: display name contains a control character", 1, true),
      r.err)
    assert.truthy(r.err:find("(duty BC_DONVI_KH114 of SCT_LC, declared in yenbai-114/plan.lua)", 1, true),
      r.err)
  end)
end)

describe("delivery messages", function()
  after_each(function() smtpd.stop_all(); H.cleanup() end)

  local function queued_db()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "--today", TODAY, "remind", "--no-deliver" })
    assert.are.equal(0, r.code, r.err)
    return db, tonumber(r.out:match(": (%d+) thư vào hàng đợi"))
  end

  it("are Vietnamese by default and English with --lang en, setting names kept", function()
    local db, n = queued_db()
    assert.is_true(n > 10)
    -- nothing listens on port 1: the session hint
    local down = env({ PLANWATCH_SMTP_URL = "smtp://127.0.0.1:1" })
    local r = H.run({ "--db", db, "outbox", "flush" }, { env = down })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("không dùng được máy chủ SMTP", 1, true), r.err)
    assert.truthy(r.err:find("-> không có máy chủ SMTP nào hoạt động tại PLANWATCH_SMTP_URL", 1, true), r.err)
    assert.truthy(r.out:find("đã gửi 0, 0 chưa gửi được, 0 hỏng hẳn", 1, true), r.out)
    r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = down })
    assert.truthy(r.err:find("the SMTP server cannot be used", 1, true), r.err)
    assert.truthy(r.err:find("-> no working SMTP server at PLANWATCH_SMTP_URL", 1, true), r.err)
    -- a server that refuses the greeting: a hint chosen from its reply
    local rude = smtpd.start("smtp", "--refuse-helo")
    local at = env({ PLANWATCH_SMTP_URL = "smtp://127.0.0.1:" .. rude.port })
    r = H.run({ "--db", db, "outbox", "check" }, { env = at })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("máy chủ từ chối lời chào: đặt PLANWATCH_SMTP_HELO", 1, true), r.err)
    r = H.run({ "--lang", "en", "--db", db, "outbox", "check" }, { env = at })
    assert.truthy(r.err:find("the server refused the greeting: set PLANWATCH_SMTP_HELO", 1, true), r.err)
    -- a good server: check, then a flush
    local srv = smtpd.start("smtp")
    local good = env({ PLANWATCH_SMTP_URL = "smtp://127.0.0.1:" .. srv.port })
    r = H.run({ "--db", db, "outbox", "check" }, { env = good })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("đã kết nối, TLS và đăng nhập đúng như cấu hình", 1, true), r.out)
    r = H.run({ "--lang", "en", "--db", db, "outbox", "check" }, { env = good })
    assert.truthy(r.out:find("connected, TLS and login as configured", 1, true), r.out)
    r = H.run({ "--db", db, "outbox", "flush" }, { env = good })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("đã gửi " .. n .. ", 0 chưa gửi được, 0 hỏng hẳn", 1, true), r.out)
    assert.are.equal(n, smtpd.number(srv, "count"))
  end)

  it("say that no transport is set, naming the settings, in both languages", function()
    local db = H.yenbai_db()
    local e = env()
    local r = H.run({ "--db", db, "--today", TODAY, "remind" }, { env = e })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("chưa có cách gửi thư: đặt PLANWATCH_SMTP_URL", 1, true), r.err)
    assert.truthy(r.err:find("PLANWATCH_TRANSPORT=file để ghi thư vào " .. e.PLANWATCH_MAIL_DIR, 1, true),
      r.err)
    r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = e })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("no mail transport: set PLANWATCH_SMTP_URL", 1, true), r.err)
    -- a wrong setting is named as it is, not as a missing transport
    r = H.run({ "--db", db, "outbox", "flush" }, { env = env({ PLANWATCH_TRANSPORT = "smpt" }) })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("PLANWATCH_TRANSPORT='smpt' must be smtp or file", 1, true), r.err)
    r = H.run({ "--db", db, "--today", TODAY, "remind", "--dry-run" }, { env = e })
    assert.truthy(r.out:find("thư qua không có cách gửi nào (chưa có cách gửi thư", 1, true), r.out)
  end)

  it("name the holder of a lease, and say what dismiss and rewrite did, in both languages", function()
    local db = queued_db()
    assert.are.equal(0, H.run({ "--db", db, "--write", "-e", "pw.outbox.claim('live', 300, 5)"
      .. " pw.exec([[UPDATE outbox SET lease_pid = 1, lease_start = NULL WHERE state = 'sending']])" }).code)
    local e = env({ PLANWATCH_TRANSPORT = "file" })
    local r = H.run({ "--db", db, "outbox", "flush" }, { env = e })
    assert.truthy(r.err:find("5 thư do tiến trình 1 trên máy [^\n]+ giữ đến "), r.err)
    r = H.run({ "--lang", "en", "--db", db, "outbox", "flush" }, { env = e })
    assert.truthy(r.err:find("5 message(s) held by process 1 on", 1, true), r.err)
    assert.are.equal(0, H.run({ "--db", db, "--write", "-e",
      "pw.exec([[UPDATE outbox SET state = 'dead' WHERE id IN (1, 2)]])" }).code)
    r = H.run({ "--db", db, "outbox", "dismiss", "1" })
    assert.truthy(r.out:find("đã bỏ qua 1 thư", 1, true), r.out)
    r = H.run({ "--lang", "en", "--db", db, "outbox", "rewrite", "2" })
    assert.truthy(r.out:find("message #2 dismissed; the next `planwatch remind`", 1, true), r.out)
    r = H.run({ "--db", db, "outbox", "rewrite", "2" })
    assert.are_not.equal(0, r.code)
    assert.truthy(r.err:find("thư #2 không ở trạng thái dead, unknown hay failed", 1, true), r.err)
    r = H.run({ "--db", db, "outbox", "retry", "x" })
    assert.truthy(r.err:find("'x' không phải số hiệu thư", 1, true), r.err)
  end)
end)
