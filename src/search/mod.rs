//! Fuzzy search over the index's quotes and sentences, run by a worker
//! thread so typing never waits for matching.
//!
//! # What is searched
//! Every quote (its quoted words), then every sentence, each folded
//! ([`crate::text::fold`]): `bogota` finds `Bogotá`, `de-emphasize` finds
//! `De‑emphasize`, curly quotes match straight ones. Hit ranges are byte
//! ranges in the item's *original* text, for highlighting.
//!
//! # Query syntax (see also docs/search.md)
//! Whitespace-separated tokens; every token must hold, in any order:
//! `word` fuzzy term (letters in order, gaps allowed), `'word` exact
//! substring, `!word` exclude items holding `word`, `@name` quotes whose
//! speaker's name or alias contains `name`, `#issue` items tagged with an
//! issue whose name or label contains `issue`, `kind:direct|partial|indirect|term`
//! quotes of that kind (a prefix will do).
//!
//! # Ranking
//! Sum over terms of SkimMatcherV2's score plus bonuses for verbatim and
//! whole-word appearances, plus a phrase bonus when the terms appear side by
//! side as typed ([`score`] has the numbers). Ties go to item order, so a
//! quote ranks above a sentence at equal score (one ranking, not tiers).
//! When a query matches nothing, terms of five or more letters also match
//! words one edit away (substitution, insertion, transposition; a deletion
//! is already a fuzzy match), scored below any real match.

pub mod engine;
pub mod filter;
pub mod query;
pub mod reference;
pub mod score;
pub mod store;

use crate::analysis::{QuoteId, SentenceId};
use crate::Index;
use engine::{Engine, Found};
use fuzzy_matcher::FuzzyMatcher;
use query::Query;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use store::Source;

/// What a hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Quote(QuoteId),
    Sentence(SentenceId),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub target: Target,
    pub score: i64,
    /// Byte ranges in the target's original text to highlight.
    pub ranges: Vec<(usize, usize)>,
}

/// The answer to one query; `seq` is what `Searcher::search` returned.
#[derive(Debug, Clone)]
pub struct Results {
    pub seq: u64,
    pub query: String,
    pub hits: Vec<Hit>,
    /// How many items matched in all (hits holds the best of them).
    pub matched: usize,
}

/// How a query went, beside its results (for the CLI and benches).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Stats {
    /// Milliseconds spent on the query, highlights included.
    pub elapsed_ms: f64,
    /// Matches came from the typo fallback (nothing matched otherwise).
    pub typo: bool,
}

/// The original text a target stands for.
pub fn target_text(index: &Index, t: Target) -> &str {
    match t {
        Target::Quote(q) => index
            .analysis
            .quotes
            .get(q as usize)
            .map(|q| q.at.text(&index.articles))
            .unwrap_or(""),
        Target::Sentence(s) => index.sentence_text(s),
    }
}

/// Ranks quotes and sentences for `query`, best first, at most `limit`.
/// Builds the packed store each call: for one-shot use (tests, an app
/// without a worker); the UI uses [`Searcher`]. The engine holds its source
/// by `Arc`, so the index is shared, never copied.
pub fn search(index: &Arc<Index>, query: &str, limit: usize) -> Vec<Hit> {
    search_source(&Source::Index(Arc::clone(index)), query, limit)
        .0
        .hits
}

/// Hits for `query` over any source, with counts.
pub fn search_source(src: &Source, query: &str, limit: usize) -> (Results, Stats) {
    let mut e = Engine::new(src.clone());
    run_query(&mut e, 0, query, limit, &|| false).unwrap_or_else(|| {
        (
            Results {
                seq: 0,
                query: query.to_string(),
                hits: Vec::new(),
                matched: 0,
            },
            Stats::default(),
        )
    })
}

/// Runs one query on an engine and dresses the answer as [`Results`]
/// (targets, highlight ranges); None if cancelled.
pub fn run_query(
    engine: &mut Engine,
    seq: u64,
    query: &str,
    limit: usize,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<(Results, Stats)> {
    let t = std::time::Instant::now();
    let found = engine.run(query, limit, cancel)?;
    let typo = found.typo;
    let r = to_results(engine.source(), seq, query, found);
    let stats = Stats {
        elapsed_ms: t.elapsed().as_secs_f64() * 1000.0,
        typo,
    };
    Some((r, stats))
}

fn to_results(src: &Source, seq: u64, query: &str, found: Found) -> Results {
    let q = Query::parse(query);
    let hits = found
        .hits
        .iter()
        .map(|&(i, score)| Hit {
            target: src.target(i),
            score,
            ranges: highlight(src.text(i), &q, found.typo),
        })
        .collect();
    Results {
        seq,
        query: query.to_string(),
        hits,
        matched: found.matched,
    }
}

/// Byte ranges of `original` that the query's terms matched, merged and
/// sorted, on char boundaries.
pub fn highlight(original: &str, q: &Query, typo: bool) -> Vec<(usize, usize)> {
    let mut f = crate::text::fold_with_map(original);
    store::blank_controls(&mut f.text);
    let m = score::matcher();
    let mut folded: Vec<(usize, usize)> = Vec::new();
    for t in &q.terms {
        if t.exact {
            if let Some(p) = memchr::memmem::find(f.text.as_bytes(), t.text.as_bytes()) {
                folded.push((p, p + t.text.len()));
            }
            continue;
        }
        if let Some((_, idx)) = m.fuzzy_indices(&f.text, &t.text) {
            let starts: Vec<(usize, char)> = f.text.char_indices().collect();
            for ci in idx {
                if let Some(&(b, c)) = starts.get(ci) {
                    folded.push((b, b + c.len_utf8()));
                }
            }
        } else if typo && score::typo_eligible(t) {
            if let Some(r) = score::typo_in(&f.text, &t.text) {
                folded.push(r);
            }
        }
    }
    let mut out: Vec<(usize, usize)> = folded
        .into_iter()
        .map(|(a, b)| f.to_original(a, b))
        .filter(|(a, b)| a < b)
        .collect();
    out.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for (a, b) in out {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// How many hits the worker returns per query.
pub const WORKER_LIMIT: usize = 200;

/// A search worker: queries go in, results come out; a newer query makes
/// older ones stale and stops them mid-scan.
///
/// The packed store is built on the worker thread when it starts, so the
/// UI's first frame never waits for it; a query sent before it is ready
/// simply waits in the channel.
pub struct Searcher {
    tx: Sender<(u64, String)>,
    rx: Receiver<Results>,
    seq: u64,
    generation: Arc<AtomicU64>,
}

impl Searcher {
    pub fn new(index: Arc<Index>) -> Searcher {
        Searcher::with_source(Source::Index(index), WORKER_LIMIT)
    }

    /// A worker over any source (tests and benches use plain strings).
    pub fn with_source(src: Source, limit: usize) -> Searcher {
        let (tx, qrx) = channel::<(u64, String)>();
        let (rtx, rx) = channel();
        let generation = Arc::new(AtomicU64::new(0));
        let gen = generation.clone();
        std::thread::spawn(move || {
            let mut engine = Engine::new(src);
            while let Ok(mut job) = qrx.recv() {
                // Only the newest query matters.
                while let Ok(newer) = qrx.try_recv() {
                    job = newer;
                }
                if gen.load(Ordering::Acquire) != job.0 {
                    continue;
                }
                let stale = || gen.load(Ordering::Relaxed) != job.0;
                let Some((res, _)) = run_query(&mut engine, job.0, &job.1, limit, &stale) else {
                    continue;
                };
                if rtx.send(res).is_err() {
                    return;
                }
            }
        });
        Searcher {
            tx,
            rx,
            seq: 0,
            generation,
        }
    }

    /// Starts a search; returns its sequence number.
    pub fn search(&mut self, query: &str) -> u64 {
        self.seq += 1;
        self.generation.store(self.seq, Ordering::Release);
        let _ = self.tx.send((self.seq, query.to_string()));
        self.seq
    }

    /// The newest results ready, if any (older ones are dropped).
    pub fn try_recv(&self) -> Option<Results> {
        let mut last = None;
        while let Ok(r) = self.rx.try_recv() {
            last = Some(r);
        }
        last.filter(|r| r.seq == self.seq)
    }

    /// Waits for the results of the newest query (benches and tests).
    pub fn recv_timeout(&self, timeout: std::time::Duration) -> Option<Results> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(r) if r.seq == self.seq => return Some(r),
                Ok(_) => continue,
                Err(_) => return None,
            }
        }
    }
}
