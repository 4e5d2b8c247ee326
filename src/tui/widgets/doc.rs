//! A laid-out main view with selectable items: the issue, actor and compare
//! panes build one of these for the current width (wrapped text, tables),
//! then move a selection over its items and scroll it. The cursor (selection
//! and scroll) is what the user moves; the document is derived from the
//! index, laid out when what it shows or the width changes and kept
//! (`Laid`), so neither a frame nor a key lays it out again.

use super::table::{CellContent, LineSink, TableLayout, TableOpts};
use super::wrap::wrap;
use crate::analysis::{ArticleId, Evidence};
use crate::tui::action::{Action, Nav};
use crate::tui::pane::Outcome;
use crate::Index;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::borrow::Cow;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Something the selection can land on.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Lines of the document it covers.
    pub lines: Range<usize>,
    /// Horizontal extent in cells (a table cell's column; a paragraph's width).
    pub x: Range<u16>,
    /// Logical row (items on one row are cells side by side) and column.
    pub row: usize,
    pub col: usize,
    /// Where Enter leads.
    pub target: Option<Nav>,
}

/// Which of a view's lines a doc is to hold (`Doc::build`): a doc holds
/// every item up to where it stops, but only these lines, so the bottom
/// of a view of tens of thousands of lines costs memory by the screen,
/// not by the view's length, and elsewhere only the lines from a few
/// dozen screens above the cursor on are held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Need {
    pub from: Start,
    /// Lines past which nothing more is laid out (`Doc::with_limit`); None:
    /// to the end.
    pub to: Option<usize>,
}

/// The first line a doc is to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// This line (lines above it are counted, not kept).
    Line(usize),
    /// The last this many lines of the view, wherever they start (the end
    /// is not known before the view is laid out).
    Last(usize),
}

/// `None`: the whole view; `Some(n)`: its first `n` lines.
impl From<Option<usize>> for Need {
    fn from(top: Option<usize>) -> Need {
        Need {
            from: Start::Line(0),
            to: top,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub width: u16,
    /// The lines held: the view's lines from `dropped` on.
    pub lines: Vec<Line<'static>>,
    pub items: Vec<Item>,
    next_row: usize,
    /// Lines past which nothing more is laid out (`with_limit`).
    limit: Option<usize>,
    /// Something was left out for the limit: this is only the view's top.
    cut: bool,
    /// The view's lines above `lines`: counted, not held.
    dropped: usize,
    /// Which lines to hold (`Need::from`).
    hold: Start,
}

impl Default for Start {
    fn default() -> Start {
        Start::Line(0)
    }
}

impl Doc {
    pub fn new(width: u16) -> Doc {
        Doc {
            width,
            ..Doc::default()
        }
    }

    /// A doc that stops laying out once it holds `lines` lines (a table
    /// stops after the row that reaches them): the top of the view, enough
    /// to draw a fresh view's first screen, since on a newsroom's pack a
    /// whole view can run to tens of thousands of lines. What it holds is
    /// exactly the start of the whole view.
    pub fn with_limit(width: u16, lines: usize) -> Doc {
        Doc {
            width,
            limit: Some(lines),
            ..Doc::default()
        }
    }

    /// Whether the limit is reached: builders may skip making what would
    /// not be laid out.
    pub fn is_full(&self) -> bool {
        self.limit.is_some_and(|l| self.line_count() >= l)
    }

    /// How many lines the view has as laid out, held or not.
    pub fn line_count(&self) -> usize {
        self.dropped + self.lines.len()
    }

    /// Line `i` of the view, if it is held.
    pub fn line(&self, i: usize) -> Option<&Line<'static>> {
        self.lines.get(i.checked_sub(self.dropped)?)
    }

    /// Whether this holds what `need` asks: its lines, and either the
    /// whole view or as far as `need.to`.
    pub fn covers(&self, need: Need) -> bool {
        let end = !self.is_cut() || need.to.is_some_and(|t| self.line_count() >= t);
        let start = match need.from {
            Start::Line(f) => self.dropped <= f,
            Start::Last(n) => !self.is_cut() && self.lines.len() >= n.min(self.line_count()),
        };
        end && start
    }

    /// Adds the view's next line, held or only counted.
    fn add_line(&mut self, line: Line<'static>) {
        match self.hold {
            Start::Line(f) if self.line_count() < f => self.dropped += 1,
            Start::Last(n) => {
                self.lines.push(line);
                // Dropped in batches, so each line is moved at most once.
                let n = n.max(1);
                if self.lines.len() >= 2 * n {
                    let cut = self.lines.len() - n;
                    self.lines.drain(..cut);
                    self.dropped += cut;
                }
            }
            Start::Line(_) => self.lines.push(line),
        }
    }

    /// Whether this may be only the top of the view: something was left
    /// out, or the limit is reached (builders skip what would not fit).
    pub fn is_cut(&self) -> bool {
        self.cut || self.is_full()
    }

    /// True (and the doc marked cut) when nothing more is laid out.
    fn skip(&mut self) -> bool {
        let full = self.is_full();
        self.cut |= full;
        full
    }

    pub fn blank(&mut self) {
        if !self.skip() {
            self.add_line(Line::default());
        }
    }

    /// Wrapped text, not selectable.
    pub fn text(&mut self, text: &str, style: Style, styles: &[(Range<usize>, Style)], indent: u16) {
        if !self.skip() {
            self.push_wrapped(text, style, styles, indent);
        }
    }

    /// Wrapped text that the selection can land on, on its own row.
    pub fn item(
        &mut self,
        text: &str,
        style: Style,
        styles: &[(Range<usize>, Style)],
        indent: u16,
        target: Option<Nav>,
    ) {
        if self.skip() {
            return;
        }
        let start = self.line_count();
        self.push_wrapped(text, style, styles, indent);
        let row = self.next_row;
        self.next_row += 1;
        self.items.push(Item {
            lines: start..self.line_count(),
            x: indent.min(self.width)..self.width,
            row,
            col: 0,
            target,
        });
    }

    /// A line laid out by the caller (columns of a chart), selectable, not
    /// wrapped: what does not fit the width is cut when drawn.
    pub fn item_line(&mut self, line: Line<'static>, target: Option<Nav>) {
        if self.skip() {
            return;
        }
        let start = self.line_count();
        self.add_line(line);
        let row = self.next_row;
        self.next_row += 1;
        self.items.push(Item {
            lines: start..start + 1,
            x: 0..self.width,
            row,
            col: 0,
            target,
        });
    }

    /// The items of a table whose lines were added from line `base` on:
    /// every cell with `Some` in `targets` (indexed like the table's rows
    /// and columns).
    fn table_items(&mut self, t: &TableLayout, base: usize, targets: &[Vec<Option<Nav>>]) {
        self.cut |= t.rows.len() < t.rows_given;
        for (r, lines) in t.rows.iter().enumerate() {
            let row = self.next_row;
            self.next_row += 1;
            let Some(cells) = targets.get(r) else {
                continue;
            };
            for (c, target) in cells.iter().enumerate() {
                let (Some(target), Some(x)) = (target, t.xs.get(c)) else {
                    continue;
                };
                self.items.push(Item {
                    lines: base + lines.start..base + lines.end,
                    x: x.clone(),
                    row,
                    col: c,
                    target: Some(*target),
                });
            }
        }
    }

    /// Lays out a table (`TableLayout::into_sink`) straight into the doc;
    /// in a doc with a limit, only the rows up to it are wrapped. Every
    /// cell with `Some` in `targets` (indexed like `rows` and their cells)
    /// becomes an item.
    pub fn table_of(
        &mut self,
        header: &[CellContent],
        rows: &[Vec<CellContent>],
        opts: &TableOpts,
        targets: &[Vec<Option<Nav>>],
    ) {
        if self.skip() {
            return;
        }
        let room = self.limit.map(|l| l.saturating_sub(self.line_count()));
        let base = self.line_count();
        // Its lines go straight into the doc, which keeps only those it
        // holds (`Need`).
        let t = TableLayout::into_sink(header, rows, self.width, opts, room, self);
        self.table_items(&t, base, targets);
    }

    /// The view laid out by `fill`, holding what `need` asks: whole, or
    /// with `need.to` its first lines (`with_limit`), and only the lines
    /// from `need.from` on.
    pub fn build(width: u16, need: impl Into<Need>, fill: impl Fn(&mut Doc)) -> Doc {
        let need = need.into();
        let mut d = match need.to {
            Some(lines) => Doc::with_limit(width, lines),
            None => Doc::new(width),
        };
        d.hold = need.from;
        fill(&mut d);
        d
    }

    /// Whether this shows the item a fresh cursor starts on (`home`): the
    /// whole view, or a top that holds it.
    pub fn home_known(&self) -> bool {
        !self.is_cut()
            || self
                .items
                .iter()
                .any(|it| matches!(it.target, Some(Nav::Evidence(_))))
    }

    fn push_wrapped(&mut self, text: &str, style: Style, styles: &[(Range<usize>, Style)], indent: u16) {
        let indent = indent.min(self.width.saturating_sub(1));
        let pad = " ".repeat(indent as usize);
        for l in wrap(text, style, styles, self.width.saturating_sub(indent)) {
            let mut line = l.line;
            if indent > 0 {
                line.spans.insert(0, Span::raw(pad.clone()));
            }
            self.add_line(line);
        }
    }

    /// The item to go to from `sel` on `action`, if the action moves the selection.
    fn step(&self, sel: usize, action: &Action, height: usize) -> Option<usize> {
        let cur = self.items.get(sel)?;
        let near_col = |row: usize| -> Option<usize> {
            self.items
                .iter()
                .enumerate()
                .filter(|(_, it)| it.row == row)
                .min_by_key(|(_, it)| it.col.abs_diff(cur.col))
                .map(|(i, _)| i)
        };
        let last = self.items.len().saturating_sub(1);
        match action {
            Action::Down => {
                let row = self
                    .items
                    .iter()
                    .map(|it| it.row)
                    .filter(|&r| r > cur.row)
                    .min()?;
                near_col(row)
            }
            Action::Up => {
                let row = self
                    .items
                    .iter()
                    .map(|it| it.row)
                    .filter(|&r| r < cur.row)
                    .max()?;
                near_col(row)
            }
            Action::Right => self
                .items
                .iter()
                .enumerate()
                .filter(|(_, it)| it.row == cur.row && it.col > cur.col)
                .min_by_key(|(_, it)| it.col)
                .map(|(i, _)| i),
            Action::Left => self
                .items
                .iter()
                .enumerate()
                .filter(|(_, it)| it.row == cur.row && it.col < cur.col)
                .max_by_key(|(_, it)| it.col)
                .map(|(i, _)| i),
            Action::Top => Some(0),
            Action::Bottom => Some(last),
            Action::PageDown | Action::HalfPageDown => {
                let by = if *action == Action::PageDown {
                    height
                } else {
                    height / 2
                };
                let want = cur.lines.start.saturating_add(by.max(1));
                Some(
                    self.items
                        .iter()
                        .position(|it| it.lines.start >= want)
                        .unwrap_or(last),
                )
            }
            Action::PageUp | Action::HalfPageUp => {
                let by = if *action == Action::PageUp {
                    height
                } else {
                    height / 2
                };
                let want = cur.lines.start.saturating_sub(by.max(1));
                Some(
                    self.items
                        .iter()
                        .rposition(|it| it.lines.start <= want)
                        .unwrap_or(0),
                )
            }
            _ => None,
        }
    }

    /// The next (or previous) item after `from` that `pred` accepts.
    pub fn seek(&self, from: usize, forward: bool, pred: impl Fn(&Item) -> bool) -> Option<usize> {
        if forward {
            (from.saturating_add(1)..self.items.len()).find(|&i| pred(&self.items[i]))
        } else {
            (0..from.min(self.items.len()))
                .rev()
                .find(|&i| pred(&self.items[i]))
        }
    }

    /// Whether Left from the item `sel` has nowhere to go in this view (no
    /// cell to its left), so it should hand focus back to the list.
    pub fn left_leaves(&self, sel: usize) -> bool {
        match self.items.get(sel) {
            None => true,
            Some(cur) => !self.items.iter().any(|it| it.row == cur.row && it.col < cur.col),
        }
    }

    /// Where a fresh view's selection starts: the first item leading to
    /// words in an article, else the first item. In the top of a view
    /// without such an item, past its items: the selection is below what
    /// was laid out, so off the screen, and nothing here is selected.
    pub fn home(&self) -> usize {
        let first = self
            .items
            .iter()
            .position(|it| matches!(it.target, Some(Nav::Evidence(_))));
        match first {
            Some(i) => i,
            None if self.is_cut() => self.items.len(),
            None => 0,
        }
    }

    /// The item drawn at document line `line`, column `x`.
    pub fn item_at(&self, line: usize, x: u16) -> Option<usize> {
        self.items
            .iter()
            .position(|it| it.lines.contains(&line) && it.x.contains(&x))
    }

    pub fn max_scroll(&self, height: usize) -> usize {
        self.line_count().saturating_sub(height)
    }

    /// The lines to draw: `height` lines from `scroll` (clamped), with the
    /// selected item patched in `selected`.
    pub fn visible(&self, cursor: &Cursor, height: usize, selected: Style) -> Vec<Line<'static>> {
        let scroll = cursor.scroll.min(self.max_scroll(height));
        let item = self.items.get(cursor.current(self));
        // Drawn only from a doc that `covers` the screen; a line it does
        // not hold would be drawn blank.
        let blank = Line::default();
        (scroll..scroll.saturating_add(height).min(self.line_count()))
            .map(|i| {
                let l = self.line(i).unwrap_or(&blank);
                match item {
                    Some(it) if it.lines.contains(&i) => {
                        patch_x(l, it.x.start as usize..it.x.end as usize, selected)
                    }
                    _ => l.clone(),
                }
            })
            .collect()
    }

    /// How far down the view is, in percent (100 when it all fits).
    pub fn percent(&self, cursor: &Cursor, height: usize) -> usize {
        let max = self.max_scroll(height);
        if max == 0 {
            return 100;
        }
        cursor.scroll.min(max) * 100 / max
    }

    /// `percent` for the status line: `41%`; or `more below` once scrolled
    /// in a view longer than the `need` lines the cursor asks laid out
    /// (`needed`), since how far down it is cannot be known without laying
    /// out the rest. Judged on `need`, not on how much happens to be laid
    /// out, so the line reads the same whatever was laid out before.
    pub fn progress(&self, cursor: &Cursor, height: usize, need: Need) -> String {
        let beyond = self.is_cut() || need.to.is_some_and(|n| self.line_count() > n);
        if beyond && cursor.scroll > 0 {
            "more below".into()
        } else {
            format!("{}%", self.percent(cursor, height))
        }
    }
}

impl LineSink for Doc {
    fn push_line(&mut self, line: Line<'static>) {
        self.add_line(line);
    }

    fn line_count(&self) -> usize {
        Doc::line_count(self)
    }
}

/// A `Doc` laid out for one state of a pane (`K`: what it shows) at one
/// width, kept between frames and keys. Panes lay it out on their update
/// path (`ensure`, when the state or width changed); drawing and the status
/// line only read it (`get`). Asked for a view nobody prepared (a pane
/// drawn straight after being made, as tests do), `get` lays one out and
/// keeps it nowhere, so reading never changes anything.
///
/// What is kept may be only the view's top (`Doc::with_limit`): enough
/// while the cursor is fresh (nothing moved, nothing scrolled), so moving
/// through a long list lays out one screen per entry, not whole views; and
/// it holds only the lines near the cursor (`Need`).
#[derive(Debug, Clone)]
pub struct Laid<K> {
    made: Option<(K, u16)>,
    doc: Doc,
}

impl<K> Default for Laid<K> {
    fn default() -> Laid<K> {
        Laid {
            made: None,
            doc: Doc::default(),
        }
    }
}

impl<K: PartialEq> Laid<K> {
    /// Whether the doc kept was made for `key` at `width` and holds what
    /// `need` asks.
    fn fits(&self, key: &K, width: u16, need: Need) -> bool {
        self.made.as_ref().is_some_and(|(k, w)| k == key && *w == width) && self.doc.covers(need)
    }

    /// Keeps `doc` as made for `key` at `width`.
    fn keep(&mut self, key: K, width: u16, doc: Doc) {
        self.doc = doc;
        self.made = Some((key, width));
    }

    /// The doc kept (empty before the first `keep`).
    pub fn kept(&self) -> &Doc {
        &self.doc
    }

    /// The doc for `key` at `width`, holding what `need` asks and what
    /// `holds` asks (the cursor's item); `build(need)` runs only if the one
    /// kept is not. A top too short to hold it is doubled until it does;
    /// a kept top of the same view grows at least twofold, so moving down a
    /// long view lays it out a few times, not once per screen. Laid out
    /// again, it holds lines from ten windows' worth above the window asked
    /// for (sixty screens, for a moved cursor), so moving up a long view
    /// from its bottom lays it out once every few dozen screens; going down,
    /// it holds from there to the doubled end.
    pub fn ensure(
        &mut self,
        key: K,
        width: u16,
        need: Need,
        holds: impl Fn(&Doc) -> bool,
        build: impl Fn(Need) -> Doc,
    ) -> &Doc {
        if self.fits(&key, width, need) && holds(&self.doc) {
            return &self.doc;
        }
        let same = self.made.as_ref().is_some_and(|(k, w)| *k == key && *w == width);
        let mut need = need;
        // The slack above comes from the window asked for, before the end
        // is doubled: from the doubled end it would reach the top.
        if let (Start::Line(f), Some(to)) = (need.from, need.to) {
            let slack = to.saturating_sub(f).saturating_mul(10);
            need.from = Start::Line(f.saturating_sub(slack));
        }
        if let (Some(n), true) = (need.to, same && self.doc.is_cut()) {
            need.to = Some(n.max(self.doc.line_count().saturating_mul(2)));
        }
        loop {
            let doc = build(need);
            if need.to.is_none() || !doc.is_cut() || holds(&doc) {
                self.keep(key, width, doc);
                return &self.doc;
            }
            need.to = need.to.map(|n| n.saturating_mul(2));
        }
    }

    /// The doc for `key` at `width`, holding what `need` asks, changing
    /// nothing: the one kept, or, if it is not that, a whole one from
    /// `build`.
    pub fn get(&self, key: &K, width: u16, need: Need, build: impl FnOnce() -> Doc) -> Cow<'_, Doc> {
        if self.fits(key, width, need) {
            Cow::Borrowed(&self.doc)
        } else {
            Cow::Owned(build())
        }
    }
}

/// How much of a view drawing in `area` with a fresh cursor needs: a line
/// more than the screen, so a top that is cut is known to scroll.
pub fn screen_top(area: Rect) -> usize {
    area.height as usize + 1
}

/// How much of a view `cursor` in `area` needs laid out before `action`
/// (`None`: before a frame), as `Laid::ensure`'s `need`. A fresh cursor
/// draws the first screen; a moved one needs three screens either side of
/// its scroll, room for any move of up to a page (n/N look further, see
/// `holds`); the bottom wants the whole view laid out and its last six
/// screens held. A view of thousands of rows is then laid out as far as
/// the reader goes, not whole at the first key, and held only near them.
pub fn needed(cursor: &Cursor, action: Option<&Action>, area: Rect) -> Need {
    let h = area.height as usize;
    match action {
        Some(Action::Bottom) => Need {
            from: Start::Last(h.saturating_mul(6).max(1)),
            to: None,
        },
        None if *cursor == Cursor::default() => Need {
            from: Start::Line(0),
            to: Some(screen_top(area)),
        },
        _ => Need {
            from: Start::Line(cursor.scroll.saturating_sub(3 * h)),
            to: Some(cursor.scroll.saturating_add(3 * h).saturating_add(1)),
        },
    }
}

/// Brings `cursor`'s scroll back within `doc` when the view is shorter
/// than it (after a resize): drawing would clamp it anyway, and a doc laid
/// out for the old scroll need not hold the lines drawn instead. True if
/// it moved (the caller then prepares the view again).
pub fn clamp_scroll(cursor: &mut Cursor, doc: &Doc, area: Rect) -> bool {
    let max = doc.max_scroll(area.height as usize);
    if !doc.is_cut() && cursor.scroll > max {
        cursor.scroll = max;
        true
    } else {
        false
    }
}

/// What drawing `cursor`'s screen in `area` needs: at least the first
/// screen's lines, and the lines from its scroll on.
pub fn on_screen(cursor: &Cursor, area: Rect) -> Need {
    Need {
        from: Start::Line(cursor.scroll),
        to: Some(screen_top(area)),
    }
}

/// Whether `doc` holds what `cursor` needs before `action` (`None`: before
/// a frame, when a fresh cursor selects nothing yet): its item, or for a
/// fresh cursor the one it starts on; and for n, the next item `sought`
/// (or the whole view, to know there is none).
pub fn holds(
    doc: &Doc,
    cursor: &Cursor,
    action: Option<&Action>,
    sought: Option<&dyn Fn(&Item) -> bool>,
) -> bool {
    let item = if cursor.placed {
        doc.items.len() > cursor.sel
    } else {
        action.is_none() || doc.home_known()
    };
    let next = match (action, sought) {
        (Some(Action::NextQuote), Some(pred)) => {
            !doc.is_cut() || doc.seek(cursor.current(doc), true, pred).is_some()
        }
        _ => true,
    };
    item && next
}

/// A main view's selection and scroll: the only view state of these panes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub sel: usize,
    pub scroll: usize,
    /// False until the first action: a fresh view selects its first
    /// evidence (`Doc::home`), so Enter at once leads to words in an article.
    pub placed: bool,
}

impl Cursor {
    /// The selected item of `doc`.
    pub fn current(&self, doc: &Doc) -> usize {
        if self.placed {
            self.sel.min(doc.items.len().saturating_sub(1))
        } else {
            doc.home()
        }
    }

    fn place(&mut self, doc: &Doc) {
        self.sel = self.current(doc);
        self.placed = true;
    }

    /// Applies a movement, mouse or Enter action to the cursor over `doc`
    /// drawn in `area`. None when the action is not one of those.
    pub fn update(&mut self, doc: &Doc, action: &Action, area: Rect) -> Option<Outcome> {
        let height = area.height as usize;
        self.place(doc);
        self.scroll = self.scroll.min(doc.max_scroll(height));
        match action {
            Action::Follow => {
                return Some(match doc.items.get(self.sel).and_then(|it| it.target) {
                    Some(nav) => Outcome::Navigate(nav),
                    None => Outcome::None,
                });
            }
            Action::ScrollUp(..) => {
                self.scroll = self.scroll.saturating_sub(3);
                return Some(Outcome::None);
            }
            Action::ScrollDown(..) => {
                self.scroll = self.scroll.saturating_add(3).min(doc.max_scroll(height));
                return Some(Outcome::None);
            }
            Action::Click(x, y) => {
                let inside = *x >= area.x && *y >= area.y && *x < area.right() && *y < area.bottom();
                if inside {
                    let line = self.scroll + (*y - area.y) as usize;
                    if let Some(i) = doc.item_at(line, *x - area.x) {
                        self.sel = i;
                    }
                }
                return Some(Outcome::None);
            }
            _ => {}
        }
        if doc.items.is_empty() {
            // Nothing to select: movement scrolls.
            let max = doc.max_scroll(height);
            let s = self.scroll;
            self.scroll = match action {
                Action::Down => s.saturating_add(1),
                Action::Up => s.saturating_sub(1),
                Action::PageDown => s.saturating_add(height.max(1)),
                Action::PageUp => s.saturating_sub(height.max(1)),
                Action::HalfPageDown => s.saturating_add((height / 2).max(1)),
                Action::HalfPageUp => s.saturating_sub((height / 2).max(1)),
                Action::Top => 0,
                Action::Bottom => max,
                _ => return None,
            }
            .min(max);
            return Some(Outcome::None);
        }
        let before = self.sel;
        match doc.step(self.sel, action, height) {
            Some(n) => self.sel = n,
            // At an edge: Up/Down still scroll (below), Left/Right do nothing.
            None if matches!(action, Action::Up | Action::Down | Action::Left | Action::Right) => {}
            None => return None,
        }
        if self.sel == before && matches!(action, Action::Down | Action::PageDown | Action::HalfPageDown) {
            // At the last item: let the text below it come into view.
            let step = match action {
                Action::Down => 1,
                Action::PageDown => height.max(1),
                _ => (height / 2).max(1),
            };
            self.scroll = self.scroll.saturating_add(step).min(doc.max_scroll(height));
        } else if self.sel == before && matches!(action, Action::Up | Action::PageUp | Action::HalfPageUp) {
            // At the first item: show what is above it (headings).
            let step = match action {
                Action::Up => 1,
                Action::PageUp => height.max(1),
                _ => (height / 2).max(1),
            };
            self.scroll = self.scroll.saturating_sub(step);
        } else {
            self.reveal(doc, height);
        }
        if *action == Action::Top {
            self.scroll = 0;
        }
        Some(Outcome::None)
    }

    /// Selects item `i` (if there is one) and scrolls to it.
    pub fn go(&mut self, doc: &Doc, i: usize, height: usize) {
        if i < doc.items.len() {
            self.sel = i;
            self.reveal(doc, height);
        }
    }

    /// n / N: the next or previous item `pred` accepts; a status line when
    /// there is none that way.
    pub fn seek(
        &mut self,
        doc: &Doc,
        forward: bool,
        height: usize,
        what: &str,
        pred: impl Fn(&Item) -> bool,
    ) -> Outcome {
        self.place(doc);
        match doc.seek(self.sel, forward, pred) {
            Some(i) => {
                self.go(doc, i, height);
                Outcome::None
            }
            None => Outcome::Status(format!(
                "no {} {what}",
                if forward { "further" } else { "earlier" }
            )),
        }
    }

    /// Scrolls so the selected item is on screen (its top, if it is taller
    /// than the screen).
    pub fn reveal(&mut self, doc: &Doc, height: usize) {
        let Some(it) = doc.items.get(self.sel) else {
            return;
        };
        if it.lines.start < self.scroll {
            self.scroll = it.lines.start;
        } else if it.lines.end > self.scroll + height {
            self.scroll = it.lines.end.saturating_sub(height).min(it.lines.start);
        }
        self.scroll = self.scroll.min(doc.max_scroll(height));
    }
}

/// `line` with `style` patched over the cells in `x`.
fn patch_x(line: &Line<'static>, x: Range<usize>, style: Style) -> Line<'static> {
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut pos = 0usize;
    for sp in &line.spans {
        let mut buf = String::new();
        let mut buf_in: Option<bool> = None;
        for g in sp.content.graphemes(true) {
            let inside = x.contains(&pos);
            if buf_in != Some(inside) {
                if let Some(was) = buf_in {
                    let st = if was { sp.style.patch(style) } else { sp.style };
                    out.push(Span::styled(std::mem::take(&mut buf), st));
                }
                buf_in = Some(inside);
            }
            buf.push_str(g);
            pos += UnicodeWidthStr::width(g);
        }
        if let Some(was) = buf_in {
            let st = if was { sp.style.patch(style) } else { sp.style };
            out.push(Span::styled(buf, st));
        }
    }
    let mut l = Line::from(out);
    l.style = line.style;
    l.alignment = line.alignment;
    l
}

/// `s` cut to at most `max` cells, with `…` when cut (by grapheme, so never
/// inside a character).
pub fn clip(s: &str, max: usize) -> String {
    if UnicodeWidthStr::width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for g in s.graphemes(true) {
        let gw = UnicodeWidthStr::width(g);
        if w + gw + 1 > max {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// The words behind `ev` with where they come from, for the clipboard:
/// `“words” — Source, Title, date`.
pub fn citation(index: &Index, ev: &Evidence) -> String {
    let words = ev.text(&index.articles).trim();
    let Some(a) = index.article(ev.article) else {
        return format!("“{words}”");
    };
    let mut from: Vec<&str> = Vec::new();
    if let Some(s) = &a.source {
        from.push(s);
    }
    from.push(a.label());
    if let Some(d) = &a.date {
        from.push(d);
    }
    format!("“{words}” — {}", from.join(", "))
}

/// An article's citation marker, `[1]` for the first.
pub fn marker(article: ArticleId) -> String {
    format!("[{}]", article as u64 + 1)
}

/// Most source markers written out; a large pack's cell would otherwise
/// be a wall of them.
pub const MARKERS_MAX: usize = 5;

/// Markers of several articles, deduplicated, in order: `[1][3]`; past
/// `MARKERS_MAX`, the rest counted: `[1][3][5][7][9] +47 more`.
pub fn markers(mut articles: Vec<ArticleId>) -> String {
    articles.sort_unstable();
    articles.dedup();
    let mut s: String = articles.iter().take(MARKERS_MAX).map(|&a| marker(a)).collect();
    if articles.len() > MARKERS_MAX {
        s.push_str(&format!(" +{} more", articles.len() - MARKERS_MAX));
    }
    s
}

/// Longest article name, in cells: tables cut headers to their columns and
/// the list cuts to its width, so this only stops a runaway title.
pub const LABEL_MAX: usize = 80;

/// An article's name, the same everywhere (list, headers, bars): its
/// label (title, else file name), clipped.
pub fn article_name(index: &Index, article: ArticleId) -> String {
    index
        .article(article)
        .map(|a| clip(a.label().trim(), LABEL_MAX))
        .unwrap_or_default()
}

/// An article's marker and name, for column headers: `[2] Title`.
pub fn short_label(index: &Index, article: ArticleId) -> String {
    format!("{} {}", marker(article), article_name(index, article))
}

/// `n thing` or `n things`.
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The words behind `ev` as shown in a view: a table row's cells joined
/// with ` · ` rather than its `| a | b |` source; other text as it is.
pub fn shown_text(index: &Index, ev: &Evidence) -> String {
    let words = ev.text(&index.articles).trim();
    let Some(table) = index.block(ev.article, ev.block).and_then(|b| b.table.as_ref()) else {
        return words.to_string();
    };
    let cells: Vec<&str> = table
        .rows
        .iter()
        .chain(std::iter::once(&table.header))
        .flatten()
        .filter(|c| c.span.start < ev.span.end && ev.span.start < c.span.end)
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if cells.is_empty() {
        words.to_string()
    } else {
        cells.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Span as TSpan;
    use crate::tui::widgets::table::{CellContent, TableOpts};
    use ratatui::style::Modifier;

    fn ev(a: u32) -> Option<Nav> {
        Some(Nav::Evidence(Evidence {
            article: a,
            block: 0,
            span: TSpan::new(0, 1),
        }))
    }

    fn doc() -> Doc {
        let mut d = Doc::new(30);
        d.text("heading", Style::default(), &[], 0);
        let rows = vec![
            vec![CellContent::new("a"), CellContent::new("b")],
            vec![CellContent::new("c"), CellContent::new("d")],
        ];
        d.table_of(
            &[],
            &rows,
            &TableOpts::default(),
            &[vec![ev(0), ev(1)], vec![ev(2), None]],
        );
        d.item("a paragraph", Style::default(), &[], 2, ev(3));
        d
    }

    #[test]
    fn moves_over_rows_and_cells() {
        let d = doc();
        let area = Rect::new(0, 0, 30, 10);
        let mut c = Cursor::default();
        c.update(&d, &Action::Right, area);
        assert_eq!(c.sel, 1);
        c.update(&d, &Action::Down, area);
        assert_eq!(d.items[c.sel].row, 1);
        assert_eq!(c.sel, 2, "row 1 has only column 0 selectable");
        c.update(&d, &Action::Down, area);
        assert_eq!(c.sel, 3);
        assert_eq!(
            c.update(&d, &Action::Follow, area),
            Some(Outcome::Navigate(ev(3).unwrap()))
        );
        c.update(&d, &Action::Top, area);
        assert_eq!((c.sel, c.scroll), (0, 0));
        assert_eq!(c.update(&d, &Action::Copy, area), None);
    }

    #[test]
    fn left_leaves_only_from_the_first_cell() {
        let d = doc();
        assert!(d.left_leaves(0));
        assert!(!d.left_leaves(1), "cell b has a to its left");
        assert!(d.left_leaves(3), "a paragraph has no cells beside it");
        assert!(Doc::new(10).left_leaves(0), "an empty view");
    }

    #[test]
    fn many_markers_are_capped() {
        assert_eq!(markers(vec![2, 0, 2]), "[1][3]");
        let many: Vec<ArticleId> = (0..52).map(|a| a * 2).collect();
        assert_eq!(markers(many), "[1][3][5][7][9] +47 more");
        assert_eq!(count(1u32, "mention", "mentions"), "1 mention");
        assert_eq!(count(0u32, "mention", "mentions"), "0 mentions");
    }

    #[test]
    fn selection_is_patched_only_over_its_cell() {
        let d = doc();
        let c = Cursor {
            sel: 1,
            scroll: 0,
            placed: true,
        };
        let v = d.visible(&c, 10, Style::default().add_modifier(Modifier::REVERSED));
        let l = &v[1];
        let b = l.spans.iter().find(|s| s.content.contains('b')).unwrap();
        assert!(b.style.add_modifier.contains(Modifier::REVERSED));
        let a = l.spans.iter().find(|s| s.content.contains('a')).unwrap();
        assert!(!a.style.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn scrolls_to_keep_the_selection_visible() {
        let mut d = Doc::new(10);
        for i in 0..20 {
            d.item(&format!("item {i}"), Style::default(), &[], 0, None);
        }
        let area = Rect::new(0, 0, 10, 5);
        let mut c = Cursor::default();
        for _ in 0..7 {
            c.update(&d, &Action::Down, area);
        }
        assert_eq!(c.sel, 7);
        assert_eq!(c.scroll, 3);
        c.update(&d, &Action::Bottom, area);
        assert_eq!(c.scroll, 15);
        c.update(&d, &Action::Click(0, 1), area);
        assert_eq!(c.sel, 16);
    }

    /// A kept view is laid out as far as the cursor needs: a long one is
    /// kept cut, grows at least twofold as the cursor goes down, holds the
    /// cursor's item, and is whole only when asked (the bottom, n/N).
    #[test]
    fn a_kept_view_grows_as_far_as_the_cursor_goes() {
        let fill = |d: &mut Doc| {
            for i in 0..400 {
                d.item(&format!("item {i}"), Style::default(), &[], 0, ev(i));
            }
        };
        let builds = std::cell::Cell::new(0);
        let build = |need: Need| {
            builds.set(builds.get() + 1);
            Doc::build(20, need, fill)
        };
        let area = Rect::new(0, 0, 20, 10);
        let mut laid: Laid<u8> = Laid::default();
        let fresh = Cursor::default();
        let doc = laid.ensure(
            1,
            20,
            needed(&fresh, None, area),
            |d| holds(d, &fresh, None, None),
            build,
        );
        assert!(doc.is_cut() && doc.lines.len() == 11, "{}", doc.lines.len());
        // Moving down: three screens past the scroll, then at least double.
        let moved = Cursor {
            sel: 5,
            scroll: 0,
            placed: true,
        };
        let down = Some(&Action::Down);
        let n = laid
            .ensure(
                1,
                20,
                needed(&moved, down, area),
                |d| holds(d, &moved, down, None),
                build,
            )
            .lines
            .len();
        assert!((31..400).contains(&n), "{n}");
        let far = Cursor {
            sel: 40,
            scroll: 35,
            placed: true,
        };
        let m = laid
            .ensure(
                1,
                20,
                needed(&far, down, area),
                |d| holds(d, &far, down, None),
                build,
            )
            .lines
            .len();
        assert!(m >= 2 * n && m < 400, "{m} after {n}");
        // Asked again for no more than it holds: nothing is laid out.
        let before = builds.get();
        laid.ensure(
            1,
            20,
            needed(&far, down, area),
            |d| holds(d, &far, down, None),
            build,
        );
        assert_eq!(builds.get(), before);
        // A selection past what a screen's top holds is laid out to.
        let deep = Cursor {
            sel: 300,
            scroll: 0,
            placed: true,
        };
        let mut other: Laid<u8> = Laid::default();
        let doc = other.ensure(
            1,
            20,
            needed(&deep, None, area),
            |d| holds(d, &deep, None, None),
            build,
        );
        assert!(doc.items.len() > 300);
        // n lays out as far as the next item sought, no further.
        let n_key = Some(&Action::NextQuote);
        let sought = |it: &Item| it.target == ev(250);
        let doc = laid.ensure(
            1,
            20,
            needed(&far, n_key, area),
            |d| holds(d, &far, n_key, Some(&sought)),
            build,
        );
        assert!(doc.items.len() > 250 && doc.is_cut(), "{}", doc.items.len());
        let none = |_: &Item| false;
        let doc = laid.ensure(
            1,
            20,
            needed(&far, n_key, area),
            |d| holds(d, &far, n_key, Some(&none)),
            build,
        );
        assert!(!doc.is_cut(), "to know there is no further one");
        // The bottom wants the whole view laid out (the one kept is), and
        // laid out for it holds only its end.
        let bottom = Some(&Action::Bottom);
        let doc = laid.ensure(
            1,
            20,
            needed(&far, bottom, area),
            |d| holds(d, &far, bottom, None),
            build,
        );
        assert!(!doc.is_cut() && doc.lines.len() == 400);
        let mut fresh_laid: Laid<u8> = Laid::default();
        let tail = fresh_laid.ensure(
            1,
            20,
            needed(&far, bottom, area),
            |d| holds(d, &far, bottom, None),
            build,
        );
        assert!(!tail.is_cut() && tail.line_count() == 400 && tail.items.len() == 400);
        assert!((60..120).contains(&tail.lines.len()), "{}", tail.lines.len());
        let whole = Doc::build(20, None, fill);
        assert_eq!(tail.lines[..], whole.lines[400 - tail.lines.len()..]);
        // Moving up past the lines held lays out again, holding ten times
        // what the cursor asks above them; and draws as the whole does.
        let up = Cursor {
            sel: 200,
            scroll: 200,
            placed: true,
        };
        let before = builds.get();
        let upper = fresh_laid.ensure(
            1,
            20,
            needed(&up, None, area),
            |d| holds(d, &up, None, None),
            build,
        );
        assert!(upper.covers(needed(&up, None, area)) && upper.lines.len() < 400);
        let sel = Style::default();
        assert_eq!(upper.visible(&up, 10, sel), whole.visible(&up, 10, sel));
        assert_eq!(builds.get(), before + 1);
        let again = Cursor { scroll: 150, ..up };
        fresh_laid.ensure(
            1,
            20,
            needed(&again, None, area),
            |d| holds(d, &again, None, None),
            build,
        );
        assert_eq!(builds.get(), before + 1, "within the slack");
        // The status line reads the same from a cut and a whole view.
        let cut = Doc::build(20, needed(&far, None, area), fill);
        let need = needed(&far, None, area);
        assert_eq!(cut.progress(&far, 10, need), doc.progress(&far, 10, need));
        assert_eq!(doc.progress(&far, 10, need), "more below");
        let end = Cursor {
            sel: 399,
            scroll: 390,
            placed: true,
        };
        assert_eq!(doc.progress(&end, 10, needed(&end, None, area)), "100%");
    }

    /// A doc with a limit is the start of the whole one, cut at a row.
    #[test]
    fn a_limited_doc_is_the_top_of_the_whole() {
        let fill = |d: &mut Doc| {
            d.text("heading", Style::default(), &[], 0);
            let rows: Vec<Vec<CellContent>> = (0..40)
                .map(|i| vec![CellContent::new(format!("row {i} with some words to wrap"))])
                .collect();
            let targets: Vec<Vec<Option<Nav>>> = (0..40).map(|i| vec![ev(i)]).collect();
            d.table_of(&[], &rows, &TableOpts::default(), &targets);
            d.item("after", Style::default(), &[], 0, ev(99));
        };
        let whole = Doc::build(12, None, fill);
        assert!(!whole.is_cut());
        for n in [2, 5, 17] {
            let top = Doc::build(12, Some(n), fill);
            assert!(top.is_cut() && top.lines.len() >= n && top.lines.len() < whole.lines.len());
            assert_eq!(top.lines, whole.lines[..top.lines.len()]);
            assert_eq!(top.items, whole.items[..top.items.len()]);
            assert_eq!(top.home(), whole.home());
        }
        let all = Doc::build(12, Some(whole.lines.len() + 1), fill);
        assert!(!all.is_cut());
        assert_eq!(all.lines, whole.lines);
        // A top without the item a fresh cursor starts on selects nothing
        // in it: that item is below.
        let no_home = |d: &mut Doc| {
            for i in 0..30 {
                d.item(&format!("line {i}"), Style::default(), &[], 0, None);
            }
            d.item("evidence", Style::default(), &[], 0, ev(1));
        };
        let top = Doc::build(20, Some(3), no_home);
        assert!(top.is_cut() && !top.home_known());
        assert_eq!(top.home(), top.items.len());
        assert_eq!(Cursor::default().current(&top), top.items.len());
        let whole = Doc::build(20, None, no_home);
        assert!(whole.home_known());
        assert_eq!(whole.home(), 30);
    }

    #[test]
    fn clip_never_splits_characters() {
        assert_eq!(clip("hello", 10), "hello");
        assert_eq!(clip("hello world", 6), "hello…");
        assert_eq!(clip("日本語", 4), "日…");
        assert_eq!(clip("abc", 0), "");
    }
}
