//! Analysis: what the articles say and who says it. Reads the corpus, knows
//! nothing of terminals. Every fact carries its `Evidence`: the article, the
//! block and the byte span in that block's text it was read from.
//!
//! Order of work (see `analyze`): sentences → actor mentions → quotes and
//! their speakers → issues → stances → alignment across sources.

pub mod actors;
pub mod align;
pub mod by_article;
pub mod gender;
pub mod issues;
pub mod lexicon;
pub mod quotes;
pub mod runs;
pub mod sentences;
pub mod shared;
pub mod sieve;
pub mod stances;
pub mod words;

use crate::corpus::Article;
use crate::text::Span;
use crate::timings::StageClock;
use serde::{Deserialize, Serialize};

pub use by_article::ByArticle;
pub use lexicon::Lexicon;
pub use shared::{IssueList, IssueLists, SharedStr, SharedStrs};

pub type ArticleId = u32;
pub type SentenceId = u32;
pub type ActorId = u32;
pub type IssueId = u32;
pub type QuoteId = u32;
pub type StanceId = u32;

/// Where a fact was read: `span` is a byte range in the block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    pub article: ArticleId,
    pub block: u32,
    pub span: Span,
}

impl Evidence {
    /// The words this evidence points at ("" if it does not resolve).
    pub fn text<'a>(&self, articles: &'a [Article]) -> &'a str {
        articles
            .get(self.article as usize)
            .and_then(|a| a.blocks.get(self.block as usize))
            .map(|b| self.span.slice(&b.text))
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub article: ArticleId,
    pub block: u32,
    /// Byte range in the block's text.
    pub span: Span,
    /// Issues this sentence speaks to (filled by `issues`); shared with
    /// the records that have the same list.
    pub issues: IssueList,
}

impl Sentence {
    pub fn evidence(&self) -> Evidence {
        Evidence {
            article: self.article,
            block: self.block,
            span: self.span,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Person,
    Government,
    Organisation,
    Group,
}

impl ActorKind {
    pub fn name(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Government => "government",
            ActorKind::Organisation => "organisation",
            ActorKind::Group => "group",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    /// Every surface form that names this actor (aliases, titles,
    /// metonyms), as written in the lexicon or as discovered.
    pub aliases: Vec<String>,
    /// Total mentions across the corpus.
    pub mentions: u32,
    /// Mentions per article (sparse; serialised as one count per article).
    pub mentions_by_article: ByArticle,
    /// True when found in the text rather than named by a lexicon.
    pub discovered: bool,
}

/// One place an actor is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Mention {
    pub actor: ActorId,
    pub at: Evidence,
    /// The surface form was a possessive (`Petro’s`), a metonym
    /// (`Washington`) or a pronoun-free name; later stages weigh these.
    pub possessive: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    pub id: IssueId,
    pub name: String,
    /// Labels met in the articles (table rows, headings, list leads) that were
    /// merged into this issue, e.g. `Border flows` for migration.
    pub labels: Vec<String>,
    pub keywords: Vec<String>,
    /// Sentences, quotes, list items and table rows speaking to it.
    pub mentions: u32,
    /// Per article (sparse; serialised as one count per article).
    pub mentions_by_article: ByArticle,
    pub discovered: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    Direct,
    Partial,
    Indirect,
    Term,
}

impl QuoteKind {
    pub fn name(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Term => "term",
        }
    }
    pub fn parse(s: &str) -> Option<QuoteKind> {
        Some(match s.to_ascii_lowercase().as_str() {
            "direct" => QuoteKind::Direct,
            "partial" => QuoteKind::Partial,
            "indirect" | "reported" => QuoteKind::Indirect,
            "term" => QuoteKind::Term,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub id: QuoteId,
    pub kind: QuoteKind,
    /// The quoted words (for direct, partial and term: inside the quote
    /// marks; for indirect: the reported clause).
    pub at: Evidence,
    pub speaker: Option<ActorId>,
    /// The words that named the speaker (`he`, `Skeptics`, `Gustavo Petro`).
    /// Shared with the quotes that name their speaker in the same words.
    pub speaker_text: Option<SharedStr>,
    pub speaker_at: Option<Evidence>,
    pub issues: IssueList,
    /// The first sentence the quote lies in.
    pub sentence: SentenceId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StanceSource {
    Table,
    List,
    Sentence,
}

impl StanceSource {
    pub fn name(self) -> &'static str {
        match self {
            StanceSource::Table => "table",
            StanceSource::List => "list",
            StanceSource::Sentence => "sentence",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stance {
    pub id: StanceId,
    pub actor: ActorId,
    pub issue: IssueId,
    /// Where the actor says what it wants on the issue; `text` reads it.
    pub at: Evidence,
    pub source: StanceSource,
}

impl Stance {
    /// What the actor wants or says on the issue, as written. Read from the
    /// articles, not copied: a corpus has a stance for every sixth sentence.
    pub fn text<'a>(&self, articles: &'a [Article]) -> &'a str {
        self.at.text(articles)
    }
}

/// The one-line summary of an actor's stance on an issue, for comparison
/// tables, with the evidence behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StanceSummary {
    pub actor: ActorId,
    pub issue: IssueId,
    pub summary: String,
    /// Stances behind the summary, strongest first.
    pub stances: Vec<StanceId>,
}

/// Passages from different articles that say the same thing about an issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignedGroup {
    pub issue: IssueId,
    /// Sentences, at most one per article, in article order.
    pub passages: Vec<SentenceId>,
    /// Mean pairwise similarity of the passages (1.0 for a single one).
    pub similarity: f32,
    /// Only one source says this.
    pub single_source: bool,
}

/// Everything analysis adds to the corpus.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Analysis {
    pub sentences: Vec<Sentence>,
    pub actors: Vec<Actor>,
    /// Sorted by (article, block, span start).
    pub mentions: Vec<Mention>,
    pub issues: Vec<Issue>,
    pub quotes: Vec<Quote>,
    pub stances: Vec<Stance>,
    pub summaries: Vec<StanceSummary>,
    pub alignments: Vec<AlignedGroup>,
}

/// The stages of `analyze`, in the order they run (for progress reports).
pub const STAGES: &[&str] = &[
    "sentences",
    "actors",
    "quotes",
    "words",
    "issues",
    "stances",
    "align",
];

/// Runs every analysis stage over the articles. With `BRIEFING_TIMINGS=1`
/// in the environment, prints each stage's wall time, CPU time and resident
/// memory to stderr (for profiling on real corpora without a profiler).
pub fn analyze(articles: &[Article], lexicon: &Lexicon) -> Analysis {
    analyze_with(articles, lexicon, &|_| {})
}

/// `analyze`, calling `on_stage(k)` as stage `STAGES[k]` starts, so a large
/// corpus can show where it is.
///
/// Stages that need nothing of each other run side by side (words beside
/// quotes, alignment beside stances), so one fills the core the other leaves
/// idle in its sequential steps.
pub fn analyze_with(articles: &[Article], lexicon: &Lexicon, on_stage: &(dyn Fn(usize) + Sync)) -> Analysis {
    let mut clock = StageClock::from_env();
    let stage = |name: &str| {
        if let Some(k) = STAGES.iter().position(|s| *s == name) {
            on_stage(k);
        }
    };
    stage("sentences");
    // Actors need no sentences: splitting fills the core that actor
    // discovery leaves idle in its sequential steps (building the gazetteer,
    // grouping names). Words wait: held beside the actors' candidates, this
    // stage's bulk, they would add to the peak for no gain in wall time.
    let (mut sentences, (actors, mentions)) = rayon::join(
        || sentences::split_corpus(articles),
        || {
            stage("actors");
            actors::find(articles, lexicon)
        },
    );
    clock.lap("analysis sentences | actors");
    // Each stage frees its working set as it ends, but glibc keeps the
    // pages, so the next stage's own would stack on them: hand them back.
    // Peak at a million sentences 287 MB instead of 303; at 100,000
    // articles 944 MB instead of 981; no more time.
    crate::heap::return_freed();
    stage("quotes");
    let (mut quotes, sentence_words) = rayon::join(
        || quotes::find(articles, &sentences, &actors, &mentions, lexicon),
        || words::of_sentences(articles, &sentences),
    );
    stage("words");
    clock.lap("analysis quotes | words");
    crate::heap::return_freed();
    stage("issues");
    let issues = issues::assign(
        articles,
        &mut sentences,
        &sentence_words,
        &mut quotes,
        &actors,
        lexicon,
    );
    clock.lap("analysis issues");
    crate::heap::return_freed();
    stage("stances");
    let ((stances, summaries), alignments) = rayon::join(
        || {
            let found = stances::find(
                articles,
                &sentences,
                &sentence_words,
                &actors,
                &mentions,
                &issues,
                &quotes,
                lexicon,
            );
            stage("align");
            found
        },
        || align::align(articles, &sentences, &sentence_words, &issues),
    );
    clock.lap("analysis stances | align");
    Analysis {
        sentences,
        actors,
        mentions,
        issues,
        quotes,
        stances,
        summaries,
        alignments,
    }
}
