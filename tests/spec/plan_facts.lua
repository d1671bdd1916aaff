-- The facts of the Quảng Trị plan text (tests/fixtures/plans/ke-hoach-62-
-- KH-UBND-quang-tri-2021.txt), written from the text itself, and how a
-- loaded draft of it compares: each fact is right, wrong or missing, and
-- flagged when the import marked its line of the text for review.
--
-- Units are found by the name or alias the text gives them, never by a
-- code the importer makes up; targets by their value and last year; tasks
-- by their number; duties by their recipients and deadline.
local F = {}

-- Header: field = { value, line }.
F.HEADER = {
  number = { "62/KH-UBND", 10 }, issued = { "2021-04-19", 12 },
  issuer = { "Ủy ban nhân dân tỉnh Quảng Trị", 1 }, basis = { "2117/QĐ-TTg", 20 },
  span = { "2021/2025", 16 }, place = { "Quảng Trị", 12 }, signer = { "Hoàng Nam Phong", 111 },
  title = { "Kế hoạch phát triển khoa học, công nghệ và đổi mới sáng tạo giai đoạn 2021-2025 " ..
            "trên địa bàn tỉnh Quảng Trị", 16 },
}

-- Units the text names: { name, kind, line }.
F.UNITS = {
  { "Ủy ban nhân dân tỉnh Quảng Trị", "province", 1 },
  { "Thủ tướng Chính phủ", "national", 20 },
  { "Sở Khoa học và Công nghệ", "department", 76 },
  { "Bộ Khoa học và Công nghệ", "ministry", 78 },
  { "Sở Tài chính", "department", 80 },
  { "Đại học Huế", "university", 84 },
  { "Viện Nghiên cứu Khoa học miền Trung", "institute", 84 },
  { "Báo Quảng Trị", "press", 84 },
  { "Ủy ban nhân dân các huyện, thị xã và thành phố Đông Hà", "group", 92 },
  { "Đài Phát thanh và Truyền hình tỉnh", "press", 136 },
  { "Sở Kế hoạch và Đầu tư", "department", 148 },
  { "Sở Thông tin và Truyền thông", "department", 156 },
  { "Sở Công Thương", "department", 158 },
  { "Sở Giáo dục và Đào tạo", "department", 166 },
  { "Sở Lao động - Thương binh và Xã hội", "department", 168 },
  { "Hiệp hội doanh nghiệp tỉnh", "association", 188 },
}

-- Goals: { start of the text, kind, by, line }.
F.GOALS = {
  { "Phát triển khoa học, công nghệ và đổi mới sáng tạo thành động lực", "general", nil, 28 },
  { "Hình thành hệ sinh thái khởi nghiệp", "general", nil, 30 },
  { "Tỷ lệ doanh nghiệp ứng dụng công nghệ số", "specific", 2023, 36 },
  { "Hỗ trợ tối thiểu 30 doanh nghiệp", "specific", 2023, 38 },
  { "Tốc độ tăng năng suất lao động bình quân", "specific", 2025, 42 },
  { "Tỷ trọng giá trị sản phẩm công nghệ cao", "specific", 2025, 44 },
  { "Có ít nhất 5 tổ chức", "specific", 2025, 46 },
  { "Phát triển không dưới 12 doanh nghiệp", "specific", 2025, 48 },
  { "Tỷ lệ hồ sơ thủ tục hành chính", "specific", 2025, 50 },
  { "Tỷ lệ doanh nghiệp sử dụng thiết bị", "specific", 2025, 52 },
  { "Số nhiệm vụ khoa học và công nghệ cấp tỉnh", "specific", 2025, 54 },
}

-- Targets: value (or {low, high}), op, window, rule, and for some what
-- the indicator's name holds, the tolerance, that it measures growth.
F.TARGETS = {
  { value = 45, op = "~", window = "2021/2023", rule = "last", tolerance = 2.25,
    name = "ứng dụng công nghệ số", line = 36 },
  { value = 30, op = ">=", window = "2021/2023", rule = "sum", line = 38 },
  { value = 7, op = ">", window = "2021/2025", rule = "cagr", of = true, line = 42 },
  { value = { 8, 10 }, op = "between", window = "2021/2025", rule = "last", line = 44 },
  { value = 5, op = ">=", window = "2021/2025", rule = "sum", line = 46 },
  { value = 12, op = ">=", window = "2021/2025", rule = "sum", line = 48 },
  { value = 2, op = "<=", window = "2021/2025", rule = "last", line = 50 },
  { value = 20, op = "<", window = "2021/2025", rule = "last", line = 52 },
  { value = 5, op = "<=", window = "2021/2025", rule = "sum", line = 54 },
}

-- Tasks by number: lead (name), when, coordinating units (names, or "*"),
-- how many items, and the lines of its row.
local DISTRICTS = "Ủy ban nhân dân các huyện, thị xã và thành phố Đông Hà"
F.TASKS = {
  { lead = "Sở Khoa học và Công nghệ", when = "2021-Q2",
    support = { "Báo Quảng Trị", "Đài Phát thanh và Truyền hình tỉnh" }, lines = { 128, 136 } },
  { lead = "Sở Khoa học và Công nghệ", when = "2022-H1",
    support = { "Sở Tài chính", "Sở Kế hoạch và Đầu tư" }, items = 2, lines = { 138, 148 } },
  { lead = "Sở Thông tin và Truyền thông", when = "2021/2025",
    support = { "Sở Công Thương", DISTRICTS }, lines = { 150, 158 } },
  { lead = "Sở Giáo dục và Đào tạo", when = "annual",
    support = { "Đại học Huế", "Sở Lao động - Thương binh và Xã hội" }, lines = { 160, 168 } },
  { lead = "Sở Thông tin và Truyền thông", when = "2021-Q3/2023-Q2",
    support = { "Viện Nghiên cứu Khoa học miền Trung" }, lines = { 170, 178 } },
  { lead = "Sở Khoa học và Công nghệ", when = "2024-09",
    support = { "Sở Công Thương", "Hiệp hội doanh nghiệp tỉnh" }, lines = { 180, 188 } },
  { lead = "Sở Khoa học và Công nghệ", when = "2025-Q4", support = "*", lines = { 190, 198 } },
}

-- Duties: recipients (names), deadline (MM-DD), frequency, who reports
-- (names; "departments" stands for the departments the text leaves
-- unnamed: any unit of kind department or board), and the lines.
F.DUTIES = {
  { to = { "Ủy ban nhân dân tỉnh Quảng Trị", "Bộ Khoa học và Công nghệ" }, due = "11-30",
    every = "year", from = { "Sở Khoa học và Công nghệ" }, lines = { 78 } },
  { to = { "Sở Khoa học và Công nghệ" }, due = "06-15", every = "year",
    from = { DISTRICTS, "departments" }, lines = { 88, 90, 92, 94 } },
  { to = { "Sở Khoa học và Công nghệ" }, due = "11-15", every = "year",
    from = { DISTRICTS, "departments" }, lines = { 88, 90, 92, 94 } },
}

-- Dates and numbers no duty or target uses, which the summary must list.
F.UNUSED = { { "15/7", 82 } }

---------------------------------------------------------------------------
-- Comparing
---------------------------------------------------------------------------

-- A counter of facts per kind: right, wrong, missing, and how many of the
-- wrong and missing were flagged.
local function counter()
  local c = {}
  local function kind(k)
    c[k] = c[k] or { right = 0, wrong = 0, missing = 0, flagged = 0, unflagged = {} }
    return c[k]
  end
  return c, function(k, state, flagged, what)
    local e = kind(k)
    e[state] = e[state] + 1
    if state ~= "right" then
      if flagged then e.flagged = e.flagged + 1
      else e.unflagged[#e.unflagged + 1] = state .. ": " .. what end
    end
  end
end

local function set_of(list)
  local t = {}
  for _, v in ipairs(list) do t[v] = true end
  return t
end

local function same_set(a, b)
  local sa, sb = set_of(a), set_of(b)
  for k in pairs(sa) do if not sb[k] then return false end end
  for k in pairs(sb) do if not sa[k] then return false end end
  return true
end

-- Compare a loaded draft with the facts. db: { sql = function(query, ...)
-- -> rows }; flagged(lines): whether any of these lines of the text was
-- marked for review; summary: what import-plan printed. Returns the
-- counts per kind.
function F.compare(db, flagged, summary)
  local counts, count = counter()
  local units, code_of, name_of = {}, {}, {}
  for _, u in ipairs(db.sql("SELECT code, name, kind, members FROM units WHERE retired_at IS NULL")) do
    units[u.code] = u
    code_of[u.name] = u.code
    name_of[u.code] = u.name
  end
  for _, a in ipairs(db.sql("SELECT alias, unit FROM unit_aliases")) do
    code_of[a.alias] = code_of[a.alias] or a.unit
  end
  local function names(codes)
    local out = {}
    for i, c in ipairs(codes) do out[i] = name_of[c] or c end
    return out
  end

  local plan = db.sql("SELECT * FROM plans")[1]
  for field, want in pairs(F.HEADER) do
    local got = plan[field]
    if field == "span" then got = plan.span_from .. "/" .. plan.span_to end
    if field == "issuer" then got = name_of[plan.issuer] end
    local state = got == nil and "missing" or got == want[1] and "right" or "wrong"
    count("header", state, flagged({ want[2] }), field .. " " .. tostring(got))
  end

  for _, w in ipairs(F.UNITS) do
    local code = code_of[w[1]]
    local state = not code and "missing" or units[code].kind == w[2] and "right" or "wrong"
    count("units", state, flagged({ w[3] }), w[1] .. (code and (" " .. units[code].kind) or ""))
  end

  local goals = db.sql("SELECT kind, by_year, text FROM goals WHERE retired_at IS NULL")
  for _, w in ipairs(F.GOALS) do
    local got
    for _, g in ipairs(goals) do
      if g.text:sub(1, #w[1]) == w[1] then got = g end
    end
    local state = not got and "missing" or (got.kind == w[2] and got.by_year == w[3]) and "right" or "wrong"
    count("goals", state, flagged({ w[4] }), w[1])
  end

  local targets = db.sql([[SELECT t.window_from, t.window_to, t.op, t.value, t.value_high,
      t.tolerance, i.rule, i.of, i.name FROM targets t JOIN indicators i ON i.code = t.indicator
    WHERE t.retired_at IS NULL]])
  for _, w in ipairs(F.TARGETS) do
    local lo = type(w.value) == "table" and w.value[1] or w.value
    local hi = type(w.value) == "table" and w.value[2] or nil
    local to = tonumber(w.window:sub(6))
    local got
    for pass = 1, 2 do -- the same op first: two targets may share a value
      for _, t in ipairs(targets) do
        if not got and not t.taken and t.value == lo and (hi == nil or t.value_high == hi)
            and t.window_to == to and (pass == 2 or t.op == w.op) then
          got, t.taken = t, true
        end
      end
    end
    local what = string.format("%s %s %s", w.op, tostring(lo), w.window)
    local fl = flagged({ w.line })
    if not got then
      count("targets", "missing", fl, what)
    else
      count("targets", got.op == w.op and "right" or "wrong", fl, what .. " op " .. got.op)
      count("targets", got.window_from .. "/" .. got.window_to == w.window and "right" or "wrong", fl,
            what .. " window")
      count("targets", got.rule == w.rule and "right" or "wrong", fl, what .. " rule " .. got.rule)
      if w.tolerance then
        count("targets", got.tolerance and math.abs(got.tolerance - w.tolerance) < 1e-9
              and "right" or "wrong", fl, what .. " tolerance")
      end
      if w.of then count("targets", got.of and "right" or "wrong", fl, what .. " of") end
      if w.name then
        count("targets", got.name:find(w.name, 1, true) and "right" or "wrong", fl,
              what .. " name " .. got.name)
      end
    end
  end

  local tasks = {}
  for _, t in ipairs(db.sql([[SELECT * FROM tasks WHERE retired_at IS NULL]])) do tasks[t.no] = t end
  local support = {}
  for _, r in ipairs(db.sql("SELECT task_no, unit FROM task_units WHERE role = 'support'")) do
    support[r.task_no] = support[r.task_no] or {}
    table.insert(support[r.task_no], r.unit)
  end
  for no, w in ipairs(F.TASKS) do
    local t, fl = tasks[no], flagged(w.lines)
    if not t then
      count("tasks", "missing", fl, "task " .. no)
    else
      count("tasks", name_of[t.lead] == w.lead and "right" or "wrong", fl, "task " .. no .. " lead")
      local when
      if t.annual == 1 then when = "annual"
      elseif t.from_period then
        when = t.from_period == t.to_period and t.from_period or (t.from_period .. "/" .. t.to_period)
      else
        when = t.from_year == t.to_year and tostring(t.from_year) or (t.from_year .. "/" .. t.to_year)
      end
      count("tasks", when == w.when and "right" or "wrong", fl, "task " .. no .. " when " .. when)
      local ok
      if w.support == "*" then ok = t.support_all == 1
      else ok = t.support_all == 0 and same_set(names(support[no] or {}), w.support) end
      count("tasks", ok and "right" or "wrong", fl, "task " .. no .. " support")
      if w.items then
        local n = t.items and select(2, t.items:gsub('","', "")) + 1 or 0
        count("tasks", n == w.items and "right" or "wrong", fl, "task " .. no .. " items")
      end
    end
  end

  local duties = {}
  for _, d in ipairs(db.sql([[SELECT code, unit, to_unit, every, due_day FROM duties
      WHERE retired_at IS NULL ORDER BY code, unit]])) do
    local e = duties[d.code]
    if not e then
      local ok, to = pcall(function()
        return db.sql("SELECT to_units FROM duties WHERE code = ? LIMIT 1", d.code)[1].to_units
      end)
      local list = { d.to_unit }
      if ok and to then
        list = {}
        for c in to:gmatch('"([^"]+)"') do list[#list + 1] = c end
      end
      e = { to = names(list), every = d.every, due = d.due_day, from = {} }
      duties[d.code] = e
    end
    e.from[#e.from + 1] = d.unit
  end
  for _, w in ipairs(F.DUTIES) do
    local got
    for _, d in pairs(duties) do
      if same_set(d.to, w.to) and d.due and d.due:find(w.due, 1, true) then got = d end
    end
    local fl, what = flagged(w.lines), "duty to " .. table.concat(w.to, ", ") .. " by " .. w.due
    if not got then
      count("duties", "missing", fl, what)
    else
      count("duties", "right", fl, what .. " recipients")
      count("duties", "right", fl, what .. " deadline")
      count("duties", got.every == w.every and "right" or "wrong", fl, what .. " every")
      local want, any = {}, false
      for _, n in ipairs(w.from) do
        if n == "departments" then any = true else want[#want + 1] = n end
      end
      local ok, seen = true, {}
      for _, c in ipairs(got.from) do
        local u = units[c]
        seen[name_of[c]] = true
        if not set_of(want)[name_of[c]] and not (any and u and (u.kind == "department" or u.kind == "board")) then
          ok = false
        end
      end
      for _, n in ipairs(want) do if not seen[n] then ok = false end end
      count("duties", ok and "right" or "wrong", fl, what .. " from")
    end
  end

  for _, w in ipairs(F.UNUSED) do
    local listed = summary:find(":" .. w[2] .. ": REVIEW: ", 1, true)
      and summary:find(w[1], 1, true)
    count("unused", listed and "right" or "missing", flagged({ w[2] }), w[1])
  end
  return counts
end

-- The counts as lines: "kind: right R, wrong W, missing M, flagged F".
function F.format(counts)
  local kinds, lines = {}, {}
  for k in pairs(counts) do kinds[#kinds + 1] = k end
  table.sort(kinds)
  for _, k in ipairs(kinds) do
    local c = counts[k]
    lines[#lines + 1] = string.format("%-8s right %2d, wrong %2d, missing %2d, flagged %2d", k,
      c.right, c.wrong, c.missing, c.flagged)
  end
  return table.concat(lines, "\n")
end

return F
