//! What search looks at: every item (quotes first, then sentences) with a
//! byte-class mask worked out once, and its folded form made again from the
//! index's text whenever a query reads it.
//!
//! `masks[i]` has a bit for each byte class present in item `i`, so an item
//! lacking one of a term's letters is dropped with one AND, before its text
//! is read. Folding an item is one lowercase copy for the ASCII items with
//! no control bytes (a bit per item says which), and a char-by-char fold
//! of the rest's non-ASCII chars. The store is 4 bytes and a bit an item,
//! and a way to each item's text (`Texts`: 16 bytes an article and 4 a
//! block).

use super::Target;
use crate::analysis::{Evidence, IssueId, Quote};
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

    /// Where item `i` lies in the index (None for plain strings, or past
    /// the end).
    pub fn evidence(&self, i: usize) -> Option<Evidence> {
        let a = &self.index()?.analysis;
        match self.target(i) {
            Target::Quote(q) => a.quotes.get(q as usize).map(|q| q.at),
            Target::Sentence(s) => a.sentences.get(s as usize).map(|s| s.evidence()),
        }
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

/// Every item's byte-class mask, and which items fold the quick way. The
/// folded text itself is not kept: an item is folded from the index's text
/// when a query reads it (`Reader`, `item`). A store that kept it held
/// about the size of the text again (98 MB at a million sentences, where
/// the index holds about 215 MB); folding as a scan goes costs time only
/// for the items whose masks pass, and at a million sentences made the
/// keystrokes that pass nearly every item 10-25 ms slower.
pub struct Store {
    src: Source,
    pub masks: Vec<u32>,
    /// Bit `i` is set when item `i` is ASCII with no control bytes: its
    /// folded form is then its text lowercased.
    plain: Vec<u64>,
    texts: Texts,
}

/// A short way from an item to its text: the string each article's
/// blocks are slices of (the loader lays many articles out in one, see
/// `corpus::load`), and each block's offset in it. Through the article's
/// block list instead, each item cost a read of the article, its block
/// list, the block and the string's header, and a scan over a million
/// sentences took about a fifth longer.
#[derive(Default)]
struct Texts {
    /// Per article: the string its blocks are slices of, or None when
    /// they are not slices of one string.
    whole: Vec<Option<Arc<String>>>,
    /// Per article: where its blocks' offsets start in `offsets`.
    first: Vec<u32>,
    /// Each block's offset in its article's string, and after an
    /// article's blocks where its last one ends: block `b` is
    /// `offsets[b]..offsets[b + 1]` of the article's.
    offsets: Vec<u32>,
}

impl Texts {
    fn new(src: &Source) -> Texts {
        let Some(ix) = src.index() else {
            return Texts::default();
        };
        let mut t = Texts {
            whole: Vec::with_capacity(ix.articles.len()),
            first: Vec::with_capacity(ix.articles.len()),
            offsets: Vec::with_capacity(ix.articles.iter().map(|a| a.blocks.len() + 1).sum()),
        };
        for a in &ix.articles {
            let base = a.blocks.first().map(|b| b.text.backing().0);
            let shared = base.filter(|base| {
                a.blocks.iter().all(|b| {
                    let (all, start) = b.text.backing();
                    Arc::ptr_eq(all, base) && u32::try_from(start + b.text.len()).is_ok()
                })
            });
            t.first.push(u32::try_from(t.offsets.len()).unwrap_or(u32::MAX));
            t.whole.push(shared.cloned());
            if let (Some(_), Some(last)) = (shared, a.blocks.last()) {
                t.offsets
                    .extend(a.blocks.iter().map(|b| b.text.backing().1 as u32));
                t.offsets.push((last.text.backing().1 + last.text.len()) as u32);
            }
        }
        t
    }

    /// Article `a`'s string and its blocks' offsets in it, if it has one.
    #[inline]
    fn article(&self, a: u32) -> Option<(&str, &[u32])> {
        let a = a as usize;
        let all = self.whole.get(a)?.as_deref()?;
        let first = *self.first.get(a)? as usize;
        let end = self.first.get(a + 1).map_or(self.offsets.len(), |&e| e as usize);
        Some((all, self.offsets.get(first..end)?))
    }

    fn heap_bytes(&self) -> usize {
        self.whole.capacity() * 8 + self.first.capacity() * 4 + self.offsets.capacity() * 4
    }
}

/// Items a worker folds at a time while building.
const BUILD_CHUNK: usize = 4096;

impl Store {
    /// Works out every item's mask and kind, in parallel.
    pub fn build(src: &Source) -> Store {
        use rayon::prelude::*;
        let n = src.len();
        let t0 = std::time::Instant::now();
        // Collected in place (rayon writes each part where it belongs), so
        // the masks are never held twice.
        let masks: Vec<u32> = (0..n)
            .into_par_iter()
            .with_min_len(BUILD_CHUNK)
            .map_init(String::new, |buf, i| {
                buf.clear();
                fold_runs(src.text(i), buf);
                mask_of(buf.as_bytes())
            })
            .collect();
        let plain: Vec<u64> = (0..n.div_ceil(64))
            .into_par_iter()
            .with_min_len(BUILD_CHUNK / 64)
            .map(|w| {
                (w * 64..((w + 1) * 64).min(n))
                    .enumerate()
                    .fold(0u64, |bits, (k, i)| bits | u64::from(is_plain(src.text(i))) << k)
            })
            .collect();
        // `BRIEFING_TIMINGS=1`: the build's wall time on stderr.
        if std::env::var_os("BRIEFING_TIMINGS").is_some() {
            eprintln!(
                "search store: {n} items in {:.1} ms",
                t0.elapsed().as_secs_f64() * 1e3
            );
        }
        Store {
            src: src.clone(),
            masks,
            plain,
            texts: Texts::new(src),
        }
    }

    pub fn len(&self) -> usize {
        self.masks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.masks.is_empty()
    }

    /// Folded text of item `i` (as [`fold_item`]), folded into `buf`.
    #[inline]
    pub fn item<'b>(&self, i: usize, buf: &'b mut String) -> &'b str {
        self.fold(i, self.text(i, &mut None), buf)
    }

    /// Item `i`'s original text. `last` is the article looked up last
    /// (its number, string and blocks' offsets): consecutive items mostly
    /// come from one article.
    #[inline]
    fn text<'s>(&'s self, i: usize, last: &mut Option<(u32, &'s str, &'s [u32])>) -> &'s str {
        let (Some(ix), Some(ev)) = (self.src.index(), self.src.evidence(i)) else {
            return self.src.text(i);
        };
        let found = match *last {
            Some((n, all, offsets)) if n == ev.article => Some((all, offsets)),
            _ => {
                let found = self.texts.article(ev.article);
                *last = found.map(|(all, offsets)| (ev.article, all, offsets));
                found
            }
        };
        let b = ev.block as usize;
        match (found, offsets_of(found, b)) {
            (Some((all, _)), Some((start, end))) if ev.span.end as usize <= end.saturating_sub(start) => all
                .get(start + ev.span.start as usize..start + ev.span.end as usize)
                .unwrap_or(""),
            // No shared string, or evidence that does not fit its block:
            // read as the index does.
            _ => ev.text(&ix.articles),
        }
    }

    /// Folds `text`, item `i`'s text, into `buf`.
    #[inline]
    fn fold<'b>(&self, i: usize, text: &str, buf: &'b mut String) -> &'b str {
        buf.clear();
        if self.plain.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1) {
            buf.push_str(text);
            buf.make_ascii_lowercase();
        } else {
            fold_runs(text, buf);
        }
        buf
    }

    /// Bytes held, for the memory figure.
    pub fn heap_bytes(&self) -> usize {
        self.masks.capacity() * 4 + self.plain.capacity() * 8 + self.texts.heap_bytes()
    }
}

/// Block `b`'s range in its article's string, from `Texts::article`.
#[inline]
fn offsets_of(found: Option<(&str, &[u32])>, b: usize) -> Option<(usize, usize)> {
    let offsets = found?.1;
    Some((*offsets.get(b)? as usize, *offsets.get(b + 1)? as usize))
}

/// A scan worker's way through a run of items: their texts are looked up
/// first (`push`), so the look-ups' cache misses overlap instead of coming
/// one after another, then each is folded (`read`).
pub struct Reader<'s> {
    store: &'s Store,
    items: Vec<(usize, &'s str)>,
    /// The article looked up last (see `Store::text`).
    article: Option<(u32, &'s str, &'s [u32])>,
    buf: String,
}

impl<'s> Reader<'s> {
    pub fn new(store: &'s Store) -> Reader<'s> {
        Reader {
            store,
            items: Vec::new(),
            article: None,
            buf: String::new(),
        }
    }

    /// Adds item `i` to the run.
    #[inline]
    pub fn push(&mut self, i: usize) {
        let text = self.store.text(i, &mut self.article);
        self.items.push((i, text));
    }

    /// The `j`-th item pushed and its folded text.
    #[inline]
    pub fn read(&mut self, j: usize) -> (usize, &str) {
        let Some(&(i, text)) = self.items.get(j) else {
            return (usize::MAX, "");
        };
        (i, self.store.fold(i, text, &mut self.buf))
    }
}

/// ASCII with no control bytes: folding only lowers its case.
fn is_plain(s: &str) -> bool {
    s.bytes().all(|b| (b' '..0x80).contains(&b))
}

/// Where the next byte at or after `from` that is not plain ASCII (see
/// [`is_plain`]) lies, or `b.len()`. Sixteen bytes are tested at a time,
/// without an early exit the compiler could not vectorise.
#[inline]
fn next_special(b: &[u8], from: usize) -> usize {
    let special = |x: u8| !(b' '..0x80).contains(&x);
    let mut i = from;
    while let Some(c) = b.get(i..i + 16) {
        if c.iter().fold(false, |any, &x| any | special(x)) {
            break;
        }
        i += 16;
    }
    b.get(i..)
        .and_then(|t| t.iter().position(|&x| special(x)))
        .map_or(b.len(), |k| i + k)
}

/// Appends [`fold_item`]`(s)` to `out`: plain ASCII runs are copied whole
/// and lowercased, the chars between them folded one by one.
fn fold_runs(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        let end = next_special(b, i);
        if end > i {
            let from = out.len();
            out.push_str(&s[i..end]);
            out[from..].make_ascii_lowercase();
            i = end;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if (c as u32) < 0x20 {
            out.push(' ');
        } else {
            let from = out.len();
            crate::text::fold_char(c, out);
            // `fold_item` blanks control chars after folding.
            if out[from..].bytes().any(|x| x < b' ') {
                let fixed: String = out[from..]
                    .chars()
                    .map(|c| if (c as u32) < 0x20 { ' ' } else { c })
                    .collect();
                out.truncate(from);
                out.push_str(&fixed);
            }
        }
        i += c.len_utf8();
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
        let mut buf = String::new();
        assert_eq!(s.len(), 3);
        assert_eq!(s.item(0, &mut buf), "bogota");
        assert_eq!(s.item(1, &mut buf), "");
        assert_eq!(s.item(2, &mut buf), "two lines");
        assert_eq!(s.masks[0] & byte_bit(b'z'), 0);
        assert_ne!(s.masks[0] & byte_bit(b'g'), 0);
    }

    #[test]
    fn items_across_chunks_read_back() {
        let words = [
            "Bogotá",
            "",
            "tab\there",
            "PETRO’s",
            "x",
            "日本",
            "de\u{2011}emphasize",
        ];
        let texts: Vec<String> = (0..BUILD_CHUNK * 2 + 77)
            .map(|i| format!("{} {i}", words[i % words.len()]))
            .collect();
        let src = Source::Texts(Arc::new(texts));
        let s = Store::build(&src);
        let mut buf = String::new();
        assert_eq!(s.len(), src.len());
        for i in 0..src.len() {
            assert_eq!(s.item(i, &mut buf), fold_item(src.text(i)), "item {i}");
            assert_eq!(s.masks[i], mask_of(fold_item(src.text(i)).as_bytes()));
        }
        assert_eq!(s.item(src.len(), &mut buf), "");
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn folding_into_a_buffer_equals_fold_item(
            s in "(?s)[a-zA-Z0-9 \t\n\r.,'\u{2019}\u{201C}\u{201D}\u{2011}\u{00E9}\u{00C1}\u{00DF}\u{0301}\u{2026}\u{00A0}\u{0085}\u{65E5}]{0,40}",
            junk in "\\PC{0,12}",
        ) {
            let mut buf = String::from("left over");
            for t in [s.clone(), junk.clone(), format!("{s}{junk}")] {
                buf.clear();
                fold_runs(&t, &mut buf);
                prop_assert_eq!(&buf, &fold_item(&t));
                if is_plain(&t) {
                    prop_assert_eq!(&buf, &t.to_ascii_lowercase());
                }
            }
        }
    }
}
