// SPDX-License-Identifier: EUPL-1.2
//! Search-latency benchmark (see docs/PERFORMANCE.md): 100,000 generated concepts with Dutch-like
//! labels and definitions; queries are whole words, prefixes, words with a typo, and two-word
//! queries. The baseline, measured in the same run, is a lookup of the query in a hash map of
//! all label words.
//!
//! cargo run --release -p samenhang-search --example search_latency -- [DOCUMENTS] [QUERIES]

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Instant;

use samenhang_search::{Document, Index};

/// A small deterministic generator (xorshift), so every run indexes the same documents.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &'a [&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const STEMS: &[&str] = &[
    "arbeid",
    "markt",
    "werk",
    "loos",
    "regio",
    "bijstand",
    "uitkering",
    "vestiging",
    "onderneming",
    "scholing",
    "beroep",
    "krapte",
    "zorg",
    "onderwijs",
    "wonen",
    "inkomen",
    "vermogen",
    "gemeente",
    "provincie",
    "bedrijf",
    "zelf",
    "standig",
    "personeel",
    "vacature",
    "participatie",
    "beleid",
    "uitvoering",
    "afspraak",
    "overleg",
    "doel",
];
const SUFFIXES: &[&str] = &["", "heid", "ing", "en", "er", "s", "lijk", "schap", "tje", "e"];
const FILLER: &[&str] = &[
    "de", "het", "een", "van", "voor", "met", "in", "op", "door", "die", "dat", "wordt", "zijn",
];

fn word(r: &mut Rng) -> String {
    let n = 1 + (r.next() % 3) as usize;
    let mut w: String = (0..n).map(|_| r.pick(STEMS)).collect();
    w.push_str(r.pick(SUFFIXES));
    w
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let queries: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(2_000);
    let mut r = Rng(0x5eed_1234_abcd_9876);
    let docs: Vec<Document> = (0..n)
        .map(|i| {
            let label: Vec<String> = (0..1 + (r.next() % 3) as usize).map(|_| word(&mut r)).collect();
            let text: Vec<String> = (0..12)
                .map(|k| {
                    if k % 3 == 0 {
                        word(&mut r)
                    } else {
                        r.pick(FILLER).to_string()
                    }
                })
                .collect();
            Document {
                id: format!("begrip-{i}"),
                labels: vec![label.join(" ")],
                texts: vec![text.join(" ")],
            }
        })
        .collect();
    let t = Instant::now();
    let index = Index::new(&docs);
    let build = t.elapsed().as_secs_f64();
    let words: HashMap<String, usize> = docs
        .iter()
        .flat_map(|d| d.labels[0].split(' ').map(str::to_string).collect::<Vec<_>>())
        .enumerate()
        .map(|(i, w)| (w, i))
        .collect();
    let qs: Vec<String> = (0..queries)
        .map(|k| {
            let d = &docs[(r.next() % n as u64) as usize].labels[0];
            let w = d.split(' ').next().unwrap_or("werk").to_string();
            match k % 4 {
                0 => w,
                1 => w.chars().take(w.chars().count().div_ceil(2).max(3)).collect(),
                2 => {
                    let mut c: Vec<char> = w.chars().collect();
                    if c.len() > 4 {
                        c.remove(2);
                    }
                    c.into_iter().collect()
                }
                _ => d.clone(),
            }
        })
        .collect();
    let mut lat = Vec::with_capacity(queries);
    let mut base = Vec::with_capacity(queries);
    let mut hits = 0usize;
    for q in &qs {
        let t = Instant::now();
        let h = index.search(q, 10);
        lat.push(t.elapsed().as_secs_f64() * 1e3);
        hits += usize::from(!h.is_empty());
        black_box(h);
        let t = Instant::now();
        black_box(words.get(q.as_str()));
        base.push(t.elapsed().as_secs_f64() * 1e3);
    }
    lat.sort_by(f64::total_cmp);
    base.sort_by(f64::total_cmp);
    println!("{n} documents indexed in {build:.2} s; {queries} queries, {hits} with hits");
    println!(
        "search    median {:.3} ms  p99 {:.3} ms  max {:.3} ms",
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat[lat.len() - 1]
    );
    println!(
        "baseline  median {:.4} ms  p99 {:.4} ms  (hash-map lookup of the query)",
        percentile(&base, 0.5),
        percentile(&base, 0.99)
    );
    println!(
        "goal p99 < 5 ms: {}",
        if percentile(&lat, 0.99) < 5.0 { "met" } else { "NOT met" }
    );
}
