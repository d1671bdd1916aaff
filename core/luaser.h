#ifndef PW_LUASER_H
#define PW_LUASER_H
/*
** luaser: plain Lua data as bytes, and back, for values that cross a process
** boundary (a plugin's answer, sent from its sandbox process to the host).
**
** The data are those transfer.h copies between states: nil, booleans, integers,
** floats, strings and tables of them, read with raw access so no metamethod
** runs; a function becomes the table { __function = true }. Table keys must
** be strings or numbers. The encoding, one value:
**
**   'z'                         nil
**   'b' / 'B'                   false / true
**   'i' + 8 bytes               an integer, two's complement, little-endian
**   'd' + 8 bytes               a float, IEEE 754 bits, little-endian
**   's' + 4-byte length + bytes a string (length little-endian)
**   'f'                         a function (decoded as { __function = true })
**   't' + 4-byte count + count key/value pairs   a table
**
** The decoder trusts nothing: every tag, length and count is checked
** against the bytes left, nesting is capped at LUASER_DEPTH and values at
** LUASER_NODES, a key must be a string or a number (not NaN), and the bytes
** must hold exactly one value. It runs in a protected call, so running out
** of memory in the receiving state is an error, not a longjmp past it.
*/
#include <stddef.h>

#include <lua.h>

#define LUASER_DEPTH 32            /* deepest nesting, as TRANSFER_DEPTH */
#define LUASER_NODES 1000000       /* most values in one encoding, as TRANSFER_NODES */
#define LUASER_MAX_BYTES (64u << 20) /* largest encoding made or accepted */

/* A growing byte buffer with a ceiling. */
typedef struct luaser_buf {
  unsigned char *data;  /* the bytes, or NULL while empty */
  size_t len;           /* bytes held */
  size_t cap;           /* bytes allocated */
  size_t max;           /* most bytes it may hold */
  int failed;           /* an append did not fit or could not allocate */
} luaser_buf;

/* Prepare an empty buffer that may grow to max bytes. */
void luaser_buf_init(luaser_buf *b, size_t max);

/* Append n bytes (ignored once failed). */
void luaser_buf_add(luaser_buf *b, const void *p, size_t n);

void luaser_buf_free(luaser_buf *b);

/* Append the encoding of the value at idx of L to b. Returns 0, or -1 with
** *err saying why (too deep or a cycle, too many values, too large, a value
** that is not data, a key that is not a string or a number). Leaves L's
** stack as it was. */
int luaser_encode(lua_State *L, int idx, luaser_buf *b, const char **err);

/* Push onto L the value encoded in the n bytes at p. Returns 0, or -1 with
** a message pushed instead (what is wrong with the bytes, or "not enough
** memory"). L needs room for two values on its stack (lua_checkstack). */
int luaser_decode(lua_State *L, const unsigned char *p, size_t n);

#endif
