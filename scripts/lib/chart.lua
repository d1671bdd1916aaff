-- Charts as SVG text, for reports and analysts' own scripts: a line chart,
-- horizontal bars, a heatmap of categories and a progress bar. Each function
-- takes one table of options and returns a self-contained <svg> element
-- (inline attributes only, no script, no external font or image) that can
-- be written into an HTML page or saved as a .svg file. Every text drawn
-- (titles, labels, tooltips) is escaped, so data may hold any characters.
local out = require "out"
local escape = require "escape"

local chart = {}

local esc = escape.html

-- Colours a series or a bar takes when the caller gives none.
local PALETTE = { "#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777", "#0891b2" }

local INK, MUTED, GRID, AXIS = "#1f2933", "#52606d", "#e4e7eb", "#9aa5b1"
local FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"

local function fail(what, fmt, ...)
  error("chart." .. what .. ": " .. string.format(fmt, ...), 0)
end

local function check_opts(what, opts, allowed)
  if type(opts) ~= "table" then fail(what, "expected a table of options") end
  for k in pairs(opts) do
    if not allowed[k] then fail(what, "unknown option '%s'", tostring(k)) end
  end
end

local function set(list)
  local s = {}
  for _, k in ipairs(list) do s[k] = true end
  return s
end

-- A coordinate: one decimal is finer than a pixel.
local function c(v)
  local s = string.format("%.1f", v)
  return (s:gsub("%.0$", ""))
end

-- A number for an axis or a label: an integer when it is one, else up to
-- two decimals.
local function number(v)
  if v == nil then return "" end
  local r = math.floor(v + 0.5) -- a float when v is beyond the integers
  if math.type(r) == "integer" and math.abs(v - r) < 1e-9 then
    return string.format("%d", r)
  end
  return (string.format("%.2f", v):gsub("0+$", ""):gsub("%.$", ""))
end

-- Roughly how many pixels text takes at a font size (no font metrics here:
-- an average glyph is a little over half the size wide).
local function text_width(s, size)
  return out.width(s) * size * 0.6
end

-- s cut with "…" to fit px pixels at size.
local function fit(s, px, size)
  if text_width(s, size) <= px then return s end
  local cut = {}
  for _, cp in utf8.codes(s) do
    cut[#cut + 1] = utf8.char(cp)
    if text_width(table.concat(cut), size) >= px - size then break end
  end
  return table.concat(cut) .. "…"
end

local function text(x, y, s, attrs)
  return string.format('<text x="%s" y="%s"%s>%s</text>', c(x), c(y), attrs or "", esc(s))
end

-- The opening tag; a title becomes the accessible name and the tooltip.
local function svg_open(w, h, title)
  local head = string.format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s"'
    .. ' viewBox="0 0 %s %s" font-family="%s" font-size="12" fill="%s"', c(w), c(h), c(w),
    c(h), FONT, INK)
  if title == nil then return head .. ' aria-hidden="true">' end
  return head .. string.format(' role="img" aria-label="%s"><title>%s</title>', esc(title), esc(title))
end

-- Tick values for the range lo..hi: about n steps of 1, 2, 2.5 or 5 x 10^k.
local function ticks(lo, hi, n)
  if hi <= lo then hi = lo + 1 end
  local raw = (hi - lo) / (n or 5)
  local mag = 10 ^ math.floor(math.log(raw, 10))
  local step = mag * 10
  for _, m in ipairs({ 1, 2, 2.5, 5, 10 }) do
    if raw <= m * mag then step = m * mag; break end
  end
  local list, v = {}, math.floor(lo / step + 1e-9) * step
  while v < hi + step * 0.999 do
    list[#list + 1] = v
    if v >= hi - 1e-9 then break end
    v = v + step
  end
  return list
end

-- Where a point sits on the x axis: its x, or its period's end in years
-- (2025 at 2025, 2025-Q1 at 2024.25, as pw.indicator orders them).
local function x_of(p)
  if p.x ~= nil then return p.x end
  local per = p.period and pw.period.parse(tostring(p.period))
  if not per then return nil end
  local last = ({ half = per.num * 6, quarter = per.num * 3, ["9m"] = 9,
    month = per.num })[per.kind] or 12
  return per.year + last / 12 - 1
end

local function y_of(p)
  if p.y ~= nil then return p.y end
  return p.value
end

-- A legend as a row of swatches that wraps at width; returns the SVG and
-- the height it takes.
local function legend(items, x0, y0, width)
  local parts, x, y = {}, x0, y0 + 12
  for _, it in ipairs(items) do
    local w = 22 + text_width(it.label, 12) + 16
    if x > x0 and x + w > x0 + width then x, y = x0, y + 18 end
    if it.kind == "line" then
      parts[#parts + 1] = string.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"'
        .. ' stroke-width="2.5"%s/>', c(x), c(y - 4), c(x + 16), c(y - 4), it.color,
        it.dash and ' stroke-dasharray="5 3"' or "")
    elseif it.kind == "point" then
      parts[#parts + 1] = string.format('<circle cx="%s" cy="%s" r="4" fill="#fff" stroke="%s"'
        .. ' stroke-width="2"/>', c(x + 8), c(y - 4), it.color)
    else
      parts[#parts + 1] = string.format('<rect x="%s" y="%s" width="14" height="10" rx="2"'
        .. ' fill="%s"/>', c(x + 1), c(y - 9), it.color)
    end
    parts[#parts + 1] = text(x + 22, y, it.label, ' fill="' .. MUTED .. '"')
    x = x + w
  end
  return table.concat(parts), y - y0 + 8
end

local LINE_OPTS = set({ "series", "bands", "width", "height", "title", "y_label",
  "x_min", "x_max", "y_min", "y_max", "x_step" })

-- The data range of a line chart: every point and band, with room above.
local function line_range(opts)
  local x0, x1, y0, y1 = math.huge, -math.huge, math.huge, -math.huge
  local function take(x, y)
    if x then x0, x1 = math.min(x0, x), math.max(x1, x) end
    if y then y0, y1 = math.min(y0, y), math.max(y1, y) end
  end
  for _, s in ipairs(opts.series) do
    for _, p in ipairs(s.points or {}) do take(x_of(p), y_of(p)) end
  end
  for _, b in ipairs(opts.bands or {}) do take(b.x0, b.y0); take(b.x1, b.y1) end
  if x0 == math.huge then x0, x1 = 0, 1 end
  if y0 == math.huge then y0, y1 = 0, 1 end
  x0, x1 = opts.x_min or x0, opts.x_max or x1
  if x1 <= x0 then x0, x1 = x0 - 1, x0 + 1 end
  y0 = opts.y_min or math.min(0, y0)
  y1 = opts.y_max or (y1 + (y1 - y0) * 0.08)
  if y1 <= y0 then y1 = y0 + 1 end
  return x0, x1, y0, y1
end

-- The plot area of a line chart: its box and the mapping of data to pixels.
local function line_frame(opts, W, H)
  local x0, x1, y0, y1 = line_range(opts)
  local yt = ticks(y0, y1, 5)
  y0, y1 = math.min(y0, yt[1]), math.max(y1, yt[#yt])
  local left = 14 + math.max(text_width(number(yt[1]), 11), text_width(number(yt[#yt]), 11))
  local f = { L = left + (opts.y_label and 14 or 0), R = 14, T = 10, B = 24, yt = yt,
    x0 = x0, x1 = x1 }
  f.w, f.h = W - f.L - f.R, H - f.T - f.B
  function f.X(x) return f.L + (x - x0) / (x1 - x0) * f.w end
  function f.Y(y) return f.T + f.h - (y - y0) / (y1 - y0) * f.h end
  return f
end

-- Grid lines and labels of the y axis, years (or ticks) along x, the
-- y axis' label.
local function line_axes(f, opts, add)
  local small = ' font-size="11" fill="' .. MUTED .. '"'
  for _, v in ipairs(f.yt) do
    add(string.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>', c(f.L), c(f.Y(v)),
      c(f.L + f.w), c(f.Y(v)), GRID))
    add(text(f.L - 6, f.Y(v) + 4, number(v), ' text-anchor="end"' .. small))
  end
  local step = opts.x_step or ((f.x1 - f.x0) <= 16 and 1 or nil)
  local xt = step and {} or ticks(f.x0, f.x1, 8)
  if step then
    for v = math.ceil(f.x0 - 1e-9), f.x1 + 1e-9, step do xt[#xt + 1] = v end
  end
  for _, v in ipairs(xt) do
    if v >= f.x0 - 1e-9 and v <= f.x1 + 1e-9 then
      add(text(f.X(v), f.T + f.h + 16, number(v), ' text-anchor="middle"' .. small))
    end
  end
  add(string.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>', c(f.L), c(f.T + f.h),
    c(f.L + f.w), c(f.T + f.h), AXIS))
  if opts.y_label then
    add(string.format('<text transform="translate(12 %s) rotate(-90)" text-anchor="middle"%s>%s</text>',
      c(f.T + f.h / 2), small, esc(opts.y_label)))
  end
end

local function line_band(f, b, color, add)
  local ya, yb = f.Y(math.max(b.y0, b.y1)), f.Y(math.min(b.y0, b.y1))
  add(string.format('<rect x="%s" y="%s" width="%s" height="%s" fill="%s" fill-opacity="0.16"'
    .. ' stroke="%s" stroke-opacity="0.6" stroke-dasharray="5 3"><title>%s</title></rect>',
    c(f.X(b.x0)), c(ya), c(math.max(1, f.X(b.x1) - f.X(b.x0))), c(math.max(1.5, yb - ya)), color,
    color, esc(b.label or "")))
end

-- One series: its line (broken where a point has no y) and its points,
-- each with a tooltip.
local function line_series(f, s, color, add)
  local runs, run = {}, {}
  for _, p in ipairs(s.points or {}) do
    local x, y = x_of(p), y_of(p)
    if x and y then
      run[#run + 1] = c(f.X(x)) .. "," .. c(f.Y(y))
    elseif #run > 0 then
      runs[#runs + 1], run = run, {}
    end
  end
  if #run > 0 then runs[#runs + 1] = run end
  for _, r in ipairs(s.line ~= false and runs or {}) do
    if #r > 1 then
      add(string.format('<polyline points="%s" fill="none" stroke="%s" stroke-width="2.5"'
        .. ' stroke-linejoin="round"%s/>', table.concat(r, " "), color,
        s.dash and ' stroke-dasharray="6 4"' or ""))
    end
  end
  if s.markers == false then return end
  for _, p in ipairs(s.points or {}) do
    local x, y = x_of(p), y_of(p)
    if x and y then
      local tip = (s.label and (s.label .. ": ") or "") .. (p.period or number(x)) .. " → " .. number(y)
      add(string.format('<circle cx="%s" cy="%s" r="%s" fill="%s" stroke="%s" stroke-width="2">'
        .. '<title>%s</title></circle>', c(f.X(x)), c(f.Y(y)), s.line == false and "5" or "3.5",
        s.line == false and "#fff" or color, color, esc(tip)))
    end
  end
end

-- chart.line{ series = { { label=, points = { {x=, y=} | {period=, value=} },
--   color=, dash=, markers=, line= } }, bands = { { x0=, x1=, y0=, y1=,
--   label=, color= } }, width=, height=, title=, y_label=, x_min=, x_max=,
--   y_min=, y_max=, x_step= }: a line chart. A series with line = false shows
--   its points alone; a point with y = nil breaks the line.
function chart.line(opts)
  check_opts("line", opts, LINE_OPTS)
  if type(opts.series) ~= "table" then fail("line", "series must be a list") end
  local W, H = opts.width or 640, opts.height or 240
  local f = line_frame(opts, W, H)
  local parts, items = {}, {}
  local function add(s) parts[#parts + 1] = s end
  line_axes(f, opts, add)
  for i, b in ipairs(opts.bands or {}) do
    local color = b.color or PALETTE[(i - 1) % #PALETTE + 1]
    line_band(f, b, color, add)
    if b.label then items[#items + 1] = { label = b.label, color = color, kind = "band" } end
  end
  for i, s in ipairs(opts.series) do
    local color = s.color or PALETTE[(i - 1) % #PALETTE + 1]
    line_series(f, s, color, add)
    if s.label then
      items[#items + 1] = { label = s.label, color = color, dash = s.dash,
        kind = s.line == false and "point" or "line" }
    end
  end
  local leg, lh = legend(items, f.L, H, W - f.L - f.R)
  return svg_open(W, H + lh, opts.title) .. table.concat(parts) .. leg .. "</svg>"
end

local BAR_OPTS = set({ "bars", "series", "max", "width", "bar_height", "label_width",
  "title", "unit" })

-- The parts of a bar: its values (stacked) or its one value.
local function bar_values(b)
  if type(b.values) == "table" then return b.values end
  return { b.value or 0 }
end

-- chart.bar{ bars = { { label=, value= | values = { ... }, text=, title= } },
--   series = { { label=, color= } }, max=, width=, bar_height=, label_width=,
--   title=, unit= }: horizontal bars, one per row, stacked when a bar has
--   several values (one per series). The text after a bar is its total (and
--   unit) unless the bar gives its own.
function chart.bar(opts)
  check_opts("bar", opts, BAR_OPTS)
  if type(opts.bars) ~= "table" then fail("bar", "bars must be a list") end
  local W, bh = opts.width or 640, opts.bar_height or 18
  local series = opts.series or {}
  local max, longest = opts.max or 0, 0
  for _, b in ipairs(opts.bars) do
    local total = 0
    for _, v in ipairs(bar_values(b)) do total = total + v end
    if not opts.max then max = math.max(max, total) end
    longest = math.max(longest, text_width(tostring(b.label or ""), 12))
  end
  if max <= 0 then max = 1 end
  local LW = opts.label_width or math.min(math.floor(W * 0.4), longest + 12)
  local TW = 64
  local span = W - LW - TW
  local parts, y = {}, 6
  for _, b in ipairs(opts.bars) do
    local label = tostring(b.label or "")
    parts[#parts + 1] = string.format('<g><title>%s</title>', esc(b.title or label))
    parts[#parts + 1] = text(LW - 8, y + bh * 0.72, fit(label, LW - 12, 12), ' text-anchor="end"')
    parts[#parts + 1] = string.format('<rect x="%s" y="%s" width="%s" height="%s" fill="%s" rx="2"/>',
      c(LW), c(y), c(span), c(bh), "#f1f3f5")
    local x, total = LW, 0
    for i, v in ipairs(bar_values(b)) do
      local w = math.max(0, v) / max * span
      local s = series[i] or {}
      if w > 0 then
        parts[#parts + 1] = string.format('<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>',
          c(x), c(y), c(w), c(bh), s.color or b.color or PALETTE[(i - 1) % #PALETTE + 1])
      end
      x, total = x + w, total + v
    end
    local label_text = b.text or (number(total) .. (opts.unit and (" " .. opts.unit) or ""))
    parts[#parts + 1] = text(LW + span + 6, y + bh * 0.72, label_text, ' fill="' .. MUTED .. '"')
    parts[#parts + 1] = "</g>"
    y = y + bh + 6
  end
  local items = {}
  for i, s in ipairs(series) do
    if s.label then
      items[#items + 1] = { label = s.label, color = s.color or PALETTE[(i - 1) % #PALETTE + 1] }
    end
  end
  local leg, lh = legend(items, LW, y, W - LW)
  return svg_open(W, y + lh, opts.title) .. table.concat(parts) .. leg .. "</svg>"
end

local HEAT_OPTS = set({ "rows", "cols", "cells", "scale", "cell", "label_width", "title" })

-- chart.heatmap{ rows = { label, ... }, cols = { label, ... }, cells = {
--   [row] = { [col] = key | { key=, title= } } }, scale = { { key=, label=,
--   color=, mark= } }, cell=, label_width=, title= }: a grid with one
--   coloured cell per row and column; each key of the scale has a colour, a
--   legend label and an optional mark drawn in the cell (so the grid reads
--   in grey too). A cell with no key stays blank.
function chart.heatmap(opts)
  check_opts("heatmap", opts, HEAT_OPTS)
  for _, k in ipairs({ "rows", "cols", "cells", "scale" }) do
    if type(opts[k]) ~= "table" then fail("heatmap", "%s must be a table", k) end
  end
  local by_key = {}
  for _, s in ipairs(opts.scale) do by_key[s.key] = s end
  local size = opts.cell or 26
  local longest = 0
  for _, r in ipairs(opts.rows) do longest = math.max(longest, text_width(tostring(r), 12)) end
  local LW = opts.label_width or math.min(300, longest + 12)
  local col_w = size
  for _, col in ipairs(opts.cols) do col_w = math.max(col_w, text_width(tostring(col), 11) + 6) end
  local top = 22
  local parts = {}
  for j, col in ipairs(opts.cols) do
    parts[#parts + 1] = text(LW + (j - 0.5) * col_w, top - 8, tostring(col),
      ' text-anchor="middle" font-size="11" fill="' .. MUTED .. '"')
  end
  for i, r in ipairs(opts.rows) do
    local y = top + (i - 1) * size
    local label = tostring(r)
    parts[#parts + 1] = string.format('<g><title>%s</title>%s</g>', esc(label),
      text(LW - 8, y + size * 0.65, fit(label, LW - 12, 12), ' text-anchor="end"'))
    local row = opts.cells[i] or {}
    for j = 1, #opts.cols do
      local cell = row[j]
      local key, tip = cell, nil
      if type(cell) == "table" then key, tip = cell.key, cell.title end
      local s = key ~= nil and by_key[key] or nil
      if key ~= nil and not s then fail("heatmap", "no colour for key '%s'", tostring(key)) end
      local x = LW + (j - 1) * col_w
      parts[#parts + 1] = string.format('<g><title>%s</title><rect x="%s" y="%s" width="%s"'
        .. ' height="%s" rx="3" fill="%s" stroke="#fff" stroke-width="2"/>', esc(tip or
        (label .. " · " .. tostring(opts.cols[j]) .. (s and (": " .. s.label) or ""))),
        c(x), c(y), c(col_w), c(size), s and s.color or "#f8f9fa")
      if s and s.mark then
        parts[#parts + 1] = text(x + col_w / 2, y + size * 0.66, s.mark,
          ' text-anchor="middle" font-size="13" font-weight="bold" fill="' .. (s.mark_color or "#fff") .. '"')
      end
      parts[#parts + 1] = "</g>"
    end
  end
  local W = LW + #opts.cols * col_w + 4
  local items = {}
  for _, s in ipairs(opts.scale) do
    items[#items + 1] = { label = (s.mark and (s.mark .. " ") or "") .. s.label, color = s.color }
  end
  local y = top + #opts.rows * size + 6
  local leg, lh = legend(items, 0, y, math.max(W, 560))
  return svg_open(math.max(W, 560), y + lh, opts.title) .. table.concat(parts) .. leg .. "</svg>"
end

local PROGRESS_OPTS = set({ "value", "max", "marker", "color", "width", "height", "title" })

-- chart.progress{ value=, max= (default 1), marker=, color=, width=,
--   height=, title= }: a bar filled to value / max (cut at both ends), with
--   an optional tick at marker (on the same scale), e.g. where a projection
--   leads.
function chart.progress(opts)
  check_opts("progress", opts, PROGRESS_OPTS)
  local W, H, max = opts.width or 160, opts.height or 12, opts.max or 1
  if max <= 0 then max = 1 end
  local function frac(v) return math.max(0, math.min(1, v / max)) end
  local parts = { svg_open(W, H, opts.title),
    string.format('<rect x="0" y="0" width="%s" height="%s" rx="%s" fill="#e9ecef"/>', c(W), c(H), c(H / 2)) }
  if opts.value and opts.value > 0 then
    parts[#parts + 1] = string.format('<rect x="0" y="0" width="%s" height="%s" rx="%s" fill="%s"/>',
      c(math.max(H, frac(opts.value) * W)), c(H), c(H / 2), opts.color or PALETTE[1])
  end
  if opts.marker then
    local x = math.max(1, math.min(W - 1, frac(opts.marker) * W))
    parts[#parts + 1] = string.format('<rect x="%s" y="0" width="2" height="%s" fill="%s"/>',
      c(x - 1), c(H), INK)
  end
  parts[#parts + 1] = "</svg>"
  return table.concat(parts)
end

return chart
