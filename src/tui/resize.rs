//! SIGWINCH, taken by one thread of ours and by no signal handler.
//!
//! crossterm's event source listens for SIGWINCH itself, through a pipe in the same
//! edge-triggered poll as the tty, and it only looks when asked for events, which the input
//! thread does only once stdin is readable: a resize with no key after it stayed undrawn.
//! Worse, when the signal and a key become ready in one wake-up it returns the resize and
//! drops the key's readiness, so the key waits for the next one while the input thread (whose
//! level-triggered poll still sees it) spins. Blocking the signal in every thread keeps it
//! from crossterm altogether; `sigwait` on a thread of ours takes it instead.

use std::io;

use tokio::sync::mpsc::UnboundedSender;

use crate::tui::term::Input;

/// Blocks SIGWINCH in the calling thread and so in every thread it starts afterwards. Call it
/// before any other thread exists: one that still takes the signal would run crossterm's
/// handler. Child processes are unaffected, as std resets the mask when it spawns them.
pub fn block() -> io::Result<()> {
    let set = winch();
    // SAFETY: `set` is an initialised signal set; a null old-set pointer is allowed.
    let rc = unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) };
    match rc {
        0 => Ok(()),
        err => Err(io::Error::from_raw_os_error(err)),
    }
}

/// Forwards each SIGWINCH as [`Input::Resized`] until the run loop is gone. Needs [`block`]
/// first (`sigwait` is only defined for blocked signals). Signals that come while one is
/// pending merge into one, and the run loop repaints once for all the notices it finds
/// queued, so dragging a window's corner cannot flood it.
pub fn spawn_watcher(tx: UnboundedSender<Input>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("rekog-resize".into())
        .spawn(move || {
            let set = winch();
            loop {
                let mut signal = 0;
                // SAFETY: both pointers are to live locals for the duration of the call.
                let rc = unsafe { libc::sigwait(&set, &mut signal) };
                if rc != 0 {
                    // Only an invalid set fails; resizes then show with the next key.
                    tracing::warn!(
                        "waiting for SIGWINCH failed: {}",
                        io::Error::from_raw_os_error(rc)
                    );
                    return;
                }
                if tx.send(Input::Resized).is_err() {
                    return;
                }
            }
        })
        .map(|_| ())
}

fn winch() -> libc::sigset_t {
    // SAFETY: a zeroed sigset_t is valid storage for sigemptyset to initialise, and adding a
    // valid signal number to an initialised set cannot fail.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGWINCH);
        set
    }
}
