//! The store's side of AssociateFaces and DisassociateFaces: limits, idempotency records and
//! what users and faces look like afterwards.

use serde_json::Value;
use uuid::Uuid;

use super::{FaceChange, MAX_FACES_PER_USER, match_confidence};
use crate::emulator::error::ErrorKind;
use crate::emulator::store::Db;
use crate::emulator::store::faces::FaceFilter;

const REGION: &str = "us-east-1";

/// A collection of `faces` unassociated faces and the users `alice` and `bob`.
fn collection(faces: u64) -> (Db, i64, Vec<Uuid>) {
    let seed = format!(r#"{{"collections":[{{"id":"c","faces":{faces}}}]}}"#);
    let mut db = Db::seeded(&seed, false);
    let coll = db.collection(REGION, "c").unwrap().pk;
    for user in ["alice", "bob"] {
        db.create_user(coll, "c", user, None).unwrap();
    }
    let ids = db
        .list_faces(coll, 0, faces as u32, &FaceFilter::default())
        .unwrap()
        .into_iter()
        .map(|f| f.face_id)
        .collect();
    (db, coll, ids)
}

fn change(user: &str, faces: &[Uuid], token: Option<&str>) -> FaceChange {
    FaceChange {
        user_id: user.to_owned(),
        face_ids: faces.to_vec(),
        threshold: 75.0,
        token: token.map(str::to_owned),
        fingerprint: format!("{user}/{faces:?}"),
    }
}

fn associate(db: &mut Db, coll: i64, c: &FaceChange) -> Value {
    serde_json::from_str(&db.associate_faces(coll, "c", c).unwrap()).unwrap()
}

fn faces_of(db: &mut Db, coll: i64, user: &str) -> usize {
    let filter = FaceFilter {
        user_id: Some(user.to_owned()),
        face_ids: None,
    };
    db.list_faces(coll, 0, 4096, &filter).unwrap().len()
}

fn active(db: &mut Db, coll: i64, user: &str) -> bool {
    let users = db.list_users(coll, 0, 100).unwrap();
    users.iter().find(|u| u.user_id == user).unwrap().active
}

#[test]
fn a_user_holds_at_most_100_faces() {
    let (mut db, coll, ids) = collection(120);
    let out = associate(&mut db, coll, &change("alice", &ids[..90], None));
    assert_eq!(out["AssociatedFaces"].as_array().unwrap().len(), 90);
    // 20 more at threshold 0: ten fit, ten are listed without a model reason.
    let mut more = change("alice", &ids[90..110], None);
    more.threshold = 0.0;
    let out = associate(&mut db, coll, &more);
    assert_eq!(out["AssociatedFaces"].as_array().unwrap().len(), 10);
    let failed = out["UnsuccessfulFaceAssociations"].as_array().unwrap();
    assert_eq!(failed.len(), 10);
    assert_eq!(failed[0]["FaceId"], ids[100].to_string());
    assert_eq!(failed[0]["Reasons"], serde_json::json!([]));
    assert_eq!(
        faces_of(&mut db, coll, "alice"),
        MAX_FACES_PER_USER as usize
    );
    // Once full, a request that would add a face is refused whole.
    let err = db
        .associate_faces(coll, "c", &change("alice", &ids[110..], None))
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::ServiceQuotaExceeded);
    // Faces it already has are no addition.
    let out = associate(&mut db, coll, &change("alice", &ids[..5], None));
    assert_eq!(out["AssociatedFaces"], serde_json::json!([]));
    assert_eq!(out["UserStatus"], "ACTIVE");
}

#[test]
fn the_threshold_applies_once_a_user_has_faces() {
    let (mut db, coll, ids) = collection(40);
    let mut strict = change("bob", &ids, None);
    strict.threshold = 100.0;
    // A user without faces has nothing to match against: everything is associated.
    let out = associate(&mut db, coll, &change("bob", &ids[..1], None));
    assert_eq!(out["AssociatedFaces"].as_array().unwrap().len(), 1);
    strict.face_ids = ids[1..].to_vec();
    let out = associate(&mut db, coll, &strict);
    assert_eq!(out["AssociatedFaces"], serde_json::json!([]));
    let failed = out["UnsuccessfulFaceAssociations"].as_array().unwrap();
    assert_eq!(failed.len(), 39);
    let first = &failed[0];
    assert_eq!(
        first["Reasons"],
        serde_json::json!(["LOW_MATCH_CONFIDENCE"])
    );
    assert_eq!(first["UserId"], "bob");
    let confidence = first["Confidence"].as_f64().unwrap() as f32;
    assert_eq!(confidence, match_confidence(&ids[1], "bob"));
    assert!((90.0..100.0).contains(&confidence));
}

#[test]
fn status_follows_the_faces_and_tokens_replay_their_answer() {
    let (mut db, coll, ids) = collection(10);
    assert!(!active(&mut db, coll, "alice"));
    let first = change("alice", &ids[..3], Some("t1"));
    let body = db.associate_faces(coll, "c", &first).unwrap();
    assert!(active(&mut db, coll, "alice"));
    // Disassociating every face makes the user CREATED again.
    let out = db
        .disassociate_faces(coll, "c", &change("alice", &ids[..3], None))
        .unwrap();
    let out: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(out["UserStatus"], "CREATED");
    assert_eq!(out["DisassociatedFaces"].as_array().unwrap().len(), 3);
    assert!(!active(&mut db, coll, "alice"));
    // The retry answers what the first call answered, and changes nothing.
    assert_eq!(db.associate_faces(coll, "c", &first).unwrap(), body);
    assert_eq!(faces_of(&mut db, coll, "alice"), 0);
    let other = change("alice", &ids[..4], Some("t1"));
    let err = db.associate_faces(coll, "c", &other).unwrap_err();
    assert_eq!(err.kind, ErrorKind::IdempotentParameterMismatch);
    // A token belongs to its operation.
    db.disassociate_faces(coll, "c", &other).unwrap();
    // A failed call keeps no record: the same token works once the user exists.
    let err = db
        .associate_faces(coll, "c", &change("carol", &ids[..1], Some("t2")))
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::ResourceNotFound);
    db.create_user(coll, "c", "carol", None).unwrap();
    let out = associate(&mut db, coll, &change("carol", &ids[..1], Some("t2")));
    assert_eq!(out["UserStatus"], "ACTIVE");
    // Deleting the collection forgets its records.
    db.delete_collection(REGION, "c").unwrap();
    let left: i64 = db
        .conn
        .query_row("SELECT count(*) FROM face_requests", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}
