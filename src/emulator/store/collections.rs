//! Collections: create, describe, list (keyset on the internal key), delete.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Db, db_error};
use crate::emulator::error::{ApiError, ErrorKind};
use crate::emulator::wire::Tags;

/// One collection as stored; `pk` is internal, never reused, and the keyset order.
#[derive(Debug, Clone, PartialEq)]
pub struct CollectionRow {
    pub pk: i64,
    pub id: String,
    pub created: f64,
    pub face_model_version: String,
    pub face_count: u64,
    pub user_count: u64,
}

/// What a new collection starts with.
pub struct NewCollection<'a> {
    pub region: &'a str,
    pub id: &'a str,
    pub created: f64,
    pub face_model_version: &'a str,
    pub tags: &'a Tags,
}

pub fn already_exists(id: &str) -> ApiError {
    ApiError::new(
        ErrorKind::ResourceAlreadyExists,
        format!("The collection id: {id} already exists"),
    )
}

/// Inserts a collection and its tags inside `tx`; the caller commits.
pub fn insert(tx: &Transaction<'_>, new: &NewCollection<'_>) -> Result<i64, ApiError> {
    let inserted = tx
        .prepare_cached(
            "INSERT INTO collections(region, id, created, face_model_version)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT(region, id) DO NOTHING",
        )
        .and_then(|mut s| {
            s.execute(params![
                new.region,
                new.id,
                new.created,
                new.face_model_version
            ])
        })
        .map_err(db_error)?;
    if inserted == 0 {
        return Err(already_exists(new.id));
    }
    let pk = tx.last_insert_rowid();
    super::tags::put(tx, pk, new.tags)?;
    Ok(pk)
}

impl Db {
    pub fn create_collection(&mut self, new: &NewCollection<'_>) -> Result<i64, ApiError> {
        let tx = self.conn.transaction().map_err(db_error)?;
        let pk = insert(&tx, new)?;
        tx.commit().map_err(db_error)?;
        Ok(pk)
    }

    pub fn find_collection(
        &self,
        region: &str,
        id: &str,
    ) -> Result<Option<CollectionRow>, ApiError> {
        self.conn
            .prepare_cached(
                "SELECT pk, id, created, face_model_version, face_count, user_count
                 FROM collections WHERE region = ?1 AND id = ?2",
            )
            .and_then(|mut s| {
                s.query_row(params![region, id], |r| {
                    Ok(CollectionRow {
                        pk: r.get(0)?,
                        id: r.get(1)?,
                        created: r.get(2)?,
                        face_model_version: r.get(3)?,
                        face_count: r.get::<_, i64>(4)?.max(0) as u64,
                        user_count: r.get::<_, i64>(5)?.max(0) as u64,
                    })
                })
                .optional()
            })
            .map_err(db_error)
    }

    /// The collection or ResourceNotFoundException naming it.
    pub fn collection(&self, region: &str, id: &str) -> Result<CollectionRow, ApiError> {
        self.find_collection(region, id)?
            .ok_or_else(|| ApiError::collection_not_found(id))
    }

    /// Up to `limit` collections after internal key `after`: (pk, id, face model version).
    pub fn list_collections(
        &self,
        region: &str,
        after: i64,
        limit: u32,
    ) -> Result<Vec<(i64, String, String)>, ApiError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT pk, id, face_model_version FROM collections
                 WHERE region = ?1 AND pk > ?2 ORDER BY pk LIMIT ?3",
            )
            .map_err(db_error)?;
        let rows = stmt
            .query_map(params![region, after, limit], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(db_error)?;
        Ok(rows)
    }

    /// Removes the collection, its tags and idempotency records in one transaction. Its
    /// faces and users are queued for [`Db::collect_garbage`]: they are unreachable at
    /// once (keys are never reused), and a million rows are reclaimed while idle instead
    /// of inside this call.
    pub fn delete_collection(&mut self, region: &str, id: &str) -> Result<(), ApiError> {
        let tx = self.conn.transaction().map_err(db_error)?;
        let pk: Option<i64> = tx
            .query_row(
                "DELETE FROM collections WHERE region = ?1 AND id = ?2 RETURNING pk",
                params![region, id],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_error)?;
        let pk = pk.ok_or_else(|| ApiError::collection_not_found(id))?;
        for table in ["tags", "user_requests", "face_requests"] {
            tx.execute(&format!("DELETE FROM {table} WHERE coll = ?1"), [pk])
                .map_err(db_error)?;
        }
        tx.execute("INSERT INTO garbage(coll) VALUES (?1)", [pk])
            .map_err(db_error)?;
        tx.commit().map_err(db_error)?;
        self.has_garbage = true;
        self.drop_vectors(pk);
        // Rows it never got are not written now: the key is never reused.
        self.seeding.cancel(pk);
        Ok(())
    }

    /// Reclaims one bounded chunk of a deleted collection's rows; false when none is left.
    pub fn collect_garbage(&mut self) -> rusqlite::Result<bool> {
        // Small enough that a request arriving meanwhile waits only a few milliseconds.
        const CHUNK: i64 = 500;
        let tx = self.conn.transaction()?;
        let coll: Option<i64> = tx
            .query_row("SELECT coll FROM garbage LIMIT 1", [], |r| r.get(0))
            .optional()?;
        let Some(coll) = coll else {
            tx.commit()?;
            self.has_garbage = false;
            return Ok(false);
        };
        let mut removed = 0;
        for table in ["faces", "users"] {
            // Deleting a leading range of the primary key keeps each chunk sequential.
            let bound: Option<i64> = tx.query_row(
                &format!(
                    "SELECT max(seq) FROM (SELECT seq FROM {table} WHERE coll = ?1 \
                     ORDER BY seq LIMIT ?2)"
                ),
                params![coll, CHUNK],
                |r| r.get(0),
            )?;
            if let Some(bound) = bound {
                removed += tx.execute(
                    &format!("DELETE FROM {table} WHERE coll = ?1 AND seq <= ?2"),
                    params![coll, bound],
                )?;
                break;
            }
        }
        if removed == 0 {
            tx.execute("DELETE FROM garbage WHERE coll = ?1", [coll])?;
        }
        tx.commit()?;
        Ok(true)
    }
}
