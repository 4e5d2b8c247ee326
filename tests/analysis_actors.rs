//! Actors and mentions over the embedded seeds and handmade fixtures.

use briefing::analysis::{actors, ActorKind, Lexicon};
use briefing::corpus::{load_embedded, load_paths, LoadOptions};

fn seeds() -> (
    Vec<briefing::analysis::Actor>,
    Vec<briefing::analysis::Mention>,
    Vec<briefing::corpus::Article>,
) {
    let arts = load_embedded().articles;
    let (a, m) = actors::find(&arts, &Lexicon::embedded());
    (a, m, arts)
}

#[test]
fn seed_actors_from_the_lexicon() {
    let (a, m, arts) = seeds();
    for x in &a {
        eprintln!(
            "{} {:?} {} {:?} {:?}",
            x.name, x.kind, x.mentions, x.mentions_by_article, x.discovered
        );
    }
    let petro = a.iter().find(|x| x.name == "Gustavo Petro").expect("Petro");
    assert!(petro.mentions >= 20, "{}", petro.mentions);
    assert!(petro.mentions_by_article.dense().all(|n| n > 0));
    let us = a.iter().find(|x| x.name == "U.S. government").expect("US gov");
    assert_eq!(us.kind, ActorKind::Government);
    assert!(a.iter().any(|x| x.name == "Donald Trump"));
    assert!(a.iter().any(|x| x.name == "Colombian government"));
    // Photographers and bylines are not actors.
    assert!(!a
        .iter()
        .any(|x| x.name.contains("Cano") || x.name.contains("Freixes")));
    // Dense ids; mentions sorted and pointing at the words.
    for (i, x) in a.iter().enumerate() {
        assert_eq!(x.id as usize, i);
        assert!(x.mentions > 0);
    }
    for w in m.windows(2) {
        assert!(
            (w[0].at.article, w[0].at.block, w[0].at.span.start)
                <= (w[1].at.article, w[1].at.block, w[1].at.span.start)
        );
    }
    for x in &m {
        assert!(!x.at.text(&arts).is_empty());
    }
    assert!(m.iter().any(|x| x.possessive && x.at.text(&arts) == "Petro"));
}

#[test]
fn fixture_discovery_on_another_story() {
    let loaded = load_paths(
        &["tests/fixtures/analysis/council-budget.txt".into()],
        &LoadOptions::default(),
    );
    let arts = loaded.articles;
    let (a, _) = actors::find(&arts, &Lexicon::embedded());
    let names: Vec<&str> = a.iter().map(|x| x.name.as_str()).collect();
    assert!(names.contains(&"Diane Okafor"), "{names:?}");
    assert!(names.contains(&"Ramon Alvarez"), "{names:?}");
    assert!(
        !names.iter().any(|n| n.contains("Petro") || n.contains("Trump")),
        "{names:?}"
    );
    assert!(
        !names
            .iter()
            .any(|n| n.contains("Elm Street") || *n == "Riverside"),
        "{names:?}"
    );
    assert!(names.contains(&"Riverside Teachers Union"), "{names:?}");
    let ok = a.iter().find(|x| x.name == "Diane Okafor").unwrap();
    assert_eq!(ok.kind, ActorKind::Person);
    assert!(ok.mentions >= 3, "{}", ok.mentions);
    assert_eq!(actors::lookup(&a, "okafor"), Some(ok.id));
}

#[test]
fn cli_lexicon_file_merges_over_the_embedded_one() {
    use briefing::cmd::{lexicon, Input};
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("lex.json");
    std::fs::write(
        &good,
        r#"{"actors": [{"name": "Diane Okafor", "kind": "person", "aliases": ["the mayor"]},
                       {"name": "Gustavo Petro", "kind": "person", "aliases": ["El Presidente"]}],
            "group_nouns": ["librarians"]}"#,
    )
    .unwrap();
    let input = Input {
        paths: vec![],
        lexicon: Some(good),
    };
    let lex = lexicon(&input).unwrap();
    let petro = lex.actor_named("el presidente").expect("merged alias");
    assert_eq!(petro.name, "Gustavo Petro");
    assert!(
        petro.aliases.iter().any(|a| a == "Petro"),
        "embedded aliases kept"
    );
    assert!(lex.actor_named("the mayor").is_some());
    assert!(lex.group_nouns.iter().any(|g| g == "librarians"));

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\n  \"actors\": [\n    {\"name\": \"X\"}\n  ]\n}\n").unwrap();
    let err = lexicon(&Input {
        paths: vec![],
        lexicon: Some(bad.clone()),
    })
    .unwrap_err()
    .to_string();
    assert!(err.contains("bad.json:3:"), "{err}");
}

#[test]
fn cli_actors_and_quotes_filters() {
    use briefing::cmd::quotes::{render, select, QuotesArgs};
    use briefing::cmd::Input;
    let index = briefing::cmd::open(&Input::default()).unwrap();
    let text = briefing::cmd::actors::render(&index);
    assert!(text.starts_with("Gustavo Petro (person)"), "{text}");
    let args = |speaker: Option<&str>, kind: Option<&str>| QuotesArgs {
        input: Input::default(),
        speaker: speaker.map(String::from),
        issue: None,
        kind: kind.map(String::from),
        json: false,
    };
    let by_petro = select(&index, &args(Some("petro"), Some("direct"))).unwrap();
    assert_eq!(by_petro.len(), 2);
    let out = render(&index, &by_petro);
    assert!(
        out.starts_with("[direct] Gustavo Petro: \u{201C}I am beginning"),
        "{out}"
    );
    assert!(out.contains("(line "));
    let skeptics = select(&index, &args(Some("skeptics"), None)).unwrap();
    assert_eq!(skeptics.len(), 1);
    let bogota = select(&index, &args(Some("BOGOTA"), None)).unwrap();
    assert!(bogota.iter().all(|q| q.speaker == bogota[0].speaker));
    assert!(select(&index, &args(Some("nobody at all"), None)).is_err());
    assert!(select(&index, &args(None, Some("bogus"))).is_err());
}
