//! The terminal going away (its emulator closes, sshd drops the session) ends rekog promptly,
//! without spinning on the dead tty as crossterm can (its issue 793).
//!
//! Closing the master hangs the tty up, and the kernel sends SIGHUP to the session leader
//! only. So rekog is run both as the leader, where the signal and the hang-up race, and under
//! a shell that leads the session and ignores SIGHUP, where only the hang-up tells rekog.

use std::thread;
use std::time::{Duration, Instant};

use crate::e2e::{aws_env, seed_file};
use crate::os::{children, cpu_ticks};
use crate::pty::{BIN, Server, Tui, patience};

/// "Promptly": generous for a loaded machine, far below what a person would wait.
const PROMPT: Duration = Duration::from_secs(5);
/// CPU rekog may spend between the close and its exit (a tick is usually 10 ms).
const TICKS: u64 = 50;

struct Ending {
    /// The exit code, or the signal that killed the process (portable-pty calls that code 1).
    code: Result<u32, String>,
    after: Duration,
    ticks: u64,
}

/// Closes the master and waits for the pty's child to exit, watching `pid` (rekog) meanwhile.
fn close_and_watch(tui: &mut Tui, pid: u32) -> Ending {
    let start = cpu_ticks(pid).expect("rekog is running");
    tui.close_master();
    let closed = Instant::now();
    let mut last = start;
    loop {
        // A process that has exited but is not reaped yet still shows its times.
        last = cpu_ticks(pid).unwrap_or(last);
        if let Some(code) = tui.try_exit() {
            return Ending {
                code,
                after: closed.elapsed(),
                ticks: last - start,
            };
        }
        assert!(
            closed.elapsed() < PROMPT,
            "rekog still runs {PROMPT:?} after the master closed, {} clock ticks of CPU since",
            last - start
        );
        thread::sleep(Duration::from_millis(5));
    }
}

fn log(home: &std::path::Path) -> String {
    std::fs::read_to_string(home.join("state/rekog/rekog.log")).unwrap_or_default()
}

fn server(home: &std::path::Path) -> Server {
    let seed = seed_file(home);
    Server::start(&["--seed", seed.to_str().unwrap()])
}

#[test]
fn closing_the_master_ends_rekog_as_session_leader() {
    let home = tempfile::tempdir().unwrap();
    let server = server(home.path());
    let env = aws_env(&server.endpoint);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut tui = Tui::spawn(&[], &env, home.path(), (120, 40));
    tui.wait_for("Collections (3)");
    let pid = tui.pid();

    let end = close_and_watch(&mut tui, pid);
    let log = log(home.path());
    let how = if log.contains("terminal closed") {
        "hang-up seen"
    } else {
        "SIGHUP"
    };
    println!(
        "master closed, leader: exit {:?} after {:?} ({how}), {} clock ticks of CPU",
        end.code, end.after, end.ticks
    );
    assert!(
        end.code == Ok(1) || end.code == Ok(128 + libc::SIGHUP as u32),
        "exit {:?}; log:\n{log}",
        end.code
    );
    assert!(end.ticks <= TICKS, "{} clock ticks of CPU", end.ticks);
}

#[test]
fn closing_the_master_ends_rekog_that_gets_no_sighup() {
    let home = tempfile::tempdir().unwrap();
    let server = server(home.path());
    let env = aws_env(&server.endpoint);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // The shell stays to hand on rekog's status: `exit $?` keeps it from exec'ing rekog.
    let script = r#"trap '' HUP; "$0" "$@"; exit $?"#;
    let mut tui = Tui::spawn_program("sh", &["-c", script, BIN], &env, home.path(), (120, 40));
    tui.wait_for("Collections (3)");
    let shell = tui.pid();
    let deadline = Instant::now() + patience();
    let pid = loop {
        if let [pid] = children(shell)[..] {
            break pid;
        }
        assert!(Instant::now() < deadline, "no rekog under the shell");
        thread::sleep(Duration::from_millis(20));
    };

    let end = close_and_watch(&mut tui, pid);
    let log = log(home.path());
    println!(
        "master closed, no SIGHUP: exit {:?} after {:?}, {} clock ticks of CPU",
        end.code, end.after, end.ticks
    );
    // The shell hands on rekog's status, 128+n for a signal.
    assert_eq!(end.code, Ok(1), "log:\n{log}");
    assert!(log.contains("terminal closed"), "log:\n{log}");
    assert!(!log.contains("terminated by signal"), "log:\n{log}");
    assert!(end.ticks <= TICKS, "{} clock ticks of CPU", end.ticks);
}
