use std::path::Path;

use super::*;
use crate::audit::{Intent, Operation, Outcome};

const HOUR: i64 = 3_600_000;

fn run(path: &Path, json: bool, since: Option<&str>, now_ms: i64) -> (String, String) {
    let args = AuditArgs {
        json,
        since_ms: since.map(|s| time::parse_duration(s).unwrap()),
        ..AuditArgs::default()
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    print(path, &args, now_ms, &mut out, &mut err).unwrap();
    (
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// A trail written by hand, so that times are known: one finished delete two days ago,
/// one failed delete an hour ago (with a hostile message), one create with no outcome.
fn trail(dir: &Path) -> (std::path::PathBuf, i64) {
    let path = dir.join("audit.jsonl");
    let now = time::parse_rfc3339("2024-05-03T12:00:00Z").unwrap();
    let line = |at: i64, event: &str, id: &str, op: &str, extra: &str| {
        format!(
            r#"{{"time":"{}","event":"{event}","id":"{id}","operation":"{op}","collection_id":"c-{id}","account":"123456789012","region":"eu-west-1","profile":null,"face_count":5{extra}}}"#,
            time::format_rfc3339(at)
        )
    };
    let text = [
        line(now - 48 * HOUR, "intent", "a", "DeleteCollection", r#","manifest":"/m/a.jsonl""#),
        line(now - 48 * HOUR + 900, "outcome", "a", "DeleteCollection",
            r#","manifest":"/m/a.jsonl","outcome":"success","status_code":200,"request_id":"r-1","duration_ms":900"#),
        "not a record".to_owned(),
        line(now - HOUR, "intent", "b", "DeleteCollection", ""),
        line(now - HOUR + 50, "outcome", "b", "DeleteCollection",
            r#","outcome":"error","status_code":400,"error_code":"AccessDeniedException","error_message":"no\u001b[2J","duration_ms":50"#),
        line(now - 10 * 60_000, "intent", "c", "CreateCollection", ""),
    ]
    .join("\n");
    std::fs::write(&path, text + "\n").unwrap();
    (path, now)
}

#[test]
fn the_table_has_one_row_per_operation() {
    let dir = tempfile::tempdir().unwrap();
    let (path, now) = trail(dir.path());
    let (out, err) = run(&path, false, None, now);
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 4, "{out}");
    assert!(rows[0].starts_with("TIME "), "{out}");
    assert!(rows[0].ends_with("DETAIL"), "{out}");
    let a = rows[1];
    assert!(
        a.starts_with("2024-05-01 12:00:00Z  DeleteCollection  c-a"),
        "{out}"
    );
    for part in ["success", "200", "900", "request r-1; manifest /m/a.jsonl"] {
        assert!(a.contains(part), "{part} in {a}");
    }
    let b = rows[2];
    assert!(
        b.contains("error") && b.contains("AccessDeniedException: no\\u{1b}[2J"),
        "{b}"
    );
    assert!(
        !out.contains('\u{1b}'),
        "no raw escape reaches the terminal"
    );
    let c = rows[3];
    assert!(
        c.contains("CreateCollection") && c.contains("unknown"),
        "{c}"
    );
    assert!(c.contains("no outcome recorded"), "{c}");
    // Columns line up: each row's OUTCOME column starts at the header's.
    let at = rows[0].find("OUTCOME").unwrap();
    for row in &rows[1..] {
        assert!(
            ["success", "error", "unknown"]
                .iter()
                .any(|w| row[at..].starts_with(w)),
            "{row}"
        );
    }
    assert_eq!(
        err,
        format!(
            "rekog: skipped 1 unreadable line(s) in {}\n",
            path.display()
        )
    );
}

#[test]
fn since_keeps_operations_started_within_the_span() {
    let dir = tempfile::tempdir().unwrap();
    let (path, now) = trail(dir.path());
    let (out, _) = run(&path, false, Some("90m"), now);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(!out.contains("c-a") && out.contains("c-b") && out.contains("c-c"));
    let (out, err) = run(&path, false, Some("5m"), now);
    assert_eq!(out, "");
    assert!(
        err.ends_with("rekog: no audited operations in that span\n"),
        "{err}"
    );
    let (out, _) = run(&path, false, Some("7d"), now);
    assert_eq!(out.lines().count(), 4);
}

#[test]
fn json_prints_the_lines_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let (path, now) = trail(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    let (out, _) = run(&path, true, None, now);
    let want: Vec<&str> = text.lines().filter(|l| l.starts_with('{')).collect();
    assert_eq!(out.lines().collect::<Vec<_>>(), want);
    let (out, _) = run(&path, true, Some("24h"), now);
    assert_eq!(out.lines().collect::<Vec<_>>(), want[2..]);
}

#[test]
fn a_trail_written_by_audit_reads_back_in_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let audit = crate::audit::Audit::open(&path).unwrap();
    let id = audit
        .intent(&Intent::new(Operation::DeleteFaces, "faces", "us-east-1"))
        .unwrap();
    audit
        .outcome(&id, &Outcome::success(200, Some("rq".into())))
        .unwrap();
    let (out, err) = run(&path, false, Some("1h"), time::now_ms());
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.contains("DeleteFaces") && out.contains("request rq"),
        "{out}"
    );
    assert_eq!(err, "");
}

#[test]
fn no_trail_says_so_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let (out, err) = run(&dir.path().join("none.jsonl"), false, None, 0);
    assert_eq!(out, "");
    assert!(err.contains("no audited operations"), "{err}");
    let (out, err) = run(&dir.path().join("none.jsonl"), true, None, 0);
    assert_eq!((out.as_str(), err.as_str()), ("", ""));
}

#[test]
fn an_erasure_row_shows_what_it_erased_and_what_it_did_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let audit = crate::audit::Audit::open(&path).unwrap();
    let mut intent = Intent::new(Operation::Erasure, "faces", "us-east-1");
    intent.face_count = Some(4);
    let id = audit.intent(&intent).unwrap();
    let partial = Outcome {
        erased: Some(crate::audit::Erased {
            faces: 3,
            users: 1,
            faces_failed: 1,
            users_failed: 0,
        }),
        ..Outcome::success(200, None)
    };
    audit.outcome(&id, &partial).unwrap();
    let (out, _) = run(&path, false, None, time::now_ms());
    let row = out.lines().nth(1).unwrap();
    assert!(row.contains("Erasure") && row.contains("faces"), "{row}");
    assert!(
        row.contains("erased 3 faces and 1 user; not erased: 1 face and 0 users"),
        "{row}"
    );

    // A line from before erasures had counts reads as it always did.
    let (out, _) = run(&trail(dir.path()).0, false, None, 0);
    assert!(!out.contains("erased"), "{out}");
}

#[test]
fn a_delete_faces_row_shows_which_faces_stayed_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let audit = crate::audit::Audit::open(&path).unwrap();
    let mut intent = Intent::new(Operation::DeleteFaces, "faces", "us-east-1");
    intent.face_count = Some(2);
    let id = audit.intent(&intent).unwrap();
    let partial = Outcome {
        erased: Some(crate::audit::Erased {
            faces: 1,
            faces_failed: 1,
            ..crate::audit::Erased::default()
        }),
        left: Some(crate::audit::Left {
            faces_kept: vec![crate::audit::KeptFace {
                face_id: "f2".into(),
                reasons: vec!["ASSOCIATED_TO_AN_EXISTING_USER".into()],
            }],
            ..crate::audit::Left::default()
        }),
        ..Outcome::success(200, None)
    };
    audit.outcome(&id, &partial).unwrap();
    let (out, _) = run(&path, false, None, time::now_ms());
    let row = out.lines().nth(1).unwrap();
    assert!(
        row.contains("deleted 1 face; not deleted: 1 face (ASSOCIATED_TO_AN_EXISTING_USER)"),
        "{row}"
    );
    assert!(!row.contains("user"), "no users in a DeleteFaces: {row}");
}

/// A delete in a fleet member records the chain `default → arn:...`; in an ASCII locale the
/// table shows `>` for the arrow, and the columns stay aligned.
#[test]
fn an_ascii_locale_gets_the_table_in_ascii() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let record = |event: &str, extra: &str| {
        format!(
            r#"{{"time":"2024-05-03T12:00:00.000Z","event":"{event}","id":"x","operation":"DeleteCollection","collection_id":"lobby","account":"222222222222","region":"eu-west-1","profile":"default → arn:aws:iam::222222222222:role/R","face_count":5{extra}}}"#
        )
    };
    let text = [
        record("intent", ""),
        record("outcome", r#","outcome":"success","status_code":200"#),
    ]
    .join("\n");
    std::fs::write(&path, text + "\n").unwrap();
    let args = AuditArgs {
        ascii: true,
        ..AuditArgs::default()
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    print(&path, &args, 0, &mut out, &mut err).unwrap();
    let table = String::from_utf8(out).unwrap();
    assert!(table.is_ascii(), "{table}");
    assert!(
        table.contains("default > arn:aws:iam::222222222222:role/R  "),
        "{table}"
    );
    let (head, row) = table.split_once('\n').unwrap();
    assert_eq!(head.find("FACES"), row.find("5 "), "{table}");

    let (unicode, _) = run(&path, false, None, 0);
    assert!(unicode.contains("default → arn"), "{unicode}");
}
