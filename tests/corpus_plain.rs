//! The plain-text news parser on the seeds, on handmade fixtures and on
//! arbitrary input.

use briefing::corpus::{date, embedded, plain, Article, Block, BlockKind, Warning};
use briefing::text::sanitize;
use proptest::prelude::*;

fn seed(prefix: &str) -> Article {
    let (name, text) = embedded::ARTICLES
        .iter()
        .find(|(n, _)| n.starts_with(prefix))
        .expect("seed present");
    let mut w = Vec::new();
    let a = plain::parse(name, text, &mut w);
    check_spans(text, &a.blocks);
    a
}

fn fixture(name: &str) -> (Article, Vec<Warning>) {
    let path = format!("{}/tests/fixtures/plain/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture present");
    let mut w = Vec::new();
    let a = plain::parse(&path, &text, &mut w);
    check_spans(&text, &a.blocks);
    (a, w)
}

fn parse_str(text: &str) -> Article {
    let a = plain::parse("inline.txt", text, &mut Vec::new());
    check_spans(text, &a.blocks);
    a
}

fn texts(a: &Article, kind: BlockKind) -> Vec<&str> {
    a.blocks
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| b.text.as_str())
        .collect()
}

fn cells(row: &[briefing::corpus::Cell]) -> Vec<&str> {
    row.iter().map(|c| c.text.as_str()).collect()
}

/// Every span fits its owner on char boundaries; every table row is as wide
/// as its header; single-line blocks show exactly their source.
fn check_spans(raw: &str, blocks: &[Block]) {
    let clean = sanitize(raw);
    let fits = |s: briefing::text::Span, t: &str| {
        s.start <= s.end
            && (s.end as usize) <= t.len()
            && t.is_char_boundary(s.start as usize)
            && t.is_char_boundary(s.end as usize)
    };
    for b in blocks {
        assert!(fits(b.source, &clean), "source {:?} of {:?}", b.source, b.text);
        assert!(b.line >= 1);
        // A one-line block shows its source, bullet aside.
        let src = b.source.slice(&clean);
        if b.kind != BlockKind::Table && !src.contains('\n') {
            assert!(src.ends_with(b.text.as_str()), "{:?} / {src:?}", b.text);
            if b.kind != BlockKind::ListItem && b.kind != BlockKind::Related {
                assert_eq!(src, b.text);
            }
        }
        if let Some(t) = &b.table {
            assert_eq!(b.kind, BlockKind::Table);
            for row in std::iter::once(&t.header).chain(&t.rows) {
                assert_eq!(row.len(), t.header.len());
                for c in row {
                    assert!(fits(c.span, &b.text), "cell {:?} in {:?}", c.span, b.text);
                    assert_eq!(c.span.slice(&b.text).replace("\\|", "|"), c.text);
                }
            }
        }
    }
}

#[test]
fn seed_000_opens_with_lede_paragraphs_and_takes_its_title_from_the_first_heading() {
    let a = seed("01-");
    assert_eq!(
        a.title,
        "Petro in Washington: a reset test for U.S.–Colombia ties with Trump at center stage"
    );
    assert_eq!(
        (a.subtitle.as_deref(), a.author.as_deref(), a.date.as_deref()),
        (None, None, None)
    );
    // The two lede paragraphs stay, before everything else.
    assert_eq!(a.blocks[0].kind, BlockKind::Paragraph);
    assert!(a.blocks[0]
        .text
        .starts_with("Colombian President Gustavo Petro arrived"));
    assert_eq!(a.blocks[1].kind, BlockKind::Paragraph);
    assert!(a.blocks[1].text.starts_with("As Petro looks to pivot"));
    assert_eq!(a.blocks[2].line, 4);
    assert_eq!(
        texts(&a, BlockKind::Heading),
        [
            "From reliable allies to wary partners: migration, drugs, and Venezuela in the spotlight",
            "Competing agendas: what Petro and Trump hope to gain from the summit",
            "Managing risks: pathways to de-escalation and a new anti-narcotics consensus",
            "Insights and Conclusions",
        ]
    );
    let items = texts(&a, BlockKind::ListItem);
    assert_eq!(items.len(), 5 + 3 + 2 + 4);
    assert_eq!(
        items[0],
        "Migration management across routes like the Darién Gap and onward to the U.S. southern border."
    );
    assert!(items[5].starts_with("Migration: Washington pushes"));
    assert!(items[9].starts_with("For Trump: a narrative win"));
    assert_eq!(
        items[13],
        "Mutual non\u{2011}interference pledges related to domestic elections and partisan battles."
    );
    assert!(items.iter().all(|t| !t.starts_with("- ")));
    // The list's lead-in ending with ':' is a paragraph, not a heading.
    assert!(texts(&a, BlockKind::Paragraph).contains(&"Key elements under consideration include:"));

    let tables: Vec<_> = a.blocks.iter().filter_map(|b| b.table.as_ref()).collect();
    assert_eq!(tables.len(), 4);
    assert_eq!(
        cells(&tables[0].header),
        ["Key Issue", "Petro’s Goal", "U.S. Concern"]
    );
    assert_eq!(tables[0].rows.len(), 3);
    assert_eq!(
        cells(&tables[0].rows[0]),
        [
            "Drug Policy",
            "De\u{2011}emphasize militarization and forced eradication",
            "Limit trafficking and overdose-linked flows"
        ]
    );
    assert_eq!(
        cells(&tables[0].rows[1]),
        [
            "Energy Transition",
            "Gradually phase out oil and gas dependence",
            "Preserve market and supply stability"
        ]
    );
    assert_eq!(
        cells(&tables[0].rows[2]),
        [
            "Venezuela",
            "Back negotiations and incremental reforms",
            "Ensure credible democratic guarantees"
        ]
    );
    assert_eq!(
        cells(&tables[1].header),
        ["Issue", "U.S. Priority", "Petro’s Stance"]
    );
    assert_eq!(
        cells(&tables[1].rows[0]),
        [
            "Border flows",
            "Immediate deterrence and reduced crossings",
            "Safe, regulated transit and regional burden\u{2011}sharing"
        ]
    );
    assert_eq!(
        cells(&tables[1].rows[1]),
        [
            "Drug policy",
            "Seizures, arrests and disruption of networks",
            "Rural reform, substitution and public\u{2011}health focus"
        ]
    );
    assert_eq!(
        cells(&tables[1].rows[2]),
        [
            "Caracas ties",
            "Conditioned pressure on Maduro",
            "Normalization, dialogue and incremental reforms"
        ]
    );
    assert_eq!(
        cells(&tables[2].header),
        ["Petro’s Priorities", "Trump’s Priorities"]
    );
    assert_eq!(
        cells(&tables[2].rows[0]),
        [
            "Autonomy on drug policy and enforcement tools",
            "Headline progress on curbing trafficking"
        ]
    );
    assert_eq!(
        cells(&tables[2].rows[1]),
        [
            "Climate, green investment and just energy transition",
            "Announcements framed as job and security wins in the U.S."
        ]
    );
    assert_eq!(
        cells(&tables[2].rows[2]),
        [
            "Diplomatic space to engage Venezuela",
            "Reassurances against “appeasing Maduro”"
        ]
    );
    assert_eq!(cells(&tables[3].header), ["Track", "Goal", "Risk If Absent"]);
    assert_eq!(
        cells(&tables[3].rows[0]),
        [
            "Clear Red Lines",
            "Prevent miscalculation and military incidents",
            "Rapid, unmanaged escalation from minor disputes"
        ]
    );
    assert_eq!(
        cells(&tables[3].rows[1]),
        [
            "Anti\u{2011}Narcotics Agenda",
            "Cut cartel revenues and violence",
            "Persistent cross\u{2011}border crime and instability"
        ]
    );
    assert_eq!(
        cells(&tables[3].rows[2]),
        [
            "Backchannel Diplomacy",
            "De\u{2011}politicize crises and enable quiet compromise",
            "Policy made via public clashes and social media"
        ]
    );
    let t0 = a.blocks.iter().find(|b| b.kind == BlockKind::Table).unwrap();
    assert_eq!(t0.line, 12);
    assert!(t0
        .text
        .starts_with("| Key Issue | Petro’s Goal | U.S. Concern |\n|---|---|---|\n| Drug Policy |"));
    assert!(texts(&a, BlockKind::Caption).is_empty());
    assert!(texts(&a, BlockKind::Related).is_empty());
    assert_eq!(a.blocks.last().unwrap().line, 62);
}

#[test]
fn seed_002_byline_date_caption_and_related() {
    let a = seed("02-");
    assert_eq!(
        a.title,
        "Colombia’s Petro Arrives in Washington Ahead of Pivotal Meeting With Trump"
    );
    assert_eq!(a.subtitle, None);
    assert_eq!(a.date.as_deref(), Some("2026-02-02"));
    assert_eq!(a.author.as_deref(), Some("Josep Freixes"));
    // The metadata lines are not blocks.
    assert!(a
        .blocks
        .iter()
        .all(|b| !b.text.contains("Written on") && b.text != "Josep Freixes"));
    assert_eq!(texts(&a, BlockKind::Heading), ["Critical issues on the agenda"]);
    let caps = texts(&a, BlockKind::Caption);
    assert_eq!(caps.len(), 3);
    assert!(
        caps[0].starts_with("Colombia’s Petro arrived in Washington last night")
            && caps[0].ends_with("Credit: Juan Diego Cano / Presidency of Colombia.")
    );
    assert_eq!(caps[1], "The White House.");
    assert!(caps[2].ends_with("Credit: Billy Wilson, CC BY-2.0."));
    assert_eq!(
        texts(&a, BlockKind::Related),
        ["Related: Colombia Hired a US Firm to Arrange the Petro–Trump Meeting."]
    );
    // The first body block is the caption under the header, then the story.
    assert_eq!((a.blocks[0].kind, a.blocks[0].line), (BlockKind::Caption, 6));
    assert_eq!((a.blocks[1].kind, a.blocks[1].line), (BlockKind::Paragraph, 8));
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 14);
    assert!(texts(&a, BlockKind::ListItem).is_empty());
    assert!(a.blocks.iter().all(|b| b.table.is_none()));
    assert!(!a.blocks.iter().any(|b| b
        .text
        .contains("Colombia’s Petro arrives in Washington ahead of pivotal")));
}

#[test]
fn seed_003_dek_headings_and_no_comments() {
    let a = seed("03-");
    assert_eq!(
        a.title,
        "Trump Changes Tone, Invites Colombia’s Petro to the White House: A Shift in Hemispheric Diplomacy"
    );
    assert_eq!(
        a.subtitle.as_deref(),
        Some("A surprising diplomatic pivot raises questions about strategy, ideology, and the future of U.S.–Latin American relations")
    );
    assert_eq!((a.author.as_deref(), a.date.as_deref()), (None, None));
    assert_eq!(
        texts(&a, BlockKind::Heading),
        [
            "A Relationship Marked by Tension",
            "Why the Shift Now?",
            "Petro’s Calculated Acceptance",
            "Symbolism Versus Substance",
            "Implications for the Region",
            "A Moment of Diplomatic Uncertainty",
        ]
    );
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 15);
    assert!(a.blocks[0].text.starts_with("In a surprising diplomatic turn"));
    assert_eq!(a.blocks[0].line, 4);
    let last = a.blocks.last().unwrap();
    assert!(last.text.starts_with("What is clear is that both leaders"));
    for b in &a.blocks {
        assert!(!b.text.contains("comments for this story"));
        assert!(!b.text.contains("Be the first to respond"));
        assert_ne!(b.text, "Comments");
    }
}

#[test]
fn every_seed_loads_through_the_embedded_loader() {
    let loaded = briefing::corpus::load_embedded();
    assert_eq!(loaded.articles.len(), 3);
    assert!(loaded
        .articles
        .iter()
        .all(|a| !a.title.is_empty() && !a.blocks.is_empty()));
}

#[test]
fn hard_wrapped_blog_joins_lines_into_paragraphs() {
    let (a, _) = fixture("wrapped-blog.txt");
    assert_eq!(a.title, "Why the river towns keep flooding");
    assert_eq!(a.author.as_deref(), Some("Maria del Carmen Ruiz"));
    assert_eq!(a.date.as_deref(), Some("2025-03-14"));
    let paras = texts(&a, BlockKind::Paragraph);
    assert_eq!(paras.len(), 4);
    assert_eq!(
        paras[0],
        "Every spring the water comes a little higher in the river towns of the lower valley, and every spring \
         the same promises arrive with it. Local officials say the levees built in the 1970s were never meant for \
         storms of this size."
    );
    assert!(paras[2].ends_with("for a fraction of the cost of the damage:"));
    assert_eq!(texts(&a, BlockKind::Heading), ["What the engineers found"]);
    let items = texts(&a, BlockKind::ListItem);
    assert_eq!(
        items,
        [
            "Pumping stations that were never connected to backup power, so they stopped the moment the grid went down.",
            "Drainage channels blocked by debris that had not been cleared in years.",
            "Warning sirens that sounded only in two of the five towns.",
        ]
    );
    let first = &a.blocks[0];
    assert_eq!((first.line, first.kind), (6, BlockKind::Paragraph));
    // "Read more" is furniture; the comments section and all after it is gone.
    assert!(a
        .blocks
        .iter()
        .all(|b| !b.text.contains("Read more") && !b.text.contains("Nice piece")));
}

#[test]
fn wire_story_byline_dateline_and_credit_tail() {
    let (a, _) = fixture("wire.txt");
    assert_eq!(a.title, "Senate passes stopgap spending bill, averting shutdown");
    assert_eq!(a.author.as_deref(), Some("Jane Doe and John Roe"));
    assert_eq!(a.date.as_deref(), Some("2026-02-03"));
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    let paras = texts(&a, BlockKind::Paragraph);
    assert_eq!(paras.len(), 3);
    assert!(paras[0].starts_with("WASHINGTON (Reuters) - The U.S. Senate on Tuesday"));
    // A date inside the body is not the article's date, and the credits tail is dropped.
    assert!(a.blocks.iter().all(|b| !b.text.contains("Reporting by")));
}

#[test]
fn credit_tail_names_the_author_when_there_is_no_byline() {
    let a = parse_str("Rain hits the capital\n\nBOGOTA (Reuters) - It rained.\n\nReporting by Ana Gómez in Bogotá; Editing by Sam Smith\n");
    assert_eq!(a.author.as_deref(), Some("Ana Gómez"));
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    assert_eq!(a.blocks.len(), 1);
}

#[test]
fn bylines_in_their_usual_forms() {
    let cases = [
        (
            "Title line here\nBy Jane Doe\n\nBody text.\n",
            Some("Jane Doe"),
            None,
        ),
        (
            "Title line here\nBY JANE DOE\n\nBody text.\n",
            Some("JANE DOE"),
            None,
        ),
        (
            "Title line here\nBy Jane Doe, Reuters\n\nBody text.\n",
            Some("Jane Doe"),
            None,
        ),
        (
            "Title line here\nBy Jane Doe | February 3, 2026\n\nBody text.\n",
            Some("Jane Doe"),
            Some("2026-02-03"),
        ),
        (
            "Title line here\nFeb. 3, 2026 · By Jane Doe\n\nBody text.\n",
            Some("Jane Doe"),
            Some("2026-02-03"),
        ),
        (
            "Title line here\nPublished February 3, 2026 by Jane Doe\n\nBody text.\n",
            Some("Jane Doe"),
            Some("2026-02-03"),
        ),
        (
            "Title line here\n\nWritten on 02/02/2026\nJosep Freixes\n\nBody text.\n",
            Some("Josep Freixes"),
            Some("2026-02-02"),
        ),
        (
            "Title line here\nJane Doe\n3 February 2026\n\nBody text.\n",
            Some("Jane Doe"),
            Some("2026-02-03"),
        ),
        (
            "Title line here\nFebruary 3, 2026\nJane Doe, Washington correspondent\n\nBody text.\n",
            Some("Jane Doe"),
            Some("2026-02-03"),
        ),
        (
            "Title line here\nJane Doe | Reuters\nFebruary 3, 2026\n\nBody text.\n",
            Some("Jane Doe"),
            Some("2026-02-03"),
        ),
        (
            "By Jane Doe\nFebruary 3, 2026\n\nTitle line here\n\nBody text.\n",
            Some("Jane Doe"),
            Some("2026-02-03"),
        ),
        (
            "Title line here\nBy the time the polls closed, turnout was high.\n\nBody text.\n",
            None,
            None,
        ),
    ];
    for (text, author, date) in cases {
        let a = parse_str(text);
        assert_eq!(a.title, "Title line here", "{text:?}");
        assert_eq!(a.author.as_deref(), author, "{text:?}");
        assert_eq!(a.date.as_deref(), date, "{text:?}");
        if author.is_some() {
            assert_eq!(texts(&a, BlockKind::Paragraph), ["Body text."], "{text:?}");
        }
    }
}

#[test]
fn each_date_form_in_a_header() {
    for (line, iso) in [
        ("Written on 02/02/2026", "2026-02-02"),
        ("2026-02-03", "2026-02-03"),
        ("Published: 2026-02-03T09:30:00Z", "2026-02-03"),
        ("February 3, 2026", "2026-02-03"),
        ("Feb. 3, 2026", "2026-02-03"),
        ("3 February 2026", "2026-02-03"),
        ("Updated Tuesday, February 3, 2026 10:04 a.m. ET", "2026-02-03"),
        ("23/02/2026", "2026-02-23"),
        ("3 de febrero de 2026", "2026-02-03"),
    ] {
        let a = parse_str(&format!(
            "A headline for the day\n{line}\n\nThe story starts here.\n"
        ));
        assert_eq!(a.date.as_deref(), Some(iso), "{line}");
        assert_eq!(a.blocks.len(), 1, "{line}");
        assert_eq!(date::find_date(line).as_deref(), Some(iso));
    }
}

#[test]
fn a_date_in_the_body_is_not_the_articles_date() {
    let a = parse_str("A headline for the day\n\nThe talks began on February 3, 2026 in Washington.\n\nThe second day was calmer.\n");
    assert_eq!(a.date, None);
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 2);
}

#[test]
fn ragged_table_is_padded_and_merged() {
    let (a, w) = fixture("ragged-table.txt");
    let tb = a
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Table)
        .expect("a table");
    let t = tb.table.as_ref().unwrap();
    assert_eq!(cells(&t.header), ["Item", "2025", "2026"]);
    let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| cells(r)).collect();
    assert_eq!(
        rows,
        [
            vec!["Health", "10", "12"],
            vec!["Education", "8", ""],
            vec!["Defence", "5", "6 | 7 | note"],
            vec!["Roads", "3", "4"],
            vec!["Pipes | drains", "1", "2"],
        ]
    );
    // The padded cell is empty, at the end of its row.
    let pad = t.rows[1][2].span;
    assert!(pad.is_empty());
    assert_eq!(
        &tb.text[..pad.start as usize].rsplit('\n').next().unwrap(),
        &"| Education | 8 |"
    );
    assert_eq!(t.rows[4][0].span.slice(&tb.text), "Pipes \\| drains");
    assert_eq!(tb.line, 5);
    assert_eq!(tb.text.lines().count(), 7);
    assert!(w.iter().any(|w| w.line == Some(5) && w.message.contains("2 row")));
    assert_eq!(
        texts(&a, BlockKind::Paragraph),
        [
            "The ministry published the following figures.",
            "The figures are provisional."
        ]
    );
}

#[test]
fn stray_pipes_in_prose_are_not_tables() {
    let (a, _) = fixture("stray-pipe.txt");
    assert!(a.blocks.iter().all(|b| b.table.is_none()));
    assert_eq!(a.title, "Markets close mixed");
    assert_eq!(a.source.as_deref(), Some("Business Daily"));
    let paras = texts(&a, BlockKind::Paragraph);
    assert_eq!(paras.len(), 2);
    assert!(paras[0].starts_with("Stocks closed mixed on Friday | analysts"));
}

#[test]
fn bare_pipe_tables_need_two_matching_lines() {
    let a = parse_str("Heading of it all\n\n| a | b |\n| c | d |\n\nAfter.\n");
    let t = a
        .blocks
        .iter()
        .find_map(|b| b.table.as_ref())
        .expect("table without separator");
    assert_eq!(cells(&t.header), ["a", "b"]);
    assert_eq!(cells(&t.rows[0]), ["c", "d"]);
    let a = parse_str("Heading of it all\n\n| a | b |\n| c |\n\nAfter.\n");
    assert!(a.blocks.iter().all(|b| b.table.is_none()));
}

#[test]
fn numbered_lists() {
    let (a, _) = fixture("numbered-list.txt");
    assert_eq!(
        texts(&a, BlockKind::ListItem),
        [
            "A new migration agreement covering deportation flights.",
            "Joint targets for coca eradication.",
            "A trade review of tariffs on coffee and flowers.",
            "A hotline between the two presidents.",
        ]
    );
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 2);
}

#[test]
fn bullet_kinds() {
    let a = parse_str(
        "Items in a list\n\nThey said:\n- dash\n* star\n• dot\n– en dash\n1) paren\n\nEnd of story.\n",
    );
    assert_eq!(
        texts(&a, BlockKind::ListItem),
        ["dash", "star", "dot", "en dash", "paren"]
    );
}

#[test]
fn captions_and_credits_and_related() {
    let (a, _) = fixture("captions.txt");
    assert_eq!(
        texts(&a, BlockKind::Caption),
        [
            "Border bridge at dawn",
            "Crowds gathered on both sides of the river. Photo: Ana Gómez / Agencia Sur",
            "Protesters outside the customs building. (Photo by Luis Peña/Getty Images)",
            "Image: A map of the crossing points.",
        ]
    );
    assert_eq!(
        texts(&a, BlockKind::Related),
        [
            "Related: How the border bridge was built",
            "See also: Timeline of the talks"
        ]
    );
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 3);
    assert!(a.blocks.iter().all(|b| !b.text.contains("Share this")));
    assert!(a
        .blocks
        .iter()
        .filter(|b| b.kind.is_body())
        .all(|b| !b.text.contains("Photo")));
}

#[test]
fn no_title_line_takes_the_first_sentence_cut_short() {
    let (a, w) = fixture("no-title.txt");
    assert!(a.title.ends_with('…'), "{}", a.title);
    assert!(a.title.chars().count() <= 81);
    assert!(a.title.starts_with("the water rose overnight"));
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 2);
    assert!(w.iter().any(|w| w.message.contains("title")));
}

#[test]
fn no_title_line_but_a_heading_takes_the_heading() {
    let a = parse_str(
        "This is a long opening paragraph that runs on and on without a title above it, as some pasted articles do, and it keeps going well past any title length.\n\
         The Real Headline Is Here\n\
         Body paragraph that follows the heading, written as a full sentence.\n",
    );
    assert_eq!(a.title, "The Real Headline Is Here");
    assert_eq!(a.blocks.len(), 2);
    assert!(a.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
}

#[test]
fn headings_and_title_repeats() {
    let a = parse_str(
        "Big News Today\n\nFirst paragraph of the story.\n\nBIG NEWS, TODAY!\n\nSecond paragraph.\n\nA section heading\n\nThird paragraph.\n",
    );
    // "BIG NEWS, TODAY!" ends with '!' so it is a paragraph, not a repeated heading.
    assert_eq!(texts(&a, BlockKind::Heading), ["A section heading"]);
    let a = parse_str(
        "Big News Today\n\nFirst paragraph of the story.\n\nBig news — today\n\nSecond paragraph.\n",
    );
    assert!(texts(&a, BlockKind::Heading).is_empty());
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 2);
    // A heading-like last line has nothing under it: a paragraph.
    let a = parse_str("Big News Today\n\nFirst paragraph of the story.\n\nJane Doe contributed reporting\n");
    assert!(texts(&a, BlockKind::Heading).is_empty());
}

#[test]
fn furniture_lines_are_dropped_anywhere() {
    let a = parse_str(
        "Big News Today\n\nAdvertisement\n\nFirst paragraph.\n\nShare on Facebook\nSubscribe to our newsletter\n\nSecond paragraph.\n\nWe use cookies to improve your experience. By continuing you accept our cookie policy.\n\n12 Comments\nGreat article!\nI disagree.\n",
    );
    assert_eq!(
        texts(&a, BlockKind::Paragraph),
        ["First paragraph.", "Second paragraph."]
    );
    assert_eq!(a.blocks.len(), 2);
}

#[test]
fn empty_and_whitespace_files_have_no_blocks() {
    for t in ["", "\n", "   \n\n\t\n", "\u{feff}"] {
        let a = parse_str(t);
        assert!(a.blocks.is_empty(), "{t:?}");
        assert!(a.title.is_empty());
    }
}

#[test]
fn parse_body_counts_lines_from_the_record() {
    let mut w = Vec::new();
    let body = "First paragraph.\n\nA Heading\n\n- item\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nPhoto: someone\nRelated: more";
    let blocks = plain::parse_body("x.json", body, 10, &mut w);
    let kinds: Vec<_> = blocks.iter().map(|b| (b.kind, b.line)).collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Paragraph, 10),
            (BlockKind::Heading, 12),
            (BlockKind::ListItem, 14),
            (BlockKind::Table, 16),
            (BlockKind::Caption, 20),
            (BlockKind::Related, 21),
        ]
    );
    check_spans(body, &blocks);
    // Sanitised first: controls neutralised, CRLF folded, spans into that text.
    let raw = "Line one \u{1b}[2J here.\r\n\r\nLine two.";
    let blocks = plain::parse_body("x.json", raw, 1, &mut w);
    assert_eq!(blocks.len(), 2);
    assert!(!blocks[0].text.contains('\u{1b}'));
    assert_eq!(blocks[1].line, 3);
    check_spans(raw, &blocks);
}

#[test]
fn large_and_degenerate_inputs_finish() {
    let long_line = "word ".repeat(400_000);
    let a = parse_str(&long_line);
    assert_eq!(a.blocks.len(), 1);
    let many = "short line.\n".repeat(200_000);
    assert_eq!(parse_str(&many).blocks.len(), 200_000);
    let pipes = "|\n".repeat(50_000);
    assert!(parse_str(&pipes).blocks.is_empty());
    let wide = "||||||||||\n".repeat(1_000);
    assert_eq!(parse_str(&wide).blocks.len(), 1);
    let mut table = String::from("| a | b | c |\n|---|---|---|\n");
    for i in 0..50_000 {
        match i % 3 {
            0 => table.push_str("| 1 |\n"),
            1 => table.push_str("| 1 | 2 | 3 | 4 | 5 |\n"),
            _ => table.push_str("| 1 | 2 | 3 |\n"),
        }
    }
    let a = parse_str(&table);
    let t = a.blocks.iter().find_map(|b| b.table.as_ref()).unwrap();
    assert_eq!(t.rows.len(), 50_000);
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("| a | b |".to_string()),
        Just("|---|:--:|".to_string()),
        Just("| x \\| y | z | w |".to_string()),
        Just("|".to_string()),
        Just("||".to_string()),
        Just("".to_string()),
        Just("  ".to_string()),
        Just("- item".to_string()),
        Just("1. first".to_string()),
        Just("• é".to_string()),
        Just("“Quoted,” he said.".to_string()),
        Just("A Heading Line".to_string()),
        Just("By Jane Doe".to_string()),
        Just("Feb. 3, 2026".to_string()),
        Just("Credit: someone".to_string()),
        Just("Related: elsewhere".to_string()),
        Just("Comments".to_string()),
        Just("WASHINGTON (AP) — Story.".to_string()),
        Just("\r".to_string()),
        Just("日本語の文。".to_string()),
        Just("+----+====+".to_string()),
        Just("Related".to_string()),
        Just("You may also like".to_string()),
        Just("   continued in lower case".to_string()),
        Just("OPINION".to_string()),
        Just("Jane Doe | Reuters".to_string()),
        Just("By Jane Doe | Feb 3, 2026".to_string()),
        Just("Written on 02/02/2026".to_string()),
        Just("Source: X".to_string()),
        Just("REUTERS/X".to_string()),
        Just("12 comments".to_string()),
        Just("Reporting by Ana Gómez; Editing by X".to_string()),
        Just("Title | Site".to_string()),
        Just("e\u{301}\u{301} ｜ ａ".to_string()),
        Just("a long line of prose that wraps at about seventy columns like mail".to_string()),
        "[a-zA-Z |\\-:.é’]{0,40}",
        "[|+=\\- ]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,400}|[\\s\\S]{0,200}") {
        let a = plain::parse("p.txt", &s, &mut Vec::new());
        check_spans(&s, &a.blocks);
        let b = plain::parse_body("p.json", &s, 1, &mut Vec::new());
        check_spans(&s, &b);
    }

    #[test]
    fn never_panics_on_structured_fragments(parts in prop::collection::vec(fragment(), 0..40)) {
        let s = parts.join("\n");
        let a = plain::parse("p.txt", &s, &mut Vec::new());
        check_spans(&s, &a.blocks);
        let b = plain::parse_body("p.json", &s, 7, &mut Vec::new());
        check_spans(&s, &b);
    }
}

#[test]
fn indented_paragraphs_unindented_item_wraps_and_a_photo_above_the_byline() {
    let (a, _) = fixture("wrapped-indented.txt");
    assert_eq!(a.title, "Council approves new transit plan after long debate");
    assert_eq!(a.author.as_deref(), Some("Sam Okafor"));
    assert_eq!(a.date.as_deref(), Some("2025-03-04"));
    assert_eq!(
        texts(&a, BlockKind::Caption),
        ["Photo: City Hall at night. Credit: Tom Lee"]
    );
    let paras = texts(&a, BlockKind::Paragraph);
    assert_eq!(paras.len(), 3);
    assert!(
        paras[0].starts_with("The city council voted") && paras[0].ends_with("along neighbourhood lines.")
    );
    assert!(paras[1].starts_with("Supporters said"));
    assert_eq!(paras[2], "By Tuesday, the mayor had already signed it.");
    assert_eq!(texts(&a, BlockKind::Heading), ["The plan in brief"]);
    assert_eq!(
        texts(&a, BlockKind::ListItem),
        [
            "Two new bus corridors on the east side, with dedicated lanes and signal priority at the busiest junctions.",
            "A fare freeze until 2027.",
        ]
    );
}

#[test]
fn a_byline_below_a_heading_title_is_still_metadata() {
    let a = parse_str(
        "A long opening paragraph that stands where a title would be, running well past the length of any headline, as pasted pages do.\n\
         The Headline After The Lede\n\
         By Jane Doe\n\
         The story proper starts here and goes on.\n",
    );
    assert_eq!(a.title, "The Headline After The Lede");
    assert_eq!(a.author.as_deref(), Some("Jane Doe"));
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 2);
    assert!(texts(&a, BlockKind::Heading).is_empty());
}

#[test]
fn sentences_starting_with_by_are_not_bylines() {
    for line in [
        "By Tuesday, talks had collapsed.",
        "By contrast, the senate waited",
        "By 2030 the plan ends",
    ] {
        let a = parse_str(&format!(
            "A headline for the day\n{line}\n\nMore text follows here.\n"
        ));
        assert_eq!(a.author, None, "{line}");
        assert!(a.blocks.iter().any(|b| b.text == line), "{line}");
    }
}

#[test]
fn blog_dek_byline_with_read_time_and_tags() {
    let (a, _) = fixture("blog-dek-byline.txt");
    assert_eq!(a.title, "The quiet collapse of the coffee cooperatives");
    assert_eq!(
        a.subtitle.as_deref(),
        Some("Prices fell by a third in a year. The growers who stayed are betting on a comeback.")
    );
    assert_eq!(a.author.as_deref(), Some("Lucía Fernández"));
    assert_eq!(a.date.as_deref(), Some("2026-01-05"));
    // A short sentence above a caption is still a paragraph; only labels are photo titles.
    assert!(texts(&a, BlockKind::Paragraph).contains(&"He declined to comment further."));
    assert_eq!(
        texts(&a, BlockKind::Caption),
        ["Growers at a cooperative meeting in Huila. Photo: Lucía Fernández"]
    );
    assert_eq!(texts(&a, BlockKind::Heading), ["Key takeaways"]);
    assert_eq!(
        texts(&a, BlockKind::ListItem),
        [
            "Prices fell 33% in 2025.",
            "Two in five cooperatives have closed."
        ]
    );
    assert!(a
        .blocks
        .iter()
        .all(|b| !b.text.starts_with("Tags:") && b.text != "Share" && b.text != "Email"));
}

#[test]
fn spanish_compact_article() {
    let (a, _) = fixture("spanish-compact.txt");
    assert_eq!(a.title, "Petro y Trump se reúnen en la Casa Blanca");
    assert_eq!(a.author.as_deref(), Some("María Gómez"));
    assert_eq!(a.date.as_deref(), Some("2026-02-03"));
    assert_eq!(texts(&a, BlockKind::Heading), ["¿Qué está en juego?"]);
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 3);
    assert_eq!(
        texts(&a, BlockKind::Related),
        ["Lea también: Los antecedentes de la crisis diplomática"]
    );
}

#[test]
fn section_kicker_above_the_title_is_dropped() {
    let (a, _) = fixture("opinion-kicker.txt");
    assert_eq!(a.title, "Why the summit matters more than it seems");
    assert_eq!(a.subtitle, None);
    assert!(a.blocks.iter().all(|b| b.text != "OPINION"));
    let paras = texts(&a, BlockKind::Paragraph);
    assert_eq!(paras.len(), 5);
    assert_eq!(paras[3], "Second, drugs.");
}

#[test]
fn bare_related_headers_turn_the_lines_under_them_into_related_links() {
    let (a, _) = fixture("related-lists.txt");
    assert_eq!(
        texts(&a, BlockKind::Related),
        [
            "Drought deepens in the north",
            "Reservoirs at record low",
            "Ten things to know about the drought"
        ]
    );
    assert_eq!(
        texts(&a, BlockKind::Paragraph),
        [
            "The ministers met on Friday.",
            "After the break, the talks went on."
        ]
    );
    assert!(texts(&a, BlockKind::Heading).is_empty());
}

#[test]
fn read_time_stamps_source_notes_and_agency_credits() {
    let (a, _) = fixture("stamps-source-credit.txt");
    assert_eq!(a.title, "Inflation eases for a third month");
    assert!(a
        .blocks
        .iter()
        .all(|b| !b.text.contains("min read") && !b.text.contains("hours ago")));
    assert_eq!(
        texts(&a, BlockKind::Caption),
        [
            "Source: National Statistics Office",
            "Shoppers at a market in Bogotá.",
            "REUTERS/Luisa González"
        ]
    );
    let t = a.blocks.iter().find_map(|b| b.table.as_ref()).unwrap();
    assert_eq!(t.rows.len(), 2);
    // A line holding a link is not a heading.
    assert!(texts(&a, BlockKind::Paragraph).contains(&"Read the full report at https://example.org/report"));
    assert!(texts(&a, BlockKind::Heading).is_empty());
}

#[test]
fn a_source_note_does_not_make_the_paragraph_above_a_caption() {
    let a = parse_str("Jobs report\n\nUnemployment rose to 11% in March, the highest in two years.\nSource: DANE\n\nMore text here.\n");
    assert_eq!(texts(&a, BlockKind::Caption), ["Source: DANE"]);
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 2);
}

#[test]
fn grid_tables_with_rule_lines() {
    let (a, w) = fixture("grid-table.txt");
    let tb = a
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Table)
        .expect("a grid table");
    let t = tb.table.as_ref().unwrap();
    assert_eq!(cells(&t.header), ["Donor", "Amount"]);
    let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| cells(r)).collect();
    assert_eq!(rows, [vec!["Norway", "$120m"], vec!["Japan", "$95m"]]);
    assert_eq!(tb.line, 6);
    assert!(w.is_empty());
    assert_eq!(
        texts(&a, BlockKind::Paragraph),
        [
            "Donors pledged the following amounts.",
            "Further pledges are expected."
        ]
    );
}

#[test]
fn a_heading_deep_in_a_titleless_story_is_not_its_title() {
    let mut text = String::new();
    for i in 0..8 {
        text.push_str(&format!(
            "Paragraph number {i} opens with a sentence of news. It goes on a little.\n\n"
        ));
    }
    text.push_str("Conclusion\n\nThe last paragraph.\n");
    let a = parse_str(&text);
    assert_eq!(a.title, "Paragraph number 0 opens with a sentence of news");
    assert_eq!(texts(&a, BlockKind::Heading), ["Conclusion"]);
}

#[test]
fn a_role_or_outlet_line_under_the_byline_is_metadata() {
    let a = parse_str(
        "Title line here\nBy Jane Doe\nStaff Writer\nFebruary 3, 2026\n\nBody text.\n\nMore body.\n",
    );
    assert_eq!(a.author.as_deref(), Some("Jane Doe"));
    assert_eq!(a.date.as_deref(), Some("2026-02-03"));
    assert_eq!(a.source, None);
    assert_eq!(texts(&a, BlockKind::Paragraph), ["Body text.", "More body."]);
    let a = parse_str("Title line here\nBy Jane Doe\nThe Associated Press\n\nBody text.\n");
    assert_eq!(a.source.as_deref(), Some("The Associated Press"));
    assert_eq!(a.blocks.len(), 1);
    // Apart from the byline by a blank line, a short line is a heading.
    let a = parse_str("Title line here\nBy Jane Doe\n\nThe Background\n\nBody text.\n");
    assert_eq!(texts(&a, BlockKind::Heading), ["The Background"]);
    let a = parse_str("Title line here\nWritten on 02/02/2026\n\nThe Background\n\nBody text.\n");
    assert_eq!(a.author, None);
    assert_eq!(texts(&a, BlockKind::Heading), ["The Background"]);
}

#[test]
fn wrapped_text_with_headings_set_tight_against_paragraphs() {
    let (a, _) = fixture("wrapped-tight-headings.txt");
    assert_eq!(
        texts(&a, BlockKind::Heading),
        ["What the government plans", "Why it matters"]
    );
    let paras = texts(&a, BlockKind::Paragraph);
    assert_eq!(paras.len(), 3);
    assert!(
        paras[0].ends_with("a quarter of their capacity this week, the lowest level since records began.")
    );
    assert!(paras[1].starts_with("Officials said") && paras[1].ends_with("last all summer."));
    assert_eq!(paras[2], "The north grows most of the country's rice.");
}

#[test]
fn a_long_title_in_a_wrapped_file_keeps_its_byline_apart() {
    let a = parse_str(
        "Regional leaders gather in the capital for a summit on water\n\
         By Jane Doe\n\
         \n\
         The leaders of the five river provinces arrived in the capital on\n\
         Monday for two days of talks on how to share a shrinking supply of\n\
         water between farms, towns and the hydroelectric dams upstream.\n\
         \n\
         Officials said a draft agreement had been circulated last week but\n\
         that several provinces still objected to the quotas it proposed for\n\
         the dry season, when demand is highest.\n",
    );
    assert_eq!(
        a.title,
        "Regional leaders gather in the capital for a summit on water"
    );
    assert_eq!(a.author.as_deref(), Some("Jane Doe"));
    assert_eq!(texts(&a, BlockKind::Paragraph).len(), 2);
}
