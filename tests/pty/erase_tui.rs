//! An erasure end to end in the real binary's TUI: `/` by ExternalImageId, `A`, `E`, the
//! collection ID typed, Enter; then the SDK shows the faces gone.

use aws_sdk_rekognition::config::{Credentials, Region};

use crate::e2e::seed_file;
use crate::pty::Server;

const KEY: &str = "AKIDERASETUI00000000";
const SECRET: &str = "erase-secret";

fn client(endpoint: &str) -> aws_sdk_rekognition::Client {
    let config = aws_sdk_rekognition::Config::builder()
        .behavior_version_latest()
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(KEY, SECRET, None, None, "pty"))
        .endpoint_url(endpoint)
        .build();
    aws_sdk_rekognition::Client::from_conf(config)
}

/// (FaceId, ExternalImageId) of every face of `id`.
async fn faces(client: &aws_sdk_rekognition::Client, id: &str) -> Vec<(String, String)> {
    let page = client
        .list_faces()
        .collection_id(id)
        .max_results(4096)
        .send()
        .await
        .expect("ListFaces");
    assert!(page.next_token.is_none(), "one page holds the seed");
    page.faces
        .unwrap_or_default()
        .into_iter()
        .map(|f| {
            let external = f.external_image_id.unwrap_or_default();
            (f.face_id.unwrap_or_default(), external)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_by_external_image_id_mark_all_and_erase() {
    let home = tempfile::tempdir().unwrap();
    let seed = seed_file(home.path());
    let creds = format!("{KEY}:{SECRET}");
    let server = Server::start(&["--seed", seed.to_str().unwrap(), "--credentials", &creds]);
    let client = client(&server.endpoint);
    let before = faces(&client, "lobby-cam").await;
    let named: Vec<&String> = before
        .iter()
        .filter(|(_, external)| external.starts_with("img-00000"))
        .map(|(face, _)| face)
        .collect();
    let n = named.len();
    assert!(n > 1, "the seed's first images have faces");

    let env = [
        ("AWS_ACCESS_KEY_ID", KEY),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
        ("AWS_REGION", "us-east-1"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_ENDPOINT_URL", server.endpoint.as_str()),
    ];
    let mut tui = crate::pty::Tui::spawn(&[], &env, home.path(), (120, 40));
    tui.wait_for("Collections (3)");
    tui.send("/");
    tui.type_keys("lobby");
    tui.wait_for("Collections (1/3)");
    tui.send("\r");
    tui.send("\r");
    tui.wait_for("Faces (25)");
    tui.send("/");
    tui.type_keys("img-00000*");
    tui.wait_for("→ ExternalImageId matching img-00000*");
    tui.send("\r");
    tui.wait_for(&format!("Search: {n} matches of 25 faces scanned"));
    tui.send("A");
    tui.wait_for(&format!("{n} faces marked"));
    tui.send("E");
    tui.wait_for("This cannot be undone");
    tui.type_keys("lobby-cam");
    tui.wait_for("✓ matches: Enter erases");
    tui.send("\r");
    tui.wait_for("All named are gone");
    tui.wait_for(&format!("DeleteFaces lobby-cam: {n} faces of {n} deleted"));
    tui.send("\r");
    tui.wait_for("no face matches");
    // Esc then q: wait for the search to close first, or Esc+q reads as Alt+q.
    tui.send("\x1b");
    tui.wait_for(&format!("Faces ({})", 25 - n));
    tui.send("q");
    tui.wait_for("Collections (1/3)");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored();

    let after = faces(&client, "lobby-cam").await;
    assert_eq!(after.len(), 25 - n);
    assert!(after.iter().all(|(face, _)| !named.contains(&face)));
    // Faces found by ExternalImageId leave their users in place.
    let users = client
        .list_users()
        .collection_id("lobby-cam")
        .send()
        .await
        .expect("ListUsers")
        .users
        .unwrap_or_default();
    assert_eq!(users.len(), 2);
}

/// SIGTERM while an erasure runs: the call in flight ends, the outcome `interrupted` is
/// written with how far it got, the terminal is restored, and what was not reached stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_mid_erasure_writes_interrupted_and_restores_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    // 120 faces on 40 users: one DisassociateFaces call per user, 150 ms each.
    let seed = home.path().join("seed.json");
    std::fs::write(
        &seed,
        r#"{"collections":[{"id":"crowd","faces":120,"users":40}]}"#,
    )
    .unwrap();
    let creds = format!("{KEY}:{SECRET}");
    let server = Server::start(&[
        "--seed",
        seed.to_str().unwrap(),
        "--credentials",
        &creds,
        "--latency",
        "150ms..150ms",
    ]);
    let client = client(&server.endpoint);
    let env = [
        ("AWS_ACCESS_KEY_ID", KEY),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
        ("AWS_REGION", "us-east-1"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_ENDPOINT_URL", server.endpoint.as_str()),
    ];
    let mut tui = crate::pty::Tui::spawn(&[], &env, home.path(), (120, 40));
    tui.wait_for("Collections (1)");
    tui.send("\r");
    tui.wait_for("Faces (100 of 120 loaded)");
    tui.send("/");
    tui.type_keys("img-*");
    tui.wait_for("→ ExternalImageId matching img-*");
    tui.send("\r");
    tui.wait_for("Search: 120 matches of 120 faces scanned");
    tui.send("A");
    tui.wait_for("120 faces marked");
    tui.send("E");
    tui.wait_for("This cannot be undone");
    tui.type_keys("crowd");
    tui.wait_for("✓ matches: Enter erases");
    tui.send("\r");
    tui.wait_for("taking the faces off their users");
    std::thread::sleep(std::time::Duration::from_millis(600));
    // SAFETY: kill(2) with a pid we spawned and a valid signal number.
    let rc = unsafe { libc::kill(tui.pid() as i32, libc::SIGTERM) };
    assert_eq!(rc, 0);
    assert_eq!(tui.wait_exit(), 128 + 15, "exit status of SIGTERM");
    tui.assert_restored();

    let trail = std::fs::read_to_string(home.path().join("state/rekog/audit.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = trail
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{trail}");
    let outcome = &lines[1];
    assert_eq!(outcome["event"], "outcome");
    assert_eq!(outcome["outcome"], "interrupted", "{outcome}");
    assert_eq!(
        outcome["faces_erased"], 0,
        "stopped among the DisassociateFaces calls"
    );
    assert_eq!(outcome["faces_failed"], 120);
    let message = outcome["error_message"].as_str().unwrap_or_default();
    assert!(message.starts_with("interrupted by a signal"), "{message}");
    // Every face is still there: none was deleted, only some taken off their users.
    assert_eq!(faces(&client, "crowd").await.len(), 120);
}
