//! Seeding in memory serves at once: collections, their counts and tags are there from the
//! start, users and faces are written behind, and any request that reads or changes a
//! collection's users or faces sees all of them, the same records as a database file seeded
//! whole before serving.

use std::time::{Duration, Instant};

use aws_sdk_rekognition::Client;
use aws_sdk_rekognition::types::UnsuccessfulFaceDeletionReason;
use rekog::emulator::{DEMO_SEED, Handle, Seed, ServeConfig, serve};
use serde_json::Value;

use crate::support::{all_faces, client};

async fn seeded(json: &str, db: Option<std::path::PathBuf>) -> (Handle, Client) {
    let handle = serve(ServeConfig {
        seed: Some(Seed::parse("seed", json).unwrap()),
        db,
        ..ServeConfig::default()
    })
    .await
    .unwrap();
    let rk = client(&handle, "us-east-1");
    (handle, rk)
}

#[tokio::test]
async fn the_demo_seed_answers_at_once_with_its_counts_and_tags() {
    let t = Instant::now();
    let (handle, rk) = seeded(DEMO_SEED, None).await;
    let listed = rk.list_collections().send().await.unwrap();
    let d = rk
        .describe_collection()
        .collection_id("hq-badge-photos")
        .send()
        .await
        .unwrap();
    let first = t.elapsed();
    // Generous for a debug build on a busy machine; the benchmark has the real figure.
    assert!(first < Duration::from_secs(1), "{first:?}");
    assert_eq!(
        (d.face_count(), d.user_count()),
        (Some(250_000), Some(4_800))
    );
    assert_eq!(listed.collection_ids().len(), 17);

    let seed: Value = serde_json::from_str(DEMO_SEED).unwrap();
    for c in seed["collections"].as_array().unwrap() {
        let (id, region) = (c["id"].as_str().unwrap(), c["region"].as_str().unwrap());
        let rk = client(&handle, region);
        let d = rk
            .describe_collection()
            .collection_id(id)
            .send()
            .await
            .unwrap();
        let count = |key: &str| Some(c[key].as_i64().unwrap_or(0));
        assert_eq!(
            (d.face_count(), d.user_count()),
            (count("faces"), count("users"))
        );
        let tags = rk
            .list_tags_for_resource()
            .resource_arn(d.collection_arn().unwrap())
            .send()
            .await
            .unwrap();
        let want = c["tags"].as_object().map_or(0, |t| t.len());
        assert_eq!(tags.tags().map_or(0, |t| t.len()), want, "{id}");
    }
    handle.shutdown().await;
}

/// The instant `rekog --demo` is recorded at (scripts/record-demo, REKOG_CLOCK).
const DEMO_CLOCK: i64 = 1_750_066_200; // 2025-06-16T09:30:00Z

/// A fleet view and a region picker need several regions with something in each: every one
/// of the demo's regions has collections from days to years before the demo's clock.
#[tokio::test]
async fn the_demo_spans_three_regions_and_years() {
    let (handle, _) = seeded(DEMO_SEED, None).await;
    const DAY: i64 = 86_400;
    for region in ["us-east-1", "eu-west-1", "ap-southeast-2"] {
        let rk = client(&handle, region);
        let listed = rk.list_collections().send().await.unwrap();
        let ids = listed.collection_ids();
        assert!(ids.len() >= 5, "{region}: {ids:?}");
        let mut ages = Vec::new();
        for id in ids {
            let d = rk
                .describe_collection()
                .collection_id(id)
                .send()
                .await
                .unwrap();
            ages.push(DEMO_CLOCK - d.creation_timestamp().unwrap().secs());
        }
        let (newest, oldest) = (ages.iter().min().unwrap(), ages.iter().max().unwrap());
        assert!(
            (0..14 * DAY).contains(newest),
            "{region}: newest {newest} s old"
        );
        assert!(*oldest > 2 * 365 * DAY, "{region}: oldest {oldest} s old");
    }
    handle.shutdown().await;
}

/// Describes other collections until `done` finishes; the slowest answer and how many.
async fn describe_meanwhile<T>(
    rk: &Client,
    done: tokio::task::JoinHandle<T>,
) -> (T, Duration, usize) {
    let (mut slowest, mut answered) = (Duration::ZERO, 0);
    while !done.is_finished() {
        let t = Instant::now();
        rk.describe_collection()
            .collection_id("lobby-cam")
            .send()
            .await
            .unwrap();
        slowest = slowest.max(t.elapsed());
        answered += 1;
    }
    (done.await.unwrap(), slowest, answered)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_big_collection_read_mid_seeding_answers_whole() {
    let (handle, rk) = seeded(DEMO_SEED, None).await;
    let reader = rk.clone();
    let pages = tokio::spawn(async move {
        let first = reader
            .list_faces()
            .collection_id("hq-badge-photos")
            .max_results(4096)
            .send()
            .await
            .unwrap();
        let of_user = reader
            .list_faces()
            .collection_id("hq-badge-photos")
            .user_id("user-004800")
            .send()
            .await
            .unwrap();
        (first, of_user)
    });
    let ((first, of_user), slowest, answered) = describe_meanwhile(&rk, pages).await;
    assert!(answered > 0);
    assert!(
        slowest < Duration::from_secs(1),
        "a describe waited {slowest:?}"
    );
    assert_eq!(first.faces().len(), 4096);
    assert!(first.next_token().is_some());
    // Every third face has a user, round robin over 4800 users: the last user's faces are
    // spread over the whole collection, so all of them means all faces were there.
    assert_eq!(of_user.faces().len(), 17);

    // The same records as a database file seeded whole before serving.
    let dir = tempfile::tempdir().unwrap();
    let only = r#"{"collections":[{"id":"hq-badge-photos","faces":250000,"users":4800,
                                   "face_model_version":"6.0"}]}"#;
    let (eager, rk2) = seeded(only, Some(dir.path().join("eager.db"))).await;
    let same = rk2
        .list_faces()
        .collection_id("hq-badge-photos")
        .max_results(4096)
        .send()
        .await
        .unwrap();
    assert!(first.faces() == same.faces(), "the first pages differ");
    let same = rk2
        .list_faces()
        .collection_id("hq-badge-photos")
        .user_id("user-004800")
        .send()
        .await
        .unwrap();
    assert!(
        of_user.faces() == same.faces(),
        "the faces of user-004800 differ"
    );
    eager.shutdown().await;
    handle.shutdown().await;
}

const TWO: &str = r#"{"collections":[{"id":"a","faces":30000,"users":20},
                                     {"id":"b","faces":30000,"users":50}]}"#;

#[tokio::test]
async fn changes_mid_seeding_see_every_face_and_user() {
    let dir = tempfile::tempdir().unwrap();
    let (eager, reference) = seeded(TWO, Some(dir.path().join("eager.db"))).await;
    let expected = all_faces(&reference, "b", 4096).await;
    eager.shutdown().await;
    let unowned: Vec<String> = expected
        .iter()
        .filter(|f| f.user_id().is_none())
        .take(3)
        .map(|f| f.face_id().unwrap().to_owned())
        .collect();
    let owned = expected[0].face_id().unwrap().to_owned();

    let (handle, rk) = seeded(TWO, None).await;
    let mut doomed = unowned.clone();
    doomed.push(owned.clone());
    let out = rk
        .delete_faces()
        .collection_id("b")
        .set_face_ids(Some(doomed))
        .send()
        .await
        .unwrap();
    assert_eq!(out.deleted_faces(), unowned.as_slice());
    let refused = &out.unsuccessful_face_deletions()[0];
    assert_eq!(refused.face_id(), Some(owned.as_str()));
    assert_eq!(
        refused.reasons(),
        [UnsuccessfulFaceDeletionReason::AssociatedToAnExistingUser]
    );
    rk.delete_user()
        .collection_id("b")
        .user_id("user-000050")
        .send()
        .await
        .unwrap();
    rk.create_user()
        .collection_id("b")
        .user_id("user-000050")
        .send()
        .await
        .unwrap();
    let users = rk
        .list_users()
        .collection_id("b")
        .max_results(500)
        .send()
        .await
        .unwrap();
    assert_eq!(users.users().len(), 50);
    let d = rk
        .describe_collection()
        .collection_id("b")
        .send()
        .await
        .unwrap();
    assert_eq!((d.face_count(), d.user_count()), (Some(29_997), Some(50)));

    // Deleted before its rows were all written: none of them reach a new collection "a".
    rk.delete_collection()
        .collection_id("a")
        .send()
        .await
        .unwrap();
    rk.create_collection()
        .collection_id("a")
        .send()
        .await
        .unwrap();

    let now: Vec<_> = all_faces(&rk, "b", 4096).await;
    let want: Vec<_> = expected
        .into_iter()
        .filter(|f| !unowned.iter().any(|id| Some(id.as_str()) == f.face_id()))
        .map(|mut f| {
            // Deleting the user disassociated its faces.
            if f.user_id() == Some("user-000050") {
                f.user_id = None;
            }
            f
        })
        .collect();
    assert_eq!(now.len(), want.len());
    assert!(now == want, "the faces differ from the database file's");
    let a = rk.list_faces().collection_id("a").send().await.unwrap();
    assert!(a.faces().is_empty());
    let d = rk
        .describe_collection()
        .collection_id("a")
        .send()
        .await
        .unwrap();
    assert_eq!((d.face_count(), d.user_count()), (Some(0), Some(0)));
    handle.shutdown().await;
}
