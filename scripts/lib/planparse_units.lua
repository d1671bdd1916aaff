-- Units for import-plan: the names of provincial departments, boards and
-- associations as plans write them, mapped to codes, and the register of
-- the units one document names. A name is matched after folding (case,
-- diacritics), with "&" read as "và", dashes and punctuation as spaces, and
-- the province's name and a final "tỉnh" left out, so "Sở Lao động- Thương
-- binh và Xã hội", "Sở Thông tin & Truyền thông" and "Sở KH&CN" all match.
-- A name one word away from a known one is taken for it, with a review;
-- any other name becomes a new unit with a generated code.
local T = require "planparse_text"
local W = require "planparse_words"

local U = {}

-- {P} in a code stands for the province's initials ("YB" for Yên Bái).
U.KNOWN = {
  { code = "SKHCN", kind = "department", name = "Sở Khoa học và Công nghệ",
    name_en = "Department of Science and Technology",
    aliases = { "Sở KH&CN", "Sở KHCN", "Sở KH và CN", "Sở Khoa học - Công nghệ" } },
  { code = "SCT", kind = "department", name = "Sở Công Thương",
    name_en = "Department of Industry and Trade", aliases = { "Sở CT" } },
  { code = "STTTT", kind = "department", name = "Sở Thông tin và Truyền thông",
    name_en = "Department of Information and Communications",
    aliases = { "Sở TT&TT", "Sở TTTT", "Sở TT và TT" } },
  { code = "SKHDT", kind = "department", name = "Sở Kế hoạch và Đầu tư",
    name_en = "Department of Planning and Investment", aliases = { "Sở KH&ĐT", "Sở KHĐT" } },
  { code = "SGTVT", kind = "department", name = "Sở Giao thông vận tải",
    name_en = "Department of Transport", aliases = { "Sở GTVT" } },
  { code = "SLDTBXH", kind = "department", name = "Sở Lao động - Thương binh và Xã hội",
    name_en = "Department of Labour, Invalids and Social Affairs",
    aliases = { "Sở LĐ-TB&XH", "Sở LĐTBXH", "Sở LĐ, TB và XH" } },
  { code = "STC", kind = "department", name = "Sở Tài chính",
    name_en = "Department of Finance" },
  { code = "SNNPTNT", kind = "department", name = "Sở Nông nghiệp và Phát triển nông thôn",
    name_en = "Department of Agriculture and Rural Development",
    aliases = { "Sở NN&PTNT", "Sở NNPTNT", "Sở Nông nghiệp và PTNT" } },
  { code = "SXD", kind = "department", name = "Sở Xây dựng",
    name_en = "Department of Construction" },
  { code = "SYT", kind = "department", name = "Sở Y tế", name_en = "Department of Health" },
  { code = "SGDDT", kind = "department", name = "Sở Giáo dục và Đào tạo",
    name_en = "Department of Education and Training", aliases = { "Sở GD&ĐT", "Sở GDĐT" } },
  { code = "SVHTTDL", kind = "department", name = "Sở Văn hóa, Thể thao và Du lịch",
    name_en = "Department of Culture, Sports and Tourism",
    aliases = { "Sở VHTT&DL", "Sở VHTTDL", "Sở Văn hoá, Thể thao và Du lịch" } },
  { code = "STNMT", kind = "department", name = "Sở Tài nguyên và Môi trường",
    name_en = "Department of Natural Resources and Environment",
    aliases = { "Sở TN&MT", "Sở TNMT" } },
  { code = "SNV", kind = "department", name = "Sở Nội vụ", name_en = "Department of Home Affairs" },
  { code = "STP", kind = "department", name = "Sở Tư pháp", name_en = "Department of Justice" },
  { code = "SNGV", kind = "department", name = "Sở Ngoại vụ",
    name_en = "Department of Foreign Affairs" },
  { code = "BDT", kind = "board", name = "Ban Dân tộc tỉnh",
    name_en = "Provincial Ethnic Minorities Committee" },
  { code = "TTR", kind = "department", name = "Thanh tra tỉnh",
    name_en = "Provincial Inspectorate" },
  { code = "CTK", kind = "department", name = "Cục Thống kê tỉnh",
    name_en = "Provincial Statistics Office" },
  { code = "CTHUE", kind = "department", name = "Cục Thuế tỉnh", name_en = "Provincial Tax Department" },
  { code = "CAT", kind = "department", name = "Công an tỉnh", name_en = "Provincial Police" },
  { code = "NHNN_CN", kind = "department", name = "Ngân hàng Nhà nước chi nhánh tỉnh",
    name_en = "State Bank of Vietnam, provincial branch" },
  { code = "BQLKCN", kind = "board", name = "Ban Quản lý các khu công nghiệp tỉnh",
    name_en = "Provincial Industrial Zones Management Board",
    aliases = { "BQL các khu CN tỉnh", "Ban Quản lý các KCN tỉnh" } },
  { code = "BQLKKT", kind = "board", name = "Ban Quản lý khu kinh tế tỉnh",
    name_en = "Provincial Economic Zone Management Board" },
  { code = "LMHTX", kind = "association", name = "Liên minh Hợp tác xã tỉnh",
    name_en = "Provincial Cooperative Alliance", aliases = { "Liên minh HTX tỉnh" } },
  { code = "HHDN", kind = "association", name = "Hiệp hội doanh nghiệp tỉnh",
    name_en = "Provincial Business Association", aliases = { "Hiệp hội DN tỉnh" } },
  { code = "LHHKHKT", kind = "association", name = "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
    name_en = "Provincial Union of Science and Technology Associations" },
  { code = "HLHPN", kind = "association", name = "Hội Liên hiệp Phụ nữ tỉnh",
    name_en = "Provincial Women's Union" },
  { code = "HND", kind = "association", name = "Hội Nông dân tỉnh",
    name_en = "Provincial Farmers' Association" },
  { code = "DAI_PTTH", kind = "press", name = "Đài Phát thanh và Truyền hình tỉnh",
    name_en = "Provincial Radio and Television Station",
    aliases = { "Đài PT và TH tỉnh", "Đài PT-TH tỉnh" } },
  { code = "HDND_{P}", kind = "council", name = "Hội đồng nhân dân tỉnh",
    name_en = "Provincial People's Council", aliases = { "HĐND tỉnh" } },
  { code = "VP_UBND_{P}", kind = "department", name = "Văn phòng Ủy ban nhân dân tỉnh",
    name_en = "Office of the Provincial People's Committee", aliases = { "Văn phòng UBND tỉnh" } },
  { code = "BKHCN", kind = "ministry", name = "Bộ Khoa học và Công nghệ",
    name_en = "Ministry of Science and Technology", aliases = { "Bộ KH&CN" } },
  { code = "TTG", kind = "national", name = "Thủ tướng Chính phủ", name_en = "Prime Minister" },
  { code = "CP", kind = "national", name = "Chính phủ", name_en = "Government" },
  { code = "BKHDT", kind = "ministry", name = "Bộ Kế hoạch và Đầu tư",
    name_en = "Ministry of Planning and Investment", aliases = { "Bộ KH&ĐT" } },
  { code = "BTC", kind = "ministry", name = "Bộ Tài chính", name_en = "Ministry of Finance" },
}

-- The first words of a new unit's name, and the kind they make it.
local KIND_BY_START = {
  { "so ", "department" }, { "ban ", "board" }, { "hiep hoi ", "association" },
  { "hoi ", "association" }, { "lien minh ", "association" }, { "lien hiep ", "association" },
  { "uy ban nhan dan huyen", "district" }, { "uy ban nhan dan thi xa", "district" },
  { "uy ban nhan dan thanh pho", "district" }, { "ubnd huyen", "district" },
  { "dai hoc ", "university" }, { "truong dai hoc ", "university" }, { "hoc vien ", "university" },
  { "phan hieu dai hoc ", "university" }, { "truong cao dang ", "university" },
  { "vien ", "institute" }, { "trung tam nghien cuu ", "institute" },
  { "bao ", "press" }, { "dai phat thanh", "press" }, { "tap chi ", "press" },
  { "thong tan xa ", "press" },
  { "bo ", "ministry" }, { "thu tuong", "national" }, { "chinh phu", "national" },
  { "quoc hoi", "national" }, { "tong cuc ", "national" }, { "van phong chinh phu", "national" },
}
local CODE_SKIP = { va = true, cac = true, cua = true, ve = true }

local function squeeze(s)
  return (s:gsub(" +", " "):gsub("^ ", ""):gsub(" $", ""))
end

-- The folded form names are compared in.
local function name_key(name, place_key)
  local k = T.fold(name):gsub("\226\128[\147\148]", " "):gsub("&", " va ")
  k = squeeze(k:gsub("%p", " "))
  if place_key and place_key ~= "" then
    for _, tail in ipairs({ " tinh " .. place_key, " thanh pho " .. place_key, " " .. place_key }) do
      if k:sub(-#tail) == tail then k = k:sub(1, -#tail - 1) break end
    end
  end
  return (k:gsub(" tinh$", ""))
end

-- Word-level edit distance of two folded names, up to limit + 1.
local function distance(a, b, limit)
  local x, y = {}, {}
  for w in a:gmatch("%S+") do x[#x + 1] = w end
  for w in b:gmatch("%S+") do y[#y + 1] = w end
  if math.abs(#x - #y) > limit then return limit + 1 end
  local prev = {}
  for j = 0, #y do prev[j] = j end
  for i = 1, #x do
    local cur = { [0] = i }
    for j = 1, #y do
      cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i] == y[j] and 0 or 1))
    end
    prev = cur
  end
  return prev[#y], #x, #y
end

-- A register for one document: province = { place = "Yên Bái" } gives the
-- initials of {P} and the place left out of names.
function U.register(place)
  local place_key = place and T.fold(place) or ""
  local initials = T.initials(place_key)
  if initials == "" then initials = "TINH" end
  local R = { list = {}, by_code = {}, keys = {}, place_key = place_key,
              initials = initials, new = {} }
  for _, k in ipairs(U.KNOWN) do
    local code = k.code:gsub("{P}", initials)
    local entry = { code = code, kind = k.kind, name = k.name, name_en = k.name_en }
    R.keys[name_key(k.name, place_key)] = entry
    for _, a in ipairs(k.aliases or {}) do R.keys[name_key(a, place_key)] = entry end
  end
  return setmetatable(R, { __index = U })
end

function U:key(name)
  return name_key(name, self.place_key)
end

-- The known entry a name matches exactly (after folding), if any.
function U:known(name)
  return self.keys[self:key(name)]
end

-- The known entry one word away from name, when exactly one is.
function U:near(name)
  local key, found = self:key(name), nil
  local _, words = distance(key, key, 1)
  if (words or 0) < 4 then return nil end
  local seen = {}
  for k, entry in pairs(self.keys) do
    local d, _, other = distance(key, k, 1)
    if d == 1 and (other or 0) >= 4 and not seen[entry] then
      if found and found ~= entry then return nil end
      found, seen[entry] = entry, true
    end
  end
  return found
end

-- Whether a name stands for a group of units ("Các đơn vị liên quan").
function U.is_collective(name)
  local key = T.fold(name)
  return key:sub(1, #W.COLLECTIVE_START) == W.COLLECTIVE_START
    or T.has_any(key, W.COLLECTIVE_ANY) ~= nil
end

-- Whether a collective name stands for the province's districts ("Ủy ban
-- nhân dân các huyện, thị xã và thành phố Đông Hà").
function U.is_districts(name)
  return U.is_collective(name) and T.has_any(T.fold(name), W.DISTRICTS) ~= nil
end

-- Whether a coordinating cell means every unit concerned.
function U.all_concerned(name)
  local key = T.fold(name):gsub("%.$", "")
  for _, p in ipairs(W.ALL_CONCERNED) do if key == p then return true end end
  return false
end

function U:new_code(key)
  local code = T.initials(key, CODE_SKIP)
  if #code < 2 and key:match("^%a+") then -- "Báo Quảng Trị": BAO_QT
    code = key:match("^%a+"):upper() .. "_" .. self.initials
  end
  if not code:match("^[A-Z]") then code = "DV_" .. code end
  if #code < 2 then code = "DV_" .. code end
  local base, n = code, 1
  while self.by_code[code] or self:code_known(code) do
    n = n + 1
    code = base .. "_" .. n
  end
  return code
end

function U:code_known(code)
  for _, entry in pairs(self.keys) do if entry.code == code then return true end end
  return false
end

local function kind_of(key)
  for _, k in ipairs(KIND_BY_START) do
    if key:sub(1, #k[1]) == k[1] then return k[2] end
  end
  return "department"
end

-- Add a unit to the register (once); returns its record.
function U:add(entry)
  local u = self.by_code[entry.code]
  if not u then
    u = { code = entry.code, kind = entry.kind, name = entry.name, name_en = entry.name_en,
          aliases = {}, roles = {}, line = entry.line, new = entry.new, reviews = {} }
    self.by_code[u.code] = u
    self.list[#self.list + 1] = u
  end
  return u
end

-- Remember that the text wrote this unit as `as` (an alias when it is not
-- the name itself).
local function note_alias(u, as)
  if as == u.name then return end
  for _, a in ipairs(u.aliases) do if a == as then return end end
  u.aliases[#u.aliases + 1] = as
end

-- Resolve a unit name met at line (with its text, for reviews): returns
-- the unit record and a review (or nil).
function U:resolve(name, line, quote)
  name = T.trim(name):gsub("[.;:,]+$", "")
  local entry, review = self:known(name), nil
  if not entry then
    entry = self:near(name)
    if entry then
      review = { line = line, quote = quote,
        reason = string.format("unit \"%s\" read as %s \"%s\"", name, entry.code, entry.name) }
    end
  end
  if not entry then
    local key = self:key(name)
    local code = self.new_codes and self.new_codes[key]
    if not code then
      code = self:new_code(key)
      self.new_codes = self.new_codes or {}
      self.new_codes[key] = code
    end
    entry = { code = code, kind = kind_of(squeeze(T.fold(name):gsub("%p", " ")) .. " "), name = name,
              new = true }
    review = { line = line, quote = quote,
      reason = string.format("unit \"%s\" is not in the list of known units: new unit %s", name, code) }
  end
  local u = self:add({ code = entry.code, kind = entry.kind, name = entry.name,
                       name_en = entry.name_en, line = line, new = entry.new })
  note_alias(u, name)
  if review and not u.reviewed then
    u.reviewed = true
    u.reviews[#u.reviews + 1] = review
    if u.new then self.new[#self.new + 1] = u end
    return u, review
  end
  return u, nil
end

-- Whether a segment after a comma continues a group's name ("thị xã và
-- thành phố Đông Hà").
local function continues(seg)
  local key = T.fold(seg)
  for _, w in ipairs(W.COLLECTIVE_MORE) do
    if key:sub(1, #w + 1) == w .. " " then return true end
  end
  return false
end

-- Split a list of unit names ("Sở Tài chính, Sở Y tế", "Các sở: Công
-- Thương, Văn hóa, Thể thao và Du lịch, ...") into names. Segments are
-- joined again where together they make a known name.
function U:split(text)
  local prefix = ""
  local head, rest = text:match("^([^:]+):%s*(.+)$")
  if head then
    local hw = T.words(head)
    if #hw == 2 and hw[1].key == "cac" then
      prefix = T.first_upper(hw[2].text:gsub("%p+$", "")) .. " "
      text = rest
    end
  end
  local segs = {}
  for part in text:gmatch("[^,;]+") do
    part = T.trim(part)
    if part ~= "" then segs[#segs + 1] = part end
  end
  local names, i = {}, 1
  while i <= #segs do
    local took = nil
    for n = math.min(4, #segs - i + 1), 2, -1 do
      local cand = table.concat(segs, ", ", i, i + n - 1)
      if self:known(prefix .. cand) then took = n break end
    end
    took = took or 1
    local name = prefix .. table.concat(segs, ", ", i, i + took - 1)
    i = i + took
    -- a group of units takes the short words that continue it ("UBND các
    -- huyện, thị xã, thành phố")
    if U.is_collective(name) then
      while segs[i] and not self:known(segs[i]) and (select(2, segs[i]:gsub("%S+", "")) <= 3
          or continues(segs[i])) do
        name, i = name .. ", " .. segs[i], i + 1
      end
    end
    names[#names + 1] = name
  end
  return names
end

return U
