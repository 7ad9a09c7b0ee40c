//! The clumsy operator: keys at random (a seeded draw, the same every run) with resizes
//! between them, against `rekog serve --fault-rate 0.2 --latency 5ms..150ms`. rekog keeps
//! answering, each resize is drawn at the new size, it quits cleanly, and afterwards the
//! emulator holds every collection and face it held before, except what the audit trail
//! records as deleted.

use std::collections::HashMap;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use crate::pty::{Server, Tui, patience};

const KEY: &str = "AKIDCLUMSYTEST000000";
const SECRET: &str = "clumsy-secret";

/// Every key rekog binds, and some it does not, except the two that quit (`q`, Ctrl-C):
/// the run ends when the test says so.
const KEYS: &[&str] = &[
    "j", "k", "j", "k", "g", "G", "\r", "\r", "\x1b", "\t", " ", " ", "d", "c", "s", "S", "r", "/",
    "?", "a", "A", "E", "F", "R", "P", "e", "u", "x", "y", "Y", "h", "+", "-", "=", "1", "z", "_",
    "\x7f", "\x14", "\x0e", "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D", "\x1b[5~", "\x1b[6~", "\x1b[H",
    "\x1b[F", "\x1b[3~",
];
/// The seed's collections, whose IDs (and near misses of them) the walk types at the
/// delete dialog's prompt.
const IDS: [&str; 5] = [
    "alpha-empty",
    "badge-photos",
    "lobby-cam",
    "warehouse-door",
    "eu-archive",
];
const PRESSES: usize = 250;
/// A resize after this many keys, to one of `SIZES` (60x15 is the least rekog draws).
const RESIZE_EVERY: usize = 40;
const SIZES: [(u16, u16); 5] = [(80, 24), (60, 15), (120, 40), (45, 12), (100, 30)];

/// xorshift64*: the same keys every run, so that a failure can be replayed.
struct Draw(u64);

impl Draw {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

/// Mostly a key (`wait` false); now and then what an operator types in a row, waiting
/// after each Enter for what it opens to load over the flaky link: a collection found with
/// the filter and opened, two faces marked and their delete confirmed with Tab and Enter; a
/// collection ID or a near miss of one at a prompt; a name for a new collection.
fn gesture(draw: &mut Draw) -> (Vec<String>, bool) {
    let id = IDS[draw.next(IDS.len())];
    let keys = |text: &str| text.chars().map(String::from).collect::<Vec<_>>();
    match draw.next(60) {
        0 => (keys(" d\t\r"), false),
        1 => (keys(&format!("d{id}\r")), false),
        2 => (keys(&format!("d{}\r", &id[..id.len() - 1])), false),
        3 => (keys(&format!("E{id}x\r")), false),
        4 => (keys(&format!("c{}\r", &id[..4])), false),
        5..=8 => (keys(&format!("\x1b\x1b/{}\r\r j j d\t\r", &id[..5])), true),
        _ => (vec![KEYS[draw.next(KEYS.len())].to_owned()], false),
    }
}

fn seed(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("seed.json");
    // Small collections, so that marking and deleting faces is within a random walk's reach.
    std::fs::write(
        &path,
        r#"{"collections":[
            {"id":"alpha-empty"},
            {"id":"badge-photos","faces":12,"users":2},
            {"id":"lobby-cam","faces":9,"users":1},
            {"id":"warehouse-door","faces":5},
            {"id":"eu-archive","region":"eu-west-1","faces":4}
        ]}"#,
    )
    .expect("write the seed");
    path
}

/// A client that outlasts the injected faults: ten attempts, each failing one time in five.
fn client(endpoint: &str, region: &str) -> aws_sdk_rekognition::Client {
    let config = rekog::emulator::sdk_config(endpoint, region, KEY, SECRET)
        .to_builder()
        .retry_config(
            aws_sdk_rekognition::config::retry::RetryConfig::standard()
                .with_max_attempts(10)
                .with_max_backoff(Duration::from_millis(200)),
        )
        .build();
    aws_sdk_rekognition::Client::from_conf(config)
}

/// Every collection of the two regions the seed uses, with its FaceIds.
async fn contents(endpoint: &str) -> HashMap<String, Vec<String>> {
    let mut all = HashMap::new();
    for region in ["us-east-1", "eu-west-1"] {
        let client = client(endpoint, region);
        let ids = client
            .list_collections()
            .send()
            .await
            .expect("ListCollections")
            .collection_ids
            .unwrap_or_default();
        for id in ids {
            let faces = client
                .list_faces()
                .collection_id(&id)
                .max_results(4096)
                .send()
                .await
                .expect("ListFaces")
                .faces
                .unwrap_or_default()
                .into_iter()
                .filter_map(|f| f.face_id)
                .collect();
            all.insert(format!("{region}/{id}"), faces);
        }
    }
    all
}

/// The screen drawn for `width` x `height`: the bottom block's corners on the row above the
/// footer, or the message that the terminal is too small. A frame of another size has
/// neither where they belong.
fn fits(rows: &[String], width: u16, height: u16) -> bool {
    let (w, h) = (usize::from(width), usize::from(height));
    if rows.iter().any(|r| r.contains("Terminal too small")) {
        return true;
    }
    let Some(row) = rows.get(h.saturating_sub(2)) else {
        return false;
    };
    let chars: Vec<char> = row.chars().collect();
    chars.len() == w && chars[0] == '└' && chars[w - 1] == '┘'
}

/// Quits from wherever the walk left it: Esc closes what is open, then `q`.
fn quit(tui: &mut Tui) -> u32 {
    let deadline = Instant::now() + patience();
    loop {
        if let Some(status) = tui.try_exit() {
            return status.unwrap_or_else(|signal| panic!("rekog was killed by {signal}"));
        }
        assert!(
            Instant::now() < deadline,
            "rekog did not quit; the screen shows:\n{}",
            tui.screen()
        );
        for _ in 0..3 {
            tui.send("\x1b");
            thread::sleep(Duration::from_millis(120));
        }
        tui.send("q");
        thread::sleep(Duration::from_millis(400));
    }
}

/// What the trail says went: collections deleted, and faces deleted per collection.
fn recorded(home: &Path) -> (Vec<String>, HashMap<String, u64>) {
    let trail = home.join("state/rekog/audit.jsonl");
    let text = std::fs::read_to_string(trail).unwrap_or_default();
    let (mut collections, mut faces) = (Vec::new(), HashMap::new());
    for line in text.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("a JSON record");
        if record["event"] != "outcome" || record["outcome"] != "success" {
            continue;
        }
        let key = format!(
            "{}/{}",
            record["region"].as_str().unwrap_or_default(),
            record["collection_id"].as_str().unwrap_or_default()
        );
        match record["operation"].as_str() {
            Some("DeleteCollection") => collections.push(key),
            Some("DeleteFaces" | "Erasure") => {
                *faces.entry(key).or_default() += record["faces_erased"].as_u64().unwrap_or(0);
            }
            _ => {}
        }
    }
    (collections, faces)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_keys_and_resizes_on_a_flaky_service_delete_nothing_unrecorded() {
    let home = tempfile::tempdir().expect("tempdir");
    let seed = seed(home.path());
    let creds = format!("{KEY}:{SECRET}");
    let seed = seed.to_str().expect("a UTF-8 path");
    let flaky = Server::start(&[
        "--seed",
        seed,
        "--credentials",
        &creds,
        "--fault-rate",
        "0.2",
        "--fault-seed",
        "5",
        "--latency",
        "5ms..150ms",
    ]);
    let before = contents(&flaky.endpoint).await;
    assert_eq!(before.len(), 5, "{before:?}");

    let env = [
        ("AWS_ACCESS_KEY_ID", KEY),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
        ("AWS_REGION", "us-east-1"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_ENDPOINT_URL", flaky.endpoint.as_str()),
    ];
    let mut tui = Tui::spawn(&[], &env, home.path(), (100, 30));
    tui.wait_for("Collections (");
    let mut draw = Draw(0x5eed_c1a5_0000_0001);
    let mut size = (100, 30);
    for press in 1..=PRESSES {
        let (keys, wait) = gesture(&mut draw);
        for key in keys {
            tui.send(&key);
            // An Enter opens what then loads over the flaky link, and a person waits for it;
            // an Esc with a key right behind it reads as Alt and that key.
            let pause = match key.as_str() {
                "\r" if wait => 200,
                "\x1b" => 80,
                _ => 8 + draw.next(20) as u64,
            };
            thread::sleep(Duration::from_millis(pause));
        }

        if let Some(status) = tui.try_exit() {
            panic!(
                "rekog ended after {press} keys ({status:?}); the screen shows:\n{}",
                tui.screen()
            );
        }
        if press % RESIZE_EVERY == 0 {
            let next = SIZES[draw.next(SIZES.len())];
            if next == size {
                continue;
            }
            size = next;
            tui.resize(size.0, size.1);
            let started = Instant::now();
            while !fits(&tui.rows(), size.0, size.1) {
                assert!(
                    started.elapsed() < Duration::from_secs(3),
                    "after {press} keys, not drawn at {size:?}:\n{}",
                    tui.screen()
                );
                thread::sleep(Duration::from_millis(20));
            }
        }
    }
    assert_eq!(quit(&mut tui), 0);
    tui.assert_restored();

    let after = contents(&flaky.endpoint).await;
    drop(flaky);
    let (deleted, faces_deleted) = recorded(home.path());
    // The walk is meant to reach deletes: without one, the checks below check nothing.
    assert!(
        faces_deleted.values().sum::<u64>() > 0,
        "the walk deleted no face; the trail: {faces_deleted:?}"
    );
    for (collection, faces) in &before {
        let Some(now) = after.get(collection) else {
            assert!(
                deleted.contains(collection),
                "{collection} is gone with no DeleteCollection recorded"
            );
            continue;
        };
        assert!(
            !deleted.contains(collection),
            "{collection} is recorded as deleted and is still there"
        );
        let gone = faces.iter().filter(|f| !now.contains(f)).count() as u64;
        let recorded = faces_deleted.get(collection).copied().unwrap_or(0);
        assert_eq!(
            gone, recorded,
            "{collection}: the faces gone and the faces the trail says were deleted"
        );
    }
}
