//! Pre-delete manifests: a collection exported to JSON Lines before it is deleted, so that
//! what was deleted is known and the collection can be rebuilt by re-indexing the images.
//!
//! `$XDG_DATA_HOME/rekog/manifests/ACCOUNT/REGION/ID-UTCSTAMP.jsonl`: a `collection` line
//! (DescribeCollection under its API names, tags, where, when and by which rekog), one
//! `user` line per ListUsers entry, one `face` line per ListFaces entry, and an `end` line
//! with the counts, so a cut-off file is detectable. `FILE.sha256` holds its digest.
//!
//! An erasure's manifest has the same form, with an `erasure` line first (the collection
//! as described, and the search that found the faces) and only the faces and users erased.
//!
//! The export reads through [`crate::aws::api::Rekognition`], the same adapter the app uses.

mod check;
pub mod cli;
mod erasure;
pub mod inventory;
pub mod key;
mod lines;
mod partial;
mod write;

use std::path::{Path, PathBuf};

pub use check::{Summary, check};
pub use erasure::{Erasing, Likeness, NAMES_CLEAR, NAMES_HMAC, Names, Searched, erasure};
pub use write::{Exported, Progress, export};

use crate::aws::api::CollectionDetail;
use crate::ids::CollectionId;
use crate::text::account_of;

/// What is exported, and the context recorded with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: CollectionId,
    /// The caller's account, when known; else the one in the collection's ARN.
    pub account: Option<String>,
    pub region: String,
    pub profile: Option<String>,
    pub endpoint: Option<String>,
}

/// `$XDG_DATA_HOME/rekog/manifests`, or `~/.local/share/rekog/manifests`.
pub fn default_dir() -> Option<PathBuf> {
    crate::paths::data_dir().map(|d| d.join("manifests"))
}

/// `DIR/ACCOUNT/REGION/ID-UTCSTAMP.jsonl`, the stamp like `20240501T123456Z`.
pub fn path_for(dir: &Path, account: &str, region: &str, id: &str, now_ms: i64) -> PathBuf {
    place(dir, account, region).join(format!("{id}-{}.jsonl", stamp(now_ms)))
}

/// `DIR/ACCOUNT/REGION/ID-UTCSTAMP-erasure.jsonl`; no collection manifest can have this
/// name, as a collection's ends in the stamp.
pub fn erasure_path_for(dir: &Path, account: &str, region: &str, id: &str, now_ms: i64) -> PathBuf {
    place(dir, account, region).join(format!("{id}-{}-erasure.jsonl", stamp(now_ms)))
}

fn stamp(now_ms: i64) -> String {
    let time = crate::time::format_rfc3339(now_ms);
    let mut stamp: String = time
        .split('.')
        .next()
        .unwrap_or(&time)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    stamp.push('Z');
    stamp
}

/// `DIR/ACCOUNT/REGION`. Account and region come from the service; they are kept to safe
/// path characters.
fn place(dir: &Path, account: &str, region: &str) -> PathBuf {
    let safe = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    dir.join(safe(account)).join(safe(region))
}

/// The account a manifest is filed under: the caller's when known, else the one in the
/// collection's ARN.
fn account(target: &Target, detail: &CollectionDetail) -> String {
    target
        .account
        .clone()
        .or_else(|| account_of(detail.arn.as_deref()?).map(str::to_owned))
        .unwrap_or_else(|| "unknown-account".to_owned())
}

/// `FILE.sha256` beside `FILE`.
pub fn digest_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".sha256");
    PathBuf::from(name)
}

/// Removes the manifest at `path` and the digest beside it (which may be missing). The
/// manifest goes first: a digest left alone names nothing that could be mistaken for it.
pub fn remove(path: &Path) -> Result<(), String> {
    std::fs::remove_file(path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    let digest = digest_path(path);
    match std::fs::remove_file(&digest) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("cannot remove {}: {e}", digest.display()))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
