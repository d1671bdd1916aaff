-- Reading a plan's header and title: the issuer above "CỘNG HÒA XÃ HỘI
-- ...", the number, the place and date, the basis ("Thực hiện ...", "Căn
-- cứ ..."), the title below "KẾ HOẠCH" and the span it names, the signer,
-- and the issuer as a unit of the register. Methods of planparse_doc's Doc.
local T = require "planparse_text"
local W = require "planparse_words"
local U = require "planparse_units"
local D = require "planparse_doc"

local Doc, find, is_rule, one_of, when_in = D.Doc, D.find, D.is_rule, D.one_of, D.when_in

-- The issuer: the lines in capitals just above "CỘNG HÒA XÃ HỘI ...".
function Doc:read_issuer(lines, republic)
  if not republic then return end
  local parts, first = {}, nil
  local own = lines[republic].text
  local words = T.words(own)
  local at = T.find_phrase(words, { "cong hoa xa hoi" })
  if at and at > 1 then
    parts[1], first = T.join(words, 1, at - 1), lines[republic]
  else
    for i = republic - 1, math.max(1, republic - 5), -1 do
      local l = lines[i]
      if not is_rule(l) then
        if not T.is_caps(l.text) then break end
        table.insert(parts, 1, l.text)
        first = l
      end
    end
  end
  if #parts > 0 then
    self.header.issuer_text, self.header.issuer_line = table.concat(parts, " "), first
  end
end

-- "Yên Bái, ngày 11 tháng 5 năm 2021": the place and the date of issue.
function Doc:read_date(l)
  local d, m, y = l.key:match(", ngay (%d%d?) thang (%d%d?) nam (%d%d%d%d)")
  if not d then return end
  local date = string.format("%04d-%02d-%02d", tonumber(y), tonumber(m), tonumber(d))
  if pw.valid_date(date) then
    self.header.issued, self.header.issued_line = date, l
  else
    self:review(l, "not a date: " .. date, self.header.reviews)
  end
  self.header.place = T.trim(l.text:match("^(.-),") or "")
end

-- The basis: the decision named in the first "Thực hiện ..." line, else
-- the last "Căn cứ ..." line that names one.
function Doc:read_basis(paras)
  local chosen, leads = nil, 0
  for _, p in ipairs(paras) do
    local key = p.line.key
    local is_do = key:sub(1, 9) == "thuc hien"
    if is_do or key:sub(1, 6) == "can cu" then
      local words = T.words(p.line.text)
      for i, w in ipairs(words) do
        if w.key == "so" and words[i + 1] and words[i + 1].text:match("%d+/") then
          local number = words[i + 1].text:gsub("[,;.:]+$", "")
          if is_do then
            self.header.basis, self.header.basis_line = number, p.line
            return
          end
          chosen, leads = { number, p.line }, leads + 1
          break
        end
      end
    end
  end
  if chosen then
    self.header.basis, self.header.basis_line = chosen[1], chosen[2]
    if leads > 1 then
      self:review(chosen[2], "the basis is the last of several \"Căn cứ\" lines", self.header.reviews)
    end
  end
end

-- A person's name: two to six words, each with a capital, no digits.
local function is_name(l)
  local words = T.words(l.text)
  if #words < 2 or #words > 6 or l.text:find("%d") or T.is_caps(l.text) then return false end
  for _, w in ipairs(words) do
    if T.starts_small(w.text) then return false end
  end
  return true
end

-- The signer: the name under "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (after a
-- "(Đã ký)", if any).
function Doc:read_signer(lines, from, to)
  local sig = find(lines, from, to, function(l) return one_of(l.key, W.SIGNATURE) end)
  if not sig then return end
  for i = sig + 1, math.min(to, sig + 6) do
    local l = lines[i]
    if not one_of(l.key, W.SIGNED) and is_name(l) then
      self.header.signer, self.header.signer_line = l.text, l
      return
    end
  end
end



-- The issuer as a unit of the register, from "ỦY BAN NHÂN DÂN / TỈNH X".
function Doc:issuer_unit()
  local h = self.header
  local text = h.issuer_text
  local key = text and T.fold(text) or ""
  local level, place_key = key:match("^uy ban nhan dan (tinh) (.+)$")
  if not level then level, place_key = key:match("^uy ban nhan dan (thanh pho) (.+)$") end
  local place = h.place
  if place_key and (not place or T.fold(place) ~= place_key) then
    local words = T.words(text)
    place = T.title_case(T.join(words, #words - select(2, place_key:gsub("%S+", "")) + 1))
  end
  local reg = U.register(place_key and place or h.place)
  self.units = reg
  if level then
    local level_vi = level == "tinh" and "tỉnh" or "thành phố"
    local u = reg:add({ code = "UBND_" .. reg.initials, kind = "province",
      name = "Ủy ban nhân dân " .. level_vi .. " " .. place,
      name_en = place .. (level == "tinh" and " Provincial" or " City") .. " People's Committee",
      line = h.issuer_line.n })
    u.aliases = { text, "Ủy ban nhân dân " .. level_vi, "UBND " .. level_vi }
    reg.keys[reg:key(u.name)] = u
    reg.keys[reg:key("UBND " .. level_vi)] = u
    self.issuer, self.province = u, place
    return
  end
  if text then
    local entry = reg:known(text)
    if entry then
      self.issuer = reg:add({ code = entry.code, kind = entry.kind, name = entry.name,
                              name_en = entry.name_en, line = h.issuer_line.n })
      return
    end
    local u, review = reg:resolve(T.first_upper(T.sentence_case(text)), h.issuer_line.n,
                                  h.issuer_line.text)
    if review then self.reviews[#self.reviews + 1] = review end
    self.issuer = u
    return
  end
  local l = h.issued_line or h.number_line
  local u = reg:add({ code = "UBND_" .. reg.initials, kind = "province",
    name = "Ủy ban nhân dân tỉnh " .. (h.place or ""), line = l and l.n, new = true })
  if l then self:review(l, "no issuer block above \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\": " ..
                        "issuer taken from the place of issue", u.reviews) end
  self.issuer = u
end

-- The plan's span: from the title, else the opening paragraphs, else the
-- years of the tasks.
function Doc:read_span(preamble)
  local title = T.fold(self.header.title_source or "")
  local _, window = when_in(title)
  if window then self.span = window return end
  -- "KẾ HOẠCH ... NĂM 2021": a plan for one year (not "đến năm 2030")
  local y = title:match("nam (%d%d%d%d)$") or title:match("nam (%d%d%d%d) ")
  if y and not title:find("den nam " .. y, 1, true) then
    self.span = { tonumber(y), tonumber(y) }
    return
  end
  for _, p in ipairs(preamble.paras) do
    _, window = when_in(p.line.key)
    if window then
      self.span = window
      self:review(p.line, "the plan's span taken from this paragraph", self.header.reviews)
      return
    end
  end
end

-- The body that issued the decision the plan implements ("Quyết định số
-- 2117/QĐ-TTg ... của Thủ tướng Chính phủ"), as a unit when it is a known
-- one.
function Doc:basis_issuer()
  local l = self.header.basis_line
  if not l then return end
  local words = T.words(l.text)
  for i, w in ipairs(words) do
    if w.key == "cua" then
      for j = math.min(#words, i + 8), i + 1, -1 do
        local name = T.join(words, i + 1, j):gsub("[%p]+$", "")
        local entry = self.units:known(name)
        if entry then
          local u = self.units:add({ code = entry.code, kind = entry.kind, name = entry.name,
                                     name_en = entry.name_en, line = l.n })
          u.basis_of = self.header.basis
          return
        end
      end
    end
  end
end

function Doc:span_from_tasks()
  local lo, hi
  for _, t in ipairs(self.tasks) do
    for y in (t.when or ""):gmatch("%d%d%d%d") do
      y = tonumber(y)
      lo, hi = math.min(lo or y, y), math.max(hi or y, y)
    end
  end
  if lo then
    self.span = { lo, hi }
    local l = self.header.title_line or self.tasks[1].line
    self:review(l, string.format("no span in the title: %d/%d from the tasks' times", lo, hi),
                self.header.reviews)
  end
end

-- The number and the place and date, above the "KẾ HOẠCH" heading.
function Doc:read_header(lines, republic, plan_at)
  local h = self.header
  self:read_issuer(lines, republic)
  for i = 1, plan_at - 1 do
    local l = lines[i]
    local number = l.key:match("^so:?%s*%d+/") and l.text:match("(%d+/%S+)")
    if number and not h.number then h.number, h.number_line = number:gsub("[.,;]+$", ""), l end
    if not h.issued then self:read_date(l) end
  end
end

-- The title: the heading's own words, else the lines in capitals below it
-- (else the one line below it). Returns the index of the body's first line.
function Doc:read_title_lines(lines, plan_at)
  local h, parts = self.header, {}
  local i = plan_at + 1
  local rest = lines[plan_at].text:match("^%S+%s+%S+%s+(.+)$")
  if rest then
    parts[1] = rest
  else
    while i <= #lines and T.is_caps(lines[i].text) and not lines[i].text:match("^[IVXL]+%.%s") do
      parts[#parts + 1] = lines[i].text
      i = i + 1
    end
    local l = lines[i]
    if #parts == 0 and l and not l.key:match("^thuc hien") and not l.key:match("^can cu") then
      parts[1], i = l.text, i + 1
    end
  end
  h.title_source = table.concat(parts, " ")
  h.title_line = lines[plan_at + 1] or lines[plan_at]
  return i
end

-- "Kế hoạch ..." from the title in capitals, with the province's name and
-- a few proper nouns written as they should be.
function Doc:make_title()
  local h = self.header
  if h.title_source == "" then return end
  local proper = { self.province or h.place }
  for _, p in ipairs(W.PROPER) do proper[#proper + 1] = p end
  local title = h.title_source
  if T.is_caps(title) then title = T.sentence_case(title, proper) end
  if T.fold(title):sub(1, 9) ~= W.PLAN_HEADING .. " " then
    title = "Kế hoạch " .. T.first_lower(title)
  end
  h.title = title
end


return Doc
