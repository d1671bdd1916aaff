-- The catalogue of words (scripts/lib/words.lua and words_*.lua): every
-- text in both languages with the same placeholders; help, usage and
-- errors in Vietnamese by default and in English with --lang en; no
-- internal script place in an error without --debug.
local H = require "helper"

local LIB = H.root .. "/scripts/lib/"

-- The areas on disk: every scripts/lib/words_<area>.lua.
local function area_files()
  local list = {}
  local p = io.popen("ls " .. H.quote(LIB))
  for name in p:lines() do
    local area = name:match("^words_([%w_]+)%.lua$")
    if area then list[#list + 1] = area end
  end
  p:close()
  table.sort(list)
  return list
end

-- The placeholders of a text in order ("%d", "%s", "%.1f"; "%%" is none).
local function placeholders(s)
  local list = {}
  for spec in s:gmatch("%%([%-%d%.]*%a?%%?)") do
    if spec ~= "%" then list[#list + 1] = spec end
  end
  return table.concat(list, " ")
end

-- Every problem of vi against en under path: a key one lacks, a text
-- whose placeholders differ, a text in one and a table in the other.
local function compare(vi, en, path, problems)
  local keys = {}
  for k in pairs(vi) do keys[k] = true end
  for k in pairs(en) do keys[k] = true end
  for k in pairs(keys) do
    local where, a, b = path .. "." .. tostring(k), vi[k], en[k]
    if a == nil or b == nil then
      problems[#problems + 1] = where .. ": only in " .. (a == nil and "en" or "vi")
    elseif type(a) ~= type(b) then
      problems[#problems + 1] = where .. ": a " .. type(a) .. " in vi, a " .. type(b) .. " in en"
    elseif type(a) == "table" then
      compare(a, b, where, problems)
    elseif type(a) == "string" and placeholders(a) ~= placeholders(b) then
      problems[#problems + 1] = string.format("%s: placeholders '%s' (vi) and '%s' (en)", where,
        placeholders(a), placeholders(b))
    end
  end
end

local function catalogue_problems(area)
  local t = dofile(LIB .. "words_" .. area .. ".lua")
  local problems = {}
  if type(t) ~= "table" or type(t.vi) ~= "table" or type(t.en) ~= "table" then
    return { area .. ": not { vi = {...}, en = {...} }" }
  end
  compare(t.vi, t.en, area, problems)
  table.sort(problems)
  return problems
end

describe("the catalogue of words", function()
  teardown(H.cleanup)

  it("lists every area file, and each has every key in vi and en with the same placeholders", function()
    local files = area_files()
    assert.is_true(#files >= 6, "only " .. #files .. " areas")
    local listed = H.run({ "-e", "return table.concat(require('words').AREAS, ' ')" })
    assert.are.equal(0, listed.code, listed.err)
    local areas = {}
    for a in listed.out:gmatch("%S+") do areas[#areas + 1] = a end
    table.sort(areas)
    assert.are.same(files, areas)
    for _, area in ipairs(files) do
      assert.are.same({}, catalogue_problems(area))
    end
  end)

  it("finds a key missing in one language and a placeholder that differs", function()
    local problems = {}
    compare({ a = "x %d", b = { c = "y" }, only = "z" }, { a = "x %s", b = { c = "y" } }, "t", problems)
    table.sort(problems)
    assert.are.same({ "t.a: placeholders 'd' (vi) and 's' (en)", "t.only: only in vi" }, problems)
  end)

  it("says a text in the run's language, formatted, and names an unknown key", function()
    local vi = H.run({ "-e", "return require('words').say('status.more', 3)" })
    assert.are.equal(0, vi.code, vi.err)
    assert.truthy(vi.out:find("… và 3 báo cáo quá hạn khác", 1, true), vi.out)
    local en = H.run({ "--lang", "en", "-e", "return require('words').say('status.more', 3)" })
    assert.truthy(en.out:find("… and 3 more overdue reports", 1, true), en.out)
    local bad = H.run({ "-e", "return require('words').say('status.nothing_here')" })
    assert.are.equal(2, bad.code)
    assert.truthy(bad.err:find("status.nothing_here", 1, true), bad.err)
  end)
end)

describe("help, usage and errors", function()
  local db
  setup(function() db = H.yenbai_db() end)
  teardown(H.cleanup)

  -- Each command's --help: Vietnamese by default, English with --lang en.
  local HELP = {
    status = { "cách dùng: planwatch status", "usage: planwatch status" },
    duties = { "cách dùng: planwatch duties", "usage: planwatch duties" },
    report = { "cách dùng: planwatch report", "usage: planwatch report" },
    export = { "cách dùng: planwatch export", "usage: planwatch export" },
    remind = { "cách dùng: planwatch remind", "usage: planwatch remind" },
    submit = { "cách dùng: planwatch submit", "usage: planwatch submit" },
    import = { "cách dùng: planwatch import", "usage: planwatch import" },
    outbox = { "cách dùng: planwatch outbox", "usage: planwatch outbox" },
  }
  for cmd, want in pairs(HELP) do
    it("prints " .. cmd .. "'s help in Vietnamese, in English with --lang en", function()
      local vi = H.run({ "--db", db, cmd, "--help" })
      assert.are.equal(0, vi.code, vi.err)
      assert.truthy(vi.out:find(want[1], 1, true), vi.out)
      local en = H.run({ "--db", db, "--lang", "en", cmd, "--help" })
      assert.truthy(en.out:find(want[2], 1, true), en.out)
    end)
  end

  it("prints the program's usage in Vietnamese, in English with --lang en", function()
    local vi = H.run({ "help" })
    assert.truthy(vi.out:find("cách dùng: planwatch", 1, true), vi.out)
    assert.truthy(vi.out:find("các lệnh", 1, true), vi.out)
    local en = H.run({ "--lang", "en", "help" })
    assert.truthy(en.out:find("usage: planwatch", 1, true), en.out)
    assert.truthy(en.out:find("commands", 1, true), en.out)
  end)

  it("refuses a bad option in the run's language, with the usage", function()
    local vi = H.run({ "--db", db, "status", "--bogus" })
    assert.are.equal(2, vi.code)
    assert.truthy(vi.err:find("không có tùy chọn --bogus", 1, true), vi.err)
    assert.truthy(vi.err:find("cách dùng: planwatch status", 1, true), vi.err)
    local en = H.run({ "--db", db, "--lang", "en", "status", "--bogus" })
    assert.truthy(en.err:find("unknown option --bogus", 1, true), en.err)
    assert.truthy(en.err:find("usage: planwatch status", 1, true), en.err)
  end)

  it("refuses a bad date, an unknown export and an extra argument in the run's language", function()
    local cases = {
      { { "status", "--today", "2021-13-01" }, "--today phải là một ngày YYYY-MM-DD",
        "--today must be a date YYYY-MM-DD" },
      { { "export", "nope" }, "không xuất được 'nope'", "cannot export 'nope'" },
      { { "status", "extra" }, "thừa tham số 'extra'", "unexpected argument 'extra'" },
      { { "duties", "--rates", "x" }, "--rates phải là unit, duty hoặc period",
        "--rates must be unit, duty or period" },
      { { "-e", "pw.indicator('NOPE')" }, "pw.indicator: không có chỉ tiêu 'NOPE'",
        "pw.indicator: unknown indicator 'NOPE'" },
      { { "submit", "SCT", "BC_KH114", "2025" }, "SCT không có chế độ báo cáo 'BC_KH114'",
        "SCT has no duty 'BC_KH114'" },
      { { "frobnicate" }, "'frobnicate' không phải một lệnh", "'frobnicate' is not a command" },
    }
    for _, c in ipairs(cases) do
      local args = { "--db", db }
      for _, a in ipairs(c[1]) do args[#args + 1] = a end
      local vi = H.run(args)
      assert.are.equal(2, vi.code, table.concat(c[1], " "))
      assert.truthy(vi.err:find(c[2], 1, true), vi.err)
      table.insert(args, 1, "en")
      table.insert(args, 1, "--lang")
      local en = H.run(args)
      assert.truthy(en.err:find(c[3], 1, true), en.err)
    end
  end)

  -- Lua shortens a long chunk name to "...tail": the home folder here is
  -- long enough for that.
  for _, depth in ipairs({ 0, 6 }) do
    it("leaves the scripts' place out of an error unless --debug (home " .. depth .. " folders deep)", function()
      local home = H.tmpdir() .. string.rep("/a-rather-long-folder-name", depth)
      H.sh("mkdir -p " .. H.quote(home) .. " && ln -s " .. H.quote(H.root .. "/scripts") .. " "
        .. H.quote(home .. "/scripts"))
      local empty = H.tmpdir() .. "/empty.db"
      H.write(empty, "")
      local env = { env = { PLANWATCH_HOME = home } }
      for _, lang in ipairs({ "vi", "en" }) do
        local plain = H.run({ "--db", empty, "--lang", lang, "status" }, env)
        assert.are.equal(2, plain.code, plain.err)
        assert.truthy(plain.err:find("planwatch init", 1, true), plain.err)
        assert.falsy(plain.err:find("%.lua:%d+:"), plain.err)
        local debug = H.run({ "--db", empty, "--lang", lang, "--debug", "status" }, env)
        assert.truthy(debug.err:find("scripts/lib/[%w_]+%.lua:%d+:"), debug.err)
      end
    end)
  end

end)
