//! THE key table: every key the UI answers to, in which mode, what it does
//! and its help text. Key handling, the help overlay and docs/keys.md are all
//! read from it, so they cannot disagree.

use super::action::{Action, PaneId};
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Browsing panes.
    Normal,
    /// Typing in the search box: printable keys type.
    Search,
    /// The help overlay is open.
    Help,
    /// The load warnings overlay is open.
    Warnings,
}

impl Mode {
    pub const ALL: [Mode; 4] = [Mode::Normal, Mode::Search, Mode::Help, Mode::Warnings];
    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "Browsing",
            Mode::Search => "Search box",
            Mode::Help => "Help",
            Mode::Warnings => "Load warnings",
        }
    }
}

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    /// Any printable character (the search box types it).
    AnyChar,
}

impl Key {
    /// How the key is written in help and docs.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::AnyChar => "any character".into(),
            Key::Code(c) => match c {
                KeyCode::Up => "Up".into(),
                KeyCode::Down => "Down".into(),
                KeyCode::Left => "Left".into(),
                KeyCode::Right => "Right".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Shift-Tab".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Backspace => "Backspace".into(),
                other => format!("{other:?}"),
            },
        }
    }

    /// Whether `ev` is this key; for `AnyChar`, the character typed.
    fn matches(self, ev: &KeyEvent) -> Option<Option<char>> {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        let hit = match (self, ev.code) {
            (Key::Ctrl(c), KeyCode::Char(k)) => ctrl && k.eq_ignore_ascii_case(&c),
            (Key::Char(c), KeyCode::Char(k)) => !ctrl && !alt && k == c,
            (Key::AnyChar, KeyCode::Char(k)) if !ctrl && !alt && !k.is_control() => return Some(Some(k)),
            // Terminals differ on whether Shift-Tab arrives as BackTab or Shift+Tab.
            (Key::Code(KeyCode::BackTab), KeyCode::Tab) => ev.modifiers.contains(KeyModifiers::SHIFT),
            (Key::Code(KeyCode::Tab), KeyCode::Tab) => !ev.modifiers.contains(KeyModifiers::SHIFT) && !ctrl,
            (Key::Code(c), code) => c == code && !ctrl,
            _ => false,
        };
        hit.then_some(None)
    }
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    pub modes: &'static [Mode],
    /// The action; for `Key::AnyChar` the typed character replaces it.
    pub action: Action,
    pub help: &'static str,
}

use Key::{Char as C, Code, Ctrl};
use Mode::{Help as H, Normal as N, Search as S, Warnings as W};

macro_rules! bind {
    ($keys:expr, $modes:expr, $action:expr, $help:expr) => {
        Binding {
            keys: $keys,
            modes: $modes,
            action: $action,
            help: $help,
        }
    };
}

/// Every binding, first match wins (so mode-specific rows come before shared ones).
pub fn table() -> &'static [Binding] {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<Binding>> = OnceLock::new();
    TABLE.get_or_init(|| {
        vec![
            bind!(&[Ctrl('c')], &[N, S, H, W], Action::Quit, "quit"),
            bind!(&[C('q')], &[N, H, W], Action::Quit, "quit"),
            // Search box.
            bind!(
                &[Code(KeyCode::Esc)],
                &[S],
                Action::Back,
                "close search, back where you were"
            ),
            bind!(
                &[Code(KeyCode::Enter)],
                &[S],
                Action::Follow,
                "jump to the selected hit in its article"
            ),
            bind!(&[Code(KeyCode::Up), Ctrl('p')], &[S], Action::Up, "previous hit"),
            bind!(&[Code(KeyCode::Down), Ctrl('n')], &[S], Action::Down, "next hit"),
            bind!(&[Code(KeyCode::PageUp)], &[S], Action::PageUp, "hits: page up"),
            bind!(
                &[Code(KeyCode::PageDown)],
                &[S],
                Action::PageDown,
                "hits: page down"
            ),
            bind!(
                &[Code(KeyCode::Backspace)],
                &[S],
                Action::SearchBackspace,
                "delete a character"
            ),
            bind!(&[Ctrl('u')], &[S], Action::SearchClear, "clear the query"),
            bind!(
                &[Key::AnyChar],
                &[S],
                Action::SearchInput(' '),
                "type into the query (j, k, q too)"
            ),
            // Help overlay.
            bind!(
                &[Code(KeyCode::Esc), C('?')],
                &[H],
                Action::ToggleHelp,
                "close help"
            ),
            // Load warnings overlay.
            bind!(
                &[Code(KeyCode::Esc), C('w')],
                &[W],
                Action::ToggleWarnings,
                "close the warnings"
            ),
            // Both overlays scroll alike.
            bind!(&[C('j'), Code(KeyCode::Down)], &[H, W], Action::Down, "scroll down"),
            bind!(&[C('k'), Code(KeyCode::Up)], &[H, W], Action::Up, "scroll up"),
            bind!(
                &[Code(KeyCode::PageDown), Ctrl('d')],
                &[H, W],
                Action::PageDown,
                "scroll a page down"
            ),
            bind!(
                &[Code(KeyCode::PageUp), Ctrl('u')],
                &[H, W],
                Action::PageUp,
                "scroll a page up"
            ),
            bind!(&[C('g'), Code(KeyCode::Home)], &[H, W], Action::Top, "scroll to the top"),
            bind!(
                &[C('G'), Code(KeyCode::End)],
                &[H, W],
                Action::Bottom,
                "scroll to the bottom"
            ),
            // Browsing.
            bind!(
                &[C('j'), Code(KeyCode::Down)],
                &[N],
                Action::Down,
                "move down (list selection or text)"
            ),
            bind!(&[C('k'), Code(KeyCode::Up)], &[N], Action::Up, "move up"),
            bind!(&[C('g'), Code(KeyCode::Home)], &[N], Action::Top, "go to the top"),
            bind!(
                &[C('G'), Code(KeyCode::End)],
                &[N],
                Action::Bottom,
                "go to the bottom"
            ),
            bind!(&[Code(KeyCode::PageDown)], &[N], Action::PageDown, "page down"),
            bind!(&[Code(KeyCode::PageUp)], &[N], Action::PageUp, "page up"),
            bind!(&[Ctrl('d')], &[N], Action::HalfPageDown, "half a page down"),
            bind!(&[Ctrl('u')], &[N], Action::HalfPageUp, "half a page up"),
            bind!(&[C('h')], &[N], Action::FocusList, "focus the list"),
            bind!(&[C('l')], &[N], Action::FocusMain, "focus the main view"),
            bind!(
                &[Code(KeyCode::Left)],
                &[N],
                Action::Left,
                "previous table cell, or focus the list"
            ),
            bind!(
                &[Code(KeyCode::Right)],
                &[N],
                Action::Right,
                "next table cell, or focus the main view"
            ),
            bind!(&[Code(KeyCode::Tab)], &[N], Action::NextPane, "next pane"),
            bind!(&[Code(KeyCode::BackTab)], &[N], Action::PrevPane, "previous pane"),
            bind!(&[C('1')], &[N], Action::GoPane(PaneId::Articles), "Articles pane"),
            bind!(&[C('2')], &[N], Action::GoPane(PaneId::Issues), "Issues pane"),
            bind!(&[C('3')], &[N], Action::GoPane(PaneId::Actors), "Actors pane"),
            bind!(&[C('4')], &[N], Action::GoPane(PaneId::Compare), "Compare pane"),
            bind!(
                &[Code(KeyCode::Enter)],
                &[N],
                Action::Follow,
                "from the list into the view; in the view, follow the selection (a quote to its speaker, a passage to its article)"
            ),
            bind!(
                &[C(' ')],
                &[N],
                Action::ToggleMark,
                "mark the selected entry (Compare's choices)"
            ),
            bind!(&[C('n')], &[N], Action::NextQuote, "next quote"),
            bind!(&[C('N')], &[N], Action::PrevQuote, "previous quote"),
            bind!(
                &[C('m')],
                &[N],
                Action::ToggleCompareMode,
                "Compare: switch between comparing actors and articles"
            ),
            bind!(
                &[C('y')],
                &[N],
                Action::Copy,
                "copy the selected quote with its citation"
            ),
            bind!(&[C('/')], &[N], Action::OpenSearch, "search quotes and sentences"),
            bind!(&[C('?')], &[N], Action::ToggleHelp, "this help"),
            bind!(
                &[C('w')],
                &[N],
                Action::ToggleWarnings,
                "what the loader could not take as it was (FILE:LINE: message)"
            ),
            bind!(
                &[Code(KeyCode::Esc)],
                &[N],
                Action::Back,
                "back to where the last jump (Enter, search) came from"
            ),
        ]
    })
}

/// The action a key press means in `mode`, if any. Key releases are ignored.
pub fn action_for(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    table().iter().filter(|b| b.modes.contains(&mode)).find_map(|b| {
        b.keys
            .iter()
            .find_map(|k| k.matches(ev))
            .map(|typed| match typed {
                Some(c) => Action::SearchInput(c),
                None => b.action.clone(),
            })
    })
}

/// The action a mouse event means: the wheel scrolls what is under the
/// pointer, a left click selects.
pub fn mouse_action(ev: &MouseEvent) -> Option<Action> {
    match ev.kind {
        MouseEventKind::ScrollUp => Some(Action::ScrollUp(ev.column, ev.row)),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown(ev.column, ev.row)),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(ev.column, ev.row)),
        _ => None,
    }
}

/// The help text of the table, grouped by mode: (mode title, [(keys, help)]).
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    Mode::ALL
        .iter()
        .map(|&m| {
            let rows = table()
                .iter()
                .filter(|b| b.modes.contains(&m))
                .map(|b| {
                    let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
                    (keys.join(", "), b.help)
                })
                .collect();
            (m.name(), rows)
        })
        .collect()
}

/// docs/keys.md, generated from the table.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Keys\n\n<!-- Generated from src/tui/keys.rs (`UPDATE_KEYS_MD=1 cargo test keys_md`); do not edit by hand. -->\n\n",
    );
    for (title, rows) in help_sections() {
        out.push_str(&format!("## {title}\n\n| Keys | Action |\n|---|---|\n"));
        for (keys, help) in rows {
            let keys = keys
                .split(", ")
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect::<Vec<_>>()
                .join(", ");
            out.push_str(&format!("| {keys} | {help} |\n"));
        }
        out.push('\n');
    }
    out.push_str(
        "## Mouse\n\n| Input | Action |\n|---|---|\n| wheel | scroll the list or view under the pointer |\n| left click | select a pane tab, a list entry or a search hit (a second click follows the hit); focus the view; select a quote in an article |\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn search_mode_types_letters_that_normal_mode_binds() {
        for c in ['j', 'k', 'q', 'n', '/', '?', '1', 'é', '日'] {
            assert_eq!(
                action_for(Mode::Search, &key(KeyCode::Char(c))),
                Some(Action::SearchInput(c))
            );
        }
        assert_eq!(
            action_for(Mode::Normal, &key(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(Mode::Normal, &key(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(Mode::Help, &key(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Mode::Search, &ctrl_n), Some(Action::Down));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for m in Mode::ALL {
            assert_eq!(action_for(m, &ctrl_c), Some(Action::Quit));
        }
    }

    #[test]
    fn shifted_letters_and_backtab() {
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::Normal, &shift_g), Some(Action::Bottom));
        let shift_n = KeyEvent::new(KeyCode::Char('N'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::Normal, &shift_n), Some(Action::PrevQuote));
        let shift_tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::Normal, &shift_tab), Some(Action::PrevPane));
        assert_eq!(
            action_for(Mode::Normal, &key(KeyCode::BackTab)),
            Some(Action::PrevPane)
        );
        assert_eq!(
            action_for(Mode::Normal, &key(KeyCode::Tab)),
            Some(Action::NextPane)
        );
    }

    #[test]
    fn every_row_is_reachable() {
        // A row whose keys are all taken by earlier rows of the same mode would be dead.
        for (i, b) in table().iter().enumerate() {
            for &m in b.modes {
                let live = b.keys.iter().any(|k| {
                    !table()[..i]
                        .iter()
                        .any(|e| e.modes.contains(&m) && e.keys.contains(k))
                });
                assert!(live, "row {i} ({}) is shadowed in {m:?}", b.help);
            }
        }
    }

    #[test]
    fn keys_md_lists_every_key() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md");
        if std::env::var_os("UPDATE_KEYS_MD").is_some() {
            std::fs::write(path, markdown()).unwrap();
        }
        let doc = std::fs::read_to_string(path).expect("docs/keys.md exists");
        for b in table() {
            for k in b.keys {
                let label = format!("`{}`", k.label());
                assert!(doc.contains(&label), "docs/keys.md lacks {label}");
            }
            assert!(doc.contains(b.help), "docs/keys.md lacks {:?}", b.help);
        }
        assert_eq!(
            doc,
            markdown(),
            "docs/keys.md is stale: UPDATE_KEYS_MD=1 cargo test keys_md"
        );
    }
}
