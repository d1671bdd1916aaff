-- The C writers of JSON (core/jsonw.c) write what scripts/lib/json.lua
-- writes: the import's audit rows escape a note as json.lua does.
local H = require "helper"
local json = dofile(H.root .. "/scripts/lib/json.lua")

local FIXTURE = H.root .. "/tests/fixtures/values.csv"

local function import(db, file)
  return H.run({ "--db", db, "--plugins", H.PLUGINS, "import", file })
end

local function audit_of(db, key)
  local r = H.run({ "--db", db, "-e", [[
    local row = pw.sql("SELECT old, new FROM audit WHERE action = 'change' AND key = ?", pw.args[1])[1]
    return row and row.old .. "\n" .. row.new or "none"]], key })
  assert(r.code == 0, r.err)
  return r.out:gsub("\n$", "")
end

describe("the C JSON writer", function()
  after_each(H.cleanup)

  it("escapes an imported note as json.lua does", function()
    local db = H.yenbai_db()
    assert.are.equal(0, import(db, FIXTURE).code)
    local note = 'a "quoted"\tnote \\ with \194\133 C1 and \226\128\174 an override, 0.1'
    local text = H.read(FIXTURE):gsub("20345%.5,\"[^\"]*\"",
      function() return '20345.5,"' .. note:gsub('"', '""') .. '"' end)
    local path = H.tmpdir() .. "/values.csv"
    H.write(path, text)
    local r = import(db, path)
    assert.are.equal(0, r.code, r.err)
    local old, new = audit_of(db, "GRDP/UBND_YB/2021"):match("^(.-)\n(.*)$")
    assert.are.equal('{"value":20345.5,"note":'
      .. json.encode("minh họa: số giả định để kiểm thử, không phải số liệu công bố") .. "}", old)
    assert.are.equal('{"value":20345.5,"note":' .. json.encode(note) .. "}", new)
    assert.truthy(new:find('\\t', 1, true) and new:find('\\u0085', 1, true)
      and new:find('\\u202e', 1, true), new)
  end)
end)
