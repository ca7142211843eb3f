#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""A national-size register on PostgreSQL against a small one, in the same run (issue 12).

Both databases get 342 gemeenten and 200 partner organisations (spread over the 35
arbeidsmarktregio's) and 10,000 users with a role each (one beheerder of Gemeente Enschede, one
lezer of Partner 1, and 9,998 generated). The large one gets --records register
records (default 1,000,000) spread over every kind, the small one 1,000; a record has one of
20 concepts as its theme and one of three visibilities. Records are cloned in SQL from one
record per kind made through the API, so they hold what the API stores (references included).

Then, as a beheerder of Gemeente Enschede (AM05), sequentially, after a warm-up:
  - list:   GET /api/v1/{collection}?pagina=N   (a page of 20, one of the first five, of a random kind)
  - theme:  GET /api/v1/themas/{concept}        (the first 50 per kind, and the counts)
  - create: POST /api/v1/overleggen             (a body with five participants: five references)
and reports p50 and p99 per operation and the ratio large/small of the p99s.
Goal: the large register no more than 2x slower at p99, every p99 under 50 ms.

Usage:
  cargo build --release
  python3 bench/register.py --database-url postgres://postgres@127.0.0.1:5432/postgres \\
      [--records 1000000] [--requests 400]
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from common import BINARY, start_server

# Share of each kind in the register, in the order of the list of kinds.
SHARES = [("persoon", "personen", 0.35), ("doel", "doelen", 0.15), ("agenda", "agendas", 0.05),
          ("regeling", "regelingen", 0.25), ("afspraak", "afspraken", 0.10), ("overleg", "overleggen", 0.10)]
EMAIL, PASSWORD = "beheer@enschede.example", "bench-wachtwoord-123"



def psql(url, sql):
    return subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


class Api:
    def __init__(self, base, key):
        self.base, self.key = base, key

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + "/api/v1" + path, data=data, method=method, headers={
            "Authorization": f"Bearer {self.key}", "Content-Type": "application/json"})
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=60) as res:
                out = res.read()
                status = res.status
        except urllib.error.HTTPError as e:
            out, status = e.read(), e.code
        return status, (time.perf_counter() - start) * 1000, out


def templates(api, concepts):
    """One record per kind, made through the API, with references where the kind has them."""
    made = {}
    t = concepts[0]
    made["persoon"] = api.call("POST", "/personen", {"naam": "Sjabloon persoon", "functie": "wethouder",
                                                      "themas": [t], "zichtbaarheid": "openbaar"})
    pid = json.loads(made["persoon"][2])["id"]
    made["doel"] = api.call("POST", "/doelen", {
        "titel": "Sjabloon doel", "themas": [t], "eigenaar": pid, "gebied": "GM0153", "indicator": "inwoners",
        "basisjaar": 2018, "basiswaarde": 150000, "streefjaar": 2025, "streefwaarde": 160000, "zichtbaarheid": "openbaar"})
    gid = json.loads(made["doel"][2])["id"]
    made["agenda"] = api.call("POST", "/agendas", {"titel": "Sjabloon agenda", "doelen": [gid], "zichtbaarheid": "openbaar"})
    made["regeling"] = api.call("POST", "/regelingen", {
        "titel": "Sjabloon regeling", "aanbieder": "gemeente-enschede", "gebied": "GM0153", "doelgroepen": [t],
        "instrument": concepts[1], "behoeften": [t], "budget": 100000, "geldsoort": "doe-geld", "zichtbaarheid": "openbaar"})
    made["afspraak"] = api.call("POST", "/afspraken", {
        "titel": "Sjabloon afspraak", "themas": [t], "zichtbaarheid": "openbaar",
        "partijen": [{"organisatie": "gemeente-enschede", "brengt": "a", "krijgt": "b"},
                     {"organisatie": "bench-partner-1", "brengt": "c", "krijgt": "d"}]})
    made["overleg"] = api.call("POST", "/overleggen", {
        "naam": "Sjabloon overleg", "deelnemers": [pid], "frequentie": 10, "duur": 2, "mandaat": "adviserend",
        "themas": [t], "zichtbaarheid": "openbaar"})
    for kind, (status, _, body) in made.items():
        if status != 201:
            sys.exit(f"sjabloon {kind}: {status} {body[:300]!r}")
    return {k: json.loads(v[2])["id"] for k, v in made.items()}


def seed(url, records, concepts, ids):
    """Organisations, users and records in SQL, cloned from the templates."""
    psql(url, """
        INSERT INTO organisatie (id, naam, soort, regio, versie, aangemaakt_op)
        SELECT 'bench-gm-' || n, 'Gemeente ' || n, 'gemeente', 'AM' || lpad(((n % 35) + 1)::text, 2, '0'), 1, now()
        FROM generate_series(1, 341) n ON CONFLICT DO NOTHING;
        INSERT INTO organisatie (id, naam, soort, regio, versie, aangemaakt_op)
        SELECT 'bench-partner-' || n, 'Partner ' || n, 'uwv', 'AM' || lpad(((n % 35) + 1)::text, 2, '0'), 1, now()
        FROM generate_series(2, 200) n ON CONFLICT DO NOTHING;
        INSERT INTO gebruiker (id, email, naam, aangemaakt_op)
        SELECT 'bench-user-' || n, 'gebruiker' || n || '@bench.example', 'Gebruiker ' || n, now()
        FROM generate_series(1, 9998) n;
        INSERT INTO rol (gebruiker_id, organisatie_id, rol)
        SELECT 'bench-user-' || n,
               CASE WHEN n % 541 < 341 THEN 'bench-gm-' || (n % 541 + 1) ELSE 'bench-partner-' || (n % 541 - 340) END,
               CASE WHEN n % 3 = 0 THEN 'redacteur' ELSE 'lezer' END
        FROM generate_series(1, 9998) n;
    """)
    concept_array = "ARRAY[" + ",".join(f"'{c}'" for c in concepts) + "]"
    start = 0
    for kind, _, share in SHARES:
        n = max(1, int(records * share))
        template = ids[kind]
        # Owners: every organisation; visibility: openbaar, regio, organisatie in turn; theme:
        # one of 20 concepts, also in the record's JSON.
        psql(url, f"""
            INSERT INTO item (soort, id, organisatie_id, zichtbaarheid, versie, titel, gegevens, aangemaakt_op, gewijzigd_op, gewijzigd_door)
            SELECT t.soort, 'b{kind[0]}-' || n,
                   CASE WHEN n % 541 < 341 THEN 'bench-gm-' || (n % 541 + 1) ELSE 'bench-partner-' || (n % 541 - 340) END,
                   (ARRAY['openbaar','regio','organisatie'])[n % 3 + 1], 1,
                   'Record ' || n || ' ' || t.soort,
                   replace(replace(t.gegevens, t.titel, 'Record ' || n || ' ' || t.soort), '"{concepts[0]}"',
                           '"' || ({concept_array})[n % 20 + 1] || '"'),
                   now(), now(), 'bench'
            FROM item t, generate_series({start + 1}, {start + n}) n
            WHERE t.soort = '{kind}' AND t.id = '{template}';
            INSERT INTO item_thema (soort, id, begrip, titel)
            SELECT '{kind}', 'b{kind[0]}-' || n, ({concept_array})[n % 20 + 1], 'Record ' || n || ' {kind}'
            FROM generate_series({start + 1}, {start + n}) n;
            INSERT INTO item_verwijzing (soort, id, naar_soort, naar_id)
            SELECT v.soort, 'b{kind[0]}-' || n, v.naar_soort, v.naar_id
            FROM item_verwijzing v, generate_series({start + 1}, {start + n}) n
            WHERE v.soort = '{kind}' AND v.id = '{template}';
        """)
        start += n
    # The list counts, as the migration that introduced them computes them.
    psql(url, """
        DELETE FROM item_telling;
        INSERT INTO item_telling (soort, begrip, organisatie_id, zichtbaarheid, aantal)
        SELECT soort, '', organisatie_id, zichtbaarheid, COUNT(*) FROM item GROUP BY soort, organisatie_id, zichtbaarheid;
        INSERT INTO item_telling (soort, begrip, organisatie_id, zichtbaarheid, aantal)
        SELECT i.soort, t.begrip, i.organisatie_id, i.zichtbaarheid, COUNT(*)
        FROM item i JOIN item_thema t ON t.soort = i.soort AND t.id = i.id
        GROUP BY i.soort, t.begrip, i.organisatie_id, i.zichtbaarheid;
    """)
    psql(url, "VACUUM ANALYZE")
    return int(psql(url, "SELECT count(*) FROM item"))


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def measure(api, concepts, persons, requests):
    rng = random.Random(1)
    ops = {
        "list": lambda: api.call("GET", f"/{rng.choice(SHARES)[1]}?pagina={rng.randint(1, 5)}"),
        "theme": lambda: api.call("GET", f"/themas/{rng.choice(concepts)}"),
        "create": lambda: api.call("POST", "/overleggen", {
            "naam": f"Bench-overleg {rng.random()}", "deelnemers": rng.sample(persons, 5),
            "frequentie": 10, "duur": 2, "mandaat": "adviserend", "zichtbaarheid": "organisatie"}),
    }
    out = {}
    for name, op in ops.items():
        for _ in range(20):
            op()
        times = []
        for _ in range(requests):
            status, ms, body = op()
            if status not in (200, 201):
                sys.exit(f"{name}: {status} {body[:300]!r}")
            times.append(ms)
        out[name] = (statistics.median(times), percentile(times, 99))
    return out


def run(args, size):
    db = f"samenhang_bench_register_{size}"
    base_url = args.database_url.rsplit("/", 1)[0]
    psql(args.database_url, f"DROP DATABASE IF EXISTS {db}")
    psql(args.database_url, f"CREATE DATABASE {db}")
    url = f"{base_url}/{db}"
    data = tempfile.mkdtemp(prefix="samenhang-bench-")
    env = {**os.environ, "RUST_LOG": "warn", "SAMENHANG_WACHTWOORD": PASSWORD}
    common = ["--data-dir", data, "--database-url", url]
    subprocess.run([args.binary, "gebruiker", "toevoegen", *common, "--email", EMAIL, "--naam", "Beheerder",
                    "--organisatie", "gemeente-enschede", "--organisatie-naam", "Gemeente Enschede",
                    "--arbeidsmarktregio", "AM05", "--rol", "beheerder"], check=True, env=env, capture_output=True)
    subprocess.run([args.binary, "gebruiker", "toevoegen", *common, "--email", "partner@bench.example", "--naam", "Partner",
                    "--organisatie", "bench-partner-1", "--organisatie-naam", "Partner 1", "--rol", "lezer"],
                   check=True, env=env, capture_output=True)
    key = subprocess.run([args.binary, "gebruiker", "sleutel", *common, "--email", EMAIL, "--naam", "bench"],
                         check=True, env=env, capture_output=True, text=True).stdout.strip()
    server, base = start_server(args.binary, common, env)
    try:
        api = Api(base, key)
        listed = json.loads(api.call("GET", "/begrippen?paginaGrootte=100")[2])
        concepts = [c["id"] for c in listed["begrippen"]][:20]
        ids = templates(api, concepts)
        started = time.time()
        total = seed(url, size, concepts, ids)
        seeded = time.time() - started
        persons = [f"bp-{n}" for n in range(3, 300, 3)]  # openbaar ones (n % 3 == 0), in both sizes
        result = measure(api, concepts, persons, args.requests)
        return total, seeded, result
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(data, ignore_errors=True)
        if not args.keep:
            psql(args.database_url, f"DROP DATABASE IF EXISTS {db}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=BINARY)
    ap.add_argument("--database-url", required=True, help="a PostgreSQL database whose user may create databases")
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--small", type=int, default=1_000)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: run `cargo build --release` first")
    results = {}
    for size in (args.small, args.records):
        total, seeded, r = run(args, size)
        results[size] = r
        print(f"{total:>9,} records (seeded in {seeded:.0f} s): " +
              "  ".join(f"{k} p50 {v[0]:.1f} ms p99 {v[1]:.1f} ms" for k, v in r.items()), flush=True)
    print()
    print("| operation | p50 small | p99 small | p50 large | p99 large | p99 large/small |")
    print("|---|---|---|---|---|---|")
    for op in ("list", "theme", "create"):
        s, l = results[args.small][op], results[args.records][op]
        print(f"| {op} | {s[0]:.1f} ms | {s[1]:.1f} ms | {l[0]:.1f} ms | {l[1]:.1f} ms | {l[1] / s[1]:.2f}x |")


if __name__ == "__main__":
    main()
