//! Tags of a collection.

use rusqlite::{Transaction, params};

use super::{Db, db_error};
use crate::emulator::error::{ApiError, ErrorKind};
use crate::emulator::validate::MAX_TAGS;
use crate::emulator::wire::Tags;

/// Sets (adds or overwrites) tags inside `tx`, refusing to go over the per-resource quota.
pub fn put(tx: &Transaction<'_>, coll: i64, tags: &Tags) -> Result<(), ApiError> {
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO tags(coll, key, value) VALUES (?1, ?2, ?3)
             ON CONFLICT(coll, key) DO UPDATE SET value = excluded.value",
        )
        .map_err(db_error)?;
    for (key, value) in tags {
        insert
            .execute(params![coll, key, value])
            .map_err(db_error)?;
    }
    let count: i64 = tx
        .query_row("SELECT count(*) FROM tags WHERE coll = ?1", [coll], |r| {
            r.get(0)
        })
        .map_err(db_error)?;
    if count > MAX_TAGS as i64 {
        return Err(ApiError::new(
            ErrorKind::ServiceQuotaExceeded,
            format!(
                "A resource can have at most {MAX_TAGS} tags; this request would give it {count}"
            ),
        ));
    }
    Ok(())
}

impl Db {
    pub fn tag(&mut self, region: &str, id: &str, tags: &Tags) -> Result<(), ApiError> {
        let coll = self.collection(region, id)?.pk;
        let tx = self.conn.transaction().map_err(db_error)?;
        put(&tx, coll, tags)?;
        tx.commit().map_err(db_error)
    }

    pub fn untag(&mut self, region: &str, id: &str, keys: &[String]) -> Result<(), ApiError> {
        let coll = self.collection(region, id)?.pk;
        let tx = self.conn.transaction().map_err(db_error)?;
        {
            let mut delete = tx
                .prepare_cached("DELETE FROM tags WHERE coll = ?1 AND key = ?2")
                .map_err(db_error)?;
            for key in keys {
                delete.execute(params![coll, key]).map_err(db_error)?;
            }
        }
        tx.commit().map_err(db_error)
    }

    pub fn tags(&self, region: &str, id: &str) -> Result<Tags, ApiError> {
        let coll = self.collection(region, id)?.pk;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, value FROM tags WHERE coll = ?1")
            .map_err(db_error)?;
        stmt.query_map([coll], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect::<Result<Tags, _>>())
            .map_err(db_error)
    }
}
