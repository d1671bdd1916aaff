#ifndef PW_SAY_H
#define PW_SAY_H
/*
** say: the texts the C core shows people, in Vietnamese (the default) and
** English (--lang en), in one table keyed by SAY_ (say.c).
**
** A text is a printf format (or a lua_pushfstring one: only %s %d %c %f %p
** %I %U %%); both languages of a key hold the same conversions in the same
** order, which tests/c/test_say.c checks for every key. Messages meant for
** a log or an SMTP server are not here: they stay in English.
**
** The language is the run's: main sets it once from --lang/PLANWATCH_LANG
** (say_use) before anything can fail, and a forked child inherits it.
*/

typedef enum say_key {
  SAY_OUT_OF_MEMORY,
  /* store.c: opening the database */
  SAY_STORE_MIGRATION_FAILED,
  SAY_STORE_NOT_SQLITE,
  SAY_STORE_NO_VERSION,
  SAY_STORE_NEWER,
  SAY_STORE_EMPTY,
  SAY_STORE_OLDER,
  SAY_STORE_HARDEN,
  SAY_STORE_OPEN,
  /* import*.c: a values file */
  SAY_IMPORT_TOO_MANY_INDICATORS,
  SAY_IMPORT_TOO_MANY_UNITS,
  SAY_IMPORT_READING_PLAN,
  SAY_IMPORT_DUPLICATE,
  SAY_IMPORT_CHECK_STOPPED,
  SAY_IMPORT_OOM_ROWS,
  SAY_IMPORT_UNKNOWN_COLUMN,
  SAY_IMPORT_COLUMN_TWICE,
  SAY_IMPORT_HEADER_UTF8,
  SAY_IMPORT_MISSING_COLUMN,
  SAY_IMPORT_FIELD,
  SAY_IMPORT_FIELD_UTF8,
  SAY_IMPORT_FIELD_NUL,
  SAY_IMPORT_INDICATOR_EMPTY,
  SAY_IMPORT_UNKNOWN_INDICATOR,
  SAY_IMPORT_DERIVED,
  SAY_IMPORT_UNIT_EMPTY,
  SAY_IMPORT_UNIT_NEAR,
  SAY_IMPORT_UNKNOWN_UNIT,
  SAY_IMPORT_PERIOD_EMPTY,
  SAY_IMPORT_BAD_PERIOD,
  SAY_IMPORT_VALUE_EMPTY,
  SAY_IMPORT_NOT_NUMBER,
  SAY_IMPORT_OUT_OF_RANGE,
  SAY_IMPORT_FIELD_COUNT,
  SAY_IMPORT_FIELD_COUNT_ONE,
  SAY_IMPORT_WRONG_PERIOD,
  SAY_IMPORT_UNKNOWN_PERIOD,
  SAY_IMPORT_TOO_MANY_LINES,
  SAY_IMPORT_EMPTY_FILE,
  SAY_IMPORT_MORE_ERRORS,
  SAY_IMPORT_READ_ONLY,
  SAY_IMPORT_READING_STORE,
  SAY_IMPORT_READING_SCHEMA,
  SAY_IMPORT_PREPARING,
  SAY_IMPORT_READING_VALUES,
  SAY_IMPORT_WRITING_AUDIT,
  SAY_IMPORT_WRITING_VALUES,
  SAY_IMPORT_KEEPING_YEARS,
  /* csv.c: the shape of a CSV file */
  SAY_CSV_FIELD_TOO_LONG,
  SAY_CSV_TOO_MANY_FIELDS,
  SAY_CSV_QUOTE_INSIDE,
  SAY_CSV_AFTER_QUOTE,
  SAY_CSV_BARE_CR,
  SAY_CSV_NEVER_CLOSED,
  SAY_CSV_READ_ERROR,
  /* safefile.c, writable.c: files named from outside */
  SAY_FILE_IS_FOLDER,
  SAY_FILE_NOT_REGULAR,
  SAY_FILE_IS_LINK,
  SAY_FILE_EXISTS_NOT_REGULAR,
  SAY_FILE_NOT_A_NAME,
  SAY_WRITE_ZONE_SCRIPTS,
  SAY_WRITE_ZONE_PLUGINS,
  SAY_WRITE_ZONE_PROGRAM,
  SAY_WRITE_ZONE_DATABASE,
  SAY_WRITE_NEVER,
  SAY_WRITE_NOT_NAMED,
  /* host.c: the scripts' state */
  SAY_HOST_BAD_MODULE,
  SAY_HOST_NO_MODULE,
  SAY_HOST_NO_MEMORY,
  /* plugin.c, sandbox.c: plugins and scripts in their sandbox */
  SAY_PLUGIN_CANNOT_OPEN,
  SAY_PLUGIN_NO_SANDBOX_MEMORY,
  SAY_PLUGIN_ANSWER_UNREADABLE_OF,
  SAY_PLUGIN_DECLARATIONS_UNREADABLE,
  SAY_PLUGIN_ANSWER_UNREADABLE,
  SAY_PLUGIN_SANDBOX_UNREADABLE_WHY,
  SAY_PLUGIN_NO_ANSWER_MEMORY,
  SAY_PLUGIN_TIMEOUT,
  SAY_PLUGIN_CRASHED,
  SAY_PLUGIN_TOO_LARGE,
  SAY_PLUGIN_CANNOT_RUN,
  SAY_PLUGIN_NO_ANSWER,
  SAY_PLUGIN_OUTSIDE_FOLDER,
  SAY_PLUGIN_NESTED,
  SAY_SANDBOX_STOPPED_AT,
  SAY_SANDBOX_STOPPED,
  SAY_SANDBOX_BUDGET,
  SAY_SANDBOX_TIME,
  SAY_SANDBOX_MEMORY,
  SAY_SANDBOX_TEXT_ONLY,
  SAY_SANDBOX_UNDECLARED,
  SAY_SANDBOX_ASSIGN_UNDECLARED,
  SAY_SANDBOX_PROTECTED_ENV,
  SAY_SANDBOX_GC,
  SAY_SANDBOX_METATABLE,
  SAY_SANDBOX_CANNOT_OPEN,
  SAY_SANDBOX_STILL_RUNNING,
  SAY_SANDBOX_NOT_NUMBER,
  SAY_COUNT
} say_key;

/* Use lang ("en" for English; anything else, or NULL, is Vietnamese) for
** every text from now on. */
void say_use(const char *lang);

/* The run's language: "vi" or "en". */
const char *say_lang(void);

/* The text of key in the run's language. */
const char *say(say_key key);

/* The text of key in lang ("vi" or "en"); NULL for a key out of range. */
const char *say_in(const char *lang, say_key key);

/* The reason for errno err, in the run's language: the common ones are
** translated, the rest are strerror's. */
const char *say_errno(int err);

#endif
