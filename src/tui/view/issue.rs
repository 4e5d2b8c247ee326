//! The Issues pane: the list of issues, and for the selected one who wants
//! what (a comparison table of stance summaries, each marked with its source
//! articles) and what the sources say (aligned passages side by side, with
//! what only one source says marked so).

use super::doc_pane::{most_mentioned_first, DocPane, Sought, Subject};
use crate::analysis::{ActorId, ArticleId, IssueId, SentenceId, Stance, StanceSummary};
use crate::tui::action::{Nav, PaneId};
use crate::tui::lookup::Lookup;
use crate::tui::pane::{Ctx, Outcome};
use crate::tui::widgets::doc::{
    article_name, citation, clip, count, marker, markers, short_label, shown_text, Cursor, Doc, Item,
};
use crate::tui::widgets::table::{CellContent, TableOpts};
use crate::Index;
use std::sync::Arc;

/// Narrowest actor column; when the actors' columns would be narrower, or
/// there are more than `COLUMNS_MAX_ACTORS`, the comparison table puts
/// actors in rows instead.
pub const ACTOR_COLUMN_MIN: usize = 24;
pub const COLUMNS_MAX_ACTORS: usize = 3;
/// Past this many articles, an issue's per-article counts are summarised.
const PER_ARTICLE_MAX: usize = 8;

/// Whether `n` actor columns fit in `width` cells (with ` │ ` between them).
pub(crate) fn actor_columns_fit(width: u16, n: usize) -> bool {
    let seps = 3 * n.saturating_sub(1);
    n > 0 && n <= COLUMNS_MAX_ACTORS && (width as usize).saturating_sub(seps) / n >= ACTOR_COLUMN_MIN
}
/// Narrowest useful column of aligned passages; below it they are stacked.
const PASSAGE_MIN_WIDTH: usize = 24;
/// Longest passage shown in a table cell, in cells.
const PASSAGE_MAX: usize = 400;

/// The Issues pane's list: issues, most mentioned first.
pub struct Issues {
    order: Vec<IssueId>,
    lookup: Arc<Lookup>,
}

pub type IssuesPane = DocPane<Issues>;

impl IssuesPane {
    pub fn new(index: &Index) -> IssuesPane {
        IssuesPane::with_lookup(index, Arc::new(Lookup::new(index)))
    }

    pub fn with_lookup(index: &Index, lookup: Arc<Lookup>) -> IssuesPane {
        let order = most_mentioned_first(index.analysis.issues.iter().map(|i| i.id), |id| {
            Issues::named(index, id).map_or(0, |n| n.1)
        });
        DocPane::with_subject(Issues { order, lookup })
    }
}

impl Subject for Issues {
    const PANE: PaneId = PaneId::Issues;
    const ONE: &'static str = "issue";
    const NONE: &'static str = "no issues";

    fn ids(&self) -> &[u32] {
        &self.order
    }

    fn id_of(nav: Nav) -> Option<u32> {
        match nav {
            Nav::Issue(id) => Some(id),
            _ => None,
        }
    }

    fn named(index: &Index, id: u32) -> Option<(&str, u32)> {
        let i = index.analysis.issues.get(id as usize)?;
        Some((&i.name, i.mentions))
    }

    fn layout(&self, ctx: &Ctx, i: usize, d: &mut Doc) {
        let Some(&id) = self.order.get(i) else {
            d.text(
                "No issues were found in these articles. Issues come from the lexicon's topics and from labels the articles use (table rows, list leads, headings).",
                ctx.theme.dim,
                &[],
                0,
            );
            return;
        };
        issue_doc(d, ctx, &self.lookup, id);
    }

    fn sought(&self, _ctx: &Ctx, _i: usize) -> (&'static str, Sought) {
        ("evidence", Box::new(is_evidence))
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("↑↓", "row"),
            ("←→", "cell"),
            ("⏎", "open in article"),
            ("n/N", "next/previous evidence"),
            ("y", "copy"),
            ("esc", "back"),
        ]
    }
}

/// A stance by id (ids are positions; checked, never trusted).
pub(crate) fn stance(index: &Index, id: u32) -> Option<&Stance> {
    let s = &index.analysis.stances;
    s.get(id as usize)
        .filter(|s| s.id == id)
        .or_else(|| s.iter().find(|s| s.id == id))
}

/// The summaries on an issue, most mentioned actor first.
pub(crate) fn summaries_on<'a>(
    index: &'a Index,
    lookup: &'a Lookup,
    issue: IssueId,
) -> Vec<&'a StanceSummary> {
    let mut v: Vec<&StanceSummary> = lookup.issue_summaries(index, issue).collect();
    v.sort_by_key(|s| (std::cmp::Reverse(actor_mentions(index, s.actor)), s.actor));
    v
}

pub(crate) fn actor_mentions(index: &Index, a: ActorId) -> u32 {
    index.analysis.actors.get(a as usize).map_or(0, |a| a.mentions)
}

pub(crate) fn actor_name(index: &Index, a: ActorId) -> String {
    index
        .analysis
        .actors
        .get(a as usize)
        .map_or_else(|| format!("actor {a}"), |a| a.name.clone())
}

/// A summary cell: the summary with the markers of the articles behind it.
pub(crate) fn summary_cell(ctx: &Ctx, s: &StanceSummary) -> CellContent {
    let arts: Vec<ArticleId> = s
        .stances
        .iter()
        .filter_map(|&id| stance(ctx.index, id))
        .map(|st| st.at.article)
        .collect();
    let mut c = CellContent::new(s.summary.trim());
    if !arts.is_empty() {
        c.push(" ", ctx.theme.text);
        c.push(&markers(arts), ctx.theme.tag);
    }
    // With no evidence rows under it, the summary carries its source kind.
    if evidence_rows(ctx.index, s).is_empty() {
        if let Some(st) = s.stances.first().and_then(|&id| stance(ctx.index, id)) {
            c.push(&format!(" {}", st.source.name()), ctx.theme.dim);
        }
    }
    c
}

/// Where a summary's strongest stance was read.
pub(crate) fn first_evidence(index: &Index, s: &StanceSummary) -> Option<Nav> {
    s.stances
        .iter()
        .find_map(|&id| stance(index, id))
        .map(|st| Nav::Evidence(st.at))
}

/// One stance as evidence: `“words” [1] table`.
pub(crate) fn evidence_cell(ctx: &Ctx, st: &Stance) -> CellContent {
    let words = shown_text(ctx.index, &st.at);
    let words = if words.trim().is_empty() {
        st.text(&ctx.index.articles)
    } else {
        words.as_str()
    };
    let mut c = CellContent::styled(format!("“{}”", clip(words.trim(), 160)), ctx.theme.dim);
    c.push(" ", ctx.theme.dim);
    c.push(&marker(st.at.article), ctx.theme.tag);
    c.push(&format!(" {}", st.source.name()), ctx.theme.dim);
    c
}

/// The stances behind a summary worth listing under it: all of them, unless
/// there is just one and it says exactly the summary.
pub(crate) fn evidence_rows<'a>(index: &'a Index, s: &StanceSummary) -> Vec<&'a Stance> {
    let v: Vec<&Stance> = s.stances.iter().filter_map(|&id| stance(index, id)).collect();
    if v.len() == 1 && v[0].text(&index.articles).trim() == s.summary.trim() {
        return Vec::new();
    }
    v
}

fn issue_doc(d: &mut Doc, ctx: &Ctx, lookup: &Lookup, id: IssueId) {
    let ix = ctx.index;
    let th = ctx.theme;
    let Some(issue) = ix.analysis.issues.get(id as usize) else {
        d.text("This issue is not in the index.", th.warning, &[], 0);
        return;
    };
    d.text(&issue.name, th.title, &[], 0);
    d.text(&issue_meta(issue, ix.articles.len()), th.dim, &[], 0);
    let labels: Vec<&str> = issue
        .labels
        .iter()
        .map(String::as_str)
        .filter(|l| !l.eq_ignore_ascii_case(&issue.name))
        .collect();
    if !labels.is_empty() {
        d.text(&format!("also called: {}", labels.join(", ")), th.dim, &[], 0);
    }
    d.blank();
    d.text("Who wants what", th.heading, &[], 0);
    stance_table(d, ctx, lookup, id, None, false);
    d.blank();
    d.text("What the sources say", th.heading, &[], 0);
    // The top of a long view may be full already.
    if !d.is_full() {
        passages(d, ctx, lookup, id);
    }
}

/// How much an issue is spoken of: `3 mentions in 2 of 3 articles · [1] 2,
/// [3] 1`; past `PER_ARTICLE_MAX` articles, only the article with the most.
pub(crate) fn issue_meta(issue: &crate::analysis::Issue, articles: usize) -> String {
    let per: Vec<(usize, u32)> = issue
        .mentions_by_article
        .iter()
        .map(|(a, n)| (a as usize, n))
        .collect();
    let mut meta = format!(
        "{} in {} of {}",
        count(issue.mentions, "mention", "mentions"),
        per.len(),
        count(articles as u64, "article", "articles")
    );
    if per.len() > PER_ARTICLE_MAX {
        if let Some(&(a, n)) = per.iter().max_by_key(|&&(a, n)| (n, std::cmp::Reverse(a))) {
            meta.push_str(&format!(" · most: {n} in {}", marker(a as ArticleId)));
        }
    } else if !per.is_empty() {
        let list: Vec<String> = per
            .iter()
            .map(|&(a, n)| format!("{} {n}", marker(a as ArticleId)))
            .collect();
        meta.push_str(" · ");
        meta.push_str(&list.join(", "));
    }
    meta
}

/// Actors side by side: in columns when wide enough and few, else in rows.
/// `only`: just these actors, in this order (the compare pane's choice,
/// which also decides rows or columns: `force_rows`).
pub(crate) fn stance_table(
    d: &mut Doc,
    ctx: &Ctx,
    lookup: &Lookup,
    issue: IssueId,
    only: Option<&[ActorId]>,
    force_rows: bool,
) {
    let ix = ctx.index;
    let th = ctx.theme;
    if d.is_full() {
        return;
    }
    let mut sums = summaries_on(ix, lookup, issue);
    if let Some(only) = only {
        sums.retain(|s| only.contains(&s.actor));
        sums.sort_by_key(|s| only.iter().position(|&a| a == s.actor));
    }
    if sums.is_empty() {
        d.text("No one's stance on this issue was found.", th.dim, &[], 0);
        return;
    }
    let opts = TableOpts {
        header: th.heading,
        border: th.border,
        ..TableOpts::default()
    };
    let first_ev = |s: &StanceSummary| first_evidence(ix, s);
    if !force_rows && actor_columns_fit(d.width, sums.len()) {
        let header: Vec<CellContent> = sums
            .iter()
            .map(|s| CellContent::styled(actor_name(ix, s.actor), th.speaker(Some(s.actor))))
            .collect();
        let mut rows = vec![sums.iter().map(|s| summary_cell(ctx, s)).collect::<Vec<_>>()];
        let mut targets = vec![sums.iter().map(|s| first_ev(s)).collect::<Vec<_>>()];
        let evs: Vec<Vec<&Stance>> = sums.iter().map(|s| evidence_rows(ix, s)).collect();
        let deepest = evs.iter().map(Vec::len).max().unwrap_or(0);
        for i in 0..deepest {
            rows.push(
                evs.iter()
                    .map(|e| {
                        e.get(i)
                            .map_or_else(CellContent::default, |st| evidence_cell(ctx, st))
                    })
                    .collect(),
            );
            targets.push(
                evs.iter()
                    .map(|e| e.get(i).map(|st| Nav::Evidence(st.at)))
                    .collect(),
            );
        }
        let opts = TableOpts {
            rule_before: if deepest > 0 { vec![1] } else { Vec::new() },
            ..opts
        };
        d.table_of(&header, &rows, &opts, &targets);
    } else {
        let header = vec![CellContent::new("Actor"), CellContent::new("Wants")];
        let mut rows = Vec::new();
        let mut targets = Vec::new();
        let mut rule_before = Vec::new();
        for s in &sums {
            if !rows.is_empty() {
                rule_before.push(rows.len());
            }
            rows.push(vec![
                CellContent::styled(actor_name(ix, s.actor), th.speaker(Some(s.actor))),
                summary_cell(ctx, s),
            ]);
            targets.push(vec![Some(Nav::Actor(s.actor)), first_ev(s)]);
            for st in evidence_rows(ix, s) {
                rows.push(vec![CellContent::default(), evidence_cell(ctx, st)]);
                targets.push(vec![None, Some(Nav::Evidence(st.at))]);
            }
        }
        // Tables for several issues (compare) line up: the actor column is
        // as wide as the widest name of those compared.
        let names = only.map_or(0, |o| {
            o.iter()
                .map(|&a| unicode_width::UnicodeWidthStr::width(actor_name(ix, a).as_str()))
                .max()
                .unwrap_or(0)
        });
        let opts = TableOpts {
            rule_before,
            min_widths: vec![names.min(d.width as usize / 3)],
            ..opts
        };
        d.table_of(&header, &rows, &opts, &targets);
    }
}

/// A group's passages: (article, sentence), in article order.
type Passages = Vec<(ArticleId, SentenceId)>;

/// The groups on an issue: those several sources share first (most sources,
/// most alike), then what one source alone says, in article order.
fn groups_on(index: &Index, lookup: &Lookup, issue: IssueId) -> Vec<(Passages, bool)> {
    let mut v: Vec<(Passages, bool, f32)> = lookup
        .issue_alignments(index, issue)
        .map(|g| {
            let ps: Vec<(ArticleId, SentenceId)> = g
                .passages
                .iter()
                .filter_map(|&s| index.analysis.sentences.get(s as usize).map(|x| (x.article, s)))
                .collect();
            let single = g.single_source || ps.len() <= 1;
            (ps, single, g.similarity)
        })
        .filter(|(ps, _, _)| !ps.is_empty())
        .collect();
    v.sort_by(|a, b| {
        a.1.cmp(&b.1)
            .then(b.0.len().cmp(&a.0.len()))
            .then(b.2.total_cmp(&a.2))
            .then(a.0.first().cmp(&b.0.first()))
    });
    v.into_iter().map(|(p, s, _)| (p, s)).collect()
}

/// Aligned passages: one column per source article, when there is room;
/// else each group stacked, one passage per row.
fn passages(d: &mut Doc, ctx: &Ctx, lookup: &Lookup, issue: IssueId) {
    let ix = ctx.index;
    let th = ctx.theme;
    let groups = groups_on(ix, lookup, issue);
    if groups.is_empty() {
        d.text(
            "No passages on this issue were aligned across sources.",
            th.dim,
            &[],
            0,
        );
        return;
    }
    let mut arts: Vec<ArticleId> = groups.iter().flat_map(|g| g.0.iter().map(|p| p.0)).collect();
    arts.sort_unstable();
    arts.dedup();
    let opts = TableOpts {
        header: th.heading,
        border: th.border,
        ..TableOpts::default()
    };
    let words = |s: SentenceId| {
        let text = ix
            .analysis
            .sentences
            .get(s as usize)
            .map(|x| shown_text(ix, &x.evidence()))
            .unwrap_or_default();
        clip(&text, PASSAGE_MAX)
    };
    let passage = |a: ArticleId, s: SentenceId, single: bool| {
        let text = words(s);
        let mut c = CellContent::default();
        if single {
            c.push(&format!("only in {}: ", marker(a)), th.warning);
        }
        c.push(&text, th.text);
        c
    };
    let ev = |s: SentenceId| {
        ix.analysis
            .sentences
            .get(s as usize)
            .map(|x| Nav::Evidence(x.evidence()))
    };
    let sep = 3usize;
    let fits = (d.width as usize).saturating_add(sep) / arts.len().max(1) >= PASSAGE_MIN_WIDTH + sep;
    if fits && arts.len() > 1 {
        let header: Vec<CellContent> = arts
            .iter()
            .map(|&a| CellContent::new(short_label(ix, a)))
            .collect();
        let mut rows = Vec::new();
        let mut targets = Vec::new();
        for (ps, single) in &groups {
            let mut row = vec![CellContent::default(); arts.len()];
            let mut t = vec![None; arts.len()];
            for &(a, s) in ps {
                if let Some(c) = arts.iter().position(|&x| x == a) {
                    row[c] = passage(a, s, *single);
                    t[c] = ev(s);
                }
            }
            rows.push(row);
            targets.push(t);
        }
        let opts = TableOpts {
            row_rules: true,
            ..opts
        };
        d.table_of(&header, &rows, &opts, &targets);
    } else {
        let mut rows = Vec::new();
        let mut targets = Vec::new();
        let mut rule_before = Vec::new();
        for (ps, single) in &groups {
            if !rows.is_empty() {
                rule_before.push(rows.len());
            }
            for &(a, s) in ps {
                let mut label = CellContent::styled(marker(a), th.tag);
                label.push(&format!(" {}", clip(&article_name(ix, a), 16)), th.dim);
                let mut text = CellContent::new(words(s));
                if *single {
                    text = passage(a, s, true);
                }
                rows.push(vec![label, text]);
                targets.push(vec![None, ev(s)]);
            }
        }
        let opts = TableOpts { rule_before, ..opts };
        d.table_of(&[], &rows, &opts, &targets);
    }
}

/// Items that lead to words in an article.
pub(crate) fn is_evidence(it: &Item) -> bool {
    matches!(it.target, Some(Nav::Evidence(_)))
}

/// Copying the selected item: the words with their citation.
pub(crate) fn copy_selected(doc: &Doc, cursor: &Cursor, index: &Index) -> Outcome {
    match doc.items.get(cursor.current(doc)).and_then(|it| it.target) {
        Some(Nav::Evidence(ev)) => Outcome::Copy(citation(index, &ev)),
        _ => Outcome::Status("nothing to copy here: select a passage, a stance or a quote".into()),
    }
}
