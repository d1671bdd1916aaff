-- Sở Kế hoạch và Đầu tư: appendix task 9 and its count of SME groups.
unit "SKHDT"

-- Phụ lục, Stt 9 — "Năm 2021-2030", "Đơn vị phối hợp: Các đơn vị liên quan".
-- The first item reads "... trên địa bàn tỉnh giai đoạn 2021-2015." in the
-- text; a period cannot end before it starts, so "2021-2025" is meant.
-- Group 4: two of its three items support small and medium-sized enterprises
-- (II.4 names the "Đề án hỗ trợ doanh nghiệp nhỏ và vừa khởi nghiệp sáng tạo");
-- the first item, an investment-incentive resolution, also touches II.2.
task {
  no = 9,
  title = "Chính sách ưu đãi, hỗ trợ đầu tư và hỗ trợ doanh nghiệp nhỏ và vừa",
  title_en = "Investment incentives and support to small and medium-sized enterprises",
  items = {
    "Tham mưu Hội đồng nhân dân tỉnh ban hành Nghị Quyết quy định một số chính sách ưu đãi, hỗ trợ đầu tư trên địa bàn tỉnh giai đoạn 2021-2025.",
    "Hỗ trợ 03 nhóm doanh nghiệp nhỏ và vừa trọng tâm: doanh nghiệp nhỏ và vừa chuyển đổi từ hộ kinh doanh; doanh nghiệp nhỏ và vừa khởi nghiệp sáng tạo; doanh nghiệp nhỏ và vừa tham gia cụm liên kết ngành, chuỗi giá trị trong lĩnh vực sản xuất, chế biến nông, lâm, thủy sản.",
    "Hỗ trợ DN nhỏ và vừa khởi nghiệp sáng tạo trên địa bàn tỉnh. Tập trung hỗ trợ đổi mới công nghệ; phát triển nguồn lực; khai thác và phát triển tài sản trí tuệ...",
  },
  when = "2021/2030",
  lead = "SKHDT",
  support = "*",
  group = 4,
}

-- "Hỗ trợ 03 nhóm doanh nghiệp nhỏ và vừa trọng tâm" (Stt 9). The value is the
-- running count (0-3) of the three focus groups that have received support
-- since 2021, so the target reads the last value, not a sum.
indicator {
  code = "NHOM_DNNVV_HO_TRO",
  name = "Số nhóm doanh nghiệp nhỏ và vừa trọng tâm đã được hỗ trợ (lũy kế)",
  name_en = "Focus groups of small and medium-sized enterprises supported (cumulative)",
  measure = "nhóm",
  period = "year",
  rule = "last",
  goal = "G_CHUNG_2",
}

target {
  indicator = "NHOM_DNNVV_HO_TRO",
  by = 2030,
  op = ">=",
  value = 3,
  goal = "G_CHUNG_2",
  note = "Phụ lục, Stt 9: \"Hỗ trợ 03 nhóm doanh nghiệp nhỏ và vừa trọng tâm\"",
}

validate("NHOM_DNNVV_HO_TRO", function(v)
  if v.value >= 0 and v.value <= 3 and v.value % 1 == 0 then return true end
  return false, "số nhóm phải là số nguyên từ 0 đến 3"
end)
