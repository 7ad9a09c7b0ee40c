//! The key erasure manifests keep names under: 32 random bytes in `manifest.key` beside the
//! manifests directory (`$XDG_DATA_HOME/rekog/manifest.key`), created once, mode 0600. An
//! ExternalImageId or UserId is kept as its HMAC-SHA256 under it: whoever holds the key
//! can check whether a given name was erased (`rekog audit --find`), nobody can read the
//! names back from the manifest.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The key's file name.
pub const KEY_FILE: &str = "manifest.key";

const LEN: usize = 32;

/// A loaded key. Its bytes are never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct NameKey([u8; LEN]);

impl std::fmt::Debug for NameKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NameKey(..)")
    }
}

/// `manifest.key` in the directory above the manifests directory: for the default,
/// `$XDG_DATA_HOME/rekog/manifest.key`.
pub fn path_for(manifests: &Path) -> PathBuf {
    manifests
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(KEY_FILE)
}

/// The key of the manifest at `manifest` (`ROOT/ACCOUNT/REGION/FILE`): the one beside
/// `ROOT`, where it was written under.
pub fn path_of_manifest(manifest: &Path) -> Option<PathBuf> {
    let root = manifest.parent()?.parent()?.parent()?;
    Some(path_for(root))
}

impl NameKey {
    /// The key at `path`, created first if there is none. Two processes creating it at
    /// once agree on one: each writes its own file and links it into place, which only
    /// one link can do.
    pub fn load_or_create(path: &Path) -> Result<NameKey, String> {
        if let Some(key) = NameKey::load(path)? {
            return Ok(key);
        }
        let err = |e: std::io::Error| format!("cannot create the key {}: {e}", path.display());
        let dir = path.parent().unwrap_or(Path::new("."));
        crate::paths::create_private_dirs(dir).map_err(err)?;
        let mut bytes = [0u8; LEN];
        File::open("/dev/urandom")
            .and_then(|mut f| f.read_exact(&mut bytes))
            .map_err(|e| format!("cannot read /dev/urandom for a new key: {e}"))?;
        let draft = dir.join(format!(".{KEY_FILE}.{}", uuid::Uuid::new_v4()));
        let written = crate::paths::private_file()
            .write(true)
            .create_new(true)
            .open(&draft)
            .and_then(|mut f| {
                f.write_all(&bytes)?;
                f.sync_all()
            });
        let linked = written.and_then(|()| std::fs::hard_link(&draft, path));
        let _ = std::fs::remove_file(&draft);
        match linked {
            Ok(()) => {
                File::open(dir).and_then(|d| d.sync_all()).map_err(err)?;
                Ok(NameKey(bytes))
            }
            // Another process was first: its key is the one.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => NameKey::load(path)?
                .ok_or_else(|| format!("the key {} vanished as it was made", path.display())),
            Err(e) => Err(err(e)),
        }
    }

    /// The key at `path`; `None` when there is no file.
    pub fn load(path: &Path) -> Result<Option<NameKey>, String> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read the key {}: {e}", path.display())),
        };
        let key: [u8; LEN] = bytes.try_into().map_err(|b: Vec<u8>| {
            format!(
                "the key {} holds {} bytes, not {LEN}: it is damaged",
                path.display(),
                b.len()
            )
        })?;
        Ok(Some(NameKey(key)))
    }

    /// Hex HMAC-SHA256 of `value` under this key.
    pub fn tag(&self, value: &str) -> String {
        // HMAC takes a key of any length, so this cannot fail.
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(value.as_bytes());
        let out = mac.finalize().into_bytes();
        out.iter().fold(String::with_capacity(64), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        })
    }

    #[cfg(test)]
    pub(crate) fn from_bytes(bytes: [u8; LEN]) -> NameKey {
        NameKey(bytes)
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn created_once_0600_and_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_for(&dir.path().join("rekog/manifests"));
        assert_eq!(path, dir.path().join("rekog/manifest.key"));
        assert_eq!(NameKey::load(&path).unwrap(), None);
        let key = NameKey::load_or_create(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(std::fs::read(&path).unwrap().len(), 32);
        assert_eq!(NameKey::load_or_create(&path).unwrap(), key);
        assert_eq!(format!("{key:?}"), "NameKey(..)");
        // No draft left beside it.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["manifest.key"]);
    }

    #[test]
    fn two_installations_differ_and_a_damaged_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let a = NameKey::load_or_create(&dir.path().join("a/manifest.key")).unwrap();
        let b = NameKey::load_or_create(&dir.path().join("b/manifest.key")).unwrap();
        assert_ne!(a.tag("alice.jpg"), b.tag("alice.jpg"));
        let bad = dir.path().join("c/manifest.key");
        std::fs::create_dir_all(bad.parent().unwrap()).unwrap();
        std::fs::write(&bad, b"short").unwrap();
        let err = NameKey::load_or_create(&bad).unwrap_err();
        assert!(err.contains("holds 5 bytes"), "{err}");
    }

    #[test]
    fn the_tag_is_hex_hmac_sha256() {
        // Computed with `printf alice.jpg | openssl dgst -sha256 -mac HMAC -macopt
        // hexkey:0b0b...0b` (32 bytes of 0x0b).
        let key = NameKey::from_bytes([0x0b; 32]);
        assert_eq!(
            key.tag("alice.jpg"),
            "1abde2a3aaa41d71681da86b816af6e89a27c023560a528e754a3f0edc74bd3a"
        );
        assert_ne!(key.tag("alice.jpg"), key.tag("alice.jpeg"));
    }

    #[test]
    fn a_manifests_key_is_beside_its_root() {
        let m = Path::new("/d/rekog/manifests/123/us-east-1/x-erasure.jsonl");
        assert_eq!(
            path_of_manifest(m),
            Some(PathBuf::from("/d/rekog/manifest.key"))
        );
    }
}
