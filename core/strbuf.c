/*
** strbuf.c: a growing byte buffer (see strbuf.h).
*/
#include "strbuf.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int strbuf_add(strbuf *b, const char *s, size_t n) {
  if (n > SIZE_MAX / 2 - 1 - b->len)
    return -1;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *p = realloc(b->p, cap);
    if (p == NULL)
      return -1;
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
  assert(b->len < b->cap);
  return 0;
}

int strbuf_str(strbuf *b, const char *s) {
  return strbuf_add(b, s, strlen(s));
}

void strbuf_free(strbuf *b) {
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}
