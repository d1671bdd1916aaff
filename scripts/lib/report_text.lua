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
    s = string.format("%s (%s)", s, t.area)
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

-- A task's timeframe: "hằng năm", "2021" or "2021–2030".
function text.when(task, W)
  if task.annual then return W.annual end
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

-- Rows for a terminal table: each cell passed through cells[col] when
-- there is one (a formats.lua function), the columns headed in words
-- (words_status.lua `col`; a column "actual_n" reads the row's "actual").
-- Returns the rows and the list of headings.
function text.people_rows(rows, cols, cells)
  local S = words.of("status")
  local heads, list = {}, {}
  for j, c in ipairs(cols) do heads[j] = S.col[c] or c end
  for i, r in ipairs(rows) do
    local row = {}
    for j, c in ipairs(cols) do
      local v = r[c == "actual_n" and "actual" or c]
      if v ~= nil and cells and cells[c] then v = cells[c](v) end
      row[heads[j]] = v
    end
    list[i] = row
  end
  return list, heads
end

return text
