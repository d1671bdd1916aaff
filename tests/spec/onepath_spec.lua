-- One writer per concern: the audit log has one writer (core/audit.c,
-- pw.audit) that every command changing data goes through; units are found
-- by one rule (core/unitname.c, pw.unit) in the values import, the
-- submissions import and submit; and both kinds of CSV file are read by one
-- layer (lib/csvin.lua over core/csv.c) with the same messages.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"
local dkjson = require "dkjson"

local AT = "^%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%dZ$"

-- The audit rows of db matching where (SQL), oldest first.
local function audit_rows(db, where)
  return S.sql(db, "SELECT id, at, actor, action, entity, key, old, new FROM audit WHERE "
    .. where .. " ORDER BY id")
end

-- Every field as the log has always written it: the time in UTC, the
-- command, what, where, and old/new as JSON objects or absent.
local function assert_row(r, actor, action, entity, key)
  assert.are.equal(actor, r.actor)
  assert.are.equal(action, r.action)
  assert.are.equal(entity, r.entity)
  assert.are.equal(key, r.key)
  assert.truthy(r.at:match(AT), r.at)
  for _, k in ipairs({ "old", "new" }) do
    if r[k] ~= nil then assert.are.equal("table", type(dkjson.decode(r[k])), r[k]) end
  end
end

local function run(db, ...)
  return H.run({ "--lang", "en", "--db", db, ... })
end

-- The files of dir (recursively) whose text matches the Lua pattern.
local function files_matching(dir, pattern)
  local found = {}
  local p = io.popen("cd " .. H.quote(H.root) .. " && git ls-files " .. dir)
  for name in p:lines() do
    local f = io.open(H.root .. "/" .. name, "rb")
    if f then
      local text = f:read("a")
      f:close()
      if text:lower():find(pattern) then found[#found + 1] = name end
    end
  end
  p:close()
  table.sort(found)
  return found
end

describe("the audit log has one writer:", function()
  after_each(H.cleanup)

  it("no code but core/audit.c inserts into the audit table", function()
    local found = {}
    for _, dir in ipairs({ "core", "scripts", "plugins" }) do
      for _, name in ipairs(files_matching(dir, "insert%s+into%s+audit[%s(]")) do found[#found + 1] = name end
    end
    assert.are.same({ "core/audit.c" }, found)
  end)

  it("a script's own SQL cannot add, change or remove audit rows; pw.audit can add one", function()
    local db = H.yenbai_db()
    local before = S.value(db, "SELECT count(*) FROM audit")
    for _, sql in ipairs({
      "INSERT INTO audit (at, actor, action, entity, key) VALUES ('x', 'me', 'add', 'units', 'X')",
      "UPDATE audit SET actor = 'me'", "DELETE FROM audit", "DROP TABLE audit",
      "ALTER TABLE audit ADD COLUMN y", "CREATE TRIGGER t AFTER INSERT ON audit BEGIN SELECT 1; END",
    }) do
      local r = run(db, "--write", "-e", string.format("return pw.exec(%q)", sql))
      assert.are_not.equal(0, r.code, sql)
      assert.truthy(r.err:find("table audit is written only through pw.audit", 1, true), sql .. ": " .. r.err)
    end
    assert.are.equal(before, S.value(db, "SELECT count(*) FROM audit"))
    local r = run(db, "-e", "return pw.audit{ actor = 'me', action = 'note', entity = 'units', key = 'SKHCN' }")
    assert.are_not.equal(0, r.code)
    assert.truthy(r.err:find("read-only", 1, true), r.err)
    r = run(db, "--write", "-e", "return pw.audit{ actor = 'me', action = 'note', entity = 'units', key = 'SKHCN' }")
    assert.are.equal(0, r.code, r.err)
    local rows = audit_rows(db, "actor = 'me'")
    assert.are.equal(1, #rows)
    assert_row(rows[1], "me", "note", "units", "SKHCN")
    assert.are.equal(tostring(rows[1].id), r.out:match("%d+"))
    r = run(db, "--write", "-e", "return pw.audit{ actor = '', action = 'note', entity = 'units', key = 'X' }")
    assert.truthy(r.err:find("audit: field 'actor' must be a non-empty string", 1, true), r.err)
  end)

  it("load writes add, change, retire and restore rows as before", function()
    local db = H.new_db()
    local dir = S.package()
    assert.are.equal(0, S.load(db, dir).code)
    local added = audit_rows(db, "entity = 'units' AND key = 'SKHCN'")
    assert.are.equal(1, #added)
    assert_row(added[1], "load", "add", "units", "SKHCN")
    assert.is_nil(added[1].old)
    assert.are.equal("Sở Khoa học và Công nghệ", dkjson.decode(added[1].new).name)
    local original = H.read(dir .. "/stttt.lua")
    S.remove_block(dir .. "/stttt.lua", "task {")
    assert.are.equal(0, S.load(db, dir).code)
    H.write(dir .. "/stttt.lua", original)
    assert.are.equal(0, S.load(db, dir).code)
    local rows = audit_rows(db, "entity = 'tasks' AND key = 'yenbai-114/8'")
    assert.are.equal(3, #rows)
    assert_row(rows[1], "load", "add", "tasks", "yenbai-114/8")
    assert_row(rows[2], "load", "retire", "tasks", "yenbai-114/8")
    assert.is_nil(rows[2].new)
    assert_row(rows[3], "load", "restore", "tasks", "yenbai-114/8")
    assert.truthy(dkjson.decode(rows[3].old).retired_at)
  end)

  it("the values import writes its change rows and its own row, and its values point to it", function()
    local db = H.yenbai_db()
    local csv = H.tmpdir() .. "/v.csv"
    H.write(csv, "indicator,unit,period,value\nGRDP,SKHCN,2024,1\n")
    assert.are.equal(0, run(db, "import", csv).code)
    H.write(csv, "indicator,unit,period,value\nGRDP,SKHCN,2024,2.5\n")
    assert.are.equal(0, run(db, "import", csv).code)
    local change = audit_rows(db, "entity = 'indicator_values' AND action = 'change'")
    assert.are.equal(1, #change)
    assert_row(change[1], "import", "change", "indicator_values", "GRDP/SKHCN/2024")
    assert.are.same({ value = 1 }, dkjson.decode(change[1].old))
    assert.are.same({ value = 2.5 }, dkjson.decode(change[1].new))
    local imports = audit_rows(db, "action = 'import'")
    assert.are.equal(2, #imports)
    assert_row(imports[2], "import", "import", "indicator_values", csv)
    assert.are.same({ file = csv, read = 1, added = 0, changed = 1, unchanged = 0 },
      dkjson.decode(imports[2].new))
    assert.are.equal(imports[2].id, S.value(db, "SELECT import_id FROM indicator_values WHERE unit = 'SKHCN'"))
  end)

  it("the submissions import and submit write add, change and withdraw rows", function()
    local db = H.yenbai_db()
    local csv = H.tmpdir() .. "/s.csv"
    H.write(csv, "duty,unit,period,received_at\nBC_KH114,SKHCN,2025,2025-12-20\n")
    assert.are.equal(0, run(db, "import", csv).code)
    local r = run(db, "submit", "SKHCN", "BC_KH114", "2025", "--at", "2025-12-22", "--ref", "12/SKHCN")
    assert.are.equal(0, r.code, r.err)
    r = run(db, "submit", "--withdraw", "SKHCN", "BC_KH114", "2025")
    assert.are.equal(0, r.code, r.err)
    local rows = audit_rows(db, "entity = 'submissions'")
    assert.are.equal(3, #rows)
    assert_row(rows[1], "import", "add", "submissions", "BC_KH114/SKHCN/2025")
    assert.are.equal("2025-12-20", dkjson.decode(rows[1].new).received_at)
    assert_row(rows[2], "submit", "change", "submissions", "BC_KH114/SKHCN/2025")
    assert.are.equal("2025-12-20", dkjson.decode(rows[2].old).received_at)
    assert.are.equal("12/SKHCN", dkjson.decode(rows[2].new).ref)
    assert_row(rows[3], "submit", "withdraw", "submissions", "BC_KH114/SKHCN/2025")
    assert.are.equal("2025-12-22", dkjson.decode(rows[3].old).received_at)
    assert.is_nil(rows[3].new)
  end)

  it("outbox retry, dismiss and rewrite write a row for each message they change", function()
    local db = H.yenbai_db()
    local r = run(db, "--write", "-e", [[
      local ids = {}
      for i = 1, 3 do
        ids[i] = pw.outbox.enqueue{ key = "k" .. i, transport = "smtp", recipient = "a@example.com",
          subject = "s", text = "t" }
      end
      pw.exec("UPDATE outbox SET state = 'dead', attempts = 8")
      return table.concat(ids, " ")]])
    assert.are.equal(0, r.code, r.err)
    local a, b, c = r.out:match("(%d+) (%d+) (%d+)")
    -- (exit status 1 while other messages stay dead: they need a person)
    assert.are_not.equal(2, run(db, "outbox", "retry", a).code)
    assert.are_not.equal(2, run(db, "outbox", "dismiss", b).code)
    r = run(db, "outbox", "rewrite", c)
    assert.are_not.equal(2, r.code, r.err)
    local rows = audit_rows(db, "entity = 'outbox'")
    assert.are.equal(3, #rows)
    assert_row(rows[1], "outbox", "retry", "outbox", a)
    assert.are.same({ state = "dead", attempts = 8 }, dkjson.decode(rows[1].old))
    assert.are.same({ state = "queued", attempts = 0 }, dkjson.decode(rows[1].new))
    assert_row(rows[2], "outbox", "dismiss", "outbox", b)
    assert.are.equal("dismissed", dkjson.decode(rows[2].new).state)
    assert_row(rows[3], "outbox", "rewrite", "outbox", c)
    -- nothing left to retry: no row
    assert.are_not.equal(2, run(db, "outbox", "retry").code)
    assert.are.equal(3, #audit_rows(db, "entity = 'outbox'"))
  end)
end)

-- The spellings of two units and what each must give, whatever reads it.
local NFD = utf8.char(0x53, 0x6F, 0x31B, 0x309) .. " Khoa ho" .. utf8.char(0x323) .. "c va"
  .. utf8.char(0x300) .. " Co" .. utf8.char(0x302) .. "ng nghe" .. utf8.char(0x302, 0x323)
local SPELLINGS = {
  { "SKHCN", "SKHCN" },                                  -- code
  { "Sở KH&CN", "SKHCN" },                               -- alias
  { "Sở Khoa học và Công nghệ", "SKHCN" },               -- official name
  { "skhcn", "SKHCN" },                                  -- lower case
  { "Sở KH&CN ", "SKHCN" },                              -- trailing space
  { NFD, "SKHCN" },                                      -- NFD
  { "Uỷ ban nhân dân thành phố Yên Bái", "UBND_TP_YENBAI" }, -- the older tone-mark placement
  { "UBND tỉnh", "UBND_YB" },                            -- an alias again, another unit
}
local NEAR = {
  { "SKHCM", "Sở Khoa học và Công nghệ" },               -- a slip of one letter
  { "So Khoa hoc va Cong nghe", "Sở Khoa học và Công nghệ" }, -- no diacritics
  { "Uy ban nhan dan thanh pho Yen Bai", "Ủy ban nhân dân thành phố Yên Bái" },
}
local DUTY = { SKHCN = "BC_KH114", UBND_TP_YENBAI = "BC_DONVI_KH114", UBND_YB = nil }

local function csv_field(s)
  return '"' .. s:gsub('"', '""') .. '"'
end

describe("one unit resolver:", function()
  local db
  setup(function() db = H.yenbai_db() end)
  teardown(H.cleanup)

  -- Import a file of header and a line for each spelling of list that
  -- line_of(i, field) gives one for (i numbers them from 1).
  local function import_each(list, header, line_of)
    local f = H.tmpdir() .. "/file.csv"
    local lines = { header }
    for i, s in ipairs(list) do lines[#lines + 1] = line_of(i, csv_field(s[1]), s[2]) end
    H.write(f, table.concat(lines, "\n") .. "\n")
    return run(db, "import", f)
  end

  -- The import refused every near miss of NEAR, on its line, with its suggestion.
  local function assert_suggested(r)
    assert.are.equal(2, r.code)
    for i, s in ipairs(NEAR) do
      assert.truthy(r.err:find(string.format("file.csv:%d: unit: unknown unit '%s'; did you mean '%s'?", i + 1,
        s[1], s[2]), 1, true), r.err)
    end
  end

  it("values import: every spelling gives its unit, every near miss the same suggestion", function()
    local line = function(i, field) return string.format("GRDP,%s,%d,%d", field, 2020 + i, i) end
    local r = import_each(SPELLINGS, "indicator,unit,period,value", line)
    assert.are.equal(0, r.code, r.err)
    for i, s in ipairs(SPELLINGS) do
      assert.are.equal(s[2], S.value(db, "SELECT unit FROM indicator_values WHERE indicator = 'GRDP' AND year = ?",
        tostring(2020 + i)), s[1])
    end
    assert_suggested(import_each(NEAR, "indicator,unit,period,value", line))
  end)

  it("submissions import: the same", function()
    local r = import_each(SPELLINGS, "duty,unit,period,received_at", function(i, field, code)
      return DUTY[code] and string.format("%s,%s,%d,%d-12-20", DUTY[code], field, 2020 + i, 2020 + i) or ""
    end)
    assert.are.equal(0, r.code, r.err)
    for i, s in ipairs(SPELLINGS) do
      assert.are.equal(DUTY[s[2]] and s[2], S.value(db, "SELECT unit FROM submissions WHERE period = ?",
        tostring(2020 + i)), s[1])
    end
    assert_suggested(import_each(NEAR, "duty,unit,period,received_at", function(i, field)
      return string.format("BC_KH114,%s,%d,%d-12-20", field, 2020 + i, 2020 + i)
    end))
  end)

  it("submit: the same", function()
    for _, s in ipairs(SPELLINGS) do
      if DUTY[s[2]] then
        local r = run(db, "submit", s[1], DUTY[s[2]], "2030", "--at", "2030-12-20")
        assert.are.equal(0, r.code, r.err)
        -- "SUCCESSOR (UNIT)" when UNIT has ended by 2030 (plugins/yenbai-114: the 2025 successions)
        assert.are.equal(s[2], r.out:match("^%S+ %((%S+)%) ") or r.out:match("^(%S+) "), s[1])
      end
    end
    for _, s in ipairs(NEAR) do
      local r = run(db, "submit", s[1], "BC_KH114", "2030")
      assert.are.equal(2, r.code)
      assert.truthy(r.err:find(string.format("unit: unknown unit '%s'; did you mean '%s'?", s[1], s[2]), 1, true),
        r.err)
    end
  end)

  it("pw.unit gives the same, and nothing for a name far from every unit", function()
    local got = S.eval(db, [[local out = {}
      for i, name in ipairs(pw.args) do out[i] = { pw.unit(name) } end
      return out]], SPELLINGS[1][1], SPELLINGS[7][1], NEAR[1][1], "Bộ Quốc phòng", "")
    assert.are.same({ { "SKHCN" }, { "UBND_TP_YENBAI" }, { nil, "Sở Khoa học và Công nghệ", "SKHCN" }, {}, {} }, got)
  end)

  it("pw.unit sees a unit the script itself has just added or retired", function()
    local copy = H.tmpdir() .. "/copy.db"
    assert(H.sh("cp " .. H.quote(db) .. " " .. H.quote(copy)) == 0)
    local r = run(copy, "--write", "-e", [[
      local before = pw.unit("Sở Tư pháp")
      pw.exec("INSERT INTO units (code, plan_id, name, kind) VALUES ('STP', 'yenbai-114', 'Sở Tư pháp', 'department')")
      local added = pw.unit("sở tư pháp")
      pw.exec("UPDATE units SET retired_at = '2026-01-01' WHERE code = 'STP'")
      return tostring(before) .. " " .. tostring(added) .. " " .. tostring(pw.unit("STP"))]])
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("nil STP nil", r.out:gsub("%s+$", ""))
  end)
end)

describe("one CSV reading layer for values and submissions:", function()
  local db
  setup(function() db = H.yenbai_db() end)
  teardown(H.cleanup)

  -- UTF-16LE with a byte order mark, as Excel's "Unicode Text" saves it.
  local function utf16(s)
    local out = { "\255\254" }
    for _, c in utf8.codes(s) do out[#out + 1] = string.char(c % 256, c // 256) end
    return table.concat(out)
  end

  it("a submissions file as a spreadsheet saves it: UTF-16, tabs, Vietnamese headers, empty rows, periods as written", function()
    local f = H.tmpdir() .. "/nop.txt"
    H.write(f, utf16("Nhiệm vụ\tĐơn vị\tKỳ\tNgày nhận\t\r\nBC_KH114\tSở KH&CN\tNăm 2026\t2026-12-18\t\r\n"
      .. "\t\t\t\t\r\nBC_DONVI_KH114\tSYT\tnăm 2026\t2026-12-19\t\r\n"))
    local r = run(db, "import", f)
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("2 submissions: 2 added", 1, true), r.out)
    assert.are.equal("2026-12-19", S.value(db, "SELECT received_at FROM submissions WHERE unit = 'SYT' AND period = '2026'"))
  end)

  it("a malformed record gets one message, file:line, whichever kind of file, and nothing is written", function()
    local d = H.tmpdir()
    H.write(d .. "/v.csv", 'chỉ tiêu;đơn vị;kỳ;giá trị\nGRDP;SKHCN;2027;1\nGRDP;Sở "KH;2028;1\n')
    H.write(d .. "/s.csv", 'nhiệm vụ;đơn vị;kỳ;ngày nhận\nBC_KH114;SKHCN;2027;2027-12-20\nBC_KH114;Sở "KH;2028;2028-12-20\n')
    local before = S.value(db, "SELECT count(*) FROM audit")
    for _, name in ipairs({ "v.csv", "s.csv" }) do
      local r = run(db, "import", d .. "/" .. name)
      assert.are.equal(2, r.code)
      assert.truthy(r.err:find(name .. ":3: field 2: a quote inside an unquoted field", 1, true), r.err)
    end
    assert.are.equal(before, S.value(db, "SELECT count(*) FROM audit"))
  end)

  it("header and width problems read alike in both kinds", function()
    local d = H.tmpdir()
    H.write(d .. "/v.csv", "indicator,unit,period,value,colour\nGRDP,SKHCN,2027,1,red\n")
    H.write(d .. "/s.csv", "duty,unit,period,received_at,colour\nBC_KH114,SKHCN,2027,2027-12-20,red\n")
    for _, name in ipairs({ "v.csv", "s.csv" }) do
      local r = run(db, "import", d .. "/" .. name)
      assert.are.equal(2, r.code)
      assert.truthy(r.err:find(name .. ":1: unknown column 'colour' (the columns are ", 1, true), r.err)
    end
    H.write(d .. "/v.csv", "indicator,unit,period,value\nGRDP,SKHCN,2027\n")
    H.write(d .. "/s.csv", "duty,unit,period,received_at\nBC_KH114,SKHCN,2027\n")
    for _, name in ipairs({ "v.csv", "s.csv" }) do
      local r = run(db, "import", d .. "/" .. name)
      assert.are.equal(2, r.code)
      assert.truthy(r.err:find(name .. ":2: 3 fields; the header names 4", 1, true), r.err)
    end
  end)
end)
