//! Loading (files → articles) alone, without analysis.
//!
//! `cargo bench --bench load` times loading a synthetic corpus written to a
//! temporary folder. `cargo bench --bench load -- PATH…` instead loads the
//! given files or folders a few times and prints wall and CPU time, RSS and
//! throughput per run, for profiling a real corpus
//! (`perf record … target/release/deps/load-* PATH`).

use briefing::corpus::{load_paths, LoadOptions};
use briefing::timings;
use std::path::PathBuf;
use std::time::Instant;

fn cpu_ms() -> f64 {
    timings::cpu_ms().unwrap_or(0.0)
}

fn run(paths: &[PathBuf], runs: usize) {
    for _ in 0..runs {
        let (t, c) = (Instant::now(), cpu_ms());
        let loaded = load_paths(paths, &LoadOptions::default());
        let wall = t.elapsed().as_secs_f64() * 1e3;
        let cpu = cpu_ms() - c;
        let text: usize = loaded
            .articles
            .iter()
            .flat_map(|a| &a.blocks)
            .map(|b| b.text.len())
            .sum();
        // What the articles hold, as allocated: block texts (one exact
        // string per article, see `BlockText`), the block arrays' capacity,
        // table cells.
        let blocks: usize = loaded.articles.iter().map(|a| a.blocks.len()).sum();
        let text_cap: usize = loaded
            .articles
            .iter()
            .flat_map(|a| &a.blocks)
            .map(|b| b.text.len())
            .sum();
        let block_cap: usize = loaded
            .articles
            .iter()
            .map(|a| a.blocks.capacity() * std::mem::size_of::<briefing::corpus::Block>())
            .sum();
        let cells: usize = loaded
            .articles
            .iter()
            .flat_map(|a| &a.blocks)
            .filter_map(|b| b.table.as_ref())
            .map(|t| t.header.len() + t.rows.iter().map(Vec::len).sum::<usize>())
            .sum();
        eprintln!(
            "load {:>6} articles {:>7.1} MB text  wall {wall:>7.1} ms  cpu {cpu:>6.0} ms  rss {:>6.1} MB  peak {:>6.1} MB  warnings {}",
            loaded.articles.len(),
            text as f64 / 1e6,
            timings::rss_mb().unwrap_or(0.0),
            timings::peak_rss_mb().unwrap_or(0.0),
            loaded.warnings.len(),
        );
        eprintln!(
            "     {blocks} blocks: text capacity {:.1} MB, block arrays {:.1} MB ({} B a block); {cells} table cells",
            text_cap as f64 / 1e6,
            block_cap as f64 / 1e6,
            std::mem::size_of::<briefing::corpus::Block>(),
        );
        drop(loaded);
    }
}

fn main() {
    let paths: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    if !paths.is_empty() {
        let runs = std::env::var("LOAD_RUNS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(3);
        return run(&paths, runs);
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let g = briefing::gen::Generator::new(&briefing::gen::Options {
        articles: 2000,
        seed: 11,
        words_per_article: 600,
    });
    for i in 0..2000 {
        let (name, text) = g.article(i);
        std::fs::write(dir.path().join(name), text).expect("write article");
    }
    run(&[dir.path().to_path_buf()], 5);
}
