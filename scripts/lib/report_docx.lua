-- The yearly implementation report drafted as an official document (DOCX):
-- the report the plan's focal unit sends to the plan's issuer, laid out as
-- Nghị định 30/2020/NĐ-CP (Phụ lục I) sets out an administrative document,
-- filled from the facts of report_facts.lua (the numbers `planwatch status`
-- shows for the same day), with marked placeholders where the writer must
-- add their own words.
--
-- The layout lives in XML templates, data rather than code:
-- scripts/templates/docx/*.xml, each of which a plan package may replace by
-- a file of the same name in <plugins>/<package>/templates/docx/ (see
-- scripts/README.md). This module writes only the body (paragraphs and
-- tables that name the templates' styles) and fills the templates' {{slots}}.
--
-- Page and type, as the decree's Phụ lục I, Phần I says (see also the
-- templates' comments):
--   "Khổ giấy: Khổ A4 (210 mm x 297 mm)."
--   "Định lề trang: Cách mép trên và mép dưới 20 - 25 mm, cách mép trái
--    30 - 35 mm, cách mép phải 15 - 20 mm."       (document.xml: 20/20/30/15)
--   "Phông chữ tiếng Việt Times New Roman ... màu đen." (styles.xml)
--   "Số trang văn bản ... được đặt canh giữa theo chiều ngang trong phần lề
--    trên của văn bản, không hiển thị số trang thứ nhất." (header*.xml)
--   "Khoảng cách giữa các đoạn văn tối thiểu là 6pt; khoảng cách giữa các
--    dòng tối thiểu là dòng đơn, tối đa là 1,5 lines." (styles.xml)
-- REVIEW: the size of each element (Quốc hiệu, Tiêu ngữ, tên cơ quan, số và
-- ký hiệu, địa danh và thời gian, tên loại, trích yếu, nơi nhận, chức vụ và
-- họ tên người ký) follows Phần II as commonly cited; its text could not be
-- read at the time of writing. Each is noted on its style in styles.xml.
local facts = require "report_facts"
local evaluate = require("targets").evaluate
local formats = require "formats"
local catalogue = require "words"
local report_text = require "report_text"

-- A date or a value as formats.lua writes them, "—" for none.
local function fdate(d, lang) return formats.date(d, lang) or "—" end
local function fvalue(v, measure, lang) return formats.value(v, measure, lang) or "—" end
-- Target statuses in words, as the progress report writes them.
local function statuses(lang) return catalogue.of("report", lang).target_status end

local docx = {}

local xml = require "docx_xml"
local esc, run, para, placeholder, rule = xml.esc, xml.run, xml.para, xml.placeholder, xml.rule
local data_table, layout_table, widths = xml.data_table, xml.layout_table, xml.widths
local TEXT_WIDTH = xml.TEXT_WIDTH

---------------------------------------------------------------------------
-- The facts of the yearly report
---------------------------------------------------------------------------

local function unit_row(code)
  return code and pw.sql("SELECT code, name, name_en, parent FROM units WHERE code = ?", code)[1]
end

-- The unit that writes the report: the one the plan's units report to and
-- that itself reports to the plan's issuer (Sở KH&CN for Plan 114, the
-- focal point of its section IV); the issuer when no unit is.
function docx.author(plan)
  local r = pw.sql([[SELECT to_unit, count(*) AS n FROM duties
    WHERE plan_id = ?1 AND retired_at IS NULL AND to_unit IN
      (SELECT unit FROM duties WHERE plan_id = ?1 AND to_unit = ?2 AND retired_at IS NULL)
    GROUP BY to_unit ORDER BY n DESC, to_unit LIMIT 1]], plan.id, plan.issuer)[1]
  return unit_row(r and r.to_unit or plan.issuer)
end

-- Targets by key as they stood at the end of the previous year.
local function previous_targets(plan, period)
  local by_key = {}
  for _, t in ipairs(evaluate({ today = (period - 1) .. "-12-31", plan = plan.id })) do
    by_key[t.key] = t
  end
  return by_key
end

-- What the units sent: { ["duty|unit|period"] = { ref=, ref_date=, summary= } }.
local function references()
  local by = {}
  for _, s in ipairs(pw.sql([[SELECT duty, unit, period, ref, ref_date, summary FROM submissions
    WHERE ref IS NOT NULL OR summary IS NOT NULL]])) do
    by[s.duty .. "|" .. s.unit .. "|" .. s.period] = s
  end
  return by
end

-- The duty-periods of year `period` owed to the author, from the
-- timeliness grids: { { duty=, title=, unit=, unit_name=, period=, state=,
-- deadline=, received_at=, ref=, ref_date=, summary= } }, by unit name.
local function compliance(F, author, period)
  local to = {}
  for _, d in ipairs(F.duties) do
    for _, u in ipairs(d.to_list or { d.to }) do
      if u == author then to[d.code] = author end
    end
  end
  local refs, list = references(), {}
  for _, g in ipairs(F.timeliness) do
    if to[g.duty] == author then
      for _, p in ipairs(g.periods) do
        if tonumber(p:sub(1, 4)) == period then
          for _, r in ipairs(g.rows) do
            local c = r.cells[p]
            if c then
              local s = refs[g.duty .. "|" .. r.unit .. "|" .. p] or {}
              list[#list + 1] = { duty = g.duty, title = g.title, unit = r.unit,
                unit_name = r.unit_name, period = p, state = c.state, deadline = c.deadline,
                received_at = c.received_at, ref = s.ref, ref_date = s.ref_date,
                summary = s.summary }
            end
          end
        end
      end
    end
  end
  table.sort(list, function(a, b)
    if a.unit_name ~= b.unit_name then return a.unit_name < b.unit_name end
    return a.period < b.period
  end)
  return list
end

local function budget(plan)
  return pw.sql([[SELECT code, funding, unit, year, amount, note FROM budget_lines
    WHERE plan_id = ? AND retired_at IS NULL ORDER BY code]], plan.id)
end

-- Everything the document shows for year `period`, on F.today.
function docx.gather(F, period)
  local plan = F.plan
  local author = docx.author(plan)
  local superior = unit_row(author.parent) or unit_row(plan.issuer)
  if superior and superior.code == author.code then superior = nil end
  local D = { plan = plan, period = period, author = author, superior = superior,
    issuer = unit_row(plan.issuer), prev = previous_targets(plan, period),
    tasks = facts.tasks(plan, period), compliance = compliance(F, author.code, period),
    budget = budget(plan) }
  return D
end

---------------------------------------------------------------------------
-- The document's parts
---------------------------------------------------------------------------

local function name_of(u)
  return u and pw.text(u, "name") or ""
end

local function header_block(F, D, L, lang)
  local w = { 3700, TEXT_WIDTH - 3700 }
  local left = {}
  if D.superior then left[#left + 1] = para("PWAgency", name_of(D.superior)) end
  left[#left + 1] = para("PWAgencyName", name_of(D.author))
  left[#left + 1] = rule(1300, w[1])
  left[#left + 1] = para("PWDocNumber", string.format(L.number, D.author.code))
  local right = {
    para("PWNationalTitle", L.national_title),
    para("PWMotto", L.motto),
    rule(lang == "en" and 4000 or 3700, w[2]),
    para("PWPlaceDate", string.format(L.place_date, D.plan.place or "", formats.long_date(F.today, lang))),
  }
  return layout_table(w, left, right)
end

local function subject(D, L, lang)
  return string.format(L.subject, D.plan.number, fdate(D.plan.issued, lang),
    name_of(D.issuer), D.period)
end

local function title_block(D, L, lang)
  return para("Title", L.kind) .. para("Subtitle", subject(D, L, lang)) .. rule(2000, TEXT_WIDTH)
end

local function intro(F, D, L, lang)
  local out = { para("Normal", string.format(L.intro, D.plan.number,
    fdate(D.plan.issued, lang), name_of(D.issuer), pw.text(D.plan, "title"),
    name_of(D.author), D.period)), para("Normal", string.format(L.as_of, fdate(F.today, lang))) }
  local values = 0
  for _, s in ipairs(F.sources.values) do values = values + s.illustrative end
  if values + F.sources.illustrative_submissions > 0 then
    out[#out + 1] = para("Normal", string.format(L.illustrative, values,
      F.sources.illustrative_submissions))
  end
  return table.concat(out)
end

-- One row per target: number, name, window, required, actual, change in
-- the year, status (and the projection in the appendix).
local function target_rows(F, D, lang, with_projection)
  local rows = {}
  for i, t in ipairs(F.targets) do
    local prev = D.prev[t.key]
    local change = (t.actual and prev and prev.actual) and t.actual - prev.actual or nil
    local r = { tostring(i), pw.text(t, "name"), t.window_from .. "–" .. t.window_to,
      formats.required(t, lang), fvalue(t.actual, t.measure, lang),
      formats.change(change, t.measure, lang) }
    if with_projection then r[#r + 1] = fvalue(t.projected, t.measure, lang) end
    r[#r + 1] = statuses(lang)[t.status] or t.status
    rows[i] = r
  end
  return rows
end

local function target_table(F, D, lang, with_projection)
  local L = catalogue.of("docx", lang)
  local head = { L.col.no, L.col.target, L.col.window, L.col.required, L.col.actual, L.col.change }
  local shares = { 5, 33, 12, 12, 12, 12 }
  if with_projection then
    head[#head + 1], shares[#shares + 1] = L.col.projected, 12
  end
  head[#head + 1], shares[#shares + 1] = L.col.status, 14
  local numeric = { true, false, false, true, true, true, with_projection }
  return data_table(widths(shares), head, target_rows(F, D, lang, with_projection), numeric)
end

local function targets_section(F, D, L, lang)
  local out = { para("Heading2", L.s1_targets) }
  if #F.targets == 0 then
    out[#out + 1] = para("Normal", L.no_targets)
    return table.concat(out)
  end
  local counts, parts = {}, {}
  for _, t in ipairs(F.targets) do counts[t.status] = (counts[t.status] or 0) + 1 end
  for _, s in ipairs(require("report_text").STATUS_ORDER) do
    if counts[s] then parts[#parts + 1] = counts[s] .. " " .. statuses(lang)[s] end
  end
  out[#out + 1] = para("Normal", string.format(L.targets_summary, #F.targets,
    table.concat(parts, ", ")))
  out[#out + 1] = target_table(F, D, lang, false)
  return table.concat(out)
end

-- A task's timeframe, as status writes it ("2021–2025", "Q2/2021").
local function when(t, L)
  return report_text.when(t, { annual = L.annual })
end

local function tasks_section(D, L)
  local rows, n = {}, { in_progress = 0, ended = 0, not_started = 0 }
  for _, g in ipairs(D.tasks) do
    for _, t in ipairs(g.tasks) do
      n[t.stage] = n[t.stage] + 1
      rows[#rows + 1] = { tostring(t.no), t.title, when(t, L), g.lead_name, L.stage[t.stage] }
    end
  end
  return para("Heading2", L.s1_tasks)
    .. para("Normal", string.format(L.tasks_summary, D.period, n.in_progress, n.ended,
      n.not_started))
    .. data_table(widths({ 5, 45, 12, 22, 16 }),
      { L.col.no, L.col.task, L.col.when, L.col.lead, L.col.state }, rows, { true })
end

-- "Công văn số 123/SCT-KHTC ngày 10/12/2026", or nil.
local function doc_ref(c, L, lang)
  if not c.ref then return nil end
  if c.ref_date then return string.format(L.doc_ref, c.ref, fdate(c.ref_date, lang)) end
  return string.format(L.doc_ref_no_date, c.ref)
end

-- A unit in the compliance lists: its name and what it sent, or when.
local function cited(c, L, lang)
  local what = { doc_ref(c, L, lang) }
  if c.received_at then
    what[#what + 1] = string.format(L.received_on, fdate(c.received_at, lang))
  else
    what[#what + 1] = string.format(L.deadline_on, fdate(c.deadline, lang))
  end
  local s = string.format(L.cited, c.unit_name, table.concat(what, ", "))
  if c.summary then s = s .. ": " .. c.summary end
  return s
end

local STATES = { "on_time", "late", "missing", "not_due" }

local function compliance_section(D, L, lang)
  local out = { para("Heading2", L.s1_compliance) }
  if #D.compliance == 0 then
    out[#out + 1] = para("Normal", string.format(L.no_compliance, D.period, name_of(D.author)))
    return table.concat(out)
  end
  local by = { on_time = {}, late = {}, missing = {}, not_due = {} }
  for _, c in ipairs(D.compliance) do table.insert(by[c.state], c) end
  out[#out + 1] = para("Normal", string.format(L.compliance_summary, D.period, #D.compliance,
    name_of(D.author), #by.on_time, #by.late, #by.missing, #by.not_due))
  for _, s in ipairs(STATES) do
    if #by[s] > 0 then
      out[#out + 1] = para("Normal", L[s .. "_list"])
      for _, c in ipairs(by[s]) do out[#out + 1] = para("ListBullet", "- " .. cited(c, L, lang)) end
    end
  end
  return table.concat(out)
end

local function funding_section(D, L, lang)
  local out = { para("Heading2", L.s1_funding) }
  for _, b in ipairs(D.budget) do
    local amount = b.amount and fvalue(b.amount, nil, lang) or L.no_amount
    out[#out + 1] = para("ListBullet", "- " .. string.format(L.funding_line,
      L.funding[b.funding] or b.funding, amount))
  end
  out[#out + 1] = placeholder("Normal", L.funding_write)
  return table.concat(out)
end

local BEHIND = { off_track = true, at_risk = true, missed = true }

-- The facts that call for an explanation: targets behind, overdue
-- reports, tasks past their timeframe.
local function issues(F, D, L, lang)
  local list = {}
  for _, t in ipairs(F.targets) do
    if BEHIND[t.status] then
      list[#list + 1] = string.format(L.issue_target, pw.text(t, "name"),
        t.window_from .. "–" .. t.window_to, fvalue(t.actual, t.measure, lang),
        formats.required(t, lang), statuses(lang)[t.status] or t.status)
    end
  end
  for _, o in ipairs(F.overdue) do
    list[#list + 1] = string.format(L.issue_overdue, o.unit_name, o.period,
      fdate(o.deadline, lang), o.days_overdue)
  end
  for _, g in ipairs(D.tasks) do
    for _, t in ipairs(g.tasks) do
      if t.stage == "ended" then
        list[#list + 1] = string.format(L.issue_task, t.no, t.title, g.lead_name, when(t, L))
      end
    end
  end
  return list
end

local function shortcomings(F, D, L, lang)
  local out = { para("Heading1", L.s2), para("Heading2", L.s2_issues) }
  local list = issues(F, D, L, lang)
  if #list == 0 then out[#out + 1] = para("Normal", L.no_issues) end
  for _, s in ipairs(list) do out[#out + 1] = para("ListBullet", "- " .. s) end
  out[#out + 1] = placeholder("Normal", L.issues_write)
  out[#out + 1] = para("Heading2", L.s2_causes)
  out[#out + 1] = placeholder("Normal", L.causes_write)
  return table.concat(out)
end

local function closing_and_signature(D, L)
  local recipients = { para("PWRecipientsHeading", L.recipients) }
  if D.issuer and D.issuer.code ~= D.author.code then
    recipients[#recipients + 1] = para("PWRecipients", string.format(L.recipient_up, name_of(D.issuer)))
  end
  if #D.compliance > 0 then recipients[#recipients + 1] = para("PWRecipients", L.recipient_units) end
  recipients[#recipients + 1] = para("PWRecipients", L.recipient_archive)
  local signer = { para("PWSignerTitle", L.signer_title),
    para("PWSignerName", { run(L.signer_name, "PWPlaceholder") }) }
  return para("Normal", string.format(L.closing, D.plan.number, D.period, name_of(D.author)))
    .. layout_table({ TEXT_WIDTH // 2, TEXT_WIDTH - TEXT_WIDTH // 2 }, recipients, signer)
end

local function compliance_table(D, L, lang)
  local rows = {}
  for i, c in ipairs(D.compliance) do
    rows[i] = { tostring(i), c.unit_name, c.duty, c.period, fdate(c.deadline, lang),
      c.received_at and fdate(c.received_at, lang) or "—", doc_ref(c, L, lang) or "—",
      L.state[c.state] }
  end
  return data_table(widths({ 5, 25, 14, 7, 12, 12, 14, 11 }), { L.col.no, L.col.unit, L.col.duty,
    L.col.period, L.col.deadline, L.col.received, L.col.document, L.col.state }, rows, { true })
end

local function appendices(F, D, L, lang)
  local of = string.format(L.appendix_of, D.author.code, D.period, name_of(D.author))
  return para("PWAppendix", string.format(L.appendix, "I"))
    .. para("PWAppendixTitle", string.format(L.appendix_targets, fdate(F.today, lang)))
    .. para("PWAppendixNote", of) .. target_table(F, D, lang, true)
    .. para("PWAppendix", string.format(L.appendix, "II"))
    .. para("PWAppendixTitle", string.format(L.appendix_compliance, D.period))
    .. para("PWAppendixNote", of) .. compliance_table(D, L, lang)
end

-- The document's body: every paragraph and table, in order.
function docx.body(F, D, lang)
  local L = catalogue.of("docx", lang)
  return table.concat({
    header_block(F, D, L, lang), title_block(D, L, lang), intro(F, D, L, lang),
    para("Heading1", L.s1), targets_section(F, D, L, lang), tasks_section(D, L),
    compliance_section(D, L, lang), funding_section(D, L, lang),
    shortcomings(F, D, L, lang),
    para("Heading1", L.s3), placeholder("Normal", string.format(L.s3_write, D.period + 1)),
    para("Heading1", L.s4), placeholder("Normal", string.format(L.s4_write, name_of(D.issuer))),
    closing_and_signature(D, L), appendices(F, D, L, lang),
  }, "\n")
end

---------------------------------------------------------------------------
-- Templates and the package
---------------------------------------------------------------------------

-- The archive's parts and the template each is made from.
docx.PARTS = {
  { "[Content_Types].xml", "content_types.xml" },
  { "_rels/.rels", "rels.xml" },
  { "word/document.xml", "document.xml" },
  { "word/_rels/document.xml.rels", "document.xml.rels" },
  { "word/styles.xml", "styles.xml" },
  { "word/settings.xml", "settings.xml" },
  { "word/header1.xml", "header_page.xml" },
  { "word/header2.xml", "header_first.xml" },
  { "docProps/core.xml", "core.xml" },
  { "docProps/app.xml", "app.xml" },
}

-- The folders templates are read from, first match wins: the plan
-- package's templates/docx/, then scripts/templates/docx/.
function docx.template_dirs(plan)
  local dirs = {}
  local package = plan.source and plan.source:match("^(.*)/[^/]*$")
  if package then dirs[#dirs + 1] = pw.opt.plugins .. "/" .. package .. "/templates/docx" end
  dirs[#dirs + 1] = pw.opt.home .. "/scripts/templates/docx"
  return dirs
end

local function template(dirs, name)
  for _, dir in ipairs(dirs) do
    local path = dir .. "/" .. name
    if pw.exists(path) then
      local text, err = pw.read_file(path)
      if not text then error(err, 0) end
      return text
    end
  end
  error("template " .. name .. " not found in " .. table.concat(dirs, ", "), 0)
end

local function fill(text, slots)
  return (text:gsub("{{(%w+)}}", function(k) return slots[k] end))
end

-- The archive's entries { name=, data= } for the report of F and D.
function docx.entries(F, D, lang)
  local L = catalogue.of("docx", lang)
  local dirs = docx.template_dirs(D.plan)
  local slots = { body = docx.body(F, D, lang), title = esc(subject(D, L, lang)),
    author = esc(name_of(D.author)), language = lang == "en" and "en-US" or "vi-VN",
    created = F.today .. "T00:00:00Z" }
  local entries = {}
  for i, part in ipairs(docx.PARTS) do
    entries[i] = { name = part[1], data = fill(template(dirs, part[2]), slots) }
  end
  return entries
end

return docx
