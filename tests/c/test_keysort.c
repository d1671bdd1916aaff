/*
** test_keysort.c: the import's reusable parts on their own: rows sorted by
** key (keysort.h), on both sides of KEYSORT_SPLIT_ROWS, and names to ids
** (namemap.h) past the table's growth.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "keysort.h"
#include "namemap.h"

/* A fixed xorshift sequence: the same rows on every run. */
static uint64_t next_random(uint64_t *state) {
  uint64_t x = *state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *state = x;
}

/* n rows in the given order: "random", "reversed", "arrival" (period by
** period, unit by unit, indicators side by side, as files come) or
** "repeats" (few distinct keys). Each row's line is its first index. */
static keyrow *make_rows(size_t n, const char *order) {
  keyrow *a = malloc(n * sizeof *a);
  uint64_t state = 88172645463325252ULL;
  for (size_t i = 0; a && i < n; i++) {
    uint64_t key;
    if (strcmp(order, "random") == 0)
      key = next_random(&state);
    else if (strcmp(order, "reversed") == 0)
      key = (uint64_t)(n - i) << 20;
    else if (strcmp(order, "repeats") == 0)
      key = next_random(&state) % 7;
    else    /* arrival: indicator i % 40, unit i / 40 % 5000, month i / 2e5 */
      key = (uint64_t)(i % 40) << 48 | (uint64_t)(i / 200000) << 32 |
            (uint64_t)(i / 40 % 5000);
    a[i] = (keyrow){ key, (double)i, (uint32_t)i, (uint32_t)(i % 3) };
  }
  return a;
}

/* Every row is still there once, with what travelled with its key. */
static int same_rows(const keyrow *a, size_t n) {
  unsigned char *seen = calloc(n, 1);
  int ok = seen != NULL;
  for (size_t i = 0; ok && i < n; i++) {
    uint32_t line = a[i].line;
    ok = line < n && !seen[line] && a[i].value == (double)line &&
         a[i].extra == line % 3;
    if (ok)
      seen[line] = 1;
  }
  free(seen);
  return ok;
}

static void sorts(size_t n, const char *order) {
  keyrow *a = make_rows(n, order);
  size_t cap = n;
  keysort(&a, n, &cap);
  CHECK(a && keysort_sorted(a, n), "%zu rows in %s order come out in key order",
        n, order);
  CHECK(a && same_rows(a, n), "%zu rows in %s order: each row once, its value, "
        "line and extra with its key", n, order);
  CHECK(cap >= n, "%zu rows in %s order: the capacity still holds them", n,
        order);
  free(a);
}

static void test_keysort(void) {
  keyrow one = { 5, 0, 0, 0 };
  keyrow *p = &one;
  size_t cap = 1;
  keysort(&p, 0, &cap);
  keysort(&p, 1, &cap);
  CHECK(p == &one && one.key == 5, "no row or one row is left where it is");
  keyrow two[2] = { { 2, 0, 0, 0 }, { 1, 0, 1, 0 } };
  CHECK(!keysort_sorted(two, 2), "two rows out of order are seen to be");
  sorts(1000, "random");
  sorts(1000, "repeats");
  sorts(KEYSORT_SPLIT_ROWS - 1, "random");
  sorts(KEYSORT_SPLIT_ROWS + 1, "random");
  sorts(KEYSORT_SPLIT_ROWS + 1, "reversed");
  sorts(KEYSORT_SPLIT_ROWS + 1, "repeats");
  sorts(1200000, "arrival");
}

static void test_namemap(void) {
  namemap m = { 0 };
  size_t at = 0;
  char name[32];
  CHECK(namemap_get(&m, "x", 1) == -1, "an empty map holds no name");
  CHECK(namemap_put(&m, "", 0, 1, &at) == 1 && m.count == 0,
        "an empty name is never stored");
  int added = 1;
  for (uint32_t i = 0; i < 10000; i++) {
    snprintf(name, sizeof name, "DV%04u", i);
    added &= namemap_put(&m, name, strlen(name), i, &at) == 0 &&
             strcmp(namemap_name(&m, at), name) == 0;
  }
  CHECK(added && m.count == 10000, "10000 names are added, each stored as "
        "given");
  CHECK(m.nslots >= 2 * m.count, "the table is at most half full (%zu of %zu)",
        m.count, m.nslots);
  int found = 1;
  for (uint32_t i = 0; i < 10000; i++) {
    snprintf(name, sizeof name, "DV%04u", i);
    found &= namemap_get(&m, name, strlen(name)) == (long)i;
  }
  CHECK(found, "each name finds its own id after the table grew");
  CHECK(namemap_put(&m, "DV0007", 6, 99, &at) == 1 &&
        namemap_get(&m, "DV0007", 6) == 7, "a name put again keeps its id");
  CHECK(namemap_get(&m, "DV000", 5) == -1 && namemap_get(&m, "dv0007", 6) == -1,
        "a prefix or another case is not the name");
  namemap_free(&m);
}

int main(void) {
  test_keysort();
  test_namemap();
  return check_done();
}
