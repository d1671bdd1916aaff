-- The export as it was written before core/rowout.c, for bench.lua to
-- measure against: `planwatch run tests/bench/export_lua.lua csv|json`
-- streams every stored value through pw.rows and scripts/lib/out.lua (CSV)
-- or pw.json (JSON), 1000 rows at a time.
local COLS = { "indicator", "unit", "period", "value", "note", "source", "updated_at" }
local out, format = pw.out_module, pw.args[1]
local query = require("indicators").values_query({})
local chunk, first = {}, true

local function flush()
  if format == "csv" then
    local text = out.csv(chunk, COLS)
    if not first then text = text:sub(text:find("\r\n", 1, true) + 2) end
    pw.out(text)
  else
    for i, r in ipairs(chunk) do chunk[i] = pw.json.encode(r, COLS) end
    pw.out(first and "[\n  " or ",\n  ", table.concat(chunk, ",\n  "))
  end
  first, chunk = false, {}
end

for r in pw.rows(query) do
  chunk[#chunk + 1] = r
  if #chunk == 1000 then flush() end
end
if #chunk > 0 then flush() end
if format ~= "csv" then pw.out(first and "[]\n" or "\n]\n") end
