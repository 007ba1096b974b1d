//! Styles. 16 ANSI colours suffice; `NO_COLOR` leaves only bold, reverse,
//! underline and dim.

use ratatui::style::{Color, Modifier, Style};

use crate::api::models::{Rgb, StaffStatus};

#[derive(Clone, Debug)]
pub struct Theme {
    pub no_color: bool,
}

/// The 16 ANSI colours with their usual RGB, for nearest-colour mapping.
const ANSI: [(Color, (u8, u8, u8)); 14] = [
    (Color::Red, (205, 49, 49)),
    (Color::Green, (13, 188, 121)),
    (Color::Yellow, (229, 229, 16)),
    (Color::Blue, (36, 114, 200)),
    (Color::Magenta, (188, 63, 188)),
    (Color::Cyan, (17, 168, 205)),
    (Color::Gray, (204, 204, 204)),
    (Color::DarkGray, (118, 118, 118)),
    (Color::LightRed, (241, 76, 76)),
    (Color::LightGreen, (35, 209, 139)),
    (Color::LightYellow, (245, 245, 67)),
    (Color::LightBlue, (59, 142, 234)),
    (Color::LightMagenta, (214, 112, 214)),
    (Color::LightCyan, (41, 184, 219)),
];

impl Theme {
    pub fn new(no_color: bool) -> Self {
        Theme { no_color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.no_color {
            Style::default()
        } else {
            Style::default().fg(c)
        }
    }

    pub fn base(&self) -> Style {
        Style::default()
    }
    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::DIM)
    }
    pub fn bold(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }
    pub fn title(&self) -> Style {
        self.bold()
    }
    pub fn error(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }
    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn accent(&self) -> Style {
        self.fg(Color::Cyan)
    }
    pub fn highlight(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn page_reply(&self) -> Style {
        self.fg(Color::LightBlue)
    }
    pub fn customer(&self) -> Style {
        self.fg(Color::LightGreen).add_modifier(Modifier::BOLD)
    }
    pub fn badge(&self) -> Style {
        if self.no_color {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        }
    }

    /// A tag in its own colour (nearest of the 16 ANSI colours).
    pub fn tag(&self, color: Option<Rgb>) -> Style {
        match color {
            Some(c) if !self.no_color => Style::default().fg(nearest(c)),
            _ => Style::default().add_modifier(Modifier::UNDERLINED),
        }
    }

    pub fn status(&self, s: StaffStatus) -> Style {
        match s {
            StaffStatus::Available => self.ok(),
            StaffStatus::Busy => self.warn(),
            _ => self.dim(),
        }
    }
}

/// The ANSI colour nearest to `c`.
pub fn nearest(c: Rgb) -> Color {
    let d = |(r, g, b): (u8, u8, u8)| {
        let dr = r as i32 - c.0 as i32;
        let dg = g as i32 - c.1 as i32;
        let db = b as i32 - c.2 as i32;
        dr * dr + dg * dg + db * db
    };
    ANSI.iter()
        .min_by_key(|(_, rgb)| d(*rgb))
        .map_or(Color::Gray, |(c, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_colours_map_to_ansi_and_no_color_has_none() {
        assert_eq!(nearest(Rgb(0xe7, 0x4c, 0x3c)), Color::LightRed);
        assert_eq!(nearest(Rgb(0x2e, 0xcc, 0x71)), Color::LightGreen);
        let plain = Theme::new(true);
        assert_eq!(plain.tag(Some(Rgb(1, 2, 3))).fg, None);
        assert_eq!(plain.error().fg, None);
    }
}
