//! The store: where calls run, and background work that waits for a quiet store.
use super::*;
use std::time::{Duration, Instant};

fn count(db: &Db, sql: &str) -> i64 {
    db.conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Sends a request every 10 ms for `span`; each answers when it ran and how many faces
/// were written by then.
async fn steady(store: &Store, span: Duration) -> Vec<(Instant, i64)> {
    let started = Instant::now();
    let mut seen = Vec::new();
    while started.elapsed() < span {
        let answer = store
            .call(|db| Ok((Instant::now(), count(db, "SELECT count(*) FROM faces"))))
            .await
            .unwrap();
        seen.push(answer);
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    seen
}

#[tokio::test]
async fn seeding_waits_while_requests_keep_coming_and_finishes_once_quiet() {
    const SEED: &str = r#"{"collections":[{"id":"big","faces":20000}]}"#;
    // A stalled test thread (a gap near QUIET) lets a slice run, rightly; try again.
    let mut clean = None;
    for _ in 0..3 {
        let started = Instant::now();
        let (store, thread) = Store::start(Db::seeded(SEED, true)).unwrap();
        let seen = steady(&store, Duration::from_millis(600)).await;
        let mut last = started;
        let stalled = seen.iter().any(|(at, _)| {
            let gap = at.duration_since(last);
            last = *at;
            gap >= worker::QUIET / 2
        });
        if !stalled {
            clean = Some((store, thread, seen));
            break;
        }
        thread.stop().await;
    }
    let (store, thread, seen) = clean.expect("three runs with a stalled request thread");
    assert!(
        seen.iter().all(|(_, faces)| *faces == 0),
        "seeded while requests came every 10 ms: {:?}",
        seen.iter().map(|(_, f)| f).collect::<Vec<_>>()
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        tokio::time::sleep(worker::QUIET * 3).await;
        let faces = store
            .call(|db| Ok(count(db, "SELECT count(*) FROM faces")))
            .await
            .unwrap();
        if faces == 20_000 {
            break;
        }
        assert!(Instant::now() < deadline, "{faces} faces written");
    }
    thread.stop().await;
}

#[tokio::test]
async fn requests_that_never_pause_do_not_starve_seeding() {
    let (store, thread) = Store::start(Db::seeded(
        r#"{"collections":[{"id":"big","faces":20000}]}"#,
        true,
    ))
    .unwrap();
    let seen = steady(&store, worker::STARVED * 3).await;
    assert!(
        seen.iter().any(|(_, faces)| *faces > 0),
        "no face written in {} requests over {:?}",
        seen.len(),
        worker::STARVED * 3
    );
    thread.stop().await;
}

/// A started store holding collection c1 of three faces, written whole.
fn three_faces() -> (Store, StoreThread) {
    let seed = r#"{"collections":[{"id":"c1","faces":3}]}"#;
    Store::start(Db::seeded(seed, false)).unwrap()
}

fn thread_name() -> String {
    std::thread::current().name().unwrap_or("").to_owned()
}

/// The fleet's describes and lists run where they were asked, with no hop to the store
/// thread and back; a collection's faces are read on the store thread.
#[tokio::test]
async fn collection_calls_run_on_the_handlers_thread_when_the_store_is_free() {
    let (store, thread) = three_faces();
    let here = thread_name();
    let ran = store.call(|_| Ok(thread_name())).await.unwrap();
    assert_eq!(ran, here);
    let ran = store
        .call_on("us-east-1", "c1", |_| Ok(thread_name()))
        .await
        .unwrap();
    assert_eq!(ran, "rekog-store");
    thread.stop().await;
    let after = store.call(|_| Ok(())).await;
    assert!(after.is_err(), "the store answers once stopped: {after:?}");
}

/// A long job on the store thread holds the store: a collection call made meanwhile
/// waits its turn on that thread instead of blocking the caller's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_collection_call_while_the_store_is_held_waits_on_the_store_thread() {
    let (store, thread) = three_faces();
    let (held_tx, held_rx) = std::sync::mpsc::channel();
    let long = tokio::spawn({
        let store = store.clone();
        async move {
            store
                .call_on("us-east-1", "c1", move |_| {
                    held_tx.send(()).unwrap();
                    std::thread::sleep(Duration::from_millis(300));
                    Ok(Instant::now())
                })
                .await
                .unwrap()
        }
    });
    held_rx.recv().unwrap();
    let (ran, faces, at) = store
        .call(|db| {
            let faces = count(db, "SELECT count(*) FROM faces");
            Ok((thread_name(), faces, Instant::now()))
        })
        .await
        .unwrap();
    let long_done = long.await.unwrap();
    assert_eq!((ran.as_str(), faces), ("rekog-store", 3));
    assert!(
        at >= long_done,
        "ran before the job that held the store ended"
    );
    thread.stop().await;
}

#[tokio::test]
async fn deleted_collections_are_reclaimed_while_idle() {
    let seed =
        r#"{"collections":[{"id":"gone","faces":45000,"users":30},{"id":"kept","faces":10}]}"#;
    let (store, thread) = Store::start(Db::seeded(seed, false)).unwrap();
    let left = store
        .call(|db| {
            db.delete_collection("us-east-1", "gone")?;
            assert!(db.find_collection("us-east-1", "gone")?.is_none());
            Ok(count(db, "SELECT count(*) FROM faces"))
        })
        .await
        .unwrap();
    assert_eq!(
        left, 45_010,
        "faces are reclaimed later, not inside the call"
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let (faces, users, garbage) = store
            .call(|db| {
                Ok((
                    count(db, "SELECT count(*) FROM faces"),
                    count(db, "SELECT count(*) FROM users"),
                    count(db, "SELECT count(*) FROM garbage"),
                ))
            })
            .await
            .unwrap();
        if (faces, users, garbage) == (10, 0, 0) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{faces} faces left");
        // Slower than QUIET: reclaiming waits for a quiet store.
        tokio::time::sleep(worker::QUIET * 2).await;
    }
    thread.stop().await;
}
