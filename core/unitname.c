/*
** unitname.c: units by code, alias or official name. See unitname.h.
**
** Each way of writing a unit is put in three name maps (namemap.h): as it
** is stored, as its key, and as its key without diacritics. A map keeps
** the first unit put for a text, so spellings are put in the order that
** wins: every code, then every official name, then every alias, each in
** unit order.
*/
#define _POSIX_C_SOURCE 200809L
#include "unitname.h"

#include <stdlib.h>
#include <string.h>

#include "namemap.h"
#include "suggest.h"
#include "text.h"

struct unitname {
  char **code, **official;   /* by unit number; official may be NULL */
  size_t nunits, cap;
  namemap exact, keyed, plain; /* text to unit number */
  size_t *key_at;            /* offsets of the keyed texts, nkeys of them */
  size_t nkeys, keycap;
  const char **keys;         /* the keyed texts in byte order, for suggest.h */
};

/* ---- keys ---- */

static int key_space(uint32_t c) {
  return c == ' ' || c == '\t' || c == 0xA0;
}

/* The tone mark of a precomposed vowel (text_compose of its base), or 0. */
static uint32_t tone_of(uint32_t c, uint32_t *base) {
  static const uint32_t tones[] = { 0x300, 0x301, 0x303, 0x309, 0x323 };
  for (size_t i = 0; i < sizeof tones / sizeof tones[0]; i++) {
    uint32_t b = text_base(c);
    if (b != c && text_compose(b, tones[i]) == c) {
      *base = b;
      return tones[i];
    }
  }
  return 0;
}

/* Move the tone of "oà", "oè", "uỳ" at a syllable's end to the first
** vowel: the two placements give one key. */
static void tone_first(uint32_t *cp, size_t n) {
  for (size_t i = 0; i + 1 < n; i++) {
    uint32_t base = 0, tone = tone_of(cp[i + 1], &base);
    int pair = (cp[i] == 'o' && (base == 'a' || base == 'e')) ||
               (cp[i] == 'u' && base == 'y');
    uint32_t next = i + 2 < n ? text_base(cp[i + 2]) : ' ';
    int ends = !((next >= 'a' && next <= 'z') || next == 0x111);
    uint32_t moved = tone && pair && ends ? text_compose(cp[i], tone) : 0;
    if (moved) {
      cp[i] = moved;
      cp[i + 1] = base;
    }
  }
}

size_t unitname_key(const char *s, size_t len, char *out) {
  char nfc[UNITNAME_KEY_MAX], low[UNITNAME_KEY_MAX];
  uint32_t cp[UNITNAME_KEY_MAX];
  out[0] = '\0';
  if (len == 0 || len > UNITNAME_KEY_MAX)
    return 0;
  size_t m = text_lower_str(nfc, text_nfc_str(s, len, nfc), low), n = 0;
  for (size_t i = 0; i < m;) {
    uint32_t c;
    size_t k = text_utf8_decode(low + i, m - i, &c);
    if (k == 0) {
      c = (unsigned char)low[i];
      k = 1;
    }
    i += k;
    if (key_space(c) && (n == 0 || cp[n - 1] == ' '))
      continue;
    cp[n++] = key_space(c) ? ' ' : c;
  }
  while (n > 0 && cp[n - 1] == ' ')
    n--;
  tone_first(cp, n);
  size_t at = 0;
  for (size_t i = 0; i < n; i++)
    at += text_utf8_encode(cp[i] < 0x110000 ? cp[i] : 0xFFFD, out + at);
  out[at] = '\0';
  return at;
}

/* ---- spellings ---- */

/* Put one text of unit on a map unless an earlier spelling has it: the
** first put wins. 0, or -1 out of memory. */
static int put(namemap *m, const char *s, size_t len, size_t unit,
               size_t *at, int *added) {
  int rc = namemap_put(m, s, len, (uint32_t)unit, at);
  *added = rc == 0;
  return rc < 0 ? -1 : 0;
}

/* Remember the offset of a key first put, for the suggestion list. */
static int keep_key(unitname *u, size_t at) {
  if (u->nkeys == u->keycap) {
    size_t cap = u->keycap ? u->keycap * 2 : 64;
    size_t *v = realloc(u->key_at, cap * sizeof *v);
    if (v == NULL)
      return -1;
    u->key_at = v;
    u->keycap = cap;
  }
  u->key_at[u->nkeys++] = at;
  return 0;
}

/* Put one spelling of unit on the three maps. 0, or -1 out of memory. */
static int add_spelling(unitname *u, const char *s, size_t unit) {
  char key[UNITNAME_KEY_SIZE], plain[UNITNAME_KEY_SIZE];
  size_t len = strlen(s), n = unitname_key(s, len, key);
  size_t m = text_strip_str(key, n, plain), at;
  int added;
  if (put(&u->exact, s, len, unit, &at, &added) != 0 ||
      put(&u->keyed, key, n, unit, &at, &added) != 0 ||
      (added && keep_key(u, at) != 0))
    return -1;
  return put(&u->plain, plain, m, unit, &at, &added);
}

static char *copy(const unsigned char *s) {
  return s ? strdup((const char *)s) : NULL;
}

static int add_unit(unitname *u, sqlite3_stmt *st) {
  if (u->nunits == u->cap) {
    size_t cap = u->cap ? u->cap * 2 : 64;
    char **c = realloc(u->code, cap * sizeof *c);
    if (c == NULL)
      return SQLITE_NOMEM;
    u->code = c;
    char **o = realloc(u->official, cap * sizeof *o);
    if (o == NULL)
      return SQLITE_NOMEM;
    u->official = o;
    u->cap = cap;
  }
  const unsigned char *name = sqlite3_column_text(st, 1);
  u->code[u->nunits] = copy(sqlite3_column_text(st, 0));
  u->official[u->nunits] = copy(name);
  u->nunits++;
  return u->code[u->nunits - 1] == NULL || (name && !u->official[u->nunits - 1])
             ? SQLITE_NOMEM : SQLITE_OK;
}

/* The number of the unit whose code is code, or -1. */
static long unit_of(const unitname *u, const char *code) {
  size_t lo = 0, hi = u->nunits;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(u->code[mid], code);
    if (c == 0)
      return (long)mid;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -1;
}

static int add_alias(unitname *u, sqlite3_stmt *st) {
  const char *alias = (const char *)sqlite3_column_text(st, 0);
  const char *code = (const char *)sqlite3_column_text(st, 1);
  long id = alias && code ? unit_of(u, code) : -1;
  if (id >= 0 && add_spelling(u, alias, (size_t)id) != 0)
    return SQLITE_NOMEM;
  return SQLITE_OK;
}

static int each_row(sqlite3 *db, unitname *u, const char *sql,
                    int (*fn)(unitname *, sqlite3_stmt *)) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
    rc = fn(u, st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Codes, then official names, once every unit is read. */
static int add_names(unitname *u) {
  for (size_t i = 0; i < u->nunits; i++)
    if (add_spelling(u, u->code[i], i) != 0)
      return SQLITE_NOMEM;
  for (size_t i = 0; i < u->nunits; i++)
    if (u->official[i] && add_spelling(u, u->official[i], i) != 0)
      return SQLITE_NOMEM;
  return SQLITE_OK;
}

static int by_bytes(const void *x, const void *y) {
  return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The keyed texts in byte order, once no more are put: suggest.h takes
** the first nearest, so the list keeps one order whatever the load. */
static int list_keys(unitname *u) {
  u->keys = malloc((u->nkeys ? u->nkeys : 1) * sizeof *u->keys);
  if (u->keys == NULL)
    return SQLITE_NOMEM;
  for (size_t i = 0; i < u->nkeys; i++)
    u->keys[i] = namemap_name(&u->keyed, u->key_at[i]);
  qsort(u->keys, u->nkeys, sizeof *u->keys, by_bytes);
  return SQLITE_OK;
}

int unitname_load(sqlite3 *db, unitname **out) {
  unitname *u = calloc(1, sizeof *u);
  *out = NULL;
  if (u == NULL)
    return SQLITE_NOMEM;
  int rc = each_row(db, u, "SELECT code, name FROM units "
                           "WHERE retired_at IS NULL ORDER BY code", add_unit);
  if (rc == SQLITE_OK)
    rc = add_names(u);
  if (rc == SQLITE_OK)
    rc = each_row(db, u, "SELECT a.alias, a.unit FROM unit_aliases a "
                         "JOIN units u ON u.code = a.unit "
                         "WHERE u.retired_at IS NULL ORDER BY a.unit, a.alias",
                  add_alias);
  if (rc == SQLITE_OK)
    rc = list_keys(u);
  if (rc != SQLITE_OK) {
    unitname_free(u);
    return rc;
  }
  *out = u;
  return SQLITE_OK;
}

/* ---- questions ---- */

size_t unitname_count(const unitname *u) {
  return u->nunits;
}

const char *unitname_code(const unitname *u, size_t id) {
  return u->code[id];
}

const char *unitname_official(const unitname *u, size_t id) {
  return u->official[id] ? u->official[id] : u->code[id];
}

long unitname_find(const unitname *u, const char *s, size_t len) {
  char key[UNITNAME_KEY_SIZE];
  long id = namemap_get(&u->exact, s, len);
  size_t n = id >= 0 ? 0 : unitname_key(s, len, key);
  return n > 0 ? namemap_get(&u->keyed, key, n) : id;
}

long unitname_near(const unitname *u, const char *s, size_t len) {
  char key[UNITNAME_KEY_SIZE], plain[UNITNAME_KEY_SIZE];
  size_t n = unitname_key(s, len, key);
  if (n == 0)
    return -1;
  long id = namemap_get(&u->plain, plain, text_strip_str(key, n, plain));
  if (id < 0) {
    const char *near = suggest_nearest(key, u->keys, u->nkeys);
    id = near ? namemap_get(&u->keyed, near, strlen(near)) : -1;
  }
  return id;
}

void unitname_free(unitname *u) {
  if (u == NULL)
    return;
  for (size_t i = 0; i < u->nunits; i++) {
    free(u->code[i]);
    free(u->official[i]);
  }
  free(u->code);
  free(u->official);
  namemap_free(&u->exact);
  namemap_free(&u->keyed);
  namemap_free(&u->plain);
  free(u->key_at);
  free(u->keys);
  free(u);
}
