use super::*;
use crate::emulator::store::FaceFilter;

fn seeded(json: &str) -> Db {
    Db::seeded(json, false)
}

fn all_faces(db: &mut Db, coll: i64) -> Vec<FaceRow> {
    db.list_faces(coll, 0, 100_000, &FaceFilter::default())
        .unwrap()
}

#[test]
fn a_persons_faces_find_each_other_and_no_one_else() {
    let mut db = seeded(r#"{"collections":[{"id":"p","faces":600,"users":20,"people":20}]}"#);
    let faces = all_faces(&mut db, 1);
    // Face 1 is user-000001's (every third face, round robin), so person 0's.
    let first = &faces[0];
    assert_eq!(first.user_id.as_deref(), Some("user-000001"));
    let (seq, vector) = db.face_vector(1, &first.face_id).unwrap().unwrap();
    let found = db.search_faces(1, &vector, 0.0, 4096, Some(seq)).unwrap();
    assert!(found.iter().all(|(f, _)| f.seq != seq));
    let same: Vec<_> = found
        .iter()
        .filter(|(f, _)| f.user_id.as_deref() == Some("user-000001"))
        .collect();
    assert_eq!(same.len(), 9, "the user's other faces");
    for (face, similarity) in &found {
        let mine = face.user_id.as_deref() == Some("user-000001");
        if mine {
            assert!((90.0..99.99).contains(similarity), "{similarity}");
        } else if face.user_id.is_some() {
            assert!(*similarity < 60.0, "{similarity} for {:?}", face.user_id);
        }
    }
    let users = db
        .search_users(1, &vector, 80.0, 10, Some(seq), None)
        .unwrap();
    assert_eq!(users.first().map(|u| u.0.as_str()), Some("user-000001"));
    assert!(users.iter().skip(1).all(|u| u.0 != "user-000001"));
}

#[test]
fn faces_without_people_are_like_no_other() {
    let mut db = seeded(r#"{"collections":[{"id":"p","faces":300}]}"#);
    let faces = all_faces(&mut db, 1);
    for face in faces.iter().take(20) {
        let (seq, vector) = db.face_vector(1, &face.face_id).unwrap().unwrap();
        let found = db.search_faces(1, &vector, 60.0, 10, Some(seq)).unwrap();
        assert!(found.is_empty(), "{found:?}");
        let itself = db.search_faces(1, &vector, 99.9, 1, None).unwrap();
        assert_eq!(itself[0].0.face_id, face.face_id);
    }
}

#[test]
fn the_vectors_follow_added_and_deleted_faces() {
    let mut db = seeded(r#"{"collections":[{"id":"p","faces":5}]}"#);
    let vector = own_vector(&Uuid::from_u128(42));
    assert!(
        db.search_faces(1, &vector, 99.0, 10, None)
            .unwrap()
            .is_empty()
    );
    let row = FaceRow {
        seq: 0,
        face_id: Uuid::from_u128(42),
        image_id: Uuid::from_u128(43),
        external_image_id: None,
        bounding_box: crate::emulator::wire::BoundingBox {
            width: 1.0,
            height: 1.0,
            left: 0.0,
            top: 0.0,
        },
        confidence: 99.5,
        user_id: None,
        vector: Some(vector),
    };
    let seq = db.add_face(1, row).unwrap();
    assert_eq!(seq, 6);
    let found = db.search_faces(1, &vector, 99.0, 10, None).unwrap();
    assert_eq!(found.len(), 1);
    assert!(found[0].1 > 99.9);
    db.delete_faces(1, &[Uuid::from_u128(42)]).unwrap();
    assert!(
        db.search_faces(1, &vector, 99.0, 10, None)
            .unwrap()
            .is_empty()
    );
    db.delete_collection("us-east-1", "p").unwrap();
    assert!(!db.indexes.contains_key(&1));
}

#[test]
fn a_face_stored_without_a_vector_has_its_own() {
    let mut db = seeded(r#"{"collections":[{"id":"p","faces":3}]}"#);
    db.conn
        .execute("UPDATE faces SET vector = NULL", [])
        .unwrap();
    let face = all_faces(&mut db, 1).remove(0);
    let (_, vector) = db.face_vector(1, &face.face_id).unwrap().unwrap();
    assert_eq!(vector, own_vector(&face.face_id));
    let found = db.search_faces(1, &vector, 99.0, 10, None).unwrap();
    assert_eq!(found.len(), 1);
}
