//! Fuzzy search over the index's quotes and sentences, run by a worker
//! thread so typing never waits for matching.
//!
//! The API here is what the UI and CLI use; the engine behind it may change.

use crate::analysis::{QuoteId, SentenceId};
use crate::Index;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;

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
pub fn search(index: &Index, query: &str, limit: usize) -> Vec<Hit> {
    let m = SkimMatcherV2::default();
    let q = crate::text::fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let quotes = (0..index.analysis.quotes.len() as u32).map(Target::Quote);
    let sents = (0..index.analysis.sentences.len() as u32).map(Target::Sentence);
    let mut hits: Vec<Hit> = quotes
        .chain(sents)
        .filter_map(|t| {
            let text = target_text(index, t);
            let f = crate::text::fold_with_map(text);
            m.fuzzy_indices(&f.text, &q).map(|(score, idx)| Hit {
                target: t,
                score,
                ranges: idx.iter().map(|&i| f.to_original(i, i + 1)).collect(),
            })
        })
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits.truncate(limit);
    hits
}

/// A search worker: queries go in, results come out; a newer query makes
/// older ones stale.
pub struct Searcher {
    tx: Sender<(u64, String)>,
    rx: Receiver<Results>,
    seq: u64,
}

impl Searcher {
    pub fn new(index: Arc<Index>) -> Searcher {
        let (tx, qrx) = channel::<(u64, String)>();
        let (rtx, rx) = channel();
        std::thread::spawn(move || {
            while let Ok(mut job) = qrx.recv() {
                // Only the newest query matters.
                while let Ok(newer) = qrx.try_recv() {
                    job = newer;
                }
                let hits = search(&index, &job.1, 200);
                let matched = hits.len();
                if rtx
                    .send(Results {
                        seq: job.0,
                        query: job.1,
                        hits,
                        matched,
                    })
                    .is_err()
                {
                    return;
                }
            }
        });
        Searcher { tx, rx, seq: 0 }
    }

    /// Starts a search; returns its sequence number.
    pub fn search(&mut self, query: &str) -> u64 {
        self.seq += 1;
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
}
