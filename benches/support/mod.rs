//! What the fleet and organization benchmarks share: their arguments, the first N regions of
//! rekog's table written as the run's config, and reading answers and memory off the run.

use std::path::Path;
use std::time::Duration;

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
pub fn selected_row(screen: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains('▶'))
}

/// Peak resident set of a live process, in kB.
pub fn peak_rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The `q` quantile of sorted `answers`.
pub fn pick(answers: &[Duration], q: f64) -> Option<Duration> {
    answers
        .get(((answers.len() as f64 - 1.0) * q) as usize)
        .copied()
}
