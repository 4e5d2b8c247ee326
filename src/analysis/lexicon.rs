//! Lexicons: actors (with aliases, titles, metonyms), issues (with keywords)
//! and speech/stance verbs, as data in `assets/lexicon/`. Code holds no
//! story-specific names. (Format: docs/lexicon-format.md.)
//!
//! Every lexicon file has the same shape (a JSON object whose keys are all
//! optional), so the embedded lexicon is just its files merged in order, and
//! a user's `--lexicon FILE` is merged over it the same way.

use super::ActorKind;
use crate::text::fold;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

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
    /// Bare place names (`France`, `Paris`) that mostly name the place: they
    /// stand for the actor only where a place cannot be meant (the subject
    /// of a speech or stance verb, a table header, a list lead or the start
    /// of a list clause). See `actors` for the exact rule.
    pub places: Vec<String>,
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

/// A lexicon file that could not be used, with where it went wrong.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{}: cannot read: {err}", shown(path))]
    Io {
        path: PathBuf,
        // Not a `#[source]`: the message already says it, and error
        // chains would print it twice.
        err: std::io::Error,
    },
    #[error("{}:{line}:{column}: {message}", shown(path))]
    Parse {
        path: PathBuf,
        /// 1-based line of the offending JSON.
        line: usize,
        column: usize,
        message: String,
    },
}

/// A path as it may be printed: a file name can hold escape sequences.
fn shown(path: &Path) -> String {
    crate::text::sanitize::sanitize_line(&path.display().to_string())
}

/// Lexicons are small; a larger file is a mistake (or `/dev/zero`).
const MAX_LEXICON_BYTES: u64 = 64 << 20;

impl LexiconError {
    pub fn line(&self) -> Option<usize> {
        match self {
            LexiconError::Parse { line, .. } => Some(*line),
            LexiconError::Io { .. } => None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    name: String,
    kind: ActorKind,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    metonyms: Vec<String>,
    #[serde(default)]
    places: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIssue {
    name: String,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    labels: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    /// Free text for the file's reader; ignored.
    #[serde(default, rename = "_comment")]
    _comment: Option<serde_json::Value>,
    #[serde(default)]
    actors: Vec<RawActor>,
    #[serde(default)]
    issues: Vec<RawIssue>,
    #[serde(default)]
    speech_verbs: Vec<String>,
    #[serde(default)]
    stance_verbs: Vec<String>,
    #[serde(default)]
    group_nouns: Vec<String>,
}

/// The embedded lexicon files, merged in this order.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "assets/lexicon/actors.json",
        include_str!("../../assets/lexicon/actors.json"),
    ),
    (
        "assets/lexicon/issues.json",
        include_str!("../../assets/lexicon/issues.json"),
    ),
    (
        "assets/lexicon/verbs.json",
        include_str!("../../assets/lexicon/verbs.json"),
    ),
    // Last, so the story's own entries above come first in actor order and
    // win any surface form both name.
    (
        "assets/lexicon/world.json",
        include_str!("../../assets/lexicon/world.json"),
    ),
];

fn tidy(s: &str) -> Option<String> {
    // Names reach the screen and every output: neutralise them like article text.
    let clean = crate::text::sanitize::sanitize_line(s);
    let t = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Appends the strings of `from` missing (folded) from `into`. Each string
/// is folded once: the embedded lexicon merges thousands, and folding every
/// kept one again for each new one took most of a start-up.
fn union(into: &mut Vec<String>, from: impl IntoIterator<Item = String>) {
    let mut from = from.into_iter().peekable();
    if from.peek().is_none() {
        return;
    }
    let mut seen: HashSet<String> = into.iter().map(|x| fold(x)).collect();
    for s in from {
        let Some(s) = tidy(&s) else { continue };
        if seen.insert(fold(&s)) {
            into.push(s);
        }
    }
}

/// Where each entry's folded name first occurs, so merging finds an entry
/// without folding every name again.
fn first_by_name<'a>(names: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut at = HashMap::new();
    for (k, n) in names.enumerate() {
        at.entry(fold(n)).or_insert(k);
    }
    at
}

impl Lexicon {
    /// The lexicon compiled into the binary from `assets/lexicon/`.
    pub fn embedded() -> Lexicon {
        let mut lex = Lexicon::default();
        for (path, text) in EMBEDDED {
            // The embedded files are checked by tests; a broken one must not
            // take the program down, so it is skipped.
            if let Ok(l) = Lexicon::from_str(text, Path::new(path)) {
                lex.merge(l);
            }
        }
        lex
    }

    /// Reads a lexicon file (JSON, format in docs/lexicon-format.md).
    pub fn from_file(path: impl AsRef<Path>) -> Result<Lexicon, LexiconError> {
        let path = path.as_ref();
        let io = |err| LexiconError::Io {
            path: path.to_path_buf(),
            err,
        };
        // Never open a FIFO or device: reading one could block or never end.
        let meta = std::fs::metadata(path).map_err(io)?;
        if !meta.is_file() {
            return Err(io(std::io::Error::other("not a regular file")));
        }
        if meta.len() > MAX_LEXICON_BYTES {
            return Err(io(std::io::Error::other("larger than 64 MiB; not a lexicon")));
        }
        let text = std::fs::read_to_string(path).map_err(io)?;
        Lexicon::from_str(&text, path)
    }

    /// Parses lexicon JSON; `path` only names the source in errors.
    pub fn from_str(text: &str, path: &Path) -> Result<Lexicon, LexiconError> {
        let raw: RawLexicon = serde_json::from_str(text).map_err(|e| LexiconError::Parse {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: e.to_string().split(" at line ").next().unwrap_or("").to_string(),
        })?;
        let mut lex = Lexicon::default();
        let mut actors = Vec::with_capacity(raw.actors.len());
        for a in raw.actors {
            let Some(name) = tidy(&a.name) else {
                return Err(LexiconError::Parse {
                    path: path.to_path_buf(),
                    line: line_of(text, "\"name\""),
                    column: 1,
                    message: "an actor has an empty name".into(),
                });
            };
            actors.push(ActorEntry {
                name,
                kind: a.kind,
                aliases: a.aliases,
                metonyms: a.metonyms,
                places: a.places,
            });
        }
        lex.merge_actors(actors);
        let mut issues = Vec::with_capacity(raw.issues.len());
        for i in raw.issues {
            let Some(name) = tidy(&i.name) else {
                return Err(LexiconError::Parse {
                    path: path.to_path_buf(),
                    line: line_of(text, "\"name\""),
                    column: 1,
                    message: "an issue has an empty name".into(),
                });
            };
            issues.push(IssueEntry {
                name,
                keywords: i.keywords,
                labels: i.labels,
            });
        }
        lex.merge_issues(issues);
        union(&mut lex.speech_verbs, raw.speech_verbs);
        union(&mut lex.stance_verbs, raw.stance_verbs);
        union(&mut lex.group_nouns, raw.group_nouns);
        Ok(lex)
    }

    /// Merges `other` into this lexicon: entries whose canonical names fold
    /// alike become one (aliases, metonyms, keywords and labels unioned; the
    /// newer kind wins), new entries are appended, word lists are unioned.
    pub fn merge(&mut self, other: Lexicon) {
        self.merge_actors(other.actors);
        self.merge_issues(other.issues);
        union(&mut self.speech_verbs, other.speech_verbs);
        union(&mut self.stance_verbs, other.stance_verbs);
        union(&mut self.group_nouns, other.group_nouns);
    }

    fn merge_actors(&mut self, from: Vec<ActorEntry>) {
        let mut at = first_by_name(self.actors.iter().map(|e| e.name.as_str()));
        for a in from {
            let key = fold(&a.name);
            match at.get(&key) {
                Some(&k) => self.merge_actor_into(k, a),
                None => {
                    at.insert(key, self.actors.len());
                    self.push_actor(a);
                }
            }
        }
    }

    fn merge_actor_into(&mut self, k: usize, a: ActorEntry) {
        if let Some(e) = self.actors.get_mut(k) {
            e.kind = a.kind;
            union(&mut e.aliases, a.aliases);
            union(&mut e.metonyms, a.metonyms);
            union(&mut e.places, a.places);
        }
    }

    fn push_actor(&mut self, a: ActorEntry) {
        let mut e = ActorEntry {
            name: a.name,
            kind: a.kind,
            aliases: Vec::new(),
            metonyms: Vec::new(),
            places: Vec::new(),
        };
        union(&mut e.aliases, a.aliases);
        union(&mut e.metonyms, a.metonyms);
        union(&mut e.places, a.places);
        self.actors.push(e);
    }

    fn merge_issues(&mut self, from: Vec<IssueEntry>) {
        let mut at = first_by_name(self.issues.iter().map(|e| e.name.as_str()));
        for i in from {
            let key = fold(&i.name);
            if let Some(e) = at.get(&key).and_then(|&k| self.issues.get_mut(k)) {
                union(&mut e.keywords, i.keywords);
                union(&mut e.labels, i.labels);
                continue;
            }
            at.insert(key, self.issues.len());
            let mut e = IssueEntry {
                name: i.name,
                keywords: Vec::new(),
                labels: Vec::new(),
            };
            union(&mut e.keywords, i.keywords);
            union(&mut e.labels, i.labels);
            self.issues.push(e);
        }
    }

    /// The actor entry a name folds to (its canonical name, an alias or a
    /// metonym), e.g. `bogota` → the Colombian government.
    pub fn actor_named(&self, name: &str) -> Option<&ActorEntry> {
        let f = fold(name.trim());
        self.actors.iter().find(|a| {
            fold(&a.name) == f
                || a.aliases.iter().any(|x| fold(x) == f)
                || a.metonyms.iter().any(|x| fold(x) == f)
                || a.places.iter().any(|x| fold(x) == f)
        })
    }
}

/// The 1-based line of the first occurrence of `needle` (1 if absent).
fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map(|at| text[..at].matches('\n').count() + 1)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_parse() {
        for (path, text) in EMBEDDED {
            if let Err(e) = Lexicon::from_str(text, Path::new(path)) {
                panic!("{e}");
            }
        }
        let lex = Lexicon::embedded();
        assert!(!lex.actors.is_empty());
        assert!(!lex.issues.is_empty());
        assert!(lex.speech_verbs.iter().any(|v| v == "pointed out"));
        assert!(lex.stance_verbs.iter().any(|v| v == "pushes for"));
        assert!(lex.group_nouns.iter().any(|v| v == "analysts"));
    }

    #[test]
    fn world_gazetteer_is_generic_and_the_story_lexicon_wins() {
        let lex = Lexicon::embedded();
        let named = |n: &str| lex.actor_named(n).map(|a| a.name.as_str());
        assert_eq!(named("Paris"), Some("French government"));
        assert_eq!(named("Brazilian officials"), Some("Brazilian government"));
        assert_eq!(named("EU"), Some("European Union"));
        assert_eq!(named("Mercosur"), Some("Mercosur"));
        // The story's entry keeps its name, metonyms and place in the order.
        let us = lex.actors.iter().position(|a| a.name == "U.S. government");
        let fr = lex.actors.iter().position(|a| a.name == "French government");
        assert!(us.is_some() && fr.is_some() && us < fr);
        assert_eq!(named("the White House"), Some("U.S. government"));
        assert_eq!(
            named("the government of the United States"),
            Some("U.S. government")
        );
        // Names that are also first names or words are no bare places.
        assert!(lex
            .actors
            .iter()
            .all(|a| !a.places.iter().any(|p| p == "Jordan" || p == "Sofia")));
    }

    #[test]
    fn errors_carry_line_and_column() {
        let text = "{\n  \"actors\": [\n    {\"name\": \"X\", \"kind\": \"wizard\"}\n  ]\n}\n";
        let e = Lexicon::from_str(text, Path::new("my.json")).unwrap_err();
        assert_eq!(e.line(), Some(3));
        let msg = e.to_string();
        assert!(msg.starts_with("my.json:3:"), "{msg}");
        let e = Lexicon::from_str("{\"actor\": []}", Path::new("t.json")).unwrap_err();
        assert!(e.to_string().contains("unknown field"), "{e}");
        let e = Lexicon::from_file("/nonexistent/lex.json").unwrap_err();
        assert!(e.to_string().contains("/nonexistent/lex.json"));
    }

    #[test]
    fn merge_unions_aliases_and_appends_new() {
        let a = r#"{"actors":[{"name":"Ana Ruiz","kind":"person","aliases":["Ruiz"]}],
                    "speech_verbs":["said"]}"#;
        let b = r#"{"actors":[{"name":"ana  ruiz","kind":"person","aliases":["ruiz","the mayor"]},
                              {"name":"City Council","kind":"organisation","metonyms":["City Hall"]}],
                    "speech_verbs":["said","quipped"]}"#;
        let mut la = Lexicon::from_str(a, Path::new("a")).unwrap();
        la.merge(Lexicon::from_str(b, Path::new("b")).unwrap());
        assert_eq!(la.actors.len(), 2);
        assert_eq!(la.actors[0].name, "Ana Ruiz");
        assert_eq!(la.actors[0].aliases, vec!["Ruiz", "the mayor"]);
        assert_eq!(la.actors[1].metonyms, vec!["City Hall"]);
        assert_eq!(la.speech_verbs, vec!["said", "quipped"]);
        assert_eq!(
            la.actor_named("city hall").map(|a| a.name.as_str()),
            Some("City Council")
        );
    }
}
