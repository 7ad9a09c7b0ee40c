//! Asking for the MFA code on the terminal before the TUI starts: on `/dev/tty`, so that it
//! works with stdout redirected, and with echo off, so the code is not left on the screen.

use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, Write};
use std::os::fd::AsRawFd;

/// Asks for a code for `role`; `why` is the previous attempt's problem. `None` when there
/// is no terminal or the operator ends the input (Ctrl-D).
pub fn ask(profile: &str, serial: &str, why: Option<&str>) -> Option<String> {
    let tty = OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()?;
    let mut out = tty.try_clone().ok()?;
    if let Some(why) = why {
        let _ = writeln!(out, "rekog: {why}");
    }
    let _ = write!(out, "MFA code for profile {profile} ({serial}): ");
    let _ = out.flush();
    let echo = Echo::off(tty.as_raw_fd());
    let mut line = String::new();
    let read = BufReader::new(&tty).read_line(&mut line);
    drop(echo);
    let _ = writeln!(out);
    match read {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line.trim().to_owned()),
    }
}

/// Echo is turned off while this lives and restored when it is dropped, also on a panic.
struct Echo {
    fd: i32,
    saved: Option<libc::termios>,
}

impl Echo {
    fn off(fd: i32) -> Echo {
        // SAFETY: `termios` is plain data that tcgetattr fills; `fd` is an open descriptor
        // owned by the caller for as long as this guard lives.
        let saved = unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            (libc::tcgetattr(fd, &mut t) == 0).then_some(t)
        };
        if let Some(mut t) = saved {
            t.c_lflag &= !libc::ECHO;
            t.c_lflag |= libc::ICANON;
            // SAFETY: as above; a failure leaves echo on, which only shows the code.
            unsafe { libc::tcsetattr(fd, libc::TCSANOW, &t) };
        }
        Echo { fd, saved }
    }
}

impl Drop for Echo {
    fn drop(&mut self) {
        if let Some(t) = self.saved {
            // SAFETY: restores the attributes read from the same open descriptor.
            unsafe { libc::tcsetattr(self.fd, libc::TCSANOW, &t) };
        }
    }
}
