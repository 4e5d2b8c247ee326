//! A held-out pack on two stories the rules were not written for (an
//! EU–Mercosur trade deal, a city transit strike), loaded one story at a
//! time as a user would: speakers, and the actor of each stance read from a
//! table cell or a list clause. Figures go in docs/quality.md:
//! `cargo test --test analysis_world world_quality -- --ignored --nocapture`

use briefing::analysis::{analyze, Analysis, Lexicon, StanceSource};
use briefing::corpus::{load_paths, Article, LoadOptions};

/// Stories: the files of each, analysed together.
const STORIES: &[&[&str]] = &[
    &["01-mercosur-deal", "02-mercosur-summit"],
    &["03-transit-strike", "04-transit-talks"],
];

/// (file, start of the quoted words, kind, speaker's canonical name; `a|b`
/// when either is right; "" when no actor should be given).
const QUOTES: &[(&str, &str, &str, &str)] = &[
    (
        "01-mercosur-deal",
        "negotiators had settled",
        "indirect",
        "European Union|Mercosur",
    ),
    (
        "01-mercosur-deal",
        "This agreement is about more",
        "direct",
        "Ursula von der Leyen",
    ),
    (
        "01-mercosur-deal",
        "binding commitments",
        "partial",
        "Ursula von der Leyen",
    ),
    (
        "01-mercosur-deal",
        "the text now includes",
        "indirect",
        "Ursula von der Leyen",
    ),
    (
        "01-mercosur-deal",
        "the bloc would not accept",
        "indirect",
        "Luiz Inácio Lula da Silva",
    ),
    (
        "01-mercosur-deal",
        "We negotiated in good faith",
        "direct",
        "Luiz Inácio Lula da Silva",
    ),
    ("01-mercosur-deal", "the deal", "indirect", "Emmanuel Macron"),
    (
        "01-mercosur-deal",
        "in its current form",
        "partial",
        "Emmanuel Macron",
    ),
    (
        "01-mercosur-deal",
        "imports of South American beef",
        "indirect",
        "",
    ),
    (
        "01-mercosur-deal",
        "a binding annex",
        "indirect",
        "European Commission",
    ),
    (
        "01-mercosur-deal",
        "a fast phase-out",
        "indirect",
        "German government",
    ),
    (
        "01-mercosur-deal",
        "We are asked to compete",
        "direct",
        "Arnaud Rousseau",
    ),
    ("01-mercosur-deal", "they would return next week", "indirect", ""),
    (
        "02-mercosur-summit",
        "The door is open",
        "direct",
        "Luiz Inácio Lula da Silva",
    ),
    ("02-mercosur-summit", "his country", "indirect", "Yamandú Orsi"),
    (
        "02-mercosur-summit",
        "For us this is about jobs",
        "direct",
        "Yamandú Orsi",
    ),
    (
        "02-mercosur-summit",
        "it would not sign",
        "indirect",
        "French government",
    ),
    (
        "02-mercosur-summit",
        "the safeguard clause is a red line",
        "indirect",
        "French government",
    ),
    ("02-mercosur-summit", "Europe", "indirect", "Friedrich Merz"),
    (
        "02-mercosur-summit",
        "cannot afford to lose",
        "partial",
        "Friedrich Merz",
    ),
    ("02-mercosur-summit", "the summit showed", "indirect", ""),
    (
        "02-mercosur-summit",
        "Everyone wants the deal",
        "direct",
        "Carla Mendes",
    ),
    (
        "03-transit-strike",
        "Our members have gone",
        "direct",
        "Denise Okonkwo",
    ),
    (
        "03-transit-strike",
        "drivers were also worried",
        "indirect",
        "Denise Okonkwo",
    ),
    (
        "03-transit-strike",
        "the strike was illegal",
        "indirect",
        "Metropolitan Transit Authority",
    ),
    (
        "03-transit-strike",
        "the authority had offered",
        "indirect",
        "Robert Lang",
    ),
    (
        "03-transit-strike",
        "That offer is still",
        "direct",
        "Robert Lang",
    ),
    (
        "03-transit-strike",
        "Every day of this strike",
        "direct",
        "Sofia Brennan",
    ),
    ("03-transit-strike", "they were walking", "indirect", ""),
    ("03-transit-strike", "the strike hurts", "indirect", ""),
    (
        "04-transit-talks",
        "the authority would seek",
        "indirect",
        "Robert Lang",
    ),
    (
        "04-transit-talks",
        "We respect the right",
        "direct",
        "Robert Lang",
    ),
    ("04-transit-talks", "a stunt", "partial", "Denise Okonkwo"),
    (
        "04-transit-talks",
        "her members would stay",
        "indirect",
        "Denise Okonkwo",
    ),
    ("04-transit-talks", "she had spoken", "indirect", "Sofia Brennan"),
    ("04-transit-talks", "the strike could cost", "indirect", ""),
];

/// (file, words inside the stance's evidence, actor's canonical name): the
/// stances tables and lists must give.
const STANCES: &[(&str, &str, &str)] = &[
    ("01-mercosur-deal", "Keep the annual quota", "European Union"),
    (
        "01-mercosur-deal",
        "Binding annex with sanctions",
        "European Union",
    ),
    ("01-mercosur-deal", "Phase out tariffs", "European Union"),
    ("01-mercosur-deal", "Raise the quota", "Mercosur"),
    ("01-mercosur-deal", "No new conditions", "Mercosur"),
    ("01-mercosur-deal", "Longer transition for local", "Mercosur"),
    ("01-mercosur-deal", "France demands", "French government"),
    ("01-mercosur-deal", "Brazil wants", "Brazilian government"),
    ("01-mercosur-deal", "Commission insists", "European Commission"),
    ("01-mercosur-deal", "Argentina rejects", "Argentine government"),
    ("01-mercosur-deal", "Germany pushes", "German government"),
    ("01-mercosur-deal", "Mercosur seeks", "Mercosur"),
    ("02-mercosur-summit", "Full quota without", "Brazilian government"),
    (
        "02-mercosur-summit",
        "Recognition of national laws",
        "Brazilian government",
    ),
    (
        "02-mercosur-summit",
        "Safeguard clause triggered",
        "French government",
    ),
    (
        "02-mercosur-summit",
        "Mirror clauses on pesticides",
        "French government",
    ),
    (
        "02-mercosur-summit",
        "full beef quota",
        "Luiz Inácio Lula da Silva",
    ),
    ("02-mercosur-summit", "a safeguard clause", "French government"),
    (
        "03-transit-strike",
        "12 percent over three",
        "Amalgamated Transit Workers Union",
    ),
    (
        "03-transit-strike",
        "Two-person crews",
        "Amalgamated Transit Workers Union",
    ),
    (
        "03-transit-strike",
        "Cap mandatory overtime",
        "Amalgamated Transit Workers Union",
    ),
    (
        "03-transit-strike",
        "4 percent now",
        "Metropolitan Transit Authority",
    ),
    (
        "03-transit-strike",
        "More cameras",
        "Metropolitan Transit Authority",
    ),
    ("03-transit-strike", "No cap", "Metropolitan Transit Authority"),
    (
        "04-transit-talks",
        "two-person night crews",
        "Amalgamated Transit Workers Union",
    ),
    (
        "04-transit-talks",
        "more cameras",
        "Metropolitan Transit Authority",
    ),
    (
        "04-transit-talks",
        "the union wants",
        "Amalgamated Transit Workers Union",
    ),
    (
        "04-transit-talks",
        "the authority offers",
        "Metropolitan Transit Authority",
    ),
    ("04-transit-talks", "Okonkwo demands", "Denise Okonkwo"),
    ("04-transit-talks", "Lang promises", "Robert Lang"),
];

fn load(story: &[&str]) -> (Vec<Article>, Analysis) {
    let paths: Vec<std::path::PathBuf> = story
        .iter()
        .map(|f| format!("tests/fixtures/analysis/world/{f}.txt").into())
        .collect();
    let arts = load_paths(&paths, &LoadOptions::default()).articles;
    let an = analyze(&arts, &Lexicon::embedded());
    (arts, an)
}

fn file_of(arts: &[Article], article: u32) -> String {
    arts.get(article as usize)
        .map(|a| {
            std::path::Path::new(&a.path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

fn name(an: &Analysis, id: Option<u32>) -> String {
    id.and_then(|s| an.actors.get(s as usize))
        .map(|a| a.name.clone())
        .unwrap_or_default()
}

fn right(label: &str, got: &str) -> bool {
    label.split('|').any(|l| l == got)
}

#[derive(Default, Debug)]
struct Score {
    quotes: usize,
    found: usize,
    expected_speakers: usize,
    predicted_speakers: usize,
    correct_speakers: usize,
    stance_labels: usize,
    stance_right: usize,
    structural_stances: usize,
    structural_wrong: usize,
}

fn score(verbose: bool) -> Score {
    let mut sc = Score::default();
    for story in STORIES {
        let (arts, an) = load(story);
        if verbose {
            let names: Vec<String> = an
                .actors
                .iter()
                .map(|a| format!("{} ({}, {})", a.name, a.kind.name(), a.mentions))
                .collect();
            eprintln!("actors: {}", names.join("; "));
        }
        for q in &an.quotes {
            let file = file_of(&arts, q.at.article);
            let text = q.at.text(&arts);
            let label = QUOTES.iter().find(|l| l.0 == file && text.starts_with(l.1));
            if q.speaker.is_some() {
                sc.predicted_speakers += 1;
                let got = name(&an, q.speaker);
                if label.is_some_and(|l| right(l.3, &got)) {
                    sc.correct_speakers += 1;
                } else if verbose {
                    eprintln!("WRONG speaker {file}: {text} -> {got}");
                }
            }
        }
        for l in QUOTES.iter().filter(|l| story.contains(&l.0)) {
            sc.quotes += 1;
            if !l.3.is_empty() {
                sc.expected_speakers += 1;
            }
            let q = an
                .quotes
                .iter()
                .find(|q| file_of(&arts, q.at.article) == l.0 && q.at.text(&arts).starts_with(l.1));
            match q {
                Some(q) => {
                    sc.found += 1;
                    let got = name(&an, q.speaker);
                    if verbose && !l.3.is_empty() && !right(l.3, &got) {
                        eprintln!(
                            "MISSED speaker {}: {:?} got {got:?} ({:?})",
                            l.0, l.1, q.speaker_text
                        );
                    }
                }
                None if verbose => eprintln!("NOT FOUND {}: {:?}", l.0, l.1),
                None => {}
            }
        }
        for s in an
            .stances
            .iter()
            .filter(|s| matches!(s.source, StanceSource::Table | StanceSource::List))
        {
            sc.structural_stances += 1;
            let file = file_of(&arts, s.at.article);
            let text = s.at.text(&arts);
            let got = name(&an, Some(s.actor));
            let ok = STANCES
                .iter()
                .any(|l| l.0 == file && text.contains(l.1) && l.2 == got);
            if !ok {
                sc.structural_wrong += 1;
                if verbose {
                    eprintln!("unlabelled/wrong stance {file}: {text:?} -> {got}");
                }
            }
        }
        for l in STANCES.iter().filter(|l| story.contains(&l.0)) {
            sc.stance_labels += 1;
            let hit = an.stances.iter().any(|s| {
                file_of(&arts, s.at.article) == l.0
                    && s.at.text(&arts).contains(l.1)
                    && name(&an, Some(s.actor)) == l.2
            });
            if hit {
                sc.stance_right += 1;
            } else if verbose {
                eprintln!("MISSED stance {}: {:?} for {}", l.0, l.1, l.2);
            }
        }
    }
    sc
}

/// Prints the figures in docs/quality.md.
#[test]
#[ignore]
fn world_quality() {
    let sc = score(true);
    eprintln!("{sc:?}");
    eprintln!(
        "speaker precision {}/{}, recall {}/{}; stance cells right {}/{}; structural stances wrong {}/{}",
        sc.correct_speakers,
        sc.predicted_speakers,
        sc.correct_speakers,
        sc.expected_speakers,
        sc.stance_right,
        sc.stance_labels,
        sc.structural_wrong,
        sc.structural_stances
    );
}

/// A floor under the figures so a regression fails the build.
#[test]
fn world_pack_stays_precise() {
    let sc = score(false);
    assert!(sc.quotes >= 30 && sc.stance_labels >= 30, "{sc:?}");
    let p = sc.correct_speakers as f64 / sc.predicted_speakers.max(1) as f64;
    let r = sc.correct_speakers as f64 / sc.expected_speakers.max(1) as f64;
    assert!(p >= 0.9, "precision {p:.2} {sc:?}");
    assert!(r >= 0.75, "recall {r:.2} {sc:?}");
    assert!(sc.stance_right * 10 >= sc.stance_labels * 8, "{sc:?}");
    assert_eq!(sc.structural_wrong, 0, "{sc:?}");
}

/// Bare country and capital names that name the place give no speaker and
/// no stance; the same names as subjects do.
#[test]
fn places_are_not_speakers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("farm.txt");
    std::fs::write(
        &path,
        "Farm Protest Spreads\n\n\
         Farmers in France said the trade deal would ruin them. Protesters in Paris argued that \
         beef imports must stop. In Brussels, farmers blocked roads. Brazil’s forest law was cited.\n\n\
         Farmers in France want lower beef quotas under the trade deal.\n\n\
         Later, France said it would veto the trade deal. Brazil wants a trade deal with lower tariffs and more investment.\n",
    )
    .expect("write");
    let arts = load_paths(&[path], &LoadOptions::default()).articles;
    let an = analyze(&arts, &Lexicon::embedded());
    let said: Vec<(String, String)> = an
        .quotes
        .iter()
        .filter(|q| q.speaker.is_some())
        .map(|q| (name(&an, q.speaker), q.at.text(&arts).to_string()))
        .collect();
    assert_eq!(
        said,
        vec![(
            "French government".to_string(),
            "it would veto the trade deal".to_string()
        )],
        "{said:?}"
    );
    for s in &an.stances {
        let text = s.at.text(&arts);
        assert!(
            !text.contains("Farmers") && !text.contains("Protesters"),
            "{} <- {text}",
            name(&an, Some(s.actor))
        );
    }
    assert!(an
        .stances
        .iter()
        .any(|s| name(&an, Some(s.actor)) == "Brazilian government"));
}
