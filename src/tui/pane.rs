//! The contract between the app and its panes. The app owns the frame (top
//! bar, left list, status line, overlays) and routes actions; each pane owns
//! its view state (selection, scroll, focus inside its main view) and draws
//! its main view. Rendering reads state and changes nothing: what a main
//! view shows is laid out when an action changes it (`Pane::prepare`), not
//! when it is drawn.

use super::action::{Action, Nav, PaneId};
use super::theme::Theme;
use crate::Index;
use ratatui::layout::Rect;
use ratatui::Frame;

/// What every pane sees.
pub struct Ctx<'a> {
    pub index: &'a Index,
    pub theme: &'a Theme,
}

/// One entry of the left list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEntry {
    pub label: String,
    /// Shown right-aligned (mentions, quotes…).
    pub count: Option<usize>,
    pub marked: bool,
}

/// What handling an action asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Outcome {
    #[default]
    None,
    /// Go to another pane's place (the app records where we came from, so Esc returns).
    Navigate(Nav),
    /// A message for the status line.
    Status(String),
    /// Copy this text to the clipboard (OSC 52), with a status message.
    Copy(String),
}

pub trait Pane {
    fn id(&self) -> PaneId;
    /// How many entries the left list has.
    fn entry_count(&self, ctx: &Ctx) -> usize;
    /// Entry `i` of the left list (None past its end). A newsroom's list
    /// runs to tens of thousands of entries, so the frame asks only for
    /// the rows it draws.
    fn entry(&self, ctx: &Ctx, i: usize) -> Option<ListEntry>;
    /// Every entry of the left list, made afresh (for tests and tools; the
    /// frame draws with `entry`).
    fn entries(&self, ctx: &Ctx) -> Vec<ListEntry> {
        (0..self.entry_count(ctx))
            .filter_map(|i| self.entry(ctx, i))
            .collect()
    }
    /// The selected entry of the left list.
    fn selected(&self) -> usize;
    /// Selects a list entry (clamped) and resets the main view for it.
    fn select(&mut self, i: usize, ctx: &Ctx);
    /// Handles an action aimed at the main view (movement keys when the main
    /// view has focus; Follow, NextQuote, Copy, ToggleMark…). `area` is the
    /// main view's last drawn size, so paging and clamping match the screen.
    fn update(&mut self, action: &Action, ctx: &Ctx, area: Rect) -> Outcome;
    /// Accepts a navigation aimed at this pane; false if it cannot show it.
    fn navigate(&mut self, nav: Nav, ctx: &Ctx, area: Rect) -> bool;
    /// Lays out what the main view shows for the pane's current state at
    /// `area`'s size, if it is not laid out already. The app calls it after
    /// every action, so drawing, the status line and the next key only read
    /// what was made here. A default for panes with nothing to lay out.
    fn prepare(&mut self, _ctx: &Ctx, _area: Rect) {}
    /// Drops what `prepare` laid out, so the next frame lays out afresh
    /// (tests check a kept view against a fresh one).
    #[doc(hidden)]
    fn forget_layout(&mut self) {}
    /// Draws the main view. Reads what `prepare` made; a pane drawn without
    /// it (a test drawing a pane straight after making it) lays out a view
    /// for the frame and keeps it nowhere.
    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx);
    /// Where you are, for the status line (`article 2/3 · 41%`).
    fn position(&self, ctx: &Ctx, area: Rect) -> String;
    /// Key hints that apply in this pane now: (keys, what).
    fn hints(&self) -> Vec<(&'static str, &'static str)>;
    /// Whether Left, with the main view focused, has nowhere to go inside it
    /// (the selection is in a row's first cell, or the view has no cells),
    /// so the app should focus the list instead (docs/keys.md: "Left:
    /// previous table cell, or focus the list"). A default, so panes and
    /// callers that predate it keep working.
    fn left_leaves(&self, _ctx: &Ctx, _area: Rect) -> bool {
        false
    }
}
