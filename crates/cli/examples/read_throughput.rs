// SPDX-License-Identifier: EUPL-1.2
//! Reader throughput (see docs/PERFORMANCE.md): streams every observation of a table without
//! storing it, to separate the cost of reading from the cost of storing.
//!
//! cargo run --release -p samenhang --example read_throughput -- <table dir or CSV file>

use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("geef een tabelmap of CSV-bestand"))?;
    let source = samenhang_statline::tables::open(std::path::Path::new(&path), &Default::default())?;
    let start = Instant::now();
    let mut checksum = 0.0;
    let n = source.for_each_observation(None, &mut |o| {
        checksum += o.value.unwrap_or(0.0);
        Ok(())
    })?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{n} observations in {secs:.2} s: {:.0} per second (checksum {checksum})",
        n as f64 / secs
    );
    Ok(())
}
