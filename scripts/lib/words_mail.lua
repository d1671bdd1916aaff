-- What reminder, escalation and confirmation messages say: every text a
-- recipient reads (the C core builds the message around it). A plan's
-- `wording` declaration may replace the texts wording.lua lists. Part of
-- the catalogue (words.lua).
return {
  vi = {
    subject_reminder = "Nhắc báo cáo: %d báo cáo cần gửi",
    subject_one = "Nhắc báo cáo: %s (kỳ %s), hạn %s",
    subject_escalate = "Báo cáo quá hạn: %d báo cáo chưa nhận được",
    subject_confirm = "Đã nhận báo cáo: %s (kỳ %s)",
    greeting = "Kính gửi %s,",
    intro_reminder = "Hệ thống theo dõi kế hoạch xin nhắc các báo cáo sau:",
    intro_escalate = "Các báo cáo sau đã quá hạn và chưa nhận được:",
    intro_confirm = "Đã ghi nhận báo cáo sau:",
    line = "%s — kỳ %s — gửi %s — hạn %s: %s",
    state = { due_soon = "còn %d ngày", due_today = "đến hạn hôm nay",
              overdue = "quá hạn %d ngày", received = "đã nhận ngày %s",
              received_late = "đã nhận ngày %s" },
    from_unit = "đơn vị %s",
    closing = "Thư này được gửi tự động; xin đừng trả lời thư này.",
  },
  en = {
    subject_reminder = "Report reminder: %d reports to send",
    subject_one = "Report reminder: %s (period %s), due %s",
    subject_escalate = "Overdue reports: %d reports not received",
    subject_confirm = "Report received: %s (period %s)",
    greeting = "Dear %s,",
    intro_reminder = "This is a reminder of the following reports:",
    intro_escalate = "The following reports are overdue and have not been received:",
    intro_confirm = "The following report has been recorded:",
    line = "%s — period %s — to %s — due %s: %s",
    state = { due_soon = "%d days left", due_today = "due today",
              overdue = "%d days overdue", received = "received on %s",
              received_late = "received on %s" },
    from_unit = "unit %s",
    closing = "This message was sent automatically; please do not reply.",
  },
}
