-- The Lua half of the pw API. C fills pw with the database (sql, rows, exec,
-- transaction), narrow system doors and the options; this completes it.
local json = require "json"
local out = require "out"

local pw = pw

pw.json = json
pw.out_module = out

local DEFAULT_ZONE = "Asia/Ho_Chi_Minh"

-- Raise an error that ends the command with exit status 2 (bad usage/input).
function pw.fail(message)
  error(message, 0)
end

-- A date YYYY-MM-DD that exists, as the C core reads dates (pw.period).
local function valid_date(s)
  return type(s) == "string" and (pcall(pw.period.days, s))
end
pw.valid_date = valid_date

-- The plan's time zone: the loaded plan's, else Asia/Ho_Chi_Minh. A stored
-- name that is no time zone (pw.valid_zone) is reported once and not used.
local zone_warned = false
function pw.timezone()
  local ok, rows = pcall(pw.sql,
    "SELECT timezone, source FROM plans WHERE retired_at IS NULL LIMIT 1")
  local zone = ok and rows[1] and rows[1].timezone
  if not zone then return DEFAULT_ZONE end
  local valid, why = pw.valid_zone(zone)
  if valid then return zone end
  if not zone_warned then
    zone_warned = true
    pw.err(out.escape(require("words").say("cli.timezone",
      tostring(rows[1].source), zone, why, DEFAULT_ZONE)), "\n")
  end
  return DEFAULT_ZONE
end

-- Today as YYYY-MM-DD: --today, else the date now in the plan's time zone.
function pw.today()
  local t = pw.opt.today
  if t then
    if not valid_date(t) then
      pw.fail(require("words").say("cli.bad_today", t))
    end
    return t
  end
  return pw.date_in(pw.timezone())
end

-- The options of the C writers (core/lua_rowout.h), --format by default.
local function writer_opts(opts)
  opts = opts or {}
  local bom = opts.bom
  if bom == nil then bom = pw.opt.bom end -- --bom, unless the caller says
  return { format = opts.format or pw.opt.format, bom = bom,
    max_width = opts.max_width, columns = opts.columns }
end

-- Print rows in the invocation's --format (table, csv or json). Rows of
-- plain values are written by C; rows holding tables by scripts/lib/out.lua,
-- which writes the same text.
local print_rows_fast = pw.print_rows_fast
pw.print_rows_fast = nil
-- On a terminal, a table fits its width: up to TERMINAL_ROWS rows the
-- widest columns are narrowed (scripts/lib/out.lua); beyond, every cell is
-- cut to an equal share of the width.
local TERMINAL_ROWS = 10000
function pw.print_rows(rows, cols, opts)
  local format = pw.opt.format
  local width = format == "table" and pw.term_width()
  -- A table for people with columns of figures written as text (opts.right)
  -- is written here whatever the output, so that they stay right-aligned.
  if (width or (format == "table" and opts and opts.right)) and #rows <= TERMINAL_ROWS then
    local o = {}
    for k, v in pairs(opts or {}) do o[k] = v end
    o.fit = width
    pw.out(out.table(rows, cols, o))
    return
  elseif width then
    local n = #out.columns_of(rows, cols)
    opts = setmetatable({ max_width = math.max(8, (width - 2 * (n - 1)) // math.max(n, 1)) },
      { __index = opts })
  end
  if (format == "table" or format == "csv" or format == "json")
    and print_rows_fast(rows, out.columns_of(rows, cols), writer_opts(opts)) then
    return
  end
  pw.out(out.render(format, rows, cols, opts))
end

-- Run a read-only query and print its rows as they are stepped, in C:
-- memory stays flat whatever the number of rows (see core/lua_rowout.h).
-- params: nil, a table of named parameters or a list of values; opts:
-- format (default --format), columns, bom, max_width. Returns nothing, so
-- that `planwatch -e 'pw.print_query(...)'` prints the rows alone.
local print_query = pw.print_query
function pw.print_query(query, params, opts)
  print_query(query, params, writer_opts(opts))
end

-- Pick the English variant of a field when --lang en and there is one.
function pw.text(row, field)
  if pw.opt.lang == "en" and row[field .. "_en"] then
    return row[field .. "_en"]
  end
  return row[field]
end

-- Show a value the way -e and the REPL print results.
function pw.show(v)
  if type(v) ~= "table" then return tostring(v) end
  if #v > 0 and type(v[1]) == "table" then return out.table(v, nil, { fit = pw.term_width() }) end
  return json.encode(v, nil, "  ") .. "\n"
end

-- Units, active ones by default: pw.units{ kind = "district" }.
function pw.units(filter)
  filter = filter or {}
  return pw.sql([[SELECT code, name, name_en, kind, parent, email
    FROM units WHERE retired_at IS NULL AND (?1 IS NULL OR kind = ?1)
    ORDER BY code]], filter.kind)
end

-- Tasks, active ones: pw.tasks{ lead = "SKHCN" }.
function pw.tasks(filter)
  filter = filter or {}
  return pw.sql([[SELECT no, title, title_en, when_text, from_year, to_year,
      lead, support, group_no, status
    FROM tasks WHERE retired_at IS NULL AND (?1 IS NULL OR lead = ?1)
    ORDER BY no]], filter.lead)
end

-- Indicators, their values and their targets (scripts/lib/indicators.lua
-- and targets.lua, loaded when first used).

-- pw.indicator("GRDP"): the indicator with :values{}, :series{}, :status{}.
function pw.indicator(code)
  return require("indicators").object(code)
end

-- Stored values: pw.values{ indicator=, unit=, from=, to=, period_type= }.
function pw.values(filter)
  return require("indicators").values(filter)
end

-- Every active target evaluated on today: pw.targets{ today = "2025-06-30" }.
function pw.targets(opts)
  return require("targets").evaluate(opts)
end

-- Charts as SVG text (scripts/lib/chart.lua, loaded when first used):
-- pw.chart.line{...}, pw.chart.bar{...}, pw.chart.heatmap{...},
-- pw.chart.progress{...}.
pw.chart = setmetatable({}, { __index = function(_, name)
  return require("chart")[name]
end })

-- Called by the host with what the chunk returned: for -e, print each value;
-- for a script, a returned integer is the exit status.
-- With --format csv or json, a list of rows is written in that format.
function pw.finish(print_results, ...)
  if print_results then
    local tty = pw.isatty(1) -- a terminal sees control characters escaped
    for i = 1, select("#", ...) do
      local v = (select(i, ...))
      if pw.opt.format ~= "table" and type(v) == "table" and type(v[1]) == "table" then
        pw.print_rows(v)
        goto continue
      end
      local s = pw.show(v)
      if tty then s = out.escape(s, true) end
      pw.out(s, s:sub(-1) == "\n" and "" or "\n")
      ::continue::
    end
    return 0
  end
  local status = ...
  return math.type(status) == "integer" and status or 0
end

local function say(key, ...)
  return require("words").say("cli." .. key, ...)
end

-- The option of spec nearest to a mistyped name (core/suggest.h), or nil.
local function nearest(name, spec)
  local names = {}
  for k in pairs(spec) do names[#names + 1] = k end
  table.sort(names)
  return pw.textutil.nearest(name, names)
end

-- Parse a command's arguments against a spec { flag = "value"|"boolean" }:
-- returns options and positional arguments (at most max_positional, when
-- given), or fails with a usage error.
function pw.parse_args(args, spec, usage, max_positional)
  local opts, pos, i = {}, {}, 1
  while i <= #args do
    local a = args[i]
    if a == "--help" or a == "-h" then
      pw.out(usage, "\n")
      opts.help = true
      return opts, pos
    end
    local name, given = a:match("^%-%-([%w-]+)=(.*)$")
    name = name or a:match("^%-%-([%w-]+)$")
    if name and spec[name] == "boolean" and not given then
      opts[name] = true
    elseif name and spec[name] == "value" then
      if not given then
        i = i + 1
        given = args[i]
      end
      if given == nil then pw.fail(say("needs_value", name) .. "\n" .. usage) end
      opts[name] = given
    elseif name and spec[name] == "boolean" then
      pw.fail(say("takes_no_value", name) .. "\n" .. usage)
    elseif name then
      local near = nearest(name, spec)
      pw.fail(say("unknown_option", name)
        .. (near and say("did_you_mean_option", near) or "") .. "\n" .. usage)
    else
      pos[#pos + 1] = a
    end
    i = i + 1
  end
  if max_positional and #pos > max_positional then
    pw.fail(say("unexpected", pos[max_positional + 1]) .. "\n" .. usage)
  end
  return opts, pos
end

return pw
