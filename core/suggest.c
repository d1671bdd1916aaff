/*
** suggest.c: "did you mean". See suggest.h.
*/
#include "suggest.h"

#include <string.h>

#define WORD_MAX 64
#define FAR ((size_t)-1)

static size_t min3(size_t a, size_t b, size_t c) {
  size_t m = a < b ? a : b;
  return m < c ? m : c;
}

size_t suggest_distance(const char *a, const char *b) {
  size_t n = strlen(a), m = strlen(b);
  size_t d[WORD_MAX + 1][WORD_MAX + 1]; /* on the stack: threads may call */
  if (n > WORD_MAX || m > WORD_MAX)
    return FAR;
  for (size_t i = 0; i <= n; i++)
    d[i][0] = i;
  for (size_t j = 0; j <= m; j++)
    d[0][j] = j;
  for (size_t i = 1; i <= n; i++)
    for (size_t j = 1; j <= m; j++) {
      size_t cost = a[i - 1] != b[j - 1];
      d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          d[i - 2][j - 2] + 1 < d[i][j])
        d[i][j] = d[i - 2][j - 2] + 1;
    }
  return d[n][m];
}

const char *suggest_nearest(const char *typed, const char *const *words,
                            size_t n) {
  const char *best = NULL;
  size_t best_d = FAR;
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(words[i]) > strlen(typed) ? strlen(words[i])
                                                  : strlen(typed);
    size_t limit = len / 3 < 3 ? len / 3 : 3;
    size_t d = suggest_distance(typed, words[i]);
    if (d >= 1 && d <= limit && d < best_d)
      best = words[i], best_d = d;
  }
  return best;
}
