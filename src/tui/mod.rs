//! The terminal UI: view state and rendering over an immutable index.

pub mod action;
pub mod pane;
pub mod theme;
pub mod widgets;

use crate::Index;
use std::sync::Arc;

/// Runs the UI until the user quits. The terminal is restored on every exit
/// path, a panic included.
pub fn run(index: Arc<Index>) -> anyhow::Result<()> {
    let mut terminal = ratatui::init();
    let r = (|| -> anyhow::Result<()> {
        loop {
            terminal.draw(|f| {
                let msg = format!(
                    "briefing: {} ({} articles) — q quits",
                    index.name,
                    index.articles.len()
                );
                f.render_widget(ratatui::widgets::Paragraph::new(msg), f.area());
            })?;
            if let crossterm::event::Event::Key(k) = crossterm::event::read()? {
                if k.code == crossterm::event::KeyCode::Char('q') {
                    return Ok(());
                }
            }
        }
    })();
    ratatui::restore();
    r
}
