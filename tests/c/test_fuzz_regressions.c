/*
** test_fuzz_regressions.c: replay, without libFuzzer, every seed input of
** tests/fuzz/corpus/<target>/ and every input kept under
** tests/fuzz/regressions/<target>/ (each one once broke a property or
** crashed) through the fuzz targets' own bodies (tests/fuzz/targets.h).
** Each input is one check: it passes when the target broke none of its
** properties on it (fuzz_broken did not move) and did not crash; a crash
** ends the run, the "# replaying" line before it naming the input. Runs
** from the repository root.
*/
#define _DEFAULT_SOURCE
#define FUZZ_REPLAY
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "../fuzz/targets.h"

typedef int (*target_fn)(const uint8_t *data, size_t size);

static const struct { const char *name; target_fn fn; } targets[] = {
  { "csv", fuzz_csv }, { "period", fuzz_period }, { "mime", fuzz_mime },
  { "plugin", fuzz_plugin }, { "luaser", fuzz_luaser },
};

static int by_name(const struct dirent **a, const struct dirent **b) {
  return strcmp((*a)->d_name, (*b)->d_name);
}

/* Read the whole file at path; NULL when it cannot be read. */
static uint8_t *slurp(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return NULL;
  uint8_t *buf = NULL;
  size_t n = 0, cap = 0, got;
  do {
    if (n == cap) {
      cap = cap ? cap * 2 : 4096;
      uint8_t *grown = realloc(buf, cap);
      if (grown == NULL)
        break;
      buf = grown;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  fclose(f);
  *size = n;
  return buf ? buf : malloc(1);
}

/* Replay every file of dir through fn, one check per file. Returns how
** many were replayed (-1: no such folder). */
static int replay(const char *dir, const char *target, target_fn fn) {
  struct dirent **names;
  int n = scandir(dir, &names, NULL, by_name);
  if (n < 0)
    return -1;
  int done = 0;
  for (int i = 0; i < n; i++) {
    char path[512];
    size_t size = 0;
    if (names[i]->d_name[0] != '.') {
      snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
      uint8_t *data = slurp(path, &size);
      if (data) {
        unsigned long broken = fuzz_broken;
        check_note("replaying %s (%zu bytes)", path, size);
        fn(data, size);
        free(data);
        done++;
        CHECK(fuzz_broken == broken, "%s: %s keeps every property of the "
              "target", target, path);
      }
    }
    free(names[i]);
  }
  free(names);
  return done;
}

int main(void) {
  for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
    char dir[256];
    snprintf(dir, sizeof dir, "tests/fuzz/corpus/%s", targets[t].name);
    int seeds = replay(dir, targets[t].name, targets[t].fn);
    CHECK(seeds > 0, "%s: %s holds seed inputs (%d)", targets[t].name, dir,
          seeds);
    snprintf(dir, sizeof dir, "tests/fuzz/regressions/%s", targets[t].name);
    replay(dir, targets[t].name, targets[t].fn);
  }
  return check_done();
}
