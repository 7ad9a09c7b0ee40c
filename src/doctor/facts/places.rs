//! rekog's own files as they stand: its config, the directories and files it writes, and
//! the audit trail.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use crate::config::Config;
use crate::doctor::facts::{AuditFact, AuditState, Place, PlaceState, RekogConfig};

pub(super) fn rekog_config() -> RekogConfig {
    let Some(path) = Config::default_path() else {
        return RekogConfig::NoPlace;
    };
    match Config::load(&path) {
        Ok(config) if config.path.is_some() => RekogConfig::Loaded {
            profiles: config.profiles().count(),
            path,
        },
        Ok(_) => RekogConfig::Missing(path),
        Err(err) => RekogConfig::Broken(err),
    }
}

pub(super) fn places() -> Vec<Place> {
    use crate::paths;
    let manifests = crate::manifest::default_dir();
    let log = crate::tui::logging::default_path();
    [
        ("config dir", paths::config_dir(), true),
        ("data dir", paths::data_dir(), true),
        ("manifests", manifests, true),
        ("state dir", paths::state_dir(), true),
        ("log", log, false),
        ("cache dir", paths::cache_dir(), true),
    ]
    .into_iter()
    .map(|(name, path, dir)| Place {
        state: path.as_deref().map_or(PlaceState::Absent, place_state),
        name,
        path,
        dir,
    })
    .collect()
}

fn place_state(path: &Path) -> PlaceState {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => PlaceState::Absent,
        Err(e) => PlaceState::Unreadable(e.to_string()),
        Ok(meta) => PlaceState::Present {
            is_dir: meta.is_dir(),
            mode: meta.permissions().mode() & 0o7777,
            // SAFETY: geteuid has no preconditions and cannot fail.
            mine: meta.uid() == unsafe { libc::geteuid() },
            writable: writable(path),
        },
    }
}

/// Whether this process may write `path` (create entries in it, for a directory).
fn writable(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a NUL-terminated path that lives across the call; access only reads it.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

pub(super) fn audit() -> AuditFact {
    let path = crate::audit::Audit::default_path();
    let state = match &path {
        None => AuditState::Unknown,
        Some(path) => audit_state(path),
    };
    AuditFact { path, state }
}

/// Opens the trail for appending without creating it or writing to it; when it is absent,
/// finds the directory it would be created under.
pub fn audit_state(path: &Path) -> AuditState {
    match std::fs::OpenOptions::new().append(true).open(path) {
        Ok(file) => {
            let meta = file.metadata().ok();
            AuditState::Appendable {
                mode: meta.as_ref().map_or(0, |m| m.permissions().mode() & 0o777),
                bytes: meta.map_or(0, |m| m.len()),
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let existing = path.ancestors().skip(1).find(|p| p.exists());
            AuditState::Absent(match existing {
                Some(dir) if dir.is_dir() && writable(dir) => Ok(dir.to_path_buf()),
                Some(dir) => Err(format!("{} cannot be written", dir.display())),
                None => Err("no directory above it exists".to_owned()),
            })
        }
        Err(e) => AuditState::NotAppendable(e.to_string()),
    }
}
