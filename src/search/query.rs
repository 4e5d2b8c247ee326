//! The query language: whitespace-separated tokens, every one of which must
//! hold (fzf's extended search, plus filters for what a briefing knows).
//!
//! | token        | meaning                                                        |
//! |--------------|----------------------------------------------------------------|
//! | `word`       | fuzzy term: the folded letters appear in order                 |
//! | `'word`      | exact term: the folded word appears as written                 |
//! | `!word`      | exclusion: items holding the folded word verbatim are dropped  |
//! | `@name`      | speaker: quotes whose speaker's name or alias contains `name`  |
//! | `#issue`     | issue: items tagged with an issue whose name/label has `issue` |
//! | `kind:k`     | quotes of kind `k` (`direct`, `partial`, `indirect`, `term`; a prefix will do) |
//!
//! Every token is folded (`crate::text::fold`) first, so case, accents,
//! dash styles and curly quotes never matter. A lone `'`, `!`, `@`, `#` or
//! `kind:` (what one has typed so far) constrains nothing.

use crate::analysis::QuoteKind;
use crate::text::fold;

/// One term that must match an item's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Folded text of the term.
    pub text: String,
    /// `'exact`: a verbatim substring rather than a fuzzy subsequence.
    pub exact: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
    /// Folded words that must not appear.
    pub exclude: Vec<String>,
    /// Folded speaker fragments (`@…`); all must hold.
    pub speakers: Vec<String>,
    /// Folded issue fragments (`#…`); all must hold.
    pub issues: Vec<String>,
    /// Quote kinds allowed (`kind:`); each `kind:` token narrows further.
    pub kinds: Vec<Vec<QuoteKind>>,
}

const KINDS: [QuoteKind; 4] = [
    QuoteKind::Direct,
    QuoteKind::Partial,
    QuoteKind::Indirect,
    QuoteKind::Term,
];

impl Query {
    pub fn parse(q: &str) -> Query {
        let mut out = Query::default();
        for tok in q.split_whitespace() {
            let f = fold(tok);
            if let Some(rest) = f.strip_prefix("kind:") {
                if rest.is_empty() {
                    continue;
                }
                let ks: Vec<QuoteKind> = KINDS
                    .iter()
                    .copied()
                    .filter(|k| {
                        k.name().starts_with(rest) || (rest == "reported" && *k == QuoteKind::Indirect)
                    })
                    .collect();
                out.kinds.push(ks);
            } else if let Some(rest) = f.strip_prefix('!') {
                if !rest.is_empty() {
                    out.exclude.push(rest.to_string());
                }
            } else if let Some(rest) = f.strip_prefix('@') {
                if !rest.is_empty() {
                    out.speakers.push(rest.to_string());
                }
            } else if let Some(rest) = f.strip_prefix('#') {
                if !rest.is_empty() {
                    out.issues.push(rest.to_string());
                }
            } else if let Some(rest) = f.strip_prefix('\'') {
                if !rest.is_empty() {
                    out.terms.push(Term {
                        text: rest.to_string(),
                        exact: true,
                    });
                }
            } else if !f.is_empty() {
                out.terms.push(Term {
                    text: f,
                    exact: false,
                });
            }
        }
        out
    }

    /// True when the query constrains nothing (an empty box shows nothing).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.exclude.is_empty()
            && self.speakers.is_empty()
            && self.issues.is_empty()
            && self.kinds.is_empty()
    }

    pub fn has_filters(&self) -> bool {
        !(self.speakers.is_empty() && self.issues.is_empty() && self.kinds.is_empty())
    }

    /// True when every item matching `self` also matches `prev`, so the
    /// search may look only at `prev`'s candidates. Holds when each of
    /// `prev`'s constraints is implied by one of `self`'s: a fuzzy term by
    /// any term that has it as a subsequence, an exact term by an exact term
    /// that contains it, a speaker/issue fragment by one that contains it, a
    /// kind set by a smaller one; `prev`'s exclusions must all be kept as
    /// they are (a longer `!word` excludes less).
    /// Typo matches break this; the engine checks that separately.
    pub fn narrows(&self, prev: &Query) -> bool {
        let contained = |mine: &[String], theirs: &[String]| {
            theirs.iter().all(|p| mine.iter().any(|m| m.contains(p.as_str())))
        };
        contained(&self.speakers, &prev.speakers)
            && contained(&self.issues, &prev.issues)
            && prev.exclude.iter().all(|p| self.exclude.contains(p))
            && prev
                .kinds
                .iter()
                .all(|p| self.kinds.iter().any(|m| m.iter().all(|k| p.contains(k))))
            && prev.terms.iter().all(|p| {
                self.terms.iter().any(|t| {
                    if p.exact {
                        t.exact && t.text.contains(&p.text)
                    } else {
                        is_subsequence(p.text.as_bytes(), t.text.as_bytes())
                    }
                })
            })
    }
}

/// Is `needle` a (byte) subsequence of `hay`?
pub fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|n| it.any(|h| h == n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_token_kind() {
        let q = Query::parse("Migratión 'Policy !drug @Petro #Trade kind:dir kind: ' !");
        assert_eq!(
            q.terms,
            vec![
                Term {
                    text: "migration".into(),
                    exact: false
                },
                Term {
                    text: "policy".into(),
                    exact: true
                },
            ]
        );
        assert_eq!(q.exclude, vec!["drug"]);
        assert_eq!(q.speakers, vec!["petro"]);
        assert_eq!(q.issues, vec!["trade"]);
        assert_eq!(q.kinds, vec![vec![QuoteKind::Direct]]);
    }

    #[test]
    fn unknown_kind_allows_nothing() {
        assert_eq!(Query::parse("kind:zzz").kinds, vec![Vec::<QuoteKind>::new()]);
        assert_eq!(
            Query::parse("kind:reported").kinds,
            vec![vec![QuoteKind::Indirect]]
        );
    }

    #[test]
    fn narrowing_rules() {
        let p = |s| Query::parse(s);
        assert!(p("migr").narrows(&p("mig")));
        assert!(p("migration p").narrows(&p("migration")));
        assert!(p("migration").narrows(&p("migration ")));
        assert!(p("mgr").narrows(&p("mr")));
        assert!(!p("mi").narrows(&p("mig")));
        assert!(!p("'mig").narrows(&p("'mgi")));
        assert!(p("'migr").narrows(&p("'mig")));
        assert!(p("'migr").narrows(&p("mg")));
        assert!(!p("mig").narrows(&p("'mig")));
        assert!(p("mig !a").narrows(&p("mig")));
        assert!(!p("mig !ab").narrows(&p("mig !a")));
        assert!(p("mig @p").narrows(&p("mig")));
        assert!(p("mig @pe").narrows(&p("mig @p")));
        assert!(!p("mig @e").narrows(&p("mig @p")));
        assert!(p("kind:di").narrows(&p("kind:d")));
        assert!(!p("kind:d").narrows(&p("kind:p")));
    }
}
