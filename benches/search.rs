//! Hot paths of search: building the packed store, cold queries, a query
//! typed one character at a time, and the plain reference for scale.
//! Run: `cargo bench --bench search`.

use briefing::search::engine::Engine;
use briefing::search::reference::reference;
use briefing::search::store::{Source, Store};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
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

criterion_group!(benches, bench);
criterion_main!(benches);
