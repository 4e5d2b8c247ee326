//! Stances: what each actor wants on each issue, from tables, lists and sentences.
use super::{Actor, Issue, Lexicon, Mention, Quote, Sentence, Stance, StanceSummary};
use crate::corpus::Article;

pub fn find(
    _articles: &[Article],
    _sentences: &[Sentence],
    _actors: &[Actor],
    _mentions: &[Mention],
    _issues: &[Issue],
    _quotes: &[Quote],
    _lexicon: &Lexicon,
) -> (Vec<Stance>, Vec<StanceSummary>) {
    (Vec::new(), Vec::new())
}
