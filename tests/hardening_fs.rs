//! Hostile folders, partial failure, exit codes, and the promise that
//! loading never changes anything on disk. Every odd file (loops, FIFOs,
//! sockets, unreadable files) is made in a temporary folder by the test.

mod hardening_common;

use briefing::corpus::{Loaded, Warning};
use hardening_common::*;
use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};

const GOOD: &str = "Harbour strike ends\n\nBy Ana Núñez\n\nThe dockworkers' union accepted the offer on Tuesday, its leader said.\n\n“We won,” said the union leader.\n";

/// Warnings whose path ends with `file`.
fn about<'a>(l: &'a Loaded, file: &str) -> Vec<&'a Warning> {
    l.warnings.iter().filter(|w| w.path.ends_with(file)).collect()
}

/// Loads on a thread so a blocking open fails the test instead of hanging CI.
fn load_guarded(paths: Vec<PathBuf>) -> Loaded {
    within(120, "loading", move || {
        let refs: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
        load(&refs)
    })
}

fn cli<P: AsRef<OsStr>>(args: &[P]) -> (i32, String, String) {
    let a: Vec<&OsStr> = args.iter().map(|a| a.as_ref()).collect();
    let (code, out, err) = run_bin(&a);
    assert_clean_bytes("stdout", &out);
    assert_clean_bytes("stderr", &err);
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

fn args(pre: &[&str], paths: &[&Path]) -> Vec<OsString> {
    pre.iter()
        .map(OsString::from)
        .chain(paths.iter().map(|p| p.as_os_str().to_owned()))
        .collect()
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::os::unix::fs::{symlink, PermissionsExt};

    fn mkfifo(p: &Path) {
        let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a node.
        let r = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
        assert_eq!(r, 0, "mkfifo {}", p.display());
    }

    /// A folder holding one good article beside every kind of path the
    /// loader must skip; returns the names that must each get one warning.
    fn odd_folder(dir: &Path) -> (Vec<&'static str>, std::os::unix::net::UnixListener) {
        write(&dir.join("good.txt"), GOOD);
        mkfifo(&dir.join("pipe.txt"));
        mkfifo(&dir.join("pipe-noext"));
        let sock = std::os::unix::net::UnixListener::bind(dir.join("sock.md")).unwrap();
        symlink(dir.join("nowhere.txt"), dir.join("dangling.txt")).unwrap();
        symlink("dangling2", dir.join("dangling2")).unwrap(); // a link to itself
        symlink(dir, dir.join("loop")).unwrap(); // back to the root
        fs::create_dir(dir.join("sub")).unwrap();
        symlink("..", dir.join("sub/up")).unwrap(); // back to the root from below
        symlink(dir.join("a-cycle"), dir.join("b-cycle")).unwrap();
        symlink(dir.join("b-cycle"), dir.join("a-cycle")).unwrap();
        symlink("/dev/zero", dir.join("zero.txt")).unwrap(); // endless if read
        symlink("/dev/null", dir.join("null.md")).unwrap();
        symlink(dir.join("pipe.txt"), dir.join("link-to-pipe.txt")).unwrap();
        (
            vec![
                "pipe.txt",
                "pipe-noext",
                "sock.md",
                "dangling.txt",
                "dangling2",
                "loop",
                "up",
                "a-cycle",
                "b-cycle",
                "zero.txt",
                "null.md",
                "link-to-pipe.txt",
            ],
            sock,
        )
    }

    #[test]
    fn special_files_links_and_loops_each_warn_once_and_never_block() {
        let dir = tempfile::tempdir().unwrap();
        let (skipped, _sock) = odd_folder(dir.path());
        let l = load_guarded(vec![dir.path().to_path_buf()]);
        assert_eq!(l.articles.len(), 1, "{:#?}", l.warnings);
        assert!(l.articles[0].path.ends_with("good.txt"));
        for name in &skipped {
            let w = about(&l, &format!("/{name}"));
            assert_eq!(
                w.len(),
                1,
                "{name}: exactly one warning expected: {:#?}",
                l.warnings
            );
        }
        assert_eq!(l.warnings.len(), skipped.len(), "{:#?}", l.warnings);
        build("odd", l);
    }

    #[test]
    fn special_files_named_on_the_command_line_never_block() {
        let dir = tempfile::tempdir().unwrap();
        let (skipped, _sock) = odd_folder(dir.path());
        let mut paths: Vec<PathBuf> = skipped.iter().map(|n| dir.path().join(n)).collect();
        paths.push(PathBuf::from("/dev/zero"));
        paths.push(PathBuf::from("/dev/null"));
        paths.push(dir.path().join("good.txt"));
        let n = paths.len();
        let l = load_guarded(paths.clone());
        assert_eq!(l.articles.len(), 1, "{:#?}", l.warnings);
        // `loop` and `up` name the root folder: read once (good.txt is not
        // doubled), and the links inside it warn as in a walk.
        for p in &paths[..n - 1] {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let w = about(&l, &format!("/{name}"));
            assert!(!w.is_empty(), "{name}: no warning: {:#?}", l.warnings);
        }
        // And through the CLI: exit 0 (something loaded), and it returns.
        let (code, out, _) = within(120, "briefing check", move || {
            cli(&args(
                &["check"],
                &paths.iter().map(|p| p.as_path()).collect::<Vec<_>>(),
            ))
        });
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("FIFO"), "{out}");
    }

    #[test]
    fn nesting_sixty_deep_loads_and_beyond_the_limit_warns_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = dir.path().to_path_buf();
        for i in 0..60 {
            p.push(format!("d{i}"));
        }
        write(&p.join("deep.txt"), GOOD);
        let l = load_guarded(vec![dir.path().to_path_buf()]);
        assert_eq!(l.articles.len(), 1, "{:?}", l.warnings);
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        // Past the loader's limit: one warning for the folder not entered.
        let deeper = tempfile::tempdir().unwrap();
        let mut q = deeper.path().to_path_buf();
        write(&q.join("top.txt"), GOOD);
        for i in 0..briefing::corpus::load::MAX_DEPTH + 5 {
            q.push(format!("e{i}"));
        }
        write(&q.join("bottom.txt"), GOOD);
        let l = load_guarded(vec![deeper.path().to_path_buf()]);
        assert_eq!(l.articles.len(), 1, "{:?}", l.warnings);
        assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
        assert!(l.warnings[0].message.contains("deep"), "{:?}", l.warnings);
        build("deep", l);
    }

    /// Runs the binary as an unprivileged user when the tests run as root
    /// (root reads anything, so permissions would prove nothing).
    fn cli_unprivileged(a: &[OsString]) -> Option<(i32, String, String)> {
        let bin = env!("CARGO_BIN_EXE_briefing");
        let root = unsafe { libc::geteuid() } == 0;
        let mut cmd = if root {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
            c
        } else {
            std::process::Command::new(bin)
        };
        let out = cmd.args(a).output().ok()?;
        if root && out.status.code() == Some(127)
            || (out.stdout.is_empty() && out.stderr.starts_with(b"setpriv"))
        {
            return None;
        }
        assert_clean_bytes("stdout", &out.stdout);
        Some((
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ))
    }

    #[test]
    fn unreadable_files_and_folders_warn_once_and_the_rest_loads() {
        let dir = tempfile::tempdir().unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        write(&dir.path().join("good.txt"), GOOD);
        write(&dir.path().join("secret.txt"), GOOD);
        write(&dir.path().join("locked/inner.txt"), GOOD);
        fs::set_permissions(dir.path().join("good.txt"), fs::Permissions::from_mode(0o644)).unwrap();
        fs::set_permissions(dir.path().join("secret.txt"), fs::Permissions::from_mode(0o000)).unwrap();
        fs::set_permissions(dir.path().join("locked"), fs::Permissions::from_mode(0o000)).unwrap();
        let res = cli_unprivileged(&args(&["check"], &[dir.path()]));
        fs::set_permissions(dir.path().join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
        let Some((code, out, err)) = res else {
            eprintln!("cannot drop privileges here; unreadable-file case not exercised");
            return;
        };
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("1 articles"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines.iter().filter(|l| l.contains("secret.txt")).count(),
            1,
            "{out}"
        );
        assert_eq!(lines.iter().filter(|l| l.contains("locked")).count(), 1, "{out}");
        assert!(out.contains("permission denied"), "{out}");
        // Nothing readable at all: exit 1.
        let (code, out, _) = cli_unprivileged(&args(&["check"], &[&dir.path().join("secret.txt")])).unwrap();
        assert_eq!(code, 1, "{out}");
    }

    #[test]
    fn read_only_folder_loads_and_stays_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        // Traversable by the unprivileged user the CLI runs as.
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let root = dir.path().join("ro");
        populate(&root);
        chmod_tree(&root, 0o555, 0o444);
        let before = snapshot(&root);
        let l = load_guarded(vec![root.clone()]);
        assert!(l.articles.len() >= 4, "{:?}", l.warnings);
        build("ro", l);
        for pre in [
            &["check"][..],
            &["check", "--strict"],
            &["index"],
            &["index", "--json"],
        ] {
            let r = cli_unprivileged(&args(pre, &[&root]));
            let (code, out, err) = r.unwrap_or_else(|| cli(&args(pre, &[&root])));
            assert_eq!(code, 0, "{pre:?}: {out}{err}");
        }
        assert_eq!(before, snapshot(&root), "a read-only folder changed");
        chmod_tree(&root, 0o755, 0o644);
    }

    fn chmod_tree(dir: &Path, dmode: u32, fmode: u32) {
        for e in fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let t = e.file_type().unwrap();
            if t.is_dir() {
                chmod_tree(&e.path(), dmode, fmode);
            } else if t.is_file() {
                fs::set_permissions(e.path(), fs::Permissions::from_mode(fmode)).unwrap();
            }
        }
        fs::set_permissions(dir, fs::Permissions::from_mode(dmode)).unwrap();
    }

    #[test]
    fn a_file_vanishing_or_changing_during_the_load_is_survived() {
        // Best effort: a thread deletes, truncates and swaps files while the
        // loader runs. Whatever the interleaving, each file ends up loaded
        // or warned about, at most once each, and nothing panics.
        let dir = tempfile::tempdir().unwrap();
        let n = 300;
        for i in 0..n {
            write(&dir.path().join(format!("f{i:03}.txt")), GOOD.repeat(20));
        }
        let d = dir.path().to_path_buf();
        let churn = std::thread::spawn(move || {
            for i in 0..n {
                let p = d.join(format!("f{i:03}.txt"));
                match i % 3 {
                    0 => {
                        let _ = fs::remove_file(&p);
                    }
                    1 => {
                        let _ = fs::write(&p, b"");
                    }
                    _ => {
                        let _ = fs::remove_file(&p);
                        let _ = mkfifo_quiet(&p);
                    }
                }
            }
        });
        let l = load_guarded(vec![dir.path().to_path_buf()]);
        churn.join().unwrap();
        for i in 0..n {
            let name = format!("f{i:03}.txt");
            let arts = l.articles.iter().filter(|a| a.path.ends_with(&name)).count();
            let warns = about(&l, &name).len();
            assert!(
                arts <= 1 && warns <= 1,
                "{name}: {arts} articles, {warns} warnings"
            );
        }
        build("churn", l);
    }

    fn mkfifo_quiet(p: &Path) -> i32 {
        let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        unsafe { libc::mkfifo(c.as_ptr(), 0o644) }
    }
}

/// Names, kinds, sizes, modes, mtimes and content hashes of everything under
/// `root` (hidden entries and links included, links not followed).
fn snapshot(root: &Path) -> BTreeMap<PathBuf, String> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(p) = stack.pop() {
        let m = fs::symlink_metadata(&p).unwrap();
        let mtime = m.modified().ok();
        let mut desc = format!(
            "{:?} len={} ro={} mtime={mtime:?}",
            m.file_type(),
            m.len(),
            m.permissions().readonly()
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            desc.push_str(&format!(
                " mode={:o} ctime={}.{} ino={}",
                m.mode(),
                m.ctime(),
                m.ctime_nsec(),
                m.ino()
            ));
        }
        if m.is_file() {
            let mut h = DefaultHasher::new();
            fs::read(&p).unwrap_or_default().hash(&mut h);
            desc.push_str(&format!(" hash={:x}", h.finish()));
        } else if m.is_dir() {
            for e in fs::read_dir(&p).unwrap() {
                stack.push(e.unwrap().path());
            }
        } else if m.file_type().is_symlink() {
            desc.push_str(&format!(" -> {:?}", fs::read_link(&p).ok()));
        }
        out.insert(p, desc);
    }
    out
}

/// A folder of good, broken and hostile articles in every format.
fn populate(root: &Path) {
    write(&root.join("a.txt"), GOOD);
    write(
        &root.join("b.md"),
        "# Title\n\nBy Sam\n\n“Quote,” he said.\n\n| a | b |\n|---|---|\n| c |\n",
    );
    write(
        &root.join("c.json"),
        r#"{"title": "T", "author": "A", "body": "Body said “x”."}"#,
    );
    write(
        &root.join("d.jsonl"),
        "{\"title\": \"1\", \"body\": \"x.\"}\n{broken\n{\"title\": \"3\", \"body\": \"y.\"}\n",
    );
    write(&root.join("e.json"), "{ broken");
    write(&root.join(".hidden/x.txt"), GOOD);
    write(
        &root.join("sub/deeper/f.txt"),
        format!("Evil {EVIL}\n\nBody {EVIL}.\n"),
    );
    write(&root.join("bin.txt"), b"\x7fELF\0\0\0");
    write(&root.join("empty.md"), b"");
    write(&root.join("image.png"), b"\x89PNG\r\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink("a.txt", root.join("link.txt")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("missing", root.join("dangling.md")).unwrap();
}

#[test]
fn loading_never_writes_anything() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("pack");
    populate(&root);
    // The tool keeps no state: HOME, XDG dirs and the working folder stay
    // empty too.
    let home = dir.path().join("home");
    let cwd = dir.path().join("cwd");
    fs::create_dir_all(&home).unwrap();
    fs::create_dir_all(&cwd).unwrap();
    let before = snapshot(&root);
    let l = load(&[&root]);
    assert!(l.articles.len() >= 4, "{:?}", l.warnings);
    build("pack", l);
    assert_eq!(before, snapshot(&root), "the library load changed the folder");
    for pre in [
        &["check"][..],
        &["check", "--strict"],
        &["index"],
        &["index", "--json"],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(pre)
            .arg(&root)
            .current_dir(&cwd)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_STATE_HOME", home.join(".local/state"))
            .env("TMPDIR", home.join("tmp"))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{pre:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(before, snapshot(&root), "{pre:?} changed the folder");
    }
    assert_eq!(
        fs::read_dir(&home).unwrap().count(),
        0,
        "something was written under HOME"
    );
    assert_eq!(
        fs::read_dir(&cwd).unwrap().count(),
        0,
        "something was written in the working folder"
    );
}

#[test]
fn one_good_article_among_a_hundred_broken_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        &d.join("zz-good.md"),
        "# The one good story\n\nThe minister said “yes”.\n",
    );
    for i in 0..100 {
        let (name, bytes): (String, Vec<u8>) = match i % 10 {
            0 => (format!("b{i}.json"), b"{ \"title\": ".to_vec()),
            1 => (format!("b{i}.jsonl"), b"{nope}\n[1,\n".to_vec()),
            2 => (format!("b{i}.txt"), b"\0\0\0binary\0".to_vec()),
            3 => (format!("b{i}.md"), b"   \n\n".to_vec()),
            4 => (format!("b{i}.json"), b"{\"title\": \"no body\"}".to_vec()),
            5 => (format!("b{i}.json"), "[".repeat(200_000).into_bytes()),
            6 => (format!("b{i}.json"), b"[1, 2, \"x\"]".to_vec()),
            7 => (
                format!("b{i}.jsonl"),
                b"{\"body\": 5}\n{\"title\": {}}\n".to_vec(),
            ),
            8 => (format!("b{i}.txt"), b"".to_vec()),
            _ => (format!("b{i}.json"), b"\xff\xfe{\0".to_vec()),
        };
        write(&d.join(&name), bytes);
    }
    let l = load(&[d]);
    assert_eq!(
        l.articles.len(),
        1,
        "{:#?}",
        l.articles.iter().map(|a| &a.path).collect::<Vec<_>>()
    );
    assert!(l.articles[0].title.contains("one good story"));
    // Every broken file is named in a warning; none is named by more than a
    // handful (a wrong field and a missing body are two).
    for i in 0..100 {
        let n = l
            .warnings
            .iter()
            .filter(|w| w.path.contains(&format!("/b{i}.")))
            .count();
        assert!(n >= 1, "b{i} has no warning: {:#?}", l.warnings);
        assert!(n <= 4, "b{i} has {n} warnings: {:#?}", l.warnings);
    }
    let index = build("broken", l);
    assert_index_clean(&index);
    let (code, out, _) = cli(&args(&["check", "--strict"], &[d]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 articles") && out.contains("index valid"), "{out}");
}

#[test]
fn bad_jsonl_record_is_reported_with_its_line_and_the_rest_load() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("feed.jsonl");
    write(
        &p,
        "{\"title\": \"One\", \"body\": \"First said “a”.\"}\n\
         {\"title\": \"Two\", \"body\": \"Second.\"\n\
         \n\
         {\"title\": \"Four\", \"body\": 17}\n\
         {\"title\": \"Five\", \"body\": \"Fifth.\"}\n\
         not json at all\n\
         {\"title\": \"Seven\", \"body\": \"Seventh.\"}\n",
    );
    let l = load(&[&p]);
    let titles: Vec<&str> = l.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["One", "Five", "Seven"], "{:#?}", l.warnings);
    let lines: Vec<Option<u32>> = l.warnings.iter().map(|w| w.line).collect();
    for want in [2, 4, 6] {
        assert!(
            lines.contains(&Some(want)),
            "no warning on line {want}: {:#?}",
            l.warnings
        );
    }
    for w in &l.warnings {
        assert!(w.path.ends_with("feed.jsonl"));
    }
    build("feed", l);
    let (code, out, _) = cli(&args(&["check"], &[&p]));
    assert_eq!(code, 0);
    for want in [":2: ", ":4: ", ":6: "] {
        assert!(
            out.lines().any(|l| l.contains("feed.jsonl") && l.contains(want)),
            "{want} missing: {out}"
        );
    }
}

#[test]
fn exit_codes_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("good/a.txt"), GOOD);
    write(&d.join("bad/x.json"), "{\n  \"title\": \"T\",\n  oops\n}");
    write(&d.join("bad/y.jsonl"), "{\"title\": 1}\n");
    fs::create_dir_all(d.join("empty")).unwrap();
    for sub in ["check", "index"] {
        // Something loaded: 0, even beside broken files.
        let (code, out, err) = cli(&args(&[sub], &[&d.join("good"), &d.join("bad")]));
        assert_eq!(code, 0, "{sub}: {out}{err}");
        // Nothing loaded: 1, and the message names file and line.
        let (code, out, err) = cli(&args(&[sub], &[&d.join("bad")]));
        assert_eq!(code, 1, "{sub}: {out}{err}");
        assert!(
            out.contains("x.json:3:") || out.contains("x.json:3 "),
            "{sub}: {out}"
        );
        assert!(out.contains("y.jsonl:1:"), "{sub}: {out}");
        let (code, ..) = cli(&args(&[sub], &[&d.join("empty")]));
        assert_eq!(code, 1, "{sub} on an empty folder");
        let (code, out, _) = cli(&args(&[sub], &[&d.join("missing.txt")]));
        assert_eq!(code, 1);
        assert!(out.contains("missing.txt"), "{out}");
        // Usage errors: 2.
        let (code, ..) = cli(&[sub, "--no-such-flag"]);
        assert_eq!(code, 2, "{sub} --no-such-flag");
        let (code, ..) = cli(&[sub, "--lexicon"]);
        assert_eq!(code, 2, "{sub} --lexicon without a value");
    }
    let (code, ..) = cli(&["index", "--json", "--strict"]);
    assert_eq!(code, 2);
    let (code, ..) = cli(&["check", "--json"]);
    assert_eq!(code, 2);
    // The embedded briefing: 0.
    let (code, out, _) = cli(&["check", "--strict"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("index valid"), "{out}");
}

#[test]
fn a_stray_nul_does_not_lose_an_article() {
    // Scraped text sometimes carries one NUL; skipping the whole file as
    // binary would lose the article. Real binary data is still skipped.
    let dir = tempfile::tempdir().unwrap();
    let mut text = format!(
        "{GOOD}\n{}",
        "The talks went on for hours, officials said. ".repeat(100)
    )
    .into_bytes();
    let mid = text.len() / 2;
    text.insert(mid, 0);
    write(&dir.path().join("stray.txt"), &text);
    write(
        &dir.path().join("data.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0",
    );
    let l = load(&[dir.path()]);
    assert_eq!(l.articles.len(), 1, "{:?}", l.warnings);
    let a = &l.articles[0];
    assert!(a.path.ends_with("stray.txt"));
    assert!(
        a.blocks.iter().any(|b| b.text.contains('\u{2400}')),
        "the NUL is shown as ␀"
    );
    assert_eq!(about(&l, "data.txt").len(), 1, "{:?}", l.warnings);
    assert_index_clean(&build("stray", l));
}

#[test]
fn closed_or_full_output_is_an_error_not_a_panic() {
    closed_or_full_output(&[
        &["index", "--json"],
        &["index"],
        &["check"],
        &["issues"],
        &["issues", "--json"],
        &["compare"],
        &["compare", "--json"],
    ]);
}

#[test]
fn closed_or_full_output_quotes_and_actors() {
    closed_or_full_output(&[
        &["quotes"],
        &["quotes", "--json"],
        &["actors"],
        &["actors", "--json"],
    ]);
}

fn closed_or_full_output(subs: &[&[&str]]) {
    use std::process::{Command, Stdio};
    for &sub in subs {
        // `| head` closing the pipe early: a quiet end.
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(sub)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = within(120, "briefing with a closed pipe", move || {
            child.wait_with_output().unwrap()
        });
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{sub:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{sub:?}: {err}");
        // A full disk: an error message and exit 1.
        #[cfg(target_os = "linux")]
        {
            let full = fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
            let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
                .args(sub)
                .stdout(full)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!err.contains("panicked"), "{sub:?}: {err}");
            assert_eq!(out.status.code(), Some(1), "{sub:?}: {err}");
            assert!(err.starts_with("briefing: "), "{sub:?}: {err}");
        }
    }
}
