//! The index read by key, as the panes read it: an article's quotes, an
//! actor's mentions, an issue's summaries. The analysis keeps its facts in
//! flat lists; finding one actor's quotes there means reading every quote,
//! which on a newsroom's pack (a hundred thousand quotes) is too slow for a
//! key press. The index never changes, so these are made once, when the UI
//! starts, and shared by every pane.
//!
//! Every list keeps the analysis's own order, so a view that took "the
//! first quote of this article that…" from the flat list takes the same one
//! from here.

use crate::analysis::{ActorId, ArticleId, IssueId, QuoteId};
use crate::Index;

#[derive(Debug, Default)]
pub struct Lookup {
    /// By article id: its quotes.
    quotes_by_article: Vec<Vec<QuoteId>>,
    /// By actor id: the quotes attributed to them.
    quotes_by_speaker: Vec<Vec<QuoteId>>,
    /// By actor id: positions in `analysis.mentions`.
    mentions_by_actor: Vec<Vec<u32>>,
    /// By actor id: positions in `analysis.stances`.
    stances_by_actor: Vec<Vec<u32>>,
    /// By actor / issue id: positions in `analysis.summaries`.
    summaries_by_actor: Vec<Vec<u32>>,
    summaries_by_issue: Vec<Vec<u32>>,
    /// By issue id: positions in `analysis.alignments`.
    alignments_by_issue: Vec<Vec<u32>>,
}

/// Pushes `item` onto `lists[key]`, growing `lists` when a key is past its
/// end (ids are positions, but an index read from JSON is not trusted to
/// keep them in range).
fn push(lists: &mut Vec<Vec<u32>>, key: u32, item: u32) {
    let k = key as usize;
    // An id far past the lists' length is corrupt; do not grow for it.
    if k >= lists.len() {
        if k > lists.len().saturating_mul(2).max(1 << 16) {
            return;
        }
        lists.resize_with(k + 1, Vec::new);
    }
    lists[k].push(item);
}

fn get(lists: &[Vec<u32>], key: u32) -> &[u32] {
    lists.get(key as usize).map(Vec::as_slice).unwrap_or(&[])
}

impl Lookup {
    pub fn new(index: &Index) -> Lookup {
        let a = &index.analysis;
        let mut l = Lookup {
            quotes_by_article: vec![Vec::new(); index.articles.len()],
            quotes_by_speaker: vec![Vec::new(); a.actors.len()],
            mentions_by_actor: vec![Vec::new(); a.actors.len()],
            stances_by_actor: vec![Vec::new(); a.actors.len()],
            summaries_by_actor: vec![Vec::new(); a.actors.len()],
            summaries_by_issue: vec![Vec::new(); a.issues.len()],
            alignments_by_issue: vec![Vec::new(); a.issues.len()],
        };
        for q in &a.quotes {
            push(&mut l.quotes_by_article, q.at.article, q.id);
            if let Some(s) = q.speaker {
                push(&mut l.quotes_by_speaker, s, q.id);
            }
        }
        for (i, m) in a.mentions.iter().enumerate() {
            push(&mut l.mentions_by_actor, m.actor, i as u32);
        }
        for (i, s) in a.stances.iter().enumerate() {
            push(&mut l.stances_by_actor, s.actor, i as u32);
        }
        for (i, s) in a.summaries.iter().enumerate() {
            push(&mut l.summaries_by_actor, s.actor, i as u32);
            push(&mut l.summaries_by_issue, s.issue, i as u32);
        }
        for (i, g) in a.alignments.iter().enumerate() {
            push(&mut l.alignments_by_issue, g.issue, i as u32);
        }
        l
    }

    /// The ids of an article's quotes, in the analysis's order.
    pub fn article_quotes(&self, article: ArticleId) -> &[QuoteId] {
        get(&self.quotes_by_article, article)
    }

    /// The ids of the quotes attributed to `actor`, in the analysis's order.
    pub fn speaker_quotes(&self, actor: ActorId) -> &[QuoteId] {
        get(&self.quotes_by_speaker, actor)
    }

    /// Positions in `analysis.mentions` of `actor`'s mentions.
    pub fn actor_mentions(&self, actor: ActorId) -> &[u32] {
        get(&self.mentions_by_actor, actor)
    }

    /// Positions in `analysis.stances` of `actor`'s stances.
    pub fn actor_stances(&self, actor: ActorId) -> &[u32] {
        get(&self.stances_by_actor, actor)
    }

    /// Positions in `analysis.summaries` of `actor`'s summaries.
    pub fn actor_summaries(&self, actor: ActorId) -> &[u32] {
        get(&self.summaries_by_actor, actor)
    }

    /// Positions in `analysis.summaries` of the summaries on `issue`.
    pub fn issue_summaries(&self, issue: IssueId) -> &[u32] {
        get(&self.summaries_by_issue, issue)
    }

    /// Positions in `analysis.alignments` of the groups on `issue`.
    pub fn issue_alignments(&self, issue: IssueId) -> &[u32] {
        get(&self.alignments_by_issue, issue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::fixture_index;

    /// Each list holds exactly what a scan of the flat list finds, in its order.
    #[test]
    fn lists_match_a_scan() {
        let ix = fixture_index();
        let l = Lookup::new(&ix);
        let a = &ix.analysis;
        for art in 0..ix.articles.len() as u32 + 1 {
            let scan: Vec<u32> = a
                .quotes
                .iter()
                .filter(|q| q.at.article == art)
                .map(|q| q.id)
                .collect();
            assert_eq!(l.article_quotes(art), scan.as_slice());
        }
        for actor in 0..a.actors.len() as u32 + 1 {
            let scan: Vec<u32> = a
                .quotes
                .iter()
                .filter(|q| q.speaker == Some(actor))
                .map(|q| q.id)
                .collect();
            assert_eq!(l.speaker_quotes(actor), scan.as_slice());
            let pos = |v: Vec<bool>| -> Vec<u32> {
                v.iter()
                    .enumerate()
                    .filter(|x| *x.1)
                    .map(|x| x.0 as u32)
                    .collect()
            };
            let m = pos(a.mentions.iter().map(|m| m.actor == actor).collect());
            assert_eq!(l.actor_mentions(actor), m.as_slice());
            let s = pos(a.stances.iter().map(|s| s.actor == actor).collect());
            assert_eq!(l.actor_stances(actor), s.as_slice());
            let s = pos(a.summaries.iter().map(|s| s.actor == actor).collect());
            assert_eq!(l.actor_summaries(actor), s.as_slice());
        }
        for issue in 0..a.issues.len() as u32 + 1 {
            let got: Vec<u32> = l.issue_summaries(issue).to_vec();
            assert!(got.iter().all(|&i| a.summaries[i as usize].issue == issue));
            assert_eq!(got.len(), a.summaries.iter().filter(|s| s.issue == issue).count());
            let got: Vec<u32> = l.issue_alignments(issue).to_vec();
            assert!(got.windows(2).all(|w| w[0] < w[1]));
            assert_eq!(
                got.len(),
                a.alignments.iter().filter(|g| g.issue == issue).count()
            );
        }
        assert!(!a.quotes.is_empty() && !a.summaries.is_empty());
    }

    #[test]
    fn ids_out_of_range_are_kept_or_dropped_but_never_panic() {
        let mut lists = vec![Vec::new(); 2];
        push(&mut lists, 5, 1);
        push(&mut lists, u32::MAX, 2);
        assert_eq!(get(&lists, 5), &[1]);
        assert_eq!(get(&lists, u32::MAX), &[] as &[u32]);
    }
}
