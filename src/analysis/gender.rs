//! Grammatical gender of a person, where the text or the name says it, so
//! `he`/`she` is never resolved to a person the pronoun cannot mean
//! (precision first: a wrong speaker is worse than none). Read from
//! honorifics and gendered titles in the actor's names (`Mrs. Ortiz`,
//! `Congressman Diaz`) and from common given names
//! (`assets/lexicon/given_names.json`, format in docs/lexicon-format.md).
//! Unknown stays unknown: then the pronoun may still refer to the person.

use super::{Actor, ActorKind};
use crate::text::fold;
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

#[derive(Deserialize)]
struct Raw {
    female: Vec<String>,
    male: Vec<String>,
    female_titles: Vec<String>,
    male_titles: Vec<String>,
}

struct Names {
    female: HashSet<String>,
    male: HashSet<String>,
    female_titles: HashSet<String>,
    male_titles: HashSet<String>,
}

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        // A unit test parses the file; a broken one would only lose genders.
        let raw: Option<Raw> =
            serde_json::from_str(include_str!("../../assets/lexicon/given_names.json")).ok();
        let set = |v: Option<&Vec<String>>| v.into_iter().flatten().map(|s| fold(s)).collect();
        Names {
            female: set(raw.as_ref().map(|r| &r.female)),
            male: set(raw.as_ref().map(|r| &r.male)),
            female_titles: set(raw.as_ref().map(|r| &r.female_titles)),
            male_titles: set(raw.as_ref().map(|r| &r.male_titles)),
        }
    })
}

/// The gender `he` or `she` asks for (`None` for any other word).
pub fn of_pronoun(word: &str) -> Option<Gender> {
    match fold(word).as_str() {
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        _ => None,
    }
}

/// A person's gender when every clue agrees; `None` when there is none,
/// when clues disagree, or when the actor is not a person.
pub fn of_actor(actor: &Actor) -> Option<Gender> {
    if actor.kind != ActorKind::Person {
        return None;
    }
    let n = names();
    let mut found: Option<Gender> = None;
    let mut clash = false;
    let mut note = |g: Gender| match found {
        None => found = Some(g),
        Some(f) if f != g => clash = true,
        _ => {}
    };
    for form in std::iter::once(&actor.name).chain(actor.aliases.iter()) {
        let folded = fold(form);
        let ws: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        // Titles anywhere before the last word; the given name is the first
        // word that is no title, and only in a name of two words or more
        // (a lone `Diaz` is a surname).
        let mut given = None;
        for (i, w) in ws.iter().enumerate() {
            if i + 1 < ws.len() && n.female_titles.contains(*w) {
                note(Gender::Female);
            } else if i + 1 < ws.len() && n.male_titles.contains(*w) {
                note(Gender::Male);
            } else if given.is_none() && i + 1 < ws.len() {
                given = Some(*w);
            }
        }
        match given {
            Some(g) if n.female.contains(g) => note(Gender::Female),
            Some(g) if n.male.contains(g) => note(Gender::Male),
            _ => {}
        }
    }
    if clash {
        None
    } else {
        found
    }
}

/// Whether a pronoun asking for `want` may refer to a person of gender
/// `have` (either unknown: it may).
pub fn fits(want: Option<Gender>, have: Option<Gender>) -> bool {
    match (want, have) {
        (Some(w), Some(g)) => w == g,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, aliases: &[&str]) -> Actor {
        Actor {
            id: 0,
            name: name.into(),
            kind: ActorKind::Person,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            mentions: 0,
            mentions_by_article: Default::default(),
            discovered: true,
        }
    }

    #[test]
    fn the_data_file_parses_and_has_no_name_in_both_lists() {
        let raw: Raw = serde_json::from_str(include_str!("../../assets/lexicon/given_names.json"))
            .expect("given_names.json parses");
        assert!(raw.female.len() > 100 && raw.male.len() > 100);
        let f: HashSet<_> = raw.female.iter().collect();
        assert!(raw.male.iter().all(|m| !f.contains(m)));
        let ft: HashSet<_> = raw.female_titles.iter().collect();
        assert!(raw.male_titles.iter().all(|m| !ft.contains(m)));
    }

    #[test]
    fn given_names_and_titles_give_a_gender() {
        assert_eq!(of_actor(&person("Jane Ortiz", &[])), Some(Gender::Female));
        assert_eq!(of_actor(&person("Mark Diaz", &["Diaz"])), Some(Gender::Male));
        assert_eq!(
            of_actor(&person("Okafor", &["Mrs. Okafor"])),
            Some(Gender::Female)
        );
        assert_eq!(
            of_actor(&person("Lee Park", &["Congressman Park"])),
            Some(Gender::Male)
        );
        assert_eq!(of_actor(&person("María José Gómez", &[])), Some(Gender::Female));
    }

    #[test]
    fn unknown_or_contradictory_stays_unknown() {
        // A surname alone, a name worn by both, a clash of clues.
        assert_eq!(of_actor(&person("Diaz", &[])), None);
        assert_eq!(of_actor(&person("Robin Hale", &[])), None);
        assert_eq!(of_actor(&person("Jane Ortiz", &["Mr. Ortiz"])), None);
        let mut gov = person("Jane Ortiz", &[]);
        gov.kind = ActorKind::Government;
        assert_eq!(of_actor(&gov), None);
    }

    #[test]
    fn pronouns_ask_for_a_gender_only_when_they_have_one() {
        assert_eq!(of_pronoun("She"), Some(Gender::Female));
        assert_eq!(of_pronoun("his"), Some(Gender::Male));
        assert_eq!(of_pronoun("they"), None);
        let jane = of_actor(&person("Jane Ortiz", &[]));
        assert!(fits(Some(Gender::Female), jane));
        assert!(!fits(Some(Gender::Male), jane));
        assert!(fits(Some(Gender::Male), of_actor(&person("Diaz", &[]))));
        assert!(fits(None, jane));
    }
}
