#ifndef PW_IMPORT_JOB_H
#define PW_IMPORT_JOB_H
/*
** import_job: what the parts of the import share, and nothing else may use.
**
** import.h describes the import; its work is split by job:
**
**   import.c        the orchestrator: the job's life, the plan's names
**                   (indicators: namemap.h; units: unitname.h), errors and
**                   progress, key order (keysort.h)
**                   and repeated keys, the caller's check, the transaction
**   import_parse.c  the pass over the file: the header, every field of
**                   every line, the good lines kept as rows; two threads for
**                   a large file
**   import_write.c  the rows against the store: compare, audit, write in
**                   one statement, the index, cache and journal tactics
**
** One import_job holds the state of one import; each part reads and writes
** it on the one thread that runs the import, except the second half of a
** large file, which import_parse.c parses into a copy of the job.
**
** Invariants the parts keep (asserted where they are relied on):
**   - rows[0..nrows) hold only good lines: ids below nind and the units'
**     count, a period of the indicator's kind;
**   - from arrange on, rows are in key order, and rows[0..nwrite) (the rows
**     to write, after compare) are too, a subsequence of them;
**   - a row's extra is 0 or an index + 1 below nextras + 1;
**   - nerrs <= IMPORT_MAX_ERRORS; errors past it are counted in res->more.
*/
#include <stdatomic.h>
#include <stdint.h>

#include "audit.h"
#include "csv.h"
#include "import.h"
#include "keysort.h"
#include "namemap.h"
#include "period.h"
#include "strbuf.h"
#include "unitname.h"

#define IMPORT_SHOW_BYTES 60      /* most bytes of a field a message quotes */
#define IMPORT_SHOW_SIZE (4 * IMPORT_SHOW_BYTES) /* room for one quoted */

/* ---- the columns ---- */

enum { COL_INDICATOR, COL_UNIT, COL_PERIOD, COL_VALUE, COL_NOTE, COL_SOURCE,
       NCOLS, REQUIRED_COLS = COL_NOTE };

/* The columns' names in the header, by COL_. */
extern const char *const import_column_names[NCOLS];

#define COLUMN_LIST \
  "indicator, unit, period, value, and optionally note, source"

/* ---- the job ---- */

typedef struct indicator_info {
  size_t code;         /* offset of the code in indicators.names */
  int kind;            /* the period_kind it is reported by, -1: unknown */
  int derived;         /* computed by a formula: no values to import */
} indicator_info;

/*
** One good line, 24 bytes (keysort.h). Its key packs (indicator id,
** year - PERIOD_YEAR_MIN, period kind, period number, unit id) in 16, 9,
** 3, 4 and 32 bits (import_parse.c): ids are given in code order, so comparing
** keys is comparing primary keys. extra: the index + 1 of its note and
** source in extras; 0: none.
*/
typedef keyrow row;

#define KEY_IND_SHIFT 48     /* key >> this: the indicator id */
#define KEY_YEAR_SHIFT 39    /* key >> this: indicator and year together */
#define KEY_KIND_SHIFT 36    /* key >> this & 7: the period kind */
#define KEY_PERIOD_SHIFT 32  /* key >> this & 0xFFFF: year, kind, number */

typedef struct extra {
  size_t note, source; /* offset + 1 in extras_text; 0: NULL */
} extra;

typedef struct error {
  unsigned long line;  /* for the order of the report */
  char *msg;
} error;

/* A key taken apart, with its text. */
typedef struct key_parts {
  uint32_t ind, unit;
  period p;
  char code[PERIOD_CODE_SIZE];
} key_parts;

struct import_job {
  const import_opts *o;
  sqlite3 *db;
  import_result *res;
  const char *name;           /* the file in messages */
  int status;                 /* IMPORT_FAILED once something failed */
  int stop;                   /* the parse must stop (status or header) */
  namemap indicators;         /* codes to ids */
  unitname *units;            /* units by code, alias, name (unitname.h) */
  indicator_info *ind;        /* by indicator id */
  size_t nind, ind_cap;
  unsigned char *checked;     /* by indicator id: rows go to o->check */
  int col[NCOLS];             /* field index of each column, -1: absent */
  int ncols;                  /* fields in the header */
  int header_done;            /* the header line has been read */
  row *rows;                  /* good lines */
  size_t nrows, rows_cap;
  extra *extras;              /* notes and sources, for rows that have one */
  size_t nextras, extras_cap;
  strbuf extras_text;
  error errs[IMPORT_MAX_ERRORS]; /* kept errors */
  size_t nerrs;
  atomic_int *cancel;         /* set: a helper parsing half stops early */
  double progress_at;         /* when progress was last shown (or began) */
  int progress_shown;
  int nested;                 /* ran in a savepoint of the caller's */
  sqlite3_stmt *probe, *lookup;
  audit_log log;              /* the audit log (audit.h) */
  int probe_found;            /* the current indicator has stored values */
  size_t nwrite;              /* rows to write, first in rows once compared */
  sqlite3_int64 import_id;    /* the audit row of this import */
  strbuf old_json, new_json;
  strbuf indexes;             /* "name\0sql\0" of indexes dropped (bulk) */
  long long cache_was;        /* the connection's cache_size before */
  int cache_set;              /* cache_size was changed */
  int journal_set;            /* left WAL mode for a rollback journal */
  long long sync_was;         /* the connection's synchronous before */
  char now[32];               /* the time written with every row */
};

/* ---- shared helpers (import.c) ---- */

/* Record the failure in res->err, stop the parse; returns IMPORT_FAILED. */
int import_fail(import_job *j, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* import_fail with SQLite's message: "what: message". */
int import_fail_sql(import_job *j, const char *what);

/* Run sql on the job's connection; 0, or import_fail_sql. */
int import_exec(import_job *j, const char *sql);

/* Keep "file:line: message" (line 0: "file: message"), or count it. */
void import_error(import_job *j, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Whether any line was refused. */
int import_errors_found(const import_job *j);

/* p (an array of *cap elements of size) with room for one more than n,
** grown by half; NULL when out of memory, p then unchanged. */
void *import_grow(void *p, size_t *cap, size_t n, size_t size);

/* A field as a message quotes it: at most IMPORT_SHOW_BYTES bytes, cut at a
** character boundary, control characters shown as '?'. s is valid UTF-8;
** out has room for size bytes (IMPORT_SHOW_SIZE). */
const char *import_show(char *out, size_t size, const char *s, size_t len);

/* "\rfile: n of total rows what" on stderr, now and then, when the caller
** asked for progress (total 0: not known). */
void import_progress(import_job *j, const char *what, unsigned long long n,
                     unsigned long long total);

/* Clear the progress line, if one is shown. */
void import_progress_done(import_job *j);

/* Take a key apart, its period's code made. */
void import_unpack(uint64_t key, key_parts *k);

/* The code of indicator id, of unit id. */
const char *import_ind_code(const import_job *j, uint32_t id);
const char *import_unit_code(const import_job *j, uint32_t id);

/* ---- the pass over the file (import_parse.c) ---- */

/* Read the file (or o->text), check every line and keep the good ones in
** rows. IMPORT_OK, IMPORT_INVALID (a line or the file refused: see the
** errors) or IMPORT_FAILED. */
int import_scan(import_job *j);

/* ---- the rows against the store (import_write.c) ---- */

/* Compare every row with the store; then, unless a dry run, record the
** import in the audit and write what differs. 0, or IMPORT_FAILED. */
int import_write(import_job *j);

/* Before the transaction: a large file goes through a rollback journal
** when it can. After it: back to WAL. */
void import_journal_begin(import_job *j);
void import_journal_end(import_job *j);

/* After the transaction: the caller's page cache size again. */
void import_restore_cache(import_job *j);

#endif
