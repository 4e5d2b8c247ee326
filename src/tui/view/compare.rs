//! The Compare pane: two or more actors side by side, issue by issue (what
//! each wants, with the evidence under it); or, in its second mode, two or
//! more articles side by side (what each covers, issue by issue).

use super::doc_pane::most_mentioned_first;
use super::issue::{
    actor_columns_fit, actor_mentions, actor_name, evidence_cell, evidence_rows, first_evidence, is_evidence,
    stance_table, summary_cell,
};
use crate::analysis::{ActorId, ArticleId, IssueId, SentenceId, Stance, StanceSummary};
use crate::tui::action::{Action, Nav, PaneId};
use crate::tui::lookup::Lookup;
use crate::tui::pane::{Ctx, ListEntry, Outcome, Pane};
use crate::tui::widgets::doc::{
    clamp_scroll, clip, count, holds, marker, needed, on_screen, short_label, shown_text, Cursor, Doc, Laid,
};
use crate::tui::widgets::table::{CellContent, TableOpts};
use crate::Index;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::borrow::Cow;
use std::sync::Arc;

/// Articles preselected in the article mode, so it is not empty.
const PRESELECT_ARTICLES: usize = 3;
/// Longest first sentence shown per issue per article, in cells.
const SENTENCE_MAX: usize = 200;
/// Narrowest useful article column; below it articles go in rows.
const ARTICLE_COLUMN_MIN: usize = 24;
/// What the issue column of the actors-in-columns table is given, in cells,
/// when deciding whether the actors' columns fit beside it.
const ISSUE_COLUMN: u16 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Actors,
    Articles,
}

pub struct ComparePane {
    mode: Mode,
    /// Actor ids in list order (most mentioned first).
    actors: Vec<ActorId>,
    /// Marked actors, kept in list order.
    marked_actors: Vec<ActorId>,
    marked_articles: Vec<ArticleId>,
    articles: usize,
    /// List selection and main-view cursor, per mode.
    sel: [usize; 2],
    cursor: [Cursor; 2],
    lookup: Arc<Lookup>,
    view: Laid<Shown>,
}

/// Everything the comparison depends on besides the width.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown {
    index: usize,
    color: bool,
    mode: Mode,
    marked: Vec<u32>,
}

impl ComparePane {
    pub fn new(index: &Index) -> ComparePane {
        ComparePane::with_lookup(index, Arc::new(Lookup::new(index)))
    }

    pub fn with_lookup(index: &Index, lookup: Arc<Lookup>) -> ComparePane {
        let actors = most_mentioned_first(index.analysis.actors.iter().map(|a| a.id), |id| {
            actor_mentions(index, id)
        });
        // The two most mentioned, so the pane shows a comparison at once.
        let marked_actors = actors.iter().take(2).copied().collect();
        let n = index.articles.len();
        ComparePane {
            mode: Mode::Actors,
            actors,
            marked_actors,
            marked_articles: (0..n.min(PRESELECT_ARTICLES) as ArticleId).collect(),
            articles: n,
            sel: [0; 2],
            cursor: [Cursor::default(); 2],
            lookup,
            view: Laid::default(),
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The marked actors (columns of the comparison), in list order.
    pub fn marked_actors(&self) -> &[ActorId] {
        &self.marked_actors
    }

    pub fn marked_articles(&self) -> &[ArticleId] {
        &self.marked_articles
    }

    fn m(&self) -> usize {
        match self.mode {
            Mode::Actors => 0,
            Mode::Articles => 1,
        }
    }

    fn len(&self) -> usize {
        match self.mode {
            Mode::Actors => self.actors.len(),
            Mode::Articles => self.articles,
        }
    }

    fn shown(&self, ctx: &Ctx) -> Shown {
        Shown {
            index: ctx.index as *const Index as usize,
            color: ctx.theme.color,
            mode: self.mode,
            marked: match self.mode {
                Mode::Actors => self.marked_actors.clone(),
                Mode::Articles => self.marked_articles.clone(),
            },
        }
    }

    /// The main view as last prepared, or laid out afresh if it was
    /// prepared for something else.
    fn view(&self, ctx: &Ctx, area: Rect) -> Cow<'_, Doc> {
        self.view.get(
            &self.shown(ctx),
            area.width,
            on_screen(&self.cursor[self.m()], area),
            || self.doc(ctx, area.width),
        )
    }

    /// The main view for the current state at `width`, laid out only if
    /// the one kept is for something else; with the cursors that move over it.
    fn prepared(&mut self, ctx: &Ctx, area: Rect, action: Option<&Action>) -> (&Doc, &mut [Cursor; 2]) {
        let shown = self.shown(ctx);
        let cursor = self.cursor[self.m()];
        let top = needed(&cursor, action, area);
        let mut view = std::mem::take(&mut self.view);
        view.ensure(
            shown,
            area.width,
            top,
            |d| holds(d, &cursor, action, Some(&is_evidence)),
            |top| Doc::build(area.width, top, |d| self.fill(d, ctx)),
        );
        self.view = view;
        (self.view.kept(), &mut self.cursor)
    }

    /// The main view laid out for `width`, afresh and whole.
    pub fn doc(&self, ctx: &Ctx, width: u16) -> Doc {
        Doc::build(width, None, |d| self.fill(d, ctx))
    }

    fn fill(&self, d: &mut Doc, ctx: &Ctx) {
        match self.mode {
            Mode::Actors => self.actors_doc(d, ctx),
            Mode::Articles => self.articles_doc(d, ctx),
        }
    }

    fn toggle_mark(&mut self, index: &Index) -> Outcome {
        let sel = self.sel[self.m()];
        let (name, now, count) = match self.mode {
            Mode::Actors => {
                let Some(&id) = self.actors.get(sel) else {
                    return Outcome::None;
                };
                let now = toggle(&mut self.marked_actors, id);
                // Columns follow the list order, whatever order they were marked in.
                let order = &self.actors;
                self.marked_actors
                    .sort_by_key(|a| order.iter().position(|x| x == a));
                (actor_name(index, id), now, self.marked_actors.len())
            }
            Mode::Articles => {
                if sel >= self.articles {
                    return Outcome::None;
                }
                let id = sel as ArticleId;
                let now = toggle(&mut self.marked_articles, id);
                self.marked_articles.sort_unstable();
                (short_label(index, id), now, self.marked_articles.len())
            }
        };
        self.cursor[self.m()] = Cursor::default();
        let what = if now { "marked" } else { "unmarked" };
        Outcome::Status(format!("{what} {name} · {count} to compare"))
    }

    fn actors_doc(&self, d: &mut Doc, ctx: &Ctx) {
        let ix = ctx.index;
        let th = ctx.theme;
        if ix.analysis.actors.is_empty() {
            d.text(
                "No actors were found in these articles, so there is no one to compare.",
                th.dim,
                &[],
                0,
            );
            return;
        }
        let who = &self.marked_actors;
        if who.len() < 2 {
            d.text(
                "Mark two or more actors in the list (space) to compare what they want.",
                th.dim,
                &[],
                0,
            );
            if who.is_empty() {
                return;
            }
            d.blank();
        }
        let names: Vec<String> = who.iter().map(|&a| actor_name(ix, a)).collect();
        d.text(&names.join(" · "), th.title, &[], 0);
        d.blank();
        // Issues where any of them has a stance, most mentioned first.
        let mut issues: Vec<IssueId> = who
            .iter()
            .flat_map(|&a| self.lookup.actor_summaries(ix, a))
            .map(|s| s.issue)
            .collect();
        sort_issues(ix, &mut issues);
        if issues.is_empty() {
            d.text("None of them has a stance found on any issue.", th.dim, &[], 0);
            return;
        }
        if actor_columns_fit(d.width.saturating_sub(ISSUE_COLUMN + 3), who.len()) {
            self.actor_columns(d, ctx, &issues);
        } else {
            for &issue in &issues {
                d.item(
                    &issue_name(ix, issue),
                    th.heading,
                    &[],
                    0,
                    Some(Nav::Issue(issue)),
                );
                stance_table(d, ctx, &self.lookup, issue, Some(who), true);
                d.blank();
            }
        }
        let spoken: std::collections::HashSet<IssueId> = issues.iter().copied().collect();
        let silent: Vec<String> = ix
            .analysis
            .issues
            .iter()
            .filter(|i| !spoken.contains(&i.id))
            .map(|i| i.name.clone())
            .collect();
        if !silent.is_empty() {
            d.blank();
            d.text(
                &format!("No stance from them found on: {}", silent.join(", ")),
                th.dim,
                &[],
                0,
            );
        }
    }

    /// One table: issues in rows, actors in columns; under each summary row,
    /// the stances behind it.
    fn actor_columns(&self, d: &mut Doc, ctx: &Ctx, issues: &[IssueId]) {
        let ix = ctx.index;
        let th = ctx.theme;
        let who = &self.marked_actors;
        let mut header = vec![CellContent::new("Issue")];
        header.extend(
            who.iter()
                .map(|&a| CellContent::styled(actor_name(ix, a), th.speaker(Some(a)))),
        );
        let mut rows: Vec<Vec<CellContent>> = Vec::new();
        let mut targets: Vec<Vec<Option<Nav>>> = Vec::new();
        let mut rule_before = Vec::new();
        for &issue in issues {
            if !rows.is_empty() {
                rule_before.push(rows.len());
            }
            let sums: Vec<Option<&StanceSummary>> = who
                .iter()
                .map(|&a| self.lookup.actor_summaries(ix, a).find(|s| s.issue == issue))
                .collect();
            let mut row = vec![CellContent::styled(issue_name(ix, issue), th.title)];
            let mut t = vec![Some(Nav::Issue(issue))];
            for s in &sums {
                match s {
                    Some(s) => {
                        row.push(summary_cell(ctx, s));
                        t.push(first_evidence(ix, s));
                    }
                    None => {
                        row.push(CellContent::styled("—", th.dim));
                        t.push(None);
                    }
                }
            }
            rows.push(row);
            targets.push(t);
            let evs: Vec<Vec<&Stance>> = sums
                .iter()
                .map(|s| s.map(|s| evidence_rows(ix, s)).unwrap_or_default())
                .collect();
            let deepest = evs.iter().map(Vec::len).max().unwrap_or(0);
            for i in 0..deepest {
                let mut row = vec![CellContent::default()];
                let mut t = vec![None];
                for e in &evs {
                    match e.get(i) {
                        Some(st) => {
                            row.push(evidence_cell(ctx, st));
                            t.push(Some(Nav::Evidence(st.at)));
                        }
                        None => {
                            row.push(CellContent::default());
                            t.push(None);
                        }
                    }
                }
                rows.push(row);
                targets.push(t);
            }
        }
        let opts = TableOpts {
            header: th.heading,
            border: th.border,
            rule_before,
            ..TableOpts::default()
        };
        d.table_of(&header, &rows, &opts, &targets);
    }

    fn articles_doc(&self, d: &mut Doc, ctx: &Ctx) {
        let ix = ctx.index;
        let th = ctx.theme;
        if ix.articles.is_empty() {
            d.text("No articles loaded.", th.dim, &[], 0);
            return;
        }
        let arts = &self.marked_articles;
        if arts.len() < 2 {
            d.text(
                "Mark two or more articles in the list (space) to compare what they cover.",
                th.dim,
                &[],
                0,
            );
            if arts.is_empty() {
                return;
            }
            d.blank();
        }
        let labels: Vec<String> = arts.iter().map(|&a| short_label(ix, a)).collect();
        for (&a, l) in arts.iter().zip(&labels) {
            let n = issue_mentions(ix, a);
            let line = format!("{l} · {}", count(n, "issue mention", "issue mentions"));
            d.text(&line, th.title, &[(l.len()..line.len(), th.dim)], 0);
        }
        d.blank();
        let mut issues: Vec<IssueId> = ix
            .analysis
            .issues
            .iter()
            .filter(|i| arts.iter().any(|&a| mentions_in(ix, i.id, a) > 0))
            .map(|i| i.id)
            .collect();
        sort_issues(ix, &mut issues);
        if issues.is_empty() {
            d.text("No issues were found in these articles.", th.dim, &[], 0);
            return;
        }
        let covering = |issue: IssueId| -> Vec<ArticleId> {
            arts.iter()
                .copied()
                .filter(|&a| mentions_in(ix, issue, a) > 0)
                .collect()
        };
        let sep = 3usize;
        let per_col = (d.width as usize).saturating_add(sep) / (arts.len() + 1).max(1);
        let opts = TableOpts {
            header: th.heading,
            border: th.border,
            row_rules: true,
            ..TableOpts::default()
        };
        if per_col >= ARTICLE_COLUMN_MIN + sep {
            let mut header = vec![CellContent::new("Issue")];
            header.extend(labels.iter().map(|l| CellContent::new(l.as_str())));
            let mut rows = Vec::new();
            let mut targets = Vec::new();
            let mut who = vec![CellContent::styled("Most named", th.title)];
            let mut who_t = vec![None];
            for &a in arts {
                let (c, t) = most_named(ctx, a);
                who.push(c);
                who_t.push(t);
            }
            rows.push(who);
            targets.push(who_t);
            for &issue in &issues {
                let cov = covering(issue);
                let mut name = CellContent::styled(issue_name(ix, issue), th.title);
                if cov.len() == 1 && arts.len() > 1 {
                    name.push(&format!("\nonly in {}", marker(cov[0])), th.warning);
                }
                let mut row = vec![name];
                let mut t = vec![Some(Nav::Issue(issue))];
                for &a in arts {
                    let (c, target) = coverage_cell(ctx, issue, a);
                    row.push(c);
                    t.push(target);
                }
                rows.push(row);
                targets.push(t);
            }
            d.table_of(&header, &rows, &opts, &targets);
        } else {
            d.text("Most named", th.heading, &[], 0);
            let mut rows = Vec::new();
            let mut targets = Vec::new();
            for &a in arts {
                let (c, t) = most_named(ctx, a);
                rows.push(vec![CellContent::styled(marker(a), th.tag), c]);
                targets.push(vec![None, t]);
            }
            d.table_of(&[], &rows, &opts, &targets);
            d.blank();
            for &issue in &issues {
                let cov = covering(issue);
                let mut styles = Vec::new();
                let mut title = issue_name(ix, issue);
                if cov.len() == 1 && arts.len() > 1 {
                    let start = title.len();
                    title.push_str(&format!(" · only in {}", marker(cov[0])));
                    styles.push((start..title.len(), th.warning));
                }
                d.item(&title, th.heading, &styles, 0, Some(Nav::Issue(issue)));
                let mut rows = Vec::new();
                let mut targets = Vec::new();
                for &a in arts {
                    let (c, t) = coverage_cell(ctx, issue, a);
                    rows.push(vec![CellContent::styled(marker(a), th.tag), c]);
                    targets.push(vec![None, t]);
                }
                d.table_of(&[], &rows, &opts, &targets);
                d.blank();
            }
        }
    }
}

fn toggle<T: PartialEq>(v: &mut Vec<T>, x: T) -> bool {
    match v.iter().position(|y| *y == x) {
        Some(i) => {
            v.remove(i);
            false
        }
        None => {
            v.push(x);
            true
        }
    }
}

fn sort_issues(index: &Index, issues: &mut Vec<IssueId>) {
    issues.sort_by_key(|&i| {
        let m = index.analysis.issues.get(i as usize).map_or(0, |x| x.mentions);
        (std::cmp::Reverse(m), i)
    });
    issues.dedup();
}

fn issue_name(index: &Index, issue: IssueId) -> String {
    index
        .analysis
        .issues
        .get(issue as usize)
        .map_or_else(|| format!("issue {issue}"), |i| i.name.clone())
}

/// Mentions of any issue in `article`.
fn issue_mentions(index: &Index, article: ArticleId) -> u64 {
    index
        .analysis
        .issues
        .iter()
        .map(|i| u64::from(mentions_in(index, i.id, article)))
        .sum()
}

fn mentions_in(index: &Index, issue: IssueId, article: ArticleId) -> u32 {
    index
        .analysis
        .issues
        .get(issue as usize)
        .map_or(0, |i| i.mentions_by_article.get(article))
}

/// The first sentence of `article` on `issue`.
fn first_sentence(index: &Index, issue: IssueId, article: ArticleId) -> Option<SentenceId> {
    index.article_sentences(article).find(|&s| {
        index
            .analysis
            .sentences
            .get(s as usize)
            .is_some_and(|x| x.issues.contains(&issue))
    })
}

/// What an article says on an issue: how often, and its first sentence on it.
fn coverage_cell(ctx: &Ctx, issue: IssueId, article: ArticleId) -> (CellContent, Option<Nav>) {
    let ix = ctx.index;
    let th = ctx.theme;
    let n = mentions_in(ix, issue, article);
    if n == 0 {
        return (CellContent::styled("not covered", th.dim), None);
    }
    let mut c = CellContent::styled(count(n, "mention", "mentions"), th.dim);
    let first = first_sentence(ix, issue, article);
    if let Some(ev) = first.and_then(|s| ix.analysis.sentences.get(s as usize)) {
        c.push("\n", th.text);
        c.push(&clip(&shown_text(ix, &ev.evidence()), SENTENCE_MAX), th.text);
    }
    let target = first
        .and_then(|s| ix.analysis.sentences.get(s as usize))
        .map(|s| Nav::Evidence(s.evidence()));
    (c, target)
}

/// The three actors an article names most, with counts; Enter goes to the first.
fn most_named(ctx: &Ctx, article: ArticleId) -> (CellContent, Option<Nav>) {
    let ix = ctx.index;
    let mut v: Vec<(u32, ActorId)> = ix
        .analysis
        .actors
        .iter()
        .filter_map(|a| {
            let n = a.mentions_by_article.get(article);
            (n > 0).then_some((n, a.id))
        })
        .collect();
    v.sort_by_key(|&(n, id)| (std::cmp::Reverse(n), id));
    if v.is_empty() {
        return (CellContent::styled("no one", ctx.theme.dim), None);
    }
    let mut c = CellContent::default();
    for (i, &(n, id)) in v.iter().take(3).enumerate() {
        if i > 0 {
            c.push(", ", ctx.theme.dim);
        }
        c.push(&actor_name(ix, id), ctx.theme.speaker(Some(id)));
        c.push(&format!(" {n}"), ctx.theme.dim);
    }
    (c, v.first().map(|&(_, id)| Nav::Actor(id)))
}

impl Pane for ComparePane {
    fn id(&self) -> PaneId {
        PaneId::Compare
    }

    fn entry_count(&self, _ctx: &Ctx) -> usize {
        self.len()
    }

    fn entry(&self, ctx: &Ctx, i: usize) -> Option<ListEntry> {
        let ix = ctx.index;
        match self.mode {
            Mode::Actors => {
                let a = ix.analysis.actors.get(*self.actors.get(i)? as usize)?;
                Some(ListEntry {
                    label: a.name.clone(),
                    count: Some(a.mentions as usize),
                    marked: self.marked_actors.contains(&a.id),
                })
            }
            Mode::Articles => {
                let a = (i < self.articles).then_some(i as ArticleId)?;
                Some(ListEntry {
                    label: short_label(ix, a),
                    // The list draws counts bare; how much an article says on
                    // the issues is shown, labelled, in the comparison.
                    count: None,
                    marked: self.marked_articles.contains(&a),
                })
            }
        }
    }

    fn selected(&self) -> usize {
        self.sel[self.m()]
    }

    fn select(&mut self, i: usize, _ctx: &Ctx) {
        let m = self.m();
        self.sel[m] = i.min(self.len().saturating_sub(1));
    }

    fn update(&mut self, action: &Action, ctx: &Ctx, area: Rect) -> Outcome {
        match action {
            Action::ToggleMark => return self.toggle_mark(ctx.index),
            Action::ToggleCompareMode => {
                self.mode = match self.mode {
                    Mode::Actors => Mode::Articles,
                    Mode::Articles => Mode::Actors,
                };
                let what = match self.mode {
                    Mode::Actors => "comparing actors",
                    Mode::Articles => "comparing articles",
                };
                return Outcome::Status(format!("{what} (m switches)"));
            }
            _ => {}
        }
        let m = self.m();
        let (doc, cursor) = self.prepared(ctx, area, Some(action));
        let cursor = &mut cursor[m];
        match action {
            Action::Copy => super::issue::copy_selected(doc, cursor, ctx.index),
            Action::NextQuote | Action::PrevQuote => {
                let fwd = *action == Action::NextQuote;
                cursor.seek(doc, fwd, area.height as usize, "evidence", is_evidence)
            }
            _ => cursor.update(doc, action, area).unwrap_or_default(),
        }
    }

    /// Only as much of the view is laid out as the cursor needs (`needed`).
    fn prepare(&mut self, ctx: &Ctx, area: Rect) {
        let m = self.m();
        let (doc, cursors) = self.prepared(ctx, area, None);
        if clamp_scroll(&mut cursors[m], doc, area) {
            self.prepared(ctx, area, None);
        }
    }

    fn forget_layout(&mut self) {
        self.view = Laid::default();
    }

    fn navigate(&mut self, _nav: Nav, _ctx: &Ctx, _area: Rect) -> bool {
        // Nothing navigates here: actors and issues have their own panes.
        false
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let doc = self.view(ctx, area);
        let lines = doc.visible(&self.cursor[self.m()], area.height as usize, ctx.theme.selected);
        f.render_widget(Paragraph::new(lines), area);
    }

    fn position(&self, ctx: &Ctx, area: Rect) -> String {
        let doc = self.view(ctx, area);
        let cursor = &self.cursor[self.m()];
        let pct = doc.progress(cursor, area.height as usize, needed(cursor, None, area));
        match self.mode {
            Mode::Actors => format!(
                "{} marked · {pct}",
                count(self.marked_actors.len() as u64, "actor", "actors")
            ),
            Mode::Articles => format!(
                "{} marked · {pct}",
                count(self.marked_articles.len() as u64, "article", "articles")
            ),
        }
    }

    fn left_leaves(&self, ctx: &Ctx, area: Rect) -> bool {
        let mut doc = self.view(ctx, area);
        if !doc.home_known() {
            // Which cell a fresh cursor starts on is below the top kept.
            doc = Cow::Owned(self.doc(ctx, area.width));
        }
        doc.left_leaves(self.cursor[self.m()].current(&doc))
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("space", "mark"),
            ("m", "actors/articles"),
            ("↑↓←→", "move"),
            ("⏎", "open"),
            ("n/N", "next/previous evidence"),
            ("y", "copy"),
        ]
    }
}
