//! Concurrent creates and deletes of the same collections: each has exactly one winner.

use rekog::emulator::ServeConfig;

use crate::support::{client, failure, start};

#[tokio::test]
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
                            rk.create_collection()
                                .collection_id(&id)
                                .send()
                                .await
                                .map(|_| ())
                                .map_err(|e| failure(&e).0)
                        } else {
                            rk.delete_collection()
                                .collection_id(&id)
                                .send()
                                .await
                                .map(|_| ())
                                .map_err(|e| failure(&e).0)
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
