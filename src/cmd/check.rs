//! `briefing check`: load, print every warning, and a summary. Exit 0 when at
//! least one article loaded, 1 when none did (2 is clap's, for usage errors).

use super::Input;
use clap::Args;
use std::fmt::Write as _;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: Input,
    /// Also validate the index: every id resolves, every span fits its text.
    #[arg(long)]
    pub strict: bool,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let index = super::open_quiet(&args.input)?;
    let mut out = String::new();
    for w in &index.warnings {
        let _ = writeln!(out, "{w}");
    }
    let mut bad = false;
    if args.strict {
        let errs = crate::index::validate(&index);
        for e in &errs {
            let _ = writeln!(out, "index: {e}");
        }
        bad = !errs.is_empty();
    }
    let blocks: usize = index.articles.iter().map(|a| a.blocks.len()).sum();
    let _ = writeln!(
        out,
        "{} articles, {} blocks, {} sentences, {} warnings{}",
        index.articles.len(),
        blocks,
        index.analysis.sentences.len(),
        index.warnings.len(),
        if args.strict {
            if bad {
                ", index INVALID"
            } else {
                ", index valid"
            }
        } else {
            ""
        }
    );
    if index.articles.is_empty() {
        let _ = writeln!(
            out,
            "no article could be loaded: check the paths, or see the warnings above"
        );
    }
    super::emit(&out)?;
    Ok(if index.articles.is_empty() || bad {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
