-- The wording import-plan recognises in a Vietnamese plan. Keys are folded:
-- lower case, without diacritics ("Đơn vị chủ trì" -> "don vi chu tri"),
-- the form planparse_text.fold gives, so one key matches "Hàng năm" and
-- "Hằng năm", "ỦY BAN" and "Uỷ ban". Values written into a package are
-- spelled in full.
local W = {}

-- Lines of the header block.
W.REPUBLIC = "cong hoa xa hoi chu nghia viet nam"
W.PLAN_HEADING = "ke hoach"
W.BASIS_LEADS = { "thuc hien", "can cu" }
W.DOC_TYPES = { "quyet dinh", "nghi quyet", "chi thi", "ke hoach", "nghi dinh",
                "thong tu", "luat", "chuong trinh", "cong van", "van ban", "ket luan" }
W.SIGNATURE = { "kt. chu tich", "kt chu tich", "tm. uy ban nhan dan", "tm uy ban nhan dan",
                "chu tich", "pho chu tich", "q. chu tich" }
W.SIGNED = { "(da ky)", "da ky" }
W.RECIPIENTS = "noi nhan"
W.CLOSING = "tren day la"
W.APPENDIX = "phu luc"
-- Proper nouns a title in capitals may hold, restored after lowering it.
W.PROPER = { "Việt Nam", "Chính phủ", "Thủ tướng Chính phủ" }

-- Section titles (I., II. ...), by what they hold.
W.SECTIONS = {
  { kind = "goals", any = { "muc tieu", "muc dich" } },
  { kind = "tasks", any = { "nhiem vu", "giai phap" } },
  { kind = "budget", any = { "kinh phi" } },
  { kind = "org", any = { "to chuc thuc hien" } },
}

-- Sub-headings of the goals section.
W.GOAL_GENERAL = { "muc tieu chung", "muc tieu tong quat", "muc dich" }
W.GOAL_SPECIFIC = "muc tieu cu the"
W.GOAL_REQUIREMENT = "yeu cau"

-- A deadline or window in a heading or sentence.
W.BY_YEAR = { "den nam (%d%d%d%d)", "nam (%d%d%d%d)" }
W.WINDOW = { "giai doan (%d%d%d%d) ?%- ?(%d%d%d%d)", "(%d%d%d%d) ?%- ?(%d%d%d%d)" }

-- The appendix table's columns, by what a header cell says.
W.COLUMNS = {
  { col = "no", exact = { "stt", "tt", "so tt", "so thu tu" } },
  { col = "content", any = { "noi dung", "nhiem vu" } },
  { col = "time", any = { "thoi gian", "tien do", "thoi han" } },
  { col = "lead", any = { "chu tri" } },
  { col = "support", any = { "phoi hop" } },
}
W.DEFAULT_COLUMNS = { "no", "content", "time", "lead", "support" }

-- A time cell: folded text -> the plugin's `when`. Captures are years;
-- kind says how they make a `when`; loose ones are read with a review.
W.TIMES = {
  { "^nam (%d%d%d%d)$", "year" },
  { "^(%d%d%d%d)$", "year" },
  { "^nam (%d%d%d%d) ?%- ?(%d%d%d%d)$", "range" },
  { "^giai doan (%d%d%d%d) ?%- ?(%d%d%d%d)$", "range" },
  { "^(%d%d%d%d) ?%- ?(%d%d%d%d)$", "range" },
  { "^tu nam (%d%d%d%d) den nam (%d%d%d%d)$", "range" },
  { "^tu nam (%d%d%d%d) den (%d%d%d%d)$", "range" },
  { "^hang nam$", "annual" },
  { "^tu nam (%d%d%d%d)$", "from" },
  { "^tu (%d%d%d%d)$", "from" },
  { "^tu nam (%d%d%d%d) tro di$", "from" },
  { "^thuong xuyen$", "span" },
  { "^thuong xuyen, hang nam$", "annual" },
  { "^quy ([ivx1234]+) ?/ ?(%d%d%d%d)$", "quarter" },
  { "^quy ([ivx1234]+) nam (%d%d%d%d)$", "quarter" },
  { "^tu quy ([ivx1234]+) ?/ ?(%d%d%d%d) den quy ([ivx1234]+) ?/ ?(%d%d%d%d)$", "quarters" },
  { "^tu quy ([ivx1234]+) nam (%d%d%d%d) den quy ([ivx1234]+) nam (%d%d%d%d)$", "quarters" },
  { "^thang (%d%d?) ?/ ?(%d%d%d%d)$", "month" },
  { "^thang (%d%d?) nam (%d%d%d%d)$", "month" },
  { "^6 thang (%a+) nam (%d%d%d%d)$", "half" },
  { "^sau thang (%a+) nam (%d%d%d%d)$", "half" },
}

-- Quarter numbers as written; the halves of a year ("6 tháng đầu năm").
W.QUARTERS = { i = 1, ii = 2, iii = 3, iv = 4, ["1"] = 1, ["2"] = 2, ["3"] = 3, ["4"] = 4 }
W.HALVES = { dau = 1, cuoi = 2 }

-- Coordinating-unit cells that mean every unit concerned.
W.ALL_CONCERNED = { "cac don vi lien quan", "cac co quan, don vi lien quan",
  "cac so, nganh lien quan", "cac so, ban, nganh lien quan", "cac co quan lien quan",
  "cac so, ban, nganh", "cac co quan, don vi co lien quan", "cac don vi co lien quan" }
-- Words that mark a name as a group of units rather than one.
W.COLLECTIVE_START = "cac "
W.COLLECTIVE_ANY = { "lien quan", "cac huyen", "cac xa", "cac so", "cac dia phuong" }
-- Segments that continue a group's name after a comma ("UBND các huyện,
-- thị xã và thành phố Đông Hà").
W.COLLECTIVE_MORE = { "thi xa", "thanh pho", "huyen", "quan", "thi tran", "xa", "phuong" }
-- A group of the province's districts; the departments' group.
W.DISTRICTS = { "cac huyen", "cac quan", "cac thi xa", "cac dia phuong" }
W.DEPARTMENTS = { "cac so", "cac co quan", "cac don vi" }
-- Words that end a list of unit names in a heading of section IV.
W.NAME_LIST_END = { "trong pham vi", "co trach nhiem", "chiu trach nhiem", "theo chuc nang" }
-- A unit that runs the plan day to day (its indicators' owner).
W.STANDING_UNIT = { "co quan thuong truc", "dau moi theo doi", "chu tri xay dung ke hoach" }

-- Reporting duties in section IV: a clause that reports ...
W.REPORTING = { "bao cao" }
-- ... how often (folded text, longest first; "6 tháng" is the first half's
-- report) ...
W.FREQUENCIES = {
  { "dinh ky 6 thang", "half" }, { "dinh ky sau thang", "half" }, { "6 thang", "half" },
  { "sau thang", "half" }, { "hang nam", "year" }, { "ca nam", "year" },
  { "hang quy", "quarter" }, { "hang thang", "month" },
}
-- ... and by when: "trước ngày 15/6", "trước ngày 15 tháng 6" (day,
-- month, the date as written).
W.DEADLINES = {
  "^%s*,?%s*truoc ngay ((%d%d?)/(%d%d?))",
  "^[^,;]-truoc ngay ((%d%d?)/(%d%d?))",
  "^%s*,?%s*truoc ngay ((%d%d?) thang (%d%d?))",
  "^[^,;]-truoc ngay ((%d%d?) thang (%d%d?))",
}

-- Funding sources of the budget section.
W.FUNDING = {
  { code = "NGAN_SACH_NN", source = "state_budget", any = { "ngan sach nha nuoc" } },
  { code = "VON_DOANH_NGHIEP", source = "enterprise", any = { "von cua doanh nghiep", "von doanh nghiep" } },
  { code = "NGUON_KHAC", source = "other", any = { "nguon von huy dong", "nguon hop phap khac", "nguon khac" } },
}

-- Targets. Comparison words before a number, longest first; the table
-- "words -> op" of plugins/README.md is this list. "trên" means strictly
-- above, "tối thiểu" at least, "từ A-B" / "từ A đến B" between, "khoảng"
-- approximately (op "~", with the default tolerance stated in the target).
W.CUES = {
  { "khong vuot qua", "<=" }, { "khong it hon", ">=" }, { "khong duoi", ">=" },
  { "khong thap hon", ">=" }, { "toi thieu", ">=" }, { "it nhat", ">=" }, { "toi da", "<=" },
  { "khong qua", "<=" }, { "it hon", "<" }, { "thap hon", "<" }, { "cao hon", ">" },
  { "vuot", ">" }, { "tren", ">" }, { "hon", ">" }, { "duoi", "<" }, { "dat", ">=" },
  { "bang", "=" }, { "khoang", "~" }, { "xap xi", "~" }, { "tu", "between" },
}
-- The share of its value an approximate target ("khoảng 45%") may miss by
-- when the text gives none: loader.TOLERANCE_SHARE, written into the draft.
W.TOLERANCE_SHARE = 0.05
-- An average rate of growth ("Tốc độ tăng ... bình quân ... %/năm"): its
-- indicator has rule "cagr" over the indicator whose growth it measures,
-- named by the subject without these words.
W.GROWTH_ALL = { "tang", "binh quan" }
W.GROWTH_DROP = { "toc do tang truong", "toc do tang", "tang truong", "tang", "binh quan",
  "hang nam", "cua tinh" }
-- A decrease reads the other way; such targets are marked for review.
W.DECREASE = { "giam", "ha" }
-- What is counted after a number ("15 doanh nghiệp"), longest first.
W.COUNT_NOUNS = {
  "doanh nghiep nho va vua", "hop tac xa", "doanh nghiep", "san pham", "mo hinh",
  "du an", "de tai", "nhiem vu", "sang kien", "sang che", "chuong trinh",
  "to chuc", "co so", "don vi", "lao dong", "nguoi", "luot", "khoa", "lop",
  "nhom", "dn", "htx", "xa", "huyen", "lang nghe", "ty dong", "trieu dong",
  "phong thi nghiem", "tieu chuan", "he thong",
}
-- Words before a percentage that are not the thing measured.
W.LEAD_INS = { "gop phan", "phan dau", "muc tieu", "bao dam", "dam bao", "dat",
  "hang nam", "binh quan hang nam" }

-- Indicators other plans of this kind name, by the words their sentence
-- holds (all must appear, in the folded name); the first match wins.
W.INDICATORS = {
  { code = "NSLD_TANG_BQ", all = { "tang nang suat lao dong", "binh quan" },
    name = "Tốc độ tăng năng suất lao động bình quân",
    name_en = "Average labour productivity growth",
    of = { code = "NSLD", name = "Năng suất lao động", name_en = "Labour productivity",
           measure = "triệu đồng/lao động" } },
  { code = "NSLD_TANG", all = { "tang nang suat lao dong" },
    name = "Tốc độ tăng năng suất lao động", name_en = "Labour productivity growth" },
  { code = "TFP_DONG_GOP", all = { "dong gop", "tfp" },
    name = "Tỷ lệ đóng góp của năng suất các nhân tố tổng hợp (TFP) vào tăng trưởng",
    name_en = "Contribution of total factor productivity (TFP) to growth" },
  { code = "DN_DU_AN_DIEM", all = { "doanh nghiep", "du an diem" },
    name = "Số doanh nghiệp xây dựng và triển khai dự án điểm về cải tiến năng suất",
    name_en = "Enterprises carrying out pilot productivity-improvement projects" },
  { code = "DN_UNG_DUNG_CNS", all = { "doanh nghiep ung dung cong nghe so" },
    name = "Số doanh nghiệp được hỗ trợ ứng dụng công nghệ số, đổi mới sáng tạo",
    name_en = "Enterprises supported to adopt digital technology and innovation" },
  { code = "DN_CONG_NGHE_SO", all = { "doanh nghiep cong nghe so" },
    name = "Số doanh nghiệp công nghệ số điển hình được xây dựng, thúc đẩy",
    name_en = "Model digital-technology enterprises developed" },
  { code = "NHOM_DNNVV_HO_TRO", all = { "nhom doanh nghiep nho va vua" },
    name = "Số nhóm doanh nghiệp nhỏ và vừa trọng tâm được hỗ trợ",
    name_en = "Focus groups of small and medium-sized enterprises supported" },
  { code = "DN_XAY_LAP_THI_DIEM", all = { "doanh nghiep thi cong xay lap" },
    name = "Số doanh nghiệp thi công xây lắp triển khai thí điểm nâng cao năng suất",
    name_en = "Construction enterprises piloting productivity improvement" },
}
-- For other indicators a code is made from the words: these phrases are
-- abbreviated, these words left out.
W.ABBREVIATIONS = {
  { "doanh nghiep nho va vua", "DNNVV" }, { "doanh nghiep", "DN" },
  { "nang suat lao dong", "NSLD" }, { "hop tac xa", "HTX" },
  { "khoa hoc va cong nghe", "KHCN" }, { "khoa hoc cong nghe", "KHCN" },
  { "cong nghe so", "CNS" }, { "chuyen doi so", "CDS" },
  { "doi moi sang tao", "DMST" }, { "thuong mai dien tu", "TMDT" },
  { "san pham", "SP" }, { "ty le", "TY_LE" }, { "nang suat", "NS" }, { "co so", "CO_SO" },
}
-- ("Số" and "Tốc độ" that open a name are left out too.)
W.SLUG_SKIP = { "cua", "cac", "nhung", "va", "tren", "dia", "ban",
  "tinh", "duoc", "co", "cho", "trong", "ve", "voi", "de", "nham", "tai", "mot",
  "the", "la", "thi" }

-- Defects of scraped text. A paragraph that starts with a small letter has
-- lost its first letter; these are the usual words such a loss leaves.
W.LOST_INITIAL = {
  { "ng dụng", "Ứng dụng" }, { "y ban", "Ủy ban" }, { "u tiên", "Ưu tiên" },
  { "n định", "Ổn định" }, { "ẩy mạnh", "Đẩy mạnh" }, { "ổi mới", "Đổi mới" },
  { "ào tạo", "Đào tạo" }, { "ánh giá", "Đánh giá" }, { "ầu tư", "Đầu tư" },
  { "ịnh hướng", "Định hướng" }, { "iều tra", "Điều tra" }, { "iều chỉnh", "Điều chỉnh" },
}
-- Letters that are words of their own; any other lone small letter is a
-- fragment of a word.
W.ONE_LETTER_WORDS = { a = true, e = true, o = true, u = true, y = true, i = true }

return W
