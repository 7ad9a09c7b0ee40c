//! Diagnostics go to a file, never to the terminal the TUI draws on.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

use crate::paths::{create_private_dirs, private_file};

/// `$XDG_STATE_HOME/rekog/rekog.log`, or `~/.local/state/rekog/rekog.log`.
pub fn default_path() -> Option<PathBuf> {
    crate::paths::state_dir().map(|dir| dir.join("rekog.log"))
}

/// Sends `tracing` output to `path` (or the default), appending. Returns the path used.
pub fn init(path: Option<&Path>) -> Result<PathBuf, String> {
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => default_path().ok_or(
            "cannot find a place for the log file: set HOME, XDG_STATE_HOME or --log-file",
        )?,
    };
    let file = open(&path)?;
    let filter = EnvFilter::try_from_env("REKOG_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // A second init (tests running the app twice in one process) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init();
    Ok(path)
}

/// Opens the log for appending. Calls carry collection ids and caller ARNs, so a new log
/// (and a new directory for it) is the owner's alone.
fn open(path: &Path) -> Result<File, String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dirs(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    private_file()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("cannot open the log file {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn a_new_log_and_its_directory_are_private() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("state/rekog/rekog.log");
        open(&path).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&tmp.path().join("state/rekog")), 0o700);
        assert_eq!(mode(&tmp.path().join("state")), 0o700);
    }
}
