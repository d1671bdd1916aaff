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
  local r = H.run(args, { env = { PLANWATCH_MAIL_DIR = dir, PLANWATCH_TRANSPORT = "file" } })
  return r, dir
end

-- The Yên Bái annual report of the departments (BC_DONVI_KH114) for 2025 is
-- due 2025-12-16 (cut-off 14 Dec, a Sunday, + 2 working days).
describe("planwatch duties", function()
  after_each(H.cleanup)

  it("gives each duty-period its deadline and state", function()
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "--today", "2025-12-12", "--format", "csv",
      "duties", "--duty", "BC_DONVI_KH114" })
    assert.are.equal(0, r.code)
    -- SCT's 2025 report is owed by its successor since 1 Jul 2025, to SKHCN's
    assert.truthy(r.out:find("BC_DONVI_KH114,SCT_LC,SKHCN_LC,2025,2025-12-16,due_soon,4", 1, true), r.out)
    assert.truthy(r.out:find("BC_DONVI_KH114,SCT,SKHCN,2024,2024-12-17,overdue", 1, true), r.out)
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
    assert.truthy(r.err:find("có kỳ every = year", 1, true), r.err)
    r = H.run({ "--db", db, "submit", "SCT", "BC_KH114", "2025" })
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("SCT không có chế độ báo cáo 'BC_KH114'", 1, true), r.err)
    assert.are.equal(0, count(db, "SELECT count(*) AS n FROM submissions"))
  end)
end)

describe("planwatch remind", function()
  after_each(H.cleanup)

  it("--dry-run shows the due reminders and changes nothing", function()
    local db = H.yenbai_db()
    local r = remind(db, "2025-12-15", { "--dry-run" })
    assert.are.equal(0, r.code)
    assert.truthy(r.out:find("(chạy thử, không gửi gì)", 1, true), r.out)
    assert.truthy(r.out:find("Nhắc báo cáo", 1, true))
    assert.are.equal(0, count(db, "SELECT count(*) AS n FROM outbox"))
    assert.are.equal(0, count(db, "SELECT count(*) AS n FROM notices"))
  end)

  it("sends one message per recipient, and nothing more when run again", function()
    local db = H.yenbai_db()
    local r, dir = remind(db, "2025-12-15")
    assert.are.equal(0, r.code, r.err)
    local first = count(db, "SELECT count(*) AS n FROM outbox")
    local recipients = count(db, "SELECT count(DISTINCT recipient) AS n FROM outbox")
    assert.is_true(first > 0)
    assert.are.equal(first, recipients)
    assert.are.equal(first, count(db, "SELECT count(*) AS n FROM outbox WHERE state = 'sent'"))
    local p = io.popen("ls " .. H.quote(dir) .. " | grep -c '\\.eml$'")
    assert.are.equal(first, tonumber(p:read("a")))
    p:close()
    r = remind(db, "2025-12-15")
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(first, count(db, "SELECT count(*) AS n FROM outbox"))
  end)

  it("--no-deliver queues and leaves delivery to outbox flush", function()
    local db = H.yenbai_db()
    local r, dir = remind(db, "2025-12-15", { "--no-deliver" })
    assert.are.equal(0, r.code, r.err)
    local queued = count(db, "SELECT count(*) AS n FROM outbox WHERE state = 'queued'")
    assert.is_true(queued > 0)
    assert.truthy(r.out:find(": " .. queued .. " thư vào hàng đợi", 1, true), r.out)
    assert.are.equal(0, count(db, "SELECT count(*) AS n FROM outbox WHERE state <> 'queued'"))
    local f = H.run({ "--db", db, "outbox", "flush" }, { env = { PLANWATCH_MAIL_DIR = dir, PLANWATCH_TRANSPORT = "file" } })
    assert.are.equal(0, f.code, f.err)
    assert.truthy(f.out:find("đã ghi " .. queued .. " thư vào " .. dir, 1, true), f.out)
    assert.are.equal(queued, count(db, "SELECT count(*) AS n FROM outbox WHERE state = 'sent'"))
    local p = io.popen("ls " .. H.quote(dir) .. " | grep -c '\\.eml$'")
    assert.are.equal(queued, tonumber(p:read("a")))
    p:close()
  end)

  it("catches up a missed day once, the later stage superseding the earlier", function()
    local db = H.yenbai_db()
    -- nothing ran on 2025-12-09 (stage -7) nor 2025-12-15 (stage -1): on the
    -- deadline only stage d+0 goes out for the 2025 report
    assert.are.equal(0, remind(db, "2025-12-16").code)
    assert.are.equal(0, count(db, [[SELECT count(*) AS n FROM notices
      WHERE duty = 'BC_DONVI_KH114' AND period = '2025' AND stage <> 'd+0']]))
    -- the 2025 report falls due after 1 Jul 2025: the 11 bodies of the new
    -- province owe it (plugins/yenbai-114/plan.lua, the successions)
    assert.are.equal(11, count(db, [[SELECT count(*) AS n FROM notices
      WHERE duty = 'BC_DONVI_KH114' AND period = '2025' AND stage = 'd+0']]))
  end)

  it("sends no reminder for a report already received", function()
    local db = H.yenbai_db()
    assert.are.equal(0, H.run({ "--db", db, "submit", "SCT", "BC_DONVI_KH114", "2025", "--at", "2025-12-10" }).code)
    assert.are.equal(0, remind(db, "2025-12-16").code)
    assert.are.equal(0, count(db, [[SELECT count(*) AS n FROM notices
      WHERE unit = 'SCT' AND period = '2025']]))
    assert.are.equal(10, count(db, [[SELECT count(*) AS n FROM notices
      WHERE duty = 'BC_DONVI_KH114' AND period = '2025']]))
  end)

  it("escalates an overdue report once, to the escalation unit", function()
    local db = H.yenbai_db()
    assert.are.equal(0, remind(db, "2025-12-23").code)
    local n = count(db, [[SELECT count(*) AS n FROM notices
      WHERE duty = 'BC_DONVI_KH114' AND period = '2025' AND stage = 'escalate']])
    assert.are.equal(11, n) -- the new province's 11 bodies (see above)
    assert.are.equal(0, remind(db, "2025-12-24").code)
    assert.are.equal(11, count(db, [[SELECT count(*) AS n FROM notices
      WHERE duty = 'BC_DONVI_KH114' AND period = '2025' AND stage = 'escalate']]))
    -- SKHCN_LD ended on 1 Jul 2025: its successor is told
    local rows = sql(db, [[SELECT recipient FROM outbox WHERE subject LIKE '%quá hạn%']])
    assert.is_true(#rows >= 1)
    for _, r in ipairs(rows) do assert.truthy(r:find('"lanhdao@skhcn.laocai.example.org"', 1, true), r) end
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

-- One quarterly duty: 2025-Q1 closes on 14 March (Decree 09) and is due two
-- working days later, 2025-03-18; reminders at -3, 0 and +5 days (15, 18
-- and 23 March), escalation after 20 days (7 April). Earlier quarters are
-- due 2024-12-17, 2024-09-17, 2024-06-18 and 2024-03-18.
local QUARTERLY = [[
plan { id = "q", number = "3/KH-Q", issued = "2024-12-01", issuer = "VP", span = "2024/2026",
  title = "Kế hoạch báo cáo quý", timezone = "Asia/Ho_Chi_Minh" }
unit { code = "VP", name = "Văn phòng", kind = "province", email = "vp@q.example.org" }
unit { code = "LD", name = "Lãnh đạo", kind = "leadership", email = "ld@q.example.org" }
unit { code = "DV1", name = "Đơn vị 1", kind = "district", email = "dv1@q.example.org" }
holiday { date = "2024-01-01", name = "Tết Dương lịch", kind = "holiday" }
holiday { date = "2025-01-01", name = "Tết Dương lịch", kind = "holiday" }
duty { code = "BCQ", title = "Báo cáo quý {period}", from = { "DV1" }, to = "VP", every = "quarter",
  cutoff = "nd09", due = { workdays_after_cutoff = 2 }, remind = { -3, 0, 5 },
  escalate = { after = 20, to = "LD" } }
]]

local function quarterly_db()
  local pkg = H.tmpdir() .. "/q"
  assert(H.sh("mkdir " .. H.quote(pkg)) == 0)
  H.write(pkg .. "/plan.lua", QUARTERLY)
  local db = H.new_db()
  local r = H.run({ "--db", db, "load", pkg, "--quiet" })
  assert(r.code == 0, r.err)
  return db
end

-- The notices as "period stage" lines, in order.
local function notices(db)
  local r = H.run({ "--db", db, "-e", [[local out = {}
    for _, n in ipairs(pw.sql("SELECT period, stage FROM notices ORDER BY period, stage")) do
      out[#out + 1] = n.period .. " " .. n.stage
    end
    return table.concat(out, ",")]] })
  assert(r.code == 0, r.err)
  return (r.out:gsub("\n$", ""))
end

describe("planwatch remind on a quarterly duty", function()
  after_each(H.cleanup)

  it("sends the stage before the deadline on its day, not the day before", function()
    local db = quarterly_db()
    assert.are.equal(0, remind(db, "2025-03-14").code)
    assert.are.equal("", notices(db))
    assert.are.equal(0, remind(db, "2025-03-15").code)
    assert.are.equal("2025-Q1 d-3", notices(db))
  end)

  it("escalates once, on the day escalate.after is reached", function()
    local db = quarterly_db()
    assert.are.equal(0, remind(db, "2025-04-06").code)
    assert.are.equal("2025-Q1 d+5", notices(db))
    assert.are.equal(0, remind(db, "2025-04-07").code)
    assert.are.equal("2025-Q1 d+5,2025-Q1 escalate", notices(db))
    assert.are.equal(1, count(db, "SELECT count(*) AS n FROM outbox WHERE recipient = 'ld@q.example.org'"))
    assert.are.equal(0, remind(db, "2025-04-08").code)
    assert.are.equal("2025-Q1 d+5,2025-Q1 escalate", notices(db))
  end)

  it("sends a stage due exactly --catch-up days ago, and none a day older", function()
    -- 2025-05-07 is 30 days after the escalation day of 2025-Q1
    local db = quarterly_db()
    assert.are.equal(0, remind(db, "2025-05-07", { "--catch-up", "30" }).code)
    assert.are.equal("2025-Q1 escalate", notices(db))
    db = quarterly_db()
    assert.are.equal(0, remind(db, "2025-05-07", { "--catch-up", "29" }).code)
    assert.are.equal("", notices(db))
  end)

  it("--confirm confirms a report of an old period received within --catch-up days", function()
    local db = quarterly_db()
    for _, s in ipairs({ { "2024-Q2", "2025-04-01" }, { "2024-Q3", "2024-09-20" } }) do
      local r = H.run({ "--db", db, "submit", "DV1", "BCQ", s[1], "--at", s[2] })
      assert.are.equal(0, r.code, r.err)
    end
    assert.are.equal(0, remind(db, "2025-04-10", { "--confirm" }).code)
    assert.are.equal("2024-Q2 received,2025-Q1 d+5,2025-Q1 escalate", notices(db))
  end)
end)

describe("planwatch duties, one code declared by two units", function()
  after_each(H.cleanup)

  it("gives each unit the deadline of its own declaration", function()
    -- DV1 owes BCX 2 working days after the cut-off of 14 March 2025, DV2 10
    local pkg = H.tmpdir() .. "/q"
    assert(H.sh("mkdir " .. H.quote(pkg)) == 0)
    H.write(pkg .. "/plan.lua", QUARTERLY:gsub("duty {.*$", "")
      .. 'unit { code = "DV2", name = "Đơn vị 2", kind = "district", email = "dv2@q.example.org" }\n')
    for unit, days in pairs({ DV1 = 2, DV2 = 10 }) do
      H.write(pkg .. "/" .. unit:lower() .. ".lua", string.format('unit "%s"\nduty { code = "BCX", '
        .. 'title = "X {period}", to = "VP", every = "quarter", due = { workdays_after_cutoff = %d } }\n',
        unit, days))
    end
    local db = H.new_db()
    local r = H.run({ "--db", db, "load", pkg, "--quiet" })
    assert.are.equal(0, r.code, r.err)
    r = H.run({ "--db", db, "--today", "2025-04-01", "--format", "csv", "duties", "--all" })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("BCX,DV1,VP,2025-Q1,2025-03-18,overdue,-14", 1, true))
    assert.truthy(r.out:find("BCX,DV2,VP,2025-Q1,2025-03-28,overdue,-4", 1, true))
  end)

  it("gives a fixed day of 02-29 as 1 March in a common year, 29 February in a leap year (roll = false)", function()
    local pkg = H.tmpdir() .. "/q"
    assert(H.sh("mkdir " .. H.quote(pkg)) == 0)
    H.write(pkg .. "/plan.lua", QUARTERLY:gsub("duty {.*$", "")
      .. 'duty { code = "BCN", title = "N {period}", from = "DV1", to = "VP", every = "year",'
      .. ' due = { day = "02-29", roll = false } }\n')
    local db = H.new_db()
    local r = H.run({ "--db", db, "load", pkg, "--quiet" })
    assert.are.equal(0, r.code, r.err)
    r = H.run({ "--db", db, "--today", "2025-04-01", "--format", "csv", "duties", "--all" })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("BCN,DV1,VP,2024,2024-02-29,", 1, true), r.out)
    assert.truthy(r.out:find("BCN,DV1,VP,2025,2025-03-01,overdue,-31", 1, true), r.out)
  end)
end)

describe("duties.schedule", function()
  after_each(H.cleanup)

  -- The duty-periods schedule(opts) returns at 2025-06-01, as "period" codes.
  local function periods(db, opts)
    local r = H.run({ "--db", db, "--today", "2025-06-01", "-e", [[
      local duties = require "duties"
      local opts = ]] .. opts .. [[

      opts.today = pw.today()
      local out = {}
      for _, it in ipairs(duties.schedule(opts)) do out[#out + 1] = it.period end
      return table.concat(out, ",")]] })
    assert(r.code == 0, r.err)
    return (r.out:gsub("\n$", ""))
  end

  it("builds every period from the plan's first year, or with a window those due in it", function()
    local db = quarterly_db()
    assert.are.equal("2024-Q1,2024-Q2,2024-Q3,2024-Q4,2025-Q1,2025-Q2,2025-Q3,2025-Q4", periods(db, "{}"))
    assert.are.equal("2024-Q4,2025-Q1", periods(db,
      [[{ window = function() return "2024-12-17", "2025-03-18" end }]]))
    assert.are.equal("2025-Q1", periods(db,
      [[{ window = function() return "2024-12-18", "2025-06-16" end }]]))
    assert.are.equal("", periods(db, [[{ window = function() end }]]))
  end)

  it("adds back, with received_since, the periods received since that day", function()
    local db = quarterly_db()
    assert.are.equal(0, H.run({ "--db", db, "submit", "DV1", "BCQ", "2024-Q2", "--at", "2025-04-01" }).code)
    assert.are.equal(0, H.run({ "--db", db, "submit", "DV1", "BCQ", "2024-Q3", "--at", "2024-09-20" }).code)
    assert.are.equal("2024-Q2,2025-Q1", periods(db,
      [[{ window = function() return "2025-03-18", "2025-03-18" end, received_since = "2025-03-01" }]]))
  end)
end)
