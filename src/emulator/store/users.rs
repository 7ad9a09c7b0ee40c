//! Users of a collection. CreateUser and DeleteUser are idempotent on ClientRequestToken:
//! a retry with the same token and user succeeds again, a reuse for another user does not.
//! A token belongs to its operation: CreateUser and DeleteUser may each use it once.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Db, db_error};
use crate::emulator::error::{ApiError, ErrorKind};

/// One user; `seq` is the keyset key. A user with associated faces is ACTIVE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    pub seq: i64,
    pub user_id: String,
    pub active: bool,
}

/// Inserts users inside `tx` (ids must be new); the collection's count is the caller's.
pub fn insert_rows(
    tx: &Transaction<'_>,
    coll: i64,
    users: &[(i64, String)],
) -> Result<(), ApiError> {
    let mut stmt = tx
        .prepare_cached("INSERT INTO users(coll, seq, user_id) VALUES (?1, ?2, ?3)")
        .map_err(db_error)?;
    for (seq, user_id) in users {
        stmt.execute(params![coll, seq, user_id])
            .map_err(db_error)?;
    }
    Ok(())
}

/// Inserts users inside `tx` (ids must be new) and adds them to the collection's count.
fn insert(tx: &Transaction<'_>, coll: i64, users: &[(i64, String)]) -> Result<(), ApiError> {
    insert_rows(tx, coll, users)?;
    tx.execute(
        "UPDATE collections SET user_count = user_count + ?2 WHERE pk = ?1",
        params![coll, users.len() as i64],
    )
    .map_err(db_error)?;
    Ok(())
}

/// `Ok(true)` when this token already did exactly this; an error when it did this operation
/// to another user.
fn replayed(
    tx: &Transaction<'_>,
    coll: i64,
    token: Option<&str>,
    op: &str,
    user_id: &str,
) -> Result<bool, ApiError> {
    let Some(token) = token else {
        return Ok(false);
    };
    let seen: Option<String> = tx
        .query_row(
            "SELECT user_id FROM user_requests WHERE coll = ?1 AND op = ?2 AND token = ?3",
            params![coll, op, token],
            |r| r.get(0),
        )
        .optional()
        .map_err(db_error)?;
    match seen {
        None => Ok(false),
        Some(seen_user) if seen_user == user_id => Ok(true),
        Some(_) => Err(token_mismatch(token)),
    }
}

/// A ClientRequestToken used again for a different request of the same operation.
pub fn token_mismatch(token: &str) -> ApiError {
    ApiError::new(
        ErrorKind::IdempotentParameterMismatch,
        format!("ClientRequestToken {token} was already used with different parameters"),
    )
}

pub fn no_such_user(user_id: &str, collection_id: &str) -> ApiError {
    ApiError::not_found(format!(
        "The user id: {user_id} does not exist in collection {collection_id}"
    ))
}

fn remember(
    tx: &Transaction<'_>,
    coll: i64,
    token: Option<&str>,
    op: &str,
    user_id: &str,
) -> Result<(), ApiError> {
    if let Some(token) = token {
        tx.execute(
            "INSERT INTO user_requests(coll, op, token, user_id) VALUES (?1, ?2, ?3, ?4)",
            params![coll, op, token, user_id],
        )
        .map_err(db_error)?;
    }
    Ok(())
}

pub fn exists(tx: &Transaction<'_>, coll: i64, user_id: &str) -> Result<bool, ApiError> {
    tx.query_row(
        "SELECT 1 FROM users WHERE coll = ?1 AND user_id = ?2",
        params![coll, user_id],
        |_| Ok(()),
    )
    .optional()
    .map(|found| found.is_some())
    .map_err(db_error)
}

impl Db {
    pub fn create_user(
        &mut self,
        coll: i64,
        collection_id: &str,
        user_id: &str,
        token: Option<&str>,
    ) -> Result<(), ApiError> {
        self.materialise(coll)?;
        let tx = self.conn.transaction().map_err(db_error)?;
        if replayed(&tx, coll, token, "create", user_id)? {
            return Ok(());
        }
        if exists(&tx, coll, user_id)? {
            return Err(ApiError::new(
                ErrorKind::Conflict,
                format!("The user id: {user_id} already exists in collection {collection_id}"),
            ));
        }
        let seq: i64 = tx
            .query_row(
                "SELECT coalesce(max(seq), 0) + 1 FROM users WHERE coll = ?1",
                [coll],
                |r| r.get(0),
            )
            .map_err(db_error)?;
        insert(&tx, coll, &[(seq, user_id.to_owned())])?;
        remember(&tx, coll, token, "create", user_id)?;
        tx.commit().map_err(db_error)
    }

    /// Deletes a user after disassociating its faces, as the service does.
    pub fn delete_user(
        &mut self,
        coll: i64,
        collection_id: &str,
        user_id: &str,
        token: Option<&str>,
    ) -> Result<(), ApiError> {
        self.materialise(coll)?;
        let tx = self.conn.transaction().map_err(db_error)?;
        if replayed(&tx, coll, token, "delete", user_id)? {
            return Ok(());
        }
        if !exists(&tx, coll, user_id)? {
            return Err(no_such_user(user_id, collection_id));
        }
        tx.execute(
            "UPDATE faces SET user_id = NULL WHERE coll = ?1 AND user_id = ?2",
            params![coll, user_id],
        )
        .map_err(db_error)?;
        tx.execute(
            "DELETE FROM users WHERE coll = ?1 AND user_id = ?2",
            params![coll, user_id],
        )
        .map_err(db_error)?;
        tx.execute(
            "UPDATE collections SET user_count = user_count - 1 WHERE pk = ?1",
            [coll],
        )
        .map_err(db_error)?;
        remember(&tx, coll, token, "delete", user_id)?;
        tx.commit().map_err(db_error)
    }

    pub fn list_users(
        &mut self,
        coll: i64,
        after: i64,
        limit: u32,
    ) -> Result<Vec<UserRow>, ApiError> {
        self.materialise(coll)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT seq, user_id, EXISTS(SELECT 1 FROM faces f
                     WHERE f.coll = u.coll AND f.user_id = u.user_id)
                 FROM users u WHERE coll = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
            )
            .map_err(db_error)?;
        stmt.query_map(params![coll, after, limit], |r| {
            Ok(UserRow {
                seq: r.get(0)?,
                user_id: r.get(1)?,
                active: r.get(2)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(db_error)
    }
}
