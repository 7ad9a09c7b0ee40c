//! `rekog audit --find VALUE`: which erasures named this ExternalImageId or UserId. Each
//! erasure manifest the audit trail names is read: one that keeps names as HMAC-SHA256 is
//! searched for the HMAC of VALUE under its installation's key, one in clear text for
//! VALUE itself. "Was I erased?" is answered without rekog keeping the name.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

use crate::audit::verify::PRUNE;
use crate::audit::{Event, Operation, OutcomeKind, Record};
use crate::manifest::key::{NameKey, path_of_manifest};
use crate::manifest::{NAMES_CLEAR as CLEAR, NAMES_HMAC as HMAC};
use crate::text::{count, thousands};

/// One erasure that named the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The audit id of the erasure's intent.
    pub id: String,
    pub time: String,
    pub collection: String,
    pub region: String,
    pub account: Option<String>,
    pub ticket: Option<String>,
    pub manifest: PathBuf,
    /// `hmac-sha256` or `clear`.
    pub names: &'static str,
    /// Faces whose ExternalImageId, or whose UserId, was the value.
    pub by_external_image_id: u64,
    pub by_user_id: u64,
    /// The value was a user the erasure named (to delete once without faces).
    pub named_user: bool,
    /// How the erasure went, from its outcome line; `None` when it has none.
    pub outcome: Option<OutcomeKind>,
}

/// What the search came to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// Erasure manifests read.
    pub checked: u64,
    /// Manifests rekog pruned: what they named can no longer be told.
    pub pruned: Vec<PathBuf>,
    /// Manifests that could not be read, or whose key is gone.
    pub errors: Vec<String>,
}

/// Looks through the erasures the trail at `trail` records for `value`.
pub fn find(trail: &Path, value: &str) -> Result<Found, String> {
    let erasure = Operation::Erasure.as_str();
    let mut pruned: HashSet<String> = HashSet::new();
    let mut outcomes: HashMap<String, OutcomeKind> = HashMap::new();
    let mut intents: Vec<Record> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    // Streamed: a trail of a million records is read line by line, and only the records
    // that name a manifest are parsed.
    each_naming_a_manifest(trail, |r| {
        let Some(path) = r.manifest.clone() else {
            return;
        };
        match (r.event, r.operation.as_deref()) {
            (_, Some(PRUNE)) => {
                pruned.insert(path);
            }
            (Event::Intent, Some(op)) if op == erasure && seen.insert(path) => intents.push(r),
            (Event::Outcome, Some(op)) if op == erasure => {
                if let Some(kind) = r.outcome {
                    outcomes.insert(r.id, kind);
                }
            }
            _ => {}
        }
    })?;
    let mut found = Found::default();
    let mut keys: HashMap<PathBuf, Option<NameKey>> = HashMap::new();
    for intent in intents {
        let Some(path) = intent.manifest.as_deref().map(PathBuf::from) else {
            continue;
        };
        let named = match scan(&path, value, &mut keys) {
            Ok(named) => named,
            Err(_) if !path.exists() && pruned.contains(path.to_string_lossy().as_ref()) => {
                found.pruned.push(path);
                continue;
            }
            Err(why) => {
                found.errors.push(why);
                continue;
            }
        };
        found.checked += 1;
        if named.external + named.user_faces == 0 && !named.user {
            continue;
        }
        found.hits.push(Hit {
            id: intent.id.clone(),
            time: intent.time.clone(),
            collection: intent.collection_id.clone().unwrap_or_default(),
            region: intent.region.clone().unwrap_or_default(),
            account: intent.account.clone(),
            ticket: intent.ticket.clone(),
            manifest: path,
            names: named.names,
            by_external_image_id: named.external,
            by_user_id: named.user_faces,
            named_user: named.user,
            outcome: outcomes.get(intent.id.as_str()).copied(),
        });
    }
    Ok(found)
}

/// Calls `each` with every record of the trail at `trail` whose line names a manifest; no
/// file is an empty trail, and a line that is not a record is skipped, as `rekog audit`
/// skips it.
fn each_naming_a_manifest(trail: &Path, mut each: impl FnMut(Record)) -> Result<(), String> {
    let shown = trail.display();
    let file = match File::open(trail) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot read the audit trail {shown}: {e}")),
    };
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut line = Vec::with_capacity(1024);
    const NAMES: &str = r#""manifest":""#;
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read the audit trail {shown}: {e}"))?;
        if n == 0 {
            return Ok(());
        }
        // The standard library's searcher, not a loop here: the trail can be long.
        let names = std::str::from_utf8(&line).is_ok_and(|t| t.contains(NAMES));
        if !names {
            continue;
        }
        if let Ok(record) = serde_json::from_slice::<Record>(&line) {
            each(record);
        }
    }
}

struct Named {
    names: &'static str,
    external: u64,
    user_faces: u64,
    user: bool,
}

/// Reads the manifest at `path` for `value` (or its HMAC, with the key beside the
/// manifest's root, read once per key).
fn scan(
    path: &Path,
    value: &str,
    keys: &mut HashMap<PathBuf, Option<NameKey>>,
) -> Result<Named, String> {
    let shown = path.display();
    let file = File::open(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let mut lines = BufReader::new(file).lines();
    let first: Value = match lines.next() {
        Some(line) => {
            let line = line.map_err(|e| format!("cannot read {shown}: {e}"))?;
            serde_json::from_str(&line).map_err(|e| format!("{shown}:1: not JSON: {e}"))?
        }
        None => return Err(format!("{shown} is empty")),
    };
    // Manifests from before `names` existed keep clear text.
    let (names, needle) = match first.get("names").and_then(Value::as_str).unwrap_or(CLEAR) {
        HMAC => {
            let key_path = path_of_manifest(path)
                .ok_or_else(|| format!("{shown}: no key can belong to a manifest here"))?;
            if !keys.contains_key(&key_path) {
                keys.insert(key_path.clone(), NameKey::load(&key_path)?);
            }
            let Some(Some(key)) = keys.get(&key_path) else {
                return Err(format!(
                    "{shown} keeps names as HMAC-SHA256, and its key {} is gone",
                    key_path.display()
                ));
            };
            (HMAC, key.tag(value))
        }
        CLEAR => (CLEAR, value.to_owned()),
        other => return Err(format!("{shown}: names kept as {other:?}, unknown here")),
    };
    let mut named = Named {
        names,
        external: 0,
        user_faces: 0,
        user: false,
    };
    for (n, line) in lines.enumerate() {
        let line = line.map_err(|e| format!("cannot read {shown}: {e}"))?;
        let Ok(v) = serde_json::from_str::<Value>(&line) else {
            return Err(format!("{shown}:{}: not JSON; the file is damaged", n + 2));
        };
        let is = |field: &str| v.get(field).and_then(Value::as_str) == Some(needle.as_str());
        match v.get("kind").and_then(Value::as_str) {
            Some("user") => named.user |= is("UserId"),
            Some("face") => {
                named.external += u64::from(is("ExternalImageId"));
                named.user_faces += u64::from(is("UserId"));
            }
            _ => {}
        }
    }
    Ok(named)
}

/// Runs the search and prints it: one line per erasure that named the value. Exit 0 when
/// some did, 1 when none did, 2 when the trail or a manifest could not be read and none
/// that could be read named it.
pub fn run(trail: &Path, value: &str) -> ExitCode {
    let found = match find(trail, value) {
        Ok(found) => found,
        Err(why) => {
            crate::text::errln!("rekog: {why}");
            return ExitCode::from(2);
        }
    };
    for hit in &found.hits {
        crate::text::outln!("{}", line(hit));
    }
    for path in &found.pruned {
        crate::text::errln!(
            "rekog: {} was pruned: what that erasure named can no longer be told",
            path.display()
        );
    }
    for why in &found.errors {
        crate::text::errln!("rekog: {why}");
    }
    let mut checked = format!(
        "{} read",
        count(found.checked, "erasure manifest", "erasure manifests")
    );
    if !found.pruned.is_empty() {
        checked.push_str(&format!(
            ", {} pruned",
            thousands(found.pruned.len() as u64)
        ));
    }
    match (found.hits.len(), found.errors.len()) {
        (0, 0) => {
            crate::text::errln!("rekog: no erasure named it ({checked})");
            ExitCode::from(1)
        }
        (0, _) => {
            crate::text::errln!("rekog: no erasure that could be read named it ({checked})");
            ExitCode::from(2)
        }
        (n, _) => {
            crate::text::errln!(
                "rekog: {} named it ({checked})",
                count(n as u64, "erasure", "erasures")
            );
            ExitCode::SUCCESS
        }
    }
}

/// `2026-12-05T08:00:00.000Z erasure ID: people in us-east-1 (account A); ...`
fn line(hit: &Hit) -> String {
    let mut parts = Vec::new();
    if hit.by_external_image_id > 0 {
        parts.push(format!(
            "ExternalImageId of {}",
            count(hit.by_external_image_id, "face", "faces")
        ));
    }
    if hit.by_user_id > 0 {
        parts.push(format!(
            "UserId of {}",
            count(hit.by_user_id, "face", "faces")
        ));
    }
    if hit.named_user {
        parts.push("the user erased".into());
    }
    let outcome = match hit.outcome {
        Some(OutcomeKind::Success) => "success",
        Some(OutcomeKind::Error) => "error",
        Some(OutcomeKind::Unknown) => "unknown",
        Some(OutcomeKind::Interrupted) => "interrupted",
        Some(OutcomeKind::Resumed) => "resumed",
        None => "no outcome recorded",
    };
    let mut text = format!(
        "{} erasure {}: {} in {}",
        hit.time, hit.id, hit.collection, hit.region
    );
    if let Some(account) = &hit.account {
        text.push_str(&format!(" (account {account})"));
    }
    text.push_str(&format!(
        "; named as {}; outcome {outcome}; names kept {}; manifest {}",
        parts.join(", "),
        hit.names,
        hit.manifest.display()
    ));
    if let Some(ticket) = &hit.ticket {
        text.push_str(&format!("; ticket {ticket}"));
    }
    crate::text::sanitize(&text)
}

#[cfg(test)]
mod tests;
