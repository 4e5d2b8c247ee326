//! The terminal UI: view state and rendering over an immutable index.
//!
//! `app` holds the state and applies `Action`s; `keys` is the one table
//! from keys to actions; `view` draws; `terminal` runs the event loop and
//! guarantees the terminal is restored.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod keys;
pub mod lookup;
pub mod pane;
pub mod terminal;
#[doc(hidden)]
pub mod testing;
pub mod theme;
pub mod view;
pub mod widgets;

use crate::Index;
use std::sync::Arc;

/// Runs the UI until the user quits. The terminal is restored on every exit
/// path, a panic included.
pub fn run(index: Arc<Index>) -> anyhow::Result<()> {
    terminal::run(index)
}

pub use terminal::run_loading;
