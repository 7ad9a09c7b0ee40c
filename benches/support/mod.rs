//! What the fleet and organization benchmarks share: their arguments, the first N regions of
//! rekog's table written as the run's config, keys timed while the fleet loads, and peak
//! memory.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::pty::Tui;

use rekog::aws::regions::REKOGNITION;

/// `--name N` from the bench's arguments, or `default`.
pub fn arg(name: &str, default: usize) -> usize {
    std::env::args()
        .skip_while(|a| a != name)
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// The first `n` regions of rekog's table, written as `regions = [...]` to the config.toml
/// that a rekog run with `home` (the pty helper's XDG layout) reads, so `--all-regions`
/// visits exactly these whatever the table holds.
pub fn regions(home: &Path, n: usize) -> Vec<&'static str> {
    assert!(
        n <= REKOGNITION.len(),
        "--regions {n}: rekog knows {} regions",
        REKOGNITION.len()
    );
    let codes: Vec<&'static str> = REKOGNITION.iter().take(n).map(|(c, _)| *c).collect();
    let dir = home.join("config").join("rekog");
    std::fs::create_dir_all(&dir).expect("config dir");
    let list: Vec<String> = codes.iter().map(|c| format!("\"{c}\"")).collect();
    std::fs::write(
        dir.join("config.toml"),
        format!("regions = [{}]\n", list.join(", ")),
    )
    .expect("write config.toml");
    codes
}

/// The row of the selection marker.
fn selected_row(screen: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains('▶'))
}

/// Keys sent while the fleet loads, each timed from its sending to the screen that moved
/// the selection.
pub struct Keys {
    started: Instant,
    answers: Vec<Duration>,
    /// Keys over 50 ms, with when they were sent: a stall at start is not one under load.
    slow: Vec<String>,
}

impl Keys {
    /// Times keys against `started`, the moment rekog was spawned.
    pub fn new(started: Instant) -> Self {
        Keys {
            started,
            answers: Vec::new(),
            slow: Vec::new(),
        }
    }

    /// Sends `j` or `k` when `screen` shows a selection, and times its answer.
    pub fn press(&mut self, tui: &mut Tui, screen: &str) {
        let before = selected_row(screen);
        if before.is_none() {
            return;
        }
        let key = if self.answers.len() % 30 < 15 {
            "j"
        } else {
            "k"
        };
        let t = Instant::now();
        tui.send(key);
        let deadline = t + Duration::from_secs(2);
        loop {
            if selected_row(&tui.screen()) != before {
                let took = t.elapsed();
                if took > Duration::from_millis(50) {
                    let at = (t - self.started).as_secs_f64();
                    self.slow.push(format!("{at:.2} s: {took:?}"));
                }
                self.answers.push(took);
                return;
            }
            if Instant::now() > deadline {
                // At the end of the list a key moves nothing; not an answer time.
                return;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// Prints the slow keys, if any, and the answer times' quantiles.
    pub fn report(mut self) {
        self.answers.sort();
        if !self.slow.is_empty() {
            println!("keys over 50 ms (sent at, took): {}", self.slow.join(", "));
        }
        let answers = &self.answers;
        println!(
            "keys while loading: {} answered, median {:?}, p95 {:?}, p99 {:?}, max {:?}",
            answers.len(),
            pick(answers, 0.5),
            pick(answers, 0.95),
            pick(answers, 0.99),
            answers.last()
        );
    }
}

/// Peak resident set of a live process, in kB.
pub fn peak_rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The CPU time (user and system, all threads) process `pid` has used so far: a figure that
/// stays comparable when the wall time of a busy machine does not.
pub fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces and parentheses: the fields follow the last `)`.
    let fields: Vec<&str> = stat
        .get(stat.rfind(')')? + 1..)?
        .split_whitespace()
        .collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // SAFETY: sysconf has no preconditions.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    let per_second = u64::try_from(per_second).ok().filter(|&n| n > 0)?;
    Some(Duration::from_secs_f64(ticks as f64 / per_second as f64))
}

/// The `q` quantile of sorted `answers`.
fn pick(answers: &[Duration], q: f64) -> Option<Duration> {
    answers
        .get(((answers.len() as f64 - 1.0) * q) as usize)
        .copied()
}
