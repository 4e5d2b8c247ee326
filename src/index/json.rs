//! The index as JSON: a documented, stable format (docs/index-format.md).
//! Built from the index by plain views so the in-memory types can change
//! without breaking scripts.

use super::Index;
use crate::analysis::{ByArticle, Evidence};
use serde::Serialize;

pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    format_version: u32,
    name: &'a str,
    articles: Vec<ArticleJ<'a>>,
    warnings: &'a [crate::corpus::Warning],
    actors: Vec<ActorJ<'a>>,
    issues: Vec<IssueJ<'a>>,
    quotes: Vec<QuoteJ<'a>>,
    stances: Vec<StanceJ<'a>>,
    summaries: Vec<SummaryJ<'a>>,
    alignments: Vec<AlignJ>,
}

#[derive(Serialize)]
struct ArticleJ<'a> {
    id: u32,
    path: &'a str,
    format: crate::corpus::Format,
    title: &'a str,
    subtitle: Option<&'a str>,
    author: Option<&'a str>,
    date: Option<&'a str>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    blocks: Vec<BlockJ<'a>>,
    tables: Vec<TableJ<'a>>,
    sentences: Vec<SentenceJ<'a>>,
}

#[derive(Serialize)]
struct BlockJ<'a> {
    id: u32,
    kind: &'static str,
    text: &'a str,
    line: u32,
    start: u32,
    end: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    table: Option<usize>,
}

#[derive(Serialize)]
struct TableJ<'a> {
    block: u32,
    line: u32,
    header: Vec<&'a str>,
    rows: Vec<Vec<&'a str>>,
}

#[derive(Serialize)]
struct SentenceJ<'a> {
    id: u32,
    block: u32,
    start: u32,
    end: u32,
    text: &'a str,
    issues: &'a [u32],
}

#[derive(Serialize)]
struct Ev<'a> {
    article: u32,
    block: u32,
    start: u32,
    end: u32,
    text: &'a str,
}

fn ev<'a>(index: &'a Index, e: &Evidence) -> Ev<'a> {
    Ev {
        article: e.article,
        block: e.block,
        start: e.span.start,
        end: e.span.end,
        text: e.text(&index.articles),
    }
}

#[derive(Serialize)]
struct ActorJ<'a> {
    id: u32,
    name: &'a str,
    kind: &'static str,
    aliases: &'a [String],
    mentions: MentionsJ<'a>,
    discovered: bool,
}

#[derive(Serialize)]
struct MentionsJ<'a> {
    total: u32,
    /// Serialises dense: one count per article.
    by_article: &'a ByArticle,
}

#[derive(Serialize)]
struct IssueJ<'a> {
    id: u32,
    name: &'a str,
    labels: &'a [String],
    keywords: &'a [String],
    mentions: MentionsJ<'a>,
    discovered: bool,
}

/// One quote as JSON (shared by the index JSON and `briefing quotes --json`).
#[derive(Serialize)]
pub struct QuoteJ<'a> {
    id: u32,
    article: u32,
    block: u32,
    start: u32,
    end: u32,
    text: &'a str,
    kind: &'static str,
    speaker: Option<u32>,
    speaker_name: Option<&'a str>,
    speaker_text: Option<&'a str>,
    issues: &'a [u32],
    sentence: u32,
}

#[derive(Serialize)]
struct StanceJ<'a> {
    id: u32,
    actor: u32,
    issue: u32,
    text: &'a str,
    article: u32,
    source: &'static str,
    evidence: Ev<'a>,
}

#[derive(Serialize)]
struct SummaryJ<'a> {
    actor: u32,
    issue: u32,
    summary: &'a str,
    stances: &'a [u32],
}

#[derive(Serialize)]
struct AlignJ {
    issue: u32,
    passages: Vec<PassageJ>,
    similarity: f32,
    single_source: bool,
}

#[derive(Serialize)]
struct PassageJ {
    sentence: u32,
    article: u32,
}

/// The JSON view of one quote.
pub fn quote<'a>(index: &'a Index, q: &'a crate::analysis::Quote) -> QuoteJ<'a> {
    QuoteJ {
        id: q.id,
        article: q.at.article,
        block: q.at.block,
        start: q.at.span.start,
        end: q.at.span.end,
        text: q.at.text(&index.articles),
        kind: q.kind.name(),
        speaker: q.speaker,
        speaker_name: q
            .speaker
            .and_then(|s| index.analysis.actors.get(s as usize))
            .map(|x| x.name.as_str()),
        speaker_text: q.speaker_text.as_deref(),
        issues: &q.issues,
        sentence: q.sentence,
    }
}

/// The whole index as a JSON value.
pub fn to_json(index: &Index) -> serde_json::Value {
    let a = &index.analysis;
    let articles = index
        .articles
        .iter()
        .enumerate()
        .map(|(ai, art)| {
            let mut tables = Vec::new();
            let blocks = art
                .blocks
                .iter()
                .enumerate()
                .map(|(bi, b)| {
                    let table = b.table.as_ref().map(|t| {
                        tables.push(TableJ {
                            block: bi as u32,
                            line: b.line,
                            header: t.header.iter().map(|c| c.text.as_str()).collect(),
                            rows: t
                                .rows
                                .iter()
                                .map(|r| r.iter().map(|c| c.text.as_str()).collect())
                                .collect(),
                        });
                        tables.len() - 1
                    });
                    BlockJ {
                        id: bi as u32,
                        kind: b.kind.name(),
                        text: &b.text,
                        line: b.line,
                        start: b.source.start,
                        end: b.source.end,
                        table,
                    }
                })
                .collect();
            let sentences = index
                .article_sentences(ai as u32)
                .map(|si| {
                    let s = &a.sentences[si as usize];
                    SentenceJ {
                        id: si,
                        block: s.block,
                        start: s.span.start,
                        end: s.span.end,
                        text: index.sentence_text(si),
                        issues: &s.issues,
                    }
                })
                .collect();
            ArticleJ {
                id: ai as u32,
                path: &art.path,
                format: art.format,
                title: &art.title,
                subtitle: art.subtitle.as_deref(),
                author: art.author.as_deref(),
                date: art.date.as_deref(),
                source: art.source.as_deref(),
                url: art.url.as_deref(),
                blocks,
                tables,
                sentences,
            }
        })
        .collect();
    let doc = Doc {
        format_version: FORMAT_VERSION,
        name: &index.name,
        articles,
        warnings: &index.warnings,
        actors: a
            .actors
            .iter()
            .map(|x| ActorJ {
                id: x.id,
                name: &x.name,
                kind: x.kind.name(),
                aliases: &x.aliases,
                mentions: MentionsJ {
                    total: x.mentions,
                    by_article: &x.mentions_by_article,
                },
                discovered: x.discovered,
            })
            .collect(),
        issues: a
            .issues
            .iter()
            .map(|x| IssueJ {
                id: x.id,
                name: &x.name,
                labels: &x.labels,
                keywords: &x.keywords,
                mentions: MentionsJ {
                    total: x.mentions,
                    by_article: &x.mentions_by_article,
                },
                discovered: x.discovered,
            })
            .collect(),
        quotes: a.quotes.iter().map(|q| quote(index, q)).collect(),
        stances: a
            .stances
            .iter()
            .map(|s| StanceJ {
                id: s.id,
                actor: s.actor,
                issue: s.issue,
                text: s.text(&index.articles),
                article: s.at.article,
                source: s.source.name(),
                evidence: ev(index, &s.at),
            })
            .collect(),
        summaries: a
            .summaries
            .iter()
            .map(|s| SummaryJ {
                actor: s.actor,
                issue: s.issue,
                summary: &s.summary,
                stances: &s.stances,
            })
            .collect(),
        alignments: a
            .alignments
            .iter()
            .map(|g| AlignJ {
                issue: g.issue,
                passages: g
                    .passages
                    .iter()
                    .map(|&p| PassageJ {
                        sentence: p,
                        article: a.sentences.get(p as usize).map_or(0, |s| s.article),
                    })
                    .collect(),
                similarity: g.similarity,
                single_source: g.single_source,
            })
            .collect(),
    };
    serde_json::to_value(doc).expect("index JSON views always serialise")
}
