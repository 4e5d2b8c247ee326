//! Folding: the form of text used for matching. Case is lowered, diacritics
//! are stripped ("Bogotá" → "bogota"), every dash becomes "-", curly quotes and
//! apostrophes become straight ones, and odd spaces become " ". Display always
//! uses the original; `fold_with_map` maps folded offsets back to it so a match
//! can be highlighted in the words the user reads.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folded text with, for each folded byte, the byte offset in the original
/// where the char that produced it starts. `map` has one extra entry at the
/// end holding the original's length, so a folded range `a..b` maps to
/// `map[a]..map[b]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    pub map: Vec<u32>,
}

impl Folded {
    /// The original byte range for a folded byte range.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let last = self.map.len() - 1;
        (
            self.map[start.min(last)] as usize,
            self.map[end.min(last)] as usize,
        )
    }
}

/// Pushes the folded form of one char onto `out`. Kept allocation-free: this
/// runs over every byte of a corpus at index time.
#[inline]
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        // Dashes and hyphens of every kind, the minus sign included.
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' | '\u{00AD}' => {
            out.push('-')
        }
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}'
        | '\u{FF02}' => out.push('"'),
        '\u{2026}' => out.push_str("..."),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => out.push(' '),
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'đ' | 'Đ' => out.push('d'),
        'ł' | 'Ł' => out.push('l'),
        'ı' => out.push('i'),
        _ => {
            let mut pushed = false;
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    for l in d.to_lowercase() {
                        out.push(l);
                    }
                    pushed = true;
                }
            });
            // A lone combining mark folds to nothing, which is what matching wants.
            let _ = pushed;
        }
    }
}

/// The folded form of `s`, without the offset map (the cheap path used when
/// indexing).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
        return out;
    }
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The folded form of `s` with a map back to `s`'s byte offsets.
pub fn fold_with_map(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let before = text.len();
        fold_char(c, &mut text);
        for _ in before..text.len() {
            map.push(i as u32);
        }
    }
    map.push(s.len() as u32);
    Folded { text, map }
}

/// How many bytes `b` starts with that are ASCII, read eight at a time:
/// folding a block looks for the end of each ASCII run, and a test per
/// byte was a third of its time.
#[inline]
pub fn ascii_len(b: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let high = u64::from_le_bytes(w) & HIGH;
        if high != 0 {
            return i + (high.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + b[i..].iter().position(|x| !x.is_ascii()).unwrap_or(b.len() - i)
}

/// A reusable buffer for folded text and its map back to the original,
/// for scanning many blocks: the common all-ASCII block folds with one
/// lowercase copy and no map (offsets are then the same both ways), and the
/// buffers are reused, so a pass over a corpus allocates almost nothing.
/// Offsets agree with `fold_with_map` exactly.
#[derive(Debug, Clone, Default)]
pub struct FoldBuf {
    text: String,
    map: Vec<u32>,
    /// The original was ASCII: folded offsets are original offsets.
    identity: bool,
}

impl FoldBuf {
    pub fn new() -> FoldBuf {
        FoldBuf::default()
    }

    /// Folds `s` into the buffer, replacing what it held.
    pub fn fold(&mut self, s: &str) {
        self.text.clear();
        self.map.clear();
        if s.is_ascii() {
            self.text.push_str(s);
            self.text.make_ascii_lowercase();
            self.identity = true;
            return;
        }
        self.identity = false;
        self.text.reserve(s.len());
        self.map.reserve(s.len() + 1);
        // Text with a curly quote or an accent is still mostly ASCII: copy
        // each ASCII run whole, and fold only the chars between runs.
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let end = i + ascii_len(&b[i..]);
            if end > i {
                let from = self.text.len();
                self.text.push_str(&s[i..end]);
                self.text[from..].make_ascii_lowercase();
                self.map.extend(i as u32..end as u32);
                i = end;
            }
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            let before = self.text.len();
            fold_char(c, &mut self.text);
            for _ in before..self.text.len() {
                self.map.push(i as u32);
            }
            i += c.len_utf8();
        }
        self.map.push(s.len() as u32);
    }

    /// The folded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original byte range for a folded byte range (as
    /// `Folded::to_original`).
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        if self.identity {
            let last = self.text.len();
            return (start.min(last), end.min(last));
        }
        let last = self.map.len() - 1;
        (
            self.map[start.min(last)] as usize,
            self.map[end.min(last)] as usize,
        )
    }
}

/// Appends the folded form of `s` to `out` (as `fold`, without allocating
/// when `out` has room).
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        let from = out.len();
        out.push_str(s);
        out[from..].make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        fold_char(c, out);
    }
}

/// `fold(s)` as an inline string: no allocation for words up to 24 bytes,
/// which is nearly all of them.
pub fn fold_compact(s: &str) -> compact_str::CompactString {
    if s.is_ascii() {
        let mut k = compact_str::CompactString::from(s);
        k.as_mut_str().make_ascii_lowercase();
        k
    } else {
        // Folded into a buffer the thread keeps, then copied: a word with
        // an accent or a curly apostrophe allocates nothing either.
        thread_local! {
            static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        BUF.with_borrow_mut(|buf| {
            buf.clear();
            fold_into(s, buf);
            compact_str::CompactString::from(buf.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_dashes_quotes() {
        assert_eq!(fold("Bogotá"), "bogota");
        assert_eq!(fold("Darién Gap"), "darien gap");
        assert_eq!(fold("De\u{2011}emphasize"), "de-emphasize");
        assert_eq!(fold("U.S.\u{2013}Colombia \u{2014} ties"), "u.s.-colombia - ties");
        assert_eq!(
            fold("Petro\u{2019}s \u{201C}undignified\u{201D}"),
            "petro's \"undignified\""
        );
        assert_eq!(fold("Casa de Nariño"), "casa de narino");
        assert_eq!(fold("Bolívar"), "bolivar");
        assert_eq!(fold("STRASSE Straße"), "strasse strasse");
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        assert_eq!(fold("Bogota\u{301}"), fold("Bogotá"));
    }

    #[test]
    fn map_points_back_to_original() {
        let s = "Petro\u{2019}s Bogotá\u{2011}trip";
        let f = fold_with_map(s);
        assert_eq!(f.text, "petro's bogota-trip");
        let at = f.text.find("bogota").unwrap();
        let (a, b) = f.to_original(at, at + "bogota".len());
        assert_eq!(&s[a..b], "Bogotá");
        // The end of a match that includes the last char maps to the end of that char.
        let (a, b) = f.to_original(at, at + "bogota-trip".len());
        assert_eq!(&s[a..b], "Bogotá\u{2011}trip");
        assert_eq!(f.map.len(), f.text.len() + 1);
    }

    #[test]
    fn map_is_monotonic_and_on_char_boundaries() {
        for s in [
            "ﬁ Ǆ ΐ ß…",
            "日本語テキスト",
            "e\u{301}\u{302}x",
            "👩\u{200d}🔬 ok",
        ] {
            let f = fold_with_map(s);
            assert!(f.map.windows(2).all(|w| w[0] <= w[1]));
            assert!(f.map.iter().all(|&o| s.is_char_boundary(o as usize)));
        }
    }

    #[test]
    fn fold_buf_agrees_with_fold_with_map() {
        let mut buf = FoldBuf::new();
        for s in [
            "",
            "Plain ASCII Text.",
            "Petro\u{2019}s Bogotá\u{2011}trip …",
            "ﬁ Ǆ ΐ ß…",
            "e\u{301}\u{302}x",
        ] {
            let f = fold_with_map(s);
            buf.fold(s);
            assert_eq!(buf.text(), f.text);
            for a in 0..=f.text.len() + 2 {
                for b in a..=f.text.len() + 2 {
                    assert_eq!(buf.to_original(a, b), f.to_original(a, b), "{s:?} {a} {b}");
                }
            }
            let mut out = String::from("x");
            fold_into(s, &mut out);
            assert_eq!(out, format!("x{}", fold(s)));
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_buf_matches_reference(s in "\\PC{0,40}", a in 0usize..60, b in 0usize..60) {
            let f = fold_with_map(&s);
            let mut buf = FoldBuf::new();
            buf.fold("Something else first, to reuse the buffers");
            buf.fold(&s);
            proptest::prop_assert_eq!(buf.text(), f.text.as_str());
            let (a, b) = (a.min(b), a.max(b));
            proptest::prop_assert_eq!(buf.to_original(a, b), f.to_original(a, b));
            let mut out = String::new();
            fold_into(&s, &mut out);
            proptest::prop_assert_eq!(&out, &fold(&s));
            let compact = fold_compact(&s);
            proptest::prop_assert_eq!(compact.as_str(), out.as_str());
        }

        #[test]
        fn ascii_len_is_the_first_non_ascii_byte(s in "([a-zA-Z .]{0,19}|\\PC){0,8}", from in 0usize..40) {
            let b = &s.as_bytes()[from.min(s.len())..];
            let want = b.iter().position(|x| !x.is_ascii()).unwrap_or(b.len());
            proptest::prop_assert_eq!(ascii_len(b), want);
            // Long ASCII runs between other chars, through the buffer too.
            let mut buf = FoldBuf::new();
            buf.fold(&s);
            let f = fold_with_map(&s);
            proptest::prop_assert_eq!(buf.text(), f.text.as_str());
            proptest::prop_assert_eq!(buf.to_original(from, from + 9), f.to_original(from, from + 9));
        }
    }
}
