//! The help overlay, generated from the key table.

use super::{centered, overlay_block};
use crate::tui::app::App;
use crate::tui::keys;
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::wrap;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

const KEYS_W: usize = 22;

/// The help's lines at `width`: help texts wrap under themselves.
fn lines(theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let t = theme;
    let mut out = Vec::new();
    let text_w = (width as usize).saturating_sub(KEYS_W + 2);
    for (title, rows) in keys::help_sections() {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(title, t.heading));
        for (k, help) in rows {
            let pad = KEYS_W.saturating_sub(unicode_width::UnicodeWidthStr::width(k.as_str()));
            let head = vec![
                Span::styled(format!("  {k}"), t.title),
                Span::raw(" ".repeat(pad.max(1))),
            ];
            if text_w < 12 {
                let mut spans = head;
                spans.push(Span::styled(help, t.text));
                out.push(Line::from(spans));
                continue;
            }
            for (i, l) in wrap(help, t.text, &[], text_w as u16).into_iter().enumerate() {
                let mut spans = if i == 0 {
                    head.clone()
                } else {
                    vec![Span::raw(" ".repeat(KEYS_W + 2))]
                };
                spans.extend(l.line.spans);
                out.push(Line::from(spans));
            }
        }
    }
    out.push(Line::default());
    let mouse = "Mouse: the wheel scrolls what is under the pointer; a click selects a tab, a list entry, a quote or a search hit (click it again to follow it).";
    out.extend(wrap(mouse, t.dim, &[], width.max(1)).into_iter().map(|l| l.line));
    let counts = "Counts: 9q beside an article (and in the status line) is how many quotes it holds.";
    out.extend(wrap(counts, t.dim, &[], width.max(1)).into_iter().map(|l| l.line));
    out
}

fn rect(size: Rect) -> Rect {
    centered(size, 96, size.height.saturating_sub(2))
}

/// How far the help can scroll at this terminal size.
pub fn max_scroll(size: Rect) -> usize {
    let r = rect(size);
    let inner = r.height.saturating_sub(2) as usize;
    lines(&Theme::new(false), r.width.saturating_sub(2))
        .len()
        .saturating_sub(inner)
}

pub fn render(f: &mut Frame, size: Rect, app: &App, scroll: usize) {
    let r = rect(size);
    f.render_widget(Clear, r);
    let block = overlay_block(" Keys · Esc or ? closes · j/k scroll ", app);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let ls: Vec<Line> = lines(&app.theme, inner.width)
        .into_iter()
        .skip(scroll.min(max_scroll(size)))
        .take(inner.height as usize)
        .map(|l| fit(l, inner.width as usize))
        .collect();
    f.render_widget(Paragraph::new(ls), inner);
}

/// Cuts a line to `w` cells (help rows are short; this keeps narrow
/// terminals from wrapping them into each other).
fn fit(l: Line<'static>, w: usize) -> Line<'static> {
    let mut left = w;
    let mut spans = Vec::new();
    for s in l.spans {
        if left == 0 {
            break;
        }
        let c = super::article::truncate(&s.content, left);
        left = left.saturating_sub(unicode_width::UnicodeWidthStr::width(c.as_str()));
        spans.push(Span::styled(c, s.style));
    }
    Line::from(spans)
}
