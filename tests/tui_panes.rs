//! The Issues, Actors and Compare panes over the hand-made fixture briefing
//! (`tui::testing::fixture_index`): snapshots at a few sizes, navigation
//! (Enter leads to the right words), marking, and layout flips by width.

use briefing::analysis::{Analysis, ByArticle, Evidence};
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
    // Columns as soon as each actor's column gets 24 cells: the main view
    // of a 120-column terminal (about 90) shows them side by side.
    let narrow = text(50);
    assert!(narrow
        .iter()
        .any(|l| l.starts_with("Actor") && l.contains("Wants")));
    assert!(!narrow
        .iter()
        .any(|l| l.contains("Harbor Authority") && l.contains("Lina Ortiz")));
    let wide = text(90);
    assert!(!wide.iter().any(|l| l.starts_with("Actor")));
    assert!(wide
        .iter()
        .any(|l| l.starts_with("Harbor Authority") && l.contains("│ Lina Ortiz")));
    // In rows, a fresh view selects the first summary, not the actor's name
    // left of it; Enter on the name opens the actor.
    let mut p = IssuesPane::new(&ix);
    let e = evidence(send(&mut p, &ix, Action::Follow, area(50, 24)));
    assert_eq!(e.text(&ix.articles), "Start this spring");
    send(&mut p, &ix, Action::Left, area(50, 24));
    assert_eq!(
        send(&mut p, &ix, Action::Follow, area(50, 24)),
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

    // Issues (actors in rows): from the first summary over the stances behind it.
    let a = area(40, 10);
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

fn lines_of(d: &briefing::tui::widgets::doc::Doc) -> Vec<String> {
    d.lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

#[test]
fn left_at_the_first_cell_hands_focus_to_the_list() {
    let ix = fixture_index();
    let theme = THEME();
    let c = ctx(&ix, &theme);
    let a = area(90, 30);
    // Issues with actors in columns: Left walks back cell by cell, then
    // says it has nowhere to go.
    let mut p = IssuesPane::new(&ix);
    send(&mut p, &ix, Action::Right, a);
    assert!(!p.left_leaves(&c, a), "a cell to the left");
    send(&mut p, &ix, Action::Left, a);
    send(&mut p, &ix, Action::Left, a);
    assert!(p.left_leaves(&c, a));
    // Actors: lines, no cells, so Left always leaves.
    let p = ActorsPane::new(&ix);
    assert!(p.left_leaves(&c, a));
    let mut p = ComparePane::new(&ix);
    assert!(
        p.left_leaves(&c, a) || {
            send(&mut p, &ix, Action::Left, a);
            send(&mut p, &ix, Action::Left, a);
            p.left_leaves(&c, a)
        }
    );
    send(&mut p, &ix, Action::Right, a);
    assert!(!p.left_leaves(&c, a));
    // An empty view has nothing to move in.
    let empty = Index::from_parts("empty".into(), Vec::new(), Vec::new(), Analysis::default());
    let ce = ctx(&empty, &theme);
    assert!(IssuesPane::new(&empty).left_leaves(&ce, a));
}

#[test]
fn wide_views_use_their_width_and_headers_stay_on_one_line() {
    let ix = stressed();
    let theme = THEME();
    let c = ctx(&ix, &theme);
    let p = IssuesPane::new(&ix);
    let wide = lines_of(&p.doc(&c, 200));
    assert!(
        wide.iter()
            .any(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) > 150),
        "long summaries take the width: {wide:#?}"
    );
    // Long actor names in column headers are cut once: the header is one
    // line, followed by its rule.
    for w in [90u16, 120] {
        for d in [p.doc(&c, w), ComparePane::new(&ix).doc(&c, w)] {
            let lines = lines_of(&d);
            let h = lines
                .iter()
                .position(|l| l.contains("de la Commission") && l.contains('│'))
                .expect("a header with the actors");
            assert!(w > 90 || lines[h].contains('…'), "at {w}: {}", lines[h]);
            assert!(lines[h + 1].starts_with('─'), "at {w}: {:?}", &lines[h..h + 2]);
        }
    }
}

#[test]
fn compare_rows_line_their_columns_up() {
    let ix = stressed();
    let theme = THEME();
    let c = ctx(&ix, &theme);
    let mut p = ComparePane::new(&ix);
    // A third and fourth actor: rows, one table per issue.
    for i in 2..4 {
        p.select(i, &c);
        send(&mut p, &ix, Action::ToggleMark, area(80, 24));
    }
    let lines = lines_of(&p.doc(&c, 80));
    let seps: Vec<usize> = lines
        .iter()
        .filter(|l| l.starts_with("Actor"))
        .filter_map(|l| l.find('│'))
        .collect();
    assert!(seps.len() > 1, "{lines:#?}");
    assert!(seps.windows(2).all(|w| w[0] == w[1]), "{seps:?}");
}

#[test]
fn large_packs_summarise_markers_and_counts() {
    let ix = fixture_index();
    let mut articles = Vec::new();
    for _ in 0..134 {
        articles.extend(ix.articles.iter().cloned());
    }
    let mut analysis = ix.analysis.clone();
    let n = articles.len();
    for i in analysis.issues.iter_mut() {
        let dense: Vec<u32> = (0..n as u32).map(|a| a % 5).collect();
        i.mentions_by_article = ByArticle::from_dense(&dense);
        i.mentions = dense.iter().sum();
    }
    // Every stance of the first summary read in many articles.
    let ids: Vec<u32> = analysis.summaries[0].stances.clone();
    for k in 0..60u32 {
        for &id in &ids {
            let mut st = analysis.stances[id as usize].clone();
            st.id = analysis.stances.len() as u32;
            st.at.article += k * 3;
            analysis.summaries[0].stances.push(st.id);
            analysis.stances.push(st);
        }
    }
    let big = Index::from_parts("big".into(), articles, Vec::new(), analysis);
    let theme = THEME();
    let c = ctx(&big, &theme);
    let p = IssuesPane::new(&big);
    let lines = lines_of(&p.doc(&c, 90));
    let meta = &lines[1];
    assert!(
        meta.contains(&format!("in 321 of {n} articles · most: 4 in [5]")),
        "{meta}"
    );
    assert!(lines.iter().any(|l| l.contains(" more")), "{lines:#?}");
    assert!(!lines.iter().any(|l| l.contains("[50]")), "markers are capped");
    let screen = draw(&p, &big, 90, 40);
    assert!(screen.lines().count() <= 40);
}

#[test]
fn table_rows_show_their_cells_not_pipes() {
    let ix = fixture_index();
    let theme = THEME();
    let c = ctx(&ix, &theme);
    let in_table: Vec<_> = ix
        .analysis
        .sentences
        .iter()
        .filter(|s| ix.block(s.article, s.block).is_some_and(|b| b.table.is_some()))
        .collect();
    assert!(!in_table.is_empty());
    for s in in_table {
        let shown = briefing::tui::widgets::doc::shown_text(&ix, &s.evidence());
        assert!(!shown.contains('|'), "{shown}");
        assert!(!shown.is_empty());
    }
    for id in 0..ix.analysis.issues.len() {
        let mut p = IssuesPane::new(&ix);
        p.select(id, &c);
        for w in [50u16, 90, 160] {
            for l in lines_of(&p.doc(&c, w)) {
                assert!(!l.contains('|'), "issue {id} at {w}: {l}");
            }
        }
    }
}

#[test]
fn articles_have_one_label_everywhere_and_counts_are_labelled() {
    let ix = fixture_index();
    let theme = THEME();
    let c = ctx(&ix, &theme);
    let title = ix.articles[0].label().to_string();
    let source = ix.articles[0].source.clone().unwrap();
    let mut actors = ActorsPane::new(&ix);
    actors.select(0, &c);
    let text = lines_of(&actors.doc(&c, 120)).join("\n");
    assert!(!text.contains(&source), "actor bars use the title: {text}");
    let mut p = ComparePane::new(&ix);
    send(&mut p, &ix, Action::ToggleCompareMode, area(120, 40));
    let e = p.entries(&c);
    assert!(e[0].label.contains(&title[..20]) && e[0].count.is_none());
    let text = lines_of(&p.doc(&c, 120)).join("\n");
    assert!(text.contains("issue mentions"), "{text}");
    assert!(!text.contains(&source));
    // Singular and plural.
    let mut p = ComparePane::new(&ix);
    p.select(1, &c);
    send(&mut p, &ix, Action::ToggleMark, area(80, 24));
    assert!(p.position(&c, area(80, 24)).starts_with("1 actor marked"));
    assert!(!lines_of(&actors.doc(&c, 120))
        .iter()
        .any(|l| l.contains(" 1 mentions")));
}
