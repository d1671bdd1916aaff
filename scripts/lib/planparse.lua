-- Reading a Vietnamese provincial plan (a "Kế hoạch" as published, UTF-8
-- text with one paragraph or table cell per line) into a model of a plan
-- package: the header, goals and their numeric targets, task groups,
-- funding, the units of section IV, and the appendix table as tasks.
--
-- The text is read line by line: blank lines are dropped, each line is put
-- in NFC with its spaces made plain, and compared through its folded form
-- (planparse_text.fold) against the wording of planparse_words. What the
-- reader is unsure of is recorded as a review: the line, its text and the
-- reason; what it cannot read at all (no appendix, a table cut short) is a
-- warning.
local T = require "planparse_text"
local W = require "planparse_words"
local U = require "planparse_units"
local TG = require "planparse_targets"
local tu = pw.textutil

local P = {}

---------------------------------------------------------------------------
-- Lines
---------------------------------------------------------------------------

-- Line and column of byte offset `at` in text.
local function position(text, at)
  local before = text:sub(1, at - 1)
  local line = 1 + select(2, before:gsub("\n", ""))
  local start = before:match(".*\n()") or 1
  return line, at - start + 1
end

-- The non-blank lines of text: { n = line number, text = cleaned, key =
-- folded }; or nil and why the text cannot be read.
function P.lines(text)
  local ok, bad = tu.valid(text)
  if not ok then
    local line, col = position(text, bad)
    local hint = "convert it to UTF-8 first (e.g. iconv -f WINDOWS-1258 -t UTF-8)"
    if text:match("^\255\254") or text:match("^\254\255") then
      hint = "it looks like UTF-16; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)"
    end
    return nil, string.format("not UTF-8: byte %d (line %d, column %d) is 0x%02X; %s",
                              bad, line, col, text:byte(bad), hint)
  end
  text = tu.nfc(text:gsub("^\239\187\191", ""):gsub("\r\n?", "\n"))
  local lines, n = {}, 0
  for raw in (text .. "\n"):gmatch("([^\n]*)\n") do
    n = n + 1
    local t = T.clean(raw)
    if t ~= "" then lines[#lines + 1] = { n = n, text = t, key = T.fold(t) } end
  end
  return lines
end

---------------------------------------------------------------------------
-- The document being read
---------------------------------------------------------------------------

local Doc = {}
Doc.__index = Doc

-- Record a review of the value read from line; also add it to list (the
-- reviews printed above that value).
function Doc:review(line, reason, list)
  local r = { line = line.n, quote = line.text, reason = reason }
  self.reviews[#self.reviews + 1] = r
  if list then list[#list + 1] = r end
  return r
end

function Doc:warn(n, message)
  self.warnings[#self.warnings + 1] = { line = n, message = message }
end

-- Text without its bullet ("- ", "+ ", "• ", "– "); and whether it had one.
local function unbullet(text)
  local rest = text:match("^[-+*]%s*(.*)$") or text:match("^\226\128[\147\148\162]%s*(.*)$")
  if rest then return rest, true end
  return text, false
end

local function lone_letter(w)
  return #w.key == 1 and w.key:match("%l") and not W.ONE_LETTER_WORDS[w.key]
    and T.fold(w.text) == w.key and T.starts_small(w.text)
end

-- Check a paragraph for the defects scraping leaves; returns the text as
-- it should be read (a lost first letter restored when the word is a
-- known one), recording reviews on list.
function Doc:check_text(line, text, list)
  if T.starts_small(text) then
    local fixed
    for _, f in ipairs(W.LOST_INITIAL) do
      if text:sub(1, #f[1]) == f[1] then
        fixed = f[2] .. text:sub(#f[1] + 1)
        self:review(line, string.format("starts with a small letter (a letter lost); read as \"%s\"",
                                        f[2]), list)
        break
      end
    end
    if not fixed then
      self:review(line, "starts with a small letter: a letter or word may be lost", list)
    end
    text = fixed or text
  end
  for a, b in text:gmatch("(%d%d%d%d)%s*%-%s*(%d%d%d%d)") do
    if tonumber(b) < tonumber(a) then
      self:review(line, string.format("the period %s-%s ends before it starts", a, b), list)
    end
  end
  for _, w in ipairs(T.words(text)) do
    if lone_letter(w) then
      self:review(line, string.format("the lone letter \"%s\": part of a word may be lost", w.text), list)
    end
  end
  if text:find(" [,;]") then
    self:review(line, "a space before a comma: a word may be lost", list)
  end
  return (text:gsub("(%d)%%%s+/", "%1%%/"))
end

---------------------------------------------------------------------------
-- Header
---------------------------------------------------------------------------

local function find(lines, from, to, pred)
  for i = from, to do
    if pred(lines[i]) then return i end
  end
end

local function is_rule(l) return l.text:match("^[-_=*. ]+$") ~= nil end

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

-- A folded text without punctuation, for comparing short lines.
local function bare(key)
  return T.trim((key:gsub("%p", " "):gsub(" +", " ")))
end

local function one_of(key, list)
  for _, s in ipairs(list) do
    if bare(key) == bare(s) then return true end
  end
  return false
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

---------------------------------------------------------------------------
-- Body: sections, numbered and lettered sub-sections, paragraphs
---------------------------------------------------------------------------

local function section_kind(title)
  local key = T.fold(title)
  for _, s in ipairs(W.SECTIONS) do
    if T.has_any(key, s.any) then return s.kind end
  end
  return "other"
end

-- The body's outline: sections { roman, title, line, kind, paras, subs };
-- a sub { no, title, line, paras, subs }; a paragraph { line, text, bullet }.
function P.outline(lines, from, to)
  local preamble = { paras = {} }
  local sections, sec, sub, subsub = {}, nil, nil, nil
  for i = from, to do
    local l = lines[i]
    local roman, rtitle = l.text:match("^([IVXL]+)[.)]%s+(.+)$")
    local no, ntitle = l.text:match("^(%d+)[.)]%s+(.+)$")
    local letter, ltitle = l.text:match("^([a-z])%)%s+(.+)$")
    if not letter then letter, ltitle = l.text:match("^(đ)%)%s+(.+)$") end
    if not letter then letter, ltitle = l.text:match("^(%d+%.%d+)%.?%s+(.+)$") end
    if roman then
      sec = { roman = roman, title = rtitle, line = l, kind = section_kind(rtitle), paras = {}, subs = {} }
      sections[#sections + 1] = sec
      sub, subsub = nil, nil
    elseif no and sec and not letter then
      sub = { no = tonumber(no), title = ntitle, line = l, paras = {}, subs = {} }
      sec.subs[#sec.subs + 1] = sub
      subsub = nil
    elseif letter and sub then
      subsub = { no = letter, title = ltitle, line = l, paras = {}, subs = {} }
      sub.subs[#sub.subs + 1] = subsub
    else
      local text, bullet = unbullet(l.text)
      local into = subsub or sub or sec or preamble
      if text:find("%w") then
        into.paras[#into.paras + 1] = { line = l, text = text, bullet = bullet }
      end
    end
  end
  return sections, preamble
end

-- "I.2.a" for a paragraph's place.
local function ref(sec, sub, subsub)
  local parts = { sec.roman }
  if sub then parts[#parts + 1] = tostring(sub.no) end
  if subsub then parts[#parts + 1] = subsub.no end
  return table.concat(parts, ".")
end

-- A year or window named in a heading or sentence.
local function when_in(key)
  for _, p in ipairs(W.WINDOW) do
    local a, b = key:match(p)
    if a and tonumber(a) <= tonumber(b) then return nil, { tonumber(a), tonumber(b) } end
  end
  for _, p in ipairs(W.BY_YEAR) do
    local y = key:match(p)
    if y then return tonumber(y), nil end
  end
end

---------------------------------------------------------------------------
-- Goals and their targets
---------------------------------------------------------------------------

-- The sentences of a paragraph: split after a full stop followed by a
-- capital letter (not after "...", nor inside "1.000").
local function sentences(text)
  local list, from, i = {}, 1, 1
  while true do
    local s, e = text:find("%.%s+", i)
    if not s then break end
    local rest = text:sub(e + 1)
    if rest ~= "" and not T.starts_small(rest) and not rest:match("^%d")
        and text:sub(s - 1, s - 1) ~= "." then
      list[#list + 1] = text:sub(from, s)
      from = e + 1
    end
    i = e + 1
  end
  list[#list + 1] = text:sub(from)
  return list
end

function Doc:add_targets(text, line, ctx)
  for _, sentence in ipairs(sentences(text)) do
    self:add_sentence_targets(sentence, line, ctx)
  end
end

function Doc:add_sentence_targets(text, line, ctx)
  for _, t in ipairs(TG.find(text)) do
    t.line, t.quote, t.reviews = line, text, {}
    t.goal, t.ref, t.scope = ctx.goal, ctx.ref, ctx.scope
    t.by, t.window, t.task = t.year or ctx.by, ctx.window, ctx.task
    if t.review then self:review(line, t.review, t.reviews) end
    if not t.by and not t.window and not ctx.task then
      self:review(line, "a target with no year to place it under: given the plan's end year", t.reviews)
      t.unplaced = true
    end
    self.targets[#self.targets + 1] = t
  end
end

function Doc:goal(kind, by, para, place)
  local g = { kind = kind, by = by, line = para.line, reviews = {}, ref = place }
  g.text = self:check_text(para.line, para.text, g.reviews)
  self.goals[#self.goals + 1] = g
  return g
end

local function goal_kind(title)
  local key = T.fold(title):gsub("[:.]+$", "")
  if T.has_any(key, W.GOAL_GENERAL) then return "general" end
  if T.has_any(key, { W.GOAL_REQUIREMENT }) then return "requirement" end
  if key:match("^muc tieu") and not T.has_any(key, { W.GOAL_SPECIFIC }) then
    return "specific", "heading read as \"Mục tiêu cụ thể\""
  end
  return "specific"
end

function Doc:read_goals(sec)
  local pending = {} -- reviews of a heading, shown above its first goal
  local function take(paras, kind, by, window, place)
    for _, p in ipairs(paras) do
      if not p.text:match("^%(.*%)$") then
        local g = self:goal(kind, by, p, place)
        for k, r in ipairs(pending) do table.insert(g.reviews, k, r) end
        pending = {}
        self:add_targets(g.text, p.line, { goal = g, ref = place, by = by, window = window,
                                           scope = "plan" })
      end
    end
  end
  take(sec.paras, "general", nil, nil, sec.roman)
  for _, sub in ipairs(sec.subs) do
    local kind, why = goal_kind(sub.title)
    if why then self:review(sub.line, why, pending) end
    local by, window = when_in(T.fold(sub.title))
    if kind == "general" or kind == "requirement" then by, window = nil, nil end
    take(sub.paras, kind, by, window, ref(sec, sub))
    for _, ss in ipairs(sub.subs) do
      local sby, swin = when_in(T.fold(ss.title))
      take(ss.paras, kind, sby or by, swin or window, ref(sec, sub, ss))
    end
  end
end

---------------------------------------------------------------------------
-- Task groups, funding, units of section IV
---------------------------------------------------------------------------

function Doc:read_groups(sec)
  self.group_nos = self.group_nos or {}
  local seen = self.group_nos
  for _, sub in ipairs(sec.subs) do
    if seen[sub.no] then
      self:review(sub.line, string.format("a second group %d: left out", sub.no))
    else
      seen[sub.no] = true
      local g = { no = sub.no, title = sub.title:gsub("[:.]+$", ""), items = {}, line = sub.line,
                  reviews = {} }
      local function add(paras)
        for _, p in ipairs(paras) do
          if not p.text:match("^%(.*%)$") then
            g.items[#g.items + 1] = self:check_text(p.line, p.text, g.reviews)
          end
        end
      end
      add(sub.paras)
      for _, ss in ipairs(sub.subs) do
        g.items[#g.items + 1] = self:check_text(ss.line, ss.title, g.reviews)
        add(ss.paras)
      end
      self.groups[#self.groups + 1] = g
    end
  end
end

function Doc:read_budget(sec)
  local paras = {}
  local function collect(list) for _, p in ipairs(list) do paras[#paras + 1] = p end end
  collect(sec.paras)
  for _, sub in ipairs(sec.subs) do
    paras[#paras + 1] = { line = sub.line, text = sub.title }
    collect(sub.paras)
  end
  local have = {}
  for _, b in ipairs(self.budget) do have[b.code] = true end
  for _, f in ipairs(W.FUNDING) do
    for _, p in ipairs(paras) do
      local phrase = not have[f.code] and T.has_any(T.fold(p.text), f.any)
      if phrase then
        self.budget[#self.budget + 1] = { code = f.code, source = f.source, line = p.line,
                                          text = p.text }
        break
      end
    end
  end
end

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

function Doc:read_org(sec)
  for _, sub in ipairs(sec.subs) do
    local list, extra = heading_names(sub.title)
    local units = {}
    local collective = U.is_collective(list) and not list:find(":")
    if not collective then
      for _, name in ipairs(self.units:split(list)) do
        if not U.is_collective(name) and #T.words(name) <= 12 then
          local u, review = self.units:resolve(name, sub.line.n, sub.line.text)
          if review then self.reviews[#self.reviews + 1] = review end
          units[#units + 1] = u
        end
      end
    end
    local roles, rlist = {}, {}
    if extra then roles[1] = extra end
    local function add(paras)
      for _, p in ipairs(paras) do
        roles[#roles + 1] = self:check_text(p.line, p.text, rlist)
      end
    end
    add(sub.paras)
    for _, ss in ipairs(sub.subs) do
      roles[#roles + 1] = self:check_text(ss.line, ss.title, rlist)
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
  end
end

---------------------------------------------------------------------------
-- Appendix table
---------------------------------------------------------------------------

-- The column a header cell names, or nil.
local function column_of(l)
  local key = l.key:gsub("[:.]+$", "")
  for _, c in ipairs(W.COLUMNS) do
    for _, e in ipairs(c.exact or {}) do if key == e then return c.col end end
    if c.any and T.has_any(key, c.any) then return c.col end
  end
end

-- A time cell as the plugin's `when`: when, how sure ("sure", "part",
-- "span"), or nil.
function P.time(key)
  key = key:gsub("[.;:]+$", "")
  for _, t in ipairs(W.TIMES) do
    local caps = { key:match(t[1]) }
    local kind, a, b = t[2], caps[1], caps[2]
    if a then
      if kind == "year" then return a, "sure"
      elseif kind == "range" then
        if tonumber(a) > tonumber(b) then return nil, "backwards", a .. "-" .. b end
        return a .. "/" .. b, "sure"
      elseif kind == "annual" then return "annual", "sure"
      elseif kind == "from" then return "from " .. a, "sure"
      elseif kind == "span" then return nil, "span"
      elseif kind == "part" then return caps[#caps], "part"
      end
    end
  end
end

local function is_time(l)
  local when, how = P.time(l.key)
  return when ~= nil or how == "span" or how == "backwards"
end

local function row_number(l)
  local n = l.text:match("^(%d+)%.?$")
  return n and tonumber(n)
end

-- Split the appendix lines into the header's columns and rows of cells.
function Doc:table_rows(lines, from, to)
  local columns, first
  local h = find(lines, from, to, function(l) return column_of(l) == "no" end)
  if h then
    columns = { "no" }
    local i = h + 1
    while i <= to and not row_number(lines[i]) do
      local c = column_of(lines[i])
      if c then columns[#columns + 1] = c
      else columns[#columns + 1] = "other" end
      i = i + 1
    end
    first = i
  else
    first = find(lines, from, to, function(l) return row_number(l) == 1 end)
    if first then
      self:warn(lines[first].n, "the appendix has no header row (Stt, Nội dung, nhiệm vụ, " ..
        "Thời gian, Đơn vị chủ trì, Đơn vị phối hợp): read in that order")
    end
    columns = W.DEFAULT_COLUMNS
  end
  local rows, row = {}, nil
  for i = first or to + 1, to do
    local l = lines[i]
    local n = row_number(l)
    local last = row and row.no or 0
    if n and n > last and n <= last + 5 and (not row or #row.cells >= 3) then
      if n ~= last + 1 then
        self:warn(l.n, string.format("appendix row %d follows row %d: rows are missing", n, last))
      end
      row = { no = n, line = l, cells = {} }
      rows[#rows + 1] = row
    elseif row then
      row.cells[#row.cells + 1] = l
    end
  end
  return columns, rows
end

function Doc:task_units(task, lead_cell, support_cell)
  local names = self.units:split(lead_cell.text)
  local leads = {}
  for _, name in ipairs(names) do
    if not U.is_collective(name) then leads[#leads + 1] = name end
  end
  if #leads == 0 then
    self:review(lead_cell, "no single lead unit: the plan's issuer is given as lead", task.reviews)
    task.lead = self.issuer.code
  else
    local u, review = self.units:resolve(leads[1], lead_cell.n, lead_cell.text)
    if review then self.reviews[#self.reviews + 1] = review; task.reviews[#task.reviews + 1] = review end
    task.lead = u.code
  end
  local support = {}
  if #leads > 1 then
    self:review(lead_cell, "several lead units: the first leads, the others coordinate", task.reviews)
    for k = 2, #leads do support[#support + 1] = leads[k] end
  end
  if support_cell then
    if U.all_concerned(support_cell.text) then
      task.support_all = true
    else
      local collective = {}
      for _, name in ipairs(self.units:split(support_cell.text)) do
        if U.is_collective(name) then collective[#collective + 1] = name
        else support[#support + 1] = name end
      end
      if #support == 0 and #collective > 0 then
        task.support_all = true
        self:review(support_cell, "coordinating units named as a group: read as all units concerned",
                    task.reviews)
      elseif #collective > 0 then
        task.support_also = table.concat(collective, ", ")
      end
    end
  end
  task.support, task.support_line = {}, support_cell or lead_cell
  local seen = { [task.lead] = true }
  for _, name in ipairs(support) do
    local line = support_cell or lead_cell
    local u, review = self.units:resolve(name, line.n, line.text)
    if review then self.reviews[#self.reviews + 1] = review; task.reviews[#task.reviews + 1] = review end
    if not seen[u.code] then
      seen[u.code] = true
      task.support[#task.support + 1] = u.code
    end
  end
end

-- The first clause of a paragraph, for a task's title.
local function first_clause(text)
  local cut = text:find(";", 1, true) or text:find("%. ")
  local s = cut and text:sub(1, cut - 1) or text
  return (s:gsub("[%s%p]+$", ""))
end

-- Share a row's cells out to the columns. The time cell anchors them: the
-- cells before it are the content (one or more paragraphs, then one per
-- column between content and time), the cells after it one per column.
-- Returns the content cells and the cells by column, or nil when the row
-- cannot be read.
function Doc:row_cells(row, columns, is_last, reviews)
  local cols = { table.unpack(columns, 2) }
  local t_at
  for k, c in ipairs(cols) do if c == "time" then t_at = k end end
  local cells, cut = row.cells, is_last and "; the table may be cut short" or ""
  local pre, post = t_at and t_at - 1 or #cols, t_at and #cols - t_at or 0
  local t
  if t_at then
    for k = pre + 1, #cells do
      if is_time(cells[k]) then t = k break end
    end
    if not t and #cells >= pre + 1 + post then t = #cells - post end
  end
  if not t then
    self:warn(row.line.n, string.format("appendix row %d is incomplete (no time cell)%s: left out",
                                        row.no, cut))
    return nil
  end
  local by_col = { time = cells[t] }
  for k = 1, post do by_col[cols[t_at + k]] = cells[t + k] end
  if not by_col.lead then
    self:warn(row.line.n, string.format("appendix row %d has no lead unit%s: left out", row.no, cut))
    return nil
  end
  for k = 1, post do
    if cols[t_at + k] == "support" and not by_col.support then
      self:warn(row.line.n, string.format("appendix row %d has no coordinating-unit cell%s",
                                          row.no, cut))
    end
  end
  local extra = #cells - (t + post)
  if extra > 0 then
    local l = cells[t + post + 1]
    if is_last then
      self:warn(l.n, string.format("%d line(s) after the last row of the appendix left out", extra))
    else
      self:review(l, string.format("%d cell(s) more than the table has columns, left out", extra),
                  reviews)
    end
  end
  return { table.unpack(cells, 1, t - pre) }, by_col
end

-- The task's `when` from its time cell.
function Doc:task_time(task, cell)
  local when, how, detail = P.time(cell.key)
  if when == nil then
    when = self.span and (self.span[1] .. "/" .. self.span[2]) or nil
    local why = how == "backwards" and ("the period " .. detail .. " ends before it starts")
      or how == "span" and "a continuing task" or "time not recognised"
    self:review(cell, why .. ": given the plan's span", task.reviews)
  elseif how == "part" then
    task.when_note = cell.text
  end
  task.when, task.when_line = when, cell
end

-- The task's title and items from its content paragraphs; false when
-- there is no text.
function Doc:task_content(task, content)
  local paras = {}
  for _, c in ipairs(content) do
    local text = unbullet(c.text)
    if text:find("%w") then
      paras[#paras + 1] = { line = c, text = self:check_text(c, text, task.reviews) }
    end
  end
  if #paras == 0 then return false end
  if #paras == 1 then
    task.title = paras[1].text
  else
    task.items = {}
    for _, p in ipairs(paras) do task.items[#task.items + 1] = p.text end
    task.title = first_clause(paras[1].text)
    if not task.title:find("%w") then task.title = paras[1].text end
    task.title_from_item = true
  end
  task.content = paras
  return true
end

-- One appendix row as a task, or nil (with a warning) when it cannot be.
function Doc:task(row, columns, is_last)
  local task = { no = row.no, line = row.line, reviews = {}, targets = {} }
  local content, cells = self:row_cells(row, columns, is_last, task.reviews)
  if not content then return nil end
  if not self:task_content(task, content) then
    self:warn(row.line.n, string.format("appendix row %d has no content: left out", row.no))
    return nil
  end
  self:task_time(task, cells.time)
  self:task_units(task, cells.lead, cells.support)
  for _, p in ipairs(task.content) do
    self:add_targets(p.text, p.line, { task = task, ref = "Phụ lục, Stt " .. row.no, scope = "task" })
  end
  return task
end

function Doc:read_appendix(lines, from, to)
  local columns, rows = self:table_rows(lines, from, to)
  if #rows == 0 then
    self:warn(lines[from - 1].n, "the appendix has no numbered rows: no tasks imported")
    return
  end
  for k, row in ipairs(rows) do
    local task = self:task(row, columns, k == #rows)
    if task then self.tasks[#self.tasks + 1] = task end
  end
end

---------------------------------------------------------------------------
-- Putting it together
---------------------------------------------------------------------------

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
  local _, window = when_in(T.fold(self.header.title_source or ""))
  if window then self.span = window return end
  for _, p in ipairs(preamble.paras) do
    _, window = when_in(p.line.key)
    if window then
      self.span = window
      self:review(p.line, "the plan's span taken from this paragraph", self.header.reviews)
      return
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

local function is_appendix(l) return l.key:match("^" .. W.APPENDIX) ~= nil end

-- The body between the title and the appendix, up to "Trên đây là" or
-- "Nơi nhận"; then the signature below it.
function Doc:read_body(lines, from, to)
  local closing = find(lines, from, to, function(l)
    return l.key:sub(1, #W.CLOSING) == W.CLOSING or l.key:sub(1, #W.RECIPIENTS) == W.RECIPIENTS
  end)
  local sections, preamble = P.outline(lines, from, (closing or to + 1) - 1)
  self:read_basis(preamble.paras)
  self:read_signer(lines, closing or from, to)
  self:issuer_unit()
  self:make_title()
  self:read_span(preamble)
  for _, sec in ipairs(sections) do
    if sec.kind == "goals" then self:read_goals(sec)
    elseif sec.kind == "tasks" then self:read_groups(sec)
    elseif sec.kind == "budget" then self:read_budget(sec)
    elseif sec.kind == "org" then self:read_org(sec) end
  end
end

function Doc:missing()
  local h, missing = self.header, {}
  if not h.number then missing[#missing + 1] = "the number (\"Số: ...\")" end
  if not h.issued then
    missing[#missing + 1] = "the place and date (\"..., ngày ... tháng ... năm ...\")"
  end
  if not h.title then missing[#missing + 1] = "the title below \"KẾ HOẠCH\"" end
  if not self.span then missing[#missing + 1] = "the period (\"GIAI ĐOẠN 2021-2030\")" end
  if #missing > 0 then return "not read as a plan: no " .. table.concat(missing, ", no ") end
end

-- Read a plan; returns the document model, or nil and what is missing.
function P.read(text)
  local lines, err = P.lines(text)
  if not lines then return nil, err end
  if #lines == 0 then return nil, "the text is empty" end
  local doc = setmetatable({ header = { reviews = {} }, goals = {}, groups = {}, budget = {},
    tasks = {}, targets = {}, reviews = {}, warnings = {} }, Doc)
  local republic = find(lines, 1, #lines, function(l) return l.key:find(W.REPUBLIC, 1, true) end)
  local plan_at = find(lines, republic or 1, #lines, function(l)
    local w = T.words(l.text)
    return #w >= 2 and T.phrase_at(w, 1, W.PLAN_HEADING) == 2 and T.is_caps(w[1].text .. w[2].text)
  end)
  if not plan_at then
    return nil, "no \"KẾ HOẠCH\" heading: this does not read as a plan"
  end
  doc:read_header(lines, republic, plan_at)
  local body_from = doc:read_title_lines(lines, plan_at)
  local appendix = find(lines, body_from, #lines, is_appendix)
  doc:read_body(lines, body_from, (appendix or #lines + 1) - 1)
  if appendix then
    local second = find(lines, appendix + 1, #lines, is_appendix)
    if second then
      doc:warn(lines[second].n, "a second appendix starts here: only the first is imported")
    end
    doc:read_appendix(lines, appendix + 1, (second or #lines + 1) - 1)
  else
    doc:warn(nil, "no appendix (PHỤ LỤC) found: the package has no tasks")
  end
  if not doc.span then doc:span_from_tasks() end
  local why = doc:missing()
  if why then return nil, why end
  doc:finish_tasks()
  return doc
end

-- Tasks whose time needed the span (read before the span was known).
function Doc:finish_tasks()
  for _, t in ipairs(self.tasks) do
    if not t.when then t.when = self.span[1] .. "/" .. self.span[2] end
  end
  table.sort(self.reviews, function(a, b) return (a.line or 0) < (b.line or 0) end)
end

return P
