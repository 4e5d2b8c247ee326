//! A lexicon is a file too: `--lexicon FILE` must not hang on a FIFO, nor
//! let escape sequences in names reach the index, the output or the
//! terminal. The failing cases are ignored with the bug they show (the
//! lexicon loader lives in src/analysis/lexicon.rs).

mod hardening_common;

use hardening_common::*;
use std::ffi::OsString;
use std::path::Path;

fn hostile_lexicon() -> String {
    serde_json::json!({
        "actors": [{
            "name": format!("Marta Quell {EVIL}"),
            "kind": "person",
            "aliases": [format!("Quell{EVIL}"), "Marta Quell"],
            "metonyms": [format!("the {EVIL} office")]
        }],
        "issues": [{
            "name": format!("Harbor {EVIL}"),
            "keywords": ["harbor", format!("dredging{EVIL}")],
            "labels": [format!("Port {EVIL}")]
        }],
        "speech_verbs": [format!("said{EVIL}")],
        "group_nouns": [format!("officials{EVIL}")]
    })
    .to_string()
}

const STORY: &str = "Harbor talks\n\nBy Sam Reyes\n\n“We will not trade the bay,” Marta Quell said on Monday about the harbor.\n\nMarta Quell wants a review of the harbor dredging.\n\n| Issue | Marta Quell |\n|---|---|\n| Harbor | Review first |\n";

fn with_lexicon(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let lex = dir.join("lex.json");
    write(&lex, hostile_lexicon());
    let story = dir.join("story.txt");
    write(&story, STORY);
    (lex, story)
}

#[test]
fn lexicon_names_are_neutralised_in_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let (lex, story) = with_lexicon(dir.path());
    let mut lexicon = briefing::analysis::Lexicon::embedded();
    lexicon.merge(briefing::analysis::Lexicon::from_file(&lex).expect("lexicon parses"));
    let index = briefing::Index::build("lex", load(&[&story]), &lexicon);
    assert!(briefing::index::validate(&index).is_empty());
    assert!(
        index
            .analysis
            .actors
            .iter()
            .any(|a| a.name.starts_with("Marta Quell")),
        "the lexicon actor was found: {:?}",
        index.analysis.actors
    );
    assert_index_clean(&index);
}

#[test]
fn lexicon_names_are_neutralised_in_cli_output() {
    let dir = tempfile::tempdir().unwrap();
    let (lex, story) = with_lexicon(dir.path());
    for pre in [&["index", "--json"][..], &["index"], &["check", "--strict"]] {
        let mut a: Vec<OsString> = pre.iter().map(OsString::from).collect();
        a.push("--lexicon".into());
        a.push(lex.clone().into());
        a.push(story.clone().into());
        let refs: Vec<&std::ffi::OsStr> = a.iter().map(|s| s.as_os_str()).collect();
        let (code, out, err) = run_bin(&refs);
        assert_eq!(code, 0, "{pre:?}: {}", String::from_utf8_lossy(&err));
        assert_clean_bytes(&format!("{pre:?} stdout"), &out);
        let s = String::from_utf8_lossy(&out);
        for esc in ["\\u001b", "\\u0007", "\\u009b", "\\u202e"] {
            assert!(!s.contains(esc), "{pre:?} prints {esc}");
        }
    }
}

#[cfg(unix)]
#[test]
fn lexicon_fifo_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("lex.json");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let story = dir.path().join("story.txt");
    write(&story, STORY);
    let (code, _, err) = within(30, "briefing --lexicon FIFO", move || {
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
            .arg("check")
            .arg("--lexicon")
            .arg(&fifo)
            .arg(&story)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Should the child block, the watchdog fails the test; kill it so
        // it does not outlive the test run.
        let id = child.id();
        let out = std::thread::spawn(move || child.wait_with_output().unwrap());
        std::thread::sleep(std::time::Duration::from_secs(20));
        if !out.is_finished() {
            // SAFETY: sending SIGKILL to the child this test started.
            unsafe { libc::kill(id as i32, libc::SIGKILL) };
        }
        let o = out.join().unwrap();
        (o.status.code(), o.stdout, o.stderr)
    });
    assert_eq!(
        code,
        Some(1),
        "a FIFO is not a lexicon: {}",
        String::from_utf8_lossy(&err)
    );
}

#[cfg(unix)]
#[test]
fn lexicon_error_names_the_file_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("lex\u{1b}]0;owned\u{7}.json");
    write(&lex, "{ \"actors\": [ oops ] }");
    let story = dir.path().join("story.txt");
    write(&story, STORY);
    let a: Vec<OsString> = vec!["check".into(), "--lexicon".into(), lex.into(), story.into()];
    let refs: Vec<&std::ffi::OsStr> = a.iter().map(|s| s.as_os_str()).collect();
    let (code, out, err) = run_bin(&refs);
    assert_eq!(code, 1);
    assert!(
        String::from_utf8_lossy(&err).contains("owned"),
        "{}",
        String::from_utf8_lossy(&err)
    );
    assert_clean_bytes("stderr", &err);
    assert_clean_bytes("stdout", &out);
}

#[test]
fn broken_lexicon_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("lex.json");
    write(&lex, "{\n  \"actors\": [\n    oops\n  ]\n}");
    let story = dir.path().join("story.txt");
    write(&story, STORY);
    let a: Vec<OsString> = vec!["check".into(), "--lexicon".into(), lex.into(), story.into()];
    let refs: Vec<&std::ffi::OsStr> = a.iter().map(|s| s.as_os_str()).collect();
    let (code, _, err) = run_bin(&refs);
    let err = String::from_utf8_lossy(&err);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("lex.json:3:"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Passes today although the index holds the raw names: the renderer drops
/// control chars on its own. It guards that second line of defence.
#[test]
fn lexicon_names_never_reach_the_screen() {
    use briefing::tui::action::{Action, PaneId};
    use briefing::tui::app::App;
    use briefing::tui::theme::Theme;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    let dir = tempfile::tempdir().unwrap();
    let (lex, story) = with_lexicon(dir.path());
    let mut lexicon = briefing::analysis::Lexicon::embedded();
    lexicon.merge(briefing::analysis::Lexicon::from_file(&lex).expect("lexicon parses"));
    let index = briefing::Index::build("lex", load(&[&story]), &lexicon);
    let mut app = App::new(index, Theme::new(false));
    app.update(Action::Resize(120, 40));
    for pane in PaneId::ALL {
        app.update(Action::GoPane(pane));
        for a in [Action::Down, Action::Follow, Action::FocusMain, Action::Down] {
            app.update(a);
            let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
            term.draw(|f| briefing::tui::view::draw(f, &app)).unwrap();
            let buf = term.backend().buffer();
            for y in 0..40 {
                for x in 0..120 {
                    let sym = buf[(x, y)].symbol();
                    assert!(
                        !sym.chars().any(forbidden_in_line),
                        "{pane:?}: cell ({x},{y}) holds {sym:?}"
                    );
                }
            }
        }
    }
}
