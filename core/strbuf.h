#ifndef PW_STRBUF_H
#define PW_STRBUF_H
/*
** strbuf: a growing byte buffer for text built piece by piece (names one
** after another, a JSON document, "name\0sql\0" lists).
**
** Start from a zeroed strbuf. After any successful add, p holds len bytes
** followed by a NUL (so p is a C string when no NUL was added); p is NULL
** until the first add. The capacity doubles, so appending is amortized
** constant time. An add that runs out of memory leaves the buffer as it was.
*/
#include <stddef.h>

typedef struct strbuf {
  char *p;        /* the bytes, then a NUL; NULL before the first add */
  size_t len;     /* bytes held, the NUL not counted */
  size_t cap;     /* bytes allocated at p (len + 1 at least, once used) */
} strbuf;

/* Append n bytes of s (which may hold NUL bytes). 0, or -1 out of memory. */
int strbuf_add(strbuf *b, const char *s, size_t n);

/* Append the C string s. 0, or -1 out of memory. */
int strbuf_str(strbuf *b, const char *s);

/* Free the bytes; b is then empty and may be used again. */
void strbuf_free(strbuf *b);

#endif
