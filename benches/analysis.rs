//! Hot paths of analysis on synthetic news: the sentence segmenter, the
//! quote finder, and the whole analysis. Run: `cargo bench --bench analysis`.

use briefing::analysis::{self, Lexicon};
use briefing::corpus::Loaded;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn loaded(articles: usize) -> Loaded {
    briefing::gen::loaded(&briefing::gen::Options {
        articles,
        seed: 11,
        words_per_article: 400,
    })
}

fn bench(c: &mut Criterion) {
    let l = loaded(200);
    let lex = Lexicon::embedded();
    let bytes: usize = l
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .map(|b| b.text.len())
        .sum();
    let mut g = c.benchmark_group("analysis");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("sentences::split (200 articles)", |b| {
        b.iter(|| {
            for a in &l.articles {
                for bl in &a.blocks {
                    black_box(analysis::sentences::split(&bl.text));
                }
            }
        })
    });
    let sentences = analysis::sentences::split_corpus(&l.articles);
    let (actors, mentions) = analysis::actors::find(&l.articles, &lex);
    g.bench_function("quotes::find (200 articles)", |b| {
        b.iter(|| {
            black_box(analysis::quotes::find(
                &l.articles,
                &sentences,
                &actors,
                &mentions,
                &lex,
            ))
        })
    });
    g.bench_function("analyze (200 articles)", |b| {
        b.iter(|| black_box(analysis::analyze(&l.articles, &lex)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
