#ifndef PW_UNITNAME_H
#define PW_UNITNAME_H
/*
** unitname: the one rule that turns what a person writes for a unit (its
** code, one of its aliases, its official name) into the unit, for every
** command that reads one: the values import, the submissions import,
** submit, duties --unit and pw.values (through pw.unit, lua_import.h).
**
** Only active units count (retired_at NULL), with their aliases. A name is
** compared exactly with the codes, official names and aliases, then by its
** key (unitname_key) with theirs. Where two units share a spelling, codes
** come before official names and those before aliases, each in code order.
**
** A name that matches nothing is never taken for another unit: the caller
** refuses it, with "did you mean" the unit unitname_near gives: the one a
** spelling of which has the name's key but for diacritics, or else the one
** whose spelling's key is nearest by suggest.h's rule (a slip of a letter
** or two). A loaded table is only read: threads may share it.
*/
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

/*
** The key names are compared by: NFC, lower case, spaces (and tabs, no-break
** spaces) trimmed and runs of them made one, and the older tone-mark
** placement on "oa", "oe" and "uy" at a syllable's end ("hoà", "khoẻ",
** "Uỷ") moved to the newer ("hòa", "khỏe", "Ủy"). Writes it and a NUL to
** out, which has room for UNITNAME_KEY_SIZE bytes; returns its length, 0
** for a name that is empty or longer than UNITNAME_KEY_MAX bytes.
*/
#define UNITNAME_KEY_MAX 400
#define UNITNAME_KEY_SIZE (4 * UNITNAME_KEY_MAX + 1)
size_t unitname_key(const char *s, size_t len, char *out);

typedef struct unitname unitname;

/* Read the active units and their aliases from db into *out. SQLITE_OK,
** SQLITE_NOMEM, or SQLite's error code (then *out is NULL). Units are
** numbered from 0 in code order (SQLite's BINARY order). */
int unitname_load(sqlite3 *db, unitname **out);

/* How many units there are. */
size_t unitname_count(const unitname *u);

/* The unit s[0..len) names (len bytes, NUL bytes allowed), or -1. */
long unitname_find(const unitname *u, const char *s, size_t len);

/* The code of unit id, and its official name (its code when it has none). */
const char *unitname_code(const unitname *u, size_t id);
const char *unitname_official(const unitname *u, size_t id);

/* For a name unitname_find does not know: the unit to suggest, or -1. */
long unitname_near(const unitname *u, const char *s, size_t len);

/* Free u (NULL is fine). */
void unitname_free(unitname *u);

#endif
