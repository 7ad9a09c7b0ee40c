//! The tables, and bringing a database file of an older rekog up to date. `user_version`
//! records the schema a file has; a file from a newer rekog is refused, not guessed at.

use rusqlite::{Connection, TransactionBehavior};

pub const SCHEMA_VERSION: i64 = 4;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS collections(
    pk INTEGER PRIMARY KEY AUTOINCREMENT,
    region TEXT NOT NULL,
    id TEXT NOT NULL,
    created REAL NOT NULL,
    face_model_version TEXT NOT NULL,
    face_count INTEGER NOT NULL DEFAULT 0,
    user_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE(region, id));
CREATE INDEX IF NOT EXISTS collections_by_region ON collections(region, pk);
CREATE TABLE IF NOT EXISTS faces(
    coll INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    face_id BLOB NOT NULL,
    image_id BLOB NOT NULL,
    external_image_id TEXT,
    width REAL NOT NULL, height REAL NOT NULL, left REAL NOT NULL, top REAL NOT NULL,
    confidence REAL NOT NULL,
    user_id TEXT,
    vector BLOB,
    PRIMARY KEY(coll, seq)) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS faces_by_id ON faces(coll, face_id);
CREATE INDEX IF NOT EXISTS faces_by_user ON faces(coll, user_id, seq) WHERE user_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS users(
    coll INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY(coll, seq)) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS users_by_id ON users(coll, user_id);
CREATE TABLE IF NOT EXISTS tags(
    coll INTEGER NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY(coll, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS garbage(coll INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS user_requests(
    coll INTEGER NOT NULL,
    op TEXT NOT NULL,
    token TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY(coll, op, token)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS face_requests(
    coll INTEGER NOT NULL,
    op TEXT NOT NULL,
    token TEXT NOT NULL,
    request TEXT NOT NULL,
    response TEXT NOT NULL,
    PRIMARY KEY(coll, op, token)) WITHOUT ROWID;
";

/// Version 1 kept one idempotency record per (collection, token), so a token used by
/// CreateUser could not be used by DeleteUser. Its records stay valid for their operation.
const FROM_1: &str = "
CREATE TABLE user_requests_2(
    coll INTEGER NOT NULL,
    op TEXT NOT NULL,
    token TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY(coll, op, token)) WITHOUT ROWID;
INSERT INTO user_requests_2(coll, op, token, user_id)
    SELECT coll, op, token, user_id FROM user_requests;
DROP TABLE user_requests;
ALTER TABLE user_requests_2 RENAME TO user_requests;
";

fn refuse(message: String) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_MISMATCH),
        Some(message),
    )
}

/// Creates the tables of a new database or migrates an older one, in one transaction: a
/// process killed half way leaves the file as it was.
pub fn prepare(conn: &mut Connection) -> rusqlite::Result<()> {
    // IMMEDIATE: two processes opening one old file must not both migrate it.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    match version {
        0 | SCHEMA_VERSION => {}
        1 => tx.execute_batch(FROM_1)?,
        // Version 3 only adds face_requests, which SCHEMA creates; version 4 the faces'
        // vectors, added below.
        2 | 3 => {}
        newer if newer > SCHEMA_VERSION => {
            return Err(refuse(format!(
                "the database has schema version {newer}, newer than this rekog ({SCHEMA_VERSION})"
            )));
        }
        other => return Err(refuse(format!("unknown schema version {other}"))),
    }
    tx.execute_batch(SCHEMA)?;
    // Faces of versions 2 and 3 have no vector; NULL stands for one of their own.
    let has_vector: bool = tx.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info('faces') WHERE name = 'vector'",
        [],
        |r| r.get(0),
    )?;
    if !has_vector {
        tx.execute_batch("ALTER TABLE faces ADD COLUMN vector BLOB")?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use rusqlite::params;

    use super::super::Db;

    /// The tables as rekog with schema version 1 created them.
    const VERSION_1: &str = "
        CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL);
        CREATE TABLE collections(
            pk INTEGER PRIMARY KEY AUTOINCREMENT, region TEXT NOT NULL, id TEXT NOT NULL,
            created REAL NOT NULL, face_model_version TEXT NOT NULL,
            face_count INTEGER NOT NULL DEFAULT 0, user_count INTEGER NOT NULL DEFAULT 0,
            UNIQUE(region, id));
        CREATE TABLE users(coll INTEGER NOT NULL, seq INTEGER NOT NULL, user_id TEXT NOT NULL,
            PRIMARY KEY(coll, seq)) WITHOUT ROWID;
        CREATE UNIQUE INDEX users_by_id ON users(coll, user_id);
        CREATE TABLE user_requests(coll INTEGER NOT NULL, token TEXT NOT NULL,
            op TEXT NOT NULL, user_id TEXT NOT NULL,
            PRIMARY KEY(coll, token)) WITHOUT ROWID;
        INSERT INTO meta VALUES ('token_secret', x'00112233');
        INSERT INTO collections(region, id, created, face_model_version, user_count)
            VALUES ('us-east-1', 'kept', 0, '7.0', 1);
        INSERT INTO users VALUES (1, 1, 'alice');
        INSERT INTO user_requests VALUES (1, 'tok', 'create', 'alice');
        PRAGMA user_version = 1;";

    #[test]
    fn a_version_1_file_is_migrated_and_keeps_its_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch(VERSION_1)
            .unwrap();
        let mut db = Db::open(Some(&path)).unwrap();
        assert_eq!(db.secret, [0x00, 0x11, 0x22, 0x33]);
        let version: i64 = db
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, super::SCHEMA_VERSION);
        // The old record still makes a retry of its CreateUser a success...
        db.create_user(1, "kept", "alice", Some("tok")).unwrap();
        // ...and the same token is now free for DeleteUser.
        db.delete_user(1, "kept", "alice", Some("tok")).unwrap();
        let ops: Vec<String> = db
            .conn
            .prepare("SELECT op FROM user_requests WHERE token = 'tok' ORDER BY op")
            .unwrap()
            .query_map(params![], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(ops, ["create", "delete"]);
        drop(db);
        // Opening it again changes nothing.
        Db::open(Some(&path)).unwrap();
    }

    #[test]
    fn a_version_2_file_gets_the_face_request_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        drop(Db::open(Some(&path)).unwrap());
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("DROP TABLE face_requests; PRAGMA user_version = 2;")
            .unwrap();
        drop(conn);
        let db = Db::open(Some(&path)).unwrap();
        let version: i64 = db
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, super::SCHEMA_VERSION);
        let records: i64 = db
            .conn
            .query_row("SELECT count(*) FROM face_requests", [], |r| r.get(0))
            .unwrap();
        assert_eq!(records, 0);
    }

    #[test]
    fn a_version_3_file_keeps_its_faces_and_gets_their_vectors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.db");
        drop(Db::open(Some(&path)).unwrap());
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE faces;
             CREATE TABLE faces(coll INTEGER NOT NULL, seq INTEGER NOT NULL,
                 face_id BLOB NOT NULL, image_id BLOB NOT NULL, external_image_id TEXT,
                 width REAL NOT NULL, height REAL NOT NULL, left REAL NOT NULL,
                 top REAL NOT NULL, confidence REAL NOT NULL, user_id TEXT,
                 PRIMARY KEY(coll, seq)) WITHOUT ROWID;
             INSERT INTO collections(region, id, created, face_model_version, face_count)
                 VALUES ('us-east-1', 'old', 0, '7.0', 1);
             INSERT INTO faces VALUES (1, 1, zeroblob(16), zeroblob(16), 'a.jpg',
                 0.5, 0.5, 0.1, 0.1, 99.5, NULL);
             PRAGMA user_version = 3;",
        )
        .unwrap();
        drop(conn);
        let mut db = Db::open(Some(&path)).unwrap();
        let version: i64 = db
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, super::SCHEMA_VERSION);
        let faces = db
            .list_faces(1, 0, 10, &crate::emulator::store::FaceFilter::default())
            .unwrap();
        assert_eq!(faces.len(), 1);
        let vector: Option<Vec<u8>> = db
            .conn
            .query_row("SELECT vector FROM faces", [], |r| r.get(0))
            .unwrap();
        assert_eq!(vector, None);
    }

    #[test]
    fn a_file_from_a_newer_rekog_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future(x); PRAGMA user_version = 9;")
            .unwrap();
        drop(conn);
        let err = Db::open(Some(&path)).err().unwrap().to_string();
        assert!(err.contains("schema version 9, newer"), "{err}");
        let conn = rusqlite::Connection::open(&path).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 9);
    }
}
