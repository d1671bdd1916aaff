-- planwatch's benchmarks: lua5.4 tests/bench/bench.lua SIZE... (see
-- tests/bench/README.md; `make bench` runs it from the repository's root).
--
-- For each size (1.2M, 12M) it generates indicator values, then measures
-- planwatch beside its baselines on the same data, each measurement the
-- median of several runs taken in turn with its baseline (so that a slow
-- stretch of the machine hits both), wall time from the shell's clock and
-- peak memory from /usr/bin/time -v. Then, once: startup, reminders and
-- SMTP delivery. Prints one table of medians, ratios and goals; everything
-- it generates goes under build/bench and is removed at the end.
local queries = dofile("tests/bench/queries.lua")

local ROOT = os.getenv("PWD")
local DIR = ROOT .. "/build/bench"
local PW = ROOT .. "/build/planwatch"
local GEN = DIR .. "/gen"
local PY = "/usr/bin/python3"
local NODE_MODULES = DIR .. "/node_modules"
local DUCKDB_OK, DUCKDB_WHY -- set by main: duckdb_available()
local DUCKDB = "BENCH_NODE_MODULES=" .. NODE_MODULES .. " node " .. ROOT .. "/tests/bench/duckdb.js"
local INDICATORS, UNITS = 40, 5000
local TODAY = "2025-12-15"

local SIZES = {
  ["0.2M"] = { months = 1, runs = 3 }, -- a quick check of the bench itself
  ["1.2M"] = { months = 6, runs = 5 },
  ["12M"] = { months = 60, runs = 3 },
}

-- ---- shell ----

local function q(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

local function sh(cmd)
  local ok = os.execute(cmd)
  if not ok then error("failed: " .. cmd, 0) end
end

local function read(path)
  local f = io.open(path, "rb")
  if not f then return "" end
  local s = f:read("a")
  f:close()
  return s
end

local function log(fmt, ...)
  io.stderr:write(string.format(fmt, ...), "\n")
end

-- ---- measuring ----

local SCRATCH = DIR .. "/run"

-- Run cmd once (through sh, with env assignments in front): wall seconds,
-- peak RSS in KiB, exit status, standard output.
local function measure(cmd, out)
  local timed = string.format("date +%%s%%N > %s/t0; { %s; } > %s 2> %s/err;"
    .. " echo $? > %s/rc; date +%%s%%N > %s/t1", SCRATCH, cmd, out or (SCRATCH .. "/out"),
    SCRATCH, SCRATCH, SCRATCH)
  os.execute(string.format("/usr/bin/time -v -o %s/time sh -c %s", SCRATCH, q(timed)))
  local t0 = tonumber(read(SCRATCH .. "/t0"):match("%d+"))
  local t1 = tonumber(read(SCRATCH .. "/t1"):match("%d+"))
  local rss = tonumber(read(SCRATCH .. "/time"):match("Maximum resident set size %(kbytes%): (%d+)"))
  return { wall = (t1 - t0) / 1e9, rss = rss or 0,
           status = tonumber(read(SCRATCH .. "/rc"):match("%d+")),
           out = read(SCRATCH .. "/out"), err = read(SCRATCH .. "/err") }
end

local function median(list)
  local s = { table.unpack(list) }
  table.sort(s)
  local n = #s
  if n == 0 then return nil end
  if n % 2 == 1 then return s[(n + 1) // 2] end
  return (s[n // 2] + s[n // 2 + 1]) / 2
end

-- Run each variant { name, cmd, before = fn, check = fn(m), runs = n,
-- discard = true (standard output to /dev/null) }
-- runs times (or its own n), in turn; returns { [name] = { wall =, rss =,
-- last = m } } of medians.
local function interleave(variants, runs)
  local samples = {}
  for _, v in ipairs(variants) do samples[v.name] = { wall = {}, rss = {} } end
  local most = runs
  for _, v in ipairs(variants) do most = math.max(most, v.runs or runs) end
  for r = 1, most do
    for _, v in ipairs(variants) do
      if r > (v.runs or runs) then goto next end
      if v.before then v.before(r) end
      local m = measure(v.cmd, v.discard and "/dev/null")
      if m.status ~= 0 then
        error(string.format("%s failed (%s):\n%s", v.name, tostring(m.status), m.err), 0)
      end
      if v.check then v.check(m) end
      local s = samples[v.name]
      s.wall[r], s.rss[r], s.last = m.wall, m.rss, m
      log("  %-44s run %d: %.3f s, %d KiB", v.name, r, m.wall, m.rss)
      ::next::
    end
  end
  local out = {}
  for name, s in pairs(samples) do
    out[name] = { wall = median(s.wall), rss = median(s.rss), last = s.last }
  end
  return out
end

-- ---- the table ----

local rows = {}

-- One line of the table. goal: { text =, met = boolean } or nil.
local function row(size, what, value, base, ratio, goal)
  rows[#rows + 1] = { size = size, what = what, value = value, base = base or "",
    ratio = ratio or "", goal = goal and goal.text or "",
    met = goal and (goal.met and "met" or "MISSED") or "" }
end

local function secs(t)
  if t < 0.1 then return string.format("%.1f ms", t * 1000) end
  return string.format("%.2f s", t)
end

local function mib(kib)
  return string.format("%.0f MiB", kib / 1024)
end

local function times(x)
  return string.format("%.2fx", x)
end

local function print_table()
  local cols = { "size", "what", "value", "base", "ratio", "goal", "met" }
  local head = { size = "size", what = "measure", value = "planwatch",
    base = "baseline", ratio = "ratio", goal = "goal", met = "" }
  local width = {}
  for _, c in ipairs(cols) do
    width[c] = utf8.len(head[c])
    for _, r in ipairs(rows) do width[c] = math.max(width[c], utf8.len(r[c])) end
  end
  local function line(r)
    local cells = {}
    for _, c in ipairs(cols) do
      cells[#cells + 1] = r[c] .. string.rep(" ", width[c] - utf8.len(r[c]))
    end
    return "| " .. table.concat(cells, " | ") .. " |"
  end
  print(line(head))
  local rule = {}
  for _, c in ipairs(cols) do rule[#rule + 1] = string.rep("-", width[c]) end
  print("|-" .. table.concat(rule, "-|-") .. "-|")
  for _, r in ipairs(rows) do print(line(r)) end
end

-- ---- plans ----

-- The Yên Bái plan with UNITS more units and INDICATORS monthly indicators,
-- each with a target over 2021-2025 (rules sum, last, distinct in turn).
local function data_plan(dir)
  sh("rm -rf " .. q(dir) .. " && mkdir -p " .. q(dir .. "/yenbai-114")
     .. " && cp plugins/yenbai-114/*.lua " .. q(dir .. "/yenbai-114/"))
  local f = assert(io.open(dir .. "/yenbai-114/plan.lua", "a"))
  f:write("\n-- Synthetic units and indicators for the benchmarks.\n")
  for u = 1, UNITS do
    f:write(string.format('unit { code = "DV%04d", name = "Đơn vị %d", kind = "district",'
      .. ' parent = "UBND_YB", email = "dv%04d@bench.example.org" }\n', u, u, u))
  end
  local rules = { "sum", "last", "distinct" }
  for i = 1, INDICATORS do
    local rule = rules[(i - 1) % 3 + 1]
    f:write(string.format('indicator { code = "CT%02d", name = "Chỉ tiêu %d", measure = "đơn vị",'
      .. ' period = "month", rule = "%s" }\n', i, i, rule))
    f:write(string.format('target { indicator = "CT%02d", window = "2021/2025", op = ">=",'
      .. ' value = %d }\n', i, rule == "distinct" and 4000 or 1000))
  end
  f:close()
end

-- A plan of REMIND_UNITS units owing REMIND_DUTIES monthly reports each to
-- one office: on REMIND_TODAY the +3 days reminder of January is due for
-- every one of them, and nothing else.
local REMIND_UNITS, REMIND_DUTIES, REMIND_TODAY = 2000, 5, "2025-01-20"

local function remind_plan(dir)
  sh("rm -rf " .. q(dir) .. " && mkdir -p " .. q(dir .. "/bench-remind"))
  local f = assert(io.open(dir .. "/bench-remind/plan.lua", "w"))
  f:write([[
plan { id = "bench-remind", number = "1/KH-BENCH", issued = "2024-12-01", issuer = "VP",
  span = "2025/2025", title = "Kế hoạch thử tải nhắc báo cáo", timezone = "Asia/Ho_Chi_Minh" }
unit { code = "VP", name = "Văn phòng tổng hợp", kind = "province", email = "vp@bench.example.org" }
unit { code = "LD", name = "Lãnh đạo", kind = "leadership", email = "ld@bench.example.org" }
holiday { date = "2025-01-01", name = "Tết Dương lịch", kind = "holiday" }
holiday { date = "2025-01-28", name = "Tết Nguyên đán", kind = "holiday" }
holiday { date = "2025-01-29", name = "Tết Nguyên đán", kind = "holiday" }
holiday { date = "2025-01-30", name = "Tết Nguyên đán", kind = "holiday" }
holiday { date = "2025-01-31", name = "Tết Nguyên đán", kind = "holiday" }
]])
  local codes = {}
  for u = 1, REMIND_UNITS do
    codes[u] = string.format('"DV%04d"', u)
    f:write(string.format('unit { code = "DV%04d", name = "Đơn vị %d", kind = "district",'
      .. ' email = "dv%04d@bench.example.org" }\n', u, u, u))
  end
  local from = "{ " .. table.concat(codes, ", ") .. " }"
  for d = 1, REMIND_DUTIES do
    f:write(string.format('duty { code = "BC%d", title = "Báo cáo số %d tháng {period}",'
      .. ' from = %s, to = "VP", every = "month", cutoff = "nd09",'
      .. ' due = { workdays_after_cutoff = 3 }, remind = { -3, 0, 3 },'
      .. ' escalate = { after = 10, to = "LD" } }\n', d, d, from))
  end
  f:close()
end

local function load_plan(db, plugins, package)
  sh(string.format("rm -f %s %s-wal %s-shm && %s --db %s init > /dev/null && %s --db %s load %s > /dev/null",
    q(db), q(db), q(db), PW, q(db), PW, q(db), q(plugins .. "/" .. package)))
end

-- ---- one size ----

local function fresh_copy(from, to)
  return function()
    sh(string.format("rm -f %s %s-wal %s-shm %s-journal && cp %s %s", q(to), q(to), q(to), q(to),
      q(from), q(to)))
  end
end

local function sqlite_db(path, schema)
  return function()
    sh(string.format("rm -f %s %s-journal && sqlite3 %s %s", q(path), q(path), q(path), q(schema)))
  end
end

local EQUIVALENT = [[CREATE TABLE indicator_values (indicator TEXT NOT NULL,
  unit TEXT NOT NULL, period TEXT NOT NULL, value REAL NOT NULL,
  PRIMARY KEY (indicator, period, unit)) WITHOUT ROWID;]]
local PLAIN = [[CREATE TABLE indicator_values (indicator TEXT, unit TEXT,
  period TEXT, value REAL);]]

-- Import: planwatch against sqlite3 .import into a table with the same key
-- (then the same secondary index, made after the load as is fastest) and
-- into a plain table with no key. Leaves pw.db and naive.db for the queries.
local function bench_import(size, s, csv, base, duck)
  local nrows = INDICATORS * UNITS * s.months
  local pwdb, eqdb, naive = DIR .. "/pw.db", DIR .. "/equivalent.db", DIR .. "/naive.db"
  log("%s: import", size)
  local variants = {
    { name = "planwatch import", before = fresh_copy(base, pwdb),
      cmd = string.format("%s --db %s --plugins %s import %s", PW, q(pwdb), q(DIR .. "/plugins"), q(csv)) },
    { name = "sqlite3 .import, same key, then index", before = sqlite_db(eqdb, EQUIVALENT),
      cmd = string.format("sqlite3 %s -cmd '.mode csv' '.import --skip 1 %s indicator_values'"
        .. " 'CREATE INDEX values_unit ON indicator_values(indicator, unit)'", q(eqdb), csv) },
    { name = "sqlite3 .import, plain table", before = sqlite_db(naive, PLAIN),
      cmd = string.format("sqlite3 %s -cmd '.mode csv' '.import --skip 1 %s indicator_values'", q(naive), csv) },
  }
  if duck then
    variants[#variants + 1] = { name = "DuckDB load", before = function()
        sh(string.format("rm -f %s %s.wal", q(duck), q(duck)))
      end, cmd = string.format("%s load %s %s", DUCKDB, q(csv), q(duck)) }
  end
  local m = interleave(variants, s.runs)
  sh("rm -f " .. q(eqdb))
  local p = m["planwatch import"]
  local eq, plain = m["sqlite3 .import, same key, then index"], m["sqlite3 .import, plain table"]
  local rate = nrows / p.wall / 1e6
  row(size, "import, " .. secs(p.wall) .. " (" .. mib(p.rss) .. ")",
    string.format("%.2f M rows/s", rate), "", "", { text = ">= 1 M rows/s", met = rate >= 1 })
  row(size, "import vs .import, same key + index", secs(p.wall), secs(eq.wall),
    times(eq.wall / p.wall), { text = ">= 1.3x", met = eq.wall / p.wall >= 1.3 })
  row(size, "import vs .import, plain table (no key)", secs(p.wall), secs(plain.wall),
    times(plain.wall / p.wall))
  if duck then
    local d = m["DuckDB load"]
    row(size, "import vs DuckDB load (pw / DuckDB)", secs(p.wall), secs(d.wall), times(p.wall / d.wall))
    local function size_of(path) return tonumber(io.popen("stat -c %s " .. q(path)):read("l")) end
    local pws, ds = size_of(pwdb), size_of(duck)
    row(size, "file size vs DuckDB (pw / DuckDB)", mib(pws / 1024), mib(ds / 1024), times(pws / ds))
  end
  return pwdb, naive, p.wall
end

local function count_lines(text)
  local n = 0
  for _ in text:gmatch("\n") do n = n + 1 end
  return n
end

-- The four questions: through pw.rows (each row handed to Lua as a table,
-- as a script reading a result does; the shell prints each row), by the
-- sqlite3 shell on the same file, and on the naive table. The first two
-- take a second or two even at 12 M, so they run QUICK_RUNS times, to
-- tell a 5 % difference. Returns the planwatch total and peak RSS.
local QUICK_RUNS = 5
local COUNT_ROWS = "local n = 0 for _ in pw.rows(pw.args[1]) do n = n + 1 end return n"
local function bench_queries(size, s, pwdb, naive, duck)
  local total, peak = 0, 0
  for i, query in ipairs(queries) do
    log("%s: query %d, %s", size, i, query.name)
    local counts = {}
    local function counted(name) return function(m) counts[name] = m end end
    local variants = {
      { name = "pw.rows", cmd = string.format("%s --db %s -e %s %s", PW, q(pwdb), q(COUNT_ROWS),
          q(query.planwatch)), check = counted("pw"), runs = QUICK_RUNS },
      { name = "sqlite3, same SQL, same file", cmd = string.format("sqlite3 %s %s", q(pwdb),
          q(query.planwatch)), check = counted("cli"), runs = QUICK_RUNS },
      { name = "sqlite3, naive table", cmd = string.format("sqlite3 %s %s", q(naive),
          q(query.naive)), check = counted("naive") },
    }
    if duck then
      variants[#variants + 1] = { name = "DuckDB", cmd = string.format("%s query %s %s", DUCKDB,
        q(duck), q(query.duckdb)), check = counted("duck"), runs = QUICK_RUNS }
    end
    if query.yearly then
      variants[#variants + 1] = { name = "pw.rows from value_years", cmd = string.format("%s --db %s -e %s %s",
        PW, q(pwdb), q(COUNT_ROWS), q(query.yearly)), check = counted("yearly"), runs = QUICK_RUNS }
    end
    local m = interleave(variants, s.runs)
    local n = tonumber(counts.pw.out:match("%d+"))
    if n ~= count_lines(counts.cli.out) or n ~= count_lines(counts.naive.out) then
      error(string.format("query %d: %s rows through pw, %d by sqlite3, %d on the naive table",
        i, tostring(n), count_lines(counts.cli.out), count_lines(counts.naive.out)), 0)
    end
    for _, other in ipairs({ "duck", "yearly" }) do
      local got = counts[other] and tonumber(counts[other].out:match("%d+"))
      if counts[other] and got ~= n then
        error(string.format("query %d: %s rows through pw, %s by %s", i, tostring(n), tostring(got), other), 0)
      end
    end
    local p, cli, nv = m["pw.rows"], m["sqlite3, same SQL, same file"], m["sqlite3, naive table"]
    total, peak = total + p.wall, math.max(peak, p.rss)
    row(size, string.format("Q%d %s: pw vs sqlite3", i, query.name), secs(p.wall),
      secs(cli.wall), times(p.wall / cli.wall), { text = "<= 1.05x", met = p.wall / cli.wall <= 1.05 })
    row(size, string.format("Q%d vs naive table", i), secs(p.wall), secs(nv.wall),
      times(nv.wall / p.wall), { text = ">= 5x", met = nv.wall / p.wall >= 5 })
    local d, y = m["DuckDB"], m["pw.rows from value_years"]
    if d then
      row(size, string.format("Q%d pw vs DuckDB", i), secs(p.wall), secs(d.wall),
        times(p.wall / d.wall), { text = "<= 1x", met = p.wall <= d.wall })
    end
    if d and y then
      row(size, string.format("Q%d from value_years vs DuckDB", i), secs(y.wall), secs(d.wall),
        times(y.wall / d.wall), { text = "<= 1x", met = y.wall <= d.wall })
    end
  end
  return total, peak
end

-- pandas: read_csv and the four questions, against the four pw.sql runs.
local function pandas_available()
  if os.execute(PY .. " -c 'import pandas' 2> /dev/null") then return true end
  if read("/proc/self/status"):match("Uid:%s+0%s") then
    log("pandas: installing python3-pandas")
    os.execute("DEBIAN_FRONTEND=noninteractive apt-get install -y python3-pandas > /dev/null 2>&1")
  end
  return os.execute(PY .. " -c 'import pandas' 2> /dev/null") and true or false
end

local function bench_pandas(size, s, csv, pw_total, pw_peak)
  if not pandas_available() then
    row(size, "pandas: not available", "", "", "")
    return
  end
  log("%s: pandas", size)
  local m = interleave({
    { name = "pandas read_csv + groupby", cmd = PY .. " tests/bench/pandas_queries.py " .. q(csv) },
  }, s.runs)["pandas read_csv + groupby"]
  row(size, "4 questions vs pandas, time", secs(pw_total), secs(m.wall), times(m.wall / pw_total),
    { text = ">= 50x", met = m.wall / pw_total >= 50 })
  row(size, "4 questions vs pandas, peak memory", mib(pw_peak), mib(m.rss), times(m.rss / pw_peak),
    { text = ">= 50x less", met = m.rss / pw_peak >= 50 })
  -- Where pandas spends its time (the script prints "STEP SECONDS ROWS").
  local step = {}
  for name, t in m.last.out:gmatch("(%S+) (%S+) %d+") do step[name] = tonumber(t) end
  if step.read_csv and step.q1 then
    local groupbys = step.q1 + step.q2 + step.q3 + step.q4
    row(size, "  of which pandas read_csv / groupbys (last run)", "",
      secs(step.read_csv) .. " / " .. secs(groupbys), times(groupbys / pw_total))
  end
end

-- status and report for the whole plan, read-only, at TODAY.
local status_rss = {}

local function bench_status(size, s, pwdb)
  log("%s: status and report", size)
  local common = string.format("%s --db %s --plugins %s --today %s", PW, q(pwdb),
    q(DIR .. "/plugins"), TODAY)
  local variants = { { name = "status", cmd = common .. " status" } }
  if read(ROOT .. "/scripts/report.lua") ~= "" then
    variants[2] = { name = "report", cmd = common .. " report --html " .. q(DIR .. "/report.html") }
  end
  local m = interleave(variants, s.runs)
  for _, v in ipairs(variants) do
    local r = m[v.name]
    local first = status_rss[v.name]
    status_rss[v.name] = status_rss[v.name] or { size = size, rss = r.rss }
    local goal
    if first and first.size ~= size then
      goal = { text = "RSS not growing", met = r.rss <= first.rss * 1.25 }
    end
    row(size, v.name .. ", peak RSS " .. mib(r.rss), secs(r.wall),
      first and first.size ~= size and (first.size .. ": " .. mib(first.rss)) or "", "", goal)
  end
  if not m.report then row(size, "report: not available", "", "", "") end
end

-- DuckDB from npm (@duckdb/node-api, which ships its library), installed
-- once into build/bench/node_modules; false and why when it cannot be had.
local function duckdb_available()
  if not os.execute("command -v node > /dev/null 2>&1") then return false, "node is not installed" end
  local probe = string.format("node -e 'require(process.argv[1])' %s > /dev/null 2>&1",
    q(NODE_MODULES .. "/@duckdb/node-api"))
  if os.execute(probe) then return true end
  log("DuckDB: npm install @duckdb/node-api into %s", DIR)
  os.execute(string.format("cd %s && timeout 300 npm install --no-audit --no-fund --prefix . @duckdb/node-api"
    .. " > npm.log 2>&1", q(DIR)))
  if os.execute(probe) then return true end
  return false, "npm could not install @duckdb/node-api (no registry?)"
end

-- value_years (core/yearly.h), which the import keeps: what making it from
-- every value costs (a bulk load does that, inside the import measured
-- above), and what refreshing the year a monthly file touches costs.
local YEARLY_REFRESH = [[
DELETE FROM value_years_kept WHERE (indicator, year) IN
  (SELECT indicator, year FROM value_years_dirty);
INSERT INTO value_years_kept (indicator, year, total, n, lo, hi, units)
  SELECT d.indicator, d.year, sum(v.value), count(*), min(v.value), max(v.value),
    count(DISTINCT v.unit)
  FROM value_years_dirty d CROSS JOIN indicator_values v
    ON v.indicator = d.indicator AND v.year = d.year
  GROUP BY d.indicator, d.year;
DELETE FROM value_years_dirty;]]
local MARK_ALL = "INSERT OR IGNORE INTO value_years_dirty SELECT DISTINCT indicator, year FROM value_years_kept;"

local function bench_yearly(size, s, pwdb, import_wall)
  log("%s: value_years", size)
  local m = interleave({
    { name = "value_years from all values", cmd = string.format("sqlite3 %s %s", q(pwdb),
        q("BEGIN; " .. MARK_ALL .. YEARLY_REFRESH .. " COMMIT;")) },
  }, s.runs)["value_years from all values"]
  row(size, "  of which value_years, made from all values", secs(m.wall), "",
    string.format("%.0f %%", 100 * m.wall / import_wall))
end

-- One more month of values (the next month, 200,000 of them) imported into
-- the store as it stands, as a department's monthly file is: the whole
-- import, and the refresh of value_years for the year it touched alone
-- (the same SQL as core/yearly.c, on a copy with the month imported);
-- without value_years the import would cost the difference.
local function bench_monthly(size, s, pwdb)
  log("%s: monthly import", size)
  local month, all = DIR .. "/month.csv", DIR .. "/month-all.csv"
  local base, db = DIR .. "/month-base.db", DIR .. "/month.db"
  sh(string.format("%s %s %d %d %d && (head -n 1 %s; tail -n %d %s) > %s && rm -f %s", GEN, q(all),
    INDICATORS, UNITS, s.months + 1, q(all), INDICATORS * UNITS, q(all), q(month), q(all)))
  sh(string.format("cp %s %s", q(pwdb), q(base)))
  local year = 2021 + s.months // 12
  local import = string.format("%s --db %s --plugins %s import %s", PW, q(db), q(DIR .. "/plugins"), q(month))
  local mark = string.format("INSERT OR IGNORE INTO value_years_dirty SELECT DISTINCT indicator, year"
    .. " FROM value_years_kept WHERE year = %d;", year)
  local m = interleave({
    { name = "monthly import", before = fresh_copy(base, db), cmd = import },
    { name = "value_years refresh of its year", before = function()
        fresh_copy(base, db)()
        sh(import .. " > /dev/null")
      end, cmd = "sqlite3 " .. q(db) .. " " .. q("BEGIN; " .. mark .. YEARLY_REFRESH .. " COMMIT;") },
  }, s.runs)
  local whole, refresh = m["monthly import"], m["value_years refresh of its year"]
  row(size, string.format("monthly import, %d values, keeping value_years", INDICATORS * UNITS),
    secs(whole.wall), "", "")
  row(size, "  of which the refresh of value_years / without it", secs(refresh.wall),
    secs(whole.wall - refresh.wall), times(whole.wall / (whole.wall - refresh.wall)))
  sh(string.format("rm -f %s %s %s %s-wal %s-shm", q(month), q(base), q(db), q(db), q(db)))
end

-- Exports and printed results against the sqlite3 shell writing the same
-- rows (to /dev/null, both). Goal: at most 1.2x the shell, memory flat.
local PRINT_ROWS = "pw.print_rows(pw.sql(pw.args[1]))"
local PRINT_QUERY = "pw.print_query(pw.args[1])"
local PRINT_LUA = "pw.out(pw.out_module.render(pw.opt.format, pw.sql(pw.args[1])))"

local function lines_of(cmd)
  return tonumber(io.popen(cmd .. " | wc -l"):read("l"))
end

local function bench_export(size, s, pwdb)
  log("%s: export and printing", size)
  local pw = string.format("%s --db %s --plugins %s", PW, q(pwdb), q(DIR .. "/plugins"))
  local query = io.popen(pw .. " -e 'return (require(\"indicators\").values_query({}))'")
    :read("a"):gsub("\n$", "")
  local print_q = queries[3].planwatch
  -- The same rows, once: planwatch's CSV has CRLF line ends, one line a row.
  local n_pw = lines_of(pw .. " export values --format csv")
  local n_cli = lines_of("sqlite3 -csv " .. q(pwdb) .. " " .. q(query))
  if n_pw ~= n_cli + 1 then
    error(string.format("export: %s lines from planwatch, %s from sqlite3", n_pw, n_cli), 0)
  end
  local m = interleave({
    { name = "export values --format csv", cmd = pw .. " export values --format csv", discard = true },
    { name = "sqlite3 -csv, same query", cmd = "sqlite3 -csv " .. q(pwdb) .. " " .. q(query), discard = true },
    { name = "export csv, Lua writer (before)", cmd = pw .. " run tests/bench/export_lua.lua csv", discard = true },
    { name = "export values --format json", cmd = pw .. " export values --format json", discard = true },
    { name = "sqlite3 -json, same query", cmd = "sqlite3 -json " .. q(pwdb) .. " " .. q(query), discard = true },
  }, s.runs)
  local e, cli = m["export values --format csv"], m["sqlite3 -csv, same query"]
  local old = m["export csv, Lua writer (before)"]
  local ej, clij = m["export values --format json"], m["sqlite3 -json, same query"]
  row(size, string.format("export values csv (%d rows) vs sqlite3 -csv", n_cli), secs(e.wall), secs(cli.wall),
    times(e.wall / cli.wall), { text = "<= 1.2x", met = e.wall / cli.wall <= 1.2 })
  row(size, "  the same through the Lua writer (before)", secs(old.wall), secs(cli.wall), times(old.wall / cli.wall))
  row(size, "export values json vs sqlite3 -json", secs(ej.wall), secs(clij.wall),
    times(ej.wall / clij.wall), { text = "<= 1.2x", met = ej.wall / clij.wall <= 1.2 })
  row(size, "export csv, peak memory", mib(e.rss), mib(cli.rss) .. " (sqlite3)", "")
  local function script(code) return pw .. " --format csv -e " .. q(code) .. " " .. q(print_q) end
  local p = interleave({
    { name = "pw.print_query, csv", cmd = script(PRINT_QUERY), discard = true },
    { name = "pw.print_rows(pw.sql(q)), csv", cmd = script(PRINT_ROWS), discard = true },
    { name = "out.render in Lua (before)", cmd = script(PRINT_LUA), discard = true },
    { name = "sqlite3 -csv, Q3", cmd = "sqlite3 -csv " .. q(pwdb) .. " " .. q(print_q), discard = true },
  }, s.runs)
  local pq, pr, pl, pc = p["pw.print_query, csv"], p["pw.print_rows(pw.sql(q)), csv"],
    p["out.render in Lua (before)"], p["sqlite3 -csv, Q3"]
  row(size, "print Q3 (200,000 rows): pw.print_query vs sqlite3 -csv", secs(pq.wall), secs(pc.wall),
    times(pq.wall / pc.wall), { text = "<= 1.2x", met = pq.wall / pc.wall <= 1.2 })
  row(size, "  pw.print_query peak memory", mib(pq.rss), mib(pc.rss) .. " (sqlite3)", times(pq.rss / pc.rss))
  row(size, "  pw.print_rows(pw.sql(q)) vs sqlite3 -csv", secs(pr.wall) .. ", " .. mib(pr.rss), secs(pc.wall),
    times(pr.wall / pc.wall), { text = "<= 1.2x", met = pr.wall / pc.wall <= 1.2 })
  row(size, "  the same through out.lua (before)", secs(pl.wall) .. ", " .. mib(pl.rss), secs(pc.wall),
    times(pl.wall / pc.wall))
end

local function bench_size(size)
  local s = SIZES[size]
  local csv = DIR .. "/values-" .. size .. ".csv"
  local base = DIR .. "/base.db"
  log("%s: generating %d values", size, INDICATORS * UNITS * s.months)
  sh(string.format("%s %s %d %d %d", GEN, q(csv), INDICATORS, UNITS, s.months))
  local duck = DUCKDB_OK and DIR .. "/values.duckdb" or nil
  if not DUCKDB_OK then row(size, "DuckDB: skipped, " .. DUCKDB_WHY, "", "", "") end
  local pwdb, naive, import_wall = bench_import(size, s, csv, base, duck)
  bench_yearly(size, s, pwdb, import_wall)
  local total, peak = bench_queries(size, s, pwdb, naive, duck)
  bench_pandas(size, s, csv, total, peak)
  bench_monthly(size, s, pwdb)
  bench_export(size, s, pwdb)
  bench_status(size, s, pwdb)
  sh(string.format("rm -f %s %s %s-wal %s-shm %s", q(csv), q(naive), q(pwdb), q(pwdb), q(pwdb)))
  if duck then sh(string.format("rm -f %s %s.wal", q(duck), q(duck))) end
end

-- ---- once ----

local function bench_startup()
  log("startup")
  local db = DIR .. "/yenbai.db"
  load_plan(db, ROOT .. "/plugins", "yenbai-114")
  local LOOPS = 100
  local function loop(cmd)
    return string.format("i=0; while [ $i -lt %d ]; do %s > /dev/null || exit 1; i=$((i+1)); done", LOOPS, cmd)
  end
  local m = interleave({
    { name = "planwatch -e 'return 1'", cmd = loop(string.format("%s --db %s -e 'return 1'", PW, q(db))) },
    { name = "lua5.4 -e ''", cmd = loop("lua5.4 -e ''") },
  }, 5)
  local p, l = m["planwatch -e 'return 1'"].wall / LOOPS, m["lua5.4 -e ''"].wall / LOOPS
  row("", "startup, Yên Bái plan loaded", secs(p), secs(l) .. " (lua5.4)", times(p / l),
    { text = "<= 5 ms", met = p <= 0.005 })
  sh("rm -f " .. q(db))
end

local function bench_remind()
  log("remind")
  local plugins, base, db = DIR .. "/remind-plugins", DIR .. "/remind-base.db", DIR .. "/remind.db"
  local mail = DIR .. "/mail"
  remind_plan(plugins)
  load_plan(base, plugins, "bench-remind")
  local common = string.format("PLANWATCH_TRANSPORT=file PLANWATCH_MAIL_DIR=%s %s --lang en --db %s --plugins %s --today %s remind",
    q(mail), PW, q(db), q(plugins), REMIND_TODAY)
  local function fresh()
    fresh_copy(base, db)()
    sh("rm -rf " .. q(mail))
  end
  local due = REMIND_UNITS * REMIND_DUTIES
  local function check_queued(r)
    local queued = tonumber(r.out:match(": (%d+) queued"))
    local notices = tonumber((io.popen("sqlite3 " .. q(db) .. " 'SELECT count(*) FROM notices'"):read("a")))
    if queued ~= REMIND_UNITS or notices ~= due then
      error(string.format("remind queued %s messages and %s notices, expected %d and %d",
        tostring(queued), tostring(notices), REMIND_UNITS, due), 0)
    end
  end
  local m = interleave({
    { name = "remind --dry-run", before = fresh, cmd = common .. " --dry-run" },
    { name = "remind --no-deliver", before = fresh, cmd = common .. " --no-deliver", check = check_queued },
    { name = "remind (queue, deliver to files)", before = fresh, cmd = common, check = check_queued },
  }, 5)
  local dry, queue, real = m["remind --dry-run"], m["remind --no-deliver"], m["remind (queue, deliver to files)"]
  row("", string.format("remind --dry-run, %d due of %d duty-periods", due, due * 12),
    secs(dry.wall), "", "", { text = "<= 1 s", met = dry.wall <= 1 })
  row("", string.format("remind --no-deliver: queue %d notices, %d messages", due, REMIND_UNITS),
    secs(queue.wall), "", "", { text = "<= 1 s", met = queue.wall <= 1 })
  row("", string.format("remind: the same, then write the %d messages to files", REMIND_UNITS),
    secs(real.wall), "", "")
  sh(string.format("rm -rf %s %s %s %s-wal %s-shm %s", q(plugins), q(base), q(db), q(db), q(db), q(mail)))
end

-- A plan of WORLD_UNITS units owing one yearly report, with or without
-- WORLD_SUCCESSIONS successions (two units merged into a third on
-- 2025-03-01): what the successions add to `load` (checks, the units'
-- dates, unit_successions and task_leads rebuilt).
local WORLD_UNITS, WORLD_SUCCESSIONS = 1000, 50

local function world_plan(dir, successions)
  sh("rm -rf " .. q(dir) .. " && mkdir -p " .. q(dir .. "/bench-world"))
  local f = assert(io.open(dir .. "/bench-world/plan.lua", "w"))
  f:write([[
plan { id = "bench-world", number = "1/KH-WORLD", issued = "2021-01-04", issuer = "VP",
  span = "2021/2030", title = "Kế hoạch thử tải đơn vị theo thời gian" }
unit { code = "VP", name = "Văn phòng tổng hợp", kind = "province", email = "vp@bench.example.org" }
]])
  local codes = {}
  for u = 1, WORLD_UNITS do
    codes[u] = string.format('"DV%04d"', u)
    f:write(string.format('unit { code = "DV%04d", name = "Đơn vị %d", kind = "department",'
      .. ' email = "dv%04d@bench.example.org" }\n', u, u, u))
    f:write(string.format('task { no = %d, title = "Nhiệm vụ %d", when = "2021/2030", lead = "DV%04d" }\n',
      u, u, u))
  end
  f:write(string.format('duty { code = "BC", title = "Báo cáo năm {year}", from = { %s }, to = "VP",'
    .. ' every = "year", due = { day = "12-15" } }\n', table.concat(codes, ", ")))
  for k = 0, successions and WORLD_SUCCESSIONS - 1 or -1 do
    f:write(string.format('succession { date = "2025-03-01", kind = "merge", from = { "DV%04d", "DV%04d" },'
      .. ' to = "DV%04d", basis = "Quyết định %d/QĐ-BENCH" }\n', 3 * k + 1, 3 * k + 2, 3 * k + 3, k + 1))
  end
  f:close()
end

local function bench_world()
  log("world")
  local plain, succ, db = DIR .. "/world-plain", DIR .. "/world-succ", DIR .. "/world.db"
  world_plan(plain, false)
  world_plan(succ, true)
  local function fresh() sh(string.format("rm -f %s %s-wal %s-shm && %s --db %s init > /dev/null",
    q(db), q(db), q(db), PW, q(db))) end
  local load = string.format("%s --db %s load --quiet %%s", PW, q(db))
  local m = interleave({
    { name = "with", before = fresh, cmd = string.format(load, q(succ .. "/bench-world")) },
    { name = "without", before = fresh, cmd = string.format(load, q(plain .. "/bench-world")) },
  }, 5)
  row("", string.format("load, %d units and tasks, %d successions (vs none)", WORLD_UNITS, WORLD_SUCCESSIONS),
    secs(m.with.wall), secs(m.without.wall), times(m.with.wall / m.without.wall))
  sh(string.format("rm -rf %s %s %s %s-wal %s-shm", q(plain), q(succ), q(db), q(db), q(db)))
end

-- The test SMTP server (tests/smtp/server.py, aiosmtpd) on a free port,
-- storing every message in one spool file.
local function start_smtp(dir)
  sh("rm -rf " .. q(dir) .. " && mkdir -p " .. q(dir))
  local p = io.popen(string.format("%s tests/smtp/server.py smtp %s --spool > %s/log 2>&1 & echo $!",
    PY, q(dir), q(dir)))
  local pid = tonumber(p:read("l"))
  p:close()
  for _ = 1, 200 do
    local port = read(dir .. "/port"):match("^(%d+)\n")
    if port then return pid, port end
    os.execute("sleep 0.05")
  end
  os.execute("kill " .. pid)
  error("the SMTP server did not start:\n" .. read(dir .. "/log"), 0)
end

-- aiosmtpd's Sink handler, which stores nothing, on a free port: what
-- planwatch sustains when the server is not the limit.
local function start_sink(dir)
  local port = io.popen(PY .. [[ -c 'import socket; s = socket.socket();]]
    .. [[ s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])']]):read("l")
  local p = io.popen(string.format("%s -m aiosmtpd -n -l 127.0.0.1:%s -c aiosmtpd.handlers.Sink"
    .. " > %s/sink.log 2>&1 & echo $!", PY, port, q(dir)))
  local pid = tonumber(p:read("l"))
  p:close()
  local probe = string.format([[%s -c 'import socket; socket.create_connection(("127.0.0.1", %s), 1)' 2> /dev/null]],
    PY, port)
  for _ = 1, 100 do
    if os.execute(probe) then return pid, port end
    os.execute("sleep 0.05")
  end
  os.execute("kill " .. pid)
  error("aiosmtpd did not start:\n" .. read(dir .. "/sink.log"), 0)
end

local function send_cmd(port, n)
  return string.format("PLANWATCH_SMTP_URL=smtp://127.0.0.1:%s PLANWATCH_MAIL_FROM=bench@bench.example.org"
    .. " %s --db %s run tests/bench/send.lua %d", port, PW, q(DIR .. "/none.db"), n)
end

local function bench_smtp()
  log("smtp")
  local dir, N = DIR .. "/smtp", 1000
  local pid, port = start_smtp(dir)
  local sink, sink_port = start_sink(DIR)
  local ok, m = pcall(interleave, {
    { name = "1000 messages to server.py", cmd = send_cmd(port, N) },
    { name = "1000 messages to aiosmtpd Sink", cmd = send_cmd(sink_port, N) },
  }, 5)
  os.execute("kill " .. pid .. " " .. sink)
  if not ok then error(m, 0) end
  local sent = tonumber(read(dir .. "/count"):match("%d+"))
  local spool, pos, stored = read(dir .. "/messages.spool"), 1, 0
  while pos <= #spool do -- records: "NNNNNN LENGTH\n" then the message
    local len, body = spool:match("^%d+ (%d+)\n()", pos)
    if not len then error("the spool is damaged at byte " .. pos, 0) end
    stored, pos = stored + 1, body + tonumber(len)
  end
  if stored ~= sent then error(string.format("count says %d, the spool holds %d", sent, stored), 0) end
  local conns = tonumber(read(dir .. "/connections"):match("%d+"))
  if sent ~= 5 * N or conns ~= 5 then
    error(string.format("the server stored %s messages over %s connections", tostring(sent), tostring(conns)), 0)
  end
  local rate = N / m["1000 messages to server.py"].wall
  local sink_rate = N / m["1000 messages to aiosmtpd Sink"].wall
  row("", "SMTP, one connection, to tests/smtp/server.py", string.format("%.0f msgs/s", rate),
    string.format("%.0f msgs/s (Sink)", sink_rate), "", { text = ">= 1000 msgs/s", met = rate >= 1000 })
  sh("rm -rf " .. q(dir))
end

-- ---- main ----

local function machine()
  local mem = read("/proc/meminfo"):match("MemTotal:%s+(%d+)")
  local cpu = read("/proc/cpuinfo"):match("model name%s*:%s*([^\n]+)") or "?"
  local cores = io.popen("nproc"):read("l")
  local sqlite = io.popen("sqlite3 --version"):read("l"):match("^(%S+)")
  return string.format("%s, %s cores, %.1f GiB memory; SQLite %s, %s", cpu, cores,
    tonumber(mem) / 1048576, sqlite, io.popen("lua5.4 -v"):read("l"):match("^(Lua %S+)"))
end

local function main(sizes)
  if sizes[1] == "world" then -- the successions' cost alone (tests/bench/README.md)
    sh("mkdir -p " .. q(SCRATCH))
    bench_world()
    print_table()
    return
  end
  if #sizes == 0 then sizes = { "1.2M" } end
  for _, size in ipairs(sizes) do
    if not SIZES[size] then error("unknown size " .. size .. " (0.2M, 1.2M or 12M)", 0) end
  end
  sh("mkdir -p " .. q(SCRATCH))
  DUCKDB_OK, DUCKDB_WHY = duckdb_available()
  if not DUCKDB_OK then log("DuckDB: skipped, %s", DUCKDB_WHY) end
  data_plan(DIR .. "/plugins")
  load_plan(DIR .. "/base.db", DIR .. "/plugins", "yenbai-114")
  for _, size in ipairs(sizes) do bench_size(size) end
  bench_startup()
  bench_remind()
  bench_world()
  bench_smtp()
  print(string.format("planwatch benchmarks, %s, %s", os.date("!%Y-%m-%d"), machine()))
  print(string.format("medians of %s runs; ratio: baseline / planwatch for times, planwatch / baseline for pw vs sqlite3",
    table.concat((function()
      local t = {}
      for _, size in ipairs(sizes) do t[#t + 1] = SIZES[size].runs .. " (" .. size .. ")" end
      return t
    end)(), ", ") .. ", 5 (startup x100, remind, SMTP)"))
  print()
  print_table()
end

local ok, err = pcall(main, arg)
-- Everything generated goes; the generator stays, as make built it, and
-- so does DuckDB's npm install.
os.execute("find " .. q(DIR) .. " -mindepth 1 -maxdepth 1 ! -name gen ! -name node_modules"
  .. " ! -name package.json ! -name package-lock.json -exec rm -rf {} +")
if not ok then
  io.stderr:write("bench: ", tostring(err), "\n")
  os.exit(1)
end
