use super::*;
use crate::audit::{Audit, Intent, Outcome};
use crate::aws::api::{CollectionDetail, Face};
use crate::ids::UserId;
use crate::manifest::key::path_for;
use crate::manifest::{Erasing, Names, Target, erasure};

fn face(id: &str, external: &str, user: Option<&str>) -> Face {
    Face {
        face_id: id.into(),
        image_id: Some(format!("img-{id}")),
        external_image_id: Some(external.into()),
        user_id: user.map(|u| UserId::parse(u).unwrap()),
        confidence: None,
        bounding_box: None,
        index_faces_model_version: None,
    }
}

fn target() -> Target {
    Target {
        id: "people".parse().unwrap(),
        account: Some("123".into()),
        region: "eu-west-1".into(),
        profile: None,
        endpoint: None,
    }
}

/// An erasure of alice (two faces, her user) written as `names` says, under `dir`, and
/// its intent and outcome on `audit`.
fn erased(audit: &Audit, dir: &Path, keep_names: bool, now_ms: i64) -> PathBuf {
    let key = NameKey::load_or_create(&path_for(dir)).unwrap();
    let names = match keep_names {
        true => Names::Clear,
        false => Names::Hmac(&key),
    };
    let users = [UserId::parse("alice").unwrap()];
    let faces = [
        face("f1", "alice-1.jpg", Some("alice")),
        face("f2", "alice-2.jpg", Some("alice")),
    ];
    let erasing = Erasing {
        search: "UserId hidden",
        users: &users,
        faces: &faces,
        names,
        likeness: None,
    };
    let detail = CollectionDetail::default();
    let done = erasure(&target(), &detail, Vec::new(), &erasing, dir, now_ms).unwrap();
    let mut intent = Intent::new(Operation::Erasure, "people", "eu-west-1");
    intent.manifest = Some(done.path.clone());
    intent.manifest_sha256 = Some(done.sha256.clone());
    intent.ticket = Some("DSAR-1".into());
    let id = audit.intent(&intent).unwrap();
    audit.outcome(&id, &Outcome::success(200, None)).unwrap();
    done.path
}

#[test]
fn a_hashed_manifest_keeps_no_name_and_still_answers_who_was_erased() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("rekog/manifests");
    let trail = home.path().join("audit.jsonl");
    let audit = Audit::open(&trail).unwrap();
    let path = erased(&audit, &dir, false, 1_000);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("alice"), "{text}");
    assert!(text.contains(r#""names":"hmac-sha256""#), "{text}");
    assert!(text.contains(r#""FaceId":"f1""#) && text.contains(r#""ImageId":"img-f1""#));

    let found = find(&trail, "alice").unwrap();
    assert_eq!(found.checked, 1);
    let [hit] = &found.hits[..] else {
        panic!("{found:?}");
    };
    assert_eq!(
        (hit.by_external_image_id, hit.by_user_id, hit.named_user),
        (0, 2, true)
    );
    assert_eq!(hit.names, "hmac-sha256");
    assert_eq!(hit.outcome, Some(OutcomeKind::Success));
    assert_eq!(hit.ticket.as_deref(), Some("DSAR-1"));
    let found = find(&trail, "alice-2.jpg").unwrap();
    assert_eq!(found.hits[0].by_external_image_id, 1);
    let found = find(&trail, "bob").unwrap();
    assert_eq!((found.hits.len(), found.checked), (0, 1));
    assert!(found.errors.is_empty());

    // Lines that are not records (a crash cut one short) are skipped, as rekog audit does.
    use std::io::Write as _;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&trail)
        .unwrap();
    f.write_all(b"not json\n{\"event\":\"intent\",\"manifest\":\"/x\"")
        .unwrap();
    assert_eq!(find(&trail, "alice").unwrap().hits.len(), 1);
    assert!(
        find(&home.path().join("none.jsonl"), "alice")
            .unwrap()
            .hits
            .is_empty()
    );
}

#[test]
fn clear_text_manifests_are_searched_too() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("rekog/manifests");
    let trail = home.path().join("audit.jsonl");
    let audit = Audit::open(&trail).unwrap();
    let path = erased(&audit, &dir, true, 1_000);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(r#""names":"clear""#) && text.contains("alice-1.jpg"));
    let found = find(&trail, "alice-1.jpg").unwrap();
    assert_eq!(found.hits.len(), 1);
    assert_eq!(found.hits[0].names, "clear");
}

#[test]
fn a_lost_key_is_an_error_and_a_pruned_manifest_a_note() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("rekog/manifests");
    let trail = home.path().join("audit.jsonl");
    let audit = Audit::open(&trail).unwrap();
    let first = erased(&audit, &dir, false, 1_000);
    let second = erased(&audit, &dir, false, 5_000);
    std::fs::remove_file(path_for(&dir)).unwrap();
    let found = find(&trail, "alice").unwrap();
    assert!(found.hits.is_empty());
    assert_eq!(found.errors.len(), 2, "{found:?}");
    assert!(found.errors[0].contains("its key"), "{found:?}");

    // Pruned on record: nothing to tell, and no error.
    for path in [&first, &second] {
        let mut prune = Intent::new(Operation::PruneManifest, "people", "eu-west-1");
        prune.manifest = Some(path.clone());
        let id = audit.intent(&prune).unwrap();
        crate::manifest::remove(path).unwrap();
        audit.outcome(&id, &Outcome::success(0, None)).unwrap();
    }
    let found = find(&trail, "alice").unwrap();
    assert_eq!((found.pruned.len(), found.errors.len()), (2, 0));
}
