//! `briefing index`: a readable summary of the index, or the whole of it as JSON.

use super::Input;
use crate::corpus::BlockKind;
use crate::Index;
use clap::Args;
use std::fmt::Write as _;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct IndexArgs {
    #[command(flatten)]
    pub input: Input,
    /// Print the whole index as JSON (format: docs/index-format.md).
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: IndexArgs) -> anyhow::Result<ExitCode> {
    let index = super::open_quiet(&args.input)?;
    if args.json {
        let mut text = serde_json::to_string_pretty(&crate::index::json::to_json(&index))?;
        text.push('\n');
        super::emit(&text)?;
    } else {
        super::emit(&summary(&index))?;
    }
    Ok(if index.articles.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The readable summary: per article its metadata and blocks by kind, then
/// totals and warnings.
pub fn summary(index: &Index) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {} articles", index.name, index.articles.len());
    let mut totals = [0usize; BlockKind::ALL.len()];
    for (i, a) in index.articles.iter().enumerate() {
        let _ = writeln!(out, "\n[{}] {}", i + 1, a.label());
        let _ = writeln!(out, "    path:     {}", a.path);
        if let Some(s) = &a.subtitle {
            let _ = writeln!(out, "    subtitle: {s}");
        }
        let _ = writeln!(out, "    author:   {}", a.author.as_deref().unwrap_or("-"));
        let _ = writeln!(out, "    date:     {}", a.date.as_deref().unwrap_or("-"));
        let mut counts = [0usize; BlockKind::ALL.len()];
        for b in &a.blocks {
            counts[b.kind as usize] += 1;
            totals[b.kind as usize] += 1;
        }
        let _ = writeln!(out, "    blocks:   {}", kinds_line(&counts));
        for b in a.blocks.iter().filter(|b| b.kind == BlockKind::Table) {
            if let Some(t) = &b.table {
                let head: Vec<&str> = t.header.iter().map(|c| c.text.as_str()).collect();
                let _ = writeln!(
                    out,
                    "    table (line {}): {} rows × {} columns: {}",
                    b.line,
                    t.rows.len(),
                    t.columns(),
                    head.join(" | ")
                );
            }
        }
        let n = index.article_sentences(i as u32).len();
        let _ = writeln!(out, "    sentences: {n}");
    }
    let a = &index.analysis;
    let _ = writeln!(out, "\ntotal: {}", kinds_line(&totals));
    let _ = writeln!(
        out,
        "       {} sentences, {} quotes, {} actors, {} issues, {} stances, {} aligned groups",
        a.sentences.len(),
        a.quotes.len(),
        a.actors.len(),
        a.issues.len(),
        a.stances.len(),
        a.alignments.len()
    );
    let _ = writeln!(out, "warnings: {}", index.warnings.len());
    for w in &index.warnings {
        let _ = writeln!(out, "  {w}");
    }
    out
}

fn kinds_line(counts: &[usize]) -> String {
    BlockKind::ALL
        .iter()
        .zip(counts)
        .map(|(k, n)| format!("{n} {}", k.name()))
        .collect::<Vec<_>>()
        .join(", ")
}
