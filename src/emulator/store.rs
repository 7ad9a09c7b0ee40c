//! Storage in SQLite, one connection behind one lock: each mutation is one transaction, and
//! races between clients resolve in the order they take the lock. A request about the
//! collections themselves (create, describe, list, delete, tags: small and quick) runs on
//! the handler's own thread when the lock is free; one about a collection's users or faces
//! (which may wait for its seeded rows, or search thousands of vectors) and any that finds
//! the lock taken goes to the store thread, which also writes seeded rows and reclaims
//! deleted ones while the store is quiet. Handing every request to that thread cost the
//! fleet bench a context switch each way per request on a 2-core box.

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
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError};
use std::thread::JoinHandle;
use std::time::Instant;

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

/// The database, shared by the store thread and the request handlers.
pub(crate) struct State {
    /// `None` once the store has stopped.
    db: Option<Db>,
    /// When a request last ran: background work waits for a quiet store.
    last_request: Instant,
}

type Shared = Arc<Mutex<State>>;

/// The lock, whoever panicked while holding it: every job runs inside `catch_unwind`, and
/// SQLite rolls back the transaction a panic left open.
fn lock(shared: &Mutex<State>) -> MutexGuard<'_, State> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A cheap, cloneable way to run work on the store.
#[derive(Clone)]
pub struct Store {
    tx: mpsc::Sender<Option<Request>>,
    shared: Shared,
}

/// Owns the store thread; `stop` lets queued work finish and closes the database.
pub struct StoreThread {
    tx: mpsc::Sender<Option<Request>>,
    thread: JoinHandle<()>,
}

/// What [`Store::here`] did with a job.
enum Here<T, F> {
    Ran(Result<T, ApiError>),
    /// The lock was taken: the job goes to the store thread.
    Busy(F),
}

impl Store {
    pub fn start(db: Db) -> std::io::Result<(Store, StoreThread)> {
        let (tx, rx) = mpsc::channel::<Option<Request>>(1024);
        let shared = Arc::new(Mutex::new(State {
            db: Some(db),
            last_request: Instant::now(),
        }));
        let clock = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()?;
        let thread = std::thread::Builder::new()
            .name("rekog-store".into())
            .spawn({
                let shared = Arc::clone(&shared);
                move || worker::run(&shared, rx, clock)
            })?;
        Ok((
            Store {
                tx: tx.clone(),
                shared,
            },
            StoreThread { tx, thread },
        ))
    }

    /// Runs `f`, which reads or changes collections (not their users or faces), and returns
    /// its answer: here if the store is free, else on the store thread.
    pub async fn call<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Db) -> Result<T, ApiError> + Send + 'static,
    {
        match self.here(f) {
            Here::Ran(result) => result,
            Here::Busy(f) => self.send(None, f).await,
        }
    }

    /// Runs `f`, which reads or changes the users or faces of collection `id` in `region`,
    /// on the store thread once that collection's seeded rows are all written. Requests
    /// about other collections are answered meanwhile.
    pub async fn call_on<T, F>(&self, region: &str, id: &str, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Db) -> Result<T, ApiError> + Send + 'static,
    {
        self.send(Some((region.to_owned(), id.to_owned())), f).await
    }

    /// Runs `f` on this thread if nobody holds the store. Never waits for the lock: the
    /// store thread may hold it for a whole search, and this is an async runtime's thread.
    fn here<T, F>(&self, f: F) -> Here<T, F>
    where
        F: FnOnce(&mut Db) -> Result<T, ApiError>,
    {
        let mut state = match self.shared.try_lock() {
            Ok(state) => state,
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => return Here::Busy(f),
        };
        state.last_request = Instant::now();
        let Some(db) = state.db.as_mut() else {
            return Here::Ran(Err(ApiError::internal("The store is shutting down")));
        };
        let idle = !db.has_background_work();
        let result = catch_unwind(AssertUnwindSafe(|| f(db))).unwrap_or_else(|_| {
            Err(ApiError::internal(
                "The store failed while handling the request",
            ))
        });
        // A delete left rows to reclaim: wake the store thread, which may be asleep until
        // the next request reaches it. A full queue already wakes it.
        if idle && db.has_background_work() {
            drop(state);
            let _ = self.tx.try_send(Some(Request {
                needs: None,
                job: Box::new(|_| {}),
            }));
        }
        Here::Ran(result)
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

impl Db {
    /// Seeded rows to write or deleted rows to reclaim.
    fn has_background_work(&self) -> bool {
        self.has_garbage || self.seeding.has_work()
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
mod tests;
