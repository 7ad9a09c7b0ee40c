//! The manifest of one erasure: what is about to be removed, written and fsynced before the
//! first call that removes anything, so that the record exists even if the erasure stops.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::key::NameKey;
use super::partial::Partial;
use super::{Exported, Target, account, erasure_path_for, lines};
use crate::aws::api::{CollectionDetail, Face, Tags, User};
use crate::ids::UserId;

/// What an erasure manifest lists besides the collection.
#[derive(Debug, Clone, Copy)]
pub struct Erasing<'a> {
    /// How the faces were found, as the operator saw it (with the names in it already
    /// kept as `names` says).
    pub search: &'a str,
    /// The users the erasure names.
    pub users: &'a [UserId],
    pub faces: &'a [Face],
    pub names: Names<'a>,
    /// When the faces were found by likeness: what was searched and how alike each is.
    pub likeness: Option<&'a Likeness>,
}

/// What a search by likeness (SearchFaces, SearchFacesByImage) looked for, at what
/// threshold, and the similarity of each face it found.
#[derive(Debug, Clone, PartialEq)]
pub struct Likeness {
    pub searched: Searched,
    /// The least similarity (0 to 100) of a face found.
    pub threshold: f32,
    /// Each face found, by FaceId; the searched face itself at 100.
    pub similarity: BTreeMap<String, f32>,
}

/// The face or photo a search by likeness started from. A photo is kept as its digest:
/// the manifest must not become a copy of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Searched {
    FaceId(String),
    ImageSha256(String),
}

/// How the manifest keeps the ExternalImageIds and UserIds: FaceIds and ImageIds are the
/// service's opaque ids and stay as they are.
#[derive(Debug, Clone, Copy)]
pub enum Names<'a> {
    /// Each as its hex HMAC-SHA256 under the installation's key.
    Hmac(&'a NameKey),
    /// In clear text (`--keep-names`), where a policy requires it.
    Clear,
}

impl Names<'_> {
    /// The first line's `names`: `hmac-sha256` or `clear`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Names::Hmac(_) => NAMES_HMAC,
            Names::Clear => NAMES_CLEAR,
        }
    }

    fn keep(&self, value: &mut Value) {
        if let (Names::Hmac(key), Value::String(name)) = (self, &*value) {
            *value = Value::String(key.tag(name));
        }
    }
}

/// The first line's `names` for manifests that keep HMACs.
pub const NAMES_HMAC: &str = "hmac-sha256";
/// The first line's `names` for manifests in clear text, as before it existed.
pub const NAMES_CLEAR: &str = "clear";

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
    first.insert("names".into(), json!(erasing.names.as_str()));
    if let Some(like) = erasing.likeness {
        let (key, value) = match &like.searched {
            Searched::FaceId(id) => ("FaceId", id),
            Searched::ImageSha256(sha) => ("ImageSha256", sha),
        };
        first.insert(
            "likeness".into(),
            json!({ key: value, "FaceMatchThreshold": like.threshold }),
        );
    }
    out.line("erasure", &first)?;
    for user_id in erasing.users {
        let user = User {
            user_id: user_id.clone(),
            status: None,
        };
        let mut line = lines::user(&user);
        hide(&erasing.names, &mut line, &["UserId"]);
        out.line("user", &line)?;
    }
    for face in erasing.faces {
        let mut line = lines::face(face);
        hide(&erasing.names, &mut line, &["ExternalImageId", "UserId"]);
        let similarity = erasing
            .likeness
            .and_then(|l| l.similarity.get(&face.face_id));
        if let Some(similarity) = similarity {
            line.insert("Similarity".into(), json!(similarity));
        }
        out.line("face", &line)?;
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

fn hide(names: &Names, line: &mut Map<String, Value>, fields: &[&str]) {
    for field in fields {
        if let Some(value) = line.get_mut(*field) {
            names.keep(value);
        }
    }
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
