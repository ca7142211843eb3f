#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Start-up benchmark: time from process start to the first 200 on /health, on a database that
is already initialised, against a baseline measured in the same run (`samenhang --version`: the
cost of starting the process at all).

Usage: python3 bench/startup.py [--binary target/release/samenhang] [--runs 20] [--database-url URL]
Prints the median, p90 and max of both, and the ratio of the medians.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

from common import free_port



def wait_healthy(port, deadline):
    url = f"http://127.0.0.1:{port}/health"
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=0.5) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.002)
    return False


def serve_once(binary, data_dir, database_url=None, timeout=30.0):
    port = free_port()
    extra = ["--database-url", database_url] if database_url else []
    start = time.perf_counter()
    proc = subprocess.Popen(
        [binary, "serve", "--data-dir", data_dir, "--bind", f"127.0.0.1:{port}"] + extra,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if not wait_healthy(port, start + timeout):
            raise SystemExit("server did not become healthy")
        return time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait()


def version_once(binary):
    start = time.perf_counter()
    subprocess.run([binary, "--version"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def summary(name, xs):
    xs = sorted(xs)
    p90 = xs[min(len(xs) - 1, int(round(0.9 * (len(xs) - 1))))]
    print(f"{name:<28} median {statistics.median(xs) * 1000:7.1f} ms  p90 {p90 * 1000:7.1f} ms  max {xs[-1] * 1000:7.1f} ms")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="target/release/samenhang")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--database-url", help="e.g. postgres://postgres@127.0.0.1/samenhang_bench (must exist)")
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: run `cargo build --release` first")
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = os.path.join(tmp, "data")
        first = serve_once(args.binary, data_dir, args.database_url, timeout=120)
        print(f"first start (loads the shipped regions): {first * 1000:.1f} ms")
        starts, baseline = [], []
        for _ in range(args.runs):
            baseline.append(version_once(args.binary))
            starts.append(serve_once(args.binary, data_dir, args.database_url))
        summary("baseline: samenhang --version", baseline)
        summary("start to serving (/health)", starts)
        print(f"ratio of medians (start / baseline): {statistics.median(starts) / statistics.median(baseline):.1f}x")
        print(f"goal < 1000 ms: {'met' if max(starts) < 1.0 else 'NOT met'} (max {max(starts) * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
