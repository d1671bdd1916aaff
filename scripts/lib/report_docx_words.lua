-- What the yearly report drafted as an official document (report_docx.lua)
-- says, in Vietnamese and English, and how it writes numbers and dates:
-- Vietnamese "6,2 %", "1.234,5" and "11/05/2021"; English "6.2 %",
-- "1,234.5" and "11 May 2021".
local W = {}

local words = {
  vi = {
    national_title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    motto = "Độc lập - Tự do - Hạnh phúc",
    number = "Số: …/BC-%s",
    place_date = "%s, ngày %d tháng %d năm %d",
    kind = "BÁO CÁO",
    subject = "Kết quả thực hiện Kế hoạch số %s ngày %s của %s năm %d",
    intro = "Thực hiện Kế hoạch số %s ngày %s của %s về %s, trên cơ sở báo cáo của các cơ quan, đơn vị, %s báo cáo kết quả thực hiện năm %d như sau:",
    as_of = "Số liệu tính đến ngày %s.",
    illustrative = "Lưu ý: báo cáo có số liệu minh họa, không phải số liệu thật (%d giá trị chỉ tiêu, %d báo cáo của đơn vị).",
    s1 = "I. KẾT QUẢ THỰC HIỆN",
    s1_targets = "1. Kết quả thực hiện các chỉ tiêu",
    targets_summary = "Kế hoạch có %d chỉ tiêu: %s (chi tiết tại Phụ lục I).",
    no_targets = "Kế hoạch chưa có chỉ tiêu nào.",
    s1_tasks = "2. Tình hình thực hiện các nhiệm vụ theo đơn vị chủ trì",
    tasks_summary = "Năm %d có %d nhiệm vụ đang thực hiện, %d nhiệm vụ đã hết thời hạn, %d nhiệm vụ chưa đến thời hạn.",
    s1_compliance = "3. Tình hình báo cáo của các cơ quan, đơn vị",
    compliance_summary = "Kỳ báo cáo năm %d: %d lượt báo cáo phải gửi %s; %d đúng hạn, %d muộn, %d chưa gửi (đã quá hạn), %d chưa đến hạn (chi tiết tại Phụ lục II).",
    no_compliance = "Kỳ báo cáo năm %d: không có báo cáo nào phải gửi %s.",
    on_time_list = "Các đơn vị báo cáo đúng hạn:",
    late_list = "Các đơn vị báo cáo muộn:",
    missing_list = "Các đơn vị chưa gửi báo cáo (đã quá hạn):",
    not_due_list = "Các đơn vị chưa đến hạn báo cáo:",
    cited = "%s (%s)",
    doc_ref = "Công văn số %s ngày %s",
    doc_ref_no_date = "Công văn số %s",
    received_on = "nhận ngày %s",
    deadline_on = "hạn %s",
    s1_funding = "4. Kinh phí thực hiện",
    funding_line = "%s: %s.",
    no_amount = "chưa có số liệu",
    funding = { state_budget = "Ngân sách nhà nước", enterprise = "Vốn của doanh nghiệp",
      other = "Các nguồn vốn huy động hợp pháp khác" },
    funding_write = "[Nêu số kinh phí đã bố trí, đã giải ngân trong năm theo từng nguồn.]",
    s2 = "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
    s2_issues = "1. Tồn tại, hạn chế",
    issue_target = "Chỉ tiêu “%s” (giai đoạn %s): thực hiện %s, yêu cầu %s, %s.",
    issue_overdue = "%s chưa gửi báo cáo kỳ %s (hạn %s, quá hạn %d ngày).",
    issue_task = "Nhiệm vụ %d “%s” (%s, thời gian %s) đã hết thời hạn theo Kế hoạch.",
    no_issues = "Không có chỉ tiêu chậm tiến độ, báo cáo quá hạn hay nhiệm vụ quá thời hạn.",
    issues_write = "[Bổ sung các tồn tại, hạn chế khác.]",
    s2_causes = "2. Nguyên nhân",
    causes_write = "[Nêu nguyên nhân khách quan và chủ quan của từng tồn tại, hạn chế nêu trên.]",
    s3 = "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
    s3_write = "[Nêu phương hướng, nhiệm vụ trọng tâm năm %d.]",
    s4 = "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    s4_write = "[Nêu kiến nghị, đề xuất với %s.]",
    closing = "Trên đây là báo cáo kết quả thực hiện Kế hoạch số %s năm %d của %s./.",
    recipients = "Nơi nhận:",
    recipient_up = "- %s (để báo cáo);",
    recipient_units = "- Các cơ quan, đơn vị báo cáo (để biết);",
    recipient_archive = "- Lưu: VT.",
    signer_title = "GIÁM ĐỐC",
    signer_name = "[Họ và tên]",
    appendix = "Phụ lục %s",
    appendix_of = "(Kèm theo Báo cáo số …/BC-%s ngày … tháng … năm %d của %s)",
    appendix_targets = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU ĐẾN NGÀY %s",
    appendix_compliance = "TÌNH HÌNH GỬI BÁO CÁO KỲ NĂM %d",
    col = { no = "TT", target = "Chỉ tiêu", window = "Giai đoạn", required = "Yêu cầu",
      actual = "Thực hiện", change = "Thay đổi trong năm", projected = "Dự báo cuối kỳ",
      status = "Tình trạng", task = "Nhiệm vụ", when = "Thời gian", lead = "Đơn vị chủ trì",
      unit = "Đơn vị", duty = "Báo cáo", period = "Kỳ", deadline = "Hạn gửi",
      received = "Ngày nhận", document = "Văn bản", state = "Tình trạng" },
    state = { on_time = "đúng hạn", late = "muộn", missing = "chưa gửi, đã quá hạn",
      not_due = "chưa đến hạn" },
    stage = { not_started = "chưa đến thời hạn", in_progress = "đang thực hiện",
      ended = "đã hết thời hạn" },
    target_status = { achieved = "đã đạt", missed = "không đạt", on_track = "đúng tiến độ",
      at_risk = "có nguy cơ", off_track = "chậm tiến độ", no_data = "chưa có số liệu" },
    annual = "hằng năm",
  },
  en = {
    national_title = "SOCIALIST REPUBLIC OF VIETNAM",
    motto = "Independence - Freedom - Happiness",
    number = "No. …/BC-%s",
    place_date = "%s, %d %s %d",
    kind = "REPORT",
    subject = "Implementation of Plan No. %s of %s by %s in %d",
    intro = "In implementation of Plan No. %s of %s by %s on %s, and on the basis of the reports of the agencies and units, %s reports on the results of %d as follows:",
    as_of = "Figures as of %s.",
    illustrative = "Note: this report contains illustrative data, not real data (%d indicator values, %d unit reports).",
    s1 = "I. RESULTS",
    s1_targets = "1. Targets",
    targets_summary = "The plan has %d targets: %s (details in Appendix I).",
    no_targets = "The plan has no targets yet.",
    s1_tasks = "2. Tasks by lead unit",
    tasks_summary = "In %d, %d tasks are in progress, %d have reached the end of their timeframe and %d have not started.",
    s1_compliance = "3. Reports from the agencies and units",
    compliance_summary = "Reporting period %d: %d reports due to %s; %d on time, %d late, %d not sent (overdue), %d not yet due (details in Appendix II).",
    no_compliance = "Reporting period %d: no report is due to %s.",
    on_time_list = "Reported on time:",
    late_list = "Reported late:",
    missing_list = "Not reported (overdue):",
    not_due_list = "Not yet due:",
    cited = "%s (%s)",
    doc_ref = "letter No. %s of %s",
    doc_ref_no_date = "letter No. %s",
    received_on = "received %s",
    deadline_on = "due %s",
    s1_funding = "4. Funding",
    funding_line = "%s: %s.",
    no_amount = "no figures yet",
    funding = { state_budget = "State budget", enterprise = "Enterprises' own funds",
      other = "Other lawful sources" },
    funding_write = "[State the funds allocated and disbursed in the year, by source.]",
    s2 = "II. SHORTCOMINGS AND CAUSES",
    s2_issues = "1. Shortcomings",
    issue_target = "Target “%s” (%s): actual %s, required %s, %s.",
    issue_overdue = "%s has not sent its report for %s (due %s, %d days overdue).",
    issue_task = "Task %d “%s” (%s, timeframe %s) has reached the end of its timeframe.",
    no_issues = "No target is behind, no report is overdue and no task is past its timeframe.",
    issues_write = "[Add other shortcomings.]",
    s2_causes = "2. Causes",
    causes_write = "[State the objective and subjective causes of each shortcoming above.]",
    s3 = "III. DIRECTIONS FOR THE NEXT PERIOD",
    s3_write = "[State the main directions and tasks for %d.]",
    s4 = "IV. RECOMMENDATIONS",
    s4_write = "[State the recommendations to %s.]",
    closing = "This is the report on the implementation of Plan No. %s in %d by %s./.",
    recipients = "Recipients:",
    recipient_up = "- %s (for report);",
    recipient_units = "- The reporting agencies and units (for information);",
    recipient_archive = "- Archive: VT.",
    signer_title = "DIRECTOR",
    signer_name = "[Full name]",
    appendix = "Appendix %s",
    appendix_of = "(To Report No. …/BC-%s of … %d by %s)",
    appendix_targets = "TARGETS AS OF %s",
    appendix_compliance = "REPORTS FOR THE PERIOD %d",
    col = { no = "No.", target = "Target", window = "Window", required = "Required",
      actual = "Actual", change = "Change in the year", projected = "Projected",
      status = "Status", task = "Task", when = "Timeframe", lead = "Lead unit",
      unit = "Unit", duty = "Report", period = "Period", deadline = "Due",
      received = "Received", document = "Document", state = "State" },
    state = { on_time = "on time", late = "late", missing = "not sent, overdue",
      not_due = "not yet due" },
    stage = { not_started = "not started", in_progress = "in progress", ended = "timeframe ended" },
    target_status = { achieved = "achieved", missed = "missed", on_track = "on track",
      at_risk = "at risk", off_track = "off track", no_data = "no data" },
    annual = "every year",
    months = { "January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December" },
  },
}

function W.words(lang)
  return words[lang] or words.vi
end

-- Digits of an integer string grouped by threes with sep.
local function group(digits, sep)
  local out = digits:reverse():gsub("(%d%d%d)", "%1" .. sep):reverse()
  return (out:gsub("^%" .. sep, ""))
end

-- A number rounded to two decimals, trailing zeros dropped, " %" after a
-- percentage: "6,2 %", "1.234,5" (vi) or "6.2 %", "1,234.5" (en).
function W.number(v, measure, lang)
  if v == nil then return "—" end
  local s = string.format("%.2f", v):gsub("0+$", ""):gsub("%.$", "")
  if s == "-0" then s = "0" end
  local sign, int, frac = s:match("^(-?)(%d+)%.?(%d*)$")
  local dec, thousands = ",", "."
  if lang == "en" then dec, thousands = ".", "," end
  local out = sign .. group(int, thousands) .. (frac ~= "" and dec .. frac or "")
  if measure and measure:find("%", 1, true) then out = out .. " %" end
  return out
end

-- A change with its sign ("+0,4 %", "−2"), or "—".
function W.change(v, measure, lang)
  if v == nil then return "—" end
  local s = W.number(math.abs(v), measure, lang)
  if math.abs(v) < 0.005 then return s end
  return (v > 0 and "+" or "−") .. s
end

-- What a target requires: "≥ 6,2 %", "1–3".
local OPS = { [">="] = "≥", ["<="] = "≤", [">"] = ">", ["<"] = "<", ["="] = "=", ["~"] = "≈" }
function W.required(t, lang)
  if t.op == "between" then
    return W.number(t.required, nil, lang) .. "–" .. W.number(t.required_high, t.measure, lang)
  end
  local s = (OPS[t.op] or t.op) .. " " .. W.number(t.required, t.measure, lang)
  if t.op == "~" and t.tolerance then s = s .. " (± " .. W.number(t.tolerance, t.measure, lang) .. ")" end
  return s
end

-- A date YYYY-MM-DD (or a longer timestamp): "11/05/2021" or "11 May 2021".
function W.date(d, lang)
  if not d then return "—" end
  local y, m, day = d:match("^(%d%d%d%d)-(%d%d)-(%d%d)")
  if not y then return d end
  if lang == "en" then
    return string.format("%d %s %s", tonumber(day), words.en.months[tonumber(m)], y)
  end
  return day .. "/" .. m .. "/" .. y
end

-- "Yên Bái, ngày 20 tháng 12 năm 2026" or "Yên Bái, 20 December 2026".
function W.place_date(place, d, lang)
  local y, m, day = d:match("^(%d%d%d%d)-(%d%d)-(%d%d)")
  local L = W.words(lang)
  if lang == "en" then
    return string.format(L.place_date, place, tonumber(day), words.en.months[tonumber(m)], tonumber(y))
  end
  return string.format(L.place_date, place, tonumber(day), tonumber(m), tonumber(y))
end

return W
