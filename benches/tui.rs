//! TUI figures: frame render time and keypress-to-frame time with 10,000 collections loaded
//! (in-process, on `TestBackend`), time from start to the first full screen of rows in
//! `--demo`, and idle CPU over 30 s (the real binary in a pseudo-terminal).
//!
//! `cargo bench --bench tui` (add `-- --quick` to skip the 30 s idle measurement).

#[path = "../tests/support/os.rs"]
mod os;
#[path = "../tests/support/pty.rs"]
mod pty;

use rekog::app::msg::{Command, Msg, TableAnswer, TableCall};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rekog::app::{State, keys, update};
use rekog::aws::api::{Collection, CollectionDetail, Outcome, Page};
use rekog::context::Session;

const ROWS: usize = 10_000;

fn loaded_state() -> State {
    let mut state = State::new(Session {
        region: "us-east-1".into(),
        ..Session::default()
    });
    let now = 1_764_000_000_000;
    let generation = state
        .start()
        .into_iter()
        .find_map(|c| match c {
            Command::Table(TableCall::ListPage { generation, .. }) => Some(generation),
            _ => None,
        })
        .expect("the app lists collections at start");
    let _ = update(
        &mut state,
        Msg::Resize {
            width: 120,
            height: 40,
        },
        now,
    );
    let collections = (0..ROWS)
        .map(|i| Collection {
            id: format!("collection-{i:05}").parse().unwrap(),
            face_model_version: Some("7.0".into()),
        })
        .collect();
    let page = Msg::Table(TableAnswer::PageLoaded {
        generation,
        outcome: ok(Page {
            collections,
            next_token: None,
        }),
    });
    let _ = update(&mut state, page, now);
    for i in 0..ROWS {
        let detail = CollectionDetail {
            face_count: Some(i as u64 * 37),
            user_count: Some(i as u64 % 50),
            face_model_version: Some("7.0".into()),
            arn: Some(format!(
                "arn:aws:rekognition:us-east-1:123456789012:collection/collection-{i:05}"
            )),
            created: Some(1_700_000_000 + i as i64),
            created_nanos: 0,
        };
        let msg = Msg::Table(TableAnswer::Described {
            id: format!("collection-{i:05}").parse().unwrap(),
            outcome: ok(detail),
        });
        let _ = update(&mut state, msg, now);
    }
    state
}

fn ok<T>(value: T) -> Outcome<T> {
    Outcome {
        result: Ok(value),
        request_id: Some("bench".into()),
        elapsed: Duration::from_millis(1),
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    println!(
        "{name:<44} n={:<5} mean={:>9.3?} p50={:>9.3?} p99={:>9.3?} max={:>9.3?}",
        samples.len(),
        mean,
        percentile(&samples, 0.5),
        percentile(&samples, 0.99),
        samples[samples.len() - 1]
    );
}

fn in_process() {
    let mut state = loaded_state();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut render = Vec::new();
    for _ in 0..500 {
        let t = Instant::now();
        terminal.draw(|f| rekog::ui::draw(f, &state)).expect("draw");
        render.push(t.elapsed());
    }
    report("frame render, 10,000 rows, 120x40", render);

    let now = 1_764_000_000_000;
    let mut key_to_frame = Vec::new();
    let keys = [
        KeyCode::Char('j'),
        KeyCode::PageDown,
        KeyCode::Char('k'),
        KeyCode::End,
        KeyCode::Home,
    ];
    for i in 0..1_000 {
        let key = KeyEvent::new(keys[i % keys.len()], KeyModifiers::NONE);
        let t = Instant::now();
        if let Some(msg) = keys::map(&state, key) {
            let _ = update(&mut state, msg, now);
        }
        terminal.draw(|f| rekog::ui::draw(f, &state)).expect("draw");
        key_to_frame.push(t.elapsed());
    }
    report("keypress to frame (move), 10,000 rows", key_to_frame);

    let mut filter = Vec::new();
    for ch in "collection-0999".chars() {
        let key = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
        let t = Instant::now();
        let msg = match keys::map(&state, key) {
            Some(msg) => msg,
            None => Msg::FilterInput(ch),
        };
        let _ = update(&mut state, msg, now);
        terminal.draw(|f| rekog::ui::draw(f, &state)).expect("draw");
        filter.push(t.elapsed());
    }
    report("keypress to frame (filter typing)", filter);
}

/// CPU seconds (user + system) the process has used, from /proc.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("proc stat");
    let after_name = &stat[stat.rfind(')').expect("comm") + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    // SAFETY: sysconf with a valid name has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    ticks / hz
}

fn demo_binary(quick: bool) {
    let home = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let mut tui = pty::Tui::spawn(&["--demo"], &[], home.path(), (120, 40));
    // The first full screen: every row of the demo region is listed and described (the ARN
    // column only fills in from DescribeCollection).
    tui.wait_until("a full screen of described rows", |s| {
        let described = s.lines().filter(|l| l.contains("collection/")).count();
        s.contains("Collections (17)") && described >= 17
    });
    println!(
        "{:<44} {:>9.3?}",
        "--demo start to first full screen",
        t.elapsed()
    );
    if !quick {
        std::thread::sleep(Duration::from_secs(2));
        let before = cpu_seconds(tui.pid());
        std::thread::sleep(Duration::from_secs(30));
        let used = cpu_seconds(tui.pid()) - before;
        println!(
            "{:<44} {:>9.3} s CPU in 30 s ({:.3}%)",
            "idle CPU",
            used,
            used / 30.0 * 100.0
        );
    }
    tui.send("q");
    tui.wait_exit();
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    in_process();
    demo_binary(quick);
}
