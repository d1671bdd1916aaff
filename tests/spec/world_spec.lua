-- The plan's world over time: units' dates, successions (merge, split by
-- function, rename, end), who owes, is reminded and is escalated to on a
-- day, history kept under the old codes, the issuer over time, targets of
-- an area that stopped existing, and the refusals of bad declarations.
local H = require "helper"

local function run(db, args, opts)
  local a = { "--db", db, "--plugins", H.PLUGINS }
  for _, x in ipairs(args) do a[#a + 1] = x end
  return H.run(a, opts)
end

-- The rows of a query as lines of comma-joined values (NULL as empty),
-- after a first empty line.
local function sql(db, q)
  local cols = {}
  for c in q:match("SELECT (.-) FROM"):gmatch("[%w_]+") do cols[#cols + 1] = string.format("%q", c) end
  local r = run(db, { "-e", "local cols = {" .. table.concat(cols, ", ") .. "} "
    .. "for _, row in ipairs(pw.sql([[" .. q .. "]])) do local t = {} "
    .. "for i, c in ipairs(cols) do t[i] = row[c] ~= nil and tostring(row[c]) or '' end "
    .. "print(table.concat(t, ',')) end" })
  assert(r.code == 0, r.err)
  return "\n" .. r.out
end

-- A small plan package: plan.lua with `body` after the plan and a unit
-- plugin for A.
local PLAN = [[
plan { id = "w", number = "1/KH", issued = "2021-01-05", issuer = "P_OLD",
  span = "2021/2030", title = "World test plan" %s }
unit { code = "P_OLD", name = "Tỉnh cũ", kind = "province", email = "p@old.example.org" }
unit { code = "P_NEW", name = "Tỉnh mới", kind = "province", email = "p@new.example.org", from = "2025-07-01" }
unit { code = "HUB", name = "Sở đầu mối", kind = "department", email = "hub@x.example.org" }
unit { code = "LD", name = "Lãnh đạo cũ", kind = "leadership", email = "ld@old.example.org" }
unit { code = "LD2", name = "Lãnh đạo mới", kind = "leadership", email = "ld@new.example.org", from = "2025-03-01" }
unit { code = "A", name = "Sở A", kind = "department", aliases = { "Sở AA" }, email = "a@x.example.org" }
unit { code = "B", name = "Sở B", kind = "department", email = "b@x.example.org" }
unit { code = "C", name = "Sở C", kind = "department", email = "c@x.example.org", from = "2025-03-01" }
unit { code = "D", name = "Sở D", kind = "department", email = "d@x.example.org" }
unit { code = "E", name = "Sở E", kind = "department", email = "e@x.example.org" }
unit { code = "F", name = "Sở F", kind = "department", email = "f@x.example.org" }
unit { code = "F2", name = "Sở F mới", kind = "department", email = "f2@x.example.org", from = "2025-03-01" }
unit { code = "H1", name = "Huyện 1", kind = "district", email = "h1@x.example.org" }
duty { code = "R", title = "Báo cáo {year}", from = { "A", "B", "D", "F", "H1" }, to = "HUB",
  every = "year", due = { day = "12-15" }, remind = { -7, 0 }, escalate = { after = 3, to = "LD" } }
%s
]]

local UNIT_A = [[
unit "A"
task { no = 1, title = "Việc của A", when = "2021/2030", lead = "A" }
task { no = 2, title = "Việc khác của A", when = "2021/2030", lead = "A" }
]]

local SUCCESSIONS = [[
succession { date = "2025-03-01", kind = "merge", from = { "A", "B" }, to = "C",
  basis = "Quyết định 1/QĐ: hợp nhất A và B thành C" }
succession { date = "2025-03-01", kind = "split", from = "D", to = "E", tasks = { [2] = "E" },
  duties = { R = "HUB" }, basis = "Quyết định 2/QĐ: chia D" }
succession { date = "2025-03-01", kind = "rename", from = "F", to = "F2", basis = "Quyết định 3/QĐ: đổi tên F" }
succession { date = "2025-03-01", kind = "rename", from = "LD", to = "LD2", basis = "Quyết định 4/QĐ" }
succession { date = "2025-07-01", kind = "end", from = "H1", basis = "Nghị quyết 203/2025/QH15" }
succession { date = "2025-07-01", kind = "merge", from = "P_OLD", to = "P_NEW", basis = "Nghị quyết 202/2025/QH15" }
]]

local function package(plan_extra, body, unit_a)
  local dir = H.tmpdir() .. "/w"
  assert(H.sh("mkdir -p " .. H.quote(dir)) == 0)
  H.write(dir .. "/plan.lua", string.format(PLAN, plan_extra or "", body or ""))
  H.write(dir .. "/a.lua", unit_a or UNIT_A)
  return dir
end

-- In English: the checks are named by their English texts.
local function load(db, dir)
  return run(db, { "--lang", "en", "load", dir, "--quiet" })
end

describe("units over time", function()
  after_each(H.cleanup)

  it("a merge, a split by function, a rename and an end set the units' dates and the successions", function()
    local db = H.new_db()
    local r = load(db, package(nil, SUCCESSIONS))
    assert.are.equal(0, r.code, r.err)
    local units = sql(db, "SELECT code, valid_from, valid_until FROM units ORDER BY code")
    for _, line in ipairs({ "A,,2025-03-01", "B,,2025-03-01", "H1,,2025-07-01", "C,2025-03-01,",
        "D,,2025-03-01", "E,,", "P_NEW,2025-07-01," }) do
      assert.truthy(units:find("\n" .. line .. "\n", 1, true), line .. " in " .. units)
    end
    local succ = sql(db, "SELECT kind, basis FROM successions ORDER BY key")
    for _, b in ipairs({ "Quyết định 1/QĐ", "Quyết định 2/QĐ", "Quyết định 3/QĐ", "Nghị quyết 203/2025/QH15" }) do
      assert.truthy(succ:find(b, 1, true), succ)
    end
    -- A's tasks pass to C on the day of the merger
    local leads = sql(db, "SELECT task_no, lead, valid_from, valid_until FROM task_leads ORDER BY task_no, lead")
    for _, line in ipairs({ "1,A,,2025-03-01", "1,C,2025-03-01,", "2,C,2025-03-01," }) do
      assert.truthy(leads:find("\n" .. line .. "\n", 1, true), line .. " in " .. leads)
    end
  end)

  it("a split hands a task and a duty to other units than its default successor", function()
    local db = H.new_db()
    local dir = package(nil, SUCCESSIONS, [[
unit "D"
task { no = 1, title = "Việc của D", when = "2021/2030", lead = "D" }
task { no = 2, title = "Việc khác của D", when = "2021/2030", lead = "D" }
]])
    assert.are.equal(0, load(db, dir).code)
    local leads = sql(db, "SELECT task_no, lead FROM task_leads WHERE valid_from IS NOT NULL ORDER BY task_no")
    assert.truthy(leads:find("\n1,E\n", 1, true), leads)
    assert.truthy(leads:find("\n2,E\n", 1, true), leads)
    -- duty R of D goes to HUB, which is R's recipient: nobody owes D's R after 2025
    local r = run(db, { "--today", "2026-12-20", "duties", "--all", "--format", "csv" })
    assert.are.equal(0, r.code, r.err)
    assert.falsy(r.out:find("R,D,HUB,2026", 1, true), r.out)
    assert.falsy(r.out:find("R,E,", 1, true), r.out)
    assert.truthy(r.out:find("R,D,HUB,2024", 1, true), r.out)
  end)

  it("reminds only units alive on the day, the successor for the merged ones", function()
    local db = H.new_db()
    assert.are.equal(0, load(db, package(nil, SUCCESSIONS)).code)
    local r = run(db, { "--today", "2026-12-08", "remind", "--dry-run" })
    assert.are.equal(0, r.code, r.err)
    local to = {}
    for addr in r.out:gmatch("\nTo: (%S+)") do to[#to + 1] = addr end
    table.sort(to)
    assert.are.same({ "c@x.example.org", "f2@x.example.org" }, to)
  end)

  it("escalates to the successor of an ended escalation unit", function()
    local db = H.new_db()
    assert.are.equal(0, load(db, package(nil, SUCCESSIONS)).code)
    local r = run(db, { "--today", "2026-12-18", "remind", "--dry-run" })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("To: ld@new.example.org", 1, true), r.out)
    assert.falsy(r.out:find("ld@old.example.org", 1, true), r.out)
    -- before the change the old leadership is told
    r = run(db, { "--today", "2024-12-19", "remind", "--dry-run" })
    assert.truthy(r.out:find("To: ld@old.example.org", 1, true), r.out)
  end)

  it("keeps the history under the old codes: rates up to 2024 are the same with or without the successions", function()
    local db = H.new_db()
    local dir = package(nil, "")
    assert.are.equal(0, load(db, dir).code)
    local csv = { "duty,unit,period,received_at" }
    for y = 2021, 2024 do
      csv[#csv + 1] = string.format("R,A,%d,%d-12-10", y, y)
      csv[#csv + 1] = string.format("R,H1,%d,%d-12-20", y, y)
      if y % 2 == 0 then csv[#csv + 1] = string.format("R,B,%d,%d-12-14", y, y) end
    end
    H.write(dir .. "/../subs.csv", table.concat(csv, "\n") .. "\n")
    local r = run(db, { "import", dir .. "/../subs.csv" })
    assert.are.equal(0, r.code, r.err)
    local function rates(today)
      local x = run(db, { "--today", today, "--format", "json", "duties", "--rates", "unit" })
      assert.are.equal(0, x.code, x.err)
      return x.out
    end
    local before = rates("2024-12-31")
    assert.truthy(before:find('"unit":"H1"', 1, true), before)
    H.write(dir .. "/plan.lua", string.format(PLAN, "", SUCCESSIONS))
    assert.are.equal(0, load(db, dir).code)
    assert.are.equal(before, rates("2024-12-31"))
    -- and the ended units' history is still there at a later day
    local later = rates("2026-12-31")
    assert.truthy(later:find('"unit":"H1","expected":4,"actual":4,', 1, true), later)
  end)

  it("resolves an old name to the successor for later periods and to the old unit for earlier ones", function()
    local db = H.new_db()
    assert.are.equal(0, load(db, package(nil, SUCCESSIONS)).code)
    local r = run(db, { "--today", "2026-12-20", "submit", "Sở AA", "R", "2026", "--at", "2026-12-10" })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("^C %(A%) R 2026: received"), r.out)
    r = run(db, { "--today", "2026-12-20", "submit", "Sở AA", "R", "2023", "--at", "2023-12-10" })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("^A R 2023: received"), r.out)
    r = run(db, { "--today", "2026-12-20", "--format", "csv", "duties", "--state", "received" })
    assert.truthy(r.out:find("R,C,HUB,2026", 1, true), r.out)
    assert.truthy(r.out:find("R,A,HUB,2023", 1, true), r.out)
    assert.falsy(r.out:find("R,B,HUB,2023", 1, true), r.out)
  end)

  it("shows an ended unit with its successor and the day, and the issuer over time", function()
    local db = H.new_db()
    assert.are.equal(0, load(db, package(nil, SUCCESSIONS)).code)
    local r = run(db, { "--today", "2026-12-20", "status" })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("Sở A → Sở C từ 01/03/2025", 1, true), r.out)
    assert.truthy(r.out:find("Huyện 1 (chấm dứt từ 01/07/2025)", 1, true), r.out)
    assert.truthy(r.out:find("Tỉnh cũ → Tỉnh mới từ 01/07/2025", 1, true), r.out)
    r = run(db, { "--today", "2026-12-20", "--lang", "en", "status" })
    assert.truthy(r.out:find("Sở A → Sở C from 1 March 2025", 1, true), r.out)
    r = run(db, { "--today", "2024-12-20", "status" })
    assert.falsy(r.out:find("→", 1, true), r.out)
    -- the report says the same
    local md = H.tmpdir() .. "/report.md"
    r = run(db, { "--today", "2026-12-20", "report", "--md", md })
    assert.are.equal(0, r.code, r.err)
    local text = H.read(md)
    assert.truthy(text:find("Sở A → Sở C từ 01/03/2025", 1, true), text)
    assert.truthy(text:find("Tỉnh cũ → Tỉnh mới từ 01/07/2025", 1, true), text)
  end)

  it("shows the plan that supersedes this one", function()
    local db = H.new_db()
    local extra = ', superseded_by = { plan = "99/KH-UBND", date = "2027-01-01", basis = "Kế hoạch mới" }'
    assert.are.equal(0, load(db, package(extra, SUCCESSIONS)).code)
    local r = run(db, { "--today", "2027-02-01", "status" })
    assert.truthy(r.out:find("Được thay thế bởi: 99/KH-UBND từ 01/01/2027 (Kế hoạch mới)", 1, true), r.out)
  end)
end)

describe("bad successions", function()
  after_each(H.cleanup)

  local cases = {
    { "an unknown unit", [[succession { date = "2025-03-01", kind = "merge", from = "A", to = "ZZ", basis = "x" }]],
      "succession: field 'to': unknown unit 'ZZ'" },
    { "a date outside the plan", [[succession { date = "2035-03-01", kind = "end", from = "A", basis = "x" }]],
      "succession: field 'date': 2035-03-01 is outside the plan's span" },
    { "a unit merged twice on one date", [[
succession { date = "2025-03-01", kind = "merge", from = "A", to = "C", basis = "x" }
succession { date = "2025-03-01", kind = "merge", from = "A", to = "E", basis = "y" }]],
      "succession: field 'from': unit 'A' is already succeeded on 2025-03-01 at line" },
    { "a cycle", [[
succession { date = "2025-03-01", kind = "rename", from = "A", to = "B", basis = "x" }
succession { date = "2025-03-01", kind = "rename", from = "B", to = "A", basis = "y" }]],
      "the successions go round in a cycle: A → B → A" },
    { "no basis", [[succession { date = "2025-03-01", kind = "rename", from = "A", to = "B" }]],
      "succession: field 'basis' is required" },
    { "a successor not yet alive", [[succession { date = "2024-03-01", kind = "rename", from = "A", to = "C", basis = "x" }]],
      "unit 'C' starts on 2025-03-01, after the succession (2024-03-01)" },
  }
  for _, c in ipairs(cases) do
    it("refuses " .. c[1] .. " with the file, line and field, and changes nothing", function()
      local db = H.new_db()
      assert.are.equal(0, load(db, package(nil, "")).code)
      local before = sql(db, "SELECT code, valid_until FROM units ORDER BY code")
      local dir = H.tmpdir() .. "/w"
      assert(H.sh("mkdir -p " .. H.quote(dir)) == 0)
      H.write(dir .. "/plan.lua", string.format(PLAN, "", c[2]))
      H.write(dir .. "/a.lua", UNIT_A)
      local r = load(db, dir)
      assert.are_not.equal(0, r.code)
      -- the successions start on the line of PLAN's last %s
      local line = select(2, PLAN:sub(1, #PLAN - 3):gsub("\n", "")) + 1
      assert.truthy(r.err:find("plan.lua:" .. line .. ": succession", 1, true)
        or r.err:find("plan.lua:" .. (line + 1) .. ": succession", 1, true), r.err)
      assert.truthy(r.err:find(c[3], 1, true), r.err)
      assert.are.equal(before, sql(db, "SELECT code, valid_until FROM units ORDER BY code"))
    end)
  end
end)

describe("placeholder addresses", function()
  after_each(H.cleanup)

  it("are refused under a real country's domain, naming the file, line and field", function()
    local db = H.new_db()
    local dir = package(nil, 'unit { code = "X", name = "X", kind = "department", email = "vanthu@x.example.vn" }')
    local r = load(db, dir)
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("plan.lua:18: unit: field 'email' must be an e-mail address; a placeholder must use "
      .. "a domain reserved for examples (RFC 2606: example.org, .example, .invalid), not example.vn", 1, true), r.err)
  end)
end)

describe("plan 114 as it is today", function()
  after_each(H.cleanup)

  -- The plan without its 2025 section: the units of 2021, no successions.
  local function without_world()
    local dir = H.copy_package("plugins/yenbai-114")
    local text = H.read(dir .. "/plan.lua")
    local rule = "---------------------------------------------------------------------------\n"
    local a = text:find(rule .. "-- The plan's world since 2025", 1, true)
    local b = text:find(rule .. "-- Goals (section I)", 1, true)
    assert(a and b, "the 2025 section of plan.lua")
    H.write(dir .. "/plan.lua", text:sub(1, a - 1) .. text:sub(b))
    return dir
  end

  it("reminds on 2026-12-09 only bodies that exist that day", function()
    local db = H.yenbai_db()
    local r = run(db, { "--today", "2026-12-09", "remind", "--dry-run" })
    assert.are.equal(0, r.code, r.err)
    local alive = {}
    for code, email, from, upto in sql(db, "SELECT code, email, valid_from, valid_until FROM units")
        :gmatch("([%w_]+),([^,\n]*),([^,\n]*),([^,\n]*)\n") do
      alive[email] = { code = code, ok = (from == "" or from <= "2026-12-09") and (upto == "" or "2026-12-09" < upto) }
    end
    local n = 0
    for addr in r.out:gmatch("\nTo: (%S+)") do
      n = n + 1
      assert.truthy(alive[addr], addr)
      assert.truthy(alive[addr].ok, alive[addr].code .. " is not alive on 2026-12-09")
    end
    assert.are.equal(11, n)
    for _, gone in ipairs({ "skhdt", "sgtvt", "stttt", "snnptnt", "sldtbxh", "tpyenbai", "lucyen" }) do
      assert.falsy(r.out:find("@" .. gone .. ".example.org", 1, true), gone)
    end
  end)

  it("without its 2025 section, reminds the units of 2021 (the test above can fail)", function()
    local db = H.new_db()
    assert.are.equal(0, run(db, { "load", without_world(), "--quiet" }).code)
    local r = run(db, { "--today", "2026-12-09", "remind", "--dry-run" })
    local n = select(2, r.out:gsub("\nTo: ", ""))
    assert.are.equal(23, n)
  end)

  it("keeps the 2024 reporting rates when the 2025 successions are declared", function()
    local db = H.new_db()
    local dir = without_world()
    assert.are.equal(0, run(db, { "load", dir, "--quiet" }).code)
    local csv = { "duty,unit,period,received_at" }
    local units = { "SCT", "SKHDT", "STTTT", "SLDTBXH", "UBND_LUCYEN", "UBND_TP_YENBAI", "BQLKCN" }
    for y = 2021, 2024 do
      for i, u in ipairs(units) do
        if (i + y) % 3 ~= 0 then
          csv[#csv + 1] = string.format("BC_DONVI_KH114,%s,%d,%d-12-%02d", u, y, y, 10 + i)
        end
      end
    end
    H.write(dir .. "/../subs.csv", table.concat(csv, "\n") .. "\n")
    local r = run(db, { "import", dir .. "/../subs.csv" })
    assert.are.equal(0, r.code, r.err)
    local function rates()
      local x = run(db, { "--today", "2024-12-31", "--format", "json", "duties", "--rates", "unit" })
      assert.are.equal(0, x.code, x.err)
      return x.out
    end
    local before = rates()
    assert.truthy(before:find('"unit":"UBND_LUCYEN"', 1, true), before)
    assert.are.equal(0, run(db, { "load", H.PLUGINS .. "/yenbai-114", "--quiet" }).code)
    assert.are.equal(before, rates())
  end)

  it("shows task leads today with their history, and the issuer over time", function()
    local db = H.yenbai_db()
    local r = run(db, { "--today", "2026-12-09", "--format", "json", "status" })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find('"issuer_today": "UBND_LC"', 1, true), r.out)
    assert.truthy(r.out:find('"lead": "STC_LC"', 1, true), r.out)
    assert.truthy(r.out:find("Sở Kế hoạch và Đầu tư → Sở Tài chính từ 01/03/2025 → Sở Tài chính tỉnh Lào Cai từ 01/07/2025",
      1, true), r.out)
    assert.falsy(r.out:find('"lead": "SKHDT"', 1, true), r.out)
  end)

  it("shows a duty's recipient that has ended with the unit receiving in its place, for people only", function()
    local db = H.yenbai_db()
    local function duty_row(today, format)
      local r = run(db, { "--today", today, "--format", format, "status" })
      assert.are.equal(0, r.code, r.err)
      for l in r.out:gmatch("[^\n]+") do
        if l:match("^BC_KH114[ ,]") and l:find("SKHCN", 1, true) then return l end
      end
      error("no row of BC_KH114 in\n" .. r.out)
    end
    assert.truthy(duty_row("2026-12-09", "table"):find("UBND_YB → UBND_LC", 1, true))
    assert.falsy(duty_row("2024-12-09", "table"):find("→", 1, true))
    local csv = duty_row("2026-12-09", "csv")
    assert.truthy(csv:find(",UBND_YB,", 1, true), csv)
    assert.falsy(csv:find("UBND_LC", 1, true), csv)
  end)

  it("finds the targets set on the former province not comparable after the merger", function()
    local db = H.yenbai_db()
    assert.are.equal(0, run(db, { "import", H.PLUGINS .. "/yenbai-114/data/sample-values.csv" }).code)
    local function status(today)
      local r = run(db, { "--today", today, "--format", "json", "status" })
      assert.are.equal(0, r.code, r.err)
      return r.out
    end
    local after = status("2026-12-09")
    assert.truthy(after:find('"status": "không so sánh được: tỉnh Yên Bái (cũ)"', 1, true), after)
    assert.truthy(after:find('"status_code": "not_comparable"', 1, true), after)
    local before = status("2025-06-30")
    assert.falsy(before:find("not_comparable", 1, true), before)
  end)
end)
