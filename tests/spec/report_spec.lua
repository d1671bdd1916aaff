-- planwatch report: the progress report as one self-contained HTML page and
-- as Markdown, with the numbers of `planwatch status`, every value escaped;
-- and the chart functions (pw.chart) it is built on.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"
local dkjson = require "dkjson"

local PLUGINS = H.PLUGINS
local DEMO = H.root .. "/tests/browser/demo.lua"
local TODAY = "2025-06-30"
local PYTHON = "/usr/bin/python3"

-- Reads a page with Python's XML parser, which refuses a file that is not
-- well-formed, and prints as JSON the rows the report marks with a class
-- (their data-* attributes and the text of their cells), the page's whole
-- text, its lang and its number of charts.
local READ_PAGE = [[
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
def name(tag): return tag.rsplit('}', 1)[-1]
rows = []
for el in root.iter():
    cls = (el.get('class') or '').split()
    if cls and cls[0] in ('target', 'task', 'rate', 'overdue', 'source', 'duty'):
        rows.append({'class': cls[0],
                     'data': {k[5:]: v for k, v in el.attrib.items() if k.startswith('data-')},
                     'cells': [''.join(td.itertext()) for td in el if name(td.tag) == 'td']})
json.dump({'rows': rows, 'text': ''.join(root.itertext()), 'lang': root.get('lang'),
           'svgs': sum(1 for e in root.iter() if name(e.tag) == 'svg')}, sys.stdout, ensure_ascii=False)
]]

-- The page at path as READ_PAGE sees it; fails when it is not well-formed.
local function read_page(path)
  local dir = H.tmpdir()
  H.write(dir .. "/read_page.py", READ_PAGE)
  local code = H.sh(PYTHON .. " " .. H.quote(dir .. "/read_page.py") .. " " .. H.quote(path)
    .. " > " .. H.quote(dir .. "/out.json") .. " 2> " .. H.quote(dir .. "/err"))
  assert(code == 0, "not well-formed XML: " .. H.read(dir .. "/err"))
  return assert(dkjson.decode(H.read(dir .. "/out.json")))
end

-- Whether text parses as XML.
local function well_formed(text)
  local dir = H.tmpdir()
  H.write(dir .. "/doc.xml", text)
  return H.sh(PYTHON .. " -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "
    .. H.quote(dir .. "/doc.xml") .. " 2>/dev/null") == 0
end

-- The Yên Bái plan with the illustrative values and receipts of the
-- browser check.
local function demo_db()
  local db = H.yenbai_db()
  local r = H.run({ "--db", db, "--write", "run", DEMO })
  assert(r.code == 0, r.err)
  return db
end

local function run(db, ...)
  local args = { "--db", db, "--plugins", PLUGINS, "--today", TODAY, ... }
  return H.run(args)
end

-- Write the HTML report of db (extra arguments: --lang ...) and read it.
local function html_report(db, ...)
  local path = H.tmpdir() .. "/report.html"
  local r = run(db, "report", "--html", path, ...)
  assert(r.code == 0, r.err)
  return H.read(path), read_page(path), path
end

local csv_fields = S.csv_fields

-- The targets as `planwatch status --format csv` writes them: rows of
-- { indicator, name, window, required, actual, projected, status }.
local function status_target_texts(db, ...)
  local r = run(db, "status", "--format", "csv", ...)
  assert(r.code == 0, r.err)
  local rows, inside = {}, false
  for line in r.out:gmatch("([^\r\n]*)\r\n") do
    if line:sub(1, 2) == "# " then
      if inside then break end
    elseif line:match("^indicator,name,window,") then
      inside = true
    elseif inside then
      rows[#rows + 1] = csv_fields(line)
    end
  end
  return rows
end

-- A number text of status's CSV (machine form: ">= 6.2 %", "7.00 %",
-- "5.3") as the Vietnamese report writes it ("≥ 6,2 %", "7 %", "5,3").
local function in_vietnamese(text)
  text = text:gsub(">=", "≥"):gsub("<=", "≤")
  text = text:gsub("(%d+)%.(%d+)", function(int, frac)
    frac = frac:gsub("0+$", "")
    return frac == "" and int or (int .. "," .. frac)
  end)
  return text
end

local function status_json(db, ...)
  local r = run(db, "status", "--format", "json", ...)
  assert(r.code == 0, r.err)
  return assert(dkjson.decode(r.out))
end

local function rows_of(page, class)
  local list = {}
  for _, r in ipairs(page.rows) do
    if r.class == class then list[#list + 1] = r end
  end
  return list
end

local function close(a, b)
  if a == nil or b == nil then return a == b end
  return math.abs(a - b) <= 1e-9 * math.max(1, math.abs(b))
end

describe("planwatch report --html", function()
  local db, raw, page, status
  setup(function()
    db = demo_db()
    raw, page = html_report(db)
    status = status_json(db)
  end)
  teardown(H.cleanup)

  it("writes one well-formed page that fetches nothing: no script, link, image, font or url()", function()
    assert.are.equal("<!DOCTYPE html>", raw:sub(1, 15))
    for _, bad in ipairs({ "<script", "<link", "<img", "<iframe", " src=", " href=", "url(", "@import",
        "@font-face" }) do
      assert.is_nil(raw:find(bad, 1, true), "the page holds " .. bad)
    end
    local rest = raw:gsub('xmlns="http://www%.w3%.org/[%w/]+"', "")
    assert.is_nil(rest:find("http", 1, true))
  end)

  it("heads the page with the plan, and is Vietnamese by default", function()
    assert.are.equal("vi", page.lang)
    assert.truthy(page.text:find("Báo cáo tiến độ thực hiện Kế hoạch 114/KH-UBND", 1, true))
    assert.truthy(page.text:find(status.plan.title, 1, true))
    assert.truthy(page.text:find("Số liệu đến ngày " .. TODAY:gsub("^(%d+)-(%d+)-(%d+)$", "%3/%2/%1"), 1, true))
  end)

  it("names every target and every task of Plan 114", function()
    local targets = rows_of(page, "target")
    assert.are.equal(8, #targets)
    assert.are.equal(#status.targets, #targets)
    for i, t in ipairs(status.targets) do
      assert.are.equal(t.indicator, targets[i].data.indicator)
      assert.truthy(targets[i].cells[1]:find(t.name, 1, true), t.name)
    end
    local tasks = rows_of(page, "task")
    assert.are.equal(11, #tasks)
    local by_no = {}
    for _, r in ipairs(tasks) do by_no[tonumber(r.data.no)] = r end
    for _, t in ipairs(status.tasks) do
      local r = assert(by_no[t.no], "task " .. t.no .. " is missing")
      assert.are.equal(t.lead, r.data.lead)
      assert.are.equal(t.title, r.cells[2])
      assert.are.equal(t.status, r.cells[5])
      assert.truthy(page.text:find(t.lead_name, 1, true))
    end
  end)

  it("shows each target's numbers and status as planwatch status does", function()
    local targets, texts = rows_of(page, "target"), status_target_texts(db)
    assert.are.equal(#texts, #targets)
    for i, t in ipairs(status.targets) do
      local d = targets[i].data
      assert.is_true(close(tonumber(d.required), t.required), t.indicator)
      assert.is_true(close(tonumber(d["required-high"]), t.required_high), t.indicator)
      assert.is_true(close(tonumber(d.actual), t.actual), t.indicator)
      assert.is_true(close(tonumber(d.projected), t.projected), t.indicator)
      assert.are.equal(t.status_code, d.status)
      local cells, text = targets[i].cells, texts[i]
      assert.are.equal(text[3], cells[2])                       -- window
      assert.are.equal(in_vietnamese(text[4]), cells[3])        -- required
      assert.are.equal(text[5] == "" and "—" or in_vietnamese(text[5]), cells[4]) -- actual
      assert.are.equal(text[6] == "" and "—" or in_vietnamese(text[6]), cells[5]) -- projected
      assert.are.equal(text[7], cells[7])                       -- status
    end
    local statuses = {}
    for _, t in ipairs(status.targets) do statuses[t.status_code] = true end
    assert.is_true(statuses.on_track and statuses.off_track and statuses.no_data)
  end)

  it("shows the reporting rates and the overdue reports of planwatch status", function()
    local rates = rows_of(page, "rate")
    assert.are.equal(#status.rates, #rates)
    for i, s in ipairs(status.rates) do
      local d = rates[i].data
      assert.are.equal(s.unit, d.unit)
      assert.are.equal(s.expected, tonumber(d.expected))
      assert.are.equal(s.actual, tonumber(d.actual))
      assert.are.equal(s.on_time, tonumber(d["on-time"]))
    end
    local overdue = rows_of(page, "overdue")
    assert.is_true(#status.overdue > 0)
    assert.are.equal(#status.overdue, #overdue)
    for i, o in ipairs(status.overdue) do
      assert.are.same({ o.duty, o.unit, o.period, o.days_overdue },
        { overdue[i].data.duty, overdue[i].data.unit, overdue[i].data.period,
          tonumber(overdue[i].data.days) })
    end
  end)

  it("draws a chart per indicator, a timeliness heatmap per duty and the rates", function()
    -- 6 indicators with targets, 3 duties, the rates' bars, 8 progress bars
    assert.are.equal(6 + 3 + 1 + 8, page.svgs)
    for _, state in ipairs({ "đúng hạn", "nộp muộn", "chưa nộp, đã quá hạn", "chưa đến hạn" }) do
      assert.truthy(page.text:find(state, 1, true), state)
    end
  end)

  it("lists the data sources and labels illustrative values as such", function()
    local sources = rows_of(page, "source")
    assert.are.equal(1, #sources)
    assert.are.equal("minh họa (illustrative)", sources[1].cells[1])
    assert.are.equal(sources[1].data.values, sources[1].data.illustrative)
    assert.truthy(page.text:find("Báo cáo có số liệu minh họa, không phải số liệu thật", 1, true))
    assert.truthy(page.text:find("số liệu minh họa", 1, true))
  end)
end)

describe("planwatch report", function()
  after_each(H.cleanup)

  it("is in English with --lang en, with the same numbers", function()
    local db = demo_db()
    local _, page = html_report(db, "--lang", "en")
    local status = status_json(db, "--lang", "en")
    assert.are.equal("en", page.lang)
    assert.truthy(page.text:find("Progress report on Plan 114/KH-UBND", 1, true))
    local targets = rows_of(page, "target")
    for i, t in ipairs(status.targets) do
      assert.are.equal(t.status, targets[i].cells[7])
      assert.is_true(close(tonumber(targets[i].data.actual), t.actual))
    end
    assert.truthy(page.text:find("illustrative data", 1, true))
  end)

  it("--md writes the same facts as Markdown text", function()
    local db = demo_db()
    local path = H.tmpdir() .. "/report.md"
    local r = run(db, "report", "--md", path)
    assert.are.equal(0, r.code, r.err)
    assert.are.equal("", r.out)
    local md = H.read(path)
    assert.truthy(md:find("# Báo cáo tiến độ thực hiện Kế hoạch 114/KH-UBND", 1, true))
    for _, t in ipairs(status_target_texts(db)) do
      assert.truthy(md:find("| `" .. t[1] .. "` | " .. t[2], 1, true), t[1])
      if t[5] ~= "" then assert.truthy(md:find(" | " .. in_vietnamese(t[5]) .. " | ", 1, true), t[5]) end
    end
    local status = status_json(db)
    for _, t in ipairs(status.tasks) do assert.truthy(md:find(t.title, 1, true), t.title) end
    assert.truthy(md:find("## Báo cáo quá hạn (" .. #status.overdue .. ")", 1, true))
    assert.truthy(md:find("minh họa", 1, true))
  end)

  -- The sources of the demo's values made various: one source and no note
  -- for a whole indicator (an illustrative one, another, none), one source
  -- with notes, sources mixed within an indicator, illustrative by source
  -- (in capitals) and by note only.
  local VARIED_SOURCES = [[
    pw.exec("UPDATE indicator_values SET source = 'Sở Thông tin', note = NULL WHERE indicator = 'DN_CONG_NGHE_SO'")
    pw.exec("UPDATE indicator_values SET source = NULL, note = NULL WHERE indicator = 'NHOM_DNNVV_HO_TRO'")
    pw.exec("UPDATE indicator_values SET note = NULL WHERE indicator = 'DN_XAY_LAP_THI_DIEM'")
    pw.exec("UPDATE indicator_values SET source = 'Sở KH&ĐT', note = NULL WHERE indicator = 'DN_UNG_DUNG_CNS'")
    pw.exec("UPDATE indicator_values SET note = 'MINH HOẠ' WHERE indicator = 'DN_UNG_DUNG_CNS' AND year = 2022")
    pw.exec("UPDATE indicator_values SET source = 'Cục Thống kê', note = NULL WHERE indicator = 'GRDP' AND year >= 2022")
    pw.exec("UPDATE indicator_values SET source = 'Cục Thống kê', note = NULL WHERE indicator = 'LAO_DONG' AND year IN (2022, 2024)")
    pw.exec("UPDATE indicator_values SET source = 'ILLUSTRATIVE run', note = NULL WHERE indicator = 'LAO_DONG' AND year = 2021")
    pw.exec("UPDATE indicator_values SET source = NULL WHERE indicator = 'LAO_DONG' AND year = 2023")
    return 0]]

  -- The data sources as one GROUP BY source over every value finds them.
  local GROUPED = [=[
    local terms, params = {}, {}
    for i, w in ipairs(require("report_facts").ILLUSTRATIVE) do
      params["w" .. i] = "%" .. w .. "%"
      terms[i] = string.format("source LIKE :w%d OR note LIKE :w%d", i, i)
    end
    local cond = "(" .. table.concat(terms, " OR ") .. ")"
    local list = pw.sql([[SELECT source, count(*) AS "values", count(DISTINCT indicator) AS indicators,
        min(year) AS first, max(year) AS last,
        sum(CASE WHEN ]] .. cond .. [[ THEN 1 ELSE 0 END) AS illustrative
      FROM indicator_values GROUP BY source ORDER BY "values" DESC, source]], params)
    local by_indicator = {}
    for _, r in ipairs(pw.sql("SELECT indicator, count(*) AS n FROM indicator_values WHERE "
        .. cond .. " GROUP BY indicator", params)) do
      by_indicator[r.indicator] = r.n
    end
    return { values = list, illustrative = by_indicator }]=]

  it("counts the values of each source, and the illustrative ones, as one GROUP BY source does", function()
    local db = demo_db()
    local r = H.run({ "--db", db, "--write", "-e", VARIED_SOURCES })
    assert(r.code == 0, r.err)
    local got = S.eval(db, 'return require("report_facts").sources()')
    local want = S.eval(db, GROUPED)
    assert.are.same(want.values, got.values)
    assert.are.same(want.illustrative, got.illustrative)
    local seen = {}
    for i, s in ipairs(got.values) do
      seen[i] = { s.source or "-", s.values, s.indicators, s.illustrative }
    end
    assert.are.same({
      { "minh họa (illustrative)", 15, 4, 15 },
      { "-", 5, 2, 1 },
      { "Cục Thống kê", 5, 2, 0 },
      { "Sở KH&ĐT", 4, 1, 1 },
      { "Sở Thông tin", 4, 1, 0 },
      { "ILLUSTRATIVE run", 1, 1, 1 },
    }, seen)
    assert.are.same({ GRDP = 2, LAO_DONG = 3, DN_DU_AN_DIEM = 8, DN_XAY_LAP_THI_DIEM = 4,
      DN_UNG_DUNG_CNS = 1 }, got.illustrative)
    local _, page = html_report(db)
    local rows = rows_of(page, "source")
    assert.are.equal(#seen, #rows)
    for i, s in ipairs(seen) do
      assert.are.equal(s[2], tonumber(rows[i].data.values))
      assert.are.equal(s[4], tonumber(rows[i].data.illustrative))
    end
  end)

  it("prints the Markdown on standard output without --html or --md", function()
    local db = H.yenbai_db()
    local r = run(db, "report")
    assert.are.equal(0, r.code, r.err)
    assert.truthy(r.out:find("## Chỉ tiêu", 1, true))
  end)

  it("says so when the database holds no values, and labels nothing illustrative", function()
    local db = H.yenbai_db()
    local raw, page = html_report(db)
    assert.truthy(page.text:find("Cơ sở dữ liệu chưa có giá trị chỉ tiêu nào", 1, true))
    assert.is_nil(raw:find("minh họa", 1, true))
    for _, r in ipairs(rows_of(page, "target")) do assert.are.equal("no_data", r.data.status) end
    assert.are.equal(8, #rows_of(page, "target"))
  end)

  it("says so when no plan is loaded, with exit status 1", function()
    local r = run(H.new_db(), "report")
    assert.are.equal(1, r.code)
    assert.truthy(r.err:find("planwatch load", 1, true))
  end)

  it("refuses an option it does not take", function()
    local r = run(H.yenbai_db(), "report", "--pdf", "x.pdf")
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("không có tùy chọn --pdf", 1, true), r.err)
    r = run(H.yenbai_db(), "--lang", "en", "report", "--pdf", "x.pdf")
    assert.truthy(r.err:find("unknown option --pdf", 1, true), r.err)
  end)
end)

describe("planwatch report with hostile names", function()
  after_each(H.cleanup)

  local UNIT = [[<script>alert("x")</script> & Co]]
  local INDICATOR = [[<img src=x onerror=alert(1)> 'quoted']]
  local TASK = [[Task with <b>markup</b> & an &amp; entity]]

  local function hostile_db()
    local db = demo_db()
    local r = H.run({ "--db", db, "--write", "-e", [[
      pw.exec("UPDATE units SET name = ? WHERE code = 'SCT'", pw.args[1])
      pw.exec("UPDATE indicators SET name = ? WHERE code = 'DN_DU_AN_DIEM'", pw.args[2])
      pw.exec("UPDATE tasks SET title = ? WHERE no = 7", pw.args[3])
      return 0]], UNIT, INDICATOR, TASK })
    assert(r.code == 0, r.err)
    return db
  end

  it("shows them as text in the HTML: the page stays well-formed and runs nothing", function()
    local raw, page = html_report(hostile_db())
    assert.is_nil(raw:find("<script", 1, true))
    assert.is_nil(raw:find("<img", 1, true))
    assert.is_nil(raw:find("<b>markup", 1, true))
    assert.truthy(raw:find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co", 1, true))
    assert.truthy(page.text:find(UNIT, 1, true))
    assert.truthy(page.text:find(INDICATOR, 1, true))
    assert.truthy(page.text:find(TASK, 1, true))
  end)

  it("shows them as text in the Markdown", function()
    local path = H.tmpdir() .. "/report.md"
    local r = run(hostile_db(), "report", "--md", path)
    assert.are.equal(0, r.code, r.err)
    local md = H.read(path)
    assert.is_nil(md:find("[^\\]<script"))
    assert.is_nil(md:find("[^\\]<b>"))
    assert.truthy(md:find([[\<script>alert("x")\</script> & Co]], 1, true))
    assert.truthy(md:find([[\<b>markup\</b> & an \&amp; entity]], 1, true))
  end)
end)

describe("pw.chart", function()
  after_each(H.cleanup)

  local function chart(code)
    local r = H.run({ "--db", H.new_db(), "-e", code })
    return r
  end

  it("line, bar, heatmap and progress each return one well-formed <svg>", function()
    local r = chart([[return table.concat({ "<all>",
      pw.chart.line{ title = "GRDP", series = {
        { label = "actual", points = { { period = "2023", value = 10 }, { period = "2024", value = 12 } } },
        { label = "target", dash = true, points = { { x = 2022, y = 9 }, { x = 2025, y = 15 } } } },
        bands = { { x0 = 2022, x1 = 2025, y0 = 11, y1 = 13, label = "range" } } },
      pw.chart.bar{ bars = { { label = "A", value = 3 }, { label = "B", values = { 1, 2 } } },
        series = { { label = "on time" }, { label = "late" } } },
      pw.chart.heatmap{ rows = { "r1", "r2" }, cols = { "2024", "2025" },
        cells = { { "ok", "late" }, { "ok" } },
        scale = { { key = "ok", label = "on time", color = "#16a34a", mark = "✓" },
                  { key = "late", label = "late", color = "#f59e0b" } } },
      pw.chart.progress{ value = 0.4, marker = 0.7 },
      "</all>" })]])
    assert.are.equal(0, r.code, r.err)
    assert.is_true(well_formed(r.out))
    assert.are.equal(4, select(2, r.out:gsub("<svg ", "")))
    assert.truthy(r.out:find("<polyline", 1, true))
  end)

  it("labels values beyond the integers (1e20, 1e300) without failing", function()
    local r = chart([[return pw.chart.line{ title = "big", series = {
        { label = "v", points = { { x = 2024, y = 1e20 }, { x = 2025, y = 1e300 } } } } }
      .. pw.chart.bar{ bars = { { label = "A", value = 1e20 } } }]])
    assert.are.equal(0, r.code, r.err)
    assert.is_true(well_formed("<all>" .. r.out .. "</all>"))
    assert.truthy(r.out:find("100000000000000000000", 1, true), r.out)
  end)

  it("escapes every text it draws", function()
    local r = chart([[return pw.chart.line{ title = "<t>", series = {
      { label = [[a<b & "c"]] .. "]]" .. [[, points = { { x = 1, y = 2 }, { x = 2, y = 3 } } } } }
      .. pw.chart.heatmap{ rows = { "<script>x</script>" }, cols = { "&" }, cells = { { "k" } },
        scale = { { key = "k", label = "<k>", color = "#000" } } }]])
    assert.are.equal(0, r.code, r.err)
    assert.is_nil(r.out:find("<script", 1, true))
    assert.is_nil(r.out:find("<t>", 1, true))
    assert.truthy(r.out:find("a&lt;b &amp; &quot;c&quot;", 1, true))
    assert.truthy(r.out:find("&lt;script&gt;x&lt;/script&gt;", 1, true))
    assert.is_true(well_formed("<all>" .. r.out .. "</all>"))
  end)

  it("refuses an unknown option or a heatmap key with no colour, naming it", function()
    local r = chart('return pw.chart.line{ series = {}, colour = "red" }')
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("chart.line: unknown option 'colour'", 1, true))
    r = chart([[return pw.chart.heatmap{ rows = { "a" }, cols = { "b" }, cells = { { "x" } },
      scale = { { key = "y", label = "y", color = "#000" } } }]])
    assert.are.equal(2, r.code)
    assert.truthy(r.err:find("chart.heatmap: no colour for key 'x'", 1, true))
  end)
end)
