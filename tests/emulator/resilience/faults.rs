//! Injected faults: denied operations, a deterministic fault rate with the modelled
//! errors, and latency up to a hang.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use aws_sdk_rekognition::Client;
use rekog::emulator::ServeConfig;

use crate::support::{KEY, SECRET, code, failure, start};

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
