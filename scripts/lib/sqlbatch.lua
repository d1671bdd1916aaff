-- Many rows in few statements: the rows go into one statement ROWS at a
-- time, each value bound as it is (nil as NULL), instead of a statement
-- per row (preparing a statement costs more than writing its row).
local sqlbatch = {}

-- Rows per statement: 200 rows of up to 20 columns stay well under
-- SQLite's 32,766 bound parameters. A statement also stops taking rows
-- once its text values reach BYTES, so that what SQLite holds of it at
-- once stays far under its heap limit (256 MiB) however long the texts.
local ROWS, BYTES = 200, 8 << 20

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
  local i = 1
  while i <= #rows do
    local vals, n, count, bytes = {}, 0, 0, 0
    while i <= #rows and count < ROWS and bytes < BYTES do
      local r = rows[i]
      for c = 1, ncols do
        local v = r[c]
        vals[n + c] = v
        if type(v) == "string" then bytes = bytes + #v end
      end
      n, count, i = n + ncols, count + 1, i + 1
    end
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
