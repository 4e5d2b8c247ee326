//! Quotes (direct, partial, reported, terms) and their speakers.
//!
//! Quote marks are paired per block (curly or straight double quotes; a
//! quote left open runs to the block's end, as multi-paragraph quotes do).
//! Each pair is then classed by where it stands and what attributes it:
//!
//! - direct: it opens the sentence (or follows a colon or `said,`) and has
//!   at least a few words: `“We cannot fund it,” Okafor said.`
//! - partial: a quotation inside a sentence governed by a speech verb:
//!   `denouncing the “undignified” treatment`.
//! - term: a short (1–4 words) quotation no speech verb attributes — scare
//!   quotes and coined phrases (`the “war on drugs.”`); never a speaker.
//! - indirect: `SUBJECT (has) VERB that CLAUSE` where the subject is an
//!   actor, a pronoun or a group noun; the clause is the quote. Also
//!   `According to X, CLAUSE` and `CLAUSE, according to X`. A short
//!   quotation inside a clause reported by a speech verb is a partial quote
//!   of the same speaker.
//!
//! A direct quote left open at its paragraph's end (news style for a
//! quotation running over paragraphs) takes the speaker of the quote that
//! opens the next paragraph.
//!
//! Speakers come from the words next to a speech verb (`X said`, `said X`,
//! `, he wrote`, `Skeptics point out`). `he`/`she` and `the <role>` are
//! resolved to the nearest earlier person named outside quotes and not as
//! the object of a preposition, in the same paragraph, else the previous one.
//! A wrong speaker is worse than none: anything unsure is left `None`, with
//! the naming words kept in `speaker_text`.

use super::gender::{self, Gender};
use super::runs::{range_of, ArticleRuns};
use super::{Actor, ActorId, ActorKind, Evidence, Lexicon, Mention, Quote, QuoteKind, Sentence, SharedStrs};
use crate::corpus::{Article, BlockKind};
use crate::text::{fold, fold_compact, is_alnum, is_alpha, FoldBuf, Span};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use compact_str::CompactString;
use rayon::prelude::*;

/// Words that may stand between a subject and its verb (`has argued`).
#[rustfmt::skip]
const AUX: &[&str] = &[
    "has", "have", "had", "is", "was", "were", "are", "will", "would", "could", "can", "should",
    "may", "might", "must", "did", "does", "do", "also", "not", "then", "later", "again", "often",
    "once", "long", "already", "still", "never", "always", "since", "now", "too", "just", "been",
    "being", "recently", "previously", "repeatedly", "publicly", "openly", "privately",
];

/// Auxiliaries that, opening a clause, show it has no subject of its own.
#[rustfmt::skip]
const CLAUSE_AUX: &[&str] = &[
    "has", "have", "had", "is", "was", "were", "are", "will", "would", "could", "can", "should",
    "may", "might", "must", "did", "does", "do", "been", "being",
];

/// Office and role words written before a name, from
/// `assets/lexicon/titles.json` (folded). Bad data gives an empty list.
fn titles() -> &'static [String] {
    static T: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct Raw {
            titles: Vec<String>,
        }
        serde_json::from_str::<Raw>(include_str!("../../assets/lexicon/titles.json"))
            .map(|r| r.titles.iter().map(|t| fold(t.trim())).collect())
            .unwrap_or_default()
    })
}

/// The titles, and each without its final `.`, as a set: `is_title` runs
/// for every capitalised word near a verb.
fn title_set() -> &'static foldhash::HashSet<String> {
    static T: std::sync::OnceLock<foldhash::HashSet<String>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        titles()
            .iter()
            .flat_map(|t| std::iter::once(t.clone()).chain(t.strip_suffix('.').map(str::to_string)))
            .collect()
    })
}

fn is_title(w: &str) -> bool {
    title_set().contains(fold_compact(w).as_str())
}

/// A capitalised word that starts a sentence or joins a name but names no
/// one.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "but", "and", "or", "it", "he", "she", "they", "we", "i", "you", "this",
    "that", "these", "those", "in", "on", "at", "after", "before", "when", "while", "his", "her",
    "their", "its", "our", "if", "as", "for", "so", "yet", "asked", "according", "there", "then",
    "still", "also", "meanwhile", "however", "nobody", "no", "one", "some", "many", "most",
];

/// A run of capitalised words of a name (`Mayor Diane Okafor`) at the start
/// of `s`: its byte length and words, stopping at anything else.
fn cap_run(s: &str) -> (usize, Vec<(usize, &str)>) {
    let mut words = Vec::new();
    let mut end = 0;
    let mut pos = 0;
    for w in s.split(' ') {
        // `Park’s spokesman`: the name ends before the possessive.
        let poss = w
            .char_indices()
            .find(|&(i, c)| (c == '\'' || c == '\u{2019}') && w[i + c.len_utf8()..].starts_with('s'))
            .map(|(i, _)| i);
        if let Some(i) = poss {
            let core = &w[..i];
            if core.chars().next().is_some_and(char::is_uppercase) && core.chars().all(char::is_alphabetic) {
                words.push((pos, core));
                end = pos + core.len();
            }
            break;
        }
        let mut core = w.trim_end_matches([',', ';', ':', '!', '?', '.']);
        // An initial or an abbreviated title keeps its period (`R.`, `Gov.`).
        if w.len() == core.len() + 1 && w.ends_with('.') && (core.chars().count() == 1 || is_title(w)) {
            core = w;
        }
        let name_like = core.chars().next().is_some_and(char::is_uppercase)
            && core
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'));
        if !name_like || words.len() >= 6 {
            break;
        }
        words.push((pos, core));
        end = pos + core.len();
        if core.len() != w.len() {
            break;
        }
        pos += w.len() + 1;
    }
    (end, words)
}

/// The name in a capitalised run once its leading titles are dropped
/// (`EU Environment Commissioner Jessika Roswall` → `Jessika Roswall`):
/// offset and text, when what is left looks like a person's name.
fn name_after_titles<'a>(s: &'a str, words: &[(usize, &'a str)]) -> Option<(usize, &'a str)> {
    let last_title = words.iter().rposition(|(_, w)| is_title(w));
    let rest = &words[last_title.map_or(0, |t| t + 1)..];
    let (first, _) = *rest.first()?;
    let (lo, lw) = *rest.last()?;
    if rest
        .iter()
        .any(|(_, w)| NOT_NAMES.contains(&fold_compact(w).as_str()))
    {
        return None;
    }
    // One bare word is a name only after a title (`Mayor Okafor`).
    if rest.len() < 2 && last_title.is_none() {
        return None;
    }
    s.get(first..lo + lw.len()).map(|n| (first, n))
}

/// Words that may open a clause but never name a speaker.
const NOT_SPEAKERS: &[&str] = &[
    "who", "which", "that", "it", "this", "these", "those", "whom", "what",
];

/// Words after which a name is an object, not a subject.
const PREPOSITIONS: &[&str] = &[
    "from", "with", "to", "of", "in", "at", "by", "between", "against", "for", "on", "over", "about",
    "toward", "towards", "into", "under", "than", "like", "among", "before", "after", "meet", "met",
    "meeting", "visit", "visited", "invited", "invite", "called", "and",
];

/// Nouns of a position held (`a firm stance on`, `a hard line on`).
#[rustfmt::skip]
const POSITION_NOUNS: &[&str] = &[
    "stance", "position", "line", "view", "views", "emphasis", "focus", "priority", "demands",
    "opposition", "support", "insistence", "approach",
];

/// Verbs after which a plain clause (no `that`) is the reported speech.
#[rustfmt::skip]
const CLAUSE_VERBS: &[&str] = &[
    "said", "says", "say", "argued", "argues", "argue", "claimed", "claims", "insisted", "insists",
    "warned", "warns", "noted", "notes", "believes", "believe", "stressed", "stresses",
    "maintained", "maintains", "contends", "contended",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// A speech verb (maybe a stance verb too).
    Verb,
    /// A stance verb only (`is betting on`): reports a position, not words.
    Stance,
    Group,
}

/// Speech/stance verbs and group nouns, matched on folded text.
struct Words {
    ac: Option<AhoCorasick>,
    tags: Vec<Tag>,
    /// Multi-word verbs ending in a preposition take their clause right after.
    ends_prep: Vec<bool>,
}

impl Words {
    fn new(lex: &Lexicon) -> Words {
        let mut pats: Vec<String> = Vec::new();
        let mut tags = Vec::new();
        let mut ends_prep = Vec::new();
        let verbs = lex
            .speech_verbs
            .iter()
            .map(|v| (v, Tag::Verb))
            .chain(lex.stance_verbs.iter().map(|v| (v, Tag::Stance)));
        for (v, tag) in verbs.chain(lex.group_nouns.iter().map(|g| (g, Tag::Group))) {
            let f = fold(v.trim());
            if f.is_empty() || pats.contains(&f) {
                continue;
            }
            ends_prep.push(tag != Tag::Group && (f.ends_with(" on") || f.ends_with(" for")));
            pats.push(f);
            tags.push(tag);
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&pats)
            .ok();
        Words { ac, tags, ends_prep }
    }

    /// Whole-word hits in `text`: (original span, tag, ends in a
    /// preposition), into `out` (cleared first), folding into `buf`.
    fn find(&self, text: &str, buf: &mut FoldBuf, out: &mut Vec<(Span, Tag, bool)>) {
        out.clear();
        let Some(ac) = &self.ac else { return };
        buf.fold(text);
        let folded = buf.text();
        for m in ac.find_iter(folded) {
            let before = folded[..m.start()].chars().next_back();
            let after = folded[m.end()..].chars().next();
            // `so-called` holds no verb.
            if matches!(before, Some(c) if is_alnum(c) || c == '-') || matches!(after, Some(c) if is_alnum(c))
            {
                continue;
            }
            let (s, e) = buf.to_original(m.start(), m.end());
            let i = m.pattern().as_usize();
            out.push((Span::new(s, e), self.tags[i], self.ends_prep[i]));
        }
    }
}

/// Opening quote marks and the marks that close each. German `„` closes
/// on `“` (the English opener) or `”`; guillemets and CJK brackets on their
/// own mirror.
const MARKS: &[(char, &[char])] = &[
    ('\u{201C}', &['\u{201D}']),
    ('"', &['"']),
    ('\u{201E}', &['\u{201C}', '\u{201D}']),
    ('\u{00AB}', &['\u{00BB}']),
    ('\u{2039}', &['\u{203A}']),
    ('\u{300C}', &['\u{300D}']),
    ('\u{300E}', &['\u{300F}']),
];

/// Whether `c` closes some quotation.
fn is_closer(c: char) -> bool {
    MARKS.iter().any(|(_, cl)| cl.contains(&c))
}

/// Quote-mark pairs in a block: (whole span with marks, inner span). Each
/// opener pairs with its own closer; marks of another kind inside are text.
fn pairs(text: &str) -> Vec<(Span, Span)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char, &[char])> = None;
    let bytes = text.as_bytes();
    let mut next = 0;
    while next < bytes.len() {
        // Every mark but `"` is outside ASCII: other ASCII bytes are skipped
        // without decoding.
        let b = bytes[next];
        if b < 0x80 && b != b'"' {
            next += 1;
            continue;
        }
        let Some(c) = text.get(next..).and_then(|r| r.chars().next()) else {
            break;
        };
        let i = next;
        next += c.len_utf8();
        match open {
            Some((o, _, closers)) if closers.contains(&c) => {
                out.push((Span::new(o, i + c.len_utf8()), inner(text, o, i)));
                open = None;
            }
            // A new opening mark of the same curly kind while one is open:
            // the first was never closed; restart.
            Some((_, oc, _)) if c == oc && c != '"' => {
                open = MARKS.iter().find(|m| m.0 == c).map(|m| (i, c, m.1));
            }
            Some(_) => {}
            None => {
                open = MARKS.iter().find(|m| m.0 == c).map(|m| (i, c, m.1));
            }
        }
    }
    if let Some((o, _, _)) = open {
        out.push((Span::new(o, text.len()), inner(text, o, text.len())));
    }
    out.retain(|p| !p.1.is_empty());
    out
}

fn inner(text: &str, open: usize, close: usize) -> Span {
    let start = open + text[open..].chars().next().map_or(1, char::len_utf8);
    let s = text.get(start..close).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    Span::new(start + lead, start + lead + s.trim().len())
}

fn word_count(s: &str) -> usize {
    s.split(|c: char| !(is_alnum(c) || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .count()
}

/// The last word of `s` and its start offset.
fn last_word(s: &str) -> Option<(usize, &str)> {
    let t = s.trim_end();
    let start = t
        .char_indices()
        .rev()
        .find(|&(_, c)| !(is_alnum(c) || c == '.' || c == '\'' || c == '\u{2019}' || c == '-'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let w = &t[start..];
    (!w.is_empty()).then_some((start, w))
}

/// What names the speaker.
#[derive(Clone, Debug)]
struct Speaker {
    actor: Option<ActorId>,
    text: String,
    at: Span,
}

/// A block's text, mentions and quote pairs.
type Prev<'a> = (&'a str, &'a [Mention], &'a [(Span, Span)]);

/// One block's context for speaker finding.
struct Ctx<'a> {
    article: u32,
    block: u32,
    text: &'a str,
    /// Mentions in this block.
    mentions: &'a [Mention],
    /// Mentions in this article, for role words (`the mayor`).
    article_mentions: &'a [Mention],
    quotes: &'a [(Span, Span)],
    words: &'a [(Span, Tag, bool)],
    /// The previous body block's text, mentions and quotes, for pronouns.
    prev: Option<Prev<'a>>,
    /// Each actor's gender where known (see `gender`), by actor id.
    genders: &'a [Option<Gender>],
    /// Each actor's name and aliases, folded, by actor id (folded once,
    /// not per role word or name looked up).
    folded_names: &'a [Vec<String>],
    /// Where `according to ` starts in the block (any case).
    according: &'a [usize],
}

/// `quotes` come from `pairs`: sorted and disjoint, so only the last pair
/// opening at or before `at` can hold it (a binary search, not a scan: a
/// sentence may hold thousands of quotes).
fn in_quotes(quotes: &[(Span, Span)], at: Span) -> bool {
    let i = quotes.partition_point(|q| q.0.start <= at.start);
    i > 0 && quotes[i - 1].0.contains(at)
}

/// Sentences longer than this are no prose (a table or a pasted dump on one
/// line); attribution then reads only a window of them around each quote
/// or verb, which keeps analysis linear on such input.
const LONG_SENTENCE: usize = 2_000;

/// How far attribution reads back and ahead inside a long sentence.
const WINDOW: usize = 400;

/// `pos - WINDOW`, moved forward to a char boundary, but not before `floor`.
fn window_floor(text: &str, floor: usize, pos: usize) -> usize {
    let mut f = pos.saturating_sub(WINDOW).max(floor);
    while f < pos && !text.is_char_boundary(f) {
        f += 1;
    }
    f
}

/// `pos + WINDOW`, moved back to a char boundary, but not past `limit`.
fn window_limit(text: &str, pos: usize, limit: usize) -> usize {
    let mut l = (pos + WINDOW).min(limit).min(text.len());
    while l > pos && !text.is_char_boundary(l) {
        l -= 1;
    }
    l
}

/// The word before `pos` (folded), for the preposition test.
fn word_before(text: &str, pos: usize) -> CompactString {
    text.get(..pos)
        .and_then(last_word)
        .map(|(_, w)| fold_compact(w))
        .unwrap_or_default()
}

/// Whether a mention reads as a subject: not inside a quote, not the
/// object of a preposition.
fn subject_like(text: &str, quotes: &[(Span, Span)], m: &Mention) -> bool {
    !in_quotes(quotes, m.at.span)
        && !PREPOSITIONS.contains(&word_before(text, m.at.span.start as usize).as_str())
}

/// Where the last capitalised name that is no actor stands as a verb's
/// subject before `pos` (`Park disagreed`, `Reyes said`), outside quotes.
fn bare_subject(text: &str, quotes: &[(Span, Span)], mentions: &[Mention], pos: usize) -> Option<usize> {
    // Read back at most a long paragraph's length: a pronoun's antecedent
    // is near, and a whole-block read per pronoun is quadratic.
    let mut from = pos.saturating_sub(LONG_SENTENCE * 2);
    while from < pos && !text.is_char_boundary(from) {
        from += 1;
    }
    let head = text.get(from..pos)?;
    let mut found = None;
    let mut prev_end = from;
    let toks: Vec<(usize, &str)> = head
        .split_inclusive(char::is_whitespace)
        .map(|w| {
            let at = prev_end;
            prev_end += w.len();
            (at, w.trim())
        })
        .collect();
    for pair in toks.windows(2) {
        let ((at, w), (_, next)) = (pair[0], pair[1]);
        let name_ok = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(char::is_alphabetic)
            && !NOT_NAMES.contains(&fold_compact(w).as_str())
            && !is_title(w);
        let nf = fold_compact(next.trim_end_matches(['.', ',', ';']));
        let verb_next = next
            .chars()
            .all(|c| c.is_lowercase() || matches!(c, '.' | ',' | ';'))
            && (nf.ends_with("ed")
                || matches!(
                    nf.as_str(),
                    "said"
                        | "says"
                        | "told"
                        | "tells"
                        | "wrote"
                        | "writes"
                        | "spoke"
                        | "thinks"
                        | "thought"
                        | "agrees"
                        | "disagrees"
                        | "replied"
                        | "replies"
                        | "argues"
                        | "insists"
                ));
        let span = Span::new(at, at + w.len());
        let is_mention = mentions
            .iter()
            .any(|m| m.at.span.start <= span.start && m.at.span.end >= span.end);
        if name_ok && verb_next && !is_mention && !in_quotes(quotes, span) {
            found = Some(at);
        }
    }
    found
}

/// `Lopez and Park clashed`: the mention is one of two people joined by
/// `and`, so a later pronoun could be either.
fn coordinated(text: &str, mentions: &[Mention], m: &Mention) -> bool {
    mentions.iter().any(|o| {
        let (a, b) = if o.at.span.end <= m.at.span.start {
            (o.at.span.end, m.at.span.start)
        } else if m.at.span.end <= o.at.span.start {
            (m.at.span.end, o.at.span.start)
        } else {
            return false;
        };
        o.actor != m.actor
            && text
                .get(a as usize..b as usize)
                .is_some_and(|g| matches!(fold_compact(g.trim()).as_str(), "and" | "or"))
    })
}

impl Ctx<'_> {
    /// The person `he`/`she` at `pos` refers to: the nearest earlier actor
    /// named as a subject (this paragraph, else the previous one that names
    /// someone), if that actor is a person the pronoun can mean (`want`:
    /// its gender). When the nearest is a person of the other gender, an
    /// earlier subject of the right one is taken, but only if its gender
    /// is known: an unknown one on the way makes it ambiguous.
    fn antecedent(&self, pos: usize, actors: &[Actor], want: Option<Gender>) -> Option<ActorId> {
        let here: Vec<&Mention> = self
            .mentions
            .iter()
            .rev()
            .filter(|m| (m.at.span.end as usize) <= pos)
            .filter(|m| subject_like(self.text, self.quotes, m))
            .collect();
        // A name that is no actor (`Park disagreed.`) nearer than the
        // actor is the likelier antecedent: then no one, never an older actor.
        let bare = bare_subject(self.text, self.quotes, self.mentions, pos);
        if let Some(m) = here.first() {
            if bare.is_some_and(|b| b >= m.at.span.end as usize) || coordinated(self.text, self.mentions, m) {
                return None;
            }
            return self.of_gender(&here, actors, want);
        }
        if bare.is_some() {
            return None;
        }
        let (pt, pm, pq) = self.prev.as_ref()?;
        let before: Vec<&Mention> = pm.iter().rev().filter(|m| subject_like(pt, pq, m)).collect();
        let m = before.first()?;
        let bare = bare_subject(pt, pq, pm, pt.len());
        if bare.is_some_and(|b| b >= m.at.span.end as usize) || coordinated(pt, pm, m) {
            return None;
        }
        self.of_gender(&before, actors, want)
    }

    /// Among subjects nearest first, the person a pronoun of gender `want`
    /// refers to (see `antecedent`).
    fn of_gender(
        &self,
        nearest_first: &[&Mention],
        actors: &[Actor],
        want: Option<Gender>,
    ) -> Option<ActorId> {
        let person = |m: &Mention| {
            actors
                .get(m.actor as usize)
                .is_some_and(|a| a.kind == ActorKind::Person)
        };
        let gender = |m: &Mention| self.genders.get(m.actor as usize).copied().flatten();
        let first = nearest_first.first()?;
        if !person(first) {
            return None;
        }
        if gender::fits(want, gender(first)) {
            return Some(first.actor);
        }
        // The nearest is of the other gender: look further back.
        for m in &nearest_first[1..] {
            if !person(m) || m.actor == first.actor {
                continue;
            }
            return match gender(m) {
                Some(g) if Some(g) == want => Some(m.actor),
                Some(_) => continue,
                None => None,
            };
        }
        None
    }

    /// The one actor named earlier in the article whose name or aliases
    /// hold `role` as a word (`the mayor` → Mayor Diane Okafor; `the museum`
    /// → National Museum of Art). Two candidates make it ambiguous: none.
    fn role(&self, pos: usize, role: &str, actors: &[Actor]) -> Option<ActorId> {
        if role.len() < 3 {
            return None;
        }
        self.one_earlier(pos, actors, |a| {
            self.folded_of(a)
                .iter()
                .any(|n| n.split_whitespace().any(|w| w == role))
        })
    }

    /// The one actor mentioned earlier in the article (in an earlier block,
    /// or before `pos` in this one) for whom `fits` holds; two make it
    /// ambiguous: none.
    fn one_earlier(&self, pos: usize, actors: &[Actor], fits: impl Fn(&Actor) -> bool) -> Option<ActorId> {
        let mut found: Option<ActorId> = None;
        let earlier = self.article_mentions.iter().filter(|m| {
            m.at.block < self.block || (m.at.block == self.block && m.at.span.end as usize <= pos)
        });
        for m in earlier {
            if found == Some(m.actor) {
                continue;
            }
            if actors.get(m.actor as usize).is_some_and(&fits) {
                if found.is_some() {
                    return None;
                }
                found = Some(m.actor);
            }
        }
        found
    }

    /// Mentions are sorted by start; no name runs longer than this, so a
    /// mention ending at `pos` starts within it (bounds the search).
    const MAX_MENTION: usize = 512;

    fn mention_ending_at(&self, pos: usize) -> Option<&Mention> {
        let lo = self
            .mentions
            .partition_point(|m| (m.at.span.start as usize) < pos.saturating_sub(Self::MAX_MENTION));
        let hi = self
            .mentions
            .partition_point(|m| (m.at.span.start as usize) < pos);
        self.mentions[lo..hi.max(lo)]
            .iter()
            .find(|m| m.at.span.end as usize == pos && !in_quotes(self.quotes, m.at.span))
    }

    fn mention_starting_at(&self, pos: usize) -> Option<&Mention> {
        let lo = self
            .mentions
            .partition_point(|m| (m.at.span.start as usize) < pos);
        self.mentions[lo..]
            .iter()
            .take_while(|m| m.at.span.start as usize == pos)
            .find(|m| !in_quotes(self.quotes, m.at.span))
    }

    /// The subject right before a verb starting at `verb`, reading back no
    /// further than `floor`: an actor, a pronoun, `the <role>` or a group.
    fn subject_before(&self, floor: usize, verb: usize, actors: &[Actor]) -> Option<Speaker> {
        self.subject_before_d(floor, verb, actors, 0)
    }

    fn speaker_of(&self, m: &Mention) -> Speaker {
        Speaker {
            actor: Some(m.actor),
            text: m.at.span.slice(self.text).to_string(),
            at: m.at.span,
        }
    }

    fn subject_before_d(&self, floor: usize, verb: usize, actors: &[Actor], depth: u8) -> Option<Speaker> {
        let text = self.text;
        let mut end = verb;
        // `X rejected it, saying …`: a participle after a comma takes the
        // sentence's subject.
        let vword = text
            .get(verb..)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or("");
        if vword.ends_with("ing") && text.get(floor..verb).is_some_and(|p| p.trim_end().ends_with(',')) {
            return self.first_subject(floor, verb);
        }
        // Skip auxiliaries, adverbs and one or two parenthetical `, …,`.
        let mut parens = 0;
        loop {
            let p = text.get(floor..end)?.trim_end();
            let pend = floor + p.len();
            if p.ends_with(',') && parens < 2 {
                let body = &p[..p.len() - 1];
                let Some(c) = body.rfind(',') else { break };
                if word_count(&body[c..]) > 8 {
                    break;
                }
                // An appositive naming the subject: `His rival, Thomas Kerr, said`.
                let inner = &body[c + 1..];
                let istart = floor + c + 1 + (inner.len() - inner.trim_start().len());
                if let Some(m) = self.mention_ending_at(floor + body.len()) {
                    if m.at.span.start as usize == istart && !m.possessive {
                        return Some(self.speaker_of(m));
                    }
                }
                end = floor + c;
                parens += 1;
                continue;
            }
            let Some((ws, w)) = last_word(p) else { break };
            let lw = fold_compact(w);
            if AUX.contains(&lw.as_str()) || (lw.len() > 4 && lw.ends_with("ly")) {
                end = floor + ws;
                continue;
            }
            end = pend;
            break;
        }
        let p = text.get(floor..end)?;
        if let Some(m) = self.mention_ending_at(end) {
            if m.possessive {
                return None;
            }
            // `farmers in Pinal County said`: a place the subject is in.
            let wb = word_before(text, m.at.span.start as usize);
            if wb != "and" && PREPOSITIONS.contains(&wb.as_str()) {
                return None;
            }
            return Some(Speaker {
                actor: Some(m.actor),
                text: m.at.span.slice(text).to_string(),
                at: m.at.span,
            });
        }
        // `Interior Secretary Doug Burgum said`, no actor: the name's
        // words, titles dropped, with no actor.
        if let Some(sp) = self.name_ending_at(floor, end, actors) {
            return Some(sp);
        }
        let (ws, w) = last_word(p)?;
        let at = Span::new(floor + ws, floor + ws + w.len());
        let lw = fold_compact(w);
        // `X called it “…” and said …`: the subject of the first verb.
        if lw == "and" && depth == 0 {
            let v = self.last_verb_in(floor, floor + ws)?;
            return self.subject_before_d(floor, v.start as usize, actors, 1);
        }
        match lw.as_str() {
            "he" | "she" => {
                return Some(Speaker {
                    actor: self.antecedent(at.start as usize, actors, gender::of_pronoun(&lw)),
                    text: w.to_string(),
                    at,
                })
            }
            w if NOT_SPEAKERS.contains(&w) => return None,
            "they" | "we" | "i" | "you" => {
                return Some(Speaker {
                    actor: None,
                    text: w.to_string(),
                    at,
                })
            }
            _ => {}
        }
        // A group noun ending here, with up to two words before it when
        // they reach the start of the clause (`Different analysts`).
        // Words are sorted by start; those that can end at `end` start in
        // `floor..end` (a bounded slice, not the whole block).
        let lo = self.words.partition_point(|x| (x.0.start as usize) < floor);
        let hi = self.words.partition_point(|x| (x.0.start as usize) < end);
        let near = &self.words[lo..hi.max(lo)];
        if let Some(g) = near.iter().find(|x| x.1 == Tag::Group && x.0.end as usize == end) {
            let mut start = g.0.start as usize;
            let head = text.get(floor..start).unwrap_or("");
            let clause_start = head.rfind([',', ';', ':']).map_or(0, |c| c + 1);
            let lead = &head[clause_start..];
            let lead_at = floor + clause_start + (lead.len() - lead.trim_start().len());
            if word_count(lead) <= 2 && !lead.contains(['"', '\u{201C}', '\u{201D}']) {
                start = lead_at;
            } else if word_count(lead) <= 8
                && lead.split_whitespace().any(|w| w == "and")
                && !lead.contains(['"', '\u{201C}', '\u{201D}'])
            {
                // `Webb and two other council members say`: the whole
                // coordinated subject, and its first named actor if it
                // opens it; never the bare head noun.
                let span = Span::new(lead_at, end);
                let actor = self.mention_starting_at(lead_at).map(|m| m.actor);
                return Some(Speaker {
                    actor,
                    text: span.slice(text).to_string(),
                    at: span,
                });
            }
            let span = Span::new(start, end);
            return Some(Speaker {
                actor: None,
                text: span.slice(text).to_string(),
                at: span,
            });
        }
        // `Supporters of the subsidy`, or a plural noun opening the clause
        // (`Hydrologists warn`): a group, named but not an actor.
        let clause_from = p.rfind([',', ';', ':']).map_or(0, |c| c + 1);
        let clause = &p[clause_from..];
        let cwords: Vec<&str> = clause.split_whitespace().collect();
        let group_of = cwords.iter().position(|w| {
            near.iter().any(|x| {
                x.1 == Tag::Group
                    && fold_compact(x.0.slice(text))
                        == fold_compact(w.trim_matches(|c: char| !c.is_alphanumeric()))
            })
        });
        let plural_head = cwords.len() <= 3
            && lw.len() > 3
            && lw.ends_with('s')
            && !lw.ends_with("ss")
            && w.chars().all(char::is_alphabetic);
        let of_phrase = group_of.is_some_and(|g| cwords.get(g + 1) == Some(&"of") && cwords.len() <= g + 5);
        if plural_head || of_phrase {
            let t = clause.trim();
            let s0 = floor + clause_from + (clause.len() - clause.trim_start().len());
            return Some(Speaker {
                actor: None,
                text: t.to_string(),
                at: Span::new(s0, s0 + t.len()),
            });
        }
        // `the mayor`, `the president`: a role word for a person named before.
        let before = text.get(floor..floor + ws).unwrap_or("");
        if let Some((ts, t)) = last_word(before) {
            if fold_compact(t) == "the" && w.chars().all(|c| c.is_lowercase()) {
                let actor = self.role(floor + ts, &lw, actors);
                let span = Span::new(floor + ts, end);
                return actor.map(|a| Speaker {
                    actor: Some(a),
                    text: span.slice(text).to_string(),
                    at: span,
                });
            }
        }
        None
    }

    /// The speaker right after a verb ending at `pos`: `said Okafor`,
    /// `said the mayor`, `said he`.
    fn subject_after(&self, pos: usize, actors: &[Actor]) -> Option<Speaker> {
        let rest = self.text.get(pos..)?;
        let start = pos + (rest.len() - rest.trim_start().len());
        if let Some(m) = self.mention_starting_at(start) {
            // `said Park’s spokesman, Tom Reyes`: the speaker is not Park.
            let after_m = self.text.get(m.at.span.end as usize..).unwrap_or("");
            if m.possessive || after_m.starts_with("'s") || after_m.starts_with("\u{2019}s") {
                return self.proxy_after(m.at.span.start as usize, actors);
            }
            return Some(Speaker {
                actor: Some(m.actor),
                text: m.at.span.slice(self.text).to_string(),
                at: m.at.span,
            });
        }
        // `said Mayor Okafor`, `said President Joe Biden`: titles, then
        // the name; an actor named in the run, else the name's words.
        let (run_end, run) = cap_run(rest.trim_start());
        if !run.is_empty() {
            let in_run = self.mentions.iter().find(|m| {
                m.at.span.start as usize >= start
                    && m.at.span.end as usize <= start + run_end
                    && !in_quotes(self.quotes, m.at.span)
            });
            if let Some(m) = in_run {
                let person = actors
                    .get(m.actor as usize)
                    .is_some_and(|a| a.kind == ActorKind::Person);
                if person && !m.possessive {
                    return Some(self.speaker_of(m));
                }
            }
            let r = rest.trim_start();
            let after_run = r.get(run_end..).unwrap_or("");
            let possessive = after_run.starts_with("'s") || after_run.starts_with("\u{2019}s");
            if possessive {
                return self.proxy_after(start, actors);
            }
            if in_run.is_none() {
                if let Some((o, n)) = name_after_titles(r, &run) {
                    return Some(Speaker {
                        actor: self.named(n, start, actors),
                        text: n.to_string(),
                        at: Span::new(start + o, start + o + n.len()),
                    });
                }
            }
        }
        // `said union president Luis Ferreira`: a lowercase descriptor
        // of up to three words before the name.
        let mut k = start;
        for _ in 0..3 {
            let r = &self.text[k..];
            let wl = r.find(|c: char| !is_alpha(c)).unwrap_or(r.len());
            let w = &r[..wl];
            if wl == 0
                || !w.chars().all(char::is_lowercase)
                || PREPOSITIONS.contains(&w)
                || matches!(w, "that" | "the" | "a" | "an" | "it" | "he" | "she" | "they")
                || !r[wl..].starts_with(' ')
            {
                break;
            }
            k += wl + 1;
            if let Some(m) = self.mention_starting_at(k) {
                let person = actors
                    .get(m.actor as usize)
                    .is_some_and(|a| a.kind == ActorKind::Person);
                if person {
                    return Some(self.speaker_of(m));
                }
            }
        }
        let r = &self.text[start..];
        let wlen = r.find(|c: char| !is_alpha(c)).unwrap_or(r.len());
        let w = fold_compact(&r[..wlen]);
        if w == "he" || w == "she" {
            let at = Span::new(start, start + wlen);
            return Some(Speaker {
                actor: self.antecedent(start, actors, gender::of_pronoun(&w)),
                text: r[..wlen].to_string(),
                at,
            });
        }
        if w == "the" {
            let r2 = &r[wlen..];
            let s2 = start + wlen + (r2.len() - r2.trim_start().len());
            let r3 = &self.text[s2..];
            let l3 = r3.find(|c: char| !is_alpha(c)).unwrap_or(r3.len());
            let role = &r3[..l3];
            if !role.is_empty() && role.chars().all(|c| c.is_lowercase()) {
                let actor = self.role(start, &fold_compact(role), actors)?;
                let at = Span::new(start, s2 + l3);
                return Some(Speaker {
                    actor: Some(actor),
                    text: at.slice(self.text).to_string(),
                    at,
                });
            }
        }
        None
    }

    /// The one person named earlier in the article whose name or an alias
    /// is `name`, or whose surname `name` is (`Burgum` → Doug Burgum).
    fn named(&self, name: &str, pos: usize, actors: &[Actor]) -> Option<ActorId> {
        let f = fold_compact(name.trim());
        if f.is_empty() {
            return None;
        }
        self.one_earlier(pos, actors, |a| {
            a.kind == ActorKind::Person
                && self
                    .folded_of(a)
                    .iter()
                    .any(|n| *n == f || (!f.contains(' ') && n.rsplit(' ').next() == Some(f.as_str())))
        })
    }

    /// A capitalised name run ending at `end` (after `floor`) that names no
    /// actor: the name with its titles dropped, as speaker words only.
    fn name_ending_at(&self, floor: usize, end: usize, actors: &[Actor]) -> Option<Speaker> {
        let p = self.text.get(floor..end)?;
        if p.len() != p.trim_end().len() {
            return None;
        }
        // Walk back over capitalised words to the run's start.
        let mut start = p.len();
        for w in p.rsplit(' ') {
            let ok = w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'));
            if !ok {
                break;
            }
            start -= w.len();
            if start == 0 {
                break;
            }
            start -= 1;
        }
        let run_text = p[start..].trim_start();
        let s0 = floor + p.len() - run_text.len();
        if run_text.is_empty() || in_quotes(self.quotes, Span::new(s0, end)) {
            return None;
        }
        // `farmers in Pinal County said`: a place, not the subject.
        if PREPOSITIONS.contains(&word_before(self.text, s0).as_str()) {
            return None;
        }
        let (run_end, run) = cap_run(run_text);
        if run_end != run_text.len() {
            return None;
        }
        let overlaps = self
            .mentions
            .iter()
            .any(|m| (m.at.span.start as usize) < end && m.at.span.end as usize > s0);
        if overlaps {
            return None;
        }
        let (o, n) = name_after_titles(run_text, &run)?;
        Some(Speaker {
            actor: self.named(n, s0, actors),
            text: n.to_string(),
            at: Span::new(s0 + o, s0 + o + n.len()),
        })
    }

    /// `Park’s spokesman, Tom Reyes` starting at `start`: someone speaking
    /// for another. The appositive name if it is a person actor, else no
    /// actor and the phrase as written.
    fn proxy_after(&self, start: usize, actors: &[Actor]) -> Option<Speaker> {
        let rest = self.text.get(start..)?;
        let stop = rest
            .find(['.', ';', '?', '!', '"', '\u{201C}'])
            .unwrap_or(rest.len());
        let phrase = &rest[..stop];
        if let Some(c) = phrase.find(',') {
            let app = &phrase[c + 1..];
            let at = start + c + 1 + (app.len() - app.trim_start().len());
            if let Some(m) = self.mention_starting_at(at) {
                let person = actors
                    .get(m.actor as usize)
                    .is_some_and(|a| a.kind == ActorKind::Person);
                if person {
                    return Some(self.speaker_of(m));
                }
            }
        }
        let t = phrase.trim_end().trim_end_matches(',');
        (word_count(t) <= 8 && !t.is_empty()).then(|| Speaker {
            actor: None,
            text: t.to_string(),
            at: Span::new(start, start + t.len()),
        })
    }

    /// Attribution right after a closing quote: `, he wrote`, `Okafor
    /// said`, `said Okafor`, `a spokesman said`. `limit` is the sentence end.
    fn attribution_after(&self, close: usize, limit: usize, actors: &[Actor]) -> Option<Speaker> {
        let rest = self.text.get(close..limit)?;
        let skip = rest.len() - rest.trim_start_matches([',', ' ', '\u{2014}', '-']).len();
        let p = close + skip;
        let from = self.words.partition_point(|w| (w.0.start as usize) < p);
        let verb = self.words[from..]
            .iter()
            .take_while(|w| (w.0.start as usize) < limit)
            .find(|w| {
                w.1 == Tag::Verb
                    && w.0.start as usize >= p
                    && (w.0.end as usize) <= limit
                    && !in_quotes(self.quotes, w.0)
            })?;
        let vs = verb.0.start as usize;
        let between = self.text.get(p..vs)?;
        if between.contains(['.', ';', '"', '\u{201C}', '?', '!']) || word_count(between) > 6 {
            return None;
        }
        if between.trim().is_empty() {
            return self.subject_after(verb.0.end as usize, actors);
        }
        // `“…” and said`: a second verb of the sentence's own subject.
        if matches!(
            fold_compact(between.trim()).as_str(),
            "and" | "but" | "or" | "which" | "who"
        ) {
            return None;
        }
        if let Some(s) = self.subject_before(p, vs, actors) {
            return Some(s);
        }
        // An unnamed source (`a spokesman said`): keep the words only.
        let t = between.trim().trim_end_matches(',');
        let first = fold_compact(t.split_whitespace().next().unwrap_or(""));
        let lone_article = matches!(fold_compact(t).as_str(), "a" | "an" | "the");
        if word_count(t) <= 4 && !NOT_SPEAKERS.contains(&first.as_str()) && !lone_article {
            let s = p + (between.len() - between.trim_start().len());
            // `“…,” Burgum said`: a surname of a person named before.
            let single_name = !t.contains(' ') && t.starts_with(char::is_uppercase);
            return Some(Speaker {
                actor: single_name.then(|| self.named(t, s, actors)).flatten(),
                text: t.to_string(),
                at: Span::new(s, s + t.len()),
            });
        }
        None
    }

    /// The last speech verb between `from` and `to` outside quotes.
    fn last_verb_in(&self, from: usize, to: usize) -> Option<Span> {
        // Words are sorted by start: only those starting in `from..to`.
        let lo = self.words.partition_point(|w| (w.0.start as usize) < from);
        let hi = self.words.partition_point(|w| (w.0.start as usize) < to);
        self.words[lo..hi.max(lo)]
            .iter()
            .filter(|w| {
                w.1 == Tag::Verb
                    && w.0.start as usize >= from
                    && w.0.end as usize <= to
                    && !in_quotes(self.quotes, w.0)
            })
            .map(|w| w.0)
            .next_back()
    }

    /// The first subject-like actor of `from..to` (the sentence's subject).
    fn first_subject(&self, from: usize, to: usize) -> Option<Speaker> {
        let m = self.mentions.iter().find(|m| {
            m.at.span.start as usize >= from
                && (m.at.span.end as usize) <= to
                && subject_like(self.text, self.quotes, m)
        })?;
        Some(Speaker {
            actor: Some(m.actor),
            text: m.at.span.slice(self.text).to_string(),
            at: m.at.span,
        })
    }

    /// `a`'s name and aliases, folded (computed here if `a` is not one of
    /// the actors the table was made for).
    fn folded_of(&self, a: &Actor) -> std::borrow::Cow<'_, [String]> {
        match self.folded_names.get(a.id as usize) {
            Some(f) if f.len() == 1 + a.aliases.len() => std::borrow::Cow::Borrowed(f),
            _ => std::borrow::Cow::Owned(folded_names(a)),
        }
    }

    fn ev(&self, span: Span) -> Evidence {
        Evidence {
            article: self.article,
            block: self.block,
            span,
        }
    }
}

/// The sentence (global id) holding byte `pos` of the block whose sentences
/// are `sents` starting at id `first`.
fn sentence_at(sents: &[Sentence], first: usize, pos: usize) -> Option<(usize, Span)> {
    let i = sents
        .partition_point(|s| s.span.start as usize <= pos)
        .saturating_sub(1);
    sents.get(i).map(|s| (first + i, s.span))
}

/// An actor's name and aliases, folded, name first.
fn folded_names(a: &Actor) -> Vec<String> {
    std::iter::once(&a.name)
        .chain(a.aliases.iter())
        .map(|n| fold(n))
        .collect()
}

/// Every quote in the corpus, ordered by (article, block, position).
pub fn find(
    articles: &[Article],
    sentences: &[Sentence],
    actors: &[Actor],
    mentions: &[Mention],
    lexicon: &Lexicon,
) -> Vec<Quote> {
    let words = Words::new(lexicon);
    let genders: Vec<Option<Gender>> = actors.iter().map(gender::of_actor).collect();
    let folded_names: Vec<Vec<String>> = actors.par_iter().map(folded_names).collect();
    let mention_runs = ArticleRuns::new(mentions, articles.len(), |m| m.at.article);
    let sentence_runs = ArticleRuns::new(sentences, articles.len(), |s| s.article);
    // Articles are independent: read them in parallel, then order.
    let mut out: Vec<Quote> = Vec::new();
    crate::windows::gather(
        articles,
        || (FoldBuf::new(), Vec::new(), Vec::new(), Vec::new()),
        |(buf, block_words, block_according, lower), ai, a| {
            let mut out: Vec<Quote> = Vec::new();
            // Each block's quote pairs, read once: a block is also the
            // previous one for the next.
            let mut block_pairs: Vec<Option<Vec<(Span, Span)>>> = vec![None; a.blocks.len()];
            // Sentences and mentions are sorted by (article, block): an
            // article's run is looked up, then a block's found in it by
            // binary search (a table of every block's range costs a cache
            // miss per look-up).
            let std::ops::Range { start: a0, end: a1 } = mention_runs.of(ai as u32);
            let std::ops::Range { start: sa0, end: sa1 } = sentence_runs.of(ai as u32);
            let art_sents = &sentences[sa0..sa1];
            let art_ments = &mentions[a0..a1];
            let block_ments = |bi: usize| {
                let (m0, m1) = range_of(art_ments, bi as u32, |m| m.at.block);
                (a0 + m0, a0 + m1)
            };
            // Speakers carry the block they stand in: a follow-on quote may
            // take its speaker from the previous paragraph.
            let mut prev: Option<(usize, Option<(u32, Speaker)>)> = None;
            let mut prev_block: Option<usize> = None;
            // A direct quote left open at its paragraph's end, without a
            // speaker: the next paragraph's opening quote may name one.
            let mut open_quote: Option<(usize, usize)> = None;
            let mut recent: Vec<usize> = Vec::new();
            for (bi, b) in a.blocks.iter().enumerate() {
                if !b.kind.is_body() || b.kind == BlockKind::Heading {
                    continue;
                }
                let (s0, s1) = range_of(art_sents, bi as u32, |s| s.block);
                if s0 == s1 {
                    continue;
                }
                let (s0, s1) = (sa0 + s0, sa0 + s1);
                let sents = &sentences[s0..s1];
                let (m0, m1) = block_ments(bi);
                if block_pairs[bi].is_none() {
                    block_pairs[bi] = Some(pairs(&b.text));
                }
                words.find(&b.text, buf, block_words);
                find_according_to(&b.text, lower, block_according);
                let block_pairs = &block_pairs;
                // The previous paragraph that names someone, skipping at
                // most one that names no one (a paragraph of quotation).
                let named = |pb: &usize| {
                    let (p0, p1) = block_ments(*pb);
                    p0 < p1
                };
                let antecedent_block = recent.iter().rev().take(2).find(|pb| named(pb));
                let prev_ctx = antecedent_block.map(|&pb| {
                    let pbk = &a.blocks[pb];
                    let (p0, p1) = block_ments(pb);
                    let pq: &[(Span, Span)] = block_pairs[pb].as_deref().unwrap_or(&[]);
                    (pbk.text.as_str(), &mentions[p0..p1], pq)
                });
                let ctx = Ctx {
                    article: ai as u32,
                    block: bi as u32,
                    text: &b.text,
                    mentions: &mentions[m0..m1],
                    article_mentions: &mentions[a0..a1],
                    quotes: block_pairs[bi].as_deref().unwrap_or(&[]),
                    words: &block_words[..],
                    prev: prev_ctx,
                    genders: &genders,
                    folded_names: &folded_names,
                    according: &block_according[..],
                };
                let prose = b.kind != BlockKind::Table;
                let mut reported = Vec::new();
                let mut reported_speech = Vec::new();
                if prose {
                    indirect(&ctx, sents, s0, actors, &mut reported, &mut reported_speech);
                }
                // The last direct quote's speaker, for unattributed follow-ons.
                let mut last_direct: Option<Option<(u32, Speaker)>> = prev
                    .take()
                    .filter(|(pb, _)| Some(*pb) == prev_block)
                    .map(|(_, s)| s);
                let mut first_in_block = true;
                for &(whole, inner) in ctx.quotes {
                    let Some((sid, sspan)) = sentence_at(sents, s0, whole.start as usize) else {
                        continue;
                    };
                    let (_, close_sent) =
                        sentence_at(sents, s0, whole.end.saturating_sub(1) as usize).unwrap_or((sid, sspan));
                    let qtext = inner.slice(&b.text);
                    let n_words = word_count(qtext);
                    let open = whole.start as usize;
                    let long = sspan.len() > LONG_SENTENCE;
                    let prefix_start = if long {
                        window_floor(&b.text, sspan.start as usize, open)
                    } else {
                        sspan.start as usize
                    };
                    let close_end = if long {
                        window_limit(&b.text, whole.end as usize, close_sent.end as usize)
                    } else {
                        close_sent.end as usize
                    };
                    let prefix = b.text.get(prefix_start..open).unwrap_or("");
                    let ptrim = prefix.trim_end();
                    let at_start = ptrim.is_empty() || ptrim.ends_with(':');
                    let after = ctx.attribution_after(whole.end as usize, close_end, actors);
                    // A verb close before the open mark governs the quotation.
                    let near_verb = ctx.last_verb_in(prefix_start, open).filter(|v| {
                        let gap = b.text.get(v.end as usize..open).unwrap_or("");
                        word_count(gap) <= 3 && !gap.contains(['.', ';'])
                    });
                    let leads_in = ptrim.ends_with(':') || ptrim.ends_with(',');
                    // `“Mark my words.”`: a short quote that is a sentence of its own.
                    let whole_sentence = qtext.starts_with(char::is_uppercase)
                        && qtext.ends_with(['.', '?', '!', ','])
                        && (after.is_some() || qtext.ends_with(['.', '?', '!']));
                    let kind = if !prose {
                        QuoteKind::Term
                    } else if (n_words >= 4 || whole_sentence)
                        && (at_start || (leads_in && near_verb.is_some()))
                    {
                        QuoteKind::Direct
                    } else if after.is_some() || near_verb.is_some() {
                        QuoteKind::Partial
                    } else if n_words <= 4 {
                        QuoteKind::Term
                    } else {
                        QuoteKind::Partial
                    };
                    let speaker: Option<Speaker> = match kind {
                        QuoteKind::Term => None,
                        _ => after.or_else(|| {
                            let v = near_verb.or_else(|| {
                                (kind == QuoteKind::Partial)
                                    .then(|| ctx.last_verb_in(prefix_start, open))
                                    .flatten()
                            })?;
                            ctx.subject_before(prefix_start, v.start as usize, actors)
                                .or_else(|| {
                                    (kind == QuoteKind::Partial)
                                        .then(|| ctx.first_subject(prefix_start, v.start as usize))
                                        .flatten()
                                })
                        }),
                    };
                    // A quotation inside a reported clause is the reporter's:
                    // `Okoye argued that it would create “permanent uncertainty”`.
                    let within = reported
                        .iter()
                        .zip(&reported_speech)
                        .find(|(r, &speech)| {
                            // The clause drops the closing mark and stops: it
                            // holds the quotation when it reaches into it.
                            speech && r.at.span.start <= whole.start && r.at.span.end > inner.start
                        })
                        .map(|(r, _)| r);
                    let here = |s: Option<Speaker>| s.map(|s| (ctx.block, s));
                    let (kind, speaker) = match (kind, speaker, within) {
                        (QuoteKind::Direct, None, _)
                            if at_start && (first_in_block || last_direct.is_some()) =>
                        {
                            (kind, last_direct.clone().flatten())
                        }
                        (QuoteKind::Term | QuoteKind::Partial, None, Some(r)) => (
                            QuoteKind::Partial,
                            here(r.speaker_text.map(|t| Speaker {
                                actor: r.speaker,
                                text: String::from(&*t),
                                at: r.speaker_at.map(|e| e.span).unwrap_or_default(),
                            })),
                        ),
                        (k, s, _) => (k, here(s)),
                    };
                    if kind == QuoteKind::Direct {
                        last_direct = Some(speaker.clone());
                    }
                    // `“First paragraph…` / `“Second,” she said.`: the quote
                    // continued here gives its speaker to the open one.
                    if let (true, true, Some((sb, sp)), Some((ob, oi))) =
                        (first_in_block, at_start, &speaker, open_quote)
                    {
                        if Some(ob) == prev_block && kind == QuoteKind::Direct {
                            if let Some(q) = out.get_mut(oi) {
                                q.speaker = sp.actor;
                                q.speaker_text = Some(sp.text.as_str().into());
                                q.speaker_at = Some(Evidence {
                                    article: ctx.article,
                                    block: *sb,
                                    span: sp.at,
                                });
                            }
                        }
                    }
                    let unclosed = whole.end as usize == b.text.len() && !b.text.ends_with(is_closer);
                    if unclosed && kind == QuoteKind::Direct && speaker.is_none() {
                        open_quote = Some((bi, out.len()));
                    }
                    first_in_block = false;
                    // A term or a partial is a phrase lifted from elsewhere:
                    // the sentence's punctuation kept inside the closing mark
                    // (`“war on drugs.”`) is not part of it.
                    let inner = if kind == QuoteKind::Direct {
                        inner
                    } else {
                        let t = inner
                            .slice(&b.text)
                            .trim_end_matches(['.', ',', ';', ':'])
                            .trim_end();
                        if t.is_empty() {
                            inner
                        } else {
                            Span::new(inner.start as usize, inner.start as usize + t.len())
                        }
                    };
                    out.push(Quote {
                        id: 0,
                        kind,
                        at: ctx.ev(inner),
                        speaker: speaker.as_ref().and_then(|(_, s)| s.actor),
                        speaker_text: speaker.as_ref().map(|(_, s)| s.text.as_str().into()),
                        speaker_at: speaker.as_ref().map(|&(sb, ref s)| Evidence {
                            article: ctx.article,
                            block: sb,
                            span: s.at,
                        }),
                        issues: Default::default(),
                        sentence: sid as u32,
                    });
                }
                // A paragraph that ends on a direct quote may be continued by
                // the next one.
                let ends_on_quote = ctx
                    .quotes
                    .last()
                    .is_some_and(|q| b.text[q.0.end as usize..].trim().len() < 80);
                if let (true, Some(ld)) = (ends_on_quote, last_direct) {
                    prev = Some((bi, ld));
                }
                out.extend(reported);
                prev_block = Some(bi);
                recent.push(bi);
            }
            // Articles come in order, so sorting each article's quotes
            // sorts them all, with no buffer the size of every quote (a
            // parallel sort's, at the analysis's peak).
            out.sort_by_key(quote_order);
            out
        },
        |q| out.extend(q),
    );
    debug_assert!(out.windows(2).all(|w| quote_order(&w[0]) <= quote_order(&w[1])));
    // Few distinct words name speakers (`he`, `she`, a name): one copy each.
    let mut names = SharedStrs::new();
    for (i, q) in out.iter_mut().enumerate() {
        q.id = i as QuoteId;
        if let Some(t) = &mut q.speaker_text {
            *t = names.get(t);
        }
    }
    out
}

use super::QuoteId;

/// The order of the quote list: by place, a reported quote after any
/// other at the same start.
fn quote_order(q: &Quote) -> (u32, u32, u32, bool) {
    (
        q.at.article,
        q.at.block,
        q.at.span.start,
        q.kind == QuoteKind::Indirect,
    )
}

/// Reported speech: `SUBJECT VERB that CLAUSE`, one per sentence.
/// `speech` gets, per quote, whether a speech verb (not a stance verb only)
/// reported it.
fn indirect(
    ctx: &Ctx,
    sents: &[Sentence],
    s0: usize,
    actors: &[Actor],
    out: &mut Vec<Quote>,
    speech: &mut Vec<bool>,
) {
    let text = ctx.text;
    for (k, s) in sents.iter().enumerate() {
        let (mut ss, se) = (s.span.start as usize, s.span.end as usize);
        if let Some((speaker, clause)) = according_to(ctx, ss, se) {
            out.push(Quote {
                id: 0,
                kind: QuoteKind::Indirect,
                at: ctx.ev(clause),
                speaker: speaker.actor,
                speaker_text: Some(speaker.text.as_str().into()),
                speaker_at: Some(ctx.ev(speaker.at)),
                issues: Default::default(),
                sentence: (s0 + k) as u32,
            });
            speech.push(true);
            continue;
        }
        let long = se - ss > LONG_SENTENCE;
        let w0 = ctx.words.partition_point(|w| (w.0.start as usize) < ss);
        let w1 = ctx.words.partition_point(|w| (w.0.start as usize) < se);
        for &(v, tag, ends_prep) in &ctx.words[w0..w1.max(w0)] {
            if tag == Tag::Group || (v.start as usize) < ss || (v.end as usize) > se {
                continue;
            }
            let verb = fold_compact(v.slice(text));
            // `to` verbs (`aims to`, `hopes to`) state intentions, not speech.
            if verb.ends_with(" to") {
                continue;
            }
            if in_quotes(ctx.quotes, v) {
                continue;
            }
            // `“…,” Raman said after the vote`: the verb attributes the quote.
            // Nearest quote first: a farther one's gap holds the nearer's,
            // so once a gap is too long or broken, every farther one is too.
            let before = ctx.quotes.partition_point(|q| q.0.end <= v.start);
            let mut attributes = false;
            for q in ctx.quotes[..before].iter().rev() {
                let gap = text.get(q.0.end as usize..v.start as usize).unwrap_or("");
                if q.0.end as usize <= ss || word_count(gap) > 4 || gap.contains(['.', ';', '?', '!']) {
                    break;
                }
                if !gap.trim().starts_with("and") {
                    attributes = true;
                    break;
                }
            }
            if attributes {
                continue;
            }
            let floor = if long {
                window_floor(text, ss, v.start as usize)
            } else {
                ss
            };
            let Some(speaker) = ctx.subject_before(floor, v.start as usize, actors) else {
                continue;
            };
            let se = if long {
                window_limit(text, v.end as usize, se)
            } else {
                se
            };
            let mut after = text.get(v.end as usize..se).unwrap_or("");
            // `A pushes for X; B argues for Y`: each clause ends at `;`.
            if let Some(semi) = after.find(';') {
                after = &after[..semi];
            }
            // `… said it would not sign, and officials argued that …`: a
            // second speaker's clause is not part of the first one's.
            let base = v.end as usize;
            if let Some(cut) = first_conjunctions(after)
                .into_iter()
                .flatten()
                .filter(|&c| {
                    let from = ctx.words.partition_point(|w| w.0.start as usize <= base + c);
                    ctx.words[from..]
                        .iter()
                        .take_while(|w| (w.0.start as usize) < se)
                        .any(|(w, t, _)| *t != Tag::Group && (w.end as usize) <= se)
                })
                .min()
            {
                after = &after[..cut];
            }
            let clause_start = clause_start(after, ends_prep, &verb);
            let Some(cs) = clause_start else { continue };
            let c = &after[cs..];
            let c = c.trim_start();
            // `said: “I will sign it.”`: the verb introduces a direct quote,
            // read as such; it is not also reported speech.
            if c.starts_with(|ch: char| ch == ':' || MARKS.iter().any(|m| m.0 == ch)) {
                continue;
            }
            // A closing mark or stray punctuation at the end is the
            // quotation's, not the clause's.
            let c = c.trim_end_matches(|ch: char| {
                matches!(ch, '.' | '!' | '?' | ' ' | ',' | ':' | ';') || is_closer(ch)
            });
            if word_count(c) < 2 {
                continue;
            }
            // `… leaders often argue has been lacking`: a clause opening on
            // a verb has no subject of its own; the verb is not reporting.
            let first = fold_compact(c.split_whitespace().next().unwrap_or(""));
            if CLAUSE_AUX.contains(&first.as_str()) {
                continue;
            }
            let start = v.end as usize + cs + (after[cs..].len() - after[cs..].trim_start().len());
            let span = Span::new(start, start + c.len());
            // Already read as a quotation (`Critics say the mayor is “…”`):
            // the quote marks tell more than the clause.
            let at = ctx.quotes.partition_point(|q| (q.0.start as usize) < start);
            if ctx
                .quotes
                .get(at)
                .is_some_and(|q| span.contains(q.0) && q.0.start as usize == start)
            {
                break;
            }
            out.push(Quote {
                id: 0,
                kind: QuoteKind::Indirect,
                at: ctx.ev(span),
                speaker: speaker.actor,
                speaker_text: Some(speaker.text.as_str().into()),
                speaker_at: Some(ctx.ev(speaker.at)),
                issues: Default::default(),
                sentence: (s0 + k) as u32,
            });
            speech.push(tag == Tag::Verb);
            ss = span.end as usize;
        }
    }
}

/// `According to X, CLAUSE.` or `CLAUSE, according to X.`: the source and
/// the clause, when X is an actor or a group and the clause has some words.
/// Conjunctions that may open a second speaker's clause.
const CONJUNCTIONS: [&str; 3] = [", and ", ", but ", ", while "];

/// Where each of `CONJUNCTIONS` first occurs in `s`. One pass over its
/// commas: three substring searches set up for each verb's clause were 1%
/// of indexing.
fn first_conjunctions(s: &str) -> [Option<usize>; 3] {
    let b = s.as_bytes();
    let mut first = [None; 3];
    for p in memchr::memchr_iter(b',', b) {
        for (f, c) in first.iter_mut().zip(CONJUNCTIONS) {
            if f.is_none() && b[p..].starts_with(c.as_bytes()) {
                *f = Some(p);
            }
        }
        if first.iter().all(Option::is_some) {
            break;
        }
    }
    first
}

fn according_to(ctx: &Ctx, ss: usize, se: usize) -> Option<(Speaker, Span)> {
    const MARK: &str = "according to ";
    let text = ctx.text;
    let sent = text.get(ss..se)?;
    let at = first_in(ctx.according, ss, se, MARK.len())? - ss;
    let src_start = ss + at + MARK.len();
    let comma = sent[at..].find(',').map(|c| ss + at + c);
    let (src_end, clause) = if at == 0 {
        // The source runs to the first comma; the clause follows it.
        let c = comma?;
        (c, Span::new(c + 1, se))
    } else if sent[..at].trim_end().ends_with(',') {
        // The source runs to the sentence's end; the clause precedes it.
        let end = ss + sent.trim_end_matches(['.', '!', '?']).len();
        let before = sent[..at].trim_end().trim_end_matches(',');
        (end, Span::new(ss, ss + before.len()))
    } else {
        return None;
    };
    let src = text.get(src_start..src_end)?.trim();
    if src.is_empty() || word_count(src) > 6 {
        return None;
    }
    let c = clause.slice(text);
    let lead = c.len() - c.trim_start().len();
    let c = c.trim().trim_end_matches(['.', '!', '?']);
    if word_count(c) < 3 || c.contains(['\u{201C}', '"']) {
        return None;
    }
    let clause = Span::new(
        clause.start as usize + lead,
        clause.start as usize + lead + c.len(),
    );
    let src_at = Span::new(src_start, src_start + src.len());
    // The source: an actor named at its start, else a group noun in it,
    // else nothing (precision over recall).
    if let Some(m) = ctx.mention_starting_at(src_start) {
        if m.at.span.end as usize <= src_end {
            return Some((ctx.speaker_of(m), clause));
        }
    }
    let has_group = ctx
        .words
        .iter()
        .any(|w| w.1 == Tag::Group && w.0.start as usize >= src_start && w.0.end as usize <= src_end);
    has_group.then(|| {
        (
            Speaker {
                actor: None,
                text: src.to_string(),
                at: src_at,
            },
            clause,
        )
    })
}

/// Where `according to ` occurs in `hay`, ignoring ASCII case (as in
/// `hay.to_ascii_lowercase()`: lowering ASCII keeps every offset), into
/// `out` (cleared first). Read once per block, not per sentence. The
/// phrase cannot overlap itself, so these are all its occurrences.
fn find_according_to(hay: &str, lower: &mut Vec<u8>, out: &mut Vec<usize>) {
    // A lowercase copy searched with `memmem` (SIMD): a case-insensitive
    // automaton over the text took 2.6% of all the instructions of
    // analysis, this a small part of that.
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"according to "));
    out.clear();
    lower.clear();
    lower.extend_from_slice(hay.as_bytes());
    lower.make_ascii_lowercase();
    out.extend(FINDER.find_iter(lower));
}

/// The first of the sorted, non-overlapping occurrences `all` (each `len`
/// long) that lies wholly in `ss..se`.
fn first_in(all: &[usize], ss: usize, se: usize, len: usize) -> Option<usize> {
    let i = all.partition_point(|&p| p < ss);
    all.get(i).copied().filter(|&p| p + len <= se)
}

/// Where the reported clause starts in `after` (the text after the verb).
fn clause_start(after: &str, ends_prep: bool, verb: &str) -> Option<usize> {
    let lead = after.len() - after.trim_start().len();
    let after = &after[lead..];
    let mut pos = lead;
    let mut first_word = None;
    let mut took_position = false;
    for (n, w) in after.split_inclusive(|c: char| c.is_whitespace()).enumerate() {
        let t = w.trim().trim_end_matches(',');
        if n == 0 {
            first_word = Some(fold_compact(t));
        }
        if n >= 6 || t.ends_with([';', ':']) {
            break;
        }
        if t.eq_ignore_ascii_case("that") {
            return Some(pos + w.len());
        }
        // `maintains a firm stance on X`: a position taken on something.
        if !ends_prep && t.eq_ignore_ascii_case("on") && n <= 4 && n > 0 && took_position {
            return Some(pos + w.len());
        }
        if POSITION_NOUNS.contains(&fold_compact(t).as_str()) {
            took_position = true;
        }
        pos += w.len();
    }
    if ends_prep {
        return Some(0);
    }
    let fw = first_word?;
    // `said it would not sign`: `it` opening a clause, not an object.
    let second = after.split_whitespace().nth(1).map(fold);
    if fw == "it"
        && CLAUSE_VERBS.contains(&verb)
        && second.is_some_and(|w| {
            [
                "would", "will", "could", "can", "should", "may", "might", "must", "had", "has", "was", "is",
                "did", "does",
            ]
            .contains(&w.as_str())
        })
    {
        return Some(0);
    }
    let blocked = [
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "of",
        "it",
        "so",
        "no",
        "yes",
        "this",
        "him",
        "her",
        "them",
        "me",
        "us",
        "reporters",
        "",
    ];
    (CLAUSE_VERBS.contains(&verb) && !blocked.contains(&fw.as_str())).then_some(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Analysis, Lexicon};
    use crate::corpus::{Article, Block, Format};

    /// An article of one paragraph per string, analysed with the default lexicon.
    fn analysed(paras: &[&str]) -> (Vec<Article>, Analysis) {
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
        let arts = vec![a];
        let an = analyze(&arts, &Lexicon::embedded());
        (arts, an)
    }

    #[test]
    fn pairs_curly_straight_and_unclosed() {
        let t = "A \u{201C}b c\u{201D} d \"e f\" g \u{201C}h";
        let p: Vec<&str> = pairs(t).iter().map(|p| p.1.slice(t)).collect();
        assert_eq!(p, vec!["b c", "e f", "h"]);
    }

    #[test]
    fn pairs_german_french_and_cjk_marks() {
        let t = "\u{201E}Wir handeln jetzt\u{201C}, sagte er. \u{00AB} Nous agirons \u{00BB} et \u{2039}non\u{203A}. \u{300C}\u{884C}\u{304F}\u{300D}";
        let p: Vec<&str> = pairs(t).iter().map(|p| p.1.slice(t)).collect();
        assert_eq!(
            p,
            vec!["Wir handeln jetzt", "Nous agirons", "non", "\u{884C}\u{304F}"]
        );
        let t = "\u{300E}a \u{300C}b\u{300D} c\u{300F} then \u{201C}d\u{201D}";
        let p: Vec<&str> = pairs(t).iter().map(|p| p.1.slice(t)).collect();
        assert_eq!(p, vec!["a \u{300C}b\u{300D} c", "d"]);
    }

    #[test]
    fn according_to_either_side() {
        let (arts, an) = analysed(&[
            "According to U.S. officials, the talks will resume in March.",
            "The deal is dead, according to several analysts.",
            "According to the weather, it will rain all week.",
        ]);
        let got: Vec<(String, Option<String>, bool)> = an
            .quotes
            .iter()
            .map(|q| {
                (
                    q.at.text(&arts).to_string(),
                    q.speaker_text.as_deref().map(String::from),
                    q.speaker.is_some(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "the talks will resume in March".to_string(),
                    Some("U.S. officials".to_string()),
                    true
                ),
                (
                    "The deal is dead".to_string(),
                    Some("several analysts".to_string()),
                    false
                ),
            ]
        );
    }

    #[test]
    fn quote_over_two_paragraphs_takes_the_later_attribution() {
        let (arts, an) = analysed(&[
            "Mayor Diane Okafor spoke for an hour. Okafor was calm.",
            "\u{201C}We will not close a single branch this year. Not one.",
            "\u{201C}The budget is tight, but libraries matter,\u{201D} she said.",
        ]);
        let named: Vec<(&str, Option<&str>)> = an
            .quotes
            .iter()
            .map(|q| {
                let s = q
                    .speaker
                    .and_then(|s| an.actors.get(s as usize))
                    .map(|a| a.name.as_str());
                (q.at.text(&arts), s)
            })
            .collect();
        assert_eq!(named.len(), 2, "{named:?}");
        assert!(named.iter().all(|(_, s)| *s == Some("Diane Okafor")), "{named:?}");
    }

    #[test]
    fn role_words_resolve_only_when_unambiguous() {
        let (_, an) = analysed(&[
            "Gustavo Petro met Donald Trump at noon.",
            "\u{201C}We agreed on nothing at all,\u{201D} the president said.",
            "Mayor Diane Okafor spoke next. Okafor was brief.",
            "\u{201C}The budget holds for now,\u{201D} the mayor said.",
        ]);
        let named: Vec<Option<&str>> = an
            .quotes
            .iter()
            .map(|q| {
                q.speaker
                    .and_then(|s| an.actors.get(s as usize))
                    .map(|a| a.name.as_str())
            })
            .collect();
        assert_eq!(named, vec![None, Some("Diane Okafor")]);
    }

    /// `pairs` as it was first written (every char decoded), the reference
    /// for the fast scan.
    fn pairs_reference(text: &str) -> Vec<(Span, Span)> {
        let mut out = Vec::new();
        let mut open: Option<(usize, char, &[char])> = None;
        for (i, c) in text.char_indices() {
            match open {
                Some((o, _, closers)) if closers.contains(&c) => {
                    out.push((Span::new(o, i + c.len_utf8()), inner(text, o, i)));
                    open = None;
                }
                Some((_, oc, _)) if c == oc && c != '"' => {
                    open = MARKS.iter().find(|m| m.0 == c).map(|m| (i, c, m.1));
                }
                Some(_) => {}
                None => {
                    open = MARKS.iter().find(|m| m.0 == c).map(|m| (i, c, m.1));
                }
            }
        }
        if let Some((o, _, _)) = open {
            out.push((Span::new(o, text.len()), inner(text, o, text.len())));
        }
        out.retain(|p| !p.1.is_empty());
        out
    }

    proptest::proptest! {
        #[test]
        fn pairs_match_the_reference(
            s in "[a b\"\u{201C}\u{201D}\u{201E}\u{ab}\u{bb}\u{2039}\u{203A}\u{300C}\u{300D}\u{300E}\u{300F}\u{e9}]{0,30}"
        ) {
            proptest::prop_assert_eq!(pairs(&s), pairs_reference(&s));
        }

        #[test]
        fn according_to_found_like_the_lowercase_copy(
            s in "(x|\u{c9}|ACCORDING|according|Accord|to|TO| |ing )*",
            a in 0usize..200,
            b in 0usize..200
        ) {
            // Any sentence of the block: bounds on char boundaries.
            let bounds: Vec<usize> = s.char_indices().map(|c| c.0).chain([s.len()]).collect();
            let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let (ss, se) = (a.min(b), a.max(b));
            let mut all = Vec::new();
            find_according_to(&s, &mut Vec::new(), &mut all);
            proptest::prop_assert_eq!(
                first_in(&all, ss, se, "according to ".len()),
                s[ss..se].to_ascii_lowercase().find("according to ").map(|p| p + ss)
            );
        }

        #[test]
        fn conjunctions_found_like_find(s in "(,|, | |and |but |while |x|\u{e9})*") {
            let want = CONJUNCTIONS.map(|c| s.find(c));
            proptest::prop_assert_eq!(first_conjunctions(&s), want);
        }
    }

    #[test]
    fn clause_after_that_or_on() {
        assert_eq!(clause_start(" that the plan failed", false, "argued"), Some(6));
        assert_eq!(
            clause_start(" a firm stance on drugs", false, "maintains"),
            Some(18)
        );
        assert_eq!(clause_start(" reporters nothing", false, "told"), None);
        assert_eq!(clause_start(" stronger ties", true, "pushed for"), Some(0));
    }
}
