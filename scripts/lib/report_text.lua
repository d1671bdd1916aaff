-- What the progress report says, in Vietnamese and English, and how it
-- writes numbers (as `planwatch status` does: two decimals and " %" for a
-- percentage, else an integer when the value is one, else up to two
-- decimals).
local due = require "due"

local text = {}

local words = {
  vi = {
    title = "Báo cáo tiến độ thực hiện Kế hoạch %s",
    as_of = "Số liệu đến ngày %s",
    issued = "Ngày ban hành", issuer = "Cơ quan ban hành", basis = "Căn cứ",
    superseded = "Được thay thế bởi", superseded_from = "%s từ %s",
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
    workdays = "%d ngày làm việc sau ngày chốt số liệu",
    nine_months_cutoff = " (kỳ 9 tháng: ngày chốt 14/9 theo quy ước của planwatch; Nghị định 09/2019 không quy định kỳ 9 tháng)",
    units_count = "%d đơn vị",
    stage = { not_started = "chưa đến thời hạn", in_progress = "đang thực hiện",
      ended = "đã hết thời hạn" },
    target_status = { achieved = "đã đạt", missed = "không đạt", on_track = "đúng tiến độ",
      at_risk = "có nguy cơ", off_track = "chậm tiến độ", no_data = "chưa có số liệu",
      exceeded = "vượt mức trên", heading_above = "dự báo vượt mức trên",
      provisional = "chờ số liệu năm cuối kỳ", not_comparable = "không so sánh được" },
    awaiting = "chờ số liệu năm %d", tentative = "tạm tính: %s", missing = "thiếu số liệu %s",
    legend = "Chú giải tình trạng",
    status_meaning = {
      achieved = "đã đạt yêu cầu: hết kỳ và đạt; hoặc chỉ tiêu lũy kế đã đạt mức tối thiểu trong kỳ (chỉ tiêu khoảng vẫn có thể vượt mức trên sau đó)",
      on_track = "trong kỳ, dự báo cuối kỳ đạt yêu cầu (chỉ tiêu lũy kế: nhịp độ đến nay vượt mức tối thiểu)",
      heading_above = "trong kỳ, dự báo cuối kỳ vượt mức trên của khoảng hoặc giá trị yêu cầu",
      at_risk = "trong kỳ, dự báo hụt không quá 10 % mức yêu cầu; hoặc đang đạt nhưng xu hướng đi ra ngoài yêu cầu",
      off_track = "trong kỳ, dự báo hụt quá 10 % mức yêu cầu",
      exceeded = "đã vượt mức trên của khoảng hoặc giá trị yêu cầu (chỉ tiêu lũy kế: ngay khi vượt; chỉ tiêu khác: khi hết kỳ)",
      missed = "hết kỳ và không đạt; hoặc chỉ tiêu lũy kế đã vượt mức trần; hoặc chỉ tiêu từng năm đã có một năm không đạt",
      provisional = "hết kỳ nhưng chưa có số liệu năm cuối kỳ; bên cạnh là kết quả tạm tính trên số liệu đã có",
      no_data = "chưa có số liệu trong kỳ (tăng bình quân: chưa có năm gốc và một năm sau đó)",
      not_comparable = "chỉ tiêu đặt cho một địa bàn đã không còn (chẳng hạn tỉnh trước khi hợp nhất) mà kỳ của nó kéo dài sau ngày đó: số liệu sau ngày đó là của địa bàn mới, không đánh giá đạt hay không đạt",
    },
  },
  en = {
    title = "Progress report on Plan %s",
    as_of = "Data as of %s",
    issued = "Issued", issuer = "Issued by", basis = "Implements",
    superseded = "Superseded by", superseded_from = "%s from %s",
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
    workdays = "%d working days after the cut-off",
    nine_months_cutoff = " (nine months: cut-off on 14 Sep by planwatch's convention; Decree 09/2019 sets no nine-month report)",
    units_count = "%d units",
    stage = { not_started = "not started", in_progress = "in progress", ended = "timeframe ended" },
    target_status = { achieved = "achieved", missed = "missed", on_track = "on track",
      at_risk = "at risk", off_track = "off track", no_data = "no data",
      exceeded = "above the range", heading_above = "heading above the range",
      provisional = "awaiting the final year", not_comparable = "not comparable" },
    awaiting = "awaiting %d data", tentative = "provisional: %s", missing = "missing data: %s",
    legend = "Status legend",
    status_meaning = {
      achieved = "met: the window is over and the target is met; or a cumulative target has reached its minimum inside the window (a range may still be passed later)",
      on_track = "window open, the projection meets the target (cumulative: the pace so far passes the minimum)",
      heading_above = "window open, the projection passes the upper bound of a range or an exact value",
      at_risk = "window open, the projection falls short by at most 10 % of the required value; or the target is met today but the trend leaves it",
      off_track = "window open, the projection falls short by more than 10 %",
      exceeded = "above the upper bound of a range or an exact value (cumulative: as soon as it happens; others: once the window is over)",
      missed = "the window is over and the target is not met; or a cumulative figure has passed its cap; or an every-year target has failed a year",
      provisional = "the window is over but its final year has no value yet; what the known years give is shown beside it",
      no_data = "no value in the window (average growth: not the base year and a later one)",
      not_comparable = "the target is set for an area that has stopped existing (a province before a merger, say) and its window runs past that day: later values are the new area's, so it is judged neither met nor missed",
    },
  },
}

-- Target statuses from the best to the worst, for counts and legends.
text.STATUS_ORDER = { "achieved", "on_track", "heading_above", "at_risk", "off_track", "exceeded",
  "missed", "provisional", "no_data", "not_comparable" }

-- Years as a short list: 2023–2025 for a run, 2021, 2023 otherwise.
local function year_list(years)
  local parts, i = {}, 1
  while i <= #years do
    local j = i
    while j < #years and years[j + 1] == years[j] + 1 do j = j + 1 end
    parts[#parts + 1] = j > i and (years[i] .. "–" .. years[j]) or tostring(years[i])
    i = j + 1
  end
  return table.concat(parts, ", ")
end

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
  return string.format(W.missing, year_list(t.missing))
end

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
  if d.due_workdays then
    return string.format(W.workdays, d.due_workdays)
      .. (d.every == "9m" and d.cutoff == "nd09" and W.nine_months_cutoff or "")
  end
  return due.describe(d.due_day, W == words.en and "en" or "vi")
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
