-- How numbers, dates and periods are written for people, by the output
-- language (pw.opt.lang unless a lang is given). Vietnamese writes a
-- decimal comma and groups thousands with dots ("1.234,5", "6,2 %"),
-- dates as dd/mm/yyyy ("11/05/2021") and periods as "Quý I/2025";
-- English writes "1,234.5", "6.2 %", ISO dates ("2021-05-11", as the
-- English report always has) and "Q1 2025". CSV and JSON never pass
-- through here: they keep machine formats (dot decimals, ISO dates).
local formats = {}

-- "vi" or "en": the given language, else the run's.
function formats.lang(lang)
  lang = lang or (pw and pw.opt and pw.opt.lang)
  return lang == "en" and "en" or "vi"
end

local MARKS = { vi = { dec = ",", group = "." }, en = { dec = ".", group = "," } }

-- Digits of an integer grouped by threes with sep.
local function group(digits, sep)
  local out = digits:reverse():gsub("(%d%d%d)", "%1" .. sep):reverse()
  if out:sub(1, 1) == sep then out = out:sub(2) end
  return out
end

-- A number rounded to at most `decimals` decimals (default 2), trailing
-- zeros dropped, thousands grouped: "1.234,5" (vi), "1,234.5" (en).
-- nil stays nil.
function formats.number(v, lang, decimals)
  if v == nil then return nil end
  if v ~= v then return "—" end
  if v == math.huge or v == -math.huge then return v > 0 and "∞" or "−∞" end
  local s = string.format("%." .. (decimals or 2) .. "f", v)
  if s:find("%.") then s = s:gsub("0+$", ""):gsub("%.$", "") end
  if s == "-0" then s = "0" end
  local sign, int, frac = s:match("^(-?)(%d+)%.?(%d*)$")
  local m = MARKS[formats.lang(lang)]
  return sign .. group(int, m.group) .. (frac ~= "" and m.dec .. frac or "")
end

-- A percentage: "6,2 %" (vi), "6.2 %" (en).
function formats.percent(v, lang, decimals)
  if v == nil then return nil end
  return formats.number(v, lang, decimals) .. " %"
end

local function is_percent(measure)
  return measure ~= nil and measure:find("%", 1, true) ~= nil
end
formats.is_percent = is_percent

-- A value of an indicator with the given measure: a percentage when the
-- measure is one ("%", "%/năm"), else a number.
function formats.value(v, measure, lang)
  if is_percent(measure) then return formats.percent(v, lang) end
  return formats.number(v, lang)
end

-- A change with its sign ("+0,4 %", "−2"), or "—".
function formats.change(v, measure, lang)
  if v == nil then return "—" end
  local s = formats.value(math.abs(v), measure, lang)
  if math.abs(v) < 0.005 then return s end
  return (v > 0 and "+" or "−") .. s
end

-- What a target requires: "≥ 6,2 %", "1–3" (the same signs in both
-- languages).
local OPS = { [">="] = "≥", ["<="] = "≤", [">"] = ">", ["<"] = "<", ["="] = "=", ["~"] = "≈" }
function formats.required(t, lang)
  if t.op == "between" then
    return formats.number(t.required, lang) .. "–" .. formats.value(t.required_high, t.measure, lang)
  end
  local s = (OPS[t.op] or t.op) .. " " .. formats.value(t.required, t.measure, lang)
  if t.op == "~" and t.tolerance then -- "≈ 45 % (± 2,25)"
    s = s .. " (± " .. formats.number(t.tolerance, lang) .. ")"
  end
  return s
end

local MONTHS = { "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December" }
local SHORT_MONTHS = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
  "Oct", "Nov", "Dec" }

-- A date YYYY-MM-DD (or the date of a longer timestamp): "11/05/2021"
-- (vi), "2021-05-11" (en). Anything else is returned as it is; nil as nil.
function formats.date(d, lang)
  if d == nil then return nil end
  local y, m, day = tostring(d):match("^(%d%d%d%d)-(%d%d)-(%d%d)")
  if not y then return d end
  if formats.lang(lang) == "en" then return y .. "-" .. m .. "-" .. day end
  return day .. "/" .. m .. "/" .. y
end

-- A date and time "YYYY-MM-DD HH:MM[:SS]" (or with a T): "11/05/2021 08:30"
-- (vi), "2021-05-11 08:30" (en); a plain date as formats.date.
function formats.datetime(ts, lang)
  if ts == nil then return nil end
  local d, hm = tostring(ts):match("^(%d%d%d%d%-%d%d%-%d%d)[T ](%d%d:%d%d)")
  if not d then return formats.date(ts, lang) end
  return formats.date(d, lang) .. " " .. hm
end

-- A date in a letter's words: "ngày 11 tháng 5 năm 2021" (vi),
-- "11 May 2021" (en).
function formats.long_date(d, lang)
  local y, m, day = tostring(d or ""):match("^(%d%d%d%d)-(%d%d)-(%d%d)")
  if not y then return d end
  if formats.lang(lang) == "en" then
    return string.format("%d %s %s", tonumber(day), MONTHS[tonumber(m)], y)
  end
  return string.format("ngày %d tháng %d năm %s", tonumber(day), tonumber(m), y)
end

local ROMAN = { "I", "II", "III", "IV" }

-- A period code as people write it: "2025"; "Quý I/2025", "Q1 2025";
-- "6 tháng đầu năm 2025", "H1 2025"; "6 tháng cuối năm 2025", "H2 2025";
-- "9 tháng đầu năm 2025", "9M 2025"; "Tháng 7/2025", "Jul 2025". A code
-- that is not a period is returned as it is.
function formats.period(code, lang)
  if code == nil then return nil end
  local p = pw.period.parse(tostring(code))
  if not p then return code end
  local en = formats.lang(lang) == "en"
  local y = tostring(p.year)
  if p.kind == "quarter" then
    return en and ("Q" .. p.num .. " " .. y) or ("Quý " .. ROMAN[p.num] .. "/" .. y)
  elseif p.kind == "half" then
    if en then return "H" .. p.num .. " " .. y end
    return (p.num == 1 and "6 tháng đầu năm " or "6 tháng cuối năm ") .. y
  elseif p.kind == "9m" then
    return en and ("9M " .. y) or ("9 tháng đầu năm " .. y)
  elseif p.kind == "month" then
    return en and (SHORT_MONTHS[p.num] .. " " .. y) or ("Tháng " .. p.num .. "/" .. y)
  end
  return y
end

-- Years as a short list: 2023–2025 for a run, "2021, 2023" otherwise.
function formats.years(years)
  local parts, i = {}, 1
  while i <= #years do
    local j = i
    while j < #years and years[j + 1] == years[j] + 1 do j = j + 1 end
    parts[#parts + 1] = j > i and (years[i] .. "–" .. years[j]) or tostring(years[i])
    i = j + 1
  end
  return table.concat(parts, ", ")
end

return formats
