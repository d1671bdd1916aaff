-- Many rows in few statements: the rows go into one statement ROWS at a
-- time, each value bound as it is (nil as NULL), instead of a statement
-- per row (preparing a statement costs more than writing its row).
local sqlbatch = {}

-- Rows per statement: 200 rows of up to 20 columns stay well under
-- SQLite's 32,766 bound parameters.
local ROWS = 200

-- The two shapes a chunk of rows takes in a statement: values(n) is
-- "(?, ...), (?, ...)" (n values a row), for VALUES; match(cols) is
-- "(a = ? AND b = ?) OR (...)", for a WHERE that finds rows by key (SQLite
-- looks each up by its index; "(a, b) IN (VALUES ...)" scans the table).
function sqlbatch.values(n)
  return { n = n, one = "(" .. string.rep("?", n, ", ") .. ")", sep = ", " }
end

function sqlbatch.match(cols)
  local eq = {}
  for i, c in ipairs(cols) do eq[i] = c .. " = ?" end
  return { n = #cols, one = "(" .. table.concat(eq, " AND ") .. ")", sep = " OR " }
end

-- Call run(sql, ...) for each chunk of rows (lists of shape.n values, a
-- value may be nil), sql being sql_fmt with its one "%s" replaced by the
-- chunk in that shape.
local function each(run, sql_fmt, shape, rows)
  local head, tail = sql_fmt:match("^(.-)%%s(.*)$")
  local ncols, full = shape.n, nil
  for first = 1, #rows, ROWS do
    local last = math.min(first + ROWS - 1, #rows)
    local vals, n = {}, 0
    for i = first, last do
      local r = rows[i]
      for c = 1, ncols do vals[n + c] = r[c] end
      n = n + ncols
    end
    local count = last - first + 1
    local marks = count == ROWS and full or string.rep(shape.one, count, shape.sep)
    if count == ROWS then full = marks end
    run(head .. marks .. tail, table.unpack(vals, 1, n))
  end
end

-- Write: e.g. sqlbatch.exec("INSERT INTO t (a, b) VALUES %s",
-- sqlbatch.values(2), rows).
function sqlbatch.exec(sql_fmt, shape, rows)
  each(pw.exec, sql_fmt, shape, rows)
end

-- Read: e.g. sqlbatch.sql("SELECT * FROM t WHERE %s",
-- sqlbatch.match({ "a", "b" }), keys); returns the rows of every chunk
-- in one list.
function sqlbatch.sql(sql_fmt, shape, rows)
  local out = {}
  each(function(...)
    for _, r in ipairs(pw.sql(...)) do out[#out + 1] = r end
  end, sql_fmt, shape, rows)
  return out
end

return sqlbatch
