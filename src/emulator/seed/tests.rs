//! Seeding writes the same synthetic records, run after run.

use sha2::{Digest, Sha256};

use super::Seed;
use crate::emulator::store::Db;

const SEED: &str = r#"{"collections":[
    {"id":"big","faces":9000,"users":40,"tags":{"team":"ops"}},
    {"id":"no-users","faces":1234},
    {"id":"only-users","users":7},
    {"id":"empty"},
    {"id":"west","region":"eu-west-1","faces":2500,"users":3}]}"#;

/// What seeding `SEED` and the demo seed wrote when the digests were taken; any change to
/// the synthetic records (ids, boxes, confidences, user links, order) changes them.
const GOLDEN: &str = "c2ae1f1c5178579b7af24f869e99a1475b5e0f0261357c9d6658220ff33c7a2d";
const GOLDEN_DEMO: &str = "48f74a31b3ab82f55c18869fa718dabca2d8077cbaba66e1a9619178ac402f63";

/// A digest of every collection, face and user row, in key order.
fn digest(db: &Db) -> String {
    let mut hash = Sha256::new();
    let mut colls = db
        .conn
        .prepare("SELECT pk, region, id, face_count, user_count FROM collections ORDER BY pk")
        .unwrap();
    let colls: Vec<(i64, String, String, i64, i64)> = colls
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (pk, region, id, faces, users) in colls {
        hash.update(format!("{region}/{id} {faces} {users}\n"));
        let mut stmt = db
            .conn
            .prepare(
                "SELECT seq, hex(face_id), hex(image_id), external_image_id, width, height,
                        left, top, confidence, user_id
                 FROM faces WHERE coll = ?1 ORDER BY seq",
            )
            .unwrap();
        let rows = stmt
            .query_map([pk], |r| {
                Ok(format!(
                    "{} {} {} {:?} {} {} {} {} {} {:?}\n",
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, f64>(4)?,
                    r.get::<_, f64>(5)?,
                    r.get::<_, f64>(6)?,
                    r.get::<_, f64>(7)?,
                    r.get::<_, f64>(8)?,
                    r.get::<_, Option<String>>(9)?,
                ))
            })
            .unwrap();
        let mut n = 0;
        for row in rows {
            hash.update(row.unwrap());
            n += 1;
        }
        assert_eq!(n, faces, "{id}: face rows and count");
        let mut stmt = db
            .conn
            .prepare("SELECT seq, user_id FROM users WHERE coll = ?1 ORDER BY seq")
            .unwrap();
        let rows = stmt
            .query_map([pk], |r| {
                Ok(format!(
                    "{} {}\n",
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?
                ))
            })
            .unwrap();
        let mut n = 0;
        for row in rows {
            hash.update(row.unwrap());
            n += 1;
        }
        assert_eq!(n, users, "{id}: user rows and count");
    }
    crate::emulator::token::hex(&hash.finalize())
}

#[test]
fn seeding_writes_what_it_always_wrote() {
    let db = Db::seeded(SEED, false);
    assert_eq!(digest(&db), GOLDEN);
}

#[test]
fn the_demo_seed_writes_what_it_always_wrote() {
    let db = Db::seeded(crate::emulator::DEMO_SEED, false);
    assert_eq!(digest(&db), GOLDEN_DEMO);
}

/// Plants `json` and writes its rows as the idle store does, slice by slice.
fn plant_and_drain(json: &str, first: Option<&str>) -> Db {
    let mut db = Db::seeded(json, true);
    if let Some(id) = first {
        let coll = db.seeding.pending("us-east-1", id).unwrap();
        db.materialise(coll).unwrap();
        assert!(!db.seeding.is_pending(coll));
    }
    let mut slices = 0;
    while db.seeding.has_work() {
        db.seed_slice(None, &|| true).unwrap();
        slices += 1;
    }
    assert!(slices > 1, "written in one go");
    db
}

#[test]
fn rows_written_behind_the_store_are_the_same_rows() {
    assert_eq!(digest(&plant_and_drain(SEED, None)), GOLDEN);
    assert_eq!(digest(&plant_and_drain(SEED, Some("big"))), GOLDEN);
    assert_eq!(
        digest(&plant_and_drain(crate::emulator::DEMO_SEED, None)),
        GOLDEN_DEMO
    );
}

#[test]
fn planted_collections_show_their_counts_before_their_rows() {
    let mut db = Db::seeded(SEED, true);
    let big = db.collection("us-east-1", "big").unwrap();
    assert_eq!((big.face_count, big.user_count), (9000, 40));
    assert_eq!(db.tags("us-east-1", "big").unwrap()["team"], "ops");
    let rows: i64 = db
        .conn
        .query_row("SELECT count(*) FROM faces", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0);
    // Empty collections have nothing to wait for.
    let empty = db.collection("us-east-1", "empty").unwrap();
    assert!(!db.seeding.is_pending(empty.pk));

    // Reading a collection's faces completes it first, whatever the order.
    let west = db.collection("eu-west-1", "west").unwrap();
    let faces = db
        .list_faces(west.pk, 0, 4096, &Default::default())
        .unwrap();
    assert_eq!(faces.len(), 2500);
    assert_eq!(db.list_users(west.pk, 0, 500).unwrap().len(), 3);
    assert!(db.seeding.is_pending(big.pk));

    // A collection deleted half written gets no more rows.
    db.seed_slice(Some(big.pk), &|| true).unwrap();
    db.delete_collection("us-east-1", "big").unwrap();
    assert!(!db.seeding.is_pending(big.pk));
    while db.seeding.has_work() {
        db.seed_slice(None, &|| true).unwrap();
    }
    while db.collect_garbage().unwrap() {}
    let orphans: i64 = db
        .conn
        .query_row(
            "SELECT count(*) FROM faces WHERE coll = ?1",
            [big.pk],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
}

#[test]
fn accounts_are_checked_and_named_where_they_go_wrong() {
    let bad = [
        (r#"{"accounts":[{"id":"12345"}]}"#, "12-digit"),
        (
            r#"{"accounts":[{"id":"111111111111"},{"id":"111111111111"}]}"#,
            "appears twice",
        ),
        (
            r#"{"accounts":[{"id":"111111111111","access_keys":["AKIDSAMEKEY000001"]},
                {"id":"222222222222","access_keys":["AKIDSAMEKEY000001"]}]}"#,
            "belongs to two accounts",
        ),
        (
            r#"{"accounts":[{"id":"111111111111","status":"GONE"}]}"#,
            "status \"GONE\"",
        ),
        (
            r#"{"accounts":[{"id":"111111111111","deny":["Nothing"]}]}"#,
            "cannot deny",
        ),
        (
            r#"{"accounts":[{"id":"111111111111"}],"organization":{"management":"222222222222"}}"#,
            "management account",
        ),
        (
            r#"{"accounts":[{"id":"111111111111","collections":[{"id":"a b"}]}]}"#,
            "accounts[0] (id \"111111111111\").collections[0]",
        ),
    ];
    for (json, expected) in bad {
        let err = Seed::parse("s.json", json).unwrap_err();
        assert!(err.problem.contains(expected), "{json}: {err}");
    }
    let seed = Seed::parse(
        "s.json",
        r#"{"collections":[{"id":"own"}],"accounts":[
            {"id":"111111111111","collections":[{"id":"a","faces":2}]},
            {"id":"222222222222","collections":[{"id":"a","faces":5}]}],
          "organization":{"management":"111111111111"}}"#,
    )
    .unwrap();
    assert_eq!(seed.collection_count(), 3);
    assert_eq!(seed.face_count(), 7);
    assert_eq!(seed.first_account(), Some("111111111111"));
    let mut db = Db::open(None).unwrap();
    seed.apply(&mut db, 0.0, "111111111111").unwrap();
    // The default account keeps the bare region; the other its own scope.
    assert_eq!(db.collection("us-east-1", "a").unwrap().face_count, 2);
    assert_eq!(
        db.collection("222222222222/us-east-1", "a")
            .unwrap()
            .face_count,
        5
    );
    assert!(db.collection("us-east-1", "own").is_ok());
}
