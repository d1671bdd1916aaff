-- The texts the C core shows people (core/say.c): Vietnamese by default,
-- English with --lang en, the same place (file:line: field:) in both.
-- tests/c/test_say.c checks that every key has both languages with the
-- same placeholders.
local H = require "helper"
local S = require "support"

-- Run planwatch with args, first with the default language, then with
-- --lang en; returns both results.
local function both(args, opts)
  local en = { "--lang", "en" }
  for _, a in ipairs(args) do en[#en + 1] = a end
  return H.run(args, opts), H.run(en, opts)
end

local function has(text, s)
  assert.truthy(s:find(text, 1, true), "expected «" .. text .. "» in:\n" .. s)
end

local function lacks(text, s)
  assert.is_nil(s:find(text, 1, true), "did not expect «" .. text .. "» in:\n" .. s)
end

describe("the C core's messages", function()
  after_each(H.cleanup)

  it("an older database: Vietnamese by default, English with --lang en", function()
    local db = H.tmpdir() .. "/old.db"
    assert.are.equal(0, H.sh("sqlite3 " .. H.quote(db) .. " 'PRAGMA user_version = 1;'"))
    local vi, en = both({ "--db", db, "status" })
    assert.are.equal(2, vi.code, vi.err)
    has("cơ sở dữ liệu có lược đồ 1, cũ hơn planwatch này (", vi.err)
    has("chạy `planwatch init` để chuyển đổi", vi.err)
    lacks("older than", vi.err)
    assert.are.equal(2, en.code, en.err)
    has("the database has schema 1, older than this planwatch (", en.err)
    lacks("cũ hơn", en.err)
  end)

  it("an unknown indicator in a values file keeps file:line: field: in both", function()
    local db = H.yenbai_db()
    local csv = H.tmpdir() .. "/values.csv"
    H.write(csv, "indicator,unit,period,value\nKHONG_CO,UBND_YB,2021,1\nGRDP,UBND_YB,2021-13,1\n")
    local vi, en = both({ "--db", db, "--plugins", H.PLUGINS, "import", csv })
    assert.are.equal(2, vi.code, vi.err)
    has(csv .. ":2: indicator: không có chỉ tiêu 'KHONG_CO'", vi.err)
    has(csv .. ":3: period: kỳ không hợp lệ '2021-13' (cần YYYY,", vi.err)
    assert.are.equal(2, en.code, en.err)
    has(csv .. ":2: indicator: unknown indicator 'KHONG_CO'", en.err)
    has(csv .. ":3: period: bad period '2021-13' (expected YYYY,", en.err)
    assert.are.equal(0, S.value(db, "SELECT count(*) FROM indicator_values WHERE period = '2021-13'"))
  end)

  it("a values file that is a folder is refused in the run's language", function()
    local db = H.yenbai_db()
    local dir = H.tmpdir()
    local vi, en = both({ "--db", db, "--plugins", H.PLUGINS, "import", dir })
    assert.are_not.equal(0, vi.code)
    has(dir, vi.err)
    has("là thư mục, không phải tệp", vi.err)
    assert.are_not.equal(0, en.code)
    has("is a folder, not a file", en.err)
  end)

  it("a FIFO read by a script is not a regular file, in both languages", function()
    local fifo = H.tmpdir() .. "/pipe.csv"
    assert.are.equal(0, H.sh("mkfifo " .. H.quote(fifo)))
    local code = string.format("local _, a, b = pcall(pw.read_file, %q) return tostring(b or a)", fifo)
    local vi, en = both({ "--db", H.new_db(), "-e", code })
    has(fifo .. ": không phải tệp thông thường", vi.out .. vi.err)
    has(fifo .. ": not a regular file", en.out .. en.err)
  end)

  it("a plugin's undeclared global and its stop at a limit, in both languages", function()
    local dir = S.package({ ["evil.lua"] = 'unit "SYT"\nlocal x = khong_co\n' })
    local vi, en = both({ "--db", H.new_db(), "load", dir, "--quiet" })
    assert.are.equal(1, vi.code, vi.err)
    has(dir .. "/evil.lua:2: biến toàn cục chưa khai báo 'khong_co'", vi.err)
    has(dir .. "/evil.lua: không áp dụng", vi.err)
    assert.are.equal(1, en.code, en.err)
    has(dir .. "/evil.lua:2: undeclared global 'khong_co'", en.err)
    has(dir .. "/evil.lua: not applied", en.err)
  end)

  it("a script writing outside what its command line names is refused in both", function()
    local out = H.tmpdir() .. "/x.txt"
    local code = string.format('return pw.write_file(%q, "x")', out)
    local vi, en = both({ "--db", H.new_db(), "--write", "-e", code })
    has(out .. ": từ chối: tập lệnh chỉ ghi các tệp và thư mục", vi.err)
    has(out .. ": refused: a script writes only the files and folders", en.err)
    assert.is_false(S.exists(out))
  end)
end)

describe("the plugin checks' messages", function()
  after_each(H.cleanup)

  it("a bad field of a declaration: Vietnamese by default, English with --lang en", function()
    local dir = S.package({ ["evil.lua"] = 'unit "SYT"\nindicator { code = "X_1", name = "x", colour = 1 }\n'
      .. 'duty { code = 5 }\n' })
    local vi, en = both({ "--db", H.new_db(), "load", dir, "--quiet" })
    local path = dir .. "/evil.lua"
    assert.are.equal(1, vi.code, vi.err)
    has(path .. ":2: indicator: trường không xác định 'colour'", vi.err)
    has(path .. ":3: duty: trường 'code' phải là một mã như SKHCN (A-Z, 0-9, _; tối đa 64)", vi.err)
    has(path .. ":3: duty: thiếu trường bắt buộc 'title'", vi.err)
    lacks("unknown field", vi.err)
    assert.are.equal(1, en.code, en.err)
    has(path .. ":2: indicator: unknown field 'colour'", en.err)
    has(path .. ":3: duty: field 'code' must be a code like SKHCN (A-Z, 0-9, _; at most 64)", en.err)
    has(path .. ":3: duty: field 'title' is required", en.err)
  end)

  it("a declaration another file holds names where, in both languages", function()
    local dir = S.package({ ["evil.lua"] = 'unit "SYT"\n'
      .. 'duty { code = "BC_DONVI_KH114", to = "SKHDT", title = "x", every = "year", due = { day = "12-15" } }\n' })
    local vi, en = both({ "--db", H.new_db(), "load", dir, "--quiet" })
    local path = dir .. "/evil.lua"
    assert.are.equal(1, vi.code, vi.err)
    has(path .. ":2: duty SYT/BC_DONVI_KH114 đã được khai báo tại " .. dir .. "/plan.lua:", vi.err)
    assert.are.equal(1, en.code, en.err)
    has(path .. ":2: duty SYT/BC_DONVI_KH114 is already declared at " .. dir .. "/plan.lua:", en.err)
  end)
end)
