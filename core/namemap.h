#ifndef PW_NAMEMAP_H
#define PW_NAMEMAP_H
/*
** namemap: a hash table from names (byte strings) to 32-bit ids, for
** looking codes, aliases and keys up once per line of a large file.
**
** Open addressing with linear probing over FNV-1a hashes; the table has a
** power-of-two number of slots and is never more than half full, so a
** probe ends at an empty slot. Every name is copied once into one strbuf
** (NUL-terminated, so a name's offset there is a C string); a slot keeps
** that offset, the length and the id. Names are never removed. An empty
** name is never stored, nor a name of 4 GiB or more.
**
** Start from a zeroed namemap; free it with namemap_free.
*/
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

typedef struct namemap_slot {
  size_t name;          /* offset of the name in names; valid when len > 0 */
  uint32_t len;         /* the name's length; 0 for an empty slot */
  uint32_t id;          /* the id it stands for */
} namemap_slot;

typedef struct namemap {
  strbuf names;         /* every name, each followed by a NUL */
  namemap_slot *slots;  /* nslots of them, a power of two, at most half full */
  size_t nslots;        /* 0 until the first put */
  size_t count;         /* names held */
} namemap;

/*
** Map the n bytes at s to id unless that name is there already (its id is
** then left as it was). *at gets the offset of the stored name in
** m->names (namemap_name). Returns 0 added, 1 present (or a name that is
** never stored: empty, too long; *at is then untouched), -1 out of memory.
*/
int namemap_put(namemap *m, const char *s, size_t n, uint32_t id, size_t *at);

/* The id of the n bytes at s, or -1 when they are not a name held. */
long namemap_get(const namemap *m, const char *s, size_t n);

/* The stored name at offset at (as namemap_put gave it), a C string. */
const char *namemap_name(const namemap *m, size_t at);

/* Free the table and its names. */
void namemap_free(namemap *m);

#endif
