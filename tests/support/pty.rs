//! Runs the real `rekog` binary in a pseudo-terminal and reads its screen through vt100, as a
//! person at a terminal would see it; `rekog serve` as a child process is `serve.rs`.

#![allow(dead_code)]

use std::fs::File;
use std::io::Write;
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

use crate::os::{dup_master, read_screen};

#[path = "serve.rs"]
mod serve;
// Not every test or bench that runs the TUI starts a server of its own.
#[allow(unused_imports)]
pub use serve::Server;

/// Generous by default, and tunable on slow machines: REKOG_TEST_TIMEOUT_SECS.
pub fn patience() -> Duration {
    let secs = std::env::var("REKOG_TEST_TIMEOUT_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    Duration::from_secs(secs)
}

pub const BIN: &str = env!("CARGO_BIN_EXE_rekog");

/// The binary running in a pseudo-terminal.
pub struct Tui {
    /// `None` once [`Tui::close_master`] has hung the terminal up.
    master: Option<Box<dyn MasterPty + Send>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// A descriptor of our own: portable-pty's writer types a newline and an EOF on drop.
    writer: Option<File>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Tells the reader to let go of its master descriptor, so the master can really close.
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

impl Tui {
    pub fn spawn(args: &[&str], env: &[(&str, &str)], home: &Path, size: (u16, u16)) -> Tui {
        Tui::spawn_program(BIN, args, env, home, size)
    }

    /// As [`Tui::spawn`], with `program` (e.g. a shell wrapping rekog) as the session leader.
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        home: &Path,
        size: (u16, u16),
    ) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: size.1,
                cols: size.0,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        cmd.env("HOME", home);
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("TERM", "xterm-256color");
        // As a laptop's terminal has it; a test of the C locale says LANG=C.
        cmd.env("LANG", "C.UTF-8");
        cmd.env("NO_PROXY", "127.0.0.1,localhost");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty
            .slave
            .spawn_command(cmd)
            .expect("spawn rekog in the pty");
        drop(pty.slave);
        let fd = pty.master.as_raw_fd().expect("master fd");
        let reader = dup_master(fd);
        let writer = dup_master(fd);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(size.1).expect("rows"),
            NonZeroU16::new(size.0).expect("cols"),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (p, r, s) = (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&stop));
        let reader = thread::spawn(move || read_screen(reader, &p, &r, &s));
        Tui {
            master: Some(pty.master),
            child,
            writer: Some(writer),
            parser,
            raw,
            stop,
            reader: Some(reader),
        }
    }

    fn master(&self) -> &dyn MasterPty {
        self.master.as_deref().expect("the pty master is open")
    }

    /// Resizes the terminal (the kernel sends SIGWINCH) and the screen we read it through.
    pub fn resize(&self, cols: u16, rows: u16) {
        // Holding the screen keeps output the app writes after the change from being laid
        // out at the old size.
        let mut parser = self.parser.lock().unwrap();
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        self.master().resize(size).expect("resize the pty");
        parser.set_size(
            NonZeroU16::new(rows).expect("rows"),
            NonZeroU16::new(cols).expect("cols"),
        );
    }

    /// Closes every descriptor of the master side, as a terminal emulator or sshd that goes
    /// away does: the kernel hangs the tty up.
    pub fn close_master(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("pty reader thread");
        }
        self.writer = None;
        self.master = None;
    }

    /// The screen row by row, each exactly as wide as the screen.
    pub fn rows(&self) -> Vec<String> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get())
            .map(|y| {
                (0..cols.get())
                    .filter_map(|x| screen.cell(y, x))
                    .filter(|c| !c.is_wide_continuation())
                    .map(|c| if c.has_contents() { c.contents() } else { " " })
                    .collect()
            })
            .collect()
    }

    /// Per row, the characters drawn in reverse video (others as spaces), trimmed; rows
    /// with none are left out.
    pub fn inverse_rows(&self) -> Vec<String> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get())
            .map(|y| {
                (0..cols.get())
                    .filter_map(|x| screen.cell(y, x))
                    .filter(|c| !c.is_wide_continuation())
                    .map(|c| {
                        if c.inverse() && c.has_contents() {
                            c.contents()
                        } else {
                            " "
                        }
                    })
                    .collect::<String>()
                    .trim()
                    .to_string()
            })
            .filter(|row| !row.is_empty())
            .collect()
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `needle`; panics with the screen otherwise.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |s| s.contains(needle))
    }

    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + patience();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what:?}; the screen shows:\n{screen}");
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn send(&mut self, text: &str) {
        let writer = self.writer.as_mut().expect("the pty master is open");
        writer.write_all(text.as_bytes()).expect("write to pty");
        writer.flush().expect("flush pty");
    }

    /// Types `text` a key at a time, as a person would.
    pub fn type_keys(&mut self, text: &str) {
        for ch in text.chars() {
            self.send(&ch.to_string());
            thread::sleep(Duration::from_millis(15));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// How the process ended, if it has, without waiting: its exit code, or the name of the
    /// signal that killed it.
    pub fn try_exit(&mut self) -> Option<Result<u32, String>> {
        let status = self.child.try_wait().expect("try_wait")?;
        Some(match status.signal() {
            Some(signal) => Err(signal.to_owned()),
            None => Ok(status.exit_code()),
        })
    }

    /// Waits for the process to end and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + patience();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("rekog did not exit; the screen shows:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Everything the program wrote, for checks on escape sequences.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Whether the pty is back in cooked mode (canonical input and echo on).
    pub fn cooked(&self) -> bool {
        let fd = self.master().as_raw_fd().expect("master fd");
        // SAFETY: a zeroed termios is a valid out-parameter and fd is the pty master we own.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::tcgetattr(fd, &mut t) };
        assert_eq!(rc, 0, "tcgetattr on the pty master");
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
    }

    /// The terminal is as the shell left it: main screen, cursor shown, cooked mode.
    pub fn assert_restored(&self) {
        // The reader thread may still be draining the last bytes.
        thread::sleep(Duration::from_millis(200));
        let parser = self.parser.lock().unwrap();
        assert!(
            !parser.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(!parser.screen().hide_cursor(), "cursor still hidden");
        drop(parser);
        assert!(self.cooked(), "the tty was left in raw mode");
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
        // A wrapped rekog outlives its killed shell until the master closes.
        self.stop.store(true, Ordering::SeqCst);
    }
}
