//! Text primitives shared by every stage: folding for matching, neutralising
//! terminal-hostile characters, and byte spans.

pub mod fold;
pub mod sanitize;

pub use fold::{fold, fold_char, fold_compact, fold_into, fold_with_map, FoldBuf, Folded};
pub use sanitize::sanitize;

use serde::{Deserialize, Serialize};

/// The General Punctuation block (curly quotes, dashes, ellipses): news
/// text is full of it, and it holds no letter or digit.
const PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// `c.is_alphanumeric()`, told without Unicode's tables for ASCII and for
/// `PUNCTUATION`: analysis asks this of every char it splits words at, and
/// the tables' look-ups were 1% of its time.
#[inline]
pub fn is_alnum(c: char) -> bool {
    match c.is_ascii() {
        true => c.is_ascii_alphanumeric(),
        false => !PUNCTUATION.contains(&c) && c.is_alphanumeric(),
    }
}

/// `c.is_alphabetic()`, told as `is_alnum` tells its answer.
#[inline]
pub fn is_alpha(c: char) -> bool {
    match c.is_ascii() {
        true => c.is_ascii_alphabetic(),
        false => !PUNCTUATION.contains(&c) && c.is_alphabetic(),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_and_alpha_agree_with_unicode_on_every_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
