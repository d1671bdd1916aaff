-- The HTML report's style sheet: a phone's viewport, an A4 print style, and
-- badges whose text is readable on their colour (WCAG contrast, computed
-- here from the hex colours of the style sheet).
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"

local DEMO = H.root .. "/tests/browser/demo.lua"

-- WCAG 2.1, "relative luminance": "the relative brightness of any point in
-- a colorspace, normalized to 0 for darkest black and 1 for lightest white
-- ... L = 0.2126 * R + 0.7152 * G + 0.0722 * B where R, G and B are defined
-- as: if RsRGB <= 0.04045 then R = RsRGB/12.92 else R = ((RsRGB+0.055)/1.055)
-- ^ 2.4"; "contrast ratio: (L1 + 0.05) / (L2 + 0.05), where L1 is the
-- relative luminance of the lighter of the colors".
local function luminance(hex)
  hex = hex:lower():gsub("^#", "")
  if #hex == 3 then hex = hex:gsub(".", "%0%0") end
  assert(#hex == 6, "not a hex colour: " .. hex)
  local function channel(i)
    local c = tonumber(hex:sub(i, i + 1), 16) / 255
    return c <= 0.04045 and c / 12.92 or ((c + 0.055) / 1.055) ^ 2.4
  end
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
end

local function contrast(a, b)
  local la, lb = luminance(a), luminance(b)
  if la < lb then la, lb = lb, la end
  return (la + 0.05) / (lb + 0.05)
end

-- The text inside the braces that open at position i of css.
local function block_at(css, i)
  local depth = 0
  for j = i, #css do
    local c = css:sub(j, j)
    if c == "{" then depth = depth + 1
    elseif c == "}" then
      depth = depth - 1
      if depth == 0 then return css:sub(i + 1, j - 1), j end
    end
  end
  error("unbalanced braces after position " .. i)
end

-- The rules of css outside any at-rule: { selector, declarations }, and the
-- at-rules' blocks by their prelude ("@media print" -> its text).
local function split(css)
  local rules, at = {}, {}
  local pos = 1
  while true do
    local s, e, head = css:find("%s*([^{}]-)%s*{", pos)
    if not s then break end
    local body, close = block_at(css, e)
    if head:sub(1, 1) == "@" then at[head] = body
    else rules[#rules + 1] = { head, body } end
    pos = close + 1
  end
  return rules, at
end

local function prop(decls, name)
  return decls:match("%f[%w-]" .. name:gsub("%-", "%%-") .. ":%s*(#%x+)")
end

-- Every badge class's background and text colour, from the rules of css.
local function badge_pairs(rules)
  local base = {}
  for _, r in ipairs(rules) do
    if r[1] == ".badge" then base = r[2] end
  end
  local pairs_ = {}
  for _, r in ipairs(rules) do
    local class = r[1]:match("^%.badge%.([%w_-]+)$")
    if class and prop(r[2], "background") then
      pairs_[class] = { bg = prop(r[2], "background"), fg = prop(r[2], "color") or prop(base, "color") }
    end
  end
  return pairs_
end

local page
local function report()
  if not page then
    local db = H.yenbai_db()
    local r = H.run({ "--db", db, "--write", "run", DEMO })
    assert(r.code == 0, r.err)
    local path = H.tmpdir() .. "/report.html"
    r = H.run({ "--db", db, "--plugins", H.PLUGINS, "--today", "2025-06-30", "report", "--html", path })
    assert(r.code == 0, r.err)
    page = H.read(path)
  end
  return page, assert(page:match("<style>(.-)</style>"), "the page has no style sheet")
end

describe("WCAG contrast as this spec computes it", function()
  it("gives 21:1 for black on white and about 3.18:1 for white on #d97706", function()
    assert.is_true(math.abs(contrast("#000", "#fff") - 21) < 1e-9)
    local amber = contrast("#ffffff", "#d97706")
    assert.is_true(amber > 3.17 and amber < 3.2, tostring(amber))
    assert.are.equal(1, contrast("#12355b", "#12355b"))
  end)
end)

describe("planwatch report --html style sheet", function()
  it("sets the viewport for phones", function()
    local html = report()
    assert.truthy(html:find('<meta name="viewport" content="width=device-width, initial-scale=1"/>', 1, true))
  end)

  it("has a narrow-screen block that stacks the table cells", function()
    local _, css = report()
    local _, at = split(css)
    local narrow = at["@media (max-width:640px)"]
    assert.truthy(narrow, "no @media (max-width:640px) block")
    assert.truthy(narrow:find(".scroll tr{display:block", 1, true) or narrow:find("tr{display:block", 1, true))
  end)

  it("prints on A4 with margins, without cutting tables or rows", function()
    local _, css = report()
    local _, at = split(css)
    local print = at["@media print"]
    assert.truthy(print, "no @media print block")
    local page_rule = print:match("@page%s*{([^}]*)}")
    assert.truthy(page_rule, "no @page in the print block")
    assert.truthy(page_rule:match("size:%s*A4"), "@page is not A4: " .. page_rule)
    assert.truthy(page_rule:match("margin:%s*%d"), "@page has no margin: " .. page_rule)
    assert.truthy(print:find(".scroll{overflow:visible}", 1, true), "tables may be cut in their scroll box")
    assert.truthy(print:match("tr[^{]*{break%-inside:avoid"), "rows may break across pages")
  end)

  it("gives every badge colour a text contrast of at least 4.5:1", function()
    local html, css = report()
    local rules = split(css)
    local found = badge_pairs(rules)
    local n = 0
    for class, p in pairs(found) do
      n = n + 1
      assert.truthy(p.fg, class .. " has no text colour")
      local ratio = contrast(p.fg, p.bg)
      assert.is_true(ratio >= 4.5, string.format(".badge.%s: %s on %s is %.2f:1", class, p.fg, p.bg, ratio))
    end
    assert.is_true(n >= 12, "only " .. n .. " badge colours in the style sheet")
    -- Every badge of the page takes its colour from one of those rules.
    local badges = 0
    for classes, rest in html:gmatch('<span class="badge([^"]*)"([^>]*)>') do
      badges = badges + 1
      local class = classes:match("^ ([%w_-]+)$")
      assert.truthy(class and found[class], "a badge without a checked colour: badge" .. classes)
      assert.is_nil(rest:find("style="), "a badge with an inline style")
    end
    assert.is_true(badges >= 20, "only " .. badges .. " badges on the page")
  end)

  it("prints badges as dark text in a border, readable without background colours", function()
    local _, css = report()
    local _, at = split(css)
    local print_rules = split(at["@media print"])
    local decls
    for _, r in ipairs(print_rules) do
      if r[1] == ".badge" then decls = r[2] end
    end
    assert.truthy(decls, "no .badge rule in the print block")
    local fg = prop(decls, "color")
    assert.truthy(fg, "printed badges have no text colour")
    assert.is_true(contrast(fg, "#ffffff") >= 4.5, fg .. " on white paper")
    assert.truthy(decls:match("border%-color:%s*currentColor") or decls:match("border:"),
      "printed badges have no border")
    local header
    for _, r in ipairs(print_rules) do
      if r[1] == "header.top" then header = r[2] end
    end
    assert.truthy(header, "no print rule for the header")
    assert.truthy(header:find("background:none", 1, true))
    assert.is_true(contrast(prop(header, "color"), "#ffffff") >= 4.5, "the printed header is faint")
  end)
end)
