//! Stances on the seeds: actor-headed table columns, list leads and
//! clauses, subject + verb sentences; summaries; the compare command.
mod analysis_support;

use analysis_support::*;
use briefing::analysis::{Analysis, StanceSource};
use briefing::corpus::{Article, BlockKind};

fn has(a: &Analysis, arts: &[Article], actor: &str, issue: &str, source: StanceSource, text: &str) -> bool {
    let (ac, is) = (actor_id(a, actor), issue_id(a, issue));
    a.stances
        .iter()
        .any(|s| s.actor == ac && s.issue == is && s.source == source && s.text(arts) == text)
}

fn dump(a: &Analysis, arts: &[Article]) -> String {
    a.stances
        .iter()
        .map(|s| {
            format!(
                "{} / {} [{}] {}",
                a.actors[s.actor as usize].name,
                a.issues[s.issue as usize].name,
                s.source.name(),
                s.text(arts)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const PETRO: &str = "Gustavo Petro";
const TRUMP: &str = "Donald Trump";
const US: &str = "U.S. government";
const CO: &str = "Colombian government";

#[test]
fn actor_headed_table_cells_land_in_actor_by_issue() {
    let arts = seeds();
    let a = analyse_own(&arts);
    let t = StanceSource::Table;
    let cases = [
        // | Key Issue | Petro’s Goal | U.S. Concern |
        (
            PETRO,
            "Drug policy",
            "De\u{2011}emphasize militarization and forced eradication",
        ),
        (US, "Drug policy", "Limit trafficking and overdose-linked flows"),
        (
            PETRO,
            "Energy and climate",
            "Gradually phase out oil and gas dependence",
        ),
        (US, "Energy and climate", "Preserve market and supply stability"),
        (PETRO, "Venezuela", "Back negotiations and incremental reforms"),
        (US, "Venezuela", "Ensure credible democratic guarantees"),
        // | Issue | U.S. Priority | Petro’s Stance |: `Border flows` is migration.
        (US, "Migration", "Immediate deterrence and reduced crossings"),
        (
            PETRO,
            "Migration",
            "Safe, regulated transit and regional burden\u{2011}sharing",
        ),
        (US, "Drug policy", "Seizures, arrests and disruption of networks"),
        (
            PETRO,
            "Drug policy",
            "Rural reform, substitution and public\u{2011}health focus",
        ),
        (US, "Venezuela", "Conditioned pressure on Maduro"),
        (
            PETRO,
            "Venezuela",
            "Normalization, dialogue and incremental reforms",
        ),
        // | Petro’s Priorities | Trump’s Priorities |: the issue from the cell's words.
        (
            PETRO,
            "Drug policy",
            "Autonomy on drug policy and enforcement tools",
        ),
        (TRUMP, "Drug policy", "Headline progress on curbing trafficking"),
        (
            PETRO,
            "Energy and climate",
            "Climate, green investment and just energy transition",
        ),
        (
            TRUMP,
            "Security cooperation",
            "Announcements framed as job and security wins in the U.S.",
        ),
        (PETRO, "Venezuela", "Diplomatic space to engage Venezuela"),
        (
            TRUMP,
            "Venezuela",
            "Reassurances against \u{201C}appeasing Maduro\u{201D}",
        ),
    ];
    for (actor, issue, text) in cases {
        assert!(
            has(&a, &arts, actor, issue, t, text),
            "missing {actor} / {issue}: {text}\n{}",
            dump(&a, &arts)
        );
    }
}

#[test]
fn non_actor_columns_give_no_stance() {
    let arts = seeds();
    let a = analyse_own(&arts);
    // | Track | Goal | Risk If Absent |
    for s in a.stances.iter().filter(|s| s.source == StanceSource::Table) {
        let b = &arts[s.at.article as usize].blocks[s.at.block as usize];
        assert!(!b.text.contains("Risk If Absent"), "{}", s.text(&arts));
    }
    // Row labels are never stances themselves.
    assert!(!a
        .stances
        .iter()
        .any(|s| s.text(&arts) == "Border flows" || s.text(&arts) == "Drug Policy"));
}

#[test]
fn list_clauses_split_per_actor() {
    let arts = seeds();
    let a = analyse_own(&arts);
    let l = StanceSource::List;
    let cases = [
        (US, "Migration", "Washington pushes for immediate deterrence"),
        (CO, "Migration", "Bogotá argues for humanitarian corridors and regional responsibility-sharing"),
        (US, "Drug policy", "U.S. officials focus on interdiction and law enforcement"),
        (
            PETRO,
            "Drug policy",
            "Petro prioritizes structural reforms in the countryside and new approaches to consumption and public health",
        ),
        (CO, "Venezuela", "Colombia favors engagement and normalization"),
        (US, "Venezuela", "the U.S. seeks calibrated pressure tied to verifiable commitments"),
        // `For Petro: …`: one stance per issue the fragments name.
        (PETRO, "Drug policy", "policy flexibility on drugs and Venezuela"),
        (PETRO, "Venezuela", "policy flexibility on drugs and Venezuela"),
        (PETRO, "Aid and budget", "budget relief"),
        (PETRO, "Energy and climate", "climate and green financing"),
        (TRUMP, "Migration", "a narrative win on migration and trafficking"),
        (TRUMP, "Drug policy", "a narrative win on migration and trafficking"),
    ];
    for (actor, issue, text) in cases {
        assert!(
            has(&a, &arts, actor, issue, l, text),
            "missing {actor} / {issue}: {text}\n{}",
            dump(&a, &arts)
        );
    }
}

#[test]
fn subject_and_verb_sentences() {
    let arts = seeds();
    let a = analyse_own(&arts);
    let find = |actor: &str, issue: &str, start: &str| {
        let (ac, is) = (actor_id(&a, actor), issue_id(&a, issue));
        a.stances.iter().any(|s| {
            s.actor == ac
                && s.issue == is
                && s.source == StanceSource::Sentence
                && s.text(&arts).starts_with(start)
        })
    };
    assert!(
        find(
            PETRO,
            "Drug policy",
            "Petro has argued that decades of militarized anti-drug strategies"
        ),
        "{}",
        dump(&a, &arts)
    );
    assert!(
        find(US, "Drug policy", "Washington continues to prioritize seizures"),
        "{}",
        dump(&a, &arts)
    );
    assert!(
        find(CO, "Drug policy", "The Colombian government has insisted"),
        "{}",
        dump(&a, &arts)
    );
    // A bare country name is a subject right before its verb (`Colombia, which…, has argued`).
    assert!(
        find(
            CO,
            "Migration",
            "Colombia, which saw hundreds of thousands of migrants"
        ),
        "{}",
        dump(&a, &arts)
    );
    // …but a "verb" followed by a verb is a noun (`U.S. support is essential`).
    assert!(
        !a.stances
            .iter()
            .any(|s| s.text(&arts).starts_with("U.S. support")),
        "{}",
        dump(&a, &arts)
    );
    // A possessive before a noun is not a subject (`Petro’s push for…`).
    assert!(
        !a.stances
            .iter()
            .any(|s| s.text(&arts).starts_with("Petro\u{2019}s push")),
        "{}",
        dump(&a, &arts)
    );
    // An actor inside a parenthetical is not the subject (`…according to UN estimates, has argued`).
    assert!(
        !a.stances
            .iter()
            .any(|s| s.text(&arts).starts_with("UN estimates")),
        "{}",
        dump(&a, &arts)
    );
}

#[test]
fn evidence_points_at_the_words() {
    let arts = seeds();
    let a = analyse_own(&arts);
    assert!(a.stances.len() >= 30, "{}", a.stances.len());
    for (i, s) in a.stances.iter().enumerate() {
        assert_eq!(s.id as usize, i);
        assert!(!s.text(&arts).trim().is_empty());
        let b = &arts[s.at.article as usize].blocks[s.at.block as usize];
        match s.source {
            StanceSource::Table => assert_eq!(b.kind, BlockKind::Table),
            StanceSource::List => assert_eq!(b.kind, BlockKind::ListItem),
            StanceSource::Sentence => assert_ne!(b.kind, BlockKind::Table),
        }
    }
}

#[test]
fn summaries_prefer_tables_and_stay_short() {
    let arts = seeds();
    let a = analyse_own(&arts);
    let rank = |s: StanceSource| match s {
        StanceSource::Table => 0,
        StanceSource::List => 1,
        StanceSource::Sentence => 2,
    };
    let mut seen = std::collections::HashSet::new();
    for sum in &a.summaries {
        assert!(
            seen.insert((sum.actor, sum.issue)),
            "one summary per actor × issue"
        );
        assert!(sum.summary.chars().count() <= 80, "{}", sum.summary);
        let ranks: Vec<_> = sum
            .stances
            .iter()
            .map(|&i| rank(a.stances[i as usize].source))
            .collect();
        assert!(
            ranks.windows(2).all(|w| w[0] <= w[1]),
            "strongest first: {ranks:?}"
        );
        for &i in &sum.stances {
            let s = &a.stances[i as usize];
            assert_eq!((s.actor, s.issue), (sum.actor, sum.issue));
        }
    }
    let summary = |actor: &str, issue: &str| {
        let (ac, is) = (actor_id(&a, actor), issue_id(&a, issue));
        a.summaries
            .iter()
            .find(|s| s.actor == ac && s.issue == is)
            .map(|s| s.summary.clone())
    };
    assert_eq!(
        summary(PETRO, "Drug policy").as_deref(),
        Some("De\u{2011}emphasize militarization and forced eradication")
    );
    assert_eq!(
        summary(US, "Migration").as_deref(),
        Some("Immediate deterrence and reduced crossings")
    );
    assert_eq!(
        summary(CO, "Migration").as_deref(),
        Some("Bogotá argues for humanitarian corridors and regional responsibility-sharing")
    );
}

fn hand_table() -> Vec<Article> {
    vec![article(
        "t.txt",
        "Title
| Topic | Petro’s Goal | Washington’s Aim | Note |
|---|---|---|---|
| Drug policy | Less eradication | More interdiction | Contested |
| Unknown row | Something | Something else | - |
",
    )]
}

#[test]
fn hand_built_table_with_metonym_header_and_unknown_row() {
    let arts = hand_table();
    let a = analyse_own(&arts);
    assert!(
        has(
            &a,
            &arts,
            PETRO,
            "Drug policy",
            StanceSource::Table,
            "Less eradication"
        ),
        "{}",
        dump(&a, &arts)
    );
    assert!(
        has(
            &a,
            &arts,
            US,
            "Drug policy",
            StanceSource::Table,
            "More interdiction"
        ),
        "{}",
        dump(&a, &arts)
    );
    assert!(!a.stances.iter().any(|s| s.text(&arts) == "Contested"));
    // `Unknown row` became an issue of its own; its cells are stances on it.
    assert!(a.issues.iter().any(|i| i.name == "Unknown row" && i.discovered));
}

fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .output()
        .expect("run briefing")
}

#[test]
fn compare_command_table_json_and_errors() {
    let out = run(&["compare", "petro", "washington"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("Gustavo Petro") && s.contains("U.S. government"),
        "{s}"
    );
    assert!(s.contains("Drug policy") && s.contains("Evidence"), "{s}");
    assert!(s.contains(" · Drug policy: “"), "{s}");

    let out = run(&["compare", "petro", "u.s.", "--json", "--issue", "drugs"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        v["actors"],
        serde_json::json!(["Gustavo Petro", "U.S. government"])
    );
    assert_eq!(v["issues"], serde_json::json!(["Drug policy"]));
    let cells = v["cells"].as_array().expect("cells");
    assert!(!cells.is_empty());
    for c in cells {
        assert_eq!(c["issue"], "Drug policy");
        assert!(c["summary"].as_str().is_some_and(|s| !s.is_empty()));
        for e in c["evidence"].as_array().expect("evidence") {
            assert!(e["line"].as_u64().is_some_and(|l| l > 0), "{e}");
            assert!(e["end"].as_u64() > e["start"].as_u64());
            assert!(["table", "list", "sentence"].contains(&e["source"].as_str().unwrap_or("")));
        }
    }

    let out = run(&["compare", "petor"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("petor") && err.contains("Gustavo Petro"), "{err}");

    let out = run(&["compare", "petro", "--issue", "no such issue at all"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn transposed_table_actors_down_the_side() {
    let arts = vec![article(
        "t.txt",
        "Title
| Actor | Migration | Drugs |
|---|---|---|
| Washington | Deterrence first | Interdiction |
| Petro | Humanitarian corridors | Crop substitution |
",
    )];
    let a = analyse_own(&arts);
    let t = StanceSource::Table;
    for (actor, issue, text) in [
        (US, "Migration", "Deterrence first"),
        (US, "Drug policy", "Interdiction"),
        (PETRO, "Migration", "Humanitarian corridors"),
        (PETRO, "Drug policy", "Crop substitution"),
    ] {
        assert!(
            has(&a, &arts, actor, issue, t, text),
            "{actor} / {issue}: {text}\n{}",
            dump(&a, &arts)
        );
    }
    assert!(!a
        .stances
        .iter()
        .any(|s| s.text(&arts) == "Washington" || s.text(&arts) == "Petro"));
}

/// The whole pipeline on the embedded briefing (the corpus parser's tables
/// and lists, the actor stage's actors): every actor-headed cell lands.
#[test]
fn embedded_briefing_end_to_end() {
    let loaded = briefing::corpus::load_embedded();
    let arts = loaded.articles;
    let a = analyse(&arts);
    let tables = arts
        .iter()
        .flat_map(|x| &x.blocks)
        .filter(|b| b.kind == BlockKind::Table)
        .count();
    assert_eq!(tables, 4, "the seeds' four tables");
    let t = StanceSource::Table;
    for (actor, issue, text) in [
        (
            PETRO,
            "Drug policy",
            "De\u{2011}emphasize militarization and forced eradication",
        ),
        (US, "Drug policy", "Limit trafficking and overdose-linked flows"),
        (US, "Migration", "Immediate deterrence and reduced crossings"),
        (
            PETRO,
            "Migration",
            "Safe, regulated transit and regional burden\u{2011}sharing",
        ),
        (US, "Venezuela", "Conditioned pressure on Maduro"),
        (TRUMP, "Drug policy", "Headline progress on curbing trafficking"),
        (
            PETRO,
            "Energy and climate",
            "Climate, green investment and just energy transition",
        ),
    ] {
        assert!(
            has(&a, &arts, actor, issue, t, text),
            "missing {actor} / {issue}: {text}\n{}",
            dump(&a, &arts)
        );
    }
    let l = StanceSource::List;
    for (actor, issue, text) in [
        (US, "Migration", "Washington pushes for immediate deterrence"),
        (
            CO,
            "Migration",
            "Bogotá argues for humanitarian corridors and regional responsibility-sharing",
        ),
        (CO, "Venezuela", "Colombia favors engagement and normalization"),
        (
            US,
            "Venezuela",
            "the U.S. seeks calibrated pressure tied to verifiable commitments",
        ),
        (PETRO, "Aid and budget", "budget relief"),
    ] {
        assert!(
            has(&a, &arts, actor, issue, l, text),
            "missing {actor} / {issue}: {text}\n{}",
            dump(&a, &arts)
        );
    }
    // 6 + 6 + 6 actor-headed cells, none from the Track | Goal | Risk table.
    let table_stances: std::collections::HashSet<_> = a
        .stances
        .iter()
        .filter(|s| s.source == t)
        .map(|s| (s.at.article, s.at.block, s.at.span))
        .collect();
    assert_eq!(table_stances.len(), 18, "{}", dump(&a, &arts));
    assert!(briefing::index::validate(&briefing::Index::from_parts(
        String::new(),
        arts.clone(),
        vec![],
        a
    ))
    .is_empty());
}
