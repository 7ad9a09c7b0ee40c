//! Audit trail figures: `rekog audit --verify` of a trail of 1,000,000 records, and what an
//! append costs at record 10 and at record 1,000,000 (the previous hash is read from the
//! end of the file, so the two should be the same).
//!
//! `cargo bench --bench audit` (`-- --records N` for another size).

use std::io::Write;
use std::time::{Duration, Instant};

use rekog::audit::chain::{genesis_hash, line_hash};
use rekog::audit::verify::verify;
use rekog::audit::{Audit, Event, Intent, Operation, OutcomeKind, Record};

/// A record as a delete writes it, with every field filled as a real one would be.
fn record(i: u64) -> Record {
    Record {
        seq: None,
        prev: None,
        time: "2026-12-05T08:00:00.000Z".into(),
        event: if i.is_multiple_of(2) {
            Event::Intent
        } else {
            Event::Outcome
        },
        id: format!("6f1c2a9e-0b7d-4e3a-9c55-{:012x}", i / 2),
        operation: Some("DeleteFaces".into()),
        collection_id: Some("contractor-onboarding".into()),
        collection_arn: Some(
            "arn:aws:rekognition:eu-west-1:123456789012:collection/contractor-onboarding".into(),
        ),
        account: Some("123456789012".into()),
        caller_arn: Some("arn:aws:sts::123456789012:assumed-role/ops-admin/alice".into()),
        region: Some("eu-west-1".into()),
        profile: Some("prod-admin".into()),
        endpoint: None,
        os_user: Some("alice".into()),
        ssh_connection: Some("10.0.0.5 52144 10.0.0.9 22".into()),
        face_count: Some(3),
        user_count: Some(0),
        user_id: None,
        manifest: None,
        manifest_sha256: None,
        outcome: (i % 2 == 1).then_some(OutcomeKind::Success),
        status_code: (i % 2 == 1).then_some(200),
        error_code: None,
        error_message: None,
        request_id: Some("5f0c3a8e-6b1d-4c2f-9a7e-3d2b1c0f9e8a".into()),
        duration_ms: Some(142),
        faces_erased: None,
        users_erased: None,
        faces_failed: None,
        users_failed: None,
        remaining: None,
        remaining_face_ids: None,
        rechecked: None,
        recheck_error: None,
        verified_absent: None,
        left: None,
        ticket: Some("DSAR-2026-0042".into()),
        resumes: None,
        resumed_by: None,
        host: Some("admin-01".into()),
        version: Some(env!("CARGO_PKG_VERSION").into()),
    }
}

/// A chained trail of `n` records, written without fsync (the figures are of reading).
fn write_trail(path: &std::path::Path, n: u64) -> u64 {
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).unwrap());
    let mut prev = genesis_hash();
    let mut bytes = 0;
    for i in 0..n {
        let mut r = record(i);
        r.seq = Some(i + 1);
        r.prev = Some(prev);
        let line = serde_json::to_vec(&r).unwrap();
        prev = line_hash(&line);
        out.write_all(&line).unwrap();
        out.write_all(b"\n").unwrap();
        bytes += line.len() as u64 + 1;
    }
    out.flush().unwrap();
    bytes
}

/// The median time of `n` appends (each fsynced, as every real one is) to each of `a` and
/// `b`, taken in turns so that what else the machine does weighs on both alike.
fn appends(a: &std::path::Path, b: &std::path::Path, n: usize) -> (Duration, Duration) {
    let (trail_a, trail_b) = (Audit::open(a).unwrap(), Audit::open(b).unwrap());
    let intent = Intent::new(Operation::DeleteFaces, "contractor-onboarding", "eu-west-1");
    let time = |audit: &Audit| {
        let start = Instant::now();
        audit.intent(&intent).unwrap();
        start.elapsed()
    };
    let (mut times_a, mut times_b) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        times_a.push(time(&trail_a));
        times_b.push(time(&trail_b));
    }
    times_a.sort();
    times_b.sort();
    (times_a[n / 2], times_b[n / 2])
}

fn main() {
    let records: u64 = std::env::args()
        .skip_while(|a| a != "--records")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.jsonl");
    let small = dir.path().join("small.jsonl");

    let start = Instant::now();
    let bytes = write_trail(&big, records);
    println!(
        "trail of {records} records: {:.1} MB written in {:.2?}",
        bytes as f64 / 1e6,
        start.elapsed()
    );
    write_trail(&small, 10);

    for run in 1..=3 {
        let start = Instant::now();
        let verified = verify(&big, None).expect("the trail is intact");
        let took = start.elapsed();
        assert_eq!(verified.records, records);
        println!(
            "verify run {run}: {records} records in {:.2?} ({:.0} MB/s)",
            took,
            bytes as f64 / 1e6 / took.as_secs_f64()
        );
    }

    const APPENDS: usize = 200;
    let (at_10, at_big) = appends(&small, &big, APPENDS);
    println!(
        "append (fsynced), median of {APPENDS}: {at_10:.2?} at record 10, {at_big:.2?} at record {records}"
    );
    verify(&big, None).expect("still intact after the appends");
}
