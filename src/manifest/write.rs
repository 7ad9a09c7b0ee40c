//! Writing a manifest: streamed page by page (memory bounded by one page), hashed as it is
//! written, fsynced, and removed again if the export does not finish.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::{Target, digest_path, lines, path_for};
use crate::api::{ApiError, Described, FaceFilter, MAX_FACE_PAGE, MAX_USER_PAGE, Rekognition};
use crate::app::format::account_of;
use crate::paths::{create_private_dirs, private_file};

/// A finished manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    /// Hex sha256 of the file, also in `FILE.sha256`.
    pub sha256: String,
    pub faces: u64,
    pub users: u64,
    /// FaceCount from the DescribeCollection at the start of the export.
    pub described_faces: Option<u64>,
}

/// How far an export is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub faces: u64,
    pub total: Option<u64>,
}

/// Exports `target` from `backend` under `dir`, calling `progress` after each page. Any
/// failure, and dropping the future (a cancelled task), removes the partial file.
pub async fn export<R: Rekognition>(
    backend: &R,
    target: &Target,
    dir: &Path,
    now_ms: i64,
    mut progress: impl FnMut(Progress) + Send,
) -> Result<Exported, String> {
    let id = target.id.as_str();
    let call = |op: &str, e: ApiError| format!("{op} {id}: {e}");
    let Described { detail, tags } = backend
        .describe_with_tags(id)
        .await
        .result
        .map_err(|e| call("DescribeCollection", e))?;
    let tags = tags.map_err(|e| call("ListTagsForResource", e))?;
    let total = detail.face_count;
    progress(Progress { faces: 0, total });
    let account = target
        .account
        .clone()
        .or_else(|| account_of(detail.arn.as_deref()?).map(str::to_owned))
        .unwrap_or_else(|| "unknown-account".to_owned());
    let path = path_for(dir, &account, &target.region, id, now_ms);
    let mut out = Partial::create(&path)?;
    let mut described = lines::collection(id, &detail, tags);
    described.insert("account".into(), json!(account));
    described.insert("region".into(), json!(target.region));
    described.insert("profile".into(), json!(target.profile));
    described.insert("endpoint".into(), json!(target.endpoint));
    let exported_at = crate::time::format_rfc3339(now_ms);
    described.insert("exported_at".into(), json!(exported_at));
    described.insert("rekog_version".into(), json!(env!("CARGO_PKG_VERSION")));
    out.line("collection", &described)?;

    let mut users = 0u64;
    let mut token = None;
    loop {
        let page = backend
            .list_users_page(id, token, MAX_USER_PAGE)
            .await
            .result
            .map_err(|e| call("ListUsers", e))?;
        for user in &page.users {
            out.line("user", &lines::user(user))?;
            users += 1;
        }
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }
    let mut faces = 0u64;
    loop {
        let page = backend
            .list_faces_page(id, &FaceFilter::All, token, MAX_FACE_PAGE)
            .await
            .result
            .map_err(|e| call("ListFaces", e))?;
        for face in &page.faces {
            out.line("face", &lines::face(face))?;
            faces += 1;
        }
        progress(Progress { faces, total });
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }
    let mut end = Map::new();
    end.insert("faces".into(), json!(faces));
    end.insert("users".into(), json!(users));
    out.line("end", &end)?;
    let sha256 = out.finish()?;
    Ok(Exported {
        path,
        sha256,
        faces,
        users,
        described_faces: total,
    })
}

/// The file being written. Until [`Partial::finish`] succeeds, dropping it removes it.
struct Partial {
    path: PathBuf,
    file: Option<BufWriter<File>>,
    hash: Sha256,
    buf: Vec<u8>,
}

impl Partial {
    fn create(path: &Path) -> Result<Partial, String> {
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
    fn line(&mut self, kind: &str, fields: &Map<String, Value>) -> Result<(), String> {
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
    fn finish(mut self) -> Result<String, String> {
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
