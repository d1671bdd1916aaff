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
local D = require "planparse_doc"
local Tab = require "planparse_table"
require "planparse_header"
require "planparse_goals"
require "planparse_org"

local Doc, find = D.Doc, D.find
local P = { lines = D.lines, time = Tab.time }

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
      local text, bullet = D.unbullet(l.text)
      local into = subsub or sub or sec or preamble
      if text:find("%w") then
        into.paras[#into.paras + 1] = { line = l, text = text, bullet = bullet }
      end
    end
  end
  return sections, preamble
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
  if not self.header.signer and self.plan_at then
    -- a plan issued with a decision ("ban hành kèm theo Quyết định"): the
    -- decision above it carries the signature
    self:read_signer(lines, 1, self.plan_at - 1)
    if self.header.signer then self.header.signer_of_decision = true end
  end
  self:issuer_unit()
  self:basis_issuer()
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
    tasks = {}, targets = {}, reviews = {}, warnings = {}, duties = {}, unused = {} }, Doc)
  local republic = find(lines, 1, #lines, function(l) return l.key:find(W.REPUBLIC, 1, true) end)
  local plan_at = find(lines, republic or 1, #lines, function(l)
    local w = T.words(l.text)
    return #w >= 2 and T.phrase_at(w, 1, W.PLAN_HEADING) == 2 and T.is_caps(w[1].text .. w[2].text)
  end)
  if not plan_at then
    return nil, "no \"KẾ HOẠCH\" heading: this does not read as a plan"
  end
  doc.plan_at = plan_at
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
  doc:finish_groups()
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
