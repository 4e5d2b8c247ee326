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
    for t in ["war on drugs", "microphone diplomacy", "getting tough"] {
        let q = find(&arts, &an, t);
        // The sentence's punctuation inside the closing mark is not the term's.
        assert_eq!(q.at.text(&arts), t);
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

/// (file, start of the quoted words, kind, speaker's canonical name or "").
const LABELS: &[(&str, &str, &str, &str)] = &[
    ("01-trade", "We came to close", "direct", "Marta Lindqvist"),
    ("01-trade", "There is a landing zone", "direct", "Daniel Okoye"),
    ("01-trade", "any agreement must", "indirect", "Marta Lindqvist"),
    ("01-trade", "such a clause", "indirect", "Daniel Okoye"),
    ("01-trade", "permanent uncertainty", "partial", "Daniel Okoye"),
    ("01-trade", "the dispute could drag", "indirect", ""),
    ("01-trade", "Nobody wants to be", "direct", ""),
    ("01-trade", "melt and pour", "term", ""),
    (
        "01-trade",
        "the heart of the matter",
        "partial",
        "Marta Lindqvist",
    ),
    ("02-council", "a blank check", "partial", "Priya Raman"),
    ("02-council", "Our residents need", "direct", "Priya Raman"),
    ("02-council", "the team could leave", "indirect", "Victor Hale"),
    ("02-council", "If they go", "direct", "Victor Hale"),
    ("02-council", "Mark my words", "direct", "Victor Hale"),
    ("02-council", "she respected", "indirect", "Helen Brandt"),
    ("02-council", "keep every door open", "partial", "Helen Brandt"),
    ("02-council", "the old stadium needs", "indirect", ""),
    ("02-council", "the repairs are", "indirect", ""),
    ("03-strike", "We are exhausted", "direct", "Keisha Morrow"),
    ("03-strike", "the union", "indirect", "Alan Pruitt"),
    ("03-strike", "That money does not exist", "direct", "Alan Pruitt"),
    ("03-strike", "replacement nurses", "indirect", "Alan Pruitt"),
    ("03-strike", "scare tactics", "partial", "Keisha Morrow"),
    ("03-strike", "nurses would return", "indirect", "Keisha Morrow"),
    ("03-strike", "elective surgeries", "indirect", ""),
    ("03-strike", "Nobody is in danger", "direct", ""),
    ("04-election", "Every vote deserves", "direct", "Rosa Delgado"),
    ("04-election", "a fishing expedition", "partial", "Thomas Kerr"),
    (
        "04-election",
        "his campaign would appeal",
        "indirect",
        "Thomas Kerr",
    ),
    ("04-election", "The count was clean", "direct", "Thomas Kerr"),
    ("04-election", "the recount would take", "indirect", ""),
    ("04-election", "the machines had passed", "indirect", ""),
    (
        "04-election",
        "hundreds of mail ballots",
        "indirect",
        "Rosa Delgado",
    ),
    (
        "04-election",
        "the rejections followed",
        "indirect",
        "Thomas Kerr",
    ),
    ("05-drought", "I have planted half", "direct", "Ernesto Villa"),
    ("05-drought", "The other half", "direct", "Ernesto Villa"),
    ("05-drought", "We cannot give out water", "direct", "Laura Beck"),
    ("05-drought", "cities would face", "indirect", "Laura Beck"),
    (
        "05-drought",
        "growers had been asking",
        "indirect",
        "Ernesto Villa",
    ),
    ("05-drought", "Nobody listened", "direct", "Ernesto Villa"),
    ("05-drought", "the aquifer is dropping", "indirect", ""),
    ("05-drought", "shared sacrifice", "partial", ""),
    (
        "06-tech",
        "This was not a sophisticated",
        "direct",
        "Ingrid Sauer",
    ),
    ("06-tech", "the company would appeal", "indirect", "Mateo Ruiz"),
    ("06-tech", "the fine was", "indirect", "Mateo Ruiz"),
    ("06-tech", "wildly out of proportion", "partial", "Mateo Ruiz"),
    ("06-tech", "Fines like this", "direct", "Anne Kowalski"),
    ("06-tech", "the authority had opened", "indirect", "Ingrid Sauer"),
    ("07-school", "fighting a losing battle", "partial", "Grace Liu"),
    ("07-school", "teachers were", "indirect", "Grace Liu"),
    ("07-school", "Kids cannot focus", "direct", "Grace Liu"),
    ("07-school", "My daughter needs", "direct", "Mark Ellison"),
    ("07-school", "the board would take up", "indirect", "Omar Haddad"),
    ("07-school", "he favors a compromise", "indirect", "Omar Haddad"),
    ("07-school", "the plan needed work", "indirect", "Grace Liu"),
    ("07-school", "We heard the parents", "direct", "Grace Liu"),
];

/// Written after the rules above were settled and never tuned against:
/// the honest figures.
const HELDOUT: &[(&str, &str, &str, &str)] = &[
    ("01-port", "Robots don", "direct", "Luis Ferreira"),
    ("01-port", "a clear message", "partial", "Luis Ferreira"),
    ("01-port", "the vote sent", "indirect", "Luis Ferreira"),
    (
        "01-port",
        "it was disappointed",
        "indirect",
        "Pacific Shipping Association",
    ),
    ("01-port", "the port would lose", "indirect", "Karen Holt"),
    ("01-port", "Every week without a deal", "direct", "Karen Holt"),
    ("01-port", "automation has cut jobs", "indirect", ""),
    ("01-port", "productivity had risen", "indirect", "Luis Ferreira"),
    ("01-port", "talks could resume", "indirect", "Karen Holt"),
    ("01-port", "unrealistic", "partial", "Karen Holt"),
    (
        "02-museum",
        "it would return four",
        "indirect",
        "National Museum of Art",
    ),
    ("02-museum", "These works were taken", "direct", "Sophie Marchand"),
    (
        "02-museum",
        "the statues would be displayed",
        "indirect",
        "Abubakar Sani",
    ),
    (
        "02-museum",
        "Today is a day of healing",
        "direct",
        "Abubakar Sani",
    ),
    ("02-museum", "the return could set off", "indirect", ""),
    ("02-museum", "If a wave of justice", "direct", "Sophie Marchand"),
    ("02-museum", "gifts", "partial", "National Museum of Art"),
    ("03-flood", "the wall would protect", "indirect", "Paul Nakamura"),
    (
        "03-flood",
        "Without it, we are gambling",
        "direct",
        "Paul Nakamura",
    ),
    ("03-flood", "You are building a wall", "direct", "Ellen Tate"),
    ("03-flood", "the money would be better", "indirect", "Ellen Tate"),
    ("03-flood", "buyouts were part", "indirect", "Paul Nakamura"),
    ("03-flood", "the wall was", "indirect", "Paul Nakamura"),
    ("03-flood", "the only option", "partial", "Paul Nakamura"),
    ("03-flood", "a town vote would be held", "indirect", "Jane Ortiz"),
    ("03-flood", "People deserve to decide", "direct", "Jane Ortiz"),
];

#[derive(Default, Debug)]
struct Score {
    labelled: usize,
    found: usize,
    kind_ok: usize,
    expected_speakers: usize,
    predicted_speakers: usize,
    correct_speakers: usize,
}

fn score_labelled(verbose: bool) -> Score {
    score(LABELS, "labelled", verbose)
}

fn score(set: &[(&str, &str, &str, &str)], dir: &str, verbose: bool) -> Score {
    use briefing::corpus::{load_paths, LoadOptions};
    let mut sc = Score::default();
    let files: Vec<&str> = {
        let mut f: Vec<&str> = set.iter().map(|l| l.0).collect();
        f.dedup();
        f
    };
    for file in files {
        let path = format!("tests/fixtures/analysis/{dir}/{file}.txt");
        let arts = load_paths(&[path.into()], &LoadOptions::default()).articles;
        let an = analyze(&arts, &Lexicon::embedded());
        let labels: Vec<_> = set.iter().filter(|l| l.0 == file).collect();
        for q in &an.quotes {
            let text = q.at.text(&arts);
            let label = labels.iter().find(|l| text.starts_with(l.1));
            if q.speaker.is_some() {
                sc.predicted_speakers += 1;
                if label.is_some_and(|l| l.3 == speaker(&an, q)) {
                    sc.correct_speakers += 1;
                } else if verbose {
                    eprintln!("WRONG speaker {file}: {} -> {}", text, speaker(&an, q));
                }
            }
            if label.is_none() && verbose {
                eprintln!(
                    "unlabelled {file}: [{}] {} ({:?})",
                    q.kind.name(),
                    text,
                    q.speaker_text
                );
            }
        }
        for l in labels {
            sc.labelled += 1;
            if !l.3.is_empty() {
                sc.expected_speakers += 1;
            }
            let q = an.quotes.iter().find(|q| q.at.text(&arts).starts_with(l.1));
            match q {
                Some(q) => {
                    sc.found += 1;
                    if q.kind.name() == l.2 {
                        sc.kind_ok += 1;
                    } else if verbose {
                        eprintln!("kind {file}: {:?} got {} want {}", l.1, q.kind.name(), l.2);
                    }
                    if verbose && !l.3.is_empty() && speaker(&an, q) != l.3 {
                        eprintln!(
                            "MISSED speaker {file}: {:?} got {:?} ({:?})",
                            l.1,
                            speaker(&an, q),
                            q.speaker_text
                        );
                    }
                }
                None => {
                    if verbose {
                        eprintln!("NOT FOUND {file}: {:?}", l.1);
                    }
                }
            }
        }
    }
    sc
}

/// Prints the figures written into docs/quality.md:
/// `cargo test --test analysis_quotes labelled_speaker_quality -- --ignored --nocapture`
#[test]
#[ignore]
fn labelled_speaker_quality() {
    for (name, set, dir) in [("tuned", LABELS, "labelled"), ("held-out", HELDOUT, "heldout")] {
        eprintln!("== {name}");
        report(score(set, dir, true));
    }
}

fn report(sc: Score) {
    let p = sc.correct_speakers as f64 / sc.predicted_speakers.max(1) as f64;
    let r = sc.correct_speakers as f64 / sc.expected_speakers.max(1) as f64;
    eprintln!("{sc:?}");
    eprintln!(
        "quotes found {}/{}; kind right {}/{}; speaker precision {:.2} ({}/{}), recall {:.2} ({}/{})",
        sc.found,
        sc.labelled,
        sc.kind_ok,
        sc.labelled,
        p,
        sc.correct_speakers,
        sc.predicted_speakers,
        r,
        sc.correct_speakers,
        sc.expected_speakers
    );
}

/// A floor under the labelled figures so a regression fails the build.
#[test]
fn labelled_speakers_stay_precise() {
    let sc = score_labelled(false);
    assert!(sc.labelled >= 50);
    let p = sc.correct_speakers as f64 / sc.predicted_speakers.max(1) as f64;
    let r = sc.correct_speakers as f64 / sc.expected_speakers.max(1) as f64;
    assert!(p >= 0.85, "precision {p:.2} {sc:?}");
    assert!(r >= 0.6, "recall {r:.2} {sc:?}");
}

/// Times my stages on a ~5 MB corpus made of the seeds and fixtures
/// repeated (prints only; speed is not asserted):
/// `cargo test --release --test analysis_quotes stage_timings -- --ignored --nocapture`
#[test]
#[ignore]
fn stage_timings() {
    use briefing::analysis::{actors, quotes, sentences};
    let mut arts = load_embedded().articles;
    let extra = briefing::corpus::load_paths(
        &std::fs::read_dir("tests/fixtures/analysis/labelled")
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect::<Vec<_>>(),
        &briefing::corpus::LoadOptions::default(),
    );
    arts.extend(extra.articles);
    let base = arts.clone();
    let mut bytes: usize = 0;
    while bytes < 5_000_000 {
        for a in &base {
            bytes += a.blocks.iter().map(|b| b.text.len()).sum::<usize>();
            arts.push(a.clone());
        }
    }
    let lex = Lexicon::embedded();
    let t = std::time::Instant::now();
    let s = sentences::split_corpus(&arts);
    let t1 = t.elapsed();
    let (ac, m) = actors::find(&arts, &lex);
    let t2 = t.elapsed();
    let q = quotes::find(&arts, &s, &ac, &m, &lex);
    let t3 = t.elapsed();
    eprintln!(
        "{} bytes, {} articles: {} sentences in {:?}; {} actors, {} mentions in {:?}; {} quotes in {:?}",
        bytes,
        arts.len(),
        s.len(),
        t1,
        ac.len(),
        m.len(),
        t2 - t1,
        q.len(),
        t3 - t2
    );
}

mod never_panics {
    use briefing::analysis::{analyze, Lexicon};
    use briefing::corpus::{Article, Block, BlockKind, Format};
    use briefing::text::Span;
    use proptest::prelude::*;

    fn words() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "Petro",
            "Petro\u{2019}s",
            "he",
            "she",
            "said",
            "said,",
            "argued that",
            "Skeptics",
            "\u{201C}",
            "\u{201D}",
            "\"",
            ",",
            ".",
            "the",
            "Ana Ruiz",
            "Ruiz",
            "wrote",
            "on",
            "U.S.",
            "…",
            "?",
            "—",
            "Washington",
            "that",
            "the mayor",
            "é",
            "\u{301}",
            " ",
            "\n",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn analysis_of_odd_text(paras in prop::collection::vec(words(), 1..5), tail in any::<String>()) {
            let mut a = Article::new("p", Format::Plain);
            for (i, p) in paras.iter().chain(std::iter::once(&tail)).enumerate() {
                let kind = BlockKind::ALL[i % BlockKind::ALL.len()];
                a.blocks.push(Block::new(kind, p.clone(), i as u32 + 1, Span::default()));
            }
            let arts = vec![a];
            let an = analyze(&arts, &Lexicon::embedded());
            for q in &an.quotes {
                let b = &arts[0].blocks[q.at.block as usize].text;
                prop_assert!(b.is_char_boundary(q.at.span.start as usize));
                prop_assert!(b.is_char_boundary(q.at.span.end as usize));
                prop_assert!((q.sentence as usize) < an.sentences.len());
            }
            for m in &an.mentions {
                prop_assert!((m.actor as usize) < an.actors.len());
            }
        }
    }
}

fn load_pattern(file: &str) -> (Vec<Article>, Analysis) {
    use briefing::corpus::{load_paths, LoadOptions};
    let path = format!("tests/fixtures/analysis/patterns/{file}");
    let arts = load_paths(&[path.into()], &LoadOptions::default()).articles;
    let an = analyze(&arts, &Lexicon::embedded());
    (arts, an)
}

/// (speaker's actor name or "", speaker_text) of the quote starting `starts`.
fn who(arts: &[Article], an: &Analysis, starts: &str) -> (String, Option<String>) {
    let q = find(arts, an, starts);
    (speaker(an, q), q.speaker_text.as_deref().map(String::from))
}

#[test]
fn pronoun_never_skips_a_nearer_name_and_proxies_are_not_their_principal() {
    let (arts, an) = load_pattern("pronouns-proxies.txt");
    // `Park disagreed.` stands between Lopez and `he`: Park is no actor, so
    // no one, not Lopez.
    assert_eq!(
        who(&arts, &an, "It will raise rents"),
        (String::new(), Some("he".into()))
    );
    // `said Park’s spokesman, Tom Reyes`: not Park.
    let (name, text) = who(&arts, &an, "We'll see");
    assert!(!name.contains("Park"), "{name}");
    assert!(
        text.as_deref().is_some_and(|t| t.contains("Tom Reyes")),
        "{text:?}"
    );
    // `said: “I will sign it.”` is a direct quote, not also reported speech.
    for q in &an.quotes {
        let t = q.at.text(&arts);
        assert!(!t.starts_with([':', '"', '\u{201C}']), "{t:?}");
        assert!(!t.ends_with(['"', '\u{201D}', ':']), "{t:?}");
    }
    assert_eq!(find(&arts, &an, "I will sign it").kind, QuoteKind::Direct);
}

#[test]
fn titles_relatives_coordination_and_foreign_marks() {
    let (arts, an) = load_pattern("titles-and-marks.txt");
    assert_eq!(who(&arts, &an, "We will not back down").0, "Diane Okafor");
    // A coordinated subject: its first named actor, never the bare head noun.
    let (name, text) = who(&arts, &an, "the plan is unfair");
    assert_eq!(name, "Marcus Webb");
    assert_ne!(text.as_deref(), Some("members"));
    // Not an actor: no speaker, but the name is kept, titles dropped.
    assert_eq!(who(&arts, &an, "the cuts were").1.as_deref(), Some("Doug Burgum"));
    let q = find(&arts, &an, "It works");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.speaker_text.as_deref(), Some("Jane Doe"));
    assert!(find(&arts, &an, "Wir handeln jetzt").speaker_text.is_some());
    assert_eq!(
        who(&arts, &an, "Nous agirons").1.as_deref(),
        Some("Emmanuel Macron")
    );
    for q in &an.quotes {
        let t = q.speaker_text.as_deref().unwrap_or("");
        // Relative pronouns, lone articles, a place after `in`, and clauses
        // with no subject of their own never make speakers.
        assert!(
            !matches!(t, "that" | "which" | "a" | "members" | "leaders" | "Pinal County"),
            "{t}"
        );
        assert!(!q.at.text(&arts).starts_with("has been"));
    }
}

#[test]
fn pronouns_agree_in_gender_with_their_antecedent() {
    let (arts, an) = load_pattern("pronoun-gender.txt");
    // Mark Diaz is the nearer subject, but `she` cannot mean him: the
    // earlier Jane Ortiz, whose given name says she can.
    let (name, text) = who(&arts, &an, "It is reckless");
    assert_eq!(name, "Jane Ortiz");
    assert_eq!(text.as_deref(), Some("she"));
    assert_eq!(who(&arts, &an, "We cannot afford").0, "Mark Diaz");
    // No woman named in the paragraph: no speaker rather than a wrong one.
    assert_eq!(
        who(&arts, &an, "A delay costs"),
        (String::new(), Some("she".into()))
    );
}
