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
use super::store::{mask_of, Source, Store};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};

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
    mask: u64,
    ascii: bool,
    /// Highest score SkimMatcherV2 can give this term in any item.
    max_skim: i64,
    /// Words one edit away, in typo mode.
    typos: HashSet<&'a str>,
}

pub struct Engine {
    src: Source,
    store: Store,
    /// The last complete query and every item that passed its prefilters.
    last: Option<(Query, Vec<u32>)>,
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
        let filters = Resolved::new(&q, &self.src);
        let narrowed = match &self.last {
            Some((pq, c)) if q.narrows(pq) => Some(c.as_slice()),
            _ => None,
        };
        let m = score::matcher();
        let planned: Vec<PlannedTerm> = q.terms.iter().map(|t| plan(&m, t)).collect();
        let (found, cands) = scan(
            &self.src,
            &self.store,
            &q,
            &planned,
            &filters,
            narrowed,
            limit,
            false,
            cancel,
        )?;
        if found.matched > 0 || !q.terms.iter().any(score::typo_eligible) {
            self.last = Some((q, cands));
            return Some(found);
        }
        // Nothing matched: try words one edit away from each long term.
        self.last = None;
        let vocab = self.vocab.get_or_insert_with(|| build_vocab(&self.store));
        let planned: Vec<PlannedTerm> = q
            .terms
            .iter()
            .map(|t| {
                let mut p = plan(&m, t);
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

fn plan<'a>(m: &SkimMatcherV2, t: &'a Term) -> PlannedTerm<'a> {
    PlannedTerm {
        term: t,
        mask: mask_of(t.text.as_bytes()),
        ascii: t.text.is_ascii(),
        max_skim: m.fuzzy_match(&t.text, &t.text).unwrap_or(i64::MAX / 4),
        typos: HashSet::new(),
    }
}

/// Distinct words long enough to be someone's typo target.
fn build_vocab(store: &Store) -> Vec<String> {
    let sets: Vec<HashSet<&str>> = (0..store.len())
        .into_par_iter()
        .with_min_len(CHUNK)
        .fold(HashSet::new, |mut set, i| {
            for (_, w) in score::words(store.item(i)) {
                if w.len() + 1 >= TYPO_MIN_LEN {
                    set.insert(w);
                }
            }
            set
        })
        .collect();
    let mut all: HashSet<&str> = HashSet::new();
    for s in sets {
        all.extend(s);
    }
    let mut v: Vec<String> = all.into_iter().map(str::to_string).collect();
    v.sort();
    v
}

/// Does folded term `t` match at all in `hay` by the fast test? For an ASCII
/// fuzzy term this is exact; for others SkimMatcherV2 has the last word.
#[inline]
fn prefilter(hay: &[u8], t: &PlannedTerm) -> bool {
    if t.term.exact {
        memchr::memmem::find(hay, t.term.text.as_bytes()).is_some()
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

/// Heap entry ordered so the top is the worst kept hit.
type Entry = (Reverse<i64>, u32);

struct ChunkOut {
    cands: Vec<u32>,
    top: BinaryHeap<Entry>,
    matched: usize,
}

#[allow(clippy::too_many_arguments)]
fn scan(
    src: &Source,
    store: &Store,
    q: &Query,
    terms: &[PlannedTerm],
    filters: &Resolved,
    narrowed: Option<&[u32]>,
    limit: usize,
    typo_mode: bool,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<(Found, Vec<u32>)> {
    let need: u64 = terms.iter().fold(0, |m, t| m | t.mask);
    let all_ascii = terms.iter().all(|t| t.ascii);
    let phrase = score::phrase(&q.terms);
    let max_skim: i64 = terms.iter().map(|t| t.max_skim).sum();
    let cancelled = AtomicBool::new(false);
    let n = narrowed.map(|c| c.len()).unwrap_or(store.len());
    let chunks = n.div_ceil(CHUNK);

    let outs: Vec<ChunkOut> = (0..chunks)
        .into_par_iter()
        .map_init(score::matcher, |m, c| {
            let mut out = ChunkOut {
                cands: Vec::new(),
                top: BinaryHeap::with_capacity(limit.min(CHUNK) + 1),
                matched: 0,
            };
            if cancelled.load(Ordering::Relaxed) || cancel() {
                cancelled.store(true, Ordering::Relaxed);
                return out;
            }
            let range = c * CHUNK..((c + 1) * CHUNK).min(n);
            let mut typo_hit = vec![false; terms.len()];
            for k in range {
                let i = match narrowed {
                    Some(list) => list[k] as usize,
                    None => k,
                };
                let mask = store.masks[i];
                if !typo_mode && mask & need != need {
                    continue;
                }
                if !filters.is_empty() && !filters.passes(src, i) {
                    continue;
                }
                let hay = store.item(i);
                let hb = hay.as_bytes();
                if q.exclude
                    .iter()
                    .any(|x| memchr::memmem::find(hb, x.as_bytes()).is_some())
                {
                    continue;
                }
                let mut ok = true;
                for (ti, t) in terms.iter().enumerate() {
                    typo_hit[ti] = false;
                    if mask & t.mask == t.mask && prefilter(hb, t) {
                        continue;
                    }
                    if !t.typos.is_empty() && score::words(hay).any(|(_, w)| t.typos.contains(w)) {
                        typo_hit[ti] = true;
                        continue;
                    }
                    ok = false;
                    break;
                }
                if !ok {
                    continue;
                }
                out.cands.push(i as u32);
                // With ASCII terms the prefilter decided; otherwise the
                // matcher must confirm, so score everything.
                if all_ascii {
                    out.matched += 1;
                    if limit == 0 {
                        continue;
                    }
                    if out.top.len() >= limit {
                        let mut bound = max_skim + score::phrase_bonus(hay, phrase.as_deref());
                        for (ti, t) in terms.iter().enumerate() {
                            if !typo_hit[ti] {
                                bound += score::literal_bonus(hay, &t.term.text);
                            } else {
                                bound += score::typo_score(&t.term.text) - t.max_skim;
                            }
                        }
                        if !beats(bound, i as u32, out.top.peek()) {
                            continue;
                        }
                    }
                }
                let mut total = score::phrase_bonus(hay, phrase.as_deref());
                let mut matched = true;
                for (ti, t) in terms.iter().enumerate() {
                    if typo_hit[ti] {
                        total += score::typo_score(&t.term.text);
                        continue;
                    }
                    match score::term_score(m, hay, t.term) {
                        Some(s) => total += s,
                        None => {
                            matched = false;
                            break;
                        }
                    }
                }
                if !matched {
                    continue;
                }
                if !all_ascii {
                    out.matched += 1;
                }
                if out.top.len() < limit {
                    out.top.push((Reverse(total), i as u32));
                } else if beats(total, i as u32, out.top.peek()) {
                    out.top.pop();
                    out.top.push((Reverse(total), i as u32));
                }
            }
            out
        })
        .collect();
    if cancelled.load(Ordering::Relaxed) {
        return None;
    }
    let mut cands = Vec::with_capacity(outs.iter().map(|o| o.cands.len()).sum());
    let mut matched = 0;
    let mut hits: Vec<(usize, i64)> = Vec::new();
    for o in outs {
        cands.extend_from_slice(&o.cands);
        matched += o.matched;
        hits.extend(o.top.into_iter().map(|(Reverse(s), i)| (i as usize, s)));
    }
    hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    hits.truncate(limit);
    Some((
        Found {
            hits,
            matched,
            typo: false,
        },
        cands,
    ))
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
