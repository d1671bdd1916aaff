-- `planwatch load` writes a plan's rows many a statement (sqlbatch.lua,
-- table_write.lua): what lands in the database is the same whatever the
-- number of rows, across the 200-row chunks, on a first load, a reload
-- and a load that changes, moves and retires rows.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"

local UNITS, TASKS = 450, 250

-- Units DV001.. in plan.lua, each with one alias; tasks 101.. of STTTT,
-- each supported by two of those units (one of them listed twice).
local function big_package(units, tasks)
  local dir = S.package()
  local plan = { H.read(dir .. "/plan.lua") }
  for u = 1, units do
    plan[#plan + 1] = string.format('unit { code = "DV%03d", name = "Đơn vị %d", kind = "district",'
      .. ' parent = "UBND_YB", aliases = { "Đơn vị số %d" } }\n', u, u, u)
  end
  H.write(dir .. "/plan.lua", table.concat(plan))
  local f = { H.read(dir .. "/stttt.lua") }
  for t = 1, tasks do
    local a, b = t % units + 1, (t * 7) % units + 1
    f[#f + 1] = string.format('task { no = %d, title = "Nhiệm vụ %d", when = "2021/2025",'
      .. ' support = { "DV%03d", "DV%03d", "DV%03d", "STTTT" } }\n', 100 + t, t, a, b, a)
  end
  H.write(dir .. "/stttt.lua", table.concat(f))
  return dir
end

local function count(db, query, ...) return S.value(db, query, ...) end

describe("planwatch load, many rows", function()
  after_each(H.cleanup)

  it("writes every row, alias, task unit and owner, and a reload changes nothing", function()
    local db = H.new_db()
    local base = H.yenbai_db()
    local dir = big_package(UNITS, TASKS)
    local r = S.load(db, dir, { env = { PLANWATCH_LANG = "en" } })
    assert.are.equal(0, r.code, r.err)
    local units0 = count(base, "SELECT count(*) FROM units")
    local aliases0 = count(base, "SELECT count(*) FROM unit_aliases")
    local tu0 = count(base, "SELECT count(*) FROM task_units")
    local decl0 = count(base, "SELECT count(*) FROM declarations")
    assert.are.equal(units0 + UNITS, count(db, "SELECT count(*) FROM units"))
    assert.are.equal(aliases0 + UNITS, count(db, "SELECT count(*) FROM unit_aliases"))
    assert.are.equal("DV123", count(db, "SELECT unit FROM unit_aliases WHERE alias = 'Đơn vị số 123'"))
    -- each task: its lead and its supporting units (a repeat and the lead kept once)
    local want = tu0
    for t = 1, TASKS do want = want + (t % UNITS == (t * 7) % UNITS and 2 or 3) end
    assert.are.equal(want, count(db, "SELECT count(*) FROM task_units"))
    assert.are.equal("lead", count(db,
      "SELECT role FROM task_units WHERE task_no = 350 AND unit = 'STTTT'"))
    assert.are.equal(2, count(db,
      "SELECT count(*) FROM task_units WHERE task_no = 350 AND role = 'support'"))
    assert.are.equal(decl0 + UNITS + TASKS, count(db, "SELECT count(*) FROM declarations"))
    assert.are.equal(UNITS - 1, count(db, [[SELECT line FROM declarations
      WHERE kind = 'unit' AND key = 'DV450']]) - count(db, [[SELECT line FROM declarations
      WHERE kind = 'unit' AND key = 'DV001']]))
    -- every row added is audited once, in the order written
    assert.are.equal(count(db, "SELECT count(*) FROM units") + count(db, "SELECT count(*) FROM tasks"),
      count(db, "SELECT count(*) FROM audit WHERE action = 'add' AND entity IN ('units', 'tasks')"))
    assert.are.equal(1, count(db, [[SELECT count(*) FROM audit WHERE entity = 'units'
      AND key = 'DV450' AND id > (SELECT id FROM audit WHERE entity = 'units' AND key = 'DV449')]]))

    local audits = count(db, "SELECT count(*) FROM audit")
    r = S.load(db, dir, { env = { PLANWATCH_LANG = "en" } })
    assert.are.equal(0, r.code, r.err)
    assert.matches("no changes", r.out, 1, true)
    assert.are.equal(audits, count(db, "SELECT count(*) FROM audit"))
    assert.are.equal(decl0 + UNITS + TASKS, count(db, "SELECT count(*) FROM declarations"))
  end)

  it("changes, moves and retires rows across chunks", function()
    local db = H.new_db()
    local dir = big_package(UNITS, TASKS)
    assert.are.equal(0, S.load(db, dir).code)
    -- plan.lua without the last 300 units: DV001..DV150 stay; an alias
    -- moves from DV150 to DV002 (declared before it); tasks keep only
    -- support by units that remain.
    local small = big_package(150, 0)
    S.edit(small .. "/plan.lua", '"Đơn vị số 150"', '"Đơn vị số 150b"')
    S.edit(small .. "/plan.lua", '"Đơn vị số 2"', '"Đơn vị số 2", "Đơn vị số 150"')
    local f = { H.read(small .. "/stttt.lua") }
    for t = 1, TASKS do
      f[#f + 1] = string.format('task { no = %d, title = "Nhiệm vụ %d", when = "2021/2025",'
        .. ' support = { "DV%03d" } }\n', 100 + t, t, t % 150 + 1)
    end
    H.write(small .. "/stttt.lua", table.concat(f))
    local r = S.load(db, small, { env = { PLANWATCH_LANG = "en" } })
    assert.are.equal(0, r.code, r.err)
    assert.matches("300 retired", r.out, 1, true)
    assert.are.equal(300, count(db, "SELECT count(*) FROM units WHERE retired_at IS NOT NULL"))
    assert.are.equal("DV002", count(db, "SELECT unit FROM unit_aliases WHERE alias = 'Đơn vị số 150'"))
    assert.are.equal("DV150", count(db, "SELECT unit FROM unit_aliases WHERE alias = 'Đơn vị số 150b'"))
    assert.are.equal(0, count(db, [[SELECT count(*) FROM declarations
      WHERE kind = 'unit' AND key > 'DV150' AND key LIKE 'DV%']]))
    assert.are.equal(150, count(db, [[SELECT count(*) FROM declarations
      WHERE kind = 'unit' AND key LIKE 'DV%']]))
    assert.are.equal(TASKS, count(db, "SELECT count(*) FROM task_units WHERE task_no > 100 AND role = 'support'"))
    assert.are.equal("DV012", count(db,
      "SELECT unit FROM task_units WHERE task_no = 111 AND role = 'support'"))
    assert.are.equal(TASKS, count(db, [[SELECT count(*) FROM audit WHERE action = 'change'
      AND entity = 'tasks']]))
  end)
end)
