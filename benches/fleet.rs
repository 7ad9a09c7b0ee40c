//! The fleet view at scale: 16 regions with 2,000 collections each on one `rekog serve`,
//! `rekog --all-regions` in a pseudo-terminal. Measures spawn to every count shown, and the
//! time from a key to the screen that answers it while the fleet loads.
//!
//! `cargo bench --bench fleet` (`-- --per-region N` for another size).

#[path = "../tests/support/os.rs"]
mod os;
#[path = "../tests/support/pty.rs"]
mod pty;

use std::time::{Duration, Instant};

use rekog::aws::regions::REKOGNITION;

fn seed(dir: &std::path::Path, per_region: usize) -> std::path::PathBuf {
    let mut rows = Vec::new();
    for (r, (region, _)) in REKOGNITION.iter().enumerate() {
        for i in 0..per_region {
            // Years of history, a few faces each: the describes carry real numbers.
            let day = 1 + (i * 7 + r) % 28;
            let year = 2019 + (i + r) % 7;
            rows.push(format!(
                r#"{{"id":"c-{i:05}","region":"{region}","faces":{},"users":{},"created":"{year}-03-{day:02}T10:00:00Z"}}"#,
                i % 4,
                i % 2
            ));
        }
    }
    let path = dir.join("fleet-seed.json");
    std::fs::write(
        &path,
        format!(r#"{{"collections":[{}]}}"#, rows.join(",\n")),
    )
    .expect("write the seed");
    path
}

/// The row of the selection marker.
fn selected_row(screen: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains('▶'))
}

fn main() {
    let per_region: usize = std::env::args()
        .skip_while(|a| a != "--per-region")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let home = tempfile::tempdir().expect("tempdir");
    let seed = seed(home.path(), per_region);
    let server = pty::Server::start(&["--seed", seed.to_str().expect("utf-8 path")]);
    let total = per_region * REKOGNITION.len();
    let total_text = rekog::text::thousands(total as u64);
    let env = [
        ("AWS_ACCESS_KEY_ID", "AKIDFLEETBENCH000000"),
        ("AWS_SECRET_ACCESS_KEY", "secret"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ];
    let started = Instant::now();
    let mut tui = pty::Tui::spawn(
        &["--all-regions", "--endpoint-url", &server.endpoint],
        &env,
        home.path(),
        (120, 40),
    );
    tui.wait_until("the fleet view", |s| {
        s.contains("us-east-1") && s.contains("ap-southeast-2")
    });
    // Keys while it loads: each j must move the selection on screen.
    let mut answers = Vec::new();
    let mut done_at = None;
    while done_at.is_none() {
        let screen = tui.screen();
        if screen.contains(&total_text)
            && !screen.contains("listing")
            && !screen.contains("describing")
        {
            done_at = Some(started.elapsed());
            break;
        }
        let before = selected_row(&screen);
        let key = if answers.len() % 30 < 15 { "j" } else { "k" };
        let t = Instant::now();
        tui.send(key);
        let deadline = t + Duration::from_secs(2);
        loop {
            if selected_row(&tui.screen()) != before {
                answers.push(t.elapsed());
                break;
            }
            if Instant::now() > deadline {
                // At the end of the list a key moves nothing; not an answer time.
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        std::thread::sleep(Duration::from_millis(20));
        if started.elapsed() > Duration::from_secs(60) {
            panic!("the fleet did not finish in 60 s:\n{}", tui.screen());
        }
    }
    let done = done_at.expect("finished");
    answers.sort();
    let pick = |q: f64| {
        answers
            .get(((answers.len() as f64 - 1.0) * q) as usize)
            .copied()
    };
    println!(
        "{} regions x {per_region} collections ({total_text}): spawn to every count {:.2} s",
        REKOGNITION.len(),
        done.as_secs_f64()
    );
    println!(
        "keys while loading: {} answered, median {:?}, p95 {:?}, max {:?}",
        answers.len(),
        pick(0.5),
        pick(0.95),
        answers.last()
    );
    println!("{}", tui.screen());
    // q closes the fleet view, then quits from the table.
    tui.send("q");
    tui.wait_until("the table", |s| s.contains("Collections ("));
    tui.send("q");
    tui.wait_exit();
}
