use std::path::{Path, PathBuf};

use super::*;
use crate::audit::{Audit, Intent, Operation, Outcome};

/// A trail of `n` records (intent and outcome pairs), the first intent naming a manifest.
fn trail(dir: &Path, n: usize) -> (PathBuf, PathBuf) {
    let path = dir.join("audit.jsonl");
    let manifest = dir.join("faces-20260101T000000Z.jsonl");
    std::fs::write(&manifest, b"{\"face_id\":\"f1\"}\n").unwrap();
    let audit = Audit::open(&path).unwrap();
    for i in 0..n.div_ceil(2) {
        let mut intent = Intent::new(Operation::DeleteCollection, &format!("c{i}"), "eu-west-1");
        intent.face_count = Some(1000 + i as u64);
        if i == 0 {
            intent.manifest = Some(manifest.clone());
            intent.manifest_sha256 = Some(file_sha256(&manifest).unwrap());
        }
        let id = audit.intent(&intent).unwrap();
        if 2 * i + 1 < n {
            audit.outcome(&id, &Outcome::success(200, None)).unwrap();
        }
    }
    (path, manifest)
}

fn lines_of(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

fn broken(path: &Path, expect: Option<&Head>) -> Broken {
    match verify(path, expect) {
        Err(VerifyError::Broken(b)) => b,
        other => panic!("expected a broken trail, got {other:?}"),
    }
}

#[test]
fn an_untouched_trail_is_intact_with_its_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = trail(dir.path(), 10);
    let ok = verify(&path, None).unwrap();
    assert_eq!((ok.records, ok.manifests_checked), (10, 1));
    let head = last_head(&path).unwrap().unwrap();
    assert_eq!(ok.head.as_ref(), Some(&head));
    assert_eq!(head.seq, 10);
    assert_eq!(head.hash, line_hash(lines_of(&path)[9].as_bytes()));
    verify(&path, Some(&head)).unwrap();
}

#[test]
fn an_edited_byte_names_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = trail(dir.path(), 10);
    let mut lines = lines_of(&path);
    lines[4] = lines[4].replace("\"face_count\":1002", "\"face_count\":1003");
    write_lines(&path, &lines);
    let b = broken(&path, None);
    assert_eq!((b.seq, b.line), (Some(5), 5), "{b}");
    assert!(b.what.starts_with("changed"), "{b}");
}

#[test]
fn a_removed_line_names_the_missing_record() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = trail(dir.path(), 10);
    let mut lines = lines_of(&path);
    lines.remove(3);
    write_lines(&path, &lines);
    let b = broken(&path, None);
    assert_eq!((b.seq, b.line), (Some(4), 4), "{b}");
    assert!(b.what.starts_with("removed"), "{b}");
}

#[test]
fn an_inserted_line_is_named_by_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = trail(dir.path(), 10);
    let mut lines = lines_of(&path);
    // A copy of record 2 after record 6, and in another trail a line of made-up JSON.
    lines.insert(6, lines[1].clone());
    write_lines(&path, &lines);
    let b = broken(&path, None);
    assert_eq!((b.seq, b.line), (None, 7), "{b}");
    assert!(b.what.starts_with("inserted"), "{b}");

    let (path, _) = trail(&tempfile::tempdir().unwrap().keep(), 10);
    let mut lines = lines_of(&path);
    lines.insert(
        6,
        r#"{"time":"2026-01-01T00:00:00Z","event":"intent","id":"x"}"#.into(),
    );
    write_lines(&path, &lines);
    let b = broken(&path, None);
    assert_eq!((b.seq, b.line), (None, 7), "{b}");
    assert!(b.what.starts_with("inserted"), "{b}");
}

#[test]
fn swapped_lines_are_out_of_order() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = trail(dir.path(), 10);
    let mut lines = lines_of(&path);
    lines.swap(5, 6);
    write_lines(&path, &lines);
    let b = broken(&path, None);
    assert_eq!((b.seq, b.line), (Some(7), 6), "{b}");
    assert!(b.what.starts_with("out of order"), "{b}");
}

#[test]
fn a_last_line_cut_in_half_is_cut_mid_line() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = trail(dir.path(), 10);
    let text = std::fs::read_to_string(&path).unwrap();
    let last_start = text[..text.len() - 1].rfind('\n').unwrap() + 1;
    let half = last_start + (text.len() - last_start) / 2;
    std::fs::write(&path, &text[..half]).unwrap();
    let b = broken(&path, None);
    assert_eq!((b.seq, b.line), (Some(10), 10), "{b}");
    assert!(b.what.starts_with("cut mid-line"), "{b}");
}

#[test]
fn a_record_cut_by_a_crash_then_written_past_is_still_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = trail(dir.path(), 4);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("{\"seq\":5,\"prev\":\"");
    std::fs::write(&path, &text).unwrap();
    // The next append starts a fresh line and links to record 4.
    let audit = Audit::open(&path).unwrap();
    audit
        .intent(&Intent::new(Operation::DeleteCollection, "c", "eu-west-1"))
        .unwrap();
    let b = broken(&path, None);
    assert_eq!(b.line, 5, "{b}");
    assert!(b.what.contains("inserted") || b.what.contains("cut"), "{b}");
}

#[test]
fn a_changed_or_removed_manifest_is_named_by_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let (path, manifest) = trail(dir.path(), 6);
    std::fs::write(&manifest, b"{\"face_id\":\"f2\"}\n").unwrap();
    let b = broken(&path, None);
    assert_eq!((b.seq, b.line), (Some(1), 1), "{b}");
    assert!(b.what.contains("was changed"), "{b}");
    std::fs::remove_file(&manifest).unwrap();
    let b = broken(&path, None);
    assert!(b.what.contains("is gone"), "{b}");
}

#[test]
fn the_kept_head_catches_a_trail_cut_short_or_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = trail(dir.path(), 6);
    let head = last_head(&path).unwrap().unwrap();
    assert_eq!(head.seq, 6);
    // More records, then cut back to 4: a chain that is intact, but short.
    let audit = Audit::open(&path).unwrap();
    audit
        .intent(&Intent::new(
            Operation::DeleteCollection,
            "later",
            "eu-west-1",
        ))
        .unwrap();
    verify(&path, Some(&head)).unwrap();
    let lines = lines_of(&path);
    write_lines(&path, &lines[..4]);
    verify(&path, None).unwrap();
    let b = broken(&path, Some(&head));
    assert_eq!(b.seq, Some(6), "{b}");
    assert!(b.what.contains("shortened"), "{b}");

    // Rewritten from scratch: as long, intact, but not the same record 6.
    std::fs::remove_file(&path).unwrap();
    trail(dir.path(), 8);
    verify(&path, None).unwrap();
    let b = broken(&path, Some(&head));
    assert_eq!(b.seq, Some(6), "{b}");
    assert!(b.what.contains("rewritten"), "{b}");
}

#[test]
fn an_old_unchained_trail_is_kept_and_anchors_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let old = "{\"time\":\"2024-01-01T00:00:00Z\",\"event\":\"intent\",\"id\":\"a\"}\n\
               {\"time\":\"2024-01-01T00:00:01Z\",\"event\":\"outcome\",\"id\":\"a\"}\n";
    std::fs::write(&path, old).unwrap();
    let audit = Audit::open(&path).unwrap();
    audit
        .intent(&Intent::new(Operation::DeleteCollection, "c", "eu-west-1"))
        .unwrap();
    let ok = verify(&path, None).unwrap();
    assert_eq!((ok.records, ok.unchained_lines), (1, 2));
    assert!(std::fs::read_to_string(&path).unwrap().starts_with(old));

    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("00:00:01Z", "00:00:02Z", 1);
    std::fs::write(&path, edited).unwrap();
    let b = broken(&path, None);
    assert_eq!((b.seq, b.line), (Some(1), 3), "{b}");
    assert!(b.what.contains("before the chain were changed"), "{b}");
}

#[test]
fn heads_parse_only_as_seq_colon_hash() {
    let hash = "ab".repeat(32);
    let head: Head = format!("12:{}", hash.to_uppercase()).parse().unwrap();
    assert_eq!(
        head,
        Head {
            seq: 12,
            hash: hash.clone()
        }
    );
    for bad in [
        "",
        "12",
        "12:",
        "x:ab",
        &format!("0:{hash}"),
        &format!("12:{}", &hash[..60]),
    ] {
        assert!(bad.parse::<Head>().is_err(), "{bad:?}");
    }
}

#[test]
fn a_missing_trail_is_empty_unless_a_head_was_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none.jsonl");
    assert_eq!(verify(&path, None).unwrap().records, 0);
    let head = Head {
        seq: 1,
        hash: "0".repeat(64),
    };
    assert!(matches!(
        verify(&path, Some(&head)),
        Err(VerifyError::Broken(_))
    ));
}
