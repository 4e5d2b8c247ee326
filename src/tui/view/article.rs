//! The Articles pane: one article laid out for reading, its quotes coloured
//! by speaker, the words a jump landed on highlighted.

use crate::analysis::{ArticleId, Evidence, Quote, QuoteId};
use crate::corpus::{Article, Block, BlockKind, Table};
use crate::tui::action::{Action, Nav, PaneId};
use crate::tui::lookup::Lookup;
use crate::tui::pane::{Ctx, ListEntry, Outcome, Pane};
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::{wrap, WrappedLine};
use crate::Index;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;
use unicode_width::UnicodeWidthStr;

/// Below this width issue tags go to the status line instead of a margin.
const MARGIN_MIN_WIDTH: u16 = 80;
/// The tag margin's width: wider on wide screens, where tags are longer than room.
fn margin_width(width: u16) -> u16 {
    match width {
        140.. => 26,
        110.. => 20,
        _ => 16,
    }
}

/// Words to highlight in one block (a jump's target or a search match).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Highlight {
    article: ArticleId,
    block: u32,
    ranges: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Default)]
pub struct ArticlePane {
    article: usize,
    scroll: usize,
    quote: Option<QuoteId>,
    highlight: Option<Highlight>,
    lookup: Arc<Lookup>,
    /// The article laid out and what for: made on the update path when the
    /// article, width or marks change (`lay_out`), read by drawing, the
    /// status line and paging. Shared, since places in the history keep
    /// whole copies of this pane.
    laid: Option<(LayoutKey, Rc<Vec<DocLine>>)>,
}

/// Everything a layout depends on.
#[derive(Debug, Clone, PartialEq)]
struct LayoutKey {
    index: usize,
    color: bool,
    article: usize,
    width: u16,
    quote: Option<QuoteId>,
    highlight: Option<Highlight>,
}

/// One laid-out line and the part of a block it shows.
#[derive(Debug, Clone)]
pub struct DocLine {
    pub line: Line<'static>,
    pub block: Option<u32>,
    pub src: Range<usize>,
}

impl ArticlePane {
    pub fn new(index: &Index) -> ArticlePane {
        ArticlePane::with_lookup(Arc::new(Lookup::new(index)))
    }

    /// A pane over the index `lookup` was made from.
    pub fn with_lookup(lookup: Arc<Lookup>) -> ArticlePane {
        ArticlePane {
            lookup,
            ..ArticlePane::default()
        }
    }

    pub fn article(&self) -> usize {
        self.article
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn selected_quote(&self) -> Option<QuoteId> {
        self.quote
    }

    /// The highlighted byte ranges (block, ranges), if a jump or search landed here.
    pub fn highlight(&self) -> Option<(u32, &[Range<usize>])> {
        self.highlight.as_ref().map(|h| (h.block, h.ranges.as_slice()))
    }

    /// Shows `ev`'s article scrolled to it, highlighting `ranges` (byte
    /// ranges of the block's text; the evidence span itself when empty).
    pub fn show(&mut self, ev: Evidence, ranges: Vec<Range<usize>>, ctx: &Ctx, area: Rect) -> bool {
        let Some(block) = ctx.index.block(ev.article, ev.block) else {
            return false;
        };
        let ranges: Vec<Range<usize>> = if ranges.is_empty() {
            vec![ev.span.range()]
        } else {
            ranges
        }
        .into_iter()
        .filter(|r| r.start <= r.end && r.end <= block.text.len())
        .collect();
        self.article = ev.article as usize;
        self.highlight = Some(Highlight {
            article: ev.article,
            block: ev.block,
            ranges,
        });
        // A jump onto a quote selects it, so n/N, Enter and y go on from there.
        let here: Vec<&Quote> = self
            .lookup
            .article_quotes(ctx.index, ev.article)
            .filter(|q| q.at.block == ev.block)
            .collect();
        self.quote = here
            .iter()
            .find(|q| q.at.span.contains(ev.span))
            .or_else(|| here.iter().find(|q| ev.span.contains(q.at.span)))
            .map(|q| q.id);
        let doc = self.lay_out(ctx, area.width);
        if let Some(l) = line_of(&doc, ev.block, ev.span.start as usize) {
            self.scroll = l.saturating_sub(area.height as usize / 3);
        }
        self.clamp(doc.len(), area);
        true
    }

    /// Keeps the reading position across a re-layout (a resize): the text
    /// at the top of `old` is at the top of `new`. Rows move when lines
    /// rewrap; a block and a byte in it do not.
    pub fn relayout(&mut self, ctx: &Ctx, old: Rect, new: Rect) {
        if old.width == new.width && old.height == new.height {
            return;
        }
        let doc = self.lay_out(ctx, old.width);
        let top = self.scroll.min(doc.len().saturating_sub(old.height as usize));
        if top == 0 {
            self.scroll = 0;
            return;
        }
        // The first line at or below the top that shows text, and how far below.
        let Some((below, block, at)) = doc
            .iter()
            .enumerate()
            .skip(top)
            .find_map(|(i, d)| d.block.map(|b| (i - top, b, d.src.start)))
        else {
            return;
        };
        let doc = self.lay_out(ctx, new.width);
        if let Some(l) = line_of(&doc, block, at) {
            self.scroll = l.saturating_sub(below);
        }
        self.clamp(doc.len(), new);
    }

    fn clamp(&mut self, lines: usize, area: Rect) {
        self.scroll = self.scroll.min(lines.saturating_sub(area.height as usize));
    }

    fn current<'a>(&self, index: &'a Index) -> Option<&'a Article> {
        index.articles.get(self.article)
    }

    fn key(&self, ctx: &Ctx, width: u16) -> LayoutKey {
        LayoutKey {
            index: ctx.index as *const Index as usize,
            color: ctx.theme.color,
            article: self.article,
            width,
            quote: self.quote,
            highlight: self.highlight.clone(),
        }
    }

    /// The article laid out to `width` cells, changing nothing: the layout
    /// kept if it is for this state, else a fresh one (kept nowhere).
    pub fn layout(&self, ctx: &Ctx, width: u16) -> Rc<Vec<DocLine>> {
        match &self.laid {
            Some((k, doc)) if *k == self.key(ctx, width) => doc.clone(),
            _ => Rc::new(self.layout_uncached(ctx, width)),
        }
    }

    /// The article laid out to `width` cells, laid out and kept if the
    /// layout kept is for another state.
    fn lay_out(&mut self, ctx: &Ctx, width: u16) -> Rc<Vec<DocLine>> {
        let key = self.key(ctx, width);
        if let Some((k, doc)) = &self.laid {
            if *k == key {
                return doc.clone();
            }
        }
        let doc = Rc::new(self.layout_uncached(ctx, width));
        self.laid = Some((key, doc.clone()));
        doc
    }

    fn layout_uncached(&self, ctx: &Ctx, width: u16) -> Vec<DocLine> {
        match self.current(ctx.index) {
            Some(a) => {
                let quotes: Vec<&Quote> = self
                    .lookup
                    .article_quotes(ctx.index, self.article as ArticleId)
                    .collect();
                layout_article(
                    ctx,
                    &quotes,
                    self.article as ArticleId,
                    a,
                    width,
                    self.quote,
                    self.highlight.as_ref(),
                )
            }
            None => Vec::new(),
        }
    }

    /// The article's quotes in reading order.
    fn quotes_here(&self, index: &Index) -> Vec<QuoteId> {
        let mut qs: Vec<&Quote> = self
            .lookup
            .article_quotes(index, self.article as ArticleId)
            .collect();
        qs.sort_by_key(|q| (q.at.block, q.at.span.start));
        qs.into_iter().map(|q| q.id).collect()
    }

    fn step_quote(&mut self, forward: bool, ctx: &Ctx, area: Rect) -> Outcome {
        let qs = self.quotes_here(ctx.index);
        if qs.is_empty() {
            return Outcome::Status("no quotes in this article".into());
        }
        let doc = self.lay_out(ctx, area.width);
        let line = |id: QuoteId| {
            ctx.index
                .analysis
                .quotes
                .get(id as usize)
                .and_then(|q| line_of(&doc, q.at.block, q.at.span.start as usize))
                .unwrap_or(0)
        };
        let h = area.height as usize;
        let top = self.scroll.min(doc.len().saturating_sub(h));
        let on_screen = |l: usize| l >= top && l < top + h.max(1);
        // A selection scrolled out of sight is not where the reader is: n/N
        // then go from what is on screen.
        let cur = self
            .quote
            .and_then(|q| qs.iter().position(|&x| x == q))
            .filter(|&i| on_screen(line(qs[i])));
        let next = match (cur, forward) {
            (Some(i), true) if i + 1 == qs.len() => None,
            (Some(i), true) => Some(i + 1),
            (Some(0), false) => None,
            (Some(i), false) => Some(i - 1),
            (None, true) => qs.iter().position(|&q| line(q) >= top),
            (None, false) => qs.iter().rposition(|&q| line(q) < top + h.max(1)),
        };
        let Some(next) = next else {
            return Outcome::Status(
                match (cur.is_some(), forward) {
                    (true, true) => "last quote in this article",
                    (true, false) => "first quote in this article",
                    (false, true) => "no quote below here in this article",
                    (false, false) => "no quote above here in this article",
                }
                .into(),
            );
        };
        let id = qs[next];
        self.quote = Some(id);
        self.highlight = None;
        let l = line(id);
        if l < self.scroll || l >= self.scroll + h {
            self.scroll = l.saturating_sub(h / 3);
        }
        self.clamp(doc.len(), area);
        Outcome::None
    }

    /// A click on a quote selects it (the first quote on that line).
    fn click(&mut self, _x: u16, y: u16, ctx: &Ctx, area: Rect) -> Outcome {
        let doc = self.lay_out(ctx, area.width);
        let max = doc.len().saturating_sub(area.height as usize);
        let row = (y.saturating_sub(area.y) as usize) + self.scroll.min(max);
        let Some(d) = doc.get(row) else {
            return Outcome::None;
        };
        let Some(b) = d.block else { return Outcome::None };
        let hit = self
            .lookup
            .article_quotes(ctx.index, self.article as ArticleId)
            .find(|q| {
                q.at.block == b
                    && (q.at.span.start as usize) < d.src.end.max(d.src.start + 1)
                    && d.src.start < q.at.span.end as usize
            });
        if let Some(q) = hit {
            self.quote = Some(q.id);
        }
        Outcome::None
    }

    fn citation(&self, ctx: &Ctx) -> Option<String> {
        let q = ctx.index.analysis.quotes.get(self.quote? as usize)?;
        let a = ctx.index.article(q.at.article)?;
        let text = q.at.text(&ctx.index.articles).trim_end_matches([',', ' ']);
        let speaker = ctx.index.speaker_label(q);
        let mut c = format!("“{text}” — {speaker}, {}", a.label());
        if let Some(src) = &a.source {
            c.push_str(&format!(", {src}"));
        }
        if let Some(d) = &a.date {
            c.push_str(&format!(", {d}"));
        }
        Some(c)
    }
}

impl Pane for ArticlePane {
    fn id(&self) -> PaneId {
        PaneId::Articles
    }

    fn entry_count(&self, ctx: &Ctx) -> usize {
        ctx.index.articles.len()
    }

    fn entry(&self, ctx: &Ctx, i: usize) -> Option<ListEntry> {
        let a = ctx.index.articles.get(i)?;
        Some(ListEntry {
            label: a.label().to_string(),
            count: Some(self.lookup.article_quotes(ctx.index, i as ArticleId).count()),
            marked: false,
        })
    }

    fn selected(&self) -> usize {
        self.article
    }

    fn select(&mut self, i: usize, ctx: &Ctx) {
        let i = i.min(ctx.index.articles.len().saturating_sub(1));
        if i != self.article {
            *self = ArticlePane {
                article: i,
                ..ArticlePane::with_lookup(self.lookup.clone())
            };
        }
    }

    fn update(&mut self, action: &Action, ctx: &Ctx, area: Rect) -> Outcome {
        let h = area.height as usize;
        let lines = self.lay_out(ctx, area.width).len();
        let max = lines.saturating_sub(h);
        match action {
            Action::Down => self.scroll += 1,
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::ScrollDown(..) => self.scroll += 3,
            Action::ScrollUp(..) => self.scroll = self.scroll.saturating_sub(3),
            Action::PageDown => self.scroll += h.saturating_sub(1).max(1),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(h.saturating_sub(1).max(1)),
            Action::HalfPageDown => self.scroll += (h / 2).max(1),
            Action::HalfPageUp => self.scroll = self.scroll.saturating_sub((h / 2).max(1)),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = max,
            Action::Click(x, y) => return self.click(*x, *y, ctx, area),
            Action::NextQuote => return self.step_quote(true, ctx, area),
            Action::PrevQuote => return self.step_quote(false, ctx, area),
            Action::Follow => {
                let q = self.quote.and_then(|q| ctx.index.analysis.quotes.get(q as usize));
                return match q {
                    Some(q) => match q.speaker {
                        Some(s) => Outcome::Navigate(Nav::Actor(s)),
                        None => Outcome::Status("this quote has no known speaker".into()),
                    },
                    None => Outcome::Status("no quote selected: n selects the next one".into()),
                };
            }
            Action::Copy => {
                return match self.citation(ctx) {
                    Some(c) => Outcome::Copy(c),
                    None => Outcome::Status("no quote selected: n selects the next one".into()),
                }
            }
            _ => {}
        }
        self.scroll = self.scroll.min(max);
        Outcome::None
    }

    fn navigate(&mut self, nav: Nav, ctx: &Ctx, area: Rect) -> bool {
        match nav {
            Nav::Evidence(ev) => self.show(ev, Vec::new(), ctx, area),
            _ => false,
        }
    }

    fn prepare(&mut self, ctx: &Ctx, area: Rect) {
        self.lay_out(ctx, area.width);
    }

    fn forget_layout(&mut self) {
        self.laid = None;
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let doc = self.layout(ctx, area.width);
        let max = doc.len().saturating_sub(area.height as usize);
        let top = self.scroll.min(max);
        let lines: Vec<Line> = doc
            .iter()
            .skip(top)
            .take(area.height as usize)
            .map(|d| d.line.clone())
            .collect();
        f.render_widget(Paragraph::new(lines), area);
    }

    fn position(&self, ctx: &Ctx, area: Rect) -> String {
        let n = ctx.index.articles.len();
        if n == 0 {
            return "no articles".into();
        }
        let lines = self.layout(ctx, area.width).len();
        let max = lines.saturating_sub(area.height as usize);
        let pct = (self.scroll.min(max) * 100).checked_div(max).unwrap_or(100);
        let quotes = self
            .lookup
            .article_quotes(ctx.index, self.article as ArticleId)
            .count();
        // `q` as in the list's counts (chrome::count_unit).
        let mut s = format!("article {}/{} · {quotes}q · {}%", self.article + 1, n, pct);
        if let Some(q) = self.quote.and_then(|q| ctx.index.analysis.quotes.get(q as usize)) {
            let who = ctx.index.speaker_label(q);
            let mut tags = String::new();
            if area.width < MARGIN_MIN_WIDTH {
                for i in &q.issues {
                    if let Some(is) = ctx.index.analysis.issues.get(*i as usize) {
                        tags.push_str(&format!(" #{}", tag_name(&is.name)));
                    }
                }
            }
            s = format!("{} ({}){} · {}", who, q.kind.name(), tags, s);
        }
        s
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        vec![("n/N", "quotes"), ("Enter", "speaker"), ("y", "copy")]
    }
}

fn tag_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase()
}

/// The line a byte of a block is shown on.
pub fn line_of(doc: &[DocLine], block: u32, at: usize) -> Option<usize> {
    let mut last = None;
    for (i, d) in doc.iter().enumerate() {
        if d.block == Some(block) {
            if at < d.src.end || (d.src.is_empty() && at <= d.src.start) {
                return Some(i);
            }
            last = Some(i);
        }
    }
    last
}

/// Styles over a block's text: quotes by speaker, the selected quote
/// reversed, highlights strongest.
fn block_styles(
    ctx: &Ctx,
    quotes: &[&Quote],
    article: ArticleId,
    bi: u32,
    selected: Option<QuoteId>,
    hl: Option<&Highlight>,
) -> Vec<(Range<usize>, Style)> {
    let t = ctx.theme;
    let mut styles: Vec<(Range<usize>, Style)> = Vec::new();
    let mut sel = None;
    for q in quotes {
        if q.at.block == bi {
            let s = t.speaker(q.speaker);
            styles.push((q.at.span.range(), s));
            if Some(q.id) == selected {
                sel = Some((q.at.span.range(), s.add_modifier(Modifier::REVERSED)));
            }
        }
    }
    styles.extend(sel);
    if let Some(h) = hl.filter(|h| h.article == article && h.block == bi) {
        styles.extend(h.ranges.iter().map(|r| (r.clone(), t.highlight)));
    }
    styles
}

/// The issue tags of a block: the issues its sentences speak to.
fn block_tags(ctx: &Ctx, article: ArticleId, bi: u32) -> Vec<String> {
    let mut ids: Vec<u32> = Vec::new();
    for s in ctx.index.block_sentences(article, bi) {
        if let Some(s) = ctx.index.analysis.sentences.get(s as usize) {
            for &i in &s.issues {
                if !ids.contains(&i) {
                    ids.push(i);
                }
            }
        }
    }
    ids.iter()
        .filter_map(|&i| ctx.index.analysis.issues.get(i as usize))
        .map(|i| format!("#{}", tag_name(&i.name)))
        .collect()
}

fn push_wrapped(
    out: &mut Vec<DocLine>,
    lines: Vec<WrappedLine>,
    block: Option<u32>,
    prefix: (&str, &str),
    style: Style,
) {
    for (i, l) in lines.into_iter().enumerate() {
        let mut spans = Vec::new();
        let p = if i == 0 { prefix.0 } else { prefix.1 };
        if !p.is_empty() {
            spans.push(Span::styled(p.to_string(), style));
        }
        spans.extend(l.line.spans);
        out.push(DocLine {
            line: Line::from(spans),
            block,
            src: l.source,
        });
    }
}

fn blank(out: &mut Vec<DocLine>) {
    if out.last().is_some_and(|l| l.line.width() > 0) {
        out.push(DocLine {
            line: Line::default(),
            block: None,
            src: 0..0,
        });
    }
}

/// Adds `tag` to the first line of a block in the right margin.
/// Puts `text` in the right margin of line `at`, unless something is there already.
fn add_margin(out: &mut [DocLine], at: usize, text_w: u16, room: u16, text: &str, style: Style) {
    if text.is_empty() {
        return;
    }
    if let Some(d) = out.get_mut(at) {
        if d.line.width() > text_w as usize {
            return;
        }
        let pad = (text_w as usize + 2).saturating_sub(d.line.width());
        d.line.spans.push(Span::raw(" ".repeat(pad)));
        d.line
            .spans
            .push(Span::styled(truncate(text, room as usize), style));
    }
}

/// `s` cut to `w` display cells (with `…` when cut).
pub fn truncate(s: &str, w: usize) -> String {
    if UnicodeWidthStr::width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true) {
        let gw = UnicodeWidthStr::width(g);
        if used + gw + 1 > w {
            break;
        }
        out.push_str(g);
        used += gw;
    }
    if w > 0 {
        out.push('…');
    }
    out
}

fn layout_article(
    ctx: &Ctx,
    quotes: &[&Quote],
    id: ArticleId,
    a: &Article,
    width: u16,
    quote: Option<QuoteId>,
    hl: Option<&Highlight>,
) -> Vec<DocLine> {
    let t = ctx.theme;
    let mut out = Vec::new();
    if width == 0 {
        return out;
    }
    let margin = width >= MARGIN_MIN_WIDTH;
    let text_w = if margin {
        width - margin_width(width)
    } else {
        width
    };
    push_wrapped(
        &mut out,
        wrap(a.label(), t.title, &[], text_w),
        None,
        ("", ""),
        t.title,
    );
    if let Some(s) = &a.subtitle {
        push_wrapped(
            &mut out,
            wrap(s, t.text.add_modifier(Modifier::ITALIC), &[], text_w),
            None,
            ("", ""),
            t.text,
        );
    }
    let meta: Vec<&str> = [&a.author, &a.date, &a.source]
        .into_iter()
        .filter_map(|x| x.as_deref())
        .collect();
    if !meta.is_empty() {
        push_wrapped(
            &mut out,
            wrap(&meta.join(" · "), t.dim, &[], text_w),
            None,
            ("", ""),
            t.dim,
        );
    }
    out.push(DocLine {
        line: Line::styled("─".repeat(text_w.min(60) as usize), t.border),
        block: None,
        src: 0..0,
    });

    let order = a
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind != BlockKind::Related)
        .chain(
            a.blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| b.kind == BlockKind::Related),
        );
    let mut prev: Option<BlockKind> = None;
    for (bi, b) in order {
        let bi = bi as u32;
        let styles = block_styles(ctx, quotes, id, bi, quote, hl);
        let list_run = prev == Some(BlockKind::ListItem) && b.kind == BlockKind::ListItem;
        if !list_run {
            blank(&mut out);
        }
        let first = out.len();
        match b.kind {
            BlockKind::Heading => push_wrapped(
                &mut out,
                wrap(&b.text, t.heading, &styles, text_w),
                Some(bi),
                ("", ""),
                t.heading,
            ),
            BlockKind::Paragraph => push_wrapped(
                &mut out,
                wrap(&b.text, t.text, &styles, text_w),
                Some(bi),
                ("", ""),
                t.text,
            ),
            BlockKind::ListItem => {
                let (p0, p1, w) = if text_w > 4 {
                    ("• ", "  ", text_w - 2)
                } else {
                    ("", "", text_w)
                };
                push_wrapped(
                    &mut out,
                    wrap(&b.text, t.text, &styles, w),
                    Some(bi),
                    (p0, p1),
                    t.dim,
                );
            }
            BlockKind::Table => table_lines(&mut out, b, bi, &styles, text_w, t),
            BlockKind::Caption => {
                let dim = t.dim.add_modifier(Modifier::ITALIC);
                push_wrapped(
                    &mut out,
                    wrap(&b.text, dim, &styles, text_w),
                    Some(bi),
                    ("", ""),
                    dim,
                )
            }
            BlockKind::Related => push_wrapped(
                &mut out,
                wrap(&b.text, t.dim, &styles, text_w),
                Some(bi),
                ("", ""),
                t.dim,
            ),
        }
        if margin && b.kind.is_body() && b.kind != BlockKind::Heading {
            let room = margin_width(width) - 2;
            let block_lines = first..out.len();
            // Who speaks where: the speaker's name beside the line a quote starts on.
            for q in quotes.iter().filter(|q| q.at.block == bi) {
                let Some(l) = line_of(&out[block_lines.clone()], bi, q.at.span.start as usize) else {
                    continue;
                };
                let who = ctx.index.speaker_label(q);
                let mark = format!("“ {who}");
                add_margin(&mut out, first + l, text_w, room, &mark, t.speaker(q.speaker));
            }
            // Issue tags, one a line, on the block's lines without a speaker beside them.
            // More tags than lines: the last line takes the rest.
            let free: Vec<usize> = block_lines
                .filter(|&i| out[i].line.width() <= text_w as usize)
                .collect();
            let tags = block_tags(ctx, id, bi);
            for (k, &i) in free.iter().enumerate() {
                let text = if k + 1 == free.len() {
                    tags.get(k..).map(|r| r.join(" "))
                } else {
                    tags.get(k).cloned()
                };
                let Some(text) = text.filter(|x| !x.is_empty()) else {
                    break;
                };
                add_margin(
                    &mut out,
                    i,
                    text_w,
                    room,
                    &text,
                    t.tag.add_modifier(Modifier::DIM),
                );
            }
        }
        prev = Some(b.kind);
    }
    out
}

/// Column widths for a table drawn in `width` cells, or None if it cannot fit.
pub fn column_widths(table: &Table, width: u16) -> Option<Vec<u16>> {
    let n = table.columns();
    if n == 0 {
        return None;
    }
    // Borders: n+1, padding: one space each side of every cell.
    let avail = (width as usize).checked_sub(3 * n + 1)?;
    if avail < n {
        return None;
    }
    let natural: Vec<usize> = (0..n)
        .map(|c| {
            std::iter::once(&table.header)
                .chain(table.rows.iter())
                .filter_map(|r| r.get(c))
                .map(|cell| UnicodeWidthStr::width(cell.text.as_str()))
                .max()
                .unwrap_or(0)
                .max(1)
        })
        .collect();
    if natural.iter().sum::<usize>() <= avail {
        return Some(natural.iter().map(|&w| w as u16).collect());
    }
    // Narrow columns keep their natural width; the rest share what is left.
    let mut widths = vec![0usize; n];
    let mut left = avail;
    let mut open: Vec<usize> = (0..n).collect();
    loop {
        let share = left / open.len().max(1);
        let (fit, rest): (Vec<usize>, Vec<usize>) = open.iter().partition(|&&c| natural[c] <= share);
        if fit.is_empty() {
            for (k, &c) in rest.iter().enumerate() {
                widths[c] = share + usize::from(k < left % rest.len().max(1));
            }
            break;
        }
        for c in fit {
            widths[c] = natural[c];
            left -= natural[c];
        }
        open = rest;
        if open.is_empty() {
            break;
        }
    }
    Some(widths.into_iter().map(|w| w.max(1) as u16).collect())
}

fn table_lines(
    out: &mut Vec<DocLine>,
    b: &Block,
    bi: u32,
    styles: &[(Range<usize>, Style)],
    width: u16,
    t: &Theme,
) {
    let Some(table) = &b.table else {
        push_wrapped(
            out,
            wrap(&b.text, t.text, styles, width),
            Some(bi),
            ("", ""),
            t.text,
        );
        return;
    };
    let Some(widths) = column_widths(table, width) else {
        // Too narrow for columns: show the rows as written.
        push_wrapped(
            out,
            wrap(&b.text, t.text, styles, width),
            Some(bi),
            ("", ""),
            t.text,
        );
        return;
    };
    let rule = |l: &str, m: &str, r: &str| {
        let mut s = String::from(l);
        for (i, w) in widths.iter().enumerate() {
            s.push_str(&"─".repeat(*w as usize + 2));
            s.push_str(if i + 1 == widths.len() { r } else { m });
        }
        Line::styled(s, t.border)
    };
    let start = table.header.first().map_or(0, |c| c.span.start as usize);
    out.push(DocLine {
        line: rule("┌", "┬", "┐"),
        block: Some(bi),
        src: start..start,
    });
    let rows = std::iter::once((true, &table.header)).chain(table.rows.iter().map(|r| (false, r)));
    let nrows = table.rows.len();
    for (ri, (header, row)) in rows.enumerate() {
        let base = if header { t.heading } else { t.text };
        let cells: Vec<Vec<WrappedLine>> = widths
            .iter()
            .enumerate()
            .map(|(c, &w)| {
                let Some(cell) = row.get(c) else { return Vec::new() };
                let off = cell.span.start as usize;
                let end = cell.span.end as usize;
                let local: Vec<(Range<usize>, Style)> = styles
                    .iter()
                    .filter(|(r, _)| r.start < end && off < r.end)
                    .map(|(r, s)| (r.start.max(off) - off..r.end.min(end) - off, *s))
                    .collect();
                wrap(&cell.text, base, &local, w)
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let rs = row.first().map_or(0, |c| c.span.start as usize);
        let re = row.last().map_or(rs, |c| c.span.end as usize);
        for k in 0..height {
            let mut spans = vec![Span::styled("│", t.border)];
            for (c, &w) in widths.iter().enumerate() {
                spans.push(Span::raw(" "));
                let (content, cw) = match cells[c].get(k) {
                    Some(l) => (l.line.spans.clone(), l.line.width()),
                    None => (Vec::new(), 0),
                };
                spans.extend(content);
                spans.push(Span::raw(" ".repeat((w as usize).saturating_sub(cw) + 1)));
                spans.push(Span::styled("│", t.border));
            }
            out.push(DocLine {
                line: Line::from(spans),
                block: Some(bi),
                src: rs..re,
            });
        }
        if header {
            out.push(DocLine {
                line: rule("├", "┼", "┤"),
                block: Some(bi),
                src: re..re,
            });
        } else if ri == nrows {
            out.push(DocLine {
                line: rule("└", "┴", "┘"),
                block: Some(bi),
                src: re..re,
            });
        }
    }
    if nrows == 0 {
        out.push(DocLine {
            line: rule("└", "┴", "┘"),
            block: Some(bi),
            src: start..start,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::fixture_index;

    #[test]
    fn columns_fit_the_width() {
        let ix = fixture_index();
        let table = ix.articles[0].blocks[4].table.as_ref().unwrap();
        for w in 0..120u16 {
            if let Some(ws) = column_widths(table, w) {
                let total: usize = ws.iter().map(|&x| x as usize + 3).sum::<usize>() + 1;
                assert!(total <= w as usize, "width {w}: {ws:?}");
            }
        }
        assert!(column_widths(table, 200).is_some());
    }

    #[test]
    fn every_line_fits_and_quotes_are_findable() {
        let ix = fixture_index();
        let theme = Theme::new(true);
        let ctx = Ctx {
            index: &ix,
            theme: &theme,
        };
        for article in 0..ix.articles.len() {
            let mut p = ArticlePane::new(&ix);
            p.select(article, &ctx);
            for w in [1u16, 2, 5, 13, 40, 80, 89, 90, 160] {
                let doc = p.layout(&ctx, w);
                for d in doc.iter() {
                    assert!(d.line.width() <= w as usize, "w={w} {:?}", d.line);
                }
                for q in ix
                    .analysis
                    .quotes
                    .iter()
                    .filter(|q| q.at.article as usize == article)
                {
                    assert!(line_of(&doc, q.at.block, q.at.span.start as usize).is_some());
                }
            }
        }
    }

    #[test]
    fn copy_cites_speaker_article_and_date() {
        let ix = fixture_index();
        let theme = Theme::new(false);
        let ctx = Ctx {
            index: &ix,
            theme: &theme,
        };
        let mut p = ArticlePane::new(&ix);
        let area = Rect::new(0, 0, 60, 20);
        assert_eq!(p.update(&Action::NextQuote, &ctx, area), Outcome::None);
        let Outcome::Copy(c) = p.update(&Action::Copy, &ctx, area) else {
            panic!("no copy")
        };
        assert!(
            c.starts_with("“We will not trade the bay for a few cranes” — Lina Ortiz, Harbor expansion"),
            "{c}"
        );
        assert!(c.ends_with("Coastal Times, 2026-02-02"), "{c}");
        assert_eq!(
            p.update(&Action::Follow, &ctx, area),
            Outcome::Navigate(Nav::Actor(0))
        );
    }
}
