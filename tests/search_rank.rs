//! Ranking on a fixture where the right answer is known: each query's top
//! hit is the sentence a reader would want, above distractors that merely
//! hold the letters.

use briefing::analysis::{
    Actor, ActorKind, Analysis, ByArticle, Evidence, Issue, Quote, QuoteKind, Sentence,
};
use briefing::corpus::{Article, Block, BlockKind, Format};
use briefing::search::store::Source;
use briefing::search::{self, Target};
use briefing::text::Span;
use briefing::Index;
use std::sync::Arc;

fn lines() -> Vec<String> {
    include_str!("fixtures/search/rank.txt")
        .lines()
        .map(str::to_string)
        .collect()
}

fn line_of(needle: &str) -> usize {
    lines()
        .iter()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("fixture lacks {needle:?}"))
}

/// An index over the fixture: one block and one sentence per line, plus a
/// few quotes with speakers and issues.
fn index() -> Arc<Index> {
    let ls = lines();
    let mut art = Article::new("fixture.txt", Format::Plain);
    art.title = "Fixture".into();
    let mut sentences = Vec::new();
    for (i, l) in ls.iter().enumerate() {
        art.blocks.push(Block::new(
            BlockKind::Paragraph,
            l.clone(),
            i as u32 + 1,
            Span::new(0, l.len()),
        ));
        sentences.push(Sentence {
            article: 0,
            block: i as u32,
            span: Span::new(0, l.len()),
            issues: if l.contains("Drug") || l.contains("coca") {
                vec![0].into()
            } else {
                Default::default()
            },
        });
    }
    let quote = |id: u32, line: usize, words: &str, kind, speaker: Option<u32>, text: &str| {
        let l = &ls[line];
        let at = l.find(words).expect("quote words in line");
        Quote {
            id,
            kind,
            at: Evidence {
                article: 0,
                block: line as u32,
                span: Span::new(at, at + words.len()),
            },
            speaker,
            speaker_text: Some(text.into()),
            speaker_at: None,
            issues: Default::default(),
            sentence: line as u32,
        }
    };
    let quotes = vec![
        quote(
            0,
            line_of("humiliated"),
            "We will not be humiliated,",
            QuoteKind::Direct,
            Some(0),
            "Petro",
        ),
        quote(
            1,
            line_of("undignified"),
            "undignified",
            QuoteKind::Term,
            Some(0),
            "Petro",
        ),
        quote(
            2,
            line_of("safe, regulated"),
            "safe, regulated pathways",
            QuoteKind::Partial,
            None,
            "The minister",
        ),
        quote(
            3,
            line_of("Skeptics"),
            "the summit could end without any agreement",
            QuoteKind::Indirect,
            None,
            "Skeptics",
        ),
        quote(
            4,
            line_of("frank and"),
            "frank and productive.",
            QuoteKind::Partial,
            None,
            "A senior official",
        ),
        quote(
            5,
            line_of("backbone"),
            "Security cooperation remains the backbone of the relationship.",
            QuoteKind::Indirect,
            None,
            "An official",
        ),
    ];
    let actor = |id, name: &str, aliases: &[&str]| Actor {
        id,
        name: name.into(),
        kind: ActorKind::Person,
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        mentions: 1,
        mentions_by_article: ByArticle::from_dense(&[1]),
        discovered: false,
    };
    let analysis = Analysis {
        sentences,
        actors: vec![
            actor(0, "Gustavo Petro", &["Petro", "President Petro"]),
            actor(1, "Donald Trump", &["Trump"]),
        ],
        issues: vec![Issue {
            id: 0,
            name: "Drug policy".into(),
            labels: vec!["Counternarcotics".into()],
            keywords: vec!["coca".into()],
            mentions: 2,
            mentions_by_article: ByArticle::from_dense(&[2]),
            discovered: false,
        }],
        quotes,
        ..Analysis::default()
    };
    Arc::new(Index::from_parts(
        "fixture".into(),
        vec![art],
        Vec::new(),
        analysis,
    ))
}

fn top(ix: &Arc<Index>, q: &str) -> String {
    let hits = search::search(ix, q, 5);
    let h = hits.first().unwrap_or_else(|| panic!("no hit for {q:?}"));
    search::target_text(ix, h.target).to_string()
}

#[test]
fn top_hits_are_the_intended_sentences() {
    let ix = index();
    assert!(top(&ix, "migratn polcy").contains("new migration policy"));
    assert!(top(&ix, "migration policy").contains("new migration policy"));
    // Typed in the other order, the other order wins.
    assert!(top(&ix, "polcy migratn").contains("policy on migration"));
    assert!(top(&ix, "bogota").contains("Bogotá and Washington"));
    assert!(top(&ix, "de-emphasize").contains("De\u{2011}emphasize"));
    assert!(top(&ix, "petro said").contains("Petro said on Sunday"));
    assert!(top(&ix, "safe regulated").contains("safe, regulated pathways"));
}

#[test]
fn typo_finds_the_word() {
    let ix = index();
    // A dropped letter is a fuzzy match; the quote (the term itself) wins.
    assert_eq!(top(&ix, "undignifed"), "undignified");
    // A transposition matches nothing fuzzily and falls back to one edit.
    let hits = search::search(&ix, "undignifeid", 5);
    assert!(!hits.is_empty());
    assert!(search::target_text(&ix, hits[0].target).contains("ndignified"));
}

#[test]
fn ranges_point_into_the_original_text() {
    let ix = index();
    let hits = search::search(&ix, "bogota", 1);
    let text = search::target_text(&ix, hits[0].target);
    let got: Vec<&str> = hits[0].ranges.iter().map(|&(a, b)| &text[a..b]).collect();
    assert_eq!(got, ["Bogotá"]);
    let hits = search::search(&ix, "de-emphasize", 1);
    let text = search::target_text(&ix, hits[0].target);
    let got: Vec<&str> = hits[0].ranges.iter().map(|&(a, b)| &text[a..b]).collect();
    assert_eq!(got, ["De\u{2011}emphasize"]);
}

#[test]
fn quotes_rank_above_sentences_at_equal_score() {
    let ix = index();
    // The quote spans its whole sentence: same text, same score.
    let hits = search::search(&ix, "'backbone", 5);
    assert!(matches!(hits[0].target, Target::Quote(5)));
    assert!(matches!(hits[1].target, Target::Sentence(_)));
    assert_eq!(hits[0].score, hits[1].score);
}

#[test]
fn filters_restrict_items() {
    let ix = index();
    // Speaker through an alias, folded; quotes only.
    let hits = search::search(&ix, "@PETRO", 10);
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| matches!(h.target, Target::Quote(0 | 1))));
    // An unresolved speaker matches by its words.
    let hits = search::search(&ix, "@skeptic", 10);
    assert_eq!(
        hits.iter().map(|h| h.target).collect::<Vec<_>>(),
        [Target::Quote(3)]
    );
    // Kind.
    let hits = search::search(&ix, "kind:partial", 10);
    assert_eq!(hits.len(), 2);
    assert!(search::search(&ix, "kind:term undig", 10).len() == 1);
    // Issue by name or label, folded.
    let hits = search::search(&ix, "#counternarc", 10);
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| matches!(h.target, Target::Sentence(_))));
    // Exclusion and exact terms.
    let hits = search::search(&ix, "migration !policy", 10);
    assert!(hits.iter().all(|h| !search::target_text(&ix, h.target)
        .to_lowercase()
        .contains("policy")));
    assert!(!hits.is_empty());
    let hits = search::search(&ix, "'polic", 10);
    assert!(hits.iter().all(|h| search::target_text(&ix, h.target)
        .to_lowercase()
        .contains("polic")));
}

#[test]
fn plain_strings_work_too() {
    let src = Source::Texts(Arc::new(lines()));
    let (r, _) = search::search_source(&src, "bogota", 3);
    assert_eq!(r.hits[0].target, Target::Sentence(line_of("Bogotá and") as u32));
    assert!(r.matched >= 2);
    assert!(search::search_source(&src, "", 3).0.hits.is_empty());
    assert!(search::search_source(&src, "zzqx", 3).0.hits.is_empty());
}

#[test]
fn the_worker_answers_the_newest_query() {
    let mut s = search::Searcher::new(index());
    s.search("mig");
    s.search("migration");
    let seq = s.search("migration polcy");
    let r = s
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("an answer");
    assert_eq!(r.seq, seq);
    assert_eq!(r.query, "migration polcy");
    assert!(!r.hits.is_empty());
}
