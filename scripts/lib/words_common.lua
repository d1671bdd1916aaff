-- Words several commands share: how a duty's deadline reads. Part of the
-- catalogue (words.lua).
return {
  vi = {
    due = { day = "ngày %s hằng năm", after_end = "%d ngày sau khi hết kỳ",
      roll = " (trùng ngày nghỉ thì chuyển sang ngày làm việc tiếp theo)",
      noroll = " (không lùi khi trùng ngày nghỉ)" },
  },
  en = {
    due = { day = "on %s each year", after_end = "%d days after the period ends",
      roll = " (a day off moves it to the next working day)", noroll = " (stays on a day off)" },
  },
}
