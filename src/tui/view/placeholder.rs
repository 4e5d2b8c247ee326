//! Stand-ins for the Issues, Actors and Compare panes until the real ones
//! land: a list of the index's issues or actors and a note.

use crate::tui::action::{Action, Nav, PaneId};
use crate::tui::pane::{Ctx, ListEntry, Outcome, Pane};
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

pub struct Placeholder {
    id: PaneId,
    sel: usize,
}

impl Placeholder {
    pub fn new(id: PaneId) -> Placeholder {
        Placeholder { id, sel: 0 }
    }
}

impl Pane for Placeholder {
    fn id(&self) -> PaneId {
        self.id
    }
    fn entries(&self, ctx: &Ctx) -> Vec<ListEntry> {
        let a = &ctx.index.analysis;
        match self.id {
            PaneId::Actors => a
                .actors
                .iter()
                .map(|x| ListEntry {
                    label: x.name.clone(),
                    count: Some(x.mentions as usize),
                    marked: false,
                })
                .collect(),
            _ => a
                .issues
                .iter()
                .map(|x| ListEntry {
                    label: x.name.clone(),
                    count: Some(x.mentions as usize),
                    marked: false,
                })
                .collect(),
        }
    }
    fn selected(&self) -> usize {
        self.sel
    }
    fn select(&mut self, i: usize, ctx: &Ctx) {
        self.sel = i.min(self.entries(ctx).len().saturating_sub(1));
    }
    fn update(&mut self, _action: &Action, _ctx: &Ctx, _area: Rect) -> Outcome {
        Outcome::None
    }
    fn navigate(&mut self, nav: Nav, ctx: &Ctx, _area: Rect) -> bool {
        match (self.id, nav) {
            (PaneId::Actors, Nav::Actor(a)) | (PaneId::Issues, Nav::Issue(a)) => {
                self.select(a as usize, ctx);
                true
            }
            _ => false,
        }
    }
    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let name = self
            .entries(ctx)
            .get(self.sel)
            .map(|e| e.label.clone())
            .unwrap_or_default();
        f.render_widget(
            Paragraph::new(format!(
                "{name}\n\n(the {} view is not built yet)",
                self.id.title()
            ))
            .wrap(Wrap { trim: true }),
            area,
        );
    }
    fn position(&self, ctx: &Ctx, _area: Rect) -> String {
        format!(
            "{} {}/{}",
            self.id.title().to_lowercase(),
            self.sel + 1,
            self.entries(ctx).len()
        )
    }
    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        Vec::new()
    }
}
