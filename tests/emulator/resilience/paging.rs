//! Pagination under pressure: listing collections, faces and users page by page while
//! others create and delete, and pagination tokens that were tampered with, belong to
//! another listing or have gone stale.

use std::collections::HashSet;

use aws_sdk_rekognition::Client;

use crate::support::{all_faces, client, code, failure, start_seeded};

fn many_collections(n: usize) -> String {
    let list: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id":"cam-{i:05}"}}"#))
        .collect();
    format!(
        r#"{{"collections":[{}, {{"id":"big","faces":5000,"users":40}}]}}"#,
        list.join(",")
    )
}

async fn all_collection_pages(rk: &Client, page: i32) -> Vec<String> {
    let mut ids = Vec::new();
    let mut token = None;
    loop {
        let out = rk
            .list_collections()
            .max_results(page)
            .set_next_token(token)
            .send()
            .await
            .unwrap();
        assert!(out.collection_ids().len() <= page as usize);
        assert_eq!(out.collection_ids().len(), out.face_model_versions().len());
        ids.extend(out.collection_ids().iter().cloned());
        token = out.next_token().map(str::to_owned);
        if let Some(t) = &token {
            assert!(t.len() <= 255);
        }
        if token.is_none() {
            return ids;
        }
        tokio::task::yield_now().await;
    }
}

#[tokio::test]
async fn paging_collections_while_others_create_and_delete() {
    let (handle, rk) = start_seeded(&many_collections(3000)).await;
    let writer = client(&handle, "us-east-1");
    let churn = tokio::spawn(async move {
        for i in 0..300 {
            let id = format!("new-{i}");
            writer
                .create_collection()
                .collection_id(&id)
                .send()
                .await
                .unwrap();
            if i % 2 == 0 {
                writer
                    .delete_collection()
                    .collection_id(&id)
                    .send()
                    .await
                    .unwrap();
            }
            // The odd cam-NNNNN collections below 600 go away while the reader pages.
            let gone = format!("cam-{:05}", i * 2 + 1);
            writer
                .delete_collection()
                .collection_id(&gone)
                .send()
                .await
                .unwrap();
        }
    });
    let seen = all_collection_pages(&rk, 100).await;
    churn.await.unwrap();
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "an id came back twice");
    for i in 0..3000 {
        let id = format!("cam-{i:05}");
        let survived = i % 2 == 0 || i >= 600;
        if survived {
            assert!(
                unique.contains(&id),
                "{id} existed throughout but was skipped"
            );
        }
    }
    assert!(unique.contains(&"big".to_owned()));
    handle.shutdown().await;
}

#[tokio::test]
async fn paging_faces_and_users_while_faces_are_deleted() {
    let (handle, rk) = start_seeded(&many_collections(1)).await;
    let all: Vec<_> = all_faces(&rk, "big", 4096)
        .await
        .iter()
        .map(|f| (f.face_id().unwrap().to_owned(), f.user_id().is_some()))
        .collect();
    assert_eq!(all.len(), 5000);
    let doomed: Vec<String> = all
        .iter()
        .filter(|(_, owned)| !owned)
        .map(|(id, _)| id.clone())
        .step_by(3)
        .collect();
    let writer = client(&handle, "us-east-1");
    let to_delete = doomed.clone();
    let churn = tokio::spawn(async move {
        for chunk in to_delete.chunks(20) {
            let out = writer
                .delete_faces()
                .collection_id("big")
                .set_face_ids(Some(chunk.to_vec()))
                .send()
                .await
                .unwrap();
            assert_eq!(out.deleted_faces().len(), chunk.len());
        }
    });
    let seen: Vec<String> = all_faces(&rk, "big", 97)
        .await
        .iter()
        .map(|f| f.face_id().unwrap().to_owned())
        .collect();
    churn.await.unwrap();
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "a face came back twice");
    let doomed: HashSet<&String> = doomed.iter().collect();
    for (id, _) in &all {
        assert!(
            doomed.contains(id) || unique.contains(id),
            "{id} was skipped"
        );
    }
    let d = rk
        .describe_collection()
        .collection_id("big")
        .send()
        .await
        .unwrap();
    assert_eq!(d.face_count(), Some(5000 - doomed.len() as i64));

    let mut users = Vec::new();
    let mut token = None;
    loop {
        let out = rk
            .list_users()
            .collection_id("big")
            .max_results(7)
            .set_next_token(token)
            .send()
            .await
            .unwrap();
        users.extend(out.users().iter().map(|u| u.user_id().unwrap().to_owned()));
        token = out.next_token().map(str::to_owned);
        if token.is_none() {
            break;
        }
    }
    assert_eq!(users.len(), 40);
    handle.shutdown().await;
}

#[tokio::test]
async fn tampered_foreign_and_stale_tokens_are_refused() {
    let (handle, rk) = start_seeded(&many_collections(10)).await;
    let page = rk.list_collections().max_results(3).send().await.unwrap();
    let token = page.next_token().unwrap().to_owned();
    let mut tampered = token.clone().into_bytes();
    let at = tampered.iter().position(|b| b.is_ascii_digit()).unwrap();
    tampered[at] = if tampered[at] == b'9' {
        b'1'
    } else {
        tampered[at] + 1
    };
    let tampered = String::from_utf8(tampered).unwrap();
    let err = rk
        .list_collections()
        .next_token(&tampered)
        .send()
        .await
        .unwrap_err();
    let (code_name, status, message) = failure(&err);
    assert_eq!(
        (code_name.as_str(), status),
        ("InvalidPaginationTokenException", 400)
    );
    assert!(message.contains("altered"), "{message}");
    let err = rk.list_collections().next_token("garbage").send().await;
    assert_eq!(code(err), "InvalidPaginationTokenException");

    // Foreign: another region, another operation.
    let west = client(&handle, "eu-west-1");
    let err = west.list_collections().next_token(&token).send().await;
    assert_eq!(code(err), "InvalidPaginationTokenException");
    let err = rk
        .list_faces()
        .collection_id("big")
        .next_token(&token)
        .send()
        .await;
    assert_eq!(code(err), "InvalidPaginationTokenException");

    // Stale: the collection was deleted and created again.
    rk.create_collection()
        .collection_id("again")
        .send()
        .await
        .unwrap();
    rk.create_user()
        .collection_id("again")
        .user_id("a")
        .send()
        .await
        .unwrap();
    rk.create_user()
        .collection_id("again")
        .user_id("b")
        .send()
        .await
        .unwrap();
    let users = rk
        .list_users()
        .collection_id("again")
        .max_results(1)
        .send()
        .await
        .unwrap();
    let user_token = users.next_token().unwrap().to_owned();
    rk.delete_collection()
        .collection_id("again")
        .send()
        .await
        .unwrap();
    rk.create_collection()
        .collection_id("again")
        .send()
        .await
        .unwrap();
    let err = rk
        .list_users()
        .collection_id("again")
        .max_results(1)
        .next_token(&user_token)
        .send()
        .await
        .unwrap_err();
    let (code_name, _, message) = failure(&err);
    assert_eq!(code_name, "InvalidPaginationTokenException");
    assert!(message.contains("deleted and created again"), "{message}");

    // A different server (another secret) does not accept this one's tokens.
    let (other, rk2) = start_seeded(&many_collections(10)).await;
    let err = rk2.list_collections().next_token(&token).send().await;
    assert_eq!(code(err), "InvalidPaginationTokenException");
    other.shutdown().await;
    handle.shutdown().await;
}
