//! `rekog audit --receipt ID`: what one erasure or collection delete did, from its two
//! audit records and its manifest, as a document for a data subject or an auditor
//! (Markdown) or as stable JSON. It names the records' `seq` and SHA-256, so whoever holds
//! the trail can check the receipt against it with `rekog audit --verify`.
//!
//! The JSON fields are documented in docs/proof.md; `receipt_version` changes when they do.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::chain::line_hash;
use super::verify::file_sha256;
use super::{Entry, Event, OutcomeKind, Record, read};

pub const RECEIPT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Receipt {
    pub receipt_version: u32,
    /// `erasure` or `delete_collection`.
    pub kind: &'static str,
    /// The intent's id, which the outcome repeats.
    pub id: String,
    pub ticket: Option<String>,
    pub who: Who,
    pub when: When,
    #[serde(rename = "where")]
    pub place: Place,
    pub what: What,
    pub outcome: Result_,
    pub proof_of_absence: Proof,
    pub manifest: Option<Manifest>,
    pub records: Vec<RecordRef>,
    pub rekog_version: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Who {
    pub caller_arn: Option<String>,
    pub os_user: Option<String>,
    pub host: Option<String>,
    pub ssh_connection: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct When {
    pub intent: String,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    pub account: Option<String>,
    pub region: Option<String>,
    pub profile: Option<String>,
    pub collection_id: Option<String>,
    pub collection_arn: Option<String>,
    pub endpoint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct What {
    /// How the faces were found (an erasure's manifest says it).
    pub search: Option<String>,
    pub faces: Option<u64>,
    pub users: Option<u64>,
    /// Each face of an erasure and what happened to it.
    pub face_results: Vec<FaceResult>,
    /// Each named user, by position, and what happened to them.
    pub user_results: Vec<UserResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FaceResult {
    pub face_id: String,
    /// `erased`, `not_found`, `kept`, `not_reached`, or `unknown` (no outcome recorded).
    pub result: &'static str,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UserResult {
    /// `deleted`, `kept`, `not_reached`, or `unknown`.
    pub result: &'static str,
    pub why: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Result_ {
    /// `success`, `error`, `unknown`, `interrupted`, or null when no outcome was recorded.
    pub outcome: Option<&'static str>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub faces_erased: Option<u64>,
    pub users_erased: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proof {
    /// The searches run again after an erasure.
    pub rechecked: Option<Vec<String>>,
    pub remaining: Option<u64>,
    pub remaining_face_ids: Option<Vec<String>>,
    pub error: Option<String>,
    /// After a delete: DescribeCollection answered ResourceNotFoundException.
    pub verified_absent: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Manifest {
    pub path: String,
    /// As recorded on the intent.
    pub sha256: Option<String>,
    /// The file's SHA-256 now; null when it is gone.
    pub sha256_now: Option<String>,
    /// How the manifest keeps ExternalImageIds and UserIds: `hmac-sha256` (under the
    /// installation's key) or `clear`; null when the manifest cannot be read as recorded.
    pub names: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordRef {
    pub seq: Option<u64>,
    pub event: &'static str,
    /// SHA-256 of the record's line, as its successor's `prev` holds it.
    pub sha256: String,
}

/// Why no receipt could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptError {
    Unknown(String),
    NotAReceiptKind { id: String, operation: String },
    Read(String),
}

impl std::fmt::Display for ReceiptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReceiptError::Unknown(id) => write!(f, "no record {id:?} in the audit trail"),
            ReceiptError::NotAReceiptKind { id, operation } => write!(
                f,
                "record {id} is a {operation}: receipts are for erasures and collection deletes"
            ),
            ReceiptError::Read(why) => f.write_str(why),
        }
    }
}

/// A manifest's `names`, as `manifest::NAMES_HMAC` and `NAMES_CLEAR` write them: the audit
/// layer sits below the manifests' and reads their lines as plain JSON.
const NAMES_HMAC: &str = "hmac-sha256";
const NAMES_CLEAR: &str = "clear";

/// The receipt of the change whose intent has `id`, from the trail at `path`.
pub fn receipt(path: &Path, id: &str) -> Result<Receipt, ReceiptError> {
    let trail = read(path).map_err(|e| ReceiptError::Read(e.to_string()))?;
    let mine: Vec<&Entry> = trail.entries.iter().filter(|e| e.record.id == id).collect();
    let intent = mine
        .iter()
        .find(|e| e.record.event == Event::Intent)
        .ok_or_else(|| ReceiptError::Unknown(id.to_owned()))?;
    let outcome = mine.iter().find(|e| e.record.event == Event::Outcome);
    let operation = intent.record.operation.clone().unwrap_or_default();
    let kind = match operation.as_str() {
        "Erasure" => "erasure",
        "DeleteCollection" => "delete_collection",
        _ => {
            return Err(ReceiptError::NotAReceiptKind {
                id: id.to_owned(),
                operation,
            });
        }
    };
    let i = &intent.record;
    let o = outcome.map(|e| &e.record);
    let mut manifest = i.manifest.as_ref().map(|p| Manifest {
        path: p.clone(),
        sha256: i.manifest_sha256.clone(),
        sha256_now: file_sha256(Path::new(p)).ok(),
        names: None,
    });
    let read_manifest = manifest
        .as_ref()
        .filter(|m| m.sha256_now.is_some() && m.sha256_now == m.sha256)
        .map(|m| manifest_lines(Path::new(&m.path)))
        .unwrap_or_default();
    if let (Some(m), Some(first)) = (manifest.as_mut(), read_manifest.first()) {
        // Manifests from before `names` existed, and collection manifests, keep clear text.
        m.names = Some(first["names"].as_str().unwrap_or(NAMES_CLEAR).to_owned());
    }
    let what = what(kind, i, o, &read_manifest);
    let records = mine
        .iter()
        .map(|e| RecordRef {
            seq: e.record.seq,
            event: match e.record.event {
                Event::Intent => "intent",
                Event::Outcome => "outcome",
            },
            sha256: line_hash(e.line.as_bytes()),
        })
        .collect();
    Ok(Receipt {
        receipt_version: RECEIPT_VERSION,
        kind,
        id: id.to_owned(),
        ticket: i
            .ticket
            .clone()
            .or_else(|| o.and_then(|o| o.ticket.clone())),
        who: Who {
            caller_arn: i.caller_arn.clone(),
            os_user: i.os_user.clone(),
            host: i.host.clone(),
            ssh_connection: i.ssh_connection.clone(),
        },
        when: When {
            intent: i.time.clone(),
            outcome: o.map(|o| o.time.clone()),
        },
        place: Place {
            account: i.account.clone(),
            region: i.region.clone(),
            profile: i.profile.clone(),
            collection_id: i.collection_id.clone(),
            collection_arn: i.collection_arn.clone(),
            endpoint: i.endpoint.clone(),
        },
        what,
        outcome: Result_ {
            outcome: o.and_then(|o| o.outcome).map(|k| match k {
                OutcomeKind::Success => "success",
                OutcomeKind::Error => "error",
                OutcomeKind::Unknown => "unknown",
                OutcomeKind::Interrupted => "interrupted",
                OutcomeKind::Resumed => "resumed",
            }),
            error_code: o.and_then(|o| o.error_code.clone()),
            error_message: o.and_then(|o| o.error_message.clone()),
            faces_erased: o.and_then(|o| o.faces_erased),
            users_erased: o.and_then(|o| o.users_erased),
        },
        proof_of_absence: Proof {
            rechecked: o.and_then(|o| o.rechecked.clone()),
            remaining: o.and_then(|o| o.remaining),
            remaining_face_ids: o.and_then(|o| o.remaining_face_ids.clone()),
            error: o.and_then(|o| o.recheck_error.clone()),
            verified_absent: o.and_then(|o| o.verified_absent),
        },
        manifest,
        records,
        rekog_version: env!("CARGO_PKG_VERSION"),
    })
}

/// The lines of a manifest, parsed; unreadable ones left out.
fn manifest_lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .map(|text| {
            text.lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect()
        })
        .unwrap_or_default()
}

fn what(kind: &str, i: &Record, o: Option<&Record>, manifest: &[Value]) -> What {
    let of_kind = |k: &'static str| manifest.iter().filter(move |l| l["kind"] == k);
    let search = of_kind("erasure")
        .next()
        .and_then(|l| l["search"].as_str().map(str::to_owned));
    let mut what = What {
        search,
        faces: i.face_count,
        users: i.user_count,
        face_results: Vec::new(),
        user_results: Vec::new(),
    };
    if kind != "erasure" {
        return what;
    }
    let left = o.and_then(|o| o.left.clone());
    for face in of_kind("face") {
        let Some(face_id) = face["FaceId"].as_str() else {
            continue;
        };
        let (result, reasons) = match (&left, o) {
            (_, None) => ("unknown", Vec::new()),
            (None, Some(_)) => ("unknown", Vec::new()),
            (Some(left), Some(_)) => {
                if let Some(kept) = left.faces_kept.iter().find(|k| k.face_id == face_id) {
                    let gone = kept
                        .reasons
                        .iter()
                        .any(|r| r == "FACE_NOT_FOUND" || r == "NOT_IN_THE_ANSWER");
                    (
                        if gone { "not_found" } else { "kept" },
                        kept.reasons.clone(),
                    )
                } else if left.faces_unreached.iter().any(|f| f == face_id) {
                    ("not_reached", Vec::new())
                } else {
                    ("erased", Vec::new())
                }
            }
        };
        what.face_results.push(FaceResult {
            face_id: face_id.to_owned(),
            result,
            reasons,
        });
    }
    let named = of_kind("user").count() as u64;
    let named = if named > 0 {
        named
    } else {
        i.user_count.unwrap_or(0)
    };
    let (kept, unreached) = left.as_ref().map_or((Vec::new(), 0), |l| {
        (l.users_kept.clone(), l.users_unreached)
    });
    let deleted = o.and_then(|o| o.users_erased).unwrap_or(0);
    for n in 0..named {
        let user = match n {
            _ if o.is_none() => UserResult {
                result: "unknown",
                why: None,
            },
            n if n < deleted => UserResult {
                result: "deleted",
                why: None,
            },
            n if ((n - deleted) as usize) < kept.len() => UserResult {
                result: "kept",
                why: Some(kept[(n - deleted) as usize].clone()),
            },
            _ if unreached > 0 => UserResult {
                result: "not_reached",
                why: None,
            },
            _ => UserResult {
                result: "unknown",
                why: None,
            },
        };
        what.user_results.push(user);
    }
    what
}

/// The receipt as a document to send: plain Markdown, every value escaped.
pub fn markdown(r: &Receipt) -> String {
    let mut s = String::new();
    let v = |o: &Option<String>| o.as_deref().map_or_else(|| "-".to_owned(), md);
    let title = match r.kind {
        "erasure" => "Erasure receipt",
        _ => "Collection deletion receipt",
    };
    s.push_str(&format!("# {title}\n\n"));
    s.push_str(&format!(
        "This receipt is made by rekog {} from its audit trail. It records one {} of face \
         data in Amazon Rekognition, and how it can be checked.\n\n",
        r.rekog_version,
        if r.kind == "erasure" {
            "erasure"
        } else {
            "deletion of a whole collection"
        }
    ));
    s.push_str("| | |\n| --- | --- |\n");
    s.push_str(&format!("| Record | `{}` |\n", code(&r.id)));
    s.push_str(&format!("| Ticket | {} |\n", v(&r.ticket)));
    s.push_str(&format!("| Started (UTC) | {} |\n", md(&r.when.intent)));
    s.push_str(&format!("| Ended (UTC) | {} |\n", v(&r.when.outcome)));
    s.push_str(&format!("| Outcome | {} |\n\n", outcome_words(r)));

    s.push_str("## Who\n\n");
    s.push_str(&format!("- AWS identity: {}\n", v(&r.who.caller_arn)));
    s.push_str(&format!("- Operating system user: {}\n", v(&r.who.os_user)));
    s.push_str(&format!("- Host: {}\n", v(&r.who.host)));
    if r.who.ssh_connection.is_some() {
        s.push_str(&format!("- SSH connection: {}\n", v(&r.who.ssh_connection)));
    }
    s.push_str("\n## Where\n\n");
    s.push_str(&format!("- Account: {}\n", v(&r.place.account)));
    s.push_str(&format!("- Region: {}\n", v(&r.place.region)));
    s.push_str(&format!("- Collection: {}\n", v(&r.place.collection_id)));
    s.push_str(&format!(
        "- Collection ARN: {}\n",
        v(&r.place.collection_arn)
    ));
    if r.place.endpoint.is_some() {
        s.push_str(&format!("- Endpoint: {}\n", v(&r.place.endpoint)));
    }

    s.push_str("\n## What\n\n");
    let count = |n: Option<u64>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
    if r.kind == "erasure" {
        s.push_str(&format!(
            "- Found by: {}\n- Faces named: {}\n- Users named: {}\n",
            v(&r.what.search),
            count(r.what.faces),
            count(r.what.users)
        ));
        s.push_str(&format!(
            "- Faces erased: {}; users deleted: {}\n\n",
            count(r.outcome.faces_erased),
            count(r.outcome.users_erased)
        ));
        if r.what.face_results.is_empty() {
            s.push_str("The manifest that lists the faces is not available, or changed.\n\n");
        } else {
            s.push_str("| FaceId | Result | Reasons |\n| --- | --- | --- |\n");
            for f in &r.what.face_results {
                s.push_str(&format!(
                    "| `{}` | {} | {} |\n",
                    code(&f.face_id),
                    f.result.replace('_', " "),
                    md(&f.reasons.join(", "))
                ));
            }
            s.push('\n');
        }
        for (n, u) in r.what.user_results.iter().enumerate() {
            s.push_str(&format!(
                "- User {} of {}: {}{}\n",
                n + 1,
                r.what.user_results.len(),
                u.result.replace('_', " "),
                u.why
                    .as_deref()
                    .map(|w| format!(" ({})", md(w)))
                    .unwrap_or_default()
            ));
        }
        if !r.what.user_results.is_empty() {
            s.push('\n');
        }
    } else {
        s.push_str(&format!(
            "- The whole collection, with {} faces and {} users\n\n",
            count(r.what.faces),
            count(r.what.users)
        ));
    }

    s.push_str("## Proof of absence\n\n");
    let p = &r.proof_of_absence;
    match (r.kind, &p.error, &p.rechecked) {
        ("erasure", Some(why), _) => {
            s.push_str(&format!("Looking again failed: {}.\n\n", md(why)));
        }
        ("erasure", None, Some(looked)) => {
            let remaining = p.remaining.unwrap_or(0);
            s.push_str(&format!(
                "After the erasure, rekog looked again ({}): {}.\n\n",
                md(&looked.join("; ")),
                if remaining == 0 {
                    "no face remains".to_owned()
                } else {
                    format!(
                        "{} still found: {}",
                        crate::text::count(remaining, "face was", "faces were"),
                        md(&p.remaining_face_ids.clone().unwrap_or_default().join(", "))
                    )
                }
            ));
        }
        ("erasure", None, None) => s.push_str("Not recorded.\n\n"),
        _ => s.push_str(match p.verified_absent {
            Some(true) => {
                "After the deletion, DescribeCollection answered ResourceNotFoundException: \
                 the collection no longer exists.\n\n"
            }
            Some(false) => "After the deletion, the collection could not be shown gone.\n\n",
            None => "Not recorded.\n\n",
        }),
    }

    s.push_str("## Evidence\n\n");
    match &r.manifest {
        Some(m) => {
            s.push_str(&format!("- Manifest: `{}`\n", code(&m.path)));
            s.push_str(&format!(
                "- Manifest SHA-256 as recorded: `{}`\n",
                code(m.sha256.as_deref().unwrap_or("-"))
            ));
            let now = match (&m.sha256_now, &m.sha256) {
                (None, _) => "the file is no longer there".to_owned(),
                (Some(now), Some(was)) if now == was => "unchanged".to_owned(),
                (Some(now), _) => format!("changed, now `{now}`"),
            };
            s.push_str(&format!("- Manifest now: {now}\n"));
            s.push_str(match m.names.as_deref() {
                Some(NAMES_HMAC) => {
                    "- Names in the manifest: ExternalImageIds and UserIds kept only as \
                     HMAC-SHA256 under this installation's key, not in clear text\n"
                }
                Some(_) => {
                    "- Names in the manifest: ExternalImageIds and UserIds kept in clear text\n"
                }
                None => {
                    "- Names in the manifest: unknown (the manifest cannot be read as recorded)\n"
                }
            });
        }
        None => s.push_str("- No manifest was kept.\n"),
    }
    for rec in &r.records {
        s.push_str(&format!(
            "- Audit record {} ({}): SHA-256 `{}`\n",
            rec.seq.map_or_else(|| "-".to_owned(), |n| n.to_string()),
            rec.event,
            rec.sha256
        ));
    }
    if let Some(last) = r
        .records
        .iter()
        .rev()
        .find_map(|rec| rec.seq.map(|n| (n, rec)))
    {
        s.push_str(&format!(
            "\nWhoever holds the audit trail can check these records are in it, unchanged: \
             `rekog audit --verify --expect-head {}:{}`.\n",
            last.0, last.1.sha256
        ));
    }
    s
}

fn outcome_words(r: &Receipt) -> String {
    match (r.outcome.outcome, &r.outcome.error_code) {
        (Some("success"), _) => "success".to_owned(),
        (Some(kind), Some(code)) => format!("{kind} ({})", md(code)),
        (Some(kind), None) => kind.to_owned(),
        (None, _) => "no outcome recorded: rekog stopped before the end".to_owned(),
    }
}

/// Text for a code span: no backtick to end it early, no control characters.
fn code(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '`')
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// Text from the trail, safe in Markdown: no table breaks, no markup, no control characters.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[path = "receipt_tests.rs"]
mod tests;
