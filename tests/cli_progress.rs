//! Progress on stderr: a terminal sees the loading and analysing line; a
//! pipe (scripts, CI) sees neither it nor any escape sequence.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
}

#[test]
fn a_large_load_into_a_pipe_prints_no_progress() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("c");
    // Above the 200 files from which a terminal would see progress.
    let gen = bin()
        .args([
            "gen-corpus",
            "--articles",
            "240",
            "--words-per-article",
            "60",
            "--seed",
            "3",
            "--out",
        ])
        .arg(&corpus)
        .output()
        .expect("gen-corpus runs");
    assert!(gen.status.success(), "{}", String::from_utf8_lossy(&gen.stderr));
    let out = bin().arg("check").arg(&corpus).output().expect("check runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains('\u{1b}'),
        "escape sequence on a piped stderr: {err:?}"
    );
    assert!(!err.contains("loading") && !err.contains("analysing"), "{err:?}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("240 articles"));
}
