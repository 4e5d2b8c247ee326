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

use crate::analysis::{ActorId, AlignedGroup, ArticleId, IssueId, Mention, Quote, Stance, StanceSummary};
use crate::Index;

#[derive(Debug, Default)]
pub struct Lookup {
    /// By article id: positions in `analysis.quotes` of its quotes.
    quotes_by_article: Vec<Vec<u32>>,
    /// By actor id: positions in `analysis.quotes` of the quotes
    /// attributed to them.
    quotes_by_speaker: Vec<Vec<u32>>,
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
        for (i, q) in a.quotes.iter().enumerate() {
            push(&mut l.quotes_by_article, q.at.article, i as u32);
            if let Some(s) = q.speaker {
                push(&mut l.quotes_by_speaker, s, i as u32);
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

    /// An article's quotes.
    pub fn article_quotes<'a>(
        &'a self,
        index: &'a Index,
        article: ArticleId,
    ) -> impl Iterator<Item = &'a Quote> + 'a {
        resolve(
            &self.quotes_by_article,
            article,
            &index.analysis.quotes,
            move |q| q.at.article == article,
        )
    }

    /// The quotes attributed to `actor`.
    pub fn speaker_quotes<'a>(
        &'a self,
        index: &'a Index,
        actor: ActorId,
    ) -> impl Iterator<Item = &'a Quote> + 'a {
        resolve(&self.quotes_by_speaker, actor, &index.analysis.quotes, move |q| {
            q.speaker == Some(actor)
        })
    }

    /// Where `actor` is named.
    pub fn actor_mentions<'a>(
        &'a self,
        index: &'a Index,
        actor: ActorId,
    ) -> impl Iterator<Item = &'a Mention> + 'a {
        resolve(
            &self.mentions_by_actor,
            actor,
            &index.analysis.mentions,
            move |m| m.actor == actor,
        )
    }

    /// `actor`'s stances.
    pub fn actor_stances<'a>(
        &'a self,
        index: &'a Index,
        actor: ActorId,
    ) -> impl Iterator<Item = &'a Stance> + 'a {
        resolve(&self.stances_by_actor, actor, &index.analysis.stances, move |s| {
            s.actor == actor
        })
    }

    /// `actor`'s stance summaries.
    pub fn actor_summaries<'a>(
        &'a self,
        index: &'a Index,
        actor: ActorId,
    ) -> impl Iterator<Item = &'a StanceSummary> + 'a {
        resolve(
            &self.summaries_by_actor,
            actor,
            &index.analysis.summaries,
            move |s| s.actor == actor,
        )
    }

    /// The stance summaries on `issue`.
    pub fn issue_summaries<'a>(
        &'a self,
        index: &'a Index,
        issue: IssueId,
    ) -> impl Iterator<Item = &'a StanceSummary> + 'a {
        resolve(
            &self.summaries_by_issue,
            issue,
            &index.analysis.summaries,
            move |s| s.issue == issue,
        )
    }

    /// The groups of aligned passages on `issue`.
    pub fn issue_alignments<'a>(
        &'a self,
        index: &'a Index,
        issue: IssueId,
    ) -> impl Iterator<Item = &'a AlignedGroup> + 'a {
        resolve(
            &self.alignments_by_issue,
            issue,
            &index.analysis.alignments,
            move |g| g.issue == issue,
        )
    }
}

/// The items listed under `key`, in the analysis's order. `belongs` checks
/// each against its key: a lookup handed another index than the one it
/// was made from yields less, never the wrong facts.
fn resolve<'a, T>(
    lists: &'a [Vec<u32>],
    key: u32,
    items: &'a [T],
    belongs: impl Fn(&T) -> bool + 'a,
) -> impl Iterator<Item = &'a T> + 'a {
    get(lists, key)
        .iter()
        .filter_map(move |&i| items.get(i as usize))
        .filter(move |x| belongs(x))
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
        fn same<T: PartialEq + std::fmt::Debug>(got: Vec<&T>, want: Vec<&T>) {
            assert_eq!(got, want);
        }
        for art in 0..ix.articles.len() as u32 + 1 {
            same(
                l.article_quotes(&ix, art).collect(),
                a.quotes.iter().filter(|q| q.at.article == art).collect(),
            );
        }
        for actor in 0..a.actors.len() as u32 + 1 {
            same(
                l.speaker_quotes(&ix, actor).collect(),
                a.quotes.iter().filter(|q| q.speaker == Some(actor)).collect(),
            );
            same(
                l.actor_mentions(&ix, actor).collect(),
                a.mentions.iter().filter(|m| m.actor == actor).collect(),
            );
            same(
                l.actor_stances(&ix, actor).collect(),
                a.stances.iter().filter(|s| s.actor == actor).collect(),
            );
            same(
                l.actor_summaries(&ix, actor).collect(),
                a.summaries.iter().filter(|s| s.actor == actor).collect(),
            );
        }
        for issue in 0..a.issues.len() as u32 + 1 {
            same(
                l.issue_summaries(&ix, issue).collect(),
                a.summaries.iter().filter(|s| s.issue == issue).collect(),
            );
            same(
                l.issue_alignments(&ix, issue).collect(),
                a.alignments.iter().filter(|g| g.issue == issue).collect(),
            );
        }
        assert!(!a.quotes.is_empty() && !a.summaries.is_empty() && !a.alignments.is_empty());
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
