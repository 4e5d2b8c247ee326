//! Terminal injection: no control char, escape sequence or bidi override in
//! any field of any article, in any format, reaches the index, the CLI's
//! output (text and JSON), warnings, file names or the rendered UI.
//! Every hostile file is generated in a temporary folder by the test.

mod hardening_common;

use briefing::tui::action::{Action, PaneId};
use briefing::tui::app::App;
use briefing::tui::theme::Theme;
use briefing::tui::view;
use hardening_common::*;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// A JSON string literal for `s` with every control char written as a
/// `\u00XX` escape (what serde_json does): the file itself holds no control
/// byte, the parsed string does.
fn js(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// `EVIL` as HTML numeric character references (`&#27;` …): decoded by the
/// HTML and Markdown readers after the raw text was neutralised.
fn evil_entities() -> String {
    let mut out = String::new();
    for c in EVIL.chars() {
        if forbidden(c) {
            if (c as u32) % 2 == 0 {
                out.push_str(&format!("&#{};", c as u32));
            } else {
                out.push_str(&format!("&#x{:x};", c as u32));
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn plain_article() -> String {
    format!(
        "Title {EVIL}\n\nBy Reporter {EVIL}\nMarch 3, 2026\n\n\
         The minister said “we will {EVIL} never yield” on Tuesday {EVIL}.\n\n\
         - item one {EVIL}\n- item two\n\n\
         | Issue {EVIL} | Side A | Side B |\n|---|---|---|\n| Tariffs {EVIL} | yes | no {EVIL} |\n| Visas | {EVIL} |\n\n\
         Caption: photo {EVIL}\n\nA last paragraph with \"straight {EVIL} quotes\" and a lone\rcarriage.\n"
    )
}

fn markdown_article() -> String {
    let e = evil_entities();
    format!(
        "---\ntitle: \"T {EVIL}\"\nsubtitle: S {EVIL}\nauthor: [A {EVIL}, B]\ndate: 2026-03-03\nsource: Src {EVIL}\nurl: https://x.test/{EVIL}\n---\n\n\
         # Heading {EVIL}\n\nBy Someone {EVIL}\n\n\
         Paragraph with *emphasis {EVIL}* and `code {EVIL}` and [a link {EVIL}](https://x.test/{EVIL} \"t {EVIL}\").\n\n\
         Entities: {e}\n\n\
         ## Sub {e}\n\n\
         > Quoted “{EVIL}” said the envoy.\n\n\
         - list {EVIL}\n  - nested {e}\n1. ordered {EVIL}\n\n\
         | H1 {EVIL} | H2 {e} |\n|---|---|\n| c {EVIL} | d {e} |\n| ragged |\n\n\
         ![alt {EVIL} {e}](img.png \"title {EVIL}\")\n\n\
             indented code {EVIL}\n\n\
         ```\nfenced {EVIL} {e}\n```\n\n\
         <div>raw html {EVIL}</div>\n\nText<br>{e}\n"
    )
}

fn json_record(title: &str) -> String {
    let e = evil_entities();
    format!(
        "{{\"title\": {t}, \"subtitle\": {s}, \"author\": {a}, \"date\": {d}, \"source\": {src}, \"url\": {u}, \"body\": {b}}}",
        t = js(&format!("{title} {EVIL}")),
        s = js(&format!("Dek {e}")),
        a = js(&format!("Author {EVIL}")),
        d = js(&format!("2026-03-03{EVIL}")),
        src = js(&format!("Source {EVIL}")),
        u = js(&format!("https://x.test/{EVIL}")),
        b = js(&format!("First paragraph {EVIL} said the envoy.\n\nSecond “{EVIL}” paragraph.\n\n| a {EVIL} | b |\n|---|---|\n| {e} | c |\n")),
    )
}

/// A record whose strings hold the hostile bytes raw, not escaped: invalid
/// JSON as written, valid once neutralised.
fn json_raw_record() -> String {
    format!(
        "{{\"title\": \"Raw {EVIL}\", \"author\": \"Raw {EVIL}\", \"date\": \"{EVIL}\", \"source\": \"{EVIL}\", \"url\": \"{EVIL}\", \"body\": \"Raw body {EVIL} here.\"}}"
    )
    .replace('\\', "/")
}

fn html_record() -> String {
    let e = evil_entities();
    format!(
        "{{\"title\": {t}, \"author\": {{\"name\": {a}}}, \"content\": {{\"rendered\": {b}}}}}",
        t = js(&format!("<b>HTML</b> {e}")),
        a = js(&format!("Name {e}")),
        b = js(&format!(
            "<h2>Head {e}</h2><p>Para {e} &amp; {EVIL}</p><ul><li>li {e}</li></ul>"
        )),
    )
}

/// Writes one hostile article of every format (and a few hostile names)
/// into `dir`; returns the file name that holds an ESC.
fn hostile_folder(dir: &Path) {
    write(&dir.join("plain.txt"), plain_article());
    write(&dir.join("doc.md"), markdown_article());
    write(&dir.join("one.json"), json_record("JSON"));
    write(
        &dir.join("many.json"),
        format!(
            "[{}, {}, {}]",
            json_record("Arr1"),
            json_raw_record(),
            html_record()
        ),
    );
    write(
        &dir.join("lines.jsonl"),
        format!(
            "{}\n{}\n{}\n{{\"title\": 42, \"body\": {}}}\n",
            json_record("L1"),
            json_raw_record(),
            html_record(),
            js(&format!("wrong-typed title {EVIL}"))
        ),
    );
    write(&dir.join("extensionless"), plain_article());
    // Windows-1252 with the five bytes it leaves undefined (C1 controls).
    let mut latin =
        b"Latin title \x81\x8d\x8f\x90\x9d\n\nBogot\xe1 said \x93no\x94 \x9b31m and \x1b[2J.\n".to_vec();
    latin.extend_from_slice(EVIL.as_bytes());
    write(&dir.join("latin.txt"), latin);
    // UTF-16 LE with a BOM.
    let mut u16 = vec![0xFF, 0xFE];
    for u in plain_article().encode_utf16() {
        u16.extend(u.to_le_bytes());
    }
    write(&dir.join("wide.txt"), u16);
}

/// Names holding escape sequences (Unix only: other systems refuse them).
#[cfg(unix)]
fn hostile_names(dir: &Path) -> Vec<PathBuf> {
    let good = dir.join("n\u{1b}[31mred\u{7}.txt");
    write(&good, plain_article());
    let bad = dir.join("b\u{1b}]0;owned\u{7}\u{9b}2J\u{202e}.json");
    write(&bad, "{ not json at all");
    let sub = dir.join("d\u{1b}[2Jir");
    write(&sub.join("inner\u{8}\r.md"), markdown_article());
    // A newline in a name would split a warning line in two; a raw 0x9B
    // byte (not UTF-8) is a C1 CSI to an 8-bit terminal.
    write(&dir.join("new\nline.json"), "[broken");
    use std::os::unix::ffi::OsStrExt;
    write(
        &dir.join(std::ffi::OsStr::from_bytes(b"raw\x9b2J\x1b[1m.json")),
        "{broken",
    );
    vec![good, bad, sub]
}

#[test]
fn index_holds_no_hostile_char_in_any_field() {
    let dir = tempfile::tempdir().unwrap();
    hostile_folder(dir.path());
    #[cfg(unix)]
    hostile_names(dir.path());
    let loaded = load(&[dir.path()]);
    // Every format made it in, so every field was really exercised.
    let formats: std::collections::HashSet<_> = loaded.articles.iter().map(|a| a.format).collect();
    assert_eq!(formats.len(), 4, "{:?}", loaded.warnings);
    assert!(
        loaded.articles.len() >= 12,
        "{} articles: {:?}",
        loaded.articles.len(),
        loaded.warnings
    );
    // The stand-ins are there: the text was kept, only made visible.
    let all: String = loaded.articles.iter().map(|a| format!("{a:?}")).collect();
    assert!(all.contains('\u{241b}'), "ESC stand-in ␛ missing");
    let index = build("hostile", loaded);
    assert_index_clean(&index);
    // Each field of the JSON record kept its visible text.
    let one = index
        .articles
        .iter()
        .find(|a| a.path.ends_with("one.json"))
        .unwrap();
    assert!(one.title.starts_with("JSON A"), "{:?}", one.title);
    assert!(
        one.author.as_deref().unwrap_or("").starts_with("Author A"),
        "{one:?}"
    );
    assert!(
        one.source.as_deref().unwrap_or("").starts_with("Source A"),
        "{one:?}"
    );
    assert!(
        one.url.as_deref().unwrap_or("").starts_with("https://x.test/A"),
        "{one:?}"
    );
}

#[test]
fn each_format_alone_is_clean() {
    // One file at a time, named on the command line (sniffed or by
    // extension), so a format that loads nothing is noticed.
    let dir = tempfile::tempdir().unwrap();
    hostile_folder(dir.path());
    for name in [
        "plain.txt",
        "doc.md",
        "one.json",
        "many.json",
        "lines.jsonl",
        "extensionless",
        "latin.txt",
        "wide.txt",
    ] {
        let p = dir.path().join(name);
        let loaded = load(&[&p]);
        assert!(
            !loaded.articles.is_empty(),
            "{name}: nothing loaded: {:?}",
            loaded.warnings
        );
        let index = build(name, loaded);
        assert_index_clean(&index);
    }
}

#[test]
fn html_entities_cannot_smuggle_controls() {
    // Entities are decoded after the raw text was neutralised: the decoded
    // chars must be neutralised too.
    let dir = tempfile::tempdir().unwrap();
    let e = evil_entities();
    write(
        &dir.path().join("ent.md"),
        format!("# Title {e}\n\nBody {e} here.\n\n- item {e}\n\n| a {e} | b |\n|---|---|\n| {e} | c |\n"),
    );
    write(&dir.path().join("ent.json"), html_record());
    write(
        &dir.path().join("ent2.json"),
        format!(
            "{{\"title\": {}, \"body\": {}}}",
            js(&format!("T {e}")),
            js(&format!("# Head {e}\n\nPara {e}.\n"))
        ),
    );
    for name in ["ent.md", "ent.json", "ent2.json"] {
        let loaded = load(&[&dir.path().join(name)]);
        assert!(!loaded.articles.is_empty(), "{name}: {:?}", loaded.warnings);
        assert_index_clean(&build(name, loaded));
    }
}

#[cfg(unix)]
#[test]
fn hostile_file_names_are_neutralised_in_paths_and_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let names = hostile_names(dir.path());
    let loaded = load(&[dir.path()]);
    assert_eq!(loaded.articles.len(), 2, "{:?}", loaded.warnings);
    // The broken JSON file has exactly one warning, naming it visibly.
    let bad: Vec<_> = loaded
        .warnings
        .iter()
        .filter(|w| w.path.contains("owned"))
        .collect();
    assert_eq!(bad.len(), 1, "{:?}", loaded.warnings);
    assert!(bad[0].path.contains('\u{241b}'), "{:?}", bad[0].path);
    for part in ["new line.json", "raw"] {
        let n = loaded.warnings.iter().filter(|w| w.path.contains(part)).count();
        assert_eq!(n, 1, "{part}: {:?}", loaded.warnings);
    }
    // Named directly too.
    let l2 = load(&[&names[0], &names[1]]);
    assert_eq!(l2.articles.len(), 1);
    let index = build("names", loaded);
    assert_index_clean(&index);
    assert_index_clean(&build("names2", l2));
    // A missing path with an escape in it.
    let l3 = load(&[&dir.path().join("gone\u{1b}[2J\u{7}.txt")]);
    assert_eq!(l3.warnings.len(), 1);
    assert!(l3.warnings[0].path.contains("gone"), "{:?}", l3.warnings);
    assert_index_clean(&build("missing", l3));
}

fn cli(args: &[&str], dir: &Path) -> (i32, Vec<u8>, Vec<u8>) {
    let mut v: Vec<OsString> = args.iter().map(OsString::from).collect();
    v.push(dir.as_os_str().to_owned());
    let refs: Vec<&OsStr> = v.iter().map(|s| s.as_os_str()).collect();
    run_bin(&refs)
}

#[test]
fn cli_output_holds_no_hostile_byte() {
    let dir = tempfile::tempdir().unwrap();
    hostile_folder(dir.path());
    #[cfg(unix)]
    hostile_names(dir.path());
    for args in [&["index"][..], &["check"], &["check", "--strict"]] {
        let (code, out, err) = cli(args, dir.path());
        assert_eq!(code, 0, "{args:?}: {}", String::from_utf8_lossy(&err));
        assert!(!out.is_empty());
        assert_clean_bytes(&format!("{args:?} stdout"), &out);
        assert_clean_bytes(&format!("{args:?} stderr"), &err);
        // Warnings name the broken file (neutralised).
        #[cfg(unix)]
        assert!(
            String::from_utf8_lossy(&out).contains("b\u{241b}]0;owned"),
            "{args:?}"
        );
    }
    // The listing commands print text read from the articles too.
    for args in [
        &["quotes"][..],
        &["quotes", "--json"],
        &["actors"],
        &["actors", "--json"],
        &["issues"],
        &["issues", "--json"],
        &["compare"],
        &["compare", "--json"],
    ] {
        let (code, out, err) = cli(args, dir.path());
        assert!(
            code == 0 || code == 1,
            "{args:?}: {code} {}",
            String::from_utf8_lossy(&err)
        );
        assert_clean_bytes(&format!("{args:?} stdout"), &out);
        assert_clean_bytes(&format!("{args:?} stderr"), &err);
        let s = String::from_utf8_lossy(&out);
        for esc in ["\\u001b", "\\u001B", "\\u0007", "\\u009b", "\\u202e"] {
            assert!(!s.contains(esc), "{args:?} prints {esc}");
        }
    }
    let (code, out, err) = cli(&["index", "--json"], dir.path());
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    assert_clean_bytes("index --json stdout", &out);
    assert_clean_bytes("index --json stderr", &err);
    let raw = String::from_utf8(out).expect("JSON output is UTF-8");
    // serde_json writes control chars as escapes: none may appear.
    for esc in [
        "\\u001b", "\\u001B", "\\u0007", "\\u0008", "\\u009b", "\\u009B", "\\u202e", "\\u202E", "\\r",
        "\\u0000",
    ] {
        assert!(!raw.contains(esc), "index --json holds {esc}");
    }
    let v: serde_json::Value = serde_json::from_str(&raw).expect("valid JSON");
    let mut n = 0;
    json_strings(&v, "$", &mut |p, s| {
        n += 1;
        assert_clean(p, s)
    });
    assert!(n > 50, "only {n} strings in the JSON");
}

#[test]
fn tui_renders_no_control_char() {
    let dir = tempfile::tempdir().unwrap();
    hostile_folder(dir.path());
    #[cfg(unix)]
    hostile_names(dir.path());
    // The briefing's name comes from the folder: give it an escape too.
    let named = dir.path().join("brief\u{1b}]0;x\u{7}");
    std::fs::create_dir(&named).unwrap();
    write(&named.join("a.txt"), plain_article());
    let input = briefing::cmd::Input {
        paths: vec![dir.path().to_path_buf(), named.clone()],
        lexicon: None,
    };
    let index = build(
        &briefing::cmd::name(&briefing::cmd::Input {
            paths: vec![named],
            lexicon: None,
        }),
        briefing::cmd::load(&input),
    );
    assert_index_clean(&index);
    let mut app = App::new(index, Theme::new(true));
    let check = |app: &App, w: u16, h: u16, step: &str| {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| view::draw(f, app)).unwrap();
        let buf = term.backend().buffer();
        for y in 0..h {
            for x in 0..w {
                let sym = buf[(x, y)].symbol();
                assert!(
                    !sym.chars().any(forbidden_in_line),
                    "{step} at {w}x{h}: cell ({x},{y}) holds {sym:?}"
                );
            }
        }
    };
    let mut steps: Vec<(String, Action)> = Vec::new();
    for pane in [PaneId::Articles, PaneId::Issues, PaneId::Actors, PaneId::Compare] {
        steps.push((format!("{pane:?}"), Action::GoPane(pane)));
        for i in 0..12 {
            steps.push((format!("{pane:?} down {i}"), Action::Down));
            steps.push((format!("{pane:?} follow {i}"), Action::Follow));
            steps.push((format!("{pane:?} main {i}"), Action::FocusMain));
            steps.push((format!("{pane:?} pgdn {i}"), Action::PageDown));
            steps.push((format!("{pane:?} copy {i}"), Action::Copy));
            steps.push((format!("{pane:?} back {i}"), Action::Back));
        }
        steps.push((format!("{pane:?} help"), Action::ToggleHelp));
        steps.push((format!("{pane:?} help off"), Action::ToggleHelp));
    }
    for (w, h) in [(80u16, 24u16), (200, 60), (33, 9)] {
        app.update(Action::Resize(w, h));
        check(&app, w, h, "start");
        for (name, a) in &steps {
            app.update(a.clone());
            check(&app, w, h, name);
        }
    }
    // Copying puts text on the clipboard through OSC 52: it must be clean.
    for c in app.take_clipboard() {
        assert_clean("clipboard", &c);
    }
}

#[test]
fn search_box_shows_no_control_char_typed_or_pasted() {
    // Keys come from the user, but a paste can carry anything.
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.txt"), plain_article());
    let index = build("s", load(&[dir.path()]));
    let mut app = App::new(index, Theme::new(false));
    app.update(Action::Resize(80, 24));
    app.update(Action::OpenSearch);
    for c in EVIL.chars() {
        app.update(Action::SearchInput(c));
    }
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| view::draw(f, &app)).unwrap();
    let buf = term.backend().buffer();
    for y in 0..24 {
        for x in 0..80 {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars().any(forbidden_in_line),
                "cell ({x},{y}) holds {sym:?}"
            );
        }
    }
}
