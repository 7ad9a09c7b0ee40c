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

mod markdown;

pub use markdown::markdown;

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

#[cfg(test)]
mod tests;
