//! Alignment across sources: shape invariants on the seeds, grouping on a
//! handmade corpus of paraphrases.
mod analysis_support;

use analysis_support::*;
use briefing::analysis::Analysis;
use briefing::corpus::Article;

fn check_shape(a: &Analysis) {
    let mut last: Option<(u32, usize, f32)> = None;
    for g in &a.alignments {
        assert!(!g.passages.is_empty());
        assert_eq!(g.single_source, g.passages.len() == 1);
        let arts: Vec<u32> = g
            .passages
            .iter()
            .map(|&p| a.sentences[p as usize].article)
            .collect();
        let mut d = arts.clone();
        d.dedup();
        assert_eq!(
            d.len(),
            arts.len(),
            "one passage per article, in article order: {arts:?}"
        );
        assert!(arts.windows(2).all(|w| w[0] < w[1]));
        for &p in &g.passages {
            assert!(
                a.sentences[p as usize].issues.contains(&g.issue),
                "passage on the group's issue"
            );
        }
        if g.single_source {
            assert_eq!(g.similarity, 1.0);
        } else {
            assert!(g.similarity >= briefing::analysis::align::THRESHOLD && g.similarity <= 1.0001);
        }
        // Sorted by issue, then size, then similarity.
        if let Some((i, n, s)) = last {
            if i == g.issue {
                assert!(n > g.passages.len() || (n == g.passages.len() && s >= g.similarity));
            } else {
                assert!(i < g.issue);
            }
        }
        last = Some((g.issue, g.passages.len(), g.similarity));
    }
}

#[test]
fn seed_groups_are_well_formed() {
    let arts = seeds();
    let a = analyse_own(&arts);
    check_shape(&a);
    assert!(a.alignments.iter().any(|g| g.single_source));
    // Every sentence on an issue is in exactly one of that issue's groups.
    for issue in &a.issues {
        let on: usize = a
            .sentences
            .iter()
            .filter(|s| s.issues.contains(&issue.id))
            .count();
        let grouped: usize = a
            .alignments
            .iter()
            .filter(|g| g.issue == issue.id)
            .map(|g| g.passages.len())
            .sum();
        assert!(grouped <= on, "{}: {grouped} > {on}", issue.name);
        assert!(grouped > 0, "{}", issue.name);
    }
}

fn corpus() -> Vec<Article> {
    let texts = [
        "One
The ministry will cut fishing quotas in the northern sea by a third next spring, officials confirmed.
Harbour masters expect the fishing quota cut to hit small trawlers hardest.
A new ferry timetable starts in May.",
        "Two
Fishing quotas in the northern sea are to be cut by a third from next spring, the ministry said.
Small trawlers will bear the brunt of the fishing quota cut, harbour masters warn.
Inspectors found that fishing quotas were widely ignored by foreign fleets last season.",
        "Three
From next spring the northern sea fishing quotas fall by a third under the ministry plan.
Fuel prices for the fishing fleet rose again this month.",
    ];
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| article(&format!("{i}.txt"), t))
        .collect()
}

#[test]
fn paraphrases_across_articles_group_and_the_rest_is_single_source() {
    let arts = corpus();
    let a = analyse_own(&arts);
    check_shape(&a);
    let text = |p: u32| {
        let s = &a.sentences[p as usize];
        s.span
            .slice(&arts[s.article as usize].blocks[s.block as usize].text)
            .to_string()
    };
    let groups: Vec<Vec<String>> = a
        .alignments
        .iter()
        .map(|g| g.passages.iter().map(|&p| text(p)).collect())
        .collect();
    let cut = groups
        .iter()
        .find(|g| g.len() == 3)
        .unwrap_or_else(|| panic!("the quota cut is told by all three: {groups:#?}"));
    assert!(cut.iter().all(|t| t.contains("by a third")), "{cut:?}");
    let trawlers = groups
        .iter()
        .find(|g| g.len() == 2)
        .unwrap_or_else(|| panic!("the trawlers passage is told by two: {groups:#?}"));
    assert!(trawlers.iter().all(|t| t.contains("trawlers")), "{trawlers:?}");
    // Only one source tells of the inspectors.
    let single = a
        .alignments
        .iter()
        .find(|g| g.passages.iter().any(|&p| text(p).contains("Inspectors")))
        .expect("inspectors passage grouped");
    assert!(single.single_source);
}

/// On the embedded briefing (the real parser and every stage), the two
/// accounts of Colombia as migrants' transit country and host are one group.
#[test]
fn embedded_briefing_aligns_the_migrant_host_passages() {
    let arts = briefing::corpus::load_embedded().articles;
    let a = analyse(&arts);
    check_shape(&a);
    let text = |p: u32| {
        let s = &a.sentences[p as usize];
        s.span
            .slice(&arts[s.article as usize].blocks[s.block as usize].text)
            .to_string()
    };
    let g = a
        .alignments
        .iter()
        .find(|g| {
            g.passages
                .iter()
                .any(|&p| text(p).contains("transit country and a host"))
        })
        .expect("the transit passage is grouped");
    assert!(!g.single_source);
    assert!(
        g.passages
            .iter()
            .any(|&p| text(p).contains("hundreds of thousands of migrants")),
        "{:?}",
        g.passages.iter().map(|&p| text(p)).collect::<Vec<_>>()
    );
}
