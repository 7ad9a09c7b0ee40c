//! Erasures killed at random moments, then resumed: `rekog erase` is sent SIGKILL at a
//! random point of its run, 30 times, against `rekog serve --db FILE` with latency, and
//! each unfinished erasure is finished with `rekog erase --resume`. Afterwards every face
//! named is gone, no other face was touched, every intent has an outcome and the trail
//! verifies.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::serve::Server;
use crate::support::{KEY, SECRET, all_faces, client_with};

const BIN: &str = env!("CARGO_BIN_EXE_rekog");
const USERS: usize = 30;

fn serve(dir: &Path) -> Server {
    let seed = dir.join("seed.json");
    // 3,000 faces; every third of the first 90... on one of 30 users (100 faces each).
    std::fs::write(
        &seed,
        format!(r#"{{"collections":[{{"id":"crowd","faces":3000,"users":{USERS}}}]}}"#),
    )
    .unwrap();
    let creds = format!("{KEY}:{SECRET}");
    let db = dir.join("emulator.db");
    let args = [
        "--latency",
        "1ms..20ms",
        "--db",
        db.to_str().unwrap(),
        "--seed",
        seed.to_str().unwrap(),
        "--credentials",
        &creds,
    ];
    Server::start(&args)
}

fn rekog(home: &Path, endpoint: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("AWS_ACCESS_KEY_ID", KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL", endpoint)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// A small generator, seeded from the clock and printed, so a failing run can be replayed
/// with REKOG_CHAOS_SEED.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasures_killed_at_random_and_resumed_erase_exactly_what_they_named() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let server = serve(home);
    let endpoint = server.endpoint.clone();
    let client = client_with(&endpoint, "us-east-1", KEY, SECRET);
    let before = all_faces(&client, "crowd", 4096).await;
    assert_eq!(before.len(), 3000);
    let owned = |user: &str| -> BTreeSet<String> {
        before
            .iter()
            .filter(|f| f.user_id() == Some(user))
            .map(|f| f.face_id().unwrap().to_owned())
            .collect()
    };
    let seed = std::env::var("REKOG_CHAOS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    println!("REKOG_CHAOS_SEED={seed}");
    let mut rng = Rng(seed);
    let (mut killed, mut resumed, mut redone) = (0, 0, 0);
    let mut named = BTreeSet::new();
    let started = Instant::now();
    for n in 1..=USERS {
        let user = format!("user-{n:06}");
        named.extend(owned(&user));
        let args = ["erase", "crowd", "--user", &user, "--confirm", "crowd"];
        let mut child = rekog(home, &endpoint, &args).spawn().unwrap();
        let at = Duration::from_millis(rng.below(400));
        std::thread::sleep(at);
        let was_killed = child.try_wait().unwrap().is_none();
        if was_killed {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        let open = rekog::audit::unfinished(&home.join("state/rekog/audit.jsonl")).unwrap();
        match &open.intents[..] {
            [] if !was_killed => {}
            [] => {
                // Killed before its intent (nothing was changed) or after its outcome: run
                // it again, which erases what is left, or finds the person gone.
                let out = rekog(home, &endpoint, &args).output().unwrap();
                assert!(out.status.code().is_some(), "{out:?}");
                redone += 1;
            }
            [intent] => {
                let out = rekog(
                    home,
                    &endpoint,
                    &["erase", "--resume", &intent.id, "--confirm", "crowd"],
                )
                .output()
                .unwrap();
                assert_eq!(
                    out.status.code(),
                    Some(0),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                resumed += 1;
                // Resuming twice changes nothing and says why.
                let again = rekog(
                    home,
                    &endpoint,
                    &["erase", "--resume", &intent.id, "--confirm", "crowd"],
                )
                .output()
                .unwrap();
                assert_eq!(again.status.code(), Some(2));
                assert!(String::from_utf8_lossy(&again.stderr).contains("already has an outcome"));
            }
            more => panic!("more than one unfinished erasure: {more:?}"),
        }
    }
    println!(
        "{USERS} runs in {:.1?}: {killed} killed mid-run, of which {resumed} resumed and {redone} \
         run again (killed before the intent or after the outcome)",
        started.elapsed()
    );

    let after = all_faces(&client, "crowd", 4096).await;
    let left: BTreeSet<String> = after
        .iter()
        .map(|f| f.face_id().unwrap().to_owned())
        .collect();
    let all: BTreeSet<String> = before
        .iter()
        .map(|f| f.face_id().unwrap().to_owned())
        .collect();
    assert!(left.is_disjoint(&named), "a named face is still there");
    let untouched: BTreeSet<String> = all.difference(&named).cloned().collect();
    assert_eq!(left, untouched, "a face that was not named was touched");
    let users = client
        .list_users()
        .collection_id("crowd")
        .send()
        .await
        .unwrap();
    assert!(users.users().is_empty(), "{:?}", users.users());

    let trail = home.join("state/rekog/audit.jsonl");
    assert!(rekog::audit::unfinished(&trail).unwrap().intents.is_empty());
    let verified = rekog::audit::verify::verify(&trail, None).unwrap();
    println!("trail: {verified}");
}
