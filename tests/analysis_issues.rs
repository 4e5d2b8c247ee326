//! Issues: the default lexicon on the seeds, discovery on a corpus it does
//! not know, assignment to sentences, table rows and quotes.
mod analysis_support;

use analysis_support::*;
use briefing::analysis::{issues, Quote, QuoteKind, Sentence};
use briefing::corpus::BlockKind;

#[test]
fn seed_issues_are_named_labelled_and_counted() {
    let arts = seeds();
    let a = analyse_own(&arts);
    for name in [
        "Drug policy",
        "Migration",
        "Venezuela",
        "Energy and climate",
        "Security cooperation",
    ] {
        issue_id(&a, name);
    }
    let labels = |n: &str| a.issues[issue_id(&a, n) as usize].labels.clone();
    assert!(
        labels("Migration").iter().any(|l| l == "Border flows"),
        "{:?}",
        labels("Migration")
    );
    assert!(labels("Venezuela").iter().any(|l| l == "Caracas ties"));
    assert!(labels("Drug policy")
        .iter()
        .any(|l| l == "Anti\u{2011}Narcotics Agenda"));
    assert!(labels("Drug policy").iter().any(|l| l == "Drug Policy"));
    for (i, x) in a.issues.iter().enumerate() {
        assert_eq!(x.id as usize, i, "ids are dense");
        assert!(x.mentions > 0, "{} is never mentioned", x.name);
        assert_eq!(x.mentions_by_article.n_articles(), arts.len());
        assert_eq!(x.mentions_by_article.total(), u64::from(x.mentions));
        assert!(!x.discovered, "the seeds need no discovered issue: {}", x.name);
    }
    // Every article speaks of drugs and migration.
    for n in ["Drug policy", "Migration"] {
        let x = &a.issues[issue_id(&a, n) as usize];
        assert!(
            x.mentions_by_article.dense().all(|m| m > 0),
            "{n}: {:?}",
            x.mentions_by_article
        );
    }
}

#[test]
fn sentences_carry_their_issues() {
    let arts = seeds();
    let a = analyse_own(&arts);
    let text = |s: &Sentence| {
        s.span
            .slice(&arts[s.article as usize].blocks[s.block as usize].text)
            .to_string()
    };
    let find = |needle: &str| {
        a.sentences
            .iter()
            .find(|s| text(s).contains(needle))
            .unwrap_or_else(|| panic!("no sentence with {needle}"))
    };
    let drug = issue_id(&a, "Drug policy");
    let mig = issue_id(&a, "Migration");
    let ven = issue_id(&a, "Venezuela");
    assert!(find("Washington continues to prioritize seizures")
        .issues
        .contains(&drug));
    assert!(find("surge in northbound migration through the Darién Gap")
        .issues
        .contains(&mig));
    assert!(find("diverging playbooks for dealing with Nicolás Maduro")
        .issues
        .contains(&ven));
    // Table rows: the row label's issue first.
    let row = a.sentences.iter().find(|s| {
        arts[s.article as usize].blocks[s.block as usize].kind == BlockKind::Table
            && text(s).contains("Border flows")
    });
    if let Some(row) = row {
        assert_eq!(row.issues.first(), Some(&mig), "{}", text(row));
    }
    // A sentence about nothing on the agenda carries no issue.
    assert!(find("Before this meeting I visited my mother").issues.is_empty());
}

#[test]
fn table_rows_resolve_their_labels() {
    let arts = seeds();
    let a = analyse_own(&arts);
    let actors = a.actors.clone();
    let finder = briefing::analysis::stances::ActorFinder::new(&actors, true);
    let m = issues::Matcher::for_issues(&a.issues);
    let mut seen = 0;
    for art in &arts {
        for b in art.blocks.iter().filter(|b| b.kind == BlockKind::Table) {
            let t = b.table.as_ref().expect("table");
            let lc = issues::label_column(t, &finder);
            for (ri, r) in t.rows.iter().enumerate() {
                let is = issues::row_issues(&m, t, ri, lc);
                let first = is.first().map(|&i| a.issues[i].name.as_str());
                match r[0].text.as_str() {
                    "Border flows" => assert_eq!(first, Some("Migration")),
                    "Caracas ties" | "Venezuela" => assert_eq!(first, Some("Venezuela")),
                    "Drug policy" | "Drug Policy" | "Anti\u{2011}Narcotics Agenda" => {
                        assert_eq!(first, Some("Drug policy"))
                    }
                    "Energy Transition" => assert_eq!(first, Some("Energy and climate")),
                    _ => continue,
                }
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 7, "every labelled seed row checked");
}

const FISHERIES: [&str; 3] = [
    "Coastal towns brace for new rules
The ministry will cut fishing quotas again this spring, and water rights along the estuary remain disputed.
Harbour masters say water rights have never been settled.
- Port fees: harbour masters want them frozen; the ministry wants them indexed.
| Topic | Harbour view | Ministry view |
|---|---|---|
| Fishing quotas | Keep them stable | Cut by a fifth |
| Port fees | Freeze | Index to costs |
",
    "Estuary dispute drags on
Farmers upstream claim water rights that predate the harbour.
The water rights question will go to court in May.
Fishing quotas were last cut two seasons ago.
",
    "A quiet week on the quays
Nothing was decided about the ferry timetable.
",
];

#[test]
fn unknown_corpus_discovers_its_own_issues_and_drops_the_lexicon_s() {
    let arts: Vec<_> = FISHERIES
        .iter()
        .enumerate()
        .map(|(i, t)| article(&format!("f{i}.txt"), t))
        .collect();
    let a = analyse_own(&arts);
    let names: Vec<&str> = a.issues.iter().map(|i| i.name.as_str()).collect();
    assert!(names.contains(&"Fishing quotas"), "{names:?}");
    assert!(names.contains(&"Port fees"), "{names:?}");
    assert!(names.contains(&"Water rights"), "{names:?}");
    for n in ["Drug policy", "Migration", "Venezuela"] {
        assert!(!names.contains(&n), "{n} is never mentioned: {names:?}");
    }
    assert!(a.issues.iter().all(|i| i.discovered));
    // Table row labels resolve to the discovered issue; kin labels merge.
    let q = &a.issues[issue_id(&a, "Fishing quotas") as usize];
    assert!(q.mentions_by_article.get(1) >= 1, "{:?}", q.mentions_by_article);
    assert_eq!(q.mentions_by_article.get(2), 0);
    assert_eq!(
        a.issues
            .iter()
            .filter(|i| i.name.to_lowercase().contains("quota"))
            .count(),
        1
    );
}

#[test]
fn quotes_get_issues() {
    let arts = seeds();
    let lex = briefing::analysis::Lexicon::embedded();
    let actors = lexicon_actors(&lex);
    let mut sents = briefing::analysis::sentences::split_corpus(&arts);
    // A quote over the first words of the first block that mentions "war on drugs".
    let (ai, bi, at) = arts
        .iter()
        .enumerate()
        .flat_map(|(ai, a)| a.blocks.iter().enumerate().map(move |(bi, b)| (ai, bi, b)))
        .find_map(|(ai, bi, b)| b.text.find("war on drugs").map(|at| (ai, bi, at)))
        .expect("a block on the war on drugs");
    let mut quotes = vec![Quote {
        id: 0,
        kind: QuoteKind::Term,
        at: briefing::analysis::Evidence {
            article: ai as u32,
            block: bi as u32,
            span: briefing::text::Span::new(at, at + "war on drugs".len()),
        },
        speaker: None,
        speaker_text: None,
        speaker_at: None,
        issues: Default::default(),
        sentence: sents
            .iter()
            .position(|s| s.article == ai as u32 && s.block == bi as u32 && s.span.end as usize > at)
            .expect("its sentence") as u32,
    }];
    let ws = briefing::analysis::words::of_sentences(&arts, &sents);
    let iss = issues::assign(&arts, &mut sents, &ws, &mut quotes, &actors, &lex);
    let drug = iss
        .iter()
        .find(|i| i.name == "Drug policy")
        .expect("drug policy")
        .id;
    // Its own words', then its sentence's.
    assert_eq!(quotes[0].issues.first(), Some(&drug));
}

#[test]
fn odd_text_does_not_panic() {
    let t = "T\nç̧̧ e\u{301}\u{302} 👩\u{200d}🔬 ﬁ Ǆ: ΐ ß…\n- : ;\n| a |\n|---|\n| b | c | d |\n\u{2019}s \u{2019} '' drugs's";
    let arts = vec![article("odd.txt", t), article("empty.txt", "")];
    let a = analyse_own(&arts);
    // Every stance's evidence resolves to words in its article.
    for s in &a.stances {
        assert!(!s.text(&arts).trim().is_empty(), "{:?}", s.at);
    }
}

#[test]
fn issues_command_lists_counts_and_alignment() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["issues", "--json"])
        .output()
        .expect("run briefing");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let issues = v["issues"].as_array().expect("issues");
    assert!(issues.iter().any(|i| i["name"] == "Drug policy"));
    for i in issues {
        let by: u64 = i["mentions_by_article"]
            .as_array()
            .expect("by")
            .iter()
            .map(|x| x.as_u64().unwrap_or(0))
            .sum();
        assert_eq!(Some(by), i["mentions"].as_u64());
        assert!(i["single_source"].as_u64().is_some() && i["aligned_groups"].as_u64().is_some());
    }
    let text = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("issues")
        .output()
        .expect("run");
    let s = String::from_utf8_lossy(&text.stdout);
    assert!(s.contains("Drug policy") && s.contains("mentions"), "{s}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Any text, shaped or not like tables and lists, analyses without panic
    /// and every stance's evidence resolves to its words.
    #[test]
    fn any_text_analyses(lines in proptest::collection::vec("[-|:;, a-zA-Zé’'\u{2011}\u{301}.]{0,40}", 0..12)) {
        let mut text = String::from("Title\n");
        for (i, l) in lines.iter().enumerate() {
            let l = match i % 4 {
                0 => format!("| {l} |"),
                1 => format!("- Migration: {l}"),
                2 => format!("Petro argues for {l} drugs."),
                _ => l.clone(),
            };
            text.push_str(&l);
            text.push('\n');
        }
        let arts = vec![article("p.txt", &text)];
        let a = analyse_own(&arts);
        for s in &a.stances {
            proptest::prop_assert!(!s.text(&arts).trim().is_empty(), "{:?}", s.at);
        }
        for g in &a.alignments {
            proptest::prop_assert!(!g.passages.is_empty());
        }
    }
}

#[test]
fn list_items_carry_their_label_s_issue() {
    let arts = vec![article(
        "l.txt",
        "Title
- Migration: Officials met twice. They agreed on little.
",
    )];
    let a = analyse_own(&arts);
    let mig = issue_id(&a, "Migration");
    let in_item: Vec<_> = a
        .sentences
        .iter()
        .filter(|s| arts[0].blocks[s.block as usize].kind == BlockKind::ListItem)
        .collect();
    assert!(!in_item.is_empty());
    for s in in_item {
        assert_eq!(s.issues.first(), Some(&mig));
    }
}

#[test]
fn a_heading_founds_an_issue_when_its_phrase_recurs() {
    let arts = vec![
        article(
            "h1.txt",
            "Valley news
The fight over grazing permits
Ranchers say grazing permits were cut without warning.
Why now?
Nobody knows why the office closed.
",
        ),
        article(
            "h2.txt",
            "County notes
The county will review grazing permits in June.
Implications for the region
The region is quiet.
",
        ),
    ];
    let a = analyse_own(&arts);
    let g = a
        .issues
        .iter()
        .find(|i| i.name == "Grazing permits")
        .unwrap_or_else(|| panic!("{:?}", a.issues));
    assert!(g.discovered);
    assert!(
        g.labels.iter().any(|l| l == "The fight over grazing permits"),
        "{:?}",
        g.labels
    );
    assert_eq!(
        g.mentions_by_article.to_dense(),
        [2, 1],
        "heading and a sentence; a sentence"
    );
    // Headings whose phrases do not recur found nothing.
    assert_eq!(
        a.issues.len(),
        1,
        "{:?}",
        a.issues.iter().map(|i| &i.name).collect::<Vec<_>>()
    );
}

#[test]
fn issues_command_sorts_by_mentions_and_marks_discovered_in_a_column() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["issues", "--json"])
        .output()
        .expect("run briefing");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let m: Vec<u64> = v["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .map(|i| i["mentions"].as_u64().unwrap_or(0))
        .collect();
    assert!(m.windows(2).all(|w| w[0] >= w[1]), "{m:?}");
    let text = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["issues", "tests/fixtures/analysis/labelled"])
        .output()
        .expect("run");
    let s = String::from_utf8_lossy(&text.stdout);
    assert!(s.contains("source"), "{s}");
    assert!(!s.contains(" *\n"), "{s}");
}

#[test]
fn a_quote_takes_its_sentence_issues() {
    let arts = seeds();
    let a = analyse(&arts);
    let q = a
        .quotes
        .iter()
        .find(|q| q.at.text(&arts) == "undignified")
        .expect("undignified");
    let s = &a.sentences[q.sentence as usize];
    assert!(!s.issues.is_empty());
    for i in &s.issues {
        assert!(q.issues.contains(i), "{:?} vs {:?}", q.issues, s.issues);
    }
    let m = issue_id(&a, "Migration");
    assert!(q.issues.contains(&m), "{:?}", q.issues);
}

#[test]
fn weak_exact_and_name_keywords_do_not_tag_false_issues() {
    let body = "Title\n\nThe president's arrival in Washington was delayed by fog.\n\nOfficials discussed cross-border crime and border-area operations.\n\nThe Chamber of Commerce hosted a lunch for the delegation.\n\nMigrants crowded the border at dawn.\n\nRiders say fares rose by fifty cents this spring.\n";
    let arts: Vec<_> = (0..3).map(|i| article(&format!("a{i}.txt"), body)).collect();
    let a = analyse_own(&arts);
    let tagged = |needle: &str| -> Vec<String> {
        let s = a
            .sentences
            .iter()
            .find(|s| {
                s.span
                    .slice(&arts[s.article as usize].blocks[s.block as usize].text)
                    .contains(needle)
            })
            .expect(needle);
        s.issues
            .iter()
            .map(|&i| a.issues[i as usize].name.clone())
            .collect()
    };
    assert!(!tagged("arrival").contains(&"Migration".to_string()));
    assert!(
        !tagged("cross-border").contains(&"Migration".to_string()),
        "{:?} {:?}",
        tagged("cross-border"),
        a.issues
            .iter()
            .find(|i| i.name == "Migration")
            .map(|i| &i.keywords)
    );
    assert!(!tagged("Chamber of Commerce").contains(&"Trade and investment".to_string()));
    assert!(tagged("Migrants crowded").contains(&"Migration".to_string()));
    for i in &a.issues {
        let n = i.name.to_lowercase();
        assert!(!n.contains("fifty") && !n.contains("cents"), "{}", i.name);
    }
}
