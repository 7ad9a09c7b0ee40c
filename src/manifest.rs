//! Pre-delete manifests: a collection exported to JSON Lines before it is deleted, so that
//! what was deleted is known and the collection can be rebuilt by re-indexing the images.
//!
//! `$XDG_DATA_HOME/rekog/manifests/ACCOUNT/REGION/ID-UTCSTAMP.jsonl`: a `collection` line
//! (DescribeCollection under its API names, tags, where, when and by which rekog), one
//! `user` line per ListUsers entry, one `face` line per ListFaces entry, and an `end` line
//! with the counts, so a cut-off file is detectable. `FILE.sha256` holds its digest.
//!
//! The export reads through [`crate::api::Rekognition`], the same adapter the app uses.

mod check;
pub mod cli;
mod lines;
mod write;

use std::path::{Path, PathBuf};

pub use check::{Summary, check};
pub use write::{Exported, Progress, export};

/// What is exported, and the context recorded with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: String,
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
    let time = crate::time::format_rfc3339(now_ms);
    let stamp: String = time
        .split('.')
        .next()
        .unwrap_or(&time)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    // Account and region come from the service; keep them to safe path characters.
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
    dir.join(safe(account))
        .join(safe(region))
        .join(format!("{id}-{stamp}Z.jsonl"))
}

/// `FILE.sha256` beside `FILE`.
pub fn digest_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".sha256");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests;
