//! `rekog search --all-collections --image` as an operator runs it for an access request:
//! the real binary against one emulator holding 100 collections of 10,000 faces, the
//! person's photo indexed into every tenth. Each run lists the collections, then sends one
//! paced SearchFacesByImage per collection. The first run also reads each collection's
//! vectors into the emulator's memory; the next ones are what a second request costs.
//!
//! `cargo bench --bench search_all` (`-- --collections N --faces M` for another size).

use std::process::Command;
use std::time::{Duration, Instant};

use aws_sdk_rekognition::Client;
use aws_sdk_rekognition::primitives::Blob;
use aws_sdk_rekognition::types::Image;
use rekog::emulator::{Seed, ServeConfig, sdk_config, serve};

#[path = "../tests/support/portraits.rs"]
mod portraits;

const KEY: &str = "AKIDBENCH";
const SECRET: &str = "secret";

fn arg(name: &str, default: u64) -> u64 {
    std::env::args()
        .skip_while(|a| a != name)
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let collections = arg("--collections", 100);
    let faces = arg("--faces", 10_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(collections, faces));
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

async fn run(collections: u64, faces: u64) {
    let people = (faces / 10).max(1);
    let list: Vec<String> = (0..collections)
        .map(|i| format!(r#"{{"id":"site-{i:03}","faces":{faces},"people":{people}}}"#))
        .collect();
    let json = format!(r#"{{"collections":[{}]}}"#, list.join(","));
    let seed = Seed::parse("bench", &json).expect("seed");
    let handle = serve(ServeConfig {
        seed: Some(seed),
        ..ServeConfig::default()
    })
    .await
    .expect("emulator");
    let endpoint = handle.endpoint();
    let client = Client::from_conf(sdk_config(&endpoint, "us-east-1", KEY, SECRET));

    // The person, photographed for every tenth collection; the request comes with another
    // shot of them.
    let started = Instant::now();
    let person = portraits::portrait(1, 360, 480);
    let mut holding = 0;
    for i in (0..collections).step_by(10) {
        client
            .index_faces()
            .collection_id(format!("site-{i:03}"))
            .image(
                Image::builder()
                    .bytes(Blob::new(portraits::jpeg(&person, 90)))
                    .build(),
            )
            .external_image_id(format!("visitor-{i}.jpg"))
            .send()
            .await
            .expect("IndexFaces");
        holding += 1;
    }
    // The emulator makes a seeded collection's rows when first asked, and its vectors at
    // its first search: the first run below pays for both, as a real service would not.
    client
        .list_faces()
        .collection_id(format!("site-{:03}", collections - 1))
        .max_results(1)
        .send()
        .await
        .expect("ListFaces");
    println!(
        "seeded {collections} collections of {faces} faces, the person indexed into \
         {holding}: {}",
        secs(started.elapsed())
    );
    let home = tempfile::tempdir().expect("tempdir");
    let photo = home.path().join("request.jpg");
    std::fs::write(&photo, portraits::retouched(&person, 0.8, 8)).expect("photo");

    let mut runs = Vec::new();
    for n in 1..=4 {
        let started = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_rekog"))
            .args(["search", "--all-collections", "--image"])
            .arg(&photo)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", home.path())
            .env("NO_PROXY", "127.0.0.1,localhost")
            .env("AWS_ACCESS_KEY_ID", KEY)
            .env("AWS_SECRET_ACCESS_KEY", SECRET)
            .env("AWS_REGION", "us-east-1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_ENDPOINT_URL", &endpoint)
            .output()
            .expect("rekog runs");
        let took = started.elapsed();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let found = stdout
            .lines()
            .filter(|l| l.starts_with("Collection "))
            .count();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(found, holding, "{stdout}");
        println!(
            "run {n}: {} for {collections} collections, found in {found} (exit 0)",
            secs(took)
        );
        runs.push(took);
    }
    let later = &runs[1..];
    let median = {
        let mut sorted = later.to_vec();
        sorted.sort();
        sorted[sorted.len() / 2]
    };
    println!(
        "rekog search --all-collections --image: first {} (the emulator makes rows and vectors), \
         then median {} (target: under 5 s)",
        secs(runs[0]),
        secs(median)
    );
}
