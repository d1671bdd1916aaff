/*
** host.c: build the scripts' state and run one job in it.
*/
#include "host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>

#include "lua_audit.h"
#include "lua_outbox.h"
#include "lua_mail.h"
#include "lua_csv.h"
#include "lua_import.h"
#include "lua_period.h"
#include "lua_rowout.h"
#include "lua_sql.h"
#include "lua_clock.h"
#include "lua_files.h"
#include "lua_plugin.h"
#include "lua_term.h"
#include "lua_text.h"
#include "lua_unitname.h"
#include "lua_repl.h"
#include "lua_zip.h"
#include "sandbox.h"
#include "text.h"

#define MODULES "planwatch.modules"

/* Module names are plain words, so `require` never leaves scripts/lib. */
static int valid_name(const char *s) {
  if (*s == '\0')
    return 0;
  for (; *s; s++)
    if (!(*s == '_' || *s == '-' || (*s >= 'a' && *s <= 'z') ||
          (*s >= '0' && *s <= '9')))
      return 0;
  return 1;
}

/* require(name): load scripts/lib/<name>.lua once, in the shared env. */
static int l_require(lua_State *L) {
  runctx *ctx = lua_touserdata(L, lua_upvalueindex(1));
  const char *name = luaL_checkstring(L, 1);
  lua_getfield(L, LUA_REGISTRYINDEX, MODULES);
  if (lua_getfield(L, -1, name) != LUA_TNIL)
    return 1;
  lua_pop(L, 1);
  if (!valid_name(name))
    return luaL_error(L, "require: no module '%s' (modules are files in "
                         "scripts/lib named with a-z, 0-9, _ and -)", name);
  const char *path =
      lua_pushfstring(L, "%s/scripts/lib/%s.lua", ctx->home, name);
  if (access(path, R_OK) != 0)
    return luaL_error(L, "require: no module '%s' in scripts/lib", name);
  if (sandbox_loadfile(L, path, lua_upvalueindex(2)) != LUA_OK)
    return lua_error(L);
  lua_call(L, 0, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  lua_pushvalue(L, -1);
  lua_setfield(L, -4, name);
  return 1;
}

/* Scripts print to stdout (plugins print to stderr). */
static int stdout_print(lua_State *L) {
  sandbox_print(L, stdout);
  return 0;
}

static void push_args(lua_State *L, const host_job *job) {
  lua_createtable(L, job->argc, 0);
  for (int i = 0; i < job->argc; i++) {
    lua_pushstring(L, job->argv[i]);
    lua_rawseti(L, -2, i + 1);
  }
}

static void set_string(lua_State *L, const char *key, const char *value) {
  lua_pushstring(L, value);
  lua_setfield(L, -2, key);
}

static void push_options(lua_State *L, const runctx *ctx) {
  lua_newtable(L);
  set_string(L, "db", ctx->db_path);
  set_string(L, "plugins", ctx->plugins_dir);
  set_string(L, "home", ctx->home);
  set_string(L, "today", ctx->today);
  set_string(L, "format", ctx->format);
  set_string(L, "lang", ctx->lang);
  lua_pushboolean(L, ctx->write);
  lua_setfield(L, -2, "write");
  lua_pushboolean(L, ctx->bom);
  lua_setfield(L, -2, "bom");
  lua_pushboolean(L, ctx->debug);
  lua_setfield(L, -2, "debug");
  lua_pushinteger(L, store_schema_version());
  lua_setfield(L, -2, "schema_version");
}

/* Fill the env on top with pw and require. */
static void install_api(lua_State *L, runctx *ctx, const host_job *job) {
  int env = lua_gettop(L);
  lua_newtable(L);
  lua_sql_register(L, ctx);
  lua_audit_register(L, ctx);
  lua_rowout_register(L, ctx);
  lua_files_register(L, ctx);
  lua_term_register(L);
  lua_clock_register(L);
  lua_plugin_register(L, ctx);
  lua_text_register(L);
  lua_repl_register(L);
  lua_import_register(L, ctx);
  lua_unitname_register(L, ctx);
  lua_csv_register(L);
  lua_mail_register(L, ctx);
  lua_period_register(L);
  lua_zip_register(L, ctx);
  lua_outbox_register(L, ctx);
  push_args(L, job);
  lua_setfield(L, -2, "args");
  push_options(L, ctx);
  lua_setfield(L, -2, "opt");
  sandbox_define(L, env, "pw");
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, MODULES);
  lua_pushlightuserdata(L, ctx);
  lua_pushvalue(L, env);
  lua_pushcclosure(L, l_require, 2);
  sandbox_define(L, env, "require");
  lua_pushcfunction(L, stdout_print);
  sandbox_define(L, env, "print");
}

/*
** Load the job's chunk. Code given with -e is first tried as an expression
** (`return CODE`), as the Lua REPL does, so `-e '1 + 1'` prints 2.
*/
static int load_job(lua_State *L, runctx *ctx, const host_job *job, int env) {
  if (job->kind == HOST_FILE)
    return sandbox_loadfile(L, job->what, env);
  if (job->kind == HOST_COMMAND) {
    const char *path =
        lua_pushfstring(L, "%s/scripts/%s.lua", ctx->home, job->what);
    int rc = sandbox_loadfile(L, path, env);
    lua_remove(L, -2);
    return rc;
  }
  const char *expr = lua_pushfstring(L, "return %s", job->what);
  int rc = sandbox_load(L, expr, strlen(expr), "=(-e)", env);
  lua_remove(L, -2);
  if (rc == LUA_OK)
    return rc;
  lua_pop(L, 1);
  return sandbox_load(L, job->what, strlen(job->what), "=(-e)", env);
}

/* Hand what the chunk returned to pw.finish, which prints it for -e and
** turns it into an exit status. */
static int finish(sandbox *sb, int env, int base, const host_job *job) {
  lua_State *L = sb->L;
  int nres = lua_gettop(L) - base;
  lua_getfield(L, env, "pw");
  lua_getfield(L, -1, "finish");
  lua_remove(L, -2);
  lua_insert(L, base + 1);
  lua_pushboolean(L, job->kind == HOST_CODE);
  lua_insert(L, base + 2);
  if (sandbox_call(sb, nres + 1, 1) != LUA_OK)
    return -1;
  return (int)lua_tointeger(L, -1);
}

static int run(sandbox *sb, runctx *ctx, const host_job *job) {
  lua_State *L = sb->L;
  sandbox_env(L);
  int env = lua_gettop(L);
  install_api(L, ctx, job);
  lua_getfield(L, env, "require");
  lua_pushliteral(L, "pw");
  if (sandbox_call(sb, 1, 0) != LUA_OK)
    return -1;
  int base = lua_gettop(L);
  if (load_job(L, ctx, job, env) != LUA_OK ||
      sandbox_call(sb, 0, LUA_MULTRET) != LUA_OK)
    return -1;
  return finish(sb, env, base, job);
}

/* Whether msg starts with the chunk name of a file in home's scripts/:
** the full path, or Lua's shortened form of a long one ("..." and the
** path's tail). Sets *rest to what follows the name. */
static int in_scripts(const runctx *ctx, const char *msg, const char **rest) {
  size_t n = strlen(ctx->home);
  const char *name = msg;
  if (strncmp(msg, ctx->home, n) == 0 && strncmp(msg + n, "/scripts/", 9) == 0) {
    name = msg + n + 9;
  } else if (strncmp(msg, "...", 3) == 0) {
    const char *s = strstr(msg + 3, "/scripts/");
    size_t tail = s ? (size_t)(s - (msg + 3)) : 0;
    if (s == NULL || tail > n || strncmp(ctx->home + n - tail, msg + 3, tail) != 0)
      return 0;
    name = s + 9;
  } else {
    return 0;
  }
  const char *p = strstr(name, ".lua:");
  if (p == NULL || memchr(name, ':', (size_t)(p - name)) != NULL)
    return 0;
  *rest = p + 5;
  return 1;
}

/* An error raised inside planwatch's own scripts/ reaches the user without
** its "FILE:LINE: " prefix, unless --debug; a user's script keeps it. */
static const char *user_message(const runctx *ctx, const char *msg) {
  const char *p;
  if (ctx->debug || !in_scripts(ctx, msg, &p))
    return msg;
  if (*p < '0' || *p > '9')
    return msg;
  for (; *p >= '0' && *p <= '9'; p++)
    ;
  if (*p != ':')
    return msg;
  while (*++p == ' ')
    ;
  return p;
}

/* The error that ended a run, on stderr with its control characters
** escaped (a plugin's or a file's name cannot drive the terminal). */
static void print_error(const char *msg, size_t len) {
  char *out = malloc(TEXT_ESCAPE_MAX(len) + 1);
  if (out == NULL) {
    fputs("planwatch: not enough memory\n", stderr);
    return;
  }
  size_t n = text_escape_str(msg, len, 1, out);
  fputs("planwatch: ", stderr);
  fwrite(out, 1, n, stderr);
  fputc('\n', stderr);
  free(out);
}

int host_run(runctx *ctx, const host_job *job) {
  sandbox *sb = sandbox_new(&ctx->script_limits);
  if (sb == NULL) {
    fputs("planwatch: not enough memory\n", stderr);
    return 2;
  }
  int status = run(sb, ctx, job);
  if (status < 0) {
    const char *msg = lua_tostring(sb->L, -1);
    const char *shown = msg ? user_message(ctx, msg) : "(error)";
    print_error(shown, strlen(shown));
    status = 2;
  }
  fflush(stdout);
  sandbox_free(sb);
  return status;
}
