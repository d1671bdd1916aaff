-- Sở Khoa học và Công nghệ: appendix tasks 1-6 ("Đơn vị chủ trì: Sở KH&CN",
-- "Đơn vị phối hợp: Các đơn vị liên quan") and the department's own reports.
unit "SKHCN"

---------------------------------------------------------------------------
-- Tasks (Phụ lục, Stt 1-6)
---------------------------------------------------------------------------

-- Phụ lục, Stt 1 — "Năm 2021". Group 1: publicising the plan is the
-- information and communication work of II.1.
task {
  no = 1,
  title = "Tuyên truyền, giới thiệu nội dung của Kế hoạch và các văn bản liên quan",
  title_en = "Publicise and explain the Plan and the related documents",
  when = "2021",
  lead = "SKHCN",
  support = "*",
  group = 1,
}

-- Phụ lục, Stt 2 — "Năm 2021-2030". Group 3: it repeats the research items of
-- II.3 (factors affecting productivity, assessing digital-transformation
-- management, applying new systems and tools on digital platforms).
task {
  no = 2,
  title = "Nghiên cứu các yếu tố tác động nâng cao năng suất; đánh giá năng lực quản lý chuyển đổi số; áp dụng các hệ thống quản lý, công cụ cải tiến năng suất mới, dựa trên nền tảng số và đổi mới sáng tạo cho các tổ chức, doanh nghiệp trên địa bàn tỉnh",
  title_en = "Study the factors that raise productivity; assess digital-transformation management capacity; apply new management systems and productivity tools based on digital platforms and innovation in organisations and enterprises of the province",
  when = "2021/2030",
  lead = "SKHCN",
  support = "*",
  group = 3,
}

-- Phụ lục, Stt 3 — "Hàng năm". Group 3: the training item of II.3, almost
-- word for word.
task {
  no = 3,
  title = "Tổ chức các chương trình, khóa đào tạo về các giải pháp nâng cao năng suất, sản xuất thông minh, kỹ năng đổi mới sáng tạo cho các cán bộ của các sở, ngành và doanh nghiệp; các khóa đào tạo nâng cao năng lực cán bộ làm công tác quản lý năng suất, chất lượng của doanh nghiệp.",
  title_en = "Run training programmes and courses on productivity solutions, smart manufacturing and innovation skills for staff of departments, agencies and enterprises, and courses for enterprises' productivity and quality managers",
  when = "annual",
  lead = "SKHCN",
  support = "*",
  group = 3,
}

-- Phụ lục, Stt 4 — "Từ năm 2021". Group 2: building support policies is II.2.
task {
  no = 4,
  title = "Xây dựng cơ chế chính sách hỗ trợ doanh nghiệp nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo",
  title_en = "Design policies to help enterprises raise productivity based on science, technology and innovation",
  when = "from 2021",
  lead = "SKHCN",
  support = "*",
  group = 2,
}

-- Phụ lục, Stt 5 — "Hàng năm". Group 4: supporting pilot enterprises is the
-- application of productivity tools in enterprises (II.4); it feeds the
-- DN_DU_AN_DIEM targets of I.2 (15 by 2025, 35 by 2030).
task {
  no = 5,
  title = "Lựa chọn, hỗ trợ một số doanh nghiệp thí điểm xây dựng kế hoạch nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo",
  title_en = "Select and support pilot enterprises to draw up plans to raise productivity based on science, technology and innovation",
  when = "annual",
  lead = "SKHCN",
  support = "*",
  group = 4,
}

-- Phụ lục, Stt 6 — "Hàng năm". Group 4: the first item of II.4, word for word.
task {
  no = 6,
  title = "Hỗ trợ các tổ chức, doanh nghiệp triển khai, áp dụng hệ thống quản lý theo tiêu chuẩn ISO 56000 về quản lý đổi mới sáng tạo, các mô hình, công cụ cải tiến năng suất trong lĩnh vực chuyên ngành",
  title_en = "Help organisations and enterprises adopt ISO 56000 innovation management systems and sector-specific productivity models and tools",
  when = "annual",
  lead = "SKHCN",
  support = "*",
  group = 4,
}

---------------------------------------------------------------------------
-- Duties
---------------------------------------------------------------------------

-- IV.1 "Định kỳ báo cáo kết quả thực hiện kế hoạch theo quy định." The text
-- fixes neither the frequency nor the deadline ("theo quy định"): yearly, on the
-- Decree 09/2019 annual cut-off (14 Dec) and five working days after it (three
-- after the units' reports of BC_DONVI_KH114 are due) are assumptions to confirm
-- with UBND_YB. Overdue reports go to the department's leadership.
duty {
  code = "BC_KH114",
  title = "Báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện Kế hoạch 114/KH-UBND năm {year}",
  title_en = "Report to the Provincial People's Committee on the implementation of Plan 114/KH-UBND, {year}",
  to = "UBND_YB",
  every = "year",
  cutoff = "nd09",
  due = { workdays_after_cutoff = 5 },
  remind = { -7, -1, 0, 3, 7 },
  escalate = { after = 7, to = "SKHCN_LD" },
  note = "IV.1: \"Định kỳ báo cáo kết quả thực hiện kế hoạch theo quy định.\" Kỳ báo cáo và hạn nộp là giả định, cần xác nhận.",
}

-- III.2 "Hằng năm, căn cứ vào nội dung kế hoạch được phê duyệt, Sở Khoa học và
-- Công nghệ có trách nhiệm tổng hợp, lập dự toán nguồn ngân sách sự nghiệp khoa
-- học gửi Sở Tài chính thẩm định, trình Ủy ban nhân dân tỉnh theo quy định."
-- The text fixes no date. 15 July of {year} (the estimate for the budget of the
-- following year, in step with the usual mid-year budget preparation) is an
-- assumption to confirm with STC.
duty {
  code = "DT_NS_KHCN",
  title = "Dự toán ngân sách sự nghiệp khoa học thực hiện Kế hoạch 114/KH-UBND (lập năm {year})",
  title_en = "Science budget estimate for Plan 114/KH-UBND (prepared in {year})",
  to = "STC",
  every = "year",
  cutoff = "calendar",
  due = { day = "07-15" },
  remind = { -7, -1, 0, 3, 7 },
  escalate = { after = 7, to = "SKHCN_LD" },
  note = "III.2: \"Hằng năm ... lập dự toán nguồn ngân sách sự nghiệp khoa học gửi Sở Tài chính thẩm định\". Hạn 15/7 là giả định, cần Sở Tài chính xác nhận.",
}
