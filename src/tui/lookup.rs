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
    quotes_by_article: Lists,
    /// By actor id: positions in `analysis.quotes` of the quotes
    /// attributed to them.
    quotes_by_speaker: Lists,
    /// By actor id: positions in `analysis.mentions`.
    mentions_by_actor: Lists,
    /// By actor id: positions in `analysis.stances`.
    stances_by_actor: Lists,
    /// By actor / issue id: positions in `analysis.summaries`.
    summaries_by_actor: Lists,
    summaries_by_issue: Lists,
    /// By issue id: positions in `analysis.alignments`.
    alignments_by_issue: Lists,
}

/// Positions of items by key, every key's in one array: key `k`'s are
/// `items[starts[k]..starts[k + 1]]`, in the items' order. A list of its
/// own per key was a heap block each (one per article: 28,000 at a million
/// sentences) with its header and spare room, 7.8 MB of lookups there.
#[derive(Debug, Default)]
struct Lists {
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    /// The lists of `n` keys, item `i` (of `len`) listed under `key(i)`.
    /// An index read from JSON is not trusted to keep ids in range: a key
    /// past `n` gets its list when it is not far past (within twice `n`
    /// or 65,536), and is dropped when it is corrupt.
    fn new(n: usize, len: usize, key: impl Fn(usize) -> Option<u32>) -> Lists {
        let limit = n.saturating_mul(2).max(1 << 16);
        let kept = |i: usize| key(i).map(|k| k as usize).filter(|&k| k < n || k <= limit);
        let keys = (0..len).filter_map(kept).max().map_or(n, |m| n.max(m + 1));
        let mut starts = vec![0u32; keys + 1];
        for k in (0..len).filter_map(kept) {
            starts[k + 1] += 1;
        }
        for k in 0..keys {
            starts[k + 1] += starts[k];
        }
        let mut next = starts.clone();
        let mut items = vec![0u32; starts[keys] as usize];
        for i in 0..len {
            if let Some(k) = kept(i) {
                items[next[k] as usize] = i as u32;
                next[k] += 1;
            }
        }
        Lists { starts, items }
    }

    fn get(&self, key: u32) -> &[u32] {
        let k = key as usize;
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&s), Some(&e)) => self.items.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

impl Lookup {
    pub fn new(index: &Index) -> Lookup {
        let a = &index.analysis;
        let (quotes, mentions, summaries) = (&a.quotes, &a.mentions, &a.summaries);
        let (actors, issues) = (a.actors.len(), a.issues.len());
        Lookup {
            quotes_by_article: Lists::new(index.articles.len(), quotes.len(), |i| Some(quotes[i].at.article)),
            quotes_by_speaker: Lists::new(actors, quotes.len(), |i| quotes[i].speaker),
            mentions_by_actor: Lists::new(actors, mentions.len(), |i| Some(mentions[i].actor)),
            stances_by_actor: Lists::new(actors, a.stances.len(), |i| Some(a.stances[i].actor)),
            summaries_by_actor: Lists::new(actors, summaries.len(), |i| Some(summaries[i].actor)),
            summaries_by_issue: Lists::new(issues, summaries.len(), |i| Some(summaries[i].issue)),
            alignments_by_issue: Lists::new(issues, a.alignments.len(), |i| Some(a.alignments[i].issue)),
        }
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
    lists: &'a Lists,
    key: u32,
    items: &'a [T],
    belongs: impl Fn(&T) -> bool + 'a,
) -> impl Iterator<Item = &'a T> + 'a {
    lists
        .get(key)
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
        let keys = [Some(1), Some(5), Some(u32::MAX), None, Some(1), Some(0)];
        let lists = Lists::new(2, keys.len(), |i| keys[i]);
        assert_eq!(lists.get(0), &[5]);
        assert_eq!(lists.get(1), &[0, 4]);
        assert_eq!(lists.get(5), &[1]);
        assert_eq!(lists.get(4), &[] as &[u32]);
        assert_eq!(lists.get(u32::MAX), &[] as &[u32]);
        assert_eq!(Lists::new(0, 0, |_| None).get(0), &[] as &[u32]);
    }
}
