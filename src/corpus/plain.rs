//! Plain-text news: title, dek, byline, date, headings, paragraphs, lists,
//! pipe tables, captions; site furniture dropped.
//!
//! Plain text carries no markup, so structure is read from the shape of each
//! line and its neighbours. The rules, in the order they apply:
//!
//! * Lines are classified on their own first: blank; site furniture (share,
//!   subscribe, advertisement, cookie notices, tags, a bare `Read more`,
//!   `5 min read`, `Updated 2 hours ago`, copyright); the start of a comments
//!   section (`Comments`, `12 comments`, `There are no comments…`, `Leave a
//!   comment`…; everything after it is furniture); related links
//!   (`Related:`, `Read also:`, `See also:`, `Read more: TITLE`, or the lines
//!   under a bare `Related` / `You may also like` up to a blank line);
//!   captions and credits (`Credit:`, `Photo:`, `Image:`, `(Photo by`,
//!   `REUTERS/…`, `Getty Images`, and `Source:` notes under tables); list
//!   items (`- `, `* `, `• `, `– `, `▪ `…, `1. `, `1) `); wire credit tails; lines
//!   with a pipe (table candidates); text.
//! * The header (only in [`parse`]): byline/date lines, a section kicker
//!   (`OPINION`, dropped), the title (the first line, when it reads as a
//!   title: short, not a paragraph), a dek right under it, then byline
//!   (`By NAME`, also with a date or read time on the line), date lines
//!   (`Written on 02/02/2026`, `Published: February 3, 2026`: a date with
//!   only timestamp words around it), and a bare author name next to a date
//!   or byline. Captions between title and byline are passed over. A lone
//!   byline or date line among the first dozen lines (say under a title
//!   taken from a heading) is metadata too. These lines are not blocks.
//!   Dates inside paragraphs are never the article's date.
//! * When the file opens with a paragraph instead of a title, the title is
//!   the first heading among the first six blocks (removed from the blocks;
//!   paragraphs before it stay), or else the first sentence (wire dateline
//!   skipped) cut to about 80 chars with "…", with a warning. A `Title |
//!   Site` title is split: the site becomes the article's `source`.
//! * Paragraphs: each line is a paragraph unless the text is hard-wrapped.
//!   A line is joined to the one before when that one stops mid-sentence and
//!   is too long to be a heading, or the next starts in lower case; and, when
//!   the whole file is consistently wrapped (hardly a text line over 100
//!   chars and most breaks between text lines mid-sentence), whenever the one
//!   before runs close to the wrap width. An indented line opens a new
//!   paragraph. A list item takes the lines that wrap it (indented, or the
//!   rest of its sentence). Lines without a letter or digit (`***`, `|`) are
//!   ornaments and dropped.
//! * Headings: a single line that is short (≤ 18 words, ≤ 120 chars), starts
//!   with a capital or digit, does not end in closing punctuation (`?` is
//!   fine, and so is an abbreviation such as `U.S.`), holds no link, is not a
//!   quotation, and has body content after it. A line ending in `:` is a
//!   paragraph. A heading repeating the title or dek (after folding,
//!   punctuation ignored) is dropped.
//! * A photo title right above a caption (a label: "The White House.",
//!   "Border bridge at dawn"), or any short paragraph right above a bare
//!   credit line, is a caption too.
//! * Tables: a header line, a separator line (`|---|:--:|`) and the rows
//!   below (grid tables with `+---+` rule lines too; a rule above the
//!   header is dropped as an ornament); or, without a separator, at least
//!   two consecutive lines starting with `|` with the same number (≥ 2) of
//!   pipes. A lone `|` in prose is not a table. Ragged rows are padded with
//!   empty cells (empty span at the end of the row), extra cells are merged
//!   into the last one, with a warning per table. `\|` does not split a cell; a cell's `text` shows it as `|`
//!   while its `span` covers the cell as written.
//! * Wire-story credit tails (`Reporting by …; Editing by …`) are dropped as
//!   furniture: they name the newsroom, they are not the story's claims. When
//!   no byline was found, the first reporter named there becomes the author.
//!   A wire dateline (`WASHINGTON (Reuters) - …`) stays in its paragraph; the
//!   agency becomes the article's `source`.
//! * `Related` blocks keep their text as written, prefix included (`Related:
//!   …`), so the reader sees what the page said.
//!
//! Every block's `source` is its byte range in the sanitised text, `line`
//! its first line. Work is linear in the input: every line is looked at a
//! bounded number of times, and the costlier tests only run on short lines.

use super::{date, Article, Block, BlockKind, Cell, Format, Table, Warning};
use crate::text::sanitize::sanitize_fast;
use crate::text::{fold, fold_char, Span};

pub fn parse(path: &str, text: &str, warnings: &mut Vec<Warning>) -> Article {
    let text = sanitize_fast(text);
    let text: &str = &text;
    let mut art = Article::new(path, Format::Plain);
    let doc = Doc::new(text);
    let mut skip = vec![false; doc.lines.len()];
    let mut header = read_header(&doc, &mut skip);
    late_bylines(&doc, &mut skip, &mut header);
    let mut blocks = build_blocks(path, &doc, &skip, 1, warnings);

    art.subtitle = header.subtitle;
    art.source = header.source;
    art.author = header.author;
    art.date = header.date;

    art.title = match header.title {
        Some(t) => t,
        // A heading deep in the story ("Conclusion") is a section, not the
        // title the page lost; only one near the top stands in for it.
        None => match blocks.iter().take(6).position(|b| b.kind == BlockKind::Heading) {
            Some(i) => blocks.remove(i).text.to_string(),
            None => {
                let first = blocks.iter().find(|b| b.kind == BlockKind::Paragraph);
                match first {
                    Some(b) => {
                        warnings.push(Warning::new(
                            path,
                            Some(b.line),
                            "no title line; using the first sentence as the title",
                        ));
                        let t = first_sentence_title(&b.text);
                        // A paragraph that is all title would otherwise be read twice.
                        if t == b.text.trim().trim_end_matches('.') {
                            if let Some(k) = blocks.iter().position(|x| x.kind == BlockKind::Paragraph) {
                                blocks.remove(k);
                            }
                        }
                        t
                    }
                    None => String::new(),
                }
            }
        },
    };

    // `Headline | Site Name`: the site is where it ran, not part of the title.
    if let Some((t, site)) = art.title.rsplit_once(" | ") {
        if !t.trim().is_empty() && (1..=4).contains(&words(site)) {
            art.source.get_or_insert_with(|| site.trim().to_string());
            art.title = t.trim().to_string();
        }
    }

    // A heading that repeats the title (or the dek) is the page echoing
    // itself, not a section.
    let title_key = match_key(&art.title);
    let dek_key = art.subtitle.as_deref().map(match_key);
    blocks.retain(|b| {
        if b.kind != BlockKind::Heading {
            return true;
        }
        let k = match_key(&b.text);
        k.is_empty() || (k != title_key && Some(&k) != dek_key.as_ref())
    });

    if art.author.is_none() {
        art.author = doc.credit_author.clone();
    }
    if art.source.is_none() {
        if let Some(p) = blocks.iter().find(|b| b.kind == BlockKind::Paragraph) {
            art.source = dateline(&p.text).map(|(agency, _)| agency.to_string());
        }
    }
    art.blocks = blocks;
    art
}

/// Parses an article body that has no title or byline of its own (a JSON
/// record's `body`): paragraphs, headings, lists, tables, captions. Block
/// lines count from `first_line`; sources are byte ranges in the sanitised
/// `text`.
pub fn parse_body(path: &str, text: &str, first_line: u32, warnings: &mut Vec<Warning>) -> Vec<Block> {
    let text = sanitize_fast(text);
    let doc = Doc::new(&text);
    let skip = vec![false; doc.lines.len()];
    build_blocks(path, &doc, &skip, first_line, warnings)
}

// ---------------------------------------------------------------------------
// Lines

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Furniture,
    /// A comments section starts here; nothing after it is the article.
    CommentsStart,
    Related,
    /// A bare `Related` / `See also` / `You may also like` line: the lines
    /// under it, up to a blank line, are related links.
    RelatedList,
    Caption,
    /// A list item; the byte offset where its text starts (after the bullet).
    Bullet(usize),
    /// A line starting with `|`: a table row, unless no table forms.
    Pipe,
    Text,
    /// `Reporting by …; Editing by …`.
    Credits,
}

#[derive(Debug, Clone, Copy)]
struct Line {
    /// Trimmed content's byte range in the text.
    start: usize,
    end: usize,
    /// The line had leading white space (a paragraph indent, or a list
    /// item wrapping).
    indented: bool,
    chars: usize,
    /// Unescaped `|` count.
    pipes: usize,
    kind: Kind,
}

struct Doc<'a> {
    text: &'a str,
    lines: Vec<Line>,
    /// For each line, whether body content (not blank, not furniture) comes
    /// later, before any comments section.
    content_after: Vec<bool>,
    /// Wrap width when the whole file is hard-wrapped.
    wrap: Option<usize>,
    /// First reporter named in a credits tail.
    credit_author: Option<String>,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str) -> Doc<'a> {
        let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
        let mut off = 0;
        let mut comments = false;
        let mut credit_author = None;
        let mut scratch = Scratch::default();
        // Lines found with memchr's vector search (what `split('\n')` would
        // give, without its word-at-a-time scan of every byte).
        for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
            let raw = &text[off..end];
            let from_lead = raw.trim_start();
            let lead = raw.len() - from_lead.len();
            let t = from_lead.trim_end();
            let start = off + lead;
            let mut line = Line {
                start,
                end: start + t.len(),
                indented: lead > 0,
                chars: t.chars().count(),
                pipes: count_pipes(t),
                kind: Kind::Text,
            };
            line.kind = if comments {
                Kind::Furniture
            } else {
                classify(t, &line, &mut scratch)
            };
            if line.kind == Kind::CommentsStart {
                comments = true;
            }
            if line.kind == Kind::Credits && credit_author.is_none() {
                credit_author = credits_author(t);
            }
            lines.push(line);
            off = end + 1;
        }
        let mut content_after = vec![false; lines.len()];
        let mut seen = false;
        for (i, l) in lines.iter().enumerate().rev() {
            content_after[i] = seen;
            match l.kind {
                Kind::Blank | Kind::Furniture | Kind::Credits => {}
                Kind::CommentsStart => seen = false,
                _ => seen = true,
            }
        }
        let wrap = wrap_width(text, &lines);
        Doc {
            text,
            lines,
            content_after,
            wrap,
            credit_author,
        }
    }

    fn s(&self, i: usize) -> &'a str {
        self.s_of(&self.lines[i])
    }

    /// A text line, or a line with a stray pipe that starts no table.
    fn prose(&self, i: usize) -> bool {
        let l = &self.lines[i];
        l.kind == Kind::Text
            || (l.kind == Kind::Pipe
                && !self.s(i).starts_with('|')
                && !self.lines.get(i + 1).is_some_and(|n| is_separator(self.s_of(n))))
    }

    fn s_of(&self, l: &Line) -> &'a str {
        &self.text[l.start..l.end]
    }
}

fn count_pipes(t: &str) -> usize {
    let b = t.as_bytes();
    memchr::memchr_iter(b'|', b)
        .filter(|&i| i == 0 || b[i - 1] != b'\\')
        .count()
}

/// Buffers reused from line to line while a document is classified, so
/// classifying a line allocates nothing.
#[derive(Default)]
struct Scratch {
    /// A line's match key, as UTF-8 bytes (see `key`).
    key: Vec<u8>,
    fold: String,
}

impl Scratch {
    fn key(&self) -> &str {
        // Only whole chars are ever pushed, so this never fails.
        std::str::from_utf8(&self.key).unwrap_or("")
    }
}

fn classify(t: &str, l: &Line, scratch: &mut Scratch) -> Kind {
    if t.is_empty() {
        return Kind::Blank;
    }
    if t.starts_with('|') {
        return Kind::Pipe;
    }
    if l.chars <= 300 {
        let words = match_key_into(t, scratch);
        if let Some(k) = furniture_key(t, scratch.key(), words) {
            return k;
        }
        if is_related(t) {
            return Kind::Related;
        }
        if is_credits(t) {
            return Kind::Credits;
        }
    }
    if l.chars <= 600 && is_caption(t) {
        return Kind::Caption;
    }
    if let Some(at) = bullet(t) {
        return Kind::Bullet(l.start + at);
    }
    if l.pipes > 0 {
        return Kind::Pipe;
    }
    Kind::Text
}

/// Folded, with every run of non-alphanumerics as one space: the form in
/// which furniture and repeated titles are recognised.
fn match_key(s: &str) -> String {
    let f = fold(s);
    let mut out = String::with_capacity(f.len());
    for w in f.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// `match_key(s)` written into `scratch.key` in one pass over `s` (no
/// folded copy first, ASCII through a table); returns how many words the
/// key has.
fn match_key_into(s: &str, scratch: &mut Scratch) -> usize {
    // Each ASCII letter or digit in lower case; 0 for the other ASCII bytes.
    const KEY: [u8; 128] = {
        let mut t = [0u8; 128];
        let mut c = 0;
        while c < 128 {
            let b = c as u8;
            if b.is_ascii_alphanumeric() {
                t[c] = b.to_ascii_lowercase();
            }
            c += 1;
        }
        t
    };
    let Scratch { key, fold } = scratch;
    key.clear();
    key.reserve(s.len());
    let mut words = 0;
    let mut in_word = false;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            i += 1;
            let k = KEY[usize::from(c)];
            if k == 0 {
                in_word = false;
                continue;
            }
            word_char(key, &mut words, &mut in_word);
            key.push(k);
            continue;
        }
        let ch = s.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
        i += ch.len_utf8();
        fold.clear();
        fold_char(ch, fold);
        for d in fold.chars() {
            if !d.is_alphanumeric() {
                in_word = false;
                continue;
            }
            word_char(key, &mut words, &mut in_word);
            key.extend_from_slice(d.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
    words
}

/// Before a word char of a match key: a space first if it opens a word
/// after another.
#[inline]
fn word_char(key: &mut Vec<u8>, words: &mut usize, in_word: &mut bool) {
    if !*in_word {
        if *words > 0 {
            key.push(b' ');
        }
        *words += 1;
        *in_word = true;
    }
}

#[cfg(test)]
fn furniture(t: &str) -> Option<Kind> {
    let mut scratch = Scratch::default();
    let words = match_key_into(t, &mut scratch);
    furniture_key(t, scratch.key(), words)
}

/// Whether the line `t`, whose match key is `k` with `words` words, is
/// site furniture (or opens comments or a related list).
fn furniture_key(t: &str, k: &str, words: usize) -> Option<Kind> {
    let is_num = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    // "Comments", "12 comments", "Comments (3)", "There are no comments…".
    let comments = matches!(k, "comments" | "comment")
        || (words == 2
            && k.split(' ')
                .any(|w| matches!(w, "comments" | "comment" | "responses" | "replies"))
            && k.split(' ').any(is_num))
        || k.starts_with("there are no comments")
        || k.starts_with("no comments yet")
        || (k.starts_with("be the first to") && words <= 12)
        || (words <= 8
            && [
                "leave a comment",
                "leave a reply",
                "add a comment",
                "post a comment",
                "join the conversation",
                "show comments",
                "view comments",
                "load comments",
                "comments are closed",
                "you must be logged in to post a comment",
            ]
            .iter()
            .any(|p| k.starts_with(p)));
    if comments {
        return Some(Kind::CommentsStart);
    }
    let related = [
        "related",
        "related articles",
        "related stories",
        "related content",
        "related coverage",
        "read also",
        "also read",
        "see also",
        "more on this story",
        "more on this topic",
        "you may also like",
        "you might also like",
        "recommended",
        "recommended for you",
        "most read",
        "most popular",
        "trending",
        "trending now",
        "lea tambien",
        "te puede interesar",
    ];
    if related.contains(&k) {
        return Some(Kind::RelatedList);
    }
    let short = words <= 8;
    let exact = [
        "share",
        "share this",
        "share this article",
        "share this story",
        "share this post",
        "share article",
        "tweet",
        "email",
        "print",
        "advertisement",
        "advertising",
        "sponsored",
        "sponsored content",
        "read more",
        "continue reading",
        "read the full story",
        "read full article",
        "skip to content",
        "back to top",
        "subscribe",
        "follow us",
        "follow",
        "newsletter",
        "sign in",
        "log in",
        "register",
        "video",
        "listen to this article",
        "listen",
        "menu",
        "search",
    ];
    let prefixes = [
        "share on ",
        "share via ",
        "subscribe to ",
        "subscribe for ",
        "sign up for ",
        "sign up to ",
        "follow us on ",
        "click here ",
        "advertisement ",
        "download our app",
        "get the app",
        "tags ",
        "topics ",
        "filed under ",
        "categories ",
    ];
    let cookie = k.contains("cookie")
        && [
            "we use",
            "this site",
            "this website",
            "accept",
            "policy",
            "consent",
            "uses cookies",
        ]
        .iter()
        .any(|p| k.contains(p));
    let copyright = t.starts_with('©')
        || (words <= 20 && (k.starts_with("copyright ") || k.contains("all rights reserved")));
    // "5 min read", "Updated 2 hours ago".
    let stamp = words <= 6
        && ((k.ends_with(" min read") || k.ends_with(" minute read"))
            || (k.starts_with("updated ") && k.ends_with(" ago")));
    // "Home > News > World": a breadcrumb trail.
    let crumbs = words <= 12 && t.matches(['>', '»', '›']).count() >= 2;
    let furn = stamp
        || crumbs
        || exact.contains(&k)
        || (short && prefixes.iter().any(|p| k.starts_with(p)))
        || cookie
        || copyright;
    furn.then_some(Kind::Furniture)
}

/// Where the first of `seps` starts in `s` (the least of their `find`s),
/// in one pass over `s`.
fn first_of(s: &str, seps: &[&str]) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len()).find(|&i| {
        seps.iter()
            .any(|p| p.as_bytes().first() == Some(&b[i]) && b[i..].starts_with(p.as_bytes()))
    })
}

fn starts_with_ci(t: &str, p: &str) -> bool {
    t.len() >= p.len() && t.is_char_boundary(p.len()) && t[..p.len()].eq_ignore_ascii_case(p)
}

fn is_related(t: &str) -> bool {
    const P: [&str; 13] = [
        "related:",
        "related article:",
        "related articles:",
        "related story:",
        "related stories:",
        "related coverage:",
        "related reading:",
        "read also:",
        "also read:",
        "see also:",
        "read more:",
        "lea también:",
        "te puede interesar:",
    ];
    P.iter().any(|p| starts_with_ci(t, p) && t.len() > p.len() + 1)
}

fn is_credits(t: &str) -> bool {
    let t = t.trim_start_matches('(');
    [
        "reporting by ",
        "additional reporting by ",
        "writing by ",
        "editing by ",
        "compiled by ",
    ]
    .iter()
    .any(|p| starts_with_ci(t, p))
}

/// The first reporter of a `Reporting by A in CITY and B; Editing by C` tail.
fn credits_author(t: &str) -> Option<String> {
    let t = t.trim_start_matches('(');
    if !starts_with_ci(t, "reporting by ") {
        return None;
    }
    let rest = &t["reporting by ".len()..];
    let end = [";", ",", " in ", ")", " and ", " with "]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
        .unwrap_or(rest.len());
    let name = rest[..end].trim().trim_end_matches('.');
    name_like(name).then(|| name.to_string())
}

fn is_caption(t: &str) -> bool {
    const MARKERS: [&str; 11] = [
        "Credit:",
        "Credits:",
        "CREDIT:",
        "Photo:",
        "Photos:",
        "PHOTO:",
        "Image:",
        "Photograph:",
        "(Photo by",
        "(Photo:",
        "(AP Photo",
    ];
    // Agency picture credits, and source notes under tables and charts.
    const SHORT: [&str; 6] = [
        "Getty Images",
        "REUTERS/",
        "/Reuters",
        "AFP/",
        "/AFP",
        "AP Photo/",
    ];
    // Looked for only where their ':' or '(' (and '/' or 'G') occurs, and
    // words counted last: this runs on nearly every line.
    contains_any(t, [b':', b'('], &MARKERS)
        || t.starts_with("Photo by ")
        || t.starts_with("Photo credit")
        || ((contains_any(t, [b'/', b'G'], &SHORT) || is_source_note(t)) && words_upto(t, 30) <= 30)
}

/// Whether `t` contains one of `pats`, every one of which holds one of the
/// two `anchors` bytes: only the places where an anchor occurs are tried.
fn contains_any(t: &str, anchors: [u8; 2], pats: &[&str]) -> bool {
    debug_assert!(pats.iter().all(|p| p.bytes().any(|c| anchors.contains(&c))));
    let b = t.as_bytes();
    memchr::memchr2_iter(anchors[0], anchors[1], b).any(|i| {
        pats.iter().any(|p| {
            let p = p.as_bytes();
            // Any occurrence of `p` puts its first such byte on one of these.
            p.iter()
                .position(|&c| c == b[i])
                .is_some_and(|o| i >= o && b[i - o..].starts_with(p))
        })
    })
}

fn is_source_note(t: &str) -> bool {
    ["Source:", "Sources:", "Fuente:", "Fuentes:"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// Where the item text starts, when `t` is a list item.
fn bullet(t: &str) -> Option<usize> {
    for b in ["- ", "* ", "• ", "– ", "· ", "▪ ", "◦ ", "‣ ", "■ ", "○ "] {
        if let Some(rest) = t.strip_prefix(b) {
            return (!rest.trim().is_empty()).then(|| t.len() - rest.trim_start().len());
        }
    }
    let b = t.as_bytes();
    let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&n) && matches!(b.get(n), Some(b'.' | b')')) && b.get(n + 1) == Some(&b' ') {
        let rest = &t[n + 2..];
        return (!rest.trim().is_empty()).then(|| t.len() - rest.trim_start().len());
    }
    None
}

/// The wrap width, when the file's text is hard-wrapped: hardly any text
/// line is longer than 100 chars (a long URL may be), and most breaks
/// between consecutive text lines fall mid-sentence (a file of one-line
/// paragraphs breaks after sentences).
fn wrap_width(text: &str, lines: &[Line]) -> Option<usize> {
    let (mut max, mut total, mut over, mut pairs, mut mid) = (0, 0, 0, 0, 0);
    for (i, l) in lines.iter().enumerate() {
        if l.kind != Kind::Text {
            continue;
        }
        total += 1;
        if l.chars > 100 {
            over += 1;
            continue;
        }
        max = max.max(l.chars);
        if lines
            .get(i + 1)
            .is_some_and(|n| n.kind == Kind::Text && n.chars <= 100)
        {
            pairs += 1;
            if !ends_sentence(&text[l.start..l.end]) {
                mid += 1;
            }
        }
    }
    (over * 20 <= total && pairs >= 2 && mid * 2 > pairs && max >= 40).then_some(max)
}

// ---------------------------------------------------------------------------
// Shapes of lines

fn words(s: &str) -> usize {
    words_upto(s, usize::MAX)
}

/// `s.split_whitespace().count()`, except that counting stops at
/// `limit + 1`: enough to tell whether a line is short, without decoding
/// every char of a long one (ASCII bytes are taken as they are).
fn words_upto(s: &str, limit: usize) -> usize {
    let b = s.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, 0);
    while i < b.len() {
        let space = if b[i] < 0x80 {
            i += 1;
            matches!(b[i - 1], b' ' | b'\t'..=b'\r')
        } else {
            // `i` is always on a char boundary here: it only ever moves by
            // whole chars.
            let c = s.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
            i += c.len_utf8();
            c.is_whitespace()
        };
        if space {
            in_word = false;
        } else if !in_word {
            in_word = true;
            n += 1;
            if n > limit {
                break;
            }
        }
    }
    n
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»')
}

/// Ends a sentence (or introduces what follows, with `:`), closing quotes
/// and brackets looked through.
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| is_quote(c) || matches!(c, ')' | ']'));
    matches!(last_char(t), Some('.' | '!' | '?' | '…' | ':' | ';'))
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

fn starts_like_a_title(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => true,
        Some(c) if is_quote(c) || c == '¿' || c == '¡' => cs.next().is_some_and(|d| d.is_uppercase()),
        _ => false,
    }
}

/// `U.S.`, `D.C.`: a trailing period that belongs to an abbreviation.
fn ends_with_abbreviation(s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or("");
    let inner = last.strip_suffix('.').unwrap_or("");
    last.len() <= 6 && inner.contains('.') && inner.chars().all(|c| c.is_uppercase() || c == '.')
}

/// A short line that reads as a heading: no closing punctuation except `?`.
fn heading_like(s: &str) -> bool {
    if s.len() > 480 {
        return false;
    }
    if s.chars().count() > 120 {
        return false;
    }
    let w = words_upto(s, 18);
    if w == 0 || w > 18 || !s.chars().any(char::is_alphabetic) || !starts_like_a_title(s) {
        return false;
    }
    if s.contains("://") || s.contains("www.") {
        return false; // a link line
    }
    let first = s.chars().next().unwrap_or(' ');
    let last = last_char(s).unwrap_or(' ');
    if is_quote(first) && is_quote(last) {
        return false; // a pull quote
    }
    match last {
        '?' => true,
        '.' => ends_with_abbreviation(s),
        c => !matches!(c, ',' | ';' | ':' | '!' | '…' | '-' | '–' | '—') && !is_quote(c),
    }
}

/// A short line set apart by a blank line (or the end of the file) that
/// does not end a sentence is a headline even when it does not start like
/// one: scripts without case (CJK), or a line opening with a stray mark.
fn standalone_title(doc: &Doc, i: usize) -> bool {
    let s = doc.s(i);
    let apart = !doc.lines.get(i + 1).is_some_and(|l| l.kind != Kind::Blank);
    let short = s.chars().count() <= 80 && words_upto(s, 15) <= 15;
    let cjk_sentence = s.contains(['。', '！', '？']);
    apart && short && s.chars().any(char::is_alphabetic) && !ends_sentence(s) && !cjk_sentence
}

/// The first line as an article title: like a heading but allowed longer,
/// and a short one may end with a period or `!`.
fn title_like(s: &str) -> bool {
    if s.len() > 800 {
        return false;
    }
    if s.chars().count() > 200 {
        return false;
    }
    let w = words_upto(s, 30);
    if w == 0 || w > 30 || !starts_like_a_title(s) || !s.chars().any(char::is_alphabetic) {
        return false;
    }
    match last_char(s).unwrap_or(' ') {
        // One short sentence may be a headline; two are a paragraph.
        '.' | '!' => w <= 15 && first_sentence_end(s) == s.len(),
        ',' | ';' | ':' | '-' | '–' | '—' => false,
        _ => true,
    }
}

fn name_like(s: &str) -> bool {
    const PARTICLES: [&str; 16] = [
        "de", "del", "la", "las", "los", "van", "von", "da", "das", "do", "dos", "y", "bin", "al", "di",
        "der",
    ];
    let ws: Vec<&str> = s.split_whitespace().take(7).collect();
    if ws.len() < 2 || ws.len() > 6 || s.chars().count() > 60 {
        return false;
    }
    let and_ok = ws.len() >= 4;
    ws.iter().enumerate().all(|(i, w)| {
        let w = w.trim_end_matches(',');
        let ok_chars = w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'));
        let cap = w.chars().next().is_some_and(char::is_uppercase);
        ok_chars && !w.is_empty() && (cap || (i > 0 && (PARTICLES.contains(&w) || (and_ok && w == "and"))))
    }) && !is_month_word(ws[0])
        && !is_weekday(ws[0])
        && !NOT_NAMES.iter().any(|n| ws[0].eq_ignore_ascii_case(n))
}

/// Words a heading starts with and a person's name does not.
const NOT_NAMES: [&str; 24] = [
    "the", "a", "an", "why", "what", "how", "when", "where", "who", "which", "in", "on", "for", "from",
    "with", "after", "before", "our", "this", "that", "these", "more", "key", "new",
];

fn is_weekday(w: &str) -> bool {
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .any(|d| w.eq_ignore_ascii_case(d))
}

/// `February`, `Feb.`, `febrero`: asked of the date reader so both agree.
fn is_month_word(w: &str) -> bool {
    w.len() <= 12 && date::find_date(&format!("{} 1, 2000", w.trim_end_matches('.'))).is_some()
}

/// `By NAME`, `Written by NAME`, `Por NAME`: the name, cut before any date,
/// affiliation or separator that follows it.
fn byline(s: &str) -> Option<String> {
    if s.chars().count() > 160 {
        return None;
    }
    let rest = ["by ", "written by ", "words by ", "story by ", "por "]
        .iter()
        .find(|p| starts_with_ci(s, p))
        .map(|p| &s[p.len()..])?;
    let mut end = first_of(
        rest,
        &[
            " | ", " - ", " – ", " — ", " • ", " · ", ",", ";", " on ", " at ", " for ", " (", "|",
        ],
    )
    .unwrap_or(rest.len());
    if let Some((r, _)) = date::find_date_at(rest) {
        end = end.min(r.start);
    }
    let name = rest[..end].trim().trim_end_matches(['.', ':']).trim();
    // "By Reuters" alone, but not "By Tuesday, talks had collapsed".
    let after = rest[end..].trim_start();
    let single = words(name) == 1
        && name.chars().next().is_some_and(char::is_uppercase)
        && (after.is_empty() || after.starts_with(['|', '•', '·', '—', '–', '-']))
        && !is_month_word(name)
        && !is_weekday(name);
    (name_like(name) || single).then(|| name.to_string())
}

/// A header line that is a date (with a few words around it: `Written on`,
/// `Published:`, `Updated … 10:00 ET`). Returns the ISO date and an author
/// named on the same line (`Feb. 3, 2026 | By Jane Doe`).
fn date_line(s: &str) -> Option<(String, Option<String>)> {
    if s.chars().count() > 120 {
        return None;
    }
    let (r, iso) = date::find_date_at(s)?;
    let mut author = None;
    let mut stray = 0;
    for part in [&s[..r.start], &s[r.end..]] {
        for piece in part.split(['|', '•', '·', '—', '–']) {
            let p = piece
                .trim()
                .trim_matches(|c: char| matches!(c, ',' | '-' | ':') || c.is_whitespace());
            if p.is_empty() {
                continue;
            }
            if let Some(a) = byline(p) {
                author.get_or_insert(a);
            } else if let Some(i) = p.find(" by ").or_else(|| p.find(" By ")) {
                if let Some(a) = byline(p[i + 1..].trim()) {
                    author.get_or_insert(a);
                }
                stray += stray_words(&p[..i]);
            } else if name_like(p) && author.is_none() && !p.contains(':') {
                author = Some(p.to_string());
            } else {
                stray += stray_words(p);
            }
        }
    }
    (stray == 0).then_some((iso, author))
}

/// Words around a date that make the line a sentence rather than a date
/// line: lower-case words outside the vocabulary of timestamps.
fn stray_words(s: &str) -> usize {
    const OK: &str = "on at by published updated posted written date last modified am pm a.m p.m \
                      et gmt utc est edt publicado actualizado el min mins read minute";
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
                .trim_end_matches('.')
        })
        .filter(|w| {
            !w.is_empty()
                && !w.chars().any(|c| c.is_ascii_digit())
                && !w.chars().next().is_some_and(char::is_uppercase)
                && !OK.split_whitespace().any(|o| w.eq_ignore_ascii_case(o))
        })
        .count()
}

/// `WASHINGTON (Reuters) - …`, `BOGOTÁ, Colombia (AP) — …`: the agency and
/// the byte offset where the story proper starts.
fn dateline(p: &str) -> Option<(&str, usize)> {
    let head = p.get(..p.len().min(120)).unwrap_or_else(|| {
        let mut i = 120.min(p.len());
        while !p.is_char_boundary(i) {
            i -= 1;
        }
        &p[..i]
    });
    let open = head.find(" (")?;
    let close = open + head[open..].find(')')?;
    let place = &head[..open];
    let first = place.split([' ', ',']).next().unwrap_or("");
    if words(place) > 6 || first.chars().count() < 3 || !first.chars().all(|c| c.is_uppercase() || c == '.') {
        return None;
    }
    let agency = head[open + 2..close].trim();
    let after = head[close + 1..].trim_start();
    let dash = ["-", "–", "—"].iter().find(|d| after.starts_with(*d))?;
    if agency.is_empty() || words(agency) > 4 {
        return None;
    }
    let start = p.len() - after[dash.len()..].trim_start().len();
    Some((agency, start))
}

/// The first sentence of `p`, cut to about 80 chars at a word with "…".
/// Where the first sentence of `p` ends (looking at its first 2,000 bytes).
fn first_sentence_end(p: &str) -> usize {
    let b = p.as_bytes();
    for (i, &c) in b.iter().enumerate().take(2000) {
        if matches!(c, b'.' | b'!' | b'?') && b.get(i + 1) == Some(&b' ') {
            // Not after an initial or an abbreviation ("U.S.", "Mr.").
            let word = p[..i].rsplit(' ').next().unwrap_or("");
            let abbrev = word.contains('.')
                || word.chars().count() <= 2
                || word.chars().next().is_some_and(char::is_uppercase) && word.len() <= 3;
            if c != b'.' || !abbrev {
                return i + 1;
            }
        }
    }
    p.len()
}

fn first_sentence_title(p: &str) -> String {
    let body = match dateline(p) {
        Some((_, at)) => &p[at..],
        None => p,
    };
    let sentence = body[..first_sentence_end(body)].trim();
    if sentence.chars().count() <= 80 {
        return sentence.trim_end_matches('.').to_string();
    }
    let mut cut = 0;
    for (n, (i, c)) in sentence.char_indices().enumerate() {
        if n > 80 {
            break;
        }
        if c == ' ' {
            cut = i;
        }
    }
    if cut == 0 {
        cut = sentence.char_indices().nth(80).map_or(sentence.len(), |(i, _)| i);
    }
    format!("{}…", sentence[..cut].trim_end_matches([',', ';', ':', ' ']))
}

// ---------------------------------------------------------------------------
// Header

#[derive(Default)]
struct Header {
    title: Option<String>,
    subtitle: Option<String>,
    author: Option<String>,
    date: Option<String>,
    source: Option<String>,
}

impl Header {
    /// Takes `s` as a metadata line when it is one.
    fn take_meta(&mut self, s: &str) -> bool {
        if let Some(a) = byline(s) {
            // A byline line is metadata whole, so any date on it counts.
            if let Some(d) = date::find_date(s) {
                self.date.get_or_insert(d);
            }
            self.author.get_or_insert(a);
            return true;
        }
        if let Some((d, a)) = date_line(s) {
            self.date.get_or_insert(d);
            if let Some(a) = a {
                self.author.get_or_insert(a);
            }
            return true;
        }
        false
    }
}

fn read_header(doc: &Doc, skip: &mut [bool]) -> Header {
    let mut h = Header::default();
    let n = doc.lines.len();
    let next_nonblank = |from: usize| {
        (from..n).find(|&j| !matches!(doc.lines[j].kind, Kind::Blank | Kind::Furniture | Kind::Credits))
    };
    let mut i = match next_nonblank(0) {
        Some(i) => i,
        None => return h,
    };
    // Byline or date lines above the title.
    for _ in 0..4 {
        if doc.prose(i) && h.take_meta(doc.s(i)) {
            skip[i] = true;
            match next_nonblank(i + 1) {
                Some(j) => i = j,
                None => return h,
            }
        } else {
            break;
        }
    }
    // A section kicker ("OPINION", "WORLD NEWS") above the title.
    if doc.prose(i) && is_kicker(doc.s(i)) {
        if let Some(j) = next_nonblank(i + 1).filter(|&j| doc.prose(j) && title_like(doc.s(j))) {
            skip[i] = true;
            i = j;
        }
    }
    if !doc.prose(i) || !(title_like(doc.s(i)) || standalone_title(doc, i)) {
        return h;
    }
    // A wrapped lede's first line is not a title (a byline under a long
    // title does not make it one).
    if doc.wrap.is_some() && joins(doc, i, i + 1) {
        let next = doc.s(i + 1);
        if byline(next).is_none() && date_line(next).is_none() {
            return h;
        }
    }
    h.title = Some(doc.s(i).to_string());
    skip[i] = true;
    let title_line = i;
    let mut prev_meta = false;
    let mut last_meta: Option<usize> = None;
    let mut j = i + 1;
    let mut seen = 0;
    while seen < 8 {
        let Some(k) = next_nonblank(j) else { break };
        // A photo and its caption may sit between the title and the byline;
        // they stay for the body.
        if matches!(doc.lines[k].kind, Kind::Caption | Kind::Related) {
            j = k + 1;
            seen += 1;
            continue;
        }
        if !doc.prose(k) {
            break;
        }
        let s = doc.s(k);
        let next = next_nonblank(k + 1);
        let directly_under = k == title_line + 1;
        let next_is_blank = doc.lines.get(k + 1).map_or(true, |l| l.kind == Kind::Blank);
        if h.take_meta(s) {
            prev_meta = true;
            last_meta = Some(k);
        } else if last_meta.is_some_and(|m| m + 1 == k) && h.author.is_some() && role_line(s) {
            // "Staff Writer" or "Reuters" right under the byline.
            if !is_role(s) {
                h.source.get_or_insert_with(|| s.to_string());
            }
        } else if let Some(name) = author_line(s).filter(|_| {
            h.author.is_none()
                && (prev_meta || next.is_some_and(|x| doc.prose(x) && date_line(doc.s(x)).is_some()))
        }) {
            h.author = Some(name);
            prev_meta = true;
            last_meta = Some(k);
        } else if seen == 0 && h.subtitle.is_none() && dek_like(doc, k, directly_under, next_is_blank) {
            h.subtitle = Some(s.to_string());
        } else {
            break;
        }
        skip[k] = true;
        seen += 1;
        j = k + 1;
    }
    h
}

/// A standalone byline or date line among the first lines of a file whose
/// header was not where it was looked for (after lede paragraphs, or below
/// a photo) is still metadata, not a heading.
fn late_bylines(doc: &Doc, skip: &mut [bool], h: &mut Header) {
    let mut seen = 0;
    for (i, l) in doc.lines.iter().enumerate() {
        if seen >= 12 {
            break;
        }
        match l.kind {
            Kind::Blank | Kind::Furniture | Kind::Credits => continue,
            Kind::CommentsStart => break,
            _ => seen += 1,
        }
        if skip[i] || !doc.prose(i) || l.chars > 120 {
            continue;
        }
        // Only lines standing alone: not part of a wrapped paragraph.
        if (i > 0 && joins(doc, i - 1, i)) || joins(doc, i, i + 1) {
            continue;
        }
        let s = doc.s(i);
        let by = byline(s).filter(|_| words(s) <= 10);
        if by.is_some() || (h.date.is_none() && date_line(s).is_some()) {
            h.take_meta(s);
            skip[i] = true;
        }
    }
}

/// A bare author line: `Jane Doe`, `Jane Doe, Washington correspondent`,
/// `Jane Doe | Reuters`: the name.
fn author_line(s: &str) -> Option<String> {
    if name_like(s) {
        return Some(s.to_string());
    }
    let cut = first_of(s, &[",", " | ", " - ", " – ", " — ", " · ", " • "])?;
    let (name, rest) = (s[..cut].trim(), &s[cut..]);
    (name_like(name) && words(rest) <= 6 && !ends_sentence(s)).then(|| name.to_string())
}

/// A short title-case line: an outlet or a reporter's role.
fn role_line(s: &str) -> bool {
    let ws: Vec<&str> = s.split_whitespace().take(5).collect();
    (1..=4).contains(&ws.len())
        && s.chars().count() <= 40
        && !ends_sentence(s)
        && !s.chars().any(|c| c.is_ascii_digit())
        && ws.iter().enumerate().all(|(i, w)| {
            w.chars().next().is_some_and(char::is_uppercase)
                || (i > 0 && ["of", "the", "for", "and", "de", "on"].contains(w))
        })
}

fn is_role(s: &str) -> bool {
    let k = match_key(s);
    k.split(' ').any(|w| {
        [
            "writer",
            "correspondent",
            "editor",
            "reporter",
            "columnist",
            "contributor",
            "staff",
            "bureau",
            "chief",
            "journalist",
            "analyst",
            "fellow",
        ]
        .contains(&w)
    })
}

fn is_kicker(s: &str) -> bool {
    words(s) <= 3
        && s.chars().any(char::is_alphabetic)
        && s.chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '&' || c == '-')
}

/// A dek (subtitle) under the title: title-like with some length to it, or
/// a one-line sentence set right under the title and apart from the body.
fn dek_like(doc: &Doc, k: usize, directly_under: bool, next_is_blank: bool) -> bool {
    let s = doc.s(k);
    let w = words(s);
    if !(6..=45).contains(&w) || s.chars().count() > 300 || !starts_like_a_title(s) {
        return false;
    }
    if doc.wrap.is_some() && joins(doc, k, k + 1) {
        return false;
    }
    let ends = ends_sentence(s);
    if !ends {
        return directly_under || next_is_blank;
    }
    directly_under && next_is_blank && matches!(last_char(s), Some('.'))
}

// ---------------------------------------------------------------------------
// Body

/// Whether text line `b` continues the paragraph whose last line is `a`.
fn joins(doc: &Doc, a: usize, b: usize) -> bool {
    let (Some(la), true) = (doc.lines.get(a), b < doc.lines.len()) else {
        return false;
    };
    if !doc.prose(a) || !doc.prose(b) {
        return false;
    }
    let (sa, sb) = (doc.s(a), doc.s(b));
    // An indented first line opens a new paragraph.
    if doc.lines[b].indented && !la.indented && !starts_lower(sb) {
        return false;
    }
    if let Some(w) = doc.wrap {
        // After a full stop, a short heading-like line is a heading set
        // without blank lines around it, not the paragraph's last line.
        let heading_next = ends_sentence(sa) && doc.lines[b].chars + 20 < w && heading_like(sb);
        if la.chars + 20 >= w && la.chars >= 30 && !heading_next {
            return true;
        }
    }
    !ends_sentence(sa) && (starts_lower(sb) || (la.chars >= 40 && !heading_like(sa)))
}

/// Whether line `b` wraps on the list item whose last line is `a`: indented
/// under it, or plainly the rest of its sentence.
fn continues_item(doc: &Doc, a: usize, b: usize) -> bool {
    let (la, lb) = (&doc.lines[a], &doc.lines[b]);
    if lb.kind != Kind::Text {
        return false;
    }
    if lb.indented {
        return true;
    }
    let sa = doc.s(a);
    if ends_sentence(sa) {
        return false;
    }
    starts_lower(doc.s(b)) || doc.wrap.is_some_and(|w| la.chars + 20 >= w && la.chars >= 30)
}

/// A photo's title above its caption: a label, not a sentence ("The White
/// House.", "Border bridge at dawn"). (A line of any shape above a bare
/// credit such as `REUTERS/Jane Doe` is the caption that credit closes.)
fn photo_title(s: &str) -> bool {
    let w = words(s);
    s.chars().count() <= 80 && ((!ends_sentence(s) && w <= 10) || (s.ends_with('.') && w <= 4))
}

fn build_blocks(
    path: &str,
    doc: &Doc,
    skip: &[bool],
    first_line: u32,
    warnings: &mut Vec<Warning>,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    let n = doc.lines.len();
    let line_no = |i: usize| first_line.saturating_add(i as u32);
    let mut i = 0;
    while i < n {
        let l = doc.lines[i];
        if skip[i] {
            i += 1;
            continue;
        }
        match l.kind {
            Kind::Blank | Kind::Furniture | Kind::Credits => {
                i += 1;
            }
            Kind::CommentsStart => break,
            Kind::Related | Kind::Caption => {
                let kind = if l.kind == Kind::Related {
                    BlockKind::Related
                } else {
                    BlockKind::Caption
                };
                blocks.push(Block::new(kind, doc.s(i), line_no(i), Span::new(l.start, l.end)));
                i += 1;
            }
            Kind::RelatedList => {
                let mut j = i + 1;
                while j < n && !matches!(doc.lines[j].kind, Kind::Blank | Kind::CommentsStart) {
                    let lj = doc.lines[j];
                    if !skip[j] && lj.kind != Kind::Furniture {
                        let from = match lj.kind {
                            Kind::Bullet(at) => at,
                            _ => lj.start,
                        };
                        blocks.push(Block::new(
                            BlockKind::Related,
                            &doc.text[from..lj.end],
                            line_no(j),
                            Span::new(lj.start, lj.end),
                        ));
                    }
                    j += 1;
                }
                i = j;
            }
            Kind::Bullet(at) => {
                let mut text = doc.text[at..l.end].to_string();
                let mut end = l.end;
                let mut j = i + 1;
                while j < n && !skip[j] && continues_item(doc, j - 1, j) {
                    text.push(' ');
                    text.push_str(doc.s(j));
                    end = doc.lines[j].end;
                    j += 1;
                }
                blocks.push(Block::new(
                    BlockKind::ListItem,
                    text,
                    line_no(i),
                    Span::new(l.start, end),
                ));
                i = j;
            }
            Kind::Pipe | Kind::Text => {
                if l.kind == Kind::Pipe {
                    if let Some((block, next)) = table_at(path, doc, skip, i, first_line, warnings) {
                        blocks.push(block);
                        i = next;
                        continue;
                    }
                }
                let mut j = i;
                while j + 1 < n && !skip[j + 1] && joins(doc, j, j + 1) {
                    j += 1;
                }
                let s = doc.s(i);
                // Rules and ornaments (`***`, `---`, a lone `|`) carry no words.
                if j == i && !s.chars().any(char::is_alphanumeric) {
                    i += 1;
                    continue;
                }
                let kind = if j > i {
                    BlockKind::Paragraph
                } else if doc.lines.get(i + 1).is_some_and(|x| x.kind == Kind::Caption)
                    && (photo_title(s)
                        || (words_upto(s, 40) <= 40
                            && words_upto(doc.s(i + 1), 6) <= 6
                            && !is_source_note(doc.s(i + 1))))
                {
                    BlockKind::Caption
                } else if heading_like(s) && doc.content_after[i] {
                    BlockKind::Heading
                } else {
                    BlockKind::Paragraph
                };
                let text = if j > i {
                    let mut t = String::with_capacity(doc.lines[j].end - l.start);
                    for k in i..=j {
                        if k > i {
                            t.push(' ');
                        }
                        t.push_str(doc.s(k));
                    }
                    t
                } else {
                    s.to_string()
                };
                blocks.push(Block::new(
                    kind,
                    text,
                    line_no(i),
                    Span::new(l.start, doc.lines[j].end),
                ));
                i = j + 1;
            }
        }
    }
    blocks
}

// ---------------------------------------------------------------------------
// Tables

fn is_separator(s: &str) -> bool {
    s.contains('|') && s.contains('-') && s.bytes().all(|c| matches!(c, b'|' | b'-' | b':' | b' '))
}

/// A grid table's rule line: `+------+:====+`.
fn is_rule(s: &str) -> bool {
    s.starts_with('+')
        && s.len() >= 3
        && s.contains(['-', '='])
        && s.bytes().all(|c| matches!(c, b'+' | b'-' | b'=' | b':' | b' '))
}

/// The table starting at line `i`, if one does, and the line after it.
fn table_at(
    path: &str,
    doc: &Doc,
    skip: &[bool],
    i: usize,
    first_line: u32,
    warnings: &mut Vec<Warning>,
) -> Option<(Block, usize)> {
    let n = doc.lines.len();
    let usable = |j: usize| j < n && !skip[j] && doc.lines[j].kind != Kind::Blank;
    let head = doc.lines[i];
    let with_sep = usable(i + 1) && head.pipes > 0 && (is_separator(doc.s(i + 1)) || is_rule(doc.s(i + 1)));
    let starts_pipe = |j: usize| usable(j) && doc.s(j).starts_with('|');
    let bare = !with_sep
        && starts_pipe(i)
        && starts_pipe(i + 1)
        && head.pipes >= 2
        && doc.lines[i + 1].pipes == head.pipes;
    if !with_sep && !bare {
        return None;
    }
    let mut j = if with_sep { i + 2 } else { i + 1 };
    while usable(j) && (is_rule(doc.s(j)) || (doc.lines[j].pipes > 0 && (with_sep || starts_pipe(j)))) {
        j += 1;
    }
    let last = j - 1;

    let mut text = String::with_capacity(doc.lines[last].end - head.start);
    let mut header = Vec::new();
    let mut rows = Vec::new();
    let mut ragged = 0;
    for k in i..=last {
        if k > i {
            text.push('\n');
        }
        let base = text.len();
        text.push_str(doc.s(k));
        if k > i && (is_separator(doc.s(k)) || is_rule(doc.s(k))) {
            continue;
        }
        let mut cells = split_row(doc.s(k), base);
        if k == i {
            header = cells;
            continue;
        }
        let cols = header.len();
        if cells.len() != cols {
            ragged += 1;
            fit_row(&mut cells, cols, &text, base + doc.s(k).len());
        }
        rows.push(cells);
    }
    if ragged > 0 {
        warnings.push(Warning::new(
            path,
            Some(first_line.saturating_add(i as u32)),
            format!(
                "table: {ragged} row(s) without {} cells, padded or merged",
                header.len()
            ),
        ));
    }
    let mut block = Block::new(
        BlockKind::Table,
        text,
        first_line.saturating_add(i as u32),
        Span::new(head.start, doc.lines[last].end),
    );
    block.table = Some(Box::new(Table { header, rows }));
    Some((block, last + 1))
}

/// Pads a short row with empty cells at its end, or merges a long row's
/// extra cells into its last one.
fn fit_row(cells: &mut Vec<Cell>, cols: usize, text: &str, row_end: usize) {
    if cells.len() < cols {
        while cells.len() < cols {
            cells.push(Cell {
                text: String::new(),
                span: Span::new(row_end, row_end),
            });
        }
    } else if cells.len() > cols && cols > 0 {
        let start = cells[cols - 1].span.start as usize;
        let end = cells.last().map_or(start, |c| c.span.end as usize);
        cells.truncate(cols);
        let raw = text.get(start..end).unwrap_or("");
        cells[cols - 1] = Cell {
            text: unescape(raw),
            span: Span::new(start, end),
        };
    }
}

fn unescape(s: &str) -> String {
    s.replace("\\|", "|")
}

/// Cells of one row `s` (trimmed, at byte `base` of the table text).
fn split_row(s: &str, base: usize) -> Vec<Cell> {
    let b = s.as_bytes();
    let mut from = 0;
    let mut to = b.len();
    if b.first() == Some(&b'|') {
        from = 1;
    }
    if to > from && b[to - 1] == b'|' && !(to >= 2 && b[to - 2] == b'\\') {
        to -= 1;
    }
    let mut cells = Vec::new();
    let mut cell_start = from;
    let push = |a: usize, z: usize, cells: &mut Vec<Cell>| {
        let raw = &s[a..z];
        let lead = raw.len() - raw.trim_start().len();
        let t = raw.trim();
        let st = base + a + lead;
        cells.push(Cell {
            text: unescape(t),
            span: Span::new(st, st + t.len()),
        });
    };
    let mut k = from;
    while k < to {
        if b[k] == b'|' && (k == 0 || b[k - 1] != b'\\') {
            push(cell_start, k, &mut cells);
            cell_start = k + 1;
        }
        k += 1;
    }
    push(cell_start, to.max(cell_start), &mut cells);
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_s(s: &str) -> Article {
        parse("t.txt", s, &mut Vec::new())
    }

    #[test]
    fn heading_shapes() {
        assert!(heading_like("Why the Shift Now?"));
        assert!(heading_like(
            "Competing agendas: what Petro and Trump hope to gain"
        ));
        assert!(heading_like("Trump’s plan for the U.S."));
        assert!(!heading_like("Key elements under consideration include:"));
        assert!(!heading_like("The White House."));
        assert!(!heading_like("“We will not yield”"));
        assert!(!heading_like("lowercase start here"));
        assert!(!heading_like("|"));
    }

    #[test]
    fn bullets() {
        assert_eq!(bullet("- a"), Some(2));
        assert_eq!(bullet("• a"), Some("• ".len()));
        assert_eq!(bullet("12) twelve"), Some(4));
        assert_eq!(bullet("1. one"), Some(3));
        assert_eq!(bullet("2026. A year"), None);
        assert_eq!(bullet("-"), None);
        assert_eq!(bullet("- "), None);
        assert_eq!(bullet("-5 degrees"), None);
        assert_eq!(bullet("▪ square"), Some("▪ ".len()));
    }

    #[test]
    fn rows_split_on_unescaped_pipes() {
        let cells = split_row("| a | b \\| c |", 0);
        let texts: Vec<_> = cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["a", "b | c"]);
        assert_eq!(&"| a | b \\| c |"[cells[1].span.range()], "b \\| c");
        assert_eq!(split_row("|", 0).len(), 1);
        assert_eq!(split_row("||", 0).len(), 1);
        assert_eq!(split_row("a|b", 0).len(), 2);
    }

    #[test]
    fn furniture_lines() {
        assert_eq!(furniture("Comments"), Some(Kind::CommentsStart));
        assert_eq!(furniture("12 Comments"), Some(Kind::CommentsStart));
        assert_eq!(
            furniture("There are no comments for this story"),
            Some(Kind::CommentsStart)
        );
        assert_eq!(furniture("Share this article"), Some(Kind::Furniture));
        assert_eq!(furniture("ADVERTISEMENT"), Some(Kind::Furniture));
        assert_eq!(
            furniture("We use cookies to improve your experience. Accept"),
            Some(Kind::Furniture)
        );
        assert_eq!(furniture("Comments from the minister drew criticism."), None);
        assert_eq!(furniture("Home > News > World"), Some(Kind::Furniture));
        assert_eq!(furniture("5 min read"), Some(Kind::Furniture));
        assert_eq!(furniture("Updated 2 hours ago"), Some(Kind::Furniture));
        assert_eq!(furniture("Related"), Some(Kind::RelatedList));
        assert_eq!(furniture("Discussion"), None);
        assert_eq!(furniture("Share prices fell sharply on Monday."), None);
    }

    #[test]
    fn bylines_and_date_lines() {
        assert_eq!(byline("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(byline("BY Jane Doe, Reuters").as_deref(), Some("Jane Doe"));
        assert_eq!(
            byline("By Jane Doe | February 3, 2026").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(byline("By the time he arrived, it was over"), None);
        assert_eq!(byline("By 2030 the plan ends"), None);
        let (d, a) = date_line("Published Feb. 3, 2026 by Jane Doe").unwrap();
        assert_eq!((d.as_str(), a.as_deref()), ("2026-02-03", Some("Jane Doe")));
        assert!(date_line("On February 3, 2026 the two presidents met at the White House to talk").is_none());
    }

    #[test]
    fn small_shapes() {
        assert!(photo_title("The White House."));
        assert!(photo_title("Border bridge at dawn"));
        assert!(!photo_title("He declined to comment further."));
        assert_eq!(author_line("Josep Freixes").as_deref(), Some("Josep Freixes"));
        assert_eq!(
            author_line("Jane Doe, Washington correspondent").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(author_line("Critical issues on the agenda"), None);
        assert_eq!(author_line("Talks Resume, officials say they are hopeful."), None);
        assert!(is_kicker("OPINION") && is_kicker("WORLD NEWS") && !is_kicker("Opinion"));
        assert!(is_rule("+---+===+") && !is_rule("+") && !is_rule("+1"));
        assert!(is_separator("|---|:--:|") && is_separator("--- | ---") && !is_separator("---"));
        assert!(name_like("Maria del Carmen Ruiz") && !name_like("February Rains") && !name_like("Jane"));
        assert!(ends_sentence("He said “no.”") && !ends_sentence("and the"));
    }

    #[test]
    fn wrap_detection_needs_mid_sentence_breaks() {
        let wrapped = "A title\n\nThis paragraph was wrapped by an editor at about\nsixty columns, as mail and old blogs do, so its\nlines break mid-sentence again and again.\n";
        assert!(Doc::new(wrapped).wrap.is_some());
        let one_per_line = "A title\nFirst paragraph is a sentence of its own here.\nSecond paragraph is another sentence like it.\nThird one too, ending with a full stop.\n";
        assert!(Doc::new(one_per_line).wrap.is_none());
    }

    #[test]
    fn fast_shapes_agree_with_the_plain_ones() {
        for t in [
            "",
            "  ",
            "Share this article",
            "Straße\u{a0}und\u{2003}Weg — “quoted” … ok",
            "e\u{301} \u{345} ﬁ Ǆ ΐ ß… 日本語\u{3000}x",
            "tab\tand\u{b}vt\u{c}ff\u{1c}fs",
            "© 2026 All Rights Reserved",
        ] {
            let mut scratch = Scratch::default();
            let n = match_key_into(t, &mut scratch);
            assert_eq!(scratch.key(), match_key(t), "{t:?}");
            assert_eq!(n, scratch.key().split(' ').filter(|w| !w.is_empty()).count());
            assert_eq!(words(t), t.split_whitespace().count(), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn first_of_is_least_find(s in "[ a-z,;|(–—•·-]{0,30}") {
            let seps = [" | ", " - ", " – ", " — ", " • ", " · ", ",", ";", " on ", " at ", " (", "|"];
            let least = seps.iter().filter_map(|p| s.find(p)).min();
            proptest::prop_assert_eq!(first_of(&s, &seps), least);
        }

        #[test]
        fn contains_any_is_contains(s in "[ a-zA-Z:(/GPhotRUESFc]{0,30}") {
            let pats = ["Credit:", "(Photo by", "Photo:", "(AP Photo", "REUTERS/", "/Reuters", "Getty Images", "AP Photo/"];
            let t = format!("{s}{s}");
            for p in pats {
                let with = format!("{s}{p}{s}");
                proptest::prop_assert!(contains_any(&with, [b':', b'('], &pats[..4]) == pats[..4].iter().any(|m| with.contains(m)));
                proptest::prop_assert!(contains_any(&with, [b'/', b'G'], &pats[4..]) == pats[4..].iter().any(|m| with.contains(m)));
            }
            proptest::prop_assert!(contains_any(&t, [b':', b'('], &pats[..4]) == pats[..4].iter().any(|m| t.contains(m)));
        }

        #[test]
        fn words_upto_counts_like_split_whitespace(
            s in "[ a-zé\t\n\u{b}\u{c}\r\u{1c}\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{202f}\u{3000}日]{0,30}",
            limit in 0usize..8,
        ) {
            let all = s.split_whitespace().count();
            proptest::prop_assert_eq!(words(&s), all);
            proptest::prop_assert_eq!(words_upto(&s, limit), all.min(limit + 1));
        }

        #[test]
        fn key_into_is_match_key(s in proptest::prelude::any::<String>()) {
            let mut scratch = Scratch::default();
            let n = match_key_into(&s, &mut scratch);
            let k = match_key(&s);
            proptest::prop_assert_eq!(n, k.split(' ').filter(|w| !w.is_empty()).count());
            proptest::prop_assert_eq!(scratch.key(), k);
        }

        #[test]
        fn key_into_is_match_key_on_text(s in "[ A-Za-z0-9éÉßæŒ’“”—…\u{301}\u{345}ﬁ.,:!-]{0,40}") {
            let mut scratch = Scratch::default();
            match_key_into(&s, &mut scratch);
            proptest::prop_assert_eq!(scratch.key(), match_key(&s));
        }
    }

    #[test]
    fn datelines() {
        let p = "WASHINGTON (Reuters) - The Senate voted.";
        let (agency, at) = dateline(p).unwrap();
        assert_eq!(agency, "Reuters");
        assert_eq!(&p[at..], "The Senate voted.");
        assert_eq!(dateline("BOGOTÁ, Colombia (AP) — Rain.").map(|x| x.0), Some("AP"));
        assert!(dateline("The Senate (upper house) - voted").is_none());
    }

    #[test]
    fn fallback_title_is_one_sentence_at_most() {
        assert_eq!(
            first_sentence_title("The U.S. Senate voted. Then more."),
            "The U.S. Senate voted"
        );
        let long = "word ".repeat(60);
        let t = first_sentence_title(&long);
        assert!(t.ends_with('…') && t.chars().count() <= 81, "{t}");
    }

    #[test]
    fn empty_and_blank_inputs() {
        let a = parse_s("");
        assert!(a.blocks.is_empty() && a.title.is_empty());
        let a = parse_s("\n\n  \n");
        assert!(a.blocks.is_empty());
        assert!(parse_body("x", "", 1, &mut Vec::new()).is_empty());
    }

    #[test]
    fn crlf_spans_index_sanitised_text() {
        let raw = "Title Here\r\n\r\nFirst paragraph.\r\nSecond paragraph.\r\n";
        let a = parse_s(raw);
        let clean = crate::text::sanitize(raw);
        assert_eq!(a.title, "Title Here");
        for b in &a.blocks {
            assert_eq!(b.source.slice(&clean), b.text);
        }
        assert_eq!(a.blocks.len(), 2);
        assert_eq!(a.blocks[1].line, 4);
    }
}
