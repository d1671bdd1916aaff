#ifndef PW_SANDBOX_H
#define PW_SANDBOX_H
/*
** The sandbox: a Lua 5.4 state that runs untrusted code (plugins, analyst
** scripts) within limits.
**
** The state holds only the libraries of an allow-list (sandbox.c lists them in
** one place): no io, no os beyond time/date/clock, no package, no debug, no
** string.dump, dofile, loadfile or collectgarbage; `load` accepts text only;
** `setmetatable` refuses metatables with __gc (finalisers run with hooks off,
** so a loop in one could not be stopped); the string metatable is locked.
** Code runs in an environment table (sandbox_env) where reading an undeclared
** global is an error and creating one is refused.
**
** Three limits bound a run: an instruction budget (a count hook), a memory cap
** (the state's allocator), and a wall-clock deadline (checked by the hook).
** When a limit trips, the hook keeps raising at every instruction, so a pcall
** inside the script cannot swallow it. The hook cannot interrupt one long
** call into C (a backtracking pattern match): such a call is bounded by the
** memory cap and by its own limits (the store's progress handler), and, for
** plugins, by the process each one runs in (plugin.h, forkrun.h). For the
** scripts' state, the watchdog (see struct sandbox) ends the whole process
** at twice the time limit.
**
** Every limit holds in every frame. Lua runs some code with hooks off: an
** xpcall message handler (at the point of the error) and the `<close>`
** handlers of a coroutine that died of an error raised by the hook. The
** sandbox's xpcall therefore runs the handler after the failed call has
** unwound, and each coroutine's body runs under a pcall (sandbox.c says
** how). Lua 5.4.4 does not count nested coroutine.close calls against its
** C-stack limit; the sandbox's coroutine.close and coroutine.wrap refuse to
** nest once a run uses half of the C stack, so no Lua text overflows it.
**
** A door that reads a file named by untrusted code asks sandbox_unreadable
** first (pw.read_file does, and sandbox_loadfile, hence pw.plugin and
** `run`): nothing that describes a process is read (/proc/self/environ
** holds the SMTP password), nor the SMTP password file, nor the service's
** credentials. Only regular files are read (safefile.h).
*/
#include <stddef.h>
#include <stdio.h>
#include <lua.h>

#define SANDBOX_MAX_SOURCE (16L << 20) /* largest source file loaded */

typedef struct sandbox_limits {
  size_t memory;          /* bytes the state may hold; 0 = no cap */
  long long instructions; /* VM instructions per run; 0 = no budget */
  double seconds;         /* wall-clock seconds per run; 0 = no limit */
} sandbox_limits;

typedef struct sandbox {
  lua_State *L;           /* the state; its extra space points back here */
  sandbox_limits limits;  /* as given to sandbox_new */
  size_t used;            /* bytes allocated now */
  size_t base;            /* bytes the libraries took; not counted in the cap */
  size_t peak;            /* most bytes allocated at once */
  long long executed;     /* instructions counted in the current run */
  double deadline;        /* monotonic time the current run must end by */
  const char *tripped;    /* which limit stopped the run, or NULL */
  int watchdog;           /* a run still going at twice the time limit (stuck
                             in a C call) ends the process with status 2; on
                             when there is a time limit, off for plugins,
                             whose process is bounded by its parent */
  char *stack_base;       /* the C stack's frame at the outermost
                             sandbox_call, or NULL outside one */
  size_t stack_room;      /* C stack a run may use before coroutine.close
                             and coroutine.wrap refuse to nest deeper */
} sandbox;

/* Read limits from environment variables named PREFIX_MEMORY (bytes),
** PREFIX_INSTRUCTIONS and PREFIX_SECONDS, falling back to the given defaults.
** Returns 0, or -1 when a variable is set but is not a number from 0 to
** 1e15 (0 means no limit). */
int sandbox_limits_from_env(sandbox_limits *lim, const char *prefix);

/* Create a sandboxed state. NULL when out of memory. */
sandbox *sandbox_new(const sandbox_limits *lim);

/* Close the state and free the sandbox. */
void sandbox_free(sandbox *sb);

/* The sandbox that owns L. */
sandbox *sandbox_of(lua_State *L);

/* Push a fresh environment table holding the allow-listed globals, with the
** undeclared-global guard, and make it the state's global table (so a chunk
** that `load` compiles without an env sees it too, never the full libraries).
** Code loaded with it as _ENV sees only that. */
void sandbox_env(lua_State *L);

/* Replace the library tables (string, table, math, utf8, coroutine) of
** the environment at index env by shallow copies of its own, so that code
** changing string.match there changes it for nobody else in the state. Its
** strings' methods stay the originals, which it cannot reach: the string
** metatable is locked. */
void sandbox_private_libs(lua_State *L, int env);

/* print's body: the values on the stack, tab-separated, a newline, to f.
** Plugins print to stderr; scripts to stdout. */
void sandbox_print(lua_State *L, FILE *f);

/* Pop the value on top into the environment at index env as global name,
** past its guard. */
void sandbox_define(lua_State *L, int env, const char *name);

/* Load text (never bytecode) as a chunk named chunkname ("@file" or "=name")
** with the table at index env as its _ENV. Pushes the function, or an error
** message; returns a Lua status code. */
int sandbox_load(lua_State *L, const char *buf, size_t len,
                 const char *chunkname, int env);

/* The text of the regular file at path (at most SANDBOX_MAX_SOURCE bytes),
** in memory the caller frees, and its length in *len; or NULL and *why. */
char *sandbox_read_source(const char *path, size_t *len, const char **why);

/* Read the file at path and load it as above (chunk name "@path"). */
int sandbox_loadfile(lua_State *L, const char *path, int env);

/* Call the function below nargs arguments, within the limits. On error,
** leaves one string on the stack (never calling the error object's
** metamethods) and returns the Lua status. The limit counters restart. A
** run in which a limit tripped fails, even if its code caught the error.
** With the watchdog on, a SIGALRM timer (ITIMER_REAL) is armed for the
** call (the outermost one, when calls nest); the previous handler and what
** was left of a previous timer are restored after. */
int sandbox_call(sandbox *sb, int nargs, int nresults);

/* Whether untrusted code may read the file at path: NULL, or why not.
** Refused: anything under /proc/<pid>, /proc/self or /proc/thread-self
** (the environment, memory and command line of planwatch or of another
** process), whatever path leads there, and the file that
** PLANWATCH_SMTP_PASSWORD_FILE names (compared by device and inode, so a link
** to it is refused too), and anything in the folder CREDENTIALS_DIRECTORY
** names (systemd's credentials of the service, LoadCredential=). */
const char *sandbox_unreadable(const char *path);

/* Whether the n bytes at text hold the SMTP password (the value of
** PLANWATCH_SMTP_PASSWORD, or the first line of the file that
** PLANWATCH_SMTP_PASSWORD_FILE names; one of at least 6 bytes): a copy of it
** elsewhere (a settings file a cron job sources, a backup of the password
** file) is refused as the file itself is, with SANDBOX_SECRET_REFUSED.
** pw.read_file and sandbox_loadfile check what they read. The password is
** wiped from the stack after each look. */
int sandbox_holds_secret(const char *text, size_t n);

/* The same for the file at path, read through (import and csv_records
** check the files they are given). 0 when it cannot be read. */
int sandbox_file_holds_secret(const char *path);

#define SANDBOX_SECRET_REFUSED "refused: holds the SMTP password"

#endif
