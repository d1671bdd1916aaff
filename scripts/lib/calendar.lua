-- The working-day calendar: the plan's holidays, year by year. A year the
-- plan lists no holidays for falls back to the fixed-date public holidays
-- (Labour Code 2019, Art. 112: 1 January, 30 April, 1 May, 2 September),
-- with a warning: Tết and the Hùng Kings' day move every year and must be
-- listed in plan.lua.
local calendar = {}

local FIXED = { "01-01", "04-30", "05-01", "09-02" }

local warned = {}

-- Holiday rows { date=, kind= } of the plan plan_id (nil: every active
-- plan's) for years from..to, and the list of years that fell back.
function calendar.holidays(from, to, plan_id)
  local rows = pw.sql([[SELECT DISTINCT date, kind, CAST(substr(date, 1, 4) AS INTEGER) AS year
    FROM holidays WHERE retired_at IS NULL AND (?3 IS NULL OR plan_id = ?3)
      AND date BETWEEN ?1 AND ?2 ORDER BY date]],
    string.format("%04d-01-01", from), string.format("%04d-12-31", to), plan_id)
  local listed, out, fallback = {}, {}, {}
  for _, r in ipairs(rows) do
    listed[r.year] = true
    out[#out + 1] = { date = r.date, kind = r.kind }
  end
  for y = from, to do
    if not listed[y] then
      fallback[#fallback + 1] = y
      for _, md in ipairs(FIXED) do
        out[#out + 1] = { date = string.format("%04d-%s", y, md), kind = "holiday" }
      end
    end
  end
  table.sort(out, function(a, b) return a.date < b.date end)
  return out, fallback
end

-- As holidays(), printing one warning per fallen-back year to stderr.
function calendar.for_years(from, to, plan_id)
  local rows, fallback = calendar.holidays(from, to, plan_id)
  for _, y in ipairs(fallback) do
    if not warned[y] then
      warned[y] = true
      pw.err(string.format("planwatch: warning: the plan lists no holidays for %d; "
        .. "counting only the fixed-date ones (1/1, 30/4, 1/5, 2/9)\n", y))
    end
  end
  return rows
end

return calendar
