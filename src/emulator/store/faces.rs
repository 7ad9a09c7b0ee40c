//! Faces of a collection: listing with filters (keyset on `seq`) and deletion.

use rusqlite::{OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::{Db, db_error};
use crate::emulator::error::ApiError;
use crate::emulator::likeness::Vector;
use crate::emulator::wire::BoundingBox;

/// One stored face; `seq` orders faces within a collection and is the keyset key.
#[derive(Debug, Clone, PartialEq)]
pub struct FaceRow {
    pub seq: i64,
    pub face_id: Uuid,
    pub image_id: Uuid,
    pub external_image_id: Option<String>,
    pub bounding_box: BoundingBox,
    pub confidence: f32,
    pub user_id: Option<String>,
    /// Written with the face; not read back by listings (the search reads the vectors).
    pub vector: Option<Vector>,
}

/// ListFaces' optional filters.
#[derive(Debug, Clone, Default)]
pub struct FaceFilter {
    pub user_id: Option<String>,
    pub face_ids: Option<Vec<Uuid>>,
}

/// A face DeleteFaces left in place: its id, its user, and the model's reason.
pub type Undeleted = (Uuid, Option<String>, &'static str);

const COLUMNS: &str =
    "seq, face_id, image_id, external_image_id, width, height, left, top, confidence, user_id";

fn face(r: &Row<'_>) -> rusqlite::Result<FaceRow> {
    let uuid = |i: usize| -> rusqlite::Result<Uuid> {
        let bytes: [u8; 16] = r.get(i)?;
        Ok(Uuid::from_bytes(bytes))
    };
    Ok(FaceRow {
        seq: r.get(0)?,
        face_id: uuid(1)?,
        image_id: uuid(2)?,
        external_image_id: r.get(3)?,
        bounding_box: BoundingBox {
            width: r.get(4)?,
            height: r.get(5)?,
            left: r.get(6)?,
            top: r.get(7)?,
        },
        confidence: r.get(8)?,
        user_id: r.get(9)?,
        vector: None,
    })
}

/// The face with key `seq`, if it is still there.
pub fn by_seq(db: &Db, coll: i64, seq: i64) -> Result<Option<FaceRow>, ApiError> {
    db.conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM faces WHERE coll = ?1 AND seq = ?2"
        ))
        .and_then(|mut s| s.query_row(params![coll, seq], face).optional())
        .map_err(db_error)
}

/// Inserts faces inside `tx`. The collection's count is the caller's: a seed sets it once
/// for all of its faces.
pub fn insert_rows(tx: &Transaction<'_>, coll: i64, faces: &[FaceRow]) -> Result<(), ApiError> {
    let mut stmt = tx
        .prepare_cached(&format!(
            "INSERT INTO faces(coll, {COLUMNS}, vector)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
        ))
        .map_err(db_error)?;
    for f in faces {
        let b = f.bounding_box;
        stmt.execute(params![
            coll,
            f.seq,
            f.face_id.as_bytes(),
            f.image_id.as_bytes(),
            f.external_image_id,
            b.width,
            b.height,
            b.left,
            b.top,
            f.confidence,
            f.user_id,
            f.vector.as_ref().map(|v| v.map(|c| c as u8).to_vec()),
        ])
        .map_err(db_error)?;
    }
    Ok(())
}

/// One page of faces: a seek on the primary key to `seq > ?2`, then `?3` rows in order,
/// so a page costs the same at the end of a million faces as at the start.
const PAGE: &str = "FROM faces WHERE coll = ?1 AND seq > ?2 AND ?4 IS NULL ORDER BY seq LIMIT ?3";
/// One page of a user's faces. Without statistics the planner prefers the primary key here
/// (its order is the ORDER BY) and filters the whole rest of the collection for a user's few
/// faces; INDEXED BY makes it seek to (coll, user, seq) instead, or fail to prepare.
const PAGE_OF_USER: &str = "FROM faces INDEXED BY faces_by_user
    WHERE coll = ?1 AND user_id = ?4 AND seq > ?2 ORDER BY seq LIMIT ?3";

fn page_sql(from: &str) -> String {
    format!("SELECT {COLUMNS} {from}")
}

impl Db {
    /// Up to `limit` faces with `seq > after`, in `seq` order, matching `filter`.
    pub fn list_faces(
        &mut self,
        coll: i64,
        after: i64,
        limit: u32,
        filter: &FaceFilter,
    ) -> Result<Vec<FaceRow>, ApiError> {
        self.materialise(coll)?;
        let limit = limit as usize;
        if let Some(ids) = &filter.face_ids {
            let mut stmt = self
                .conn
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM faces WHERE coll = ?1 AND face_id = ?2"
                ))
                .map_err(db_error)?;
            let mut rows = Vec::new();
            for id in ids {
                let row = stmt
                    .query_row(params![coll, id.as_bytes()], face)
                    .optional()
                    .map_err(db_error)?;
                rows.extend(row.filter(|f| {
                    f.seq > after && (filter.user_id.is_none() || f.user_id == filter.user_id)
                }));
            }
            rows.sort_by_key(|f| f.seq);
            rows.dedup_by_key(|f| f.seq);
            rows.truncate(limit);
            return Ok(rows);
        }
        let (sql, user) = match &filter.user_id {
            Some(user) => (page_sql(PAGE_OF_USER), Some(user)),
            None => (page_sql(PAGE), None),
        };
        let mut stmt = self.conn.prepare_cached(&sql).map_err(db_error)?;
        stmt.query_map(params![coll, after, limit as i64, user], face)
            .and_then(|rows| rows.collect())
            .map_err(db_error)
    }

    /// Deletes the faces it can; reports the others with the model's reasons.
    pub fn delete_faces(
        &mut self,
        coll: i64,
        ids: &[Uuid],
    ) -> Result<(Vec<Uuid>, Vec<Undeleted>), ApiError> {
        self.materialise(coll)?;
        let tx = self.conn.transaction().map_err(db_error)?;
        let (mut deleted, mut failed) = (Vec::new(), Vec::new());
        let mut seqs = Vec::new();
        {
            let mut find = tx
                .prepare_cached("SELECT seq, user_id FROM faces WHERE coll = ?1 AND face_id = ?2")
                .map_err(db_error)?;
            let mut delete = tx
                .prepare_cached("DELETE FROM faces WHERE coll = ?1 AND face_id = ?2")
                .map_err(db_error)?;
            for id in ids {
                let found: Option<(i64, Option<String>)> = find
                    .query_row(params![coll, id.as_bytes()], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
                    .map_err(db_error)?;
                match found {
                    None => failed.push((*id, None, "FACE_NOT_FOUND")),
                    Some((_, Some(user))) => {
                        failed.push((*id, Some(user), "ASSOCIATED_TO_AN_EXISTING_USER"))
                    }
                    Some((seq, None)) => {
                        delete
                            .execute(params![coll, id.as_bytes()])
                            .map_err(db_error)?;
                        deleted.push(*id);
                        seqs.push(seq);
                    }
                }
            }
        }
        tx.execute(
            "UPDATE collections SET face_count = face_count - ?2 WHERE pk = ?1",
            params![coll, deleted.len() as i64],
        )
        .map_err(db_error)?;
        tx.commit().map_err(db_error)?;
        self.forget_vectors(coll, &seqs);
        Ok((deleted, failed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(db: &Db, sql: &str) -> String {
        let mut stmt = db
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let args = params![1, 0, 10, None::<String>];
        let rows = stmt.query_map(args, |r| r.get::<_, String>(3)).unwrap();
        rows.collect::<Result<Vec<_>, _>>().unwrap().join("; ")
    }

    #[test]
    fn every_page_seeks_its_start() {
        let db = Db::open(None).unwrap();
        let all = plan(&db, &page_sql(PAGE));
        assert_eq!(all, "SEARCH faces USING PRIMARY KEY (coll=? AND seq>?)");
        let of_user = plan(&db, &page_sql(PAGE_OF_USER));
        assert_eq!(
            of_user,
            "SEARCH faces USING INDEX faces_by_user (coll=? AND user_id=? AND seq>?)"
        );
    }
}
