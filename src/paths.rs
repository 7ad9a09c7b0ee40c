//! Where rekog keeps its files, by the XDG base-directory rules: config (settings), data
//! (manifests of deleted collections) and state (the log and the audit trail); and how it
//! creates them: readable by the owner only, since manifests name people (ExternalImageId)
//! and the log and trail say who did what.

use std::ffi::OsString;
use std::fs::{DirBuilder, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// `$XDG_CONFIG_HOME/rekog`, or `~/.config/rekog`.
pub fn config_dir() -> Option<PathBuf> {
    from_env("XDG_CONFIG_HOME", ".config")
}

/// `$XDG_DATA_HOME/rekog`, or `~/.local/share/rekog`.
pub fn data_dir() -> Option<PathBuf> {
    from_env("XDG_DATA_HOME", ".local/share")
}

/// `$XDG_STATE_HOME/rekog`, or `~/.local/state/rekog`.
pub fn state_dir() -> Option<PathBuf> {
    from_env("XDG_STATE_HOME", ".local/state")
}

/// `$XDG_CACHE_HOME/rekog`, or `~/.cache/rekog`.
pub fn cache_dir() -> Option<PathBuf> {
    from_env("XDG_CACHE_HOME", ".cache")
}

/// Creates `dir` and whichever of its parents are missing with mode 0700 (less what the
/// umask takes away). Directories that exist already are left as they are.
pub fn create_private_dirs(dir: &Path) -> std::io::Result<()> {
    DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

/// Open options whose `create` makes the file with mode 0600 (less what the umask takes
/// away); add the access mode and how to create. An existing file keeps its mode.
pub fn private_file() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.mode(0o600);
    options
}

/// Whether `dir` can hold manifests: a directory, or one that can be made under the
/// nearest directory that exists. Checked before any call, so that a typo in `--dir` is
/// not found out after the collection was read.
pub fn check_dir(dir: &Path) -> Result<(), String> {
    match dir.ancestors().find(|a| a.exists()) {
        Some(a) if !a.is_dir() && a == dir => Err(format!("{} is not a directory", dir.display())),
        Some(a) if !a.is_dir() => Err(format!(
            "{} cannot be made: {} is not a directory",
            dir.display(),
            a.display()
        )),
        _ => Ok(()),
    }
}

/// `--out -`: standard output, as the convention has it (not a file named `-`).
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Writes `bytes` to `path` as a file only its owner may read, and syncs it. A file already
/// there is replaced, and made the owner's alone too: an older file keeps its mode on open.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;
    let mut file = private_file()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn from_env(var: &str, under_home: &str) -> Option<PathBuf> {
    resolve(std::env::var_os(var), std::env::var_os("HOME"), under_home)
}

/// The XDG rule itself, apart from the environment so that it can be tested: an empty or
/// relative variable is ignored (the spec calls it invalid), and HOME is the fallback.
fn resolve(var: Option<OsString>, home: Option<OsString>, under_home: &str) -> Option<PathBuf> {
    let base = var
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            home.map(PathBuf::from)
                .filter(|h| !h.as_os_str().is_empty())
                .map(|h| h.join(under_home))
        })?;
    Some(base.join("rekog"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(s: &str) -> Option<OsString> {
        Some(OsString::from(s))
    }

    #[test]
    fn a_manifest_dir_is_a_directory_or_can_be_made_one() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("afile");
        std::fs::write(&file, "x").unwrap();
        assert!(check_dir(tmp.path()).is_ok());
        assert!(check_dir(&tmp.path().join("new/deeper")).is_ok());
        assert_eq!(
            check_dir(&file),
            Err(format!("{} is not a directory", file.display()))
        );
        let under = file.join("sub");
        assert_eq!(
            check_dir(&under),
            Err(format!(
                "{} cannot be made: {} is not a directory",
                under.display(),
                file.display()
            ))
        );
    }

    #[test]
    fn variable_wins_over_home() {
        assert_eq!(
            resolve(os("/x/state"), os("/home/op"), ".local/state"),
            Some(PathBuf::from("/x/state/rekog"))
        );
    }

    #[test]
    fn empty_or_relative_variable_falls_back_to_home() {
        for var in ["", "relative/dir"] {
            assert_eq!(
                resolve(os(var), os("/home/op"), ".local/share"),
                Some(PathBuf::from("/home/op/.local/share/rekog")),
                "{var:?}"
            );
        }
        assert_eq!(
            resolve(None, os("/home/op"), ".config"),
            Some(PathBuf::from("/home/op/.config/rekog"))
        );
    }

    #[test]
    fn private_dirs_and_files_are_the_owners_alone() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let tmp = tempfile::tempdir().unwrap();
        let deep = tmp.path().join("rekog/manifests/acct");
        create_private_dirs(&deep).unwrap();
        for dir in ["rekog", "rekog/manifests", "rekog/manifests/acct"] {
            assert_eq!(mode(&tmp.path().join(dir)), 0o700, "{dir}");
        }
        create_private_dirs(&deep).unwrap();
        let file = deep.join("f");
        private_file()
            .write(true)
            .create_new(true)
            .open(&file)
            .unwrap();
        assert_eq!(mode(&file), 0o600);
    }

    /// A file written over one anyone could read is the owner's alone, with the new bytes.
    #[test]
    fn write_private_makes_an_older_file_private_too() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("receipt.md");
        std::fs::write(&path, "older and longer\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&path, b"new\n").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
    }

    #[test]
    fn nothing_to_go_on_gives_none() {
        assert_eq!(resolve(None, None, ".config"), None);
        assert_eq!(resolve(os("rel"), os(""), ".config"), None);
    }
}
