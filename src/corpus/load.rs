//! Reading inputs: files and folders (walked recursively, in a stable order,
//! hidden entries, symlink loops and special files never followed), decoded,
//! neutralised, and parsed by format. Loading many files uses every core.
//!
//! The walk is sequential and sorted, so the list of files (and the walk's
//! warnings) is the same on every run; reading and parsing then run in
//! parallel, and results are put back in walk order.
//!
//! Choices worth knowing:
//! - Inside folders only known extensions (`.txt .text .md .markdown .json
//!   .jsonl .ndjson`) and extensionless files that look like text are read;
//!   anything else (images, PDFs…) is skipped without a word. A file named
//!   on the command line is always tried, its format sniffed from content.
//! - A `.json` file that does not parse is skipped with a warning giving the
//!   parser's line and column, unless it does not even start like JSON (no
//!   `{` or `[`): then it is prose with a misleading name and is read as
//!   plain text, with a warning.
//! - Text that is not UTF-8 keeps its valid UTF-8 runs and reads the other
//!   bytes as Windows-1252 (a superset of Latin-1 for printable text), so a
//!   mostly-UTF-8 file with one stray byte is not turned into mojibake.

use super::{embedded, plain, Article, Format, Warning};
use crate::text::sanitize::{is_clean, sanitize_line};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs::{self, File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
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

/// Folders nested deeper than this below a named folder are not entered.
pub const MAX_DEPTH: usize = 64;
/// Files larger than this are not read (a news article is a few KiB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// How much of a file the binary sniff looks at.
const SNIFF_BYTES: usize = 8 * 1024;

/// A path as it may be shown: escape sequences in file names neutralised.
pub fn display_path(p: &Path) -> String {
    let s = p.display().to_string();
    // Most paths need no change; the walk makes one for every file.
    let unchanged =
        !s.starts_with('\u{feff}') && is_clean(&s) && !s.contains('\n') && s.trim().len() == s.len();
    if unchanged {
        s
    } else {
        sanitize_line(&s)
    }
}

/// How a file was found, which decides how hard we try to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Known extension: read as that format.
    Known(Format),
    /// Extensionless file inside a folder: plain if it is text, else
    /// skipped quietly (executables, lock files…).
    MaybeText,
    /// Named on the command line without a known extension: sniffed, and
    /// a warning if nothing fits.
    Sniff,
}

enum Job {
    Read {
        path: PathBuf,
        shown: String,
        kind: Kind,
    },
    Warn(Warning),
}

/// The format a file name promises, if any.
fn format_of(path: &Path) -> Option<Option<Format>> {
    let Some(ext) = path.extension() else {
        return Some(None);
    };
    let ext = ext.to_string_lossy().to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Some(Format::Plain)),
        "md" | "markdown" => Some(Some(Format::Markdown)),
        "json" => Some(Some(Format::Json)),
        "jsonl" | "ndjson" => Some(Some(Format::Jsonl)),
        _ => None,
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// A file's or folder's identity (device, inode), where the platform gives one.
type FileId = (u64, u64);

/// Identity of a file or folder, to never visit one twice (symlink loops,
/// the same folder named twice).
#[cfg(unix)]
fn identity(_path: &Path, meta: &Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_path: &Path, _meta: &Metadata) -> Option<FileId> {
    None
}

/// The walk lists files without looking each one up: a file reached twice
/// (a link beside its target, a file named along with its folder) is found
/// by the identity of its open handle when read, and only its first
/// reading is kept (see `load_paths`).
#[derive(Default)]
struct Walk {
    jobs: Vec<Job>,
    seen_dirs: HashSet<FileId>,
    seen_canon_dirs: HashSet<PathBuf>,
}

impl Walk {
    fn warn(&mut self, path: &Path, msg: impl Into<String>) {
        self.jobs
            .push(Job::Warn(Warning::new(display_path(path), None, msg)));
    }

    /// Marks a folder visited; false if it already was.
    fn enter_dir(&mut self, path: &Path, meta: &Metadata) -> bool {
        match identity(path, meta) {
            Some(id) => self.seen_dirs.insert(id),
            None => match fs::canonicalize(path) {
                Ok(c) => self.seen_canon_dirs.insert(c),
                Err(_) => true,
            },
        }
    }

    fn add_file(&mut self, path: &Path, kind: Kind) {
        self.jobs.push(Job::Read {
            path: path.to_path_buf(),
            shown: display_path(path),
            kind,
        });
    }

    /// A regular file met in a folder: read if its name promises an
    /// article or says nothing.
    fn add_found_file(&mut self, path: &Path) {
        match format_of(path) {
            Some(Some(f)) => self.add_file(path, Kind::Known(f)),
            Some(None) => self.add_file(path, Kind::MaybeText),
            None => {} // images, PDFs…: not articles
        }
    }

    /// A path named by the user: read whatever it is, warn if it cannot be.
    fn explicit(&mut self, path: &Path) {
        let lmeta = match fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) => return self.warn(path, format!("cannot read: {}", io_reason(&e))),
        };
        let meta = if lmeta.file_type().is_symlink() {
            match fs::metadata(path) {
                Ok(m) => m,
                Err(e) => return self.warn(path, format!("symlink leads nowhere ({})", io_reason(&e))),
            }
        } else {
            lmeta
        };
        if meta.is_dir() {
            if self.enter_dir(path, &meta) {
                self.dir(path, 0);
            }
        } else if meta.is_file() {
            let kind = match format_of(path) {
                Some(Some(f)) => Kind::Known(f),
                _ => Kind::Sniff,
            };
            self.add_file(path, kind);
        } else {
            self.warn(path, special_message(&meta));
        }
    }

    /// Walks a folder already marked visited. Recursion is bounded by
    /// `MAX_DEPTH`, so input cannot overflow the stack.
    fn dir(&mut self, dir: &Path, depth: usize) {
        let rd = match fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => return self.warn(dir, format!("cannot read folder: {}", io_reason(&e))),
        };
        let mut entries: Vec<(std::ffi::OsString, fs::DirEntry)> = Vec::new();
        for e in rd {
            match e {
                Ok(e) => entries.push((e.file_name(), e)),
                Err(e) => self.warn(dir, format!("cannot list folder entry: {}", io_reason(&e))),
            }
        }
        entries.sort_by(|a, b| a.0.as_encoded_bytes().cmp(b.0.as_encoded_bytes()));
        entries.retain(|(name, _)| !is_hidden(name));
        // A regular file's type comes with its entry (`d_type` on Linux and
        // most file systems): it is listed as it is and checked when opened.
        // Any other entry (a folder, a link, a special file, or a file
        // system that does not say) is looked up, one syscall each, in
        // parallel for a big folder; what is done with them stays
        // sequential and in order. At 100,000 files the lookups were most
        // of the walk.
        let look = |e: &fs::DirEntry| match e.file_type() {
            Ok(t) if t.is_file() => None,
            _ => Some(e.metadata()),
        };
        let metas: Vec<Option<std::io::Result<Metadata>>> = if entries.len() >= 64 {
            entries.par_iter().map(|(_, e)| look(e)).collect()
        } else {
            entries.iter().map(|(_, e)| look(e)).collect()
        };
        for ((_, entry), lmeta) in entries.into_iter().zip(metas) {
            let path = entry.path();
            let Some(lmeta) = lmeta else {
                self.add_found_file(&path);
                continue;
            };
            let lmeta = match lmeta {
                Ok(m) => m,
                Err(e) => {
                    // Vanished between listing and looking: say so, go on.
                    self.warn(&path, format!("cannot read: {}", io_reason(&e)));
                    continue;
                }
            };
            let is_link = lmeta.file_type().is_symlink();
            let meta = if is_link {
                match fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) => {
                        self.warn(&path, format!("symlink leads nowhere ({})", io_reason(&e)));
                        continue;
                    }
                }
            } else {
                lmeta
            };
            if meta.is_dir() {
                if depth + 1 > MAX_DEPTH {
                    self.warn(
                        &path,
                        format!("folder nested more than {MAX_DEPTH} deep; not read"),
                    );
                } else if self.enter_dir(&path, &meta) {
                    self.dir(&path, depth + 1);
                } else if is_link {
                    self.warn(&path, "symlink leads back to a folder already read; not followed");
                }
            } else if meta.is_file() {
                self.add_found_file(&path);
            } else {
                self.warn(&path, special_message(&meta));
            }
        }
    }
}

fn special_message(meta: &Metadata) -> String {
    let what = special_kind(meta);
    format!("{what}, not a regular file; not read")
}

#[cfg(unix)]
fn special_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_meta: &Metadata) -> &'static str {
    "a special file"
}

/// A short reason for an I/O error, without the OS error number noise.
fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "not found".into(),
        PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Loads every article found under `paths`.
pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions) -> Loaded {
    let mut walk = Walk::default();
    for p in paths {
        walk.explicit(p);
    }
    let total = walk.jobs.iter().filter(|j| matches!(j, Job::Read { .. })).count();
    let done = AtomicUsize::new(0);
    // Each file is read and parsed by one task, so its raw bytes are dropped
    // as soon as it is parsed and no core waits for a batch of reads (with
    // reading and parsing apart, the cores' threads were busy half of the
    // load's wall time at 100,000 files). The tasks run on many threads
    // when there are many files (see `reading_pool`): a read from a cold
    // file cache waits on the device, and the other threads parse
    // meanwhile. Each file's warnings stay in order, its read's before its
    // parse's.
    let each = |job: &Job| -> (Option<FileId>, Vec<Article>, Vec<Warning>) {
        let (path, shown, kind) = match job {
            Job::Warn(w) => return (None, Vec::new(), vec![w.clone()]),
            Job::Read { path, shown, kind } => (path, shown, *kind),
        };
        let mut warnings = Vec::new();
        let mut id = None;
        let bytes = read_bytes(path, shown, &mut id, &mut warnings);
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(progress) = &opts.progress {
            progress(n, total);
        }
        let articles = match bytes {
            Some(bytes) => parse_file(bytes, shown, kind, &mut warnings),
            None => Vec::new(),
        };
        (id, articles, warnings)
    };
    let mut out = Loaded {
        articles: Vec::with_capacity(total),
        warnings: Vec::new(),
    };
    let mut seen_files: HashSet<FileId> = HashSet::new();
    // Articles from `sealed` on are not yet laid out together, and hold
    // `unsealed` bytes of text.
    let (mut sealed, mut unsealed) = (0, 0);
    // A window of files at a time: each file's articles come in a list of
    // their own, moved into the one list as the next window is read. A
    // window's freed lists are reused by the next; all 100,000 at once
    // were left as holes among the articles' strings (8 MB more resident
    // after loading a million sentences).
    let mut load = || {
        crate::windows::gather(
            &walk.jobs,
            || (),
            |(), _, job| each(job),
            |(id, articles, warnings)| {
                // The same file reached twice would double its articles (and
                // its warnings): only its first reading, in walk order, counts.
                if id.is_some_and(|id| !seen_files.insert(id)) {
                    return;
                }
                unsealed += articles.iter().map(text_len).sum::<usize>();
                out.articles.extend(articles);
                out.warnings.extend(warnings);
                // In strings of about `ARENA` each, a big file's articles
                // too: one string for a whole feed would hold its text
                // twice while it is copied.
                while unsealed >= ARENA {
                    let mut bytes = 0;
                    let mut end = sealed;
                    while end < out.articles.len() && bytes < ARENA {
                        bytes += text_len(&out.articles[end]);
                        end += 1;
                    }
                    Article::seal_together(&mut out.articles[sealed..end]);
                    (sealed, unsealed) = (end, unsealed - bytes);
                }
            },
        )
    };
    let paths: Vec<&Path> = walk
        .jobs
        .iter()
        .filter_map(|j| match j {
            Job::Read { path, .. } => Some(path.as_path()),
            Job::Warn(_) => None,
        })
        .collect();
    match reading_pool(&paths) {
        Some(pool) => pool.install(load),
        None => load(),
    }
    Article::seal_together(&mut out.articles[sealed..]);
    out
}

/// How much text the loader lays out in one string, articles back to back
/// in order (`Article::seal_together`). Each article's own string lay
/// wherever its parse left it, among the index's other allocations, and
/// search reads every item's text from there on a keystroke: memory is
/// fetched ahead of use only along a run of it. (Each article is laid out
/// alone first, by `parse_text`, and copied again here: leaving its blocks'
/// strings apart until then held 3 MB more at 2,225 articles.)
const ARENA: usize = 4 << 20;

/// Bytes of text in an article's blocks.
fn text_len(a: &Article) -> usize {
    a.blocks.iter().map(|b| b.text.len()).sum()
}

/// Threads that read and parse files when there are many and they are not
/// in the OS's file cache: 16, or one per core if there are more cores
/// (`None`: the cores' own pool). A read from a cold disk cache waits on
/// the device, and with one thread per core only that many reads are in
/// flight, while with more the others parse meanwhile. With the file cache
/// empty, 100,000 files loaded in 3.7 s instead of 7.1 s and 2,225 in
/// 74-95 ms instead of 130-143 ms. (Measured when these threads only read
/// and the cores' pool parsed; reading and parsing in one task then loaded
/// 100,000 files in 1.5-1.7 s instead of 2.0-2.2 with the file cache warm,
/// 3.1 s instead of 3.4-3.7 with it empty.) With the files cached, the
/// extra threads only take turns on the cores: 100,000 files loaded in a
/// median 1.97 s on the cores' pool against 2.23 s on 16 threads (six
/// alternating runs each).
fn reading_pool(paths: &[&Path]) -> Option<rayon::ThreadPool> {
    if paths.len() < 64 || looks_cached(paths) {
        return None;
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(rayon::current_num_threads().max(16))
        .thread_name(|i| format!("briefing-read-{i}"))
        .build()
        .ok()
}

/// A read of a cached file's first bytes, open to close, takes a few
/// microseconds (5-10 µs here); one from the device tens (80 µs from this
/// machine's virtual disk) to thousands.
const CACHED_READ: std::time::Duration = std::time::Duration::from_micros(25);

/// Whether `paths`' files seem to be in the OS's file cache: sixteen spread
/// over the list take a median of under `CACHED_READ` to open and read
/// their first 4 KB (the median, as a process's first reads are slow
/// whatever the cache holds). The reads are not wasted: those files are
/// then cached for their turn.
fn looks_cached(paths: &[&Path]) -> bool {
    const SAMPLES: usize = 16;
    let mut buf = [0u8; 4096];
    let mut took: Vec<std::time::Duration> = (0..SAMPLES)
        .map(|k| {
            let t = std::time::Instant::now();
            match open_nonblocking(paths[k * paths.len() / SAMPLES]).and_then(|mut f| f.read(&mut buf)) {
                Ok(_) => t.elapsed(),
                // Its warning comes from the load itself; here it is slow.
                Err(_) => std::time::Duration::MAX,
            }
        })
        .collect();
    took.sort_unstable();
    took[SAMPLES / 2] < CACHED_READ
}

/// Parses the bytes of one file read by `read_bytes`; every problem becomes
/// a warning.
fn parse_file(bytes: Vec<u8>, shown: &str, kind: Kind, warnings: &mut Vec<Warning>) -> Vec<Article> {
    let quiet = kind == Kind::MaybeText;
    let text = match decode(bytes) {
        Decoded::Text(t) => t,
        Decoded::Fallback(t, line) => {
            warnings.push(Warning::new(
                shown,
                Some(line),
                "not valid UTF-8; read as Windows-1252/Latin-1",
            ));
            t
        }
        Decoded::Binary => {
            if !quiet {
                warnings.push(Warning::new(shown, None, "binary file, not text; skipped"));
            }
            return Vec::new();
        }
    };
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        // An empty extensionless file in a folder (a placeholder, a lock)
        // never claimed to be an article.
        if !quiet {
            warnings.push(Warning::new(shown, None, "empty file; skipped"));
        }
        return Vec::new();
    }
    let format = match kind {
        Kind::Known(Format::Json) => {
            let start = text.trim_start_matches('\u{feff}').trim_start().chars().next();
            if matches!(start, Some('{') | Some('[')) {
                Format::Json
            } else {
                warnings.push(Warning::new(
                    shown,
                    None,
                    "named .json but not JSON; read as plain text",
                ));
                Format::Plain
            }
        }
        Kind::Known(f) => f,
        Kind::MaybeText | Kind::Sniff => sniff(&text),
    };
    parse_text(shown, format, &text, warnings)
}

/// The format of a file whose name does not say: JSON if it parses as JSON,
/// JSON Lines if its first line is a JSON object, Markdown if it has ATX
/// headings or pipe tables with separator lines, else plain text.
fn sniff(text: &str) -> Format {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        if serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok() {
            return Format::Json;
        }
        let first = t.lines().next().unwrap_or("");
        if first.trim_start().starts_with('{') && serde_json::from_str::<serde::de::IgnoredAny>(first).is_ok()
        {
            return Format::Jsonl;
        }
    }
    if super::markdown::looks_like_markdown(text) {
        return Format::Markdown;
    }
    Format::Plain
}

/// Opens and reads a file without ever blocking on a FIFO or reading a file
/// that is too large. `None` after pushing a warning. Sets `id` to the
/// file's identity when it can be known, even when it cannot be read, so a
/// file reached twice warns once.
fn read_bytes(
    path: &Path,
    shown: &str,
    id: &mut Option<FileId>,
    warnings: &mut Vec<Warning>,
) -> Option<Vec<u8>> {
    let warn = |warnings: &mut Vec<Warning>, msg: String| {
        warnings.push(Warning::new(shown, None, msg));
    };
    // Checked before opening where the open cannot be made non-blocking:
    // opening a FIFO for reading blocks until a writer shows up. On Unix the
    // walk has just seen a regular file here, the open is non-blocking and
    // the handle is checked below, so a second look would only cost a
    // syscall per file.
    #[cfg(not(unix))]
    match fs::metadata(path) {
        Ok(m) if m.is_file() => {}
        Ok(m) => {
            warn(warnings, special_message(&m));
            return None;
        }
        Err(e) => {
            warn(warnings, format!("cannot read: {}", io_reason(&e)));
            return None;
        }
    }
    let mut file = match open_nonblocking(path) {
        Ok(f) => f,
        Err(e) => {
            *id = fs::metadata(path).ok().and_then(|m| identity(path, &m));
            warn(warnings, format!("cannot read: {}", io_reason(&e)));
            return None;
        }
    };
    // Checked on the open handle: the walk takes a regular file's type from
    // its folder entry, and the path may have been swapped for something
    // else since.
    let meta = match file.metadata() {
        Ok(m) => m,
        Err(e) => {
            warn(warnings, format!("cannot read: {}", io_reason(&e)));
            return None;
        }
    };
    *id = identity(path, &meta);
    if !meta.is_file() {
        warn(warnings, special_message(&meta));
        return None;
    }
    let expected = meta.len();
    if expected > MAX_FILE_BYTES {
        warn(
            warnings,
            format!(
                "file is {} MiB, over the {} MiB limit; skipped",
                expected / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        );
        return None;
    }
    let bytes = match read_all(&mut file, expected as usize) {
        Ok(b) => b,
        Err(e) => {
            warn(warnings, format!("read failed: {}", io_reason(&e)));
            return None;
        }
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        warn(
            warnings,
            "file grew past the size limit while being read; skipped".into(),
        );
        return None;
    }
    // Emptied while being read: the caller's "empty file" says it all.
    if (bytes.len() as u64) < expected && !bytes.is_empty() {
        warn(
            warnings,
            format!(
                "file shrank while being read ({} of {} bytes); read what was there",
                bytes.len(),
                expected
            ),
        );
    }
    Some(bytes)
}

/// The whole file (up to one byte past the size limit), for a file that
/// said it holds `expected` bytes. The first read asks for a byte more than
/// that: a regular file reads short only at its end, so when exactly
/// `expected` bytes come back the file is read, without the extra read
/// `read_to_end` makes to see the end.
fn read_all(file: &mut File, expected: usize) -> std::io::Result<Vec<u8>> {
    let mut bytes = vec![0u8; expected + 1];
    let mut got = 0;
    loop {
        match file.read(&mut bytes[got..]) {
            Ok(0) => break,
            Ok(n) => {
                got += n;
                if got == expected || got == bytes.len() {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(got);
    if got > expected {
        // It grew since it was measured: the rest as it comes.
        let room = (MAX_FILE_BYTES + 1).saturating_sub(got as u64);
        file.take(room).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: if the path became a FIFO after the walk looked at it, the
    // open returns at once instead of waiting for a writer; O_NOCTTY: a
    // terminal swapped in never becomes ours. Neither changes anything for
    // regular files.
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

enum Decoded {
    Text(String),
    /// Decoded with the Windows-1252 fallback; the line of the first byte
    /// that was not UTF-8.
    Fallback(String, u32),
    Binary,
}

/// Decodes a file's bytes; valid UTF-8 (the common case) becomes the text
/// without a copy.
fn decode(bytes: Vec<u8>) -> Decoded {
    // UTF-16 with a byte-order mark is text, though full of NULs.
    if let Some(t) = decode_utf16(&bytes) {
        return Decoded::Text(t);
    }
    if looks_binary(&bytes) {
        return Decoded::Binary;
    }
    match String::from_utf8(bytes) {
        Ok(s) => Decoded::Text(s),
        Err(e) => {
            let first_bad = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = memchr::memchr_iter(b'\n', &bytes[..first_bad]).count() as u32 + 1;
            Decoded::Fallback(decode_mixed(&bytes), line)
        }
    }
}

fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let (le, rest) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units = rest.chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// NUL bytes, or many control bytes, near the start: not text. ESC is not
/// counted: coloured terminal logs are text (and get neutralised). A stray
/// NUL in a long text (under one byte in a thousand; scrapers leave them)
/// does not make it binary: skipping the file would lose the article, while
/// binary data has a NUL every few hundred bytes at most.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    // One pass, branch-free per byte so it vectorises: this runs on every file.
    let (mut nuls, mut controls) = (0usize, 0usize);
    for chunk in head.chunks(128) {
        let (mut n, mut c) = (0u8, 0u8);
        for &b in chunk {
            n += u8::from(b == 0);
            c += u8::from(
                b.wrapping_sub(0x01) < 8
                    || b.wrapping_sub(0x0E) < 13
                    || b.wrapping_sub(0x1C) < 4
                    || b == 0x7F,
            );
        }
        nuls += usize::from(n);
        controls += usize::from(c);
    }
    if nuls > 0 && nuls * 1000 >= head.len() {
        return true;
    }
    controls * 10 > head.len()
}

/// Valid UTF-8 runs kept as they are, every other byte read as Windows-1252.
fn decode_mixed(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 4);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // The prefix up to `good` is valid UTF-8 by the error's word.
                out.push_str(std::str::from_utf8(&bytes[..good]).unwrap_or(""));
                let bad = e.error_len().unwrap_or(bytes.len() - good).max(1);
                for &b in &bytes[good..good + bad] {
                    out.push(cp1252(b));
                }
                bytes = &bytes[good + bad..];
            }
        }
    }
}

/// Windows-1252 for one byte (0x80–0x9F are its typographic extras; the
/// five bytes it leaves undefined map to their C1 controls, which
/// sanitising later makes visible).
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Loads the default briefing compiled into the binary.
pub fn load_embedded() -> Loaded {
    let mut out = Loaded::default();
    for (name, text) in embedded::ARTICLES {
        let path = format!("embedded:{name}");
        let mut a = plain::parse(&path, text, &mut out.warnings);
        a.seal();
        out.articles.push(a);
    }
    out
}

/// Parses text already in memory as the given format.
pub fn parse_text(path: &str, format: Format, text: &str, warnings: &mut Vec<Warning>) -> Vec<Article> {
    let mut articles = match format {
        Format::Plain => vec![plain::parse(path, text, warnings)],
        Format::Markdown => vec![super::markdown::parse(path, text, warnings)],
        Format::Json => super::json::parse(path, text, false, warnings),
        Format::Jsonl => super::json::parse(path, text, true, warnings),
    };
    // Articles live as long as the index: the room their arrays grew into
    // (a third of what the blocks take, on average) is given back.
    for a in &mut articles {
        a.seal();
        a.blocks.shrink_to_fit();
        for t in a.blocks.iter_mut().filter_map(|b| b.table.as_mut()) {
            t.rows.shrink_to_fit();
        }
    }
    articles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_files_do_not_look_cached() {
        let paths: Vec<PathBuf> = (0..64)
            .map(|k| PathBuf::from(format!("/nonexistent/briefing/{k}.txt")))
            .collect();
        let paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        assert!(!looks_cached(&paths));
        assert!(reading_pool(&paths).is_some());
        assert!(reading_pool(&paths[..63]).is_none());
    }

    /// A feed bigger than `ARENA` is laid out in strings of about that
    /// size, in order, not in one.
    #[test]
    fn a_big_file_is_laid_out_in_pieces() {
        let dir = tempfile::tempdir().unwrap();
        let body = "Word after word of a long report. ".repeat(100);
        let line = format!("{{\"title\":\"T\",\"body\":\"{body}\"}}\n");
        let n = 3 * ARENA / line.len();
        std::fs::write(dir.path().join("feed.jsonl"), line.repeat(n)).unwrap();
        let loaded = load_paths(&[dir.path().to_path_buf()], &LoadOptions::default());
        assert_eq!(loaded.articles.len(), n);
        let mut strings: Vec<(&Arc<String>, usize)> = Vec::new();
        for t in loaded
            .articles
            .iter()
            .flat_map(|a| a.blocks.iter().map(|b| &b.text))
        {
            let (all, start) = t.backing();
            match strings.last_mut() {
                Some((last, end)) if Arc::ptr_eq(last, all) => {
                    assert_eq!(start, *end, "back to back");
                    *end += t.len();
                }
                _ => strings.push((all, start + t.len())),
            }
        }
        assert!((3..=4).contains(&strings.len()), "{} strings", strings.len());
        assert!(strings.iter().all(|(s, _)| s.len() < ARENA + 2 * line.len()));
    }

    #[test]
    fn latin1_decodes() {
        match decode(b"Bogot\xe1 \x93hi\x94".to_vec()) {
            Decoded::Fallback(s, 1) => assert_eq!(s, "Bogotá “hi”"),
            _ => panic!("expected fallback"),
        }
    }

    #[test]
    fn mixed_keeps_utf8() {
        assert_eq!(decode_mixed("Bogotá ".as_bytes()), "Bogotá ");
        let mut v = "Bogotá ".as_bytes().to_vec();
        v.push(0xe9);
        assert_eq!(decode_mixed(&v), "Bogotá é");
    }

    #[test]
    fn binary_detected() {
        assert!(looks_binary(b"ab\0cd"));
        assert!(looks_binary(&[1u8, 2, 3, 4, 5, b'a']));
        assert!(!looks_binary(b"plain text\n\x1b[1mbold\x1b[0m\n"));
        let mut stray = "An article that goes on. ".repeat(200).into_bytes();
        stray[3000] = 0;
        assert!(!looks_binary(&stray));
        stray[3001] = 0;
        stray[3002] = 0;
        stray[3003] = 0;
        stray[3004] = 0;
        assert!(looks_binary(&stray), "five NULs in 5,000 bytes is data");
    }

    #[test]
    fn utf16_bom() {
        let mut v = vec![0xFF, 0xFE];
        for u in "Hi é".encode_utf16() {
            v.extend(u.to_le_bytes());
        }
        assert!(matches!(decode(v), Decoded::Text(s) if s == "Hi é"));
    }

    #[test]
    fn display_path_shortcut_is_sanitize_line() {
        for p in [
            "a/b.txt",
            " lead.txt",
            "trail.txt ",
            "\u{feff}bom.txt",
            "new\nline.txt",
            "esc\u{1b}[2J.txt",
            "tab\t.txt",
            "nbsp\u{a0}",
            "bidi\u{202e}txt.exe",
        ] {
            assert_eq!(display_path(Path::new(p)), sanitize_line(p), "{p:?}");
        }
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff("{\"a\":1}"), Format::Json);
        assert_eq!(sniff("{\"a\":1}\n{\"b\":2}\n"), Format::Jsonl);
        assert_eq!(sniff("[not json"), Format::Plain);
        assert_eq!(sniff("Hello"), Format::Plain);
        assert_eq!(sniff("# Title\n\nText"), Format::Markdown);
    }
}
