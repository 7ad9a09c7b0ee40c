//! The manifest of one erasure: what is about to be removed, written and fsynced before the
//! first call that removes anything, so that the record exists even if the erasure stops.

use std::path::{Path, PathBuf};

use serde_json::json;

use super::partial::Partial;
use super::{Exported, Target, account, erasure_path_for, lines};
use crate::aws::api::{CollectionDetail, Face, Tags, User};
use crate::ids::UserId;

/// What an erasure manifest lists besides the collection.
#[derive(Debug, Clone, Copy)]
pub struct Erasing<'a> {
    /// How the faces were found, as the operator saw it.
    pub search: &'a str,
    /// The users the erasure names.
    pub users: &'a [UserId],
    pub faces: &'a [Face],
}

/// Writes the manifest of `erasing` in `target` (as `detail` and `tags` describe it) under
/// `dir`: an `erasure` line, a `user` line per named user (their status is not read: a
/// ListUsers scan of a large collection would cost more than it tells), a `face` line per
/// face as it was found, and the `end` line. Any failure removes the partial file.
pub fn erasure(
    target: &Target,
    detail: &CollectionDetail,
    tags: Tags,
    erasing: &Erasing,
    dir: &Path,
    now_ms: i64,
) -> Result<Exported, String> {
    let account = account(target, detail);
    let path = free_path(dir, &account, target, now_ms);
    let mut out = Partial::create(&path)?;
    let mut first = lines::described(target, &account, detail, tags, now_ms);
    first.insert("search".into(), json!(erasing.search));
    out.line("erasure", &first)?;
    for user_id in erasing.users {
        let user = User {
            user_id: user_id.clone(),
            status: None,
        };
        out.line("user", &lines::user(&user))?;
    }
    for face in erasing.faces {
        out.line("face", &lines::face(face))?;
    }
    let (faces, users) = (erasing.faces.len() as u64, erasing.users.len() as u64);
    out.line("end", &lines::end(faces, users))?;
    let sha256 = out.finish()?;
    Ok(Exported {
        path,
        sha256,
        faces,
        users,
        described_faces: detail.face_count,
    })
}

/// The erasure path for `now_ms`, or with `-2`, `-3`... before `.jsonl` when an erasure of
/// the same collection in the same second has it already (two people erased one after the
/// other). The file is still created exclusively, so a race loses with an error, never
/// with an overwrite.
fn free_path(dir: &Path, account: &str, target: &Target, now_ms: i64) -> PathBuf {
    let first = erasure_path_for(dir, account, &target.region, &target.id, now_ms);
    let stem = first.with_extension("");
    let mut path = first.clone();
    for n in 2..=1000 {
        if !path.exists() {
            return path;
        }
        let mut name = stem.as_os_str().to_owned();
        name.push(format!("-{n}.jsonl"));
        path = PathBuf::from(name);
    }
    first
}
