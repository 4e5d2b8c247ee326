//! The command line as a script sees it: exit codes, the index JSON parsed
//! back and checked against docs/index-format.md.

use serde_json::Value;
use std::process::Command;

fn briefing(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run briefing")
}

fn obj<'a>(v: &'a Value, what: &str) -> &'a serde_json::Map<String, Value> {
    v.as_object()
        .unwrap_or_else(|| panic!("{what} is not an object: {v}"))
}

/// A field's name and a check of its JSON type.
type Field<'a> = (&'a str, fn(&Value) -> bool);

fn has(v: &Value, what: &str, fields: &[Field]) {
    let o = obj(v, what);
    for (f, ok) in fields {
        let x = o.get(*f).unwrap_or_else(|| panic!("{what} lacks `{f}`: {v}"));
        assert!(ok(x), "{what}.{f} has the wrong type: {x}");
    }
}

fn num(v: &Value) -> bool {
    v.is_u64()
}
fn string(v: &Value) -> bool {
    v.is_string()
}
fn opt_string(v: &Value) -> bool {
    v.is_string() || v.is_null()
}
fn opt_num(v: &Value) -> bool {
    v.is_u64() || v.is_null()
}
fn array(v: &Value) -> bool {
    v.is_array()
}
fn boolean(v: &Value) -> bool {
    v.is_boolean()
}
fn float(v: &Value) -> bool {
    v.is_number()
}

#[test]
fn index_json_matches_the_documented_format() {
    let out = briefing(&["index", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    has(
        &v,
        "index",
        &[
            ("format_version", num),
            ("name", string),
            ("articles", array),
            ("warnings", array),
            ("actors", array),
            ("issues", array),
            ("quotes", array),
            ("stances", array),
            ("summaries", array),
            ("alignments", array),
        ],
    );
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 3, "the embedded briefing has three articles");
    for (i, a) in articles.iter().enumerate() {
        has(
            a,
            "article",
            &[
                ("id", num),
                ("path", string),
                ("format", string),
                ("title", string),
                ("subtitle", opt_string),
                ("author", opt_string),
                ("date", opt_string),
                ("source", opt_string),
                ("url", opt_string),
                ("blocks", array),
                ("tables", array),
                ("sentences", array),
            ],
        );
        assert_eq!(a["id"].as_u64(), Some(i as u64));
        assert!(!a["title"].as_str().unwrap().is_empty());
        if let Some(d) = a["date"].as_str() {
            assert!(
                d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-',
                "ISO date: {d}"
            );
        }
        let blocks = a["blocks"].as_array().unwrap();
        assert!(!blocks.is_empty());
        for b in blocks {
            has(
                b,
                "block",
                &[
                    ("id", num),
                    ("kind", string),
                    ("text", string),
                    ("line", num),
                    ("start", num),
                    ("end", num),
                ],
            );
            let kind = b["kind"].as_str().unwrap();
            assert!(
                ["heading", "paragraph", "list_item", "table", "caption", "related"].contains(&kind),
                "unknown kind {kind}"
            );
            assert!(b["line"].as_u64().unwrap() >= 1);
        }
        for t in a["tables"].as_array().unwrap() {
            has(
                t,
                "table",
                &[("block", num), ("line", num), ("header", array), ("rows", array)],
            );
            let cols = t["header"].as_array().unwrap().len();
            for r in t["rows"].as_array().unwrap() {
                assert_eq!(r.as_array().unwrap().len(), cols, "rows are padded to the header");
            }
            let bi = t["block"].as_u64().unwrap() as usize;
            assert_eq!(blocks[bi]["kind"], "table");
        }
        for s in a["sentences"].as_array().unwrap() {
            has(
                s,
                "sentence",
                &[
                    ("id", num),
                    ("block", num),
                    ("start", num),
                    ("end", num),
                    ("text", string),
                    ("issues", array),
                ],
            );
            let b = &blocks[s["block"].as_u64().unwrap() as usize];
            let text = b["text"].as_str().unwrap();
            let (st, en) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                text.get(st..en),
                s["text"].as_str(),
                "sentence span resolves to its text"
            );
        }
    }
    for w in v["warnings"].as_array().unwrap() {
        has(
            w,
            "warning",
            &[("path", string), ("line", opt_num), ("message", string)],
        );
    }
    let mentions = |m: &Value| m.get("total").is_some_and(num) && m.get("by_article").is_some_and(array);
    for x in v["actors"].as_array().unwrap() {
        has(
            x,
            "actor",
            &[
                ("id", num),
                ("name", string),
                ("kind", string),
                ("aliases", array),
                ("mentions", mentions),
                ("discovered", boolean),
            ],
        );
    }
    for x in v["issues"].as_array().unwrap() {
        has(
            x,
            "issue",
            &[
                ("id", num),
                ("name", string),
                ("labels", array),
                ("keywords", array),
                ("mentions", mentions),
                ("discovered", boolean),
            ],
        );
    }
    for q in v["quotes"].as_array().unwrap() {
        has(
            q,
            "quote",
            &[
                ("id", num),
                ("article", num),
                ("block", num),
                ("start", num),
                ("end", num),
                ("text", string),
                ("kind", string),
                ("speaker", opt_num),
                ("speaker_name", opt_string),
                ("speaker_text", opt_string),
                ("issues", array),
                ("sentence", num),
            ],
        );
        let a = &articles[q["article"].as_u64().unwrap() as usize];
        let b = &a["blocks"][q["block"].as_u64().unwrap() as usize];
        let text = b["text"].as_str().unwrap();
        let (st, en) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text.get(st..en),
            q["text"].as_str(),
            "quote span resolves to its text"
        );
    }
    for s in v["stances"].as_array().unwrap() {
        has(
            s,
            "stance",
            &[
                ("id", num),
                ("actor", num),
                ("issue", num),
                ("text", string),
                ("article", num),
                ("source", string),
                ("evidence", |e: &Value| e.is_object()),
            ],
        );
        assert!(["table", "list", "sentence"].contains(&s["source"].as_str().unwrap()));
        has(
            &s["evidence"],
            "evidence",
            &[
                ("article", num),
                ("block", num),
                ("start", num),
                ("end", num),
                ("text", string),
            ],
        );
    }
    for s in v["summaries"].as_array().unwrap() {
        has(
            s,
            "summary",
            &[
                ("actor", num),
                ("issue", num),
                ("summary", string),
                ("stances", array),
            ],
        );
    }
    for g in v["alignments"].as_array().unwrap() {
        has(
            g,
            "alignment",
            &[
                ("issue", num),
                ("passages", array),
                ("similarity", float),
                ("single_source", boolean),
            ],
        );
    }
}

#[test]
fn index_summary_and_check_on_the_embedded_briefing() {
    let out = briefing(&["index"]);
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("3 articles"), "{s}");
    let out = briefing(&["check", "--strict"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("index valid"));
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing loadable: 1.
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = briefing(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let out = briefing(&["check", dir.path().join("missing.txt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("missing.txt"));
    // Usage errors: 2.
    assert_eq!(briefing(&["check", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(
        briefing(&["no-such-subcommand-either", "--bogus"]).status.code(),
        Some(2)
    );
    // Help and version work.
    assert!(briefing(&["--help"]).status.success());
    let v = briefing(&["--version"]);
    assert!(v.status.success());
    assert!(String::from_utf8_lossy(&v.stdout).starts_with("briefing "));
}

#[test]
fn the_browser_refuses_without_a_terminal_and_writes_no_escapes() {
    // Under `cargo test` neither stdin nor stdout is a terminal.
    let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing drawn to a pipe");
    assert!(!out.stderr.contains(&0x1b), "no escape sequences");
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
}

#[test]
fn check_says_why_when_nothing_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let out = briefing(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("no article could be loaded"));
}

#[test]
fn every_subcommand_names_the_file_it_could_not_load() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let missing = missing.to_str().unwrap();
    for args in [
        vec!["search", "petro", missing],
        vec!["quotes", missing],
        vec!["actors", missing],
        vec!["issues", missing],
        vec!["sentences", missing],
    ] {
        let err = String::from_utf8_lossy(&briefing(&args).stderr).into_owned();
        assert!(
            err.contains("missing.txt") && err.contains("no article could be loaded"),
            "{args:?}: {err}"
        );
    }
    // Some files loaded, some not: a count, and where to read them.
    std::fs::write(dir.path().join("good.txt"), "A title\n\nA paragraph of text.\n").unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = briefing(&["quotes", dir.path().to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 warning while loading"), "{err}");
    assert!(err.contains("briefing check"), "{err}");
}
