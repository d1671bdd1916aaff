-- Numeric targets in a plan's sentences: "đạt 6,2%/năm", "đạt trên 7,2%
-- /năm", "Tối thiểu 15 doanh nghiệp", "từ 1-3 doanh nghiệp". A number is a
-- target when a percentage or a counted noun follows it; the words before
-- it give the comparison ("trên" >, "tối thiểu" >=, "từ A-B" between,
-- "đạt" >=). Numbers use the Vietnamese decimal comma ("6,2") and a dot
-- between thousands ("1.000").
local T = require "planparse_text"
local W = require "planparse_words"

local M = {}

-- A number as the text writes it, or nil.
function M.number(s)
  if s:match("^%d+$") then return math.tointeger(tonumber(s)) end
  if s:match("^%d+,%d+$") then return tonumber((s:gsub(",", "."))) end
  if s:match("^%d%d?%d?%.%d%d%d$") or s:match("^%d%d?%d?%.%d%d%d%.%d%d%d$") then
    return math.tointeger(tonumber((s:gsub("%.", ""))))
  end
  if s:match("^%d+%.%d%d?$") then return tonumber(s) end
  return nil
end

-- The number (or range) that starts at word i: low, high (for a range),
-- the rest of the word after it ("%/năm."), and the index of its last word.
local function read_number(words, i)
  local text = words[i].text:gsub("^[(\"']+", "")
  local a, b, rest = text:match("^(%d[%d.,]*%d)%-(%d[%d.,]*%d?)(.*)$")
  if not a then a, b, rest = text:match("^(%d)%-(%d[%d.,]*%d?)(.*)$") end
  if a then
    local lo, hi = M.number(a), M.number(b)
    if lo and hi then return lo, hi, rest, i end
    return nil
  end
  local n
  n, rest = text:match("^(%d[%d.,]*%d)(.*)$")
  if not n then n, rest = text:match("^(%d)(.*)$") end
  if not n then return nil end
  if n:match("[.,]$") then rest, n = n:sub(-1) .. rest, n:sub(1, -2) end
  local lo = M.number(n)
  if not lo then return nil end
  -- "5 - 10" and "5 đến 10" written as separate words
  local w1, w2 = words[i + 1], words[i + 2]
  if rest == "" and w1 and w2 and (w1.text == "-" or w1.text == "–" or w1.key == "den") then
    local hi_text, hi_rest = w2.text:match("^(%d[%d.,]*%d?)(.*)$")
    local hi = hi_text and M.number((hi_text:gsub("[.,]$", "")))
    if hi then return lo, hi, hi_rest, i + 2 end
  end
  -- "8% đến 10%": a range of percentages
  if rest:match("^%%") and w1 and w2 and w1.key == "den" then
    local hi_text, hi_rest = w2.text:match("^(%d[%d.,]*%d?)(%%.*)$")
    local hi = hi_text and M.number(hi_text)
    if hi and hi_rest:gsub("[.,;]+$", "") == rest:gsub("[.,;]+$", "") then return lo, hi, hi_rest, i + 2 end
  end
  return lo, nil, rest, i
end

-- The counted noun at word i: its words as written and the index of its
-- last word.
local function read_noun(words, i)
  for _, noun in ipairs(W.COUNT_NOUNS) do
    local j = T.phrase_at(words, i, noun)
    if j then
      return T.join(words, i, j):gsub("[%p]+$", ""), j
    end
  end
end

-- The comparison in the words before index i: op, the first word of the
-- cue (or i), and a review reason when the reading is uncertain.
local function read_cue(words, i, is_range)
  for _, cue in ipairs(W.CUES) do
    local n = select(2, cue[1]:gsub("%S+", ""))
    local at = i - n
    if at >= 1 and T.phrase_at(words, at, cue[1]) == i - 1 then
      local op = cue[2]
      if is_range and op ~= "between" then
        return "between", at, "a range after \"" .. T.join(words, at, i - 1) .. "\" read as between"
      end
      if op == "between" and not is_range then break end
      return op, at, cue.review
    end
  end
  if is_range then return "between", i, nil end
  return ">=", i, "no comparison word before the number: read as at least"
end

-- Where the clause holding word i starts: after the last word before it
-- that ends with , ; or :
local function clause_start(words, i)
  for k = i - 1, 1, -1 do
    if words[k].text:match("[,;:]$") then return k + 1 end
  end
  return 1
end

-- Where the clause after word i ends (inclusive).
local function clause_end(words, i, limit)
  for k = i, math.min(#words, i + limit - 1) do
    if words[k].text:match("[,;:.]$") or words[k].text:match("^%(") then
      return words[k].text:match("^%(") and k - 1 or k
    end
  end
  return math.min(#words, i + limit - 1)
end

local function strip_end(s)
  return (s:gsub("[%s%p]+$", ""):gsub("%($", ""))
end

-- What a percentage measures: the words before its cue, without lead-ins
-- ("Góp phần đạt mục tiêu tăng năng suất ... của tỉnh" -> "tăng năng
-- suất ... của tỉnh").
local function rate_subject(words, cue_at)
  local s = clause_start(words, cue_at)
  -- "Tỷ lệ doanh nghiệp ứng dụng ... trong sản xuất, kinh doanh đạt ...":
  -- a comma inside the subject, not before it
  if s > 1 and cue_at - s <= 3 and T.phrase_at(words, 1, "ty le") or s > 1 and cue_at - s <= 3
      and (T.phrase_at(words, 1, "ty trong") or T.phrase_at(words, 1, "toc do")) then
    s = 1
  end
  local moved = true
  while moved and s < cue_at do
    moved = false
    for _, lead in ipairs(W.LEAD_INS) do
      local j = T.phrase_at(words, s, lead)
      if j and j < cue_at then s, moved = j + 1, true break end
    end
    local y = words[s] and words[s].key
    if not moved and y == "den" and words[s + 1] and words[s + 1].key == "nam" then
      s, moved = s + 3, true
    end
  end
  local e = cue_at - 1
  while e >= s and (words[e].key == "dat" or words[e].key == "la") do e = e - 1 end
  if s > e then return nil end
  return strip_end(T.join(words, s, e))
end

-- The targets of one paragraph: a list of { op, value (number or {lo,
-- hi}), measure, name, review (reason or nil), year (a year the sentence
-- itself names, or nil) }.
function M.find(text)
  local words, found = T.words(text), {}
  local i = 1
  while i <= #words do
    local lo, hi, rest, last = nil, nil, nil, nil
    if words[i].text:match("^[(\"']*%d") then lo, hi, rest, last = read_number(words, i) end
    local measure, noun_end
    if lo then
      local pct = rest and rest:match("^%%")
      if not pct and rest == "" and words[last + 1] and words[last + 1].text:match("^%%") then
        pct, last = true, last + 1
        rest = words[last].text
      end
      if pct then
        local after = rest:gsub("^%%", "")
        if after:match("^/n") or (after == "" and words[last + 1]
            and T.fold(words[last + 1].text):match("^/nam")) then
          measure = "%/năm"
          if after == "" then last = last + 1 end
        else
          measure = "%"
        end
        noun_end = last
      elseif rest == "" or rest:match("^%p*$") then
        local noun, j = read_noun(words, last + 1)
        if noun then measure, noun_end = noun, j end
      end
    end
    if measure then
      local op, cue_at, review = read_cue(words, i, hi ~= nil)
      for _, d in ipairs(W.DECREASE) do
        if cue_at > 1 and words[cue_at - 1].key == d then
          review = "a decrease (\"" .. words[cue_at - 1].text .. "\"): check the comparison"
        end
      end
      local name
      if measure:match("^%%") then
        local subject = rate_subject(words, cue_at)
        if subject then
          name = T.first_upper(subject)
          if T.fold(subject):match("^tang ") and measure == "%/năm" then
            name = "Tốc độ " .. subject
          end
        else
          review = review or "no words before the percentage name what it measures"
        end
      else
        local stop = clause_end(words, noun_end + 1, 14)
        local tail = stop > noun_end and strip_end(T.join(words, noun_end + 1, stop)) or ""
        name = "Số " .. measure .. (tail ~= "" and (" " .. tail) or "")
      end
      local year = T.fold(text):match("den nam (%d%d%d%d)")
      found[#found + 1] = {
        op = op, value = hi and { lo, hi } or lo, measure = measure,
        cue = cue_at < i and T.join(words, cue_at, i - 1) or nil,
        name = name or "Chỉ tiêu", review = review, year = year and tonumber(year),
      }
      if hi and hi < lo then
        found[#found].review = "the range " .. lo .. "-" .. hi .. " runs backwards"
        found[#found].value = { hi, lo }
      end
      i = noun_end + 1
    else
      i = i + 1
    end
  end
  return found
end

-- The code of the indicator a target measures: a known one from its name,
-- else one made of its words ("DN_AP_DUNG_CONG_CU").
function M.code(name)
  local key = T.fold(name)
  for _, k in ipairs(W.INDICATORS) do
    local all = true
    for _, p in ipairs(k.all) do
      if not T.has_any(key, { p }) then all = false break end
    end
    if all then return k.code, k end
  end
  local s = " " .. key:gsub("%p", " "):gsub(" +", " ") .. " "
  s = s:gsub("^ so ", " "):gsub("^ toc do ", " ")
  for _, a in ipairs(W.ABBREVIATIONS) do
    s = s:gsub(" " .. a[1]:gsub("%p", "%%%0") .. " ", " " .. a[2] .. " ")
  end
  local skip, parts, len = {}, {}, 0
  for _, w in ipairs(W.SLUG_SKIP) do skip[w] = true end
  for w in s:gmatch("%S+") do
    if not skip[w] and #parts < 5 and len + #w < 36 then
      parts[#parts + 1] = w:upper()
      len = len + #w + 1
    end
  end
  local code = table.concat(parts, "_"):gsub("[^A-Z0-9_]", "")
  if not code:match("^[A-Z]") then code = "CT_" .. code end
  return code
end

return M
