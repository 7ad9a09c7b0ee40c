//! The audit trail around a real delete in the run loop: an intent line before the call, an
//! outcome line after, and no call at all when the trail cannot be written.

use std::path::Path;
use std::time::Duration;

use ratatui::crossterm::event::KeyCode;
use rekog::emulator::ServeConfig;
use serde_json::Value;

use crate::headless_app::{patience, start, start_audited, start_with_manifests};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delete_writes_intent_then_outcome() {
    let app = start(ServeConfig::default(), false).await;
    app.wait_for("warehouse-door").await;
    app.select("lobby-cam").await;
    app.key(KeyCode::Char('d'));
    app.wait_for("cannot be undone").await;
    app.type_text("lobby-cam");
    app.key(KeyCode::Enter);
    app.wait_for("DeleteCollection lobby-cam: StatusCode 200")
        .await;
    let trail = app.trail();
    assert_eq!(trail.len(), 2, "{trail:#?}");
    let (intent, outcome) = (&trail[0], &trail[1]);
    assert_eq!(intent["event"], "intent");
    assert_eq!(outcome["event"], "outcome");
    assert_eq!(intent["id"], outcome["id"]);
    for line in &trail {
        assert_eq!(line["operation"], "DeleteCollection");
        assert_eq!(line["collection_id"], "lobby-cam");
        assert_eq!(line["region"], "us-east-1");
        assert_eq!(line["face_count"], 25);
        assert_eq!(line["user_count"], 2);
        assert_eq!(line["account"], "123456789012");
        assert!(
            line["collection_arn"]
                .as_str()
                .is_some_and(|a| a.ends_with(":collection/lobby-cam"))
        );
        assert!(
            line["endpoint"]
                .as_str()
                .is_some_and(|e| e.starts_with("http://127.0.0.1:"))
        );
    }
    assert_eq!(intent["outcome"], Value::Null);
    assert_eq!(outcome["outcome"], "success");
    assert_eq!(outcome["status_code"], 200);
    assert_eq!(outcome["request_id"].as_str().map(str::len), Some(36));
    assert!(outcome["duration_ms"].is_u64());
    // DescribeCollection afterwards answered ResourceNotFoundException: proven gone.
    assert_eq!(intent["verified_absent"], Value::Null);
    assert_eq!(outcome["verified_absent"], true);
    app.wait_for("verified absent").await;
    // The two records are links of one intact chain.
    assert_eq!(
        (intent["seq"].as_u64(), outcome["seq"].as_u64()),
        (Some(1), Some(2))
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unwritable_trail_stops_the_delete() {
    // Every write to /dev/full fails with ENOSPC: the trail opens but cannot take a line.
    let app = start_audited(ServeConfig::default(), false, Some(Path::new("/dev/full"))).await;
    app.wait_for("warehouse-door").await;
    app.select("warehouse-door").await;
    app.key(KeyCode::Char('d'));
    app.wait_for("cannot be undone").await;
    app.type_text("warehouse-door");
    app.key(KeyCode::Enter);
    let screen = app.wait_for("DeleteCollection not sent").await;
    assert!(screen.contains("No space left on device"), "{screen}");
    assert!(app.ids().await.contains(&"warehouse-door".to_string()));
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_manifest_comes_first_and_the_audit_names_it() {
    let app = start_with_manifests(ServeConfig::default()).await;
    app.wait_for("warehouse-door").await;
    app.select("lobby-cam").await;
    app.key(KeyCode::Char('d'));
    app.wait_for("Manifest kept (25 faces)").await;
    app.type_text("lobby-cam");
    app.key(KeyCode::Enter);
    app.wait_for("DeleteCollection lobby-cam: StatusCode 200")
        .await;
    let trail = app.trail();
    let intent = &trail[0];
    let path = intent["manifest"].as_str().expect("manifest in the intent");
    assert!(path.starts_with(app.manifests.to_str().unwrap()), "{path}");
    assert!(
        path.contains("/123456789012/us-east-1/lobby-cam-"),
        "{path}"
    );
    let summary = rekog::manifest::check(Path::new(path)).expect("a whole manifest");
    assert_eq!((summary.faces, summary.users), (25, 2));
    let digest = std::fs::read_to_string(format!("{path}.sha256")).unwrap();
    assert_eq!(Some(&digest[..64]), intent["manifest_sha256"].as_str());
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_during_the_export_leaves_no_file() {
    // Every call takes 400 ms, so the export is still running when Esc arrives.
    let config = ServeConfig {
        latency: Some((Duration::from_millis(400), Duration::from_millis(400))),
        ..ServeConfig::default()
    };
    let app = start_with_manifests(config).await;
    app.wait_for("warehouse-door").await;
    app.select("lobby-cam").await;
    app.key(KeyCode::Char('d'));
    app.wait_for("Exporting the manifest").await;
    // Wait until the file exists (the first describe is done), then cancel.
    let deadline = std::time::Instant::now() + patience();
    while files(&app.manifests).is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "no manifest file appeared"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    app.key(KeyCode::Esc);
    let deadline = std::time::Instant::now() + patience();
    while !files(&app.manifests).is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the partial file stayed"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_after_the_export_removes_the_manifest_and_says_so() {
    let app = start_with_manifests(ServeConfig::default()).await;
    app.wait_for("warehouse-door").await;
    app.select("lobby-cam").await;
    app.key(KeyCode::Char('d'));
    app.wait_for("Manifest kept (25 faces)").await;
    let written = files(&app.manifests);
    assert_eq!(written.len(), 2, "the manifest and its digest: {written:?}");
    app.key(KeyCode::Esc);
    app.wait_for("manifest of lobby-cam removed").await;
    assert_eq!(files(&app.manifests), Vec::<std::path::PathBuf>::new());
    app.quit().await;
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out
}
