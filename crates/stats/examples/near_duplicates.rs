// SPDX-License-Identifier: EUPL-1.2
//! Near-duplicate schemes: MinHash with banded LSH (`near_duplicates`) against the baseline of
//! comparing every pair exactly, on synthetic descriptions of which about 5% are edited copies
//! of another. Reports both times, their ratio, and the recall of the LSH (pairs it finds of
//! those the baseline finds).
//!
//! Usage: `cargo run --release -p samenhang-stats --example near_duplicates -- [schemes]`

use std::collections::HashSet;
use std::time::Instant;

use samenhang_stats::coherence::{jaccard, near_duplicates, shingles, SchemeFacts};

const WORDS: &[&str] = &[
    "werkgevers",
    "subsidie",
    "loonkosten",
    "bijstand",
    "scholing",
    "begeleiding",
    "jongeren",
    "wajong",
    "proefplaatsing",
    "jobcoach",
    "werkplek",
    "opleiding",
    "techniek",
    "zorg",
    "uitkering",
    "gemeente",
    "regio",
    "arbeidsmarkt",
    "vacature",
    "kandidaat",
    "ondersteuning",
    "traject",
    "aanpak",
    "werkzoekenden",
    "praktijk",
    "leren",
    "werken",
    "inkomen",
    "participatie",
    "beschut",
    "plaatsing",
    "bemiddeling",
    "ondernemers",
    "mkb",
    "vakkrachten",
    "omscholing",
    "loondispensatie",
    "premie",
    "korting",
    "tegemoetkoming",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5000);
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut texts: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        if i > 0 && rng.below(20) == 0 {
            // An edited copy: one word changed, one added.
            let mut words: Vec<String> = texts[rng.below(i)].split(' ').map(str::to_string).collect();
            let at = rng.below(words.len());
            words[at] = WORDS[rng.below(WORDS.len())].to_string();
            words.push(WORDS[rng.below(WORDS.len())].to_string());
            texts.push(words.join(" "));
        } else {
            let len = 20 + rng.below(25);
            texts.push(
                (0..len)
                    .map(|_| WORDS[rng.below(WORDS.len())])
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
    }
    let schemes: Vec<SchemeFacts> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| SchemeFacts {
            id: format!("r{i:06}"),
            provider: String::new(),
            target_groups: vec![],
            instrument: String::new(),
            needs: vec![],
            text: t.clone(),
            budget: 0.0,
            doing: true,
        })
        .collect();

    let t = Instant::now();
    let found = near_duplicates(&schemes, 0.5);
    let lsh = t.elapsed();

    let t = Instant::now();
    let sets: Vec<HashSet<u64>> = texts.iter().map(|t| shingles(t)).collect();
    let mut baseline: HashSet<(String, String)> = HashSet::new();
    for i in 0..n {
        for j in i + 1..n {
            if jaccard(&sets[i], &sets[j]) >= 0.5 {
                baseline.insert((schemes[i].id.clone(), schemes[j].id.clone()));
            }
        }
    }
    let brute = t.elapsed();

    let hits = found
        .iter()
        .filter(|d| baseline.contains(&(d.a.clone(), d.b.clone())))
        .count();
    println!("schemes: {n}");
    println!("pairs at Jaccard >= 0.5 (exact, all pairs): {}", baseline.len());
    println!(
        "pairs found by MinHash + LSH: {} (recall {:.3})",
        found.len(),
        hits as f64 / baseline.len().max(1) as f64
    );
    println!("MinHash + LSH: {:.1} ms", lsh.as_secs_f64() * 1000.0);
    println!("all pairs exact: {:.1} ms", brute.as_secs_f64() * 1000.0);
    println!(
        "ratio (all pairs / LSH): {:.1}x",
        brute.as_secs_f64() / lsh.as_secs_f64()
    );
}
