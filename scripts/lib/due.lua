-- Fixed-day deadlines of reporting duties: the `due` forms other than
-- { workdays_after_cutoff = N }, how they are checked against the duty's
-- frequency, stored (duties.due_day) and turned into a date.
--
--   { day = "MM-DD" }        a day of the period's own year; yearly duties
--                            only (a document due during its year, such as
--                            a budget estimate prepared in {year})
--   { day_after_end = N }    N calendar days after the period's last day:
--                            15 is the 15th of the month after the period
--                            (H1 -> 15 July, Q3 -> 15 October, 2025 -> 15
--                            January 2026); any frequency, 1 <= N <= 366
--   roll = false             with either: the deadline stays on its day even
--                            when that day is not a working day
--
-- By default a fixed day that is not a working day (a weekend, a holiday
-- of the plan) moves to the next working day: Bộ luật Dân sự 2015, Điều
-- 148(5): "Trường hợp ngày cuối cùng của thời hạn là ngày nghỉ cuối tuần
-- hoặc ngày nghỉ lễ thì thời hạn kết thúc tại thời điểm kết thúc ngày làm
-- việc tiếp theo ngày nghỉ đó."
--
-- Stored in duties.due_day as text: "07-15" or "+15", followed by
-- " noroll" when roll = false.
local due = {}

-- The stored text of a due form, or nil for workdays_after_cutoff.
function due.encode(v)
  local base
  if v.day then base = v.day elseif v.day_after_end then base = "+" .. v.day_after_end end
  if not base then return nil end
  return v.roll == false and base .. " noroll" or base
end

-- The parts of a stored due_day: { day = "MM-DD" } or { after_end = N },
-- with roll = true or false.
function due.decode(text)
  local base, flag = text:match("^(%S+)%s*(%a*)$")
  local out = { roll = flag ~= "noroll" }
  local n = base and base:match("^%+(%d+)$")
  if n then out.after_end = tonumber(n) else out.day = base end
  return out
end

-- The first working day on or after date (YYYY-MM-DD) under holidays.
local function working_day_from(date, holidays)
  return pw.period.workdays_after(pw.period.date(pw.period.days(date) - 1), 1, holidays)
end

-- The deadline of period p under the stored due_day text.
function due.deadline(text, p, holidays)
  local d = due.decode(text)
  local date
  if d.after_end then
    local _, last = pw.period.bounds(p)
    date = pw.period.date(pw.period.days(last) + d.after_end)
  else -- a day past its month's end (02-29 in a common year) runs on
    local mm, dd = d.day:match("^(%d%d)-(%d%d)$")
    date = pw.period.date(pw.period.days(string.format("%s-%s-01", p:sub(1, 4), mm)) + tonumber(dd) - 1)
  end
  if d.roll then return working_day_from(date, holidays) end
  return date
end

-- A stored due_day in words, in lang ("vi" unless "en").
function due.describe(text, lang)
  local W, d = require("words").of("common", lang).due, due.decode(text)
  local day = d.day
  if day and require("formats").lang(lang) == "vi" then -- "07-15" is 15/07
    day = day:gsub("^(%d%d)-(%d%d)$", "%2/%1")
  end
  local s = d.after_end and string.format(W.after_end, d.after_end) or string.format(W.day, day)
  return s .. (d.roll and W.roll or W.noroll)
end

-- Why a duty's due form does not fit its frequency, or nil when it does:
-- a day of the year ({ day = "MM-DD" }) is the same day for every period
-- of a year, so for half-yearly, quarterly, nine-month or monthly duties
-- it falls before the end of some period (Q1's deadline and Q4's would be
-- the same day).
function due.problem(every, v)
  if type(v) ~= "table" or v.day == nil or every == "year" or every == "once" then return nil end
  return string.format("due: { day = \"%s\" } falls before the end of some %s periods "
    .. "(the same day each year); use { day_after_end = N }, N days after each period's end",
    tostring(v.day), tostring(every))
end

return due
