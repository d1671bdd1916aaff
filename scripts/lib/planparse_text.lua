-- Text functions of import-plan over the core's text primitives
-- (pw.textutil): folding for comparison, words with their folded keys,
-- case of the first letter.
local tu = pw.textutil

local T = {}

-- Lower case without diacritics: the form every wording list is keyed by.
function T.fold(s)
  return tu.strip(tu.lower(s))
end

-- Spaces that are not ASCII (no-break, thin, ideographic) and characters of
-- no width, as published pages carry them.
local WIDE_SPACES = { "\194\160", "\226\128[\128-\138]", "\226\128\175", "\227\128\128",
                      "\226\129\159" }
local NO_WIDTH = { "\226\128[\139-\141]", "\239\187\191", "\194\173" }

-- One line with its spaces made plain, runs of them squeezed, ends trimmed.
function T.clean(s)
  for _, p in ipairs(NO_WIDTH) do s = s:gsub(p, "") end
  for _, p in ipairs(WIDE_SPACES) do s = s:gsub(p, " ") end
  s = s:gsub("%c", " "):gsub(" +", " ")
  return (s:gsub("^ ", ""):gsub(" $", ""))
end

function T.trim(s)
  return (s:gsub("^%s+", ""):gsub("%s+$", ""))
end

-- Words of s: { text = as written, key = folded, without the punctuation
-- around it }.
function T.words(s)
  local list = {}
  for w in s:gmatch("%S+") do
    local key = T.fold(w):gsub("^%p+", ""):gsub("%p+$", "")
    list[#list + 1] = { text = w, key = key }
  end
  return list
end

-- The words i..j of a list, as written.
function T.join(words, i, j)
  local parts = {}
  for k = i, j or #words do parts[#parts + 1] = words[k].text end
  return table.concat(parts, " ")
end

-- Whether the folded phrase (words separated by spaces) stands at words[i];
-- returns the index of its last word.
function T.phrase_at(words, i, phrase)
  local n = 0
  for part in phrase:gmatch("%S+") do
    local w = words[i + n]
    if not w or w.key ~= part then return nil end
    n = n + 1
  end
  return n > 0 and i + n - 1 or nil
end

-- The first index at or after from where one of the phrases stands, the
-- index of its last word, and the phrase.
function T.find_phrase(words, phrases, from)
  for i = from or 1, #words do
    for _, p in ipairs(phrases) do
      local j = T.phrase_at(words, i, p)
      if j then return i, j, p end
    end
  end
end

-- Whether the folded text holds one of the folded phrases, as whole words.
function T.has_any(key, phrases)
  local padded = " " .. key:gsub("%p", " "):gsub(" +", " ") .. " "
  for _, p in ipairs(phrases) do
    if padded:find(" " .. p:gsub("%p", " "):gsub(" +", " ") .. " ", 1, true) then return p end
  end
end

-- The first character of s (one UTF-8 sequence) and the rest.
local function first_char(s)
  local c = s:match("^[%z\1-\127\194-\244][\128-\191]*") or s:sub(1, 1)
  return c, s:sub(#c + 1)
end

function T.first_upper(s)
  local c, rest = first_char(s)
  return tu.upper(c) .. rest
end

function T.first_lower(s)
  local c, rest = first_char(s)
  return tu.lower(c) .. rest
end

-- Whether s starts with a small letter.
function T.starts_small(s)
  local c = first_char(s)
  return tu.upper(c) ~= c
end

-- Whether s has letters and all of them are capitals.
function T.is_caps(s)
  return tu.upper(s) == s and tu.lower(s) ~= s
end

-- "YÊN BÁI" -> "Yên Bái".
function T.title_case(s)
  return (s:gsub("%S+", function(w) return T.first_upper(tu.lower(w)) end))
end

-- A line of capitals in sentence case: every word lowered but those with a
-- digit or a sign ("2021-2030", "KH&CN"), then the proper nouns given (as
-- they should be written) put back.
function T.sentence_case(s, proper)
  local lowered = s:gsub("%S+", function(w)
    if w:find("[%d&/]") then return w end
    return tu.lower(w)
  end)
  for _, name in ipairs(proper or {}) do
    local low = tu.lower(name)
    local from = 1
    while true do
      local i, j = lowered:find(low, from, true)
      if not i then break end
      local before, after = lowered:sub(i - 1, i - 1), lowered:sub(j + 1, j + 1)
      if (i == 1 or before:match("[%s%p]")) and (after == "" or after:match("[%s%p]")) then
        lowered = lowered:sub(1, i - 1) .. name .. lowered:sub(j + 1)
      end
      from = i + #name
    end
  end
  return lowered
end

-- Initials of the folded words of s, in capitals ("yen bai" -> "YB").
function T.initials(key, skip)
  local out = {}
  for w in key:gmatch("[%w]+") do
    if not (skip and skip[w]) then out[#out + 1] = w:sub(1, 1):upper() end
  end
  return table.concat(out)
end

-- s as a Lua string literal: quotes, backslashes and control characters
-- escaped; UTF-8 kept as it is.
function T.quote(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == "\n" then return "\\n" end
    if c == '"' or c == "\\" then return "\\" .. c end
    return string.format("\\%03d", c:byte())
  end) .. '"'
end

return T
