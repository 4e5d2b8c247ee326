//! Per-article counts kept sparse. An actor or issue is named in a few of a
//! large corpus's articles; a dense `Vec<u32>` per actor costs four bytes per
//! article for each of hundreds of actors (on 100,000 articles, most of the
//! index's actor memory). Only the nonzero counts are kept here; the dense
//! form is what readers and the serialised formats see.

use super::ArticleId;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Counts per article id, over `n_articles` articles: the nonzero ones as
/// `(article, count)` pairs in article order, each article once.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ByArticle {
    pairs: Box<[(ArticleId, u32)]>,
    n_articles: u32,
}

impl ByArticle {
    /// No mentions in any of `n_articles` articles.
    pub fn empty(n_articles: usize) -> ByArticle {
        ByArticle {
            pairs: Box::default(),
            n_articles: clamp_len(n_articles),
        }
    }

    /// From one count per article (index = article id).
    pub fn from_dense(counts: &[u32]) -> ByArticle {
        let pairs = counts
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(a, &n)| (a as ArticleId, n))
            .collect();
        ByArticle {
            pairs,
            n_articles: clamp_len(counts.len()),
        }
    }

    /// The count for `article` (0 when it has none or lies past the end).
    pub fn get(&self, article: ArticleId) -> u32 {
        self.pairs
            .binary_search_by_key(&article, |p| p.0)
            .map_or(0, |k| self.pairs[k].1)
    }

    /// The nonzero counts, `(article, count)`, in article order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (ArticleId, u32)> + ExactSizeIterator + '_ {
        self.pairs.iter().copied()
    }

    /// One count per article, zeros included, in article order.
    pub fn dense(&self) -> Dense<'_> {
        Dense {
            pairs: &self.pairs,
            next: 0,
            end: self.n_articles,
        }
    }

    /// The dense form as a vector (index = article id).
    pub fn to_dense(&self) -> Vec<u32> {
        self.dense().collect()
    }

    /// How many articles the counts are over (the dense length).
    pub fn n_articles(&self) -> usize {
        self.n_articles as usize
    }

    /// How many articles have a nonzero count.
    pub fn articles_with(&self) -> usize {
        self.pairs.len()
    }

    /// The largest count (0 when there is none).
    pub fn max(&self) -> u32 {
        self.pairs.iter().map(|p| p.1).max().unwrap_or(0)
    }

    /// The sum of all counts.
    pub fn total(&self) -> u64 {
        self.pairs.iter().map(|p| u64::from(p.1)).sum()
    }
}

/// Article ids are u32; a longer dense vector cannot be addressed anyway.
fn clamp_len(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `ByArticle::dense`: every article's count, zeros included.
#[derive(Clone)]
pub struct Dense<'a> {
    pairs: &'a [(ArticleId, u32)],
    next: u32,
    end: u32,
}

impl Iterator for Dense<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.next >= self.end {
            return None;
        }
        let a = self.next;
        self.next += 1;
        match self.pairs.first() {
            Some(&(pa, n)) if pa == a => {
                self.pairs = &self.pairs[1..];
                Some(n)
            }
            _ => Some(0),
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = (self.end - self.next) as usize;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Dense<'_> {}

/// Builds a `ByArticle` from counts added in any order; adding in article
/// order (as over mentions sorted by article) keeps one pair per article
/// without sorting.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pairs: Vec<(ArticleId, u32)>,
    unsorted: bool,
}

impl Tally {
    pub fn new() -> Tally {
        Tally::default()
    }

    /// Counts `n` more for `article`.
    pub fn add(&mut self, article: ArticleId, n: u32) {
        if n == 0 {
            return;
        }
        match self.pairs.last_mut() {
            Some(last) if last.0 == article => last.1 = last.1.saturating_add(n),
            Some(last) => {
                self.unsorted |= last.0 > article;
                self.pairs.push((article, n));
            }
            None => self.pairs.push((article, n)),
        }
    }

    /// The counts over `n_articles` articles; counts for ids past the last
    /// article are dropped (as a dense vector of that length could not hold
    /// them).
    pub fn finish(mut self, n_articles: usize) -> ByArticle {
        if self.unsorted {
            self.pairs.sort_by_key(|p| p.0);
            let mut merged: Vec<(ArticleId, u32)> = Vec::with_capacity(self.pairs.len());
            for (a, n) in self.pairs {
                match merged.last_mut() {
                    Some(last) if last.0 == a => last.1 = last.1.saturating_add(n),
                    _ => merged.push((a, n)),
                }
            }
            self.pairs = merged;
        }
        let n = clamp_len(n_articles);
        self.pairs.retain(|p| p.0 < n);
        ByArticle {
            pairs: self.pairs.into_boxed_slice(),
            n_articles: n,
        }
    }
}

/// Printed dense, as the `Vec<u32>` it replaces was (tests and snapshots
/// read it that way).
impl std::fmt::Debug for ByArticle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.dense()).finish()
    }
}

/// Serialised dense (one number per article), byte for byte what the
/// `Vec<u32>` it replaces gave.
impl Serialize for ByArticle {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.dense())
    }
}

impl<'de> Deserialize<'de> for ByArticle {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ByArticle, D::Error> {
        let dense = Vec::<u32>::deserialize(d)?;
        Ok(ByArticle::from_dense(&dense))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_iter_and_dense_round_trip() {
        let dense = vec![0, 3, 0, 0, 1, 7, 0, 0];
        let b = ByArticle::from_dense(&dense);
        assert_eq!(b.n_articles(), 8);
        assert_eq!(b.iter().collect::<Vec<_>>(), vec![(1, 3), (4, 1), (5, 7)]);
        assert_eq!(b.articles_with(), 3);
        assert_eq!((b.max(), b.total()), (7, 11));
        for (a, &n) in dense.iter().enumerate() {
            assert_eq!(b.get(a as ArticleId), n, "article {a}");
        }
        // Past the last nonzero count and past the last article: zero.
        assert_eq!(b.get(6), 0);
        assert_eq!(b.get(8), 0);
        assert_eq!(b.get(u32::MAX), 0);
        assert_eq!(b.to_dense(), dense);
        assert_eq!(b.dense().len(), 8);
        assert_eq!(ByArticle::from_dense(&b.to_dense()), b);
    }

    #[test]
    fn empty_ones_keep_their_length() {
        let none = ByArticle::from_dense(&[]);
        assert_eq!((none.n_articles(), none.get(0), none.iter().count()), (0, 0, 0));
        assert_eq!(none, ByArticle::default());
        let zeros = ByArticle::from_dense(&[0, 0, 0]);
        assert_eq!(zeros, ByArticle::empty(3));
        assert_eq!(zeros.to_dense(), vec![0, 0, 0]);
        assert_ne!(zeros, none);
        assert_eq!(format!("{zeros:?}"), "[0, 0, 0]");
    }

    #[test]
    fn serde_uses_the_dense_form() {
        let b = ByArticle::from_dense(&[0, 2, 0, 5, 0]);
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(json, serde_json::to_string(&vec![0u32, 2, 0, 5, 0]).unwrap());
        assert_eq!(json, "[0,2,0,5,0]");
        let back: ByArticle = serde_json::from_str(&json).unwrap();
        assert_eq!(back, b);
        assert_eq!(back.n_articles(), 5);
        let empty: ByArticle = serde_json::from_str("[]").unwrap();
        assert_eq!(serde_json::to_string(&empty).unwrap(), "[]");
        assert_eq!(empty, ByArticle::default());
        assert_eq!(serde_json::to_string(&ByArticle::empty(2)).unwrap(), "[0,0]");
    }

    #[test]
    fn tally_in_any_order_matches_counting_densely() {
        let n = 6;
        let adds: &[(ArticleId, u32)] = &[(4, 1), (1, 2), (4, 3), (0, 0), (1, 1), (9, 5), (5, 1), (5, 1)];
        let mut dense = vec![0u32; n];
        let mut t = Tally::new();
        for &(a, k) in adds {
            if let Some(c) = dense.get_mut(a as usize) {
                *c += k;
            }
            t.add(a, k);
        }
        let b = t.finish(n);
        assert_eq!(b.to_dense(), dense);
        assert_eq!(b, ByArticle::from_dense(&dense));
        assert_eq!(b.iter().collect::<Vec<_>>(), vec![(1, 3), (4, 4), (5, 2)]);
    }

    #[test]
    fn tally_in_article_order_merges_runs() {
        let mut t = Tally::new();
        for a in [0, 0, 2, 2, 2, 3] {
            t.add(a, 1);
        }
        assert_eq!(
            t.finish(4).iter().collect::<Vec<_>>(),
            vec![(0, 2), (2, 3), (3, 1)]
        );
    }
}
