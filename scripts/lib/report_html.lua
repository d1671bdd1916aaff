-- The progress report as one self-contained HTML page: a small embedded
-- style sheet, inline SVG charts (scripts/lib/chart.lua), no script, font,
-- image or link to fetch, so it can be mailed and opened offline. The page
-- is also well-formed XML (every element closed, attributes quoted, only
-- the entities XML knows), and every value from the database or a plugin
-- is escaped. Rows carry their numbers in data-* attributes so a program
-- can read them back.
local chart = require "chart"
local escape = require "escape"
local T = require "report_text"
local formats = require "formats"

local esc = escape.html

local html = {}

-- Colours of the statuses, for badges, progress bars and the legend.
-- Every badge colour carries white text at a contrast of at least 4.5:1
-- (WCAG 2.1, success criterion 1.4.3 "Contrast (Minimum)": "The visual
-- presentation of text and images of text has a contrast ratio of at least
-- 4.5:1"); tests/spec/report_css_spec.lua computes it from the style sheet.
local STATUS_COLOR = { achieved = "#047857", on_track = "#2563eb", at_risk = "#b45309",
  off_track = "#dc2626", missed = "#991b1b", no_data = "#9aa5b1", exceeded = "#7c3aed",
  heading_above = "#6d28d9", provisional = "#64748b" }
-- The stages of a task, for its badge.
local STAGE_COLOR = { in_progress = "#2563eb", ended = "#52606d", not_started = "#616e7c" }
local TARGET_COLORS = { "#d97706", "#7c3aed", "#db2777", "#0891b2" }

local TIMELINESS_SCALE = {
  { key = "on_time", color = "#16a34a", mark = "✓" },
  { key = "late", color = "#f59e0b", mark = "!" },
  { key = "missing", color = "#dc2626", mark = "✗" },
  { key = "not_due", color = "#e5e7eb", mark = "·", mark_color = "#6b7280" },
}

local CSS = [[
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#1f2933;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
main{max-width:1120px;margin:0 auto;padding:0 20px 40px}
header.top{background:#12355b;color:#fff;padding:28px 20px 22px}
header.top .inner{max-width:1080px;margin:0 auto}
header.top .kicker{margin:0;text-transform:uppercase;letter-spacing:.06em;font-size:13px;opacity:.8}
header.top h1{margin:4px 0 6px;font-size:26px;line-height:1.25}
header.top .plan-title{margin:0 0 12px;font-size:16px;opacity:.92}
header.top .meta{display:flex;flex-wrap:wrap;gap:4px 22px;margin:0;font-size:13px}
header.top .meta span{color:#c9d6e3}
header.top .meta b{color:#fff}
.banner{margin:18px 0 0;padding:10px 14px;border-left:5px solid #d97706;background:#fff7e6;border-radius:4px;font-weight:600}
section{background:#fff;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.08);padding:18px 22px;margin:18px 0}
h2{margin:0 0 12px;font-size:19px;color:#12355b}
h3{margin:18px 0 8px;font-size:16px}
p.note{margin:6px 0 10px;color:#52606d;font-size:13px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px}
.card{border:1px solid #e4e7eb;border-radius:8px;padding:12px 14px}
.card .n{font-size:28px;font-weight:700;line-height:1.1}
.card .l{color:#52606d;font-size:13px}
.pills{margin-top:6px;display:flex;flex-wrap:wrap;gap:4px}
table{border-collapse:collapse;width:100%;font-size:14px}
th{text-align:left;font-weight:600;color:#52606d;border-bottom:2px solid #e4e7eb;padding:6px 8px;vertical-align:bottom}
td{border-bottom:1px solid #eef0f2;padding:6px 8px;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}
th.c-no{width:3em}th.c-when{width:7.5em}th.c-support{width:12em}th.c-status{width:9.5em}th.c-progress{width:140px}
tr:nth-child(even) td{background:#fafbfc}
.code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px;color:#52606d}
.badge{display:inline-block;max-width:100%;padding:0 7px;border:1px solid transparent;border-radius:10px;font-size:12px;font-weight:600;color:#fff;white-space:normal;overflow-wrap:anywhere}
.tag{display:inline-block;padding:0 6px;border-radius:4px;background:#fff0d9;color:#8a4b00;font-size:12px;font-weight:600}
.bar svg{display:block}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(500px,100%),1fr));gap:16px}
figure{margin:0;border:1px solid #e4e7eb;border-radius:8px;padding:12px}
figcaption{font-size:14px;margin-bottom:6px}
figure ul{margin:6px 0 0;padding-left:18px;font-size:13px;color:#52606d}
svg{max-width:100%;height:auto}
.lead{margin-top:16px}
.lead h3 .code{margin-left:6px}
.scroll{overflow-x:auto;max-width:100%}
.heatmap svg{max-width:none}
footer{color:#52606d;font-size:12px;text-align:center;margin-top:24px}
@media (max-width:640px){
main{padding:0 10px 24px}
header.top{padding:20px 12px 16px}
header.top h1{font-size:21px}
section{padding:14px 12px;border-radius:6px}
.scroll table,.scroll tbody,.scroll tr{display:block}
.scroll thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.scroll tr{padding:8px 0;border-bottom:1px solid #e4e7eb}
.scroll td{display:inline-block;border:0;padding:2px 8px 2px 0;background:none!important;vertical-align:middle}
.scroll td:first-child{display:block}
.scroll td[data-label]:not(:first-child)::before{content:attr(data-label) ": ";color:#52606d;font-size:12px}
td.num{text-align:left}
}
@media print{
@page{size:A4;margin:15mm 12mm}
body{background:#fff;font-size:11pt}
main{max-width:none;padding:0}
header.top{background:none;color:#12355b;padding:0 0 8px;border-bottom:2px solid #12355b}
header.top .inner{max-width:none}
header.top .kicker,header.top .plan-title{opacity:1}
header.top .meta span{color:#3e4c59}
header.top .meta b{color:#1f2933}
section{box-shadow:none;border:1px solid #cbd2d9;border-radius:0;padding:10px 12px;margin:10px 0;break-inside:auto}
h2,h3{break-after:avoid}
tr,.card,figure,.lead h3{break-inside:avoid}
thead{display:table-header-group}
.scroll{overflow:visible}
table{font-size:9pt;table-layout:auto}
td,th{padding:3px 4px;overflow-wrap:anywhere}
tr:nth-child(even) td{background:none}
th.c-progress{width:110px}
.charts{display:block}
figure{margin:0 0 10px}
.heatmap svg{max-width:100%}
.badge{background:#fff!important;color:#1f2933!important;border-color:currentColor}
.banner{border:1px solid #b45309;border-left-width:5px}
}
]]

-- One rule per badge colour: the text colour comes from .badge (white),
-- except the light no-data badge; the border keeps the colour in print.
local function badge_css()
  local rules, names = {}, {}
  for code in pairs(STATUS_COLOR) do names[#names + 1] = code end
  table.sort(names)
  for _, code in ipairs(names) do
    local c = code == "no_data" and "#e4e7eb" or STATUS_COLOR[code]
    rules[#rules + 1] = string.format(".badge.s-%s{background:%s;border-color:%s%s}", code, c,
      code == "no_data" and "#9aa5b1" or c, code == "no_data" and ";color:#1f2933" or "")
  end
  for _, stage in ipairs({ "in_progress", "ended", "not_started" }) do
    rules[#rules + 1] = string.format(".badge.g-%s{background:%s;border-color:%s}", stage,
      STAGE_COLOR[stage], STAGE_COLOR[stage])
  end
  return table.concat(rules, "\n") .. "\n"
end
CSS = CSS:gsub("@media %(max%-width", function(m) return badge_css() .. m end, 1)

local function attr(name, v)
  if v == nil then return "" end
  if type(v) == "number" then v = string.format("%.17g", v) end
  return string.format(' %s="%s"', name, esc(v))
end

local function badge(code, label)
  return string.format('<span class="badge s-%s">%s</span>',
    STATUS_COLOR[code] and code or "no_data", esc(label))
end

-- How far a target is: the actual value as a share of the required one
-- (of the upper bound for between), and the projection on the same scale;
-- for <=, < and = a met target is full and a missed one is required / actual.
local function progress(t)
  local full = t.op == "between" and t.required_high or t.required
  local function share(v)
    if v == nil then return nil end
    if t.op == ">=" or t.op == ">" or t.op == "between" then
      if full <= 0 then return v > 0 and 1 or 0 end
      return math.max(0, math.min(1, v / full))
    end
    if v <= full then return 1 end
    return math.max(0, math.min(1, full / v))
  end
  return share(t.actual), share(t.projected)
end

local function table_open(cols, W)
  local th = {}
  for _, col in ipairs(cols) do
    local name, num = col:match("^(.-)(#?)$")
    th[#th + 1] = string.format('<th class="c-%s%s">%s</th>', name, num == "#" and " num" or "",
      esc(W.col[name]))
  end
  return '<div class="scroll"><table><thead><tr>' .. table.concat(th) .. "</tr></thead><tbody>"
end

local TABLE_CLOSE = "</tbody></table></div>"

local function td(v, class)
  return string.format("<td%s>%s</td>", class and (' class="' .. class .. '"') or "", v or "")
end

local function header(F, W)
  local p = F.plan
  local meta = {
    { W.issuer, p.issuer_name }, { W.issued, formats.date(p.issued) },
    { W.basis, p.basis }, { W.span, p.span_from .. "–" .. p.span_to }, { W.signer, p.signer },
    { W.superseded, p.superseded_by and string.format(W.superseded_from, p.superseded_by, p.superseded_day) },
  }
  local items = {}
  for _, m in ipairs(meta) do
    if m[2] then items[#items + 1] = "<span>" .. esc(m[1]) .. ": <b>" .. esc(m[2]) .. "</b></span>" end
  end
  return string.format('<header class="top"><div class="inner"><p class="kicker">%s</p><h1>%s</h1>'
    .. '<p class="plan-title">%s</p><p class="meta">%s</p></div></header>',
    esc(string.format(W.as_of, formats.date(F.today))), esc(string.format(W.title, p.number)),
    esc(pw.text(p, "title")), table.concat(items, " "))
end

local function card(n, label, sub, extra)
  return string.format('<div class="card"><div class="n">%s</div><div class="l">%s</div>%s%s</div>',
    esc(n), esc(label), sub and ('<div class="l">' .. esc(sub) .. "</div>") or "", extra or "")
end

local function summary(F, W)
  local S = F.summary
  local pills = {}
  for _, code in ipairs(T.STATUS_ORDER) do
    if S.by_status[code] then
      pills[#pills + 1] = badge(code, S.by_status[code] .. " " .. W.target_status[code])
    end
  end
  return '<section id="summary"><h2>' .. esc(W.summary) .. '</h2><div class="cards">'
    .. card(#F.targets, W.card_targets, nil, '<div class="pills">' .. table.concat(pills, " ") .. "</div>")
    .. card(S.tasks, W.card_tasks, string.format(W.in_progress_n, S.in_progress))
    .. card(T.share(S.actual, S.expected), W.card_reports, string.format(W.of_expected, S.actual, S.expected))
    .. card(T.share(S.on_time, S.expected), W.card_on_time,
      string.format(W.of_expected, S.on_time, S.expected))
    .. card(S.overdue, W.card_overdue)
    .. "</div></section>"
end

-- What each status means, in the words status and the report use.
local function legend(W)
  local items = {}
  for _, code in ipairs(T.STATUS_ORDER) do
    items[#items + 1] = "<li>" .. badge(code, W.target_status[code]) .. " " .. esc(W.status_meaning[code]) .. "</li>"
  end
  return '<details class="legend" open="open"><summary>' .. esc(W.legend) .. '</summary><ul class="note">'
    .. table.concat(items) .. "</ul></details>"
end

local function targets_section(F, W)
  local rows = {}
  for _, t in ipairs(F.targets) do
    local done, ahead = progress(t)
    local bar = chart.progress({ value = done, marker = ahead, color = STATUS_COLOR[t.status],
      width = 130, height = 10, title = T.number(t.actual, t.measure) })
    rows[#rows + 1] = "<tr class=\"target\"" .. attr("data-key", t.key) .. attr("data-indicator", t.indicator)
      .. attr("data-required", t.required) .. attr("data-required-high", t.required_high)
      .. attr("data-actual", t.actual) .. attr("data-projected", t.projected)
      .. attr("data-status", t.status) .. ">"
      .. td(esc(pw.text(t, "name")) .. '<br/><span class="code">' .. esc(t.indicator) .. "</span>")
      .. td(esc(T.window(t)), "num") .. td(esc(T.required(t)), "num")
      .. td(esc(T.number(t.actual, t.measure) or "—"), "num")
      .. td(esc(T.number(t.projected, t.measure) or "—"), "num")
      .. td('<span class="bar">' .. bar .. "</span>")
      .. td(badge(t.status, T.status_text(t, W))) .. "</tr>"
  end
  return '<section id="targets"><h2>' .. esc(W.targets) .. "</h2>"
    .. table_open({ "name", "window#", "required#", "actual#", "projected#", "progress", "status" }, W)
    .. table.concat(rows) .. TABLE_CLOSE .. '<p class="note">' .. esc(W.progress_note) .. "</p>"
    .. legend(W) .. "</section>"
end

-- A chart's series: the indicator's values, each target's required path
-- and where its projection leads; and a line per target for below it.
local function trend_series(e, W)
  local series, notes = {}, {}
  if #e.points > 0 then
    series[1] = { label = e.rule == "sum" and W.cumulative or W.actual, points = e.points,
      color = "#2563eb" }
  end
  for i, tt in ipairs(e.targets) do
    local t, color = tt.target, TARGET_COLORS[(i - 1) % #TARGET_COLORS + 1]
    local label = string.format(W.required_path, T.required(t), T.window(t))
    for j, line in ipairs(tt.lines) do
      series[#series + 1] = { label = j == 1 and label or nil, points = line, color = color,
        dash = true, markers = false }
    end
    if tt.projected then
      series[#series + 1] = { label = string.format(W.projected, t.window_to),
        points = { tt.projected }, color = color, line = false }
    end
    notes[#notes + 1] = string.format("<li>%s (%s) — %s %s</li>", esc(T.required(t)),
      esc(T.window(t)), esc(T.target_line(t, W)), badge(t.status, T.status_text(t, W)))
  end
  return series, notes
end

local function trend_figure(e, W)
  local series, notes = trend_series(e, W)
  local svg = '<p class="note">' .. esc(W.no_series) .. "</p>"
  if #series > 0 then
    svg = chart.line({ series = series, width = 520, height = 210, x_min = e.x_min,
      x_max = e.x_max, y_label = e.measure, title = e.name })
  end
  local caption = "<strong>" .. esc(e.name) .. '</strong> <span class="code">' .. esc(e.indicator)
    .. "</span>"
  if e.illustrative then caption = caption .. ' <span class="tag">' .. esc(W.illustrative_tag) .. "</span>" end
  if e.of_name then
    caption = caption .. '<br/><span class="code">' .. esc(string.format(W.growth_of, e.of_name)) .. "</span>"
  end
  return '<figure class="trend"' .. attr("data-indicator", e.indicator) .. "><figcaption>" .. caption
    .. "</figcaption>" .. svg .. "<ul>" .. table.concat(notes) .. "</ul>"
    .. (e.error and ('<p class="note">' .. esc(e.error) .. "</p>") or "") .. "</figure>"
end

local function trends_section(F, W)
  local figs = {}
  for _, e in ipairs(F.trends) do figs[#figs + 1] = trend_figure(e, W) end
  return '<section id="trends"><h2>' .. esc(W.trends) .. '</h2><p class="note">' .. esc(W.trends_note)
    .. '</p><div class="charts">' .. table.concat(figs) .. "</div></section>"
end

-- A task's items (the bullet points of its appendix row), as a row of
-- their own below the task's.
local function items_row(t)
  if not t.items or #t.items == 0 then return "" end
  local li = {}
  for i, it in ipairs(t.items) do li[i] = "<li>" .. esc(it) .. "</li>" end
  return '<tr class="task-items"><td></td><td colspan="4"><ul class="items">' .. table.concat(li)
    .. "</ul></td></tr>"
end

local function stage_badge(stage, W)
  return string.format('<span class="badge g-%s">%s</span>', stage, esc(W.stage[stage]))
end

local function tasks_section(F, W)
  local parts = { '<section id="tasks"><h2>' .. esc(W.tasks) .. "</h2>" }
  for _, g in ipairs(F.tasks) do
    parts[#parts + 1] = string.format('<div class="lead"%s><h3>%s<span class="code">%s · %s</span></h3>',
      attr("data-lead", g.lead), esc(g.lead_name), esc(g.lead), esc(string.format(W.tasks_of, #g.tasks)))
    parts[#parts + 1] = table_open({ "no#", "task", "when", "support", "status" }, W)
    for _, t in ipairs(g.tasks) do
      local support = t.support_all and W.all_units or table.concat(t.support, ", ")
      parts[#parts + 1] = '<tr class="task"' .. attr("data-no", t.no) .. attr("data-lead", g.lead)
        .. attr("data-stage", t.stage) .. ">" .. td(esc(t.no), "num") .. td(esc(t.title))
        .. td(esc(T.when(t, W))) .. td(esc(support)) .. td(stage_badge(t.stage, W)) .. "</tr>"
        .. items_row(t)
    end
    parts[#parts + 1] = TABLE_CLOSE .. "</div>"
  end
  parts[#parts + 1] = "</section>"
  return table.concat(parts)
end

local function duties_section(F, W, year)
  local rows = {}
  for _, d in ipairs(F.duties) do
    rows[#rows + 1] = '<tr class="duty"' .. attr("data-code", d.code) .. ">"
      .. td('<span class="code">' .. esc(d.code) .. "</span>") .. td(esc(T.duty_title(d, year)))
      .. td(esc(T.duty_from(d, W))) .. td(esc(d.to)) .. td(esc(W.every[d.every] or d.every))
      .. td(esc(T.duty_due(d, W))) .. "</tr>"
  end
  return '<section id="duties"><h2>' .. esc(W.duties) .. "</h2>"
    .. table_open({ "code", "duty", "from", "to", "every", "due" }, W) .. table.concat(rows)
    .. TABLE_CLOSE .. "</section>"
end

local function heatmap(g, W, year)
  local rows, cells = {}, {}
  for i, r in ipairs(g.rows) do
    rows[i] = r.unit_name
    cells[i] = {}
    for j, p in ipairs(g.periods) do
      local c = r.cells[p]
      if c then
        local tip = string.format("%s — %s: %s (%s %s%s)", r.unit_name, formats.period(p),
          W.timeliness_state[c.state], W.col.deadline, formats.date(c.deadline),
          c.received_at and (", " .. W.col.received .. " " .. formats.date(c.received_at)) or "")
        cells[i][j] = { key = c.state, title = tip }
      end
    end
  end
  local scale = {}
  for i, s in ipairs(TIMELINESS_SCALE) do
    scale[i] = { key = s.key, color = s.color, mark = s.mark, mark_color = s.mark_color,
      label = W.timeliness_state[s.key] }
  end
  return chart.heatmap({ rows = rows, cols = g.periods, cells = cells, scale = scale,
    title = g.duty .. " — " .. T.duty_title(g, year) })
end

-- Stacked bars per unit: the shares of expected reports received on time,
-- late and not at all.
local function rates_chart(F, W)
  local names, bars = F.unit_names, {}
  for i, r in ipairs(F.rates) do
    local function pct(n) return 100 * n / r.expected end
    local name = names[r.unit] or r.unit
    bars[i] = { label = name, values = { pct(r.on_time), pct(r.actual - r.on_time),
      pct(r.expected - r.actual) }, text = r.actual .. "/" .. r.expected,
      title = string.format("%s: %s %d, %s %d, %s %d", name, W.timeliness_state.on_time, r.on_time,
        W.timeliness_state.late, r.actual - r.on_time, W.timeliness_state.missing, r.expected - r.actual) }
  end
  local series = {}
  for i, key in ipairs({ "on_time", "late", "missing" }) do
    series[i] = { label = W.timeliness_state[key], color = TIMELINESS_SCALE[i].color }
  end
  return chart.bar({ bars = bars, series = series, max = 100, width = 760, bar_height = 14,
    title = W.rates_chart })
end

local function timeliness_section(F, W, year)
  local parts = { '<section id="timeliness"><h2>' .. esc(W.timeliness) .. '</h2><p class="note">'
    .. esc(W.timeliness_note) .. "</p>" }
  for _, g in ipairs(F.timeliness) do
    parts[#parts + 1] = '<h3><span class="code">' .. esc(g.duty) .. "</span> " .. esc(T.duty_title(g, year))
      .. '</h3><div class="scroll heatmap" tabindex="0" role="region"' .. attr("aria-label", g.duty)
      .. ">" .. heatmap(g, W, year) .. "</div>"
  end
  parts[#parts + 1] = "<h3>" .. esc(W.rates) .. "</h3>"
  if #F.rates > 0 then parts[#parts + 1] = '<div class="scroll">' .. rates_chart(F, W) .. "</div>" end
  local names = F.unit_names
  parts[#parts + 1] = table_open({ "unit", "expected#", "received#", "on_time#", "actual_rate#",
    "on_time_rate#" }, W)
  for _, r in ipairs(F.rates) do
    parts[#parts + 1] = '<tr class="rate"' .. attr("data-unit", r.unit) .. attr("data-expected", r.expected)
      .. attr("data-actual", r.actual) .. attr("data-on-time", r.on_time)
      .. attr("data-actual-rate", r.actual_rate) .. attr("data-on-time-rate", r.on_time_rate) .. ">"
      .. td(esc(names[r.unit] or r.unit) .. ' <span class="code">' .. esc(r.unit) .. "</span>")
      .. td(esc(r.expected), "num") .. td(esc(r.actual), "num") .. td(esc(r.on_time), "num")
      .. td(esc(T.rate(r.actual_rate)), "num") .. td(esc(T.rate(r.on_time_rate)), "num") .. "</tr>"
  end
  parts[#parts + 1] = TABLE_CLOSE .. "</section>"
  return table.concat(parts)
end

local function overdue_section(F, W)
  local head = '<section id="overdue"><h2>' .. esc(W.overdue) .. " (" .. #F.overdue .. ")</h2>"
  if #F.overdue == 0 then return head .. "<p>" .. esc(W.none_overdue) .. "</p></section>" end
  local rows = {}
  for _, o in ipairs(F.overdue) do
    rows[#rows + 1] = '<tr class="overdue"' .. attr("data-duty", o.duty) .. attr("data-unit", o.unit)
      .. attr("data-period", o.period) .. attr("data-days", o.days_overdue) .. ">"
      .. td('<span class="code">' .. esc(o.duty) .. "</span>")
      .. td(esc(o.unit_name) .. ' <span class="code">' .. esc(o.unit) .. "</span>")
      .. td(esc(formats.period(o.period))) .. td(esc(formats.date(o.deadline)), "num") .. td(esc(formats.number(o.days_overdue)), "num") .. "</tr>"
  end
  return head .. table_open({ "duty", "unit", "period", "deadline#", "days_overdue#" }, W)
    .. table.concat(rows) .. TABLE_CLOSE .. "</section>"
end

local function sources_section(F, W)
  local parts = { '<section id="sources"><h2>' .. esc(W.sources) .. "</h2>" }
  local S = F.sources
  if #S.values == 0 then
    parts[#parts + 1] = '<p class="no-values">' .. esc(W.no_values) .. "</p>"
  else
    parts[#parts + 1] = "<p>" .. esc(W.values_intro) .. "</p>"
      .. table_open({ "source", "values#", "indicators#", "years#", "kind" }, W)
    for _, s in ipairs(S.values) do
      local kind
      if s.illustrative == s.values then
        kind = '<span class="tag">' .. esc(W.illustrative) .. "</span>"
      elseif s.illustrative > 0 then
        kind = '<span class="tag">' .. esc(string.format(W.partly_illustrative, s.illustrative)) .. "</span>"
      else
        kind = esc(W.reported)
      end
      local years = s.first == s.last and tostring(s.first) or (s.first .. "–" .. s.last)
      parts[#parts + 1] = '<tr class="source"' .. attr("data-values", s.values)
        .. attr("data-illustrative", s.illustrative) .. ">" .. td(esc(s.source or W.no_source))
        .. td(esc(s.values), "num") .. td(esc(s.indicators), "num") .. td(esc(years), "num")
        .. td(kind) .. "</tr>"
    end
    parts[#parts + 1] = TABLE_CLOSE
  end
  parts[#parts + 1] = "<p>" .. esc(string.format(W.plan_source, F.plan.id, F.plan.source or "—"))
    .. "<br/>" .. esc(T.submissions(S, W)) .. "</p></section>"
  return table.concat(parts)
end

-- Each cell of a table's body gets its column's heading as data-label, which
-- a narrow screen shows before the value once the rows are stacked.
local function label_cells(page)
  return (page:gsub("<table><thead>(.-)</thead><tbody>(.-)</tbody></table>", function(head, body)
    local labels = {}
    for l in head:gmatch("<th[^>]*>(.-)</th>") do labels[#labels + 1] = l end
    body = body:gsub("(<tr[^>]*>)(.-)(</tr>)", function(open, cells, close)
      local i = 0
      cells = cells:gsub("<td([ >])", function(c)
        i = i + 1
        return labels[i] and labels[i] ~= "" and ('<td data-label="' .. labels[i] .. '"' .. c) or nil
      end)
      return open .. cells .. close
    end)
    return "<table><thead>" .. head .. "</thead><tbody>" .. body .. "</tbody></table>"
  end))
end

-- The page for the facts F (report_facts.gather) in lang.
function html.render(F, lang)
  local W = T.words(lang)
  local year = tonumber(F.today:sub(1, 4))
  local banner = T.illustrative_banner(F, W)
  local title = string.format(W.title, F.plan.number) .. " — " .. formats.date(F.today)
  return label_cells(table.concat({
    '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="', lang == "en" and "en" or "vi",
    '">\n<head>\n<meta charset="utf-8"/>\n<meta name="viewport" content="width=device-width, initial-scale=1"/>\n',
    "<title>", esc(title), "</title>\n<style>", CSS, "</style>\n</head>\n<body>\n",
    header(F, W), "\n<main>\n",
    banner and ('<p class="banner illustrative">' .. esc(banner) .. "</p>\n") or "",
    summary(F, W), "\n", targets_section(F, W), "\n", trends_section(F, W), "\n",
    tasks_section(F, W), "\n", duties_section(F, W, year), "\n", timeliness_section(F, W, year), "\n",
    overdue_section(F, W), "\n", sources_section(F, W), "\n<footer>",
    esc(string.format(W.footer, formats.date(pw.date_in(pw.timezone())))), "</footer>\n</main>\n</body>\n</html>\n",
  }))
end

return html
