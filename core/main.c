/*
** main.c: planwatch's command line. Global options may stand anywhere before
** "--"; the rest goes to the command, which is a Lua script.
*/
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lua.h>
#include <sqlite3.h>

#include "runctx.h"
#include "host.h"
#include "safefile.h"
#include "suggest.h"

#define PW_VERSION "1.1.0"

static const char usage_en[] =
  "usage: planwatch [--db FILE] [--plugins DIR] [--today YYYY-MM-DD]\n"
  "                 [--format table|csv|json] [--bom] [--lang vi|en] [--write]\n"
  "                 [--debug] [--write-to PATH]... COMMAND [ARGS...]\n"
  "       planwatch -e CODE | run FILE.lua [ARGS...] | repl\n"
  "\n"
  "commands (scripts/NAME.lua; add your own there):\n"
  "  init          create or migrate the database\n"
  "  check [DIR]   validate plugins without writing\n"
  "  load [DIR]    validate and apply plugins, print what changed\n"
  "  import FILE   import indicator values from CSV (all or nothing)\n"
  "  status        targets, tasks per department, reporting rates, overdue\n"
  "  duties        duty-periods at --today; --rates for reporting rates\n"
  "  submit U D P  record that unit U submitted duty D for period P\n"
  "  remind        queue and send today's reminders (--dry-run to preview)\n"
  "  outbox        list, retry or flush the message queue\n"
  "  export WHAT   units|tasks|targets|duties|values|... as table/csv/json\n"
  "  report        the progress report (--html, --md) or the yearly report (--docx)\n"
  "  import-plan F draft a plan package from a plan's published text\n"
  "  run FILE.lua  run an analyst script (read-only unless --write)\n"
  "  -e CODE       run Lua code and print what it returns\n"
  "  repl          interactive Lua with the pw API\n"
  "  help [CMD]    this text, or a command's own help (as CMD --help)\n"
  "\n"
  "Scripts write files only where the command line says: --write-to PATH\n"
  "(a file, or a folder and what it holds), or a command's own options\n"
  "such as report --html FILE; never scripts/, plugins or the database.\n"
  "\n"
  "Options take a value as `--opt VALUE` or `--opt=VALUE`. --version prints\n"
  "the version. Every command has --help. Exit status: 0 success, 1 something needs a\n"
  "person (invalid plugins, unsent messages), 2 bad usage or bad input.\n";

static const char usage_vi[] =
  "cách dùng: planwatch [--db TỆP] [--plugins THƯ_MỤC] [--today YYYY-MM-DD]\n"
  "                 [--format table|csv|json] [--bom] [--lang vi|en] [--write]\n"
  "                 [--debug] [--write-to ĐƯỜNG_DẪN]... LỆNH [THAM_SỐ...]\n"
  "       planwatch -e MÃ_LUA | run TỆP.lua [THAM_SỐ...] | repl\n"
  "\n"
  "các lệnh (scripts/TÊN.lua; thêm lệnh của bạn vào đó):\n"
  "  init          tạo hoặc nâng cấp cơ sở dữ liệu\n"
  "  check [DIR]   kiểm tra plugin, không ghi gì\n"
  "  load [DIR]    kiểm tra và áp dụng plugin, in những gì thay đổi\n"
  "  import FILE   nhập giá trị chỉ tiêu từ CSV (tất cả hoặc không gì)\n"
  "  status        chỉ tiêu, nhiệm vụ theo sở, tỷ lệ báo cáo, báo cáo quá hạn\n"
  "  duties        các kỳ báo cáo tại --today; --rates cho tỷ lệ báo cáo\n"
  "  submit U D P  ghi nhận đơn vị U đã nộp báo cáo D cho kỳ P\n"
  "  remind        đưa vào hàng đợi và gửi nhắc nhở hôm nay (--dry-run để xem trước)\n"
  "  outbox        liệt kê, gửi lại hoặc gửi hết hàng đợi thư\n"
  "  export WHAT   units|tasks|targets|duties|values|... dạng bảng/csv/json\n"
  "  report        báo cáo tiến độ (--html, --md) hoặc báo cáo năm (--docx)\n"
  "  import-plan F dự thảo gói kế hoạch từ văn bản kế hoạch đã ban hành\n"
  "  run FILE.lua  chạy một script phân tích (chỉ đọc, trừ khi có --write)\n"
  "  -e CODE       chạy mã Lua và in kết quả trả về\n"
  "  repl          Lua tương tác với API pw\n"
  "  help [CMD]    văn bản này, hoặc trợ giúp của một lệnh (như CMD --help)\n"
  "\n"
  "Script chỉ ghi tệp ở nơi dòng lệnh cho phép: --write-to ĐƯỜNG_DẪN (một\n"
  "tệp, hoặc một thư mục và những gì trong đó), hoặc tùy chọn riêng của lệnh\n"
  "như report --html TỆP; không bao giờ ghi vào scripts/, plugin hay cơ sở\n"
  "dữ liệu.\n"
  "\n"
  "Tùy chọn nhận giá trị dạng `--opt GIÁ_TRỊ` hoặc `--opt=GIÁ_TRỊ`. --version\n"
  "in phiên bản. Lệnh nào cũng có --help. Mã thoát: 0 thành công, 1 có việc\n"
  "cần người xử lý (plugin lỗi, thư chưa gửi), 2 dùng sai hoặc dữ liệu vào sai.\n";

static const char code_usage_vi[] =
  "cách dùng: planwatch [--write] [--write-to ĐƯỜNG_DẪN]... [--format table|csv|json]\n"
  "                 -e MÃ_LUA [THAM_SỐ...]\n"
  "       planwatch [--write] [--write-to ĐƯỜNG_DẪN]... [--format table|csv|json]\n"
  "                 run TỆP.lua [THAM_SỐ...]\n"
  "\n"
  "-e chạy MÃ_LUA, run chạy script TỆP.lua, dưới dạng Lua với API pw (xem\n"
  "scripts/README.md); THAM_SỐ nằm trong pw.args. Kết quả -e trả về được in:\n"
  "danh sách dòng thành bảng, hoặc CSV hay JSON với --format. Số nguyên script\n"
  "trả về là mã thoát. Chỉ đọc, trừ khi có --write; chỉ ghi tệp ở nơi\n"
  "--write-to cho phép.\n";

static const char code_usage_en[] =
  "usage: planwatch [--write] [--write-to PATH]... [--format table|csv|json]\n"
  "                 -e CODE [ARGS...]\n"
  "       planwatch [--write] [--write-to PATH]... [--format table|csv|json]\n"
  "                 run FILE.lua [ARGS...]\n"
  "\n"
  "-e runs CODE, run the script FILE.lua, as Lua with the pw API (see\n"
  "scripts/README.md); ARGS are in pw.args. What -e returns is printed: a\n"
  "list of rows as a table, or as CSV or JSON with --format. A script's\n"
  "returned integer is the exit status. Read-only unless --write; files only\n"
  "where --write-to says.\n";

/* Plugin and script limits: defaults, overridden from the environment. */
static int set_limits(runctx *ctx) {
  ctx->plugin_limits = (sandbox_limits){ 64u << 20, 50000000, 5.0 };
  ctx->script_limits = (sandbox_limits){ 1024u << 20, 0, 0 };
  ctx->sql_seconds = 300;
  ctx->sql_memory = 256LL << 20;
  if (sandbox_limits_from_env(&ctx->plugin_limits, "PLANWATCH_PLUGIN") != 0 ||
      sandbox_limits_from_env(&ctx->script_limits, "PLANWATCH_SCRIPT") != 0)
    return -1;
  return runctx_sql_limits(ctx);
}

static const char *env_or(const char *name, const char *fallback) {
  const char *v = getenv(name);
  return v && *v ? v : fallback;
}

/* path = dir + "/" + file; 0, or -1 when it does not fit. */
static int join(char *path, size_t size, const char *dir, const char *file) {
  int n = snprintf(path, size, "%s/%s", dir, file);
  return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int has_scripts(const char *dir) {
  char path[PATH_MAX];
  return join(path, sizeof path, dir, "scripts/lib/pw.lua") == 0 &&
         access(path, R_OK) == 0;
}

/* The installed library folder, compiled in by `make install`. */
#ifndef PW_LIBDIR
#define PW_LIBDIR ""
#endif

/*
** The folder holding scripts/: PLANWATCH_HOME, else the binary's folder or
** one above it (build/planwatch sits one level below the sources), else
** ../share/planwatch beside the binary (an installed tree moved elsewhere),
** else the folder `make install` compiled in.
*/
static const char *find_home(char *buf, size_t size) {
  static const char *const beside[] = {
    "", "/..", "/../..", "/../share/planwatch", NULL
  };
  const char *env = getenv("PLANWATCH_HOME");
  if (env && *env)
    return env;
  char exe[PATH_MAX], candidate[PATH_MAX + 32];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    *strrchr(exe, '/') = '\0';  /* readlink gives an absolute path */
    for (int i = 0; beside[i]; i++) {
      snprintf(candidate, sizeof candidate, "%s%s", exe, beside[i]);
      if (has_scripts(candidate) && realpath(candidate, buf) != NULL &&
          strlen(buf) < size)
        return buf;
    }
  }
  return *PW_LIBDIR && has_scripts(PW_LIBDIR) ? PW_LIBDIR : ".";
}

/* The run's options, for the language of what this file prints. */
static const runctx *said;

/* The text in the run's language (--lang, PLANWATCH_LANG; Vietnamese by
** default): every message of this file comes in both. */
static const char *say(const char *vi, const char *en) {
  return said && said->lang && strcmp(said->lang, "en") == 0 ? en : vi;
}

#define USAGE() say(usage_vi, usage_en)
#define SEE_HELP() say("\nchạy `planwatch --help` để xem cách dùng\n", \
                       "\nrun `planwatch --help` for usage\n")

static int bad_usage(const char *vi, const char *en, const char *arg) {
  fputs("planwatch: ", stderr);
  fprintf(stderr, say(vi, en), arg);
  fputs(SEE_HELP(), stderr);
  return 2;
}

/* A mistyped word, with the nearest known one when there is one. */
static int unknown_word(const char *what, const char *typed,
                        const char *const *known, size_t n) {
  const char *near = suggest_nearest(typed, known, n);
  fprintf(stderr, say("planwatch: '%s' không phải %s", "planwatch: '%s' is not %s"),
          typed, what);
  if (near)
    fprintf(stderr, say("; có phải ý bạn là '%s'?", "; did you mean '%s'?"), near);
  fputs(SEE_HELP(), stderr);
  return 2;
}

static int print_version(void) {
  printf("planwatch %s (Lua %s, SQLite %s)\n", PW_VERSION,
         LUA_VERSION_MAJOR "." LUA_VERSION_MINOR "." LUA_VERSION_RELEASE,
         sqlite3_libversion());
  return 0;
}

/* Add a path the command line names for writing (writable.h). */
static int add_output(runctx *ctx, const char *path) {
  if (ctx->noutputs == PW_MAX_OUTPUTS)
    return bad_usage("chỉ được nêu tối đa %s đường dẫn để ghi",
                     "at most %s paths to write may be named", "32");
  ctx->outputs[ctx->noutputs++] = path;
  return 0;
}

/* Take the value of an option that needs one. */
static const char *option_value(int argc, char **argv, int *i) {
  if (*i + 1 >= argc)
    return NULL;
  return argv[++*i];
}

/*
** Split argv into global options (into ctx) and the rest (into rest, in
** order). Returns 0, 1 when --help was asked before any command, or 2.
*/
static int parse(runctx *ctx, int argc, char **argv, char **rest, int *nrest) {
  static const char *const names[] = {
    "--db", "--plugins", "--today", "--format", "--lang", NULL
  };
  const char **slots[] = {
    &ctx->db_path, &ctx->plugins_dir, &ctx->today, &ctx->format, &ctx->lang
  };
  static const char *const flags[] = {
    "--db", "--plugins", "--today", "--format", "--lang", "--write",
    "--debug", "--write-to", "--help", "--version", "--bom"
  };
  int passthrough = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *eq = strchr(a, '=');
    int k = -1;
    for (int j = 0; !passthrough && names[j]; j++) {
      size_t n = strlen(names[j]);
      if (strncmp(a, names[j], n) == 0 && (a[n] == '\0' || a[n] == '='))
        k = j;
    }
    if (k >= 0 && eq) {
      *slots[k] = eq + 1;
    } else if (k >= 0) {
      if ((*slots[k] = option_value(argc, argv, &i)) == NULL)
        return bad_usage("%s cần một giá trị", "%s needs a value", a);
    } else if (!passthrough && *nrest == 0 && strcmp(a, "--version") == 0) {
      return 3;
    } else if (!passthrough && *nrest == 0 && strncmp(a, "--write-to=", 11) == 0) {
      if (add_output(ctx, a + 11) != 0)
        return 2;
    } else if (!passthrough && strcmp(a, "--write") == 0) {
      ctx->write = 1;
    } else if (!passthrough && strcmp(a, "--debug") == 0) {
      ctx->debug = 1;
    } else if (!passthrough && strcmp(a, "--bom") == 0) {
      ctx->bom = 1; /* CSV for Excel, whatever command writes it */
    } else if (!passthrough && strcmp(a, "--write-to") == 0) {
      const char *path = option_value(argc, argv, &i);
      if (path == NULL)
        return bad_usage("%s cần một giá trị", "%s needs a value", a);
      if (add_output(ctx, path) != 0)
        return 2;
    } else if (!passthrough && *nrest == 0 &&
               (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
      return 1;
    } else if (!passthrough && *nrest == 0 && strncmp(a, "--", 2) == 0 &&
               a[2] != '\0') {
      return unknown_word(say("một tùy chọn", "an option"), a, flags, sizeof flags / sizeof *flags);
    } else {
      if (strcmp(a, "--") == 0)
        passthrough = 1;
      rest[(*nrest)++] = argv[i];
    }
  }
  return 0;
}

static int check_options(const runctx *ctx) {
  if (strcmp(ctx->format, "table") && strcmp(ctx->format, "csv") &&
      strcmp(ctx->format, "json"))
    return bad_usage("--format phải là table, csv hoặc json, không phải '%s'",
                     "--format must be table, csv or json, not '%s'", ctx->format);
  if (strcmp(ctx->lang, "vi") && strcmp(ctx->lang, "en"))
    return bad_usage("--lang phải là vi hoặc en, không phải '%s'",
                     "--lang must be vi or en, not '%s'", ctx->lang);
  return 0;
}

static int valid_command(const char *name) {
  if (!*name || *name == '-')
    return 0;
  for (const char *s = name; *s; s++)
    if (!(*s == '-' || *s == '_' || (*s >= 'a' && *s <= 'z') ||
          (*s >= '0' && *s <= '9')))
      return 0;
  return 1;
}

/*
** What a command under scripts/ declares in its first lines, each one
** "--! planwatch: DIRECTIVE":
**   write                 it may change the database (as with --write);
**   writes-to --a --b     the values of its options --a and --b name files
**                         or folders it may write (writable.h).
** A directive is matched whole: "writes-to" does not mean "write". run FILE,
** -e and repl declare nothing: they write with --write and --write-to.
*/
typedef struct header {
  int write;           /* "write" was declared */
  char options[256];   /* " --a --b ": the options of "writes-to" */
} header;

static void directive(char *line, header *h) {
  static const char prefix[] = "--! planwatch: ";
  size_t n = strcspn(line, "\r\n");
  while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
    n--;
  line[n] = '\0';
  if (strncmp(line, prefix, sizeof prefix - 1) != 0)
    return;
  const char *d = line + sizeof prefix - 1;
  if (strcmp(d, "write") == 0)
    h->write = 1;
  else if (strncmp(d, "writes-to ", 10) == 0)
    snprintf(h->options, sizeof h->options, " %s ", d + 10);
}

static void read_header(const char *path, header *h) {
  char line[256], err[SAFEFILE_ERR_SIZE];
  memset(h, 0, sizeof *h);
  FILE *f = safefile_fopen(path, err);
  if (f == NULL)
    return;
  while (fgets(line, sizeof line, f) != NULL && strncmp(line, "--!", 3) == 0)
    directive(line, h);
  fclose(f);
}

/* The values of the declared options among the command's arguments. */
static int declared_outputs(runctx *ctx, const header *h, const host_job *job) {
  for (int i = 0; i + 1 < job->argc; i++) {
    char word[128];
    const char *a = job->argv[i];
    if (strncmp(a, "--", 2) != 0 || strlen(a) > 100)
      continue;
    snprintf(word, sizeof word, " %s ", a);
    if (strstr(h->options, word) && add_output(ctx, job->argv[++i]) != 0)
      return 2;
  }
  return 0;
}

/* A word that is no command: said so, with the nearest command's name
** (the scripts under scripts/ and the built-in words). */
#define MAX_COMMANDS 128
static int unknown_command(const runctx *ctx, const char *typed) {
  static char names[MAX_COMMANDS][NAME_MAX + 1];
  const char *known[MAX_COMMANDS + 3] = { "run", "help", "-e" };
  size_t n = 3;
  char dir[PATH_MAX];
  DIR *d = join(dir, sizeof dir, ctx->home, "scripts") == 0 ? opendir(dir) : NULL;
  for (struct dirent *e; d && (e = readdir(d)) != NULL && n < MAX_COMMANDS + 3;) {
    size_t len = strlen(e->d_name);
    if (len > 4 && strcmp(e->d_name + len - 4, ".lua") == 0 &&
        strcmp(e->d_name, "pw.meta.lua") != 0) {
      snprintf(names[n - 3], sizeof names[0], "%.*s", (int)(len - 4), e->d_name);
      known[n] = names[n - 3];
      n++;
    }
  }
  if (d)
    closedir(d);
  return unknown_word(say("một lệnh", "a command"), typed, known, n);
}

static int is_help(const char *a) {
  return a && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0);
}

/* Turn the first remaining word into a job; -1 when it was only help,
** printed. */
static int make_job(runctx *ctx, char **rest, int nrest, host_job *job) {
  const char *cmd = rest[0];
  if (strcmp(cmd, "help") == 0) {
    if (nrest < 2) {
      fputs(USAGE(), stdout);
      return -1;
    }
    static char help_flag[] = "--help";
    rest[0] = rest[1], rest[1] = help_flag;
    return make_job(ctx, rest, 2, job);
  }
  if ((strcmp(cmd, "-e") == 0 || strcmp(cmd, "run") == 0) && nrest >= 2 &&
      is_help(rest[1])) {
    fputs(say(code_usage_vi, code_usage_en), stdout);
    return -1;
  }
  job->argv = rest + 1;
  job->argc = nrest - 1;
  if (strcmp(cmd, "-e") == 0 || strcmp(cmd, "run") == 0) {
    if (nrest < 2)
      return bad_usage("%s cần một tham số", "%s needs an argument", cmd);
    job->kind = cmd[0] == '-' ? HOST_CODE : HOST_FILE;
    job->what = rest[1];
    job->argv = rest + 2;
    job->argc = nrest - 2;
    return 0;
  }
  if (strcmp(cmd, "--") == 0 || !valid_command(cmd))
    return unknown_command(ctx, cmd);
  char path[PATH_MAX], file[NAME_MAX + 16];
  snprintf(file, sizeof file, "scripts/%.*s.lua", NAME_MAX, cmd);
  if (join(path, sizeof path, ctx->home, file) != 0 || access(path, R_OK) != 0)
    return unknown_command(ctx, cmd);
  job->kind = HOST_COMMAND;
  job->what = cmd;
  header h;
  read_header(path, &h);
  if (h.write)
    ctx->write = 1;
  return declared_outputs(ctx, &h, job);
}

int main(int argc, char **argv) {
  static char home[PATH_MAX];
  runctx ctx;
  host_job job;
  memset(&ctx, 0, sizeof ctx);
  ctx.db_path = env_or("PLANWATCH_DB", "./planwatch.db");
  ctx.plugins_dir = env_or("PLANWATCH_PLUGINS", "./plugins");
  ctx.format = "table";
  ctx.lang = env_or("PLANWATCH_LANG", "vi");
  said = &ctx;
  ctx.home = find_home(home, sizeof home);
  char **rest = calloc((size_t)argc + 1, sizeof *rest);
  int nrest = 0, rc = rest ? parse(&ctx, argc, argv, rest, &nrest) : 2;
  if (rc == 1) {
    fputs(USAGE(), stdout);
    rc = 0;
  } else if (rc == 3) {
    rc = print_version();
  } else if (rc == 0 && nrest == 0) {
    fputs(USAGE(), stderr);
    rc = 2;
  } else if (rc == 0 && !has_scripts(ctx.home)) {
    fputs(say("planwatch: không tìm thấy các script Lua (scripts/lib/pw.lua) bên\n"
              "cạnh chương trình hay trong " PW_LIBDIR "; đặt PLANWATCH_HOME là thư mục\n"
              "chứa scripts/, hoặc cài bằng `make install PREFIX=...`\n",
              "planwatch: cannot find its Lua scripts (scripts/lib/pw.lua) beside\n"
              "the binary or in " PW_LIBDIR "; set PLANWATCH_HOME to the folder that\n"
              "holds scripts/, or install with `make install PREFIX=...`\n"), stderr);
    rc = 2;
  } else if (rc == 0 && (rc = check_options(&ctx)) == 0 &&
             (rc = set_limits(&ctx) ? 2 : 0) == 0 &&
             (rc = make_job(&ctx, rest, nrest, &job)) == 0) {
    rc = host_run(&ctx, &job);
  }
  if (rc < 0)
    rc = 0;
  runctx_close(&ctx);
  free(rest);
  return rc;
}
