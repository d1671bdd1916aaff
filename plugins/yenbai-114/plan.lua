-- Plan 114/KH-UBND of the Yên Bái Provincial People's Committee (11 May 2021).
-- Source text: shared/seeds/ke-hoach-114-KH-UBND-yen-bai-2021.txt.
-- Section references in comments (I.1, II.3, IV.6, "Phụ lục, Stt 8", "Nơi nhận")
-- point at that text; quoted wording is the text's own. Where the text has a
-- scraping or typing defect, the corrected form is used and the original is
-- quoted in a comment ("defect: ...").

plan {
  id = "yenbai-114",
  number = "114/KH-UBND",
  issued = "2021-05-11",        -- "Yên Bái, ngày 11 tháng 5 năm 2021"
  issuer = "UBND_YB",
  basis = "36/QĐ-TTg",          -- "Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ"
  span = "2021/2030",
  title = "Kế hoạch nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo giai đoạn 2021-2030 trên địa bàn tỉnh Yên Bái",
  title_en = "Plan to raise productivity based on science, technology and innovation, 2021-2030, in Yên Bái province",
  place = "Yên Bái",
  signer = "Nguyễn Thế Phước",  -- "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
  timezone = "Asia/Ho_Chi_Minh",
}

-- The units below are those of the text (2021); the section "The plan's world
-- since 2025" after them declares how they changed in 2025 and the units that
-- took over their work.

---------------------------------------------------------------------------
-- Units
---------------------------------------------------------------------------

-- Wording shared by several units (quoted once, used in their roles).

-- IV.2, addressed to "Các sở: Công Thương, Nông nghiệp và Phát triển nông thôn,
-- Xây dựng, Giao thông vận tải, Văn hóa, Thể thao và Du lịch, Thông tin và
-- Truyền thông, Y tế, Giáo dục và Đào tạo, Lao động - Thương binh và Xã hội"
local ROLE_IV2_A = "Phối hợp với Sở Khoa học và Công nghệ và các sở quản lý chuyên ngành, xây dựng các chương trình truyền thông, phổ biến kiến thức về năng suất chất lượng tới cộng đồng và doanh nghiệp."
local ROLE_IV2_B = "Tham mưu, đề xuất với Ủy ban nhân dân tỉnh triển khai các nội dung của kế hoạch lồng ghép với các chương trình thuộc thẩm quyền quản lý, phù hợp định hướng nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo."

-- IV.5, "Các sở, ngành, cơ quan, đơn vị liên quan" (given to every department
-- below other than SKHCN, with which they coordinate)
local ROLE_IV5_A = "Phối hợp với sở Khoa học và Công nghệ triển khai các hoạt động thông tin tuyên truyền, quảng bá, tạo sự chuyển biến nhận thức sâu rộng về năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo, lồng ghép với các chương trình khoa học và công nghệ, chương trình phát triển kinh tế - xã hội khác thuộc thẩm quyền quản lý."
local ROLE_IV5_B = "Phối hợp triển khai thực hiện các nội dung và nhiệm vụ của kế hoạch."

-- IV.6, "Ban Quản lý các khu công nghiệp tỉnh, Liên minh Hợp tác tỉnh [sic],
-- Hiệp hội doanh nghiệp tỉnh"
local ROLE_IV6_A = "Phối hợp triển khai thực hiện nội dung nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo trong các hợp tác xã, làng nghề, các doanh nghiệp nhỏ và vừa."
local ROLE_IV6_B = "Cung cấp thông tin về nhu cầu đào tạo, hỗ trợ của tổ chức, doanh nghiệp cho Sở Khoa học và Công nghệ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét có kế hoạch hỗ trợ."

-- IV.7, "Ủy ban nhân dân các huyện, thị xã, thành phố", and the closing
-- paragraph. The text names the districts only collectively, so the nine
-- district units carry no aliases.
local ROLE_IV7_A = "Chỉ đạo đơn vị chức năng xây dựng, triển khai thực hiện kế hoạch nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo, lồng ghép với các chương trình phát triển kinh tế - xã hội khác trên địa bàn quản lý."
local ROLE_IV7_B = "Bố trí kinh phí, huy động các nguồn vốn hợp pháp để thực hiện Kế hoạch nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo theo quy định của pháp luật về ngân sách nhà nước và các quy định pháp luật liên quan."
-- defect: "Chủ tịch Ủy ban nhân dân các huyện, thị , thành phố" ("thị xã" lost its "xã")
local ROLE_CLOSING = "Yêu cầu Thủ trưởng các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố; các cơ quan, đơn vị liên quan nghiêm túc triển khai thực hiện."

-- III.2, the annual budget estimate (SKHCN prepares it, STC appraises it)
local ROLE_III2 = "Hằng năm, căn cứ vào nội dung kế hoạch được phê duyệt, Sở Khoa học và Công nghệ có trách nhiệm tổng hợp, lập dự toán nguồn ngân sách sự nghiệp khoa học gửi Sở Tài chính thẩm định, trình Ủy ban nhân dân tỉnh theo quy định."

-- Province

unit {
  code = "UBND_YB",
  name = "Ủy ban nhân dân tỉnh Yên Bái",
  name_en = "Yên Bái Provincial People's Committee",
  kind = "province",
  -- header "ỦY BAN NHÂN DÂN / TỈNH YÊN BÁI"; body "Ủy ban nhân dân tỉnh";
  -- Nơi nhận "Chủ tịch, PCT TT UBND tỉnh", "Phó CVP (TNMT) UBND tỉnh"
  aliases = { "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI", "Ủy ban nhân dân tỉnh", "UBND tỉnh" },
  email = "vanthu@ubnd.example.org",
  roles = {
    -- opening paragraph
    "Ủy ban nhân dân tỉnh Yên Bái ban hành kế hoạch nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo, giai đoạn 2021 - 2030 trên địa bàn tỉnh",
    -- IV.6
    "báo cáo Ủy ban nhân dân tỉnh xem xét có kế hoạch hỗ trợ",
    -- closing paragraph
    "báo cáo Ủy ban nhân dân tỉnh xem xét, điều chỉnh, bổ sung cho phù hợp",
  },
}

unit {
  code = "HDND_YB",
  name = "Hội đồng nhân dân tỉnh Yên Bái",
  name_en = "Yên Bái Provincial People's Council",
  kind = "council",
  aliases = { "Hội đồng nhân dân tỉnh" },  -- Phụ lục, Stt 9
  email = "vanthu@hdnd.example.org",
  roles = {
    -- Phụ lục, Stt 9 (defect: "giai đoạn 2021-2015")
    "ban hành Nghị Quyết quy định một số chính sách ưu đãi, hỗ trợ đầu tư trên địa bàn tỉnh giai đoạn 2021-2025",
  },
}

-- Nơi nhận "Phó CVP (TNMT) UBND tỉnh": the deputy chief of the Office of the
-- Provincial People's Committee receives the plan.
unit {
  code = "VP_UBND_YB",
  name = "Văn phòng Ủy ban nhân dân tỉnh",
  name_en = "Office of the Provincial People's Committee",
  kind = "recipient",
  parent = "UBND_YB",
  email = "vanthu@vpubnd.example.org",
}

-- Departments

unit {
  code = "SKHCN",
  name = "Sở Khoa học và Công nghệ",
  name_en = "Department of Science and Technology",
  kind = "department",
  -- Phụ lục "Sở KH&CN"; IV.5 "sở Khoa học và Công nghệ"; IV.3 "Sở khoa học và Công nghệ"
  aliases = { "Sở KH&CN", "sở Khoa học và Công nghệ", "Sở khoa học và Công nghệ" },
  email = "vanthu@skhcn.example.org",
  roles = {
    -- IV.1, first bullet
    "Là cơ quan thường trực giúp Ủy ban nhân dân tỉnh quản lý nhà nước về hoạt động năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo, chủ trì xây dựng kế hoạch và triển khai các nội dung của kế hoạch.",
    -- IV.1, second bullet (defect: "ứng dụng công nghệ đ nâng cao năng suất")
    "Chủ trì, phối hợp với các sở, ban, ngành liên quan triển khai kế hoạch; lồng ghép, triển khai các nhiệm vụ khoa học và công nghệ hằng năm; hướng dẫn thực hiện các văn bản, quy định của pháp luật nhằm hỗ trợ doanh nghiệp nghiên cứu, đổi mới, chuyển giao và ứng dụng công nghệ để nâng cao năng suất; xây dựng, triển khai các nhiệm vụ khoa học và công nghệ, kế hoạch nâng cao năng suất lao động, năng suất các nhân tố tổng hợp (TFP) dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo...trên địa bàn tỉnh; đầu mối theo dõi, đôn đốc các sở, ngành, các địa phương, đơn vị tổ chức triển khai thực hiện kế hoạch.",
    -- IV.1, last sentence (duty BC_KH114 in skhcn.lua)
    "Định kỳ báo cáo kết quả thực hiện kế hoạch theo quy định.",
    -- III.2 (duty DT_NS_KHCN in skhcn.lua)
    ROLE_III2,
    -- closing paragraph
    "Trong quá trình thực hiện nếu có khó khăn, vướng mắc gửi Văn bản về Sở Khoa học và Công nghệ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, điều chỉnh, bổ sung cho phù hợp.",
  },
}

-- Not in the text: the department's leadership, who receive escalations of
-- overdue reports.
unit {
  code = "SKHCN_LD",
  name = "Lãnh đạo Sở Khoa học và Công nghệ",
  name_en = "Leadership of the Department of Science and Technology",
  kind = "leadership",
  parent = "SKHCN",
  email = "lanhdao@skhcn.example.org",
}

unit {
  code = "SCT",
  name = "Sở Công Thương",                 -- IV.2 "Công Thương"; Phụ lục, Stt 7
  name_en = "Department of Industry and Trade",
  kind = "department",
  email = "vanthu@sct.example.org",
  roles = { ROLE_IV2_A, ROLE_IV2_B, ROLE_IV5_A, ROLE_IV5_B },
}

unit {
  code = "SNNPTNT",
  name = "Sở Nông nghiệp và Phát triển nông thôn",  -- IV.2
  name_en = "Department of Agriculture and Rural Development",
  kind = "department",
  email = "vanthu@snnptnt.example.org",
  roles = { ROLE_IV2_A, ROLE_IV2_B, ROLE_IV5_A, ROLE_IV5_B },
}

unit {
  code = "SXD",
  name = "Sở Xây dựng",                    -- IV.2
  name_en = "Department of Construction",
  kind = "department",
  email = "vanthu@sxd.example.org",
  roles = { ROLE_IV2_A, ROLE_IV2_B, ROLE_IV5_A, ROLE_IV5_B },
}

unit {
  code = "SGTVT",
  name = "Sở Giao thông vận tải",          -- IV.2; Phụ lục, Stt 10
  name_en = "Department of Transport",
  kind = "department",
  email = "vanthu@sgtvt.example.org",
  roles = { ROLE_IV2_A, ROLE_IV2_B, ROLE_IV5_A, ROLE_IV5_B },
}

unit {
  code = "SVHTTDL",
  name = "Sở Văn hóa, Thể thao và Du lịch",  -- IV.2
  name_en = "Department of Culture, Sports and Tourism",
  kind = "department",
  email = "vanthu@svhttdl.example.org",
  roles = { ROLE_IV2_A, ROLE_IV2_B, ROLE_IV5_A, ROLE_IV5_B },
}

unit {
  code = "STTTT",
  name = "Sở Thông tin và Truyền thông",   -- IV.2
  name_en = "Department of Information and Communications",
  kind = "department",
  aliases = { "Sở Thông tin & Truyền thông" },  -- Phụ lục, Stt 8
  email = "vanthu@stttt.example.org",
  roles = { ROLE_IV2_A, ROLE_IV2_B, ROLE_IV5_A, ROLE_IV5_B },
}

unit {
  code = "SYT",
  name = "Sở Y tế",                        -- IV.2
  name_en = "Department of Health",
  kind = "department",
  email = "vanthu@syt.example.org",
  roles = { ROLE_IV2_A, ROLE_IV2_B, ROLE_IV5_A, ROLE_IV5_B },
}

unit {
  code = "SGDDT",
  name = "Sở Giáo dục và Đào tạo",         -- IV.2
  name_en = "Department of Education and Training",
  kind = "department",
  email = "vanthu@sgddt.example.org",
  roles = { ROLE_IV2_A, ROLE_IV2_B, ROLE_IV5_A, ROLE_IV5_B },
}

unit {
  code = "SLDTBXH",
  name = "Sở Lao động - Thương binh và Xã hội",  -- IV.2
  name_en = "Department of Labour, Invalids and Social Affairs",
  kind = "department",
  aliases = { "Sở Lao động- Thương binh và Xã hội" },  -- Phụ lục, Stt 11
  email = "vanthu@sldtbxh.example.org",
  roles = { ROLE_IV2_A, ROLE_IV2_B, ROLE_IV5_A, ROLE_IV5_B },
}

unit {
  code = "SKHDT",
  name = "Sở Kế hoạch và Đầu tư",          -- IV.3; Phụ lục, Stt 9
  name_en = "Department of Planning and Investment",
  kind = "department",
  email = "vanthu@skhdt.example.org",
  roles = {
    -- IV.3
    "Chủ trì, phối hợp với Sở Tài chính và Sở khoa học và Công nghệ tổng hợp, cân đối đảm bảo các nguồn lực được Ủy ban nhân dân tỉnh giao quản lý để thực hiện kế hoạch.",
    ROLE_IV5_A, ROLE_IV5_B,
  },
}

unit {
  code = "STC",
  name = "Sở Tài chính",                   -- III.2; IV.3; IV.4
  name_en = "Department of Finance",
  kind = "department",
  email = "vanthu@stc.example.org",
  roles = {
    -- IV.4
    "Chủ trì, phối hợp với các cơ quan liên quan tham mưu Ủy ban nhân dân tỉnh cân đối, bố trí kinh phí để thực hiện các nhiệm vụ của kế hoạch theo quy định của Luật Ngân sách nhà nước và các quy định hiện hành có liên quan trên tinh thần tiết kiệm, hiệu quả và phù hợp với khả năng ngân sách của địa phương.",
    -- III.2: appraises SKHCN's estimate
    ROLE_III2,
    ROLE_IV5_A, ROLE_IV5_B,
  },
}

-- Board and associations (IV.6; Nơi nhận)

unit {
  code = "BQLKCN",
  name = "Ban Quản lý các khu công nghiệp tỉnh",
  name_en = "Provincial Industrial Zones Management Board",
  kind = "board",
  aliases = { "BQL các khu CN tỉnh" },     -- Nơi nhận
  email = "vanthu@bqlkcn.example.org",
  roles = { ROLE_IV6_A, ROLE_IV6_B },
}

unit {
  code = "LMHTX",
  name = "Liên minh Hợp tác xã tỉnh",
  name_en = "Provincial Cooperative Alliance",
  kind = "association",
  -- Nơi nhận "Liên minh HTX tỉnh"; IV.6 has the defective "Liên minh Hợp tác
  -- tỉnh" ("xã" lost), kept as an alias so that the text's wording matches.
  aliases = { "Liên minh HTX tỉnh", "Liên minh Hợp tác tỉnh" },
  email = "vanthu@lmhtx.example.org",
  roles = { ROLE_IV6_A, ROLE_IV6_B },
}

unit {
  code = "HHDN",
  name = "Hiệp hội doanh nghiệp tỉnh",     -- IV.6
  name_en = "Provincial Business Association",
  kind = "association",
  aliases = { "Hiệp hội DN tỉnh" },        -- Nơi nhận
  email = "vanthu@hhdn.example.org",
  roles = { ROLE_IV6_A, ROLE_IV6_B },
}

-- District-level People's Committees (IV.7 "Ủy ban nhân dân các huyện, thị xã,
-- thành phố"; Nơi nhận "UBND các huyện, thị xã, thành phố")

unit {
  code = "UBND_TP_YENBAI",
  name = "Ủy ban nhân dân thành phố Yên Bái",
  name_en = "People's Committee of Yên Bái City",
  kind = "district",
  parent = "UBND_YB",
  email = "vanthu@tpyenbai.example.org",
  roles = { ROLE_IV7_A, ROLE_IV7_B, ROLE_CLOSING },
}

unit {
  code = "UBND_TX_NGHIALO",
  name = "Ủy ban nhân dân thị xã Nghĩa Lộ",
  name_en = "People's Committee of Nghĩa Lộ Town",
  kind = "district",
  parent = "UBND_YB",
  email = "vanthu@nghialo.example.org",
  roles = { ROLE_IV7_A, ROLE_IV7_B, ROLE_CLOSING },
}

unit {
  code = "UBND_LUCYEN",
  name = "Ủy ban nhân dân huyện Lục Yên",
  name_en = "People's Committee of Lục Yên District",
  kind = "district",
  parent = "UBND_YB",
  email = "vanthu@lucyen.example.org",
  roles = { ROLE_IV7_A, ROLE_IV7_B, ROLE_CLOSING },
}

unit {
  code = "UBND_VANYEN",
  name = "Ủy ban nhân dân huyện Văn Yên",
  name_en = "People's Committee of Văn Yên District",
  kind = "district",
  parent = "UBND_YB",
  email = "vanthu@vanyen.example.org",
  roles = { ROLE_IV7_A, ROLE_IV7_B, ROLE_CLOSING },
}

unit {
  code = "UBND_MUCANGCHAI",
  name = "Ủy ban nhân dân huyện Mù Cang Chải",
  name_en = "People's Committee of Mù Cang Chải District",
  kind = "district",
  parent = "UBND_YB",
  email = "vanthu@mucangchai.example.org",
  roles = { ROLE_IV7_A, ROLE_IV7_B, ROLE_CLOSING },
}

unit {
  code = "UBND_TRANYEN",
  name = "Ủy ban nhân dân huyện Trấn Yên",
  name_en = "People's Committee of Trấn Yên District",
  kind = "district",
  parent = "UBND_YB",
  email = "vanthu@tranyen.example.org",
  roles = { ROLE_IV7_A, ROLE_IV7_B, ROLE_CLOSING },
}

unit {
  code = "UBND_TRAMTAU",
  name = "Ủy ban nhân dân huyện Trạm Tấu",
  name_en = "People's Committee of Trạm Tấu District",
  kind = "district",
  parent = "UBND_YB",
  email = "vanthu@tramtau.example.org",
  roles = { ROLE_IV7_A, ROLE_IV7_B, ROLE_CLOSING },
}

unit {
  code = "UBND_VANCHAN",
  name = "Ủy ban nhân dân huyện Văn Chấn",
  name_en = "People's Committee of Văn Chấn District",
  kind = "district",
  parent = "UBND_YB",
  email = "vanthu@vanchan.example.org",
  roles = { ROLE_IV7_A, ROLE_IV7_B, ROLE_CLOSING },
}

unit {
  code = "UBND_YENBINH",
  name = "Ủy ban nhân dân huyện Yên Bình",
  name_en = "People's Committee of Yên Bình District",
  kind = "district",
  parent = "UBND_YB",
  email = "vanthu@yenbinh.example.org",
  roles = { ROLE_IV7_A, ROLE_IV7_B, ROLE_CLOSING },
}

-- National bodies

unit {
  code = "TTG",
  name = "Thủ tướng Chính phủ",            -- basis: "Quyết định số 36/QĐ-TTg ... của Thủ tướng Chính phủ"
  name_en = "Prime Minister",
  kind = "national",
  email = "vanthu@ttg.example.org",
}

unit {
  code = "BKHCN",
  name = "Bộ Khoa học và Công nghệ",       -- Nơi nhận
  name_en = "Ministry of Science and Technology",
  kind = "national",
  email = "vanthu@bkhcn.example.org",
}

unit {
  code = "TCTCDLCL",
  name = "Tổng cục Tiêu chuẩn Đo lường Chất lượng",
  name_en = "Directorate for Standards, Metrology and Quality",
  kind = "national",
  parent = "BKHCN",
  aliases = { "Tổng cục TCĐLCL" },         -- Nơi nhận
  email = "vanthu@tcdlcl.example.org",
}

-- Other recipients (Nơi nhận)

unit {
  code = "BAO_YB",
  name = "Báo Yên Bái",
  name_en = "Yên Bái Newspaper",
  kind = "recipient",
  email = "toasoan@baoyenbai.example.org",
}

unit {
  code = "DAI_PTTH",
  name = "Đài Phát thanh và Truyền hình tỉnh",
  name_en = "Provincial Radio and Television Station",
  kind = "recipient",
  aliases = { "Đài PT và TH tỉnh" },
  email = "vanthu@ptth.example.org",
}

unit {
  code = "CONG_TTDT",
  name = "Cổng Thông tin điện tử tỉnh",
  name_en = "Provincial Web Portal",
  kind = "recipient",
  email = "bientap@congttdt.example.org",
}

---------------------------------------------------------------------------
-- The plan's world since 2025 (plugins/README.md, "When the organisation
-- changes"). The units of 2021 stay declared: their history counts in the
-- reporting rates of its periods; from the day each ends, what falls due
-- goes to its successor, and nothing is asked of it any more.
---------------------------------------------------------------------------

-- (1) The provincial departments, 1 Mar 2025. Nghị định 45/2025/NĐ-CP of 28
-- Feb 2025 sets the departments every province has: "1. Sở Nội vụ; 2. Sở Tư
-- pháp; 3. Sở Tài chính; 4. Sở Công Thương; 5. Sở Nông nghiệp và Môi trường;
-- 6. Sở Xây dựng; 7. Sở Khoa học và Công nghệ; 8. Sở Văn hóa, Thể thao và Du
-- lịch; 9. Sở Giáo dục và Đào tạo; 10. Sở Y tế; 11. Thanh tra tỉnh; 12. Văn
-- phòng Ủy ban nhân dân" (HĐND tỉnh Đồng Nai, "Quy định mới về cơ quan chuyên
-- môn thuộc UBND cấp tỉnh", hdnd.dongnai.gov.vn). "Việc hợp nhất Sở Khoa học
-- và Công nghệ (KH&CN) và Sở Thông tin và Truyền thông (TT&TT) thành Sở KH&CN
-- mới ... Các Sở KH&CN sau hợp nhất đã đi vào hoạt động kể từ ngày 1/3/2025"
-- (ictvietnam.vn, 10 Mar 2025).
-- REVIEW: the numbers and dates of Yên Bái's own decisions (UBND tỉnh Yên Bái,
-- Feb 2025) establishing each merged department; 1 Mar 2025 is the day
-- Nghị định 45/2025/NĐ-CP took effect and the merged departments started work.
local ND45 = "Nghị định 45/2025/NĐ-CP ngày 28/02/2025 của Chính phủ quy định tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh; các quyết định của UBND tỉnh Yên Bái về sắp xếp các sở (từ 01/03/2025)"

-- Not in the text: the department that took over the labour functions of Sở
-- LĐTB&XH (it existed in 2021 and takes no part in the plan before 2025).
unit {
  code = "SNV",
  name = "Sở Nội vụ",
  name_en = "Department of Home Affairs",
  kind = "department",
  email = "vanthu@snv.example.org",
}

unit {
  code = "SNNMT",
  name = "Sở Nông nghiệp và Môi trường",
  name_en = "Department of Agriculture and Environment",
  kind = "department",
  from = "2025-03-01",
  email = "vanthu@snnmt.example.org",
}

succession {
  date = "2025-03-01", kind = "merge", from = "STTTT", to = "SKHCN",
  basis = ND45 .. ": Sở Khoa học và Công nghệ hợp nhất với Sở Thông tin và Truyền thông",
}

succession {
  date = "2025-03-01", kind = "merge", from = "SKHDT", to = "STC",
  basis = ND45 .. ": Sở Kế hoạch và Đầu tư hợp nhất vào Sở Tài chính",
}

succession {
  date = "2025-03-01", kind = "merge", from = "SGTVT", to = "SXD",
  basis = ND45 .. ": Sở Giao thông vận tải hợp nhất vào Sở Xây dựng",
}

-- Sở Tài nguyên và Môi trường, the other half of the merger, has no part in
-- the plan and is not declared.
succession {
  date = "2025-03-01", kind = "merge", from = "SNNPTNT", to = "SNNMT",
  basis = ND45 .. ": Sở Nông nghiệp và Phát triển nông thôn hợp nhất với Sở Tài nguyên và Môi trường thành Sở Nông nghiệp và Môi trường",
}

-- Sở LĐTB&XH ends: its labour functions go to Sở Nội vụ, vocational education
-- (task 11: "các cơ sở giáo dục nghề nghiệp") to Sở GD&ĐT. The same split in
-- Bắc Ninh: "kết thúc hoạt động Sở Lao động, Thương binh và Xã hội; chuyển các
-- nhiệm vụ về Sở Nội vụ, Sở Giáo dục và Đào tạo, Sở Y tế".
-- REVIEW: Yên Bái's decision on the transfer (quoted from another province).
succession {
  date = "2025-03-01", kind = "split", from = "SLDTBXH", to = "SNV",
  tasks = { [11] = "SGDDT" },
  basis = ND45 .. ": kết thúc hoạt động Sở Lao động - Thương binh và Xã hội; lao động, việc làm chuyển về Sở Nội vụ, giáo dục nghề nghiệp chuyển về Sở Giáo dục và Đào tạo",
}

-- (2) The district level ends, 1 Jul 2025. Nghị quyết 203/2025/QH15 amending
-- the Constitution: "các đơn vị hành chính của nước Cộng hòa xã hội chủ nghĩa
-- Việt Nam được tổ chức thành hai cấp" (vietnamnet.vn, 17 Jun 2025), and
-- "Nghị quyết 203/2025/QH15 kết thúc đơn vị hành chính cấp huyện ... từ ngày
-- 1/7/2025" (nhansu.vn). Their work passes to the communes, which the plan
-- does not follow: an end without successor.
succession {
  date = "2025-07-01", kind = "end",
  from = { "UBND_TP_YENBAI", "UBND_TX_NGHIALO", "UBND_LUCYEN", "UBND_VANYEN",
           "UBND_MUCANGCHAI", "UBND_TRANYEN", "UBND_TRAMTAU", "UBND_VANCHAN", "UBND_YENBINH" },
  basis = "Nghị quyết 203/2025/QH15 sửa đổi, bổ sung một số điều của Hiến pháp năm 2013; Luật Tổ chức chính quyền địa phương 2025: kết thúc hoạt động của đơn vị hành chính cấp huyện từ ngày 01/07/2025",
}

-- (3) Yên Bái merges into Lào Cai, 1 Jul 2025. HĐND of both provinces approved
-- "hợp nhất tỉnh Yên Bái và tỉnh Lào Cai thành tỉnh Lào Cai" (26 Apr 2025) and
-- "từ ngày 1/7/2025, tỉnh Lào Cai (mới) sẽ chính thức đi vào hoạt động, kéo
-- theo việc tái cơ cấu toàn diện các cơ quan, đơn vị cấp tỉnh"
-- (doanhnghiephoinhap.vn). Each department of the new province is made of
-- Yên Bái's and Lào Cai's; Lào Cai's former units have no part in the plan and
-- are not declared.
-- REVIEW: the number and date of Nghị quyết 202/2025/QH15 (sắp xếp đơn vị
-- hành chính cấp tỉnh năm 2025), quoted from the brief of this change, not
-- from its text; the new province's decisions on its departments and on the
-- board and associations (their names below are assumptions).
local NQ202 = "Nghị quyết 202/2025/QH15 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh: hợp nhất tỉnh Yên Bái và tỉnh Lào Cai thành tỉnh Lào Cai (từ 01/07/2025)"

-- The new province's units, each with the Yên Bái unit it takes over.
local NQ202_LC = NQ202 .. "; thành lập trên cơ sở hợp nhất đơn vị cùng chức năng của hai tỉnh: "

unit {
  code = "UBND_LC",
  name = "Ủy ban nhân dân tỉnh Lào Cai",
  name_en = "Lào Cai Provincial People's Committee",
  kind = "province",
  from = "2025-07-01",
  email = "vanthu@ubnd.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "UBND_YB", to = "UBND_LC",
  basis = NQ202_LC .. "Ủy ban nhân dân tỉnh Lào Cai",
}

unit {
  code = "HDND_LC",
  name = "Hội đồng nhân dân tỉnh Lào Cai",
  name_en = "Lào Cai Provincial People's Council",
  kind = "council",
  from = "2025-07-01",
  email = "vanthu@hdnd.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "HDND_YB", to = "HDND_LC",
  basis = NQ202_LC .. "Hội đồng nhân dân tỉnh Lào Cai",
}

unit {
  code = "VP_UBND_LC",
  name = "Văn phòng Ủy ban nhân dân tỉnh Lào Cai",
  name_en = "Office of the Lào Cai Provincial People's Committee",
  kind = "recipient",
  parent = "UBND_LC",
  from = "2025-07-01",
  email = "vanthu@vpubnd.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "VP_UBND_YB", to = "VP_UBND_LC",
  basis = NQ202_LC .. "Văn phòng Ủy ban nhân dân tỉnh Lào Cai",
}

unit {
  code = "SKHCN_LC",
  name = "Sở Khoa học và Công nghệ tỉnh Lào Cai",
  name_en = "Lào Cai Department of Science and Technology",
  kind = "department",
  from = "2025-07-01",
  email = "vanthu@skhcn.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "SKHCN", to = "SKHCN_LC",
  basis = NQ202_LC .. "Sở Khoa học và Công nghệ tỉnh Lào Cai",
}

unit {
  code = "SKHCN_LC_LD",
  name = "Lãnh đạo Sở Khoa học và Công nghệ tỉnh Lào Cai",
  name_en = "Leadership of the Lào Cai Department of Science and Technology",
  kind = "leadership",
  parent = "SKHCN_LC",
  from = "2025-07-01",
  email = "lanhdao@skhcn.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "SKHCN_LD", to = "SKHCN_LC_LD",
  basis = NQ202_LC .. "Lãnh đạo Sở Khoa học và Công nghệ tỉnh Lào Cai",
}

unit {
  code = "SCT_LC",
  name = "Sở Công Thương tỉnh Lào Cai",
  name_en = "Lào Cai Department of Industry and Trade",
  kind = "department",
  from = "2025-07-01",
  email = "vanthu@sct.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "SCT", to = "SCT_LC",
  basis = NQ202_LC .. "Sở Công Thương tỉnh Lào Cai",
}

unit {
  code = "SNNMT_LC",
  name = "Sở Nông nghiệp và Môi trường tỉnh Lào Cai",
  name_en = "Lào Cai Department of Agriculture and Environment",
  kind = "department",
  from = "2025-07-01",
  email = "vanthu@snnmt.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "SNNMT", to = "SNNMT_LC",
  basis = NQ202_LC .. "Sở Nông nghiệp và Môi trường tỉnh Lào Cai",
}

unit {
  code = "SXD_LC",
  name = "Sở Xây dựng tỉnh Lào Cai",
  name_en = "Lào Cai Department of Construction",
  kind = "department",
  from = "2025-07-01",
  email = "vanthu@sxd.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "SXD", to = "SXD_LC",
  basis = NQ202_LC .. "Sở Xây dựng tỉnh Lào Cai",
}

unit {
  code = "SVHTTDL_LC",
  name = "Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai",
  name_en = "Lào Cai Department of Culture, Sports and Tourism",
  kind = "department",
  from = "2025-07-01",
  email = "vanthu@svhttdl.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "SVHTTDL", to = "SVHTTDL_LC",
  basis = NQ202_LC .. "Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai",
}

unit {
  code = "SYT_LC",
  name = "Sở Y tế tỉnh Lào Cai",
  name_en = "Lào Cai Department of Health",
  kind = "department",
  from = "2025-07-01",
  email = "vanthu@syt.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "SYT", to = "SYT_LC",
  basis = NQ202_LC .. "Sở Y tế tỉnh Lào Cai",
}

unit {
  code = "SGDDT_LC",
  name = "Sở Giáo dục và Đào tạo tỉnh Lào Cai",
  name_en = "Lào Cai Department of Education and Training",
  kind = "department",
  from = "2025-07-01",
  email = "vanthu@sgddt.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "SGDDT", to = "SGDDT_LC",
  basis = NQ202_LC .. "Sở Giáo dục và Đào tạo tỉnh Lào Cai",
}

unit {
  code = "SNV_LC",
  name = "Sở Nội vụ tỉnh Lào Cai",
  name_en = "Lào Cai Department of Home Affairs",
  kind = "department",
  from = "2025-07-01",
  email = "vanthu@snv.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "SNV", to = "SNV_LC",
  basis = NQ202_LC .. "Sở Nội vụ tỉnh Lào Cai",
}

unit {
  code = "STC_LC",
  name = "Sở Tài chính tỉnh Lào Cai",
  name_en = "Lào Cai Department of Finance",
  kind = "department",
  from = "2025-07-01",
  email = "vanthu@stc.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "STC", to = "STC_LC",
  basis = NQ202_LC .. "Sở Tài chính tỉnh Lào Cai",
}

unit {
  code = "BQLKKT_LC",
  name = "Ban Quản lý Khu kinh tế tỉnh Lào Cai",
  name_en = "Lào Cai Economic Zone Management Board",
  kind = "board",
  from = "2025-07-01",
  email = "vanthu@bqlkkt.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "BQLKCN", to = "BQLKKT_LC",
  basis = NQ202_LC .. "Ban Quản lý Khu kinh tế tỉnh Lào Cai",
}

unit {
  code = "LMHTX_LC",
  name = "Liên minh Hợp tác xã tỉnh Lào Cai",
  name_en = "Lào Cai Cooperative Alliance",
  kind = "association",
  from = "2025-07-01",
  email = "vanthu@lmhtx.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "LMHTX", to = "LMHTX_LC",
  basis = NQ202_LC .. "Liên minh Hợp tác xã tỉnh Lào Cai",
}

unit {
  code = "HHDN_LC",
  name = "Hiệp hội doanh nghiệp tỉnh Lào Cai",
  name_en = "Lào Cai Business Association",
  kind = "association",
  from = "2025-07-01",
  email = "vanthu@hhdn.laocai.example.org",
}

succession {
  date = "2025-07-01", kind = "merge", from = "HHDN", to = "HHDN_LC",
  basis = NQ202_LC .. "Hiệp hội doanh nghiệp tỉnh Lào Cai",
}
-- REVIEW: the other recipients of the text (Báo Yên Bái, Đài Phát thanh và
-- Truyền hình tỉnh, Cổng Thông tin điện tử tỉnh, Tổng cục Tiêu chuẩn Đo lường
-- Chất lượng) were also reorganised in 2025; they owe and receive no report,
-- so they are left as the text names them until their successors are checked.

---------------------------------------------------------------------------
-- Goals (section I)
---------------------------------------------------------------------------

-- I.1 Mục tiêu chung

goal {
  code = "G_CHUNG_1",
  kind = "general",
  text = "Đưa năng suất trở thành động lực phát triển quan trọng trong các ngành, lĩnh vực, thông qua việc ứng dụng các thành tựu mới của khoa học, công nghệ, áp dụng các hệ thống quản lý, công cụ cải tiến năng suất tiên tiến, kết hợp với nghiên cứu, đào tạo, bồi dưỡng nguồn nhân lực, phù hợp xu thế của cuộc Cách mạng công nghiệp lần thứ tư.",
  text_en = "Make productivity an important driver of development across sectors, by applying new achievements of science and technology and advanced management systems and productivity tools, together with research, training and capacity building, in line with the Fourth Industrial Revolution.",
}

goal {
  code = "G_CHUNG_2",
  kind = "general",
  text = "Hỗ trợ doanh nghiệp trong nghiên cứu, đổi mới, chuyển giao và ứng dụng công nghệ để nâng cao năng suất trên địa bàn tỉnh; xây dựng, triển khai các nhiệm vụ khoa học và công nghệ, kế hoạch nâng cao năng suất lao động, năng suất các nhân tố tổng hợp (TFP) dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo.",
  text_en = "Support enterprises in researching, renewing, transferring and applying technology to raise productivity in the province; design and carry out science and technology tasks and plans to raise labour productivity and total factor productivity (TFP) based on science, technology and innovation.",
}

-- I.2 Mục tiêu cụ thể (defect: heading "Mục tiêu cthể")
-- I.2.a Mục tiêu đến năm 2025

goal {
  code = "G_2025_1",
  kind = "specific",
  by = 2025,
  text = "Góp phần đạt mục tiêu tăng năng suất lao động bình quân của tỉnh đạt 6,2%/năm.",
  text_en = "Help the province reach average labour productivity growth of 6.2% a year.",
}

goal {
  code = "G_2025_2",
  kind = "specific",
  by = 2025,
  text = "Tối thiểu 15 doanh nghiệp trên địa bàn tỉnh xây dựng và triển khai các dự án điểm về cải tiến năng suất, thúc đẩy các hoạt động nghiên cứu, ứng dụng khoa học, công nghệ và đổi mới sáng tạo nâng cao năng suất.",
  text_en = "At least 15 enterprises in the province design and carry out pilot productivity-improvement projects, promoting research and the application of science, technology and innovation to raise productivity.",
}

-- I.2.b Mục tiêu đến năm 2030

goal {
  code = "G_2030_1",
  kind = "specific",
  by = 2030,
  -- source spacing "đạt trên 7,2% /năm" normalised
  text = "Góp phần đạt mục tiêu tăng năng suất lao động bình quân của tỉnh đạt trên 7,2%/năm.",
  text_en = "Help the province reach average labour productivity growth of over 7.2% a year.",
}

goal {
  code = "G_2030_2",
  kind = "specific",
  by = 2030,
  text = "Tối thiểu 35 doanh nghiệp trên địa bàn tỉnh xây dựng và triển khai các dự án điểm về cải tiến năng suất, thúc đẩy các hoạt động nghiên cứu, ứng dụng khoa học, công nghệ và đổi mới sáng tạo nâng cao năng suất trên địa bàn tỉnh.",
  text_en = "At least 35 enterprises in the province design and carry out pilot productivity-improvement projects, promoting research and the application of science, technology and innovation to raise productivity in the province.",
}

goal {
  code = "G_2030_3",
  kind = "specific",
  by = 2030,
  -- defect: "tại các sở giáo dục nghề nghiệp" (the "cơ" of "cơ sở" was lost)
  text = "Thúc đẩy gắn kết hoạt động nghiên cứu, đào tạo, bồi dưỡng, thực hành về năng suất tại các cơ sở giáo dục nghề nghiệp trên địa bàn tỉnh với hoạt động sản xuất, kinh doanh của doanh nghiệp nhằm cung cấp nguồn nhân lực chất lượng cao cho thị trường lao động.",
  text_en = "Link research, training and practice on productivity at vocational education institutions in the province with enterprises' production and business, to supply high-quality labour to the labour market.",
}

-- I.3 Yêu cầu

goal {
  code = "YEU_CAU",
  kind = "requirement",
  text = "Hoạt động nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo trên địa bàn tỉnh phải đảm bảo tính khách quan, trung thực, đúng yêu cầu quy định.",
  text_en = "Productivity activities based on science, technology and innovation in the province must be objective, truthful and compliant with the regulations.",
}

---------------------------------------------------------------------------
-- Task groups (section II)
-- "(Các nội dung, nhiệm vụ cụ thể và đơn vị tổ chức thực hiện được quy định tại
-- Phụ lục ban hành kèm theo Kế hoạch này)": the tasks are in the unit files.
---------------------------------------------------------------------------

group {
  no = 1,
  title = "Hoạt động thông tin, tuyên truyền về năng suất",
  title_en = "Information and communication on productivity",
  items = {
    "Đẩy mạnh hoạt động phổ biến, hướng dẫn và áp dụng các thành tựu mới của khoa học, công nghệ, hệ thống quản lý, công cụ cải tiến năng suất tiên tiến cho các tổ chức, cá nhân, doanh nghiệp trên địa bàn tỉnh.",
    "Xây dựng các chương trình truyền thông nhằm phổ biến các kiến thức về năng suất, cải tiến năng suất, các kinh nghiệm điển hình cải tiến năng suất tạo phong trào và động lực thúc đẩy hoạt động năng suất, chất lượng tại địa phương.",
    "Tổ chức tôn vinh, khen thưởng tập thể, cá nhân và doanh nghiệp có nhiều đóng góp và đạt thành tích trong hoạt động năng suất, chất lượng.",
  },
}

group {
  no = 2,
  title = "Xây dựng một số chính sách thúc đẩy năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo",
  title_en = "Policies to promote productivity based on science, technology and innovation",
  items = {
    -- II.2 is one paragraph, not a bullet list
    "Nghiên cứu, đề xuất ban hành một số cơ chế tài chính khuyến khích hỗ trợ các tổ chức, doanh nghiệp áp dụng thử nghiệm các tiến bộ công nghệ, hệ thống quản lý, công cụ cải tiến năng suất mới, tiên tiến nhằm ứng dụng nhanh, hiệu quả các thành tựu của cuộc Cách mạng công nghiệp lần thứ tư.",
  },
}

group {
  no = 3,
  title = "Phát triển hoạt động nghiên cứu, tư vấn và đào tạo về năng suất",
  title_en = "Research, consulting and training on productivity",
  items = {
    "Xây dựng, triển khai các nhiệm vụ nghiên cứu, đánh giá các yếu tố tác động nâng cao năng suất; đề xuất giải pháp nâng cao năng suất đối với một số ngành, lĩnh vực trọng điểm trên địa bàn tỉnh.",
    "Nghiên cứu áp dụng các hệ thống quản lý, mô hình, công cụ cải tiến năng suất mới, tiên tiến, dựa trên nền tảng số và đổi mới sáng tạo cho một số tổ chức, doanh nghiệp trên địa bàn tỉnh.",
    "Nghiên cứu triển khai chương trình đánh giá năng lực quản trị, quản lý năng suất, quản lý chuyển đổi số và quản lý đổi mới sáng tạo của doanh nghiệp trên địa bàn tỉnh.",
    "Phối hợp với các đơn vị liên quan tổ chức các chương trình, khóa đào tạo về các giải pháp nâng cao năng suất, chuyển đổi số, sản xuất thông minh, kỹ năng đổi mới sáng tạo... cho các cán bộ của các Sở, ngành và doanh nghiệp; các khóa đào tạo nâng cao năng lực cán bộ làm công tác quản lý năng suất, chất lượng của doanh nghiệp.",
  },
}

group {
  no = 4,
  title = "Đẩy mạnh việc áp dụng hệ thống quản lý, mô hình, công cụ nâng cao năng suất trong doanh nghiệp",
  title_en = "Wider use of management systems, models and productivity tools in enterprises",
  items = {
    "Hỗ trợ các tổ chức, doanh nghiệp triển khai, áp dụng hệ thống quản lý theo tiêu chuẩn ISO 56000 về quản lý đổi mới sáng tạo, các mô hình, công cụ cải tiến năng suất trong lĩnh vực chuyên ngành (năng suất dịch vụ công, năng suất xanh, năng suất bền vững); khuyến khích doanh nghiệp áp dụng hệ thống quản lý, công cụ cải tiến năng suất mới trong sản xuất, kinh doanh.",
    "Hỗ trợ doanh nghiệp ứng dụng công nghệ thông tin, công nghệ số để thiết lập, tối ưu hóa hệ thống quản trị doanh nghiệp; áp dụng công cụ hỗ trợ cho sản xuất thông minh, dịch vụ thông minh.",
    "Hướng dẫn các doanh nghiệp trên địa bàn tỉnh tham gia các đề án, nhiệm vụ của các chương trình khoa học, công nghệ trên địa bàn tỉnh bao gồm: Đề án hỗ trợ doanh nghiệp nhỏ và vừa khởi nghiệp sáng tạo trên địa bàn tỉnh Yên Bái giai đoạn 2020-2025; Chương trình hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng hóa trên địa bàn tỉnh Yên Bái, giai đoạn 2021-2030... góp phần nâng cao hiệu quả sản xuất, kinh doanh khi đưa vào áp dụng tại doanh nghiệp trên địa bàn tỉnh.",
  },
}

---------------------------------------------------------------------------
-- Plan-level indicators and targets (I.2)
---------------------------------------------------------------------------

-- The plan's indicators measure the province of 2021 ("trên địa bàn tỉnh"):
-- that area stopped being a province when Yên Bái merged into Lào Cai on 1 Jul
-- 2025 (Nghị quyết 202/2025/QH15, quoted at the successions above). Values of
-- periods after that day, which are the new province's, are not comparable
-- with these targets.
local AREA_YB = "tỉnh Yên Bái (cũ)"

-- Inputs of labour productivity. The text names no owner for them; the
-- provincial statistics office (not named in the text) publishes both, so they
-- are left without an owner and imported by the planning office.
-- Assumption: GRDP at constant (comparable) prices, as labour productivity
-- growth is measured in real terms; the text does not say.
indicator {
  code = "GRDP",
  name = "Tổng sản phẩm trên địa bàn tỉnh (GRDP, giá so sánh)",
  name_en = "Gross regional domestic product (GRDP, constant prices)",
  measure = "tỷ đồng",
  period = "year",
  area = AREA_YB, area_until = "2025-07-01",
}

indicator {
  code = "LAO_DONG",
  name = "Số lao động có việc làm",
  name_en = "Employed workers",
  measure = "người",
  period = "year",
  area = AREA_YB, area_until = "2025-07-01",
}

-- GRDP is in tỷ đồng (10^9 VND) and the result in triệu đồng (10^6 VND) per
-- worker, hence the factor 1000. No value when an input is missing.
indicator {
  code = "NSLD",
  name = "Năng suất lao động",
  name_en = "Labour productivity",
  measure = "triệu đồng/lao động",
  period = "year",
  area = AREA_YB, area_until = "2025-07-01",
  formula = function(get, period)
    local grdp, workers = get("GRDP", period), get("LAO_DONG", period)
    if grdp == nil or workers == nil or workers == 0 then
      return nil
    end
    return grdp * 1000 / workers
  end,
}

-- Average annual growth of NSLD over a target's window, measured from the year
-- before the window (2020 for 2021/2025), in percent.
indicator {
  code = "NSLD_TANG_BQ",
  name = "Tốc độ tăng năng suất lao động bình quân",
  name_en = "Average labour productivity growth",
  measure = "%/năm",
  period = "year",
  area = AREA_YB, area_until = "2025-07-01",
  rule = "cagr",
  of = "NSLD",
  owner = "SKHCN",
}

-- Enterprises that start a pilot productivity-improvement project in the year
-- (each enterprise counted once, in the year it starts); the targets read the
-- sum from 2021.
indicator {
  code = "DN_DU_AN_DIEM",
  name = "Số doanh nghiệp xây dựng và triển khai dự án điểm về cải tiến năng suất",
  name_en = "Enterprises carrying out pilot productivity-improvement projects",
  measure = "doanh nghiệp",
  period = "year",
  area = AREA_YB, area_until = "2025-07-01",
  rule = "sum",
  owner = "SKHCN",
}

-- I.2.a "Góp phần đạt mục tiêu tăng năng suất lao động bình quân của tỉnh đạt 6,2%/năm."
target {
  indicator = "NSLD_TANG_BQ",
  window = "2021/2025",
  op = ">=",
  value = 6.2,
  goal = "G_2025_1",
  note = "I.2.a: \"tăng năng suất lao động bình quân của tỉnh đạt 6,2%/năm\"",
}

-- I.2.b "... đạt trên 7,2% /năm." ("trên" = strictly above)
target {
  indicator = "NSLD_TANG_BQ",
  window = "2026/2030",
  op = ">",
  value = 7.2,
  goal = "G_2030_1",
  note = "I.2.b: \"tăng năng suất lao động bình quân của tỉnh đạt trên 7,2%/năm\"",
}

-- I.2.a "Tối thiểu 15 doanh nghiệp ..."
target {
  indicator = "DN_DU_AN_DIEM",
  by = 2025,
  op = ">=",
  value = 15,
  goal = "G_2025_2",
  note = "I.2.a: \"Tối thiểu 15 doanh nghiệp trên địa bàn tỉnh xây dựng và triển khai các dự án điểm về cải tiến năng suất\"",
}

-- I.2.b "Tối thiểu 35 doanh nghiệp ..." Assumption: 35 in all over 2021-2030,
-- the 15 of 2021-2025 included.
target {
  indicator = "DN_DU_AN_DIEM",
  by = 2030,
  op = ">=",
  value = 35,
  goal = "G_2030_2",
  note = "I.2.b: \"Tối thiểu 35 doanh nghiệp trên địa bàn tỉnh xây dựng và triển khai các dự án điểm về cải tiến năng suất\" (lũy kế 2021-2030)",
}

validate("GRDP", function(v)
  if v.value > 0 then return true end
  return false, "GRDP phải là số dương (tỷ đồng)"
end)

validate("LAO_DONG", function(v)
  if v.value > 0 and v.value % 1 == 0 then return true end
  return false, "số lao động phải là số nguyên dương"
end)

validate("DN_DU_AN_DIEM", function(v)
  if v.value >= 0 and v.value % 1 == 0 then return true end
  return false, "số doanh nghiệp phải là số nguyên không âm"
end)

---------------------------------------------------------------------------
-- Funding (III.1: "Kinh phí thực hiện từ các nguồn: Ngân sách nhà nước, vốn của
-- doanh nghiệp và các nguồn vốn huy động hợp pháp khác theo quy định của pháp
-- luật."). The text gives no amounts.
---------------------------------------------------------------------------

budget {
  code = "NGAN_SACH_NN",
  source = "state_budget",
  note = "III.1: \"Ngân sách nhà nước\"; III.2: dự toán nguồn ngân sách sự nghiệp khoa học do Sở Khoa học và Công nghệ lập hằng năm; IV.7: Ủy ban nhân dân các huyện, thị xã, thành phố bố trí kinh phí",
}

budget {
  code = "VON_DOANH_NGHIEP",
  source = "enterprise",
  note = "III.1: \"vốn của doanh nghiệp\"",
}

budget {
  code = "NGUON_KHAC",
  source = "other",
  note = "III.1: \"các nguồn vốn huy động hợp pháp khác theo quy định của pháp luật\"",
}

---------------------------------------------------------------------------
-- Plan-wide duty: the units' report to SKHCN
---------------------------------------------------------------------------

-- The text makes SKHCN the "đầu mối theo dõi, đôn đốc các sở, ngành, các địa
-- phương, đơn vị tổ chức triển khai thực hiện kế hoạch" and has it "Định kỳ báo
-- cáo kết quả thực hiện kế hoạch theo quy định" (IV.1); IV.6 has the board and
-- associations "Cung cấp thông tin ... cho Sở Khoa học và Công nghệ để tổng hợp,
-- báo cáo". It sets no frequency or deadline for the units' input: yearly, on
-- the Decree 09/2019 annual cut-off (14 Dec) and two working days after it
-- (ahead of SKHCN's own report, BC_KH114) are assumptions to confirm with SKHCN.
-- "from" lists every unit that section IV gives responsibilities to, SKHCN aside.
duty {
  code = "BC_DONVI_KH114",
  title = "Báo cáo kết quả thực hiện Kế hoạch 114/KH-UBND năm {year}",
  title_en = "Report on the implementation of Plan 114/KH-UBND, {year}",
  from = {
    -- IV.2
    "SCT", "SNNPTNT", "SXD", "SGTVT", "SVHTTDL", "STTTT", "SYT", "SGDDT", "SLDTBXH",
    -- IV.3, IV.4
    "SKHDT", "STC",
    -- IV.6
    "BQLKCN", "LMHTX", "HHDN",
    -- IV.7
    "UBND_TP_YENBAI", "UBND_TX_NGHIALO", "UBND_LUCYEN", "UBND_VANYEN",
    "UBND_MUCANGCHAI", "UBND_TRANYEN", "UBND_TRAMTAU", "UBND_VANCHAN", "UBND_YENBINH",
  },
  to = "SKHCN",
  every = "year",
  cutoff = "nd09",
  due = { workdays_after_cutoff = 2 },
  remind = { -7, -1, 0, 3, 7 },
  escalate = { after = 7, to = "SKHCN_LD" },
  note = "IV.1: \"đầu mối theo dõi, đôn đốc các sở, ngành, các địa phương, đơn vị tổ chức triển khai thực hiện kế hoạch\"; IV.6: \"Cung cấp thông tin về nhu cầu đào tạo, hỗ trợ của tổ chức, doanh nghiệp cho Sở Khoa học và Công nghệ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh\". Kỳ báo cáo và hạn nộp chưa được Kế hoạch quy định (giả định, cần Sở Khoa học và Công nghệ xác nhận).",
}

---------------------------------------------------------------------------
-- Holidays and official days off, 2021-2026 (2027 onwards: see the end)
---------------------------------------------------------------------------

-- Statutory holidays: Bộ luật Lao động 2019, Điều 112 (in force 1 Jan 2021):
-- 1/1; Tết Âm lịch 5 days; Giỗ Tổ Hùng Vương 10/3 âm lịch; 30/4; 1/5; 2/9 and
-- the day before or after it. Điều 111(3): a holiday on a weekly rest day is
-- made up on the next working day. Which 5 calendar days count as Tết and which
-- of the week's days off are "compensatory" is fixed each year by the
-- government's notice; the split below follows that notice where known, and
-- never changes which days are non-working. Weekend holidays are listed too.
-- Bộ LĐTBXH issued these notices until it was merged into Bộ Nội vụ
-- (1 Mar 2025); later notices are Bộ Nội vụ's.

-- 2021: Thông báo 4875/TB-LĐTBXH (Dec 2020) on Tết Âm lịch and Quốc khánh 2021
-- ("nghỉ 2 ngày trước tết, 3 ngày sau tết", made-up days mùng 4 and mùng 5).
holiday { date = "2021-01-01", name = "Tết Dương lịch", kind = "holiday" }
holiday { date = "2021-02-10", name = "Tết Nguyên đán (29 tháng Chạp)", kind = "holiday" }
holiday { date = "2021-02-11", name = "Tết Nguyên đán (30 tháng Chạp)", kind = "holiday" }
holiday { date = "2021-02-12", name = "Tết Nguyên đán (mùng 1)", kind = "holiday" }
holiday { date = "2021-02-13", name = "Tết Nguyên đán (mùng 2)", kind = "holiday" }
holiday { date = "2021-02-14", name = "Tết Nguyên đán (mùng 3)", kind = "holiday" }
holiday { date = "2021-02-15", name = "Nghỉ bù Tết Nguyên đán (mùng 4)", kind = "compensatory" }
holiday { date = "2021-02-16", name = "Nghỉ bù Tết Nguyên đán (mùng 5)", kind = "compensatory" }
holiday { date = "2021-04-21", name = "Giỗ Tổ Hùng Vương (10/3 âm lịch)", kind = "holiday" }
holiday { date = "2021-04-30", name = "Ngày Chiến thắng", kind = "holiday" }
holiday { date = "2021-05-01", name = "Ngày Quốc tế Lao động", kind = "holiday" }
holiday { date = "2021-05-03", name = "Nghỉ bù Ngày Quốc tế Lao động", kind = "compensatory" }
holiday { date = "2021-09-02", name = "Quốc khánh", kind = "holiday" }
holiday { date = "2021-09-03", name = "Quốc khánh (ngày liền sau)", kind = "holiday" }

-- 2022: Công văn 245/VPCP-KGVX of 11 Jan 2022 (Tết 31/1-4/2, Quốc khánh 1/9-2/9)
-- and the Bộ LĐTBXH notice that followed it.
holiday { date = "2022-01-01", name = "Tết Dương lịch", kind = "holiday" }
holiday { date = "2022-01-03", name = "Nghỉ bù Tết Dương lịch", kind = "compensatory" }
holiday { date = "2022-01-31", name = "Tết Nguyên đán (29 tháng Chạp)", kind = "holiday" }
holiday { date = "2022-02-01", name = "Tết Nguyên đán (mùng 1)", kind = "holiday" }
holiday { date = "2022-02-02", name = "Tết Nguyên đán (mùng 2)", kind = "holiday" }
holiday { date = "2022-02-03", name = "Tết Nguyên đán (mùng 3)", kind = "holiday" }
holiday { date = "2022-02-04", name = "Tết Nguyên đán (mùng 4)", kind = "holiday" }
holiday { date = "2022-04-10", name = "Giỗ Tổ Hùng Vương (10/3 âm lịch)", kind = "holiday" }
holiday { date = "2022-04-11", name = "Nghỉ bù Giỗ Tổ Hùng Vương", kind = "compensatory" }
holiday { date = "2022-04-30", name = "Ngày Chiến thắng", kind = "holiday" }
holiday { date = "2022-05-01", name = "Ngày Quốc tế Lao động", kind = "holiday" }
holiday { date = "2022-05-02", name = "Nghỉ bù Ngày Chiến thắng", kind = "compensatory" }
holiday { date = "2022-05-03", name = "Nghỉ bù Ngày Quốc tế Lao động", kind = "compensatory" }
holiday { date = "2022-09-01", name = "Quốc khánh (ngày liền trước)", kind = "holiday" }
holiday { date = "2022-09-02", name = "Quốc khánh", kind = "holiday" }

-- 2023: thông báo của Bộ LĐTBXH về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2023
-- (Tết 20/1-26/1, approved by the Deputy Prime Minister); the other days follow
-- Điều 111(3).
-- REVIEW: the notice's split of the seven Tết days into 5 holidays and 2
-- made-up days (dates are certain, the labels are not).
holiday { date = "2023-01-01", name = "Tết Dương lịch", kind = "holiday" }
holiday { date = "2023-01-02", name = "Nghỉ bù Tết Dương lịch", kind = "compensatory" }
holiday { date = "2023-01-20", name = "Nghỉ bù Tết Nguyên đán (29 tháng Chạp)", kind = "compensatory" }
holiday { date = "2023-01-21", name = "Tết Nguyên đán (30 tháng Chạp)", kind = "holiday" }
holiday { date = "2023-01-22", name = "Tết Nguyên đán (mùng 1)", kind = "holiday" }
holiday { date = "2023-01-23", name = "Tết Nguyên đán (mùng 2)", kind = "holiday" }
holiday { date = "2023-01-24", name = "Tết Nguyên đán (mùng 3)", kind = "holiday" }
holiday { date = "2023-01-25", name = "Tết Nguyên đán (mùng 4)", kind = "holiday" }
holiday { date = "2023-01-26", name = "Nghỉ bù Tết Nguyên đán (mùng 5)", kind = "compensatory" }
holiday { date = "2023-04-29", name = "Giỗ Tổ Hùng Vương (10/3 âm lịch)", kind = "holiday" }
holiday { date = "2023-04-30", name = "Ngày Chiến thắng", kind = "holiday" }
holiday { date = "2023-05-01", name = "Ngày Quốc tế Lao động", kind = "holiday" }
holiday { date = "2023-05-02", name = "Nghỉ bù Giỗ Tổ Hùng Vương", kind = "compensatory" }
holiday { date = "2023-05-03", name = "Nghỉ bù Ngày Chiến thắng", kind = "compensatory" }
holiday { date = "2023-09-01", name = "Quốc khánh (ngày liền trước)", kind = "holiday" }
holiday { date = "2023-09-02", name = "Quốc khánh", kind = "holiday" }
holiday { date = "2023-09-04", name = "Nghỉ bù Quốc khánh", kind = "compensatory" }

-- 2024: thông báo của Bộ LĐTBXH về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2024
-- (Tết 8/2-14/2, Quốc khánh 2/9-3/9); Công văn 2450/VPCP-KGVX of 12 Apr 2024
-- swaps Monday 29/4 with Saturday 4/5.
-- REVIEW: labels of the seven Tết days, as for 2023.
holiday { date = "2024-01-01", name = "Tết Dương lịch", kind = "holiday" }
holiday { date = "2024-02-08", name = "Nghỉ bù Tết Nguyên đán (29 tháng Chạp)", kind = "compensatory" }
holiday { date = "2024-02-09", name = "Tết Nguyên đán (30 tháng Chạp)", kind = "holiday" }
holiday { date = "2024-02-10", name = "Tết Nguyên đán (mùng 1)", kind = "holiday" }
holiday { date = "2024-02-11", name = "Tết Nguyên đán (mùng 2)", kind = "holiday" }
holiday { date = "2024-02-12", name = "Tết Nguyên đán (mùng 3)", kind = "holiday" }
holiday { date = "2024-02-13", name = "Tết Nguyên đán (mùng 4)", kind = "holiday" }
holiday { date = "2024-02-14", name = "Nghỉ bù Tết Nguyên đán (mùng 5)", kind = "compensatory" }
holiday { date = "2024-04-18", name = "Giỗ Tổ Hùng Vương (10/3 âm lịch)", kind = "holiday" }
holiday { date = "2024-04-29", name = "Nghỉ hoán đổi (làm bù thứ Bảy 04/5/2024)", kind = "compensatory" }
holiday { date = "2024-04-30", name = "Ngày Chiến thắng", kind = "holiday" }
holiday { date = "2024-05-01", name = "Ngày Quốc tế Lao động", kind = "holiday" }
holiday { date = "2024-05-04", name = "Làm bù cho thứ Hai 29/4/2024", kind = "workday" }
holiday { date = "2024-09-02", name = "Quốc khánh", kind = "holiday" }
holiday { date = "2024-09-03", name = "Quốc khánh (ngày liền sau)", kind = "holiday" }

-- 2025: Công văn 8726/VPCP-KGVX of 26 Nov 2024 (the Prime Minister's decision on
-- Tết Âm lịch and other holidays of 2025) and the Bộ LĐTBXH notice: Tết
-- 25/1-2/2 (nine days with the weekends), Friday 2/5 swapped with Saturday
-- 26/4, Quốc khánh 1/9-2/9.
-- REVIEW: labels of the Tết days (mùng 4 falls on Saturday 1/2; its day off is
-- taken on Monday 27/1).
holiday { date = "2025-01-01", name = "Tết Dương lịch", kind = "holiday" }
holiday { date = "2025-01-27", name = "Nghỉ bù Tết Nguyên đán (28 tháng Chạp)", kind = "compensatory" }
holiday { date = "2025-01-28", name = "Tết Nguyên đán (29 tháng Chạp)", kind = "holiday" }
holiday { date = "2025-01-29", name = "Tết Nguyên đán (mùng 1)", kind = "holiday" }
holiday { date = "2025-01-30", name = "Tết Nguyên đán (mùng 2)", kind = "holiday" }
holiday { date = "2025-01-31", name = "Tết Nguyên đán (mùng 3)", kind = "holiday" }
holiday { date = "2025-02-01", name = "Tết Nguyên đán (mùng 4)", kind = "holiday" }
holiday { date = "2025-04-07", name = "Giỗ Tổ Hùng Vương (10/3 âm lịch)", kind = "holiday" }
holiday { date = "2025-04-26", name = "Làm bù cho thứ Sáu 02/5/2025", kind = "workday" }
holiday { date = "2025-04-30", name = "Ngày Chiến thắng", kind = "holiday" }
holiday { date = "2025-05-01", name = "Ngày Quốc tế Lao động", kind = "holiday" }
holiday { date = "2025-05-02", name = "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)", kind = "compensatory" }
holiday { date = "2025-09-01", name = "Quốc khánh (ngày liền trước)", kind = "holiday" }
holiday { date = "2025-09-02", name = "Quốc khánh", kind = "holiday" }

-- 2026: Tết Dương lịch: văn bản của Văn phòng Chính phủ of 25 Dec 2025 (the
-- Deputy Prime Minister agrees to "nghỉ Tết Dương lịch năm 2026 là 4 ngày, từ
-- thứ Năm (1-1-2026) đến hết Chủ nhật (4-1-2026)") and the Bộ Nội vụ notice of
-- the same day. Tết Âm lịch and Quốc khánh: the Prime Minister agreed to the Bộ
-- Nội vụ proposal (reported on 13 Oct 2025, thanhnien.vn "Tết Bính Ngọ nghỉ 9
-- ngày liên tục"): Tết "từ thứ bảy ngày 14.2.2026 (tức 27 tháng chạp, năm Ất
-- Tỵ) đến hết chủ nhật ngày 22.2.2026 (tức mùng 6 tháng giêng, năm Bính Ngọ)",
-- 5 Tết days and 4 weekend days, no made-up day; Quốc khánh "nghỉ ngày 2.9.2026
-- ... và 1 ngày liền kề trước" (the article's "1.1.2026" is a misprint for
-- 1.9.2026), "hoán đổi từ ngày làm việc thứ hai (ngày 31.8.2026) sang ngày nghỉ
-- hàng tuần thứ bảy (ngày 22.8.2026)", five days off from Saturday 29/8 to
-- Wednesday 2/9. Giỗ Tổ falls on Sunday 26/4 and is made up on Monday 27/4
-- (Điều 111(3)).
-- REVIEW: the Saturday worked for Friday 2/1 (10/1 here) is not quoted in the
-- sources above; confirm it against the Bộ Nội vụ notice of 25 Dec 2025.
holiday { date = "2026-01-01", name = "Tết Dương lịch", kind = "holiday" }
holiday { date = "2026-01-02", name = "Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)", kind = "compensatory" }
holiday { date = "2026-01-10", name = "Làm bù cho thứ Sáu 02/01/2026", kind = "workday" }
holiday { date = "2026-02-16", name = "Tết Nguyên đán (29 tháng Chạp)", kind = "holiday" }
holiday { date = "2026-02-17", name = "Tết Nguyên đán (mùng 1)", kind = "holiday" }
holiday { date = "2026-02-18", name = "Tết Nguyên đán (mùng 2)", kind = "holiday" }
holiday { date = "2026-02-19", name = "Tết Nguyên đán (mùng 3)", kind = "holiday" }
holiday { date = "2026-02-20", name = "Tết Nguyên đán (mùng 4)", kind = "holiday" }
holiday { date = "2026-04-26", name = "Giỗ Tổ Hùng Vương (10/3 âm lịch)", kind = "holiday" }
holiday { date = "2026-04-27", name = "Nghỉ bù Giỗ Tổ Hùng Vương", kind = "compensatory" }
holiday { date = "2026-04-30", name = "Ngày Chiến thắng", kind = "holiday" }
holiday { date = "2026-05-01", name = "Ngày Quốc tế Lao động", kind = "holiday" }
holiday { date = "2026-08-22", name = "Làm bù cho thứ Hai 31/8/2026", kind = "workday" }
holiday { date = "2026-08-31", name = "Nghỉ hoán đổi (làm bù thứ Bảy 22/8/2026)", kind = "compensatory" }
holiday { date = "2026-09-01", name = "Quốc khánh (ngày liền trước)", kind = "holiday" }
holiday { date = "2026-09-02", name = "Quốc khánh", kind = "holiday" }
-- REVIEW: 24/11 "Ngày Văn hóa Việt Nam" is to become a paid holiday (Nghị quyết
-- 80-NQ/TW; Nghị quyết 30/NQ-CP asks for an amendment of Điều 112 of the Labour
-- Code); not listed until the amendment takes effect.

-- 2027: no official notice on Tết Âm lịch (mùng 1 Tết Đinh Mùi falls in early
-- February 2027) or Quốc khánh 2027 was found by 3 Dec 2026, so no 2027 day is
-- listed and the working-day calendar falls back, with a warning, to the
-- fixed-date holidays of Điều 112 (1/1, 30/4, 1/5, 2/9).
-- REVIEW: add 2027 (Tết, Giỗ Tổ, the day next to 2/9, any swapped days) from the
-- Bộ Nội vụ notice once issued. Years 2028-2030 likewise.
