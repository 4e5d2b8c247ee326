//! Issues (policy topics): from the lexicon or discovered, merged by meaning,
//! and assigned to sentences and quotes.
use super::{Issue, Quote, Sentence};
use crate::analysis::Lexicon;
use crate::corpus::Article;

pub fn assign(
    _articles: &[Article],
    _sentences: &mut [Sentence],
    _quotes: &mut [Quote],
    _lexicon: &Lexicon,
) -> Vec<Issue> {
    Vec::new()
}

pub fn count(_issues: &mut [Issue], _articles: usize, _sentences: &[Sentence]) {}
