#ifndef PW_LUA_CSV_H
#define PW_LUA_CSV_H
/*
** lua_csv: CSV files for scripts, through the streaming reader (csv.h).
**
**   pw.csv_records(path [, max [, opts]])
**       -> list of records | nil, "path:line: message"
**       each record { line = N, fields = { ... }, bad_field = i | nil }
**       (bad_field: the first field, from 1, that is not valid UTF-8);
**       reading stops after max records when max is given (0: all).
**       opts.delimiter: ',' (default), ';' or "\t"; opts.text: parse this
**       text instead of reading path (which still names it in messages).
**
** Meant for small files (submissions, lists): the records are held in
** memory, bounded by the script's memory cap. Indicator values, which can
** be millions of rows, go through pw.import_values instead.
*/
#include <lua.h>

/* Add csv_records to the table on top of L. */
void lua_csv_register(lua_State *L);

#endif
