// SPDX-License-Identifier: EUPL-1.2
//! Prints how well the report reader does on the reports in `tests/verslagen/` against their
//! hand-made expected results: precision, recall and F1 per field, per report and in all.
//!
//!     cargo run -p samenhang-reports --example evaluatie
//!     cargo run -p samenhang-reports --example evaluatie -- --toon    (also what was found)

#[path = "../tests/corpus/mod.rs"]
mod corpus;

fn main() {
    let show = std::env::args().any(|a| a == "--toon");
    let mut all = samenhang_reports::evaluation::Scores::default();
    for (name, report, expected) in corpus::load() {
        let s = samenhang_reports::evaluation::score(&report, &expected);
        println!("## {name}\n\n{}", samenhang_reports::evaluation::table(&s));
        if show {
            for t in &report.topics {
                println!("- onderwerp: {} {:?}", t.title, t.presenters);
            }
            for i in &report.items {
                println!(
                    "- {:?}: {} [eigenaar {:?}, deadline {:?}; {}]",
                    i.kind, i.text, i.owner, i.due, i.why
                );
            }
            println!();
        }
        all.add(&s);
    }
    println!(
        "## Alle verslagen samen\n\n{}",
        samenhang_reports::evaluation::table(&all)
    );
}
