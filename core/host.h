#ifndef PW_HOST_H
#define PW_HOST_H
/*
** host: the Lua state that runs commands and analyst scripts.
**
** It is a sandbox (see sandbox.h) whose environment also holds `pw` — the
** database (lua_sql.h), narrow system doors (lua_files.h, lua_term.h,
** lua_clock.h, lua_plugin.h), the invocation's options and arguments —
** and a `require` that loads Lua modules from scripts/lib only.
** scripts/lib/pw.lua runs first and completes `pw` in Lua.
*/
#include "runctx.h"

typedef enum host_kind {
  HOST_FILE,    /* run the file at `what` */
  HOST_CODE,    /* run the code in `what`, printing what it returns */
  HOST_COMMAND  /* run scripts/<what>.lua */
} host_kind;

typedef struct host_job {
  host_kind kind;
  const char *what;   /* a path, code, or command name */
  int argc;           /* arguments after it, as pw.args */
  char **argv;
} host_job;

/* Run the job; returns the process exit status: the number the script
** returned (0 when none), or 2 when it raised an error. */
int host_run(runctx *ctx, const host_job *job);

#endif
