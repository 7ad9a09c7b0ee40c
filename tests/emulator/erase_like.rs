//! `rekog erase --like FACE_ID` and `--image FILE` as a process against the emulator: the
//! faces like a face or a photo, listed with their similarity, erased exactly, recorded in
//! the manifest and the trail, and looked for again.

use std::path::Path;

use aws_sdk_rekognition::Client;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::erase::{files, rekog, text, trail};
use crate::portraits::png;
use crate::search::people;
use crate::support::all_faces;

async fn ids(client: &Client, id: &str) -> Vec<String> {
    let mut ids: Vec<String> = all_faces(client, id, 4096)
        .await
        .iter()
        .map(|f| f.face_id().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

fn sorted(ids: &[&String]) -> Vec<String> {
    let mut ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    ids.sort();
    ids
}

/// The manifest's lines, once it checks out against its digest and counts.
fn manifest(home: &Path) -> Vec<Value> {
    let written = files(&home.join("data/rekog/manifests"));
    let manifest = written
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .expect("a manifest");
    rekog::manifest::check(manifest).unwrap();
    let text = std::fs::read_to_string(manifest).unwrap();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_by_photo_lists_the_matches_with_their_similarity_and_changes_nothing() {
    let p = people().await;
    let home = p.home.path();
    let photo = p.alice_photo.to_str().unwrap();
    let before = ids(&p.client, "lobby").await;
    let out = rekog(
        &p.handle,
        home,
        &["erase", "lobby", "--image", photo, "--dry-run"],
        &[],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stdout.contains("SIMILARITY"), "{stdout}");
    for id in [&p.alice_lobby, &p.alice_lobby_again] {
        let row = stdout.lines().find(|l| l.starts_with(id.as_str()));
        let row = row.unwrap_or_else(|| panic!("{id} not listed: {stdout}"));
        let similarity: f32 = row.split_whitespace().last().unwrap().parse().unwrap();
        assert!((90.0..=100.0).contains(&similarity), "{row}");
    }
    assert!(!stdout.contains(&p.bob), "{stdout}");
    assert!(
        stdout.contains("Total: 2 faces to erase, 0 users to delete"),
        "{stdout}"
    );
    assert!(text(&out.stderr).contains("dry run; nothing was erased"));
    assert_eq!(ids(&p.client, "lobby").await, before);
    assert!(files(&home.join("data")).is_empty());
    assert!(trail(home).is_empty());
    p.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn like_erases_the_face_and_its_matches_and_records_what_found_them() {
    let p = people().await;
    let home = p.home.path();
    let args = [
        "erase",
        "lobby",
        "--like",
        &p.alice_lobby,
        "--confirm",
        "lobby",
    ];
    let out = rekog(&p.handle, home, &args, &[]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(ids(&p.client, "lobby").await, [p.bob.as_str()]);
    assert_eq!(
        ids(&p.client, "archive").await.len(),
        2,
        "other collections untouched"
    );
    assert!(stdout.contains("none remain"), "{stdout}");

    let lines = manifest(home);
    let first = &lines[0];
    let search = first["search"].as_str().unwrap();
    assert_eq!(
        search,
        format!(
            "faces like FaceId {} at similarity 90 or more",
            p.alice_lobby
        )
    );
    assert_eq!(first["likeness"]["FaceId"], p.alice_lobby.as_str());
    assert_eq!(first["likeness"]["FaceMatchThreshold"], 90.0);
    let faces: Vec<&Value> = lines.iter().filter(|l| l["kind"] == "face").collect();
    assert_eq!(faces.len(), 2, "{lines:?}");
    for face in &faces {
        let similarity = face["Similarity"].as_f64().unwrap();
        if face["FaceId"] == p.alice_lobby.as_str() {
            assert_eq!(similarity, 100.0);
        } else {
            assert_eq!(face["FaceId"], p.alice_lobby_again.as_str());
            assert!((90.0..100.0).contains(&similarity), "{face}");
        }
        // Names are kept as HMACs, as for the other searches.
        let external = face["ExternalImageId"].as_str().unwrap();
        assert!(
            !external.contains("alice") && !external.contains("badge"),
            "{face}"
        );
    }
    let records = trail(home);
    assert_eq!(records.len(), 2, "{records:?}");
    assert_eq!(records[0]["face_count"], 2);
    assert_eq!(records[1]["remaining"], 0, "{}", records[1]);
    p.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_erases_its_matches_off_their_user_and_is_searched_with_again() {
    let p = people().await;
    let home = p.home.path();
    let photo = p.alice_photo.to_str().unwrap();
    let args = ["erase", "archive", "--image", photo, "--confirm", "archive"];
    let out = rekog(&p.handle, home, &args, &[]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(ids(&p.client, "archive").await, [p.carol.as_str()]);
    assert_eq!(
        ids(&p.client, "lobby").await,
        sorted(&[&p.alice_lobby, &p.alice_lobby_again, &p.bob])
    );
    assert!(
        stdout.contains("faces like the photo with SHA-256"),
        "{stdout}"
    );
    assert!(stdout.contains("none remain"), "{stdout}");
    let digest = Sha256::digest(std::fs::read(photo).unwrap());
    let sha: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let lines = manifest(home);
    assert_eq!(lines[0]["likeness"]["ImageSha256"], sha.as_str());
    let face = lines.iter().find(|l| l["kind"] == "face").unwrap();
    assert_eq!(face["FaceId"], p.alice_archive.as_str());
    assert!(face["Similarity"].as_f64().unwrap() >= 90.0);
    let records = trail(home);
    assert_eq!(records[1]["remaining"], 0, "{}", records[1]);
    let looked = records[1].to_string();
    assert!(looked.contains("faces like the photo"), "{looked}");
    p.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_likeness_input_is_refused_and_nothing_is_erased() {
    let p = people().await;
    let home = p.home.path();
    let photo = p.alice_photo.to_str().unwrap();
    let flat = home.join("wall.png");
    let wall = image::RgbImage::from_pixel(100, 100, image::Rgb([90, 90, 90]));
    std::fs::write(&flat, png(&wall)).unwrap();
    let unknown = "00000000-0000-4000-8000-000000000000";
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["--user", "alice", "--threshold", "80"],
            "--threshold goes with".into(),
        ),
        (
            vec!["--image", photo, "--threshold", "150"],
            "from 0 to 100".into(),
        ),
        (
            vec!["--like", "nobody"],
            "--face-id".replace("face-id", "like"),
        ),
        (
            vec!["--like", &p.alice_lobby, "--image", photo],
            "cannot be used".into(),
        ),
        (
            vec!["--image", flat.to_str().unwrap()],
            format!("no face was found in {}", flat.display()),
        ),
        (
            vec!["--like", unknown],
            format!("no face {unknown} in lobby"),
        ),
    ];
    for (args, said) in cases {
        let mut all = vec!["erase", "lobby", "--confirm", "lobby"];
        all.extend(&args);
        let out = rekog(&p.handle, home, &all, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(
            text(&out.stderr).contains(&said),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    assert_eq!(ids(&p.client, "lobby").await.len(), 3);
    assert!(files(&home.join("data")).is_empty());
    assert!(trail(home).is_empty());
    p.handle.shutdown().await;
}
