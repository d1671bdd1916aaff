-- Reading section IV of a plan ("Tổ chức thực hiện"): the units its
-- headings name, their roles, the plan's standing body. Methods of
-- planparse_doc's Doc.
local T = require "planparse_text"
local W = require "planparse_words"
local U = require "planparse_units"
local D = require "planparse_doc"

local Doc, ref = D.Doc, D.ref

-- The unit names of a heading of section IV and the text after its colon.
local function heading_names(title)
  local text = title:gsub("[:.]+$", "")
  local head, rest = text:match("^([^:]+):%s*(.*)$")
  local list, extra = text, nil
  if head then
    local hw = T.words(head)
    if #hw == 2 and hw[1].key == "cac" then
      list = head .. ": " .. rest
    else
      list, extra = head, rest ~= "" and rest or nil
    end
  end
  local words = T.words(list)
  local at = T.find_phrase(words, W.NAME_LIST_END)
  if at and at > 1 then list = T.join(words, 1, at - 1) end
  return list, extra
end

function Doc:read_org(sec)
  for _, sub in ipairs(sec.subs) do
    local list, extra = heading_names(sub.title)
    local units = {}
    local collective = U.is_collective(list) and not list:find(":")
    if not collective then
      for _, name in ipairs(self.units:split(list)) do
        if not U.is_collective(name) and #T.words(name) <= 12 then
          local u, review = self.units:resolve(name, sub.line.n, sub.line.text)
          if review then self.reviews[#self.reviews + 1] = review end
          units[#units + 1] = u
        end
      end
    end
    local roles, rlist = {}, {}
    if extra then roles[1] = extra end
    local function add(paras)
      for _, p in ipairs(paras) do
        roles[#roles + 1] = self:check_text(p.line, p.text, rlist)
      end
    end
    add(sub.paras)
    for _, ss in ipairs(sub.subs) do
      roles[#roles + 1] = self:check_text(ss.line, ss.title, rlist)
      add(ss.paras)
    end
    for _, u in ipairs(units) do
      for _, r in ipairs(roles) do u.roles[#u.roles + 1] = r end
      for _, r in ipairs(rlist) do u.reviews[#u.reviews + 1] = r end
      u.role_ref = (u.role_ref and (u.role_ref .. ", ") or "") .. ref(sec, sub)
    end
    if #units == 1 and T.has_any(T.fold(table.concat(roles, " ")), W.STANDING_UNIT)
        and not self.standing then
      self.standing = units[1]
    end
  end
end


return Doc
