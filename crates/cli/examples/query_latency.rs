// SPDX-License-Identifier: EUPL-1.2
//! Query-latency benchmark (see docs/PERFORMANCE.md): one indicator for all gemeenten × all
//! years with ranks, plus its AM, provincie and Nederland aggregates, from the in-memory
//! snapshot. The baseline, measured in the same run, is a plain pass over as many numbers.
//!
//! cargo run --release -p samenhang --example query_latency -- [DATA_DIR] [INDICATOR] [ITERATIONS]

use std::hint::black_box;
use std::time::Instant;

use samenhang_domain::codes::RegionKind;
use samenhang_stats::compare::ranked_table;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let data_dir = args.next().unwrap_or_else(|| "./samenhang-data".into());
    let indicator = args.next().unwrap_or_else(|| "inwoners".into());
    let iterations: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(2000);
    let config = samenhang::Config {
        data_dir: data_dir.into(),
        database_url: None,
        snapshot_dir: samenhang::default_snapshot_dir(),
        load_cbs_tables: true,
    };
    let state = samenhang::app(&config).await?;
    let snap = state.snapshot();
    let series = snap
        .series(&indicator)
        .ok_or_else(|| anyhow::anyhow!("onbekende indicator {indicator}"))?;

    let query = || {
        let gemeenten = ranked_table(&snap, series, RegionKind::Gemeente);
        let am = ranked_table(&snap, series, RegionKind::Arbeidsmarktregio);
        let pv = ranked_table(&snap, series, RegionKind::Provincie);
        let nl = ranked_table(&snap, series, RegionKind::Land);
        (gemeenten, am, pv, nl)
    };
    let (g, am, pv, nl) = query();
    let cells: usize = g.iter().chain(&am).chain(&pv).chain(&nl).map(|y| y.rows.len()).sum();
    let numbers: Vec<f64> = (0..cells).map(|i| i as f64).collect();

    let mut q = Vec::with_capacity(iterations);
    let mut b = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let t = Instant::now();
        black_box(query());
        q.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let mut sorted = black_box(numbers.clone());
        sorted.sort_by(|a, b| b.total_cmp(a));
        black_box(sorted);
        b.push(t.elapsed().as_secs_f64() * 1e3);
    }
    q.sort_by(f64::total_cmp);
    b.sort_by(f64::total_cmp);
    println!(
        "indicator {indicator}: {} years, {} gemeente values, {} AM, {} PV, {} NL values ({cells} cells)",
        g.len(),
        g.iter().map(|y| y.rows.len()).sum::<usize>(),
        am.iter().map(|y| y.rows.len()).sum::<usize>(),
        pv.iter().map(|y| y.rows.len()).sum::<usize>(),
        nl.iter().map(|y| y.rows.len()).sum::<usize>()
    );
    println!(
        "query     median {:.3} ms  p99 {:.3} ms  max {:.3} ms",
        percentile(&q, 0.5),
        percentile(&q, 0.99),
        q[q.len() - 1]
    );
    println!(
        "baseline  median {:.3} ms  p99 {:.3} ms  (copy and sort {cells} numbers)",
        percentile(&b, 0.5),
        percentile(&b, 0.99)
    );
    println!(
        "ratio of medians (query / baseline): {:.1}x",
        percentile(&q, 0.5) / percentile(&b, 0.5)
    );
    println!(
        "goal p99 < 1 ms: {}",
        if percentile(&q, 0.99) < 1.0 { "met" } else { "NOT met" }
    );
    Ok(())
}
