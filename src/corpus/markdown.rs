//! Markdown articles (CommonMark and GitHub tables) via pulldown-cmark.
//!
//! - Metadata: YAML front matter (`key: value` lines, read by hand: title,
//!   subtitle/dek/description, author/authors/byline, date, source, url), else
//!   the first level-1 heading is the title, and a level-2/3 heading or a
//!   short all-emphasis paragraph right under it is the dek. A short `By NAME`
//!   paragraph near the top is the byline.
//! - Blocks: headings, paragraphs (inline markup stripped to its text, links
//!   keep their text, breaks become spaces), list items (nested items
//!   flattened, each its own block), tables (cells with spans into `| a | b |`
//!   lines), images as captions (alt text, else title). Block quotes give
//!   their paragraphs. Code blocks (fenced or indented) and raw HTML are
//!   dropped: they are not the article's prose, and a quotation in a code
//!   sample read as speech would be a fake quote.
//! - `line` comes from the element's source offset; `source` is its byte
//!   range in the sanitised text.

use super::{Article, Block, BlockKind, Cell, Format, Table, Warning};
use crate::text::sanitize::{sanitize_fast, sanitize_line};
use crate::text::Span;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub fn parse(path: &str, text: &str, warnings: &mut Vec<Warning>) -> Article {
    let text = sanitize_fast(text);
    let mut a = Article::new(path, Format::Markdown);
    let parsed = walk(&text, 1);
    if parsed.front_matter.is_none()
        && text.starts_with("---")
        && text.lines().nth(1).is_some_and(|l| l.contains(':'))
    {
        warnings.push(Warning::new(
            path,
            Some(1),
            "front matter not recognised (no closing `---`?); read as text",
        ));
    }
    let meta = parsed
        .front_matter
        .as_deref()
        .map(front_matter)
        .unwrap_or_default();
    let mut blocks = parsed.blocks;

    for (k, v) in meta {
        match k.as_str() {
            "title" | "headline" => a.title = v,
            "subtitle" | "dek" | "description" | "subhead" => a.subtitle = Some(v),
            "author" | "authors" | "byline" | "by" => a.author = Some(v),
            "date" | "published" | "pubdate" => {
                a.date = super::date::find_date(&v).or_else(|| iso_date(&v));
            }
            "source" | "publication" | "publisher" | "site" => a.source = Some(v),
            "url" | "link" | "canonical" => a.url = Some(v),
            _ => {}
        }
    }

    // Title: the first H1 (dropped from the blocks, like a plain article's
    // title line). With a title from front matter, an H1 repeating it goes.
    // Without either, a leading heading, else a short leading line with no
    // closing period (a headline written as plain text).
    let from_front_matter = !a.title.is_empty();
    let mut under_title = None;
    if let Some(i) = blocks.iter().position(|b| b.level == Some(1)) {
        if a.title.is_empty() {
            a.title = blocks[i].block.text.to_string();
            under_title = Some(i);
        } else if blocks[i].block.text == a.title {
            under_title = Some(i);
        }
    } else if a.title.is_empty() {
        if let Some(b) = blocks.first() {
            let t = &b.block.text;
            let headline = b.block.kind == BlockKind::Paragraph
                && t.chars().count() <= 150
                && !t.ends_with(['.', ':', ';', ','])
                && !b.block.source.slice(&text).contains('\n');
            if b.level.is_some() || headline {
                a.title = t.to_string();
                under_title = Some(0);
            }
        }
    }
    if let Some(i) = under_title {
        blocks.remove(i);
    } else if from_front_matter {
        under_title = Some(0);
    }
    // Dek: what stands right under the title, if it looks like one.
    if let (Some(i), None) = (under_title, &a.subtitle) {
        if let Some(b) = blocks.get(i) {
            let short = b.block.text.chars().count() <= 300;
            let is_dek = matches!(b.level, Some(2) | Some(3))
                || (b.block.kind == BlockKind::Paragraph && b.all_emphasis);
            if is_dek && short {
                a.subtitle = Some(b.block.text.to_string());
                blocks.remove(i);
            }
        }
    }

    // Byline: a short `By NAME` paragraph among the first few blocks. It is
    // furniture even when front matter already named the author.
    let found = blocks.iter().take(4).position(|b| {
        b.block.kind == BlockKind::Paragraph
            && b.block.text.chars().count() <= 120
            && byline(&b.block.text).is_some()
    });
    if let Some(i) = found {
        let text = blocks[i].block.text.clone();
        if a.author.is_none() {
            a.author = byline(&text);
        }
        if a.date.is_none() {
            a.date = super::date::find_date(&text);
        }
        blocks.remove(i);
    }
    // A date line near the top (`March 3, 2026`, `Published: 03/03/2026
    // 10:00`) is furniture: it gives the date and leaves the body.
    let date_line = blocks.iter().take(4).position(|b| {
        b.block.kind == BlockKind::Paragraph
            && b.block.text.chars().count() <= 60
            && b.block.text.split_whitespace().count() <= 8
            && super::date::find_date(&b.block.text).is_some()
    });
    if let Some(i) = date_line {
        if a.date.is_none() {
            a.date = super::date::find_date(&blocks[i].block.text);
        }
        blocks.remove(i);
    }
    a.blocks = blocks.into_iter().map(|b| b.block).collect();
    a
}

/// Parses a Markdown body that has no title or byline of its own (a JSON
/// record's body). Block lines count from `first_line`.
pub fn parse_body(_path: &str, text: &str, first_line: u32, _warnings: &mut Vec<Warning>) -> Vec<Block> {
    let text = sanitize_fast(text);
    walk(&text, first_line)
        .blocks
        .into_iter()
        .map(|b| b.block)
        .collect()
}

/// True when a body is written in Markdown: an ATX heading line, or a pipe
/// table with its separator line. Emphasis alone is not enough: asterisks
/// turn up in plain prose.
pub fn looks_like_markdown(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim_start();
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        let heading = (1..=6).contains(&hashes) && t[hashes..].starts_with(' ');
        heading || is_table_separator(t)
    })
}

fn is_table_separator(line: &str) -> bool {
    let t = line.trim();
    if !t.contains('|') || !t.contains('-') {
        return false;
    }
    let cells: Vec<&str> = t.trim_matches('|').split('|').collect();
    cells.iter().all(|c| {
        let c = c.trim();
        let inner = c.trim_start_matches(':').trim_end_matches(':');
        !inner.is_empty() && inner.bytes().all(|b| b == b'-')
    })
}

/// A block with what the title/dek logic needs to know about it.
struct MdBlock {
    block: Block,
    level: Option<u8>,
    all_emphasis: bool,
}

struct Parsed {
    blocks: Vec<MdBlock>,
    front_matter: Option<String>,
}

/// A block being gathered.
struct Open {
    kind: BlockKind,
    level: Option<u8>,
    text: String,
    start: usize,
    end: usize,
    /// Every non-space character so far was inside emphasis.
    all_emphasis: bool,
    has_image: bool,
    has_link: bool,
}

#[derive(Default)]
struct TableBuild {
    start: usize,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: String,
}

struct Walker<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
    first_line: u32,
    out: Vec<MdBlock>,
    open: Option<Open>,
    items: usize,
    emphasis: usize,
    image: Option<(usize, usize, String, String)>,
    table: Option<TableBuild>,
    meta: Option<String>,
    skip: usize,
    /// Where the last image ended: an emphasised line right under an image
    /// is its caption.
    last_image_end: Option<usize>,
}

impl Walker<'_> {
    fn line_of(&self, off: usize) -> u32 {
        let idx = self.line_starts.partition_point(|&s| s <= off);
        self.first_line + idx.saturating_sub(1) as u32
    }

    fn begin(&mut self, kind: BlockKind, level: Option<u8>, start: usize) {
        self.flush();
        self.open = Some(Open {
            kind,
            level,
            text: String::new(),
            start,
            end: start,
            all_emphasis: true,
            has_image: false,
            has_link: false,
        });
    }

    fn flush(&mut self) {
        let Some(o) = self.open.take() else { return };
        let text = collapse(&o.text);
        if text.is_empty() {
            return;
        }
        let mut end = o.end.max(o.start).min(self.text.len());
        let start = o.start.min(end);
        // pulldown's ranges take in the line ending; the source is the
        // element's own text.
        while end > start && self.text.as_bytes()[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        let mut kind = o.kind;
        if kind == BlockKind::Paragraph {
            let under_image = self
                .last_image_end
                .and_then(|e| self.text.get(e..start))
                .is_some_and(|between| between.trim().is_empty());
            if o.all_emphasis && (o.has_image || under_image) {
                kind = BlockKind::Caption;
            } else if o.has_link && is_related_lead(&text) {
                kind = BlockKind::Related;
            }
        }
        let block = Block::new(kind, text, self.line_of(start), Span::new(start, end));
        self.out.push(MdBlock {
            block,
            level: o.level,
            all_emphasis: o.all_emphasis,
        });
    }

    fn push_text(&mut self, s: &str, range: std::ops::Range<usize>) {
        if self.skip > 0 {
            return;
        }
        if let Some(m) = &mut self.meta {
            m.push_str(s);
            return;
        }
        if let Some(img) = &mut self.image {
            img.3.push_str(s);
            return;
        }
        if let Some(t) = &mut self.table {
            t.cell.push_str(s);
            return;
        }
        if self.open.is_none() {
            // Text after a nested list inside an item, or loose text in a
            // container: its own block.
            let kind = if self.items > 0 {
                BlockKind::ListItem
            } else {
                BlockKind::Paragraph
            };
            self.begin(kind, None, range.start);
        }
        if let Some(o) = &mut self.open {
            if self.emphasis == 0 && !s.trim().is_empty() {
                o.all_emphasis = false;
            }
            o.text.push_str(s);
            o.end = o.end.max(range.end);
        }
    }

    fn space(&mut self) {
        if let Some(t) = &mut self.table {
            t.cell.push(' ');
        } else if let Some(img) = &mut self.image {
            img.3.push(' ');
        } else if let Some(o) = &mut self.open {
            o.text.push(' ');
        }
    }

    fn finish_table(&mut self, end: usize) {
        let Some(t) = self.table.take() else { return };
        let cols = t.header.len().max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
        if cols == 0 {
            return;
        }
        let mut text = String::new();
        let mut header = Vec::new();
        let mut rows = Vec::new();
        let ncols = if t.header.is_empty() { cols } else { t.header.len() };
        for (ri, raw) in std::iter::once(&t.header).chain(t.rows.iter()).enumerate() {
            if ri > 0 {
                text.push('\n');
            }
            let mut cells: Vec<String> = raw.iter().map(|c| collapse(c)).collect();
            if cells.len() > ncols && ncols > 0 {
                let extra = cells.split_off(ncols - 1).join(" | ");
                cells.push(extra);
            }
            let real = cells.len();
            text.push('|');
            let mut spans = Vec::new();
            for c in &cells {
                text.push(' ');
                let s = text.len();
                text.push_str(c);
                spans.push(Span::new(s, text.len()));
                text.push_str(" |");
            }
            let row_end = text.len();
            let mut row: Vec<Cell> = cells
                .into_iter()
                .zip(spans)
                .map(|(text, span)| Cell { text, span })
                .collect();
            for _ in real..ncols {
                row.push(Cell {
                    text: String::new(),
                    span: Span::new(row_end, row_end),
                });
            }
            if ri == 0 {
                header = row;
            } else {
                rows.push(row);
            }
        }
        let start = t.start.min(self.text.len());
        let mut end = end.clamp(start, self.text.len());
        while end > start && self.text.as_bytes()[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        let mut block = Block::new(BlockKind::Table, text, self.line_of(start), Span::new(start, end));
        block.table = Some(Box::new(Table { header, rows }));
        self.out.push(MdBlock {
            block,
            level: None,
            all_emphasis: false,
        });
    }
}

fn walk(text: &str, first_line: u32) -> Parsed {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    // Footnote markers (`[^1]`) are dropped from the text; their
    // definitions read as paragraphs.
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    let mut line_starts = vec![0];
    line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let mut w = Walker {
        text,
        line_starts,
        first_line,
        out: Vec::new(),
        open: None,
        items: 0,
        emphasis: 0,
        image: None,
        table: None,
        meta: None,
        skip: 0,
        last_image_end: None,
    };
    let mut front_matter = None;
    for (ev, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match ev {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    w.begin(BlockKind::Heading, Some(heading_level(level)), range.start)
                }
                Tag::Paragraph => {
                    if w.table.is_some() || w.image.is_some() {
                        continue;
                    }
                    match &mut w.open {
                        Some(o) if o.kind == BlockKind::ListItem => {
                            if !o.text.is_empty() {
                                o.text.push(' ');
                            }
                        }
                        _ => w.begin(BlockKind::Paragraph, None, range.start),
                    }
                }
                Tag::Item => {
                    w.items += 1;
                    w.begin(BlockKind::ListItem, None, range.start);
                }
                Tag::List(_) | Tag::BlockQuote(_) => w.flush(),
                Tag::CodeBlock(_) => {
                    w.flush();
                    w.skip += 1;
                }
                Tag::Table(_) => {
                    w.flush();
                    w.table = Some(TableBuild {
                        start: range.start,
                        ..TableBuild::default()
                    });
                }
                Tag::TableHead | Tag::TableRow => {
                    if let Some(t) = &mut w.table {
                        t.row.clear();
                    }
                }
                Tag::TableCell => {
                    if let Some(t) = &mut w.table {
                        t.cell.clear();
                    }
                }
                Tag::Emphasis | Tag::Strong => w.emphasis += 1,
                Tag::Link { .. } => {
                    if let Some(o) = &mut w.open {
                        o.has_link = true;
                    }
                }
                Tag::Image { title, .. } if w.image.is_none() => {
                    w.image = Some((range.start, range.end, sanitize_line(&title), String::new()));
                }
                Tag::MetadataBlock(_) => w.meta = Some(String::new()),
                Tag::HtmlBlock => w.skip += 1,
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::CodeBlock => w.skip = w.skip.saturating_sub(1),
                TagEnd::Heading(_) | TagEnd::Paragraph => {
                    if w.table.is_some() || w.image.is_some() {
                        continue;
                    }
                    let keep_open = matches!(end, TagEnd::Paragraph)
                        && w.open.as_ref().is_some_and(|o| o.kind == BlockKind::ListItem);
                    if let Some(o) = &mut w.open {
                        o.end = o.end.max(range.end);
                    }
                    if !keep_open {
                        w.flush();
                    }
                }
                TagEnd::Item => {
                    if let Some(o) = &mut w.open {
                        // The item's own text ends before any nested list;
                        // a trailing newline is not part of it.
                        let e = w.text.get(..range.end).map_or(range.end, |s| s.trim_end().len());
                        o.end = o.end.max(e.min(range.end));
                    }
                    w.flush();
                    w.items = w.items.saturating_sub(1);
                }
                TagEnd::BlockQuote(_) | TagEnd::List(_) => w.flush(),
                TagEnd::TableCell => {
                    if let Some(t) = &mut w.table {
                        let c = std::mem::take(&mut t.cell);
                        t.row.push(c);
                    }
                }
                TagEnd::TableHead => {
                    if let Some(t) = &mut w.table {
                        t.header = std::mem::take(&mut t.row);
                    }
                }
                TagEnd::TableRow => {
                    if let Some(t) = &mut w.table {
                        let r = std::mem::take(&mut t.row);
                        t.rows.push(r);
                    }
                }
                TagEnd::Table => w.finish_table(range.end),
                TagEnd::Emphasis | TagEnd::Strong => w.emphasis = w.emphasis.saturating_sub(1),
                TagEnd::Image => {
                    if let Some((start, end, title, alt)) = w.image.take() {
                        let alt = collapse(&alt);
                        let caption = if alt.is_empty() { title } else { alt };
                        if let Some(o) = &mut w.open {
                            o.has_image = true;
                        }
                        w.last_image_end = Some(end);
                        if !caption.is_empty() {
                            let line = w.line_of(start);
                            w.out.push(MdBlock {
                                block: Block::new(BlockKind::Caption, caption, line, Span::new(start, end)),
                                level: None,
                                all_emphasis: false,
                            });
                        }
                    }
                }
                TagEnd::MetadataBlock(_) => {
                    // Only front matter at the very top counts as metadata.
                    if let Some(m) = w.meta.take() {
                        if front_matter.is_none() && w.out.is_empty() {
                            front_matter = Some(m);
                        }
                    }
                }
                TagEnd::HtmlBlock => w.skip = w.skip.saturating_sub(1),
                _ => {}
            },
            // The input was neutralised before parsing, but character
            // references (`&#27;`, `&#x9b;`) decode to controls only now.
            Event::Text(t) | Event::Code(t) => w.push_text(&sanitize_fast(&t), range),
            Event::SoftBreak | Event::HardBreak => w.space(),
            Event::Rule => w.flush(),
            _ => {}
        }
    }
    w.flush();
    let mut blocks = w.out;
    // Captions are emitted when their image closes, before the paragraph
    // around them; the document order is the order of their sources.
    blocks.sort_by_key(|b| b.block.source.start);
    Parsed { blocks, front_matter }
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Whitespace runs (line breaks of a code block included) become one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `key: value` pairs of simple YAML front matter; keys lower-cased, quotes
/// dropped, a `key:` followed by `- item` lines joined with ", ".
fn front_matter(src: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut list_key: Option<String> = None;
    for line in src.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if let Some(item) = t.strip_prefix("- ") {
            if let Some(k) = &list_key {
                let item = sanitize_line(unquote(item));
                if item.is_empty() {
                    continue;
                }
                match out.iter_mut().find(|(ok, _)| ok == k) {
                    Some((_, v)) if !v.is_empty() => {
                        v.push_str(", ");
                        v.push_str(&item);
                    }
                    Some((_, v)) => *v = item,
                    None => out.push((k.clone(), item)),
                }
            }
            continue;
        }
        let Some((k, v)) = t.split_once(':') else {
            list_key = None;
            continue;
        };
        let key = k.trim().to_ascii_lowercase();
        let v = v.trim();
        if v.is_empty() {
            list_key = Some(key);
            continue;
        }
        list_key = None;
        let v = if v.starts_with('[') && v.ends_with(']') {
            v[1..v.len() - 1]
                .split(',')
                .map(|s| unquote(s.trim()))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            unquote(v).to_string()
        };
        let v = sanitize_line(&v);
        if !v.is_empty() && !out.iter().any(|(ok, _)| *ok == key) {
            out.push((key, v));
        }
    }
    out
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

/// The name in a `By NAME` byline, without a trailing date or dateline.
fn byline(text: &str) -> Option<String> {
    let t = text.trim();
    let rest = t
        .strip_prefix("By ")
        .or_else(|| t.strip_prefix("by "))
        .or_else(|| t.strip_prefix("BY "))?;
    let name = rest
        .split(['|', '—', '–', '·', '\n'])
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches([',', '.'])
        .trim();
    // A sentence starting "By the time…" is not a byline: names are
    // capitalised words.
    let first = name.chars().next()?;
    if !first.is_uppercase() || name.split_whitespace().count() > 12 {
        return None;
    }
    Some(name.to_string())
}

/// Link lines that point elsewhere (`Read more: …`, `Related: …`).
fn is_related_lead(text: &str) -> bool {
    const LEADS: [&str; 8] = [
        "read more",
        "related",
        "see also",
        "also read",
        "read also",
        "more on this",
        "further reading",
        "recommended",
    ];
    let head: String = text.chars().take(20).collect::<String>().to_lowercase();
    LEADS.iter().any(|l| head.starts_with(l)) && text.chars().count() <= 300
}

/// A bare `YYYY-MM-DD` at the start of a front-matter date.
fn iso_date(s: &str) -> Option<String> {
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let ok = b.iter().enumerate().all(|(i, c)| {
        if i == 4 || i == 7 {
            *c == b'-'
        } else {
            c.is_ascii_digit()
        }
    });
    ok.then(|| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> Article {
        parse("t.md", s, &mut Vec::new())
    }

    #[test]
    fn title_dek_byline() {
        let a = md(
            "# The Title\n\n*A short dek.*\n\nBy Jane Roe\n\nFirst para **bold** [link](http://x) `code`.\n",
        );
        assert_eq!(a.title, "The Title");
        assert_eq!(a.subtitle.as_deref(), Some("A short dek."));
        assert_eq!(a.author.as_deref(), Some("Jane Roe"));
        assert_eq!(a.blocks.len(), 1);
        assert_eq!(a.blocks[0].text, "First para bold link code.");
        assert_eq!(a.blocks[0].line, 7);
    }

    #[test]
    fn nested_lists_flatten() {
        let a = md("# T\n\n- one\n  - two\n  - three\n- four\n");
        let items: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(items, ["one", "two", "three", "four"]);
        assert!(a.blocks.iter().all(|b| b.kind == BlockKind::ListItem));
        assert_eq!(a.blocks[1].line, 4);
        assert_eq!(
            a.blocks[0]
                .source
                .slice("# T\n\n- one\n  - two\n  - three\n- four\n"),
            "- one"
        );
    }

    #[test]
    fn table_spans_index_text() {
        let a = md("| A | B |\n|---|---|\n| 1 | two |\n| 3 |\n");
        let b = &a.blocks[0];
        assert_eq!(b.kind, BlockKind::Table);
        let t = b.table.as_ref().unwrap();
        assert_eq!(b.text, "| A | B |\n| 1 | two |\n| 3 |  |");
        for c in t.header.iter().chain(t.rows.iter().flatten()) {
            assert_eq!(c.span.slice(&b.text), c.text);
        }
        assert!(t.rows.iter().all(|r| r.len() == 2));
    }

    #[test]
    fn pathological_nesting_does_not_overflow() {
        for s in [
            ">".repeat(100_000),
            "- ".repeat(50_000),
            "[".repeat(100_000),
            "*".repeat(100_000),
            "![".repeat(50_000),
            "| a ".repeat(20_000) + "|\n" + &"|-".repeat(20_000) + "|\n",
        ] {
            let a = md(&s);
            for b in &a.blocks {
                assert!(b.source.end as usize <= s.len());
            }
        }
    }

    #[test]
    fn image_captions_and_related_links() {
        let a = md("# T\n\n![Alt text](x.jpg)\n*The caption line.*\n\n![](y.jpg)\n\n_Second caption._\n\nBody with *some* emphasis.\n\nRead more: [Earlier](http://x)\n");
        let kinds: Vec<(BlockKind, &str)> = a.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Caption, "Alt text"),
                (BlockKind::Caption, "The caption line."),
                (BlockKind::Caption, "Second caption."),
                (BlockKind::Paragraph, "Body with some emphasis."),
                (BlockKind::Related, "Read more: Earlier"),
            ]
        );
    }

    #[test]
    fn plain_headline_and_date_line() {
        let a = md("Council delays the vote\n\nMarch 3, 2026\n\nThe vote moves to next week.\n");
        assert_eq!(a.title, "Council delays the vote");
        assert_eq!(a.date.as_deref(), Some("2026-03-03"));
        assert_eq!(a.blocks.len(), 1);
        let b = md("The vote moves to next week.\n\nMore text.\n");
        assert_eq!(b.title, "");
        assert_eq!(b.blocks.len(), 2);
    }

    #[test]
    fn front_matter_title_then_dek() {
        let a = md("---\ntitle: T\n---\n\n*The dek.*\n\nBody.\n");
        assert_eq!(a.title, "T");
        assert_eq!(a.subtitle.as_deref(), Some("The dek."));
        assert_eq!(a.blocks.len(), 1);
    }

    #[test]
    fn unclosed_front_matter_warns() {
        let mut w = Vec::new();
        parse("t.md", "---\ntitle: A\n\n# Real title\n\nBody.\n", &mut w);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, Some(1));
        let mut w = Vec::new();
        parse("t.md", "---\ntitle: A\n---\n\nBody.\n", &mut w);
        assert!(w.is_empty());
    }

    #[test]
    fn markdown_detection() {
        assert!(looks_like_markdown("## Heading\ntext"));
        assert!(looks_like_markdown("a | b\n--- | ---\n1 | 2"));
        assert!(!looks_like_markdown("#hashtag and a-b-c"));
        assert!(!looks_like_markdown("Just prose, with *stars*."));
    }

    #[test]
    fn not_a_byline() {
        assert_eq!(byline("By the time they met, it was late."), None);
        assert_eq!(byline("By Ana Díaz | March 3, 2026").as_deref(), Some("Ana Díaz"));
    }

    #[test]
    fn code_blocks_are_not_prose() {
        let mut w = Vec::new();
        let src =
            "# T\n\nBefore.\n\n```\n\"Fake,\" said nobody.\n```\n\n    indented \"code\" here\n\nAfter.\n";
        let a = parse("t.md", src, &mut w);
        let texts: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["Before.", "After."]);
        assert!(w.is_empty());
    }
}
