//! A sieve over a set of words: one bit per hash, so a word whose bit is
//! clear is told to be outside the set without probing it. Analysis looks
//! up every word of the corpus in sets (the words of discovered names,
//! the first words of actors' names) that hold few of them, and a probe
//! into a set of megabytes costs a cache miss where this costs a bit in
//! the core's cache.

use std::hash::BuildHasher;

pub struct Sieve {
    bits: Vec<u64>,
}

impl Sieve {
    /// 2^20 bits (128 KB, within a core's cache): with a hundred thousand
    /// words a tenth of them set, so nine in ten others are told apart.
    const BITS: u32 = 20;

    pub fn new<'a>(words: impl Iterator<Item = &'a str>) -> Sieve {
        let mut bits = vec![0u64; (1 << Sieve::BITS) / 64];
        for w in words {
            let h = Sieve::slot(w);
            bits[h / 64] |= 1 << (h % 64);
        }
        Sieve { bits }
    }

    fn slot(w: &str) -> usize {
        (foldhash::fast::FixedState::default().hash_one(w) >> (64 - Sieve::BITS)) as usize
    }

    /// False only for a word not in the set.
    #[inline]
    pub fn may_hold(&self, w: &str) -> bool {
        let h = Sieve::slot(w);
        self.bits[h / 64] >> (h % 64) & 1 == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_sieve_holds_every_word_put_in_it(words in proptest::collection::vec("[a-z\u{e9}]{1,12}", 0..200)) {
            let sieve = Sieve::new(words.iter().map(String::as_str));
            for w in &words {
                proptest::prop_assert!(sieve.may_hold(w), "{}", w);
            }
        }
    }
}
