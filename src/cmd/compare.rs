//! `briefing compare ACTOR ACTOR… [PATHS…]`: who wants what, side by side.
//! An issue × actor table of one-line stance summaries with source markers,
//! then the evidence behind every cell; or the same as JSON.
//!
//! Arguments that exist on disk are article paths, the rest actor names,
//! matched (folded) against actors' names, aliases and metonyms (`petro`,
//! `washington`, `u.s.`). An unknown name is an error listing the nearest
//! names, exit code 2.

use super::Input;
use crate::analysis::{issues, stances, Actor, ActorId, IssueId, Stance};
use crate::text::fold;
use crate::Index;
use clap::Args;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// Actor names and article files or folders, in any order: what exists
    /// on disk is read as articles (default: the embedded briefing).
    #[command(flatten)]
    pub input: Input,
    /// Only this issue (name, label or keyword).
    #[arg(long, value_name = "NAME")]
    pub issue: Option<String>,
    /// Print JSON: {actors, issues, cells:[{actor, issue, summary, evidence}]}
    /// (evidence `article` and `block` are 0-based ids, `start`/`end` byte
    /// offsets in the block's text, `line` 1-based in the file).
    #[arg(long)]
    pub json: bool,
}

/// Width of the text table when the terminal's is unknown.
const DEFAULT_WIDTH: usize = 120;

pub fn run(args: CompareArgs) -> anyhow::Result<ExitCode> {
    let (paths, names): (Vec<PathBuf>, Vec<PathBuf>) =
        args.input.paths.iter().cloned().partition(|p| p.exists());
    let input = Input {
        paths,
        lexicon: args.input.lexicon.clone(),
    };
    let index = super::open(&input)?;
    let a = &index.analysis;

    let mut chosen: Vec<ActorId> = Vec::new();
    for n in &names {
        let n = n.to_string_lossy();
        match resolve_actor(&a.actors, &n) {
            Some(id) => {
                if !chosen.contains(&id) {
                    chosen.push(id);
                }
            }
            None => {
                eprintln!("briefing compare: no actor or file named '{n}'");
                let near = nearest(&a.actors, &n, 3);
                if !near.is_empty() {
                    eprintln!("  nearest actors: {}", near.join(", "));
                }
                return Ok(ExitCode::from(2));
            }
        }
    }
    if chosen.is_empty() {
        // No names: every actor with a stance, most stances first.
        let mut count = vec![0usize; a.actors.len()];
        for s in &a.stances {
            if let Some(c) = count.get_mut(s.actor as usize) {
                *c += 1;
            }
        }
        let mut ids: Vec<ActorId> = (0..a.actors.len() as ActorId)
            .filter(|&i| count[i as usize] > 0)
            .collect();
        ids.sort_by_key(|&i| std::cmp::Reverse(count[i as usize]));
        chosen = ids;
    }
    let only_issue = match &args.issue {
        None => None,
        Some(name) => match issues::find_by_name(&a.issues, name) {
            Some(i) => Some(i),
            None => {
                eprintln!("briefing compare: no issue named '{name}'");
                let names: Vec<&str> = a.issues.iter().map(|i| i.name.as_str()).collect();
                eprintln!("  issues: {}", names.join(", "));
                return Ok(ExitCode::from(2));
            }
        },
    };

    let table = build(&index, &chosen, only_issue);
    if args.json {
        super::emit(&(serde_json::to_string_pretty(&table)? + "\n"))?;
    } else {
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .filter(|&w: &usize| w >= 40)
            .unwrap_or(DEFAULT_WIDTH);
        super::emit(&render(&index, &table, width))?;
    }
    Ok(if index.articles.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Every form an actor goes by, folded, a leading `the` dropped; the
/// short forms of governments (`u.s.` for `the U.S. government`) included.
fn forms(a: &Actor) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |s: &str| {
        let f = fold(s.trim());
        let f = f.strip_prefix("the ").unwrap_or(&f).to_string();
        if !f.is_empty() && !out.contains(&f) {
            out.push(f);
        }
    };
    for s in std::iter::once(&a.name).chain(a.aliases.iter()) {
        add(s);
        if a.kind == crate::analysis::ActorKind::Government {
            if let Some(sf) = stances::short_form(s) {
                add(&sf);
            }
        }
    }
    out
}

/// The actor a command-line name means: a name or alias (folded, possessive
/// and `the` dropped), else the actor whose name has it as a whole word.
pub fn resolve_actor(actors: &[Actor], name: &str) -> Option<ActorId> {
    let f = fold(name.trim());
    let f = f.strip_prefix("the ").unwrap_or(&f);
    let f = f.strip_suffix("'s").unwrap_or(f).trim();
    if f.is_empty() {
        return None;
    }
    actors
        .iter()
        .find(|a| forms(a).iter().any(|x| x == f))
        .or_else(|| {
            actors
                .iter()
                .find(|a| fold(&a.name).split_whitespace().any(|w| w == f))
        })
        .map(|a| a.id)
}

/// Edit distance with adjacent transpositions counted as one edit
/// (`petor` is one edit from `petro`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, x) in d[0].iter_mut().enumerate() {
        *x = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// Up to `k` actor names nearest to `name` by edit distance over every
/// form; the canonical name breaks ties before the alphabet does.
pub fn nearest(actors: &[Actor], name: &str, k: usize) -> Vec<String> {
    let f = fold(name.trim());
    let mut scored: Vec<(usize, usize, &str)> = actors
        .iter()
        .map(|a| {
            let own = fold(&a.name);
            let d = forms(a)
                .iter()
                .map(|x| edit_distance(&f, x))
                .min()
                .unwrap_or(usize::MAX);
            (d, edit_distance(&f, &own), a.name.as_str())
        })
        .collect();
    scored.sort();
    scored.into_iter().take(k).map(|x| x.2.to_string()).collect()
}

#[derive(Serialize, Debug)]
pub struct EvidenceJ {
    pub text: String,
    pub article: u32,
    pub source: &'static str,
    pub block: u32,
    pub start: u32,
    pub end: u32,
    pub line: u32,
}

#[derive(Serialize, Debug)]
pub struct CellJ {
    pub actor: String,
    pub issue: String,
    pub summary: String,
    pub evidence: Vec<EvidenceJ>,
}

#[derive(Serialize, Debug)]
pub struct CompareJ {
    pub actors: Vec<String>,
    pub issues: Vec<String>,
    pub cells: Vec<CellJ>,
}

/// The 1-based line of the file a span of a block starts on.
fn line_of(index: &Index, s: &Stance) -> u32 {
    index
        .block(s.at.article, s.at.block)
        .map(|b| {
            let before = b.text.get(..s.at.span.start as usize).unwrap_or("");
            b.line + before.matches('\n').count() as u32
        })
        .unwrap_or(0)
}

/// The comparison: issues (rows) with a stance of any chosen actor, in
/// issue order; one cell per (issue, actor) that has a summary.
pub fn build(index: &Index, actors: &[ActorId], only: Option<IssueId>) -> CompareJ {
    let a = &index.analysis;
    let mut issue_ids: Vec<IssueId> = a
        .summaries
        .iter()
        .filter(|s| actors.contains(&s.actor) && only.map_or(true, |i| i == s.issue))
        .map(|s| s.issue)
        .collect();
    issue_ids.sort_unstable();
    issue_ids.dedup();
    let mut cells = Vec::new();
    for &i in &issue_ids {
        for &ac in actors {
            let Some(sum) = a.summaries.iter().find(|s| s.actor == ac && s.issue == i) else {
                continue;
            };
            let evidence = sum
                .stances
                .iter()
                .filter_map(|&id| a.stances.get(id as usize))
                .map(|s| EvidenceJ {
                    text: s.text(&index.articles).to_string(),
                    article: s.at.article,
                    source: s.source.name(),
                    block: s.at.block,
                    start: s.at.span.start,
                    end: s.at.span.end,
                    line: line_of(index, s),
                })
                .collect();
            cells.push(CellJ {
                actor: actor_name(index, ac),
                issue: issue_name(index, i),
                summary: sum.summary.clone(),
                evidence,
            });
        }
    }
    CompareJ {
        actors: actors.iter().map(|&x| actor_name(index, x)).collect(),
        issues: issue_ids.iter().map(|&x| issue_name(index, x)).collect(),
        cells,
    }
}

fn actor_name(index: &Index, id: ActorId) -> String {
    index
        .analysis
        .actors
        .get(id as usize)
        .map_or_else(String::new, |a| a.name.clone())
}

fn issue_name(index: &Index, id: IssueId) -> String {
    index
        .analysis
        .issues
        .get(id as usize)
        .map_or_else(String::new, |a| a.name.clone())
}

/// Greedy word wrap to `width` display columns (a word longer than the
/// width is cut by chars).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(4);
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        while word.width() > width {
            let mut head = String::new();
            for c in word.chars() {
                if (head.clone() + &c.to_string()).width() > width {
                    break;
                }
                head.push(c);
            }
            if head.is_empty() {
                break;
            }
            if !cur.is_empty() {
                lines.push(std::mem::take(&mut cur));
            }
            lines.push(head.clone());
            word = word[head.len()..].to_string();
        }
        if cur.is_empty() {
            cur = word;
        } else if cur.width() + 1 + word.width() <= width {
            cur.push(' ');
            cur.push_str(&word);
        } else {
            lines.push(std::mem::replace(&mut cur, word));
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// The text table, then each cell's evidence.
pub fn render(index: &Index, t: &CompareJ, width: usize) -> String {
    let mut out = String::new();
    if t.cells.is_empty() {
        let _ = writeln!(out, "No stances found for {}.", t.actors.join(", "));
        return out;
    }
    let issue_w = t.issues.iter().map(|i| i.width()).max().unwrap_or(5).clamp(5, 28);
    let n = t.actors.len().max(1);
    let col_w = (width.saturating_sub(issue_w + 3 * n) / n).max(12);
    let marker = |c: &CellJ| {
        c.evidence
            .first()
            .map_or_else(String::new, |e| format!(" [{}]", e.article + 1))
    };
    // Header.
    let mut head = pad("Issue", issue_w);
    for a in &t.actors {
        head.push_str(" │ ");
        head.push_str(&pad(&wrap(a, col_w)[0], col_w));
    }
    let _ = writeln!(out, "{}", head.trim_end());
    let mut rule = "─".repeat(issue_w);
    for _ in &t.actors {
        rule.push_str("─┼─");
        rule.push_str(&"─".repeat(col_w));
    }
    let _ = writeln!(out, "{rule}");
    for issue in &t.issues {
        let issue_lines = wrap(issue, issue_w);
        let cols: Vec<Vec<String>> = t
            .actors
            .iter()
            .map(|a| {
                t.cells
                    .iter()
                    .find(|c| &c.actor == a && &c.issue == issue)
                    .map_or_else(
                        || vec!["—".to_string()],
                        |c| wrap(&format!("{}{}", c.summary, marker(c)), col_w),
                    )
            })
            .collect();
        let rows = cols
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(1)
            .max(issue_lines.len());
        for r in 0..rows {
            let mut line = pad(issue_lines.get(r).map_or("", String::as_str), issue_w);
            for c in &cols {
                line.push_str(" │ ");
                line.push_str(&pad(c.get(r).map_or("", String::as_str), col_w));
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    // Sources legend.
    let mut used: Vec<u32> = t
        .cells
        .iter()
        .flat_map(|c| c.evidence.iter().map(|e| e.article))
        .collect();
    used.sort_unstable();
    used.dedup();
    let _ = writeln!(out);
    for a in used {
        if let Some(art) = index.article(a) {
            let _ = writeln!(out, "[{}] {}", a + 1, art.label());
        }
    }
    // Evidence.
    let _ = writeln!(out, "\nEvidence");
    for c in &t.cells {
        for e in &c.evidence {
            let _ = writeln!(
                out,
                "{} · {}: “{}” — [{}] {}, line {}",
                c.actor,
                c.issue,
                stances::summarise(&e.text),
                e.article + 1,
                e.source,
                e.line
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ActorKind;

    fn actor(id: u32, name: &str, kind: ActorKind, aliases: &[&str]) -> Actor {
        Actor {
            id,
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            mentions: 0,
            mentions_by_article: Default::default(),
            discovered: false,
        }
    }

    fn actors() -> Vec<Actor> {
        vec![
            actor(0, "Gustavo Petro", ActorKind::Person, &["Petro"]),
            actor(
                1,
                "U.S. government",
                ActorKind::Government,
                &["the U.S. government", "Washington"],
            ),
        ]
    }

    #[test]
    fn names_resolve_through_aliases_folded() {
        let a = actors();
        assert_eq!(resolve_actor(&a, "petro"), Some(0));
        assert_eq!(resolve_actor(&a, "Petro’s"), Some(0));
        assert_eq!(resolve_actor(&a, "gustavo"), Some(0));
        assert_eq!(resolve_actor(&a, "WASHINGTON"), Some(1));
        assert_eq!(resolve_actor(&a, "u.s."), Some(1));
        assert_eq!(resolve_actor(&a, "maduro"), None);
    }

    #[test]
    fn nearest_names_by_edit_distance() {
        assert_eq!(nearest(&actors(), "petor", 1), ["Gustavo Petro"]);
        assert_eq!(nearest(&actors(), "washingtn", 1), ["U.S. government"]);
    }

    #[test]
    fn wrap_fits_width() {
        for l in wrap("De‑emphasize militarization and forced eradication", 12) {
            assert!(l.width() <= 12, "{l}");
        }
        assert_eq!(wrap("", 10), [""]);
    }
}
