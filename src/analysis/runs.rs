//! Where each article's run starts in a corpus-wide list sorted by article
//! (sentences, mentions). Looking a run up by binary search over the whole
//! list costs a cache miss per step on a large corpus, once per article or
//! block; the starts are found once, in one pass.

use std::ops::Range;

/// The start of each article's run in a list sorted by article.
#[derive(Debug, Clone)]
pub struct ArticleRuns {
    /// `starts[a]..starts[a + 1]`: article `a`'s run.
    starts: Vec<u32>,
}

impl ArticleRuns {
    /// The runs of `items` (sorted by `article_of`) for articles
    /// `0..articles`; items of later articles belong to none.
    pub fn new<T>(items: &[T], articles: usize, article_of: impl Fn(&T) -> u32) -> ArticleRuns {
        let mut starts = Vec::with_capacity(articles + 1);
        let mut i = 0;
        for a in 0..=articles {
            while items.get(i).is_some_and(|x| (article_of(x) as usize) < a) {
                i += 1;
            }
            starts.push(i as u32);
        }
        ArticleRuns { starts }
    }

    /// Article `article`'s run (empty past the articles).
    pub fn of(&self, article: u32) -> Range<usize> {
        let a = article as usize;
        match (self.starts.get(a), self.starts.get(a + 1)) {
            (Some(&s), Some(&e)) => s as usize..e as usize,
            _ => 0..0,
        }
    }
}

/// The range of `items` (sorted by `key`) whose key is `k`: a block's run
/// inside its article's.
pub fn range_of<T>(items: &[T], k: u32, key: impl Fn(&T) -> u32) -> (usize, usize) {
    let lo = items.partition_point(|x| key(x) < k);
    let hi = lo + items[lo..].partition_point(|x| key(x) <= k);
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn range_of_is_the_run_of_a_key(
            keys in proptest::collection::vec(0u32..6, 0..30),
            k in 0u32..7
        ) {
            let mut keys = keys;
            keys.sort();
            let (lo, hi) = range_of(&keys, k, |x| *x);
            let run: Vec<usize> = (0..keys.len()).filter(|&i| keys[i] == k).collect();
            match (run.first(), run.last()) {
                (Some(&a), Some(&b)) => proptest::prop_assert_eq!((lo, hi), (a, b + 1)),
                _ => proptest::prop_assert_eq!(lo, hi),
            }
        }
    }

    #[test]
    fn runs_match_a_scan_of_the_list() {
        // Articles with no items, at the start, between and at the end.
        let items: Vec<u32> = vec![1, 1, 3, 4, 4, 4, 6];
        let runs = ArticleRuns::new(&items, 8, |&a| a);
        for a in 0..10u32 {
            let want: Vec<usize> = (0..items.len()).filter(|&i| items[i] == a && a < 8).collect();
            let got: Vec<usize> = runs.of(a).collect();
            assert_eq!(got, want, "article {a}");
        }
        assert_eq!(ArticleRuns::new(&[] as &[u32], 3, |&a| a).of(1), 0..0);
    }
}
