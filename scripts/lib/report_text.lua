-- What the progress report says, in Vietnamese and English, and how it
-- writes numbers (as `planwatch status` does: two decimals and " %" for a
-- percentage, else an integer when the value is one, else up to two
-- decimals).
local text = {}

local words = {
  vi = {
    title = "Báo cáo tiến độ thực hiện Kế hoạch %s",
    as_of = "Số liệu đến ngày %s",
    issued = "Ngày ban hành", issuer = "Cơ quan ban hành", basis = "Căn cứ",
    span = "Giai đoạn", signer = "Người ký",
    illustrative_banner = "Báo cáo có số liệu minh họa, không phải số liệu thật: %d giá trị chỉ tiêu và %d báo cáo đã nộp (xem mục “Nguồn số liệu”).",
    illustrative_tag = "số liệu minh họa",
    summary = "Tóm tắt",
    card_targets = "Chỉ tiêu", card_tasks = "Nhiệm vụ", card_reports = "Báo cáo đã nộp",
    card_on_time = "Nộp đúng hạn", card_overdue = "Báo cáo quá hạn",
    of_expected = "%d / %d phải nộp", of_total = "trên %d", in_progress_n = "%d đang thực hiện",
    targets = "Chỉ tiêu",
    col = { indicator = "Mã", name = "Chỉ tiêu", window = "Giai đoạn", required = "Yêu cầu",
      actual = "Thực hiện", projected = "Dự báo cuối kỳ", status = "Tình trạng",
      progress = "Tiến độ", no = "TT", task = "Nội dung nhiệm vụ", when = "Thời gian",
      support = "Đơn vị phối hợp", code = "Mã", duty = "Chế độ báo cáo", from = "Đơn vị báo cáo",
      to = "Gửi", every = "Kỳ", due = "Hạn", unit = "Đơn vị", expected = "Phải nộp",
      received = "Đã nộp", on_time = "Đúng hạn", actual_rate = "Tỷ lệ nộp",
      on_time_rate = "Tỷ lệ đúng hạn", period = "Kỳ", deadline = "Hạn nộp",
      days_overdue = "Số ngày quá hạn", source = "Nguồn", values = "Số giá trị",
      indicators = "Số chỉ tiêu", years = "Năm", kind = "Loại" },
    progress_note = "Thanh tiến độ: phần đã thực hiện so với mức yêu cầu; vạch đen: mức dự báo cuối kỳ.",
    trends = "Diễn biến các chỉ tiêu",
    trends_note = "Đường liền: số liệu thực hiện (chỉ tiêu lũy kế vẽ theo tổng dồn); đường đứt: lộ trình yêu cầu; vòng tròn rỗng: dự báo cuối kỳ.",
    actual = "Thực hiện", cumulative = "Lũy kế", required_path = "Yêu cầu %s (%s)",
    projected = "Dự báo %d", growth_of = "Tăng bình quân của: %s", no_series = "Chưa có số liệu để vẽ.",
    tasks = "Nhiệm vụ theo đơn vị chủ trì", all_units = "Các đơn vị liên quan",
    tasks_of = "%d nhiệm vụ",
    duties = "Chế độ báo cáo",
    timeliness = "Tình hình nộp báo cáo",
    timeliness_note = "Mỗi chế độ báo cáo một bảng: mỗi hàng là một đơn vị báo cáo, mỗi cột là một kỳ.",
    timeliness_state = { on_time = "đúng hạn", late = "nộp muộn", missing = "chưa nộp, đã quá hạn",
      not_due = "chưa đến hạn" },
    rates = "Tỷ lệ báo cáo theo đơn vị (đến ngày xem)",
    rates_chart = "Tỷ lệ nộp báo cáo theo đơn vị",
    overdue = "Báo cáo quá hạn", none_overdue = "Không có báo cáo quá hạn.",
    sources = "Nguồn số liệu",
    no_values = "Cơ sở dữ liệu chưa có giá trị chỉ tiêu nào: các chỉ tiêu đều “chưa có số liệu”.",
    values_intro = "Giá trị chỉ tiêu theo nguồn (cột “source” khi nhập số liệu):",
    no_source = "(không ghi nguồn)", illustrative = "minh họa", reported = "số liệu báo cáo",
    partly_illustrative = "%d giá trị minh họa",
    plan_source = "Kế hoạch, chỉ tiêu, nhiệm vụ và chế độ báo cáo: gói kế hoạch %s (%s).",
    submissions = "Báo cáo đã ghi nhận trong cơ sở dữ liệu: %d.",
    submissions_illustrative = "Báo cáo đã ghi nhận trong cơ sở dữ liệu: %d, trong đó %d minh họa.",
    footer = "Tạo bằng planwatch ngày %s. Tệp này độc lập (không cần mạng, không tải tệp ngoài).",
    no_plan = "Chưa nạp kế hoạch nào: chạy `planwatch load`.",
    annual = "hằng năm",
    every = { once = "một lần", year = "năm", half = "6 tháng", quarter = "quý",
      ["9m"] = "9 tháng", month = "tháng" },
    workdays = "%d ngày làm việc sau ngày chốt số liệu", fixed_day = "ngày %s hằng năm",
    units_count = "%d đơn vị",
    stage = { not_started = "chưa đến thời hạn", in_progress = "đang thực hiện",
      ended = "đã hết thời hạn" },
    target_status = { achieved = "đã đạt", missed = "không đạt", on_track = "đúng tiến độ",
      at_risk = "có nguy cơ", off_track = "chậm tiến độ", no_data = "chưa có số liệu" },
  },
  en = {
    title = "Progress report on Plan %s",
    as_of = "Data as of %s",
    issued = "Issued", issuer = "Issued by", basis = "Implements",
    span = "Period", signer = "Signed by",
    illustrative_banner = "This report contains illustrative data, not real data: %d indicator values and %d received reports (see “Data sources”).",
    illustrative_tag = "illustrative data",
    summary = "Summary",
    card_targets = "Targets", card_tasks = "Tasks", card_reports = "Reports received",
    card_on_time = "Received on time", card_overdue = "Overdue reports",
    of_expected = "%d of %d expected", of_total = "of %d", in_progress_n = "%d in progress",
    targets = "Targets",
    col = { indicator = "Code", name = "Target", window = "Window", required = "Required",
      actual = "Actual", projected = "Projected", status = "Status",
      progress = "Progress", no = "No.", task = "Task", when = "Timeframe",
      support = "Coordinating units", code = "Code", duty = "Reporting duty", from = "Reported by",
      to = "To", every = "Frequency", due = "Deadline", unit = "Unit", expected = "Expected",
      received = "Received", on_time = "On time", actual_rate = "Reporting rate",
      on_time_rate = "On-time rate", period = "Period", deadline = "Deadline",
      days_overdue = "Days overdue", source = "Source", values = "Values",
      indicators = "Indicators", years = "Years", kind = "Kind" },
    progress_note = "Progress bar: the actual value against the required one; black tick: where the projection leads by the window's end.",
    trends = "Indicator trends",
    trends_note = "Solid line: actual values (running totals for cumulative targets); dashed line: the required path; hollow circle: the projection at the window's end.",
    actual = "Actual", cumulative = "Running total", required_path = "Required %s (%s)",
    projected = "Projected %d", growth_of = "Average growth of: %s", no_series = "No data to draw yet.",
    tasks = "Tasks by lead unit", all_units = "All units concerned",
    tasks_of = "%d tasks",
    duties = "Reporting duties",
    timeliness = "Timeliness of reports",
    timeliness_note = "One grid per reporting duty: each row is a reporting unit, each column a period.",
    timeliness_state = { on_time = "on time", late = "late", missing = "missing (overdue)",
      not_due = "not yet due" },
    rates = "Reporting rates by unit (to date)",
    rates_chart = "Reporting rate by unit",
    overdue = "Overdue reports", none_overdue = "No report is overdue.",
    sources = "Data sources",
    no_values = "The database holds no indicator values yet: every target shows “no data”.",
    values_intro = "Indicator values by source (the “source” column of imported values):",
    no_source = "(no source given)", illustrative = "illustrative", reported = "reported data",
    partly_illustrative = "%d illustrative values",
    plan_source = "Plan, targets, tasks and reporting duties: plan package %s (%s).",
    submissions = "Reports recorded in the database: %d.",
    submissions_illustrative = "Reports recorded in the database: %d, of which %d illustrative.",
    footer = "Made with planwatch on %s. This file is self-contained (no network, no external files).",
    no_plan = "No plan loaded: run `planwatch load`.",
    annual = "every year",
    every = { once = "once", year = "yearly", half = "half-yearly", quarter = "quarterly",
      ["9m"] = "nine months", month = "monthly" },
    workdays = "%d working days after the cut-off", fixed_day = "on %s each year",
    units_count = "%d units",
    stage = { not_started = "not started", in_progress = "in progress", ended = "timeframe ended" },
    target_status = { achieved = "achieved", missed = "missed", on_track = "on track",
      at_risk = "at risk", off_track = "off track", no_data = "no data" },
  },
}

-- Target statuses from the best to the worst, for counts and legends.
text.STATUS_ORDER = { "achieved", "on_track", "at_risk", "off_track", "missed", "no_data" }

-- The words of a language (Vietnamese unless "en").
function text.words(lang)
  return words[lang] or words.vi
end

local function percent(measure)
  return measure ~= nil and measure:find("%", 1, true) ~= nil
end

-- A number for people, as status writes it.
function text.number(v, measure)
  if v == nil then return nil end
  if percent(measure) then return string.format("%.2f %%", v) end
  if math.abs(v - math.floor(v + 0.5)) < 1e-9 then
    return string.format("%d", math.floor(v + 0.5))
  end
  return (string.format("%.2f", v):gsub("0+$", ""):gsub("%.$", ""))
end

-- What a target requires, as status writes it (">= 6.2 %", "1–3").
function text.required(t)
  local pct = percent(t.measure) and " %" or ""
  if t.op == "between" then
    return string.format("%g–%g%s", t.required, t.required_high, pct)
  end
  return string.format("%s %g%s", t.op, t.required, pct)
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
  if d.due_workdays then return string.format(W.workdays, d.due_workdays) end
  return string.format(W.fixed_day, d.due_day)
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

-- A share in percent with one decimal ("87.5 %"), or "—".
function text.rate(v)
  if v == nil then return "—" end
  return text.number(v) .. " %"
end

-- part of whole as text.rate writes it, rounded as duties.rates rounds.
function text.share(part, whole)
  if whole <= 0 then return "—" end
  return text.rate(math.floor(1000 * part / whole + 0.5) / 10)
end

return text
