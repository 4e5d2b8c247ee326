//! Sentence segmentation.
//!
//! Headings, paragraphs and list items are split into sentences with
//! [`split`]. A table is not prose: each of its rows (one line of the block's
//! text, `| a | b |`) is one "sentence", so search, issues and stances see
//! table rows as units; separator rows (`|---|---|`) are skipped. Captions and
//! related links are not body text and yield no sentences.
//!
//! The splitter is a single forward pass over bytes. At each `.`, `?`, `!` or
//! `…` it takes the run of terminators and closing quotes/brackets that
//! follows, requires whitespace after it, and then decides from the word
//! before the terminator (abbreviations, initials) and the word after it
//! (lowercase continues the sentence) whether a sentence ends there.

use super::Sentence;
use crate::corpus::{Article, BlockKind};
use crate::text::Span;
use rayon::prelude::*;

/// Abbreviations that never end a sentence: titles before names, and
/// words always followed by something (`vs.`, `e.g.`).
const NEVER_END: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "gen", "sen", "sens", "rep", "reps", "gov", "lt", "col", "capt",
    "cmdr", "cdr", "sgt", "maj", "adm", "prof", "rev", "hon", "pres", "supt", "insp", "vs", "v", "e.g",
    "i.e", "cf", "approx", "viz", "fr", "mt", "ft",
];

/// Abbreviations that precede a number (`No. 5`, `Feb. 3`): no break before
/// a digit, an ordinary word otherwise.
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "art", "fig", "p", "pp", "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "ch", "sec", "para",
];

/// Abbreviations that may end a sentence (`… in the U.S.`); they end one only
/// when a typical sentence opener follows.
const MAY_END: &[&str] = &[
    "inc", "ltd", "co", "corp", "jr", "sr", "st", "etc", "bros", "plc", "llc", "dept", "univ", "assn", "ave",
    "blvd", "rd",
];

/// Capitalised words that typically open a sentence; after an ambiguous
/// abbreviation (`U.S.`, `Inc.`, an initial) they signal a break.
#[rustfmt::skip]
const OPENERS: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "their", "its",
    "our", "my", "this", "that", "these", "those", "there", "but", "and", "or", "so", "yet", "in",
    "on", "at", "for", "with", "after", "before", "since", "while", "when", "as", "if", "however",
    "meanwhile", "still", "also", "then", "now", "both", "some", "many", "most", "several", "other",
    "others", "what", "why", "how", "who", "no", "not", "one", "all", "although", "though",
    "despite", "during", "according", "instead", "moreover", "such",
];

fn is_ws_char(c: char) -> bool {
    c.is_whitespace()
}

/// The byte length of the char starting at `i` (1 for a non-boundary, so a
/// scan always moves forward).
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

#[inline]
fn skip_ws(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        if b[i] == b' ' || b[i] == b'\t' || b[i] == b'\n' || b[i] == b'\r' {
            i += 1;
            continue;
        }
        if b[i] < 0x80 {
            break;
        }
        match char_at(text, i) {
            Some(c) if is_ws_char(c) => i += c.len_utf8(),
            _ => break,
        }
    }
    i
}

#[inline]
fn is_ellipsis(b: &[u8], i: usize) -> bool {
    b.get(i..i + 3) == Some(&[0xE2, 0x80, 0xA6])
}

/// Closing quote or bracket that may follow a terminator (`.”`, `?)`).
#[inline]
fn closer_len(text: &str, i: usize) -> usize {
    match text.as_bytes().get(i) {
        Some(b'"' | b'\'' | b')' | b']') => 1,
        Some(&x) if x >= 0x80 => match char_at(text, i) {
            Some(c @ ('\u{201D}' | '\u{2019}' | '\u{00BB}' | '\u{203A}')) => c.len_utf8(),
            _ => 0,
        },
        _ => 0,
    }
}

/// Opening quote, bracket or dash that may precede a sentence's first word.
#[inline]
fn is_opener_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '\u{201C}'
            | '\u{2018}'
            | '\u{00AB}'
            | '\u{2039}'
            | '\u{00BF}'
            | '\u{00A1}'
            | '\u{2014}'
            | '\u{2013}'
            | '-'
            | '*'
            | '_'
    )
}

/// The end of `text[..end]` with trailing whitespace removed.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let s = text.get(start..end).unwrap_or("");
    start + s.trim_end().len()
}

/// Which sort of word stands before a final `.`.
#[derive(PartialEq, Eq, Clone, Copy)]
enum Before {
    Word,
    NeverEnd,
    Numeric,
    MayEnd,
}

fn classify_before(text: &str, sent_start: usize, dot: usize) -> Before {
    let b = text.as_bytes();
    // Abbreviations are short; a bounded look back keeps the pass linear.
    let lo = sent_start.max(dot.saturating_sub(24));
    let mut s = dot;
    while s > lo && !matches!(b[s - 1], b' ' | b'\t' | b'\n' | b'\r') {
        s -= 1;
    }
    // Round down to a char boundary if the bound cut a char.
    while s < dot && !text.is_char_boundary(s) {
        s += 1;
    }
    let mut tok = text.get(s..dot).unwrap_or("");
    tok = tok.trim_start_matches(is_opener_punct);
    if tok.is_empty() {
        return Before::Word;
    }
    let lower = tok.to_ascii_lowercase();
    if NEVER_END.contains(&lower.as_str()) {
        return Before::NeverEnd;
    }
    if BEFORE_NUMBER.contains(&lower.as_str()) {
        return Before::Numeric;
    }
    if MAY_END.contains(&lower.as_str()) {
        return Before::MayEnd;
    }
    let mut chars = tok.chars();
    let first = chars.next();
    // An initial: one capital letter (`J.` in `J. R. Smith`).
    if let (Some(c), None) = (first, chars.next()) {
        if c.is_uppercase() {
            return Before::MayEnd;
        }
    }
    // A dotted acronym: `U.S`, `U.N`, `a.m`, `p.m`, `Ph.D`.
    if tok.contains('.')
        && tok
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(char::is_alphabetic))
    {
        return Before::MayEnd;
    }
    Before::Word
}

/// Verbs of attribution that may follow a quoted question (`… ?” Ruiz asked`).
#[rustfmt::skip]
const ATTRIBUTION: &[&str] = &[
    "asked", "asks", "said", "says", "wrote", "writes", "added", "adds", "replied", "replies",
    "told", "tells", "shouted", "cried", "wondered", "exclaimed", "insisted", "demanded",
];

/// Up to three capitalised words at `k` followed by an attribution verb.
fn attribution_follows(text: &str, mut k: usize) -> bool {
    for _ in 0..4 {
        let rest = text.get(k..).unwrap_or("");
        let w_len = rest
            .find(|c: char| !(c.is_alphabetic() || c == '.' || c == '\'' || c == '-'))
            .unwrap_or(rest.len());
        let w = &rest[..w_len];
        let Some(first) = w.chars().next() else {
            return false;
        };
        if first.is_lowercase() {
            return ATTRIBUTION.contains(&w.trim_end_matches('.'));
        }
        if !rest[w_len..].starts_with(' ') {
            return false;
        }
        k += w_len + 1;
    }
    false
}

/// Whether the sentence ends at a terminator run `term_at..` whose next
/// non-space char is at `next`.
fn ends_here(
    text: &str,
    sent_start: usize,
    term_at: usize,
    only_dot: bool,
    quoted_question: bool,
    next: usize,
) -> bool {
    // The first letter or digit of what follows, past opening punctuation.
    let mut k = next;
    let mut saw_open = false;
    let mut first = None;
    for _ in 0..4 {
        match char_at(text, k) {
            Some(c) if is_opener_punct(c) => {
                saw_open = true;
                k += c.len_utf8();
            }
            Some(c) => {
                first = Some(c);
                break;
            }
            None => break,
        }
    }
    let Some(first) = first else {
        return true;
    };
    if first.is_lowercase() {
        return false;
    }
    // `“Why now?” Alvarez asked.`: a question or exclamation in quotes
    // followed by a named speaker and a speech verb continues the sentence.
    if quoted_question && !saw_open && attribution_follows(text, k) {
        return false;
    }
    // Only a single `.` consults the word before it.
    if !only_dot {
        return true;
    }
    match classify_before(text, sent_start, term_at) {
        Before::Word => true,
        Before::NeverEnd => false,
        Before::Numeric => !first.is_ascii_digit(),
        Before::MayEnd => {
            if first.is_ascii_digit() {
                return false;
            }
            if saw_open {
                return true;
            }
            let word_end = text
                .get(k..)
                .map(|s| k + s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len()))
                .unwrap_or(k);
            let w = text.get(k..word_end).unwrap_or("").to_ascii_lowercase();
            OPENERS.contains(&w.as_str())
        }
    }
}

/// Splits one block's text into sentences. Spans exclude surrounding
/// whitespace, are ordered, do not overlap, and together cover every
/// non-whitespace char. A blank line always ends a sentence.
/// The bytes `split` stops at: a line break, `.`, `?`, `!`, and the first
/// byte of `…`.
const STOPS: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'.' as usize] = true;
    t[b'?' as usize] = true;
    t[b'!' as usize] = true;
    t[0xE2] = true;
    t
};

pub fn split(text: &str) -> Vec<Span> {
    split_with::<true>(text)
}

/// `split`, skipping the bytes that end nothing in a tight loop when
/// `SKIP` (the tests compare it with the byte-by-byte walk).
fn split_with<const SKIP: bool>(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut start = skip_ws(text, 0);
    let mut i = start;
    while i < n {
        // Nearly every byte ends nothing: a tight loop skips them.
        if SKIP {
            while i < n && !STOPS[usize::from(b[i])] {
                i += 1;
            }
            if i >= n {
                break;
            }
        }
        let c = b[i];
        if c == b'\n' {
            // A blank line is a hard break.
            let mut k = i + 1;
            while k < n && matches!(b[k], b' ' | b'\t' | b'\r') {
                k += 1;
            }
            if k < n && b[k] == b'\n' {
                let end = trim_end(text, start, i);
                if end > start {
                    out.push(Span::new(start, end));
                }
                start = skip_ws(text, k);
                i = start;
                continue;
            }
            i += 1;
            continue;
        }
        let term_len = match c {
            b'.' | b'?' | b'!' => 1,
            0xE2 if is_ellipsis(b, i) => 3,
            _ => 0,
        };
        if term_len == 0 {
            i += 1;
            continue;
        }
        let term_at = i;
        let mut j = i + term_len;
        loop {
            if j < n && matches!(b[j], b'.' | b'?' | b'!') {
                j += 1;
            } else if is_ellipsis(b, j) {
                j += 3;
            } else {
                break;
            }
        }
        let only_dot = c == b'.' && j == i + 1;
        let term_end = j;
        loop {
            let l = closer_len(text, j);
            if l == 0 {
                break;
            }
            j += l;
        }
        let run_end = j;
        if j < n {
            match char_at(text, j) {
                Some(ch) if is_ws_char(ch) => {}
                _ => {
                    i = j;
                    continue;
                }
            }
        }
        let next = skip_ws(text, j);
        if next >= n {
            break;
        }
        let quoted_question = matches!(c, b'?' | b'!') && run_end > term_end;
        if ends_here(text, start, term_at, only_dot, quoted_question, next) {
            out.push(Span::new(start, run_end));
            start = next;
        }
        i = next;
    }
    if start < n {
        let end = trim_end(text, start, n);
        if end > start {
            out.push(Span::new(start, end));
        }
    }
    out
}

/// Table rows as sentences: one per line, separator rows skipped.
fn table_rows(text: &str, mut push: impl FnMut(Span)) {
    let mut off = 0;
    for line in text.split('\n') {
        let lead = line.len() - line.trim_start().len();
        let t = line.trim();
        let is_sep = t
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | '+' | '=' | ' ' | '\t'));
        if !t.is_empty() && !is_sep {
            push(Span::new(off + lead, off + lead + t.len()));
        }
        off += line.len() + 1;
    }
}

/// Every body sentence of the corpus, in (article, block, position) order.
pub fn split_corpus(articles: &[Article]) -> Vec<Sentence> {
    // Articles are split independently, in parallel pieces, then joined in
    // order into a vector of exactly the right size.
    const PIECE: usize = 64;
    let pieces: Vec<Vec<Sentence>> = articles
        .par_chunks(PIECE)
        .enumerate()
        .map(|(k, chunk)| {
            let mut out = Vec::new();
            for (j, a) in chunk.iter().enumerate() {
                split_article((k * PIECE + j) as u32, a, &mut out);
            }
            out
        })
        .collect();
    let mut out = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
    for p in pieces {
        out.extend(p);
    }
    out
}

/// Appends the sentences of article `ai` to `out`.
fn split_article(ai: u32, a: &Article, out: &mut Vec<Sentence>) {
    for (bi, block) in a.blocks.iter().enumerate() {
        if !block.kind.is_body() {
            continue;
        }
        let mut push = |span: Span| {
            out.push(Sentence {
                article: ai,
                block: bi as u32,
                span,
                issues: Default::default(),
            })
        };
        if block.kind == BlockKind::Table {
            table_rows(&block.text, &mut push);
        } else {
            for s in split(&block.text) {
                push(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sents(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|s| s.slice(t)).collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            sents("  One two. Three four!  Five six?  "),
            vec!["One two.", "Three four!", "Five six?"]
        );
        assert_eq!(sents("No terminator"), vec!["No terminator"]);
        assert!(sents("   ").is_empty());
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            sents("Mr. Smith met Dr. Jones and Gen. Ruiz at 9 a.m. on Feb. 3. They talked."),
            vec![
                "Mr. Smith met Dr. Jones and Gen. Ruiz at 9 a.m. on Feb. 3.",
                "They talked."
            ]
        );
        assert_eq!(
            sents("The U.S. Congress and the U.N. Security Council met. Then Sen. Lee spoke."),
            vec![
                "The U.S. Congress and the U.N. Security Council met.",
                "Then Sen. Lee spoke."
            ]
        );
        assert_eq!(
            sents("Aid flows to the U.S. The money stays."),
            vec!["Aid flows to the U.S.", "The money stays."]
        );
        assert_eq!(
            sents("Talks, e.g. on trade, i.e. tariffs, went on. Acme Inc. said so. Rep. Cruz vs. Gov. Abbott, No. 5 St. Paul."),
            vec![
                "Talks, e.g. on trade, i.e. tariffs, went on.",
                "Acme Inc. said so.",
                "Rep. Cruz vs. Gov. Abbott, No. 5 St. Paul."
            ]
        );
        assert_eq!(
            sents("Mrs. Ortiz arrived at 5 p.m. Officials waited."),
            vec!["Mrs. Ortiz arrived at 5 p.m. Officials waited."],
            "ambiguous p.m. + name-like word stays joined (precision over recall)"
        );
    }

    #[test]
    fn initials_and_decimals() {
        assert_eq!(
            sents("J. R. Smith grew 3.5 percent. Next."),
            vec!["J. R. Smith grew 3.5 percent.", "Next."]
        );
        assert_eq!(sents("It cost $1.25 million."), vec!["It cost $1.25 million."]);
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sents("I am beginning… to say goodbye. Then... more. Wait... Then it ended."),
            vec![
                "I am beginning… to say goodbye.",
                "Then... more.",
                "Wait...",
                "Then it ended."
            ]
        );
    }

    #[test]
    fn quotes_closing_after_punctuation() {
        let t = "\u{201C}I am beginning to say goodbye,\u{201D} he wrote. \u{201C}We work in Colombia.\u{201D} The next day came.";
        assert_eq!(
            sents(t),
            vec![
                "\u{201C}I am beginning to say goodbye,\u{201D} he wrote.",
                "\u{201C}We work in Colombia.\u{201D}",
                "The next day came."
            ]
        );
        assert_eq!(
            sents("\u{201C}Why now?\u{201D} she asked. \"Because!\" he said. \"Go.\" They went."),
            vec![
                "\u{201C}Why now?\u{201D} she asked.",
                "\"Because!\" he said.",
                "\"Go.\"",
                "They went."
            ]
        );
        assert_eq!(
            sents("He left. \u{201C}We will return,\u{201D} he said."),
            vec!["He left.", "\u{201C}We will return,\u{201D} he said."]
        );
    }

    #[test]
    fn blank_line_breaks_and_newlines_join() {
        assert_eq!(
            sents("A first line\ncontinues here.\n\nSecond part"),
            vec!["A first line\ncontinues here.", "Second part"]
        );
    }

    #[test]
    fn corpus_tables_give_rows_and_skip_captions() {
        use crate::corpus::{Block, Format};
        let mut a = Article::new("t", Format::Plain);
        a.blocks
            .push(Block::new(BlockKind::Heading, "Big talks", 1, Span::default()));
        a.blocks.push(Block::new(
            BlockKind::Table,
            "| Issue | Petro |\n|---|---|\n| Drugs | less force |\n",
            3,
            Span::default(),
        ));
        a.blocks.push(Block::new(
            BlockKind::Caption,
            "Photo. Credit.",
            7,
            Span::default(),
        ));
        a.blocks
            .push(Block::new(BlockKind::ListItem, "One. Two.", 8, Span::default()));
        let s = split_corpus(&[a.clone()]);
        let texts: Vec<&str> = s
            .iter()
            .map(|s| s.span.slice(&a.blocks[s.block as usize].text))
            .collect();
        assert_eq!(
            texts,
            vec![
                "Big talks",
                "| Issue | Petro |",
                "| Drugs | less force |",
                "One.",
                "Two."
            ]
        );
        assert_eq!(s[1].block, 1);
        assert_eq!(s[3].block, 3);
    }

    proptest! {
        #[test]
        fn spans_are_sane(t in "[a-zA-Z .?!…,\u{201C}\u{201D}\"'’é\n\t0-9()]{0,120}") {
            let spans = split(&t);
            let mut last = 0usize;
            for s in &spans {
                let (a, b) = (s.start as usize, s.end as usize);
                prop_assert!(a < b);
                prop_assert!(a >= last);
                prop_assert!(t.is_char_boundary(a) && t.is_char_boundary(b));
                prop_assert!(!t[a..b].starts_with(char::is_whitespace));
                prop_assert!(!t[a..b].ends_with(char::is_whitespace));
                // Nothing but whitespace between sentences.
                prop_assert!(t[last..a].chars().all(char::is_whitespace));
                last = b;
            }
            prop_assert!(t[last..].chars().all(char::is_whitespace));
        }

        #[test]
        fn never_panics_on_any_text(t in any::<String>()) {
            let _ = split(&t);
        }

        #[test]
        fn skipping_finds_what_the_byte_by_byte_walk_finds(
            t in "[a-z .?!…,\u{201C}\u{201D}\u{2014}\u{e2}\"'\n\t0-9()]{0,160}"
        ) {
            prop_assert_eq!(split_with::<true>(&t), split_with::<false>(&t));
        }
    }
}
