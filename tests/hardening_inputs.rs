//! No panics, no hangs, no broken index on any input: arbitrary bytes and
//! text, pathological shapes (huge lines, huge tables, deep nesting), wrong
//! JSON types and every script — through the loader, `Index::build` and
//! `validate`. Inputs are big enough that quadratic work would show as a
//! run of minutes; each case prints its time (`--nocapture`) but nothing
//! about time is asserted.

mod hardening_common;

use briefing::analysis::Analysis;
use briefing::corpus::load::parse_text;
use briefing::corpus::{Format, Loaded};
use briefing::Index;
use hardening_common::*;
use proptest::prelude::*;
use std::time::Instant;

/// Parses `text` as `format`, builds and validates the index, and checks no
/// hostile char got through. Returns the articles loaded.
fn through_everything(name: &str, format: Format, text: &str) -> usize {
    let t = Instant::now();
    let mut warnings = Vec::new();
    let articles = parse_text(name, format, text, &mut warnings);
    let parsed = t.elapsed().as_secs_f64();
    let n = articles.len();
    let index = build(name, Loaded { articles, warnings });
    let built = t.elapsed().as_secs_f64();
    if built > 0.5 {
        eprintln!(
            "[time]   {name} ({} bytes): load {parsed:.2} s, load+build+validate {built:.2} s",
            text.len()
        );
    }
    assert_index_clean(&index);
    n
}

/// The loader alone (no analysis) on inputs too big for today's analysis
/// in a debug build: the corpus is still validated and checked clean.
fn through_loader(name: &str, format: Format, text: &str) -> usize {
    let t = Instant::now();
    let mut warnings = Vec::new();
    let articles = parse_text(name, format, text, &mut warnings);
    let n = articles.len();
    let index = Index::from_parts(name.to_string(), articles, warnings, Analysis::default());
    let errs = briefing::index::validate(&index);
    assert!(errs.is_empty(), "validate: {errs:#?}");
    assert_index_clean(&index);
    let took = t.elapsed().as_secs_f64();
    if took > 0.5 {
        eprintln!(
            "[time]   {name} ({} bytes): load+validate {took:.2} s",
            text.len()
        );
    }
    n
}

/// `text` as each format: plain, Markdown, a JSON record whose body it is,
/// a JSON Lines file of two such records, and the raw text read as if it
/// were JSON and JSON Lines.
fn every_format_with(name: &str, text: &str, f: fn(&str, Format, &str) -> usize) {
    f(&format!("{name}.txt"), Format::Plain, text);
    f(&format!("{name}.md"), Format::Markdown, text);
    let rec =
        serde_json::json!({"title": text.chars().take(200).collect::<String>(), "body": text}).to_string();
    f(&format!("{name}.json"), Format::Json, &rec);
    f(
        &format!("{name}.jsonl"),
        Format::Jsonl,
        &format!("{rec}\n{rec}\n"),
    );
    f(&format!("{name}.raw.json"), Format::Json, text);
    f(&format!("{name}.raw.jsonl"), Format::Jsonl, text);
}

fn every_format(name: &str, text: &str) {
    every_format_with(name, text, through_everything);
}

/// Runs a case and prints how long it took (debug build), for the report.
fn timed(what: &str, f: impl FnOnce()) {
    let t = Instant::now();
    f();
    eprintln!("[time] {what}: {:.2} s", t.elapsed().as_secs_f64());
}

// The big inputs, by size. Each is run in full through the loader by the
// default suite, through analysis at a size today's analysis manages, and
// in full through analysis by an ignored test naming the bug that makes it
// too slow (`cargo test --test hardening_inputs -- --ignored`).

/// One line of prose with quotes, straight and curly, and pipes.
fn long_line(bytes: usize) -> String {
    "The minister said “yes” and the envoy said \"no\" | again, ".repeat(bytes / 60)
}

/// One word: no space, no sentence end.
fn long_word(bytes: usize) -> String {
    "x".repeat(bytes)
}

fn short_lines(n: usize) -> String {
    let mut text = String::from("A title\n\n");
    for i in 0..n {
        text.push_str(match i % 5 {
            0 => "Short line.\n",
            1 => "“Quote\n",
            2 => "- item\n",
            3 => "\n",
            _ => "said he\n",
        });
    }
    text
}

fn ragged_table(rows: usize) -> String {
    let mut text = String::from("Table story\n\n| Issue | A | B | C |\n|---|---|---|---|\n");
    for i in 0..rows {
        match i % 4 {
            0 => text.push_str(&format!("| row {i} | a |\n")),
            1 => text.push_str(&format!("| row {i} | a | b | c | d | e |\n")),
            2 => text.push_str("|\n"),
            _ => text.push_str(&format!("| “{i} | ” | 中文 | e\u{301} |\n")),
        }
    }
    text
}

fn jsonl_records(n: usize) -> String {
    let mut jl = String::new();
    for i in 0..n {
        jl.push_str(&format!(
            "{{\"title\": \"T{i}\", \"body\": \"Body {i} said “x”.\"}}\n"
        ));
    }
    jl
}

const MB10: usize = 10 * 1024 * 1024;

#[test]
fn ten_megabyte_single_line() {
    let line = long_line(MB10);
    assert!(line.len() >= MB10 - 100);
    timed("10 MB line, loader, 3 formats", || {
        through_loader("big.txt", Format::Plain, &line);
        through_loader("big.md", Format::Markdown, &line);
        let rec = serde_json::json!({"title": "Big", "body": line}).to_string();
        through_loader("big.json", Format::Json, &rec);
    });
    // Quotes on one line cost today's analysis far more than linear time
    // (see the ignored test below): 2 KB goes through it here.
    timed("2 KB line, analysed", || {
        every_format("line", &long_line(2 * 1024))
    });
}

#[test]
fn ten_megabyte_single_line_analysed() {
    through_everything("big.txt", Format::Plain, &long_line(MB10));
}

#[test]
fn ten_megabyte_word_and_a_million_quote_marks() {
    // No sentence end, no word break: a worst case for scanners that look
    // ahead for the next boundary.
    let word = long_word(MB10);
    timed("10 MB word, loader", || {
        through_loader("word.txt", Format::Plain, &word);
    });
    timed("1 MB word, analysed", || {
        through_everything("word.txt", Format::Plain, &long_word(1024 * 1024));
    });
    let quotes = "“".repeat(1024 * 1024);
    timed("1M opening quotes, analysed", || {
        through_everything("quotes.txt", Format::Plain, &quotes);
    });
}

#[test]
#[ignore = "slow: a 10 MB word takes ~16 s through analysis in a debug build (actors::find ~60% of it)"]
fn ten_megabyte_word_analysed() {
    through_everything("word.txt", Format::Plain, &long_word(MB10));
}

#[test]
fn two_hundred_thousand_short_lines() {
    let text = short_lines(200_000);
    timed("200k lines, loader", || {
        through_loader("lines.txt", Format::Plain, &text);
        through_loader("lines.md", Format::Markdown, &text);
    });
    timed("20k lines, analysed", || {
        through_everything("lines.txt", Format::Plain, &short_lines(20_000));
        through_everything("lines.md", Format::Markdown, &short_lines(20_000));
    });
    timed("20k JSONL records, loader", || {
        assert_eq!(
            through_loader("lines.jsonl", Format::Jsonl, &jsonl_records(20_000)),
            20_000
        );
    });
    timed("2k JSONL records, analysed", || {
        assert_eq!(
            through_everything("lines.jsonl", Format::Jsonl, &jsonl_records(2_000)),
            2_000
        );
    });
}

#[test]
#[ignore = "slow: 200,000 short lines take ~15 s per format and 20,000 JSONL records ~6 s through load and analysis in a debug build"]
fn two_hundred_thousand_short_lines_analysed() {
    through_everything("lines.txt", Format::Plain, &short_lines(200_000));
    through_everything("lines.md", Format::Markdown, &short_lines(200_000));
    through_everything("lines.jsonl", Format::Jsonl, &jsonl_records(20_000));
}

#[test]
fn fifty_thousand_row_ragged_table() {
    let text = ragged_table(50_000);
    timed("50k-row ragged table, loader", || {
        through_loader("table.txt", Format::Plain, &text);
        through_loader("table.md", Format::Markdown, &text);
    });
    timed("2k-row ragged table, analysed", || {
        through_everything("table.txt", Format::Plain, &ragged_table(2_000));
        through_everything("table.md", Format::Markdown, &ragged_table(2_000));
    });
}

#[test]
fn fifty_thousand_row_ragged_table_analysed() {
    through_everything("table.txt", Format::Plain, &ragged_table(50_000));
}

#[test]
fn lines_of_nothing_but_pipes() {
    let mut text = String::new();
    for i in 0..5_000 {
        text.push_str(&"|".repeat(1 + i % 40));
        text.push('\n');
        if i % 7 == 0 {
            text.push_str("|---|\n");
        }
    }
    text.push_str(&"|".repeat(200_000));
    timed("pipes", || every_format("pipes", &text));
}

#[test]
fn deeply_nested_json() {
    let deep = |open: &str, close: &str, n: usize| format!("{}{}", open.repeat(n), close.repeat(n));
    let cases = [
        deep("[", "]", 100_000),
        deep("{\"a\":", "}", 100_000),
        format!("{{\"title\": \"x\", \"body\": {}}}", deep("[", "]", 100_000)),
        format!("[{}", "[".repeat(100_000)),
        format!("{{\"articles\": {}}}", deep("[", "]", 100_000)),
    ];
    for (i, c) in cases.iter().enumerate() {
        timed(&format!("deep json {i}"), || {
            through_everything("deep.json", Format::Json, c);
            through_everything("deep.jsonl", Format::Jsonl, c);
            // As prose it is 600 KB of punctuation: the loader takes it in
            // full, analysis a tenth of it.
            through_loader("deep.txt", Format::Plain, c);
            through_loader("deep.md", Format::Markdown, c);
            let tenth: String = c.chars().take(c.len() / 10).collect();
            through_everything("deep.txt", Format::Plain, &tenth);
        });
    }
    // The same through the file loader, which sniffs and decodes first.
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("deep.json"), &cases[0]);
    write(&dir.path().join("deep2.json"), &cases[1]);
    // Without an extension it is sniffed: not JSON (too deep to parse), so
    // it is read as text, which is fine as long as nothing breaks.
    write(&dir.path().join("deep3"), &cases[1]);
    write(&dir.path().join("good.txt"), "Fine\n\nThe envoy said “fine”.\n");
    let loaded = load(&[dir.path()]);
    assert_eq!(loaded.articles.len(), 2, "{:?}", loaded.warnings);
    for f in ["deep.json", "deep2.json"] {
        let w: Vec<_> = loaded.warnings.iter().filter(|w| w.path.ends_with(f)).collect();
        assert_eq!(w.len(), 1, "{f}: {:?}", loaded.warnings);
        assert!(w[0].line.is_some(), "{:?}", w[0]);
    }
    build("deep", loaded);
}

#[test]
fn deeply_nested_markdown() {
    // Nesting `n` deep; the parser gets the full depth, analysis (which
    // sees only the flattened text) a tenth.
    let cases = |n: usize| {
        [
            ">".repeat(n) + " quoted",
            // Levels of list, each indented under the last (1 MB at 1,000).
            (0..n / 100)
                .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
                .collect::<String>(),
            "[".repeat(n / 2) + "link" + &"](u)".repeat(n / 2),
            "*".repeat(n) + "x" + &"*".repeat(n),
            "<div>".repeat(n / 2),
            "`".repeat(n),
            "# ".repeat(n / 2) + "title",
            "1. ".repeat(n / 10) + "item",
        ]
    };
    for (i, c) in cases(100_000).iter().enumerate() {
        timed(&format!("deep markdown {i}, loader"), || {
            every_format_with(&format!("deepmd{i}"), c, through_loader)
        });
    }
    for (i, c) in cases(10_000).iter().enumerate() {
        timed(&format!("deep markdown {i}, analysed"), || {
            every_format(&format!("deepmd{i}"), c)
        });
    }
}

#[test]
fn wrong_json_types() {
    let recs = [
        r#"{"title": 42, "body": "Text said “x”."}"#,
        r#"{"title": ["a"], "author": 7, "date": {}, "source": [1,2], "url": false, "body": "B."}"#,
        r#"{"title": "T", "body": 3}"#,
        r#"{"title": "T", "body": [1, null, {"x": 1}, ["nested"], "real para"]}"#,
        r#"{"title": "T", "body": {"rendered": 5}}"#,
        r#"{"title": {"rendered": ["x"]}, "content": {"rendered": "<p>ok</p>"}}"#,
        r#"{"title": "T", "author": {"name": 5}, "authors": [{"name": null}, 3], "body": "B."}"#,
        r#"{"title": "T", "date": "not a date at all", "body": "B."}"#,
        r#"{"title": "T", "date": "9999-99-99", "body": "B."}"#,
        r#"{"title": "T", "date": "2026-02-30T99:99", "body": "B."}"#,
        r#"{"articles": 5}"#,
        r#"{"articles": [1, "x", null, {"body": "ok."}]}"#,
        r#"[1, 2, "three", null, true]"#,
        r#""just a string""#,
        r#"42"#,
        r#"null"#,
        r#"{"title": "\ud800 lone surrogate", "body": "x\udfff y."}"#,
        r#"{"title": "T", "body": "B.", "title": "dup"}"#,
        r#"{"title": "T", "body": "1e99999"}"#,
    ];
    for r in recs {
        through_everything("w.json", Format::Json, r);
        through_everything("w.jsonl", Format::Jsonl, r);
    }
    // A JSON Lines file where every other record is wrong: the good ones load.
    let jl = recs.join("\n");
    let mut w = Vec::new();
    let arts = parse_text("mixed.jsonl", Format::Jsonl, &jl, &mut w);
    assert!(arts.len() >= 8, "{} articles, {w:?}", arts.len());
    assert!(w.iter().all(|w| w.line.is_some()), "{w:?}");
    assert!(w.iter().any(|w| w.message.contains("`title`")), "{w:?}");
}

#[test]
fn every_script_and_invisible_char() {
    let samples = [
        // Zero-width space/joiner/non-joiner, word joiner, BOM mid-text, soft hyphen.
        "Zero\u{200b}width\u{200c}non\u{200d}joiner\u{2060}wj\u{feff}bom\u{ad}shy said “he\u{200b}llo”.",
        // Combining marks, stacked.
        "Ze\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}\u{309}\u{30a}lgo said “a\u{300}\u{301}\u{302}”.",
        // A thousand combining marks on one base.
        &("a".to_string() + &"\u{301}".repeat(1000) + " said “x\u{302}\u{302}”."),
        // Emoji ZWJ sequences, flags, skin tones, keycaps.
        "Family 👨\u{200d}👩\u{200d}👧\u{200d}👦 and flag 🇨🇴🇺🇸 and 👍🏽 and 1\u{fe0f}\u{20e3} said “🙂”.",
        // RTL text with marks (not overrides: those are neutralised).
        "قال الوزير «لن نتراجع» يوم الثلاثاء. \u{200f}שלום\u{200e} אמר „כן“.",
        // CJK, full-width punctuation and corner-bracket quotes.
        "外交部长说：「我们不会让步。」他补充道『绝不』。日本語の記事。한국어 기사가 “좋다”고 말했다.",
        // Surrogate-adjacent and private-use, noncharacters, replacement char.
        "Private \u{e000}\u{f8ff} nonchar \u{fdd0}\u{fffe}\u{ffff} repl \u{fffd} astral \u{10ffff} said “x”.",
        // Line and paragraph separators, NEL, vertical tab, form feed.
        "Line\u{2028}sep\u{2029}para\u{85}nel\u{b}vt\u{c}ff said “x”.\u{2028}",
        // Tabs and odd spaces.
        "\tTabbed\u{a0}nbsp\u{3000}ideographic\u{2003}em said “x”.",
    ];
    for (i, s) in samples.iter().enumerate() {
        let doc = format!(
            "{s}\n\nBy {s}\n\n{s}\n\n- {s}\n\n| {s} | {s} |\n|---|---|\n| {s} |\n\n“{s}” said {s}.\n"
        );
        every_format(&format!("script{i}"), &doc);
    }
}

#[test]
fn unbalanced_and_nested_quotes() {
    let samples = [
        "“Open never closed. He said so. And more text follows for a while.",
        "Closed never opened” said the minister.",
        "“Outer ‘inner “deeper ‘deepest’ back” out’ done” he said.",
        "\"Straight 'mixed” curly’ \"\" '' “” ‘’ «» „“ ‚‘ ‹›",
        "He said “” and “ ” and \"\".",
        "’Tis the season, rock ’n’ roll, the ’90s, O’Brien’s “quote”.",
        "“ “ “ “ “ “ “ “ “ “ “",
        "” ” ” ” ” ” ” ” ” ”",
        "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"",
    ];
    for (i, s) in samples.iter().enumerate() {
        every_format(&format!("quotes{i}"), &format!("Title\n\n{s}\n\n{s} {s}\n"));
    }
    let many = samples.join(" ").repeat(2_000);
    timed("unbalanced quotes x2000, loader", || {
        every_format_with("quotes-many", &many, through_loader)
    });
    let some = samples.join(" ").repeat(100);
    timed("unbalanced quotes x100, analysed", || {
        every_format("quotes-some", &some)
    });
}

#[test]
fn unbalanced_quotes_analysed_in_full() {
    let samples = [
        "“Open never closed. He said so. And more text follows for a while.",
        "\"Straight 'mixed” curly’ \"\" '' “” ‘’ «» „“ ‚‘ ‹›",
        "“ “ “ “ “ “ “ “ “ “ “",
    ];
    every_format("quotes-many", &samples.join(" ").repeat(2_000));
}

fn fragment() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "# Ministers meet on tariffs",
        "Tariff talks stall as envoy walks out",
        "By Ana Núñez and Sam Reyes",
        "By ANA NÚÑEZ, Staff Writer",
        "March 3, 2026",
        "2026-03-03T10:00:00Z",
        "BOGOTÁ —",
        "“We will not yield,” the minister said.",
        "\"We will not yield,\" the minister said.",
        "The envoy said that talks would resume.",
        "“Unclosed quote that runs on",
        "closing only” said he.",
        "‘single’ and ‚low‘ and „German“ and «French»",
        "| Issue | Colombia | United States |",
        "|---|---|---|",
        "| Tariffs | against |",
        "| Visas | yes | no | extra | more |",
        "|",
        "||||",
        "+---+---+",
        "- Migration: both sides want fewer crossings.",
        "* Drugs: the minister wants “shared responsibility”.",
        "1. First point",
        "> A block quote said “x”.",
        "---",
        "Photo: Reuters",
        "Related: Earlier talks",
        "日本語の記事「引用」と言った。",
        "e\u{301}\u{302} combining",
        "👩\u{200d}💻 emoji",
        "مرحبا «قال»",
        "",
        "    indented code",
        "```",
        "<p>html</p>",
        "&#27;[2J entity",
        "[link](http://x)",
    ]);
    prop_oneof![
        6 => fixed.prop_map(str::to_string),
        1 => prop::sample::select(HOSTILE_CHARS.to_vec()).prop_map(|c| format!("ctl{c}ctl")),
        1 => "[a-zA-Z“”\"' .,|-]{0,40}",
        1 => any::<String>().prop_map(|s| s.chars().take(30).collect()),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            fragment(),
            prop::sample::select(vec!["\n", "\n\n", " ", "\r\n", ""]),
        ),
        0..40,
    )
    .prop_map(|parts| parts.into_iter().map(|(f, sep)| f + sep).collect())
}

proptest! {
    // A fixed seed: CI runs the same 64 documents every time, so a failure
    // is a regression, not luck. The ignored twin below explores new ones.
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(20261122),
        ..ProptestConfig::default()
    })]

    /// Documents assembled from fragments of real articles and hostile
    /// bits: every format loads, builds and validates, and stays clean.
    #[test]
    fn assembled_documents_build_sound_indexes(doc in document()) {
        every_format("prop", &doc);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// The same with a fresh seed each run: run by hand (`--ignored`) to
    /// explore new inputs; CI keeps to the fixed seed above so it repeats.
    #[test]
    #[ignore = "fresh random seed each run: exploratory, run with --ignored"]
    fn assembled_documents_fresh_seed(doc in document()) {
        every_format("prop", &doc);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Arbitrary text: the same.
    #[test]
    fn arbitrary_text_builds_sound_indexes(doc in any::<String>()) {
        every_format("arb", &doc);
    }

    /// Arbitrary bytes, through the file loader (decoding, sniffing, every
    /// extension).
    #[test]
    fn arbitrary_bytes_load_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..2048), utf8_prefix in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let mut b = bytes;
        if utf8_prefix {
            let mut v = "Title “quoted”\n\n".as_bytes().to_vec();
            v.extend(b);
            b = v;
        }
        for name in ["a.txt", "a.md", "a.json", "a.jsonl", "a"] {
            write(&dir.path().join(name), &b);
        }
        let loaded = load(&[dir.path()]);
        let index = build("bytes", loaded);
        assert_index_clean(&index);
        // Named one by one (sniffed), too.
        let named = load(&[&dir.path().join("a")]);
        assert_index_clean(&build("bytes1", named));
    }
}

/// Found by the fresh-seed proptest: `briefing check --strict` on this as
/// a .txt (or as a JSON body) reports `quote 2 speaker: span 25..37 does
/// not fit block 0/1` — the speaker span ("the minister", read in block 0)
/// is recorded against the quote's block 1.
#[test]
fn speaker_span_lies_in_its_own_block() {
    let doc = "“We will not yield,” the minister said.\n“Unclosed quote that runs on # Ministers meet on tariffs\nctl\u{1b}ctl By Ana Núñez and Sam Reyes\n“Unclosed quote that runs on\n";
    through_everything("speaker.txt", Format::Plain, doc);
}
