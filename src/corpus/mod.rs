//! The corpus: articles read from files, made of blocks. This stage knows
//! file formats and document structure, nothing about who says what.
//!
//! Every block keeps its own display text (once loaded, a slice of one
//! string per article: `BlockText`); spans of later stages (sentences,
//! quotes, stances) are byte ranges into that text, so any fact can be traced
//! to the words it came from. `Block::source` is the block's byte range in the
//! article's loaded text (the file decoded and neutralised; for a clean UTF-8
//! file with `\n` line endings, the file's own bytes).

pub mod block_text;
pub mod date;
pub mod embedded;
pub mod json;
pub mod load;
pub mod markdown;
pub mod plain;

use crate::text::Span;
use serde::{Deserialize, Serialize};

pub use block_text::BlockText;
pub use load::{load_embedded, load_paths, LoadOptions, Loaded};

/// The input format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Plain,
    Markdown,
    Json,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    Table,
    Caption,
    Related,
}

impl BlockKind {
    pub const ALL: [BlockKind; 6] = [
        BlockKind::Heading,
        BlockKind::Paragraph,
        BlockKind::ListItem,
        BlockKind::Table,
        BlockKind::Caption,
        BlockKind::Related,
    ];
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list_item",
            BlockKind::Table => "table",
            BlockKind::Caption => "caption",
            BlockKind::Related => "related",
        }
    }
    /// Body text: what sentences, quotes and stances are read from.
    /// Captions and related links are kept but are not the article's claims.
    pub fn is_body(self) -> bool {
        matches!(
            self,
            BlockKind::Heading | BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Table
        )
    }
}

/// One cell of a table; `span` is its byte range in the table block's text
/// (empty, at the row's end, for a cell padded into a ragged row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub header: Vec<Cell>,
    /// Every row has exactly `header.len()` cells (ragged rows are padded,
    /// overlong ones keep their extra cells joined into the last).
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn columns(&self) -> usize {
        self.header.len()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Display text. For a list item, without its bullet; for a table, its
    /// rows as written (`| a | b |` lines), which cell spans index into.
    pub text: BlockText,
    /// 1-based line in the file where the block starts (for JSON records, the
    /// record's line).
    pub line: u32,
    /// Byte range in the article's loaded text.
    pub source: Span,
    /// Boxed: few blocks are tables, and an inline `Table` would make every
    /// block 40 bytes larger.
    pub table: Option<Box<Table>>,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>, line: u32, source: Span) -> Block {
        Block {
            kind,
            text: BlockText::from(text.into()),
            line,
            source,
            table: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Where it came from, as given (embedded ones as `embedded:NAME`).
    pub path: String,
    pub format: Format,
    pub title: String,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    /// ISO 8601 (`YYYY-MM-DD`) when a date was found and understood.
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub blocks: Vec<Block>,
}

impl Article {
    pub fn new(path: impl Into<String>, format: Format) -> Article {
        Article {
            path: path.into(),
            format,
            title: String::new(),
            subtitle: None,
            author: None,
            date: None,
            source: None,
            url: None,
            blocks: Vec::new(),
        }
    }
    /// Lays its blocks' texts out in one string (see `BlockText`), once
    /// the article is built.
    pub fn seal(&mut self) {
        BlockText::seal(&mut self.blocks, |b| &mut b.text);
    }

    /// Lays the blocks' texts of many articles out in one string, back to
    /// back in article order (as `seal` does for one; texts that would not
    /// fit `u32` offsets are left as they were).
    pub fn seal_together(articles: &mut [Article]) {
        let mut texts: Vec<&mut BlockText> = articles
            .iter_mut()
            .flat_map(|a| a.blocks.iter_mut().map(|b| &mut b.text))
            .collect();
        BlockText::seal(&mut texts, |t| &mut **t);
    }

    /// A short label for lists and citations: the title, else the file name.
    pub fn label(&self) -> &str {
        if self.title.is_empty() {
            self.path.rsplit('/').next().unwrap_or(&self.path)
        } else {
            &self.title
        }
    }
}

/// Something the loader could not take as it was. Loading goes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub path: String,
    pub line: Option<u32>,
    pub message: String,
}

impl Warning {
    pub fn new(path: impl Into<String>, line: Option<u32>, message: impl Into<String>) -> Warning {
        Warning {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.path, l, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}
