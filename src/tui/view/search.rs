//! The search overlay: a query line over ranked hits, quotes before
//! sentences as the search ranks them, matched characters highlighted.

use super::{centered, overlay_block};
use crate::search::{target_text, Hit, Target};
use crate::tui::app::{App, SearchState};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

fn rect(size: Rect) -> Rect {
    let w = (size.width.saturating_sub(4)).clamp(size.width.min(20), 110);
    let h = size.height.saturating_sub(4).clamp(size.height.min(5), 30);
    centered(size, w, h)
}

/// How many hits the overlay shows at once at this terminal size.
pub fn list_height(size: Rect) -> usize {
    rect(size).height.saturating_sub(4) as usize
}

/// The hit drawn at (`x`, `y`), if any (the same arithmetic as `render`).
pub fn hit_at(size: Rect, s: &SearchState, x: u16, y: u16) -> Option<usize> {
    let r = rect(size);
    let top = r.y + 3;
    let h = list_height(size);
    if x <= r.x || x + 1 >= r.x + r.width || y < top || y >= top + h as u16 {
        return None;
    }
    let i = super::chrome::list_offset(0, s.selected, h) + (y - top) as usize;
    (i < s.hits.len()).then_some(i)
}

pub fn render(f: &mut Frame, size: Rect, app: &App, s: &SearchState) {
    let t = &app.theme;
    let r = rect(size);
    f.render_widget(Clear, r);
    let block = overlay_block(" Search quotes and sentences ", app);
    let inner = block.inner(r);
    f.render_widget(block, r);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let w = inner.width as usize;
    let count = if s.pending {
        "searching…".to_string()
    } else if s.query.trim().is_empty() {
        "type to search".to_string()
    } else {
        format!("{} / {}", s.hits.len().min(s.selected + 1), s.matched)
    };
    // Show the end of a long query: that is where typing happens.
    let room = w.saturating_sub(count.width() + 4);
    let q = tail(&s.query, room.saturating_sub(1));
    let pad = w.saturating_sub(2 + q.width() + 1 + count.width());
    let input = Line::from(vec![
        Span::styled("/ ", t.title),
        Span::styled(q, t.text),
        Span::styled("▏", t.text.add_modifier(Modifier::SLOW_BLINK)),
        Span::raw(" ".repeat(pad)),
        Span::styled(count, t.dim),
    ]);
    f.render_widget(Paragraph::new(input), Rect::new(inner.x, inner.y, inner.width, 1));
    if inner.height < 3 {
        return;
    }
    f.render_widget(
        Paragraph::new(Line::styled("─".repeat(w), t.border)),
        Rect::new(inner.x, inner.y + 1, inner.width, 1),
    );
    let h = (inner.height - 2) as usize;
    let off = super::chrome::list_offset(0, s.selected, h);
    let lines: Vec<Line> = s
        .hits
        .iter()
        .enumerate()
        .skip(off)
        .take(h)
        .map(|(i, hit)| hit_line(app, hit, w, i == s.selected))
        .collect();
    let lines = if !lines.is_empty() || s.pending {
        lines
    } else if s.query.trim().is_empty() {
        vec![
            Line::styled(
                "Quotes first, then sentences; letters may be apart (fuzzy).",
                t.dim,
            ),
            Line::styled(
                "↑/↓ or Ctrl-n/Ctrl-p select · Enter jumps to the words · Esc closes",
                t.dim,
            ),
        ]
    } else {
        vec![Line::styled("no matches", t.dim)]
    };
    f.render_widget(
        Paragraph::new(lines),
        Rect::new(inner.x, inner.y + 2, inner.width, inner.height - 2),
    );
}

fn hit_line(app: &App, hit: &Hit, w: usize, selected: bool) -> Line<'static> {
    let t = &app.theme;
    let ix = &app.index;
    let (marker, speaker, style, article) = match hit.target {
        Target::Quote(q) => {
            let q = ix.analysis.quotes.get(q as usize);
            let name = q.map_or("unattributed", |q| ix.speaker_label(q)).to_string();
            (
                "“ ",
                Some(name),
                t.speaker(q.and_then(|q| q.speaker)),
                q.map(|q| q.at.article),
            )
        }
        Target::Sentence(s) => (
            "· ",
            None,
            t.text,
            ix.analysis.sentences.get(s as usize).map(|s| s.article),
        ),
    };
    let article = article
        .and_then(|a| ix.article(a))
        .map(|a| a.label().to_string())
        .unwrap_or_default();
    let sel = |s: Style| {
        if selected {
            s.add_modifier(Modifier::REVERSED)
        } else {
            s
        }
    };
    let mut spans = vec![Span::styled(marker, sel(t.dim))];
    let mut used = 2usize;
    if let Some(n) = speaker {
        let n = super::article::truncate(&n, 18);
        used += n.width() + 2;
        spans.push(Span::styled(n, sel(style.add_modifier(Modifier::BOLD))));
        spans.push(Span::styled(": ", sel(t.dim)));
    }
    let art_w = if w >= 70 { 28.min(w / 4) } else { 0 };
    let text_w = w.saturating_sub(used + art_w + usize::from(art_w > 0) * 2);
    let text = target_text(ix, hit.target);
    let snip = snippet(text, &hit.ranges, text_w, sel(t.text), sel(t.highlight), t);
    let snip_w: usize = snip.iter().map(|s| s.content.width()).sum();
    spans.extend(snip);
    if art_w > 0 {
        let a = super::article::truncate(&article, art_w);
        let pad = w.saturating_sub(used + snip_w + a.width());
        spans.push(Span::styled(" ".repeat(pad), sel(t.text)));
        spans.push(Span::styled(a, sel(t.dim)));
    } else if selected {
        spans.push(Span::styled(
            " ".repeat(w.saturating_sub(used + snip_w)),
            sel(t.text),
        ));
    }
    Line::from(spans)
}

/// `text` in at most `w` cells, starting a little before the first match
/// so it shows, matched bytes in `hl`. Newlines and tabs show as spaces.
pub fn snippet(
    text: &str,
    ranges: &[(usize, usize)],
    w: usize,
    base: Style,
    hl: Style,
    _t: &Theme,
) -> Vec<Span<'static>> {
    if w == 0 {
        return Vec::new();
    }
    let first = ranges.iter().map(|r| r.0).min().unwrap_or(0);
    let before = text.get(..first).map_or(0, UnicodeWidthStr::width);
    let mut start = 0;
    if before > w / 3 {
        // Back up about a quarter of the width from the first match.
        let mut back = 0;
        start = first;
        for (i, g) in text.get(..first).unwrap_or("").grapheme_indices(true).rev() {
            back += g.width();
            if back > w / 4 {
                break;
            }
            start = i;
        }
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    if start > 0 {
        spans.push(Span::styled("…", base));
        used += 1;
    }
    let mut buf = String::new();
    let mut cur: Option<Style> = None;
    let rest = text.get(start..).unwrap_or("");
    let mut cut = false;
    for (i, g) in rest.grapheme_indices(true) {
        let at = start + i;
        let g = if g.chars().any(char::is_whitespace) {
            " "
        } else {
            g
        };
        let gw = g.width();
        if used + gw > w.saturating_sub(1) && at + g.len() < text.len() {
            cut = true;
            break;
        }
        if used + gw > w {
            cut = true;
            break;
        }
        let s = if ranges.iter().any(|&(a, b)| a <= at && at < b) {
            hl
        } else {
            base
        };
        if cur != Some(s) {
            if let Some(c) = cur {
                spans.push(Span::styled(std::mem::take(&mut buf), c));
            }
            cur = Some(s);
        }
        buf.push_str(g);
        used += gw;
    }
    if let Some(c) = cur {
        spans.push(Span::styled(buf, c));
    }
    if cut && used < w {
        spans.push(Span::styled("…", base));
    }
    spans
}

/// The last `w` cells of `s` (with `…` in front when cut).
fn tail(s: &str, w: usize) -> String {
    if s.width() <= w {
        return s.to_string();
    }
    let mut out: Vec<&str> = Vec::new();
    let mut used = 1;
    for g in s.graphemes(true).rev() {
        if used + g.width() > w {
            break;
        }
        used += g.width();
        out.push(g);
    }
    out.reverse();
    if w == 0 {
        return String::new();
    }
    format!("…{}", out.concat())
}
