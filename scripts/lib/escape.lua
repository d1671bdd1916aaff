-- Escaping text for the markup planwatch writes: HTML and XML (the
-- report, its charts, the DOCX parts, mail bodies).
local escape = {}

local HTML = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

-- s (any value, through tostring) with & < > " ' as entities: safe in
-- element text and in quoted attributes, in HTML and XML alike.
function escape.html(s)
  return (tostring(s):gsub("[&<>\"']", HTML))
end

return escape
