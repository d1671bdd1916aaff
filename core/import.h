#ifndef PW_IMPORT_H
#define PW_IMPORT_H
/*
** import: load a CSV file of indicator values into the store, all or nothing.
**
** The file's first line names its columns, in any order: indicator, unit,
** period and value are required, note and source optional; an unknown or
** repeated column is an error. Each later line is one value:
**
**   indicator  the code of an active indicator that is not derived
**   unit       an active unit's code, one of its aliases ("Sở KH&CN") or
**              its official name, by unitname.h's rule (exactly, else by
**              key: case, spaces, NFC, tone-mark placement); an unknown
**              unit is refused, with "did you mean" the unit unitname_near
**              gives when there is one
**   period     a period code (period.h) of the kind the indicator is
**              reported by: an indicator by year takes "2025", by half
**              "2025-H1", by quarter "2025-Q3", by month "2025-07"; a
**              nine-months code ("2025-9M") fits no indicator
**   value      a finite decimal number with '.' as the decimal point and
**              no thousands separator ("1200", "-3.5", "2.1e3")
**   note, source  free text; an empty cell stores NULL; a column the file
**              does not have leaves what is stored untouched
**
** Blank lines are skipped. Every field must be valid UTF-8 without NUL
** bytes, and no two lines may give the same (indicator, unit, period) once
** aliases are resolved.
**
** How it runs. Indicators and units are read once into hash tables. One
** pass over the file (csv.h) checks every line and keeps each good one as a
** 24-byte row: the key (indicator, year, period kind and number, unit)
** packed into 64 bits in the table's primary-key order, the value, the line
** and an index to its note and source (kept apart, only when given). A
** file of a megabyte or more is mapped and parsed by two threads, one half
** each, unless a quoted field runs across the middle. The rows are then
** sorted by key (for many rows: distributed by the high bits of their keys
** into a second array, then each part not in order already sorted, by two
** threads again): repeated keys become neighbours (both lines are
** reported), and the writes go in key order.
** The caller's check (plugin rules) sees each checked indicator's rows
** next. Only when no line failed is anything written, in one transaction:
** each row is compared with the stored one (read only for indicators that
** have stored values), a changed value is recorded in `audit` (action
** 'change', key "IND/UNIT/PERIOD", old and new as JSON) and an identical
** row is left alone; one 'import' audit row records the file and the
** counts, and every row written gets its id (import_id, with updated_at
** NULL: the audit row's time is the row's). Errors are "file:line: field:
** message", the first IMPORT_MAX_ERRORS of them kept.
**
** Memory: 24 bytes a row, plus the text of notes and sources (16 bytes of
** offsets and the text itself, only for rows that have one); a 12-million
** row file takes about 290 MB, half as much again while the second half's
** rows are appended to the first's, and twice as much while they are
** distributed for the sort (the mapped file is gone by then). A mapped file
** counts in the resident size too, as pages of the file cache.
**
** Writing fast. The rows to write go in with one INSERT ... SELECT from a
** virtual table over the sorted array: one statement appends each row on
** the last page of the B-tree, where a statement per row would seek from
** its root. A bulk load (at least 100,000 rows into a table holding fewer
** than half as many) drops the table's secondary indexes and makes them
** again from their SQL once the rows are in, in the same transaction:
** inserting into an index in another order than its own costs more than
** sorting it once. A write of 10,000 rows or more lets the page cache grow
** to 128 MB instead of 2 MB (for the index's sort, or for the pages of a
** kept index), then refreshes the planner's statistics with an ANALYZE
** that samples a thousand rows per index. A file of 2 MB or more is written
** through a rollback journal (journal_mode DELETE, synchronous FULL) rather
** than the WAL when no other connection has the database open, and the
** connection returns to WAL mode after: pages the import appends are then
** written once, not into the WAL and again by the checkpoint.
**
** For a real import the transaction begins before the tables are read, so
** no concurrent writer can retire an indicator or unit in between.
*/
#include <stddef.h>

#include <sqlite3.h>

#define IMPORT_MAX_ERRORS 100     /* error messages kept; the rest counted */
#define IMPORT_CHECK_BATCH 10000  /* most rows handed to one check call */

enum {
  IMPORT_OK = 0,        /* written (or, dry run, would be) */
  IMPORT_INVALID = 1,   /* bad input: see errors; nothing written */
  IMPORT_FAILED = -1    /* the store or memory failed, or check stopped */
};

typedef struct import_job import_job;

/* One row as the check sees it. */
typedef struct import_check_row {
  const char *unit;    /* the unit's code (an alias is resolved) */
  const char *period;  /* the period's code */
  double value;        /* the value */
  unsigned long line;  /* the line of the file it came from */
} import_check_row;

/*
** The caller's own rules: called for each indicator to check, with its rows
** in batches of at most IMPORT_CHECK_BATCH, before anything is written.
** Refuse a row with import_refuse. Return 0 to go on, or -1 to stop the
** import (it then returns IMPORT_FAILED).
*/
typedef int (*import_check_fn)(void *ud, import_job *job,
                               const char *indicator,
                               const import_check_row *rows, size_t n);

typedef struct import_opts {
  const char *path;        /* the CSV file */
  const char *name;        /* the file as messages name it; NULL: path */
  int dry_run;             /* check and count, write nothing */
  int progress;            /* report progress on stderr (a terminal) */
  import_check_fn check;   /* NULL: no rules of the caller's */
  void *check_ud;          /* check's first argument */
  const char *const *check_only; /* the indicators to check; NULL: all */
  size_t ncheck_only;      /* how many in check_only */
  const char *now;         /* the audit rows' time; NULL: now, UTC */
  const char *text;        /* the CSV text itself, read instead of path
                           ** (which still names it); NULL: read path */
  size_t text_len;         /* its length in bytes */
} import_opts;

typedef struct import_result {
  unsigned long long read;      /* data lines read (not the header, blanks) */
  unsigned long long added;     /* keys that were new */
  unsigned long long changed;   /* keys whose value, note or source changed */
  unsigned long long unchanged; /* keys already stored exactly so */
  char **errors;                /* nerrors messages, in line order */
  size_t nerrors;               /* at most IMPORT_MAX_ERRORS */
  unsigned long long more;      /* errors found beyond those kept */
  char err[512];                /* why, when IMPORT_FAILED */
} import_result;

/* Import as described above through db, a read-write connection (any
** connection for a dry run). Inside an open transaction the import runs in
** a savepoint of it. Fills res (free it with import_result_free) and returns
** IMPORT_OK, IMPORT_INVALID or IMPORT_FAILED. */
int import_values(sqlite3 *db, const import_opts *opts, import_result *res);

/* Record a refusal of the check: an error "file:line: message". */
void import_refuse(import_job *job, unsigned long line, const char *message);

/* Free what import_values allocated in res. */
void import_result_free(import_result *res);

#endif
