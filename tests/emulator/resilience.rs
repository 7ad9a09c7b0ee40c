//! The emulator under pressure, through the real SDK: pagination while others mutate,
//! pagination tokens, races, injected faults, signatures, persistence and seeding errors.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use aws_sdk_rekognition::Client;
use aws_sdk_rekognition::config::interceptors::BeforeTransmitInterceptorContextMut;
use aws_sdk_rekognition::config::{ConfigBag, Intercept, RuntimeComponents};
use rekog::emulator::{Seed, ServeConfig, ServeError, serve};

use crate::support::{
    KEY, SECRET, all_faces, client, client_with, code, failure, start, start_seeded,
};

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

#[tokio::test]
async fn deny_answers_access_denied_for_those_operations_only() {
    let (handle, rk) = start(ServeConfig {
        deny: vec!["DeleteCollection".into(), "ListFaces".into()],
        ..ServeConfig::default()
    })
    .await;
    rk.create_collection()
        .collection_id("kept")
        .send()
        .await
        .unwrap();
    let err = rk
        .delete_collection()
        .collection_id("kept")
        .send()
        .await
        .unwrap_err();
    let (code_name, status, message) = failure(&err);
    assert_eq!((code_name.as_str(), status), ("AccessDeniedException", 400));
    assert!(
        message.contains("rekognition:DeleteCollection"),
        "{message}"
    );
    assert!(message.contains("collection/kept"), "{message}");
    assert_eq!(
        code(rk.list_faces().collection_id("kept").send().await),
        "AccessDeniedException"
    );
    rk.describe_collection()
        .collection_id("kept")
        .send()
        .await
        .unwrap();
    handle.shutdown().await;
}

async fn fault_outcomes(seed: u64) -> Vec<Option<(String, u16)>> {
    let (handle, rk) = start(ServeConfig {
        fault_rate: 0.5,
        fault_seed: seed,
        ..ServeConfig::default()
    })
    .await;
    let mut outcomes = Vec::new();
    for _ in 0..120 {
        let result = rk.list_collections().send().await;
        outcomes.push(result.err().map(|e| {
            let (code, status, _) = failure(&e);
            (code, status)
        }));
    }
    handle.shutdown().await;
    outcomes
}

#[tokio::test]
async fn fault_rate_is_deterministic_and_uses_the_modelled_errors() {
    let a = fault_outcomes(42).await;
    assert_eq!(a, fault_outcomes(42).await, "same seed, same faults");
    assert_ne!(a, fault_outcomes(43).await);
    let failed: Vec<_> = a.iter().flatten().collect();
    assert!(
        (35..=85).contains(&failed.len()),
        "{} of 120 failed",
        failed.len()
    );
    let kinds: HashSet<_> = failed.iter().map(|(c, s)| (c.as_str(), *s)).collect();
    let expected = HashSet::from([
        ("ThrottlingException", 500),
        ("ProvisionedThroughputExceededException", 400),
        ("InternalServerError", 500),
    ]);
    assert_eq!(kinds, expected);
}

#[tokio::test]
async fn latency_delays_answers_and_a_long_one_is_a_hang() {
    let (handle, rk) = start(ServeConfig {
        latency: Some((Duration::from_millis(60), Duration::from_millis(90))),
        ..ServeConfig::default()
    })
    .await;
    for _ in 0..3 {
        let t = Instant::now();
        rk.list_collections().send().await.unwrap();
        assert!(
            t.elapsed() >= Duration::from_millis(60),
            "{:?}",
            t.elapsed()
        );
    }
    handle.shutdown().await;

    let (handle, _) = start(ServeConfig {
        latency: Some((Duration::from_secs(3600), Duration::from_secs(3600))),
        ..ServeConfig::default()
    })
    .await;
    let config = rekog::emulator::sdk_config(&handle.endpoint(), "us-east-1", KEY, SECRET)
        .to_builder()
        .retry_config(aws_sdk_rekognition::config::retry::RetryConfig::disabled())
        .timeout_config(
            aws_sdk_rekognition::config::timeout::TimeoutConfig::builder()
                .operation_timeout(Duration::from_millis(300))
                .build(),
        )
        .build();
    let rk = Client::from_conf(config);
    let err = rk.list_collections().send().await.unwrap_err();
    assert!(
        matches!(err, aws_sdk_rekognition::error::SdkError::TimeoutError(_)),
        "{err:?}"
    );
    // Shutting down does not wait out the injected delay.
    let t = Instant::now();
    handle.shutdown().await;
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
}

/// Removes what botocore does not sign, so the SDK signs botocore's header set:
/// `content-type;host;x-amz-date;x-amz-target`.
#[derive(Debug, Default)]
struct BotocoreHeaders {
    signed: std::sync::Mutex<Vec<String>>,
}

impl Intercept for BotocoreHeaders {
    fn name(&self) -> &'static str {
        "BotocoreHeaders"
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), aws_sdk_rekognition::error::BoxError> {
        let headers = context.request_mut().headers_mut();
        headers.remove("x-amz-user-agent");
        headers.remove("content-length");
        headers.remove("amz-sdk-invocation-id");
        headers.remove("amz-sdk-request");
        Ok(())
    }

    fn read_before_transmit(
        &self,
        context: &aws_sdk_rekognition::config::interceptors::BeforeTransmitInterceptorContextRef<
            '_,
        >,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), aws_sdk_rekognition::error::BoxError> {
        let auth = context
            .request()
            .headers()
            .get("authorization")
            .unwrap_or_default();
        self.signed.lock().unwrap().push(auth.to_owned());
        Ok(())
    }
}

/// Lets the test read what the interceptor saw after handing it to the client.
#[derive(Debug)]
struct SharedHeaders(std::sync::Arc<BotocoreHeaders>);

impl Intercept for SharedHeaders {
    fn name(&self) -> &'static str {
        "SharedHeaders"
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), aws_sdk_rekognition::error::BoxError> {
        self.0.modify_before_signing(context, rc, cfg)
    }

    fn read_before_transmit(
        &self,
        context: &aws_sdk_rekognition::config::interceptors::BeforeTransmitInterceptorContextRef<
            '_,
        >,
        rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), aws_sdk_rekognition::error::BoxError> {
        self.0.read_before_transmit(context, rc, cfg)
    }
}

#[tokio::test]
async fn signatures_are_verified_with_credentials() {
    let (handle, rk) = start(ServeConfig {
        credentials: Some((KEY.into(), SECRET.into())),
        ..ServeConfig::default()
    })
    .await;
    rk.create_collection()
        .collection_id("signed")
        .send()
        .await
        .unwrap();

    let headers = std::sync::Arc::new(BotocoreHeaders::default());
    let botocore_like = Client::from_conf(
        rekog::emulator::sdk_config(&handle.endpoint(), "us-east-1", KEY, SECRET)
            .to_builder()
            .interceptor(aws_sdk_rekognition::config::SharedInterceptor::new(
                SharedHeaders(headers.clone()),
            ))
            .build(),
    );
    let out = botocore_like.list_collections().send().await.unwrap();
    assert_eq!(out.collection_ids(), ["signed"]);
    let auth = headers.signed.lock().unwrap().clone();
    assert_eq!(auth.len(), 1);
    assert!(
        auth[0].contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,"),
        "{}",
        auth[0]
    );

    let stranger = client_with(&handle.endpoint(), "us-east-1", "AKIDUNKNOWN", SECRET);
    let err = stranger.list_collections().send().await.unwrap_err();
    let (code_name, status, _) = failure(&err);
    assert_eq!(
        (code_name.as_str(), status),
        ("UnrecognizedClientException", 400)
    );

    let wrong = client_with(&handle.endpoint(), "us-east-1", KEY, "not-the-secret");
    let err = wrong.list_collections().send().await.unwrap_err();
    let (code_name, status, _) = failure(&err);
    assert_eq!(
        (code_name.as_str(), status),
        ("InvalidSignatureException", 400)
    );
    handle.shutdown().await;
}

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
    assert!(
        (25..=35).contains(&seed.collection_count()),
        "{}",
        seed.collection_count()
    );
    assert!(seed.face_count() >= 250_000);
}
