/*
** sqlauth.c: the authorizers of scripts' SQL and the hardening of every
** connection.
**
** Functions are an allow-list, not a deny-list: Debian's SQLite (3.40.1,
** see `SELECT * FROM pragma_compile_options`) is built with FTS3/4/5, RTREE,
** DBSTAT, the session and statement extensions, math functions and
** load_extension, and a later build may add more; a function nobody listed
** here stays refused. Every entry is a pure computation on the values it is
** given, bounded in size by SQLITE_LIMIT_LENGTH and the heap limit (runctx.c):
**
**   abs ceil ceiling floor round sign trunc mod pi sqrt exp ln log log10
**   log2 pow power degrees radians sin cos tan asin acos atan atan2 sinh
**   cosh tanh asinh acosh atanh
**       arithmetic (the math functions of SQLITE_ENABLE_MATH_FUNCTIONS)
**   avg count max min sum total group_concat
**       aggregates of the rows a query reads
**   row_number rank dense_rank percent_rank cume_dist ntile lag lead
**   first_value last_value nth_value
**       window functions over those rows (year-over-year growth)
**   coalesce ifnull iif nullif likelihood likely unlikely typeof
**       choices between values, and planner hints that return their input
**   char hex unicode length lower upper ltrim rtrim trim substr substring
**   instr replace quote soundex printf format glob like
**       text functions; printf and format build a string no longer than
**       SQLITE_LIMIT_LENGTH
**   zeroblob random randomblob
**       values (ORDER BY random() samples rows); the size is bounded as above
**   date time datetime julianday strftime unixepoch current_date
**   current_time current_timestamp
**       the calendar, on values and on the clock (read-only process state
**       any script also has through os.time)
**   json json_array json_array_length json_extract json_insert json_object
**   json_patch json_quote json_remove json_replace json_set json_type
**   json_valid json_group_array json_group_object -> ->>
**       JSON: lists in the store are JSON arrays (store.c)
**   changes last_insert_rowid total_changes
**       what this connection's own last writes did (pw.exec)
**   sqlite_version sqlite_source_id
**       which SQLite answers, for a script that must know
**
** Refused, with the reason (and anything else Debian enables):
**   fts3_tokenizer   returns a tokenizer's address and, with two arguments,
**                    replaces it: a native call primitive (also off on every
**                    connection with SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER,
**                    which does not cover bound arguments)
**   load_extension   loads native code from a file
**   sqlite_compileoption_get sqlite_compileoption_used sqlite_log
**                    the build and the process's error log, not the data
**   fts5 fts5_source_id bm25 highlight snippet offsets matchinfo optimize
**   match            full-text search helpers, of no use without the FTS
**                    modules, which are dropped; fts5() hands out a pointer
**   rtreecheck rtreedepth rtreenode
**                    R-tree helpers; rtreenode decodes any blob as a node
**   subtype          SQLite's own test of value subtypes
**
** Virtual tables: sqlauth_harden drops every module but json_each and
** json_tree (fts3, fts4, fts5, fts3tokenize, fts4aux, fts5vocab, rtree,
** rtree_i32, dbstat, sqlite_stmt, and any a later build adds); dbstat reads
** raw pages, sqlite_stmt the text of the connection's statements. Of the
** pragma_* tables SQLite makes on demand only those describing the schema
** are read (PRAGMAS below): integrity_check, quick_check and
** foreign_key_check each run as one long step the time limit cannot stop,
** optimize runs ANALYZE, and the rest describe the build or the process.
**
** Statements: ATTACH and VACUUM INTO write files anywhere, DETACH has no
** use without ATTACH, PRAGMA changes settings planwatch owns (foreign keys,
** journal, cache, heap limits); CREATE VIRTUAL TABLE needs a module; a
** temporary trigger or view is exempt from the untrusted schema's function
** rule and would run, without any authorizer, inside planwatch's own
** statements (the import, reminders) that name its table.
*/
#define _POSIX_C_SOURCE 200809L /* strncasecmp */
#include "sqlauth.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Sorted (strcmp), lower case: bsearch below. */
static const char *const FUNCTIONS[] = {
  "->", "->>", "abs", "acos", "acosh", "asin", "asinh", "atan", "atan2",
  "atanh", "avg", "ceil", "ceiling", "changes", "char", "coalesce", "cos",
  "cosh", "count", "cume_dist", "current_date", "current_time",
  "current_timestamp", "date", "datetime", "degrees", "dense_rank", "exp",
  "first_value", "floor", "format", "glob", "group_concat", "hex", "ifnull",
  "iif", "instr", "json", "json_array", "json_array_length", "json_extract",
  "json_group_array", "json_group_object", "json_insert", "json_object",
  "json_patch", "json_quote", "json_remove", "json_replace", "json_set",
  "json_type", "json_valid", "julianday", "lag", "last_insert_rowid",
  "last_value", "lead", "length", "like", "likelihood", "likely", "ln", "log",
  "log10", "log2", "lower", "ltrim", "max", "min", "mod", "nth_value", "ntile",
  "nullif", "percent_rank", "pi", "pow", "power", "printf", "quote",
  "radians", "random", "randomblob", "rank", "replace", "round", "row_number",
  "rtrim", "sign", "sin", "sinh", "soundex", "sqlite_source_id",
  "sqlite_version", "sqrt", "strftime", "substr", "substring", "sum", "tan",
  "tanh", "time", "total", "total_changes", "trim", "trunc", "typeof",
  "unicode", "unixepoch", "unlikely", "upper", "zeroblob",
};

/* The pragma_* tables that may be read: the schema's shape. */
static const char *const PRAGMAS[] = {
  "pragma_collation_list", "pragma_foreign_key_list", "pragma_index_info",
  "pragma_index_list", "pragma_index_xinfo", "pragma_table_info",
  "pragma_table_list", "pragma_table_xinfo",
};

/* The virtual table modules every connection keeps. */
static const char *MODULES[] = { "json_each", "json_tree", NULL };

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static int cmp_name(const void *key, const void *item) {
  return strcmp(key, *(const char *const *)item);
}

/* name in the sorted list, compared in lower case; names longer than any
** SQLite function are not in it. */
static int listed(const char *const *list, size_t n, const char *name) {
  char low[64];
  size_t len = strlen(name);
  if (len >= sizeof low)
    return 0;
  for (size_t i = 0; i <= len; i++)
    low[i] = (char)tolower((unsigned char)name[i]);
  return bsearch(low, list, n, sizeof *list, cmp_name) != NULL;
}

int sqlauth_function_allowed(const char *name) {
  return name && listed(FUNCTIONS, COUNT(FUNCTIONS), name);
}

int sqlauth_harden(sqlite3 *db) {
  int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0,
                             (int *)NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
                           (int *)NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_drop_modules(db, MODULES);
  return rc;
}

static int deny(void *ud, const char *vi, const char *en, const char *what) {
  sqlauth *a = ud;
  snprintf(a->why, sizeof a->why, a->lang && strcmp(a->lang, "en") == 0
                                       ? en : vi, what ? what : "?");
  return SQLITE_DENY;
}

static int deny_function(void *ud, const char *name) {
  return deny(ud, "hàm %s không nằm trong danh sách hàm SQL được phép",
              "function %s is not on the list of SQL functions allowed",
              name);
}

/* Reading a table: the database's own (main, or temp for a script's
** scratch tables), json_each/json_tree, or a listed pragma_* table. */
static int read_table(void *ud, const char *table, const char *db) {
  if (db && strcmp(db, "main") != 0 && strcmp(db, "temp") != 0)
    return deny(ud, "không đọc được cơ sở dữ liệu %s",
                "database %s cannot be read", db);
  if (table && strncasecmp(table, "pragma_", 7) == 0 &&
      !listed(PRAGMAS, COUNT(PRAGMAS), table))
    return deny(ud, "bảng %s không được phép đọc",
                "table %s may not be read", table);
  return SQLITE_OK;
}

/* What both authorizers decide alike; -1 when the action is not one of
** them. */
static int common(void *ud, int action, const char *a, const char *b,
                  const char *db) {
  switch (action) {
  case SQLITE_SELECT:
  case SQLITE_RECURSIVE:
    return SQLITE_OK;
  case SQLITE_READ:
    return read_table(ud, a, db);
  case SQLITE_FUNCTION:
    return sqlauth_function_allowed(b) ? SQLITE_OK : deny_function(ud, b);
  case SQLITE_ATTACH:
  case SQLITE_DETACH:
    return deny(ud, "không được ATTACH/DETACH (%s)",
                "ATTACH and DETACH are refused (%s)", a);
  case SQLITE_PRAGMA:
    return deny(ud, "không được chạy PRAGMA %s",
                "PRAGMA %s is refused", a);
  case SQLITE_CREATE_VTABLE:
  case SQLITE_DROP_VTABLE:
    return deny(ud, "không được tạo hay xoá bảng ảo (%s)",
                "virtual tables are refused (%s)", a);
  case SQLITE_CREATE_TEMP_TRIGGER:
  case SQLITE_CREATE_TEMP_VIEW:
    return deny(ud, "không được tạo trigger hay view tạm (%s)",
                "temporary triggers and views are refused (%s)", a);
  default:
    return -1;
  }
}

/*
** A table-valued function (json_each) asks for SQLITE_UPDATE on
** sqlite_master while it is set up; that is allowed, and prepare() then
** insists the statement is read-only, which a real UPDATE is not.
*/
int sqlauth_reader(void *ud, int action, const char *a, const char *b,
                   const char *db, const char *trigger) {
  (void)trigger;
  int rc = common(ud, action, a, b, db);
  if (rc >= 0)
    return rc;
  if (action == SQLITE_UPDATE && a && strcmp(a, "sqlite_master") == 0)
    return SQLITE_OK;
  return SQLITE_DENY;
}

/* Whether action changes the audit log or its table: only its writer
** (audit.h) appends to it, so what it records is what commands did. */
static int changes_audit(int action, const char *a) {
  switch (action) {
  case SQLITE_INSERT:
  case SQLITE_UPDATE:
  case SQLITE_DELETE:
  case SQLITE_DROP_TABLE:
  case SQLITE_ALTER_TABLE:
  case SQLITE_CREATE_TRIGGER:
    return a && strcasecmp(a, "audit") == 0;
  default:
    return 0;
  }
}

/* The rest (writing rows, tables, indexes, triggers, views, transactions)
** is the script's to do with --write, but for the audit log. ALTER TABLE
** names the table in b, a trigger's table in b too. */
int sqlauth_writer(void *ud, int action, const char *a, const char *b,
                   const char *db, const char *trigger) {
  (void)trigger;
  int rc = common(ud, action, a, b, db);
  if (rc >= 0)
    return rc;
  if (changes_audit(action, action == SQLITE_ALTER_TABLE ||
                            action == SQLITE_CREATE_TRIGGER ? b : a))
    return deny(ud, "bảng %s chỉ được ghi qua pw.audit",
                "table %s is written only through pw.audit", "audit");
  return SQLITE_OK;
}

/* sql past blanks and comments. */
static const char *skip_blank(const char *s) {
  for (;;) {
    while (isspace((unsigned char)*s))
      s++;
    if (s[0] == '-' && s[1] == '-') {
      s += strcspn(s, "\n");
    } else if (s[0] == '/' && s[1] == '*') {
      const char *end = strstr(s + 2, "*/");
      s = end ? end + 2 : s + strlen(s);
    } else {
      return s;
    }
  }
}

int sqlauth_refused_statement(sqlauth *a, const char *sql) {
  const char *s = skip_blank(sql);
  if (strncasecmp(s, "vacuum", 6) != 0 || isalnum((unsigned char)s[6]) ||
      s[6] == '_')
    return 0;
  deny(a, "không được chạy %s (VACUUM INTO ghi ra tệp khác)",
       "%s is refused (VACUUM INTO writes another file)", "VACUUM");
  return 1;
}
