//! JSON and JSON Lines article records.
//!
//! A `.json` file holds one record, an array of records, or an object with an
//! `articles` array (or `items`, `data`, `results`, `posts`, `stories`,
//! `entries`, as feeds and APIs name it; an object with a body of its own is
//! a record whatever else it holds). Bodies in HTML are reduced to text with
//! their paragraphs, headings and list items; CMS fields shaped
//! `{"rendered": "…"}` are read as their text. A record has `title`, `subtitle`/`dek`, `body` (or
//! `text`/`content`: a string or an array of paragraph strings), `author` (a
//! string, an array of strings, or an object with `name`), `date`, `source`,
//! `url`; other fields are ignored. A field of the wrong type is dropped with
//! a warning; a record without a body is skipped with a warning.
//!
//! Every block of a record carries the record's line: in JSON Lines its line
//! number, in an array the line where its `{` stands. To know that line the
//! top level is walked by hand, one value at a time, so serde_json (with its
//! recursion limit left on) is the only thing that ever descends into input.

use super::{markdown, plain, Article, BlockKind, Format, Warning};
use crate::text::sanitize::{sanitize_fast, sanitize_line};
use serde::de::IgnoredAny;
use serde_json::{Map, Value};

pub fn parse(path: &str, text: &str, jsonl: bool, warnings: &mut Vec<Warning>) -> Vec<Article> {
    // Neutralising first keeps line numbers (CRLF → LF) and drops a BOM,
    // which serde_json would refuse.
    let text = sanitize_fast(text);
    if jsonl {
        return parse_lines(path, &text, Format::Jsonl, warnings);
    }
    if let Err(e) = serde_json::from_str::<IgnoredAny>(&text) {
        // Several objects one per line in a file named .json: JSON Lines
        // under the wrong name; read them as such rather than lose them.
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        if e.line() > 1
            && first.trim_start().starts_with('{')
            && serde_json::from_str::<IgnoredAny>(first).is_ok()
        {
            warnings.push(Warning::new(
                path,
                Some(e.line() as u32),
                "several JSON values, one per line: read as JSON Lines",
            ));
            return parse_lines(path, &text, Format::Json, warnings);
        }
        warnings.push(json_error(path, &e, 0, "not valid JSON; skipped"));
        return Vec::new();
    }
    let mut lines = LineCounter::new(&text);
    let mut out = Vec::new();
    let mut sc = Scanner { text: &text, pos: 0 };
    sc.skip_ws();
    match sc.peek() {
        Some(b'[') => {
            sc.pos += 1;
            records_in_array(path, &mut sc, &mut lines, &mut out, warnings);
        }
        Some(b'{') => {
            let start = sc.pos;
            let whole = serde_json::from_str::<Value>(&text).ok();
            // An object with a body is a record; one without may wrap an
            // array of records (`articles`, or an API's `items`, `data`…).
            let is_record = match &whole {
                Some(Value::Object(m)) => BODY_KEYS.iter().any(|k| m.contains_key(*k)),
                _ => true,
            };
            let wrapper = match &whole {
                Some(Value::Object(m)) if !is_record => WRAPPER_KEYS
                    .iter()
                    .find(|k| m.get(**k).is_some_and(Value::is_array))
                    .copied(),
                _ => None,
            };
            let mut found = false;
            // Walk the top-level keys to the wrapper's array, to know the
            // line of each record in it.
            sc.pos += 1;
            while let Some(wanted) = wrapper {
                sc.skip_ws();
                match sc.peek() {
                    Some(b'}') | None => break,
                    Some(b',') => {
                        sc.pos += 1;
                        continue;
                    }
                    _ => {}
                }
                let Some(key) = sc.value::<String>() else { break };
                sc.skip_ws();
                if sc.peek() != Some(b':') {
                    break;
                }
                sc.pos += 1;
                sc.skip_ws();
                if key == wanted && sc.peek() == Some(b'[') {
                    sc.pos += 1;
                    found = true;
                    records_in_array(path, &mut sc, &mut lines, &mut out, warnings);
                    break;
                }
                if sc.value::<IgnoredAny>().is_none() {
                    break;
                }
            }
            if !found {
                let line = lines.line_at(start);
                match whole {
                    Some(Value::Object(m)) => {
                        if let Some(a) = record(path, &m, line, Format::Json, warnings) {
                            out.push(a);
                        }
                    }
                    _ => warnings.push(Warning::new(path, Some(line), "not an article record; skipped")),
                }
            }
        }
        _ => warnings.push(Warning::new(
            path,
            Some(1),
            "JSON holds neither an article object nor an array of them; skipped",
        )),
    }
    out
}

const BODY_KEYS: [&str; 3] = ["body", "text", "content"];
/// Keys under which feeds and APIs put their list of articles, in the order
/// they are tried.
const WRAPPER_KEYS: [&str; 7] = [
    "articles", "items", "data", "results", "posts", "stories", "entries",
];

/// Reads records from an array whose `[` the scanner has just passed.
fn records_in_array(
    path: &str,
    sc: &mut Scanner,
    lines: &mut LineCounter,
    out: &mut Vec<Article>,
    warnings: &mut Vec<Warning>,
) {
    loop {
        sc.skip_ws();
        match sc.peek() {
            Some(b']') | None => return,
            Some(b',') => {
                sc.pos += 1;
                continue;
            }
            _ => {}
        }
        let line = lines.line_at(sc.pos);
        match sc.value::<Value>() {
            Some(Value::Object(m)) => {
                if let Some(a) = record(path, &m, line, Format::Json, warnings) {
                    out.push(a);
                }
            }
            Some(v) => warnings.push(Warning::new(
                path,
                Some(line),
                format!("array item is {}, not an article object; skipped", type_name(&v)),
            )),
            None => {
                warnings.push(Warning::new(
                    path,
                    Some(line),
                    "unreadable array item; rest skipped",
                ));
                return;
            }
        }
    }
}

/// One record a line; a bad line is reported and the others still load.
fn parse_lines(path: &str, text: &str, format: Format, warnings: &mut Vec<Warning>) -> Vec<Article> {
    let mut out = Vec::new();
    for (i, l) in text.split('\n').enumerate() {
        let line = i as u32 + 1;
        if l.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(l) {
            Ok(Value::Object(m)) => {
                if let Some(a) = record(path, &m, line, format, warnings) {
                    out.push(a);
                }
            }
            Ok(v) => warnings.push(Warning::new(
                path,
                Some(line),
                format!("line is {}, not an article object; skipped", type_name(&v)),
            )),
            Err(e) => warnings.push(Warning::new(
                path,
                Some(line),
                format!(
                    "not valid JSON at column {}: {}; skipped",
                    e.column(),
                    error_text(&e)
                ),
            )),
        }
    }
    out
}

/// Builds an article from one record, or `None` (with a warning) if it has
/// no body.
fn record(
    path: &str,
    m: &Map<String, Value>,
    line: u32,
    format: Format,
    warnings: &mut Vec<Warning>,
) -> Option<Article> {
    let mut a = Article::new(path, format);
    let mut warn = |msg: String| warnings.push(Warning::new(path, Some(line), msg));
    let wrong = |key: &str, v: &Value, want: &str| {
        format!("field `{key}` is {}, expected {want}; ignored", type_name(v))
    };

    let string_field = |keys: &[&str], warn: &mut dyn FnMut(String)| -> Option<String> {
        for &k in keys {
            match m.get(k) {
                None | Some(Value::Null) => continue,
                Some(v) => match rendered(v) {
                    Some(s) => {
                        // Titles from scrapers carry `&amp;` and stray tags.
                        let s = sanitize_line(&html_to_text(s).unwrap_or_else(|| decode_entities(s)));
                        if !s.is_empty() {
                            return Some(s);
                        }
                    }
                    None => warn(wrong(k, v, "a string")),
                },
            }
        }
        None
    };

    a.title = string_field(&["title", "headline"], &mut warn).unwrap_or_default();
    a.subtitle = string_field(&["subtitle", "dek", "description"], &mut warn);
    a.url = string_field(&["url", "link"], &mut warn);

    a.author = None;
    for k in ["author", "authors", "byline"] {
        match m.get(k) {
            None | Some(Value::Null) => continue,
            Some(v) => match person(v) {
                Some(s) if !s.is_empty() => {
                    a.author = Some(s);
                    break;
                }
                Some(_) => {}
                None => warn(wrong(k, v, "a string, a list of names or an object with `name`")),
            },
        }
    }
    for k in ["source", "publication", "publisher"] {
        match m.get(k) {
            None | Some(Value::Null) => continue,
            Some(v) => match person(v) {
                Some(s) if !s.is_empty() => {
                    a.source = Some(s);
                    break;
                }
                Some(_) => {}
                None => warn(wrong(k, v, "a string or an object with `name`")),
            },
        }
    }
    for k in ["date", "published", "datePublished", "published_at"] {
        match m.get(k) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => {
                let s = sanitize_line(s);
                match super::date::find_date(&s).or_else(|| iso_prefix(&s)) {
                    Some(d) => {
                        a.date = Some(d);
                        break;
                    }
                    None => warn(format!("date {s:?} not understood; ignored")),
                }
            }
            Some(v) => warn(wrong(k, v, "a string")),
        }
    }

    let mut body: Option<String> = None;
    for k in BODY_KEYS {
        match m.get(k) {
            None | Some(Value::Null) => continue,
            Some(v @ Value::Object(_)) if rendered(v).is_some() => body = rendered(v).map(str::to_string),
            Some(Value::String(s)) => body = Some(s.clone()),
            Some(Value::Array(items)) => {
                let mut paras = Vec::new();
                for (i, it) in items.iter().enumerate() {
                    match it {
                        Value::String(s) => paras.push(s.as_str()),
                        // Structured content: `[{"type": "p", "text": "…"}]`.
                        Value::Object(o) if item_text(o).is_some() => paras.extend(item_text(o)),
                        Value::Null => {}
                        v => warn(format!(
                            "`{k}` item {} is {}, expected a string; ignored",
                            i + 1,
                            type_name(v)
                        )),
                    }
                }
                body = Some(paras.join("\n\n"));
            }
            Some(v) => warn(wrong(k, v, "a string or a list of strings")),
        }
        if body.as_deref().is_some_and(|b| !b.trim().is_empty()) {
            break;
        }
    }
    let body = match body {
        Some(b) if !b.trim().is_empty() => b,
        _ => {
            let what = if a.title.is_empty() {
                "record".to_string()
            } else {
                format!("record {:?}", a.title)
            };
            warn(format!(
                "{what} has no body (`body`, `text` or `content`); skipped"
            ));
            return None;
        }
    };
    // Scraped feeds often carry the page's HTML as the body.
    let body = html_to_text(&body).unwrap_or(body);
    let body = sanitize_fast(&body);
    let mut blocks = if markdown::looks_like_markdown(&body) {
        markdown::parse_body(path, &body, line, warnings)
    } else {
        plain::parse_body(path, &body, line, warnings)
    };
    // Lines inside a JSON string are not lines of the file: every block
    // points at its record.
    for b in &mut blocks {
        b.line = line;
    }
    // A record without a title whose body opens with a heading: that
    // heading is the title, as in a Markdown file.
    if a.title.is_empty() && blocks.first().is_some_and(|b| b.kind == BlockKind::Heading) {
        a.title = blocks.remove(0).text.to_string();
    } else if !a.title.is_empty() && blocks.len() > 1 && blocks[0].text == a.title {
        // Bodies scraped whole often repeat the headline as their first line.
        blocks.remove(0);
    }
    a.blocks = blocks;
    Some(a)
}

/// A string field's text: the string itself, or the `rendered` text of a
/// CMS export (`"title": {"rendered": "…"}`).
fn rendered(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(o) => match o.get("rendered") {
            Some(Value::String(s)) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// Text of an HTML fragment, with block tags as blank lines, headings as
/// `#` lines and list items as `- ` lines (so the body parsers see the
/// structure), other tags dropped, common entities decoded; `None` when `s`
/// has no HTML tags. A scan, not a parser: malformed markup only costs
/// some stray text.
fn html_to_text(s: &str) -> Option<String> {
    const BLOCK: [&str; 16] = [
        "p",
        "div",
        "section",
        "article",
        "blockquote",
        "table",
        "tr",
        "ul",
        "ol",
        "figure",
        "figcaption",
        "header",
        "footer",
        "aside",
        "pre",
        "hr",
    ];
    let lower = s.to_ascii_lowercase();
    let is_html = ["<p>", "<p ", "</p>", "<br", "<div", "</h2>", "<li>"]
        .iter()
        .any(|t| lower.contains(t));
    if !is_html {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            out.push_str(&decode_entities(&rest[lt..]));
            rest = "";
            break;
        };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "script" | "style" if !closing => {
                // Their content is code, not text: skip to the closing tag.
                let end = format!("</{name}");
                let pos = rest
                    .as_bytes()
                    .windows(end.len())
                    .position(|w| w.eq_ignore_ascii_case(end.as_bytes()));
                // `pos` is at an ASCII `<`, a char boundary.
                rest = pos.and_then(|p| rest.get(p..)).unwrap_or("");
            }
            "br" => out.push('\n'),
            "li" if !closing => out.push_str("\n\n- "),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                out.push_str("\n\n");
                if !closing {
                    let level = name[1..].parse::<usize>().unwrap_or(2);
                    out.push_str(&"#".repeat(level));
                    out.push(' ');
                }
            }
            n if BLOCK.contains(&n) || n == "li" => out.push_str("\n\n"),
            _ => {}
        }
    }
    out.push_str(&decode_entities(rest));
    // Tidy: no line of only spaces, no more than one blank line in a row.
    let mut tidy = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.split('\n') {
        let l = line.trim();
        if l.is_empty() {
            blank += 1;
            continue;
        }
        if !tidy.is_empty() {
            tidy.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        tidy.push_str(l);
    }
    Some(tidy)
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let name = &after[..i];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                "mdash" => '—',
                "ndash" => '–',
                "hellip" => '…',
                "lsquo" => '‘',
                "rsquo" => '’',
                "ldquo" => '“',
                "rdquo" => '”',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, i))
        });
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of a structured body item (`{"type": "p", "text": "…"}`).
fn item_text(o: &Map<String, Value>) -> Option<&str> {
    ["text", "content", "value"]
        .iter()
        .find_map(|k| o.get(*k).and_then(Value::as_str))
}

/// A name from a string, a list of names (joined with ", ") or an object
/// with `name`; `None` for anything else.
fn person(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(sanitize_line(s)),
        Value::Object(o) => match o.get("name") {
            Some(Value::String(s)) => Some(sanitize_line(s)),
            _ => None,
        },
        Value::Array(items) => {
            let names: Vec<String> = items
                .iter()
                .filter_map(|it| match it {
                    Value::String(s) => Some(sanitize_line(s)),
                    Value::Object(o) => match o.get("name") {
                        Some(Value::String(s)) => Some(sanitize_line(s)),
                        _ => None,
                    },
                    _ => None,
                })
                .filter(|s| !s.is_empty())
                .collect();
            if names.is_empty() && !items.is_empty() {
                None
            } else {
                Some(names.join(", "))
            }
        }
        _ => None,
    }
}

/// `YYYY-MM-DD` at the start of a timestamp, when the date helper has
/// nothing better.
fn iso_prefix(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let ok = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || !b[10].is_ascii_digit());
    let month: u32 = s.get(5..7)?.parse().ok()?;
    let day: u32 = s.get(8..10)?.parse().ok()?;
    (ok && (1..=12).contains(&month) && (1..=31).contains(&day)).then(|| s[..10].to_string())
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its own " at line L column C" tail (the
/// warning carries the line; the column goes in the message).
fn error_text(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn json_error(path: &str, e: &serde_json::Error, line_offset: u32, what: &str) -> Warning {
    let line = e.line() as u32 + line_offset;
    Warning::new(
        path,
        (line > 0).then_some(line),
        format!("{what} (column {}: {})", e.column(), error_text(e)),
    )
}

/// Walks the top level of a document one value at a time.
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }
    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }
    /// Deserialises the value at `pos` and moves past it.
    fn value<T: serde::de::DeserializeOwned>(&mut self) -> Option<T> {
        let rest = self.text.get(self.pos..)?;
        let mut it = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        let v = it.next()?.ok()?;
        self.pos += it.byte_offset();
        Some(v)
    }
}

/// Byte offset → 1-based line, for offsets that only grow.
struct LineCounter<'a> {
    text: &'a str,
    pos: usize,
    line: u32,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            pos: 0,
            line: 1,
        }
    }
    fn line_at(&mut self, off: usize) -> u32 {
        if off < self.pos {
            *self = LineCounter::new(self.text);
        }
        let end = off.min(self.text.len());
        let newlines = self.text.as_bytes()[self.pos..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines as u32;
        self.pos = end;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str, jsonl: bool) -> (Vec<Article>, Vec<Warning>) {
        let mut w = Vec::new();
        let a = parse("t.json", text, jsonl, &mut w);
        (a, w)
    }

    #[test]
    fn array_lines_point_at_braces() {
        let (a, w) = load(
            "[\n  {\"title\": \"A\", \"body\": \"x\"},\n\n  {\n \"title\": \"B\", \"body\": \"y\"}\n]",
            false,
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].blocks[0].line, 2);
        assert_eq!(a[1].blocks[0].line, 4);
    }

    #[test]
    fn articles_wrapper_after_other_keys() {
        let (a, w) = load(
            "{\"meta\": {\"n\": [1,2]}, \"count\": 3,\n\"articles\": [\n{\"body\": \"x\"}]}",
            false,
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].blocks[0].line, 3);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        let (a, w) = load(&deep, false);
        assert!(a.is_empty());
        assert_eq!(w.len(), 1);
        let deep_line = format!("{}\n", "[".repeat(100_000));
        let (a, w) = load(&deep_line, true);
        assert!(a.is_empty());
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn untitled_record_takes_its_body_heading() {
        let (a, _) = load("{\"body\": \"# Big news\\n\\nIt happened.\"}", false);
        assert_eq!(a[0].title, "Big news");
        assert_eq!(a[0].blocks.len(), 1);
        let (a, _) = load(
            "{\"title\": \"Big news\", \"body\": \"Big news\\n\\nIt happened.\"}",
            false,
        );
        assert_eq!(a[0].blocks.len(), 1);
        assert_eq!(a[0].blocks[0].text, "It happened.");
    }

    #[test]
    fn html_bodies_and_rendered_fields() {
        let (a, w) = load(
            "{\"title\": {\"rendered\": \"Rates &amp; fees\"}, \"content\": {\"rendered\": \"<h2>Why</h2><p>One &ldquo;two&rdquo;.</p><script>var x=1;</script><ul><li>Item</li></ul><p>Last<br>line &#233;&#x20ac;</p>\"}}",
            false,
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(a[0].title, "Rates & fees");
        let texts: Vec<&str> = a[0].blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.contains(&"Why"), "{texts:?}");
        assert!(texts.contains(&"One “two”."), "{texts:?}");
        assert!(texts.contains(&"Item"), "{texts:?}");
        assert!(!texts.iter().any(|t| t.contains("var x")), "{texts:?}");
        assert!(
            texts.iter().any(|t| t.contains("Last") && t.contains("é€")),
            "{texts:?}"
        );
        assert_eq!(html_to_text("a < b and c > d"), None);
        assert_eq!(decode_entities("&bogus; &#xZZ; &amp"), "&bogus; &#xZZ; &amp");
    }

    #[test]
    fn api_wrappers() {
        let (a, w) = load(
            "{\"status\": \"ok\", \"data\": [{\"body\": \"x\"},\n{\"body\": \"y\"}]}",
            false,
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].blocks[0].line, 2);
        // A record that merely has an `items` list is still one record.
        let (a, _) = load("{\"items\": [1], \"body\": \"z\"}", false);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].blocks[0].text, "z");
    }

    #[test]
    fn iso_prefix_checks_shape() {
        assert_eq!(iso_prefix("2026-02-03T10:00:00Z").as_deref(), Some("2026-02-03"));
        assert_eq!(iso_prefix("2026-13-03"), None);
        assert_eq!(iso_prefix("20260203"), None);
        assert_eq!(iso_prefix("2026-02-0é"), None);
    }

    #[test]
    fn escaped_controls_in_fields_are_neutralised() {
        let (a, _) = load(
            "{\"title\": \"a\\u001b[2Jb\", \"body\": \"c\\u001b]0;x\\u0007d\"}",
            false,
        );
        assert!(!a[0].title.contains('\u{1b}'));
        assert!(!a[0].blocks[0].text.contains('\u{1b}'));
    }
}
