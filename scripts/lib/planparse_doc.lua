-- The document model planparse builds while reading a plan, and the
-- helpers its readers share (planparse_header, planparse_goals,
-- planparse_org, planparse_table add their methods to D.Doc): reviews and
-- warnings, the checks for scraping defects, lines found by a predicate, a
-- paragraph's place ("I.2.a") and the year or window a heading names.
local T = require "planparse_text"
local W = require "planparse_words"
local tu = pw.textutil

local D = {}

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
function D.lines(text)
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
D.Doc = Doc

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
function D.unbullet(text)
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

function D.find(lines, from, to, pred)
  for i = from, to do
    if pred(lines[i]) then return i end
  end
end

function D.is_rule(l) return l.text:match("^[-_=*. ]+$") ~= nil end
-- A folded text without punctuation, for comparing short lines.
function D.bare(key)
  return T.trim((key:gsub("%p", " "):gsub(" +", " ")))
end

function D.one_of(key, list)
  for _, s in ipairs(list) do
    if D.bare(key) == D.bare(s) then return true end
  end
  return false
end

-- "I.2.a" for a paragraph's place.
function D.ref(sec, sub, subsub)
  local parts = { sec.roman }
  if sub then parts[#parts + 1] = tostring(sub.no) end
  if subsub then parts[#parts + 1] = subsub.no end
  return table.concat(parts, ".")
end

-- A year or window named in a heading or sentence.
function D.when_in(key)
  for _, p in ipairs(W.WINDOW) do
    local a, b = key:match(p)
    if a and tonumber(a) <= tonumber(b) then return nil, { tonumber(a), tonumber(b) } end
  end
  for _, p in ipairs(W.BY_YEAR) do
    local y = key:match(p)
    if y then return tonumber(y), nil end
  end
end


return D
