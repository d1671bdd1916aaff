-- Sở Giao thông vận tải: appendix task 10 and its pilot enterprise.
unit "SGTVT"

-- Phụ lục, Stt 10 — "Năm 2021-2030", "Đơn vị phối hợp: Các đơn vị liên quan".
-- Group 4: its measurable result is a construction enterprise applying
-- productivity improvement (II.4); the dissemination item also touches II.1.
task {
  no = 10,
  title = "Phổ biến công nghệ mới và thí điểm nâng cao năng suất trong doanh nghiệp giao thông vận tải, thi công xây lắp",
  title_en = "Disseminate new technology and pilot productivity improvement in transport and construction enterprises",
  items = {
    "Tuyên truyền phổ biến các công nghệ mới, ứng dụng mới, triển khai áp dụng các thành tựu của khoa học đến các doanh nghiệp hoạt động trong lĩnh vực giao thông vận tải, đặc biệt các doanh nghiệp thi công xây lắp.",
    "Triển khai thí điểm 01 doanh nghiệp thi công xây lắp nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo",
  },
  when = "2021/2030",
  lead = "SGTVT",
  support = "*",
  group = 4,
}

-- "Triển khai thí điểm 01 doanh nghiệp thi công xây lắp ..." (Stt 10), counted
-- in the year the pilot starts.
indicator {
  code = "DN_XAY_LAP_THI_DIEM",
  name = "Số doanh nghiệp thi công xây lắp triển khai thí điểm nâng cao năng suất",
  name_en = "Construction enterprises piloting productivity improvement",
  measure = "doanh nghiệp",
  period = "year",
  rule = "sum",
  goal = "G_CHUNG_2",
}

target {
  indicator = "DN_XAY_LAP_THI_DIEM",
  by = 2030,
  op = ">=",
  value = 1,
  goal = "G_CHUNG_2",
  note = "Phụ lục, Stt 10: \"Triển khai thí điểm 01 doanh nghiệp thi công xây lắp nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo\"",
}

validate("DN_XAY_LAP_THI_DIEM", function(v)
  if v.value >= 0 and v.value % 1 == 0 then return true end
  return false, "số doanh nghiệp phải là số nguyên không âm"
end)
