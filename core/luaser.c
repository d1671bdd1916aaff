/*
** luaser.c: plain Lua data as bytes and back (see luaser.h for the format).
*/
#include "luaser.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

void luaser_buf_init(luaser_buf *b, size_t max) {
  memset(b, 0, sizeof *b);
  b->max = max;
}

void luaser_buf_add(luaser_buf *b, const void *p, size_t n) {
  if (b->failed)
    return;
  if (n > b->max - b->len) {
    b->failed = 1;
    return;
  }
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n)
      cap = cap > b->max / 2 ? b->max : cap * 2;
    unsigned char *grown = realloc(b->data, cap);
    if (grown == NULL) {
      b->failed = 1;
      return;
    }
    b->data = grown;
    b->cap = cap;
  }
  memcpy(b->data + b->len, p, n);
  b->len += n;
}

void luaser_buf_free(luaser_buf *b) {
  free(b->data);
  memset(b, 0, sizeof *b);
}

/* ---- encoding ---- */

typedef struct encoder {
  lua_State *L;
  luaser_buf *b;
  long nodes;
  const char *err;
} encoder;

static void put_tag(luaser_buf *b, char tag) { luaser_buf_add(b, &tag, 1); }

static void put_u64(luaser_buf *b, uint64_t v) {
  unsigned char out[8];
  for (int i = 0; i < 8; i++)
    out[i] = (unsigned char)(v >> (8 * i));
  luaser_buf_add(b, out, 8);
}

static void put_u32(luaser_buf *b, uint32_t v) {
  unsigned char out[4];
  for (int i = 0; i < 4; i++)
    out[i] = (unsigned char)(v >> (8 * i));
  luaser_buf_add(b, out, 4);
}

static int encode_value(encoder *e, int idx, int depth);

/*
** A table: its pair count is not known before the walk, so a placeholder
** is written and patched once the pairs are in.
*/
static int encode_table(encoder *e, int idx, int depth) {
  lua_State *L = e->L;
  if (depth >= LUASER_DEPTH) {
    e->err = "nested too deeply (or a table contains itself)";
    return -1;
  }
  if (!lua_checkstack(L, 4)) {
    e->err = "out of stack space";
    return -1;
  }
  put_tag(e->b, 't');
  size_t at = e->b->len;
  put_u32(e->b, 0);
  uint32_t pairs = 0;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    int kt = lua_type(L, -2);
    if (kt != LUA_TSTRING && kt != LUA_TNUMBER) {
      e->err = "table keys must be strings or numbers";
      lua_pop(L, 2);
      return -1;
    }
    if (encode_value(e, lua_absindex(L, -2), depth + 1) != 0 ||
        encode_value(e, lua_absindex(L, -1), depth + 1) != 0) {
      lua_pop(L, 2);
      return -1;
    }
    pairs++;
    lua_pop(L, 1);
  }
  if (!e->b->failed)
    for (int i = 0; i < 4; i++)
      e->b->data[at + i] = (unsigned char)(pairs >> (8 * i));
  return 0;
}

static int encode_value(encoder *e, int idx, int depth) {
  lua_State *L = e->L;
  if (++e->nodes > LUASER_NODES) {
    e->err = "too many values";
    return -1;
  }
  switch (lua_type(L, idx)) {
  case LUA_TNIL: put_tag(e->b, 'z'); break;
  case LUA_TBOOLEAN: put_tag(e->b, lua_toboolean(L, idx) ? 'B' : 'b'); break;
  case LUA_TNUMBER:
    if (lua_isinteger(L, idx)) {
      put_tag(e->b, 'i');
      put_u64(e->b, (uint64_t)lua_tointeger(L, idx));
    } else {
      double d = (double)lua_tonumber(L, idx);
      uint64_t bits;
      memcpy(&bits, &d, sizeof bits);
      put_tag(e->b, 'd');
      put_u64(e->b, bits);
    }
    break;
  case LUA_TSTRING: {
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    if (len > UINT32_MAX) {
      e->err = "a string is too long";
      return -1;
    }
    put_tag(e->b, 's');
    put_u32(e->b, (uint32_t)len);
    luaser_buf_add(e->b, s, len);
    break;
  }
  case LUA_TTABLE:
    if (encode_table(e, idx, depth) != 0)
      return -1;
    break;
  case LUA_TFUNCTION: put_tag(e->b, 'f'); break;
  default:
    e->err = "only data (strings, numbers, booleans, tables) can be declared";
    return -1;
  }
  if (e->b->failed) {
    e->err = "too large to send (or out of memory)";
    return -1;
  }
  return 0;
}

int luaser_encode(lua_State *L, int idx, luaser_buf *b, const char **err) {
  encoder e = { L, b, 0, NULL };
  int top = lua_gettop(L);
  size_t len = b->len;
  int rc = encode_value(&e, lua_absindex(L, idx), 0);
  lua_settop(L, top);
  if (rc != 0) { /* drop the partial encoding; the buffer stays usable */
    b->len = len;
    b->failed = 0;
    *err = e.err;
  }
  return rc;
}

/* ---- decoding ---- */

typedef struct decoder {
  const unsigned char *p;  /* the next byte */
  size_t left;             /* bytes from p to the end */
  long nodes;              /* values decoded so far */
} decoder;

static int bad(lua_State *L, const char *why) {
  return luaL_error(L, "malformed data: %s", why);
}

static const unsigned char *take(lua_State *L, decoder *d, size_t n) {
  if (n > d->left)
    bad(L, "cut short");
  const unsigned char *at = d->p;
  d->p += n;
  d->left -= n;
  return at;
}

static uint64_t get_u64(lua_State *L, decoder *d) {
  const unsigned char *q = take(L, d, 8);
  uint64_t v = 0;
  for (int i = 0; i < 8; i++)
    v |= (uint64_t)q[i] << (8 * i);
  return v;
}

static uint32_t get_u32(lua_State *L, decoder *d) {
  const unsigned char *q = take(L, d, 4);
  uint32_t v = 0;
  for (int i = 0; i < 4; i++)
    v |= (uint32_t)q[i] << (8 * i);
  return v;
}

static void decode_value(lua_State *L, decoder *d, int depth);

/* A key must be what an encoder could have sent: a string or a number
** that can index a table (not NaN). */
static void check_key(lua_State *L, int idx) {
  int t = lua_type(L, idx);
  if (t == LUA_TSTRING)
    return;
  if (t == LUA_TNUMBER) {
    if (lua_isinteger(L, idx) || lua_tonumber(L, idx) == lua_tonumber(L, idx))
      return;
    bad(L, "a table key is NaN");
  }
  bad(L, "a table key is not a string or a number");
}

static void decode_table(lua_State *L, decoder *d, int depth) {
  if (depth >= LUASER_DEPTH)
    bad(L, "nested too deeply");
  luaL_checkstack(L, 4, "decoding nested data");
  uint32_t pairs = get_u32(L, d);
  if (pairs > d->left / 2) /* a pair takes at least two bytes */
    bad(L, "more pairs than bytes");
  lua_createtable(L, 0, pairs < 64 ? (int)pairs : 64);
  for (uint32_t i = 0; i < pairs; i++) {
    decode_value(L, d, depth + 1);
    check_key(L, -1);
    decode_value(L, d, depth + 1);
    lua_rawset(L, -3);
  }
}

static void decode_value(lua_State *L, decoder *d, int depth) {
  if (++d->nodes > LUASER_NODES)
    bad(L, "too many values");
  char tag = (char)*take(L, d, 1);
  switch (tag) {
  case 'z': lua_pushnil(L); break;
  case 'b': lua_pushboolean(L, 0); break;
  case 'B': lua_pushboolean(L, 1); break;
  case 'i': lua_pushinteger(L, (lua_Integer)get_u64(L, d)); break;
  case 'd': {
    uint64_t bits = get_u64(L, d);
    double v;
    memcpy(&v, &bits, sizeof v);
    lua_pushnumber(L, (lua_Number)v);
    break;
  }
  case 's': {
    uint32_t len = get_u32(L, d);
    const unsigned char *s = take(L, d, len);
    lua_pushlstring(L, (const char *)s, len);
    break;
  }
  case 'f':
    lua_createtable(L, 0, 1);
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "__function");
    break;
  case 't': decode_table(L, d, depth); break;
  default: bad(L, "an unknown tag");
  }
}

/* The protected body of luaser_decode: the decoder is a light userdata. */
static int decode_all(lua_State *L) {
  decoder *d = lua_touserdata(L, 1);
  lua_pop(L, 1);
  decode_value(L, d, 0);
  if (d->left != 0)
    bad(L, "bytes after the value");
  return 1;
}

int luaser_decode(lua_State *L, const unsigned char *p, size_t n) {
  decoder d = { p, n, 0 };
  lua_pushcfunction(L, decode_all);
  lua_pushlightuserdata(L, &d);
  return lua_pcall(L, 1, 1, 0) == LUA_OK ? 0 : -1;
}
