---@meta
-- Definitions of the `pw` API for the Lua language server (LuaLS), so that
-- an editor completes and checks scripts; see scripts/README.md, "Editor
-- support". This file is never run: the C core (core/lua_sql.h, lua_files.h,
-- lua_term.h, lua_clock.h, lua_plugin.h, lua_period.h, lua_outbox.h, lua_mail.h, lua_import.h, lua_text.h) and
-- scripts/lib/pw.lua define the real thing, and this file follows them
-- (tests/spec/api_spec.lua checks that it names every function they define).

---A row of a query: column name -> value (NULL columns are absent).
---@alias pw.Row table<string, string|number>

---A parameter bound to `?`, `?NNN` or, from a table, `:name`.
---@alias pw.Param string|number|boolean|nil

---@alias pw.Format "table"|"csv"|"json"
---@alias pw.PeriodKind "year"|"half"|"quarter"|"9m"|"month"
---@alias pw.TargetStatusCode "achieved"|"missed"|"on_track"|"at_risk"|"off_track"|"no_data"

---The invocation's options.
---@class pw.Options
---@field db string the database file (`--db`)
---@field plugins string the plan packages' folder (`--plugins`)
---@field home string the folder holding `scripts/`
---@field today? string `--today` when given, `YYYY-MM-DD`
---@field format pw.Format `--format`
---@field lang "vi"|"en" `--lang`
---@field write boolean whether the database may be changed (`--write`)
---@field bom boolean CSV output starts with a UTF-8 byte order mark (`--bom`, for Excel)
---@field debug boolean `--debug`: errors keep the place in planwatch's own scripts
---@field schema_version integer the schema this planwatch writes

---A period as `pw.period.parse` returns it.
---@class pw.Period
---@field year integer
---@field kind pw.PeriodKind
---@field num integer half 1-2, quarter 1-4, month 1-12; 0 for year and 9m
---@field code string e.g. "2025-Q3"

---A row of the `holidays` table (other fields are ignored).
---@class pw.Holiday
---@field date string `YYYY-MM-DD`
---@field kind "holiday"|"compensatory"|"workday"

---A unit as loaded (scripts/lib/model.lua declares its fields; tests/spec/
---plans_spec.lua checks these classes against it).
---@class pw.Unit
---@field code string
---@field name string
---@field name_en? string
---@field kind "province"|"council"|"department"|"board"|"association"|"district"|"leadership"|"national"|"recipient"|"ministry"|"university"|"institute"|"press"|"group"
---@field parent? string
---@field email? string
---@field members? string JSON array of unit codes, for a group

---@class pw.Task
---@field no integer
---@field title string
---@field title_en? string
---@field when_text string
---@field from_year integer
---@field to_year integer
---@field lead string
---@field support? string JSON array of unit codes
---@field group_no? integer
---@field from_period? string the period code it starts in, when finer than a year
---@field to_period? string the period code it ends in, when finer than a year
---@field status string

---A stored indicator value.
---@class pw.Value
---@field indicator string
---@field unit string
---@field period string
---@field value number
---@field note? string
---@field source? string
---@field updated_at string

---@class pw.ValuesFilter
---@field indicator? string an indicator code
---@field unit? string a unit code or alias
---@field from? string a period code: periods starting on or after its first day
---@field to? string a period code: periods ending on or before its last day
---@field period_type? pw.PeriodKind

---@class pw.SeriesPoint
---@field period string
---@field value number

---A series: points in period order, also indexed by period code
---(`s["2024"]`, or `s[2024]` for a year).
---@class pw.Series
---@field [integer] pw.SeriesPoint
---@field [string] number

---@class pw.SeriesOptions
---@field unit? string one unit's series (code or alias) instead of the plan's
---@field period_type? pw.PeriodKind default: the indicator's declared period
---@field from? string period code
---@field to? string period code

---A target evaluated on a day (`pw.targets`).
---@class pw.TargetStatus
---@field plan_id string
---@field key string e.g. "NSLD_TANG_BQ@2021/2025"
---@field indicator string
---@field name string
---@field name_en? string
---@field measure? string
---@field rule "last"|"sum"|"distinct"|"cagr"|"every_year"
---@field of? string for cagr: the indicator whose growth is measured
---@field goal? string
---@field window_from integer
---@field window_to integer
---@field op ">="|">"|"<="|"<"|"="|"between"|"~"
---@field required number
---@field required_high? number for between
---@field tolerance? number for ~: met within required ± tolerance
---@field actual? number
---@field projected? number while the window is open
---@field status pw.TargetStatusCode
---@field years string[] the periods with data that the evaluation used
---@field error? string why the evaluation could not run (status is no_data)

---@class pw.TargetsOptions
---@field today? string `YYYY-MM-DD`; default `pw.today()`
---@field indicator? string only this indicator's targets
---@field plan? string only this plan's targets

---An indicator as declared, with its values, series and targets.
---@class pw.Indicator
---@field code string
---@field plan_id string
---@field name string
---@field name_en? string
---@field measure? string
---@field period "year"|"half"|"quarter"|"month"
---@field rule "last"|"sum"|"distinct"|"cagr"|"every_year"
---@field of? string
---@field derived integer 1 when a Lua formula computes it
---@field goal? string
---@field owner? string
---@field source string the plugin file, relative to `pw.opt.plugins`
---@field retired_at? string
local Indicator = {}

---Stored values of this indicator.
---@param filter? { unit?: string, from?: string, to?: string, period_type?: pw.PeriodKind }
---@return pw.Value[]
function Indicator:values(filter) end

---The plan's series (the issuer's value per period, else the sum over
---units) or one unit's; a derived indicator's comes from its formula.
---@param opts? pw.SeriesOptions
---@return pw.Series
function Indicator:series(opts) end

---This indicator's targets evaluated on a day.
---@param opts? { today?: string }
---@return pw.TargetStatus[]
function Indicator:status(opts) end

---@class pw.period
local period = {}

---@param code string
---@return pw.Period|nil
---@return string? message when code is not a period
function period.parse(code) end

---@param t { year: integer, kind: pw.PeriodKind, num?: integer }
---@return string code
function period.format(t) end

---@param code string
---@return string
function period.next(code) end

---@param code string
---@return string
function period.prev(code) end

---By last day, then the shorter period first.
---@param a string
---@param b string
---@return -1|0|1
function period.compare(a, b) end

---@param from string
---@param to string same kind as from
---@return string[]
function period.range(from, to) end

---@param code string
---@return string first_day
---@return string last_day
function period.bounds(code) end

---The Decree 09/2019 cut-off window (nine months, which the decree does not
---cover: planwatch's convention, 15 Dec to 14 Sep).
---@param code string
---@return string from
---@return string to
function period.cutoff(code) end

---@param date string
---@param holidays? pw.Holiday[]
---@return boolean
function period.is_workday(date, holidays) end

---@param date string
---@param n integer 1..3660
---@param holidays? pw.Holiday[]
---@return string date
function period.workdays_after(date, n, holidays) end

---n working days after the end of the period's cut-off window.
---@param code string
---@param n integer
---@param holidays? pw.Holiday[]
---@return string date
function period.deadline(code, n, holidays) end

---Days since 1970-01-01 (negative before) of a date.
---@param date string
---@return integer
function period.days(date) end

---The date of a day count from 1970-01-01 (years 1900..2200).
---@param days integer
---@return string date
function period.date(days) end

---@class pw.json
local json = {}

---@param v any
---@param keys? string[] key order of the top-level object
---@param indent? string
---@return string
function json.encode(v, keys, indent) end

---@param text string
---@return any
function json.decode(text) end

---A number as text, exactly: an integer in full, a float as the shortest of
---%.15g, %.16g and %.17g that reads back as the same double.
---@param v number
---@return string
function json.number(v) end

---Mark t so that it encodes as {} even when empty.
---@generic T: table
---@param t? T
---@return T
function json.object(t) end

---The module `require "out"`.
---@class pw.out_module
local out = {}

---@param rows pw.Row[]
---@param cols? string[]
---@param opts? { max_width?: integer }
---@return string
function out.table(rows, cols, opts) end

---@param rows pw.Row[]
---@param cols? string[]
---@param opts? { bom?: boolean }
---@return string
function out.csv(rows, cols, opts) end

---@param rows pw.Row[]
---@param cols? string[]
---@return string
function out.json(rows, cols) end

---@param format pw.Format
---@param rows pw.Row[]
---@param cols? string[]
---@param opts? table
---@return string
function out.render(format, rows, cols, opts) end

---Terminal columns that s takes.
---@param s string
---@return integer
function out.width(s) end

---s with control characters (C0, DEL, C1, bidi overrides and isolates) and
---ill-formed UTF-8 shown as escapes (`\x1B`, `\u202E`, `\xFF`); LF kept when
---keep_lf. What every printer of plugin or database text uses.
---@param s string
---@param keep_lf? boolean
---@return string
function out.escape(s, keep_lf) end

---The columns to show: cols, or the sorted keys of the first row.
---@param rows table[]
---@param cols? string[]
---@return string[]
function out.columns_of(rows, cols) end

---The outbox: changes in write mode only, counts in any mode.
---@class pw.outbox
local outbox = {}

---@param msg { key: string, transport: string, recipient: string, subject?: string, text?: string, html?: string, payload?: string }
---@return integer id
---@return boolean queued true when newly queued (false: the key was already there)
function outbox.enqueue(msg) end

---@param owner string
---@param lease_seconds integer
---@param max integer
---@return integer[] ids
function outbox.claim(owner, lease_seconds, max) end

---@param id integer
---@param message_id? string
function outbox.sent(id, message_id) end

---@param id integer
---@param temporary boolean
---@param error string
---@return "failed"|"dead"
function outbox.failed(id, temporary, error) end

---@param id? integer
---@return integer requeued
function outbox.retry(id) end

---Take back the messages leased by processes of this host that are gone.
---@return integer taken_back
function outbox.reclaim() end

---Put a claimed message back in the queue, due after delay_seconds, no
---attempt counted (the session failed, not the message).
---@param id integer
---@param delay_seconds integer
---@param error? string
function outbox.release(id, delay_seconds, error) end

---Record an attempt whose outcome is unknown (all sent, no answer).
---@param id integer
---@param error? string
---@return "unknown"
function outbox.unknown(id, error) end

---Dismiss a dead, unknown or failed message (no id: every dead one).
---@param id? integer
---@return integer dismissed
function outbox.dismiss(id) end

---Every state a message can be in, in its life's order (any mode).
---@return string[]
function outbox.states() end

---Messages that may still go out: queued, failed and waiting for a retry,
---unanswered, or held by a run (any mode).
---@param transport? "mail"|"webhook" nil: any
---@return integer
function outbox.open_count(transport) end

---Messages a person should look at: failed, dead or unanswered (any mode).
---@param id? integer with an id: 1 when that message is one, else 0
---@return integer
function outbox.troubles(id) end

---The messages a person should look at, in id order (any mode).
---@return { id: integer, state: string, attempts: integer }[]
function outbox.troubled() end

---Messages waiting for an attempt later than now (any mode).
---@return integer waiting
---@return string? earliest the earliest next attempt, UTC
function outbox.later() end

---@class pw.ImportOptions
---@field dry_run? boolean check and count only; allowed without --write
---@field progress? boolean rows read/written on stderr (pass `pw.isatty(2)`)
---@field check? fun(indicator: string, rows: { unit: string, period: string, value: number, line: integer }[]): { line: integer, message: string }[] the caller's own rules, called before anything is written, at most 10,000 rows per call
---@field check_indicators? string[] the indicators whose rows go to check (default: all)
---@field text? string the CSV text itself, read instead of the file (path still names it in messages)

---@class pw.ImportResult
---@field read integer
---@field added integer
---@field changed integer
---@field unchanged integer
---@field errors string[] "file:line: field: ..."; when not empty nothing was written
---@field more integer errors beyond those listed

---An address: "local@domain" or with a display name (UTF-8).
---@alias pw.MailAddress string|{ address: string, name?: string }

---@class pw.MailMessage
---@field from? pw.MailAddress
---@field to pw.MailAddress
---@field subject string
---@field text? string
---@field html? string
---@field headers? table "Name: value" strings in order and/or name = value pairs

---@class pw.MailResult
---@field ok boolean
---@field temporary? boolean
---@field code? integer
---@field message? string
---@field message_id? string
---@field transport? string
---@field path? string the .eml file (file transport)
---@field refused? boolean the message itself is at fault (its text), not the server
---@field hint? string the setting to check (English)
---@field hint_code? string that hint as a word: login-refused, no-starttls, untrusted-certificate, tls-handshake, no-server, wants-tls, wants-login, sender-refused, greeting-refused, webhook-no-answer
---@field data? string the message bytes (dry run)

---@class pw.MailSession
local MailSession = {}

---@param msg { to: pw.MailAddress, subject: string, text?: string, html?: string, headers?: table, key?: string, id?: integer, from_name?: string }
---@return pw.MailResult
function MailSession:send(msg) end

---In a batch session, wait until the files written since the last sync are
---on disk (one wait for them all); true at once otherwise.
---@return true|nil
---@return string? message why the files may not be on disk
function MailSession:sync() end

---Try the settings (connect, TLS, EHLO, login) and send nothing.
---@return pw.MailResult result ok, or the failure of the session with a hint naming the setting
function MailSession:check() end

---Say QUIT, and sync a batch (also done on garbage collection and `<close>`,
---where a sync error is lost).
---@return true|nil
---@return string? message
function MailSession:close() end

---The transports (core/lua_mail.h): C builds and sends; wording,
---recipients and keys come from Lua.
---@class pw.mail
local mail = {}

---@param msg pw.MailMessage
---@return string|nil bytes
---@return string message_id_or_error the Message-ID, or why it was refused
function mail.build(msg) end

---Raises when the SMTP settings are unusable. batch: the file transport
---names each file at once and waits for the disk at `sync()`, for a batch
---of files together (at most 256; later ones are written as without batch).
---@param opts? { dry_run?: boolean, batch?: boolean }
---@return pw.MailSession
function mail.session(opts) end

---@return "smtp"|"file"|nil transport
---@return string url_or_folder_or_why the URL or folder, or why there is no transport
---@return "no-transport"? code when nothing at all is set (for a translation)
---@return string? folder where PLANWATCH_TRANSPORT=file would write, with that code
function mail.transport() end

---Consecutive session failures before a run leaves a transport alone
---(PLANWATCH_MAIL_BREAKER, default 3); raises when it is not a whole number.
---@return integer
function mail.breaker() end

---@param url string
---@param json_text string
---@param key? string sent as the Idempotency-Key header
---@return { ok: boolean, temporary?: boolean, code?: integer, message?: string }
function mail.webhook(url, json_text, key) end

---@param s string
---@return true|nil
---@return string? message
function mail.check_address(s) end

---UTF-8 text (core/lua_text.h). Every function but valid raises "invalid
---UTF-8 at byte N" for a string that is not UTF-8.
---@class pw.textutil
local textutil = {}

---@param s string
---@return boolean
---@return integer? offset 1-based offset of the first bad byte
function textutil.valid(s) end

---Latin letters in lower case ("ỦY" -> "ủy").
---@param s string
---@return string
function textutil.lower(s) end

---Latin letters in upper case ("đ" -> "Đ").
---@param s string
---@return string
function textutil.upper(s) end

---Latin letters and their combining marks composed (NFC).
---@param s string
---@return string
function textutil.nfc(s) end

---Without diacritics ("Đường" -> "Duong"); case and other characters kept.
---@param s string
---@return string
function textutil.strip(s) end

---Control characters and ill-formed UTF-8 shown as escapes (out.escape);
---any bytes.
---@param s string
---@param keep_lf? boolean
---@return string
function textutil.escape(s, keep_lf) end

---The word of the list nearest to a mistyped one ("statsu" -> "status"),
---or nil when none is near enough.
---@param word string
---@param words string[]
---@return string|nil
function textutil.nearest(word, words) end

---A point of a line chart: x and y, or a period code and its value (as
---`ind:series{}` returns them; a period sits at its end: 2025-Q1 at 2024.25).
---@class pw.ChartPoint
---@field x? number
---@field y? number
---@field period? string
---@field value? number

---@class pw.ChartSeries
---@field label? string in the legend (no label: not in the legend)
---@field points pw.ChartPoint[] a point with no y breaks the line
---@field color? string CSS colour; default: the palette's next
---@field dash? boolean a dashed line
---@field markers? boolean a dot on each point (default true)
---@field line? boolean false: the points alone, as hollow circles

---@class pw.ChartBand
---@field x0 number
---@field x1 number
---@field y0 number
---@field y1 number
---@field label? string
---@field color? string

---@class pw.LineChartOptions
---@field series pw.ChartSeries[]
---@field bands? pw.ChartBand[] shaded rectangles (a target range over a window)
---@field width? integer pixels (default 640)
---@field height? integer pixels of the plot, legend below it (default 240)
---@field title? string the chart's accessible name and tooltip
---@field y_label? string
---@field x_min? number
---@field x_max? number
---@field y_min? number default: 0, or the least value when below 0
---@field y_max? number
---@field x_step? number a tick every x_step (default: each year over up to 16)

---@class pw.ChartBar
---@field label string
---@field value? number
---@field values? number[] stacked, one per series
---@field text? string after the bar (default: the total)
---@field title? string tooltip
---@field color? string

---@class pw.BarChartOptions
---@field bars pw.ChartBar[]
---@field series? { label?: string, color?: string }[] the stacked parts' legend and colours
---@field max? number the full length (default: the longest total)
---@field width? integer
---@field bar_height? integer
---@field label_width? integer
---@field title? string
---@field unit? string after each total

---@class pw.HeatmapScale
---@field key string|number
---@field label string in the legend
---@field color string
---@field mark? string drawn in the cell ("✓"), so the grid reads without colour
---@field mark_color? string

---@class pw.HeatmapOptions
---@field rows string[] row labels
---@field cols string[] column labels
---@field cells table<integer, table<integer, string|number|{ key: string|number, title?: string }>> cells[row][col]: a key of the scale; nil leaves the cell blank
---@field scale pw.HeatmapScale[]
---@field cell? integer cell size in pixels
---@field label_width? integer
---@field title? string

---@class pw.ProgressOptions
---@field value? number
---@field max? number default 1
---@field marker? number a tick at this value (e.g. a projection)
---@field color? string
---@field width? integer
---@field height? integer
---@field title? string

---Charts as SVG text (scripts/lib/chart.lua): each returns one <svg>
---element, self-contained, every text escaped.
---@class pw.chart
local chart = {}

---Lines (and points) over x, with bands and a legend.
---@param opts pw.LineChartOptions
---@return string svg
function chart.line(opts) end

---Horizontal bars, stacked when a bar has several values.
---@param opts pw.BarChartOptions
---@return string svg
function chart.bar(opts) end

---A grid of coloured cells, rows x columns, one category per cell.
---@param opts pw.HeatmapOptions
---@return string svg
function chart.heatmap(opts) end

---A bar filled to value / max, with an optional tick.
---@param opts pw.ProgressOptions
---@return string svg
function chart.progress(opts) end

---The planwatch API.
---@class pw
---@field args string[] the script's arguments
---@field opt pw.Options
---@field period pw.period
---@field json pw.json
---@field out_module pw.out_module
---@field outbox pw.outbox
---@field mail pw.mail
---@field textutil pw.textutil
---@field chart pw.chart
pw = {}

-- The database (core/lua_sql.h)

---Run a read-only query; a list of rows.
---@param query string
---@param ... pw.Param|table<string, pw.Param> values, or one table of named values
---@return pw.Row[]
function pw.sql(query, ...) end

---Iterate over a query's rows, stepping lazily: `for r in pw.rows(q) do`.
---@param query string
---@param ... pw.Param|table<string, pw.Param>
---@return fun(): pw.Row?
function pw.rows(query, ...) end

---Run a statement that writes (only with --write); the rows changed.
---@param sql string
---@param ... pw.Param|table<string, pw.Param>
---@return integer
function pw.exec(sql, ...) end

---A row of the audit log, through its one writer (core/audit.h); only
---with --write, inside the open transaction. Scripts' SQL cannot change
---the `audit` table itself. Returns the row's id.
---@param row {actor: string, action: string, entity: string, key: string, old?: string, new?: string, at?: string}
---@return integer
function pw.audit(row) end

---Run fn in a transaction: commits, or rolls back and re-raises. Nested
---calls join the outer transaction. Only with --write.
---@param fn fun(...): ...
---@param ... any passed to fn
---@return ... what fn returns
function pw.transaction(fn, ...) end

-- Files, terminal, clock, plugins (core/lua_files.h, lua_term.h, lua_clock.h,
-- lua_plugin.h)

---@param ... string
function pw.out(...) end

---@param ... string
function pw.err(...) end

---@param path string
---@return string|nil text
---@return string? message
function pw.read_file(path) end

---Written to a fresh temporary file beside path, then renamed; a link at
---path is refused. Only where the command line says (--write-to, a command's
---writes-to options), never scripts/, plugins or the database's files:
---anything else raises an error.
---@param path string
---@param text string
---@return true|nil
---@return string? message
function pw.write_file(path, text) end

---Sorted names, hidden ones left out.
---@param path string
---@return string[]|nil
---@return string? message
function pw.list_dir(path) end

---@param path string
---@return boolean
function pw.is_dir(path) end

---@param path string
---@return boolean
function pw.exists(path) end

---Read a small CSV file (RFC 4180, UTF-8) into records; stops after max
---(0: all). opts.delimiter: ',' (default), ';' or "\t"; opts.text: parse
---this text instead of the file, path naming it in messages.
---@param path string
---@param max? integer
---@param opts? {delimiter: string?, text: string?}
---@return {line: integer, fields: string[], bad_field: integer?}[]|nil
---@return string? message
function pw.csv_records(path, max, opts) end

---Create one folder (its parent must exist); an existing folder is fine.
---Only where pw.write_file may write.
---@param path string
---@return true|nil
---@return string? message
function pw.mkdir(path) end

---@param fd integer
---@return boolean
function pw.isatty(fd) end

---The columns of the terminal on standard output, or nil when it is no
---terminal (tables printed to a terminal fit this width).
---@return integer|nil
function pw.term_width() end

---Write a ZIP archive (an office document) to a file named among the
---command's own arguments, never the database; entries are written in order.
---@param path string
---@param entries {name: string, data: string}[]
---@return true|nil
---@return string? message
function pw.zip_write(path, entries) end

---Read a line (the REPL's reader). On a terminal: line editing, history in
---~/.planwatch_history, Tab calls complete(word) for a list of completions.
---@param prompt? string
---@param complete? fun(word: string): string[]
---@return string|false|nil line without its newline; false when Ctrl-C cancelled it; nil at end of input
function pw.readline(prompt, complete) end

---Today's date in an IANA time zone; raises for a name pw.valid_zone refuses.
---@param zone string e.g. "Asia/Ho_Chi_Minh"
---@return string date `YYYY-MM-DD`
function pw.date_in(zone) end

---Whether zone is an IANA time zone name (letters, digits, `_+-`, at most
---three parts, no `..`) naming a regular file under /usr/share/zoneinfo.
---@param zone string
---@return boolean
---@return string? why
function pw.valid_zone(zone) end

---@return string now UTC, `YYYY-MM-DDTHH:MM:SSZ`
function pw.now() end

---@return number seconds monotonic
function pw.clock() end

---Run a plugin file in its own sandbox: its declarations, or with `call`
---the result of the plugin language's exported function (`formula`,
---`validate`) on a copy of arg. With text, that text (as `load` recorded it
---in plugin_files) runs under the name path instead of the file. The
---declarations carry `source`, the text they came from.
---@param path string
---@param call? "collect"|"formula"|"validate"
---@param arg? table
---@param text? string
---@return any|nil
---@return string? message "file:line: message"
function pw.plugin(path, call, arg, text) end

---Import indicator values from a CSV file (core/lua_import.h); a real
---import needs --write.
---@param path string
---@param opts? pw.ImportOptions
---@return pw.ImportResult
function pw.import_values(path, opts) end

---The key a unit's code, alias or official name is matched by (NFC,
---lower case, spaces, tone-mark placement: unitname_key in
---core/unitname.h); nil for an empty or overlong name.
---@param name string
---@return string?
function pw.unit_key(name) end

---The active unit a code, alias or official name stands for, by the rule
---every command follows (core/unitname.h): its code; or nil and the
---official name and code of the unit to suggest ("did you mean"), which
---is never taken in its place.
---@param name string
---@return string? code
---@return string? near_name
---@return string? near_code
function pw.unit(name) end

-- scripts/lib/pw.lua

---Stop with exit status 2 and this message.
---@param message string
function pw.fail(message) end

---@param s string
---@return boolean
function pw.valid_date(s) end

---The plan's IANA time zone.
---@return string
function pw.timezone() end

---`--today`, else today's date in the plan's time zone.
---@return string date `YYYY-MM-DD`
function pw.today() end

---Print rows in `--format` (numbers exactly; rows of plain values are
---written by C).
---@param rows pw.Row[]
---@param cols? string[] column order
---@param opts? { bom?: boolean, max_width?: integer }
function pw.print_rows(rows, cols, opts) end

---Run a read-only query (as `pw.sql`) and print its rows as they are
---stepped, in C, in `--format` or `opts.format`: memory stays flat at any
---size. An aligned table takes its widths from the first 1000 rows.
---@param query string
---@param params? table named parameters, or a list of values for `?`
---@param opts? { format?: "table"|"csv"|"json", columns?: string[], bom?: boolean, max_width?: integer }
function pw.print_query(query, params, opts) end

---`row[field .. "_en"]` under `--lang en` when present, else `row[field]`.
---@param row table
---@param field string
---@return any
function pw.text(row, field) end

---The text `-e` would print for v.
---@param v any
---@return string
function pw.show(v) end

---Active units, all or of one kind.
---@param filter? { kind?: string }
---@return pw.Unit[]
function pw.units(filter) end

---Active tasks, all or of one lead unit.
---@param filter? { lead?: string }
---@return pw.Task[]
function pw.tasks(filter) end

---An indicator by code; an unknown code is an error naming it.
---@param code string
---@return pw.Indicator
function pw.indicator(code) end

---Stored indicator values, in key order.
---@param filter? pw.ValuesFilter
---@return pw.Value[]
function pw.values(filter) end

---Every active target evaluated on a day.
---@param opts? pw.TargetsOptions
---@return pw.TargetStatus[]
function pw.targets(opts) end

---Parse a command's arguments: spec maps a flag name to "value" or
---"boolean"; returns the options and the positional arguments.
---@param args string[]
---@param spec table<string, "value"|"boolean">
---@param usage string
---@param max_positional? integer
---@return table<string, string|boolean> opts `opts.help` after --help
---@return string[] positional
function pw.parse_args(args, spec, usage, max_positional) end

---Called by the host with what a chunk returned: prints it for -e, turns
---it into an exit status for a script.
---@param print_results boolean
---@param ... any
---@return integer
function pw.finish(print_results, ...) end
