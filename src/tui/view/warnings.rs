//! The load warnings overlay: what the loader could not take as it was,
//! one `FILE[:LINE]: message` each, so a reader can judge what is missing.

use super::{centered, overlay_block};
use crate::corpus::Warning;
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

/// One warning wrapped to `width`, its continuation lines indented.
fn warning_lines(w: &Warning, theme: &Theme, width: u16) -> impl Iterator<Item = Line<'static>> {
    let text = w.to_string();
    wrap(&text, theme.text, &[], width.saturating_sub(2).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let mut spans = vec![ratatui::text::Span::raw(if i == 0 { "" } else { "  " })];
            spans.extend(l.line.spans);
            Line::from(spans)
        })
}

fn rect(size: Rect) -> Rect {
    centered(
        size,
        size.width.saturating_sub(4).max(size.width.min(20)),
        size.height.saturating_sub(2),
    )
}

/// How far the list can scroll at this terminal size: the first warning
/// shown when the last ones fill the box. The list scrolls by warning and
/// only the warnings on screen are wrapped, so a hundred thousand of them
/// (a broken JSONL export) open and scroll at once.
pub fn max_scroll(size: Rect, index: &Index) -> usize {
    let r = rect(size);
    let inner = r.height.saturating_sub(2) as usize;
    let width = r.width.saturating_sub(2);
    let theme = Theme::new(false);
    let mut used = 0;
    let mut first = index.warnings.len();
    while first > 0 {
        let n = warning_lines(&index.warnings[first - 1], &theme, width).count();
        if used + n > inner {
            break;
        }
        used += n;
        first -= 1;
    }
    // A last warning taller than the box is still reached, from its start.
    first.min(index.warnings.len().saturating_sub(1))
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
    let first = scroll.min(max_scroll(size, &app.index));
    let ls: Vec<Line> = app.index.warnings[first.min(app.index.warnings.len())..]
        .iter()
        .flat_map(|w| warning_lines(w, &app.theme, inner.width))
        .take(inner.height as usize)
        .collect();
    f.render_widget(Paragraph::new(ls), inner);
}
