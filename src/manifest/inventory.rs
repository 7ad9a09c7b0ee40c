//! The manifests on this box: every `*.jsonl` under the manifests directory, with what its
//! first and last lines say (kind, collection, faces) and how old it is.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde_json::Value;

/// What a manifest was taken for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole collection, before DeleteCollection (or by `rekog manifest`).
    Collection,
    /// One person's faces and users, before an erasure.
    Erasure,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Collection => "collection",
            Kind::Erasure => "erasure",
        }
    }
}

/// One file found.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub path: PathBuf,
    /// `None`: the first line is not a manifest's (damaged, or not rekog's file).
    pub kind: Option<Kind>,
    pub collection: Option<String>,
    pub account: Option<String>,
    pub region: Option<String>,
    /// From the end line; `None` when the file was cut off before it.
    pub faces: Option<u64>,
    pub size: u64,
    /// When it was written: its `exported_at`, else the file's modification time.
    pub written_ms: i64,
}

impl Listed {
    /// How long before `now_ms` it was written.
    pub fn age_ms(&self, now_ms: i64) -> i64 {
        now_ms.saturating_sub(self.written_ms).max(0)
    }
}

/// Every manifest under `dir`, oldest first. A directory that does not exist holds none.
/// Symbolic links are not followed: whatever they point to is not rekog's to list or
/// prune.
pub fn list(dir: &Path) -> Result<Vec<Listed>, String> {
    let mut found = Vec::new();
    walk(dir, &mut found, true)?;
    found.sort_by(|a, b| (a.written_ms, &a.path).cmp(&(b.written_ms, &b.path)));
    Ok(found)
}

fn walk(dir: &Path, found: &mut Vec<Listed>, top: bool) -> Result<(), String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if top && e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot read {}: {e}", dir.display())),
    };
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if kind.is_dir() {
            walk(&path, found, false)?;
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "jsonl") {
            found.push(read(&path)?);
        }
    }
    Ok(())
}

/// What the file at `path` says of itself.
pub fn read(path: &Path) -> Result<Listed, String> {
    let err = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
    let mut file = File::open(path).map_err(err)?;
    let meta = file.metadata().map_err(err)?;
    let modified_ms = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    let first = first_line(&mut file).map_err(err)?;
    let text = |k: &str| first.get(k).and_then(Value::as_str).map(str::to_owned);
    let kind = match first.get("kind").and_then(Value::as_str) {
        Some("collection") => Some(Kind::Collection),
        Some("erasure") => Some(Kind::Erasure),
        _ => None,
    };
    let written_ms = text("exported_at")
        .and_then(|t| crate::time::parse_rfc3339(&t))
        .unwrap_or(modified_ms);
    let faces = last_line(&mut file, meta.len())
        .map_err(err)?
        .filter(|end| end.get("kind").and_then(Value::as_str) == Some("end"))
        .and_then(|end| end.get("faces").and_then(Value::as_u64));
    Ok(Listed {
        path: path.to_path_buf(),
        kind,
        collection: text("CollectionId"),
        account: text("account"),
        region: text("region"),
        faces,
        size: meta.len(),
        written_ms,
    })
}

/// The first line as JSON; `Null` when it is not JSON. A first line is a describe and tags:
/// it is read whole, however long.
fn first_line(file: &mut File) -> std::io::Result<Value> {
    let mut line = Vec::new();
    BufReader::new(&mut *file).read_until(b'\n', &mut line)?;
    Ok(serde_json::from_slice(&line).unwrap_or(Value::Null))
}

/// The last line as JSON, read from the end of the file: an end line is short, and a
/// manifest of a large collection is not read through to find it.
fn last_line(file: &mut File, len: u64) -> std::io::Result<Option<Value>> {
    const TAIL: u64 = 4096;
    let start = len.saturating_sub(TAIL);
    file.seek(SeekFrom::Start(start))?;
    let mut tail = Vec::with_capacity(TAIL as usize);
    file.take(TAIL).read_to_end(&mut tail)?;
    let body = tail.strip_suffix(b"\n").unwrap_or(&tail);
    let last = match body.iter().rposition(|&b| b == b'\n') {
        Some(i) => &body[i + 1..],
        // The whole tail is one line: the file's only line, or a longer one cut.
        None if start == 0 => body,
        None => return Ok(None),
    };
    Ok(serde_json::from_slice(last).ok())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn write(path: &Path, lines: &[&str]) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut f = File::create(path).unwrap();
        for line in lines {
            writeln!(f, "{line}").unwrap();
        }
    }

    #[test]
    fn lists_each_manifest_with_its_kind_collection_faces_and_age() {
        let dir = tempfile::tempdir().unwrap();
        let place = dir.path().join("123/eu-west-1");
        write(
            &place.join("lobby-20260101T000000Z.jsonl"),
            &[
                r#"{"kind":"collection","CollectionId":"lobby","account":"123","region":"eu-west-1","exported_at":"2026-01-01T00:00:00.000Z"}"#,
                r#"{"kind":"face","FaceId":"f1"}"#,
                r#"{"kind":"face","FaceId":"f2"}"#,
                r#"{"kind":"end","faces":2,"users":0}"#,
            ],
        );
        std::fs::write(place.join("lobby-20260101T000000Z.jsonl.sha256"), "x").unwrap();
        write(
            &place.join("lobby-20260201T000000Z-erasure.jsonl"),
            &[
                r#"{"kind":"erasure","CollectionId":"lobby","exported_at":"2026-02-01T00:00:00.000Z"}"#,
                r#"{"kind":"face","FaceId":"f1"}"#,
            ],
        );
        write(&dir.path().join("notes.jsonl"), &["not json"]);
        std::fs::write(dir.path().join("README"), "not a manifest").unwrap();

        let found = list(dir.path()).unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|l| l.path.strip_prefix(dir.path()).unwrap().to_owned())
            .collect();
        assert_eq!(
            names,
            [
                PathBuf::from("123/eu-west-1/lobby-20260101T000000Z.jsonl"),
                PathBuf::from("123/eu-west-1/lobby-20260201T000000Z-erasure.jsonl"),
                PathBuf::from("notes.jsonl"),
            ]
        );
        let whole = &found[0];
        assert_eq!(whole.kind, Some(Kind::Collection));
        assert_eq!(whole.collection.as_deref(), Some("lobby"));
        assert_eq!(whole.region.as_deref(), Some("eu-west-1"));
        assert_eq!(whole.faces, Some(2));
        assert_eq!(whole.written_ms, 1_767_225_600_000);
        assert_eq!(whole.age_ms(1_767_225_600_000 + 5), 5);
        assert_eq!(
            whole.size,
            std::fs::metadata(&whole.path).unwrap().len(),
            "the file's size"
        );
        // Cut off before its end line: no count.
        assert_eq!(found[1].kind, Some(Kind::Erasure));
        assert_eq!(found[1].faces, None);
        assert_eq!(found[2].kind, None);
    }

    #[test]
    fn the_end_line_is_found_after_a_long_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.jsonl");
        let face = format!(r#"{{"kind":"face","FaceId":"{}"}}"#, "f".repeat(100));
        let mut lines = vec![r#"{"kind":"collection","CollectionId":"big"}"#];
        lines.extend(std::iter::repeat_n(face.as_str(), 500));
        lines.push(r#"{"kind":"end","faces":500,"users":0}"#);
        write(&path, &lines);
        assert_eq!(read(&path).unwrap().faces, Some(500));
    }

    #[test]
    fn no_directory_holds_no_manifests() {
        let dir = tempfile::tempdir().unwrap();
        assert!(list(&dir.path().join("none")).unwrap().is_empty());
    }
}
