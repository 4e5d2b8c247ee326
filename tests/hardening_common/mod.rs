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

/// Panics naming `what` and the offending char if `s` holds one.
pub fn assert_clean(what: &str, s: &str) {
    if let Some((i, c)) = s.char_indices().find(|&(_, c)| forbidden(c)) {
        let from = s.floor_char_boundary_compat(i.saturating_sub(30));
        let ctx: String = s[from..].chars().take(60).collect();
        panic!("{what}: hostile char U+{:04X} at byte {i}: {ctx:?}", c as u32);
    }
}

/// Raw output bytes: no ESC, BEL, BS, CR, and as UTF-8 no C1 or bidi char.
pub fn assert_clean_bytes(what: &str, bytes: &[u8]) {
    for (i, &b) in bytes.iter().enumerate() {
        assert!(
            !matches!(b, 0x1b | 0x07 | 0x08 | 0x0d | 0x00 | 0x7f),
            "{what}: raw byte 0x{b:02x} at {i}: {:?}",
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
    assert_clean("index name", &index.name);
    for a in &index.articles {
        for (what, s) in [
            ("path", Some(&a.path)),
            ("title", Some(&a.title)),
            ("subtitle", a.subtitle.as_ref()),
            ("author", a.author.as_ref()),
            ("date", a.date.as_ref()),
            ("source", a.source.as_ref()),
            ("url", a.url.as_ref()),
        ] {
            if let Some(s) = s {
                assert!(
                    !s.chars().any(forbidden_in_line),
                    "article {what} holds a hostile char or newline: {s:?}"
                );
            }
        }
    }
    let v = serde_json::to_value(&index.articles).expect("articles serialise");
    json_strings(&v, "articles", &mut |p, s| assert_clean(p, s));
    let v = serde_json::to_value(&index.warnings).expect("warnings serialise");
    json_strings(&v, "warnings", &mut |p, s| assert_clean(p, s));
    for w in &index.warnings {
        assert!(
            !w.path.chars().any(forbidden_in_line),
            "warning path {:?}",
            w.path
        );
        assert_clean("warning line", &w.to_string());
    }
    let v = serde_json::to_value(&index.analysis).expect("analysis serialises");
    json_strings(&v, "analysis", &mut |p, s| assert_clean(p, s));
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
