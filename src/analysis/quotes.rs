//! Quotes (direct, partial, reported, terms) and their speakers.
use super::{Actor, Lexicon, Mention, Quote, Sentence};
use crate::corpus::Article;

pub fn find(
    _articles: &[Article],
    _sentences: &[Sentence],
    _actors: &[Actor],
    _mentions: &[Mention],
    _lexicon: &Lexicon,
) -> Vec<Quote> {
    Vec::new()
}
