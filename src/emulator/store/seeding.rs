//! Seeded users and faces written behind a serving store, so that `rekog serve --seed`
//! answers at once. The collection rows come first, with the counts the seed gives; the
//! rows of their users and faces follow in slices while no request waits, and a request
//! that reads or changes one collection's users or faces waits until that collection is
//! complete, so that every answer is whole.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use rusqlite::{Transaction, params};

use super::{Db, db_error, faces, users};
use crate::emulator::error::ApiError;
use crate::emulator::seed::{SyntheticFaces, user_id};
use crate::emulator::store::FaceRow;

/// Rows written between two looks at the queue: a request arriving meanwhile waits for at
/// most one batch (about half a millisecond in a release build).
const BATCH: u64 = 256;
/// The longest slice while nobody waits. Fewer, longer transactions write faster (each one
/// copies every page it changes to its rollback journal, and random face ids touch many);
/// the bound keeps that journal small.
const SLICE: Duration = Duration::from_millis(200);
/// Rows held in memory at once while writing.
const CHUNK: u64 = 8192;

/// The users and faces of one seeded collection that are not written yet.
#[derive(Debug, Clone)]
pub struct SeedRows {
    coll: i64,
    region: String,
    id: String,
    users: u64,
    users_written: u64,
    faces: SyntheticFaces,
    face_total: u64,
}

impl SeedRows {
    pub fn new(coll: i64, region: &str, id: &str, faces: u64, users: u64, people: u64) -> Self {
        SeedRows {
            coll,
            region: region.to_owned(),
            id: id.to_owned(),
            users,
            users_written: 0,
            faces: SyntheticFaces::new(region, id, faces, users, people),
            face_total: faces,
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Gives the collection, inside `tx`, the counts of everything it is going to hold.
    pub fn count(&self, tx: &Transaction<'_>) -> Result<(), ApiError> {
        tx.execute(
            "UPDATE collections SET face_count = ?2, user_count = ?3 WHERE pk = ?1",
            params![self.coll, self.face_total as i64, self.users as i64],
        )
        .map(drop)
        .map_err(db_error)
    }

    fn done(&self) -> bool {
        self.users_written == self.users && self.faces.remaining() == 0
    }

    /// A copy with more rows written inside `tx`, until they are done or `stop`. A copy, so
    /// that if the transaction fails the rows it did not keep stay pending.
    fn written(&self, tx: &Transaction<'_>, stop: &dyn Fn() -> bool) -> Result<Self, ApiError> {
        let mut rows = self.clone();
        loop {
            rows.write(tx, BATCH)?;
            if rows.done() || stop() {
                return Ok(rows);
            }
        }
    }

    fn left(&self) -> u64 {
        self.users - self.users_written + self.faces.remaining()
    }

    /// Writes up to `max` more rows inside `tx`: users first, then faces, in the order
    /// seeding has always written them.
    pub fn write(&mut self, tx: &Transaction<'_>, max: u64) -> Result<(), ApiError> {
        let mut budget = max;
        while budget > 0 && self.users_written < self.users {
            let n = (self.users - self.users_written).min(budget).min(CHUNK);
            let first = self.users_written + 1;
            let rows: Vec<(i64, String)> =
                (first..first + n).map(|k| (k as i64, user_id(k))).collect();
            users::insert_rows(tx, self.coll, &rows)?;
            self.users_written += n;
            budget -= n;
        }
        while budget > 0 && self.faces.remaining() > 0 {
            let n = budget.min(CHUNK);
            let rows: Vec<FaceRow> = self.faces.by_ref().take(n as usize).collect();
            faces::insert_rows(tx, self.coll, &rows)?;
            budget -= n;
        }
        Ok(())
    }
}

/// The seeded collections whose rows are still to be written.
#[derive(Debug, Default)]
pub struct Seeding {
    pending: HashMap<i64, SeedRows>,
    by_name: HashMap<(String, String), i64>,
    /// The order of background work, next last: the smallest first, so that most
    /// collections are complete soonest.
    order: Vec<i64>,
    /// A background slice failed; requests still complete their collections (and report
    /// the failure), but the idle store stops retrying.
    stalled: bool,
}

impl Seeding {
    pub fn add(&mut self, rows: Vec<SeedRows>) {
        for rows in rows.into_iter().filter(|r| !r.done()) {
            self.by_name
                .insert((rows.region.clone(), rows.id.clone()), rows.coll);
            self.pending.insert(rows.coll, rows);
        }
        let mut order: Vec<(u64, i64)> = self
            .pending
            .iter()
            .map(|(coll, rows)| (rows.left(), *coll))
            .collect();
        order.sort_by_key(|&(left, _)| std::cmp::Reverse(left));
        self.order = order.into_iter().map(|(_, coll)| coll).collect();
    }

    /// The collection `id` of `region` if its rows are not all written.
    pub fn pending(&self, region: &str, id: &str) -> Option<i64> {
        self.by_name
            .get(&(region.to_owned(), id.to_owned()))
            .copied()
    }

    pub fn is_pending(&self, coll: i64) -> bool {
        self.pending.contains_key(&coll)
    }

    /// Whether the idle store has rows to write.
    pub fn has_work(&self) -> bool {
        !self.stalled && !self.pending.is_empty()
    }

    /// Keeps what a committed transaction wrote: a complete collection leaves, one still
    /// short keeps its progress.
    fn settle(&mut self, rows: SeedRows) {
        if rows.done() {
            self.cancel(rows.coll);
        } else {
            self.pending.insert(rows.coll, rows);
        }
    }

    /// Forgets a collection, deleted before all its rows were written.
    pub fn cancel(&mut self, coll: i64) {
        if let Some(rows) = self.pending.remove(&coll) {
            self.by_name.remove(&(rows.region, rows.id));
        }
    }
}

impl Db {
    /// Writes the rows of `coll`, or of the next collection in line, in one transaction,
    /// until `interrupted` says that a request waits, or for one slice at most.
    pub fn seed_slice(
        &mut self,
        coll: Option<i64>,
        interrupted: &dyn Fn() -> bool,
    ) -> Result<(), ApiError> {
        let started = Instant::now();
        let stop = || interrupted() || started.elapsed() >= SLICE;
        if let Some(coll) = coll.filter(|c| self.seeding.is_pending(*c)) {
            return self.write_seed_rows(coll, &stop);
        }
        let written = self.write_background(&stop);
        if written.is_err() {
            self.seeding.stalled = true;
        }
        written
    }

    /// Writes the next collections in line, as many as the slice holds, in one
    /// transaction: most seeded collections hold a few rows, and a transaction each would
    /// cost far more than their rows (a fleet of 32,000 small collections spent most of the
    /// store thread's time opening and committing them).
    fn write_background(&mut self, stop: &dyn Fn() -> bool) -> Result<(), ApiError> {
        let mut worked: Vec<SeedRows> = Vec::new();
        let tx = self.conn.transaction().map_err(db_error)?;
        for coll in self.seeding.order.iter().rev() {
            let Some(rows) = self.seeding.pending.get(coll) else {
                continue;
            };
            let rows = rows.written(&tx, stop)?;
            let stopped = !rows.done();
            worked.push(rows);
            if stopped || stop() {
                break;
            }
        }
        tx.commit().map_err(db_error)?;
        for rows in worked {
            self.seeding.settle(rows);
        }
        // The next slice starts at the first collection still pending.
        let Seeding { order, pending, .. } = &mut self.seeding;
        while order.last().is_some_and(|coll| !pending.contains_key(coll)) {
            order.pop();
        }
        Ok(())
    }

    /// Completes a collection's seeded rows before a request reads or changes them.
    pub fn materialise(&mut self, coll: i64) -> Result<(), ApiError> {
        if !self.seeding.is_pending(coll) {
            return Ok(());
        }
        self.write_seed_rows(coll, &|| false)
    }

    /// Writes batches of `coll`'s rows in one transaction until they are done or `stop`.
    fn write_seed_rows(&mut self, coll: i64, stop: &dyn Fn() -> bool) -> Result<(), ApiError> {
        let Some(rows) = self.seeding.pending.get(&coll) else {
            return Ok(());
        };
        let tx = self.conn.transaction().map_err(db_error)?;
        let rows = rows.written(&tx, stop)?;
        tx.commit().map_err(db_error)?;
        self.seeding.settle(rows);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store with `n` seeded collections of two faces and one user, none written yet.
    fn planted(n: usize) -> Db {
        let collections: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"id":"c-{i}","faces":2,"users":1}}"#))
            .collect();
        Db::seeded(
            &format!(r#"{{"collections":[{}]}}"#, collections.join(",")),
            true,
        )
    }

    fn count(db: &Db, table: &str) -> i64 {
        db.conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn one_idle_slice_writes_many_small_collections() {
        let mut db = planted(50);
        assert_eq!((count(&db, "faces"), count(&db, "users")), (0, 0));
        db.seed_slice(None, &|| false).unwrap();
        assert!(!db.seeding.has_work(), "{} left", db.seeding.pending.len());
        assert!(db.seeding.order.is_empty());
        assert_eq!((count(&db, "faces"), count(&db, "users")), (100, 50));
    }

    #[test]
    fn a_waiting_request_ends_the_slice_after_the_collection_in_hand() {
        let mut db = planted(50);
        db.seed_slice(None, &|| true).unwrap();
        assert_eq!((db.seeding.pending.len(), db.seeding.order.len()), (49, 49));
        assert_eq!((count(&db, "faces"), count(&db, "users")), (2, 1));
        // The next slice goes on with the others, none written twice.
        db.seed_slice(None, &|| false).unwrap();
        assert!(!db.seeding.has_work());
        assert_eq!((count(&db, "faces"), count(&db, "users")), (100, 50));
    }
}
