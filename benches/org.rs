//! The fleet of an organization at scale: 50 accounts, 17 regions, 20 collections in each
//! (account, region), on one `rekog serve --latency 20ms..60ms`.
//! `rekog --org ROLE --all-regions` in a pseudo-terminal at 120x40: spawn to every count
//! shown, key to screen while it loads, and the TUI's peak RSS; then `rekog inventory --org
//! ROLE --all-regions --format jsonl`: its time and peak RSS.
//!
//! `cargo bench --bench org` (`-- --accounts N --regions N --per-pair N` for another size).
//! The regions are the first N of rekog's table, set as `regions = [...]` in the run's
//! config.toml.

#[path = "../tests/support/os.rs"]
mod os;
#[path = "../tests/support/pty.rs"]
mod pty;
mod support;

use std::time::{Duration, Instant};

use support::{Keys, arg, cpu_time, peak_rss};

const ROLE: &str = "OrganizationAccountAccessRole";
const KEY: &str = "AKIDORGBENCH00000001";

fn account_id(a: usize) -> String {
    format!("{:012}", 100_000_000_000 + a)
}

fn seed(
    dir: &std::path::Path,
    regions: &[&str],
    accounts: usize,
    per_pair: usize,
) -> std::path::PathBuf {
    let mut list = Vec::new();
    for a in 0..accounts {
        let mut rows = Vec::new();
        for region in regions {
            for i in 0..per_pair {
                rows.push(format!(
                    r#"{{"id":"c-{i:03}","region":"{region}","faces":{},"users":{}}}"#,
                    i % 4,
                    i % 2
                ));
            }
        }
        let keys = if a == 0 {
            format!(r#""access_keys":["{KEY}"],"#)
        } else {
            String::new()
        };
        list.push(format!(
            r#"{{"id":"{}","name":"team-{a}",{keys}"collections":[{}]}}"#,
            account_id(a),
            rows.join(",")
        ));
    }
    let path = dir.join("org-seed.json");
    std::fs::write(
        &path,
        format!(
            r#"{{"accounts":[{}],"organization":{{"management":"{}","role":"{ROLE}"}}}}"#,
            list.join(",\n"),
            account_id(0)
        ),
    )
    .expect("write the seed");
    path
}

fn main() {
    let accounts = arg("--accounts", 50);
    let per_pair = arg("--per-pair", 20);
    let home = tempfile::tempdir().expect("tempdir");
    let regions = support::regions(home.path(), arg("--regions", 17));
    let seed = seed(home.path(), &regions, accounts, per_pair);
    let server = pty::Server::start(&[
        "--seed",
        seed.to_str().expect("utf-8 path"),
        "--latency",
        "20ms..60ms",
    ]);
    let pairs = accounts * regions.len();
    let total = rekog::text::thousands((pairs * per_pair) as u64);
    let env = [
        ("AWS_ACCESS_KEY_ID", KEY),
        ("AWS_SECRET_ACCESS_KEY", "secret"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("USER", "bench"),
    ];
    let started = Instant::now();
    let mut tui = pty::Tui::spawn(
        &[
            "--org",
            ROLE,
            "--all-regions",
            "--endpoint-url",
            &server.endpoint,
        ],
        &env,
        home.path(),
        (120, 40),
    );
    let pid = tui.pid();
    let done_text = format!("{pairs}/{pairs} done");
    let mut keys = Keys::new(started);
    let mut rss = 0;
    let done = loop {
        let screen = tui.screen();
        rss = rss.max(peak_rss(pid).unwrap_or(0));
        if screen.contains(&done_text) && screen.contains(&total) {
            break started.elapsed();
        }
        keys.press(&mut tui, &screen);
        std::thread::sleep(Duration::from_millis(20));
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the fleet did not finish in 120 s:\n{}",
            tui.screen()
        );
    };
    let tui_cpu = cpu_time(pid).unwrap_or_default();
    rss = rss.max(peak_rss(pid).unwrap_or(0));
    println!(
        "rekog --org: {accounts} accounts x {} regions x {per_pair} collections ({total}): \
         spawn to every count {:.2} s (CPU {:.2} s), peak RSS {} MB",
        regions.len(),
        done.as_secs_f64(),
        tui_cpu.as_secs_f64(),
        rss / 1024
    );
    keys.report();
    tui.send("q");
    tui.wait_until("the table", |s| s.contains("Collections ("));
    tui.send("q");
    tui.wait_exit();

    let out = home.path().join("inventory.jsonl");
    let started = Instant::now();
    let mut child = std::process::Command::new(pty::BIN)
        .args([
            "inventory",
            "--org",
            ROLE,
            "--all-regions",
            "--format",
            "jsonl",
            "--endpoint-url",
            &server.endpoint,
            "--out",
            out.to_str().expect("utf-8 path"),
        ])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("NO_PROXY", "127.0.0.1,localhost")
        .envs(env)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("rekog inventory");
    let pid = child.id();
    let mut rss = 0;
    let status = loop {
        rss = rss.max(peak_rss(pid).unwrap_or(0));
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = started.elapsed();
    let records = std::fs::read_to_string(&out)
        .map(|t| t.lines().count())
        .unwrap_or(0);
    println!(
        "rekog inventory --org --format jsonl: {records} records in {:.2} s, exit {:?}, \
         peak RSS {} MB",
        took.as_secs_f64(),
        status.code(),
        rss / 1024
    );
}
