//! The packed store over a real index (the embedded briefing, quotes
//! included): every item reads back as its folded text, whether it is a
//! sentence in a block or a quote stored as a slice of its sentence, and
//! the engine over it answers exactly as the reference does.

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
    for i in 0..src.len() {
        assert_eq!(store.item(i), fold_item(src.text(i)), "item {i}");
    }
}

#[test]
fn quotes_are_not_stored_twice() {
    let ix = embedded();
    let src = Source::Index(ix.clone());
    let store = Store::build(&src);
    let quote_bytes: usize = (0..src.quotes()).map(|i| src.text(i).len()).sum();
    let sentence_bytes: usize = (src.quotes()..src.len()).map(|i| src.text(i).len()).sum();
    // Text of the sentences plus small tables; quote text would add more.
    assert!(
        store.heap_bytes() < sentence_bytes + quote_bytes / 2 + 20 * src.len(),
        "store {} bytes for {sentence_bytes} of sentences and {quote_bytes} of quotes",
        store.heap_bytes()
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
