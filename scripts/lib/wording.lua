-- What reminder and escalation messages say, in Vietnamese and English.
-- Every text a recipient reads is here (the C core builds the message
-- around it). {placeholders} are filled from the item.
local wording = {}

local words = {
  vi = {
    subject_reminder = "Nhắc báo cáo: %d báo cáo cần gửi",
    subject_one = "Nhắc báo cáo: %s (kỳ %s), hạn %s",
    subject_escalate = "Báo cáo quá hạn: %d báo cáo chưa nhận được",
    subject_confirm = "Đã nhận báo cáo: %s (kỳ %s)",
    greeting = "Kính gửi %s,",
    intro_reminder = "Hệ thống theo dõi kế hoạch xin nhắc các báo cáo sau:",
    intro_escalate = "Các báo cáo sau đã quá hạn và chưa nhận được:",
    intro_confirm = "Đã ghi nhận báo cáo sau:",
    line = "%s — kỳ %s — gửi %s — hạn %s: %s",
    state = { due_soon = "còn %d ngày", due_today = "đến hạn hôm nay",
              overdue = "quá hạn %d ngày", received = "đã nhận ngày %s",
              received_late = "đã nhận ngày %s" },
    from_unit = "đơn vị %s",
    closing = "Thư này được gửi tự động; xin đừng trả lời thư này.",
  },
  en = {
    subject_reminder = "Report reminder: %d reports to send",
    subject_one = "Report reminder: %s (period %s), due %s",
    subject_escalate = "Overdue reports: %d reports not received",
    subject_confirm = "Report received: %s (period %s)",
    greeting = "Dear %s,",
    intro_reminder = "This is a reminder of the following reports:",
    intro_escalate = "The following reports are overdue and have not been received:",
    intro_confirm = "The following report has been recorded:",
    line = "%s — period %s — to %s — due %s: %s",
    state = { due_soon = "%d days left", due_today = "due today",
              overdue = "%d days overdue", received = "received on %s",
              received_late = "received on %s" },
    from_unit = "unit %s",
    closing = "This message was sent automatically; please do not reply.",
  },
}

-- The placeholders string.format gives each text that a plan may replace,
-- in order; a replacement may use the first few of them (%s or %d in that
-- order, %% for a percent sign). plugin_env.lua refuses any other text at
-- load; this is checked again here, where the texts are used.
local PLACEHOLDERS = {
  subject_reminder = { "d" }, subject_one = { "s", "s", "s" },
  subject_escalate = { "d" }, subject_confirm = { "s", "s" },
  greeting = { "s" }, intro_reminder = {}, intro_escalate = {},
  intro_confirm = {}, closing = {},
}

-- Why v cannot replace the text `key`, or nil.
local function unfit(key, v)
  local want = PLACEHOLDERS[key]
  if not want then return "not a text a plan may replace" end
  if type(v) ~= "string" or not utf8.len(v) then return "not UTF-8 text" end
  if pw.out_module.escape(v) ~= v then return "it holds control characters" end
  local n = 0
  for spec in v:gmatch("%%(.?)") do
    if spec ~= "%" then
      n = n + 1
      if spec ~= want[n] then return "its placeholders do not match the message's" end
    end
  end
end

-- The plan's own wording (plan.lua `wording { lang = ..., ... }`) overrides
-- the texts above key by key. A text unfit for its message is reported
-- (source: the file it comes from) and the default kept.
local overrides = {}

function wording.override(decls, source)
  for _, d in ipairs(decls or {}) do
    if d.decl == "wording" and words[d.lang] then
      local o = overrides[d.lang] or {}
      overrides[d.lang] = o
      for k, v in pairs(d) do
        if k ~= "decl" and k ~= "line" and k ~= "lang" then
          local why = unfit(k, v)
          if why then
            pw.err(pw.out_module.escape(string.format("planwatch: warning: %s:%s: wording %s.%s: %s; "
              .. "using the default text", tostring(source), tostring(d.line), d.lang, tostring(k), why)), "\n")
          else
            o[k] = v
          end
        end
      end
    end
  end
end

local function W(lang)
  local base = words[lang] or words.vi
  local o = overrides[lang]
  if not o or not next(o) then return base end
  return setmetatable(o, { __index = base })
end

local function escape_html(s)
  return (tostring(s):gsub("[&<>\"']", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;",
    ['"'] = "&quot;", ["'"] = "&#39;" }))
end
wording.escape_html = escape_html

local function title_of(item, lang)
  local t = (lang == "en" and item.title_en) or item.title
  return (t:gsub("{year}", item.period:sub(1, 4)):gsub("{period}", item.period))
end

local function state_text(item, w)
  local f = w.state[item.state] or item.state
  if item.state == "due_soon" then return string.format(f, item.days_left) end
  if item.state == "overdue" then return string.format(f, -item.days_left) end
  if item.received_at then return string.format(f, item.received_at:sub(1, 10)) end
  return f
end

local function line(item, w, lang)
  local what = title_of(item, lang)
  if item.for_unit then what = what .. " (" .. string.format(w.from_unit, item.unit_name) .. ")" end
  return string.format(w.line, what, item.period, item.to_unit, item.deadline, state_text(item, w))
end

-- A digest for one recipient: kind is "reminder", "escalate" or "confirm".
-- Returns subject, text, html.
function wording.digest(kind, recipient_name, items, lang)
  local w = W(lang)
  local subject
  if kind == "escalate" then
    subject = string.format(w.subject_escalate, #items)
  elseif kind == "confirm" then
    subject = string.format(w.subject_confirm, title_of(items[1], lang), items[1].period)
  elseif #items == 1 then
    subject = string.format(w.subject_one, title_of(items[1], lang), items[1].period, items[1].deadline)
  else
    subject = string.format(w.subject_reminder, #items)
  end
  local intro = w["intro_" .. kind]
  local lines, lis = {}, {}
  for i, it in ipairs(items) do
    local l = line(it, w, lang)
    lines[i] = "- " .. l
    lis[i] = "<li>" .. escape_html(l) .. "</li>"
  end
  local greeting = string.format(w.greeting, recipient_name)
  local text = table.concat({ greeting, "", intro, table.concat(lines, "\n"), "", w.closing }, "\n")
  local html = table.concat({ "<p>", escape_html(greeting), "</p><p>", escape_html(intro),
    "</p><ul>", table.concat(lis), "</ul><p><small>", escape_html(w.closing), "</small></p>" })
  return subject, text, html
end

return wording
