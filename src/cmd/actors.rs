//! `briefing actors`: who the articles name, how often, and by which names.

use super::Input;
use crate::Index;
use clap::Args;
use serde::Serialize;
use std::fmt::Write as _;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ActorsArgs {
    #[command(flatten)]
    pub input: Input,
    /// Print a JSON array of actors.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct MentionsJ<'a> {
    total: u32,
    by_article: &'a crate::analysis::ByArticle,
}

#[derive(Serialize)]
struct ActorJ<'a> {
    id: u32,
    name: &'a str,
    kind: &'static str,
    mentions: MentionsJ<'a>,
    aliases: &'a [String],
    discovered: bool,
}

pub fn run(args: ActorsArgs) -> anyhow::Result<ExitCode> {
    let index = super::open(&args.input)?;
    if args.json {
        let out: Vec<ActorJ> = index
            .analysis
            .actors
            .iter()
            .map(|a| ActorJ {
                id: a.id,
                name: &a.name,
                kind: a.kind.name(),
                mentions: MentionsJ {
                    total: a.mentions,
                    by_article: &a.mentions_by_article,
                },
                aliases: &a.aliases,
                discovered: a.discovered,
            })
            .collect();
        super::emit(&(serde_json::to_string_pretty(&out)? + "\n"))?;
    } else {
        super::emit(&render(&index))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Actors by mentions, most named first:
/// `Name (kind) — N mentions: [1] 4, [2] 3` and their aliases.
pub fn render(index: &Index) -> String {
    let mut actors: Vec<_> = index.analysis.actors.iter().collect();
    actors.sort_by_key(|a| std::cmp::Reverse(a.mentions));
    let mut out = String::new();
    for a in actors {
        let per: Vec<String> = a
            .mentions_by_article
            .iter()
            .map(|(i, n)| format!("[{}] {n}", i + 1))
            .collect();
        let _ = writeln!(
            out,
            "{} ({}{}) \u{2014} {} mentions: {}",
            a.name,
            a.kind.name(),
            if a.discovered { ", discovered" } else { "" },
            a.mentions,
            per.join(", ")
        );
        if !a.aliases.is_empty() {
            let _ = writeln!(out, "    aliases: {}", a.aliases.join("; "));
        }
    }
    out
}
