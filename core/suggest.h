#ifndef PW_SUGGEST_H
#define PW_SUGGEST_H
/*
** suggest: the nearest known word to a mistyped one, for "did you mean"
** hints on the command line (`statsu` -> `status`, `--dryrun` -> `--dry-run`).
**
** Words are compared byte by byte with the optimal string alignment
** distance (insertions, deletions, substitutions and swaps of two
** neighbours each cost 1). A word is suggested when its distance is at most
** a third of the longer word's length, and at least 1 and at most 3; of
** several, the first nearest in the list.
*/
#include <stddef.h>

/* The distance between a and b; words longer than 64 bytes count as far. */
size_t suggest_distance(const char *a, const char *b);

/* The nearest of the n words to typed under the rule above, or NULL. */
const char *suggest_nearest(const char *typed, const char *const *words,
                            size_t n);

#endif
