//! Issues (policy topics): from the lexicon or discovered, merged by meaning,
//! and assigned to sentences, quotes and table rows.
//!
//! Matching works on *stems*: text is folded, cut into words, and each word
//! lightly stemmed (plural, -ing, -ed, -ion), so `eradication`/`eradicate`,
//! `crossings`/`crossing` and `Darién`/`darien` meet. Keywords are matched as
//! whole stem sequences with aho-corasick over a space-joined stem string,
//! which gives word boundaries for free.
//!
//! Discovery, for corpora the lexicon does not know: labels met in the
//! articles (a table's first column when it reads as row labels, the lead of a
//! `Label: …` list item, short headings) are resolved to the issue whose
//! keywords they contain (`Border flows` → migration because `border` is a
//! migration keyword); a label that matches nothing becomes a discovered issue.
//! Content bigrams recurring across at least two articles that no issue covers
//! become discovered issues too (a few, the most frequent). Issues the corpus
//! never mentions are dropped, so ids are dense and the default lexicon does
//! not pollute other corpora.
use super::stances::ActorFinder;
use super::{Actor, ActorId, Issue, IssueId, Quote, Sentence};
use crate::analysis::lexicon::IssueEntry;
use crate::analysis::Lexicon;
use crate::corpus::{Article, BlockKind, Table};
use crate::text::Span;
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU32, Ordering};

use super::words::{words, SentenceWords, Word};

/// The issue lexicon compiled in, used when the lexicon given has none.
const DEFAULT_ISSUES: &str = include_str!("../../assets/lexicon/issues.json");

/// At most this many issues come from recurring bigrams: they are the weakest
/// signal, and a long tail of them would bury the real topics.
const MAX_BIGRAM_ISSUES: usize = 5;

#[derive(Deserialize)]
struct IssuesFile {
    issues: Vec<IssueJson>,
}

#[derive(Deserialize)]
struct IssueJson {
    name: String,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    labels: Vec<String>,
}

/// Reads an issues file (`{"issues":[{"name","keywords","labels"}]}`).
pub fn parse_entries(json: &str) -> Result<Vec<IssueEntry>, serde_json::Error> {
    let f: IssuesFile = serde_json::from_str(json)?;
    Ok(f.issues
        .into_iter()
        .map(|i| IssueEntry {
            name: i.name,
            keywords: i.keywords,
            labels: i.labels,
        })
        .collect())
}

/// The compiled-in issue entries (empty if the data file were malformed,
/// which a unit test rules out).
pub fn default_entries() -> Vec<IssueEntry> {
    parse_entries(DEFAULT_ISSUES).unwrap_or_default()
}

// ---------------------------------------------------------------- matcher

/// A keyword hit: which issue, and which words (indices into `words()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub issue: usize,
    pub first: usize,
    /// One past the last word.
    pub last: usize,
}

/// Finds issue keywords in text: a keyword matches a run of whole words
/// whose stems are its words' stems.
///
/// Keywords are held in a trie of stems, walked from each word of the text:
/// the words' stems are already at hand (see `words`), so a word that
/// starts no keyword costs one hash probe and nothing is built per
/// sentence, however many keywords share a first word.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// Trie nodes, the root first.
    trie: Vec<TrieNode>,
    /// The root's children by stem number, for the stems numbered below
    /// `DENSE_ROOT` (`NO_CHILD` where there is none): every word of every
    /// sentence is looked up at the root, and nearly all stop there.
    root: Vec<u32>,
    /// Pattern index → issue index.
    owner: Vec<usize>,
    /// Pattern index → the only surface form it matches (`=arrivals`), word by word.
    exact: Vec<Option<Vec<String>>>,
    /// Pattern index → counts only beside another keyword of its issue
    /// (`~border`).
    weak: Vec<bool>,
    /// Pattern index → written with a capital (a name: `Maduro`), so it
    /// counts inside a proper name too.
    named: Vec<bool>,
    /// (issue, stems, exact form, weak) of every pattern, so one is added once.
    seen: HashSet<PatternKey>,
}

type PatternKey = (usize, Vec<u32>, Option<Vec<String>>, bool);

/// A keyword's marks: `=word` matches that surface form only (no stemming);
/// `~word` is weak (see `Matcher`). Returns the phrase and the marks.
pub fn keyword_marks(k: &str) -> (&str, bool, bool) {
    let k = k.trim();
    if let Some(b) = k.strip_prefix('=') {
        (b.trim(), true, false)
    } else if let Some(b) = k.strip_prefix('~') {
        (b.trim(), false, true)
    } else {
        (k, false, false)
    }
}

/// Small words that may stand inside a proper name (`Chamber of Commerce`).
const NAME_JOINERS: &[&str] = &["of", "and", "the", "for", "de", "del", "la"];

/// A node of the keyword trie: the stem to each child, and the patterns
/// whose stems end here.
#[derive(Debug, Clone, Default)]
struct TrieNode {
    /// Keyed by stem number (`Word::stem_id`).
    next: foldhash::HashMap<u32, u32>,
    ends: Vec<usize>,
}

/// Stems numbered below this have their root child in `Matcher::root` (at
/// most 4 MB a matcher); a corpus of more distinct stems looks the rest up
/// in the root's map. Small in unit tests, so they take both ways.
const DENSE_ROOT: u32 = if cfg!(test) { 16 } else { 1 << 20 };
const NO_CHILD: u32 = u32::MAX;

impl Matcher {
    /// `phrases[i]` are the phrases (keywords, labels, name) of issue `i`.
    pub fn new(phrases: &[Vec<String>]) -> Matcher {
        let mut m = Matcher {
            trie: vec![TrieNode::default()],
            root: Vec::new(),
            owner: Vec::new(),
            exact: Vec::new(),
            weak: Vec::new(),
            named: Vec::new(),
            seen: HashSet::new(),
        };
        for (i, ps) in phrases.iter().enumerate() {
            for p in ps {
                m.add(i, p);
            }
        }
        m
    }

    /// Adds phrase `p` (a keyword, label or name, with its marks) of issue
    /// `i`. Which hits a text gets does not depend on the order phrases
    /// were added in, so a matcher can grow as issues are found instead of
    /// being rebuilt.
    fn add(&mut self, i: usize, p: &str) {
        let (body, is_exact, is_weak) = keyword_marks(p);
        let ws = words(body);
        let stems: Vec<u32> = ws.iter().map(Word::stem_id).collect();
        let surface: Option<Vec<String>> =
            is_exact.then(|| ws.iter().map(|w| w.folded().to_string()).collect());
        if stems.is_empty() || !self.seen.insert((i, stems.clone(), surface.clone(), is_weak)) {
            return;
        }
        let mut node = 0;
        for st in stems {
            let fresh = self.trie.len() as u32;
            let child = *self.trie[node].next.entry(st).or_insert(fresh);
            if child == fresh {
                self.trie.push(TrieNode::default());
            }
            if node == 0 && st < DENSE_ROOT {
                let k = st as usize;
                if self.root.len() <= k {
                    self.root.resize(k + 1, NO_CHILD);
                }
                self.root[k] = child;
            }
            node = child as usize;
        }
        self.trie[node].ends.push(self.owner.len());
        self.owner.push(i);
        self.exact.push(surface);
        self.weak.push(is_weak);
        self.named.push(body.chars().any(char::is_uppercase));
    }

    /// Adds every phrase of `draft`, the `i`th.
    fn add_draft(&mut self, i: usize, draft: &Draft) {
        for p in draft.phrases() {
            self.add(i, &p);
        }
    }

    /// A matcher over final issues: their name, keywords and labels.
    pub fn for_issues(issues: &[Issue]) -> Matcher {
        let phrases: Vec<Vec<String>> = issues.iter().map(phrases_of).collect();
        Matcher::new(&phrases)
    }

    /// Every keyword hit in `ws` (overlapping hits included).
    pub fn hits(&self, ws: &[Word]) -> Vec<Hit> {
        self.hits_in(ws, None)
    }

    /// Hits in running text `text` (the text `ws` was read from): a keyword
    /// inside a capitalised multi-word name (`Chamber of Commerce`) does not
    /// count unless the keyword is itself a name, and a weak one counts only
    /// beside a firm one of its issue.
    pub fn hits_in_prose(&self, ws: &[Word], text: &str) -> Vec<Hit> {
        self.hits_in(ws, Some(text))
    }

    /// Issues in running text, in order of first appearance.
    pub fn issues_in_prose(&self, ws: &[Word], text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for h in self.hits_in_prose(ws, text) {
            if !out.contains(&h.issue) {
                out.push(h.issue);
            }
        }
        out
    }

    /// The child of trie node `node` by stem number `st`.
    #[inline]
    fn child(&self, node: usize, st: u32) -> Option<u32> {
        if node == 0 && st < DENSE_ROOT {
            return self.root.get(st as usize).copied().filter(|&c| c != NO_CHILD);
        }
        self.trie[node].next.get(&st).copied()
    }

    fn hits_in(&self, ws: &[Word], prose: Option<&str>) -> Vec<Hit> {
        let mut found: Vec<Hit> = Vec::new();
        // Which of `found` are weak (few are): one list of hits, not a
        // flag beside each that a second list would then drop.
        let mut weak: Vec<usize> = Vec::new();
        for a in 0..ws.len() {
            let mut node = 0;
            for (b, w) in ws.iter().enumerate().skip(a).map(|(k, w)| (k + 1, w)) {
                let Some(child) = self.child(node, w.stem_id()) else {
                    break;
                };
                node = child as usize;
                for &pi in &self.trie[node].ends {
                    let run = &ws[a..b];
                    if let Some(form) = &self.exact[pi] {
                        if !run.iter().zip(form).all(|(w, f)| w.folded() == f) {
                            continue;
                        }
                    }
                    if let (Some(text), false) = (prose, self.named[pi]) {
                        if in_name(ws, a, b, text) {
                            continue;
                        }
                    }
                    if self.weak[pi] {
                        weak.push(found.len());
                    }
                    found.push(Hit {
                        issue: self.owner[pi],
                        first: a,
                        last: b,
                    });
                }
            }
        }
        // A weak keyword (`border`: border-area operations, cross-border
        // crime) speaks to its issue only beside a firm one of it.
        // Labels and user queries are short and chosen: there a weak
        // keyword still names its issue.
        if prose.is_some() && !weak.is_empty() {
            let firm: HashSet<usize> = (0..found.len())
                .filter(|k| weak.binary_search(k).is_err())
                .map(|k| found[k].issue)
                .collect();
            let mut k = 0;
            found.retain(|h| {
                let keep = weak.binary_search(&k).is_err() || firm.contains(&h.issue);
                k += 1;
                keep
            });
        }
        found.sort_by_key(|h| (h.first, h.last, h.issue));
        found
    }

    /// Issues in `ws`, in order of first appearance.
    pub fn issues_in(&self, ws: &[Word]) -> Vec<usize> {
        let mut out = Vec::new();
        for h in self.hits(ws) {
            if !out.contains(&h.issue) {
                out.push(h.issue);
            }
        }
        out
    }

    /// The issues `ws` is most about: those covering the most words (ties
    /// all kept, in order of first appearance).
    pub fn best_issues(&self, ws: &[Word]) -> Vec<usize> {
        let mut cover: Vec<(usize, HashSet<usize>, usize)> = Vec::new();
        for h in self.hits(ws) {
            match cover.iter_mut().find(|c| c.0 == h.issue) {
                Some(e) => e.1.extend(h.first..h.last),
                None => cover.push((h.issue, (h.first..h.last).collect(), h.first)),
            }
        }
        let best = cover.iter().map(|c| c.1.len()).max().unwrap_or(0);
        if best == 0 {
            return Vec::new();
        }
        let mut top: Vec<_> = cover.into_iter().filter(|c| c.1.len() == best).collect();
        top.sort_by_key(|c| c.2);
        top.into_iter().map(|c| c.0).collect()
    }

    /// The one issue a label names: the best-covering one, the earliest on a tie.
    pub fn label_issue(&self, label: &str) -> Option<usize> {
        self.best_issues(&words(label)).first().copied()
    }
}

fn phrases_of(i: &Issue) -> Vec<String> {
    let mut v = vec![i.name.clone()];
    v.extend(i.keywords.iter().cloned());
    v.extend(i.labels.iter().cloned());
    v
}

// ---------------------------------------------------------------- tables

/// The actor a short text (a header cell, a list lead) names, if any.
pub fn header_actor(text: &str, finder: &ActorFinder) -> Option<ActorId> {
    finder.first_in(text)
}

/// The column of a table that holds row labels, if any: the first column,
/// when its header names no actor and its cells are short labels (not
/// sentences).
pub fn label_column(table: &Table, finder: &ActorFinder) -> Option<usize> {
    if table.columns() < 2 || table.rows.is_empty() {
        return None;
    }
    let head = table.header.first()?;
    if header_actor(&head.text, finder).is_some() {
        return None;
    }
    let short = table.rows.iter().all(|r| {
        r.first().map_or(true, |c| {
            let n = words(&c.text).len();
            n <= 5 && !c.text.trim_end().ends_with('.')
        })
    });
    short.then_some(0)
}

/// The issues one table row speaks to: the row label's issue first (when the
/// table has a label column), then those of its cells' words.
pub fn row_issues(matcher: &Matcher, table: &Table, row: usize, label_col: Option<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    let Some(cells) = table.rows.get(row) else {
        return out;
    };
    if let Some(lc) = label_col {
        if let Some(i) = cells.get(lc).and_then(|c| matcher.label_issue(&c.text)) {
            out.push(i);
        }
    }
    for (ci, c) in cells.iter().enumerate() {
        if Some(ci) == label_col {
            continue;
        }
        for i in matcher.issues_in(&words(&c.text)) {
            if !out.contains(&i) {
                out.push(i);
            }
        }
    }
    out
}

/// A row's byte range in the table block's text: from its first cell to its last.
pub fn row_span(r: &[crate::corpus::Cell]) -> Span {
    let s = r.iter().map(|c| c.span.start).min().unwrap_or(0);
    let e = r.iter().map(|c| c.span.end).max().unwrap_or(s);
    Span { start: s, end: e }
}

// ---------------------------------------------------------------- catalog

#[derive(Debug, Clone)]
struct Draft {
    name: String,
    keywords: Vec<String>,
    /// Lexicon labels: matched, but only reported once met in the text.
    known_labels: Vec<String>,
    labels: Vec<String>,
    discovered: bool,
}

impl Draft {
    fn from_entry(e: IssueEntry) -> Draft {
        Draft {
            name: e.name,
            keywords: e.keywords,
            known_labels: e.labels,
            labels: Vec::new(),
            discovered: false,
        }
    }
    fn phrases(&self) -> Vec<String> {
        let mut v = vec![self.name.clone()];
        v.extend(self.keywords.iter().cloned());
        v.extend(self.known_labels.iter().cloned());
        v.extend(self.labels.iter().cloned());
        v
    }
}

fn matcher_of(drafts: &[Draft]) -> Matcher {
    let phrases: Vec<Vec<String>> = drafts.iter().map(Draft::phrases).collect();
    Matcher::new(&phrases)
}

/// A label as met in an article, and whether it may found a new issue.
struct Label {
    text: String,
    may_found: bool,
    /// From a heading: may still found an issue if a phrase of it recurs in
    /// the articles' text (see `heading_issues`).
    heading: bool,
}

/// The lead of a `Label: rest` list item or paragraph, when short (≤ 5 words)
/// and followed by more text; with the colon's byte offset in `text`.
pub fn lead_of(text: &str) -> Option<(&str, usize)> {
    // Asked of whole blocks for each of their sentences, most of which
    // have no colon: memchr's vector search, not `str::find`'s.
    let colon = memchr::memchr(b':', text.as_bytes())?;
    let lead = text.get(..colon)?.trim();
    let rest = text.get(colon + 1..)?.trim();
    let ws = words(lead);
    if lead.is_empty() || rest.is_empty() || ws.is_empty() || ws.len() > 5 {
        return None;
    }
    Some((lead, colon))
}

fn names_actor(text: &str, finder: &ActorFinder) -> bool {
    header_actor(text, finder).is_some()
}

/// A lead opening on a preposition (`For Petro:`, `To investors:`) addresses
/// someone; it does not name a topic.
fn addressed(lead: &str) -> bool {
    words(lead)
        .first()
        .is_some_and(|w| matches!(w.folded(), "for" | "to" | "from" | "by" | "with" | "according"))
}

fn collect_labels(articles: &[Article], finder: &ActorFinder) -> Vec<Label> {
    // Articles are read independently, in parallel; labels stay in reading order.
    articles
        .par_iter()
        .flat_map_iter(|a| labels_of(a, finder))
        .collect()
}

/// The labels met in one article, in reading order.
fn labels_of(a: &Article, finder: &ActorFinder) -> Vec<Label> {
    let mut out = Vec::new();
    let mut push = |text: &str, may_found: bool, heading: bool| {
        let text = text.trim();
        if !text.is_empty() {
            let actor = names_actor(text, finder);
            out.push(Label {
                text: text.to_string(),
                // `Petro:` names an actor; `Venezuela:` may name both, and
                // then the issue keywords decide (see `merge_labels`).
                may_found: may_found && !actor,
                heading: heading && !actor,
            });
        }
    };
    for b in &a.blocks {
        match b.kind {
            BlockKind::Table => {
                let Some(t) = &b.table else { continue };
                let Some(lc) = label_column(t, finder) else {
                    continue;
                };
                let actor_rows = t
                    .rows
                    .iter()
                    .all(|r| r.get(lc).is_some_and(|c| names_actor(&c.text, finder)));
                if actor_rows {
                    // Actors down the side: the header names the issues.
                    for h in t.header.iter().skip(lc + 1) {
                        push(&h.text, true, false);
                    }
                } else {
                    for c in t.rows.iter().filter_map(|r| r.get(lc)) {
                        push(&c.text, true, false);
                    }
                }
            }
            BlockKind::ListItem | BlockKind::Paragraph => {
                if let Some((lead, _)) = lead_of(&b.text) {
                    if !addressed(lead) {
                        // A paragraph lead (`Update: …`) is too weak to found an issue.
                        push(lead, b.kind == BlockKind::ListItem, false);
                    }
                }
            }
            BlockKind::Heading if (1..=6).contains(&words(&b.text).len()) => push(&b.text, false, true),
            _ => {}
        }
    }
    out
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    let f = crate::text::fold(s);
    if !v.iter().any(|x| crate::text::fold(x) == f) {
        v.push(s.to_string());
    }
}

/// A new issue from a label that no issue covers: the label is its name and
/// phrase; its non-generic content words are its keywords.
fn found_issue(label: &str) -> Draft {
    let mut keywords = vec![label.to_string()];
    for w in words(label) {
        if w.is_content() && !w.is_generic() {
            push_unique(&mut keywords, w.folded());
        }
    }
    Draft {
        name: label.to_string(),
        keywords,
        known_labels: Vec::new(),
        labels: vec![label.to_string()],
        discovered: true,
    }
}

/// Resolves the labels met in the articles against the drafts, merging each
/// into the issue it names or founding a new one.
fn merge_labels(drafts: &mut Vec<Draft>, labels: &[Label]) {
    let mut m = matcher_of(drafts);
    // Each issue's labels, folded, kept as they grow: a table of thousands
    // of rows gives as many labels, and refolding them all per row is
    // quadratic.
    let mut seen: HashMap<usize, std::collections::HashSet<String>> = HashMap::new();
    // Labels merged since the matcher last grew: it sees them only once a
    // new issue is founded (as when it was rebuilt from every draft then).
    let mut pending: Vec<(usize, String)> = Vec::new();
    for l in labels {
        let ws = words(&l.text);
        if l.heading && ws.len() > 4 {
            // Long headings found issues through their phrases only.
            continue;
        }
        match m.best_issues(&ws).as_slice() {
            [one] => {
                let Some(d) = drafts.get_mut(*one) else { continue };
                let set = seen
                    .entry(*one)
                    .or_insert_with(|| d.labels.iter().map(|x| crate::text::fold(x)).collect());
                if set.insert(crate::text::fold(&l.text)) {
                    d.labels.push(l.text.clone());
                    pending.push((*one, l.text.clone()));
                }
            }
            [] if l.may_found && ws.iter().any(|w| w.is_content() && !w.is_generic()) => {
                for (i, label) in pending.drain(..) {
                    m.add(i, &label);
                }
                let d = found_issue(&l.text);
                m.add_draft(drafts.len(), &d);
                drafts.push(d);
            }
            // Several issues at once (`migration, drugs, and Venezuela`): not a label of one.
            _ => {}
        }
    }
}

/// Whether words `a..b` of `ws` are all capitalised in `text` and part of a
/// longer capitalised run (a proper name: `Chamber of Commerce`).
fn in_name(ws: &[Word], a: usize, b: usize, text: &str) -> bool {
    let cap = |i: usize| ws.get(i).is_some_and(|w| capitalised(text, w));
    if !(a..b).all(cap) {
        return false;
    }
    let joiner = |i: usize| ws.get(i).is_some_and(|w| NAME_JOINERS.contains(&w.folded()));
    let mut before = a.checked_sub(1);
    while let Some(i) = before.filter(|&i| joiner(i)) {
        before = i.checked_sub(1);
    }
    let mut after = b;
    while joiner(after) {
        after += 1;
    }
    before.is_some_and(cap) || cap(after)
}

/// Proper-noun words (capitalised wherever met) are names, not topics.
fn capitalised(text: &str, w: &Word) -> bool {
    text.get(w.start()..w.end())
        .and_then(|s| s.chars().next())
        .is_some_and(|c| c.is_uppercase())
}

/// Per bigram: total count, articles met in, surface forms (folded word
/// pairs) with their counts, ever capitalised.
struct BigramStat {
    /// The two stems (the key holds their numbers).
    stems: (&'static str, &'static str),
    total: u32,
    articles: u32,
    /// The last article counted in `articles` (each article is read whole
    /// by one worker, so this is enough to count it once).
    last_article: u32,
    surfaces: Vec<((&'static str, &'static str), u32)>,
    capitalised: bool,
}

impl BigramStat {
    /// Adds another worker's counts for the same bigram (over other articles).
    fn merge(&mut self, o: BigramStat) {
        self.total += o.total;
        self.articles += o.articles;
        self.capitalised |= o.capitalised;
        for (sf, n) in o.surfaces {
            match self.surfaces.iter_mut().find(|x| x.0 == sf) {
                Some(x) => x.1 += n,
                None => self.surfaces.push((sf, n)),
            }
        }
    }

    /// The most frequent surface form (`water rights`), the first in
    /// alphabetical order on a tie.
    fn surface(&self) -> Option<String> {
        self.surfaces
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .map(|((x, y), _)| format!("{x} {y}"))
    }
}

/// May this word be half of a topic phrase? Content, not generic, alphabetic,
/// not an adverb, not part of an actor's name.
fn phrase_word(w: &Word, actor_words: &ActorWords) -> bool {
    w.is_content()
        && !is_amount(w.folded())
        && !w.is_generic()
        && w.folded().chars().count() >= 3
        && w.folded().chars().all(|c| c.is_alphabetic())
        && !w.folded().ends_with("ly")
        && !actor_words.contains(w.folded())
}

/// Numbers, money, units and dates: `fifty cents` recurs but is no topic.
#[rustfmt::skip]
const AMOUNT_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "trillion",
    "dozen", "dozens", "half", "quarter", "third", "percent", "per", "cent", "cents", "dollar",
    "dollars", "euro", "euros", "peso", "pesos", "pound", "pounds", "yen", "yuan", "rupee",
    "rupees", "mile", "miles", "kilometer", "kilometers", "kilometre", "kilometres", "meter",
    "meters", "metre", "metres", "acre", "acres", "ton", "tons", "tonne", "tonnes", "gallon",
    "gallons", "liter", "liters", "litre", "litres", "barrel", "barrels", "hour", "hours",
    "minute", "minutes", "day", "days", "week", "weeks", "month", "months", "year", "years",
    "decade", "decades", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
];

fn is_amount(folded: &str) -> bool {
    static SET: std::sync::OnceLock<foldhash::HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| AMOUNT_WORDS.iter().copied().collect())
        .contains(folded)
}

/// The folded words of every actor's names: never half of a topic phrase.
type ActorWords = foldhash::HashSet<String>;

fn actor_words(actors: &[Actor]) -> ActorWords {
    actors
        .iter()
        .flat_map(|a| std::iter::once(&a.name).chain(a.aliases.iter()))
        .flat_map(|s| words(s).into_iter().map(|w| w.folded().to_string()))
        .collect()
}

/// Keyed by the two stems' numbers (`bigram_key`): hashing and comparing
/// one integer per pair of words of the corpus instead of two strings.
type Bigrams = foldhash::HashMap<u64, BigramStat>;

fn bigram_key(x: &Word, y: &Word) -> u64 {
    u64::from(x.stem_id()) << 32 | u64::from(y.stem_id())
}

/// Adjacent phrase-word pairs of the body text (paragraphs, list items),
/// counted per article in parallel and merged.
fn bigram_stats(
    articles: &[Article],
    sentences: &[Sentence],
    cache: &SentenceWords,
    actor_words: &ActorWords,
) -> Bigrams {
    // Sentences come in article order: one slice (with its offset) per article.
    let mut per_article: Vec<(usize, &[Sentence])> = Vec::new();
    let mut at = 0;
    for run in sentences.chunk_by(|a, b| a.article == b.article) {
        per_article.push((at, run));
        at += run.len();
    }
    per_article
        .par_iter()
        .fold(
            || (Bigrams::default(), PhraseWords::new(actor_words)),
            |(mut stats, mut phrase), &(first, run)| {
                for (k, s) in run.iter().enumerate() {
                    cache.with(first + k, |ws| {
                        count_bigrams(&mut stats, articles, s, ws, &mut phrase)
                    });
                }
                (stats, phrase)
            },
        )
        .map(|(stats, _)| stats)
        .reduce(Bigrams::default, |mut a, b| {
            for (key, st) in b {
                match a.entry(key) {
                    std::collections::hash_map::Entry::Occupied(mut e) => e.get_mut().merge(st),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(st);
                    }
                }
            }
            a
        })
}

/// `phrase_word` of each word form, worked out once per form on a thread
/// rather than once per word of the corpus (it folds, hashes and counts
/// chars).
struct PhraseWords<'a> {
    actor_words: &'a ActorWords,
    /// By form number: 0 not yet known, 1 no, 2 yes.
    known: Vec<u8>,
    /// The current sentence's answers, word by word.
    ok: Vec<bool>,
}

impl<'a> PhraseWords<'a> {
    fn new(actor_words: &'a ActorWords) -> PhraseWords<'a> {
        PhraseWords {
            actor_words,
            known: Vec::new(),
            ok: Vec::new(),
        }
    }

    fn get(&mut self, w: &Word) -> bool {
        let k = w.form_id() as usize;
        if k >= self.known.len() {
            self.known.resize(k + 1, 0);
        }
        if self.known[k] == 0 {
            self.known[k] = 1 + u8::from(phrase_word(w, self.actor_words));
        }
        self.known[k] == 2
    }
}

/// Counts the bigrams of one sentence (`ws`: its words) into `stats`.
fn count_bigrams(
    stats: &mut Bigrams,
    articles: &[Article],
    s: &Sentence,
    ws: Option<&[Word]>,
    phrase: &mut PhraseWords,
) {
    let Some(b) = articles
        .get(s.article as usize)
        .and_then(|a| a.blocks.get(s.block as usize))
    else {
        return;
    };
    let Some(ws) = ws.filter(|_| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)) else {
        return;
    };
    let text = s.span.slice(&b.text);
    let mut ok = std::mem::take(&mut phrase.ok);
    ok.clear();
    ok.extend(ws.iter().map(|w| phrase.get(w)));
    for (k, pair) in ws.windows(2).enumerate() {
        let (x, y) = (&pair[0], &pair[1]);
        // Adjacent in the text, not across punctuation.
        let gap = text.get(x.end()..y.start()).unwrap_or("x");
        if !ok[k] || !ok[k + 1] || !gap.trim().is_empty() {
            continue;
        }
        let e = stats.entry(bigram_key(x, y)).or_insert_with(|| BigramStat {
            stems: (x.stem(), y.stem()),
            total: 0,
            articles: 0,
            last_article: u32::MAX,
            surfaces: Vec::new(),
            capitalised: false,
        });
        e.total += 1;
        if e.last_article != s.article {
            e.last_article = s.article;
            e.articles += 1;
        }
        match e
            .surfaces
            .iter_mut()
            .find(|(sf, _)| sf.0 == x.folded() && sf.1 == y.folded())
        {
            Some(sf) => sf.1 += 1,
            None => e.surfaces.push(((x.folded(), y.folded()), 1)),
        }
        // A sentence's first word is capitalised whatever it is.
        e.capitalised |= (k > 0 && capitalised(text, x)) || capitalised(text, y);
    }
    phrase.ok = ok;
}

/// A heading no issue covers founds one when a phrase of it (two adjacent
/// topic words, `Water rights` in `The fight over water rights`) recurs in
/// the text of at least two articles: a section title alone is too weak.
fn heading_issues(drafts: &mut Vec<Draft>, labels: &[Label], stats: &Bigrams, actor_words: &ActorWords) {
    let mut m = matcher_of(drafts);
    for l in labels.iter().filter(|l| l.heading) {
        if l.text.contains('?') {
            continue;
        }
        let ws = words(&l.text);
        if !m.issues_in(&ws).is_empty() {
            continue;
        }
        let found = ws.windows(2).find_map(|p| {
            let gap = l.text.get(p[0].end()..p[1].start())?;
            if !gap.trim().is_empty() || !phrase_word(&p[0], actor_words) || !phrase_word(&p[1], actor_words)
            {
                return None;
            }
            let st = stats.get(&bigram_key(&p[0], &p[1]))?;
            (st.articles >= 2 && !st.capitalised).then(|| format!("{} {}", p[0].folded(), p[1].folded()))
        });
        if let Some(surface) = found {
            let mut d = bigram_draft(surface);
            d.labels.push(l.text.clone());
            m.add_draft(drafts.len(), &d);
            drafts.push(d);
        }
    }
}

fn bigram_draft(surface: String) -> Draft {
    let mut chars = surface.chars();
    let name = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default();
    Draft {
        name,
        keywords: vec![surface],
        known_labels: Vec::new(),
        labels: Vec::new(),
        discovered: true,
    }
}

/// Content bigrams met in ≥ 2 articles and ≥ 3 times, never capitalised, that
/// no issue covers, are candidate topics of a corpus the lexicon does not know.
fn bigram_issues(drafts: &mut Vec<Draft>, stats: Bigrams) {
    let mut cands: Vec<_> = stats
        .into_iter()
        .filter(|(_, st)| st.total >= 3 && st.articles >= 2 && !st.capitalised)
        .collect();
    cands.sort_by(|a, b| b.1.total.cmp(&a.1.total).then_with(|| a.1.stems.cmp(&b.1.stems)));
    let mut added = 0;
    let mut m = matcher_of(drafts);
    for (_, st) in cands {
        if added >= MAX_BIGRAM_ISSUES {
            break;
        }
        let Some(surface) = st.surface() else {
            continue;
        };
        if !m.issues_in(&words(&surface)).is_empty() {
            continue;
        }
        let d = bigram_draft(surface);
        m.add_draft(drafts.len(), &d);
        drafts.push(d);
        added += 1;
    }
}

/// One table's rows: each row's span and issues.
type Rows = Vec<(Span, Vec<usize>)>;

/// Per table block: each row's span and issues.
/// One list of issue indices per sentence, kept in one flat vector: a
/// million sentences as a million `Vec`s cost 24 bytes each before their
/// first issue, and most sentences have none.
struct Flat {
    /// Where each list ends in `items` (it starts where the previous ends).
    ends: Vec<u32>,
    /// Issue (draft) numbers, and a quote's own count: all far below 2^32,
    /// and half the bytes of `usize`.
    items: Vec<u32>,
}

impl Flat {
    /// The lists `list(0..n)`, read in parallel a few thousand at a time.
    fn of(n: usize, list: &(dyn Fn(usize) -> Vec<usize> + Sync)) -> Flat {
        const AT_ONCE: usize = 4096;
        let mut flat = Flat {
            ends: Vec::with_capacity(n),
            items: Vec::new(),
        };
        let pieces: Vec<usize> = (0..n.div_ceil(AT_ONCE)).collect();
        crate::windows::gather_by(
            &pieces,
            16,
            || (),
            |_, _, &c| {
                let range = c * AT_ONCE..n.min((c + 1) * AT_ONCE);
                let mut lens = Vec::with_capacity(range.len());
                let mut items = Vec::new();
                for k in range {
                    let is = list(k);
                    lens.push(is.len() as u32);
                    items.extend(is.into_iter().map(|i| i as u32));
                }
                (lens, items)
            },
            |(lens, items)| {
                for len in lens {
                    let end = flat.ends.last().copied().unwrap_or(0) + len;
                    flat.ends.push(end);
                }
                flat.items.extend(items);
            },
        );
        flat
    }

    /// List `k` (empty past the end).
    fn get(&self, k: usize) -> &[u32] {
        let Some(&end) = self.ends.get(k) else {
            return &[];
        };
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.items[start as usize..end as usize]
    }

    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        (0..self.ends.len()).map(|k| self.get(k))
    }
}

type RowIssues = HashMap<(u32, u32), Rows>;

/// A quote's list in `assign`: how many of its issues its own words name,
/// and its issues, those first.
fn own_and_all(list: &[u32]) -> (usize, &[u32]) {
    match list.split_first() {
        Some((&own, is)) => ((own as usize).min(is.len()), is),
        None => (0, &[]),
    }
}

/// Builds the issues, assigns them to sentences and quotes, counts their
/// mentions (sentences, quotes and table rows) and drops the unmentioned.
/// `sentence_words` holds each sentence's words (see `words::of_sentences`).
pub fn assign(
    articles: &[Article],
    sentences: &mut [Sentence],
    sentence_words: &SentenceWords,
    quotes: &mut [Quote],
    actors: &[Actor],
    lexicon: &Lexicon,
) -> Vec<Issue> {
    let entries = if lexicon.issues.is_empty() {
        default_entries()
    } else {
        lexicon.issues.clone()
    };
    let mut drafts: Vec<Draft> = entries.into_iter().map(Draft::from_entry).collect();
    let finder = ActorFinder::new(actors, true);
    let cache = sentence_words;
    let labels = collect_labels(articles, &finder);
    merge_labels(&mut drafts, &labels);
    let actor_words = actor_words(actors);
    let stats = bigram_stats(articles, sentences, cache, &actor_words);
    heading_issues(&mut drafts, &labels, &stats, &actor_words);
    bigram_issues(&mut drafts, stats);
    let matcher = matcher_of(&drafts);

    // Mentions per issue and article, counted where each sentence's and
    // quote's issues are read, in parallel (counting after, in order, kept
    // one core busy while the other waited).
    let mut counts: Vec<Vec<AtomicU32>> = (0..drafts.len())
        .map(|_| (0..articles.len()).map(|_| AtomicU32::new(0)).collect())
        .collect();
    // Each table's rows and their issues, read per article in parallel.
    let tables: Vec<Vec<(u32, Rows)>> = articles
        .par_iter()
        .map(|a| {
            let mut out = Vec::new();
            for (bi, b) in a.blocks.iter().enumerate() {
                let Some(t) = b.table.as_ref().filter(|_| b.kind == BlockKind::Table) else {
                    continue;
                };
                let lc = label_column(t, &finder);
                let rows = (0..t.rows.len())
                    .map(|ri| (row_span(&t.rows[ri]), row_issues(&matcher, t, ri, lc)))
                    .collect();
                out.push((bi as u32, rows));
            }
            out
        })
        .collect();
    let mut table_rows: RowIssues = HashMap::new();
    for (ai, blocks) in tables.into_iter().enumerate() {
        for (bi, rows) in blocks {
            for (_, is) in &rows {
                for &i in is {
                    *counts[i][ai].get_mut() += 1;
                }
            }
            table_rows.insert((ai as u32, bi), rows);
        }
    }
    // Each sentence's issues, read independently (in parallel), then counted.
    let of_sentence = |s: &Sentence, ws: Option<&[Word]>| -> Vec<usize> {
        let b = articles
            .get(s.article as usize)
            .and_then(|a| a.blocks.get(s.block as usize));
        match b {
            // A table's sentences take the issues of the rows they cover
            // (rows were counted once each above).
            Some(b) if b.kind == BlockKind::Table => {
                let mut is = Vec::new();
                // Rows are in text order: binary-search the first one the
                // sentence reaches instead of scanning every row per sentence.
                let rows = table_rows.get(&(s.article, s.block)).map_or(&[][..], |r| &r[..]);
                let first = rows.partition_point(|(span, _)| span.end <= s.span.start);
                for (span, ri) in rows[first..]
                    .iter()
                    .take_while(|(span, _)| span.start < s.span.end)
                {
                    if span.start < s.span.end && s.span.start < span.end {
                        for &i in ri {
                            if !is.contains(&i) {
                                is.push(i);
                            }
                        }
                    }
                }
                is
            }
            Some(b) if b.kind.is_body() => {
                let text = s.span.slice(&b.text);
                let mut is = ws.map(|ws| matcher.issues_in_prose(ws, text)).unwrap_or_default();
                // Every sentence of a `Label: …` list item speaks to the label's issue.
                if b.kind == BlockKind::ListItem {
                    let lead = lead_of(&b.text).and_then(|(l, _)| matcher.label_issue(l));
                    if let Some(l) = lead {
                        is.retain(|&i| i != l);
                        is.insert(0, l);
                    }
                }
                is
            }
            _ => Vec::new(),
        }
    };
    let count = |i: usize, article: u32| {
        if let Some(c) = counts.get(i).and_then(|c| c.get(article as usize)) {
            c.fetch_add(1, Ordering::Relaxed);
        }
    };
    let sent_issues = Flat::of(sentences.len(), &|k| {
        let Some(s) = sentences.get(k) else {
            return Vec::new();
        };
        let is = cache.with(k, |ws| of_sentence(s, ws));
        // A table's rows were counted once each above.
        let table = articles
            .get(s.article as usize)
            .and_then(|a| a.blocks.get(s.block as usize))
            .is_some_and(|b| b.kind == BlockKind::Table);
        if !table {
            for &i in &is {
                count(i, s.article);
            }
        }
        is
    });
    // Per quote, in one flat list as for sentences: how many of its issues
    // are read in its own words, then its issues, those first (see
    // `own_and_all`).
    let quote_issues = Flat::of(quotes.len(), &|k| {
        let Some(q) = quotes.get(k) else {
            return Vec::new();
        };
        let qt = q.at.text(articles);
        let mut is = matcher.issues_in_prose(&words(qt), qt);
        let own = is.len();
        // The sentence around the words speaks to what they do: a partial
        // (`“undignified”`) or a term has few words of its own.
        let first = q.sentence as usize;
        for (k, s) in sentences.iter().enumerate().skip(first) {
            let same = s.article == q.at.article && s.block == q.at.block;
            if k > first && (!same || s.span.start >= q.at.span.end) {
                break;
            }
            for &i in sent_issues.get(k) {
                let i = i as usize;
                if !is.contains(&i) {
                    is.push(i);
                }
            }
        }
        // A quote's own words count toward their issues (its sentence's
        // were counted above already).
        for &i in &is[..own] {
            count(i, q.at.article);
        }
        is.insert(0, own);
        is
    });
    let mut counts: Vec<Vec<u32>> = counts
        .into_iter()
        .map(|c| c.into_iter().map(AtomicU32::into_inner).collect())
        .collect();

    // Dense ids over the issues the corpus mentions.
    let mut remap = vec![None; drafts.len()];
    let mut issues = Vec::new();
    for (i, d) in drafts.into_iter().enumerate() {
        let total: u32 = counts[i].iter().sum();
        if total == 0 {
            continue;
        }
        let id = issues.len() as IssueId;
        remap[i] = Some(id);
        issues.push(Issue {
            id,
            name: d.name,
            labels: d.labels,
            keywords: d.keywords,
            mentions: total,
            mentions_by_article: super::ByArticle::from_dense(&std::mem::take(&mut counts[i])),
            discovered: d.discovered,
        });
    }
    // Each record's list in the dense ids, a piece of records at a time in
    // parallel: one core took 0.15 s over 100,000 articles while the other
    // waited. Equal lists get one number whichever piece meets them.
    const PIECE: usize = 4096;
    let map = |(lists, buf): &mut (super::IssueLists, Vec<IssueId>), v: &[u32]| {
        buf.clear();
        buf.extend(v.iter().filter_map(|&i| remap[i as usize]));
        lists.get(buf)
    };
    let init = || (super::IssueLists::new(), Vec::new());
    sentences
        .par_chunks_mut(PIECE)
        .enumerate()
        .for_each_init(init, |state, (c, piece)| {
            for (k, s) in piece.iter_mut().enumerate() {
                s.issues = map(state, sent_issues.get(c * PIECE + k));
            }
        });
    quotes
        .par_chunks_mut(PIECE)
        .enumerate()
        .for_each_init(init, |state, (c, piece)| {
            for (k, q) in piece.iter_mut().enumerate() {
                q.issues = map(state, own_and_all(quote_issues.get(c * PIECE + k)).1);
            }
        });
    issues
}

/// Finds an issue by name, label or keyword (folded), for `--issue`.
pub fn find_by_name(issues: &[Issue], name: &str) -> Option<IssueId> {
    let f = crate::text::fold(name.trim());
    if f.is_empty() {
        return None;
    }
    issues
        .iter()
        .find(|i| crate::text::fold(&i.name) == f)
        .or_else(|| {
            issues
                .iter()
                .find(|i| i.labels.iter().any(|l| crate::text::fold(l) == f))
        })
        .or_else(|| issues.iter().find(|i| crate::text::fold(&i.name).starts_with(&f)))
        .map(|i| i.id)
        .or_else(|| {
            Matcher::for_issues(issues)
                .label_issue(name)
                .map(|i| i as IssueId)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_list_splits_into_its_own_count_and_its_issues() {
        assert_eq!(own_and_all(&[1, 7, 3]), (1, &[7, 3][..]));
        assert_eq!(own_and_all(&[0, 4]), (0, &[4][..]));
        assert_eq!(own_and_all(&[]), (0, &[][..]));
        // A count past the list never reads past it.
        assert_eq!(own_and_all(&[5, 2]), (1, &[2][..]));
    }

    #[test]
    fn flat_lists_read_back_as_made_across_pieces() {
        // Lengths 0..=3 in a fixed pattern, over two and a half pieces of
        // 4,096 lists, so lists on both sides of each seam are checked.
        let n = 4096 * 2 + 1000;
        let list = |k: usize| {
            (0..(k * 7 + k / 13) % 4)
                .map(|j| k * 10 + j)
                .collect::<Vec<usize>>()
        };
        let flat = Flat::of(n, &list);
        assert_eq!(flat.iter().count(), n);
        for (k, got) in flat.iter().enumerate() {
            let want: Vec<u32> = list(k).into_iter().map(|i| i as u32).collect();
            assert_eq!(got, &want[..], "list {k}");
        }
        assert!(flat.get(n).is_empty());
        assert_eq!(Flat::of(0, &list).iter().count(), 0);
    }

    #[test]
    fn weak_keywords_need_company_in_prose_only() {
        let m = Matcher::new(&[
            vec!["~border".into(), "migrants".into()],
            vec!["=arrivals".into()],
        ]);
        let t = "Cross-border crime rose.";
        assert!(m.issues_in_prose(&words(t), t).is_empty());
        let t = "Migrants crossed the border.";
        assert_eq!(m.issues_in_prose(&words(t), t), vec![0]);
        // A user's query or a label of one word still names it.
        assert_eq!(m.label_issue("border"), Some(0));
        assert_eq!(m.label_issue("arrivals"), Some(1));
        assert_eq!(m.label_issue("arrival"), None);
    }

    #[test]
    fn default_data_parses() {
        let e = default_entries();
        assert!(e.len() >= 8);
        assert!(e.iter().all(|x| !x.keywords.is_empty()));
    }

    #[test]
    fn words_fold_and_map_back() {
        let t = "Petro\u{2019}s anti\u{2011}drug push in Bogotá";
        let ws = words(t);
        let f: Vec<&str> = ws.iter().map(|w| w.folded()).collect();
        assert_eq!(f, ["petro", "anti", "drug", "push", "in", "bogota"]);
        assert_eq!(&t[ws[0].start()..ws[0].end()], "Petro");
        assert_eq!(&t[ws[5].start()..ws[5].end()], "Bogotá");
    }

    #[test]
    fn matcher_respects_word_boundaries() {
        let m = Matcher::new(&[vec!["gas".into()], vec!["aid".into()]]);
        assert!(m.issues_in(&words("Las Vegas raised the stakes")).is_empty());
        assert!(m.issues_in(&words("He said so")).is_empty());
        assert_eq!(m.issues_in(&words("oil and gas; more aid")), [0, 1]);
    }

    #[test]
    fn labels_resolve_by_keyword() {
        let drafts: Vec<Draft> = default_entries().into_iter().map(Draft::from_entry).collect();
        let m = matcher_of(&drafts);
        let name = |l: &str| m.label_issue(l).map(|i| drafts[i].name.as_str());
        assert_eq!(name("Border flows"), Some("Migration"));
        assert_eq!(name("Caracas ties"), Some("Venezuela"));
        assert_eq!(name("Anti\u{2011}Narcotics Agenda"), Some("Drug policy"));
        assert_eq!(name("Drug Policy"), Some("Drug policy"));
        assert_eq!(name("Energy Transition"), Some("Energy and climate"));
        assert_eq!(
            name("Autonomy on drug policy and enforcement tools"),
            Some("Drug policy")
        );
        assert_eq!(name("Wine exports"), Some("Trade and investment"));
        assert_eq!(name("Fisheries quotas"), None);
    }

    #[test]
    fn unknown_label_founds_an_issue_and_kin_merge() {
        let mut drafts = Vec::new();
        let label = |t: &str, f: bool| Label {
            text: t.into(),
            may_found: f,
            heading: false,
        };
        merge_labels(
            &mut drafts,
            &[
                label("Fisheries quotas", true),
                label("Quotas", true),
                label("Why now?", false),
            ],
        );
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0].name, "Fisheries quotas");
        assert_eq!(drafts[0].labels, ["Fisheries quotas", "Quotas"]);
    }

    #[test]
    fn lead_needs_a_short_label_and_a_rest() {
        assert_eq!(lead_of("Migration: more"), Some(("Migration", 9)));
        assert_eq!(lead_of("For Petro: policy"), Some(("For Petro", 9)));
        assert_eq!(lead_of("Nothing after:"), None);
        assert_eq!(lead_of("This is a long sentence with many words: a rest"), None);
    }
}
