//! The fast engine. Same answers as [`super::reference`], found quicker:
//!
//! * the items are folded and packed once ([`Store`]);
//! * a 64-bit byte-class mask and a byte-level subsequence test drop most
//!   items before SkimMatcherV2 decodes a single char (for an ASCII term the
//!   subsequence test *is* the match test, so non-matches never reach it);
//! * an item whose best possible score (each term's score against itself,
//!   plus the verbatim/word/phrase bonuses, which are cheap to compute) can
//!   not enter the current top-k is counted but not scored;
//! * a query that narrows the previous one ([`Query::narrows`]) looks only at
//!   the previous one's candidates;
//! * chunks of items run on every core (rayon), one matcher per worker;
//! * each chunk keeps a bounded heap, and checks for cancellation (a newer
//!   query) before it starts.

use super::filter::Resolved;
use super::query::{Query, Term};
use super::score::{self, TYPO_MIN_LEN};
use super::store::{mask_of, Reader, Source, Store, NON_ASCII_BITS};
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

const CHUNK: usize = 4096;

/// What a query found: the best items (item index, score), best first, and
/// how many matched in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<(usize, i64)>,
    pub matched: usize,
    /// Typo fallback was used (nothing matched without it).
    pub typo: bool,
}

struct PlannedTerm<'a> {
    term: &'a Term,
    mask: u32,
    ascii: bool,
    finder: Finder<'static>,

    /// Words one edit away, in typo mode.
    typos: HashSet<&'a str>,
}

/// What a query leaves for the next one to narrow from.
struct Last {
    query: Query,
    /// Its answer, at this limit: a query that parses the same (a space
    /// typed after a word) gets it again without a scan.
    limit: usize,
    found: Found,
    cands: Cands,
}

/// The items that passed a query's prefilters, in item order, with what is
/// known of each term there. Kept in the pieces the workers made them in:
/// joined, they would be held twice while joining, at 4 bytes a candidate
/// and 8 more a term (`mi` passes 925,000 of a million sentences' items).
struct Cands {
    pieces: Vec<Piece>,
}

struct Piece {
    items: Vec<u32>,
    /// Per candidate, per term (stride = terms), what is known of the
    /// term's score and match there; empty when none are kept (see `scan`).
    cells: Vec<Cell>,
}

impl Cands {
    /// The candidates cut into runs of at most `CHUNK`, none across two
    /// pieces: (piece, start, end).
    fn runs(&self) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (p, piece) in self.pieces.iter().enumerate() {
            out.extend(runs_of(p, piece.items.len()));
        }
        out
    }
}

/// Positions `0..n` of piece `p` in runs of at most `CHUNK`.
fn runs_of(p: usize, n: usize) -> impl Iterator<Item = (usize, usize, usize)> {
    (0..n).step_by(CHUNK).map(move |s| (p, s, (s + CHUNK).min(n)))
}

/// Where to look, when narrowing: the previous candidates, and for each
/// term the previous query's column of scores for the very same term.
struct Narrow<'a> {
    cands: &'a Cands,
    stride: usize,
    cols: Vec<Option<usize>>,
    /// For each term, a previous fuzzy term it extends (its proper
    /// prefix), so the match can carry on from where that one ended.
    ext: Vec<Option<(usize, usize)>>,
}

pub struct Engine {
    src: Source,
    store: Store,
    /// The last complete query, every item that passed its prefilters, and
    /// their per-term scores.
    last: Option<Last>,
    /// Distinct folded words, built the first time a typo fallback runs.
    vocab: Option<Vec<String>>,
}

impl Engine {
    pub fn new(src: Source) -> Engine {
        let store = Store::build(&src);
        Engine {
            src,
            store,
            last: None,
            vocab: None,
        }
    }

    pub fn source(&self) -> &Source {
        &self.src
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Forgets the previous query, so the next one is cold.
    pub fn reset(&mut self) {
        self.last = None;
    }

    /// Runs `query`; None when `cancel` said stop before the end.
    pub fn run(&mut self, query: &str, limit: usize, cancel: &(dyn Fn() -> bool + Sync)) -> Option<Found> {
        let q = Query::parse(query);
        if q.is_empty() {
            self.last = None;
            return Some(Found::default());
        }
        if let Some(l) = self.last.as_ref().filter(|l| l.query == q && l.limit == limit) {
            return Some(l.found.clone());
        }
        let filters = Resolved::new(&q, &self.src);
        let narrowed = match &self.last {
            Some(l) if q.narrows(&l.query) => Some(Narrow {
                cands: &l.cands,
                stride: l.query.terms.len(),
                cols: q
                    .terms
                    .iter()
                    .map(|t| l.query.terms.iter().position(|o| o == t))
                    .collect(),
                ext: q
                    .terms
                    .iter()
                    .map(|t| {
                        l.query
                            .terms
                            .iter()
                            .position(|o| {
                                !t.exact
                                    && !o.exact
                                    && o.text.len() < t.text.len()
                                    && t.text.starts_with(&o.text)
                            })
                            .map(|c| (c, l.query.terms[c].text.len()))
                    })
                    .collect(),
            }),
            _ => None,
        };
        let planned: Vec<PlannedTerm> = q.terms.iter().map(plan).collect();
        let (found, cands) = scan(
            &self.src,
            &self.store,
            &q,
            &planned,
            &filters,
            narrowed.as_ref(),
            limit,
            false,
            cancel,
        )?;
        if found.matched > 0 || !q.terms.iter().any(score::typo_eligible) {
            self.last = Some(Last {
                query: q,
                limit,
                found: found.clone(),
                cands,
            });
            return Some(found);
        }
        // Nothing matched: try words one edit away from each long term.
        self.last = None;
        let vocab = self.vocab.get_or_insert_with(|| build_vocab(&self.store));
        let planned: Vec<PlannedTerm> = q
            .terms
            .iter()
            .map(|t| {
                let mut p = plan(t);
                if score::typo_eligible(t) {
                    p.typos = vocab
                        .iter()
                        .filter(|w| score::is_typo_of(&t.text, w))
                        .map(String::as_str)
                        .collect();
                }
                p
            })
            .collect();
        if planned.iter().all(|p| p.typos.is_empty()) {
            return Some(found);
        }
        let (mut found, _) = scan(
            &self.src,
            &self.store,
            &q,
            &planned,
            &filters,
            None,
            limit,
            true,
            cancel,
        )?;
        found.typo = found.matched > 0;
        Some(found)
    }
}

fn plan(t: &Term) -> PlannedTerm<'_> {
    PlannedTerm {
        term: t,
        mask: mask_of(t.text.as_bytes()),
        ascii: t.text.is_ascii(),
        finder: Finder::new(t.text.as_bytes()).into_owned(),
        typos: HashSet::new(),
    }
}

/// Distinct words long enough to be someone's typo target.
fn build_vocab(store: &Store) -> Vec<String> {
    let sets: Vec<HashSet<String>> = (0..store.len())
        .into_par_iter()
        .with_min_len(CHUNK)
        .fold(
            || (HashSet::new(), String::new()),
            |(mut set, mut buf), i| {
                for (_, w) in score::words(store.item(i, &mut buf)) {
                    if w.len() + 1 >= TYPO_MIN_LEN && !set.contains(w) {
                        set.insert(w.to_string());
                    }
                }
                (set, buf)
            },
        )
        .map(|(set, _)| set)
        .collect();
    let mut all: HashSet<String> = HashSet::new();
    for s in sets {
        all.extend(s);
    }
    let mut v: Vec<String> = all.into_iter().collect();
    v.sort();
    v
}

/// Does folded term `t` match at all in `hay` by the fast test? For an ASCII
/// fuzzy term this is exact; for others SkimMatcherV2 has the last word.
#[inline]
fn prefilter(hay: &[u8], t: &PlannedTerm) -> bool {
    if t.term.exact {
        t.finder.find(hay).is_some()
    } else {
        subsequence(t.term.text.as_bytes(), hay)
    }
}

#[inline]
fn subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut at = 0;
    for &n in needle {
        match memchr::memchr(n, &hay[at..]) {
            Some(p) => at += p + 1,
            None => return false,
        }
    }
    true
}

/// An upper bound of SkimMatcherV2's linear-path score for ASCII term `t`
/// in `hay` (which holds it as a subsequence). That path scores a window:
/// 16 per matched char plus a bonus of at most 8 (the window's first char
/// always counts as a word head, and a run carries its best bonus), minus
/// 3 per gap and 1 per skipped char, and a char right after a gap gets no
/// bonus. So a verbatim match scores at most 24 a char, and any other loses
/// at least `skipped + 11`, with `skipped ≥ span_min - len`. A one-char
/// term scores only its leftmost occurrence's bonus: 0 inside a word.
#[inline]
fn skim_bound(hay: &[u8], t: &[u8], verbatim: bool) -> i64 {
    let m = t.len() as i64;
    if m == 1 {
        let c = t[0];
        return match memchr::memchr(c, hay) {
            Some(p) if p > 0 && c.is_ascii_lowercase() && hay[p - 1].is_ascii_lowercase() => 0,
            _ => 8,
        };
    }
    if verbatim {
        return 24 * m;
    }
    let span = span_min(hay, t) as i64;
    24 * m - (span - m).max(0) - 11
}

/// Skim's char classes, for ASCII bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Empty,
    Hard,
    Soft,
    Number,
    Upper,
    Lower,
}

const fn class(b: u8) -> Class {
    match b {
        0 => Class::Empty,
        b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Class::Hard,
        b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => Class::Soft,
        b'0'..=b'9' => Class::Number,
        b'A'..=b'Z' => Class::Upper,
        _ => Class::Lower,
    }
}

/// The in-place bonus depends on the previous byte's class and on whether
/// this byte is an upper-case letter: one small table per previous byte.
const PREV_BONUS: [[i8; 2]; 256] = {
    let mut t = [[0i8; 2]; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match class(b as u8) {
            Class::Empty | Class::Hard => [8, 8],
            Class::Soft => [7, 7],
            Class::Lower | Class::Number => [0, 6],
            Class::Upper => [0, 0],
        };
        b += 1;
    }
    t
};

/// SkimMatcherV2's in-place bonus of `cur` after `prev`: head 8, break 7,
/// camel 6, else 0.
#[inline(always)]
fn in_place_bonus(prev: u8, cur: u8) -> i64 {
    PREV_BONUS[prev as usize][usize::from(cur.is_ascii_uppercase())] as i64
}

/// SkimMatcherV2's linear-path score (`element_limit(1)`, case
/// respected), step for step, for an ASCII `hay` and pattern: the leftmost
/// greedy match, a backward pass that (as in fuzzy-matcher 0.3) takes a
/// window-relative index for the window's start, then one scoring pass.
/// The engine uses it to rank cheaply and asks the matcher itself only for
/// the items that make the top k; tests check the two agree.
fn skim_linear(hay: &[u8], p: &[u8]) -> Option<i64> {
    let (&p0, _) = p.split_first()?;
    let first = memchr::memchr(p0, hay)?;
    let mut last = first;
    for &c in &p[1..] {
        let o = memchr::memchr(c, hay.get(last + 1..)?)?;
        last += o + 1;
    }
    if p.len() == 1 {
        let prev = if first == 0 { 0 } else { hay[first - 1] };
        return Some(in_place_bonus(prev, hay[first]));
    }
    // The backward pass, a char at a time in fuzzy-matcher; the same
    // greedy choice with memrchr. Its result is an index relative to
    // `first`, used (as there) as an absolute one.
    let mut start = first;
    let mut upto = last + 1;
    for &c in p.iter().rev() {
        match memchr::memrchr(c, &hay[first..upto]) {
            Some(o) => {
                start = o;
                upto = first + o;
            }
            None => break,
        }
    }
    // The scoring pass: a gap of `g` chars costs 3 + g, and the char after
    // it earns no bonus.
    let mut sc = Scoring::new(start);
    for &c in p {
        let Some(o) = memchr::memchr(c, &hay[sc.pos..=last]) else {
            let rest = (last + 1 - sc.pos) as i64;
            if rest > 0 {
                sc.score -= rest + if sc.in_gap { 0 } else { 3 };
            }
            return Some(sc.score);
        };
        sc.matched(hay, sc.pos + o, c);
    }
    Some(sc.score)
}

/// The state of SkimMatcherV2's linear scoring pass, shared by
/// `skim_linear` and `skim_fast` (they differ only in how they find the
/// matched positions).
struct Scoring {
    score: i64,
    in_gap: bool,
    prev_bonus: i64,
    /// The window's start (no char before it counts).
    start: usize,
    /// Just past the last matched byte.
    pos: usize,
}

impl Scoring {
    fn new(start: usize) -> Scoring {
        Scoring {
            score: 0,
            in_gap: false,
            prev_bonus: 0,
            start,
            pos: start,
        }
    }

    /// Pattern byte `c` matched at `j` (at or after `pos`): a gap of `g`
    /// bytes before it costs 3 + g, and a byte after a gap earns no bonus.
    #[inline(always)]
    fn matched(&mut self, hay: &[u8], j: usize, c: u8) {
        let o = j - self.pos;
        if o > 0 {
            self.score -= o as i64 + if self.in_gap { 0 } else { 3 };
            self.in_gap = true;
            self.prev_bonus = 0;
        }
        let prev = if j == self.start { 0 } else { hay[j - 1] };
        let cb = self.prev_bonus.max(in_place_bonus(prev, c).max(4));
        self.prev_bonus = cb;
        self.score += 16 + if self.in_gap { 0 } else { cb };
        self.in_gap = false;
        self.pos = j + 1;
    }
}

/// `skim_linear` in fewer passes, for patterns of up to `FAST_MAX` bytes:
/// the forward pass records where each pattern byte matched; the backward
/// pass walks the window byte by byte; the scoring pass is arithmetic on
/// positions when it would retrace the forward match (its start, a
/// window-relative index used as an absolute one, is at or before the
/// first match; the common case), else one more walk. Short items make
/// plain byte loops cheaper than a memchr call per pattern byte and pass.
#[inline]
fn skim_fast(hay: &[u8], p: &[u8]) -> Option<i64> {
    let m = p.len();
    if m <= 1 || m > FAST_MAX {
        return skim_linear(hay, p);
    }
    let mut at = [0usize; FAST_MAX];
    let first = memchr::memchr(p[0], hay)?;
    at[0] = first;
    let mut k = 1;
    let mut j = first + 1;
    while k < m {
        let c = p[k];
        loop {
            let &b = hay.get(j)?;
            j += 1;
            if b == c {
                break;
            }
        }
        at[k] = j - 1;
        k += 1;
    }
    let last = at[m - 1];
    // Backward: the rightmost match ending at `last`, inside `first..=last`.
    let mut k = m - 1;
    let mut j = last;
    let start = loop {
        if hay[j] == p[k] {
            if k == 0 {
                break j - first;
            }
            k -= 1;
        }
        if j == first {
            // Unreachable (the forward match lies inside), kept exact anyway.
            return skim_linear(hay, p);
        }
        j -= 1;
    };
    if start > first {
        // The scoring pass matches afresh from `start`.
        let mut j = start;
        for (k, &c) in p.iter().enumerate() {
            loop {
                let Some(&b) = hay.get(j).filter(|_| j <= last) else {
                    return skim_linear(hay, p);
                };
                j += 1;
                if b == c {
                    break;
                }
            }
            at[k] = j - 1;
        }
    }
    let mut sc = Scoring::new(start);
    for (k, &c) in p.iter().enumerate() {
        sc.matched(hay, at[k], c);
    }
    Some(sc.score)
}

/// Longest pattern `skim_fast` handles itself (a stack array of positions).
const FAST_MAX: usize = 32;

use score::span_min;

/// What is known of one term's score (or of the phrase bonus) in one
/// item: `val` is the exact score at level `EXACT`, else an upper bound.
/// Most items of a short query cannot reach the top k, and the cheap
/// levels show it without scoring them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Est {
    val: i64,
    level: u8,
}

impl Est {
    /// Nothing known (non-ASCII items: the matcher decides later).
    const NONE: u8 = 0;
    /// A term: its matcher score is known, `val` adds the largest
    /// verbatim and whole-word bonus (8 a byte). The phrase: `val` is its
    /// largest bonus.
    const BOUND: u8 = 1;
    /// A term: it matches, and `val` bounds its score by where its first
    /// byte first occurs ([`first_bound`]). The phrase: it is not verbatim,
    /// `val` is the in-order bonus.
    const LOOSE: u8 = 2;
    const EXACT: u8 = 3;
    const UNKNOWN: Est = Est {
        val: 0,
        level: Est::NONE,
    };

    fn exact(val: i64) -> Est {
        Est {
            val,
            level: Est::EXACT,
        }
    }

    /// A matching term of `len` bytes whose matcher score is `skim`.
    fn skim(skim: i64, len: usize) -> Est {
        Est {
            val: skim + max_literal(len),
            level: Est::BOUND,
        }
    }

    /// Packs into an i32 for the per-candidate table kept between queries;
    /// a value out of range is simply forgotten (worked out again if needed).
    fn encode(self) -> i32 {
        const LIM: i64 = 1 << 28;
        if (-LIM..LIM).contains(&self.val) {
            (self.val as i32) << 2 | i32::from(self.level)
        } else {
            0
        }
    }

    fn decode(x: i32) -> Est {
        Est {
            val: i64::from(x >> 2),
            level: (x & 3) as u8,
        }
    }
}

/// One term in one candidate, kept for the next query: an encoded [`Est`],
/// and where the term's greedy match starts and ends (`FWD_NONE` if
/// unknown), so a longer term can carry on from there.
#[derive(Clone, Copy, Debug)]
struct Cell {
    est: i32,
    fwd: u32,
}

const FWD_NONE: u32 = u32::MAX;

/// Packs a greedy match's first and last byte (items past 64 KiB are
/// simply not carried over).
#[inline]
fn pack_fwd(first: usize, last: usize) -> u32 {
    if last < 0xFFFF {
        (first as u32) << 16 | last as u32
    } else {
        FWD_NONE
    }
}

/// An upper bound of SkimMatcherV2's linear-path score for a term of `m`
/// bytes (m ≥ 2) whose first byte first occurs at `first`. Its scoring
/// pass starts at a window-relative index used as an absolute one, at most
/// `last - m + 1 - first`, and runs to `last`, so it skips at least `first`
/// bytes; if any, there is a gap, costing 3 plus a byte per skipped byte,
/// and the byte after it earns no bonus (up to 8). Tested against the port.
#[inline]
fn first_bound(m: usize, first: usize) -> i64 {
    let m = m as i64;
    if first == 0 {
        24 * m
    } else {
        24 * m - 11 - first as i64
    }
}

/// The largest verbatim plus whole-word bonus of a term of `len` bytes.
#[inline]
fn max_literal(len: usize) -> i64 {
    (score::CONTIG_PER_BYTE + score::WORD_PER_BYTE) * len as i64
}

/// Orders (score, item) as the ranking does, higher is better: score
/// first, then the earlier item. Scores beyond i32 saturate, which keeps
/// the order wherever it matters (no real score comes near).
#[inline]
fn rank_key(score: i64, item: u32) -> u64 {
    let s = score.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) - i64::from(i32::MIN);
    ((s as u64) << 32) | u64::from(u32::MAX - item)
}

/// Does ASCII term `t` match ASCII item `hb` (whose mask holds the term's)?
/// If so, what is known cheaply of its score, and (`fwd`) where its greedy
/// match lies. `from` is a shorter term's greedy match and length when
/// `t` extends it: the match carries on from there.
#[inline]
fn match_fast(hb: &[u8], t: &PlannedTerm, from: Option<(u32, usize)>, fwd: &mut u32) -> Option<Est> {
    let tb = t.term.text.as_bytes();
    let m = tb.len();
    if t.term.exact {
        t.finder.find(hb)?;
        return Some(Est::skim(skim_fast(hb, tb)?, m));
    }
    if let [c] = *tb {
        // One byte: the matcher scores its first occurrence's bonus.
        let p = memchr::memchr(c, hb)?;
        *fwd = pack_fwd(p, p);
        let prev = if p == 0 { 0 } else { hb[p - 1] };
        return Some(Est::skim(in_place_bonus(prev, c), 1));
    }
    let (first, mut j, mut k) = match from {
        Some((f, len)) if len < m => ((f >> 16) as usize, (f & 0xFFFF) as usize + 1, len),
        _ => {
            let first = memchr::memchr(tb[0], hb)?;
            (first, first + 1, 1)
        }
    };
    while k < m {
        j += memchr::memchr(tb[k], hb.get(j..)?)? + 1;
        k += 1;
    }
    *fwd = pack_fwd(first, j - 1);
    Some(Est {
        val: first_bound(m, first) + max_literal(m),
        level: Est::LOOSE,
    })
}

/// One step closer to an item's exact score, cheapest first: the phrase
/// verbatim (one substring search), a term's matcher score, a term's
/// verbatim and whole-word bonus (a substring search), the phrase's
/// in-order test. ASCII item and terms.
fn refine(hay: &str, terms: &[PlannedTerm], ests: &mut [Est], phrase: Option<&Finder>, ph: &mut Est) {
    let hb = hay.as_bytes();
    if ph.level == Est::BOUND {
        if let Some(f) = phrase {
            let n = f.needle().len() as i64;
            *ph = if f.find(hb).is_some() {
                Est::exact((score::PHRASE_PER_BYTE + score::ORDER_PER_BYTE) * n)
            } else {
                Est {
                    val: score::ORDER_PER_BYTE * n,
                    level: Est::LOOSE,
                }
            };
            return;
        }
    }
    for (e, t) in ests.iter_mut().zip(terms) {
        if e.level == Est::LOOSE {
            let tb = t.term.text.as_bytes();
            *e = Est::skim(skim_fast(hb, tb).unwrap_or(0), tb.len());
            return;
        }
    }
    for (e, t) in ests.iter_mut().zip(terms) {
        if e.level == Est::BOUND {
            let skim = e.val - max_literal(t.term.text.len());
            *e = Est::exact(skim + score::literal_bonus_with(hay, &t.finder));
            return;
        }
    }
    if ph.level == Est::LOOSE {
        if let Some(f) = phrase {
            let p = f.needle();
            *ph = Est::exact(if score::within(hb, p, p.len() * 3 / 2) {
                score::ORDER_PER_BYTE * p.len() as i64
            } else {
                0
            });
            return;
        }
    }
    // Only reached if a caller asks past exactness: settle everything.
    *ph = Est::exact(score::phrase_bonus_with(hay, phrase));
    for (e, t) in ests.iter_mut().zip(terms) {
        if e.level != Est::EXACT {
            *e = Est::exact(
                skim_linear(hb, t.term.text.as_bytes()).unwrap_or(0)
                    + score::literal_bonus_with(hay, &t.finder),
            );
        }
    }
}

/// Keeps, for the next query, what is known of each term in a candidate
/// (when `keep`; see `Piece::cells`).
#[inline]
fn keep_cells(cells: &mut Vec<Cell>, keep: bool, ests: &[Est], fwds: &[u32]) {
    if keep {
        cells.extend(
            ests.iter()
                .zip(fwds)
                .map(|(e, &fwd)| Cell { est: e.encode(), fwd }),
        );
    }
}

/// Heap entry ordered so the top is the worst kept hit.
type Entry = (Reverse<i64>, u32);

struct ChunkOut {
    /// The first chunk folded in (outputs are put back in chunk order).
    first: usize,
    cands: Vec<u32>,
    /// What is known of each term in each candidate (`Piece::cells`).
    cells: Vec<Cell>,
    /// ASCII queries: (upper bound of score, item) for every match whose
    /// score is not known exactly.
    pool: Vec<(i64, u32)>,
    /// ASCII queries: the chunk's best matches whose score is known exactly
    /// (any item outside it has `limit` better ones in this chunk alone).
    exact: BinaryHeap<Entry>,
    /// Other queries: the chunk's best, fully scored.
    top: BinaryHeap<Entry>,
    matched: usize,
    /// Only queries with non-ASCII terms need the matcher in pass 1.
    matcher: Option<SkimMatcherV2>,
}

impl ChunkOut {
    /// Would (score, item) rank below what is already known to be in the
    /// top k (this worker's k-th best, or any worker's)?
    #[inline]
    fn hopeless(&self, global: &AtomicU64, limit: usize, score: i64, item: u32) -> bool {
        let key = rank_key(score, item);
        key < global.load(Ordering::Relaxed)
            || (self.exact.len() >= limit
                && self
                    .exact
                    .peek()
                    .is_some_and(|&(Reverse(s), w)| key < rank_key(s, w)))
    }
}

/// One item's score, or None if the matcher rejects it.
fn score_item(
    m: &SkimMatcherV2,
    hay: &str,
    terms: &[PlannedTerm],
    typo_hit: &[bool],
    phrase: Option<&Finder>,
) -> Option<i64> {
    let mut total = score::phrase_bonus_with(hay, phrase);
    for (ti, t) in terms.iter().enumerate() {
        if typo_hit[ti] {
            total += score::typo_score(&t.term.text);
        } else {
            total += score::term_score(m, hay, t.term)?;
        }
    }
    Some(total)
}

/// Which terms of a matching item matched only as typos.
fn typo_hits(hay: &str, terms: &[PlannedTerm], out: &mut [bool]) {
    let hb = hay.as_bytes();
    for (ti, t) in terms.iter().enumerate() {
        out[ti] = !t.typos.is_empty() && !prefilter(hb, t);
    }
}

#[allow(clippy::too_many_arguments)]
fn scan(
    src: &Source,
    store: &Store,
    q: &Query,
    terms: &[PlannedTerm],
    filters: &Resolved,
    narrowed: Option<&Narrow>,
    limit: usize,
    typo_mode: bool,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<(Found, Cands)> {
    let need: u32 = terms.iter().fold(0, |m, t| m | t.mask);
    let all_ascii = terms.iter().all(|t| t.ascii);
    // A query of one-byte terms passes nearly every item, and the next
    // query finds such a term's match there again in a step. (A non-ASCII
    // query's cells hold nothing the matcher would not work out again.)
    let cells = all_ascii && terms.iter().any(|t| t.term.text.len() > 1);
    let phrase = score::phrase(&q.terms);
    let phrase = phrase.as_deref().map(|p| Finder::new(p.as_bytes()));
    let phrase = phrase.as_ref();
    let excludes: Vec<Finder> = q.exclude.iter().map(|x| Finder::new(x.as_bytes())).collect();
    let cancelled = AtomicBool::new(false);
    let stop = || {
        if cancelled.load(Ordering::Relaxed) || cancel() {
            cancelled.store(true, Ordering::Relaxed);
            true
        } else {
            false
        }
    };
    // Runs of at most CHUNK positions: of the items, or of a piece of the
    // previous candidates.
    let runs: Vec<(usize, usize, usize)> = match narrowed {
        Some(nw) => nw.cands.runs(),
        None => runs_of(0, store.len()).collect(),
    };

    // The k-th best (score, item) any worker has found so far: an item
    // whose bound ranks below it cannot enter the top k.
    let global = AtomicU64::new(0);
    let phrase_len = phrase.map(|f| f.needle().len() as i64).unwrap_or(0);

    // Pass 1: which items match; for ASCII queries in ASCII items, the
    // score too, but only as far as it takes to tell that an item cannot
    // enter the top k (see `Est`). Each worker folds a run of consecutive
    // chunks into one output, so its k-th best rises as it goes.
    let mut outs: Vec<ChunkOut> = (0..runs.len())
        .into_par_iter()
        .fold(
            || ChunkOut {
                first: usize::MAX,
                cands: Vec::new(),
                cells: Vec::new(),
                pool: Vec::new(),
                exact: BinaryHeap::new(),
                top: BinaryHeap::new(),
                matched: 0,
                matcher: None,
            },
            |mut out, c| {
                if stop() {
                    return out;
                }
                out.first = out.first.min(c);
                let (p, start, end) = runs[c];
                let piece = narrowed.and_then(|nw| nw.cands.pieces.get(p));
                let mut typo_hit = vec![false; terms.len()];
                let mut ests: Vec<Est> = vec![Est::UNKNOWN; terms.len()];
                let mut fwds: Vec<u32> = vec![FWD_NONE; terms.len()];
                // The run's items that pass their masks and filters, then
                // their folded texts (see `Reader`).
                let mut reader = Reader::new(store);
                let mut ks: Vec<usize> = Vec::with_capacity(end - start);
                for k in start..end {
                    let i = match piece {
                        Some(pc) => pc.items[k] as usize,
                        None => k,
                    };
                    let mask = store.masks[i];
                    if !typo_mode && mask & need != need {
                        continue;
                    }
                    if !filters.is_empty() && !filters.passes(src, i) {
                        continue;
                    }
                    reader.push(i);
                    ks.push(k);
                }
                for (j, &k) in ks.iter().enumerate() {
                    let (i, hay) = reader.read(j);
                    let mask = store.masks[i];
                    let hb = hay.as_bytes();
                    if excludes.iter().any(|x| x.find(hb).is_some()) {
                        continue;
                    }
                    // ASCII terms in an ASCII item: the byte port of the
                    // matcher decides the match and scores it.
                    let fast = all_ascii && mask & NON_ASCII_BITS == 0;
                    let mut ok = true;
                    for (ti, t) in terms.iter().enumerate() {
                        typo_hit[ti] = false;
                        ests[ti] = Est::UNKNOWN;
                        fwds[ti] = FWD_NONE;
                        let mut from = None;
                        if let (Some(nw), Some(pc)) = (narrowed, piece) {
                            // The same term matched this item last time.
                            if let Some(c) = nw.cols[ti] {
                                if let Some(cell) = pc.cells.get(k * nw.stride + c) {
                                    let e = Est::decode(cell.est);
                                    if e.level != Est::NONE {
                                        ests[ti] = e;
                                        fwds[ti] = cell.fwd;
                                        continue;
                                    }
                                }
                            }
                            // A term it extends matched: carry on from there.
                            if let Some((c, len)) = nw.ext[ti] {
                                let f = pc.cells.get(k * nw.stride + c).map_or(FWD_NONE, |cell| cell.fwd);
                                if f != FWD_NONE {
                                    from = Some((f, len));
                                }
                            }
                        }
                        if mask & t.mask == t.mask {
                            if fast {
                                if let Some(e) = match_fast(hb, t, from, &mut fwds[ti]) {
                                    ests[ti] = e;
                                    continue;
                                }
                            } else if prefilter(hb, t) {
                                continue;
                            }
                        }
                        if !t.typos.is_empty() && score::words(hay).any(|(_, w)| t.typos.contains(w)) {
                            typo_hit[ti] = true;
                            ests[ti] = Est::exact(score::typo_score(&t.term.text));
                            continue;
                        }
                        ok = false;
                        break;
                    }
                    if !ok {
                        continue;
                    }
                    out.cands.push(i as u32);
                    if !all_ascii {
                        // No cells: see `cells` above.
                        let m = out.matcher.get_or_insert_with(score::matcher);
                        let Some(total) = score_item(m, hay, terms, &typo_hit, phrase) else {
                            continue;
                        };
                        out.matched += 1;
                        if out.top.len() < limit {
                            out.top.push((Reverse(total), i as u32));
                        } else if beats(total, i as u32, out.top.peek()) {
                            out.top.pop();
                            out.top.push((Reverse(total), i as u32));
                        }
                        continue;
                    }
                    // ASCII terms: the prefilter decided, this is a match.
                    out.matched += 1;
                    if limit == 0 {
                        keep_cells(&mut out.cells, cells, &ests, &fwds);
                        continue;
                    }
                    if !fast {
                        keep_cells(&mut out.cells, cells, &ests, &fwds);
                        let mut bound = score::phrase_bonus_with(hay, phrase);
                        for (ti, t) in terms.iter().enumerate() {
                            bound += if typo_hit[ti] {
                                score::typo_score(&t.term.text)
                            } else {
                                let lit = score::literal_bonus_with(hay, &t.finder);
                                skim_bound(hb, t.term.text.as_bytes(), lit > 0) + lit
                            };
                        }
                        if !out.hopeless(&global, limit, bound, i as u32) {
                            out.pool.push((bound, i as u32));
                        }
                        continue;
                    }
                    let mut ph = match phrase {
                        Some(_) => Est {
                            val: (score::PHRASE_PER_BYTE + score::ORDER_PER_BYTE) * phrase_len,
                            level: Est::BOUND,
                        },
                        None => Est::exact(0),
                    };
                    let total = loop {
                        let total = ph.val + ests.iter().map(|e| e.val).sum::<i64>();
                        if ph.level == Est::EXACT && ests.iter().all(|e| e.level == Est::EXACT) {
                            break Some(total);
                        }
                        if out.hopeless(&global, limit, total, i as u32) {
                            break None;
                        }
                        refine(hay, terms, &mut ests, phrase, &mut ph);
                    };
                    keep_cells(&mut out.cells, cells, &ests, &fwds);
                    if let Some(total) = total {
                        if out.exact.len() < limit {
                            out.exact.push((Reverse(total), i as u32));
                        } else if beats(total, i as u32, out.exact.peek()) {
                            out.exact.pop();
                            out.exact.push((Reverse(total), i as u32));
                        } else {
                            continue;
                        }
                        if out.exact.len() >= limit {
                            if let Some(&(Reverse(s), w)) = out.exact.peek() {
                                global.fetch_max(rank_key(s, w), Ordering::Relaxed);
                            }
                        }
                    }
                }
                out
            },
        )
        .collect();
    if cancelled.load(Ordering::Relaxed) {
        return None;
    }
    // Candidates stay in item order (outputs in the order of their runs),
    // so the next query reads the store front to back.
    outs.sort_by_key(|o| o.first);
    let mut pieces = Vec::with_capacity(outs.len());
    let mut matched = 0;
    let mut hits: Vec<(usize, i64)> = Vec::new();
    let mut pool: Vec<(i64, u32)> =
        Vec::with_capacity(outs.iter().map(|o| o.pool.len() + o.exact.len()).sum());
    for o in outs {
        if !o.cands.is_empty() {
            debug_assert!(o.cells.is_empty() || o.cells.len() == o.cands.len() * terms.len());
            // Not shrunk to their length: the capacity past it was never
            // touched, so it is not resident, and shrinking copied them
            // (bench's peak at a million sentences rose by about 6 MB).
            pieces.push(Piece {
                items: o.cands,
                cells: o.cells,
            });
        }
        matched += o.matched;
        pool.extend_from_slice(&o.pool);
        pool.extend(o.exact.into_iter().map(|(Reverse(b), i)| (b, i)));
        hits.extend(o.top.into_iter().map(|(Reverse(s), i)| (i as usize, s)));
    }

    // Pass 2 (ASCII): score the items with the best bounds; then every
    // item whose bound reaches the k-th score found, and no other can
    // enter the top k.
    if limit > 0 && !pool.is_empty() {
        let first = (limit * 2).min(pool.len());
        if first < pool.len() {
            pool.select_nth_unstable_by(first - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        let (head, tail) = pool.split_at(first);
        let mut scored = score_list(store, terms, phrase, head, &stop)?;
        keep_best(&mut scored, limit);
        if scored.len() >= limit {
            let kth = scored[limit - 1].1;
            // A tie ranks by item order, so one after the k-th cannot enter.
            let kth_item = scored[limit - 1].0 as u32;
            let more: Vec<(i64, u32)> = tail
                .iter()
                .copied()
                .filter(|b| b.0 > kth || (b.0 == kth && b.1 < kth_item))
                .collect();
            if std::env::var_os("BRIEFING_SEARCH_DEBUG").is_some() {
                eprintln!("pool {} kth {kth} rescoring {}", pool.len(), more.len());
            }
            scored.extend(score_list(store, terms, phrase, &more, &stop)?);
            keep_best(&mut scored, limit);
        }
        hits.extend(scored);
    }
    keep_best(&mut hits, limit);
    Some((
        Found {
            hits,
            matched,
            typo: false,
        },
        Cands { pieces },
    ))
}

/// Sorts best first (score, then item order) and keeps `limit`.
fn keep_best(hits: &mut Vec<(usize, i64)>, limit: usize) {
    hits.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    hits.truncate(limit);
}

/// Scores the listed items (all known matches) on every core.
fn score_list(
    store: &Store,
    terms: &[PlannedTerm],
    phrase: Option<&Finder>,
    list: &[(i64, u32)],
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<(usize, i64)>> {
    let out: Vec<Vec<(usize, i64)>> = list
        .par_chunks(256)
        .map_init(
            || (score::matcher(), vec![false; terms.len()], String::new()),
            |(m, typo_hit, buf), part| {
                if stop() {
                    return Vec::new();
                }
                part.iter()
                    .filter_map(|&(_, i)| {
                        let hay = store.item(i as usize, buf);
                        typo_hits(hay, terms, typo_hit);
                        score_item(m, hay, terms, typo_hit, phrase).map(|s| (i as usize, s))
                    })
                    .collect()
            },
        )
        .collect();
    if stop() {
        return None;
    }
    Some(out.into_iter().flatten().collect())
}

/// Would (score, item) rank above the worst kept hit?
#[inline]
fn beats(score: i64, item: u32, worst: Option<&Entry>) -> bool {
    match worst {
        None => true,
        Some((Reverse(ws), wi)) => score > *ws || (score == *ws && item < *wi),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_score_agrees_with_the_matcher() {
        use fuzzy_matcher::FuzzyMatcher;
        let m = score::matcher();
        let hays = [
            "the new migration policy",
            "migrant de-emphasize \"quoted\" petro said policy migration",
            "a1b2 c-d/e(f)g [h] {i} j_k l~m n:o p'q",
            "mmmiiiggg migr mig mi m",
            "x",
            "officials in riverton in recent days described the compromise",
        ];
        let pats = [
            "m", "mi", "migratn", "polcy", "petro", "said", "e", "luca", "-d", "i}", "x", "zz", "ab", "g",
        ];
        for h in hays {
            for p in pats {
                assert_eq!(
                    skim_linear(h.as_bytes(), p.as_bytes()),
                    m.fuzzy_match(h, p),
                    "{p:?} in {h:?}"
                );
                assert_eq!(
                    skim_fast(h.as_bytes(), p.as_bytes()),
                    m.fuzzy_match(h, p),
                    "fast: {p:?} in {h:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn linear_score_agrees_on_random_ascii(
            hay in "[abm 1A/(.'_~:-]{0,90}",
            pat in "[abm 1/.'-]{1,6}",
        ) {
            use fuzzy_matcher::FuzzyMatcher;
            let m = score::matcher();
            proptest::prop_assert_eq!(skim_linear(hay.as_bytes(), pat.as_bytes()), m.fuzzy_match(&hay, &pat));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]
        #[test]
        fn fast_score_agrees_with_the_linear_port(
            hay in "[abcm -]{0,120}",
            pat in "[abcm -]{1,8}",
        ) {
            proptest::prop_assert_eq!(skim_fast(hay.as_bytes(), pat.as_bytes()), skim_linear(hay.as_bytes(), pat.as_bytes()));
        }

        #[test]
        fn first_bound_bounds_the_score(
            hay in "[abcm -]{0,120}",
            pat in "[abcm -]{2,8}",
        ) {
            if let Some(sc) = skim_linear(hay.as_bytes(), pat.as_bytes()) {
                let first = memchr::memchr(pat.as_bytes()[0], hay.as_bytes()).unwrap_or(0);
                proptest::prop_assert!(sc <= first_bound(pat.len(), first), "{} > bound", sc);
            }
        }

        #[test]
        fn carried_match_equals_a_fresh_one(
            hay in "[abcm -]{0,80}",
            pat in "[abcm -]{2,8}",
            cut in 1usize..8,
        ) {
            // Matching a term from its prefix's match gives what matching it afresh gives.
            let plan_of = |t: &str| plan_owned(t);
            let cut = cut.min(pat.len() - 1);
            let (short, long) = (plan_of(&pat[..cut]), plan_of(&pat));
            let mut f_short = FWD_NONE;
            let mut f_fresh = FWD_NONE;
            let mut f_carried = FWD_NONE;
            let fresh = match_fast(hay.as_bytes(), &long.as_planned(), None, &mut f_fresh);
            if match_fast(hay.as_bytes(), &short.as_planned(), None, &mut f_short).is_some() && f_short != FWD_NONE {
                let carried = match_fast(hay.as_bytes(), &long.as_planned(), Some((f_short, cut)), &mut f_carried);
                proptest::prop_assert_eq!(carried, fresh);
                if fresh.is_some() {
                    proptest::prop_assert_eq!(f_carried, f_fresh);
                }
            } else {
                proptest::prop_assert!(fresh.is_none());
            }
        }

        #[test]
        fn fast_score_agrees_with_the_matcher(
            hay in "[abm 1A/(.'_~:-]{0,90}",
            pat in "[abm 1/.'-]{1,6}",
        ) {
            use fuzzy_matcher::FuzzyMatcher;
            let m = score::matcher();
            proptest::prop_assert_eq!(skim_fast(hay.as_bytes(), pat.as_bytes()), m.fuzzy_match(&hay, &pat));
        }
    }

    /// A term and its plan, owned together for tests.
    struct Owned(Term);

    impl Owned {
        fn as_planned(&self) -> PlannedTerm<'_> {
            plan(&self.0)
        }
    }

    fn plan_owned(t: &str) -> Owned {
        Owned(Term {
            text: t.to_string(),
            exact: false,
        })
    }

    #[test]
    fn span_min_finds_the_tightest_window() {
        assert_eq!(span_min(b"p x e t r o", b"petro"), 11);
        assert_eq!(span_min(b"p x e t r o petro", b"petro"), 5);
        assert_eq!(span_min(b"pp e", b"pe"), 3);
        assert_eq!(span_min(b"abc", b"x"), usize::MAX);
    }

    #[test]
    fn byte_subsequence_agrees_with_the_plain_one() {
        for (a, b) in [
            ("mgr", "migration"),
            ("mgx", "migration"),
            ("", "x"),
            ("aa", "a"),
            ("ab", "ba"),
        ] {
            assert_eq!(
                subsequence(a.as_bytes(), b.as_bytes()),
                super::super::query::is_subsequence(a.as_bytes(), b.as_bytes())
            );
        }
    }
}
