//! The default briefing, compiled into the binary so `briefing` with no path
//! opens it from anywhere.

/// (file name, contents) of each embedded article, in reading order.
pub const ARTICLES: &[(&str, &str)] = &[
    (
        "01-petro-in-washington-reset-test.txt",
        include_str!("../../assets/briefing/01-petro-in-washington-reset-test.txt"),
    ),
    (
        "02-petro-arrives-ahead-of-pivotal-meeting.txt",
        include_str!("../../assets/briefing/02-petro-arrives-ahead-of-pivotal-meeting.txt"),
    ),
    (
        "03-trump-changes-tone-invites-petro.txt",
        include_str!("../../assets/briefing/03-trump-changes-tone-invites-petro.txt"),
    ),
];

/// The name the default briefing goes by in the UI: data beside its
/// articles (`assets/briefing.name`), so code holds no story's name.
pub fn name() -> &'static str {
    include_str!("../../assets/briefing.name").trim()
}
