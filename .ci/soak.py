#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Soak of a running `samenhang serve`: CONNECTIONS clients at once for SECONDS seconds, each
doing a mix of reads (pages, API lists and records, search, figures) and writes (creates,
changes with If-Match, deletes) through keep-alive connections (stdlib only).

Fails when any answer is an error: a 5xx, a dropped connection, or any status but the one the
request must give (200 for a read or a change with the record's own ETag, 201 for a create, 204
for a delete). An idle keep-alive connection the server closed is opened again for a GET, and
counted. Prints the requests
and answers per kind, the throughput, and the server's memory (resident set) at the start, at its
peak and at the end; fails when the end is more than MEMORY_BOUND_MB above the start.

Usage: soak.py URL API_KEY SERVER_PID LABEL [SECONDS] [CONNECTIONS]
"""

import http.client
import json
import random
import sys
import threading
import time
import urllib.parse
from collections import Counter

URL, KEY, PID, LABEL = sys.argv[1:5]
SECONDS = int(sys.argv[5]) if len(sys.argv) > 5 else 120
CONNECTIONS = int(sys.argv[6]) if len(sys.argv) > 6 else 64
HOST = urllib.parse.urlsplit(URL).hostname
PORT = urllib.parse.urlsplit(URL).port
MEMORY_BOUND_MB = 300

READS = [
    "/",
    "/gemeenten/GM0153",
    "/arbeidsmarktregios/AM05",
    "/indicatoren/werkloosheidspercentage?gebied=GM0153",
    "/begrippen/werkloosheid",
    "/zoeken?q=krapte",
    "/personen",
    "/doelen",
    "/afspraken",
    "/api/v1/gebieden?soort=gemeente&paginaGrootte=50",
    "/api/v1/indicatoren/werkloosheidspercentage/waarden?gebied=GM0153",
    "/api/v1/personen",
    "/api/v1/begrippen?zoek=krapte",
    "/api/v1/zoeken?q=werk",
]


def rss_mb(field="VmRSS:"):
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return 0.0


counts = Counter()
errors = []
lock = threading.Lock()
stop = time.monotonic() + SECONDS


def note(kind, status, ok, detail=""):
    with lock:
        counts[(kind, status)] += 1
        if not ok and len(errors) < 20:
            errors.append(f"{kind} {status} {detail}")
        elif not ok:
            errors.append(None)


class Client:
    def __init__(self):
        self.conn = None
        self.mine = []  # (id, etag) of records this client made

    def send(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                res = self.conn.getresponse()
                data = res.read()
                if res.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return res.status, res, data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server closed while it was idle: a GET is sent
                # once more on a new connection, and counted. A write is not sent again (the
                # server may have done it), so a dropped write is an error of the soak.
                self.conn.close()
                self.conn = None
                if attempt == 2 or method != "GET":
                    raise
                with lock:
                    counts[("opnieuw verbonden", "GET")] += 1

    def api(self, method, path, doc=None, etag=None):
        headers = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
        if etag:
            headers["If-Match"] = etag
        body = json.dumps(doc).encode() if doc is not None else None
        return self.send(method, "/api/v1" + path, body, headers)

    def step(self, rng, n):
        roll = rng.random()
        if roll < 0.70:
            path = rng.choice(READS)
            status, _, _ = self.send("GET", path)
            note("lezen", status, status == 200, path)
        elif roll < 0.82 or not self.mine:
            doc = {"naam": f"Soak {LABEL} {threading.get_ident()} {n}", "functie": "beleidsadviseur",
                   "zichtbaarheid": "organisatie", "themas": ["krapte"]}
            status, res, data = self.api("POST", "/personen", doc)
            ok = status == 201
            note("maken", status, ok, data[:200])
            if ok:
                self.mine.append((json.loads(data)["id"], res.getheader("ETag")))
        elif roll < 0.94:
            i = rng.randrange(len(self.mine))
            rid, etag = self.mine[i]
            doc = {"naam": f"Soak {LABEL} gewijzigd {n}", "functie": "beleidsadviseur",
                   "zichtbaarheid": "organisatie", "portefeuille": f"ronde {n}"}
            status, res, data = self.api("PUT", f"/personen/{rid}", doc, etag)
            # Each client changes only the records it made, with the ETag it was given: any
            # answer but 200 (a 412 too) is an error.
            note("wijzigen", status, status == 200, data[:200])
            if status == 200:
                self.mine[i] = (rid, res.getheader("ETag"))
        else:
            rid, etag = self.mine.pop(rng.randrange(len(self.mine)))
            status, _, data = self.api("DELETE", f"/personen/{rid}", None, etag)
            note("verwijderen", status, status == 204, data[:200])

    def run(self, seed):
        rng = random.Random(seed)
        n = 0
        while time.monotonic() < stop:
            n += 1
            try:
                self.step(rng, n)
            except Exception as e:  # a dropped connection, a timeout: an error of the soak
                note("verbinding", type(e).__name__, False, str(e)[:200])
                if self.conn is not None:
                    self.conn.close()
                self.conn = None


start_rss = rss_mb()
print(f"[{LABEL}] soak: {CONNECTIONS} verbindingen, {SECONDS} s, lezen en schrijven door elkaar")
print(f"  geheugen bij de start: {start_rss:.0f} MB")
began = time.monotonic()
threads = [threading.Thread(target=Client().run, args=(i,)) for i in range(CONNECTIONS)]
for t in threads:
    t.start()
peak = start_rss
while any(t.is_alive() for t in threads):
    peak = max(peak, rss_mb())
    time.sleep(0.5)
elapsed = time.monotonic() - began
end_rss = rss_mb()
total = sum(n for (kind, _), n in counts.items() if kind != "opnieuw verbonden")
by_kind = Counter()
for (kind, status), n in counts.items():
    by_kind[kind] += n
print(f"  verzoeken: {total} in {elapsed:.0f} s ({total / elapsed:.0f} per seconde)")
for kind in ("lezen", "maken", "wijzigen", "verwijderen", "verbinding", "opnieuw verbonden"):
    statuses = {s: n for (k, s), n in sorted(counts.items(), key=lambda x: str(x[0])) if k == kind}
    if statuses:
        print(f"    {kind}: {by_kind[kind]} ({statuses})")
print(f"  fouten: {len(errors)}")
for e in [e for e in errors if e][:10]:
    print(f"    {e}")
grew = end_rss - start_rss
print(f"  geheugen: start {start_rss:.0f} MB, piek {peak:.0f} MB, eind {end_rss:.0f} MB "
      f"(+{grew:.0f} MB, grens +{MEMORY_BOUND_MB} MB)")
failed = bool(errors) or grew > MEMORY_BOUND_MB or total == 0
print(f"[{LABEL}] soak {'NIET in orde' if failed else 'in orde'}")
sys.exit(1 if failed else 0)
