//! `briefing quotes`: every quote with its speaker, filtered by speaker,
//! issue or kind; as text for people or JSON for scripts.

use super::Input;
use crate::analysis::{actors, Quote, QuoteKind};
use crate::text::fold;
use crate::Index;
use clap::Args;
use std::fmt::Write as _;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct QuotesArgs {
    #[command(flatten)]
    pub input: Input,
    /// Only quotes by this speaker (a name or alias, any case, accents optional).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only quotes on this issue (its name or a label).
    #[arg(long, value_name = "NAME")]
    pub issue: Option<String>,
    /// Only quotes of this kind: direct, partial, indirect or term.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Print a JSON array of quotes (the fields of the index JSON's quotes).
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: QuotesArgs) -> anyhow::Result<ExitCode> {
    let index = super::open(&args.input)?;
    let quotes = match select(&index, &args) {
        Ok(q) => q,
        Err(msg) => {
            eprintln!("briefing: {msg}");
            return Ok(ExitCode::from(2));
        }
    };
    if args.json {
        let out: Vec<_> = quotes
            .iter()
            .map(|q| crate::index::json::quote(&index, q))
            .collect();
        super::emit(&(serde_json::to_string_pretty(&out)? + "\n"))?;
    } else {
        super::emit(&render(&index, &quotes))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The quotes the filters keep, or a message naming the filter that
/// matched nothing.
pub fn select<'a>(index: &'a Index, args: &QuotesArgs) -> Result<Vec<&'a Quote>, String> {
    let a = &index.analysis;
    let kind = match &args.kind {
        None => None,
        Some(k) => Some(
            QuoteKind::parse(k)
                .ok_or_else(|| format!("unknown quote kind {k:?} (direct, partial, indirect, term)"))?,
        ),
    };
    let speaker = match &args.speaker {
        None => None,
        Some(name) => {
            let id = actors::lookup(&a.actors, name);
            let f = fold(name.trim());
            let by_text = a.quotes.iter().any(|q| {
                q.speaker_text
                    .as_deref()
                    .is_some_and(|t| fold(t).split_whitespace().any(|w| w == f) || fold(t) == f)
            });
            if id.is_none() && !by_text {
                return Err(format!("no speaker named {name:?}"));
            }
            Some((id, f))
        }
    };
    let issue = match &args.issue {
        None => None,
        Some(name) => {
            let f = fold(name.trim());
            let exact = a
                .issues
                .iter()
                .find(|i| fold(&i.name) == f || i.labels.iter().any(|l| fold(l) == f));
            let keyword = || a.issues.iter().find(|i| i.keywords.iter().any(|k| fold(k) == f));
            let loose = || a.issues.iter().find(|i| fold(&i.name).contains(&f));
            match exact.or_else(keyword).or_else(loose) {
                Some(i) => Some(i.id),
                None => return Err(format!("no issue named {name:?}")),
            }
        }
    };
    Ok(a.quotes
        .iter()
        .filter(|q| kind.is_none_or_eq(q.kind))
        .filter(|q| match &speaker {
            None => true,
            Some((Some(id), _)) => q.speaker == Some(*id),
            // A group that is no actor (`skeptics`): its words.
            Some((None, f)) => {
                q.speaker.is_none()
                    && q.speaker_text
                        .as_deref()
                        .is_some_and(|t| fold(t) == *f || fold(t).split_whitespace().any(|w| w == f))
            }
        })
        .filter(|q| issue.is_none_or_in(&q.issues))
        .collect())
}

trait OptExt<T> {
    fn is_none_or_eq(&self, v: T) -> bool;
    fn is_none_or_in(&self, vs: &[T]) -> bool;
}

impl<T: PartialEq + Copy> OptExt<T> for Option<T> {
    fn is_none_or_eq(&self, v: T) -> bool {
        self.is_none_or_in(&[v])
    }
    fn is_none_or_in(&self, vs: &[T]) -> bool {
        match self {
            None => true,
            Some(x) => vs.contains(x),
        }
    }
}

/// The quote's own line: the block's first line plus the line breaks its
/// text keeps before the quote. Blocks joined from hard-wrapped lines keep
/// no breaks, so there it is the block's first line (the index holds no raw
/// text to count in).
fn quote_line(b: &crate::corpus::Block, q: &crate::analysis::Quote) -> u32 {
    let before = b.text.get(..q.at.span.start as usize).unwrap_or("");
    b.line + before.matches('\n').count() as u32
}

/// Text on one line: a quote spanning lines in its block is joined.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One block per quote: `[kind] speaker: “text” — article title (line N)`.
pub fn render(index: &Index, quotes: &[&Quote]) -> String {
    let mut out = String::new();
    for q in quotes {
        let speaker = index.speaker_label(q);
        let (title, line) = index
            .article(q.at.article)
            .map(|art| {
                (
                    art.label(),
                    art.blocks
                        .get(q.at.block as usize)
                        .map_or(0, |b| quote_line(b, q)),
                )
            })
            .unwrap_or(("?", 0));
        let _ = writeln!(
            out,
            "[{}] {}: \u{201C}{}\u{201D} \u{2014} {} (line {})",
            q.kind.name(),
            speaker,
            one_line(q.at.text(&index.articles)),
            title,
            line
        );
    }
    out
}
