#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Guards of issue 11 against a running `samenhang serve`, with parallel clients (stdlib only).

Prints the figures and exits non-zero when a guard fails:
  1. If-Match race: ROUNDS rounds of N parallel PUTs with one If-Match on one record give
     exactly one 200 and N-1 x 412, and the version rises by one per round;
  2. 50 parallel creates give 50 x 201 (no 500 while writers queue);
  3. 100 parallel wrong passwords for one account: at most the limit (5) are checked, the rest
     429, and then the right password is refused too;
  4. 256 parallel logins of unknown addresses: all refused (401, or 503 when the password
     checkers are busy), and the server's peak memory grows by less than MEMORY_BOUND_MB;
  5. 20 parallel bodies over the size limit: all 413 at once;
  6. 300 slow connections that never finish their headers: /health keeps answering, and the
     server closes them after its header timeout.

Usage: guards.py URL API_KEY SERVER_PID FLOOD_EMAIL FLOOD_PASSWORD LABEL
"""

import http.client
import json
import socket
import sys
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

URL, KEY, PID, FLOOD_EMAIL, FLOOD_PASSWORD, LABEL = sys.argv[1:7]
HOST = urllib.parse.urlsplit(URL).hostname
PORT = urllib.parse.urlsplit(URL).port
ROUNDS, N = 15, 20
MEMORY_BOUND_MB = 200
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print(f"  FOUT: {message}")


def request(method, path, body=None, headers=None, timeout=60):
    conn = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        res = conn.getresponse()
        data = res.read()
        return res.status, dict(res.getheaders()), data
    finally:
        conn.close()


def api(method, path, doc=None, etag=None):
    headers = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
    if etag:
        headers["If-Match"] = etag
    body = json.dumps(doc).encode() if doc is not None else None
    return request(method, "/api/v1" + path, body, headers)


def peak_rss_mb():
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def parallel(n, fn):
    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(fn, range(n)))


print(f"[{LABEL}] 1. If-Match: {ROUNDS} rondes van {N} parallelle PUTs met hetzelfde If-Match")
status, _, body = api("POST", "/personen", {"naam": "Race", "functie": "overig", "zichtbaarheid": "organisatie"})
check(status == 201, f"persoon aanmaken: {status} {body[:200]!r}")
pid = json.loads(body)["id"]
winners = []
for r in range(ROUNDS):
    version = json.loads(api("GET", f"/personen/{pid}")[2])["versie"]
    statuses = parallel(N, lambda i: api(
        "PUT", f"/personen/{pid}",
        {"naam": "Race", "functie": "overig", "portefeuille": f"ronde {r} schrijver {i}", "zichtbaarheid": "organisatie"},
        f'"{version}"')[0])
    counts = Counter(statuses)
    winners.append(counts[200])
    after = json.loads(api("GET", f"/personen/{pid}")[2])["versie"]
    check(counts[200] == 1 and counts[412] == N - 1 and after == version + 1,
          f"ronde {r + 1}: {dict(counts)}, versie {version} -> {after}")
print(f"  winnaars per ronde: {winners}")

print(f"[{LABEL}] 2. 50 parallelle POST /personen")
statuses = parallel(50, lambda i: api("POST", "/personen", {"naam": f"Parallel {i}", "functie": "overig"})[0])
print(f"  statussen: {dict(Counter(statuses))}")
check(Counter(statuses)[201] == 50, f"50 parallelle creates: {dict(Counter(statuses))}")


def login_form():
    status, headers, _ = request("GET", "/inloggen")
    cookie = next(v for k, v in headers.items() if k.lower() == "set-cookie").split(";")[0]
    return cookie, cookie.split("=", 1)[1]


def login(cookie, token, email, password):
    body = urllib.parse.urlencode({"csrf": token, "email": email, "wachtwoord": password})
    return request("POST", "/inloggen", body, {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})[0]


print(f"[{LABEL}] 3. 100 parallelle foute wachtwoorden voor één account (grens: 5 per kwartier)")
cookie, token = login_form()
statuses = parallel(100, lambda i: login(cookie, token, FLOOD_EMAIL, f"fout wachtwoord {i}"))
counts = Counter(statuses)
print(f"  statussen: {dict(counts)}")
check(counts[401] <= 5 and counts[401] + counts[429] == 100, f"inlogpogingen: {dict(counts)}")
right = login(cookie, token, FLOOD_EMAIL, FLOOD_PASSWORD)
print(f"  daarna het goede wachtwoord: {right}")
check(right == 429, f"het goede wachtwoord na de vloed: {right}, verwacht 429")

print(f"[{LABEL}] 4. 256 parallelle inlogpogingen voor onbekende adressen")
before = peak_rss_mb()
statuses = parallel(256, lambda i: login(cookie, token, f"onbekend{i}@nergens.example", "een wachtwoord van niemand"))
grown = peak_rss_mb() - before
counts = Counter(statuses)
print(f"  statussen: {dict(counts)}; piekgeheugen {before:.0f} MB -> {before + grown:.0f} MB (+{grown:.0f} MB, grens +{MEMORY_BOUND_MB} MB)")
check(set(counts) <= {401, 503}, f"onbekende adressen: {dict(counts)}")
check(grown < MEMORY_BOUND_MB, f"piekgeheugen groeide {grown:.0f} MB")

print(f"[{LABEL}] 5. 20 parallelle verzoeken boven de grens van 10 MiB")


def too_large(i):
    s = socket.create_connection((HOST, PORT), timeout=10)
    try:
        s.sendall(b"POST /api/v1/personen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Authorization: Bearer " + KEY.encode() + b"\r\nContent-Length: 99999999999\r\n\r\n{}")
        start = time.monotonic()
        head = s.recv(64).decode(errors="replace")
        return head.split(" ")[1] if " " in head else head, time.monotonic() - start
    finally:
        s.close()


results = parallel(20, too_large)
slowest = max(t for _, t in results)
print(f"  statussen: {dict(Counter(s for s, _ in results))}; traagste antwoord {slowest * 1000:.0f} ms")
check(all(s == "413" for s, _ in results) and slowest < 5, f"te grote verzoeken: {results}")

print(f"[{LABEL}] 6. 300 trage verbindingen die hun kopregels nooit afmaken")
slow = []
for _ in range(300):
    s = socket.create_connection((HOST, PORT), timeout=30)
    s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
    slow.append(s)
start = time.monotonic()
status = request("GET", "/health", timeout=5)[0]
print(f"  /health tijdens de trage verbindingen: {status} in {(time.monotonic() - start) * 1000:.0f} ms")
check(status == 200, f"/health tijdens trage verbindingen: {status}")


def closed_by_server(s):
    # The server either closes the connection (recv gives b"") or answers 408 before it does.
    try:
        s.recv(1)
        return True
    except (socket.timeout, OSError):
        return False


closed = sum(parallel(len(slow), lambda i: closed_by_server(slow[i])))
waited = time.monotonic() - start
print(f"  door de server gesloten: {closed} van {len(slow)} na {waited:.0f} s")
check(closed == len(slow) and waited < 25, f"trage verbindingen: {closed} gesloten na {waited:.0f} s")
for s in slow:
    s.close()

if failures:
    print(f"[{LABEL}] {len(failures)} bewaking(en) faalden")
    sys.exit(1)
print(f"[{LABEL}] alle bewakingen in orde")
