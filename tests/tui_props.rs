//! Whatever is pressed, clicked or resized, the app never panics and every
//! frame draws.

use briefing::analysis::Evidence;
use briefing::text::Span;
use briefing::tui::action::{Action, Nav};
use briefing::tui::app::App;
use briefing::tui::testing::fixture_index;
use briefing::tui::theme::Theme;
use briefing::tui::view;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

#[derive(Debug, Clone)]
enum Step {
    Act(Action),
    Key(KeyEvent),
}

fn simple_action() -> impl Strategy<Value = Action> {
    prop::sample::select(Action::SIMPLE.to_vec())
}

fn step() -> impl Strategy<Value = Step> {
    let chars = prop::sample::select(vec![
        'a', 'd', 'r', 'e', 'j', 'k', 'q', ' ', 'é', '日', '\u{301}', '👩', '#', '@',
    ]);
    let codes = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Backspace,
        KeyCode::Char('n'),
        KeyCode::Char('N'),
        KeyCode::Char('/'),
        KeyCode::Char('?'),
        KeyCode::Char('1'),
        KeyCode::Char('2'),
        KeyCode::Char('3'),
        KeyCode::Char('4'),
        KeyCode::Char('g'),
        KeyCode::Char('G'),
        KeyCode::Char('y'),
        KeyCode::Char(' '),
        KeyCode::Char('h'),
        KeyCode::Char('l'),
        KeyCode::Char('m'),
    ]);
    let size = prop_oneof![
        (1u16..=30, 1u16..=12),
        (1u16..=500, 1u16..=200),
        prop::sample::select(vec![
            (80u16, 24u16),
            (120, 40),
            (20, 5),
            (19, 4),
            (59, 10),
            (60, 10)
        ]),
    ];
    let ev = (0u32..4, 0u32..10, 0u32..400, 0u32..400).prop_map(|(a, b, s, l)| Evidence {
        article: a,
        block: b,
        span: Span {
            start: s,
            end: s.saturating_add(l % 40),
        },
    });
    prop_oneof![
        6 => simple_action().prop_map(Step::Act),
        4 => codes.prop_map(|c| Step::Key(KeyEvent::new(c, KeyModifiers::NONE))),
        3 => chars.prop_map(|c| Step::Act(Action::SearchInput(c))),
        1 => prop::sample::select(vec!['c', 'd', 'u', 'n', 'p']).prop_map(|c| Step::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))),
        2 => (0u16..520, 0u16..210).prop_map(|(x, y)| Step::Act(Action::Click(x, y))),
        2 => (any::<bool>(), 0u16..520, 0u16..210).prop_map(|(up, x, y)| Step::Act(if up { Action::ScrollUp(x, y) } else { Action::ScrollDown(x, y) })),
        2 => size.prop_map(|(w, h)| Step::Act(Action::Resize(w, h))),
        1 => ev.prop_map(|e| Step::Act(Action::Navigate(Nav::Evidence(e)))),
        1 => (0u32..6).prop_map(|a| Step::Act(Action::Navigate(Nav::Actor(a)))),
        1 => (0u32..6).prop_map(|i| Step::Act(Action::Navigate(Nav::Issue(i)))),
    ]
}

/// The embedded briefing, analysed once for every case.
fn embedded() -> std::sync::Arc<briefing::Index> {
    static IX: std::sync::OnceLock<std::sync::Arc<briefing::Index>> = std::sync::OnceLock::new();
    IX.get_or_init(|| briefing::cmd::open(&briefing::cmd::Input::default()).expect("embedded briefing"))
        .clone()
}

fn run_steps(index: std::sync::Arc<briefing::Index>, steps: Vec<Step>, color: bool) {
    let mut app = App::new(index, Theme::new(color));
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut cur = (80u16, 24u16);
    for s in steps {
        match s {
            Step::Act(Action::Quit) => {}
            Step::Act(a) => app.update(a),
            Step::Key(k) => app.key(k),
        }
        let size = app.size();
        if cur != (size.width, size.height) {
            cur = (size.width, size.height);
            term = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
        }
        term.draw(|f| view::draw(f, &app)).unwrap();
        let _ = app.take_clipboard();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_renders_without_panic(steps in prop::collection::vec(step(), 1..40), color in any::<bool>()) {
        run_steps(fixture_index(), steps, color);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_on_the_embedded_briefing(steps in prop::collection::vec(step(), 1..30), color in any::<bool>()) {
        run_steps(embedded(), steps, color);
    }
}
