//! How one item scores against a query; shared by the fast engine and the
//! reference implementation so both rank by the same rule.
//!
//! Per term: SkimMatcherV2's score of the folded term in the folded item,
//! plus a bonus when the term appears verbatim (`4` a byte) and a further
//! one when it appears as a whole word (`4` a byte). Exact terms (`'word`)
//! must appear verbatim and score the same way. A query of two or more terms
//! gets `2` a byte more when its terms appear joined by single spaces
//! (`migration policy` typed as such). A typo match (see [`typo_words`])
//! scores `8` a byte of the term: below any real match of the same term.
//! Items rank by score, then by item order (quotes before sentences).

use super::query::Term;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

pub const CONTIG_PER_BYTE: i64 = 4;
pub const WORD_PER_BYTE: i64 = 4;
pub const PHRASE_PER_BYTE: i64 = 4;
pub const ORDER_PER_BYTE: i64 = 4;
pub const TYPO_PER_BYTE: i64 = 8;
/// Typo fallback only for terms at least this long (in bytes): shorter ones
/// have too many neighbours to mean anything.
pub const TYPO_MIN_LEN: usize = 5;

/// The matcher every path uses. Text and query are already folded to lower
/// case, so case rules would only cost time.
///
/// `element_limit(1)` puts SkimMatcherV2 on its linear path (the one it
/// takes for long lines): the leftmost-ending match, tightened from the
/// right, scored in one pass. Its full DP path is not usable here: it keeps
/// a score matrix per thread and does not reset every cell it later reads,
/// so the same (text, pattern) can score differently depending on what the
/// thread matched before (measured: about 1 in 25,000 random pairs), which
/// no parallel engine could reproduce, and its compressed and positional
/// modes disagree. The linear path is deterministic, agrees with itself
/// for scores and positions, costs O(length), and its score has a provable
/// upper bound (see `engine::bound`) that lets the engine skip most items.
pub fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().respect_case().element_limit(1)
}

#[inline]
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Bonus for `t` appearing verbatim in `hay` (more if as a whole word).
pub fn literal_bonus(hay: &str, t: &str) -> i64 {
    literal_bonus_with(hay, &memchr::memmem::Finder::new(t.as_bytes()))
}

/// `literal_bonus` with a searcher built once per query.
pub fn literal_bonus_with(hay: &str, f: &memchr::memmem::Finder) -> i64 {
    let h = hay.as_bytes();
    let t = f.needle();
    let n = t.len() as i64;
    let mut best = 0;
    for pos in f.find_iter(h) {
        best = CONTIG_PER_BYTE * n;
        let before = pos == 0 || !is_word_byte(h[pos - 1]);
        let end = pos + t.len();
        let after = end >= h.len() || !is_word_byte(h[end]);
        if before && after {
            return best + WORD_PER_BYTE * n;
        }
    }
    best
}

/// The score of one term in a folded item, or None if it does not match
/// (typo matches are handled by the caller).
pub fn term_score(m: &SkimMatcherV2, hay: &str, t: &Term) -> Option<i64> {
    if t.exact && memchr::memmem::find(hay.as_bytes(), t.text.as_bytes()).is_none() {
        return None;
    }
    let s = m.fuzzy_match(hay, &t.text)?;
    Some(s + literal_bonus(hay, &t.text))
}

/// The joined phrase a multi-term query earns a bonus for.
pub fn phrase(terms: &[Term]) -> Option<String> {
    (terms.len() >= 2).then(|| {
        terms
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// Bonus for a query of several terms: the terms appear in the order
/// typed, close together (the joined query, spaces included, is a
/// subsequence of at most 1.5 times its length), and more if verbatim.
pub fn phrase_bonus(hay: &str, phrase: Option<&str>) -> i64 {
    phrase_bonus_with(
        hay,
        phrase.map(|p| memchr::memmem::Finder::new(p.as_bytes())).as_ref(),
    )
}

/// `phrase_bonus` with a searcher built once per query.
pub fn phrase_bonus_with(hay: &str, phrase: Option<&memchr::memmem::Finder>) -> i64 {
    let Some(f) = phrase else {
        return 0;
    };
    let p = f.needle();
    let n = p.len() as i64;
    if f.find(hay.as_bytes()).is_some() {
        return (PHRASE_PER_BYTE + ORDER_PER_BYTE) * n;
    }
    if within(hay.as_bytes(), p, p.len() * 3 / 2) {
        ORDER_PER_BYTE * n
    } else {
        0
    }
}

/// Does `hay` hold `p` as a subsequence inside a stretch of at most `w`
/// bytes? (`span_min(hay, p) <= w`, stopping each try at `w` bytes.)
pub fn within(hay: &[u8], p: &[u8], w: usize) -> bool {
    let Some((&first, rest)) = p.split_first() else {
        return true;
    };
    if w == 0 {
        return false;
    }
    for s in memchr::memchr_iter(first, hay) {
        let end = (s + w).min(hay.len());
        let mut k = 0;
        for &b in &hay[s + 1..end] {
            if k == rest.len() {
                break;
            }
            if b == rest[k] {
                k += 1;
            }
        }
        if k == rest.len() {
            return true;
        }
    }
    false
}

/// The shortest stretch of `hay` holding `p` as a subsequence (`usize::MAX`
/// if none).
pub fn span_min(hay: &[u8], p: &[u8]) -> usize {
    let Some((&first, rest)) = p.split_first() else {
        return 0;
    };
    let mut best = usize::MAX;
    for s in memchr::memchr_iter(first, hay) {
        let mut at = s + 1;
        for &c in rest {
            match memchr::memchr(c, &hay[at..]) {
                Some(o) => at += o + 1,
                // No later start can match either.
                None => return best,
            }
        }
        best = best.min(at - s);
        if best == p.len() {
            break;
        }
    }
    best
}

pub fn typo_score(t: &str) -> i64 {
    TYPO_PER_BYTE * t.len() as i64
}

/// Restricted Damerau–Levenshtein distance (adjacent transpositions count
/// one), over bytes, stopping early once it exceeds `max`.
pub fn edit_distance(a: &[u8], b: &[u8], max: usize) -> usize {
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return max + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// May this term fall back to typo matches? Long ASCII fuzzy terms only.
pub fn typo_eligible(t: &Term) -> bool {
    !t.exact && t.text.is_ascii() && t.text.len() >= TYPO_MIN_LEN
}

/// Is `w` a typo neighbour of fuzzy term `t`: one edit away, and not
/// already a fuzzy match of it?
pub fn is_typo_of(t: &str, w: &str) -> bool {
    t.len() >= TYPO_MIN_LEN
        && w.len().abs_diff(t.len()) <= 1
        && !super::query::is_subsequence(t.as_bytes(), w.as_bytes())
        && edit_distance(t.as_bytes(), w.as_bytes(), 1) == 1
}

/// The words of a folded item: runs of word bytes.
pub fn words(hay: &str) -> impl Iterator<Item = (usize, &str)> {
    let h = hay.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < h.len() && !is_word_byte(h[i]) {
            i += 1;
        }
        if i >= h.len() {
            return None;
        }
        let s = i;
        while i < h.len() && is_word_byte(h[i]) {
            i += 1;
        }
        // Word bytes include every non-ASCII byte, so runs end on char boundaries.
        hay.get(s..i).map(|w| (s, w))
    })
}

/// The typo words of `t` present in `hay`, by their first position.
pub fn typo_in(hay: &str, t: &str) -> Option<(usize, usize)> {
    if t.len() < TYPO_MIN_LEN {
        return None;
    }
    words(hay)
        .find(|(_, w)| is_typo_of(t, w))
        .map(|(s, w)| (s, s + w.len()))
}

/// The typo words of fuzzy term `t` among `vocab`.
pub fn typo_words<'a>(t: &str, vocab: impl Iterator<Item = &'a str>) -> Vec<String> {
    if t.len() < TYPO_MIN_LEN {
        return Vec::new();
    }
    let mut v: Vec<String> = vocab.filter(|w| is_typo_of(t, w)).map(str::to_string).collect();
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance(b"undignified", b"undigniifed", 3), 1);
        assert_eq!(edit_distance(b"policy", b"plicy", 3), 1);
        assert_eq!(edit_distance(b"policy", b"ploicy", 3), 1);
        assert_eq!(edit_distance(b"policy", b"police", 3), 1);
        assert_eq!(edit_distance(b"abc", b"abc", 3), 0);
        assert_eq!(edit_distance(b"abcdef", b"zzzzzz", 2), 3);
    }

    #[test]
    fn typo_neighbours() {
        assert!(is_typo_of("ploicy", "policy"));
        assert!(is_typo_of("migrtaion", "migration"));
        // A deletion is already a fuzzy match, so not a typo.
        assert!(!is_typo_of("plicy", "policy"));
        assert!(!is_typo_of("drug", "drag"));
        assert_eq!(typo_in("the policy now", "ploicy"), Some((4, 10)));
    }

    #[test]
    fn literal_bonus_prefers_whole_words() {
        assert_eq!(literal_bonus("migrations", "migration"), 36);
        assert_eq!(literal_bonus("migrations and migration", "migration"), 72);
        assert_eq!(literal_bonus("migr", "migration"), 0);
    }

    #[test]
    fn within_agrees_with_span_min() {
        for (h, p) in [
            ("migration policy", "migratn polcy"),
            ("policy on migration", "migratn polcy"),
            ("ab", "ab"),
            ("a b", "ab"),
            ("axxb ab", "ab"),
            ("", "a"),
        ] {
            for w in 0..20 {
                assert_eq!(
                    within(h.as_bytes(), p.as_bytes(), w),
                    span_min(h.as_bytes(), p.as_bytes()) <= w,
                    "{h:?} {p:?} {w}"
                );
            }
        }
    }

    #[test]
    fn words_split_on_punctuation() {
        let w: Vec<_> = words("petro's u.s.-colombia ties").map(|x| x.1).collect();
        assert_eq!(w, ["petro", "s", "u", "s", "colombia", "ties"]);
    }
}
