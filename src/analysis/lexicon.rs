//! Lexicons: actors (with aliases, titles, metonyms), issues (with keywords)
//! and speech/stance verbs, as data in `assets/lexicon/`. Code holds no
//! story-specific names.

/// The lexicons analysis reads. (Format: docs/lexicon-format.md.)
#[derive(Debug, Clone, Default)]
pub struct Lexicon {}

impl Lexicon {
    /// The lexicon compiled into the binary from `assets/lexicon/`.
    pub fn embedded() -> Lexicon {
        Lexicon::default()
    }
}
