//! briefing: a terminal briefing browser.
//!
//! One direction of flow: files → [`corpus`] (articles made of blocks) →
//! [`analysis`] (sentences, quotes, actors, issues, stances, alignment) →
//! [`index::Index`] (immutable, shared by `Arc`) → [`search`] (a worker over
//! the index) and [`tui`] (view state and rendering). Each stage depends only
//! on the ones before it.

pub mod analysis;
pub mod cmd;
pub mod corpus;
pub mod gen;
pub mod heap;
pub mod index;
pub mod search;
pub mod text;
pub mod timings;
pub mod tui;
pub mod windows;

pub use index::Index;
