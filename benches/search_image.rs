//! SearchFacesByImage on a collection of 1,000,000 faces, through the real SDK: the first
//! search (which reads the collection's vectors into memory) and the median of the next 20.
//! Also IndexFaces and a SearchUsersByImage for scale.
//!
//! `cargo bench --bench search_image` (`-- --faces N` for another size).

use std::time::{Duration, Instant};

use aws_sdk_rekognition::Client;
use aws_sdk_rekognition::primitives::Blob;
use aws_sdk_rekognition::types::Image;
use rekog::emulator::{Seed, ServeConfig, sdk_config, serve};

#[path = "../tests/support/portraits.rs"]
mod portraits;

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

fn image(bytes: &[u8]) -> Image {
    Image::builder().bytes(Blob::new(bytes.to_vec())).build()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

async fn run(faces: u64) {
    let people = (faces / 10).max(1);
    let json = format!(
        r#"{{"collections":[{{"id":"big","faces":{faces},"users":10000,"people":{people}}}]}}"#
    );
    let seed = Seed::parse("bench", &json).expect("seed");
    let handle = serve(ServeConfig {
        seed: Some(seed),
        ..ServeConfig::default()
    })
    .await
    .expect("emulator");
    let client = Client::from_conf(sdk_config(
        &handle.endpoint(),
        "us-east-1",
        "AKIDBENCH",
        "secret",
    ));
    let started = Instant::now();
    // The first describe waits for the seeded rows: the searches below measure searching.
    client
        .list_faces()
        .collection_id("big")
        .max_results(1)
        .send()
        .await
        .expect("ListFaces");
    println!(
        "seeded {faces} faces ({people} people, 10,000 users), ready after {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let photo = portraits::portrait(1, 640, 800);
    let original = portraits::jpeg(&photo, 90);
    let started = Instant::now();
    client
        .index_faces()
        .collection_id("big")
        .image(image(&original))
        .external_image_id("alice.jpg")
        .send()
        .await
        .expect("IndexFaces");
    println!(
        "IndexFaces of a 640x800 JPEG ({} KB): {}",
        original.len() / 1024,
        ms(started.elapsed())
    );

    let copy = portraits::retouched(&photo, 0.75, 10);
    let search = || {
        client
            .search_faces_by_image()
            .collection_id("big")
            .image(image(&copy))
            .send()
    };
    let started = Instant::now();
    let first = search().await.expect("SearchFacesByImage");
    let first_took = started.elapsed();
    let best = first
        .face_matches()
        .first()
        .and_then(|m| m.similarity())
        .unwrap_or_default();
    let mut runs = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        search().await.expect("SearchFacesByImage");
        runs.push(started.elapsed());
    }
    runs.sort();
    println!(
        "SearchFacesByImage over {} faces: first {} (reads the vectors), then median {}, \
         slowest {} of 20; {} match(es), best {best:.1}",
        faces + 1,
        ms(first_took),
        ms(runs[runs.len() / 2]),
        ms(runs[runs.len() - 1]),
        first.face_matches().len(),
    );

    let started = Instant::now();
    let users = client
        .search_users_by_image()
        .collection_id("big")
        .image(image(&copy))
        .send()
        .await
        .expect("SearchUsersByImage");
    println!(
        "SearchUsersByImage: {} ({} users matched)",
        ms(started.elapsed()),
        users.user_matches().len()
    );
    handle.shutdown().await;
}
