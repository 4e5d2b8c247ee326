//! `briefing gen-corpus`: writes a deterministic synthetic corpus of
//! plain-text news articles (see `crate::gen`).

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct GenCorpusArgs {
    /// How many articles.
    #[arg(long, default_value_t = 100)]
    pub articles: usize,
    /// Seed: the same seed always writes the same files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Body words per article on average.
    #[arg(long, default_value_t = 400)]
    pub words_per_article: usize,
    /// The folder to write into (created if missing; must be empty unless --force).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Write into a non-empty folder (only article-NNNNNN.txt files are written).
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: GenCorpusArgs) -> anyhow::Result<ExitCode> {
    let opts = crate::gen::Options {
        articles: args.articles,
        seed: args.seed,
        words_per_article: args.words_per_article,
    };
    let bytes = crate::gen::write_corpus(&args.out, &opts, args.force)?;
    eprintln!(
        "wrote {} articles ({:.1} MB) to {}",
        args.articles,
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
