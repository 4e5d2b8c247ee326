//! The load warnings overlay: what the loader could not take as it was,
//! one `FILE[:LINE]: message` each, so a reader can judge what is missing.

use super::{centered, overlay_block};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::wrap;
use crate::Index;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

/// "1 warning", "6 warnings".
pub fn count(n: usize) -> String {
    format!("{n} warning{}", if n == 1 { "" } else { "s" })
}

/// Each warning wrapped to `width`, its continuation lines indented.
fn lines(index: &Index, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for w in &index.warnings {
        let text = w.to_string();
        for (i, l) in wrap(&text, theme.text, &[], width.saturating_sub(2).max(1))
            .into_iter()
            .enumerate()
        {
            let mut spans = vec![ratatui::text::Span::raw(if i == 0 { "" } else { "  " })];
            spans.extend(l.line.spans);
            out.push(Line::from(spans));
        }
    }
    out
}

fn rect(size: Rect) -> Rect {
    centered(
        size,
        size.width.saturating_sub(4).max(size.width.min(20)),
        size.height.saturating_sub(2),
    )
}

/// How far the list can scroll at this terminal size.
pub fn max_scroll(size: Rect, index: &Index) -> usize {
    let r = rect(size);
    let inner = r.height.saturating_sub(2) as usize;
    lines(index, &Theme::new(false), r.width.saturating_sub(2))
        .len()
        .saturating_sub(inner)
}

pub fn render(f: &mut Frame, size: Rect, app: &App, scroll: usize) {
    let r = rect(size);
    f.render_widget(Clear, r);
    let title = format!(
        " {} while loading · Esc closes · j/k scroll ",
        count(app.index.warnings.len())
    );
    let title = super::article::truncate(&title, r.width.saturating_sub(2) as usize);
    let block = overlay_block(&title, app);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let ls: Vec<Line> = lines(&app.index, &app.theme, inner.width)
        .into_iter()
        .skip(scroll.min(max_scroll(size, &app.index)))
        .take(inner.height as usize)
        .collect();
    f.render_widget(Paragraph::new(ls), inner);
}
