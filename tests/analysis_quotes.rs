//! Quotes and speakers: the seeds, handmade paragraphs per pattern, and a
//! labelled fixture set on other stories (precision/recall of speakers).

use briefing::analysis::{analyze, Analysis, Lexicon, Quote, QuoteKind};
use briefing::corpus::{load_embedded, Article};

fn seeds() -> (Vec<Article>, Analysis) {
    let arts = load_embedded().articles;
    let an = analyze(&arts, &Lexicon::embedded());
    (arts, an)
}

fn speaker(an: &Analysis, q: &Quote) -> String {
    q.speaker
        .and_then(|s| an.actors.get(s as usize))
        .map(|a| a.name.clone())
        .unwrap_or_default()
}

fn dump(arts: &[Article], an: &Analysis) {
    for q in &an.quotes {
        eprintln!(
            "[{}] {} ({:?}): {}",
            q.kind.name(),
            speaker(an, q),
            q.speaker_text,
            q.at.text(arts)
        );
    }
}

fn find<'a>(arts: &[Article], an: &'a Analysis, starts: &str) -> &'a Quote {
    an.quotes
        .iter()
        .find(|q| q.at.text(arts).starts_with(starts))
        .unwrap_or_else(|| {
            dump(arts, an);
            panic!("no quote starting {starts:?}")
        })
}

#[test]
fn seed_direct_quotes_resolve_he_to_petro() {
    let (arts, an) = seeds();
    dump(&arts, &an);
    for start in ["I am beginning", "May Tuesday"] {
        let q = find(&arts, &an, start);
        assert_eq!(q.kind, QuoteKind::Direct, "{start}");
        assert_eq!(speaker(&an, q), "Gustavo Petro", "{start}");
        assert_eq!(q.speaker_text.as_deref(), Some("he"));
    }
    let q = find(&arts, &an, "I am beginning");
    assert!(q.at.text(&arts).ends_with("to say goodbye,"));
}

#[test]
fn seed_partial_and_terms() {
    let (arts, an) = seeds();
    let q = find(&arts, &an, "undignified");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(speaker(&an, q), "Gustavo Petro");
    for t in ["war on drugs.", "microphone diplomacy,", "getting tough"] {
        let q = find(&arts, &an, t);
        assert_eq!(q.kind, QuoteKind::Term, "{t}");
        assert_eq!(q.speaker, None, "{t}");
    }
}

#[test]
fn seed_reported_speech() {
    let (arts, an) = seeds();
    let q = find(&arts, &an, "decades of militarized");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(speaker(&an, q), "Gustavo Petro");
    let q = find(&arts, &an, "Trump\u{2019}s political style");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker, None);
    assert_eq!(q.speaker_text.as_deref(), Some("Skeptics"));
    // Every quote points at words and at its sentence.
    for q in &an.quotes {
        assert!(!q.at.text(&arts).is_empty());
        let s = &an.sentences[q.sentence as usize];
        assert_eq!((s.article, s.block), (q.at.article, q.at.block));
    }
    for (i, q) in an.quotes.iter().enumerate() {
        assert_eq!(q.id as usize, i);
    }
}
