-- The documents a newcomer reads: a README that stays short, and links
-- between the documents that lead somewhere.
local H = require "helper"

local DOCS = { "README.md", "docs/commands.md", "docs/importing.md", "docs/targets.md",
  "docs/reminders.md", "docs/report.md", "docs/reliability.md", "docs/performance.md",
  "docs/ARCHITECTURE.md", "docs/huong-dan.md", "scripts/README.md", "plugins/README.md" }

-- GitHub's anchor of a heading: lower case, punctuation dropped, spaces as -.
local function anchor(heading)
  return (heading:lower():gsub("[^%w%s%-_\128-\255]", ""):gsub("%s", "-"))
end

local function anchors(text)
  local set = {}
  for h in text:gmatch("\n#+ ([^\n]+)") do set[anchor(h)] = true end
  return set
end

describe("the documents", function()
  it("keep the README under 15 KB, with a contents list", function()
    local text = H.read(H.root .. "/README.md")
    assert.is_true(#text < 15 * 1024, #text .. " bytes")
    assert.truthy(text:find("**Contents:**", 1, true))
    assert.truthy(text:find("make run", 1, true) < 2000, "make run in the first screen")
    assert.truthy(text:find("make test", 1, true) < 2000, "make test in the first screen")
  end)

  it("link only to files and headings that exist", function()
    for _, doc in ipairs(DOCS) do
      local text = H.read(H.root .. "/" .. doc)
      assert.is_true(#text > 0, doc)
      local dir = doc:match("^(.*)/[^/]*$") or "."
      for target in text:gmatch("%]%(([^)%s]+)%)") do
        if not target:match("^%a+:") then
          local file, frag = target:match("^([^#]*)#?(.*)$")
          local path = file == "" and (H.root .. "/" .. doc) or (H.root .. "/" .. dir .. "/" .. file)
          assert.are.equal(0, H.sh("test -e " .. H.quote(path)), doc .. " links to a missing " .. target)
          if frag ~= "" and path:match("%.md$") then
            assert.is_true(anchors("\n" .. H.read(path))[frag] ~= nil, doc .. " links to a missing heading " .. target)
          end
        end
      end
    end
  end)

  it("have a Vietnamese guide for provincial staff covering the daily work", function()
    local text = H.read(H.root .. "/docs/huong-dan.md")
    for _, cmd in ipairs({ "make run", "planwatch load", "planwatch import", "planwatch submit",
                           "planwatch remind", "planwatch report --html" }) do
      assert.truthy(text:find(cmd, 1, true), cmd)
    end
    assert.truthy(text:find("Nhập số liệu từ Excel", 1, true))
  end)
end)
