-- Sở Công Thương: appendix task 7.
unit "SCT"

-- Phụ lục, Stt 7 — "Năm 2021-2030", "Đơn vị phối hợp: Các đơn vị liên quan".
-- Both bullets begin with the defective "ng dụng" (the leading "Ứ" was lost):
--   "- ng dụng công nghệ số, tự động hóa; đầu tư đổi mới, ..."
--   "- ng dụng thương mại điện tử trong việc quảng bá và tiêu thụ sản phẩm."
-- Group 4: digital technology and automation in production and e-commerce are
-- the "ứng dụng công nghệ thông tin, công nghệ số" item of II.4.
task {
  no = 7,
  title = "Ứng dụng công nghệ số, tự động hóa, thương mại điện tử; đổi mới máy móc thiết bị sản xuất",
  title_en = "Apply digital technology, automation and e-commerce; renew production machinery",
  items = {
    "Ứng dụng công nghệ số, tự động hóa; đầu tư đổi mới, cải tạo máy móc thiết bị sản xuất nhằm nâng cao sản lượng, chất lượng sản phẩm gắn liền với bảo vệ môi trường.",
    "Ứng dụng thương mại điện tử trong việc quảng bá và tiêu thụ sản phẩm.",
  },
  when = "2021/2030",
  lead = "SCT",
  support = "*",
  group = 4,
}
