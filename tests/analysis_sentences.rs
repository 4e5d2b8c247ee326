//! Sentence segmentation over the embedded seeds.

use briefing::analysis::sentences::{split, split_corpus};
use briefing::corpus::load_embedded;

fn all_sentences() -> Vec<String> {
    let loaded = load_embedded();
    let arts = &loaded.articles;
    split_corpus(arts)
        .iter()
        .map(|s| {
            s.span
                .slice(&arts[s.article as usize].blocks[s.block as usize].text)
                .to_string()
        })
        .collect()
}

#[test]
fn seeds_split_into_many_well_formed_sentences() {
    let s = all_sentences();
    assert!(s.len() > 100, "only {} sentences", s.len());
    for t in &s {
        assert!(!t.is_empty());
        assert_eq!(t.trim(), t);
    }
}

#[test]
fn seed_quote_with_attribution_stays_whole() {
    let s = all_sentences();
    let hit = s
        .iter()
        .find(|t| t.contains("to say goodbye,\u{201D}"))
        .expect("goodbye quote sentence");
    assert!(hit.contains("he wrote"), "{hit}");
    // `U.S. government` inside a sentence never splits it.
    assert!(s.iter().all(|t| !t.ends_with("the U.S.") || t.len() > 20));
    assert!(s.iter().any(|t| t.contains("with the U.S. government")));
}

#[test]
fn sentences_are_ordered_per_block() {
    let loaded = load_embedded();
    let s = split_corpus(&loaded.articles);
    for w in s.windows(2) {
        let a = (w[0].article, w[0].block, w[0].span.start);
        let b = (w[1].article, w[1].block, w[1].span.start);
        assert!(a < b);
    }
}

#[test]
fn fixture_paragraph() {
    let t = std::fs::read_to_string("tests/fixtures/analysis/sentences.txt").unwrap();
    let got: Vec<&str> = split(&t).into_iter().map(|s| s.slice(&t)).collect();
    assert_eq!(
        got,
        vec![
            "Council member J. R. Alvarez met Mayor Diane Okafor at 10 a.m. on Jan. 12.",
            "The U.S. Conference of Mayors sent an observer.",
            "\u{201C}Is this the budget?\u{201D} Alvarez asked.",
            "\u{201C}It is.\u{201D}",
            "Okafor said the deficit was 3.5 percent… and rising.",
            "Then the meeting ended.",
        ]
    );
}
