//! Panes keep their laid-out main view between frames (`Pane::prepare`).
//! These check that what is kept is never stale: after a resize the view is
//! wrapped to the new width, after a selection it shows the new entry, and
//! whatever is pressed, the frame drawn from kept views is the frame drawn
//! from views laid out afresh, key by key or after a burst of keys.

use briefing::tui::action::{Action, PaneId};
use briefing::tui::app::App;
use briefing::tui::testing::fixture_index;
use briefing::tui::theme::Theme;
use briefing::tui::view;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

fn app() -> App {
    App::new(fixture_index(), Theme::new(true))
}

fn frame(app: &App) -> Buffer {
    let s = app.size();
    let mut t = Terminal::new(TestBackend::new(s.width, s.height)).unwrap();
    t.draw(|f| view::draw(f, app)).unwrap();
    t.backend().buffer().clone()
}

/// The main view's rows as text.
fn main_text(app: &App) -> Vec<String> {
    let buf = frame(app);
    let m = app.areas().main.expect("main view shown");
    (m.y..m.bottom())
        .map(|y| {
            (m.x..m.right())
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

fn key(app: &mut App, c: char) {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

#[test]
fn after_a_resize_each_pane_is_wrapped_to_the_new_width() {
    for p in PaneId::ALL {
        let mut a = app();
        a.update(Action::Resize(160, 40));
        a.update(Action::GoPane(p));
        let wide = main_text(&a);
        a.update(Action::Resize(70, 40));
        let narrow = main_text(&a);
        // The same pane made at the narrow size from the start.
        let mut b = app();
        b.update(Action::Resize(70, 40));
        b.update(Action::GoPane(p));
        assert_eq!(narrow, main_text(&b), "{p:?}");
        assert_ne!(wide, narrow, "{p:?}: the view did not re-wrap");
        assert!(narrow
            .iter()
            .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 70));
    }
}

#[test]
fn after_a_selection_the_view_shows_the_new_entry() {
    for p in [PaneId::Articles, PaneId::Issues, PaneId::Actors] {
        let mut a = app();
        a.update(Action::Resize(120, 30));
        a.update(Action::GoPane(p));
        let before = main_text(&a);
        key(&mut a, 'j');
        let sel = a.pane(p).selected();
        assert_eq!(sel, 1, "{p:?}");
        let label = a.pane(p).entry(&a.ctx(), sel).unwrap().label;
        let after = main_text(&a);
        assert_ne!(before, after, "{p:?}");
        assert!(
            after.iter().take(3).any(|l| l.contains(label.as_str())),
            "{p:?}: {label:?} not at the top of {after:#?}"
        );
        // And back: the first entry's view, as it was.
        key(&mut a, 'k');
        assert_eq!(main_text(&a), before, "{p:?}");
    }
}

#[test]
fn marking_in_compare_changes_the_comparison() {
    let mut a = app();
    a.update(Action::Resize(120, 30));
    a.update(Action::GoPane(PaneId::Compare));
    let two = main_text(&a);
    // Unmark the first actor: fewer than two are marked.
    key(&mut a, ' ');
    let one = main_text(&a);
    assert_ne!(two, one);
    assert!(
        one.iter().any(|l| l.contains("Mark two or more actors")),
        "{one:#?}"
    );
    key(&mut a, ' ');
    assert_eq!(main_text(&a), two);
    // The other mode lays out its own view.
    key(&mut a, 'm');
    assert!(main_text(&a).iter().any(|l| l.contains("issue mention")));
}

#[test]
fn the_list_draws_the_rows_on_screen_from_entries() {
    let mut a = app();
    a.update(Action::Resize(100, 8));
    for p in PaneId::ALL {
        a.update(Action::GoPane(p));
        let buf = frame(&a);
        let l = a.areas().list.expect("list shown");
        let entries = a.pane(p).entries(&a.ctx());
        assert_eq!(entries.len(), a.pane(p).entry_count(&a.ctx()));
        for (row, e) in entries
            .iter()
            .skip(a.list_offset())
            .take(l.height as usize)
            .enumerate()
        {
            let y = l.y + row as u16;
            let text: String = (l.x..l.right()).map(|x| buf[(x, y)].symbol()).collect();
            let head: String = e.label.chars().take(8).collect();
            assert!(text.contains(&head), "{p:?} row {row}: {text:?} lacks {head:?}");
        }
    }
}

#[derive(Debug, Clone)]
enum Step {
    Act(Action),
    Key(char),
}

fn step() -> impl Strategy<Value = Step> {
    let acts = prop::sample::select(
        [
            Action::SIMPLE.to_vec(),
            vec![
                Action::Resize(80, 24),
                Action::Resize(160, 48),
                Action::Resize(59, 20),
                Action::Resize(200, 60),
                Action::Resize(30, 6),
            ],
        ]
        .concat(),
    );
    prop_oneof![
        3 => acts.prop_map(Step::Act),
        3 => prop::sample::select("jkJKhlnNgG yme/?\x1b1234".chars().collect::<Vec<_>>()).prop_map(Step::Key),
        1 => (0u16..200, 0u16..60).prop_map(|(x, y)| Step::Act(Action::Click(x, y))),
    ]
}

fn apply(a: &mut App, s: &Step, prepare: bool) {
    match s {
        Step::Act(Action::Quit) => {}
        Step::Act(x) if prepare => a.update(x.clone()),
        Step::Act(x) => a.apply(x.clone()),
        Step::Key(c) => {
            let code = if *c == '\x1b' {
                KeyCode::Esc
            } else {
                KeyCode::Char(*c)
            };
            let k = KeyEvent::new(code, KeyModifiers::NONE);
            if prepare {
                a.key(k)
            } else {
                a.key_unprepared(k)
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// `kept` draws from the views it keeps, taking keys in bursts as the
    /// event loop does (applied one by one, laid out once); `fresh` drops
    /// its views after every key, so each frame is laid out anew. They
    /// must draw the same frames.
    #[test]
    fn kept_views_draw_what_fresh_ones_do(
        steps in prop::collection::vec((step(), any::<bool>()), 1..40),
        color in any::<bool>(),
    ) {
        let mut kept = App::new(fixture_index(), Theme::new(color));
        let mut fresh = App::new(fixture_index(), Theme::new(color));
        for (s, burst_ends) in &steps {
            apply(&mut kept, s, false);
            apply(&mut fresh, s, true);
            fresh.forget_layouts();
            if *burst_ends {
                kept.prepare();
                prop_assert_eq!(frame(&kept), frame(&fresh), "after {:?}", s);
            }
        }
        kept.prepare();
        prop_assert_eq!(frame(&kept), frame(&fresh));
    }
}

/// A generated pack large enough that every pane's view runs to hundreds of
/// lines, so the kept views are tops of long views (`Doc::with_limit`).
fn generated() -> std::sync::Arc<briefing::Index> {
    static IX: std::sync::OnceLock<std::sync::Arc<briefing::Index>> = std::sync::OnceLock::new();
    IX.get_or_init(|| briefing::tui::testing::generated_index(120, 7))
        .clone()
}

#[test]
fn long_views_draw_the_same_from_their_top_as_whole() {
    let ix = generated();
    let keys = "jjJ2jjlj1jn3jjkljjG4jj mjjlJ";
    for (w, h) in [(200u16, 60u16), (90, 20), (40, 12)] {
        let mut kept = App::new(ix.clone(), Theme::new(true));
        let mut fresh = App::new(ix.clone(), Theme::new(true));
        for a in [&mut kept, &mut fresh] {
            a.update(Action::Resize(w, h));
        }
        for c in keys.chars() {
            key(&mut kept, c);
            key(&mut fresh, c);
            fresh.forget_layouts();
            assert_eq!(frame(&kept), frame(&fresh), "{w}x{h} after {c:?}");
        }
    }
}

/// The bottom of a long view holds only its end; moving up from there, a
/// page at a time and past what it holds, down again, and resizing at the
/// bottom so the view grows shorter, draws as a whole layout does.
#[test]
fn long_views_draw_the_same_up_from_their_bottom() {
    let ix = generated();
    for p in PaneId::ALL {
        for (w, h) in [(90u16, 20u16), (40, 8)] {
            let mut kept = App::new(ix.clone(), Theme::new(true));
            let mut fresh = App::new(ix.clone(), Theme::new(true));
            let mut steps = vec![
                Action::Resize(w, h),
                Action::GoPane(p),
                Action::FocusMain,
                Action::Bottom,
            ];
            steps.extend(std::iter::repeat_n(Action::Up, 30));
            steps.extend(std::iter::repeat_n(Action::PageUp, 40));
            steps.extend(std::iter::repeat_n(Action::PageDown, 3));
            steps.extend([Action::Bottom, Action::PageUp, Action::Top, Action::Bottom]);
            // The view grows shorter under the cursor at its bottom: wider,
            // then taller.
            steps.extend([
                Action::Resize(w * 3, h),
                Action::Bottom,
                Action::Resize(w * 3, h * 4),
            ]);
            for s in steps {
                kept.update(s.clone());
                fresh.update(s.clone());
                fresh.forget_layouts();
                kept.prepare();
                assert_eq!(frame(&kept), frame(&fresh), "{p:?} {w}x{h} after {s:?}");
            }
        }
    }
}
