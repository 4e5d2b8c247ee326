//! The index: the corpus and its analysis, built once and then immutable,
//! shared by `Arc` between the search worker and the UI.

pub mod json;
pub mod validate;

use crate::analysis::{self, Analysis, ArticleId, Lexicon, Quote, SentenceId};
use crate::corpus::{Article, Block, Loaded, Warning};
use std::ops::Range;
use std::sync::Arc;

pub use validate::validate;

#[derive(Debug)]
pub struct Index {
    /// What the briefing is called (the default's name, or the folder/file
    /// it was opened from).
    pub name: String,
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
    pub analysis: Analysis,
    /// For each article, for each block, its sentences' id range.
    block_sentences: Vec<Vec<Range<SentenceId>>>,
}

impl Index {
    /// Analyses what was loaded and freezes it.
    pub fn build(name: impl Into<String>, loaded: Loaded, lexicon: &Lexicon) -> Arc<Index> {
        Index::build_with(name, loaded, lexicon, &|_| {})
    }

    /// `build`, calling `on_stage(k)` as analysis stage
    /// `analysis::STAGES[k]` starts (for progress on large corpora).
    pub fn build_with(
        name: impl Into<String>,
        loaded: Loaded,
        lexicon: &Lexicon,
        on_stage: &(dyn Fn(usize) + Sync),
    ) -> Arc<Index> {
        let analysis = analysis::analyze_with(&loaded.articles, lexicon, on_stage);
        Arc::new(Index::from_parts(
            name.into(),
            loaded.articles,
            loaded.warnings,
            analysis,
        ))
    }

    /// Assembles an index from parts already made (tests build odd ones).
    pub fn from_parts(
        name: String,
        articles: Vec<Article>,
        warnings: Vec<Warning>,
        analysis: Analysis,
    ) -> Index {
        let mut block_sentences: Vec<Vec<Range<SentenceId>>> =
            articles.iter().map(|a| vec![0..0; a.blocks.len()]).collect();
        // Sentences come in (article, block) order, so each block's are one run.
        for (i, s) in analysis.sentences.iter().enumerate() {
            let i = i as SentenceId;
            if let Some(r) = block_sentences
                .get_mut(s.article as usize)
                .and_then(|a| a.get_mut(s.block as usize))
            {
                if r.start == r.end {
                    *r = i..i + 1;
                } else {
                    r.end = i + 1;
                }
            }
        }
        Index {
            name,
            articles,
            warnings,
            analysis,
            block_sentences,
        }
    }

    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.articles.get(id as usize)
    }

    /// Who said a quote, for display: its actor's name, else the words that
    /// named the speaker (`Skeptics`), else `unattributed`.
    pub fn speaker_label<'a>(&'a self, q: &'a Quote) -> &'a str {
        q.speaker
            .and_then(|a| self.analysis.actors.get(a as usize))
            .map(|a| a.name.as_str())
            .or(q.speaker_text.as_deref())
            .unwrap_or("unattributed")
    }

    pub fn block(&self, article: ArticleId, block: u32) -> Option<&Block> {
        self.article(article)?.blocks.get(block as usize)
    }

    /// The ids of the sentences in a block, in reading order.
    pub fn block_sentences(&self, article: ArticleId, block: u32) -> Range<SentenceId> {
        self.block_sentences
            .get(article as usize)
            .and_then(|a| a.get(block as usize))
            .cloned()
            .unwrap_or(0..0)
    }

    /// The ids of an article's sentences, in reading order.
    pub fn article_sentences(&self, article: ArticleId) -> Range<SentenceId> {
        let Some(blocks) = self.block_sentences.get(article as usize) else {
            return 0..0;
        };
        let first = blocks.iter().find(|r| r.start < r.end);
        let last = blocks.iter().rev().find(|r| r.start < r.end);
        match (first, last) {
            (Some(f), Some(l)) => f.start..l.end,
            _ => 0..0,
        }
    }

    /// A sentence's text as written.
    pub fn sentence_text(&self, id: SentenceId) -> &str {
        self.analysis
            .sentences
            .get(id as usize)
            .map(|s| s.evidence().text(&self.articles))
            .unwrap_or("")
    }
}
