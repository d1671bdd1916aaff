-- The progress report as Markdown text: the facts of the HTML page
-- (report_html.lua) without its charts; the timeliness heatmap becomes a
-- table of marks. Text from the database or a plugin is escaped so that a
-- Markdown renderer shows it as written (no HTML, links or emphasis).
local T = require "report_text"
local formats = require "formats"

local md = {}

local MARK = { on_time = "✓", late = "!", missing = "✗", not_due = "·" }

-- Text as Markdown shows it literally: no HTML tag, entity, link,
-- emphasis or table cell break can come from data.
local function esc(s)
  s = tostring(s):gsub("[\r\n]+", " ")
  s = s:gsub("[\\`*_%[%]<|]", "\\%0")
  return (s:gsub("&(#?%w+;)", "\\&%1"))
end

-- A code span (codes are identifiers; a backtick is dropped).
local function code(s)
  return "`" .. tostring(s):gsub("`", "") .. "`"
end

local function row(cells)
  return "| " .. table.concat(cells, " | ") .. " |"
end

-- A table: header names and rows of already escaped cells; a header
-- ending in "#" is right-aligned.
local function tbl(lines, head, rows)
  local names, rule = {}, {}
  for i, h in ipairs(head) do
    local name, num = h:match("^(.-)(#?)$")
    names[i], rule[i] = esc(name), num == "#" and "---:" or "---"
  end
  lines[#lines + 1] = row(names)
  lines[#lines + 1] = row(rule)
  for _, r in ipairs(rows) do lines[#lines + 1] = row(r) end
  lines[#lines + 1] = ""
end

local function header(F, W, L)
  local p = F.plan
  L[#L + 1] = "# " .. esc(string.format(W.title, p.number))
  L[#L + 1] = ""
  L[#L + 1] = "**" .. esc(pw.text(p, "title")) .. "**"
  L[#L + 1] = ""
  local meta = { esc(string.format(W.as_of, formats.date(F.today))) }
  for _, m in ipairs({ { W.issuer, p.issuer_name }, { W.issued, formats.date(p.issued) }, { W.basis, p.basis },
      { W.span, p.span_from .. "–" .. p.span_to }, { W.signer, p.signer },
      { W.superseded, p.superseded_by and string.format(W.superseded_from, p.superseded_by, p.superseded_day) } }) do
    if m[2] then meta[#meta + 1] = esc(m[1]) .. ": " .. esc(m[2]) end
  end
  L[#L + 1] = table.concat(meta, " · ")
  L[#L + 1] = ""
  local banner = T.illustrative_banner(F, W)
  if banner then
    L[#L + 1] = "> **" .. esc(banner) .. "**"
    L[#L + 1] = ""
  end
end

local function summary(F, W, L)
  local S, parts = F.summary, {}
  for _, status in ipairs(T.STATUS_ORDER) do
    if S.by_status[status] then parts[#parts + 1] = S.by_status[status] .. " " .. W.target_status[status] end
  end
  local function item(label, value, detail)
    L[#L + 1] = "- " .. esc(label) .. ": " .. esc(value) .. (detail and (" (" .. esc(detail) .. ")") or "")
  end
  L[#L + 1] = "## " .. esc(W.summary)
  L[#L + 1] = ""
  item(W.card_targets, #F.targets, table.concat(parts, ", "))
  item(W.card_tasks, S.tasks, string.format(W.in_progress_n, S.in_progress))
  item(W.card_reports, T.share(S.actual, S.expected), string.format(W.of_expected, S.actual, S.expected))
  item(W.card_on_time, T.share(S.on_time, S.expected), string.format(W.of_expected, S.on_time, S.expected))
  item(W.card_overdue, S.overdue)
  L[#L + 1] = ""
end

local function targets(F, W, L)
  L[#L + 1] = "## " .. esc(W.targets)
  L[#L + 1] = ""
  local rows = {}
  for i, t in ipairs(F.targets) do
    rows[i] = { code(t.indicator), esc(pw.text(t, "name")), esc(T.window(t)), esc(T.required(t)),
      esc(T.number(t.actual, t.measure) or "—"), esc(T.number(t.projected, t.measure) or "—"),
      esc(T.status_text(t, W)) }
  end
  tbl(L, { W.col.indicator, W.col.name, W.col.window, W.col.required .. "#", W.col.actual .. "#",
    W.col.projected .. "#", W.col.status }, rows)
  L[#L + 1] = "**" .. esc(W.legend) .. "**"
  L[#L + 1] = ""
  for _, code_ in ipairs(T.STATUS_ORDER) do
    L[#L + 1] = "- **" .. esc(W.target_status[code_]) .. "**: " .. esc(W.status_meaning[code_])
  end
  L[#L + 1] = ""
end

local function trends(F, W, L)
  L[#L + 1] = "## " .. esc(W.trends)
  L[#L + 1] = ""
  for _, e in ipairs(F.trends) do
    L[#L + 1] = "### " .. esc(e.name) .. " (" .. code(e.indicator) .. ")"
      .. (e.illustrative and (" — *" .. esc(W.illustrative_tag) .. "*") or "")
    L[#L + 1] = ""
    if e.of_name then L[#L + 1] = "- " .. esc(string.format(W.growth_of, e.of_name)) end
    local pts = {}
    for _, p in ipairs(e.points) do pts[#pts + 1] = esc(formats.period(p.period)) .. ": " .. esc(T.number(p.value)) end
    L[#L + 1] = "- " .. esc(e.rule == "sum" and W.cumulative or W.actual)
      .. (e.measure and (" (" .. esc(e.measure) .. ")") or "") .. ": "
      .. (#pts > 0 and table.concat(pts, " · ") or esc(W.no_series))
    for _, tt in ipairs(e.targets) do
      local t = tt.target
      L[#L + 1] = "- " .. esc(T.required(t)) .. " (" .. esc(T.window(t)) .. ") — "
        .. esc(T.target_line(t, W)) .. " — **" .. esc(T.status_text(t, W)) .. "**"
    end
    if e.error then L[#L + 1] = "- " .. esc(e.error) end
    L[#L + 1] = ""
  end
end

local function tasks(F, W, L)
  L[#L + 1] = "## " .. esc(W.tasks)
  L[#L + 1] = ""
  for _, g in ipairs(F.tasks) do
    L[#L + 1] = "### " .. esc(g.lead_name) .. " (" .. code(g.lead) .. ")"
    L[#L + 1] = ""
    local rows = {}
    for i, t in ipairs(g.tasks) do
      local title = esc(t.title)
      if t.items and #t.items > 0 then title = title .. " (" .. esc(table.concat(t.items, "; ")) .. ")" end
      rows[i] = { tostring(t.no), title, esc(T.when(t, W)),
        esc(t.support_all and W.all_units or table.concat(t.support, ", ")), esc(W.stage[t.stage]) }
    end
    tbl(L, { W.col.no .. "#", W.col.task, W.col.when, W.col.support, W.col.status }, rows)
  end
end

local function duties(F, W, L)
  L[#L + 1] = "## " .. esc(W.duties)
  L[#L + 1] = ""
  local year = tonumber(F.today:sub(1, 4))
  local rows = {}
  for i, d in ipairs(F.duties) do
    rows[i] = { code(d.code), esc(T.duty_title(d, year)), esc(T.duty_from(d, W)), code(d.to),
      esc(W.every[d.every] or d.every), esc(T.duty_due(d, W)) }
  end
  tbl(L, { W.col.code, W.col.duty, W.col.from, W.col.to, W.col.every, W.col.due }, rows)
end

local function timeliness(F, W, L)
  L[#L + 1] = "## " .. esc(W.timeliness)
  L[#L + 1] = ""
  L[#L + 1] = esc(W.timeliness_note) .. " " .. table.concat({
    MARK.on_time .. " " .. esc(W.timeliness_state.on_time), esc(MARK.late) .. " " .. esc(W.timeliness_state.late),
    MARK.missing .. " " .. esc(W.timeliness_state.missing), MARK.not_due .. " " .. esc(W.timeliness_state.not_due),
  }, " · ")
  L[#L + 1] = ""
  local year = tonumber(F.today:sub(1, 4))
  for _, g in ipairs(F.timeliness) do
    L[#L + 1] = "### " .. code(g.duty) .. " " .. esc(T.duty_title(g, year))
    L[#L + 1] = ""
    local head, rows = { W.col.unit }, {}
    for _, p in ipairs(g.periods) do head[#head + 1] = formats.period(p) end
    for i, r in ipairs(g.rows) do
      local cells = { esc(r.unit_name) .. " (" .. code(r.unit) .. ")" }
      for _, p in ipairs(g.periods) do
        local c = r.cells[p]
        cells[#cells + 1] = c and esc(MARK[c.state]) or ""
      end
      rows[i] = cells
    end
    tbl(L, head, rows)
  end
  L[#L + 1] = "### " .. esc(W.rates)
  L[#L + 1] = ""
  local rows = {}
  for i, r in ipairs(F.rates) do
    local name = F.unit_names[r.unit]
    rows[i] = { (name and (esc(name) .. " ") or "") .. "(" .. code(r.unit) .. ")", formats.number(r.expected),
      formats.number(r.actual), formats.number(r.on_time), T.rate(r.actual_rate), T.rate(r.on_time_rate) }
  end
  tbl(L, { W.col.unit, W.col.expected .. "#", W.col.received .. "#", W.col.on_time .. "#",
    W.col.actual_rate .. "#", W.col.on_time_rate .. "#" }, rows)
end

local function overdue(F, W, L)
  L[#L + 1] = "## " .. esc(W.overdue) .. " (" .. #F.overdue .. ")"
  L[#L + 1] = ""
  if #F.overdue == 0 then
    L[#L + 1] = esc(W.none_overdue)
    L[#L + 1] = ""
    return
  end
  local rows = {}
  for i, o in ipairs(F.overdue) do
    rows[i] = { code(o.duty), esc(o.unit_name) .. " (" .. code(o.unit) .. ")", esc(formats.period(o.period)),
      esc(formats.date(o.deadline)), formats.number(o.days_overdue) }
  end
  tbl(L, { W.col.duty, W.col.unit, W.col.period, W.col.deadline, W.col.days_overdue .. "#" }, rows)
end

local function sources(F, W, L)
  L[#L + 1] = "## " .. esc(W.sources)
  L[#L + 1] = ""
  local S = F.sources
  if #S.values == 0 then
    L[#L + 1] = esc(W.no_values)
    L[#L + 1] = ""
  else
    L[#L + 1] = esc(W.values_intro)
    L[#L + 1] = ""
    local rows = {}
    for i, s in ipairs(S.values) do
      local kind = s.illustrative == s.values and ("**" .. esc(W.illustrative) .. "**")
        or s.illustrative > 0 and ("**" .. esc(string.format(W.partly_illustrative, s.illustrative)) .. "**")
        or esc(W.reported)
      rows[i] = { esc(s.source or W.no_source), tostring(s.values), tostring(s.indicators),
        s.first == s.last and tostring(s.first) or (s.first .. "–" .. s.last), kind }
    end
    tbl(L, { W.col.source, W.col.values .. "#", W.col.indicators .. "#", W.col.years .. "#", W.col.kind }, rows)
  end
  L[#L + 1] = "- " .. esc(string.format(W.plan_source, F.plan.id, F.plan.source or "—"))
  L[#L + 1] = "- " .. esc(T.submissions(S, W))
  L[#L + 1] = ""
end

-- The text for the facts F (report_facts.gather) in lang.
function md.render(F, lang)
  local W, L = T.words(lang), {}
  header(F, W, L)
  summary(F, W, L)
  targets(F, W, L)
  trends(F, W, L)
  tasks(F, W, L)
  duties(F, W, L)
  timeliness(F, W, L)
  overdue(F, W, L)
  sources(F, W, L)
  return table.concat(L, "\n")
end

return md
