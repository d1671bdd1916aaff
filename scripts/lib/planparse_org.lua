-- Reading section IV of a plan ("Tổ chức thực hiện"): the units its
-- headings name, their roles, the plan's standing body. Methods of
-- planparse_doc's Doc.
local T = require "planparse_text"
local W = require "planparse_words"
local U = require "planparse_units"
local D = require "planparse_doc"

local Doc, ref = D.Doc, D.ref

-- The unit names of a heading of section IV and the text after its colon.
local function heading_names(title)
  local text = title:gsub("[:.]+$", "")
  local head, rest = text:match("^([^:]+):%s*(.*)$")
  local list, extra = text, nil
  if head then
    local hw = T.words(head)
    if #hw == 2 and hw[1].key == "cac" then
      list = head .. ": " .. rest
    else
      list, extra = head, rest ~= "" and rest or nil
    end
  end
  local words = T.words(list)
  local at = T.find_phrase(words, W.NAME_LIST_END)
  if at and at > 1 then list = T.join(words, 1, at - 1) end
  return list, extra
end

-- The group unit a collective name stands for: the province's districts
-- (UBND_HUYEN) or the departments and boards (CAC_SO_NGANH). Its members
-- are not in the text: the districts' group is declared without them, the
-- departments' group gets the departments and boards the plan names (a
-- guess, marked for review) when a duty needs it.
function Doc:group_unit(name, line)
  name = T.trim(name):gsub("[.;:,]+$", "")
  local districts = U.is_districts(name)
  local code = districts and "UBND_HUYEN" or "CAC_SO_NGANH"
  local u = self.units.by_code[code]
  if not u then
    u = self.units:add({ code = code, kind = "group", name = T.first_upper(name), line = line.n,
      name_en = districts and "District-level People's Committees"
        or "Departments and boards concerned" })
    u.group, u.members, u.group_line = districts and "districts" or "departments", {}, line
  elseif u.name ~= T.first_upper(name) then
    local seen = false
    for _, a in ipairs(u.aliases) do if a == name then seen = true end end
    if not seen then u.aliases[#u.aliases + 1] = name end
  end
  return u
end

-- The units of a heading of section IV: those it names, or the group a
-- collective heading stands for (districts always; departments only when
-- create is true).
function Doc:heading_units(sub, list)
  local units = {}
  local collective = U.is_collective(list) and not list:find(":")
  if collective then
    if U.is_districts(list) then units[1] = self:group_unit(list, sub.line) end
    return units, collective
  end
  for _, name in ipairs(self.units:split(list)) do
    if not U.is_collective(name) and #T.words(name) <= 12 then
      local u, review = self.units:resolve(name, sub.line.n, sub.line.text)
      if review then self.reviews[#self.reviews + 1] = review end
      units[#units + 1] = u
    end
  end
  return units, false
end

function Doc:read_org(sec)
  for _, sub in ipairs(sec.subs) do
    local list, extra = heading_names(sub.title)
    local units, collective = self:heading_units(sub, list)
    local roles, rlist, paras = {}, {}, {}
    if extra then roles[1] = extra end
    local function add(ps)
      for _, p in ipairs(ps) do
        roles[#roles + 1] = self:check_text(p.line, p.text, rlist)
        paras[#paras + 1] = { line = p.line, text = roles[#roles] }
      end
    end
    add(sub.paras)
    for _, ss in ipairs(sub.subs) do
      roles[#roles + 1] = self:check_text(ss.line, ss.title, rlist)
      paras[#paras + 1] = { line = ss.line, text = roles[#roles] }
      add(ss.paras)
    end
    for _, u in ipairs(units) do
      for _, r in ipairs(roles) do u.roles[#u.roles + 1] = r end
      for _, r in ipairs(rlist) do u.reviews[#u.reviews + 1] = r end
      u.role_ref = (u.role_ref and (u.role_ref .. ", ") or "") .. ref(sec, sub)
    end
    if #units == 1 and T.has_any(T.fold(table.concat(roles, " ")), W.STANDING_UNIT)
        and not self.standing then
      self.standing = units[1]
    end
    local function group()
      if #units == 0 and collective then units[1] = self:group_unit(list, sub.line) end
      return units
    end
    for _, p in ipairs(paras) do self:read_duties(group, p, ref(sec, sub)) end
  end
end

---------------------------------------------------------------------------
-- Reporting duties: "định kỳ 6 tháng (trước ngày 15/6) và hằng năm
-- (trước ngày 15/11) báo cáo ... về Sở Khoa học và Công nghệ"
---------------------------------------------------------------------------

-- The units named in words[from..to], in order: the longest run of words
-- that names a known unit (or one already in the register) at each place.
function Doc:units_in(words, from, to)
  local found, i = {}, from
  while i <= to do
    local took
    for j = math.min(to, i + 9), i, -1 do
      local name = T.join(words, i, j):gsub("[%p]+$", ""):gsub("^[%p]+", "")
      local first = words[i].text:sub(1, 1)
      if first:match("%u") or first:byte() >= 0xC3 then
        local entry = self.units:known(name)
        if entry and #T.words(name) >= 2 then
          local u = self.units:add({ code = entry.code, kind = entry.kind, name = entry.name,
                                     name_en = entry.name_en, new = entry.new })
          found[#found + 1], took = u, j
          break
        end
      end
    end
    i = (took or i) + 1
  end
  return found
end

-- The frequencies a clause names, each with the deadline after it, in
-- order: { { every =, half =, day =, month =, at = position } }.
local function frequencies(key)
  local list = {}
  for _, f in ipairs(W.FREQUENCIES) do
    local init = 1
    while true do
      local s, e = key:find("%f[%w]" .. f[1] .. "%f[%W]", init)
      if not s then break end
      local taken = false
      for _, o in ipairs(list) do if s >= o.at and s <= o.stop then taken = true end end
      if not taken then list[#list + 1] = { every = f[2], half = f[2] == "half", at = s, stop = e } end
      init = e + 1
    end
  end
  table.sort(list, function(a, b) return a.at < b.at end)
  for k, f in ipairs(list) do
    local limit = list[k + 1] and list[k + 1].at or #key + 1
    local rest = key:sub(f.stop + 1, limit - 1)
    for _, p in ipairs(W.DEADLINES) do
      local c, a, b = rest:match(p)
      if a then
        f.day, f.month = tonumber(a), tonumber(b)
        f.date_text = c
        break
      end
    end
  end
  return list
end

-- The numbers and dates a paragraph holds: { text, used = false }.
local function numbers_in(text)
  local list = {}
  for n in text:gmatch("%d+[/%d,.]*%d*") do list[#list + 1] = { text = n } end
  return list
end

local function use(numbers, text)
  for _, n in ipairs(numbers) do
    if not n.used and n.text:gsub("[.,]+$", "") == text then n.used = true return end
  end
end

-- The duties one paragraph of section IV sets for the units its heading
-- names (units(): a collective heading's group is made when a duty needs
-- it), and a review of every date or number in it that no duty uses.
function Doc:read_duties(units, p, place)
  local numbers = numbers_in(p.text)
  for clause in (p.text .. ";"):gmatch("([^;]*);") do
    local key = T.fold(clause)
    local from = T.has_any(key, W.REPORTING) and #frequencies(key) > 0 and units() or {}
    if #from > 0 then
      local words = T.words(clause)
      local at = 1
      for i, w in ipairs(words) do
        local next_word = words[i + 1] and words[i + 1].key:gsub("%p", "")
        if w.key:gsub("%p", "") == "bao" and next_word == "cao" then
          at = i + 2
          break
        end
      end
      local to = {}
      for _, u in ipairs(self:units_in(words, at, #words)) do
        local own = false
        for _, f in ipairs(from) do if f == u then own = true end end
        if not own then to[#to + 1] = u end
      end
      for _, f in ipairs(frequencies(key)) do
        if #to > 0 then
          self:add_duty(from, to, f, p, place)
          if f.every == "half" then use(numbers, "6") end
          for n in (f.date_text or ""):gsub(" thang ", " "):gmatch("%S+") do use(numbers, n) end
          if f.date_text then use(numbers, f.date_text) end
        end
      end
    end
  end
  local left = {}
  for _, n in ipairs(numbers) do if not n.used then left[#left + 1] = n.text:gsub("[.,]+$", "") end end
  if #left > 0 then
    local r = self:review(p.line, "a date or number the draft does not use (" ..
                          table.concat(left, ", ") .. ")")
    self.unused[#self.unused + 1] = { review = r, numbers = left, place = place }
  end
end

-- Add a duty, or add `from` to an equal one (same frequency, deadline and
-- recipients).
function Doc:add_duty(from, to, f, p, place)
  local codes = {}
  for i, u in ipairs(to) do codes[i] = u.code end
  local key = table.concat({ f.every, tostring(f.half), tostring(f.day), tostring(f.month),
                             table.concat(codes, ",") }, "|")
  for _, d in ipairs(self.duties) do
    if d.key == key then
      for _, u in ipairs(from) do d.from[#d.from + 1] = u end
      d.lines[#d.lines + 1] = p.line
      return
    end
  end
  local d = { key = key, from = {}, to = to, every = f.every, half = f.half, day = f.day,
              month = f.month, line = p.line, lines = { p.line }, place = place, quote = p.text,
              reviews = {} }
  for _, u in ipairs(from) do d.from[#d.from + 1] = u end
  if f.every == "half" then
    -- "6 tháng (trước ngày 15/6)" beside a yearly report: the report on
    -- the first half, once a year; the yearly one covers the second
    d.every = "year"
  end
  if not f.day then
    self:review(p.line, "a report with no deadline in the text: due 5 working days after " ..
                "the Decree 09/2019 cut-off", d.reviews)
  elseif f.every ~= "year" and f.every ~= "half" then
    self:review(p.line, "the deadline of a " .. f.every .. " report read as that day after " ..
                "each period's end", d.reviews)
  end
  self.duties[#self.duties + 1] = d
end

-- Members for the departments' group a duty names: the departments and
-- boards of the plan, without the duties' recipients (a guess, reviewed).
function Doc:finish_groups()
  local recipients = {}
  for _, d in ipairs(self.duties) do
    for _, u in ipairs(d.to) do recipients[u.code] = true end
  end
  for _, u in ipairs(self.units.list) do
    if u.group == "departments" and #u.members == 0 then
      for _, m in ipairs(self.units.list) do
        if (m.kind == "department" or m.kind == "board") and not recipients[m.code]
            and m ~= self.issuer then
          u.members[#u.members + 1] = m.code
        end
      end
      self:review(u.group_line, "the text does not list the members of \"" .. u.name ..
                  "\": the departments and boards this plan names", u.reviews)
    end
  end
end

return Doc
