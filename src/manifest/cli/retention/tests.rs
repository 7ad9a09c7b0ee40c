use std::io::Write;

use super::*;
use crate::audit::verify::{PRUNE, verify};
use crate::manifest::digest_path;
use crate::manifest::inventory::Kind;

const DAY: i64 = 86_400_000;

/// A whole manifest written at `exported_at`, with its digest beside it.
fn manifest(dir: &Path, name: &str, exported_at: &str) -> PathBuf {
    let path = dir.join("123/eu-west-1").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut f = std::fs::File::create(&path).unwrap();
    writeln!(
        f,
        r#"{{"kind":"collection","CollectionId":"lobby","account":"123","region":"eu-west-1","exported_at":"{exported_at}"}}"#
    )
    .unwrap();
    writeln!(f, r#"{{"kind":"face","FaceId":"f1"}}"#).unwrap();
    writeln!(f, r#"{{"kind":"end","faces":1,"users":0}}"#).unwrap();
    let sha = file_sha256(&path).unwrap();
    std::fs::write(digest_path(&path), format!("{sha}  {name}\n")).unwrap();
    path
}

fn lines(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_operation_is_the_one_verify_counts_as_pruned() {
    assert_eq!(Operation::PruneManifest.as_str(), PRUNE);
}

#[test]
fn only_known_manifests_older_than_the_span_are_old() {
    let dir = tempfile::tempdir().unwrap();
    manifest(dir.path(), "a-1.jsonl", "2026-01-01T00:00:00.000Z");
    manifest(dir.path(), "a-2.jsonl", "2026-03-01T00:00:00.000Z");
    std::fs::write(dir.path().join("stray.jsonl"), "not a manifest\n").unwrap();
    let now = time::parse_rfc3339("2026-04-01T00:00:00.000Z").unwrap();
    let found = list(dir.path()).unwrap();
    assert_eq!(found.len(), 3);
    let old = old(found, 45 * DAY, now);
    let names: Vec<_> = old.iter().map(|l| l.path.file_name().unwrap()).collect();
    assert_eq!(names, ["a-1.jsonl"]);
}

#[test]
fn pruning_removes_file_and_digest_and_records_each_removal_so_verify_counts_it_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let trail = dir.path().join("audit.jsonl");
    let audit = Audit::open(&trail).unwrap();
    let path = manifest(dir.path(), "lobby-1.jsonl", "2026-01-01T00:00:00.000Z");
    let sha = file_sha256(&path).unwrap();
    // The delete that exported it names it, as the TUI's does.
    let mut delete = Intent::new(Operation::DeleteCollection, "lobby", "eu-west-1");
    delete.manifest = Some(path.clone());
    delete.manifest_sha256 = Some(sha.clone());
    let id = audit.intent(&delete).unwrap();
    audit.outcome(&id, &Outcome::success(200, None)).unwrap();

    let found = list(dir.path()).unwrap();
    assert_eq!(found[0].kind, Some(Kind::Collection));
    let pruned = prune(&audit, &found);
    assert_eq!(
        pruned,
        [Pruned {
            path: path.clone(),
            size: found[0].size,
            result: Ok(sha.clone()),
        }]
    );
    assert!(!path.exists());
    assert!(!digest_path(&path).exists());

    let records = lines(&trail);
    assert_eq!(records.len(), 4);
    let (intent, outcome) = (&records[2], &records[3]);
    assert_eq!(intent["event"], "intent");
    assert_eq!(outcome["event"], "outcome");
    assert_eq!(intent["id"], outcome["id"]);
    for r in [intent, outcome] {
        assert_eq!(r["operation"], "PruneManifest");
        assert_eq!(r["manifest"], path.to_str().unwrap());
        assert_eq!(r["manifest_sha256"], sha.as_str());
        assert_eq!(r["collection_id"], "lobby");
        assert_eq!(r["account"], "123");
        assert_eq!(r["face_count"], 1);
    }
    assert_eq!(outcome["outcome"], "success");
    assert_eq!(outcome["status_code"], serde_json::Value::Null);

    let verified = verify(&trail, None).unwrap();
    assert_eq!(
        (verified.manifests_checked, verified.manifests_pruned),
        (0, 1)
    );
    assert_eq!(
        summary(&pruned, "90d"),
        "pruned 1 manifest older than 90d (188 B)"
    );
}

#[test]
fn a_removal_that_fails_is_recorded_as_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let trail = dir.path().join("audit.jsonl");
    let audit = Audit::open(&trail).unwrap();
    let path = manifest(dir.path(), "lobby-1.jsonl", "2026-01-01T00:00:00.000Z");
    let found = list(dir.path()).unwrap();
    // Gone between the listing and the removal: read fails, nothing is recorded.
    std::fs::remove_file(&path).unwrap();
    let pruned = prune(&audit, &found);
    assert!(pruned[0].result.is_err());
    assert!(lines(&trail).is_empty());
}

#[test]
fn an_unwritable_trail_removes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let audit = Audit::open(Path::new("/dev/full")).unwrap();
    let path = manifest(dir.path(), "lobby-1.jsonl", "2026-01-01T00:00:00.000Z");
    manifest(dir.path(), "lobby-2.jsonl", "2026-01-01T00:00:00.000Z");
    let pruned = prune(&audit, &list(dir.path()).unwrap());
    assert_eq!(pruned.len(), 1, "stops at the first: {pruned:?}");
    assert!(
        pruned[0]
            .result
            .as_ref()
            .is_err_and(|e| e.contains("not removed"))
    );
    assert!(path.exists());
}

#[test]
fn the_table_and_sizes_read_plainly() {
    assert_eq!(size(812), "812 B");
    assert_eq!(size(4300), "4.2 KiB");
    assert_eq!(size(1_150_000), "1.1 MiB");
    let dir = tempfile::tempdir().unwrap();
    let path = manifest(dir.path(), "lobby-1.jsonl", "2026-01-01T00:00:00.000Z");
    let now = time::parse_rfc3339("2026-01-11T00:00:00.000Z").unwrap();
    let text = table(&list(dir.path()).unwrap(), now);
    let rows: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["PATH", "KIND", "COLLECTION", "FACES", "SIZE", "AGE"],
            vec![
                path.to_str().unwrap(),
                "collection",
                "lobby",
                "1",
                "188",
                "B",
                "10d"
            ],
        ]
    );
}
