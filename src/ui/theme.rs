//! Every style the ui uses, in one place. The monochrome theme (no colour: NO_COLOR,
//! `--color never`, a vt100) carries meaning with modifiers alone, so the selection, the
//! dialog and errors stay visible. The colour themes use the 16 ANSI colours only; the
//! light one is for a white background.

use ratatui::style::{Color, Modifier, Style};

use std::borrow::Cow;

use crate::caps::{Caps, Depth, ThemeChoice};
use crate::context::Session;
use crate::text::escape_non_ascii;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub header: Style,
    pub app_name: Style,
    pub badge_demo: Style,
    pub badge_read_only: Style,
    pub label: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub column_header: Style,
    pub selected: Style,
    /// The selection while the log pane has the focus.
    pub selected_idle: Style,
    pub dim: Style,
    pub deleting: Style,
    pub failed: Style,
    pub stamp: Style,
    pub info: Style,
    pub warn: Style,
    pub error: Style,
    pub hint: Style,
    pub dialog_border: Style,
    pub dialog_title: Style,
    pub warning: Style,
    pub button: Style,
    pub button_focused: Style,
    pub button_disabled: Style,
    pub input_partial: Style,
    pub input_full: Style,
    pub input_mismatch: Style,
    pub key: Style,
    /// Only ASCII reaches the terminal: widgets pick ASCII markers and escape data.
    pub ascii: bool,
}

const BOLD: Modifier = Modifier::BOLD;

impl Theme {
    /// A value from the service or the user as it may be shown: escaped outside ASCII in
    /// ASCII mode (a tag may hold any Unicode).
    pub fn data<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.ascii {
            escape_non_ascii(text)
        } else {
            Cow::Borrowed(text)
        }
    }

    pub fn for_session(session: &Session) -> Theme {
        Theme::for_caps(&session.caps)
    }

    pub fn for_caps(caps: &Caps) -> Theme {
        let theme = match (caps.depth, caps.theme) {
            (Depth::None, _) => Theme::mono(),
            (_, ThemeChoice::Light) => Theme::light(),
            (_, ThemeChoice::Dark) => Theme::color(),
        };
        Theme {
            ascii: caps.ascii(),
            ..theme
        }
    }

    /// For a white background: no white or yellow text, dark accents.
    pub fn light() -> Theme {
        let plain = Style::new();
        Theme {
            label: plain.bg(Color::Blue).fg(Color::White),
            border: plain.fg(Color::DarkGray),
            border_focused: plain.fg(Color::Blue),
            column_header: plain.fg(Color::Blue).add_modifier(BOLD),
            selected_idle: plain.bg(Color::Gray).fg(Color::Black),
            deleting: plain.fg(Color::Magenta).add_modifier(Modifier::ITALIC),
            warn: plain.fg(Color::Magenta).add_modifier(BOLD),
            button_focused: plain.bg(Color::Black).fg(Color::White).add_modifier(BOLD),
            input_partial: plain.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            key: plain.fg(Color::Blue).add_modifier(BOLD),
            ..Theme::color()
        }
    }

    /// Sixteen-colour palette only: it reads the same on 8-colour terminals over SSH.
    pub fn color() -> Theme {
        let plain = Style::new();
        Theme {
            header: plain.bg(Color::Blue).fg(Color::White),
            app_name: plain.bg(Color::Blue).fg(Color::White).add_modifier(BOLD),
            badge_demo: plain.bg(Color::Magenta).fg(Color::White).add_modifier(BOLD),
            badge_read_only: plain.bg(Color::Yellow).fg(Color::Black).add_modifier(BOLD),
            label: plain.bg(Color::Blue).fg(Color::Gray),
            border: plain.fg(Color::DarkGray),
            border_focused: plain.fg(Color::Cyan),
            title: plain.add_modifier(BOLD),
            column_header: plain.fg(Color::Cyan).add_modifier(BOLD),
            selected: plain.bg(Color::Blue).fg(Color::White).add_modifier(BOLD),
            selected_idle: plain.bg(Color::DarkGray).fg(Color::White),
            dim: plain.fg(Color::DarkGray),
            deleting: plain.fg(Color::Yellow).add_modifier(Modifier::ITALIC),
            failed: plain.fg(Color::Red),
            stamp: plain.fg(Color::DarkGray),
            info: plain,
            warn: plain.fg(Color::Yellow),
            error: plain.fg(Color::Red),
            hint: plain.fg(Color::Red).add_modifier(Modifier::ITALIC),
            dialog_border: plain.fg(Color::Red).add_modifier(BOLD),
            dialog_title: plain.fg(Color::Red).add_modifier(BOLD),
            warning: plain.fg(Color::Red).add_modifier(BOLD),
            button: plain,
            button_focused: plain.bg(Color::White).fg(Color::Black).add_modifier(BOLD),
            button_disabled: plain.fg(Color::DarkGray),
            input_partial: plain.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
            input_full: plain.fg(Color::Green).add_modifier(BOLD),
            input_mismatch: plain.fg(Color::Red).add_modifier(Modifier::CROSSED_OUT),
            key: plain.fg(Color::Cyan).add_modifier(BOLD),
            ascii: false,
        }
    }

    /// No colour at all: reverse video for what is selected or focused, bold for what
    /// matters, underline and strike-through for the typed id's state.
    pub fn mono() -> Theme {
        let plain = Style::new();
        let reversed = plain.add_modifier(Modifier::REVERSED);
        Theme {
            header: reversed,
            app_name: reversed.add_modifier(BOLD),
            badge_demo: plain.add_modifier(BOLD),
            badge_read_only: plain.add_modifier(BOLD),
            label: reversed,
            border: plain,
            border_focused: plain.add_modifier(BOLD),
            title: plain.add_modifier(BOLD),
            column_header: plain.add_modifier(BOLD | Modifier::UNDERLINED),
            selected: reversed.add_modifier(BOLD),
            selected_idle: plain.add_modifier(Modifier::UNDERLINED),
            dim: plain.add_modifier(Modifier::DIM),
            deleting: plain.add_modifier(Modifier::ITALIC | Modifier::DIM),
            failed: plain.add_modifier(BOLD),
            stamp: plain.add_modifier(Modifier::DIM),
            info: plain,
            warn: plain.add_modifier(Modifier::UNDERLINED),
            error: plain.add_modifier(BOLD),
            hint: plain.add_modifier(Modifier::ITALIC),
            dialog_border: plain.add_modifier(BOLD),
            dialog_title: reversed.add_modifier(BOLD),
            warning: plain.add_modifier(BOLD),
            button: plain,
            button_focused: reversed.add_modifier(BOLD),
            button_disabled: plain.add_modifier(Modifier::DIM | Modifier::CROSSED_OUT),
            input_partial: plain.add_modifier(Modifier::UNDERLINED),
            input_full: reversed.add_modifier(BOLD),
            input_mismatch: plain.add_modifier(Modifier::CROSSED_OUT),
            key: plain.add_modifier(BOLD),
            ascii: false,
        }
    }
}
