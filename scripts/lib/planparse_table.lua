-- Reading a plan's appendix table: its header row, its numbered rows,
-- each row's cells shared out to the columns, and each row as a task
-- (content and items, time, lead and coordinating units, the targets its
-- text names). Methods of planparse_doc's Doc; time() reads a time cell.
local T = require "planparse_text"
local W = require "planparse_words"
local U = require "planparse_units"
local D = require "planparse_doc"

local Doc, find, unbullet = D.Doc, D.find, D.unbullet
local M = {}


-- The column a header cell names, or nil.
local function column_of(l)
  local key = l.key:gsub("[:.]+$", "")
  for _, c in ipairs(W.COLUMNS) do
    for _, e in ipairs(c.exact or {}) do if key == e then return c.col end end
    if c.any and T.has_any(key, c.any) then return c.col end
  end
end

-- A period code from a quarter ("iv") or half ("dau") word and a year.
local function quarter(q, y) return W.QUARTERS[q] and (y .. "-Q" .. W.QUARTERS[q]) end

-- A time cell as the plugin's `when`: when, how sure ("sure", "span"),
-- or nil. A quarter, half or month is a period code ("2021-Q2", "2022-H1",
-- "2024-09"), a run of quarters two ("2021-Q3/2023-Q2").
function M.time(key)
  key = key:gsub("[.;:]+$", "")
  for _, t in ipairs(W.TIMES) do
    local caps = { key:match(t[1]) }
    local kind, a, b = t[2], caps[1], caps[2]
    if a then
      if kind == "year" then return a, "sure"
      elseif kind == "range" then
        if tonumber(a) > tonumber(b) then return nil, "backwards", a .. "-" .. b end
        return a .. "/" .. b, "sure"
      elseif kind == "annual" then return "annual", "sure"
      elseif kind == "from" then return "from " .. a, "sure"
      elseif kind == "span" then return nil, "span"
      elseif kind == "quarter" then
        local p = quarter(a, b)
        if p then return p, "sure" end
      elseif kind == "quarters" then
        local p, q = quarter(a, b), quarter(caps[3], caps[4])
        if p and q then
          if q < p then return nil, "backwards", p .. "-" .. q end
          return p .. "/" .. q, "sure"
        end
      elseif kind == "month" then
        local m = tonumber(a)
        if m >= 1 and m <= 12 then return string.format("%s-%02d", b, m), "sure" end
      elseif kind == "half" and W.HALVES[a] then
        return b .. "-H" .. W.HALVES[a], "sure"
      end
    end
  end
end

local function is_time(l)
  local when, how = M.time(l.key)
  return when ~= nil or how == "span" or how == "backwards"
end

local function row_number(l)
  local n = l.text:match("^(%d+)%.?$")
  return n and tonumber(n)
end

-- Split the appendix lines into the header's columns and rows of cells.
function Doc:table_rows(lines, from, to)
  local columns, first
  local h = find(lines, from, to, function(l) return column_of(l) == "no" end)
  if h then
    columns = { "no" }
    local i = h + 1
    while i <= to and not row_number(lines[i]) do
      local c = column_of(lines[i])
      if c then columns[#columns + 1] = c
      else columns[#columns + 1] = "other" end
      i = i + 1
    end
    first = i
  else
    first = find(lines, from, to, function(l) return row_number(l) == 1 end)
    if first then
      self:warn(lines[first].n, "the appendix has no header row (Stt, Nội dung, nhiệm vụ, " ..
        "Thời gian, Đơn vị chủ trì, Đơn vị phối hợp): read in that order")
    end
    columns = W.DEFAULT_COLUMNS
  end
  local rows, row = {}, nil
  for i = first or to + 1, to do
    local l = lines[i]
    local n = row_number(l)
    local last = row and row.no or 0
    if n and n > last and n <= last + 5 and (not row or #row.cells >= 3) then
      if n ~= last + 1 then
        self:warn(l.n, string.format("appendix row %d follows row %d: rows are missing", n, last))
      end
      row = { no = n, line = l, cells = {} }
      rows[#rows + 1] = row
    elseif row then
      row.cells[#row.cells + 1] = l
    end
  end
  return columns, rows
end

function Doc:task_units(task, lead_cell, support_cell)
  local names = self.units:split(lead_cell.text)
  local leads = {}
  for _, name in ipairs(names) do
    if not U.is_collective(name) then leads[#leads + 1] = name end
  end
  if #leads == 0 then
    self:review(lead_cell, "no single lead unit: the plan's issuer is given as lead", task.reviews)
    task.lead = self.issuer.code
  else
    local u, review = self.units:resolve(leads[1], lead_cell.n, lead_cell.text)
    if review then self.reviews[#self.reviews + 1] = review; task.reviews[#task.reviews + 1] = review end
    task.lead = u.code
  end
  local support = {}
  if #leads > 1 then
    self:review(lead_cell, "several lead units: the first leads, the others coordinate", task.reviews)
    for k = 2, #leads do support[#support + 1] = leads[k] end
  end
  if support_cell then
    if U.all_concerned(support_cell.text) then
      task.support_all = true
    else
      local collective = {}
      for _, name in ipairs(self.units:split(support_cell.text)) do
        if U.is_collective(name) then collective[#collective + 1] = name
        else support[#support + 1] = name end
      end
      if #support == 0 and #collective > 0 then
        task.support_all = true
        self:review(support_cell, "coordinating units named as a group: read as all units concerned",
                    task.reviews)
      elseif #collective > 0 then
        task.support_also = table.concat(collective, ", ")
        for _, name in ipairs(collective) do
          if U.is_districts(name) then
            local g = self:group_unit(name, support_cell)
            self:review(support_cell, string.format("also coordinating: the group %s \"%s\" " ..
              "(add it to support when its members coordinate)", g.code, name), task.reviews)
          end
        end
      end
    end
  end
  task.support, task.support_line = {}, support_cell or lead_cell
  local seen = { [task.lead] = true }
  for _, name in ipairs(support) do
    local line = support_cell or lead_cell
    local u, review = self.units:resolve(name, line.n, line.text)
    if review then self.reviews[#self.reviews + 1] = review; task.reviews[#task.reviews + 1] = review end
    if not seen[u.code] then
      seen[u.code] = true
      task.support[#task.support + 1] = u.code
    end
  end
end

-- The first clause of a paragraph, for a task's title.
local function first_clause(text)
  local cut = text:find(";", 1, true) or text:find("%. ")
  local s = cut and text:sub(1, cut - 1) or text
  return (s:gsub("[%s%p]+$", ""))
end

-- Share a row's cells out to the columns. The time cell anchors them: the
-- cells before it are the content (one or more paragraphs, then one per
-- column between content and time), the cells after it one per column.
-- Returns the content cells and the cells by column, or nil when the row
-- cannot be read.
function Doc:row_cells(row, columns, is_last, reviews)
  local cols = { table.unpack(columns, 2) }
  local t_at
  for k, c in ipairs(cols) do if c == "time" then t_at = k end end
  local cells, cut = row.cells, is_last and "; the table may be cut short" or ""
  local pre, post = t_at and t_at - 1 or #cols, t_at and #cols - t_at or 0
  local t
  if t_at then
    for k = pre + 1, #cells do
      if is_time(cells[k]) then t = k break end
    end
    if not t and #cells >= pre + 1 + post then t = #cells - post end
  end
  if not t then
    self:warn(row.line.n, string.format("appendix row %d is incomplete (no time cell)%s: left out",
                                        row.no, cut))
    return nil
  end
  local by_col = { time = cells[t] }
  for k = 1, post do by_col[cols[t_at + k]] = cells[t + k] end
  if not by_col.lead then
    self:warn(row.line.n, string.format("appendix row %d has no lead unit%s: left out", row.no, cut))
    return nil
  end
  for k = 1, post do
    if cols[t_at + k] == "support" and not by_col.support then
      self:warn(row.line.n, string.format("appendix row %d has no coordinating-unit cell%s",
                                          row.no, cut))
    end
  end
  local extra = #cells - (t + post)
  if extra > 0 then
    local l = cells[t + post + 1]
    if is_last then
      self:warn(l.n, string.format("%d line(s) after the last row of the appendix left out", extra))
    else
      self:review(l, string.format("%d cell(s) more than the table has columns, left out", extra),
                  reviews)
    end
  end
  return { table.unpack(cells, 1, t - pre) }, by_col
end

-- The task's `when` from its time cell.
function Doc:task_time(task, cell)
  local when, how, detail = M.time(cell.key)
  if when == nil then
    when = self.span and (self.span[1] .. "/" .. self.span[2]) or nil
    local why = how == "backwards" and ("the period " .. detail .. " ends before it starts")
      or how == "span" and "a continuing task" or "time not recognised"
    self:review(cell, why .. ": given the plan's span", task.reviews)
  end
  task.when, task.when_line = when, cell
end

-- The task's title and items from its content paragraphs; false when
-- there is no text.
function Doc:task_content(task, content)
  local paras = {}
  for _, c in ipairs(content) do
    local text = unbullet(c.text)
    if text:find("%w") then
      paras[#paras + 1] = { line = c, text = self:check_text(c, text, task.reviews) }
    end
  end
  if #paras == 0 then return false end
  if #paras == 1 then
    task.title = paras[1].text
  else
    task.items = {}
    for _, p in ipairs(paras) do task.items[#task.items + 1] = p.text end
    task.title = first_clause(paras[1].text)
    if not task.title:find("%w") then task.title = paras[1].text end
    task.title_from_item = true
  end
  task.content = paras
  return true
end

-- One appendix row as a task, or nil (with a warning) when it cannot be.
function Doc:task(row, columns, is_last)
  local task = { no = row.no, line = row.line, reviews = {}, targets = {} }
  local content, cells = self:row_cells(row, columns, is_last, task.reviews)
  if not content then return nil end
  if not self:task_content(task, content) then
    self:warn(row.line.n, string.format("appendix row %d has no content: left out", row.no))
    return nil
  end
  self:task_time(task, cells.time)
  self:task_units(task, cells.lead, cells.support)
  for _, p in ipairs(task.content) do
    self:add_targets(p.text, p.line, { task = task, ref = "Phụ lục, Stt " .. row.no, scope = "task" })
  end
  return task
end

function Doc:read_appendix(lines, from, to)
  local columns, rows = self:table_rows(lines, from, to)
  if #rows == 0 then
    self:warn(lines[from - 1].n, "the appendix has no numbered rows: no tasks imported")
    return
  end
  for k, row in ipairs(rows) do
    local task = self:task(row, columns, k == #rows)
    if task then self.tasks[#self.tasks + 1] = task end
  end
end


return M
