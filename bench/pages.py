#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Page throughput: wrk -c64 on the gemeente page and on a static route of the same server.

The static route (/static/samenhang.css, a fixed string) is the baseline measured in the same
run, so the ratio says how much of the server's raw speed a full gemeente page keeps, whatever
the machine. Goal (issue 5): ratio >= 25 % and p99 of the gemeente page < 50 ms.

Usage:
  cargo build --release
  python3 bench/pages.py [--binary target/release/samenhang] [--duration 15] [--threads 2]
"""
import os
import re
import shutil
import subprocess
import tempfile
import urllib.request

from common import ROOT, checked, start_server, wrk_arguments




def to_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    if not m:
        return float("nan")
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v


def wrk(url, duration, threads):
    out = subprocess.run(
        ["wrk", "-c64", f"-t{threads}", f"-d{duration}s", "--latency", url],
        check=True, capture_output=True, text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    p50 = to_ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = int(non2xx.group(1)) if non2xx else 0
    return rps, p50, p99, errors


def main():
    ap = wrk_arguments(__doc__, 15)
    ap.add_argument("--page", default="/gemeenten/GM0153")
    args = checked(ap.parse_args())
    data = tempfile.mkdtemp(prefix="samenhang-bench-")
    server, base = start_server(args.binary, ["--data-dir", data, "--snapshot-dir", os.path.join(ROOT, "data")])
    try:
        urllib.request.urlopen(base + args.page, timeout=10).read()
        # Warm-up, then the baseline and the page, twice each, interleaved.
        wrk(base + "/static/samenhang.css", 3, args.threads)
        results = {"static": [], "page": []}
        for _ in range(2):
            results["static"].append(wrk(base + "/static/samenhang.css", args.duration, args.threads))
            results["page"].append(wrk(base + args.page, args.duration, args.threads))
        best = {k: max(v, key=lambda r: r[0]) for k, v in results.items()}
        s, p = best["static"], best["page"]
        print(f"static /static/samenhang.css: {s[0]:10.0f} req/s  p50 {s[1]:6.2f} ms  p99 {s[2]:6.2f} ms  non-2xx {s[3]}")
        print(f"page   {args.page}: {p[0]:10.0f} req/s  p50 {p[1]:6.2f} ms  p99 {p[2]:6.2f} ms  non-2xx {p[3]}")
        ratio = p[0] / s[0]
        print(f"ratio page/static: {ratio:.1%} (goal >= 25%); page p99 {p[2]:.2f} ms (goal < 50 ms)")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
