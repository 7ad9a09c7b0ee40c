//! Searching one person's faces the way the detail view's `/` and `rekog erase` do: an
//! ExternalImageId scan of a 1,000,000-face collection (every ListFaces page of 4096, matched
//! in rekog), and the lookups the service filters for (UserId, FaceIds).
//!
//! `cargo bench --bench search` (`-- --faces N` for another size).

use std::time::{Duration, Instant};

use rekog::aws::api::Rekognition;
use rekog::aws::pace::Paced;
use rekog::aws::sdk::SdkBackend;
use rekog::emulator::{Seed, ServeConfig, sdk_config, serve};
use rekog::erase::search::{Search, find};
use rekog::ids::FaceId;

fn main() {
    let faces: u64 = std::env::args()
        .skip_while(|a| a != "--faces")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(faces));
}

async fn run(faces: u64) {
    let json = format!(r#"{{"collections":[{{"id":"big","faces":{faces},"users":10000}}]}}"#);
    let seed = Seed::parse("bench", &json).expect("seed");
    let handle = serve(ServeConfig {
        seed: Some(seed),
        ..ServeConfig::default()
    })
    .await
    .expect("emulator");
    let client = aws_sdk_rekognition::Client::from_conf(sdk_config(
        &handle.endpoint(),
        "us-east-1",
        "AKIDBENCH",
        "secret",
    ));
    // Paced as the TUI and `rekog erase` use it; with no quota it never waits.
    let backend = Paced::new(SdkBackend::new(client), Duration::from_secs(30));
    let seeded = Instant::now();
    // The in-memory seed writes faces behind; the first describe of the collection waits
    // for them, so the scans below measure reading, not seeding.
    let total = backend
        .describe(&"big".parse().unwrap())
        .await
        .result
        .expect("describe")
        .face_count;
    println!(
        "seeded {faces} faces (10,000 users), ready after {:.1} s",
        seeded.elapsed().as_secs_f64()
    );

    let mut runs = Vec::new();
    let mut last = None;
    for _ in 0..3 {
        let search = Search::parse("img-0001??.jpg").expect("pattern");
        let started = Instant::now();
        let found = find(&backend, &"big".parse().unwrap(), &search, total, |_| {})
            .await
            .expect("scan");
        runs.push(started.elapsed());
        last = Some(found);
    }
    let found = last.expect("three runs");
    assert_eq!(found.progress.scanned, faces, "a scan reads every face");
    runs.sort();
    println!(
        "ExternalImageId scan (img-0001??.jpg): {} pages, {} faces scanned, {} matched; \
         runs {}; median {:.2} s ({:.0} faces/s)",
        found.progress.pages,
        found.progress.scanned,
        found.progress.matched,
        runs.iter()
            .map(|d| format!("{:.2} s", d.as_secs_f64()))
            .collect::<Vec<_>>()
            .join(", "),
        runs[1].as_secs_f64(),
        faces as f64 / runs[1].as_secs_f64()
    );

    let user = found
        .faces
        .iter()
        .find_map(|f| f.user_id.clone())
        .unwrap_or_else(|| "user-00001".parse().unwrap());
    let started = Instant::now();
    let by_user = find(
        &backend,
        &"big".parse().unwrap(),
        &Search::User(user.clone()),
        total,
        |_| {},
    )
    .await
    .expect("user");
    println!(
        "UserId lookup ({user}): {} faces in {:.1} ms",
        by_user.faces.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    let ids: Vec<FaceId> = found
        .faces
        .iter()
        .take(100)
        .map(|f| f.face_id.parse().unwrap())
        .collect();
    let started = Instant::now();
    let by_id = find(
        &backend,
        &"big".parse().unwrap(),
        &Search::FaceIds(ids.clone()),
        total,
        |_| {},
    )
    .await
    .expect("face ids");
    assert_eq!(by_id.faces.len(), ids.len());
    println!(
        "FaceIds lookup of {} faces: {:.1} ms",
        ids.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    handle.shutdown().await;
}
