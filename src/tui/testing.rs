//! A small, hand-made briefing for UI tests: three articles on an invented
//! story with every block kind, quotes of every kind with speakers, stances
//! from a table, a list and a sentence, summaries and alignment groups
//! (one single-source). Built by hand so UI tests do not depend on how well
//! the analysis stage reads real articles.
//!
//! Spans are found by searching the block text for the words, so the
//! fixture stays correct when its prose is edited.

use crate::analysis::by_article::Tally;
use crate::analysis::{
    Actor, ActorId, ActorKind, AlignedGroup, Analysis, ArticleId, ByArticle, Evidence, Issue, IssueId,
    IssueList, Mention, Quote, QuoteKind, Sentence, Stance, StanceSource, StanceSummary,
};
use crate::corpus::{Article, Block, BlockKind, Cell, Format, Table};
use crate::text::Span;
use crate::Index;
use std::sync::Arc;

/// The fixture's briefing name.
pub const NAME: &str = "Harbor expansion talks";

/// The byte span of the first `needle` in `text` (at or after `from`).
fn span_in(text: &str, needle: &str, from: usize) -> Span {
    let at = text
        .get(from..)
        .and_then(|t| t.find(needle))
        .map(|i| i + from)
        .unwrap_or_else(|| panic!("fixture: {needle:?} not in {text:?}"));
    Span::new(at, at + needle.len())
}

fn table_block(rows: &[&[&str]]) -> Block {
    let mut text = String::new();
    let mut cells: Vec<Vec<Cell>> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let mut out = Vec::new();
        text.push('|');
        for c in row.iter() {
            text.push(' ');
            let start = text.len();
            text.push_str(c);
            out.push(Cell {
                text: c.to_string(),
                span: Span::new(start, text.len()),
            });
            text.push_str(" |");
        }
        text.push('\n');
        if i == 0 {
            text.push('|');
            for _ in row.iter() {
                text.push_str("---|");
            }
            text.push('\n');
        }
        cells.push(out);
    }
    text.pop();
    let mut b = Block::new(BlockKind::Table, text, 0, Span::default());
    let mut it = cells.into_iter();
    b.table = Some(Box::new(Table {
        header: it.next().unwrap_or_default(),
        rows: it.collect(),
    }));
    b
}

struct ArticleSpec {
    title: &'static str,
    subtitle: Option<&'static str>,
    author: Option<&'static str>,
    date: Option<&'static str>,
    source: Option<&'static str>,
    blocks: Vec<Block>,
}

fn b(kind: BlockKind, text: &str) -> Block {
    Block::new(kind, text, 0, Span::default())
}

fn articles() -> Vec<Article> {
    use BlockKind::*;
    let specs = vec![
        ArticleSpec {
            title: "Harbor expansion tested as Mayor Ortiz meets the Harbor Authority",
            subtitle: Some("Dredging, jobs and the bay’s ecology dominate a tense first round"),
            author: Some("Sam Reyes"),
            date: Some("2026-02-02"),
            source: Some("Coastal Times"),
            blocks: vec![
                b(Paragraph, "Mayor Lina Ortiz arrived at the Harbor Authority on Monday for talks on the expansion. “We will not trade the bay for a few cranes,” Ortiz said. The authority argued that dredging must begin this spring to keep shipping lines."),
                b(Heading, "What each side wants"),
                b(ListItem, "Dredging: the mayor wants an environmental review before any work."),
                b(ListItem, "Jobs: the authority promises 400 new positions at the terminal."),
                table_block(&[
                    &["Issue", "Mayor Ortiz", "Harbor Authority"],
                    &["Dredging", "Review first, then limited work", "Start this spring"],
                    &["Jobs", "Local hiring guarantees", "400 new positions"],
                    &["Bay ecology", "Protect the seagrass beds", "Offsets elsewhere in the estuary"],
                ]),
                b(Paragraph, "Union leaders called the plan a “jobs mirage” and said the promised positions were mostly temporary. Skeptics note that the terminal has missed every deadline since 2019."),
                b(Caption, "The harbor at dawn (港). Credit: Photo Desk."),
                b(Related, "Related: Council passes the port budget."),
            ],
        },
        ArticleSpec {
            title: "Ortiz digs in on dredging as the Harbor Authority sets a spring start",
            subtitle: None,
            author: Some("Ana Núñez"),
            date: Some("2026-02-03"),
            source: Some("Bay Ledger"),
            blocks: vec![
                b(Paragraph, "The Harbor Authority said on Tuesday that it would seek permits for dredging within weeks. Mayor Ortiz repeated that the city wants a full environmental review, calling the timetable “reckless and premature” in a statement."),
                b(Heading, "The jobs question"),
                b(Paragraph, "“Every crane we add is a job for a family here,” said Marta Quell, the authority’s director. The Dockworkers’ Union disputes those figures."),
                b(ListItem, "Ecology: environmental groups want the seagrass beds protected."),
            ],
        },
        ArticleSpec {
            title: "Seagrass study warns of dredging damage",
            subtitle: None,
            author: None,
            date: Some("2026-01-30"),
            source: Some("Harbor Weekly"),
            blocks: vec![
                b(Paragraph, "A university study found that dredging could destroy half of the bay’s seagrass beds within five years. The study has not been peer reviewed."),
                b(Related, "Related: Seagrass explained."),
            ],
        },
    ];
    specs
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let mut a = Article::new(format!("fixture/{:02}.txt", i + 1), Format::Plain);
            a.title = s.title.into();
            a.subtitle = s.subtitle.map(Into::into);
            a.author = s.author.map(Into::into);
            a.date = s.date.map(Into::into);
            a.source = s.source.map(Into::into);
            let mut off = 0usize;
            let mut line = 1u32;
            for mut blk in s.blocks {
                blk.line = line;
                blk.source = Span::new(off, off + blk.text.len());
                off += blk.text.len() + 2;
                line += blk.text.lines().count() as u32 + 1;
                a.blocks.push(blk);
            }
            a
        })
        .collect()
}

/// Sentence spans of a body block: table rows one each, prose split after
/// `.`, `!` or `?` (and any closing quote) before a space.
fn split_sentences(block: &Block) -> Vec<Span> {
    let t = &block.text;
    if let Some(table) = &block.table {
        return table
            .rows
            .iter()
            .filter_map(|r| {
                Some(Span::new(
                    r.first()?.span.start as usize,
                    r.last()?.span.end as usize,
                ))
            })
            .collect();
    }
    let mut out = Vec::new();
    let mut start = 0usize;
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if matches!(c, '.' | '!' | '?') {
            let mut j = k + 1;
            while j < chars.len() && matches!(chars[j].1, '”' | '"' | '’') {
                j += 1;
            }
            let end = chars.get(j).map_or(t.len(), |&(b, _)| b);
            if j >= chars.len() || chars[j].1 == ' ' {
                out.push(Span::new(start, end));
                start = end + usize::from(j < chars.len());
            }
        }
        let _ = i;
    }
    if start < t.len() {
        out.push(Span::new(start, t.len()));
    }
    out
}

struct QuoteSpec {
    article: ArticleId,
    block: u32,
    kind: QuoteKind,
    words: &'static str,
    speaker: Option<ActorId>,
    speaker_text: Option<&'static str>,
}

fn issues_of(text: &str, issues: &[Issue]) -> IssueList {
    let t = text.to_lowercase();
    issues
        .iter()
        .filter(|i| i.keywords.iter().any(|k| t.contains(k.as_str())))
        .map(|i| i.id)
        .collect()
}

fn analysis(articles: &[Article]) -> Analysis {
    let n = articles.len();
    let actor = |id: ActorId, name: &str, kind: ActorKind, aliases: &[&str]| Actor {
        id,
        name: name.into(),
        kind,
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        mentions: 0,
        mentions_by_article: ByArticle::empty(n),
        discovered: false,
    };
    let mut actors = vec![
        actor(
            0,
            "Lina Ortiz",
            ActorKind::Person,
            &[
                "Mayor Lina Ortiz",
                "Mayor Ortiz",
                "Lina Ortiz",
                "Ortiz",
                "the mayor",
            ],
        ),
        actor(
            1,
            "Harbor Authority",
            ActorKind::Organisation,
            &["Harbor Authority", "the authority", "The authority"],
        ),
        actor(
            2,
            "Dockworkers’ Union",
            ActorKind::Group,
            &["Dockworkers’ Union", "Union leaders"],
        ),
        actor(3, "Marta Quell", ActorKind::Person, &["Marta Quell"]),
    ];
    let issue = |id: IssueId, name: &str, labels: &[&str], keywords: &[&str]| Issue {
        id,
        name: name.into(),
        labels: labels.iter().map(|s| s.to_string()).collect(),
        keywords: keywords.iter().map(|s| s.to_string()).collect(),
        mentions: 0,
        mentions_by_article: ByArticle::empty(n),
        discovered: false,
    };
    let mut issues = vec![
        issue(0, "dredging", &["Dredging"], &["dredg"]),
        issue(1, "jobs", &["Jobs"], &["jobs", "job ", "positions", "hiring"]),
        issue(
            2,
            "bay ecology",
            &["Bay ecology", "Ecology"],
            &["seagrass", "ecology", "environmental"],
        ),
    ];

    let mut sentences = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        for (bi, blk) in a.blocks.iter().enumerate() {
            if !blk.kind.is_body() {
                continue;
            }
            for span in split_sentences(blk) {
                sentences.push(Sentence {
                    article: ai as ArticleId,
                    block: bi as u32,
                    span,
                    issues: issues_of(span.slice(&blk.text), &issues),
                });
            }
        }
    }

    // Mentions: each alias where it occurs, longest alias first, no overlaps.
    let mut mentions = Vec::new();
    let mut actor_tally = vec![Tally::new(); actors.len()];
    for (ai, a) in articles.iter().enumerate() {
        for (bi, blk) in a.blocks.iter().enumerate() {
            let mut taken: Vec<Span> = Vec::new();
            let mut forms: Vec<(ActorId, String)> = actors
                .iter()
                .flat_map(|ac| ac.aliases.iter().map(move |al| (ac.id, al.clone())))
                .collect();
            forms.sort_by_key(|f| std::cmp::Reverse(f.1.len()));
            for (id, form) in forms {
                for (at, _) in blk.text.match_indices(form.as_str()) {
                    let sp = Span::new(at, at + form.len());
                    if taken.iter().any(|t| t.start < sp.end && sp.start < t.end) {
                        continue;
                    }
                    taken.push(sp);
                    mentions.push(Mention {
                        actor: id,
                        at: Evidence {
                            article: ai as ArticleId,
                            block: bi as u32,
                            span: sp,
                        },
                        possessive: false,
                    });
                    actors[id as usize].mentions += 1;
                    actor_tally[id as usize].add(ai as ArticleId, 1);
                }
            }
        }
    }
    for (a, t) in actors.iter_mut().zip(actor_tally) {
        a.mentions_by_article = t.finish(n);
    }
    mentions.sort_by_key(|m| (m.at.article, m.at.block, m.at.span.start));

    let specs = [
        QuoteSpec {
            article: 0,
            block: 0,
            kind: QuoteKind::Direct,
            words: "We will not trade the bay for a few cranes,",
            speaker: Some(0),
            speaker_text: Some("Ortiz"),
        },
        QuoteSpec {
            article: 0,
            block: 0,
            kind: QuoteKind::Indirect,
            words: "dredging must begin this spring to keep shipping lines",
            speaker: Some(1),
            speaker_text: Some("The authority"),
        },
        QuoteSpec {
            article: 0,
            block: 5,
            kind: QuoteKind::Term,
            words: "jobs mirage",
            speaker: Some(2),
            speaker_text: Some("Union leaders"),
        },
        QuoteSpec {
            article: 0,
            block: 5,
            kind: QuoteKind::Indirect,
            words: "the promised positions were mostly temporary",
            speaker: Some(2),
            speaker_text: Some("Union leaders"),
        },
        QuoteSpec {
            article: 0,
            block: 5,
            kind: QuoteKind::Indirect,
            words: "the terminal has missed every deadline since 2019",
            speaker: None,
            speaker_text: Some("Skeptics"),
        },
        QuoteSpec {
            article: 1,
            block: 0,
            kind: QuoteKind::Indirect,
            words: "it would seek permits for dredging within weeks",
            speaker: Some(1),
            speaker_text: Some("The Harbor Authority"),
        },
        QuoteSpec {
            article: 1,
            block: 0,
            kind: QuoteKind::Partial,
            words: "reckless and premature",
            speaker: Some(0),
            speaker_text: Some("Mayor Ortiz"),
        },
        QuoteSpec {
            article: 1,
            block: 2,
            kind: QuoteKind::Direct,
            words: "Every crane we add is a job for a family here,",
            speaker: Some(3),
            speaker_text: Some("Marta Quell"),
        },
    ];
    let quotes: Vec<Quote> = specs
        .iter()
        .enumerate()
        .map(|(qi, q)| {
            let text = &articles[q.article as usize].blocks[q.block as usize].text;
            let span = span_in(text, q.words, 0);
            let at = Evidence {
                article: q.article,
                block: q.block,
                span,
            };
            let speaker_at = q.speaker_text.map(|w| Evidence {
                article: q.article,
                block: q.block,
                span: span_in(text, w, 0),
            });
            let sentence = sentences
                .iter()
                .position(|s| {
                    s.article == q.article
                        && s.block == q.block
                        && s.span.start <= span.start
                        && span.start < s.span.end
                })
                .unwrap_or(0) as u32;
            let mut is = issues_of(q.words, &issues);
            if is.is_empty() {
                is = sentences
                    .get(sentence as usize)
                    .map(|s| s.issues)
                    .unwrap_or_default();
            }
            Quote {
                id: qi as u32,
                kind: q.kind,
                at,
                speaker: q.speaker,
                speaker_text: q.speaker_text.map(Into::into),
                speaker_at,
                issues: is,
                sentence,
            }
        })
        .collect();

    let mut issue_tally = vec![Tally::new(); issues.len()];
    for s in &sentences {
        for &i in &s.issues {
            issues[i as usize].mentions += 1;
            issue_tally[i as usize].add(s.article, 1);
        }
    }
    for (i, t) in issues.iter_mut().zip(issue_tally) {
        i.mentions_by_article = t.finish(n);
    }

    let ev = |article: ArticleId, block: u32, words: &str| Evidence {
        article,
        block,
        span: span_in(&articles[article as usize].blocks[block as usize].text, words, 0),
    };
    let stance_specs: [(ActorId, IssueId, Evidence, StanceSource); 9] = [
        (
            0,
            0,
            ev(0, 4, "Review first, then limited work"),
            StanceSource::Table,
        ),
        (1, 0, ev(0, 4, "Start this spring"), StanceSource::Table),
        (0, 1, ev(0, 4, "Local hiring guarantees"), StanceSource::Table),
        (1, 1, ev(0, 4, "400 new positions"), StanceSource::Table),
        (0, 2, ev(0, 4, "Protect the seagrass beds"), StanceSource::Table),
        (
            1,
            2,
            ev(0, 4, "Offsets elsewhere in the estuary"),
            StanceSource::Table,
        ),
        (
            0,
            0,
            ev(0, 2, "an environmental review before any work"),
            StanceSource::List,
        ),
        (
            1,
            1,
            ev(0, 3, "promises 400 new positions at the terminal"),
            StanceSource::List,
        ),
        (
            1,
            0,
            ev(1, 0, "seek permits for dredging within weeks"),
            StanceSource::Sentence,
        ),
    ];
    let stances: Vec<Stance> = stance_specs
        .iter()
        .enumerate()
        .map(|(i, (actor, issue, at, source))| Stance {
            id: i as u32,
            actor: *actor,
            issue: *issue,
            at: *at,
            source: *source,
        })
        .collect();
    let mut summaries: Vec<StanceSummary> = Vec::new();
    for s in &stances {
        match summaries
            .iter_mut()
            .find(|x| x.actor == s.actor && x.issue == s.issue)
        {
            Some(x) => x.stances.push(s.id),
            None => summaries.push(StanceSummary {
                actor: s.actor,
                issue: s.issue,
                summary: s.text(articles).to_string(),
                stances: vec![s.id],
            }),
        }
    }

    let sentence_at = |article: ArticleId, block: u32, words: &str| -> u32 {
        sentences
            .iter()
            .position(|s| {
                s.article == article
                    && s.block == block
                    && s.span
                        .slice(&articles[article as usize].blocks[block as usize].text)
                        .contains(words)
            })
            .unwrap_or_else(|| panic!("fixture: no sentence with {words:?}")) as u32
    };
    let alignments = vec![
        AlignedGroup {
            issue: 0,
            passages: vec![
                sentence_at(0, 0, "dredging must begin"),
                sentence_at(1, 0, "permits for dredging"),
            ],
            similarity: 0.62,
            single_source: false,
        },
        AlignedGroup {
            issue: 1,
            passages: vec![
                sentence_at(0, 3, "400 new positions"),
                sentence_at(1, 2, "a job for a family"),
            ],
            similarity: 0.41,
            single_source: false,
        },
        AlignedGroup {
            issue: 2,
            passages: vec![sentence_at(2, 0, "seagrass beds")],
            similarity: 1.0,
            single_source: true,
        },
    ];

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

/// The fixture briefing as an index.
pub fn fixture_index() -> Arc<Index> {
    let articles = articles();
    let analysis = analysis(&articles);
    Arc::new(Index::from_parts(NAME.into(), articles, Vec::new(), analysis))
}

/// The fixture briefing with these load warnings.
pub fn fixture_index_with_warnings(warnings: Vec<crate::corpus::Warning>) -> Arc<Index> {
    let articles = articles();
    let analysis = analysis(&articles);
    Arc::new(Index::from_parts(NAME.into(), articles, warnings, analysis))
}

/// A generated pack of `articles` plain-text articles (`gen`, seed `seed`,
/// 300 words each), analysed with the embedded lexicon: large enough that
/// views run to hundreds of lines and actors meet each other.
pub fn generated_index(articles: usize, seed: u64) -> Arc<Index> {
    let loaded = crate::gen::loaded(&crate::gen::Options {
        articles,
        seed,
        words_per_article: 300,
    });
    Index::build("generated", loaded, &crate::analysis::Lexicon::embedded())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixture_is_consistent() {
        let ix = fixture_index();
        assert_eq!(ix.articles.len(), 3);
        // Every body block has sentences, and every sentence resolves to text.
        for (ai, a) in ix.articles.iter().enumerate() {
            for (bi, blk) in a.blocks.iter().enumerate() {
                let r = ix.block_sentences(ai as u32, bi as u32);
                assert_eq!(blk.kind.is_body(), r.start < r.end, "{ai}/{bi}");
            }
        }
        for s in 0..ix.analysis.sentences.len() as u32 {
            assert!(!ix.sentence_text(s).is_empty());
        }
        for q in &ix.analysis.quotes {
            let s = &ix.analysis.sentences[q.sentence as usize];
            assert!(
                s.span.start <= q.at.span.start && q.at.span.end <= s.span.end,
                "{q:?}"
            );
        }
        for k in [
            QuoteKind::Direct,
            QuoteKind::Partial,
            QuoteKind::Indirect,
            QuoteKind::Term,
        ] {
            assert!(ix.analysis.quotes.iter().any(|q| q.kind == k));
        }
        assert!(ix.analysis.alignments.iter().any(|g| g.single_source));
        assert!(ix.analysis.issues.iter().all(|i| i.mentions > 0));
        let t = ix.articles[0].blocks[4].table.as_ref().unwrap();
        for c in t.rows.iter().flatten() {
            assert_eq!(c.span.slice(&ix.articles[0].blocks[4].text), c.text);
        }
        assert_eq!(
            crate::index::validate(&ix).len(),
            0,
            "{:?}",
            crate::index::validate(&ix)
        );
    }
}
