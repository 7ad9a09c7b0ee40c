//! The store thread's loop: the requests handed to it, in the order they arrive, and between
//! them, once the store is quiet (no request, here or on a handler's thread), seeded rows
//! to write and deleted rows to reclaim.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::runtime::Runtime;
use tokio::sync::mpsc;
use tokio::sync::mpsc::error::TryRecvError;

use super::{Db, State, lock};

pub type Job = Box<dyn FnOnce(&mut Db) + Send>;

/// One job, and the collection whose users and faces it needs complete, if any.
pub struct Request {
    pub needs: Option<(String, String)>,
    pub job: Job,
}

/// Background work waits until no request has come for this long. Under a steady stream of
/// requests the gaps between them are microseconds, and filling each with a slice of
/// seeding took a whole core from the clients on the same machine (the fleet bench: the
/// store thread busy seeding for the TUI's first half second, on a 2-core box).
pub const QUIET: Duration = Duration::from_millis(100);
/// ...but it never waits longer than this after its last slice, so that a client that
/// never pauses neither starves the seeding nor piles up deleted rows.
pub const STARVED: Duration = Duration::from_secs(1);

/// When background work may run next: [`QUIET`] after the last request, or [`STARVED`] after
/// the last slice, whichever comes first.
fn due(last_request: Instant, last_slice: Instant) -> Instant {
    (last_request + QUIET).min(last_slice + STARVED)
}

/// Runs until `None` arrives or every sender is gone, then closes the database. `clock`
/// only waits for the next request with a deadline. The lock is held for each step, never
/// while waiting.
pub fn run(shared: &Mutex<State>, mut rx: mpsc::Receiver<Option<Request>>, clock: Runtime) {
    // Requests waiting for a seeded collection to be complete, in arrival order.
    let mut parked: Vec<(i64, Job)> = Vec::new();
    let mut last_slice = Instant::now();
    loop {
        let (busy, last_request) = {
            let mut state = lock(shared);
            let last_request = state.last_request;
            let Some(db) = state.db.as_mut() else { break };
            if let Some(&(coll, _)) = parked.first() {
                // Their collection's rows first, a slice at a time, so that the requests
                // about other collections are still answered in between.
                if db.seed_slice(Some(coll), &|| !rx.is_empty()).is_err() {
                    // Let them run: each completes its collection itself or reports why not.
                    run_parked(db, &mut parked, |c| c == coll);
                }
                release(db, &mut parked);
            }
            (!parked.is_empty() || db.has_background_work(), last_request)
        };
        let message = if busy {
            match rx.try_recv() {
                Ok(message) => message,
                Err(TryRecvError::Empty) if !parked.is_empty() => continue,
                Err(TryRecvError::Empty) => {
                    let due = due(last_request, last_slice);
                    if Instant::now() >= due {
                        if let Some(db) = lock(shared).db.as_mut() {
                            idle(db, &rx);
                        }
                        last_slice = Instant::now();
                        continue;
                    }
                    let next = clock
                        .block_on(async { tokio::time::timeout_at(due.into(), rx.recv()).await });
                    match next {
                        Ok(message) => message.flatten(),
                        // Quiet until `due`, or requests ran on their own threads meanwhile:
                        // the next turn looks again.
                        Err(_elapsed) => continue,
                    }
                }
                Err(TryRecvError::Disconnected) => None,
            }
        } else {
            let message = rx.blocking_recv().flatten();
            // Nothing was owed while there was no work: new work counts from now.
            last_slice = Instant::now();
            message
        };
        let Some(request) = message else { break };
        let mut state = lock(shared);
        state.last_request = Instant::now();
        let Some(db) = state.db.as_mut() else { break };
        let waits_for = request
            .needs
            .as_ref()
            .and_then(|(region, id)| db.seeding.pending(region, id));
        match waits_for {
            Some(coll) => parked.push((coll, request.job)),
            None => {
                run_job(db, request.job);
                // A delete may have cancelled a collection that requests wait for.
                release(db, &mut parked);
            }
        }
    }
    // Closed here, not by whichever handler drops the last `Store`: a database file is
    // checkpointed and released before `stop` returns.
    let db = lock(shared).db.take();
    drop(db);
}

/// Seeded rows first: until they are written, requests for their collections wait.
fn idle(db: &mut Db, rx: &mpsc::Receiver<Option<Request>>) {
    if db.seeding.has_work() {
        // A failure stalls background seeding (see `seed_slice`); requests still try.
        let _ = db.seed_slice(None, &|| !rx.is_empty());
    } else if db.has_garbage && db.collect_garbage().is_err() {
        db.has_garbage = false;
    }
}

/// Runs the parked jobs whose collection is no longer waiting for rows.
fn release(db: &mut Db, parked: &mut Vec<(i64, Job)>) {
    let pending: Vec<i64> = parked
        .iter()
        .map(|(coll, _)| *coll)
        .filter(|coll| db.seeding.is_pending(*coll))
        .collect();
    run_parked(db, parked, |coll| !pending.contains(&coll));
}

/// Runs, in arrival order, the parked jobs whose collection `ready` accepts.
fn run_parked(db: &mut Db, parked: &mut Vec<(i64, Job)>, ready: impl Fn(i64) -> bool) {
    if !parked.iter().any(|(coll, _)| ready(*coll)) {
        return;
    }
    let (now, later): (Vec<_>, Vec<_>) = std::mem::take(parked)
        .into_iter()
        .partition(|(coll, _)| ready(*coll));
    *parked = later;
    for (_, job) in now {
        run_job(db, job);
    }
}

fn run_job(db: &mut Db, job: Job) {
    // A panic in one job drops its reply channel (the client gets an InternalServerError)
    // and must not take the store down with it.
    let _ = catch_unwind(AssertUnwindSafe(|| job(db)));
}
