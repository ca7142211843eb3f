# SPDX-License-Identifier: EUPL-1.2
"""What the benchmarks share: a free port, waiting for /health, and a server process."""
import os
import socket
import subprocess
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "samenhang")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_healthy(base, seconds=120):
    """Waits until `base`/health answers; False when it never does."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/health", timeout=1) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def start_server(binary, args, env=None):
    """`samenhang serve <args> --bind 127.0.0.1:<free port>`; returns (process, base URL) once it
    answers."""
    port = free_port()
    server = subprocess.Popen([binary, "serve", *args, "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "RUST_LOG": "warn", **(env or {})})
    base = f"http://127.0.0.1:{port}"
    if not wait_healthy(base):
        server.terminate()
        raise SystemExit("the server did not answer /health")
    return server, base


def wrk_arguments(doc, duration):
    """The arguments of a wrk benchmark (--binary, --duration, --threads); checks wrk and the binary
    once parsed (call `checked(parser.parse_args())`)."""
    import argparse

    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=BINARY)
    ap.add_argument("--duration", type=int, default=duration)
    ap.add_argument("--threads", type=int, default=2)
    return ap


def checked(args):
    import shutil
    import sys

    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install wrk")
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: run `cargo build --release` first")
    return args
