//! The app's state and the one place it changes: `App::update(Action)`.
//! Rendering (view/) reads this state; the event loop (terminal.rs) turns
//! terminal events into actions through the key table.

use super::action::{Action, Nav, PaneId};
use super::keys::{self, Mode};
use super::lookup::Lookup;
use super::pane::{Ctx, Outcome, Pane};
use super::theme::Theme;
use super::view::{self, article::ArticlePane};
use crate::search::{self, Hit, Results, Searcher, Target};
use crate::Index;
use crossterm::event::{KeyEvent, MouseEvent};
use ratatui::layout::Rect;
use std::ops::Range;
use std::sync::Arc;

/// Which region of the frame the movement keys drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Main,
}

/// The search box and what it found.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<Hit>,
    pub matched: usize,
    pub selected: usize,
    /// The query the hits answer (they lag `query` while the worker runs).
    pub answered: String,
    pub pending: bool,
}

#[derive(Debug, Clone)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    /// The load warnings, one `FILE[:LINE]: message` each.
    Warnings {
        scroll: usize,
    },
    Search(SearchState),
}

/// A place to come back to with Esc.
struct Place {
    pane: PaneId,
    focus: Focus,
    selected: usize,
    /// The Articles pane is ours, so its whole view (scroll, highlight) can be kept.
    articles: Option<ArticlePane>,
}

const HISTORY: usize = 100;

pub struct App {
    pub index: Arc<Index>,
    pub theme: Theme,
    articles: ArticlePane,
    issues: Box<dyn Pane>,
    actors: Box<dyn Pane>,
    compare: Box<dyn Pane>,
    active: PaneId,
    focus: [Focus; 4],
    list_offset: [usize; 4],
    overlay: Overlay,
    history: Vec<Place>,
    status: Option<String>,
    size: Rect,
    quit: bool,
    clipboard: Vec<String>,
    searcher: Option<Searcher>,
}

impl App {
    /// An app over `index` that searches synchronously (tests); the event
    /// loop adds a worker with `with_searcher`.
    pub fn new(index: Arc<Index>, theme: Theme) -> App {
        // The index read by key, made once and shared by every pane.
        let lookup = Arc::new(Lookup::new(&index));
        let (issues, actors, compare) = view::other_panes(&index, &lookup);
        let mut app = App {
            index,
            theme,
            articles: ArticlePane::with_lookup(lookup),
            issues,
            actors,
            compare,
            active: PaneId::Articles,
            focus: [Focus::List; 4],
            list_offset: [0; 4],
            overlay: Overlay::None,
            history: Vec::new(),
            status: None,
            size: Rect::new(0, 0, 80, 24),
            quit: false,
            clipboard: Vec::new(),
            searcher: None,
        };
        app.prepare();
        app
    }

    pub fn with_searcher(mut self) -> App {
        self.searcher = Some(Searcher::new(self.index.clone()));
        self
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }
    pub fn active(&self) -> PaneId {
        self.active
    }
    pub fn focus(&self) -> Focus {
        self.focus[self.active.index()]
    }
    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }
    pub fn size(&self) -> Rect {
        self.size
    }
    pub fn articles(&self) -> &ArticlePane {
        &self.articles
    }
    pub fn list_offset(&self) -> usize {
        self.list_offset[self.active.index()]
    }
    pub fn history_len(&self) -> usize {
        self.history.len()
    }

    /// Text queued for the clipboard (the event loop writes it as OSC 52).
    pub fn take_clipboard(&mut self) -> Vec<String> {
        std::mem::take(&mut self.clipboard)
    }

    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::None => Mode::Normal,
            Overlay::Help { .. } => Mode::Help,
            Overlay::Warnings { .. } => Mode::Warnings,
            Overlay::Search(_) => Mode::Search,
        }
    }

    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            index: &self.index,
            theme: &self.theme,
        }
    }

    pub fn pane(&self, id: PaneId) -> &dyn Pane {
        match id {
            PaneId::Articles => &self.articles,
            PaneId::Issues => self.issues.as_ref(),
            PaneId::Actors => self.actors.as_ref(),
            PaneId::Compare => self.compare.as_ref(),
        }
    }

    /// Whether Left in `id`'s main view has nowhere to go there, so it
    /// returns focus to the list (docs/keys.md).
    fn left_leaves(&self, id: PaneId, area: Rect) -> bool {
        let ctx = Ctx {
            index: &self.index,
            theme: &self.theme,
        };
        self.pane(id).left_leaves(&ctx, area)
    }

    fn parts(&mut self, id: PaneId) -> (&mut dyn Pane, Ctx<'_>) {
        let ctx = Ctx {
            index: &self.index,
            theme: &self.theme,
        };
        let p: &mut dyn Pane = match id {
            PaneId::Articles => &mut self.articles,
            PaneId::Issues => self.issues.as_mut(),
            PaneId::Actors => self.actors.as_mut(),
            PaneId::Compare => self.compare.as_mut(),
        };
        (p, ctx)
    }

    /// The frame's regions at the current size.
    pub fn areas(&self) -> view::Areas {
        view::areas(self.size, self.focus())
    }

    /// The main view's size as panes should page and clamp by (its full
    /// body size even while a narrow screen shows only the list).
    fn main_area(&self) -> Rect {
        let a = self.areas();
        a.main.unwrap_or(a.body)
    }

    /// Maps a key through the key table and applies it.
    pub fn key(&mut self, ev: KeyEvent) {
        self.key_unprepared(ev);
        self.prepare();
    }

    pub fn mouse(&mut self, ev: MouseEvent) {
        self.mouse_unprepared(ev);
        self.prepare();
    }

    /// `key` without `prepare`: for a burst of events drawn once.
    pub fn key_unprepared(&mut self, ev: KeyEvent) {
        if let Some(a) = keys::action_for(self.mode(), &ev) {
            self.apply(a);
        }
    }

    /// `mouse` without `prepare`: for a burst of events drawn once.
    pub fn mouse_unprepared(&mut self, ev: MouseEvent) {
        if let Some(a) = keys::mouse_action(&ev) {
            self.apply(a);
        }
    }

    /// Applies `action`, then has the pane on screen lay out what it now
    /// shows (`prepare`).
    pub fn update(&mut self, action: Action) {
        self.apply(action);
        self.prepare();
    }

    /// Has the pane on screen lay out what it shows for its state and the
    /// screen's size, if that is not laid out already, so drawing only
    /// reads. Only that pane: another is prepared when an action brings it
    /// on screen. After a burst of `apply`s (keys queued while a frame was
    /// drawn), one `prepare` lays out only the state that will be drawn.
    ///
    /// The other panes' views are dropped: a whole view of a big issue can
    /// hold a hundred MB, and one off screen is laid out again, only as far
    /// as its cursor, when it comes back.
    pub fn prepare(&mut self) {
        let area = self.main_area();
        for p in PaneId::ALL {
            if p != self.active {
                self.parts(p).0.forget_layout();
            }
        }
        let (pane, ctx) = self.parts(self.active);
        pane.prepare(&ctx, area);
    }

    /// Drops every pane's laid-out view (tests: a frame drawn after this
    /// is laid out afresh, to compare with the views kept).
    #[doc(hidden)]
    pub fn forget_layouts(&mut self) {
        for p in PaneId::ALL {
            self.parts(p).0.forget_layout();
        }
    }

    /// The one place state changes. Panes lay out what they need to handle
    /// the action (paging needs the view's length), but what the pane on
    /// screen shows afterwards is laid out by `prepare`.
    pub fn apply(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..)) {
            self.status = None;
        }
        if let Action::Resize(w, h) = action {
            let old = self.main_area();
            self.size = Rect::new(0, 0, w, h);
            let new = self.main_area();
            let ctx = Ctx {
                index: &self.index,
                theme: &self.theme,
            };
            self.articles.relayout(&ctx, old, new);
            self.fix_list_offset();
            return;
        }
        if action == Action::Quit {
            self.quit = true;
            return;
        }
        match &mut self.overlay {
            Overlay::Help { scroll } | Overlay::Warnings { scroll } => {
                let page = self.size.height.saturating_sub(4).max(1) as usize;
                match action {
                    Action::ToggleHelp | Action::ToggleWarnings | Action::Back => {
                        self.overlay = Overlay::None;
                        return;
                    }
                    Action::Down | Action::ScrollDown(..) => *scroll += 1,
                    Action::Up | Action::ScrollUp(..) => *scroll = scroll.saturating_sub(1),
                    Action::PageDown | Action::HalfPageDown => *scroll += page,
                    Action::PageUp | Action::HalfPageUp => *scroll = scroll.saturating_sub(page),
                    Action::Top => *scroll = 0,
                    Action::Bottom => *scroll = usize::MAX,
                    _ => {}
                }
                let max = match self.overlay {
                    Overlay::Warnings { .. } => view::warnings::max_scroll(self.size, &self.index),
                    _ => view::help::max_scroll(self.size),
                };
                if let Overlay::Help { scroll } | Overlay::Warnings { scroll } = &mut self.overlay {
                    *scroll = (*scroll).min(max);
                }
                return;
            }
            Overlay::Search(_) => {
                self.update_search(action);
                return;
            }
            Overlay::None => {}
        }
        let id = self.active;
        let area = self.main_area();
        match action {
            Action::ToggleHelp => self.overlay = Overlay::Help { scroll: 0 },
            Action::ToggleWarnings if self.index.warnings.is_empty() => {
                self.status = Some("no load warnings".into())
            }
            Action::ToggleWarnings => self.overlay = Overlay::Warnings { scroll: 0 },
            Action::OpenSearch => self.overlay = Overlay::Search(SearchState::default()),
            Action::Back => self.back(),
            Action::GoPane(p) => self.active = p,
            Action::NextPane => self.active = PaneId::ALL[(id.index() + 1) % 4],
            Action::PrevPane => self.active = PaneId::ALL[(id.index() + 3) % 4],
            Action::FocusList => self.focus[id.index()] = Focus::List,
            Action::FocusMain => self.focus[id.index()] = Focus::Main,
            Action::FocusNext => {
                self.focus[id.index()] = match self.focus() {
                    Focus::List => Focus::Main,
                    Focus::Main => Focus::List,
                }
            }
            Action::Navigate(nav) => self.jump(nav),
            // Arrows move focus unless the main view has cells to move across.
            Action::Left if self.focus() == Focus::List => {}
            Action::Right if self.focus() == Focus::List => self.focus[id.index()] = Focus::Main,
            Action::Left if id == PaneId::Articles || self.left_leaves(id, area) => {
                self.focus[id.index()] = Focus::List
            }
            Action::Follow if self.focus() == Focus::List => self.focus[id.index()] = Focus::Main,
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::HalfPageUp
            | Action::HalfPageDown
            | Action::Top
            | Action::Bottom
                if self.focus() == Focus::List =>
            {
                self.move_list(&action)
            }
            Action::ScrollUp(x, y) | Action::ScrollDown(x, y) => self.wheel(&action, x, y),
            Action::Click(x, y) => self.click(x, y),
            Action::SearchInput(_) | Action::SearchBackspace | Action::SearchClear => {}
            other => {
                // n/N in the article select a quote there, so the view takes focus.
                if id == PaneId::Articles && matches!(other, Action::NextQuote | Action::PrevQuote) {
                    self.focus[id.index()] = Focus::Main;
                }
                let (pane, ctx) = self.parts(id);
                let out = pane.update(&other, &ctx, area);
                self.outcome(out);
            }
        }
        self.fix_list_offset();
    }

    fn outcome(&mut self, out: Outcome) {
        match out {
            Outcome::None => {}
            Outcome::Navigate(nav) => self.jump(nav),
            Outcome::Status(s) => self.status = Some(s),
            Outcome::Copy(text) => {
                self.status = Some(format!("copied: {text}"));
                self.clipboard.push(text);
            }
        }
    }

    fn place(&self) -> Place {
        Place {
            pane: self.active,
            focus: self.focus(),
            selected: self.pane(self.active).selected(),
            articles: (self.active == PaneId::Articles).then(|| self.articles.clone()),
        }
    }

    fn remember(&mut self) {
        let p = self.place();
        self.history.push(p);
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
    }

    /// Goes to a place in another pane, remembering where we were.
    fn jump(&mut self, nav: Nav) {
        let target = match nav {
            Nav::Evidence(_) => PaneId::Articles,
            Nav::Actor(_) => PaneId::Actors,
            Nav::Issue(_) => PaneId::Issues,
        };
        self.remember();
        let area = self.main_area();
        let (pane, ctx) = self.parts(target);
        if pane.navigate(nav, &ctx, area) {
            self.active = target;
            self.focus[target.index()] = Focus::Main;
        } else {
            self.history.pop();
            self.status = Some(format!("cannot show that in {}", target.title()));
        }
    }

    fn back(&mut self) {
        let Some(p) = self.history.pop() else {
            self.status = Some("nothing to go back to".into());
            return;
        };
        self.active = p.pane;
        self.focus[p.pane.index()] = p.focus;
        if let Some(a) = p.articles {
            self.articles = a;
        } else if self.pane(p.pane).selected() != p.selected {
            let (pane, ctx) = self.parts(p.pane);
            pane.select(p.selected, &ctx);
        }
    }

    fn list_height(&self) -> usize {
        let a = self.areas();
        a.list.unwrap_or(a.body).height as usize
    }

    fn move_list(&mut self, action: &Action) {
        let id = self.active;
        let n = self.pane(id).entry_count(&self.ctx());
        if n == 0 {
            return;
        }
        let h = self.list_height().max(1);
        let cur = self.pane(id).selected();
        let next = match action {
            Action::Up | Action::ScrollUp(..) => cur.saturating_sub(1),
            Action::Down | Action::ScrollDown(..) => cur + 1,
            Action::PageUp => cur.saturating_sub(h),
            Action::PageDown => cur + h,
            Action::HalfPageUp => cur.saturating_sub(h / 2),
            Action::HalfPageDown => cur + h / 2,
            Action::Top => 0,
            Action::Bottom => n - 1,
            _ => cur,
        }
        .min(n - 1);
        if next != cur {
            let (pane, ctx) = self.parts(id);
            pane.select(next, &ctx);
        }
    }

    fn fix_list_offset(&mut self) {
        let id = self.active;
        let h = self.list_height().max(1);
        let sel = self.pane(id).selected();
        let off = &mut self.list_offset[id.index()];
        *off = view::chrome::list_offset(*off, sel, h);
    }

    fn wheel(&mut self, action: &Action, x: u16, y: u16) {
        let a = self.areas();
        let inside = |r: Option<Rect>| r.is_some_and(|r| r.contains((x, y).into()));
        if inside(a.list) {
            self.move_list(action);
        } else if inside(a.main) {
            let id = self.active;
            let area = self.main_area();
            let (pane, ctx) = self.parts(id);
            let out = if id == PaneId::Articles {
                pane.update(action, &ctx, area)
            } else {
                // Other panes move by lines; three per notch, like most terminals.
                let step = if matches!(action, Action::ScrollUp(..)) {
                    Action::Up
                } else {
                    Action::Down
                };
                (0..3)
                    .map(|_| pane.update(&step, &ctx, area))
                    .last()
                    .unwrap_or_default()
            };
            self.outcome(out);
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let a = self.areas();
        if a.too_small {
            return;
        }
        if y == a.top.y {
            if let Some(p) = view::chrome::tab_at(x, self.size.width) {
                self.active = p;
            }
            return;
        }
        let id = self.active;
        if let Some(l) = a.list.filter(|l| l.contains((x, y).into())) {
            let row = (y - l.y) as usize + self.list_offset[id.index()];
            if row < self.pane(id).entry_count(&self.ctx()) {
                let (pane, ctx) = self.parts(id);
                pane.select(row, &ctx);
            }
            self.focus[id.index()] = Focus::List;
        } else if let Some(m) = a.main.filter(|m| m.contains((x, y).into())) {
            self.focus[id.index()] = Focus::Main;
            let (pane, ctx) = self.parts(id);
            let out = pane.update(&Action::Click(x, y), &ctx, m);
            self.outcome(out);
        }
    }

    // ----- search -----

    fn search_state(&mut self) -> Option<&mut SearchState> {
        match &mut self.overlay {
            Overlay::Search(s) => Some(s),
            _ => None,
        }
    }

    fn update_search(&mut self, action: Action) {
        let page = view::search::list_height(self.size).max(1);
        let size = self.size;
        let Some(s) = self.search_state() else { return };
        let n = s.hits.len();
        let mut changed = false;
        match action {
            Action::Back => {
                self.overlay = Overlay::None;
                return;
            }
            Action::Follow => {
                self.follow_hit();
                return;
            }
            Action::SearchInput(c) => {
                s.query.push(c);
                changed = true;
            }
            Action::SearchBackspace => changed = s.query.pop().is_some(),
            Action::SearchClear => {
                changed = !s.query.is_empty();
                s.query.clear();
            }
            Action::Up | Action::ScrollUp(..) => s.selected = s.selected.saturating_sub(1),
            Action::Down | Action::ScrollDown(..) => s.selected = (s.selected + 1).min(n.saturating_sub(1)),
            Action::PageUp | Action::HalfPageUp => s.selected = s.selected.saturating_sub(page),
            Action::PageDown | Action::HalfPageDown => {
                s.selected = (s.selected + page).min(n.saturating_sub(1))
            }
            Action::Top => s.selected = 0,
            Action::Bottom => s.selected = n.saturating_sub(1),
            Action::ToggleHelp => self.overlay = Overlay::Help { scroll: 0 },
            // A click selects a hit; a click on the selected one follows it.
            Action::Click(x, y) => match view::search::hit_at(size, s, x, y) {
                Some(i) if i == s.selected => {
                    self.follow_hit();
                    return;
                }
                Some(i) => s.selected = i,
                None => {}
            },
            _ => {}
        }
        if changed {
            self.submit_search();
        }
    }

    fn submit_search(&mut self) {
        let Overlay::Search(s) = &mut self.overlay else {
            return;
        };
        let query = s.query.clone();
        if query.trim().is_empty() {
            s.hits.clear();
            s.matched = 0;
            s.selected = 0;
            s.answered = query;
            s.pending = false;
            return;
        }
        match &mut self.searcher {
            Some(w) => {
                w.search(&query);
                s.pending = true;
            }
            None => {
                let hits = search::search(&self.index, &query, 200);
                let matched = hits.len();
                self.apply_results(Results {
                    seq: 0,
                    query,
                    hits,
                    matched,
                });
            }
        }
    }

    /// Takes in results from the worker, if any are ready; true if the
    /// screen changed.
    pub fn poll_search(&mut self) -> bool {
        let Some(r) = self.searcher.as_ref().and_then(|w| w.try_recv()) else {
            return false;
        };
        self.apply_results(r);
        true
    }

    /// Whether a search is running (the event loop polls faster then).
    pub fn search_pending(&self) -> bool {
        matches!(&self.overlay, Overlay::Search(s) if s.pending)
    }

    /// Shows `r` in the search box if it answers the current query.
    pub fn apply_results(&mut self, r: Results) {
        let Overlay::Search(s) = &mut self.overlay else {
            return;
        };
        if r.query != s.query {
            return;
        }
        if r.query != s.answered {
            s.selected = 0;
        }
        s.hits = r.hits;
        s.matched = r.matched;
        s.answered = r.query;
        s.pending = false;
        s.selected = s.selected.min(s.hits.len().saturating_sub(1));
    }

    /// Where a hit lives: its evidence and the match's ranges in its block.
    pub fn hit_place(&self, hit: &Hit) -> Option<(crate::analysis::Evidence, Vec<Range<usize>>)> {
        let ev = match hit.target {
            Target::Quote(q) => self.index.analysis.quotes.get(q as usize)?.at,
            Target::Sentence(s) => self.index.analysis.sentences.get(s as usize)?.evidence(),
        };
        let off = ev.span.start as usize;
        let ranges = hit.ranges.iter().map(|&(a, b)| off + a..off + b).collect();
        Some((ev, ranges))
    }

    fn follow_hit(&mut self) {
        let hit = match &self.overlay {
            Overlay::Search(s) => s.hits.get(s.selected).cloned(),
            _ => None,
        };
        let Some(place) = hit.and_then(|h| self.hit_place(&h)) else {
            return;
        };
        self.overlay = Overlay::None;
        self.remember();
        let area = self.main_area();
        let ctx = Ctx {
            index: &self.index,
            theme: &self.theme,
        };
        if self.articles.show(place.0, place.1, &ctx, area) {
            self.active = PaneId::Articles;
            self.focus[PaneId::Articles.index()] = Focus::Main;
        } else {
            self.history.pop();
        }
        self.fix_list_offset();
    }
}
