//! Words of a text as analysis reads them: folded (lowercase, unaccented),
//! possessive `'s` dropped, stemmed, each with its byte range in the
//! original text. Every stage that matches words (issues, stances,
//! alignment) reads text through `words`, so it is the hottest path of
//! analysis: it folds char by char into one reusable buffer and interns each
//! distinct word form once (see `intern`), allocating once per call (the
//! `Vec`) in the common case.

use super::Sentence;
use crate::corpus::Article;
use crate::text::fold_char;
use compact_str::CompactString;
use std::sync::OnceLock;

/// A distinct folded word and what analysis asks of it (stem, content word
/// or not), worked out once per word form instead of once per occurrence,
/// and the length of the original text it was read from.
#[derive(Debug)]
struct Form {
    folded: Box<str>,
    stem: Box<str>,
    /// The stem's number (see `stem_id`).
    stem_id: u32,
    content: bool,
    generic: bool,
    /// Bytes of original text (`Bogotá` is 7, its fold `bogota` 6): part of
    /// the form, so a word need not store where it ends.
    span: u32,
}

/// Every word form met, numbered. Forms live as long as the process: a
/// corpus of millions of words holds only tens of thousands of distinct
/// ones, so a word is the number of its form (8 bytes a word instead of a
/// string, stem, flags and end each). Appending never moves a form, and
/// reading takes no lock.
static FORMS: boxcar::Vec<Form> = boxcar::Vec::new();

thread_local! {
    /// The thread's index of the forms it made, and its buffers for
    /// folding a text's words (see `words_into`).
    static READER: std::cell::RefCell<Reader> = std::cell::RefCell::new(Reader::default());
}

#[derive(Default)]
struct Reader {
    ids: Ids,
    buf: String,
    at: Vec<u32>,
}

/// The number of the form of folded word `folded` read from `span` bytes of
/// text, interned (see `Ids::intern`).
fn intern(folded: &str, span: u32) -> u32 {
    READER.with_borrow_mut(|r| r.ids.intern(folded, span))
}

impl Ids {
    /// The number of the form of folded word `folded` read from `span`
    /// bytes of text, interned. Each thread keeps its own index of the
    /// forms it made, so interning takes no lock; two threads may make
    /// equal forms under different numbers, which is why words compare by
    /// content, never by number.
    fn intern(&mut self, folded: &str, span: u32) -> u32 {
        let short = short_key(folded.as_bytes(), span);
        if let Some(id) = short.and_then(|k| self.known(k)) {
            return id;
        }
        if let Some(&id) = self.long.get(&(folded, span)) {
            return id;
        }
        self.add(folded, span, short)
    }

    /// `intern` of an ASCII word as written (any case): a short word's key
    /// is made lowercase as it is packed, and the word is lowercased into
    /// `buf` only when it is long or a form the thread has not met. Nearly
    /// every word of the corpus comes here, and copying each into a buffer
    /// to lowercase it, then into its key, was two `memcpy` calls a word.
    fn intern_ascii(&mut self, raw: &str, buf: &mut String) -> u32 {
        let span = raw.len() as u32;
        if let Some(id) = short_key_lower(raw.as_bytes()).and_then(|k| self.known(k)) {
            return id;
        }
        buf.clear();
        buf.push_str(raw);
        buf.make_ascii_lowercase();
        self.intern(buf, span)
    }

    /// The form of short key `k`, if the thread has made it.
    #[inline]
    fn known(&mut self, k: u128) -> Option<u32> {
        // The frequent words' keys recur: a small table keyed by a few bits
        // of the key answers most of them before the map is probed.
        let h = ((k as u64) ^ ((k >> 64) as u64).rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = (h >> (64 - RECENT_BITS)) as usize;
        if let Some(&(key, id)) = self.recent.get(slot) {
            if key == k && id != u32::MAX {
                return Some(id);
            }
        }
        let id = *self.short.get(&k)?;
        self.remember(slot, k, id);
        Some(id)
    }

    /// A new form, numbered and indexed.
    fn add(&mut self, folded: &str, span: u32, short: Option<u128>) -> u32 {
        let st = stem(folded);
        let k = FORMS.push(Form {
            folded: folded.into(),
            stem_id: stem_id(&st),
            stem: st.as_str().into(),
            content: content(folded),
            generic: is_generic(folded),
            span,
        });
        // More than four billion distinct forms cannot be held in memory.
        let id = u32::try_from(k).expect("fewer than 2^32 word forms");
        match short {
            Some(key) => {
                self.short.insert(key, id);
                // Remembered in the table of recent keys by the next look-up.
            }
            None => {
                self.long.insert((&FORMS[k].folded, span), id);
            }
        }
        id
    }
}

/// A thread's index of the forms it made.
#[derive(Default)]
struct Ids {
    /// The last short key met in each of `2^RECENT_BITS` slots, and its
    /// form (`u32::MAX`: none yet).
    recent: Vec<(u128, u32)>,
    /// Words of up to `SHORT_WORD` bytes, nearly all, under `short_key`:
    /// one integer to hash and compare instead of a string.
    short: foldhash::HashMap<u128, u32>,
    long: foldhash::HashMap<(&'static str, u32), u32>,
}

const SHORT_WORD: usize = 11;

const RECENT_BITS: u32 = 12;

impl Ids {
    fn remember(&mut self, slot: usize, key: u128, id: u32) {
        if self.recent.is_empty() {
            self.recent = vec![(0, u32::MAX); 1 << RECENT_BITS];
        }
        if let Some(r) = self.recent.get_mut(slot) {
            *r = (key, id);
        }
    }
}

/// `folded`'s bytes, its length and `span` in one integer, for a word of
/// at most `SHORT_WORD` bytes.
#[inline]
fn short_key(folded: &[u8], span: u32) -> Option<u128> {
    if folded.len() > SHORT_WORD {
        return None;
    }
    let mut k = [0u8; 16];
    k[..folded.len()].copy_from_slice(folded);
    k[SHORT_WORD] = folded.len() as u8;
    k[12..].copy_from_slice(&span.to_le_bytes());
    Some(u128::from_le_bytes(k))
}

/// `short_key` of ASCII word `raw` lowercased, read from as many bytes as
/// it has, packed a byte at a time (no copy of a few bytes through
/// `memcpy`).
#[inline]
fn short_key_lower(raw: &[u8]) -> Option<u128> {
    if raw.len() > SHORT_WORD {
        return None;
    }
    let mut k = 0u128;
    for (i, &c) in raw.iter().enumerate() {
        k |= u128::from(c.to_ascii_lowercase()) << (8 * i);
    }
    k |= (raw.len() as u128) << (8 * SHORT_WORD);
    k |= u128::from(raw.len() as u32) << 96;
    Some(k)
}

/// The number of stem `stem`, the same on every thread for the life of the
/// process: keyword tries step on these numbers instead of hashing and
/// comparing the stem of every word of the corpus. Taken once per new form
/// (a lock, but forms are few), never per word.
fn stem_id(stem: &str) -> u32 {
    static STEMS: std::sync::LazyLock<std::sync::Mutex<foldhash::HashMap<Box<str>, u32>>> =
        std::sync::LazyLock::new(Default::default);
    let mut stems = STEMS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&id) = stems.get(stem) {
        return id;
    }
    let id = stems.len() as u32;
    stems.insert(stem.into(), id);
    id
}

/// A word of some text: the number of its form (in `FORMS`) and where it
/// starts in the original text (it ends `form.span` bytes later).
#[derive(Debug, Clone, Copy)]
pub struct Word {
    form: u32,
    start: u32,
}

impl PartialEq for Word {
    fn eq(&self, o: &Word) -> bool {
        self.start() == o.start() && self.end() == o.end() && self.folded() == o.folded()
    }
}

impl Eq for Word {}

impl Word {
    /// A word of folded form `folded` at `start..end` of its text.
    pub fn new(folded: &str, start: usize, end: usize) -> Word {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX);
        Word {
            form: intern(folded, end.saturating_sub(start)),
            start,
        }
    }

    fn form(&self) -> &'static Form {
        &FORMS[self.form as usize]
    }

    /// The folded (lowercase, unaccented) surface form.
    pub fn folded(&self) -> &'static str {
        &self.form().folded
    }

    /// The stem (`policies` → `policy`), as `stem` gives it.
    pub fn stem(&self) -> &'static str {
        &self.form().stem
    }

    /// Its form's number. A number names one form for the life of the
    /// process (two numbers may name equal forms, made on two threads), so
    /// facts worked out from a form can be kept by number.
    pub fn form_id(&self) -> u32 {
        self.form
    }

    /// Its stem's number: equal for two words exactly when their stems are.
    pub fn stem_id(&self) -> u32 {
        self.form().stem_id
    }

    /// Where the word starts in its text (bytes).
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Where the word ends in its text (bytes).
    pub fn end(&self) -> usize {
        self.start.saturating_add(self.form().span) as usize
    }

    /// A content word: not a stopword, at least two letters, not a number.
    pub fn is_content(&self) -> bool {
        self.form().content
    }

    /// Too general to name an issue on its own (see `GENERIC`).
    pub fn is_generic(&self) -> bool {
        self.form().generic
    }

    /// The same word with offsets `by` bytes earlier (its text cut at `by`,
    /// which must not be past its start).
    pub fn shifted(&self, by: usize) -> Word {
        let by = u32::try_from(by).unwrap_or(u32::MAX);
        Word {
            form: self.form,
            start: self.start.saturating_sub(by),
        }
    }
}

/// The words of every sentence (see `of_sentences`), packed: a word is its
/// form's number and the gap since the previous word's end, each a LEB128
/// varint, with a flag bit on the form for the gap that is not the common
/// single space. Frequent forms are met first and get small numbers, so a
/// word takes about two bytes instead of the eight of a `Word`; these are
/// held from the words stage to the end of analysis, and were its largest
/// list (a third of the peak at 100,000 articles). Reading a sentence
/// decodes it (`with`), a few nanoseconds a word.
#[derive(Debug, Default)]
pub struct SentenceWords {
    bytes: Vec<u8>,
    ends: Ends,
}

/// Where each sentence's words end in `bytes` (they start where the
/// previous sentence's end), and whether it is body text.
#[derive(Debug)]
enum Ends {
    /// Each end as an offset from where its stride of `STRIDE` sentences
    /// starts (`bases`), in 31 bits with `NARROW_NOT_BODY`: 4 bytes a
    /// sentence instead of 8 (14 MB at 100,000 articles).
    Narrow { rel: Vec<u32>, bases: Vec<u64> },
    /// Once a stride's words pass 2 GiB, which takes sentences of hundreds
    /// of MB: each end in full, with `WIDE_NOT_BODY`.
    Wide(Vec<u64>),
}

const STRIDE: usize = 1024;
const NARROW_NOT_BODY: u32 = 1 << 31;
const WIDE_NOT_BODY: u64 = 1 << 63;

impl Default for Ends {
    fn default() -> Ends {
        Ends::with_capacity(0)
    }
}

impl Ends {
    fn with_capacity(n: usize) -> Ends {
        Ends::Narrow {
            rel: Vec::with_capacity(n),
            bases: Vec::with_capacity(n.div_ceil(STRIDE)),
        }
    }

    fn len(&self) -> usize {
        match self {
            Ends::Narrow { rel, .. } => rel.len(),
            Ends::Wide(w) => w.len(),
        }
    }

    /// Sentence `i`'s end and whether it is body text.
    #[inline]
    fn get(&self, i: usize) -> Option<(u64, bool)> {
        match self {
            Ends::Narrow { rel, bases } => {
                let r = *rel.get(i)?;
                let base = *bases.get(i / STRIDE)?;
                Some((base + u64::from(r & !NARROW_NOT_BODY), r & NARROW_NOT_BODY == 0))
            }
            Ends::Wide(w) => w.get(i).map(|&e| (e & !WIDE_NOT_BODY, e & WIDE_NOT_BODY == 0)),
        }
    }

    fn push(&mut self, end: u64, body: bool) {
        self.push_narrow_under(end, body, u64::from(NARROW_NOT_BODY));
    }

    /// `push`, going wide when an offset in a stride reaches `limit`
    /// (a parameter so tests can reach it).
    fn push_narrow_under(&mut self, end: u64, body: bool, limit: u64) {
        let n = self.len();
        let prev = match n {
            0 => 0,
            _ => self.get(n - 1).map_or(0, |(e, _)| e),
        };
        if let Ends::Narrow { rel, bases } = self {
            if n % STRIDE == 0 {
                bases.push(prev);
            }
            let base = bases.last().copied().unwrap_or(0);
            // An end before its stride's start cannot come from
            // `of_sentences`; it goes wide rather than wrap.
            match end.checked_sub(base).and_then(|d| u32::try_from(d).ok()) {
                Some(r) if u64::from(r) < limit => {
                    rel.push(if body { r } else { r | NARROW_NOT_BODY });
                    return;
                }
                _ => {
                    let wide = (0..n)
                        .filter_map(|k| self.get(k))
                        .map(|(e, b)| if b { e } else { e | WIDE_NOT_BODY })
                        .collect();
                    *self = Ends::Wide(wide);
                }
            }
        }
        if let Ends::Wide(w) = self {
            w.push(if body { end } else { end | WIDE_NOT_BODY });
        }
    }
}

impl SentenceWords {
    /// Sentence `i`'s words decoded into `out` (cleared first); false past
    /// the end or for a sentence that is not body text.
    pub fn read_into(&self, i: usize, out: &mut Vec<Word>) -> bool {
        out.clear();
        let Some((end, body)) = self.ends.get(i) else {
            return false;
        };
        if !body {
            return false;
        }
        let start = match i {
            0 => 0,
            _ => self.ends.get(i - 1).map_or(0, |(e, _)| e),
        };
        let bytes = usize::try_from(start)
            .ok()
            .zip(usize::try_from(end).ok())
            .and_then(|(a, b)| self.bytes.get(a..b))
            .unwrap_or_default();
        decode(bytes, out);
        true
    }

    /// `f` of sentence `i`'s words (`None` past the end or for a sentence
    /// that is not body text), decoded into a buffer the thread keeps.
    pub fn with<R>(&self, i: usize, f: impl FnOnce(Option<&[Word]>) -> R) -> R {
        thread_local! {
            static BUF: std::cell::Cell<Vec<Word>> = const { std::cell::Cell::new(Vec::new()) };
        }
        // Taken, not borrowed: a nested call gets a fresh buffer, not a panic.
        let mut buf = BUF.take();
        let r = if self.read_into(i, &mut buf) {
            f(Some(&buf))
        } else {
            f(None)
        };
        BUF.set(buf);
        r
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.len() == 0
    }
}

/// Appends `ws` (one text's words, in order) to `out`, packed.
fn encode(ws: &[Word], out: &mut Vec<u8>) {
    let mut prev = 0u32;
    for w in ws {
        // Wrapping, so any start round-trips whatever the words' order.
        let gap = w.start.wrapping_sub(prev);
        let form = u64::from(w.form) << 1;
        if gap == 1 {
            put_varint(form, out);
        } else {
            put_varint(form | 1, out);
            put_varint(u64::from(gap), out);
        }
        prev = w.start.saturating_add(w.form().span);
    }
}

/// Appends the words packed in `b` (see `encode`) to `out`.
fn decode(mut b: &[u8], out: &mut Vec<Word>) {
    let mut prev = 0u32;
    while !b.is_empty() {
        let x = take_varint(&mut b);
        let gap = if x & 1 == 0 { 1 } else { take_varint(&mut b) as u32 };
        let w = Word {
            form: (x >> 1) as u32,
            start: prev.wrapping_add(gap),
        };
        prev = w.start.saturating_add(w.form().span);
        out.push(w);
    }
}

fn put_varint(mut x: u64, out: &mut Vec<u8>) {
    while x >= 0x80 {
        out.push(x as u8 | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

/// The varint at the front of `b`, which then starts after it.
fn take_varint(b: &mut &[u8]) -> u64 {
    // Most are one byte: frequent forms have small numbers.
    if let Some((&c, rest)) = b.split_first().filter(|(&c, _)| c < 0x80) {
        *b = rest;
        return u64::from(c);
    }
    let mut x = 0u64;
    let mut shift = 0;
    while let Some((&c, rest)) = b.split_first() {
        *b = rest;
        x |= u64::from(c & 0x7f) << shift.min(63);
        shift += 7;
        if c < 0x80 {
            break;
        }
    }
    x
}

/// Light English stemmer: enough to meet inflections of the same word, not a
/// linguistic analysis. Applied the same way to keywords and text, so its
/// mistakes cancel out.
pub fn stem(w: &str) -> CompactString {
    let mut s = CompactString::from(w);
    // Suffix rules count chars; ASCII words (nearly all) count bytes.
    let n = |s: &str| if s.is_ascii() { s.len() } else { s.chars().count() };
    if s.ends_with("ies") && n(&s) > 4 {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if (s.ends_with("sses") || s.ends_with("xes") || s.ends_with("ches") || s.ends_with("shes"))
        && n(&s) > 4
    {
        s.truncate(s.len() - 2);
    } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") && n(&s) > 3
    {
        s.truncate(s.len() - 1);
    }
    if s.ends_with("ing") && n(&s) > 5 {
        s.truncate(s.len() - 3);
    } else if s.ends_with("ied") && n(&s) > 4 {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if s.ends_with("ed") && n(&s) > 4 {
        s.truncate(s.len() - 2);
    }
    if s.ends_with("ion") && n(&s) > 5 {
        s.truncate(s.len() - 3);
    }
    // `cooperate`/`cooperat(ion)`, `negotiate`/`negotiat(ion)`, `base`/`bas(ed)`.
    if s.ends_with('e') && n(&s) > 4 {
        s.truncate(s.len() - 1);
    }
    s
}

/// The words of `text` (folded, possessive `'s` dropped), with byte ranges in
/// `text`. Hyphenated compounds split (`anti-drug` → `anti`, `drug`).
///
/// A word is a run of alphanumeric folded chars, apostrophes allowed after
/// its first char. Its start is where the char that produced its first
/// folded char starts; its end is where the char that produced the folded
/// char after it starts (so a trailing combining accent, which folds to
/// nothing, stays inside the word), or the text's end.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    words_into(text, &mut out);
    out
}

/// `words`, appended to `out`.
///
/// Words never span an ASCII separator (any ASCII char but a letter, digit
/// or apostrophe), so the text is cut there into runs. A run of ASCII, nearly
/// every one, is at most one word and folds by lowercasing, offsets kept;
/// only a run holding other chars is folded char by char.
fn words_into(text: &str, out: &mut Vec<Word>) {
    // The thread's fold buffers and index of forms, borrowed once per text:
    // this runs once per sentence, and two fresh buffers each time were a
    // million allocations at a million sentences.
    READER.with_borrow_mut(|r| words_with(text, r, out));
}

fn words_with(text: &str, r: &mut Reader, out: &mut Vec<Word>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if is_ascii_separator(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !is_ascii_separator(b[i]) {
            i += 1;
        }
        let run = &text[start..i];
        if run.is_ascii() {
            ascii_word(run, start, r, out);
        } else {
            folded_words(run, start, r, out);
        }
    }
}

#[inline]
fn is_ascii_separator(c: u8) -> bool {
    SEPARATORS[usize::from(c)]
}

/// ASCII chars other than letters, digits and the apostrophe, as a table:
/// `words_with` tests every byte of the corpus.
const SEPARATORS: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = !b.is_ascii_alphanumeric() && b != b'\'';
        c += 1;
    }
    t
};

/// The word of ASCII run `run` (letters, digits, apostrophes) found at
/// `base`: an apostrophe continues a word but never starts one, and a
/// possessive `'s` and trailing apostrophes end it. Lowercased as it is
/// interned.
fn ascii_word(run: &str, base: usize, r: &mut Reader, out: &mut Vec<Word>) {
    let body = run.trim_start_matches('\'');
    if body.is_empty() {
        return;
    }
    let lead = run.len() - body.len();
    let w = match body.as_bytes() {
        [.., b'\'', b's' | b'S'] => &body[..body.len() - 2],
        _ => body,
    };
    let w = w.trim_end_matches('\'');
    let start = base + lead;
    out.push(Word {
        form: r.ids.intern_ascii(w, &mut r.buf),
        start: u32::try_from(start).unwrap_or(u32::MAX),
    });
}

/// The words of run `run` found at `base`, folded char by char.
fn folded_words(run: &str, base: usize, r: &mut Reader, out: &mut Vec<Word>) {
    let Reader { ids, buf, at } = r;
    buf.clear();
    at.clear();
    let mut one = String::new();
    for (i, c) in run.char_indices() {
        if c.is_ascii() {
            step(c.to_ascii_lowercase(), base + i, buf, at, ids, out);
            continue;
        }
        one.clear();
        fold_char(c, &mut one);
        for f in one.chars() {
            step(f, base + i, buf, at, ids, out);
        }
    }
    flush(buf, at, base + run.len(), ids, out);
}

/// The words of every sentence of body text (headings, paragraphs, list
/// items, tables), `None` for other sentences, indexed like the sentences.
/// Read once, per article in parallel, and shared by issues, stances and
/// alignment.
pub fn of_sentences(articles: &[Article], sentences: &[Sentence]) -> SentenceWords {
    // Sentences come in article order: one run per article, read in
    // parallel a window at a time and appended to the one buffer.
    let runs: Vec<&[Sentence]> = sentences.chunk_by(|a, b| a.article == b.article).collect();
    let mut out = SentenceWords {
        bytes: Vec::new(),
        ends: Ends::with_capacity(sentences.len()),
    };
    crate::windows::gather(
        &runs,
        Vec::new,
        |ws, _, run| {
            let mut bytes = Vec::new();
            let mut ends = Vec::with_capacity(run.len());
            for s in run.iter() {
                let body = articles
                    .get(s.article as usize)
                    .and_then(|a| a.blocks.get(s.block as usize))
                    .filter(|b| b.kind.is_body());
                match body {
                    Some(b) => {
                        ws.clear();
                        words_into(s.span.slice(&b.text), ws);
                        encode(ws, &mut bytes);
                        ends.push((bytes.len() as u64, true));
                    }
                    None => ends.push((bytes.len() as u64, false)),
                }
            }
            (bytes, ends)
        },
        |(bytes, ends)| {
            let base = out.bytes.len() as u64;
            for (e, body) in ends {
                out.ends.push(base + e, body);
            }
            out.bytes.extend_from_slice(&bytes);
        },
    );
    out
}

/// Feeds one folded char `f`, produced by the original char at byte `i`.
#[inline]
fn step(f: char, i: usize, buf: &mut String, at: &mut Vec<u32>, ids: &mut Ids, out: &mut Vec<Word>) {
    let inword = crate::text::is_alnum(f) || (f == '\'' && !buf.is_empty());
    if inword {
        for _ in 0..f.len_utf8() {
            at.push(i as u32);
        }
        buf.push(f);
    } else if !buf.is_empty() {
        flush(buf, at, i, ids, out);
        buf.clear();
        at.clear();
    }
}

/// Ends the word in `buf`; `next` is the original offset where the char
/// after it starts.
fn flush(buf: &str, at: &[u32], next: usize, ids: &mut Ids, out: &mut Vec<Word>) {
    if buf.is_empty() {
        return;
    }
    // Possessives and elisions: `petro's` → `petro`, `countries'` → `countries`.
    let w = buf.strip_suffix("'s").unwrap_or(buf);
    let w2 = w.trim_matches('\'');
    if w2.is_empty() {
        return;
    }
    let a = w.len() - w.trim_start_matches('\'').len();
    let b = a + w2.len();
    let orig = |k: usize| at.get(k).map_or(next, |&x| x as usize);
    let (start, end) = (orig(a), orig(b));
    let start32 = u32::try_from(start).unwrap_or(u32::MAX);
    let end32 = u32::try_from(end).unwrap_or(u32::MAX);
    out.push(Word {
        form: ids.intern(w2, end32.saturating_sub(start32)),
        start: start32,
    });
}

/// Function words and reporting filler: never keywords, never bigram halves.
#[rustfmt::skip]
pub const STOPWORDS: &[&str] = &[
    "a", "about", "above", "across", "after", "again", "against", "ahead", "all", "almost", "along", "also",
    "although", "am", "among", "an", "and", "another", "any", "are", "around", "as", "at", "be", "because",
    "been", "before", "being", "below", "beneath", "between", "beyond", "both", "but", "by", "can", "could",
    "did", "do", "does", "doing", "down", "during", "each", "either", "even", "ever", "every", "few", "for",
    "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "last",
    "less", "like", "likely", "many", "may", "me", "might", "more", "most", "much", "must", "my", "near",
    "neither", "next", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only", "or",
    "other", "others", "our", "ours", "out", "over", "own", "per", "quite", "rather", "same", "several",
    "she", "should", "since", "so", "some", "still", "such", "than", "that", "the", "their", "theirs",
    "them", "themselves", "then", "there", "these", "they", "this", "those", "though", "through", "thus",
    "to", "too", "toward", "towards", "two", "under", "until", "up", "upon", "us", "very", "via", "was",
    "we", "well", "were", "what", "whatever", "when", "where", "whether", "which", "while", "who", "whom",
    "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "s", "t", "said",
    "says", "say", "told", "according", "new", "first", "second", "third", "year", "years", "day", "days",
    "week", "weeks", "month", "months", "time", "today", "tomorrow", "yesterday", "mr", "ms", "mrs",
];

/// Words too general to name an issue on their own (`policy`, `agenda`): a
/// discovered label keeps them in its phrase but not as single keywords.
#[rustfmt::skip]
const GENERIC: &[&str] = &[
    "policy", "policies", "issue", "issues", "agenda", "ties", "relations", "relationship", "flows", "flow",
    "area", "areas", "track", "tracks", "question", "questions", "matter", "matters", "topic", "topics",
    "priority", "priorities", "goal", "goals", "plan", "plans", "approach", "reform", "reforms", "key",
    "main", "major", "new", "other", "meeting", "meetings", "talks", "president", "government", "official",
    "officials", "country", "countries", "leader", "leaders", "people", "political", "public", "global",
    "international", "national", "regional", "bilateral", "visit", "statement", "statements", "news",
    "report", "reports", "analysts", "critical", "central", "important",
];

fn is_stop(folded: &str) -> bool {
    static SET: OnceLock<foldhash::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(folded)
}

fn is_generic(folded: &str) -> bool {
    static SET: OnceLock<foldhash::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| GENERIC.iter().copied().collect())
        .contains(folded)
}

/// A content word: not a stopword, at least two letters, not a number.
fn content(folded: &str) -> bool {
    folded.len() >= 2
        && (folded.is_ascii() || folded.chars().count() >= 2)
        && !is_stop(folded)
        && !folded.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_with_map;
    use proptest::prelude::*;

    /// The plain definition `words` must agree with: fold the whole text
    /// with an offset map, split the folded text, map back.
    fn reference(text: &str) -> Vec<Word> {
        let f = fold_with_map(text);
        let t = f.text.as_str();
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let push = |a: usize, b: usize, out: &mut Vec<Word>| {
            let mut w = &t[a..b];
            if let Some(x) = w.strip_suffix("'s") {
                w = x;
            }
            let w2 = w.trim_matches('\'');
            let lead = w.len() - w.trim_start_matches('\'').len();
            let a = a + lead;
            let b = a + w2.len();
            if w2.is_empty() {
                return;
            }
            let (s, e) = f.to_original(a, b);
            out.push(Word::new(w2, s, e));
        };
        for (i, c) in t.char_indices() {
            let inword = c.is_alphanumeric() || (c == '\'' && start.is_some());
            match (inword, start) {
                (true, None) => start = Some(i),
                (false, Some(a)) => {
                    push(a, i, &mut out);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(a) = start {
            push(a, t.len(), &mut out);
        }
        out
    }

    #[test]
    fn words_fold_strip_possessives_and_map_back() {
        let t = "Petro\u{2019}s anti\u{2011}drug plan for Bogota\u{301} 'quoted'";
        let ws = words(t);
        let folded: Vec<&str> = ws.iter().map(|w| w.folded()).collect();
        assert_eq!(
            folded,
            ["petro", "anti", "drug", "plan", "for", "bogota", "quoted"]
        );
        assert_eq!(&t[ws[0].start()..ws[0].end()], "Petro");
        assert_eq!(&t[ws[5].start()..ws[5].end()], "Bogota\u{301}");
        assert_eq!(ws, reference(t));
    }

    #[test]
    fn short_and_long_forms_intern_once_each() {
        for w in ["a", "a\0", "eleven-char", "twelve-chars", "", "caf\u{e9}"] {
            for span in [0, 1, 12, u32::MAX] {
                let id = intern(w, span);
                assert_eq!(intern(w, span), id, "{w:?} {span}");
                assert_eq!(&*FORMS[id as usize].folded, w);
                assert_eq!(FORMS[id as usize].span, span);
            }
        }
        // The length is part of the key: a trailing NUL is another word.
        assert_ne!(short_key(b"a", 1), short_key(b"a\0", 1));
        assert_eq!(short_key(b"twelve-chars", 1), None);
    }

    proptest::proptest! {
        #[test]
        fn an_ascii_word_interns_as_its_lowercase_form(raw in "[a-zA-Z0-9']{0,14}") {
            let lower = raw.to_ascii_lowercase();
            let span = raw.len() as u32;
            proptest::prop_assert_eq!(short_key_lower(raw.as_bytes()), short_key(lower.as_bytes(), span));
            let id = READER.with_borrow_mut(|r| r.ids.intern_ascii(&raw, &mut String::new()));
            proptest::prop_assert_eq!(&*FORMS[id as usize].folded, lower.as_str());
            proptest::prop_assert_eq!(FORMS[id as usize].span, span);
            proptest::prop_assert_eq!(intern(&lower, span), id);
        }
    }

    #[test]
    fn stem_numbers_agree_with_stems_on_every_thread() {
        let text = "Policies policy police Bogotá bogota policing";
        let here = words(text);
        let there = std::thread::spawn(move || words(text)).join().unwrap();
        for (a, b) in here.iter().zip(&there) {
            assert_eq!(a.stem_id(), b.stem_id(), "{} on two threads", a.folded());
        }
        for a in &here {
            for b in &here {
                assert_eq!(
                    a.stem() == b.stem(),
                    a.stem_id() == b.stem_id(),
                    "{} / {}",
                    a.folded(),
                    b.folded()
                );
            }
        }
        assert_eq!(here[0].stem_id(), here[1].stem_id());
        assert_ne!(here[1].stem_id(), here[2].stem_id());
    }

    #[test]
    fn a_word_takes_eight_bytes() {
        // Every text analysis reads is read into a list of these.
        assert_eq!(std::mem::size_of::<Word>(), 8);
    }

    #[test]
    fn sentence_words_are_each_sentences_words() {
        use crate::corpus::{Block, BlockKind, Format};
        use crate::text::Span;
        let mut arts = Vec::new();
        let mut sentences = Vec::new();
        let texts: [&[(BlockKind, &str)]; 3] = [
            &[
                (BlockKind::Paragraph, "Quotas fell. Bogotá's fleet sailed."),
                (BlockKind::Caption, "A caption, not body text."),
            ],
            &[],
            &[(BlockKind::ListItem, "Talks resume in May.")],
        ];
        for (ai, blocks) in texts.iter().enumerate() {
            let mut a = Article::new("t", Format::Plain);
            for (bi, (kind, text)) in blocks.iter().enumerate() {
                a.blocks.push(Block::new(*kind, *text, 1, Span::default()));
                let cut = text.find(". ").map_or(text.len(), |i| i + 1);
                for span in [Span::new(0, cut), Span::new(cut, text.len())] {
                    if span.start < span.end {
                        sentences.push(Sentence {
                            article: ai as u32,
                            block: bi as u32,
                            span,
                            issues: Default::default(),
                        });
                    }
                }
            }
            arts.push(a);
        }
        let sw = of_sentences(&arts, &sentences);
        assert_eq!(sw.len(), sentences.len());
        for (i, s) in sentences.iter().enumerate() {
            let b = &arts[s.article as usize].blocks[s.block as usize];
            let want = b.kind.is_body().then(|| words(s.span.slice(&b.text)));
            assert_eq!(sw.with(i, |ws| ws.map(<[Word]>::to_vec)), want, "sentence {i}");
        }
        assert!(sw.with(sentences.len(), |ws| ws.is_none()));
        assert_eq!(sw.with(1, |ws| ws.map(|ws| ws[0].folded())), Some("bogota"));
        // A nested read gets its own buffer.
        let nested = sw.with(0, |a| {
            sw.with(1, |b| (a.map(<[Word]>::len), b.map(<[Word]>::len)))
        });
        assert_eq!(nested, (Some(2), Some(3)));
    }

    proptest! {
        /// Packing keeps every word as it was, whatever the gaps between
        /// them (none, the common single space, long, or backwards).
        #[test]
        fn packed_words_read_back_as_made(
            ws in prop::collection::vec(("[a-zé]{1,12}", 0u32..3000, 0u32..4), 0..40)
        ) {
            let mut at = 0u32;
            let words: Vec<Word> = ws
                .iter()
                .map(|(f, step, kind)| {
                    at = match kind {
                        0 => at.saturating_sub(*step),
                        1 => at.saturating_add(1),
                        _ => at.saturating_add(*step),
                    };
                    Word::new(f, at as usize, at as usize + f.len())
                })
                .collect();
            let mut bytes = Vec::new();
            encode(&words, &mut bytes);
            let mut back = Vec::new();
            decode(&bytes, &mut back);
            prop_assert_eq!(back.len(), words.len());
            for (a, b) in words.iter().zip(&back) {
                prop_assert_eq!((a.form, a.start), (b.form, b.start));
            }
        }
    }

    #[test]
    fn stems_meet_inflections() {
        assert_eq!(stem("crossings"), stem("crossing"));
        assert_eq!(stem("eradication"), stem("eradicate"));
        assert_eq!(stem("policies"), stem("policy"));
        assert_eq!(stem("cooperation"), stem("cooperate"));
        assert_eq!(stem("drugs"), "drug");
        assert_eq!(stem("negotiations"), stem("negotiate"));
        assert_eq!(stem("pushed"), "push");
        assert_eq!(stem("gas"), "gas");
        assert_eq!(stem("status"), "status");
    }

    proptest! {
        #[test]
        fn words_match_the_reference(t in "([a-zA-Z'’ ,.\u{2011}-]|[áßæﬁİı]|\u{301}|\u{2026}|[0-9]|[日本]){0,60}") {
            prop_assert_eq!(words(&t), reference(&t));
        }

        #[test]
        fn ascii_words_match_the_reference(t in "[a-zA-Z0-9' ,.s-]{0,60}") {
            prop_assert_eq!(words(&t), reference(&t));
        }

        #[test]
        fn words_match_the_reference_on_any_text(t in "\\PC{0,40}") {
            prop_assert_eq!(words(&t), reference(&t));
        }

        #[test]
        fn sentence_ends_read_back_narrow_or_wide(
            steps in proptest::collection::vec((0u64..3000, any::<bool>()), 0..3000),
            scale in 1u64..2000,
            limit in 1u64..4000,
        ) {
            // A small limit makes some runs go wide part way through, as a
            // stride of words past 2 GiB would.
            let mut ends = Ends::default();
            let mut want = Vec::new();
            let mut at = 0u64;
            for &(step, body) in &steps {
                // Small steps too, so narrow runs cross strides.
                at += step / scale;
                ends.push_narrow_under(at, body, limit);
                want.push((at, body));
            }
            prop_assert_eq!(ends.len(), want.len());
            for (i, &w) in want.iter().enumerate() {
                prop_assert_eq!(ends.get(i), Some(w), "sentence {}", i);
            }
            prop_assert_eq!(ends.get(want.len()), None);
        }

        #[test]
        fn a_words_stem_is_the_stemmers(w in "[a-z]{1,14}(ies|ied|ing|ion|es|ed|s|e|y)?|\\PC{1,12}") {
            for x in words(&w) {
                let want = stem(x.folded());
                prop_assert_eq!(x.stem(), want.as_str());
            }
        }
    }
}
