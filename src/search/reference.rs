//! The plain reference: fold every item afresh, score every term with
//! SkimMatcherV2, sum, sort everything. Slow on purpose; the fast engine
//! must return exactly what this returns (tests/search_equiv.rs).

use super::engine::Found;
use super::filter::Resolved;
use super::query::Query;
use super::score;
use super::store::{fold_item, Source};

pub fn reference(src: &Source, query: &str, limit: usize) -> Found {
    let q = Query::parse(query);
    if q.is_empty() {
        return Found::default();
    }
    let filters = Resolved::new(&q, src);
    let m = score::matcher();
    let phrase = score::phrase(&q.terms);
    let run = |typo: bool| -> Vec<(usize, i64)> {
        let mut all = Vec::new();
        'items: for i in 0..src.len() {
            if !filters.passes(src, i) {
                continue;
            }
            let hay = fold_item(src.text(i));
            if q.exclude.iter().any(|x| hay.contains(x.as_str())) {
                continue;
            }
            let mut total = score::phrase_bonus(&hay, phrase.as_deref());
            for t in &q.terms {
                match score::term_score(&m, &hay, t) {
                    Some(s) => total += s,
                    None if typo && score::typo_eligible(t) && score::typo_in(&hay, &t.text).is_some() => {
                        total += score::typo_score(&t.text)
                    }
                    None => continue 'items,
                }
            }
            all.push((i, total));
        }
        all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        all
    };
    let mut all = run(false);
    let mut typo = false;
    if all.is_empty() && q.terms.iter().any(score::typo_eligible) {
        all = run(true);
        typo = !all.is_empty();
    }
    let matched = all.len();
    all.truncate(limit);
    Found {
        hits: all,
        matched,
        typo,
    }
}
