//! `rekog manifests [--older-than DURATION] [--prune]`: the manifests on this box, and the
//! removal of old ones, each with an intent and an outcome on the audit trail (operation
//! `PruneManifest`, the file's path and SHA-256), so `rekog audit --verify` counts them
//! pruned and not missing. The TUI prunes the same way at start under `manifest_retention`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::audit::verify::file_sha256;
use crate::audit::{Audit, Intent, Operation, Outcome};
use crate::manifest::default_dir;
use crate::manifest::inventory::{Listed, list};
use crate::text::{age, count};
use crate::time;

#[derive(Debug, Clone, Args)]
pub struct ManifestsArgs {
    /// Only manifests written longer ago than this, like 90d, 12w or 24h.
    #[arg(long = "older-than", value_name = "DURATION", value_parser = time::parse_duration)]
    pub older_than_ms: Option<i64>,
    /// Remove the manifests --older-than lists (and the digest beside each), each removal
    /// an audit record with the file's SHA-256.
    #[arg(long, requires = "older_than_ms")]
    pub prune: bool,
    /// Look under this directory instead of `$XDG_DATA_HOME/rekog/manifests`.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

const USAGE: u8 = 2;

/// `read_only`: `--read-only` or `REKOG_READ_ONLY` before the subcommand.
pub fn run(args: ManifestsArgs, read_only: bool) -> ExitCode {
    // Manifests are what an erasure is proved by: read-only keeps them too.
    if args.prune
        && let Some(why) = read_only_because(read_only)
    {
        crate::text::errln!(
            "rekog: --prune refused: rekog is read-only ({why}); nothing was removed"
        );
        return ExitCode::from(USAGE);
    }
    let Some(dir) = args.dir.clone().or_else(default_dir) else {
        crate::text::errln!(
            "rekog: no place for manifests: set HOME or XDG_DATA_HOME, or pass --dir"
        );
        return ExitCode::from(USAGE);
    };
    let dir = absolute(&dir);
    let now = time::now_ms();
    let found = match list(&dir) {
        Ok(found) => found,
        Err(why) => {
            crate::text::errln!("rekog: {why}");
            return ExitCode::from(USAGE);
        }
    };
    let shown: Vec<Listed> = match args.older_than_ms {
        Some(span) => found.into_iter().filter(|l| l.age_ms(now) > span).collect(),
        None => found,
    };
    let mut out = std::io::stdout().lock();
    if !args.prune {
        if shown.is_empty() {
            crate::text::errln!("rekog: no manifests under {}", dir.display());
        } else {
            let _ = out.write_all(table(&shown, now).as_bytes());
        }
        return ExitCode::SUCCESS;
    }
    let audit = match Audit::open_default() {
        Ok(audit) => audit,
        Err(e) => {
            crate::text::errln!("rekog: {e}; nothing is removed without a record");
            return ExitCode::from(USAGE);
        }
    };
    for other in shown.iter().filter(|l| l.kind.is_none()) {
        crate::text::errln!(
            "rekog: left alone, not a manifest of rekog's: {}",
            other.path.display()
        );
    }
    let pruned = prune(&audit, &shown);
    let mut failed = 0;
    let mut bytes = 0;
    for p in &pruned {
        match &p.result {
            Ok(sha) => {
                bytes += p.size;
                let _ = writeln!(out, "removed {} (sha256 {sha})", p.path.display());
            }
            Err(why) => {
                failed += 1;
                crate::text::errln!("rekog: {why}");
            }
        }
    }
    crate::text::errln!(
        "rekog: {} removed ({}), {failed} not; recorded in {}",
        count((pruned.len() - failed) as u64, "manifest", "manifests"),
        size(bytes),
        audit.path().display()
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// One removal, as it went: the file's SHA-256 once removed, or why it is still there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pruned {
    pub path: PathBuf,
    pub size: u64,
    pub result: Result<String, String>,
}

/// The manifests of `found` (files rekog recognises as its manifests) written more than
/// `span_ms` before `now_ms`.
pub fn old(found: Vec<Listed>, span_ms: i64, now_ms: i64) -> Vec<Listed> {
    found
        .into_iter()
        .filter(|l| l.kind.is_some() && l.age_ms(now_ms) > span_ms)
        .collect()
}

/// Why rekog is read-only, if it is: the flag or the variable, else the config (its top
/// level, or the table of the profile `AWS_PROFILE` names).
pub fn read_only_because(flag: bool) -> Option<String> {
    if flag {
        return Some("--read-only or REKOG_READ_ONLY".into());
    }
    let profile = std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty());
    crate::config::Config::load_default()
        .ok()?
        .read_only_reason(profile.as_deref())
}

/// Removes each manifest of `listed` (files of no known kind are skipped) with its digest:
/// its SHA-256 first, then the intent (no record, no removal), the removal, the outcome. A
/// trail that cannot be written stops the pruning there.
pub fn prune(audit: &Audit, listed: &[Listed]) -> Vec<Pruned> {
    let mut done = Vec::new();
    for manifest in listed.iter().filter(|l| l.kind.is_some()) {
        let path = &manifest.path;
        let result = |result| Pruned {
            path: path.clone(),
            size: manifest.size,
            result,
        };
        let sha256 = match file_sha256(path) {
            Ok(sha) => sha,
            Err(e) => {
                done.push(result(Err(format!("cannot read {}: {e}", path.display()))));
                continue;
            }
        };
        let mut intent = Intent::new(
            Operation::PruneManifest,
            manifest.collection.as_deref().unwrap_or("-"),
            manifest.region.as_deref().unwrap_or("-"),
        );
        intent.account = manifest.account.clone();
        intent.face_count = manifest.faces;
        intent.manifest = Some(path.clone());
        intent.manifest_sha256 = Some(sha256.clone());
        let id = match audit.intent(&intent) {
            Ok(id) => id,
            Err(e) => {
                let why = format!("{} not removed: {e}", path.display());
                done.push(result(Err(why)));
                break;
            }
        };
        let removed = crate::manifest::remove(path);
        let outcome = match &removed {
            Ok(()) => {
                let mut o = Outcome::success(0, None);
                // No service call: no status to record.
                o.status_code = None;
                o
            }
            Err(why) => Outcome::error(None, "RemoveFailed", why, None),
        };
        let recorded = audit.outcome(&id, &outcome);
        done.push(result(match (removed, recorded) {
            (Ok(()), Ok(())) => Ok(sha256),
            (Ok(()), Err(e)) => Err(format!(
                "{} removed, but its outcome is not recorded: {e}",
                path.display()
            )),
            (Err(why), _) => Err(why),
        }));
    }
    done
}

const HEADERS: [&str; 6] = ["PATH", "KIND", "COLLECTION", "FACES", "SIZE", "AGE"];

/// The manifests in aligned columns, a header first.
pub fn table(listed: &[Listed], now_ms: i64) -> String {
    let rows: Vec<[String; 6]> = listed
        .iter()
        .map(|l| {
            [
                l.path.display().to_string(),
                l.kind.map_or("?", |k| k.as_str()).to_owned(),
                l.collection.clone().unwrap_or_else(|| "-".into()),
                l.faces.map_or_else(|| "-".into(), |n| n.to_string()),
                size(l.size),
                age(l.written_ms / 1000, now_ms),
            ]
        })
        .collect();
    let header = HEADERS.map(str::to_owned);
    let mut widths = HEADERS.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (cell, w) in row.iter().zip(widths) {
            line.push_str(&format!("{cell:<w$}  "));
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// `812 B`, `4.2 KiB`, `1.1 MiB`, `2.0 GiB`.
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 3] = ["KiB", "MiB", "GiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// What a pruning came to, for a log: `pruned 2 manifests older than 90d (1.2 MiB)`.
pub fn summary(pruned: &[Pruned], span: &str) -> String {
    let removed: Vec<&Pruned> = pruned.iter().filter(|p| p.result.is_ok()).collect();
    let bytes = removed.iter().map(|p| p.size).sum();
    format!(
        "pruned {} older than {span} ({})",
        count(removed.len() as u64, "manifest", "manifests"),
        size(bytes)
    )
}

/// The manifests directory as the trail names the manifests in it: by absolute path, so a
/// pruned one is named as the record of its export named it.
pub fn absolute(dir: &Path) -> PathBuf {
    std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf())
}

#[cfg(test)]
mod tests;
