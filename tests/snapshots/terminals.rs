//! The table, the delete dialog and the fleet view as an admin box's terminal gets them, at
//! 80x24: in ASCII mode (a C locale, `--ascii`) and in the light theme (`--theme light`).

use ratatui::buffer::Buffer;
use ratatui::style::Color;
use rekog::app::State;
use rekog::app::msg::Msg;
use rekog::caps::{Caps, Charset, ThemeChoice};
use rekog::context::Session;

use crate::fixture::*;
use crate::fleet::fleet_in;

const SIZE: (u16, u16) = (80, 24);

fn ascii() -> Session {
    Session {
        caps: Caps {
            charset: Charset::Ascii,
            ..Caps::default()
        },
        ..session()
    }
}

fn light() -> Session {
    Session {
        caps: Caps {
            theme: ThemeChoice::Light,
            ..Caps::default()
        },
        ..session()
    }
}

fn table(session: Session) -> State {
    let mut state = listed(session, SIZE, COLLECTIONS.len());
    select(&mut state, "faces-prod");
    state
}

fn delete_dialog(session: Session) -> State {
    let mut state = table(session);
    send(&mut state, Msg::DeleteOpen);
    for c in "faces-pr".chars() {
        send(&mut state, Msg::DialogInput(c));
    }
    state
}

/// Every screen of this file, by name, for `session`.
fn screens(session: fn() -> Session) -> [(&'static str, State); 3] {
    [
        ("table", table(session())),
        ("delete", delete_dialog(session())),
        ("fleet", fleet_in(session(), SIZE)),
    ]
}

fn assert_ascii(name: &str, buffer: &Buffer) {
    for (i, cell) in buffer.content.iter().enumerate() {
        assert!(
            cell.symbol().is_ascii(),
            "{name}: {:?} at cell {i} is not ASCII",
            cell.symbol()
        );
    }
}

#[test]
fn ascii_mode_draws_only_ascii() {
    for (name, state) in screens(ascii) {
        let terminal = render(&state, SIZE);
        assert_ascii(name, terminal.backend().buffer());
        insta::assert_snapshot!(format!("ascii_{name}_80x24"), terminal.backend());
    }
}

/// Text colours that cannot be read on a white background.
fn pale(color: Color) -> bool {
    matches!(
        color,
        Color::White
            | Color::Gray
            | Color::Yellow
            | Color::LightYellow
            | Color::Cyan
            | Color::LightCyan
            | Color::LightGreen
    )
}

/// The light theme's colours are part of what is checked: the snapshot holds every cell's
/// style, and no text on the terminal's own (white) background is pale.
#[test]
fn light_theme_reads_on_white() {
    for (name, state) in screens(light) {
        let terminal = render(&state, SIZE);
        let buffer = terminal.backend().buffer();
        for (i, cell) in buffer.content.iter().enumerate() {
            if cell.bg == Color::Reset && cell.symbol() != " " {
                assert!(
                    !pale(cell.fg),
                    "{name}: {:?} in {:?} on the white background at cell {i}",
                    cell.symbol(),
                    cell.fg
                );
            }
        }
        insta::assert_debug_snapshot!(format!("light_{name}_80x24"), buffer);
    }
}
