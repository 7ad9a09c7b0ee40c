mod fake;
mod stops;

use std::path::{Path, PathBuf};

use serde_json::Value;

use self::fake::{Fake, ID, face, face_id};
use super::*;
use crate::audit::{Audit, Gate};
use crate::aws::api::ErrorKind;
use crate::aws::api::Op;
use crate::manifest::Target;

const NOW: i64 = 1_714_566_896_789;

struct Bench {
    _tmp: tempfile::TempDir,
    trail: PathBuf,
    dir: PathBuf,
    gate: Gate,
}

fn bench(fake: &Fake) -> Bench {
    let tmp = tempfile::tempdir().unwrap();
    let trail = tmp.path().join("state/audit.jsonl");
    let dir = tmp.path().join("manifests");
    fake.state().watch = Some((trail.clone(), dir.clone()));
    Bench {
        gate: Gate::new(
            Some(std::sync::Arc::new(Audit::open(&trail).unwrap())),
            false,
            crate::protect::Protect::default(),
        ),
        _tmp: tmp,
        trail,
        dir,
    }
}

fn erasure(faces: Vec<Face>, users: &[&str]) -> Erasure {
    Erasure {
        target: Target {
            id: ID.parse().unwrap(),
            account: None,
            region: "us-east-1".into(),
            profile: Some("ops".into()),
            endpoint: None,
        },
        search: "ExternalImageId containing alice".into(),
        faces,
        users: users.iter().map(|u| u.parse().unwrap()).collect(),
        caller_arn: None,
        recheck: None,
        keep_names: false,
        likeness: None,
        photo: None,
    }
}

async fn run(fake: &Fake, b: &Bench, erasure: &Erasure) -> (Result<Report, String>, Vec<Step>) {
    let mut steps = Vec::new();
    let intent = crate::erase::base_intent(erasure);
    let result = erase(fake, &b.gate, erasure, intent, &b.dir, NOW, |s| {
        steps.push(s)
    })
    .await;
    (result, steps)
}

fn trail(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn calls(fake: &Fake) -> Vec<(Op, Option<String>, usize)> {
    let s = fake.state();
    s.calls
        .iter()
        .map(|c| (c.op, c.user.clone(), c.ids))
        .collect()
}

/// Alice: three faces on her user, one on none; Bob: two faces on his user.
fn people() -> Vec<Face> {
    vec![
        face(1, "alice-1.jpg", Some("u-alice")),
        face(2, "bob-1.jpg", Some("u-bob")),
        face(3, "alice-2.jpg", Some("u-alice")),
        face(4, "alice-3.jpg", None),
        face(5, "alice-4.jpg", Some("u-alice")),
        face(6, "bob-2.jpg", Some("u-bob")),
    ]
}

#[tokio::test]
async fn by_default_the_manifest_keeps_names_as_hmacs_under_a_key_made_once() {
    use crate::manifest::key::{NameKey, path_for};
    use std::os::unix::fs::PermissionsExt;
    let fake = Fake::new(people());
    let b = bench(&fake);
    let mut e = erasure(alices(&people()), &["u-alice"]);
    let pattern = super::search::Pattern::new("alice").unwrap();
    e.recheck = Some(super::search::Search::ExternalImageId(pattern));
    let (report, _) = run(&fake, &b, &e).await;
    let report = report.unwrap();
    assert!(report.is_complete(), "{report:?}");
    let key_path = path_for(&b.dir);
    assert_eq!(key_path, b.dir.parent().unwrap().join("manifest.key"));
    let mode = std::fs::metadata(&key_path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let key = NameKey::load(&key_path).unwrap().unwrap();

    let text = std::fs::read_to_string(&report.manifest).unwrap();
    assert!(!text.contains("alice"), "{text}");
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["names"], "hmac-sha256");
    assert_eq!(
        lines[0]["search"],
        format!("ExternalImageId containing {}", key.tag("alice"))
    );
    assert_eq!(lines[1]["UserId"], key.tag("u-alice"));
    assert_eq!(lines[2]["FaceId"], face_id(1), "FaceIds stay");
    assert_eq!(lines[2]["ImageId"], people()[0].image_id.clone().unwrap());
    assert_eq!(lines[2]["UserId"], key.tag("u-alice"));
    assert_eq!(
        lines[2]["ExternalImageId"],
        key.tag(people()[0].external_image_id.as_deref().unwrap())
    );
    // The intent names the manifest as written, so --verify holds.
    let intent = &trail(&b.trail)[0];
    assert_eq!(intent["manifest_sha256"], report.manifest_sha256.as_str());
}

#[test]
fn a_search_text_that_names_a_user_in_an_unknown_way_is_withheld() {
    let key = crate::manifest::key::NameKey::from_bytes([7; 32]);
    let mut e = erasure(Vec::new(), &["u-alice"]);
    e.search = "UserId u-alice, marked in the results".into();
    assert_eq!(
        super::run::hidden_search(&e, &key),
        format!("UserId {}, marked in the results", key.tag("u-alice"))
    );
    e.search = "the faces of u-alice".into();
    assert!(super::run::hidden_search(&e, &key).starts_with("withheld"));
    e.search = "marked in the detail view".into();
    e.users.clear();
    assert_eq!(
        super::run::hidden_search(&e, &key),
        "marked in the detail view"
    );
}

fn alices(faces: &[Face]) -> Vec<Face> {
    let alice = |f: &&Face| {
        f.external_image_id
            .as_deref()
            .is_some_and(|e| e.starts_with("alice"))
    };
    faces.iter().filter(alice).cloned().collect()
}

#[tokio::test]
async fn a_person_is_erased_after_the_manifest_and_the_intent_and_recorded() {
    let fake = Fake::new(people());
    let b = bench(&fake);
    let mut e = erasure(alices(&people()), &["u-alice"]);
    // Names in clear text, to read them back below.
    e.keep_names = true;
    let (report, steps) = run(&fake, &b, &e).await;
    let report = report.unwrap();
    assert!(report.is_complete(), "{report:?}");
    let ids = |ns: &[usize]| ns.iter().map(|n| face_id(*n)).collect::<Vec<_>>();
    assert_eq!(report.faces_erased, ids(&[1, 3, 4, 5]));
    assert_eq!(report.users_erased, ["u-alice"]);

    // What is left is Bob, untouched.
    let s = fake.state();
    let left: Vec<(&str, Option<&str>)> = (s.faces.iter())
        .map(|f| {
            (
                f.external_image_id.as_deref().unwrap(),
                f.user_id.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        left,
        [("bob-1.jpg", Some("u-bob")), ("bob-2.jpg", Some("u-bob"))]
    );
    assert_eq!(s.users.iter().collect::<Vec<_>>(), ["u-bob"]);
    assert!(s.calls.iter().all(|c| c.recorded), "{:?}", s.calls);
    drop(s);
    let alice = Some("u-alice".to_owned());
    assert_eq!(
        calls(&fake),
        [
            (Op::DescribeCollection, None, 0),
            (Op::DisassociateFaces, alice.clone(), 3),
            (Op::DeleteFaces, None, 4),
            (Op::ListFaces, alice.clone(), 0),
            (Op::DeleteUser, alice.clone(), 0),
            // The proof of absence: the erased FaceIds, then the named user, looked up again.
            (Op::ListFaces, None, 0),
            (Op::ListFaces, alice, 0),
        ]
    );
    let absence = report.absence.clone().unwrap().unwrap();
    assert_eq!(absence.looked, ["4 FaceIds", "UserId u-alice"]);
    assert!(absence.remaining.is_empty());
    let outcome = &trail(&b.trail)[1];
    assert_eq!(outcome["remaining"], 0);
    assert_eq!(outcome["remaining_face_ids"], serde_json::json!([]));
    assert_eq!(
        outcome["rechecked"],
        serde_json::json!(["4 FaceIds", "UserId u-alice"])
    );

    // The manifest: whole, an erasure line first, then the user, then the faces as found.
    assert_eq!(
        report.manifest,
        b.dir
            .join("123456789012/us-east-1/lobby-20240501T123456Z-erasure.jsonl")
    );
    let summary = crate::manifest::check(&report.manifest).unwrap();
    assert_eq!((summary.faces, summary.users), (4, 1));
    let text = std::fs::read_to_string(&report.manifest).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let first = &lines[0];
    assert!(text.starts_with(r#"{"kind":"erasure","#), "{text}");
    assert_eq!(first["search"], "ExternalImageId containing alice");
    assert_eq!(first["names"], "clear");
    assert_eq!(first["CollectionId"], ID);
    assert_eq!(first["FaceCount"], 6);
    assert_eq!(first["Tags"]["team"], "security");
    assert_eq!(first["account"], "123456789012");
    assert_eq!(first["profile"], "ops");
    assert_eq!(first["exported_at"], "2024-05-01T12:34:56.789Z");
    assert_eq!(lines[1]["kind"], "user");
    assert_eq!(lines[1]["UserId"], "u-alice");
    assert_eq!(lines[2]["FaceId"], face_id(1));
    assert_eq!(lines[2]["UserId"], "u-alice", "the face as it was before");
    let digest = std::fs::read_to_string(crate::manifest::digest_path(&report.manifest)).unwrap();
    assert!(digest.starts_with(&report.manifest_sha256), "{digest}");
    use sha2::Digest;
    let hash = sha2::Sha256::digest(text.as_bytes());
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(report.manifest_sha256, hex);

    // The trail: one intent, one outcome, with the plan and then the counts.
    let lines = trail(&b.trail);
    assert_eq!(lines.len(), 2);
    let (intent, outcome) = (&lines[0], &lines[1]);
    assert_eq!(intent["event"], "intent");
    assert_eq!(intent["operation"], "Erasure");
    assert_eq!(
        (intent["face_count"].as_u64(), intent["user_count"].as_u64()),
        (Some(4), Some(1))
    );
    assert_eq!(intent["manifest"], report.manifest.to_str().unwrap());
    assert_eq!(intent["manifest_sha256"], report.manifest_sha256);
    assert_eq!(intent["account"], "123456789012");
    assert_eq!(outcome["id"], intent["id"]);
    assert_eq!(outcome["outcome"], "success");
    assert_eq!(outcome["faces_erased"], 4);
    assert_eq!(outcome["users_erased"], 1);
    assert_eq!(
        (
            outcome["faces_failed"].as_u64(),
            outcome["users_failed"].as_u64()
        ),
        (Some(0), Some(0))
    );

    // Steps come in the order of the work, one per stage and per call.
    let kinds: Vec<String> = steps
        .iter()
        .map(|s| match s {
            Step::Stage { stage, calls } => format!("{stage:?}/{calls}"),
            Step::Call(c) => format!("{}:{}/{}", c.op.name(), c.done, c.sent),
            Step::Manifest { .. } => "manifest".into(),
            Step::Intent { .. } => "intent".into(),
            Step::UserKept { .. } => "kept".into(),
            Step::Rechecked { absence, .. } => format!("rechecked {absence:?}"),
            Step::Recorded(r) => format!("recorded {}", r.is_ok()),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "Describe/1",
            "DescribeCollection:0/0",
            "Manifest/0",
            "manifest",
            "Intent/0",
            "intent",
            "Disassociate/1",
            "DisassociateFaces:3/3",
            "DeleteFaces/1",
            "DeleteFaces:4/4",
            "DeleteUsers/2",
            "ListFaces:0/0",
            "DeleteUser:1/0",
            "Recheck/2",
            "rechecked Ok(Absence { looked: [\"4 FaceIds\", \"UserId u-alice\"], remaining: [] })",
            "Outcome/0",
            "recorded true",
        ]
    );
}

#[tokio::test]
async fn batches_stay_within_the_service_limits() {
    // 10,000 faces: 150 on each of 20 users, the rest on none.
    let faces: Vec<Face> = (0..10_000)
        .map(|n| {
            let user = (n < 3000).then(|| format!("u{}", n % 20));
            face(n, &format!("p-{n}.jpg"), user.as_deref())
        })
        .collect();
    let fake = Fake::new(faces.clone());
    let b = bench(&fake);
    let report = run(&fake, &b, &erasure(faces, &[])).await.0.unwrap();
    assert!(report.is_complete(), "{report:?}");
    assert_eq!(report.faces_erased.len(), 10_000);
    assert!(fake.state().faces.is_empty());
    let seen = calls(&fake);
    let of = |op: Op| -> Vec<(Option<String>, usize)> {
        seen.iter()
            .filter(|c| c.0 == op)
            .map(|c| (c.1.clone(), c.2))
            .collect()
    };
    let disassociated = of(Op::DisassociateFaces);
    assert_eq!(disassociated.len(), 40, "100 + 50 per user");
    assert!(disassociated.iter().all(|(_, n)| *n <= 100));
    assert_eq!(disassociated[0], (Some("u0".into()), 100));
    assert_eq!(disassociated[1], (Some("u0".into()), 50));
    let deleted: Vec<usize> = of(Op::DeleteFaces).into_iter().map(|c| c.1).collect();
    assert_eq!(deleted, [4096, 4096, 1808]);
    // Every face goes to DeleteFaces only after every disassociation.
    let last_disassociate = seen.iter().rposition(|c| c.0 == Op::DisassociateFaces);
    let first_delete = seen.iter().position(|c| c.0 == Op::DeleteFaces);
    assert!(last_disassociate < first_delete);
    // The erasure named no user, so the 20 users stay, without faces.
    assert_eq!(fake.state().users.len(), 20);
    assert!(of(Op::DeleteUser).is_empty());
}

#[tokio::test]
async fn a_face_named_twice_is_erased_once_and_two_erasures_in_one_second_keep_two_manifests() {
    let fake = Fake::new(people());
    let b = bench(&fake);
    let mut faces = alices(&people());
    faces.push(faces[0].clone());
    let first = run(&fake, &b, &erasure(faces, &["u-alice", "u-alice"]))
        .await
        .0
        .unwrap();
    assert_eq!(first.faces_erased.len(), 4);
    assert_eq!(first.users_erased, ["u-alice"]);
    assert_eq!(calls(&fake)[2], (Op::DeleteFaces, None, 4));
    let bob = vec![face(2, "bob-1.jpg", Some("u-bob"))];
    let second = run(&fake, &b, &erasure(bob, &[])).await.0.unwrap();
    assert_ne!(first.manifest, second.manifest);
    assert!(
        second
            .manifest
            .to_string_lossy()
            .ends_with("-erasure-2.jsonl")
    );
    assert!(first.manifest.exists() && second.manifest.exists());
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn an_erasure_can_run_on_a_spawned_task() {
    fn spawnable<F: std::future::Future + Send>(_: &F) {}
    let fake = Fake::new(people());
    let b = bench(&fake);
    let e = erasure(people(), &[]);
    let (tx, _rx) = std::sync::mpsc::channel::<Step>();
    let future = erase(
        &fake,
        &b.gate,
        &e,
        crate::erase::base_intent(&e),
        &b.dir,
        NOW,
        move |s| {
            let _ = tx.send(s);
        },
    );
    spawnable(&future);
}

#[tokio::test]
async fn looking_again_with_the_search_finds_what_the_erasure_left() {
    let fake = Fake::new(people());
    let b = bench(&fake);
    // The search finds four faces of Alice; only two were confirmed for erasure.
    let mut e = erasure(alices(&people())[..2].to_vec(), &[]);
    e.recheck = Some(crate::erase::search::Search::parse("alice").unwrap());
    let (report, steps) = run(&fake, &b, &e).await;
    let report = report.unwrap();
    assert!(report.calls_complete(), "{report:?}");
    assert!(
        !report.is_complete(),
        "two faces the search finds are still there"
    );
    let absence = report.absence.clone().unwrap().unwrap();
    assert_eq!(
        absence.looked,
        ["2 FaceIds", "ExternalImageId containing alice"]
    );
    let left: Vec<String> = alices(&people())[2..]
        .iter()
        .map(|f| f.face_id.clone())
        .collect();
    assert_eq!(absence.remaining, left);
    assert!(steps.iter().any(|s| matches!(s, Step::Rechecked { .. })));
    let outcome = &trail(&b.trail)[1];
    assert_eq!(outcome["outcome"], "error");
    assert_eq!(outcome["error_code"], "StillFound");
    assert_eq!(outcome["remaining"], 2);
    assert_eq!(outcome["remaining_face_ids"], serde_json::json!(left));
}
