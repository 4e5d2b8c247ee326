//! What search looks at: every item (quotes first, then sentences) folded
//! once and packed into one string, so a keystroke never allocates per item.
//!
//! Layout: `text` holds the folded items separated by `\n` (an item's own
//! line breaks and tabs become spaces); `starts[i]..starts[i+1]-1` is item
//! `i`. `masks[i]` has a bit for each byte class present in item `i`, so an
//! item lacking one of a term's letters is dropped with one AND. The text is
//! about the size of the originals; the side tables are 12 bytes an item.

use super::Target;
use crate::analysis::{IssueId, Quote};
use crate::Index;
use std::sync::Arc;

/// Where the items come from: an index (quotes then sentences), or plain
/// strings (tests, benches; each a sentence with no speaker or issues).
#[derive(Clone)]
pub enum Source {
    Index(Arc<Index>),
    Texts(Arc<Vec<String>>),
}

impl Source {
    pub fn len(&self) -> usize {
        match self {
            Source::Index(ix) => ix.analysis.quotes.len() + ix.analysis.sentences.len(),
            Source::Texts(t) => t.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many of the first items are quotes.
    pub fn quotes(&self) -> usize {
        match self {
            Source::Index(ix) => ix.analysis.quotes.len(),
            Source::Texts(_) => 0,
        }
    }

    pub fn target(&self, i: usize) -> Target {
        let nq = self.quotes();
        if i < nq {
            Target::Quote(i as u32)
        } else {
            Target::Sentence((i - nq) as u32)
        }
    }

    /// The item index of a target (None if it does not exist).
    pub fn item_of(&self, t: Target) -> Option<usize> {
        let i = match t {
            Target::Quote(q) => q as usize,
            Target::Sentence(s) => self.quotes() + s as usize,
        };
        (i < self.len()).then_some(i)
    }

    /// The original text of item `i`.
    pub fn text(&self, i: usize) -> &str {
        match self {
            Source::Index(ix) => super::target_text(ix, self.target(i)),
            Source::Texts(t) => t.get(i).map(String::as_str).unwrap_or(""),
        }
    }

    pub fn quote(&self, i: usize) -> Option<&Quote> {
        match self {
            Source::Index(ix) => ix.analysis.quotes.get(i),
            Source::Texts(_) => None,
        }
    }

    pub fn issues(&self, i: usize) -> &[IssueId] {
        match self {
            Source::Index(ix) => {
                let nq = ix.analysis.quotes.len();
                if i < nq {
                    &ix.analysis.quotes[i].issues
                } else {
                    ix.analysis
                        .sentences
                        .get(i - nq)
                        .map(|s| s.issues.as_slice())
                        .unwrap_or(&[])
                }
            }
            Source::Texts(_) => &[],
        }
    }

    pub fn index(&self) -> Option<&Index> {
        match self {
            Source::Index(ix) => Some(ix),
            Source::Texts(_) => None,
        }
    }
}

/// The folded form search matches against: `fold`, with line breaks and
/// tabs as spaces (same byte length, so `fold_with_map`'s map still holds).
pub fn fold_item(s: &str) -> String {
    let mut f = crate::text::fold(s);
    blank_controls(&mut f);
    f
}

/// Replaces ASCII control bytes with spaces in place.
pub fn blank_controls(s: &mut String) {
    if s.bytes().any(|b| b < b' ') {
        *s = s
            .chars()
            .map(|c| if (c as u32) < 0x20 { ' ' } else { c })
            .collect();
    }
}

/// The bit a byte sets in an item's mask.
#[inline]
pub fn byte_bit(b: u8) -> u64 {
    let slot = match b {
        b'a'..=b'z' => b - b'a',
        b'0'..=b'9' => 26 + (b - b'0'),
        b' ' => 36,
        b'-' => 37,
        b'\'' => 38,
        b'"' => 39,
        b'.' => 40,
        b',' => 41,
        0x80.. => 42 + (b & 0x0f),
        _ => 58 + (b % 6),
    };
    1u64 << slot
}

/// Mask bits set only by non-ASCII bytes: an item without them is ASCII.
pub const NON_ASCII_BITS: u64 = 0xFFFF << 42;

pub fn mask_of(s: &[u8]) -> u64 {
    s.iter().fold(0, |m, &b| m | byte_bit(b))
}

pub struct Store {
    pub text: String,
    pub starts: Vec<u32>,
    pub masks: Vec<u64>,
}

impl Store {
    /// Folds and packs every item. Items past 4 GiB of folded text are
    /// left out (offsets are u32 to keep the tables small).
    pub fn build(src: &Source) -> Store {
        let n = src.len();
        let mut text = String::new();
        let mut starts = Vec::with_capacity(n + 1);
        let mut masks = Vec::with_capacity(n);
        // Fold in parallel blocks, append in order: folding is most of the cost.
        const BLOCK: usize = 16_384;
        let blocks: Vec<std::ops::Range<usize>> =
            (0..n).step_by(BLOCK).map(|s| s..(s + BLOCK).min(n)).collect();
        use rayon::prelude::*;
        let folded: Vec<(String, Vec<u32>, Vec<u64>)> = blocks
            .into_par_iter()
            .map(|r| {
                let mut t = String::new();
                let mut ends = Vec::with_capacity(r.len());
                let mut ms = Vec::with_capacity(r.len());
                for i in r {
                    let before = t.len();
                    t.push_str(&fold_item(src.text(i)));
                    ms.push(mask_of(&t.as_bytes()[before..]));
                    t.push('\n');
                    ends.push(t.len() as u32);
                }
                (t, ends, ms)
            })
            .collect();
        text.reserve(folded.iter().map(|f| f.0.len()).sum());
        starts.push(0u32);
        'outer: for (t, ends, ms) in folded {
            let base = text.len();
            if base + t.len() > u32::MAX as usize {
                // Keep whole items only.
                let mut prev = 0usize;
                for (e, m) in ends.iter().zip(ms) {
                    if base + *e as usize > u32::MAX as usize {
                        break 'outer;
                    }
                    text.push_str(&t[prev..*e as usize]);
                    starts.push((base + *e as usize) as u32);
                    masks.push(m);
                    prev = *e as usize;
                }
                break;
            }
            text.push_str(&t);
            starts.extend(ends.iter().map(|e| (base + *e as usize) as u32));
            masks.extend(ms);
        }
        text.shrink_to_fit();
        Store { text, starts, masks }
    }

    pub fn len(&self) -> usize {
        self.masks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.masks.is_empty()
    }

    /// Folded text of item `i` (without its separator).
    #[inline]
    pub fn item(&self, i: usize) -> &str {
        let a = self.starts[i] as usize;
        let b = self.starts[i + 1] as usize - 1;
        // Items are whole folded strings, so these are char boundaries.
        self.text.get(a..b).unwrap_or("")
    }

    /// Bytes held, for the memory figure.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.starts.capacity() * 4 + self.masks.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_folded_items() {
        let src = Source::Texts(Arc::new(vec![
            "Bogotá".to_string(),
            "".to_string(),
            "two\nlines".to_string(),
        ]));
        let s = Store::build(&src);
        assert_eq!(s.len(), 3);
        assert_eq!(s.item(0), "bogota");
        assert_eq!(s.item(1), "");
        assert_eq!(s.item(2), "two lines");
        assert_eq!(s.masks[0] & byte_bit(b'z'), 0);
        assert_ne!(s.masks[0] & byte_bit(b'g'), 0);
    }
}
