-- Writing the model planparse reads as a plan package (plugins/README.md):
-- plan.lua with the plan, its units, goals, task groups, plan-level
-- indicators and targets and funding, and one file per lead unit with its
-- tasks and the targets its tasks name. Each value read with doubt carries
-- a "-- REVIEW:" comment quoting its source line.
local T = require "planparse_text"
local TG = require "planparse_targets"
local W = require "planparse_words"

local growth_of

local E = {}

---------------------------------------------------------------------------
-- Lua text
---------------------------------------------------------------------------

local function lit(v)
  if type(v) == "string" then return T.quote(v) end
  if math.type(v) == "integer" then return tostring(v) end
  if type(v) == "number" then
    local s = string.format("%.15g", v)
    return s:find("[.e]") and s or s .. ".0"
  end
  local parts = {}
  for i, x in ipairs(v) do parts[i] = lit(x) end
  return "{ " .. table.concat(parts, ", ") .. " }"
end

-- A buffer of lines.
local function buffer()
  local b = { lines = {} }
  function b.add(...)
    for _, s in ipairs({ ... }) do b.lines[#b.lines + 1] = s end
  end
  function b.text() return table.concat(b.lines, "\n") .. "\n" end
  return b
end

local function review_line(r)
  return string.format("-- REVIEW: %s: \"%s\" (line %d)", r.reason, r.quote, r.line)
end

local function comments(b, list, indent)
  for _, c in ipairs(list or {}) do
    if type(c) == "table" then b.add((indent or "") .. review_line(c))
    else b.add((indent or "") .. "-- " .. c) end
  end
end

-- A declaration: kind { field = value, ... } with fields in order; a field
-- is { name, value, comments = {...} }; a list of strings goes one a line.
local function decl(b, kind, fields, notes)
  comments(b, notes)
  b.add(kind .. " {")
  for _, f in ipairs(fields) do
    local name, v = f[1], f[2]
    if v ~= nil then
      comments(b, f.comments, "  ")
      if type(v) == "table" and type(v[1]) == "string" and #v > 0 and f.lines ~= false then
        b.add("  " .. name .. " = {")
        for _, s in ipairs(v) do b.add("    " .. lit(s) .. ",") end
        b.add("  },")
      elseif type(v) ~= "table" or #v > 0 then -- an empty list is left out
        b.add("  " .. name .. " = " .. lit(v) .. ",")
      end
    end
  end
  b.add("}", "")
end

local function rule(b, title)
  b.add(string.rep("-", 75), "-- " .. title, string.rep("-", 75), "")
end

---------------------------------------------------------------------------
-- Codes and windows
---------------------------------------------------------------------------

local function goal_codes(doc)
  local counts, seen = {}, {}
  local function group_of(g)
    if g.kind == "general" then return "G_CHUNG" end
    if g.kind == "requirement" then return "YEU_CAU" end
    return g.by and ("G_" .. g.by) or "G_CU_THE"
  end
  for _, g in ipairs(doc.goals) do
    local k = group_of(g)
    counts[k] = (counts[k] or 0) + 1
  end
  for _, g in ipairs(doc.goals) do
    local k = group_of(g)
    seen[k] = (seen[k] or 0) + 1
    g.code = (k == "YEU_CAU" and counts[k] == 1) and k or (k .. "_" .. seen[k])
  end
end

-- The years a target's window covers, before rate windows are adjusted.
local function window_of(doc, t)
  local from, to = doc.span[1], doc.span[2]
  if t.scope == "plan" then
    if t.window then return t.window[1], t.window[2] end
    return from, t.by or to
  end
  local when = t.task.when
  if when == "annual" then
    doc:review(t.line, "the task runs every year: the target is read over the whole span", t.reviews)
    return from, to
  end
  local y = when:match("^from (%d+)$")
  if y then return tonumber(y), to end
  local a, b = when:match("^([^/]+)/([^/]+)$")
  if not a then a, b = when, when end
  return tonumber(a:sub(1, 4)), tonumber(b:sub(1, 4))
end

-- The indicator whose average growth ind measures ("Tốc độ tăng năng
-- suất lao động bình quân ... %/năm" -> "Năng suất lao động"), or nil:
-- { code, name, name_en, measure }.
growth_of = function(ind, known)
  if ind.measure ~= "%/năm" then return nil end
  local key = T.fold(ind.name)
  for _, w in ipairs(W.GROWTH_ALL) do
    if not T.has_any(key, { w }) then return nil end
  end
  if known and known.of then return known.of end
  local words = " " .. key:gsub("%p", " "):gsub(" +", " ") .. " "
  for _, d in ipairs(W.GROWTH_DROP) do words = words:gsub(" " .. d .. " ", " ") end
  words = T.trim(words)
  if words == "" then return nil end
  -- the same words as written, from the name
  local kept, out = {}, {}
  for w in words:gmatch("%S+") do kept[#kept + 1] = w end
  local k = 1
  for _, w in ipairs(T.words(ind.name)) do
    if kept[k] and w.key:gsub("%p", "") == kept[k] then
      out[#out + 1] = w.text:gsub("%p+$", "")
      k = k + 1
    end
  end
  local name = T.first_upper(table.concat(out, " "))
  return { code = TG.code(name), name = name, made = true }
end

-- Give each target an indicator and a window; returns the indicators in
-- order. Targets of one file that share a code and measure share the
-- indicator; a rate ("%/năm") under a later year starts after the earlier
-- target's end; two targets of one indicator never share a window.
local function assign(doc)
  local indicators, by_code = {}, {}
  local function file_of(t) return t.scope == "plan" and "plan" or t.task.lead end
  local function new_indicator(code, t, known)
    local ind = { code = code, file = file_of(t), measure = t.measure, targets = {},
      name = known and known.name or t.name, name_en = known and known.name_en,
      known = known ~= nil, line = t.line, windows = {} }
    ind.of = growth_of(ind, known)
    indicators[#indicators + 1] = ind
    by_code[code] = ind
    return ind
  end
  for _, t in ipairs(doc.targets) do
    t.from, t.to = window_of(doc, t)
    if t.from < doc.span[1] or t.to > doc.span[2] or t.from > t.to then
      doc:review(t.line, string.format("the window %d/%d is outside the plan's span %d/%d",
                 t.from, t.to, doc.span[1], doc.span[2]), t.reviews)
      t.from = math.max(doc.span[1], math.min(t.from, doc.span[2]))
      t.to = math.max(t.from, math.min(t.to, doc.span[2]))
    end
    local base, known = TG.code(t.name)
    local code, n = base, 1
    local file = file_of(t)
    local ind = by_code[code]
    if ind and ind.file ~= file and file ~= "plan" then
      base = base .. "_" .. file
      code, ind = base, by_code[base]
    end
    while ind and (ind.file ~= file or ind.measure ~= t.measure) do
      n = n + 1
      code = base .. "_" .. n
      ind = by_code[code]
    end
    ind = ind or new_indicator(code, t, known)
    ind.targets[#ind.targets + 1] = t
    t.indicator = ind
  end
  -- rates: a later target covers the years after the earlier one
  for _, ind in ipairs(indicators) do
    if ind.measure == "%/năm" and ind.file == "plan" then
      table.sort(ind.targets, function(a, b) return a.to < b.to end)
      for k = 2, #ind.targets do
        local t, prev = ind.targets[k], ind.targets[k - 1]
        if not t.window and t.from <= prev.to and prev.to < t.to then t.from = prev.to + 1 end
      end
    end
  end
  -- one target per window: move a clash to an indicator of its own
  local moved = {}
  for _, ind in ipairs(indicators) do
    local keep = {}
    for _, t in ipairs(ind.targets) do
      local w = t.from .. "/" .. t.to
      if ind.windows[w] then moved[#moved + 1] = t
      else ind.windows[w], keep[#keep + 1] = true, t end
    end
    ind.targets = keep
  end
  for _, t in ipairs(moved) do
    local n, shared = 2, t.indicator.code
    local code = shared .. "_" .. n
    while by_code[code] do
      n = n + 1
      code = shared .. "_" .. n
    end
    local ind = new_indicator(code, t, nil)
    ind.targets[1] = t
    ind.windows[t.from .. "/" .. t.to] = true
    t.indicator = ind
    doc:review(t.line, "a second target for " .. shared ..
               " over the same years: given an indicator of its own", t.reviews)
  end
  return indicators
end

---------------------------------------------------------------------------
-- Declarations
---------------------------------------------------------------------------

local function quote_note(ref, text)
  return string.format("%s: \"%s\"", ref, text)
end

local function line_note(l, label)
  return string.format("line %d%s: \"%s\"", l.n, label and (", " .. label) or "", l.text)
end

-- The indicator an average-growth indicator reads (its `of`), declared
-- just before it; its values are what departments import.
local function base_decl(b, ind, owner)
  local notes = { "the level whose average yearly growth " .. ind.code .. " measures (rule cagr)" }
  if ind.of.made then notes[#notes + 1] = "code and name made from the growth indicator's words" end
  decl(b, "indicator", {
    { "code", ind.of.code }, { "name", ind.of.name }, { "name_en", ind.of.name_en },
    { "measure", ind.of.measure }, { "period", "year" }, { "owner", owner },
  }, notes)
end

local function indicator_decl(b, doc, ind)
  local notes = {}
  if not ind.known then notes[#notes + 1] = "code made from the sentence's words" end
  local count = not ind.measure:match("^%%")
  if count then
    notes[#notes + 1] = "counted in the year each is reached; a target reads the sum over its window"
  end
  local owner
  if ind.file == "plan" then
    owner = doc.standing and doc.standing.code
    if owner then
      notes[#notes + 1] = "owner: the unit section " .. (doc.standing.role_ref or "IV") ..
        " makes the plan's standing body"
    end
  end
  if ind.of then
    base_decl(b, ind, owner)
    notes[#notes + 1] = "an average rate of growth: the compound yearly growth of " .. ind.of.code ..
      " over the target's window"
  end
  decl(b, "indicator", {
    { "code", ind.code }, { "name", ind.name }, { "name_en", ind.name_en },
    { "measure", ind.measure }, { "period", "year" },
    { "rule", ind.of and "cagr" or count and "sum" or "last" }, { "of", ind.of and ind.of.code },
    { "goal", ind.file == "plan" and ind.targets[1] and ind.targets[1].goal
              and ind.targets[1].goal.code or nil },
    { "owner", owner },
  }, notes)
end

local function target_decl(b, doc, t)
  local notes = { line_note(t.line, t.ref) }
  if t.measure == "%/năm" and t.from > doc.span[1] then
    notes[#notes + 1] = "a yearly rate: the window starts after the earlier target's"
  end
  for _, r in ipairs(t.reviews) do notes[#notes + 1] = r end
  local by, window = nil, nil
  if t.from == doc.span[1] then by = t.to else window = t.from .. "/" .. t.to end
  local tolerance
  if t.op == "~" then
    tolerance = W.TOLERANCE_SHARE * t.value
    notes[#notes + 1] = string.format("\"%s\": approximately; tolerance %g %% of the value " ..
      "(the default when the text gives none)", t.cue or "khoảng", W.TOLERANCE_SHARE * 100)
  end
  decl(b, "target", {
    { "indicator", t.indicator.code }, { "window", window }, { "by", by },
    { "op", t.op }, { "value", t.value, lines = false }, { "tolerance", tolerance },
    { "goal", t.goal and t.goal.code }, { "note", quote_note(t.ref, t.quote) },
  }, notes)
end

local function unit_decl(b, u)
  local notes = {}
  if u.line then notes[1] = string.format("first named at line %d", u.line) end
  if u.basis_of then
    notes[#notes + 1] = "issued " .. u.basis_of .. ", the decision the plan implements"
  end
  for _, r in ipairs(u.reviews) do notes[#notes + 1] = r end
  if u.role_ref and #u.roles > 0 then notes[#notes + 1] = "roles: section " .. u.role_ref end
  if u.group == "districts" and #u.members == 0 then
    notes[#notes + 1] = "a group: the text does not list its members; list them (members = { ... })"
    notes[#notes + 1] = "to have each owe its own reports"
  end
  local email
  if u.reports and #(u.members or {}) == 0 then
    email = u.code:lower() .. "@example.org"
    notes[#notes + 1] = "email: a placeholder (example.org, RFC 2606): give the unit's address"
  end
  decl(b, "unit", {
    { "code", u.code }, { "name", u.name }, { "name_en", u.name_en }, { "kind", u.kind },
    { "aliases", u.aliases }, { "email", email }, { "members", u.members, lines = false },
    { "roles", u.roles },
  }, notes)
end

-- The duties section IV sets, in plan.lua (their `from` may name units of
-- several files and groups).
local DUE_TITLES = {
  year = { "Báo cáo kết quả thực hiện Kế hoạch %s năm {year}",
           "Report on the implementation of Plan %s, {year}" },
  half = { "Báo cáo 6 tháng đầu năm {year} kết quả thực hiện Kế hoạch %s",
           "Report on the implementation of Plan %s, first half of {year}" },
  quarter = { "Báo cáo quý kết quả thực hiện Kế hoạch %s ({period})",
              "Quarterly report on the implementation of Plan %s ({period})" },
  month = { "Báo cáo tháng kết quả thực hiện Kế hoạch %s ({period})",
            "Monthly report on the implementation of Plan %s ({period})" },
}
local FREQ_CODE = { year = "NAM", half = "6T", quarter = "QUY", month = "THANG" }

local function duty_decl(b, doc, d, used)
  local kind = d.half and "half" or d.every
  local base = "BC_" .. FREQ_CODE[kind] .. "_" .. d.from[1].code
  local code, n = base, 1
  while used[code] do n = n + 1; code = base .. "_" .. n end
  used[code] = true
  local from, to = {}, {}
  for i, u in ipairs(d.from) do from[i] = u.code end
  for i, u in ipairs(d.to) do to[i] = u.code end
  local due, cutoff
  if not d.day then
    due, cutoff = "{ workdays_after_cutoff = 5 }", "nd09"
  elseif d.every == "year" then
    due, cutoff = string.format('{ day = "%02d-%02d" }', d.month, d.day), "calendar"
  else
    due, cutoff = string.format("{ day_after_end = %d }", d.day), "calendar"
  end
  local lines = {}
  for i, l in ipairs(d.lines) do lines[i] = tostring(l.n) end
  local notes = { string.format("%s, line%s %s", d.place, #lines > 1 and "s" or "",
                                table.concat(lines, ", ")) }
  if d.half then
    notes[#notes + 1] = "the six-month report: on the first half, once a year, by the day the text gives"
  end
  if #to > 1 then notes[#notes + 1] = "each recipient gets the report" end
  for _, r in ipairs(d.reviews) do notes[#notes + 1] = r end
  local number = doc.header.number
  local t = DUE_TITLES[kind]
  comments(b, notes)
  b.add("duty {", "  code = " .. lit(code) .. ",",
    "  title = " .. lit(string.format(t[1], number)) .. ",",
    "  title_en = " .. lit(string.format(t[2], number)) .. ",",
    "  from = " .. (#from == 1 and lit(from[1]) or lit(from)) .. ",",
    "  to = " .. (#to == 1 and lit(to[1]) or lit(to)) .. ",",
    "  every = " .. lit(d.every) .. ",", "  cutoff = " .. lit(cutoff) .. ",",
    "  due = " .. due .. ",", "  remind = { -7, -1, 0, 3, 7 },",
    "  note = " .. lit(string.format("%s: \"%s\"", d.place, d.quote)) .. ",", "}", "")
end

local function task_decl(b, doc, t)
  local cells = { string.format("Phụ lục, Stt %d (line %d)", t.no, t.line.n) }
  cells[#cells + 1] = string.format("time \"%s\"", t.when_line.text)
  if t.title_from_item then cells[#cells + 1] = "title: the first item's first clause" end
  if t.support_also then cells[#cells + 1] = "also coordinating: " .. t.support_also end
  local notes = { table.concat(cells, "; ") }
  for _, r in ipairs(t.reviews) do notes[#notes + 1] = r end
  decl(b, "task", {
    { "no", t.no }, { "title", t.title }, { "items", t.items }, { "when", t.when },
    { "lead", t.lead },
    { "support", t.support_all and "*" or (#t.support > 0 and t.support or nil), lines = false },
  }, notes)
end

---------------------------------------------------------------------------
-- Files
---------------------------------------------------------------------------

local function plan_file(doc, opts, indicators)
  local h, b = doc.header, buffer()
  b.add(string.format("-- Plan %s of %s (%s).", h.number, doc.issuer.name, h.issued),
        "-- Imported by `planwatch import-plan` from " .. opts.source .. ".",
        "-- A draft: check each \"REVIEW\" below against the text (line numbers are the",
        "-- text's), then run `planwatch check`.", "")
  local fields = {
    { "id", opts.id }, { "number", h.number, comments = { line_note(h.number_line) } },
    { "issued", h.issued, comments = { line_note(h.issued_line) } },
    { "issuer", doc.issuer.code },
    { "basis", h.basis, comments = h.basis_line and { line_note(h.basis_line) } },
    { "span", doc.span[1] .. "/" .. doc.span[2] },
    { "title", h.title, comments = { line_note(h.title_line) } },
    { "place", h.place ~= "" and h.place or nil },
    { "signer", h.signer, comments = h.signer_line and { line_note(h.signer_line,
      h.signer_of_decision and "the signer of the decision that issues the plan" or nil) } },
  }
  decl(b, "plan", fields, h.reviews)
  rule(b, "Units")
  for _, u in ipairs(doc.units.list) do unit_decl(b, u) end
  if #doc.goals > 0 then
    rule(b, "Goals")
    for _, g in ipairs(doc.goals) do
      local notes = { string.format("%s, line %d", g.ref, g.line.n) }
      for _, r in ipairs(g.reviews) do notes[#notes + 1] = r end
      decl(b, "goal", { { "code", g.code }, { "kind", g.kind }, { "by", g.by }, { "text", g.text } },
           notes)
    end
  end
  if #doc.groups > 0 then
    rule(b, "Task groups")
    for _, g in ipairs(doc.groups) do
      local notes = { string.format("line %d", g.line.n) }
      for _, r in ipairs(g.reviews) do notes[#notes + 1] = r end
      decl(b, "group", { { "no", g.no }, { "title", g.title }, { "items", g.items } }, notes)
    end
  end
  local any = false
  for _, ind in ipairs(indicators) do
    if ind.file == "plan" then
      if not any then rule(b, "Plan-level indicators and targets") any = true end
      indicator_decl(b, doc, ind)
      for _, t in ipairs(ind.targets) do target_decl(b, doc, t) end
    end
  end
  if #doc.duties > 0 or #doc.unused > 0 then
    rule(b, "Reporting duties")
    for _, u in ipairs(doc.unused) do
      b.add(review_line(u.review))
    end
    if #doc.unused > 0 then b.add("") end
    local used = {}
    for _, d in ipairs(doc.duties) do duty_decl(b, doc, d, used) end
  end
  if #doc.budget > 0 then
    rule(b, "Funding")
    for _, f in ipairs(doc.budget) do
      decl(b, "budget", { { "code", f.code }, { "source", f.source },
        { "note", string.format("line %d: \"%s\"", f.line.n, f.text) } })
    end
  end
  return b.text()
end

local function unit_file(doc, code, indicators)
  local u, b = doc.units.by_code[code], buffer()
  local nos = {}
  for _, t in ipairs(doc.tasks) do if t.lead == code then nos[#nos + 1] = t.no end end
  b.add(string.format("-- %s: appendix task%s %s.", u.name, #nos > 1 and "s" or "",
                      table.concat(nos, ", ")),
        string.format("unit %s", T.quote(code)), "")
  for _, t in ipairs(doc.tasks) do
    if t.lead == code then
      task_decl(b, doc, t)
      for _, ind in ipairs(indicators) do
        if ind.file == code and ind.targets[1] and ind.targets[1].task == t then
          indicator_decl(b, doc, ind)
          for _, tg in ipairs(ind.targets) do target_decl(b, doc, tg) end
        end
      end
    end
  end
  return b.text()
end

-- The package's files, plan.lua first: a list of { name =, text = }, and
-- counts for a summary.
function E.package(doc, opts)
  goal_codes(doc)
  local indicators = assign(doc)
  for _, d in ipairs(doc.duties) do
    for _, u in ipairs(d.from) do
      u.reports = true
      for _, code in ipairs(u.members or {}) do doc.units.by_code[code].reports = true end
    end
  end
  local files = { { name = "plan.lua", text = plan_file(doc, opts, indicators) } }
  local leads, seen = {}, {}
  for _, t in ipairs(doc.tasks) do
    if not seen[t.lead] then seen[t.lead], leads[#leads + 1] = true, t.lead end
  end
  for _, code in ipairs(leads) do
    local name = code:lower() .. ".lua"
    if name == "plan.lua" then name = "plan_unit.lua" end
    files[#files + 1] = { name = name, text = unit_file(doc, code, indicators), unit = code }
  end
  local plan_targets = 0
  for _, ind in ipairs(indicators) do
    if ind.file == "plan" then plan_targets = plan_targets + #ind.targets end
  end
  table.sort(doc.reviews, function(a, b) return (a.line or 0) < (b.line or 0) end)
  return files, { tasks = #doc.tasks, targets = #doc.targets, plan_targets = plan_targets,
                  goals = #doc.goals, units = #doc.units.list, new_units = doc.units.new,
                  duties = #doc.duties, unused = doc.unused }
end

return E
