-- pw.period as analysts call it: period codes, Decree 09 cut-off windows and
-- deadlines in working days, through `planwatch -e`.
-- helper.lua sits beside this file; busted's default path does not look there.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" ..
  package.path
local H = require("helper")

-- Evaluate a Lua expression with planwatch and return its JSON text.
local function eval(expr)
  local r = H.run({ "-e", "return pw.json.encode(" .. expr .. ")" })
  assert(r.code == 0, "exit " .. tostring(r.code) .. ": " .. r.err)
  return (r.out:gsub("\n$", ""))
end

-- Tết Ất Tỵ (25 Jan - 2 Feb 2025) and the 30/4-1/5 break, with Saturday
-- 26 April worked in exchange for Friday 2 May, as holidays rows.
local HOLIDAYS = [[{
  {date='2025-01-25', kind='holiday'}, {date='2025-01-26', kind='holiday'},
  {date='2025-01-27', kind='holiday'}, {date='2025-01-28', kind='holiday'},
  {date='2025-01-29', kind='holiday'}, {date='2025-01-30', kind='holiday'},
  {date='2025-01-31', kind='holiday'}, {date='2025-02-01', kind='holiday'},
  {date='2025-02-02', kind='holiday'},
  {date='2025-04-26', kind='workday', name='làm bù'},
  {date='2025-04-30', kind='holiday'}, {date='2025-05-01', kind='holiday'},
  {date='2025-05-02', kind='compensatory'},
}]]

describe("pw.period", function()
  after_each(H.cleanup)

  describe("parse", function()
    it("reads every form of period code", function()
      assert.equal('{"code":"2025","kind":"year","num":0,"year":2025}',
        eval("pw.period.parse('2025')"))
      assert.equal('{"code":"2025-H2","kind":"half","num":2,"year":2025}',
        eval("pw.period.parse('2025-H2')"))
      assert.equal('{"code":"2025-Q4","kind":"quarter","num":4,"year":2025}',
        eval("pw.period.parse('2025-Q4')"))
      assert.equal('{"code":"2025-9M","kind":"9m","num":0,"year":2025}',
        eval("pw.period.parse('2025-9M')"))
      assert.equal('{"code":"2025-07","kind":"month","num":7,"year":2025}',
        eval("pw.period.parse('2025-07')"))
    end)

    it("returns nil and a message naming a malformed code", function()
      for _, code in ipairs({ "2025-13", "2025-Q5", "2025-H3", "25", "2025-1",
                              "2025-01x", "" }) do
        local out = eval("{pw.period.parse('" .. code .. "')}")
        assert.equal('[null,"bad period \'' .. code .. '\': expected YYYY, ' ..
          'YYYY-H1..H2, YYYY-Q1..Q4, YYYY-9M or YYYY-MM"]', out)
      end
    end)
  end)

  describe("format", function()
    it("writes the code of a period table", function()
      assert.equal('["2025-Q1","2025-03","2025","2025-9M"]', eval([[{
        pw.period.format{year=2025, kind='quarter', num=1},
        pw.period.format{year=2025, kind='month', num=3},
        pw.period.format{year=2025, kind='year'},
        pw.period.format(pw.period.parse('2025-9M'))}]]))
    end)

    it("refuses a period that does not exist", function()
      local r = H.run({ "-e", "pw.period.format{year=2025, kind='half', num=3}" })
      assert.equal(2, r.code)
      assert.truthy(r.err:find("no half period with year 2025 and num 3", 1, true))
    end)
  end)

  describe("next and prev", function()
    it("step within the same kind across year ends", function()
      assert.equal('["2026-01","2026-Q1","2026-H1","2026","2026-9M"]', eval([[{
        pw.period.next('2025-12'), pw.period.next('2025-Q4'),
        pw.period.next('2025-H2'), pw.period.next('2025'),
        pw.period.next('2025-9M')}]]))
      assert.equal('["2024-12","2024-Q4","2024-H2","2024","2025-Q2"]', eval([[{
        pw.period.prev('2025-01'), pw.period.prev('2025-Q1'),
        pw.period.prev('2025-H1'), pw.period.prev('2025'),
        pw.period.prev('2025-Q3')}]]))
    end)
  end)

  describe("compare", function()
    it("orders by last day, the shorter period first on a tie", function()
      assert.equal("[-1,0,1,-1,-1,1]", eval([[{
        pw.period.compare('2025-01', '2025-02'),
        pw.period.compare('2025-Q1', '2025-Q1'),
        pw.period.compare('2026-01', '2025'),
        pw.period.compare('2025-12', '2025'),
        pw.period.compare('2025-Q3', '2025-9M'),
        pw.period.compare('2025-H1', '2025-Q2')}]]))
    end)
  end)

  describe("range", function()
    it("lists the codes from one period to another", function()
      assert.equal('["2024-11","2024-12","2025-01","2025-02"]',
        eval("pw.period.range('2024-11', '2025-02')"))
      assert.equal('["2024-Q4","2025-Q1"]',
        eval("pw.period.range('2024-Q4', '2025-Q1')"))
      assert.equal("[]", eval("pw.period.range('2025', '2024')"))
    end)

    it("refuses periods of different kinds", function()
      local r = H.run({ "-e", "pw.period.range('2025-Q1', '2025-03')" })
      assert.equal(2, r.code)
      assert.truthy(r.err:find("'2025-03' is not of the same kind as '2025-Q1'",
        1, true))
    end)
  end)

  describe("bounds", function()
    it("gives the first and last calendar day", function()
      assert.equal('["2025-07-01","2025-12-31"]', eval("{pw.period.bounds('2025-H2')}"))
      assert.equal('["2024-02-01","2024-02-29"]', eval("{pw.period.bounds('2024-02')}"))
      assert.equal('["2025-01-01","2025-09-30"]', eval("{pw.period.bounds('2025-9M')}"))
    end)
  end)

  describe("days and date", function()
    it("count days from 1970-01-01 and back, across leap days and centuries", function()
      assert.equal('[0,-1,20089,11016]', eval("{pw.period.days('1970-01-01'), " ..
        "pw.period.days('1969-12-31'), pw.period.days('2025-01-01'), pw.period.days('2000-02-29')}"))
      assert.equal('["2025-03-01","2024-02-29","1900-01-01","2200-12-31"]', eval(
        "{pw.period.date(pw.period.days('2025-02-28') + 1), pw.period.date(pw.period.days('2024-03-01') - 1), " ..
        "pw.period.date(pw.period.days('1900-01-01')), pw.period.date(pw.period.days('2200-12-31'))}"))
    end)

    it("refuse a date that does not exist and a day outside the known years", function()
      for _, code in ipairs({ "pw.period.days('2025-02-29')", "pw.period.days('2025-1-1')",
          "pw.period.date(pw.period.days('2200-12-31') + 1)", "pw.period.date(1.5)",
          "pw.period.date(math.maxinteger)" }) do
        local r = H.run({ "-e", "return " .. code })
        assert.are.equal(2, r.code, code .. ": " .. r.out)
        assert.truthy(r.err:find("bad argument #1", 1, true), code .. ": " .. r.err)
      end
    end)
  end)

  describe("cutoff (Decree 09/2019, Điều 12)", function()
    local windows = {
      { "2025-01", "2024-12-15", "2025-01-14" },
      { "2025-07", "2025-06-15", "2025-07-14" },
      { "2025-Q1", "2024-12-15", "2025-03-14" },
      { "2025-Q3", "2025-06-15", "2025-09-14" },
      { "2025-H1", "2024-12-15", "2025-06-14" },
      { "2025-H2", "2025-06-15", "2025-12-14" },
      { "2025", "2024-12-15", "2025-12-14" },
      { "2025-9M", "2024-12-15", "2025-09-14" },
    }
    for _, w in ipairs(windows) do
      it(w[1] .. " runs " .. w[2] .. " to " .. w[3], function()
        assert.equal('["' .. w[2] .. '","' .. w[3] .. '"]',
          eval("{pw.period.cutoff('" .. w[1] .. "')}"))
      end)
    end

    it("prints both dates for a plain -e call", function()
      local r = H.run({ "-e", "pw.period.cutoff('2025-Q1')" })
      assert.equal(0, r.code)
      assert.equal("2024-12-15\n2025-03-14\n", r.out)
    end)
  end)

  describe("working days", function()
    it("skip weekends, holidays and compensatory days, and count a worked Saturday",
      function()
        assert.equal("[true,false,false,false,true,true]", eval(([[{
          pw.period.is_workday('2025-03-03', H),
          pw.period.is_workday('2025-03-08', H),
          pw.period.is_workday('2025-04-30', H),
          pw.period.is_workday('2025-05-02', H),
          pw.period.is_workday('2025-04-26', H),
          pw.period.is_workday('2025-04-30')}]]):gsub("H%)", HOLIDAYS .. ")")))
      end)

    it("count over Tết 2025", function()
      assert.equal('"2025-02-03"',
        eval("pw.period.workdays_after('2025-01-24', 1, " .. HOLIDAYS .. ")"))
      assert.equal('"2025-02-04"',
        eval("pw.period.workdays_after('2025-01-23', 3, " .. HOLIDAYS .. ")"))
      assert.equal('"2025-01-27"', eval("pw.period.workdays_after('2025-01-24', 1)"))
    end)

    it("count over the 30/4-1/5 long weekend", function()
      assert.equal('"2025-05-05"',
        eval("pw.period.workdays_after('2025-04-29', 1, " .. HOLIDAYS .. ")"))
      assert.equal('"2025-04-26"',
        eval("pw.period.workdays_after('2025-04-25', 1, " .. HOLIDAYS .. ")"))
    end)

    it("refuse a bad date, a bad count and a bad holidays row", function()
      local cases = {
        { "pw.period.workdays_after('2025-02-30', 1)", "bad date '2025-02-30'" },
        { "pw.period.workdays_after('2025-01-24', 0)", "working days must be 1..3660" },
        { "pw.period.is_workday('2025-01-24', {{date='2025-01-24', kind='off'}})",
          "holidays[1]: bad kind 'off'" },
        { "pw.period.is_workday('2025-01-24', {{kind='holiday'}})",
          "holidays[1].date must be a string" },
        { "pw.period.is_workday('2025-01-24', {{date='2025-01-24', kind='holiday'}," ..
          "{date='2025-01-24', kind='workday'}})",
          "holidays[2]: 2025-01-24 is listed twice with different kinds" },
        { "pw.period.is_workday('2025-01-24', {'2025-01-24'})",
          "holidays[1] must be a table" },
      }
      for _, c in ipairs(cases) do
        local r = H.run({ "-e", c[1] })
        assert.equal(2, r.code)
        assert.truthy(r.err:find(c[2], 1, true), r.err)
      end
    end)
  end)

  describe("deadline", function()
    it("of year 2025 with 2 working days is Tue 2025-12-16 (cut-off ends on a Sunday)",
      function()
        assert.equal('"2025-12-16"', eval("pw.period.deadline('2025', 2, {})"))
      end)

    it("of 2025-01 with 1 working day skips nothing; of 2025-Q1 with 3 ends Wed",
      function()
        assert.equal('["2025-01-15","2025-03-19"]', eval(
          "{pw.period.deadline('2025-01', 1, " .. HOLIDAYS .. ")," ..
          " pw.period.deadline('2025-Q1', 3, " .. HOLIDAYS .. ")}"))
      end)
  end)

  describe("a bad period code", function()
    it("ends the command with status 2 and names the code", function()
      local r = H.run({ "-e", "pw.period.cutoff('2025-13')" })
      assert.equal(2, r.code)
      assert.equal("", r.out)
      assert.truthy(r.err:find("bad period '2025-13'", 1, true), r.err)
    end)

    it("is refused by every function that takes one", function()
      for _, call in ipairs({ "next('2025-Q5')", "prev('2025-H3')",
                              "compare('2025', '25')", "bounds('2025-1')",
                              "range('2025-01', '2025-01x')",
                              "deadline('2025-00', 1)" }) do
        local r = H.run({ "-e", "pw.period." .. call })
        assert.equal(2, r.code)
        assert.truthy(r.err:find("bad period '", 1, true), r.err)
      end
    end)
  end)
end)
