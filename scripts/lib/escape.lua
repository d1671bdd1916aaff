-- Escaping text for the markup planwatch writes: HTML and XML (the
-- report, its charts, the DOCX parts, mail bodies).
local escape = {}

local HTML = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

-- s (any value, through tostring) with & < > " ' as entities: safe in
-- element text and in quoted attributes, in HTML and XML alike.
function escape.html(s)
  return (tostring(s):gsub("[&<>\"']", HTML))
end

-- s for XML 1.0 text and attributes (the DOCX parts): as escape.html,
-- less the control characters XML 1.0 does not allow (all but tab, LF, CR).
function escape.xml(s)
  return escape.html((tostring(s):gsub("[%z\1-\8\11\12\14-\31]", "")))
end

return escape
