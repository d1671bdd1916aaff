-- csvin: the one reading layer of `import` for both kinds of file: a
-- values CSV as spreadsheets write it, made into the strict form the
-- importer reads (import.h), line for line so that messages name the
-- lines of the file as it is; and the records of a submissions CSV
-- (lib/submissions.lua), read by the same rules. Fields are split by the
-- one CSV grammar, core/csv.c (pw.csv_records), whatever the delimiter.
--
-- What it accepts: UTF-16 with a byte order mark (Excel's "Unicode Text"),
-- converted to UTF-8; ';', ',' or tab between fields, found from the header
-- line (or given); a decimal comma in values when ';' separates the fields
-- (or when asked); headers in any case, in English or Vietnamese (chỉ tiêu,
-- đơn vị, kỳ, giá trị, ghi chú, nguồn), compared after NFC; trailing columns
-- with no name; the columns only an export has (updated_at); rows with
-- every field empty; periods written "Q1/2025",
-- "Quý I/2025", "2025Q1", "6 tháng đầu năm 2025", "9 tháng 2025",
-- "T7/2025", "07/2025". Text that is not UTF-8 (Windows-1258) is refused
-- with the fix.
local M = {}

local tu = pw.textutil

local function say(vi, en) return pw.opt.lang == "en" and en or vi end

-- Header names, by their NFC lower-case form.
local columns = {
  indicator = "indicator", unit = "unit", period = "period", value = "value",
  note = "note", source = "source",
  ["chỉ tiêu"] = "indicator", ["đơn vị"] = "unit", ["kỳ"] = "period",
  ["kỳ báo cáo"] = "period", ["giá trị"] = "value", ["ghi chú"] = "note",
  ["nguồn"] = "source",
  -- a submissions file (lib/submissions.lua)
  duty = "duty", received_at = "received_at", ref = "ref", ref_date = "ref_date",
  summary = "summary", ["nhiệm vụ"] = "duty", ["ngày nhận"] = "received_at",
  ["số văn bản"] = "ref", ["ngày văn bản"] = "ref_date", ["tóm tắt"] = "summary",
}

-- UTF-16 (little or big endian, after its byte order mark) as UTF-8.
local function from_utf16(s, big)
  local out, i, n = {}, 3, #s
  local function unit(at)
    local a, b = s:byte(at, at + 1)
    return big and a * 256 + b or b * 256 + a
  end
  while i + 1 <= n do
    local u = unit(i)
    i = i + 2
    if u >= 0xD800 and u <= 0xDBFF and i + 1 <= n then
      local lo = unit(i)
      if lo >= 0xDC00 and lo <= 0xDFFF then
        u = 0x10000 + (u - 0xD800) * 0x400 + (lo - 0xDC00)
        i = i + 2
      end
    end
    if u >= 0xD800 and u <= 0xDFFF then return nil end
    out[#out + 1] = utf8.char(u)
  end
  return table.concat(out)
end

-- The file's text as UTF-8, or nil and why.
local function decode(file, raw)
  local b1, b2 = raw:byte(1, 2)
  if b1 == 0xFF and b2 == 0xFE or b1 == 0xFE and b2 == 0xFF then
    local text = from_utf16(raw, b1 == 0xFE)
    if text then return text end
  elseif raw:sub(1, 3) == "\239\187\191" then
    raw = raw:sub(4)
  end
  if raw:find("\0", 1, true) == nil and tu.valid(raw) then return raw end
  return nil, say(
    file .. ": tệp không ở dạng UTF-8 (có lẽ là Windows-1258 hay UTF-16 không có BOM); "
      .. "trong Excel hãy chọn Lưu thành > “CSV UTF-8 (Comma delimited)” (lưu dưới dạng CSV UTF-8), "
      .. "trong LibreOffice chọn bộ ký tự Unicode (UTF-8)",
    file .. ": the file is not UTF-8 (perhaps Windows-1258, or UTF-16 without a byte order mark); "
      .. "in Excel choose Save As > \"CSV UTF-8 (Comma delimited)\" (save as CSV UTF-8), "
      .. "in LibreOffice choose the character set Unicode (UTF-8)")
end

-- The separator the header line uses most, outside quotes.
local function find_delimiter(text)
  local line = text:match("^[^\n]*") or ""
  line = line:gsub('"[^"]*"', "")
  local best, most = ",", 0
  for _, d in ipairs({ ",", ";", "\t" }) do
    local _, n = line:gsub(d, "")
    if n > most then best, most = d, n end
  end
  return best
end

-- Columns `export values` writes that an import has no use for: left out,
-- so that what planwatch exports it imports.
local EXPORT_ONLY = { updated_at = true }

local roman = { I = 1, II = 2, III = 3, IV = 4 }

-- A period as people write it, as its code; anything else as it is.
function M.period(s)
  local p = tu.lower(tu.nfc(s)):gsub("^%s+", ""):gsub("%s+$", ""):gsub("%s+", " ")
  local q, y = p:match("^q([1-4])%s?/%s?(%d%d%d%d)$")
  if not q then q, y = p:match("^quý ([1-4])%s?/%s?(%d%d%d%d)$") end
  if not q then
    local r
    r, y = p:match("^quý ([iv]+)%s?/%s?(%d%d%d%d)$")
    if not r then r, y = p:match("^quý ([iv]+) năm (%d%d%d%d)$") end
    q = r and roman[r:upper()]
  end
  if not q then y, q = p:match("^(%d%d%d%d)%s?%-?q([1-4])$") end
  if q then return string.format("%s-Q%s", y, q) end
  y = p:match("^6 tháng đầu năm (%d%d%d%d)$") or p:match("^6 tháng (%d%d%d%d)$")
    or p:match("^h1%s?/%s?(%d%d%d%d)$")
  if y then return y .. "-H1" end
  y = p:match("^6 tháng cuối năm (%d%d%d%d)$") or p:match("^h2%s?/%s?(%d%d%d%d)$")
  if y then return y .. "-H2" end
  y = p:match("^9 tháng đầu năm (%d%d%d%d)$") or p:match("^9 tháng (%d%d%d%d)$")
  if y then return y .. "-9M" end
  local m
  m, y = p:match("^t(%d%d?)%s?/%s?(%d%d%d%d)$")
  if not m then m, y = p:match("^tháng (%d%d?)%s?/%s?(%d%d%d%d)$") end
  if not m then m, y = p:match("^tháng (%d%d?) năm (%d%d%d%d)$") end
  if not m then m, y = p:match("^(%d%d?)/(%d%d%d%d)$") end
  if m and tonumber(m) >= 1 and tonumber(m) <= 12 then
    return string.format("%s-%02d", y, tonumber(m))
  end
  y = p:match("^năm (%d%d%d%d)$")
  if y then return y end
  return s
end

-- A value with a decimal comma ("6,2") with '.' instead.
local function decimal_point(s)
  local t = s:gsub("^%s+", ""):gsub("%s+$", "")
  if t:match("^[+-]?%d+,%d+$") then return (t:gsub(",", ".")) end
  return s
end

local function quote(s)
  if s:find('[,"\r\n]') then return '"' .. s:gsub('"', '""') .. '"' end
  return s
end

local function blank(fields)
  for _, f in ipairs(fields) do
    if f:match("%S") then return false end
  end
  return true
end

-- The header's names in their canonical form; nil when the file needs no
-- rewriting (already the strict form).
local function header_names(fields)
  local names = {}
  for i, f in ipairs(fields) do
    local k = tu.lower(tu.nfc(f)):gsub("^%s+", ""):gsub("%s+$", "")
    names[i] = columns[k] or f
  end
  local width = #names
  while width > 1 and fields[width]:match("^%s*$") do width = width - 1 end
  return names, width
end

-- Whether the file can go to the importer as it is: a comma-separated
-- UTF-8 header of the exact names. Returns that, and the header's names
-- when it is so.
function M.strict(file)
  local head = pw.csv_records(file, 1)
  if not head or not head[1] then return false end
  for _, f in ipairs(head[1].fields) do
    if not columns[f] or columns[f] ~= f then return false end
  end
  return true, head[1].fields
end

-- The records (M.records) that hold data, header first: periods made
-- codes, rows with every field empty left out.
function M.rows(recs)
  local at, out = nil, {}
  for i, name in ipairs(recs[1] and recs[1].fields or {}) do at = at or (name == "period" and i) end
  for r, rec in ipairs(recs) do
    if r > 1 and at and rec.fields[at] then rec.fields[at] = M.period(rec.fields[at]) end
    if not rec.blank then out[#out + 1] = rec end
  end
  return out
end

-- The records of file, decoded and split (see above): { line =, fields =
-- } each, the header's names in their canonical form, trailing unnamed
-- columns left out, with the header's width and the delimiter; or nil and
-- why. opts: delimiter (',', ';', tab).
function M.records(file, opts)
  local raw, err = pw.read_file(file)
  if not raw then return nil, err end
  local text
  text, err = decode(file, raw)
  if not text then return nil, err end
  local d = opts.delimiter or find_delimiter(text)
  if d == "tab" or d == "\\t" then d = "\t" end
  local recs
  recs, err = pw.csv_records(file, 0, { text = text, delimiter = d })
  if not recs then return nil, err end
  if #recs == 0 then return { delimiter = d } end
  local names, width = header_names(recs[1].fields)
  local keep = {}
  for i = 1, width do
    if not EXPORT_ONLY[names[i]] then keep[#keep + 1] = i end
  end
  local out = { delimiter = d }
  for r, rec in ipairs(recs) do
    local f = rec.fields
    local n = #f
    while n > width and f[n]:match("^%s*$") do n = n - 1 end
    local kept = {}
    for _, i in ipairs(keep) do
      if i <= n then kept[#kept + 1] = r == 1 and names[i] or f[i] end
    end
    for i = width + 1, n do kept[#kept + 1] = f[i] end
    out[r] = { line = rec.line, fields = kept, blank = r > 1 and blank(f) }
  end
  return out
end

-- The strict text of records (M.records), line for line, or "" for none.
-- opts: decimal (',' or '.'; default ',' when ';' separates the fields).
function M.text(recs, opts)
  if #recs == 0 then return "" end
  local comma = opts.decimal == "," or (opts.decimal == nil and recs.delimiter == ";")
  local col = {}
  for i, name in ipairs(recs[1].fields) do col[name] = col[name] or i end
  local out = {}
  for r, rec in ipairs(recs) do
    if rec.blank then
      out[r] = ""
    else
      local row = {}
      for i, v in ipairs(rec.fields) do
        if r > 1 and i == col.period then v = M.period(v) end
        if r > 1 and i == col.value and comma then v = decimal_point(v) end
        row[i] = quote(v)
      end
      out[r] = table.concat(row, ",")
    end
  end
  return table.concat(out, "\n") .. "\n"
end

return M
