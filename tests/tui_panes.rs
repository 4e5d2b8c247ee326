//! The Issues, Actors and Compare panes over the hand-made fixture briefing
//! (`tui::testing::fixture_index`): snapshots at a few sizes, navigation
//! (Enter leads to the right words), marking, and layout flips by width.

use briefing::analysis::{Analysis, Evidence};
use briefing::tui::action::{Action, Nav};
use briefing::tui::pane::{Ctx, Outcome, Pane};
use briefing::tui::testing::fixture_index;
use briefing::tui::theme::Theme;
use briefing::tui::view::actor::ActorsPane;
use briefing::tui::view::compare::{ComparePane, Mode};
use briefing::tui::view::issue::IssuesPane;
use briefing::Index;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::Terminal;

const THEME: fn() -> Theme = || Theme::new(false);

fn ctx<'a>(index: &'a Index, theme: &'a Theme) -> Ctx<'a> {
    Ctx { index, theme }
}

fn area(w: u16, h: u16) -> Rect {
    Rect::new(0, 0, w, h)
}

/// The pane drawn over the whole of a `w`×`h` screen, as text; cells drawn
/// reversed (the selection) are wrapped in `⟦…⟧` so snapshots show it.
fn draw(pane: &dyn Pane, index: &Index, w: u16, h: u16) -> String {
    let theme = THEME();
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| pane.render(f, f.area(), &ctx(index, &theme))).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut inside = false;
        for x in 0..w {
            let c = &buf[(x, y)];
            let rev = c.modifier.contains(Modifier::REVERSED);
            if rev != inside {
                line.push(if rev { '⟦' } else { '⟧' });
                inside = rev;
            }
            line.push_str(c.symbol());
        }
        if inside {
            line.push('⟧');
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn send(pane: &mut dyn Pane, index: &Index, action: Action, a: Rect) -> Outcome {
    let theme = THEME();
    pane.update(&action, &ctx(index, &theme), a)
}

fn evidence(out: Outcome) -> Evidence {
    match out {
        Outcome::Navigate(Nav::Evidence(e)) => e,
        other => panic!("expected a jump to evidence, got {other:?}"),
    }
}

#[test]
fn snapshots_issues() {
    let ix = fixture_index();
    let theme = THEME();
    let mut p = IssuesPane::new(&ix);
    insta::assert_snapshot!("issues_80x24", draw(&p, &ix, 80, 24));
    insta::assert_snapshot!("issues_160x48", draw(&p, &ix, 160, 48));
    insta::assert_snapshot!("issues_12x4", draw(&p, &ix, 12, 4));
    // The issue with a passage only one source has.
    assert!(p.navigate(Nav::Issue(2), &ctx(&ix, &theme), area(80, 24)));
    insta::assert_snapshot!("issues_single_source_80x24", draw(&p, &ix, 80, 24));
}

#[test]
fn snapshots_actors() {
    let ix = fixture_index();
    let p = ActorsPane::new(&ix);
    insta::assert_snapshot!("actors_80x24", draw(&p, &ix, 80, 24));
    insta::assert_snapshot!("actors_160x48", draw(&p, &ix, 160, 48));
    insta::assert_snapshot!("actors_12x4", draw(&p, &ix, 12, 4));
}

#[test]
fn snapshots_compare() {
    let ix = fixture_index();
    let mut p = ComparePane::new(&ix);
    insta::assert_snapshot!("compare_actors_80x24", draw(&p, &ix, 80, 24));
    insta::assert_snapshot!("compare_actors_160x48", draw(&p, &ix, 160, 48));
    insta::assert_snapshot!("compare_actors_12x4", draw(&p, &ix, 12, 4));
    send(&mut p, &ix, Action::ToggleCompareMode, area(80, 24));
    assert_eq!(p.mode(), Mode::Articles);
    insta::assert_snapshot!("compare_articles_80x24", draw(&p, &ix, 80, 24));
    insta::assert_snapshot!("compare_articles_160x48", draw(&p, &ix, 160, 48));
}

#[test]
fn enter_on_a_stance_cell_jumps_to_its_words() {
    let ix = fixture_index();
    let mut p = IssuesPane::new(&ix);
    // Wide: actors in columns; the first cell is the most mentioned actor's summary.
    let a = area(160, 48);
    let e = evidence(send(&mut p, &ix, Action::Follow, a));
    assert_eq!(e.text(&ix.articles), "Start this spring");
    assert_eq!((e.article, e.block), (0, 4));
    // Right: the next actor's summary, on the same row.
    send(&mut p, &ix, Action::Right, a);
    let e = evidence(send(&mut p, &ix, Action::Follow, a));
    assert_eq!(e.text(&ix.articles), "Review first, then limited work");
    // Down twice: the second stance behind that summary, from a list item.
    send(&mut p, &ix, Action::Down, a);
    send(&mut p, &ix, Action::Down, a);
    let e = evidence(send(&mut p, &ix, Action::Follow, a));
    assert_eq!(e.text(&ix.articles), "an environmental review before any work");
    assert_eq!((e.article, e.block), (0, 2));
    // Left from there: the other actor's stance on the same row (from article 2).
    send(&mut p, &ix, Action::Left, a);
    let e = evidence(send(&mut p, &ix, Action::Follow, a));
    assert_eq!(e.text(&ix.articles), "seek permits for dredging within weeks");
    assert_eq!(e.article, 1);
    // Down: the aligned passages; the first is article 1's sentence.
    send(&mut p, &ix, Action::Down, a);
    let e = evidence(send(&mut p, &ix, Action::Follow, a));
    assert!(e.text(&ix.articles).contains("dredging must begin this spring"));
    send(&mut p, &ix, Action::Right, a);
    let e = evidence(send(&mut p, &ix, Action::Follow, a));
    assert_eq!(e.article, 1);
    assert!(e.text(&ix.articles).contains("permits for dredging"));
}

#[test]
fn narrow_width_puts_actors_in_rows() {
    let ix = fixture_index();
    let p = IssuesPane::new(&ix);
    let theme = THEME();
    let c = ctx(&ix, &theme);
    let text = |w: u16| -> Vec<String> {
        p.doc(&c, w)
            .lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    };
    let narrow = text(99);
    assert!(narrow
        .iter()
        .any(|l| l.starts_with("Actor") && l.contains("Wants")));
    assert!(!narrow
        .iter()
        .any(|l| l.contains("Harbor Authority") && l.contains("Lina Ortiz")));
    let wide = text(100);
    assert!(!wide.iter().any(|l| l.starts_with("Actor")));
    assert!(wide
        .iter()
        .any(|l| l.starts_with("Harbor Authority") && l.contains("│ Lina Ortiz")));
    // In rows, a fresh view selects the first summary, not the actor's name
    // left of it; Enter on the name opens the actor.
    let mut p = IssuesPane::new(&ix);
    let e = evidence(send(&mut p, &ix, Action::Follow, area(80, 24)));
    assert_eq!(e.text(&ix.articles), "Start this spring");
    send(&mut p, &ix, Action::Left, area(80, 24));
    assert_eq!(
        send(&mut p, &ix, Action::Follow, area(80, 24)),
        Outcome::Navigate(Nav::Actor(1))
    );
}

#[test]
fn toggle_mark_changes_compare_columns() {
    let ix = fixture_index();
    let theme = THEME();
    let c = ctx(&ix, &theme);
    let mut p = ComparePane::new(&ix);
    // The two most mentioned are preselected.
    assert_eq!(p.marked_actors(), &[1, 0]);
    let marked: Vec<bool> = p.entries(&c).iter().map(|e| e.marked).collect();
    assert_eq!(marked, vec![true, true, false, false]);
    let screen = draw(&p, &ix, 160, 48);
    let head = screen
        .lines()
        .find(|l| l.starts_with("Issue"))
        .unwrap()
        .to_string();
    assert!(head.contains("Harbor Authority") && head.contains("Lina Ortiz"));
    assert!(!head.contains("Marta Quell"));

    // Mark Marta Quell (fourth in the list): a third column.
    p.select(3, &c);
    let out = send(&mut p, &ix, Action::ToggleMark, area(160, 48));
    assert!(matches!(out, Outcome::Status(ref s) if s.contains("Marta Quell")));
    assert_eq!(p.marked_actors(), &[1, 0, 3]);
    let screen = draw(&p, &ix, 160, 48);
    let head = screen
        .lines()
        .find(|l| l.starts_with("Issue"))
        .unwrap()
        .to_string();
    assert!(head.contains("Marta Quell"), "{head}");

    // Unmark the first: its column goes.
    p.select(0, &c);
    send(&mut p, &ix, Action::ToggleMark, area(160, 48));
    assert_eq!(p.marked_actors(), &[0, 3]);
    let screen = draw(&p, &ix, 160, 48);
    let head = screen
        .lines()
        .find(|l| l.starts_with("Issue"))
        .unwrap()
        .to_string();
    assert!(!head.contains("Harbor Authority"), "{head}");

    // Four marked: too many for columns, so actor by actor under each issue.
    for i in [0, 2] {
        p.select(i, &c);
        send(&mut p, &ix, Action::ToggleMark, area(160, 48));
    }
    assert_eq!(p.marked_actors().len(), 4);
    let screen = draw(&p, &ix, 160, 48);
    assert!(screen.lines().any(|l| l.starts_with("Actor")), "{screen}");

    // Evidence under a cell leads to its words.
    let mut p = ComparePane::new(&ix);
    let a = area(160, 48);
    send(&mut p, &ix, Action::Down, a); // from the first summary to the stance under it
    let e = evidence(send(&mut p, &ix, Action::Follow, a));
    assert_eq!(e.text(&ix.articles), "Start this spring");
}

#[test]
fn compare_articles_marks_and_follows() {
    let ix = fixture_index();
    let theme = THEME();
    let c = ctx(&ix, &theme);
    let mut p = ComparePane::new(&ix);
    send(&mut p, &ix, Action::ToggleCompareMode, area(160, 48));
    assert_eq!(p.entries(&c).len(), 3);
    assert_eq!(p.marked_articles(), &[0, 1, 2]);
    // Unmark the third: "jobs" is then covered by both, "only in" by none.
    p.select(2, &c);
    send(&mut p, &ix, Action::ToggleMark, area(160, 48));
    assert_eq!(p.marked_articles(), &[0, 1]);
    // Only the first: a hint to mark more, and "only in [1]" everywhere.
    p.select(1, &c);
    send(&mut p, &ix, Action::ToggleMark, area(160, 48));
    let screen = draw(&p, &ix, 160, 48);
    assert!(screen.contains("Mark two or more articles"), "{screen}");
    // Enter on a coverage cell: the first sentence of that article on that issue.
    let a = area(160, 48);
    send(&mut p, &ix, Action::Top, a);
    send(&mut p, &ix, Action::Down, a); // from "Most named" to the first issue
    let e = evidence(send(&mut p, &ix, Action::Follow, a));
    assert_eq!(e.article, 0);
    assert!(e.text(&ix.articles).contains("dredging"));
    // Back to actors keeps their marks.
    send(&mut p, &ix, Action::ToggleCompareMode, a);
    assert_eq!(p.marked_actors(), &[1, 0]);
}

#[test]
fn actor_pane_follows_quotes_stances_and_companions() {
    let ix = fixture_index();
    let theme = THEME();
    let c = ctx(&ix, &theme);
    let mut p = ActorsPane::new(&ix);
    assert!(p.navigate(Nav::Actor(0), &c, area(80, 24)));
    assert_eq!(p.entries(&c)[p.selected()].label, "Lina Ortiz");
    assert!(!p.navigate(Nav::Issue(0), &c, area(80, 24)));
    let d = p.doc(&c, 80);
    let find = |nav: &dyn Fn(&Nav) -> bool| d.items.iter().position(|it| it.target.as_ref().is_some_and(nav));
    // Quotes: direct before partial; terms never.
    let direct =
        find(&|n| matches!(n, Nav::Evidence(e) if e.text(&ix.articles).starts_with("We will not trade")))
            .expect("the direct quote");
    let partial =
        find(&|n| matches!(n, Nav::Evidence(e) if e.text(&ix.articles) == "reckless and premature"))
            .expect("the partial quote");
    assert!(direct < partial);
    assert!(find(&|n| matches!(n, Nav::Evidence(e) if e.text(&ix.articles) == "jobs mirage")).is_none());
    // Walk down to the direct quote and follow it.
    let a = area(80, 200);
    for _ in 0..direct {
        send(&mut p, &ix, Action::Down, a);
    }
    let e = evidence(send(&mut p, &ix, Action::Follow, a));
    assert!(e.text(&ix.articles).starts_with("We will not trade"));
    // Companions lead to actors; the authority is named with her most.
    let comp = find(&|n| matches!(n, Nav::Actor(_))).expect("a companion");
    assert_eq!(d.items[comp].target, Some(Nav::Actor(1)));
    // Named together in one sentence (the opening one) and in three blocks
    // (that paragraph, the table's header, the second article's lead).
    let co = briefing::tui::view::actor::companions(&ix);
    let with_authority = co[0].iter().find(|c| c.actor == 1).unwrap();
    assert_eq!((with_authority.sentences, with_authority.blocks), (1, 3));
    assert!(
        co[3].iter().all(|c| c.actor != 3),
        "no one is their own companion"
    );
    // Issue headings under stances lead to the issue.
    assert!(find(&|n| matches!(n, Nav::Issue(0))).is_some());
}

#[test]
fn copy_gives_words_and_citation() {
    let ix = fixture_index();
    let mut p = IssuesPane::new(&ix);
    let out = send(&mut p, &ix, Action::Copy, area(160, 48));
    assert_eq!(
        out,
        Outcome::Copy("“Start this spring” — Coastal Times, Harbor expansion tested as Mayor Ortiz meets the Harbor Authority, 2026-02-02".into())
    );
}

#[test]
fn positions_and_hints() {
    let ix = fixture_index();
    let theme = THEME();
    let c = ctx(&ix, &theme);
    let mut p = IssuesPane::new(&ix);
    assert_eq!(p.position(&c, area(80, 10)), "issue 1/3 · 0%");
    send(&mut p, &ix, Action::Bottom, area(80, 10));
    assert_eq!(p.position(&c, area(80, 10)), "issue 1/3 · 100%");
    let a = ActorsPane::new(&ix);
    assert_eq!(a.position(&c, area(80, 24)), "actor 1/4 · 0%");
    let cp = ComparePane::new(&ix);
    assert!(cp.position(&c, area(80, 24)).starts_with("2 actors marked"));
    for h in [p.hints(), a.hints(), cp.hints()] {
        assert!(h.iter().any(|(k, _)| *k == "⏎"));
    }
}

#[test]
fn click_selects_the_cell_under_the_mouse() {
    let ix = fixture_index();
    let mut p = IssuesPane::new(&ix);
    let a = Rect::new(10, 2, 160, 40);
    let theme = THEME();
    let d = p.doc(&ctx(&ix, &theme), a.width);
    let it = d
        .items
        .iter()
        .find(|it| {
            it.target
                .is_some_and(|n| matches!(n, Nav::Evidence(e) if e.article == 1))
        })
        .unwrap()
        .clone();
    let out = send(
        &mut p,
        &ix,
        Action::Click(a.x + it.x.start + 1, a.y + it.lines.start as u16),
        a,
    );
    assert_eq!(out, Outcome::None);
    let e = evidence(send(&mut p, &ix, Action::Follow, a));
    assert_eq!(e.article, 1);
}

#[test]
fn tiny_sizes_and_empty_index_never_panic() {
    let full = fixture_index();
    let empty = Index::from_parts("empty".into(), Vec::new(), Vec::new(), Analysis::default());
    let actions = [
        Action::Down,
        Action::Right,
        Action::PageDown,
        Action::Bottom,
        Action::Left,
        Action::Up,
        Action::HalfPageUp,
        Action::Top,
        Action::ToggleMark,
        Action::ToggleCompareMode,
        Action::Follow,
        Action::Copy,
        Action::ScrollDown(0, 0),
        Action::Click(0, 0),
    ];
    for ix in [&*full, &empty] {
        for (w, h) in [(1, 1), (2, 1), (1, 3), (5, 2), (12, 4), (30, 6)] {
            let mut panes: Vec<Box<dyn Pane>> = vec![
                Box::new(IssuesPane::new(ix)),
                Box::new(ActorsPane::new(ix)),
                Box::new(ComparePane::new(ix)),
            ];
            for p in &mut panes {
                for a in &actions {
                    send(p.as_mut(), ix, a.clone(), area(w, h));
                    draw(p.as_ref(), ix, w, h);
                }
                let theme = THEME();
                p.position(&ctx(ix, &theme), area(w, h));
            }
        }
    }
    let theme = THEME();
    let c = ctx(&empty, &theme);
    assert!(!IssuesPane::new(&empty).doc(&c, 80).lines.is_empty());
    let screen = draw(&IssuesPane::new(&empty), &empty, 60, 6);
    assert!(screen.contains("No issues"), "{screen}");
    let screen = draw(&ActorsPane::new(&empty), &empty, 60, 6);
    assert!(screen.contains("No actors"), "{screen}");
    let screen = draw(&ComparePane::new(&empty), &empty, 60, 6);
    assert!(screen.contains("No actors"), "{screen}");
}

/// The fixture with long, wide-character summaries and extra actors.
fn stressed() -> Index {
    let ix = fixture_index();
    let mut analysis = ix.analysis.clone();
    for (i, s) in analysis.summaries.iter_mut().enumerate() {
        s.summary = format!(
            "{} — 日本語のテキスト e\u{301}te\u{301} {} supercalifragilisticexpialidociousandthensomemoreletters",
            s.summary,
            "word ".repeat(i * 7)
        );
    }
    for a in analysis.actors.iter_mut() {
        a.name = format!("{} de la Commission Nationale 長い名前", a.name);
    }
    Index::from_parts(ix.name.clone(), ix.articles.clone(), Vec::new(), analysis)
}

#[test]
fn no_line_is_wider_than_the_view() {
    let ix = stressed();
    let theme = THEME();
    let c = ctx(&ix, &theme);
    let mut compare = ComparePane::new(&ix);
    // All four marked: rows, however wide.
    for i in 2..4 {
        compare.select(i, &c);
        send(&mut compare, &ix, Action::ToggleMark, area(80, 24));
    }
    let widths = [20u16, 37, 60, 80, 99, 100, 101, 160, 230];
    for w in widths {
        for id in 0..3 {
            let mut issues = IssuesPane::new(&ix);
            issues.select(id, &c);
            let mut actors = ActorsPane::new(&ix);
            actors.select(id, &c);
            for (name, d) in [
                ("issues", issues.doc(&c, w)),
                ("actors", actors.doc(&c, w)),
                ("compare", compare.doc(&c, w)),
            ] {
                for l in &d.lines {
                    assert!(l.width() <= w as usize, "{name} at {w}: {l:?}");
                }
                for it in &d.items {
                    assert!(it.lines.end <= d.lines.len() && it.x.end <= w);
                }
            }
        }
        send(&mut compare, &ix, Action::ToggleCompareMode, area(w, 24));
    }
}

#[test]
fn n_and_shift_n_seek_quotes_and_evidence() {
    let ix = fixture_index();
    let theme = THEME();
    let c = ctx(&ix, &theme);
    let a = area(80, 10);
    let mut p = ActorsPane::new(&ix);
    assert!(p.navigate(Nav::Actor(0), &c, a));
    assert_eq!(send(&mut p, &ix, Action::NextQuote, a), Outcome::None);
    let e = evidence(send(&mut p, &ix, Action::Follow, a));
    assert!(e.text(&ix.articles).starts_with("We will not trade"));
    // The selection is on screen after the jump.
    assert!(draw(&p, &ix, 80, 10).contains("  ⟦“We will not trade"));
    send(&mut p, &ix, Action::NextQuote, a);
    let e = evidence(send(&mut p, &ix, Action::Follow, a));
    assert_eq!(e.text(&ix.articles), "reckless and premature");
    assert!(matches!(
        send(&mut p, &ix, Action::NextQuote, a),
        Outcome::Status(s) if s.contains("no further quote")
    ));
    send(&mut p, &ix, Action::PrevQuote, a);
    send(&mut p, &ix, Action::PrevQuote, a);
    assert!(matches!(
        send(&mut p, &ix, Action::PrevQuote, a),
        Outcome::Status(s) if s.contains("no earlier quote")
    ));

    // Issues: from the first summary over the stances behind it.
    let mut p = IssuesPane::new(&ix);
    send(&mut p, &ix, Action::NextQuote, a);
    send(&mut p, &ix, Action::NextQuote, a);
    let e = evidence(send(&mut p, &ix, Action::Follow, a));
    assert_eq!(e.text(&ix.articles), "seek permits for dredging within weeks");
    send(&mut p, &ix, Action::PrevQuote, a);
    send(&mut p, &ix, Action::PrevQuote, a);
    let e = evidence(send(&mut p, &ix, Action::Follow, a));
    assert_eq!(e.text(&ix.articles), "Start this spring");
    assert_eq!((e.article, e.block), (0, 4));
}
