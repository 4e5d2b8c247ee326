//! `briefing sentences`: every item search sees, one per line (quotes
//! first, then sentences, line breaks inside turned into spaces), so anyone
//! can run `fzf --filter` over the very same lines and compare.

use super::Input;
use crate::analysis::{Analysis, Sentence};
use crate::search::store::Source;
use crate::text::Span;
use crate::Index;
use clap::Args;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Args, Debug)]
pub struct SentencesArgs {
    #[command(flatten)]
    pub input: Input,
    /// Leave quotes out (sentences only).
    #[arg(long)]
    pub no_quotes: bool,
}

pub fn run(args: SentencesArgs) -> anyhow::Result<ExitCode> {
    let index = open(&args.input)?;
    let src = Source::Index(index.clone());
    let first = if args.no_quotes { src.quotes() } else { 0 };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for i in first..src.len() {
        if let Err(e) = writeln!(out, "{}", one_line(src.text(i))) {
            // A closed pipe (`| head`) is a normal way to stop.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(e.into());
        }
    }
    let _ = out.flush();
    Ok(if index.articles.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The item as one line: ASCII control characters (line breaks, tabs)
/// become spaces, byte for byte, so offsets into `s` still hold.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_control() { ' ' } else { c })
        .collect()
}

/// Opens the inputs like every command, but with sentences guaranteed:
/// when analysis produced none from non-empty articles (the segmenter not
/// yet in this build), a naive splitter stands in so search, `sentences`
/// and `bench` still have items.
pub fn open(input: &Input) -> anyhow::Result<Arc<Index>> {
    Ok(ensure_sentences(super::open(input)?))
}

pub fn ensure_sentences(index: Arc<Index>) -> Arc<Index> {
    if !index.analysis.sentences.is_empty() || index.articles.iter().all(|a| a.blocks.is_empty()) {
        return index;
    }
    let mut analysis: Analysis = index.analysis.clone();
    analysis.sentences = naive_sentences(&index.articles);
    Arc::new(Index::from_parts(
        index.name.clone(),
        index.articles.clone(),
        index.warnings.clone(),
        analysis,
    ))
}

/// Splits body blocks after `.`, `?` or `!` (and any closing quotes)
/// followed by a space; good enough to give search and benches items.
pub fn naive_sentences(articles: &[crate::corpus::Article]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        for (bi, b) in a.blocks.iter().enumerate() {
            if !b.kind.is_body() {
                continue;
            }
            let t = &b.text;
            let bytes = t.as_bytes();
            let mut start = 0;
            let mut i = 0;
            while i < bytes.len() {
                let c = bytes[i];
                let is_end = matches!(c, b'.' | b'?' | b'!' | b'\n');
                if is_end {
                    let mut j = i + 1;
                    // Closing quotes after the stop: ASCII ' " or UTF-8 ’ ” (E2 80 99/9D).
                    loop {
                        if j < bytes.len() && (bytes[j] == b'"' || bytes[j] == b'\'') {
                            j += 1;
                        } else if j + 2 < bytes.len()
                            && bytes[j] == 0xE2
                            && bytes[j + 1] == 0x80
                            && (bytes[j + 2] == 0x99 || bytes[j + 2] == 0x9D)
                        {
                            j += 3;
                        } else {
                            break;
                        }
                    }
                    if c == b'\n' || j >= bytes.len() || bytes[j] == b' ' {
                        push(&mut out, ai, bi, t, start, if c == b'\n' { i } else { j });
                        start = j.min(bytes.len());
                        i = j;
                        continue;
                    }
                }
                i += 1;
            }
            push(&mut out, ai, bi, t, start, bytes.len());
        }
    }
    out
}

fn push(out: &mut Vec<Sentence>, ai: usize, bi: usize, t: &str, start: usize, end: usize) {
    let s = t.get(start..end).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let (a, b) = (start + lead, end - trail);
    if a < b && t.is_char_boundary(a) && t.is_char_boundary(b) {
        out.push(Sentence {
            article: ai as u32,
            block: bi as u32,
            span: Span::new(a, b),
            issues: Default::default(),
        });
    }
}
