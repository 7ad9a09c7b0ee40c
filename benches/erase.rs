//! Erasure figures: 10,000 faces that belong to users erased through rekog's engine from
//! the in-process emulator over the SDK, as `rekog erase` does (manifest, audit intent,
//! DisassociateFaces, DeleteFaces, the users checked and deleted, audit outcome).
//!
//! `cargo bench --bench erase` (`-- --faces N` for another size, `--users M` for how many
//! users they are spread over).
//!
//! The seed puts every third face on a user, so the collection holds three times the faces
//! erased; the rest stay. By default the 10,000 are spread over 100 users, 100 faces each:
//! the service's most per user, and one full DisassociateFaces call per user.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use rekog::audit::{Audit, Gate};
use rekog::aws::api::{FaceFilter, MAX_FACE_PAGE, Rekognition};
use rekog::aws::pace::Paced;
use rekog::aws::sdk::SdkBackend;
use rekog::emulator::{Seed, ServeConfig, sdk_config, serve};
use rekog::erase::{Erasure, Step, erase};
use rekog::ids::UserId;
use rekog::manifest::Target;
use rekog::protect::Protect;

fn arg(name: &str, default: u64) -> u64 {
    std::env::args()
        .skip_while(|a| a != name)
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let faces = arg("--faces", 10_000);
    let users = arg("--users", 100);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async move {
        let json = format!(
            r#"{{"collections":[{{"id":"people","faces":{},"users":{users}}}]}}"#,
            faces * 3
        );
        let seed = Seed::parse("bench", &json).expect("seed");
        let handle = serve(ServeConfig {
            seed: Some(seed),
            ..ServeConfig::default()
        })
        .await
        .expect("emulator");
        let client = aws_sdk_rekognition::Client::from_conf(sdk_config(
            &handle.endpoint(),
            "us-east-1",
            "AKIDBENCH",
            "secret",
        ));
        let backend = Paced::new(SdkBackend::new(client), Duration::from_secs(30));

        // The faces on users, as a search would have found them.
        let mut found = Vec::new();
        let mut token = None;
        loop {
            let page = (backend.list_faces_page(&"people".parse().unwrap(), &FaceFilter::All, token, MAX_FACE_PAGE))
                .await
                .result
                .expect("ListFaces");
            found.extend(page.faces.into_iter().filter(|f| f.user_id.is_some()));
            token = page.next_token;
            if token.is_none() {
                break;
            }
        }
        let named: BTreeSet<UserId> = found.iter().filter_map(|f| f.user_id.clone()).collect();
        let erasure = Erasure {
            target: Target {
                id: "people".parse().unwrap(),
                account: None,
                region: "us-east-1".into(),
                profile: None,
                endpoint: None,
            },
            search: "bench".into(),
            faces: found,
            users: named.into_iter().collect(),
            caller_arn: None,
            recheck: None,
            keep_names: false,
            likeness: None,
            photo: None,
        };
        let dir = tempfile::tempdir().expect("tempdir");
        let audit = Audit::open(&dir.path().join("audit.jsonl")).expect("audit");
        let gate = Gate::new(Some(std::sync::Arc::new(audit)), false, Protect::default());
        let mut calls = std::collections::BTreeMap::<&'static str, (usize, Duration)>::new();
        let started = Instant::now();
        let report = erase(&backend, &gate, &erasure, rekog::erase::base_intent(&erasure), &dir.path().join("manifests"), 0, |step| {
            if let Step::Call(c) = step {
                let entry = calls.entry(c.op.name()).or_default();
                entry.0 += 1;
                entry.1 += c.elapsed;
            }
        })
        .await
        .expect("erase");
        let secs = started.elapsed().as_secs_f64();
        assert!(report.is_complete(), "{report:?}");
        println!(
            "erase: {} faces on {} users and the users, of {} faces, in {secs:.2} s ({:.0} faces/s)",
            report.faces_erased.len(),
            report.users_erased.len(),
            faces * 3,
            report.faces_erased.len() as f64 / secs
        );
        for (op, (n, spent)) in &calls {
            let ms = spent.as_secs_f64() * 1e3;
            let each = ms / *n as f64;
            println!("  {op}: {n} call(s), {ms:.0} ms in all, {each:.1} ms each");
        }
        handle.shutdown().await;
    });
}
