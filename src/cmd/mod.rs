//! The command line: one module per subcommand. Output is plain text for
//! people or JSON for scripts; every string printed comes from the index,
//! which neutralised it at load.

pub mod actors;
pub mod bench;
pub mod check;
pub mod compare;
pub mod gen_corpus;
pub mod index;
pub mod issues;
pub mod progress;
pub mod quotes;
pub mod search;
pub mod sentences;

use crate::analysis::Lexicon;
use crate::corpus::{self, LoadOptions, Loaded};
use crate::Index;
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(
    name = "briefing",
    version,
    about = "A terminal briefing browser: who wants what on which issue, who said it, and where the sources differ.",
    long_about = "Opens a pack of news articles (plain text, Markdown, JSON, JSON Lines; files or folders) \
                  and shows their quotes, actors, issues and stances. With no path it opens the default \
                  briefing compiled into the binary.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub input: Input,
}

/// Where the articles come from; shared by every subcommand.
#[derive(Args, Debug, Clone, Default)]
pub struct Input {
    /// Article files or folders (default: the embedded briefing).
    pub paths: Vec<PathBuf>,
    /// An actor/issue lexicon (JSON) merged over the default one.
    #[arg(long, value_name = "FILE", global = true)]
    pub lexicon: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Summarise the index, or print it whole as JSON.
    Index(index::IndexArgs),
    /// Load, print every warning as FILE[:LINE]: message, and a summary.
    Check(check::CheckArgs),
    /// Compare actors' stances issue by issue: ACTOR… [PATHS…] (names are
    /// matched through aliases; what exists on disk is read as articles).
    Compare(compare::CompareArgs),
    /// List the issues with mention counts, labels and cross-source alignment.
    Issues(issues::IssuesArgs),
    /// List quotes with their speakers (filter by --speaker, --issue, --kind).
    Quotes(quotes::QuotesArgs),
    /// List actors with their mentions and aliases.
    Actors(actors::ActorsArgs),
    /// Fuzzy-search quotes and sentences (query syntax: docs/search.md).
    Search(search::SearchArgs),
    /// Print every item search sees, one per line (for fzf and friends).
    Sentences(sentences::SentencesArgs),
    /// Write a deterministic synthetic corpus of news articles.
    GenCorpus(gen_corpus::GenCorpusArgs),
    /// Measure loading, analysis, search and rendering (docs/performance.md).
    Bench(bench::BenchArgs),
}

/// Runs the parsed command line; the exit code is the command's.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    crate::heap::one_per_core();
    match cli.command {
        None => browse(&cli.input),
        Some(Command::Index(a)) => index::run(a),
        Some(Command::Check(a)) => check::run(a),
        Some(Command::Quotes(a)) => quotes::run(a),
        Some(Command::Actors(a)) => actors::run(a),
        Some(Command::Compare(a)) => compare::run(a),
        Some(Command::Issues(a)) => issues::run(a),
        Some(Command::Search(a)) => search::run(a),
        Some(Command::Sentences(a)) => sentences::run(a),
        Some(Command::GenCorpus(a)) => gen_corpus::run(a),
        Some(Command::Bench(a)) => bench::run(a),
    }
}

/// `briefing [PATHS…]`: the terminal UI. Refuses early, with a message and no
/// escape sequences, when there is no terminal to draw on or nothing to show.
fn browse(input: &Input) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "briefing: the browser needs a terminal (standard input and output are not one); \
             for scripts use a subcommand such as `briefing index` or `briefing quotes` (see --help)"
        );
        return Ok(ExitCode::from(2));
    }
    let index = if input.paths.is_empty() {
        // The embedded briefing is tiny: build it before the first frame.
        let index = open(input)?;
        crate::tui::run(index.clone())?;
        index
    } else {
        // Files from disk may be many: show a progress gauge while they load.
        let lex = lexicon(input)?;
        let input = input.clone();
        let built = crate::tui::run_loading(move |progress, on_stage| {
            // `..default()` so options added to LoadOptions later keep this compiling.
            #[allow(clippy::needless_update)]
            let opts = LoadOptions {
                progress: Some(progress),
                ..LoadOptions::default()
            };
            let loaded = corpus::load_paths(&input.paths, &opts);
            let index = Index::build_with(name(&input), loaded, &lex, &|k| on_stage(k));
            crate::heap::return_freed();
            index
        })?;
        match built {
            None => return Ok(ExitCode::SUCCESS),
            Some(index) => keep_until_exit(index),
        }
    };
    tell_warnings(&index);
    if index.articles.is_empty() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Tells stderr what went wrong while loading: every warning (each names
/// its file, and line where it can) when nothing could be loaded, else how
/// many there were.
fn tell_warnings(index: &Index) {
    if index.articles.is_empty() {
        for w in &index.warnings {
            eprintln!("{w}");
        }
        eprintln!("briefing: no article could be loaded from the given paths");
    } else if !index.warnings.is_empty() {
        let n = index.warnings.len();
        eprintln!(
            "briefing: {n} warning{} while loading; `briefing check` with the same paths lists them",
            if n == 1 { "" } else { "s" }
        );
    }
}

/// Writes a command's output. A pipe closed early (`briefing index --json |
/// head`) ends the output quietly; any other failure (a full disk) is an
/// error with a message, never the panic `print!` would raise.
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(anyhow::anyhow!("cannot write output: {e}")),
    }
}

/// Loads the inputs (or the embedded briefing) without analysing them.
pub fn load(input: &Input) -> Loaded {
    if input.paths.is_empty() {
        corpus::load_embedded()
    } else {
        corpus::load_paths(&input.paths, &LoadOptions::default())
    }
}

/// The lexicon to analyse with: the embedded one, with the user's merged over it.
pub fn lexicon(input: &Input) -> anyhow::Result<Lexicon> {
    let mut lex = Lexicon::embedded();
    if let Some(p) = &input.lexicon {
        lex.merge(Lexicon::from_file(p)?);
    }
    Ok(lex)
}

/// A briefing's name: the embedded one's, or the single path's file name.
pub fn name(input: &Input) -> String {
    match input.paths.as_slice() {
        [] => corpus::embedded::name().to_string(),
        [one] => display_name(one),
        many => format!("{} inputs", many.len()),
    }
}

fn display_name(p: &Path) -> String {
    let n = p
        .canonicalize()
        .ok()
        .and_then(|c| c.file_name().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| p.display().to_string());
    crate::text::sanitize::sanitize_line(&n)
}

/// Loads and analyses the inputs into an index, with progress on stderr
/// when it is a terminal and the files are many, and the load's warnings
/// told on stderr (see `tell_warnings`).
pub fn open(input: &Input) -> anyhow::Result<Arc<Index>> {
    let index = open_quiet(input)?;
    if !input.paths.is_empty() {
        tell_warnings(&index);
    }
    Ok(index)
}

/// `open` without telling the warnings, for commands that list them
/// themselves (`check`, `index`).
pub fn open_quiet(input: &Input) -> anyhow::Result<Arc<Index>> {
    let lex = lexicon(input)?;
    if input.paths.is_empty() {
        return Ok(Index::build(name(input), corpus::load_embedded(), &lex));
    }
    let progress = progress::StderrProgress::new();
    let opts = LoadOptions {
        progress: progress.as_ref().map(|p| p.files()),
    };
    let mut clock = crate::timings::StageClock::from_env();
    let loaded = corpus::load_paths(&input.paths, &opts);
    clock.lap("load");
    let index = Index::build_with(name(input), loaded, &lex, &|k| {
        if let Some(p) = &progress {
            p.stage(k);
        }
    });
    clock.lap("index");
    crate::heap::return_freed();
    if let Some(p) = &progress {
        p.finish();
    }
    Ok(keep_until_exit(index))
}

/// Keeps an index built from files alive until the process ends: the
/// command's last act would otherwise be to free it, millions of small
/// allocations at 100,000 articles (most of a second, after the answer or
/// after the browser quit), which the OS takes back at once on exit.
fn keep_until_exit(index: Arc<Index>) -> Arc<Index> {
    std::mem::forget(Arc::clone(&index));
    index
}
