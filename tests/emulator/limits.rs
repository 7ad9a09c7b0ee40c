//! Authentication failures and TPS quotas as clients see them: the real SDK's error codes and
//! statuses, and the error classes rekog's own adapter makes of them.

use std::time::{Duration, Instant};

use aws_sdk_rekognition::Client;
use aws_sdk_rekognition::error::SdkError;
use aws_sdk_rekognition::operation::describe_collection::DescribeCollectionError;
use aws_sdk_rekognition::operation::list_faces::ListFacesError;
use aws_sdk_sts::operation::RequestId;
use rekog::aws::api::{ErrorKind, Rekognition};
use rekog::aws::sdk::SdkBackend;
use rekog::emulator::{Quota, ServeConfig, ServeError, serve};
use tokio::time::MissedTickBehavior;

use crate::support::{KEY, SECRET, client, client_with, failure, start};

#[tokio::test]
async fn bad_keys_and_signatures_are_400_and_credentials_errors() {
    let handle = serve(ServeConfig {
        credentials: Some((KEY.into(), SECRET.into())),
        ..ServeConfig::default()
    })
    .await
    .unwrap();
    let cases = [
        ("AKIDUNKNOWN", SECRET, "UnrecognizedClientException"),
        (KEY, "not-the-secret", "InvalidSignatureException"),
    ];
    for (key, secret, expected) in cases {
        let rk = client_with(&handle.endpoint(), "us-east-1", key, secret);
        let err = rk.list_collections().send().await.unwrap_err();
        let (code, status, _) = failure(&err);
        assert_eq!((code.as_str(), status), (expected, 400));

        let outcome = SdkBackend::new(rk)
            .describe(&"anything".parse().unwrap())
            .await;
        let err = outcome.result.unwrap_err();
        assert_eq!(err.kind, ErrorKind::Credentials, "{err:?}");
        assert_eq!(err.code.as_deref(), Some(expected));
        assert_eq!(err.status, Some(400));
    }

    // STS is a query-protocol service: it refuses a bad key with 403, as AWS's STS does.
    let credentials =
        aws_credential_types::Credentials::new("AKIDUNKNOWN", SECRET, None, None, "test");
    let sts = aws_sdk_sts::Client::from_conf(
        aws_sdk_sts::Config::builder()
            .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
            .region(aws_sdk_sts::config::Region::new("us-east-1"))
            .credentials_provider(credentials)
            .endpoint_url(handle.endpoint())
            .retry_config(aws_sdk_sts::config::retry::RetryConfig::disabled())
            .build(),
    );
    let err = sts.get_caller_identity().send().await.unwrap_err();
    assert_eq!(err.request_id().map(str::len), Some(36));
    let aws_sdk_sts::error::SdkError::ServiceError(service) = &err else {
        panic!("{err:?}");
    };
    assert_eq!(service.raw().status().as_u16(), 403);
    handle.shutdown().await;
}

fn describe_quota(tps: f64) -> ServeConfig {
    ServeConfig {
        quotas: vec![Quota::Tps {
            operation: "DescribeCollection".into(),
            tps,
        }],
        ..ServeConfig::default()
    }
}

/// Sends `n` describes at once from `rk`; the successes and the errors.
async fn burst(rk: &Client, n: usize) -> (usize, Vec<SdkError<DescribeCollectionError>>) {
    let calls: Vec<_> = (0..n)
        .map(|_| {
            let rk = rk.clone();
            tokio::spawn(async move { rk.describe_collection().collection_id("c").send().await })
        })
        .collect();
    let (mut ok, mut errors) = (0, Vec::new());
    for call in calls {
        match call.await.unwrap() {
            Ok(_) => ok += 1,
            Err(e) => errors.push(e),
        }
    }
    (ok, errors)
}

#[tokio::test]
async fn a_burst_beyond_the_quota_gets_provisioned_throughput_exceeded() {
    let (handle, rk) = start(describe_quota(5.0)).await;
    rk.create_collection()
        .collection_id("c")
        .send()
        .await
        .unwrap();
    let t = Instant::now();
    let (ok, errors) = burst(&rk, 20).await;
    let took = t.elapsed().as_secs_f64();
    assert!(ok >= 5, "{ok} of 20 passed");
    // One second of requests, plus what refills while the burst lasts.
    assert!(
        ok as f64 <= 5.0 + 5.0 * took + 1.0,
        "{ok} passed in {took}s"
    );
    assert_eq!(ok + errors.len(), 20);
    for err in &errors {
        let (code, status, message) = failure(err);
        assert_eq!(
            (code.as_str(), status),
            ("ProvisionedThroughputExceededException", 400)
        );
        assert!(message.contains("Rate exceeded"), "{message}");
        assert!(
            err.as_service_error()
                .is_some_and(DescribeCollectionError::is_provisioned_throughput_exceeded_exception),
            "not the modelled error: {err:?}"
        );
    }
    // rekog's adapter classes it as throttling.
    let throttled = SdkBackend::new(rk.clone())
        .describe(&"c".parse().unwrap())
        .await
        .result
        .unwrap_err();
    assert_eq!(throttled.kind, ErrorKind::Throttled);

    // Another region has a bucket of its own; other operations have no quota.
    let west = client(&handle, "eu-west-1");
    west.create_collection()
        .collection_id("c")
        .send()
        .await
        .unwrap();
    let (ok, errors) = burst(&west, 5).await;
    assert_eq!((ok, errors.len()), (5, 0), "{errors:?}");
    for _ in 0..30 {
        rk.list_collections().send().await.unwrap();
    }
    handle.shutdown().await;
}

#[tokio::test]
async fn requests_at_the_rate_all_pass() {
    let (handle, rk) = start(describe_quota(5.0)).await;
    rk.create_collection()
        .collection_id("c")
        .send()
        .await
        .unwrap();
    // Twelve requests 200 ms apart: more than the bucket holds, at exactly the quota.
    let mut ticks = tokio::time::interval(Duration::from_millis(200));
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    for i in 0..12 {
        ticks.tick().await;
        let out = rk.describe_collection().collection_id("c").send().await;
        assert!(out.is_ok(), "request {i}: {:?}", out.err());
    }
    handle.shutdown().await;
}

#[tokio::test]
async fn the_default_quotas_follow_the_documentation() {
    let (handle, east) = start(ServeConfig {
        quotas: vec![Quota::Defaults],
        ..ServeConfig::default()
    })
    .await;
    let south = client(&handle, "ap-south-1");
    for rk in [&east, &south] {
        rk.create_collection()
            .collection_id("c")
            .send()
            .await
            .unwrap();
    }
    // ListFaces: 50 per second in us-east-1, 5 in ap-south-1.
    let list =
        |rk: &Client| {
            let calls: Vec<_> = (0..80)
                .map(|_| {
                    let rk = rk.clone();
                    tokio::spawn(async move { rk.list_faces().collection_id("c").send().await })
                })
                .collect();
            async move {
                let mut ok = 0;
                for call in calls {
                    match call.await.unwrap() {
                        Ok(_) => ok += 1,
                        Err(e) => assert!(e.as_service_error().is_some_and(
                            ListFacesError::is_provisioned_throughput_exceeded_exception
                        )),
                    }
                }
                ok
            }
        };
    for (rk, tps) in [(&east, 50.0), (&south, 5.0)] {
        let t = Instant::now();
        let ok = list(rk).await;
        let took = t.elapsed().as_secs_f64();
        assert!(ok as f64 >= tps, "{tps}: {ok} of 80 passed");
        assert!(
            ok as f64 <= tps * (1.0 + took) + 1.0,
            "{tps}: {ok} passed in {took}s"
        );
    }
    handle.shutdown().await;
}

#[test]
fn bad_quotas_are_refused_at_start_with_status_2() {
    for (value, expected) in [
        ("ListFaces=0", "above 0"),
        ("Nope=5", "\"Nope\""),
        ("ListFaces=abc", "\"abc\" is not a number"),
        ("DescribeCollection=5,ListFaces", "not OP=TPS"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rekog"))
            .args(["serve", "--addr", "127.0.0.1:0", "--quota", value])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{value}: {stderr}");
        assert!(stderr.contains("--quota"), "{value}: {stderr}");
        assert!(stderr.contains(expected), "{value}: {stderr}");
    }
}

#[test]
fn a_bad_quota_in_process_is_a_config_error() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    for quota in [
        Quota::Tps {
            operation: "ListFaces".into(),
            tps: 0.0,
        },
        Quota::Tps {
            operation: "DetectFaces".into(),
            tps: 5.0,
        },
    ] {
        let result = runtime.block_on(serve(ServeConfig {
            quotas: vec![quota.clone()],
            ..ServeConfig::default()
        }));
        assert!(
            matches!(result, Err(ServeError::Config(_))),
            "{quota} accepted"
        );
    }
}
