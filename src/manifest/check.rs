//! Reading a manifest back to see that it is whole: a collection (or erasure) line first,
//! an end line last whose counts match the lines between, and nothing after it.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde_json::Value;

/// A complete manifest's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub faces: u64,
    pub users: u64,
}

/// Checks the manifest at `path`; the error says what is wrong (say, a missing end line:
/// the file was cut off).
pub fn check(path: &Path) -> Result<Summary, String> {
    let shown = path.display();
    let file = File::open(path).map_err(|e| format!("cannot open {shown}: {e}"))?;
    let lines = BufReader::new(file).lines();
    let mut n = 0usize;
    let mut counted = Summary { faces: 0, users: 0 };
    let mut end: Option<Summary> = None;
    for line in lines {
        n += 1;
        let line = line.map_err(|e| format!("{shown}:{n}: cannot read: {e}"))?;
        let value: Value = serde_json::from_str(&line)
            .map_err(|e| format!("{shown}:{n}: not a JSON line ({e}); the file is damaged"))?;
        let kind = value.get("kind").and_then(Value::as_str).unwrap_or("");
        if end.is_some() {
            return Err(format!("{shown}:{n}: a line after the end line"));
        }
        match (n, kind) {
            (1, "collection" | "erasure") => {}
            (1, _) => {
                return Err(format!(
                    "{shown}:1: the first line is neither a collection nor an erasure"
                ));
            }
            (_, "user") => counted.users += 1,
            (_, "face") => counted.faces += 1,
            (_, "end") => {
                let count = |k: &str| value.get(k).and_then(Value::as_u64);
                let (Some(faces), Some(users)) = (count("faces"), count("users")) else {
                    return Err(format!("{shown}:{n}: the end line lacks its counts"));
                };
                end = Some(Summary { faces, users });
            }
            (_, other) => return Err(format!("{shown}:{n}: unknown kind {other:?}")),
        }
    }
    match end {
        None => Err(format!(
            "{shown}: no end line: the export was cut off ({} faces, {} users read)",
            counted.faces, counted.users
        )),
        Some(end) if end != counted => Err(format!(
            "{shown}: the end line says {} faces and {} users but the file holds {} and {}",
            end.faces, end.users, counted.faces, counted.users
        )),
        Some(end) => Ok(end),
    }
}
