//! `rekog search` as a process against the emulator: photos drawn by the test, indexed
//! under their own ExternalImageIds in two collections, some on a user; then who is found
//! where, as text and JSON, and the exit status of each outcome.

use std::path::{Path, PathBuf};

use aws_sdk_rekognition::Client;
use aws_sdk_rekognition::primitives::Blob;
use aws_sdk_rekognition::types::Image;
use rekog::emulator::{Handle, ServeConfig};
use serde_json::Value;

use crate::erase::{rekog, text};
use crate::portraits::{jpeg, png, portrait, retouched};
use crate::support::start;

/// Indexes `bytes` into `id` as `external`; the new face's id.
pub(crate) async fn index(client: &Client, id: &str, bytes: Vec<u8>, external: &str) -> String {
    let out = client
        .index_faces()
        .collection_id(id)
        .image(Image::builder().bytes(Blob::new(bytes)).build())
        .external_image_id(external)
        .send()
        .await
        .expect("IndexFaces");
    let face = out.face_records()[0].face().unwrap();
    face.face_id().unwrap().to_owned()
}

/// Alice in both collections (in `archive` on user `alice`), Bob and Carol once each.
#[allow(dead_code)]
pub(crate) struct People {
    pub handle: Handle,
    pub client: Client,
    /// Alice's photo as the requester sends it.
    pub alice_photo: PathBuf,
    pub alice_lobby: String,
    pub alice_lobby_again: String,
    pub alice_archive: String,
    pub bob: String,
    pub carol: String,
    pub home: tempfile::TempDir,
}

pub(crate) async fn people() -> People {
    let (handle, client) = start(ServeConfig::default()).await;
    for id in ["lobby", "archive", "empty"] {
        client
            .create_collection()
            .collection_id(id)
            .send()
            .await
            .unwrap();
    }
    let alice = portrait(1, 360, 480);
    let alice_lobby = index(&client, "lobby", png(&alice), "alice-1.png").await;
    let again = retouched(&alice, 0.8, 6);
    let alice_lobby_again = index(&client, "lobby", again, "badge-17.jpg").await;
    let bob = index(
        &client,
        "lobby",
        jpeg(&portrait(2, 360, 480), 90),
        "bob.jpg",
    )
    .await;
    let copy = retouched(&alice, 0.6, 12);
    let alice_archive = index(&client, "archive", copy, "scan-0001.jpg").await;
    let carol = index(
        &client,
        "archive",
        jpeg(&portrait(3, 360, 480), 90),
        "carol.jpg",
    )
    .await;
    client
        .create_user()
        .collection_id("archive")
        .user_id("alice")
        .send()
        .await
        .unwrap();
    client
        .associate_faces()
        .collection_id("archive")
        .user_id("alice")
        .face_ids(&alice_archive)
        .send()
        .await
        .unwrap();
    let home = tempfile::tempdir().unwrap();
    let alice_photo = home.path().join("alice.jpg");
    std::fs::write(&alice_photo, retouched(&alice, 0.7, 4)).unwrap();
    People {
        handle,
        client,
        alice_photo,
        alice_lobby,
        alice_lobby_again,
        alice_archive,
        bob,
        carol,
        home,
    }
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    text(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_finds_the_person_in_every_collection_and_no_one_else() {
    let p = people().await;
    let home = p.home.path();
    let photo = path(&p.alice_photo);
    let out = rekog(
        &p.handle,
        home,
        &["search", "--all-collections", "--image", photo],
        &[],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    for id in [&p.alice_lobby, &p.alice_lobby_again, &p.alice_archive] {
        assert!(stdout.contains(id.as_str()), "{id} missing: {stdout}");
    }
    for id in [&p.bob, &p.carol] {
        assert!(!stdout.contains(id.as_str()), "{id} listed: {stdout}");
    }
    assert!(
        stdout.contains("Collection lobby  region us-east-1: 2 faces"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Collection archive  region us-east-1: 1 face"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Total: 3 faces in 2 collections of 3 searched"),
        "{stdout}"
    );
    let row = stdout
        .lines()
        .find(|l| l.contains(&p.alice_archive))
        .unwrap();
    assert!(
        row.contains("scan-0001.jpg") && row.contains("alice"),
        "{row}"
    );
    assert!(text(&out.stderr).contains("collection 3 of 3"), "{out:?}");

    let out = rekog(
        &p.handle,
        home,
        &["search", "--all-collections", "--image", photo, "--json"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let found = lines(&out.stdout);
    assert_eq!(found.len(), 3, "{found:?}");
    let archive = found
        .iter()
        .find(|l| l["face_id"] == p.alice_archive.as_str())
        .unwrap();
    assert_eq!(archive["region"], "us-east-1");
    assert_eq!(archive["collection"], "archive");
    assert_eq!(archive["external_image_id"], "scan-0001.jpg");
    assert_eq!(archive["user_id"], "alice");
    assert!(archive["similarity"].as_f64().unwrap() >= 90.0, "{archive}");
    let lobby = found
        .iter()
        .find(|l| l["face_id"] == p.alice_lobby.as_str())
        .unwrap();
    assert_eq!(lobby["user_id"], Value::Null);
    p.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn found_nowhere_is_exit_1_and_each_flag_finds_its_faces() {
    let p = people().await;
    let home = p.home.path();
    let photo = path(&p.alice_photo);
    // Alice is not in `empty`: searched, found nowhere.
    let out = rekog(&p.handle, home, &["search", "empty", "--image", photo], &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(text(&out.stdout).contains("Total: 0 faces in 0 collections of 1 searched"));
    let out = rekog(
        &p.handle,
        home,
        &["search", "--all-collections", "--user", "nobody"],
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");

    // --face-id: the face itself, marked, and its likes in its collection.
    let out = rekog(
        &p.handle,
        home,
        &["search", "lobby", "--face-id", &p.alice_lobby, "--json"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let found = lines(&out.stdout);
    let ids: Vec<&str> = found
        .iter()
        .map(|l| l["face_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [p.alice_lobby.as_str(), p.alice_lobby_again.as_str()]);
    assert_eq!(found[0]["searched"], true);
    assert_eq!(found[0]["similarity"], 100.0);
    assert!(found[1]["similarity"].as_f64().unwrap() >= 90.0);
    // A FaceId the collection does not hold: searched, found nowhere.
    let out = rekog(
        &p.handle,
        home,
        &["search", "archive", "--face-id", &p.alice_lobby],
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let said = format!("no face {} in archive", p.alice_lobby);
    assert!(text(&out.stderr).contains(&said), "{out:?}");

    // A collection named with --all-regions is searched where it is, and missed nowhere.
    let args = [
        "search",
        "lobby",
        "--all-regions",
        "--image",
        photo,
        "--json",
    ];
    let out = rekog(&p.handle, home, &args, &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let found = lines(&out.stdout);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().all(|l| l["region"] == "us-east-1"),
        "{found:?}"
    );
    assert!(
        text(&out.stderr).contains("eu-west-1: no collection lobby"),
        "{out:?}"
    );

    // --user and --external-image-id: no similarity column.
    let out = rekog(
        &p.handle,
        home,
        &["search", "--all-collections", "--user", "alice"],
        &[],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        stdout.contains(&p.alice_archive) && !stdout.contains("SIMILARITY"),
        "{stdout}"
    );
    let out = rekog(
        &p.handle,
        home,
        &[
            "search",
            "--all-collections",
            "--external-image-id",
            "alice-*",
            "--json",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let found = lines(&out.stdout);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["face_id"], p.alice_lobby.as_str());
    assert_eq!(found[0]["similarity"], Value::Null);
    p.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_exit_2_before_any_call_and_a_photo_without_a_face_is_said() {
    let p = people().await;
    let home = p.home.path();
    let photo = path(&p.alice_photo);
    let dir = path(home);
    let gif = home.join("a.gif");
    std::fs::write(&gif, b"GIF89a not a photo").unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["lobby", "--image", photo, "--threshold", "101"],
            "from 0 to 100",
        ),
        (vec!["lobby", "--image", dir], "is a directory"),
        (
            vec!["lobby", "--user", "alice", "--threshold", "80"],
            "--threshold goes with",
        ),
        (
            vec!["lobby", "--image", "/nonexistent/a.jpg"],
            "no such file",
        ),
        (
            vec!["lobby", "--image", path(&gif)],
            "neither a JPEG nor a PNG",
        ),
        (vec!["lobby", "--face-id", "not-a-uuid"], "--face-id"),
        (
            vec!["--all-collections", "--face-id", &p.alice_lobby],
            "cannot be used",
        ),
        (vec!["--image", photo], "required"),
        (vec!["lobby"], "required"),
    ];
    for (args, said) in cases {
        let mut all = vec!["search"];
        all.extend(&args);
        let out = rekog(&p.handle, home, &all, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(
            text(&out.stderr).contains(said),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let flat = home.join("wall.png");
    let wall = image::RgbImage::from_pixel(100, 100, image::Rgb([90, 90, 90]));
    std::fs::write(&flat, png(&wall)).unwrap();
    let out = rekog(
        &p.handle,
        home,
        &["search", "lobby", "--image", path(&flat)],
        &[],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = format!("no face was found in {}", flat.display());
    assert!(text(&out.stderr).contains(&said), "{out:?}");
    p.handle.shutdown().await;
}

/// With --all-regions, an opt-in region the account has not enabled is skipped as the fleet
/// view and the inventory skip it, and what could not be searched is counted by what it is.
/// Before, both regions below were failures, counted as "2 collections".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_region_skips_one_not_enabled_and_counts_one_denied_as_a_region() {
    let seed = rekog::emulator::Seed::parse(
        "seed.json",
        r#"{"collections":[{"id":"people","faces":30,"users":3}]}"#,
    )
    .unwrap();
    let (handle, _client) = start(ServeConfig {
        seed: Some(seed),
        disabled_regions: vec!["eu-south-2".into()],
        deny: vec!["ListCollections@eu-west-2".into()],
        ..ServeConfig::default()
    })
    .await;
    let home = tempfile::tempdir().unwrap();
    let args = [
        "search",
        "--all-collections",
        "--all-regions",
        "--user",
        "user-000001",
    ];
    let out = rekog(&handle, home.path(), &args, &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(text(&out.stdout).contains("people"), "{out:?}");
    assert!(
        stderr.contains("rekog: eu-south-2: not enabled for this account; skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("rekog: eu-west-2: ListCollections:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("rekog: 1 region could not be searched"),
        "{stderr}"
    );
    assert!(!stderr.contains("collections could not"), "{stderr}");
}
