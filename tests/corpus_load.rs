//! The loader against hostile file systems. Every hostile file is made in a
//! temporary folder by the test itself; none is committed.

use briefing::corpus::{load_paths, Article, LoadOptions, Loaded, Warning};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

const GOOD: &str = "Harbour strike ends\n\nThe dockworkers' union accepted the offer on Tuesday.\n\nShipping resumes on Monday, the port said.\n";

fn load(paths: &[&Path]) -> Loaded {
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
    load_paths(&paths, &LoadOptions::default())
}

fn all_text(a: &Article) -> String {
    let mut s = a.title.clone();
    for b in &a.blocks {
        s.push('\n');
        s.push_str(&b.text);
    }
    s
}

/// Warnings about a file, found by the end of its (sanitised) path.
fn about<'a>(l: &'a Loaded, file: &str) -> Vec<&'a Warning> {
    l.warnings.iter().filter(|w| w.path.ends_with(file)).collect()
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap();
    }
    fs::write(path, bytes).unwrap();
}

#[test]
fn latin1_is_decoded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("latin.txt");
    write(
        &p,
        b"Talks in Bogot\xe1\n\nThe minister flew to Bogot\xe1 on Monday.\n",
    );
    let l = load(&[&p]);
    assert_eq!(l.articles.len(), 1);
    assert!(all_text(&l.articles[0]).contains("Bogotá"), "{:?}", l.articles[0]);
    let w = about(&l, "latin.txt");
    assert_eq!(w.len(), 1, "{:?}", l.warnings);
    assert!(w[0].message.contains("UTF-8"));
    assert_eq!(w[0].line, Some(1));
}

#[test]
fn binary_and_empty_files_are_skipped_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a-good.txt"), GOOD);
    write(
        &dir.path().join("bin.txt"),
        b"\x7fELF\x02\x01\x01\0\0\0\0\0garbage",
    );
    write(&dir.path().join("empty.txt"), b"");
    write(&dir.path().join("blank.md"), b"  \n\n\t \n");
    let l = load(&[dir.path()]);
    assert_eq!(l.articles.len(), 1);
    assert!(l.articles[0].path.ends_with("a-good.txt"));
    assert!(about(&l, "bin.txt")[0].message.contains("binary"));
    assert!(about(&l, "empty.txt")[0].message.contains("empty"));
    assert!(about(&l, "blank.md")[0].message.contains("empty"));
    assert_eq!(l.warnings.len(), 3, "{:?}", l.warnings);
}

#[cfg(unix)]
#[test]
fn unreadable_file_gets_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("secret.txt");
    write(&p, GOOD);
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    let l = load(&[dir.path()]);
    if fs::File::open(&p).is_ok() {
        // Running as root: permissions do not stop reading.
        assert_eq!(l.articles.len(), 1);
    } else {
        assert!(l.articles.is_empty());
        let w = about(&l, "secret.txt");
        assert_eq!(w.len(), 1, "{:?}", l.warnings);
        assert!(w[0].message.contains("permission denied"));
    }
    fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
}

#[cfg(unix)]
#[test]
fn fifo_is_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success());
    if !matches!(ok, Ok(true)) {
        eprintln!("mkfifo unavailable; skipping");
        return;
    }
    write(&dir.path().join("story.txt"), GOOD);
    // In a folder and named explicitly: both warn, neither blocks.
    let l = load(&[dir.path(), &fifo]);
    assert_eq!(l.articles.len(), 1);
    let w = about(&l, "pipe.txt");
    assert_eq!(w.len(), 2, "{:?}", l.warnings);
    assert!(w.iter().all(|w| w.message.contains("FIFO")));
}

#[cfg(unix)]
#[test]
fn symlink_loops_terminate_and_dangling_links_warn() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("pack");
    write(&root.join("a.txt"), GOOD);
    write(&root.join("sub/b.txt"), GOOD);
    symlink(&root, root.join("sub/loop")).unwrap();
    symlink(root.join("sub"), root.join("sub/self")).unwrap();
    symlink(root.join("nowhere.txt"), root.join("dangling.txt")).unwrap();
    symlink(root.join("a.txt"), root.join("z-link.txt")).unwrap();
    let first = load(&[&root]);
    let second = load(&[&root]);
    assert_eq!(first.articles, second.articles);
    assert_eq!(first.warnings, second.warnings);
    let paths: Vec<&str> = first.articles.iter().map(|a| a.path.as_str()).collect();
    // a.txt once (z-link.txt is the same file), sub/b.txt once.
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("pack/a.txt"));
    assert!(paths[1].ends_with("sub/b.txt"));
    let w = about(&first, "dangling.txt");
    assert_eq!(w.len(), 1, "{:?}", first.warnings);
    assert!(w[0].message.contains("symlink"));
    assert!(!about(&first, "loop").is_empty());

    // A link to a file named directly is read.
    let link = dir.path().join("direct.txt");
    symlink(root.join("a.txt"), &link).unwrap();
    assert_eq!(load(&[&link]).articles.len(), 1);
}

#[test]
fn deep_nesting_loads_and_too_deep_warns() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().join("deep");
    for i in 0..60 {
        deep.push(format!("d{i}"));
    }
    write(&deep.join("bottom.txt"), GOOD);
    let l = load(&[&dir.path().join("deep")]);
    assert_eq!(l.articles.len(), 1, "{:?}", l.warnings);
    assert!(l.warnings.is_empty());

    let mut deeper = dir.path().join("deeper");
    for i in 0..70 {
        deeper.push(format!("d{i}"));
    }
    write(&deeper.join("bottom.txt"), GOOD);
    let l = load(&[&dir.path().join("deeper")]);
    assert!(l.articles.is_empty());
    assert_eq!(l.warnings.len(), 1);
    assert!(l.warnings[0].message.contains("deep"));
}

#[test]
fn hidden_entries_skipped_in_folders_but_read_when_named() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("visible.txt"), GOOD);
    let hidden = dir.path().join(".draft.txt");
    write(&hidden, GOOD);
    write(&dir.path().join(".git/notes.txt"), GOOD);
    let l = load(&[dir.path()]);
    assert_eq!(l.articles.len(), 1);
    assert!(l.articles[0].path.ends_with("visible.txt"));
    assert!(l.warnings.is_empty());
    assert_eq!(load(&[&hidden]).articles.len(), 1);
}

#[test]
fn ten_megabyte_single_line_loads() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("long.txt");
    let mut s = String::from("A very long line\n\n");
    while s.len() < 10 * 1024 * 1024 {
        s.push_str("The council met again and the vote was delayed. ");
    }
    write(&p, &s);
    let l = load(&[&p]);
    assert_eq!(l.articles.len(), 1);
    let total: usize = l.articles[0].blocks.iter().map(|b| b.text.len()).sum();
    assert!(total > 10_000_000);
}

#[test]
fn deeply_nested_json_warns_without_crashing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deep.json");
    write(&p, "[".repeat(100_000));
    let q = dir.path().join("deep.jsonl");
    write(&q, format!("{}\n{}\n", "[".repeat(100_000), "{".repeat(100_000)));
    let l = load(&[&p, &q]);
    assert!(l.articles.is_empty());
    assert_eq!(about(&l, "deep.json").len(), 1, "{:?}", l.warnings);
    let lines: Vec<Option<u32>> = about(&l, "deep.jsonl").iter().map(|w| w.line).collect();
    assert_eq!(lines, [Some(1), Some(2)]);
}

#[test]
fn one_good_article_among_a_hundred_broken_files() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("050-good.txt"), GOOD);
    for i in 0..100 {
        let name = format!("{i:03}-bad.{}", ["json", "txt", "jsonl", "md"][i % 4]);
        let bytes: Vec<u8> = match i % 4 {
            0 => b"{\"title\": \"x\", \"body\": ".to_vec(),
            1 => vec![0u8; 64],
            2 => b"[1, 2,".to_vec(),
            _ => Vec::new(),
        };
        write(&dir.path().join(name), bytes);
    }
    let l = load(&[dir.path()]);
    assert_eq!(l.articles.len(), 1);
    assert!(l.articles[0].path.ends_with("050-good.txt"));
    assert_eq!(l.warnings.len(), 100, "{:?}", l.warnings);
    for w in &l.warnings {
        assert!(w.path.contains("-bad."), "warning names its file: {w}");
    }
    // JSON errors carry the parser's line.
    assert!(about(&l, "000-bad.json")[0].line.is_some());
}

/// Many files are read by a pool of their own, a window at a time: a folder
/// of 2,500 (three windows; good, broken and empty files mixed) loads the
/// same articles and warnings, in the same order, as its files one by one,
/// and reports progress once per file.
#[test]
fn a_large_folder_loads_as_its_files_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for i in 0..2_500 {
        let (ext, bytes): (&str, Vec<u8>) = match i % 7 {
            0 => ("json", b"{\"title\": \"x\", \"body\": ".to_vec()),
            1 => ("txt", vec![0u8; 64]),
            2 => ("md", Vec::new()),
            3 => ("txt", b"caf\xe9 strike\n\nThe union met on Tuesday.\n".to_vec()),
            _ => (
                "txt",
                format!("Story {i}\n\nThe council met {i} times, the mayor said.\n").into_bytes(),
            ),
        };
        let p = dir.path().join(format!("{i:05}.{ext}"));
        write(&p, bytes);
        files.push(p);
    }
    let calls = Arc::new(AtomicUsize::new(0));
    let c2 = calls.clone();
    let opts = LoadOptions {
        progress: Some(Arc::new(move |_, total| {
            assert_eq!(total, 2_500);
            c2.fetch_add(1, Ordering::SeqCst);
        })),
    };
    let whole = load_paths(&[dir.path().to_path_buf()], &opts);
    assert_eq!(calls.load(Ordering::SeqCst), 2_500);
    let mut one_by_one = Loaded::default();
    for f in &files {
        let l = load(&[f]);
        one_by_one.articles.extend(l.articles);
        one_by_one.warnings.extend(l.warnings);
    }
    assert!(whole.articles.len() > 1_000 && whole.warnings.len() > 1_000);
    assert_eq!(whole.articles, one_by_one.articles);
    assert_eq!(whole.warnings, one_by_one.warnings);
}

/// A file reached twice (named along with its folder, or a hard link beside
/// it) is one article, and its warnings come once, even when the two
/// readings fall in different read windows.
#[test]
fn a_file_reached_twice_is_read_once_across_windows() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("pack");
    for i in 0..1_100 {
        let body = format!("Story {i}\n\nThe council met {i} times, the mayor said.\n");
        write(&folder.join(format!("{i:05}.txt")), body);
    }
    // Not UTF-8: a warning that must not come twice.
    write(
        &folder.join("latin.txt"),
        b"caf\xe9 strike\n\nThe union met on Tuesday.\n",
    );
    fs::hard_link(folder.join("00000.txt"), folder.join("zz-hard-link.txt")).unwrap();
    // The first file again, after the whole folder: in the second window.
    let l = load(&[&folder, &folder.join("00000.txt"), &folder.join("latin.txt")]);
    assert_eq!(l.articles.len(), 1_101, "{:?}", l.warnings);
    let paths: Vec<&str> = l.articles.iter().map(|a| a.path.as_str()).collect();
    assert!(paths[0].ends_with("pack/00000.txt"), "{:?}", &paths[..3]);
    assert!(!paths.iter().any(|p| p.ends_with("zz-hard-link.txt")));
    assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
    assert!(l.warnings[0].path.ends_with("latin.txt"));
}

#[test]
fn order_is_input_order_then_walk_order_and_stable() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder");
    for name in ["b.txt", "a.txt", "c/z.txt", "c/y.md", "B.txt", "ä.txt"] {
        write(&folder.join(name), GOOD);
    }
    let single = dir.path().join("single.txt");
    write(&single, GOOD);
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (c2, s2) = (count.clone(), seen.clone());
    let opts = LoadOptions {
        progress: Some(Arc::new(move |done, total| {
            c2.fetch_add(1, Ordering::SeqCst);
            s2.lock().unwrap().push((done, total));
        })),
    };
    let paths = vec![single.clone(), folder.clone()];
    let l = load_paths(&paths, &opts);
    let names: Vec<String> = l
        .articles
        .iter()
        .map(|a| {
            a.path
                .strip_prefix(&*dir.path().to_string_lossy())
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        [
            "/single.txt",
            "/folder/B.txt",
            "/folder/a.txt",
            "/folder/b.txt",
            "/folder/c/y.md",
            "/folder/c/z.txt",
            "/folder/ä.txt"
        ]
    );
    for _ in 0..3 {
        let again = load_paths(&paths, &LoadOptions::default());
        assert_eq!(again.articles, l.articles);
    }
    assert_eq!(count.load(Ordering::SeqCst), 7);
    let mut seen = seen.lock().unwrap().clone();
    seen.sort();
    assert_eq!(seen, (1..=7).map(|n| (n, 7)).collect::<Vec<_>>());
}

#[test]
fn unknown_extensions_skipped_in_folders_sniffed_when_named() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("photo.jpg"), b"\xff\xd8\xff\xe0\0\x10JFIF");
    write(
        &dir.path().join("feed.dat"),
        "{\"title\": \"T\", \"body\": \"B.\"}",
    );
    write(&dir.path().join("README"), GOOD);
    write(&dir.path().join("tool"), b"\x7fELF\0\0\0\0");
    let l = load(&[dir.path()]);
    assert_eq!(l.articles.len(), 1, "only README (extensionless text)");
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);

    let named = load(&[&dir.path().join("feed.dat"), &dir.path().join("photo.jpg")]);
    assert_eq!(named.articles.len(), 1);
    assert_eq!(named.articles[0].format, briefing::corpus::Format::Json);
    assert_eq!(named.articles[0].title, "T");
    assert_eq!(about(&named, "photo.jpg").len(), 1);
}

#[test]
fn prose_named_json_is_read_as_plain_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.json");
    write(&p, GOOD);
    let l = load(&[&p]);
    assert_eq!(l.articles.len(), 1);
    assert_eq!(l.articles[0].format, briefing::corpus::Format::Plain);
    assert_eq!(about(&l, "story.json").len(), 1);
}

#[test]
fn missing_path_and_hostile_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    let l = load(&[&missing]);
    assert_eq!(about(&l, "nope.txt").len(), 1);

    #[cfg(unix)]
    {
        let evil = dir.path().join("evil\u{1b}]0;pwned\u{7}.txt");
        write(&evil, b"");
        let l = load(&[&evil]);
        assert_eq!(l.warnings.len(), 1);
        let shown = l.warnings[0].to_string();
        assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'), "{shown:?}");
        assert!(shown.contains("pwned"));
    }
}

#[test]
fn oversized_file_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.txt");
    // Sparse: takes no disk space, but its size is over the limit.
    let f = fs::File::create(&p).unwrap();
    f.set_len(briefing::corpus::load::MAX_FILE_BYTES + 1).unwrap();
    drop(f);
    let l = load(&[&p]);
    assert!(l.articles.is_empty());
    let w = about(&l, "huge.txt");
    assert_eq!(w.len(), 1, "{:?}", l.warnings);
    assert!(w[0].message.contains("limit"));
}

#[test]
fn seed_folder_matches_the_embedded_briefing() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/briefing");
    let from_disk = load(&[&dir]);
    let embedded = briefing::corpus::load_embedded();
    assert!(from_disk.warnings.is_empty(), "{:?}", from_disk.warnings);
    assert_eq!(from_disk.articles.len(), embedded.articles.len());
    for (d, e) in from_disk.articles.iter().zip(&embedded.articles) {
        assert!(e.path.starts_with("embedded:"));
        assert!(
            d.path.ends_with(e.path.trim_start_matches("embedded:")),
            "{} vs {}",
            d.path,
            e.path
        );
        assert_eq!(d.title, e.title);
        assert_eq!(d.blocks, e.blocks);
    }
}
