//! A database file across restarts, clear errors for bad seeds and databases, and the demo
//! seed.

use rekog::emulator::{Seed, ServeConfig, ServeError, serve};

use crate::support::start;

#[tokio::test]
async fn a_database_file_survives_restarts_and_keeps_tokens_valid() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rekog.db");
    let config = || ServeConfig {
        db: Some(db.clone()),
        ..ServeConfig::default()
    };
    let seed = Seed::parse(
        "seed",
        r#"{"collections":[{"id":"kept","faces":50,"users":2}]}"#,
    )
    .unwrap();
    let (handle, rk) = start(ServeConfig {
        seed: Some(seed.clone()),
        ..config()
    })
    .await;
    rk.create_collection()
        .collection_id("made-live")
        .tags("a", "b")
        .send()
        .await
        .unwrap();
    let page = rk
        .list_faces()
        .collection_id("kept")
        .max_results(20)
        .send()
        .await
        .unwrap();
    let token = page.next_token().unwrap().to_owned();
    handle.shutdown().await;

    let (handle, rk) = start(config()).await;
    let listed = rk.list_collections().send().await.unwrap();
    assert_eq!(listed.collection_ids(), ["kept", "made-live"]);
    let d = rk
        .describe_collection()
        .collection_id("kept")
        .send()
        .await
        .unwrap();
    assert_eq!((d.face_count(), d.user_count()), (Some(50), Some(2)));
    let next = rk
        .list_faces()
        .collection_id("kept")
        .max_results(20)
        .next_token(&token)
        .send()
        .await
        .unwrap();
    let everything = rk.list_faces().collection_id("kept").send().await.unwrap();
    assert_eq!(
        next.faces(),
        &everything.faces()[20..40],
        "the page after the first 20"
    );
    handle.shutdown().await;

    // Seeding an id that already exists is refused, naming it, and changes nothing.
    let err = serve(ServeConfig {
        seed: Some(seed),
        ..config()
    })
    .await
    .err()
    .expect("seeding an existing id fails");
    assert!(matches!(err, ServeError::Seed(_)));
    let message = err.to_string();
    assert!(
        message.contains("kept") && message.contains("already exists"),
        "{message}"
    );
}

#[tokio::test]
async fn bad_seeds_and_databases_get_clear_errors() {
    let cases = [
        ("{", "line 1"),
        (
            r#"{"collections":[{"region":"us-east-1"}]}"#,
            "missing field `id`",
        ),
        (
            r#"{"collections":[{"id":"a","face":3}]}"#,
            "unknown field `face`",
        ),
        (r#"{"collections":[{"id":"a b"}]}"#, "collectionId"),
        (
            r#"{"collections":[{"id":"a"},{"id":"a"}]}"#,
            "appears twice",
        ),
        (
            r#"{"collections":[{"id":"a","faces":-1}]}"#,
            "invalid value",
        ),
        (
            r#"{"collections":[{"id":"a","faces":30000000}]}"#,
            "over the limit",
        ),
        (
            r#"{"collections":[{"id":"a","created":"yesterday"}]}"#,
            "RFC 3339",
        ),
        (
            r#"{"collections":[{"id":"a","region":"US East"}]}"#,
            "region",
        ),
    ];
    for (json, expected) in cases {
        let err = Seed::parse("demo.json", json).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("demo.json") && text.contains(expected),
            "{json}: {text}"
        );
    }
    let err = Seed::load(std::path::Path::new("/nonexistent/seed.json")).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/seed.json"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    let not_db = dir.path().join("notes.txt");
    std::fs::write(
        &not_db,
        "this is not a database, just some text that is long enough",
    )
    .unwrap();
    let err = serve(ServeConfig {
        db: Some(not_db.clone()),
        ..ServeConfig::default()
    })
    .await
    .err()
    .expect("a text file is not a database");
    assert!(err.to_string().contains("notes.txt"), "{err}");

    let remote = serve(ServeConfig {
        addr: "0.0.0.0:0".parse().unwrap(),
        ..ServeConfig::default()
    })
    .await
    .err()
    .expect("non-loopback refused");
    assert!(remote.to_string().contains("--allow-remote"), "{remote}");
}

#[test]
fn the_demo_seed_is_a_believable_account() {
    let seed = Seed::parse("demo", rekog::emulator::DEMO_SEED).unwrap();
    // Its own 35 and a few in each of the organization's two other accounts.
    assert!(
        (25..=45).contains(&seed.collection_count()),
        "{}",
        seed.collection_count()
    );
    assert!(seed.face_count() >= 250_000);
}
