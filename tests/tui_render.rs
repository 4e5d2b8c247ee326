//! Render tests: the frame drawn into a TestBackend, compared as text.

use briefing::tui::action::{Action, PaneId};
use briefing::tui::app::{App, Overlay};
use briefing::tui::testing::fixture_index;
use briefing::tui::theme::Theme;
use briefing::tui::view;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn app() -> App {
    App::new(fixture_index(), Theme::new(false))
}

/// The frame as text, one line per row (wide characters take their cell
/// and the cell after them is skipped).
fn render(app: &mut App, w: u16, h: u16) -> String {
    app.update(Action::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view::draw(f, app)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
            out.push_str(s);
        }
        out.push('\n');
    }
    out
}

fn run(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(a.clone());
    }
}

#[test]
fn articles_pane_80x24() {
    let mut a = app();
    insta::assert_snapshot!(render(&mut a, 80, 24));
}

#[test]
fn articles_pane_160x48() {
    let mut a = app();
    run(&mut a, &[Action::FocusMain, Action::NextQuote]);
    insta::assert_snapshot!(render(&mut a, 160, 48));
}

#[test]
fn article_table_scrolled_80x24() {
    let mut a = app();
    run(&mut a, &[Action::FocusMain]);
    for _ in 0..12 {
        a.update(Action::Down);
    }
    insta::assert_snapshot!(render(&mut a, 80, 24));
}

#[test]
fn narrow_article_40x10() {
    let mut a = app();
    run(&mut a, &[Action::Follow]);
    insta::assert_snapshot!(render(&mut a, 40, 10));
}

#[test]
fn search_overlay_80x24() {
    let mut a = app();
    run(&mut a, &[Action::OpenSearch]);
    for c in "dredging".chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::Down);
    insta::assert_snapshot!(render(&mut a, 80, 24));
}

#[test]
fn search_overlay_160x48() {
    let mut a = app();
    run(&mut a, &[Action::OpenSearch]);
    for c in "jobs".chars() {
        a.update(Action::SearchInput(c));
    }
    insta::assert_snapshot!(render(&mut a, 160, 48));
}

#[test]
fn search_hit_followed_80x24() {
    let mut a = app();
    run(&mut a, &[Action::OpenSearch]);
    for c in "seagrass beds protected".chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::Follow);
    insta::assert_snapshot!(render(&mut a, 80, 24));
}

#[test]
fn help_overlay_80x24() {
    let mut a = app();
    a.update(Action::ToggleHelp);
    insta::assert_snapshot!(render(&mut a, 80, 24));
}

#[test]
fn help_overlay_160x48() {
    let mut a = app();
    a.update(Action::ToggleHelp);
    insta::assert_snapshot!(render(&mut a, 160, 48));
}

#[test]
fn chrome_other_pane_80x24() {
    let mut a = app();
    run(&mut a, &[Action::GoPane(PaneId::Actors), Action::Down]);
    insta::assert_snapshot!(render(&mut a, 80, 24));
}

#[test]
fn tiny_sizes() {
    for (w, h) in [(1, 1), (10, 3), (19, 5), (20, 4), (20, 5), (40, 10)] {
        let mut a = app();
        let text = render(&mut a, w, h);
        if w < 20 || h < 5 {
            let msg = "terminal too small";
            let flat: String = text.lines().map(str::trim).collect();
            assert!(
                msg.starts_with(flat.trim_end_matches('…')) || flat.contains("too"),
                "{w}×{h}: {text:?}"
            );
        }
    }
    let mut a = app();
    insta::assert_snapshot!("tiny_10x3", render(&mut a, 10, 3));
    insta::assert_snapshot!("tiny_20x5", render(&mut a, 20, 5));
    insta::assert_snapshot!("tiny_40x10", render(&mut a, 40, 10));
    insta::assert_snapshot!("tiny_1x1", render(&mut a, 1, 1));
}

/// The cells drawn in `style` (fg and bg), in reading order.
fn cells_in(app: &mut App, w: u16, h: u16, pick: impl Fn(&ratatui::buffer::Cell) -> bool) -> String {
    app.update(Action::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view::draw(f, app)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            if pick(&buf[(x, y)]) {
                out.push_str(buf[(x, y)].symbol());
            }
        }
    }
    out
}

#[test]
fn search_jump_highlights_the_match_and_quotes_wear_speaker_colours() {
    let theme = Theme::new(true);
    let mut a = App::new(fixture_index(), theme.clone());
    a.update(Action::OpenSearch);
    for c in "seek permits".chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::Follow);
    let hl = theme.highlight;
    let lit = cells_in(&mut a, 100, 30, |c| {
        c.bg == hl.bg.unwrap() && c.fg == hl.fg.unwrap()
    });
    assert_eq!(lit.replace(' ', ""), "seekpermits");
    // The partial quote by Lina Ortiz (actor 0) in her colour.
    let ortiz = theme.speaker(Some(0)).fg.unwrap();
    let hers = cells_in(&mut a, 100, 30, |c| {
        c.fg == ortiz && c.bg == ratatui::style::Color::Reset
    });
    assert!(hers.contains("reckless and premature"), "{hers}");
}

#[test]
fn loading_screen() {
    for (w, h) in [(1, 1), (5, 2), (20, 3), (80, 24)] {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| view::loading(f, &Theme::new(false), 3, 10))
            .unwrap();
    }
    let mut term = Terminal::new(TestBackend::new(60, 5)).unwrap();
    term.draw(|f| view::loading(f, &Theme::new(false), 3, 10))
        .unwrap();
    let buf = term.backend().buffer().clone();
    let text: String = (0..5)
        .map(|y| {
            (0..60)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                + "\n"
        })
        .collect();
    insta::assert_snapshot!(text);
}

#[test]
fn search_overlay_empty_80x24() {
    let mut a = app();
    a.update(Action::OpenSearch);
    insta::assert_snapshot!(render(&mut a, 80, 24));
}

#[test]
fn help_scrolls_to_its_last_line_and_no_further() {
    for (w, h) in [(80, 24), (40, 12), (24, 6)] {
        let mut a = app();
        a.update(Action::Resize(w, h));
        a.update(Action::ToggleHelp);
        for _ in 0..200 {
            a.update(Action::Down);
        }
        let text = render(&mut a, w, h);
        assert!(text.contains("holds."), "{w}×{h}:\n{text}");
        let Overlay::Help { scroll } = a.overlay() else {
            panic!()
        };
        assert!(*scroll < 200);
    }
}

fn warned_app(n: usize) -> App {
    use briefing::corpus::Warning;
    let ws = (0..n)
        .map(|i| {
            Warning::new(
                format!("/tmp/qa/odd/file-{i}.txt"),
                (i % 2 == 0).then_some(i as u32 + 1),
                "no title line; using the first sentence as the title, which is a long message that wraps",
            )
        })
        .collect();
    App::new(
        briefing::tui::testing::fixture_index_with_warnings(ws),
        Theme::new(false),
    )
}

#[test]
fn warnings_count_in_top_bar_and_overlay_80x24() {
    let mut a = warned_app(6);
    let frame = render(&mut a, 80, 24);
    assert!(frame.lines().next().unwrap().contains("⚠ 6 warnings"), "{frame}");
    let mut one = warned_app(1);
    let frame = render(&mut one, 80, 24);
    assert!(frame.lines().next().unwrap().contains("⚠ 1 warning "), "{frame}");
    run(&mut a, &[Action::ToggleWarnings]);
    insta::assert_snapshot!(render(&mut a, 80, 24));
}

#[test]
fn warnings_count_survives_a_narrow_top_bar() {
    let mut a = warned_app(6);
    let frame = render(&mut a, 60, 10);
    assert!(frame.lines().next().unwrap().contains("⚠ 6"), "{frame}");
}

/// The overlay scrolls by warning and wraps only those on screen: the last
/// page ends with the last warning's last line, a scrolled page starts with
/// its first warning, and a long list is never wrapped whole.
#[test]
fn warnings_overlay_scrolls_by_warning_to_the_last_line() {
    let mut a = warned_app(5_000);
    run(&mut a, &[Action::ToggleWarnings, Action::Down, Action::Down]);
    let frame = render(&mut a, 80, 24);
    let body: Vec<&str> = frame.lines().skip(2).collect();
    assert!(body[0].contains("/tmp/qa/odd/file-2.txt"), "{frame}");
    run(&mut a, &[Action::Bottom]);
    let frame = render(&mut a, 80, 24);
    let rows: Vec<&str> = frame.lines().collect();
    // The box's last text row (above its border and the status line) ends
    // the last warning: its wrapped tail, indented.
    let last = rows[rows.len() - 3];
    assert!(last.contains("  ") && last.contains("wraps"), "{frame}");
    assert!(frame.contains("file-4999.txt"), "{frame}");
    assert!(!frame.contains("file-4989.txt"), "{frame}");
}

fn status_row(frame: &str) -> String {
    frame.lines().last().unwrap_or("").to_string()
}

#[test]
fn the_position_survives_a_narrow_status_line_and_hints_drop_whole() {
    for w in [40u16, 60, 80, 120] {
        let mut a = app();
        run(&mut a, &[Action::FocusMain, Action::NextQuote]);
        let row = status_row(&render(&mut a, w, 20));
        let row = row.trim_end();
        let n = a
            .index
            .analysis
            .quotes
            .iter()
            .filter(|q| q.at.article == 0)
            .count();
        let want = format!("article 1/3 · {n}q · 0%");
        assert!(row.ends_with(&want), "{w}: position cut: {row:?}");
        // The hints give way whole: never a hint cut mid-word (an ellipsis
        // only where the position lost its front, with no hints left).
        let t = row.trim_start();
        assert!(t.starts_with('…') || !t.contains('…'), "{w}: {row:?}");
    }
}

#[test]
fn overlays_hint_their_own_keys() {
    let mut a = app();
    run(&mut a, &[Action::ToggleHelp]);
    let row = status_row(&render(&mut a, 120, 40));
    assert!(row.contains("Esc close"), "{row}");
    assert!(!row.contains("Enter open"), "{row}");
    let mut a = warned_app(2);
    run(&mut a, &[Action::ToggleWarnings]);
    let row = status_row(&render(&mut a, 120, 40));
    assert!(row.contains("Esc close") && row.contains("j/k scroll"), "{row}");
}

#[test]
fn hint_key_names_are_the_tables_names() {
    // Whatever a pane writes (esc, ⏎, space), the status line says Esc, Enter, Space.
    for p in [PaneId::Issues, PaneId::Actors, PaneId::Compare] {
        let mut a = app();
        run(&mut a, &[Action::GoPane(p), Action::FocusMain]);
        let row = status_row(&render(&mut a, 200, 30));
        for bad in ["esc ", "⏎", "space "] {
            assert!(!row.contains(bad), "{p:?}: {row}");
        }
    }
}

#[test]
fn narrow_tab_bars_keep_every_tab_whole() {
    for (w, want) in [(80u16, "4 Compare"), (40, "4 Cmp"), (30, "4 Cmp"), (20, " 4 ")] {
        let mut a = app();
        let frame = render(&mut a, w, 8);
        let top = frame.lines().next().unwrap();
        assert!(top.contains(want), "{w}: {top:?}");
        assert!(
            top.contains('1') && top.contains('2') && top.contains('3'),
            "{w}: {top:?}"
        );
        // A click on the fourth tab at this width opens Compare.
        let x = briefing::tui::view::chrome::tabs(w)[3].2.start;
        a.update(Action::Click(x, 0));
        assert_eq!(a.active(), PaneId::Compare, "{w}");
    }
}

#[test]
fn article_counts_say_they_count_quotes() {
    let mut a = app();
    let frame = render(&mut a, 80, 24);
    for (i, row) in frame.lines().skip(1).take(3).enumerate() {
        let n = a
            .index
            .analysis
            .quotes
            .iter()
            .filter(|q| q.at.article as usize == i)
            .count();
        let list = row.split('│').next().unwrap_or("");
        assert!(list.trim_end().ends_with(&format!(" {n}q")), "{i}: {row:?}");
    }
    assert!(frame.lines().last().unwrap().contains("q · "), "{frame}");
}

#[test]
fn loading_screen_names_the_analysis_stage() {
    let stages = briefing::analysis::STAGES;
    let mut term = Terminal::new(TestBackend::new(70, 5)).unwrap();
    term.draw(|f| view::loading_stage(f, &Theme::new(false), 10, 10, Some(2)))
        .unwrap();
    let buf = term.backend().buffer().clone();
    let text: String = (0..5)
        .flat_map(|y| (0..70).map(move |x| (x, y)))
        .map(|p| buf[p].symbol().to_string())
        .collect();
    let want = format!("analysing 10 files (3/{}: {})", stages.len(), stages[2]);
    assert!(text.contains(&want), "{text}");
    // Tiny terminals still draw without panicking.
    for (w, h) in [(1, 1), (5, 2)] {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| view::loading_stage(f, &Theme::new(false), 1, 1, Some(99)))
            .unwrap();
    }
}
