/*
** store.c: open, configure and migrate planwatch's SQLite file.
*/
#include "store.h"
#include "sqlauth.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "yearly.h"

/*
** The migrations, oldest first. Entry i takes the schema from version i to
** version i + 1. Never edit an entry that has shipped: append a new one.
** Lists (aliases, items, roles, reminder offsets) are JSON arrays in TEXT
** columns, readable from SQL with json_each().
*/
static const char *const migrations[] = {
  /* 1: the plan as plugins declare it, and the audit log */
  "CREATE TABLE plans ("
  "  id TEXT PRIMARY KEY, number TEXT NOT NULL, title TEXT NOT NULL,"
  "  title_en TEXT, issuer TEXT, issued TEXT, basis TEXT,"
  "  span_from INTEGER NOT NULL, span_to INTEGER NOT NULL, place TEXT,"
  "  signer TEXT, timezone TEXT NOT NULL, source TEXT, retired_at TEXT);"
  "CREATE TABLE units ("
  "  code TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(id),"
  "  name TEXT NOT NULL, name_en TEXT, kind TEXT NOT NULL, parent TEXT,"
  "  email TEXT, aliases TEXT, roles TEXT, source TEXT, retired_at TEXT);"
  "CREATE TABLE unit_aliases ("
  "  alias TEXT PRIMARY KEY,"
  "  unit TEXT NOT NULL REFERENCES units(code) ON DELETE CASCADE);"
  "CREATE TABLE goals ("
  "  plan_id TEXT NOT NULL REFERENCES plans(id), code TEXT NOT NULL,"
  "  kind TEXT NOT NULL, by_year INTEGER, text TEXT NOT NULL, text_en TEXT,"
  "  source TEXT, retired_at TEXT, PRIMARY KEY (plan_id, code));"
  "CREATE TABLE task_groups ("
  "  plan_id TEXT NOT NULL REFERENCES plans(id), no INTEGER NOT NULL,"
  "  title TEXT NOT NULL, title_en TEXT, items TEXT, source TEXT,"
  "  retired_at TEXT, PRIMARY KEY (plan_id, no));"
  "CREATE TABLE indicators ("
  "  code TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(id),"
  "  name TEXT NOT NULL, name_en TEXT, measure TEXT, period TEXT NOT NULL,"
  "  rule TEXT NOT NULL, of TEXT, derived INTEGER NOT NULL DEFAULT 0,"
  "  goal TEXT, owner TEXT REFERENCES units(code), source TEXT,"
  "  retired_at TEXT);"
  "CREATE TABLE targets ("
  "  plan_id TEXT NOT NULL REFERENCES plans(id), key TEXT NOT NULL,"
  "  indicator TEXT NOT NULL REFERENCES indicators(code),"
  "  window_from INTEGER NOT NULL, window_to INTEGER NOT NULL,"
  "  op TEXT NOT NULL, value REAL NOT NULL, value_high REAL, goal TEXT,"
  "  note TEXT, source TEXT, retired_at TEXT, PRIMARY KEY (plan_id, key));"
  "CREATE TABLE tasks ("
  "  plan_id TEXT NOT NULL REFERENCES plans(id), no INTEGER NOT NULL,"
  "  title TEXT NOT NULL, title_en TEXT, items TEXT, when_text TEXT NOT NULL,"
  "  from_year INTEGER NOT NULL, to_year INTEGER NOT NULL,"
  "  annual INTEGER NOT NULL DEFAULT 0, lead TEXT NOT NULL REFERENCES units(code),"
  "  support TEXT, support_all INTEGER NOT NULL DEFAULT 0, group_no INTEGER,"
  "  status TEXT NOT NULL DEFAULT 'open', source TEXT, retired_at TEXT,"
  "  PRIMARY KEY (plan_id, no));"
  "CREATE TABLE task_units ("
  "  plan_id TEXT NOT NULL, task_no INTEGER NOT NULL, unit TEXT NOT NULL"
  "  REFERENCES units(code), role TEXT NOT NULL,"
  "  PRIMARY KEY (plan_id, task_no, unit),"
  "  FOREIGN KEY (plan_id, task_no) REFERENCES tasks(plan_id, no)"
  "  ON DELETE CASCADE);"
  "CREATE TABLE duties ("
  "  plan_id TEXT NOT NULL REFERENCES plans(id), code TEXT NOT NULL,"
  "  unit TEXT NOT NULL REFERENCES units(code),"
  "  to_unit TEXT NOT NULL REFERENCES units(code), title TEXT NOT NULL,"
  "  title_en TEXT, every TEXT NOT NULL, cutoff TEXT NOT NULL,"
  "  due_workdays INTEGER, due_day TEXT, remind TEXT, escalate_after INTEGER,"
  "  escalate_to TEXT REFERENCES units(code), note TEXT, source TEXT,"
  "  retired_at TEXT, PRIMARY KEY (code, unit));"
  "CREATE TABLE budget_lines ("
  "  plan_id TEXT NOT NULL REFERENCES plans(id), code TEXT NOT NULL,"
  "  funding TEXT NOT NULL, unit TEXT REFERENCES units(code), year INTEGER,"
  "  amount REAL, note TEXT, source TEXT, retired_at TEXT,"
  "  PRIMARY KEY (plan_id, code));"
  "CREATE TABLE holidays ("
  "  plan_id TEXT NOT NULL REFERENCES plans(id), date TEXT NOT NULL,"
  "  name TEXT NOT NULL, kind TEXT NOT NULL, source TEXT, retired_at TEXT,"
  "  PRIMARY KEY (plan_id, date));"
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,"
  "  action TEXT NOT NULL, entity TEXT NOT NULL, key TEXT NOT NULL,"
  "  old TEXT, new TEXT);"
  "CREATE INDEX tasks_lead ON tasks(lead);"
  "CREATE INDEX duties_to ON duties(to_unit);"
  "CREATE INDEX audit_entity ON audit(entity, key);",

  /* 2: indicator values, report submissions, notices and the outbox.
  ** Values are keyed (indicator, year, ptype, pnum, unit) with the period
  ** split into integers (ptype: 0 year, 1 half, 2 quarter, 3 nine months,
  ** 4 month, as period.h numbers them), so per-indicator and per-year
  ** questions read an index range instead of parsing text. */
  "CREATE TABLE indicator_values ("
  "  indicator TEXT NOT NULL, year INTEGER NOT NULL, ptype INTEGER NOT NULL,"
  "  pnum INTEGER NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,"
  "  value REAL NOT NULL, note TEXT, source TEXT, updated_at TEXT NOT NULL,"
  "  PRIMARY KEY (indicator, year, ptype, pnum, unit)) WITHOUT ROWID;"
  "CREATE INDEX values_unit ON indicator_values(unit, indicator);"
  "CREATE TABLE submissions ("
  "  duty TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,"
  "  received_at TEXT NOT NULL, note TEXT, source TEXT,"
  "  recorded_at TEXT NOT NULL, PRIMARY KEY (duty, unit, period),"
  "  FOREIGN KEY (duty, unit) REFERENCES duties(code, unit));"
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY, dedup_key TEXT NOT NULL UNIQUE,"
  "  transport TEXT NOT NULL, recipient TEXT NOT NULL, subject TEXT,"
  "  body_text TEXT, body_html TEXT, payload TEXT,"
  "  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN"
  "    ('queued', 'sending', 'sent', 'failed', 'dead')),"
  "  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL,"
  "  lease_until TEXT, lease_owner TEXT, last_error TEXT,"
  "  created_at TEXT NOT NULL, sent_at TEXT, message_id TEXT);"
  "CREATE INDEX outbox_due ON outbox(state, next_attempt_at);"
  "CREATE TABLE notices ("
  "  duty TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,"
  "  stage TEXT NOT NULL, message INTEGER REFERENCES outbox(id),"
  "  created_at TEXT NOT NULL, PRIMARY KEY (duty, unit, period, stage));",

  /* 3: leaner indicator values, for files of millions of rows. An
  ** imported row no longer repeats the import's time as text: updated_at
  ** is NULL and import_id names the audit row of the import that wrote it
  ** (its `at` is the time; pw.values shows it as updated_at). A row written
  ** by SQL may still set updated_at itself. No foreign key on import_id:
  ** checking one per row would cost as much as the write. values_unit
  ** becomes (indicator, unit): with the key columns SQLite appends, a
  ** unit's values of one indicator are one range in period order, so its
  ** latest value is the end of that range, and DISTINCT (indicator, year,
  ** unit) streams from it; a unit across indicators is one seek per
  ** indicator. */
  "CREATE TABLE indicator_values_3 ("
  "  indicator TEXT NOT NULL, year INTEGER NOT NULL, ptype INTEGER NOT NULL,"
  "  pnum INTEGER NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,"
  "  value REAL NOT NULL, note TEXT, source TEXT, updated_at TEXT,"
  "  import_id INTEGER,"
  "  PRIMARY KEY (indicator, year, ptype, pnum, unit)) WITHOUT ROWID;"
  "INSERT INTO indicator_values_3 (indicator, year, ptype, pnum, unit,"
  "  period, value, note, source, updated_at)"
  "  SELECT indicator, year, ptype, pnum, unit, period, value, note, source,"
  "  updated_at FROM indicator_values;"
  "DROP TABLE indicator_values;"
  "ALTER TABLE indicator_values_3 RENAME TO indicator_values;"
  "CREATE INDEX values_unit ON indicator_values(indicator, unit);",

  /* 4: what a received report is: the reference of the document that
  ** carried it (its number, "123/SCT-KHTC", and date) and a short summary,
  ** which the yearly report cites. */
  "ALTER TABLE submissions ADD COLUMN ref TEXT;"
  "ALTER TABLE submissions ADD COLUMN ref_date TEXT;"
  "ALTER TABLE submissions ADD COLUMN summary TEXT;",

  /* 5: the outbox knows more. `unknown`: the whole message went out and no
  ** answer came back (the server may have stored it; `unknowns` counts
  ** such attempts, and one is the most sent again without a person);
  ** `dismissed`: a person gave up on a dead or unknown message. A claim
  ** records its holder (host, PID and the process's start time, which
  ** tells a reused PID apart), so a later run can take back the lease of
  ** a holder that is gone. recipient_name: the display name in To. The
  ** table is rebuilt for its CHECK; notices keep their ids (the foreign
  ** key is checked at commit). Notices are moved too, onto the new table,
  ** before the old one is dropped: dropping a table that notices still
  ** point at counts every such notice as a broken key, and the commit then
  ** fails even though the rows point at the new table by then. */
  "PRAGMA defer_foreign_keys = ON;"
  "CREATE TABLE outbox_5 ("
  "  id INTEGER PRIMARY KEY, dedup_key TEXT NOT NULL UNIQUE,"
  "  transport TEXT NOT NULL, recipient TEXT NOT NULL, subject TEXT,"
  "  body_text TEXT, body_html TEXT, payload TEXT,"
  "  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN"
  "    ('queued', 'sending', 'sent', 'failed', 'dead', 'unknown',"
  "     'dismissed')),"
  "  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL,"
  "  lease_until TEXT, lease_owner TEXT, last_error TEXT,"
  "  created_at TEXT NOT NULL, sent_at TEXT, message_id TEXT,"
  "  recipient_name TEXT, unknowns INTEGER NOT NULL DEFAULT 0,"
  "  lease_host TEXT, lease_pid INTEGER, lease_start TEXT);"
  "INSERT INTO outbox_5 (id, dedup_key, transport, recipient, subject,"
  "  body_text, body_html, payload, state, attempts, next_attempt_at,"
  "  lease_until, lease_owner, last_error, created_at, sent_at, message_id)"
  "  SELECT id, dedup_key, transport, recipient, subject, body_text,"
  "  body_html, payload, state, attempts, next_attempt_at, lease_until,"
  "  lease_owner, last_error, created_at, sent_at, message_id FROM outbox;"
  "CREATE TABLE notices_5 ("
  "  duty TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,"
  "  stage TEXT NOT NULL, message INTEGER REFERENCES outbox_5(id),"
  "  created_at TEXT NOT NULL, PRIMARY KEY (duty, unit, period, stage));"
  "INSERT INTO notices_5 SELECT duty, unit, period, stage, message,"
  "  created_at FROM notices;"
  "DROP TABLE notices;"
  "DROP TABLE outbox;"
  "ALTER TABLE outbox_5 RENAME TO outbox;"
  "ALTER TABLE notices_5 RENAME TO notices;"
  "CREATE INDEX outbox_due ON outbox(state, next_attempt_at);",

  /* 6: what `load` accepted of each plugin file: its text, and the
  ** validation rules it declares. `import` runs these rules on that text,
  ** never the file as it is on disk now, so a rule `load` refused (or a
  ** file changed since) never judges anyone's values. */
  "CREATE TABLE plugin_files ("
  "  source TEXT PRIMARY KEY, text TEXT NOT NULL, loaded_at TEXT NOT NULL);"
  "CREATE TABLE rules ("
  "  source TEXT NOT NULL REFERENCES plugin_files(source) ON DELETE CASCADE,"
  "  indicator TEXT NOT NULL, line INTEGER NOT NULL,"
  "  PRIMARY KEY (indicator, source, line));",

  /* 7: value_years, the yearly aggregate the import keeps (yearly.h), made
  ** from the values already stored. */
  "CREATE TABLE value_years_kept ("
  "  indicator TEXT NOT NULL, year INTEGER NOT NULL, total REAL NOT NULL,"
  "  n INTEGER NOT NULL, lo REAL NOT NULL, hi REAL NOT NULL,"
  "  units INTEGER NOT NULL, PRIMARY KEY (indicator, year)) WITHOUT ROWID;"
  "CREATE TABLE value_years_dirty ("
  "  indicator TEXT NOT NULL, year INTEGER NOT NULL,"
  "  PRIMARY KEY (indicator, year)) WITHOUT ROWID;"
  "INSERT INTO value_years_kept (indicator, year, total, n, lo, hi, units)"
  "  SELECT v.indicator, v.year, " YEARLY_COLUMNS
  "  FROM indicator_values v GROUP BY v.indicator, v.year;"
  "CREATE VIEW value_years AS"
  "  SELECT indicator, year, total, n, total / n AS mean, lo, hi, units"
  "  FROM value_years_kept k WHERE NOT EXISTS (SELECT 1 FROM value_years_dirty"
  "    d WHERE d.indicator = k.indicator AND d.year = k.year)"
  "  UNION ALL"
  "  SELECT d.indicator, d.year, sum(v.value), count(*), sum(v.value) / count(*),"
  "    min(v.value), max(v.value), count(DISTINCT v.unit)"
  "  FROM value_years_dirty d CROSS JOIN indicator_values v"
  "    ON v.indicator = d.indicator AND v.year = d.year"
  "  GROUP BY d.indicator, d.year;"
  YEARLY_TRIGGERS,

  /* 8: who holds each declaration. One row per thing a plan package
  ** declares (kind, plan_id: '' for what the whole database shares, such
  ** as units and indicators, else the plan's id; key): the file that holds
  ** it and the line there. `load` refuses a second file declaring the same
  ** thing, in this package or another, naming both. Made from what is
  ** loaded now; lines are filled in by the next `load`. IF NOT EXISTS: a
  ** file set back to an older version by hand may still hold the table. */
  "CREATE TABLE IF NOT EXISTS declarations ("
  "  kind TEXT NOT NULL, plan_id TEXT NOT NULL DEFAULT '', key TEXT NOT NULL,"
  "  source TEXT NOT NULL, line INTEGER,"
  "  PRIMARY KEY (kind, plan_id, key)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS declarations_source ON declarations(source);"
  "INSERT OR IGNORE INTO declarations (kind, plan_id, key, source)"
  "  SELECT 'plan', '', id, source FROM plans"
  "    WHERE retired_at IS NULL AND source IS NOT NULL"
  "  UNION ALL SELECT 'unit', '', code, source FROM units"
  "    WHERE retired_at IS NULL AND source IS NOT NULL"
  "  UNION ALL SELECT 'indicator', '', code, source FROM indicators"
  "    WHERE retired_at IS NULL AND source IS NOT NULL"
  "  UNION ALL SELECT 'duty', '', unit || '/' || code, source FROM duties"
  "    WHERE retired_at IS NULL AND source IS NOT NULL"
  "  UNION ALL SELECT 'goal', plan_id, code, source FROM goals"
  "    WHERE retired_at IS NULL AND source IS NOT NULL"
  "  UNION ALL SELECT 'group', plan_id, no, source FROM task_groups"
  "    WHERE retired_at IS NULL AND source IS NOT NULL"
  "  UNION ALL SELECT 'target', plan_id, key, source FROM targets"
  "    WHERE retired_at IS NULL AND source IS NOT NULL"
  "  UNION ALL SELECT 'task', plan_id, no, source FROM tasks"
  "    WHERE retired_at IS NULL AND source IS NOT NULL"
  "  UNION ALL SELECT 'budget', plan_id, code, source FROM budget_lines"
  "    WHERE retired_at IS NULL AND source IS NOT NULL"
  "  UNION ALL SELECT 'holiday', plan_id, date, source FROM holidays"
  "    WHERE retired_at IS NULL AND source IS NOT NULL"
  "  UNION ALL SELECT 'validate', '', indicator, source FROM rules;",

  /* 9: what a plan's text says that years and one recipient could not
  ** hold. duties.to_units: every recipient, as a JSON list, when a report
  ** goes to several (to_unit stays the first). tasks.from_period and
  ** to_period: the period codes ("2021-Q2") a task starts and ends in, when
  ** finer than a year (from_year and to_year keep the years). units.members:
  ** a unit group's members, as a JSON list. targets.tolerance: how far an
  ** approximate target (op "~") may be missed. Every row is kept. */
  "ALTER TABLE duties ADD COLUMN to_units TEXT;"
  "ALTER TABLE tasks ADD COLUMN from_period TEXT;"
  "ALTER TABLE tasks ADD COLUMN to_period TEXT;"
  "ALTER TABLE units ADD COLUMN members TEXT;"
  "ALTER TABLE targets ADD COLUMN tolerance REAL;",

  /* 10: the plan's world over time (plugins/README.md, "When the
  ** organisation changes"). A unit is alive on day d when valid_from <= d
  ** < valid_until (either NULL: open). successions: what a `succession`
  ** declares (predecessors and the maps of duties and tasks as JSON);
  ** unit_successions: one row per predecessor, readable from SQL;
  ** task_leads: each task's lead over time, rebuilt by `load`. The plan
  ** gains the plan that supersedes it, an indicator its geographic area
  ** and the day that area stopped existing. Every existing row is kept. */
  "ALTER TABLE units ADD COLUMN valid_from TEXT;"
  "ALTER TABLE units ADD COLUMN valid_until TEXT;"
  "ALTER TABLE plans ADD COLUMN superseded_by TEXT;"
  "ALTER TABLE plans ADD COLUMN superseded_on TEXT;"
  "ALTER TABLE plans ADD COLUMN superseded_basis TEXT;"
  "ALTER TABLE indicators ADD COLUMN area TEXT;"
  "ALTER TABLE indicators ADD COLUMN area_until TEXT;"
  "CREATE TABLE successions ("
  "  plan_id TEXT NOT NULL REFERENCES plans(id), key TEXT NOT NULL,"
  "  date TEXT NOT NULL, kind TEXT NOT NULL, units TEXT NOT NULL,"
  "  successor TEXT REFERENCES units(code), duties TEXT, tasks TEXT,"
  "  basis TEXT NOT NULL, note TEXT, source TEXT, retired_at TEXT,"
  "  PRIMARY KEY (plan_id, key));"
  "CREATE TABLE unit_successions ("
  "  unit TEXT NOT NULL REFERENCES units(code), date TEXT NOT NULL,"
  "  successor TEXT REFERENCES units(code), duty TEXT, task_no INTEGER,"
  "  plan_id TEXT NOT NULL, succession TEXT NOT NULL,"
  "  FOREIGN KEY (plan_id, succession) REFERENCES successions(plan_id, key)"
  "  ON DELETE CASCADE);"
  "CREATE INDEX unit_successions_unit ON unit_successions(unit);"
  "CREATE TABLE task_leads ("
  "  plan_id TEXT NOT NULL, task_no INTEGER NOT NULL,"
  "  lead TEXT NOT NULL REFERENCES units(code), valid_from TEXT,"
  "  valid_until TEXT, succession TEXT,"
  "  PRIMARY KEY (plan_id, task_no, lead));",
};

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

static int fail(store *s, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(s->err, sizeof s->err, fmt, ap);
  va_end(ap);
  return -1;
}

int store_schema_version(void) {
  return NMIGRATIONS;
}

int store_exec(store *s, const char *sql) {
  char *msg = NULL;
  if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
    return 0;
  fail(s, "%s", msg ? msg : sqlite3_errmsg(s->db));
  sqlite3_free(msg);
  return -1;
}

int store_begin(store *s) { return store_exec(s, "BEGIN IMMEDIATE"); }
int store_commit(store *s) { return store_exec(s, "COMMIT"); }

int store_rollback(store *s) {
  if (sqlite3_get_autocommit(s->db))
    return 0;
  return store_exec(s, "ROLLBACK");
}

int store_user_version(store *s) {
  sqlite3_stmt *st;
  int v = -1;
  if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return v;
}

/*
** Apply migration i inside its own transaction, recording the new version in
** the same transaction so a crash leaves either the old or the new schema.
*/
static int migrate_one(store *s, int i) {
  char bump[64];
  if (store_begin(s) != 0)
    return -1;
  snprintf(bump, sizeof bump, "PRAGMA user_version = %d", i + 1);
  if (store_exec(s, migrations[i]) != 0 || store_exec(s, bump) != 0) {
    char why[sizeof s->err];
    memcpy(why, s->err, sizeof why);
    store_rollback(s);
    return fail(s, "migration to schema %d failed: %s", i + 1, why);
  }
  return store_commit(s);
}

/* Refuse a database newer than this program before touching it at all. */
static int check_version(store *s) {
  int v = store_user_version(s);
  if (v < 0 && (sqlite3_errcode(s->db) & 0xFF) == SQLITE_NOTADB)
    return fail(s, "not an SQLite database (damaged, or another kind of file): "
                   "restore it from a backup or choose another --db");
  if (v < 0)
    return fail(s, "cannot read the schema version: %s", sqlite3_errmsg(s->db));
  if (v > NMIGRATIONS)
    return fail(s, "the database has schema %d, newer than this planwatch "
                   "(%d): upgrade planwatch", v, NMIGRATIONS);
  if (s->readonly && v == 0)
    return fail(s, "not a planwatch database yet (empty or schema 0): "
                   "run `planwatch init`");
  if (s->readonly && v < NMIGRATIONS)
    return fail(s, "the database has schema %d, older than this planwatch "
                   "(%d): run `planwatch init` to migrate it", v, NMIGRATIONS);
  return 0;
}

static int migrate(store *s) {
  int v = store_user_version(s);
  for (int i = v; i < NMIGRATIONS; i++)
    if (migrate_one(s, i) != 0)
      return -1;
  return 0;
}

/*
** A writer leaves the -wal and -shm files in place when it closes (empty
** after the last checkpoint) instead of deleting them. A reader that may
** not write in the database's folder (an analyst given read access to the
** three files) can then open the file: SQLite reads a WAL database without
** creating anything as long as both side files exist. See "Who may read"
** in the README.
*/
static void keep_wal_files(store *s) {
  int on = 1;
  sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
}

/*
** A new file gets STORE_PAGE_SIZE-byte pages (an existing one keeps its
** own: the size is fixed once the file has content). Measured with 12 M
** values against SQLite's default of 4 KiB: the import's insert in key
** order takes 5.5 s instead of 6.5 (a page holds about 350 rows of the
** values table instead of 90, so a quarter as many page splits), making
** values_unit again as long or a little less, the four analysts'
** questions 5 to 18 % less, loading a plan of 5,000 units the same.
*/
static int configure(store *s) {
  sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
  if (sqlauth_harden(s->db) != SQLITE_OK)
    return fail(s, "cannot harden the connection: %s", sqlite3_errmsg(s->db));
  if (check_version(s) != 0)
    return -1;
  if (s->readonly)
    return store_exec(s, "PRAGMA foreign_keys = ON");
  char page[48];
  snprintf(page, sizeof page, "PRAGMA page_size = %d;", STORE_PAGE_SIZE);
  if (store_exec(s, page) != 0)
    return -1;
  /* A large import may hold the file in rollback-journal mode (import_write.c).
  ** Then SQLite refuses the switch to WAL at once, without waiting
  ** (SQLITE_BUSY): the connection works in rollback mode, with the
  ** synchronous that is safe there, waits for the import as for any other
  ** writer, and follows the file into WAL mode when the import switches it
  ** back. */
  const char *sync = "PRAGMA synchronous = NORMAL";
  if (store_exec(s, "PRAGMA journal_mode = WAL") != 0) {
    if ((sqlite3_errcode(s->db) & 0xFF) != SQLITE_BUSY)
      return -1;
    sync = "PRAGMA synchronous = FULL";
  }
  if (store_exec(s, sync) != 0)
    return -1;
  keep_wal_files(s);
  return store_exec(s, "PRAGMA foreign_keys = ON");
}

int store_open(store *s, const char *path, int readonly) {
  /* NOMUTEX: a connection is only ever used by the thread that opened it
  ** (the import's worker threads parse and sort, they never call SQLite),
  ** and the serialized mode's lock around every call costs about 4 % of a
  ** query that reads a large table. */
  int flags = SQLITE_OPEN_NOMUTEX |
              (readonly ? SQLITE_OPEN_READONLY
                        : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  memset(s, 0, sizeof *s);
  s->readonly = readonly;
  if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
    fail(s, "cannot open %s: %s", path,
         s->db ? sqlite3_errmsg(s->db) : "out of memory");
    store_close(s);
    return -1;
  }
  if (configure(s) != 0 || (!readonly && migrate(s) != 0)) {
    char why[sizeof s->err];
    memcpy(why, s->err, sizeof why);
    store_close(s);
    snprintf(s->err, sizeof s->err, "%.200s: %.300s", path, why);
    return -1;
  }
  return 0;
}

void store_close(store *s) {
  if (s->db)
    sqlite3_close_v2(s->db);
  s->db = NULL;
}
