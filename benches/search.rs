//! Hot paths of search: building the packed store, cold queries, a query
//! typed one character at a time, and the plain reference for scale.
//! Run: `cargo bench --bench search`.

use briefing::search::engine::Engine;
use briefing::search::reference::reference;
use briefing::search::store::{Source, Store};
use criterion::{criterion_group, BenchmarkId, Criterion};
use std::hint::black_box;
use std::sync::Arc;

/// Sentence-ish items from the synthetic generator.
fn items(articles: usize) -> Vec<String> {
    let g = briefing::gen::Generator::new(&briefing::gen::Options {
        articles,
        seed: 7,
        words_per_article: 400,
    });
    (0..articles)
        .flat_map(|i| {
            g.article(i)
                .1
                .split(". ")
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let src = Source::Texts(Arc::new(items(1000)));
    let mut g = c.benchmark_group("search");
    g.sample_size(20);
    g.bench_function("store_build", |b| b.iter(|| black_box(Store::build(&src))));
    let mut e = Engine::new(src.clone());
    for q in ["m", "migration policy", "petro said", "zzqx", "bogota !trade"] {
        g.bench_with_input(BenchmarkId::new("cold", q), q, |b, q| {
            b.iter(|| {
                e.reset();
                black_box(e.run(q, 100, &|| false))
            })
        });
    }
    g.bench_function("typed/migration policy", |b| {
        b.iter(|| {
            e.reset();
            let q = "migration policy";
            for end in 1..=q.len() {
                black_box(e.run(&q[..end], 100, &|| false));
            }
        })
    });
    let small = Source::Texts(Arc::new(items(100)));
    g.bench_function("reference/petro said (100 articles)", |b| {
        b.iter(|| black_box(reference(&small, "petro said", 100)))
    });
    let mut e_small = Engine::new(small.clone());
    g.bench_function("engine/petro said (100 articles)", |b| {
        b.iter(|| {
            e_small.reset();
            black_box(e_small.run("petro said", 100, &|| false))
        })
    });
    g.finish();
}

/// `SEARCH_ITEMS=FILE cargo bench --bench search`: the `briefing bench`
/// keystroke protocol over the lines of FILE (e.g. `briefing sentences DIR`),
/// without loading and analysing a corpus. `SEARCH_REPEAT` (default 3) runs
/// per keystroke, fastest kept.
fn items_file(path: &std::ffi::OsStr) {
    use std::time::Instant;
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    drop(text);
    let reps: usize = std::env::var("SEARCH_REPEAT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let src = Source::Texts(Arc::new(lines));
    let t = Instant::now();
    let mut e = Engine::new(src.clone());
    eprintln!(
        "store: {} items, {:.1} ms, {:.1} MB",
        src.len(),
        t.elapsed().as_secs_f64() * 1e3,
        e.store().heap_bytes() as f64 / 1e6
    );
    let never = || false;
    let mut keys = Vec::new();
    let mut cpu_total = 0.0;
    // `SEARCH_ONLY=pet`: time that keystroke alone (for perf).
    let only = std::env::var("SEARCH_ONLY").ok();
    for q in ["migration policy", "petro said", "zzqx"] {
        for end in 1..=q.len() {
            if only.as_deref().is_some_and(|o| o != &q[..end]) {
                continue;
            }
            let mut best = f64::INFINITY;
            let mut best_cpu = f64::INFINITY;
            let mut matched = 0;
            for _ in 0..reps {
                e.reset();
                if end > 1 {
                    let _ = briefing::search::run_query(&mut e, 0, &q[..end - 1], 100, &never);
                }
                let c0 = cpu_ms();
                if let Some((r, st)) = briefing::search::run_query(&mut e, 0, &q[..end], 100, &never) {
                    best = best.min(st.elapsed_ms);
                    best_cpu = best_cpu.min(cpu_ms() - c0);
                    matched = r.matched;
                }
            }
            eprintln!(
                "    {:<18} {best:>8.1} ms {best_cpu:>8.1} cpu ms {matched:>9} matched",
                format!("{:?}", &q[..end])
            );
            keys.push(best);
            cpu_total += best_cpu;
        }
    }
    let cold_qs = [
        "policy migration",
        "said petro",
        "bogota",
        "undignifed",
        "de-emphasize",
    ];
    let mut cold = Vec::new();
    for (qi, q) in cold_qs.iter().enumerate() {
        if only.is_some() {
            break;
        }
        let mut best = f64::INFINITY;
        let mut best_cpu = f64::INFINITY;
        let mut matched = 0;
        for _ in 0..reps {
            e.reset();
            let _ = briefing::search::run_query(&mut e, 0, cold_qs[(qi + 1) % cold_qs.len()], 100, &never);
            let c0 = cpu_ms();
            if let Some((r, st)) = briefing::search::run_query(&mut e, 0, q, 100, &never) {
                best = best.min(st.elapsed_ms);
                best_cpu = best_cpu.min(cpu_ms() - c0);
                matched = r.matched;
            }
        }
        eprintln!(
            "    cold {:<13} {best:>8.1} ms {best_cpu:>8.1} cpu ms {matched:>9} matched",
            format!("{q:?}")
        );
        cpu_total += best_cpu;
        cold.push(best);
    }
    if only.is_some() {
        return;
    }
    keys.sort_by(f64::total_cmp);
    cold.sort_by(f64::total_cmp);
    // Nearest rank, as `briefing bench` reports.
    let pct = |v: &[f64], p: f64| v[(((p / 100.0) * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
    eprintln!(
        "keystroke p50 {:.1} p95 {:.1} max {:.1}; cold median {:.1} max {:.1}; cpu total {cpu_total:.0} ms",
        pct(&keys, 50.0),
        pct(&keys, 95.0),
        keys[keys.len() - 1],
        pct(&cold, 50.0),
        cold[cold.len() - 1]
    );
}

/// CPU time of the whole process (every thread), in ms: steadier than
/// wall time on a shared machine.
fn cpu_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 * 1e3 + ts.tv_nsec as f64 / 1e6
}

criterion_group!(benches, bench);

fn main() {
    if let Some(path) = std::env::var_os("SEARCH_ITEMS") {
        items_file(&path);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
