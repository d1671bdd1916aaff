-- The catalogue of every text planwatch shows people, in Vietnamese (the
-- default) and English (--lang en). Texts live in areas, one file each
-- (scripts/lib/words_<area>.lua returns { vi = {...}, en = {...} } with the
-- same keys and the same placeholders in both), loaded when first used:
--
--   local words = require "words"
--   words.say("report.no_plan")                -- the run's language
--   words.say("mail.subject_reminder", 3)      -- string.format with the args
--   local W = words.of("report", lang)         -- an area's table, W.col.name
--
-- A plan's `wording` declaration replaces texts of the mail area
-- (words.override); tests/spec/words_spec.lua walks every area and checks
-- that both languages have every key with the same placeholders.
local words = {}

-- The areas, for the catalogue's checks (each is words_<name>.lua).
words.AREAS = { "common", "cli", "usage", "report", "status", "mail", "delivery", "docx", "plugin" }

local areas, overrides = {}, {}

local function area(name)
  local a = areas[name]
  if not a then
    a = require("words_" .. name)
    areas[name] = a
  end
  return a
end

-- "vi" or "en": the given language, else the run's.
local function lang_of(lang)
  lang = lang or (pw and pw.opt and pw.opt.lang)
  return lang == "en" and "en" or "vi"
end
words.lang = lang_of

-- The texts of an area in a language, with the plan's replacements first.
function words.of(name, lang)
  lang = lang_of(lang)
  local base = area(name)[lang]
  local o = overrides[name] and overrides[name][lang]
  if not o or not next(o) then return base end
  return setmetatable(o, { __index = base })
end

-- The text at key ("area.key" or "area.group.key") in lang, or nil.
function words.lookup(key, lang)
  local name, rest = key:match("^([%w_]+)%.(.+)$")
  if not name then return nil end
  local t = words.of(name, lang)
  for part in rest:gmatch("[^.]+") do
    if type(t) ~= "table" then return nil end
    t = t[part]
  end
  return t
end

-- The text at key in the run's language, formatted with the arguments
-- (string.format) when there are any. An unknown key is an error that
-- names it.
function words.say(key, ...)
  local s = words.lookup(key)
  if type(s) ~= "string" then error("words: no text '" .. tostring(key) .. "'", 2) end
  if select("#", ...) == 0 then return s end
  return string.format(s, ...)
end

-- The same in a given language.
function words.say_in(lang, key, ...)
  local s = words.lookup(key, lang)
  if type(s) ~= "string" then error("words: no text '" .. tostring(key) .. "'", 2) end
  if select("#", ...) == 0 then return s end
  return string.format(s, ...)
end

-- Replace one text of an area in a language (a plan's `wording`).
function words.override(name, lang, key, value)
  overrides[name] = overrides[name] or {}
  local o = overrides[name][lang] or {}
  overrides[name][lang] = o
  o[key] = value
end

-- The placeholders of a text, in order: "%d", "%s" ("%%" is not one).
function words.placeholders(s)
  local list = {}
  for spec in s:gmatch("%%([%-%d%.]*%a?%%?)") do
    if spec ~= "%" then list[#list + 1] = spec end
  end
  return list
end

-- An error message for people: the "FILE:LINE: " of planwatch's own
-- scripts is left out unless --debug (as the host does with the error that
-- ends a command, core/host.c), whether Lua wrote the file's full path or
-- shortened a long one to "...tail"; a message from a user's script or a
-- plugin keeps it.
function words.message(err)
  local s = tostring(err)
  if not (pw and pw.opt and pw.opt.home) or pw.opt.debug then return s end
  local home = pw.opt.home
  while true do
    local name, rest
    if s:sub(1, #home + 9) == home .. "/scripts/" then
      name = s:sub(#home + 10)
    elseif s:sub(1, 3) == "..." then
      local tail, after = s:match("^%.%.%.(.-)/scripts/(.*)$")
      if tail and home:sub(-#tail) == tail then name = after end
    end
    rest = name and name:match("^[^:]-%.lua:%d+: *(.*)$")
    if not rest then return s end
    s = rest
  end
end

return words
