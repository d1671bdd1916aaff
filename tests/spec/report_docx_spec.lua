-- planwatch report --docx: the yearly implementation report as an official
-- document, read back with Debian's python3-docx.
local H = require "helper"
local S = require "support"
local dkjson = require "dkjson"

local TODAY, PERIOD = "2024-12-20", 2024

local function dump(path)
  local out = path .. ".json"
  local code = H.sh("/usr/bin/python3 " .. H.quote(H.root .. "/tests/spec/docx_dump.py") .. " "
    .. H.quote(path) .. " > " .. H.quote(out))
  assert(code == 0, "python-docx could not read " .. path)
  return assert(dkjson.decode(H.read(out)))
end

-- A database with Plan 114, the illustrative values and receipts, and one
-- report received with its document's reference.
local function demo_db()
  local dir = H.tmpdir()
  local db = dir .. "/pw.db"
  assert(H.run({ "--db", db, "init" }).code == 0)
  assert(S.load(db, S.PACKAGE).code == 0)
  assert(H.run({ "--db", db, "--write", "run", H.root .. "/tests/browser/demo.lua" }).code == 0)
  local r = H.run({ "--db", db, "--today", TODAY, "submit", "SCT", "BC_DONVI_KH114", "2024",
    "--at", "2024-12-16", "--ref", "123/SCT-KHTC", "--ref-date", "2024-12-10",
    "--summary", "Đã hỗ trợ 2 doanh nghiệp" })
  assert(r.code == 0, r.err)
  return db, dir
end

local function report(db, path, ...)
  local args = { "--db", db, "--plugins", H.root .. "/plugins", "--today", TODAY, ... }
  args[#args + 1] = "report"
  args[#args + 1] = "--docx"
  args[#args + 1] = path
  return H.run(args)
end

local function status(db, today, lang)
  local r = H.run({ "--db", db, "--plugins", H.root .. "/plugins", "--today", today, "--lang", lang,
    "--format", "json", "status" })
  assert(r.code == 0, r.err)
  return assert(dkjson.decode(r.out))
end

-- A number as the document writes it, read back.
local function parse(s, lang)
  if s == "—" then return nil end
  s = s:gsub(" %%$", ""):gsub("^%+", ""):gsub("^−", "-")
  if lang == "en" then s = s:gsub(",", "") else s = s:gsub("%.", ""):gsub(",", ".") end
  return assert(tonumber(s), "not a number: " .. s)
end

local function round2(v) return v and math.floor(v * 100 + 0.5) / 100 end

local function find_table(d, first_header, columns)
  for _, t in ipairs(d.tables) do
    if t.rows[1][1] == first_header and #t.rows[1] == columns then return t end
  end
end

local function texts(d)
  local all = {}
  for _, p in ipairs(d.paragraphs) do all[#all + 1] = p.text end
  return table.concat(all, "\n")
end

describe("report --docx", function()
  local db, dir
  setup(function() db, dir = demo_db() end)
  teardown(H.cleanup)

  for _, lang in ipairs({ "vi", "en" }) do
    describe("in " .. lang, function()
      local d, st, prev
      setup(function()
        local path = dir .. "/report-" .. lang .. ".docx"
        local r = report(db, path, "--lang", lang)
        assert(r.code == 0, r.err)
        d = dump(path)
        st = status(db, TODAY, lang)
        prev = status(db, (PERIOD - 1) .. "-12-31", lang)
      end)

      it("is an A4 page with the decree's margins, Times New Roman and no page number on page 1", function()
        assert.is_nil(d.bad_member)
        assert.is_true(math.abs(d.page.width_mm - 210) < 0.5 and math.abs(d.page.height_mm - 297) < 0.5)
        assert.is_true(d.page.top_mm >= 20 and d.page.top_mm <= 25)
        assert.is_true(d.page.bottom_mm >= 20 and d.page.bottom_mm <= 25)
        assert.is_true(d.page.left_mm >= 30 and d.page.left_mm <= 35)
        assert.is_true(d.page.right_mm >= 15 and d.page.right_mm <= 20)
        assert.equal("Times New Roman", d.doc_default_font)
        assert.is_true(d.doc_default_size_pt >= 13 and d.doc_default_size_pt <= 14)
        assert.is_true(d.different_first_page)
        assert.is_true(d.header_xml_has_page_field)
        assert.equal("", d.first_header_text)
      end)

      it("has the header block, the title, the sections, Nơi nhận and the signer", function()
        local layout = d.tables[1]
        assert.equal("PW Layout", layout.style)
        local left, right = layout.rows[1][1], layout.rows[1][2]
        assert.truthy(left:find(lang == "en" and "Department of Science and Technology"
          or "Sở Khoa học và Công nghệ", 1, true))
        assert.truthy(left:find("…/BC-SKHCN", 1, true))
        assert.truthy(right:find(lang == "en" and "SOCIALIST REPUBLIC OF VIETNAM"
          or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, true))
        assert.truthy(right:find(lang == "en" and "Yên Bái, 20 December 2024"
          or "Yên Bái, ngày 20 tháng 12 năm 2024", 1, true))
        local styles = {}
        for _, p in ipairs(d.paragraphs) do styles[p.style] = (styles[p.style] or 0) + 1 end
        assert.equal(1, styles.Title)
        assert.equal(1, styles.Subtitle)
        assert.equal(4, styles["Heading 1"])
        assert.truthy(d.styles["Heading 1"] and d.styles["PW Table"])
        assert.truthy(d.title:find("114/KH-UBND", 1, true))
        local sign = d.tables[4].rows[1]
        assert.truthy(sign[1]:find(lang == "en" and "Recipients:" or "Nơi nhận:", 1, true))
        assert.truthy(sign[2]:find(lang == "en" and "DIRECTOR" or "GIÁM ĐỐC", 1, true))
      end)

      it("fills the targets table with the numbers status --format json shows that day", function()
        local t = assert(find_table(d, lang == "en" and "No." or "TT", 8), "appendix I")
        assert.equal(#st.targets + 1, #t.rows)
        for i, target in ipairs(st.targets) do
          local row = t.rows[i + 1]
          assert.equal(target.name, row[2])
          assert.equal(round2(target.actual), parse(row[5], lang))
          assert.equal(round2(target.projected), parse(row[7], lang))
          assert.equal(target.status, row[8])
          local before = prev.targets[i].actual
          local change = (target.actual and before) and round2(target.actual - before) or nil
          assert.equal(change, parse(row[6], lang))
        end
      end)

      it("lists the tasks by lead unit with their state", function()
        local t = assert(find_table(d, lang == "en" and "No." or "TT", 5))
        assert.equal(#st.tasks + 1, #t.rows)
        local by_no = {}
        for _, task in ipairs(st.tasks) do by_no[tostring(task.no)] = task end
        for i = 2, #t.rows do
          local task = by_no[t.rows[i][1]]
          assert.equal(task.title, t.rows[i][2])
          assert.equal(task.lead_name, t.rows[i][4])
          assert.equal(task.status, t.rows[i][5])
        end
      end)

      it("shows each unit's report for the period, the overdue ones as status does, citing what was sent", function()
        local t = assert(find_table(d, lang == "en" and "No." or "TT", 8) and d.tables[#d.tables])
        local missing = {}
        for _, o in ipairs(st.overdue) do
          if o.period == tostring(PERIOD) and o.duty == "BC_DONVI_KH114" then missing[o.unit_name] = true end
        end
        local n = 0
        for i = 2, #t.rows do
          local row = t.rows[i]
          local overdue = row[8] == (lang == "en" and "not sent, overdue" or "chưa gửi, đã quá hạn")
          assert.equal(missing[row[2]] == true, overdue)
          if overdue then n = n + 1 end
        end
        local expected = 0
        for _ in pairs(missing) do expected = expected + 1 end
        assert.is_true(expected > 0)
        assert.equal(expected, n)
        local body = texts(d)
        assert.truthy(body:find(lang == "en" and "letter No. 123/SCT-KHTC of 2024-12-10"
          or "Công văn số 123/SCT-KHTC ngày 10/12/2024", 1, true))
        assert.truthy(body:find("Đã hỗ trợ 2 doanh nghiệp", 1, true))
      end)

      it("prefills the shortcomings and leaves marked placeholders for the writer", function()
        local body = texts(d)
        for _, o in ipairs(st.overdue) do
          assert.truthy(body:find(o.unit_name, 1, true))
        end
        for _, target in ipairs(st.targets) do
          if target.status_code == "off_track" then assert.truthy(body:find("“" .. target.name .. "”", 1, true)) end
        end
        local marked = 0
        for _, p in ipairs(d.paragraphs) do
          for _, s in ipairs(p.run_styles) do
            if s == "PW Placeholder" then
              marked = marked + 1
              assert.truthy(p.text:find("^%[.*%]$"))
            end
          end
        end
        assert.is_true(marked >= 5)
      end)
    end)
  end

  it("writes numbers and dates the Vietnamese way in Vietnamese", function()
    local path = dir .. "/vi.docx"
    assert.equal(0, report(db, path).code)
    local body = texts(dump(path))
    assert.truthy(body:find("11/05/2021", 1, true))
    local st = status(db, TODAY, "vi")
    local pct
    for _, t in ipairs(st.targets) do
      if t.measure:find("%", 1, true) and t.actual then pct = t end
    end
    local want = string.format("%.2f", pct.actual):gsub("0+$", ""):gsub("%.$", ""):gsub("%.", ",") .. " %"
    local found = false
    for _, t in ipairs(dump(path).tables) do
      for _, row in ipairs(t.rows) do if row[5] == want then found = true end end
    end
    assert.is_true(found, want)
  end)

  it("covers an earlier year with the figures of its 31 December", function()
    local path = dir .. "/2023.docx"
    local r = report(db, path, "--lang", "en")
    assert.equal(0, r.code)
    r = H.run({ "--db", db, "--plugins", H.root .. "/plugins", "--today", TODAY, "--lang", "en",
      "report", "--docx", path, "--period", "2023" })
    assert.equal(0, r.code, r.err)
    local d = dump(path)
    local st = status(db, "2023-12-31", "en")
    local t = assert(find_table(d, "No.", 8))
    for i, target in ipairs(st.targets) do
      assert.equal(round2(target.actual), parse(t.rows[i + 1][5], "en"))
    end
    assert.truthy(texts(d):find("Figures as of 2023-12-31", 1, true))
  end)

  it("refuses a year outside the plan, and --period without --docx", function()
    local r = report(db, dir .. "/x.docx", "--lang", "en")
    assert.equal(0, r.code)
    r = H.run({ "--db", db, "--today", TODAY, "report", "--docx", dir .. "/y.docx", "--period", "2019" })
    assert.equal(2, r.code)
    assert.truthy(r.err:find("--period: năm phải từ 2021 đến 2024", 1, true))
    assert.is_false(H.sh("test -e " .. H.quote(dir .. "/y.docx")) == 0)
    r = H.run({ "--db", db, "--today", TODAY, "report", "--period", "2024" })
    assert.equal(2, r.code)
  end)

  it("never writes through a symbolic link at the target, and names it", function()
    local victim, link = dir .. "/victim.txt", dir .. "/link.docx"
    H.write(victim, "keep me")
    assert.equal(0, H.sh("ln -s " .. H.quote(victim) .. " " .. H.quote(link)))
    local r = report(db, link, "--lang", "en")
    assert.equal(2, r.code)
    assert.truthy(r.err:find(link .. ": is a symbolic link", 1, true), r.err)
    assert.equal("keep me", H.read(victim))
  end)

  it("takes a plan package's own template instead of the default", function()
    local pkg = S.package({})
    H.sh("mkdir -p " .. H.quote(pkg .. "/templates/docx"))
    local styles = H.read(H.root .. "/scripts/templates/docx/styles.xml")
    styles = styles:gsub('<w:sz w:val="28"/><w:szCs w:val="28"/>\n      <w:lang', '<w:sz w:val="26"/><w:szCs w:val="26"/>\n      <w:lang', 1)
    H.write(pkg .. "/templates/docx/styles.xml", styles)
    local plugins = pkg:match("^(.*)/[^/]+$")
    local db2 = H.tmpdir() .. "/p.db"
    assert.equal(0, H.run({ "--db", db2, "init" }).code)
    assert.equal(0, S.load(db2, pkg).code)
    local path = dir .. "/restyled.docx"
    local r = H.run({ "--db", db2, "--plugins", plugins, "--today", TODAY, "report", "--docx", path })
    assert.equal(0, r.code, r.err)
    assert.equal(13, dump(path).doc_default_size_pt)
  end)
end)

describe("pw.zip_write", function()
  teardown(H.cleanup)

  it("writes only a file named on the command line, never the database", function()
    local dir = H.tmpdir()
    local db, out = dir .. "/z.db", dir .. "/a.zip"
    local code = 'return pw.zip_write(pw.args[1], { { name = "a.txt", data = "x" } })'
    local r = H.run({ "--db", db, "--write-to", out, "-e", code, out })
    assert.equal(0, r.code, r.err)
    assert.equal(0, H.sh("unzip -tq " .. H.quote(out) .. " >/dev/null"))
    r = H.run({ "--lang", "en", "--db", db, "--write-to", out, "-e",
      'return pw.zip_write("' .. dir .. '/b.zip", { { name = "a", data = "x" } })' })
    assert.equal(2, r.code)
    assert.truthy(r.err:find("command line names", 1, true), r.err)
    r = H.run({ "--lang", "en", "--db", db, "--write-to", db, "-e", code, db })
    assert.equal(2, r.code)
    assert.truthy(r.err:find(db, 1, true), r.err)
    assert.truthy(r.err:find("refused", 1, true), r.err)
    r = H.run({ "--db", db, "--write-to", out, "-e",
      'return pw.zip_write(pw.args[1], { { name = "../x", data = "" } })', out })
    assert.equal(2, r.code)
    local left = io.popen("ls -A " .. H.quote(dir)):read("a")
    assert.falsy(left:find("%.tmp"))
  end)
end)

describe("submissions carry the received document's reference", function()
  teardown(H.cleanup)

  it("from submit and from the CSV import, checked", function()
    local dir = H.tmpdir()
    local db = dir .. "/s.db"
    assert.equal(0, H.run({ "--db", db, "init" }).code)
    assert.equal(0, S.load(db, S.PACKAGE).code)
    local r = H.run({ "--db", db, "submit", "SCT", "BC_DONVI_KH114", "2024", "--at", "2024-12-16",
      "--ref", "123/SCT-KHTC", "--ref-date", "2024-12-20" })
    assert.equal(2, r.code)
    assert.truthy(r.err:find("--ref-date", 1, true))
    H.write(dir .. "/s.csv", "duty,unit,period,received_at,ref,ref_date,summary\n"
      .. "BC_DONVI_KH114,STC,2024,2024-12-18,45/STC-HCSN,2024-12-17,Tóm tắt\n")
    r = H.run({ "--db", db, "import", dir .. "/s.csv" })
    assert.equal(0, r.code, r.err)
    local row = S.sql(db, "SELECT ref, ref_date, summary FROM submissions WHERE unit = 'STC'")[1]
    assert.same({ ref = "45/STC-HCSN", ref_date = "2024-12-17", summary = "Tóm tắt" }, row)
    H.write(dir .. "/bad.csv", "duty,unit,period,received_at,ref_date\n"
      .. "BC_DONVI_KH114,SXD,2024,2024-12-18,2024-12-17\n")
    r = H.run({ "--db", db, "import", dir .. "/bad.csv" })
    assert.equal(2, r.code)
    assert.truthy(r.err:find("bad.csv:2: ref_date", 1, true))
  end)
end)
