//! `rekog serve` as a process: its startup message, flags, signals, and a database that
//! survives SIGKILL in the middle of writes.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::client_with;

const BIN: &str = env!("CARGO_BIN_EXE_rekog");

fn spawn(args: &[&str]) -> Child {
    Command::new(BIN)
        .arg("serve")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rekog starts")
}

/// Reads the first stdout line and returns the endpoint URL in it.
fn endpoint(child: &mut Child) -> String {
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let start = line
        .find("http://127.0.0.1:")
        .unwrap_or_else(|| panic!("{line:?}"));
    line[start..].trim().to_owned()
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

fn wait(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(start.elapsed() < limit, "rekog serve did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[tokio::test]
async fn prints_the_endpoint_serves_and_stops_on_sigterm() {
    let mut child = spawn(&["--addr", "127.0.0.1:0"]);
    let url = endpoint(&mut child);
    let rk = client_with(&url, "us-east-1", "AKID", "secret");
    rk.create_collection()
        .collection_id("from-cli")
        .send()
        .await
        .unwrap();
    let listed = rk.list_collections().send().await.unwrap();
    assert_eq!(listed.collection_ids(), ["from-cli"]);
    signal(&child, "TERM");
    assert!(wait(&mut child, Duration::from_secs(10)).success());
}

#[test]
fn bad_flags_fail_with_clear_messages() {
    let cases: [(&[&str], &str); 12] = [
        (&["--fault-rate", "2"], "between 0 and 1"),
        (&["--latency", "50ms"], "MIN..MAX"),
        (&["--latency", "400ms..50ms"], "minimum is above"),
        (&["--deny", "DeleteCollection,Explode"], "Explode"),
        (&["--addr", "192.0.2.1:4599"], "--allow-remote"),
        (
            &["--seed", "/nonexistent/seed.json"],
            "/nonexistent/seed.json",
        ),
        (&["--credentials", "no-colon"], "KEY:SECRET"),
        (&["--account", "12"], "12-digit"),
        (&["--mfa-code", "12345"], "six-digit code"),
        (&["--workers", "0"], "1..=64"),
        (&["--workers", "65"], "1..=64"),
        (&["--disabled-region", "eu-south2"], "not a region code"),
    ];
    for (args, expected) in cases {
        let mut all = args.to_vec();
        if !args.contains(&"--addr") {
            all.extend(["--addr", "127.0.0.1:0"]);
        }
        let out = Command::new(BIN).arg("serve").args(&all).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// Every count agrees with the rows, and SQLite finds nothing wrong.
fn assert_intact(db: &Path) -> usize {
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let mut stmt = conn
        .prepare(
            "SELECT c.id, c.face_count, c.user_count,
                    (SELECT count(*) FROM faces f WHERE f.coll = c.pk),
                    (SELECT count(*) FROM users u WHERE u.coll = c.pk)
             FROM collections c",
        )
        .unwrap();
    let rows: Vec<(String, i64, i64, i64, i64)> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (id, faces, users, face_rows, user_rows) in &rows {
        assert_eq!((faces, users), (face_rows, user_rows), "{id}");
    }
    // Rows of deleted collections may wait for reclamation, but only those.
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM faces WHERE coll NOT IN (SELECT pk FROM collections)
                 AND coll NOT IN (SELECT coll FROM garbage)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
    rows.len()
}

#[tokio::test]
async fn a_database_killed_mid_write_reopens_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let db_arg = db.to_str().unwrap();
    let seed = dir.path().join("seed.json");
    std::fs::write(
        &seed,
        r#"{"collections":[{"id":"small","faces":300,"users":5},
                           {"id":"huge","faces":600000,"users":50}]}"#,
    )
    .unwrap();

    // Killed while seeding: the seed's transaction never commits.
    let mut child = spawn(&[
        "--addr",
        "127.0.0.1:0",
        "--db",
        db_arg,
        "--seed",
        seed.to_str().unwrap(),
    ]);
    std::thread::sleep(Duration::from_millis(800));
    signal(&child, "KILL");
    wait(&mut child, Duration::from_secs(10));
    let mut printed = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut printed)
        .unwrap();
    assert!(
        printed.is_empty(),
        "seeding finished before the kill: {printed}"
    );
    assert_eq!(assert_intact(&db), 0);

    // Killed while clients write.
    std::fs::write(
        &seed,
        r#"{"collections":[{"id":"small","faces":3000,"users":30}]}"#,
    )
    .unwrap();
    let mut child = spawn(&[
        "--addr",
        "127.0.0.1:0",
        "--db",
        db_arg,
        "--seed",
        seed.to_str().unwrap(),
    ]);
    let url = endpoint(&mut child);
    let rk = client_with(&url, "us-east-1", "AKID", "secret");
    let faces: Vec<String> = rk
        .list_faces()
        .collection_id("small")
        .max_results(4096)
        .send()
        .await
        .unwrap()
        .faces()
        .iter()
        .map(|f| f.face_id().unwrap().to_owned())
        .collect();
    let mut writers = Vec::new();
    for w in 0..4 {
        let rk = rk.clone();
        let faces = faces.clone();
        writers.push(tokio::spawn(async move {
            for i in 0.. {
                let id = format!("w{w}-{i}");
                let _ = rk
                    .create_collection()
                    .collection_id(&id)
                    .tags("k", "v")
                    .send()
                    .await;
                let _ = rk
                    .create_user()
                    .collection_id("small")
                    .user_id(&id)
                    .send()
                    .await;
                let chunk = faces.iter().skip((w * 700 + i * 7) % 2900).take(7).cloned();
                let _ = rk
                    .delete_faces()
                    .collection_id("small")
                    .set_face_ids(Some(chunk.collect()))
                    .send()
                    .await;
                if i % 3 == 0 {
                    let _ = rk.delete_collection().collection_id(&id).send().await;
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    signal(&child, "KILL");
    wait(&mut child, Duration::from_secs(10));
    for w in writers {
        w.abort();
    }
    let collections = assert_intact(&db);
    assert!(collections > 1, "the writers made nothing before the kill");

    // And it serves again from that file.
    let mut child = spawn(&["--addr", "127.0.0.1:0", "--db", db_arg]);
    let url = endpoint(&mut child);
    let rk = client_with(&url, "us-east-1", "AKID", "secret");
    let d = rk
        .describe_collection()
        .collection_id("small")
        .send()
        .await
        .unwrap();
    assert!(d.face_count().unwrap() < 3000);
    signal(&child, "TERM");
    assert!(wait(&mut child, Duration::from_secs(10)).success());
}
