/*
** namemap.c: names to ids by open addressing (see namemap.h).
*/
#include "namemap.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define NAMEMAP_FIRST_SLOTS 64

static uint64_t hash(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
  return h;
}

/* The slot holding s, or the empty slot where it would go. There is one:
** the table is at most half full. */
static namemap_slot *slot_of(const namemap *m, const char *s, size_t n) {
  size_t mask = m->nslots - 1, i = (size_t)hash(s, n) & mask;
  for (;; i = (i + 1) & mask) {
    namemap_slot *slot = &m->slots[i];
    if (slot->len == 0 ||
        (slot->len == n && memcmp(m->names.p + slot->name, s, n) == 0))
      return slot;
  }
}

static int grow(namemap *m) {
  size_t n = m->nslots ? m->nslots * 2 : NAMEMAP_FIRST_SLOTS;
  namemap_slot *old = m->slots;
  size_t nold = m->nslots;
  if ((m->slots = calloc(n, sizeof *m->slots)) == NULL) {
    m->slots = old;
    return -1;
  }
  m->nslots = n;
  assert((n & (n - 1)) == 0);                     /* a mask finds a slot */
  for (size_t i = 0; i < nold; i++)
    if (old[i].len)
      *slot_of(m, m->names.p + old[i].name, old[i].len) = old[i];
  free(old);
  return 0;
}

int namemap_put(namemap *m, const char *s, size_t n, uint32_t id, size_t *at) {
  if (n == 0 || n > UINT32_MAX)
    return 1;
  if ((m->count + 1) * 2 > m->nslots && grow(m) != 0)
    return -1;
  assert((m->count + 1) * 2 <= m->nslots);
  namemap_slot *slot = slot_of(m, s, n);
  if (slot->len) {
    *at = slot->name;
    return 1;
  }
  size_t name = m->names.len;
  if (strbuf_add(&m->names, s, n) != 0 || strbuf_add(&m->names, "", 1) != 0)
    return -1;
  *slot = (namemap_slot){ name, (uint32_t)n, id };
  m->count++;
  *at = name;
  return 0;
}

long namemap_get(const namemap *m, const char *s, size_t n) {
  if (m->nslots == 0 || n == 0)
    return -1;
  const namemap_slot *slot = slot_of(m, s, n);
  return slot->len ? (long)slot->id : -1;
}

const char *namemap_name(const namemap *m, size_t at) {
  assert(at < m->names.len);
  return m->names.p + at;
}

void namemap_free(namemap *m) {
  strbuf_free(&m->names);
  free(m->slots);
  m->slots = NULL;
  m->nslots = m->count = 0;
}
