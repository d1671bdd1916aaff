-- What one department's plugin file may declare, and what the commands do
-- with it later: every field has a range checked at load (file:line), a
-- stored declaration no command can use is left out with one warning while
-- the rest of the plan runs, import runs only the validation rules load
-- accepted, and text that would drive a terminal is refused at load and
-- escaped wherever it is printed.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"

local ESC = "\27"

-- The line number the next declaration appended to a file will stand on.
local function next_line(path)
  local n = 0
  for _ in H.read(path):gmatch("\n") do n = n + 1 end
  return n + 1
end

-- Append text to the file at path.
local function append(path, text)
  H.write(path, H.read(path) .. text)
end

-- How many times plain text occurs in s.
local function count(s, text)
  local n, i = 0, 1
  while true do
    local j = s:find(text, i, true)
    if not j then return n end
    n, i = n + 1, j + 1
  end
end

-- A package copy whose plan.lua gets `decl` appended; loaded into a fresh
-- database. Returns the result, the database and the line of decl.
local function load_plan_with(decl)
  local dir = S.package()
  local path = dir .. "/plan.lua"
  local line = next_line(path)
  append(path, decl .. "\n")
  local db = H.new_db()
  return S.run_within(60, { "--db", db, "load", dir, "--quiet" }), db, path, line
end

-- plan.lua refused at line with message (nothing of it applied).
local function assert_plan_refused(r, path, line, message)
  assert.are_not.equal(S.TIMED_OUT, r.code, "planwatch was still running:\n" .. r.err)
  assert.are.equal(1, r.code, r.err)
  local prefix = path .. ":" .. line .. ": "
  local found = false
  for _, l in ipairs(S.lines_starting(r.err, prefix)) do
    if l:find(message, 1, true) then found = true end
  end
  assert.is_true(found, "expected " .. prefix .. "..." .. message .. " in:\n" .. r.err)
  assert.matches(S.esc(path) .. ": không áp dụng", r.err)
end

-- A duty of evil.lua's unit (SYT) with the given fields replaced.
local function duty(fields)
  return 'duty { code = "BC_SYT", title = "Báo cáo năm {year}", to = "UBND_YB", every = "year", '
    .. (fields.due and "" or "due = { workdays_after_cutoff = 5 }, ") .. fields.text .. " }"
end

describe("a duty's numbers are checked at load against what the commands accept:", function()
  after_each(H.cleanup)

  local cases = {
    { "due 3661 working days after the cut-off",
      { due = true, text = "due = { workdays_after_cutoff = 3661 }" }, "field 'due'" },
    { "due 0 working days after the cut-off",
      { due = true, text = "due = { workdays_after_cutoff = 0 }" }, "field 'due'" },
    { "a reminder 60000 days after the deadline", { text = "remind = { 60000 }" }, "field 'remind'" },
    { "a reminder 400 days before the deadline", { text = "remind = { -400, 0 }" }, "field 'remind'" },
    { "21 reminders", { text = "remind = { " .. ("0, "):rep(21) .. "}" }, "field 'remind'" },
    { "an escalation 5000000 days overdue",
      { text = 'escalate = { after = 5000000, to = "UBND_YB" }' }, "field 'escalate'" },
    { "an escalation before the deadline", { text = 'escalate = { after = -1, to = "UBND_YB" }' }, "field 'escalate'" },
  }
  for _, c in ipairs(cases) do
    it("refuses " .. c[1] .. " at its line", function()
      local r, db, path = S.load_evil(duty(c[2]))
      S.assert_refused(r, db, path, "duty: " .. c[3], 2)
    end)
  end

  it("accepts the ends of each range", function()
    local r, db = S.load_evil(duty({ due = true, text = "due = { workdays_after_cutoff = 250 }, "
      .. 'remind = { -366, 366 }, escalate = { after = 366, to = "UBND_YB" }' }))
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(250, S.value(db, "SELECT due_workdays FROM duties WHERE code = 'BC_SYT'"))
  end)
end)

describe("a stored duty no command can schedule is left out with one warning, and the plan still runs:", function()
  after_each(H.cleanup)

  -- The Yên Bái plan with BC_KH114 (skhcn.lua) broken by SQL, as a
  -- database written by an older planwatch or by hand could hold it.
  local function broken_db(set)
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "--write", "-e",
      "pw.exec([[UPDATE duties SET " .. set .. " WHERE code = 'BC_KH114']]) return 0" })
    assert.are.equal(0, r.code, r.err)
    return db
  end

  local WARNING = "yenbai-114/skhcn.lua: chế độ báo cáo BC_KH114 bị bỏ qua"
  local breakages = {
    { "3661 working days", "due_workdays = 3661" },
    { "a reminder 60000 days late", "remind = '[60000]'" },
    { "an escalation 5000000 days late", "escalate_after = 5000000" },
    { "a title with a line break", "title = 'Báo cáo' || char(10) || 'Bcc: x'" },
  }
  for _, b in ipairs(breakages) do
    it("with " .. b[1] .. ": status, duties, report and remind go on for the other duties", function()
      local db = broken_db(b[2])
      for _, args in ipairs({ { "status" }, { "duties", "--all" }, { "report" }, { "remind", "--dry-run" } }) do
        local cmd = { "--db", db, "--today", "2026-07-15" }
        for _, a in ipairs(args) do cmd[#cmd + 1] = a end
        local r = S.run_within(60, cmd)
        assert.are.equal(0, r.code, args[1] .. ":\n" .. r.err)
        assert.are.equal(1, count(r.err, WARNING), args[1] .. ":\n" .. r.err)
        if args[1] == "duties" then assert.matches("DT_NS_KHCN", r.out, 1, true) end
        if args[1] == "remind" then
          assert.matches("Dự toán ngân sách sự nghiệp khoa học", r.out, 1, true)
        end
      end
    end)
  end
end)

describe("the plan's wording:", function()
  after_each(H.cleanup)

  local bad = {
    { "one placeholder too many", 'subject_one = "%s %s %s %s"', "subject_one" },
    { "a number where the text takes a name", 'greeting = "Kính gửi %d"', "greeting" },
    { "a line break in a subject", 'subject_reminder = "Nhắc\\nBcc: x"', "subject_reminder" },
    { "a placeholder in a text that takes none", 'closing = "%s"', "closing" },
  }
  for _, c in ipairs(bad) do
    it("refuses " .. c[1] .. " at load, with plan.lua's line", function()
      local r, _, path, line = load_plan_with('wording { lang = "vi", ' .. c[2] .. " }")
      assert_plan_refused(r, path, line, "wording: field '" .. c[3] .. "'")
    end)
  end

  it("accepts fewer placeholders than the message gives, and %% for a percent sign", function()
    local r, db = load_plan_with('wording { lang = "vi", subject_one = "Nhắc 100%% báo cáo: %s", '
      .. 'greeting = "Xin chào," }')
    assert.are.equal(0, r.code, r.err)
    r = H.run({ "--db", db, "--today", "2026-07-15", "remind", "--dry-run" })
    assert.are.equal(0, r.code, r.err)
    assert.matches("Subject: Nhắc 100% báo cáo: Dự toán", r.out, 1, true)
    assert.matches("Xin chào,", r.out, 1, true)
  end)

  -- A database whose recorded plan.lua got a wording load would refuse.
  local function db_with_stored_wording(decl)
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "--write", "-e",
      "pw.exec([[UPDATE plugin_files SET text = text || ? WHERE source = 'yenbai-114/plan.lua']], pw.args[1]) return 0",
      "\n" .. decl .. "\n" })
    assert.are.equal(0, r.code, r.err)
    return db
  end

  for _, c in ipairs({ bad[1], bad[2] }) do
    it("a stored wording with " .. c[1] .. " is reported once and the default used; every reminder goes",
      function()
      local db = db_with_stored_wording('wording { lang = "vi", ' .. c[2] .. " }")
      local r = H.run({ "--db", db, "--today", "2026-07-15", "remind", "--dry-run" })
      assert.are.equal(0, r.code, r.err)
      assert.are.equal(1, count(r.err, "yenbai-114/plan.lua:"), r.err)
      assert.matches("wording: field '" .. c[3] .. "'", r.err, 1, true)
      assert.matches("Nhắc báo cáo: Dự toán", r.out, 1, true)
      assert.matches("Kính gửi Sở Khoa học và Công nghệ tỉnh Lào Cai,", r.out, 1, true)
    end)
  end
end)

describe("the wording module checks a text again where it is used:", function()
  after_each(H.cleanup)

  local ITEM = "{ title = 'Báo cáo {year}', period = '2026', deadline = '2026-07-15', to_unit = 'STC', "
    .. "state = 'due_today', days_left = 0, unit_name = 'Sở A' }"
  for _, c in ipairs({ { "subject_one", "%s %s %s %s" }, { "greeting", "Kính gửi %d" },
                       { "closing", "a\27[2J" } }) do
    it("an unfit " .. c[1] .. " is reported with its file and line, and the default kept", function()
      local r = H.run({ "-e", [=[
        local w = require "wording"
        w.override({ { decl = "wording", lang = "vi", line = 7, [pw.args[1]] = pw.args[2] } }, "p/plan.lua")
        local subject, text = w.digest("reminder", "Sở A", { ]=] .. ITEM .. [=[ }, "vi")
        return subject .. "\n" .. text]=], c[1], c[2] })
      assert.are.equal(0, r.code, r.err)
      assert.matches("p/plan.lua:7: wording vi." .. c[1], r.err, 1, true)
      assert.matches("Nhắc báo cáo: Báo cáo 2026 (kỳ 2026), hạn 15/07/2026", r.out, 1, true)
      assert.matches("Kính gửi Sở A,", r.out, 1, true)
      assert.is_nil(r.out:find("\27", 1, true))
    end)
  end
end)

describe("the plan's time zone:", function()
  after_each(H.cleanup)

  for _, zone in ipairs({ "../../tmp/fifo", "Asia/Nowhere", "/etc/localtime", "Asia/Ho_Chi_Minh\\n", "Asia" }) do
    it("refuses '" .. zone .. "' at load, with plan.lua's line", function()
      local dir = S.package()
      local path = dir .. "/plan.lua"
      S.edit(path, 'timezone = "Asia/Ho_Chi_Minh"', 'timezone = "' .. zone .. '"')
      local line
      local n = 0
      for l in H.read(path):gmatch("([^\n]*)\n") do
        n = n + 1
        if l == "plan {" then line = n end
      end
      local r = S.run_within(60, { "--db", H.new_db(), "load", dir })
      assert_plan_refused(r, path, line, "timezone")
    end)
  end

  it("a stored zone that names a FIFO does not block status: it is reported and the default used", function()
    local fifo = H.tmpdir() .. "/zone"
    assert.are.equal(0, H.sh("mkfifo " .. H.quote(fifo)))
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "--write", "-e",
      "pw.exec('UPDATE plans SET timezone = ?', pw.args[1]) return 0", "../../../.." .. fifo })
    assert.are.equal(0, r.code, r.err)
    for _, cmd in ipairs({ "status", "duties" }) do
      r = S.run_within(20, { "--db", db, cmd })
      assert.are.equal(0, r.code, cmd .. ":\n" .. r.err)
      assert.are.equal(1, count(r.err, "yenbai-114/plan.lua: múi giờ"), r.err)
    end
  end)

  it("pw.date_in refuses a name that is no zone instead of reading it", function()
    local fifo = H.tmpdir() .. "/zone"
    assert.are.equal(0, H.sh("mkfifo " .. H.quote(fifo)))
    local r = S.run_within(20, { "-e", "return pw.date_in(pw.args[1])", "../../../.." .. fifo })
    assert.are.equal(2, r.code, r.err)
    assert.matches("time zone", r.err, 1, true)
    r = S.run_within(20, { "-e", "return pw.date_in('America/Argentina/Buenos_Aires')" })
    assert.are.equal(0, r.code, r.err)
  end)
end)

describe("every declared field has a range:", function()
  after_each(H.cleanup)

  -- In a unit file (evil.lua, unit SYT): declaration, field named.
  local unit_cases = {
    { 'task { no = 0, title = "x", when = "2021" }', "task: field 'no'" },
    { 'task { no = 100001, title = "x", when = "2021" }', "task: field 'no'" },
    { 'task { no = 40, title = "x", when = "2021/2300" }', "task: field 'when'" },
    { 'task { no = 40, title = ("x"):rep(1001), when = "2021" }', "task: field 'title'" },
    { 'task { no = 40, title = "x", when = "2021", items = { "a", 5 } }', "task: field 'items'" },
    { 'indicator { code = "' .. ("X"):rep(65) .. '", name = "x" }', "indicator: field 'code'" },
    { 'indicator { code = "SYT_X", name = "x", measure = "%\\0" }', "indicator: field 'measure'" },
    { 'target { indicator = "SYT_X", window = "2021/2025", op = ">=", value = 1/0 }', "target: field 'value'" },
    { 'target { indicator = "SYT_X", window = "2021/2025", op = "between", value = { 1, 1e16 } }',
      "target: field 'value'" },
    { 'target { indicator = "SYT_X", by = 1800, op = ">=", value = 1 }', "target: field 'by'" },
    { 'budget { code = "NS_X", source = "state_budget", amount = -1e300 }', "budget: field 'amount'" },
    { 'budget { code = "NS_X", source = "state_budget", year = 2300 }', "budget: field 'year'" },
    { 'budget { code = "NS_X", source = "state_budget", note = "a\\255b" }', "budget: field 'note'" },
  }
  for _, c in ipairs(unit_cases) do
    it("refuses " .. c[2] .. " out of range: " .. c[1]:sub(1, 60), function()
      local r, db, path = S.load_evil('indicator { code = "SYT_OK", name = "x" }\n' .. c[1])
      S.assert_refused(r, db, path, c[2], 3)
    end)
  end

  -- In plan.lua.
  local plan_cases = {
    { 'unit { code = "X_1", name = "x", kind = "board", email = "a@' .. ("b"):rep(260) .. '.vn" }',
      "unit: field 'email'" },
    { 'unit { code = "X_1", name = "x", kind = "board", aliases = { "a\\tb" } }', "unit: field 'aliases'" },
    { 'goal { code = "G_X", kind = "general", by = 99999, text = "x" }', "goal: field 'by'" },
    { 'goal { code = "G_X", kind = "general", text = "" }', "goal: field 'text'" },
    { 'group { no = 9, title = "x\\r" }', "group: field 'title'" },
    { 'holiday { date = "2300-01-01", name = "x", kind = "holiday" }', "holiday: field 'date'" },
    { 'holiday { date = "2026-01-01", name = "x\\27[2J", kind = "holiday" }', "holiday: field 'name'" },
  }
  for _, c in ipairs(plan_cases) do
    it("refuses " .. c[2] .. " out of range in plan.lua", function()
      local r, _, path, line = load_plan_with(c[1])
      assert_plan_refused(r, path, line, c[2])
    end)
  end

  it("refuses a plan span over 50 years, and more than 800 holidays", function()
    local dir = S.package()
    local path = dir .. "/plan.lua"
    S.edit(path, 'span = "2021/2030"', 'span = "2021/2199"')
    local r = S.run_within(60, { "--db", H.new_db(), "load", dir })
    assert.are.equal(1, r.code, r.err)
    assert.matches("plan: field 'span'", r.err, 1, true)
    local r2 = load_plan_with('for i = 0, 900 do holiday { date = os.date("!%Y-%m-%d", -315619200 + 86400 * i), '
      .. 'name = "x", kind = "holiday" } end')
    assert.are.equal(1, r2.code, r2.err)
    assert.matches("at most 800 holidays", r2.err, 1, true)
  end)

  it("the Yên Bái plan, every field in range, loads unchanged", function()
    local r = S.run_within(60, { "--db", H.new_db(), "load", S.PACKAGE, "--quiet" })
    assert.are.equal(0, r.code, r.err)
  end)
end)

describe("import runs only the validation rules load accepted:", function()
  after_each(H.cleanup)

  local CSV = "indicator,unit,period,value\nDN_XAY_LAP_THI_DIEM,SGTVT,2023,1\n"
  local RULE = 'validate("DN_XAY_LAP_THI_DIEM", function() return false, "blocked by SYT" end)\n'

  local function import(db, dir)
    local csv = H.tmpdir() .. "/values.csv"
    H.write(csv, CSV)
    return S.run_within(60, { "--db", db, "--plugins", dir:match("^(.*)/[^/]+$"), "import", csv })
  end

  -- SYT's file, loaded once with an indicator of its own.
  local function syt_loaded()
    local dir = S.package({ ["syt.lua"] = 'unit "SYT"\nindicator { code = "SYT_X", name = "x" }\n' })
    local db = H.new_db()
    local r = S.load(db, dir, { })
    assert.are.equal(0, r.code, r.err)
    return db, dir
  end

  it("a rule on another unit's indicator, refused by load, does not reject that unit's values", function()
    local db, dir = syt_loaded()
    append(dir .. "/syt.lua", RULE)
    local r = S.load(db, dir)
    assert.are.equal(1, r.code, r.err)
    assert.matches("belongs to SGTVT", r.err, 1, true)
    r = import(db, dir)
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(1, S.value(db, "SELECT value FROM indicator_values WHERE indicator = 'DN_XAY_LAP_THI_DIEM'"))
  end)

  it("a rule added to a file after load judges nothing until load accepts it", function()
    local db, dir = syt_loaded()
    append(dir .. "/syt.lua", RULE)
    local r = import(db, dir)
    assert.are.equal(0, r.code, r.err)
  end)

  it("an accepted rule keeps judging, on the text load accepted, when the file is broken or gone", function()
    local dir = S.package()
    append(dir .. "/sgtvt.lua", RULE)
    local db = H.new_db()
    local r = S.load(db, dir)
    assert.are.equal(0, r.code, r.err)
    H.write(dir .. "/sgtvt.lua", "this is not Lua")
    r = import(db, dir)
    assert.are.equal(2, r.code, r.err)
    assert.matches("blocked by SYT (rule at yenbai-114/sgtvt.lua:", r.err, 1, true)
    os.remove(dir .. "/sgtvt.lua")
    r = import(db, dir)
    assert.are.equal(2, r.code, r.err)
    assert.matches("blocked by SYT", r.err, 1, true)
  end)
end)

describe("control characters in declared text are refused at load:", function()
  after_each(H.cleanup)

  local cases = {
    { "ESC in a task title", 'task { no = 40, title = "a\\27]0;pwned\\7b", when = "2021" }', "task: field 'title'" },
    { "a C1 control (U+009B) in an indicator name", 'indicator { code = "SYT_X", name = "a\\u{9B}2Jb" }',
      "indicator: field 'name'" },
    { "a bidi override (U+202E) in a duty title", duty({ text = 'title_en = "a\\u{202E}b"' }),
      "duty: field 'title_en'" },
    { "an isolate (U+2066) in a task title", 'task { no = 40, title = "a\\u{2066}b", when = "2021" }',
      "task: field 'title'" },
    { "DEL in a task title", 'task { no = 40, title = "a\\127b", when = "2021" }', "task: field 'title'" },
    { "a TAB in a duty title", duty({ text = 'title_en = "a\\tb"' }), "duty: field 'title_en'" },
    { "a CR in a duty title", duty({ text = 'title_en = "a\\rb"' }), "duty: field 'title_en'" },
    { "an LF in a duty title", duty({ text = 'title_en = "a\\nBcc: x"' }), "duty: field 'title_en'" },
    { "an LF in an indicator's measure", 'indicator { code = "SYT_X", name = "x", measure = "a\\nb" }',
      "indicator: field 'measure'" },
  }
  for _, c in ipairs(cases) do
    it("refuses " .. c[1] .. ", naming file, line and field", function()
      local r, db, path = S.load_evil(c[2])
      S.assert_refused(r, db, path, c[3], 2)
      assert.is_nil(r.err:find(ESC, 1, true), "raw ESC printed:\n" .. r.err)
    end)
  end

  it("refuses an LF in a unit's e-mail address in plan.lua", function()
    local r, _, path, line = load_plan_with('unit { code = "X_1", name = "x", kind = "board", '
      .. 'email = "a@b.vn\\nBcc: c@d.vn" }')
    assert_plan_refused(r, path, line, "unit: field 'email'")
  end)

  it("allows a line break, and nothing else, in a long description (a note)", function()
    local r, db = S.load_evil(duty({ text = 'note = "first line\\nsecond line"' }))
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("first line\nsecond line", S.value(db, "SELECT note FROM duties WHERE code = 'BC_SYT'"))
    local r2, db2, path2 = S.load_evil(duty({ text = 'note = "a\\rb"' }))
    S.assert_refused(r2, db2, path2, "duty: field 'note'", 2)
  end)
end)

describe("text that reaches a terminal is escaped:", function()
  after_each(H.cleanup)

  local function no_raw_controls(s, what)
    assert.is_nil(s:find("[\1-\9\11-\31\127]"), what .. " holds a raw control character:\n" .. s)
    assert.is_nil(s:find("\194[\128-\159]"), what .. " holds a raw C1 control:\n" .. s)
    assert.is_nil(s:find("\226\128[\170-\174]"), what .. " holds a raw bidi override:\n" .. s)
  end

  it("load and check print a plugin file's name escaped", function()
    local name = "e" .. ESC .. "]0;pwned" .. "\7.lua"
    local dir = S.package({ [name] = "this is not Lua\n" })
    for _, cmd in ipairs({ "load", "check" }) do
      local r = H.run({ "--db", H.new_db(), cmd, dir })
      assert.are.equal(1, r.code, r.err)
      no_raw_controls(r.err .. r.out, cmd)
      assert.matches("e\\x1B]0;pwned\\x07.lua", r.err, 1, true)
    end
  end)

  it("load prints a plugin's error message escaped", function()
    local r = S.load_evil('error("\\27[2J\\27[1;1Hyenbai-114/plan.lua: 170 added\\n")')
    assert.are.equal(1, r.code, r.err)
    no_raw_controls(r.err, "stderr")
    assert.matches("\\x1B[2J", r.err, 1, true)
  end)

  it("import prints a validation rule's message escaped", function()
    local dir = S.package()
    append(dir .. "/sgtvt.lua", 'validate("DN_XAY_LAP_THI_DIEM", function() return false, "no\\27]0;pwned\\7" end)\n')
    local db = H.new_db()
    assert.are.equal(0, S.load(db, dir).code)
    local csv = H.tmpdir() .. "/v.csv"
    H.write(csv, "indicator,unit,period,value\nDN_XAY_LAP_THI_DIEM,SGTVT,2023,1\n")
    local r = H.run({ "--db", db, "import", csv })
    assert.are.equal(2, r.code, r.err)
    no_raw_controls(r.err, "stderr")
    assert.matches("no\\x1B]0;pwned\\x07", r.err, 1, true)
  end)

  it("the error that ends a command is escaped, and its line breaks kept", function()
    local r = H.run({ "-e", 'error("a\\27[2J\\194\\155b\\226\\128\\174c\\nsecond", 0)' })
    assert.are.equal(2, r.code)
    no_raw_controls(r.err, "stderr")
    assert.matches("a\\x1B[2J\\u009Bb\\u202Ec\nsecond", r.err, 1, true)
  end)

  -- A database whose task 1 title holds controls (as SQL could write it).
  local function db_with_title(title)
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "--write", "-e",
      "pw.exec('UPDATE tasks SET title = ? WHERE no = 1', pw.args[1]) return 0", title })
    assert.are.equal(0, r.code, r.err)
    return db
  end

  it("status and report show a stored title's controls as escapes", function()
    local db = db_with_title("X" .. ESC .. "[2J" .. ESC .. "]0;t\7Y\226\128\174Z")
    for _, args in ipairs({ { "status" }, { "report" }, { "export", "tasks" } }) do
      local cmd = { "--db", db, "--today", "2026-07-15" }
      for _, a in ipairs(args) do cmd[#cmd + 1] = a end
      local r = H.run(cmd)
      assert.are.equal(0, r.code, r.err)
      no_raw_controls(r.out, args[1])
      assert.matches("X\\x1B", r.out, 1, true) -- Markdown escapes the brackets too
      assert.matches("\\x07Y\\u202EZ", r.out, 1, true)
    end
  end)

  it("JSON output writes them as \\u escapes, which decode back to the stored text", function()
    local title = "X" .. ESC .. "[2JY\194\155Z\226\128\174W"
    local db = db_with_title(title)
    local r = H.run({ "--db", db, "--format", "json", "export", "tasks" })
    assert.are.equal(0, r.code, r.err)
    no_raw_controls(r.out, "json")
    assert.matches("X\\u001b[2JY\\u009bZ\\u202eW", r.out, 1, true)
    local back = H.run({ "-e", "return pw.json.decode(pw.args[1])[1].title == pw.args[2]", r.out, title })
    assert.are.equal("true", back.out:match("%S+"), back.err)
  end)

  it("CSV export neutralises controls as visible escapes, keeping the text", function()
    local db = db_with_title("=A" .. ESC .. "[31mB\194\155C\tD")
    local r = H.run({ "--db", db, "--format", "csv", "export", "tasks" })
    assert.are.equal(0, r.code, r.err)
    no_raw_controls((r.out:gsub("\r\n", "\n")), "csv")
    assert.matches("'=A\\x1B[31mB\\u009BC\\x09D", r.out, 1, true)
  end)
end)
