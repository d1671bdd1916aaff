-- The facts of the progress report (scripts/report.lua), gathered once and
-- rendered as HTML or Markdown. The numbers come from the functions
-- `planwatch status` uses: targets.evaluate (pw.targets) for the targets,
-- duties.schedule and duties.rates for reporting rates and overdue
-- reports, so the report and status always agree. The series drawn under
-- each target are read with indicators.points, as target evaluation reads
-- them, through the cache the evaluation filled, so each is read once.
local indicators = require "indicators"
local evaluate = require("targets").evaluate
local schedule = require "duties"
local world = require "world"
local json = require "json"
local T = require "report_text"

local facts = {}

-- Words that mark a value as made up for a demonstration rather than
-- reported: in its source or its note, in English or Vietnamese (both
-- placements of the tone mark; SQLite's LIKE folds ASCII case only).
facts.ILLUSTRATIVE = { "illustrative", "minh họa", "minh hoạ", "minh Họa", "minh Hoạ",
  "MINH HỌA", "MINH HOẠ" }

-- An SQL condition true when the text expression col holds one of the
-- words (the parameters :w1, :w2 ... of illustrative_params).
local function has_word(col)
  local terms = {}
  for i in ipairs(facts.ILLUSTRATIVE) do terms[i] = col .. " LIKE :w" .. i end
  return "(" .. table.concat(terms, " OR ") .. ")"
end

local function illustrative_params(params)
  for i, w in ipairs(facts.ILLUSTRATIVE) do params["w" .. i] = "%" .. w .. "%" end
  return params
end

-- The plan as status shows it: the first active one (or the active one
-- with id), and its issuer.
function facts.plan(id)
  local plan = pw.sql([[SELECT * FROM plans WHERE retired_at IS NULL AND (?1 IS NULL OR id = ?1)
    ORDER BY id LIMIT 1]], id)[1]
  if not plan then return nil end
  local issuer = plan.issuer and pw.sql("SELECT code, name, name_en FROM units WHERE code = ?",
    plan.issuer)[1]
  plan.issuer_name = issuer and pw.text(issuer, "name") or plan.issuer
  return plan
end

-- Where a task stands in its timeframe on a day, or in a year (as status
-- says it; report_text.task_stage).
-- A year stands for its last day.
function facts.stage(task, year_or_day)
  local day = year_or_day
  if type(day) ~= "string" then day = string.format("%04d-12-31", year_or_day) end
  return T.task_stage(task, day)
end

-- Active tasks grouped by their lead unit on `today` (the end of year
-- without it; task_leads, by the lead's name): { { lead=, lead_name=,
-- tasks = { { no=, title=, from_year=, to_year=, annual=, support_all=,
-- support = { names }, stage=, lead_history= } } } }.
function facts.tasks(plan, year)
  -- the lead of the day given, or of the year's last day (task_leads)
  local day = tostring(year):match("^%d%d%d%d%-%d%d%-%d%d$") or string.format("%04d-12-31", tonumber(year))
  local w = world.load()
  local leads = world.task_leads(w, plan.id, day)
  local support = {}
  for _, r in ipairs(pw.sql([[SELECT tu.task_no, u.name, u.name_en
    FROM task_units tu JOIN units u ON u.code = tu.unit
    WHERE tu.plan_id = ? AND tu.role = 'support' ORDER BY tu.task_no, u.name]], plan.id)) do
    support[r.task_no] = support[r.task_no] or {}
    table.insert(support[r.task_no], pw.text(r, "name"))
  end
  local groups, by_lead = {}, {}
  for _, t in ipairs(pw.sql([[SELECT t.no, t.title, t.title_en, t.items, t.from_year, t.to_year,
      t.from_period, t.to_period, t.annual, t.support_all, t.lead, u.name AS lead_name,
      u.name_en AS lead_name_en
    FROM tasks t JOIN units u ON u.code = t.lead
    WHERE t.retired_at IS NULL AND t.plan_id = ? ORDER BY u.name, t.no]], plan.id)) do
    local l = leads[t.no]
    local lead = l and l.lead or t.lead
    local g = by_lead[lead]
    if not g then
      g = { lead = lead, lead_name = lead == t.lead and pw.text(t, "lead_name") or w:name(lead), tasks = {} }
      by_lead[lead], groups[#groups + 1] = g, g
    end
    g.tasks[#g.tasks + 1] = { no = t.no, title = pw.text(t, "title"), from_year = t.from_year,
      to_year = t.to_year, from_period = t.from_period, to_period = t.to_period,
      annual = t.annual == 1, support_all = t.support_all == 1,
      items = t.items and json.decode(t.items) or {},
      support = support[t.no] or {}, stage = facts.stage(t, year), lead_history = l and l.history }
  end
  table.sort(groups, function(a, b) return a.lead_name < b.lead_name end)
  return groups
end

-- Active duties, one entry per code: { code=, title=, to=, every=,
-- cutoff=, due_workdays=, due_day=, units = { codes } }.
function facts.duties(plan)
  local list, by_code = {}, {}
  for _, d in ipairs(pw.sql([[SELECT code, unit, to_unit, to_units, title, title_en, every, cutoff,
      due_workdays, due_day FROM duties WHERE retired_at IS NULL AND plan_id = ?
    ORDER BY code, unit]], plan.id)) do
    local e = by_code[d.code]
    if not e then
      e = { code = d.code, title = pw.text(d, "title"), to = schedule.to_text(d),
        to_list = schedule.recipients(d), every = d.every,
        cutoff = d.cutoff, due_workdays = d.due_workdays, due_day = d.due_day, units = {} }
      by_code[d.code], list[#list + 1] = e, e
    end
    e.units[#e.units + 1] = d.unit
  end
  return list
end

-- A schedule item's timeliness: on_time, late, missing (its deadline has
-- passed and nothing was received) or not_due.
local TIMELINESS = { received = "on_time", received_late = "late", overdue = "missing" }

-- Timeliness grids, one per duty (its periods share a frequency): {
-- duty=, title=, periods = { codes }, rows = { { unit=, unit_name=,
-- cells = { [period] = { state=, deadline=, received_at= } } } } }, rows by
-- unit name.
function facts.timeliness(items)
  local grids, by_duty = {}, {}
  for _, it in ipairs(items) do
    local g = by_duty[it.duty]
    if not g then
      g = { duty = it.duty, title = pw.text(it, "title"), periods = {}, seen = {}, rows = {},
        by_unit = {} }
      by_duty[it.duty], grids[#grids + 1] = g, g
    end
    if not g.seen[it.period] then
      g.seen[it.period] = true
      g.periods[#g.periods + 1] = it.period
    end
    local row = g.by_unit[it.unit]
    if not row then
      row = { unit = it.unit, unit_name = pw.text(it, "unit_name"), cells = {} }
      g.by_unit[it.unit], g.rows[#g.rows + 1] = row, row
    end
    row.cells[it.period] = { state = TIMELINESS[it.state] or "not_due", deadline = it.deadline,
      received_at = it.received_at }
  end
  for _, g in ipairs(grids) do
    table.sort(g.periods, function(a, b) return pw.period.compare(a, b) < 0 end)
    table.sort(g.rows, function(a, b) return a.unit_name < b.unit_name end)
    g.seen, g.by_unit = nil, nil
  end
  return grids
end

-- The codes of the indicators that have values, by one seek each in the
-- key rather than a pass over every value.
local VALUE_INDICATORS = [[WITH RECURSIVE i(code) AS (
    SELECT min(indicator) FROM indicator_values
    UNION ALL
    SELECT (SELECT min(indicator) FROM indicator_values WHERE indicator > i.code)
    FROM i WHERE i.code IS NOT NULL)
  SELECT code FROM i WHERE code IS NOT NULL]]

-- One indicator's values by source: { { source=, values=, first=, last=,
-- illustrative= } }. A value is illustrative when its source or its note
-- holds one of the words; within one source, that is every value when the
-- source holds one, else those whose note does, so the words are matched
-- once per source and only against the notes that are there. Every value
-- is read once to count it and to learn whether the indicator's values
-- all share the source of its first one and have no note (the usual case
-- for imported files: then the first and last years are the ends of its
-- range of the key); otherwise the values of that source are summed in a
-- second pass, and only those of other sources are sorted to be grouped.
local function indicator_sources(code, params)
  params.indicator = code
  local head = pw.sql([[SELECT source AS s, ]] .. has_word("source") .. [[ AS marked,
      (SELECT min(year) FROM indicator_values WHERE indicator = :indicator) AS first,
      (SELECT max(year) FROM indicator_values WHERE indicator = :indicator) AS last
    FROM indicator_values WHERE indicator = :indicator LIMIT 1]], params)[1]
  if not head then return {} end
  params.s = head.s
  local scan = pw.sql([[SELECT count(*) AS n,
      count(CASE WHEN source IS NOT :s THEN 1 END) AS other, count(note) AS noted
    FROM indicator_values WHERE indicator = :indicator]], params)[1]
  if scan.other == 0 and scan.noted == 0 then
    return { { source = head.s, values = scan.n, first = head.first, last = head.last,
      illustrative = head.marked == 1 and scan.n or 0 } }
  end
  local by_note = "count(CASE WHEN note IS NOT NULL AND " .. has_word("note") .. " THEN 1 END)"
  local list = pw.sql([[SELECT :s AS source, count(*) AS "values", min(year) AS first,
      max(year) AS last, CASE WHEN ]] .. has_word(":s") .. [[ THEN count(*) ELSE ]] .. by_note
      .. [[ END AS illustrative
    FROM indicator_values WHERE indicator = :indicator AND source IS :s]], params)
  if scan.other > 0 then
    for _, r in ipairs(pw.sql([[SELECT source, count(*) AS "values", min(year) AS first,
        max(year) AS last, CASE WHEN ]] .. has_word("source") .. [[ THEN count(*) ELSE ]]
        .. by_note .. [[ END AS illustrative
      FROM indicator_values WHERE indicator = :indicator AND source IS NOT :s
      GROUP BY source]], params)) do
      list[#list + 1] = r
    end
  end
  return list
end

-- Sources in the order of the table: the most values first, then by
-- source (no source first, then as SQLite orders text).
local function source_before(a, b)
  if a.values ~= b.values then return a.values > b.values end
  if a.source == nil or b.source == nil then return a.source == nil and b.source ~= nil end
  return a.source < b.source
end

-- Indicator values by source: { values = { { source=, values=, indicators=,
-- first=, last=, illustrative= } } (the most values first), illustrative =
-- { [indicator] = illustrative values }, submissions=,
-- illustrative_submissions= } (reports received, and those marked
-- illustrative). Gathered indicator by indicator along the key (see
-- indicator_sources), not by one GROUP BY source, which sorted every value.
function facts.sources()
  local params = illustrative_params({})
  local list, by_source, none, by_indicator = {}, {}, nil, {}
  for _, ind in ipairs(pw.sql(VALUE_INDICATORS)) do
    local marked_values = 0
    for _, r in ipairs(indicator_sources(ind.code, params)) do
      if r.values == 0 then goto next end
      local e
      if r.source == nil then e = none else e = by_source[r.source] end
      if not e then
        e = { source = r.source, values = 0, indicators = 0, first = r.first, last = r.last,
          illustrative = 0 }
        list[#list + 1] = e
        if r.source == nil then none = e else by_source[r.source] = e end
      end
      e.values, e.indicators = e.values + r.values, e.indicators + 1
      e.first, e.last = math.min(e.first, r.first), math.max(e.last, r.last)
      e.illustrative = e.illustrative + r.illustrative
      marked_values = marked_values + r.illustrative
      ::next::
    end
    if marked_values > 0 then by_indicator[ind.code] = marked_values end
  end
  table.sort(list, source_before)
  local received = pw.sql("SELECT count(*) AS n, sum(CASE WHEN " .. has_word("source") .. " OR "
    .. has_word("note") .. " THEN 1 ELSE 0 END) AS illustrative FROM submissions", params)[1]
  return { values = list, illustrative = by_indicator, submissions = received.n,
    illustrative_submissions = received.illustrative or 0 }
end

-- Whether the series of an indicator row rests on illustrative values: its
-- own, or, for a derived indicator, those of any input of its plan.
local function illustrative_series(ind, marked)
  if ind.derived ~= 1 then return (marked[ind.code] or 0) > 0 end
  for _, r in ipairs(pw.sql("SELECT code FROM indicators WHERE plan_id = ? AND derived = 0",
      ind.plan_id)) do
    if (marked[r.code] or 0) > 0 then return true end
  end
  return false
end

-- The plan's series of ind in years y0..y1, periods started by until_m.
local function points(ind, q, cache)
  q.cache, q.keep = cache, true
  local ok, pts = pcall(indicators.points, ind, q, "report")
  if not ok then return {}, tostring(pts) end
  return pts
end

-- The number of units that reported a value above 0 from y0 to each year
-- (the `distinct` rule's running count), for years started by until_m.
local function distinct_points(ind, y0, y1, until_m, cache)
  local first = {}
  for _, r in ipairs(indicators.first_years(ind, { ptype = indicators.PTYPE[ind.period] or 0,
      y0 = y0, y1 = y1, until_m = until_m, cache = cache, keep = true })) do
    first[r.year] = r.units
  end
  local pts, units = {}, 0
  for y = y0, y1 do
    if y * 12 + 1 > until_m then break end
    units = units + (first[y] or 0)
    if units > 0 or #pts > 0 then pts[#pts + 1] = { x = y, period = tostring(y), value = units } end
  end
  return pts
end

-- The value of pts at the last point on or before x (0 when none).
local function at_or_before(pts, x, field)
  local v = 0
  for _, p in ipairs(pts) do
    if p.x <= x + 1e-9 then v = p[field] or 0 end
  end
  return v
end

-- The required path of target t for a chart: lines from the window's
-- start to its end (a rising line for running totals, a constant-growth
-- curve for cagr, a level for last and every_year), the second bound of
-- `between` as a second line; and where the projection leads.
local function target_path(t, rule, pts)
  local a, b = t.window_from, t.window_to
  local bounds = { t.required, t.required_high }
  local lines, projected = {}, nil
  if rule == "cagr" then
    local base
    for _, p in ipairs(pts) do if p.year == a - 1 then base = p.value end end
    if not base then return lines, nil end
    for i, r in ipairs(bounds) do
      local line = {}
      for y = a - 1, b do line[#line + 1] = { x = y, y = base * (1 + r / 100) ^ (y - a + 1) } end
      lines[i] = line
    end
    if t.projected then projected = { x = b, y = base * (1 + t.projected / 100) ^ (b - a + 1) } end
  elseif rule == "sum" or rule == "distinct" then
    local base = rule == "sum" and at_or_before(pts, a - 1, "cumulative") or 0
    for i, r in ipairs(bounds) do lines[i] = { { x = a - 1, y = base }, { x = b, y = base + r } } end
    if t.projected then projected = { x = b, y = base + t.projected } end
  else
    for i, r in ipairs(bounds) do lines[i] = { { x = a, y = r }, { x = b, y = r } } end
    if t.projected then projected = { x = b, y = t.projected } end
  end
  return lines, projected
end

-- One chart's facts per indicator with targets, in the order of its first
-- target: { indicator=, name=, measure=, rule=, of=, of_name=, x_min=,
-- x_max=, points = { {x=, period=, value=} }, error=, illustrative=,
-- targets = { { target=, lines = { {x=, y=}... }, projected = {x=, y=} } } }.
-- Sums are drawn as running totals from the first window's start; cagr as
-- the `of` indicator's yearly values.
function facts.trends(targets, today, marked, cache)
  local until_m = tonumber(today:sub(1, 4)) * 12 + tonumber(today:sub(6, 7))
  local list, by_code = {}, {}
  for _, t in ipairs(targets) do
    local e = by_code[t.indicator]
    if not e then
      e = { indicator = t.indicator, name = pw.text(t, "name"), measure = t.measure,
        rule = t.rule, of = t.of, x_min = t.window_from - 1, x_max = t.window_to, list = {} }
      by_code[t.indicator], list[#list + 1] = e, e
    end
    e.x_min, e.x_max = math.min(e.x_min, t.window_from - 1), math.max(e.x_max, t.window_to)
    e.list[#e.list + 1] = t
  end
  for _, e in ipairs(list) do
    local ind = indicators.get(e.indicator, "report")
    local src, pts = ind
    if e.rule == "cagr" and e.of then
      src = indicators.get(e.of, "report")
      e.of_name, e.measure = pw.text(src, "name"), src.measure
      pts, e.error = points(src, { ptype = 0, y0 = e.x_min, y1 = e.x_max, until_m = until_m }, cache)
      local kept = {}
      for _, p in ipairs(pts) do if p.value > 0 then kept[#kept + 1] = p end end
      pts = kept
    elseif e.rule == "distinct" then
      pts = distinct_points(ind, e.x_min + 1, e.x_max, until_m, cache)
    else
      pts, e.error = points(ind, { ptype = e.rule == "every_year" and 0 or nil,
        y0 = e.x_min + 1, y1 = e.x_max, until_m = until_m }, cache)
    end
    e.points = {}
    for i, p in ipairs(pts) do
      e.points[i] = { x = p.x, period = p.period,
        value = e.rule == "sum" and p.cumulative or p.value }
    end
    e.illustrative = illustrative_series(src, marked)
    e.targets = {}
    for i, t in ipairs(e.list) do
      local lines, projected = target_path(t, e.rule, pts)
      e.targets[i] = { target = t, lines = lines, projected = projected }
    end
    e.list = nil
  end
  return list
end

-- The report's key figures: targets by status, tasks and those in
-- progress, reports expected, received and received on time (the sums of
-- the rates), overdue reports.
function facts.summary(F)
  local S = { by_status = {}, tasks = 0, in_progress = 0, expected = 0, actual = 0, on_time = 0,
    overdue = #F.overdue }
  for _, t in ipairs(F.targets) do S.by_status[t.status] = (S.by_status[t.status] or 0) + 1 end
  for _, g in ipairs(F.tasks) do
    for _, t in ipairs(g.tasks) do
      S.tasks = S.tasks + 1
      if t.stage == "in_progress" then S.in_progress = S.in_progress + 1 end
    end
  end
  for _, r in ipairs(F.rates) do
    S.expected, S.actual, S.on_time = S.expected + r.expected, S.actual + r.actual, S.on_time + r.on_time
  end
  return S
end

-- Everything the report shows, on `today` (of the plan plan_id, else the
-- first).
function facts.gather(today, plan_id)
  local plan = facts.plan(plan_id)
  if not plan then return nil end
  local F = { today = today, plan = plan }
  -- the issuer over time, and the plan that supersedes this one
  local w0 = world.load()
  plan.issuer_name = plan.issuer and w0:issuer_text(plan.issuer, today) or plan.issuer_name
  plan.superseded_day = plan.superseded_on and world.day_text(plan.superseded_on)
  -- the series the targets are evaluated on are drawn again by trends
  local cache = {}
  F.targets = evaluate({ today = today, plan = plan.id }, cache)
  F.tasks = facts.tasks(plan, today)
  F.duties = facts.duties(plan)
  local items = schedule.schedule({ today = today, plan = plan.id })
  F.rates = schedule.rates(items, "unit", today)
  F.overdue = schedule.overdue(items)
  F.timeliness = facts.timeliness(items)
  F.unit_names = {}
  -- an ended unit's history is shown under its old name and what became of it
  local w = world.load()
  for _, it in ipairs(items) do F.unit_names[it.unit] = w:fate(it.unit, today) or pw.text(it, "unit_name") end
  for _, o in ipairs(F.overdue) do o.unit_name = w:fate(o.unit, today) or o.unit_name end
  F.sources = facts.sources()
  F.trends = facts.trends(F.targets, today, F.sources.illustrative, cache)
  F.summary = facts.summary(F)
  return F
end

return facts
