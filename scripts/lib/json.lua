-- JSON for scripts: encode with a stable key order, decode what SQLite and
-- planwatch write. Arrays are tables with keys 1..n; an empty table encodes
-- as [] unless it is marked with json.object.
local json = {}

local object_mark = {}

-- Mark t so it encodes as {} even when empty.
function json.object(t)
  return setmetatable(t or {}, object_mark)
end

-- A number written exactly: an integer in full, a float as the shortest of
-- %.15g, %.16g and %.17g that reads back as the same double (the C writers,
-- core/rowout.c, write the same text).
function json.number(v)
  if math.type(v) == "integer" then return tostring(v) end
  if v ~= v or v == math.huge or v == -math.huge then return tostring(v) end
  local s
  for digits = 15, 17 do
    s = string.format("%." .. digits .. "g", v)
    if tonumber(s) == v then break end
  end
  return s
end

local escapes = {
  ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
  ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t",
}

-- A UTF-8 sequence written as \uXXXX (it is below U+10000).
local function u_escape(seq)
  return string.format("\\u%04x", utf8.codepoint(seq))
end

-- C1 controls and the bidirectional overrides and isolates are written as
-- \u escapes too: JSON printed to a terminal cannot drive it, and a
-- decoder reads back the same text.
local function encode_string(s)
  s = s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end)
  if s:find("[\194\226]") then
    s = s:gsub("\194[\128-\159]", u_escape):gsub("\226\128[\170-\174]", u_escape)
      :gsub("\226\129[\166-\169]", u_escape)
  end
  return '"' .. s .. '"'
end

local function is_array(t)
  if getmetatable(t) == object_mark then return false end
  local n = #t
  for k in pairs(t) do
    if math.type(k) ~= "integer" or k < 1 or k > n then return false end
  end
  return true
end

local encode

local function encode_table(t, keys, indent, depth)
  local pad = indent and "\n" .. string.rep(indent, depth + 1) or ""
  local close = indent and "\n" .. string.rep(indent, depth) or ""
  local sep = indent and ": " or ":"
  local parts = {}
  if is_array(t) then
    if #t == 0 then return "[]" end
    for i = 1, #t do parts[i] = pad .. encode(t[i], nil, indent, depth + 1) end
    return "[" .. table.concat(parts, ",") .. close .. "]"
  end
  if not keys then
    keys = {}
    for k in pairs(t) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
  end
  for _, k in ipairs(keys) do
    local v = t[k]
    if v == nil then v = t[tonumber(k)] end
    if v ~= nil then
      parts[#parts + 1] = pad .. encode_string(k) .. sep ..
        encode(v, nil, indent, depth + 1)
    end
  end
  if #parts == 0 then return "{}" end
  return "{" .. table.concat(parts, ",") .. close .. "}"
end

function encode(v, keys, indent, depth)
  local t = type(v)
  if t == "string" then return encode_string(v) end
  if t == "number" then
    if v ~= v or v == math.huge or v == -math.huge then return "null" end
    return json.number(v)
  end
  if t == "boolean" then return tostring(v) end
  if t == "nil" then return "null" end
  if t == "table" then return encode_table(v, keys, indent, depth or 0) end
  error("json: cannot encode a " .. t, 2)
end

-- Encode v. keys: the order of an object's keys (default: sorted).
-- indent: a string to pretty-print with.
function json.encode(v, keys, indent)
  return encode(v, keys, indent, 0)
end

local decode_value

local function skip(s, i)
  return s:find("[^ \t\r\n]", i) or #s + 1
end

local function decode_error(s, i, what)
  error(string.format("json: %s at byte %d", what, i), 0)
end

local function decode_string(s, i)
  local parts, j = {}, i + 1
  while true do
    local c = s:sub(j, j)
    if c == "" then decode_error(s, j, "unterminated string") end
    if c == '"' then return table.concat(parts), j + 1 end
    if c == "\\" then
      local e = s:sub(j + 1, j + 1)
      local simple = { b = "\b", f = "\f", n = "\n", r = "\r", t = "\t",
                       ['"'] = '"', ["\\"] = "\\", ["/"] = "/" }
      if simple[e] then
        parts[#parts + 1], j = simple[e], j + 2
      elseif e == "u" then
        local cp = tonumber(s:sub(j + 2, j + 5), 16)
        if not cp then decode_error(s, j, "bad \\u escape") end
        parts[#parts + 1], j = utf8.char(cp), j + 6
      else
        decode_error(s, j, "bad escape")
      end
    else
      local k = s:find('["\\]', j) or #s + 1
      parts[#parts + 1], j = s:sub(j, k - 1), k
    end
  end
end

local function decode_list(s, i, close, item)
  local j = skip(s, i + 1)
  if s:sub(j, j) == close then return j + 1 end
  while true do
    j = item(j)
    j = skip(s, j)
    local c = s:sub(j, j)
    if c == close then return j + 1 end
    if c ~= "," then decode_error(s, j, "expected ',' or '" .. close .. "'") end
    j = skip(s, j + 1)
  end
end

function decode_value(s, i)
  i = skip(s, i)
  local c = s:sub(i, i)
  if c == '"' then return decode_string(s, i) end
  if c == "[" then
    local t = {}
    local j = decode_list(s, i, "]", function(j)
      local v; v, j = decode_value(s, j); t[#t + 1] = v; return j
    end)
    return t, j
  end
  if c == "{" then
    local t = json.object({})
    local j = decode_list(s, i, "}", function(j)
      if s:sub(j, j) ~= '"' then decode_error(s, j, "expected a key") end
      local k; k, j = decode_string(s, j)
      j = skip(s, j)
      if s:sub(j, j) ~= ":" then decode_error(s, j, "expected ':'") end
      local v; v, j = decode_value(s, j + 1); t[k] = v; return j
    end)
    return t, j
  end
  for word, v in pairs({ ["true"] = true, ["false"] = false }) do
    if s:sub(i, i + #word - 1) == word then return v, i + #word end
  end
  if s:sub(i, i + 3) == "null" then return nil, i + 4 end
  local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", i)
  if num and #num > 0 then return math.tointeger(tonumber(num)) or tonumber(num), i + #num end
  decode_error(s, i, "unexpected character")
end

-- Decode one JSON text; raises "json: ... at byte N" on malformed input.
function json.decode(s)
  local v, i = decode_value(s, 1)
  if skip(s, i) <= #s then decode_error(s, i, "trailing characters") end
  return v
end

return json
