/*
** unitname.c: units by code, alias or official name. See unitname.h.
**
** Each way of writing a unit is a spelling on one of three shelves: as it
** is stored, as its key, and as its key without diacritics. A shelf is
** sorted by text, then by rank (codes first, names, aliases), so a binary
** search finds a text's first spelling, the one that wins. The exact
** shelf, looked up once a row by an import of millions, is also reached
** through a hash of its texts.
*/
#define _POSIX_C_SOURCE 200809L
#include "unitname.h"

#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "text.h"

typedef struct spelling {
  char *text;      /* NUL-terminated; may hold NUL bytes before len */
  size_t len;
  uint32_t unit;   /* the unit's number */
  uint32_t rank;   /* 0 code, 1 official name, 2 alias */
} spelling;

typedef struct shelf {
  spelling *v;
  size_t n, cap;
  uint32_t *hashed;  /* NULL, or nhashed slots: 1 + index in v, 0 empty */
  size_t nhashed;    /* a power of two, at least twice n */
} shelf;

struct unitname {
  char **code, **official;   /* by unit number; official may be NULL */
  size_t nunits, cap;
  shelf exact, keyed, plain;
  const char **keys;         /* the keyed shelf's texts, for suggest.h */
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

/* ---- shelves ---- */

static int shelve(shelf *sh, const char *s, size_t len, size_t unit,
                  uint32_t rank) {
  if (len == 0)
    return 0;
  if (sh->n == sh->cap) {
    size_t cap = sh->cap ? sh->cap * 2 : 64;
    spelling *v = realloc(sh->v, cap * sizeof *v);
    if (v == NULL)
      return -1;
    sh->v = v;
    sh->cap = cap;
  }
  char *text = malloc(len + 1);
  if (text == NULL)
    return -1;
  memcpy(text, s, len);
  text[len] = '\0';
  sh->v[sh->n++] = (spelling){ text, len, (uint32_t)unit, rank };
  return 0;
}

static int compare_text(const char *a, size_t alen, const char *b,
                        size_t blen) {
  int c = memcmp(a, b, alen < blen ? alen : blen);
  return c ? c : (alen > blen) - (alen < blen);
}

static int by_text_rank(const void *x, const void *y) {
  const spelling *a = x, *b = y;
  int c = compare_text(a->text, a->len, b->text, b->len);
  if (c)
    return c;
  if (a->rank != b->rank)
    return a->rank < b->rank ? -1 : 1;
  return (a->unit > b->unit) - (a->unit < b->unit);
}

/* Sorted, each text once (its winning spelling kept). */
static void shelf_sort(shelf *sh) {
  qsort(sh->v, sh->n, sizeof *sh->v, by_text_rank);
  size_t out = 0;
  for (size_t i = 0; i < sh->n; i++) {
    if (out > 0 && compare_text(sh->v[out - 1].text, sh->v[out - 1].len,
                                sh->v[i].text, sh->v[i].len) == 0)
      free(sh->v[i].text);
    else
      sh->v[out++] = sh->v[i];
  }
  sh->n = out;
}

static size_t hash(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL;  /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
  return (size_t)h;
}

/* The slot of s in sh's hash: its own, or the empty one it would take. */
static size_t hash_slot(const shelf *sh, const char *s, size_t len) {
  size_t mask = sh->nhashed - 1, i = hash(s, len) & mask;
  while (sh->hashed[i] != 0) {
    const spelling *sp = &sh->v[sh->hashed[i] - 1];
    if (sp->len == len && memcmp(sp->text, s, len) == 0)
      break;
    i = (i + 1) & mask;
  }
  return i;
}

/* Hash a sorted shelf's texts. 0, or -1 out of memory. */
static int shelf_hash(shelf *sh) {
  size_t n = 64;
  while (n < 2 * sh->n)
    n *= 2;
  if ((sh->hashed = calloc(n, sizeof *sh->hashed)) == NULL)
    return -1;
  sh->nhashed = n;
  for (size_t i = 0; i < sh->n; i++)
    sh->hashed[hash_slot(sh, sh->v[i].text, sh->v[i].len)] = (uint32_t)i + 1;
  return 0;
}

/* The spelling of s on sh, or NULL. */
static const spelling *shelf_find(const shelf *sh, const char *s,
                                  size_t len) {
  if (sh->hashed) {
    uint32_t at = sh->hashed[hash_slot(sh, s, len)];
    return at ? &sh->v[at - 1] : NULL;
  }
  size_t lo = 0, hi = sh->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = compare_text(sh->v[mid].text, sh->v[mid].len, s, len);
    if (c == 0)
      return &sh->v[mid];
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

static void shelf_free(shelf *sh) {
  for (size_t i = 0; i < sh->n; i++)
    free(sh->v[i].text);
  free(sh->v);
  free(sh->hashed);
}

/* ---- loading ---- */

/* Put one spelling of unit on the three shelves. 0, or -1 out of memory. */
static int add_spelling(unitname *u, const char *s, size_t unit,
                        uint32_t rank) {
  char key[UNITNAME_KEY_SIZE], plain[UNITNAME_KEY_SIZE];
  size_t len = strlen(s), n = unitname_key(s, len, key);
  size_t m = text_strip_str(key, n, plain);
  return shelve(&u->exact, s, len, unit, rank) ||
         shelve(&u->keyed, key, n, unit, rank) ||
         shelve(&u->plain, plain, m, unit, rank) ? -1 : 0;
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
  if (id >= 0 && add_spelling(u, alias, (size_t)id, 2) != 0)
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

/* Codes and names once every unit is read, then the shelves in order. */
static int finish(unitname *u) {
  for (size_t i = 0; i < u->nunits; i++)
    if (add_spelling(u, u->code[i], i, 0) != 0 ||
        (u->official[i] && add_spelling(u, u->official[i], i, 1) != 0))
      return SQLITE_NOMEM;
  shelf_sort(&u->exact);
  shelf_sort(&u->keyed);
  shelf_sort(&u->plain);
  if (u->exact.n > UINT32_MAX / 4 || shelf_hash(&u->exact) != 0)
    return SQLITE_NOMEM;
  u->keys = malloc((u->keyed.n ? u->keyed.n : 1) * sizeof *u->keys);
  if (u->keys == NULL)
    return SQLITE_NOMEM;
  for (size_t i = 0; i < u->keyed.n; i++)
    u->keys[i] = u->keyed.v[i].text;
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
    rc = each_row(db, u, "SELECT a.alias, a.unit FROM unit_aliases a "
                         "JOIN units u ON u.code = a.unit "
                         "WHERE u.retired_at IS NULL ORDER BY a.unit, a.alias",
                  add_alias);
  if (rc == SQLITE_OK)
    rc = finish(u);
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
  const spelling *sp = shelf_find(&u->exact, s, len);
  size_t n = sp ? 0 : unitname_key(s, len, key);
  if (n > 0)
    sp = shelf_find(&u->keyed, key, n);
  return sp ? (long)sp->unit : -1;
}

long unitname_near(const unitname *u, const char *s, size_t len) {
  char key[UNITNAME_KEY_SIZE], plain[UNITNAME_KEY_SIZE];
  size_t n = unitname_key(s, len, key);
  if (n == 0)
    return -1;
  const spelling *sp = shelf_find(&u->plain, plain,
                                  text_strip_str(key, n, plain));
  if (sp == NULL) {
    const char *near = suggest_nearest(key, u->keys, u->keyed.n);
    sp = near ? shelf_find(&u->keyed, near, strlen(near)) : NULL;
  }
  return sp ? (long)sp->unit : -1;
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
  shelf_free(&u->exact);
  shelf_free(&u->keyed);
  shelf_free(&u->plain);
  free(u->keys);
  free(u);
}
