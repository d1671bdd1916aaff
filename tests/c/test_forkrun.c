/*
** test_forkrun.c: work done in a child process under a deadline
** (forkrun.h), the encoding its answer crosses back in (luaser.h), and plugin
** files evaluated through both (plugin.h).
**
** Plugins are written to a fresh folder under /tmp, removed at the end; the
** real prelude is scripts/lib/plugin_env.lua (tests run from the root).
*/
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "check.h"
#include "say.h"
#include "scratch.h"
#include "forkrun.h"
#include "plugin.h"
#include "luaser.h"

#define REAL_PRELUDE "scripts/lib/plugin_env.lua"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void nap(double s) {
  struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
    ;
}

/* ---- forkrun_run ---- */

static int touched; /* changed by a child: the parent's copy must not be */

static void answer_hello(void *ud, forkrun_chan *ch) {
  (void)ud;
  touched = 1;
  forkrun_answer(ch, "hello", 5);
}

static void spin(void *ud, forkrun_chan *ch) {
  (void)ud, (void)ch;
  volatile unsigned long n = 0;
  for (;;)
    n++;
}

static void crash(void *ud, forkrun_chan *ch) {
  (void)ud, (void)ch;
  abort();
}

static void leave(void *ud, forkrun_chan *ch) {
  (void)ud, (void)ch;
}

static void garble(void *ud, forkrun_chan *ch) {
  (void)ud;
  if (write(ch->fd, "X", 1) != 1)
    return;
  for (;;)
    pause();
}

static void boast(void *ud, forkrun_chan *ch) {
  (void)ud;
  unsigned char head[9] = { 'A', 0, 0, 0, 0, 0, 1, 0, 0 }; /* 2^40 bytes */
  if (write(ch->fd, head, sizeof head) != (ssize_t)sizeof head)
    return;
  for (;;)
    pause();
}

static void fall_short(void *ud, forkrun_chan *ch) {
  (void)ud;
  unsigned char head[9] = { 'A', 100 };
  if (write(ch->fd, head, sizeof head) == (ssize_t)sizeof head &&
      write(ch->fd, "0123456789", 10) == 10)
    ch->answered = 1;
}

/* Three stretches of 0.6 s, each well within 0.4 s + FORKRUN_MARGIN, all
** three over it. */
static void tick_along(void *ud, forkrun_chan *ch) {
  int ticks = *(int *)ud;
  for (int i = 0; i < 3; i++) {
    if (ticks)
      forkrun_tick(ch);
    nap(0.6);
  }
  forkrun_answer(ch, "done", 4);
}

static void leak(void *ud, forkrun_chan *ch) {
  (void)ud;
  char *p = malloc(4096);
  if (p)
    memset(p, 1, 4096);
  forkrun_answer(ch, "leaked", 6);
}

static void test_forkrun(void) {
  forkrun_result res;
  double t0 = now();
  int rc = forkrun_run(answer_hello, NULL, 1, 100, &res);
  CHECK(rc == 0 && res.status == FORKRUN_ANSWERED && res.len == 5 &&
        memcmp(res.answer, "hello", 5) == 0, "a child's answer arrives");
  CHECK(touched == 0, "what the child changes stays in the child");
  forkrun_result_free(&res);

  t0 = now();
  rc = forkrun_run(spin, NULL, 0.2, 100, &res);
  double took = now() - t0;
  CHECK(rc == -1 && res.status == FORKRUN_TIMEOUT,
        "a child stuck in C is stopped at the deadline");
  CHECK(took >= 0.2 + FORKRUN_MARGIN - 0.05 && took < 0.2 + FORKRUN_MARGIN + 2,
        "after the limit plus the margin (%.2f s)", took);
  CHECK(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD,
        "and it is killed and reaped: no child is left");

  rc = forkrun_run(crash, NULL, 5, 100, &res);
  CHECK(rc == -1 && res.status == FORKRUN_CRASHED && res.signal == SIGABRT,
        "a child that crashes is reported with its signal (%d)", res.signal);

  rc = forkrun_run(leave, NULL, 5, 100, &res);
  CHECK(rc == -1 && res.status == FORKRUN_NO_ANSWER && res.exit_code == 1,
        "a child that ends without answering is reported (exit %d)",
        res.exit_code);

  t0 = now();
  rc = forkrun_run(garble, NULL, 30, 100, &res);
  CHECK(rc == -1 && res.status == FORKRUN_NO_ANSWER && now() - t0 < 5,
        "a child that sends a frame that is not one is stopped at once");

  rc = forkrun_run(boast, NULL, 30, 1 << 20, &res);
  CHECK(rc == -1 && res.status == FORKRUN_TOO_LARGE,
        "an answer announced larger than the cap is refused");

  rc = forkrun_run(fall_short, NULL, 5, 1000, &res);
  CHECK(rc == -1 && res.status == FORKRUN_NO_ANSWER,
        "an answer shorter than announced is refused");

  int ticks = 1;
  rc = forkrun_run(tick_along, &ticks, 0.4, 100, &res);
  CHECK(rc == 0 && res.status == FORKRUN_ANSWERED,
        "each tick restarts the clock: three stretches under the limit pass");
  forkrun_result_free(&res);
  ticks = 0;
  rc = forkrun_run(tick_along, &ticks, 0.4, 100, &res);
  CHECK(rc == -1 && res.status == FORKRUN_TIMEOUT,
        "without ticks the same work is over the limit");

  rc = forkrun_run(leak, NULL, 5, 100, &res);
  CHECK(rc == 0 && res.status == FORKRUN_ANSWERED,
        "a child ends with _exit: memory it never frees is no leak report");
  forkrun_result_free(&res);
}

/* Text written before the fork but not flushed is written once. */
static void test_stdio(void) {
  char path[] = "/tmp/pw_isolate_stdio.XXXXXX";
  int fd = mkstemp(path);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!CHECK(f != NULL, "open a scratch file"))
    return;
  fputs("once", f); /* still in the buffer */
  forkrun_result res;
  forkrun_run(answer_hello, NULL, 5, 100, &res);
  forkrun_result_free(&res);
  fclose(f);
  char buf[64] = "";
  FILE *in = fopen(path, "r");
  size_t n = in ? fread(buf, 1, sizeof buf - 1, in) : 0;
  if (in)
    fclose(in);
  buf[n] = '\0';
  unlink(path);
  CHECK(strcmp(buf, "once") == 0,
        "a stdio buffer inherited by the child is not written twice (%s)", buf);
}

/* The child writes its pid into the pipe ud points to, then waits. */
static void tell_pid(void *ud, forkrun_chan *ch) {
  (void)ch;
  pid_t me = getpid();
  if (write(*(int *)ud, &me, sizeof me) != (ssize_t)sizeof me)
    return;
  for (;;)
    pause();
}

static int gone(pid_t pid) {
  char path[64], state = 0;
  snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
  FILE *f = fopen(path, "r");
  if (f == NULL)
    return 1;
  int got = fscanf(f, "%*d (%*[^)]) %c", &state);
  fclose(f);
  return got == 1 && (state == 'Z' || state == 'X');
}

static void test_parent_death(void) {
  int fds[2];
  if (!CHECK(pipe(fds) == 0, "make a pipe"))
    return;
  pid_t mid = fork();
  if (mid == 0) {
    forkrun_result res;
    close(fds[0]);
    forkrun_run(tell_pid, &fds[1], 0, 100, &res);
    _exit(0);
  }
  close(fds[1]);
  pid_t grandchild = 0;
  ssize_t n = read(fds[0], &grandchild, sizeof grandchild);
  close(fds[0]);
  kill(mid, SIGKILL);
  waitpid(mid, NULL, 0);
  int dead = 0;
  for (int i = 0; i < 200 && !dead; i++) {
    dead = gone(grandchild);
    if (!dead)
      nap(0.01);
  }
  CHECK(n == (ssize_t)sizeof grandchild && dead,
        "a sandbox process does not outlive planwatch killed with -9");
}

/* ---- luaser ---- */

static lua_State *from, *to;

/* Encode the result of code in `from`, decode it onto `to`. */
static int roundtrip(const char *code, const char **err) {
  luaser_buf b;
  luaser_buf_init(&b, LUASER_MAX_BYTES);
  *err = NULL;
  if (luaL_dostring(from, code) != LUA_OK) {
    check_note("%s: %s", code, lua_tostring(from, -1));
    lua_settop(from, 0);
    return -2;
  }
  int rc = luaser_encode(from, -1, &b, err);
  lua_settop(from, 0);
  if (rc == 0 && luaser_decode(to, b.data, b.len) != 0) {
    *err = "decode failed";
    rc = -3;
  }
  luaser_buf_free(&b);
  return rc;
}

/* Run check code in `to` with the decoded value as `v`; true if it holds. */
static int holds(const char *check) {
  lua_setglobal(to, "v");
  int ok = luaL_dostring(to, check) == LUA_OK && lua_toboolean(to, -1);
  if (!ok)
    check_note("%s: %s", check, lua_tostring(to, -1) ? lua_tostring(to, -1)
                                                     : "false");
  lua_settop(to, 0);
  return ok;
}

static void test_ser_roundtrip(void) {
  static const struct { const char *code, *check, *name; } cases[] = {
    { "return nil", "return v == nil", "nil" },
    { "return true", "return v == true", "true" },
    { "return false", "return v == false", "false" },
    { "return math.mininteger", "return v == math.mininteger and "
      "math.type(v) == 'integer'", "the smallest integer" },
    { "return math.maxinteger", "return v == math.maxinteger", "the largest" },
    { "return 0.1", "return v == 0.1 and math.type(v) == 'float'", "0.1" },
    { "return -0.0", "return 1/v == -math.huge", "-0.0" },
    { "return 1/0", "return v == math.huge", "infinity" },
    { "return 0/0", "return v ~= v", "NaN as a value" },
    { "return 'a\\0b'", "return v == 'a\\0b'", "a string holding NUL" },
    { "return ''", "return v == ''", "the empty string" },
    { "return string.rep('x', 100000)", "return #v == 100000",
      "a long string" },
    { "return { 1, 2, x = { y = { z = 'deep' } }, [2.5] = 'f' }",
      "return v[1] == 1 and v[2] == 2 and v.x.y.z == 'deep' and v[2.5] == 'f'",
      "nested tables, integer and float keys" },
    { "return { f = print }", "return v.f.__function == true",
      "a function becomes { __function = true }" },
    { "return setmetatable({ a = 1 }, { __index = function() return 'x' end,"
      " __pairs = function() error('ran') end })",
      "return v.a == 1 and v.b == nil and getmetatable(v) == nil",
      "only raw contents cross, never a metatable" },
  };
  const char *err;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int rc = roundtrip(cases[i].code, &err);
    CHECK(rc == 0 && holds(cases[i].check), "luaser: %s crosses",
          cases[i].name);
    lua_settop(to, 0);
  }
}

static void test_ser_refusals(void) {
  static const struct { const char *code, *want, *name; } cases[] = {
    { "return coroutine.create(print)", "only data", "a coroutine" },
    { "return io.stdout", "only data", "a userdata" },
    { "local t = {} t.t = t return t", "nested too deeply", "a cycle" },
    { "return { [true] = 1 }", "keys must be", "a boolean key" },
    { "return { [{}] = 1 }", "keys must be", "a table key" },
    { "local t = {} for i = 1, 1000001 do t[i] = i end return t",
      "too many values", "over a million values" },
    { "local s = string.rep('x', 1 << 20) local t = {} "
      "for i = 1, 70 do t[i] = s end return t", "too large",
      "an encoding over LUASER_MAX_BYTES" },
  };
  const char *err;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int rc = roundtrip(cases[i].code, &err);
    CHECK(rc == -1 && err && strstr(err, cases[i].want),
          "luaser: %s is refused (%s)", cases[i].name,
          err ? err : "no message");
    lua_settop(to, 0);
  }
}

/* Decode n bytes onto `to`; 1 when refused with a message holding want. */
static int refused(const char *bytes, size_t n, const char *want) {
  int top = lua_gettop(to);
  int rc = luaser_decode(to, (const unsigned char *)bytes, n);
  const char *msg = lua_tostring(to, -1);
  int ok = rc == -1 && lua_gettop(to) == top + 1 && msg && strstr(msg, want);
  if (!ok)
    check_note("rc %d, message %s", rc, msg ? msg : "none");
  lua_settop(to, top);
  return ok;
}

static void test_ser_hostile_bytes(void) {
  char deep[40 * 14];
  size_t n = 0;
  for (int i = 0; i < 40; i++) { /* 40 nested one-pair tables */
    memcpy(deep + n, "t\1\0\0\0i\1\0\0\0\0\0\0\0", 14);
    n += 14;
  }
  CHECK(refused("", 0, "cut short"), "luaser: no bytes at all");
  CHECK(refused("q", 1, "unknown tag"), "luaser: an unknown tag");
  CHECK(refused("i\1\2", 3, "cut short"), "luaser: an integer cut short");
  CHECK(refused("s\377\377\377\377ab", 7, "cut short"),
        "luaser: a string longer than the bytes");
  CHECK(refused("t\377\377\377\377", 5, "more pairs than bytes"),
        "luaser: a table announcing more pairs than there are bytes");
  CHECK(refused(deep, n, "nested too deeply"),
        "luaser: nesting past LUASER_DEPTH");
  CHECK(refused("t\1\0\0\0zB", 7, "not a string or a number"),
        "luaser: a nil key");
  CHECK(refused("t\1\0\0\0BB", 7, "not a string or a number"),
        "luaser: a boolean key");
  CHECK(refused("t\1\0\0\0t\0\0\0\0B", 11, "not a string or a number"),
        "luaser: a table key");
  CHECK(refused("t\1\0\0\0d\0\0\0\0\0\0\370\177B", 15, "NaN"),
        "luaser: a NaN key");
  CHECK(refused("BB", 2, "bytes after the value"), "luaser: trailing bytes");
  CHECK(refused("t\1\0\0\0s\1\0\0\0k", 11, "cut short"),
        "luaser: a pair without its value");
}

/* Decoding into a state at its memory cap fails cleanly. */
static void test_ser_memory(void) {
  sandbox_limits lim = { 1u << 20, 0, 0 };
  sandbox *sb = sandbox_new(&lim);
  luaser_buf b;
  luaser_buf_init(&b, LUASER_MAX_BYTES);
  (void)luaL_dostring(from, "return string.rep('x', 4 << 20)");
  const char *err;
  int enc = luaser_encode(from, -1, &b, &err);
  lua_settop(from, 0);
  int rc = sb ? luaser_decode(sb->L, b.data, b.len) : 0;
  const char *msg = sb ? lua_tostring(sb->L, -1) : NULL;
  CHECK(enc == 0 && rc == -1 && msg && strstr(msg, "not enough memory"),
        "luaser: decoding past the receiver's memory cap is an error, not a "
        "crash (%s)", msg ? msg : "none");
  luaser_buf_free(&b);
  sandbox_free(sb);
}

/* ---- plugins ---- */

static char dir[] = "/tmp/pw_forkrun.XXXXXX";

static const scratch_file files[] = {
  { "backtrack.lua", "unit \"A\"\n"
    "local found = (\"a\"):rep(200000):find(\".-.-.-.-b\")\n" },
  { "fine.lua", "unit \"A\"\n"
    "task { no = 1, title = \"x\", when = \"2021\", lead = \"A\" }\n" },
  { "formula.lua", "unit \"A\"\n"
    "indicator { code = \"P\", name = \"p\", formula = function(get, p)\n"
    "  return get(\"G\", p) / get(\"L\", p) end }\n" },
  { "poison.lua", "unit \"A\"\n"
    "math.type = function() return \"integer\" end\n"
    "string.match = function() return true end\n"
    "task { no = 2.5, title = \"x\", when = \"2021\", lead = \"A\" }\n" },
  { "metamethod.lua", "unit \"A\"\n"
    "duty(setmetatable({ code = \"D\", title = \"t\", every = \"year\",\n"
    "  due = { workdays_after_cutoff = 5 } },\n"
    "  { __index = function(_, k)\n"
    "      if k == \"to\" then return \"B\" end end }))\n" },
  { "mutate.lua", "unit \"A\"\n"
    "local due = { workdays_after_cutoff = 5 }\n"
    "duty { code = \"D\", title = \"t\", to = \"B\", every = \"year\",\n"
    "  due = due }\n"
    "due.workdays_after_cutoff = nil\n"
    "due.day = { \"a table\" }\n" },
  { "huge.lua", "unit \"A\"\n"
    "local s, items = string.rep(\"x\", 20000), {}\n"
    "for i = 1, 210 do items[i] = s end\n"
    "task { no = 1, title = \"t\", items = items, when = \"2021\" }\n" },
};
#define NFILES (sizeof files / sizeof files[0])

/* Evaluate the plugin file with the real prelude; the first problem
** message of its declarations, or NULL. */
static const char *problem_of(lua_State *host, const char *file,
                              const sandbox_limits *lim) {
  char path[256];
  const char *msg = NULL;
  if (plugin_eval(host, scratch_path(dir, path, sizeof path, file),
                  REAL_PRELUDE, lim) &&
      lua_getfield(host, -1, "problems") == LUA_TTABLE &&
      lua_rawgeti(host, -1, 1) == LUA_TTABLE &&
      lua_getfield(host, -1, "message") == LUA_TSTRING)
    msg = lua_tostring(host, -1);
  return msg; /* still referenced from the stack until the caller clears it */
}

static void test_plugins(lua_State *host) {
  char path[256];
  sandbox_limits lim = { 64u << 20, 0, 1.0 };
  double t0 = now();
  int top = lua_gettop(host);
  int ok = plugin_eval(host,
                       scratch_path(dir, path, sizeof path, "backtrack.lua"),
                       REAL_PRELUDE, &lim);
  double took = now() - t0;
  const char *msg = lua_tostring(host, -1);
  char want[300];
  snprintf(want, sizeof want, "%s: stopped: time limit exceeded", path);
  CHECK(ok == 0 && lua_gettop(host) == top + 2 && msg &&
        strcmp(msg, want) == 0,
        "a backtracking pattern in a plugin is stopped: %s", msg ? msg : "?");
  CHECK(took < 1.0 + FORKRUN_MARGIN + 3, "within the limit and the margin "
        "(%.2f s)", took);
  lua_settop(host, top);

  ok = plugin_eval(host, scratch_path(dir, path, sizeof path, "fine.lua"),
                   REAL_PRELUDE, &lim);
  CHECK(ok == 1 && lua_gettop(host) == top + 1 && lua_istable(host, -1),
        "the next plugin evaluates as usual");
  lua_settop(host, top);

  /* a formula runs in the plugin's process on data copied in */
  (void)luaL_dostring(host, "return { indicator = 'P', periods = { '2025' }, "
                      "data = { G = { ['2025'] = 10 }, "
                      "L = { ['2025'] = 4 } } }");
  int arg = lua_gettop(host);
  ok = plugin_call(host, scratch_path(dir, path, sizeof path, "formula.lua"),
                   REAL_PRELUDE, &lim, "formula", arg);
  CHECK(ok == 1 && lua_istable(host, -1) &&
        lua_getfield(host, -1, "2025") == LUA_TNUMBER &&
        lua_tonumber(host, -1) == 2.5,
        "a formula's answer crosses back (10 / 4 = 2.5)");
  lua_settop(host, top);

  msg = problem_of(host, "poison.lua", &lim);
  CHECK(msg && strstr(msg, "must be a positive integer"),
        "replacing math.type and string.match fools none of the prelude's "
        "checks (%s)", msg ? msg : "no problem reported");
  lua_settop(host, top);

  msg = problem_of(host, "metamethod.lua", &lim);
  CHECK(msg && strstr(msg, "field 'to' is required"),
        "an __index on a declaration cannot stand in for a required field "
        "(%s)", msg ? msg : "no problem reported");
  lua_settop(host, top);

  ok = plugin_eval(host, scratch_path(dir, path, sizeof path, "mutate.lua"),
                   REAL_PRELUDE, &lim);
  int day_type = LUA_TNONE, n_days = -1;
  if (ok && lua_getfield(host, -1, "decls") == LUA_TTABLE &&
      lua_rawgeti(host, -1, 1) == LUA_TTABLE &&
      lua_getfield(host, -1, "due") == LUA_TTABLE) {
    day_type = lua_getfield(host, -1, "day");
    lua_getfield(host, -2, "workdays_after_cutoff");
    n_days = (int)lua_tointeger(host, -1);
  }
  CHECK(day_type == LUA_TNIL && n_days == 5,
        "a nested table changed after its declaration crosses as declared");
  lua_settop(host, top);

  /* the host itself has a memory cap too small for the answer */
  sandbox_limits small = { 1u << 20, 0, 0 };
  sandbox *capped = sandbox_new(&small);
  ok = capped ? plugin_eval(capped->L,
                            scratch_path(dir, path, sizeof path, "huge.lua"),
                            REAL_PRELUDE, &lim) : -1;
  msg = capped ? lua_tostring(capped->L, -1) : NULL;
  CHECK(ok == 0 && msg && strstr(msg, "cannot be read") &&
        strstr(msg, "not enough memory"),
        "an answer too big for the host's cap is an error (%s)",
        msg ? msg : "none");
  sandbox_free(capped);
}

int main(void) {
  say_use("en"); /* the checks below read the English texts */
  alarm(120); /* a deadline that no longer holds would hang the run */
  from = luaL_newstate();
  to = luaL_newstate();
  luaL_openlibs(from);
  luaL_openlibs(to);
  test_forkrun();
  test_stdio();
  test_parent_death();
  test_ser_roundtrip();
  test_ser_refusals();
  test_ser_hostile_bytes();
  test_ser_memory();
  if (CHECK(mkdtemp(dir) != NULL &&
            scratch_write_all(dir, files, NFILES) == 0, "write the plugins")) {
    lua_State *host = luaL_newstate();
    test_plugins(host);
    lua_close(host);
  }
  scratch_remove(dir);
  lua_close(from);
  lua_close(to);
  return check_done();
}
