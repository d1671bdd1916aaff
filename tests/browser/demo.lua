-- Made-up values for Plan 114 (2020-2024) and report receipts, so that the
-- report has something to draw. Every row is labelled as illustrative in
-- its source, and the report marks it so. Run with:
--   planwatch --db FILE --write run tests/browser/demo.lua
local SOURCE = "minh họa (illustrative)"
local NOTE = "Số liệu minh họa, không phải số liệu thật / illustrative, not real data"

local KIND = { year = 0, half = 1, quarter = 2, ["9m"] = 3, month = 4 }

local values = {
  -- GRDP (tỷ đồng, constant prices) and employed workers, from the province:
  -- productivity grows about 5.9 %/year, a little short of the 6.2 % target
  { "GRDP", "UBND_YB", { 26500, 27900, 29700, 31500, 33500 } },
  { "LAO_DONG", "UBND_YB", { 478000, 474500, 471000, 468500, 467000 } },
  -- pilot projects started each year, by the reporting departments
  { "DN_DU_AN_DIEM", "SKHCN", { nil, 1, 2, 2, 3 } },
  { "DN_DU_AN_DIEM", "SCT", { nil, 0, 1, 1, 1 } },
  { "DN_CONG_NGHE_SO", "STTTT", { nil, 0, 1, 0, 1 } },
  { "DN_UNG_DUNG_CNS", "STTTT", { nil, 1, 1, 2, 1 } },
  { "DN_XAY_LAP_THI_DIEM", "SGTVT", { nil, 0, 0, 0, 0 } },
  { "NHOM_DNNVV_HO_TRO", "SKHDT", { nil, 0, 1, 1, 2 } },
}

-- Reports received: for each year, the units that reported on time, late
-- (with the day) or not at all (absent).
local late = { SCT = { "2021", "2021-12-28" }, SXD = { "2022", "2022-12-30" },
  UBND_TRAMTAU = { "2023", "2023-12-26" }, UBND_MUCANGCHAI = { "2022", "2022-12-27" },
  HHDN = { "2023", "2024-01-05" } }
local never = { LMHTX = true, UBND_VANCHAN = 2023, SYT = 2024, SGDDT = 2024 }

pw.transaction(function()
  for _, v in ipairs(values) do
    for i = 1, 5 do
      local value = v[3][i]
      if value then
        pw.exec([[INSERT OR REPLACE INTO indicator_values (indicator, year, ptype, pnum,
            unit, period, value, note, source, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)]],
          v[1], 2019 + i, KIND.year, 0, v[2], tostring(2019 + i), value, NOTE, SOURCE,
          "2025-01-15T00:00:00Z")
      end
    end
  end
  local items = require("duties").schedule({ today = "2025-06-30" })
  for _, it in ipairs(items) do
    local y = tonumber(it.period)
    local skip = never[it.unit] == true or (never[it.unit] and y >= never[it.unit])
    if y <= 2024 and it.duty == "BC_DONVI_KH114" and not skip then
      local l = late[it.unit]
      local at = l and l[1] == it.period and l[2] or it.deadline
      pw.exec([[INSERT OR REPLACE INTO submissions (duty, unit, period, received_at, note,
          source, recorded_at) VALUES (?,?,?,?,?,?,?)]], it.duty, it.unit, it.period,
        at, NOTE, SOURCE, "2025-01-15T00:00:00Z")
    elseif y <= 2023 and it.unit == "SKHCN" then
      pw.exec([[INSERT OR REPLACE INTO submissions (duty, unit, period, received_at, note,
          source, recorded_at) VALUES (?,?,?,?,?,?,?)]], it.duty, it.unit, it.period,
        it.deadline, NOTE, SOURCE, "2025-01-15T00:00:00Z")
    end
  end
end)
return 0
