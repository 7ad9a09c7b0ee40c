//! `s`, `+`/`-` and `image:` in the detail view on the real run loop against the
//! in-process emulator, whose seed gives the faces of a few synthetic people: what the
//! screen lists is checked against what the SDK's SearchFaces, SearchFacesByImage and
//! SearchUsers answer, and an erasure of the results against the collection and its
//! manifest.

use std::collections::BTreeSet;

use aws_sdk_rekognition::primitives::Blob;
use aws_sdk_rekognition::types::Image;
use ratatui::crossterm::event::KeyCode;
use rekog::emulator::{Seed, ServeConfig};

use crate::headless_app::{self, App};
use crate::portraits::{png, portrait, retouched};
use crate::search::{faces, open, search};

/// 24 faces of 3 people; every third face is a user's, and user-000001 and user-000004 are
/// the same person. The other faces (no user, each under its own ExternalImageId or
/// sharing one with a neighbour) are one of the three at random.
const SEED: &str = r#"{"collections":[{"id":"crowd","faces":24,"users":4,"people":3}]}"#;

async fn start() -> App {
    let seed = Seed::parse("likeness seed", SEED).expect("seed parses");
    let config = ServeConfig {
        seed: Some(seed),
        ..ServeConfig::default()
    };
    let app = headless_app::start(config, false).await;
    app.wait_for("crowd").await;
    app
}

/// The faces SearchFaces finds like `face` at `threshold` or more, through the SDK.
async fn like(app: &App, face: &str, threshold: f32) -> BTreeSet<String> {
    let out = app
        .client
        .search_faces()
        .collection_id("crowd")
        .face_id(face)
        .face_match_threshold(threshold)
        .max_faces(4096)
        .send()
        .await
        .expect("SearchFaces");
    (out.face_matches.unwrap_or_default().into_iter())
        .filter_map(|m| m.face?.face_id)
        .collect()
}

/// Every FaceId of `all` the screen shows.
fn shown(screen: &str, all: &[(String, String, Option<String>)]) -> BTreeSet<String> {
    (all.iter())
        .filter(|f| screen.contains(f.0.as_str()))
        .map(|f| f.0.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s_lists_the_persons_faces_and_an_erasure_of_them_records_the_search() {
    let app = start().await;
    let all = faces(&app, "crowd").await;
    assert_eq!(all.len(), 24);
    // The first face is user-000001's: the first listed, and selected on opening.
    let (first, ..) = &all[0];
    assert_eq!(all[0].2.as_deref(), Some("user-000001"));
    let mut alike = like(&app, first, 90.0).await;
    alike.insert(first.clone());
    // The point of `s`: faces of the person under other ExternalImageIds, with no user.
    let strays: Vec<_> = (all.iter())
        .filter(|f| alike.contains(&f.0) && f.2.is_none() && f.1 != all[0].1)
        .collect();
    assert!(
        !strays.is_empty(),
        "the seed gives person 0 faces without a user"
    );
    assert!(alike.len() < all.len(), "and other people's faces too");

    open(&app, "crowd").await;
    app.wait_for("Faces (24)").await;
    app.key(KeyCode::Char('s'));
    let n = alike.len();
    let screen = app
        .wait_for(&format!("Similar: {n} faces at similarity 90 or more"))
        .await;
    assert!(screen.contains(&format!("like FaceId {first}")), "{screen}");
    assert!(screen.contains("Similarity"), "{screen}");
    assert_eq!(shown(&screen, &all), alike, "{screen}");
    // The searched face first, at 100, then the others most similar first.
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains(" img-")).collect();
    assert!(rows[0].contains(first.as_str()), "{screen}");
    assert!(rows[0].contains("100.000"), "{screen}");
    let scores: Vec<f32> = (rows.iter())
        .filter_map(|l| {
            let l = l.trim_matches('│');
            l.split_whitespace().next_back()?.parse().ok()
        })
        .collect();
    assert_eq!(scores.len(), n, "{screen}");
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    // `-` then `+` search again, 5 lower and 5 higher; the footer offers them.
    assert!(screen.contains("+/- threshold"), "{screen}");
    app.key(KeyCode::Char('-'));
    let lower = like(&app, first, 85.0).await.len() + 1;
    app.wait_for(&format!("Similar: {lower} faces at similarity 85 or more"))
        .await;
    app.key(KeyCode::Char('+'));
    app.key(KeyCode::Char('+'));
    let higher = like(&app, first, 95.0).await.len() + 1;
    app.wait_for("at similarity 95 or more").await;
    app.wait_for(&format!("Similar: {higher} face")).await;
    app.key(KeyCode::Char('-'));
    app.wait_for(&format!("Similar: {n} faces at similarity 90 or more"))
        .await;

    // `A` marks them all, `E` erases them, as for any other search.
    app.key(KeyCode::Char('A'));
    app.wait_for(&format!("{n} faces marked")).await;
    app.key(KeyCode::Char('E'));
    app.wait_for("This cannot be undone").await;
    app.type_text("crowd");
    app.wait_for("✓ matches: Enter erases").await;
    app.key(KeyCode::Enter);
    let screen = app.wait_for("Erased.").await;
    assert!(screen.contains("All named are gone"), "{screen}");
    // The dialog says how to get the erasure's receipt, and that receipt tells the search.
    let receipt_id = (screen.lines())
        .find_map(|l| l.split("rekog audit --receipt ").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .map(|id| id.trim_end_matches('│').to_owned())
        .expect("the receipt's command on the dialog");
    let receipt = rekog::audit::receipt::receipt(&app.audit, &receipt_id).expect("a receipt");
    assert_eq!(receipt.kind, "erasure");
    assert_eq!(receipt.what.faces, Some(n as u64));
    assert!(
        (receipt.what.search.as_deref()).is_some_and(|s| s.contains("faces like FaceId")),
        "{:?}",
        receipt.what.search
    );
    app.key(KeyCode::Enter);

    let left = faces(&app, "crowd").await;
    assert_eq!(left.len(), 24 - n);
    assert!(left.iter().all(|f| !alike.contains(&f.0)));

    // The manifest says what found them: the FaceId, the threshold, each similarity.
    let manifest = crate::erase::files(&app.manifests)
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with("Z-erasure.jsonl"))
        .expect("an erasure manifest");
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    let lines: Vec<serde_json::Value> = (text.lines())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let head = &lines[0];
    let search = head["search"].as_str().expect("search");
    assert!(
        search.starts_with(&format!(
            "faces like FaceId {first} at similarity 90 or more"
        )),
        "{head}"
    );
    assert_eq!(head["likeness"]["FaceId"], first.as_str(), "{head}");
    assert_eq!(head["likeness"]["FaceMatchThreshold"], 90.0, "{head}");
    let similar: Vec<f64> = (lines.iter())
        .filter(|l| l["FaceId"].is_string())
        .map(|l| l["Similarity"].as_f64().expect("each face's similarity"))
        .collect();
    assert_eq!(similar.len(), n, "{text}");
    assert!(similar.iter().all(|s| *s >= 90.0), "{similar:?}");
    app.key(KeyCode::Esc);
    app.key(KeyCode::Esc);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn image_searches_by_a_photo_and_refuses_a_bad_file_before_any_call() {
    let app = start().await;
    // One visitor photographed twice (the second time resized, brighter, re-encoded) and
    // someone else once.
    let visitor = portrait(21, 192, 240);
    let other = portrait(22, 192, 240);
    let shots = [
        ("visitor-a.png", png(&visitor)),
        ("visitor-b.jpg", retouched(&visitor, 0.8, 12)),
        ("other.png", png(&other)),
    ];
    let mut ids = Vec::new();
    for (name, bytes) in &shots {
        let out = app
            .client
            .index_faces()
            .collection_id("crowd")
            .external_image_id(*name)
            .image(Image::builder().bytes(Blob::new(bytes.clone())).build())
            .send()
            .await
            .expect("IndexFaces");
        let face = out.face_records.unwrap_or_default().remove(0).face;
        ids.push(face.and_then(|f| f.face_id).expect("a FaceId"));
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let photo = dir.path().join("request.png");
    std::fs::write(&photo, png(&visitor)).expect("photo");

    open(&app, "crowd").await;
    app.wait_for("Faces (27)").await;
    search(&app, &format!("image:{}", photo.display()));
    let screen = app
        .wait_for("Similar: 2 faces at similarity 90 or more")
        .await;
    assert!(
        screen.contains(&ids[0]) && screen.contains(&ids[1]),
        "{screen}"
    );
    assert!(!screen.contains(&ids[2]), "someone else: {screen}");
    assert!(screen.contains("like image:"), "{screen}");
    app.wait_for("SearchFacesByImage crowd").await;
    app.key(KeyCode::Esc);
    app.wait_for("Faces (27)").await;

    // A missing file, a directory, a file that is no photo: said in words, no call made.
    let missing = dir.path().join("none.png");
    search(&app, &format!("image:{}", missing.display()));
    let screen = app
        .wait_for(&format!("image:{}: no such file", missing.display()))
        .await;
    let logged = screen
        .lines()
        .find(|l| l.contains("nothing sent"))
        .unwrap_or_else(|| panic!("the log says nothing was sent: {screen}"));
    assert!(!logged.contains("SearchFacesByImage"), "{logged}");
    app.key(KeyCode::Esc);
    search(&app, &format!("image:{}", dir.path().display()));
    app.wait_for("is a directory, not a photo").await;
    app.key(KeyCode::Esc);
    let text = dir.path().join("notes.png");
    std::fs::write(&text, "not a photo").expect("file");
    search(&app, &format!("image:{}", text.display()));
    app.wait_for("is neither a JPEG nor a PNG").await;
    app.key(KeyCode::Esc);
    app.wait_for("Faces (27)").await;
    app.key(KeyCode::Esc);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s_in_the_users_pane_lists_the_users_like_the_selected_one() {
    let app = start().await;
    let expected = app
        .client
        .search_users()
        .collection_id("crowd")
        .user_id("user-000001")
        .user_match_threshold(90.0)
        .send()
        .await
        .expect("SearchUsers");
    let expected: Vec<String> = (expected.user_matches.unwrap_or_default().into_iter())
        .filter_map(|m| m.user?.user_id)
        .collect();
    assert_eq!(expected, ["user-000004"], "the seed's same person");

    open(&app, "crowd").await;
    app.wait_for("Faces (24)").await;
    app.key(KeyCode::Char('u'));
    app.wait_for("Users (4)").await;
    app.key(KeyCode::Char('s'));
    let screen = app
        .wait_for("Similar: 1 user at similarity 90 or more")
        .await;
    assert!(screen.contains("like user user-000001"), "{screen}");
    // The pane, below the facts (whose Users line names every user).
    let pane = &screen[screen.find("Similar:").expect("title")..];
    let pane = &pane[..pane.find("┌ Log").expect("log")];
    assert!(pane.contains("user-000004"), "{screen}");
    for other in ["user-000002", "user-000003"] {
        assert!(!pane.contains(other), "{other}: {screen}");
    }
    // `-` searches again 5 lower, with the footer saying so.
    assert!(screen.contains("+/- threshold"), "{screen}");
    app.key(KeyCode::Char('-'));
    app.wait_for("at similarity 85 or more · like user user-000001")
        .await;
    app.wait_for("SearchUsers crowd").await;
    // Esc: every user again.
    app.key(KeyCode::Esc);
    app.wait_for("Users (4)").await;
    app.key(KeyCode::Esc);
    app.quit().await;
}
