/*
** lua_mail.c: pw.mail, the binding of mime.h (building messages),
** mailsend.h (sessions) and webhook.h: reading the scripts' tables and
** answering them; the transports themselves are in those modules.
**
** Every C allocation that outlives a Lua call sits in a userdata with a
** finaliser (the message buffer, the session, the webhook poster), so a
** Lua error raised midway (out of memory under the sandbox's cap) leaks
** nothing. Tables given by scripts are read with raw access only: no
** metamethod of theirs runs while C holds pointers into them.
*/
#define _POSIX_C_SOURCE 200809L
#include "lua_mail.h"

#include <limits.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "mailsend.h"
#include "mime.h"
#include "safefile.h"
#include "smtp.h"
#include "webhook.h"
#include "writable.h"

#define BUF_META "planwatch.mail.buffer"
#define SESSION_META "planwatch.mail.session"
#define WEBHOOK_META "planwatch.mail.webhook"
#define WEBHOOK_KEY "planwatch.mail.poster"
#define MAX_HEADERS 64
#define WEBHOOK_CONNECT_MS 10000L
#define WEBHOOK_TIMEOUT_MS 30000L

typedef struct webhook_box {
  webhook *w;
} webhook_box;

/* ------------------------------------------------------------ reading */

/* Push t[key] (raw) and return its type. */
static int field(lua_State *L, int t, const char *key) {
  lua_pushstring(L, key);
  return lua_rawget(L, t);
}

/* t[key] as a string left on the stack, or NULL when nil; raises on
** another type. */
static const char *opt_string(lua_State *L, int t, const char *key,
                              size_t *len) {
  int type = field(L, t, key);
  if (type == LUA_TNIL)
    return NULL;
  if (type != LUA_TSTRING)
    luaL_error(L, "mail: %s must be a string, not %s", key,
               lua_typename(L, type));
  return lua_tolstring(L, -1, len);
}

/* An address field: "local@domain" or { address =, name = }. */
static void get_mailbox(lua_State *L, int t, const char *key, mime_addr *a) {
  int type = field(L, t, key);
  a->name = NULL;
  a->address = NULL;
  if (type == LUA_TSTRING) {
    a->address = lua_tostring(L, -1);
  } else if (type == LUA_TTABLE) {
    int box = lua_gettop(L);
    a->address = opt_string(L, box, "address", NULL);
    a->name = opt_string(L, box, "name", NULL);
  } else if (type != LUA_TNIL) {
    luaL_error(L, "mail: %s must be an address or { address =, name = }",
               key);
  }
}

/* Split "Name: value" (anchoring the name in the table at anchor). */
static int split_header(lua_State *L, const char *s, int anchor, int i,
                        mime_header *h) {
  const char *colon = strchr(s, ':');
  if (colon == NULL || colon == s)
    return -1;
  lua_pushlstring(L, s, (size_t)(colon - s));
  h->name = lua_tostring(L, -1);
  lua_rawseti(L, anchor, i);
  h->value = colon + 1;
  while (*h->value == ' ')
    h->value++;
  return 0;
}

static int compare_headers(const void *a, const void *b) {
  return strcmp(((const mime_header *)a)->name, ((const mime_header *)b)->name);
}

/* The "Name: value" strings of the list part of the table at hs, in
** order, into h. Returns how many, or -1 with a message in err. */
static int listed_headers(lua_State *L, int hs, size_t seq, mime_header *h,
                          char err[MIME_ERR_SIZE]) {
  lua_createtable(L, (int)seq, 0); /* anchors the split names */
  int anchor = lua_gettop(L);
  for (size_t i = 1; i <= seq; i++) {
    if (lua_rawgeti(L, hs, (lua_Integer)i) != LUA_TSTRING)
      luaL_error(L, "mail: headers[%d] must be a \"Name: value\" string",
                 (int)i);
    if (split_header(L, lua_tostring(L, -1), anchor, (int)i, &h[i - 1]) != 0) {
      snprintf(err, MIME_ERR_SIZE, "headers[%d] is not \"Name: value\"",
               (int)i);
      return -1;
    }
    lua_pop(L, 1);
  }
  return (int)seq;
}

/* The name = value pairs of the table at hs into h, sorted by name. */
static int named_headers(lua_State *L, int hs, size_t seq, mime_header *h) {
  int k = 0;
  lua_pushnil(L);
  while (lua_next(L, hs) != 0) {
    if (lua_type(L, -2) == LUA_TSTRING) {
      if (lua_type(L, -1) != LUA_TSTRING)
        luaL_error(L, "mail: header %s must be a string", lua_tostring(L, -2));
      h[k].name = lua_tostring(L, -2);
      h[k].value = lua_tostring(L, -1);
      k++;
    } else if (!lua_isinteger(L, -2) || lua_tointeger(L, -2) < 1 ||
               (size_t)lua_tointeger(L, -2) > seq) {
      luaL_error(L, "mail: headers holds \"Name: value\" strings and "
                    "name = value pairs only");
    }
    lua_pop(L, 1);
  }
  qsort(h, (size_t)k, sizeof *h, compare_headers);
  return k;
}

/*
** The extra headers of t.headers into an array held by a userdata left on
** the stack: the listed ones first, then the named ones. Returns the count,
** or -1 with a message in err.
*/
static int get_headers(lua_State *L, int t, mime_header **out,
                       char err[MIME_ERR_SIZE]) {
  *out = NULL;
  int type = field(L, t, "headers");
  int hs = lua_gettop(L);
  if (type == LUA_TNIL)
    return 0;
  if (type != LUA_TTABLE)
    luaL_error(L, "mail: headers must be a table, not %s",
               lua_typename(L, type));
  size_t n = 0, seq = lua_rawlen(L, hs);
  lua_pushnil(L);
  while (lua_next(L, hs) != 0) {
    lua_pop(L, 1);
    n++;
  }
  if (n > MAX_HEADERS) {
    snprintf(err, MIME_ERR_SIZE, "more than %d extra headers", MAX_HEADERS);
    return -1;
  }
  mime_header *h = lua_newuserdatauv(L, (n ? n : 1) * sizeof *h, 0);
  int listed = listed_headers(L, hs, seq, h, err);
  if (listed < 0)
    return -1;
  *out = h;
  return listed + named_headers(L, hs, seq, h + listed);
}

/*
** Read the message fields of the table at t into m. Values stay on the
** stack, so the pointers hold until the caller pops. Returns 0, or -1 with
** a message in err for contents that cannot make a message; raises on
** values of the wrong type.
*/
static int get_message(lua_State *L, int t, mime_message *m,
                       char err[MIME_ERR_SIZE]) {
  luaL_checktype(L, t, LUA_TTABLE);
  luaL_checkstack(L, 30, "mail: too many fields");
  memset(m, 0, sizeof *m);
  get_mailbox(L, t, "to", &m->to);
  m->subject = opt_string(L, t, "subject", NULL);
  m->text = opt_string(L, t, "text", &m->text_len);
  m->html = opt_string(L, t, "html", &m->html_len);
  mime_header *h;
  int n = get_headers(L, t, &h, err);
  if (n < 0)
    return -1;
  m->headers = h;
  m->nheaders = (size_t)n;
  if (m->to.address == NULL) {
    snprintf(err, MIME_ERR_SIZE, "to: the recipient is missing");
    return -1;
  }
  return 0;
}

/* ---------------------------------------------------------- results */

static void set_str(lua_State *L, const char *k, const char *v) {
  lua_pushstring(L, v);
  lua_setfield(L, -2, k);
}

static void push_result(lua_State *L, const smtp_result *r) {
  lua_createtable(L, 0, 8);
  lua_pushboolean(L, r->ok);
  lua_setfield(L, -2, "ok");
  lua_pushboolean(L, !r->ok && r->temporary);
  lua_setfield(L, -2, "temporary");
  lua_pushinteger(L, r->code);
  lua_setfield(L, -2, "code");
  lua_pushboolean(L, !r->ok && r->session);
  lua_setfield(L, -2, "session");
  lua_pushboolean(L, !r->ok && r->stop);
  lua_setfield(L, -2, "stop");
  lua_pushboolean(L, !r->ok && r->unknown);
  lua_setfield(L, -2, "unknown");
  if (r->hint[0])
    set_str(L, "hint", r->hint);
  if (r->hint_code[0])
    set_str(L, "hint_code", r->hint_code);
  set_str(L, "message", r->message);
}

static void refused(smtp_result *r, const char *why) {
  memset(r, 0, sizeof *r);
  snprintf(r->message, sizeof r->message, "not sent: %s", why);
}

/* A message buffer owned by Lua's collector. */
static mime_buf *new_buf(lua_State *L) {
  mime_buf *b = lua_newuserdatauv(L, sizeof *b, 0);
  mime_buf_init(b, MIME_MAX_MESSAGE);
  luaL_setmetatable(L, BUF_META);
  return b;
}

static int buf_gc(lua_State *L) {
  mime_buf_free(luaL_checkudata(L, 1, BUF_META));
  return 0;
}

/* ------------------------------------------------------------ build */

/* pw.mail.build{ from=, to=, subject=, text=, html=, headers= } */
static int l_build(lua_State *L) {
  mime_message m;
  char err[MIME_ERR_SIZE], id[MIME_ID_SIZE];
  if (get_message(L, 1, &m, err) != 0)
    goto fail;
  get_mailbox(L, 1, "from", &m.from);
  if (m.from.address == NULL) {
    snprintf(err, MIME_ERR_SIZE, "from: the sender is missing");
    goto fail;
  }
  mime_buf *b = new_buf(L);
  if (mime_build(&m, b, id, err) != 0)
    goto fail;
  lua_pushlstring(L, b->data, b->len);
  lua_pushstring(L, id);
  mime_buf_free(b);
  return 2;
fail:
  luaL_pushfail(L);
  lua_pushstring(L, err);
  return 2;
}

static int l_check_address(lua_State *L) {
  char err[MIME_ERR_SIZE];
  if (mime_check_address(luaL_checkstring(L, 1), err) != 0) {
    luaL_pushfail(L);
    lua_pushstring(L, err);
    return 2;
  }
  lua_pushboolean(L, 1);
  return 1;
}

/* ---------------------------------------------------------- sessions */

/* t[key] as a boolean (raw), false when t is none or nil. */
static int opt_flag(lua_State *L, int t, const char *key) {
  if (lua_isnoneornil(L, t))
    return 0;
  luaL_checktype(L, t, LUA_TTABLE);
  field(L, t, key);
  int on = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return on;
}

/* The file transport never writes where no run may (writable.h): a mail
** folder under scripts/ or plugins is refused. */
static void check_mail_dir(lua_State *L, const char *dir) {
  char resolved[PATH_MAX];
  const char *what = NULL;
  if (safefile_resolve(dir, 1, resolved) == 0)
    what = writable_protected(lua_touserdata(L, lua_upvalueindex(1)),
                              resolved);
  if (what)
    luaL_error(L, "mail: PLANWATCH_MAIL_DIR %s: refused: %s is never "
                  "written by a script", dir, what);
}

/* pw.mail.session([{ dry_run = true, batch = true, timezone = "Area/City" }])
** The session (mailsend.h) lives in a userdata: its finaliser closes it. */
static int l_session(lua_State *L) {
  int dry = opt_flag(L, 1, "dry_run"), batch = opt_flag(L, 1, "batch");
  char err[400];
  if (lua_istable(L, 1) && field(L, 1, "timezone") == LUA_TSTRING) {
    /* the Date header tells the plan's local time (mime.c uses localtime) */
    setenv("TZ", lua_tostring(L, -1), 1);
    tzset();
  }
  mailsend *ms = lua_newuserdatauv(L, sizeof *ms, 0);
  memset(ms, 0, sizeof *ms);
  ms->closed = 1;
  luaL_setmetatable(L, SESSION_META);
  if (mailsend_open(ms, dry, batch, err, sizeof err) != 0)
    return luaL_error(L, "mail: %s", err);
  if (ms->kind == MAILSEND_FILE)
    check_mail_dir(L, ms->dir);
  return 1;
}

static mailsend *check_session(lua_State *L) {
  mailsend *ms = luaL_checkudata(L, 1, SESSION_META);
  if (ms->closed)
    luaL_error(L, "mail: the session is closed");
  return ms;
}

/* session:send{ to=, subject=, text=, html=, headers=, key=, id=,
** from_name= }: id, the outbox's number of the message, starts its file
** name in the file transport. */
static int l_send(lua_State *L) {
  mailsend *ms = check_session(L);
  mime_message m;
  smtp_result r;
  char err[MIME_ERR_SIZE], id[MIME_ID_SIZE] = "", path[PATH_MAX + 200];
  mime_buf *b = NULL;
  const char *key = NULL;
  lua_Integer outbox_id = 0;
  if (get_message(L, 2, &m, err) == 0) {
    key = opt_string(L, 2, "key", NULL);
    if (field(L, 2, "id") == LUA_TNUMBER && lua_isinteger(L, -1))
      outbox_id = lua_tointeger(L, -1);
    m.from.address = ms->from;
    m.from.name = opt_string(L, 2, "from_name", NULL);
    if (m.from.name == NULL && ms->from_name[0])
      m.from.name = ms->from_name;
    b = new_buf(L);
    if (mime_build(&m, b, id, err) != 0)
      b = NULL;
  }
  if (b == NULL)
    refused(&r, err);
  else
    mailsend_deliver(ms, &m, b->data, b->len, key, (long long)outbox_id, id,
                     &r, path, sizeof path);
  push_result(L, &r);
  set_str(L, "transport", mailsend_via_name(ms->kind));
  if (b == NULL) { /* its own text is at fault: it would fail anywhere */
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "refused");
  }
  if (id[0])
    set_str(L, "message_id", id);
  if (r.ok && ms->kind == MAILSEND_FILE)
    set_str(L, "path", path);
  if (b && ms->kind == MAILSEND_DRY_RUN) {
    lua_pushlstring(L, b->data, b->len);
    lua_setfield(L, -2, "data");
  }
  if (b)
    mime_buf_free(b);
  return 1;
}

/* true, or nil and the message of a failed sync. */
static int sync_result(lua_State *L, int rc, const char *err) {
  if (rc != 0) {
    luaL_pushfail(L);
    lua_pushstring(L, err);
    return 2;
  }
  lua_pushboolean(L, 1);
  return 1;
}

/* session:sync() -> true | nil, message */
static int l_sync(lua_State *L) {
  mailsend *ms = check_session(L);
  char err[MIME_ERR_SIZE];
  return sync_result(L, mailsend_sync(ms, err), err);
}

/* The finaliser and <close>: files of a batch still unsynced are synced,
** and an error lost (sync() and close() report it). */
static int session_close(lua_State *L) {
  char err[MIME_ERR_SIZE];
  mailsend_close(luaL_checkudata(L, 1, SESSION_META), err);
  return 0;
}

/* session:close() -> true | nil, message (when a batch failed to sync) */
static int l_close(lua_State *L) {
  char err[MIME_ERR_SIZE];
  int rc = mailsend_close(luaL_checkudata(L, 1, SESSION_META), err);
  return sync_result(L, rc, err);
}

/* session:check() -> result: try the settings, send nothing (SMTP only;
** other transports answer ok). */
static int l_check(lua_State *L) {
  mailsend *ms = check_session(L);
  smtp_result r;
  mailsend_check(ms, &r);
  push_result(L, &r);
  set_str(L, "transport", mailsend_via_name(ms->kind));
  return 1;
}

/* pw.mail.transport() -> "smtp", URL | "file", folder | nil, error
** [, "no-transport", folder] (the last two when no transport is set at
** all, for a translation of the error). */
static int l_transport(lua_State *L) {
  smtp_settings s;
  char err[400];
  int none;
  int kind = mailsend_choose(&s, err, sizeof err, &none);
  smtp_settings_clear(&s);
  if (kind < 0) {
    luaL_pushfail(L);
    lua_pushstring(L, err);
    if (!none)
      return 2;
    lua_pushstring(L, "no-transport");
    lua_pushstring(L, mailsend_dir());
    return 4;
  }
  lua_pushstring(L, mailsend_via_name((mailsend_via)kind));
  lua_pushstring(L, kind == MAILSEND_FILE ? mailsend_dir() : s.url);
  return 2;
}

/* pw.mail.breaker() -> consecutive session failures before a run leaves a
** transport alone (PLANWATCH_MAIL_BREAKER, default 3); raises when the
** setting is not a whole number. */
static int l_breaker(lua_State *L) {
  long n;
  char err[200];
  if (smtp_count_env("PLANWATCH_MAIL_BREAKER", 3, 1000, &n, err, sizeof err))
    return luaL_error(L, "mail: %s", err);
  lua_pushinteger(L, n);
  return 1;
}

/* ---------------------------------------------------------- webhooks */

static int webhook_gc(lua_State *L) {
  webhook_box *box = luaL_checkudata(L, 1, WEBHOOK_META);
  webhook_close(box->w);
  box->w = NULL;
  return 0;
}


/* The state's one webhook poster, made on first use. */
static webhook *poster(lua_State *L) {
  char err[200];
  if (lua_getfield(L, LUA_REGISTRYINDEX, WEBHOOK_KEY) == LUA_TUSERDATA) {
    webhook_box *box = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return box->w;
  }
  lua_pop(L, 1);
  webhook_box *box = lua_newuserdatauv(L, sizeof *box, 0);
  box->w = NULL;
  luaL_setmetatable(L, WEBHOOK_META);
  long timeout, connect;
  if (smtp_duration_env("PLANWATCH_WEBHOOK_TIMEOUT_MS", WEBHOOK_TIMEOUT_MS,
                        &timeout, err, sizeof err) != 0 ||
      smtp_duration_env("PLANWATCH_WEBHOOK_CONNECT_TIMEOUT_MS",
                        WEBHOOK_CONNECT_MS, &connect, err, sizeof err) != 0 ||
      (box->w = webhook_open(connect, timeout, err, sizeof err)) == NULL)
    luaL_error(L, "mail: %s", err);
  lua_setfield(L, LUA_REGISTRYINDEX, WEBHOOK_KEY);
  return box->w;
}

/* pw.mail.webhook(url, json_text [, idempotency_key]) */
static int l_webhook(lua_State *L) {
  size_t n;
  const char *url = luaL_checkstring(L, 1);
  const char *json = luaL_checklstring(L, 2, &n);
  const char *key = luaL_optstring(L, 3, NULL);
  smtp_result r;
  webhook_post(poster(L), url, json, n, key, &r);
  push_result(L, &r);
  return 1;
}

/* ---------------------------------------------------------- register */

/* A metatable hidden from scripts (getmetatable answers false), so none
** can swap its finaliser for Lua code. */
static void new_meta(lua_State *L, const char *name, lua_CFunction gc) {
  luaL_newmetatable(L, name);
  lua_pushcfunction(L, gc);
  lua_setfield(L, -2, "__gc");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
}

void lua_mail_register(lua_State *L, runctx *ctx) {
  static const luaL_Reg methods[] = {
    {"send", l_send}, {"sync", l_sync}, {"close", l_close},
    {"check", l_check}, {NULL, NULL}
  };
  static const luaL_Reg fns[] = {
    {"build", l_build}, {"session", l_session}, {"transport", l_transport},
    {"webhook", l_webhook}, {"check_address", l_check_address},
    {"breaker", l_breaker}, {NULL, NULL}
  };
  new_meta(L, BUF_META, buf_gc);
  lua_pop(L, 1);
  new_meta(L, WEBHOOK_META, webhook_gc);
  lua_pop(L, 1);
  new_meta(L, SESSION_META, session_close);
  lua_pushcfunction(L, session_close);
  lua_setfield(L, -2, "__close");
  luaL_newlib(L, methods);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  luaL_newlibtable(L, fns);
  lua_pushlightuserdata(L, ctx);
  luaL_setfuncs(L, fns, 1);
  lua_setfield(L, -2, "mail");
}
