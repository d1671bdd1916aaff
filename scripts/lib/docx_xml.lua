-- WordprocessingML for the yearly report (report_docx.lua): runs,
-- paragraphs and tables that name the templates' styles.
local escape = require "escape"

local xml = {}

-- Width of the text area in twips: A4 (11906) less the left (1701) and
-- right (851) margins of document.xml.
local TEXT_WIDTH = 9354
xml.TEXT_WIDTH = TEXT_WIDTH

local esc = escape.xml

-- A run of text, in a character style when given.
local function run(text, style)
  local rpr = style and ('<w:rPr><w:rStyle w:val="' .. style .. '"/></w:rPr>') or ""
  return "<w:r>" .. rpr .. '<w:t xml:space="preserve">' .. esc(text) .. "</w:t></w:r>"
end

-- A paragraph of a style; content is text, or runs already made (a table
-- of strings); ppr adds paragraph properties after the style.
local function para(style, content, ppr)
  local body = type(content) == "table" and table.concat(content) or
    (content and content ~= "" and run(content) or "")
  return '<w:p><w:pPr><w:pStyle w:val="' .. style .. '"/>' .. (ppr or "") .. "</w:pPr>"
    .. body .. "</w:p>"
end

-- What the writer still has to write, marked as such.
local function placeholder(style, text)
  return para(style, { run(text, "PWPlaceholder") })
end

-- A horizontal line of width twips, centred in a box of box twips.
local function rule(width, box)
  local side = math.max(0, (box - width) // 2)
  return para("PWRule", nil, string.format('<w:ind w:left="%d" w:right="%d"/>', side, side))
end

local function cell(width, paragraphs)
  return string.format('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>', width,
    table.concat(paragraphs))
end

local function grid(widths)
  local cols = {}
  for i, w in ipairs(widths) do cols[i] = string.format('<w:gridCol w:w="%d"/>', w) end
  return "<w:tblGrid>" .. table.concat(cols) .. "</w:tblGrid>"
end

local function table_start(style, widths, look)
  local total = 0
  for _, w in ipairs(widths) do total = total + w end
  return string.format('<w:tbl><w:tblPr><w:tblStyle w:val="%s"/><w:tblW w:w="%d" w:type="dxa"/>'
    .. '<w:tblLayout w:type="fixed"/><w:tblLook w:val="%s" w:firstRow="%d" w:lastRow="0"'
    .. ' w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>',
    style, total, look and "0420" or "0000", look and 1 or 0) .. grid(widths)
end

-- A data table in the style PWTable: a header row repeated on every page,
-- then rows of strings; numeric columns (numeric[i]) are right-aligned.
local function data_table(widths, header, rows, numeric)
  local out = { table_start("PWTable", widths, true), "<w:tr><w:trPr><w:tblHeader/></w:trPr>" }
  for i, h in ipairs(header) do out[#out + 1] = cell(widths[i], { para("PWTableHeading", h) }) end
  out[#out + 1] = "</w:tr>"
  for _, r in ipairs(rows) do
    out[#out + 1] = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
    for i = 1, #header do
      out[#out + 1] = cell(widths[i], { para(numeric and numeric[i] and "PWTableNumber"
        or "PWTableText", r[i] or "") })
    end
    out[#out + 1] = "</w:tr>"
  end
  out[#out + 1] = "</w:tbl>"
  return table.concat(out)
end

-- Two columns without borders (the header block, the signature block).
local function layout_table(widths, left, right)
  return table_start("PWLayout", widths, false) .. "<w:tr>" .. cell(widths[1], left)
    .. cell(widths[2], right) .. "</w:tr></w:tbl>"
end

-- Widths in twips from shares of the text width.
local function widths(shares)
  local total, out = 0, {}
  for _, s in ipairs(shares) do total = total + s end
  for i, s in ipairs(shares) do out[i] = math.floor(TEXT_WIDTH * s / total) end
  return out
end

xml.esc, xml.run, xml.para, xml.placeholder, xml.rule = esc, run, para, placeholder, rule
xml.data_table, xml.layout_table, xml.widths = data_table, layout_table, widths

return xml
