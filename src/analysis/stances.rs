//! Stances: what each actor wants on each issue, from tables, lists and
//! sentences, each with the evidence it was read from.
//!
//! Sources, strongest first:
//! - **table**: a column headed by an actor (`Petro’s Goal`, `U.S. Priority`)
//!   gives that actor's stance on each row's issue. The issue is the row
//!   label's (first column) when the table has a label column, else the
//!   cell's own words'. Columns headed by anything else give nothing.
//! - **list**: `For ACTOR: a, b and c` gives one stance per issue its
//!   fragments name; `ISSUE: X does this; Y does that` gives one stance per
//!   `;` clause, the actor being the clause's subject.
//! - **sentence**: an actor named just before a stance or speech verb
//!   (`Petro has argued that…`, `Washington continues to prioritize…`), on
//!   the issue the next words of the clause are most about; and indirect
//!   quotes with a known speaker. Precision over recall: no verb near an
//!   actor, no stance. Guards: the actor must not sit inside a parenthetical
//!   (odd comma count before the verb), a possessive right before the "verb"
//!   makes it a noun (`Petro’s push for`), so does a copula right after it
//!   (`U.S. support is`), a capitalised "verb" is a name (`United States`),
//!   and a bare country name (a government's short form, `Colombia`) counts
//!   only with nothing but auxiliaries between it and its verb.
//!
//! A table may also run the other way (actors down the first column, issues
//! across the header). Summaries take the strongest stance: table, then
//! list, then sentence, then reading order.
use super::issues::{header_actor, label_column, lead_of, Matcher};
use super::runs::{range_of, ArticleRuns};
use super::sieve::Sieve;
use super::words::{words, SentenceWords, Word};
use super::{
    Actor, ActorId, ActorKind, Evidence, Issue, IssueId, Lexicon, Mention, Quote, QuoteKind, Sentence,
    Stance, StanceId, StanceSource, StanceSummary,
};
use crate::corpus::{Article, BlockKind};
use crate::text::Span;
use rayon::prelude::*;

/// Longest summary, in chars, before it is cut at a word with "…".
pub const SUMMARY_CHARS: usize = 80;

/// Most words allowed between an actor and its verb, once a parenthetical
/// (`Colombia, which saw…, has argued`) is set aside: beyond that the actor
/// is rarely the verb's subject.
const SUBJECT_GAP: usize = 4;

/// Words before a country's short form that make it a place.
#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "in", "to", "from", "of", "for", "with", "at", "by", "into", "across", "between", "against", "on",
    "over", "through", "throughout", "within", "outside", "inside", "near", "around", "toward",
    "towards", "than", "via", "like", "about", "under", "beyond", "among", "across", "including",
];

/// Stance and speech verbs for when the lexicon lists none: plain English,
/// every inflection written out.
#[rustfmt::skip]
const FALLBACK_VERBS: &[&str] = &[
    "argue", "argues", "argued", "arguing", "say", "says", "said", "saying", "want", "wants", "wanted",
    "seek", "seeks", "sought", "seeking", "push", "pushes", "pushed", "pushing", "push for", "pushes for",
    "call for", "calls for", "called for", "urge", "urges", "urged", "insist", "insists", "insisted",
    "demand", "demands", "demanded", "favor", "favors", "favored", "favour", "favours", "favoured",
    "prioritize", "prioritizes", "prioritized", "prioritise", "prioritises", "prioritised", "propose",
    "proposes", "proposed", "support", "supports", "supported", "oppose", "opposes", "opposed", "reject",
    "rejects", "rejected", "criticize", "criticizes", "criticized", "criticise", "criticised",
    "advocate", "advocates", "advocated", "maintain", "maintains", "maintained", "press", "presses",
    "pressed", "focus on", "focuses on", "focused on", "betting on", "bets on", "warn", "warns", "warned",
    "stated", "states", "claimed", "claims", "question", "questions", "questioned", "questioning",
];

/// Finds actors in text by name or alias, whole words, longest first.
///
/// With `derived`, a government is also found by the short form its aliases
/// imply (`the U.S. government` → `U.S.`, `the government of Colombia` →
/// `Colombia`) where no alias matches: right for a table header (`U.S.
/// Priority`) or a list clause's subject (`Colombia favors…`), too loose for
/// running text, where a bare country name is mostly the place.
pub struct ActorFinder {
    /// First folded word → candidates, exact aliases before derived ones,
    /// longest first.
    by_first: foldhash::HashMap<String, Vec<Form>>,
    /// `by_first`'s keys: nearly every word of a text starts no name.
    firsts: Sieve,
}

struct Form {
    words: Vec<String>,
    /// An all-caps alias (`US`) only matches all-caps text (not `us`).
    caps: bool,
    derived: bool,
    actor: ActorId,
}

/// An actor named in some text: its byte range there and its word range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    pub actor: ActorId,
    pub start: usize,
    pub end: usize,
    pub first_word: usize,
    pub last_word: usize,
    /// Found by a government's short form (`Colombia`), not an alias.
    pub derived: bool,
}

/// The short form a government's alias implies, if any, as written.
pub fn short_form(alias: &str) -> Option<String> {
    let ws = words(alias);
    let f: Vec<&str> = ws.iter().map(|w| w.folded()).collect();
    let f = match f.first() {
        Some(&"the") => &f[1..],
        _ => &f[..],
    };
    let skip = ws.len() - f.len();
    let (a, b) = match f {
        ["government", "of", ..] if f.len() > 2 => (skip + 2, ws.len()),
        [.., "government" | "administration"] if f.len() > 1 => (skip, ws.len() - 1),
        _ => return None,
    };
    let (s, e) = (ws.get(a)?.start(), ws.get(b.checked_sub(1)?)?.end());
    alias.get(s..e).map(str::to_string)
}

impl ActorFinder {
    pub fn new(actors: &[Actor], derived: bool) -> ActorFinder {
        let mut by_first: foldhash::HashMap<String, Vec<Form>> = Default::default();
        let mut add = |alias: &str, derived: bool, actor: ActorId| {
            let ws: Vec<String> = words(alias).into_iter().map(|w| w.folded().to_string()).collect();
            if let Some(first) = ws.first().cloned() {
                let caps = !alias.chars().any(|c| c.is_lowercase());
                by_first.entry(first).or_default().push(Form {
                    words: ws,
                    caps,
                    derived,
                    actor,
                });
            }
        };
        for a in actors {
            for alias in std::iter::once(&a.name).chain(a.aliases.iter()) {
                add(alias, false, a.id);
            }
        }
        if derived {
            for a in actors.iter().filter(|a| a.kind == ActorKind::Government) {
                for alias in std::iter::once(&a.name).chain(a.aliases.iter()) {
                    if let Some(sf) = short_form(alias) {
                        add(&sf, true, a.id);
                    }
                }
            }
        }
        for v in by_first.values_mut() {
            v.sort_by(|a, b| a.derived.cmp(&b.derived).then(b.words.len().cmp(&a.words.len())));
        }
        let firsts = Sieve::new(by_first.keys().map(String::as_str));
        ActorFinder { by_first, firsts }
    }

    /// Every actor named in `text` (non-overlapping, left to right).
    pub fn find(&self, text: &str, ws: &[Word]) -> Vec<Named> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            let mut hit = None;
            let first = ws[i].folded();
            let forms = if self.firsts.may_hold(first) {
                self.by_first.get(first)
            } else {
                None
            };
            for f in forms.into_iter().flatten() {
                let n = f.words.len();
                if i + n > ws.len() || !ws[i..i + n].iter().zip(&f.words).all(|(w, a)| w.folded() == *a) {
                    continue;
                }
                let (s, e) = (ws[i].start(), ws[i + n - 1].end());
                if f.caps
                    && text
                        .get(s..e)
                        .map_or(true, |t| t.chars().any(|c| c.is_lowercase()))
                {
                    continue;
                }
                // `Latin American`: a short form inside a longer name is not it.
                let inside_name = i > 0
                    && text
                        .get(ws[i - 1].start()..ws[i - 1].end())
                        .and_then(|t| t.chars().next())
                        .is_some_and(char::is_uppercase)
                    && text.get(ws[i - 1].end()..s).is_some_and(|g| g.trim().is_empty());
                if f.derived && inside_name {
                    continue;
                }
                hit = Some(Named {
                    actor: f.actor,
                    start: s,
                    end: e,
                    first_word: i,
                    last_word: i + n - 1,
                    derived: f.derived,
                });
                break;
            }
            match hit {
                Some(h) => {
                    out.push(h);
                    i = h.last_word + 1;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The first actor `text` names.
    pub fn first_in(&self, text: &str) -> Option<ActorId> {
        self.find(text, &words(text)).first().map(|n| n.actor)
    }
}

/// Verb phrases (stance and speech), matched on folded whole words.
struct Verbs {
    by_first: foldhash::HashMap<String, Vec<Vec<String>>>,
}

impl Verbs {
    fn new(lexicon: &Lexicon) -> Verbs {
        let mut list: Vec<&str> = lexicon
            .stance_verbs
            .iter()
            .chain(lexicon.speech_verbs.iter())
            .map(String::as_str)
            .collect();
        if list.is_empty() {
            list = FALLBACK_VERBS.to_vec();
        }
        let mut by_first: foldhash::HashMap<String, Vec<Vec<String>>> = Default::default();
        for v in list {
            let ws: Vec<String> = words(v).into_iter().map(|w| w.folded().to_string()).collect();
            if let Some(f) = ws.first().cloned() {
                by_first.entry(f).or_default().push(ws);
            }
        }
        Verbs { by_first }
    }

    /// The word range of the first verb phrase at or after word `from`.
    fn first(&self, ws: &[Word], from: usize) -> Option<(usize, usize)> {
        (from..ws.len()).find_map(|i| {
            self.by_first.get(ws[i].folded()).and_then(|cands| {
                cands
                    .iter()
                    .filter(|v| {
                        i + v.len() <= ws.len()
                            && ws[i..i + v.len()].iter().zip(*v).all(|(w, x)| w.folded() == *x)
                    })
                    .map(|v| (i, i + v.len()))
                    .max_by_key(|r| r.1)
            })
        })
    }
}

/// Words after a verb read for the issue it is about: further on, the
/// sentence has usually moved to another topic.
const ISSUE_WINDOW: usize = 20;

/// Can the text between an actor and a verb separate a subject from its
/// verb? Short, or a closed parenthetical (`, for its part,`); not an odd
/// comma (the actor then sits inside a parenthetical: `…, according to UN
/// estimates, has argued`), not a bare possessive (`Petro’s push for`: a
/// noun, not a verb).
fn is_subject_gap(gap: &str) -> bool {
    let commas = gap.matches(',').count();
    let possessive_noun = {
        let t = gap.trim();
        t == "'s" || t == "\u{2019}s" || t == "'" || t == "\u{2019}"
    };
    commas % 2 == 0 && !possessive_noun && gap_words(gap) <= SUBJECT_GAP
}

/// Words that, right after a would-be verb, show it to be a noun.
const COPULAS: &[&str] = &[
    "is", "was", "are", "were", "has", "had", "will", "would", "could", "can", "may", "might", "must",
    "remains", "remain", "seems", "appears",
];

/// Is the gap between a bare country name and a verb only a parenthetical
/// and auxiliaries (`Colombia, which…, has argued`; `the U.S. seeks`)? A
/// country name is a subject only that close to its verb: `Venezuelan
/// migrants argue` is about the migrants.
fn auxiliaries_only(gap: &str) -> bool {
    const AUX: &[&str] = &[
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "also",
        "now",
        "still",
        "long",
        "repeatedly",
        "openly",
        "publicly",
        "continues",
        "continue",
        "to",
        "again",
        "already",
        "instead",
    ];
    let g = match (gap.find(','), gap.rfind(',')) {
        (Some(a), Some(b)) if b > a => format!("{}{}", &gap[..a], &gap[b + 1..]),
        _ => gap.to_string(),
    };
    words(&g).iter().all(|w| AUX.contains(&w.folded()))
}

/// `text` minus one `, … ,` parenthetical, as a word count.
fn gap_words(gap: &str) -> usize {
    let g = match (gap.find(','), gap.rfind(',')) {
        (Some(a), Some(b)) if b > a => format!("{}{}", &gap[..a], &gap[b + 1..]),
        _ => gap.to_string(),
    };
    words(&g).len()
}

/// Clause boundaries of a sentence: `;`, and `, while` / `, whereas` /
/// `, but` (contrast joins two subjects' claims).
fn clauses(text: &str) -> Vec<(usize, usize)> {
    let mut cuts = vec![0];
    // ASCII folds to its lowercase, byte for byte: compared as it is, with
    // no folded copy (one per sentence read).
    let lower = if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(crate::text::fold(text))
    };
    // Folding may change byte lengths; only cut where both agree.
    let same = lower.len() == text.len();
    for (i, c) in text.bytes().enumerate() {
        if c == b';' {
            cuts.push(i + 1);
        } else if c == b',' && same {
            let Some(rest) = lower.get(i + 1..) else { continue };
            for conj in [" while ", " whereas ", " but "] {
                if rest
                    .get(..conj.len())
                    .is_some_and(|r| r.eq_ignore_ascii_case(conj))
                {
                    cuts.push(i + 1);
                }
            }
        }
    }
    cuts.push(text.len());
    cuts.windows(2)
        .map(|w| (w[0], w[1]))
        .filter(|(a, b)| b > a)
        .collect()
}

/// `text[a..b]` with surrounding blanks and punctuation and a leading
/// conjunction trimmed, as a byte range.
fn trim_clause(text: &str, a: usize, b: usize) -> (usize, usize) {
    let s = text.get(a..b).unwrap_or("");
    let lead = s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .len();
    let mut a2 = a + lead;
    let t = text.get(a2..b).unwrap_or("");
    for conj in ["and ", "or ", "while ", "whereas ", "but "] {
        if t.len() > conj.len() && t.get(..conj.len()).is_some_and(|x| x.eq_ignore_ascii_case(conj)) {
            a2 += conj.len();
            break;
        }
    }
    let t = text.get(a2..b).unwrap_or("");
    let trimmed = t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ':'));
    (a2, a2 + trimmed.len())
}

/// The first letter upper-cased: summaries stand alone in a table cell
/// (`the U.S. seeks…` → `The U.S. seeks…`).
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(c).collect(),
        _ => s.to_string(),
    }
}

/// Cut to `SUMMARY_CHARS` at a word boundary, with "…".
pub fn summarise(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() <= SUMMARY_CHARS {
        return t.to_string();
    }
    let cut = t
        .char_indices()
        .nth(SUMMARY_CHARS - 1)
        .map_or(t.len(), |(i, _)| i);
    let head = &t[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(i) if i > 0 => &head[..i],
        _ => head,
    };
    let head =
        head.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '—' | '–'));
    format!("{head}…")
}

struct Draft {
    actor: ActorId,
    issue: IssueId,
    at: Evidence,
    source: StanceSource,
    /// Its place among the drafts as found: the first claim on a span wins.
    seq: u32,
}

/// Collects stance drafts, in the order the rules find them; `distinct`
/// then drops the duplicates.
struct Out<'a> {
    articles: &'a [Article],
    drafts: Vec<Draft>,
}

impl Out<'_> {
    fn push(&mut self, actor: ActorId, issue: IssueId, at: Evidence, source: StanceSource) {
        if at.text(self.articles).trim().is_empty() {
            return;
        }
        let seq = u32::try_from(self.drafts.len()).unwrap_or(u32::MAX);
        self.drafts.push(Draft {
            actor,
            issue,
            at,
            source,
            seq,
        });
    }
}

/// Drops each draft whose span overlaps that of an earlier one (as found)
/// of the same actor and issue in the same block.
///
/// Sorted by that key, then by `seq`, a key's drafts come together and in
/// the order found, so one sweep keeps what a map of the spans claimed so
/// far would, without the map: it was one entry and one small list per
/// key, and filling it was sequential.
fn distinct(drafts: &mut Vec<Draft>) {
    drafts.par_sort_unstable_by_key(|d| (d.actor, d.issue, d.at.article, d.at.block, d.seq));
    let mut keep = vec![false; drafts.len()];
    let mut claimed: Vec<Span> = Vec::new();
    let mut k = 0;
    for run in drafts.chunk_by(|a, b| {
        (a.actor, a.issue, a.at.article, a.at.block) == (b.actor, b.issue, b.at.article, b.at.block)
    }) {
        claimed.clear();
        for d in run {
            let y = d.at.span;
            if !claimed.iter().any(|x| x.start < y.end && y.start < x.end) {
                claimed.push(y);
                keep[k] = true;
            }
            k += 1;
        }
    }
    let mut k = 0;
    drafts.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// The actor a cell or lead names: a mention lying inside it, else its words.
fn named_in(mentions: &Mentions, at: Evidence, text: &str, finder: &ActorFinder) -> Option<ActorId> {
    mentions
        .block(at.article, at.block)
        .iter()
        .find(|m| at.span.contains(m.at.span))
        .map(|m| m.actor)
        .or_else(|| header_actor(text, finder))
}

/// The corpus's mentions, sorted by (article, block, start), with where each
/// article's run starts: a block's mentions are searched for in its
/// article's run, a few dozen, not in millions.
struct Mentions<'a> {
    all: &'a [Mention],
    runs: ArticleRuns,
}

impl<'a> Mentions<'a> {
    fn new(all: &'a [Mention], articles: usize) -> Mentions<'a> {
        let runs = ArticleRuns::new(all, articles, |m| m.at.article);
        Mentions { all, runs }
    }

    /// The mentions in one block.
    fn block(&self, article: u32, block: u32) -> &'a [Mention] {
        let run = &self.all[self.runs.of(article)];
        let (first, end) = range_of(run, block, |m| m.at.block);
        &run[first..end]
    }
}

fn ev(article: usize, block: usize, span: Span) -> Evidence {
    Evidence {
        article: article as u32,
        block: block as u32,
        span,
    }
}

fn tables(out: &mut Out, matcher: &Matcher, finder: &ActorFinder, mentions: &Mentions) {
    for (ai, a) in out.articles.iter().enumerate() {
        for (bi, b) in a.blocks.iter().enumerate() {
            let Some(t) = b.table.as_ref().filter(|_| b.kind == BlockKind::Table) else {
                continue;
            };
            let lc = label_column(t, finder);
            let cols: Vec<Option<ActorId>> = t
                .header
                .iter()
                .enumerate()
                .map(|(ci, h)| {
                    if Some(ci) == lc {
                        None
                    } else {
                        named_in(mentions, ev(ai, bi, h.span), &h.text, finder)
                    }
                })
                .collect();
            if cols.iter().all(Option::is_none) {
                transposed(out, matcher, finder, mentions, (ai, bi), t);
                continue;
            }
            for row in &t.rows {
                let label_issue = lc
                    .and_then(|c| row.get(c))
                    .and_then(|c| matcher.label_issue(&c.text));
                for (ci, cell) in row.iter().enumerate() {
                    let Some(actor) = cols.get(ci).copied().flatten() else {
                        continue;
                    };
                    if cell.text.trim().is_empty() {
                        continue;
                    }
                    let issues = match label_issue {
                        Some(i) => vec![i],
                        None if lc.is_some() => continue,
                        None => matcher.best_issues(&words(&cell.text)),
                    };
                    for i in issues {
                        let s = cell.span;
                        out.push(actor, i as IssueId, ev(ai, bi, s), StanceSource::Table);
                    }
                }
            }
        }
    }
}

/// A table the other way round: actors down the first column, issues across
/// the header (`| Actor | Migration | Drugs |`). Every first-column cell
/// must name an actor and some header cell an issue.
fn transposed(
    out: &mut Out,
    matcher: &Matcher,
    finder: &ActorFinder,
    mentions: &Mentions,
    (ai, bi): (usize, usize),
    t: &crate::corpus::Table,
) {
    if t.columns() < 2 || t.rows.is_empty() {
        return;
    }
    let issues: Vec<Option<usize>> = t
        .header
        .iter()
        .enumerate()
        .map(|(ci, h)| {
            if ci == 0 {
                None
            } else {
                matcher.label_issue(&h.text)
            }
        })
        .collect();
    if issues.iter().all(Option::is_none) {
        return;
    }
    let actors: Vec<Option<ActorId>> = t
        .rows
        .iter()
        .map(|r| {
            r.first()
                .and_then(|c| named_in(mentions, ev(ai, bi, c.span), &c.text, finder))
        })
        .collect();
    if actors.iter().any(Option::is_none) {
        return;
    }
    for (row, actor) in t.rows.iter().zip(actors.into_iter().flatten()) {
        for (cell, issue) in row.iter().zip(&issues) {
            if let Some(i) = issue.filter(|_| !cell.text.trim().is_empty()) {
                out.push(actor, i as IssueId, ev(ai, bi, cell.span), StanceSource::Table);
            }
        }
    }
}

/// The subject of a clause: an actor named among its first words.
fn clause_subject(finder: &ActorFinder, text: &str, a: usize, b: usize) -> Option<ActorId> {
    let c = text.get(a..b)?;
    let ws = words(c);
    finder
        .find(c, &ws)
        .into_iter()
        .find(|n| n.first_word < 3)
        .map(|n| n.actor)
}

/// `For Lula`, `For the union`: a lead addressing an actor.
pub fn for_lead(lead: &str) -> bool {
    lead.strip_prefix("For ").is_some_and(|r| !r.trim().is_empty())
}

fn lists(out: &mut Out, matcher: &Matcher, finder: &ActorFinder, mentions: &Mentions) {
    for (ai, a) in out.articles.iter().enumerate() {
        for (bi, b) in a.blocks.iter().enumerate() {
            let text = b.text.as_str();
            let Some((lead, colon)) = lead_of(text) else {
                continue;
            };
            // A paragraph of its own reads like a list item when it is led
            // by `For ACTOR:` (lists written without bullets).
            if b.kind != BlockKind::ListItem && !(b.kind == BlockKind::Paragraph && for_lead(lead)) {
                continue;
            }
            let lead_start = text.find(lead).unwrap_or(0);
            let lead_span = Span::new(lead_start, lead_start + lead.len());
            let lead_issue = matcher.label_issue(lead);
            let lead_actor = named_in(mentions, ev(ai, bi, lead_span), lead, finder);
            match (lead_actor, lead_issue) {
                // `For ACTOR: …`: one stance per issue each fragment names.
                // (A lead naming both, `Venezuela:`, is an issue label.)
                (Some(actor), None) => {
                    let mut cuts = vec![colon + 1];
                    cuts.extend(
                        text.char_indices()
                            .filter(|(i, c)| *i > colon && matches!(c, ',' | ';'))
                            .map(|(i, _)| i + 1),
                    );
                    cuts.push(text.len());
                    for w in cuts.windows(2) {
                        let (s, e) = trim_clause(text, w[0], w[1]);
                        let frag = text.get(s..e).unwrap_or("");
                        for i in matcher.best_issues(&words(frag)) {
                            out.push(
                                actor,
                                i as IssueId,
                                ev(ai, bi, Span::new(s, e)),
                                StanceSource::List,
                            );
                        }
                    }
                }
                // `ISSUE: X does this; Y does that`.
                (_, Some(issue)) => {
                    let mut cuts = vec![colon + 1];
                    cuts.extend(
                        text.char_indices()
                            .filter(|(i, c)| *i > colon && *c == ';')
                            .map(|(i, _)| i + 1),
                    );
                    cuts.push(text.len());
                    for w in cuts.windows(2) {
                        let (s, e) = trim_clause(text, w[0], w[1]);
                        if let Some(actor) = clause_subject(finder, text, s, e) {
                            out.push(
                                actor,
                                issue as IssueId,
                                ev(ai, bi, Span::new(s, e)),
                                StanceSource::List,
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// Actors named in a block's text: mentions where analysis found them, plus
/// the finder's for stretches without any.
fn block_named(finder: &ActorFinder, text: &str, ws: &[Word], mentions: &[Mention]) -> Vec<Named> {
    let mut named = finder.find(text, ws);
    for m in mentions {
        let (s, e) = (m.at.span.start as usize, m.at.span.end as usize);
        if named.iter().any(|n| n.start < e && s < n.end) {
            continue;
        }
        let fw = ws.iter().position(|w| w.end() > s);
        let lw = ws.iter().rposition(|w| w.start() < e);
        if let (Some(f), Some(l)) = (fw, lw) {
            named.push(Named {
                actor: m.actor,
                start: s,
                end: e,
                first_word: f,
                last_word: l.max(f),
                derived: false,
            });
        }
    }
    named.sort_by_key(|n| n.start);
    named
}

/// A clause's words and mentions, made relative to it: lists a thread
/// reuses from clause to clause (made anew, they were two allocations for
/// every clause read).
#[derive(Default)]
struct Scratch {
    words: Vec<Word>,
    mentions: Vec<Mention>,
}

/// The most sentences or quotes a rule reads as one piece of parallel work.
const STEAL: usize = 4096;

#[allow(clippy::too_many_arguments)]
fn sentences_rule(
    out: &mut Out,
    sentences: &[Sentence],
    sentence_words: &SentenceWords,
    matcher: &Matcher,
    finder: &ActorFinder,
    verbs: &Verbs,
    mentions: &Mentions,
) {
    let articles = out.articles;
    // Sentences are read independently (in parallel); their stances are then
    // kept in reading order, so the first claim on a span still wins. One
    // flat list: most sentences find nothing, and a list per sentence
    // would cost 24 bytes each for it.
    // A sentence that speaks to an issue (the only ones read, below).
    let read = |scratch: &mut Scratch, s: &Sentence, sws: Option<&[Word]>| {
        let mut found = Vec::new();
        let Some(b) = articles
            .get(s.article as usize)
            .and_then(|a| a.blocks.get(s.block as usize))
        else {
            return found;
        };
        // A `Label: …` list item is read by the list rule.
        let led = match lead_of(&b.text) {
            Some((lead, _)) => b.kind == BlockKind::ListItem || for_lead(lead),
            None => false,
        };
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) || led {
            return found;
        }
        let Some(stext) = b.text.get(s.span.range()) else {
            return found;
        };
        let base = s.span.start as usize;
        let sws = sws.unwrap_or_default();
        let in_block = mentions.block(s.article, s.block);
        for (ca, cb) in clauses(stext) {
            let Some(ctext) = stext.get(ca..cb) else { continue };
            // Clauses are cut at punctuation, between words: the clause's
            // words are the sentence's words inside it, made relative.
            let Scratch {
                words: ws,
                mentions: local,
            } = scratch;
            ws.clear();
            ws.extend(
                sws.iter()
                    .filter(|w| w.start() >= ca && w.end() <= cb)
                    .map(|w| w.shifted(ca)),
            );
            local.clear();
            local.extend(
                in_block
                    .iter()
                    .filter(|m| {
                        let (ms, me) = (m.at.span.start as usize, m.at.span.end as usize);
                        ms >= base + ca && me <= base + cb
                    })
                    .map(|m| {
                        let mut m = *m;
                        m.at.span = Span::new(
                            m.at.span.start as usize - base - ca,
                            m.at.span.end as usize - base - ca,
                        );
                        m
                    }),
            );
            let ws = &ws[..];
            let named = block_named(finder, ctext, ws, local);
            let mut from = 0;
            while let Some((v0, v1)) = verbs.first(ws, from) {
                from = v1;
                // A capitalised "verb" mid-clause is a name (`United States`).
                if v0 > 0
                    && ctext
                        .get(ws[v0].start()..)
                        .and_then(|t| t.chars().next())
                        .is_some_and(char::is_uppercase)
                {
                    continue;
                }
                // `U.S. support is essential`: a "verb" followed by a verb is a noun.
                let next = ws.get(v1).map(|w| w.folded());
                if next.is_some_and(|w| COPULAS.contains(&w)) {
                    continue;
                }
                let subject = named.iter().rev().find(|n| {
                    n.last_word < v0
                        && ctext
                            .get(n.end..ws[v0].start())
                            .is_some_and(|g| is_subject_gap(g) && (!n.derived || auxiliaries_only(g)))
                        // `farmers in France want`: the place, not its government.
                        && !(n.derived
                            && n.first_word > 0
                            && PREPOSITIONS.contains(&ws[n.first_word - 1].folded()))
                });
                let Some(n) = subject else { continue };
                let after = &ws[v1..ws.len().min(v1 + ISSUE_WINDOW)];
                let issues = matcher.best_issues(after);
                if issues.is_empty() {
                    continue;
                }
                let (a, e) = trim_clause(ctext, n.start, ctext.len());
                for i in issues {
                    found.push((
                        n.actor,
                        i as IssueId,
                        ev(
                            s.article as usize,
                            s.block as usize,
                            Span::new(base + ca + a, base + ca + e),
                        ),
                    ));
                }
                // One claim per clause: the first subject + verb governs it.
                break;
            }
        }
        found
    };
    // Pieces of at most `STEAL` sentences: this runs beside alignment, and
    // rayon splits a list only as deep as it has threads, then further only
    // where work is stolen. The other core, done with alignment, found
    // nothing left to take but a quarter of the sentences read in one piece.
    let found: Vec<(ActorId, IssueId, Evidence)> = sentences
        .par_iter()
        .with_max_len(STEAL)
        .enumerate()
        .map_init(Scratch::default, |scratch, (i, s)| match s.issues.is_empty() {
            // Most sentences speak to no issue: their words are not read.
            true => Vec::new(),
            false => sentence_words.with(i, |sws| read(scratch, s, sws)),
        })
        .flat_map_iter(|found| found)
        .collect();
    for (actor, issue, at) in found {
        out.push(actor, issue, at, StanceSource::Sentence);
    }
}

fn quotes_rule(out: &mut Out, quotes: &[Quote], matcher: &Matcher) {
    let articles = out.articles;
    // Quotes are read in parallel, their stances kept in quote order.
    let found: Vec<(ActorId, IssueId, Evidence)> = quotes
        .par_iter()
        .with_max_len(STEAL)
        .flat_map_iter(|q| {
            let (Some(actor), QuoteKind::Indirect) = (q.speaker, q.kind) else {
                return Vec::new();
            };
            // A `Label: …` list item is read, with its label's issue, by the list rule.
            let block = articles
                .get(q.at.article as usize)
                .and_then(|a| a.blocks.get(q.at.block as usize));
            if block.is_some_and(|b| b.kind == BlockKind::ListItem && lead_of(&b.text).is_some()) {
                return Vec::new();
            }
            let text = q.at.text(articles);
            matcher
                .best_issues(&words(text))
                .into_iter()
                .map(|i| (actor, i as IssueId, q.at))
                .collect()
        })
        .collect();
    for (actor, issue, at) in found {
        out.push(actor, issue, at, StanceSource::Sentence);
    }
}

fn rank(s: StanceSource) -> u8 {
    match s {
        StanceSource::Table => 0,
        StanceSource::List => 1,
        StanceSource::Sentence => 2,
    }
}

/// Finds the stances and their one-line summaries per (actor, issue).
/// `sentence_words` holds each sentence's words (see `words::of_sentences`).
#[allow(clippy::too_many_arguments)]
pub fn find(
    articles: &[Article],
    sentences: &[Sentence],
    sentence_words: &SentenceWords,
    actors: &[Actor],
    mentions: &[Mention],
    issues: &[Issue],
    quotes: &[Quote],
    lexicon: &Lexicon,
) -> (Vec<Stance>, Vec<StanceSummary>) {
    if actors.is_empty() || issues.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let matcher = Matcher::for_issues(issues);
    let finder = ActorFinder::new(actors, true);
    let verbs = Verbs::new(lexicon);
    let mentions = &Mentions::new(mentions, articles.len());
    let mut out = Out {
        articles,
        drafts: Vec::new(),
    };
    tables(&mut out, &matcher, &finder, mentions);
    lists(&mut out, &matcher, &finder, mentions);
    sentences_rule(
        &mut out,
        sentences,
        sentence_words,
        &matcher,
        &finder,
        &verbs,
        mentions,
    );
    quotes_rule(&mut out, quotes, &matcher);

    let n_actors = actors.len() as u32;
    let n_issues = issues.len() as u32;
    // Drafts are kept in place: this is analysis's peak at a large corpus.
    let mut drafts = out.drafts;
    distinct(&mut drafts);
    drafts.retain(|d| d.actor < n_actors && d.issue < n_issues);
    drafts.par_sort_unstable_by_key(|d| (d.at, d.actor, d.issue));
    let stances: Vec<Stance> = drafts
        .into_par_iter()
        .enumerate()
        .map(|(i, d)| Stance {
            id: i as StanceId,
            actor: d.actor,
            issue: d.issue,
            at: d.at,
            source: d.source,
        })
        .collect();

    // One summary per (issue, actor): the stances sorted by that key, then
    // by rank and place, are each summary's run.
    let mut order: Vec<&Stance> = stances.iter().collect();
    order.par_sort_unstable_by_key(|s| (s.issue, s.actor, rank(s.source), s.at, s.id));
    let runs: Vec<&[&Stance]> = order
        .chunk_by(|a, b| (a.issue, a.actor) == (b.issue, b.actor))
        .collect();
    let summaries = runs
        .par_iter()
        .map(|v| {
            let first = v[0];
            StanceSummary {
                actor: first.actor,
                issue: first.issue,
                summary: capitalise(&summarise(first.text(articles))),
                stances: v.iter().map(|s| s.id).collect(),
            }
        })
        .collect();
    (stances, summaries)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// `distinct` keeps the drafts a map of each key's claimed spans,
        /// filled in the order found, keeps.
        #[test]
        fn distinct_keeps_the_first_claims(
            raw in proptest::collection::vec((0u32..3, 0u32..2, 0u32..2, 0u32..2, 0u32..30, 0u32..8), 0..200)
        ) {
            let mut drafts: Vec<Draft> = raw
                .iter()
                .enumerate()
                .map(|(k, &(actor, issue, article, block, start, len))| Draft {
                    actor,
                    issue,
                    at: Evidence {
                        article,
                        block,
                        span: Span::new(start as usize, (start + len) as usize),
                    },
                    source: StanceSource::Sentence,
                    seq: k as u32,
                })
                .collect();
            let mut seen: std::collections::HashMap<(u32, u32, u32, u32), Vec<Span>> = Default::default();
            let want: Vec<u32> = drafts
                .iter()
                .filter(|d| {
                    let spans = seen.entry((d.actor, d.issue, d.at.article, d.at.block)).or_default();
                    let y = d.at.span;
                    if spans.iter().any(|x| x.start < y.end && y.start < x.end) {
                        return false;
                    }
                    spans.push(y);
                    true
                })
                .map(|d| d.seq)
                .collect();
            distinct(&mut drafts);
            let mut got: Vec<u32> = drafts.iter().map(|d| d.seq).collect();
            got.sort_unstable();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn summaries_cut_at_a_word() {
        assert_eq!(summarise("Short one"), "Short one");
        let long = "Rural reform, substitution and public-health focus, with a long tail of words that goes past eighty";
        let s = summarise(long);
        assert!(s.chars().count() <= SUMMARY_CHARS, "{s}");
        assert!(s.ends_with('…'));
        assert!(long.starts_with(s.trim_end_matches('…')));
        assert!(!s.trim_end_matches('…').ends_with(' '));
    }

    #[test]
    fn summaries_start_with_a_capital() {
        assert_eq!(capitalise("the U.S. seeks"), "The U.S. seeks");
        assert_eq!(capitalise("élan"), "Élan");
        assert_eq!(capitalise("“Quoted”"), "“Quoted”");
        assert_eq!(capitalise(""), "");
    }

    #[test]
    fn clauses_split_at_semicolons_and_contrast() {
        let t = "A pushes for x; B argues for y, while C wants z";
        let cs: Vec<&str> = clauses(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(cs, ["A pushes for x;", " B argues for y,", " while C wants z"]);
        // Matched folded: any case, and past a non-ASCII char that folds
        // to as many bytes.
        let t = "A wants Ж, WHEREAS B wants y";
        let cs: Vec<&str> = clauses(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(cs, ["A wants Ж,", " WHEREAS B wants y"]);
    }

    #[test]
    fn parenthetical_does_not_count_toward_the_gap() {
        assert_eq!(gap_words(", which saw many people cross it in 2023, has "), 1);
        assert_eq!(gap_words(" has "), 1);
        assert!(gap_words(" saw many people cross the border and then ") > SUBJECT_GAP);
    }

    #[test]
    fn trim_clause_drops_conjunctions_and_punctuation() {
        let t = "x, and recognition of leadership.";
        let (a, b) = trim_clause(t, 2, t.len());
        assert_eq!(&t[a..b], "recognition of leadership");
    }
}
