//! Query filters (`@speaker`, `#issue`, `kind:`) resolved against the
//! index's actors and issues.

use super::query::Query;
use super::store::Source;
use crate::analysis::{ActorId, IssueId, QuoteKind};
use crate::text::fold;

/// The filters of one query, resolved to ids.
pub struct Resolved {
    /// One entry per `@fragment`: the fragment, and the actors it names.
    speakers: Vec<(String, Vec<ActorId>)>,
    /// One entry per `#fragment`: the issues it names.
    issues: Vec<Vec<IssueId>>,
    kinds: Vec<Vec<QuoteKind>>,
}

impl Resolved {
    pub fn new(q: &Query, src: &Source) -> Resolved {
        let ix = src.index();
        let speakers = q
            .speakers
            .iter()
            .map(|frag| {
                let ids = ix
                    .map(|ix| {
                        ix.analysis
                            .actors
                            .iter()
                            .filter(|a| {
                                fold(&a.name).contains(frag.as_str())
                                    || a.aliases.iter().any(|al| fold(al).contains(frag.as_str()))
                            })
                            .map(|a| a.id)
                            .collect()
                    })
                    .unwrap_or_default();
                (frag.clone(), ids)
            })
            .collect();
        let issues = q
            .issues
            .iter()
            .map(|frag| {
                ix.map(|ix| {
                    ix.analysis
                        .issues
                        .iter()
                        .filter(|i| {
                            fold(&i.name).contains(frag.as_str())
                                || i.labels.iter().any(|l| fold(l).contains(frag.as_str()))
                        })
                        .map(|i| i.id)
                        .collect()
                })
                .unwrap_or_default()
            })
            .collect();
        Resolved {
            speakers,
            issues,
            kinds: q.kinds.clone(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.speakers.is_empty() && self.issues.is_empty() && self.kinds.is_empty()
    }

    /// Does item `i` pass every filter?
    pub fn passes(&self, src: &Source, i: usize) -> bool {
        if !self.speakers.is_empty() || !self.kinds.is_empty() {
            let Some(q) = src.quote(i) else {
                return false;
            };
            if !self.kinds.iter().all(|ks| ks.contains(&q.kind)) {
                return false;
            }
            let speaker_ok = self.speakers.iter().all(|(frag, ids)| match q.speaker {
                Some(s) => ids.contains(&s),
                // An unresolved speaker ("skeptics") is matched by its words.
                None => q
                    .speaker_text
                    .as_deref()
                    .is_some_and(|t| fold(t).contains(frag.as_str())),
            });
            if !speaker_ok {
                return false;
            }
        }
        if !self.issues.is_empty() {
            let mine = src.issues(i);
            if !self.issues.iter().all(|ids| mine.iter().any(|m| ids.contains(m))) {
                return false;
            }
        }
        true
    }
}
