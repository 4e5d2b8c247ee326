//! The store over a real index (the embedded briefing, quotes included):
//! every item reads back as its folded text, whether a sentence or a
//! quote, the store holds no copy of the text, and the engine over it
//! answers exactly as the reference does.

use briefing::search::engine::Engine;
use briefing::search::reference::reference;
use briefing::search::store::{fold_item, Source, Store};
use briefing::Index;
use std::sync::Arc;

fn embedded() -> Arc<Index> {
    let lex = briefing::analysis::Lexicon::embedded();
    Index::build("briefing", briefing::corpus::load_embedded(), &lex)
}

#[test]
fn every_item_reads_back_folded() {
    let ix = embedded();
    assert!(!ix.analysis.quotes.is_empty(), "the seeds hold quotes");
    let src = Source::Index(ix);
    let store = Store::build(&src);
    assert_eq!(store.len(), src.len());
    let mut buf = String::new();
    for i in 0..src.len() {
        assert_eq!(store.item(i, &mut buf), fold_item(src.text(i)), "item {i}");
    }
}

#[test]
fn the_store_keeps_no_text() {
    let ix = embedded();
    let src = Source::Index(ix.clone());
    let store = Store::build(&src);
    // A mask and a bit an item, rounded up to whole words, and a way to
    // each article's text (16 bytes an article, 4 a block), give or take
    // a vector's rounding; the text (tens of kilobytes) is read from the
    // index.
    let blocks: usize = ix.articles.iter().map(|a| a.blocks.len()).sum();
    assert!(
        store.heap_bytes()
            <= 4 * src.len() + 8 * src.len().div_ceil(64) + 16 * ix.articles.len() + 4 * blocks + 64,
        "store {} bytes for {} items, {} articles, {blocks} blocks",
        store.heap_bytes(),
        src.len(),
        ix.articles.len()
    );
}

#[test]
fn engine_equals_reference_on_the_seeds() {
    let src = Source::Index(embedded());
    let mut e = Engine::new(src.clone());
    for q in [
        "petro said",
        "migration policy",
        "bogota",
        "'drug !trade",
        "undignifed",
        "m",
        "zzqx",
    ] {
        // Typed one char at a time, then cold.
        for end in (1..=q.len()).filter(|&k| q.is_char_boundary(k)) {
            let fast = e.run(&q[..end], 50, &|| false).expect("not cancelled");
            assert_eq!(fast, reference(&src, &q[..end], 50), "typed {:?}", &q[..end]);
        }
        e.reset();
        let fast = e.run(q, 50, &|| false).expect("not cancelled");
        assert_eq!(fast, reference(&src, q, 50), "cold {q:?}");
    }
}

/// Evidence that does not fit its block (an index made some other way
/// than by analysis) reads as the index reads it, not as the text past
/// the block's end in the string the articles share.
#[test]
fn evidence_past_its_block_reads_as_the_index_does() {
    let ix = embedded();
    let mut articles = ix.articles.clone();
    briefing::corpus::Article::seal_together(&mut articles);
    let mut analysis = ix.analysis.clone();
    let s = &mut analysis.sentences[3];
    s.span.end += 40;
    let q = &mut analysis.quotes[0];
    q.at.block = 10_000;
    let odd = Arc::new(Index::from_parts("odd".into(), articles, Vec::new(), analysis));
    let src = Source::Index(odd);
    let store = Store::build(&src);
    let mut buf = String::new();
    for i in 0..src.len() {
        assert_eq!(store.item(i, &mut buf), fold_item(src.text(i)), "item {i}");
    }
    assert_eq!(src.text(src.quotes() + 3), "");
    assert_eq!(src.text(0), "");
}
