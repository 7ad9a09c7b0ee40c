//! Where rekog runs: the terminal it draws in, tmux or screen around it, and whether it is
//! reached over SSH.

use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::caps::Charset;
use crate::doctor::Check;
use crate::doctor::facts::Facts;

pub(super) fn terminal(f: &Facts) -> Check {
    const NAME: &str = "terminal";
    let term = f.var("TERM");
    let mut parts =
        vec![term.map_or_else(|| "TERM is not set".to_owned(), |t| format!("TERM={t}"))];
    if let Some((w, h)) = f.tty.size {
        parts.push(format!("{w}x{h}"));
    }
    parts.push(match f.caps.charset {
        Charset::Unicode => format!("UTF-8 ({})", f.caps.charset_from),
        Charset::Ascii => format!("ASCII ({})", f.caps.charset_from),
    });
    parts.push(format!("{} ({})", f.caps.depth.label(), f.caps.depth_from));
    let detail = parts.join(", ");
    if !(f.tty.stdin && f.tty.stdout) {
        return Check::warn(
            NAME,
            format!("not a terminal (a pipe or a script); {detail}"),
            "rekog doctor, audit, manifest, erase and serve run without one; the TUI needs \
             stdin and stdout on a terminal",
        );
    }
    if term == Some("dumb") {
        return Check::fail(
            NAME,
            detail,
            "TERM=dumb cannot show rekog's interface: run it in a terminal such as xterm, tmux \
             or screen (e.g. TERM=xterm-256color)",
        );
    }
    if term.is_none() {
        return Check::warn(
            NAME,
            detail,
            "set TERM to what the terminal is (e.g. TERM=xterm-256color) for colours",
        );
    }
    if let Some((w, h)) = f.tty.size
        && (w < MIN_WIDTH || h < MIN_HEIGHT)
    {
        return Check::warn(
            NAME,
            detail,
            format!(
                "below {MIN_WIDTH}x{MIN_HEIGHT} rekog shows only \"terminal too small\": \
                 enlarge the window"
            ),
        );
    }
    let chosen =
        f.caps.charset_from.contains("in the config") || f.caps.charset_from.starts_with("--");
    if f.caps.charset == Charset::Ascii && !chosen {
        return Check::warn(
            NAME,
            detail,
            "the locale is not UTF-8, so rekog draws ASCII: set LANG=C.UTF-8 (or another UTF-8 \
             locale) for Unicode, or charset = \"ascii\" in the config to keep ASCII",
        );
    }
    Check::ok(NAME, detail)
}

pub(super) fn multiplexer(f: &Facts) -> Check {
    const NAME: &str = "tmux/screen";
    let term = f.var("TERM").unwrap_or("");
    let inside = if f.var("TMUX").is_some() {
        Some("tmux")
    } else if f.var("STY").is_some() {
        Some("screen")
    } else {
        None
    };
    match inside {
        None => Check::ok(NAME, "not inside tmux or screen (no TMUX, no STY)"),
        Some(which) if !(term.starts_with("tmux") || term.starts_with("screen")) => Check::warn(
            NAME,
            format!("inside {which}, but TERM={term}"),
            match which {
                "tmux" => {
                    "set -g default-terminal tmux-256color in ~/.tmux.conf: inside tmux \
                           TERM must name tmux, not the terminal outside it"
                }
                _ => {
                    "set term screen-256color in ~/.screenrc: inside screen TERM must name \
                      screen, not the terminal outside it"
                }
            },
        ),
        Some(which) => Check::ok(NAME, format!("inside {which} (TERM={term})")),
    }
}

pub(super) fn ssh(f: &Facts) -> Check {
    const NAME: &str = "ssh";
    match (f.var("SSH_CONNECTION"), f.var("SSH_TTY")) {
        (Some(connection), _) => {
            let from = connection.split_whitespace().next().unwrap_or("?");
            Check::ok(NAME, format!("over SSH from {from}"))
        }
        (None, Some(tty)) => Check::ok(NAME, format!("over SSH ({tty})")),
        (None, None) => Check::ok(NAME, "not over SSH (no SSH_CONNECTION)"),
    }
}
