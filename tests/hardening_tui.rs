//! The UI on hostile input: no pane panics at any size from 1×1 to 500×200
//! or on any sequence of keys, mouse events and resizes, no cell ever holds
//! a control char, and the terminal is restored on quit, on error and on a
//! panic.

mod hardening_common;

use briefing::tui::action::{Action, Nav, PaneId};
use briefing::tui::app::App;
use briefing::tui::theme::Theme;
use briefing::tui::view;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use hardening_common::*;
use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Articles built to hurt a renderer: escapes everywhere, unbroken 5,000
/// char words, wide and zero-width chars, combining stacks, ZWJ emoji, RTL,
/// a 40-column ragged table, empty fields.
fn hostile_corpus(dir: &Path) {
    let long = "x".repeat(5_000);
    let wide = "日本語".repeat(400);
    let comb = format!("e{}", "\u{301}".repeat(200));
    let zwj = "👩\u{200d}👩\u{200d}👧\u{200d}👦".repeat(50);
    let rtl = "قال الوزير «لن نتراجع» ".repeat(30);
    let mut table = String::new();
    table.push_str(&(0..40).map(|i| format!("| h{i} {EVIL} ")).collect::<String>());
    table.push_str("|\n");
    table.push_str(&"|---".repeat(40));
    table.push_str("|\n");
    for r in 0..30 {
        table.push_str(
            &(0..(r % 45))
                .map(|i| format!("| {} ", if i % 3 == 0 { &wide[..30] } else { EVIL }))
                .collect::<String>(),
        );
        table.push_str("|\n");
    }
    write(
        &dir.join("a.md"),
        format!(
            "# {EVIL} {long}\n\nBy {EVIL} {wide}\n\n“{EVIL} {long},” said Minister {EVIL}.\n\n{comb} {zwj}\n\n{rtl}\n\n- {EVIL}\n- {long}\n\n{table}\n\n“unclosed {wide}\n"
        ),
    );
    write(
        &dir.join("b.txt"),
        format!("{EVIL}\n\n{EVIL}\n\n{long}{EVIL}{long}\n"),
    );
    write(
        &dir.join("c.json"),
        serde_json::json!({"title": "", "author": EVIL, "body": format!("{zwj}\n\n{comb}\n\n{EVIL}")})
            .to_string(),
    );
    write(&dir.join("d.txt"), "\u{200b}\u{200b}\u{301}\n\n\u{200d}\n");
    write(&dir.join("e\u{1b}[31m.txt"), format!("“{EVIL}” said {EVIL}.\n"));
}

/// The hostile index, built and checked once for the whole file.
fn hostile_index() -> Arc<briefing::Index> {
    static IX: OnceLock<Arc<briefing::Index>> = OnceLock::new();
    IX.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        hostile_corpus(dir.path());
        let index = build("hostile\u{1b}]0;x\u{7}", load(&[dir.path()]));
        assert!(index.articles.len() >= 5, "{:?}", index.warnings);
        index
    })
    .clone()
}

fn draw_and_check(app: &App, term: &mut Terminal<TestBackend>, what: &str) {
    term.draw(|f| view::draw(f, app)).unwrap();
    let buf = term.backend().buffer();
    let area = buf.area;
    for y in 0..area.height {
        for x in 0..area.width {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars().any(forbidden_in_line),
                "{what} at {}x{}: cell ({x},{y}) holds {sym:?}",
                area.width,
                area.height
            );
        }
    }
}

#[test]
fn every_pane_draws_at_every_size() {
    let index = hostile_index();
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    let ws = [
        1u16, 2, 3, 4, 5, 7, 10, 19, 20, 21, 39, 40, 59, 60, 80, 81, 120, 200, 333, 500,
    ];
    let hs = [1u16, 2, 3, 4, 5, 6, 9, 10, 11, 24, 25, 50, 100, 200];
    for &w in &ws {
        for &h in &hs {
            sizes.push((w, h));
        }
    }
    for pane in PaneId::ALL {
        for setup in 0..4 {
            let mut app = App::new(index.clone(), Theme::new(setup % 2 == 0));
            app.update(Action::GoPane(pane));
            match setup {
                1 => {
                    app.update(Action::FocusMain);
                    app.update(Action::Follow);
                    app.update(Action::Bottom);
                }
                2 => app.update(Action::ToggleHelp),
                3 => {
                    app.update(Action::OpenSearch);
                    for c in "said x".chars() {
                        app.update(Action::SearchInput(c));
                    }
                }
                _ => {}
            }
            for &(w, h) in &sizes {
                app.update(Action::Resize(w, h));
                let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
                draw_and_check(&app, &mut term, &format!("{pane:?} setup {setup}"));
                // Move about at this size too: scrolling is size-dependent.
                for a in [
                    Action::Down,
                    Action::PageDown,
                    Action::Right,
                    Action::Bottom,
                    Action::Up,
                    Action::Left,
                ] {
                    app.update(a);
                }
                draw_and_check(&app, &mut term, &format!("{pane:?} setup {setup} moved"));
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Step {
    Act(Action),
    Key(KeyEvent),
    Mouse(MouseEvent),
}

fn step() -> impl Strategy<Value = Step> {
    let simple = prop::sample::select(Action::SIMPLE.to_vec());
    let chars = prop::sample::select(vec![
        'a', 's', 'x', ' ', 'é', '日', '\u{301}', '👩', '\u{200d}', '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}',
        '\r', '\n', '\t', '\u{0}',
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
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::F(1),
        KeyCode::F(12),
        KeyCode::Null,
        KeyCode::Char('/'),
        KeyCode::Char('?'),
        KeyCode::Char('n'),
        KeyCode::Char('N'),
        KeyCode::Char('1'),
        KeyCode::Char('4'),
        KeyCode::Char('g'),
        KeyCode::Char('G'),
        KeyCode::Char('y'),
        KeyCode::Char('m'),
        KeyCode::Char(' '),
        KeyCode::Char('\u{1b}'),
        KeyCode::Char('\u{0}'),
    ]);
    let mods = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
        KeyModifiers::CONTROL | KeyModifiers::SHIFT,
    ]);
    let mouse_kind = prop::sample::select(vec![
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::Drag(MouseButton::Left),
        MouseEventKind::Moved,
        MouseEventKind::ScrollUp,
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollLeft,
        MouseEventKind::ScrollRight,
    ]);
    let size = prop_oneof![
        (1u16..=12, 1u16..=6),
        (1u16..=500, 1u16..=200),
        prop::sample::select(vec![(1u16, 1u16), (500, 200), (80, 24), (20, 5), (19, 4)]),
    ];
    let ev =
        (0u32..8, 0u32..40, 0u32..6000, 0u32..6000).prop_map(|(a, b, s, l)| briefing::analysis::Evidence {
            article: a,
            block: b,
            span: briefing::text::Span {
                start: s,
                end: s.saturating_add(l % 300),
            },
        });
    prop_oneof![
        6 => simple.prop_map(Step::Act),
        4 => (codes, mods).prop_map(|(c, m)| Step::Key(KeyEvent::new(c, m))),
        3 => chars.clone().prop_map(|c| Step::Act(Action::SearchInput(c))),
        2 => chars.prop_map(|c| Step::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))),
        3 => (mouse_kind, 0u16..520, 0u16..210).prop_map(|(kind, column, row)| Step::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })),
        2 => size.prop_map(|(w, h)| Step::Act(Action::Resize(w, h))),
        1 => ev.prop_map(|e| Step::Act(Action::Navigate(Nav::Evidence(e)))),
        1 => (0u32..10).prop_map(|a| Step::Act(Action::Navigate(Nav::Actor(a)))),
        1 => (0u32..10).prop_map(|i| Step::Act(Action::Navigate(Nav::Issue(i)))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever is pressed, clicked or resized on a hostile briefing, every
    /// frame draws, no cell holds a control char, and copies are clean.
    #[test]
    fn any_sequence_on_a_hostile_index(steps in prop::collection::vec(step(), 1..50), color in any::<bool>()) {
        let mut app = App::new(hostile_index(), Theme::new(color));
        app.update(Action::Resize(80, 24));
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut cur = (80u16, 24u16);
        for s in steps {
            match s {
                Step::Act(Action::Quit) => {}
                Step::Act(a) => app.update(a),
                Step::Key(k) => app.key(k),
                Step::Mouse(m) => app.mouse(m),
            }
            let size = app.size();
            if cur != (size.width, size.height) {
                cur = (size.width, size.height);
                term = Terminal::new(TestBackend::new(size.width.max(1), size.height.max(1))).unwrap();
            }
            draw_and_check(&app, &mut term, "step");
            for c in app.take_clipboard() {
                assert_clean("clipboard", &c);
            }
            let _ = app.poll_search();
        }
    }
}

#[test]
fn panic_hook_restores_the_terminal_before_the_message() {
    use std::sync::Mutex;
    static ORDER: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    fn fake_restore() {
        ORDER.lock().unwrap_or_else(|e| e.into_inner()).push("restore");
    }
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {
        ORDER.lock().unwrap_or_else(|e| e.into_inner()).push("report")
    }));
    briefing::tui::terminal::install_panic_hook_with(fake_restore);
    let r = std::thread::spawn(|| panic!("boom in a pane")).join();
    assert!(r.is_err());
    let order = ORDER.lock().unwrap_or_else(|e| e.into_inner()).clone();
    std::panic::set_hook(prev);
    assert_eq!(order, ["restore", "report"]);
}

#[test]
fn restore_sequence_undoes_everything_setup_does() {
    let s = String::from_utf8(briefing::tui::terminal::restore_sequence()).unwrap();
    for (what, seq) in [
        ("main screen", "\x1b[?1049l"),
        ("cursor shown", "\x1b[?25h"),
        ("mouse off", "\x1b[?1000l"),
        ("drag off", "\x1b[?1002l"),
        ("any-motion off", "\x1b[?1003l"),
        ("SGR mouse off", "\x1b[?1006l"),
    ] {
        assert!(s.contains(seq), "{what}: {seq:?} missing from {s:?}");
    }
}

/// Runs the binary in a pseudo-terminal (util-linux `script`), feeding
/// `keys`; returns everything it wrote, or None where `script` is missing.
#[cfg(unix)]
fn in_pty(cmd: &str, keys: &'static [u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("script")
        .args(["-qfec", cmd, "/dev/null"])
        .env("TERM", "xterm-256color")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    std::thread::spawn(move || {
        // Keys wait in the pty until the UI reads them; a pause lets the
        // first frame draw (not needed for correctness).
        std::thread::sleep(std::time::Duration::from_millis(1500));
        let _ = stdin.write_all(keys);
        let _ = stdin.flush();
        std::thread::sleep(std::time::Duration::from_secs(30));
    });
    let out = within(120, "the UI in a pty", move || child.wait_with_output());
    let out = out.ok()?;
    if !out.status.success() && out.stdout.is_empty() {
        return None;
    }
    Some(out.stdout)
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

#[cfg(unix)]
#[test]
fn real_terminal_session_is_clean_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack");
    // Small, so it loads before the keys arrive (a `q` during loading
    // quits from the progress screen, which is fine but draws less).
    write(&pack.join("a.txt"), format!("Title {EVIL}\n\nBy Ana {EVIL}\n\n“We will {EVIL} not yield,” the minister said.\n\n| Issue {EVIL} | A |\n|---|---|\n| x {EVIL} |\n"));
    write(
        &pack.join("b.md"),
        format!("# Head {EVIL}\n\nBody &#27;[2J {EVIL} said the envoy.\n"),
    );
    write(&pack.join("c\u{1b}[31m.json"), "{broken");
    let bin = env!("CARGO_BIN_EXE_briefing");
    let cmd = format!(
        "stty rows 30 cols 100; {} {}; echo; echo STTY; stty -a",
        shell_quote(Path::new(bin)),
        shell_quote(&pack)
    );
    // Move about, open an article, search, then quit.
    let Some(out) = in_pty(&cmd, b"jjj\r\tjjjj2jj3jj4jj/said\x1b\x1bq") else {
        eprintln!("no `script` here; pty session not exercised");
        return;
    };
    let find = |pat: &[u8]| out.windows(pat.len()).position(|w| w == pat);
    let enter = find(b"\x1b[?1049h").expect("entered the alternate screen");
    let leave = find(b"\x1b[?1049l").expect("left the alternate screen");
    assert!(enter < leave);
    let session = &out[enter + 8..leave];
    // Only the renderer's own CSI sequences (SGR, cursor moves, modes) may
    // appear; no OSC, no BEL, no C1, no lone CR, nothing from the articles.
    let mut i = 0;
    let mut drawn = 0;
    let mut text = Vec::new();
    while i < session.len() {
        let b = session[i];
        if b == 0x1b {
            assert_eq!(
                session.get(i + 1),
                Some(&b'['),
                "non-CSI escape at {i}: {:?}",
                String::from_utf8_lossy(&session[i..(i + 20).min(session.len())])
            );
            let mut j = i + 2;
            while j < session.len() && (session[j].is_ascii_digit() || b";?:".contains(&session[j])) {
                j += 1;
            }
            let fin = session.get(j).copied().unwrap_or(0);
            assert!(
                b"mHJKhlABCDGfr".contains(&fin),
                "unexpected CSI final {:?} at {i}",
                fin as char
            );
            i = j + 1;
            continue;
        }
        assert!(
            !matches!(b, 0x07 | 0x08 | 0x0d | 0x00 | 0x7f),
            "raw byte 0x{b:02x} at {i} in the session"
        );
        if b > b' ' {
            drawn += 1;
        }
        text.push(b);
        i += 1;
    }
    assert!(drawn > 200, "hardly anything was drawn ({drawn} bytes)");
    // The text between the sequences: no C1 control, no bidi override.
    assert_clean_bytes("session text", &text);
    // After the UI: mouse off, cursor shown, and the line discipline back
    // to cooked mode (raw mode turns off icanon and echo).
    let after = &out[leave..];
    let after_s = String::from_utf8_lossy(after);
    assert!(after_s.contains("\x1b[?25h"), "cursor not shown again");
    let stty = after_s.split("STTY").nth(1).expect("stty ran after the UI");
    assert!(
        stty.contains(" icanon") && !stty.contains("-icanon"),
        "raw mode left on: {stty}"
    );
    assert!(
        stty.contains(" echo ") && !stty.contains("-echo "),
        "echo left off: {stty}"
    );
}

#[cfg(unix)]
#[test]
fn without_a_terminal_the_browser_refuses_cleanly() {
    // No terminal at all: nothing is set up, so nothing needs restoring —
    // not one escape byte is written, and stderr says why (usage error, 2).
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !out.stdout.contains(&0x1b),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!out.stderr.is_empty());
    assert_clean_bytes("stderr", &out.stderr);
}
