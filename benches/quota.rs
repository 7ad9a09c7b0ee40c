//! The describe rate rekog reaches against a DescribeCollection quota: its pace
//! (src/aws/pace.rs) over the real SDK, with standard retries as rekog runs them, against the
//! emulator's quota, describing eight rows at a time as the table does.
//!
//! `cargo bench --bench quota`

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use aws_sdk_rekognition::config::retry::{RetryConfig, RetryPartition};
use rekog::aws::api::Rekognition;
use rekog::aws::pace::Paced;
use rekog::aws::sdk::SdkBackend;
use rekog::emulator::{Quota, Seed, ServeConfig, sdk_config, serve};
use rekog::ids::CollectionId;

/// Describes in flight at most, as the table issues them.
const IN_FLIGHT: usize = 8;

async fn run(tps: f64, calls: usize) {
    let ids: Vec<CollectionId> = (0..calls)
        .map(|i| format!("c-{i:05}").parse().unwrap())
        .collect();
    let seed = serde_json::json!({
        "collections": ids.iter().map(|id| serde_json::json!({"id": id, "faces": 3}))
            .collect::<Vec<_>>()
    });
    let seed = Seed::parse("bench seed", &seed.to_string()).expect("seed");
    let handle = serve(ServeConfig {
        seed: Some(seed),
        quotas: vec![Quota::Tps {
            operation: "DescribeCollection".into(),
            tps,
        }],
        ..ServeConfig::default()
    })
    .await
    .expect("emulator");
    let config = sdk_config(&handle.endpoint(), "us-east-1", "AKIDBENCH", "bench")
        .to_builder()
        .retry_config(RetryConfig::standard())
        .retry_partition(RetryPartition::new(format!("quota-bench-{tps}")))
        .build();
    let client = aws_sdk_rekognition::Client::from_conf(config);
    let throttles = Arc::new(AtomicUsize::new(0));
    let heard = Arc::clone(&throttles);
    let backend = Arc::new(
        Paced::new(SdkBackend::new(client), Duration::from_secs(30)).on_throttle(move |_| {
            heard.fetch_add(1, Ordering::Relaxed);
        }),
    );
    let started = Instant::now();
    let ids = Arc::new(ids);
    let mut tasks = Vec::new();
    for worker in 0..IN_FLIGHT {
        let (backend, ids) = (Arc::clone(&backend), Arc::clone(&ids));
        tasks.push(tokio::spawn(async move {
            let mut done = Vec::new();
            for id in ids.iter().skip(worker).step_by(IN_FLIGHT) {
                let ok = backend.describe(id).await.result.is_ok();
                done.push((started.elapsed(), ok));
            }
            done
        }));
    }
    let mut done = Vec::new();
    for task in tasks {
        done.extend(task.await.expect("worker"));
    }
    done.sort_by_key(|(at, _)| *at);
    let errors = done.iter().filter(|(_, ok)| !ok).count();
    let total = done.last().map_or(Duration::ZERO, |(at, _)| *at);
    // The steady rate leaves out the first second's burst, which the quota's bucket allows.
    let after_burst = done
        .iter()
        .position(|(at, _)| *at >= Duration::from_secs(1));
    let steady = after_burst.map(|from| {
        let span = (total - done[from].0).as_secs_f64();
        (done.len() - from - 1) as f64 / span
    });
    println!(
        "DescribeCollection quota {tps}/s: {calls} describes in {:.1} s, {:.2}/s overall, \
         {:.2}/s after the first second ({:.0}% of the quota); {errors} errors; {} throttles \
         heard",
        total.as_secs_f64(),
        calls as f64 / total.as_secs_f64(),
        steady.unwrap_or(0.0),
        steady.unwrap_or(0.0) / tps * 100.0,
        throttles.load(Ordering::Relaxed)
    );
    handle.shutdown().await;
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    run(5.0, 100).await;
    run(20.0, 300).await;
}
