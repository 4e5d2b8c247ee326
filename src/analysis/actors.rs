//! Actors: named by the lexicon or discovered in the text, and their mentions.
//!
//! Lexicon names, aliases and metonyms are matched in one Aho-Corasick pass
//! per block over folded text (so `Bogotá`/`bogota` and `’`/`'` agree), with
//! word-boundary checks (`Petro’s` is a possessive mention of Petro,
//! `Petroleum` is nothing). Lexicon actors never mentioned are dropped, so a
//! corpus on another story is not populated by the default lexicon.
//!
//! Bare place names (`France`, `Paris`, a lexicon entry's `places`) are
//! matched the same way but kept only where they cannot be the place: a
//! table header, a list lead or clause start, or a clause's subject right
//! before a speech or stance verb (`place_stands_for_actor`).
//!
//! Discovery is deliberately conservative (a wrong actor costs more than a
//! missing one): runs of capitalised words in paragraphs and list items
//! (never headings, tables, captions, the title or the byline) that look like
//! a person's name (2–3 words, no place or institution word) or an
//! institution (ending in `Ministry`, `Council`, …), and that recur or are the
//! subject/object of a speech verb. A bare surname counts as a mention of
//! the one discovered full name it ends (or, failing that, the one it sits
//! inside: `Lula` in `Luiz Inácio Lula da Silva`); a shorter name that ends
//! exactly one longer one joins it (`Von der Leyen`). A one-word name stands
//! alone only after an office (`President Lula`, `Brazil’s president Lula`)
//! and when it speaks or recurs. A discovered institution's head word
//! (`Authority`) names it when no other actor's name holds that word.

use super::by_article::Tally;
use super::sieve::Sieve;
use super::{Actor, ActorKind, ByArticle, Evidence, Lexicon, Mention};
use crate::corpus::{Article, BlockKind};
use crate::text::{fold, fold_compact, is_alnum, FoldBuf, Span};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use compact_str::CompactString;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, OnceLock};

/// Word lists as sets: they are consulted for every capitalised word.
/// Sets of folded words, looked up once per word of the corpus: foldhash,
/// since the keys are the corpus's own words.
type WordSet = foldhash::HashMap<String, ()>;

static COMMON_SET: LazyLock<foldhash::HashSet<&'static str>> =
    LazyLock::new(|| COMMON.iter().copied().collect());
static TITLE_SET: LazyLock<foldhash::HashSet<&'static str>> =
    LazyLock::new(|| TITLES.iter().copied().collect());

/// Capitalised words that open sentences or clauses and are never names.
#[rustfmt::skip]
const COMMON: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "you",
    "his", "her", "their", "its", "our", "my", "your", "but", "and", "or", "nor", "so", "however",
    "despite", "although", "though", "while", "when", "after", "before", "since", "as", "at", "in",
    "on", "for", "with", "from", "by", "to", "of", "if", "yet", "still", "meanwhile", "moreover",
    "also", "both", "each", "every", "some", "many", "most", "several", "other", "such", "what",
    "why", "how", "who", "whom", "where", "whether", "whatever", "which", "even", "only", "now",
    "then", "there", "here", "today", "yesterday", "tomorrow", "last", "next", "early", "late",
    "over", "under", "among", "amid", "across", "through", "during", "according", "unlike", "like",
    "rather", "instead", "regardless", "nevertheless", "furthermore", "indeed", "thus", "therefore",
    "hence", "shortly", "until", "once", "upon", "against", "beyond", "without", "within", "is",
    "was", "are", "were", "will", "would", "can", "could", "should", "may", "might", "must", "not",
    "no", "yes", "all", "any", "few", "more", "less", "one", "two", "three", "first", "second",
    "third", "written", "credit", "photo", "related", "read", "source", "sources", "update",
    "updated", "breaking", "analysis", "opinion", "editorial", "news", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms", "dr",
    "said", "says", "asked", "according", "because", "than", "just", "again", "already", "about",
    "above", "below", "between", "into", "onto", "out", "off", "up", "down", "near", "far", "very",
    "much", "well", "new", "old", "key", "big",
];

/// Titles in front of a name: stripped from the name, kept in the alias.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "president", "vice", "mayor", "senator", "sen", "rep", "representative", "gov", "governor",
    "minister", "secretary", "general", "gen", "dr", "mr", "mrs", "ms", "judge", "justice", "chief",
    "councilmember", "councilwoman", "councilman", "councillor", "councilor", "commissioner",
    "ambassador", "foreign", "prime", "deputy", "chancellor", "king", "queen", "prince", "princess",
    "pope", "father", "sister", "professor", "prof", "lt", "col", "capt", "captain", "colonel",
    "major", "sergeant", "admiral", "officer", "detective", "director", "chairman", "chairwoman",
    "chair", "ceo", "speaker", "leader", "lawmaker", "attorney", "superintendent", "treasurer",
    "sheriff", "inspector", "coach", "pastor", "rabbi", "imam", "reverend", "rev", "sir", "dame",
    "lord", "lady", "former", "acting", "interim", "parent", "nurse", "student", "resident",
    "farmer", "teacher", "activist", "lawyer", "analyst", "economist", "spokesman", "spokeswoman",
    "spokesperson", "candidate", "rival", "founder", "executive",
];

/// Titles of office: one of them before a single capitalised word makes it a
/// person's name (`President Lula`); inside a run it ends what comes before
/// (`Commission President Ursula von der Leyen`).
#[rustfmt::skip]
const OFFICES: &[&str] = &[
    "president", "minister", "chancellor", "premier", "mayor", "governor", "senator", "sen",
    "commissioner", "secretary", "ambassador", "king", "queen", "pope", "judge", "ceo", "chairman",
    "chairwoman", "spokesman", "spokeswoman", "spokesperson", "director", "envoy", "emir", "sheikh",
];

/// Words that make a capitalised run an institution.
#[rustfmt::skip]
const ORG_WORDS: &[&str] = &[
    "ministry", "council", "party", "department", "agency", "bank", "commission", "committee",
    "association", "union", "inc", "corp", "corporation", "company", "group", "court", "senate",
    "army", "police", "institute", "foundation", "university", "office", "bureau", "board",
    "authority", "federation", "organization", "organisation", "fund", "forces", "navy",
    "parliament", "assembly", "chamber", "coalition", "front", "movement", "league", "network",
    "times", "post", "journal", "agency", "ltd", "llc", "plc", "co", "administration",
    "museum", "hospital", "school", "college", "church", "secretariat", "service", "services",
];

/// Words that make a capitalised run a place or a thing, never an actor.
#[rustfmt::skip]
const PLACE_WORDS: &[&str] = &[
    "plaza", "casa", "house", "street", "st", "avenue", "ave", "road", "square", "gap", "hill",
    "hills", "island", "islands", "river", "mountain", "mountains", "valley", "sea", "ocean", "bay",
    "park", "airport", "province", "state", "states", "county", "republic", "capitol", "north",
    "south", "east", "west", "northern", "southern", "eastern", "western", "new", "san", "santa",
    "los", "las", "el", "costa", "puerto", "sri", "hong", "buenos", "saudi", "latin", "united",
    "city", "kingdom", "america", "americas", "europe", "africa", "asia", "middle", "central",
    "port", "lake", "coast", "beach", "bridge", "tower", "palace", "hall", "center", "centre",
    "stadium", "station", "district", "region", "valley", "desert", "canal", "border", "zone",
    "day", "week", "year", "war", "act", "law", "plan", "accord", "agreement", "treaty", "summit",
    "conference", "program", "programme", "initiative", "doctrine", "cup", "award", "prize",
    "church", "cathedral", "hospital", "school", "college", "museum", "gallery", "christmas",
    "easter", "ramadan", "covid", "internet", "google", "twitter", "facebook",
];

/// Lowercase words allowed inside a name (`Plaza de Bolívar`, `Ludwig van Beethoven`).
const CONNECTORS: &[&str] = &[
    "de", "del", "la", "da", "das", "do", "dos", "van", "von", "der", "di", "le", "y", "bin", "al",
];

struct Pattern {
    entry: usize,
    /// A bare place name (`France`, `Paris`): the actor only where a place
    /// cannot be meant (see `place_stands_for_actor`).
    place: bool,
    /// The alias as written was all capitals (`UN`): the text must be too,
    /// or folding would match the Spanish `un`.
    needs_upper: bool,
}

/// A capitalised run found in the text, a discovery candidate. Every
/// capitalised run of the corpus makes one (millions on a large archive), so
/// it holds spans into the text rather than copies of it, its folded name
/// as a number, and its flags in a byte: 24 bytes a candidate (56 with
/// strings; 32 with a flag a field). At a million sentences the candidates
/// were the largest list of the actor stage, whose end is `check`'s peak.
struct Candidate {
    /// The name as written (titles stripped), without its possessive.
    at: Evidence,
    /// Its folded name without titles or possessive, as a number in `Keys`
    /// (the article's while it is read, then the corpus's).
    key: u32,
    /// Bytes of titles before the name (`President `); the run as written
    /// starts this far before `at`. 0 when the titles run past 64 KiB,
    /// which only a hostile text makes: its surface is then the name.
    title_bytes: u16,
    /// Words of the name; a run of more than 255 counts as 255 (only
    /// "one" and "two or more" are ever asked).
    words: u8,
    flags: u8,
}

// Kept at 24 bytes: a field added here costs megabytes on a large corpus.
const _: () = assert!(std::mem::size_of::<Candidate>() == 24);

/// Said right before or after a speech verb (`Okafor said`).
const SPEAKER: u8 = 1;
/// Ends in a possessive (`Okafor’s`), not part of the span.
const POSSESSIVE: u8 = 2;
/// Came after a title (`Mayor`, `Sen.`): a person for sure.
const TITLED: u8 = 4;
/// The title was an office (`President Lula`, `Brazil’s president Lula`):
/// enough to take even a one-word name for a person.
const OFFICE: u8 = 8;
/// The first in its article written this way (surface and title length):
/// a later one gives no form an earlier one of its name did not.
const FRESH: u8 = 16;

/// Distinct folded names, numbered in order of first use. A name recurs
/// through its article and the corpus, so each is kept once.
#[derive(Default)]
struct Keys {
    ids: foldhash::HashMap<CompactString, u32>,
    list: Vec<CompactString>,
}

impl Keys {
    fn id(&mut self, key: &CompactString) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.list.len() as u32;
        self.ids.insert(key.clone(), id);
        self.list.push(key.clone());
        id
    }
}

impl Candidate {
    fn speaker(&self) -> bool {
        self.flags & SPEAKER != 0
    }

    fn possessive(&self) -> bool {
        self.flags & POSSESSIVE != 0
    }

    fn titled(&self) -> bool {
        self.flags & TITLED != 0
    }

    fn office(&self) -> bool {
        self.flags & OFFICE != 0
    }

    fn fresh(&self) -> bool {
        self.flags & FRESH != 0
    }

    /// The name as written (titles stripped).
    fn name<'a>(&self, articles: &'a [Article]) -> &'a str {
        self.at.text(articles)
    }

    /// The run as written, titles included.
    fn surface<'a>(&self, articles: &'a [Article]) -> &'a str {
        let surface = Evidence {
            span: Span {
                start: self.at.span.start - u32::from(self.title_bytes),
                end: self.at.span.end,
            },
            ..self.at
        };
        surface.text(articles)
    }
}

/// Whether a folded match `s..e` stands as whole words; returns the
/// possessive flag when it does.
fn boundary(folded: &str, s: usize, e: usize) -> Option<bool> {
    let before_ok = !matches!(folded[..s].chars().next_back(), Some(c) if is_alnum(c));
    if !before_ok {
        return None;
    }
    let rest = &folded[e..];
    let mut it = rest.chars();
    match it.next() {
        None => Some(false),
        Some('\'') => match it.next() {
            Some('s') => {
                if !matches!(it.next(), Some(c) if is_alnum(c)) {
                    Some(true)
                } else {
                    None
                }
            }
            // `Torres'` (plural-possessive style) or a closing quote.
            Some(c) if !is_alnum(c) => Some(true),
            None => Some(true),
            _ => None,
        },
        Some(c) if is_alnum(c) => None,
        Some(_) => Some(false),
    }
}

/// One lexicon name found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub entry: usize,
    pub span: Span,
    pub possessive: bool,
    /// Matched by a bare place name: a mention only in a subject's place.
    pub place: bool,
}

/// Matches lexicon names in text; built once per lexicon.
pub struct Matcher {
    ac: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

/// The embedded lexicon and its matcher: with the world gazetteer it holds
/// thousands of names, so the automaton is built once per process.
static EMBEDDED_LEXICON: OnceLock<Lexicon> = OnceLock::new();
static EMBEDDED_MATCHER: OnceLock<Arc<Matcher>> = OnceLock::new();

/// Corpora with more body text than this are scanned with a DFA: it takes
/// ~50 ms more to build than the contiguous NFA but scans ~3× faster, which
/// pays off from here on.
const DFA_FROM_BYTES: usize = 16 << 20;

/// Corpora with less body text than this get a matcher of only the names
/// that can occur in them (`Matcher::for_texts`).
const NAMES_IN_TEXT_UNDER: usize = 256 << 10;

impl Matcher {
    /// The matcher for `lexicon`, shared when it is the embedded one.
    pub fn for_lexicon(lexicon: &Lexicon) -> Arc<Matcher> {
        Matcher::shared(lexicon, false)
    }

    /// The matcher for `lexicon`, a DFA when `dfa` (see `DFA_FROM_BYTES`).
    /// A DFA is never kept: it is built for a large corpus, which a process
    /// analyses once, and it is 10 MB with the world gazetteer, held to the
    /// end of the process for nothing.
    fn shared(lexicon: &Lexicon, dfa: bool) -> Arc<Matcher> {
        let lex = EMBEDDED_LEXICON.get_or_init(Lexicon::embedded);
        if dfa || lex != lexicon {
            return Arc::new(Matcher::with_kind(lexicon, dfa));
        }
        Arc::clone(EMBEDDED_MATCHER.get_or_init(|| Arc::new(Matcher::with_kind(lex, false))))
    }

    pub fn new(lexicon: &Lexicon) -> Matcher {
        Matcher::with_kind(lexicon, false)
    }

    fn with_kind(lexicon: &Lexicon, dfa: bool) -> Matcher {
        let (strings, patterns) = Matcher::names(lexicon);
        Matcher::build(strings, patterns, dfa)
    }

    /// A matcher over only those of `lexicon`'s names whose every run of
    /// three bytes occurs in some folded text of `texts`, for the few
    /// articles under `NAMES_IN_TEXT_UNDER`. A name that does not occur
    /// cannot match, so this finds exactly what the whole matcher would
    /// (leftmost-longest hits only ever come from names that occur); with
    /// the world gazetteer it is a few hundred names instead of thousands,
    /// built in well under a millisecond instead of ~8 ms, which the first
    /// frame of the default briefing would wait for.
    fn for_texts<'a>(lexicon: &Lexicon, texts: impl Iterator<Item = &'a str>) -> Matcher {
        let mut runs: foldhash::HashSet<[u8; 3]> = foldhash::HashSet::default();
        let mut buf = FoldBuf::new();
        for t in texts {
            buf.fold(t);
            for w in buf.text().as_bytes().windows(3) {
                runs.insert([w[0], w[1], w[2]]);
            }
        }
        let (strings, patterns) = Matcher::names(lexicon);
        let (strings, patterns): (Vec<String>, Vec<Pattern>) = strings
            .into_iter()
            .zip(patterns)
            .filter(|(s, _)| {
                s.as_bytes()
                    .windows(3)
                    .all(|w| runs.contains(&[w[0], w[1], w[2]]))
            })
            .unzip();
        Matcher::build(strings, patterns, false)
    }

    /// Every folded name of `lexicon` once (the first entry to name it
    /// keeps it), with what a hit on it means.
    fn names(lexicon: &Lexicon) -> (Vec<String>, Vec<Pattern>) {
        let mut seen: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
        let mut strings: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        for (ei, e) in lexicon.actors.iter().enumerate() {
            let forms = std::iter::once(&e.name)
                .chain(e.aliases.iter())
                .chain(e.metonyms.iter())
                .map(|f| (f, false))
                .chain(e.places.iter().map(|f| (f, true)));
            for (form, place) in forms {
                let bare = form.strip_prefix("the ").or_else(|| form.strip_prefix("The "));
                for f in std::iter::once(form.as_str()).chain(bare) {
                    let key = fold(f.trim());
                    if key.is_empty() || seen.contains_key(&key) {
                        continue;
                    }
                    let needs_upper =
                        f.chars().any(char::is_alphabetic) && !f.chars().any(char::is_lowercase);
                    seen.insert(key.clone(), ei);
                    strings.push(key);
                    patterns.push(Pattern {
                        entry: ei,
                        place,
                        needs_upper,
                    });
                }
            }
        }
        (strings, patterns)
    }

    fn build(strings: Vec<String>, patterns: Vec<Pattern>, dfa: bool) -> Matcher {
        // A contiguous NFA unless asked: with the world gazetteer there are
        // thousands of names, and a DFA costs ~50 ms to build.
        let kind = if dfa {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(kind))
            .build(&strings)
            .ok();
        Matcher { ac, patterns }
    }

    /// Lexicon entries named in `text`, left to right.
    pub fn find_in(&self, text: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        self.find_with(text, &mut FoldBuf::new(), &mut out);
        out
    }

    /// `find_in`, folding into `buf` and appending to `out` (no allocation
    /// per block on a long scan).
    fn find_with(&self, text: &str, buf: &mut FoldBuf, out: &mut Vec<Hit>) {
        let Some(ac) = &self.ac else { return };
        buf.fold(text);
        let f = buf.text();
        for m in ac.find_iter(f) {
            let (s, e) = (m.start(), m.end());
            let Some(possessive) = boundary(f, s, e) else {
                continue;
            };
            let p = &self.patterns[m.pattern().as_usize()];
            let (os, oe) = buf.to_original(s, e);
            if p.needs_upper
                && text
                    .get(os..oe)
                    .map_or(true, |t| t.chars().any(char::is_lowercase))
            {
                continue;
            }
            out.push(Hit {
                entry: p.entry,
                span: Span::new(os, oe),
                possessive,
                place: p.place,
            });
        }
    }
}

/// Words that may stand between a subject and its verb (`France has
/// also demanded`).
#[rustfmt::skip]
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "is", "was", "are", "were", "will", "would", "can", "could", "may", "might",
    "must", "should", "shall", "did", "does", "do", "also", "still", "now", "already", "again",
    "repeatedly", "reportedly", "publicly", "firmly", "strongly", "long", "instead", "too", "itself",
    "then", "meanwhile", "however", "quickly", "openly", "privately", "formally", "officially", "not",
];

/// Words before a name that make it the start of a clause (`but France
/// wants`), where a place name can be a subject.
const CLAUSE_OPENERS: &[&str] = &[
    "but", "while", "whereas", "and", "as", "because", "since", "that", "though", "although",
];

/// Whether a bare place name (`France`, `Paris`) names its actor here:
/// in a table's header or a row's first cell (`France’s Demand`), in a list
/// item's lead (`For France:`), as the first words of a list clause followed
/// by a lowercase word (`Beef: France demands …`), or in running text as a
/// clause's subject right before a speech or stance verb (`Paris has
/// asked for …`, `Germany, by contrast, wants …`), never after a
/// preposition (`protesters in Paris said`) or as a possessive (`Brazil’s
/// forest law`). Everywhere else it is the place.
fn place_stands_for_actor(b: &crate::corpus::Block, h: Hit, verbs: &HashSet<String>) -> bool {
    let text = b.text.as_str();
    let (s, e) = (h.span.start as usize, h.span.end as usize);
    // `chile peppers`, `turkey`: a place name as a subject is capitalised.
    if !text.get(s..).is_some_and(|t| t.starts_with(char::is_uppercase)) {
        return false;
    }
    match b.kind {
        BlockKind::Table => {
            let Some(t) = &b.table else { return false };
            let within = |c: &crate::corpus::Cell| c.span.start <= h.span.start && h.span.end <= c.span.end;
            t.header.iter().any(within)
                || t.rows
                    .iter()
                    .filter_map(|r| r.first())
                    .any(|c| within(c) && c.text.split_whitespace().count() <= 3)
        }
        BlockKind::ListItem | BlockKind::Paragraph => {
            // List leads, and `For France:` leading a bare paragraph.
            let colon = text.find(':').filter(|&c| {
                let lead = &text[..c];
                lead.split_whitespace().count() <= 5
                    && (b.kind == BlockKind::ListItem || lead.trim_start().starts_with("For "))
            });
            if let Some(c) = colon {
                if e <= c {
                    return true;
                }
                // The first words of a `:`/`;` clause, a verb after.
                let clause = text[..s].rfind([':', ';']).map_or(0, |p| p + 1);
                let before: Vec<&str> = text[clause..s].split_whitespace().collect();
                if clause > c.saturating_sub(1) && matches!(before.as_slice(), [] | ["the" | "The"]) {
                    return !h.possessive
                        && text[e..]
                            .split_whitespace()
                            .next()
                            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()));
                }
            }
            if h.possessive {
                return false;
            }
            subject_of_verb(text, s, e, verbs)
        }
        _ => false,
    }
}

/// Whether `text[s..e]` opens a clause and is followed, past auxiliaries
/// and at most one short `, …,` aside, by a speech or stance verb.
fn subject_of_verb(text: &str, s: usize, e: usize, verbs: &HashSet<String>) -> bool {
    let head = text[..s].trim_end();
    let opens = match head.chars().next_back() {
        None => true,
        Some('.' | '!' | '?' | ':' | ';' | ',' | '(' | '"' | '\u{201C}' | '\u{2014}') => true,
        Some(_) => {
            let prev = head.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            CLAUSE_OPENERS.contains(&prev)
        }
    };
    if !opens {
        return false;
    }
    let mut rest = &text[e..];
    // One aside: `Germany, by contrast, wants`.
    if let Some(r) = rest.strip_prefix(',') {
        let Some(c) = r.find(',') else { return false };
        if r[..c].split_whitespace().count() > 5 || r[..c].contains(['.', ';', ':']) {
            return false;
        }
        rest = &r[c + 1..];
    }
    for w in rest.split_whitespace().take(5) {
        if !w.starts_with(|c: char| c.is_lowercase()) {
            return false;
        }
        let f = fold(w.trim_end_matches(|c: char| !c.is_alphanumeric()));
        if verbs.contains(&f) {
            return true;
        }
        if !AUXILIARIES.contains(&f.as_str()) || w.ends_with(|c: char| !c.is_alphanumeric()) {
            return false;
        }
    }
    false
}

/// A word of the text with its byte range.
struct Tok<'a> {
    s: usize,
    e: usize,
    w: &'a str,
}

/// A token's end without a sentence's final dot (initials such as `J.`
/// and dotted abbreviations keep theirs).
fn word_end(text: &str, s: usize, e: usize) -> usize {
    let w = &text[s..e];
    match w.strip_suffix('.') {
        Some(b) if b.chars().count() > 1 && !b.contains('.') => e - 1,
        _ => e,
    }
}

/// An empty list of tokens that keeps `toks`' allocation for another
/// text: collecting a list's own iterator reuses its allocation in place.
fn reuse<'b>(mut toks: Vec<Tok<'_>>) -> Vec<Tok<'b>> {
    toks.clear();
    toks.into_iter()
        .map(|_| -> Tok<'b> { unreachable!("the list is empty") })
        .collect()
}

/// Words as runs of letters, digits and inner `.’'-` (trailing ones
/// dropped), into `out` (cleared first).
///
/// Read a byte at a time: nearly every char is ASCII, and decoding each
/// one was most of the actor pass's tokenising.
fn tokens<'a>(text: &'a str, out: &mut Vec<Tok<'a>>) {
    out.clear();
    let b = text.as_bytes();
    let mut start = None;
    let mut last_word_end = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x.is_ascii_alphanumeric() {
            // A run of ASCII letters and digits at once: each would only
            // move the word's end.
            if start.is_none() {
                start = Some(i);
            }
            i += 1;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            last_word_end = i;
            continue;
        }
        let (word_char, inner, len) = if x.is_ascii() {
            (false, matches!(x, b'.' | b'\'' | b'-'), 1)
        } else {
            // `i` is a char boundary: it only ever steps over whole chars.
            let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            (is_alnum(c), matches!(c, '\u{2019}' | '\u{2011}'), c.len_utf8())
        };
        if word_char {
            if start.is_none() {
                start = Some(i);
            }
            last_word_end = i + len;
        } else if inner && start.is_some() {
            // Kept only if a word char follows; `last_word_end` decides.
            if x == b'.' {
                // An initial or abbreviation keeps its dot (`J.`, `Sen.`).
                last_word_end = i + 1;
            }
        } else if let Some(s) = start.take() {
            let e = word_end(text, s, last_word_end);
            out.push(Tok { s, e, w: &text[s..e] });
        }
        i += len;
    }
    if let Some(s) = start {
        let e = word_end(text, s, last_word_end);
        out.push(Tok { s, e, w: &text[s..e] });
    }
}

fn is_cap_word(w: &str) -> bool {
    let mut cs = w.chars();
    let Some(first) = cs.next() else { return false };
    if !first.is_uppercase() {
        return false;
    }
    // An initial (`J.`) or a capitalised word with lowercase letters; all-caps
    // acronyms (`UN`, `U.S.`) are not parts of names.
    let rest = cs.as_str();
    rest == "." || rest.chars().any(char::is_lowercase)
}

/// The word without a possessive ending.
fn strip_possessive(w: &str) -> (&str, bool) {
    for suf in ["\u{2019}s", "'s", "\u{2019}", "'"] {
        if let Some(b) = w.strip_suffix(suf) {
            if !b.is_empty() {
                return (b, true);
            }
        }
    }
    (w, false)
}

/// The folded word without its final dots; inline (no allocation) for
/// words up to 24 bytes, which is nearly all of them.
fn lower_key(w: &str) -> CompactString {
    fold_compact(w.trim_end_matches('.'))
}

fn word_is_speech_verb(lexicon_verbs: &WordSet, w: &str) -> bool {
    // Most words are plain lowercase ASCII, already folded.
    if w.bytes().all(|b| b.is_ascii_lowercase()) {
        return lexicon_verbs.contains_key(w);
    }
    lexicon_verbs.contains_key(fold_compact(w).as_str())
}

/// Candidates from one block (paragraphs and list items only).
#[allow(clippy::too_many_arguments)]
fn candidates_in<'a>(
    article: u32,
    block: u32,
    text: &'a str,
    taken: &[Hit],
    verbs: &WordSet,
    skip_names: &[String],
    toks: &mut Vec<Tok<'a>>,
    keys: &mut Keys,
    forms_seen: &mut foldhash::HashSet<(&'a str, u16)>,
    out: &mut Vec<Candidate>,
) {
    tokens(text, toks);
    let toks = &toks[..];
    let mut i = 0;
    while i < toks.len() {
        if !is_cap_word(toks[i].w) {
            i += 1;
            continue;
        }
        // Extend the run over single spaces, capitalised words and connectors.
        let mut j = i + 1;
        let mut end = i;
        while j < toks.len() {
            if text.get(toks[j - 1].e..toks[j].s) != Some(" ") {
                break;
            }
            // A possessive ends the name (`Okafor’s budget`).
            if strip_possessive(toks[j - 1].w).1 {
                break;
            }
            let w = toks[j].w;
            if is_cap_word(w) {
                end = j;
                j += 1;
            } else if CONNECTORS.contains(&w)
                && j + 2 < toks.len()
                && CONNECTORS.contains(&toks[j + 1].w)
                && is_cap_word(toks[j + 2].w)
                && text.get(toks[j].e..toks[j + 1].s) == Some(" ")
            {
                // `Ursula von der Leyen`, `Juan de la Cruz`.
                j += 2;
            } else if j + 1 < toks.len()
                && is_cap_word(toks[j + 1].w)
                && (CONNECTORS.contains(&w)
                    // `Bank of America`, `Ministry of Defense`.
                    || (w == "of" && ORG_WORDS.contains(&lower_key(toks[j - 1].w).as_str())))
            {
                j += 1;
            } else {
                break;
            }
        }
        let run = &toks[i..=end];
        let next_i = end + 1;
        // Drop common words and titles in front.
        let mut k = 0;
        while k < run.len() && COMMON_SET.contains(lower_key(run[k].w).as_str()) {
            k += 1;
        }
        let title_from = k;
        // An unlisted title (`Selectwoman Jane Ortiz`): a role word in
        // -man/-woman/-person before a two-word name.
        if run.len() >= k + 3 {
            let lk = lower_key(run[k].w);
            if ["man", "woman", "person"]
                .iter()
                .any(|s| lk.ends_with(s) && lk.len() > s.len() + 2)
            {
                k += 1;
            }
        }
        while k < run.len() {
            let lk = lower_key(run[k].w);
            let demonym_before_title = (lk.ends_with("ian")
                || lk.ends_with("ean")
                || lk.ends_with("can")
                || lk.ends_with("ese")
                || lk.ends_with("ish"))
                && run
                    .get(k + 1)
                    .is_some_and(|t| TITLE_SET.contains(lower_key(t.w).as_str()));
            if TITLE_SET.contains(lk.as_str()) || demonym_before_title {
                k += 1;
            } else {
                break;
            }
        }
        // `French President Emmanuel Macron`, `Commission President Ursula
        // von der Leyen`: an office inside the run ends what came before.
        if let Some(t) = (k..run.len().saturating_sub(2))
            .rev()
            .find(|&t| OFFICES.contains(&lower_key(run[t].w).as_str()))
        {
            k = t + 1;
        }
        let name_toks = &run[k..];
        if name_toks.is_empty() {
            i = next_i;
            continue;
        }
        let (s, mut e) = (name_toks[0].s, name_toks[name_toks.len() - 1].e);
        let (last, possessive) = strip_possessive(name_toks[name_toks.len() - 1].w);
        if possessive {
            e = name_toks[name_toks.len() - 1].s + last.len();
        }
        // A name ends on a word, not on an initial.
        if last.ends_with('.') {
            i = next_i;
            continue;
        }
        let span = Span::new(s, e);
        let overlaps = taken
            .iter()
            .any(|t| t.span.start < span.end && span.start < t.span.end);
        let name = &text[s..e];
        let key = fold_compact(name);
        if overlaps || skip_names.iter().any(|k| *k == key) {
            i = next_i;
            continue;
        }
        let before_speech = toks.get(next_i).is_some_and(|t| {
            // `Okafor said`, or an appositive's end: `…, Alan Pruitt, said`.
            text.get(e..t.s).is_some_and(|g| matches!(g.trim(), "" | ",")) && word_is_speech_verb(verbs, t.w)
        });
        // `Karen Holt, its president, said`: an appositive, then the verb.
        let appositive_speech = text.get(e..).is_some_and(|g| {
            let Some(rest) = g.strip_prefix(',') else {
                return false;
            };
            let Some(c) = rest.get(..rest.len().min(80)).and_then(|w| w.find(',')) else {
                return false;
            };
            rest[c + 1..]
                .split_whitespace()
                .next()
                .is_some_and(|w| word_is_speech_verb(verbs, w.trim_end_matches(['.', ','])))
        });
        let after_speech = i > 0
            && word_is_speech_verb(verbs, toks[i - 1].w)
            && text
                .get(toks[i - 1].e..run[0].s)
                .is_some_and(|g| g.trim().is_empty());
        let surface_start = run[title_from.min(k)].s;
        // `Brazil’s president Lula`, `the chancellor Friedrich Merz`.
        let lower_office = i > 0
            && text.get(toks[i - 1].e..run[0].s) == Some(" ")
            && toks[i - 1].w.starts_with(|c: char| c.is_lowercase())
            && OFFICES.contains(&lower_key(toks[i - 1].w).as_str());
        let office = lower_office || (k > title_from && OFFICES.contains(&lower_key(run[k - 1].w).as_str()));
        let flag = |on: bool, f: u8| if on { f } else { 0 };
        let title_bytes = u16::try_from(s - surface_start).unwrap_or(0);
        let surface = &text[s - usize::from(title_bytes)..e];
        out.push(Candidate {
            at: Evidence { article, block, span },
            key: keys.id(&key),
            title_bytes,
            words: u8::try_from(name_toks.len()).unwrap_or(u8::MAX),
            flags: flag(before_speech || after_speech || appositive_speech, SPEAKER)
                | flag(possessive, POSSESSIVE)
                | flag(k > title_from || lower_office, TITLED)
                | flag(office, OFFICE)
                | flag(forms_seen.insert((surface, title_bytes)), FRESH),
        });
        i = next_i;
    }
}

/// A line where every word of four letters or more is capitalised: a
/// headline or label that slipped into the body, not running text.
fn title_case(text: &str) -> bool {
    let mut long = 0;
    for w in text.split_whitespace() {
        if w.chars().filter(|&c| crate::text::is_alpha(c)).count() >= 4 {
            long += 1;
            if !w.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
        }
    }
    let t = text.trim_end();
    long >= 2 && t.len() < 120 && !t.ends_with(['.', '!', '?', '"', '\u{201D}', ':', ';', ','])
}

/// Folded words that occur written in lowercase somewhere in the body:
/// ordinary words, so a capitalised run made of them (`Drug Policy`) is a
/// label, not a name. Only `wanted` words are looked for.
fn lowercase_uses(articles: &[Article], wanted: &WordSet) -> WordSet {
    let sieve = Sieve::new(wanted.keys().map(String::as_str));
    articles
        .par_iter()
        .map(|a| lowercase_uses_in(a, wanted, &sieve))
        .reduce(WordSet::default, |mut x, y| {
            x.extend(y);
            x
        })
}

fn lowercase_uses_in(a: &Article, wanted: &WordSet, sieve: &Sieve) -> WordSet {
    let mut out = WordSet::default();
    for b in a.blocks.iter().filter(|b| b.kind.is_body()) {
        lowercase_words(&b.text, |w, plain| {
            // Most words are plain lowercase ASCII: no folding needed.
            if plain {
                if sieve.may_hold(w) && wanted.contains_key(w) && !out.contains_key(w) {
                    out.insert(w.to_string(), ());
                }
            } else {
                let f = fold(w);
                if sieve.may_hold(&f) && wanted.contains_key(&f) {
                    out.insert(f, ());
                }
            }
        });
    }
    out
}

/// Calls `each(word, plain)` for every word of `text` (as `alnum_words`
/// splits it) that starts with a lowercase char, `plain` when it is all
/// ASCII lowercase letters. What `alnum_words` and a test of the first
/// char do, in one walk over the bytes: this pass reads every byte of the
/// corpus's body text, and took 1.1 s of CPU at 100,000 articles.
fn lowercase_words<'a>(text: &'a str, mut each: impl FnMut(&'a str, bool)) {
    let b = text.as_bytes();
    let n = b.len();
    // The end of the alphanumeric run that goes on at `i`.
    let run_end = |mut i: usize| -> usize {
        while i < n {
            let c = b[i];
            if c < 0x80 {
                if !c.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                match text.get(i..).and_then(|r| r.chars().next()) {
                    Some(ch) if is_alnum(ch) => i += ch.len_utf8(),
                    _ => break,
                }
            }
        }
        i
    };
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c < 0x80 {
            if c.is_ascii_lowercase() {
                let s = i;
                i += 1;
                while i < n && b[i].is_ascii_lowercase() {
                    i += 1;
                }
                // Plain unless the run goes on past its lowercase letters.
                let e = run_end(i);
                each(&text[s..e], e == i);
                i = e;
            } else if c.is_ascii_alphanumeric() {
                // A capitalised word or a number: not an ordinary use.
                i = run_end(i + 1);
            } else {
                i += 1;
            }
            continue;
        }
        let Some(ch) = text.get(i..).and_then(|r| r.chars().next()) else {
            // Not a char boundary: cannot happen in a `str`, but step on.
            i += 1;
            continue;
        };
        if !is_alnum(ch) {
            i += ch.len_utf8();
            continue;
        }
        let s = i;
        i = run_end(i + ch.len_utf8());
        if ch.is_lowercase() {
            each(&text[s..i], false);
        }
    }
}

/// The runs of alphanumeric chars of `text` (what splitting on every other
/// char yields, less the empty pieces), read bytewise where it is ASCII:
/// the reference `lowercase_words` is tested against.
#[cfg(test)]
fn alnum_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    // The char at `i` (a char boundary) and its length, if alphanumeric.
    let alnum_at = move |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b < 0x80 {
            return (b.is_ascii_alphanumeric(), 1);
        }
        match text.get(i..).and_then(|r| r.chars().next()) {
            Some(c) => (is_alnum(c), c.len_utf8()),
            None => (false, 1),
        }
    };
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let (is, len) = alnum_at(i);
            if is {
                break;
            }
            i += len;
        }
        if i >= bytes.len() {
            return None;
        }
        let s = i;
        while i < bytes.len() {
            let (is, len) = alnum_at(i);
            if !is {
                break;
            }
            i += len;
        }
        text.get(s..i)
    })
}

/// The kind a discovered name looks like, if it looks like an actor at all.
fn guess_kind(name: &str) -> Option<ActorKind> {
    let words: Vec<CompactString> = name.split_whitespace().map(lower_key).collect();
    let inner = |w: &&CompactString| w.as_str() != "of" && !CONNECTORS.contains(&w.as_str());
    if words
        .iter()
        .filter(inner)
        .any(|w| COMMON.contains(&w.as_str()) || TITLES.contains(&w.as_str()))
    {
        return None;
    }
    // An institution word last (`Harbor City Council`) or before `of`
    // (`National Museum of Art`) makes an institution, place words or not.
    let org_head = words.last().is_some_and(|w| ORG_WORDS.contains(&w.as_str()))
        || words
            .windows(2)
            .any(|p| p[1] == "of" && ORG_WORDS.contains(&p[0].as_str()));
    if org_head {
        return (words.len() >= 2).then_some(ActorKind::Organisation);
    }
    if words.iter().any(|w| PLACE_WORDS.contains(&w.as_str())) {
        return None;
    }
    if words.iter().any(|w| ORG_WORDS.contains(&w.as_str())) {
        return None;
    }
    let cap_words = name.split_whitespace().filter(|w| is_cap_word(w)).count();
    (2..=4).contains(&cap_words).then_some(ActorKind::Person)
}

/// For each key, the one other key that ends with a space and it (`von der
/// leyen` → `ursula von der leyen`), if exactly one does. Found through an
/// index of every key's endings after a space, not by comparing every pair
/// of keys (a large corpus has hundreds of thousands).
fn longer_names(keys: &[&str]) -> Vec<Option<usize>> {
    let mut by_ending: foldhash::HashMap<&str, Vec<usize>> = foldhash::HashMap::default();
    for (o, key) in keys.iter().enumerate() {
        for (p, _) in key.match_indices(' ') {
            by_ending.entry(&key[p + 1..]).or_default().push(o);
        }
    }
    keys.iter()
        .enumerate()
        .map(|(g, key)| match by_ending.get(key).map(Vec::as_slice) {
            Some(&[o]) if o != g => Some(o),
            _ => None,
        })
        .collect()
}

/// Finds every actor the corpus names (lexicon actors first, in lexicon
/// order, then discovered ones by first mention) and every mention, sorted
/// by (article, block, span start). Discovery reads whole blocks (sentence
/// bounds do not change a name), so it needs no sentences and can run
/// beside their splitting.
pub fn find(articles: &[Article], lexicon: &Lexicon) -> (Vec<Actor>, Vec<Mention>) {
    // First words of speech and stance verbs (`pushes` of `pushes for`).
    let subject_verbs: HashSet<String> = lexicon
        .speech_verbs
        .iter()
        .chain(lexicon.stance_verbs.iter())
        .filter_map(|v| v.split_whitespace().next().map(fold))
        .collect();
    let verbs: WordSet = lexicon
        .speech_verbs
        .iter()
        .filter(|v| !v.contains(' '))
        .map(|v| (fold(v), ()))
        .collect();
    // Articles are independent until names are grouped: read them in
    // parallel, and gather their candidates (this stage's bulk) a window of
    // articles at a time.
    type Hits = (Vec<(usize, Evidence, bool)>, Vec<Candidate>, Vec<CompactString>);
    let body_bytes: usize = articles
        .iter()
        .flat_map(|a| &a.blocks)
        .filter(|b| b.kind.is_body())
        .map(|b| b.text.len())
        .sum();
    let matcher = if body_bytes < NAMES_IN_TEXT_UNDER {
        let bodies = articles
            .iter()
            .flat_map(|a| &a.blocks)
            .filter(|b| b.kind.is_body());
        Arc::new(Matcher::for_texts(lexicon, bodies.map(|b| b.text.as_str())))
    } else {
        Matcher::shared(lexicon, body_bytes >= DFA_FROM_BYTES)
    };
    let mut lex_hits: Vec<(usize, Evidence, bool)> = Vec::new();
    let mut cands: Vec<Candidate> = Vec::new();
    // Each article's names, numbered anew for the corpus.
    let mut keys = Keys::default();
    crate::windows::gather(
        articles,
        || (FoldBuf::new(), Vec::new(), Vec::new(), Keys::default()),
        |(buf, hits, spare_toks, keys), ai, a| -> Hits {
            let mut lex_hits = Vec::new();
            let mut cands = Vec::new();
            // A thread's lists of tokens and names are reused from article
            // to article: grown anew for each, they were 2% of the stage's
            // time in `malloc` and `realloc`.
            keys.ids.clear();
            let mut toks = reuse(std::mem::take(spare_toks));
            let mut forms_seen = foldhash::HashSet::default();
            let mut skip_names = Vec::new();
            if let Some(au) = &a.author {
                for part in au.split([',', ';', '&']).flat_map(|p| p.split(" and ")) {
                    let k = fold(part.trim());
                    if !k.is_empty() {
                        skip_names.push(k);
                    }
                }
            }
            for (bi, b) in a.blocks.iter().enumerate() {
                if !b.kind.is_body() {
                    continue;
                }
                hits.clear();
                matcher.find_with(&b.text, buf, hits);
                for &h in hits.iter() {
                    if h.place && !place_stands_for_actor(b, h, &subject_verbs) {
                        continue;
                    }
                    lex_hits.push((
                        h.entry,
                        Evidence {
                            article: ai as u32,
                            block: bi as u32,
                            span: h.span,
                        },
                        h.possessive,
                    ));
                }
                if matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) && !title_case(&b.text) {
                    candidates_in(
                        ai as u32,
                        bi as u32,
                        &b.text,
                        // A place that is not the actor is still not a
                        // person's name: every hit is taken.
                        hits,
                        &verbs,
                        &skip_names,
                        &mut toks,
                        keys,
                        &mut forms_seen,
                        &mut cands,
                    );
                }
            }
            *spare_toks = reuse(toks);
            (lex_hits, cands, std::mem::take(&mut keys.list))
        },
        |(h, c, article_keys)| {
            lex_hits.extend(h);
            let ids: Vec<u32> = article_keys.iter().map(|k| keys.id(k)).collect();
            cands.extend(c.into_iter().map(|c| Candidate {
                key: ids[c.key as usize],
                ..c
            }));
        },
    );
    let Keys { ids, list: keys } = keys;
    drop(ids);

    let n_articles = articles.len();
    let mut actors: Vec<Actor> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::new();

    // Lexicon actors that are mentioned, in lexicon order.
    let mut entry_id: HashMap<usize, u32> = HashMap::new();
    let mut used: Vec<usize> = lex_hits.iter().map(|h| h.0).collect();
    used.sort_unstable();
    used.dedup();
    for e in used {
        let le = &lexicon.actors[e];
        let id = actors.len() as u32;
        entry_id.insert(e, id);
        let mut aliases = le.aliases.clone();
        aliases.extend(le.metonyms.iter().cloned());
        actors.push(Actor {
            id,
            name: le.name.clone(),
            kind: le.kind,
            aliases,
            mentions: 0,
            mentions_by_article: ByArticle::empty(n_articles),
            discovered: false,
        });
    }
    for (e, at, possessive) in &lex_hits {
        if let Some(&id) = entry_id.get(e) {
            mentions.push(Mention {
                actor: id,
                at: *at,
                possessive: *possessive,
            });
        }
    }

    // Discovered names: full names (2+ words) grouped by folded key; a lone
    // surname joins the one full name it ends. A candidate carries its key's
    // number, so groups are found by number: a large corpus has millions of
    // candidates, and hashing a string for each took 0.2 s of one core at
    // 100,000 articles.
    // Members are candidates' numbers as u32: there are fewer than 2^32
    // candidates (that many would take 96 GB), and u32 halves the lists.
    let cand = |m: u32| &cands[m as usize];
    let mut groups: Vec<(String, Vec<u32>)> = Vec::new();
    let mut group_of: Vec<u32> = vec![u32::MAX; keys.len()];
    let mut by_surname: foldhash::HashMap<&str, Vec<usize>> = foldhash::HashMap::default();
    for (ci, c) in cands.iter().enumerate() {
        if c.words < 2 {
            continue;
        }
        let k = c.key as usize;
        if group_of[k] == u32::MAX {
            let key = keys[k].as_str();
            group_of[k] = groups.len() as u32;
            // Each group is listed under its own key's last word, once.
            if let Some(sn) = key.split_whitespace().last() {
                by_surname.entry(sn).or_default().push(groups.len());
            }
            groups.push((key.to_string(), Vec::new()));
        }
        groups[group_of[k] as usize].1.push(ci as u32);
    }
    drop(group_of);
    // `Von der Leyen` is `Ursula von der Leyen`, `Lula da Silva` is `Luiz
    // Inácio Lula da Silva`: a name that ends exactly one longer name joins it.
    let longer_of = longer_names(&groups.iter().map(|g| g.0.as_str()).collect::<Vec<_>>());
    for (g, longer) in longer_of.into_iter().enumerate() {
        if let Some(o) = longer {
            let moved = std::mem::take(&mut groups[g].1);
            groups[o].1.extend(moved);
            // A group is listed only under its own key's last word.
            if let Some(v) = groups[g]
                .0
                .split_whitespace()
                .last()
                .and_then(|sn| by_surname.get_mut(sn))
            {
                v.retain(|&x| x != g);
            }
        }
    }
    // A word inside a name, not first nor last (`Lula` in `Luiz Inácio Lula
    // da Silva`), for one-word mentions no surname fits.
    let mut by_inner: foldhash::HashMap<String, Vec<usize>> = foldhash::HashMap::default();
    for (gi, (key, members)) in groups.iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        let ws: Vec<&str> = key.split_whitespace().collect();
        for w in ws.iter().take(ws.len().saturating_sub(1)).skip(1) {
            if !CONNECTORS.contains(w) {
                let v = by_inner.entry((*w).to_string()).or_default();
                if !v.contains(&gi) {
                    v.push(gi);
                }
            }
        }
    }
    // Where a one-word name goes depends on the name alone: worked out once
    // per key, not per candidate.
    #[derive(Clone, Copy)]
    enum Fit {
        Unknown,
        Group(u32),
        Ambiguous,
        Solo(u32),
    }
    let mut solo: Vec<(String, Vec<u32>)> = Vec::new();
    let mut fit_of: Vec<Fit> = vec![Fit::Unknown; keys.len()];
    for (ci, c) in cands.iter().enumerate() {
        if c.words != 1 {
            continue;
        }
        let k = c.key as usize;
        if matches!(fit_of[k], Fit::Unknown) {
            let key = keys[k].as_str();
            let fits = by_surname
                .get(key)
                .filter(|gs| !gs.is_empty())
                .or_else(|| by_inner.get(key));
            fit_of[k] = match fits {
                Some(gs) if gs.len() == 1 => Fit::Group(gs[0] as u32),
                Some(_) => Fit::Ambiguous,
                None => {
                    solo.push((key.to_string(), Vec::new()));
                    Fit::Solo(solo.len() as u32 - 1)
                }
            };
        }
        match fit_of[k] {
            Fit::Group(g) => groups[g as usize].1.push(ci as u32),
            Fit::Solo(s) => solo[s as usize].1.push(ci as u32),
            Fit::Unknown | Fit::Ambiguous => {}
        }
    }
    drop(fit_of);
    drop(by_surname);
    drop(by_inner);
    // A one-word name stands alone only after an office and when it speaks
    // or recurs (`President Lula said`).
    for (key, members) in solo {
        let office = members.iter().any(|&m| cand(m).office());
        let strong = members.len() >= 2 || members.iter().any(|&m| cand(m).speaker());
        let plain_word = COMMON_SET.contains(key.as_str())
            || TITLE_SET.contains(key.as_str())
            || PLACE_WORDS.contains(&key.as_str())
            || ORG_WORDS.contains(&key.as_str());
        if office && strong && !plain_word {
            groups.push((key, members));
        }
    }
    let wanted: WordSet = groups
        .iter()
        .flat_map(|g| g.0.split_whitespace().map(|w| (w.to_string(), ())))
        .collect();
    let lower = lowercase_uses(articles, &wanted);
    // Groups are judged independently: in parallel.
    let judge = |gi: usize, members: &Vec<u32>| -> Option<(usize, ActorKind, u32)> {
        let full = members
            .iter()
            .find(|&&m| cand(m).words >= 2)
            .or_else(|| members.first().filter(|&&m| cand(m).office()));
        let &full = full?;
        let kind = if cand(full).words == 1 {
            Some(ActorKind::Person)
        } else {
            guess_kind(cand(full).name(articles))
        };
        let kind = kind?;
        // A person's name is not made of ordinary words; an institution's
        // may be (`Finance Committee`) but needs one word that is not.
        let words: Vec<&str> = groups[gi].0.split_whitespace().collect();
        let ordinary = words.iter().filter(|w| lower.contains_key(**w)).count();
        let plain = match kind {
            // `da`, `von` are lowercase by nature, not ordinary words.
            ActorKind::Person => {
                words
                    .iter()
                    .any(|w| !CONNECTORS.contains(w) && lower.contains_key(*w))
                    && !CONNECTORS.contains(&words[0])
            }
            _ => ordinary == words.len(),
        };
        if plain {
            return None;
        }
        let recurs = members.len() >= 2;
        let speaks = members
            .iter()
            .any(|&m| cand(m).speaker() || (cand(m).titled() && cand(m).words >= 2));
        (recurs || speaks).then(|| (gi, kind, *members.iter().min().unwrap_or(&full)))
    };
    let mut accepted: Vec<(usize, ActorKind, u32)> = groups
        .par_iter()
        .enumerate()
        .filter_map(|(gi, (_, members))| judge(gi, members))
        .collect();
    accepted.sort_by_key(|a| a.2);
    // Each accepted name's canonical form and aliases read its mentions'
    // texts: independent per name, so in parallel.
    let named_forms: Vec<(String, Vec<String>)> = accepted
        .par_iter()
        .map(|&(gi, _, _)| {
            let members = &groups[gi].1;
            let full = members
                .iter()
                .copied()
                .find(|&m| cand(m).words >= 2)
                .unwrap_or(members[0]);
            let name = cand(full).name(articles).to_string();
            let mut aliases: Vec<String> = Vec::new();
            // Names already given (folded): each form as written is folded
            // once, in order of first use.
            let mut named: foldhash::HashSet<String> = foldhash::HashSet::default();
            named.insert(fold(&name));
            // A member written as one before it in its article was (a
            // name's members keep their article order) adds no form:
            // only the first of each way of writing it is read.
            let fresh: Vec<u32> = members.iter().copied().filter(|&m| cand(m).fresh()).collect();
            for form in first_uses(&fresh, |m| [cand(m).name(articles), cand(m).surface(articles)]) {
                if named.insert(fold(form)) {
                    aliases.push(form.to_string());
                }
            }
            (name, aliases)
        })
        .collect();
    mentions.reserve(accepted.iter().map(|a| groups[a.0].1.len()).sum());
    for ((gi, kind, _), (name, aliases)) in accepted.into_iter().zip(named_forms) {
        let members = &groups[gi].1;
        let id = actors.len() as u32;
        for &m in members {
            mentions.push(Mention {
                actor: id,
                at: cand(m).at,
                possessive: cand(m).possessive(),
            });
        }
        actors.push(Actor {
            id,
            name,
            kind,
            aliases,
            mentions: 0,
            mentions_by_article: ByArticle::empty(n_articles),
            discovered: true,
        });
    }

    // `the authority`, `Union’s Demand`: an institution's head word names it
    // when no other actor's name holds that word (as role words do in quotes).
    let name_words: Vec<Vec<CompactString>> = actors
        .iter()
        .map(|a| a.name.split_whitespace().map(lower_key).collect())
        .collect();
    for ai in 0..actors.len() {
        let a = &actors[ai];
        if !a.discovered || a.kind != ActorKind::Organisation || name_words[ai].len() < 2 {
            continue;
        }
        let Some(head) = name_words[ai].last() else {
            continue;
        };
        let shared = name_words
            .iter()
            .enumerate()
            .any(|(o, ws)| o != ai && ws.contains(head));
        let written = a.name.split_whitespace().last().unwrap_or("").to_string();
        if !shared
            && ORG_WORDS.contains(&head.as_str())
            && !a.aliases.iter().any(|x| fold(x) == head.as_str())
        {
            actors[ai].aliases.push(written);
        }
    }

    mentions.par_sort_by_key(|m| (m.at.article, m.at.block, m.at.span.start, m.actor));
    // Mentions are in article order, so each actor's tally stays sorted.
    let mut by_article = vec![Tally::new(); actors.len()];
    for m in &mentions {
        if let Some(a) = actors.get_mut(m.actor as usize) {
            a.mentions += 1;
            by_article[m.actor as usize].add(m.at.article, 1);
        }
    }
    for (a, t) in actors.iter_mut().zip(by_article) {
        a.mentions_by_article = t.finish(n_articles);
    }
    (actors, mentions)
}

/// The distinct forms of `members` (each giving its forms by `forms`), in
/// order of first use. A name said tens of thousands of times would hold
/// up one core to the end of the stage: its members are read in parallel
/// pieces, each piece's first uses merged in order.
fn first_uses<'a, const N: usize>(
    members: &[u32],
    forms: impl Fn(u32) -> [&'a str; N] + Sync,
) -> Vec<&'a str> {
    const PIECE: usize = 8192;
    // Members are read a batch at a time, their texts first and the set
    // after: reading a member's words is a chain of cache misses (its
    // article, block, text), and one member's chain does not wait on the
    // next one's, so a batch's misses overlap where one at a time they
    // did not.
    const BATCH: usize = 64;
    let distinct = |ms: &[u32]| {
        let mut read: foldhash::HashSet<&str> = foldhash::HashSet::default();
        let mut out = Vec::new();
        let mut batch: Vec<[&str; N]> = Vec::with_capacity(BATCH);
        for chunk in ms.chunks(BATCH) {
            batch.clear();
            batch.extend(chunk.iter().map(|&m| forms(m)));
            for f in batch.iter().flatten() {
                if read.insert(f) {
                    out.push(*f);
                }
            }
        }
        out
    };
    if members.len() <= PIECE {
        return distinct(members);
    }
    let pieces: Vec<Vec<&str>> = members.par_chunks(PIECE).map(distinct).collect();
    let mut read: foldhash::HashSet<&str> = foldhash::HashSet::default();
    let mut out = Vec::new();
    for firsts in pieces {
        for f in firsts {
            if read.insert(f) {
                out.push(f);
            }
        }
    }
    out
}

/// The actor a user's name refers to: canonical name or any alias, folded
/// (`petro`, `bogota`).
pub fn lookup(actors: &[Actor], name: &str) -> Option<u32> {
    let f = fold(name.trim());
    if f.is_empty() {
        return None;
    }
    actors
        .iter()
        .find(|a| fold(&a.name) == f || a.aliases.iter().any(|x| fold(x) == f))
        .or_else(|| {
            actors
                .iter()
                .find(|a| fold(&a.name).split_whitespace().any(|w| w == f))
        })
        .map(|a| a.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Block, Format};

    #[test]
    fn reused_tokens_keep_their_allocation() {
        let text = String::from("Ana Silva said on Monday");
        let mut toks = Vec::new();
        tokens(&text, &mut toks);
        let cap = toks.capacity();
        assert!(cap >= 5);
        let again: Vec<Tok<'static>> = reuse(toks);
        assert!(again.is_empty());
        assert_eq!(again.capacity(), cap);
    }

    fn art(paras: &[&str]) -> Article {
        let mut a = Article::new("t", Format::Plain);
        a.title = "T".into();
        for (i, p) in paras.iter().enumerate() {
            a.blocks.push(Block::new(
                BlockKind::Paragraph,
                *p,
                i as u32 + 1,
                Span::default(),
            ));
        }
        a
    }

    fn lex() -> Lexicon {
        Lexicon::from_str(
            r#"{"actors":[{"name":"Gustavo Petro","kind":"person","aliases":["Petro","the Colombian president"]},
               {"name":"United Nations","kind":"organisation","aliases":["UN"]},
               {"name":"Nobody Here","kind":"person"}],
               "speech_verbs":["said","told"]}"#,
            std::path::Path::new("t"),
        )
        .unwrap()
    }

    #[test]
    fn lexicon_matches_with_boundaries_and_possessives() {
        let a =
            art(&["Petro\u{2019}s plan. Petroleum rose. The Colombian President spoke at the UN, un poco."]);
        let (actors, m) = find(std::slice::from_ref(&a), &lex());
        assert_eq!(actors.len(), 2, "{actors:?}");
        assert_eq!(actors[0].name, "Gustavo Petro");
        assert_eq!(actors[0].mentions, 2);
        assert!(m[0].possessive);
        assert_eq!(m[0].at.text(std::slice::from_ref(&a)), "Petro");
        assert_eq!(m[1].at.text(std::slice::from_ref(&a)), "The Colombian President");
        assert_eq!(actors[1].name, "United Nations");
        assert_eq!(actors[1].mentions, 1, "lowercase `un` is not the UN");
    }

    #[test]
    fn discovers_recurring_names_merged_by_surname() {
        let a = art(&[
            "Mayor Diane Okafor met Josep Freixes in Plaza de Bolívar on Tuesday.",
            "Okafor\u{2019}s budget passed. However, Okafor was tired. Leonor Pacheco said the vote was fine.",
            "The Finance Committee and the Finance Committee met in Latin America. Latin America waited.",
        ]);
        let (actors, m) = find(&[a], &lex());
        let names: Vec<&str> = actors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, vec!["Diane Okafor", "Leonor Pacheco", "Finance Committee"]);
        assert_eq!(actors[0].mentions, 3);
        assert_eq!(actors[0].kind, ActorKind::Person);
        assert_eq!(actors[2].kind, ActorKind::Organisation);
        assert!(actors[0].aliases.iter().any(|a| a == "Mayor Diane Okafor"));
        assert!(m
            .windows(2)
            .all(|w| (w[0].at.block, w[0].at.span.start) <= (w[1].at.block, w[1].at.span.start)));
    }

    #[test]
    fn skips_author_headings_and_ambiguous_surnames() {
        let mut a = art(&[
            "Ana Lopez and Juan Lopez argued. Lopez left. Ana Lopez stayed, and Juan Lopez too.",
            "Written by Sam Reyes. Sam Reyes reports.",
        ]);
        a.author = Some("Sam Reyes".into());
        a.blocks.push(Block::new(
            BlockKind::Heading,
            "Karl Marx Returns",
            9,
            Span::default(),
        ));
        a.blocks.push(Block::new(
            BlockKind::Heading,
            "Karl Marx Returns",
            10,
            Span::default(),
        ));
        let (actors, _) = find(&[a], &lex());
        let names: Vec<(&str, u32)> = actors.iter().map(|a| (a.name.as_str(), a.mentions)).collect();
        assert_eq!(names, vec![("Ana Lopez", 2), ("Juan Lopez", 2)]);
    }

    #[test]
    fn institutions_with_of_and_place_words() {
        let a = art(&[
            "The National Museum of Art said it would act. The Harbor City Council met.",
            "The Harbor City Council voted. Bank of America declined. Plaza de Bolívar filled.",
            "Plaza de Bolívar emptied. Mark Smith of Boston came. Mark Smith of Boston left.",
        ]);
        let (actors, _) = find(&[a], &lex());
        let names: Vec<(&str, ActorKind)> = actors.iter().map(|a| (a.name.as_str(), a.kind)).collect();
        assert_eq!(
            names,
            vec![
                ("National Museum of Art", ActorKind::Organisation),
                ("Harbor City Council", ActorKind::Organisation),
                ("Mark Smith", ActorKind::Person),
            ]
        );
    }

    fn world() -> Lexicon {
        Lexicon::from_str(
            r#"{"actors":[{"name":"French government","kind":"government",
                 "aliases":["the French government","the government of France"],
                 "metonyms":["French officials"],"places":["France","Paris"]},
               {"name":"German government","kind":"government","places":["Germany","Berlin"]}],
               "speech_verbs":["said","argued"],"stance_verbs":["wants","demands","demanded"]}"#,
            std::path::Path::new("w"),
        )
        .unwrap()
    }

    #[test]
    fn places_name_governments_only_as_subjects() {
        let a = art(&[
            "Farmers in France said prices fell. In Paris, the mood was grim. France\u{2019}s farms suffer.",
            "France has also demanded a safeguard. Germany, by contrast, wants a deal. Paris Hilton smiled.",
            "Officials said that Paris would wait, but Berlin argued otherwise. Latin Germany said no.",
        ]);
        let (actors, m) = find(std::slice::from_ref(&a), &world());
        let got: Vec<(&str, &str)> = m
            .iter()
            .map(|m| {
                (
                    actors[m.actor as usize].name.as_str(),
                    m.at.text(std::slice::from_ref(&a)),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("French government", "France"),
                ("German government", "Germany"),
                ("German government", "Berlin"),
            ]
        );
    }

    #[test]
    fn one_word_names_after_an_office_and_long_names_merge() {
        let a = art(&[
            "Brazil\u{2019}s president, Luiz In\u{e1}cio Lula da Silva, said the deal was close.",
            "President Lula said it again. Ursula von der Leyen agreed. Von der Leyen said so.",
            "French President Emmanuel Macron said no. Senator Smith waved. The Cabinet said nothing.",
        ]);
        let (actors, _) = find(&[a], &lex());
        let names: Vec<(&str, u32)> = actors.iter().map(|a| (a.name.as_str(), a.mentions)).collect();
        assert_eq!(
            names,
            vec![
                ("Luiz In\u{e1}cio Lula da Silva", 2),
                ("Ursula von der Leyen", 2),
                ("Emmanuel Macron", 1),
            ]
        );
    }

    /// Names of the embedded lexicon, some cut or joined, and filler, to
    /// write texts that hit (and nearly hit) the gazetteer.
    fn lexicon_words() -> Vec<String> {
        let lex = Lexicon::embedded();
        let mut v: Vec<String> = lex
            .actors
            .iter()
            .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases).chain(&e.places))
            .step_by(7)
            .cloned()
            .collect();
        v.extend(
            [
                "the",
                "said",
                "in",
                "UN",
                "un",
                "Petro's",
                "—",
                "São",
                "Bogota\u{301}",
            ]
            .map(String::from),
        );
        v
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// A matcher of only the names that occur in the texts finds what
        /// the whole lexicon's matcher finds, in each of them.
        #[test]
        fn names_in_text_find_what_the_whole_lexicon_finds(
            picks in proptest::collection::vec(proptest::collection::vec((0usize..10_000, 0usize..4), 0..14), 1..4)
        ) {
            let words = lexicon_words();
            let texts: Vec<String> = picks
                .iter()
                .map(|p| {
                    let mut t = String::new();
                    for &(i, cut) in p {
                        let w = &words[i % words.len()];
                        // Sometimes only the start of a name: a near miss.
                        let w = match (cut, w.char_indices().nth(w.chars().count() / 2)) {
                            (0, Some((k, _))) => &w[..k],
                            _ => w.as_str(),
                        };
                        t.push_str(w);
                        t.push_str(if cut == 1 { ", " } else { " " });
                    }
                    t
                })
                .collect();
            let lex = Lexicon::embedded();
            let whole = Matcher::new(&lex);
            let only = Matcher::for_texts(&lex, texts.iter().map(String::as_str));
            for t in &texts {
                proptest::prop_assert_eq!(only.find_in(t), whole.find_in(t), "in {:?}", t);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn lowercase_words_are_the_alnum_words_starting_lowercase(s in "([a-zA-Z0-9 .,'\u{e9}\u{c9}\u{2019}\u{660}\u{4e00}\u{df}-]|\\PC){0,40}") {
            let mut got = Vec::new();
            lowercase_words(&s, |w, plain| got.push((w, plain)));
            let want: Vec<(&str, bool)> = alnum_words(&s)
                .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
                .map(|w| (w, w.bytes().all(|c| c.is_ascii_lowercase())))
                .collect();
            proptest::prop_assert_eq!(got, want);
        }

        #[test]
        fn alnum_words_split_like_the_plain_split(s in "[a-zA-Z0-9 .,'\u{e9}\u{2019}\u{660}\u{4e00}-]{0,40}") {
            let plain: Vec<&str> = s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            let fast: Vec<&str> = alnum_words(&s).collect();
            proptest::prop_assert_eq!(fast, plain);
        }

        #[test]
        fn tokens_read_bytewise_match_the_char_by_char_reference(
            s in "[a-zA-Z0-9 .,'\u{e9}\u{c9}\u{2019}\u{2011}\u{660}\u{4e00}\u{301}-]{0,40}"
        ) {
            // The reference decodes every char, as `tokens` did before it
            // read ASCII a byte at a time.
            let mut want: Vec<(usize, usize)> = Vec::new();
            let mut start = None;
            let mut last = 0;
            for (i, c) in s.char_indices() {
                if c.is_alphanumeric() {
                    start.get_or_insert(i);
                    last = i + c.len_utf8();
                } else if matches!(c, '.' | '\'' | '\u{2019}' | '-' | '\u{2011}') && start.is_some() {
                    if c == '.' {
                        last = i + 1;
                    }
                } else if let Some(st) = start.take() {
                    want.push((st, word_end(&s, st, last)));
                }
            }
            if let Some(st) = start {
                want.push((st, word_end(&s, st, last)));
            }
            let mut toks = Vec::new();
            tokens(&s, &mut toks);
            let got: Vec<(usize, usize)> = toks.iter().map(|t| (t.s, t.e)).collect();
            proptest::prop_assert!(toks.iter().all(|t| t.w == &s[t.s..t.e]));
            proptest::prop_assert_eq!(got, want);
        }

        #[test]
        fn longer_names_match_the_pairwise_reference(
            keys in proptest::collection::vec("(a|b|c|a b|b c|x a b)( (a|b|c))?", 0..12)
        ) {
            // Keys are distinct, as group keys are.
            let mut keys = keys;
            keys.sort();
            keys.dedup();
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let reference: Vec<Option<usize>> = (0..refs.len())
                .map(|g| {
                    let suffix = format!(" {}", refs[g]);
                    let longer: Vec<usize> = (0..refs.len())
                        .filter(|&o| o != g && refs[o].ends_with(&suffix))
                        .collect();
                    match longer[..] {
                        [o] => Some(o),
                        _ => None,
                    }
                })
                .collect();
            proptest::prop_assert_eq!(longer_names(&refs), reference);
        }
    }

    #[test]
    fn first_uses_keep_the_order_of_first_use_across_pieces() {
        // New forms first appear all along the 40,000 members (pieces of
        // 8,192), beside a few that recur everywhere.
        let forms: Vec<String> = (0..50).map(|k| format!("form{k}")).collect();
        let members: Vec<u32> = (0..40_000).collect();
        let pick = |m: u32| {
            let m = m as usize;
            [forms[(m / 1000) % 40].as_str(), forms[40 + (m * 13) % 7].as_str()]
        };
        let mut want: Vec<&str> = Vec::new();
        for &m in &members {
            for f in pick(m) {
                if !want.contains(&f) {
                    want.push(f);
                }
            }
        }
        assert_eq!(want.len(), 47);
        assert_eq!(first_uses(&members, pick), want);
        assert_eq!(
            first_uses(&members[..100], pick),
            ["form0", "form40", "form46", "form45", "form44", "form43", "form42", "form41"]
        );
    }

    #[test]
    fn lookup_by_alias_folded() {
        let a = art(&["Petro spoke."]);
        let (actors, _) = find(&[a], &lex());
        assert_eq!(lookup(&actors, "petro"), Some(0));
        assert_eq!(lookup(&actors, "GUSTAVO PETRO"), Some(0));
        assert_eq!(lookup(&actors, "nobody"), None);
    }
}
