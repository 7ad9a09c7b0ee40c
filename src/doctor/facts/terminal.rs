//! The terminal: whether the standard streams are terminals, its size, and the choices
//! rekog's config makes for the caps.

use std::io::IsTerminal;

use crate::caps::{Choices, Origin};
use crate::config::Config;
use crate::doctor::facts::Tty;

pub(super) fn choices_of(config: &Config) -> Choices {
    Choices {
        charset: config.terminal.charset.map(|c| (c, Origin::Config)),
        color: config.terminal.color.map(|c| (c, Origin::Config)),
        theme: config.terminal.theme,
    }
}

pub(super) fn tty() -> Tty {
    Tty {
        stdin: std::io::stdin().is_terminal(),
        stdout: std::io::stdout().is_terminal(),
        size: [1, 2, 0].into_iter().find_map(window_size),
    }
}

/// The size of the terminal on file descriptor `fd`, if it is one.
fn window_size(fd: i32) -> Option<(u16, u16)> {
    let mut size = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one `winsize` into the struct we own and pass by pointer;
    // on a descriptor that is not a terminal it fails and writes nothing.
    let done = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut size) };
    (done == 0 && size.ws_col > 0 && size.ws_row > 0).then_some((size.ws_col, size.ws_row))
}
