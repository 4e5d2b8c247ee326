//! The fast engine must return exactly what the plain reference returns:
//! same items, same scores, same order, same match count, whether the
//! query is typed cold or one character at a time (narrowing).

use briefing::search::engine::Engine;
use briefing::search::reference::reference;
use briefing::search::store::Source;
use proptest::prelude::*;
use std::sync::Arc;

const WORDS: &[&str] = &[
    "migration",
    "policy",
    "police",
    "Bogotá",
    "bogota",
    "petro",
    "said",
    "Petro’s",
    "de‑emphasize",
    "de-emphasize",
    "undignified",
    "the",
    "a",
    "of",
    "drug",
    "trade",
    "m",
    "mi",
    "pol",
    "x",
    "zz",
    "“quoted”",
    "Ünïcödé",
    "日本",
    "tariff",
    "tarif",
    "migrant",
    "policies",
    "i",
    "sid",
    "paid",
];

fn item() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..30).prop_map(|ws| ws.join(" "))
}

fn query() -> impl Strategy<Value = String> {
    let tok = prop_oneof![
        prop::sample::select(WORDS).prop_map(|w| w.to_string()),
        "[a-z]{1,6}",
        prop::sample::select(WORDS).prop_map(|w| format!("'{w}")),
        prop::sample::select(WORDS).prop_map(|w| format!("!{w}")),
        // Typos of the long words.
        Just("polciy".to_string()),
        Just("migartion".to_string()),
        Just("undignifeid".to_string()),
    ];
    prop::collection::vec(tok, 1..4).prop_map(|ts| ts.join(" "))
}

fn check(items: Vec<String>, q: &str, limit: usize) -> Result<(), TestCaseError> {
    let src = Source::Texts(Arc::new(items));
    let mut e = Engine::new(src.clone());
    // Typed one char at a time: each prefix narrows (or not) from the last.
    for end in (1..=q.len()).filter(|&e| q.is_char_boundary(e)) {
        let prefix = &q[..end];
        let fast = e.run(prefix, limit, &|| false).expect("not cancelled");
        let slow = reference(&src, prefix, limit);
        prop_assert_eq!(&fast, &slow, "typed prefix {:?}", prefix);
    }
    // And cold.
    let mut cold = Engine::new(src.clone());
    let fast = cold.run(q, limit, &|| false).expect("not cancelled");
    prop_assert_eq!(fast, reference(&src, q, limit), "cold {:?}", q);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn fast_equals_reference(items in prop::collection::vec(item(), 0..80), q in query(), limit in 0usize..8) {
        check(items, &q, limit)?;
    }
}

#[test]
fn many_items_cross_chunk_boundaries() {
    // Over 4096 items so several chunks (and both cores) take part.
    let items: Vec<String> = (0..9000)
        .map(|i| {
            let a = WORDS[i % WORDS.len()];
            let b = WORDS[(i * 7 + 3) % WORDS.len()];
            let c = WORDS[(i * 13 + 5) % WORDS.len()];
            format!("{a} {b} {c}")
        })
        .collect();
    for q in [
        "migration policy",
        "petro said",
        "zzqx",
        "bogota",
        "m",
        "'pol !police",
        "polciy",
    ] {
        check(items.clone(), q, 100).unwrap();
    }
}

#[test]
fn narrowing_over_many_pieces() {
    // 60,000 items of three words each, every pair of words side by side
    // somewhere. A query's candidates are kept in the pieces the workers made,
    // and the next query reads them in runs of at most 4,096 within a
    // piece. On one thread a piece holds every candidate, so most runs
    // start inside it; on the machine's threads there are several pieces.
    // Typed prefixes keep thousands of candidates and their cells (`mig`,
    // `pol`) or none (one-letter queries), and every query ends matching.
    let items: Vec<String> = (0..60_000)
        .map(|i| {
            let n = WORDS.len();
            let a = WORDS[i % n];
            let b = WORDS[(i / n) % n];
            let c = WORDS[(i / (n * n) + i * 7) % n];
            format!("{a} {b} {c} {i}")
        })
        .collect();
    let queries = ["mig p", "pol mig", "said petro", "m p", "a b"];
    for q in queries {
        let src = Source::Texts(Arc::new(items.clone()));
        assert!(
            !reference(&src, q, 10).hits.is_empty(),
            "{q:?} should match something"
        );
    }
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    for q in queries {
        one.install(|| check(items.clone(), q, 50)).unwrap();
        check(items.clone(), q, 50).unwrap();
    }
}

#[test]
fn generated_news_typed_queries() {
    // Realistic text: lines of synthetic articles, every query typed.
    let g = briefing::gen::Generator::new(&briefing::gen::Options {
        articles: 60,
        seed: 9,
        words_per_article: 400,
    });
    let items: Vec<String> = (0..60)
        .flat_map(|i| g.article(i).1.split(". ").map(str::to_string).collect::<Vec<_>>())
        .collect();
    for q in [
        "migration policy",
        "petro said",
        "zzqx",
        "said petro",
        "de-emphasize",
        "undignifed",
    ] {
        check(items.clone(), q, 20).unwrap();
    }
}
