// SPDX-License-Identifier: EUPL-1.2
//! Fuzzes every reader of outside files with damaged copies of real files, for a fixed number of
//! cases per reader and a fixed seed (so a run can be repeated), and checks that each answer is
//! a reading or a refusal that names where (the file, and the line where the reader knows it);
//! a panic is a failure. `.ci/run` runs it and prints the table.
//!
//! The readers: CBS OData JSON pages, StatLine CSV with codes and with labels (as `samenhang
//! import cbs` opens them, with the settings of `data/cbs/bronnen.toml`), Turtle and JSON-LD
//! (begrippenkaders), meeting reports (text, Markdown, PDF, Word) and the Dutch Excel CSV of the
//! registers and of own figures.
//!
//! `cargo run --example lezers_fuzzen [-- FACTOR]`: FACTOR multiplies the number of cases
//! (default 1).
//!
//! A damaged copy: a seed file with one to seven mutations: a byte changed, a stretch deleted,
//! the file cut off, a stretch repeated, or a byte that means something to the format (`;`, `"`,
//! a line end, a bracket, NUL, an invalid UTF-8 byte) put in.

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

thread_local! {
    /// Whether a fuzz case is running on this thread (its panics are counted, not printed).
    static IN_CASE: Cell<bool> = const { Cell::new(false) };
}

const SPECIAL: &[u8] = b";\"\n\r{}[]<>\\,:@#\x00\xff\xc3";

fn mutations() -> impl Strategy<Value = Vec<(u8, usize, usize, u8)>> {
    proptest::collection::vec((0u8..5, any::<usize>(), 0usize..64, any::<u8>()), 1..8)
}

fn mutate(seed: &[u8], steps: &[(u8, usize, usize, u8)]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for &(kind, at, len, byte) in steps {
        if b.is_empty() {
            b.push(byte);
            continue;
        }
        let at = at % b.len();
        let end = (at + len).min(b.len());
        match kind {
            0 => b[at] = byte,
            1 => {
                b.drain(at..end);
            }
            2 => b.truncate(at),
            3 => {
                let piece = b[at..end].to_vec();
                b.splice(at..at, piece);
            }
            _ => b.insert(at, SPECIAL[byte as usize % SPECIAL.len()]),
        }
    }
    b
}

/// What happened to the cases of one reader.
#[derive(Default)]
struct Tally {
    read: u64,
    refused: u64,
    unplaced: Vec<String>,
}

/// A reader's answer to one input: `Ok(())` read, `Err(message)` refused.
type Answer = Result<(), String>;

/// Runs `cases` damaged copies of `seeds` through `reader`; `placed` says whether a refusal
/// names where. Returns the tally, or the panic.
fn fuzz(
    name: &str,
    seeds: &[(String, Vec<u8>)],
    cases: u32,
    reader: impl Fn(&str, &[u8]) -> Answer,
    placed: impl Fn(&str, &str) -> bool,
) -> Result<Tally, String> {
    let tally = RefCell::new(Tally::default());
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 200,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let strategy = (0..seeds.len(), mutations());
    let outcome = runner.run(&strategy, |(which, steps)| {
        let (file, seed) = &seeds[which];
        let input = mutate(seed, &steps);
        IN_CASE.with(|c| c.set(true));
        let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| reader(file, &input)));
        IN_CASE.with(|c| c.set(false));
        let mut t = tally.borrow_mut();
        match answer {
            Ok(Ok(())) => t.read += 1,
            Ok(Err(message)) => {
                t.refused += 1;
                if !placed(file, &message) && t.unplaced.len() < 5 {
                    t.unplaced.push(format!("{file}: {message}"));
                }
            }
            Err(panic) => {
                let what = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("(geen tekst)");
                return Err(TestCaseError::fail(format!(
                    "{name}: paniek bij een beschadigde {file}: {what}"
                )));
            }
        }
        Ok(())
    });
    match outcome {
        Ok(()) => Ok(tally.into_inner()),
        Err(e) => Err(e.to_string()),
    }
}

fn head(bytes: &[u8], lines: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for line in bytes.split_inclusive(|b| *b == b'\n').take(lines) {
        out.extend_from_slice(line);
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn main() -> ExitCode {
    let factor: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1);
    // Panics inside a case are counted, not printed; any other (a seed file missing) is shown.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !IN_CASE.with(Cell::get) {
            default_hook(info);
        }
    }));
    let data = root().join("data");
    let work = match tempfile::tempdir() {
        Ok(w) => w,
        Err(e) => {
            eprintln!("geen tijdelijke map: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut results: Vec<(&str, u32, Result<Tally, String>)> = Vec::new();

    // CBS OData JSON: the first rows of a real observations page.
    let page: serde_json::Value = read_json(&data.join("cbs/03759ned/observations-page-1.json"));
    let mut small = page.clone();
    if let Some(rows) = small.get_mut("value").and_then(|v| v.as_array_mut()) {
        rows.truncate(25);
    }
    let json_seeds = vec![
        ("observations-page-1.json".to_string(), small.to_string().into_bytes()),
        (
            "codes-Geslacht.json".to_string(),
            read(&data.join("cbs/03759ned/codes-Geslacht.json")),
        ),
    ];
    let cases = 2000 * factor;
    results.push((
        "CBS-JSON (OData-pagina)",
        cases,
        fuzz(
            "CBS-JSON",
            &json_seeds,
            cases,
            |file, bytes| {
                samenhang_statline::json_stream::read_page(bytes, file, |_, _| Ok(()))
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            },
            |file, message| message.contains(file),
        ),
    ));

    // StatLine CSV, with codes and with labels, as the import opens them.
    let manifest = match samenhang_statline::manifest::read(&data) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let labels = match samenhang::import::region_labels(&data) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e:#}");
            return ExitCode::FAILURE;
        }
    };
    for (label_kind, want_labels) in [("StatLine-CSV met codes", false), ("StatLine-CSV met namen", true)] {
        let entries: Vec<_> = manifest
            .iter()
            .filter(|(p, e)| p.extension().is_some_and(|x| x == "csv") && e.instellingen.regio_namen == want_labels)
            .collect();
        let seeds: Vec<(String, Vec<u8>)> = entries
            .iter()
            .map(|(p, _)| (file_name(p), head(&read(p), 40)))
            .collect();
        let cases = 600 * factor;
        let dir = work.path().to_path_buf();
        let result = fuzz(
            label_kind,
            &seeds,
            cases,
            |file, bytes| {
                let overrides = &entries
                    .iter()
                    .find(|(p, _)| file_name(p) == file)
                    .map(|(_, e)| e.instellingen.clone())
                    .unwrap_or_default();
                let path = dir.join(file);
                std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
                let source = samenhang_statline::tables::open(&path, overrides).map_err(|e| e.to_string())?;
                let source = if source.needs_region_names() {
                    source.with_region_labels(labels.clone())
                } else {
                    source
                };
                source
                    .for_each_observation(None, &mut |_| Ok(()))
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            },
            |file, message| message.contains(file),
        );
        results.push((label_kind, cases, result));
    }

    // Turtle and JSON-LD: the shipped begrippenkader, whole and as JSON-LD.
    let ttl = read(&data.join("vocab/arbeidsmarkt-en-economie.ttl"));
    let triples = match samenhang_vocab::turtle::parse(&ttl[..], "kader.ttl") {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let cases = 300 * factor;
    results.push((
        "Turtle",
        cases,
        fuzz(
            "Turtle",
            &[("kader.ttl".to_string(), ttl.clone())],
            cases,
            |file, bytes| {
                samenhang_vocab::read_turtle(bytes, file)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            },
            |file, message| message.contains(file),
        ),
    ));
    let some: Vec<_> = triples.iter().take(300).cloned().collect();
    let jsonld = samenhang_vocab::jsonld::document(&some).to_string().into_bytes();
    let cases = 1000 * factor;
    results.push((
        "JSON-LD",
        cases,
        fuzz(
            "JSON-LD",
            &[("kader.jsonld".to_string(), jsonld)],
            cases,
            |file, bytes| {
                samenhang_vocab::jsonld::parse(bytes, file)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            },
            |file, message| message.contains(file),
        ),
    ));

    // Meeting reports: text and Markdown, PDF and Word. A refusal is about the file as a whole
    // (no text, a scan, locked, too large): it must say so in Dutch.
    let reports = root().join("tests/verslagen");
    let text_seeds = vec![
        (
            "verslag.txt".to_string(),
            read(&reports.join("vng-bestuurlijk-netwerk-economie-2025-04-16.txt")),
        ),
        (
            "notities.md".to_string(),
            read(&reports.join("sensrnet-2021-06-16-FAB-notes.md")),
        ),
    ];
    // A refusal is one of the reader's own messages about the file (not a library's error text
    // passed on bare): it speaks of the file, the PDF or the Word document.
    let whole_file = |_: &str, message: &str| {
        [
            "Het bestand ",
            "Dit bestand ",
            "In deze PDF ",
            "Deze PDF ",
            "Dit Word-bestand ",
            "Dit is een oud Word-bestand",
        ]
        .iter()
        .any(|start| message.starts_with(start))
    };
    let report = |file: &str, bytes: &[u8]| {
        samenhang_reports::report(bytes, file)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    let cases = 1000 * factor;
    results.push((
        "verslag (tekst, Markdown)",
        cases,
        fuzz("verslag-tekst", &text_seeds, cases, report, whole_file),
    ));
    let binary_seeds = vec![
        ("verslag.pdf".to_string(), read(&reports.join("bestanden/verslag.pdf"))),
        (
            "verslag.docx".to_string(),
            read(&reports.join("bestanden/verslag.docx")),
        ),
    ];
    let cases = 150 * factor;
    results.push((
        "verslag (PDF, Word)",
        cases,
        fuzz("verslag-pdf", &binary_seeds, cases, report, whole_file),
    ));

    // The Dutch Excel CSV of the registers and of own figures: every fault names a line.
    let person = "\u{feff}naam;functie;organisatie;zichtbaarheid;portefeuille;themas;email;telefoon\n\
                  Jan Jansen;wethouder;gemeente-enschede;openbaar;Werk en inkomen;krapte, werkloosheid;j.jansen@enschede.nl;053 481 1234\n\
                  \"Kees; de Vries\";accountmanager;gemeente-enschede;regio;;;k@enschede.nl;\n";
    let figures = "gebied;periode;waarde;status\nEnschede;2023;3,1;definitief\nGM0164;2024;1.234,5;voorlopig\n";
    let csv_seeds = vec![
        ("personen.csv".to_string(), person.as_bytes().to_vec()),
        ("cijfers.csv".to_string(), figures.as_bytes().to_vec()),
    ];
    let cases = 2000 * factor;
    results.push((
        "Excel-CSV (registers, eigen cijfers)",
        cases,
        fuzz(
            "Excel-CSV",
            &csv_seeds,
            cases,
            |file, bytes| {
                let faults = if file == "cijfers.csv" {
                    samenhang_registers::read_figures(bytes).err()
                } else {
                    samenhang_registers::read(&samenhang_domain::registers::PERSON_SPEC, bytes).err()
                };
                match faults {
                    None => Ok(()),
                    // Every fault with its line, as JSON (a reason may hold any character).
                    Some(f) => Err(serde_json::to_string(
                        &f.iter().map(|f| (f.line, f.reason.clone())).collect::<Vec<_>>(),
                    )
                    .unwrap_or_default()),
                }
            },
            |_, message| {
                serde_json::from_str::<Vec<(usize, String)>>(message).is_ok_and(|faults| {
                    !faults.is_empty() && faults.iter().all(|(line, reason)| *line >= 1 && !reason.is_empty())
                })
            },
        ),
    ));

    println!(
        "{:<38} {:>7} {:>9} {:>10} {:>8}",
        "lezer", "gevallen", "gelezen", "geweigerd", "panieken"
    );
    let mut failed = false;
    for (name, cases, result) in &results {
        match result {
            Ok(t) => {
                println!("{name:<38} {cases:>7} {:>9} {:>10} {:>8}", t.read, t.refused, 0);
                if !t.unplaced.is_empty() {
                    failed = true;
                    println!("  weigeringen zonder plaats:");
                    for u in &t.unplaced {
                        println!("    {u}");
                    }
                }
            }
            Err(e) => {
                failed = true;
                println!("{name:<38} {cases:>7}  FOUT: {e}");
            }
        }
    }
    let ok: Vec<_> = results
        .iter()
        .filter_map(|(_, c, r)| r.as_ref().ok().map(|t| (c, t)))
        .collect();
    println!(
        "{:<38} {:>7} {:>9} {:>10} {:>8}",
        format!("totaal ({} lezers)", results.len()),
        ok.iter().map(|(c, _)| **c).sum::<u32>(),
        ok.iter().map(|(_, t)| t.read).sum::<u64>(),
        ok.iter().map(|(_, t)| t.refused).sum::<u64>(),
        0
    );
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
