//! rekog under Rekognition's request quotas and a flaky service: `rekog serve --quota` and
//! `--fault-rate`, the real binary in a pseudo-terminal.

use std::time::{Duration, Instant};

use crate::pty::{Server, Tui, patience};

const KEY: &str = "AKIDQUOTATEST0000000";
const SECRET: &str = "quota-secret";

fn seed(dir: &std::path::Path, collections: usize) -> std::path::PathBuf {
    let path = dir.join("seed.json");
    let collections: Vec<String> = (0..collections)
        .map(|i| format!(r#"{{"id":"c-{i:05}","faces":{}}}"#, i % 7))
        .collect();
    let json = format!(r#"{{"collections":[{}]}}"#, collections.join(","));
    std::fs::write(&path, json).expect("seed file");
    path
}

/// `rekog serve` with `seed`, checking signatures, and `extra` flags.
fn serve(seed: &std::path::Path, extra: &[&str]) -> Server {
    let creds = format!("{KEY}:{SECRET}");
    let mut args = vec![
        "--seed",
        seed.to_str().expect("a UTF-8 path"),
        "--credentials",
        &creds,
    ];
    args.extend_from_slice(extra);
    Server::start(&args)
}

fn tui(endpoint: &str, home: &std::path::Path) -> Tui {
    let env = [
        ("AWS_ACCESS_KEY_ID", KEY),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
        ("AWS_REGION", "us-east-1"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_ENDPOINT_URL", endpoint),
    ];
    Tui::spawn(&[], &env, home, (120, 40))
}

/// Whether a row still waits for its describe: a `…` cell (not the `…` that starts a cut
/// ARN) or `waiting…`.
fn pending(row: &str) -> bool {
    row.contains("… ") || row.contains("…│")
}

/// The table's rows: the screen between the header row and the log pane.
fn table_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip(3)
        .take_while(|l| !l.starts_with("└"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn paging_fast_under_a_describe_quota_shows_no_throttling_error() {
    let home = tempfile::tempdir().unwrap();
    let seed = seed(home.path(), 10_000);
    let server = serve(&seed, &["--quota", "DescribeCollection=5"]);
    let mut tui = tui(&server.endpoint, home.path());
    tui.wait_for("Collections (10,000)");
    // An operator paging through quickly, far faster than 5 describes a second.
    for _ in 0..30 {
        tui.send("\x1b[6~");
    }
    let mut waited = false;
    let deadline = Instant::now() + patience();
    let settled = loop {
        let screen = tui.screen();
        for row in table_rows(&screen) {
            assert!(
                !row.contains('⚠') && !row.contains("Throughput") && !row.contains("Throttl"),
                "a row shows a throttling error:\n{screen}"
            );
        }
        waited |= screen.contains("waiting…");
        let rows = table_rows(&screen);
        let described = rows.iter().all(|r| !pending(r));
        if described && screen.contains("c-0") {
            break screen;
        }
        assert!(
            Instant::now() < deadline,
            "the rows on screen never filled:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(waited, "no row ever said it was waiting its turn");
    let told = settled.matches("throttled by the service").count();
    assert_eq!(
        told, 1,
        "one line for the burst, not one per row:\n{settled}"
    );
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored();
}

#[test]
fn a_flaky_throttling_service_still_lists_describes_and_quits_cleanly() {
    let home = tempfile::tempdir().unwrap();
    let seed = seed(home.path(), 300);
    let server = serve(
        &seed,
        &[
            "--quota",
            "DescribeCollection=5",
            "--fault-rate",
            "0.2",
            "--fault-seed",
            "11",
            "--latency",
            "5ms..150ms",
        ],
    );
    let mut tui = tui(&server.endpoint, home.path());
    tui.wait_for("Collections (300)");
    for _ in 0..5 {
        tui.send("\x1b[6~");
    }
    // The rows in view are described in the end: throttles wait, faults are retried.
    let screen = tui.wait_until("the rows in view described", |s| {
        let rows = table_rows(s);
        !rows.is_empty() && rows.iter().all(|r| !pending(r))
    });
    for row in table_rows(&screen) {
        assert!(
            !row.contains("Throughput") && !row.contains("Throttl"),
            "a row shows a throttling error:\n{screen}"
        );
    }
    // Still answering keys.
    tui.send("?");
    tui.wait_for("Keys");
    tui.send("\x1b");
    // Esc and a key right after it would read as Alt and the key.
    tui.wait_until("the help closed", |s| !s.contains(" Keys "));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored();
}

#[test]
fn a_listing_that_cannot_reach_the_service_is_retried_until_it_can() {
    let home = tempfile::tempdir().unwrap();
    let seed = seed(home.path(), 12);
    // A port nobody listens on yet: the listing fails as on a network blip.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let endpoint = format!("http://127.0.0.1:{port}");
    let mut tui = tui(&endpoint, home.path());
    tui.wait_for("retry 1 in 1 s");
    tui.wait_for("Esc stops");
    let addr = format!("127.0.0.1:{port}");
    let creds = format!("{KEY}:{SECRET}");
    let _server = Server::start_at(
        &addr,
        &["--seed", seed.to_str().unwrap(), "--credentials", &creds],
    );
    let screen = tui.wait_for("Collections (12)");
    assert!(screen.contains("listed again after"), "{screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored();
}
