//! The README tells the truth: every key of the key table (docs/keys.md,
//! itself generated from src/tui/keys.rs) and every subcommand is in it.

use clap::CommandFactory;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn readme_lists_every_key() {
    let keys = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md")).unwrap();
    let readme = readme();
    let rows: Vec<&str> = keys.lines().filter(|l| l.starts_with("| `")).collect();
    assert!(rows.len() > 20, "docs/keys.md has its tables");
    for row in rows {
        assert!(readme.contains(row), "README lacks the key row {row:?}");
    }
}

#[test]
fn readme_names_every_subcommand_and_the_two_commands() {
    let readme = readme();
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
    for sub in briefing::cmd::Cli::command().get_subcommands() {
        let name = sub.get_name();
        if name == "help" {
            continue;
        }
        assert!(
            readme.contains(&format!("`briefing {name}")),
            "README lacks `briefing {name}`"
        );
    }
}
