//! Colours and styles. One place decides them, so `NO_COLOR` and 16-colour
//! terminals are handled once: only the 16 ANSI colours are used (they follow
//! the user's palette, so dark and light backgrounds both read), and with
//! `NO_COLOR` set, emphasis is carried by bold/underline/reverse alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone)]
pub struct Theme {
    pub color: bool,
    pub text: Style,
    pub title: Style,
    pub heading: Style,
    pub dim: Style,
    /// The selected row of a list or table.
    pub selected: Style,
    /// A search match or the target of a jump.
    pub highlight: Style,
    pub border: Style,
    pub border_focused: Style,
    pub tag: Style,
    pub bar: Style,
    pub bar_active: Style,
    pub status: Style,
    pub marked: Style,
    pub warning: Style,
    speakers: Vec<Style>,
}

impl Theme {
    /// The theme for this environment: colourless when `NO_COLOR` is set (to anything non-empty).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(!no_color)
    }

    pub fn new(color: bool) -> Theme {
        let s = Style::default();
        let b = Modifier::BOLD;
        if !color {
            return Theme {
                color,
                text: s,
                title: s.add_modifier(b),
                heading: s.add_modifier(b | Modifier::UNDERLINED),
                dim: s.add_modifier(Modifier::DIM),
                selected: s.add_modifier(Modifier::REVERSED),
                highlight: s.add_modifier(Modifier::REVERSED | b),
                border: s,
                border_focused: s.add_modifier(b),
                tag: s.add_modifier(Modifier::ITALIC),
                bar: s,
                bar_active: s.add_modifier(Modifier::REVERSED),
                status: s.add_modifier(Modifier::REVERSED),
                marked: s.add_modifier(b),
                warning: s.add_modifier(b),
                speakers: vec![s.add_modifier(Modifier::UNDERLINED)],
            };
        }
        Theme {
            color,
            text: s,
            title: s.fg(Color::Cyan).add_modifier(b),
            heading: s.fg(Color::Blue).add_modifier(b),
            dim: s.fg(Color::DarkGray),
            selected: s.add_modifier(Modifier::REVERSED),
            highlight: s.fg(Color::Black).bg(Color::Yellow),
            border: s.fg(Color::DarkGray),
            border_focused: s.fg(Color::Cyan),
            tag: s.fg(Color::Magenta),
            bar: s,
            bar_active: s.fg(Color::Black).bg(Color::Cyan).add_modifier(b),
            status: s.add_modifier(Modifier::REVERSED),
            marked: s.fg(Color::Green).add_modifier(b),
            warning: s.fg(Color::Red),
            speakers: [
                Color::Green,
                Color::Magenta,
                Color::Cyan,
                Color::Yellow,
                Color::Blue,
                Color::Red,
                Color::LightGreen,
                Color::LightMagenta,
            ]
            .into_iter()
            .map(|c| s.fg(c))
            .collect(),
        }
    }

    /// The style of a quote by this speaker (None: unattributed).
    pub fn speaker(&self, actor: Option<u32>) -> Style {
        match actor {
            None => self.dim.add_modifier(Modifier::ITALIC),
            Some(a) => self.speakers[a as usize % self.speakers.len()],
        }
    }
}
