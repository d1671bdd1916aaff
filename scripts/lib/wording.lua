-- Reminder, escalation and confirmation messages from their items: the
-- words are the catalogue's mail area (words_mail.lua), dates and periods
-- as formats.lua writes them in the message's language.
local words = require "words"
local formats = require "formats"
local escape = require "escape"

local wording = {}


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
-- the catalogue's texts key by key. A text unfit for its message is
-- reported (source: the file it comes from) and the default kept.

function wording.override(decls, source)
  for _, d in ipairs(decls or {}) do
    if d.decl == "wording" and (d.lang == "vi" or d.lang == "en") then
      for k, v in pairs(d) do
        if k ~= "decl" and k ~= "line" and k ~= "lang" then
          local why = unfit(k, v)
          if why then
            pw.err(pw.out_module.escape(words.say("cli.warn.wording_unfit", tostring(source),
              tostring(d.line), d.lang, tostring(k), why)), "\n")
          else
            words.override("mail", d.lang, k, v)
          end
        end
      end
    end
  end
end

local function W(lang)
  return words.of("mail", lang)
end

local function title_of(item, lang)
  local t = (lang == "en" and item.title_en) or item.title
  return (t:gsub("{year}", item.period:sub(1, 4)):gsub("{period}", item.period))
end

local function state_text(item, w, lang)
  local f = w.state[item.state] or item.state
  if item.state == "due_soon" then return string.format(f, item.days_left) end
  if item.state == "overdue" then return string.format(f, -item.days_left) end
  if item.received_at then return string.format(f, formats.date(item.received_at, lang)) end
  return f
end

local function line(item, w, lang)
  local what = title_of(item, lang)
  if item.for_unit then what = what .. " (" .. string.format(w.from_unit, item.unit_name) .. ")" end
  return string.format(w.line, what, formats.period(item.period, lang), item.to_unit,
    formats.date(item.deadline, lang), state_text(item, w, lang))
end

-- A digest for one recipient: kind is "reminder", "escalate" or "confirm".
-- Returns subject, text, html.
function wording.digest(kind, recipient_name, items, lang)
  local w = W(lang)
  local subject
  if kind == "escalate" then
    subject = string.format(w.subject_escalate, #items)
  elseif kind == "confirm" then
    subject = string.format(w.subject_confirm, title_of(items[1], lang),
      formats.period(items[1].period, lang))
  elseif #items == 1 then
    subject = string.format(w.subject_one, title_of(items[1], lang),
      formats.period(items[1].period, lang), formats.date(items[1].deadline, lang))
  else
    subject = string.format(w.subject_reminder, #items)
  end
  local intro = w["intro_" .. kind]
  local lines, lis = {}, {}
  for i, it in ipairs(items) do
    local l = line(it, w, lang)
    lines[i] = "- " .. l
    lis[i] = "<li>" .. escape.html(l) .. "</li>"
  end
  local greeting = string.format(w.greeting, recipient_name)
  local text = table.concat({ greeting, "", intro, table.concat(lines, "\n"), "", w.closing }, "\n")
  local html = table.concat({ "<p>", escape.html(greeting), "</p><p>", escape.html(intro),
    "</p><ul>", table.concat(lis), "</ul><p><small>", escape.html(w.closing), "</small></p>" })
  return subject, text, html
end

return wording
