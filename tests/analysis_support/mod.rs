//! Hand-built articles for the issue/stance/alignment tests: a tiny reader
//! of the seeds' shapes (pipe tables, `- ` list items, headings, paragraphs)
//! that does not depend on the corpus parser.
#![allow(dead_code)]

use briefing::analysis::{analyze, Analysis, Lexicon};
use briefing::corpus::{Article, Block, BlockKind, Cell, Format, Table};
use briefing::text::Span;

fn table_block(lines: &[(&str, u32)]) -> Block {
    let text: String = lines.iter().map(|l| l.0).collect::<Vec<_>>().join("\n");
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut off = 0;
    for (l, _) in lines {
        let is_sep = l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
        if !is_sep {
            let mut cells = Vec::new();
            let bars: Vec<usize> = l.match_indices('|').map(|(i, _)| i).collect();
            for w in bars.windows(2) {
                let raw = &l[w[0] + 1..w[1]];
                let lead = raw.len() - raw.trim_start().len();
                let t = raw.trim();
                let s = off + w[0] + 1 + lead;
                cells.push(Cell {
                    text: t.to_string(),
                    span: Span::new(s, s + t.len()),
                });
            }
            rows.push(cells);
        }
        off += l.len() + 1;
    }
    let header = if rows.is_empty() {
        Vec::new()
    } else {
        rows.remove(0)
    };
    let mut b = Block::new(BlockKind::Table, text, lines[0].1, Span::default());
    b.table = Some(Box::new(Table { header, rows }));
    b
}

/// Reads `text` into blocks: the first line is the title.
pub fn article(path: &str, text: &str) -> Article {
    let mut a = Article::new(path, Format::Plain);
    let mut table: Vec<(&str, u32)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i as u32 + 1;
        let t = line.trim();
        if t.starts_with('|') {
            table.push((t, n));
            continue;
        }
        if !table.is_empty() {
            a.blocks.push(table_block(&table));
            table.clear();
        }
        if t.is_empty() {
            continue;
        }
        if a.title.is_empty() {
            a.title = t.to_string();
            continue;
        }
        let (kind, body) = if let Some(rest) = t.strip_prefix("- ") {
            (BlockKind::ListItem, rest)
        } else if !t.ends_with(['.', '?', '!', ':', '”', '"']) && t.split_whitespace().count() < 16 {
            (BlockKind::Heading, t)
        } else {
            (BlockKind::Paragraph, t)
        };
        a.blocks.push(Block::new(kind, body, n, Span::default()));
    }
    if !table.is_empty() {
        a.blocks.push(table_block(&table));
    }
    a
}

/// The three seed articles, read by `article`.
pub fn seeds() -> Vec<Article> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/briefing");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("seed folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("seed file");
            article(&p.display().to_string(), &text)
        })
        .collect()
}

pub fn analyse(articles: &[Article]) -> Analysis {
    analyze(articles, &Lexicon::embedded())
}

pub fn actor_id(a: &Analysis, name: &str) -> u32 {
    a.actors
        .iter()
        .find(|x| x.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no actor {name}: {:?}",
                a.actors.iter().map(|x| &x.name).collect::<Vec<_>>()
            )
        })
        .id
}

pub fn issue_id(a: &Analysis, name: &str) -> u32 {
    a.issues
        .iter()
        .find(|x| x.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no issue {name}: {:?}",
                a.issues.iter().map(|x| &x.name).collect::<Vec<_>>()
            )
        })
        .id
}

/// Actors straight from the lexicon (names, aliases and metonyms), so these
/// tests do not hang on the actor stage.
pub fn lexicon_actors(lex: &Lexicon) -> Vec<briefing::analysis::Actor> {
    lex.actors
        .iter()
        .enumerate()
        .map(|(i, e)| briefing::analysis::Actor {
            id: i as u32,
            name: e.name.clone(),
            kind: e.kind,
            aliases: e.aliases.iter().chain(e.metonyms.iter()).cloned().collect(),
            mentions: 0,
            mentions_by_article: Default::default(),
            discovered: false,
        })
        .collect()
}

/// The analysis with lexicon actors and no quotes: sentences, issues,
/// stances and alignment only.
pub fn analyse_own(articles: &[Article]) -> Analysis {
    use briefing::analysis::{align, issues, sentences, stances};
    let lex = Lexicon::embedded();
    let actors = lexicon_actors(&lex);
    let mut sents = sentences::split_corpus(articles);
    let mut quotes = Vec::new();
    let ws = briefing::analysis::words::of_sentences(articles, &sents);
    let iss = issues::assign(articles, &mut sents, &ws, &mut quotes, &actors, &lex);
    let (st, sums) = stances::find(articles, &sents, &ws, &actors, &[], &iss, &quotes, &lex);
    let al = align::align(articles, &sents, &ws, &iss);
    Analysis {
        sentences: sents,
        actors,
        mentions: Vec::new(),
        issues: iss,
        quotes,
        stances: st,
        summaries: sums,
        alignments: al,
    }
}
