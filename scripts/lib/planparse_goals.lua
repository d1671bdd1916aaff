-- Reading a plan's goals and their numeric targets (section I), its task
-- groups (section II) and its funding (section III). Methods of
-- planparse_doc's Doc.
local T = require "planparse_text"
local W = require "planparse_words"
local TG = require "planparse_targets"
local D = require "planparse_doc"

local Doc, ref, when_in = D.Doc, D.ref, D.when_in


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

-- Whether a lettered line is a goal of its own rather than a heading
-- ("a) Đến năm 2025:"): a sentence, not ending with a colon.
local function is_goal_sentence(title)
  return not title:match(":%s*$") and #T.words(title) >= 6
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
      if not sby and not swin and is_goal_sentence(ss.title) then
        -- "a) Phát triển ... ." under a heading: the lettered line is a goal
        take({ { line = ss.line, text = ss.title } }, kind, by, window, ref(sec, sub, ss))
      end
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

return Doc
