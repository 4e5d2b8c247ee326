//! `briefing search QUERY [PATHS…]`: the best quotes and sentences for a
//! query (syntax: docs/search.md), with where each came from. Matched
//! characters are shown in reverse video when stdout is a terminal and
//! NO_COLOR is unset, else between `[` and `]`.

use super::Input;
use crate::search::store::Source;
use crate::search::{self, Target};
use crate::Index;
use clap::Args;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The query (quote it if it holds spaces).
    pub query: String,
    #[command(flatten)]
    pub input: Input,
    /// How many hits to print.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print the hits as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Where a hit sits, for printing.
struct Place<'a> {
    kind: &'static str,
    id: u32,
    path: &'a str,
    article: &'a str,
    line: u32,
    speaker: Option<String>,
}

fn place(index: &Index, t: Target) -> Place<'_> {
    let (kind, id, ev, speaker) = match t {
        Target::Quote(q) => {
            let quote = index.analysis.quotes.get(q as usize);
            let speaker = quote.and_then(|q| {
                q.speaker
                    .and_then(|a| index.analysis.actors.get(a as usize))
                    .map(|a| a.name.clone())
                    .or_else(|| q.speaker_text.as_deref().map(String::from))
            });
            ("quote", q, quote.map(|q| q.at), speaker)
        }
        Target::Sentence(s) => (
            "sentence",
            s,
            index.analysis.sentences.get(s as usize).map(|s| s.evidence()),
            None,
        ),
    };
    let art = ev.and_then(|e| index.article(e.article));
    Place {
        kind,
        id,
        path: art.map(|a| a.path.as_str()).unwrap_or(""),
        article: art.map(|a| a.label()).unwrap_or(""),
        line: ev
            .and_then(|e| index.block(e.article, e.block))
            .map(|b| b.line)
            .unwrap_or(0),
        speaker,
    }
}

/// `text` with `ranges` marked: ANSI reverse video or brackets.
pub fn mark(text: &str, ranges: &[(usize, usize)], ansi: bool) -> String {
    // Same length, so the ranges still hold.
    let text = &super::sentences::one_line(text);
    let (open, close) = if ansi { ("\x1b[7m", "\x1b[27m") } else { ("[", "]") };
    let mut out = String::with_capacity(text.len() + ranges.len() * 8);
    let mut at = 0;
    for &(a, b) in ranges {
        let (Some(before), Some(mid)) = (text.get(at..a), text.get(a..b)) else {
            continue;
        };
        out.push_str(before);
        out.push_str(open);
        out.push_str(mid);
        out.push_str(close);
        at = b;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

pub fn run(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let index = super::sentences::open(&args.input)?;
    let (res, stats) = search::search_source(&Source::Index(index.clone()), &args.query, args.limit);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        let hits: Vec<serde_json::Value> = res
            .hits
            .iter()
            .map(|h| {
                let p = place(&index, h.target);
                serde_json::json!({
                    "kind": p.kind,
                    "id": p.id,
                    "score": h.score,
                    "text": search::target_text(&index, h.target),
                    "ranges": h.ranges,
                    "path": p.path,
                    "article": p.article,
                    "line": p.line,
                    "speaker": p.speaker,
                })
            })
            .collect();
        let v = serde_json::json!({
            "query": args.query,
            "matched": res.matched,
            "typo": stats.typo,
            "hits": hits,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        let ansi = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        for h in &res.hits {
            let p = place(&index, h.target);
            let who = p.speaker.map(|s| format!(" — {s}")).unwrap_or_default();
            let text = mark(search::target_text(&index, h.target), &h.ranges, ansi);
            let r = writeln!(
                out,
                "{:>5} {}:{} {}{}\n      {}",
                h.score, p.path, p.line, p.kind, who, text
            );
            if r.is_err() {
                return Ok(ExitCode::SUCCESS);
            }
        }
        let _ = writeln!(
            out,
            "{} of {} matches{}",
            res.hits.len(),
            res.matched,
            if stats.typo { " (allowing one typo)" } else { "" }
        );
    }
    let _ = out.flush();
    Ok(if res.matched == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
