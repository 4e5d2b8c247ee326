//! Key sequences through the key table and `App::update`, checked on the
//! app's state.

use briefing::analysis::Evidence;
use briefing::tui::action::{Action, Nav, PaneId};
use briefing::tui::app::{App, Focus, Overlay};
use briefing::tui::keys::Mode;
use briefing::tui::testing::fixture_index;
use briefing::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

fn app() -> App {
    let mut a = App::new(fixture_index(), Theme::new(true));
    a.update(Action::Resize(120, 40));
    a
}

fn press(a: &mut App, code: KeyCode) {
    a.key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Types `s` as key presses (each char through the key table).
fn keys(a: &mut App, s: &str) {
    for c in s.chars() {
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        a.key(KeyEvent::new(KeyCode::Char(c), mods));
    }
}

#[test]
fn two_then_enter_focuses_the_issues_view() {
    let mut a = app();
    keys(&mut a, "2");
    assert_eq!(a.active(), PaneId::Issues);
    assert_eq!(a.focus(), Focus::List);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.active(), PaneId::Issues);
    assert_eq!(a.focus(), Focus::Main);
    keys(&mut a, "h");
    assert_eq!(a.focus(), Focus::List);
}

#[test]
fn search_typing_then_enter_lands_on_the_hit_highlighted() {
    let mut a = app();
    keys(&mut a, "3/");
    assert_eq!(a.mode(), Mode::Search);
    // j, k and q type into the box rather than moving or quitting.
    keys(&mut a, "seek permits");
    let Overlay::Search(s) = a.overlay() else {
        panic!("search closed")
    };
    assert_eq!(s.query, "seek permits");
    assert!(!s.hits.is_empty());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(a.active(), PaneId::Articles);
    assert_eq!(a.focus(), Focus::Main);
    assert_eq!(a.articles().article(), 1);
    let ix = fixture_index();
    let (block, ranges) = a.articles().highlight().expect("highlighted");
    let text = &ix.articles[1].blocks[block as usize].text;
    let lit: String = ranges.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(lit.replace(' ', ""), "seekpermits");
    // Esc goes back to the Actors pane where the search started.
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.active(), PaneId::Actors);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.active(), PaneId::Actors);
    assert_eq!(a.status(), Some("nothing to go back to"));
}

#[test]
fn search_box_types_q_j_k_and_esc_closes_where_you_were() {
    let mut a = app();
    keys(&mut a, "j");
    assert_eq!(a.pane(PaneId::Articles).selected(), 1);
    keys(&mut a, "/qjk");
    let Overlay::Search(s) = a.overlay() else {
        panic!("search closed")
    };
    assert_eq!(s.query, "qjk");
    press(&mut a, KeyCode::Backspace);
    let Overlay::Search(s) = a.overlay() else {
        panic!("search closed")
    };
    assert_eq!(s.query, "qj");
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Normal);
    assert!(!a.should_quit());
    assert_eq!(a.pane(PaneId::Articles).selected(), 1);
    assert_eq!(a.history_len(), 0);
    keys(&mut a, "q");
    assert!(a.should_quit());
}

#[test]
fn search_selection_moves_with_arrows_and_ctrl_n_p() {
    let mut a = app();
    keys(&mut a, "/dredging");
    let n = match a.overlay() {
        Overlay::Search(s) => s.hits.len(),
        _ => 0,
    };
    assert!(n >= 3);
    a.key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    press(&mut a, KeyCode::Down);
    a.key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL));
    let Overlay::Search(s) = a.overlay() else { panic!() };
    assert_eq!(s.selected, 1);
    press(&mut a, KeyCode::Up);
    press(&mut a, KeyCode::Up);
    let Overlay::Search(s) = a.overlay() else { panic!() };
    assert_eq!(s.selected, 0);
}

#[test]
fn panes_keep_their_selection_and_scroll() {
    let mut a = app();
    a.update(Action::Resize(80, 12));
    keys(&mut a, "jl");
    keys(&mut a, "jjj");
    let scroll = a.articles().scroll();
    assert_eq!(scroll, 3);
    keys(&mut a, "3jj");
    assert_eq!(a.pane(PaneId::Actors).selected(), 2);
    keys(&mut a, "1");
    assert_eq!(a.active(), PaneId::Articles);
    assert_eq!(a.articles().article(), 1);
    assert_eq!(a.articles().scroll(), scroll);
    assert_eq!(a.focus(), Focus::Main);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.active(), PaneId::Actors);
    assert_eq!(a.pane(PaneId::Actors).selected(), 2);
    assert_eq!(a.focus(), Focus::List);
    a.key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(a.active(), PaneId::Issues);
}

#[test]
fn n_and_shift_n_walk_the_quotes() {
    let mut a = app();
    keys(&mut a, "l");
    keys(&mut a, "n");
    assert_eq!(a.articles().selected_quote(), Some(0));
    keys(&mut a, "n");
    assert_eq!(a.articles().selected_quote(), Some(1));
    keys(&mut a, "nN");
    assert_eq!(a.articles().selected_quote(), Some(1));
    keys(&mut a, "NN");
    assert_eq!(a.articles().selected_quote(), Some(0));
    assert_eq!(a.status(), Some("first quote"));
    // Past the screen: the quote is scrolled into view.
    a.update(Action::Resize(60, 8));
    keys(&mut a, "nnnn");
    let q = a.articles().selected_quote().unwrap();
    assert_eq!(q, 4);
    assert!(a.articles().scroll() > 0);
}

#[test]
fn enter_on_a_quote_opens_its_speaker_and_esc_returns() {
    let mut a = app();
    keys(&mut a, "ln");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.active(), PaneId::Actors);
    assert_eq!(a.focus(), Focus::Main);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.active(), PaneId::Articles);
    assert_eq!(a.articles().selected_quote(), Some(0));
    assert_eq!(a.focus(), Focus::Main);
}

#[test]
fn y_copies_the_quote_with_its_citation() {
    let mut a = app();
    keys(&mut a, "y");
    assert!(a.take_clipboard().is_empty());
    keys(&mut a, "lny");
    let c = a.take_clipboard();
    assert_eq!(c.len(), 1);
    assert!(
        c[0].contains("We will not trade the bay") && c[0].contains("Lina Ortiz"),
        "{c:?}"
    );
    assert!(a.status().unwrap().starts_with("copied"));
}

#[test]
fn navigate_to_evidence_highlights_the_words() {
    let mut a = app();
    let ix = fixture_index();
    let q = &ix.analysis.quotes[7];
    a.update(Action::Navigate(Nav::Evidence(Evidence { ..q.at })));
    assert_eq!(a.active(), PaneId::Articles);
    assert_eq!(a.articles().article(), q.at.article as usize);
    let (b, r) = a.articles().highlight().unwrap();
    assert_eq!(b, q.at.block);
    assert_eq!(r, &[q.at.span.range()]);
    assert_eq!(a.articles().selected_quote(), Some(7));
}

#[test]
fn help_opens_and_closes_and_its_keys_do_not_leak() {
    let mut a = app();
    keys(&mut a, "?");
    assert_eq!(a.mode(), Mode::Help);
    keys(&mut a, "jj2");
    assert_eq!(a.active(), PaneId::Articles);
    keys(&mut a, "?");
    assert_eq!(a.mode(), Mode::Normal);
    keys(&mut a, "?");
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Normal);
}

#[test]
fn mouse_selects_tabs_and_list_rows() {
    let mut a = app();
    let click = |x, y| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    // The Actors tab is the third in the top bar.
    let x = briefing::tui::view::chrome::tabs()[2].2.start + 1;
    a.mouse(click(x, 0));
    assert_eq!(a.active(), PaneId::Actors);
    a.mouse(click(3, 3));
    assert_eq!(a.pane(PaneId::Actors).selected(), 2);
    assert_eq!(a.focus(), Focus::List);
    a.mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 3,
        row: 3,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(a.pane(PaneId::Actors).selected(), 3);
    a.mouse(click(1, 0));
    assert_eq!(a.active(), PaneId::Articles);
    a.update(Action::Resize(80, 12));
    a.mouse(click(60, 8));
    assert_eq!(a.focus(), Focus::Main);
    a.mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 60,
        row: 8,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(a.articles().scroll(), 3);
}

#[test]
fn narrow_screens_show_the_focused_region() {
    let mut a = app();
    a.update(Action::Resize(40, 12));
    assert!(a.areas().main.is_none());
    press(&mut a, KeyCode::Enter);
    assert!(a.areas().list.is_none());
    assert!(a.areas().main.is_some());
}

#[test]
fn clicking_a_search_hit_selects_then_follows_it() {
    let mut a = app();
    keys(&mut a, "/dredging");
    let size = a.size();
    let Overlay::Search(s) = a.overlay() else { panic!() };
    // Find the screen row of the second hit by probing the overlay.
    let (x, y) = (0..size.height)
        .flat_map(|y| (0..size.width).map(move |x| (x, y)))
        .find(|&(x, y)| briefing::tui::view::search::hit_at(size, s, x, y) == Some(1))
        .expect("second hit on screen");
    a.update(Action::Click(x, y));
    let Overlay::Search(s) = a.overlay() else { panic!() };
    assert_eq!(s.selected, 1);
    a.update(Action::Click(x, y));
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(a.active(), PaneId::Articles);
    assert!(a.articles().highlight().is_some());
}

#[test]
fn following_evidence_from_the_issues_view_and_back() {
    let mut a = app();
    keys(&mut a, "2");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        a.active(),
        PaneId::Articles,
        "Enter on the Issues view's evidence opens the article"
    );
    let (_, ranges) = a.articles().highlight().expect("the words are highlighted");
    assert!(!ranges.is_empty());
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.active(), PaneId::Issues);
    assert_eq!(a.focus(), Focus::Main);
}
