//! The frame around the panes: the top bar with the pane tabs and the
//! briefing's name, the left list, and the status line.

use super::article::truncate;
use crate::tui::action::PaneId;
use crate::tui::app::{App, Focus, Overlay};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

fn short_title(p: PaneId) -> &'static str {
    match p {
        PaneId::Articles => "Art",
        PaneId::Issues => "Iss",
        PaneId::Actors => "Act",
        PaneId::Compare => "Cmp",
    }
}

/// The tab labels and the columns each takes in a top bar `width` wide:
/// full names when they fit, then short names, then numbers, so every tab
/// stays whole.
pub fn tabs(width: u16) -> Vec<(PaneId, String, Range<u16>)> {
    let forms: [fn(PaneId) -> String; 4] = [
        |p| format!(" {} {} ", p.index() + 1, p.title()),
        |p| format!(" {} {} ", p.index() + 1, short_title(p)),
        |p| format!("{} {}", p.index() + 1, short_title(p)),
        |p| format!(" {} ", p.index() + 1),
    ];
    let total = |f: &fn(PaneId) -> String| PaneId::ALL.iter().map(|&p| f(p).len() + 1).sum::<usize>();
    let form = forms
        .iter()
        .find(|f| total(f) <= width as usize)
        .unwrap_or(&forms[3]);
    let mut x = 0u16;
    PaneId::ALL
        .iter()
        .map(|&p| {
            let label = form(p);
            let w = label.len() as u16;
            let r = x..x + w;
            x += w + 1;
            (p, label, r)
        })
        .collect()
}

/// The pane whose tab is at column `x` of a top bar `width` wide.
pub fn tab_at(x: u16, width: u16) -> Option<PaneId> {
    tabs(width)
        .into_iter()
        .find(|(_, _, r)| r.contains(&x))
        .map(|t| t.0)
}

pub fn top_bar(f: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let mut spans = Vec::new();
    let mut used = 0usize;
    for (p, label, _) in tabs(area.width) {
        spans.push(Span::styled(
            label.clone(),
            if p == app.active() { t.bar_active } else { t.bar },
        ));
        spans.push(Span::styled(" ", t.bar));
        used += label.len() + 1;
    }
    let room = (area.width as usize).saturating_sub(used + 1);
    // The warnings count outranks the briefing's name: it says the pack is
    // not all there, and `w` lists why.
    let n = app.index.warnings.len();
    let warn = (n > 0)
        .then(|| [format!("⚠ {}", super::warnings::count(n)), format!("⚠ {n}")])
        .and_then(|ws| ws.into_iter().find(|w| w.width() <= room))
        .unwrap_or_default();
    let left = room.saturating_sub(warn.width() + usize::from(!warn.is_empty()));
    let name = if left >= 4 {
        truncate(&app.index.name, left)
    } else {
        String::new()
    };
    let gap = if name.is_empty() { 0 } else { 1 };
    let pad = room.saturating_sub(warn.width() + gap * usize::from(!warn.is_empty()) + name.width());
    spans.push(Span::styled(" ".repeat(pad), t.bar));
    if !warn.is_empty() {
        spans.push(Span::styled(warn.clone(), t.warning));
        if gap > 0 {
            spans.push(Span::styled(" ", t.bar));
        }
    }
    if !name.is_empty() {
        spans.push(Span::styled(name, t.title));
    }
    f.render_widget(Paragraph::new(Line::from(spans)).style(t.bar), area);
}

/// What a list's counts count, written after the number ("9q"), where the
/// frame knows it: a bare number beside a title says nothing.
pub fn count_unit(p: PaneId) -> &'static str {
    match p {
        PaneId::Articles => "q",
        _ => "",
    }
}

/// The first visible row of a list of height `h` so `sel` shows, moving
/// `off` as little as possible.
pub fn list_offset(off: usize, sel: usize, h: usize) -> usize {
    let h = h.max(1);
    if sel < off {
        sel
    } else if sel >= off + h {
        sel + 1 - h
    } else {
        off
    }
}

pub fn list(f: &mut Frame, area: Rect, app: &App, bordered: bool) {
    let t = &app.theme;
    let focused = app.focus() == Focus::List;
    let inner = if bordered {
        let b = Block::default().borders(Borders::RIGHT).border_style(if focused {
            t.border_focused
        } else {
            t.border
        });
        let inner = b.inner(area);
        f.render_widget(b, area);
        inner
    } else {
        area
    };
    let pane = app.pane(app.active());
    let ctx = app.ctx();
    let sel = pane.selected();
    let h = inner.height as usize;
    let off = list_offset(app.list_offset(), sel, h);
    let w = inner.width as usize;
    let unit = count_unit(app.active());
    // Only the rows on screen are made: the list may be very long.
    let lines: Vec<Line> = (off..off.saturating_add(h).min(pane.entry_count(&ctx)))
        .filter_map(|i| pane.entry(&ctx, i).map(|e| (i, e)))
        .map(|(i, e)| {
            let count = e.count.map(|c| format!(" {c}{unit}")).unwrap_or_default();
            let mark = if e.marked { "● " } else { "  " };
            let label_w = w.saturating_sub(count.width() + mark.width());
            let label = truncate(&e.label, label_w);
            let pad = label_w.saturating_sub(label.width());
            let row_style = if i == sel {
                if focused {
                    t.selected
                } else {
                    t.text.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                }
            } else {
                t.text
            };
            let mut spans = vec![
                Span::styled(mark, if e.marked { t.marked } else { row_style }),
                Span::styled(label, row_style),
                Span::styled(" ".repeat(pad), row_style),
            ];
            if count.width() + mark.width() <= w {
                spans.push(Span::styled(count, if i == sel { row_style } else { t.dim }));
            }
            Line::from(spans)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// The key names hints use, whatever a pane wrote: one name per key, as
/// the help and docs/keys.md write it.
fn key_name(k: &str) -> String {
    match k.to_lowercase().as_str() {
        "esc" | "escape" => "Esc".into(),
        "enter" | "⏎" | "return" => "Enter".into(),
        "space" | "␣" => "Space".into(),
        "tab" => "Tab".into(),
        _ => k.to_string(),
    }
}

/// The hints that apply now: the open overlay's own keys, else the focused
/// region's and the pane's, then the global ones.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let raw: Vec<(&str, &'static str)> = match app.overlay() {
        Overlay::Help { .. } => vec![
            ("j/k", "scroll"),
            ("PgDn/PgUp", "page"),
            ("Esc", "close"),
            ("q", "quit"),
        ],
        Overlay::Warnings { .. } => vec![
            ("j/k", "scroll"),
            ("PgDn/PgUp", "page"),
            ("Esc", "close"),
            ("q", "quit"),
        ],
        Overlay::Search(_) => vec![
            ("Up/Down", "select"),
            ("Enter", "go"),
            ("Esc", "close"),
            ("Ctrl-c", "quit"),
        ],
        Overlay::None => {
            let mut h: Vec<(&str, &'static str)> = match app.focus() {
                Focus::List => vec![("j/k", "select"), ("Enter", "open")],
                Focus::Main => {
                    let mut h = vec![("j/k", "scroll"), ("h", "list")];
                    h.extend(app.pane(app.active()).hints());
                    h
                }
            };
            if app.history_len() > 0 {
                h.push(("Esc", "back"));
            }
            h.extend([("/", "search"), ("?", "help")]);
            if !app.index.warnings.is_empty() {
                h.push(("w", "warnings"));
            }
            h.push(("q", "quit"));
            h
        }
    };
    // Panes may name the global keys too; each key is hinted once.
    let mut seen: Vec<String> = Vec::new();
    raw.into_iter()
        .map(|(k, v)| (key_name(k), v))
        .filter(|(k, _)| {
            let new = !seen.contains(k);
            seen.push(k.clone());
            new
        })
        .collect()
}

/// As many whole hints as fit in `room` cells, in order.
fn fit_hints(hints: &[(String, &str)], room: usize) -> String {
    let mut out = String::new();
    for (k, v) in hints {
        let item = format!("{k} {v}");
        let sep = if out.is_empty() { "" } else { " · " };
        if out.width() + sep.width() + item.width() > room {
            break;
        }
        out.push_str(sep);
        out.push_str(&item);
    }
    out
}

/// `s` cut from the front to `w` cells, so its end (where you are) stays.
fn truncate_front(s: &str, w: usize) -> String {
    if s.width() <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let gs: Vec<&str> = unicode_segmentation::UnicodeSegmentation::graphemes(s, true).collect();
    let mut used = 1;
    let mut start = gs.len();
    while start > 0 && used + gs[start - 1].width() <= w {
        start -= 1;
        used += gs[start].width();
    }
    format!("…{}", gs[start..].concat())
}

/// Hints (or a status message), then where you are, right-aligned. The
/// position never gives way: hints are dropped whole first, then a message
/// is cut, and a long position loses its front, never its numbers.
pub fn status_line(f: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let w = area.width as usize;
    let a = app.areas();
    let main = a.main.unwrap_or(a.body);
    let pane = app.pane(app.active());
    let pos = truncate_front(&pane.position(&app.ctx(), main), w.saturating_sub(2));
    let room = w.saturating_sub(pos.width() + 3);
    let left = match app.status() {
        Some(s) => truncate(s, room),
        None => fit_hints(&hints(app), room),
    };
    let left = if left.is_empty() { left } else { format!(" {left}") };
    let pad = w.saturating_sub(left.width() + pos.width() + 1);
    let line = Line::from(vec![
        Span::styled(left, t.status),
        Span::styled(" ".repeat(pad), t.status),
        Span::styled(pos, t.status.add_modifier(Modifier::BOLD)),
        Span::styled(" ", t.status),
    ]);
    f.render_widget(Paragraph::new(line).style(t.status), area);
}
