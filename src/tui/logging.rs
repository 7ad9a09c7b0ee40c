//! Diagnostics go to a file, never to the terminal the TUI draws on.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

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
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let file: File = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| format!("cannot open the log file {}: {e}", path.display()))?;
    let filter = EnvFilter::try_from_env("REKOG_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // A second init (tests running the app twice in one process) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init();
    Ok(path)
}
