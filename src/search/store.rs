//! What search looks at: every item (quotes first, then sentences) folded
//! once and packed, so a keystroke never allocates per item.
//!
//! Layout: sentences are folded into blocks of 16,384 items, back to back
//! (an item's own line breaks and tabs become spaces), with the end of each;
//! a quote is a slice of its sentence's folded text (it is not stored twice)
//! unless it does not lie inside one. `masks[i]` has a bit for each byte
//! class present in item `i`, so an item lacking one of a term's letters is
//! dropped with one AND. The text is about the size of the sentences; the
//! side tables are 8 bytes a sentence and 16 a quote.

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
                        .map(|s| &*s.issues)
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

/// The bit a byte sets in an item's mask: one per letter, one for digits,
/// space, `-` and `'`, one for any other ASCII byte, one for any non-ASCII
/// byte. 32 bits: the masks cost 4 bytes an item.
#[inline]
pub fn byte_bit(b: u8) -> u32 {
    BYTE_BITS[b as usize]
}

const fn slot_bit(b: u8) -> u32 {
    let slot = match b {
        b'a'..=b'z' => b - b'a',
        b'0'..=b'9' => 26,
        b' ' => 27,
        b'-' => 28,
        b'\'' => 29,
        0x80.. => 31,
        _ => 30,
    };
    1u32 << slot
}

/// `slot_bit` for every byte: masks are computed over all the text.
const BYTE_BITS: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = slot_bit(b as u8);
        b += 1;
    }
    t
};

/// The mask bit set only by non-ASCII bytes: an item without it is ASCII.
pub const NON_ASCII_BITS: u32 = 1 << 31;

pub fn mask_of(s: &[u8]) -> u32 {
    s.iter().fold(0, |m, &b| m | byte_bit(b))
}

/// Items per block: blocks are folded in parallel and kept as built (no
/// final copy, so building never holds the text twice).
const BLOCK_BITS: u32 = 14;
const BLOCK: usize = 1 << BLOCK_BITS;

/// Folded items `b * BLOCK ..` of the packed run, back to back; item `k`
/// of the block is `text[ends[k-1]..ends[k]]` (`ends[-1]` = 0).
struct Block {
    text: String,
    ends: Vec<u32>,
}

/// Where a quote's folded text lies: inside its sentence's folded text
/// (a quote is usually part of one sentence, and folding maps char by
/// char, so its folded form is a slice of the sentence's), or in `extra`.
#[derive(Clone, Copy)]
struct QuoteAt {
    /// The sentence's index in the packed run, or `u32::MAX` for `extra`.
    run: u32,
    start: u32,
    end: u32,
}

/// Every item folded once: the sentences (or plain strings) packed in
/// blocks, the quotes as slices of their sentences where possible, and a
/// byte-class mask per item. About the size of the text itself.
pub struct Store {
    /// Items before this one are quotes (see `quotes`); the rest are the
    /// packed run, in order.
    nq: usize,
    quotes: Vec<QuoteAt>,
    extra: String,
    blocks: Vec<Block>,
    pub masks: Vec<u32>,
}

/// Folds `s` onto `out` as [`fold_item`] would, without a temporary for
/// ASCII text.
fn push_folded(out: &mut String, s: &str) {
    if s.is_ascii() {
        let at = out.len();
        out.push_str(s);
        let tail = &mut out[at..];
        tail.make_ascii_lowercase();
        if tail.bytes().any(|b| b < b' ') {
            let fixed: String = tail
                .chars()
                .map(|c| if (c as u32) < 0x20 { ' ' } else { c })
                .collect();
            out.truncate(at);
            out.push_str(&fixed);
        }
    } else {
        out.push_str(&fold_item(s));
    }
}

fn build_block(src: &Source, r: std::ops::Range<usize>) -> (Block, Vec<u32>) {
    let mut text = String::with_capacity(r.clone().map(|i| src.text(i).len()).sum());
    let mut ends = Vec::with_capacity(r.len());
    let mut masks = Vec::with_capacity(r.len());
    for i in r {
        let before = text.len();
        push_folded(&mut text, src.text(i));
        masks.push(mask_of(&text.as_bytes()[before..]));
        // Blocks hold at most BLOCK items of a source whose strings are
        // each far below 4 GiB; a longer block is cut short by `item`.
        ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
    }
    text.shrink_to_fit();
    (Block { text, ends }, masks)
}

impl Store {
    /// Folds and packs every item, in parallel blocks.
    pub fn build(src: &Source) -> Store {
        use rayon::prelude::*;
        let n = src.len();
        let nq = src.quotes();
        let run_len = n - nq;
        // `BRIEFING_TIMINGS=1`: the two phases' wall times on stderr.
        let timings = std::env::var_os("BRIEFING_TIMINGS").is_some();
        let t0 = std::time::Instant::now();
        let built: Vec<(Block, Vec<u32>)> = (0..run_len.div_ceil(BLOCK))
            .into_par_iter()
            .map(|b| build_block(src, nq + b * BLOCK..(nq + (b + 1) * BLOCK).min(n)))
            .collect();
        let mut blocks = Vec::with_capacity(built.len());
        let mut run_masks = Vec::with_capacity(run_len);
        for (b, m) in built {
            blocks.push(b);
            run_masks.extend(m);
        }
        let mut store = Store {
            nq,
            quotes: Vec::new(),
            extra: String::new(),
            blocks,
            masks: Vec::new(),
        };
        if timings {
            eprintln!(
                "search store: {} sentences folded in {:.1} ms",
                run_len,
                t0.elapsed().as_secs_f64() * 1e3
            );
        }
        let t0 = std::time::Instant::now();
        // Quotes: find each in its sentence's folded text. The few that lie
        // in none are folded again afterwards, into `extra`: a slot for
        // their text beside every quote took 48 bytes a quote, though few
        // filled it.
        let found: Vec<(QuoteAt, u32)> = (0..nq)
            .into_par_iter()
            .with_min_len(1024)
            .map(|i| {
                let f = fold_item(src.text(i));
                let at = store.quote_in_sentence(src, i, &f).unwrap_or(QuoteAt {
                    run: u32::MAX,
                    start: 0,
                    end: 0,
                });
                (at, mask_of(f.as_bytes()))
            })
            .collect();
        let mut masks = Vec::with_capacity(n);
        let mut quotes = Vec::with_capacity(nq);
        let mut extra = String::new();
        for (i, (mut at, m)) in found.into_iter().enumerate() {
            masks.push(m);
            if at.run == u32::MAX {
                at.start = u32::try_from(extra.len()).unwrap_or(u32::MAX);
                extra.push_str(&fold_item(src.text(i)));
                at.end = u32::try_from(extra.len()).unwrap_or(u32::MAX);
            }
            quotes.push(at);
        }
        masks.extend(run_masks);
        extra.shrink_to_fit();
        store.quotes = quotes;
        store.extra = extra;
        store.masks = masks;
        if timings {
            eprintln!(
                "search store: {nq} quotes ({} bytes apart) in {:.1} ms",
                store.extra.len(),
                t0.elapsed().as_secs_f64() * 1e3
            );
        }
        store
    }

    /// Where quote `i`'s folded text `f` lies in its sentence's folded
    /// text, if it lies in one.
    fn quote_in_sentence(&self, src: &Source, i: usize, f: &str) -> Option<QuoteAt> {
        let ix = src.index()?;
        let q = ix.analysis.quotes.get(i)?;
        let s = ix.analysis.sentences.get(q.sentence as usize)?;
        if s.article != q.at.article || s.block != q.at.block {
            return None;
        }
        let (ss, qs) = (s.span.start as usize, q.at.span.start as usize);
        if qs < ss || q.at.span.end > s.span.end {
            return None;
        }
        let run = q.sentence as usize;
        let sent = self.run_item(run);
        let original = src.text(self.nq + run);
        let prefix = original.get(..qs - ss)?;
        // Folding maps char by char, so the quote starts after the folded prefix.
        let off = if prefix.is_ascii() {
            prefix.len()
        } else {
            fold_item(prefix).len()
        };
        let end = off + f.len();
        if sent.get(off..end) != Some(f) {
            return None;
        }
        Some(QuoteAt {
            run: u32::try_from(run).ok()?,
            start: u32::try_from(off).ok()?,
            end: u32::try_from(end).ok()?,
        })
    }

    pub fn len(&self) -> usize {
        self.masks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.masks.is_empty()
    }

    /// Item `r` of the packed run.
    #[inline]
    fn run_item(&self, r: usize) -> &str {
        let Some(b) = self.blocks.get(r >> BLOCK_BITS) else {
            return "";
        };
        let k = r & (BLOCK - 1);
        let a = if k == 0 { 0 } else { b.ends[k - 1] as usize };
        let e = b.ends.get(k).copied().unwrap_or(0) as usize;
        // Items are whole folded strings, so these are char boundaries.
        b.text.get(a..e).unwrap_or("")
    }

    /// Folded text of item `i`.
    #[inline]
    pub fn item(&self, i: usize) -> &str {
        if i >= self.nq {
            return self.run_item(i - self.nq);
        }
        let Some(q) = self.quotes.get(i) else {
            return "";
        };
        let t = if q.run == u32::MAX {
            self.extra.as_str()
        } else {
            self.run_item(q.run as usize)
        };
        t.get(q.start as usize..q.end as usize).unwrap_or("")
    }

    /// Bytes held, for the memory figure.
    pub fn heap_bytes(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| b.text.capacity() + b.ends.capacity() * 4)
            .sum::<usize>()
            + self.blocks.capacity() * std::mem::size_of::<Block>()
            + self.quotes.capacity() * std::mem::size_of::<QuoteAt>()
            + self.extra.capacity()
            + self.masks.capacity() * 4
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

    #[test]
    fn items_across_blocks_read_back() {
        let words = [
            "Bogotá",
            "",
            "tab\there",
            "PETRO’s",
            "x",
            "日本",
            "de\u{2011}emphasize",
        ];
        let texts: Vec<String> = (0..BLOCK * 2 + 77)
            .map(|i| format!("{} {i}", words[i % words.len()]))
            .collect();
        let src = Source::Texts(Arc::new(texts));
        let s = Store::build(&src);
        assert_eq!(s.len(), src.len());
        for i in 0..src.len() {
            assert_eq!(s.item(i), fold_item(src.text(i)), "item {i}");
            assert_eq!(s.masks[i], mask_of(fold_item(src.text(i)).as_bytes()));
        }
        assert_eq!(s.item(src.len()), "");
    }
}
