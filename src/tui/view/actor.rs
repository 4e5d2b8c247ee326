//! The Actors pane: the list of actors, and for the selected one who they
//! are, where they are mentioned, what they want on each issue, what they
//! said, and who they are mentioned with.

use super::doc_pane::{most_mentioned_first, DocPane, Sought, Subject};
use super::issue::{evidence_cell, evidence_rows, summary_cell};
use crate::analysis::{ActorId, ArticleId, Evidence, IssueId, Mention, Quote, QuoteKind};
use crate::tui::action::{Nav, PaneId};
use crate::tui::lookup::Lookup;
use crate::tui::pane::Ctx;
use crate::tui::widgets::doc::{article_name, clip, count, marker, Doc, Item};
use crate::Index;
use ratatui::text::{Line, Span};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// How many companions to list.
const COMPANIONS: usize = 8;
/// Longest quote shown, in cells.
const QUOTE_MAX: usize = 300;

/// Another actor met alongside this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Companion {
    pub actor: ActorId,
    /// Sentences naming both.
    pub sentences: u32,
    /// Blocks (paragraphs, list items, table rows' tables…) naming both.
    pub blocks: u32,
}

/// The Actors pane's list: actors, most mentioned first.
pub struct Actors {
    order: Vec<ActorId>,
    /// By actor id: who they are mentioned with, most often first. Computed
    /// once, since the index never changes.
    companions: Vec<Vec<Companion>>,
    lookup: Arc<Lookup>,
}

pub type ActorsPane = DocPane<Actors>;

/// Co-mentions from the index's mentions: per sentence (the sentence that
/// holds the mention's start) and per block.
///
/// Analysis sorts the mentions by place, so each block's are one run, read
/// one block at a time: no table of blocks or sentences is built (at a
/// million sentences a table of them took a third of a second before the
/// first frame), nor a key per mention (16 bytes each, 7 MB there, which
/// the heap kept after the pane was made). An index whose mentions are not
/// in order (read from elsewhere) is read through a list of them in block
/// order.
pub fn companions(index: &Index) -> Vec<Vec<Companion>> {
    let a = &index.analysis;
    let n = a.actors.len();
    let ms = &a.mentions;
    let block_of = |m: &Mention| (m.at.article, m.at.block);
    let in_order = ms.windows(2).all(|w| block_of(&w[0]) <= block_of(&w[1]));
    let order: Option<Vec<usize>> = (!in_order).then(|| {
        let mut o: Vec<usize> = (0..ms.len()).collect();
        o.sort_by_key(|&i| block_of(&ms[i]));
        o
    });
    let nth = |k: usize| match &order {
        Some(o) => &ms[o[k]],
        None => &ms[k],
    };
    let mut pairs: foldhash::HashMap<(ActorId, ActorId), (u32, u32)> = foldhash::HashMap::default();
    // Each pair of distinct actors of `run` once; `sentence` says which count.
    let mut count = |run: &mut Vec<ActorId>, sentence: bool| {
        run.sort_unstable();
        run.dedup();
        for (i, &x) in run.iter().enumerate() {
            for &y in &run[i + 1..] {
                let e = pairs.entry((x, y)).or_default();
                if sentence {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
        }
    };
    // One block's (sentence, actor), u32::MAX for no sentence.
    let mut block: Vec<(u32, ActorId)> = Vec::new();
    let mut run: Vec<ActorId> = Vec::new();
    let mut k = 0;
    while k < ms.len() {
        let (article, b) = block_of(nth(k));
        let sentences = index.block_sentences(article, b);
        block.clear();
        while k < ms.len() && block_of(nth(k)) == (article, b) {
            let m = nth(k);
            k += 1;
            if m.actor as usize >= n {
                continue;
            }
            let sentence = sentences.clone().find(|&s| {
                a.sentences
                    .get(s as usize)
                    .is_some_and(|x| x.span.start <= m.at.span.start && m.at.span.start < x.span.end)
            });
            block.push((sentence.unwrap_or(u32::MAX), m.actor));
        }
        block.sort_unstable();
        run.clear();
        run.extend(block.iter().map(|x| x.1));
        count(&mut run, false);
        for sentence in block.chunk_by(|x, y| x.0 == y.0).filter(|r| r[0].0 != u32::MAX) {
            run.clear();
            run.extend(sentence.iter().map(|x| x.1));
            count(&mut run, true);
        }
    }
    by_actor(n, &pairs)
}

/// Each actor's companions, from each pair's (sentence, block) counts:
/// most sentences together first, then most blocks, then by id.
fn by_actor<'a>(
    n: usize,
    pairs: impl IntoIterator<Item = (&'a (ActorId, ActorId), &'a (u32, u32))>,
) -> Vec<Vec<Companion>> {
    let mut out: Vec<Vec<Companion>> = vec![Vec::new(); n];
    for (&(x, y), &(sentences, blocks)) in pairs {
        out[x as usize].push(Companion {
            actor: y,
            sentences,
            blocks,
        });
        out[y as usize].push(Companion {
            actor: x,
            sentences,
            blocks,
        });
    }
    for v in &mut out {
        v.sort_by_key(|c| (std::cmp::Reverse((c.sentences, c.blocks)), c.actor));
    }
    out
}

/// Direct quotes first, then partial, then indirect; terms are not quotes
/// of a stance and are left out.
fn kind_rank(k: QuoteKind) -> Option<u8> {
    match k {
        QuoteKind::Direct => Some(0),
        QuoteKind::Partial => Some(1),
        QuoteKind::Indirect => Some(2),
        QuoteKind::Term => None,
    }
}

impl ActorsPane {
    pub fn new(index: &Index) -> ActorsPane {
        ActorsPane::with_lookup(index, Arc::new(Lookup::new(index)))
    }

    pub fn with_lookup(index: &Index, lookup: Arc<Lookup>) -> ActorsPane {
        let order = most_mentioned_first(index.analysis.actors.iter().map(|a| a.id), |id| {
            Actors::named(index, id).map_or(0, |n| n.1)
        });
        DocPane::with_subject(Actors {
            order,
            // Only the first `COMPANIONS` of each are ever shown.
            companions: companions(index)
                .into_iter()
                .map(|mut c| {
                    c.truncate(COMPANIONS);
                    c.shrink_to_fit();
                    c
                })
                .collect(),
            lookup,
        })
    }
}

impl Actors {
    /// The view of the actor at `sel` in the list, laid out for `width`.
    fn actor_doc(&self, ctx: &Ctx, sel: usize, d: &mut Doc) {
        let ix = ctx.index;
        let th = ctx.theme;
        let Some(actor) = self
            .order
            .get(sel)
            .and_then(|&id| ix.analysis.actors.get(id as usize))
        else {
            d.text(
                "No actors were found in these articles. Actors come from the lexicon and from names the articles repeat.",
                th.dim,
                &[],
                0,
            );
            return;
        };
        let id = actor.id;
        d.text(&actor.name, th.title.patch(th.speaker(Some(id))), &[], 0);
        let mut meta = format!(
            "{} · {}",
            actor.kind.name(),
            count(actor.mentions, "mention", "mentions")
        );
        if actor.discovered {
            meta.push_str(" · found in the text");
        }
        d.text(&meta, th.dim, &[], 0);
        let aka: Vec<&str> = actor
            .aliases
            .iter()
            .map(String::as_str)
            .filter(|a| *a != actor.name)
            .collect();
        if !aka.is_empty() {
            d.text(&format!("also named: {}", aka.join(", ")), th.dim, &[], 0);
        }

        d.blank();
        d.text("Mentions by article", th.heading, &[], 0);
        self.mentions(d, ctx, id);
        // The top of a long view may be full already.
        if d.is_full() {
            return;
        }

        d.blank();
        d.text("Stances", th.heading, &[], 0);
        stances(d, ctx, &self.lookup, id);
        if d.is_full() {
            return;
        }

        d.blank();
        let quotes = quotes_of(ix, &self.lookup, id);
        d.text(&format!("Quotes ({})", quotes.len()), th.heading, &[], 0);
        if quotes.is_empty() {
            d.text("No quotes attributed to them.", th.dim, &[], 0);
        }
        for q in quotes {
            if d.is_full() {
                break;
            }
            let words = clip(q.at.text(&ix.articles).trim(), QUOTE_MAX);
            let mut text = match q.kind {
                QuoteKind::Indirect => words,
                _ => format!("“{words}”"),
            };
            let body = 0..text.len();
            let m = format!(" {}", marker(q.at.article));
            let mark = text.len() + 1..text.len() + m.len();
            text.push_str(&m);
            let kind = text.len()..text.len() + 1 + q.kind.name().len();
            text.push(' ');
            text.push_str(q.kind.name());
            let styles = [(body, th.speaker(Some(id))), (mark, th.tag), (kind, th.dim)];
            d.item(&text, th.text, &styles, 2, Some(Nav::Evidence(q.at)));
        }

        d.blank();
        d.text("Mentioned with", th.heading, &[], 0);
        let comp = self.companions.get(id as usize).map(Vec::as_slice).unwrap_or(&[]);
        if comp.is_empty() {
            d.text("No one else is named in the same paragraphs.", th.dim, &[], 0);
        }
        for c in comp.iter().take(COMPANIONS) {
            let name = ix
                .analysis
                .actors
                .get(c.actor as usize)
                .map_or("?", |a| a.name.as_str());
            let text = format!(
                "{name} · {} · {}",
                count(c.sentences, "sentence", "sentences"),
                count(c.blocks, "paragraph", "paragraphs"),
            );
            let styles = [(0..name.len(), th.speaker(Some(c.actor)))];
            d.item(&text, th.dim, &styles, 2, Some(Nav::Actor(c.actor)));
        }
    }

    /// One line per article naming them: marker, label, a bar, the count.
    /// Enter goes to the first mention there.
    fn mentions(&self, d: &mut Doc, ctx: &Ctx, id: ActorId) {
        let ix = ctx.index;
        let th = ctx.theme;
        let Some(actor) = ix.analysis.actors.get(id as usize) else {
            return;
        };
        if d.is_full() {
            return;
        }
        let max = actor.mentions_by_article.max().max(1);
        let label_w = ((d.width as usize) / 3).clamp(4, 28);
        let bar_w = (d.width as usize).saturating_sub(label_w + 12).min(24);
        // Where Enter on an article's line goes: their first mention there.
        let mut first: HashMap<ArticleId, Evidence> = HashMap::new();
        for m in self.lookup.actor_mentions(ix, id) {
            first.entry(m.at.article).or_insert(m.at);
        }
        let mut any = false;
        for (a, n) in actor.mentions_by_article.iter() {
            if d.is_full() {
                break;
            }
            any = true;
            let name = article_name(ix, a);
            let label = clip(&format!("{} {name}", marker(a)), label_w);
            let pad = label_w.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
            let bar = "█".repeat(((n as usize) * bar_w).div_ceil(max as usize).min(bar_w));
            let first = first.get(&a).map(|&at| Nav::Evidence(at));
            let line = Line::from(vec![
                Span::raw(format!("  {label}{} ", " ".repeat(pad))),
                Span::styled(bar, th.tag),
                Span::styled(format!(" {n}"), th.text),
            ]);
            d.item_line(line, first);
        }
        if !any {
            d.text("Not mentioned by name in any article.", th.dim, &[], 2);
        }
    }
}

/// Their quotes in the order shown: by kind, then where they are.
fn quotes_of<'a>(index: &'a Index, lookup: &'a Lookup, id: ActorId) -> Vec<&'a Quote> {
    let mut v: Vec<(u8, &Quote)> = lookup
        .speaker_quotes(index, id)
        .filter_map(|q| Some((kind_rank(q.kind)?, q)))
        .collect();
    v.sort_by_key(|(r, q)| (*r, q.at.article, q.at.block, q.at.span.start));
    v.into_iter().map(|(_, q)| q).collect()
}

/// Issue by issue (most mentioned issue first): the summary, then the
/// stances behind it with their sources.
fn stances(d: &mut Doc, ctx: &Ctx, lookup: &Lookup, id: ActorId) {
    let ix = ctx.index;
    let th = ctx.theme;
    let mut issues: Vec<IssueId> = lookup
        .actor_summaries(ix, id)
        .map(|s| s.issue)
        .chain(lookup.actor_stances(ix, id).map(|s| s.issue))
        .collect();
    issues.sort_by_key(|&i| {
        let m = ix.analysis.issues.get(i as usize).map_or(0, |x| x.mentions);
        (std::cmp::Reverse(m), i)
    });
    issues.dedup();
    if issues.is_empty() {
        d.text("No stances found for them.", th.dim, &[], 2);
        return;
    }
    for issue in issues {
        let name = ix
            .analysis
            .issues
            .get(issue as usize)
            .map_or_else(|| format!("issue {issue}"), |i| i.name.clone());
        d.item(&name, th.title, &[], 2, Some(Nav::Issue(issue)));
        match lookup.actor_summaries(ix, id).find(|s| s.issue == issue) {
            Some(s) => {
                let c = summary_cell(ctx, s);
                let first = s
                    .stances
                    .iter()
                    .find_map(|&st| super::issue::stance(ix, st))
                    .map(|st| Nav::Evidence(st.at));
                d.item(&c.text, c.style, &c.styles, 4, first);
                for st in evidence_rows(ix, s) {
                    let c = evidence_cell(ctx, st);
                    d.item(&c.text, c.style, &c.styles, 6, Some(Nav::Evidence(st.at)));
                }
            }
            None => {
                // Stances without a summary (should not happen): list them.
                for st in lookup.actor_stances(ix, id).filter(|s| s.issue == issue) {
                    let c = evidence_cell(ctx, st);
                    d.item(&c.text, c.style, &c.styles, 4, Some(Nav::Evidence(st.at)));
                }
            }
        }
    }
}

impl Subject for Actors {
    const PANE: PaneId = PaneId::Actors;
    const ONE: &'static str = "actor";
    const NONE: &'static str = "no actors";

    fn ids(&self) -> &[u32] {
        &self.order
    }

    fn id_of(nav: Nav) -> Option<u32> {
        match nav {
            Nav::Actor(id) => Some(id),
            _ => None,
        }
    }

    fn named(index: &Index, id: u32) -> Option<(&str, u32)> {
        let a = index.analysis.actors.get(id as usize)?;
        Some((&a.name, a.mentions))
    }

    fn layout(&self, ctx: &Ctx, i: usize, d: &mut Doc) {
        self.actor_doc(ctx, i, d)
    }

    /// Their quotes, wherever the selection is.
    fn sought(&self, ctx: &Ctx, i: usize) -> (&'static str, Sought) {
        let quotes: HashSet<Evidence> = self
            .order
            .get(i)
            .map(|&id| {
                quotes_of(ctx.index, &self.lookup, id)
                    .iter()
                    .map(|q| q.at)
                    .collect()
            })
            .unwrap_or_default();
        let is_quote = move |it: &Item| matches!(it.target, Some(Nav::Evidence(e)) if quotes.contains(&e));
        ("quote", Box::new(is_quote))
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("↑↓", "move"),
            ("⏎", "open (article, issue, actor)"),
            ("n/N", "next/previous quote"),
            ("y", "copy"),
            ("esc", "back"),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition `companions` must equal: a table of blocks and of
    /// sentences, each naming its actors.
    fn companions_reference(index: &Index) -> Vec<Vec<Companion>> {
        let a = &index.analysis;
        let n = a.actors.len();
        // (article, block) → actors; (sentence) → actors.
        let mut by_block: HashMap<(ArticleId, u32), Vec<ActorId>> = HashMap::new();
        let mut by_sentence: HashMap<u32, Vec<ActorId>> = HashMap::new();
        for m in &a.mentions {
            if m.actor as usize >= n {
                continue;
            }
            by_block
                .entry((m.at.article, m.at.block))
                .or_default()
                .push(m.actor);
            let range = index.block_sentences(m.at.article, m.at.block);
            let found = range.clone().find(|&s| {
                a.sentences
                    .get(s as usize)
                    .is_some_and(|x| x.span.start <= m.at.span.start && m.at.span.start < x.span.end)
            });
            if let Some(s) = found {
                by_sentence.entry(s).or_default().push(m.actor);
            }
        }
        let mut pairs: HashMap<(ActorId, ActorId), (u32, u32)> = HashMap::new();
        let mut count = |groups: Vec<Vec<ActorId>>, sentence: bool| {
            for mut actors in groups {
                actors.sort_unstable();
                actors.dedup();
                for (i, &x) in actors.iter().enumerate() {
                    for &y in &actors[i + 1..] {
                        let e = pairs.entry((x, y)).or_default();
                        if sentence {
                            e.0 += 1;
                        } else {
                            e.1 += 1;
                        }
                    }
                }
            }
        };
        count(by_sentence.into_values().collect(), true);
        count(by_block.into_values().collect(), false);
        by_actor(n, &pairs)
    }

    #[test]
    fn companions_equal_the_plain_definition() {
        let lex = crate::analysis::Lexicon::embedded();
        let embedded = Index::build("briefing", crate::corpus::load_embedded(), &lex);
        let generated = crate::tui::testing::generated_index(150, 11);
        for ix in [embedded, generated] {
            let fast = companions(&ix);
            assert!(fast.iter().any(|c| !c.is_empty()), "no companions to compare");
            assert_eq!(fast, companions_reference(&ix));
        }
    }

    #[test]
    fn companions_of_mentions_out_of_order_are_the_same() {
        // An index read from elsewhere need not keep analysis's order: a
        // block's mentions are then not one run.
        let ix = crate::tui::testing::generated_index(150, 11);
        let mut analysis = ix.analysis.clone();
        analysis.mentions.reverse();
        let k = analysis.mentions.len() / 3;
        analysis.mentions.rotate_left(k);
        let shuffled = Index::from_parts(
            ix.name.clone(),
            ix.articles.clone(),
            ix.warnings.clone(),
            analysis,
        );
        let want = companions_reference(&ix);
        assert!(want.iter().any(|c| !c.is_empty()), "no companions to compare");
        assert_eq!(companions_reference(&shuffled), want);
        assert_eq!(companions(&shuffled), want);
    }
}
