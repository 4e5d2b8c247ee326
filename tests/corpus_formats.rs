//! Markdown, JSON and JSON Lines fixtures read through the loader.

use briefing::corpus::{load_paths, Article, BlockKind, Format, LoadOptions, Loaded, Warning};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn load(name: &str) -> Loaded {
    load_paths(&[fixture(name)], &LoadOptions::default())
}

fn texts(a: &Article, kind: BlockKind) -> Vec<&str> {
    a.blocks
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| b.text.as_str())
        .collect()
}

fn warnings_mentioning<'a>(w: &'a [Warning], needle: &str) -> Vec<&'a Warning> {
    w.iter().filter(|w| w.message.contains(needle)).collect()
}

#[test]
fn markdown_front_matter_and_structure() {
    let l = load("feature.md");
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    assert_eq!(l.articles.len(), 1);
    let a = &l.articles[0];
    assert_eq!(a.format, Format::Markdown);
    assert_eq!(a.title, "Ports reopen after a week of strikes");
    assert_eq!(a.author.as_deref(), Some("Maria Lopez"));
    assert_eq!(a.date.as_deref(), Some("2026-03-04"));
    assert_eq!(a.source.as_deref(), Some("The Harbour Post"));
    // The H2 right under the (repeated) H1 is the dek.
    assert_eq!(
        a.subtitle.as_deref(),
        Some("Dockworkers accept a two-year deal; shippers count the cost")
    );
    assert!(
        a.blocks.iter().all(|b| b.text != a.title),
        "title heading stays out of the blocks"
    );

    assert_eq!(texts(a, BlockKind::Heading), ["What changed"]);
    let paras = texts(a, BlockKind::Paragraph);
    assert_eq!(
        paras,
        [
            "The union said the deal was fair, and the port authority agreed.",
            "The strike cost us a month of freight, one importer said."
        ]
    );
    assert_eq!(
        texts(a, BlockKind::ListItem),
        [
            "Wages rise 4% a year",
            "backdated to January",
            "Night shifts capped at four a week"
        ]
    );
    assert_eq!(
        texts(a, BlockKind::Caption),
        ["Cranes idle at the north terminal"]
    );

    let table = a
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Table)
        .expect("a table");
    let t = table.table.as_ref().expect("table data");
    let header: Vec<&str> = t.header.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(header, ["Side", "Position", "Quote"]);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0][2].text, "\"A fair deal\"");
    assert_eq!(t.rows[1][0].text, "Shippers");
    assert_eq!(t.rows[1][2].text, "");
    for c in t.header.iter().chain(t.rows.iter().flatten()) {
        assert_eq!(c.span.slice(&table.text), c.text, "cell span indexes block text");
    }
    assert!(table.text.starts_with("| Side | Position | Quote |\n| Union |"));

    // Lines and sources point into the file.
    let src = std::fs::read_to_string(fixture("feature.md")).unwrap();
    let heading = a.blocks.iter().find(|b| b.kind == BlockKind::Heading).unwrap();
    assert_eq!(heading.line, 16);
    assert_eq!(heading.source.slice(&src), "## What changed");
    assert_eq!(table.line, 22);
    assert!(table.source.slice(&src).starts_with("| Side |"));
    let caption = a.blocks.iter().find(|b| b.kind == BlockKind::Caption).unwrap();
    assert_eq!(caption.line, 14);
    assert!(caption.source.slice(&src).starts_with("![Cranes"));
    // Document order.
    let starts: Vec<u32> = a.blocks.iter().map(|b| b.source.start).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
}

#[test]
fn markdown_h1_dek_and_byline() {
    let l = load("byline.md");
    let a = &l.articles[0];
    assert_eq!(a.title, "Council delays the budget vote");
    assert_eq!(
        a.subtitle.as_deref(),
        Some("Members want more time to read the amendments.")
    );
    assert_eq!(a.author.as_deref(), Some("Sam Okafor and Lee Chen"));
    let paras = texts(a, BlockKind::Paragraph);
    assert_eq!(
        paras,
        ["The vote, set for Tuesday, moves to next week. Members asked for a costing of each amendment."]
    );
    assert_eq!(
        texts(a, BlockKind::ListItem),
        ["First amendment: parks", "Second amendment: roads"]
    );
    assert_eq!(a.blocks[0].line, 7);
}

#[test]
fn json_single_object() {
    let l = load("single.json");
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    let a = &l.articles[0];
    assert_eq!(a.format, Format::Json);
    assert_eq!(a.title, "Water rates to rise");
    assert_eq!(a.subtitle.as_deref(), Some("The utility cites repairs"));
    assert_eq!(a.author.as_deref(), Some("Ana Ruiz"));
    assert_eq!(a.date.as_deref(), Some("2026-02-10"));
    assert_eq!(a.source.as_deref(), Some("City Desk"));
    assert_eq!(a.url.as_deref(), Some("https://example.org/water"));
    let paras = texts(a, BlockKind::Paragraph);
    assert_eq!(
        paras,
        [
            "Rates rise 6% in April.",
            "The utility says pipes are 80 years old."
        ]
    );
    assert!(a.blocks.iter().all(|b| b.line == 1));
}

#[test]
fn json_array_with_bad_fields_and_markdown_body() {
    let l = load("array.json");
    let titles: Vec<&str> = l.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["First record", "", "Markdown body"]);

    let first = &l.articles[0];
    assert_eq!(first.author.as_deref(), Some("Ana Ruiz, Ben Cole"));
    assert_eq!(
        texts(first, BlockKind::Paragraph),
        ["Paragraph one.", "Paragraph two."]
    );
    assert!(
        first.blocks.iter().all(|b| b.line == 2),
        "record starts on line 2"
    );

    let second = &l.articles[1];
    assert_eq!(second.subtitle, None);
    assert_eq!(
        texts(second, BlockKind::Paragraph),
        ["A record whose title is a number still loads."]
    );
    assert!(second.blocks.iter().all(|b| b.line == 7));

    let title_w = warnings_mentioning(&l.warnings, "`title`");
    assert_eq!(title_w.len(), 1, "{:?}", l.warnings);
    assert_eq!(title_w[0].line, Some(7));
    assert!(title_w[0].path.ends_with("array.json"));
    let sub_w = warnings_mentioning(&l.warnings, "`subtitle`");
    assert_eq!(sub_w.len(), 1);

    let no_body = warnings_mentioning(&l.warnings, "no body");
    assert_eq!(no_body.len(), 1);
    assert_eq!(no_body[0].line, Some(12));

    let md = &l.articles[2];
    assert_eq!(texts(md, BlockKind::Heading), ["Background"]);
    let table = md
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Table)
        .expect("markdown table");
    assert_eq!(table.table.as_ref().unwrap().rows[0][1].text, "3%");
    assert!(md.blocks.iter().all(|b| b.line == 15));
    assert_eq!(l.warnings.len(), 3, "{:?}", l.warnings);
}

#[test]
fn json_articles_wrapper() {
    let l = load("wrapped.json");
    let titles: Vec<&str> = l.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Wrapped one", "Wrapped two"]);
    assert_eq!(l.articles[0].blocks[0].line, 5);
    assert_eq!(l.articles[1].blocks[0].line, 6);
    assert_eq!(l.articles[1].author, None);
    assert_eq!(l.warnings.len(), 1);
    assert_eq!(l.warnings[0].line, Some(6));
    assert!(l.warnings[0].message.contains("`author`"));
}

#[test]
fn jsonl_broken_record_in_the_middle() {
    let l = load("records.jsonl");
    let titles: Vec<&str> = l.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Line one", "Line four"]);
    assert!(l.articles.iter().all(|a| a.format == Format::Jsonl));
    assert_eq!(l.articles[0].blocks[0].line, 1);
    assert_eq!(l.articles[1].blocks[0].line, 4);
    assert_eq!(l.articles[1].date.as_deref(), Some("2026-01-05"));
    assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
    let w = &l.warnings[0];
    assert_eq!(w.line, Some(3));
    assert!(w.path.ends_with("records.jsonl"));
    assert!(w.to_string().contains("records.jsonl:3:"));
}

#[test]
fn folder_of_formats_loads_in_name_order() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let a = load_paths(std::slice::from_ref(&dir), &LoadOptions::default());
    let b = load_paths(&[dir], &LoadOptions::default());
    let files: Vec<&str> = a
        .articles
        .iter()
        .map(|a| a.path.rsplit('/').next().unwrap())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert_eq!(a.articles, b.articles);
    assert_eq!(a.warnings, b.warnings);
    // array 3 + byline 1 + feature 1 + records 2 + single 1 + wrapped 2
    assert_eq!(a.articles.len(), 10);
}

mod never_panics {
    use briefing::corpus::load::parse_text;
    use briefing::corpus::Format;
    use briefing::text::sanitize::{is_hostile, sanitize};
    use proptest::prelude::*;

    fn check(format: Format, s: &str) {
        let mut w = Vec::new();
        let arts = parse_text("p", format, s, &mut w);
        let clean = sanitize(s);
        for a in &arts {
            for t in [
                &a.title,
                a.subtitle.as_deref().unwrap_or(""),
                a.author.as_deref().unwrap_or(""),
            ] {
                assert!(!t.chars().any(is_hostile));
            }
            for b in &a.blocks {
                assert!(!b.text.chars().any(is_hostile), "{:?}", b.text);
                if format == Format::Markdown {
                    assert!(
                        clean.get(b.source.range()).is_some(),
                        "{:?} in {:?}",
                        b.source,
                        clean
                    );
                }
                if let Some(t) = &b.table {
                    for c in t.header.iter().chain(t.rows.iter().flatten()) {
                        assert_eq!(c.span.slice(&b.text), c.text);
                    }
                    assert!(t.rows.iter().all(|r| r.len() == t.header.len()));
                }
            }
        }
    }

    proptest! {
        #[test]
        fn markdown_any(s in "([#*_>|\\-: \n`!\\[\\]()a-zé\u{1b}\r\t]|---\n|\\| a \\| b \\|\n){0,80}") {
            check(Format::Markdown, &s);
        }

        #[test]
        fn json_any(s in "([\\[\\]{}:,\" \n]|\"title\"|\"body\"|\"a\\\\u001b\"|1|null){0,60}") {
            check(Format::Json, &s);
            check(Format::Jsonl, &s);
        }
    }
}
