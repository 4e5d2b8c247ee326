//! Every state change in the UI is an `Action`, applied by `App::update`.
//! Keys and mouse events are mapped to actions (keys.rs); nothing else
//! mutates view state.

use crate::analysis::{ActorId, Evidence, IssueId};

/// The four panes, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaneId {
    Articles,
    Issues,
    Actors,
    Compare,
}

impl PaneId {
    pub const ALL: [PaneId; 4] = [PaneId::Articles, PaneId::Issues, PaneId::Actors, PaneId::Compare];
    pub fn title(self) -> &'static str {
        match self {
            PaneId::Articles => "Articles",
            PaneId::Issues => "Issues",
            PaneId::Actors => "Actors",
            PaneId::Compare => "Compare",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    ToggleHelp,
    /// w: the load warnings overlay.
    ToggleWarnings,
    /// Esc: close an overlay, or go back to where the last jump came from.
    Back,
    Up,
    Down,
    /// Across the cells of a table row in the main view (←/→ when the main
    /// view has focus).
    Left,
    Right,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    /// Move keyboard focus between the list (left) and the main view (right).
    FocusNext,
    /// h/Left: focus the list.
    FocusList,
    /// l/Right: focus the main view.
    FocusMain,
    NextPane,
    PrevPane,
    GoPane(PaneId),
    /// Enter: open / follow the selected thing.
    Follow,
    /// Space: mark the selected list entry (the compare pane's choices).
    ToggleMark,
    /// The compare pane's switch between comparing actors and articles (m).
    ToggleCompareMode,
    NextQuote,
    PrevQuote,
    /// y: copy the selected quote with its citation (OSC 52).
    Copy,
    OpenSearch,
    /// Typing in the search box.
    SearchInput(char),
    SearchBackspace,
    SearchClear,
    /// Mouse wheel over the given cell.
    ScrollUp(u16, u16),
    ScrollDown(u16, u16),
    Click(u16, u16),
    Resize(u16, u16),
    /// Go somewhere in another pane (produced by panes, not keys).
    Navigate(Nav),
}

impl Action {
    /// Every action that carries no data, except `Quit`: what the property
    /// tests throw at the app, so an action added here is fuzzed too.
    pub const SIMPLE: [Action; 31] = [
        Action::ToggleHelp,
        Action::ToggleWarnings,
        Action::Back,
        Action::Up,
        Action::Down,
        Action::Left,
        Action::Right,
        Action::PageUp,
        Action::PageDown,
        Action::HalfPageUp,
        Action::HalfPageDown,
        Action::Top,
        Action::Bottom,
        Action::FocusNext,
        Action::FocusList,
        Action::FocusMain,
        Action::NextPane,
        Action::PrevPane,
        Action::GoPane(PaneId::Articles),
        Action::GoPane(PaneId::Issues),
        Action::GoPane(PaneId::Actors),
        Action::GoPane(PaneId::Compare),
        Action::Follow,
        Action::ToggleMark,
        Action::ToggleCompareMode,
        Action::NextQuote,
        Action::PrevQuote,
        Action::Copy,
        Action::OpenSearch,
        Action::SearchBackspace,
        Action::SearchClear,
    ];
}

/// A destination: where following a quote, cell, passage or search hit leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// The article pane, scrolled to and highlighting these words.
    Evidence(Evidence),
    Actor(ActorId),
    Issue(IssueId),
}
