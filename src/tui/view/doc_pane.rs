//! The glue of a pane whose list picks one subject (an issue, an actor) and
//! whose main view is that subject laid out as a `Doc`: selection, the
//! cursor over the doc, Enter, n/N, copying, the status line. The Issues and
//! Actors panes are this over their own `Subject`.

use super::issue::copy_selected;
use crate::tui::action::{Action, Nav, PaneId};
use crate::tui::pane::{Ctx, ListEntry, Outcome, Pane};
use crate::tui::widgets::doc::{clamp_scroll, holds, needed, on_screen, Cursor, Doc, Item, Laid};
use crate::Index;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Which items of a view n/N go to.
pub type Sought = Box<dyn Fn(&Item) -> bool>;

/// What a doc-backed pane lists and how it lays one entry out.
pub trait Subject {
    const PANE: PaneId;
    /// One entry's name in the status line: `issue` in `issue 2/9 · 41%`.
    const ONE: &'static str;
    /// The status line when the list is empty: `no issues`.
    const NONE: &'static str;
    /// The ids listed (issue or actor ids), in list order.
    fn ids(&self) -> &[u32];
    /// The id `nav` leads to, if it leads to one of these.
    fn id_of(nav: Nav) -> Option<u32>;
    /// The name listed for `id` and how often it is mentioned.
    fn named(index: &Index, id: u32) -> Option<(&str, u32)>;
    /// Lays out into `d` the main view for entry `i` (or, past the list's
    /// end, the note that there is nothing to show).
    fn layout(&self, ctx: &Ctx, i: usize, d: &mut Doc);
    /// What n/N go to from entry `i`'s view: its name for the status line
    /// and which items are that.
    fn sought(&self, ctx: &Ctx, i: usize) -> (&'static str, Sought);
    fn hints(&self) -> Vec<(&'static str, &'static str)>;
}

/// Ids in list order: most mentioned first, then by id.
pub(crate) fn most_mentioned_first(
    ids: impl Iterator<Item = u32>,
    mentions: impl Fn(u32) -> u32,
) -> Vec<u32> {
    let mut v: Vec<u32> = ids.collect();
    v.sort_by_key(|&id| (std::cmp::Reverse(mentions(id)), id));
    v
}

/// Everything a kept doc depends on besides the width: the selection, and
/// the index and theme it was drawn from (a pane may be handed another).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shown {
    index: usize,
    color: bool,
    sel: usize,
}

pub struct DocPane<S> {
    subject: S,
    sel: usize,
    cursor: Cursor,
    view: Laid<Shown>,
}

impl<S: Subject> DocPane<S> {
    pub fn with_subject(subject: S) -> DocPane<S> {
        DocPane {
            subject,
            sel: 0,
            cursor: Cursor::default(),
            view: Laid::default(),
        }
    }

    pub fn subject(&self) -> &S {
        &self.subject
    }

    /// The main view laid out for `width`, afresh and whole.
    pub fn doc(&self, ctx: &Ctx, width: u16) -> Doc {
        Doc::build(width, None, |d| self.subject.layout(ctx, self.sel, d))
    }

    fn shown(&self, ctx: &Ctx) -> Shown {
        Shown {
            index: ctx.index as *const Index as usize,
            color: ctx.theme.color,
            sel: self.sel,
        }
    }

    /// The main view for the current state at `width` (its `top` lines at
    /// least, or whole), laid out only if the one kept is not that; with
    /// the parts that move over it.
    /// `sought`: what n goes to, when `action` is n.
    fn prepared(
        &mut self,
        ctx: &Ctx,
        area: Rect,
        action: Option<&Action>,
        sought: Option<&dyn Fn(&Item) -> bool>,
    ) -> (&Doc, &mut Cursor, &S) {
        let shown = self.shown(ctx);
        let DocPane {
            subject,
            sel,
            cursor,
            view,
        } = self;
        let top = needed(cursor, action, area);
        let doc = view.ensure(
            shown,
            area.width,
            top,
            |d| holds(d, cursor, action, sought),
            |top| Doc::build(area.width, top, |d| subject.layout(ctx, *sel, d)),
        );
        (doc, cursor, subject)
    }

    /// The main view as last prepared, or laid out afresh if it was
    /// prepared for something else.
    fn view(&self, ctx: &Ctx, area: Rect) -> std::borrow::Cow<'_, Doc> {
        self.view.get(
            &self.shown(ctx),
            area.width,
            on_screen(&self.cursor, area),
            || self.doc(ctx, area.width),
        )
    }
}

impl<S: Subject> Pane for DocPane<S> {
    fn id(&self) -> PaneId {
        S::PANE
    }

    fn entry_count(&self, _ctx: &Ctx) -> usize {
        self.subject.ids().len()
    }

    fn entry(&self, ctx: &Ctx, i: usize) -> Option<ListEntry> {
        let (name, mentions) = S::named(ctx.index, *self.subject.ids().get(i)?)?;
        Some(ListEntry {
            label: name.to_string(),
            count: Some(mentions as usize),
            marked: false,
        })
    }

    fn selected(&self) -> usize {
        self.sel
    }

    fn select(&mut self, i: usize, _ctx: &Ctx) {
        self.sel = i.min(self.subject.ids().len().saturating_sub(1));
        self.cursor = Cursor::default();
    }

    /// Only as much of the view is laid out as the cursor needs (`needed`).
    fn prepare(&mut self, ctx: &Ctx, area: Rect) {
        let (doc, cursor, _) = self.prepared(ctx, area, None, None);
        if clamp_scroll(cursor, doc, area) {
            self.prepared(ctx, area, None, None);
        }
    }

    fn forget_layout(&mut self) {
        self.view = Laid::default();
    }

    fn update(&mut self, action: &Action, ctx: &Ctx, area: Rect) -> Outcome {
        // What n/N go to, made only for them.
        let sought = matches!(action, Action::NextQuote | Action::PrevQuote)
            .then(|| self.subject.sought(ctx, self.sel));
        let pred = sought.as_ref().map(|(_, p)| p.as_ref() as &dyn Fn(&Item) -> bool);
        let (doc, cursor, _) = self.prepared(ctx, area, Some(action), pred);
        match (action, sought) {
            (Action::Copy, _) => copy_selected(doc, cursor, ctx.index),
            (Action::NextQuote | Action::PrevQuote, Some((what, pred))) => {
                let fwd = *action == Action::NextQuote;
                cursor.seek(doc, fwd, area.height as usize, what, pred)
            }
            _ => cursor.update(doc, action, area).unwrap_or_default(),
        }
    }

    fn navigate(&mut self, nav: Nav, ctx: &Ctx, _area: Rect) -> bool {
        let id = S::id_of(nav);
        match self.subject.ids().iter().position(|&x| Some(x) == id) {
            Some(i) => {
                self.select(i, ctx);
                true
            }
            None => false,
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let doc = self.view(ctx, area);
        let lines = doc.visible(&self.cursor, area.height as usize, ctx.theme.selected);
        f.render_widget(Paragraph::new(lines), area);
    }

    fn position(&self, ctx: &Ctx, area: Rect) -> String {
        let n = self.subject.ids().len();
        if n == 0 {
            return S::NONE.into();
        }
        let doc = self.view(ctx, area);
        format!(
            "{} {}/{} · {}",
            S::ONE,
            self.sel + 1,
            n,
            doc.progress(
                &self.cursor,
                area.height as usize,
                needed(&self.cursor, None, area)
            )
        )
    }

    fn left_leaves(&self, ctx: &Ctx, area: Rect) -> bool {
        let mut doc = self.view(ctx, area);
        if !doc.home_known() {
            // Which cell a fresh cursor starts on is below the top kept.
            doc = std::borrow::Cow::Owned(self.doc(ctx, area.width));
        }
        doc.left_leaves(self.cursor.current(&doc))
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        self.subject.hints()
    }
}
