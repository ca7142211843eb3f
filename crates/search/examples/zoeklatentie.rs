// SPDX-License-Identifier: EUPL-1.2
//! How fast the register index answers on a national scale: 100,000 records of eight kinds,
//! made from Dutch words of the field and compounds of them (about 7,000 words, drawn with a
//! Zipf distribution as words in text are; seeded, so every run indexes the same records), then
//! 2,000 searches as a reader of one organisation in one arbeidsmarktregio (access applied in
//! the query, with facets), and the same searches on the hand-written concept index
//! (`samenhang_search::Index`, no access, no facets) over the same titles and texts as a
//! baseline measured in the same run.
//!
//!     cargo run --release -p samenhang-search --example zoeklatentie [-- AANTAL]

use std::time::Instant;

use samenhang_search::records::{Reader, Record, RecordIndex, Search, Visibility};
use samenhang_search::{Document, Index};

const WORDS: &[&str] = &[
    "loonkostensubsidie",
    "werkgever",
    "werkgevers",
    "bijstand",
    "uitkering",
    "participatiewet",
    "banenafspraak",
    "scholing",
    "omscholing",
    "techniek",
    "zorg",
    "onderwijs",
    "stage",
    "leerwerkplek",
    "werkpact",
    "krapte",
    "arbeidsmarkt",
    "arbeidsmarktregio",
    "regionaal",
    "werkcentrum",
    "jongeren",
    "statushouders",
    "ouderen",
    "begeleiding",
    "jobcoach",
    "vacatures",
    "kandidaten",
    "plaatsing",
    "duurzaam",
    "inclusief",
    "subsidie",
    "voucher",
    "bedrijfsbezoek",
    "ondernemer",
    "ondernemers",
    "mkb",
    "industrie",
    "logistiek",
    "bouw",
    "installatie",
    "energietransitie",
    "brede",
    "welvaart",
    "overleg",
    "bestuurlijk",
    "portefeuille",
    "wethouder",
    "actiepunt",
    "afspraak",
    "convenant",
    "toezegging",
    "doel",
    "indicator",
    "werkloosheid",
    "participatie",
    "armoede",
    "schulden",
    "taal",
    "digitaal",
    "vaardigheden",
    "loopbaan",
    "ontwikkeling",
    "budget",
    "doe-geld",
    "procesgeld",
    "gemeente",
    "provincie",
    "uwv",
    "werkgeversservicepunt",
    "sociaal",
    "ontwikkelbedrijf",
    "beschut",
    "werk",
    "social",
    "return",
    "sroi",
    "pso",
    "trede",
    "inkoop",
    "aanbesteding",
    "contract",
    "realisatie",
    "monitor",
];
const KINDS: &[&str] = &[
    "regeling",
    "afspraak",
    "overleg",
    "actiepunt",
    "bijeenkomst",
    "onderneming",
    "persoon",
    "doel",
];

/// A small seeded generator (xorshift), so every run makes the same records.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

/// The vocabulary: the words and every two-word compound of them, most common first.
fn vocabulary() -> Vec<String> {
    let mut v: Vec<String> = WORDS.iter().map(|w| (*w).to_string()).collect();
    for a in WORDS {
        for b in WORDS {
            if a != b && !a.contains('-') && !b.contains('-') {
                v.push(format!("{a}{b}"));
            }
        }
    }
    v
}

/// Draws words with a Zipf distribution (the k-th most common word with a weight of 1/k).
struct Zipf {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(words: Vec<String>) -> Zipf {
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|k| {
                total += 1.0 / k as f64;
                total
            })
            .collect();
        Zipf { words, cumulative }
    }
    fn draw(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x = (rng.next() % 1_000_000_007) as f64 / 1_000_000_007.0 * total;
        let i = self.cumulative.partition_point(|&c| c < x).min(self.words.len() - 1);
        &self.words[i]
    }
    fn text(&self, rng: &mut Rng, n: usize) -> String {
        (0..n).map(|_| self.draw(rng).to_string()).collect::<Vec<_>>().join(" ")
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let mut rng = Rng(0x5a3e_1a2b_9c7d_4e6f);
    let zipf = Zipf::new(vocabulary());
    let records: Vec<Record> = (0..n)
        .map(|i| {
            let title_words = 3 + (rng.next() % 4) as usize;
            let title = zipf.text(&mut rng, title_words);
            let body_words = 20 + (rng.next() % 60) as usize;
            let body = zipf.text(&mut rng, body_words);
            let org = format!("organisatie-{}", rng.next() % 400);
            Record {
                kind: rng.pick(KINDS).to_string(),
                id: format!("r{i}"),
                title,
                labels: vec![],
                body,
                owner: org,
                visibility: match rng.next() % 3 {
                    0 => Visibility::Public,
                    1 => Visibility::Region,
                    _ => Visibility::Organisation,
                },
                regions: vec![format!("GM{:04}", rng.next() % 400)],
                themes: vec![rng.pick(WORDS).to_string()],
            }
        })
        .collect();
    let dictionary: Vec<String> = WORDS.iter().map(|w| (*w).to_string()).collect();
    let _ = &mut rng;
    let index = RecordIndex::new(&dictionary).expect("index");
    let t = Instant::now();
    index.replace_all(&records).expect("indexed");
    let index_secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let docs: Vec<Document> = records
        .iter()
        .map(|r| Document {
            id: r.id.clone(),
            labels: vec![r.title.clone()],
            texts: vec![r.body.clone()],
        })
        .collect();
    let baseline = Index::new(&docs);
    let baseline_secs = t.elapsed().as_secs_f64();
    // A reader of one organisation, in a region of ten.
    let reader = Reader {
        organisations: vec!["organisatie-7".into()],
        region_organisations: (0..10).map(|i| format!("organisatie-{i}")).collect(),
    };
    let mut queries: Vec<String> = Vec::new();
    for i in 0..2_000 {
        // Words as people search: drawn like words in text, so common ones more often.
        let q = match i % 4 {
            0 => zipf.draw(&mut rng).to_string(),
            1 => format!("{} {}", zipf.draw(&mut rng), zipf.draw(&mut rng)),
            // A prefix.
            2 => zipf.draw(&mut rng).chars().take(5).collect(),
            // A typing error: two letters swapped.
            _ => {
                let mut c: Vec<char> = zipf.draw(&mut rng).chars().collect();
                if c.len() > 4 {
                    c.swap(2, 3);
                }
                c.into_iter().collect()
            }
        };
        queries.push(q);
    }
    let mut ours = Vec::with_capacity(queries.len());
    let mut hits = 0usize;
    for q in &queries {
        let t = Instant::now();
        let f = index
            .search(
                &reader,
                &Search {
                    text: q.clone(),
                    limit: 50,
                    ..Search::default()
                },
            )
            .expect("search");
        ours.push(t.elapsed().as_secs_f64() * 1000.0);
        hits += f.total;
    }
    let mut theirs = Vec::with_capacity(queries.len());
    for q in &queries {
        let t = Instant::now();
        let h = baseline.search(q, 50);
        theirs.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(h);
    }
    ours.sort_by(f64::total_cmp);
    theirs.sort_by(f64::total_cmp);
    println!("{n} records, {} searches", queries.len());
    println!("index (tantivy): built in {index_secs:.2} s; {} records", index.len());
    println!("baseline (hand-written Index): built in {baseline_secs:.2} s");
    println!("| | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|");
    for (name, v) in [
        ("tantivy, with access and facets", &ours),
        ("hand-written index, no access", &theirs),
    ] {
        println!(
            "| {name} | {:.2} | {:.2} | {:.2} | {:.2} |",
            percentile(v, 0.5),
            percentile(v, 0.95),
            percentile(v, 0.99),
            v.last().copied().unwrap_or(0.0)
        );
    }
    println!(
        "p99 ratio (tantivy / baseline): {:.2}; mean hits per search: {:.0}",
        percentile(&ours, 0.99) / percentile(&theirs, 0.99).max(1e-9),
        hits as f64 / queries.len() as f64
    );
}
