use std::path::Path;

use serde_json::{Value, json};

use super::markdown::{code, md};
use super::*;
use crate::audit::chain::{genesis_hash, line_hash};

const ID: &str = "0b5e4b8e-7f6a-4d3c-9e21-5a1f2c3d4e5f";

/// A trail of an erasure's two records, chained, with fixed times and names.
fn erasure_trail(dir: &Path, manifest: &Path, sha: &str) -> std::path::PathBuf {
    let common = json!({
        "id": ID,
        "operation": "Erasure",
        "collection_id": "lobby-cam",
        "collection_arn": "arn:aws:rekognition:eu-west-1:123456789012:collection/lobby-cam",
        "account": "123456789012",
        "caller_arn": "arn:aws:sts::123456789012:assumed-role/dpo/alice",
        "region": "eu-west-1",
        "profile": "prod",
        "endpoint": null,
        "os_user": "alice",
        "ssh_connection": null,
        "host": "admin-01",
        "face_count": 3,
        "user_count": 1,
        "manifest": manifest.to_str().unwrap(),
        "manifest_sha256": sha,
        "ticket": "DSAR-2026-0042",
        "version": "0.1.0",
    });
    let mut intent = common.clone();
    intent["time"] = json!("2026-12-05T09:00:00.000Z");
    intent["event"] = json!("intent");
    let mut outcome = common;
    outcome["time"] = json!("2026-12-05T09:00:02.500Z");
    outcome["event"] = json!("outcome");
    outcome["outcome"] = json!("error");
    outcome["error_code"] = json!("Refused");
    outcome["faces_erased"] = json!(2);
    outcome["users_erased"] = json!(0);
    outcome["remaining"] = json!(1);
    outcome["remaining_face_ids"] = json!(["33333333-3333-4333-8333-333333333333"]);
    outcome["rechecked"] = json!(["3 FaceIds", "UserId (named)"]);
    outcome["left"] = json!({
        "faces_kept": [{"face_id": "33333333-3333-4333-8333-333333333333",
                        "reasons": ["ASSOCIATED_TO_AN_EXISTING_USER"]}],
        "faces_unreached": [],
        "users_kept": ["UserHasOtherFaces: it still has faces this erasure does not name"],
        "users_unreached": 0,
    });
    let path = dir.join("audit.jsonl");
    let mut text = String::new();
    let mut prev = genesis_hash();
    for (seq, record) in [intent, outcome].into_iter().enumerate() {
        let mut line = serde_json::Map::new();
        line.insert("seq".into(), json!(seq + 1));
        line.insert("prev".into(), json!(prev));
        line.extend(record.as_object().unwrap().clone());
        let line = serde_json::to_string(&line).unwrap();
        prev = line_hash(line.as_bytes());
        text.push_str(&line);
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn manifest(dir: &Path) -> (std::path::PathBuf, String) {
    let path = dir.join("lobby-cam-20261205T090000Z-erasure.jsonl");
    let faces = [
        "11111111-1111-4111-8111-111111111111",
        "22222222-2222-4222-8222-222222222222",
        "33333333-3333-4333-8333-333333333333",
    ];
    let mut text = String::from(
        "{\"kind\":\"erasure\",\"CollectionId\":\"lobby-cam\",\"search\":\"UserId (named)\",\"names\":\"hmac-sha256\"}\n\
         {\"kind\":\"user\",\"UserId\":\"x\"}\n",
    );
    for f in faces {
        text.push_str(&format!("{{\"kind\":\"face\",\"FaceId\":\"{f}\"}}\n"));
    }
    text.push_str("{\"kind\":\"end\",\"faces\":3,\"users\":1}\n");
    std::fs::write(&path, &text).unwrap();
    let sha = crate::audit::verify::file_sha256(&path).unwrap();
    (path, sha)
}

#[test]
fn an_erasure_receipt_says_what_happened_to_each_face() {
    let dir = tempfile::tempdir().unwrap();
    let (m, sha) = manifest(dir.path());
    let trail = erasure_trail(dir.path(), &m, &sha);
    let r = receipt(&trail, ID).unwrap();
    let j: Value = serde_json::to_value(&r).unwrap();
    assert_eq!(j["receipt_version"], 1);
    assert_eq!(j["kind"], "erasure");
    assert_eq!(j["ticket"], "DSAR-2026-0042");
    assert_eq!(
        j["who"]["caller_arn"],
        "arn:aws:sts::123456789012:assumed-role/dpo/alice"
    );
    assert_eq!(
        (&j["who"]["os_user"], &j["who"]["host"]),
        (&json!("alice"), &json!("admin-01"))
    );
    assert_eq!(j["when"]["intent"], "2026-12-05T09:00:00.000Z");
    assert_eq!(j["when"]["outcome"], "2026-12-05T09:00:02.500Z");
    assert_eq!(j["where"]["account"], "123456789012");
    assert_eq!(j["where"]["region"], "eu-west-1");
    assert_eq!(j["what"]["search"], "UserId (named)");
    assert_eq!(
        j["what"]["face_results"],
        json!([
            {"face_id": "11111111-1111-4111-8111-111111111111", "result": "erased", "reasons": []},
            {"face_id": "22222222-2222-4222-8222-222222222222", "result": "erased", "reasons": []},
            {"face_id": "33333333-3333-4333-8333-333333333333", "result": "kept",
             "reasons": ["ASSOCIATED_TO_AN_EXISTING_USER"]},
        ])
    );
    assert_eq!(j["what"]["user_results"][0]["result"], "kept");
    assert_eq!(j["proof_of_absence"]["remaining"], 1);
    assert_eq!(j["manifest"]["sha256"], json!(sha));
    assert_eq!(j["manifest"]["sha256_now"], json!(sha));
    assert_eq!(j["manifest"]["names"], "hmac-sha256");
    let lines: Vec<&str> = std::fs::read_to_string(&trail)
        .unwrap()
        .leak()
        .lines()
        .collect();
    assert_eq!(
        j["records"],
        json!([
            {"seq": 1, "event": "intent", "sha256": line_hash(lines[0].as_bytes())},
            {"seq": 2, "event": "outcome", "sha256": line_hash(lines[1].as_bytes())},
        ])
    );
    // The trail the receipt names is intact, and its head is the receipt's last record.
    let head = crate::audit::verify::verify(&trail, None)
        .unwrap()
        .head
        .unwrap();
    assert_eq!(head.hash, line_hash(lines[1].as_bytes()));

    // The records hold the manifest's temporary path, and so their hashes vary.
    let text = markdown(&r)
        .replace(&dir.path().display().to_string(), "[dir]")
        .replace(&line_hash(lines[0].as_bytes()), "[intent's SHA-256]")
        .replace(&line_hash(lines[1].as_bytes()), "[outcome's SHA-256]");
    insta::assert_snapshot!("erasure_receipt", text);
}

#[test]
fn unknown_ids_and_other_operations_have_no_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let (m, sha) = manifest(dir.path());
    let trail = erasure_trail(dir.path(), &m, &sha);
    assert_eq!(
        receipt(&trail, "nope"),
        Err(ReceiptError::Unknown("nope".into()))
    );
    let audit = crate::audit::Audit::open(&trail).unwrap();
    let intent = crate::audit::Intent::new(crate::audit::Operation::CreateUser, "c", "eu-west-1");
    let id = audit.intent(&intent).unwrap().as_str().to_owned();
    assert!(matches!(
        receipt(&trail, &id),
        Err(ReceiptError::NotAReceiptKind { .. })
    ));
}

#[test]
fn markdown_escapes_what_the_trail_holds() {
    assert_eq!(md("a|b*c_d`e"), "a\\|b\\*c\\_d\\`e");
    assert_eq!(md("x\ny"), "x\\ny");
    assert_eq!(code("ab`c\u{1b}"), "abc\\u{1b}");
}

#[test]
fn a_delete_receipt_says_the_collection_was_shown_gone() {
    let dir = tempfile::tempdir().unwrap();
    let trail = dir.path().join("audit.jsonl");
    let audit = crate::audit::Audit::open(&trail).unwrap();
    let mut intent = crate::audit::Intent::new(
        crate::audit::Operation::DeleteCollection,
        "old",
        "eu-west-1",
    );
    intent.face_count = Some(41_200);
    intent.ticket = Some("RET-7".into());
    let id = audit.intent(&intent).unwrap();
    let mut outcome = crate::audit::Outcome::success(200, Some("req-1".into()));
    outcome.verified_absent = Some(true);
    audit.outcome(&id, &outcome).unwrap();
    let r = receipt(&trail, id.as_str()).unwrap();
    assert_eq!(r.kind, "delete_collection");
    assert_eq!(r.proof_of_absence.verified_absent, Some(true));
    assert_eq!(r.ticket.as_deref(), Some("RET-7"));
    assert_eq!(
        r.records.iter().map(|x| x.seq).collect::<Vec<_>>(),
        [Some(1), Some(2)]
    );
    let text = markdown(&r);
    assert!(text.starts_with("# Collection deletion receipt"), "{text}");
    assert!(text.contains("41200 faces"), "{text}");
    let mut one = r.clone();
    (one.what.faces, one.what.users) = (Some(1), Some(1));
    assert!(markdown(&one).contains("with 1 face and 1 user"));
    assert!(
        text.contains("answered ResourceNotFoundException"),
        "{text}"
    );
    assert!(text.contains("No manifest was kept"), "{text}");
}

#[test]
fn a_receipt_says_names_are_unknown_once_the_manifest_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (m, sha) = manifest(dir.path());
    let trail = erasure_trail(dir.path(), &m, &sha);
    let clear = std::fs::read_to_string(&m)
        .unwrap()
        .replace("hmac-sha256", "clear");
    std::fs::write(&m, clear).unwrap();
    let r = receipt(&trail, ID).unwrap();
    let j: Value = serde_json::to_value(&r).unwrap();
    assert_eq!(j["manifest"]["names"], Value::Null);
    assert!(markdown(&r).contains("Names in the manifest: unknown"));
}

#[test]
fn the_receipt_reads_names_as_manifests_write_them() {
    assert_eq!(NAMES_HMAC, crate::manifest::NAMES_HMAC);
    assert_eq!(NAMES_CLEAR, crate::manifest::NAMES_CLEAR);
}
