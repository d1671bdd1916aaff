-- The progress report's and `planwatch status`'s sentences built from the
-- facts (report_facts.lua): words from the catalogue (words_report.lua),
-- numbers, dates and periods as formats.lua writes them in the run's
-- language.
local due = require "due"
local formats = require "formats"
local words = require "words"

local text = {}

-- Target statuses from the best to the worst, for counts and legends.
text.STATUS_ORDER = { "achieved", "on_track", "heading_above", "at_risk", "off_track", "exceeded",
  "missed", "provisional", "no_data", "not_comparable" }

-- A target's status in words, with what qualifies it: the year a closed
-- window waits for and the status its known years give ("chờ số liệu năm
-- 2025 (tạm tính: không đạt)"), and the years with no value ("thiếu số
-- liệu 2023–2025") unless without_missing.
function text.status_text(t, W, without_missing)
  local s = W.target_status[t.status] or t.status
  if t.status == "not_comparable" and t.area then
    s = string.format("%s: %s", s, t.area)
  end
  if t.status == "provisional" and t.awaiting then
    s = string.format(W.awaiting, t.awaiting)
    if t.tentative then
      s = s .. " (" .. string.format(W.tentative, W.target_status[t.tentative] or t.tentative) .. ")"
    end
  end
  local missing = text.missing_text(t, W)
  if missing and not without_missing then s = s .. "; " .. missing end
  return s
end

-- "thiếu số liệu 2023–2025", or nil when no year of the window so far
-- lacks a value.
function text.missing_text(t, W)
  if not t.missing or #t.missing == 0 or t.status == "no_data" then return nil end
  return string.format(W.missing, formats.years(t.missing))
end

-- The words of a language (Vietnamese unless "en").
function text.words(lang)
  return words.of("report", lang)
end

-- A number for people (formats.value): "6,15 %", "1.234,5"; nil stays nil.
function text.number(v, measure)
  return formats.value(v, measure)
end

-- What a target requires: "≥ 6,2 %", "1–3".
function text.required(t)
  return formats.required(t)
end

function text.window(t)
  return t.window_from .. "–" .. t.window_to
end

-- Where a task stands on day `today` (YYYY-MM-DD): not_started,
-- in_progress or ended. A task with periods finer than a year
-- (from_period, to_period: "2021-Q2") starts on its first period's first
-- day and ends after its last period's last day; else whole years count.
function text.task_stage(task, today)
  if task.from_period or task.to_period then
    local first = pw.period.bounds(task.from_period or tostring(task.from_year))
    local _, last = pw.period.bounds(task.to_period or tostring(task.to_year))
    if today < first then return "not_started" end
    if today > last then return "ended" end
    return "in_progress"
  end
  local year = tonumber(today:sub(1, 4))
  if year < task.from_year then return "not_started" end
  if year > task.to_year then return "ended" end
  return "in_progress"
end

-- A period code as people write it: "2021-Q2" -> "Q2/2021", "2022-H1" ->
-- "H1/2022", "2024-09" -> "09/2024".
local function period_text(code)
  local y, rest = code:match("^(%d%d%d%d)%-(.+)$")
  if not y then return code end
  return rest .. "/" .. y
end

-- A task's timeframe: "hằng năm", "2021", "2021–2030", "Q2/2021" or
-- "Q3/2021–Q2/2023".
function text.when(task, W)
  if task.annual then return W.annual end
  if task.from_period or task.to_period then
    local a = period_text(task.from_period or tostring(task.from_year))
    local b = period_text(task.to_period or tostring(task.to_year))
    return a == b and a or (a .. "–" .. b)
  end
  if task.from_year == task.to_year then return tostring(task.from_year) end
  return task.from_year .. "–" .. task.to_year
end

-- A duty's title for a year ({year} and {period} filled in).
function text.duty_title(d, year)
  return (d.title:gsub("{year}", tostring(year)):gsub("{period}", tostring(year)))
end

function text.duty_from(d, W)
  return #d.units == 1 and d.units[1] or string.format(W.units_count, #d.units)
end

function text.duty_due(d, W)
  if d.due_workdays then
    return string.format(W.workdays, d.due_workdays)
      .. (d.every == "9m" and d.cutoff == "nd09" and W.nine_months_cutoff or "")
  end
  return due.describe(d.due_day, formats.lang())
end

-- The warning that illustrative data is shown, or nil when there is none.
function text.illustrative_banner(F, W)
  local values = 0
  for _, s in ipairs(F.sources.values) do values = values + s.illustrative end
  local reports = F.sources.illustrative_submissions
  if values + reports == 0 then return nil end
  return string.format(W.illustrative_banner, values, reports)
end

-- How many reports are recorded (and how many of them are illustrative).
function text.submissions(S, W)
  if S.illustrative_submissions > 0 then
    return string.format(W.submissions_illustrative, S.submissions, S.illustrative_submissions)
  end
  return string.format(W.submissions, S.submissions)
end

-- A target's line under its chart or in the text: "actual X; projected Y".
function text.target_line(t, W)
  return string.format("%s: %s; %s: %s", W.col.actual, text.number(t.actual, t.measure) or "—",
    W.col.projected, text.number(t.projected, t.measure) or "—")
end

-- A share in percent ("87,5 %"), or "—".
function text.rate(v)
  if v == nil then return "—" end
  return formats.percent(v, nil, 1)
end

-- part of whole as text.rate writes it, rounded as duties.rates rounds.
function text.share(part, whole)
  if whole <= 0 then return "—" end
  return text.rate(math.floor(1000 * part / whole + 0.5) / 10)
end

-- The columns of people's tables that hold figures, already written as
-- text ("≥ 6,2 %", "1.234,5"): right-aligned like numbers.
local FIGURES = { required = true, actual = true, projected = true, expected = true,
  actual_n = true, on_time = true, actual_rate = true, on_time_rate = true,
  days_overdue = true, days_left = true, no = true, id = true, attempts = true,
  unanswered = true, targets = true, tasks = true, duties = true, overdue = true }

-- Rows for a terminal table: each cell passed through cells[col] when
-- there is one (a formats.lua function), the columns headed in words
-- (words_status.lua `col`; a column "actual_n" reads the row's "actual").
-- Returns the rows, the list of headings and the options for
-- pw.print_rows that right-align the columns of figures.
function text.people_rows(rows, cols, cells)
  local S = words.of("status")
  local heads, list, right = {}, {}, {}
  for j, c in ipairs(cols) do
    heads[j] = S.col[c] or c
    right[heads[j]] = FIGURES[c]
  end
  for i, r in ipairs(rows) do
    local row = {}
    for j, c in ipairs(cols) do
      local v = r[c == "actual_n" and "actual" or c]
      if v ~= nil and cells and cells[c] then v = cells[c](v) end
      row[heads[j]] = v
    end
    list[i] = row
  end
  return list, heads, { right = right }
end

return text
