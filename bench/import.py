#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Import benchmark: CBS OData v4 observations into a database, Samenhang against pandas and
DuckDB, measured in the same run on the same files.

The input is a real CBS table, 03759ned (population, 13,568 observations as shipped in
data/cbs/03759ned), scaled up to --rows observations: the recorded rows are repeated with a
different code in the `Leeftijd` dimension for every copy, written as OData v4 pages of
--page-rows rows (compact JSON, the way CBS serves them).

Contenders, each starting from the same page files:
  samenhang  `samenhang import cbs <dir>`: streaming reader -> SQLite (one transaction, primary key)
  pandas     pandas.read_json per page -> DataFrame -> DataFrame.to_sql into SQLite
  duckdb     DuckDB read_json over all pages -> unnest -> a table in a DuckDB file

Reported: wall time, observations per second, peak RSS (VmHWM) and ratios to Samenhang.

Usage:
  python3 -m venv .venv && .venv/bin/pip install pandas duckdb
  cargo build --release
  .venv/bin/python bench/import.py --rows 5000000
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "data", "cbs", "03759ned")


def make_table(out_dir, rows, page_rows):
    """Writes a scaled copy of 03759ned in the OData v4 layout; returns the number of rows."""
    os.makedirs(out_dir, exist_ok=True)
    for name in os.listdir(SOURCE):
        if not name.startswith("observations-page-"):
            shutil.copy(os.path.join(SOURCE, name), out_dir)
    with open(os.path.join(SOURCE, "observations-page-1.json"), encoding="utf-8") as f:
        recorded = json.load(f)
    base = recorded["value"]
    context = recorded["@odata.context"]
    written, page_no, page, next_id = 0, 1, [], 0
    copy = 0
    while written < rows:
        for row in base:
            if written >= rows:
                break
            r = dict(row)
            r["Id"] = next_id
            r["Leeftijd"] = str(10000 + copy) if copy else row["Leeftijd"]
            next_id += 1
            page.append(r)
            written += 1
            if len(page) == page_rows:
                flush(out_dir, page_no, page, context, more=written < rows)
                page_no += 1
                page = []
        copy += 1
    if page:
        flush(out_dir, page_no, page, context, more=False)
    # The importer checks every code against the table's code lists: list the copies' codes.
    codes_path = os.path.join(out_dir, "codes-Leeftijd.json")
    with open(codes_path, encoding="utf-8") as f:
        codes = json.load(f)
    known = {c["Identifier"] for c in codes["value"]}
    for k in range(1, copy + 1):
        code = str(10000 + k)
        if code not in known:
            codes["value"].append({"Identifier": code, "Index": len(codes["value"]) + 1,
                                   "Title": f"Kopie {k}", "Description": "", "DimensionGroupId": "1"})
    with open(codes_path, "w", encoding="utf-8") as f:
        json.dump(codes, f, separators=(",", ":"))
    return written


def flush(out_dir, page_no, rows, context, more):
    doc = {"@odata.context": context, "value": rows}
    if more:
        doc["@odata.nextLink"] = f"https://datasets.cbs.nl/odata/v1/CBS/03759ned/Observations?$skip={page_no * len(rows)}"
    with open(os.path.join(out_dir, f"observations-page-{page_no}.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"))


def run(cmd, env=None):
    """Runs cmd; returns (seconds, peak RSS in MiB) of the process, from /proc VmHWM."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/status") as s:
                for line in s:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({proc.returncode}):\n{err[-2000:]}")
    return elapsed, peak / 1024


PANDAS = textwrap.dedent(
    """
    import glob, sqlite3, sys
    import pandas as pd
    con = sqlite3.connect(sys.argv[2])
    for path in sorted(glob.glob(sys.argv[1] + "/observations-page-*.json")):
        raw = pd.read_json(path)
        df = pd.DataFrame(raw["value"].tolist())
        df.to_sql("waarneming", con, if_exists="append", index=False)
    con.commit()
    print(con.execute("select count(*) from waarneming").fetchone()[0])
    """
)

DUCKDB = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[2])
    con.execute(
        "CREATE TABLE waarneming AS SELECT unnest(value, recursive := true) "
        "FROM read_json(?, maximum_object_size=1000000000)",
        [sys.argv[1] + "/observations-page-*.json"],
    )
    print(con.execute("select count(*) from waarneming").fetchone()[0])
    """
)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--page-rows", type=int, default=100_000)
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "samenhang"))
    ap.add_argument("--python", default=sys.executable, help="Python with pandas and duckdb")
    ap.add_argument("--skip-pandas", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: run `cargo build --release` first")
    with tempfile.TemporaryDirectory() as tmp:
        table = os.path.join(tmp, "03759ned")
        n = make_table(table, args.rows, args.page_rows)
        size = sum(os.path.getsize(os.path.join(table, f)) for f in os.listdir(table)) / 2**20
        print(f"input: {n:,} observations in {len(os.listdir(table))} files, {size:,.0f} MiB (03759ned scaled)")

        results = {}
        data_dir = os.path.join(tmp, "samenhang")
        # Initialise the data directory (regions only) outside the measurement.
        env = dict(os.environ, SAMENHANG_LOG="warn")
        subprocess.run([args.binary, "export", "gebieden", "--data-dir", data_dir], check=True, stdout=subprocess.DEVNULL, env=env)
        results["samenhang"] = run(
            [args.binary, "import", "cbs", table, "--data-dir", data_dir, "--snapshot-dir", os.path.join(ROOT, "data")],
            env=env,
        )
        if not args.skip_pandas:
            results["pandas"] = run([args.python, "-c", PANDAS, table, os.path.join(tmp, "pandas.db")])
        results["duckdb"] = run([args.python, "-c", DUCKDB, table, os.path.join(tmp, "duckdb.db")])

        base = results["samenhang"][0]
        print(f"{'contender':<10} {'seconds':>9} {'obs/s':>12} {'peak RSS MiB':>13} {'time / samenhang':>17}")
        for name, (secs, rss) in results.items():
            print(f"{name:<10} {secs:9.2f} {n / secs:12,.0f} {rss:13.0f} {secs / base:16.2f}x")
        print("ratios (higher is better for Samenhang):")
        for name in ("pandas", "duckdb"):
            if name in results:
                print(f"  samenhang is {results[name][0] / base:.2f}x as fast as {name}")


if __name__ == "__main__":
    main()
