-- Rendering rows for people and programs: aligned tables (by display width),
-- CSV (RFC 4180, safe for spreadsheets) and JSON.
local json = require "json"

local out = {}

-- s with every character a terminal acts on shown as an escape instead:
-- C0 controls, DEL, C1 controls, bidirectional overrides and isolates, and
-- the bytes of ill-formed UTF-8 ("\x1B", "\u202E", "\xFF"); LF is kept
-- when keep_lf is true. Every printer of text that comes from a plugin, a
-- file or the database passes it through this one function (the C core's
-- text_escape_str, which also prints the error that ends a command).
function out.escape(s, keep_lf)
  return pw.textutil.escape(s, keep_lf)
end

-- Zero-width: combining marks (decomposed Vietnamese tones among them),
-- variation selectors and zero-width joiners.
local function zero_width(cp)
  return (cp >= 0x0300 and cp <= 0x036F) or (cp >= 0x1AB0 and cp <= 0x1AFF)
    or (cp >= 0x1DC0 and cp <= 0x1DFF) or (cp >= 0x20D0 and cp <= 0x20FF)
    or (cp >= 0xFE00 and cp <= 0xFE0F) or (cp >= 0xFE20 and cp <= 0xFE2F)
    or cp == 0x200B or cp == 0x200C or cp == 0x200D
end

-- Wide: East Asian wide and fullwidth ranges, emoji.
local function wide(cp)
  return (cp >= 0x1100 and cp <= 0x115F) or (cp >= 0x2E80 and cp <= 0xA4CF)
    or (cp >= 0xAC00 and cp <= 0xD7A3) or (cp >= 0xF900 and cp <= 0xFAFF)
    or (cp >= 0xFE30 and cp <= 0xFE4F) or (cp >= 0xFF00 and cp <= 0xFF60)
    or (cp >= 0xFFE0 and cp <= 0xFFE6) or (cp >= 0x1F300 and cp <= 0x1FAFF)
    or (cp >= 0x20000 and cp <= 0x3FFFD)
end

-- The number of terminal columns s takes. Invalid UTF-8 counts by bytes.
function out.width(s)
  if not utf8.len(s) then return #s end
  local w = 0
  for _, cp in utf8.codes(s) do
    if not zero_width(cp) then w = w + (wide(cp) and 2 or 1) end
  end
  return w
end

local function cell(v)
  if v == nil then return "" end
  if type(v) == "table" then return json.encode(v) end
  if type(v) == "number" then return json.number(v) end
  return tostring(v)
end

local function pad(s, width, right)
  local fill = string.rep(" ", width - out.width(s))
  return right and fill .. s or s .. fill
end

-- s cut to at most w columns, the last one "…" when cut.
local function cut_to(s, w)
  if out.width(s) <= w then return s end
  local kept = {}
  for _, cp in utf8.codes(s) do
    if out.width(table.concat(kept) .. utf8.char(cp)) > w - 1 then break end
    kept[#kept + 1] = utf8.char(cp)
  end
  return table.concat(kept) .. "…"
end

-- Narrow the widest columns, one column at a time, until the table's lines
-- (columns two spaces apart) are at most total wide, no column below 8 or
-- its header's width; cut the texts to the new widths.
local MIN_FIT = 8
local function fit(total, widths, heads, texts)
  local line = 2 * (#widths - 1)
  for _, w in ipairs(widths) do line = line + w end
  while line > total do
    local widest
    for j, w in ipairs(widths) do
      if w > math.max(MIN_FIT, out.width(heads[j])) and (not widest or w > widths[widest]) then widest = j end
    end
    if not widest then break end
    widths[widest], line = widths[widest] - 1, line - 1
  end
  for _, row in ipairs(texts) do
    for j, w in ipairs(widths) do row[j] = cut_to(row[j], w) end
  end
end

-- Columns: the given list, or the sorted keys of the first row.
function out.columns_of(rows, cols)
  if cols then return cols end
  cols = {}
  for k in pairs(rows[1] or {}) do cols[#cols + 1] = k end
  table.sort(cols)
  return cols
end

-- An aligned text table; numbers, and the columns opts.right names,
-- right-aligned. Long cells are cut at
-- opts.max_width (default 60) columns with "…"; with opts.fit (a terminal's
-- width), the widest columns are narrowed until each line fits.
function out.table(rows, cols, opts)
  cols = out.columns_of(rows, cols)
  local max = (opts and opts.max_width) or 60
  local right = (opts and opts.right) or {}
  local widths, texts = {}, {}
  local heads = {}
  for j, c in ipairs(cols) do
    heads[j] = out.escape(tostring(c))
    widths[j] = out.width(heads[j])
  end
  for i, row in ipairs(rows) do
    texts[i] = {}
    for j, c in ipairs(cols) do
      local s = out.escape((cell(row[c]):gsub("[\r\n\t]+", " ")))
      if out.width(s) > max then
        local cut = {}
        for _, cp in utf8.codes(s) do
          cut[#cut + 1] = utf8.char(cp)
          if out.width(table.concat(cut)) >= max - 1 then break end
        end
        s = table.concat(cut) .. "…"
      end
      texts[i][j] = s
      if out.width(s) > widths[j] then widths[j] = out.width(s) end
    end
  end
  if opts and opts.fit then fit(opts.fit, widths, heads, texts) end
  local lines, head, rule = {}, {}, {}
  for j in ipairs(cols) do
    head[j] = pad(heads[j], widths[j])
    rule[j] = string.rep("-", widths[j])
  end
  lines[1] = table.concat(head, "  "):gsub("%s+$", "")
  lines[2] = table.concat(rule, "  ")
  for i, row in ipairs(rows) do
    local parts = {}
    for j, c in ipairs(cols) do
      parts[j] = pad(texts[i][j], widths[j], type(row[c]) == "number" or right[c])
    end
    lines[#lines + 1] = table.concat(parts, "  "):gsub("%s+$", "")
  end
  return table.concat(lines, "\n") .. "\n"
end

-- A CSV field: quoted when needed; a text cell that a spreadsheet would run
-- as a formula (=, +, -, @, tab, CR) gets a leading apostrophe. Control
-- characters other than a line break are neutralised, not dropped: written
-- as the escapes out.escape shows ("\x1B", "\u202E"), so the cell still
-- says what is stored and nothing reaches a terminal or a spreadsheet raw.
local function csv_field(v)
  local s = out.escape(cell(v), true)
  if type(v) == "string" and s:match("^[=+%-@\t\r]") then s = "'" .. s end
  if s:find('[",\r\n]') or s:match("^%s") or s:match("%s$") then
    s = '"' .. s:gsub('"', '""') .. '"'
  end
  return s
end

-- CSV with CRLF line ends; opts.bom prefixes a UTF-8 BOM for Excel.
function out.csv(rows, cols, opts)
  cols = out.columns_of(rows, cols)
  local lines = {}
  local head = {}
  for j, c in ipairs(cols) do head[j] = csv_field(c) end
  lines[1] = table.concat(head, ",")
  for _, row in ipairs(rows) do
    local parts = {}
    for j, c in ipairs(cols) do parts[j] = csv_field(row[c]) end
    lines[#lines + 1] = table.concat(parts, ",")
  end
  local want = opts and opts.bom
  if want == nil then want = pw.opt.bom end
  local bom = want and "\239\187\191" or ""
  return bom .. table.concat(lines, "\r\n") .. "\r\n"
end

-- A JSON array of objects, keys in column order.
function out.json(rows, cols)
  local parts = {}
  for i, row in ipairs(rows) do
    parts[i] = next(row) == nil and "{}" or json.encode(row, cols)
  end
  if #parts == 0 then return "[]\n" end
  return "[\n  " .. table.concat(parts, ",\n  ") .. "\n]\n"
end

-- Render in the given format: "table", "csv" or "json".
function out.render(format, rows, cols, opts)
  local f = out[format]
  if not f or format == "render" or format == "width" or format == "columns_of" then
    error("unknown format '" .. tostring(format) .. "'", 2)
  end
  return f(rows, cols, opts)
end

return out
