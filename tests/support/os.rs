//! The operating-system side of the PTY tests: descriptors of the pty master, and what
//! /proc says about a process.

#![allow(dead_code)]

use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsRawFd, FromRawFd, RawFd};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// A close-on-exec duplicate of the master, so no child inherits it and keeps the tty alive.
pub fn dup_master(fd: RawFd) -> File {
    // SAFETY: fcntl on a descriptor the caller owns; the result is checked below.
    let dup = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    assert!(
        dup >= 0,
        "dup the pty master: {}",
        io::Error::last_os_error()
    );
    // SAFETY: `dup` is a fresh descriptor that nothing else owns.
    unsafe { File::from_raw_fd(dup) }
}

/// Feeds the app's output to the screen until the tty closes or `stop` is set; it polls with
/// a short timeout so that it can drop its descriptor when told.
pub fn read_screen(
    mut reader: File,
    parser: &Mutex<vt100::Parser>,
    raw: &Mutex<Vec<u8>>,
    stop: &AtomicBool,
) {
    let mut buf = [0u8; 8192];
    while !stop.load(Ordering::SeqCst) {
        let mut fds = libc::pollfd {
            fd: reader.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd that outlives the call.
        if unsafe { libc::poll(&mut fds, 1, 20) } <= 0 {
            continue;
        }
        match reader.read(&mut buf) {
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            // EIO once the app's side is closed.
            Ok(0) | Err(_) => return,
            Ok(n) => {
                parser.lock().unwrap().process(&buf[..n]);
                raw.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        }
    }
}

/// User plus system CPU time of a live (or not yet reaped) process, in clock ticks.
pub fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces and parentheses; the fields after it do not.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// The processes whose parent is `pid`.
pub fn children(pid: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|child| {
            std::fs::read_to_string(format!("/proc/{child}/stat")).is_ok_and(|stat| {
                let after = stat.rfind(')').map_or("", |i| &stat[i + 1..]);
                after.split_whitespace().nth(1) == Some(pid.to_string().as_str())
            })
        })
        .collect()
}
