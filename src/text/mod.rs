//! Text primitives shared by every stage: folding for matching, neutralising
//! terminal-hostile characters, and byte spans.

pub mod fold;
pub mod sanitize;

pub use fold::{fold, fold_char, fold_compact, fold_into, fold_with_map, FoldBuf, Folded};
pub use sanitize::sanitize;

use serde::{Deserialize, Serialize};

/// A half-open byte range into some owner's text (a block's text unless the
/// owner says otherwise). Always on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// The slice of `text` this span covers, or "" if it does not fit (never panics).
    pub fn slice(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }
    pub fn shift(self, by: usize) -> Span {
        Span::new(self.start as usize + by, self.end as usize + by)
    }
}
