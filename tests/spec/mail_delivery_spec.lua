-- Delivery details: every message of the file transport gets a file of its
-- own; a message refused for its text names the duty and the plugin file
-- behind it; delivery messages in Vietnamese by default, English with
-- --lang en.
local H = require "helper"
local smtpd = require "smtpd"

local FROM = "planwatch@skhcn.example.vn"
local TODAY = "2025-12-15"

local function env(extra)
  local e = { PLANWATCH_SMTP_URL = "", PLANWATCH_MAIL_FROM = FROM, PLANWATCH_SMTP_USER = "",
    PLANWATCH_SMTP_PASSWORD = "", PLANWATCH_SMTP_PASSWORD_FILE = "",
    PLANWATCH_SMTP_TIMEOUT_MS = "5s", PLANWATCH_SMTP_CONNECT_TIMEOUT_MS = "2s",
    PLANWATCH_TRANSPORT = "", PLANWATCH_MAIL_DIR = H.tmpdir() .. "/mail" }
  for k, v in pairs(extra or {}) do e[k] = v end
  return e
end

local function count(db, q)
  local r = H.run({ "--db", db, "-e", "return pw.sql([[" .. q .. "]])[1].n" })
  assert(r.code == 0, r.err)
  return tonumber(r.out)
end

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
            recipient = "unit" .. n .. "@example.vn", subject = "m" .. n, text = "message " .. n })
        end
      end
      for _, c in ipairs(marks) do
        n = n + 1
        pw.outbox.enqueue({ key = string.rep("k", 130) .. c, transport = "mail",
          recipient = "unit" .. n .. "@example.vn", subject = "m" .. n, text = "message " .. n })
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
      transport = "mail", recipient = "x@example.vn", subject = "s", text = "t" })]] })
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
