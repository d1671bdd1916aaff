"""Scratch material for the long tests: a plan package with many units, CSV
files of indicator values, and databases built from them, all under
build/hard/. Nothing here is specific to the Yên Bái plan.
"""

import os
import random
import shutil
import sqlite3
import subprocess

PLAN_ID = "hard"
INDICATORS = 25          # monthly indicators
MONTHS = 12              # 2025-01 .. 2025-12
DEADLINE = "2025-12-16"  # the yearly duty's deadline: remind on this day


def unit_code(i):
    return "U%04d" % i


def unit_email(i):
    return "u%04d@hard.example.org" % i


def write_plan(folder, units, version=1):
    """A plan package: plan.lua with `units` units, INDICATORS monthly
    indicators, one yearly duty every unit owes the issuer, and one task per
    unit in its own file for the first ten units. `version` changes every
    title, so two versions differ in every row they declare."""
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    v = "v%d" % version
    out = ['plan {\n  id = "%s", number = "1/KH-TEST", issued = "2021-01-04",\n'
           '  issuer = "ISSUER", span = "2021/2030", timezone = "Asia/Ho_Chi_Minh",\n'
           '  title = "Scratch plan %s",\n}\n' % (PLAN_ID, v),
           'unit { code = "ISSUER", name = "Issuer %s", kind = "province",'
           ' email = "issuer@hard.example.org" }\n' % v]
    for i in range(1, units + 1):
        out.append('unit { code = "%s", name = "Unit %d %s", kind = "department",'
                   ' email = "%s", aliases = { "Alias %d" } }\n'
                   % (unit_code(i), i, v, unit_email(i), i))
    for k in range(1, INDICATORS + 1):
        out.append('indicator { code = "IND%02d", name = "Indicator %d %s",'
                   ' period = "month", rule = "sum" }\n' % (k, k, v))
    out.append('duty {\n  code = "REPORT", title = "Report %s {year}",\n  from = {%s},\n'
               '  to = "ISSUER", every = "year", cutoff = "nd09",\n'
               '  due = { workdays_after_cutoff = 2 }, remind = { -7, -1, 0 },\n}\n'
               % (v, ", ".join('"%s"' % unit_code(i) for i in range(1, units + 1))))
    for year in range(2021, 2031):
        out.append('holiday { date = "%d-01-01", name = "New year", kind = "holiday" }\n'
                   % year)
    with open(os.path.join(folder, "plan.lua"), "w") as f:
        f.write("".join(out))
    for i in range(1, min(units, 10) + 1):
        with open(os.path.join(folder, "u%04d.lua" % i), "w") as f:
            f.write('unit "%s"\ntask { no = %d, title = "Task %d %s", when = "2025" }\n'
                    % (unit_code(i), i, i, v))


def write_values(path, units, indicators, value, source, seed=1):
    """A values CSV: every (indicator, unit, month) of the given indicators,
    in a shuffled (arrival) order, each with the same value and source."""
    rows = ["%s,%s,2025-%02d" % ("IND%02d" % k, unit_code(u), m)
            for k in indicators for u in range(1, units + 1)
            for m in range(1, MONTHS + 1)]
    random.Random(seed).shuffle(rows)
    with open(path, "w") as f:
        f.write("indicator,unit,period,value,source\n")
        for r in rows:
            f.write("%s,%s,%s\n" % (r, value, source))
    return len(rows)


def run(bin_, db, args, env=None, check=True, plugins=None):
    cmd = [bin_, "--db", db]
    if plugins:
        cmd += ["--plugins", plugins]
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run(cmd + args, env=e, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if check and p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd + args),
                                                   p.returncode, p.stderr))
    return p


def checkpoint(db):
    """Fold the WAL into the file, so that copying the file copies it all."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def copy_db(src, dst):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    shutil.copyfile(src, dst)


def make_db(bin_, path, package):
    """A database with the package loaded."""
    copy_db_clear(path)
    run(bin_, path, ["init"])
    run(bin_, path, ["load", package, "--quiet"])
    checkpoint(path)


def copy_db_clear(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
