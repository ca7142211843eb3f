// SPDX-License-Identifier: EUPL-1.2
//! Reads one report and prints what the reader finds: `cargo run -p samenhang-reports --example lees -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("gebruik: lees BESTAND");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    match samenhang_reports::read(&bytes, &path) {
        Ok(text) => {
            if std::env::args().any(|a| a == "--tekst") {
                for l in &text.lines {
                    println!("| {l}");
                }
            }
            let r = samenhang_reports::parse(&text);
            println!("{:#?}", r);
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
