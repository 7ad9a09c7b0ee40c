//! The faces' vectors, and the searches over them. Each collection's vectors are read
//! from the table into memory the first time a search needs them and kept in step with
//! IndexFaces, DeleteFaces and DeleteCollection after that: comparing a face with a million
//! others in memory takes milliseconds, reading a million rows most of a second.

use std::collections::HashSet;

use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use super::faces::{self, FaceRow};
use super::{Db, db_error};
use crate::emulator::error::ApiError;
use crate::emulator::likeness::{self, DIMS, Vector, synthetic};
use crate::emulator::seed::Rng;

/// The vectors of one collection, in `seq` order.
#[derive(Debug, Default)]
pub struct Index {
    seqs: Vec<i64>,
    vectors: Vec<Vector>,
    norms: Vec<f32>,
}

/// A face found by a search: its key and its similarity to the searched face.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub seq: i64,
    pub similarity: f32,
}

impl Index {
    fn push(&mut self, seq: i64, vector: Vector) {
        self.seqs.push(seq);
        self.norms.push(likeness::norm(&vector));
        self.vectors.push(vector);
    }

    fn forget(&mut self, gone: &HashSet<i64>) {
        let keep: Vec<bool> = self.seqs.iter().map(|s| !gone.contains(s)).collect();
        let mut k = keep.iter();
        self.seqs.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        self.vectors.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        self.norms.retain(|_| *k.next().unwrap_or(&true));
    }

    /// The faces at `threshold` or above, the most similar first, at most `limit`;
    /// `skip` is the searched face itself.
    pub fn search(
        &self,
        query: &Vector,
        threshold: f32,
        limit: usize,
        skip: Option<i64>,
    ) -> Vec<Match> {
        let qn = likeness::norm(query);
        if qn <= 0.0 || limit == 0 {
            return Vec::new();
        }
        // A cosine bar, so that a face below it costs one dot product and one compare.
        let bar = likeness::cosine_of_similarity(threshold) * qn;
        let mut found: Vec<(usize, f32)> = Vec::new();
        for (i, (v, &n)) in self.vectors.iter().zip(&self.norms).enumerate() {
            let d = likeness::dot(query, v) as f32;
            if d >= bar * n && n > 0.0 {
                found.push((i, d / (qn * n)));
            }
        }
        if let Some(skip) = skip {
            found.retain(|&(i, _)| self.seqs[i] != skip);
        }
        let by_cosine = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1);
        if found.len() > limit {
            found.select_nth_unstable_by(limit - 1, by_cosine);
            found.truncate(limit);
        }
        found.sort_by(by_cosine);
        found
            .into_iter()
            .map(|(i, cosine)| Match {
                seq: self.seqs[i],
                similarity: likeness::similarity_of_cosine(cosine),
            })
            // The cosine bar is exact up to rounding; the answer honours the threshold.
            .filter(|m| m.similarity >= threshold)
            .collect()
    }
}

/// The vector of a face stored without one (by a rekog before vectors): its own, from its
/// id, like no other face.
pub fn own_vector(face_id: &Uuid) -> Vector {
    let (hi, lo) = face_id.as_u64_pair();
    let mut rng = Rng::new(hi ^ lo.rotate_left(17));
    let mut face = rng.clone();
    synthetic::face(|| rng.next(), || face.next())
}

fn read_vector(blob: Option<Vec<u8>>, face_id: &Uuid) -> Vector {
    match blob {
        Some(bytes) if bytes.len() == DIMS => {
            let mut v = [0i8; DIMS];
            for (c, b) in v.iter_mut().zip(bytes) {
                *c = b as i8;
            }
            v
        }
        _ => own_vector(face_id),
    }
}

impl Db {
    /// Reads `coll`'s vectors into memory unless they are there already.
    fn load_vectors(&mut self, coll: i64) -> Result<(), ApiError> {
        self.materialise(coll)?;
        if self.indexes.contains_key(&coll) {
            return Ok(());
        }
        let mut index = Index::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, face_id, vector FROM faces WHERE coll = ?1 ORDER BY seq")
            .map_err(db_error)?;
        let rows = stmt
            .query_map([coll], |r| {
                let bytes: [u8; 16] = r.get(1)?;
                Ok((r.get::<_, i64>(0)?, Uuid::from_bytes(bytes), r.get(2)?))
            })
            .map_err(db_error)?;
        for row in rows {
            let (seq, face_id, blob) = row.map_err(db_error)?;
            index.push(seq, read_vector(blob, &face_id));
        }
        drop(stmt);
        self.indexes.insert(coll, index);
        Ok(())
    }

    /// Drops deleted faces from the in-memory vectors.
    pub fn forget_vectors(&mut self, coll: i64, seqs: &[i64]) {
        if let Some(index) = self.indexes.get_mut(&coll) {
            index.forget(&seqs.iter().copied().collect());
        }
    }

    /// Drops a deleted collection's vectors.
    pub fn drop_vectors(&mut self, coll: i64) {
        self.indexes.remove(&coll);
    }

    /// Adds one face (IndexFaces) after every face `coll` has; returns its key.
    pub fn add_face(&mut self, coll: i64, mut row: FaceRow) -> Result<i64, ApiError> {
        self.materialise(coll)?;
        let vector = row
            .vector
            .ok_or_else(|| ApiError::internal("A face without a vector"))?;
        let tx = self.conn.transaction().map_err(db_error)?;
        let seq: i64 = tx
            .query_row(
                "SELECT coalesce(max(seq), 0) + 1 FROM faces WHERE coll = ?1",
                [coll],
                |r| r.get(0),
            )
            .map_err(db_error)?;
        row.seq = seq;
        faces::insert_rows(&tx, coll, std::slice::from_ref(&row))?;
        tx.execute(
            "UPDATE collections SET face_count = face_count + 1 WHERE pk = ?1",
            [coll],
        )
        .map_err(db_error)?;
        tx.commit().map_err(db_error)?;
        if let Some(index) = self.indexes.get_mut(&coll) {
            index.push(seq, vector);
        }
        Ok(seq)
    }

    /// A face's key and vector, if `coll` holds it.
    pub fn face_vector(
        &mut self,
        coll: i64,
        face_id: &Uuid,
    ) -> Result<Option<(i64, Vector)>, ApiError> {
        self.materialise(coll)?;
        let found: Option<(i64, Option<Vec<u8>>)> = self
            .conn
            .prepare_cached("SELECT seq, vector FROM faces WHERE coll = ?1 AND face_id = ?2")
            .and_then(|mut s| {
                s.query_row(params![coll, face_id.as_bytes()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()
            })
            .map_err(db_error)?;
        Ok(found.map(|(seq, blob)| (seq, read_vector(blob, face_id))))
    }

    /// The vectors of a user's faces.
    pub fn user_vectors(&mut self, coll: i64, user_id: &str) -> Result<Vec<Vector>, ApiError> {
        self.materialise(coll)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT face_id, vector FROM faces INDEXED BY faces_by_user
                 WHERE coll = ?1 AND user_id = ?2",
            )
            .map_err(db_error)?;
        let rows = stmt
            .query_map(params![coll, user_id], |r| {
                let bytes: [u8; 16] = r.get(0)?;
                Ok((Uuid::from_bytes(bytes), r.get::<_, Option<Vec<u8>>>(1)?))
            })
            .map_err(db_error)?;
        rows.map(|row| {
            row.map(|(id, blob)| read_vector(blob, &id))
                .map_err(db_error)
        })
        .collect()
    }

    /// The faces most like `query`, with their similarity.
    pub fn search_faces(
        &mut self,
        coll: i64,
        query: &Vector,
        threshold: f32,
        limit: usize,
        skip: Option<i64>,
    ) -> Result<Vec<(FaceRow, f32)>, ApiError> {
        self.load_vectors(coll)?;
        let Some(index) = self.indexes.get(&coll) else {
            return Ok(Vec::new());
        };
        let matches = index.search(query, threshold, limit, skip);
        let mut out = Vec::with_capacity(matches.len());
        for m in matches {
            if let Some(face) = faces::by_seq(self, coll, m.seq)? {
                out.push((face, m.similarity));
            }
        }
        Ok(out)
    }

    /// The users most like `query`, each as like as the best of its faces, at most `limit`;
    /// `skip_face` is the searched face, `skip_user` the searched user.
    pub fn search_users(
        &mut self,
        coll: i64,
        query: &Vector,
        threshold: f32,
        limit: usize,
        skip_face: Option<i64>,
        skip_user: Option<&str>,
    ) -> Result<Vec<(String, f32)>, ApiError> {
        self.load_vectors(coll)?;
        let Some(index) = self.indexes.get(&coll) else {
            return Ok(Vec::new());
        };
        let matches = index.search(query, threshold, usize::MAX, skip_face);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT user_id FROM faces WHERE coll = ?1 AND seq = ?2")
            .map_err(db_error)?;
        let mut seen: HashSet<String> = HashSet::new();
        let mut out = Vec::new();
        // The most similar face first: a user's first face found is its best.
        for m in matches {
            if out.len() >= limit {
                break;
            }
            let user: Option<Option<String>> = stmt
                .query_row(params![coll, m.seq], |r| r.get(0))
                .optional()
                .map_err(db_error)?;
            let Some(Some(user)) = user else { continue };
            if skip_user == Some(user.as_str()) || !seen.insert(user.clone()) {
                continue;
            }
            out.push((user, m.similarity));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
