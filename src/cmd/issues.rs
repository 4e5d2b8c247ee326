//! `briefing issues [PATHS…]`: the issues the articles speak to, with how
//! often each is mentioned (in all and per article), the labels merged into
//! it, and how many passages several sources share or only one gives.

use super::Input;
use crate::Index;
use clap::Args;
use serde::Serialize;
use std::fmt::Write as _;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct IssuesArgs {
    #[command(flatten)]
    pub input: Input,
    /// Print JSON: {articles, issues:[{id, name, discovered, mentions,
    /// mentions_by_article, labels, keywords, aligned_groups, single_source}]}.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize, Debug)]
pub struct IssueRow {
    pub id: u32,
    pub name: String,
    pub discovered: bool,
    pub mentions: u32,
    /// Serialises dense: one count per article.
    pub mentions_by_article: crate::analysis::ByArticle,
    pub labels: Vec<String>,
    pub keywords: Vec<String>,
    /// Groups of passages from two or more articles saying the same thing.
    pub aligned_groups: usize,
    /// Passages only one article gives.
    pub single_source: usize,
}

#[derive(Serialize, Debug)]
pub struct IssuesJ {
    pub articles: Vec<String>,
    pub issues: Vec<IssueRow>,
}

pub fn rows(index: &Index) -> IssuesJ {
    let a = &index.analysis;
    let mut issues: Vec<IssueRow> = a
        .issues
        .iter()
        .map(|i| {
            let groups = a.alignments.iter().filter(|g| g.issue == i.id);
            let (multi, single) = groups.fold(
                (0, 0),
                |(m, s), g| {
                    if g.single_source {
                        (m, s + 1)
                    } else {
                        (m + 1, s)
                    }
                },
            );
            IssueRow {
                id: i.id,
                name: i.name.clone(),
                discovered: i.discovered,
                mentions: i.mentions,
                mentions_by_article: i.mentions_by_article.clone(),
                labels: i.labels.clone(),
                keywords: i.keywords.clone(),
                aligned_groups: multi,
                single_source: single,
            }
        })
        .collect();
    // Most spoken-to first, as the TUI lists them; ties keep lexicon order.
    issues.sort_by(|x, y| y.mentions.cmp(&x.mentions).then(x.id.cmp(&y.id)));
    IssuesJ {
        articles: index.articles.iter().map(|a| a.label().to_string()).collect(),
        issues,
    }
}

pub fn render(t: &IssuesJ) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} issues in {} articles", t.issues.len(), t.articles.len());
    if t.issues.is_empty() {
        return out;
    }
    let name_w = t
        .issues
        .iter()
        .map(|i| i.name.chars().count())
        .max()
        .unwrap_or(5)
        .clamp(5, 32);
    let per_w = t
        .issues
        .iter()
        .map(|i| per_article(i).chars().count())
        .max()
        .unwrap_or(11)
        .max("per article".len());
    let _ = writeln!(
        out,
        "\n{:<name_w$}  {:<10}  {:>8}  {:<per_w$}  {:>6}  {:>6}  labels",
        "issue", "source", "mentions", "per article", "shared", "single"
    );
    for i in &t.issues {
        let name: String = i.name.chars().take(name_w).collect();
        // Its own column: a mark after the labels read as part of them.
        let source = if i.discovered { "discovered" } else { "lexicon" };
        let _ = writeln!(
            out,
            "{:<name_w$}  {:<10}  {:>8}  {:<per_w$}  {:>6}  {:>6}  {}",
            name,
            source,
            i.mentions,
            per_article(i),
            i.aligned_groups,
            i.single_source,
            i.labels.join(", "),
        );
    }
    let _ = writeln!(
        out,
        "\nshared: groups of passages several articles give; single: passages only one gives; source: lexicon or discovered in the text"
    );
    for (n, a) in t.articles.iter().enumerate() {
        let _ = writeln!(out, "[{}] {}", n + 1, a);
    }
    out
}

/// Mentions per article, one number each for a handful of articles; for
/// more, in how many articles it is mentioned and the most in one.
fn per_article(i: &IssueRow) -> String {
    const LISTED: usize = 8;
    let by = &i.mentions_by_article;
    if by.n_articles() <= LISTED {
        return by.dense().map(|m| m.to_string()).collect::<Vec<_>>().join(" · ");
    }
    let (n, top) = by.iter().fold((0, (0, 0)), |(n, top), (a, m)| {
        (n + 1, if m > top.1 { (a, m) } else { top })
    });
    format!("in {n}/{}, most {} in [{}]", by.n_articles(), top.1, top.0 + 1)
}

pub fn run(args: IssuesArgs) -> anyhow::Result<ExitCode> {
    let index = super::open(&args.input)?;
    let t = rows(&index);
    if args.json {
        super::emit(&(serde_json::to_string_pretty(&t)? + "\n"))?;
    } else {
        super::emit(&render(&t))?;
    }
    Ok(if index.articles.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
