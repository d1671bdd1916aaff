-- Sở Lao động - Thương binh và Xã hội ("Sở Lao động- Thương binh và Xã hội" in
-- the appendix): appendix task 11.
unit "SLDTBXH"

-- Phụ lục, Stt 11 — "Năm 2021-2030", "Đơn vị phối hợp: Các đơn vị liên quan".
-- Group 3: training on productivity (II.3); it serves goal G_2030_3 (vocational
-- education institutions linked with enterprises).
task {
  no = 11,
  title = "Đào tạo, bồi dưỡng về năng suất và phát triển nguồn nhân lực tại các cơ sở giáo dục nghề nghiệp",
  title_en = "Productivity training and workforce development at vocational education institutions",
  items = {
    "Tuyên truyền triển khai các chương trình đào tạo, bồi dưỡng về năng suất, chương trình hướng nghiệp tại các cơ sở giáo dục nghề nghiệp.",
    "Triển khai các hoạt động đào tạo nguồn nhân lực tại các cơ sở giáo dục nghề nghiệp trên cơ sở gắn kết chặt chẽ với nhu cầu sử dụng lao động của các doanh nghiệp trên địa bàn tỉnh.",
  },
  when = "2021/2030",
  lead = "SLDTBXH",
  support = "*",
  group = 3,
}
