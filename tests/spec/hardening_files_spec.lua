-- What scripts may do with files: a run writes only the paths its command
-- line names, never code or the database; files are replaced through a
-- temporary file of their own, never through a planted link; only regular
-- files are read; the SMTP password stays out of every script's reach, as
-- the deployment recipes of the README set it up.
package.path = (os.getenv("PLANWATCH_ROOT") or ".") .. "/tests/spec/?.lua;" .. package.path
local H = require "helper"
local S = require "support"
local smtpd = require "smtpd"

local q = H.quote

-- A scratch installation: a copy of scripts/ under PLANWATCH_HOME, a plugins
-- folder, a database with the Yên Bái plan and a folder to work in. Every
-- run of these tests uses it, so nothing here can touch the sources.
local function install()
  local root = H.tmpdir()
  local t = { root = root, home = root .. "/home", plugins = root .. "/plugins",
              work = root .. "/work", db = root .. "/work/live.db" }
  assert(H.sh("mkdir -p " .. q(t.home) .. " " .. q(t.work) .. " " .. q(t.plugins) .. " && cp -r "
    .. q(H.root .. "/scripts") .. " " .. q(t.home) .. " && cp -r "
    .. q(S.PACKAGE) .. " " .. q(t.plugins)) == 0)
  local r = H.run({ "--db", t.db, "load", t.plugins .. "/yenbai-114", "--quiet" },
                  { env = { PLANWATCH_HOME = t.home } })
  assert(r.code == 0, r.err)
  t.db_bytes = H.read(t.db)
  return t
end

-- Run planwatch in t's work folder with t's home, database and plugins,
-- stopped after 30 s.
local function pw_run(t, args, env)
  local full = { "--db", t.db, "--plugins", t.plugins }
  for _, a in ipairs(args) do full[#full + 1] = a end
  local e = { PLANWATCH_HOME = t.home, PLANWATCH_MAIL_DIR = t.work .. "/outbox-mail" }
  for k, v in pairs(env or {}) do e[k] = v end
  return S.run_within(30, full, { env = e })
end

local function lines(...) return table.concat({ ... }, "\n") end

local function assert_db_intact(t)
  assert.is_true(H.read(t.db) == t.db_bytes, "the database file was changed")
  assert.are.equal(52, S.value(t.db, "SELECT count(*) FROM units WHERE retired_at IS NULL"))
end

local function assert_refused(r, text)
  assert.are_not.equal(S.TIMED_OUT, r.code, "planwatch was still running:\n" .. r.err)
  assert.are_not.equal(0, r.code, "planwatch did it:\n" .. r.out)
  assert.matches(text, r.err .. r.out, 1, true)
end

local function file_type(path)
  local p = io.popen("stat -c %F " .. q(path) .. " 2>/dev/null")
  local kind = p:read("l")
  p:close()
  return kind
end

describe("a read-only run writes only the paths its command line names:", function()
  after_each(H.cleanup)

  it("a script cannot plant a command in scripts/ that may write", function()
    local t = install()
    local planted = t.home .. "/scripts/x.lua"
    local r = pw_run(t, { "-e", string.format(
      [[return pw.write_file(%q, "--! planwatch: write\nreturn pw.exec('DELETE FROM audit')")]],
      planted) })
    assert_refused(r, "scripts")
    assert.is_false(S.exists(planted))
    assert_refused(pw_run(t, { "x" }), "không phải một lệnh")
  end)

  it("nor append to scripts/lib/pw.lua, which every later command runs", function()
    local t = install()
    local lib = t.home .. "/scripts/lib/pw.lua"
    local before = H.read(lib)
    local r = pw_run(t, { "-e", string.format(
      [[return pw.write_file(%q, pw.read_file(%q) .. "\npw.exec('DELETE FROM audit')\n")]],
      lib, lib) })
    assert_refused(r, "scripts")
    assert.are.equal(before, H.read(lib))
  end)

  it("nor write a file its command line does not name, even in the folder it works in", function()
    local t = install()
    local out = t.work .. "/notes.txt"
    local r = pw_run(t, { "-e", string.format('return pw.write_file(%q, "x")', out) })
    assert_refused(r, "--write-to")
    assert.is_false(S.exists(out))
    r = pw_run(t, { "-e", string.format('return pw.mkdir(%q)', t.work .. "/new") })
    assert_refused(r, "--write-to")
    assert.are.equal(nil, file_type(t.work .. "/new"))
  end)

  it("--write-to FILE or FOLDER lets it write there, and nowhere else", function()
    local t = install()
    local out, dir = t.work .. "/notes.txt", t.work .. "/tables"
    local r = pw_run(t, { "--write-to", out, "--write-to", dir, "-e", lines(
      string.format('assert(pw.write_file(%q, "one"))', out),
      string.format('assert(pw.mkdir(%q))', dir),
      string.format('assert(pw.write_file(%q, "two"))', dir .. "/a.csv"),
      string.format('return pw.write_file(%q, "three")', t.work .. "/other.txt")) })
    assert_refused(r, "other.txt")
    assert.are.equal("one", H.read(out))
    assert.are.equal("two", H.read(dir .. "/a.csv"))
    assert.is_false(S.exists(t.work .. "/other.txt"))
  end)

  it("report writes the file named by --html or --md, never one under scripts/ or plugins/", function()
    local t = install()
    local r = pw_run(t, { "report", "--html", t.work .. "/report.html", "--md", t.work .. "/r.md" })
    assert.are.equal(0, r.code, r.err)
    assert.truthy(H.read(t.work .. "/report.html"):find("<!DOCTYPE html>", 1, true))
    assert.truthy(#H.read(t.work .. "/r.md") > 100)
    local target = t.home .. "/scripts/lib/report_html.lua"
    local before = H.read(target)
    assert_refused(pw_run(t, { "report", "--html", target }), "scripts")
    assert.are.equal(before, H.read(target))
    assert_refused(pw_run(t, { "report", "--md", t.plugins .. "/yenbai-114/zz.lua" }), "plugins")
    assert.is_false(S.exists(t.plugins .. "/yenbai-114/zz.lua"))
  end)

  it("a named folder that leads into scripts/ through a link is refused", function()
    local t = install()
    assert(H.sh("ln -s " .. q(t.home .. "/scripts/lib") .. " " .. q(t.work .. "/out")) == 0)
    local r = pw_run(t, { "--write-to", t.work .. "/out", "-e",
      string.format('return pw.write_file(%q, "return 1")', t.work .. "/out/evil.lua") })
    assert_refused(r, "scripts")
    assert.is_false(S.exists(t.home .. "/scripts/lib/evil.lua"))
  end)

  it("import-plan --out cannot draft into the plugins folder", function()
    local t = install()
    local text = H.root .. "/tests/fixtures/plans/ke-hoach-87-KH-UBND-hoa-son-2022.txt"
    local r = pw_run(t, { "import-plan", text, "--out", t.plugins .. "/drafted" })
    assert_refused(r, "plugins")
    assert.are.equal(nil, file_type(t.plugins .. "/drafted"))
    r = pw_run(t, { "import-plan", text, "--out", t.work .. "/drafted" })
    assert.are_not.equal(2, r.code, r.err)
    assert.is_true(S.exists(t.work .. "/drafted/plan.lua"))
  end)

  it("a header that is not exactly the write marker gives no right to write", function()
    local t = install()
    H.write(t.home .. "/scripts/sneaky.lua",
      "--! planwatch: writes-to --out\nreturn pw.exec('DELETE FROM audit')\n")
    local audit = S.value(t.db, "SELECT count(*) FROM audit")
    local r = pw_run(t, { "sneaky" })
    assert_refused(r, "read-only")
    assert.are.equal(audit, S.value(t.db, "SELECT count(*) FROM audit"))
  end)
end)

describe("a run given --write still never writes code or the database's files:", function()
  after_each(H.cleanup)

  it("not scripts/lib, not a plugin file, even when named with --write-to", function()
    local t = install()
    local lib = t.home .. "/scripts/lib/pw.lua"
    local before = H.read(lib)
    local r = pw_run(t, { "--write", "--write-to", lib, "-e",
      string.format('return pw.write_file(%q, "return {}")', lib) })
    assert_refused(r, "scripts")
    assert.are.equal(before, H.read(lib))
    local plugin = t.plugins .. "/yenbai-114/stttt.lua"
    before = H.read(plugin)
    r = pw_run(t, { "--write", "--write-to", t.plugins, "-e",
      string.format('return pw.write_file(%q, "unit \\"STTTT\\"")', plugin) })
    assert_refused(r, "plugins")
    assert.are.equal(before, H.read(plugin))
  end)

  it("not the database nor its -wal, -shm or -journal files, in a folder it may write", function()
    local t = install()
    for _, suffix in ipairs({ "", "-wal", "-shm", "-journal" }) do
      local r = pw_run(t, { "--write", "--write-to", t.work, "-e",
        string.format('return pw.write_file(%q, "not a database")', t.db .. suffix) })
      assert_refused(r, "database")
      assert_db_intact(t)
    end
    assert.is_false(S.exists(t.db .. "-journal"))
  end)

  it("nor through SQL: VACUUM INTO and ATTACH create no file", function()
    local t = install()
    local planted = t.home .. "/scripts/x.lua"
    local r = pw_run(t, { "--write", "-e",
      string.format("return pw.exec([[VACUUM INTO '%s']])", planted) })
    assert_refused(r, "VACUUM")
    assert.is_false(S.exists(planted))
    r = pw_run(t, { "--write", "-e", string.format(
      "return pw.exec([[ATTACH '%s' AS j]])", t.db .. "-journal") })
    assert_refused(r, "not authorized")
    assert.is_false(S.exists(t.db .. "-journal"))
    assert_db_intact(t)
  end)

  it("the file transport refuses a mail folder inside scripts/", function()
    local t = install()
    local r = pw_run(t, { "-e", [[local s = pw.mail.session()
      return s:send{ to = "a@x.example", subject = "s", text = "t", key = "k" }.ok]] },
      { PLANWATCH_MAIL_DIR = t.home .. "/scripts/lib" })
    assert_refused(r, "scripts")
    assert.is_false(S.exists(t.home .. "/scripts/lib/k.eml"))
  end)
end)

describe("a file is replaced through a temporary file of its own:", function()
  after_each(H.cleanup)

  it("a link planted at FILE.tmp does not turn the database into the report", function()
    local t = install()
    local out = t.work .. "/out.html"
    assert(H.sh("ln -s " .. q(t.db) .. " " .. q(out .. ".tmp")) == 0)
    local r = pw_run(t, { "report", "--html", out })
    assert.are.equal(0, r.code, r.err)
    assert_db_intact(t)
    assert.truthy(H.read(out):find("<!DOCTYPE html>", 1, true))
    assert.are.equal("regular file", file_type(out))
  end)

  it("a target that is itself a link is refused, and what it points to kept", function()
    local t = install()
    local out = t.work .. "/out.md"
    assert(H.sh("ln -s " .. q(t.db) .. " " .. q(out)) == 0)
    assert_refused(pw_run(t, { "report", "--md", out }), "symbolic link")
    assert_db_intact(t)
    local other = t.work .. "/other.txt"
    H.write(other, "keep me")
    assert(H.sh("ln -s " .. q(other) .. " " .. q(t.work .. "/l.txt")) == 0)
    local r = pw_run(t, { "--write-to", t.work, "-e",
      string.format('return assert(pw.write_file(%q, "x"))', t.work .. "/l.txt") })
    assert_refused(r, "symbolic link")
    assert.are.equal("keep me", H.read(other))
  end)

  it("the file transport's temporary file does not follow a planted link", function()
    local t = install()
    local dir = t.work .. "/outbox-mail"
    local victim = t.work .. "/victim.txt"
    H.write(victim, "keep me")
    assert(H.sh("mkdir " .. q(dir)) == 0)
    -- the shell's PID is planwatch's after exec: the temporary name is known
    local code = [[local s = pw.mail.session()
      return s:send{ to = "a@x.example", subject = "s", text = "t", key = "k" }.ok]]
    local cmd = string.format("cd %s && ln -s %s %s/.k.$$.tmp && PLANWATCH_HOME=%s "
      .. "PLANWATCH_TRANSPORT=file PLANWATCH_MAIL_DIR=%s exec %s --db %s -e %s >%s/out 2>&1",
      q(t.work), q(victim), q(dir), q(t.home), q(dir), q(H.bin), q(t.db), q(code), q(t.work))
    assert.are.equal(0, H.sh(cmd), H.read(t.work .. "/out"))
    assert.are.equal("keep me", H.read(victim))
    assert.are.equal("regular file", file_type(dir .. "/k.eml"))
    assert.truthy(H.read(dir .. "/k.eml"):find("Subject: s", 1, true))
  end)
end)

describe("only regular files are read; a special file is refused at once:", function()
  after_each(H.cleanup)

  local function fifo(t, name)
    local path = t.work .. "/" .. name
    assert(H.sh("mkfifo " .. q(path)) == 0)
    return path
  end

  it("pw.read_file and pw.csv_records on a FIFO or a device", function()
    local t = install()
    local f = fifo(t, "pipe.txt")
    for _, path in ipairs({ f, "/dev/zero" }) do
      for _, fn in ipairs({ "read_file", "csv_records" }) do
        local r = pw_run(t, { "-e", string.format("return select(2, pw.%s(%q))", fn, path) })
        assert.are.equal(0, r.code, r.err)
        assert.matches(path .. ": not a regular file", r.out, 1, true)
      end
    end
  end)

  it("run FILE and import FILE on a FIFO", function()
    local t = install()
    local f = fifo(t, "script.lua")
    local r = pw_run(t, { "run", f }, { PLANWATCH_SCRIPT_SECONDS = "2" })
    assert_refused(r, f .. ": cannot open: not a regular file")
    f = fifo(t, "values.csv")
    r = pw_run(t, { "import", f })
    assert_refused(r, "not a regular file")
  end)

  it("a FIFO named plan.lua or unit.lua in a package is named as the problem", function()
    local t = install()
    local pkg = t.plugins .. "/yenbai-114"
    assert(H.sh("mkfifo " .. q(pkg .. "/zz.lua")) == 0)
    local r = pw_run(t, { "check", pkg })
    assert.are_not.equal(S.TIMED_OUT, r.code, r.err)
    assert.matches("zz.lua: cannot open: not a regular file", r.out .. r.err, 1, true)
    local other = t.plugins .. "/other"
    assert(H.sh("mkdir " .. q(other) .. " && mkfifo " .. q(other .. "/plan.lua")) == 0)
    r = pw_run(t, { "check", t.plugins })
    assert.are_not.equal(S.TIMED_OUT, r.code, r.err)
  end)

  it("a FIFO as the database is an error, not a wait", function()
    local t = install()
    local f = fifo(t, "fifo.db")
    for _, args in ipairs({ { "--db", f, "status" }, { "--db", f, "-e", "return pw.sql('SELECT 1')" } }) do
      local r = S.run_within(30, args, { env = { PLANWATCH_HOME = t.home } })
      assert_refused(r, f .. ": not a regular file")
    end
  end)

  it("the password file as a FIFO is an error naming the file", function()
    local t = install()
    local f = fifo(t, "password")
    local r = pw_run(t, { "-e", "return pw.mail.session()" },
      { PLANWATCH_SMTP_URL = "smtp://127.0.0.1:1", PLANWATCH_SMTP_USER = "u",
        PLANWATCH_SMTP_PASSWORD = "", PLANWATCH_SMTP_PASSWORD_FILE = f,
        PLANWATCH_MAIL_FROM = "a@x.example" })
    assert_refused(r, "not a regular file")
  end)
end)

describe("the SMTP password stays out of scripts' reach:", function()
  after_each(function() smtpd.stop_all(); H.cleanup() end)

  local SECRET = "Mat-khau-9x7q"

  it("a password file readable by group or others is refused, naming the file", function()
    local t = install()
    local f = t.work .. "/password"
    H.write(f, SECRET .. "\n")
    for _, mode in ipairs({ "644", "640" }) do
      assert(H.sh("chmod " .. mode .. " " .. q(f)) == 0)
      local r = pw_run(t, { "-e", "return pw.mail.session()" },
        { PLANWATCH_SMTP_URL = "smtp://127.0.0.1:1", PLANWATCH_SMTP_USER = "u",
          PLANWATCH_SMTP_PASSWORD = "", PLANWATCH_SMTP_PASSWORD_FILE = f,
          PLANWATCH_MAIL_FROM = "a@x.example" })
      assert_refused(r, f .. ": readable by")
      assert.is_nil((r.out .. r.err):find(SECRET, 1, true))
    end
  end)

  it("nothing in the systemd credentials folder is readable or listed, by name or link", function()
    local t = install()
    local creds = t.root .. "/credentials"
    assert(H.sh("mkdir " .. q(creds)) == 0)
    H.write(creds .. "/smtp-password", SECRET .. "\n")
    assert(H.sh("chmod 400 " .. q(creds .. "/smtp-password") .. " && ln -s "
      .. q(creds .. "/smtp-password") .. " " .. q(t.work .. "/link")) == 0)
    local r = pw_run(t, { "-e", lines(
      "local out = {}",
      string.format("out[1] = select(2, pw.read_file(%q))", creds .. "/smtp-password"),
      string.format("out[2] = select(2, pw.read_file(%q))", t.work .. "/link"),
      string.format("out[3] = select(2, pw.list_dir(%q))", creds),
      string.format("out[4] = select(2, pw.plugin(%q))", t.work .. "/link"),
      "return table.concat(out, '\\n')") }, { CREDENTIALS_DIRECTORY = creds })
    assert.are.equal(0, r.code, r.err)
    assert.is_nil((r.out .. r.err):find(SECRET, 1, true), r.out)
    local _, refusals = r.out:gsub("refused", "")
    assert.are.equal(4, refusals, r.out)
  end)

  it("a plugin file that is a link out of its package is refused without showing what it leads to", function()
    local t = install()
    local env_file = t.work .. "/smtp.env"
    H.write(env_file, "PLANWATCH_SMTP_PASSWORD=Matkhau9x7q\n")
    local pkg = t.plugins .. "/yenbai-114"
    assert(H.sh("ln -s " .. q(env_file) .. " " .. q(pkg .. "/zz.lua")) == 0)
    local r = pw_run(t, { "check", pkg })
    assert.is_nil((r.out .. r.err):find("Matkhau9x7q", 1, true), r.out .. r.err)
    assert.matches("zz.lua: cannot open: refused: a plugin file must be a regular file "
      .. "inside its package folder", r.out .. r.err, 1, true)
    -- a link inside the package stays a plugin file
    assert(H.sh("rm " .. q(pkg .. "/zz.lua") .. " && ln -s stttt.lua " .. q(pkg .. "/zz.lua")) == 0)
    r = pw_run(t, { "check", pkg })
    assert.is_nil((r.out .. r.err):find("refused", 1, true), r.out .. r.err)
  end)

  it("a copy of the password elsewhere is refused as the password file is", function()
    local t = install()
    local env_file = t.work .. "/smtp.env"
    H.write(env_file, "PLANWATCH_SMTP_USER=planwatch\nPLANWATCH_SMTP_PASSWORD=" .. SECRET .. "\n")
    local code = string.format("return select(2, pw.read_file(%q))", env_file)
    -- the password given in the environment, as a sourced settings file gives it
    local r = pw_run(t, { "-e", code }, { PLANWATCH_SMTP_PASSWORD = SECRET })
    assert.are.equal(0, r.code, r.err)
    assert.matches("refused: holds the SMTP password", r.out, 1, true)
    -- the password in its file, and a backup of that file, read or loaded as a plugin
    local pwfile, backup = t.work .. "/smtp-password", t.work .. "/smtp-password.bak"
    H.write(pwfile, SECRET .. "\n")
    H.write(backup, SECRET .. "\n")
    assert(H.sh("chmod 600 " .. q(pwfile)) == 0)
    H.write(t.plugins .. "/yenbai-114/zz.lua", "unit 'STTTT'\nlocal p = '" .. SECRET .. "' + 1\n")
    local secret_env = { PLANWATCH_SMTP_PASSWORD_FILE = pwfile }
    for _, args in ipairs({
      { "-e", string.format("return select(2, pw.read_file(%q))", backup) },
      { "run", backup },
      { "-e", string.format("return select(2, pw.plugin(%q))", backup) },
      { "check", t.plugins .. "/yenbai-114" },
      { "-e", string.format("return select(2, pw.csv_records(%q))", backup) },
      { "import", backup, "--dry-run" },
    }) do
      r = pw_run(t, args, secret_env)
      assert.is_nil((r.out .. r.err):find(SECRET, 1, true), r.out .. r.err)
      assert.matches("refused: holds the SMTP password", r.out .. r.err, 1, true)
    end
  end)

  it("process information is not listed either", function()
    local t = install()
    for _, dir in ipairs({ "/proc/self/fd", "/proc/1", "/dev/fd" }) do
      local r = pw_run(t, { "-e", string.format("return select(2, pw.list_dir(%q))", dir) })
      assert.are.equal(0, r.code, r.err)
      assert.matches("refused", r.out, 1, true)
    end
  end)
end)

if H.sh("command -v openssl >/dev/null 2>&1") ~= 0 then
  pending("openssl is not installed: the deployment recipes are not followed")
else
describe("the README's deployment recipes, followed as written (without root):", function()
  after_each(function() smtpd.stop_all(); H.cleanup() end)

  local SECRET = "Mat-khau-9x7q"


  -- /srv/planwatch and /etc/planwatch of the recipe, under a scratch folder:
  -- the installation, the server, the non-secret settings file.
  local function deployment()
    local t = install()
    t.etc = t.root .. "/etc-planwatch"
    assert(H.sh("mkdir " .. q(t.etc)) == 0)
    local cert, key = smtpd.certificate(t.etc)
    t.srv = smtpd.start("smtp", "--starttls " .. q(cert) .. " " .. q(key)
      .. " --auth " .. q("planwatch:" .. SECRET))
    t.env_file = t.etc .. "/smtp.env"
    t.settings = { "PLANWATCH_SMTP_URL=smtp://127.0.0.1:" .. t.srv.port,
      "PLANWATCH_SMTP_USER=planwatch", "PLANWATCH_MAIL_FROM=planwatch@skhcn.example.org",
      "PLANWATCH_SMTP_CAFILE=" .. cert, "PLANWATCH_HOME=" .. t.home,
      "PLANWATCH_DB=" .. t.db, "PLANWATCH_PLUGINS=" .. t.plugins }
    return t
  end

  -- The cron line of the README with the scratch paths: source the settings,
  -- run remind (and, as an attacker, a script) in the installation.
  local function cron(t, command)
    local out = t.root .. "/log"
    local code = H.sh(string.format("cd %s && env -i PATH=\"$PATH\" sh -c %s >%s 2>&1",
      q(t.work), q("set -a && . " .. q(t.env_file) .. " && set +a && " .. (t.env_file_then or "")
        .. command), q(out)))
    return code, H.read(out)
  end

  it("cron: the password in a file of mode 600 that only PLANWATCH_SMTP_PASSWORD_FILE names", function()
    local t = deployment()
    local pwfile = t.etc .. "/smtp-password"
    H.write(pwfile, SECRET .. "\n")
    assert(H.sh("chmod 600 " .. q(pwfile)) == 0)
    t.settings[#t.settings + 1] = "PLANWATCH_SMTP_PASSWORD_FILE=" .. pwfile
    H.write(t.env_file, table.concat(t.settings, "\n") .. "\n")
    local code, log = cron(t, q(H.bin) .. " --today 2025-12-15 remind")
    assert.are.equal(0, code, log)
    assert.is_true(smtpd.number(t.srv, "count") > 10)
    -- what the service's user can read holds no password; the file is refused
    local _, env_read = cron(t, q(H.bin) .. " -e " .. q(string.format(
      "return pw.read_file(%q)", t.env_file)))
    assert.truthy(env_read:find("PLANWATCH_SMTP_USER=planwatch", 1, true), env_read)
    assert.is_nil(env_read:find(SECRET, 1, true), env_read)
    for _, how in ipairs({ "-e " .. q(string.format("return select(2, pw.read_file(%q))", pwfile)),
                           "run " .. q(pwfile) }) do
      local _, out = cron(t, q(H.bin) .. " " .. how)
      assert.is_nil(out:find(SECRET, 1, true), out)
      assert.truthy(out:find("refused: the SMTP password file is not readable", 1, true), out)
    end
  end)

  it("systemd: LoadCredential= and PLANWATCH_SMTP_PASSWORD_FILE=${CREDENTIALS_DIRECTORY}/smtp-password", function()
    local t = deployment()
    local creds = t.root .. "/credentials"
    assert(H.sh("mkdir " .. q(creds)) == 0)
    H.write(creds .. "/smtp-password", SECRET .. "\n")
    -- systemd makes the folder and file readable by the service's user alone
    assert(H.sh("chmod 400 " .. q(creds .. "/smtp-password") .. " && chmod 500 " .. q(creds)) == 0)
    H.write(t.env_file, table.concat(t.settings, "\n") .. "\n")
    -- what systemd does: the EnvironmentFile= read, CREDENTIALS_DIRECTORY set,
    -- then the ExecStart= line of the README, ${CREDENTIALS_DIRECTORY} expanded
    t.env_file_then = "export CREDENTIALS_DIRECTORY=" .. q(creds) .. " && "
    local exec_start = "/usr/bin/env PLANWATCH_SMTP_PASSWORD_FILE=\"${CREDENTIALS_DIRECTORY}/smtp-password\" "
    local code, log = cron(t, exec_start .. q(H.bin) .. " --today 2025-12-15 remind")
    assert.are.equal(0, code, log)
    assert.is_true(smtpd.number(t.srv, "count") > 10)
    for _, path in ipairs({ creds .. "/smtp-password", creds }) do
      local _, out = cron(t, exec_start .. q(H.bin) .. " -e " .. q(string.format(
        "return select(2, pw.read_file(%q)), select(2, pw.list_dir(%q))", path, path)))
      assert.is_nil(out:find(SECRET, 1, true), out)
      local _, refusals = out:gsub("refused: the ", "")
      assert.are.equal(2, refusals, out)
    end
    assert(H.sh("chmod 700 " .. q(creds)) == 0)
  end)
end)
end
