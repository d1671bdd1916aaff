-- Sở Thông tin và Truyền thông ("Sở Thông tin & Truyền thông" in the appendix):
-- appendix task 8 and its two counts of enterprises.
unit "STTTT"

-- Phụ lục, Stt 8 — "Năm 2021-2030", "Đơn vị phối hợp: Các đơn vị liên quan".
-- Group 4: three of its four items are about enterprises' digital
-- transformation (II.4, "Hỗ trợ doanh nghiệp ứng dụng công nghệ thông tin, công
-- nghệ số"); the training item also touches II.3.
task {
  no = 8,
  title = "Chuyển đổi số: đô thị thông minh, chính quyền số, đào tạo kỹ năng số và hỗ trợ doanh nghiệp chuyển đổi số",
  title_en = "Digital transformation: smart city, digital government, digital-skills training and support to enterprises",
  items = {
    "Ban hành các kế hoạch, chương trình đưa vào sử dụng có hiệu quả các dự án của Đề án xây dựng mô hình đô thị thông minh giai đoạn 2019-2021 định hướng đến năm 2025 và xây dựng chính quyền điện tử tỉnh Yên Bái; triển khai chuyển đổi từ giao thức IPv4 sang IPv6 theo lộ trình quốc gia... tiến tới chính quyền số.",
    "Triển khai chương trình đào tạo, đào tạo lại kỹ năng lãnh đạo, quản lý chuyển đổi số cho người đứng đầu các cơ quan, tổ chức, giám đốc điều hành các doanh nghiệp. Đào tạo, đào tạo lại nâng cao kỹ năng số cho người lao động tại các doanh nghiệp.",
    "Thúc đẩy chuyển đổi số tại các doanh nghiệp xây dựng và triển khai các hoạt động hỗ trợ các doanh nghiệp vừa và nhỏ, doanh nghiệp ngành nghề truyền thống, doanh nghiệp sản xuất chuyển đổi sang sản xuất sản phẩm, cung cấp dịch vụ trên nền tảng số.",
    "Xây dựng thúc đẩy từ 1-3 doanh nghiệp công nghệ số điển hình. Hỗ trợ từ 5-10 doanh nghiệp ứng dụng công nghệ số, đổi mới sáng tạo và sản xuất, kinh doanh.",
  },
  when = "2021/2030",
  lead = "STTTT",
  support = "*",
  group = 4,
}

-- "Xây dựng thúc đẩy từ 1-3 doanh nghiệp công nghệ số điển hình." (Stt 8)
-- Counted in the year an enterprise is first supported; the target reads the
-- sum 2021-2030. The task runs to 2030, hence by = 2030.
indicator {
  code = "DN_CONG_NGHE_SO",
  name = "Số doanh nghiệp công nghệ số điển hình được xây dựng, thúc đẩy",
  name_en = "Model digital-technology enterprises developed",
  measure = "doanh nghiệp",
  period = "year",
  rule = "sum",
  goal = "G_CHUNG_2",
}

-- "Hỗ trợ từ 5-10 doanh nghiệp ứng dụng công nghệ số, đổi mới sáng tạo và sản
-- xuất, kinh doanh." (Stt 8)
indicator {
  code = "DN_UNG_DUNG_CNS",
  name = "Số doanh nghiệp được hỗ trợ ứng dụng công nghệ số, đổi mới sáng tạo",
  name_en = "Enterprises supported to adopt digital technology and innovation",
  measure = "doanh nghiệp",
  period = "year",
  rule = "sum",
  goal = "G_CHUNG_2",
}

-- "từ 1-3" is read as a range; a count above 3 shows as outside the target.
target {
  indicator = "DN_CONG_NGHE_SO",
  by = 2030,
  op = "between",
  value = { 1, 3 },
  goal = "G_CHUNG_2",
  note = "Phụ lục, Stt 8: \"Xây dựng thúc đẩy từ 1-3 doanh nghiệp công nghệ số điển hình.\"",
}

target {
  indicator = "DN_UNG_DUNG_CNS",
  by = 2030,
  op = "between",
  value = { 5, 10 },
  goal = "G_CHUNG_2",
  note = "Phụ lục, Stt 8: \"Hỗ trợ từ 5-10 doanh nghiệp ứng dụng công nghệ số, đổi mới sáng tạo và sản xuất, kinh doanh.\"",
}

validate("DN_CONG_NGHE_SO", function(v)
  if v.value >= 0 and v.value % 1 == 0 then return true end
  return false, "số doanh nghiệp phải là số nguyên không âm"
end)

validate("DN_UNG_DUNG_CNS", function(v)
  if v.value >= 0 and v.value % 1 == 0 then return true end
  return false, "số doanh nghiệp phải là số nguyên không âm"
end)
