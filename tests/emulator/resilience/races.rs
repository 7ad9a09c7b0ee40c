//! Concurrent creates and deletes of the same collections: each has exactly one winner;
//! and deletes racing describes and face listings while the faces are still being seeded.

use std::time::Duration;

use aws_sdk_rekognition::error::{ProvideErrorMetadata, SdkError};
use rekog::emulator::ServeConfig;

use crate::support::{client, failure, start, start_seeded};

/// A call's success, or its error code.
fn outcome<T, E>(result: Result<T, SdkError<E>>) -> Result<(), String>
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    result.map(|_| ()).map_err(|e| failure(&e).0)
}

// Two workers: calls about collections run on the handlers' threads, beside the store
// thread, so the race is between threads and not only between tasks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn racing_creates_and_deletes_have_exactly_one_winner() {
    let (handle, _) = start(ServeConfig::default()).await;
    let ids: Vec<String> = (0..20).map(|i| format!("race-{i}")).collect();
    let race = |op: &'static str| {
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let rk = client(&handle, "us-east-1");
                let ids = ids.clone();
                tokio::spawn(async move {
                    let mut outcomes = Vec::new();
                    for id in ids {
                        let result = if op == "create" {
                            outcome(rk.create_collection().collection_id(&id).send().await)
                        } else {
                            outcome(rk.delete_collection().collection_id(&id).send().await)
                        };
                        outcomes.push((id, result));
                    }
                    outcomes
                })
            })
            .collect();
        async move {
            let mut all = Vec::new();
            for t in tasks {
                all.extend(t.await.unwrap());
            }
            all
        }
    };
    let outcomes = race("create").await;
    for id in &ids {
        let mine: Vec<_> = outcomes.iter().filter(|(i, _)| i == id).collect();
        let wins = mine.iter().filter(|(_, r)| r.is_ok()).count();
        assert_eq!(wins, 1, "{id}");
        assert!(
            mine.iter()
                .filter_map(|(_, r)| r.as_ref().err())
                .all(|c| c == "ResourceAlreadyExistsException")
        );
    }
    let rk = client(&handle, "us-east-1");
    let listed = rk.list_collections().send().await.unwrap();
    assert_eq!(listed.collection_ids().len(), 20, "no lost or phantom rows");
    let outcomes = race("delete").await;
    for id in &ids {
        let wins = outcomes
            .iter()
            .filter(|(i, r)| i == id && r.is_ok())
            .count();
        assert_eq!(wins, 1, "{id}");
    }
    assert!(
        outcomes
            .iter()
            .filter_map(|(_, r)| r.as_ref().err())
            .all(|c| c == "ResourceNotFoundException")
    );
    let listed = rk.list_collections().send().await.unwrap();
    assert!(listed.collection_ids().is_empty());
    handle.shutdown().await;
}

/// Deletes, describes and face listings of the same collections at once, while their
/// seeded faces are still being written (listings wait for them on the store thread;
/// deletes and describes run on the handlers'): one delete wins each, every other call
/// answers with its result or ResourceNotFoundException, and none hangs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deletes_race_describes_and_face_listings_while_the_faces_are_seeded() {
    let ids: Vec<String> = (0..10).map(|i| format!("busy-{i}")).collect();
    let rows: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"id":"{id}","faces":2000}}"#))
        .collect();
    let (handle, _) = start_seeded(&format!(r#"{{"collections":[{}]}}"#, rows.join(","))).await;
    let mut tasks = tokio::task::JoinSet::new();
    for id in &ids {
        for n in 0..12 {
            let (rk, id) = (client(&handle, "us-east-1"), id.clone());
            tasks.spawn(async move {
                let result = match n % 3 {
                    0 => outcome(rk.delete_collection().collection_id(&id).send().await),
                    1 => outcome(rk.describe_collection().collection_id(&id).send().await),
                    _ => outcome(
                        rk.list_faces()
                            .collection_id(&id)
                            .max_results(100)
                            .send()
                            .await,
                    ),
                };
                (id, n % 3, result)
            });
        }
    }
    let outcomes = tokio::time::timeout(Duration::from_secs(60), tasks.join_all())
        .await
        .expect("every call answers");
    for id in &ids {
        let deleted = outcomes
            .iter()
            .filter(|(i, op, r)| i == id && *op == 0 && r.is_ok())
            .count();
        assert_eq!(deleted, 1, "{id}");
    }
    let errors: Vec<&String> = outcomes
        .iter()
        .filter_map(|(_, _, r)| r.as_ref().err())
        .collect();
    assert!(
        errors.iter().all(|c| *c == "ResourceNotFoundException"),
        "{errors:?}"
    );
    let rk = client(&handle, "us-east-1");
    let listed = rk.list_collections().send().await.unwrap();
    assert!(listed.collection_ids().is_empty());
    handle.shutdown().await;
}
