/*
** sandbox.c: allow-listed Lua states with instruction, memory and time limits.
*/
#define _XOPEN_SOURCE 700 /* realpath, setitimer */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "safefile.h"
#include "say.h"

#define HOOK_EVERY 1000  /* instructions between two looks at the limits */
#define ENV_GUARD "planwatch.env_guard"

/*
** The allow-list: which globals of the standard libraries a sandboxed chunk
** sees. Anything not listed here does not exist for it.
*/
static const char *const base_names[] = {
  "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall",
  "rawequal", "rawget", "rawlen", "select", "tonumber", "tostring", "type",
  "xpcall", "_VERSION", NULL
};
static const char *const lib_names[] = {
  "string", "table", "math", "utf8", "coroutine", NULL
};
static const char *const os_names[] = { "time", "date", "clock", NULL };

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
** The allocator enforces the memory cap. When ptr is NULL, osize is a type
** tag, not a size; Lua runs a full collection before it gives up.
*/
static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  sandbox *sb = ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    free(ptr);
    sb->used -= old;
    return NULL;
  }
  if (sb->limits.memory && nsize > old &&
      sb->used - old + nsize > sb->base + sb->limits.memory)
    return NULL;
  void *p = realloc(ptr, nsize);
  if (p == NULL)
    return NULL;
  sb->used = sb->used - old + nsize;
  if (sb->used > sb->peak)
    sb->peak = sb->used;
  return p;
}

sandbox *sandbox_of(lua_State *L) {
  void *ud;
  lua_getallocf(L, &ud);
  return ud;
}

/*
** The count hook. Once a limit has tripped, it is re-armed to fire on every
** instruction and raises each time, so pcall in the script cannot swallow it.
** Hooks are per thread: when the limit trips inside a coroutine, the main
** thread is re-armed too, or a main chunk that resumes coroutines under
** pcall would only meet the error every HOOK_EVERY instructions.
*/
static void limit_hook(lua_State *L, lua_Debug *ar) {
  sandbox *sb = sandbox_of(L);
  if (!sb->tripped) {
    sb->executed += HOOK_EVERY;
    if (sb->limits.instructions && sb->executed > sb->limits.instructions)
      sb->tripped = say(SAY_SANDBOX_BUDGET);
    else if (sb->limits.seconds > 0 && now_seconds() > sb->deadline)
      sb->tripped = say(SAY_SANDBOX_TIME);
    if (!sb->tripped)
      return;
    lua_sethook(L, limit_hook, LUA_MASKCOUNT, 1);
    if (L != sb->L)
      lua_sethook(sb->L, limit_hook, LUA_MASKCOUNT, 1);
  }
  if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
    luaL_error(L, say(SAY_SANDBOX_STOPPED_AT),
               ar->source[0] == '@' ? ar->source + 1 : ar->short_src,
               ar->currentline, sb->tripped);
  luaL_error(L, say(SAY_SANDBOX_STOPPED), sb->tripped);
}

static int text_load(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  const char *name = luaL_optstring(L, 2, "=(load)");
  const char *mode = luaL_optstring(L, 3, "t");
  int env = lua_isnone(L, 4) ? 0 : 4;
  if (strcmp(mode, "t") != 0)
    return luaL_error(L, "%s", say(SAY_SANDBOX_TEXT_ONLY));
  if (sandbox_load(L, s, len, name, env) != LUA_OK) {
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
  }
  return 1;
}

/*
** xpcall with its message handler run after the failed call has unwound,
** not at the point of the error. At that point Lua runs the handler with
** hooks off (the error may have come from the limit hook itself), so an
** endless handler could not be stopped; after the unwinding they are on
** again. Without the debug library, nothing a handler can see differs,
** except that `<close>` handlers of the failed call have already run. A
** handler that fails makes xpcall return false and the handler's error.
*/
static int xpcall_done(lua_State *L, int status, lua_KContext extra) {
  if (status == LUA_OK || status == LUA_YIELD)
    return lua_gettop(L) - (int)extra; /* true and the results */
  lua_pushvalue(L, 2);
  lua_insert(L, -2);
  lua_pcall(L, 1, 1, 0);
  lua_pushboolean(L, 0);
  lua_insert(L, -2);
  return 2;
}

static int guarded_xpcall(lua_State *L) {
  int n = lua_gettop(L);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushboolean(L, 1);
  lua_pushvalue(L, 1);
  lua_rotate(L, 3, 2); /* f, msgh, true, f, args... */
  return xpcall_done(L, lua_pcallk(L, n - 2, LUA_MULTRET, 0, 2, xpcall_done),
                     2);
}

/*
** Coroutines. Lua 5.4.4 does not count the C calls of `coroutine.close`
** (nor those of the close `coroutine.wrap` makes after an error) against its
** C-stack limit: a chain of coroutines each closing the next from a
** `<close>` handler overflows the C stack and crashes the process. Every
** close therefore first checks how much C stack the current run uses and
** refuses past half of it (check_c_stack); below that point, Lua's own
** limit of 200 nested C calls bounds the rest.
**
** A coroutine that dies of an error raised by the limit hook is left with
** hooks off, and the `<close>` handlers that closing it runs would run
** unbounded. So each coroutine's body runs under a pcall inside the
** coroutine: the pcall turns hooks back on before the handlers run, then
** the error is raised again, and the coroutine dies with nothing left to
** close.
*/
static void check_c_stack(lua_State *L) {
  sandbox *sb = sandbox_of(L);
  char *here = __builtin_frame_address(0);
  if (sb->stack_base && sb->stack_base > here &&
      (size_t)(sb->stack_base - here) > sb->stack_room)
    luaL_error(L, "C stack overflow (coroutines nested too deeply)");
}

static int co_body_done(lua_State *L, int status, lua_KContext ctx) {
  (void)ctx;
  if (status != LUA_OK && status != LUA_YIELD)
    return lua_error(L); /* raised again, hooks on, nothing left to close */
  return lua_gettop(L);
}

static int co_body(lua_State *L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  return co_body_done(L, lua_pcallk(L, lua_gettop(L) - 1, LUA_MULTRET, 0, 0,
                                    co_body_done), 0);
}

static lua_State *new_coroutine(lua_State *L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_State *co = lua_newthread(L);
  lua_pushvalue(L, 1);
  lua_pushcclosure(L, co_body, 1);
  lua_xmove(L, co, 1);
  return co;
}

static int guarded_create(lua_State *L) {
  new_coroutine(L);
  return 1;
}

static int reset_thread(lua_State *co, lua_State *L) {
#if LUA_VERSION_RELEASE_NUM >= 50406
  return lua_closethread(co, L);
#else
  (void)L;
  return lua_resetthread(co);
#endif
}

/* As lcorolib's auxwrap: resume; on an error, close the coroutine (after
** the C-stack check) and raise the error with the caller's position. */
static int wrapped_resume(lua_State *L) {
  lua_State *co = lua_tothread(L, lua_upvalueindex(1));
  int narg = lua_gettop(L), nres;
  if (!lua_checkstack(co, narg))
    return luaL_error(L, "too many arguments to resume");
  lua_xmove(L, co, narg);
  int status = lua_resume(co, L, narg, &nres);
  if (status == LUA_OK || status == LUA_YIELD) {
    if (!lua_checkstack(L, nres + 1)) {
      lua_pop(co, nres);
      return luaL_error(L, "too many results to resume");
    }
    lua_xmove(co, L, nres);
    return nres;
  }
  lua_xmove(co, L, 1); /* the error */
  status = lua_status(co);
  if (status != LUA_OK && status != LUA_YIELD) { /* an error in co itself */
    check_c_stack(L);
    status = reset_thread(co, L);
    lua_pop(L, 1);
    lua_xmove(co, L, 1); /* the error after closing */
  }
  if (status != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
    luaL_where(L, 1);
    lua_insert(L, -2);
    lua_concat(L, 2);
  }
  return lua_error(L);
}

static int guarded_wrap(lua_State *L) {
  new_coroutine(L);
  lua_pushcclosure(L, wrapped_resume, 1);
  return 1;
}

/* coroutine.close (upvalue 1), after the C-stack check. */
static int guarded_close(lua_State *L) {
  check_c_stack(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

/* Put the guarded functions above into the global xpcall and coroutine. */
static void guard_handlers(lua_State *L) {
  lua_pushcfunction(L, guarded_xpcall);
  lua_setglobal(L, "xpcall");
  lua_getglobal(L, LUA_COLIBNAME);
  lua_pushcfunction(L, guarded_create);
  lua_setfield(L, -2, "create");
  lua_pushcfunction(L, guarded_wrap);
  lua_setfield(L, -2, "wrap");
  lua_getfield(L, -1, "close");
  lua_pushcclosure(L, guarded_close, 1);
  lua_setfield(L, -2, "close");
  lua_pop(L, 1);
}

static int guarded_setmetatable(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL)
      return luaL_error(L, "%s", say(SAY_SANDBOX_GC));
    lua_pop(L, 1);
  } else {
    luaL_argexpected(L, lua_isnil(L, 2), 2, "nil or table");
  }
  if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
    return luaL_error(L, "%s", say(SAY_SANDBOX_METATABLE));
  lua_settop(L, 2);
  lua_setmetatable(L, 1);
  return 1;
}

void sandbox_print(lua_State *L, FILE *f) {
  int n = lua_gettop(L);
  for (int i = 1; i <= n; i++) {
    size_t len;
    const char *s = luaL_tolstring(L, i, &len);
    if (i > 1)
      fputc('\t', f);
    fwrite(s, 1, len, f);
    lua_pop(L, 1);
  }
  fputc('\n', f);
}

static int stderr_print(lua_State *L) {
  sandbox_print(L, stderr);
  return 0;
}

static int undeclared_read(lua_State *L) {
  return luaL_error(L, say(SAY_SANDBOX_UNDECLARED), luaL_tolstring(L, 2, NULL));
}

static int undeclared_write(lua_State *L) {
  return luaL_error(L, say(SAY_SANDBOX_ASSIGN_UNDECLARED),
                    luaL_tolstring(L, 2, NULL));
}

/* Copy the listed fields of the table at src into the table at dst. */
static void copy_fields(lua_State *L, int src, int dst,
                        const char *const *names) {
  for (; *names; names++) {
    lua_getfield(L, src, *names);
    lua_setfield(L, dst, *names);
  }
}

void sandbox_env(lua_State *L) {
  lua_newtable(L);
  int env = lua_gettop(L);
  lua_pushglobaltable(L);
  int g = env + 1;
  copy_fields(L, g, env, base_names);
  copy_fields(L, g, env, lib_names);
  lua_getfield(L, g, "os");
  lua_newtable(L);
  copy_fields(L, g + 1, g + 2, os_names);
  lua_setfield(L, env, "os");
  lua_pop(L, 2);
  lua_pushcfunction(L, text_load);
  lua_setfield(L, env, "load");
  lua_pushcfunction(L, guarded_setmetatable);
  lua_setfield(L, env, "setmetatable");
  lua_pushcfunction(L, stderr_print);
  lua_setfield(L, env, "print");
  lua_pushvalue(L, env);
  lua_setfield(L, env, "_G");
  luaL_getmetatable(L, ENV_GUARD);
  lua_setmetatable(L, env);
  lua_pushvalue(L, env); /* load() without an env must not see the full libs */
  lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
}

void sandbox_private_libs(lua_State *L, int env) {
  env = lua_absindex(L, env);
  for (const char *const *name = lib_names; *name; name++) {
    lua_newtable(L);
    if (lua_getfield(L, env, *name) == LUA_TTABLE) {
      lua_pushnil(L);
      while (lua_next(L, -2)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -5);
      }
    }
    lua_pop(L, 1);
    lua_setfield(L, env, *name);
  }
}

void sandbox_define(lua_State *L, int env, const char *name) {
  env = lua_absindex(L, env);
  lua_pushstring(L, name);
  lua_insert(L, -2);
  lua_rawset(L, env);
}

/* Lock the string metatable so no chunk can replace or reach it. */
static void lock_string_metatable(lua_State *L) {
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 2);
}

static void open_allowed(lua_State *L) {
  static const luaL_Reg libs[] = {
    {LUA_GNAME, luaopen_base}, {LUA_STRLIBNAME, luaopen_string},
    {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
    {LUA_UTF8LIBNAME, luaopen_utf8}, {LUA_COLIBNAME, luaopen_coroutine},
    {LUA_OSLIBNAME, luaopen_os}, {NULL, NULL}
  };
  for (const luaL_Reg *l = libs; l->func; l++) {
    luaL_requiref(L, l->name, l->func, 1);
    lua_pop(L, 1);
  }
  lua_getglobal(L, LUA_STRLIBNAME); /* also reachable as ("").dump */
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");
  lua_pop(L, 1);
  lock_string_metatable(L);
  guard_handlers(L);
  luaL_newmetatable(L, ENV_GUARD);
  lua_pushcfunction(L, undeclared_read);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, undeclared_write);
  lua_setfield(L, -2, "__newindex");
  lua_pushstring(L, say(SAY_SANDBOX_PROTECTED_ENV));
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 1);
}

/* Half the C stack of the process (of 8 MiB when it is unlimited). */
static size_t stack_room(void) {
  struct rlimit rl;
  size_t size = 8u << 20;
  if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
      rl.rlim_cur < size)
    size = (size_t)rl.rlim_cur;
  return size / 2;
}

sandbox *sandbox_new(const sandbox_limits *lim) {
  sandbox *sb = calloc(1, sizeof *sb);
  if (sb == NULL)
    return NULL;
  sb->limits = *lim;
  sb->watchdog = lim->seconds > 0;
  sb->stack_room = stack_room();
  sb->L = lua_newstate(limited_alloc, sb);
  if (sb->L == NULL) {
    free(sb);
    return NULL;
  }
  size_t cap = sb->limits.memory;
  sb->limits.memory = 0; /* the libraries themselves are not the script's */
  open_allowed(sb->L);
  sb->limits.memory = cap;
  sb->base = sb->used;
  return sb;
}

void sandbox_free(sandbox *sb) {
  if (sb == NULL)
    return;
  lua_close(sb->L);
  free(sb);
}

int sandbox_load(lua_State *L, const char *buf, size_t len,
                 const char *chunkname, int env) {
  if (env)
    env = lua_absindex(L, env);
  int rc = luaL_loadbufferx(L, buf, len, chunkname, "t");
  if (rc == LUA_OK && env) {
    lua_pushvalue(L, env);
    if (!lua_setupvalue(L, -2, 1))
      lua_pop(L, 1);
  }
  return rc;
}

/*
** Read a whole file into C memory, not the state's: a file larger than the
** memory cap must fail as an error, not as an unprotected allocation. Only
** a regular file is read: a FIFO or a device would block or never end.
*/
char *sandbox_read_source(const char *path, size_t *len, const char **why) {
  static char reason[SAFEFILE_ERR_SIZE];
  struct stat st;
  char *buf = NULL;
  if ((*why = sandbox_unreadable(path)) != NULL)
    return NULL;
  FILE *f = safefile_fopen(path, reason);
  if (f == NULL) {
    *why = reason;
    return NULL;
  }
  if (fstat(fileno(f), &st) != 0 || st.st_size > SANDBOX_MAX_SOURCE)
    *why = "too large to be a Lua source file";
  else if ((buf = malloc((size_t)st.st_size + 1)) != NULL)
    *len = fread(buf, 1, (size_t)st.st_size, f);
  if (buf == NULL && *why == NULL)
    *why = "cannot be read";
  fclose(f);
  if (buf && sandbox_holds_secret(buf, *len)) {
    free(buf);
    buf = NULL;
    *why = SANDBOX_SECRET_REFUSED;
  }
  return buf;
}

int sandbox_loadfile(lua_State *L, const char *path, int env) {
  char name[512];
  size_t len = 0;
  const char *why;
  env = env ? lua_absindex(L, env) : 0;
  char *buf = sandbox_read_source(path, &len, &why);
  if (buf == NULL) {
    lua_pushfstring(L, say(SAY_SANDBOX_CANNOT_OPEN), path, why);
    return LUA_ERRFILE;
  }
  snprintf(name, sizeof name, "@%s", path);
  int rc = sandbox_load(L, buf, len, name, env);
  free(buf);
  return rc;
}

/*
** Turn whatever was raised into a plain string without running any of its
** metamethods: a hostile __tostring or __index never runs in the host.
*/
static void error_to_string(lua_State *L) {
  int t = lua_type(L, -1);
  if (t == LUA_TSTRING)
    return;
  if (t == LUA_TNUMBER) {
    lua_pushstring(L, lua_tostring(L, -1));
  } else {
    lua_pushfstring(L, "(error object is a %s value)", lua_typename(L, t));
  }
  lua_remove(L, -2);
}

/*
** The watchdog: the hook cannot stop a call stuck in C, so a timer ends the
** process instead, with a message written by the signal handler itself
** (write and _exit are async-signal-safe; nothing else runs there). The
** database is left as a crash leaves it: every write is in a transaction.
*/
static sandbox *watched;           /* whose call the timer guards, or NULL */
static char watchdog_msg[200];     /* what the handler writes */
static size_t watchdog_len;
static struct sigaction watchdog_saved;
static struct itimerval timer_saved; /* a timer set before, e.g. by alarm() */
static double armed_at;

static void watchdog_fire(int sig) {
  (void)sig;
  ssize_t w = write(2, watchdog_msg, watchdog_len);
  (void)w;
  _exit(2);
}

static struct timeval timeval_of(double s) {
  time_t whole = (time_t)s;
  struct timeval tv = { whole, (suseconds_t)((s - (double)whole) * 1e6) };
  if (tv.tv_sec == 0 && tv.tv_usec == 0)
    tv.tv_usec = 1; /* zero would disarm the timer */
  return tv;
}

static int watchdog_arm(sandbox *sb) {
  if (!sb->watchdog || sb->limits.seconds <= 0 || watched)
    return 0;
  snprintf(watchdog_msg, sizeof watchdog_msg,
           say(SAY_SANDBOX_STILL_RUNNING),
           sb->limits.seconds);
  watchdog_len = strlen(watchdog_msg);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = watchdog_fire;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGALRM, &sa, &watchdog_saved);
  struct itimerval it = { { 0, 0 }, timeval_of(2 * sb->limits.seconds) };
  setitimer(ITIMER_REAL, &it, &timer_saved);
  armed_at = now_seconds();
  watched = sb;
  return 1;
}

static void watchdog_disarm(int armed) {
  if (!armed)
    return;
  struct itimerval it = timer_saved;
  if (it.it_value.tv_sec || it.it_value.tv_usec) { /* what was left of it */
    double left = (double)it.it_value.tv_sec + it.it_value.tv_usec / 1e6 -
                  (now_seconds() - armed_at);
    it.it_value = timeval_of(left > 0 ? left : 0);
  }
  setitimer(ITIMER_REAL, &it, NULL);
  sigaction(SIGALRM, &watchdog_saved, NULL);
  watched = NULL;
}

int sandbox_call(sandbox *sb, int nargs, int nresults) {
  lua_State *L = sb->L;
  sb->executed = 0;
  sb->tripped = NULL;
  sb->deadline = now_seconds() + sb->limits.seconds;
  if (sb->limits.instructions || sb->limits.seconds > 0)
    lua_sethook(L, limit_hook, LUA_MASKCOUNT, HOOK_EVERY);
  int base = lua_gettop(L) - nargs - 1;
  int armed = watchdog_arm(sb);
  int outermost = sb->stack_base == NULL;
  if (outermost)
    sb->stack_base = __builtin_frame_address(0);
  int rc = lua_pcall(L, nargs, nresults, 0);
  if (outermost)
    sb->stack_base = NULL;
  watchdog_disarm(armed);
  lua_sethook(L, NULL, 0, 0);
  if (rc == LUA_OK && sb->tripped) { /* the code caught the limit's error */
    lua_settop(L, base);
    lua_pushfstring(L, say(SAY_SANDBOX_STOPPED), sb->tripped);
    rc = LUA_ERRRUN;
  } else if (rc == LUA_ERRMEM) {
    lua_pop(L, 1);
    lua_pushfstring(L, say(SAY_SANDBOX_MEMORY),
                    (int)(sb->limits.memory / 1024));
  } else if (rc != LUA_OK) {
    error_to_string(L);
  }
  return rc;
}

static int env_number(const char *name, double *out) {
  const char *v = getenv(name);
  char *end;
  if (v == NULL || *v == '\0')
    return 0;
  errno = 0;
  double d = strtod(v, &end);
  if (errno || end == v || *end != '\0' || !(d >= 0 && d <= 1e15))
    return -1;
  *out = d;
  return 1;
}

int sandbox_limits_from_env(sandbox_limits *lim, const char *prefix) {
  static const char *const suffix[] = { "MEMORY", "INSTRUCTIONS", "SECONDS" };
  for (int i = 0; i < 3; i++) {
    char name[96];
    double d;
    snprintf(name, sizeof name, "%s_%s", prefix, suffix[i]);
    int rc = env_number(name, &d);
    if (rc < 0) {
      fprintf(stderr, say(SAY_SANDBOX_NOT_NUMBER), name);
      return -1;
    }
    if (rc == 0)
      continue;
    if (i == 0) lim->memory = (size_t)d;
    else if (i == 1) lim->instructions = (long long)d;
    else lim->seconds = d;
  }
  return 0;
}

/* A /proc path names a process when its first component is a number,
** "self" or "thread-self". */
static int names_process(const char *resolved) {
  const char *c = resolved + strlen("/proc/");
  size_t n = strcspn(c, "/");
  if (n == 0)
    return 0;
  if ((n == 4 && strncmp(c, "self", 4) == 0) ||
      (n == 11 && strncmp(c, "thread-self", 11) == 0))
    return 1;
  return strspn(c, "0123456789") == n;
}

/* Whether resolved lies in the folder the environment variable name
** gives (resolved too). */
static int inside_env_dir(const char *resolved, const char *name) {
  char dir[PATH_MAX];
  const char *v = getenv(name);
  return v && *v && realpath(v, dir) != NULL &&
         safefile_within(resolved, dir);
}

const char *sandbox_unreadable(const char *path) {
  char resolved[PATH_MAX];
  struct stat st, secret;
  if (realpath(path, resolved) == NULL)
    return NULL; /* nothing there to read; opening it fails as usual */
  if (strncmp(resolved, "/proc/", 6) == 0 && names_process(resolved))
    return "refused: process information is not readable";
  const char *pw = getenv("PLANWATCH_SMTP_PASSWORD_FILE");
  if (pw && *pw && stat(pw, &secret) == 0 && stat(resolved, &st) == 0 &&
      st.st_dev == secret.st_dev && st.st_ino == secret.st_ino)
    return "refused: the SMTP password file is not readable";
  if (inside_env_dir(resolved, "CREDENTIALS_DIRECTORY"))
    return "refused: the service's credentials are not readable";
  return NULL;
}

#define SECRET_MIN 6 /* a shorter password would match too much text */

static int contains(const char *text, size_t n, const char *s, size_t k) {
  for (const char *p = text; k && (size_t)(text + n - p) >= k; p++) {
    p = memchr(p, s[0], (size_t)(text + n - p) - k + 1);
    if (p == NULL)
      return 0;
    if (memcmp(p, s, k) == 0)
      return 1;
  }
  return 0;
}

/* The first line of the password file into line (size bytes), or "". */
static void password_line(char *line, size_t size) {
  char why[SAFEFILE_ERR_SIZE];
  const char *path = getenv("PLANWATCH_SMTP_PASSWORD_FILE");
  line[0] = '\0';
  FILE *f = path && *path ? safefile_fopen(path, why) : NULL;
  if (f == NULL)
    return;
  if (fgets(line, (int)size, f) == NULL)
    line[0] = '\0';
  line[strcspn(line, "\r\n")] = '\0';
  fclose(f);
}

/* The SMTP password of the environment (which = 0) or of the password
** file (which = 1) into out (size bytes), or "" when there is none of at
** least SECRET_MIN bytes. */
static void secret(int which, char *out, size_t size) {
  const char *pw = getenv("PLANWATCH_SMTP_PASSWORD");
  out[0] = '\0';
  if (which == 0 && pw)
    snprintf(out, size, "%s", pw);
  else if (which == 1)
    password_line(out, size);
  if (strlen(out) < SECRET_MIN)
    out[0] = '\0';
}

static void wipe(char *p, size_t n) {
  for (volatile char *v = p; v < p + n; v++)
    *v = 0;
}

int sandbox_holds_secret(const char *text, size_t n) {
  char pw[1024];
  int found = 0;
  for (int which = 0; which < 2 && !found; which++) {
    secret(which, pw, sizeof pw);
    found = pw[0] && contains(text, n, pw, strlen(pw));
  }
  wipe(pw, sizeof pw);
  return found;
}

/* Chunks overlap by the password's length less one, so a copy that
** straddles two chunks is found. */
static int file_holds(const char *path, const char *pw) {
  static char chunk[1 << 16];
  char why[SAFEFILE_ERR_SIZE];
  size_t keep = 0, n, k = strlen(pw);
  FILE *f = safefile_fopen(path, why);
  int found = 0;
  while (f && !found &&
         (n = fread(chunk + keep, 1, sizeof chunk - keep, f)) > 0) {
    size_t total = keep + n;
    found = contains(chunk, total, pw, k);
    keep = total < k - 1 ? total : k - 1;
    memmove(chunk, chunk + total - keep, keep);
  }
  if (f)
    fclose(f);
  return found;
}

int sandbox_file_holds_secret(const char *path) {
  char pw[1024];
  int found = 0;
  for (int which = 0; which < 2 && !found; which++) {
    secret(which, pw, sizeof pw);
    found = pw[0] && file_holds(path, pw);
  }
  wipe(pw, sizeof pw);
  return found;
}
