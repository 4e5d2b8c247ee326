//! Drawing: the frame's layout, its chrome, the panes' main views and the
//! overlays. Everything here reads `App` and changes nothing.

pub mod actor;
pub mod article;
pub mod chrome;
pub mod compare;
pub mod doc_pane;
pub mod help;
pub mod issue;
pub mod search;
pub mod warnings;

use super::app::{App, Focus, Overlay};
use super::lookup::Lookup;
use super::pane::Pane;
use crate::Index;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;
use std::sync::Arc;

/// Below this the frame is not drawn, only a note saying so.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// Below this width only the focused region (list or view) is shown.
pub const SPLIT_WIDTH: u16 = 60;

/// The frame's regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub top: Rect,
    /// Between the top bar and the status line.
    pub body: Rect,
    pub list: Option<Rect>,
    pub main: Option<Rect>,
    pub status: Rect,
    pub too_small: bool,
}

pub fn areas(size: Rect, focus: Focus) -> Areas {
    let too_small = size.width < MIN_WIDTH || size.height < MIN_HEIGHT;
    if too_small {
        return Areas {
            top: Rect::default(),
            body: size,
            list: None,
            main: None,
            status: Rect::default(),
            too_small,
        };
    }
    let top = Rect::new(size.x, size.y, size.width, 1);
    let status = Rect::new(size.x, size.y + size.height - 1, size.width, 1);
    let body = Rect::new(size.x, size.y + 1, size.width, size.height - 2);
    let (list, main) = if size.width < SPLIT_WIDTH {
        match focus {
            Focus::List => (Some(body), None),
            Focus::Main => (None, Some(body)),
        }
    } else {
        // The list's border takes one column.
        let lw = (size.width / 4).clamp(20, 40);
        (
            Some(Rect::new(body.x, body.y, lw, body.height)),
            Some(Rect::new(
                body.x + lw + 1,
                body.y,
                body.width - lw - 1,
                body.height,
            )),
        )
    };
    Areas {
        top,
        body,
        list,
        main,
        status,
        too_small,
    }
}

/// The Issues, Actors and Compare panes, reading the index through `lookup`.
pub fn other_panes(index: &Index, lookup: &Arc<Lookup>) -> (Box<dyn Pane>, Box<dyn Pane>, Box<dyn Pane>) {
    (
        Box::new(issue::IssuesPane::with_lookup(index, lookup.clone())),
        Box::new(actor::ActorsPane::with_lookup(index, lookup.clone())),
        Box::new(compare::ComparePane::with_lookup(index, lookup.clone())),
    )
}

/// Draws the whole frame.
pub fn draw(f: &mut Frame, app: &App) {
    let size = f.area();
    let a = areas(size, app.focus());
    if a.too_small {
        too_small(f, size);
        return;
    }
    chrome::top_bar(f, a.top, app);
    if let Some(l) = a.list {
        chrome::list(f, l, app, a.main.is_some());
    }
    if let Some(m) = a.main {
        app.pane(app.active()).render(f, m, &app.ctx());
    }
    chrome::status_line(f, a.status, app);
    match app.overlay() {
        Overlay::None => {}
        Overlay::Help { scroll } => help::render(f, size, app, *scroll),
        Overlay::Warnings { scroll } => warnings::render(f, size, app, *scroll),
        Overlay::Search(s) => search::render(f, size, app, s),
    }
}

/// The loading screen: files read so far, then analysis.
pub fn loading(f: &mut Frame, theme: &super::theme::Theme, done: usize, total: usize) {
    loading_stage(f, theme, done, total, None);
}

/// The loading gauge: files read, then (`stage`: the analysis stage under
/// way, an index into `analysis::STAGES`) the analysis, stage by stage.
pub fn loading_stage(
    f: &mut Frame,
    theme: &super::theme::Theme,
    done: usize,
    total: usize,
    stage: Option<usize>,
) {
    let size = f.area();
    let stages = crate::analysis::STAGES;
    let (label, ratio) = match stage {
        Some(k) => (
            format!(
                "analysing {total} files ({}/{}: {})",
                k + 1,
                stages.len(),
                stages.get(k).copied().unwrap_or("")
            ),
            k.min(stages.len()) as f64 / stages.len() as f64,
        ),
        None if total == 0 => ("reading…".to_string(), 0.0),
        None if done < total => (
            format!("reading {done}/{total} files"),
            done as f64 / total as f64,
        ),
        None => (format!("analysing {total} files…"), 1.0),
    };
    let r = centered(size, 60.min(size.width), 3.min(size.height));
    let g = ratatui::widgets::Gauge::default()
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border)
                .title(" briefing "),
        )
        .gauge_style(theme.title)
        .ratio(ratio)
        .label(article::truncate(&label, r.width.saturating_sub(2) as usize));
    f.render_widget(g, r);
}

fn too_small(f: &mut Frame, size: Rect) {
    let msg = format!("terminal too small ({}×{})", size.width, size.height);
    let y = size.y + size.height.saturating_sub(1) / 2;
    let r = Rect::new(size.x, y, size.width, 1.min(size.height));
    f.render_widget(
        Paragraph::new(article::truncate(&msg, size.width as usize)).alignment(Alignment::Center),
        r,
    );
}

/// A bordered box with a title, for overlays.
pub fn overlay_block<'a>(title: &'a str, app: &App) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border_focused)
        .title(title)
        .title_style(app.theme.title)
}

/// A rect of at most `w`×`h` centred in `outer`.
pub fn centered(outer: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(outer.width);
    let h = h.min(outer.height);
    Rect::new(
        outer.x + (outer.width - w) / 2,
        outer.y + (outer.height - h) / 2,
        w,
        h,
    )
}
