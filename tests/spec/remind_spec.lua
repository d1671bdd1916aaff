-- planwatch remind, duties and submit on the Yên Bái plan, with the file
-- transport (no SMTP configured): which stages go out, once each.
local H = require "helper"

local function sql(db, q)
  local r = H.run({ "--db", db, "--format", "json", "-e", "pw.print_rows(pw.sql([[" .. q .. "]]))" })
  assert(r.code == 0, r.err)
  local rows = {}
  for obj in r.out:gmatch("{[^\n]*}") do rows[#rows + 1] = obj end
  return rows, r.out
end

local function count(db, q)
  local r = H.run({ "--db", db, "-e", "return pw.sql([[" .. q .. "]])[1].n" })
  assert(r.code == 0, r.err)
  return tonumber(r.out)
end

local function remind(db, today, extra)
  local dir = H.tmpdir()
  local args = { "--db", db, "--today", today, "remind" }
  for _, a in ipairs(extra or {}) do args[#args + 1] = a end
  local r = H.run(args, { env = { PLANWATCH_MAIL_DIR = dir } })
  return r, dir
end

-- The Yên Bái annual report of the departments (BC_DONVI_KH114) for 2025 is
-- due 2025-12-16 (cut-off 14 Dec, a Sunday, + 2 working days).
describe("planwatch duties", function()
  after_each(H.cleanup)

  it("gives each duty-period its deadline and state", function()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "--today", "2025-12-12", "--format", "csv",
      "duties", "--duty", "BC_DONVI_KH114", "--unit", "SCT" })
    assert.are.equal(0, r.code)
    assert.truthy(r.out:find("BC_DONVI_KH114,SCT,SKHCN,2025,2025-12-16,due_soon,4", 1, true))
    assert.truthy(r.out:find("BC_DONVI_KH114,SCT,SKHCN,2024,2024-12-17,overdue", 1, true))
  end)

  it("counts expected, received and on-time reports as DHIS2 does", function()
    local db = H.yenbai_db()
    assert.are.equal(0, H.run({ "--db", db, "submit", "SCT", "BC_DONVI_KH114", "2024", "--at", "2024-12-10" }).code)
    assert.are.equal(0, H.run({ "--db", db, "submit", "SCT", "BC_DONVI_KH114", "2023", "--at", "2024-01-20" }).code)
    local r = H.run({ "--db", db, "--today", "2025-01-10", "--format", "csv", "duties",
      "--unit", "SCT", "--rates", "unit" })
    assert.are.equal(0, r.code)
    -- 2021..2024 are due by 2025-01-10: 4 expected, 2 received, 1 on time
    assert.truthy(r.out:find("SCT,4,2,1,50,25", 1, true))
  end)
end)

describe("planwatch submit", function()
  after_each(H.cleanup)

  it("accepts a unit alias and records the date", function()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "submit", "Sở KH&CN", "BC_KH114", "2025", "--at", "2025-12-18" })
    assert.are.equal(0, r.code)
    assert.are.equal(1, count(db, "SELECT count(*) AS n FROM submissions WHERE unit = 'SKHCN' AND received_at = '2025-12-18'"))
  end)

  it("refuses a period of the wrong kind and an unknown duty, writing nothing", function()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "submit", "SCT", "BC_DONVI_KH114", "2025-Q1" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("reported every year", 1, true))
    r = H.run({ "--db", db, "submit", "SCT", "BC_KH114", "2025" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("SCT has no duty 'BC_KH114'", 1, true))
    assert.are.equal(0, count(db, "SELECT count(*) AS n FROM submissions"))
  end)
end)

describe("planwatch remind", function()
  after_each(H.cleanup)

  it("--dry-run shows the due reminders and changes nothing", function()
    local db = H.yenbai_db()
    local r = remind(db, "2025-12-15", { "--dry-run" })
    assert.are.equal(0, r.code)
    assert.truthy(r.out:find("dry run", 1, true))
    assert.truthy(r.out:find("Nhắc báo cáo", 1, true))
    assert.are.equal(0, count(db, "SELECT count(*) AS n FROM outbox"))
    assert.are.equal(0, count(db, "SELECT count(*) AS n FROM notices"))
  end)

  it("sends one message per recipient, and nothing more when run again", function()
    local db = H.yenbai_db()
    local r = remind(db, "2025-12-15")
    assert.are.equal(0, r.code, r.err)
    local first = count(db, "SELECT count(*) AS n FROM outbox")
    local recipients = count(db, "SELECT count(DISTINCT recipient) AS n FROM outbox")
    assert.is_true(first > 0)
    assert.are.equal(first, recipients)
    assert.are.equal(first, count(db, "SELECT count(*) AS n FROM outbox WHERE state = 'sent'"))
    r = remind(db, "2025-12-15")
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(first, count(db, "SELECT count(*) AS n FROM outbox"))
  end)

  it("catches up a missed day once, the later stage superseding the earlier", function()
    local db = H.yenbai_db()
    -- nothing ran on 2025-12-09 (stage -7) nor 2025-12-15 (stage -1): on the
    -- deadline only stage d+0 goes out for the 2025 report
    assert.are.equal(0, remind(db, "2025-12-16").code)
    assert.are.equal(0, count(db, [[SELECT count(*) AS n FROM notices
      WHERE duty = 'BC_DONVI_KH114' AND period = '2025' AND stage <> 'd+0']]))
    assert.are.equal(23, count(db, [[SELECT count(*) AS n FROM notices
      WHERE duty = 'BC_DONVI_KH114' AND period = '2025' AND stage = 'd+0']]))
  end)

  it("sends no reminder for a report already received", function()
    local db = H.yenbai_db()
    assert.are.equal(0, H.run({ "--db", db, "submit", "SCT", "BC_DONVI_KH114", "2025", "--at", "2025-12-10" }).code)
    assert.are.equal(0, remind(db, "2025-12-16").code)
    assert.are.equal(0, count(db, [[SELECT count(*) AS n FROM notices
      WHERE unit = 'SCT' AND period = '2025']]))
    assert.are.equal(22, count(db, [[SELECT count(*) AS n FROM notices
      WHERE duty = 'BC_DONVI_KH114' AND period = '2025']]))
  end)

  it("escalates an overdue report once, to the escalation unit", function()
    local db = H.yenbai_db()
    assert.are.equal(0, remind(db, "2025-12-23").code)
    local n = count(db, [[SELECT count(*) AS n FROM notices
      WHERE duty = 'BC_DONVI_KH114' AND period = '2025' AND stage = 'escalate']])
    assert.are.equal(23, n)
    assert.are.equal(0, remind(db, "2025-12-24").code)
    assert.are.equal(23, count(db, [[SELECT count(*) AS n FROM notices
      WHERE duty = 'BC_DONVI_KH114' AND period = '2025' AND stage = 'escalate']]))
    local rows = sql(db, [[SELECT recipient FROM outbox WHERE subject LIKE '%quá hạn%']])
    assert.is_true(#rows >= 1)
  end)

  it("does not mail the whole history on a first run", function()
    local db = H.yenbai_db()
    assert.are.equal(0, remind(db, "2025-12-16").code)
    assert.are.equal(0, count(db, "SELECT count(*) AS n FROM notices WHERE period < '2025'"))
  end)

  it("writes English messages with --lang en", function()
    local db = H.yenbai_db()
    local r = remind(db, "2025-12-15", { "--dry-run", "--lang", "en" })
    assert.are.equal(0, r.code)
    assert.truthy(r.out:find("Report reminder", 1, true))
  end)

  it("uses the wording plan.lua declares", function()
    local pkg = H.copy_package("plugins/yenbai-114")
    local plan = H.read(pkg .. "/plan.lua")
    H.write(pkg .. "/plan.lua", plan .. [[

wording { lang = "vi", subject_one = "Đề nghị gửi %s (kỳ %s) trước %s",
          closing = "Văn phòng Sở KH&CN" }
]])
    local db = H.new_db()
    assert.are.equal(0, H.run({ "--db", db, "load", pkg, "--quiet" }).code)
    local plugins = pkg:match("^(.*)/[^/]+$")
    local r = H.run({ "--db", db, "--plugins", plugins, "--today", "2025-12-15", "remind", "--dry-run" })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("Subject: Đề nghị gửi Báo cáo", 1, true))
    assert.truthy(r.out:find("Văn phòng Sở KH&CN", 1, true))
    assert.truthy(r.out:find("Kính gửi", 1, true)) -- keys it does not set keep the default
  end)

  it("refuses a wording outside plan.lua and an unknown key", function()
    local pkg = H.copy_package("plugins/yenbai-114")
    H.write(pkg .. "/sct.lua", H.read(pkg .. "/sct.lua") .. '\nwording { lang = "vi", closing = "x" }\n')
    H.write(pkg .. "/plan.lua", H.read(pkg .. "/plan.lua") .. '\nwording { lang = "en", footer = "x" }\n')
    local db = H.new_db()
    local r = H.run({ "--db", db, "check", pkg })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("wording can only be declared in plan.lua", 1, true))
    assert.truthy(r.err:find("wording: unknown field 'footer'", 1, true))
  end)
end)
