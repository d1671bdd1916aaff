-- planwatch import-plan: a plan's published text to a plan package draft.
--
-- The round trip compares the package drafted from the Yên Bái text with the
-- hand-written plugins/yenbai-114, both loaded, through `export --format
-- json` (and `-e` for what export does not show):
--   * tasks: the same numbers, each with the same lead, time (when_text,
--     from_year, to_year) and coordinating units (support);
--   * targets: the same (op, value, value_high, window_from, window_to), as a
--     multiset over all targets, and the same four among plan-level targets
--     (those declared in plan.lua); indicator codes are compared as a set;
--   * units: those the tasks (lead and coordinating) and the targets (their
--     indicators' owners) reference, with the same codes, names and kinds.
--     The hand-written package declares more units (recipients, districts,
--     leadership) than the text's body names; those are not compared;
--   * the plan's header (number, date, issuer, basis, span, title, place,
--     signer); the plan id is given with --id yenbai-114.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"
local json = dofile(H.root .. "/scripts/lib/json.lua")

local FIXTURES = H.root .. "/tests/fixtures/plans/"
local SEED = FIXTURES .. "ke-hoach-114-KH-UBND-yen-bai-2021.txt"
local HOA_SON = FIXTURES .. "ke-hoach-87-KH-UBND-hoa-son-2022.txt"

-- Import text_path into a new folder named name; returns the run and the
-- folder. extra: more arguments.
local function import(text_path, name, extra)
  local out = H.tmpdir() .. "/" .. (name or "plan")
  assert(H.sh("mkdir " .. H.quote(out)) == 0)
  local args = { "--db", H.tmpdir() .. "/none.db", "import-plan", text_path, "--out", out }
  for _, a in ipairs(extra or {}) do args[#args + 1] = a end
  return H.run(args), out
end

-- A scratch file holding text.
local function scratch(text, name)
  local path = H.tmpdir() .. "/" .. (name or "plan.txt")
  H.write(path, text)
  return path
end

local function export(db, what)
  local r = H.run({ "--db", db, "export", what, "--format", "json" })
  assert(r.code == 0, r.err)
  return json.decode(r.out)
end

local function loaded(dir)
  local db = H.new_db()
  local r = S.load(db, dir)
  assert(r.code == 0, r.err)
  return db
end

local function by_no(rows)
  local t = {}
  for _, r in ipairs(rows) do t[r.no] = r end
  return t
end

-- A target as compared: "op value[..high] from/to".
local function target_key(r)
  local high = r.value_high and string.format("..%g", r.value_high) or ""
  return string.format("%s %g%s %d/%d", r.op, r.value, high, r.window_from, r.window_to)
end

local function sorted_keys(rows, f)
  local keys = {}
  for i, r in ipairs(rows) do keys[i] = f(r) end
  table.sort(keys)
  return keys
end

local PLAN_TARGETS = [[SELECT op, value, value_high, window_from, window_to FROM targets
  WHERE retired_at IS NULL AND source LIKE '%/plan.lua']]

-- Units the tasks and the targets reference: code -> { name, kind }.
local function referenced_units(db)
  local rows = S.sql(db, [[SELECT code, name, kind FROM units WHERE code IN (
      SELECT tu.unit FROM task_units tu JOIN tasks t ON t.plan_id = tu.plan_id
        AND t.no = tu.task_no WHERE t.retired_at IS NULL
      UNION SELECT i.owner FROM targets g JOIN indicators i ON i.code = g.indicator
        WHERE g.retired_at IS NULL)]])
  local t = {}
  for _, r in ipairs(rows) do t[r.code] = r.name .. " / " .. r.kind end
  return t
end

describe("planwatch import-plan, on the Yên Bái plan 114/KH-UBND", function()
  local run, out, gen_db, hand_db

  setup(function()
    run, out = import(SEED, "yenbai-114", { "--id", "yenbai-114" })
    gen_db = loaded(out)
    hand_db = H.yenbai_db()
  end)

  teardown(H.cleanup)

  it("writes plan.lua and one file per lead unit, with exit 0", function()
    assert.are.equal(0, run.code, run.err)
    local names = {}
    for name in run.out:match("đã ghi ([^\n]+)"):gmatch("[%w_.]+%.lua") do names[#names + 1] = name end
    table.sort(names)
    assert.are.same({ "plan.lua", "sct.lua", "sgtvt.lua", "skhcn.lua", "skhdt.lua",
                      "sldtbxh.lua", "stttt.lua" }, names)
    assert.matches("11 nhiệm vụ, 8 yêu cầu chỉ tiêu (4 cấp kế hoạch)", run.out, 1, true)
  end)

  it("writes a package that planwatch check passes", function()
    local r = S.check(H.new_db(), out)
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("", r.err)
    assert.matches("đã kiểm tra 7 tệp, 0 tệp có lỗi", r.out, 1, true)
  end)

  it("reads the header as the hand-written package has it", function()
    local cols = "number, issued, issuer, basis, span_from, span_to, title, place, signer"
    local gen = S.sql(gen_db, "SELECT id, " .. cols .. " FROM plans")
    local hand = S.sql(hand_db, "SELECT id, " .. cols .. " FROM plans")
    assert.are.same(hand, gen)
    assert.are.equal("36/QĐ-TTg", gen[1].basis)
    assert.are.equal("Kế hoạch nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới " ..
                     "sáng tạo giai đoạn 2021-2030 trên địa bàn tỉnh Yên Bái", gen[1].title)
  end)

  it("has the same 11 tasks, with the same leads, times and coordinating units", function()
    local gen, hand = by_no(export(gen_db, "tasks")), by_no(export(hand_db, "tasks"))
    assert.are.equal(11, #gen)
    for no = 1, 11 do
      for _, col in ipairs({ "lead", "when_text", "from_year", "to_year", "support" }) do
        assert.are.equal(hand[no][col], gen[no][col], "task " .. no .. " " .. col)
      end
    end
    assert.are.equal("annual", gen[3].when_text)
    assert.are.equal("from 2021", gen[4].when_text)
  end)

  it("has the same targets, the same four of them in plan.lua", function()
    local gen, hand = export(gen_db, "targets"), export(hand_db, "targets")
    assert.are.equal(8, #gen)
    assert.are.same(sorted_keys(hand, target_key), sorted_keys(gen, target_key))
    local gen_plan, hand_plan = S.sql(gen_db, PLAN_TARGETS), S.sql(hand_db, PLAN_TARGETS)
    assert.are.equal(4, #gen_plan)
    assert.are.same(sorted_keys(hand_plan, target_key), sorted_keys(gen_plan, target_key))
    assert.are.same({ "> 7.2 2026/2030", ">= 15 2021/2025", ">= 35 2021/2030", ">= 6.2 2021/2025" },
                    sorted_keys(gen_plan, target_key))
    assert.are.same(sorted_keys(hand, function(r) return r.indicator end),
                    sorted_keys(gen, function(r) return r.indicator end))
  end)

  it("references the same units, with the same names and kinds", function()
    local gen, hand = referenced_units(gen_db), referenced_units(hand_db)
    assert.are.same(hand, gen)
    assert.are.equal("Sở Thông tin và Truyền thông / department", gen.STTTT)
    assert.are.equal("Sở Lao động - Thương binh và Xã hội / department", gen.SLDTBXH)
  end)

  it("keeps the text's spellings of a unit as its aliases", function()
    local aliases = S.sql(gen_db, "SELECT alias, unit FROM unit_aliases ORDER BY alias")
    local t = {}
    for _, r in ipairs(aliases) do t[r.alias] = r.unit end
    assert.are.equal("SKHCN", t["Sở KH&CN"])
    assert.are.equal("STTTT", t["Sở Thông tin & Truyền thông"])
    assert.are.equal("SLDTBXH", t["Sở Lao động- Thương binh và Xã hội"])
  end)

  it("marks each value it is unsure of with a REVIEW comment quoting the line", function()
    local sct = H.read(out .. "/sct.lua")
    assert.matches('-- REVIEW: starts with a small letter (a letter lost); read as "Ứng dụng": ' ..
                   '"- ng dụng thương mại điện tử trong việc quảng bá và tiêu thụ sản phẩm." (line 241)',
                   sct, 1, true)
    assert.matches('"Ứng dụng thương mại điện tử trong việc quảng bá và tiêu thụ sản phẩm.",', sct, 1, true)
    assert.matches('-- REVIEW: the period 2021-2015 ends before it starts: "- Tham mưu Hội đồng',
                   H.read(out .. "/skhdt.lua"), 1, true)
    local plan = H.read(out .. "/plan.lua")
    assert.matches('-- REVIEW: heading read as "Mục tiêu cụ thể": "2. Mục tiêu cthể" (line 36)', plan, 1, true)
    assert.matches('-- REVIEW: unit "Liên minh Hợp tác tỉnh" read as LMHTX', plan, 1, true)
  end)

  it("lists the same reviews on stderr, as FILE:LINE", function()
    local lines = S.lines_starting(run.err, SEED .. ":")
    assert.are.equal(8, #lines)
    for _, n in ipairs({ 36, 102, 120, 239, 241, 267, 269, 283 }) do
      assert.matches(SEED .. ":" .. n .. ": REVIEW: ", run.err, 1, true)
    end
    local files = ""
    for _, f in ipairs({ "plan", "sct", "skhdt", "sgtvt" }) do files = files .. H.read(out .. "/" .. f .. ".lua") end
    assert.are.equal(8, select(2, files:gsub("\n%-%- REVIEW: ", "")))
  end)
end)

-- Expected tasks of the Hòa Sơn fixture: no = { lead, when_text, support }.
local HOA_SON_TASKS = {
  { "SKHCN", "2022", "*" },
  { "SGDDT", "annual", '["SKHCN","SLDTBXH"]' },
  { "SNNPTNT", "2022/2025", '["LMHTX"]' },
  { "STC", "from 2023", '["CTK"]' },
  { "TTXTDT", "2022/2030", '["SCT","SKHDT"]' },
  { "SCT", "2022/2030", "*" },
  { "SYT", "2022", "*" },
}

local HOA_SON_TARGETS = {
  ">= 5.5 2022/2025", "> 6.5 2026/2030", ">= 20 2022/2025", ">= 50 2022/2030",
  "> 30 2022/2025", ">= 10 2022/2030", ">= 5 2022/2030",
  "between 3..5 2022/2025", ">= 4 2022/2030", "> 15 2022/2030", ">= 5 2022/2022",
}

local function check_hoa_son(db)
  local tasks = by_no(export(db, "tasks"))
  assert.are.equal(#HOA_SON_TASKS, #tasks)
  for no, want in ipairs(HOA_SON_TASKS) do
    assert.are.same(want, { tasks[no].lead, tasks[no].when_text, tasks[no].support }, "task " .. no)
  end
  local want = {}
  for i, k in ipairs(HOA_SON_TARGETS) do want[i] = k end
  table.sort(want)
  assert.are.same(want, sorted_keys(export(db, "targets"), target_key))
end

describe("planwatch import-plan, on another plan in the same style", function()
  after_each(H.cleanup)

  it("imports its 7 tasks, other departments and other targets", function()
    local r, out = import(HOA_SON, "hoa-son-87")
    assert.are.equal(0, r.code, r.err)
    assert.matches("7 nhiệm vụ, 11 yêu cầu chỉ tiêu (7 cấp kế hoạch)", r.out, 1, true)
    assert.matches("kiểm tra: 8 tệp, 0 tệp có lỗi", r.out, 1, true)
    local db = loaded(out)
    check_hoa_son(db)
    local plan = S.sql(db, "SELECT id, number, issued, issuer, basis, span_from, span_to, signer FROM plans")[1]
    assert.are.same({ id = "hoa-son-87", number = "87/KH-UBND", issued = "2022-03-20",
      issuer = "UBND_HS", basis = "1322/QĐ-TTg", span_from = 2022, span_to = 2030,
      signer = "Trần Văn Minh" }, plan)
  end)

  it("reads the same from CRLF lines", function()
    local path = scratch(H.read(HOA_SON):gsub("\n", "\r\n"), "crlf.txt")
    local r, out = import(path)
    assert.are.equal(0, r.code, r.err)
    check_hoa_son(loaded(out))
  end)

  it("keeps an unknown unit as a new unit, lists it and marks it for review", function()
    local r, out = import(HOA_SON)
    assert.matches('đơn vị mới TTXTDT "Trung tâm Xúc tiến đầu tư tỉnh" (dòng 93)', r.out, 1, true)
    local plan = H.read(out .. "/plan.lua")
    assert.matches('-- REVIEW: unit "Trung tâm Xúc tiến đầu tư tỉnh" is not in the list of known ' ..
                   'units: new unit TTXTDT: "4. Trung tâm Xúc tiến đầu tư tỉnh:" (line 93)', plan, 1, true)
    assert.is_nil(plan:find('name = "thành phố"', 1, true))
    assert.matches("also coordinating: UBND các huyện, thành phố", H.read(out .. "/snnptnt.lua"), 1, true)
  end)

  it("composes decomposed letters before matching names", function()
    local r, out = import(HOA_SON)
    assert.are.equal(0, r.code, r.err)
    assert.matches('unit "SYT"', H.read(out .. "/syt.lua"), 1, true)
  end)

  it("marks a target it cannot place under a year and a backwards period", function()
    local r, out = import(HOA_SON)
    assert.matches(":37: REVIEW: a target with no year to place it under", r.err, 1, true)
    assert.matches(':181: REVIEW: the period 2022-2020 ends before it starts: given the plan\'s span: "Năm 2022-2020"',
                   r.err, 1, true)
    assert.matches('-- REVIEW: starts with a small letter (a letter lost); read as "Đào tạo"',
                   H.read(out .. "/sgddt.lua"), 1, true)
  end)
end)

describe("planwatch import-plan, on texts it cannot fully read", function()
  after_each(H.cleanup)

  local function lines_of(path)
    local list = {}
    for l in (H.read(path) .. "\n"):gmatch("([^\n]*)\n") do list[#list + 1] = l end
    return list
  end

  local function first_lines(path, n)
    return table.concat(lines_of(path), "\n", 1, n) .. "\n"
  end

  it("writes the plan without tasks when there is no appendix, and says so (exit 1)", function()
    local text = H.read(HOA_SON)
    local r, out = import(scratch(text:sub(1, text:find("PHỤ LỤC", 1, true) - 1)))
    assert.are.equal(1, r.code, r.err)
    assert.matches("warning: no appendix (PHỤ LỤC) found: the package has no tasks", r.err, 1, true)
    local c = S.check(H.new_db(), out)
    assert.are.equal(0, c.code, c.err)
    assert.matches("đã kiểm tra 1 tệp, 0 tệp có lỗi", c.out, 1, true)
  end)

  it("imports the rows of a table cut short and warns about the last one (exit 1)", function()
    local lines = lines_of(HOA_SON)
    local cut
    for i, l in ipairs(lines) do if l == "Năm 2022-2020" then cut = i end end
    local r, out = import(scratch(first_lines(HOA_SON, cut)))
    assert.are.equal(1, r.code, r.err)
    assert.matches(":177: warning: appendix row 5 has no lead unit; the table may be cut short", r.err, 1, true)
    local db = loaded(out)
    assert.are.equal(4, #export(db, "tasks"))
  end)

  it("keeps a last row that lost only its coordinating cell, with a warning", function()
    local lines = lines_of(HOA_SON)
    local r, out = import(scratch(first_lines(HOA_SON, #lines - 2)))
    assert.are.equal(1, r.code, r.err)
    assert.matches("appendix row 7 has no coordinating-unit cell; the table may be cut short", r.err, 1, true)
    local tasks = by_no(export(loaded(out), "tasks"))
    assert.are.equal("SYT", tasks[7].lead)
    assert.is_nil(tasks[7].support)
  end)

  it("refuses a file that is not UTF-8, naming the byte, and writes nothing (exit 2)", function()
    local text = H.read(HOA_SON):gsub("Hòa Sơn, ngày", "H\242a S\160n, ngày", 1)
    local r, out = import(scratch(text))
    assert.are.equal(2, r.code)
    assert.matches("not UTF%-8: byte %d+ %(line 15, column 2%) is 0xF2", r.err)
    assert.matches("iconv", r.err, 1, true)
    assert.are.equal("", io.popen("ls -A " .. H.quote(out)):read("a"))
  end)

  it("refuses UTF-16 with a hint", function()
    local r = import(scratch("\255\254K\0\202\0"))
    assert.are.equal(2, r.code)
    assert.matches("looks like UTF-16", r.err, 1, true)
  end)

  it("refuses a text that is not a plan (exit 2)", function()
    local r = import(scratch("Một văn bản khác.\nKhông có tiêu đề kế hoạch.\n"))
    assert.are.equal(2, r.code)
    assert.matches('no "KẾ HOẠCH" heading', r.err, 1, true)
    r = import(scratch(""))
    assert.are.equal(2, r.code)
    assert.matches("the text is empty", r.err, 1, true)
  end)

  it("never fails on its own code, wherever the text is cut", function()
    local lines = lines_of(SEED)
    for n = 1, #lines, 9 do
      local r = import(scratch(first_lines(SEED, n)))
      assert.is_true(r.code == 0 or r.code == 1 or r.code == 2, "cut at " .. n)
      assert.is_nil(r.err:find("%.lua:%d+: "), "cut at line " .. n .. ":\n" .. r.err)
    end
    local bytes = H.read(SEED)
    for _, at in ipairs({ 101, 1001, 5003, 9007, 15013 }) do
      local r = import(scratch(bytes:sub(1, at)))
      assert.is_nil(r.err:find("%.lua:%d+: "), "cut at byte " .. at .. ":\n" .. r.err)
    end
  end)
end)

describe("planwatch import-plan, its folder and its arguments", function()
  after_each(H.cleanup)

  it("refuses to write into a folder that is not empty, unless --force", function()
    local r, out = import(HOA_SON)
    assert.are.equal(0, r.code, r.err)
    H.write(out .. "/extra.lua", 'unit "SYT"\n')
    local again = H.run({ "import-plan", HOA_SON, "--out", out })
    assert.are.equal(2, again.code)
    assert.matches("không rỗng: chọn --out khác, hoặc cho --force", again.err, 1, true)
    local forced = H.run({ "--db", H.tmpdir() .. "/none.db", "import-plan", HOA_SON, "--out", out, "--force" })
    assert.matches("extra.lua: cảnh báo: không do lần nhập này ghi, để nguyên", forced.err, 1, true)
  end)

  it("creates a missing folder, or says how when it cannot", function()
    local out = H.tmpdir() .. "/new-plan"
    local r = H.run({ "--db", H.tmpdir() .. "/none.db", "import-plan", HOA_SON, "--out", out })
    if r.code == 0 then
      assert.is_true(S.exists(out .. "/plan.lua"))
    else
      assert.are.equal(2, r.code)
      assert.matches("does not exist: create it first (mkdir -p " .. out .. ")", r.err, 1, true)
    end
  end)

  it("takes the plan's id from --id, else from the folder's name", function()
    local _, out = import(HOA_SON, "hs-87")
    assert.matches('id = "hs-87"', H.read(out .. "/plan.lua"), 1, true)
    _, out = import(HOA_SON, "x", { "--id", "hoa-son" })
    assert.matches('id = "hoa-son"', H.read(out .. "/plan.lua"), 1, true)
  end)

  it("refuses missing arguments and an unreadable file with exit 2", function()
    local r = H.run({ "import-plan", "--out", H.tmpdir() })
    assert.are.equal(2, r.code)
    assert.matches("hãy cho TỆP.txt", r.err, 1, true)
    r = H.run({ "import-plan", HOA_SON })
    assert.are.equal(2, r.code)
    assert.matches("hãy cho --out THƯ_MỤC", r.err, 1, true)
    r = H.run({ "import-plan", H.tmpdir() .. "/missing.txt", "--out", H.tmpdir() })
    assert.are.equal(2, r.code)
    assert.matches("missing.txt", r.err, 1, true)
    r = H.run({ "import-plan", "--help" })
    assert.are.equal(0, r.code)
    assert.matches("cách dùng: planwatch import-plan TỆP.txt --out THƯ_MỤC", r.out, 1, true)
  end)
end)

describe("pw.textutil", function()
  after_each(H.cleanup)

  local function eval(code)
    local r = H.run({ "-e", code })
    return r.code, (r.out:gsub("\n$", "")), r.err
  end

  -- Exit status and output of a -e run.
  local function result(code)
    local status, out = eval(code)
    return { status, out }
  end

  it("maps case of Vietnamese letters, Đ included", function()
    assert.are.same({ 0, "ủy ban nhân dân tỉnh yên bái" },
                    result('pw.textutil.lower("ỦY BAN NHÂN DÂN TỈNH YÊN BÁI")'))
    assert.are.same({ 0, "ĐƯỜNG ỐNG" }, result('pw.textutil.upper("đường ống")'))
  end)

  it("composes decomposed letters and strips diacritics", function()
    assert.are.same({ 0, "Việt" }, result('pw.textutil.nfc("Vie\\u{323}\\u{302}t")'))
    assert.are.same({ 0, "Duong Viet" }, result('pw.textutil.strip("Đường Vie\\u{323}\\u{302}t")'))
  end)

  it("reports the first invalid byte, and refuses it elsewhere", function()
    assert.are.same({ 0, "false\n3" }, result('pw.textutil.valid("ab\\xff")'))
    local code, _, err = eval('pw.textutil.lower("ab\\xff")')
    assert.are.equal(2, code)
    assert.matches("bad argument #1 to 'lower' (invalid UTF-8 at byte 3)", err, 1, true)
    code, _, err = eval("pw.textutil.nfc({})")
    assert.are.equal(2, code)
    assert.matches("bad argument #1 to 'nfc' (string expected, got table)", err, 1, true)
  end)
end)
