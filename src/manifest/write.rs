//! Writing a manifest: streamed page by page (memory bounded by one page), hashed as it is
//! written, fsynced, and removed again if the export does not finish.

use std::path::{Path, PathBuf};

use super::partial::Partial;
use super::{Target, account, lines, path_for};
use crate::aws::api::{ApiError, Described, FaceFilter, MAX_FACE_PAGE, MAX_USER_PAGE, Rekognition};

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
    let id = &target.id;
    let call = |op: &str, e: ApiError| format!("{op} {id}: {e}");
    let Described { detail, tags } = backend
        .describe_with_tags(id)
        .await
        .result
        .map_err(|e| call("DescribeCollection", e))?;
    let tags = tags.map_err(|e| call("ListTagsForResource", e))?;
    let total = detail.face_count;
    progress(Progress { faces: 0, total });
    let account = account(target, &detail);
    let path = path_for(dir, &account, &target.region, id, now_ms);
    let mut out = Partial::create(&path)?;
    let first = lines::described(target, &account, &detail, tags, now_ms);
    out.line("collection", &first)?;

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
    out.line("end", &lines::end(faces, users))?;
    let sha256 = out.finish()?;
    Ok(Exported {
        path,
        sha256,
        faces,
        users,
        described_faces: total,
    })
}
