//! A manifest file as it is written: hashed line by line, fsynced with its digest beside
//! it, and removed again unless it is finished. Collection and erasure manifests share it.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::digest_path;
use crate::paths::{create_private_dirs, private_file};

/// The file being written. Until [`Partial::finish`] succeeds, dropping it removes it.
pub(super) struct Partial {
    path: PathBuf,
    file: Option<BufWriter<File>>,
    hash: Sha256,
    buf: Vec<u8>,
}

impl Partial {
    pub(super) fn create(path: &Path) -> Result<Partial, String> {
        let err = |e: std::io::Error| format!("cannot create the manifest {}: {e}", path.display());
        if let Some(dir) = path.parent() {
            create_private_dirs(dir).map_err(err)?;
        }
        let file = private_file()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(err)?;
        Ok(Partial {
            path: path.to_path_buf(),
            file: Some(BufWriter::with_capacity(256 * 1024, file)),
            hash: Sha256::new(),
            buf: Vec::with_capacity(1024),
        })
    }

    /// Writes `{"kind":KIND,...fields}`: `kind` first, so a reader (or `head -1`) sees at
    /// once what the line is; the fields follow in name order.
    pub(super) fn line(&mut self, kind: &str, fields: &Map<String, Value>) -> Result<(), String> {
        self.buf.clear();
        self.buf.extend_from_slice(b"{\"kind\":");
        serde_json::to_writer(&mut self.buf, kind).map_err(|e| e.to_string())?;
        let start = self.buf.len();
        serde_json::to_writer(&mut self.buf, fields).map_err(|e| e.to_string())?;
        // The fields' own `{` becomes the separator after `kind` (or goes, when empty).
        if fields.is_empty() {
            self.buf.truncate(start);
            self.buf.push(b'}');
        } else {
            self.buf[start] = b',';
        }
        self.buf.push(b'\n');
        self.hash.update(&self.buf);
        let Some(file) = self.file.as_mut() else {
            return Err("the manifest is already closed".into());
        };
        file.write_all(&self.buf).map_err(|e| self.write_error(&e))
    }

    fn write_error(&self, e: &std::io::Error) -> String {
        format!("cannot write the manifest {}: {e}", self.path.display())
    }

    /// Flushes and fsyncs the file, writes `FILE.sha256`, and keeps both.
    pub(super) fn finish(mut self) -> Result<String, String> {
        let Some(file) = self.file.take() else {
            return Err("the manifest is already closed".into());
        };
        let file = file.into_inner().map_err(|e| self.write_error(e.error()))?;
        file.sync_all().map_err(|e| self.write_error(&e))?;
        let sha256 = hex(&self.hash.clone().finalize());
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let digest = digest_path(&self.path);
        let write_digest = || -> std::io::Result<()> {
            let mut f = private_file()
                .write(true)
                .create(true)
                .truncate(true)
                .open(&digest)?;
            // The `sha256sum -c` format.
            writeln!(f, "{sha256}  {name}")?;
            f.sync_all()?;
            if let Some(dir) = self.path.parent() {
                File::open(dir)?.sync_all()?;
            }
            Ok(())
        };
        if let Err(e) = write_digest() {
            let _ = std::fs::remove_file(&digest);
            return Err(format!("cannot write {}: {e}", digest.display()));
        }
        self.path = PathBuf::new();
        Ok(sha256)
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            self.file = None;
            if let Err(e) = std::fs::remove_file(&self.path) {
                tracing::warn!(
                    "cannot remove the partial manifest {}: {e}",
                    self.path.display()
                );
            }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
