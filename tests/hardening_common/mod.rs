//! Shared helpers for the hardening tests: the hostile strings, a strict
//! detector for anything that could drive a terminal, and walkers that look
//! at every string an index or a JSON document holds.
//!
//! The detector is written out here rather than borrowed from
//! `briefing::text::sanitize::is_hostile`, so narrowing the library's list
//! makes these tests fail instead of silently agreeing with it.

#![allow(dead_code)]

use briefing::analysis::Lexicon;
use briefing::corpus::{load_paths, LoadOptions, Loaded};
use briefing::Index;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Every kind of terminal-driving text the brief names, in one string:
/// CSI clear screen, OSC retitle (BEL- and ST-terminated), OSC 52 clipboard
/// write, C1 CSI, BEL, backspace, a lone CR, bidi embeddings, overrides and
/// isolates, DEL, NUL-free.
pub const EVIL: &str = "A\u{1b}[2J\u{1b}[H\u{1b}]0;pwned\u{7}B\u{1b}]2;t\u{1b}\\C\u{9b}31mD\u{8}\u{8}E\rF\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}G\u{2066}\u{2067}\u{2068}\u{2069}H\u{1b}]52;c;aGVsbG8=\u{7}I\u{7f}\u{85}\u{9d}J";

/// The chars of `EVIL` that are hostile, for building variants.
pub const HOSTILE_CHARS: &[char] = &[
    '\u{1b}', '\u{7}', '\u{8}', '\r', '\u{9b}', '\u{85}', '\u{9d}', '\u{7f}', '\u{0}', '\u{c}', '\u{b}',
    '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

/// True for a char that must never reach a terminal: C0 controls but the
/// newline, DEL, C1 controls, bidi embeddings/overrides/isolates.
pub fn forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{9}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `forbidden`, but for single-line places (no newline either).
pub fn forbidden_in_line(c: char) -> bool {
    c == '\n' || forbidden(c)
}

/// An automaton over the UTF-8 of every forbidden char: a few MB of text
/// checked char by char in a debug build would dominate the suite.
fn automaton() -> &'static aho_corasick::AhoCorasick {
    static AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        let pats: Vec<String> = (0u32..=0x2069)
            .filter_map(char::from_u32)
            .filter(|&c| forbidden(c))
            .map(|c| c.to_string())
            .collect();
        aho_corasick::AhoCorasick::new(pats).expect("automaton")
    })
}

/// The byte offset and char of the first forbidden char in `s`.
pub fn first_forbidden(s: &str) -> Option<(usize, char)> {
    let m = automaton().find(s)?;
    s[m.start()..].chars().next().map(|c| (m.start(), c))
}

/// Panics naming `what` and the offending char if `s` holds one.
pub fn assert_clean(what: &str, s: &str) {
    if let Some((i, c)) = first_forbidden(s) {
        let from = s.floor_char_boundary_compat(i.saturating_sub(30));
        let ctx: String = s[from..].chars().take(60).collect();
        panic!("{what}: hostile char U+{:04X} at byte {i}: {ctx:?}", c as u32);
    }
}

/// `assert_clean` for a single-line field: no newline either.
pub fn assert_clean_line(what: &str, s: &str) {
    assert_clean(what, s);
    assert!(!s.contains('\n'), "{what}: newline in a one-line field: {s:?}");
}

/// Raw output bytes: no ESC, BEL, BS, CR, and as UTF-8 no C1 or bidi char.
pub fn assert_clean_bytes(what: &str, bytes: &[u8]) {
    if let Some(i) = bytes
        .iter()
        .position(|b| matches!(b, 0x1b | 0x07 | 0x08 | 0x0d | 0x00 | 0x7f))
    {
        panic!(
            "{what}: raw byte 0x{:02x} at {i}: {:?}",
            bytes[i],
            String::from_utf8_lossy(&bytes[i.saturating_sub(40)..(i + 40).min(bytes.len())])
        );
    }
    let s = String::from_utf8_lossy(bytes);
    assert_clean(what, &s);
}

pub trait FloorBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}
impl FloorBoundary for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        while i > 0 && !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

/// Calls `f` on every string inside a JSON value (keys included).
pub fn json_strings(v: &serde_json::Value, path: &str, f: &mut dyn FnMut(&str, &str)) {
    match v {
        serde_json::Value::String(s) => f(path, s),
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                json_strings(x, &format!("{path}[{i}]"), f);
            }
        }
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                f(&format!("{path}.<key>"), k);
                json_strings(x, &format!("{path}.{k}"), f);
            }
        }
        _ => {}
    }
}

/// Every string field of every article, block, cell, warning and analysis
/// record of the index is free of hostile chars; single-line fields have no
/// newline either.
pub fn assert_index_clean(index: &Index) {
    assert_clean_line("index name", &index.name);
    for (i, a) in index.articles.iter().enumerate() {
        let w = |f: &str| format!("article {i} {f}");
        assert_clean_line(&w("path"), &a.path);
        assert_clean_line(&w("title"), &a.title);
        for (f, v) in [
            ("subtitle", &a.subtitle),
            ("author", &a.author),
            ("date", &a.date),
            ("source", &a.source),
            ("url", &a.url),
        ] {
            if let Some(v) = v {
                assert_clean_line(&w(f), v);
            }
        }
        for (bi, b) in a.blocks.iter().enumerate() {
            assert_clean(&w(&format!("block {bi}")), &b.text);
            if let Some(t) = &b.table {
                for c in t.header.iter().chain(t.rows.iter().flatten()) {
                    assert_clean_line(&w(&format!("block {bi} cell")), &c.text);
                }
            }
        }
    }
    for w in &index.warnings {
        assert_clean_line("warning path", &w.path);
        assert_clean_line("warning", &w.to_string());
    }
    let an = &index.analysis;
    for x in &an.actors {
        assert_clean_line("actor name", &x.name);
        for s in &x.aliases {
            assert_clean_line("actor alias", s);
        }
    }
    for x in &an.issues {
        assert_clean_line("issue name", &x.name);
        for s in x.labels.iter().chain(&x.keywords) {
            assert_clean_line("issue label/keyword", s);
        }
    }
    for q in &an.quotes {
        if let Some(s) = &q.speaker_text {
            assert_clean("quote speaker", s);
        }
        assert_clean("quote", q.at.text(&index.articles));
    }
    for x in &an.stances {
        assert_clean("stance", x.text(&index.articles));
    }
    for x in &an.summaries {
        assert_clean("summary", &x.summary);
    }
}

/// Index built from what was loaded, with the embedded lexicon, checked
/// sound by `validate`.
pub fn build(name: &str, loaded: Loaded) -> Arc<Index> {
    let index = Index::build(name, loaded, &Lexicon::embedded());
    let errs = briefing::index::validate(&index);
    assert!(errs.is_empty(), "validate: {errs:#?}");
    index
}

pub fn load(paths: &[&Path]) -> Loaded {
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
    load_paths(&paths, &LoadOptions::default())
}

pub fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

/// Runs the built binary; (exit code, stdout, stderr).
pub fn run_bin(args: &[&std::ffi::OsStr]) -> (i32, Vec<u8>, Vec<u8>) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run briefing");
    (out.status.code().unwrap_or(-1), out.stdout, out.stderr)
}

/// Runs `f` on a thread and fails (instead of hanging CI) if it does not
/// finish within `secs` seconds. The thread is left behind on failure.
pub fn within<T: Send + 'static>(secs: u64, what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(std::time::Duration::from_secs(secs)) {
        Ok(v) => v,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: did not finish in {secs} s (hang)")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}
