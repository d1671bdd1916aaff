-- `planwatch check` and `planwatch load`: validation, what is written and
-- reported, retiring, and how a file with problems is kept out.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"

-- The load rules are named by their English texts (words_rest_spec.lua
-- checks the Vietnamese ones).
local EN = { lang = "en" }

local TASKS = "SELECT count(*) FROM tasks WHERE retired_at IS NULL"

-- The number of the first line of the file at path that equals text.
local function line_of(path, text)
  local n = 0
  for line in (H.read(path) .. "\n"):gmatch("([^\n]*)\n") do
    n = n + 1
    if line == text then return n end
  end
  error("no line '" .. text .. "' in " .. path)
end

local function has_line(text, line)
  for l in text:gmatch("[^\n]+") do
    if l == line then return true end
  end
  return false
end

local function assert_line(text, line)
  assert.is_true(has_line(text, line), "expected the line\n  " .. line .. "\nin:\n" .. text)
end

local TASK8_TITLE = "Chuyển đổi số: đô thị thông minh, chính quyền số, đào tạo kỹ năng số và hỗ trợ doanh nghiệp chuyển đổi số"
local TASK8_NEW = "Chuyển đổi số toàn diện: đô thị thông minh, chính quyền số, đào tạo kỹ năng số và hỗ trợ doanh nghiệp chuyển đổi số"

describe("planwatch check", function()
  after_each(H.cleanup)

  it("validates the package and writes nothing to a fresh database", function()
    local db = H.new_db()
    local r = S.check(db, S.PACKAGE)
    assert.are.equal(0, r.code, r.err)
    assert.matches("yenbai-114: đã kiểm tra 7 tệp, 0 tệp có lỗi", r.out, 1, true)
    assert.are.equal(0, S.value(db, "SELECT count(*) FROM tasks"))
    assert.are.equal(0, S.value(db, "SELECT count(*) FROM units"))
    assert.are.equal(0, S.value(db, "SELECT count(*) FROM plans"))
    assert.are.equal(0, S.value(db, "SELECT count(*) FROM audit"))
  end)

  it("does not create a database that does not exist", function()
    local db = H.tmpdir() .. "/none.db"
    local r = S.check(db, S.PACKAGE)
    assert.are.equal(0, r.code, r.err)
    assert.is_false(S.exists(db))
  end)

  it("does not apply an edit to a loaded database", function()
    local db = H.yenbai_db()
    local dir = S.package()
    S.edit(dir .. "/stttt.lua", TASK8_TITLE, TASK8_NEW)
    local audit = S.value(db, "SELECT count(*) FROM audit")
    local r = S.check(db, dir)
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(TASK8_TITLE, S.value(db, "SELECT title FROM tasks WHERE no = 8"))
    assert.are.equal(audit, S.value(db, "SELECT count(*) FROM audit"))
  end)

  it("reports a broken file and exits 1, still writing nothing", function()
    local db = H.new_db()
    local dir = S.package()
    H.write(dir .. "/sct.lua", H.read(dir .. "/sct.lua") .. "local x = = 1\n")
    local n = select(2, H.read(dir .. "/sct.lua"):gsub("\n", ""))
    local r = S.check(db, dir)
    assert.are.equal(1, r.code)
    assert.matches(dir .. "/sct.lua:" .. n .. ": unexpected symbol near '='", r.err, 1, true)
    assert_line(r.err, dir .. "/sct.lua: không áp dụng")
    assert.matches("đã kiểm tra 7 tệp, 1 tệp có lỗi", r.out, 1, true)
    assert.are.equal(0, S.value(db, "SELECT count(*) FROM tasks"))
  end)
end)

describe("planwatch load", function()
  after_each(H.cleanup)

  it("prints what it added, per file", function()
    local db = H.new_db()
    local r = S.load(db, S.PACKAGE)
    assert.are.equal(0, r.code, r.err)
    assert.matches(S.esc("yenbai-114/plan.lua: ") .. "%d+ thêm mới", r.out)
    assert_line(r.out, "yenbai-114/skhcn.lua: 8 thêm mới")
    for no = 1, 6 do assert_line(r.out, "  thêm mới nhiệm vụ yenbai-114/" .. no) end
    assert_line(r.out, "  thêm mới chế độ báo cáo BC_KH114/SKHCN")
    assert_line(r.out, "yenbai-114/stttt.lua: 5 thêm mới")
    assert_line(r.out, "  thêm mới nhiệm vụ yenbai-114/8")
    assert_line(r.out, "  thêm mới chỉ tiêu DN_CONG_NGHE_SO")
    assert_line(r.out, "  thêm mới yêu cầu chỉ tiêu yenbai-114/DN_CONG_NGHE_SO@2021/2030")
    assert_line(r.out, "yenbai-114/sct.lua: 1 thêm mới")
    assert_line(r.out, "  thêm mới nhiệm vụ yenbai-114/7")
    assert.are.equal("", r.err)
    assert.are.equal(11, S.value(db, TASKS))
  end)

  it("with --quiet prints the summaries only", function()
    local db = H.new_db()
    local r = H.run({ "--db", db, "load", S.PACKAGE, "--quiet" })
    assert.are.equal(0, r.code, r.err)
    assert_line(r.out, "yenbai-114/skhcn.lua: 8 thêm mới")
    assert.is_nil(r.out:find("  thêm mới", 1, true))
  end)

  it("prints \"no changes\" the second time and writes nothing", function()
    local db = H.yenbai_db()
    local audit = S.value(db, "SELECT count(*) FROM audit")
    local r = S.load(db, S.PACKAGE)
    assert.are.equal(0, r.code, r.err)
    assert.are.equal(S.PACKAGE .. ": không có thay đổi\n", r.out)
    assert.are.equal(audit, S.value(db, "SELECT count(*) FROM audit"))
  end)

  it("applies an edited file without any rebuild and says what changed", function()
    local db = H.yenbai_db()
    local dir = S.package()
    S.edit(dir .. "/stttt.lua", TASK8_TITLE, TASK8_NEW)
    local r = S.load(db, dir)
    assert.are.equal(0, r.code, r.err)
    assert_line(r.out, "yenbai-114/stttt.lua: 1 thay đổi")
    assert_line(r.out, "  thay đổi nhiệm vụ yenbai-114/8 (title)")
    assert.are.equal(TASK8_NEW, S.value(db, "SELECT title FROM tasks WHERE no = 8"))
    assert.are.equal(1, S.value(db,
      "SELECT count(*) FROM audit WHERE action = 'change' AND entity = 'tasks' AND key = 'yenbai-114/8'"))
    -- the other files were not touched
    assert.is_nil(r.out:find("skhcn.lua", 1, true))
  end)

  it("retires a task a file no longer declares, keeps its row, and restores it when declared again", function()
    local db = H.yenbai_db()
    local dir = S.package()
    local original = H.read(dir .. "/stttt.lua")
    S.remove_block(dir .. "/stttt.lua", "task {")
    local r = S.load(db, dir)
    assert.are.equal(0, r.code, r.err)
    assert_line(r.out, "yenbai-114/stttt.lua: 1 thôi dùng")
    assert_line(r.out, "  thôi dùng nhiệm vụ yenbai-114/8")
    local rows = S.sql(db, "SELECT title, retired_at FROM tasks WHERE no = 8")
    assert.are.equal(1, #rows)
    assert.are.equal(TASK8_TITLE, rows[1].title)
    assert.is_not_nil(rows[1].retired_at)
    assert.are.equal(10, S.value(db, TASKS))
    assert.are.equal(1, S.value(db,
      "SELECT count(*) FROM audit WHERE action = 'retire' AND entity = 'tasks' AND key = 'yenbai-114/8'"))

    H.write(dir .. "/stttt.lua", original)
    r = S.load(db, dir)
    assert.are.equal(0, r.code, r.err)
    assert_line(r.out, "yenbai-114/stttt.lua: 1 dùng lại")
    assert_line(r.out, "  dùng lại nhiệm vụ yenbai-114/8")
    assert.is_nil(S.value(db, "SELECT retired_at FROM tasks WHERE no = 8"))
    assert.are.equal(11, S.value(db, TASKS))
    assert.are.equal(1, S.value(db,
      "SELECT count(*) FROM audit WHERE action = 'restore' AND entity = 'tasks' AND key = 'yenbai-114/8'"))
  end)

  it("retires what a deleted file declared", function()
    local db = H.yenbai_db()
    local dir = S.package()
    os.remove(dir .. "/sldtbxh.lua")
    local r = S.load(db, dir)
    assert.are.equal(0, r.code, r.err)
    assert_line(r.out, "  thôi dùng nhiệm vụ yenbai-114/11")
    assert.is_not_nil(S.value(db, "SELECT retired_at FROM tasks WHERE no = 11"))
    assert.are.equal(10, S.value(db, TASKS))
  end)

  describe("with one broken file among good ones", function()
    local function break_sct(dir)
      H.write(dir .. "/sct.lua", H.read(dir .. "/sct.lua") .. "local x = = 1\n")
    end

    it("applies the other files to a fresh database and leaves the broken one out", function()
      local db = H.new_db()
      local dir = S.package()
      break_sct(dir)
      local r = S.load(db, dir)
      assert.are.equal(1, r.code)
      assert.matches(S.esc(dir .. "/sct.lua:") .. "%d+: unexpected symbol near '='", r.err)
      assert_line(r.err, dir .. "/sct.lua: không áp dụng")
      assert.are.equal(10, S.value(db, TASKS))
      assert.are.equal(0, S.value(db, "SELECT count(*) FROM tasks WHERE no = 7"))
      assert.is_nil(r.out:find("sct.lua", 1, true))
    end)

    it("leaves what the broken file declared before as it was", function()
      local db = H.yenbai_db()
      local dir = S.package()
      break_sct(dir)
      local before = S.sql(db, "SELECT title, lead, retired_at FROM tasks WHERE no = 7")[1]
      local r = S.load(db, dir)
      assert.are.equal(1, r.code)
      local after = S.sql(db, "SELECT title, lead, retired_at FROM tasks WHERE no = 7")[1]
      assert.are.same(before, after)
      assert.is_nil(after.retired_at)
      assert.are.equal(11, S.value(db, TASKS))
    end)
  end)

  it("changes nothing of a file with errors, not even its valid parts", function()
    local db = H.yenbai_db()
    local dir = S.package()
    local path = dir .. "/stttt.lua"
    S.edit(path, TASK8_TITLE, TASK8_NEW)
    S.edit(path, '  lead = "STTTT",\n', '  lead = "STTTT",\n  colour = "red",\n')
    local r = S.load(db, dir, EN)
    assert.are.equal(1, r.code)
    assert.matches(path .. ":" .. line_of(path, "task {") .. ": task: unknown field 'colour'", r.err, 1, true)
    assert_line(r.err, path .. ": not applied")
    local row = S.sql(db, "SELECT title, retired_at FROM tasks WHERE no = 8")[1]
    assert.are.equal(TASK8_TITLE, row.title)
    assert.is_nil(row.retired_at)
    assert.is_nil(S.value(db, "SELECT retired_at FROM indicators WHERE code = 'DN_CONG_NGHE_SO'"))
    assert.are.equal(0, S.value(db, "SELECT count(*) FROM audit WHERE action <> 'add'"))
  end)

  describe("refuses", function()
    it("an unknown field, naming the file, the line and the field", function()
      local db = H.new_db()
      local dir = S.package({ ["syt.lua"] = 'unit "SYT"\n\ntask {\n  no = 12, title = "x", when = "2021",\n  dealine = "2021-12-31",\n}\n' })
      local r = S.load(db, dir, EN)
      assert.are.equal(1, r.code)
      assert_line(r.err, dir .. "/syt.lua:3: task: unknown field 'dealine'")
      assert.are.equal(0, S.value(db, "SELECT count(*) FROM tasks WHERE no = 12"))
      assert.are.equal(11, S.value(db, TASKS))
    end)

    it("a coordinating unit that does not exist", function()
      local db = H.new_db()
      local dir = S.package()
      local path = dir .. "/stttt.lua"
      S.edit(path, '  lead = "STTTT",\n  support = "*",\n', '  lead = "STTTT",\n  support = { "SCT", "NOPE" },\n')
      local r = S.load(db, dir, EN)
      assert.are.equal(1, r.code)
      assert_line(r.err, path .. ":" .. line_of(path, "task {") .. ": task: unknown coordinating unit 'NOPE'")
      assert.are.equal(0, S.value(db, "SELECT count(*) FROM tasks WHERE no = 8"))
      assert.are.equal(10, S.value(db, TASKS))
    end)

    it("a lead unit that does not exist, in plan.lua", function()
      local db = H.new_db()
      local dir = S.package()
      local path = dir .. "/plan.lua"
      local n = select(2, H.read(path):gsub("\n", "")) + 1
      H.write(path, H.read(path) .. 'task { no = 12, title = "x", when = "2021", lead = "NOPE" }\n')
      local r = S.load(db, dir, EN)
      assert.are.equal(1, r.code)
      assert_line(r.err, path .. ":" .. n .. ": task: unknown lead unit 'NOPE'")
      assert_line(r.err, path .. ": not applied")
      assert.are.equal(0, S.value(db, "SELECT count(*) FROM plans"))
    end)

    it("a unit header naming a unit the plan does not declare", function()
      local db = H.new_db()
      local dir = S.package({ ["nope.lua"] = 'unit "NOPE"\n' })
      local r = S.load(db, dir, EN)
      assert.are.equal(1, r.code)
      assert_line(r.err, dir .. "/nope.lua:1: unit: 'NOPE' is not a unit of the plan (declare it in plan.lua)")
    end)

    -- A file syt.lua holding body is refused with message (after
    -- "DIR/syt.lua:"; the whole line when exact) and count is then 0.
    local function syt_refused(name, body, message, count, exact)
      it(name, function()
        local db = H.new_db()
        local dir = S.package({ ["syt.lua"] = body })
        local r = S.load(db, dir, EN)
        assert.are.equal(1, r.code)
        if exact then assert_line(r.err, dir .. "/syt.lua:" .. message)
        else assert.matches(dir .. "/syt.lua:" .. message, r.err, 1, true) end
        if count then assert.are.equal(0, S.value(db, count)) end
      end)
    end

    syt_refused("a task led by another unit than the file's",
      'unit "SYT"\ntask { no = 12, title = "x", when = "2021", lead = "SCT" }\n',
      "2: task: task 12's lead belongs to SCT, not to SYT (this file's unit)",
      "SELECT count(*) FROM tasks WHERE no = 12", true)
    syt_refused("a target on another unit's indicator",
      'unit "SYT"\ntarget { indicator = "DN_CONG_NGHE_SO", by = 2025, op = ">=", value = 1 }\n',
      "2: target: indicator DN_CONG_NGHE_SO belongs to STTTT",
      "SELECT count(*) FROM targets WHERE key = 'yenbai-114/DN_CONG_NGHE_SO@2021/2025'")
    syt_refused("a duty reported by another unit", 'unit "SYT"\n' ..
      'duty { code = "BC_X", title = "x", from = "SCT", to = "SKHCN", every = "year", due = { day = "12-20" } }\n',
      "2: duty: duty BC_X of SCT belongs to SCT, not to SYT",
      "SELECT count(*) FROM duties WHERE code = 'BC_X'")
    syt_refused("a unit declared outside plan.lua",
      'unit "SYT"\nunit { code = "SYT_X", name = "x", kind = "board" }\n',
      "2: unit can only be declared in plan.lua", "SELECT count(*) FROM units WHERE code = 'SYT_X'", true)
    syt_refused("a goal declared outside plan.lua",
      'unit "SYT"\ngoal { code = "G_X", kind = "general", text = "x" }\n',
      "2: goal can only be declared in plan.lua", nil, true)
    syt_refused("a unit file that does not start with unit \"CODE\"",
      'task { no = 12, title = "x", when = "2021", lead = "SYT" }\n',
      '1: a unit plugin must start with unit "CODE"', "SELECT count(*) FROM tasks WHERE no = 12", true)

    it("a task number declared by two files on a fresh database (neither holds it: both refused)", function()
      local db = H.new_db()
      local dir = S.package({ ["syt.lua"] =
        'unit "SYT"\ntask { no = 8, title = "x", when = "2021", lead = "SYT" }\n' })
      local r = S.load(db, dir, EN)
      assert.are.equal(1, r.code)
      assert_line(r.err, dir .. "/syt.lua:2: task 8 is already declared at " ..
                  dir .. "/stttt.lua:" .. line_of(dir .. "/stttt.lua", "task {"))
      assert_line(r.err, dir .. "/syt.lua: not applied")
      assert_line(r.err, dir .. "/stttt.lua: not applied")
      assert.are.equal(0, S.value(db, "SELECT count(*) FROM tasks WHERE no = 8"))
    end)
  end)

  it("with a broken plan.lua on a fresh database, refuses every file and writes nothing", function()
    local db = H.new_db()
    local dir = S.package()
    H.write(dir .. "/plan.lua", H.read(dir .. "/plan.lua") .. "local x = = 1\n")
    local r = S.load(db, dir, EN)
    assert.are.equal(1, r.code)
    assert.matches(S.esc(dir .. "/plan.lua:") .. "%d+: unexpected symbol near '='", r.err)
    for _, f in ipairs({ "sct", "sgtvt", "skhcn", "skhdt", "sldtbxh", "stttt" }) do
      assert_line(r.err, dir .. "/" .. f .. ".lua:1: the plan is not loaded: fix plan.lua first")
      assert_line(r.err, dir .. "/" .. f .. ".lua: not applied")
    end
    assert.are.equal(dir .. ": no changes\n", r.out)
    assert.are.same({ { p = 0, u = 0, t = 0, a = 0 } }, S.sql(db, [[SELECT
      (SELECT count(*) FROM plans) AS p, (SELECT count(*) FROM units) AS u,
      (SELECT count(*) FROM tasks) AS t, (SELECT count(*) FROM audit) AS a]]))
  end)

  it("with a broken plan.lua on a loaded database, still applies a valid unit file", function()
    -- plan.lua changes nothing, so its units stay loaded; stttt.lua refers
    -- only to them and is valid
    local db = H.yenbai_db()
    local dir = S.package()
    H.write(dir .. "/plan.lua", H.read(dir .. "/plan.lua") .. "local x = = 1\n")
    S.edit(dir .. "/stttt.lua", TASK8_TITLE, TASK8_NEW)
    local r = S.load(db, dir, EN)
    assert.are.equal(1, r.code)
    assert_line(r.err, dir .. "/plan.lua: not applied")
    assert.are.same({}, S.lines_starting(r.err, dir .. "/stttt.lua"))
    assert.are.equal(TASK8_NEW, S.value(db, "SELECT title FROM tasks WHERE no = 8"))
    assert.are.equal(52, S.value(db, "SELECT count(*) FROM units WHERE retired_at IS NULL"))
  end)

  describe("applies the valid files in one transaction", function()
    it("with an audit row for every task added", function()
      local db = H.yenbai_db()
      local keys = S.sql(db, "SELECT key FROM audit WHERE action = 'add' AND entity = 'tasks' ORDER BY key")
      assert.are.equal(11, #keys)
      local at = S.sql(db, "SELECT DISTINCT actor FROM audit")
      assert.are.same({ { actor = "load" } }, at)
    end)

    it("and rolls it all back when writing fails half-way", function()
      local db = H.new_db()
      local r = H.run({ "--db", db, "--write", "-e", [[return pw.exec("CREATE TRIGGER refuse_task_9 BEFORE INSERT ON tasks WHEN NEW.no = 9 ]] ..
        [[BEGIN SELECT RAISE(ABORT, 'task 9 refused'); END")]] })
      assert.are.equal(0, r.code, r.err)
      r = S.load(db, S.PACKAGE)
      assert.are.equal(2, r.code)
      assert.matches("task 9 refused", r.err, 1, true)
      assert.are.same({ { p = 0, u = 0, t = 0, a = 0 } }, S.sql(db, [[SELECT
        (SELECT count(*) FROM plans) AS p, (SELECT count(*) FROM units) AS u,
        (SELECT count(*) FROM tasks) AS t, (SELECT count(*) FROM audit) AS a]]))
    end)
  end)

  it("a newcomer declaring a task another unit holds is refused; the holder keeps it", function()
    local db = H.yenbai_db()
    local pkg = H.copy_package("plugins/yenbai-114")
    H.write(pkg .. "/aaa.lua", 'unit "SCT"\ntask { no = 3, title = "x", when = "2021", lead = "SCT" }\n')
    local r = H.run({ "--lang", "en", "--db", db, "load", pkg })
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("aaa.lua:2: task 3 is already declared at", 1, true))
    assert.is_nil(r.err:find("skhcn.lua: not applied", 1, true))
    local q = H.run({ "--db", db, "-e", "return pw.sql('SELECT lead FROM tasks WHERE no = 3')[1].lead" })
    assert.are.equal("SKHCN\n", q.out)
  end)
end)
