//! Actors and mentions over the embedded seeds and handmade fixtures.

use briefing::analysis::{actors, sentences, ActorKind, Lexicon};
use briefing::corpus::{load_embedded, load_paths, LoadOptions};

fn seeds() -> (
    Vec<briefing::analysis::Actor>,
    Vec<briefing::analysis::Mention>,
    Vec<briefing::corpus::Article>,
) {
    let arts = load_embedded().articles;
    let s = sentences::split_corpus(&arts);
    let (a, m) = actors::find(&arts, &s, &Lexicon::embedded());
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
    assert!(petro.mentions_by_article.iter().all(|&n| n > 0));
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
    let s = sentences::split_corpus(&arts);
    let (a, _) = actors::find(&arts, &s, &Lexicon::embedded());
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
