//! The fleet view at scale: 16 regions with 2,000 collections each on one `rekog serve`,
//! `rekog --all-regions` in a pseudo-terminal. Measures spawn to every count shown, and the
//! time from a key to the screen that answers it while the fleet loads.
//!
//! `cargo bench --bench fleet` (`-- --per-region N` or `-- --regions N` for another size).
//! The regions are the first N of rekog's table, set as `regions = [...]` in the run's
//! config.toml, so the size stays the same when the table grows.

#[path = "../tests/support/os.rs"]
mod os;
#[path = "../tests/support/pty.rs"]
mod pty;
mod support;

use std::time::{Duration, Instant};

use support::{Keys, arg, cpu_time, peak_rss};

fn seed(dir: &std::path::Path, regions: &[&str], per_region: usize) -> std::path::PathBuf {
    let mut rows = Vec::new();
    for (r, region) in regions.iter().enumerate() {
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

fn main() {
    let per_region = arg("--per-region", 2000);
    let home = tempfile::tempdir().expect("tempdir");
    let regions = support::regions(home.path(), arg("--regions", 16));
    let seed = seed(home.path(), &regions, per_region);
    let server = pty::Server::start(&["--seed", seed.to_str().expect("utf-8 path")]);
    let total = per_region * regions.len();
    let total_text = rekog::text::thousands(total as u64);
    let env = [
        ("AWS_ACCESS_KEY_ID", "AKIDFLEETBENCH000000"),
        ("AWS_SECRET_ACCESS_KEY", "secret"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ];
    // Seeding is the server's own start: its CPU counts from here.
    let server_cpu = cpu_time(server.pid()).unwrap_or_default();
    let started = Instant::now();
    let mut tui = pty::Tui::spawn(
        &["--all-regions", "--endpoint-url", &server.endpoint],
        &env,
        home.path(),
        (120, 40),
    );
    let pid = tui.pid();
    tui.wait_until("the fleet view", |s| {
        s.contains("Fleet") && s.contains(regions[0])
    });
    // Keys while it loads: each j must move the selection on screen.
    let mut keys = Keys::new(started);
    let mut done_at = None;
    let mut rss = 0;
    while done_at.is_none() {
        let screen = tui.screen();
        rss = rss.max(peak_rss(pid).unwrap_or(0));
        if screen.contains(&total_text)
            && !screen.contains("listing")
            && !screen.contains("describing")
        {
            done_at = Some(started.elapsed());
            break;
        }
        keys.press(&mut tui, &screen);
        std::thread::sleep(Duration::from_millis(20));
        if started.elapsed() > Duration::from_secs(60) {
            panic!("the fleet did not finish in 60 s:\n{}", tui.screen());
        }
    }
    let done = done_at.expect("finished");
    let tui_cpu = cpu_time(pid).unwrap_or_default();
    let serve_cpu = cpu_time(server.pid())
        .unwrap_or_default()
        .saturating_sub(server_cpu);
    rss = rss.max(peak_rss(pid).unwrap_or(0));
    println!(
        "{} regions x {per_region} collections ({total_text}): spawn to every count {:.2} s, \
         peak RSS {} MB",
        regions.len(),
        done.as_secs_f64(),
        rss / 1024
    );
    println!(
        "CPU to every count: rekog {:.2} s, rekog serve {:.2} s",
        tui_cpu.as_secs_f64(),
        serve_cpu.as_secs_f64()
    );
    keys.report();
    println!("{}", tui.screen());
    // q closes the fleet view, then quits from the table.
    tui.send("q");
    tui.wait_until("the table", |s| s.contains("Collections ("));
    tui.send("q");
    tui.wait_exit();
}
