#!/usr/bin/python3
"""The analysts' four questions (tests/bench/queries.lua) answered with pandas.

  pandas_queries.py VALUES.csv

Reads the CSV with read_csv, then answers each question with groupby, as an
analyst with a notebook would. Prints one line per step, "NAME SECONDS ROWS",
and nothing else; run it with /usr/bin/python3 (Debian's python3-pandas).
"""

import sys
import time


def timed(name, fn):
    start = time.perf_counter()
    result = fn()
    rows = len(result) if hasattr(result, "__len__") else 0
    print("%s %.3f %d" % (name, time.perf_counter() - start, rows), flush=True)
    return result


def main():
    path = sys.argv[1]
    pd = timed("import", lambda: __import__("pandas"))
    df = timed("read_csv", lambda: pd.read_csv(path))
    df["year"] = df["period"].str.slice(0, 4).astype(int)
    by_year = df.groupby(["indicator", "year"])

    timed("q1", lambda: by_year["value"].agg(["sum", "mean", "count"]))
    timed("q2", lambda: by_year["unit"].nunique())

    def latest():
        ordered = df.sort_values("period")
        return ordered.drop_duplicates(["indicator", "unit"], keep="last")
    timed("q3", latest)

    def growth():
        total = by_year["value"].sum()
        return total / total.groupby(level="indicator").shift(1) - 1
    timed("q4", growth)


if __name__ == "__main__":
    sys.exit(main())
