-- The words of `planwatch status` and `planwatch duties` that the report
-- does not have: the header line and the tables' column headings (the
-- column codes stay in CSV and JSON). Part of the catalogue (words.lua).
return {
  vi = {
    plan = "Kế hoạch", today = "Ngày xem",
    more = "… và %d báo cáo quá hạn khác (planwatch duties --state overdue).",
    col = { indicator = "Mã", name = "Chỉ tiêu", window = "Giai đoạn", required = "Yêu cầu",
      actual = "Thực hiện", projected = "Dự báo", status = "Tình trạng", missing = "Thiếu số liệu",
      lead = "Mã ĐV", lead_name = "Đơn vị chủ trì", no = "TT", title = "Nội dung",
      when = "Thời gian", code = "Mã", from = "Đơn vị báo cáo", to = "Gửi", every = "Kỳ",
      due = "Hạn", unit = "Đơn vị", duty = "Chế độ báo cáo", period = "Kỳ",
      expected = "Phải nộp", actual_n = "Đã nộp", on_time = "Đúng hạn",
      actual_rate = "Tỷ lệ nộp", on_time_rate = "Tỷ lệ đúng hạn", unit_name = "Tên đơn vị",
      deadline = "Hạn nộp", days_overdue = "Số ngày quá hạn", state = "Trạng thái",
      days_left = "Còn (ngày)", received_at = "Ngày nhận" },
    state = { upcoming = "chưa đến kỳ", due_soon = "sắp đến hạn", due_today = "đến hạn hôm nay",
      overdue = "quá hạn", received = "đã nhận", received_late = "nhận muộn" },
  },
  en = {
    plan = "Plan", today = "As of",
    more = "… and %d more overdue reports (planwatch duties --state overdue).",
    col = { indicator = "Code", name = "Target", window = "Window", required = "Required",
      actual = "Actual", projected = "Projected", status = "Status", missing = "Missing data",
      lead = "Lead", lead_name = "Lead unit", no = "No.", title = "Task",
      when = "Timeframe", code = "Code", from = "Reported by", to = "To", every = "Frequency",
      due = "Deadline", unit = "Unit", duty = "Reporting duty", period = "Period",
      expected = "Expected", actual_n = "Received", on_time = "On time",
      actual_rate = "Reporting rate", on_time_rate = "On-time rate", unit_name = "Unit name",
      deadline = "Deadline", days_overdue = "Days overdue", state = "State",
      days_left = "Days left", received_at = "Received" },
    state = { upcoming = "upcoming", due_soon = "due soon", due_today = "due today",
      overdue = "overdue", received = "received", received_late = "received late" },
  },
}
