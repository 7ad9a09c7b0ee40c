//! Manifest export figures: a 1,000,000-face collection exported from the in-process
//! emulator through the SDK, with the time it takes and the process's peak memory.
//!
//! `cargo bench --bench manifest` (`-- --faces N` for another size).
//!
//! The emulator runs in the same process and holds the faces in SQLite, so the resident
//! set before the export is mostly its; the export's own cost is the peak above that. The
//! peak is reset (Linux `/proc/self/clear_refs`) right before the export starts.

use std::time::Instant;

use rekog::aws::sdk::SdkBackend;
use rekog::emulator::{Seed, ServeConfig, sdk_config, serve};
use rekog::manifest::{Target, check, export};

fn status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let faces: u64 = std::env::args()
        .skip_while(|a| a != "--faces")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async move {
        let seeded = Instant::now();
        let json = format!(r#"{{"collections":[{{"id":"big","faces":{faces},"users":500}}]}}"#);
        let seed = Seed::parse("bench", &json).expect("seed");
        let handle = serve(ServeConfig {
            seed: Some(seed),
            ..ServeConfig::default()
        })
        .await
        .expect("emulator");
        println!(
            "seeded {faces} faces in {:.1} s",
            seeded.elapsed().as_secs_f64()
        );
        let client = aws_sdk_rekognition::Client::from_conf(sdk_config(
            &handle.endpoint(),
            "us-east-1",
            "AKIDBENCH",
            "secret",
        ));
        let backend = SdkBackend::new(client);
        let dir = tempfile::tempdir().expect("tempdir");
        let target = Target {
            id: "big".parse().unwrap(),
            account: None,
            region: "us-east-1".into(),
            profile: None,
            endpoint: None,
        };
        let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
        let before = status_kb("VmRSS:").unwrap_or(0);
        let started = Instant::now();
        let done = export(&backend, &target, dir.path(), 0, |_| {})
            .await
            .expect("export");
        let secs = started.elapsed().as_secs_f64();
        let peak = status_kb("VmHWM:").unwrap_or(0);
        let size = std::fs::metadata(&done.path).map(|m| m.len()).unwrap_or(0);
        assert_eq!(check(&done.path).expect("whole").faces, faces);
        println!(
            "export: {} faces, {} users, {:.1} MB in {secs:.1} s ({:.0} faces/s)",
            done.faces,
            done.users,
            size as f64 / 1e6,
            done.faces as f64 / secs
        );
        println!(
            "memory: resident before {:.0} MB, peak during export {:.0} MB ({:.0} MB above; \
             peak reset: {reset}); emulator in the same process",
            before as f64 / 1024.0,
            peak as f64 / 1024.0,
            peak.saturating_sub(before) as f64 / 1024.0
        );
        handle.shutdown().await;
    });
}
