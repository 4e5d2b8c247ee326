//! Index integrity: every id resolves and every span lies inside its text on
//! char boundaries. Run by `briefing check --strict` and by every test that
//! builds an index.

use super::Index;
use crate::analysis::Evidence;

/// Every problem found, as readable lines; empty when the index is sound.
pub fn validate(index: &Index) -> Vec<String> {
    let mut errs = Vec::new();
    let a = &index.analysis;
    let check = |what: &str, e: &Evidence, errs: &mut Vec<String>| match index.block(e.article, e.block) {
        None => errs.push(format!("{what}: block {}/{} does not exist", e.article, e.block)),
        Some(b) => {
            let (s, t) = (e.span.start as usize, e.span.end as usize);
            if s > t || t > b.text.len() || !b.text.is_char_boundary(s) || !b.text.is_char_boundary(t) {
                errs.push(format!(
                    "{what}: span {s}..{t} does not fit block {}/{}",
                    e.article, e.block
                ));
            }
        }
    };
    for (ai, art) in index.articles.iter().enumerate() {
        for (bi, b) in art.blocks.iter().enumerate() {
            if let Some(t) = &b.table {
                for (ri, row) in std::iter::once(&t.header).chain(t.rows.iter()).enumerate() {
                    if row.len() != t.header.len() {
                        errs.push(format!(
                            "table {ai}/{bi} row {ri}: {} cells, header has {}",
                            row.len(),
                            t.header.len()
                        ));
                    }
                    for c in row {
                        let ev = Evidence {
                            article: ai as u32,
                            block: bi as u32,
                            span: c.span,
                        };
                        check("table cell", &ev, &mut errs);
                    }
                }
            }
        }
    }
    for (i, s) in a.sentences.iter().enumerate() {
        check(&format!("sentence {i}"), &s.evidence(), &mut errs);
    }
    let n_actors = a.actors.len() as u32;
    let n_issues = a.issues.len() as u32;
    let n_sent = a.sentences.len() as u32;
    for (i, actor) in a.actors.iter().enumerate() {
        if actor.id != i as u32 {
            errs.push(format!("actor {i} has id {}", actor.id));
        }
    }
    for (i, issue) in a.issues.iter().enumerate() {
        if issue.id != i as u32 {
            errs.push(format!("issue {i} has id {}", issue.id));
        }
    }
    for m in &a.mentions {
        if m.actor >= n_actors {
            errs.push(format!("mention of unknown actor {}", m.actor));
        }
        check("mention", &m.at, &mut errs);
    }
    for (i, q) in a.quotes.iter().enumerate() {
        if q.id != i as u32 {
            errs.push(format!("quote {i} has id {}", q.id));
        }
        check(&format!("quote {i}"), &q.at, &mut errs);
        if let Some(sa) = &q.speaker_at {
            check(&format!("quote {i} speaker"), sa, &mut errs);
        }
        if q.speaker.is_some_and(|s| s >= n_actors) {
            errs.push(format!("quote {i}: unknown speaker"));
        }
        if q.issues.iter().any(|&x| x >= n_issues) {
            errs.push(format!("quote {i}: unknown issue"));
        }
        if q.sentence >= n_sent && n_sent > 0 {
            errs.push(format!("quote {i}: unknown sentence"));
        }
    }
    for (i, s) in a.stances.iter().enumerate() {
        if s.id != i as u32 {
            errs.push(format!("stance {i} has id {}", s.id));
        }
        if s.actor >= n_actors || s.issue >= n_issues {
            errs.push(format!("stance {i}: unknown actor or issue"));
        }
        check(&format!("stance {i}"), &s.at, &mut errs);
    }
    for sum in &a.summaries {
        if sum.actor >= n_actors || sum.issue >= n_issues {
            errs.push("summary: unknown actor or issue".into());
        }
        if sum.stances.iter().any(|&x| x as usize >= a.stances.len()) {
            errs.push("summary: unknown stance".into());
        }
    }
    for g in &a.alignments {
        if g.issue >= n_issues || g.passages.iter().any(|&p| p >= n_sent) {
            errs.push("alignment: unknown issue or sentence".into());
        }
    }
    for s in &a.sentences {
        if s.issues.iter().any(|&x| x >= n_issues) {
            errs.push("sentence: unknown issue".into());
        }
    }
    errs
}
