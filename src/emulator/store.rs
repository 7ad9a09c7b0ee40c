//! Storage in SQLite on a thread of its own: request handlers send closures over a channel
//! and await the answer, so database work never blocks the async runtime. One connection,
//! one writer: each mutation is one transaction, and races between clients resolve in the
//! order their requests reach this thread.

pub mod associations;
pub mod collections;
pub mod faces;
mod schema;
pub mod seeding;
mod tags;
pub mod users;
pub mod vectors;
mod worker;

use std::collections::HashMap;
use std::path::Path;
use std::thread::JoinHandle;

use rusqlite::{Connection, OptionalExtension, params};
use tokio::sync::{mpsc, oneshot};

use super::error::ApiError;
use worker::{Job, Request};

pub use faces::{FaceFilter, FaceRow};

/// The database and what lives beside it.
pub struct Db {
    pub conn: Connection,
    /// Signs pagination tokens; kept in the database so tokens survive a restart.
    pub secret: Vec<u8>,
    /// Rows of deleted collections wait to be reclaimed.
    pub has_garbage: bool,
    /// Rows of seeded collections still to be written.
    pub seeding: seeding::Seeding,
    /// The faces' vectors of the collections searched so far.
    pub indexes: HashMap<i64, vectors::Index>,
}

impl Db {
    /// Opens (or creates) the store; `None` keeps it in memory.
    pub fn open(path: Option<&Path>) -> rusqlite::Result<Db> {
        let mut conn = match path {
            Some(path) => {
                let conn = Connection::open(path)?;
                // WAL with NORMAL sync: a killed process loses nothing that was committed.
                conn.pragma_update(None, "journal_mode", "wal")?;
                conn.pragma_update(None, "synchronous", "normal")?;
                conn.busy_timeout(std::time::Duration::from_secs(5))?;
                conn
            }
            None => Connection::open_in_memory()?,
        };
        conn.pragma_update(None, "cache_size", -65_536)?;
        schema::prepare(&mut conn)?;
        let secret: Option<Vec<u8>> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'token_secret'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let secret = match secret {
            Some(secret) => secret,
            None => {
                let mut secret = uuid::Uuid::new_v4().as_bytes().to_vec();
                secret.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('token_secret', ?1)",
                    params![secret],
                )?;
                secret
            }
        };
        let has_garbage = conn
            .query_row("SELECT 1 FROM garbage LIMIT 1", [], |_| Ok(()))
            .optional()?
            .is_some();
        Ok(Db {
            conn,
            secret,
            has_garbage,
            seeding: seeding::Seeding::default(),
            indexes: HashMap::new(),
        })
    }
}

/// A cheap, cloneable way to run work on the store thread.
#[derive(Clone)]
pub struct Store {
    tx: mpsc::Sender<Option<Request>>,
}

/// Owns the store thread; `stop` lets queued work finish and closes the database.
pub struct StoreThread {
    tx: mpsc::Sender<Option<Request>>,
    thread: JoinHandle<()>,
}

impl Store {
    pub fn start(db: Db) -> std::io::Result<(Store, StoreThread)> {
        let (tx, rx) = mpsc::channel::<Option<Request>>(1024);
        let clock = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()?;
        let thread = std::thread::Builder::new()
            .name("rekog-store".into())
            .spawn(move || worker::run(db, rx, clock))?;
        Ok((Store { tx: tx.clone() }, StoreThread { tx, thread }))
    }

    /// Runs `f` on the store thread and returns its answer.
    pub async fn call<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Db) -> Result<T, ApiError> + Send + 'static,
    {
        self.send(None, f).await
    }

    /// Runs `f`, which reads or changes the users or faces of collection `id` in `region`,
    /// once that collection's seeded rows are all written. Requests about other collections
    /// are answered meanwhile.
    pub async fn call_on<T, F>(&self, region: &str, id: &str, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Db) -> Result<T, ApiError> + Send + 'static,
    {
        self.send(Some((region.to_owned(), id.to_owned())), f).await
    }

    async fn send<T, F>(&self, needs: Option<(String, String)>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Db) -> Result<T, ApiError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let job: Job = Box::new(move |db| {
            let _ = reply.send(f(db));
        });
        self.tx
            .send(Some(Request { needs, job }))
            .await
            .map_err(|_| ApiError::internal("The store is shutting down"))?;
        answer
            .await
            .map_err(|_| ApiError::internal("The store failed while handling the request"))?
    }
}

impl StoreThread {
    pub async fn stop(self) {
        let _ = self.tx.send(None).await;
        let _ = tokio::task::spawn_blocking(move || self.thread.join()).await;
    }
}

#[cfg(test)]
impl Db {
    /// An in-memory store seeded with `json`: written whole, or, with `behind`, planted as
    /// `rekog serve --seed` does (collections at once, their users and faces left to write).
    pub(crate) fn seeded(json: &str, behind: bool) -> Db {
        let mut db = Db::open(None).unwrap();
        let seed = crate::emulator::seed::Seed::parse("test", json).unwrap();
        let account = crate::emulator::DEFAULT_ACCOUNT;
        match behind {
            true => seed.plant(&mut db, 0.0, account).unwrap(),
            false => seed.apply(&mut db, 0.0, account).unwrap(),
        }
        db
    }
}

/// Maps a database failure to the error clients see; the detail stays in the message.
pub fn db_error(e: rusqlite::Error) -> ApiError {
    ApiError::internal(format!("Storage error: {e}"))
}

#[cfg(test)]
mod tests {
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
}
