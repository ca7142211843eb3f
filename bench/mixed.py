#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Mixed load (issue 11): wrk -c64 on pages, API reads and 4 % writes, on SQLite or PostgreSQL.

Starts `target/release/samenhang serve --voorbeelddata` on a fresh data directory (or the given
PostgreSQL database, which is emptied first), makes a beheerder with an API key, runs
`wrk -c64 --latency -s bench/mixed.lua` and prints its report: throughput, latency percentiles,
the number of writes and every status code seen. Goal: 0 errors (no 5xx, no socket errors).

Usage:
  cargo build --release
  python3 bench/mixed.py [--duration 180] [--database-url postgres://…/samenhang_bench_mixed]
"""
import os
import shutil
import subprocess
import tempfile

from common import ROOT, checked, start_server, wrk_arguments

def main():
    ap = wrk_arguments(__doc__, 180)
    ap.add_argument("--database-url", help="a PostgreSQL database to use (emptied first)")
    args = checked(ap.parse_args())
    data = tempfile.mkdtemp(prefix="samenhang-mixed-")
    common = ["--data-dir", data]
    if args.database_url:
        admin, db = args.database_url.rsplit("/", 1)
        subprocess.run(["psql", f"{admin}/postgres", "-qc", f"DROP DATABASE IF EXISTS {db}"], check=True)
        subprocess.run(["psql", f"{admin}/postgres", "-qc", f"CREATE DATABASE {db}"], check=True)
        common += ["--database-url", args.database_url]
    env = {**os.environ, "RUST_LOG": "warn", "SAMENHANG_WACHTWOORD": "mixed-wachtwoord-123"}
    subprocess.run([args.binary, "gebruiker", "toevoegen", *common, "--email", "last@enschede.example", "--naam", "Last",
                    "--organisatie", "gemeente-enschede", "--organisatie-naam", "Gemeente Enschede",
                    "--arbeidsmarktregio", "AM05", "--rol", "beheerder"], check=True, env=env, capture_output=True)
    key = subprocess.run([args.binary, "gebruiker", "sleutel", *common, "--email", "last@enschede.example", "--naam", "last"],
                         check=True, env=env, capture_output=True, text=True).stdout.strip()
    server, base = start_server(args.binary, ["--voorbeelddata", *common], env)
    try:
        out = subprocess.run(["wrk", "-c64", f"-t{args.threads}", f"-d{args.duration}s", "--timeout", "10s", "--latency",
                              "-s", os.path.join(ROOT, "bench", "mixed.lua"), base],
                             check=True, capture_output=True, text=True, env={**os.environ, "SAMENHANG_SLEUTEL": key}).stdout
        print(out)
        with open(f"/proc/{server.pid}/status") as f:
            print("".join(l for l in f if l.startswith(("VmRSS", "VmHWM"))))
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
