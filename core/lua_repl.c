/*
** lua_repl: pw.readline. See lua_repl.h.
*/
#define _POSIX_C_SOURCE 200809L
#include "lua_repl.h"

#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <readline.h>

#define HISTORY_LINES 1000
#define PIPE_LINE_MAX (64 * 1024)

/* Word breaks for completion: "." and ":" stay inside a word. */
static const char word_breaks[] = " \t\n\"\\'`@$><=;|&{}()[],+-*/%^~#";

static char history_path[PATH_MAX];
static volatile sig_atomic_t interrupted;

/* The Lua state and the stack slot of the completion function while a
** terminal readline runs (completion is called from inside it). */
static lua_State *completing_L;
static int completing_fn;

/* A history that is not a regular file (a FIFO would block) is not used. */
static void history_open(void) {
  const char *home = getenv("HOME");
  struct stat st;
  if (history_path[0] || home == NULL)
    return;
  snprintf(history_path, sizeof history_path, "%s/.planwatch_history", home);
  if (stat(history_path, &st) == 0 && !S_ISREG(st.st_mode)) {
    history_path[0] = '\0';
    return;
  }
  using_history();
  stifle_history(HISTORY_LINES);
  read_history(history_path);
}

static void history_keep(const char *line) {
  if (*line == '\0')
    return;
  add_history(line);
  if (history_path[0])
    write_history(history_path);
}

/* LC_CTYPE from the environment if it is UTF-8, else C.UTF-8; returns the
** locale to restore (malloc'd), or NULL. */
static char *ctype_utf8(void) {
  const char *old = setlocale(LC_CTYPE, NULL);
  char *saved = old ? strdup(old) : NULL;
  const char *now = setlocale(LC_CTYPE, "");
  if (now == NULL || (strstr(now, "UTF-8") == NULL && strstr(now, "utf8") == NULL))
    setlocale(LC_CTYPE, "C.UTF-8");
  return saved;
}

static void ctype_restore(char *saved) {
  setlocale(LC_CTYPE, saved ? saved : "C");
  free(saved);
}

static void on_interrupt(int sig) {
  (void)sig;
  interrupted = 1;
}

/* SIGINT sets a flag and interrupts the read (no SA_RESTART). */
static void interrupt_catch(struct sigaction *old) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, old);
}

/* Call the completion function with text; leaves a table or nothing. */
static int completions_fetch(const char *text) {
  lua_State *L = completing_L;
  lua_pushvalue(L, completing_fn);
  lua_pushstring(L, text);
  if (lua_pcall(L, 1, 1, 0) != LUA_OK || !lua_istable(L, -1)) {
    lua_pop(L, 1);
    return 0;
  }
  return 1;
}

/* rl_compentry_func_t: the state-th completion of text, malloc'd. */
static char *completion_entry(const char *text, int state) {
  static int n, i;
  lua_State *L = completing_L;
  if (state == 0) {
    lua_settop(L, completing_fn);
    n = completions_fetch(text) ? (int)luaL_len(L, -1) : 0;
    i = 0;
  }
  while (i < n) {
    lua_rawgeti(L, -1, ++i);
    const char *s = lua_tostring(L, -1);
    char *copy = s ? strdup(s) : NULL;
    lua_pop(L, 1);
    if (copy)
      return copy;
  }
  return NULL;
}

static char **completion_attempt(const char *text, int start, int end) {
  (void)start;
  (void)end;
  rl_attempted_completion_over = 1;  /* never fall back to file names */
  if (completing_L == NULL)
    return NULL;
  return rl_completion_matches(text, completion_entry);
}

/* libedit's emacs map binds the codes 0x80-0xFF to meta commands, and in
** a wide-character locale those are the letters U+0080-U+00FF: "ô", "â",
** "ê", "à" ... would edit the line instead of being typed. Bind them to
** self-insert, once, after libedit is set up. */
static void keys_init(void) {
  static int done;
  char bind[32];
  if (done)
    return;
  done = 1;
  rl_initialize();
  for (int c = 0x80; c <= 0xff; c++) {
    /* the key as UTF-8 text: an octal escape would bind digit sequences */
    snprintf(bind, sizeof bind, "bind %c%c ed-insert", 0xc0 | (c >> 6),
             0x80 | (c & 0x3f));
    rl_parse_and_bind(bind);
  }
}

/* Read one line on a terminal; pushes line, false or nil. */
static int read_terminal(lua_State *L, const char *prompt, int complete) {
  struct sigaction old;
  history_open();
  rl_basic_word_break_characters = word_breaks;
  rl_completer_word_break_characters = (char *)word_breaks;
  rl_attempted_completion_function = completion_attempt;
  rl_completion_append_character = '\0';
  completing_L = complete ? L : NULL;
  completing_fn = complete;
  char *saved = ctype_utf8();
  keys_init();
  interrupted = 0;
  interrupt_catch(&old);
  char *line = readline(prompt);
  sigaction(SIGINT, &old, NULL);
  ctype_restore(saved);
  completing_L = NULL;
  if (line == NULL) {
    if (interrupted) {
      fputs("^C\n", stdout);
      fflush(stdout);
    }
    if (interrupted)
      lua_pushboolean(L, 0);
    else
      lua_pushnil(L);
    return 1;
  }
  history_keep(line);
  lua_pushstring(L, line);
  free(line);
  return 1;
}

/* Read one line from a pipe or a file; pushes line or nil. */
static int read_plain(lua_State *L, const char *prompt) {
  luaL_Buffer b;
  int c, n = 0;
  fputs(prompt, stdout);
  fflush(stdout);
  luaL_buffinit(L, &b);
  while ((c = getchar()) != EOF && c != '\n') {
    if (n++ < PIPE_LINE_MAX)
      luaL_addchar(&b, (char)c);
  }
  if (c == EOF && n == 0) {
    luaL_pushresult(&b);
    lua_pushnil(L);
    return 1;
  }
  luaL_pushresult(&b);
  size_t len;
  const char *s = lua_tolstring(L, -1, &len);
  if (len > 0 && s[len - 1] == '\r') {
    lua_pushlstring(L, s, len - 1);
  }
  return 1;
}

static int l_readline(lua_State *L) {
  const char *prompt = luaL_optstring(L, 1, "");
  int complete = 0;
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TFUNCTION);
    complete = 2;
  }
  lua_settop(L, 2);
  if (isatty(0) && isatty(1))
    return read_terminal(L, prompt, complete);
  return read_plain(L, prompt);
}

void lua_repl_register(lua_State *L) {
  lua_pushcfunction(L, l_readline);
  lua_setfield(L, -2, "readline");
}
