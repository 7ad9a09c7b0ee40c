//! The terminal: entering and leaving the TUI, the panic hook, reading keys on a thread of
//! its own, and the signals that must end the session cleanly.

use std::io::{self, IsTerminal, Stdout, Write, stdout};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::{Terminal, backend::CrosstermBackend};
use tokio::sync::mpsc::UnboundedSender;

use super::paint::Paint;
use crate::caps::Depth;

/// The real terminal, through the writer that holds each frame and fits its colours.
pub type Tty = Terminal<CrosstermBackend<Paint<Stdout>>>;

/// Worker threads get this name so the panic hook can tell a failed task (reported in the
/// app) from a failure of the UI itself (which must restore the terminal).
pub const WORKER_THREAD_NAME: &str = "rekog-worker";

/// Whether `err` from reading or writing the terminal means it is gone: the pty's master
/// closed (EIO), the line hung up (ENXIO) or the pipe behind it broke.
pub fn gone(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::BrokenPipe
        || matches!(err.raw_os_error(), Some(libc::EIO | libc::ENXIO))
}

/// What the terminal and the OS tell the run loop.
#[derive(Debug)]
pub enum Input {
    Term(Event),
    /// The tty hung up or failed (e.g. the SSH session dropped).
    Closed(String),
    /// SIGTERM, SIGHUP or SIGQUIT.
    Signal(i32),
    /// SIGWINCH: the window changed size. It carries no size because the run loop asks the
    /// terminal when it handles it, so a late or repeated notice still yields the size that
    /// holds then.
    Resized,
}

/// Why the TUI cannot run here, or `None` when it can.
pub fn unsupported_terminal() -> Option<String> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Some(
            "rekog needs an interactive terminal (stdin and stdout must be a tty).".into(),
        );
    }
    match std::env::var("TERM").as_deref() {
        Ok("dumb") => Some(
            "TERM=dumb cannot show rekog's interface; run it in a terminal such as xterm, \
             tmux or screen (e.g. TERM=xterm-256color)."
                .into(),
        ),
        _ => None,
    }
}

/// Raw mode, alternate screen, and a panic hook that puts the terminal back first; frames
/// are written with no more colour than `depth`.
pub fn enter(depth: Depth) -> io::Result<Tty> {
    install_panic_hook();
    enable_raw_mode()?;
    if let Err(err) = execute!(stdout(), EnterAlternateScreen, cursor::Hide) {
        restore();
        return Err(err);
    }
    // crossterm leaves colours out under NO_COLOR with a reset that also clears reverse
    // video; `Paint` decides what colour goes out, so crossterm always writes it.
    ratatui::crossterm::style::force_color_output(true);
    Terminal::new(CrosstermBackend::new(Paint::new(stdout(), depth)))
}

/// Puts the terminal back: raw mode off, main screen, cursor shown. Safe to call twice and on
/// a dead tty (errors are ignored because there is nothing left to tell them to).
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = stdout();
    let _ = execute!(out, LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
}

/// [`restore`], then lets go of the terminal without ratatui's own clean-up on drop: it shows
/// the cursor again and reports a failure with `eprintln!`, which panics when stderr is the
/// tty that just hung up, and a panic during exit aborts the process.
pub fn leave(mut terminal: Tty) {
    restore();
    if terminal.show_cursor().is_err() {
        // Nothing is lost: the process is ending and the cursor cannot be shown anyway.
        std::mem::forget(terminal);
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_worker = std::thread::current().name() == Some(WORKER_THREAD_NAME);
        if in_worker {
            // The task's JoinError becomes a message in the log pane; printing here would
            // scribble over the screen.
            tracing::error!("task panicked: {info}");
        } else {
            restore();
            previous(info);
        }
    }));
}

/// Reads terminal events on a plain thread and forwards them. It checks the tty itself before
/// letting crossterm read, because crossterm spins forever on a hung-up tty.
pub fn spawn_reader(tx: UnboundedSender<Input>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("rekog-input".into())
        .spawn(move || read_events(&tx))
        .map(|_| ())
}

/// Between checks that the run loop is still there.
const IDLE_WAIT: Duration = Duration::from_millis(500);
/// Between attempts while crossterm holds back input (see `stalled` below).
const STALL_WAIT: Duration = Duration::from_millis(50);

fn read_events(tx: &UnboundedSender<Input>) {
    // crossterm reads at most 1 KiB per wake-up of its edge-triggered poll, so after a larger
    // paste the rest stays in the tty: readable to our poll, unseen by crossterm until more
    // input comes. Waiting for input again would return at once, every time: a busy loop.
    // So while crossterm gives nothing for readable input, only a hang-up ends the wait early.
    let mut stalled = false;
    loop {
        if tx.is_closed() {
            return;
        }
        let readiness = match stalled {
            true => match wait_tty(0, STALL_WAIT) {
                Readiness::Idle => Readiness::Ready,
                other => other,
            },
            false => wait_tty(libc::POLLIN, IDLE_WAIT),
        };
        match readiness {
            Readiness::Closed(why) => {
                let _ = tx.send(Input::Closed(why));
                return;
            }
            Readiness::Idle => continue,
            Readiness::Ready => {}
        }
        let mut forwarded = false;
        loop {
            match event::poll(Duration::ZERO).and_then(|ready| match ready {
                true => event::read().map(Some),
                false => Ok(None),
            }) {
                Ok(Some(ev)) => {
                    if tx.send(Input::Term(ev)).is_err() {
                        return;
                    }
                    forwarded = true;
                }
                Ok(None) => break,
                Err(err) => {
                    let _ = tx.send(Input::Closed(format!("terminal read failed: {err}")));
                    return;
                }
            }
        }
        stalled = !forwarded;
    }
}

enum Readiness {
    Ready,
    Idle,
    Closed(String),
}

/// Waits for `events` on stdin; a hang-up or error ends the wait whatever `events` says.
fn wait_tty(events: libc::c_short, timeout: Duration) -> Readiness {
    let mut fds = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events,
        revents: 0,
    };
    let millis = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
    // SAFETY: `fds` is one valid, initialised pollfd that outlives the call, and nfds is 1.
    let n = unsafe { libc::poll(&mut fds, 1, millis) };
    if n < 0 {
        let err = io::Error::last_os_error();
        return match err.kind() {
            io::ErrorKind::Interrupted => Readiness::Idle,
            _ => Readiness::Closed(format!("terminal poll failed: {err}")),
        };
    }
    if n == 0 {
        return Readiness::Idle;
    }
    if fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Readiness::Closed("the terminal hung up".into());
    }
    Readiness::Ready
}

/// Forwards SIGTERM, SIGHUP and SIGQUIT to the run loop.
pub fn spawn_signals(tx: UnboundedSender<Input>) -> io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    let mut hup = signal(SignalKind::hangup())?;
    let mut quit = signal(SignalKind::quit())?;
    // Every signal, not only the first: a second one while a change finishes ends rekog
    // at once.
    tokio::spawn(async move {
        loop {
            let number = tokio::select! {
                _ = term.recv() => libc::SIGTERM,
                _ = hup.recv() => libc::SIGHUP,
                _ = quit.recv() => libc::SIGQUIT,
            };
            if tx.send(Input::Signal(number)).is_err() {
                break;
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io;

    use super::gone;

    #[test]
    fn a_hung_up_terminal_is_gone_and_other_errors_are_not() {
        assert!(gone(&io::Error::from_raw_os_error(libc::EIO)));
        assert!(gone(&io::Error::from_raw_os_error(libc::ENXIO)));
        assert!(gone(&io::Error::from(io::ErrorKind::BrokenPipe)));
        assert!(!gone(&io::Error::from_raw_os_error(libc::ENOSPC)));
        assert!(!gone(&io::Error::from(io::ErrorKind::InvalidData)));
    }
}
